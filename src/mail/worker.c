/*
 * worker: the delivery loop, the same inside `octavo serve` (a thread
 * of its own, with its own database connection) and in `octavo mail
 * send`.  Each turn: claim due rows, CLAIM_BATCH a session, into the
 * mailer's queue when it runs dry (a row claimed but not started is not
 * sent, so what a crash can send twice is still at most what was in
 * flight), start one on each idle session, build it and hand it to the
 * pool, then wait for the relay and mark what ended, in one transaction
 * a turn.  A row is marked sent
 * only after the relay's 250; one that was in flight when the process
 * died is due again when its lease ends, and goes again: a duplicate is
 * possible, a loss is not.
 *
 * Pace: at most mail_rate messages are started in any one second and
 * mail_daily_quota in any 24 hours (counted from the deliveries table
 * when the loop starts and every minute, and as it sends).  Deferred
 * rows come back after a backoff that doubles with each attempt, from
 * mail_retry seconds up to a day.
 *
 * A campaign's messages come from its template (campaign.c), made when
 * the worker first meets one of its rows; the marks of a turn reach the
 * disk once a second and when the worker has nothing in flight (a
 * commit in between survives a crash of the process; a power cut may
 * undo it, and the messages it marked go again: never lost).
 */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mail_int.h"

#define MAX_BACKOFF	86400
#define QUOTA_REREAD	60
#define CLAIM_BATCH	4	/* rows claimed at once, a session */

struct mailer {
	const struct mail_config *cfg;
	struct store	*store;
	struct smtp_pool *pool;
	struct mail_site site;
	int64_t		(*clock)(void);
	json_t		*campaign;	/* the last campaign read */
	int64_t		 campaign_id;
	struct mail_tmpl *tmpl;		/* its message, or NULL */
	long		 day_sent;	/* in the last 24 hours */
	int64_t		 day_read_at;
	int64_t		 sec;		/* the second of in_sec */
	long		 in_sec;	/* started in that second */
	int64_t		 due_at;	/* scheduled campaigns looked at */
	int64_t		 synced_at;	/* a commit last reached the disk */
	int		 sync_full;	/* the next commit will */
	int		 quota_hit;	/* the quota stopped a start */
	json_t		*queue;		/* claimed rows, from next on */
	size_t		 next;
	atomic_int	 stop;
	pthread_t	 thread;
	int		 started;
	struct mail_counts counts;
};

static int64_t
clock_now(struct mailer *m)
{
	return m->clock != NULL ? m->clock() : time_now();
}

enum err
mailer_new(const struct mail_config *cfg, const char *dsn,
    int64_t (*clock)(void), struct mailer **out)
{
	struct mailer *m;
	enum err rc;

	*out = NULL;
	m = xcalloc(1, sizeof(*m));
	m->cfg = cfg;
	m->clock = clock;
	m->sync_full = 1;		/* SQLite's, as opened */
	if ((rc = store_open(dsn, 0, &m->store)) != ERR_OK)
		goto fail;
	if ((rc = mail_site_load(m->store, cfg, &m->site)) != ERR_OK)
		goto fail;
	if ((rc = smtp_pool_new(cfg, &m->pool)) != ERR_OK)
		goto fail;
	*out = m;
	return ERR_OK;
fail:
	mailer_free(m);
	return rc;
}

void
mailer_free(struct mailer *m)
{
	if (m == NULL)
		return;
	if (m->started) {
		atomic_store(&m->stop, 1);
		pthread_join(m->thread, NULL);
	}
	smtp_pool_free(m->pool);
	if (m->site.arena != NULL)
		mail_site_free(&m->site);
	json_decref(m->campaign);
	mail_tmpl_free(m->tmpl);
	json_decref(m->queue);
	store_close(m->store);
	free(m);
}

void
mailer_stop(struct mailer *m)
{
	atomic_store(&m->stop, 1);
}

const struct mail_counts *
mailer_counts(const struct mailer *m)
{
	return &m->counts;
}

