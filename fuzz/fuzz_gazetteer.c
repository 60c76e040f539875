/*
 * fuzz_gazetteer: libFuzzer target for gazetteer_match, which reads
 * articles' text (untrusted, any bytes) to suggest countries.
 * Invariants: it never reads past len (ASan), returns at most max codes,
 * each two capital letters, none twice; the same input gives the same
 * codes; a smaller max gives the first codes of a larger one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char a[GAZ_CODES_MAX][3], b[GAZ_CODES_MAX][3], *copy;
	size_t n, m, i, k, max;

	if (size > 1 << 20)
		return 0;
	/* An exact-size copy, so that ASan sees any read past the end. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	n = gazetteer_match(copy, size, a, GAZ_CODES_MAX);
	if (n > GAZ_CODES_MAX)
		abort();
	for (i = 0; i < n; i++) {
		if (a[i][0] < 'A' || a[i][0] > 'Z' || a[i][1] < 'A' ||
		    a[i][1] > 'Z' || a[i][2] != '\0')
			abort();
		for (k = 0; k < i; k++)
			if (memcmp(a[i], a[k], 3) == 0)
				abort();
	}
	max = size > 0 ? data[0] % 4 : 0;
	m = gazetteer_match(copy, size, b, max);
	if (m != (n < max ? n : max) || memcmp(a, b, m * 3) != 0)
		abort();
	free(copy);
	return 0;
}
