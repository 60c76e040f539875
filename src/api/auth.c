/*
 * auth: who is calling the API.  Writes need an API token (made by an
 * administrator at /admin/tokens) sent as a bearer token (RFC 6750):
 *
 *	Authorization: Bearer octavo_<64 hex digits>
 *
 * The token is hashed and looked up; it acts as its user, with the
 * user's role, while the token is not revoked and the user not
 * disabled.  No token, or one that is malformed, unknown, revoked or
 * whose user is disabled: 401 with a WWW-Authenticate challenge (the
 * same answer for each, so that a prober learns nothing).  A role too
 * low for the endpoint: 403.  A token's last use is stored at most
 * every TOKEN_TOUCH seconds.
 */
#include <string.h>
#include <strings.h>

#include "api.h"

#define TOKEN_TOUCH	60	/* seconds */

static const char realm[] = "Bearer realm=\"octavo\"";

const char *
api_bearer(const char *h)
{
	if (h == NULL || strncasecmp(h, "Bearer", 6) != 0 ||
	    (h[6] != ' ' && h[6] != '\t'))
		return NULL;
	for (h += 6; *h == ' ' || *h == '\t'; h++)
		;
	return *h != '\0' ? h : NULL;
}

static enum err
refuse(struct api_call *c, const char *challenge, const char *why)
{
	c->challenge = challenge;
	return api_fail(c, 401, NULL, "%s", why);
}

enum err
api_authorize(struct api_call *c, enum role need, struct api_user *u)
{
	const char *tok = api_bearer(c->r->authorization);
	char hash[TOKEN_HEX];
	json_t *row = NULL, *user;
	int64_t now = site_now(c->ctx->site), used;
	enum err rc;

	memset(u, 0, sizeof(*u));
	if (tok == NULL)
		return refuse(c, realm, "This needs an API token: send "
		    "\"Authorization: Bearer\" and a token an administrator "
		    "made at /admin/tokens.");
	if (token_api_hash(tok, hash) != ERR_OK ||
	    (rc = store_token_find(c->ctx->store, hash, &row)) ==
	    ERR_NOTFOUND)
		goto invalid;
	if (rc != ERR_OK)
		return rc;
	user = json_object_get(row, "user");
	if (!json_is_null(json_object_get(row, "revoked_at")) ||
	    json_integer_value(json_object_get(user, "disabled")) != 0 ||
	    role_parse(view_str(user, "role"), &u->role) != ERR_OK)
		goto invalid;
	u->id = json_integer_value(json_object_get(row, "user_id"));
	u->email = arena_strdup(c->r->arena, view_str(user, "email"));
	u->token = json_integer_value(json_object_get(row, "id"));
	u->token_name = arena_strdup(c->r->arena, view_str(row, "name"));
	used = json_integer_value(json_object_get(row, "used_at"));
	json_decref(row);
	if (now - used >= TOKEN_TOUCH &&
	    (rc = store_token_touch(c->ctx->store, u->token, now)) !=
	    ERR_OK && rc != ERR_BUSY)
		return rc;
	if (u->role < need)
		return api_fail(c, 403, NULL, "This token acts as %s, an %s; "
		    "this needs an %s or more.", u->email,
		    role_names[u->role], role_names[need]);
	return ERR_OK;
invalid:
	json_decref(row);
	return refuse(c, "Bearer realm=\"octavo\", error=\"invalid_token\"",
	    "The API token is not valid: it is unknown, revoked, or its "
	    "user's account is disabled.");
}

/* GET /api/v1/me: the token in use and whom it acts as. */
static enum err
me(struct api_call *c)
{
	struct api_user u;
	enum err rc;

	if ((rc = api_authorize(c, ROLE_AUTHOR, &u)) != ERR_OK)
		return rc;
	c->resp->cache_control = "no-store";
	return api_send(c, json_pack("{s:{s:s, s:s}, s:{s:s}}", "user",
	    "email", u.email, "role", role_names[u.role], "token", "name",
	    u.token_name));
}

enum err
api_me(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, me);
}
