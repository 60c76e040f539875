/*
 * fuzz_json: libFuzzer target for application/json request bodies
 * (req_json_parse: our nesting limit, then jansson).
 *
 * Invariants checked: it fails only with ERR_PARSE, then with a message
 * for the client that is printable ASCII (it goes into an error page);
 * on success the value is an object or an array nested at most
 * LIMIT_JSON_DEPTH deep.  Anything else, or a sanitizer report, is a
 * finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
depth(json_t *j)
{
	const char *k;
	json_t *v;
	size_t i;
	int d, max = 0;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v)
			if ((d = depth(v)) > max)
				max = d;
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if ((d = depth(v)) > max)
				max = d;
	} else
		return 0;
	return max + 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const char *why, *p;
	json_t *j;
	enum err rc;

	rc = req_json_parse(a, (const char *)data, size, &j, &why);
	if (rc == ERR_OK) {
		if (j == NULL || why != NULL ||
		    (!json_is_object(j) && !json_is_array(j)) ||
		    depth(j) > LIMIT_JSON_DEPTH)
			abort();
	} else {
		if (rc != ERR_PARSE || j != NULL || why == NULL)
			abort();
		for (p = why; *p != '\0'; p++)
			if (*p < 0x20 || *p > 0x7e)
				abort();
	}
	json_decref(j);
	arena_free(a);
	return 0;
}
