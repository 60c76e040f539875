/*
 * wxr_body: a WordPress body made into the HTML html_clean takes, and
 * the plain text of titles, names and excerpts.
 *
 * WordPress keeps what the classic editor typed: no <p>, paragraphs
 * are blank lines, and shortcodes ([caption], [gallery], [embed]) are
 * expanded only when a page is shown.  The passes, in order:
 * shortcodes (the three common ones made HTML, the others left as text
 * and counted), addresses of uploads that were copied made /media/NAME,
 * a URL alone on its line made a link (what WordPress embeds), then
 * wpautop's rule: blank lines end paragraphs, a single line break is
 * <br>, lines that begin with a block element stand alone, and <pre>
 * is left as it is.  Gutenberg's bodies (they hold "<!-- wp:") have
 * their paragraphs already and skip that last pass, as WordPress does;
 * their block comments are dropped by html_clean.
 *
 * Everything here works on bytes, never trusting the body to be
 * well-formed: an unclosed shortcode or tag is text.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "wxr.h"

/*
 * Bounds that keep every pass linear in the body, whatever it holds: a
 * shortcode's attributes, what an enclosing one may hold, how many
 * closing tags one body may look for, how far back an upload's address
 * may begin.
 */
#define SC_ATTRS_MAX	4096
#define SC_INNER_MAX	(64 * 1024)
#define SC_SEARCHES	4096
#define URL_BACK_MAX	2048

/* Elements that begin a block: a line starting with one is no <p>. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "caption", "dd", "div",
	"dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hr", "li", "main", "math", "nav",
	"ol", "p", "pre", "section", "select", "script", "style", "table",
	"tbody", "td", "tfoot", "th", "thead", "tr", "ul",
};

static int
starts_ci(const char *s, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - s) >= n && strncasecmp(s, word, n) == 0;
}

/* 1 if s (to end) begins with a block element's tag, open or close. */
static int
block_tag(const char *s, const char *end)
{
	size_t i, n;

	if (s >= end || *s != '<')
		return 0;
	s++;
	if (s < end && *s == '/')
		s++;
	if (starts_ci(s, end, "!--"))
		return 1;
	for (i = 0; i < nitems(blocks); i++) {
		n = strlen(blocks[i]);
		if (starts_ci(s, end, blocks[i]) && (s + n == end ||
		    strchr(" \t\n/>", s[n]) != NULL))
			return 1;
	}
	return 0;
}

static const char *
memmem_ci(const char *s, const char *end, const char *word)
{
	for (; s < end; s++)
		if (starts_ci(s, end, word))
			return s;
	return NULL;
}

/* Count a shortcode left as text, by name. */
static void
left_count(struct wxr_body_report *rep, const char *name, size_t n)
{
	size_t i;

	if (rep == NULL)
		return;
	if (n >= sizeof(rep->left[0].name))
		n = sizeof(rep->left[0].name) - 1;
	for (i = 0; i < rep->nleft; i++)
		if (strlen(rep->left[i].name) == n &&
		    memcmp(rep->left[i].name, name, n) == 0) {
			rep->left[i].count++;
			return;
		}
	if (rep->nleft == WXR_SHORTCODES_MAX)
		return;
	memcpy(rep->left[rep->nleft].name, name, n);
	rep->left[rep->nleft].name[n] = '\0';
	rep->left[rep->nleft++].count = 1;
}

/*
 * The value of attribute key in a shortcode's attributes (key="v",
 * key='v' or key=v), in a; NULL when absent.
 */
static const char *
sc_attr(struct arena *a, const char *s, const char *end, const char *key)
{
	size_t kn = strlen(key);
	const char *v;
	char q;

	while (s < end) {
		while (s < end && isspace((unsigned char)*s))
			s++;
		if ((size_t)(end - s) > kn && strncasecmp(s, key, kn) == 0 &&
		    s[kn] == '=') {
			v = s + kn + 1;
			if (v < end && (*v == '"' || *v == '\'')) {
				q = *v++;
				for (s = v; s < end && *s != q; s++)
					;
			} else
				for (s = v; s < end &&
				    !isspace((unsigned char)*s); s++)
					;
			return arena_strndup(a, v, (size_t)(s - v));
		}
		/* Past this attribute, quoted values included. */
		while (s < end && !isspace((unsigned char)*s)) {
			if (*s == '"' || *s == '\'') {
				q = *s++;
				while (s < end && *s != q)
					s++;
			}
			if (s < end)
				s++;
		}
	}
	return NULL;
}

