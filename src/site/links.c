/*
 * links: the signed links of the newsletter (/newsletter/confirm/T,
 * /newsletter/unsubscribe/T, /newsletter/preferences/T) and of a
 * back-office user's password reset (/admin/password/reset/T), made by
 * the mailer and checked by the pages.  Both sides live here so that
 * they cannot disagree: the key is the database's "mail" secret; the
 * salt is the subscriber's token column, or the user's password hash,
 * so that a reset link dies with the password it replaces; a
 * confirmation expires after SITE_CONFIRM_TTL, a reset after
 * SITE_RESET_TTL.  Nothing a link carries is stored.
 */
#include <sodium.h>
#include <string.h>

#include "site.h"

enum err
site_link_key(struct store *s, unsigned char key[SIGNED_KEY_LEN])
{
	char hex[SIGNED_KEY_LEN * 2 + 1];
	enum err rc;

	if ((rc = store_secret_get(s, "mail", hex, sizeof(hex))) == ERR_OK)
		rc = signed_key(hex, key);
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

void
site_link_token_keyed(const unsigned char key[SIGNED_KEY_LEN], char kind,
    int64_t id, const char *salt, int64_t now, char out[SIGNED_TOKEN_LEN])
{
	struct signed_token t = { kind, id, 0 };

	if (kind == SITE_LINK_CONFIRM)
		t.expires = now + SITE_CONFIRM_TTL;
	else if (kind == SITE_LINK_RESET)
		t.expires = now + SITE_RESET_TTL;
	signed_token_make(key, &t, salt, out);
}

enum err
site_link_token(struct store *s, char kind, int64_t id, const char *salt,
    int64_t now, char out[SIGNED_TOKEN_LEN])
{
	unsigned char key[SIGNED_KEY_LEN];
	enum err rc;

	if ((rc = site_link_key(s, key)) == ERR_OK)
		site_link_token_keyed(key, kind, id, salt, now, out);
	sodium_memzero(key, sizeof(key));
	return rc;
}

/*
 * Check token of kind against the row get finds for its id, salted with
 * the row's member salt; the row into *row (caller frees).
 */
static enum err
link_check(struct store *s, const char *token, char kind, int64_t now,
    enum err (*get)(struct store *, int64_t, json_t **), const char *salt,
    json_t **row)
{
	unsigned char key[SIGNED_KEY_LEN];
	struct signed_token t;
	const char *v;
	enum err rc;

	*row = NULL;
	if (signed_token_parse(token, &t) != ERR_OK || t.kind != kind)
		return ERR_PARSE;
	if ((rc = get(s, t.id, row)) != ERR_OK)
		return rc == ERR_NOTFOUND ? ERR_AUTH : rc;
	if ((rc = site_link_key(s, key)) != ERR_OK)
		goto out;
	v = json_string_value(json_object_get(*row, salt));
	rc = signed_token_check(key, token, kind, v != NULL ? v : "", now);
out:
	sodium_memzero(key, sizeof(key));
	if (rc != ERR_OK) {
		json_decref(*row);
		*row = NULL;
	}
	return rc;
}

enum err
site_link_check(struct store *s, const char *token, char kind, int64_t now,
    json_t **sub)
{
	return link_check(s, token, kind, now, store_subscriber_get, "token",
	    sub);
}

enum err
site_reset_check(struct store *s, const char *token, int64_t now,
    json_t **user)
{
	enum err rc;

	rc = link_check(s, token, SITE_LINK_RESET, now, store_user_get,
	    "password", user);
	if (rc == ERR_OK && json_integer_value(json_object_get(*user,
	    "disabled")) != 0) {
		json_decref(*user);
		*user = NULL;
		rc = ERR_AUTH;
	}
	return rc;
}
