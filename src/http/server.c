/*
 * server: libmicrohttpd glue.  One internal polling thread (epoll) parses
 * requests and answers what memory can answer; routes flagged ROUTE_WORKER
 * suspend their connection and go to a small pool of worker threads, each
 * with its own context (database connection), which resume it when the
 * answer is ready.  Responses are queued on the second call of the access
 * handler at the earliest, which keeps keep-alive working.
 *
 * Invariant: every request ends through respond(), which applies the
 * conditional-GET check and the common headers, so no path can skip the
 * access log or the security headers.
 *
 * Every connection has a struct sock (guard.c) from accept to close; the
 * request under way hangs from it, so that its memory is freed when the
 * connection closes even if libmicrohttpd never reports the request
 * complete.  A head is judged before anything else: ambiguous framing
 * (two lengths, a length and a transfer coding, a coding other than
 * chunked) and a missing or repeated Host are refused at once, and the
 * connection then closes (RFC 9112 3.2, 6.1, 6.3).
 */
#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http.h"

enum conn_state {
	CS_NEW,		/* headers seen, body may follow */
	CS_QUEUED,	/* suspended, waiting for a worker */
	CS_READY,	/* a worker answered; resumed */
	CS_DONE		/* response queued */
};

struct conn {
	struct req		 req;
	struct resp		 resp;
	struct MHD_Connection	*mhd;
	struct sock		*sock;		/* its connection */
	enum conn_state		 state;
	const char		*raw_uri;
	const char		*method_name;
	size_t			 sent;
	struct reqbody		*rb;		/* NULL: no body */
	enum err		 body_err;	/* the body's first error */
	int			 early;		/* answered from the headers */
	int			 refuse;	/* answer at once, then close */
	size_t			 discarded;
	const char		*allow;		/* methods, for 405, OPTIONS */
	struct ctx		*ctx;		/* of the thread answering */
	struct conn		*next;		/* worker queue */
};

/*
 * A worker thread.  Idle workers wait on a stack, each on its own
 * condition: a request goes to the one idle last, whose CPU caches and
 * database pages are warmest, rather than to whichever waited longest
 * (a condition shared by all wakes them in turn).  One request at a
 * time is then always answered by the same worker.
 */
struct worker {
	struct server			*s;
	pthread_t			 thread;
	pthread_cond_t			 cond;
	int				 idle;	/* on the stack */
};

struct server {
	const struct http_config	*cfg;
	const struct route		*routes;
	size_t				 nroutes;
	const struct http_hooks		*hooks;
	struct MHD_Daemon		*mhd;
	pthread_mutex_t			 lock;
	struct conn			*head, *tail;
	int				 stopping;
	int				 nworkers;
	struct worker			*workers;	/* nworkers */
	struct worker			**idle;		/* a stack */
	int				 nidle;
	struct ipaddr			*trusted;	/* proxies */
	size_t				 ntrusted;
	const char			*tmpdir;	/* for uploads */
	struct ctx			*inline_ctx;	/* workers 0 */
	struct guard			*guard;
};

static atomic_uint_fast64_t next_id;

/* Scripts: the site's own files only (never inline, never elsewhere). */
static const char sec_csp[] = "default-src 'self'; img-src 'self' https: "
    "data:; style-src 'self'; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'self'";

/* Forget a zero-copy body, releasing it. */
static void
resp_drop_data(struct resp *r)
{
	if (r->data != NULL && r->release != NULL)
		r->release(r->release_arg);
	r->data = NULL;
	r->datalen = 0;
	r->release = NULL;
	if (r->file)
		close(r->fd);
	r->file = 0;
}

static void
conn_free(struct conn *c)
{
	req_body_free(c->rb);
	buf_free(&c->req.body);
	buf_free(&c->resp.body);
	resp_drop_data(&c->resp);
	arena_free(c->req.arena);
}

