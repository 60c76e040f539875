/*
 * test_cookie: both directions of cookies.  req_cookies_parse keeps the
 * well-formed pairs of a Cookie header and skips the others (never
 * failing the request), within LIMIT_COOKIES and LIMIT_COOKIE;
 * resp_cookie_set writes a Set-Cookie value with its attributes, or
 * refuses the whole cookie when any part of it could not be sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;	/* "name=value;" per pair kept */
} parse_cases[] = {
	{ "two pairs", "a=1; b=2", "a=1;b=2;" },
	{ "no space after ';'", "a=1;b=2", "a=1;b=2;" },
	{ "tabs and spaces around", " \ta=1 ;\t b=2 \t", "a=1;b=2;" },
	{ "quoted value", "a=\"x y\"; b=\"q\"", "b=q;" },
	{ "quoted value unquoted", "sid=\"abc\"", "sid=abc;" },
	{ "empty quoted value", "a=\"\"", "a=;" },
	{ "empty value", "a=; b=2", "a=;b=2;" },
	{ "value with '='", "t=a=b==", "t=a=b==;" },
	{ "base64url value", "s=Zm9v-YmFy_MTIz", "s=Zm9v-YmFy_MTIz;" },
	{ "pair without '=' skipped", "junk; a=1", "a=1;" },
	{ "empty name skipped", "=1; a=2", "a=2;" },
	{ "name with space skipped", "a b=1; c=2", "c=2;" },
	{ "name with '@' skipped", "a@b=1; c=2", "c=2;" },
	{ "value with space skipped", "a=x y; c=2", "c=2;" },
	{ "value with comma skipped", "a=x,y; c=2", "c=2;" },
	{ "value with backslash skipped", "a=x\\y; c=2", "c=2;" },
	{ "lone quote skipped", "a=\"; c=2", "c=2;" },
	{ "non-ASCII value skipped", "a=\xc3\xa9; c=2", "c=2;" },
	{ "control byte skipped", "a=\x01; c=2", "c=2;" },
	{ "empty header", "", "" },
	{ "only separators", ";;; ; ", "" },
	{ "repeated name kept twice", "a=1; a=2", "a=1;a=2;" },
	{ "case kept", "SID=1; sid=2", "SID=1;sid=2;" },
};

static void
test_parse(void)
{
	const struct param *p;
	struct arena *a;
	struct buf b;
	struct req r;
	size_t i, n;

	for (i = 0; i < nitems(parse_cases); i++) {
		a = arena_new();
		req_cookies_parse(a, parse_cases[i].in, &p, &n);
		T_STREQ(nm("req_cookies_parse", parse_cases[i].name),
		    params_str(a, p, n), parse_cases[i].want);
		arena_free(a);
	}
	a = arena_new();
	req_cookies_parse(a, NULL, &p, &n);
	T_INTEQ("req_cookies_parse: no header, no cookies", n, 0);

	/* LIMIT_COOKIES are kept; the rest are ignored, not an error. */
	buf_init(&b, 1 << 20);
	for (i = 0; i < LIMIT_COOKIES + 5; i++)
		buf_printf(&b, "%sc%zu=%zu", i > 0 ? "; " : "", i, i);
	req_cookies_parse(a, b.p, &p, &n);
	T_INTEQ("req_cookies_parse: LIMIT_COOKIES kept", n, LIMIT_COOKIES);
	T_STREQ("req_cookies_parse: the first ones", p[LIMIT_COOKIES - 1].name,
	    "c31");

	/* A pair of LIMIT_COOKIE bytes is kept, one byte more skipped. */
	for (i = 0; i < 2; i++) {
		buf_reset(&b);
		buf_puts(&b, "big=");
		while (b.len < LIMIT_COOKIE + 1 + i)
			buf_putc(&b, 'v');
		buf_puts(&b, "; small=1");
		req_cookies_parse(a, b.p, &p, &n);
		T_INTEQ(i == 0 ? "req_cookies_parse: LIMIT_COOKIE kept" :
		    "req_cookies_parse: LIMIT_COOKIE + 1 skipped", n,
		    i == 0 ? 2 : 1);
	}
	buf_free(&b);

	memset(&r, 0, sizeof(r));
	req_cookies_parse(a, "a=1; sid=xyz; a=2", &r.cookies, &r.ncookies);
	T_STREQ("req_cookie: present", req_cookie(&r, "sid"), "xyz");
	T_STREQ("req_cookie: first of repeated", req_cookie(&r, "a"), "1");
	T_TRUE("req_cookie: absent", req_cookie(&r, "b") == NULL);
	T_TRUE("req_cookie: case matters", req_cookie(&r, "SID") == NULL);
	memset(&r, 0, sizeof(r));
	T_TRUE("req_cookie: no Cookie header", req_cookie(&r, "sid") == NULL);
	arena_free(a);
}

