/*
 * newsletter: /admin/newsletter, for editors and administrators: the
 * campaigns.  A campaign is composed from an issue (its table of
 * contents, with deks and links) or as a digest of the articles and
 * upcoming events since the last campaign; its body is Markdown, sent
 * as the text part and rendered (raw HTML off) as the HTML part.  It
 * can be edited until it is sent, previewed, tried on one address (a
 * delivery of kind test, which the mailer sends), sent now or
 * scheduled.  Its page shows its deliveries counted by status while it
 * sends.  Every change is audited.  The back office never speaks SMTP:
 * it writes rows, the mailer (mail/) sends them.
 */
#include <limits.h>
#include <string.h>

#include "admin.h"

#define SUBJECT_MAX	200	/* bytes */
#define BODY_MAX	(64 * 1024)

static const char *const topics[][2] = {
	{ "issues", "New issues" },
	{ "events", "Events" },
	{ "news", "News" },
};

/*
 * Markdown's active characters escaped, so that a title stays text and
 * the text part stays readable: those that act anywhere, and at the
 * start those that begin a block (a heading, a list, a quote).
 */
static void
md_text(struct buf *b, const char *s)
{
	const char *p;

	for (p = s; p != NULL && *p != '\0'; p++) {
		if (strchr("\\`*_[]<&", *p) != NULL ||
		    (p == s && strchr("#-+>=|~", *p) != NULL))
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
}

static const char *
base_url(struct ctx *ctx, struct req *r)
{
	json_t *set = NULL;
	const char *v;
	size_t n;

	if (store_site_get(ctx->store, &set) != ERR_OK)
		return "";
	v = view_str(set, "base_url");
	n = strlen(v);
	while (n > 0 && v[n - 1] == '/')
		n--;
	v = arena_strndup(r->arena, v, n);
	json_decref(set);
	return v;
}

static void
md_article(struct buf *b, const char *base, json_t *a)
{
	buf_puts(b, "**[");
	md_text(b, view_str(a, "title"));
	buf_printf(b, "](%s/articles/%s)**", base, view_str(a, "slug"));
	if (*view_str(a, "dek") != '\0') {
		buf_puts(b, "  \n");
		md_text(b, view_str(a, "dek"));
	}
	buf_puts(b, "\n\n");
}

/* An issue's table of contents as Markdown, and a subject. */
static enum err
compose_issue(struct ctx *ctx, struct req *r, long number, struct buf *b,
    const char **subject)
{
	struct store_query q = { .issue = number };
	json_t *issue = NULL, *arts = NULL, *a;
	const char *base = base_url(ctx, r), *section = "";
	size_t i;
	long total;
	enum err rc;

	if ((rc = store_issue_get(ctx->store, number, &issue)) != ERR_OK)
		return rc;
	if ((rc = store_articles_list(ctx->store, &q, &arts, &total)) !=
	    ERR_OK)
		goto out;
	/* A title that names the issue already is the subject as it is. */
	if (strncmp(view_str(issue, "title"), "Issue ", 6) == 0)
		*subject = view_str(issue, "title");
	else
		*subject = arena_printf(r->arena, "Issue %ld%s%s", number,
		    *view_str(issue, "title") != '\0' ? ": " : "",
		    view_str(issue, "title"));
	*subject = arena_strdup(r->arena, *subject);
	buf_printf(b, "The new issue is out: [issue %ld](%s/issues/%ld).\n\n",
	    number, base, number);
	json_array_foreach(arts, i, a) {
		const char *s = view_str(json_object_get(a, "section"),
		    "name");

		if (strcmp(s, section) != 0) {
			buf_puts(b, "## ");
			md_text(b, s);
			buf_puts(b, "\n\n");
			section = s;
		}
		md_article(b, base, a);
	}
out:
	json_decref(issue);
	json_decref(arts);
	return rc;
}

/* The articles published and the events to come since the last. */
static enum err
compose_digest(struct ctx *ctx, struct req *r, struct buf *b,
    const char **subject)
{
	struct store_query q = { .limit = 50 };
	json_t *arts = NULL, *events = NULL, *a;
	const char *base = base_url(ctx, r);
	char since[TIME_ISO_LEN];
	int64_t last = 0;
	size_t i, n = 0;
	long total;
	enum err rc;

	if ((rc = store_campaign_last(ctx->store, &last)) != ERR_OK ||
	    (rc = store_articles_list(ctx->store, &q, &arts, &total)) !=
	    ERR_OK || (rc = store_events_list(ctx->store, 1,
	    site_now(ctx->site), &events)) != ERR_OK)
		goto out;
	time_iso(last, TIME_ISO_SECONDS, since);
	*subject = "What is new";
	buf_puts(b, "## New articles\n\n");
	json_array_foreach(arts, i, a) {
		if (strcmp(view_str(a, "published_at"), since) <= 0)
			continue;
		md_article(b, base, a);
		n++;
	}
	if (n == 0)
		buf_puts(b, "No new article since the last newsletter.\n\n");
	if (json_array_size(events) > 0)
		buf_puts(b, "## Coming events\n\n");
	json_array_foreach(events, i, a) {
		buf_puts(b, "**");
		md_text(b, view_str(a, "title"));
		buf_printf(b, "**, %.10s", view_str(a, "starts_at"));
		if (*view_str(a, "place") != '\0') {
			buf_puts(b, ", ");
			md_text(b, view_str(a, "place"));
		}
		buf_puts(b, "\n\n");
	}
out:
	json_decref(arts);
	json_decref(events);
	return rc;
}

static json_t *
topic_field(json_t *form, const char *value)
{
	/* Not "required": a select always has a value (and HTML wants a
	 * placeholder option first in a required one). */
	json_t *f = form_field(form, "topic", "Send to", "select", value,
	    "The subscribers who chose this topic.", NULL, 0);
	size_t i;

	for (i = 0; i < nitems(topics); i++)
		field_option(f, topics[i][0], topics[i][1],
		    strcmp(value, topics[i][0]) == 0);
	return f;
}

static int
topic_valid(const char *t)
{
	size_t i;

	for (i = 0; t != NULL && i < nitems(topics); i++)
		if (strcmp(t, topics[i][0]) == 0)
			return 1;
	return 0;
}

static json_t *
campaign_view(struct req *r, json_t *c)
{
	json_t *o = json_deep_copy(c), *n = json_object_get(c, "counts");
	int64_t id = json_integer_value(json_object_get(c, "id"));
	const char *st = view_str(c, "status");
	long total = 0;
	const char *k;
	json_t *v;

	json_object_foreach(n, k, v)
		if (strcmp(k, "bounced") != 0)
			total += (long)json_integer_value(v);
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "url", json_string(arena_printf(r->arena,
	    "/admin/newsletter/%lld", (long long)id)));
	json_object_set_new(o, "sending", json_boolean(strcmp(st,
	    "sending") == 0));
	json_object_set_new(o, "scheduled", json_boolean(strcmp(st,
	    "scheduled") == 0));
	json_object_set_new(o, "draft", json_boolean(strcmp(st,
	    "draft") == 0));
	json_object_set_new(o, "queued_when", json_string(admin_time(r->arena,
	    json_integer_value(json_object_get(c, "queued_at")))));
	json_object_set_new(o, "send_when", json_string(admin_time(r->arena,
	    json_integer_value(json_object_get(c, "send_at")))));
	return o;
}

