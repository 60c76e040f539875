/*
 * sqlite_people: people as the back office edits them: a page of them
 * found by a few letters of the name, slug or affiliation and filtered
 * to the staff, and where someone is named as an author (such a person
 * cannot be deleted: the bylines would lose a name).
 */
#include "sqlite_int.h"

/* instr on lower(): ASCII letters match in any case. */
#define PEOPLE_WHERE \
	" FROM people WHERE (?3 IS NULL OR instr(lower(name), lower(?3)) > 0" \
	" OR instr(slug, lower(?3)) > 0" \
	" OR instr(lower(affiliation), lower(?3)) > 0)" \
	" AND (?4 = 0 OR staff = 1)"
static const char sql_page[] =
    "SELECT id, slug, name, affiliation, role, staff" PEOPLE_WHERE
    " ORDER BY name, id LIMIT ?1 OFFSET ?2";
static const char sql_count[] =
    "SELECT count(*)" PEOPLE_WHERE;
static const char sql_get[] =
    "SELECT id, slug, name, bio, photo, affiliation, role, staff"
    " FROM people WHERE id = ?1";
static const char sql_insert[] =
    "INSERT INTO people (slug, name, bio, photo, affiliation, role, staff)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
    "UPDATE people SET slug = ?2, name = ?3, bio = ?4, photo = ?5,"
    " affiliation = ?6, role = ?7, staff = ?8 WHERE id = ?1";
static const char sql_delete[] =
    "DELETE FROM people WHERE id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM article_authors WHERE person_id = ?1)"
    " AND NOT EXISTS (SELECT 1 FROM publication_authors"
    " WHERE person_id = ?1)";
static const char sql_exists[] =
    "SELECT count(*) FROM people WHERE id = ?1";
static const char sql_articles[] =
    "SELECT DISTINCT a.id, a.slug, a.title FROM article_authors l"
    " JOIN articles a ON a.id = l.article_id WHERE l.person_id = ?1"
    " ORDER BY a.title, a.id";
static const char sql_publications[] =
    "SELECT DISTINCT p.id, p.title FROM publication_authors l"
    " JOIN publications p ON p.id = l.publication_id"
    " WHERE l.person_id = ?1 ORDER BY p.title, p.id";

enum err
sq_people_page(void *p, const struct store_find *q, json_t **out,
    long *total)
{
	return sq_page(p, sql_page, sql_count, q, out, total);
}

enum err
sq_person_by_id(void *p, int64_t id, json_t **out)
{
	return sq_id_rows(p, sql_get, id, 1, out);
}

enum err
sq_person_save(void *p, const struct store_person *pe, int64_t *id)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(s, pe->id == 0 ? sql_insert : sql_update, &st)) !=
	    ERR_OK)
		return e;
	if (pe->id != 0)
		sqlite3_bind_int64(st, 1, pe->id);
	sq_text(st, 2, pe->slug);
	sq_text(st, 3, pe->name);
	sq_text(st, 4, pe->bio);
	sq_text(st, 5, pe->photo);
	sq_text(st, 6, pe->affiliation);
	sq_text(st, 7, pe->role);
	sqlite3_bind_int(st, 8, pe->staff != 0);
	if ((e = sqlite_run(s, st, "person")) != ERR_OK)
		return e;
	if (pe->id != 0 && sqlite_changes(s) == 0)
		return ERR_NOTFOUND;
	*id = pe->id;
	sq_new_id(s, id);
	return ERR_OK;
}

enum err
sq_person_delete(void *p, int64_t id)
{
	return sq_delete_unused(p, sql_delete, sql_exists, id);
}

enum err
sq_person_uses(void *p, int64_t id, json_t **out)
{
	json_t *arts = NULL, *pubs = NULL;
	enum err e;

	if ((e = sq_id_rows(p, sql_articles, id, 0, &arts)) != ERR_OK)
		return e;
	if ((e = sq_id_rows(p, sql_publications, id, 0, &pubs)) != ERR_OK) {
		json_decref(arts);
		return e;
	}
	*out = json_pack("{s:o, s:o}", "articles", arts, "publications",
	    pubs);
	return ERR_OK;
}
