/*
 * sqlite_suggestions: the countries an article's text names that it
 * does not list, pending an editor's word (migration 18).  Who makes
 * them is suggest.c (the gazetteer); here they are only kept, listed
 * for the review page and counted.  An article's set is replaced
 * whole, so it always matches the text it was last made from.
 */
#include <sqlite3.h>

#include "store_int.h"

static const char sql_clear[] = "DELETE FROM article_country_suggestions"
	" WHERE article_id = ?1";
/* Only a country there is, and one the article does not list. */
static const char sql_add[] = "INSERT INTO article_country_suggestions"
	" (article_id, code, words) SELECT ?1, c.code, ?3 FROM countries c"
	" WHERE c.code = ?2 AND NOT EXISTS (SELECT 1 FROM article_countries"
	" x WHERE x.article_id = ?1 AND x.code = c.code)"
	" ON CONFLICT (article_id, code) DO UPDATE SET words = excluded.words";
/* A page of articles, then their suggestions as the record's list. */
static const char sql_list[] = "SELECT a.id, a.title, a.slug, a.status,"
	" s.code AS \"suggestions[].code\", c.name AS \"suggestions[].name\","
	" s.words AS \"suggestions[].words\""
	" FROM (SELECT DISTINCT article_id FROM article_country_suggestions"
	" WHERE ?3 = 0 OR article_id = ?3 ORDER BY article_id DESC"
	" LIMIT ?1 OFFSET ?2) p"
	" JOIN articles a ON a.id = p.article_id"
	" JOIN article_country_suggestions s ON s.article_id = a.id"
	" JOIN countries c ON c.code = s.code"
	" ORDER BY a.id DESC, c.name";
static const char sql_count[] = "SELECT count(DISTINCT article_id) AS"
	" articles, count(*) AS suggestions FROM article_country_suggestions";

enum err
sqlite_suggestions_put(void *p, int64_t article,
    const struct store_suggestion *s, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	enum err e;

	if ((e = sqlite_stmt(p, sql_clear, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	if ((e = sqlite_run(p, st, "suggestions")) != ERR_OK)
		return e;
	for (i = 0; i < n; i++) {
		if ((e = sqlite_stmt(p, sql_add, &st)) != ERR_OK)
			return e;
		sqlite3_bind_int64(st, 1, article);
		sqlite3_bind_text(st, 2, s[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, s[i].words != NULL ? s[i].words : "",
		    -1, SQLITE_STATIC);
		if ((e = sqlite_run(p, st, "suggestion")) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err
sqlite_suggestions_list(void *p, int64_t article, long limit, long offset,
    json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_list, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	sqlite3_bind_int64(st, 3, article);
	return sqlite_rows(p, st, 0, out);
}

enum err
sqlite_suggestions_count(void *p, long *articles, long *suggestions)
{
	sqlite3_stmt *st;
	json_t *row = NULL;
	enum err e;

	if ((e = sqlite_stmt(p, sql_count, &st)) != ERR_OK)
		return e;
	if ((e = sqlite_rows(p, st, 1, &row)) != ERR_OK)
		return e;
	*articles = (long)json_integer_value(json_object_get(row,
	    "articles"));
	*suggestions = (long)json_integer_value(json_object_get(row,
	    "suggestions"));
	json_decref(row);
	return ERR_OK;
}
