/*
 * site: the core every part of Octavo that serves pages builds on,
 * whatever the pages.  site.c loads the theme, gives each thread its
 * struct ctx and runs the server; chrome.c builds what every page shares;
 * view.c the view helpers; render.c turns a view into a cached page and
 * a cached page into an answer; error.c the error page; cache.c, reads.c
 * and robots.c the page cache, the read counter and the robot detector
 * it relies on; markdown.c Markdown.  The public site (web/), the back
 * office (admin/), the API (api/) and the newsletter (mail/) include this
 * header, never one another's.
 */
#ifndef OCTAVO_SITE_H
#define OCTAVO_SITE_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>

#include "http/http.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/util.h"

/* cache.c */
/* A rendered page; immutable once in the cache, shared by refcount. */
struct page {
	struct hnode	 node;		/* the cache's */
	const char	*key;		/* keybuf */
	int64_t		 version;
	char		*body;
	size_t		 len;
	size_t		 cost;		/* bytes it holds, all counted */
	const char	*content_type;	/* static string */
	size_t		 reads_off;	/* offset of the reads marker, or */
#define PAGE_NO_READS	((size_t)-1)	/* this */
	int64_t		 article_id;
	int64_t		 stored_reads;	/* reads in the database at render */
	struct resp_header *headers;	/* sent with every answer (Link,
					   Last-Modified) */
	size_t		 nheaders;
	/*
	 * Made once by page_encode: the body in each coding (p NULL:
	 * none), or for a page with a reads marker the gzip around it.
	 */
	int		 encoded;
	struct str	 coded[HTTP_CODING__MAX];
	struct gzip_split gz;
	atomic_int	 refs;
	char		 keybuf[];
};
struct cache;
struct cache_stats {
	size_t		 pages;
	size_t		 bytes;		/* pages' cost plus the table */
	size_t		 max;
	size_t		 table_bytes;	/* the bucket array */
	size_t		 chain_longest;	/* pages in the fullest bucket */
	size_t		 chain_max;	/* its bound */
	size_t		 chain_evictions; /* pages full buckets dropped */
};
/*
 * A cache of at most max_bytes, counting everything a page holds and the
 * table itself (0 keeps no page); caller frees with cache_free.
 */
struct cache	*cache_new(size_t max_bytes);
void		 cache_free(struct cache *);	/* NULL is a no-op */
/*
 * Compress p, before it goes into the cache, in the codings that suit
 * it (http_type_compressible, at least LIMIT_COMPRESS_MIN bytes): gzip
 * and brotli, or for a page with a reads marker of marker_len bytes a
 * gzip in two parts (http_gzip_split); counted in its cost.  A coding
 * that fails or saves nothing is left out.
 */
void		 page_encode(struct page *, size_t marker_len);
/* A referenced page for key at version, or NULL; release with page_unref. */
struct page	*cache_get(struct cache *, const char *key, int64_t version);
/*
 * Insert (taking one reference of the caller's); replaces the page of the
 * same key; past the maximum, evicts older pages first; a full bucket
 * drops its oldest page.  A page over a quarter of the maximum is not
 * kept.
 */
void		 cache_put(struct cache *, struct page *);
/* A consistent snapshot of the counters (walks the table: not hot). */
void		 cache_stats(struct cache *, struct cache_stats *);
/*
 * A new page with one reference, copying key; takes body (malloc'd, len
 * bytes and a NUL), which it frees, keeping a copy of just those bytes:
 * use p->body afterwards, never body.
 */
struct page	*page_new(const char *key, int64_t version, char *body,
		    size_t len, const char *content_type);
/*
 * Keep the headers a handler added to its answer (resp's: a Link) with
 * the page, to be sent again with every answer made from it; counted in
 * its cost.  Before the page is shared.
 */
void		 page_headers_keep(struct page *, const struct resp *);
void		 page_ref(struct page *);
void		 page_unref(struct page *);	/* NULL is a no-op */
void		 page_unref_cb(void *);		/* for resp.release */

