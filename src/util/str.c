/*
 * str: string views and the checked number parser that replaces atoi.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int
str_eq(struct str s, const char *c)
{
	size_t n = strlen(c);

	return s.len == n && (n == 0 || memcmp(s.p, c, n) == 0);
}

enum err
str_to_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	/* strtoll would skip white space and take '+': the caller may not. */
	if (s == NULL || (!isdigit((unsigned char)*s) && *s != '-') ||
	    (*s == '-' && (min >= 0 || !isdigit((unsigned char)s[1]))))
		return ERR_PARSE;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || *end != '\0' || end == s)
		return ERR_PARSE;
	if (v < min || v > max)
		return ERR_INVAL;
	*out = v;
	return ERR_OK;
}

const char *
str_grouped(int64_t n, char out[STR_GROUPED_LEN])
{
	char digits[24];
	size_t len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%lld", (long long)n);
	for (i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}
