/*
 * test_http_server: the http module's server on a free loopback port,
 * in this process, with a route table and hooks of the test's own (the
 * site has no PUT, upload, JSON or cookie-setting route yet), talked to
 * over real sockets.  It checks what reaches a handler and what leaves
 * it: PUT, PATCH and DELETE routes and the Allow header; cookies in and
 * several Set-Cookie out; Vary, Content-Disposition and a Content-Type
 * of the handler's; a header with CR LF never sent; files streamed to
 * temporary files a worker reads, gone once the request ends; JSON
 * bodies and the position of their errors; and the session hook, which
 * keeps signed-in requests away from the fast path.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "test.h"

struct ctx {
	int	 worker;
	int	 id;		/* the worker's, from 1 */
};

static int workers_made;

static struct ctx poll_ctx = { 0 };
static int fast_calls;
static char upload_path[256];

static enum err
h_home(struct ctx *ctx, struct req *r, struct resp *resp)
{
	resp->content_type = "text/plain";
	return buf_printf(&resp->body, "rendered signed_in=%d worker=%d",
	    r->signed_in, ctx->worker);
}

static enum err
h_who(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)r;
	resp->content_type = "text/plain";
	return buf_printf(&resp->body, "%d", ctx->id);
}

static enum err
h_cookies(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct cookie c = { .name = "__Host-sid", .value = "abc",
	    .path = "/", .http_only = 1, .secure = 1,
	    .samesite = COOKIE_SAMESITE_STRICT };
	struct cookie d = { .name = "theme", .value = "dark",
	    .max_age = 86400 };

	(void)ctx;
	resp_cookie_set(resp, r->arena, &c);
	resp_cookie_set(resp, r->arena, &d);
	resp_header_add(resp, r->arena, "Vary", "Cookie");
	resp->cache_control = "no-store";
	resp->content_type = "text/plain";
	return buf_printf(&resp->body, "sid=%s n=%zu", req_cookie(r, "sid") !=
	    NULL ? req_cookie(r, "sid") : "-", r->ncookies);
}

static enum err
h_download(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)ctx;
	resp_header_add(resp, r->arena, "Content-Type",
	    "text/csv; charset=utf-8");
	resp_disposition_set(resp, r->arena, 1, "r\xc3\xa9sum\xc3\xa9 \"1\".csv");
	return buf_puts(&resp->body, "a,b\n1,2\n");
}

static enum err
h_split(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)ctx;
	resp_header_add(resp, r->arena, "X-Note", "a\r\nSet-Cookie: evil=1");
	resp->location = "/x\r\nSet-Cookie: evil=2";
	resp->content_type = "text/plain";
	return buf_puts(&resp->body, "split");
}

static enum err
h_item(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)ctx;
	resp->content_type = "text/plain";
	return buf_printf(&resp->body, "%s %s form=%s",
	    http_method_names[r->method], r->args[0], req_form(r, "v") != NULL ?
	    req_form(r, "v") : "-");
}

static enum err
h_upload(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct upload *u = req_upload(r, "file");
	char data[64];
	ssize_t n;

	resp->content_type = "text/plain";
	if (u == NULL)
		return buf_puts(&resp->body, "no file");
	n = pread(u->fd, data, sizeof(data) - 1, 0);
	data[n > 0 ? n : 0] = '\0';
	snprintf(upload_path, sizeof(upload_path), "%s", u->path);
	return buf_printf(&resp->body, "worker=%d title=%s name=%s type=%s "
	    "size=%llu data=%s", ctx->worker, req_form(r, "title"),
	    u->filename, u->content_type, (unsigned long long)u->size, data);
}

static enum err
h_api(struct ctx *ctx, struct req *r, struct resp *resp)
{
	char *s;
	enum err rc;

	(void)ctx;
	if (r->json == NULL)
		return buf_puts(&resp->body, "no json");
	s = json_dumps(r->json, JSON_COMPACT | JSON_SORT_KEYS);
	rc = buf_puts(&resp->body, s);
	free(s);
	resp->content_type = "application/json";
	return rc;
}

static const struct route routes[] = {
	{ HTTP_GET, "/", h_home, NULL, ROUTE_CACHE },
	{ HTTP_GET, "/cookies", h_cookies, NULL, 0 },
	{ HTTP_GET, "/download", h_download, NULL, 0 },
	{ HTTP_GET, "/split", h_split, NULL, 0 },
	{ HTTP_PUT, "/items/:id", h_item, NULL, ROUTE_WORKER },
	{ HTTP_PATCH, "/items/:id", h_item, NULL, 0 },
	{ HTTP_DELETE, "/items/:id", h_item, NULL, 0 },
	{ HTTP_POST, "/upload", h_upload, NULL, ROUTE_WORKER | ROUTE_UPLOAD },
	{ HTTP_POST, "/api", h_api, NULL, ROUTE_JSON },
	{ HTTP_GET, "/who", h_who, NULL, ROUTE_WORKER },
};

