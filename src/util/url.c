/*
 * url: percent-decoding of request paths, query strings and form bodies.
 * Everything decoded here is untrusted; the result is valid UTF-8 without
 * NUL bytes, or the input is rejected with ERR_PARSE (an HTTP 400).
 */
#include "util.h"

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
