/*
 * test_limiter: the sign-in rate limits, with an injected clock.  Five
 * failures in 15 minutes make a key wait until the oldest is 15 minutes
 * old, then one more try is allowed; other keys are untouched; a success
 * clears a key; expired keys are pruned; a table full of live keys makes
 * unknown keys wait a whole window rather than forget anyone, and takes
 * new keys again once old ones expire.  Four threads failing on one key
 * all count.
 */
#include <pthread.h>

#include "admin/admin.h"
#include "test.h"

#define T0	1717200000
#define WIN	900

/* One step: a failure at t (fail 1) or a check at t; the wait wanted. */
static const struct {
	const char	*name;
	const char	*key;
	int		 fail;
	int64_t		 t;
	int64_t		 wait;
} steps[] = {
	{ "a new key may try", "ann", 0, 0, 0 },
	{ "failure 1", "ann", 1, 0, 0 },
	{ "after 1, may try", "ann", 0, 1, 0 },
	{ "failure 2", "ann", 1, 60, 0 },
	{ "failure 3", "ann", 1, 120, 0 },
	{ "failure 4", "ann", 1, 180, 0 },
	{ "after 4, may try", "ann", 0, 181, 0 },
	{ "failure 5 makes it wait", "ann", 1, 240, WIN - 240 },
	{ "after 5, waits for the first to age", "ann", 0, 240, WIN - 240 },
	{ "a minute on, waits a minute less", "ann", 0, 300, WIN - 300 },
	{ "another key is untouched", "bob", 0, 300, 0 },
	{ "a key's prefix is another key", "an", 0, 300, 0 },
	{ "one second before, still waits", "ann", 0, WIN - 1, 1 },
	{ "15 minutes after the first, may try", "ann", 0, WIN, 0 },
	{ "failure 6: waits for the second to age", "ann", 1, WIN, 60 },
	{ "and may try once it has", "ann", 0, WIN + 60, 0 },
};

struct race {
	struct limiter	*l;
	int		 n;
};

static void *
race_main(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 0; i < r->n; i++)
		limiter_fail(r->l, "shared", 6, T0 + i);
	return NULL;
}

int
main(void)
{
	struct limiter *l = limiter_new(5, WIN, 100), *full;
	struct race r;
	pthread_t th[4];
	char key[32];
	size_t i;

	for (i = 0; i < nitems(steps); i++) {
		const char *k = steps[i].key;

		if (steps[i].fail)
			limiter_fail(l, k, strlen(k), T0 + steps[i].t);
		T_INTEQ(nm("limit", steps[i].name), limiter_wait(l, k,
		    strlen(k), T0 + steps[i].t), steps[i].wait);
	}
	limiter_fail(l, "bob", 3, T0);
	T_INTEQ("two keys are tracked", limiter_count(l), 2);
	limiter_clear(l, "ann", 3);
	T_INTEQ("a success clears the key", limiter_wait(l, "ann", 3,
	    T0 + WIN), 0);
	T_INTEQ("and forgets it", limiter_count(l), 1);
	limiter_prune(l, T0 + WIN - 1);
	T_INTEQ("prune keeps a key with a failure in the window",
	    limiter_count(l), 1);
	limiter_prune(l, T0 + WIN);
	T_INTEQ("prune drops it a window later", limiter_count(l), 0);
	limiter_free(l);

	full = limiter_new(5, WIN, 3);
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "key%zu", i);
		limiter_fail(full, key, strlen(key), T0 + (int64_t)i);
	}
	T_INTEQ("full: three keys", limiter_count(full), 3);
	T_INTEQ("full: an unknown key waits a whole window",
	    limiter_wait(full, "new", 3, T0 + 10), WIN);
	limiter_fail(full, "new", 3, T0 + 10);
	T_INTEQ("full: its failure is not recorded over another's",
	    limiter_count(full), 3);
	T_INTEQ("full: a known key is judged as before",
	    limiter_wait(full, "key1", 4, T0 + 10), 0);
	limiter_fail(full, "new", 3, T0 + WIN);
	T_INTEQ("full: once the first expired, a new key is taken",
	    limiter_count(full), 3);
	T_INTEQ("full: and is judged by its failures", limiter_wait(full,
	    "new", 3, T0 + WIN), 0);
	limiter_free(full);

	l = limiter_new(5, WIN, 100);
	r.l = l;
	r.n = 1000;
	for (i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, race_main, &r);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	T_INTEQ("threads: one key", limiter_count(l), 1);
	T_TRUE("threads: it must wait", limiter_wait(l, "shared", 6,
	    T0 + 999) > 0);
	limiter_free(l);
	T_INTEQ("a limit above LIMITER_MAX is held to it",
	    (l = limiter_new(1000, WIN, 10), limiter_fail(l, "k", 1, T0),
	    limiter_wait(l, "k", 1, T0)), 0);
	limiter_free(l);
	T_DONE();
}