/* MHD_OPTION_URI_LOG_CALLBACK: the first call for a request. */
static void *
conn_new(void *cls, const char *uri, struct MHD_Connection *mhd)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *ci;
	struct sock *sk = NULL;
	struct conn *c;
	struct arena *a;
	char *q;

	if (uri == NULL)
		uri = "";
	a = arena_new();
	c = arena_alloc(a, sizeof(*c));
	c->req.arena = a;
	c->req.id = atomic_fetch_add(&next_id, 1) + 1;
	c->mhd = mhd;
	c->ctx = s->hooks->ctx;
	c->raw_uri = arena_strdup(a, uri);
	c->req.target = c->raw_uri;
	buf_init(&c->req.body, LIMIT_BODY);
	buf_init(&c->resp.body, LIMIT_PAGE);
	ci = MHD_get_connection_info(mhd, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci != NULL && (sk = ci->socket_context) != NULL) {
		if (sk->req != NULL)	/* dropped without NOTIFY_COMPLETED */
			conn_free(sk->req);
		sk->req = c;
	}
	c->sock = sk;
	/*
	 * libmicrohttpd 0.9.75 next splits the query into one record per
	 * '&' in the connection's fixed memory pool, ignores the failure
	 * when they do not fit (a few hundred '&' suffice), and then never
	 * answers the request nor reports it complete.  Octavo parses the
	 * query itself, from raw_uri, and never asks libmicrohttpd for it,
	 * so the query is cut short in libmicrohttpd's copy of the line:
	 * uri points into its writable read buffer, and the arguments are
	 * split after this call returns.  tests/http/test_attack_memory.py
	 * holds this.
	 */
	if ((q = strchr(uri, '?')) != NULL)
		q[1] = '\0';
	return c;
}

/* Escape untrusted bytes for a log line: no quotes, no controls. */
static const char *
log_safe(struct arena *a, const char *s)
{
	size_t i, n = strlen(s);
	char *o, *p;

	if (n > 256)
		n = 256;
	o = p = arena_alloc(a, n * 4 + 1);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\') {
			snprintf(p, 5, "\\x%02x", ch);
			p += 4;
		} else
			*p++ = (char)ch;
	}
	*p = '\0';
	return o;
}

static void
access_log(struct server *s, struct conn *c)
{
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;

	if (s->cfg->access_log == NULL)
		return;
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%d/%b/%Y:%H:%M:%S +0000", &tm);
	fprintf(s->cfg->access_log, "%s - - [%s] \"%s %s\" %d %zu \"%s\" "
	    "id=%llu\n", c->req.remote != NULL ? c->req.remote : "-", ts,
	    c->method_name != NULL ? log_safe(c->req.arena, c->method_name) :
	    "-", log_safe(c->req.arena, c->raw_uri), c->resp.status, c->sent,
	    log_safe(c->req.arena, c->req.user_agent != NULL ?
	    c->req.user_agent : ""), (unsigned long long)c->req.id);
}

/* MHD_OPTION_NOTIFY_COMPLETED */
static void
conn_done(void *cls, struct MHD_Connection *mhd, void **ctx,
    enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct conn *c = *ctx;
	struct sock *sk;

	(void)mhd;
	if (c == NULL)
		return;
	sk = c->sock;
	if (c->state == CS_DONE)
		access_log(s, c);
	conn_free(c);
	*ctx = NULL;
	if (sk == NULL)
		return;
	sk->req = NULL;
	if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
		guard_sock_idle(s->guard, sk, guard_now());
}

/* MHD_OPTION_NOTIFY_CONNECTION: a connection opens or closes. */
static void
sock_notify(void *cls, struct MHD_Connection *mhd, void **sctx,
    enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *ci;
	struct sock *sk = *sctx;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(mhd,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		*sctx = guard_sock_open(s->guard, ci != NULL ?
		    ci->connect_fd : -1, guard_now());
		return;
	}
	if (sk == NULL)
		return;
	if (sk->req != NULL) {
		/*
		 * libmicrohttpd dropped the request without NOTIFY_COMPLETED
		 * (some of its own error paths do).
		 */
		log_debug("request %llu: dropped by libmicrohttpd",
		    (unsigned long long)((struct conn *)sk->req)->req.id);
		conn_free(sk->req);
	}
	guard_sock_close(s->guard, sk);
	*sctx = NULL;
}

/*
 * Add a header, or log why not: resp_header_add checked what handlers
 * add, but the fields may be set directly, and libmicrohttpd refuses
 * CR, LF and empty values without a word.
 */
static void
header_put(struct conn *c, struct MHD_Response *m, const char *name,
    const char *value)
{
	if (!http_value_valid(value) ||
	    MHD_add_response_header(m, name, value) != MHD_YES)
		log_warnx("request %llu: response header %s dropped: its "
		    "value cannot be sent", (unsigned long long)c->req.id,
		    name);
}

/*
 * Conditional GET (RFC 9110 13.1): If-None-Match against the ETag; only
 * without it, If-Modified-Since against a Last-Modified the handler set.
 * A date that does not parse is ignored, as the RFC says.
 */
