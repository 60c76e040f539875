/*
 * test_session: signing in and the life of a session, through the back
 * office's own functions on a real SQLite store, with an injected clock.
 * A user whose hash was made with cheaper costs signs in and the hash is
 * remade with today's; a wrong password and an unknown account fail
 * alike; five failures make the account wait; a session's cookie is its
 * token and the store holds only its hash; the session lives until
 * SESSION_IDLE without use or SESSION_ABSOLUTE after sign-in, a use more
 * than SESSION_TOUCH after the last one is stored and moves the idle
 * limit, an expired session is deleted; ending it, disabling its user or
 * ending the user's sessions ends it at once; the live table of the
 * polling thread follows.
 */
#include <sodium.h>
#include <unistd.h>

#include "admin/admin.h"
#include "test.h"

#define T0	1780000000

static struct site_config cfg;
static struct site site;
static struct ctx ctx;

/* A request with the session cookie tok (or none), from 192.0.2.1. */
static void
req_make(struct req *r, struct arena *a, const char *tok)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->method = HTTP_GET;
	r->path = "/admin";
	r->remote = "192.0.2.1";
	r->user_agent = "test";
	if (tok != NULL)
		req_cookies_parse(a, arena_printf(a, "%s=%s", COOKIE_SESSION,
		    tok), &r->cookies, &r->ncookies);
}

/* The session token a response set, or "". */
static const char *
cookie_token(struct arena *a, const struct resp *resp)
{
	const char *v;
	size_t i, n = strlen(COOKIE_SESSION);

	for (i = 0; i < resp->nheaders; i++) {
		v = resp->headers[i].value;
		if (strcasecmp(resp->headers[i].name, "Set-Cookie") == 0 &&
		    strncmp(v, COOKIE_SESSION "=", n + 1) == 0)
			return arena_strndup(a, v + n + 1, strcspn(v + n + 1,
			    ";"));
	}
	return "";
}

/* admin_session of tok at t: ERR_OK or the error. */
static enum err
check_at(const char *tok, int64_t t)
{
	struct arena *a = arena_new();
	struct admin_user u;
	struct req r;
	int stale;
	enum err rc;

	req_make(&r, a, tok);
	rc = admin_session(&ctx, &r, t, &u, &stale);
	arena_free(a);
	return rc;
}

/* Sign in at t; returns the new token (in a), or "" and *rc. */
static const char *
sign_in(struct arena *a, const char *email, const char *pw, int64_t t,
    enum err *rc, int64_t *wait)
{
	struct resp resp = { 0 };
	struct req r;
	int64_t uid;
	const char *tok = "";

	req_make(&r, a, NULL);
	buf_init(&resp.body, LIMIT_PAGE);
	*rc = admin_sign_in(&ctx, &r, email, pw, t, &uid, wait);
	if (*rc == ERR_OK && (*rc = admin_session_start(&ctx, &r, &resp,
	    uid, t)) == ERR_OK)
		tok = cookie_token(a, &resp);
	buf_free(&resp.body);
	return tok;
}

static const char *
stored_hash(int64_t uid)
{
	static char h[PASSWORD_HASH_LEN];
	json_t *u = NULL;

	h[0] = '\0';
	if (store_user_get(ctx.store, uid, &u) == ERR_OK)
		snprintf(h, sizeof(h), "%s", view_str(u, "password"));
	json_decref(u);
	return h;
}

