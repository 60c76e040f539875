/*
 * test_resp: the headers of an answer.  resp_header_add takes a token
 * name and a value without controls and refuses the rest (no response
 * splitting through a handler), refuses the headers the server frames
 * itself, and stops at LIMIT_RESP_HEADERS; resp_disposition_set writes
 * an RFC 6266 Content-Disposition; resp_cacheable says which answers the
 * address-keyed page cache may keep.
 */
#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*hname;
	const char	*value;
	enum err	 rc;
} add_cases[] = {
	{ "Vary", "Vary", "Cookie", ERR_OK },
	{ "empty value (libmicrohttpd would drop it)", "X-Empty", "",
	    ERR_INVAL },
	{ "tab in value", "X-Tab", "a\tb", ERR_OK },
	{ "UTF-8 in value", "X-Name", "r\xc3\xa9sum\xc3\xa9", ERR_OK },
	{ "CR LF in value", "X-A", "1\r\nSet-Cookie: evil=1", ERR_INVAL },
	{ "LF in value", "X-A", "1\nX: 2", ERR_INVAL },
	{ "CR in value", "X-A", "1\r", ERR_INVAL },
	{ "DEL in value", "X-A", "1\x7f", ERR_INVAL },
	{ "ESC in value", "X-A", "\x1b[31m", ERR_INVAL },
	{ "CR LF in name", "X-A\r\nX-B", "1", ERR_INVAL },
	{ "colon in name", "X-A:", "1", ERR_INVAL },
	{ "space in name", "X A", "1", ERR_INVAL },
	{ "empty name", "", "1", ERR_INVAL },
	{ "Content-Length is the server's", "Content-Length", "5",
	    ERR_INVAL },
	{ "Transfer-Encoding is the server's", "transfer-encoding",
	    "chunked", ERR_INVAL },
	{ "Connection is the server's", "Connection", "close", ERR_INVAL },
	{ "Allow is the server's", "Allow", "GET", ERR_INVAL },
	{ "ETag is the server's", "ETag", "\"x\"", ERR_INVAL },
};

static void
test_add(void)
{
	struct resp r;
	struct arena *a = arena_new();
	char name[32];
	size_t i, n;
	enum err rc;

	for (i = 0; i < nitems(add_cases); i++) {
		memset(&r, 0, sizeof(r));
		rc = resp_header_add(&r, a, add_cases[i].hname,
		    add_cases[i].value);
		T_STREQ(nm("resp_header_add", add_cases[i].name), err_str(rc),
		    err_str(add_cases[i].rc));
		n = add_cases[i].rc == ERR_OK ? 1 : 0;
		T_INTEQ(nm("resp_header_add count", add_cases[i].name),
		    r.nheaders, n);
		if (n == 1)
			T_STREQ(nm("resp_header_add value", add_cases[i].name),
			    resp_header(&r, add_cases[i].hname),
			    add_cases[i].value);
	}

	/* The fields of the answer, set through the same door. */
	memset(&r, 0, sizeof(r));
	resp_header_add(&r, a, "content-type", "text/csv; charset=utf-8");
	resp_header_add(&r, a, "Location", "/admin/articles/7");
	resp_header_add(&r, a, "Cache-Control", "no-store");
	T_STREQ("resp_header_add: Content-Type field", r.content_type,
	    "text/csv; charset=utf-8");
	T_STREQ("resp_header_add: Location field", r.location,
	    "/admin/articles/7");
	T_STREQ("resp_header_add: Cache-Control field", r.cache_control,
	    "no-store");
	T_INTEQ("resp_header_add: fields are not in the list", r.nheaders, 0);
	T_STREQ("resp_header_add: Location with CR LF refused", err_str(
	    resp_header_add(&r, a, "Location", "/x\r\nSet-Cookie: a=1")),
	    err_str(ERR_INVAL));
	T_STREQ("resp_header_add: Location unchanged", r.location,
	    "/admin/articles/7");

	/* LIMIT_RESP_HEADERS fit; one more is ERR_LIMIT. */
	memset(&r, 0, sizeof(r));
	for (i = 0; i < LIMIT_RESP_HEADERS; i++) {
		snprintf(name, sizeof(name), "X-H%zu", i);
		rc = resp_header_add(&r, a, name, "1");
	}
	T_STREQ("resp_header_add: LIMIT_RESP_HEADERS", err_str(rc),
	    err_str(ERR_OK));
	T_STREQ("resp_header_add: one more", err_str(resp_header_add(&r, a,
	    "Vary", "Cookie")), err_str(ERR_LIMIT));
	T_INTEQ("resp_header_add: count stays", r.nheaders,
	    LIMIT_RESP_HEADERS);
	T_STREQ("resp_header: any case", resp_header(&r, "x-h3"), "1");
	arena_free(a);
}

