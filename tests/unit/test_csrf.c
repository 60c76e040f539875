/*
 * test_csrf: the tokens a session is made of.  New tokens are 64 hex
 * digits and differ; a token's stored hash and its CSRF token are
 * fixed functions of it (known vectors), differ from each other and from
 * another token's; anything but 64 hex digits is refused as a cookie;
 * the sign-in form's token depends on the key and the nonce; token_equal
 * takes exactly the right token and refuses NULL, empty, cut, longer
 * and one-digit-off ones.
 */
#include <sodium.h>

#include "admin/admin.h"
#include "test.h"

#define TOK	"000102030405060708090a0b0c0d0e0f" \
		"101112131415161718191a1b1c1d1e1f"
#define TOK2	"100102030405060708090a0b0c0d0e0f" \
		"101112131415161718191a1b1c1d1e1f"

static const struct {
	const char	*name;
	const char	*cookie;
} bad[] = {
	{ "empty", "" },
	{ "63 digits", "00010203040506070809" "0a0b0c0d0e0f1011121314151617"
	    "18191a1b1c1d1e1" },
	{ "65 digits", TOK "0" },
	{ "a non-hex digit", "g00102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1" },
	{ "a space", " 00102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1" },
	{ "colons", "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f" },
};

int
main(void)
{
	char a[TOKEN_HEX], b[TOKEN_HEX], h[TOKEN_HEX], h2[TOKEN_HEX];
	char c[TOKEN_HEX], c2[TOKEN_HEX], s1[TOKEN_HEX], s2[TOKEN_HEX];
	char s3[TOKEN_HEX], off[TOKEN_HEX], longer[TOKEN_HEX + 1];
	unsigned char key[TOKEN_BYTES] = { 1 }, key2[TOKEN_BYTES] = { 2 };
	size_t i;

	if (sodium_init() < 0)
		return 1;
	token_new(a);
	token_new(b);
	T_INTEQ("a new token is 64 characters", strlen(a), 64);
	T_TRUE("of lowercase hex", strspn(a, "0123456789abcdef") == 64);
	T_TRUE("two new tokens differ", strcmp(a, b) != 0);

	T_INTEQ("hash of a token", token_hash(TOK, h), ERR_OK);
	/* Python: hashlib.blake2b(bytes(range(32)), digest_size=32) */
	T_STREQ("the hash is BLAKE2b-256 of the bytes", h,
	    "cb2f5160fc1f7e05a55ef49d340b48da2e5a78099d53393351cd579dd42503d6");
	T_INTEQ("hash of the same token", token_hash(TOK, h2), ERR_OK);
	T_STREQ("the hash is a function of the token", h2, h);
	T_INTEQ("uppercase hex is the same token", token_hash(
	    "000102030405060708090A0B0C0D0E0F"
	    "101112131415161718191A1B1C1D1E1F", h2), ERR_OK);
	T_STREQ("and has the same hash", h2, h);
	T_INTEQ("hash of another token", token_hash(TOK2, h2), ERR_OK);
	T_TRUE("another token, another hash", strcmp(h, h2) != 0);
	T_INTEQ("CSRF token", token_csrf(TOK, c), ERR_OK);
	/* hashlib.blake2b(b"octavo csrf v1", key=bytes(range(32)), ...) */
	T_STREQ("the CSRF token is BLAKE2b-256 keyed by the token", c,
	    "558bc6f19b295825a361168281bf5466779f43acbb3364b4b083eca1792c2aee");
	T_INTEQ("CSRF token of another", token_csrf(TOK2, c2), ERR_OK);
	T_TRUE("the CSRF token is not the stored hash", strcmp(c, h) != 0);
	T_TRUE("nor the token", strcmp(c, TOK) != 0);
	T_TRUE("another session, another CSRF token", strcmp(c, c2) != 0);
	for (i = 0; i < nitems(bad); i++) {
		T_INTEQ(nm("hash refuses", bad[i].name),
		    token_hash(bad[i].cookie, h2), ERR_PARSE);
		T_INTEQ(nm("CSRF refuses", bad[i].name),
		    token_csrf(bad[i].cookie, h2), ERR_PARSE);
	}
	T_INTEQ("hash refuses NULL", token_hash(NULL, h2), ERR_PARSE);

	{
		char api[TOKEN_API_LEN], ah[TOKEN_HEX], again[TOKEN_HEX];

		token_api_new(api, ah);
		T_INTEQ("API token: prefix and 64 hex digits", strlen(api),
		    strlen(TOKEN_API_PREFIX) + 64);
		T_TRUE("API token: starts with octavo_", strncmp(api,
		    "octavo_", 7) == 0);
		T_INTEQ("API token: its hash again", token_api_hash(api,
		    again), ERR_OK);
		T_STREQ("API token: the hash it was stored under", again, ah);
		T_INTEQ("API token: hash of the hex part", token_hash(api + 7,
		    again), ERR_OK);
		T_STREQ("API token: is the session hash of its digits", again,
		    ah);
		T_INTEQ("API token: no prefix refused", token_api_hash(api + 7,
		    again), ERR_PARSE);
		T_INTEQ("API token: another prefix refused",
		    token_api_hash("octavx_" TOK, again), ERR_PARSE);
		T_INTEQ("API token: NULL refused", token_api_hash(NULL,
		    again), ERR_PARSE);
		T_INTEQ("API token: short refused", token_api_hash(
		    "octavo_0123", again), ERR_PARSE);
	}

	token_signed(key, "nonce-1", s1);
	token_signed(key, "nonce-2", s2);
	token_signed(key2, "nonce-1", s3);
	T_TRUE("signed: another nonce, another token", strcmp(s1, s2) != 0);
	T_TRUE("signed: another key, another token", strcmp(s1, s3) != 0);
	token_signed(key, "nonce-1", s2);
	T_STREQ("signed: the same nonce and key, the same token", s2, s1);

	T_TRUE("equal: the token itself", token_equal(c, c));
	memcpy(off, c, TOKEN_HEX);
	T_TRUE("equal: a copy", token_equal(off, c));
	T_TRUE("equal: NULL is refused", !token_equal(NULL, c));
	T_TRUE("equal: empty is refused", !token_equal("", c));
	off[63] = '\0';
	T_TRUE("equal: one digit short is refused", !token_equal(off, c));
	snprintf(longer, sizeof(longer), "%s0", c);
	T_TRUE("equal: one digit more is refused", !token_equal(longer, c));
	memcpy(off, c, TOKEN_HEX);
	off[10] = off[10] == '0' ? '1' : '0';
	T_TRUE("equal: one digit off is refused", !token_equal(off, c));
	T_TRUE("equal: nothing equals an empty expected token",
	    !token_equal("", ""));
	T_DONE();
}
