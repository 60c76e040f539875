/*
 * header: the grammar header fields share (RFC 9110 section 5.6): tokens,
 * field values that may be sent, and parameter lists ("; name=value",
 * value a token or a quoted string), as in a Content-Type or a part's
 * Content-Disposition.  What the parsers return is in the arena, names
 * lower-cased and values unquoted; anything outside the grammar is
 * ERR_PARSE, never a guess, because a guessed boundary or file name is
 * how two programs come to read one body differently.
 *
 * The same rule judges a request head's framing (Content-Length,
 * Transfer-Encoding) and its Host (RFC 9112 sections 3.2, 6.1, 6.3): a
 * head that two programs could frame differently is refused, not
 * guessed at, since that is how a request gets smuggled past a proxy.
 */
#include <ctype.h>
#include <strings.h>
#include <string.h>

#include "http.h"

/* RFC 9110 tchar: "!#$%&'*+-.^_`|~", digits and letters. */
static int
tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

int
http_token_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

int
http_value_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 0;
	return 1;
}

static size_t
ows(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static char *
lower_dup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_strndup(a, s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

/*
 * RFC 9110 quoted-string from s[*i] (the opening quote): qdtext and
 * quoted-pair, no controls but HTAB.
 */
static enum err
quoted_rfc(struct arena *a, const char *s, size_t n, size_t *i,
    const char **out)
{
	char *d = arena_alloc(a, n - *i);
	size_t j = *i + 1, k = 0;
	unsigned char c;

	for (; j < n; j++) {
		c = (unsigned char)s[j];
		if (c == '"') {
			d[k] = '\0';
			*out = d;
			*i = j + 1;
			return ERR_OK;
		}
		if (c == '\\') {
			if (++j == n)
				break;
			c = (unsigned char)s[j];
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			break;
		d[k++] = (char)c;
	}
	return ERR_PARSE;
}

/*
 * A quoted value as browsers write it in multipart part headers (the
 * WHATWG form encoding, RFC 7578 section 4.2): everything up to the next
 * quote is the value, a backslash is itself, and %22, %0D and %0A stand
 * for the quote, CR and LF they replaced.
 */
static enum err
quoted_form(struct arena *a, const char *s, size_t n, size_t *i,
    const char **out)
{
	const char *end, *p;
	char *d;
	size_t k = 0;

	p = s + *i + 1;
	end = memchr(p, '"', n - *i - 1);
	if (end == NULL)
		return ERR_PARSE;
	d = arena_alloc(a, (size_t)(end - p) + 1);
	while (p < end) {
		if ((unsigned char)*p < 0x20 && *p != '\t')
			return ERR_PARSE;
		if (*p == '%' && end - p >= 3 && p[1] == '2' && p[2] == '2')
			d[k++] = '"';
		else if (*p == '%' && end - p >= 3 && p[1] == '0' &&
		    (p[2] == 'D' || p[2] == 'd'))
			d[k++] = '\r';
		else if (*p == '%' && end - p >= 3 && p[1] == '0' &&
		    (p[2] == 'A' || p[2] == 'a'))
			d[k++] = '\n';
		else {
			d[k++] = *p++;
			continue;
		}
		p += 3;
	}
	d[k] = '\0';
	*out = d;
	*i = (size_t)(end - s) + 1;
	return ERR_OK;
}

enum err
http_params_parse(struct arena *a, const char *s, size_t n, int form,
    struct param *p, size_t max, size_t *np)
{
	size_t i = 0, start, j;
	const char *name;
	enum err rc;

	*np = 0;
	for (;;) {
		i = ows(s, i, n);
		if (i == n)
			return ERR_OK;
		if (s[i] != ';')
			return ERR_PARSE;
		i = ows(s, i + 1, n);
		if (i == n || s[i] == ';')	/* empty parameter */
			continue;
		start = i;
		while (i < n && tchar((unsigned char)s[i]))
			i++;
		if (i == start || i == n || s[i] != '=')
			return ERR_PARSE;
		name = lower_dup(a, s + start, i - start);
		for (j = 0; j < *np; j++)
			if (strcmp(p[j].name, name) == 0)
				return ERR_PARSE;	/* ambiguous */
		if (*np == max)
			return ERR_LIMIT;
		p[*np].name = name;
		if (++i < n && s[i] == '"') {
			rc = form ? quoted_form(a, s, n, &i, &p[*np].value) :
			    quoted_rfc(a, s, n, &i, &p[*np].value);
			if (rc != ERR_OK)
				return rc;
		} else {
			start = i;
			while (i < n && tchar((unsigned char)s[i]))
				i++;
			if (i == start)
				return ERR_PARSE;
			p[*np].value = arena_strndup(a, s + start, i - start);
		}
		(*np)++;
	}
}

enum err
http_media_parse(struct arena *a, const char *s, struct media *m)
{
	size_t n = strlen(s), i, slash, end;

	memset(m, 0, sizeof(*m));
	i = ows(s, 0, n);
	slash = i;
	while (slash < n && tchar((unsigned char)s[slash]))
		slash++;
	if (slash == i || slash == n || s[slash] != '/')
		return ERR_PARSE;
	end = slash + 1;
	while (end < n && tchar((unsigned char)s[end]))
		end++;
	if (end == slash + 1)
		return ERR_PARSE;
	m->type = lower_dup(a, s + i, end - i);
	return http_params_parse(a, s + end, n - end, 0, m->params,
	    nitems(m->params), &m->nparams);
}

const char *
http_param_get(const struct param *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(p[i].name, name) == 0)
			return p[i].value;
	return NULL;
}

/*
 * RFC 9110 qvalue, "0" to "1" with up to three decimals, in thousandths;
 * -1 if malformed.
 */
static int
qvalue(const char *s)
{
	int v, i, scale = 100;

	if ((s[0] != '0' && s[0] != '1') || (s[1] != '\0' && s[1] != '.'))
		return -1;
	v = (s[0] - '0') * 1000;
	if (s[1] == '\0')
		return v;
	for (i = 2; s[i] != '\0'; i++, scale /= 10) {
		if (i > 4 || s[i] < '0' || s[i] > '9' ||
		    (v == 1000 && s[i] != '0'))
			return -1;
		v += (s[i] - '0') * scale;
	}
	return v;
}

/* How specifically range (a parsed media range) names type: 0 not at all. */
static int
range_match(const char *range, const char *type)
{
	const char *slash = strchr(type, '/');
	size_t major = slash != NULL ? (size_t)(slash - type) : strlen(type);

	if (strcmp(range, type) == 0)
		return 3;
	if (strncmp(range, type, major) == 0 && range[major] == '/' &&
	    strcmp(range + major + 1, "*") == 0)
		return 2;
	return strcmp(range, "*/*") == 0 ? 1 : 0;
}

/*
 * Weigh one element of an Accept header (n bytes at s) for type: 0 if it
 * is malformed, else 1, raising *best (how specific the best match) and
 * *bestq (its q, in thousandths) when it matches better.
 */
static int
accept_element(struct arena *a, const char *s, size_t n, const char *type,
    int *best, int *bestq)
{
	struct media m;
	const char *q;
	int spec, qv;

	if (ows(s, 0, n) == n || http_media_parse(a, arena_strndup(a, s, n),
	    &m) != ERR_OK)
		return 0;
	q = http_param_get(m.params, m.nparams, "q");
	if ((qv = q != NULL ? qvalue(q) : 1000) < 0)
		return 0;
	spec = range_match(m.type, type);
	if (spec > *best || (spec == *best && qv > *bestq)) {
		*best = spec;
		*bestq = qv;
	}
	return 1;
}

/*
 * Where the element of a list field (RFC 9110 5.6.1) that starts at
 * s[start] ends: at the next comma outside a quoted string, or n.
 */
static size_t
list_element_end(const char *s, size_t n, size_t start)
{
	size_t i;
	int quoted = 0;

	for (i = start; i < n; i++) {
		if (quoted && s[i] == '\\' && i + 1 < n)
			i++;
		else if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			break;
	}
	return i;
}

int
http_accepts(struct arena *a, const char *accept, const char *type)
{
	size_t i, start, n;
	int valid = 0, best = 0, bestq = 0;

	if (accept == NULL)
		return 1;
	n = strlen(accept);
	for (start = 0; start <= n; start = i + 1) {
		i = list_element_end(accept, n, start);
		valid |= accept_element(a, accept + start, i - start, type,
		    &best, &bestq);
	}
	if (!valid)
		return 1;
	return best > 0 && bestq > 0;
}

/* RFC 3986 host [ ":" port ], the host not empty (RFC 9110 4.2.1). */
static int
host_valid(const char *s, size_t n)
{
	static const char sub[] = "-._~!$&'()*+,;=%";
	size_t i = 0;

	if (n > 0 && s[0] == '[') {
		for (i = 1; i < n && s[i] != ']'; i++)
			if (!isalnum((unsigned char)s[i]) && s[i] != ':' &&
			    strchr(sub, s[i]) == NULL)
				return 0;
		if (i == n || i == 1)
			return 0;
		i++;
	} else {
		for (; i < n && s[i] != ':'; i++)
			if (!isalnum((unsigned char)s[i]) &&
			    strchr(sub, s[i]) == NULL)
				return 0;
		if (i == 0)
			return 0;
	}
	if (i == n)
		return 1;
	if (s[i++] != ':')
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
name_is(const char *name, size_t n, const char *lit)
{
	return n == strlen(lit) && strncasecmp(name, lit, n) == 0;
}

/*
 * Count the codings of one Transfer-Encoding line into h: a list of
 * tokens, each maybe with parameters, empty elements allowed.
 */
static void
head_codings(struct req_head *h, const char *s, size_t n)
{
	size_t i = 0, start;

	for (;;) {
		i = ows(s, i, n);
		if (i == n)
			return;
		if (s[i] == ',') {
			i++;
			continue;
		}
		start = i;
		while (i < n && tchar((unsigned char)s[i]))
			i++;
		if (i == start) {	/* not a token: not a coding at all */
			h->transfer_bad = 1;
			return;
		}
		h->codings++;
		h->chunked_last = name_is(s + start, i - start, "chunked");
		if (h->chunked_last)
			h->chunked++;
		else
			h->coding_bad = 1;
		while (i < n && s[i] != ',')	/* no parameter is known */
			i++;
	}
}

void
req_head_add(struct req_head *h, const char *name, size_t nlen,
    const char *v, size_t vlen)
{
	long long len = 0;
	size_t i;

	if (name_is(name, nlen, "Host")) {
		h->hosts++;
		if (!host_valid(v, vlen))
			h->host_bad = 1;
	} else if (name_is(name, nlen, "Content-Length")) {
		for (i = 0; i < vlen && i < 18 && v[i] >= '0' && v[i] <= '9';
		    i++)
			len = len * 10 + (v[i] - '0');
		if (vlen == 0 || i != vlen || (h->lengths > 0 &&
		    len != h->length))
			h->length_bad = 1;
		h->length = len;
		h->lengths++;
	} else if (name_is(name, nlen, "Transfer-Encoding")) {
		h->transfers++;
		head_codings(h, v, vlen);
	}
}

int
req_head_status(const struct req_head *h, int http11, const char **why)
{
	*why = "The transfer coding of the request body is not valid.";
	if (h->transfers > 0 && h->lengths > 0) {
		*why = "The request gives both a length and a transfer "
		    "coding for its body.";
		return 400;
	}
	if (h->transfers > 0 && (!http11 || h->codings == 0 ||
	    h->transfer_bad))
		return 400;
	if (h->coding_bad) {
		*why = "This site reads request bodies sent whole or in "
		    "chunks, and no other transfer coding.";
		return 501;
	}
	if (h->transfers > 0 && (h->chunked > 1 || !h->chunked_last))
		return 400;
	if (h->length_bad) {
		*why = "The length of the request body is not valid.";
		return 400;
	}
	if ((http11 && h->hosts == 0) || h->hosts > 1 || h->host_bad) {
		*why = "The request must name the site in one valid Host "
		    "header.";
		return 400;
	}
	*why = NULL;
	return 0;
}

const char *const http_coding_names[HTTP_CODING__MAX] = { "identity",
    "gzip", "br" };

/*
 * Read one element of an Accept-Encoding header (n bytes at s): the q of
 * the coding it names into q[] (or *star for "*"), unless one was read
 * already.  An empty element is allowed (RFC 9110 5.6.1), a malformed
 * one skipped, a coding Octavo does not know ignored.
 */
static void
coding_element(struct arena *a, const char *s, size_t n, int *q, int *star)
{
	struct param p[LIMIT_MEDIA_PARAMS];
	const char *qs;
	size_t i, start, np;
	int qv, k;

	start = i = ows(s, 0, n);
	while (i < n && tchar((unsigned char)s[i]))
		i++;
	if (i == start || http_params_parse(a, s + i, n - i, 0, p,
	    nitems(p), &np) != ERR_OK)
		return;
	qs = http_param_get(p, np, "q");
	if ((qv = qs != NULL ? qvalue(qs) : 1000) < 0)
		return;
	if (i - start == 1 && s[start] == '*') {
		if (*star < 0)
			*star = qv;
		return;
	}
	for (k = 0; k < HTTP_CODING__MAX; k++)
		if (name_is(s + start, i - start, http_coding_names[k]) ||
		    (k == HTTP_CODING_GZIP && name_is(s + start, i - start,
		    "x-gzip")))
			break;
	if (k < HTTP_CODING__MAX && q[k] < 0)
		q[k] = qv;
}

enum http_coding
http_coding_choose(struct arena *a, const char *ae, unsigned offered)
{
	static const enum http_coding order[] = { HTTP_CODING_BR,
	    HTTP_CODING_GZIP };
	int q[HTTP_CODING__MAX], star = -1, bestq = 0, idq;
	enum http_coding best = HTTP_CODING_IDENTITY;
	size_t i, start, n, k;

	if (ae == NULL)
		return HTTP_CODING_IDENTITY;
	for (k = 0; k < HTTP_CODING__MAX; k++)
		q[k] = -1;
	n = strlen(ae);
	for (start = 0; start <= n; start = i + 1) {
		i = list_element_end(ae, n, start);
		coding_element(a, ae + start, i - start, q, &star);
	}
	for (k = 0; k < nitems(order); k++) {
		if (!(offered & (1u << order[k])))
			continue;
		if (q[order[k]] < 0)
			q[order[k]] = star < 0 ? 0 : star;
		if (q[order[k]] > bestq) {
			best = order[k];
			bestq = q[order[k]];
		}
	}
	/* identity, named itself or by "*", may outweigh them. */
	idq = q[HTTP_CODING_IDENTITY] >= 0 ? q[HTTP_CODING_IDENTITY] : star;
	return idq > bestq ? HTTP_CODING_IDENTITY : best;
}
