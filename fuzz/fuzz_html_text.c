/*
 * fuzz_html_text: libFuzzer target for store_html_text, the text the
 * search index reads of an HTML body (any bytes, as an importer's
 * export file may hold them, or a body written by another program).
 *
 * Invariants checked: the result is ERR_OK or ERR_PARSE; the same input
 * gives the same text; the text is valid UTF-8 with no NUL, fits the
 * room octavo_html_text gives it (twice the input: ERR_LIMIT otherwise),
 * holds no run of two spaces, no tab or newline, and neither begins nor
 * ends with a space.
 * Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a, b;
	const char *o;
	enum err rc, rc2;

	buf_init(&a, 2 * size + 64);
	buf_init(&b, 2 * size + 64);
	rc = store_html_text(&a, (const char *)data, size);
	rc2 = store_html_text(&b, (const char *)data, size);
	if ((rc != ERR_OK && rc != ERR_PARSE) || rc != rc2 ||
	    a.len != b.len || (a.len > 0 && memcmp(a.p, b.p, a.len) != 0))
		abort();
	o = a.p != NULL ? a.p : "";
	if (!utf8_valid(o, a.len) || strlen(o) != a.len)
		abort();
	if (strstr(o, "  ") != NULL || strpbrk(o, "\t\n\r\f") != NULL ||
	    (a.len > 0 && (o[0] == ' ' || o[a.len - 1] == ' ')))
		abort();
	buf_free(&a);
	buf_free(&b);
	return 0;
}
