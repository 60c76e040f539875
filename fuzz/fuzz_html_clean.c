/*
 * fuzz_html_clean: libFuzzer target for the allowlist imported bodies
 * go through (html_clean): any bytes, as an export file may hold them.
 *
 * Invariants checked: the result is ERR_OK or ERR_PARSE (input not
 * UTF-8); the output is valid UTF-8 and holds no element html_clean
 * drops ("<script", "<iframe", "<style", "<svg", "<object"), no event
 * attribute (" on...=") and no href or src outside url_safe's.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html_clean_report rep;
	struct buf b;
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
	buf_free(&b);
	return 0;
}
