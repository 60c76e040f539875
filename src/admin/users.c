/*
 * users: /admin/users, for administrators: the accounts, adding one
 * with a role and a first password, changing a role, ending a user's
 * sessions, disabling (after a confirmation) and enabling an account.
 * Each change is one transaction with its audit entry; sessions it ends
 * leave the live table after the commit.  Two rules keep the back
 * office runnable: an administrator cannot disable themselves, and the
 * last active administrator cannot lose the role.
 */
#include <string.h>

#include "admin.h"

static json_t *
role_field(json_t *form, const char *value)
{
	json_t *f = form_field(form, "role", "Role", "select", value,
	    "Authors write drafts; editors run the content; administrators "
	    "run everything.", NULL, 0);
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		field_option(f, role_names[i], role_names[i],
		    strcmp(value, role_names[i]) == 0);
	return f;
}

/* The user named by the route's :id, or ERR_NOTFOUND. */
static enum err
user_of(struct ctx *ctx, struct req *r, json_t **user)
{
	int64_t id;

	if (admin_arg_id(r, &id) != ERR_OK)
		return ERR_NOTFOUND;
	return store_user_get(ctx->store, id, user);
}

static int64_t
user_id(json_t *user)
{
	return json_integer_value(json_object_get(user, "id"));
}

static int
user_disabled(json_t *user)
{
	return json_integer_value(json_object_get(user, "disabled")) != 0;
}

/* How many accounts are active administrators. */
static enum err
admins_active(struct ctx *ctx, long *n)
{
	json_t *rows = NULL, *it;
	size_t i;
	enum err rc;

	*n = 0;
	if ((rc = store_users_list(ctx->store, &rows)) != ERR_OK)
		return rc;
	json_array_foreach(rows, i, it)
		if (strcmp(view_str(it, "role"), "admin") == 0 &&
		    !user_disabled(it))
			(*n)++;
	json_decref(rows);
	return ERR_OK;
}

static void
user_view(struct req *r, json_t *o, json_t *row)
{
	long sessions = (long)json_integer_value(json_object_get(row,
	    "sessions"));
	int64_t at = json_integer_value(json_object_get(row,
	    "signed_in_at"));
	char iso[TIME_ISO_LEN];

	json_object_set_new(o, "id", json_integer(user_id(row)));
	json_object_set_new(o, "url", json_string(arena_printf(r->arena,
	    "/admin/users/%lld", (long long)user_id(row))));
	view_copy(o, "email", row, "email");
	view_copy(o, "role_name", row, "role");
	json_object_set_new(o, "disabled", json_boolean(user_disabled(row)));
	json_object_set_new(o, "sessions", json_integer(sessions));
	json_object_set_new(o, "one_session", json_boolean(sessions == 1));
	json_object_set_new(o, "created", json_string(admin_time(r->arena,
	    json_integer_value(json_object_get(row, "created_at")))));
	json_object_set_new(o, "signed_in", json_string(admin_time(r->arena,
	    at)));
	time_iso(at, TIME_ISO_SECONDS, iso);
	json_object_set_new(o, "signed_in_iso", json_string(at != 0 ? iso :
	    ""));
}

static enum err
users_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *add)
{
	json_t *v, *rows = NULL, *list, *it, *o;
	size_t i;
	enum err rc;

	if ((rc = store_users_list(ctx->store, &rows)) != ERR_OK) {
		json_decref(add);
		return rc;
	}
	v = admin_view(ctx, r, u, "Users", "/admin/users");
	list = json_array();
	json_array_foreach(rows, i, it) {
		o = json_object();
		user_view(r, o, it);
		json_array_append_new(list, o);
	}
	json_decref(rows);
	json_object_set_new(v, "users", list);
	json_object_set_new(v, "add", add);
	return admin_render(ctx, r, resp, status, "admin-users", v);
}

static json_t *
add_form(const char *email, const char *role)
{
	json_t *f = form_new();

	form_field(f, "email", "Email address", "email", email, NULL, "off",
	    1);
	role_field(f, role);
	form_field(f, "password", "First password", "password", "",
	    "At least 10 characters.", "new-password", 1);
	return f;
}

enum err
admin_users(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	return users_page(ctx, r, resp, &u, 200, add_form("", "author"));
}