/* robots.c */
struct robots;
/*
 * Load user-agent patterns (the COUNTER robots list: a JSON array of
 * {"pattern": ...} or a text file of one regular expression a line),
 * matched case-insensitively.  ERR_PARSE names the bad line in the log.
 */
enum err	 robots_load(const char *path, struct robots **);
void		 robots_free(struct robots *);
/* 1 if the user agent is a robot's. Thread-safe. */
int		 robots_match(struct robots *, const char *ua);
size_t		 robots_count(const struct robots *);

/* reads.c */
#define READS_WINDOW	30	/* seconds in which one client reads once */
/*
 * One address group (an address; for IPv6, a /64) adds at most
 * READS_GROUP_MAX reads to an article in any READS_GROUP_WINDOW seconds.
 */
#define READS_GROUP_MAX		10
#define READS_GROUP_WINDOW	3600
struct reads;
/*
 * A read counter tracking at most max_entries (address group, article)
 * pairs (LIMIT_READS_ENTRIES in the server).  robots is borrowed and may
 * be NULL (nothing is a robot then).  Caller frees with reads_free.
 */
struct reads	*reads_new(struct robots *, size_t max_entries);
void		 reads_free(struct reads *);	/* NULL is a no-op */
/*
 * Count a read of article by client (address, user agent) at time now,
 * unless it is a robot's, a repeat by the same client within
 * READS_WINDOW, or past READS_GROUP_MAX counted reads of the article from
 * the address's group (the address; for IPv6, its /64) within
 * READS_GROUP_WINDOW, or the table is full of live entries; returns 1 if
 * it counted.  Thread-safe.
 */
int		 reads_hit(struct reads *, int64_t article, const char *addr,
		    const char *ua, int64_t now);
/* Reads to show: the largest stored count seen plus what is pending. */
int64_t		 reads_total(struct reads *, int64_t article, int64_t stored);
/* Move pending reads to the store (additively); kept on failure. */
enum err	 reads_flush(struct reads *, struct store *, int64_t now);
/* Reads counted but not yet flushed, all articles. */
int64_t		 reads_pending(struct reads *);

/* markdown.c */
/*
 * Markdown (CommonMark, raw HTML off) to HTML appended to out; links and
 * images url_safe refuses become about:invalid.  On failure out is as it
 * was.
 */
enum err	 markdown_html(struct buf *out, const char *md, size_t len);
/*
 * The same with every link and image that url_safe accepts made
 * absolute against base (an absolute URL: the address of the page the
 * text is on), as a feed's content must be; base NULL is markdown_html.
 */
enum err	 markdown_html_abs(struct buf *out, const char *md, size_t len,
		    const char *base);

/* html_clean.c */
/* What html_clean dropped: a count, and the first names dropped. */
struct html_clean_report {
	size_t		 dropped;	/* elements and event attributes */
	char		 names[16][16];	/* "script", "iframe", "attribute" */
	size_t		 nnames;
};
/*
 * HTML from elsewhere (an imported body) appended to out through an
 * allowlist of the elements and attributes of a text: code and foreign
 * content dropped with what it holds, other unknown elements unwrapped,
 * comments dropped, addresses url_safe refuses made about:invalid and,
 * with base set, the others made absolute against it.  rep (may be
 * NULL) says what was dropped.  ERR_PARSE for input that is not UTF-8;
 * on failure out is as it was.
 */
enum err	 html_clean(struct buf *out, const char *html, size_t len,
		    const char *base, struct html_clean_report *rep);
/*
 * An article's body as HTML appended to out, by its format: "html"
 * (an imported body: html_clean, then curly quotes in its text as
 * typo_html_tail makes them) or anything else (Markdown:
 * markdown_html_abs); base as there (NULL: addresses as written).
 */
enum err	 article_body_html(struct buf *out, const char *body,
		    size_t len, const char *format, const char *base);

