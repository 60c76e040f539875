/*
 * test_mem_cache: the per-thread cache of small blocks that jansson
 * allocates through.  Blocks hold what was asked, a freed block is handed
 * out again, the cache keeps no more than its bound, blocks cross freely
 * between it and malloc, and a flush or a thread's end gives them back.
 * Under AddressSanitizer the cache keeps nothing (every free is seen).
 */
#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "test.h"

#ifdef __SANITIZE_ADDRESS__
#define CACHE_ON	0
#else
#define CACHE_ON	1
#endif
#define CACHE_MAX	(2u << 20)

static const size_t sizes[] = { 1, 8, 24, 25, 40, 41, 100, 264, 265, 4000,
	200000 };

static void
test_sizes(void)
{
	char name[64];
	size_t i, j;
	void *p[nitems(sizes)];

	/* Twice: from malloc, then from the blocks the first round freed. */
	for (j = 0; j < 2; j++) {
		for (i = 0; i < nitems(sizes); i++) {
			p[i] = mem_cache_alloc(sizes[i]);
			memset(p[i], 0xa5, sizes[i]);
			snprintf(name, sizeof(name), "round %zu: %zu bytes held",
			    j + 1, sizes[i]);
			T_TRUE(name, malloc_usable_size(p[i]) >= sizes[i]);
		}
		for (i = 0; i < nitems(sizes); i++)
			mem_cache_free(p[i]);
	}
	mem_cache_flush();
	T_INTEQ("flush: nothing kept", mem_cache_kept(), 0);
}

static void
test_reuse(void)
{
	void *p, *q;
	size_t kept;

	p = mem_cache_alloc(40);
	mem_cache_free(p);
	kept = mem_cache_kept();
	T_INTEQ("a freed 40-byte block is kept", kept, CACHE_ON ? 40 : 0);
	q = mem_cache_alloc(33);
	T_TRUE("and handed out again for 33 bytes", CACHE_ON ? q == p :
	    q != NULL);
	T_INTEQ("then no longer kept", mem_cache_kept(), 0);
	mem_cache_free(q);
	q = mem_cache_alloc(100);
	T_TRUE("not for 100 bytes", q != p);
	mem_cache_free(q);
	mem_cache_free(NULL);
	T_PASS("mem_cache_free(NULL) is a no-op");
	mem_cache_flush();
	/* Blocks cross: the cache's to free(), malloc's to the cache. */
	mem_cache_free(mem_cache_alloc(40));
	free(mem_cache_alloc(40));
	T_INTEQ("a cached block given to free() is no longer kept",
	    mem_cache_kept(), 0);
	mem_cache_free(malloc(56));
	T_INTEQ("a block of malloc's is kept", mem_cache_kept(),
	    CACHE_ON ? 56 : 0);
	mem_cache_flush();
}

static void
test_bound(void)
{
	enum { N = 100000 };	/* 4 MB of 40-byte blocks */
	void **p = malloc(N * sizeof(*p));
	size_t i;

	for (i = 0; i < N; i++)
		p[i] = mem_cache_alloc(40);
	for (i = 0; i < N; i++)
		mem_cache_free(p[i]);
	T_TRUE("the cache keeps at most its bound", mem_cache_kept() <=
	    CACHE_MAX);
	T_INTEQ("and fills up to it", mem_cache_kept() / 40,
	    CACHE_ON ? CACHE_MAX / 40 : 0);
	mem_cache_flush();
	free(p);
}

static void *
thread_main(void *arg)
{
	size_t *kept = arg;
	void *p = mem_cache_alloc(72);

	mem_cache_free(p);
	*kept = mem_cache_kept();
	return NULL;	/* the key's destructor gives the block back */
}

static void
test_thread(void)
{
	pthread_t th;
	size_t kept = 0;

	mem_cache_free(mem_cache_alloc(72));
	pthread_create(&th, NULL, thread_main, &kept);
	pthread_join(th, NULL);
	T_INTEQ("a thread has a cache of its own", kept, CACHE_ON ? 72 : 0);
	T_INTEQ("beside this thread's", mem_cache_kept(), CACHE_ON ? 72 : 0);
	mem_cache_flush();
}

static void
test_jansson(void)
{
	json_t *before = json_pack("{s:s, s:[i, i]}", "a", "b", "c", 1, 2);
	json_t *o;
	char *s;

	/* Installed while blocks of malloc's are alive: they free fine. */
	json_set_alloc_funcs(mem_cache_alloc, mem_cache_free);
	json_decref(before);
	o = json_pack("{s:s, s:[i, i]}", "a", "b", "c", 1, 2);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	T_STREQ("jansson through the cache", s, "{\"a\":\"b\",\"c\":[1,2]}");
	free(s);	/* the caller frees json_dumps' text with free() */
	json_decref(o);
	json_set_alloc_funcs(malloc, free);
	mem_cache_flush();
}

int
main(void)
{
	test_sizes();
	test_reuse();
	test_bound();
	test_thread();
	test_jansson();
	T_DONE();
}
