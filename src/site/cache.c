/*
 * cache: rendered pages in memory, keyed by URL and content version.  A
 * page is immutable once inserted and shared by reference count, so the
 * polling thread can send one while a worker replaces it.  A page of an
 * older version is a miss and is dropped.
 *
 * A client chooses the keys (any value of a route's declared parameter
 * makes one), so the table hashes them with hash_keyed and bounds every
 * bucket at CACHE_CHAIN_MAX pages, the oldest going first: no choice of
 * URLs makes a lookup walk a long chain (issue 6: crafted keys sharing
 * the home page's bucket once cut its rate from 84,913 to 1,896 req/s).
 *
 * Invariant: bytes, the sum of what every page holds (body, key, struct
 * and the allocator's header of each) plus the bucket array, never passes
 * max.  Past it, pages are dropped bucket by bucket from a cursor that
 * goes round the table until a quarter of the room is free: no per-page
 * bookkeeping on the hot path, and what goes is, roughly, what has been
 * there longest since the cursor last passed.
 */
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define CACHE_CHAIN_MAX		8	/* pages in one bucket */
#define CACHE_PAGE_TYPICAL	4096	/* bytes: one bucket per so many */
#define CACHE_BUCKETS_MIN	1024
#define CACHE_BUCKETS_MAX	(1024 * 1024)
#define CACHE_ALLOC_OVERHEAD	32	/* malloc's header and rounding */

struct cache {
	pthread_mutex_t	 lock;
	struct htab	 tab;
	size_t		 bytes;
	size_t		 max;
	size_t		 cursor;	/* next bucket to evict */
	size_t		 chain_evictions;
};

struct page *
page_new(const char *key, int64_t version, char *body, size_t len,
    const char *content_type)
{
	size_t klen = strlen(key);
	struct page *p = xcalloc(1, sizeof(*p) + klen + 1);

	memcpy(p->keybuf, key, klen + 1);
	p->key = p->keybuf;
	p->version = version;
	/*
	 * A buffer grows by doubling.  A copy of just the page, rather than
	 * the buffer shrunk in place, leaves the big block whole for the
	 * next render instead of splitting it around a long-lived page.
	 */
	p->body = xmalloc(len + 1);
	memcpy(p->body, body, len + 1);
	free(body);
	p->len = len;
	p->cost = sizeof(*p) + klen + 1 + len + 1 + 2 * CACHE_ALLOC_OVERHEAD;
	p->content_type = content_type;
	p->reads_off = PAGE_NO_READS;
	atomic_init(&p->refs, 1);
	return p;
}

void
page_headers_keep(struct page *p, const struct resp *resp)
{
	size_t i, size = resp->nheaders * sizeof(*p->headers);
	char *s;

	if (resp->nheaders == 0)
		return;
	for (i = 0; i < resp->nheaders; i++)
		size += strlen(resp->headers[i].name) +
		    strlen(resp->headers[i].value) + 2;
	/* One block: the array, then the strings. */
	p->headers = xmalloc(size);
	s = (char *)(p->headers + resp->nheaders);
	for (i = 0; i < resp->nheaders; i++) {
		p->headers[i].name = s;
		s = stpcpy(s, resp->headers[i].name) + 1;
		p->headers[i].value = s;
		s = stpcpy(s, resp->headers[i].value) + 1;
	}
	p->nheaders = resp->nheaders;
	p->cost += size + CACHE_ALLOC_OVERHEAD;
}

void
page_encode(struct page *p, size_t marker_len)
{
	size_t n = 0;
	int k;

	if (p->encoded || !http_type_compressible(p->content_type) ||
	    p->len < LIMIT_COMPRESS_MIN)
		return;
	p->encoded = 1;
	if (p->reads_off == PAGE_NO_READS)
		n = http_compress_each(HTTP_EFFORT_PAGE, p->body, p->len,
		    p->coded);
	else if (http_gzip_split(p->body, p->len, p->reads_off, marker_len,
	    HTTP_EFFORT_PAGE, &p->gz) == ERR_OK)
		n = p->gz.headlen + p->gz.taillen;
	for (k = 0; k < HTTP_CODING__MAX; k++)
		if (p->coded[k].p != NULL)
			n += CACHE_ALLOC_OVERHEAD;
	if (p->gz.head != NULL)
		n += 2 * CACHE_ALLOC_OVERHEAD;
	p->cost += n;
}

