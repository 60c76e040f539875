/*
 * compose: what each kind of delivery says.  A confirmation carries the
 * signed link that confirms (it expires); a campaign's message carries
 * the campaign's text and HTML and, per recipient, the links to the
 * preferences and to unsubscribe, in the footer and in List-Unsubscribe
 * (https, with RFC 8058 one-click, and mailto).  The HTML is what mail
 * programs render: one table-free column, inline styles only, no
 * script, no remote image.  Text is escaped into the HTML here; a
 * campaign's HTML is the back office's, already made safe there.  A
 * campaign's message is made of parts (mail_campaign_init, the footers'
 * lines) so that campaign.c can build it once and splice in each
 * recipient's lines; the general path here joins the same parts.
 */
#include <string.h>

#include "mail_int.h"

enum err
mail_site_load(struct store *s, const struct mail_config *cfg,
    struct mail_site *ms)
{
	json_t *set = NULL;
	const char *v;
	size_t n;
	enum err rc;

	memset(ms, 0, sizeof(*ms));
	ms->arena = arena_new();
	if (cfg->mail_from == NULL || mail_address_split(ms->arena,
	    cfg->mail_from, &ms->from_name, &ms->from_addr) != ERR_OK) {
		log_warnx("mail: mail_from must be an address, or a name and "
		    "<address>");
		return ERR_INVAL;
	}
	if ((rc = store_site_get(s, &set)) != ERR_OK)
		return rc;
	v = json_string_value(json_object_get(set, "name"));
	ms->name = arena_strdup(ms->arena, v != NULL && *v != '\0' ? v :
	    "Octavo");
	v = json_string_value(json_object_get(set, "base_url"));
	if (v == NULL || (strncmp(v, "https://", 8) != 0 &&
	    strncmp(v, "http://", 7) != 0)) {
		log_warnx("mail: the links need the site's base_url (octavo "
		    "site set base_url https://...)");
		json_decref(set);
		return ERR_INVAL;
	}
	n = strlen(v);
	while (n > 0 && v[n - 1] == '/')
		n--;
	ms->base_url = arena_strndup(ms->arena, v, n);
	ms->list_id = cfg->mail_list_id;
	json_decref(set);
	return ERR_OK;
}

void
mail_site_free(struct mail_site *ms)
{
	arena_free(ms->arena);
	memset(ms, 0, sizeof(*ms));
}

/* The HTML page around body (HTML), up to where a footer would go. */
static void
html_page_head(struct buf *b, const struct mail_site *ms, const char *title,
    const char *body)
{
	buf_puts(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width\">"
	    "<title>");
	esc_html(b, title, strlen(title));
	buf_puts(b, "</title></head>\n<body style=\"margin:0;padding:0;"
	    "background:#f4f1ea;\">\n<div style=\"max-width:600px;margin:0 "
	    "auto;padding:24px 20px;background:#ffffff;color:#222222;"
	    "font-family:Georgia,'Times New Roman',serif;font-size:17px;"
	    "line-height:1.5;\">\n<p style=\"margin:0 0 20px;font-size:"
	    "14px;letter-spacing:0.08em;text-transform:uppercase;color:"
	    "#7a2e1d;\"><a href=\"");
	esc_html(b, ms->base_url, strlen(ms->base_url));
	buf_puts(b, "/\" style=\"color:#7a2e1d;text-decoration:none;\">");
	esc_html(b, ms->name, strlen(ms->name));
	buf_puts(b, "</a></p>\n");
	buf_puts(b, body);
}

static const char html_rule[] = "<hr style=\"border:0;border-top:1px solid "
    "#dddddd;margin:32px 0 16px;\">\n";
static const char html_end[] = "</div>\n</body></html>\n";

/* The HTML page around body (HTML), without a footer. */
static void
html_page(struct buf *b, const struct mail_site *ms, const char *title,
    const char *body)
{
	html_page_head(b, ms, title, body);
	buf_puts(b, html_end);
}

/* A paragraph of text, escaped. */
static void
html_p(struct buf *b, const char *text)
{
	buf_puts(b, "<p style=\"margin:0 0 16px;\">");
	esc_html(b, text, strlen(text));
	buf_puts(b, "</p>\n");
}

static void
html_link(struct buf *b, const char *url, const char *text,
    const char *style)
{
	buf_puts(b, "<a href=\"");
	esc_html(b, url, strlen(url));
	buf_printf(b, "\" style=\"%s\">", style);
	esc_html(b, text, strlen(text));
	buf_puts(b, "</a>");
}

/*
 * The tags Markdown makes, with the inline styles mail programs keep
 * (most drop <style> blocks): body, Markdown's HTML, is copied into b
 * with each opening tag of the table given its style.
 */
