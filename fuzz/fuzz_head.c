/*
 * fuzz_head: libFuzzer target for req_head_add and req_head_status, which
 * judge the framing (Content-Length, Transfer-Encoding) and the Host of a
 * request head.  The input is header lines "Name: value", split at '\n'
 * and the first ':'; its first byte chooses HTTP/1.0 or 1.1.
 *
 * Invariants: the verdict is 0, 400 or 501, with a reason exactly when it
 * is not 0; a head with both a length and a transfer coding, or with two
 * different lengths, is never 0; an HTTP/1.1 head is 0 only with one Host;
 * adding the same fields again never turns a refusal into 0.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
add_all(struct req_head *h, const char *p, const char *end)
{
	const char *nl, *colon, *v;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((colon = memchr(p, ':', (size_t)(nl - p))) == NULL)
			continue;
		for (v = colon + 1; v < nl && *v == ' '; v++)
			;
		req_head_add(h, p, (size_t)(colon - p), v, (size_t)(nl - v));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *why;
	struct req_head h, twice;
	int http11, st, st2;

	if (size == 0)
		return 0;
	http11 = data[0] & 1;
	memset(&h, 0, sizeof(h));
	add_all(&h, in + 1, in + size);
	st = req_head_status(&h, http11, &why);
	if (st != 0 && st != 400 && st != 501)
		abort();
	if ((st == 0) != (why == NULL))
		abort();
	if (st == 0 && ((h.lengths > 0 && h.transfers > 0) ||
	    h.length_bad || (http11 && h.hosts != 1)))
		abort();
	twice = h;
	add_all(&twice, in + 1, in + size);
	st2 = req_head_status(&twice, http11, &why);
	if (st != 0 && st2 == 0)
		abort();
	return 0;
}
