/*
 * test_req: the parsers of untrusted request parts.  req_parse_params
 * turns "a=1&b=2" into decoded pairs or rejects the whole string
 * (ERR_PARSE for bad encoding, ERR_LIMIT past a named limit);
 * route_match matches a decoded path against a ":name" pattern and
 * captures segments; route_allow lists the methods of every route that
 * matches a path; req_head_add and req_head_status judge a head's framing
 * and Host (RFC 9112 3.2, 6: header.c).  Each row of a table is one
 * named check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "test.h"


static const struct {
	const char	*name;
	const char	*in;
	size_t		 max;
	enum err	 rc;
	const char	*want;	/* on ERR_OK */
} param_cases[] = {
	{ "two pairs", "a=1&b=2", 16, ERR_OK, "a=1;b=2;" },
	{ "empty string", "", 16, ERR_OK, "" },
	{ "lone ampersand", "&", 16, ERR_OK, "" },
	{ "empty pairs skipped", "&&a=1&&&b=2&", 16, ERR_OK, "a=1;b=2;" },
	{ "max empty pairs", "&&&a=1", 3, ERR_OK, "a=1;" },
	{ "one past max empty pairs", "&&&&a=1", 3, ERR_LIMIT, NULL },
	{ "a run of separators", "&&&&&&&&&&&&&&&&&&&&", 16, ERR_LIMIT, NULL },
	{ "no '=' gives empty value", "flag&a=1", 16, ERR_OK, "flag=;a=1;" },
	{ "empty value", "a=", 16, ERR_OK, "a=;" },
	{ "empty name", "=v", 16, ERR_OK, "=v;" },
	{ "second '=' is part of the value", "a=b=c", 16, ERR_OK, "a=b=c;" },
	{ "plus is space", "q=hello+world", 16, ERR_OK, "q=hello world;" },
	{ "plus in name", "a+b=c", 16, ERR_OK, "a b=c;" },
	{ "escaped plus", "q=1%2B1", 16, ERR_OK, "q=1+1;" },
	{ "escaped ampersand and equals", "q=%26%3D", 16, ERR_OK, "q=&=;" },
	{ "UTF-8 value", "name=Jos%C3%A9", 16, ERR_OK, "name=Jos\xc3\xa9;" },
	{ "repeated name kept twice", "a=1&a=2", 16, ERR_OK, "a=1;a=2;" },
	{ "exactly max pairs", "a=1&b=2&c=3", 3, ERR_OK, "a=1;b=2;c=3;" },
	{ "max pairs and trailing &", "a=1&b=2&c=3&", 3, ERR_OK,
	    "a=1;b=2;c=3;" },
	{ "one past max pairs", "a=1&b=2&c=3&d=4", 3, ERR_LIMIT, NULL },
	{ "max 0 and one pair", "a=1", 0, ERR_LIMIT, NULL },
	{ "bad escape in value", "a=%zz", 16, ERR_PARSE, NULL },
	{ "bad escape in name", "%zz=1", 16, ERR_PARSE, NULL },
	{ "truncated escape", "a=1&b=%4", 16, ERR_PARSE, NULL },
	{ "bad escape after good pairs", "a=1&b=2&c=%", 16, ERR_PARSE, NULL },
	{ "NUL escape", "a=%00", 16, ERR_PARSE, NULL },
	{ "invalid UTF-8", "a=%FF", 16, ERR_PARSE, NULL },
	{ "overlong UTF-8", "a=%C0%AF", 16, ERR_PARSE, NULL },
	{ "surrogate", "a=%ED%A0%80", 16, ERR_PARSE, NULL },
	{ "raw invalid UTF-8", "a=\xc3(", 16, ERR_PARSE, NULL },
};

/* A field of n bytes of c: "f=ccc..." (heap, caller frees). */
static char *
long_field(const char *prefix, const char *unit, size_t n)
{
	size_t plen = strlen(prefix), ulen = strlen(unit), i;
	char *s = xmalloc(plen + n * ulen + 1);

	memcpy(s, prefix, plen);
	for (i = 0; i < n; i++)
		memcpy(s + plen + i * ulen, unit, ulen);
	s[plen + n * ulen] = '\0';
	return s;
}