/* site.c */
struct site_config {
	const char	*db;
	const char	*listen;
	const char	*theme;		/* directory with templates/, static/ */
	const char	*robots_file;
	int		 workers;
	int		 flush_seconds;	/* read counter flush period */
	size_t		 cache_bytes;	/* page cache maximum; 0: default */
	int		 cache_off;	/* keep no page (cache_mb 0) */
	const char	*trusted_proxies;
	FILE		*access_log;
	/* Seconds since the epoch now; NULL: time_now (tests fix it). */
	int64_t		(*clock)(void);
	unsigned	 max_connections;	/* see struct http_config */
	unsigned	 per_ip_connections;
	unsigned	 header_timeout;
	/* Uploaded media's folder; NULL: "media" beside the database. */
	const char	*media_dir;
	/* One uploaded file, bytes at most; 0: MEDIA_UPLOAD_DEFAULT. */
	size_t		 upload_max;
	const struct mail_config *mail;	/* mail/'s settings, opaque here */
};
/* A theme file under /static/, in memory. */
struct asset {
	char		*name;		/* "style.css" */
	char		*hashed;	/* "style.1a2b3c4d.css" */
	char		*body;
	size_t		 len;
	const char	*content_type;
	struct str	 coded[HTTP_CODING__MAX];	/* made at load */
};
struct admin;	/* the back office's state (admin/), opaque here */
struct web;	/* the public site's state (web/), opaque here */
struct mail_config;
struct mailer;	/* the newsletter's sender (mail/), opaque here */
/*
 * The running site: its theme, page cache, read counter and content
 * version.  One per process; threads share it, each through its own
 * struct ctx.
 */
struct site {
	const struct site_config *cfg;
	struct tmpl_set		*tmpl;
	struct cache		*cache;
	struct robots		*robots;
	struct reads		*reads;
	atomic_int_fast64_t	 version;	/* content version, polled */
	uint64_t		 nonce;		/* per process, for ETags */
	char			 marker[40];	/* reads marker in pages */
	pthread_mutex_t		 lock;		/* chrome */
	json_t			*chrome;
	int64_t			 chrome_version;
	struct asset		*assets;
	size_t			 nassets;
	char			*css_url;
	char			*favicon_url;
	struct admin		*admin;		/* set by its part's start */
	char			*media_dir;	/* resolved: media.c */
	size_t			 upload_max;	/* resolved, bytes */
	struct mailer		*mailer;	/* set by its part's start */
	struct web		*web;		/* the public site's (web/),
						   set by its part's start */
};
/*
 * What every handler and hook is given (http.h leaves it opaque): the
 * site, the thread's own database connection, and the content version
 * read when the request started, before any of its queries, so that a
 * page is never cached under a version newer than its rows.
 */
struct ctx {
	struct site	*site;
	struct store	*store;		/* NULL on the polling thread */
	int64_t		 version;
};
/*
 * Load the theme and robots list and set up the cache and counter,
 * without serving (octavo render, tests).  Caller frees with site_free.
 */
enum err	 site_new(const struct site_config *, struct site **);
void		 site_free(struct site *);	/* NULL is a no-op */
/* The site's clock: cfg->clock, or time_now. */
int64_t		 site_now(const struct site *);
/*
 * A part of the program that serves pages (the public site, the back
 * office, the API): its routes and, each optional (NULL), what it needs
 * done as the server starts, every second, and as it stops.
 */
struct site_part {
	const struct route	*routes;
	size_t			 nroutes;
	/* Before serving, with the tick thread's store; failure: exit 1. */
	enum err		(*start)(struct site *, struct store *);
	/* Each second on the tick thread, with its store. */
	void			(*tick)(struct site *, struct store *,
				    int64_t now);
	/* After the last request is answered. */
	void			(*stop)(struct site *);
	/* The http session hook (one part at most has one). */
	int			(*session)(struct ctx *, struct req *);
};
/*
 * Serve the parts' routes, in the order given, until a signal; returns
 * the exit status.  The parts and their tables must outlive the call.
 */
int		 site_serve(const struct site_config *,
		    const struct site_part *, size_t nparts);
