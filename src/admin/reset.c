/*
 * reset: a back-office user who forgot their password gets a link by
 * mail (/admin/password/forgot), through the newsletter's mailer: a
 * delivery of kind "reset" to the account's address, whose link the
 * mailer signs when it sends (site/links.c: it expires after an hour
 * and dies with the password it replaces).  The request's answer is
 * the same whether or not the address has an account, and at most one
 * mail an account goes out in RESET_WINDOW, and RESET_ADDRESS_MAX a
 * client; the link's page (/admin/password/reset/T) sets the new
 * password, ends every session of the account and sends the user to
 * sign in.  Without a mailer (no smtp_url) the page says so, and who
 * can help.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

static const char sent[] = "If an account has this address, a message "
    "with a link to choose a new password is on its way to it. The link "
    "works for one hour.";

static enum err
forgot_page(struct ctx *ctx, struct req *r, struct resp *resp, int status,
    const char *email, const char *error, const char *done)
{
	json_t *v = admin_view(ctx, r, NULL, "Forgot your password",
	    NULL), *form;
	char csrf[TOKEN_HEX];

	admin_signin_csrf(ctx, r, resp, csrf);
	form = form_new();
	form_field(form, "email", "Email address", "email", email,
	    "The address you sign in with.", "username", 1);
	if (error != NULL)
		form_error(form, "email", error);
	json_object_set_new(form, "csrf", json_string(csrf));
	json_object_set_new(form, "done", json_string(done != NULL ? done :
	    ""));
	json_object_set_new(form, "mail", json_boolean(ctx->site->mailer !=
	    NULL));
	json_object_set_new(v, "forgot", form);
	return admin_render(ctx, r, resp, status, "admin-forgot", v);
}

enum err
admin_forgot(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return forgot_page(ctx, r, resp, 200, "", NULL, NULL);
}

/* Queue the mail for email's account if it has one and may have it. */
static enum err
forgot_send(struct ctx *ctx, struct req *r, const char *email, int64_t now)
{
	struct admin *a = ctx->site->admin;
	const char *key;
	json_t *user = NULL;
	size_t klen;
	enum err rc;

	key = admin_account_key(r->arena, email, &klen);
	if (limiter_wait(a->reset_by_account, key, klen, now) > 0)
		return ERR_OK;
	if ((rc = store_user_find(ctx->store, email, &user)) == ERR_NOTFOUND)
		return ERR_OK;
	if (rc != ERR_OK)
		return rc;
	if (json_integer_value(json_object_get(user, "disabled")) == 0) {
		limiter_fail(a->reset_by_account, key, klen, now);
		if ((rc = store_begin(ctx->store)) != ERR_OK)
			goto out;
		if ((rc = store_delivery_add(ctx->store, "reset",
		    view_str(user, "email"), 0, 0, now)) != ERR_OK ||
		    (rc = admin_audit(ctx, r, NULL, view_str(user, "email"),
		    "password reset asked", view_str(user, "email"))) !=
		    ERR_OK || (rc = store_commit(ctx->store)) != ERR_OK)
			store_rollback(ctx->store);
	}
out:
	json_decref(user);
	return rc;
}

enum err
admin_forgot_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin *a = ctx->site->admin;
	const char *email = req_form(r, "email");
	unsigned char group[ADDR_GROUP_LEN];
	int64_t now = site_now(ctx->site), wait;
	size_t glen;
	enum err rc;

	email = email != NULL ? email : "";
	if (!admin_signin_csrf_ok(ctx, r))
		return forgot_page(ctx, r, resp, 403, email, "This form has "
		    "expired or did not come from this site. Nothing was "
		    "sent; please try again.", NULL);
	if (*email == '\0' || !email_valid(email))
		return forgot_page(ctx, r, resp, 422, email, *email == '\0' ?
		    "Enter your email address." : "This does not look like "
		    "an email address.", NULL);
	if (ctx->site->mailer == NULL)
		return forgot_page(ctx, r, resp, 503, email, NULL, NULL);
	glen = addr_group(r->remote != NULL ? r->remote : "", group);
	if ((wait = limiter_wait(a->reset_by_address, group, glen, now)) >
	    0) {
		resp_header_add(resp, r->arena, "Retry-After", arena_printf(
		    r->arena, "%lld", (long long)wait));
		return forgot_page(ctx, r, resp, 429, email, arena_printf(
		    r->arena, "Too many requests from here; try again in "
		    "%lld minute%s.", (long long)(wait + 59) / 60,
		    (wait + 59) / 60 == 1 ? "" : "s"), NULL);
	}
	limiter_fail(a->reset_by_address, group, glen, now);
	if ((rc = forgot_send(ctx, r, email, now)) != ERR_OK)
		return rc;
	return forgot_page(ctx, r, resp, 200, email, NULL, sent);
}

