/*
 * email: whether a string can be an e-mail address, for forms strangers
 * and editors fill in (the newsletter sign-up, the back office's users).
 * It judges shape and sizes only; whether mail arrives is the mail's
 * business.
 */
#include <ctype.h>
#include <string.h>

#include "util.h"

int
email_valid(const char *s)
{
	const char *at = strchr(s, '@'), *p, *label;
	size_t len = strlen(s);

	if (len == 0 || len > LIMIT_EMAIL || at == NULL || at == s ||
	    at - s > 64 || strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;

		/* Printable ASCII or UTF-8 (RFC 6531); no spaces, quotes. */
		if (c <= ' ' || c == 0x7f || c == '"' || c == '(' ||
		    c == ')' || c == ',' || c == ':' || c == ';' ||
		    c == '<' || c == '>' || c == '[' || c == ']' || c == '\\')
			return 0;
	}
	if (*s == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	/* Domain: dot-separated labels of letters, digits, hyphens. */
	label = at + 1;
	if (strchr(label, '.') == NULL)
		return 0;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || p - label > 63 || *label == '-' ||
			    p[-1] == '-')
				return 0;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-' &&
		    (unsigned char)*p < 0x80)
			return 0;
	}
	return 1;
}