static const struct {
	const char	*tag;
	const char	*styled;
} inline_css[] = {
	{ "<p>", "<p style=\"margin:0 0 16px;\">" },
	{ "<h1>", "<h1 style=\"font-size:26px;line-height:1.25;margin:0 0 "
	    "16px;font-weight:normal;\">" },
	{ "<h2>", "<h2 style=\"font-size:19px;margin:28px 0 12px;"
	    "padding-top:12px;border-top:1px solid #e4ddd0;font-weight:normal;"
	    "color:#7a2e1d;\">" },
	{ "<h3>", "<h3 style=\"font-size:17px;margin:20px 0 8px;\">" },
	{ "<a href=", "<a style=\"color:#1d3f7a;\" href=" },
	{ "<ul>", "<ul style=\"margin:0 0 16px;padding-left:24px;\">" },
	{ "<blockquote>", "<blockquote style=\"margin:0 0 16px;padding-left:"
	    "16px;border-left:3px solid #e4ddd0;color:#555555;\">" },
};

static void
html_styled(struct buf *b, const char *body)
{
	const char *p = body;
	size_t i, n;

	while (*p != '\0') {
		if (*p != '<') {
			n = strcspn(p, "<");
			buf_add(b, p, n);
			p += n;
			continue;
		}
		for (i = 0; i < nitems(inline_css); i++) {
			n = strlen(inline_css[i].tag);
			if (strncmp(p, inline_css[i].tag, n) == 0)
				break;
		}
		if (i < nitems(inline_css)) {
			buf_puts(b, inline_css[i].styled);
			p += n;
		} else
			buf_putc(b, *p++);
	}
}

static const char button[] = "display:inline-block;padding:10px 18px;"
    "background:#7a2e1d;color:#ffffff;text-decoration:none;"
    "border-radius:4px;font-family:Arial,Helvetica,sans-serif;";
static const char plain_link[] = "color:#7a2e1d;";

/* A subscriber's link of kind, signed with key (NULL: s's, read now). */
static enum err
link(struct store *s, const unsigned char *key, const struct mail_site *ms,
    struct arena *a, char kind, const json_t *sub, int64_t now,
    const char **url)
{
	static const char *const path[] = { "confirm", "unsubscribe",
	    "preferences" };
	char tok[SIGNED_TOKEN_LEN];
	int i = kind == SITE_LINK_CONFIRM ? 0 :
	    kind == SITE_LINK_UNSUBSCRIBE ? 1 : 2;
	int64_t id = json_integer_value(json_object_get(sub, "id"));
	const char *salt = json_string_value(json_object_get(sub, "token"));
	enum err rc;

	if (key != NULL)
		site_link_token_keyed(key, kind, id, salt, now, tok);
	else if ((rc = site_link_token(s, kind, id, salt, now, tok)) !=
	    ERR_OK)
		return rc;
	*url = arena_printf(a, "%s/newsletter/%s/%s", ms->base_url, path[i],
	    tok);
	return ERR_OK;
}

/*
 * A mail that asks for one action: a greeting, what was asked (p1),
 * the link as a button, and what happens if it was not the reader.
 */
static void
action_mail(struct arena *a, const struct mail_site *ms, struct mail_msg *m,
    const char *heading, const char *p1, const char *url,
    const char *action, const char *not_you)
{
	struct buf h;

	m->text = arena_printf(a, "Hello,\n\n%s\n\n%s\n\n%s\n", p1, url,
	    not_you);
	buf_init(&h, LIMIT_MAIL_MESSAGE);
	buf_puts(&h, "<h1 style=\"font-size:24px;margin:0 0 16px;"
	    "font-weight:normal;\">");
	esc_html(&h, heading, strlen(heading));
	buf_puts(&h, "</h1>\n");
	html_p(&h, p1);
	buf_puts(&h, "<p style=\"margin:24px 0;\">");
	html_link(&h, url, action, button);
	buf_puts(&h, "</p>\n");
	html_p(&h, not_you);
	m->html = arena_strdup(a, h.p);
	buf_reset(&h);
	html_page(&h, ms, m->subject, m->html);
	m->html = arena_strdup(a, h.p);
	buf_free(&h);
}

static enum err
compose_confirm(struct store *s, const struct mail_site *ms,
    struct arena *a, const json_t *sub, struct mail_msg *m, int64_t now)
{
	const char *url, *p1;
	enum err rc;

	if ((rc = link(s, NULL, ms, a, SITE_LINK_CONFIRM, sub, now,
	    &url)) != ERR_OK)
		return rc;
	m->subject = arena_printf(a, "Confirm your subscription to %s",
	    ms->name);
	p1 = arena_printf(a, "Someone, probably you, asked to receive the "
	    "newsletter of %s at this address. To confirm, follow this link "
	    "within seven days:", ms->name);
	action_mail(a, ms, m, "Confirm your subscription", p1, url,
	    "Confirm my subscription", "If it was not you, ignore this "
	    "message: we will send you nothing else.");
	return ERR_OK;
}