static struct ctx *
ctx_new(struct ctx *parent)
{
	struct ctx *c = xcalloc(1, sizeof(*c));

	(void)parent;
	c->worker = 1;
	c->id = __atomic_add_fetch(&workers_made, 1, __ATOMIC_SEQ_CST);
	return c;
}

static void
ctx_free(struct ctx *c)
{
	free(c);
}

/* A signed-in request carries the one session of this test's table. */
static int
session(struct ctx *ctx, struct req *r)
{
	const char *sid = req_cookie(r, "sid");

	(void)ctx;
	return sid != NULL && strcmp(sid, "valid-session") == 0;
}

/* The "page cache" holds the home page. */
static int
fast(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)ctx;
	fast_calls++;
	if (r->route->flags & ROUTE_CACHE) {
		resp->content_type = "text/plain";
		buf_puts(&resp->body, "from cache");
		return 1;
	}
	return 0;
}

static struct http_config cfg;
static struct http_hooks hooks;
static char listen_at[64];
static char tmpdir[] = "/tmp/octavo-test-server-XXXXXX";

static void *
serve(void *arg)
{
	(void)arg;
	http_serve(&cfg, routes, nitems(routes), &hooks);
	return NULL;
}

/* An HTTP answer: status, raw header lines, body. */
struct answer {
	int		 status;
	struct buf	 head;
	struct buf	 body;
};

static int
port_free(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static int
dial(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)port);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
send_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0 && (w = write(fd, p, n)) > 0) {
		p += w;
		n -= (size_t)w;
	}
}

/* Read one answer from fd (Content-Length framed); status -1 on error. */
static void
read_answer(int fd, struct answer *a)
{
	char c, *cl;
	size_t want = 0;
	ssize_t n;

	a->status = -1;
	buf_init(&a->head, 1 << 16);
	buf_init(&a->body, 1 << 20);
	buf_puts(&a->head, "");
	buf_puts(&a->body, "");
	while (a->head.len < 4 || strcmp(a->head.p + a->head.len - 4,
	    "\r\n\r\n") != 0) {
		if (read(fd, &c, 1) != 1 || buf_putc(&a->head, c) != ERR_OK)
			return;
	}
	if (sscanf(a->head.p, "HTTP/1.1 %d", &a->status) != 1)
		a->status = -1;
	cl = strcasestr(a->head.p, "\r\nContent-Length: ");
	if (cl != NULL)
		want = strtoul(cl + 18, NULL, 10);
	while (a->body.len < want) {
		char chunk[4096];
		size_t left = want - a->body.len;

		n = read(fd, chunk, left < sizeof(chunk) ? left : sizeof(chunk));
		if (n <= 0 || buf_add(&a->body, chunk, (size_t)n) != ERR_OK)
			return;
	}
}

static void
answer_free(struct answer *a)
{
	buf_free(&a->head);
	buf_free(&a->body);
}

/* The values of every header called name, joined by " | " (static). */
static const char *
values(const struct answer *a, const char *name)
{
	static char out[2048];
	char pat[64];
	const char *p = a->head.p, *e;
	size_t n = 0;

	out[0] = '\0';
	snprintf(pat, sizeof(pat), "\r\n%s: ", name);
	while ((p = strcasestr(p, pat)) != NULL) {
		p += strlen(pat);
		e = strstr(p, "\r\n");
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%.*s",
		    n > 0 ? " | " : "", (int)(e - p), p);
		if (n >= sizeof(out))
			break;
	}
	return out;
}

static int port;

/* One request on its own connection. */
static void
ask(const char *req, size_t len, struct answer *a)
{
	int fd = dial(port);

	if (fd == -1) {
		memset(a, 0, sizeof(*a));
		a->status = -1;
		buf_init(&a->head, 1);
		buf_init(&a->body, 1);
		return;
	}
	send_all(fd, req, len);
	read_answer(fd, a);
	close(fd);
}

static void
asks(const char *req, struct answer *a)
{
	ask(req, strlen(req), a);
}

/*
 * Requests one at a time go to the worker idle last, each time the
 * same one (its caches warm), not to each worker in turn.
 */
static void
test_idle_last(void)
{
	struct answer a;
	int seen[8] = { 0 }, i, id, most = 0, ok = 0;

	for (i = 0; i < 40; i++) {
		asks("GET /who HTTP/1.1\r\nHost: t\r\n"
		    "Connection: close\r\n\r\n", &a);
		id = a.status == 200 ? atoi(a.body.p) : 0;
		ok += a.status == 200;
		if (id > 0 && id < (int)nitems(seen) && ++seen[id] > most)
			most = seen[id];
		answer_free(&a);
	}
	T_INTEQ("one at a time: answered", ok, 40);
	T_INTEQ("workers made", workers_made, 3);
	/* A turn may rarely go to another while the last is not back. */
	if (most >= 36)
		T_PASS("one at a time: the same worker");
	else {
		printf("FAIL one at a time: the same worker: have %d of 40 "
		    "on one, want 36 or more\n", most);
		test_failed = 1;
	}
}

