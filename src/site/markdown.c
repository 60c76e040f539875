/*
 * markdown: article bodies, bios and the about text through md4c-html.
 * Raw HTML is off (MD_FLAG_NOHTML): what an author types is text, never
 * markup.  md4c does not judge link targets, so the output's href and src
 * values are then judged by url_safe (util/url.c), the one rule for every
 * URL a page holds: one it refuses (javascript:, data:, vbscript: ...) is
 * replaced by about:invalid.  url_safe reads the value as md4c wrote it,
 * HTML-escaped: md4c writes no character references but &amp;, &lt;,
 * &gt; and &quot;, and neither those nor the characters they stand for
 * can be part of a scheme, so the verdict is the one the browser reaches
 * on the unescaped value.  For feeds, markdown_html_abs also makes the
 * accepted values absolute (util/url.c's url_resolve, on the unescaped
 * value, escaped again).  Finding the values reads the output's tags,
 * which is sound
 * because md4c escapes '<' in text and '"' in attribute values: every
 * '<' opens a tag md4c wrote, and every attribute is name="value".  (A
 * plain search for ` href="` is not: a title may end in " href=".)
 *
 * md4c (0.4.8) may read one byte past its input, so the input is copied
 * into a NUL-terminated buffer first.
 */
#include <md4c-html.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

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

/*
 * The next href or src value in b[from:end): md4c escapes '<' in text and
 * '"' in attribute values, so every '<' opens a tag it wrote, and within
 * a tag each attribute is name="value".  Returns the value's start and
 * sets *vend, or NULL when there is none.
 */
static const char *
next_url(const char *p, const char *end, const char **vend)
{
	const char *n, *v, *q;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		while (p < end && *p != ' ' && *p != '>')	/* tag name */
			p++;
		while (p < end && *p == ' ') {
			n = ++p;
			while (p < end && *p != '=' && *p != ' ' && *p != '>')
				p++;
			if (p + 1 >= end || p[0] != '=' || p[1] != '"')
				break;
			v = p + 2;
			if ((q = memchr(v, '"', (size_t)(end - v))) == NULL)
				return NULL;
			p = q + 1;
			if ((v - n == 6 && strncmp(n, "href", 4) == 0) ||
			    (v - n == 5 && strncmp(n, "src", 3) == 0)) {
				*vend = q;
				return v;
			}
		}
	}
	return NULL;
}

/*
 * An href or src value as md4c wrote it (v, n bytes, HTML-escaped), made
 * absolute against base and escaped again, appended to out.
 */
static enum err
url_absolute(struct buf *out, const char *base, const char *v, size_t n)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' },
	};
	struct buf raw, abs;
	size_t i, k, l;
	enum err rc = ERR_OK;

	buf_init(&raw, n + 1);
	buf_init(&abs, LIMIT_URL * 2);
	for (i = 0; i < n && rc == ERR_OK; i++) {
		for (k = 0; k < nitems(ents); k++) {
			l = strlen(ents[k].ent);
			if (n - i >= l && memcmp(v + i, ents[k].ent, l) == 0)
				break;
		}
		if (k < nitems(ents)) {
			rc = buf_putc(&raw, ents[k].c);
			i += l - 1;
		} else
			rc = buf_putc(&raw, v[i]);
	}
	if (rc == ERR_OK)
		rc = url_resolve(&abs, base, raw.p != NULL ? raw.p : "",
		    raw.len);
	if (rc == ERR_OK)
		rc = esc_html(out, abs.p, abs.len);
	buf_free(&raw);
	buf_free(&abs);
	return rc;
}

/*
 * Replace unsafe href and src values in the HTML md4c wrote at b[from:]
 * by about:invalid; with base set, make the others absolute against it.
 */
static enum err
rewrite_urls(struct buf *b, size_t from, const char *base)
{
	static const char bad[] = "about:invalid";
	struct buf out;
	const char *p, *v, *q, *end, *copied;
	int replaced = 0;
	enum err rc = ERR_OK;

	if (b->p == NULL)	/* nothing was written */
		return ERR_OK;
	buf_init(&out, b->max);
	copied = b->p + from;	/* out holds b[from:copied] rewritten */
	p = copied;
	end = b->p + b->len;
	while ((v = next_url(p, end, &q)) != NULL) {
		if (!url_safe(v, (size_t)(q - v)) || base != NULL) {
			rc = buf_add(&out, copied, (size_t)(v - copied));
			if (rc == ERR_OK && !url_safe(v, (size_t)(q - v)))
				rc = buf_puts(&out, bad);
			else if (rc == ERR_OK)
				rc = url_absolute(&out, base, v,
				    (size_t)(q - v));
			if (rc != ERR_OK)
				goto out;
			copied = q;
			replaced = 1;
		}
		p = q + 1;
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
markdown_html_abs(struct buf *out, const char *md, size_t len,
    const char *base)
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
		rc = rewrite_urls(out, from, base);
	if (rc != ERR_OK)
		out->len = from;
	if (out->p != NULL)
		out->p[out->len] = '\0';
	return rc;
}

enum err
markdown_html(struct buf *out, const char *md, size_t len)
{
	return markdown_html_abs(out, md, len, NULL);
}