/* <figure><img src alt><figcaption>caption</figcaption></figure> */
static enum err
figure_put(struct buf *out, const struct wxr_attachment *at)
{
	enum err rc;

	if ((rc = buf_puts(out, "<figure><img src=\"")) != ERR_OK ||
	    (rc = esc_html(out, at->src, strlen(at->src))) != ERR_OK ||
	    (rc = buf_puts(out, "\" alt=\"")) != ERR_OK ||
	    (rc = esc_html(out, at->alt, strlen(at->alt))) != ERR_OK ||
	    (rc = buf_puts(out, "\">")) != ERR_OK)
		return rc;
	if (*at->caption != '\0' && ((rc = buf_puts(out, "<figcaption>")) !=
	    ERR_OK || (rc = esc_html(out, at->caption,
	    strlen(at->caption))) != ERR_OK ||
	    (rc = buf_puts(out, "</figcaption>")) != ERR_OK))
		return rc;
	return buf_puts(out, "</figure>");
}

/* [gallery ids="1,2"] (or the post's own attachments): figures. */
static enum err
gallery_put(struct buf *out, struct arena *a, const char *attrs,
    const char *aend, const char *post, const struct wxr_resolve *r)
{
	struct wxr_attachment at;
	const char *ids, **list = NULL, *p, *q;
	size_t n = 0, i;
	enum err rc = ERR_OK;

	if (r == NULL)
		return ERR_OK;
	if ((ids = sc_attr(a, attrs, aend, "ids")) == NULL)
		ids = sc_attr(a, attrs, aend, "include");
	if (ids == NULL && r->children != NULL)
		n = r->children(r->arg, post, a, &list);
	for (p = ids; p != NULL && *p != '\0' && rc == ERR_OK; p = q) {
		p += strspn(p, ", ");
		q = p + strcspn(p, ", ");
		if (q > p && r->attachment(r->arg, arena_strndup(a, p,
		    (size_t)(q - p)), &at))
			rc = figure_put(out, &at);
	}
	for (i = 0; i < n && rc == ERR_OK; i++)
		if (r->attachment(r->arg, list[i], &at))
			rc = figure_put(out, &at);
	return rc;
}

/*
 * [caption ...]<img ...> Text[/caption]: the image (and its link) then
 * the text as the figure's caption; an old caption="" attribute too.
 */
static enum err
caption_put(struct buf *out, struct arena *a, const char *attrs,
    const char *aend, const char *in, const char *iend)
{
	const char *img_end, *cap, *p;
	enum err rc;

	p = in;
	while (p < iend && isspace((unsigned char)*p))
		p++;
	img_end = p;
	if (starts_ci(p, iend, "<a") && (img_end = memmem_ci(p, iend,
	    "</a>")) != NULL)
		img_end += 4;
	else if (starts_ci(p, iend, "<img") && (img_end = memchr(p, '>',
	    (size_t)(iend - p))) != NULL)
		img_end += 1;
	else
		img_end = p;
	if ((rc = buf_puts(out, "<figure>")) != ERR_OK ||
	    (rc = buf_add(out, p, (size_t)(img_end - p))) != ERR_OK)
		return rc;
	cap = sc_attr(a, attrs, aend, "caption");
	while (img_end < iend && isspace((unsigned char)*img_end))
		img_end++;
	if (cap != NULL && *cap != '\0')
		rc = buf_printf(out, "<figcaption>%s</figcaption>", cap);
	else if (img_end < iend && ((rc = buf_puts(out, "<figcaption>")) !=
	    ERR_OK || (rc = buf_add(out, img_end, (size_t)(iend -
	    img_end))) != ERR_OK || (rc = buf_puts(out, "</figcaption>")) !=
	    ERR_OK))
		return rc;
	if (rc != ERR_OK)
		return rc;
	return buf_puts(out, "</figure>");
}

/* <a href="url">url</a> */
static enum err
link_put(struct buf *out, const char *url, size_t n)
{
	enum err rc;

	if ((rc = buf_puts(out, "<a href=\"")) != ERR_OK ||
	    (rc = esc_html(out, url, n)) != ERR_OK ||
	    (rc = buf_puts(out, "\">")) != ERR_OK ||
	    (rc = esc_html(out, url, n)) != ERR_OK)
		return rc;
	return buf_puts(out, "</a>");
}

