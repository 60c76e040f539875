/*
 * login: signing in and out.  The sign-in form has no session to bind
 * its CSRF token to, so it gets a signed double-submit token: a random
 * nonce in a cookie of its own and, in the form, the nonce signed with
 * the process's key; a form posted from elsewhere has neither.  A wrong
 * email or password gets one message for both; past the limits, 429
 * with the wait in minutes.  After signing in the user goes where they
 * were going (?next=, a local path only), else to /admin.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

static const char bad_login[] = "The email address or the password is "
    "wrong.";

/* The sign-in form's nonce: the cookie's if it is one, else a new one. */
static const char *
signin_nonce(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *n;
	char hash[TOKEN_HEX], fresh[TOKEN_HEX];

	if ((n = req_cookie(r, COOKIE_SIGNIN_HOST)) == NULL)
		n = req_cookie(r, COOKIE_SIGNIN);
	if (n != NULL && token_hash(n, hash) == ERR_OK)
		return n;
	token_new(fresh);
	admin_cookie_set(ctx, r, resp, COOKIE_SIGNIN, COOKIE_SIGNIN_HOST,
	    fresh);
	return arena_strdup(r->arena, fresh);
}

void
admin_signin_csrf(struct ctx *ctx, struct req *r, struct resp *resp,
    char out[TOKEN_HEX])
{
	token_signed(ctx->site->admin->form_key, signin_nonce(ctx, r, resp),
	    out);
}

int
admin_signin_csrf_ok(struct ctx *ctx, struct req *r)
{
	const char *nonce;
	char want[TOKEN_HEX], hash[TOKEN_HEX];

	if ((nonce = req_cookie(r, COOKIE_SIGNIN_HOST)) == NULL)
		nonce = req_cookie(r, COOKIE_SIGNIN);
	if (nonce == NULL || token_hash(nonce, hash) != ERR_OK)
		return 0;
	token_signed(ctx->site->admin->form_key, nonce, want);
	return token_equal(req_form(r, "csrf"), want);
}

static enum err
login_form(struct ctx *ctx, struct req *r, struct resp *resp, int status,
    const char *email, const char *error, const char *email_error,
    const char *pw_error)
{
	json_t *v = admin_view(ctx, r, NULL, "Sign in", NULL), *form;
	char csrf[TOKEN_HEX];

	admin_signin_csrf(ctx, r, resp, csrf);
	form = form_new();
	form_field(form, "email", "Email address", "email", email, NULL,
	    "username", 1);
	form_field(form, "password", "Password", "password", "", NULL,
	    "current-password", 1);
	if (email_error != NULL)
		form_error(form, "email", email_error);
	if (pw_error != NULL)
		form_error(form, "password", pw_error);
	json_object_set_new(form, "csrf", json_string(csrf));
	json_object_set_new(form, "next", json_string(admin_next(
	    req_form(r, "next") != NULL ? req_form(r, "next") :
	    req_query(r, "next"))));
	json_object_set_new(form, "error", json_string(error != NULL ? error :
	    ""));
	if (req_query(r, "done") != NULL && strcmp(req_query(r, "done"),
	    "password-reset") == 0)
		json_object_set_new(form, "reset_done", json_string("Your new "
		    "password is set, and every session of your account has "
		    "ended. Sign in with it."));
	json_object_set_new(v, "login", form);
	return admin_render(ctx, r, resp, status, "admin-login", v);
}

enum err
admin_login(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	int stale;
	enum err rc;

	rc = admin_session(ctx, r, site_now(ctx->site), &u, &stale);
	if (rc == ERR_OK) {
		admin_redirect(r, resp, admin_next(req_query(r, "next")));
		return ERR_OK;
	}
	if (rc != ERR_AUTH)
		return rc;
	if (stale)
		admin_cookie_set(ctx, r, resp, COOKIE_SESSION,
		    COOKIE_SESSION_HOST, "");
	return login_form(ctx, r, resp, 200, "", stale && req_query(r,
	    "done") == NULL ? "Your session has ended. Please sign in "
	    "again." : NULL, NULL, NULL);
}

enum err
admin_login_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *email = req_form(r, "email"), *pw = req_form(r,
	    "password");
	int64_t uid, wait, now = site_now(ctx->site);
	enum err rc;

	if (email == NULL)
		email = "";
	if (!admin_signin_csrf_ok(ctx, r))
		return login_form(ctx, r, resp, 403, email, "This form has "
		    "expired or did not come from this site. Nothing was "
		    "sent; please sign in again.", NULL, NULL);
	if (*email == '\0' || pw == NULL || *pw == '\0')
		return login_form(ctx, r, resp, 422, email, NULL,
		    *email == '\0' ? "Enter your email address." : NULL,
		    pw == NULL || *pw == '\0' ? "Enter your password." :
		    NULL);
	rc = admin_sign_in(ctx, r, email, pw, now, &uid, &wait);
	if (rc == ERR_LIMIT) {
		resp_header_add(resp, r->arena, "Retry-After", arena_printf(
		    r->arena, "%lld", (long long)wait));
		return login_form(ctx, r, resp, 429, email, arena_printf(
		    r->arena, "Too many attempts; try again in %lld "
		    "minute%s.", (long long)(wait + 59) / 60,
		    (wait + 59) / 60 == 1 ? "" : "s"), NULL, NULL);
	}
	if (rc == ERR_AUTH)
		return login_form(ctx, r, resp, 422, email, bad_login, NULL,
		    NULL);
	if (rc != ERR_OK)
		return rc;
	if ((rc = admin_session_start(ctx, r, resp, uid, now)) != ERR_OK)
		return rc;
	admin_cookie_set(ctx, r, resp, COOKIE_SIGNIN, COOKIE_SIGNIN_HOST, "");
	admin_redirect(r, resp, admin_next(req_form(r, "next")));
	return ERR_OK;
}

enum err
admin_logout(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	if ((rc = admin_session_end(ctx, r, resp, &u)) != ERR_OK)
		return rc;
	admin_redirect(r, resp, "/admin/login?done=signed-out");
	return ERR_OK;
}
