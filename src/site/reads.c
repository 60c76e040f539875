/*
 * reads: the read counter.  A read is a human GET of an article page: not a
 * robot's (robots.c), not a repeat by the same client (address and user
 * agent) of the same article within READS_WINDOW seconds.  Reads are kept
 * in memory and flushed additively (reads = reads + n) once a second and
 * at shutdown, so several nodes can count into one database exactly.
 *
 * Two tables, both under one mutex: per article, the largest stored count
 * seen and the pending reads; per (client, article), the time of the last
 * counted read, under a keyed hash so that no address is kept in clear.
 * Clock values come from the caller, which keeps the tests deterministic.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define ART_BUCKETS	16384
#define SEEN_BUCKETS	65536
#define SEEN_MAX	(1024 * 1024)	/* clients tracked at once */

struct art {
	int64_t		 id;
	int64_t		 stored;	/* largest count seen in the store */
	int64_t		 pending;	/* counted, not yet flushed */
	struct art	*next;
};

struct seen {
	uint64_t	 key;
	int64_t		 at;
	struct seen	*next;
};

struct reads {
	pthread_mutex_t	 lock;
	struct robots	*robots;
	unsigned char	 hkey[crypto_shorthash_KEYBYTES];
	struct art	*art[ART_BUCKETS];
	struct seen	*seen[SEEN_BUCKETS];
	size_t		 nseen;
	int64_t		 pending;
	int64_t		 pruned_at;
};

struct reads *
reads_new(struct robots *robots)
{
	struct reads *r = xcalloc(1, sizeof(*r));

	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	pthread_mutex_init(&r->lock, NULL);
	r->robots = robots;
	crypto_shorthash_keygen(r->hkey);
	return r;
}

void
reads_free(struct reads *r)
{
	struct art *a, *an;
	struct seen *s, *sn;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < ART_BUCKETS; i++)
		for (a = r->art[i]; a != NULL; a = an) {
			an = a->next;
			free(a);
		}
	for (i = 0; i < SEEN_BUCKETS; i++)
		for (s = r->seen[i]; s != NULL; s = sn) {
			sn = s->next;
			free(s);
		}
	pthread_mutex_destroy(&r->lock);
	free(r);
}

/* The entry of article id, made if absent; under lock. */
static struct art *
art_get(struct reads *r, int64_t id)
{
	size_t h = (size_t)((uint64_t)id % ART_BUCKETS);
	struct art *a;

	for (a = r->art[h]; a != NULL; a = a->next)
		if (a->id == id)
			return a;
	a = xcalloc(1, sizeof(*a));
	a->id = id;
	a->next = r->art[h];
	r->art[h] = a;
	return a;
}

/* Drop clients whose window has passed; under lock. */
static void
seen_prune(struct reads *r, int64_t now)
{
	struct seen **pp, *s;
	size_t i;

	for (i = 0; i < SEEN_BUCKETS; i++) {
		pp = &r->seen[i];
		while ((s = *pp) != NULL) {
			if (now - s->at >= READS_WINDOW) {
				*pp = s->next;
				free(s);
				r->nseen--;
			} else
				pp = &s->next;
		}
	}
	r->pruned_at = now;
}

int
reads_hit(struct reads *r, int64_t article, const char *addr,
    const char *ua, int64_t now)
{
	unsigned char in[LIMIT_USER_AGENT + 96], out[8];
	size_t alen = strnlen(addr, 64), ulen = strnlen(ua, LIMIT_USER_AGENT);
	uint64_t key;
	struct seen *s;
	size_t h;
	int counted = 0;

	if (r->robots != NULL && robots_match(r->robots, ua))
		return 0;
	memcpy(in, &article, sizeof(article));
	memcpy(in + 8, addr, alen);
	in[8 + alen] = '\0';
	memcpy(in + 9 + alen, ua, ulen);
	crypto_shorthash(out, in, 9 + alen + ulen, r->hkey);
	memcpy(&key, out, sizeof(key));
	h = (size_t)(key % SEEN_BUCKETS);

	pthread_mutex_lock(&r->lock);
	for (s = r->seen[h]; s != NULL; s = s->next)
		if (s->key == key)
			break;
	if (s != NULL && now - s->at < READS_WINDOW)
		goto out;
	if (s == NULL) {
		if (r->nseen >= SEEN_MAX && now != r->pruned_at)
			seen_prune(r, now);
		if (r->nseen >= SEEN_MAX)
			goto out;	/* flooded: count nobody new */
		s = xmalloc(sizeof(*s));
		s->key = key;
		s->next = r->seen[h];
		r->seen[h] = s;
		r->nseen++;
	}
	s->at = now;
	art_get(r, article)->pending++;
	r->pending++;
	counted = 1;
out:
	pthread_mutex_unlock(&r->lock);
	return counted;
}

int64_t
reads_total(struct reads *r, int64_t article, int64_t stored)
{
	struct art *a;
	int64_t n;

	pthread_mutex_lock(&r->lock);
	a = art_get(r, article);
	if (stored > a->stored)
		a->stored = stored;
	n = a->stored + a->pending;
	pthread_mutex_unlock(&r->lock);
	return n;
}

int64_t
reads_pending(struct reads *r)
{
	int64_t n;

	pthread_mutex_lock(&r->lock);
	n = r->pending;
	pthread_mutex_unlock(&r->lock);
	return n;
}

enum err
reads_flush(struct reads *r, struct store *st, int64_t now)
{
	struct store_reads *batch = NULL;
	struct art *a;
	size_t i, n = 0, cap = 0, k;
	char day[11];
	enum err rc = ERR_OK;

	pthread_mutex_lock(&r->lock);
	if (now - r->pruned_at >= READS_WINDOW)
		seen_prune(r, now);
	for (i = 0; i < ART_BUCKETS; i++) {
		for (a = r->art[i]; a != NULL; a = a->next) {
			if (a->pending == 0)
				continue;
			if (n == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				batch = xrealloc(batch, cap * sizeof(*batch));
			}
			batch[n].article_id = a->id;
			batch[n].n = a->pending;
			n++;
			/* Shown as stored from now on; undone on failure. */
			a->stored += a->pending;
			a->pending = 0;
		}
	}
	r->pending = 0;
	pthread_mutex_unlock(&r->lock);
	if (n == 0)
		goto out;
	time_day(now, day);
	if ((rc = store_reads_add(st, batch, n, day)) == ERR_OK)
		goto out;
	log_warnx("reads: flush of %zu articles failed; kept for the next "
	    "try", n);
	pthread_mutex_lock(&r->lock);
	for (k = 0; k < n; k++) {
		a = art_get(r, batch[k].article_id);
		a->stored -= batch[k].n;
		a->pending += batch[k].n;
		r->pending += batch[k].n;
	}
	pthread_mutex_unlock(&r->lock);
out:
	free(batch);
	return rc;
}