static const struct {
	const char	*name;
	int		 attachment;
	const char	*filename;
	const char	*want;	/* NULL: refused */
} disp_cases[] = {
	{ "plain name", 1, "report.csv",
	    "attachment; filename=\"report.csv\"" },
	{ "inline", 0, "cover.png", "inline; filename=\"cover.png\"" },
	{ "space kept", 1, "my report.pdf",
	    "attachment; filename=\"my report.pdf\"" },
	{ "UTF-8 name", 1, "r\xc3\xa9sum\xc3\xa9.pdf",
	    "attachment; filename=\"r_sum_.pdf\"; "
	    "filename*=UTF-8''r%C3%A9sum%C3%A9.pdf" },
	{ "quote in name", 1, "a\"b.txt",
	    "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt" },
	{ "backslash in name", 1, "a\\b.txt",
	    "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%5Cb.txt" },
	{ "percent in name", 1, "100%25.txt",
	    "attachment; filename=\"100_25.txt\"; "
	    "filename*=UTF-8''100%2525.txt" },
	{ "four-byte character", 1, "\xf0\x9f\x93\x96.txt",
	    "attachment; filename=\"_.txt\"; "
	    "filename*=UTF-8''%F0%9F%93%96.txt" },
	{ "CR LF in name", 1, "a\r\nSet-Cookie: x=1", NULL },
	{ "not UTF-8", 1, "\xff.txt", NULL },
	{ "empty", 1, "", NULL },
};

static void
test_disposition(void)
{
	struct resp r;
	struct arena *a = arena_new();
	char big[LIMIT_FILENAME + 2];
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(disp_cases); i++) {
		memset(&r, 0, sizeof(r));
		rc = resp_disposition_set(&r, a, disp_cases[i].attachment,
		    disp_cases[i].filename);
		if (disp_cases[i].want != NULL)
			T_STREQ(nm("resp_disposition_set", disp_cases[i].name),
			    resp_header(&r, "Content-Disposition"),
			    disp_cases[i].want);
		else
			T_TRUE(nm("resp_disposition_set refuses",
			    disp_cases[i].name), rc == ERR_INVAL &&
			    r.nheaders == 0);
	}
	memset(big, 'n', sizeof(big));
	big[LIMIT_FILENAME] = '\0';
	memset(&r, 0, sizeof(r));
	T_STREQ("resp_disposition_set: LIMIT_FILENAME bytes", err_str(
	    resp_disposition_set(&r, a, 1, big)), err_str(ERR_OK));
	big[LIMIT_FILENAME] = 'n';
	big[LIMIT_FILENAME + 1] = '\0';
	T_STREQ("resp_disposition_set: one byte more", err_str(
	    resp_disposition_set(&r, a, 1, big)), err_str(ERR_INVAL));
	arena_free(a);
}

static void
test_cacheable(void)
{
	static const struct route cached = { HTTP_GET, "/", NULL, NULL,
	    ROUTE_CACHE };
	static const struct route uncached = { HTTP_GET, "/", NULL, NULL,
	    ROUTE_WORKER };
	static const struct {
		const char	*name;
		const struct route *route;
		enum http_method method;
		int		 signed_in;
		int		 status;
		const char	*cc;
		const char	*header;	/* "Name: value" added */
		int		 want;
	} cases[] = {
		{ "anonymous GET, 200", &cached, HTTP_GET, 0, 200, NULL, NULL,
		    1 },
		{ "no-cache is still cacheable here", &cached, HTTP_GET, 0,
		    200, "no-cache", NULL, 1 },
		{ "no-store", &cached, HTTP_GET, 0, 200, "no-store", NULL, 0 },
		{ "private", &cached, HTTP_GET, 0, 200, "private, max-age=0",
		    NULL, 0 },
		{ "NO-STORE in capitals", &cached, HTTP_GET, 0, 200,
		    "NO-STORE", NULL, 0 },
		{ "signed in", &cached, HTTP_GET, 1, 200, NULL, NULL, 0 },
		{ "Set-Cookie", &cached, HTTP_GET, 0, 200, NULL, "Set-Cookie",
		    0 },
		{ "Vary", &cached, HTTP_GET, 0, 200, NULL, "Vary", 0 },
		{ "other header", &cached, HTTP_GET, 0, 200, NULL, "X-Other",
		    1 },
		{ "POST", &cached, HTTP_POST, 0, 200, NULL, NULL, 0 },
		{ "404", &cached, HTTP_GET, 0, 404, NULL, NULL, 0 },
		{ "route not cached", &uncached, HTTP_GET, 0, 200, NULL, NULL,
		    0 },
		{ "no route", NULL, HTTP_GET, 0, 200, NULL, NULL, 0 },
	};
	struct arena *a = arena_new();
	struct resp r;
	struct req q;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		memset(&q, 0, sizeof(q));
		memset(&r, 0, sizeof(r));
		q.route = cases[i].route;
		q.method = cases[i].method;
		q.signed_in = cases[i].signed_in;
		r.status = cases[i].status;
		r.cache_control = cases[i].cc;
		if (cases[i].header != NULL)
			resp_header_add(&r, a, cases[i].header, "x=1");
		T_INTEQ(nm("resp_cacheable", cases[i].name),
		    resp_cacheable(&q, &r), cases[i].want);
	}
	arena_free(a);
}

int
main(void)
{
	test_add();
	test_disposition();
	test_cacheable();
	T_DONE();
}