/*
 * The asset named name, under its plain or its fingerprinted name
 * (*hashed then 1); NULL when there is none.  Borrowed from the site.
 */
const struct asset *site_asset(struct site *, const char *name,
		    int *hashed);

/* chrome.c */
/*
 * The layout data every page shares (site, nav, sidebar, assets), built
 * once per content version; a new reference.  Without a store (the
 * polling thread), the last one built, or ERR_NOTFOUND.
 */
enum err	 site_chrome(struct site *, struct store *, json_t **);

/* error.c */
/* Paths under it answer errors as problem details, not as pages. */
#define SITE_API_PREFIX	"/api/"
/*
 * The http error hook: the theme's error page for status into resp, or
 * for a path under SITE_API_PREFIX a problem details answer (below).
 */
void		 site_error_page(struct ctx *, struct req *, struct resp *,
		    int status, const char *why);
/*
 * An RFC 9457 problem details answer into resp, replacing its body:
 * status, Content-Type application/problem+json, and {type, title,
 * status, detail}: type about:blank, title the status's reason phrase,
 * detail why (valid UTF-8), or for NULL and for every 500 the status's
 * own sentence (a 500's cause is for the log).  param, if not NULL, names
 * the query parameter at fault (member "parameter").  resp holds no
 * zero-copy body.
 */
void		 site_problem(struct resp *, int status, const char *why,
		    const char *param);
/* site_problem with more members (an object, borrowed; NULL: none) or
 * an "errors" list (an array). */
void		 site_problem_more(struct resp *, int status,
		    const char *why, const char *param, json_t *more);

/* links.c */
#define SITE_LINK_CONFIRM	'c'
#define SITE_LINK_UNSUBSCRIBE	'u'
#define SITE_LINK_PREFERENCES	'p'
#define SITE_LINK_RESET		'r'	/* a user's password reset */
#define SITE_CONFIRM_TTL	(7 * 86400)	/* a confirmation link's life */
#define SITE_RESET_TTL		3600		/* a reset link's */
/*
 * The signed token of a subscriber's link of kind (above) into out,
 * made at now, salted with salt (the subscriber's token; for a reset,
 * the user's password hash); ERR_DB when the key cannot be read.
 */
enum err	 site_link_token(struct store *, char kind, int64_t id,
		    const char *salt, int64_t now, char out[SIGNED_TOKEN_LEN]);
/*
 * The key links are signed with, for a caller that makes many (the
 * mailer's campaign): ERR_DB when it cannot be read.  The caller wipes
 * it (sodium_memzero) when done.
 */
enum err	 site_link_key(struct store *,
		    unsigned char key[SIGNED_KEY_LEN]);
/* site_link_token with a key from site_link_key. */
void		 site_link_token_keyed(const unsigned char key[SIGNED_KEY_LEN],
		    char kind, int64_t id, const char *salt, int64_t now,
		    char out[SIGNED_TOKEN_LEN]);
/*
 * Check a link's token of kind: its subscriber record into *sub (caller
 * frees) or ERR_PARSE (not a token of that kind), ERR_AUTH (forged, or
 * made for a subscriber since erased), ERR_INVAL (expired).
 */
enum err	 site_link_check(struct store *, const char *token, char kind,
		    int64_t now, json_t **sub);
/*
 * Check a password reset link's token: the user's record into *user
 * (caller frees), or as site_link_check says; ERR_AUTH too for a user
 * since disabled, and for a token made before the password changed.
 */
enum err	 site_reset_check(struct store *, const char *token,
		    int64_t now, json_t **user);

/* render.c */
/*
 * Render template name with view into a page, cache it under the
 * request's key and ctx->version when the route allows, and answer with
 * it.  Takes the view.  article_id > 0 marks an article page whose read
 * count (stored_reads at render) is spliced in on every answer.
 */
enum err	 site_render(struct ctx *, struct req *, struct resp *,
		    const char *name, json_t *view, int64_t article_id,
		    int64_t stored_reads);
