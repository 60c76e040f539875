/*
 * compose: what each kind of delivery says.  A confirmation carries the
 * signed link that confirms (it expires); a campaign's message carries
 * the campaign's text and HTML and, per recipient, the links to the
 * preferences and to unsubscribe, in the footer and in List-Unsubscribe
 * (https, with RFC 8058 one-click, and mailto).  The HTML is what mail
 * programs render: one table-free column, inline styles only, no
 * script, no remote image.  Text is escaped into the HTML here; a
 * campaign's HTML is the back office's, already made safe there.
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

/* The HTML page around body (HTML), with a footer (HTML, may be ""). */
static void
html_page(struct buf *b, const struct mail_site *ms, const char *title,
    const char *body, const char *footer)
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
	if (*footer != '\0') {
		buf_puts(b, "<hr style=\"border:0;border-top:1px solid "
		    "#dddddd;margin:32px 0 16px;\">\n<p style=\"margin:0;"
		    "font-family:Arial,Helvetica,sans-serif;font-size:13px;"
		    "color:#666666;\">");
		buf_puts(b, footer);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</body></html>\n");
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

static enum err
link(struct store *s, const struct mail_site *ms, struct arena *a,
    char kind, const json_t *sub, int64_t now, const char **url)
{
	static const char *const path[] = { "confirm", "unsubscribe",
	    "preferences" };
	char tok[SIGNED_TOKEN_LEN];
	int i = kind == SITE_LINK_CONFIRM ? 0 :
	    kind == SITE_LINK_UNSUBSCRIBE ? 1 : 2;
	enum err rc;

	if ((rc = site_link_token(s, kind, json_integer_value(
	    json_object_get(sub, "id")), json_string_value(
	    json_object_get(sub, "token")), now, tok)) != ERR_OK)
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
	html_page(&h, ms, m->subject, m->html, "");
	m->html = arena_strdup(a, h.p);
	buf_free(&h);
}

static enum err
compose_confirm(struct store *s, const struct mail_site *ms,
    struct arena *a, const json_t *sub, struct mail_msg *m, int64_t now)
{
	const char *url, *p1;
	enum err rc;

	if ((rc = link(s, ms, a, SITE_LINK_CONFIRM, sub, now, &url)) !=
	    ERR_OK)
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

static enum err
compose_campaign(struct store *s, const struct mail_site *ms,
    struct arena *a, const json_t *sub, const json_t *c,
    struct mail_msg *m, int64_t now)
{
	struct buf h, f;
	const char *unsub, *prefs, *body_text, *body_html;
	enum err rc;

	if (sub != NULL) {
		if ((rc = link(s, ms, a, SITE_LINK_UNSUBSCRIBE, sub, now,
		    &unsub)) != ERR_OK || (rc = link(s, ms, a,
		    SITE_LINK_PREFERENCES, sub, now, &prefs)) != ERR_OK)
			return rc;
		m->unsub_https = unsub;
		m->unsub_mailto = arena_printf(a,
		    "mailto:%s?subject=unsubscribe", ms->from_addr);
	} else {	/* a test of the campaign: no subscriber's links */
		unsub = prefs = arena_printf(a, "%s/newsletter",
		    ms->base_url);
	}
	m->subject = json_string_value(json_object_get(c, "subject"));
	body_text = json_string_value(json_object_get(c, "body_text"));
	body_html = json_string_value(json_object_get(c, "body_html"));
	if (m->subject == NULL || body_text == NULL)
		return ERR_INVAL;
	m->text = arena_printf(a, "%s\n\n-- \nYou receive this because you "
	    "subscribed to the newsletter of %s.\nYour preferences: %s\n"
	    "Unsubscribe: %s\n", body_text, ms->name, prefs, unsub);
	buf_init(&h, LIMIT_MAIL_MESSAGE);
	buf_init(&f, LIMIT_MAIL_MESSAGE);
	buf_puts(&f, "You receive this because you subscribed to the "
	    "newsletter of ");
	esc_html(&f, ms->name, strlen(ms->name));
	buf_puts(&f, ". ");
	html_link(&f, prefs, "Your preferences", plain_link);
	buf_puts(&f, " &middot; ");
	html_link(&f, unsub, "Unsubscribe", plain_link);
	{
		struct buf raw, in;

		buf_init(&raw, LIMIT_MAIL_MESSAGE);
		buf_init(&in, LIMIT_MAIL_MESSAGE);
		buf_puts(&raw, "<h1>");
		esc_html(&raw, m->subject, strlen(m->subject));
		buf_puts(&raw, "</h1>\n");
		buf_puts(&raw, body_html != NULL ? body_html : "");
		html_styled(&in, raw.p);
		html_page(&h, ms, m->subject, in.p, f.p);
		buf_free(&raw);
		buf_free(&in);
	}
	m->html = arena_strdup(a, h.p);
	buf_free(&h);
	buf_free(&f);
	return ERR_OK;
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
mail_compose(struct store *s, const struct mail_site *ms, const json_t *row,
    const json_t *campaign, int64_t now, struct buf *out)
{
	struct arena *a = arena_new();
	struct mail_msg m;
	const json_t *sub = json_object_get(row, "subscriber");
	const char *kind = json_string_value(json_object_get(row, "kind"));
	const char *to = json_string_value(json_object_get(row, "address"));
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
		m.list_id = ms->list_id;
		m.list_name = ms->name;
		rc = compose_campaign(s, ms, a, sub, campaign, &m, now);
	} else if (strcmp(kind, "test") == 0 && campaign != NULL) {
		rc = compose_campaign(s, ms, a, NULL, campaign, &m, now);
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
	html_page(&h, ms, m.subject, m.html, "");
	m.html = arena_strdup(a, h.p);
	buf_free(&h);
	rc = mail_message_build(&m, out);
	arena_free(a);
	return rc;
}
