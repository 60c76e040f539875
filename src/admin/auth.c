/*
 * auth: who is signed in, and signing in and out.  A session is a row
 * keyed by the hash of a random token that only the cookie holds; every
 * back-office request looks it up in the database (on its worker), so
 * ending a session, disabling a user or an expiry takes effect at the
 * next request, whatever the live table of the polling thread says.
 *
 * Sign-in does the same work whether the account exists or not (an
 * unknown one is checked against a dummy hash of the same costs) and
 * says the same thing, so neither the message nor the time tells which
 * accounts exist.  It is refused before any hashing once the account or
 * the address has failed too often (limiter.c), which also bounds the
 * CPU a stranger can make the server spend on argon2id.
 */
#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "admin.h"

int
admin_secure(struct ctx *ctx)
{
	json_t *chrome = NULL;
	int secure;

	if (site_chrome(ctx->site, ctx->store, &chrome) != ERR_OK)
		return 0;
	secure = strncmp(view_str(json_object_get(chrome, "site"),
	    "base_url"), "https://", 8) == 0;
	json_decref(chrome);
	return secure;
}

/* The session cookie of r, under either name; NULL when none. */
static const char *
session_cookie(struct req *r)
{
	const char *t;

	if ((t = req_cookie(r, COOKIE_SESSION_HOST)) == NULL)
		t = req_cookie(r, COOKIE_SESSION);
	return t;
}

void
admin_cookie_set(struct ctx *ctx, struct req *r, struct resp *resp,
    const char *plain, const char *host, const char *value)
{
	struct cookie c = { 0 };

	c.secure = admin_secure(ctx);
	c.name = c.secure ? host : plain;
	c.value = value;
	c.path = "/";
	c.http_only = 1;
	c.samesite = COOKIE_SAMESITE_LAX;
	if (*value == '\0')
		c.max_age = COOKIE_DELETE;
	resp_cookie_set(resp, r->arena, &c);
}

enum err
admin_session(struct ctx *ctx, struct req *r, int64_t now,
    struct admin_user *u, int *stale)
{
	const char *tok = session_cookie(r);
	json_t *s = NULL, *user;
	int64_t created, seen;
	enum err rc;

	*stale = tok != NULL;
	if (tok == NULL || token_hash(tok, u->hash) != ERR_OK)
		return ERR_AUTH;
	if ((rc = store_session_get(ctx->store, u->hash, &s)) != ERR_OK)
		return rc == ERR_NOTFOUND ? ERR_AUTH : rc;
	user = json_object_get(s, "user");
	created = json_integer_value(json_object_get(s, "created_at"));
	seen = json_integer_value(json_object_get(s, "seen_at"));
	if (json_integer_value(json_object_get(user, "disabled")) != 0 ||
	    role_parse(view_str(user, "role"), &u->role) != ERR_OK ||
	    now - seen >= SESSION_IDLE || now - created >= SESSION_ABSOLUTE) {
		/* Expired or no longer allowed: gone for good. */
		store_session_delete(ctx->store, u->hash);
		live_drop(ctx->site->admin->live, u->hash);
		rc = ERR_AUTH;
		goto out;
	}
	u->id = json_integer_value(json_object_get(s, "user_id"));
	u->email = arena_strdup(r->arena, view_str(user, "email"));
	token_csrf(tok, u->csrf);
	*stale = 0;
	if (now - seen >= SESSION_TOUCH &&
	    (rc = store_session_touch(ctx->store, u->hash, now)) == ERR_OK)
		live_put(ctx->site->admin->live, u->hash, u->id, created,
		    now);
	rc = ERR_OK;
out:
	json_decref(s);
	return rc;
}

const char *
admin_here(struct req *r)
{
	struct buf b;
	const char *s, *p, *e;
	size_t i;

	buf_init(&b, LIMIT_URL * 4);
	/* Segment by segment: esc_url would encode the slashes too. */
	for (p = r->path; *p != '\0'; p = e) {
		e = p + 1 + strcspn(p + 1, "/");
		buf_putc(&b, '/');
		esc_url(&b, p + 1, (size_t)(e - p - 1));
	}
	for (i = 0; i < r->nquery; i++) {
		buf_putc(&b, i == 0 ? '?' : '&');
		esc_url(&b, r->query[i].name, strlen(r->query[i].name));
		buf_putc(&b, '=');
		esc_url(&b, r->query[i].value, strlen(r->query[i].value));
	}
	s = b.len > 0 ? arena_strndup(r->arena, b.p, b.len) : "/";
	buf_free(&b);
	return s;
}

