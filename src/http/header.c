/*
 * header: the grammar header fields share (RFC 9110 section 5.6): tokens,
 * field values that may be sent, and parameter lists ("; name=value",
 * value a token or a quoted string), as in a Content-Type or a part's
 * Content-Disposition.  What the parsers return is in the arena, names
 * lower-cased and values unquoted; anything outside the grammar is
 * ERR_PARSE, never a guess, because a guessed boundary or file name is
 * how two programs come to read one body differently.
 */
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
