/*
 * fuzz_url_resolve: libFuzzer target for url_resolve, which makes the
 * links of an article body (author-typed) absolute for feeds.  The input
 * is a reference, resolved against fixed bases.  Invariants: no crash or
 * read past the input (copied to exactly its size); the result has a
 * scheme; and resolution is idempotent: the result, resolved again
 * against the same base, is itself (RFC 3986 5.2: an absolute reference
 * only loses its dot segments, which are gone).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const bases[] = {
	"https://j.example.org/articles/on-x",
	"http://a/b/c/d;p?q",
	"https://j.example.org",
	"mailto:x@example.org",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *ref = malloc(size > 0 ? size : 1);
	struct buf once, twice;
	size_t i;

	if (size > 0)
		memcpy(ref, data, size);
	buf_init(&once, 4 * size + 256);
	buf_init(&twice, 4 * size + 256);
	for (i = 0; i < nitems(bases); i++) {
		buf_reset(&once);
		buf_reset(&twice);
		if (url_resolve(&once, bases[i], ref, size) != ERR_OK)
			abort();	/* the buffer is large enough */
		if (once.len == 0 || memchr(once.p, ':', once.len) == NULL)
			abort();	/* no scheme */
		if (url_resolve(&twice, bases[i], once.p, once.len) != ERR_OK ||
		    twice.len != once.len ||
		    memcmp(twice.p, once.p, once.len) != 0)
			abort();	/* not idempotent */
	}
	buf_free(&once);
	buf_free(&twice);
	free(ref);
	return 0;
}
