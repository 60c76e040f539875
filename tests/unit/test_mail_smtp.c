/*
 * test_mail_smtp: the SMTP pool's lanes (smtp.c) against a small SMTP
 * server on a loopback port, a thread of this test for each connection.
 * libcurl waits for the reply to the end of a message's data blocking
 * its whole multi handle; the pool spreads its sessions over threads so
 * that a session waiting for that reply does not hold the others.  The
 * server holds the first 250 after a body until the other session has
 * had two more messages accepted (or, were that never to come, for a
 * while: a guard against a hang, not a limit on time), and the test
 * checks that they came while it waited.  Also: the pool never takes
 * more messages than sessions, an ended session stays the caller's
 * until its end is collected, the ends carry their ids, and the pool
 * frees its lanes.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "mail/mail_int.h"
#include "test.h"

#define ROUNDS	400		/* waits of 10 or 50 ms at most: a guard */
#define HOLD	1000		/* the held 250's waits of 10 ms, at most */
#define MSGS	4

static struct {
	int		 fd;		/* listening */
	atomic_int	 conns;		/* connections accepted */
	atomic_int	 accepted;	/* 250 after a body */
	atomic_int	 held;		/* a connection's 250 is held: its id */
	atomic_int	 while_held;	/* others accepted before its release */
	atomic_int	 held_rcpt;	/* the held message's delivery id */
} srv;

static void
say(int fd, const char *s)
{
	(void)send(fd, s, strlen(s), MSG_NOSIGNAL);
}

/* The first body to end: its 250 waits for two of the other session's. */
static void
hold(int conn)
{
	int none = -1, i, base;

	if (!atomic_compare_exchange_strong(&srv.held, &none, conn))
		return;
	base = atomic_load(&srv.accepted);
	for (i = 0; i < HOLD && atomic_load(&srv.accepted) - base < 2; i++)
		usleep(10000);
	atomic_store(&srv.while_held, atomic_load(&srv.accepted) - base);
}