static int
not_modified(const struct req *q, const struct resp *r)
{
	const char *lm;
	int64_t since, mod;

	if (r->status != 200 || q->method != HTTP_GET)
		return 0;
	if (q->if_none_match != NULL)
		return r->etag[0] != '\0' &&
		    strstr(q->if_none_match, r->etag) != NULL;
	if (q->if_modified_since == NULL ||
	    (lm = resp_header(r, "Last-Modified")) == NULL)
		return 0;
	return time_parse_http(q->if_modified_since, &since) == ERR_OK &&
	    time_parse_http(lm, &mod) == ERR_OK && mod <= since;
}

static enum MHD_Result
respond(struct conn *c)
{
	struct resp *r = &c->resp;
	struct MHD_Response *m;
	enum MHD_Result ret;
	size_t i;

	resp_encode(&c->req, r, 0);
	if (not_modified(&c->req, r)) {
		r->status = 304;
		resp_drop_data(r);
		buf_reset(&r->body);
	}
	if (r->data != NULL) {
		c->sent = r->datalen;
		/*
		 * MHD calls release when it destroys the response, which
		 * may be after conn_done: it must not need the conn.
		 */
		m = MHD_create_response_from_buffer_with_free_callback_cls(
		    r->datalen, (void *)r->data, r->release, r->release_arg);
		r->data = NULL;
		r->release = NULL;
	} else if (r->file) {
		/* MHD owns the descriptor now, and closes it. */
		c->sent = r->filelen;
		m = MHD_create_response_from_fd64(r->filelen, r->fd);
		if (m == NULL)
			close(r->fd);
		r->file = 0;
	} else {
		c->sent = r->body.len;
		m = MHD_create_response_from_buffer(r->body.len,
		    r->body.p != NULL ? r->body.p : (void *)"",
		    MHD_RESPMEM_PERSISTENT);
	}
	if (m == NULL)
		return MHD_NO;
	if (r->content_type != NULL && r->status != 304)
		header_put(c, m, "Content-Type", r->content_type);
	if (r->coding != HTTP_CODING_IDENTITY && r->status != 304)
		header_put(c, m, "Content-Encoding",
		    http_coding_names[r->coding]);
	if (r->vary)
		header_put(c, m, "Vary", "Accept-Encoding");
	/* A private route's answers, errors too, are never stored. */
	if (c->req.route != NULL && (c->req.route->flags & ROUTE_PRIVATE))
		r->cache_control = "no-store";
	header_put(c, m, "Cache-Control", r->cache_control != NULL ?
	    r->cache_control : "no-cache");
	if (r->etag[0] != '\0')
		header_put(c, m, "ETag", r->etag);
	if (r->location != NULL)
		header_put(c, m, "Location", r->location);
	if ((r->status == 405 || r->status == 204) && c->allow != NULL)
		header_put(c, m, "Allow", c->allow);
	for (i = 0; i < r->nheaders; i++)
		header_put(c, m, r->headers[i].name, r->headers[i].value);
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(m, "Referrer-Policy",
	    "strict-origin-when-cross-origin");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	MHD_add_response_header(m, "Content-Security-Policy",
	    r->csp != NULL ? r->csp : sec_csp);
	ret = MHD_queue_response(c->mhd, (unsigned)r->status, m);
	MHD_destroy_response(m);
	c->state = CS_DONE;
	return ret;
}

/*
 * A handler's error as a status.  Input is parsed, and its limits turned
 * into 413 or 414, before a handler runs; a limit a handler meets is one
 * of its output (a page larger than LIMIT_PAGE), which is the site's
 * failure, not the reader's: 500, with its cause in the log.
 */
static int
err_status(enum err e)
{
	switch (e) {
	case ERR_OK:
		return 200;
	case ERR_NOTFOUND:
		return 404;
	case ERR_PARSE:
	case ERR_INVAL:
		return 400;
	case ERR_METHOD:
		return 405;
	case ERR_AUTH:
		return 403;
	case ERR_CONFLICT:
		return 409;
	case ERR_BUSY:
		return 503;
	default:
		return 500;
	}
}

/* The one place where errors become statuses and the theme's page. */
static void
fail(struct server *s, struct conn *c, int status, const char *why)
{
	struct resp *r = &c->resp;

	resp_drop_data(r);
	r->location = NULL;
	r->etag[0] = '\0';
	r->cache_control = NULL;
	r->csp = NULL;
	r->nheaders = 0;	/* a failed handler's cookies are not sent */
	memset(r->coded, 0, sizeof(r->coded));	/* they were data's */
	r->coded_only = 0;
	r->coding = HTTP_CODING_IDENTITY;
	r->encoded = 0;
	r->vary = 0;
	buf_reset(&r->body);
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	/* A 503 is temporary (a locked database): say when to come back. */
	if (status == 503)
		resp_header_add(r, c->req.arena, "Retry-After",
		    arena_printf(c->req.arena, "%d", LIMIT_RETRY_AFTER));
	if (s->hooks->error != NULL)
		s->hooks->error(c->ctx, &c->req, r, status, why);
	if (r->body.len == 0) {
		r->content_type = "text/plain; charset=utf-8";
		buf_printf(&r->body, "%d %s\n", status, why != NULL &&
		    status != 500 ? why : "error");
	}
}

