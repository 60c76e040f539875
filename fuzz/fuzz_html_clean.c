/*
 * fuzz_html_clean: libFuzzer target for the allowlist imported bodies
 * go through (html_clean): any bytes, as an export file may hold them.
 *
 * Invariants checked: the result is ERR_OK or ERR_PARSE (input not
 * UTF-8); the output is valid UTF-8 and holds no element html_clean
 * drops ("<script", "<iframe", "<style", "<svg", "<object"), no event
 * attribute (" on...=") and no href or src outside url_safe's.  As
 * the site renders it (article_body_html: curly quotes in the text),
 * the same answer, the same tags byte for byte, valid UTF-8.
 * Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "site/site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const banned[] = { "<script", "<iframe", "<style",
    "<svg", "<object", "<form", "<embed" };

/*
 * Whether a tag in o (html_clean's output: name="value" attributes, '"'
 * never inside a value) has an on* attribute or an href or src whose
 * value url_safe refuses (but html_clean's own about:invalid).
 */
static int
bad_attr(const char *o)
{
	const char *p, *name, *eq, *v, *q;

	for (p = o; (p = strchr(p, '<')) != NULL; ) {
		p += strcspn(p, " >");
		while (*p == ' ') {
			name = p + 1;
			if ((eq = strchr(name, '=')) == NULL || eq[1] != '"' ||
			    (q = strchr(eq + 2, '"')) == NULL)
				abort();	/* not html_clean's form */
			v = eq + 2;
			if (strncasecmp(name, "on", 2) == 0)
				return 1;
			if (((eq - name == 4 && strncmp(name, "href", 4) == 0) ||
			    (eq - name == 3 && strncmp(name, "src", 3) == 0)) &&
			    !url_safe(v, (size_t)(q - v)) && strncmp(v,
			    "about:invalid\"", 14) != 0)
				return 1;
			p = q + 1;
		}
	}
	return 0;
}

/* The tags of o ('<' to '>': esc_html leaves no '>' in a value). */
static void
tags_of(struct buf *t, const char *o)
{
	const char *e;

	while ((o = strchr(o, '<')) != NULL) {
		e = strchr(o, '>');
		e = e != NULL ? e + 1 : o + strlen(o);
		buf_add(t, o, (size_t)(e - o));
		o = e;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_clean_report rep;
	struct buf b, r, t1, t2;
	const char *o;
	enum err rc;
	size_t i;

	buf_init(&b, 1 << 24);
	rc = html_clean(&b, (const char *)data, size, NULL, &rep);
	if (rc != ERR_OK && rc != ERR_PARSE)
		abort();
	o = b.p != NULL ? b.p : "";
	if (!utf8_valid(o, b.len) || strlen(o) != b.len)
		abort();
	for (i = 0; i < nitems(banned); i++)
		if (strcasestr(o, banned[i]) != NULL)
			abort();
	if (bad_attr(o))
		abort();
	/* The site's rendering: html_clean then curly quotes. */
	buf_init(&r, 1 << 24);
	if (article_body_html(&r, (const char *)data, size, "html", NULL) !=
	    rc)
		abort();
	if (rc == ERR_OK) {
		if (!utf8_valid(r.p != NULL ? r.p : "", r.len))
			abort();
		buf_init(&t1, 1 << 24);
		buf_init(&t2, 1 << 24);
		tags_of(&t1, o);
		tags_of(&t2, r.p != NULL ? r.p : "");
		if (t1.len != t2.len || (t1.len > 0 && memcmp(t1.p, t2.p,
		    t1.len) != 0))
			abort();
		buf_free(&t1);
		buf_free(&t2);
	}
	buf_free(&r);
	buf_free(&b);
	return 0;
}
