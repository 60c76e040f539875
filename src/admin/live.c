/*
 * live: the sessions the polling thread can see.  The polling thread has
 * no database and must not wait, yet must tell a signed-in user's
 * request from anyone else's before it serves a cached page or counts a
 * read; a cookie's mere presence proves nothing.  So this table mirrors
 * the database's live sessions, by the hash of their token: a request is
 * signed in when its cookie hashes to an entry still inside both expiry
 * limits.
 *
 * The back office changes the table as it changes the database (after
 * its commit), and the tick reloads it from the database when another
 * process has changed a session.  A reload must not forget a session put
 * while it read: entries carry the generation they were put in, and a
 * reload drops only entries older than the generation it started at.
 * The worst a race leaves is a session shown as live for a second after
 * it ended; authority never comes from here (every back-office request
 * checks the database).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

struct lsess {
	struct hnode	 node;
	char		 hash[TOKEN_HEX];
	int64_t		 user;
	int64_t		 created;
	int64_t		 seen;
	uint64_t	 gen;		/* when put */
	int		 mark;		/* seen by the reload running */
};

struct live {
	pthread_mutex_t	 lock;
	struct htab	 t;
	size_t		 max;
	uint64_t	 gen;
};

struct live *
live_new(size_t max)
{
	struct live *l = xcalloc(1, sizeof(*l));

	pthread_mutex_init(&l->lock, NULL);
	l->max = max;
	htab_init(&l->t, 64, max, 0);
	return l;
}

static int
sess_drop(struct hnode *n, void *arg)
{
	(void)arg;
	free(container_of(n, struct lsess, node));
	return 1;
}

void
live_free(struct live *l)
{
	if (l == NULL)
		return;
	htab_walk(&l->t, sess_drop, NULL);
	htab_free(&l->t);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

static int
sess_eq(const struct hnode *n, const void *hash)
{
	return memcmp(container_of(n, struct lsess, node)->hash, hash,
	    TOKEN_HEX - 1) == 0;
}

/* 1 if s is 64 lowercase hex digits, as token_hash writes them. */
static int
hash_valid(const char *s)
{
	size_t i;

	for (i = 0; i < TOKEN_HEX - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

static struct lsess *
sess_find(struct live *l, const char *hash)
{
	struct hnode *n = htab_find(&l->t, hash_keyed(hash, TOKEN_HEX - 1),
	    sess_eq, hash);

	return n != NULL ? container_of(n, struct lsess, node) : NULL;
}

/* Under lock. */
static enum err
sess_put(struct live *l, const char *hash, int64_t user, int64_t created,
    int64_t seen)
{
	struct lsess *s;

	if (!hash_valid(hash))
		return ERR_PARSE;
	if ((s = sess_find(l, hash)) == NULL) {
		if (l->t.n >= l->max)
			return ERR_LIMIT;
		s = xcalloc(1, sizeof(*s));
		memcpy(s->hash, hash, TOKEN_HEX);
		htab_insert(&l->t, &s->node, hash_keyed(hash, TOKEN_HEX - 1));
	}
	s->user = user;
	s->created = created;
	s->seen = seen;
	s->gen = l->gen;
	s->mark = 1;
	return ERR_OK;
}

enum err
live_put(struct live *l, const char *hash, int64_t user, int64_t created,
    int64_t seen)
{
	enum err rc;

	pthread_mutex_lock(&l->lock);
	rc = sess_put(l, hash, user, created, seen);
	pthread_mutex_unlock(&l->lock);
	if (rc == ERR_LIMIT)
		log_warnx("sessions: %zu live: the newest is not seen as "
		    "signed in by the page cache", l->max);
	return rc;
}

void
live_drop(struct live *l, const char *hash)
{
	struct lsess *s;

	pthread_mutex_lock(&l->lock);
	if ((s = sess_find(l, hash)) != NULL) {
		htab_remove(&l->t, &s->node);
		free(s);
	}
	pthread_mutex_unlock(&l->lock);
}

struct user_drop {
	int64_t		 user;
	const char	*keep;
};

static int
sess_of_user(struct hnode *n, void *arg)
{
	struct lsess *s = container_of(n, struct lsess, node);
	const struct user_drop *d = arg;

	if (s->user != d->user || (d->keep != NULL &&
	    strcmp(s->hash, d->keep) == 0))
		return 0;
	free(s);
	return 1;
}

void
live_drop_user(struct live *l, int64_t user, const char *keep)
{
	struct user_drop d = { user, keep };

	pthread_mutex_lock(&l->lock);
	htab_walk(&l->t, sess_of_user, &d);
	pthread_mutex_unlock(&l->lock);
}

int
live_has(struct live *l, const char *token, int64_t now)
{
	char hash[TOKEN_HEX];
	struct lsess *s;
	int ok = 0;

	if (token_hash(token, hash) != ERR_OK)
		return 0;
	pthread_mutex_lock(&l->lock);
	if ((s = sess_find(l, hash)) != NULL)
		ok = now - s->seen < SESSION_IDLE &&
		    now - s->created < SESSION_ABSOLUTE;
	pthread_mutex_unlock(&l->lock);
	return ok;
}

uint64_t
live_generation(struct live *l)
{
	uint64_t g;

	pthread_mutex_lock(&l->lock);
	g = l->gen++;
	pthread_mutex_unlock(&l->lock);
	return g;
}

static int
sess_unmark(struct hnode *n, void *arg)
{
	(void)arg;
	container_of(n, struct lsess, node)->mark = 0;
	return 0;
}

/* Drop what the reload did not see, unless put since it began. */
static int
sess_stale(struct hnode *n, void *arg)
{
	struct lsess *s = container_of(n, struct lsess, node);

	if (s->mark || s->gen > *(const uint64_t *)arg)
		return 0;
	free(s);
	return 1;
}

void
live_reload(struct live *l, json_t *rows, uint64_t gen)
{
	json_t *r;
	size_t i;

	pthread_mutex_lock(&l->lock);
	htab_walk(&l->t, sess_unmark, NULL);
	json_array_foreach(rows, i, r)
		sess_put(l, json_string_value(json_object_get(r, "hash")) ?
		    json_string_value(json_object_get(r, "hash")) : "",
		    json_integer_value(json_object_get(r, "user_id")),
		    json_integer_value(json_object_get(r, "created_at")),
		    json_integer_value(json_object_get(r, "seen_at")));
	htab_walk(&l->t, sess_stale, &gen);
	pthread_mutex_unlock(&l->lock);
}

size_t
live_count(struct live *l)
{
	size_t n;

	pthread_mutex_lock(&l->lock);
	n = l->t.n;
	pthread_mutex_unlock(&l->lock);
	return n;
}
