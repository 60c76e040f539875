/*
 * utf8: decoding and validation of untrusted bytes (paths, forms, titles)
 * before they reach the database or a page.  Rejects overlong forms,
 * surrogates, and code points past U+10FFFF, as RFC 3629 requires.
 */
#include <string.h>

#include "util.h"

uint32_t
utf8_decode(const char *s, size_t n, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k, len;
	uint32_t cp;

	*used = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else
		return UTF8_BAD;
	if (n < len)
		return UTF8_BAD;
	for (k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return UTF8_BAD;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return UTF8_BAD;
	*used = len;
	return cp;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, used;
	uint64_t w;

	while (i < n) {
		/* ASCII, most of any text, is passed eight bytes at a time. */
		if (n - i >= 8) {
			memcpy(&w, s + i, sizeof(w));
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (utf8_decode(s + i, n - i, &used) == UTF8_BAD)
			return 0;
		i += used;
	}
	return 1;
}

const char *
utf8_line_problem(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "must be one line of text, without control "
			    "characters";
	return utf8_valid(s, i) ? NULL : "is not valid UTF-8";
}