/*
 * A back-office user's password reset: the link is made now, for the
 * account at the delivery's address, and lives an hour; a disabled or
 * vanished account gets nothing.
 */
static enum err
compose_reset(struct store *s, const struct mail_site *ms, struct arena *a,
    const char *to, struct mail_msg *m, int64_t now)
{
	char tok[SIGNED_TOKEN_LEN];
	json_t *user = NULL;
	const char *url, *p1;
	enum err rc;

	if ((rc = store_user_find(s, to, &user)) != ERR_OK)
		return rc;
	if (json_integer_value(json_object_get(user, "disabled")) != 0) {
		json_decref(user);
		return ERR_AUTH;
	}
	rc = site_link_token(s, SITE_LINK_RESET, json_integer_value(
	    json_object_get(user, "id")), json_string_value(json_object_get(
	    user, "password")), now, tok);
	json_decref(user);
	if (rc != ERR_OK)
		return rc;
	url = arena_printf(a, "%s/admin/password/reset/%s", ms->base_url,
	    tok);
	m->subject = arena_printf(a, "Set a new password for %s",
	    ms->name);
	p1 = arena_printf(a, "Someone, probably you, asked to set a new "
	    "password for your account in the back office of %s. To choose "
	    "one, follow this link within an hour:", ms->name);
	action_mail(a, ms, m, "Set a new password", p1, url,
	    "Choose a new password", "If it was not you, ignore this "
	    "message: your password stays as it is.");
	return ERR_OK;
}

void
mail_campaign_footer_text(struct buf *b, const char *prefs, const char *unsub)
{
	buf_printf(b, "Your preferences: %s\nUnsubscribe: %s\n", prefs, unsub);
}

void
mail_campaign_footer_html(struct buf *b, const struct mail_site *ms,
    const char *prefs, const char *unsub)
{
	buf_puts(b, "<p style=\"margin:0;font-family:Arial,Helvetica,"
	    "sans-serif;font-size:13px;color:#666666;\">You receive this "
	    "because you subscribed to the newsletter of ");
	esc_html(b, ms->name, strlen(ms->name));
	buf_puts(b, ". ");
	html_link(b, prefs, "Your preferences", plain_link);
	buf_puts(b, " &middot; ");
	html_link(b, unsub, "Unsubscribe", plain_link);
	buf_puts(b, "</p>\n");
}

enum err
mail_campaign_links(struct store *s, const unsigned char *key,
    const struct mail_site *ms, struct arena *a, const json_t *sub,
    int64_t now, const char **prefs, const char **unsub)
{
	enum err rc;

	if ((rc = link(s, key, ms, a, SITE_LINK_UNSUBSCRIBE, sub, now,
	    unsub)) != ERR_OK)
		return rc;
	return link(s, key, ms, a, SITE_LINK_PREFERENCES, sub, now, prefs);
}

static void
msg_init(struct mail_msg *m, const struct mail_site *ms, const char *to,
    int64_t now)
{
	memset(m, 0, sizeof(*m));
	m->from_name = ms->from_name != NULL ? ms->from_name : ms->name;
	m->from_addr = ms->from_addr;
	m->to_addr = to;
	m->date = now;
}

enum err
mail_campaign_init(const struct mail_site *ms, struct arena *a,
    const json_t *c, const char *to, int64_t now, struct mail_campaign *mc)
{
	struct buf h, raw, in;
	const char *body_text, *body_html;
	struct mail_msg *m = &mc->msg;

	memset(mc, 0, sizeof(*mc));
	msg_init(m, ms, to, now);
	m->list_id = ms->list_id;
	m->list_name = ms->name;
	m->unsub_mailto = arena_printf(a, "mailto:%s?subject=unsubscribe",
	    ms->from_addr);
	m->subject = json_string_value(json_object_get(c, "subject"));
	body_text = json_string_value(json_object_get(c, "body_text"));
	body_html = json_string_value(json_object_get(c, "body_html"));
	if (m->subject == NULL || body_text == NULL)
		return ERR_INVAL;
	mc->text_head = arena_printf(a, "%s\n\n-- \nYou receive this because "
	    "you subscribed to the newsletter of %s.\n", body_text, ms->name);
	buf_init(&h, LIMIT_MAIL_MESSAGE);
	buf_init(&raw, LIMIT_MAIL_MESSAGE);
	buf_init(&in, LIMIT_MAIL_MESSAGE);
	buf_puts(&raw, "<h1>");
	esc_html(&raw, m->subject, strlen(m->subject));
	buf_puts(&raw, "</h1>\n");
	buf_puts(&raw, body_html != NULL ? body_html : "");
	html_styled(&in, raw.p);
	html_page_head(&h, ms, m->subject, in.p);
	buf_puts(&h, html_rule);
	mc->html_head = arena_strdup(a, h.p);
	mc->html_tail = html_end;
	buf_free(&h);
	buf_free(&raw);
	buf_free(&in);
	return ERR_OK;
}

