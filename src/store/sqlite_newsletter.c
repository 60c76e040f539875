/*
 * sqlite_newsletter: the SQLite backend's subscribers, deliveries and
 * campaigns (store.h, "Newsletter").  What must not happen twice
 * happens inside one write transaction: a sign-up decides whether to
 * queue a confirmation and records that it did; a claim reads the due
 * rows and moves them past their lease before any other connection can
 * read them.
 */
#include <sodium.h>
#include <string.h>

#include "store_int.h"

/* Hard failures in a row that make a confirmed subscriber bounced. */
#define HARD_BOUNCES	"3"

static enum err
tx(void *p, const char *what)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, what, &st)) != ERR_OK)
		return e;
	return sqlite_run(p, st, "newsletter");
}

static void
tx_undo(void *p)
{
	if (!sqlite3_get_autocommit(sqlite_db(p)))
		(void)tx(p, "ROLLBACK");
}

/* The number st counts. */
static enum err
one_int(void *p, sqlite3_stmt *st, int64_t *out)
{
	long v = 0;
	enum err e;

	e = sqlite_count(p, st, &v);
	*out = v;
	return e;
}

/* The secret name into hex (len - 1 digits); ERR_NOTFOUND. */
static enum err
secret_read(void *p, const char *name, char *hex, size_t len)
{
	sqlite3_stmt *st;
	json_t *r = NULL;
	const char *v;
	enum err e;

	if ((e = sqlite_stmt(p, "SELECT value FROM secrets WHERE name = ?1",
	    &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((e = sqlite_rows(p, st, 1, &r)) != ERR_OK)
		return e;
	v = json_string_value(json_object_get(r, "value"));
	if (v == NULL || strlen(v) != len - 1)
		e = ERR_DB;
	else
		memcpy(hex, v, len);
	json_decref(r);
	return e;
}

enum err
sqlite_secret_get(void *p, const char *name, char *hex, size_t len)
{
	unsigned char raw[64];
	char fresh[sizeof(raw) * 2 + 1];
	sqlite3_stmt *st;
	enum err e;

	if (len < 3 || len > sizeof(fresh) || len % 2 == 0)
		return ERR_INVAL;
	if ((e = secret_read(p, name, hex, len)) != ERR_NOTFOUND)
		return e;
	/* The first to ask makes it; a racing maker's stays. */
	randombytes_buf(raw, (len - 1) / 2);
	sodium_bin2hex(fresh, len, raw, (len - 1) / 2);
	sodium_memzero(raw, sizeof(raw));
	if ((e = sqlite_stmt(p, "INSERT INTO secrets (name, value)"
	    " VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING", &st)) ==
	    ERR_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, fresh, -1, SQLITE_STATIC);
		e = sqlite_run(p, st, "newsletter");
	}
	sodium_memzero(fresh, sizeof(fresh));
	if (e != ERR_OK)
		return e;
	return secret_read(p, name, hex, len);
}

enum err
sqlite_signup(void *p, const struct store_signup *u, int *queued)
{
	sqlite3_stmt *st;
	json_t *sub = NULL;
	const char *status;
	int64_t id, sent_at, asked = 0;
	enum err e;

	*queued = 0;
	if ((e = tx(p, "BEGIN IMMEDIATE")) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, "INSERT INTO subscribers (email, token,"
	    " created_at, consent) VALUES (?1, ?2,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?3, 'unixepoch'), 'form')"
	    " ON CONFLICT (email) DO NOTHING", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, u->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->salt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, u->now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		goto out;
	if ((e = sqlite_stmt(p, "SELECT id, status, confirm_sent_at"
	    " FROM subscribers WHERE email = ?1", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, u->email, -1, SQLITE_STATIC);
	if ((e = sqlite_rows(p, st, 1, &sub)) != ERR_OK)
		goto out;
	id = json_integer_value(json_object_get(sub, "id"));
	status = json_string_value(json_object_get(sub, "status"));
	sent_at = json_integer_value(json_object_get(sub, "confirm_sent_at"));
	/* The client's asks of the last hour, this one included. */
	if ((e = sqlite_stmt(p, "DELETE FROM signup_attempts"
	    " WHERE at <= ?1 - 3600", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, u->now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		goto out;
	if ((e = sqlite_stmt(p, "INSERT INTO signup_attempts (client, at)"
	    " VALUES (?1, ?2)", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, u->client, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		goto out;
	if ((e = sqlite_stmt(p, "SELECT count(*) FROM signup_attempts"
	    " WHERE client = ?1 AND at > ?2 - 3600", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, u->client, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->now);
	if ((e = one_int(p, st, &asked)) != ERR_OK)
		goto out;
	if (status == NULL || strcmp(status, "confirmed") == 0 ||
	    (json_is_integer(json_object_get(sub, "confirm_sent_at")) &&
	    u->now - sent_at < u->address_gap) || asked > u->client_max) {
		e = tx(p, "COMMIT");
		goto out;
	}
	if ((e = sqlite_stmt(p, "UPDATE subscribers SET status ="
	    " 'pending', confirm_sent_at = ?2, changed_at = ?2"
	    " WHERE id = ?1", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, u->now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		goto out;
	if ((e = sqlite_delivery_add(p, "confirm", u->email, id, 0,
	    u->now)) != ERR_OK)
		goto out;
	if ((e = tx(p, "COMMIT")) == ERR_OK)
		*queued = 1;
out:
	if (e != ERR_OK)
		tx_undo(p);
	json_decref(sub);
	return e;
}

/* The one row text (with ?1 the id) finds; ERR_NOTFOUND. */
static enum err
row_by_id(void *p, const char *text, int64_t id, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sqlite_rows(p, st, 1, out);
}

enum err
sqlite_subscriber_get(void *p, int64_t id, json_t **out)
{
	return row_by_id(p, "SELECT id, email, status, token, topics,"
	    " created_at, confirmed_at, changed_at, hard_bounces, consent"
	    " FROM subscribers WHERE id = ?1", id, out);
}

enum err
sqlite_subscriber_set(void *p, int64_t id, const char *status,
    const char *topics, int64_t now)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	if ((e = sqlite_stmt(p, "UPDATE subscribers SET"
	    " status = coalesce(?2, status), topics = coalesce(?3, topics),"
	    " changed_at = ?4, confirmed_at = CASE WHEN ?2 = 'confirmed'"
	    " AND status <> 'confirmed' THEN"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch')"
	    " ELSE confirmed_at END,"
	    " hard_bounces = CASE WHEN ?2 = 'confirmed' THEN 0"
	    " ELSE hard_bounces END WHERE id = ?1", &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (status != NULL)
		sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (topics != NULL)
		sqlite3_bind_text(st, 3, topics, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		return e;
	n = sqlite_changes(p);
	return n == 1 ? ERR_OK : ERR_NOTFOUND;
}

enum err
sqlite_deliveries_claim(void *p, int64_t now, int64_t lease, long max,
    json_t **out)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	json_t *rows = NULL, *r;
	size_t i;
	enum err e;
	int began = sqlite3_get_autocommit(sqlite_db(p));

	*out = NULL;
	/* In the caller's transaction (the mailer's turn), or its own. */
	if (began && (e = tx(p, "BEGIN IMMEDIATE")) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, "SELECT d.id, d.kind, d.address,"
	    " d.attempts, d.campaign_id, s.id AS \"subscriber.id\","
	    " s.token AS \"subscriber.token\","
	    " s.status AS \"subscriber.status\" FROM deliveries d"
	    " LEFT JOIN subscribers s ON s.id = d.subscriber_id"
	    " WHERE d.status IN ('queued', 'deferred') AND d.next_at <= ?1"
	    " ORDER BY d.next_at, d.id LIMIT ?2", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, max);
	if ((e = sqlite_rows(p, st, 0, &rows)) != ERR_OK)
		goto out;
	if ((e = sqlite_stmt(p, "UPDATE deliveries SET next_at = ?2,"
	    " attempts = attempts + 1 WHERE id = ?1", &up)) != ERR_OK)
		goto out;
	json_array_foreach(rows, i, r) {
		sqlite3_bind_int64(up, 1,
		    json_integer_value(json_object_get(r, "id")));
		sqlite3_bind_int64(up, 2, now + lease);
		if ((e = sqlite_run(p, up, "claim")) != ERR_OK)
			goto out;
	}
	if (began && (e = tx(p, "COMMIT")) != ERR_OK)
		goto out;
	*out = rows;
	rows = NULL;
out:
	if (e != ERR_OK && began)
		tx_undo(p);
	json_decref(rows);
	return e;
}

/* The statements that mark an end, in the order of enum store_delivery_end
 * plus one for the subscriber's count. */
static const char *const done_sql[] = {
	"UPDATE deliveries SET status = 'sent', sent_at = ?2, reply = ?3"
	" WHERE id = ?1",
	"UPDATE deliveries SET status = 'deferred', next_at = ?2, reply = ?3"
	" WHERE id = ?1",
	"UPDATE deliveries SET status = 'failed', reply = ?3 WHERE id = ?1",
	"UPDATE deliveries SET status = 'dropped', reply = ?3 WHERE id = ?1",
	/* The subscriber of delivery ?1: a sent message resets the count. */
	"UPDATE subscribers SET hard_bounces = CASE WHEN ?2 THEN 0 ELSE"
	" hard_bounces + 1 END, status = CASE WHEN NOT ?2 AND"
	" hard_bounces + 1 >= " HARD_BOUNCES " AND status = 'confirmed'"
	" THEN 'bounced' ELSE status END WHERE id = (SELECT subscriber_id"
	" FROM deliveries WHERE id = ?1 AND kind = 'campaign')"
	" AND (NOT ?2 OR hard_bounces > 0)",
};

enum err
sqlite_deliveries_done(void *p, const struct store_delivery_result *r,
    size_t n, int64_t now)
{
	sqlite3_stmt *st[nitems(done_sql)] = { NULL };
	const size_t sub = nitems(done_sql) - 1;
	size_t i, k;
	enum err e;
	int began = sqlite3_get_autocommit(sqlite_db(p));

	/* In the caller's transaction (the mailer's turn), or its own. */
	if (began && (e = tx(p, "BEGIN IMMEDIATE")) != ERR_OK)
		return e;
	for (k = 0; k < nitems(done_sql); k++)
		if ((e = sqlite_stmt(p, done_sql[k], &st[k])) != ERR_OK)
			goto out;
	for (i = 0; i < n; i++) {
		k = (size_t)r[i].end;
		sqlite3_bind_int64(st[k], 1, r[i].id);
		sqlite3_bind_int64(st[k], 2, k == STORE_DELIVERY_DEFER ?
		    r[i].retry_at : now);
		sqlite3_bind_text(st[k], 3, r[i].reply != NULL ? r[i].reply :
		    "", -1, SQLITE_STATIC);
		if ((e = sqlite_run(p, st[k], "delivery")) != ERR_OK)
			goto out;
		if (k != STORE_DELIVERY_SENT && k != STORE_DELIVERY_FAIL)
			continue;
		sqlite3_bind_int64(st[sub], 1, r[i].id);
		sqlite3_bind_int(st[sub], 2, k == STORE_DELIVERY_SENT);
		if ((e = sqlite_run(p, st[sub], "subscriber")) != ERR_OK)
			goto out;
	}
	if (began)
		e = tx(p, "COMMIT");
out:
	if (e != ERR_OK && began)
		tx_undo(p);
	return e;
}

enum err
sqlite_delivery_add(void *p, const char *kind, const char *address,
    int64_t subscriber, int64_t campaign, int64_t now)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, "INSERT INTO deliveries (kind, address,"
	    " subscriber_id, campaign_id, created_at) VALUES (?1, ?2,"
	    " nullif(?3, 0), nullif(?4, 0), ?5)", &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, address, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, subscriber);
	sqlite3_bind_int64(st, 4, campaign);
	sqlite3_bind_int64(st, 5, now);
	return sqlite_run(p, st, "newsletter");
}

enum err
sqlite_mail_sent_since(void *p, int64_t since, long *n)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	enum err e;

	if ((e = sqlite_stmt(p, "SELECT count(*) FROM deliveries"
	    " WHERE status = 'sent' AND sent_at >= ?1", &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, since);
	e = one_int(p, st, &v);
	*n = (long)v;
	return e;
}

enum err
sqlite_mail_pending(void *p, long *n)
{
	sqlite3_stmt *st;
	int64_t v = 0;
	enum err e;

	if ((e = sqlite_stmt(p, "SELECT count(*) FROM deliveries"
	    " WHERE status IN ('queued', 'deferred')", &st)) != ERR_OK)
		return e;
	e = one_int(p, st, &v);
	*n = (long)v;
	return e;
}

enum err
sqlite_subscriber_bounce(void *p, const char *address, int64_t now,
    int *found)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	if ((e = sqlite_stmt(p, "UPDATE subscribers SET status ="
	    " 'bounced', changed_at = ?2, hard_bounces = hard_bounces + 1"
	    " WHERE email = ?1", &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, address, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if ((e = sqlite_run(p, st, "bounce")) == ERR_OK)
		n = sqlite_changes(p);
	*found = n > 0;
	return e;
}

/* A campaign's columns and its deliveries counted by status. */
#define N_STATUS(st) \
	" (SELECT count(*) FROM deliveries d WHERE d.campaign_id = c.id" \
	" AND d.kind = 'campaign' AND d.status = '" st "')" \
	" AS \"counts." st "\","
#define CAMPAIGN_COLS \
	"SELECT c.id, c.subject, c.body_text, c.body_html, c.topic," \
	" c.status, c.send_at, c.queued_at, c.created_at," \
	N_STATUS("queued") N_STATUS("deferred") N_STATUS("sent") \
	N_STATUS("failed") N_STATUS("dropped") \
	" (SELECT count(*) FROM deliveries d JOIN subscribers s" \
	" ON s.id = d.subscriber_id WHERE d.campaign_id = c.id" \
	" AND d.kind = 'campaign' AND s.status = 'bounced')" \
	" AS \"counts.bounced\"," \
	" u.email AS \"by.email\" FROM campaigns c" \
	" LEFT JOIN users u ON u.id = c.created_by"

enum err
sqlite_campaign_get(void *p, int64_t id, json_t **out)
{
	return row_by_id(p, CAMPAIGN_COLS " WHERE c.id = ?1", id, out);
}

enum err
sqlite_campaigns_list(void *p, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, CAMPAIGN_COLS " ORDER BY c.id DESC",
	    &st)) != ERR_OK)
		return e;
	return sqlite_rows(p, st, 0, out);
}

enum err
sqlite_campaign_save(void *p, const struct store_campaign *c, int64_t *id)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	if ((e = sqlite_stmt(p, c->id == 0 ?
	    "INSERT INTO campaigns (subject, body_text, body_html, topic,"
	    " created_by, created_at) VALUES (?2, ?3, ?4, ?5, nullif(?6, 0),"
	    " ?7)" :
	    "UPDATE campaigns SET subject = ?2, body_text = ?3,"
	    " body_html = ?4, topic = ?5 WHERE id = ?1"
	    " AND status <> 'sending'", &st)) != ERR_OK)
		return e;
	if (c->id != 0)
		sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_text(st, 2, c->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->body_text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->body_html, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->topic, -1, SQLITE_STATIC);
	if (c->id == 0) {
		sqlite3_bind_int64(st, 6, c->created_by);
		sqlite3_bind_int64(st, 7, c->now);
	}
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		return e;
	n = sqlite_changes(p);
	if (n == 0)
		return ERR_CONFLICT;
	*id = c->id != 0 ? c->id : sqlite_last_id(p);
	return ERR_OK;
}

enum err
sqlite_campaign_schedule(void *p, int64_t id, int64_t at)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	if ((e = sqlite_stmt(p, "UPDATE campaigns SET status ="
	    " CASE WHEN ?2 = 0 THEN 'draft' ELSE 'scheduled' END,"
	    " send_at = nullif(?2, 0) WHERE id = ?1 AND status <> 'sending'",
	    &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		return e;
	n = sqlite_changes(p);
	return n == 1 ? ERR_OK : ERR_CONFLICT;
}

enum err
sqlite_campaigns_due(void *p, int64_t now, long *n)
{
	sqlite3_stmt *st;
	json_t *rows = NULL, *r;
	size_t i;
	long k;
	enum err e;

	*n = 0;
	if ((e = sqlite_stmt(p, "SELECT id FROM campaigns WHERE status ="
	    " 'scheduled' AND send_at <= ?1 ORDER BY send_at, id", &st)) !=
	    ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, now);
	if ((e = sqlite_rows(p, st, 0, &rows)) != ERR_OK)
		return e;
	json_array_foreach(rows, i, r) {
		e = sqlite_campaign_queue(p, json_integer_value(
		    json_object_get(r, "id")), now, &k);
		if (e == ERR_CONFLICT)	/* another sender queued it */
			continue;
		if (e != ERR_OK)
			break;
		*n += k;
	}
	json_decref(rows);
	return e == ERR_CONFLICT ? ERR_OK : e;
}

enum err
sqlite_campaign_last(void *p, int64_t *at)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, "SELECT coalesce(max(queued_at), 0)"
	    " FROM campaigns", &st)) != ERR_OK)
		return e;
	return one_int(p, st, at);
}

#define SUB_WHERE \
	" FROM subscribers WHERE (?1 = '' OR instr(lower(email)," \
	" lower(?1)) > 0) AND (?2 = '' OR status = ?2)"
static const char sql_subs_n[] = "SELECT count(*)" SUB_WHERE;
static const char sql_subs[] = "SELECT id, email, status, topics,"
	" created_at, confirmed_at, changed_at, hard_bounces, consent"
	SUB_WHERE " ORDER BY email LIMIT ?3 OFFSET ?4";

enum err
sqlite_subscribers_list(void *p, const char *q, const char *status,
    long limit, long offset, json_t **out, long *total)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_subs_n, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if ((e = sqlite_count(p, st, total)) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, sql_subs, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 4, offset);
	return sqlite_rows(p, st, 0, out);
}

enum err
sqlite_subscriber_erase(void *p, int64_t id)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	/* Its deliveries go with it (ON DELETE CASCADE). */
	if ((e = sqlite_stmt(p, "DELETE FROM subscribers WHERE id = ?1",
	    &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		return e;
	n = sqlite_changes(p);
	return n == 1 ? ERR_OK : ERR_NOTFOUND;
}

enum err
sqlite_subscriber_import(void *p, const char *email, const char *salt,
    const char *consent, int64_t now, int *added)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;

	*added = 0;
	if ((e = sqlite_stmt(p, "INSERT INTO subscribers (email, token,"
	    " status, consent, created_at, confirmed_at, changed_at)"
	    " VALUES (?1, ?2, 'confirmed', ?3,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'),"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', ?4, 'unixepoch'), ?4)"
	    " ON CONFLICT (email) DO NOTHING", &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, salt, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, consent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if ((e = sqlite_run(p, st, "newsletter")) != ERR_OK)
		return e;
	n = sqlite_changes(p);
	*added = n > 0;
	return ERR_OK;
}

enum err
sqlite_campaign_queue(void *p, int64_t id, int64_t now, long *n)
{
	sqlite3_stmt *st;
	long changed = 0;
	enum err e;
	int began = sqlite3_get_autocommit(sqlite_db(p));

	/* Inside the caller's transaction (the back office's audit), or in
	 * one of its own. */
	*n = 0;
	if (began && (e = tx(p, "BEGIN IMMEDIATE")) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, "UPDATE campaigns SET status = 'sending',"
	    " queued_at = ?2 WHERE id = ?1 AND status <> 'sending'", &st)) !=
	    ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	if ((e = sqlite_run(p, st, "campaign")) != ERR_OK)
		goto out;
	changed = sqlite_changes(p);
	if (changed == 0) {
		json_t *c = NULL;

		e = sqlite_campaign_get(p, id, &c) == ERR_OK ? ERR_CONFLICT :
		    ERR_NOTFOUND;
		json_decref(c);
		goto out;
	}
	if ((e = sqlite_stmt(p, "INSERT INTO deliveries (kind,"
	    " campaign_id, subscriber_id, address, created_at)"
	    " SELECT 'campaign', c.id, s.id, s.email, ?2 FROM campaigns c"
	    " JOIN subscribers s ON s.status = 'confirmed'"
	    " AND instr(',' || s.topics || ',', ',' || c.topic || ',') > 0"
	    " WHERE c.id = ?1 ORDER BY s.id", &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	if ((e = sqlite_run(p, st, "deliveries")) != ERR_OK)
		goto out;
	*n = sqlite_changes(p);
	if (began)
		e = tx(p, "COMMIT");
out:
	if (e != ERR_OK && began)
		tx_undo(p);
	return e;
}

/*
 * Back to FULL, the commits made in NORMAL are written to the disk too,
 * by a passive checkpoint (which syncs the WAL first; a reader in its
 * way leaves them to the next checkpoint or FULL commit).
 */
enum err
sqlite_sync_set(void *p, int full)
{
	enum err e;

	if (!sqlite3_get_autocommit(sqlite_db(p)))
		return ERR_INVAL;
	if ((e = tx(p, full ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL")) != ERR_OK || !full)
		return e;
	(void)sqlite3_wal_checkpoint_v2(sqlite_db(p), NULL,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);	/* busy: later */
	return ERR_OK;
}
