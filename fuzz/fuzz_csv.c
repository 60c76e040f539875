/*
 * fuzz_csv: libFuzzer target for the CSV reader (util/csv.c) that the
 * back office's subscriber import runs on uploaded files.  Invariants:
 * nothing is read past the input, every field fits its storage and is
 * NUL-terminated, a record never has more fields than allowed, the
 * reader always moves on (no endless loop), and an error ends the walk.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char f[4][CSV_FIELD];
	char *copy = xmalloc(size + 1);
	const char *before;
	struct csv c;
	size_t n, i;
	enum err rc;

	memcpy(copy, data, size);	/* exactly size bytes are read */
	csv_init(&c, copy, size, size > 0 && data[0] == ';' ? ';' : ',');
	for (;;) {
		before = c.p;
		if ((rc = csv_next(&c, f, nitems(f), &n)) != ERR_OK)
			break;
		if (n == 0 || n > nitems(f) || c.p <= before)
			abort();
		for (i = 0; i < n; i++)
			if (strnlen(f[i], CSV_FIELD) >= CSV_FIELD)
				abort();
	}
	if (rc != ERR_NOTFOUND && rc != ERR_PARSE && rc != ERR_LIMIT)
		abort();
	free(copy);
	return 0;
}
