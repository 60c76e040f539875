/*
 * multipart: a streaming multipart/form-data parser (RFC 7578 on RFC
 * 2046).  It is fed the body in chunks of any size, as the network gives
 * them, and calls back with each part's headers, its content in pieces,
 * and its end; it never holds more than one part's header block, so a
 * file of any size passes through in constant memory.
 *
 * The delimiter is CRLF "--" boundary.  A boundary has no CR (RFC 2046
 * bchars), so CR occurs in the delimiter only at its start: the bytes
 * held back while a delimiter may be arriving are always a prefix of the
 * delimiter itself, and on a mismatch they are content, which needs no
 * buffer and no backtracking.  The body is read as if a CRLF preceded
 * it, so a first delimiter at byte 0 is found like any other.
 *
 * Strict where a guess would let two programs read one body differently:
 * part headers end in CRLF (a bare CR or LF, or a folded line, is
 * ERR_PARSE), a delimiter is followed by "--" or by optional white space
 * and CRLF, each part has one Content-Disposition of type form-data with
 * a name, and a body that ends before the close delimiter is ERR_PARSE.
 * Why libmicrohttpd's MHD_PostProcessor is not used: docs/design.md.
 */
#include <string.h>
#include <strings.h>

#include "http.h"

enum mp_state {
	MP_PREAMBLE,	/* before the first delimiter: ignored */
	MP_CONTENT,	/* in a part's content */
	MP_DELIM,	/* just after a delimiter */
	MP_CLOSE,	/* after "-" of a close delimiter */
	MP_PADDING,	/* transport padding after a delimiter */
	MP_DELIM_LF,	/* CR seen after a delimiter */
	MP_HEADERS,	/* in a part's header block */
	MP_HEADER_LF,	/* CR seen in the header block */
	MP_EPILOGUE,	/* after the close delimiter: ignored */
	MP_FAILED
};

struct multipart {
	const struct multipart_cb *cb;
	void		*arg;
	struct arena	*arena;
	enum mp_state	 state;
	enum err	 error;
	char		 delim[4 + LIMIT_BOUNDARY + 1];	/* CRLF--boundary */
	size_t		 dlen;
	size_t		 match;		/* bytes of delim held back */
	size_t		 nparts;
	char		 line[LIMIT_PART_HEADERS];
	size_t		 linelen;
	size_t		 blocklen;	/* bytes of this header block */
	struct multipart_part part;
	int		 have_disposition;
};

/* RFC 2046 bchars. */
static int
bchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

