/*
 * fuzz_tz: libFuzzer target for tz_parse, the reader of compiled time
 * zone files (TZif, RFC 8536).  The files are the system's, not a
 * client's, but a damaged or hostile one must not take the server down.
 * Invariants: no crash, no read past the input, no leak; a zone that
 * parses answers offsets within a day of UTC, and a wall-clock time it
 * maps back to an instant shows that same wall-clock time there.
 */
#include <stdint.h>
#include <stdlib.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t at[] = { -2208988800LL, 0, 1700000000LL,
	    1720000000LL, 2145916800LL, 4102444800LL };
	struct tz *z = NULL;
	int64_t local, u;
	int32_t off;
	size_t i;

	if (tz_parse(data, size, &z) != ERR_OK)
		return 0;
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		off = tz_offset(z, at[i], NULL);
		if (off <= -86400 || off >= 86400)
			abort();
		local = at[i] + off;
		if (tz_to_utc(z, local, &u) == ERR_OK &&
		    u + tz_offset(z, u, NULL) != local)
			abort();
	}
	tz_free(z);
	return 0;
}
