/*
 * req: the parsers of untrusted request parts (query strings, form
 * bodies, path captures) and the route table's answers (methods, Allow).
 * Everything they return is decoded, valid UTF-8 without NUL bytes,
 * allocated in the request's arena; anything else is rejected with
 * ERR_PARSE or ERR_LIMIT, which the server turns into 400 or 413.
 */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "http.h"

const char *const http_method_names[HTTP__MAX] = {
	[HTTP_GET] = "GET",
	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",
	[HTTP_PATCH] = "PATCH",
	[HTTP_DELETE] = "DELETE",
};

enum http_method
http_method_parse(const char *s, int *head)
{
	enum http_method m;

	*head = strcmp(s, "HEAD") == 0;
	if (*head)
		return HTTP_GET;
	for (m = 0; m < HTTP__MAX; m++)
		if (strcmp(s, http_method_names[m]) == 0)
			return m;
	return HTTP__MAX;
}

const char *
req_query(const struct req *r, const char *name)
{
	return http_param_get(r->query, r->nquery, name);
}

const char *
req_form(const struct req *r, const char *name)
{
	return http_param_get(r->form, r->nform, name);
}

const struct upload *
req_upload(const struct req *r, const char *field)
{
	size_t i;

	for (i = 0; i < r->nuploads; i++)
		if (strcmp(r->uploads[i].field, field) == 0)
			return &r->uploads[i];
	return NULL;
}

static enum err
decode(struct arena *a, const char *s, size_t len, size_t max,
    const char **out)
{
	char *d;
	size_t n;
	enum err rc;

	if (len > max * 3)
		return ERR_LIMIT;
	d = arena_alloc(a, len + 1);
	if ((rc = url_decode(s, len, d, &n, 1)) != ERR_OK)
		return rc;
	if (n > max)
		return ERR_LIMIT;
	*out = d;
	return ERR_OK;
}

enum err
req_parse_params(struct arena *a, const char *s, size_t len,
    struct param *p, size_t max, size_t *n)
{
	return req_parse_params_max(a, s, len, p, max, LIMIT_FORM_FIELD, n);
}

enum err
req_parse_params_max(struct arena *a, const char *s, size_t len,
    struct param *p, size_t max, size_t field_max, size_t *n)
{
	const char *end, *amp, *eq;
	size_t empty = 0;
	enum err rc;

	*n = 0;
	if (s == NULL || len == 0)	/* an empty part may come as NULL */
		return ERR_OK;
	end = s + len;
	while (s < end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		if (amp == s) {		/* "a=1&&b=2": skip empty pairs */
			if (++empty > max)
				return ERR_LIMIT;
			s++;
			continue;
		}
		if (*n == max)
			return ERR_LIMIT;
		eq = memchr(s, '=', (size_t)(amp - s));
		if (eq == NULL)
			eq = amp;
		if ((rc = decode(a, s, (size_t)(eq - s), field_max,
		    &p[*n].name)) !=
		    ERR_OK)
			return rc;
		if (eq == amp)
			p[*n].value = "";
		else if ((rc = decode(a, eq + 1, (size_t)(amp - eq - 1),
		    field_max, &p[*n].value)) != ERR_OK)
			return rc;
		(*n)++;
		s = amp;
	}
	return ERR_OK;
}

int
route_match(const char *pattern, const char *path, struct arena *a,
    const char **args, size_t maxargs, size_t *nargs)
{
	const char *p = pattern, *q = path, *seg;
	size_t len;

	*nargs = 0;
	while (*p != '\0') {
		if (*p == ':') {
			while (*p != '\0' && *p != '/')
				p++;
			seg = q;
			while (*q != '\0' && *q != '/')
				q++;
			len = (size_t)(q - seg);
			if (len == 0 || len > LIMIT_SLUG || *nargs == maxargs)
				return 0;
			args[(*nargs)++] = arena_strndup(a, seg, len);
			continue;
		}
		if (*p != *q)
			return 0;
		p++;
		q++;
	}
	return *q == '\0';
}

const char *
route_allow(const struct route *routes, size_t n, const char *path,
    struct arena *a)
{
	const char *args[nitems(((struct req *)NULL)->args)];
	unsigned seen = 0;
	struct buf b;
	const char *s;
	size_t i, nargs;
	enum http_method m;

	for (i = 0; i < n; i++)
		if (path == NULL || route_match(routes[i].pattern, path, a,
		    args, nitems(args), &nargs))
			seen |= 1U << routes[i].method;
	if (seen == 0)
		return NULL;
	buf_init(&b, 128);
	for (m = 0; m < HTTP__MAX; m++) {
		if (!(seen & (1U << m)))
			continue;
		buf_printf(&b, "%s, ", http_method_names[m]);
		if (m == HTTP_GET)
			buf_puts(&b, "HEAD, ");
	}
	buf_puts(&b, "OPTIONS");
	s = arena_strdup(a, b.p);
	buf_free(&b);
	return s;
}

enum err
ip_parse(const char *s, size_t n, struct ipaddr *ip)
{
	char tmp[INET6_ADDRSTRLEN];

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(tmp))
		return ERR_PARSE;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, tmp, ip->b) == 1)
		ip->family = AF_INET;
	else if (inet_pton(AF_INET6, tmp, ip->b) == 1)
		ip->family = AF_INET6;
	else
		return ERR_PARSE;
	return ERR_OK;
}

static int
ip_in(const struct ipaddr *ip, const struct ipaddr *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i].family == ip->family &&
		    memcmp(set[i].b, ip->b, ip->family == AF_INET ? 4 : 16) ==
		    0)
			return 1;
	return 0;
}

const char *
req_client_addr(struct arena *a, const char *peer, const char *xff,
    const struct ipaddr *trusted, size_t n)
{
	struct ipaddr ip, last;
	char out[INET6_ADDRSTRLEN];
	const char *end, *comma;
	int have = 0;

	if (xff == NULL || n == 0 || ip_parse(peer, strlen(peer), &ip) !=
	    ERR_OK || !ip_in(&ip, trusted, n))
		return arena_strdup(a, peer);
	end = xff + strnlen(xff, LIMIT_HEADERS);
	while (end > xff) {
		comma = end;
		while (comma > xff && comma[-1] != ',')
			comma--;
		if (ip_parse(comma, (size_t)(end - comma), &ip) != ERR_OK)
			break;
		last = ip;
		have = 1;
		if (!ip_in(&ip, trusted, n))
			break;
		end = comma > xff ? comma - 1 : xff;
	}
	if (!have)
		return arena_strdup(a, peer);
	inet_ntop(last.family, last.b, out, sizeof(out));
	return arena_strdup(a, out);
}

void
resp_redirect(struct resp *r, struct arena *a, int status, const char *loc)
{
	r->status = status;
	r->location = arena_strdup(a, loc);
	r->content_type = "text/plain; charset=utf-8";
	buf_reset(&r->body);
	buf_puts(&r->body, "Moved\n");
}
