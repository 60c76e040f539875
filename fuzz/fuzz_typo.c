/*
 * fuzz_typo: libFuzzer target for smart punctuation (util/typo.c), which
 * reads article titles (typo_text) and, through markdown.c and
 * html_clean.c, the HTML md4c makes of article bodies and the HTML
 * html_clean makes of imported ones (typo_html).  The first byte picks the
 * function; the rest is the input, which for typo_html may be any bytes,
 * not only what md4c writes.
 *
 * Invariants checked: it fails only with ERR_LIMIT; mapping the curly
 * quotes of the output back to straight ones gives the input with the
 * same mapping (and, for HTML, &quot; read as '"', &#39; as '\''):
 * nothing is added, dropped or moved; for HTML, every tag ('<' to its
 * '>') comes out byte for byte, so no attribute changes; and the output
 * is valid UTF-8 when the input is.  Anything else, or a sanitizer report, is a
 * finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* s with curly quotes (and, html set, &quot;) made straight, into b. */
static void
straighten(struct buf *b, const char *s, size_t n, int html)
{
	static const char *const curly[] = { "\xe2\x80\x98",
	    "\xe2\x80\x99", "\xe2\x80\x9c", "\xe2\x80\x9d" };
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 4; k++)
			if (n - i >= 3 && memcmp(s + i, curly[k], 3) == 0)
				break;
		if (k < 4) {
			buf_putc(b, k < 2 ? '\'' : '"');
			i += 2;
		} else if (html && n - i >= 6 && memcmp(s + i, "&quot;", 6) ==
		    0) {
			buf_putc(b, '"');
			i += 5;
		} else if (html && n - i >= 5 && memcmp(s + i, "&#39;", 5) ==
		    0) {
			buf_putc(b, '\'');
			i += 4;
		} else
			buf_putc(b, s[i]);
	}
}

/* The tags of s (n bytes), each '<' to its '>', concatenated, into b. */
static void
tags_of(struct buf *b, const char *s, size_t n)
{
	size_t i;
	int in = 0, quoted = 0;

	for (i = 0; i < n; i++) {
		if (!in && s[i] == '<')
			in = 1;
		if (in) {
			buf_putc(b, s[i]);
			if (s[i] == '"')
				quoted = !quoted;
			else if (s[i] == '>' && !quoted) {
				in = 0;
				buf_putc(b, '\n');
			}
		}
	}
}

static void
same(struct buf *a, struct buf *b)
{
	if (a->len != b->len || (a->len > 0 && memcmp(a->p, b->p, a->len) !=
	    0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out, x, y;
	const char *in = (const char *)data + 1;
	size_t n;
	int html;
	enum err rc;

	if (size < 1)
		return 0;
	html = data[0] & 1;
	n = size - 1;
	buf_init(&out, 4 * n + 64);
	rc = html ? typo_html(&out, in, n) : typo_text(&out, in, n);
	if (rc != ERR_OK)
		abort();	/* the output is at most 3x: never ERR_LIMIT */
	buf_init(&x, 8 * n + 64);
	buf_init(&y, 8 * n + 64);
	straighten(&x, in, n, html);
	straighten(&y, out.p != NULL ? out.p : "", out.len, html);
	same(&x, &y);
	if (html) {
		buf_reset(&x);
		buf_reset(&y);
		tags_of(&x, in, n);
		tags_of(&y, out.p != NULL ? out.p : "", out.len);
		same(&x, &y);
	}
	if (utf8_valid(in, n) && !utf8_valid(out.p != NULL ? out.p : "",
	    out.len))
		abort();
	buf_free(&x);
	buf_free(&y);
	buf_free(&out);
	/* A small maximum: ERR_LIMIT, never a write past it. */
	buf_init(&out, 16);
	rc = html ? typo_html(&out, in, n) : typo_text(&out, in, n);
	if (rc != ERR_OK && rc != ERR_LIMIT)
		abort();
	if (out.len > 16)
		abort();
	buf_free(&out);
	return 0;
}
