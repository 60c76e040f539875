/*
 * password: argon2id hashes of passwords through libsodium, the rule a
 * new password must pass, and whether a stored hash should be remade
 * with today's costs.  A password is never logged, stored or compared
 * other than through crypto_pwhash_str_verify.
 */
#include <sodium.h>
#include <string.h>

#include "admin.h"

_Static_assert(PASSWORD_HASH_LEN == crypto_pwhash_STRBYTES,
    "PASSWORD_HASH_LEN is libsodium's string size");

enum err
password_hash(const char *pw, unsigned long long ops, size_t mem,
    char out[PASSWORD_HASH_LEN])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_warnx("password: cannot hash (out of memory?)");
		return ERR_IO;
	}
	return ERR_OK;
}

int
password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strnlen(hash, PASSWORD_HASH_LEN) ==
	    PASSWORD_HASH_LEN)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int
password_needs_rehash(const char *hash)
{
	if (hash == NULL || strncmp(hash, crypto_pwhash_argon2id_STRPREFIX,
	    strlen(crypto_pwhash_argon2id_STRPREFIX)) != 0)
		return 1;
	return crypto_pwhash_str_needs_rehash(hash, PASSWORD_OPSLIMIT,
	    PASSWORD_MEMLIMIT) != 0;
}

const char *
password_problem(const char *pw)
{
	size_t i, used, n = strlen(pw), chars = 0;

	if (n > PASSWORD_MAX)
		return "must be at most 256 bytes long";
	for (i = 0; i < n; i += used) {
		if (utf8_decode(pw + i, n - i, &used) == UTF8_BAD)
			return "is not valid UTF-8";
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return "must not hold control characters";
		chars++;
	}
	if (chars < PASSWORD_MIN)
		return "must be at least 10 characters long";
	return NULL;
}
