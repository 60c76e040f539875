/*
 * newsletter: the sign-up and the pages its links lead to.  GET
 * /newsletter shows the form; POST stores a pending subscriber with a
 * random salt (double opt-in: the confirmation mail, which the sign-up
 * queues, confirms it).  A second sign-up of the same address makes no
 * second row and gets the same answer, and so does a sign-up that sends
 * no mail (the address had one within the hour, the client asked too
 * often, the address is confirmed already): the form tells nobody who
 * is subscribed, and cannot be used to flood an inbox.  A bad address
 * gets the form back, with what was typed and why, and status 422.
 *
 * The links (site/links.c): /newsletter/confirm/T confirms a pending
 * subscriber; /newsletter/preferences/T shows and saves the topics;
 * /newsletter/unsubscribe/T shows a button on GET (mail scanners follow
 * links) and unsubscribes at once on POST, with no session or CSRF
 * token (RFC 8058 one-click).  A forged link is a 404, an expired one a
 * 410; none of these pages is cached.
 */
#include <sodium.h>
#include <string.h>

#include "web.h"

/*
 * Confirmation mails: one an hour to an address; none for a client past
 * 20 sign-ups in the hour (a household or an office behind one address
 * stays well under it, a script does not).
 */
#define NEWSLETTER_ADDRESS_GAP	3600
#define NEWSLETTER_CLIENT_MAX	20

static const struct {
	const char	*key;
	const char	*label;
} topics[] = {
	{ "issues", "New issues: the table of contents of each" },
	{ "events", "Events: talks, launches, calls for papers" },
	{ "news", "News from the journal" },
};

static void
form_state(json_t *v, const char *email, const char *error)
{
	json_t *sb = json_copy(json_object_get(v, "sidebar"));
	json_t *nl = json_copy(json_object_get(sb, "newsletter"));

	json_object_set_new(nl, "email", json_string(email));
	json_object_set_new(nl, "error", json_string(error));
	json_object_set_new(sb, "newsletter", nl);
	json_object_set_new(v, "sidebar", sb);
}

const char *
web_return_path(const char *s)
{
	static const char ok[] = "-._~!$&'()*+,;=:@/%?";
	size_t i;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return NULL;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= LIMIT_RETURN_PATH || (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= '0' && s[i] <= '9') && strchr(ok, s[i]) == NULL))
			return NULL;
	/* Back to the form's own page is nowhere to go back to. */
	if (strncmp(s, "/newsletter", 11) == 0 && (s[11] == '\0' ||
	    s[11] == '?'))
		return NULL;
	return s;
}

/* Store the sign-up; whether a mail goes is not the reader's business. */
static enum err
signup(struct ctx *ctx, struct req *r, const char *email, const char *salt)
{
	unsigned char g[ADDR_GROUP_LEN];
	char client[ADDR_GROUP_LEN * 2 + 1];
	struct store_signup u;
	size_t n;
	int queued;

	n = addr_group(r->remote != NULL ? r->remote : "", g);
	sodium_bin2hex(client, sizeof(client), g, n);
	u.email = email;
	u.salt = salt;
	u.client = client;
	u.now = site_now(ctx->site);
	u.client_max = NEWSLETTER_CLIENT_MAX;
	u.address_gap = NEWSLETTER_ADDRESS_GAP;
	return store_signup(ctx->store, &u, &queued);
}

