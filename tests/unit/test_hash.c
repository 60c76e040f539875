/*
 * test_hash: the two hash functions and the hash table.  FNV-1a and
 * SipHash-2-4 give their published test vectors; the keyed hash is
 * stable within a process, differs by key and between two processes;
 * the table finds what it holds through growth, never lets a bucket
 * pass its bound (evicting the bucket's oldest, also after a rehash),
 * drops what htab_walk's callback says, and empties through htab_take.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/util.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	uint64_t	 want;
} fnv_cases[] = {
	{ "empty", "", UINT64_C(0xcbf29ce484222325) },
	{ "a", "a", UINT64_C(0xaf63dc4c8601ec8c) },
	{ "foobar", "foobar", UINT64_C(0x85944171f73967e8) },
};

/* hash_keyed of "octavo" in a child process, through a pipe. */
static uint64_t
keyed_in_child(void)
{
	uint64_t h = 0;
	int fd[2], status;
	pid_t pid;

	if (pipe(fd) != 0 || (pid = fork()) < 0)
		return 0;
	if (pid == 0) {
		h = hash_keyed("octavo", 6);
		if (write(fd[1], &h, sizeof(h)) != sizeof(h))
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], &h, sizeof(h)) != sizeof(h))
		h = 0;
	close(fd[0]);
	waitpid(pid, &status, 0);
	return h;
}

static void
test_hash(void)
{
	unsigned char key[HASH_KEY_LEN], key2[HASH_KEY_LEN], msg[15];
	uint64_t child, h;
	size_t i;

	/* Before anything else draws this process's key. */
	child = keyed_in_child();
	for (i = 0; i < nitems(fnv_cases); i++)
		T_TRUE(nm("hash_bytes: FNV-1a vector", fnv_cases[i].name),
		    hash_bytes(fnv_cases[i].in, strlen(fnv_cases[i].in)) ==
		    fnv_cases[i].want);
	/* The SipHash paper's key 00..0f; messages 00, 01, ... */
	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)i;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)i;
	T_TRUE("hash_siphash: vector, empty message",
	    hash_siphash(key, msg, 0) == UINT64_C(0x726fdb47dd0e0e31));
	T_TRUE("hash_siphash: vector, 15 bytes",
	    hash_siphash(key, msg, 15) == UINT64_C(0xa129ca6149be45e5));
	memcpy(key2, key, sizeof(key));
	key2[0] ^= 1;
	T_TRUE("hash_siphash: another key, another hash",
	    hash_siphash(key, msg, 15) != hash_siphash(key2, msg, 15));
	h = hash_keyed("octavo", 6);
	T_TRUE("hash_keyed: stable within the process",
	    hash_keyed("octavo", 6) == h);
	T_TRUE("hash_keyed: not the unkeyed hash",
	    h != hash_bytes("octavo", 6));
	T_TRUE("hash_keyed: another process, another key",
	    child != 0 && child != h);
	T_TRUE("hash_keyed: one byte more, another hash",
	    hash_keyed("octavo!", 7) != h);
}

struct item {
	struct hnode	 node;
	int		 id;
};

static int
item_eq(const struct hnode *n, const void *key)
{
	return container_of(n, struct item, node)->id == *(const int *)key;
}

static struct item *
item_find(struct htab *t, uint64_t h, int id)
{
	struct hnode *n = htab_find(t, h, item_eq, &id);

	return n != NULL ? container_of(n, struct item, node) : NULL;
}

#define SET_N	10000	/* items in test_htab_set */

/* For htab_walk: count, and drop the items under SET_N / 2. */
static int
drop_below(struct hnode *n, void *arg)
{
	(*(size_t *)arg)++;
	return container_of(n, struct item, node)->id < SET_N / 2;
}