static void
run_route(struct server *s, struct conn *c)
{
	enum err e;

	c->resp.status = 200;
	if (s->hooks->begin != NULL)
		s->hooks->begin(c->ctx, &c->req);
	e = c->req.route->fn(c->ctx, &c->req, &c->resp);
	if (e != ERR_OK && err_status(e) == 500)
		log_warnx("request %llu: %s: %s", (unsigned long long)c->req.id,
		    log_safe(c->req.arena, c->raw_uri), err_str(e));
	if (e != ERR_OK)
		fail(s, c, err_status(e), NULL);
	/* Compressed here, on the worker, not on the polling thread. */
	resp_encode(&c->req, &c->resp, (c->req.route->flags &
	    ROUTE_WORKER) != 0);
}

/* w on the idle stack, or off it; s->lock held. */
static void
idle_push(struct server *s, struct worker *w)
{
	if (!w->idle) {
		s->idle[s->nidle++] = w;
		w->idle = 1;
	}
}

static void
idle_drop(struct server *s, struct worker *w)
{
	int i;

	for (i = 0; w->idle && i < s->nidle; i++)
		if (s->idle[i] == w) {
			memmove(&s->idle[i], &s->idle[i + 1],
			    (size_t)(s->nidle - i - 1) * sizeof(s->idle[0]));
			s->nidle--;
			w->idle = 0;
		}
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct server *s = w->s;
	struct conn *c;
	struct ctx *ctx = NULL;

	if (s->hooks->ctx_new != NULL &&
	    (ctx = s->hooks->ctx_new(s->hooks->ctx)) == NULL)
		log_warnx("worker: cannot set up; requests get 500");
	for (;;) {
		pthread_mutex_lock(&s->lock);
		while (s->head == NULL && !s->stopping) {
			idle_push(s, w);
			pthread_cond_wait(&w->cond, &s->lock);
		}
		idle_drop(s, w);
		c = s->head;
		if (c == NULL) {	/* stopping, queue drained */
			pthread_mutex_unlock(&s->lock);
			break;
		}
		s->head = c->next;
		if (s->head == NULL)
			s->tail = NULL;
		pthread_mutex_unlock(&s->lock);
		c->ctx = ctx != NULL ? ctx : s->hooks->ctx;
		if (ctx == NULL)
			fail(s, c, 500, "worker unavailable");
		else
			run_route(s, c);
		c->state = CS_READY;
		/*
		 * Idle again before the answer leaves, so that the client's
		 * next request finds this worker on top of the stack.
		 */
		pthread_mutex_lock(&s->lock);
		if (s->head == NULL)
			idle_push(s, w);
		pthread_mutex_unlock(&s->lock);
		MHD_resume_connection(c->mhd);
	}
	if (s->hooks->ctx_free != NULL && ctx != NULL)
		s->hooks->ctx_free(ctx);
	return NULL;
}

static void
enqueue(struct server *s, struct conn *c)
{
	struct worker *w;

	c->state = CS_QUEUED;
	c->next = NULL;
	MHD_suspend_connection(c->mhd);
	pthread_mutex_lock(&s->lock);
	if (s->tail != NULL)
		s->tail->next = c;
	else
		s->head = c;
	s->tail = c;
	if (s->nidle > 0) {
		w = s->idle[--s->nidle];
		w->idle = 0;
		pthread_cond_signal(&w->cond);
	}
	pthread_mutex_unlock(&s->lock);
}

static const char *
header(struct MHD_Connection *m, const char *name)
{
	return MHD_lookup_connection_value(m, MHD_HEADER_KIND, name);
}

static void
set_remote(struct server *s, struct conn *c)
{
	const union MHD_ConnectionInfo *ci;
	char addr[INET6_ADDRSTRLEN] = "-";
	const struct sockaddr *sa;

	ci = MHD_get_connection_info(c->mhd,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && (sa = ci->client_addr) != NULL) {
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    (const void *)sa)->sin_addr, addr, sizeof(addr));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    (const void *)sa)->sin6_addr, addr, sizeof(addr));
	}
	c->req.remote = req_client_addr(c->req.arena, addr,
	    s->ntrusted > 0 ? header(c->mhd, "X-Forwarded-For") : NULL,
	    s->trusted, s->ntrusted);
}

