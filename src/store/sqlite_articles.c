/*
 * sqlite_articles: the article editor's side of the SQLite backend.
 * Articles of any status by id, the back office's filtered list, a save
 * with its version check and its revision, old slugs, and the scheduler's
 * publishing.
 *
 * Invariant: a save changes nothing unless the article's version is the
 * one the edit began from, checked inside the caller's write transaction
 * (BEGIN IMMEDIATE), so that two saves cannot both pass the check.
 * Statements are the backend's kept ones (sqlite_stmt), by the address
 * of their literal text.
 */
#include <sqlite3.h>
#include <string.h>

#include "store_int.h"

/* The article's editable columns and what joins them, for one id. */
#define EDIT_COLS \
	"SELECT a.id, a.slug, a.title, a.dek, coalesce(b.body, '') AS body," \
	" coalesce(b.format, 'markdown') AS body_format," \
	" a.status, a.published_at, a.updated_at, a.version, a.created_by," \
	" a.section_id, a.issue_id, coalesce(r.reads, 0) AS reads," \
	" a.correction, a.correction_kind, a.correction_date," \
	" s.slug AS \"section.slug\", s.name AS \"section.name\"," \
	" i.number AS \"issue.number\", i.date AS \"issue.date\"," \
	" i.title AS \"issue.title\"," \
	" w.id AS \"authors[].id\", w.slug AS \"authors[].slug\"," \
	" w.name AS \"authors[].name\"" \
	" FROM articles a JOIN sections s ON s.id = a.section_id" \
	" LEFT JOIN issues i ON i.id = a.issue_id" \
	" LEFT JOIN article_bodies b ON b.article_id = a.id" \
	" LEFT JOIN article_reads r ON r.article_id = a.id" \
	" LEFT JOIN article_authors l ON l.article_id = a.id" \
	" LEFT JOIN people w ON w.id = l.person_id" \
	" WHERE a.id = ?1 ORDER BY l.position"

/* The list's filter: ?1 title LIKE, ?2 status, ?3-?6 ids (0: any). */
#define ADMIN_WHERE \
	" FROM articles x WHERE (?1 IS NULL OR x.title LIKE ?1 ESCAPE '\\')" \
	" AND (?2 IS NULL OR x.status = ?2)" \
	" AND (?3 = 0 OR x.section_id = ?3)" \
	" AND (?4 = 0 OR x.issue_id = ?4)" \
	" AND (?5 = 0 OR x.id IN (SELECT article_id FROM article_authors" \
	" WHERE person_id = ?5))" \
	" AND (?6 = 0 OR x.created_by = ?6)"

#define REVISION_COLS \
	"SELECT id, saved_at, who, note, version, slug, title, dek, body," \
	" section_id, issue_id, authors, tags, countries, status," \
	" published_at, correction, correction_kind, correction_date" \
	" FROM revisions"

/* Bind text (NULL binds NULL, as sqlite3_bind_text does). */
static void
bind_str(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* An id, or NULL for 0. */
static void
bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* The rows of sql bound to one id. */
static enum err
by_id(void *p, const char *sql, int64_t id, int one, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sqlite_rows(p, st, one, out);
}

/* The rows of sql bound to one text. */
static enum err
by_text(void *p, const char *sql, const char *text, int one, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql, &st)) != ERR_OK)
		return e;
	bind_str(st, 1, text);
	return sqlite_rows(p, st, one, out);
}

/* The integer of the first row's first column of sql bound to an id
 * (?1), or 0 when there is no row. */
static enum err
int_of(void *p, const char *sql, const char *key, int64_t id, int64_t *v)
{
	json_t *row = NULL;
	enum err e;

	*v = 0;
	e = key != NULL ? by_text(p, sql, key, 1, &row) :
	    by_id(p, sql, id, 1, &row);
	if (e == ERR_NOTFOUND)
		return ERR_OK;
	if (e == ERR_OK)
		*v = json_integer_value(json_object_iter_value(
		    json_object_iter(row)));
	json_decref(row);
	return e;
}

