/*
 * fuzz_bearer: libFuzzer target for what a client sends to the API as
 * its credentials: an Authorization header, through api_bearer and
 * token_api_hash.
 *
 * Invariants checked: api_bearer gives NULL or a non-empty suffix of
 * the header that follows "Bearer" (any case) and whitespace;
 * token_api_hash accepts exactly "octavo_" and 64 hex digits, and
 * then gives 64 lowercase hex digits, the same for the same token.
 * Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
api_token_shaped(const char *t)
{
	return strncmp(t, "octavo_", 7) == 0 && strlen(t) == 71 &&
	    strspn(t + 7, "0123456789abcdefABCDEF") == 64;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = malloc(size + 1), hash[TOKEN_HEX], again[TOKEN_HEX];
	const char *t;
	enum err rc;

	memcpy(h, data, size);
	h[size] = '\0';
	if ((t = api_bearer(h)) != NULL) {
		if (t < h + 7 || t > h + strlen(h) || *t == '\0' ||
		    strncasecmp(h, "Bearer", 6) != 0 ||
		    strspn(h + 6, " \t") != (size_t)(t - h - 6))
			abort();
	}
	rc = token_api_hash(h, hash);
	if ((rc == ERR_OK) != api_token_shaped(h))
		abort();
	if (rc == ERR_OK) {
		if (strlen(hash) != 64 ||
		    strspn(hash, "0123456789abcdef") != 64 ||
		    token_api_hash(h, again) != ERR_OK ||
		    strcmp(hash, again) != 0)
			abort();
	} else if (rc != ERR_PARSE)
		abort();
	free(h);
	return 0;
}