enum err
admin_users_add(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *email = req_form(r, "email"), *role = req_form(r, "role");
	const char *pw = req_form(r, "password"), *why;
	char hash[PASSWORD_HASH_LEN];
	json_t *form, *old = NULL;
	enum role rl;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	email = email != NULL ? email : "";
	role = role != NULL ? role : "";
	pw = pw != NULL ? pw : "";
	form = add_form(email, role);
	if (!email_valid(email))
		form_error(form, "email", *email == '\0' ? "Enter an email "
		    "address." : "Enter an email address such as "
		    "name@example.org.");
	else if ((rc = store_user_find(ctx->store, email, &old)) == ERR_OK)
		form_error(form, "email", "There is already an account with "
		    "this address.");
	else if (rc != ERR_NOTFOUND) {
		json_decref(form);
		return rc;
	}
	json_decref(old);
	if (role_parse(role, &rl) != ERR_OK)
		form_error(form, "role", "Choose author, editor or admin.");
	if ((why = password_problem(pw)) != NULL)
		form_error(form, "password", arena_printf(r->arena,
		    "The password %s.", why));
	if (form_failed(form))
		return users_page(ctx, r, resp, &u, 422, form);
	json_decref(form);
	if ((rc = password_hash(pw, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
	    hash)) != ERR_OK || (rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_user_add(ctx->store, email, role, hash,
	    site_now(ctx->site), &id)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, &u, NULL, "user added",
	    arena_printf(r->arena, "%s (%s)", email, role))) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		if (rc != ERR_CONFLICT)
			return rc;
		form = add_form(email, role);
		form_error(form, "email", "There is already an account with "
		    "this address.");
		return users_page(ctx, r, resp, &u, 422, form);
	}
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/users?done=added#user-%lld", (long long)id));
	return ERR_OK;
}

static enum err
user_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *user, json_t *role)
{
	json_t *v, *a = json_object();
	int64_t id = user_id(user);

	user_view(r, a, user);
	json_object_set_new(a, "self", json_boolean(id == u->id));
	/* Your own session is not one to end from here. */
	json_object_set_new(a, "has_sessions", json_boolean(json_integer_value(
	    json_object_get(user, "sessions")) > (id == u->id ? 1 : 0)));
	if (role == NULL)
		role_field(role = form_new(), view_str(user, "role"));
	json_object_set_new(a, "role", role);
	json_object_set_new(a, "role_url", json_string(arena_printf(r->arena,
	    "/admin/users/%lld/role", (long long)id)));
	json_object_set_new(a, "sessions_url", json_string(arena_printf(
	    r->arena, "/admin/users/%lld/sessions", (long long)id)));
	json_object_set_new(a, "disable_url", json_string(arena_printf(
	    r->arena, "/admin/users/%lld/disable", (long long)id)));
	json_object_set_new(a, "enable_url", json_string(arena_printf(
	    r->arena, "/admin/users/%lld/enable", (long long)id)));
	v = admin_view(ctx, r, u, view_str(user, "email"), "/admin/users");
	json_object_set_new(v, "account", a);
	return admin_render(ctx, r, resp, status, "admin-user", v);
}

/* Begin a change to the :id user: an admin, the user found. */
static enum err
change_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **user, int *go)
{
	enum err rc;

	*user = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, u, go)) != ERR_OK ||
	    !*go)
		return rc;
	if ((rc = user_of(ctx, r, user)) != ERR_OK)
		*go = 0;
	return rc;
}

/* Back to the user's page, saying what was done (page.c's notices). */
static void
user_done(struct req *r, struct resp *resp, json_t *user, const char *done)
{
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/users/%lld?done=%s", (long long)user_id(user), done));
}

enum err
admin_user(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *user;
	enum err rc;
	int go;

	if ((rc = change_begin(ctx, r, resp, &u, &user, &go)) != ERR_OK ||
	    !go)
		return rc;
	rc = user_page(ctx, r, resp, &u, 200, user, NULL);
	json_decref(user);
	return rc;
}

