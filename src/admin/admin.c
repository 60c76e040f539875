/*
 * admin: the back office as a part of the server.  Its routes (every
 * one ROUTE_PRIVATE: no answer is ever stored, errors included); its
 * state, made as the server starts (the live sessions loaded from the
 * database, the sign-in limiters, the dummy hash unknown accounts are
 * checked against, the key that signs sign-in forms); the tick that
 * reloads the live sessions when another process changed one and
 * forgets what has expired; and the session hook of the polling thread.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

static const char *const list_params[] = { "q", "status", "section",
    "issue", "author", "page", NULL };
static const char *const diff_params[] = { "from", "to", NULL };

#define W	(ROUTE_WORKER | ROUTE_PRIVATE)
#define L	ROUTE_LONG_FORM
static const struct route admin_routes[] = {
	{ HTTP_GET, "/admin", admin_home, NULL, W },
	{ HTTP_GET, "/admin/login", admin_login, NULL, W },
	{ HTTP_POST, "/admin/login", admin_login_post, NULL, W },
	{ HTTP_GET, "/admin/password/forgot", admin_forgot, NULL, W },
	{ HTTP_POST, "/admin/password/forgot", admin_forgot_post, NULL, W },
	{ HTTP_GET, "/admin/password/reset/:token", admin_reset, NULL,
	    W | ROUTE_PRIVATE },
	{ HTTP_POST, "/admin/password/reset/:token", admin_reset_post, NULL,
	    W | ROUTE_PRIVATE },
	{ HTTP_POST, "/admin/logout", admin_logout, NULL, W },
	{ HTTP_GET, "/admin/account", admin_account, NULL, W },
	{ HTTP_POST, "/admin/account", admin_account_post, NULL, W },
	{ HTTP_GET, "/admin/users", admin_users, NULL, W },
	{ HTTP_POST, "/admin/users", admin_users_add, NULL, W },
	{ HTTP_GET, "/admin/users/:id", admin_user, NULL, W },
	{ HTTP_POST, "/admin/users/:id/role", admin_user_role, NULL, W },
	{ HTTP_POST, "/admin/users/:id/sessions", admin_user_sessions, NULL,
	    W },
	{ HTTP_GET, "/admin/users/:id/disable", admin_user_disable_ask, NULL,
	    W },
	{ HTTP_POST, "/admin/users/:id/disable", admin_user_disable, NULL, W },
	{ HTTP_POST, "/admin/users/:id/enable", admin_user_enable, NULL, W },
	{ HTTP_GET, "/admin/settings", admin_settings, NULL, W },
	{ HTTP_POST, "/admin/settings", admin_settings_post, NULL, W },
	{ HTTP_GET, "/admin/audit", admin_audit_page, NULL, W },
	{ HTTP_GET, "/admin/tokens", admin_tokens, NULL, W },
	{ HTTP_POST, "/admin/tokens", admin_tokens_add, NULL, W },
	{ HTTP_GET, "/admin/tokens/:id/revoke", admin_token_revoke_ask, NULL,
	    W },
	{ HTTP_POST, "/admin/tokens/:id/revoke", admin_token_revoke, NULL,
	    W },
	/* Items (items.c): each kind's base, the same handlers. */
#define ITEM_ROUTES(base) \
	{ HTTP_GET, base, admin_items, NULL, W }, \
	{ HTTP_POST, base, admin_item_add, NULL, W }, \
	{ HTTP_GET, base "/new", admin_item_new, NULL, W }, \
	{ HTTP_GET, base "/:id", admin_item, NULL, W }, \
	{ HTTP_POST, base "/:id", admin_item_post, NULL, W }, \
	{ HTTP_GET, base "/:id/delete", admin_item_delete_ask, NULL, W }, \
	{ HTTP_POST, base "/:id/delete", admin_item_delete, NULL, W }, \
	{ HTTP_POST, base "/:id/move", admin_item_move, NULL, W }
	ITEM_ROUTES("/admin/publications"),
	ITEM_ROUTES("/admin/publication-types"),
	ITEM_ROUTES("/admin/links"),
	ITEM_ROUTES("/admin/events"),
