/*
 * sqlite_issues: issues as the back office edits them: every issue,
 * drafts too; one issue's articles in the order of its table of
 * contents; the articles in no issue, to add; publishing an issue with
 * its articles.  The caller holds the transaction (store.h, "Editing"),
 * so that an issue and its articles change together or not at all.
 */
#include "sqlite_int.h"

/* How many articles an issue holds: a range of articles_issue. */
#define HELD \
	"(SELECT count(*) FROM articles a WHERE a.issue_id = i.id)"
static const char sql_page[] =
    "SELECT i.id, i.number, i.volume, i.date, i.title, i.status,"
    " " HELD " AS articles,"
    " coalesce((SELECT n FROM article_counts WHERE list = 'issue'"
    " AND key = i.id), 0) AS published"
    " FROM issues i ORDER BY i.date DESC, i.number DESC LIMIT ?1 OFFSET ?2";
static const char sql_count[] =
    "SELECT count(*) FROM issues";
static const char sql_get[] =
    "SELECT id, number, volume, date, title, note, cover, status"
    " FROM issues WHERE id = ?1";
static const char sql_insert[] =
    "INSERT INTO issues (number, volume, date, title, note, cover, status)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
    "UPDATE issues SET number = ?2, volume = ?3, date = ?4, title = ?5,"
    " note = ?6, cover = ?7 WHERE id = ?1";
static const char sql_delete[] =
    "DELETE FROM issues WHERE id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM articles WHERE issue_id = ?1)";
static const char sql_exists[] =
    "SELECT count(*) FROM issues WHERE id = ?1";
/* The public table of contents' order (store_sqlite.c, Q_ART_ISSUE). */
static const char sql_articles[] =
    "SELECT a.id, a.slug, a.title, a.status, a.position,"
    " s.id AS \"section.id\", s.slug AS \"section.slug\","
    " s.name AS \"section.name\","
    " w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
    " FROM articles a JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN article_authors l ON l.article_id = a.id"
    " LEFT JOIN people w ON w.id = l.person_id"
    " WHERE a.issue_id = ?1"
    " ORDER BY s.position, s.name, s.id, a.position, a.id, l.position";
/* instr on lower(): ASCII letters match in any case. */
static const char sql_unassigned[] =
    "SELECT a.id, a.slug, a.title, a.status, s.name AS \"section.name\","
    " w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
    " FROM (SELECT id FROM articles WHERE issue_id IS NULL"
    " AND (?1 IS NULL OR instr(lower(title), lower(?1)) > 0"
    " OR instr(slug, lower(?1)) > 0)"
    " ORDER BY updated_at DESC, id DESC LIMIT ?2) k"
    " JOIN articles a ON a.id = k.id"
    " JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN article_authors l ON l.article_id = a.id"
    " LEFT JOIN people w ON w.id = l.person_id"
    " ORDER BY a.updated_at DESC, a.id DESC, l.position";
/* A published article never goes into an unpublished issue. */
static const char sql_add[] =
    "UPDATE articles SET issue_id = ?2, position = (SELECT"
    " coalesce(max(position), 0) + 1 FROM articles WHERE issue_id = ?2)"
    " WHERE id = ?1 AND issue_id IS NULL AND (status <> 'published'"
    " OR (SELECT status FROM issues WHERE id = ?2) = 'published')";
/* Why not: 1 in an issue, 2 published (the issue is not), 0 no such. */
static const char sql_add_why[] =
    "SELECT coalesce((SELECT CASE WHEN issue_id IS NOT NULL THEN 1"
    " ELSE 2 END FROM articles WHERE id = ?1), 0)";
static const char sql_remove[] =
    "UPDATE articles SET issue_id = NULL, position = 0"
    " WHERE id = ?1 AND issue_id = ?2";
static const char sql_position[] =
    "UPDATE articles SET position = ?2 WHERE id = ?1 AND issue_id = ?3";
static const char sql_status[] =
    "UPDATE issues SET status = ?2 WHERE id = ?1";