enum err
admin_newsletter(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *v, *rows = NULL, *list, *it, *issues = NULL, *form, *f;
	char num[24];
	size_t i;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = store_campaigns_list(ctx->store, &rows)) != ERR_OK ||
	    (rc = store_issues_list(ctx->store, &issues)) != ERR_OK)
		goto out;
	list = json_array();
	json_array_foreach(rows, i, it)
		json_array_append_new(list, campaign_view(r, it));
	form = form_new();
	f = form_field(form, "source", "Compose from", "select", "", "An "
	    "issue's table of contents, or what is new since the last "
	    "newsletter.", NULL, 0);
	json_array_foreach(issues, i, it) {
		if (i >= 12)
			break;
		snprintf(num, sizeof(num), "issue:%lld", (long long)
		    json_integer_value(json_object_get(it, "number")));
		field_option(f, num, strncmp(view_str(it, "title"), "Issue ",
		    6) == 0 ? view_str(it, "title") : arena_printf(r->arena,
		    "Issue %lld%s%s", (long long)json_integer_value(
		    json_object_get(it, "number")), *view_str(it, "title") !=
		    '\0' ? ": " : "", view_str(it, "title")), i == 0);
	}
	field_option(f, "digest", "A digest of what is new", 0);
	topic_field(form, "issues");
	v = admin_view(ctx, r, &u, "Newsletter", "/admin/newsletter");
	json_object_set_new(v, "campaigns", list);
	json_object_set_new(v, "empty", json_boolean(json_array_size(list) ==
	    0));
	json_object_set_new(v, "compose", form);
	rc = admin_render(ctx, r, resp, 200, "admin-newsletter-list", v);
out:
	json_decref(rows);
	json_decref(issues);
	return rc;
}

/* Save c (a new one if c->id is 0) with its audit entry. */
static enum err
campaign_store(struct ctx *ctx, struct req *r, const struct admin_user *u,
    struct store_campaign *c, const char *action, int64_t *id)
{
	enum err rc;