enum err
page_newsletter(struct ctx *ctx, struct req *r, struct resp *resp)
{
	unsigned char raw[32];
	char token[sizeof(raw) * 2 + 1];
	const char *email = NULL, *error = "", *back;
	json_t *v, *sub = json_false();
	enum err rc;

	if ((rc = view_new(ctx, r, "Newsletter", &v)) != ERR_OK)
		return rc;
	/* Where the form was: a path on this site, or nowhere. */
	back = r->method == HTTP_POST ? web_return_path(req_form(r,
	    "return")) : NULL;
	json_object_set_new(json_object_get(v, "page"), "back", json_string(
	    back != NULL ? back : ""));
	if (r->method == HTTP_POST) {
		email = req_form(r, "email");
		if (email == NULL || *email == '\0')
			error = "Please enter your email address.";
		else if (strlen(email) > LIMIT_EMAIL)
			error = "This address is too long.";
		else if (!email_valid(email))
			error = "This does not look like an email address: it "
			    "should read like name@example.org.";
	}
	if (email != NULL && *error == '\0') {
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
		if ((rc = signup(ctx, r, email, token)) != ERR_OK) {
			json_decref(v);
			return rc;
		}
		sub = json_object();
		json_object_set_new(sub, "email", json_string(email));
	}
	if (*error != '\0')
		resp->status = 422;
	/* The answer to a POST shows the reader's address: private. */
	if (r->method == HTTP_POST)
		resp->cache_control = "no-store";
	form_state(v, email != NULL ? email : "", error);
	if (json_is_object(sub))
		json_object_set_new(sub, "back", back != NULL ?
		    json_string(back) : json_false());
	json_object_set_new(v, "subscribed", sub);
	return site_render(ctx, r, resp, "newsletter", v, 0, 0);
}

/*
 * The page of a link: the subscriber its token names, or (*sub NULL) a
 * 404 (not a link of ours) or 410 (expired) page saying what to do.
 */
static enum err
link_open(struct ctx *ctx, struct req *r, struct resp *resp, char kind,
    json_t **v, json_t **sub)
{
	const char *why;
	enum err rc;

	*sub = NULL;
	if ((rc = view_new(ctx, r, "Newsletter", v)) != ERR_OK)
		return rc;
	resp->cache_control = "no-store";
	rc = site_link_check(ctx->store, r->args[0], kind,
	    site_now(ctx->site), sub);
	if (rc == ERR_OK)
		return ERR_OK;
	if (rc != ERR_PARSE && rc != ERR_AUTH && rc != ERR_INVAL) {
		json_decref(*v);
		return rc;
	}
	resp->status = rc == ERR_INVAL ? 410 : 404;
	why = rc == ERR_INVAL ? "This confirmation link has expired. Please "
	    "sign up again: we will send you a new one." : "This link is "
	    "not valid: it may have been cut short by your mail program. "
	    "Please copy the whole link from the message, or sign up again.";
	json_object_set_new(*v, "link", json_pack("{s:s, s:s, s:b}",
	    "title", rc == ERR_INVAL ? "Link expired" : "Link not valid",
	    "message", why, "bad", 1));
	return ERR_OK;
}

static enum err
link_render(struct ctx *ctx, struct req *r, struct resp *resp, json_t *v,
    json_t *sub)
{
	json_decref(sub);
	return site_render(ctx, r, resp, "newsletter_link", v, 0, 0);
}

enum err
page_newsletter_confirm(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v, *sub;
	const char *status, *msg;
	char tok[SIGNED_TOKEN_LEN];
	int64_t id, now = site_now(ctx->site);
	enum err rc;

	if ((rc = link_open(ctx, r, resp, SITE_LINK_CONFIRM, &v, &sub)) !=
	    ERR_OK)
		return rc;
	if (sub == NULL)
		return link_render(ctx, r, resp, v, sub);
	id = json_integer_value(json_object_get(sub, "id"));
	status = json_string_value(json_object_get(sub, "status"));
	if (strcmp(status, "pending") == 0) {
		if ((rc = store_subscriber_set(ctx->store, id, "confirmed",
		    NULL, now)) != ERR_OK)
			goto out;
		msg = "Thank you: your subscription is confirmed. You will "
		    "receive the next issue.";
	} else if (strcmp(status, "confirmed") == 0)
		msg = "Your subscription was confirmed already.";
	else {
		resp->status = 410;
		json_object_set_new(v, "link", json_pack("{s:s, s:s, s:b}",
		    "title", "Link no longer valid", "message", "This "
		    "address has been unsubscribed since. To receive the "
		    "newsletter again, please sign up again.", "bad", 1));
		return link_render(ctx, r, resp, v, sub);
	}
	if ((rc = site_link_token(ctx->store, SITE_LINK_PREFERENCES, id,
	    json_string_value(json_object_get(sub, "token")), now, tok)) !=
	    ERR_OK)
		goto out;
	json_object_set_new(v, "link", json_pack("{s:s, s:s, s:s}",
	    "title", "Subscription confirmed", "message", msg,
	    "preferences", arena_printf(r->arena,
	    "/newsletter/preferences/%s", tok)));
	return link_render(ctx, r, resp, v, sub);
out:
	json_decref(sub);
	json_decref(v);
	return rc;
}