/* The closing [/name] after s, or NULL. */
static const char *
sc_close(const char *s, const char *end, const char *name, size_t n)
{
	const char *p;

	for (p = s; (p = memchr(p, '[', (size_t)(end - p))) != NULL; p++)
		if ((size_t)(end - p) >= n + 3 && p[1] == '/' &&
		    strncmp(p + 2, name, n) == 0 && p[n + 2] == ']')
			return p;
	return NULL;
}

/* Pass 1: shortcodes. */
static enum err
shortcodes(struct buf *out, struct arena *a, const char *s, const char *end,
    const char *post, const struct wxr_resolve *r,
    struct wxr_body_report *rep)
{
	const char *p, *name, *attrs, *aend, *close, *in;
	size_t n, searches = 0;
	int selfclose;
	enum err rc = ERR_OK;

	while (s < end && rc == ERR_OK) {
		if ((p = memchr(s, '[', (size_t)(end - s))) == NULL)
			return buf_add(out, s, (size_t)(end - s));
		if ((rc = buf_add(out, s, (size_t)(p - s))) != ERR_OK)
			return rc;
		name = p + 1;
		for (n = 0; name + n < end && (isalnum((unsigned char)
		    name[n]) || name[n] == '_' || name[n] == '-'); n++)
			;
		attrs = name + n;
		aend = attrs < end ? memchr(attrs, ']', (size_t)(end - attrs) <
		    SC_ATTRS_MAX ? (size_t)(end - attrs) : SC_ATTRS_MAX) :
		    NULL;
		if (n == 0 || !isalpha((unsigned char)*name) || aend == NULL ||
		    aend - attrs > SC_ATTRS_MAX || (attrs < aend &&
		    !isspace((unsigned char)*attrs) && *attrs != '/') ||
		    memchr(attrs, '[', (size_t)(aend - attrs)) != NULL) {
			rc = buf_putc(out, '[');
			s = p + 1;
			continue;
		}
		selfclose = aend > attrs && aend[-1] == '/';
		close = NULL;
		in = end - aend - 1 > SC_INNER_MAX ? aend + 1 + SC_INNER_MAX :
		    end;
		if (!selfclose && searches++ < SC_SEARCHES)
			close = sc_close(aend + 1, in, name, n);
		in = aend + 1;
		if (n == 7 && strncmp(name, "caption", 7) == 0 &&
		    close != NULL) {
			rc = caption_put(out, a, attrs, aend, in, close);
			s = close + n + 3;
			if (rep != NULL)
				rep->captions++;
		} else if (n == 7 && strncmp(name, "gallery", 7) == 0) {
			rc = gallery_put(out, a, attrs, aend, post, r);
			s = close != NULL ? close + n + 3 : aend + 1;
			if (rep != NULL)
				rep->galleries++;
		} else if (n == 5 && strncmp(name, "embed", 5) == 0 &&
		    close != NULL) {
			while (in < close && isspace((unsigned char)*in))
				in++;
			p = close;
			while (p > in && isspace((unsigned char)p[-1]))
				p--;
			rc = link_put(out, in, (size_t)(p - in));
			s = close + n + 3;
			if (rep != NULL)
				rep->embeds++;
		} else {
			/*
			 * Left as text; counted as a shortcode when it looks
			 * like one ("[sic]" does not): attributes, a closing
			 * tag or "/]".
			 */
			if (close != NULL || selfclose ||
			    memchr(attrs, '=', (size_t)(aend - attrs)) !=
			    NULL)
				left_count(rep, name, n);
			rc = buf_add(out, p, (size_t)(aend + 1 - p));
			s = aend + 1;
		}
	}
	return rc;
}

static int
url_char(char c)
{
	return c != '\0' && !isspace((unsigned char)c) &&
	    strchr("\"'<>()[]", c) == NULL;
}

