/*
 * fuzz_time: libFuzzer target for the date parsers of untrusted input:
 * time_parse_http (a request's If-Modified-Since) and time_parse_iso
 * (stored times, which an operator's sqlite3 shell may have written).
 * Invariants: no crash or read past the input (it is copied to exactly
 * its size plus the NUL), and whatever parses writes back to a string
 * that parses to the same second: time_fmt_http for HTTP dates,
 * time_fmt_iso for RFC 3339 (within the years the formats hold).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 0001-01-01 to 9999-12-31: the years four digits hold. */
#define YEAR_MIN	(-62135596800LL)
#define YEAR_MAX	253402300799LL

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[30];
	int64_t t, again;

	memcpy(s, data, size);
	s[size] = '\0';
	if (time_parse_http(s, &t) == ERR_OK && t >= 0 && t <= YEAR_MAX) {
		time_fmt_http(t, out);
		if (time_parse_http(out, &again) != ERR_OK || again != t)
			abort();	/* what it wrote, it cannot read */
	}
	if (time_parse_iso(s, &t) == ERR_OK && t >= YEAR_MIN &&
	    t <= YEAR_MAX) {
		time_fmt_iso(t, out);
		if (time_parse_iso(out, &again) != ERR_OK || again != t)
			abort();
	}
	free(s);
	return 0;
}
