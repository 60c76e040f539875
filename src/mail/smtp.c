/*
 * smtp: a pool of SMTP sessions driven by libcurl's multi interface on
 * one thread.  Each slot is one easy handle, reused message after
 * message, so that its connection (and TLS session) is reused too; the
 * multi handle never opens more connections than there are slots.  A
 * message is handed in built; what comes out is how it ended:
 *
 * - the relay's 250 after the data: sent;
 * - a 5xx to RCPT TO or to the data: failed, never retried (the
 *   recipient is refused);
 * - anything else (4xx, a dropped or refused connection, a timeout, a
 *   5xx to MAIL FROM or AUTH, which says nothing of the recipient):
 *   deferred, to be tried again.
 *
 * The relay's last reply line is kept (escaped) for the delivery's row.
 * It is read from libcurl's debug callback, which sees each reply as it
 * comes; the command it answers is the last one the callback saw sent.
 *
 * Lanes: libcurl (7.88, and master in 2026; curl issue 8555) waits for
 * the relay's reply to the end of the data inside the transfer's end
 * (smtp_done), blocking, whatever the other transfers of its multi
 * handle are doing: with one multi handle for all the sessions, each
 * message's last round trip is waited out by all, and the sessions move
 * in step.  So the sessions are spread over SMTP_LANES lanes, a thread
 * each with its own multi handle, which only drive libcurl: while one
 * waits for a reply, the other sends.  The caller's thread (the
 * worker's, with SQLite and the building) hands a message to an idle
 * slot and collects the ends.  A slot is the caller's while idle and
 * once ended, its lane's in between; the pool's mutex guards that
 * state, and a slot goes to its lane again only after the caller has
 * collected its end (in the worker, after the end is marked).
 */
#include <curl/curl.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "mail_int.h"

/* Threads driving the sessions (bench/README.md, two cores: two lanes
 * of four sessions did better than one of eight, four of two or eight
 * of one, and as well as three, with less CPU). */
#ifndef SMTP_LANES
#define SMTP_LANES	2
#endif

enum slot_state {
	SLOT_IDLE,		/* the caller's */
	SLOT_GIVEN,		/* a message for the lane to start */
	SLOT_SENDING,		/* the lane's */
	SLOT_ENDED		/* res is set; the caller's to collect */
};

struct lane;

struct slot {
	CURL		*easy;
	struct lane	*lane;
	struct curl_slist *rcpt;
	struct buf	 msg;
	size_t		 off;
	int64_t		 id;
	int64_t		 attempts;
	enum slot_state	 state;		/* under the pool's mutex */
	int		 busy;		/* not SLOT_IDLE: the caller's copy */
	int		 added;		/* in its lane's multi handle */
	int		 given;		/* to start: the lane's flag */
	char		 from[LIMIT_EMAIL + 3];
	char		 cmd[8];	/* the last command sent */
	char		 reply[SMTP_REPLY_LEN];
	int		 code;		/* the reply's */
	int		 reply_cmd_data; /* the reply answers RCPT or DATA */
	struct smtp_result res;		/* how it ended */
};

/* A thread and its multi handle, driving the slots that name it. */
struct lane {
	struct smtp_pool *pool;
	CURLM		*multi;
	struct slot	**ends;		/* a round's, the lane's */
	pthread_t	 thread;
	int		 started;
	int		 sleeping;	/* in curl_multi_poll; under mu */
};

struct smtp_pool {
	pthread_mutex_t	 mu;
	pthread_cond_t	 ended;		/* a slot became SLOT_ENDED */
	struct lane	*lanes;
	size_t		 nlanes;
	struct slot	*slots;
	size_t		 nslots;
	size_t		 busy;		/* not idle: the caller's count */
	size_t		 nended;	/* SLOT_ENDED, under mu */
	int		 stop;		/* under mu */
	const struct mail_config *cfg;
	char		*password;
	long		 use_ssl;
};

