/*
 * test_password: argon2id hashes through libsodium.  A hash verifies its
 * password and no other; each hash has its own salt; today's costs need
 * no rehash while cheaper (or older-algorithm, or malformed) hashes do;
 * the password rule refuses short, control-holding, invalid and overlong
 * passwords, counting characters, not bytes.  Cheap costs are used where
 * the costs do not matter.
 */
#include <sodium.h>

#include "admin/admin.h"
#include "test.h"

#define CHEAP_OPS	1ULL
#define CHEAP_MEM	((size_t)8192)

static const struct {
	const char	*name;
	const char	*pw;
	const char	*want;	/* password_problem, NULL: acceptable */
} rules[] = {
	{ "ten ASCII characters", "0123456789", NULL },
	{ "nine are too few", "012345678",
	    "must be at least 10 characters long" },
	{ "empty", "", "must be at least 10 characters long" },
	{ "ten characters of two bytes each", "éééééééééé", NULL },
	{ "nine characters in eighteen bytes", "ééééééééé",
	    "must be at least 10 characters long" },
	{ "spaces are characters", "correct horse", NULL },
	{ "a newline", "0123456789\n", "must not hold control characters" },
	{ "a tab", "01234\t56789", "must not hold control characters" },
	{ "DEL", "0123456789\x7f", "must not hold control characters" },
	{ "invalid UTF-8", "0123456789\xff", "is not valid UTF-8" },
	{ "an overlong encoding", "0123456789\xc0\xaf", "is not valid UTF-8" },
};

int
main(void)
{
	char h1[PASSWORD_HASH_LEN], h2[PASSWORD_HASH_LEN];
	char cheap[PASSWORD_HASH_LEN], argon2i[PASSWORD_HASH_LEN];
	char big[PASSWORD_MAX + 2];
	size_t i;

	if (sodium_init() < 0)
		return 1;
	for (i = 0; i < nitems(rules); i++) {
		const char *have = password_problem(rules[i].pw);

		if (rules[i].want == NULL)
			T_TRUE(nm("rule", rules[i].name), have == NULL);
		else
			T_STREQ(nm("rule", rules[i].name), have,
			    rules[i].want);
	}
	memset(big, 'a', PASSWORD_MAX);
	big[PASSWORD_MAX] = '\0';
	T_TRUE("rule: 256 bytes are accepted", password_problem(big) == NULL);
	big[PASSWORD_MAX] = 'a';
	big[PASSWORD_MAX + 1] = '\0';
	T_STREQ("rule: 257 bytes are refused", password_problem(big),
	    "must be at most 256 bytes long");

	T_INTEQ("hash with today's costs", password_hash("correct horse",
	    PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT, h1), ERR_OK);
	T_TRUE("it is argon2id", strncmp(h1, "$argon2id$v=19$m=65536,t=3,p=1$",
	    31) == 0);
	T_TRUE("it verifies its password", password_verify(h1,
	    "correct horse"));
	T_TRUE("not another", !password_verify(h1, "correct horsE"));
	T_TRUE("not a prefix", !password_verify(h1, "correct hors"));
	T_TRUE("not the empty one", !password_verify(h1, ""));
	T_TRUE("today's costs need no rehash", !password_needs_rehash(h1));
	T_INTEQ("hash again", password_hash("correct horse",
	    PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT, h2), ERR_OK);
	T_TRUE("each hash has its own salt", strcmp(h1, h2) != 0);

	T_INTEQ("hash with cheap costs", password_hash("correct horse",
	    CHEAP_OPS, CHEAP_MEM, cheap), ERR_OK);
	T_TRUE("the cheap hash verifies", password_verify(cheap,
	    "correct horse"));
	T_TRUE("the cheap hash needs a rehash", password_needs_rehash(cheap));
	T_TRUE("so does an argon2i hash of today's costs",
	    crypto_pwhash_str_alg(argon2i, "correct horse", 13,
	    PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2I13) == 0 &&
	    password_needs_rehash(argon2i));
	T_TRUE("an argon2i hash still verifies", password_verify(argon2i,
	    "correct horse"));
	T_TRUE("a malformed hash needs a rehash",
	    password_needs_rehash("$argon2id$v=19$m=oops"));
	T_TRUE("a malformed hash verifies nothing",
	    !password_verify("$argon2id$v=19$m=oops", "correct horse"));
	T_TRUE("NULL verifies nothing", !password_verify(NULL, "x"));
	T_TRUE("NULL needs a rehash", password_needs_rehash(NULL));
	T_TRUE("an empty hash verifies nothing", !password_verify("", ""));
	T_DONE();
}
