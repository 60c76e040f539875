/*
 * url: percent-decoding of request paths, query strings and form bodies,
 * and the one judge of every URL written into a page (url_safe).
 * Everything decoded here is untrusted; the result is valid UTF-8 without
 * NUL bytes, or the input is rejected with ERR_PARSE (an HTTP 400).
 *
 * url_safe reads a URL the way a browser does (the WHATWG URL Standard,
 * which Chromium, Firefox and WebKit follow): leading C0 controls and
 * spaces are stripped, tabs and newlines anywhere are removed, then a
 * scheme is an ASCII letter followed by letters, digits, '+', '-' or '.'
 * up to a ':', in any case.  So "java\tscript:", " javascript:" and
 * "JaVaScRiPt:" all are javascript:.  Rather than repeat that cleaning,
 * url_safe refuses any control character outright (no URL a journal
 * stores needs one) and then reads the scheme after leading spaces.
 */
#include <string.h>

#include "util.h"

static int
is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
url_safe(const char *url, size_t len)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	const unsigned char *u = (const unsigned char *)url;
	size_t i, start, k, n;

	for (i = 0; i < len; i++)
		if (u[i] < 0x20 || u[i] == 0x7f)
			return 0;
	for (start = 0; start < len && u[start] == ' '; start++)
		continue;
	for (i = start; i < len && u[i] != ':'; i++) {
		if (!(is_alpha(u[i]) || (i > start && ((u[i] >= '0' &&
		    u[i] <= '9') || u[i] == '+' || u[i] == '-' ||
		    u[i] == '.'))))
			return 1;	/* no scheme: a relative reference */
	}
	if (i == len || i == start)
		return 1;	/* no ':', or one before any scheme letter */
	n = i - start;
	for (k = 0; k < nitems(ok); k++) {
		if (strlen(ok[k]) != n)
			continue;
		for (i = 0; i < n; i++)
			if ((u[start + i] | 0x20) != (unsigned char)ok[k][i])
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum err
url_decode(const char *src, size_t len, char *dst, size_t *outlen, int plus)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		char c = src[i];

		if (c == '%') {
			if (len - i < 3)
				return ERR_PARSE;
			hi = hexval(src[i + 1]);
			lo = hexval(src[i + 2]);
			if (hi < 0 || lo < 0)
				return ERR_PARSE;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus)
			c = ' ';
		if (c == '\0')
			return ERR_PARSE;
		dst[o++] = c;
	}
	dst[o] = '\0';
	if (!utf8_valid(dst, o))
		return ERR_PARSE;
	*outlen = o;
	return ERR_OK;
}

/*
 * Reference resolution (RFC 3986 section 5): a URL split into its five
 * components, each a view into the string with a flag for "defined" (an
 * empty query "?" is defined, an absent one is not).
 */
struct uri {
	struct str	 scheme, auth, path, query, frag;
	int		 has_scheme, has_auth, has_query, has_frag;
};