void
page_ref(struct page *p)
{
	atomic_fetch_add(&p->refs, 1);
}

void
page_unref(struct page *p)
{
	if (p == NULL || atomic_fetch_sub(&p->refs, 1) != 1)
		return;
	free(p->body);
	free(p->headers);
	http_coded_free(p->coded);
	http_gzip_split_free(&p->gz);
	free(p);
}

void
page_unref_cb(void *p)
{
	page_unref(p);
}

struct cache *
cache_new(size_t max)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	size_t n = max / CACHE_PAGE_TYPICAL;

	if (n < CACHE_BUCKETS_MIN)
		n = CACHE_BUCKETS_MIN;
	if (n > CACHE_BUCKETS_MAX)
		n = CACHE_BUCKETS_MAX;
	pthread_mutex_init(&c->lock, NULL);
	/* A fixed table, so that its bytes are counted once, here. */
	htab_init(&c->tab, n, n, CACHE_CHAIN_MAX);
	c->bytes = htab_bytes(&c->tab);
	c->max = max;
	return c;
}

static struct page *
page_of(struct hnode *n)
{
	return n != NULL ? container_of(n, struct page, node) : NULL;
}

static int
page_key_eq(const struct hnode *n, const void *key)
{
	return strcmp(container_of(n, struct page, node)->key, key) == 0;
}

/* Release a chain of pages taken from the table; under lock. */
static void
drop_chain(struct cache *c, struct hnode *n)
{
	struct hnode *next;
	struct page *p;

	for (; n != NULL; n = next) {
		next = n->next;
		p = page_of(n);
		c->bytes -= p->cost;
		page_unref(p);
	}
}

/* Drop whole buckets from the cursor on until bytes <= want; under lock. */
static void
cache_evict(struct cache *c, size_t want)
{
	size_t n;

	for (n = 0; n < c->tab.nbucket && c->bytes > want; n++)
		drop_chain(c, htab_take(&c->tab, &c->cursor));
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_evict(c, 0);
	htab_free(&c->tab);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Unlink the page of key; returns it (caller unrefs); under lock. */
static struct page *
unlink_key(struct cache *c, uint64_t h, const char *key)
{
	struct page *p = page_of(htab_find(&c->tab, h, page_key_eq, key));

	if (p != NULL) {
		htab_remove(&c->tab, &p->node);
		c->bytes -= p->cost;
	}
	return p;
}

struct page *
cache_get(struct cache *c, const char *key, int64_t version)
{
	uint64_t h = hash_keyed(key, strlen(key));
	struct page *p, *stale = NULL;

	pthread_mutex_lock(&c->lock);
	p = page_of(htab_find(&c->tab, h, page_key_eq, key));
	if (p != NULL && p->version != version) {
		stale = unlink_key(c, h, key);
		p = NULL;
	}
	if (p != NULL)
		page_ref(p);
	pthread_mutex_unlock(&c->lock);
	page_unref(stale);
	return p;
}

void
cache_put(struct cache *c, struct page *p)
{
	uint64_t h = hash_keyed(p->key, strlen(p->key));
	struct page *old, *evicted = NULL;

	pthread_mutex_lock(&c->lock);
	old = unlink_key(c, h, p->key);
	/* A page over a quarter of the room is not worth it. */
	if (p->cost <= c->max / 4 && c->bytes + p->cost > c->max)
		cache_evict(c, c->max - c->max / 4 - p->cost);
	if (p->cost > c->max / 4 || c->bytes + p->cost > c->max) {
		pthread_mutex_unlock(&c->lock);
		page_unref(old);
		page_unref(p);
		return;
	}
	evicted = page_of(htab_insert(&c->tab, &p->node, h));
	if (evicted != NULL) {
		c->bytes -= evicted->cost;
		c->chain_evictions++;
	}
	c->bytes += p->cost;
	pthread_mutex_unlock(&c->lock);
	page_unref(old);
	page_unref(evicted);
}

void
cache_stats(struct cache *c, struct cache_stats *st)
{
	pthread_mutex_lock(&c->lock);
	st->pages = c->tab.n;
	st->bytes = c->bytes;
	st->max = c->max;
	st->table_bytes = htab_bytes(&c->tab);
	st->chain_longest = htab_chain_longest(&c->tab);
	st->chain_max = CACHE_CHAIN_MAX;
	st->chain_evictions = c->chain_evictions;
	pthread_mutex_unlock(&c->lock);
}
