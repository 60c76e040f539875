/*
 * url: percent-decoding of request paths, query strings and form bodies,
 * and the one judge of every URL written into a page (url_safe).
 * Everything decoded here is untrusted; the result is valid UTF-8 without
 * NUL bytes, or the input is rejected with ERR_PARSE (an HTTP 400).
 *
 * url_safe reads a URL the way a browser does (the WHATWG URL Standard,
 * which Chromium, Firefox and WebKit follow): leading C0 controls and
 * spaces are stripped, tabs and newlines anywhere are removed, then a
 * scheme is an ASCII letter followed by letters, digits, '+', '-' or '.'
 * up to a ':', in any case.  So "java\tscript:", " javascript:" and
 * "JaVaScRiPt:" all are javascript:.  Rather than repeat that cleaning,
 * url_safe refuses any control character outright (no URL a journal
 * stores needs one) and then reads the scheme after leading spaces.
 */
#include <string.h>

#include "util.h"

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
url_safe(const char *url, size_t len)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	const unsigned char *u = (const unsigned char *)url;
	size_t i, start, k, n;

	for (i = 0; i < len; i++)
		if (u[i] < 0x20 || u[i] == 0x7f)
			return 0;
	for (start = 0; start < len && u[start] == ' '; start++)
		continue;
	for (i = start; i < len && u[i] != ':'; i++) {
		if (!(is_alpha(u[i]) || (i > start && ((u[i] >= '0' &&
		    u[i] <= '9') || u[i] == '+' || u[i] == '-' ||
		    u[i] == '.'))))
			return 1;	/* no scheme: a relative reference */
	}
	if (i == len || i == start)
		return 1;	/* no ':', or one before any scheme letter */
	n = i - start;
	for (k = 0; k < nitems(ok); k++) {
		if (strlen(ok[k]) != n)
			continue;
		for (i = 0; i < n; i++)
			if ((u[start + i] | 0x20) != (unsigned char)ok[k][i])
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum err
url_decode(const char *src, size_t len, char *dst, size_t *outlen, int plus)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		char c = src[i];

		if (c == '%') {
			if (len - i < 3)
				return ERR_PARSE;
			hi = hexval(src[i + 1]);
			lo = hexval(src[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_PARSE;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus)
			c = ' ';
		if (c == '\0')
			return ERR_PARSE;
		dst[o++] = c;
	}
	dst[o] = '\0';
	if (!utf8_valid(dst, o))
		return ERR_PARSE;
	*outlen = o;
	return ERR_OK;
}
