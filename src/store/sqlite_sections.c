/*
 * sqlite_sections: sections as the back office edits them, with how
 * many articles each holds (a section with any cannot be deleted: the
 * articles would have nowhere to be), their order, and whether a slug
 * is taken (sections' and people's).
 */
#include "sqlite_int.h"

static const char sql_page[] =
    "SELECT s.id, s.slug, s.name, s.description, s.position,"
    " (SELECT count(*) FROM articles a WHERE a.section_id = s.id)"
    " AS articles FROM sections s ORDER BY s.position, s.name, s.id";
static const char sql_get[] =
    "SELECT id, slug, name, description, position FROM sections"
    " WHERE id = ?1";
static const char sql_insert[] =
    "INSERT INTO sections (slug, name, description, position)"
    " VALUES (?2, ?3, ?4, ?5)";
static const char sql_update[] =
    "UPDATE sections SET slug = ?2, name = ?3, description = ?4,"
    " position = ?5 WHERE id = ?1";
static const char sql_delete[] =
    "DELETE FROM sections WHERE id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM articles WHERE section_id = ?1)";
static const char sql_exists[] =
    "SELECT count(*) FROM sections WHERE id = ?1";
static const char sql_position[] =
    "UPDATE sections SET position = ?2 WHERE id = ?1 AND ?3 = 0";
static const char *const sql_taken[STORE_SLUG__MAX] = {
	[STORE_SLUG_SECTION] = "SELECT count(*) FROM sections"
	    " WHERE slug = ?1 AND id <> ?2",
	[STORE_SLUG_PERSON] = "SELECT count(*) FROM people"
	    " WHERE slug = ?1 AND id <> ?2",
};

enum err
sq_sections_page(void *p, json_t **out)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, sql_page, &st)) != ERR_OK)
		return e;
	return sqlite_rows(s, st, 0, out);
}

enum err
sq_section_by_id(void *p, int64_t id, json_t **out)
{
	return sq_id_rows(p, sql_get, id, 1, out);
}

enum err
sq_section_save(void *p, const struct store_section *sec, int64_t *id)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, sec->id == 0 ? sql_insert : sql_update,
	    &st)) != ERR_OK)
		return e;
	if (sec->id != 0)
		sqlite3_bind_int64(st, 1, sec->id);
	sq_text(st, 2, sec->slug);
	sq_text(st, 3, sec->name);
	sq_text(st, 4, sec->description);
	sqlite3_bind_int64(st, 5, sec->position);
	if ((e = sqlite_run(s, st, "section")) != ERR_OK)
		return e;
	if (sec->id != 0 && sqlite_changes(s) == 0)
		return ERR_NOTFOUND;
	*id = sec->id;
	sq_new_id(s, id);
	return ERR_OK;
}

enum err
sq_section_delete(void *p, int64_t id)
{
	return sq_delete_unused(p, sql_delete, sql_exists, id);
}

enum err
sq_sections_order(void *p, const int64_t *ids, size_t n)
{
	return sq_positions(p, sql_position, 0, ids, n);
}

enum err
sq_slug_taken(void *p, enum store_slugged k, const char *slug,
    int64_t except, int *taken)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	long n = 0;
	enum err e;

	if ((e = sqlite_stmt(s, sql_taken[k], &st)) != ERR_OK)
		return e;
	sq_text(st, 1, slug);
	sqlite3_bind_int64(st, 2, except);
	if ((e = sqlite_count(s, st, &n)) != ERR_OK)
		return e;
	*taken = n > 0;
	return ERR_OK;
}
