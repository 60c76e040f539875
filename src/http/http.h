/*
 * http: the HTTP/1.1 server (libmicrohttpd), requests and responses, and
 * the route table.  It knows nothing of journals: the web layer hands it
 * routes and hooks.  Requests are answered either on the polling thread
 * (the hooks' fast path: cached pages, static files, errors) or by a pool
 * of worker threads while the connection is suspended, so a page that waits
 * on the database never stalls one served from memory.
 */
#ifndef OCTAVO_HTTP_H
#define OCTAVO_HTTP_H

#include <stdint.h>
#include <stdio.h>

#include "util/util.h"

enum http_method {
	HTTP_GET,	/* HEAD is a GET whose body is not sent */
	HTTP_POST,
	HTTP__MAX
};

struct param {
	const char	*name;
	const char	*value;
};

struct route;

/* One request; everything in it lives in its arena until request end. */
struct req {
	struct arena		*arena;
	uint64_t		 id;		/* for log lines */
	enum http_method	 method;
	int			 head;		/* method was HEAD */
	const char		*path;		/* decoded, valid UTF-8 */
	const struct route	*route;
	const char		*args[4];	/* decoded :captures */
	size_t			 nargs;
	struct param		 query[LIMIT_QUERY_PARAMS];
	size_t			 nquery;
	struct param		 form[LIMIT_FORM_FIELDS];
	size_t			 nform;
	const char		*remote;	/* client address, text */
	const char		*user_agent;	/* "" when absent */
	const char		*if_none_match;	/* NULL when absent */
	struct buf		 body;		/* raw request body */
};

/* What a handler answers; the server owns it until it is sent. */
struct resp {
	int		 status;
	const char	*content_type;	/* static string */
	const char	*location;	/* redirects; arena */
	const char	*cache_control;	/* static string; NULL: no-cache */
	char		 etag[48];	/* "" when none */
	struct buf	 body;
	/*
	 * A zero-copy body (a cached page, a static file): when data is
	 * set it is sent instead of body, and release(release_arg), if
	 * set, is called once the server no longer needs it.
	 */
	const char	*data;
	size_t		 datalen;
	void		(*release)(void *);
	void		*release_arg;
};

/*
 * The application's context, defined by it and opaque here: what its
 * handlers need (the site, the thread's database connection, the content
 * version the request started at).  The server hands each thread's
 * context to the handlers and hooks that run on that thread.
 */
struct ctx;

typedef enum err (*http_handler)(struct ctx *, struct req *, struct resp *);

struct route {
	enum http_method	 method;
	const char		*pattern;	/* "/articles/:slug" */
	http_handler		 fn;
	const char *const	*params;	/* kept query params */
	int			 flags;
#define ROUTE_WORKER	0x01	/* runs on a worker (database work) */
#define ROUTE_CACHE	0x02	/* GET answers may come from the page cache */
};

struct http_hooks {
	/* The polling thread's context (no database connection). */
	struct ctx	*ctx;
	/* A worker thread's context (a store connection); NULL on failure. */
	struct ctx	*(*ctx_new)(struct ctx *);
	void		 (*ctx_free)(struct ctx *);
	/*
	 * On the thread that runs the route, just before it runs: the
	 * application notes what the request starts from (the content
	 * version a page is then cached under).
	 */
	void		 (*begin)(struct ctx *, struct req *);
	/*
	 * Polling thread, before a route runs: answer from memory and
	 * return 1, or return 0 to run the route.
	 */
	int		 (*fast)(struct ctx *, struct req *, struct resp *);
	/*
	 * Render the error page for status into resp (any thread, with
	 * that thread's context); why is a sentence for the reader, or
	 * NULL for the status's own text.
	 */
	void		 (*error)(struct ctx *, struct req *, struct resp *,
			    int status, const char *why);
};

struct http_config {
	const char	*listen;	/* "127.0.0.1:8080" */
	int		 workers;	/* 0: database pages run inline */
	FILE		*access_log;	/* NULL: none */
	/*
	 * Space-separated addresses of reverse proxies whose
	 * X-Forwarded-For is believed; NULL or "": none.
	 */
	const char	*trusted_proxies;
};

/* An IPv4 or IPv6 address, in network byte order. */
struct ipaddr {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 b[16];
};

/* server.c */
/*
 * Serve routes until SIGINT or SIGTERM (or http_stop); returns ERR_IO
 * when the address cannot be bound.  The route table must outlive it.
 */
enum err	 http_serve(const struct http_config *, const struct route *,
		    size_t nroutes, const struct http_hooks *);
/* Ask a running http_serve to return (async-signal-safe). */
void		 http_stop(void);

/* req.c */
/* The value of a query parameter, NULL when absent. */
const char	*req_query(const struct req *, const char *name);
/* The value of a form field, NULL when absent. */
const char	*req_form(const struct req *, const char *name);
/*
 * Parse "a=1&b=2" (URL-encoded, '+' is space) into params; ERR_PARSE on
 * malformed encoding or UTF-8, ERR_LIMIT past max fields or field size.
 */
enum err	 req_parse_params(struct arena *, const char *, size_t,
		    struct param *, size_t max, size_t *n);
/*
 * Match a decoded path against a pattern with ":name" segments; captures
 * go to args.  Returns 1 on a match.
 */
int		 route_match(const char *pattern, const char *path,
		    struct arena *, const char **args, size_t maxargs,
		    size_t *nargs);
/* Parse a textual IPv4 or IPv6 address of n bytes; ERR_PARSE if not. */
enum err	 ip_parse(const char *, size_t n, struct ipaddr *);
/*
 * The client's address: the peer's, unless the peer is one of the
 * trusted proxies, in which case X-Forwarded-For (xff, may be NULL) is
 * read from the right, skipping trusted proxies, up to the first other
 * address.  A malformed entry ends the walk at the last good address.
 * The result is text in the arena.
 */
const char	*req_client_addr(struct arena *, const char *peer,
		    const char *xff, const struct ipaddr *trusted, size_t n);
/* Fill resp with a plain redirect. */
void		 resp_redirect(struct resp *, struct arena *, int status,
		    const char *location);

#endif