static const struct {
	const char	*name;
	struct cookie	 c;
	const char	*want;	/* NULL: refused */
} set_cases[] = {
	{ "name and value", { .name = "a", .value = "1" },
	    "a=1; SameSite=Lax" },
	{ "session cookie for the back office",
	    { .name = "__Host-sid", .value = "Zm9v", .path = "/",
	    .http_only = 1, .secure = 1,
	    .samesite = COOKIE_SAMESITE_STRICT },
	    "__Host-sid=Zm9v; Path=/; HttpOnly; Secure; SameSite=Strict" },
	{ "every attribute",
	    { .name = "p", .value = "v", .path = "/admin",
	    .domain = "example.org", .max_age = 3600,
	    .expires = 784111777, .http_only = 1, .secure = 1,
	    .samesite = COOKIE_SAMESITE_NONE },
	    "p=v; Path=/admin; Domain=example.org; Max-Age=3600; "
	    "Expires=Sun, 06 Nov 1994 08:49:37 GMT; HttpOnly; Secure; "
	    "SameSite=None" },
	{ "delete", { .name = "sid", .value = "", .path = "/",
	    .max_age = COOKIE_DELETE },
	    "sid=; Path=/; Max-Age=0; SameSite=Lax" },
	{ "__Secure- with Secure", { .name = "__Secure-x", .value = "1",
	    .secure = 1 }, "__Secure-x=1; Secure; SameSite=Lax" },
	{ "value with CR LF", { .name = "a", .value = "1\r\nX: y" }, NULL },
	{ "value with ';'", { .name = "a", .value = "1; Domain=evil" },
	    NULL },
	{ "value with space", { .name = "a", .value = "x y" }, NULL },
	{ "value with quote", { .name = "a", .value = "\"x\"" }, NULL },
	{ "NULL value", { .name = "a" }, NULL },
	{ "name with '='", { .name = "a=b", .value = "1" }, NULL },
	{ "empty name", { .name = "", .value = "1" }, NULL },
	{ "path with ';'", { .name = "a", .value = "1", .path = "/x;y" },
	    NULL },
	{ "path with LF", { .name = "a", .value = "1", .path = "/x\ny" },
	    NULL },
	{ "relative path", { .name = "a", .value = "1", .path = "x" }, NULL },
	{ "domain with space", { .name = "a", .value = "1",
	    .domain = "a b" }, NULL },
	{ "empty domain", { .name = "a", .value = "1", .domain = "" },
	    NULL },
	{ "SameSite=None without Secure", { .name = "a", .value = "1",
	    .samesite = COOKIE_SAMESITE_NONE }, NULL },
	{ "unknown SameSite", { .name = "a", .value = "1",
	    .samesite = COOKIE_SAMESITE__MAX }, NULL },
	{ "__Secure- without Secure", { .name = "__Secure-x", .value = "1" },
	    NULL },
	{ "__Host- with a Domain", { .name = "__Host-x", .value = "1",
	    .path = "/", .secure = 1, .domain = "example.org" }, NULL },
	{ "__Host- with another path", { .name = "__Host-x", .value = "1",
	    .path = "/a", .secure = 1 }, NULL },
	{ "__Host- without a path", { .name = "__Host-x", .value = "1",
	    .secure = 1 }, NULL },
	{ "negative Max-Age", { .name = "a", .value = "1", .max_age = -5 },
	    NULL },
};

static void
test_set(void)
{
	struct resp r;
	struct cookie c;
	struct arena *a;
	struct buf big;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(set_cases); i++) {
		a = arena_new();
		memset(&r, 0, sizeof(r));
		rc = resp_cookie_set(&r, a, &set_cases[i].c);
		if (set_cases[i].want != NULL) {
			T_STREQ(nm("resp_cookie_set", set_cases[i].name),
			    resp_header(&r, "Set-Cookie"), set_cases[i].want);
		} else {
			T_STREQ(nm("resp_cookie_set refuses",
			    set_cases[i].name), err_str(rc),
			    err_str(ERR_INVAL));
			T_INTEQ(nm("resp_cookie_set adds nothing",
			    set_cases[i].name), r.nheaders, 0);
		}
		arena_free(a);
	}

	/* Several cookies in one answer, each its own header. */
	a = arena_new();
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	c.name = "a";
	c.value = "1";
	resp_cookie_set(&r, a, &c);
	c.name = "b";
	c.value = "2";
	resp_cookie_set(&r, a, &c);
	T_INTEQ("resp_cookie_set: two cookies, two headers", r.nheaders, 2);
	T_STREQ("resp_cookie_set: second", r.headers[1].value,
	    "b=2; SameSite=Lax");

	/* A value of LIMIT_COOKIE - 1 with a name of 1 passes; +1 not. */
	buf_init(&big, LIMIT_COOKIE + 2);
	while (big.len < LIMIT_COOKIE - 1)
		buf_putc(&big, 'v');
	memset(&r, 0, sizeof(r));
	c.name = "n";
	c.value = big.p;
	T_STREQ("resp_cookie_set: LIMIT_COOKIE bytes", err_str(
	    resp_cookie_set(&r, a, &c)), err_str(ERR_OK));
	buf_putc(&big, 'v');
	c.value = big.p;
	T_STREQ("resp_cookie_set: LIMIT_COOKIE + 1 bytes", err_str(
	    resp_cookie_set(&r, a, &c)), err_str(ERR_INVAL));
	buf_free(&big);
	arena_free(a);
}

int
main(void)
{
	test_parse();
	test_set();
	T_DONE();
}