/* Pass 2: addresses of copied uploads made /media/NAME. */
static enum err
uploads(struct buf *out, const char *s, const char *end,
    const struct wxr_resolve *r)
{
	const char *p, *from, *to, *path, *media;
	size_t done;
	enum err rc;

	if (r == NULL || r->upload == NULL)
		return buf_add(out, s, (size_t)(end - s));
	done = 0;
	for (p = s; (p = memmem(p, (size_t)(end - p), "/uploads/", 9)) !=
	    NULL; p = to) {
		from = p;
		while (from > s + done && p - from < URL_BACK_MAX &&
		    url_char(from[-1]))
			from--;
		path = p + 9;
		for (to = path; to < end && url_char(*to) && *to != '?' &&
		    *to != '#'; to++)
			;
		if (!(from[0] == '/' || starts_ci(from, end, "http://") ||
		    starts_ci(from, end, "https://")) || to == path ||
		    (media = r->upload(r->arg, path, (size_t)(to - path))) ==
		    NULL)
			continue;
		/* The query or fragment of the old address goes too. */
		while (to < end && url_char(*to))
			to++;
		if ((rc = buf_add(out, s + done, (size_t)(from - s - done))) !=
		    ERR_OK || (rc = buf_puts(out, media)) != ERR_OK)
			return rc;
		done = (size_t)(to - s);
	}
	return buf_add(out, s + done, (size_t)(end - s) - done);
}

/* The end of the <pre> element that starts at s, past its close. */
static const char *
pre_end(const char *s, const char *end)
{
	const char *p;

	if ((p = memmem_ci(s, end, "</pre>")) == NULL)
		return end;
	return p + 6;
}

/* 1 if the line is an http(s) URL alone (blanks around it). */
static int
url_line(const char *s, const char *end, const char **u, size_t *n)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (!starts_ci(s, end, "http://") && !starts_ci(s, end, "https://"))
		return 0;
	*u = s;
	*n = (size_t)(end - s);
	for (; s < end; s++)
		if (!url_char(*s))
			return 0;
	return 1;
}

/* Pass 3: a URL alone on its line (outside <pre>) made a link. */
static enum err
url_lines(struct buf *out, const char *s, const char *end,
    struct wxr_body_report *rep)
{
	const char *nl, *u, *pre;
	size_t n;
	enum err rc = ERR_OK;

	while (s < end && rc == ERR_OK) {
		if (starts_ci(s, end, "<pre")) {
			pre = pre_end(s, end);
			rc = buf_add(out, s, (size_t)(pre - s));
			s = pre;
			continue;
		}
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if ((pre = memmem_ci(s, nl, "<pre")) != NULL) {
			rc = buf_add(out, s, (size_t)(pre - s));
			s = pre;
			continue;
		}
		if (url_line(s, nl, &u, &n)) {
			rc = link_put(out, u, n);
			if (rep != NULL)
				rep->embeds++;
		} else
			rc = buf_add(out, s, (size_t)(nl - s));
		if (rc == ERR_OK && nl < end)
			rc = buf_putc(out, '\n');
		s = nl < end ? nl + 1 : end;
	}
	return rc;
}

/* The lines of a paragraph, joined by <br>, in <p>. */
static enum err
para_put(struct buf *out, const char *s, const char *end)
{
	const char *nl;
	enum err rc;

	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	if (s == end)
		return ERR_OK;
	if ((rc = buf_puts(out, "<p>")) != ERR_OK)
		return rc;
	while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		if ((rc = buf_add(out, s, (size_t)(nl - s))) != ERR_OK ||
		    (rc = buf_puts(out, "<br>\n")) != ERR_OK)
			return rc;
		s = nl + 1;
	}
	if ((rc = buf_add(out, s, (size_t)(end - s))) != ERR_OK)
		return rc;
	return buf_puts(out, "</p>\n");
}

/* One blank-line-separated chunk: paragraphs and block lines. */
static enum err
chunk_put(struct buf *out, const char *s, const char *end)
{
	const char *line, *nl, *para = NULL, *t;
	enum err rc = ERR_OK;

	for (line = s; line < end && rc == ERR_OK; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		for (t = line; t < nl && (*t == ' ' || *t == '\t'); t++)
			;
		if (block_tag(t, nl)) {
			if (para != NULL)
				rc = para_put(out, para, line);
			para = NULL;
			if (rc == ERR_OK)
				rc = buf_add(out, t, (size_t)(nl - t));
			if (rc == ERR_OK)
				rc = buf_putc(out, '\n');
		} else if (para == NULL)
			para = line;
		if (nl == end)
			break;
	}
	if (rc == ERR_OK && para != NULL)
		rc = para_put(out, para, end);
	return rc;
}

