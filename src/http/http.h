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

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "util/util.h"

enum http_method {
	HTTP_GET,	/* HEAD is a GET whose body is not sent */
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP__MAX	/* any other method; OPTIONS is the server's */
};

struct param {
	const char	*name;
	const char	*value;
};

/* Content codings an answer may be sent in (coding.c). */
enum http_coding {
	HTTP_CODING_IDENTITY,	/* as it is */
	HTTP_CODING_GZIP,
	HTTP_CODING_BR,		/* brotli */
	HTTP_CODING__MAX
};

struct route;

/* One request; everything in it lives in its arena until request end. */
struct req {
	struct arena		*arena;
	uint64_t		 id;		/* for log lines */
	enum http_method	 method;
	int			 head;		/* method was HEAD */
	const char		*target;	/* as sent: undecoded, with
						   the query */
	const char		*path;		/* decoded, valid UTF-8; NULL
						   when it is not */
	const struct route	*route;
	const char		*args[4];	/* decoded :captures */
	size_t			 nargs;
	struct param		 query[LIMIT_QUERY_PARAMS];
	size_t			 nquery;
	struct param		 form[LIMIT_FORM_FIELDS];
	size_t			 nform;
	const struct param	*cookies;	/* see req_cookies_parse */
	size_t			 ncookies;
	const struct upload	*uploads;	/* files of a multipart body */
	size_t			 nuploads;
	json_t			*json;		/* an application/json body;
						   borrowed, NULL if none */
	int			 signed_in;	/* hooks->session said so */
	const char		*remote;	/* client address, text */
	const char		*user_agent;	/* "" when absent */
	const char		*if_none_match;	/* NULL when absent */
	const char		*accept;	/* NULL when absent */
	const char		*accept_encoding; /* NULL when absent */
	const char		*if_modified_since;	/* NULL when absent */
	const char		*authorization;	/* NULL when absent */
	struct buf		 body;		/* a form's or JSON's bytes */
};

/*
 * A file of a multipart/form-data body, written to a temporary file as it
 * arrived.  Everything is valid until request end, when the file is closed
 * and unlinked (a handler that keeps it links or renames path first).
 */
struct upload {
	const char	*field;		/* the form field's name */
	const char	*filename;	/* a base name, valid UTF-8, no
					   controls; may be "" */
	const char	*content_type;	/* as sent; default
					   application/octet-stream */
	uint64_t	 size;
	const char	*path;		/* the temporary file */
	int		 fd;		/* open read-write */
};

/* A header a handler adds to its answer; both strings in the arena. */
struct resp_header {
	const char	*name;
	const char	*value;
};

/* What a handler answers; the server owns it until it is sent. */
struct resp {
	int		 status;
	const char	*content_type;	/* static or arena string */
	const char	*location;	/* redirects; arena */
	const char	*cache_control;	/* static or arena; NULL: no-cache;
					   "no-store" for private pages */
	char		 etag[64];	/* "" when none */
	struct resp_header headers[LIMIT_RESP_HEADERS];	/* resp_header_add */
	size_t		 nheaders;
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
	/*
	 * A file body (uploaded media): when file is set, filelen bytes
	 * of fd are sent (sendfile) instead of body, and the server
	 * closes fd.
	 */
	int		 file;
	int		 fd;
	uint64_t	 filelen;
	/* The Content-Security-Policy; NULL: the server's own. */
	const char	*csp;
	/*
	 * Content codings (coding.c).  coded[] holds the answer's body
	 * compressed once (a cached page's, a static file's), borrowed
	 * like data and valid as long as it is; coded_only: offer those
	 * alone, never compress per request.  coding: the body is
	 * already in that coding (a handler chose it).  encoded and vary
	 * are resp_encode's.
	 */
	struct str	 coded[HTTP_CODING__MAX];
	int		 coded_only;
	enum http_coding coding;
	int		 encoded;
	int		 vary;
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
#define ROUTE_UPLOAD	0x04	/* takes multipart bodies with files */
#define ROUTE_JSON	0x08	/* takes application/json bodies */
#define ROUTE_GIVES_JSON 0x10	/* answers application/json: a request
				   whose Accept refuses it gets 406 */
#define ROUTE_PRIVATE	0x20	/* every answer, errors too, is no-store */
#define ROUTE_LONG_FORM	0x40	/* a form with a long text (an article's
				   Markdown): LIMIT_BODY_LONG, a field
				   up to LIMIT_FORM_LONG */