/* The index of the route for the request's method and path, or nroutes. */
static size_t
route_find(struct server *s, struct req *r, const char *path, int *seen)
{
	size_t i;

	for (i = 0; i < s->nroutes; i++) {
		if (!route_match(s->routes[i].pattern, path, r->arena,
		    r->args, nitems(r->args), &r->nargs))
			continue;
		*seen = 1;
		r->route = &s->routes[i];
		if (s->routes[i].method == r->method)
			break;
	}
	return i;
}

/*
 * The index of the fallback route for a GET no route's path matched
 * (an old address the application may know), or nroutes.
 */
static size_t
route_fallback(struct server *s, struct req *r)
{
	size_t i;

	for (i = 0; i < s->nroutes; i++)
		if ((s->routes[i].flags & ROUTE_FALLBACK) &&
		    s->routes[i].method == r->method) {
			r->route = &s->routes[i];
			r->nargs = 0;
			break;
		}
	return i;
}

/* A body's error as a status; a failure of ours is logged. */
static int
body_status(struct conn *c, enum err e)
{
	switch (e) {
	case ERR_LIMIT:
		return 413;
	case ERR_MEDIA:
		return 415;
	case ERR_PARSE:
	case ERR_INVAL:
		return 400;
	default:
		log_warnx("request %llu: body: %s", (unsigned long long)
		    c->req.id, err_str(e));
		return 500;
	}
}

/* MHD_get_connection_values_n iterator: count a header into a req_head. */
static enum MHD_Result
head_count(void *cls, enum MHD_ValueKind kind, const char *name,
    size_t namelen, const char *value, size_t valuelen)
{
	(void)kind;
	req_head_add(cls, name, namelen, value != NULL ? value : "",
	    value != NULL ? valuelen : 0);
	return MHD_YES;
}

/*
 * The head's framing and Host: 0, or the status to answer at once (the
 * connection then closes: what follows the head cannot be told apart
 * from a body).
 */
static int
check_head(struct conn *c, const char *version, const char **why)
{
	struct req_head h;

	memset(&h, 0, sizeof(h));
	MHD_get_connection_values_n(c->mhd, MHD_HEADER_KIND, head_count, &h);
	c->refuse = req_head_status(&h, strcmp(version,
	    MHD_HTTP_VERSION_1_0) != 0, why);
	return c->refuse;
}

/*
 * First call: parse everything but the body.  Returns 0 when the request
 * is acceptable so far, else the status to answer with.
 */
