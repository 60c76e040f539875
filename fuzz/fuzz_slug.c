/*
 * fuzz_slug: libFuzzer target for slug_make and slug_claim, which turn
 * what editors type as titles (any bytes) into URL names.  Invariants:
 * slug_make succeeds, is deterministic, and gives 1 to SLUG_MAX bytes of
 * [a-z0-9-] with no hyphen at either end and none doubled; slug_claim,
 * told the first k candidates are taken (k from the first byte), gives
 * the k+1-th: the base itself or the base with "-(k+1)", within
 * LIMIT_SLUG, also from a base grown to LIMIT_SLUG bytes (second byte).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
slug_valid(const char *s, size_t n, size_t max)
{
	size_t i;

	if (n == 0 || n > max || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
		if (s[i] == '-' && i > 0 && s[i - 1] == '-')
			return 0;
	}
	return 1;
}

struct probe {
	int	 calls;
	int	 taken;		/* the first so many are taken */
};

static int
taken(void *arg, const char *s, size_t len)
{
	struct probe *p = arg;

	(void)s;
	(void)len;
	return p->calls++ < p->taken;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct buf a, b;
	struct probe pr = { 0, 0 };
	char sfx[24];
	size_t n;

	if (size > 4 * LIMIT_SLUG)
		return 0;
	buf_init(&a, LIMIT_SLUG);
	buf_init(&b, LIMIT_SLUG);
	if (slug_make(&a, in, size) != ERR_OK ||
	    !slug_valid(a.p, a.len, SLUG_MAX) ||
	    slug_make(&b, in, size) != ERR_OK || strcmp(a.p, b.p) != 0)
		abort();
	/* A long base, as an editor might type one. */
	if (size > 1 && data[1] & 1)
		while (a.len < LIMIT_SLUG && buf_putc(&a, a.len % 2 == 0 ?
		    'x' : '-') == ERR_OK)
			continue;
	while (a.len > 0 && a.p[a.len - 1] == '-')
		a.p[--a.len] = '\0';
	buf_reset(&b);
	buf_add(&b, a.p, a.len);
	pr.taken = size > 0 ? data[0] % 16 : 0;
	if (slug_claim(&b, NULL, taken, &pr) != ERR_OK ||
	    pr.calls != pr.taken + 1 || !slug_valid(b.p, b.len, LIMIT_SLUG))
		abort();
	if (pr.taken == 0 && strcmp(a.p, b.p) != 0)
		abort();
	if (pr.taken > 0) {
		snprintf(sfx, sizeof(sfx), "-%d", pr.taken + 1);
		n = strlen(sfx);
		if (b.len <= n || strcmp(b.p + b.len - n, sfx) != 0 ||
		    strncmp(a.p, b.p, b.len - n) != 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