	if ((rc = store_begin(ctx->store)) == ERR_OK &&
	    (rc = store_campaign_save(ctx->store, c, id)) == ERR_OK &&
	    (rc = admin_audit(ctx, r, u, NULL, action, arena_printf(r->arena,
	    "#%lld %s", (long long)*id, c->subject))) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	return rc;
}

static enum err
body_html(const char *md, struct req *r, const char **out)
{
	struct buf h;
	enum err rc;

	buf_init(&h, 4 * BODY_MAX);
	if ((rc = markdown_html(&h, md, strlen(md))) == ERR_OK)
		*out = arena_strdup(r->arena, h.p != NULL ? h.p : "");
	buf_free(&h);
	return rc;
}

enum err
admin_newsletter_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct store_campaign c = { 0 };
	const char *src = req_form(r, "source"), *topic = req_form(r, "topic");
	const char *subject = "";
	long long number;
	struct buf b;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if (!topic_valid(topic) || src == NULL)
		return admin_message(ctx, r, resp, &u, 422, "Newsletter",
		    "Choose what to compose from and whom to send it to.");
	buf_init(&b, BODY_MAX);
	if (strcmp(src, "digest") == 0)
		rc = compose_digest(ctx, r, &b, &subject);
	else if (strncmp(src, "issue:", 6) == 0 && str_to_ll(src + 6, 1,
	    LONG_MAX, &number) == ERR_OK)
		rc = compose_issue(ctx, r, (long)number, &b, &subject);
	else
		rc = ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND) {
		buf_free(&b);
		return admin_message(ctx, r, resp, &u, 422, "Newsletter",
		    "There is no such issue.");
	}
	c.subject = subject;
	c.body_text = b.p != NULL ? b.p : "";
	c.topic = topic;
	c.created_by = u.id;
	c.now = site_now(ctx->site);
	if (rc == ERR_OK)
		rc = body_html(c.body_text, r, &c.body_html);
	if (rc == ERR_OK)
		rc = campaign_store(ctx, r, &u, &c, "campaign made", &id);
	buf_free(&b);
	if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/newsletter/%lld", (long long)id));
	return rc;
}

enum err
admin_newsletter_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, enum err (*get)(struct store *, int64_t,
    json_t **), json_t **row, int *go)
{
	int64_t id;
	enum err rc;

	*row = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, u, go)) != ERR_OK ||
	    !*go)
		return rc;
	if (admin_arg_id(r, &id) != ERR_OK ||
	    (rc = get(ctx->store, id, row)) == ERR_NOTFOUND) {
		*go = 0;
		return ERR_NOTFOUND;
	}
	if (rc != ERR_OK)
		*go = 0;
	return rc;
}

/* Begin a campaign's page: an editor, the campaign :id names. */
static enum err
campaign_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **c, int *go)
{
	return admin_newsletter_begin(ctx, r, resp, u, store_campaign_get, c,
	    go);
}

static enum err
campaign_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *c, json_t *edit,
    json_t *test)
{
	json_t *v, *cv = campaign_view(r, c), *send;

	if (edit == NULL) {
		edit = form_new();
		form_field(edit, "subject", "Subject", "text",
		    view_str(c, "subject"), NULL, "off", 1);
		topic_field(edit, view_str(c, "topic"));
		form_field(edit, "body", "Message", "textarea",
		    view_str(c, "body_text"), "Markdown: **bold**, "
		    "[a link](https://...), ## a heading. The footer with the "
		    "links to the preferences and to unsubscribe is added to "
		    "each message.", NULL, 1);
	}
	if (test == NULL) {
		test = form_new();
		form_field(test, "address", "Address", "email", "",
		    "One message, marked [Test], to this address.", "email", 1);
	}
	send = form_new();
	form_field(send, "send_at", "Or send at (UTC)", "datetime-local",
	    "", "Leave empty to send now.", NULL, 0);
	v = admin_view(ctx, r, u, view_str(c, "subject"), "/admin/newsletter");
	json_object_set_new(v, "campaign", cv);
	json_object_set_new(v, "edit", edit);
	json_object_set_new(v, "test", test);
	json_object_set_new(v, "send", send);
	json_decref(c);
	return admin_render(ctx, r, resp, status, "admin-newsletter-campaign",
	    v);
}

enum err
admin_campaign(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *c;
	enum err rc;
	int go;

	if ((rc = campaign_begin(ctx, r, resp, &u, &c, &go)) != ERR_OK || !go)
		return rc;
	return campaign_page(ctx, r, resp, &u, 200, c, NULL, NULL);
}