/* The end of the blank-line gap at s (a newline, blanks, a newline). */
static const char *
blank_gap(const char *s, const char *end)
{
	const char *p;

	if (s >= end || *s != '\n')
		return NULL;
	for (p = s + 1; p < end && (*p == ' ' || *p == '\t' || *p == '\r');
	    p++)
		;
	if (p < end && *p == '\n') {
		while (p < end && isspace((unsigned char)*p))
			p++;
		return p;
	}
	return NULL;
}

/* Pass 4: wpautop's rule. */
static enum err
autop(struct buf *out, const char *s, const char *end)
{
	const char *chunk = s, *p, *gap;
	enum err rc = ERR_OK;

	for (p = s; p < end && rc == ERR_OK; ) {
		if (*p == '<' && starts_ci(p, end, "<pre")) {
			rc = chunk_put(out, chunk, p);
			chunk = pre_end(p, end);
			if (rc == ERR_OK)
				rc = buf_add(out, p, (size_t)(chunk - p));
			if (rc == ERR_OK)
				rc = buf_putc(out, '\n');
			p = chunk;
		} else if ((gap = blank_gap(p, end)) != NULL) {
			rc = chunk_put(out, chunk, p);
			chunk = p = gap;
		} else
			p++;
	}
	if (rc == ERR_OK && chunk < end)
		rc = chunk_put(out, chunk, end);
	return rc;
}

enum err
wxr_body(struct buf *out, const char *body, size_t n, const char *post_id,
    const struct wxr_resolve *r, struct wxr_body_report *rep)
{
	struct buf b1, b2, b3;
	struct arena *a;
	const char *p, *e;
	size_t i;
	enum err rc;

	a = arena_new();
	buf_init(&b1, out->max);
	buf_init(&b2, out->max);
	buf_init(&b3, out->max);
	/* \r\n and lone \r as \n, as WordPress does first. */
	for (i = 0, rc = ERR_OK; i < n && rc == ERR_OK; i++)
		if (body[i] != '\r')
			rc = buf_putc(&b3, body[i]);
		else if (i + 1 >= n || body[i + 1] != '\n')
			rc = buf_putc(&b3, '\n');
	p = b3.p != NULL ? b3.p : "";
	e = p + b3.len;
	if (rc == ERR_OK)
		rc = shortcodes(&b1, a, p, e, post_id, r, rep);
	p = b1.p != NULL ? b1.p : "";
	if (rc == ERR_OK)
		rc = uploads(&b2, p, p + b1.len, r);
	buf_reset(&b1);
	p = b2.p != NULL ? b2.p : "";
	if (rc == ERR_OK)
		rc = url_lines(&b1, p, p + b2.len, rep);
	p = b1.p != NULL ? b1.p : "";
	e = p + b1.len;
	if (rc == ERR_OK && memmem(p, b1.len, "<!-- wp:", 8) != NULL)
		rc = buf_add(out, p, b1.len);
	else if (rc == ERR_OK) {
		rc = autop(out, p, e);
		if (rep != NULL)
			rep->autop++;
	}
	buf_free(&b1);
	buf_free(&b2);
	buf_free(&b3);
	arena_free(a);
	return rc;
}

/* Named entities that titles and names carry in practice. */
static const struct {
	const char	*name;
	const char	*utf8;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "hellip", "\xe2\x80\xa6" },
	{ "mdash", "\xe2\x80\x94" }, { "ndash", "\xe2\x80\x93" },
	{ "lsquo", "\xe2\x80\x98" }, { "rsquo", "\xe2\x80\x99" },
	{ "ldquo", "\xe2\x80\x9c" }, { "rdquo", "\xe2\x80\x9d" },
	{ "laquo", "\xc2\xab" }, { "raquo", "\xc2\xbb" },
	{ "copy", "\xc2\xa9" }, { "eacute", "\xc3\xa9" },
};