/*
 * Answer with body (malloc'd, len bytes and a NUL; taken) of the given
 * type (a static string), as site_render answers with a page: under the
 * request's key and ctx->version, cached when the route allows.  A
 * route without ROUTE_CACHE answers with what its version does not
 * decide (the clock's events): its ETag is then a hash of the bytes.
 */
enum err	 site_send_body(struct ctx *, struct req *, struct resp *,
		    char *body, size_t len, const char *content_type);
/*
 * Render template name with view (taken) as a document of another type
 * (a feed: content_type a static string such as "application/atom+xml"),
 * answered as site_send_body answers.  Headers the handler added (a
 * Last-Modified) go with the page, cached or not.
 */
enum err	 site_render_as(struct ctx *, struct req *, struct resp *,
		    const char *name, json_t *view, const char *content_type);
/* Answer with a page (counting the read of an article page); takes p. */
void		 site_send_page(struct site *, struct req *, struct resp *,
		    struct page *);
/* The cache key of a request: path and the route's kept parameters. */
const char	*site_cache_key(struct req *);
/*
 * The http fast hook: site_cached, except for a ROUTE_LEGACY route
 * asked with a query, whose handler looks for an old address first.
 */
int		 site_fast(struct ctx *, struct req *, struct resp *);
/* A cached page for a GET, counted; 1 if answered. */
int		 site_cached(struct ctx *, struct req *, struct resp *);

/* article_view.c */
/*
 * The view of an article's page from its row (store_article_get's
 * shape), its read count shown as reads (the marker for a cached page);
 * a new reference in *out.
 */
enum err	 site_article_view(struct ctx *, struct req *, json_t *row,
		    const char *reads, json_t **out);
/*
 * How the page says an article's read count: "Read once", "Read
 * twice", "Read 1,234 times"; in the arena.
 */
const char	*site_reads_text(struct arena *, int64_t n);

/* settings.c */
/* A site setting an operator or editor may change. */
struct site_setting {
	const char	*key;		/* as typed: "title", "base_url" */
	const char	*store_key;	/* in the store's site record */
	const char	*help;
	/* The value to store, or NULL with *why saying what is wrong. */
	const char	*(*check)(struct arena *, const char *,
			    const char **why);
	const char	*label;		/* a form's: "Base URL" */
	int		 multiline;	/* several lines (Markdown) */
	const char	*def;		/* shown when empty; NULL: none */
};
/* The setting named key ("name" is title's store name), or NULL. */
const struct site_setting *site_setting_find(const char *key);
/*
 * The value of setting key in the store's site record rec, or its
 * default when that is empty (a heading); borrowed from rec or static.
 */
const char	*site_setting_value(json_t *rec, const char *key);
/* All of them, in the order they are listed; *n gets the count. */
const struct site_setting *site_settings(size_t *n);
/*
 * Check value for setting s: *out gets the value to store (normalised:
 * a base URL without its trailing slash), in the arena or value itself.
 * ERR_INVAL or ERR_LIMIT with *why, a phrase that follows the key
 * ("base_url must be an absolute http or https URL...").
 */
enum err	 site_setting_check(struct arena *, const struct site_setting *,
		    const char *value, const char **out, const char **why);

/* view.c */
#define PER_PAGE	20
/* The formats every feed is offered in (web/feed.c serves them). */
enum feed_format {
	FEED_ATOM,
	FEED_RSS,
	FEED_JSON,
	FEED__MAX
};
struct feed_format_info {
	const char	*ext;		/* the file name's: feed.atom */
	const char	*type;		/* the Content-Type sent */
	const char	*label;		/* for readers: "Atom" */
};
extern const struct feed_format_info view_feed_formats[FEED__MAX];
/*
 * FEED_LINK list, one per format, of the feeds of the page at path ("" for
 * the journal, "/sections/x"), titled "title (Atom)"...
 */