enum err
sqlite_article_edit_get(void *p, int64_t id, json_t **out)
{
	json_t *a = NULL, *tags = NULL, *countries = NULL;
	enum err e;

	if ((e = by_id(p, EDIT_COLS, id, 1, &a)) != ERR_OK ||
	    (e = by_id(p, "SELECT t.name, t.slug FROM article_tags x"
	    " JOIN tags t ON t.id = x.tag_id WHERE x.article_id = ?1"
	    " ORDER BY x.position", id, 0, &tags)) != ERR_OK ||
	    (e = by_id(p, "SELECT c.code, c.name FROM article_countries x"
	    " JOIN countries c ON c.code = x.code WHERE x.article_id = ?1"
	    " ORDER BY c.name", id, 0, &countries)) != ERR_OK) {
		json_decref(a);
		json_decref(tags);
		return e;
	}
	json_object_set_new(a, "tags", tags);
	json_object_set_new(a, "countries", countries);
	*out = a;
	return ERR_OK;
}

static void
bind_filter(sqlite3_stmt *st, const struct store_article_filter *f)
{
	bind_str(st, 1, f->q);
	bind_str(st, 2, f->status);
	sqlite3_bind_int64(st, 3, f->section_id);
	sqlite3_bind_int64(st, 4, f->issue_id);
	sqlite3_bind_int64(st, 5, f->person_id);
	sqlite3_bind_int64(st, 6, f->created_by);
}

enum err
sqlite_articles_admin(void *p, const struct store_article_filter *f,
    json_t **out, long *total)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, "SELECT count(*)" ADMIN_WHERE, &st)) != ERR_OK)
		return e;
	bind_filter(st, f);
	e = sqlite_count(p, st, total);
	if (e != ERR_OK || (e = sqlite_stmt(p, "SELECT a.id, a.slug, a.title,"
	    " a.status, a.published_at, a.updated_at, a.version,"
	    " s.name AS \"section.name\", i.number AS \"issue.number\","
	    " coalesce(u.email, '') AS creator,"
	    " w.name AS \"authors[].name\" FROM (SELECT x.id" ADMIN_WHERE
	    " ORDER BY x.updated_at DESC, x.id DESC LIMIT ?7 OFFSET ?8) k"
	    " JOIN articles a ON a.id = k.id"
	    " JOIN sections s ON s.id = a.section_id"
	    " LEFT JOIN issues i ON i.id = a.issue_id"
	    " LEFT JOIN users u ON u.id = a.created_by"
	    " LEFT JOIN article_authors l ON l.article_id = a.id"
	    " LEFT JOIN people w ON w.id = l.person_id"
	    " ORDER BY a.updated_at DESC, a.id DESC, l.position", &st)) !=
	    ERR_OK)
		return e;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 7, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 8, f->offset);
	return sqlite_rows(p, st, 0, out);
}

/* The correction note's text, kind and date at i, i + 1, i + 2. */
static void
bind_correction(sqlite3_stmt *st, int i, const struct store_article_edit *a)
{
	bind_str(st, i, a->correction != NULL ? a->correction : "");
	bind_str(st, i + 1, a->correction_kind != NULL &&
	    *a->correction_kind != '\0' ? a->correction_kind : "correction");
	bind_str(st, i + 2, a->correction_date != NULL ? a->correction_date :
	    "");
}

