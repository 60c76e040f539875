/*
 * site: the core every part of Octavo that serves pages builds on,
 * whatever the pages: the page cache, the read counter and the robot
 * detector it relies on, and Markdown.  The public site (web/), the back
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
	char		*key;
	int64_t		 version;
	char		*body;
	size_t		 len;
	const char	*content_type;	/* static string */
	size_t		 reads_off;	/* offset of the reads marker, or */
#define PAGE_NO_READS	((size_t)-1)	/* this */
	int64_t		 article_id;
	int64_t		 stored_reads;	/* reads in the database at render */
	atomic_int	 refs;
	struct page	*next;
};
struct cache;
struct cache	*cache_new(size_t max_bytes);
void		 cache_free(struct cache *);
/* A referenced page for key at version, or NULL; release with page_unref. */
struct page	*cache_get(struct cache *, const char *key, int64_t version);
/*
 * Insert (taking one reference of the caller's); replaces the page of the
 * same key; past the maximum, evicts older pages first.
 */
void		 cache_put(struct cache *, struct page *);
/* Bytes of page bodies held. */
size_t		 cache_bytes(struct cache *);
/* A new page with one reference, taking ownership of body (malloc'd). */
struct page	*page_new(const char *key, int64_t version, char *body,
		    size_t len, const char *content_type);
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
struct reads;
/* robots is borrowed and may be NULL (nothing is a robot then). */
struct reads	*reads_new(struct robots *);
void		 reads_free(struct reads *);
/*
 * Count a read of article by client (address, user agent) at time now,
 * unless it is a robot's or a repeat within READS_WINDOW; returns 1 if
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
 * images to other schemes than http, https and mailto are neutralised.
 * On failure out is as it was.
 */
enum err	 markdown_html(struct buf *out, const char *md, size_t len);
/* 1 if a URL is relative or of scheme http, https or mailto. */
int		 markdown_url_safe(const char *url, size_t len);

#endif
