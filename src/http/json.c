/*
 * json: application/json request bodies, parsed by jansson.  jansson's
 * own nesting limit is a compile-time 2048; ours, LIMIT_JSON_DEPTH, is
 * checked first by a scan that only counts brackets outside strings, so
 * a deep document is refused before jansson allocates a node of it.
 */
#include <string.h>

#include "http.h"

/* The byte offset where nesting passes max, or -1 if it never does. */
static long long
too_deep(const char *s, size_t n, int max)
{
	int depth = 0, in_string = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = 0;
		} else if (s[i] == '"')
			in_string = 1;
		else if (s[i] == '[' || s[i] == '{') {
			if (++depth > max)
				return (long long)i;
		} else if (s[i] == ']' || s[i] == '}')
			depth--;
	}
	return -1;
}

/* jansson's message with anything but printable ASCII made '?'. */
static const char *
ascii(struct arena *a, const char *s)
{
	char *d = arena_strdup(a, s), *p;

	for (p = d; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	return d;
}

enum err
req_json_parse(struct arena *a, const char *s, size_t n, json_t **out,
    const char **why)
{
	json_error_t e;
	long long at;

	*out = NULL;
	*why = NULL;
	if ((at = too_deep(s, n, LIMIT_JSON_DEPTH)) >= 0) {
		*why = arena_printf(a, "The JSON body is nested deeper than "
		    "%d levels (at byte %lld).", LIMIT_JSON_DEPTH, at);
		return ERR_PARSE;
	}
	*out = json_loadb(s, n, JSON_REJECT_DUPLICATES, &e);
	if (*out == NULL) {
		*why = arena_printf(a, "The JSON body is not valid: %s (line "
		    "%d, column %d, byte %d).", ascii(a, e.text), e.line,
		    e.column, e.position);
		return ERR_PARSE;
	}
	return ERR_OK;
}