static size_t
on_read(char *out, size_t size, size_t n, void *arg)
{
	struct slot *s = arg;
	size_t want = size * n, left = s->msg.len - s->off;

	if (want > left)
		want = left;
	memcpy(out, s->msg.p + s->off, want);
	s->off += want;
	return want;
}

/* Keep the last reply line, and which command it answers. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t len, void *arg)
{
	struct slot *s = arg;
	size_t i, n = 0;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		for (i = 0; i < len && i < sizeof(s->cmd) - 1 &&
		    data[i] != ' ' && data[i] != '\r'; i++)
			s->cmd[i] = data[i];
		s->cmd[i] = '\0';
		return 0;
	}
	/* QUIT's 221 would hide the reply that made libcurl give up. */
	if (type != CURLINFO_HEADER_IN || strcmp(s->cmd, "QUIT") == 0)
		return 0;
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	for (i = 0; i < len && n < sizeof(s->reply) - 1; i++)
		s->reply[n++] = (unsigned char)data[i] < ' ' ||
		    (unsigned char)data[i] >= 0x7f ? '?' : data[i];
	s->reply[n] = '\0';
	s->code = n >= 3 && s->reply[0] >= '1' && s->reply[0] <= '5' ?
	    (s->reply[0] - '0') * 100 + (s->reply[1] - '0') * 10 +
	    (s->reply[2] - '0') : 0;
	s->reply_cmd_data = strcmp(s->cmd, "RCPT") == 0 ||
	    strcmp(s->cmd, "DATA") == 0;
	return 0;
}

/*
 * A slot's easy handle, set up once: what every message shares.  The
 * handle is reused as it is, message after message; a message sets
 * only its sender, recipient and size.
 */
static void
slot_init(struct smtp_pool *p, struct slot *s)
{
	CURL *h;

	h = s->easy = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, p->cfg->smtp_url);
	curl_easy_setopt(h, CURLOPT_USE_SSL, p->use_ssl);
	if (p->cfg->smtp_user != NULL)
		curl_easy_setopt(h, CURLOPT_USERNAME, p->cfg->smtp_user);
	if (p->password != NULL)
		curl_easy_setopt(h, CURLOPT_PASSWORD, p->password);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(h, CURLOPT_READDATA, s);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	/* A relay that stops answering: less than a byte a second for 60. */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(h, CURLOPT_PRIVATE, s);
}

static void
result_of(struct slot *s, CURLcode cc, struct smtp_result *r)
{
	int code = s->code;

	r->id = s->id;
	r->attempts = s->attempts;
	r->code = code;
	if (cc == CURLE_OK)
		r->end = STORE_DELIVERY_SENT;
	else if (code >= 500 && code < 600 && s->reply_cmd_data)
		r->end = STORE_DELIVERY_FAIL;
	else
		r->end = STORE_DELIVERY_DEFER;
	if (s->reply[0] != '\0' && (code != 0 || cc == CURLE_OK))
		snprintf(r->reply, sizeof(r->reply), "%s", s->reply);
	else
		snprintf(r->reply, sizeof(r->reply), "%s",
		    curl_easy_strerror(cc));
}

/* The lane's side of a given slot: its message's options, and go. */
static void
slot_start(struct slot *s)
{
	CURL *h = s->easy;

	curl_easy_setopt(h, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, s->rcpt);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)s->msg.len);
	s->added = curl_multi_add_handle(s->lane->multi, h) == CURLM_OK;
	if (!s->added)
		result_of(s, CURLE_FAILED_INIT, &s->res);
}

/* Mark the lane's nend slots in ends ended, and tell the caller once. */
static void
lane_end(struct smtp_pool *p, struct slot **ends, size_t nend)
{
	size_t i;

	if (nend == 0)
		return;
	pthread_mutex_lock(&p->mu);
	for (i = 0; i < nend; i++)
		ends[i]->state = SLOT_ENDED;
	p->nended += nend;
	pthread_cond_signal(&p->ended);
	pthread_mutex_unlock(&p->mu);
}

