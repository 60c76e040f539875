/*
 * test_cache: the page cache keeps pages per key and content version,
 * drops a page of an older version on lookup, stays under its maximum by
 * evicting older pages, refuses pages too big for it, and never frees a
 * page still referenced (ASan would report it).  Its byte count is what
 * the pages really hold (key, struct, body and the allocator's share,
 * checked against the heap), so that long keys cannot fill memory past
 * cache_mb; and no bucket passes its bound, however many pages.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "site/site.h"

#if defined(__SANITIZE_ADDRESS__)
/* libasan's (sanitizer/allocator_interface.h, which gcc 12 lacks). */
size_t	__sanitizer_get_current_allocated_bytes(void);

/* Bytes the program has allocated and not freed. */
static size_t
heap_in_use(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
/* Bytes the program has allocated and not freed. */
static size_t
heap_in_use(void)
{
	return mallinfo2().uordblks;
}
#endif

/* A page whose body grew in a buf, as a rendered page's does. */
static struct page *
mkpage(const char *key, int64_t version, size_t len)
{
	struct buf b;
	char *body;
	size_t n;

	buf_init(&b, LIMIT_PAGE);	/* as a render's: it grows by doubling */
	while (b.len < len)
		buf_putc(&b, 'x');
	if (len == 0)
		buf_puts(&b, "");
	body = buf_take(&b, &n);
	return page_new(key, version, body, n, "text/html");
}

static size_t
bytes(struct cache *c)
{
	struct cache_stats st;

	cache_stats(c, &st);
	return st.bytes;
}

static void
test_get_put(void)
{
	struct cache *c = cache_new(100 * 1000);
	struct cache_stats st;
	struct page *p, *held;
	size_t empty, cost20;
	char key[32];
	int i, found;

	cache_stats(c, &st);
	empty = st.bytes;
	T_INTEQ("new: the table is counted", empty, st.table_bytes);
	cache_put(c, mkpage("/a", 1, 10));
	p = cache_get(c, "/a", 1);
	T_TRUE("get: same key and version hits", p != NULL);
	T_INTEQ("get: the page's length", p != NULL ? (long)p->len : -1, 10);
	T_INTEQ("put: bytes grow by the page's cost", bytes(c),
	    empty + (p != NULL ? p->cost : 0));
	page_unref(p);
	T_TRUE("get: another key misses", cache_get(c, "/b", 1) == NULL);
	T_TRUE("get: a newer version misses", cache_get(c, "/a", 2) == NULL);
	T_INTEQ("get: the stale page is dropped", bytes(c), empty);

	cache_put(c, mkpage("/a", 2, 10));
	p = mkpage("/a", 2, 20);
	cost20 = p->cost;
	cache_put(c, p);
	T_INTEQ("put: same key replaces", bytes(c), empty + cost20);
	cache_stats(c, &st);
	T_INTEQ("put: one page after a replace", st.pages, 1);

	held = cache_get(c, "/a", 2);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "/p/%d", i);
		cache_put(c, mkpage(key, 2, 2000));
		T_TRUE("put: never past the maximum", bytes(c) <= 100 * 1000);
	}
	cache_stats(c, &st);
	T_TRUE("evict: something was evicted", st.pages < 100);
	for (found = 0, i = 90; i < 100; i++) {
		snprintf(key, sizeof(key), "/p/%d", i);
		if ((p = cache_get(c, key, 2)) != NULL)
			found++;
		page_unref(p);
	}
	T_TRUE("evict: recent pages are mostly still there", found >= 5);
	T_INTEQ("evict: a held page stays readable", held != NULL &&
	    held->body[19] == 'x', 1);
	page_unref(held);

	cache_put(c, mkpage("/huge", 2, 30 * 1000));
	T_TRUE("put: a page over a quarter of the room is not kept",
	    cache_get(c, "/huge", 2) == NULL);
	cache_free(c);
	cache_free(NULL);
	T_PASS("cache_free: NULL is a no-op");
}

static void
test_cost(void)
{
	char key[1100];
	struct page *a, *b;

	a = mkpage("/k", 1, 100);
	memset(key, 'k', 1000);
	key[0] = '/';
	key[1000] = '\0';
	b = mkpage(key, 1, 100);
	T_INTEQ("cost: key bytes count", b->cost - a->cost, 998);
	T_TRUE("cost: at least body, key and struct",
	    a->cost >= 100 + 3 + sizeof(*a));
	page_unref(a);
	page_unref(b);
}

