/*
 * newsletter: the sign-up.  GET /newsletter shows the form; POST stores a
 * pending subscriber (double opt-in: the confirmation mail confirms it)
 * with a random token.  A second sign-up of the same address makes no
 * second row and gets the same answer, so the form does not tell who is
 * subscribed.  A bad address gets the form back, with what was typed and
 * why, and status 422.
 */
#include <sodium.h>
#include <string.h>

#include "web.h"

static void
form_state(json_t *v, const char *email, const char *error, int ok)
{
	json_t *sb = json_copy(json_object_get(v, "sidebar"));
	json_t *nl = json_copy(json_object_get(sb, "newsletter"));

	json_object_set_new(nl, "email", json_string(email));
	json_object_set_new(nl, "error", json_string(error));
	json_object_set_new(nl, "ok", json_boolean(ok));
	json_object_set_new(sb, "newsletter", nl);
	json_object_set_new(v, "sidebar", sb);
}

enum err
page_newsletter(struct ctx *ctx, struct req *r, struct resp *resp)
{
	unsigned char raw[32];
	char token[sizeof(raw) * 2 + 1];
	const char *email = NULL, *error = "";
	json_t *v, *sub = json_false();
	int created;
	enum err rc;

	if ((rc = view_new(ctx, r, "Newsletter", &v)) != ERR_OK)
		return rc;
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
		if ((rc = store_subscriber_add(ctx->store, email, token,
		    &created)) != ERR_OK) {
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
	form_state(v, email != NULL ? email : "", error, json_is_object(sub));
	json_object_set_new(v, "subscribed", sub);
	return site_render(ctx, r, resp, "newsletter", v, 0, 0);
}