static int
parse_head(struct server *s, struct conn *c, const char *method,
    const char *version, const char **why)
{
	struct req *r = &c->req;
	const char *q, *ua, *cl;
	char *path;
	size_t plen, n, i;
	long long len;
	int path_seen = 0, status;
	enum err e;

	c->method_name = arena_strdup(r->arena, method);
	set_remote(s, c);
	ua = header(c->mhd, MHD_HTTP_HEADER_USER_AGENT);
	r->user_agent = ua != NULL ? arena_strndup(r->arena, ua,
	    strnlen(ua, LIMIT_USER_AGENT)) : "";
	r->if_none_match = header(c->mhd, MHD_HTTP_HEADER_IF_NONE_MATCH);
	r->accept = header(c->mhd, MHD_HTTP_HEADER_ACCEPT);
	r->accept_encoding = header(c->mhd, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	r->if_modified_since = header(c->mhd,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	r->authorization = header(c->mhd, MHD_HTTP_HEADER_AUTHORIZATION);
	*why = NULL;
	if ((status = check_head(c, version, why)) != 0)
		return status;
	if (strlen(c->raw_uri) > LIMIT_URL)
		return 414;
	if (strcmp(method, "OPTIONS") == 0 && strcmp(c->raw_uri, "*") == 0) {
		c->allow = route_allow(s->routes, s->nroutes, NULL, r->arena);
		c->resp.status = 204;
		return 204;
	}
	q = strchr(c->raw_uri, '?');
	plen = q != NULL ? (size_t)(q - c->raw_uri) : strlen(c->raw_uri);
	path = arena_alloc(r->arena, plen + 1);
	if (url_decode(c->raw_uri, plen, path, &n, 0) != ERR_OK ||
	    path[0] != '/') {
		*why = "The address is not valid: its percent-encoding or "
		    "UTF-8 is malformed.";
		return 400;
	}
	r->path = path;
	if (q != NULL && (e = req_parse_params(r->arena, q + 1, strlen(q + 1),
	    r->query, LIMIT_QUERY_PARAMS, &r->nquery)) != ERR_OK) {
		*why = "The query string of the address is not valid.";
		return e == ERR_LIMIT ? 414 : 400;
	}
	r->method = http_method_parse(method, &r->head);
	if (strcmp(method, "OPTIONS") == 0 && (c->allow = route_allow(
	    s->routes, s->nroutes, path, r->arena)) != NULL) {
		c->resp.status = 204;
		return 204;
	}
	i = route_find(s, r, path, &path_seen);
	if (i == s->nroutes) {
		if (path_seen) {
			c->allow = route_allow(s->routes, s->nroutes, path,
			    r->arena);
			*why = "This page cannot be used with that method.";
			return 405;
		}
		r->route = NULL;
		/*
		 * "/issues/" answers with a redirect to "/issues"; an encoded
		 * slash ("/issues%2F") is not a trailing slash.
		 */
		if (plen > 1 && c->raw_uri[plen - 1] == '/' &&
		    r->method == HTTP_GET) {
			path[n - 1] = '\0';
			if (route_find(s, r, path, &path_seen) < s->nroutes) {
				r->route = NULL;
				resp_redirect(&c->resp, r->arena, 301,
				    arena_printf(r->arena, "%.*s%s",
				    (int)(plen - 1), c->raw_uri,
				    q != NULL ? q : ""));
				return 301;
			}
			path[n - 1] = '/';
		}
		if (route_fallback(s, r) == s->nroutes)
			return 404;
	}
	/* Before the cache: a cached answer is of the route's one type. */
	if ((r->route->flags & ROUTE_GIVES_JSON) &&
	    !http_accepts(r->arena, r->accept, "application/json")) {
		*why = "This address answers in JSON (application/json) "
		    "only, which the request's Accept header refuses.";
		return 406;
	}
	req_cookies_parse(r->arena, header(c->mhd, MHD_HTTP_HEADER_COOKIE),
	    &r->cookies, &r->ncookies);
	/* What a body may be is decided before any byte of it is read. */
	len = -1;
	cl = header(c->mhd, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL && str_to_ll(cl, 0, INT64_MAX, &len) != ERR_OK)
		return 413;
	if (len > 0 || (cl == NULL && header(c->mhd,
	    MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL)) {
		e = req_body_begin(r, header(c->mhd,
		    MHD_HTTP_HEADER_CONTENT_TYPE), len, r->route->flags,
		    s->tmpdir, &c->rb, why);
		if (e == ERR_OK && (r->route->flags & ROUTE_UPLOAD) &&
		    (e = req_body_file_max(c->rb, s->cfg->upload_max, len)) !=
		    ERR_OK)
			*why = req_body_why(c->rb);
		if (e != ERR_OK)
			return body_status(c, e);
	}
	return 0;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *mhd, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	struct server *s = cls;
	struct conn *c = *ctx;
	const char *why;
	int status;

	(void)url;
	if (c == NULL)		/* no URI callback happened: cannot be */
		return MHD_NO;
	switch (c->state) {
	case CS_NEW:
		break;
	case CS_QUEUED:
		return MHD_YES;
	case CS_READY:
		return respond(c);
	case CS_DONE:
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->method_name == NULL) {
		c->mhd = mhd;
		if (c->sock != NULL)
			guard_sock_busy(s->guard, c->sock);
		if ((status = parse_head(s, c, method, version, &why)) == 0)
			return MHD_YES;
		if (status != 301 && status != 204)
			fail(s, c, status, why);
		/*
		 * A body too large, or one that cannot be framed, is refused
		 * before it is read (the connection then closes); other
		 * answers wait for the next call, which keeps the
		 * connection alive.
		 */
		if (status == 413 || c->refuse)
			return respond(c);
		c->early = 1;
		return MHD_YES;
	}
	if (c->early) {		/* answer decided: drop any body */
		c->discarded += *upload_size;
		if (*upload_size != 0) {
			*upload_size = 0;
			return c->discarded > LIMIT_BODY_DISCARD ? MHD_NO :
			    MHD_YES;
		}
		return respond(c);
	}
	if (*upload_size != 0) {
		/*
		 * libmicrohttpd takes no response while a body is arriving:
		 * after an error (past a limit, malformed), discard (up to a
		 * bound) and answer once it is complete.
		 */
		if (c->body_err == ERR_OK)
			c->body_err = c->rb != NULL ? req_body_feed(c->rb,
			    upload, *upload_size) : ERR_MEDIA;
		if (c->body_err != ERR_OK)
			c->discarded += *upload_size;
		*upload_size = 0;
		return c->discarded > LIMIT_BODY_DISCARD ? MHD_NO : MHD_YES;
	}
	why = req_body_why(c->rb);
	if (c->body_err == ERR_OK && c->rb != NULL)
		c->body_err = req_body_end(c->rb, &why);
	if (c->body_err != ERR_OK) {
		fail(s, c, body_status(c, c->body_err), why);
		return respond(c);
	}
	c->resp.status = 200;
	if (s->hooks->session != NULL)
		c->req.signed_in = s->hooks->session(c->ctx, &c->req) != 0;
	if (!c->req.signed_in && s->hooks->fast != NULL &&
	    s->hooks->fast(c->ctx, &c->req, &c->resp))
		return respond(c);
	if ((c->req.route->flags & ROUTE_WORKER) && s->nworkers > 0) {
		enqueue(s, c);
		return MHD_YES;
	}
	if (s->inline_ctx != NULL)
		c->ctx = s->inline_ctx;
	if ((c->req.route->flags & ROUTE_WORKER) && s->inline_ctx == NULL)
		fail(s, c, 500, "no database connection");
	else
		run_route(s, c);
	return respond(c);
}

static enum err
parse_listen(const char *listen, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	const char *colon = strrchr(listen, ':');
	char host[64];
	long long port;
	size_t hl;

	if (colon == NULL || str_to_ll(colon + 1, 1, 65535, &port) != ERR_OK)
		return ERR_PARSE;
	hl = (size_t)(colon - listen);
	if (hl >= sizeof(host))
		return ERR_PARSE;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	memset(ss, 0, sizeof(*ss));
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ?
		    ERR_OK : ERR_PARSE;
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, host, &in4->sin_addr) == 1 ? ERR_OK :
	    ERR_PARSE;
}

/* "a b c" into addresses; ERR_INVAL naming the first that is not one. */
static enum err
parse_trusted(const char *list, struct ipaddr **out, size_t *n)
{
	const char *p = list, *e;

	*out = NULL;
	*n = 0;
	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		if (*p == '\0')
			break;
		e = p + strcspn(p, " \t,");
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		if (ip_parse(p, (size_t)(e - p), &(*out)[*n]) != ERR_OK) {
			log_warnx("trusted_proxies: '%.*s' is not an IP "
			    "address", (int)(e - p), p);
			free(*out);
			*out = NULL;
			*n = 0;
			return ERR_INVAL;
		}
		(*n)++;
		p = e;
	}
	return ERR_OK;
}

/*
 * Raise the descriptor limit to the hard limit and derive the connection
 * limit from it: each connection is a descriptor, and the rest of the
 * process (listening socket, database files, logs, uploads) keeps
 * LIMIT_FD_RESERVE and a few per worker.  *fds gets the limit.
 */
static unsigned
conn_limit(const struct http_config *cfg, int nworkers,
    unsigned long long *fds)
{
	struct rlimit rl;
	unsigned long long room, reserve;

	*fds = LIMIT_CONNECTIONS;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
				log_warn("cannot raise the file descriptor "
				    "limit to %llu",
				    (unsigned long long)rl.rlim_max);
			getrlimit(RLIMIT_NOFILE, &rl);
		}
		*fds = rl.rlim_cur == RLIM_INFINITY ? UINT_MAX :
		    (unsigned long long)rl.rlim_cur;
	}
	reserve = LIMIT_FD_RESERVE + 4ULL * ((unsigned)nworkers + 1);
	room = *fds > reserve + 16 ? *fds - reserve : 16;
	if (room > UINT_MAX)
		room = UINT_MAX;
	if (cfg->max_connections == 0)
		return room < LIMIT_CONNECTIONS ? (unsigned)room :
		    LIMIT_CONNECTIONS;
	if (cfg->max_connections > room) {
		log_warnx("max_connections %u: only %llu file descriptors are "
		    "left for clients, so %llu it is", cfg->max_connections,
		    room, room);
		return (unsigned)room;
	}
	return cfg->max_connections;
}