static void
test_params(void)
{
	struct param p[LIMIT_FORM_FIELDS + 1];
	struct arena *a;
	char *s, in[1024];
	size_t i, n;
	enum err rc;

	for (i = 0; i < nitems(param_cases); i++) {
		a = arena_new();
		n = 999;
		rc = req_parse_params(a, param_cases[i].in,
		    strlen(param_cases[i].in), p, param_cases[i].max, &n);
		T_STREQ(nm("req_parse_params rc", param_cases[i].name),
		    err_str(rc), err_str(param_cases[i].rc));
		if (param_cases[i].rc == ERR_OK && rc == ERR_OK)
			T_STREQ(nm("req_parse_params", param_cases[i].name),
			    params_str(a, p, n), param_cases[i].want);
		arena_free(a);
	}

	/* The length bounds the input: "a=1&b=2" cut after "a=1". */
	a = arena_new();
	rc = req_parse_params(a, "a=1&b=2", 3, p, 16, &n);
	T_STREQ("req_parse_params: stops at len", params_str(a, p, n),
	    "a=1;");
	arena_free(a);

	/* LIMIT_FORM_FIELDS fields fit, one more is ERR_LIMIT. */
	in[0] = '\0';
	for (i = 0; i < LIMIT_FORM_FIELDS; i++)
		snprintf(in + strlen(in), sizeof(in) - strlen(in), "%sf%zu=%zu",
		    i > 0 ? "&" : "", i, i);
	a = arena_new();
	rc = req_parse_params(a, in, strlen(in), p, LIMIT_FORM_FIELDS, &n);
	T_INTEQ("req_parse_params: LIMIT_FORM_FIELDS fields rc", rc, ERR_OK);
	T_INTEQ("req_parse_params: LIMIT_FORM_FIELDS fields n", n,
	    LIMIT_FORM_FIELDS);
	T_STREQ("req_parse_params: last field", p[LIMIT_FORM_FIELDS - 1].value,
	    "31");
	snprintf(in + strlen(in), sizeof(in) - strlen(in), "&one=more");
	rc = req_parse_params(a, in, strlen(in), p, LIMIT_FORM_FIELDS, &n);
	T_INTEQ("req_parse_params: one field too many", rc, ERR_LIMIT);
	arena_free(a);

	/* A field of exactly LIMIT_FORM_FIELD bytes fits; one more does not. */
	struct {
		const char	*name;
		const char	*prefix;
		const char	*unit;
		size_t		 n;
		enum err	 rc;
	} longs[] = {
		{ "value at LIMIT_FORM_FIELD", "f=", "x", LIMIT_FORM_FIELD,
		    ERR_OK },
		{ "value over LIMIT_FORM_FIELD", "f=", "x",
		    LIMIT_FORM_FIELD + 1, ERR_LIMIT },
		{ "name over LIMIT_FORM_FIELD", "", "x",
		    LIMIT_FORM_FIELD + 1, ERR_LIMIT },
		{ "escaped value at LIMIT_FORM_FIELD", "f=", "%41",
		    LIMIT_FORM_FIELD, ERR_OK },
		{ "escaped value over LIMIT_FORM_FIELD", "f=", "%41",
		    LIMIT_FORM_FIELD + 1, ERR_LIMIT },
		{ "plus value over LIMIT_FORM_FIELD", "f=", "+",
		    LIMIT_FORM_FIELD + 1, ERR_LIMIT },
		{ "raw value far over the limit", "f=", "xyz",
		    LIMIT_FORM_FIELD * 2, ERR_LIMIT },
	};
	for (i = 0; i < nitems(longs); i++) {
		s = long_field(longs[i].prefix, longs[i].unit, longs[i].n);
		a = arena_new();
		rc = req_parse_params(a, s, strlen(s), p, 16, &n);
		T_STREQ(nm("req_parse_params", longs[i].name), err_str(rc),
		    err_str(longs[i].rc));
		if (rc == ERR_OK)
			T_INTEQ(nm("req_parse_params length", longs[i].name),
			    strlen(p[0].value), longs[i].n);
		arena_free(a);
		free(s);
	}
}