static void
test_htab_set(void)
{
	enum { N = SET_N };
	struct item *v = xcalloc(N, sizeof(*v));
	struct htab t;
	struct hnode *chain, *next;
	size_t cursor = 0, k, taken = 0, walked;
	int i, missing = 0, wrong = 0;

	htab_init(&t, 4, 1 << 20, 0);
	T_INTEQ("init: buckets a power of two", t.nbucket, 4);
	for (i = 0; i < N; i++) {
		v[i].id = i;
		if (htab_insert(&t, &v[i].node, hash_bytes(&i, sizeof(i))) !=
		    NULL)
			wrong++;
	}
	T_INTEQ("unbounded: nothing evicted", wrong, 0);
	T_INTEQ("unbounded: count", t.n, N);
	T_TRUE("grows: no more nodes than buckets", t.n <= t.nbucket);
	for (i = 0; i < N; i++)
		if (item_find(&t, hash_bytes(&i, sizeof(i)), i) != &v[i])
			missing++;
	T_INTEQ("find: every node after growth", missing, 0);
	i = N;
	T_TRUE("find: an absent key",
	    item_find(&t, hash_bytes(&i, sizeof(i)), i) == NULL);
	for (i = 0; i < N; i += 2)
		htab_remove(&t, &v[i].node);
	T_INTEQ("remove: count", t.n, N / 2);
	for (missing = 0, wrong = 0, i = 0; i < N; i++) {
		struct item *it = item_find(&t, hash_bytes(&i, sizeof(i)), i);

		if (i % 2 == 0 && it != NULL)
			wrong++;
		if (i % 2 == 1 && it != &v[i])
			missing++;
	}
	T_INTEQ("remove: removed nodes are gone", wrong, 0);
	T_INTEQ("remove: the others stay", missing, 0);
	walked = 0;
	T_INTEQ("walk: drops what fn says", htab_walk(&t, drop_below, &walked),
	    N / 4);
	T_INTEQ("walk: saw every node", walked, N / 2);
	T_INTEQ("walk: the others stay", t.n, N / 4);
	for (missing = 0, i = 1; i < N; i += 2)
		if ((item_find(&t, hash_bytes(&i, sizeof(i)), i) != NULL) !=
		    (i >= N / 2))
			missing++;
	T_INTEQ("walk: exactly those dropped", missing, 0);
	for (k = 0; k < t.nbucket; k++)
		for (chain = htab_take(&t, &cursor); chain != NULL;
		    chain = next) {
			next = chain->next;
			taken++;
		}
	T_INTEQ("take: every node once", taken, N / 4);
	T_INTEQ("take: table empty", t.n, 0);
	T_INTEQ("take: cursor back at the start", cursor, 0);
	htab_free(&t);
	htab_free(&t);
	T_PASS("htab_free: twice is harmless");
	free(v);
}

static void
test_htab_bound(void)
{
	enum { N = 100, B = 4 };
	struct item v[N];
	struct htab t;
	struct hnode *old;
	int i, order = 1, found = 1;

	/* Every key in one bucket: what a hash flood would do. */
	htab_init(&t, 8, 8, B);
	for (i = 0; i < N; i++) {
		v[i].id = i;
		old = htab_insert(&t, &v[i].node, 42);
		if (i >= B && old != &v[i - B].node)
			order = 0;
		if (i < B && old != NULL)
			order = 0;
	}
	T_INTEQ("bound: the colliding chain stays at chain_max",
	    htab_chain_longest(&t), B);
	T_INTEQ("bound: count", t.n, B);
	T_TRUE("bound: the bucket's oldest goes first", order);
	for (i = N - B; i < N; i++)
		if (item_find(&t, 42, i) != &v[i])
			found = 0;
	T_TRUE("bound: the newest stay", found);
	T_TRUE("bound: an evicted one is gone", item_find(&t, 42, 0) == NULL);
	htab_free(&t);

	/*
	 * Three keys that share bucket 0 at every size, then others (odd
	 * hashes, never bucket 0) until the table has grown and split
	 * bucket 0 several times.
	 */
	htab_init(&t, 2, 64, 3);
	for (i = 0; i < 3; i++) {
		v[i].id = i;
		htab_insert(&t, &v[i].node, (uint64_t)i * 64);
	}
	for (i = 3; i < 40; i++) {
		v[i].id = i;
		htab_insert(&t, &v[i].node, (uint64_t)i * 2 + 1);
	}
	T_TRUE("rehash: grown", t.nbucket >= 32);
	v[40].id = 40;
	old = htab_insert(&t, &v[40].node, 192);
	T_TRUE("rehash: a full bucket still evicts its oldest",
	    old == &v[0].node);
	T_TRUE("rehash: chains within the bound", htab_chain_longest(&t) <= 3);
	htab_free(&t);

	/* A fixed table of random keys: no chain past the bound. */
	{
		enum { M = 20000 };
		struct item *w = xcalloc(M, sizeof(*w));
		size_t evicted = 0;

		htab_init(&t, 256, 256, 2);
		for (i = 0; i < M; i++)
			if (htab_insert(&t, &w[i].node,
			    hash_keyed(&i, sizeof(i))) != NULL)
				evicted++;
		T_TRUE("fixed table: chains within the bound",
		    htab_chain_longest(&t) <= 2);
		T_INTEQ("fixed table: count plus evicted is all",
		    t.n + evicted, M);
		T_TRUE("fixed table: never past buckets times bound",
		    t.n <= 512);
		T_INTEQ("fixed table: htab_bytes is the bucket array",
		    htab_bytes(&t), 256 * sizeof(struct hnode *));
		htab_free(&t);
		free(w);
	}
}

int
main(void)
{
	test_hash();
	test_htab_set();
	test_htab_bound();
	T_DONE();
}