int
multipart_boundary_valid(const char *b)
{
	size_t i, n = strlen(b);

	if (n == 0 || n > LIMIT_BOUNDARY || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return 0;
	return 1;
}

enum err
multipart_new(struct arena *a, const char *boundary,
    const struct multipart_cb *cb, void *arg, struct multipart **out)
{
	struct multipart *m;

	*out = NULL;
	if (!multipart_boundary_valid(boundary))
		return ERR_PARSE;
	m = arena_alloc(a, sizeof(*m));
	m->cb = cb;
	m->arg = arg;
	m->arena = a;
	m->state = MP_PREAMBLE;
	m->dlen = (size_t)snprintf(m->delim, sizeof(m->delim), "\r\n--%s",
	    boundary);
	m->match = 2;	/* as if the body began after a CRLF */
	*out = m;
	return ERR_OK;
}

/* Handle one complete header line (without its CRLF). */
static enum err
header_line(struct multipart *m)
{
	const char *l = m->line, *colon, *v, *ve, *s;
	struct param p[LIMIT_MEDIA_PARAMS];
	struct media media;
	size_t n = m->linelen, np, i;
	char *value;
	enum err rc;

	if (l[0] == ' ' || l[0] == '\t')
		return ERR_PARSE;		/* folding (RFC 7578 4.8) */
	for (i = 0; i < n; i++)
		if (((unsigned char)l[i] < 0x20 && l[i] != '\t') ||
		    l[i] == 0x7f)
			return ERR_PARSE;
	colon = memchr(l, ':', n);
	if (colon == NULL || !http_token_valid(l, (size_t)(colon - l)))
		return ERR_PARSE;
	v = colon + 1;
	ve = l + n;
	while (v < ve && (*v == ' ' || *v == '\t'))
		v++;
	while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
		ve--;
	value = arena_strndup(m->arena, v, (size_t)(ve - v));
	if ((size_t)(colon - l) == 19 &&
	    strncasecmp(l, "Content-Disposition", 19) == 0) {
		if (m->have_disposition)
			return ERR_PARSE;
		m->have_disposition = 1;
		s = value + strcspn(value, "; \t");
		if (s - value != 9 || strncasecmp(value, "form-data", 9) != 0)
			return ERR_PARSE;
		if ((rc = http_params_parse(m->arena, s, strlen(s), 1, p,
		    nitems(p), &np)) != ERR_OK)
			return rc;
		/* filename* is not for forms (RFC 7578 4.2): not read. */
		m->part.name = http_param_get(p, np, "name");
		m->part.filename = http_param_get(p, np, "filename");
		if (m->part.name == NULL ||
		    !utf8_valid(m->part.name, strlen(m->part.name)) ||
		    (m->part.filename != NULL && !utf8_valid(m->part.filename,
		    strlen(m->part.filename))))
			return ERR_PARSE;
	} else if ((size_t)(colon - l) == 12 &&
	    strncasecmp(l, "Content-Type", 12) == 0) {
		if (m->part.content_type != NULL ||
		    http_media_parse(m->arena, value, &media) != ERR_OK)
			return ERR_PARSE;
		m->part.content_type = value;
	} else if ((size_t)(colon - l) == 25 &&
	    strncasecmp(l, "Content-Transfer-Encoding", 25) == 0) {
		/* Deprecated (RFC 7578 4.7); only the identities pass. */
		if (strcasecmp(value, "binary") != 0 &&
		    strcasecmp(value, "8bit") != 0 &&
		    strcasecmp(value, "7bit") != 0)
			return ERR_PARSE;
	}
	return ERR_OK;
}

/*
 * Content bytes, or preamble bytes (dropped), up to a delimiter.  Returns
 * the bytes used; *found is set when a whole delimiter was matched.
 */
static size_t
scan(struct multipart *m, const char *p, size_t n, int emit, int *found,
    enum err *rc)
{
	const char *cr;
	size_t i = 0;

	*found = 0;
	while (i < n) {
		if (m->match == 0) {
			cr = memchr(p + i, '\r', n - i);
			if (cr == NULL)
				cr = p + n;
			if (emit && cr > p + i &&
			    (*rc = m->cb->data(m->arg, p + i,
			    (size_t)(cr - (p + i)))) != ERR_OK)
				return i;
			i = (size_t)(cr - p);
			if (i < n) {
				m->match = 1;
				i++;
			}
			continue;
		}
		if (p[i] == m->delim[m->match]) {
			i++;
			if (++m->match == m->dlen) {
				m->match = 0;
				*found = 1;
				return i;
			}
			continue;
		}
		/* The held bytes were content after all. */
		if (emit && (*rc = m->cb->data(m->arg, m->delim,
		    m->match)) != ERR_OK)
			return i;
		m->match = 0;
	}
	return i;
}

static enum err
step(struct multipart *m, const char *p, size_t n, size_t *used)
{
	enum err rc = ERR_OK;
	int found;
	char c;

	switch (m->state) {
	case MP_PREAMBLE:
	case MP_CONTENT:
		*used = scan(m, p, n, m->state == MP_CONTENT, &found, &rc);
		if (rc != ERR_OK || !found)
			return rc;
		if (m->state == MP_CONTENT &&
		    (rc = m->cb->end(m->arg)) != ERR_OK)
			return rc;
		m->state = MP_DELIM;
		return ERR_OK;
	case MP_EPILOGUE:
		*used = n;
		return ERR_OK;
	default:
		break;
	}
	*used = 1;
	c = p[0];
	switch (m->state) {
	case MP_DELIM:
		if (c == '-') {
			m->state = MP_CLOSE;
			return ERR_OK;
		}
		/* FALLTHROUGH */
	case MP_PADDING:
		if (c == ' ' || c == '\t')
			m->state = MP_PADDING;
		else if (c == '\r')
			m->state = MP_DELIM_LF;
		else
			return ERR_PARSE;
		return ERR_OK;
	case MP_CLOSE:
		if (c != '-')
			return ERR_PARSE;
		m->state = MP_EPILOGUE;
		return ERR_OK;
	case MP_DELIM_LF:
		if (c != '\n')
			return ERR_PARSE;
		if (++m->nparts > LIMIT_PARTS)
			return ERR_LIMIT;
		memset(&m->part, 0, sizeof(m->part));
		m->have_disposition = 0;
		m->linelen = 0;
		m->blocklen = 0;
		m->state = MP_HEADERS;
		return ERR_OK;
	case MP_HEADERS:
		if (++m->blocklen > LIMIT_PART_HEADERS)
			return ERR_LIMIT;
		if (c == '\r')
			m->state = MP_HEADER_LF;
		else if (c == '\n')
			return ERR_PARSE;	/* a bare LF */
		else
			m->line[m->linelen++] = c;
		return ERR_OK;
	case MP_HEADER_LF:
		if (c != '\n')
			return ERR_PARSE;	/* a bare CR */
		if (++m->blocklen > LIMIT_PART_HEADERS)
			return ERR_LIMIT;
		m->state = MP_HEADERS;
		if (m->linelen > 0) {
			rc = header_line(m);
			m->linelen = 0;
			return rc;
		}
		if (!m->have_disposition)
			return ERR_PARSE;
		m->state = MP_CONTENT;
		m->match = 0;
		return m->cb->begin(m->arg, &m->part);
	default:
		return ERR_PARSE;	/* MP_FAILED: cannot be */
	}
}

enum err
multipart_feed(struct multipart *m, const char *p, size_t n)
{
	size_t used;
	enum err rc;

	if (m->state == MP_FAILED)
		return m->error;
	while (n > 0) {
		used = 0;
		if ((rc = step(m, p, n, &used)) != ERR_OK) {
			m->state = MP_FAILED;
			m->error = rc;
			return rc;
		}
		p += used;
		n -= used;
	}
	return ERR_OK;
}

enum err
multipart_finish(struct multipart *m)
{
	if (m->state == MP_FAILED)
		return m->error;
	return m->state == MP_EPILOGUE ? ERR_OK : ERR_PARSE;
}
