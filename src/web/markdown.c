/*
 * markdown: article bodies, bios and the about text through md4c-html.
 * Raw HTML is off (MD_FLAG_NOHTML): what an author types is text, never
 * markup.  md4c does not judge link targets, so the output's href and src
 * values are then checked here: a URL with a scheme other than http,
 * https or mailto (javascript:, data:, vbscript: ...) is replaced by
 * about:invalid.  That check can scan the output as text because md4c
 * escapes '"' everywhere, so the bytes ` href="` only ever start an
 * attribute it wrote.
 *
 * md4c (0.4.8) may read one byte past its input, so the input is copied
 * into a NUL-terminated buffer first.
 */
#include <ctype.h>
#include <md4c-html.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web.h"

struct md_out {
	struct buf	*buf;
	enum err	 rc;
};

static void
md_chunk(const MD_CHAR *p, MD_SIZE n, void *arg)
{
	struct md_out *o = arg;

	if (o->rc == ERR_OK)
		o->rc = buf_add(o->buf, p, n);
}

int
markdown_url_safe(const char *url, size_t len)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	size_t i, n;

	/* A scheme is a letter, then letters, digits, '+', '-', '.'. */
	for (n = 0; n < len; n++) {
		unsigned char c = (unsigned char)url[n];

		if (c == ':')
			break;
		if (!(isalpha(c) || (n > 0 && (isdigit(c) || c == '+' ||
		    c == '-' || c == '.'))))
			return 1;	/* no scheme: a relative URL */
	}
	if (n == len)
		return 1;
	for (i = 0; i < nitems(ok); i++)
		if (strlen(ok[i]) == n && strncasecmp(url, ok[i], n) == 0)
			return 1;
	return 0;
}

/* Replace unsafe href and src values in the HTML md4c wrote at b[from:]. */
static enum err
neutralise_urls(struct buf *b, size_t from)
{
	static const char *const attrs[] = { " href=\"", " src=\"" };
	static const char bad[] = "about:invalid";
	struct buf out;
	const char *p, *v, *q, *end, *hit, *copied;
	size_t i, alen = 0;
	int replaced = 0;
	enum err rc = ERR_OK;

	if (b->p == NULL)	/* nothing was written */
		return ERR_OK;
	buf_init(&out, b->max);
	copied = b->p + from;	/* out holds b[from:copied] rewritten */
	p = copied;
	end = b->p + b->len;
	for (;;) {
		hit = NULL;
		for (i = 0; i < nitems(attrs); i++) {
			q = memmem(p, (size_t)(end - p), attrs[i],
			    strlen(attrs[i]));
			if (q != NULL && (hit == NULL || q < hit)) {
				hit = q;
				alen = strlen(attrs[i]);
			}
		}
		if (hit == NULL)
			break;
		v = hit + alen;
		if ((q = memchr(v, '"', (size_t)(end - v))) == NULL)
			break;
		if (!markdown_url_safe(v, (size_t)(q - v))) {
			rc = buf_add(&out, copied, (size_t)(v - copied));
			if (rc == ERR_OK)
				rc = buf_puts(&out, bad);
			if (rc != ERR_OK)
				goto out;
			copied = q;
			replaced = 1;
		}
		p = q;
	}
	if (!replaced)
		goto out;
	if ((rc = buf_add(&out, copied, (size_t)(end - copied))) != ERR_OK)
		goto out;
	b->len = from;
	rc = buf_add(b, out.p, out.len);
out:
	buf_free(&out);
	return rc;
}

enum err
markdown_html(struct buf *out, const char *md, size_t len)
{
	struct md_out o = { out, ERR_OK };
	size_t from = out->len;
	char *copy;
	enum err rc;

	if (len > LIMIT_BODY_MD)
		return ERR_LIMIT;
	copy = xstrndup(md, len);
	if (md_html(copy, (MD_SIZE)len, md_chunk, &o, MD_FLAG_NOHTML |
	    MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH, 0) != 0 && o.rc == ERR_OK)
		o.rc = ERR_PARSE;
	free(copy);
	if ((rc = o.rc) == ERR_OK)
		rc = neutralise_urls(out, from);
	if (rc != ERR_OK)
		out->len = from;
	if (out->p != NULL)
		out->p[out->len] = '\0';
	return rc;
}
