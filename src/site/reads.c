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
 * so a read of the last 30 s is never pushed out.  Entries are found by
 * hash_keyed (SipHash under a key made per process), so no address is
 * kept in clear and no one can aim requests at one bucket.  Both tables
 * are htabs whose buckets grow with them, with no bound on a chain: an
 * entry is never dropped to make room (see below).
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
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define ART_BUCKETS	1024		/* to start with: they grow */
#define ART_BUCKETS_MAX	(1024 * 1024)

/* Keyed by hash_bytes of the id: only articles that exist get here. */
struct art {
	struct hnode	 node;
	int64_t		 id;
	int64_t		 stored;	/* largest count seen in the store */
	int64_t		 pending;	/* counted, not yet flushed */
};

/*
 * One (address group, article): its counted reads of the last hour.  Its
 * key is its node's hash, group_key's 64 bits.
 */
struct group {
	struct hnode	 node;
	int64_t		 newest;		/* time of the newest read */
	int64_t		 at[READS_GROUP_MAX];	/* times of counted reads */
	uint32_t	 tag[READS_GROUP_MAX];	/* and their clients */
	unsigned	 n;			/* slots in use */
};

struct reads {
	pthread_mutex_t	 lock;
	struct robots	*robots;
	struct htab	 art;
	struct htab	 group;		/* at most max nodes */
	size_t		 max;
	int64_t		 pending;
	int64_t		 pruned_at;
};

struct reads *
reads_new(struct robots *robots, size_t max_entries)
{
	struct reads *r = xcalloc(1, sizeof(*r));

	pthread_mutex_init(&r->lock, NULL);
	r->robots = robots;
	r->max = max_entries;
	htab_init(&r->art, ART_BUCKETS, ART_BUCKETS_MAX, 0);
	htab_init(&r->group, 1024, max_entries, 0);
	return r;
}

/* For htab_walk: free every node. */
static int
art_drop(struct hnode *n, void *arg)
{
	(void)arg;
	free(container_of(n, struct art, node));
	return 1;
}

static int
group_drop(struct hnode *n, void *arg)
{
	(void)arg;
	free(container_of(n, struct group, node));
	return 1;
}

void
reads_free(struct reads *r)
{
	if (r == NULL)
		return;
	htab_walk(&r->art, art_drop, NULL);
	htab_walk(&r->group, group_drop, NULL);
	htab_free(&r->art);
	htab_free(&r->group);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

static int
art_eq(const struct hnode *n, const void *id)
{
	return container_of(n, struct art, node)->id == *(const int64_t *)id;
}

/* The entry of article id, made if absent; under lock. */
static struct art *
art_get(struct reads *r, int64_t id)
{
	uint64_t h = hash_bytes(&id, sizeof(id));
	struct hnode *n = htab_find(&r->art, h, art_eq, &id);
	struct art *a;

	if (n != NULL)
		return container_of(n, struct art, node);
	a = xcalloc(1, sizeof(*a));
	a->id = id;
	htab_insert(&r->art, &a->node, h);
	return a;
}

/* For htab_walk: drop a group whose newest read is an hour old. */
static int
group_expired(struct hnode *n, void *now)
{
	struct group *g = container_of(n, struct group, node);

	if (*(int64_t *)now - g->newest < READS_GROUP_WINDOW)
		return 0;
	free(g);
	return 1;
}

/* Drop entries whose newest read is READS_GROUP_WINDOW old; under lock. */
static void
groups_prune(struct reads *r, int64_t now)
{
	htab_walk(&r->group, group_expired, &now);
	r->pruned_at = now;
}

/* The key is the hash: equal hashes are the same group. */
static int
group_eq(const struct hnode *n, const void *key)
{
	(void)n;
	(void)key;
	return 1;
}

/* The keyed hash of (article, address group): see addr_group. */
static uint64_t
group_key(int64_t article, const char *addr)
{
	unsigned char in[8 + ADDR_GROUP_LEN];

	memcpy(in, &article, 8);
	return hash_keyed(in, 8 + addr_group(addr, in + 8));
}

/* The tag of a client: its whole address and its user agent. */
static uint32_t
client_tag(const char *addr, const char *ua)
{
	unsigned char in[1 + 64 + 1 + LIMIT_USER_AGENT];
	size_t alen = strnlen(addr, 64), ulen = strnlen(ua, LIMIT_USER_AGENT);

	in[0] = 'c';	/* never the same input as a group key's */
	memcpy(in + 1, addr, alen);
	in[1 + alen] = '\0';
	memcpy(in + 2 + alen, ua, ulen);
	return (uint32_t)hash_keyed(in, 2 + alen + ulen);
}

int
reads_hit(struct reads *r, int64_t article, const char *addr,
    const char *ua, int64_t now)
{
	uint64_t key;
	uint32_t tag;
	struct hnode *n;
	struct group *g = NULL;
	unsigned i, slot;
	int counted = 0;

	if (r->robots != NULL && robots_match(r->robots, ua))
		return 0;
	key = group_key(article, addr);
	tag = client_tag(addr, ua);

	pthread_mutex_lock(&r->lock);
	if ((n = htab_find(&r->group, key, group_eq, NULL)) != NULL)
		g = container_of(n, struct group, node);
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
		if (r->group.n >= r->max && now != r->pruned_at)
			groups_prune(r, now);
		if (r->group.n >= r->max)
			goto out;	/* all live: count nobody new */
		g = xcalloc(1, sizeof(*g));
		htab_insert(&r->group, &g->node, key);
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

/* What reads_flush gathers. */
struct batch {
	struct store_reads	*v;
	size_t			 n;
	size_t			 cap;
};

/* For htab_walk: add an article's pending reads to the batch. */
static int
art_gather(struct hnode *node, void *arg)
{
	struct art *a = container_of(node, struct art, node);
	struct batch *b = arg;

	if (a->pending == 0)
		return 0;
	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
	}
	b->v[b->n].article_id = a->id;
	b->v[b->n].n = a->pending;
	b->n++;
	/* Shown as stored from now on; undone on failure. */
	a->stored += a->pending;
	a->pending = 0;
	return 0;
}

enum err
reads_flush(struct reads *r, struct store *st, int64_t now)
{
	struct batch b = { NULL, 0, 0 };
	struct store_reads *batch;
	struct art *a;
	size_t n, k;
	char day[TIME_ISO_LEN];
	enum err rc = ERR_OK;

	pthread_mutex_lock(&r->lock);
	if (now - r->pruned_at >= READS_WINDOW)
		groups_prune(r, now);
	htab_walk(&r->art, art_gather, &b);
	batch = b.v;
	n = b.n;
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