/* The entity at s ("&...;"), appended to b; its length, or 0. */
static size_t
entity_put(struct buf *b, const char *s, const char *end)
{
	const char *semi;
	unsigned long cp = 0;
	size_t i, n;
	char u[4];
	int base = 10;

	semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) :
	    12);
	if (semi == NULL)
		return 0;
	n = (size_t)(semi - s - 1);
	if (n > 1 && s[1] == '#') {
		i = 2;
		if (s[2] == 'x' || s[2] == 'X') {
			base = 16;
			i = 3;
		}
		if (s + i == semi)
			return 0;
		for (; s + i < semi; i++) {
			if (!isxdigit((unsigned char)s[i]) || (base == 10 &&
			    !isdigit((unsigned char)s[i])))
				return 0;
			cp = cp * (unsigned long)base + (unsigned long)(
			    isdigit((unsigned char)s[i]) ? s[i] - '0' :
			    (tolower((unsigned char)s[i]) - 'a' + 10));
			if (cp > 0x10ffff)
				return 0;
		}
		/* A control character or a surrogate: dropped. */
		if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x7f && cp < 0xa0))
			return (size_t)(semi - s) + 1;
		if (cp < 0x80) {
			u[0] = (char)cp;
			buf_add(b, u, 1);
		} else if (cp < 0x800) {
			u[0] = (char)(0xc0 | (cp >> 6));
			u[1] = (char)(0x80 | (cp & 0x3f));
			buf_add(b, u, 2);
		} else if (cp < 0x10000) {
			u[0] = (char)(0xe0 | (cp >> 12));
			u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			u[2] = (char)(0x80 | (cp & 0x3f));
			buf_add(b, u, 3);
		} else {
			u[0] = (char)(0xf0 | (cp >> 18));
			u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
			u[3] = (char)(0x80 | (cp & 0x3f));
			buf_add(b, u, 4);
		}
		return (size_t)(semi - s) + 1;
	}
	for (i = 0; i < nitems(entities); i++)
		if (strlen(entities[i].name) == n && memcmp(s + 1,
		    entities[i].name, n) == 0) {
			buf_puts(b, entities[i].utf8);
			return (size_t)(semi - s) + 1;
		}
	return 0;
}

const char *
wxr_text(struct arena *a, const char *html, size_t n, int *had_markup)
{
	const char *s = html, *end = html + n, *gt, *no_gt = end;
	struct buf b, e;
	char ent[8];
	uint32_t cp;
	size_t used, k;
	int space = 0, changed = 0;
	char *out;

	buf_init(&b, n + 1);
	while (s < end) {
		/* No '>' from no_gt on: never looked for again. */
		gt = NULL;
		if (*s == '<' && s + 1 < end && s < no_gt &&
		    (isalpha((unsigned char)s[1]) || s[1] == '/' ||
		    s[1] == '!') && (gt = memchr(s, '>', (size_t)(end - s))) ==
		    NULL)
			no_gt = s;
		if (gt != NULL) {
			/* A tag: gone; a block's edge is a space. */
			changed = 1;
			if (block_tag(s, end) || (s + 2 < end && s[1] == 'b' &&
			    s[2] == 'r'))
				space = 1;
			s = gt + 1;
			continue;
		}
		cp = utf8_decode(s, (size_t)(end - s), &used);
		if (cp == UTF8_BAD || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0)) {
			changed = 1;
			space = 1;
			s += used;
			continue;
		}
		if (cp == ' ' || cp == 0xa0) {
			/* Blanks at either end, or a run: cleaned. */
			if (space || b.len == 0)
				changed = 1;
			space = 1;
			s += used;
			continue;
		}
		/*
		 * An entity decoded apart first: one that is a blank is a
		 * blank, one dropped (a control character) is nothing
		 * (fuzz_wxr: "A &#x1F; " ended in a blank).
		 */
		if (*s == '&') {
			buf_init_in(&e, ent, sizeof(ent), sizeof(ent));
			if ((k = entity_put(&e, s, end)) > 0) {
				s += k;
				if (e.len == 0)
					changed = 1;
				else if ((e.len == 1 && e.p[0] == ' ') ||
				    (e.len == 2 && memcmp(e.p, "\xc2\xa0",
				    2) == 0))
					space = 1;
				else {
					if (space && b.len > 0)
						buf_putc(&b, ' ');
					space = 0;
					buf_add(&b, e.p, e.len);
				}
				buf_free(&e);
				continue;
			}
			buf_free(&e);
		}
		if (space && b.len > 0)
			buf_putc(&b, ' ');
		space = 0;
		buf_add(&b, s, used);
		s += used;
	}
	if (space)
		changed = 1;	/* trailing blanks */
	if (had_markup != NULL)
		*had_markup = changed;
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

const char *
wxr_more(struct arena *a, const char *body)
{
	const char *p;

	if ((p = strstr(body, "<!--more")) == NULL)
		return NULL;
	return arena_strndup(a, body, (size_t)(p - body));
}