#undef ITEM_ROUTES
	{ HTTP_GET, "/admin/about", admin_about, NULL, W },
	{ HTTP_POST, "/admin/about", admin_about_post, NULL, W },
	{ HTTP_GET, "/admin/media", admin_media, NULL, W },
	{ HTTP_POST, "/admin/media", admin_media_upload, NULL,
	    W | ROUTE_UPLOAD },
	{ HTTP_GET, "/admin/media/:id", admin_media_item, NULL, W },
	{ HTTP_POST, "/admin/media/:id", admin_media_alt, NULL, W },
	{ HTTP_GET, "/admin/media/:id/delete", admin_media_delete_ask, NULL,
	    W },
	{ HTTP_POST, "/admin/media/:id/delete", admin_media_delete, NULL, W },
	{ HTTP_GET, "/admin/issues", admin_issues, NULL, W },
	{ HTTP_POST, "/admin/issues", admin_issue_create, NULL, W },
	{ HTTP_GET, "/admin/issues/new", admin_issue_new, NULL, W },
	{ HTTP_GET, "/admin/issues/:id", admin_issue, NULL, W },
	{ HTTP_POST, "/admin/issues/:id", admin_issue_update, NULL, W },
	{ HTTP_POST, "/admin/issues/:id/articles", admin_issue_articles,
	    NULL, W },
	{ HTTP_POST, "/admin/issues/:id/publish", admin_issue_publish, NULL,
	    W },
	{ HTTP_GET, "/admin/issues/:id/unpublish", admin_issue_unpublish_ask,
	    NULL, W },
	{ HTTP_POST, "/admin/issues/:id/unpublish", admin_issue_unpublish,
	    NULL, W },
	{ HTTP_GET, "/admin/issues/:id/delete", admin_issue_delete_ask, NULL,
	    W },
	{ HTTP_POST, "/admin/issues/:id/delete", admin_issue_delete, NULL, W },
	{ HTTP_GET, "/admin/sections", admin_sections, NULL, W },
	{ HTTP_POST, "/admin/sections", admin_section_create, NULL, W },
	{ HTTP_GET, "/admin/sections/new", admin_section_new, NULL, W },
	{ HTTP_GET, "/admin/sections/:id", admin_section, NULL, W },
	{ HTTP_POST, "/admin/sections/:id", admin_section_update, NULL, W },
	{ HTTP_POST, "/admin/sections/:id/move", admin_section_move, NULL, W },
	{ HTTP_GET, "/admin/sections/:id/delete", admin_section_delete_ask,
	    NULL, W },
	{ HTTP_POST, "/admin/sections/:id/delete", admin_section_delete, NULL,
	    W },
	{ HTTP_GET, "/admin/people", admin_people, NULL, W },
	{ HTTP_POST, "/admin/people", admin_person_create, NULL, W },
	{ HTTP_GET, "/admin/people/new", admin_person_new, NULL, W },
	{ HTTP_GET, "/admin/people/:id", admin_person, NULL, W },
	{ HTTP_POST, "/admin/people/:id", admin_person_update, NULL, W },
	{ HTTP_GET, "/admin/people/:id/delete", admin_person_delete_ask, NULL,
	    W },
	{ HTTP_POST, "/admin/people/:id/delete", admin_person_delete, NULL,
	    W },
	/* The article editor: a route's literal before its :id. */
	{ HTTP_GET, "/admin/articles", admin_articles, list_params, W },
	{ HTTP_GET, "/admin/articles/new", admin_article_new, NULL, W },
	{ HTTP_POST, "/admin/articles", admin_article_create, NULL, W | L },
	{ HTTP_POST, "/admin/articles/preview", admin_article_preview_post,
	    NULL, W | L },
	{ HTTP_GET, "/admin/articles/:id", admin_article, NULL, W },
	{ HTTP_POST, "/admin/articles/:id", admin_article_update, NULL,
	    W | L },
	{ HTTP_GET, "/admin/articles/:id/preview", admin_article_preview,
	    NULL, W },
	{ HTTP_POST, "/admin/articles/:id/unpublish", admin_article_unpublish,
	    NULL, W },
	{ HTTP_GET, "/admin/articles/:id/delete", admin_article_delete_ask,
	    NULL, W },
	{ HTTP_POST, "/admin/articles/:id/delete", admin_article_delete, NULL,
	    W },
	{ HTTP_GET, "/admin/articles/:id/revisions", admin_article_revisions,
	    NULL, W },
	{ HTTP_GET, "/admin/articles/:id/diff", admin_article_diff, diff_params,
	    W },
	{ HTTP_POST, "/admin/articles/:id/restore", admin_article_restore,
	    NULL, W },
	{ HTTP_GET, "/admin/newsletter", admin_newsletter, NULL, W },
	{ HTTP_POST, "/admin/newsletter", admin_newsletter_new, NULL, W },
	{ HTTP_GET, "/admin/newsletter/subscribers", admin_subscribers,
	    NULL, W },
	{ HTTP_GET, "/admin/newsletter/subscribers.csv",
	    admin_subscribers_csv, NULL, W },
	{ HTTP_POST, "/admin/newsletter/subscribers",
	    admin_subscribers_import, NULL, W | ROUTE_UPLOAD },
	{ HTTP_GET, "/admin/newsletter/subscribers/:id/erase",
	    admin_subscriber_erase_ask, NULL, W },
	{ HTTP_POST, "/admin/newsletter/subscribers/:id/erase",
	    admin_subscriber_erase, NULL, W },
	{ HTTP_GET, "/admin/newsletter/:id", admin_campaign, NULL, W },
	{ HTTP_POST, "/admin/newsletter/:id", admin_campaign_save, NULL, W },
	{ HTTP_POST, "/admin/newsletter/:id/test", admin_campaign_test, NULL,
	    W },
	{ HTTP_POST, "/admin/newsletter/:id/send", admin_campaign_send, NULL,
	    W },
	{ HTTP_GET, "/admin/countries/review", admin_countries_review, NULL,
	    W },
	{ HTTP_POST, "/admin/countries/review", admin_countries_review_post,
	    NULL, W },
};
#undef W
#undef L