#define ROUTE_FALLBACK	0x80	/* pattern "*": answers a GET that no
				   other route's path matches (the
				   site's old addresses), on a worker */
#define ROUTE_LEGACY	0x100	/* a GET with a query skips the page
				   cache's fast path: its handler may
				   answer an old address ("/?p=12") */
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
	 * Polling thread, once the request and its body are read, before
	 * anything is served or counted: return 1 if the request belongs
	 * to a signed-in user (the server sets req->signed_in), else 0.
	 * It must be cheap and must not block (no database, no disk):
	 * look at req->cookies and an in-memory table.  A signed-in
	 * request skips fast (so is neither served from nor, by
	 * resp_cacheable, put into the page cache) and runs its route.
	 * NULL: nobody is signed in.
	 */
	int		 (*session)(struct ctx *, struct req *);
	/*
	 * Polling thread, before a route runs, for requests nobody is
	 * signed in to: answer from memory and return 1, or return 0 to
	 * run the route.
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
	/* Where uploaded files are written; NULL: $TMPDIR, else /tmp. */
	const char	*tmpdir;
	/* One uploaded file, bytes at most; 0: LIMIT_UPLOAD_FILE. */
	size_t		 upload_max;
	/* Open connections at most; 0: from the descriptor limit. */
	unsigned	 max_connections;
	/* Open connections from one address at most; 0: no limit. */
	unsigned	 per_ip_connections;
	/* Seconds to send a request head; 0: LIMIT_HEAD_TIMEOUT. */
	unsigned	 header_timeout;
};

/* A client connection, from accept to close (guard.c). */
struct sock {
	int		 fd;
	void		*req;		/* the request under way: server.c's */
	int		 wait;		/* enum sock_wait; guard.c's */
	int64_t		 since;		/* waiting for a head since, ms */
	struct sock	*prev, *next;	/* its wait list */
};
enum sock_wait {
	SOCK_HEAD,	/* waiting for its first request head */
	SOCK_IDLE,	/* kept alive, waiting for the next head */
	SOCK_BUSY,	/* a request is under way */
	SOCK_SHUT	/* shut down; libmicrohttpd will close it */
};
struct guard;

