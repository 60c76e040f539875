/*
 * sqlite_media: the SQLite backend's media rows, where their files are
 * used, and the back office's dashboard.  A file is "used" wherever a
 * text column holds "/media/NAME": the search reads those columns (a
 * scan, done for one page of the library at a time, each column read
 * once for all the page's names).  Statements are kept per connection
 * by sqlite_stmt, keyed by the address of their text below.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define MEDIA_COLS \
	"SELECT m.id, m.name, m.filename, m.type, m.size, m.width," \
	" m.height, m.alt, m.user_id, u.email AS uploader, m.created_at" \
	" FROM media m LEFT JOIN users u ON u.id = m.user_id"

/* The usage of the names in json array ?1, each source a branch. */
#define USE(kind, id, title, from, cond) \
	" SELECT n.value AS name, '" kind "' AS kind, " id " AS id, " \
	title " AS title FROM n JOIN " from " ON " cond

/*
 * Bodies are the bulk (a journal's whole text): they are read once, for
 * any link to /media/ at all, and only those few are matched against
 * the names (measured on 20,000 articles: 5.6 s for a page of 20 names
 * when each name scanned every body, 0.3 s so).
 */
static const char sql_usage[] =
	"WITH n AS (SELECT DISTINCT value FROM json_each(?1)),"
	" b AS MATERIALIZED (SELECT article_id, body FROM article_bodies"
	"  WHERE instr(body, '/media/') > 0)"
	USE("article", "a.id", "a.title", "b",
	    "instr(b.body, '/media/' || n.value)"
	    " JOIN articles a ON a.id = b.article_id")
	" UNION ALL"
	USE("person", "p.id", "p.name", "people p",
	    "instr(p.photo, '/media/' || n.value)")
	" UNION ALL"
	USE("publication", "p.id", "p.title", "publications p",
	    "instr(p.cover, '/media/' || n.value) OR"
	    " instr(p.url, '/media/' || n.value)")
	" UNION ALL"
	USE("link", "l.id", "l.name", "links l",
	    "instr(l.url, '/media/' || n.value)")
	" UNION ALL"
	USE("event", "e.id", "e.title", "events e",
	    "instr(e.url, '/media/' || n.value)")
	" UNION ALL"
	USE("setting", "0", "s.key", "settings s",
	    "instr(s.value, '/media/' || n.value)")
	" ORDER BY 1, 2, 4";

static const char sql_add[] = "INSERT INTO media (name, filename, type,"
	" size, width, height, alt, user_id, created_at) VALUES (?1, ?2,"
	" ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9)";
static const char sql_by_id[] = MEDIA_COLS " WHERE m.id = ?1";
static const char sql_by_name[] = MEDIA_COLS " WHERE m.name = ?2";
static const char sql_count[] = "SELECT count(*) FROM media";
static const char sql_page[] = MEDIA_COLS " ORDER BY m.id DESC"
	" LIMIT ?1 OFFSET ?2";
static const char sql_alt[] = "UPDATE media SET alt = ?2 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM media WHERE id = ?1";
static const char sql_drafts[] = "SELECT id, title, slug, updated_at"
	" FROM articles WHERE status = 'draft'"
	" ORDER BY updated_at DESC, id DESC LIMIT ?3";
static const char sql_scheduled[] = "SELECT id, title, slug, published_at"
	" FROM articles WHERE status = 'scheduled'"
	" ORDER BY published_at, id LIMIT ?3";
static const char sql_totals[] = "SELECT"
	" count(*) FILTER (WHERE status = 'draft') AS drafts,"
	" count(*) FILTER (WHERE status = 'scheduled') AS scheduled"
	" FROM articles WHERE status IN ('draft', 'scheduled') LIMIT ?3";
static const char sql_top[] = "SELECT a.id, a.title, a.slug, t.reads"
	" FROM (SELECT article_id, sum(reads) AS reads FROM reads_daily"
	" WHERE day >= ?1 AND day <= ?2 GROUP BY article_id) t"
	" JOIN articles a ON a.id = t.article_id"
	" ORDER BY t.reads DESC, a.id LIMIT ?3";
static const char sql_days[] = "SELECT day, sum(reads) AS reads"
	" FROM reads_daily WHERE day >= ?1 AND day <= ?2 GROUP BY day"
	" ORDER BY day LIMIT ?3";