void
http_stop(void)
{
	kill(getpid(), SIGTERM);
}

enum err
http_serve(const struct http_config *cfg, const struct route *routes,
    size_t nroutes, const struct http_hooks *hooks)
{
	struct server s;
	struct sockaddr_storage ss;
	sigset_t set, old;
	int i, sig, nworkers = cfg->workers >= 0 ? cfg->workers : 2;
	unsigned flags, limit, reserve, timeout;
	unsigned long long fds;

	if (parse_listen(cfg->listen, &ss) != ERR_OK) {
		log_warnx("listen: '%s' is not ADDR:PORT", cfg->listen);
		return ERR_INVAL;
	}
	memset(&s, 0, sizeof(s));
	if (parse_trusted(cfg->trusted_proxies, &s.trusted, &s.ntrusted) !=
	    ERR_OK)
		return ERR_INVAL;
	s.cfg = cfg;
	s.tmpdir = cfg->tmpdir != NULL ? cfg->tmpdir : getenv("TMPDIR");
	if (s.tmpdir == NULL || s.tmpdir[0] == '\0')
		s.tmpdir = "/tmp";
	s.routes = routes;
	s.nroutes = nroutes;
	s.hooks = hooks;
	pthread_mutex_init(&s.lock, NULL);

	/*
	 * Past limit - reserve open connections, each new one makes room
	 * (guard.c); the reserve covers what libmicrohttpd accepts in one
	 * turn (10), so that its own hard limit is not what turns a new
	 * visitor away.
	 */
	limit = conn_limit(cfg, nworkers, &fds);
	reserve = limit / 8 < 16 ? 16 : limit / 8;
	if (reserve > limit / 2)
		reserve = limit / 2;
	timeout = cfg->header_timeout > 0 ? cfg->header_timeout :
	    LIMIT_HEAD_TIMEOUT;
	s.guard = guard_new(timeout, limit - reserve);
	log_info("connections: at most %u (%llu file descriptors), %u per "
	    "address%s, %u s to send a request head", limit, fds,
	    cfg->per_ip_connections, cfg->per_ip_connections == 0 ?
	    " (no limit)" : "", timeout);
	if (s.ntrusted > 0 && cfg->per_ip_connections > 0)
		log_info("per_ip_connections counts the trusted proxies' own "
		    "connections too");

	/* Threads started from here inherit a mask without the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * workers 0 runs database pages on the polling thread itself: a
	 * mode kept to measure against (bench/mixed.sh), not to deploy.
	 */
	s.nworkers = nworkers;
	if (nworkers == 0 && hooks->ctx_new != NULL)
		s.inline_ctx = hooks->ctx_new(hooks->ctx);
	s.workers = xcalloc((size_t)nworkers + 1, sizeof(*s.workers));
	s.idle = xcalloc((size_t)nworkers + 1, sizeof(*s.idle));
	for (i = 0; i < nworkers; i++) {
		s.workers[i].s = &s;
		pthread_cond_init(&s.workers[i].cond, NULL);
		pthread_create(&s.workers[i].thread, NULL, worker_main,
		    &s.workers[i]);
	}
	if (guard_start(s.guard) != ERR_OK)
		log_warnx("cannot start the request head deadline thread");

	flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s.mhd = MHD_start_daemon(flags, 0, NULL, NULL, access_cb, &s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_URI_LOG_CALLBACK, conn_new, &s,
	    MHD_OPTION_NOTIFY_COMPLETED, conn_done, &s,
	    MHD_OPTION_NOTIFY_CONNECTION, sock_notify, &s,
	    MHD_OPTION_CONNECTION_LIMIT, limit,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_CONN_MEMORY,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024U,
	    MHD_OPTION_END);
	if (s.mhd == NULL) {
		log_warnx("cannot listen on %s", cfg->listen);
	} else {
		log_info("listening on http://%s/", cfg->listen);
		sigwait(&set, &sig);
		log_info("%s: shutting down", sig == SIGINT ? "SIGINT" :
		    "SIGTERM");
		MHD_quiesce_daemon(s.mhd);
	}
	pthread_mutex_lock(&s.lock);
	s.stopping = 1;
	for (i = 0; i < nworkers; i++)
		pthread_cond_signal(&s.workers[i].cond);
	pthread_mutex_unlock(&s.lock);
	for (i = 0; i < nworkers; i++) {
		pthread_join(s.workers[i].thread, NULL);
		pthread_cond_destroy(&s.workers[i].cond);
	}
	free(s.workers);
	free(s.idle);
	guard_stop(s.guard);
	if (s.mhd != NULL)
		MHD_stop_daemon(s.mhd);
	guard_free(s.guard);
	if (s.inline_ctx != NULL && hooks->ctx_free != NULL)
		hooks->ctx_free(s.inline_ctx);
	if (cfg->access_log != NULL)
		fflush(cfg->access_log);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_destroy(&s.lock);
	free(s.trusted);
	return s.mhd != NULL ? ERR_OK : ERR_IO;
}