static const char sql_publish[] =
    "UPDATE articles SET status = 'published', published_at = ?2,"
    " updated_at = ?2 WHERE issue_id = ?1 AND status <> 'published'";
static const char sql_unpublish[] =
    "UPDATE articles SET status = 'draft'"
    " WHERE issue_id = ?1 AND status = 'published'";

enum err
sq_issues_page(void *p, long limit, long offset, json_t **out, long *total)
{
	struct store_find q = { .limit = limit, .offset = offset };

	return sq_page(p, sql_page, sql_count, &q, out, total);
}

enum err
sq_issue_by_id(void *p, int64_t id, json_t **out)
{
	return sq_id_rows(p, sql_get, id, 1, out);
}

enum err
sq_issue_save(void *p, const struct store_issue *i, int64_t *id)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, i->id == 0 ? sql_insert : sql_update, &st)) !=
	    ERR_OK)
		return e;
	if (i->id != 0)
		sqlite3_bind_int64(st, 1, i->id);
	sqlite3_bind_int64(st, 2, i->number);
	sqlite3_bind_int64(st, 3, i->volume);
	sq_text(st, 4, i->date);
	sq_text(st, 5, i->title);
	sq_text(st, 6, i->note);
	sq_text(st, 7, i->cover);
	sq_text(st, 8, i->status);
	if ((e = sqlite_run(s, st, "issue")) != ERR_OK)
		return e;
	if (i->id != 0 && sqlite_changes(s) == 0)
		return ERR_NOTFOUND;
	*id = i->id;
	sq_new_id(s, id);
	return ERR_OK;
}

enum err
sq_issue_delete(void *p, int64_t id)
{
	return sq_delete_unused(p, sql_delete, sql_exists, id);
}

enum err
sq_issue_articles(void *p, int64_t id, json_t **out)
{
	return sq_id_rows(p, sql_articles, id, 0, out);
}

enum err
sq_articles_unassigned(void *p, const char *search, long limit,
    json_t **out)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, sql_unassigned, &st)) != ERR_OK)
		return e;
	sq_text(st, 1, search != NULL && *search != '\0' ? search : NULL);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	return sqlite_rows(s, st, 0, out);
}

/* Run text with ?1 article and ?2 issue: ERR_NOTFOUND if no row. */
static enum err
article_move(struct sq *s, const char *text, int64_t issue,
    int64_t article)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	sqlite3_bind_int64(st, 2, issue);
	if ((e = sqlite_run(s, st, "issue article")) != ERR_OK)
		return e;
	return sqlite_changes(s) > 0 ? ERR_OK : ERR_NOTFOUND;
}

enum err
sq_issue_article_add(void *p, int64_t issue, int64_t article)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	long n = 0;
	enum err e;

	if ((e = article_move(s, sql_add, issue, article)) != ERR_NOTFOUND)
		return e;
	if ((e = sqlite_stmt(s, sql_add_why, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	if ((e = sqlite_count(s, st, &n)) != ERR_OK)
		return e;
	return n == 1 ? ERR_CONFLICT : n == 2 ? ERR_INVAL : ERR_NOTFOUND;
}

enum err
sq_issue_article_remove(void *p, int64_t issue, int64_t article)
{
	return article_move(p, sql_remove, issue, article);
}

enum err
sq_issue_order(void *p, int64_t issue, const int64_t *articles, size_t n)
{
	return sq_positions(p, sql_position, issue, articles, n);
}

enum err
sq_issue_publish(void *p, int64_t id, int publish, const char *now,
    long *n)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	*n = 0;
	if ((e = sq_id_run(s, sql_status, id, publish ? "published" :
	    "draft")) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(s, publish ? sql_publish : sql_unpublish, &st)) !=
	    ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (publish)
		sq_text(st, 2, now);
	if ((e = sqlite_run(s, st, "issue articles")) != ERR_OK)
		return e;
	*n = sqlite_changes(s);
	return ERR_OK;
}