enum err
sqlite_media_add(void *p, const struct store_media *m, int64_t *id)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_add, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->filename, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->type, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, m->size);
	sqlite3_bind_int64(st, 5, m->width);
	sqlite3_bind_int64(st, 6, m->height);
	sqlite3_bind_text(st, 7, m->alt != NULL ? m->alt : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, m->user_id);
	sqlite3_bind_int64(st, 9, m->at);
	if ((e = sqlite_run(p, st, "media")) != ERR_OK)
		return e;
	*id = sqlite_last_id(p);
	return ERR_OK;
}

enum err
sqlite_media_get(void *p, int64_t id, const char *name, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, name != NULL ? sql_by_name : sql_by_id,
	    &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (name != NULL)
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return sqlite_rows(p, st, 1, out);
}

enum err
sqlite_media_list(void *p, long limit, long offset, json_t **out,
    long *total)
{
	sqlite3_stmt *st;
	long n = 0;
	enum err e;
	int began;

	if ((e = sqlite_snapshot(p, &began)) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, sql_count, &st)) != ERR_OK ||
	    (e = sqlite_count(p, st, &n)) != ERR_OK)
		goto out;
	if (total != NULL)
		*total = n;
	if ((e = sqlite_stmt(p, sql_page, &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, offset);
	e = sqlite_rows(p, st, 0, out);
out:
	sqlite_snapshot_end(p, began);
	return e;
}

/* Run a one-row change by id: ERR_NOTFOUND when it changed no row. */
static enum err
media_change(void *p, const char *text, int64_t id, const char *arg)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (arg != NULL)
		sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
	if ((e = sqlite_run(p, st, "media")) != ERR_OK)
		return e;
	return sqlite_changes(p) > 0 ? ERR_OK : ERR_NOTFOUND;
}

enum err
sqlite_media_alt_set(void *p, int64_t id, const char *alt)
{
	return media_change(p, sql_alt, id, alt);
}

enum err
sqlite_media_delete(void *p, int64_t id)
{
	return media_change(p, sql_delete, id, NULL);
}

enum err
sqlite_media_usage(void *p, json_t *names, json_t **out)
{
	sqlite3_stmt *st;
	char *text;
	enum err e;

	if ((e = sqlite_stmt(p, sql_usage, &st)) != ERR_OK)
		return e;
	text = json_dumps(names, JSON_COMPACT);
	sqlite3_bind_text(st, 1, text != NULL ? text : "[]", -1,
	    SQLITE_TRANSIENT);
	free(text);
	return sqlite_rows(p, st, 0, out);
}

/* One of the dashboard's lists, into key of out. */
static enum err
dash_list(void *p, json_t *out, const char *key, const char *text,
    const char *a, const char *b, long limit)
{
	sqlite3_stmt *st;
	json_t *rows = NULL;
	enum err e;

	if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
		return e;
	if (a != NULL)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, limit);
	if ((e = sqlite_rows(p, st, 0, &rows)) == ERR_OK)
		json_object_set_new(out, key, rows);
	return e;
}

enum err
sqlite_dashboard(void *p, const struct store_dashboard *q, json_t **out)
{
	json_t *d = json_object(), *n;
	enum err e;
	int began;

	if ((e = sqlite_snapshot(p, &began)) != ERR_OK)
		goto out;
	if ((e = dash_list(p, d, "drafts", sql_drafts, NULL, NULL,
	    q->limit)) != ERR_OK ||
	    (e = dash_list(p, d, "scheduled", sql_scheduled, NULL, NULL,
	    q->limit)) != ERR_OK ||
	    (e = dash_list(p, d, "totals", sql_totals, NULL, NULL, 1)) !=
	    ERR_OK ||
	    (e = dash_list(p, d, "top", sql_top, q->month, q->to,
	    q->limit)) != ERR_OK ||
	    (e = dash_list(p, d, "days", sql_days, q->from, q->to, 400)) !=
	    ERR_OK)
		goto out;
	n = json_array_get(json_object_get(d, "totals"), 0);
	json_object_set(d, "drafts_total", json_object_get(n, "drafts"));
	json_object_set(d, "scheduled_total", json_object_get(n,
	    "scheduled"));
	json_object_del(d, "totals");
	*out = json_incref(d);
out:
	sqlite_snapshot_end(p, began);
	json_decref(d);
	return e;
}