const char *
admin_next(const char *next)
{
	size_t i;

	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\')
		return "/admin";
	for (i = 0; next[i] != '\0'; i++)
		if ((unsigned char)next[i] <= ' ' ||
		    (unsigned char)next[i] >= 0x7f ||
		    strchr("\\\"'<>`{}|^", next[i]) != NULL || i >= LIMIT_URL)
			return "/admin";
	return next;
}

/* The sign-in page's address with ?next= the page r asked for. */
static const char *
signin_url(struct req *r)
{
	struct buf b;
	const char *here = admin_here(r), *s;

	if (strcmp(here, "/admin") == 0)
		return "/admin/login";
	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, "/admin/login?next=");
	esc_url(&b, here, strlen(here));
	s = arena_strndup(r->arena, b.p, b.len);
	buf_free(&b);
	return s;
}

enum err
admin_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    enum role need, struct admin_user *u, int *go)
{
	int stale;
	enum err rc;

	*go = 0;
	memset(u, 0, sizeof(*u));
	rc = admin_session(ctx, r, site_now(ctx->site), u, &stale);
	if (rc == ERR_AUTH) {
		/* A page asked for comes back after sign-in; a form not. */
		admin_redirect(r, resp, r->method == HTTP_GET ? signin_url(r) :
		    "/admin/login");
		if (stale)
			admin_cookie_set(ctx, r, resp, COOKIE_SESSION,
			    COOKIE_SESSION_HOST, "");
		return ERR_OK;
	}
	if (rc != ERR_OK)
		return rc;
	if (u->role < need)
		return admin_message(ctx, r, resp, u, 403,
		    "Not for your role", arena_printf(r->arena, "This page "
		    "is for %ss. You are signed in as %s %s.",
		    need == ROLE_ADMIN ? "administrator" : role_names[need],
		    u->role == ROLE_AUTHOR || u->role == ROLE_ADMIN ? "an" :
		    "a", role_names[u->role]));
	if (r->method != HTTP_GET &&
	    !token_equal(req_form(r, "csrf"), u->csrf))
		return admin_message(ctx, r, resp, u, 403,
		    "This form has expired", "Nothing was changed: the form "
		    "was not one this site gave you in this session. Go "
		    "back, reload the page and try again.");
	*go = 1;
	return ERR_OK;
}

enum err
admin_audit(struct ctx *ctx, struct req *r, const struct admin_user *u,
    const char *who, const char *action, const char *object)
{
	struct store_audit e;
	size_t n;

	e.at = site_now(ctx->site);
	e.user_id = u != NULL ? u->id : 0;
	e.who = u != NULL ? u->email : who != NULL ? who : "";
	e.action = action;
	e.object = object != NULL ? object : "";
	e.address = r->remote != NULL ? r->remote : "";
	/* What a stranger typed is kept, but not at any length. */
	if ((n = strlen(e.who)) > LIMIT_AUDIT_FIELD) {
		/* Cut between characters: the form's text is UTF-8. */
		for (n = LIMIT_AUDIT_FIELD; n > 0 &&
		    ((unsigned char)e.who[n] & 0xc0) == 0x80; n--)
			;
		e.who = arena_strndup(r->arena, e.who, n);
	}
	return store_audit_add(ctx->store, &e);
}

const char *
admin_account_key(struct arena *a, const char *email, size_t *n)
{
	char *k = arena_strndup(a, email, strnlen(email, LIMIT_EMAIL));
	size_t i;

	for (i = 0; k[i] != '\0'; i++)
		k[i] = (char)tolower((unsigned char)k[i]);
	*n = i;
	return k;
}