enum err
admin_user_role(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *role = req_form(r, "role"), *was;
	json_t *user, *form;
	enum role rl;
	long admins;
	enum err rc;
	int go;

	if ((rc = change_begin(ctx, r, resp, &u, &user, &go)) != ERR_OK ||
	    !go)
		return rc;
	was = view_str(user, "role");
	form = form_new();
	role_field(form, role != NULL ? role : "");
	if (role_parse(role, &rl) != ERR_OK)
		form_error(form, "role", "Choose author, editor or admin.");
	else if (strcmp(was, "admin") == 0 && rl != ROLE_ADMIN &&
	    !user_disabled(user) && (rc = admins_active(ctx, &admins)) ==
	    ERR_OK && admins <= 1)
		form_error(form, "role", "This is the last active "
		    "administrator: make someone else one first.");
	if (rc != ERR_OK || form_failed(form)) {
		if (rc == ERR_OK)
			rc = user_page(ctx, r, resp, &u, 422, user, form);
		else
			json_decref(form);
		json_decref(user);
		return rc;
	}
	json_decref(form);
	if (strcmp(was, role) != 0 &&
	    (rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, &u, store_user_set(ctx->store,
		    user_id(user), STORE_USER_ROLE, role, 0), "role changed",
		    arena_printf(r->arena, "%s: %s to %s", view_str(user,
		    "email"), was, role));
	if (rc == ERR_OK)
		user_done(r, resp, user, "role");
	json_decref(user);
	return rc;
}

enum err
admin_user_sessions(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *keep;
	json_t *user;
	long n = 0;
	enum err rc;
	int go;

	if ((rc = change_begin(ctx, r, resp, &u, &user, &go)) != ERR_OK ||
	    !go)
		return rc;
	/* Your own: the others; this one is how you are here. */
	keep = user_id(user) == u.id ? u.hash : NULL;
	if ((rc = store_begin(ctx->store)) == ERR_OK) {
		rc = admin_sessions_end(ctx, user_id(user), keep, &n);
		rc = edit_commit(ctx, r, &u, rc, "sessions ended",
		    arena_printf(r->arena, "%s: %ld", view_str(user, "email"),
		    n));
	}
	if (rc == ERR_OK) {
		admin_live_drop(ctx, user_id(user), keep);
		user_done(r, resp, user, "sessions");
	}
	json_decref(user);
	return rc;
}

enum err
admin_user_disable_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct confirm c;
	json_t *user;
	enum err rc;
	int go;

	if ((rc = change_begin(ctx, r, resp, &u, &user, &go)) != ERR_OK ||
	    !go)
		return rc;
	if (user_id(user) == u.id || user_disabled(user)) {
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/users/%lld", (long long)user_id(user)));
		json_decref(user);
		return ERR_OK;
	}
	c = (struct confirm){ .page = "Disable an account",
	    .current = "/admin/users", .title = arena_printf(r->arena,
	    "Disable %s?", view_str(user, "email")), .text = "They are "
	    "signed out everywhere at once and cannot sign in again until "
	    "an administrator enables the account. Nothing they wrote is "
	    "removed.", .action = arena_printf(r->arena,
	    "/admin/users/%lld/disable", (long long)user_id(user)),
	    .button = "Disable the account", .cancel = arena_printf(r->arena,
	    "/admin/users/%lld", (long long)user_id(user)) };
	json_decref(user);
	return admin_confirm(ctx, r, resp, &u, &c);
}

/* Disable or enable the :id user. */
static enum err
user_access(struct ctx *ctx, struct req *r, struct resp *resp, int off)
{
	struct admin_user u;
	json_t *user;
	long n = 0;
	enum err rc;
	int go;

	if ((rc = change_begin(ctx, r, resp, &u, &user, &go)) != ERR_OK ||
	    !go)
		return rc;
	if (off && user_id(user) == u.id) {
		rc = admin_message(ctx, r, resp, &u, 403, "You cannot disable "
		    "your own account", "Another administrator can. Nothing "
		    "was changed.");
		json_decref(user);
		return rc;
	}
	if (user_disabled(user) != off &&
	    (rc = store_begin(ctx->store)) == ERR_OK) {
		rc = store_user_set(ctx->store, user_id(user),
		    STORE_USER_DISABLED, NULL, off);
		if (rc == ERR_OK && off)
			rc = admin_sessions_end(ctx, user_id(user), NULL, &n);
		rc = edit_commit(ctx, r, &u, rc, off ? "user disabled" :
		    "user enabled", view_str(user, "email"));
	}
	if (rc == ERR_OK) {
		if (off)
			admin_live_drop(ctx, user_id(user), NULL);
		user_done(r, resp, user, off ? "disabled" : "enabled");
	}
	json_decref(user);
	return rc;
}

enum err
admin_user_disable(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return user_access(ctx, r, resp, 1);
}

enum err
admin_user_enable(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return user_access(ctx, r, resp, 0);
}
