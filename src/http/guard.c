/*
 * guard: who holds the server's connections, and for how long.  Every
 * connection has a struct sock from accept to close (libmicrohttpd's
 * NOTIFY_CONNECTION), which makes three defences possible:
 *
 * - A connection waiting for a request head (its first, or the next one
 *   on a kept-alive connection) has header_timeout seconds from the start
 *   of that wait to deliver it whole.  libmicrohttpd's own timeout counts
 *   idleness, which a client sending a byte now and then never reaches
 *   (slowloris); a sweep thread enforces the deadline.
 * - Near the connection limit, each new connection makes room: the
 *   longest-idle kept-alive connection goes first, else the oldest head
 *   still arriving, so that a new visitor finds a slot while slow or
 *   idle clients hold the rest.
 * - The server keeps the request in progress in its sock, so that a
 *   request libmicrohttpd drops without NOTIFY_COMPLETED is still freed
 *   when its connection closes (server.c).
 *
 * Connections are ended with shutdown(2), never close(2): libmicrohttpd
 * owns the descriptor, sees the end of the stream and closes it in its
 * own thread.  It tells us (guard_sock_close) before it closes the
 * descriptor, and a shutdown happens under the same lock, so it never
 * reaches a descriptor number that was reused.
 *
 * Invariant: a sock is on the head or the idle list exactly while its
 * connection waits for a request head and has not been shut down, and
 * each list is in the order its socks began waiting, oldest first.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http.h"

#define SWEEP_MS	500		/* how often the deadline is checked */
#define REPORT_MS	(60 * 1000)	/* how often closures are logged */

struct sock_list {
	struct sock	*first, *last;
};

struct guard {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	pthread_t		 thread;
	int			 running;
	int			 stopping;
	int64_t			 timeout;	/* head deadline, ms */
	unsigned		 high;		/* make room past this many */
	unsigned		 open;		/* socks */
	struct sock_list	 lists[SOCK_IDLE + 1];	/* head, idle */
	unsigned long		 expired;	/* since the last report */
	unsigned long		 evicted;
};

int64_t
guard_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct guard *
guard_new(unsigned header_timeout, unsigned high)
{
	struct guard *g = xcalloc(1, sizeof(*g));
	pthread_condattr_t ca;

	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->cond, &ca);
	pthread_condattr_destroy(&ca);
	g->timeout = (int64_t)header_timeout * 1000;
	g->high = high;
	return g;
}

static void
list_remove(struct guard *g, struct sock *s)
{
	struct sock_list *l;

	if (s->wait != SOCK_HEAD && s->wait != SOCK_IDLE)
		return;
	l = &g->lists[s->wait];
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		l->first = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	else
		l->last = s->prev;
	s->prev = s->next = NULL;
	s->wait = SOCK_BUSY;
}

static void
list_append(struct guard *g, struct sock *s, int wait, int64_t now)
{
	struct sock_list *l = &g->lists[wait];

	s->wait = wait;
	s->since = now;
	s->next = NULL;
	s->prev = l->last;
	if (l->last != NULL)
		l->last->next = s;
	else
		l->first = s;
	l->last = s;
}

/* End a waiting connection; libmicrohttpd closes it on the next turn. */
static void
sock_shut(struct guard *g, struct sock *s)
{
	list_remove(g, s);
	s->wait = SOCK_SHUT;
	shutdown(s->fd, SHUT_RDWR);
}

struct sock *
guard_sock_open(struct guard *g, int fd, int64_t now)
{
	struct sock *s = xcalloc(1, sizeof(*s)), *victim;

	s->fd = fd;
	pthread_mutex_lock(&g->lock);
	list_append(g, s, SOCK_HEAD, now);
	g->open++;
	if (g->open > g->high) {
		victim = g->lists[SOCK_IDLE].first;
		if (victim == NULL && g->lists[SOCK_HEAD].first != s)
			victim = g->lists[SOCK_HEAD].first;
		if (victim != NULL) {
			sock_shut(g, victim);
			g->evicted++;
		}
	}
	pthread_mutex_unlock(&g->lock);
	return s;
}

void
guard_sock_close(struct guard *g, struct sock *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	list_remove(g, s);
	g->open--;
	pthread_mutex_unlock(&g->lock);
	free(s);
}

void
guard_sock_busy(struct guard *g, struct sock *s)
{
	pthread_mutex_lock(&g->lock);
	list_remove(g, s);
	pthread_mutex_unlock(&g->lock);
}

void
guard_sock_idle(struct guard *g, struct sock *s, int64_t now)
{
	pthread_mutex_lock(&g->lock);
	if (s->wait != SOCK_SHUT) {
		list_remove(g, s);
		list_append(g, s, SOCK_IDLE, now);
	}
	pthread_mutex_unlock(&g->lock);
}

/* Shut the waiting socks past the deadline at now; how many.  Locked. */
static size_t
sweep_locked(struct guard *g, int64_t now)
{
	struct sock *s;
	size_t n = 0;
	int wait;

	for (wait = SOCK_HEAD; wait <= SOCK_IDLE; wait++)
		while ((s = g->lists[wait].first) != NULL &&
		    now - s->since >= g->timeout) {
			sock_shut(g, s);
			n++;
		}
	g->expired += n;
	return n;
}

size_t
guard_sweep(struct guard *g, int64_t now)
{
	size_t n;

	pthread_mutex_lock(&g->lock);
	n = sweep_locked(g, now);
	pthread_mutex_unlock(&g->lock);
	return n;
}

static void *
guard_main(void *arg)
{
	struct guard *g = arg;
	struct timespec ts;
	int64_t now, next, reported;
	unsigned long expired, evicted;

	reported = guard_now();
	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		next = guard_now() + SWEEP_MS;
		ts.tv_sec = (time_t)(next / 1000);
		ts.tv_nsec = (long)(next % 1000) * 1000000;
		while (!g->stopping && pthread_cond_timedwait(&g->cond,
		    &g->lock, &ts) != ETIMEDOUT)
			;
		if (g->stopping)
			break;
		now = guard_now();
		sweep_locked(g, now);
		if (now - reported < REPORT_MS ||
		    (g->expired == 0 && g->evicted == 0))
			continue;
		expired = g->expired;
		evicted = g->evicted;
		g->expired = g->evicted = 0;
		reported = now;
		pthread_mutex_unlock(&g->lock);
		log_info("connections closed in the last minute: %lu without "
		    "a whole request head in time, %lu to make room", expired,
		    evicted);
		pthread_mutex_lock(&g->lock);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

enum err
guard_start(struct guard *g)
{
	if (pthread_create(&g->thread, NULL, guard_main, g) != 0)
		return ERR_IO;
	g->running = 1;
	return ERR_OK;
}

void
guard_stop(struct guard *g)
{
	if (!g->running)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = 1;
	pthread_cond_signal(&g->cond);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->thread, NULL);
	g->running = 0;
}

void
guard_free(struct guard *g)
{
	if (g == NULL)
		return;
	guard_stop(g);
	assert(g->open == 0);
	pthread_mutex_destroy(&g->lock);
	pthread_cond_destroy(&g->cond);
	free(g);
}
