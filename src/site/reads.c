/*
 * reads: the read counter.  A read is a human GET of an article page that
 * passes three rules, in this order:
 *  1. not a robot's (robots.c, Project COUNTER's list);
 *  2. not a double click: the same client (address and user agent) has
 *     no counted read of the article in the last READS_WINDOW (30) s;
 *  3. the client's address group (an IPv4 address, an IPv6 /64) has had
 *     fewer than READS_GROUP_MAX (10) reads of the article counted in the
 *     last READS_GROUP_WINDOW (3600) s, whatever user agents it sends.
 * Rule 2 is COUNTER's double-click filter; rule 3 is ours: a user agent
 * costs nothing to change, so without it one address sending a new one
 * with each request added a read per request.  Several readers behind one
 * address (an office, a proxy) still count, up to the cap in any hour;
 * behind a proxy listed in trusted_proxies each counts by its own address.
 * Reads are kept in memory and flushed additively (reads = reads + n) once
 * a second and at shutdown, so several nodes can count into one database.
 *
 * Two tables, both under one mutex: per article, the largest stored count
 * seen and the pending reads; per (address group, article), an entry with
 * the group's last READS_GROUP_MAX counted reads of the article: when,
 * and a tag of the client (32 bits of a keyed hash of its address and
 * user agent).  Rule 2 looks for the client's tag among them, which is
 * exact: a slot is reused only once its read is READS_GROUP_WINDOW old,
 * so a read of the last 30 s is never pushed out.  Entries are found by a
 * SipHash (libsodium's crypto_shorthash) under a key made per process, so
 * no address is kept in clear and no one can aim requests at one bucket.
 *
 * Memory is bounded: at most max_entries entries (LIMIT_READS_ENTRIES in
 * the server).  An entry whose newest read is READS_GROUP_WINDOW old
 * limits nothing any more and is dropped (every READS_WINDOW seconds, and
 * at once when the table is full).  A live entry is never evicted to make
 * room: forgetting one would let its address count again, so a flood of
 * new addresses could buy reads back.  When every entry is live, a read
 * from a pair with no entry is not counted until entries expire: a flood
 * makes the counter count less, never more.
 *
 * Clock values come from the caller, which keeps the tests deterministic.
 */
#include <arpa/inet.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define ART_BUCKETS	16384
#define GROUP_BUCKETS	65536

struct art {
	int64_t		 id;
	int64_t		 stored;	/* largest count seen in the store */
	int64_t		 pending;	/* counted, not yet flushed */
	struct art	*next;
};

/* One (address group, article): its counted reads of the last hour. */
struct group {
	uint64_t	 key;
	struct group	*next;
	int64_t		 newest;		/* time of the newest read */
	int64_t		 at[READS_GROUP_MAX];	/* times of counted reads */
	uint32_t	 tag[READS_GROUP_MAX];	/* and their clients */
	unsigned	 n;			/* slots in use */
};

struct reads {
	pthread_mutex_t	 lock;
	struct robots	*robots;
	unsigned char	 hkey[crypto_shorthash_KEYBYTES];
	struct art	*art[ART_BUCKETS];
	struct group	*group[GROUP_BUCKETS];
	size_t		 ngroups;
	size_t		 max;
	int64_t		 pending;
	int64_t		 pruned_at;
};

struct reads *
reads_new(struct robots *robots, size_t max_entries)
{
	struct reads *r = xcalloc(1, sizeof(*r));

	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	pthread_mutex_init(&r->lock, NULL);
	r->robots = robots;
	r->max = max_entries;
	crypto_shorthash_keygen(r->hkey);
	return r;
}