/* How many rows may be started now, by the rate and the quota. */
static long
allowance(struct mailer *m, int64_t now)
{
	long n = (long)smtp_pool_idle(m->pool), left;

	if (m->cfg->daily_quota > 0) {
		if (now - m->day_read_at >= QUOTA_REREAD &&
		    store_mail_sent_since(m->store, now - 86400,
		    &m->day_sent) == ERR_OK)
			m->day_read_at = now;
		left = (long)m->cfg->daily_quota - m->day_sent -
		    (long)smtp_pool_busy(m->pool);
		m->quota_hit = left <= 0;
		if (left < n)
			n = left > 0 ? left : 0;
	}
	if (m->cfg->rate > 0) {
		if (now != m->sec) {
			m->sec = now;
			m->in_sec = 0;
		}
		left = (long)m->cfg->rate - m->in_sec;
		if (left < n)
			n = left > 0 ? left : 0;
	}
	return n;
}

/*
 * The campaign of a row, read once for a run of its rows.  Only a
 * campaign that is sending stays as read (its text can no longer be
 * edited); a draft's test mail reads it afresh, so a test after an
 * edit, or the send after it, never goes out with the old text.
 */
static const json_t *
campaign_of(struct mailer *m, const json_t *row)
{
	int64_t id = json_integer_value(json_object_get(row, "campaign_id"));
	const char *st;

	if (id == 0)
		return NULL;
	st = json_string_value(json_object_get(m->campaign, "status"));
	if (id != m->campaign_id || st == NULL || strcmp(st, "sending") != 0) {
		json_decref(m->campaign);
		mail_tmpl_free(m->tmpl);
		m->campaign = NULL;
		m->tmpl = NULL;
		m->campaign_id = 0;
		if (store_campaign_get(m->store, id, &m->campaign) != ERR_OK)
			return NULL;
		m->campaign_id = id;
		/* Without it (a campaign that cannot be built), mail_compose
		 * tries each row and says why. */
		(void)mail_tmpl_new(m->store, &m->site, m->campaign,
		    &m->tmpl);
	}
	return m->campaign;
}

/*
 * The message of row r into msg: a subscriber's campaign message from
 * the campaign's template (campaign.c), anything else by mail_compose.
 */
static enum err
build(struct mailer *m, const json_t *r, int64_t now, struct buf *msg)
{
	const json_t *c = campaign_of(m, r), *sub;
	const char *kind = json_string_value(json_object_get(r, "kind"));
	const char *to = json_string_value(json_object_get(r, "address"));
	enum err rc;

	sub = json_object_get(r, "subscriber");
	if (c == NULL || m->tmpl == NULL || to == NULL ||
	    strcmp(kind, "campaign") != 0 || json_object_get(sub, "id") == NULL)
		return mail_compose(m->store, &m->site, r, c, now, msg);
	rc = mail_tmpl_render(m->tmpl, m->store, sub, to, now, msg);
	if (rc != ERR_OK)
		log_warnx("mail: delivery %lld: cannot build its message: %s",
		    (long long)json_integer_value(json_object_get(r, "id")),
		    err_str(rc));
	return rc;
}

static int64_t
backoff(const struct mailer *m, int64_t attempts)
{
	int64_t d = m->cfg->retry > 0 ? m->cfg->retry : MAIL_RETRY_DEFAULT;

	while (--attempts > 0 && d < MAX_BACKOFF)
		d *= 2;
	return d < MAX_BACKOFF ? d : MAX_BACKOFF;
}

/*
 * Claim a batch of due rows into the mailer's queue, inside the turn's
 * transaction: a few times the sessions, so that claims are rare.  A
 * row claimed but not yet started is not sent: after a crash it comes
 * due again when its lease ends, and no one has it twice.
 */
static enum err
refill(struct mailer *m, int64_t now, size_t nslots)
{
	long n = (long)nslots * CLAIM_BATCH, left;
	enum err rc;

	if (m->cfg->daily_quota > 0) {
		left = (long)m->cfg->daily_quota - m->day_sent -
		    (long)smtp_pool_busy(m->pool);
		if (left < n)
			n = left;
	}
	if (n <= 0)
		return ERR_OK;
	json_decref(m->queue);
	m->queue = NULL;
	m->next = 0;
	rc = store_deliveries_claim(m->store, now, m->cfg->lease > 0 ?
	    m->cfg->lease : MAIL_LEASE_DEFAULT, n, &m->queue);
	return rc;
}