static void
test_methods(void)
{
	struct answer a;

	asks("PUT /items/7 HTTP/1.1\r\nHost: t\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\nContent-Length: 3\r\n"
	    "Connection: close\r\n\r\nv=1", &a);
	T_INTEQ("PUT route: 200", a.status, 200);
	T_STREQ("PUT route: reached, on a worker", a.body.p, "PUT 7 form=1");
	answer_free(&a);
	asks("PATCH /items/8 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
	    &a);
	T_STREQ("PATCH route", a.body.p, "PATCH 8 form=-");
	answer_free(&a);
	asks("DELETE /items/9 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
	    &a);
	T_STREQ("DELETE route", a.body.p, "DELETE 9 form=-");
	answer_free(&a);
	asks("POST /items/9 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n", &a);
	T_INTEQ("POST where PUT, PATCH, DELETE are: 405", a.status, 405);
	T_STREQ("405 Allow, from the route table", values(&a, "Allow"),
	    "PUT, PATCH, DELETE, OPTIONS");
	answer_free(&a);
	asks("OPTIONS /items/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
	    &a);
	T_INTEQ("OPTIONS: 204", a.status, 204);
	T_STREQ("OPTIONS: Allow", values(&a, "Allow"),
	    "PUT, PATCH, DELETE, OPTIONS");
	answer_free(&a);
	asks("OPTIONS * HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", &a);
	T_STREQ("OPTIONS *: Allow", values(&a, "Allow"),
	    "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
	answer_free(&a);
}

static void
test_headers(void)
{
	struct answer a;

	asks("GET /cookies HTTP/1.1\r\nHost: t\r\nCookie: a=1; junk; "
	    "sid=\"xyz\"; b c=2\r\nConnection: close\r\n\r\n", &a);
	T_STREQ("cookies reach the handler, malformed ones skipped", a.body.p,
	    "sid=xyz n=2");
	T_STREQ("several Set-Cookie", values(&a, "Set-Cookie"),
	    "__Host-sid=abc; Path=/; HttpOnly; Secure; SameSite=Strict | "
	    "theme=dark; Max-Age=86400; SameSite=Lax");
	T_STREQ("Vary", values(&a, "Vary"), "Cookie");
	T_STREQ("no-store", values(&a, "Cache-Control"), "no-store");
	answer_free(&a);
	asks("GET /download HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
	    &a);
	T_STREQ("a Content-Type of the handler's", values(&a, "Content-Type"),
	    "text/csv; charset=utf-8");
	T_STREQ("Content-Disposition", values(&a, "Content-Disposition"),
	    "attachment; filename=\"r_sum_ _1_.csv\"; "
	    "filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.csv");
	answer_free(&a);
	asks("GET /split HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", &a);
	T_INTEQ("CR LF in headers: still answered", a.status, 200);
	T_TRUE("CR LF in headers: no header made of them",
	    strstr(a.head.p, "evil") == NULL && values(&a, "X-Note")[0] ==
	    '\0' && values(&a, "Location")[0] == '\0');
	answer_free(&a);
}

static void
test_upload(void)
{
	static const char body[] =
	    "--b0\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Cover\r\n--b0\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"c.png\"\r\nContent-Type: image/png\r\n\r\n"
	    "\x89PNG bytes\r\n--b0--\r\n";
	struct answer a;
	struct buf req;
	struct stat st;
	size_t half;
	int fd;

	buf_init(&req, 4096);
	buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: "
	    "multipart/form-data; boundary=b0\r\nContent-Length: %zu\r\n\r\n",
	    sizeof(body) - 1);
	fd = dial(port);
	/* Headers, then the body in two writes cut inside the file. */
	send_all(fd, req.p, req.len);
	half = sizeof(body) / 2 + 20;
	send_all(fd, body, half);
	send_all(fd, body + half, sizeof(body) - 1 - half);
	read_answer(fd, &a);
	T_STREQ("upload: the worker reads the file", a.body.p,
	    "worker=1 title=Cover name=c.png type=image/png size=10 "
	    "data=\x89PNG bytes");
	T_TRUE("upload: in the configured directory", strncmp(upload_path,
	    tmpdir, strlen(tmpdir)) == 0);
	answer_free(&a);
	/* The next answer on this connection comes after the first ended. */
	send_all(fd, "GET /items HTTP/1.1\r\nHost: t\r\n\r\n", 32);
	read_answer(fd, &a);
	T_INTEQ("upload: next request on the connection", a.status, 404);
	T_INTEQ("upload: the file is gone at request end",
	    stat(upload_path, &st), -1);
	answer_free(&a);
	close(fd);
	buf_free(&req);

	buf_init(&req, 4096);
	buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: "
	    "multipart/form-data; boundary=b0\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n%.*s", sizeof(body) - 1 - 10,
	    (int)(sizeof(body) - 1 - 10), body);
	ask(req.p, req.len, &a);
	T_INTEQ("upload cut short: 400", a.status, 400);
	answer_free(&a);
	buf_free(&req);

	buf_init(&req, 4096);
	buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: "
	    "multipart/form-data; boundary=b0\r\nContent-Length: %lld\r\n"
	    "Connection: close\r\n\r\n", LIMIT_UPLOAD + 1LL);
	ask(req.p, req.len, &a);
	T_INTEQ("upload over LIMIT_UPLOAD: 413 before the body", a.status, 413);
	answer_free(&a);
	buf_free(&req);
}

