/*
 * htab: the one hash table of Octavo.  It is intrusive and chained: a node
 * (struct hnode) lives inside the caller's record, which container_of
 * finds again, so the table allocates nothing but its bucket array and
 * never frees a node.  The caller hashes its key (hash_keyed when a client
 * chooses it, hash_bytes otherwise) and compares keys.
 *
 * Invariant: no bucket holds more than chain_max nodes (when chain_max is
 * not 0).  Inserting into a full bucket unlinks the bucket's oldest node
 * and hands it back, so a lookup costs at most chain_max comparisons
 * whatever the keys.  Buckets double while the nodes outnumber them, up
 * to nbucket_max; a rehash keeps each chain newest first, so "oldest"
 * keeps its meaning.  A table that must not drop nodes (a set) passes
 * chain_max 0: its keys are then none a client chooses, or keyed-hashed
 * and their number bounded by the caller.
 */
#include <assert.h>
#include <stdlib.h>

#include "util.h"

static size_t
pow2_at_least(size_t n)
{
	size_t p = 1;

	while (p < n)
		p *= 2;
	return p;
}

void
htab_init(struct htab *t, size_t nbucket, size_t nbucket_max,
    size_t chain_max)
{
	t->nbucket = pow2_at_least(nbucket > 0 ? nbucket : 1);
	t->nbucket_max = pow2_at_least(nbucket_max);
	if (t->nbucket_max < t->nbucket)
		t->nbucket_max = t->nbucket;
	t->chain_max = chain_max;
	t->n = 0;
	t->bucket = xcalloc(t->nbucket, sizeof(*t->bucket));
}

void
htab_free(struct htab *t)
{
	free(t->bucket);
	t->bucket = NULL;
	t->nbucket = 0;
	t->n = 0;
}

/* Double the buckets; each old chain splits in two, order kept. */
static void
htab_grow(struct htab *t)
{
	struct hnode **nb, *x, *next, **tail[2];
	size_t i, n = t->nbucket * 2;
	int hi;

	nb = xcalloc(n, sizeof(*nb));
	for (i = 0; i < t->nbucket; i++) {
		tail[0] = &nb[i];
		tail[1] = &nb[i + t->nbucket];
		for (x = t->bucket[i]; x != NULL; x = next) {
			next = x->next;
			hi = (x->hash & t->nbucket) != 0;
			x->next = NULL;
			*tail[hi] = x;
			tail[hi] = &x->next;
		}
	}
	free(t->bucket);
	t->bucket = nb;
	t->nbucket = n;
}

struct hnode *
htab_find(const struct htab *t, uint64_t hash,
    int (*eq)(const struct hnode *, const void *), const void *key)
{
	struct hnode *x;

	for (x = t->bucket[hash & (t->nbucket - 1)]; x != NULL; x = x->next)
		if (x->hash == hash && eq(x, key))
			return x;
	return NULL;
}

struct hnode *
htab_insert(struct htab *t, struct hnode *node, uint64_t hash)
{
	struct hnode **pp, *old = NULL;
	size_t len = 0;

	if (t->n >= t->nbucket && t->nbucket < t->nbucket_max)
		htab_grow(t);
	pp = &t->bucket[hash & (t->nbucket - 1)];
	if (t->chain_max > 0) {
		/* Find the link to the last node, counting the chain. */
		while (*pp != NULL && (*pp)->next != NULL) {
			pp = &(*pp)->next;
			len++;
		}
		if (*pp != NULL && len + 1 >= t->chain_max) {
			old = *pp;
			*pp = NULL;
			t->n--;
		}
		pp = &t->bucket[hash & (t->nbucket - 1)];
	}
	node->hash = hash;
	node->next = *pp;
	*pp = node;
	t->n++;
	return old;
}

void
htab_remove(struct htab *t, struct hnode *node)
{
	struct hnode **pp;

	for (pp = &t->bucket[node->hash & (t->nbucket - 1)]; *pp != node;
	    pp = &(*pp)->next)
		assert(*pp != NULL);
	*pp = node->next;
	node->next = NULL;
	t->n--;
}

struct hnode *
htab_take(struct htab *t, size_t *cursor)
{
	size_t i = *cursor & (t->nbucket - 1);
	struct hnode *chain = t->bucket[i], *x;

	t->bucket[i] = NULL;
	for (x = chain; x != NULL; x = x->next)
		t->n--;
	*cursor = (i + 1) & (t->nbucket - 1);
	return chain;
}

size_t
htab_walk(struct htab *t, int (*fn)(struct hnode *, void *), void *arg)
{
	struct hnode **pp, *x;
	size_t i, gone = 0;

	for (i = 0; i < t->nbucket; i++) {
		pp = &t->bucket[i];
		while ((x = *pp) != NULL) {
			/* fn may free x: unlink it first. */
			*pp = x->next;
			if (fn(x, arg)) {
				t->n--;
				gone++;
			} else {
				*pp = x;
				pp = &x->next;
			}
		}
	}
	return gone;
}

size_t
htab_chain_longest(const struct htab *t)
{
	const struct hnode *x;
	size_t i, len, most = 0;

	for (i = 0; i < t->nbucket; i++) {
		for (len = 0, x = t->bucket[i]; x != NULL; x = x->next)
			len++;
		if (len > most)
			most = len;
	}
	return most;
}

size_t
htab_bytes(const struct htab *t)
{
	return t->nbucket * sizeof(*t->bucket);
}