/* Start what the rate and quota allow from the queue; rows that cannot
 * be built or are no longer wanted end at once, in done. */
static void
start(struct mailer *m, int64_t now, struct store_delivery_result *done,
    size_t *ndone, size_t cap, struct buf *msg)
{
	json_t *r, *sub;
	const char *kind, *status;
	long n = allowance(m, now);

	for (; n > 0 && *ndone < cap && m->next < json_array_size(m->queue);
	    m->next++) {
		struct store_delivery_result *d = &done[*ndone];

		r = json_array_get(m->queue, m->next);
		d->id = json_integer_value(json_object_get(r, "id"));
		d->reply = NULL;
		kind = json_string_value(json_object_get(r, "kind"));
		sub = json_object_get(r, "subscriber");
		status = json_string_value(json_object_get(sub, "status"));
		if (strcmp(kind, "campaign") == 0 && (status == NULL ||
		    strcmp(status, "confirmed") != 0)) {
			d->end = STORE_DELIVERY_DROP;
			d->reply = "not sent: the subscriber left";
			(*ndone)++;
			m->counts.dropped++;
			continue;
		}
		buf_reset(msg);
		if (build(m, r, now, msg) != ERR_OK) {
			d->end = STORE_DELIVERY_FAIL;
			d->reply = "not sent: the message could not be built";
			(*ndone)++;
			m->counts.failed++;
			continue;
		}
		if (smtp_pool_send(m->pool, d->id, json_integer_value(
		    json_object_get(r, "attempts")) + 1, m->site.from_addr,
		    json_string_value(json_object_get(r, "address")), msg) !=
		    ERR_OK) {
			d->end = STORE_DELIVERY_DEFER;
			d->retry_at = now + backoff(m, 1);
			(*ndone)++;
			continue;
		}
		m->in_sec++;
		n--;
	}
}

/*
 * One transaction a turn: the marks of what ended, the scheduled
 * campaigns come due, and a new batch when the queue is empty.
 */
static enum err
turn_commit(struct mailer *m, int64_t now, struct store_delivery_result *done,
    size_t ndone, size_t nslots, int stopping)
{
	enum err rc;
	long k = 0;
	int full, claim = !stopping && m->next >= json_array_size(m->queue) &&
	    allowance(m, now) > 0;

	if (ndone == 0 && !claim && now == m->due_at)
		return ERR_OK;
	/* On disk once a second (and when idle, idle_sync); between, a
	 * commit survives a crash of the process, not a power cut. */
	full = now != m->synced_at;
	if (full != m->sync_full && store_sync_set(m->store, full) == ERR_OK)
		m->sync_full = full;
	if ((rc = store_begin(m->store)) != ERR_OK)
		return rc;
	if (ndone > 0)
		rc = store_deliveries_done(m->store, done, ndone, now);
	if (rc == ERR_OK && now != m->due_at && !stopping) {
		m->due_at = now;	/* scheduled campaigns: once a second */
		rc = store_campaigns_due(m->store, now, &k);
	}
	if (rc == ERR_OK && claim)
		rc = refill(m, now, nslots);
	if (rc == ERR_OK && (rc = store_commit(m->store)) == ERR_OK &&
	    m->sync_full)
		m->synced_at = now;
	if (rc != ERR_OK) {
		store_rollback(m->store);
		/* What the rolled-back claim named is not ours. */
		json_decref(m->queue);
		m->queue = NULL;
		m->next = 0;
		m->due_at = 0;
		return rc;
	}
	if (k > 0)
		log_info("mail: a scheduled campaign: %ld messages", k);
	return ERR_OK;
}

/* Nothing in flight: what was committed goes to the disk now. */
static void
idle_sync(struct mailer *m, int64_t now)
{
	if (!m->sync_full && store_sync_set(m->store, 1) == ERR_OK) {
		m->sync_full = 1;
		m->synced_at = now;
	}
}