/* What a request head says of its framing and Host (RFC 9112). */
struct req_head {
	unsigned	 hosts;		/* Host field lines */
	int		 host_bad;	/* a Host that is not host[:port] */
	unsigned	 lengths;	/* Content-Length field lines */
	int		 length_bad;	/* not a number, or two numbers */
	long long	 length;
	unsigned	 transfers;	/* Transfer-Encoding field lines */
	int		 transfer_bad;	/* one that is not a coding list */
	unsigned	 codings;	/* transfer codings in them */
	unsigned	 chunked;	/* how many of them are chunked */
	int		 chunked_last;	/* the last one is chunked */
	int		 coding_bad;	/* one Octavo does not know */
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

/* guard.c: connection deadlines and room; times are guard_now() ms. */
int64_t		 guard_now(void);	/* CLOCK_MONOTONIC, milliseconds */
/*
 * Connections get header_timeout seconds to send a request head; past
 * high open connections, each new one makes room.  Caller frees.
 */
struct guard	*guard_new(unsigned header_timeout, unsigned high);
/* Stop the sweep thread and free; every sock must be closed. */
void		 guard_free(struct guard *);
/* Run the deadline sweep in a thread of its own; ERR_IO if not. */
enum err	 guard_start(struct guard *);
void		 guard_stop(struct guard *);
/*
 * A new connection on descriptor fd, waiting for its head; may shut
 * down an older one to make room.  guard_sock_close frees it.
 */
struct sock	*guard_sock_open(struct guard *, int fd, int64_t now);
void		 guard_sock_close(struct guard *, struct sock *);
/* The connection's request head is complete. */
void		 guard_sock_busy(struct guard *, struct sock *);
/* The connection is kept alive and waits for its next request head. */
void		 guard_sock_idle(struct guard *, struct sock *, int64_t now);
/* Shut down the connections whose head is late at now; how many. */
size_t		 guard_sweep(struct guard *, int64_t now);

/* req.c */
/* Method names by enum http_method ("GET"...). */
extern const char *const http_method_names[HTTP__MAX];
/*
 * The method of a request line: HEAD is HTTP_GET with *head set to 1;
 * an unknown method (OPTIONS included) is HTTP__MAX.
 */
enum http_method http_method_parse(const char *, int *head);
/* The value of a query parameter, NULL when absent. */
const char	*req_query(const struct req *, const char *name);
/* The value of a form field, NULL when absent. */
const char	*req_form(const struct req *, const char *name);
/* The first uploaded file of a form field, NULL when absent. */
const struct upload *req_upload(const struct req *, const char *field);
/*
 * The Allow header for a path (NULL: for the whole server, "OPTIONS *"):
 * the methods of every route whose pattern matches it, in enum order,
 * HEAD after GET, then OPTIONS, which the server answers itself.  NULL
 * when no route matches.  The string is in the arena.
 */
const char	*route_allow(const struct route *, size_t nroutes,
		    const char *path, struct arena *);
/*
 * Parse "a=1&b=2" (URL-encoded, '+' is space) into params; ERR_PARSE on
 * malformed encoding or UTF-8, ERR_LIMIT past max fields or field size,
 * or past max empty pairs ("&&"), which are skipped.
 */
/* The same with fields of at most field_max decoded bytes. */
enum err	 req_parse_params_max(struct arena *, const char *, size_t,
		    struct param *, size_t max, size_t field_max, size_t *n);
enum err	 req_parse_params(struct arena *, const char *, size_t,
		    struct param *, size_t max, size_t *n);
/*
 * Match a decoded path against a pattern with ":name" segments; captures
 * go to args.  Returns 1 on a match.
 */
int		 route_match(const char *pattern, const char *path,
		    struct arena *, const char **args, size_t maxargs,
		    size_t *nargs);
/*
 * target.c: the key an old address is kept under (store.h's redirects)
 * for a request target as sent ("/2019/05/03/slug/", "/?p=12"): the
 * decoded path without trailing slashes, then "?" and the query's
 * fields decoded, sorted and joined by "&" when there are any.
 * ERR_PARSE for a target that is not a path or is malformed, ERR_LIMIT
 * past the request limits.
 */
enum err	 req_target_key(struct arena *, const char *target,
		    const char **key);
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

/* header.c: the grammar header fields share (RFC 9110 5.6). */
/* 1 if the n bytes are a token (1*tchar), else 0. */
int		 http_token_valid(const char *, size_t n);
/*
 * 1 if a field value may be sent as it is: no control byte but HTAB (no
 * CR, LF, NUL, DEL), else 0.
 */
int		 http_value_valid(const char *);
/*
 * Parse parameters, "; name=value" (value a token or a quoted string),
 * from the n bytes of s: names lower-cased, values unquoted, all in the
 * arena.  form selects the quoting browsers use in multipart part
 * headers (a backslash is itself; %22, %0D, %0A stand for '"', CR, LF)
 * instead of RFC 9110's quoted-pair.  ERR_PARSE if malformed or a name
 * repeats; ERR_LIMIT past max.
 */
enum err	 http_params_parse(struct arena *, const char *s, size_t n,
		    int form, struct param *, size_t max, size_t *np);
/* A parsed media type, "type/subtype" lower-cased, and its parameters. */
struct media {
	const char	*type;
	struct param	 params[LIMIT_MEDIA_PARAMS];
	size_t		 nparams;
};
/* Parse a Content-Type value; ERR_PARSE if malformed, ERR_LIMIT. */
enum err	 http_media_parse(struct arena *, const char *, struct media *);
/* The value of the first parameter called name, NULL when absent. */
const char	*http_param_get(const struct param *, size_t n,
		    const char *name);
/*
 * 1 if an answer of media type type ("application/json", lower case) is
 * acceptable under the Accept header accept (RFC 9110 section 12.5.1):
 * the most specific media range that matches it (the type itself, then
 * its top-level type with any subtype, then any type) has a q above 0;
 * else 0.  An absent or empty header accepts anything.  A malformed
 * element is skipped, and a header with no well-formed element accepts
 * anything, as RFC 9110 lets a server ignore it.  Parameters other than
 * q are not compared.
 */
int		 http_accepts(struct arena *, const char *accept,
		    const char *type);
/*
 * The coding to answer in under the Accept-Encoding header ae (RFC 9110
 * section 12.5.3), among identity and the codings whose bit (1 <<
 * coding) is set in offered: the offered coding with the highest q
 * above 0, brotli before gzip at equal q, "x-gzip" read as gzip and "*"
 * for codings not named; identity when none, when identity is named
 * (itself or by "*") with a higher q, when ae is NULL (no header: a
 * client that asks for nothing gets nothing it must decode) or empty.
 * Names are case-insensitive; a coding named twice counts once, the
 * first time; a malformed element is skipped.  identity;q=0 with no
 * coding acceptable still gets identity (no 406).
 */
enum http_coding http_coding_choose(struct arena *, const char *ae,
		    unsigned offered);
/* Count one header field of a request head into h (zeroed first). */
void		 req_head_add(struct req_head *, const char *name,
		    size_t namelen, const char *value, size_t valuelen);
/*
 * Whether the head can be read safely: 0, or the status to refuse it
 * with: 400 for ambiguous framing (a length and a coding, two lengths,
 * chunked not last or twice, a coding in HTTP/1.0) or a missing,
 * repeated or malformed Host in HTTP/1.1; 501 for a transfer coding
 * other than chunked.  *why gets a sentence for the reader.
 */
int		 req_head_status(const struct req_head *, int http11,
		    const char **why);

/* cookie.c */
/*
 * Parse a Cookie header (RFC 6265 cookie-string, "a=1; b=2", values
 * maybe quoted) into at most LIMIT_COOKIES pairs in the arena; a pair
 * that is malformed or longer than LIMIT_COOKIE is skipped, never an
 * error.  h may be NULL (no cookies).
 */
void		 req_cookies_parse(struct arena *, const char *h,
		    const struct param **, size_t *n);
/* The value of the first cookie called name, NULL when absent. */
const char	*req_cookie(const struct req *, const char *name);

enum cookie_samesite {
	COOKIE_SAMESITE_LAX,	/* the zero value: the usual choice */
	COOKIE_SAMESITE_STRICT,
	COOKIE_SAMESITE_NONE,	/* needs secure */
	COOKIE_SAMESITE__MAX
};
#define COOKIE_DELETE	(-1)	/* max_age: Max-Age=0, forget it now */
/* A cookie to set; zero fields are left out. */
struct cookie {
	const char		*name;		/* a token */
	const char		*value;		/* cookie-octets; may be "" */
	const char		*path;		/* "/..."; NULL: none */
	const char		*domain;	/* NULL: this host only */
	long long		 max_age;	/* seconds; 0: until the
						   browser closes */
	int64_t			 expires;	/* epoch seconds; 0: none */
	int			 http_only;
	int			 secure;
	enum cookie_samesite	 samesite;
};
/*
 * Add a Set-Cookie header built from c (several may be set).  ERR_INVAL,
 * logged, and nothing added, when any part could not be sent as it is
 * (see cookie_problem in cookie.c: SameSite=None needs secure, the
 * __Host- and __Secure- prefixes their rules); ERR_LIMIT past
 * LIMIT_RESP_HEADERS.
 */
enum err	 resp_cookie_set(struct resp *, struct arena *,
		    const struct cookie *);

/* resp.c */
/*
 * Add a header to the answer, both strings copied to the arena.
 * Content-Type, Location and Cache-Control set their fields instead.
 * ERR_INVAL, logged, and nothing added when the name is not a token, the
 * value is empty or has a control byte (CR, LF...), or the server writes
 * the header itself (Content-Length, Connection, Allow, ETag...);
 * ERR_LIMIT past LIMIT_RESP_HEADERS.
 */
enum err	 resp_header_add(struct resp *, struct arena *,
		    const char *name, const char *value);
/* The first added header called name (any case), NULL when none. */
const char	*resp_header(const struct resp *, const char *name);
/*
 * Content-Disposition: attachment (or inline) with filename: an ASCII
 * fallback, and RFC 8187 filename* when the name needs more (RFC 6266).
 * ERR_INVAL, logged, if the name is empty, not UTF-8, has a control
 * byte or is longer than LIMIT_FILENAME.
 */
enum err	 resp_disposition_set(struct resp *, struct arena *,
		    int attachment, const char *filename);
/*
 * 1 if the answer may go into the page cache, which is keyed by address
 * alone: a 200 to an anonymous GET of a ROUTE_CACHE route, without
 * Set-Cookie or Vary, and not marked no-store or private.
 */
int		 resp_cacheable(const struct req *, const struct resp *);

/* coding.c: content codings, gzip (zlib) and brotli. */
/* Coding names by enum http_coding: "identity", "gzip", "br". */
extern const char *const http_coding_names[HTTP_CODING__MAX];
/* How hard to compress: each answer, a cached page, a file kept for good. */
enum http_effort {
	HTTP_EFFORT_ANSWER,
	HTTP_EFFORT_PAGE,
	HTTP_EFFORT_ONCE,
	HTTP_EFFORT__MAX
};
/*
 * 1 if an answer of that Content-Type (NULL: none) is text that
 * compresses (text/\*, JSON, XML, JavaScript, SVG), else 0: images and
 * other media are compressed already.
 */
int		 http_type_compressible(const char *content_type);
/*
 * Compress the n bytes at in (coding not identity) into *out (malloc'd,
 * caller frees) of *outlen bytes.  ERR_LIMIT, *out untouched, when the
 * result would not be smaller; ERR_IO if the library fails.
 */
enum err	 http_compress(enum http_coding, enum http_effort,
		    const char *in, size_t n, char **out, size_t *outlen);
/*
 * The n bytes at in compressed in every coding but identity into
 * coded[] (coded[0] and a coding that fails or saves nothing: p NULL),
 * each p malloc'd, freed with http_coded_free; returns the bytes they
 * hold.  Nothing is made for less than LIMIT_COMPRESS_MIN bytes.
 */
size_t		 http_compress_each(enum http_effort, const char *in,
		    size_t n, struct str coded[HTTP_CODING__MAX]);
void		 http_coded_free(struct str coded[HTTP_CODING__MAX]);
/*
 * A gzip member made once for a text with a hole that changes with each
 * answer (a page's read count): the text before the hole and the text
 * after it, compressed apart; http_gzip_join fills the hole.
 */
struct gzip_split {
	char		*head;		/* gzip header, deflate, sync flush */
	size_t		 headlen;
	char		*tail;		/* raw deflate, final block */
	size_t		 taillen;
	unsigned long	 crc_head, crc_tail;
	size_t		 len_head, len_tail;	/* uncompressed bytes */
};
/*
 * Split the n bytes at in around the hole [off, off + holelen) into g
 * (zeroed, or freed with http_gzip_split_free).  ERR_IO if zlib
 * fails (g then holds nothing).
 */
enum err	 http_gzip_split(const char *in, size_t n, size_t off,
		    size_t holelen, enum http_effort, struct gzip_split *g);
/* Free what g holds; g itself is the caller's. */
void		 http_gzip_split_free(struct gzip_split *g);
/*
 * The gzip member of the text with fill (at most 65535 bytes) in its
 * hole, appended to out; ERR_LIMIT past out's maximum.
 */
enum err	 http_gzip_join(const struct gzip_split *g, const char *fill,
		    size_t fill_len, struct buf *out);
/*
 * Choose how the answer goes out for the request (once; later calls do
 * nothing): a text answer of LIMIT_COMPRESS_MIN bytes or more, not
 * private (no ROUTE_PRIVATE, no no-store or private: BREACH), gets
 * resp->vary and, when the request's Accept-Encoding takes one, a coding
 * from resp->coded or, when may_compress and not coded_only, made now
 * at HTTP_EFFORT_ANSWER; its ETag then ends in "-gz" or "-br" inside
 * the quotes.  Anything that cannot be done leaves the answer as it is.
 */
void		 resp_encode(const struct req *, struct resp *,
		    int may_compress);

/* multipart.c */
/* The headers of a part; strings in the arena, valid until request end. */
struct multipart_part {
	const char	*name;		/* the form field's, valid UTF-8 */
	const char	*filename;	/* NULL: not a file; may be "" */
	const char	*content_type;	/* NULL when the part has none */
};
/* What the parser calls; an error stops it and is returned by feed. */
struct multipart_cb {
	enum err	(*begin)(void *arg, const struct multipart_part *);
	enum err	(*data)(void *arg, const char *, size_t);
	enum err	(*end)(void *arg);
};
struct multipart;
/* 1 if b is an RFC 2046 boundary: 1 to 70 bchars, not ending in ' '. */
int		 multipart_boundary_valid(const char *b);
/*
 * A parser for a body with that boundary (unquoted), in the arena;
 * ERR_PARSE if the boundary is not valid.
 */
enum err	 multipart_new(struct arena *, const char *boundary,
		    const struct multipart_cb *, void *arg,
		    struct multipart **);
/*
 * Feed the next n bytes, split anywhere.  ERR_PARSE on malformed input,
 * ERR_LIMIT past LIMIT_PARTS or LIMIT_PART_HEADERS, or a callback's
 * error; after an error every call returns it again.
 */
enum err	 multipart_feed(struct multipart *, const char *, size_t n);
/* The body is complete: ERR_PARSE if the close delimiter was not seen. */
enum err	 multipart_finish(struct multipart *);

/* json.c */
/*
 * Parse a JSON body (an object or an array, no duplicate keys, at most
 * LIMIT_JSON_DEPTH deep) into *out, a new reference the caller releases.
 * ERR_PARSE with *why, a sentence for the client giving the line,
 * column and byte of the error, in the arena.
 */
enum err	 req_json_parse(struct arena *, const char *, size_t,
		    json_t **out, const char **why);

/* body.c */
struct reqbody;
/*
 * Start reading the body of r, of the given Content-Type (NULL: none)
 * and declared length (-1: unknown), for a route with those flags;
 * uploads go to temporary files in tmpdir.  ERR_MEDIA (415) for a type
 * the route does not take; ERR_PARSE for a malformed Content-Type or
 * boundary; ERR_LIMIT when length passes the route's limit (*out is
 * then set, to be freed).  *why, when set, is a sentence for the client.
 */
enum err	 req_body_begin(struct req *, const char *content_type,
		    long long length, int flags, const char *tmpdir,
		    struct reqbody **out, const char **why);
/*
 * One file of the body may be at most max bytes (0, or not below
 * LIMIT_UPLOAD_FILE: that limit), and a body with files at most max and
 * LIMIT_BODY for its text: ERR_LIMIT, req_body_why saying so, when the
 * declared length (-1: unknown) already passes it.
 */
enum err	 req_body_file_max(struct reqbody *, size_t max,
		    long long length);
/*
 * The next n bytes of the body.  ERR_LIMIT past the limit; ERR_PARSE,
 * ERR_MEDIA (a file where the route takes none) or ERR_IO (a temporary
 * file) for a multipart body; req_body_why says why, for the client.
 */
enum err	 req_body_feed(struct reqbody *, const char *, size_t n);
/* The last error's sentence for the client, or NULL. */
const char	*req_body_why(const struct reqbody *);
/*
 * The body is complete: fill r->form, r->uploads or r->json.  Errors as
 * req_body_feed's, and JSON's (ERR_PARSE with *why giving the position).
 */
enum err	 req_body_end(struct reqbody *, const char **why);
/* Close and unlink the temporary files, release r->json; NULL: no-op. */
void		 req_body_free(struct reqbody *);

#endif
