/*
 * esc: context-named escapers.  HTML leaves this program only through these
 * or through the template engine, which calls esc_html by default.
 */
#include <string.h>

#include "util.h"

static enum err
esc_table(struct buf *b, const char *s, size_t n, int xml)
{
	size_t i, start = 0;
	const char *rep;
	enum err rc;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (xml && c < 0x20 && c != '\t' && c != '\n' &&
			    c != '\r')
				rep = "";
			else
				continue;
		}
		if ((rc = buf_add(b, s + start, i - start)) != ERR_OK ||
		    (rc = buf_puts(b, rep)) != ERR_OK)
			return rc;
		start = i + 1;
	}
	return buf_add(b, s + start, n - start);
}

enum err
esc_html(struct buf *b, const char *s, size_t n)
{
	return esc_table(b, s, n, 0);
}

enum err
esc_xml(struct buf *b, const char *s, size_t n)
{
	return esc_table(b, s, n, 1);
}

/* RFC 3986 unreserved: never percent-encoded. */
static int
unreserved(char ch)
{
	unsigned char c = (unsigned char)ch;

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

enum err
esc_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, run;
	enum err rc;
	char e[3];

	for (i = 0; i < n; i += run) {
		/* A run of unreserved bytes is copied at once. */
		for (run = 0; i + run < n && unreserved(s[i + run]); run++)
			;
		if (run > 0) {
			if ((rc = buf_add(b, s + i, run)) != ERR_OK)
				return rc;
			continue;
		}
		e[0] = '%';
		e[1] = hex[(unsigned char)s[i] >> 4];
		e[2] = hex[(unsigned char)s[i] & 15];
		if ((rc = buf_add(b, e, 3)) != ERR_OK)
			return rc;
		run = 1;
	}
	return ERR_OK;
}