/* The link's page: the form, or why the link no longer works. */
static enum err
reset_page(struct ctx *ctx, struct req *r, struct resp *resp, int status,
    json_t *user, json_t *form)
{
	json_t *v = admin_view(ctx, r, NULL, "Choose a new password", NULL);
	char csrf[TOKEN_HEX];

	if (form != NULL) {
		admin_signin_csrf(ctx, r, resp, csrf);
		json_object_set_new(form, "csrf", json_string(csrf));
		json_object_set_new(form, "email", json_string(view_str(user,
		    "email")));
		json_object_set_new(form, "action", json_string(arena_printf(
		    r->arena, "/admin/password/reset/%s", r->args[0])));
		json_object_set_new(v, "reset", form);
	} else
		json_object_set_new(v, "expired", json_true());
	return admin_render(ctx, r, resp, status, "admin-reset", v);
}

static json_t *
reset_form(void)
{
	json_t *f = form_new();

	admin_new_password_fields(f);
	return f;
}

/* The link's user into *user, or the page saying it does not work. */
static enum err
reset_user(struct ctx *ctx, struct req *r, struct resp *resp,
    json_t **user, int *go)
{
	enum err rc;

	*go = 0;
	rc = site_reset_check(ctx->store, r->args[0], site_now(ctx->site),
	    user);
	if (rc == ERR_PARSE || rc == ERR_AUTH || rc == ERR_INVAL)
		return reset_page(ctx, r, resp, rc == ERR_INVAL ? 410 : 404,
		    NULL, NULL);
	*go = rc == ERR_OK;
	return rc;
}

enum err
admin_reset(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *user = NULL;
	enum err rc;
	int go;

	if ((rc = reset_user(ctx, r, resp, &user, &go)) != ERR_OK || !go)
		return rc;
	rc = reset_page(ctx, r, resp, 200, user, reset_form());
	json_decref(user);
	return rc;
}

enum err
admin_reset_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *pw = req_form(r, "password"), *rep = req_form(r,
	    "repeat"), *email;
	char hash[PASSWORD_HASH_LEN];
	json_t *user = NULL, *form;
	int64_t uid;
	long n;
	enum err rc;
	int go;

	if ((rc = reset_user(ctx, r, resp, &user, &go)) != ERR_OK || !go)
		return rc;
	pw = pw != NULL ? pw : "";
	rep = rep != NULL ? rep : "";
	form = reset_form();
	if (!admin_signin_csrf_ok(ctx, r))
		form_error(form, "password", "This form has expired or did "
		    "not come from this site. Nothing was changed; please "
		    "try again.");
	else
		admin_new_password_check(r, form, pw, rep);
	if (form_failed(form)) {
		rc = reset_page(ctx, r, resp, admin_signin_csrf_ok(ctx, r) ?
		    422 : 403, user, form);
		json_decref(user);
		return rc;
	}
	json_decref(form);
	uid = json_integer_value(json_object_get(user, "id"));
	email = arena_strdup(r->arena, view_str(user, "email"));
	json_decref(user);
	if ((rc = password_hash(pw, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
	    hash)) != ERR_OK || (rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_user_set(ctx->store, uid, STORE_USER_PASSWORD, hash,
	    0)) != ERR_OK || (rc = admin_sessions_end(ctx, uid, NULL, &n)) !=
	    ERR_OK || (rc = admin_audit(ctx, r, NULL, email,
	    "password reset", email)) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	sodium_memzero(hash, sizeof(hash));
	admin_live_drop(ctx, uid, NULL);
	admin_redirect(r, resp, "/admin/login?done=password-reset");
	return ERR_OK;
}
