/*
 * web: the journal's public site on top of http, store and tmpl.  app.c
 * wires the pieces and runs the server; view.c builds the views of
 * docs/views.md; one file per page family holds the handlers; cache.c,
 * reads.c and robots.c are the page cache, the read counter and the robot
 * detector it relies on.
 */
#ifndef OCTAVO_WEB_H
#define OCTAVO_WEB_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>

#include "http/http.h"
#include "site/site.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/util.h"

#define PER_PAGE	20

struct web_config {
	const char	*db;
	const char	*listen;
	const char	*theme;		/* directory with templates/, static/ */
	const char	*robots_file;
	int		 workers;
	int		 flush_seconds;	/* read counter flush period */
	size_t		 cache_bytes;	/* page cache maximum */
	const char	*trusted_proxies;
	FILE		*access_log;
};

/* app.c */
struct app {
	const struct web_config	*cfg;
	struct tmpl_set		*tmpl;
	struct cache		*cache;
	struct robots		*robots;
	struct reads		*reads;
	atomic_int_fast64_t	 version;	/* content version */
	uint64_t		 nonce;		/* per process, for ETags */
	char			 marker[40];	/* reads marker in pages */
	pthread_mutex_t		 lock;		/* chrome */
	json_t			*chrome;
	int64_t			 chrome_version;
	struct asset		*assets;
	size_t			 nassets;
	char			*css_url;
	char			*favicon_url;
};
struct asset {
	char		*name;		/* "style.css" */
	char		*hashed;	/* "style.1a2b3c4d.css" */
	char		*body;
	size_t		 len;
	const char	*content_type;
};
extern struct app *web_app;		/* the running site, for handlers */
extern const struct route web_routes[];	/* the site's URLs */
extern const size_t web_nroutes;
/* Run the site until a signal; returns the exit status. */
int		 web_serve(const struct web_config *);
/* Set up an app without serving (tests); caller frees with app_free. */
enum err	 app_new(const struct web_config *, struct app **);
void		 app_free(struct app *);

/* view.c */
/* The current layout data (site, nav, sidebar...); a new reference. */
enum err	 view_chrome(struct app *, struct store *, json_t **);
/* A page view holding the chrome's keys, with page.title set. */
enum err	 view_new(struct req *, const char *title, json_t **);
/* The string at key, "" when absent or not a string. */
const char	*view_str(json_t *, const char *key);
/* dst[key] = src[skey] as a string ("" when absent). */
void		 view_copy(json_t *dst, const char *key, json_t *src,
		    const char *skey);
/* A JSON string prefix + the slug percent-encoded. */
json_t		*view_url(const char *prefix, const char *slug);
/* { name, slug, url } of an article row's section. */
json_t		*view_section_ref(json_t *row);
/* { number, url, date_iso, date_medium, date_long, title } or false. */
json_t		*view_issue_ref(struct arena *, json_t *issue);
/* AUTHOR list from [{slug, name}]. */
json_t		*view_authors(json_t *rows);
/* ARTICLE_SUM from an article row. */
json_t		*view_article_sum(json_t *row);
json_t		*view_article_sums(json_t *rows);
json_t		*view_publication(json_t *row);
json_t		*view_publications(json_t *rows);
/* PAGINATION for a list URL (base may already hold a query). */
json_t		*view_pagination(struct arena *, const char *base, long page,
		    long total);
/* ?page=N as a number (1 when absent); ERR_PARSE when not a number. */
enum err	 view_page_number(struct req *, long *);
/*
 * Page `page` (from 1) of an article list; ERR_NOTFOUND past the last
 * page.  Sets q's limit and offset.
 */
enum err	 view_articles_page(struct req *, struct store_query *,
		    long page, json_t **rows, long *total);
/* Mark the nav entry of section slug as current (copies nav). */
void		 view_nav_current(json_t *view, const char *slug);
/* Set key to a date string formatted by fmt from an ISO date. */
void		 view_date(json_t *obj, const char *key, const char *iso,
		    enum err (*fmt)(struct buf *, const char *));
/*
 * Render template name with view into a page for the request's cache key,
 * cache it when the route allows, and answer with it.  Takes the view.
 */
enum err	 view_render(struct req *, struct resp *, const char *name,
		    json_t *view, int64_t article_id, int64_t stored_reads);
/* Answer with a cached page (counts the read of an article page). */
void		 view_serve_page(struct app *, struct req *, struct resp *,
		    struct page *);
/* The cache key of a request: path and the route's kept parameters. */
const char	*view_cache_key(struct req *);
/* The worker's store. */
struct store	*view_store(struct req *);

/* Handlers: article.c, issue.c, section.c, author.c, publications.c,
 * about.c, newsletter.c, static.c */
enum err	 page_article(struct req *, struct resp *);
enum err	 page_home(struct req *, struct resp *);
enum err	 page_issues(struct req *, struct resp *);
enum err	 page_issue(struct req *, struct resp *);
enum err	 page_section(struct req *, struct resp *);
enum err	 page_author(struct req *, struct resp *);
enum err	 page_publications(struct req *, struct resp *);
enum err	 page_about(struct req *, struct resp *);
enum err	 page_newsletter(struct req *, struct resp *);
enum err	 page_static(struct req *, struct resp *);
/* A plausible e-mail address (RFC 5321 sizes, one @, dotted domain). */
int		 newsletter_email_valid(const char *);

#endif