json_t		*view_feed_links(const char *path, const char *title);
/*
 * A page view holding the chrome's keys, with page.title set, its
 * canonical URL (with ?page=N past the first page of a list) and the
 * sidebar's next events (side_events).
 */
enum err	 view_new(struct ctx *, struct req *, const char *title,
		    json_t **);
/* The string at key, "" when absent or not a string. */
const char	*view_str(json_t *, const char *key);
/* dst[key] = src[skey] as a string ("" when absent). */
void		 view_copy(json_t *dst, const char *key, json_t *src,
		    const char *skey);
/* Like view_copy for a URL: "" unless url_safe accepts it. */
void		 view_copy_url(json_t *dst, const char *key, json_t *src,
		    const char *skey);
/* A JSON string prefix + the slug percent-encoded. */
json_t		*view_url(const char *prefix, const char *slug);
/* { number, url, date_iso, date_medium, date_long, title } or false. */
json_t		*view_issue_ref(struct arena *, json_t *issue);
/* AUTHOR list from [{slug, name}]. */
json_t		*view_authors(json_t *rows);
/* A new array of fn(row) for each row of rows. */
json_t		*view_map(json_t *rows, json_t *(*fn)(json_t *));
/* ARTICLE_SUM from an article row (borrowed, left as it is). */
json_t		*view_article_sum(json_t *row);
/*
 * An article list's rows (store_articles_list) become ARTICLE_SUMs in
 * place, sharing what consecutive rows have in common; returns rows with
 * a new reference.  The rows are then views, no longer store rows.
 */
json_t		*view_article_sums(json_t *rows);
/*
 * A person as their page and article cards show them: {name,
 * affiliation, role, photo, bio_html} of a people row; a new reference.
 */
json_t		*view_person(json_t *row);
json_t		*view_publication(json_t *row);
json_t		*view_publications(json_t *rows);
/*
 * PAGINATION for a list URL (base may already hold a query): page,
 * pages, prev_url, next_url, first_url, last_url ("" on the first or
 * last page) and numbers [{number, url, current, gap}], the first, the
 * last and a window around page; false for a single page.
 */
json_t		*view_pagination(struct arena *, const char *base, long page,
		    long total);
/* The one URL of page `page` of the list at base: base for page 1. */
const char	*view_page_url(struct arena *, const char *base, long page);
/*
 * ?page=N as a number (1 when absent); ERR_PARSE when not a number from
 * 1 to LIMIT_PAGE_NUMBER.  A number written otherwise than our links
 * write it (page=1, page=02) sets *page to 0 and resp to a 301 to
 * view_page_url(base, N): the handler then returns ERR_OK.
 */
enum err	 view_page_number(struct req *, struct resp *,
		    const char *base, long *);
/* The page number a request asks for as our links write it; else 1. */
long		 view_page_of(struct req *);
/*
 * Whether page `page` of a list is past its last: page 2 or later and no
 * rows.  Then *rows is freed (set to NULL): the handler answers 404.
 */
int		 view_page_past(long page, json_t **rows);
/*
 * view.breadcrumbs = {items: [{name, url, current}]}: "Home" (/), then
 * n (name, path) pairs, the page itself last (current): the trail the layout
 * shows and meta.c writes as a BreadcrumbList.  Strings are copied.
 */
void		 view_breadcrumbs(json_t *view, const char *const *crumbs,
		    size_t n);
/*
 * Page `page` (from 1) of an article list; ERR_NOTFOUND past the last
 * page.  Sets q's limit and offset.
 */
enum err	 view_articles_page(struct ctx *, struct store_query *,
		    long page, json_t **rows, long *total);
/*
 * Mark the nav entry of section slug as current (copies nav): how is
 * the aria-current value, "page" on the section's own page, "true" on a
 * page within it (an article).
 */
void		 view_nav_current(json_t *view, const char *slug,
		    const char *how);
/* Set key to a date string formatted by fmt from an ISO date. */
void		 view_date(json_t *obj, const char *key, const char *iso,
		    enum err (*fmt)(struct buf *, const char *));

