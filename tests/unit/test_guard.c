/*
 * test_guard: connection deadlines and room (src/http/guard.c), on real
 * sockets (socketpair) with the clock passed in.  A sock the guard shuts
 * down shows as end-of-stream at the other end; one it leaves alone has
 * nothing to read.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/http.h"
#include "test.h"

struct pair {
	int		 fd[2];		/* guarded end, peer end */
	struct sock	*s;
};

static void
pair_open(struct guard *g, struct pair *p, int64_t now)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, p->fd) != 0) {
		perror("socketpair");
		p->fd[0] = p->fd[1] = -1;
	}
	p->s = guard_sock_open(g, p->fd[0], now);
}

static void
pair_close(struct guard *g, struct pair *p)
{
	guard_sock_close(g, p->s);
	close(p->fd[0]);
	close(p->fd[1]);
}

/* 1 when the guard shut the guarded end down: the peer reads EOF. */
static int
shut(const struct pair *p)
{
	char c;
	ssize_t n = recv(p->fd[1], &c, 1, MSG_DONTWAIT);

	return n == 0 ? 1 : n < 0 && errno == EAGAIN ? 0 : -1;
}

static void
test_deadline(void)
{
	struct guard *g = guard_new(5, 100);
	struct pair p[3], busy, idle;
	size_t i;

	for (i = 0; i < 3; i++)
		pair_open(g, &p[i], (int64_t)i * 1000);
	pair_open(g, &busy, 0);
	guard_sock_busy(g, busy.s);
	pair_open(g, &idle, 0);
	guard_sock_busy(g, idle.s);
	guard_sock_idle(g, idle.s, 10000);

	T_INTEQ("sweep: nothing before the deadline", guard_sweep(g, 4999), 0);
	T_INTEQ("sweep: the first head at 5 s", guard_sweep(g, 5000), 1);
	T_INTEQ("sweep: its connection is shut down", shut(&p[0]), 1);
	T_INTEQ("sweep: the next ones are not", shut(&p[1]) + shut(&p[2]), 0);
	T_INTEQ("sweep: the rest of the heads by 7 s", guard_sweep(g, 7000),
	    2);
	T_INTEQ("sweep: all three heads shut", shut(&p[1]) + shut(&p[2]), 2);
	T_INTEQ("sweep: a shut sock is not shut again", guard_sweep(g, 9999),
	    0);
	T_INTEQ("sweep: a busy connection has no deadline", shut(&busy), 0);
	T_INTEQ("sweep: idle counts from its last answer",
	    guard_sweep(g, 14999), 0);
	T_INTEQ("sweep: idle closed 5 s after its answer",
	    guard_sweep(g, 15000), 1);
	T_INTEQ("sweep: the idle one is shut", shut(&idle), 1);
	T_INTEQ("sweep: still not the busy one", shut(&busy), 0);
	guard_sock_idle(g, p[0].s, 20000);
	T_INTEQ("idle: a shut sock stays shut", p[0].s->wait, SOCK_SHUT);
	T_INTEQ("idle: and is never swept again", guard_sweep(g, 100000), 0);
	for (i = 0; i < 3; i++)
		pair_close(g, &p[i]);
	pair_close(g, &busy);
	pair_close(g, &idle);
	guard_free(g);
}

static void
test_room(void)
{
	struct guard *g = guard_new(600, 3);
	struct pair a, b, c, d, e, f;

	pair_open(g, &a, 0);
	pair_open(g, &b, 1);
	pair_open(g, &c, 2);
	T_INTEQ("room: up to high, nobody is closed",
	    shut(&a) + shut(&b) + shut(&c), 0);
	guard_sock_busy(g, b.s);
	guard_sock_idle(g, b.s, 3);
	pair_open(g, &d, 4);
	T_INTEQ("room: past high, the idle connection goes", shut(&b), 1);
	T_INTEQ("room: before an older head", shut(&a), 0);
	pair_open(g, &e, 5);
	T_INTEQ("room: with none idle, the oldest head goes", shut(&a), 1);
	T_INTEQ("room: the others stay", shut(&c) + shut(&d) + shut(&e), 0);
	pair_close(g, &a);
	pair_close(g, &b);
	guard_sock_busy(g, c.s);
	guard_sock_busy(g, d.s);
	guard_sock_busy(g, e.s);
	pair_open(g, &f, 6);
	T_INTEQ("room: busy connections are never closed for room",
	    shut(&c) + shut(&d) + shut(&e), 0);
	T_INTEQ("room: nor is the newcomer itself", shut(&f), 0);
	pair_close(g, &c);
	pair_close(g, &d);
	pair_close(g, &e);
	pair_close(g, &f);
	guard_free(g);
}

static void
test_thread(void)
{
	struct guard *g = guard_new(1, 10);

	T_INTEQ("guard_start", guard_start(g), ERR_OK);
	guard_stop(g);
	T_PASS("guard_stop returns");
	guard_free(g);
}

int
main(void)
{
	test_deadline();
	test_room();
	test_thread();
	T_DONE();
}
