/*
 * fuzz_html_text: libFuzzer target for store_html_text, the text the
 * search index reads of an HTML body (any bytes, as an importer's
 * export file may hold them, or a body written by another program),
 * and for store_body_text of the same bytes as a Markdown body (md4c's
 * HTML of it, then its text), which holds to the same invariants.
 *
 * Invariants checked: the result is ERR_OK or ERR_PARSE (or, for
 * Markdown, ERR_LIMIT: its HTML past 16 times its size); the same input
 * gives the same text; the text is valid UTF-8 with no NUL, fits the
 * room octavo_html_text and octavo_body_text give it (twice the input
 * for HTML, three times for Markdown, whose NUL is U+FFFD: ERR_LIMIT
 * otherwise),
 * holds no run of two spaces, no tab or newline, and neither begins nor
 * ends with a space.
 * Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const uint8_t *data, size_t size, const char *format, size_t room)
{
	struct buf a, b;
	const char *o;
	enum err rc, rc2;

	buf_init(&a, room * size + 64);
	buf_init(&b, room * size + 64);
	rc = store_body_text(&a, (const char *)data, size, format);
	rc2 = store_body_text(&b, (const char *)data, size, format);
	if ((rc != ERR_OK && rc != ERR_PARSE && (rc != ERR_LIMIT ||
	    room == 2)) || rc != rc2 ||
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
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, "html", 2);
	check(data, size, "markdown", 3);
	return 0;
}
