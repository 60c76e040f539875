/*
 * test_signed: the newsletter's signed links (util/signed.c).  A token
 * made for a row checks under the same key and salt until it expires,
 * and under nothing else: another key, another salt (the row's links
 * revoked), another kind, a changed digit or MAC character.  The parser
 * refuses every malformed shape, whatever the MAC.
 */
#include <string.h>

#include "util/util.h"
#include "test.h"

static const unsigned char key[SIGNED_KEY_LEN] = "0123456789abcdef0123456789abcde";
static const unsigned char other[SIGNED_KEY_LEN] = "fedcba9876543210fedcba987654321";

static const struct {
	const char	*name;
	const char	*in;
} malformed[] = {
	{ "empty", "" },
	{ "kind only", "c" },
	{ "upper-case kind", "C1-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "no id", "c-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "id zero", "c0-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "leading zero", "c01-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "negative id", "c-1-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "plus sign", "c+1-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "space", "c1 -0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "MAC too short", "c1-0-AAAAAAAAAAAAAAAAAAAAA" },
	{ "MAC too long", "c1-0-AAAAAAAAAAAAAAAAAAAAAAA" },
	{ "padding in the MAC", "c1-0-AAAAAAAAAAAAAAAAAAAA==" },
	{ "slash in the MAC", "c1-0-AAAAAAAAAAAAAAAAAAAAA/" },
	{ "19-digit id", "c1234567890123456789-0-AAAAAAAAAAAAAAAAAAAAAA" },
	{ "no expiry", "c1--AAAAAAAAAAAAAAAAAAAAAA" },
	{ "too long", "c1-0-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
};

int
main(void)
{
	struct signed_token t = { 'c', 42, 1000 }, p;
	char tok[SIGNED_TOKEN_LEN], bad[SIGNED_TOKEN_LEN];
	size_t i;

	signed_token_make(key, &t, "salt", tok);
	T_STREQ("made: its shape", strncmp(tok, "c42-1000-", 9) == 0 &&
	    strlen(tok) == 9 + 22 ? "ok" : tok, "ok");
	T_STREQ("parse: ok", err_str(signed_token_parse(tok, &p)),
	    err_str(ERR_OK));
	T_INTEQ("parse: kind", p.kind, 'c');
	T_INTEQ("parse: id", p.id, 42);
	T_INTEQ("parse: expires", p.expires, 1000);
	T_STREQ("check: before expiry", err_str(signed_token_check(key, tok,
	    'c', "salt", 999)), err_str(ERR_OK));
	T_STREQ("check: at expiry", err_str(signed_token_check(key, tok, 'c',
	    "salt", 1000)), err_str(ERR_INVAL));
	T_STREQ("check: another key", err_str(signed_token_check(other, tok,
	    'c', "salt", 0)), err_str(ERR_AUTH));
	T_STREQ("check: another salt", err_str(signed_token_check(key, tok,
	    'c', "salt2", 0)), err_str(ERR_AUTH));
	T_STREQ("check: another kind", err_str(signed_token_check(key, tok,
	    'u', "salt", 0)), err_str(ERR_PARSE));
	memcpy(bad, tok, sizeof(bad));
	bad[2] = '3';	/* c43-... */
	T_STREQ("check: another id", err_str(signed_token_check(key, bad,
	    'c', "salt", 0)), err_str(ERR_AUTH));
	memcpy(bad, tok, sizeof(bad));
	bad[5] = '9';	/* a later expiry */
	T_STREQ("check: a later expiry", err_str(signed_token_check(key, bad,
	    'c', "salt", 0)), err_str(ERR_AUTH));
	memcpy(bad, tok, sizeof(bad));
	bad[20] = bad[20] == 'A' ? 'B' : 'A';
	T_STREQ("check: a MAC character changed", err_str(signed_token_check(
	    key, bad, 'c', "salt", 0)), err_str(ERR_AUTH));
	t.expires = 0;
	signed_token_make(key, &t, "salt", tok);
	T_STREQ("check: no expiry, any time", err_str(signed_token_check(key,
	    tok, 'c', "salt", INT64_MAX)), err_str(ERR_OK));
	for (i = 0; i < nitems(malformed); i++)
		T_STREQ(nm("malformed", malformed[i].name),
		    err_str(signed_token_parse(malformed[i].in, &p)),
		    err_str(ERR_PARSE));
	T_STREQ("key: 64 hex digits", err_str(signed_key(
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	    (unsigned char *)bad)), err_str(ERR_OK));
	T_STREQ("key: 63 digits", err_str(signed_key(
	    "0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	    (unsigned char *)bad)), err_str(ERR_PARSE));
	return test_failed;
}
