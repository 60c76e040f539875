/*
 * links: the signed links of the newsletter (/newsletter/confirm/T,
 * /newsletter/unsubscribe/T, /newsletter/preferences/T), made by the
 * mailer and checked by the public pages.  Both sides live here so that
 * they cannot disagree: the key is the database's "mail" secret, the
 * salt the subscriber's token column, and a confirmation expires after
 * SITE_CONFIRM_TTL.  Nothing a link carries is stored.
 */
#include <sodium.h>
#include <string.h>

#include "site.h"

static enum err
mail_key(struct store *s, unsigned char key[SIGNED_KEY_LEN])
{
	char hex[SIGNED_KEY_LEN * 2 + 1];
	enum err rc;

	if ((rc = store_secret_get(s, "mail", hex, sizeof(hex))) == ERR_OK)
		rc = signed_key(hex, key);
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

enum err
site_link_token(struct store *s, char kind, int64_t id, const char *salt,
    int64_t now, char out[SIGNED_TOKEN_LEN])
{
	unsigned char key[SIGNED_KEY_LEN];
	struct signed_token t = { kind, id, 0 };
	enum err rc;

	if (kind == SITE_LINK_CONFIRM)
		t.expires = now + SITE_CONFIRM_TTL;
	if ((rc = mail_key(s, key)) == ERR_OK)
		signed_token_make(key, &t, salt, out);
	sodium_memzero(key, sizeof(key));
	return rc;
}

enum err
site_link_check(struct store *s, const char *token, char kind, int64_t now,
    json_t **sub)
{
	unsigned char key[SIGNED_KEY_LEN];
	struct signed_token t;
	const char *salt;
	enum err rc;

	*sub = NULL;
	if (signed_token_parse(token, &t) != ERR_OK || t.kind != kind)
		return ERR_PARSE;
	if ((rc = store_subscriber_get(s, t.id, sub)) != ERR_OK)
		return rc == ERR_NOTFOUND ? ERR_AUTH : rc;
	if ((rc = mail_key(s, key)) != ERR_OK)
		goto out;
	salt = json_string_value(json_object_get(*sub, "token"));
	rc = signed_token_check(key, token, kind, salt != NULL ? salt : "",
	    now);
out:
	sodium_memzero(key, sizeof(key));
	if (rc != ERR_OK) {
		json_decref(*sub);
		*sub = NULL;
	}
	return rc;
}
