/*
 * fuzz_email: libFuzzer target for email_valid, which judges what
 * strangers type into the sign-up form and editors into the back
 * office.  Invariants: it never reads past the string, and an address it
 * accepts has exactly one '@', no byte below 0x21, at most LIMIT_EMAIL
 * bytes, and a dot in its domain.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	const char *at;
	size_t i, n = strlen(s);

	if (email_valid(s)) {
		at = strchr(s, '@');
		if (at == NULL || strchr(at + 1, '@') != NULL ||
		    n > LIMIT_EMAIL || strchr(at, '.') == NULL)
			abort();
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x21)
				abort();
	}
	free(s);
	return 0;
}
