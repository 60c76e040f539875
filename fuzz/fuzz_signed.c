/*
 * fuzz_signed: libFuzzer target for the signed links' parser and check
 * (util/signed.c), which read what anyone puts after /newsletter/confirm/
 * and the like.  Invariants: neither reads past the string; a token the
 * parser accepts is made again, byte for byte, from what it names and
 * the right key and salt; and the check accepts an input only if it is
 * exactly that token.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char key[SIGNED_KEY_LEN] = "0123456789abcdef0123456789abcde";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	char made[SIGNED_TOKEN_LEN];
	struct signed_token t;
	enum err rc;

	if (signed_token_parse(s, &t) == ERR_OK) {
		if (t.id <= 0 || t.expires < 0 || t.kind < 'a' || t.kind > 'z')
			abort();
		signed_token_make(key, &t, "salt", made);
		if (signed_token_parse(made, &t) != ERR_OK)
			abort();
		rc = signed_token_check(key, s, t.kind, "salt", 0);
		if ((rc == ERR_OK) != (strcmp(s, made) == 0))
			abort();
		if (signed_token_check(key, made, t.kind, "salt", 0) != ERR_OK)
			abort();
	} else if (signed_token_check(key, s, 'c', "salt", 0) == ERR_OK)
		abort();
	free(s);
	return 0;
}
