/*
 * esc: context-named escapers.  HTML leaves this program only through these
 * or through the template engine, which calls esc_html by default.
 */
#include <string.h>

#include "util.h"

/*
 * What each byte becomes: 0 itself, else the index of its replacement in
 * rep[]; the controls XML 1.0 forbids (all below 0x20 but tab, LF and
 * CR) are CTL, dropped in XML and kept in HTML.  A page is mostly plain
 * text, so the loop looks one byte up per step and copies whole runs.
 */
#define CTL	6
static const unsigned char esc_class[256] = {
	CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, 0, 0, CTL, CTL, 0,
	CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL,
	CTL, CTL, CTL, CTL, CTL,
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};

static enum err
esc_table(struct buf *b, const char *s, size_t n, int xml)
{
	static const char *const rep[] = { "", "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;", "" };
	size_t i, start = 0;
	unsigned char k;
	enum err rc;

	for (i = 0; i < n; i++) {
		k = esc_class[(unsigned char)s[i]];
		if (k == 0 || (k == CTL && !xml))
			continue;
		if ((rc = buf_add(b, s + start, i - start)) != ERR_OK ||
		    (rc = buf_puts(b, rep[k])) != ERR_OK)
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