/* Under the pool's mutex: the slots given to l are now the lane's. */
static size_t
lane_take(struct smtp_pool *p, struct lane *l)
{
	struct slot *s;
	size_t i, n = 0;

	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (s->lane == l && s->state == SLOT_GIVEN) {
			s->state = SLOT_SENDING;
			s->given = 1;
			n++;
		}
	}
	return n;
}

/*
 * A lane: sleep in curl_multi_poll until a socket or the caller wants
 * it (the caller wakes it with curl_multi_wakeup only when it sleeps:
 * a wakeup is two system calls and, often, a switch), start what the
 * caller gave, move the transfers on, and end what ended.
 */
static void *
lane_run(void *arg)
{
	struct lane *l = arg;
	struct smtp_pool *p = l->pool;
	struct slot *s;
	CURLMsg *m;
	size_t i, n, nend;
	int running, left, stop;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		if ((n = lane_take(p, l)) == 0 && !p->stop) {
			l->sleeping = 1;
			pthread_mutex_unlock(&p->mu);
			curl_multi_poll(l->multi, NULL, 0, 1000, NULL);
			pthread_mutex_lock(&p->mu);
			l->sleeping = 0;
			n = lane_take(p, l);
		}
		stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		nend = 0;
		for (i = 0; n > 0 && i < p->nslots; i++) {
			s = &p->slots[i];
			if (s->lane != l || !s->given)
				continue;
			s->given = 0;
			slot_start(s);
			if (!s->added)
				l->ends[nend++] = s;
		}
		curl_multi_perform(l->multi, &running);
		while ((m = curl_multi_info_read(l->multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    (char **)&s);
			result_of(s, m->data.result, &s->res);
			curl_multi_remove_handle(l->multi, s->easy);
			s->added = 0;
			l->ends[nend++] = s;
		}
		lane_end(p, l->ends, nend);
	}
	return NULL;
}

enum err
smtp_pool_new(const struct mail_config *cfg, struct smtp_pool **out)
{
	struct smtp_pool *p;
	struct lane *l;
	size_t i, len;
	enum err rc;

	*out = NULL;
	p = xcalloc(1, sizeof(*p));
	p->cfg = cfg;
	p->nslots = cfg->sessions > 0 ? (size_t)cfg->sessions : 1;
	if (cfg->smtp_tls == NULL || strcmp(cfg->smtp_tls, "required") == 0)
		p->use_ssl = CURLUSESSL_ALL;
	else if (strcmp(cfg->smtp_tls, "try") == 0)
		p->use_ssl = CURLUSESSL_TRY;
	else
		p->use_ssl = CURLUSESSL_NONE;
	if (cfg->smtp_password_file != NULL) {
		if ((rc = file_read(cfg->smtp_password_file, 4096,
		    &p->password, &len)) != ERR_OK) {
			log_warnx("mail: %s: cannot read the password",
			    cfg->smtp_password_file);
			free(p);
			return rc;
		}
		p->password[strcspn(p->password, "\r\n")] = '\0';
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ended, NULL);
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	p->nlanes = p->nslots < SMTP_LANES ? p->nslots : SMTP_LANES;
	p->lanes = xcalloc(p->nlanes, sizeof(*p->lanes));
	for (i = 0; i < p->nlanes; i++) {
		l = &p->lanes[i];
		l->pool = p;
		l->ends = xcalloc(p->nslots, sizeof(*l->ends));
		l->multi = curl_multi_init();
		/* Its share of the sessions, no more connections. */
		curl_multi_setopt(l->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
		    (long)((p->nslots + p->nlanes - 1 - i) / p->nlanes));
	}
	for (i = 0; i < p->nslots; i++) {
		p->slots[i].lane = &p->lanes[i % p->nlanes];
		slot_init(p, &p->slots[i]);
		buf_init(&p->slots[i].msg, LIMIT_MAIL_MESSAGE);
	}
	for (i = 0; i < p->nlanes; i++) {
		l = &p->lanes[i];
		if (pthread_create(&l->thread, NULL, lane_run, l) != 0) {
			log_warnx("mail: cannot start an SMTP lane");
			smtp_pool_free(p);
			return ERR_IO;
		}
		l->started = 1;
	}
	*out = p;
	return ERR_OK;
}