/*
 * An event's view from its row: {id, title, place, description, url
 * (its own page elsewhere, checked), when, tz, starts_iso, ends_iso
 * (view_event_when), ics (its calendar file), anchor (its place on
 * /events)}.
 */
json_t		*view_event(struct arena *, json_t *row);

/* when.c: an event's times in its own zone. */
struct when_parts {
	int64_t		 local;		/* wall clock, as seconds */
	char		 day[24];	/* "Tue 1 Dec 2026" */
	char		 time[8];	/* "18:00" */
	char		 abbr[16];	/* "CET", "UTC+03" */
	char		 input[24];	/* "2026-12-01T18:00", for forms */
};
/* Instant t in zone z (NULL: UTC). */
void		 when_local(const struct tz *z, int64_t t,
		    struct when_parts *);
/*
 * Set o's when ("Tue 1 Dec 2026, 18:00–20:00 CET", "" when starts_at
 * does not parse), tz, starts_iso and ends_iso from an event's row
 * {starts_at, ends_at, tz}; a zone that cannot be read is shown as UTC.
 */
void		 view_event_when(struct arena *, json_t *o, json_t *row);

/* sniff.c */
/* What an uploaded file may be, by its content. */
enum media_type {
	MEDIA_JPEG,
	MEDIA_PNG,
	MEDIA_GIF,
	MEDIA_WEBP,
	MEDIA_PDF,
	MEDIA__MAX
};
extern const char *const media_mimes[MEDIA__MAX];	/* "image/jpeg" */
extern const char *const media_exts[MEDIA__MAX];	/* "jpg" */
#define MEDIA_MAX_SIDE	65535	/* pixels, an image's width or height */
#define MEDIA_SNIFF_LEN	(256 * 1024)	/* bytes read to recognise one */
struct media_info {
	enum media_type	 type;
	uint32_t	 width;		/* pixels; 0 for a PDF */
	uint32_t	 height;
};
/*
 * What the n first bytes of a file (all of it, or MEDIA_SNIFF_LEN) are,
 * into *mi: ERR_MEDIA when none of the known types; ERR_PARSE when a
 * type's signature is followed by no readable header (an image's width
 * and height, 1 to MEDIA_MAX_SIDE, must be found in the n bytes).
 */
enum err	 media_sniff(const unsigned char *, size_t n,
		    struct media_info *mi);

/* media.c: uploaded files under the media folder. */
#define MEDIA_UPLOAD_DEFAULT	(10 * 1024 * 1024)	/* upload_max */
#define MEDIA_NAME_HEX	32	/* random hex digits of a stored name */
/* The media folder of cfg (malloc'd; caller frees). */
char		*media_dir_of(const struct site_config *);
/*
 * 1 if name is one a stored file may have: MEDIA_NAME_HEX lowercase hex
 * digits, a dot and one of media_exts; else 0 (never a path).
 */
int		 media_name_valid(const char *name);
/* A new random name for a file of that type, in the arena. */
const char	*media_name_new(struct arena *, enum media_type);
/*
 * Recognise the upload u (media_sniff on its first bytes): ERR_LIMIT
 * past the site's upload_max; media_sniff's errors.
 */
enum err	 media_check(struct site *, const struct upload *u,
		    struct media_info *mi);
/*
 * Store u under name in the media folder (made if missing), all or
 * nothing: u's own file, synced, is linked to name when both are on one
 * file system; else its bytes are copied to a temporary file there,
 * synced and renamed to name.  ERR_IO, logged, with nothing left
 * behind.
 */
enum err	 media_place(struct site *, struct arena *,
		    const struct upload *u, const char *name);
/* Remove the stored file name (a missing one is not an error). */
void		 media_remove(struct site *, struct arena *, const char *name);
/*
 * Open the stored file name for reading: ERR_NOTFOUND when there is
 * none; *fd (caller closes) and *size.
 */
enum err	 media_open(struct site *, struct arena *, const char *name,
		    int *fd, uint64_t *size);

#endif