enum err
admin_sign_in(struct ctx *ctx, struct req *r, const char *email,
    const char *pw, int64_t now, int64_t *uid, int64_t *wait)
{
	struct admin *a = ctx->site->admin;
	unsigned char g[ADDR_GROUP_LEN];
	char fresh[PASSWORD_HASH_LEN];
	const char *akey, *hash;
	json_t *user = NULL;
	size_t an, gn;
	int64_t w;
	int ok;
	enum err rc;

	akey = admin_account_key(r->arena, email, &an);
	gn = addr_group(r->remote != NULL ? r->remote : "", g);
	*wait = limiter_wait(a->by_account, akey, an, now);
	if ((w = limiter_wait(a->by_address, g, gn, now)) > *wait)
		*wait = w;
	if (*wait > 0)
		return ERR_LIMIT;
	rc = store_user_find(ctx->store, email, &user);
	if (rc == ERR_NOTFOUND) {
		/* The same work as for an account, and the same answer. */
		password_verify(admin_dummy_hash(a), pw);
		ok = 0;
	} else if (rc != ERR_OK)
		return rc;
	else
		ok = password_verify(view_str(user, "password"), pw) &&
		    json_integer_value(json_object_get(user, "disabled")) == 0;
	if (!ok) {
		limiter_fail(a->by_account, akey, an, now);
		limiter_fail(a->by_address, g, gn, now);
		rc = admin_audit(ctx, r, NULL, email, "sign-in failed",
		    user != NULL && json_integer_value(json_object_get(user,
		    "disabled")) != 0 ? "account disabled" : "");
		json_decref(user);
		return rc != ERR_OK ? rc : ERR_AUTH;
	}
	limiter_clear(a->by_account, akey, an);
	*uid = json_integer_value(json_object_get(user, "id"));
	hash = view_str(user, "password");
	if (password_needs_rehash(hash) && password_hash(pw,
	    PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT, fresh) == ERR_OK &&
	    store_user_set(ctx->store, *uid,
	    STORE_USER_PASSWORD, fresh, 0) == ERR_OK)
		log_info("back office: user %lld's password hash remade with "
		    "today's costs", (long long)*uid);
	json_decref(user);
	return ERR_OK;
}

enum err
admin_session_start(struct ctx *ctx, struct req *r, struct resp *resp,
    int64_t uid, int64_t now)
{
	struct admin_user u = { 0 };
	char tok[TOKEN_HEX], hash[TOKEN_HEX];
	const char *old = session_cookie(r);
	json_t *user = NULL;
	enum err rc;

	token_new(tok);
	token_hash(tok, hash);
	if ((rc = store_user_get(ctx->store, uid, &user)) != ERR_OK)
		return rc;
	u.id = uid;
	u.email = arena_strdup(r->arena, view_str(user, "email"));
	json_decref(user);
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	/* A session the browser had is ended: no fixation. */
	if (old != NULL && token_hash(old, u.hash) == ERR_OK &&
	    (rc = store_session_delete(ctx->store, u.hash)) != ERR_OK &&
	    rc != ERR_NOTFOUND)
		goto fail;
	if ((rc = store_session_add(ctx->store, hash, uid, now,
	    r->remote != NULL ? r->remote : "", r->user_agent != NULL ?
	    r->user_agent : "")) != ERR_OK ||
	    (rc = store_user_set(ctx->store, uid,
	    STORE_USER_SIGNED_IN, NULL, now)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, &u, NULL, "sign-in", "")) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK)
		goto fail;
	if (old != NULL && u.hash[0] != '\0')
		live_drop(ctx->site->admin->live, u.hash);
	live_put(ctx->site->admin->live, hash, uid, now, now);
	admin_cookie_set(ctx, r, resp, COOKIE_SESSION, COOKIE_SESSION_HOST,
	    tok);
	sodium_memzero(tok, sizeof(tok));
	return ERR_OK;
fail:
	store_rollback(ctx->store);
	sodium_memzero(tok, sizeof(tok));
	return rc;
}

enum err
admin_session_end(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u)
{
	enum err rc;

	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_session_delete(ctx->store, u->hash)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, u, NULL, "sign-out", "")) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	live_drop(ctx->site->admin->live, u->hash);
	admin_cookie_set(ctx, r, resp, COOKIE_SESSION, COOKIE_SESSION_HOST, "");
	return ERR_OK;
}

enum err
admin_sessions_end(struct ctx *ctx, int64_t uid, const char *keep, long *n)
{
	return store_sessions_end(ctx->store, uid, keep, n);
}

void
admin_live_drop(struct ctx *ctx, int64_t uid, const char *keep)
{
	live_drop_user(ctx->site->admin->live, uid, keep);
}
