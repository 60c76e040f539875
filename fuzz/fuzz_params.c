/*
 * fuzz_params: libFuzzer target for the query and form parsers.  The
 * input is parsed as a query string by req_parse_params, and decoded
 * whole by url_decode with and without '+' as space.
 *
 * Invariants checked: the parser fails only with ERR_PARSE or ERR_LIMIT;
 * on success every name and value is valid UTF-8 without NUL bytes and
 * at most LIMIT_FORM_FIELD long, and there are at most max of them.
 * url_decode fails only with ERR_PARSE; on success the output is valid
 * UTF-8 without NUL, no longer than the input, and esc_url of it decodes
 * back to the same bytes.  Anything else, or a sanitizer report, is a
 * finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_field(const char *s)
{
	size_t n = strlen(s);

	if (n > LIMIT_FORM_FIELD || !utf8_valid(s, n))
		abort();
}

static void
check_decode(const char *in, size_t size, int plus)
{
	struct buf esc;
	char *dst, *back;
	size_t n = 0, m = 0;
	enum err rc;

	dst = xmalloc(size + 1);
	rc = url_decode(in, size, dst, &n, plus);
	if (rc != ERR_OK) {
		if (rc != ERR_PARSE)
			abort();
		free(dst);
		return;
	}
	if (n > size || strlen(dst) != n || !utf8_valid(dst, n))
		abort();
	/* Encoding then decoding gives the same bytes back. */
	buf_init(&esc, 3 * n + 1);
	if (esc_url(&esc, dst, n) != ERR_OK)
		abort();
	back = xmalloc(esc.len + 1);
	if (url_decode(esc.p != NULL ? esc.p : "", esc.len, back, &m,
	    plus) != ERR_OK || m != n || memcmp(back, dst, n) != 0)
		abort();
	free(back);
	buf_free(&esc);
	free(dst);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param p[LIMIT_FORM_FIELDS];
	struct arena *a;
	const char *in = (const char *)data;
	size_t n = 0, i, max;
	enum err rc;

	/* Both the query limit and the form limit. */
	for (max = LIMIT_QUERY_PARAMS; max <= LIMIT_FORM_FIELDS;
	    max += LIMIT_FORM_FIELDS - LIMIT_QUERY_PARAMS) {
		a = arena_new();
		rc = req_parse_params(a, in, size, p, max, &n);
		if (rc == ERR_OK) {
			if (n > max)
				abort();
			for (i = 0; i < n; i++) {
				check_field(p[i].name);
				check_field(p[i].value);
			}
		} else if (rc != ERR_PARSE && rc != ERR_LIMIT)
			abort();
		arena_free(a);
	}
	check_decode(in, size, 0);
	check_decode(in, size, 1);
	return 0;
}