static void
test_req_lookup(void)
{
	struct req r;
	struct arena *a = arena_new();
	const char *q = "page=2&type=book&page=3";

	memset(&r, 0, sizeof(r));
	req_parse_params(a, q, strlen(q), r.query, LIMIT_QUERY_PARAMS,
	    &r.nquery);
	T_STREQ("req_query: present", req_query(&r, "type"), "book");
	T_STREQ("req_query: first of repeated", req_query(&r, "page"), "2");
	T_TRUE("req_query: absent is NULL", req_query(&r, "nope") == NULL);
	T_TRUE("req_query: case matters", req_query(&r, "TYPE") == NULL);
	T_TRUE("req_form: empty form", req_form(&r, "type") == NULL);
	arena_free(a);
}

/* route_match */

static const struct {
	const char	*name;
	const char	*pattern;
	const char	*path;
	int		 match;
	const char	*args;	/* captures joined by '|' */
} route_cases[] = {
	{ "root", "/", "/", 1, "" },
	{ "root does not match empty", "/", "", 0, NULL },
	{ "literal", "/issues", "/issues", 1, "" },
	{ "literal prefix only", "/issues", "/issue", 0, NULL },
	{ "literal longer path", "/issues", "/issues2", 0, NULL },
	{ "literal trailing slash", "/issues", "/issues/", 0, NULL },
	{ "literal case matters", "/issues", "/Issues", 0, NULL },
	{ "one capture", "/articles/:slug", "/articles/hello-world", 1,
	    "hello-world" },
	{ "capture with UTF-8", "/articles/:slug", "/articles/caf\xc3\xa9",
	    1, "caf\xc3\xa9" },
	{ "capture with dots", "/static/:file", "/static/style.1a2b.css", 1,
	    "style.1a2b.css" },
	{ "capture trailing slash", "/articles/:slug", "/articles/x/", 0,
	    NULL },
	{ "capture empty segment", "/articles/:slug", "/articles/", 0, NULL },
	{ "capture missing segment", "/articles/:slug", "/articles", 0,
	    NULL },
	{ "capture extra segment", "/articles/:slug", "/articles/a/b", 0,
	    NULL },
	{ "wrong prefix", "/articles/:slug", "/sections/a", 0, NULL },
	{ "double slash", "/articles/:slug", "/articles//a", 0, NULL },
	{ "two captures", "/a/:x/b/:y", "/a/1/b/2", 1, "1|2" },
	{ "two captures, literal mismatch", "/a/:x/b/:y", "/a/1/c/2", 0,
	    NULL },
	{ "two captures, second empty", "/a/:x/b/:y", "/a/1/b/", 0, NULL },
	{ "capture then literal", "/issues/:n/feed", "/issues/7/feed", 1,
	    "7" },
	{ "capture then literal, missing", "/issues/:n/feed", "/issues/7",
	    0, NULL },
	{ "four captures", "/:a/:b/:c/:d", "/1/2/3/4", 1, "1|2|3|4" },
	{ "five captures, four slots", "/:a/:b/:c/:d/:e", "/1/2/3/4/5", 0,
	    NULL },
};

