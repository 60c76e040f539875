/*
 * fuzz_accept: libFuzzer target for http_accepts, the Accept header as
 * the server weighs it for routes that answer JSON.  The input is the
 * header's value.
 *
 * Invariants checked: the answer is 0 or 1 for any type; the same header
 * followed by ", application/json" (a well-formed element that names the
 * type with q=1, the highest there is) accepts JSON, when no quote or
 * backslash in the input can swallow the element added.  Anything else,
 * or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = { "application/json",
	    "text/html", "application/problem+json" };
	struct arena *a = arena_new();
	char *in = xstrndup((const char *)data, size);
	const char *more;
	size_t i;
	int v;

	for (i = 0; i < nitems(types); i++) {
		v = http_accepts(a, in, types[i]);
		if (v != 0 && v != 1)
			abort();
	}
	if (strpbrk(in, "\"\\") == NULL) {
		more = arena_printf(a, "%s, application/json", in);
		if (http_accepts(a, more, "application/json") != 1)
			abort();
	}
	free(in);
	arena_free(a);
	return 0;
}
