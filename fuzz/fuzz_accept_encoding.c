/*
 * fuzz_accept_encoding: libFuzzer target for http_coding_choose, the
 * Accept-Encoding header as the server reads it to pick gzip, brotli or
 * nothing.  The input is the header's value.
 *
 * Invariants checked: the answer is a coding that was offered, or
 * identity; nothing offered is identity; the header's names are
 * case-insensitive (the same header upper-cased picks the same coding);
 * "br, " put before any header picks brotli (its first mention, at
 * q=1, the highest there is, is a well-formed element of its own).
 * Anything else, or a sanitizer report, is a finding.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *in = xstrndup((const char *)data, size), *up;
	unsigned offered;
	enum http_coding c;
	size_t i;

	for (offered = 0; offered < (1u << HTTP_CODING__MAX); offered += 2) {
		c = http_coding_choose(a, in, offered);
		if (c >= HTTP_CODING__MAX || (c != HTTP_CODING_IDENTITY &&
		    !(offered & (1u << c))))
			abort();
	}
	if (http_coding_choose(a, in, 0) != HTTP_CODING_IDENTITY)
		abort();
	up = arena_strdup(a, in);
	for (i = 0; up[i] != '\0'; i++)
		up[i] = (char)toupper((unsigned char)up[i]);
	offered = (1u << HTTP_CODING_GZIP) | (1u << HTTP_CODING_BR);
	if (http_coding_choose(a, up, offered) !=
	    http_coding_choose(a, in, offered))
		abort();
	if (http_coding_choose(a, arena_printf(a, "br, %s", in), offered) !=
	    HTTP_CODING_BR)
		abort();
	free(in);
	arena_free(a);
	return 0;
}
