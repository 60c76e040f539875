/*
 * fuzz_target_key: libFuzzer target for the key an old address is
 * looked up by (req_target_key): a request target exactly as a client
 * sent it.
 *
 * Invariants checked: the result is ERR_OK, ERR_PARSE or ERR_LIMIT;
 * an accepted target's key is valid UTF-8 without NUL, starts with '/',
 * has no trailing '/' before any query (unless it is "/" alone) and is
 * the same when computed again.  Anything else, or a sanitizer report,
 * is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *t = malloc(size + 1);
	const char *key, *again, *q;
	size_t plen;
	enum err rc;

	memcpy(t, data, size);
	t[size] = '\0';
	rc = req_target_key(a, t, &key);
	if (rc != ERR_OK && rc != ERR_PARSE && rc != ERR_LIMIT)
		abort();
	if (rc == ERR_OK) {
		q = strchr(key, '?');
		plen = q != NULL ? (size_t)(q - key) : strlen(key);
		if (key[0] != '/' || !utf8_valid(key, strlen(key)) ||
		    (plen > 1 && key[plen - 1] == '/'))
			abort();
		if (req_target_key(a, t, &again) != ERR_OK ||
		    strcmp(key, again) != 0)
			abort();
	}
	arena_free(a);
	free(t);
	return 0;
}
