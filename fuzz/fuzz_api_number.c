/*
 * fuzz_api_number: libFuzzer target for api_parse_number, which reads
 * the API's page, per_page and issue numbers from the query.  The input
 * is the parameter's value.
 *
 * Invariants checked: a number taken is in range and prints back as the
 * input exactly (one spelling, one cache key); anything refused is
 * ERR_PARSE and leaves *out alone.  Anything else, or a sanitizer
 * report, is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = xstrndup((const char *)data, size);
	char back[24];
	long long v = -1;
	enum err rc;

	rc = api_parse_number(in, 1, 100000, &v);
	if (rc == ERR_OK) {
		snprintf(back, sizeof(back), "%lld", v);
		if (v < 1 || v > 100000 || strcmp(back, in) != 0)
			abort();
	} else if (rc != ERR_PARSE || v != -1)
		abort();
	free(in);
	return 0;
}