void
smtp_pool_free(struct smtp_pool *p)
{
	struct slot *s;
	size_t i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nlanes; i++)
		if (p->lanes[i].started) {
			curl_multi_wakeup(p->lanes[i].multi);
			pthread_join(p->lanes[i].thread, NULL);
		}
	/* The lanes are gone: what they held is this thread's. */
	for (i = 0; i < p->nslots; i++) {
		s = &p->slots[i];
		if (s->added)
			curl_multi_remove_handle(s->lane->multi, s->easy);
		curl_easy_cleanup(s->easy);
		curl_slist_free_all(s->rcpt);
		buf_free(&s->msg);
	}
	for (i = 0; i < p->nlanes; i++) {
		curl_multi_cleanup(p->lanes[i].multi);
		free(p->lanes[i].ends);
	}
	pthread_cond_destroy(&p->ended);
	pthread_mutex_destroy(&p->mu);
	if (p->password != NULL) {
		explicit_bzero(p->password, strlen(p->password));
		free(p->password);
	}
	free(p->lanes);
	free(p->slots);
	free(p);
}

size_t
smtp_pool_idle(const struct smtp_pool *p)
{
	return p->nslots - p->busy;
}

size_t
smtp_pool_busy(const struct smtp_pool *p)
{
	return p->busy;
}

enum err
smtp_pool_send(struct smtp_pool *p, int64_t id, int64_t attempts,
    const char *from, const char *to, const struct buf *msg)
{
	struct slot *s = NULL;
	char path[LIMIT_EMAIL + 3];
	size_t i;
	int wake;

	/* An idle slot is this thread's: no lane reads it. */
	for (i = 0; i < p->nslots && s == NULL; i++)
		if (!p->slots[i].busy)
			s = &p->slots[i];
	if (s == NULL)
		return ERR_LIMIT;
	buf_reset(&s->msg);
	if (buf_add(&s->msg, msg->p, msg->len) != ERR_OK)
		return ERR_LIMIT;
	s->off = 0;
	s->id = id;
	s->attempts = attempts;
	s->cmd[0] = '\0';
	s->reply[0] = '\0';
	s->code = 0;
	s->reply_cmd_data = 0;
	curl_slist_free_all(s->rcpt);
	snprintf(path, sizeof(path), "<%s>", to);
	s->rcpt = curl_slist_append(NULL, path);
	snprintf(s->from, sizeof(s->from), "<%s>", from);
	pthread_mutex_lock(&p->mu);
	s->state = SLOT_GIVEN;
	wake = s->lane->sleeping;
	s->lane->sleeping = 0;		/* one wakeup is enough */
	pthread_mutex_unlock(&p->mu);
	if (wake)
		curl_multi_wakeup(s->lane->multi);
	s->busy = 1;
	p->busy++;
	return ERR_OK;
}

size_t
smtp_pool_wait(struct smtp_pool *p, int timeout_ms, struct smtp_result *out,
    size_t max)
{
	struct timespec ts;
	struct slot *s;
	size_t n = 0, i;

	pthread_mutex_lock(&p->mu);
	if (p->nended == 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += timeout_ms / 1000;
		ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		while (p->nended == 0 && pthread_cond_timedwait(&p->ended,
		    &p->mu, &ts) == 0)
			continue;
	}
	for (i = 0; i < p->nslots && n < max; i++) {
		s = &p->slots[i];
		if (s->state != SLOT_ENDED)
			continue;
		out[n++] = s->res;
		s->state = SLOT_IDLE;
		s->busy = 0;
		p->nended--;
		p->busy--;
	}
	pthread_mutex_unlock(&p->mu);
	return n;
}