static void
test_json(void)
{
	static const struct {
		const char	*name;
		const char	*ct;
		const char	*body;
		int		 status;
		const char	*want;	/* in the body */
	} cases[] = {
		{ "object", "application/json", "{\"b\": [1, 2], \"a\": null}",
		    200, "{\"a\":null,\"b\":[1,2]}" },
		{ "malformed", "application/json", "{\"a\": 1,\n \"b\"}", 400,
		    "line 2, column 5, byte 14" },
		{ "duplicate key", "application/json; charset=utf-8",
		    "{\"a\": 1, \"a\": 2}", 400, "duplicate object key" },
		{ "a form where JSON is expected",
		    "application/x-www-form-urlencoded", "a=1", 200, "no json" },
		{ "text", "text/plain", "{}", 415, "" },
	};
	struct answer a;
	struct buf req;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		buf_init(&req, 4096);
		buf_printf(&req, "POST /api HTTP/1.1\r\nHost: t\r\nContent-Type:"
		    " %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
		    cases[i].ct, strlen(cases[i].body), cases[i].body);
		ask(req.p, req.len, &a);
		T_INTEQ(nm("json status", cases[i].name), a.status,
		    cases[i].status);
		T_TRUE(nm("json body", cases[i].name), strstr(a.body.p,
		    cases[i].want) != NULL);
		answer_free(&a);
		buf_free(&req);
	}
}

static void
test_session(void)
{
	struct answer a;
	int before = fast_calls;

	asks("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", &a);
	T_STREQ("anonymous: from the fast path", a.body.p, "from cache");
	T_INTEQ("anonymous: fast called once", fast_calls, before + 1);
	answer_free(&a);
	asks("GET / HTTP/1.1\r\nHost: t\r\nCookie: sid=valid-session\r\n"
	    "Connection: close\r\n\r\n", &a);
	T_STREQ("signed in: the route runs, and knows", a.body.p,
	    "rendered signed_in=1 worker=0");
	T_INTEQ("signed in: fast not called", fast_calls, before + 1);
	answer_free(&a);
	asks("GET / HTTP/1.1\r\nHost: t\r\nCookie: sid=forged\r\n"
	    "Connection: close\r\n\r\n", &a);
	T_STREQ("unknown session: anonymous", a.body.p, "from cache");
	answer_free(&a);
}

int
main(void)
{
	struct answer a;
	pthread_t th;
	sigset_t set;
	int i, fd = -1;

	if (mkdtemp(tmpdir) == NULL) {
		printf("FAIL mkdtemp: %s\n", tmpdir);
		return 1;
	}
	/* http_serve takes SIGTERM by sigwait: no thread may take it. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	port = port_free();
	snprintf(listen_at, sizeof(listen_at), "127.0.0.1:%d", port);
	cfg.listen = listen_at;
	cfg.workers = 3;
	cfg.tmpdir = tmpdir;
	hooks.ctx = &poll_ctx;
	hooks.ctx_new = ctx_new;
	hooks.ctx_free = ctx_free;
	hooks.session = session;
	hooks.fast = fast;
	pthread_create(&th, NULL, serve, NULL);
	for (i = 0; i < 500 && (fd = dial(port)) == -1; i++)
		nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
	if (fd == -1) {
		printf("FAIL server: not listening on %s\n", listen_at);
		return 1;
	}
	close(fd);
	test_methods();
	test_headers();
	test_upload();
	test_json();
	test_session();
	test_idle_last();
	asks("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", &a);
	answer_free(&a);
	http_stop();
	pthread_join(th, NULL);
	T_INTEQ("no temporary file left", rmdir(tmpdir), 0);
	T_DONE();
}