static void
test_route_match(void)
{
	const char *args[4];
	struct arena *a;
	struct buf b;
	size_t i, k, n;
	char *slug, *path;
	int m;

	for (i = 0; i < nitems(route_cases); i++) {
		a = arena_new();
		n = 99;
		m = route_match(route_cases[i].pattern, route_cases[i].path, a,
		    args, nitems(args), &n);
		T_INTEQ(nm("route_match", route_cases[i].name), m,
		    route_cases[i].match);
		if (m && route_cases[i].match) {
			buf_init(&b, 4096);
			buf_puts(&b, "");
			for (k = 0; k < n; k++)
				buf_printf(&b, "%s%s", k > 0 ? "|" : "",
				    args[k]);
			T_STREQ(nm("route_match args", route_cases[i].name),
			    b.p, route_cases[i].args);
			buf_free(&b);
		}
		arena_free(a);
	}

	/* A segment of LIMIT_SLUG bytes is captured, one more is not. */
	for (k = 0; k < 2; k++) {
		slug = xmalloc(LIMIT_SLUG + 2);
		memset(slug, 's', LIMIT_SLUG + k);
		slug[LIMIT_SLUG + k] = '\0';
		path = xmalloc(LIMIT_SLUG + 16);
		snprintf(path, LIMIT_SLUG + 16, "/articles/%s", slug);
		a = arena_new();
		m = route_match("/articles/:slug", path, a, args, 4, &n);
		if (k == 0) {
			T_INTEQ("route_match: segment of LIMIT_SLUG", m, 1);
			T_TRUE("route_match: long capture kept whole",
			    m && strcmp(args[0], slug) == 0);
		} else
			T_INTEQ("route_match: segment over LIMIT_SLUG", m, 0);
		arena_free(a);
		free(slug);
		free(path);
	}

	/* maxargs is respected even when the pattern has more captures. */
	a = arena_new();
	args[1] = "untouched";
	m = route_match("/:a/:b", "/x/y", a, args, 1, &n);
	T_INTEQ("route_match: more captures than maxargs", m, 0);
	T_STREQ("route_match: no write past maxargs", args[1], "untouched");
	arena_free(a);
}