enum err
page_newsletter_unsubscribe(struct ctx *ctx, struct req *r,
    struct resp *resp)
{
	json_t *v, *sub;
	const char *status, *email;
	enum err rc;

	if ((rc = link_open(ctx, r, resp, SITE_LINK_UNSUBSCRIBE, &v,
	    &sub)) != ERR_OK)
		return rc;
	if (sub == NULL)
		return link_render(ctx, r, resp, v, sub);
	status = json_string_value(json_object_get(sub, "status"));
	email = json_string_value(json_object_get(sub, "email"));
	if (r->method == HTTP_POST && strcmp(status, "unsubscribed") != 0 &&
	    (rc = store_subscriber_set(ctx->store,
	    json_integer_value(json_object_get(sub, "id")), "unsubscribed",
	    NULL, site_now(ctx->site))) != ERR_OK) {
		json_decref(sub);
		json_decref(v);
		return rc;
	}
	if (r->method == HTTP_POST || strcmp(status, "unsubscribed") == 0)
		json_object_set_new(v, "link", json_pack("{s:s, s:s}",
		    "title", "Unsubscribed", "message", arena_printf(r->arena,
		    "%s will receive no more messages from us.", email)));
	else
		json_object_set_new(v, "link", json_pack("{s:s, s:s, s:s}",
		    "title", "Unsubscribe", "message", arena_printf(r->arena,
		    "Stop the newsletter for %s? One click, and no message "
		    "will follow.", email), "unsubscribe", r->path));
	return link_render(ctx, r, resp, v, sub);
}

enum err
page_newsletter_preferences(struct ctx *ctx, struct req *r,
    struct resp *resp)
{
	json_t *v, *sub, *list;
	struct buf b;
	const char *have, *f;
	char name[32], tok[SIGNED_TOKEN_LEN];
	int64_t id;
	size_t i;
	int saved = 0;
	enum err rc;

	if ((rc = link_open(ctx, r, resp, SITE_LINK_PREFERENCES, &v,
	    &sub)) != ERR_OK)
		return rc;
	if (sub == NULL)
		return link_render(ctx, r, resp, v, sub);
	id = json_integer_value(json_object_get(sub, "id"));
	have = json_string_value(json_object_get(sub, "topics"));
	buf_init(&b, 64);
	if (r->method == HTTP_POST) {
		for (i = 0; i < nitems(topics); i++) {
			snprintf(name, sizeof(name), "topic_%s", topics[i].key);
			if ((f = req_form(r, name)) == NULL || *f == '\0')
				continue;
			if (b.len > 0)
				buf_putc(&b, ',');
			buf_puts(&b, topics[i].key);
		}
		have = b.len > 0 ? b.p : "";
		if ((rc = store_subscriber_set(ctx->store, id, NULL, have,
		    site_now(ctx->site))) != ERR_OK)
			goto out;
		saved = 1;
	}
	list = json_array();
	for (i = 0; i < nitems(topics); i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}",
		    "key", topics[i].key, "label", topics[i].label, "checked",
		    strstr(have, topics[i].key) != NULL));
	if ((rc = site_link_token(ctx->store, SITE_LINK_UNSUBSCRIBE, id,
	    json_string_value(json_object_get(sub, "token")),
	    site_now(ctx->site), tok)) != ERR_OK) {
		json_decref(list);
		goto out;
	}
	json_object_set_new(v, "link", json_pack("{s:s, s:s, s:o, s:s, s:s,"
	    " s:b}", "title", "Newsletter preferences", "message",
	    arena_printf(r->arena, "What %s receives from us.",
	    json_string_value(json_object_get(sub, "email"))), "topics", list,
	    "action", r->path, "unsubscribe_url", arena_printf(r->arena,
	    "/newsletter/unsubscribe/%s", tok), "saved", saved));
	json_object_set_new(json_object_get(v, "link"), "form", json_true());
	buf_free(&b);
	return link_render(ctx, r, resp, v, sub);
out:
	buf_free(&b);
	json_decref(sub);
	json_decref(v);
	return rc;
}
