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
 * Images with captions become figures (figures(), below), by the same
 * reading of md4c's output.
 *
 * md4c (0.4.8) may read one byte past its input, so the input is copied
 * into a NUL-terminated buffer first.
 *
 * Last, the text nodes get smart punctuation (util/typo.c's typo_html:
 * curly quotes and apostrophes), by the same reading of md4c's output:
 * never inside a tag's attributes, a code span or block, or a URL.
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
 * A rewrite of b[from:] is done: out holds it up to copied, a place in
 * b; the rest of b follows, and out becomes b's tail.
 */
static enum err
splice(struct buf *b, size_t from, struct buf *out, const char *copied)
{
	enum err rc;

	if ((rc = buf_add(out, copied, (size_t)(b->p + b->len - copied))) !=
	    ERR_OK)
		return rc;
	b->len = from;
	return buf_add(b, out->p, out->len);
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
	if (replaced)
		rc = splice(b, from, &out, copied);
out:
	buf_free(&out);
	return rc;
}

/* 1 if p (before end) starts with the literal s. */
static int
at(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/*
 * p just after an <em> md4c wrote: the "</em>" that closes it (md4c
 * nests emphasis, *a _b_ c*), or NULL.
 */
static const char *
em_close(const char *p, const char *end)
{
	int depth = 1;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (at(p, end, "<em>"))
			depth++;
		else if (at(p, end, "</em>") && --depth == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Images with captions become figures, in the HTML md4c wrote at
 * b[from:].  A paragraph that is one image, <p><img ...></p>, is a
 * figure when a caption comes with it: an emphasised line after it in
 * the same paragraph or as the next paragraph (*Caption*), else the
 * image's title (![alt](src "Caption")), which then leaves the img.
 * The alt text stays.  Sound for the reasons next_url is: every '<' is
 * a tag md4c wrote, and an attribute value holds no '"' nor '>' (md4c
 * escapes them), so the first '>' ends the img and ` title="` inside it
 * is its title attribute.
 */
static enum err
figures(struct buf *b, size_t from)
{
	struct buf out;
	const char *p, *end, *copied, *img, *ie, *cap, *ce, *after;
	const char *title, *te;
	enum err rc = ERR_OK;
	int changed = 0;

	if (b->p == NULL)
		return ERR_OK;
	buf_init(&out, b->max);
	copied = p = b->p + from;
	end = b->p + b->len;
	while ((p = memmem(p, (size_t)(end - p), "<p><img ", 8)) != NULL) {
		img = p + 3;
		if ((ie = memchr(img, '>', (size_t)(end - img))) == NULL)
			break;
		ie++;
		cap = ce = title = te = NULL;
		after = NULL;
		if (at(ie, end, "\n<em>") && (ce = em_close(ie + 5, end)) !=
		    NULL && at(ce, end, "</em></p>\n")) {
			cap = ie + 5;
			after = ce + 10;
		} else if (at(ie, end, "</p>\n") && at(ie + 5, end,
		    "<p><em>") && (ce = em_close(ie + 12, end)) != NULL &&
		    at(ce, end, "</em></p>\n")) {
			cap = ie + 12;
			after = ce + 10;
		} else if (at(ie, end, "</p>\n") && (title = memmem(img,
		    (size_t)(ie - img), " title=\"", 8)) != NULL &&
		    (te = memchr(title + 8, '"', (size_t)(ie - title - 8))) !=
		    NULL && te > title + 8) {
			cap = title + 8;
			ce = te;
			after = ie + 5;
		}
		if (cap == NULL) {
			p = ie;
			continue;
		}
		if ((rc = buf_add(&out, copied, (size_t)(p - copied))) !=
		    ERR_OK || (rc = buf_puts(&out, "<figure>\n")) != ERR_OK)
			goto out;
		if (te != NULL)		/* the title is now the caption */
			rc = buf_add(&out, img, (size_t)(title - img));
		if (rc == ERR_OK)
			rc = buf_add(&out, te != NULL ? te + 1 : img,
			    (size_t)(ie - (te != NULL ? te + 1 : img)));
		if (rc != ERR_OK || (rc = buf_puts(&out, "\n<figcaption>")) !=
		    ERR_OK || (rc = buf_add(&out, cap, (size_t)(ce - cap))) !=
		    ERR_OK || (rc = buf_puts(&out, "</figcaption>\n"
		    "</figure>\n")) != ERR_OK)
			goto out;
		copied = p = after;
		changed = 1;
	}
	if (changed)
		rc = splice(b, from, &out, copied);
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
	if (rc == ERR_OK)
		rc = figures(out, from);
	if (rc == ERR_OK)
		rc = typo_html_tail(out, from);
	if (rc != ERR_OK)
		buf_truncate(out, from);
	return rc;
}

enum err
markdown_html(struct buf *out, const char *md, size_t len)
{
	return markdown_html_abs(out, md, len, NULL);
}