/*
 * A campaign's message as the general path builds it: the footers'
 * lines between the heads and the tail (campaign.c builds the same
 * message from the parts it made once, and test_mail_campaign holds the
 * two to the same bytes).
 */
static enum err
compose_campaign(const struct mail_site *ms, struct arena *a,
    const json_t *c, const char *to, const char *prefs, const char *unsub,
    int64_t now, struct mail_msg *m)
{
	struct mail_campaign mc;
	struct buf b;
	enum err rc;

	if ((rc = mail_campaign_init(ms, a, c, to, now, &mc)) != ERR_OK)
		return rc;
	*m = mc.msg;
	buf_init(&b, LIMIT_MAIL_MESSAGE);
	buf_puts(&b, mc.text_head);
	mail_campaign_footer_text(&b, prefs, unsub);
	m->text = arena_strdup(a, b.p);
	buf_reset(&b);
	buf_puts(&b, mc.html_head);
	mail_campaign_footer_html(&b, ms, prefs, unsub);
	buf_puts(&b, mc.html_tail);
	m->html = arena_strdup(a, b.p);
	buf_free(&b);
	return ERR_OK;
}

enum err
mail_compose(struct store *s, const struct mail_site *ms, const json_t *row,
    const json_t *campaign, int64_t now, struct buf *out)
{
	struct arena *a = arena_new();
	struct mail_msg m;
	const json_t *sub = json_object_get(row, "subscriber");
	const char *kind = json_string_value(json_object_get(row, "kind"));
	const char *to = json_string_value(json_object_get(row, "address"));
	const char *prefs = NULL, *unsub = NULL;
	enum err rc = ERR_INVAL;

	if (kind == NULL || to == NULL)
		goto out;
	msg_init(&m, ms, to, now);
	if (json_object_get(sub, "id") == NULL)
		sub = NULL;
	if (strcmp(kind, "confirm") == 0 && sub != NULL)
		rc = compose_confirm(s, ms, a, sub, &m, now);
	else if (strcmp(kind, "reset") == 0)
		rc = compose_reset(s, ms, a, to, &m, now);
	else if (strcmp(kind, "campaign") == 0 && sub != NULL &&
	    campaign != NULL) {
		if ((rc = mail_campaign_links(s, NULL, ms, a, sub, now,
		    &prefs, &unsub)) == ERR_OK)
			rc = compose_campaign(ms, a, campaign, to, prefs,
			    unsub, now, &m);
		m.unsub_https = unsub;
	} else if (strcmp(kind, "test") == 0 && campaign != NULL) {
		/* A test of the campaign: no subscriber's links, no list. */
		prefs = arena_printf(a, "%s/newsletter", ms->base_url);
		rc = compose_campaign(ms, a, campaign, to, prefs, prefs, now,
		    &m);
		m.list_id = m.list_name = m.unsub_mailto = NULL;
		if (rc == ERR_OK)
			m.subject = arena_printf(a, "[Test] %s", m.subject);
	} else if (strcmp(kind, "test") == 0) {
		arena_free(a);
		return mail_compose_test(ms, to, now, out);
	}
	if (rc == ERR_OK)
		rc = mail_message_build(&m, out);
out:
	if (rc != ERR_OK)
		log_warnx("mail: delivery %lld: cannot build its message: %s",
		    (long long)json_integer_value(json_object_get(row, "id")),
		    err_str(rc));
	arena_free(a);
	return rc;
}

enum err
mail_compose_test(const struct mail_site *ms, const char *to, int64_t now,
    struct buf *out)
{
	struct arena *a = arena_new();
	struct mail_msg m;
	struct buf h;
	enum err rc;

	msg_init(&m, ms, to, now);
	m.subject = arena_printf(a, "Test message from %s", ms->name);
	m.text = arena_printf(a, "This message tests the mail settings of "
	    "%s (%s).\n", ms->name, ms->base_url);
	buf_init(&h, LIMIT_MAIL_MESSAGE);
	html_p(&h, m.text);
	m.html = arena_strdup(a, h.p);
	buf_reset(&h);
	html_page(&h, ms, m.subject, m.html);
	m.html = arena_strdup(a, h.p);
	buf_free(&h);
	rc = mail_message_build(&m, out);
	arena_free(a);
	return rc;
}