/*
 * A page keeps the headers its handler added (an API list's Link), in a
 * block of its own that outlives the request's arena, counted in its
 * cost; a page with none gets no block.
 */
static void
test_headers(void)
{
	struct arena *a = arena_new();
	struct resp r = { 0 };
	struct page *p, *q;
	size_t before;

	p = mkpage("/api/v1/articles", 1, 100);
	before = p->cost;
	page_headers_keep(p, &r);
	T_TRUE("headers: none kept, no block", p->headers == NULL &&
	    p->nheaders == 0 && p->cost == before);
	resp_header_add(&r, a, "Link", "</api/v1/articles?page=2>; "
	    "rel=\"next\"");
	resp_header_add(&r, a, "X-Total", "40");
	q = mkpage("/api/v1/articles?page=2", 1, 100);
	page_headers_keep(q, &r);
	arena_free(a);	/* the request ends; the page keeps its copy */
	T_INTEQ("headers: both kept", q->nheaders, 2);
	T_STREQ("headers: first name", q->nheaders > 0 ?
	    q->headers[0].name : NULL, "Link");
	T_STREQ("headers: first value", q->nheaders > 0 ?
	    q->headers[0].value : NULL,
	    "</api/v1/articles?page=2>; rel=\"next\"");
	T_STREQ("headers: second", q->nheaders > 1 ?
	    q->headers[1].value : NULL, "40");
	T_TRUE("headers: counted in the cost", q->cost >= before + 2 *
	    sizeof(struct resp_header) + strlen("Link") + strlen("X-Total") +
	    strlen("</api/v1/articles?page=2>; rel=\"next\"") + 2 + 4);
	page_unref(p);
	page_unref(q);
}

/*
 * What the heap really grows by for each page of rendered size (a body
 * grown in a buf, a URL key) is within what the cache counts for it, and
 * the count is not far above it either.  Growth is compared page by page
 * past the first hundred, so that what the allocator keeps aside at
 * first (glibc's per-thread cache of small blocks) does not blur it.
 */
static void
test_heap(void)
{
	enum { N = 3000, SKIP = 100, MAX = 64 * 1024 * 1024 };
	struct cache_stats st;
	struct cache *c;
	size_t before, heap0 = 0, count0 = 0, heap, count, peak;
	char key[128];
	int i;

	before = heap_in_use();
	c = cache_new(MAX);
	for (i = 0; i < N; i++) {
		if (i == SKIP) {
			cache_stats(c, &st);
			heap0 = heap_in_use();
			count0 = st.bytes;
		}
		snprintf(key, sizeof(key), "/publications\ntype=%08d"
		    "&author=somebody-with-a-long-name", i);
		cache_put(c, mkpage(key, 1, 5000 + (size_t)(i % 7) * 1000));
	}
	cache_stats(c, &st);
	peak = heap_in_use();
	heap = peak - heap0;
	count = st.bytes - count0;
	T_INTEQ("heap: every page kept", st.pages, N);
	if (heap <= count)
		T_PASS("heap: growth within the count");
	else {
		printf("FAIL heap: growth within the count: have %zu bytes, "
		    "want at most %zu\n", heap, count);
		test_failed = 1;
	}
	T_TRUE("heap: the count within 5% of the growth",
	    count <= heap + heap / 20);
	cache_free(c);
	T_TRUE("heap: cache_free gives back all but 1% of it",
	    heap_in_use() <= before + (peak - before) / 100);
}

/* Many small pages in a small table: every bucket stays bounded. */
static void
test_bucket_bound(void)
{
	enum { N = 60000 };
	struct cache *c = cache_new(8 * 1024 * 1024);
	struct cache_stats st;
	char key[32];
	int i;

	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "/sections/x?page=%d", i);
		cache_put(c, mkpage(key, 1, 16));
	}
	cache_stats(c, &st);
	T_TRUE("bound: more pages than buckets times the bound were put",
	    (size_t)N > st.table_bytes / sizeof(void *) * st.chain_max);
	T_INTEQ("bound: the fullest bucket is at the bound",
	    st.chain_longest, st.chain_max);
	T_TRUE("bound: full buckets dropped their oldest",
	    st.chain_evictions > 0);
	T_TRUE("bound: never past the maximum", st.bytes <= st.max);
	cache_free(c);
}

int
main(void)
{
	test_get_put();
	test_cost();
	test_headers();
	test_heap();
	test_bucket_bound();
	T_DONE();
}
