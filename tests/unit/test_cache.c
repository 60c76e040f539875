/*
 * test_cache: the page cache keeps pages per key and content version,
 * drops a page of an older version on lookup, stays under its maximum by
 * evicting older pages, refuses pages too big for it, and never frees a
 * page still referenced (ASan would report it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "site/site.h"

static struct page *
mkpage(const char *key, int64_t version, size_t len)
{
	char *body = xmalloc(len + 1);

	memset(body, 'x', len);
	body[len] = '\0';
	return page_new(key, version, body, len, "text/html");
}

int
main(void)
{
	struct cache *c = cache_new(100 * 1000);
	struct page *p, *held;
	char key[32];
	int i, found;

	cache_put(c, mkpage("/a", 1, 10));
	p = cache_get(c, "/a", 1);
	T_TRUE("get: same key and version hits", p != NULL);
	T_INTEQ("get: the page's length", p != NULL ? (long)p->len : -1, 10);
	page_unref(p);
	T_TRUE("get: another key misses", cache_get(c, "/b", 1) == NULL);
	T_TRUE("get: a newer version misses", cache_get(c, "/a", 2) == NULL);
	T_INTEQ("get: the stale page is dropped", cache_bytes(c), 0);

	cache_put(c, mkpage("/a", 2, 10));
	cache_put(c, mkpage("/a", 2, 20));
	T_INTEQ("put: same key replaces", cache_bytes(c), 20);

	held = cache_get(c, "/a", 2);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "/p/%d", i);
		cache_put(c, mkpage(key, 2, 2000));
		T_TRUE("put: never past the maximum",
		    cache_bytes(c) <= 100 * 1000);
	}
	T_TRUE("evict: something was evicted", cache_bytes(c) < 100 * 2000);
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
	T_DONE();
}