/* The new row of a new article; *id gets its id. */
static enum err
save_insert(void *p, const struct store_article_edit *a, int64_t *id)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, "INSERT INTO articles (slug, title, dek,"
	    " section_id, issue_id, status, published_at, updated_at,"
	    " created_by, version, correction, correction_kind,"
	    " correction_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?12)",
	    &st)) != ERR_OK)
		return e;
	bind_correction(st, 10, a);
	bind_str(st, 1, a->slug);
	bind_str(st, 2, a->title);
	bind_str(st, 3, a->dek);
	sqlite3_bind_int64(st, 4, a->section_id);
	bind_id(st, 5, a->issue_id);
	bind_str(st, 6, a->status);
	bind_str(st, 7, a->published_at);
	bind_str(st, 8, a->now);
	bind_id(st, 9, a->user_id);
	if ((e = sqlite_run(p, st, "article insert")) != ERR_OK)
		return e;
	*id = sqlite_last_id(p);
	if ((e = sqlite_stmt(p, "INSERT INTO article_reads (article_id, reads)"
	    " VALUES (?1, 0)", &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, *id);
	return sqlite_run(p, st, "article reads");
}

/* The row of an existing article, if its version is still a->version. */
static enum err
save_update(void *p, const struct store_article_edit *a)
{
	sqlite3_stmt *st;
	json_t *row = NULL;
	char *old = NULL;
	int published = 0;
	enum err e;

	if ((e = by_id(p, "SELECT version, slug, status FROM articles"
	    " WHERE id = ?1", a->id, 1, &row)) != ERR_OK)
		return e;
	if (json_integer_value(json_object_get(row, "version")) !=
	    a->version)
		e = ERR_CONFLICT;
	old = xstrdup(json_string_value(json_object_get(row, "slug")));
	published = strcmp(json_string_value(json_object_get(row, "status")),
	    "published") == 0;
	json_decref(row);
	if (e != ERR_OK)
		goto out;
	/* A published article's old address answers with a 301. */
	if (published && strcmp(old, a->slug) != 0) {
		if ((e = sqlite_stmt(p, "INSERT INTO article_slugs"
		    " (slug, article_id) VALUES (?1, ?2)"
		    " ON CONFLICT (slug) DO UPDATE SET article_id = ?2",
		    &st)) != ERR_OK)
			goto out;
		bind_str(st, 1, old);
		sqlite3_bind_int64(st, 2, a->id);
		if ((e = sqlite_run(p, st, "old slug")) != ERR_OK)
			goto out;
	}
	if ((e = sqlite_stmt(p, "DELETE FROM article_slugs WHERE slug = ?1",
	    &st)) != ERR_OK)
		goto out;
	bind_str(st, 1, a->slug);
	if ((e = sqlite_run(p, st, "slug back")) != ERR_OK ||
	    (e = sqlite_stmt(p, "UPDATE articles SET slug = ?2, title = ?3,"
	    " dek = ?4, section_id = ?5, issue_id = ?6, status = ?7,"
	    " published_at = ?8, updated_at = ?9, version = version + 1,"
	    " correction = ?10, correction_kind = ?11, correction_date = ?12"
	    " WHERE id = ?1", &st)) != ERR_OK)
		goto out;
	bind_correction(st, 10, a);
	sqlite3_bind_int64(st, 1, a->id);
	bind_str(st, 2, a->slug);
	bind_str(st, 3, a->title);
	bind_str(st, 4, a->dek);
	sqlite3_bind_int64(st, 5, a->section_id);
	bind_id(st, 6, a->issue_id);
	bind_str(st, 7, a->status);
	bind_str(st, 8, a->published_at);
	bind_str(st, 9, a->now);
	e = sqlite_run(p, st, "article update");
out:
	free(old);
	return e;
}

/* Run sql with ?1 the article and ?2 each of n texts, ?3 its position. */
static enum err
save_each(void *p, const char *sql, int64_t id, const char *const *v,
    const int64_t *num, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	enum err e;

	for (i = 0; i < n; i++) {
		if ((e = sqlite_stmt(p, sql, &st)) != ERR_OK)
			return e;
		sqlite3_bind_int64(st, 1, id);
		if (v != NULL)
			bind_str(st, 2, v[i]);
		else
			sqlite3_bind_int64(st, 2, num[i]);
		sqlite3_bind_int64(st, 3, (int64_t)i + 1);
		if ((e = sqlite_run(p, st, sql)) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err
sqlite_article_countries_add(void *p, int64_t id, const char *const *codes,
    size_t n)
{
	return save_each(p, "INSERT OR IGNORE INTO article_countries"
	    " (article_id, code) SELECT ?1, ?2 WHERE ?3 > 0", id, codes, NULL,
	    n);
}

enum err
sqlite_article_tags_add(void *p, int64_t id, const char *const *tags,
    size_t n)
{
	sqlite3_stmt *st;
	struct buf b;
	size_t i;
	enum err e = ERR_OK;

	buf_init(&b, SLUG_MAX + 1);
	for (i = 0; i < n && e == ERR_OK; i++) {
		if ((e = slug_make(&b, tags[i], strlen(tags[i]))) !=
		    ERR_OK || (e = buf_putc(&b, '\0')) != ERR_OK ||
		    (e = sqlite_stmt(p, "INSERT INTO tags (slug, name)"
		    " VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING",
		    &st)) != ERR_OK)
			break;
		bind_str(st, 1, b.p);
		bind_str(st, 2, tags[i]);
		if ((e = sqlite_run(p, st, "tag")) != ERR_OK ||
		    (e = sqlite_stmt(p, "INSERT OR IGNORE INTO article_tags"
		    " (article_id, tag_id, position) SELECT ?1, id, ?3"
		    " FROM tags WHERE slug = ?2", &st)) != ERR_OK)
			break;
		sqlite3_bind_int64(st, 1, id);
		bind_str(st, 2, b.p);
		sqlite3_bind_int64(st, 3, (int64_t)i + 1);
		e = sqlite_run(p, st, "article tag");
	}
	buf_free(&b);
	return e;
}

/* A list as one text: ids joined by ",", or texts by sep. */
static char *
joined(const char *const *v, const int64_t *num, size_t n, char sep)
{
	struct buf b;
	size_t i, len;
	char *s;

	buf_init(&b, LIMIT_BODY);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, sep);
		if (v != NULL)
			buf_puts(&b, v[i]);
		else
			buf_printf(&b, "%lld", (long long)num[i]);
	}
	buf_putc(&b, '\0');
	s = buf_take(&b, &len);
	return s;
}

static enum err
save_revision(void *p, int64_t id, int64_t version,
    const struct store_article_edit *a)
{
	sqlite3_stmt *st;
	char *authors, *tags, *countries;
	enum err e;

	if ((e = sqlite_stmt(p, "INSERT INTO revisions (article_id, title,"
	    " dek, body, saved_at, user_id, who, note, version, slug,"
	    " section_id, issue_id, authors, tags, countries, status,"
	    " published_at, correction, correction_kind, correction_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?17, ?18, ?19, ?20)", &st)) != ERR_OK)
		return e;
	authors = joined(NULL, a->authors, a->nauthors, ',');
	tags = joined(a->tags, NULL, a->ntags, '\n');
	countries = joined(a->countries, NULL, a->ncountries, ',');
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, a->title);
	bind_str(st, 3, a->dek);
	bind_str(st, 4, a->body);
	bind_str(st, 5, a->now);
	bind_id(st, 6, a->user_id);
	bind_str(st, 7, a->who != NULL ? a->who : "");
	bind_str(st, 8, a->note != NULL ? a->note : "");
	sqlite3_bind_int64(st, 9, version);
	bind_str(st, 10, a->slug);
	sqlite3_bind_int64(st, 11, a->section_id);
	bind_id(st, 12, a->issue_id);
	bind_str(st, 13, authors);
	bind_str(st, 14, tags);
	bind_str(st, 15, countries);
	bind_str(st, 16, a->status);
	bind_str(st, 17, a->published_at);
	bind_correction(st, 18, a);
	e = sqlite_run(p, st, "revision");
	free(authors);
	free(tags);
	free(countries);
	return e;
}

/* Delete the rows of table that hang off article id. */
static enum err
unlink_all(void *p, const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sqlite_run(p, st, sql);
}

enum err
sqlite_article_save(void *p, const struct store_article_edit *a,
    int64_t *idp, int64_t *version)
{
	sqlite3_stmt *st;
	int64_t id = a->id;
	enum err e;

	if (id == 0)
		e = save_insert(p, a, &id);
	else
		e = save_update(p, a);
	if (e != ERR_OK)
		return e;
	/*
	 * A body changed loses its text; an HTML body's is then made
	 * (search_text.c), by a second statement, so that the trigger of
	 * migration 17, which clears a text its body's writer left as it
	 * was, never takes a new text that happens to equal the old.
	 */
	if ((e = sqlite_stmt(p, "INSERT INTO article_bodies (article_id, body,"
	    " format) VALUES (?1, ?2, coalesce(?3, 'markdown'))"
	    " ON CONFLICT (article_id) DO UPDATE SET body = ?2,"
	    " format = coalesce(?3, format), text = NULL"
	    " WHERE body IS NOT ?2 OR format IS NOT coalesce(?3, format)",
	    &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, a->body);
	if (a->body_format != NULL)
		bind_str(st, 3, a->body_format);
	if ((e = sqlite_run(p, st, "body")) != ERR_OK ||
	    (e = sqlite_stmt(p, "UPDATE article_bodies"
	    " SET text = octavo_body_text(body, format) WHERE article_id = ?1"
	    " AND text IS NULL", &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_run(p, st, "body text")) != ERR_OK ||
	    (e = unlink_all(p, "DELETE FROM article_authors"
	    " WHERE article_id = ?1", id)) != ERR_OK ||
	    (e = save_each(p, "INSERT INTO article_authors (article_id,"
	    " person_id, position) VALUES (?1, ?2, ?3)", id, NULL,
	    a->authors, a->nauthors)) != ERR_OK ||
	    (e = unlink_all(p, "DELETE FROM article_tags"
	    " WHERE article_id = ?1", id)) != ERR_OK ||
	    (e = sqlite_article_tags_add(p, id, a->tags, a->ntags)) !=
	    ERR_OK ||
	    (e = unlink_all(p, "DELETE FROM article_countries"
	    " WHERE article_id = ?1", id)) != ERR_OK ||
	    (e = sqlite_article_countries_add(p, id, a->countries,
	    a->ncountries)) != ERR_OK ||
	    (e = int_of(p, "SELECT version FROM articles WHERE id = ?1",
	    NULL, id, version)) != ERR_OK ||
	    (e = save_revision(p, id, *version, a)) != ERR_OK)
		return e;
	*idp = id;
	return ERR_OK;
}

enum err
sqlite_article_delete(void *p, int64_t id)
{
	enum err e;

	if ((e = unlink_all(p, "DELETE FROM articles WHERE id = ?1", id)) !=
	    ERR_OK)
		return e;
	return sqlite_changes(p) > 0 ? ERR_OK :
	    ERR_NOTFOUND;
}

enum err
sqlite_article_slug_owner(void *p, const char *slug, int64_t *id)
{
	return int_of(p, "SELECT id FROM articles WHERE slug = ?1"
	    " UNION ALL SELECT article_id FROM article_slugs WHERE slug = ?1"
	    " LIMIT 1", slug, 0, id);
}

enum err
sqlite_article_moved(void *p, const char *slug, json_t **out)
{
	return by_text(p, "SELECT a.slug FROM article_slugs o"
	    " JOIN articles a ON a.id = o.article_id"
	    " WHERE o.slug = ?1 AND a.status = 'published'", slug, 1, out);
}

enum err
sqlite_revisions_list(void *p, int64_t article, json_t **out)
{
	return by_id(p, "SELECT id, saved_at, who, note, version, status"
	    " FROM revisions WHERE article_id = ?1 ORDER BY id DESC",
	    article, 0, out);
}

enum err
sqlite_revision_get(void *p, int64_t article, int64_t id, int64_t version,
    json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, id > 0 ? REVISION_COLS " WHERE article_id = ?1"
	    " AND id = ?2" : REVISION_COLS " WHERE article_id = ?1"
	    " AND version = ?3 ORDER BY id DESC LIMIT 1", &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	if (id > 0)
		sqlite3_bind_int64(st, 2, id);
	else
		sqlite3_bind_int64(st, 3, version);
	return sqlite_rows(p, st, 1, out);
}

enum err
sqlite_articles_publish_due(void *p, const char *now, int apply,
    json_t **out)
{
	sqlite3_stmt *st;
	json_t *due = NULL, *it;
	size_t i;
	enum err e;

	if ((e = by_text(p, "SELECT id, slug, title FROM articles"
	    " WHERE status = 'scheduled' AND published_at <= ?1"
	    " AND (issue_id IS NULL OR issue_id IN (SELECT id FROM issues"
	    " WHERE status = 'published'))"
	    " ORDER BY published_at, id", now, 0, &due)) != ERR_OK)
		return e;
	json_array_foreach(due, i, it) {
		if (!apply)
			break;
		if ((e = sqlite_stmt(p, "UPDATE articles SET status ="
		    " 'published', version = version + 1 WHERE id = ?1",
		    &st)) != ERR_OK)
			break;
		sqlite3_bind_int64(st, 1, json_integer_value(
		    json_object_get(it, "id")));
		if ((e = sqlite_run(p, st, "publish due")) != ERR_OK)
			break;
	}
	if (e != ERR_OK) {
		json_decref(due);
		return e;
	}
	*out = due;
	return ERR_OK;
}

enum err
sqlite_issues_all(void *p, json_t **out)
{
	return by_id(p, "SELECT id, number, date, title, status FROM issues"
	    " WHERE ?1 = ?1 ORDER BY number DESC", 0, 0, out);
}

enum err
sqlite_countries_list(void *p, json_t **out)
{
	return by_id(p, "SELECT code, name FROM countries WHERE ?1 = ?1"
	    " ORDER BY name", 0, 0, out);
}