/* One session: commands a line at a time; DATA's body to its dot. */
static void *
serve(void *arg)
{
	char buf[65536], *nl, *end;
	size_t len = 0;
	ssize_t n;
	int fd = (int)(intptr_t)arg, conn, in_data = 0, rcpt = 0;

	conn = atomic_fetch_add(&srv.conns, 1);
	say(fd, "220 test ESMTP\r\n");
	while ((n = recv(fd, buf + len, sizeof(buf) - len - 1, 0)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		for (;;) {
			if (in_data) {
				if ((end = strstr(buf, "\r\n.\r\n")) == NULL) {
					/* Keep the tail that may start the
					 * dot line. */
					if (len > 4) {
						memmove(buf, buf + len - 4, 5);
						len = 4;
					}
					break;
				}
				hold(conn);
				if (atomic_load(&srv.held) == conn &&
				    atomic_load(&srv.held_rcpt) == 0)
					atomic_store(&srv.held_rcpt, rcpt);
				atomic_fetch_add(&srv.accepted, 1);
				say(fd, "250 2.0.0 queued\r\n");
				in_data = 0;
				len -= (size_t)(end + 5 - buf);
				memmove(buf, end + 5, len + 1);
				continue;
			}
			if ((nl = strstr(buf, "\r\n")) == NULL)
				break;
			if (strncmp(buf, "RCPT TO:<r", 10) == 0)
				rcpt = (int)strtol(buf + 10, NULL, 10);
			if (strncmp(buf, "DATA", 4) == 0) {
				in_data = 1;
				say(fd, "354 go on\r\n");
			} else if (strncmp(buf, "QUIT", 4) == 0) {
				say(fd, "221 bye\r\n");
				break;
			} else
				say(fd, "250 ok\r\n");
			len -= (size_t)(nl + 2 - buf);
			memmove(buf, nl + 2, len + 1);
		}
	}
	close(fd);
	return NULL;
}

static void *
server(void *arg)
{
	pthread_t th;
	int fd;

	(void)arg;
	while ((fd = accept(srv.fd, NULL, NULL)) >= 0) {
		pthread_create(&th, NULL, serve, (void *)(intptr_t)fd);
		pthread_detach(th);
	}
	return NULL;
}

static enum err
send_one(struct smtp_pool *p, const struct buf *msg, int id)
{
	char to[64];

	snprintf(to, sizeof(to), "r%d@example.net", id);
	return smtp_pool_send(p, id, 1, "news@example.org", to, msg);
}

int
main(void)
{
	struct sockaddr_in sa = { 0 };
	socklen_t salen = sizeof(sa);
	struct mail_config cfg = { 0 };
	struct smtp_pool *p = NULL;
	struct smtp_result r[2];
	int64_t order[MSGS];
	struct buf msg;
	pthread_t th;
	char url[64];
	size_t n, i, ended = 0;
	int k, sent = 0, next = 1, held_at = -1;

	atomic_store(&srv.held, -1);
	srv.fd = socket(AF_INET, SOCK_STREAM, 0);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(srv.fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(srv.fd, 4) != 0 ||
	    getsockname(srv.fd, (struct sockaddr *)&sa, &salen) != 0) {
		printf("FAIL listen: have no port, want one\n");
		return 1;
	}
	pthread_create(&th, NULL, server, NULL);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d",
	    ntohs(sa.sin_port));
	cfg.smtp_url = url;
	cfg.smtp_tls = "none";
	cfg.sessions = 2;
	buf_init(&msg, LIMIT_MAIL_MESSAGE);
	buf_puts(&msg, "Subject: lanes\r\n\r\n");
	for (k = 0; k < 200; k++)
		buf_puts(&msg, "A line of the body, the same for all.\r\n");
	T_INTEQ("pool", smtp_pool_new(&cfg, &p), ERR_OK);
	if (p == NULL)
		return 1;

	/* Two sessions: two messages, and no third. */
	T_INTEQ("send 1", send_one(p, &msg, next++), ERR_OK);
	T_INTEQ("send 2", send_one(p, &msg, next++), ERR_OK);
	T_INTEQ("no third while two are busy", send_one(p, &msg, 99),
	    ERR_LIMIT);
	T_INTEQ("busy", smtp_pool_busy(p), 2);

	/* Each end collected frees its session for the next message. */
	for (k = 0; k < ROUNDS && ended < MSGS; k++) {
		n = smtp_pool_wait(p, 50, r, 2);
		for (i = 0; i < n; i++) {
			order[ended++] = r[i].id;
			sent += r[i].end == STORE_DELIVERY_SENT;
			if (next <= MSGS)
				(void)send_one(p, &msg, next++);
		}
	}
	T_INTEQ("all ended", ended, MSGS);
	T_INTEQ("all sent", sent, MSGS);
	T_INTEQ("two connections, kept", atomic_load(&srv.conns), 2);
	T_INTEQ("a message's 250 was held", atomic_load(&srv.held) >= 0, 1);
	/* The point: the other session went on meanwhile. */
	T_INTEQ("the other session's messages accepted while it waited",
	    atomic_load(&srv.while_held) >= 2, 1);
	for (i = 0; i < ended; i++)
		if (order[i] == atomic_load(&srv.held_rcpt))
			held_at = (int)i;
	T_INTEQ("the held message ended after two others", held_at >= 2, 1);
	T_INTEQ("idle again", smtp_pool_idle(p), 2);

	/* An ended session is the caller's until its end is collected. */
	T_INTEQ("send 5", send_one(p, &msg, 5), ERR_OK);
	T_INTEQ("send 6", send_one(p, &msg, 6), ERR_OK);
	for (k = 0; k < ROUNDS && atomic_load(&srv.accepted) < MSGS + 2; k++)
		usleep(10000);
	T_INTEQ("both accepted", atomic_load(&srv.accepted), MSGS + 2);
	T_INTEQ("ended, not collected: no slot", send_one(p, &msg, 7),
	    ERR_LIMIT);
	for (n = 0, k = 0; k < ROUNDS && n < 2; k++)
		n += smtp_pool_wait(p, 50, r + n, 2 - n);
	T_INTEQ("collected: two ends", n, 2);
	T_INTEQ("their ids", r[0].id + r[1].id, 11);
	T_INTEQ("then a slot", send_one(p, &msg, 7), ERR_OK);
	for (n = 0, k = 0; k < ROUNDS && n == 0; k++)
		n = smtp_pool_wait(p, 50, r, 1);
	T_INTEQ("7 sent", n == 1 && r[0].id == 7 ? (long)r[0].end : -1,
	    STORE_DELIVERY_SENT);

	smtp_pool_free(p);
	T_PASS("freed, lanes joined");
	shutdown(srv.fd, SHUT_RDWR);
	close(srv.fd);
	pthread_join(th, NULL);
	buf_free(&msg);
	return test_failed;
}
