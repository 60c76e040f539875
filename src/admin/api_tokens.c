/*
 * api_tokens: /admin/tokens, for administrators: the JSON API's tokens.
 * A token is made for a user, whose role and access it carries (a
 * disabled user's tokens stop working with them); it is shown once, on
 * the page that answers its making, and only its hash is kept
 * (token_api_hash).  Revoking one (after a confirmation) keeps its row,
 * with the time, for the list; both are audited.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

#define TOKEN_NAME_MAX	100	/* bytes */

/* The token named by the route's :id, or ERR_NOTFOUND. */
static enum err
token_of(struct ctx *ctx, struct req *r, json_t **out)
{
	json_t *rows = NULL, *it;
	int64_t id;
	size_t i;
	enum err rc;

	*out = NULL;
	if (admin_arg_id(r, &id) != ERR_OK)
		return ERR_NOTFOUND;
	if ((rc = store_tokens_list(ctx->store, &rows)) != ERR_OK)
		return rc;
	json_array_foreach(rows, i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			*out = json_incref(it);
	json_decref(rows);
	return *out != NULL ? ERR_OK : ERR_NOTFOUND;
}

static int64_t
row_time(json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

/* One row of the list, for admin-tokens. */
static json_t *
token_view(struct req *r, json_t *row)
{
	int64_t id = row_time(row, "id");
	json_t *user = json_object_get(row, "user");
	char iso[TIME_ISO_LEN];
	json_t *o;

	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)id,
	    "name", view_str(row, "name"), "hint", view_str(row, "hint"),
	    "email", view_str(user, "email"), "role_name", view_str(user,
	    "role"), "user_disabled", json_integer_value(json_object_get(user,
	    "disabled")) != 0);
	json_object_set_new(o, "by", json_string(view_str(json_object_get(row,
	    "by"), "email")));
	time_iso(row_time(row, "created_at"), TIME_ISO_SECONDS, iso);
	json_object_set_new(o, "created", json_string(admin_time(r->arena,
	    row_time(row, "created_at"))));
	json_object_set_new(o, "created_iso", json_string(iso));
	time_iso(row_time(row, "used_at"), TIME_ISO_SECONDS, iso);
	json_object_set_new(o, "used", json_string(admin_time(r->arena,
	    row_time(row, "used_at"))));
	json_object_set_new(o, "used_iso", json_string(iso));
	time_iso(row_time(row, "revoked_at"), TIME_ISO_SECONDS, iso);
	json_object_set_new(o, "revoked", json_string(admin_time(r->arena,
	    row_time(row, "revoked_at"))));
	json_object_set_new(o, "revoked_iso", json_string(iso));
	json_object_set_new(o, "revoke_url", json_string(arena_printf(
	    r->arena, "/admin/tokens/%lld/revoke", (long long)id)));
	return o;
}

/* The form to make a token: its name, and the active users to act as. */
static enum err
make_form(struct ctx *ctx, const char *name, const char *user,
    json_t **out)
{
	json_t *f = form_new(), *users = NULL, *field, *it;
	char num[24];
	size_t i;
	enum err rc;

	if ((rc = store_users_list(ctx->store, &users)) != ERR_OK) {
		json_decref(f);
		return rc;
	}
	form_field(f, "name", "Name", "text", name, "What the token is for, "
	    "such as \"Import from the old site\".", "off", 1);
	field = form_field(f, "user", "Acts as", "select", user, "The token "
	    "may do what this user may do, and stops working if the account "
	    "is disabled.", NULL, 1);
	field_option(field, "", "Choose a user", *user == '\0');
	json_array_foreach(users, i, it) {
		if (json_integer_value(json_object_get(it, "disabled")) != 0)
			continue;
		snprintf(num, sizeof(num), "%lld", (long long)
		    json_integer_value(json_object_get(it, "id")));
		field_option(field, num, view_str(it, "email"),
		    strcmp(num, user) == 0);
	}
	json_decref(users);
	*out = f;
	return ERR_OK;
}

static enum err
tokens_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *form, json_t *made)
{
	json_t *v, *rows = NULL, *list, *it;
	size_t i;
	enum err rc;

	if ((rc = store_tokens_list(ctx->store, &rows)) != ERR_OK) {
		json_decref(form);
		json_decref(made);
		return rc;
	}
	list = json_array();
	json_array_foreach(rows, i, it)
		json_array_append_new(list, token_view(r, it));
	json_decref(rows);
	v = admin_view(ctx, r, u, made != NULL ? "Your new API token" :
	    "API tokens", "/admin/tokens");
	json_object_set_new(v, "tokens", list);
	json_object_set_new(v, "empty", json_boolean(json_array_size(list) ==
	    0));
	json_object_set_new(v, "add", form);
	json_object_set_new(v, "made", made != NULL ? made : json_false());
	return admin_render(ctx, r, resp, status, "admin-tokens", v);
}