int
main(void)
{
	char dir[] = "/tmp/octavo-session.XXXXXX", path[64], cheap[128];
	char want[TOKEN_HEX];
	struct arena *a = arena_new();
	struct store *st = NULL;
	const char *tok, *tok2, *t;
	json_t *s = NULL;
	int64_t uid, uid2, wait;
	int from, to, i;
	long n;
	enum err rc;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/s.db", dir);
	T_TRUE("fixture: a migrated store", store_open(path, 1, &st) ==
	    ERR_OK && store_migrate(st, &from, &to) == ERR_OK);
	pthread_mutex_init(&site.lock, NULL);
	site.cfg = &cfg;
	ctx.site = &site;
	ctx.store = st;
	T_INTEQ("fixture: the back office starts", admin_part.start(&site,
	    st), ERR_OK);
	password_hash("correct horse battery", 1, 8192, cheap);
	T_INTEQ("fixture: a user with a cheap hash", store_user_add(st,
	    "ann@example.org", "editor", cheap, T0, &uid), ERR_OK);
	password_hash("other password here", PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT, cheap);
	T_INTEQ("fixture: another user", store_user_add(st,
	    "bob@example.org", "author", cheap, T0, &uid2), ERR_OK);

	tok = sign_in(a, "ANN@example.org", "correct horse battery", T0, &rc,
	    &wait);
	T_INTEQ("sign in, any case", rc, ERR_OK);
	T_TRUE("the cookie is a token", strlen(tok) == 64);
	T_TRUE("the hash was remade with today's costs",
	    !password_needs_rehash(stored_hash(uid)));
	T_TRUE("and takes the password", password_verify(stored_hash(uid),
	    "correct horse battery"));
	token_hash(tok, want);
	T_INTEQ("the store has the session under the token's hash",
	    store_session_get(st, want, &s), ERR_OK);
	json_decref(s);
	T_INTEQ("and nothing under the token", store_session_get(st, tok, &s),
	    ERR_NOTFOUND);
	T_TRUE("the live table has it", live_has(site.admin->live, tok, T0));

	T_INTEQ("live at once", check_at(tok, T0), ERR_OK);
	T_INTEQ("no cookie: nobody", check_at(NULL, T0), ERR_AUTH);
	T_INTEQ("a made-up cookie: nobody", check_at("00000000000000000000"
	    "000000000000000000000000000000000000000000aa", T0), ERR_AUTH);
	T_INTEQ("a malformed cookie: nobody", check_at("x", T0), ERR_AUTH);
	T_INTEQ("used 1h59m59s later: live", check_at(tok, T0 +
	    SESSION_IDLE - 1), ERR_OK);
	T_INTEQ("that use was stored: idle again from it", check_at(tok,
	    T0 + 2 * SESSION_IDLE - 2), ERR_OK);
	T_INTEQ("used within a minute: not stored", check_at(tok,
	    T0 + 2 * SESSION_IDLE - 2 + SESSION_TOUCH - 1), ERR_OK);
	T_INTEQ("so idle counts from the stored use", check_at(tok,
	    T0 + 3 * SESSION_IDLE - 2), ERR_AUTH);
	T_INTEQ("an expired session is deleted", store_session_get(st, want,
	    &s), ERR_NOTFOUND);
	T_TRUE("and gone from the live table", !live_has(site.admin->live,
	    tok, T0));

	tok = sign_in(a, "ann@example.org", "correct horse battery", T0, &rc,
	    &wait);
	for (i = 1; i * (SESSION_IDLE - 60) < SESSION_ABSOLUTE; i++)
		if (check_at(tok, T0 + i * (SESSION_IDLE - 60)) != ERR_OK)
			break;
	T_INTEQ("used every 1h59m: live until 12 hours after sign-in",
	    (long long)i * (SESSION_IDLE - 60) >= SESSION_ABSOLUTE, 1);
	T_INTEQ("one second before 12 hours: live", check_at(tok, T0 +
	    SESSION_ABSOLUTE - 1), ERR_OK);
	T_INTEQ("at 12 hours, however used: ended", check_at(tok, T0 +
	    SESSION_ABSOLUTE), ERR_AUTH);

	tok = sign_in(a, "ann@example.org", "correct horse battery", T0, &rc,
	    &wait);
	tok2 = sign_in(a, "ann@example.org", "correct horse battery", T0, &rc,
	    &wait);
	T_TRUE("two sessions, two tokens", strcmp(tok, tok2) != 0);
	token_hash(tok2, want);
	T_INTEQ("end all the user's sessions but one",
	    store_sessions_end(st, uid, want, &n), ERR_OK);
	admin_live_drop(&ctx, uid, want);
	T_INTEQ("one was ended", n, 1);
	T_INTEQ("it signs nobody in", check_at(tok, T0 + 1), ERR_AUTH);
	T_INTEQ("the kept one still does", check_at(tok2, T0 + 1), ERR_OK);
	T_TRUE("the live table agrees", !live_has(site.admin->live, tok,
	    T0 + 1) && live_has(site.admin->live, tok2, T0 + 1));
	T_INTEQ("disable the user", store_user_set(st, uid,
	    STORE_USER_DISABLED, NULL, 1), ERR_OK);
	T_INTEQ("a disabled user's session signs nobody in", check_at(tok2,
	    T0 + 2), ERR_AUTH);
	t = sign_in(a, "ann@example.org", "correct horse battery", T0, &rc,
	    &wait);
	T_INTEQ("a disabled user cannot sign in", rc, ERR_AUTH);
	store_user_set(st, uid, STORE_USER_DISABLED, NULL, 0);

	t = sign_in(a, "bob@example.org", "wrong password 1", T0, &rc, &wait);
	T_INTEQ("a wrong password: ERR_AUTH", rc, ERR_AUTH);
	t = sign_in(a, "nobody@example.org", "wrong password 1", T0, &rc,
	    &wait);
	T_INTEQ("an unknown account: ERR_AUTH too", rc, ERR_AUTH);
	for (i = 2; i <= 5; i++)
		t = sign_in(a, "bob@example.org", "wrong password", T0 + i, &rc,
		    &wait);
	t = sign_in(a, "bob@example.org", "other password here", T0 + 6, &rc,
	    &wait);
	T_INTEQ("five failures: the right password waits", rc, ERR_LIMIT);
	T_INTEQ("for 15 minutes after the first", wait, SIGNIN_WINDOW - 6);
	T_STREQ("and no session is made", t, "");
	t = sign_in(a, "bob@example.org", "other password here", T0 +
	    SIGNIN_WINDOW, &rc, &wait);
	T_INTEQ("15 minutes after the first failure: signs in", rc, ERR_OK);
	T_INTEQ("audit: every failure and sign-in", store_audit_list(st, 100,
	    0, &s, &n), ERR_OK);
	json_decref(s);
	T_INTEQ("audit: 5 sign-ins, 7 failures (the disabled one too)", n,
	    12);

	admin_part.stop(&site);
	store_close(st);
	pthread_mutex_destroy(&site.lock);
	json_decref(site.chrome);
	arena_free(a);
	for (i = 0; i < 3; i++) {
		static const char *const sfx[] = { "", "-wal", "-shm" };

		snprintf(path, sizeof(path), "%s/s.db%s", dir, sfx[i]);
		unlink(path);
	}
	rmdir(dir);
	T_DONE();
}
