/*
 * token: the random tokens a session is made of, and what is derived
 * from them.  The cookie holds 32 random bytes in hex; the database
 * holds only their BLAKE2b hash, so a copy of the database signs nobody
 * in; the CSRF token is a MAC of a label under the token itself, so it
 * is known to the cookie's holder alone.  Every comparison of what a
 * client sent goes through token_equal, in constant time.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

static const char csrf_label[] = "octavo csrf v1";
static const char login_label[] = "octavo sign-in form v1";

/* The bytes of a token in hex; ERR_PARSE unless exactly 64 hex digits. */
static enum err
token_bytes(const char *token, unsigned char out[TOKEN_BYTES])
{
	size_t n;

	if (token == NULL || strnlen(token, TOKEN_HEX) != TOKEN_HEX - 1 ||
	    sodium_hex2bin(out, TOKEN_BYTES, token, TOKEN_HEX - 1, NULL, &n,
	    NULL) != 0 || n != TOKEN_BYTES)
		return ERR_PARSE;
	return ERR_OK;
}

void
token_new(char out[TOKEN_HEX])
{
	unsigned char b[TOKEN_BYTES];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, TOKEN_HEX, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

enum err
token_hash(const char *token, char out[TOKEN_HEX])
{
	unsigned char b[TOKEN_BYTES], h[TOKEN_BYTES];

	if (token_bytes(token, b) != ERR_OK)
		return ERR_PARSE;
	crypto_generichash(h, sizeof(h), b, sizeof(b), NULL, 0);
	sodium_bin2hex(out, TOKEN_HEX, h, sizeof(h));
	sodium_memzero(b, sizeof(b));
	return ERR_OK;
}

enum err
token_csrf(const char *token, char out[TOKEN_HEX])
{
	unsigned char b[TOKEN_BYTES], h[TOKEN_BYTES];

	if (token_bytes(token, b) != ERR_OK)
		return ERR_PARSE;
	crypto_generichash(h, sizeof(h), (const unsigned char *)csrf_label,
	    sizeof(csrf_label) - 1, b, sizeof(b));
	sodium_bin2hex(out, TOKEN_HEX, h, sizeof(h));
	sodium_memzero(b, sizeof(b));
	return ERR_OK;
}

void
token_signed(const unsigned char key[TOKEN_BYTES], const char *nonce,
    char out[TOKEN_HEX])
{
	crypto_generichash_state st;
	unsigned char h[TOKEN_BYTES];

	crypto_generichash_init(&st, key, TOKEN_BYTES, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)login_label,
	    sizeof(login_label));
	crypto_generichash_update(&st, (const unsigned char *)nonce,
	    strlen(nonce));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, TOKEN_HEX, h, sizeof(h));
}

int
token_equal(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (a == NULL || n == 0 || strnlen(a, n + 1) != n)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

void
token_api_new(char out[TOKEN_API_LEN], char hash[TOKEN_HEX])
{
	char t[TOKEN_HEX];

	token_new(t);
	snprintf(out, TOKEN_API_LEN, "%s%s", TOKEN_API_PREFIX, t);
	(void)token_hash(t, hash);	/* 64 hex digits: cannot fail */
	sodium_memzero(t, sizeof(t));
}

enum err
token_api_hash(const char *token, char hash[TOKEN_HEX])
{
	size_t n = sizeof(TOKEN_API_PREFIX) - 1;

	if (token == NULL || strncmp(token, TOKEN_API_PREFIX, n) != 0)
		return ERR_PARSE;
	return token_hash(token + n, hash);
}