enum err
admin_tokens(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *form;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = make_form(ctx, "", "", &form)) != ERR_OK)
		return rc;
	return tokens_page(ctx, r, resp, &u, 200, form, NULL);
}

enum err
admin_tokens_add(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *name = req_form(r, "name"), *user = req_form(r, "user");
	const char *why;
	char secret[TOKEN_API_LEN], hash[TOKEN_HEX];
	struct store_token t;
	json_t *form, *acts = NULL, *made;
	long long uid = 0;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	name = name != NULL ? name : "";
	user = user != NULL ? user : "";
	if ((rc = make_form(ctx, name, user, &form)) != ERR_OK)
		return rc;
	if (*name == '\0')
		form_error(form, "name", "Enter a name that says what the "
		    "token is for.");
	else if (strlen(name) > TOKEN_NAME_MAX)
		form_error(form, "name", "The name must be at most 100 "
		    "characters long.");
	else if ((why = utf8_line_problem(name)) != NULL)
		form_error(form, "name", arena_printf(r->arena, "The name %s.",
		    why));
	if (str_to_ll(user, 1, INT64_MAX, &uid) != ERR_OK ||
	    (rc = store_user_get(ctx->store, (int64_t)uid, &acts)) ==
	    ERR_NOTFOUND || (rc == ERR_OK && json_integer_value(
	    json_object_get(acts, "disabled")) != 0))
		form_error(form, "user", "Choose an active user for the token "
		    "to act as.");
	else if (rc != ERR_OK) {
		json_decref(form);
		return rc;
	}
	if (form_failed(form)) {
		json_decref(acts);
		return tokens_page(ctx, r, resp, &u, 422, form, NULL);
	}
	token_api_new(secret, hash);
	t = (struct store_token){ .hash = hash, .name = name,
	    .hint = secret + strlen(secret) - 4, .user_id = (int64_t)uid,
	    .created_by = u.id, .created_at = site_now(ctx->site) };
	if ((rc = store_begin(ctx->store)) == ERR_OK &&
	    (rc = store_token_add(ctx->store, &t, &id)) == ERR_OK &&
	    (rc = admin_audit(ctx, r, &u, NULL, "API token made",
	    arena_printf(r->arena, "%s, acting as %s", name, view_str(acts,
	    "email")))) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK) {
		store_rollback(ctx->store);
		json_decref(form);
		json_decref(acts);
		return rc;
	}
	json_decref(form);
	if ((rc = make_form(ctx, "", "", &form)) != ERR_OK) {
		json_decref(acts);
		return rc;
	}
	made = json_pack("{s:s, s:s, s:s}", "token", secret, "name", name,
	    "email", view_str(acts, "email"));
	json_decref(acts);
	rc = tokens_page(ctx, r, resp, &u, 201, form, made);
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

/* Begin a revocation: an admin, the live token found. */
static enum err
revoke_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **tok, int *go)
{
	enum err rc;

	*tok = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, u, go)) != ERR_OK ||
	    !*go)
		return rc;
	if ((rc = token_of(ctx, r, tok)) != ERR_OK) {
		*go = 0;
		return rc;
	}
	if (!json_is_null(json_object_get(*tok, "revoked_at"))) {
		/* Already revoked: nothing to ask or do. */
		admin_redirect(r, resp, "/admin/tokens");
		json_decref(*tok);
		*tok = NULL;
		*go = 0;
	}
	return ERR_OK;
}

enum err
admin_token_revoke_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct confirm c;
	json_t *tok;
	enum err rc;
	int go;

	if ((rc = revoke_begin(ctx, r, resp, &u, &tok, &go)) != ERR_OK ||
	    !go)
		return rc;
	c = (struct confirm){ .page = "Revoke an API token",
	    .current = "/admin/tokens", .title = arena_printf(r->arena,
	    "Revoke \"%s\"?", view_str(tok, "name")), .text = "Whatever "
	    "uses this token is refused from now on. This cannot be undone: "
	    "to go on, make a new token.", .action = arena_printf(r->arena,
	    "/admin/tokens/%lld/revoke", (long long)row_time(tok, "id")),
	    .button = "Revoke the token", .cancel = "/admin/tokens" };
	json_decref(tok);
	return admin_confirm(ctx, r, resp, &u, &c);
}

enum err
admin_token_revoke(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *tok;
	enum err rc;
	int go;

	if ((rc = revoke_begin(ctx, r, resp, &u, &tok, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = store_begin(ctx->store)) == ERR_OK &&
	    (rc = store_token_revoke(ctx->store, row_time(tok, "id"),
	    site_now(ctx->site))) == ERR_OK &&
	    (rc = admin_audit(ctx, r, &u, NULL, "API token revoked",
	    view_str(tok, "name"))) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	json_decref(tok);
	if (rc == ERR_OK)
		admin_redirect(r, resp, "/admin/tokens?done=revoked");
	return rc;
}