static void
uri_split(const char *s, size_t n, struct uri *u)
{
	const char *end = s + n, *p;

	memset(u, 0, sizeof(*u));
	/* A scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	for (p = s; p < end && (is_alpha((unsigned char)*p) || (p > s &&
	    ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
	    *p == '.'))); p++)
		continue;
	if (p > s && p < end && *p == ':') {
		u->has_scheme = 1;
		u->scheme = (struct str){ s, (size_t)(p - s) };
		s = p + 1;
	}
	if (end - s >= 2 && s[0] == '/' && s[1] == '/') {
		for (p = s + 2; p < end && *p != '/' && *p != '?' &&
		    *p != '#'; p++)
			continue;
		u->has_auth = 1;
		u->auth = (struct str){ s + 2, (size_t)(p - s - 2) };
		s = p;
	}
	for (p = s; p < end && *p != '?' && *p != '#'; p++)
		continue;
	u->path = (struct str){ s, (size_t)(p - s) };
	s = p;
	if (s < end && *s == '?') {
		for (p = s + 1; p < end && *p != '#'; p++)
			continue;
		u->has_query = 1;
		u->query = (struct str){ s + 1, (size_t)(p - s - 1) };
		s = p;
	}
	if (s < end && *s == '#') {
		u->has_frag = 1;
		u->frag = (struct str){ s + 1, (size_t)(end - s - 1) };
	}
}

/* Does the input of remove_dot_segments start with lit? */
static int
seg_is(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n >= l && memcmp(p, lit, l) == 0;
}

/*
 * RFC 3986 5.2.4 remove_dot_segments, appending the result to out.  The
 * output is a stack of segments in out itself: "going up" truncates out
 * back to its last '/' (never before start).
 */
static enum err
dots_remove(struct buf *out, const char *p, size_t n)
{
	size_t start = out->len, i;
	enum err rc;

	while (n > 0) {
		if (seg_is(p, n, "../")) {
			p += 3, n -= 3;
		} else if (seg_is(p, n, "./")) {
			p += 2, n -= 2;
		} else if (seg_is(p, n, "/./")) {
			p += 2, n -= 2;
		} else if (n == 2 && seg_is(p, n, "/.")) {
			p = "/", n = 1;
		} else if (seg_is(p, n, "/../") || (n == 3 &&
		    seg_is(p, n, "/.."))) {
			if (n == 3)
				p = "/", n = 1;
			else
				p += 3, n -= 3;
			while (out->len > start && out->p[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
		} else if ((n == 1 && *p == '.') || (n == 2 &&
		    seg_is(p, n, ".."))) {
			n = 0;
		} else {
			for (i = 1; i < n && p[i] != '/'; i++)
				continue;
			if ((rc = buf_add(out, p, i)) != ERR_OK)
				return rc;
			p += i, n -= i;
		}
	}
	return buf_add(out, "", 0);
}

enum err
url_resolve(struct buf *out, const char *base, const char *ref, size_t n)
{
	struct uri b, r;
	struct buf merged;
	const char *slash;
	size_t from = out->len;
	enum err rc;

	uri_split(base, strlen(base), &b);
	uri_split(ref, n, &r);
	if (!b.has_scheme)
		return ERR_INVAL;
	buf_init(&merged, out->max);
	if (r.has_scheme || r.has_auth) {
		/* The reference's own authority and path. */
	} else if (r.path.len == 0) {
		r.has_auth = b.has_auth;
		r.auth = b.auth;
		r.path = b.path;
		if (!r.has_query) {
			r.has_query = b.has_query;
			r.query = b.query;
		}
	} else {
		r.has_auth = b.has_auth;
		r.auth = b.auth;
		if (r.path.p[0] != '/') {
			/* Merge (5.2.3) into a buffer of its own. */
			rc = ERR_OK;
			if (b.has_auth && b.path.len == 0)
				rc = buf_putc(&merged, '/');
			else if ((slash = memrchr(b.path.p, '/',
			    b.path.len)) != NULL)
				rc = buf_add(&merged, b.path.p,
				    (size_t)(slash - b.path.p) + 1);
			if (rc == ERR_OK)
				rc = buf_add(&merged, r.path.p, r.path.len);
			if (rc != ERR_OK)
				goto out;
			r.path = (struct str){ merged.p, merged.len };
		}
	}
	if (!r.has_scheme)
		r.scheme = b.scheme;
	if ((rc = buf_add(out, r.scheme.p, r.scheme.len)) != ERR_OK ||
	    (rc = buf_putc(out, ':')) != ERR_OK)
		goto out;
	if (r.has_auth && ((rc = buf_puts(out, "//")) != ERR_OK ||
	    (rc = buf_add(out, r.auth.p, r.auth.len)) != ERR_OK))
		goto out;
	if ((rc = dots_remove(out, r.path.p, r.path.len)) != ERR_OK)
		goto out;
	if (r.has_query && ((rc = buf_putc(out, '?')) != ERR_OK ||
	    (rc = buf_add(out, r.query.p, r.query.len)) != ERR_OK))
		goto out;
	if (r.has_frag && ((rc = buf_putc(out, '#')) != ERR_OK ||
	    (rc = buf_add(out, r.frag.p, r.frag.len)) != ERR_OK))
		goto out;
out:
	buf_free(&merged);
	if (rc != ERR_OK)
		buf_truncate(out, from);
	return rc;
}
