/*
 * fuzz_gazetteer: libFuzzer target for gazetteer_match, which reads
 * articles' text (untrusted, any bytes) to suggest countries.
 * Invariants: it never reads past len (ASan), returns at most max codes,
 * each two capital letters, none twice; the same input gives the same
 * codes; a smaller max gives the first codes of a larger one.
 * gazetteer_hits gives the same codes, each with its words: valid
 * UTF-8, shorter than GAZ_WORDS_LEN, each word found in the text.
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
	struct gaz_hit *hits;
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
	hits = calloc(GAZ_CODES_MAX, sizeof(*hits));
	if (hits == NULL)
		abort();
	if (gazetteer_hits(copy, size, hits, GAZ_CODES_MAX) != n)
		abort();
	for (i = 0; i < n; i++) {
		const char *w = hits[i].words, *e;

		if (memcmp(hits[i].code, a[i], 3) != 0 || *w == '\0' ||
		    strlen(w) >= GAZ_WORDS_LEN || !utf8_valid(w, strlen(w)))
			abort();
		for (; *w != '\0'; w = *e != '\0' ? e + 2 : e) {
			e = strstr(w, ", ");
			if (e == NULL)
				e = w + strlen(w);
			if (memmem(copy, size, w, (size_t)(e - w)) == NULL)
				abort();
		}
	}
	free(hits);
	max = size > 0 ? data[0] % 4 : 0;
	m = gazetteer_match(copy, size, b, max);
	if (m != (n < max ? n : max) || memcmp(a, b, m * 3) != 0)
		abort();
	free(copy);
	return 0;
}
