/*
 * account: /admin/account, for every signed-in user: their own
 * password.  The current one must be given (a stolen session alone
 * cannot take the account over) and counts against the account's
 * sign-in limit when wrong; a change ends the user's other sessions.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

static json_t *
account_form(void)
{
	json_t *f = form_new();

	form_field(f, "current", "Current password", "password", "", NULL,
	    "current-password", 1);
	admin_new_password_fields(f);
	return f;
}

void
admin_new_password_fields(json_t *f)
{
	form_field(f, "password", "New password", "password", "",
	    "At least 10 characters.", "new-password", 1);
	form_field(f, "repeat", "New password again", "password", "", NULL,
	    "new-password", 1);
}

void
admin_new_password_check(struct req *r, json_t *form, const char *pw,
    const char *rep)
{
	const char *why;

	if ((why = password_problem(pw)) != NULL)
		form_error(form, "password", arena_printf(r->arena,
		    "The new password %s.", why));
	else if (strcmp(pw, rep) != 0)
		form_error(form, "repeat", "The two new passwords differ.");
}

static enum err
account_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *form)
{
	json_t *v = admin_view(ctx, r, u, "Your account", "/admin/account");

	json_object_set_new(v, "account", form);
	return admin_render(ctx, r, resp, status, "admin-account", v);
}

enum err
admin_account(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	return account_page(ctx, r, resp, &u, 200, account_form());
}

enum err
admin_account_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin *a = ctx->site->admin;
	struct admin_user u;
	const char *cur = req_form(r, "current"), *pw = req_form(r,
	    "password"), *rep = req_form(r, "repeat"), *key;
	char hash[PASSWORD_HASH_LEN];
	json_t *user = NULL, *form;
	int64_t now = site_now(ctx->site), wait;
	size_t klen;
	long n;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	cur = cur != NULL ? cur : "";
	pw = pw != NULL ? pw : "";
	rep = rep != NULL ? rep : "";
	key = admin_account_key(r->arena, u.email, &klen);
	form = account_form();
	if ((wait = limiter_wait(a->by_account, key, klen, now)) > 0) {
		form_error(form, "current", arena_printf(r->arena, "Too many "
		    "attempts; try again in %lld minute%s.",
		    (long long)(wait + 59) / 60, (wait + 59) / 60 == 1 ? "" :
		    "s"));
		return account_page(ctx, r, resp, &u, 429, form);
	}
	if ((rc = store_user_get(ctx->store, u.id, &user)) != ERR_OK) {
		json_decref(form);
		return rc;
	}
	if (*cur == '\0')
		form_error(form, "current", "Enter your current password.");
	else if (!password_verify(view_str(user, "password"), cur)) {
		limiter_fail(a->by_account, key, klen, now);
		form_error(form, "current", "Your current password is wrong.");
	}
	json_decref(user);
	admin_new_password_check(r, form, pw, rep);
	if (form_failed(form))
		return account_page(ctx, r, resp, &u, 422, form);
	json_decref(form);
	if ((rc = password_hash(pw, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
	    hash)) != ERR_OK || (rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_user_set(ctx->store, u.id,
	    STORE_USER_PASSWORD, hash, 0)) != ERR_OK ||
	    (rc = admin_sessions_end(ctx, u.id, u.hash, &n)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, &u, NULL, "password changed",
	    u.email)) != ERR_OK || (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	sodium_memzero(hash, sizeof(hash));
	admin_live_drop(ctx, u.id, u.hash);
	admin_redirect(r, resp, "/admin/account?done=password");
	return ERR_OK;
}