void
reads_free(struct reads *r)
{
	struct art *a, *an;
	struct group *g, *gn;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < ART_BUCKETS; i++)
		for (a = r->art[i]; a != NULL; a = an) {
			an = a->next;
			free(a);
		}
	for (i = 0; i < GROUP_BUCKETS; i++)
		for (g = r->group[i]; g != NULL; g = gn) {
			gn = g->next;
			free(g);
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

/* Drop entries whose newest read is READS_GROUP_WINDOW old; under lock. */
static void
groups_prune(struct reads *r, int64_t now)
{
	struct group **pp, *g;
	size_t i;

	for (i = 0; i < GROUP_BUCKETS; i++) {
		pp = &r->group[i];
		while ((g = *pp) != NULL) {
			if (now - g->newest >= READS_GROUP_WINDOW) {
				*pp = g->next;
				free(g);
				r->ngroups--;
			} else
				pp = &g->next;
		}
	}
	r->pruned_at = now;
}

/*
 * The keyed hash of (article, address group): an IPv4 address (an
 * IPv4-mapped IPv6 one too) is its own group, an IPv6 address is its /64,
 * and text that is neither (no address known) is taken as it is.
 */
static uint64_t
group_key(const struct reads *r, int64_t article, const char *addr)
{
	unsigned char in[8 + 1 + 64], out[crypto_shorthash_BYTES];
	unsigned char a6[16];
	size_t n;
	uint64_t key;

	memcpy(in, &article, 8);
	if (inet_pton(AF_INET, addr, in + 9) == 1) {
		in[8] = 4;
		n = 9 + 4;
	} else if (inet_pton(AF_INET6, addr, a6) == 1) {
		if (memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
			in[8] = 4;
			memcpy(in + 9, a6 + 12, 4);
			n = 9 + 4;
		} else {
			in[8] = 6;
			memcpy(in + 9, a6, 8);
			n = 9 + 8;
		}
	} else {
		in[8] = 0;
		n = strnlen(addr, 64);
		memcpy(in + 9, addr, n);
		n += 9;
	}
	crypto_shorthash(out, in, n, r->hkey);
	memcpy(&key, out, sizeof(key));
	return key;
}

/* The tag of a client: its whole address and its user agent. */
static uint32_t
client_tag(const struct reads *r, const char *addr, const char *ua)
{
	unsigned char in[1 + 64 + 1 + LIMIT_USER_AGENT];
	unsigned char out[crypto_shorthash_BYTES];
	size_t alen = strnlen(addr, 64), ulen = strnlen(ua, LIMIT_USER_AGENT);
	uint32_t tag;

	in[0] = 'c';	/* never the same input as a group key's */
	memcpy(in + 1, addr, alen);
	in[1 + alen] = '\0';
	memcpy(in + 2 + alen, ua, ulen);
	crypto_shorthash(out, in, 2 + alen + ulen, r->hkey);
	memcpy(&tag, out, sizeof(tag));
	return tag;
}

int
reads_hit(struct reads *r, int64_t article, const char *addr,
    const char *ua, int64_t now)
{
	uint64_t key;
	uint32_t tag;
	struct group *g;
	unsigned i, slot;
	int counted = 0;

	if (r->robots != NULL && robots_match(r->robots, ua))
		return 0;
	key = group_key(r, article, addr);
	tag = client_tag(r, addr, ua);

	pthread_mutex_lock(&r->lock);
	for (g = r->group[key % GROUP_BUCKETS]; g != NULL; g = g->next)
		if (g->key == key)
			break;
	if (g != NULL) {
		for (i = 0; i < g->n; i++)
			if (g->tag[i] == tag && now - g->at[i] < READS_WINDOW)
				goto out;	/* rule 2: a double click */
		if (g->n < READS_GROUP_MAX)
			slot = g->n++;
		else {
			for (slot = 0, i = 1; i < g->n; i++)
				if (g->at[i] < g->at[slot])
					slot = i;
			if (now - g->at[slot] < READS_GROUP_WINDOW)
				goto out;	/* rule 3: the group's cap */
		}
	} else {
		if (r->ngroups >= r->max && now != r->pruned_at)
			groups_prune(r, now);
		if (r->ngroups >= r->max)
			goto out;	/* all live: count nobody new */
		g = xcalloc(1, sizeof(*g));
		g->key = key;
		g->next = r->group[key % GROUP_BUCKETS];
		r->group[key % GROUP_BUCKETS] = g;
		r->ngroups++;
		slot = g->n++;
	}
	g->at[slot] = now;
	g->tag[slot] = tag;
	if (now > g->newest || g->n == 1)
		g->newest = now;
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
	char day[TIME_ISO_LEN];
	enum err rc = ERR_OK;

	pthread_mutex_lock(&r->lock);
	if (now - r->pruned_at >= READS_WINDOW)
		groups_prune(r, now);
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
	time_iso(now, TIME_ISO_DATE, day);
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
