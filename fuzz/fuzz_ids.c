/*
 * fuzz_ids: libFuzzer target for edit_ids, which reads the order of an
 * issue's articles that the dragging script (or anyone) posts: "12,5,7".
 * Invariants: at most max ids are written; on ERR_OK each is at least 1
 * and the input is exactly those numbers in decimal, comma-separated
 * (printing them back gives the input); other answers are ERR_PARSE or
 * ERR_LIMIT.  The input is copied to exactly its size on the heap, so a
 * read past it is an ASan report.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"

#define MAX	16

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), back[MAX * 22 + 1];
	int64_t ids[MAX + 1];
	size_t i, n = 99, len = 0;
	enum err rc;

	memcpy(s, data, size);
	s[size] = '\0';
	ids[MAX] = -1;
	rc = edit_ids(s, ids, MAX, &n);
	if (n > MAX || ids[MAX] != -1)
		abort();
	if (rc != ERR_OK && rc != ERR_PARSE && rc != ERR_LIMIT)
		abort();
	if (rc == ERR_OK) {
		back[0] = '\0';
		for (i = 0; i < n; i++) {
			if (ids[i] < 1)
				abort();
			len += (size_t)snprintf(back + len, sizeof(back) - len,
			    "%s%" PRId64, i == 0 ? "" : ",", ids[i]);
		}
		if (strcmp(back, s) != 0)
			abort();
	}
	free(s);
	return 0;
}
