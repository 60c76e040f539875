/*
 * sqlite_edit: what the back office's editing statements share (issues,
 * sections, people): rows by id, a change that must find its row,
 * positions numbered in a given order, a delete that refuses a row still
 * in use, and a page of a list with its count read in one transaction.
 */
#include "sqlite_int.h"

void
sq_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

enum err
sq_id_rows(struct sq *s, const char *text, int64_t id, int one,
    json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sqlite_rows(s, st, one, out);
}

enum err
sq_id_run(struct sq *s, const char *text, int64_t id, const char *arg)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (arg != NULL)
		sq_text(st, 2, arg);
	if ((e = sqlite_run(s, st, text)) != ERR_OK)
		return e;
	return sqlite_changes(s) > 0 ? ERR_OK : ERR_NOTFOUND;
}

enum err
sq_positions(struct sq *s, const char *text, int64_t scope,
    const int64_t *ids, size_t n)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	enum err e;

	for (i = 0; i < n; i++) {
		if ((e = sqlite_stmt(s, text, &st)) != ERR_OK)
			return e;
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int64(st, 3, scope);
		if ((e = sqlite_run(s, st, "position")) != ERR_OK)
			return e;
		if (sqlite_changes(s) == 0)
			return ERR_NOTFOUND;
	}
	return ERR_OK;
}

enum err
sq_delete_unused(struct sq *s, const char *text, const char *exists,
    int64_t id)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	enum err e;

	if ((e = sq_id_run(s, text, id, NULL)) != ERR_NOTFOUND)
		return e;
	if ((e = sqlite_stmt(s, exists, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_count(s, st, &n)) != ERR_OK)
		return e;
	return n > 0 ? ERR_CONFLICT : ERR_NOTFOUND;
}

void
sq_new_id(struct sq *s, int64_t *id)
{
	if (*id == 0)
		*id = sqlite_last_id(s);
}

/* The parameters of a page: ?1 limit, ?2 offset, ?3 search, ?4 staff. */
static void
bind_query(sqlite3_stmt *st, const struct store_find *q)
{
	sqlite3_bind_int64(st, 1, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(st, 2, q->offset);
	sq_text(st, 3, q->search != NULL && q->search[0] != '\0' ?
	    q->search : NULL);
	sqlite3_bind_int(st, 4, q->staff);
}

/* The page, then its count, with the same bindings. */
static enum err
page_read(struct sq *s, const char *rows, const char *count,
    const struct store_find *q, json_t **out, long *total)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, rows, &st)) != ERR_OK)
		return e;
	bind_query(st, q);
	if ((e = sqlite_rows(s, st, 0, out)) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(s, count, &st)) == ERR_OK) {
		bind_query(st, q);
		if ((e = sqlite_count(s, st, total)) == ERR_OK)
			return ERR_OK;
	}
	json_decref(*out);
	*out = NULL;
	return e;
}

/* In one snapshot (or the caller's transaction): the count fits the page. */
enum err
sq_page(struct sq *s, const char *rows, const char *count,
    const struct store_find *q, json_t **out, long *total)
{
	long n;
	int began;
	enum err e;

	if ((e = sqlite_snapshot(s, &began)) != ERR_OK)
		return e;
	e = page_read(s, rows, count, q, out, total != NULL ? total : &n);
	sqlite_snapshot_end(s, began);
	return e;
}