/* Make the live table the database's sessions. */
static enum err
live_load(struct admin *a, struct store *st, int64_t now)
{
	uint64_t gen = live_generation(a->live);
	json_t *rows = NULL;
	enum err rc;

	if ((rc = store_sessions_live(st, now - SESSION_IDLE,
	    now - SESSION_ABSOLUTE, &rows)) != ERR_OK)
		return rc;
	live_reload(a->live, rows, gen);
	json_decref(rows);
	return ERR_OK;
}

static void
admin_stop(struct site *site)
{
	struct admin *a = site->admin;

	if (a == NULL)
		return;
	live_free(a->live);
	limiter_free(a->by_account);
	limiter_free(a->by_address);
	limiter_free(a->reset_by_account);
	limiter_free(a->reset_by_address);
	sodium_memzero(a->form_key, sizeof(a->form_key));
	pthread_mutex_destroy(&a->dummy_lock);
	free(a);
	site->admin = NULL;
}

const char *
admin_dummy_hash(struct admin *a)
{
	char pw[TOKEN_HEX];

	pthread_mutex_lock(&a->dummy_lock);
	if (a->dummy[0] == '\0') {
		/* The same costs as real hashes, of nobody's password. */
		token_new(pw);
		if (password_hash(pw, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
		    a->dummy) != ERR_OK)
			a->dummy[0] = '\0';
		sodium_memzero(pw, sizeof(pw));
	}
	pthread_mutex_unlock(&a->dummy_lock);
	return a->dummy;
}

static enum err
admin_start(struct site *site, struct store *st)
{
	struct admin *a = xcalloc(1, sizeof(*a));
	enum err rc;

	site->admin = a;
	a->live = live_new(LIMIT_SESSIONS);
	a->by_account = limiter_new(SIGNIN_ACCOUNT_MAX, SIGNIN_WINDOW,
	    LIMIT_SIGNIN_KEYS);
	a->by_address = limiter_new(SIGNIN_ADDRESS_MAX, SIGNIN_WINDOW,
	    LIMIT_SIGNIN_KEYS);
	a->reset_by_account = limiter_new(1, RESET_WINDOW,
	    LIMIT_SIGNIN_KEYS);
	a->reset_by_address = limiter_new(RESET_ADDRESS_MAX, RESET_WINDOW,
	    LIMIT_SIGNIN_KEYS);
	randombytes_buf(a->form_key, sizeof(a->form_key));
	pthread_mutex_init(&a->dummy_lock, NULL);
	if ((rc = store_auth_version(st, &a->auth_version)) != ERR_OK ||
	    (rc = live_load(a, st, site_now(site))) != ERR_OK) {
		log_warnx("back office: cannot read the sessions (%s)",
		    err_str(rc));
		goto fail;
	}
	a->pruned_at = site_now(site);
	return ERR_OK;
fail:
	admin_stop(site);
	return rc;
}

static void
admin_tick(struct site *site, struct store *st, int64_t now)
{
	struct admin *a = site->admin;
	int64_t v;

	article_publish_due(st, now);
	if (store_auth_version(st, &v) == ERR_OK && v != a->auth_version &&
	    live_load(a, st, now) == ERR_OK)
		a->auth_version = v;
	if (now - a->pruned_at < 60)
		return;
	a->pruned_at = now;
	limiter_prune(a->by_account, now);
	limiter_prune(a->by_address, now);
	store_sessions_purge(st, now - SESSION_IDLE, now - SESSION_ABSOLUTE);
}

/*
 * The http session hook, on the polling thread: a hash and a lookup in
 * the live table, no database.  Measured in docs/design.md.
 */
static int
admin_session_hook(struct ctx *ctx, struct req *r)
{
	const char *tok;

	if (r->ncookies == 0 || ctx->site->admin == NULL)
		return 0;
	if ((tok = req_cookie(r, COOKIE_SESSION_HOST)) == NULL &&
	    (tok = req_cookie(r, COOKIE_SESSION)) == NULL)
		return 0;
	return live_has(ctx->site->admin->live, tok, site_now(ctx->site));
}

const struct site_part admin_part = {
	.routes = admin_routes,
	.nroutes = nitems(admin_routes),
	.start = admin_start,
	.tick = admin_tick,
	.stop = admin_stop,
	.session = admin_session_hook,
};
