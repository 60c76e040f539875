/*
 * sqlite_redirects: what an importer keeps of the old system.  The
 * addresses a journal had there
 * ("/?p=12", "/2019/05/03/slug/", "/item/12-alias"), kept by the
 * importers and answered with a 301 by the site.  A row points at an
 * article (so a later rename still lands in one hop, and an article
 * that is not published answers nothing) or at a fixed location.  The
 * key is req_target_key's form of the old address.
 */
#include <sqlite3.h>

#include "store_int.h"

static const char sql_put[] = "INSERT INTO redirects (path, article_id,"
	" location, origin, created_at) VALUES (?1, nullif(?2, 0), ?3, ?4,"
	" ?5) ON CONFLICT (path) DO UPDATE SET"
	" article_id = excluded.article_id, location = excluded.location,"
	" origin = excluded.origin"
	" WHERE article_id IS NOT excluded.article_id"
	" OR location IS NOT excluded.location"
	" OR origin IS NOT excluded.origin";
static const char sql_find[] = "SELECT r.location, a.slug"
	" FROM redirects r"
	" LEFT JOIN articles a ON a.id = r.article_id WHERE r.path = ?1"
	" AND (r.article_id IS NULL OR a.status = 'published')";
static const char sql_count[] = "SELECT count(*) FROM redirects"
	" WHERE ?1 IS NULL OR origin = ?1";
/*
 * And what each source record became here (import_ids), with a digest
 * of what was read: a record read again with the same digest is
 * unchanged.
 */
static const char sql_id_get[] = "SELECT local_id, digest FROM import_ids"
	" WHERE origin = ?1 AND kind = ?2 AND source_id = ?3";
static const char sql_id_put[] = "INSERT INTO import_ids (origin, kind,"
	" source_id, local_id, digest, imported_at) VALUES (?1, ?2, ?3, ?4,"
	" ?5, ?6) ON CONFLICT (origin, kind, source_id) DO UPDATE SET"
	" local_id = excluded.local_id, digest = excluded.digest,"
	" imported_at = excluded.imported_at"
	" WHERE local_id IS NOT excluded.local_id"
	" OR digest IS NOT excluded.digest";
/* An old system's comment, and an article's read count brought along. */
static const char sql_comment[] = "INSERT INTO comments (id, article_id,"
	" parent_id, author_name, author_email, author_url, body, created_at,"
	" status, origin) VALUES (nullif(?1, 0), ?2, nullif(?3, 0), ?4, ?5,"
	" ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET"
	" article_id = ?2, parent_id = nullif(?3, 0), author_name = ?4,"
	" author_email = ?5, author_url = ?6, body = ?7, created_at = ?8,"
	" status = ?9, origin = ?10";
static const char sql_reads[] = "INSERT INTO article_reads (article_id,"
	" reads) VALUES (?1, ?2) ON CONFLICT (article_id) DO UPDATE"
	" SET reads = ?2 WHERE reads IS NOT ?2";

enum err
sqlite_redirect_put(void *p, const struct store_redirect *r, int *changed)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_put, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, r->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->article_id);
	if (r->article_id == 0)
		sqlite3_bind_text(st, 3, r->location, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->origin != NULL ? r->origin : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, r->at);
	if ((e = sqlite_run(p, st, "redirect")) != ERR_OK)
		return e;
	if (changed != NULL)
		*changed = sqlite_changes(p) > 0;
	return ERR_OK;
}

enum err
sqlite_redirect_find(void *p, const char *path, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_find, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	return sqlite_rows(p, st, 1, out);
}

enum err
sqlite_redirects_count(void *p, const char *origin, long *n)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_count, &st)) != ERR_OK)
		return e;
	if (origin != NULL)
		sqlite3_bind_text(st, 1, origin, -1, SQLITE_STATIC);
	return sqlite_count(p, st, n);
}

/* Bind an import id's key: origin, kind, source id. */
static void
bind_key(sqlite3_stmt *st, const struct store_import_id *k)
{
	sqlite3_bind_text(st, 1, k->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, k->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, k->source_id, -1, SQLITE_STATIC);
}

enum err
sqlite_import_id_get(void *p, const struct store_import_id *k, json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_id_get, &st)) != ERR_OK)
		return e;
	bind_key(st, k);
	return sqlite_rows(p, st, 1, out);
}

enum err
sqlite_import_id_put(void *p, const struct store_import_id *k)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_id_put, &st)) != ERR_OK)
		return e;
	bind_key(st, k);
	sqlite3_bind_int64(st, 4, k->local_id);
	sqlite3_bind_text(st, 5, k->digest != NULL ? k->digest : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, k->at);
	return sqlite_run(p, st, "import id");
}

enum err
sqlite_comment_put(void *p, const struct store_comment *c, int64_t *id)
{
	const char *text[] = { c->author_name, c->author_email,
	    c->author_url, c->body, c->created_at, c->status, c->origin };
	sqlite3_stmt *st;
	size_t i;
	enum err e;

	if ((e = sqlite_stmt(p, sql_comment, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_int64(st, 2, c->article_id);
	sqlite3_bind_int64(st, 3, c->parent_id);
	for (i = 0; i < nitems(text); i++)
		sqlite3_bind_text(st, 4 + (int)i, text[i] != NULL ? text[i] :
		    "", -1, SQLITE_STATIC);
	if (c->status == NULL)
		sqlite3_bind_text(st, 9, "approved", -1, SQLITE_STATIC);
	if ((e = sqlite_run(p, st, "comment")) != ERR_OK)
		return e;
	if (*id == 0)
		*id = sqlite_last_id(p);
	return ERR_OK;
}

enum err
sqlite_article_reads_set(void *p, int64_t article, int64_t reads)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_reads, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	sqlite3_bind_int64(st, 2, reads);
	return sqlite_run(p, st, "reads");
}
