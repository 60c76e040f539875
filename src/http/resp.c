/*
 * resp: the headers a handler adds to its answer.  Every name and value
 * is checked when it is added (a token; no CR, LF or other control), and
 * refused with a log line if it fails, so that a handler's bug, or a
 * file name a reader chose, can never split a response.  The headers the
 * server frames itself (Content-Length, Connection, Allow...) cannot be
 * added; Content-Type, Location and Cache-Control go to their fields.
 */
#include <string.h>
#include <strings.h>

#include "http.h"

/* Headers only the server writes. */
static const char *const server_owned[] = { "Allow", "Connection",
    "Content-Length", "Date", "ETag", "Keep-Alive", "TE", "Trailer",
    "Transfer-Encoding", "Upgrade" };

enum err
resp_header_add(struct resp *r, struct arena *a, const char *name,
    const char *value)
{
	size_t i;

	if (!http_token_valid(name, strlen(name))) {
		log_warnx("response header refused: its name is not a token");
		return ERR_INVAL;
	}
	if (!http_value_valid(value)) {
		log_warnx("response header %s refused: a control byte in its "
		    "value", name);
		return ERR_INVAL;
	}
	if (value[0] == '\0') {	/* libmicrohttpd drops it silently */
		log_warnx("response header %s refused: an empty value", name);
		return ERR_INVAL;
	}
	for (i = 0; i < nitems(server_owned); i++)
		if (strcasecmp(name, server_owned[i]) == 0) {
			log_warnx("response header %s refused: the server "
			    "writes it", name);
			return ERR_INVAL;
		}
	if (strcasecmp(name, "Content-Type") == 0)
		r->content_type = arena_strdup(a, value);
	else if (strcasecmp(name, "Location") == 0)
		r->location = arena_strdup(a, value);
	else if (strcasecmp(name, "Cache-Control") == 0)
		r->cache_control = arena_strdup(a, value);
	else if (r->nheaders == nitems(r->headers)) {
		log_warnx("response header %s refused: more than %d", name,
		    LIMIT_RESP_HEADERS);
		return ERR_LIMIT;
	} else {
		r->headers[r->nheaders].name = arena_strdup(a, name);
		r->headers[r->nheaders].value = arena_strdup(a, value);
		r->nheaders++;
	}
	return ERR_OK;
}

const char *
resp_header(const struct resp *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/*
 * The quoted-string fallback of RFC 6266 section 4.3: ASCII only, and
 * none of '"', '\' or '%', which user agents read differently.
 */
static int
fallback_char(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%';
}

enum err
resp_disposition_set(struct resp *r, struct arena *a, int attachment,
    const char *filename)
{
	struct buf b;
	size_t i, n;
	int plain = 1;
	enum err rc;

	n = strlen(filename);
	if (n == 0 || n > LIMIT_FILENAME || !utf8_valid(filename, n) ||
	    !http_value_valid(filename)) {
		log_warnx("Content-Disposition refused: the file name is "
		    "empty, too long, not UTF-8 or has a control byte");
		return ERR_INVAL;
	}
	buf_init(&b, 64 + 4 * n);
	buf_puts(&b, attachment ? "attachment" : "inline");
	buf_puts(&b, "; filename=\"");
	for (i = 0; i < n; i++) {
		if (fallback_char((unsigned char)filename[i]))
			buf_putc(&b, filename[i]);
		else {
			plain = 0;
			/* One '_' per character, not per byte. */
			if (((unsigned char)filename[i] & 0xc0) != 0x80)
				buf_putc(&b, '_');
		}
	}
	buf_putc(&b, '"');
	/* RFC 8187 ext-value; esc_url keeps only attr-chars. */
	if (!plain) {
		buf_puts(&b, "; filename*=UTF-8''");
		esc_url(&b, filename, n);
	}
	rc = resp_header_add(r, a, "Content-Disposition", b.p);
	buf_free(&b);
	return rc;
}

int
resp_cacheable(const struct req *q, const struct resp *r)
{
	const char *cc = r->cache_control;

	if (q->method != HTTP_GET || q->route == NULL ||
	    !(q->route->flags & ROUTE_CACHE) || q->signed_in ||
	    r->status != 200)
		return 0;
	if (cc != NULL && (strcasestr(cc, "no-store") != NULL ||
	    strcasestr(cc, "private") != NULL))
		return 0;
	/* The cache is keyed by address alone: one answer for everyone. */
	return resp_header(r, "Set-Cookie") == NULL &&
	    resp_header(r, "Vary") == NULL;
}
