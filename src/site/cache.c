/*
 * cache: rendered pages in memory, keyed by URL and content version.  A
 * page is immutable once inserted and shared by reference count, so the
 * polling thread can send one while a worker replaces it.  A page of an
 * older version is a miss and is dropped.  Past max_bytes, pages are
 * dropped bucket by bucket from a cursor that goes round the table until
 * a quarter of the room is free: no per-page bookkeeping on the hot path,
 * and what goes is, roughly, what has been there longest since the
 * cursor last passed.
 */
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define CACHE_BUCKETS	8192

struct cache {
	pthread_mutex_t	 lock;
	struct page	*bucket[CACHE_BUCKETS];
	size_t		 bytes;
	size_t		 max;
	size_t		 cursor;	/* next bucket to evict */
};

static unsigned
key_hash(const char *s)
{
	unsigned h = 2166136261u;	/* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % CACHE_BUCKETS;
}

struct page *
page_new(const char *key, int64_t version, char *body, size_t len,
    const char *content_type)
{
	struct page *p = xcalloc(1, sizeof(*p));

	p->key = xstrdup(key);
	p->version = version;
	p->body = body;
	p->len = len;
	p->content_type = content_type;
	p->reads_off = PAGE_NO_READS;
	atomic_init(&p->refs, 1);
	return p;
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
	free(p->key);
	free(p->body);
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

	pthread_mutex_init(&c->lock, NULL);
	c->max = max;
	return c;
}

static void
drop_bucket(struct cache *c, size_t i)
{
	struct page *p, *next;

	for (p = c->bucket[i]; p != NULL; p = next) {
		next = p->next;
		c->bytes -= p->len;
		page_unref(p);
	}
	c->bucket[i] = NULL;
}

/* Drop whole buckets from the cursor on until bytes <= want; under lock. */
static void
cache_evict(struct cache *c, size_t want)
{
	size_t n;

	for (n = 0; n < CACHE_BUCKETS && c->bytes > want; n++) {
		drop_bucket(c, c->cursor);
		c->cursor = (c->cursor + 1) % CACHE_BUCKETS;
	}
}

void
cache_free(struct cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < CACHE_BUCKETS; i++)
		drop_bucket(c, i);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Unlink the page of key from its bucket; returns it (caller unrefs). */
static struct page *
unlink_key(struct cache *c, unsigned h, const char *key)
{
	struct page **pp, *p;

	for (pp = &c->bucket[h]; (p = *pp) != NULL; pp = &p->next) {
		if (strcmp(p->key, key) == 0) {
			*pp = p->next;
			c->bytes -= p->len;
			return p;
		}
	}
	return NULL;
}

struct page *
cache_get(struct cache *c, const char *key, int64_t version)
{
	unsigned h = key_hash(key);
	struct page *p, *stale = NULL;

	pthread_mutex_lock(&c->lock);
	for (p = c->bucket[h]; p != NULL; p = p->next)
		if (strcmp(p->key, key) == 0)
			break;
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
	unsigned h = key_hash(p->key);
	struct page *old;

	pthread_mutex_lock(&c->lock);
	old = unlink_key(c, h, p->key);
	if (p->len > c->max / 4) {	/* too big to be worth the room */
		pthread_mutex_unlock(&c->lock);
		page_unref(old);
		page_unref(p);
		return;
	}
	if (c->bytes + p->len > c->max)
		cache_evict(c, c->max - c->max / 4 - p->len);
	p->next = c->bucket[h];
	c->bucket[h] = p;
	c->bytes += p->len;
	pthread_mutex_unlock(&c->lock);
	page_unref(old);
}

size_t
cache_bytes(struct cache *c)
{
	size_t n;

	pthread_mutex_lock(&c->lock);
	n = c->bytes;
	pthread_mutex_unlock(&c->lock);
	return n;
}
