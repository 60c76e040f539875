/*
 * csv: RFC 4180 records, as spreadsheets write them: fields separated
 * by commas (or semicolons, which some locales' spreadsheets write:
 * the caller says which), quoted with double quotes when they hold a
 * separator, a quote (doubled) or a line break; records end in CRLF or
 * LF.  A byte order mark before the first record is skipped.  The
 * reader walks a buffer in place and copies each field into the
 * caller's bounded storage: a field past its size, or a record with more
 * than the fields given, is ERR_LIMIT; a quote inside an unquoted field,
 * text after a closing quote, or a quoted field never closed is
 * ERR_PARSE.  Fuzzed by fuzz_csv.
 */
#include <string.h>

#include "util.h"

void
csv_init(struct csv *c, const char *p, size_t len, char sep)
{
	c->p = p;
	c->end = p + len;
	c->sep = sep;
	c->line = 0;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		c->p += 3;
}

static enum err
put(char *f, size_t size, size_t *n, char ch)
{
	if (*n + 1 >= size)
		return ERR_LIMIT;
	f[(*n)++] = ch;
	return ERR_OK;
}

enum err
csv_next(struct csv *c, char fields[][CSV_FIELD], size_t max, size_t *n)
{
	const char *p = c->p;
	size_t k = 0, len = 0;
	int quoted = 0, closed = 0;
	enum err rc;

	*n = 0;
	if (p >= c->end)
		return ERR_NOTFOUND;
	c->line++;
	if (max == 0)
		return ERR_LIMIT;
	for (;;) {
		if (p >= c->end || ((!quoted || closed) && (*p == '\n' ||
		    (*p == '\r' && p + 1 < c->end && p[1] == '\n') ||
		    *p == c->sep))) {
			if (quoted && !closed)
				return ERR_PARSE;
			fields[k][len] = '\0';
			k++;
			if (p < c->end && *p == c->sep) {
				if (k == max)
					return ERR_LIMIT;
				p++;
				len = 0;
				quoted = closed = 0;
				continue;
			}
			if (p < c->end)
				p += *p == '\r' ? 2 : 1;
			break;
		}
		if (quoted && !closed) {
			if (*p == '"' && p + 1 < c->end && p[1] == '"') {
				if ((rc = put(fields[k], CSV_FIELD, &len,
				    '"')) != ERR_OK)
					return rc;
				p += 2;
			} else if (*p == '"') {
				closed = 1;
				p++;
			} else {
				if (*p == '\n')
					c->line++;
				if ((rc = put(fields[k], CSV_FIELD, &len,
				    *p)) != ERR_OK)
					return rc;
				p++;
			}
			continue;
		}
		if (closed)		/* text after the closing quote */
			return ERR_PARSE;
		if (*p == '"') {
			if (len != 0)
				return ERR_PARSE;
			quoted = 1;
			p++;
			continue;
		}
		if ((rc = put(fields[k], CSV_FIELD, &len, *p)) != ERR_OK)
			return rc;
		p++;
	}
	c->p = p;
	*n = k;
	return ERR_OK;
}
