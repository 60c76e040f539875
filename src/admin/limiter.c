/*
 * limiter: failures counted per key in a sliding window, for the sign-in
 * rate limits (per account and per address group).  Each key keeps the
 * times of its last max failures in a ring: it must wait while all max
 * of them are younger than the window, until the oldest is not.
 *
 * A key is known by its hash_keyed value alone (clients choose keys and
 * do not know the process's key, so two keys meet only by a 2^-64
 * chance).  The table holds at most max_keys; when all are live, a key
 * it does not know is told to wait a whole window: forgetting a key's
 * failures would lift its limit, which is what a flood of made-up keys
 * would be for.
 */
#include <pthread.h>
#include <stdlib.h>

#include "admin.h"

struct lkey {
	struct hnode	 node;
	int64_t		 at[LIMITER_MAX];	/* failure times, a ring */
	unsigned	 n;			/* failures held */
	unsigned	 next;			/* ring slot of the next */
	int64_t		 newest;
};

struct limiter {
	pthread_mutex_t	 lock;
	struct htab	 keys;
	int		 max;
	int64_t		 window;
	size_t		 max_keys;
};

struct limiter *
limiter_new(int max, int64_t window, size_t max_keys)
{
	struct limiter *l = xcalloc(1, sizeof(*l));

	if (max < 1)
		max = 1;
	if (max > LIMITER_MAX)
		max = LIMITER_MAX;
	pthread_mutex_init(&l->lock, NULL);
	l->max = max;
	l->window = window;
	l->max_keys = max_keys;
	htab_init(&l->keys, 64, max_keys, 0);
	return l;
}

static int
key_drop(struct hnode *n, void *arg)
{
	(void)arg;
	free(container_of(n, struct lkey, node));
	return 1;
}

void
limiter_free(struct limiter *l)
{
	if (l == NULL)
		return;
	htab_walk(&l->keys, key_drop, NULL);
	htab_free(&l->keys);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

/* The key is its hash: equal hashes are the same key. */
static int
key_eq(const struct hnode *n, const void *key)
{
	(void)n;
	(void)key;
	return 1;
}

static struct lkey *
key_find(struct limiter *l, uint64_t h)
{
	struct hnode *n = htab_find(&l->keys, h, key_eq, NULL);

	return n != NULL ? container_of(n, struct lkey, node) : NULL;
}

/* Under lock: how long k must wait at now. */
static int64_t
key_wait(struct limiter *l, const struct lkey *k, int64_t now)
{
	int64_t oldest;

	if (k->n < (unsigned)l->max)
		return 0;
	/* The ring is full: its next slot holds the oldest failure. */
	oldest = k->at[k->next];
	return oldest + l->window > now ? oldest + l->window - now : 0;
}

static int
key_expired(struct hnode *n, void *arg)
{
	struct lkey *k = container_of(n, struct lkey, node);
	const int64_t *cut = arg;

	if (k->newest > *cut)
		return 0;
	free(k);
	return 1;
}

void
limiter_prune(struct limiter *l, int64_t now)
{
	int64_t cut = now - l->window;

	pthread_mutex_lock(&l->lock);
	htab_walk(&l->keys, key_expired, &cut);
	pthread_mutex_unlock(&l->lock);
}

int64_t
limiter_wait(struct limiter *l, const void *key, size_t len, int64_t now)
{
	uint64_t h = hash_keyed(key, len);
	struct lkey *k;
	int64_t w;

	pthread_mutex_lock(&l->lock);
	if ((k = key_find(l, h)) != NULL)
		w = key_wait(l, k, now);
	else
		w = l->keys.n >= l->max_keys ? l->window : 0;
	pthread_mutex_unlock(&l->lock);
	return w;
}

void
limiter_fail(struct limiter *l, const void *key, size_t len, int64_t now)
{
	uint64_t h = hash_keyed(key, len);
	int64_t cut = now - l->window;
	struct lkey *k;

	pthread_mutex_lock(&l->lock);
	if ((k = key_find(l, h)) == NULL) {
		if (l->keys.n >= l->max_keys)
			htab_walk(&l->keys, key_expired, &cut);
		if (l->keys.n >= l->max_keys) {
			pthread_mutex_unlock(&l->lock);
			log_warnx("sign-in limits: %zu keys, all live: new "
			    "ones wait", l->max_keys);
			return;
		}
		k = xcalloc(1, sizeof(*k));
		htab_insert(&l->keys, &k->node, h);
	}
	k->at[k->next] = now;
	k->next = (k->next + 1) % (unsigned)l->max;
	if (k->n < (unsigned)l->max)
		k->n++;
	if (now > k->newest)
		k->newest = now;
	pthread_mutex_unlock(&l->lock);
}

void
limiter_clear(struct limiter *l, const void *key, size_t len)
{
	uint64_t h = hash_keyed(key, len);
	struct lkey *k;

	pthread_mutex_lock(&l->lock);
	if ((k = key_find(l, h)) != NULL) {
		htab_remove(&l->keys, &k->node);
		free(k);
	}
	pthread_mutex_unlock(&l->lock);
}

size_t
limiter_count(struct limiter *l)
{
	size_t n;

	pthread_mutex_lock(&l->lock);
	n = l->keys.n;
	pthread_mutex_unlock(&l->lock);
	return n;
}
