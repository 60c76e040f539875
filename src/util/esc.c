/*
 * esc: context-named escapers.  HTML leaves this program only through these
 * or through the template engine, which calls esc_html by default.
 */
#include <string.h>

#include "util.h"

/*
 * What each byte becomes, in HTML and in XML: 0 itself, else the index of
 * its replacement in esc_rep; XML also drops the controls XML 1.0 forbids
 * (all below 0x20 but tab, LF and CR), which HTML keeps.  A page is mostly
 * plain text, so the loop looks each byte up once and copies whole runs.
 */
#define ESC_SPECIALS \
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5
#define D	6	/* dropped */
static const char *const esc_rep[] = { "", "&amp;", "&lt;", "&gt;",
	"&quot;", "&#39;", "" };
static const unsigned char esc_html_class[256] = { ESC_SPECIALS };
static const unsigned char esc_xml_class[256] = {
	D, D, D, D, D, D, D, D, D, 0, 0, D, D, 0, D, D,
	D, D, D, D, D, D, D, D, D, D, D, D, D, D, D, D,
	ESC_SPECIALS,
};

static enum err
esc_table(struct buf *b, const char *s, size_t n,
    const unsigned char *cls)
{
	size_t i = 0, start = 0;
	enum err rc;

	for (;;) {
		while (i < n && cls[(unsigned char)s[i]] == 0)
			i++;
		if (i == n)
			break;
		if ((rc = buf_add(b, s + start, i - start)) != ERR_OK ||
		    (rc = buf_puts(b, esc_rep[cls[(unsigned char)s[i]]])) !=
		    ERR_OK)
			return rc;
		start = ++i;
	}
	return buf_add(b, s + start, n - start);
}

enum err
esc_html(struct buf *b, const char *s, size_t n)
{
	return esc_table(b, s, n, esc_html_class);
}

enum err
esc_xml(struct buf *b, const char *s, size_t n)
{
	return esc_table(b, s, n, esc_xml_class);
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