/* The Allow header comes from the route table, never from a string. */
static void
test_route_allow(void)
{
	static const struct route routes[] = {
		{ HTTP_GET, "/", NULL, NULL, 0 },
		{ HTTP_GET, "/newsletter", NULL, NULL, 0 },
		{ HTTP_POST, "/newsletter", NULL, NULL, 0 },
		{ HTTP_GET, "/articles/:slug", NULL, NULL, 0 },
		{ HTTP_PUT, "/articles/:slug", NULL, NULL, 0 },
		{ HTTP_DELETE, "/articles/:slug", NULL, NULL, 0 },
		{ HTTP_PATCH, "/articles/:slug", NULL, NULL, 0 },
		{ HTTP_POST, "/upload", NULL, NULL, 0 },
		{ HTTP_DELETE, "/sessions/:id", NULL, NULL, 0 },
		{ HTTP_DELETE, "/sessions/current", NULL, NULL, 0 },
	};
	static const struct {
		const char	*path;
		const char	*want;
	} cases[] = {
		{ "/", "GET, HEAD, OPTIONS" },
		{ "/newsletter", "GET, HEAD, POST, OPTIONS" },
		{ "/articles/x", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS" },
		{ "/upload", "POST, OPTIONS" },
		{ "/sessions/current", "DELETE, OPTIONS" },
		{ "/nothing", NULL },
		{ "/articles/", NULL },
	};
	struct arena *a = arena_new();
	const char *have;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		have = route_allow(routes, nitems(routes), cases[i].path, a);
		if (cases[i].want != NULL)
			T_STREQ(nm("route_allow", cases[i].path), have,
			    cases[i].want);
		else
			T_TRUE(nm("route_allow: no route", cases[i].path),
			    have == NULL);
	}
	T_STREQ("route_allow: the whole server (OPTIONS *)",
	    route_allow(routes, nitems(routes), NULL, a),
	    "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
	T_STREQ("route_allow: a table of one POST route",
	    route_allow(routes + 7, 1, "/upload", a), "POST, OPTIONS");
	T_TRUE("route_allow: an empty table",
	    route_allow(routes, 0, "/", a) == NULL);
	arena_free(a);
}

static void
test_method_parse(void)
{
	static const struct {
		const char		*in;
		enum http_method	 want;
		int			 head;
	} cases[] = {
		{ "GET", HTTP_GET, 0 }, { "HEAD", HTTP_GET, 1 },
		{ "POST", HTTP_POST, 0 }, { "PUT", HTTP_PUT, 0 },
		{ "PATCH", HTTP_PATCH, 0 }, { "DELETE", HTTP_DELETE, 0 },
		{ "OPTIONS", HTTP__MAX, 0 }, { "get", HTTP__MAX, 0 },
		{ "BREW", HTTP__MAX, 0 }, { "", HTTP__MAX, 0 },
	};
	size_t i;
	int head;

	for (i = 0; i < nitems(cases); i++) {
		head = -1;
		T_INTEQ(nm("http_method_parse", cases[i].in),
		    http_method_parse(cases[i].in, &head), cases[i].want);
		T_INTEQ(nm("http_method_parse head", cases[i].in), head,
		    cases[i].head);
	}
	for (i = 0; i < HTTP__MAX; i++)
		T_INTEQ(nm("http_method_names round trip",
		    http_method_names[i]), http_method_parse(
		    http_method_names[i], &head), i);
}

static void
test_redirect(void)
{
	struct resp r;
	struct arena *a = arena_new();

	memset(&r, 0, sizeof(r));
	buf_init(&r.body, 1024);
	resp_redirect(&r, a, 303, "/newsletter?ok=1");
	T_INTEQ("resp_redirect: status", r.status, 303);
	T_STREQ("resp_redirect: location", r.location, "/newsletter?ok=1");
	T_STREQ("resp_redirect: body", r.body.p, "Moved\n");
	buf_free(&r.body);
	arena_free(a);
}

/* Who the client is, behind trusted proxies 10.0.0.1 and ::1. */
static const struct {
	const char	*name;
	const char	*peer;
	const char	*xff;
	const char	*want;
} client_cases[] = {
	{ "no header", "10.0.0.1", NULL, "10.0.0.1" },
	{ "untrusted peer: header ignored", "192.0.2.9", "198.51.100.1",
	    "192.0.2.9" },
	{ "trusted peer, one client", "10.0.0.1", "198.51.100.1",
	    "198.51.100.1" },
	{ "rightmost untrusted wins", "10.0.0.1",
	    "203.0.113.5, 198.51.100.1", "198.51.100.1" },
	{ "trusted hops skipped", "10.0.0.1", "198.51.100.1, 10.0.0.1",
	    "198.51.100.1" },
	{ "spoofed left part ignored", "10.0.0.1",
	    "1.2.3.4, 198.51.100.1", "198.51.100.1" },
	{ "IPv6 peer and client", "::1", "2001:db8::7", "2001:db8::7" },
	{ "garbage: peer", "10.0.0.1", "not-an-address", "10.0.0.1" },
	{ "garbage left of a good one", "10.0.0.1", "junk, 198.51.100.1",
	    "198.51.100.1" },
	{ "all trusted: leftmost", "10.0.0.1", "::1, 10.0.0.1", "::1" },
	{ "empty header", "10.0.0.1", "", "10.0.0.1" },
	{ "spaces and empty entries", "10.0.0.1", " 198.51.100.1 ,",
	    "10.0.0.1" },
};

static void
test_client_addr(void)
{
	struct ipaddr trusted[2];
	struct arena *a = arena_new();
	size_t i;

	T_INTEQ("ip_parse: IPv4", ip_parse("10.0.0.1", 8, &trusted[0]),
	    ERR_OK);
	T_INTEQ("ip_parse: IPv6", ip_parse("::1", 3, &trusted[1]), ERR_OK);
	T_INTEQ("ip_parse: not an address", ip_parse("10.0.0", 6,
	    &(struct ipaddr){ 0 }), ERR_PARSE);
	T_INTEQ("ip_parse: empty", ip_parse("", 0, &(struct ipaddr){ 0 }),
	    ERR_PARSE);
	for (i = 0; i < nitems(client_cases); i++)
		T_STREQ(nm("req_client_addr", client_cases[i].name),
		    req_client_addr(a, client_cases[i].peer,
		    client_cases[i].xff, trusted, 2), client_cases[i].want);
	T_STREQ("req_client_addr: no trusted proxies",
	    req_client_addr(a, "10.0.0.1", "198.51.100.1", NULL, 0),
	    "10.0.0.1");
	arena_free(a);
}

/* req_head_add and req_head_status: fields as "Name: value\n" lines. */

static const struct {
	const char	*name;
	int		 http11;
	const char	*fields;
	int		 status;
} head_cases[] = {
	{ "a plain GET", 1, "Host: example.org\n", 0 },
	{ "host and port", 1, "Host: example.org:8080\n", 0 },
	{ "an IPv4 host", 1, "Host: 127.0.0.1:80\n", 0 },
	{ "an IPv6 host", 1, "Host: [::1]:80\n", 0 },
	{ "an IPv6 host, no port", 1, "Host: [2001:db8::1]\n", 0 },
	{ "field names in any case", 1, "hOST: a\ncontent-length: 3\n", 0 },
	{ "a length", 1, "Host: a\nContent-Length: 26\n", 0 },
	{ "the same length twice", 1,
	    "Host: a\nContent-Length: 26\nContent-Length: 26\n", 0 },
	{ "chunked", 1, "Host: a\nTransfer-Encoding: chunked\n", 0 },
	{ "chunked in capitals", 1, "Host: a\nTransfer-Encoding: CHUNKED\n",
	    0 },
	{ "HTTP/1.0 without Host", 0, "", 0 },
	{ "no Host", 1, "", 400 },
	{ "two Hosts", 1, "Host: a\nHost: a\n", 400 },
	{ "two Hosts in HTTP/1.0", 0, "Host: a\nHost: b\n", 400 },
	{ "an empty Host", 1, "Host: \n", 400 },
	{ "a port alone", 1, "Host: :80\n", 400 },
	{ "a Host with a space", 1, "Host: a b\n", 400 },
	{ "a Host with a slash", 1, "Host: a/b\n", 400 },
	{ "a Host with user info", 1, "Host: u@a\n", 400 },
	{ "a Host with a bad port", 1, "Host: a:8x\n", 400 },
	{ "a Host with two colons", 1, "Host: a:1:2\n", 400 },
	{ "an unclosed IPv6 host", 1, "Host: [::1\n", 400 },
	{ "an empty IPv6 host", 1, "Host: []\n", 400 },
	{ "two lengths", 1, "Host: a\nContent-Length: 5\nContent-Length: 6\n",
	    400 },
	{ "a length and a coding", 1,
	    "Host: a\nContent-Length: 5\nTransfer-Encoding: chunked\n", 400 },
	{ "a coding and a length", 1,
	    "Host: a\nTransfer-Encoding: chunked\nContent-Length: 5\n", 400 },
	{ "a length that is not a number", 1,
	    "Host: a\nContent-Length: 5a\n", 400 },
	{ "a negative length", 1, "Host: a\nContent-Length: -5\n", 400 },
	{ "an empty length", 1, "Host: a\nContent-Length: \n", 400 },
	{ "a length of 19 digits", 1,
	    "Host: a\nContent-Length: 1000000000000000000\n", 400 },
	{ "a length list", 1, "Host: a\nContent-Length: 5, 5\n", 400 },
	{ "gzip", 1, "Host: a\nTransfer-Encoding: gzip\n", 501 },
	{ "gzip, chunked", 1, "Host: a\nTransfer-Encoding: gzip, chunked\n",
	    501 },
	{ "identity", 1, "Host: a\nTransfer-Encoding: identity\n", 501 },
	{ "chunked then gzip on two lines", 1, "Host: a\n"
	    "Transfer-Encoding: chunked\nTransfer-Encoding: gzip\n", 501 },
	{ "chunked, chunked", 1,
	    "Host: a\nTransfer-Encoding: chunked, chunked\n", 400 },
	{ "chunked on two lines", 1, "Host: a\n"
	    "Transfer-Encoding: chunked\nTransfer-Encoding: chunked\n", 400 },
	{ "an empty coding", 1, "Host: a\nTransfer-Encoding: \n", 400 },
	{ "empty list elements", 1,
	    "Host: a\nTransfer-Encoding: , chunked ,\n", 0 },
	{ "chunked with a parameter", 1,
	    "Host: a\nTransfer-Encoding: chunked;q=1\n", 0 },
	{ "a coding in HTTP/1.0", 0, "Transfer-Encoding: chunked\n", 400 },
	{ "a malformed coding", 1, "Host: a\nTransfer-Encoding: @\n", 400 },
	{ "the framing is judged first", 1,
	    "Content-Length: 1\nContent-Length: 2\n", 400 },
};

static void
test_head(void)
{
	struct req_head h;
	const char *p, *nl, *colon, *v, *why;
	size_t i;
	int st;

	for (i = 0; i < nitems(head_cases); i++) {
		memset(&h, 0, sizeof(h));
		for (p = head_cases[i].fields; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			colon = memchr(p, ':', (size_t)(nl - p));
			for (v = colon + 1; *v == ' '; v++)
				;
			req_head_add(&h, p, (size_t)(colon - p), v,
			    (size_t)(nl - v));
		}
		st = req_head_status(&h, head_cases[i].http11, &why);
		T_INTEQ(nm("req_head_status", head_cases[i].name), st,
		    head_cases[i].status);
		T_TRUE(nm("req_head_status says why", head_cases[i].name),
		    (st == 0) == (why == NULL));
	}
	memset(&h, 0, sizeof(h));
	req_head_add(&h, "Content-Length", 14, "42", 2);
	T_INTEQ("req_head_add: the length", h.length, 42);
}

/* req_target_key: the old addresses' keys (target.c). */
static const struct {
	const char	*name;
	const char	*in;
	enum err	 rc;
	const char	*want;	/* on ERR_OK */
} target_cases[] = {
	{ "a path", "/item/12-alias", ERR_OK, "/item/12-alias" },
	{ "a trailing slash dropped", "/2019/05/03/slug/", ERR_OK,
	    "/2019/05/03/slug" },
	{ "slashes dropped", "/category/a//", ERR_OK, "/category/a" },
	{ "the root kept", "/", ERR_OK, "/" },
	{ "percent-encoding decoded", "/2019/05/03/%d0%bf%D1%80/", ERR_OK,
	    "/2019/05/03/\xd0\xbf\xd1\x80" },
	{ "a query", "/?p=12", ERR_OK, "/?p=12" },
	{ "query fields sorted", "/index.php?view=item&option=com_k2&id=12",
	    ERR_OK, "/index.php?id=12&option=com_k2&view=item" },
	{ "empty fields dropped", "/?p=12&", ERR_OK, "/?p=12" },
	{ "a query's encoding decoded", "/?s=caf%C3%A9+au+lait", ERR_OK,
	    "/?s=caf\xc3\xa9 au lait" },
	{ "an empty query", "/a/?", ERR_OK, "/a" },
	{ "a fragment dropped", "/a/#top", ERR_OK, "/a" },
	{ "a fragment after the query", "/?p=1#c", ERR_OK, "/?p=1" },
	{ "not a path", "http://x/", ERR_PARSE, NULL },
	{ "empty", "", ERR_PARSE, NULL },
	{ "bad escape", "/a%zz", ERR_PARSE, NULL },
	{ "NUL escape", "/a%00", ERR_PARSE, NULL },
	{ "invalid UTF-8", "/a%ff", ERR_PARSE, NULL },
	{ "bad escape in the query", "/?p=%", ERR_PARSE, NULL },
	{ "too many fields", "/?a&b&c&d&e&f&g&h&i&j&k&l&m&n&o&p&q",
	    ERR_LIMIT, NULL },
	/* A query longer than the path by far is whole in its key. */
	{ "a long query kept whole", "/index.php?option=com_k2&view=item"
	    "&layout=item&id=12%3Adubrac-and-the-water&Itemid=101", ERR_OK,
	    "/index.php?Itemid=101&id=12:dubrac-and-the-water&layout=item"
	    "&option=com_k2&view=item" },
};

static void
test_target_key(void)
{
	struct arena *a;
	const char *key;
	enum err rc;
	size_t i;

	for (i = 0; i < nitems(target_cases); i++) {
		a = arena_new();
		rc = req_target_key(a, target_cases[i].in, &key);
		T_STREQ(nm("req_target_key rc", target_cases[i].name),
		    err_str(rc), err_str(target_cases[i].rc));
		if (target_cases[i].rc == ERR_OK && rc == ERR_OK)
			T_STREQ(nm("req_target_key", target_cases[i].name),
			    key, target_cases[i].want);
		arena_free(a);
	}
}

int
main(void)
{
	test_head();
	test_client_addr();
	test_params();
	test_req_lookup();
	test_route_match();
	test_route_allow();
	test_method_parse();
	test_redirect();
	test_target_key();
	T_DONE();
}
