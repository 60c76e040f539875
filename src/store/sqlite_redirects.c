/*
 * sqlite_redirects: the addresses a journal had on its old system
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