enum err
mailer_run(struct mailer *m, int until_idle)
{
	struct store_delivery_result *done;
	struct smtp_result *res;
	struct buf msg;
	size_t nslots = smtp_pool_idle(m->pool), cap, ndone = 0, i, n;
	int64_t now;
	long pending;
	int stopping;
	enum err rc = ERR_OK;

	/* A turn's ends: the sessions', and the rows of a batch that end
	 * without being sent (the subscriber left), a whole batch of them. */
	cap = nslots * (CLAIM_BATCH + 1) + 1;
	done = xcalloc(cap, sizeof(*done));
	res = xcalloc(nslots + 1, sizeof(*res));
	buf_init(&msg, LIMIT_MAIL_MESSAGE);
	for (;;) {
		stopping = atomic_load(&m->stop);
		now = clock_now(m);
		if ((rc = turn_commit(m, now, done, ndone, nslots,
		    stopping)) != ERR_OK) {
			if (rc == ERR_BUSY)
				continue;	/* another writer: again */
			log_warnx("mail: cannot mark %zu deliveries: %s",
			    ndone, err_str(rc));
			break;
		}
		ndone = 0;
		if (stopping && smtp_pool_busy(m->pool) == 0) {
			idle_sync(m, now);
			break;
		}
		if (!stopping)
			start(m, now, done, &ndone, cap, &msg);
		if (ndone == 0 && smtp_pool_busy(m->pool) == 0)
			idle_sync(m, now);
		if (until_idle && ndone == 0 &&
		    m->next >= json_array_size(m->queue) &&
		    smtp_pool_busy(m->pool) == 0 && (m->quota_hit || (rc =
		    store_mail_pending(m->store, &pending)) != ERR_OK ||
		    pending == 0)) {
			if (m->quota_hit)
				log_warnx("mail: the daily quota (%lld) is "
				    "reached; the rest waits",
				    m->cfg->daily_quota);
			break;
		}
		if (ndone > 0)		/* marks to write before waiting */
			continue;
		n = smtp_pool_wait(m->pool, smtp_pool_busy(m->pool) > 0 ?
		    200 : 1000, res, nslots + 1);
		for (i = 0; i < n; i++) {
			struct store_delivery_result *d = &done[ndone++];

			d->id = res[i].id;
			d->end = res[i].end;
			d->reply = res[i].reply;
			if (d->end == STORE_DELIVERY_SENT) {
				m->counts.sent++;
				m->day_sent++;
			} else if (d->end == STORE_DELIVERY_FAIL)
				m->counts.failed++;
			else
				m->counts.deferred++;
			d->retry_at = clock_now(m) + backoff(m,
			    res[i].attempts);
			log_debug("mail: delivery %lld: %s", (long long)d->id,
			    res[i].reply);
		}
	}
	buf_free(&msg);
	free(done);
	free(res);
	return rc;
}

static void *
run_thread(void *arg)
{
	struct mailer *m = arg;
	enum err rc;

	while (!atomic_load(&m->stop)) {
		if ((rc = mailer_run(m, 0)) == ERR_OK)
			break;
		log_warnx("mail: the worker stopped (%s); again in a second",
		    err_str(rc));
		sleep(1);
	}
	return NULL;
}

enum err
mailer_start(struct mailer *m)
{
	if (pthread_create(&m->thread, NULL, run_thread, m) != 0)
		return ERR_IO;
	m->started = 1;
	return ERR_OK;
}

enum err
mail_test_send(const struct mail_config *cfg, struct store *s,
    const char *to, char *reply, size_t len, int *sent)
{
	struct mail_site ms;
	struct smtp_pool *pool = NULL;
	struct smtp_result r;
	struct buf msg;
	enum err rc;

	*sent = 0;
	buf_init(&msg, LIMIT_MAIL_MESSAGE);
	if ((rc = mail_site_load(s, cfg, &ms)) != ERR_OK ||
	    (rc = mail_compose_test(&ms, to, time_now(), &msg)) != ERR_OK ||
	    (rc = smtp_pool_new(cfg, &pool)) != ERR_OK ||
	    (rc = smtp_pool_send(pool, 1, 1, ms.from_addr, to, &msg)) !=
	    ERR_OK)
		goto out;
	while (smtp_pool_wait(pool, 1000, &r, 1) == 0)
		continue;
	snprintf(reply, len, "%s", r.reply);
	*sent = r.end == STORE_DELIVERY_SENT;
out:
	smtp_pool_free(pool);
	if (ms.arena != NULL)
		mail_site_free(&ms);
	buf_free(&msg);
	return rc;
}
