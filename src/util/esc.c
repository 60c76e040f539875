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

enum err
esc_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	enum err rc;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[3];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			rc = buf_putc(b, (char)c);
		} else {
			e[0] = '%';
			e[1] = hex[c >> 4];
			e[2] = hex[c & 15];
			rc = buf_add(b, e, 3);
		}
		if (rc != ERR_OK)
			return rc;
	}
	return ERR_OK;
}
