/*
 * mem_cache: a per-thread cache of small freed blocks in front of malloc,
 * for jansson (main installs it with json_set_alloc_funcs).  A page of a
 * long list frees some 15,000 small blocks at once and makes as many
 * again for the next request; glibc keeps 7 freed blocks of each size per
 * thread, so most went through its slower paths, about 300 instructions a
 * block, a quarter of an issue page's time.  Here a thread keeps up to
 * MEM_CACHE_BYTES of them, by size class, and hands them out again.
 *
 * Invariant: every block is glibc's own.  A block from mem_cache_alloc
 * may be given to free(), and mem_cache_free takes any block of malloc's:
 * its class is its malloc_usable_size, so installing the cache at any
 * moment is safe.  A thread's blocks go back to malloc when it ends
 * (a key's destructor) or calls mem_cache_flush.  Under AddressSanitizer
 * the cache keeps nothing, so that every free is seen.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include "util.h"

#ifdef __SANITIZE_ADDRESS__
#define MEM_CACHE_BYTES	0
#else
#define MEM_CACHE_BYTES	(2u << 20)	/* per thread */
#endif
/* glibc's usable sizes are 24 + 16k; classes 24 to 264 bytes. */
#define MEM_CACHE_MIN		24
#define MEM_CACHE_STEP		16
#define MEM_CACHE_CLASSES	16

struct mem_free_block {
	struct mem_free_block	*next;
};

struct mem_cache {
	struct mem_free_block	*head[MEM_CACHE_CLASSES];
	size_t			 bytes;
};

static _Thread_local struct mem_cache *mem_cache_mine;
static pthread_key_t mem_cache_key;
static pthread_once_t mem_cache_once = PTHREAD_ONCE_INIT;

static void
mem_cache_drop(struct mem_cache *c)
{
	struct mem_free_block *b;
	size_t k;

	for (k = 0; k < MEM_CACHE_CLASSES; k++)
		while ((b = c->head[k]) != NULL) {
			c->head[k] = b->next;
			free(b);
		}
	free(c);
}

static void
mem_cache_end(void *p)
{
	mem_cache_mine = NULL;
	mem_cache_drop(p);
}

static void
mem_cache_key_make(void)
{
	if (pthread_key_create(&mem_cache_key, mem_cache_end) != 0)
		abort();
}

/* The class of a block of usable size n, or MEM_CACHE_CLASSES. */
static size_t
mem_cache_class(size_t n)
{
	if (n < MEM_CACHE_MIN || (n - MEM_CACHE_MIN) % MEM_CACHE_STEP != 0)
		return MEM_CACHE_CLASSES;
	n = (n - MEM_CACHE_MIN) / MEM_CACHE_STEP;
	return n < MEM_CACHE_CLASSES ? n : MEM_CACHE_CLASSES;
}

void *
mem_cache_alloc(size_t n)
{
	struct mem_cache *c = mem_cache_mine;
	struct mem_free_block *b;
	size_t k;

	/* The class of the smallest glibc block that holds n bytes. */
	k = n <= MEM_CACHE_MIN ? 0 : (n - MEM_CACHE_MIN + MEM_CACHE_STEP - 1) /
	    MEM_CACHE_STEP;
	if (c == NULL || k >= MEM_CACHE_CLASSES || c->head[k] == NULL)
		return xmalloc(n);
	b = c->head[k];
	c->head[k] = b->next;
	c->bytes -= MEM_CACHE_MIN + k * MEM_CACHE_STEP;
	return b;
}

void
mem_cache_free(void *p)
{
	struct mem_cache *c = mem_cache_mine;
	struct mem_free_block *b = p;
	size_t n, k;

	if (p == NULL)
		return;
	n = malloc_usable_size(p);
	k = mem_cache_class(n);
	if (k == MEM_CACHE_CLASSES || MEM_CACHE_BYTES == 0) {
		free(p);
		return;
	}
	if (c == NULL) {
		pthread_once(&mem_cache_once, mem_cache_key_make);
		c = xcalloc(1, sizeof(*c));
		if (pthread_setspecific(mem_cache_key, c) != 0)
			abort();
		mem_cache_mine = c;
	}
	if (c->bytes + n > MEM_CACHE_BYTES) {
		free(p);
		return;
	}
	b->next = c->head[k];
	c->head[k] = b;
	c->bytes += n;
}

void
mem_cache_flush(void)
{
	struct mem_cache *c = mem_cache_mine;

	if (c == NULL)
		return;
	mem_cache_mine = NULL;
	pthread_setspecific(mem_cache_key, NULL);
	mem_cache_drop(c);
}

size_t
mem_cache_kept(void)
{
	return mem_cache_mine != NULL ? mem_cache_mine->bytes : 0;
}
