/*
 * cookie: both directions of RFC 6265.  A request's Cookie header is
 * parsed once, when the request starts, into name/value pairs; a pair
 * that is not of the grammar is skipped rather than failing the request,
 * because a browser sends every cookie of the host, and one written by
 * another program must not lock a reader out.  Set-Cookie values are
 * built from a struct cookie and refused whole when any part would not
 * survive the trip (a control byte, a ';' in a value), so a handler's
 * bug cannot become a header of its own.
 */
#include <string.h>

#include "http.h"

/* RFC 6265 cookie-octet: visible ASCII but DQUOTE, ',', ';' and '\'. */
static int
cookie_octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' &&
	    c != '\\';
}

static int
octets_valid(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!cookie_octet((unsigned char)s[i]))
			return 0;
	return 1;
}

static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

void
req_cookies_parse(struct arena *a, const char *h, const struct param **out,
    size_t *n)
{
	struct param *p;
	const char *s, *e, *end, *eq, *v, *ve;

	*out = NULL;
	*n = 0;
	if (h == NULL)
		return;
	p = arena_alloc(a, LIMIT_COOKIES * sizeof(*p));
	*out = p;
	end = h + strnlen(h, LIMIT_HEADERS);
	for (s = h; s < end && *n < LIMIT_COOKIES; s = e + 1) {
		e = memchr(s, ';', (size_t)(end - s));
		if (e == NULL)
			e = end;
		eq = memchr(s, '=', (size_t)(e - s));
		if (eq == NULL)
			continue;
		v = eq + 1;
		ve = e;
		trim(&s, &eq);
		trim(&v, &ve);
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		if ((size_t)(eq - s) + (size_t)(ve - v) > LIMIT_COOKIE ||
		    !http_token_valid(s, (size_t)(eq - s)) ||
		    !octets_valid(v, (size_t)(ve - v)))
			continue;
		p[*n].name = arena_strndup(a, s, (size_t)(eq - s));
		p[*n].value = arena_strndup(a, v, (size_t)(ve - v));
		(*n)++;
	}
}

const char *
req_cookie(const struct req *r, const char *name)
{
	return http_param_get(r->cookies, r->ncookies, name);
}

static const char *const samesite_names[COOKIE_SAMESITE__MAX] = {
	[COOKIE_SAMESITE_LAX] = "Lax",
	[COOKIE_SAMESITE_STRICT] = "Strict",
	[COOKIE_SAMESITE_NONE] = "None",
};

/* Why a cookie cannot be sent as it is, or NULL if it can. */
static const char *
cookie_problem(const struct cookie *c)
{
	const char *p;

	if (c->name == NULL || !http_token_valid(c->name, strlen(c->name)))
		return "name is not a token";
	if (c->value == NULL || !octets_valid(c->value, strlen(c->value)))
		return "value has bytes a cookie cannot carry";
	if (strlen(c->name) + strlen(c->value) > LIMIT_COOKIE)
		return "longer than LIMIT_COOKIE";
	if (c->path != NULL) {
		if (c->path[0] != '/')
			return "path does not start with '/'";
		for (p = c->path; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f ||
			    *p == ';')
				return "path has a control byte or ';'";
	}
	if (c->domain != NULL) {
		if (c->domain[0] == '\0')
			return "empty domain";
		for (p = c->domain; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' ||
			    *p == '.'))
				return "domain is not a host name";
	}
	if ((unsigned)c->samesite >= COOKIE_SAMESITE__MAX)
		return "unknown SameSite";
	if (c->samesite == COOKIE_SAMESITE_NONE && !c->secure)
		return "SameSite=None without Secure";
	if (strncmp(c->name, "__Secure-", 9) == 0 && !c->secure)
		return "__Secure- prefix without Secure";
	if (strncmp(c->name, "__Host-", 7) == 0 && (!c->secure ||
	    c->domain != NULL || c->path == NULL || strcmp(c->path, "/") != 0))
		return "__Host- prefix needs Secure, Path=/ and no Domain";
	if (c->max_age < COOKIE_DELETE)
		return "negative Max-Age";
	return NULL;
}

enum err
resp_cookie_set(struct resp *r, struct arena *a, const struct cookie *c)
{
	struct buf b;
	const char *why;
	char date[30];
	enum err rc;

	if ((why = cookie_problem(c)) != NULL) {
		log_warnx("Set-Cookie refused: %s", why);
		return ERR_INVAL;
	}
	buf_init(&b, LIMIT_COOKIE + 256 + (c->path != NULL ?
	    strlen(c->path) : 0) + (c->domain != NULL ? strlen(c->domain) :
	    0));
	buf_printf(&b, "%s=%s", c->name, c->value);
	if (c->path != NULL)
		buf_printf(&b, "; Path=%s", c->path);
	if (c->domain != NULL)
		buf_printf(&b, "; Domain=%s", c->domain);
	if (c->max_age == COOKIE_DELETE)
		buf_puts(&b, "; Max-Age=0");
	else if (c->max_age > 0)
		buf_printf(&b, "; Max-Age=%lld", c->max_age);
	if (c->expires > 0) {
		time_fmt_http(c->expires, date);
		buf_printf(&b, "; Expires=%s", date);
	}
	if (c->http_only)
		buf_puts(&b, "; HttpOnly");
	if (c->secure)
		buf_puts(&b, "; Secure");
	buf_printf(&b, "; SameSite=%s", samesite_names[c->samesite]);
	rc = resp_header_add(r, a, "Set-Cookie", b.p);
	buf_free(&b);
	return rc;
}