enum err
admin_campaign_save(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct store_campaign s = { 0 };
	const char *subject = req_form(r, "subject"), *topic =
	    req_form(r, "topic"), *body = req_form(r, "body"), *why;
	json_t *c, *form;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = campaign_begin(ctx, r, resp, &u, &c, &go)) != ERR_OK || !go)
		return rc;
	subject = subject != NULL ? subject : "";
	topic = topic != NULL ? topic : "";
	body = body != NULL ? body : "";
	form = form_new();
	form_field(form, "subject", "Subject", "text", subject, NULL, "off", 1);
	topic_field(form, topic);
	form_field(form, "body", "Message", "textarea", body, NULL, NULL, 1);
	if (*subject == '\0')
		form_error(form, "subject", "Enter the subject.");
	else if (strlen(subject) > SUBJECT_MAX)
		form_error(form, "subject", "The subject must be at most 200 "
		    "characters long.");
	else if ((why = utf8_line_problem(subject)) != NULL)
		form_error(form, "subject", arena_printf(r->arena,
		    "The subject %s.", why));
	if (!topic_valid(topic))
		form_error(form, "topic", "Choose whom to send it to.");
	if (*body == '\0')
		form_error(form, "body", "Write the message.");
	else if (strlen(body) > BODY_MAX)
		form_error(form, "body", "The message must be at most 64 KB.");
	if (form_failed(form))
		return campaign_page(ctx, r, resp, &u, 422, c, form, NULL);
	json_decref(form);
	s.id = json_integer_value(json_object_get(c, "id"));
	s.subject = subject;
	s.topic = topic;
	s.body_text = body;
	if ((rc = body_html(body, r, &s.body_html)) == ERR_OK)
		rc = campaign_store(ctx, r, &u, &s, "campaign changed", &id);
	if (rc == ERR_CONFLICT)
		rc = admin_message(ctx, r, resp, &u, 409, "Newsletter",
		    "This campaign is being sent: it can no longer change.");
	else if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/newsletter/%lld?done=campaign-saved",
		    (long long)id));
	json_decref(c);
	return rc;
}

enum err
admin_campaign_test(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *to = req_form(r, "address");
	json_t *c, *form;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = campaign_begin(ctx, r, resp, &u, &c, &go)) != ERR_OK || !go)
		return rc;
	id = json_integer_value(json_object_get(c, "id"));
	if (to == NULL || !email_valid(to)) {
		form = form_new();
		form_field(form, "address", "Address", "email", to != NULL ?
		    to : "", NULL, "email", 1);
		form_error(form, "address", "Enter an email address, like "
		    "name@example.org.");
		return campaign_page(ctx, r, resp, &u, 422, c, NULL, form);
	}
	json_decref(c);
	if ((rc = store_begin(ctx->store)) == ERR_OK &&
	    (rc = store_delivery_add(ctx->store, "test", to, 0, id,
	    site_now(ctx->site))) == ERR_OK &&
	    (rc = admin_audit(ctx, r, &u, NULL, "campaign tried",
	    arena_printf(r->arena, "#%lld to %s", (long long)id, to))) ==
	    ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/newsletter/%lld?done=test-queued", (long long)id));
	return ERR_OK;
}

/* "2026-12-01T09:30" (datetime-local, taken as UTC) as epoch seconds. */
static enum err
parse_local(const char *s, int64_t *out)
{
	char iso[32];

	if (strlen(s) != 16)
		return ERR_PARSE;
	snprintf(iso, sizeof(iso), "%s:00Z", s);
	return time_parse_iso(iso, out);
}

enum err
admin_campaign_send(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *at = req_form(r, "send_at"), *done;
	json_t *c;
	int64_t id, when = 0, now = site_now(ctx->site);
	long n = 0;
	enum err rc;
	int go;

	if ((rc = campaign_begin(ctx, r, resp, &u, &c, &go)) != ERR_OK || !go)
		return rc;
	id = json_integer_value(json_object_get(c, "id"));
	json_decref(c);
	if (at != NULL && *at != '\0' && (parse_local(at, &when) != ERR_OK ||
	    when <= now))
		return admin_message(ctx, r, resp, &u, 422, "Newsletter",
		    "The time to send at must be a date and time to come.");
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if (when > 0)
		rc = store_campaign_schedule(ctx->store, id, when);
	else
		rc = store_campaign_queue(ctx->store, id, now, &n);
	if (rc == ERR_OK)
		rc = admin_audit(ctx, r, &u, NULL, when > 0 ?
		    "campaign scheduled" : "campaign sent", arena_printf(
		    r->arena, "#%lld%s%s", (long long)id, when > 0 ? " at " :
		    "", when > 0 ? admin_time(r->arena, when) : ""));
	if (rc == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	if (rc == ERR_CONFLICT)
		return admin_message(ctx, r, resp, &u, 409, "Newsletter",
		    "This campaign was sent already.");
	if (rc != ERR_OK)
		return rc;
	done = when > 0 ? "scheduled" : "sending";
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/newsletter/%lld?done=%s", (long long)id, done));
	return ERR_OK;
}
