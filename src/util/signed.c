/*
 * signed: links that carry their own proof.  A signed token names a
 * kind (one letter), a row id and an expiry (0: none), and ends in a
 * MAC of those and of a salt kept with the row (BLAKE2b-128 keyed by a
 * secret of the site): "c42-1767225600-<22 base64url>".  Nothing about
 * it is stored, so a copy of the database holds no link; changing the
 * row's salt revokes every link made for it.  The parser is strict (no
 * sign, no leading zero, no space, fixed MAC length) and is fuzzed
 * (fuzz_signed).
 */
#include <sodium.h>
#include <string.h>

#include "util.h"

#define MAC_BYTES	16
#define MAC_B64		22	/* base64url of 16 bytes, no padding */

static const char label[] = "octavo signed link v1";

/* A decimal number without sign or leading zero, up to end. */
static int
number(const char *s, const char *end, int64_t *out)
{
	int64_t v = 0;

	if (s == end || end - s > 18 || (*s == '0' && end - s > 1))
		return -1;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

static void
mac(const unsigned char key[SIGNED_KEY_LEN], const char *body, size_t n,
    const char *salt, char out[MAC_B64 + 1])
{
	crypto_generichash_state st;
	unsigned char h[MAC_BYTES];

	crypto_generichash_init(&st, key, SIGNED_KEY_LEN, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)label,
	    sizeof(label));
	crypto_generichash_update(&st, (const unsigned char *)body, n);
	crypto_generichash_update(&st, (const unsigned char *)"", 1);
	crypto_generichash_update(&st, (const unsigned char *)salt,
	    strlen(salt));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2base64(out, MAC_B64 + 1, h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
signed_token_make(const unsigned char key[SIGNED_KEY_LEN],
    const struct signed_token *t, const char *salt,
    char out[SIGNED_TOKEN_LEN])
{
	char m[MAC_B64 + 1];
	int n;

	n = snprintf(out, SIGNED_TOKEN_LEN, "%c%lld-%lld-", t->kind,
	    (long long)t->id, (long long)t->expires);
	mac(key, out, (size_t)n, salt, m);
	memcpy(out + n, m, sizeof(m));
}

enum err
signed_token_parse(const char *s, struct signed_token *t)
{
	const char *d1, *d2;
	size_t len;

	if (s == NULL || (len = strnlen(s, SIGNED_TOKEN_LEN)) ==
	    SIGNED_TOKEN_LEN || len < 5 + MAC_B64 || s[0] < 'a' || s[0] > 'z')
		return ERR_PARSE;
	if ((d1 = memchr(s + 1, '-', len - 1)) == NULL ||
	    (d2 = memchr(d1 + 1, '-', len - (size_t)(d1 + 1 - s))) == NULL ||
	    strlen(d2 + 1) != MAC_B64 ||
	    strspn(d2 + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != MAC_B64)
		return ERR_PARSE;
	if (number(s + 1, d1, &t->id) != 0 || number(d1 + 1, d2,
	    &t->expires) != 0 || t->id == 0)
		return ERR_PARSE;
	t->kind = s[0];
	return ERR_OK;
}

enum err
signed_token_check(const unsigned char key[SIGNED_KEY_LEN], const char *s,
    char kind, const char *salt, int64_t now)
{
	struct signed_token t;
	char m[MAC_B64 + 1];
	size_t n;

	if (signed_token_parse(s, &t) != ERR_OK || t.kind != kind)
		return ERR_PARSE;
	n = strlen(s) - MAC_B64;
	mac(key, s, n, salt, m);
	if (sodium_memcmp(m, s + n, MAC_B64) != 0)
		return ERR_AUTH;
	if (t.expires != 0 && now >= t.expires)
		return ERR_INVAL;
	return ERR_OK;
}

enum err
signed_key(const char *hex, unsigned char key[SIGNED_KEY_LEN])
{
	size_t n = 0;

	if (hex == NULL || strlen(hex) != SIGNED_KEY_LEN * 2 ||
	    sodium_hex2bin(key, SIGNED_KEY_LEN, hex, SIGNED_KEY_LEN * 2, NULL,
	    &n, NULL) != 0 || n != SIGNED_KEY_LEN)
		return ERR_PARSE;
	return ERR_OK;
}
