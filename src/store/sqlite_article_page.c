/*
 * sqlite_article_page: what an article's public page shows around the
 * article, for the SQLite backend.  Its authors as people (photo, role,
 * bio), its neighbours in its issue (the order: sections in
 * their order, then the articles' positions, as the issue page lists
 * them) and the published articles that share the most countries, tags
 * and authors with it.
 *
 * Invariant: only published articles are ever returned, and never the
 * article itself.  Statements are the backend's kept ones (sqlite_stmt),
 * by the address of their literal text.
 */
#include <sqlite3.h>
#include <stdlib.h>

#include "store_int.h"

static const char q_people[] =
    "SELECT w.slug, w.name, w.role, w.affiliation, w.bio, w.photo"
    " FROM article_authors l JOIN people w ON w.id = l.person_id"
    " WHERE l.article_id = ?1 ORDER BY l.position";

/*
 * The articles before and after ?1 among its issue's published ones, in
 * the issue page's order (Q_ART_ISSUE's: sections by position, name,
 * id; then the articles' position, id): the next in its own section
 * (an index range of articles_issue), else the first of the nearest
 * section that has any; dir -1 or 1.  Each is one index probe: a
 * window over the whole issue (some 400 rows a number) cost 36 times
 * as much.
 */
static const char q_neighbours[] =
    "WITH me AS MATERIALIZED (SELECT a.issue_id AS i, s.position AS sp,"
    " s.name AS sn, s.id AS si, a.position AS ap, a.id AS ai"
    " FROM articles a JOIN sections s ON s.id = a.section_id"
    " WHERE a.id = ?1 AND a.status = 'published'),"
    " ps AS (SELECT s.id FROM me, sections s"
    " WHERE (s.position, s.name, s.id) < (me.sp, me.sn, me.si)"
    " AND EXISTS (SELECT 1 FROM articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = s.id)"
    " ORDER BY s.position DESC, s.name DESC, s.id DESC LIMIT 1),"
    " ns AS (SELECT s.id FROM me, sections s"
    " WHERE (s.position, s.name, s.id) > (me.sp, me.sn, me.si)"
    " AND EXISTS (SELECT 1 FROM articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = s.id)"
    " ORDER BY s.position, s.name, s.id LIMIT 1),"
    " nb (id, dir) AS (SELECT coalesce("
    " (SELECT x.id FROM me, articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = me.si"
    " AND (x.position, x.id) < (me.ap, me.ai)"
    " ORDER BY x.position DESC, x.id DESC LIMIT 1),"
    " (SELECT x.id FROM me, ps, articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = ps.id"
    " ORDER BY x.position DESC, x.id DESC LIMIT 1)), -1"
    " UNION ALL SELECT coalesce("
    " (SELECT x.id FROM me, articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = me.si"
    " AND (x.position, x.id) > (me.ap, me.ai)"
    " ORDER BY x.position, x.id LIMIT 1),"
    " (SELECT x.id FROM me, ns, articles x WHERE x.issue_id = me.i"
    " AND x.status = 'published' AND x.section_id = ns.id"
    " ORDER BY x.position, x.id LIMIT 1)), 1)"
    " SELECT a.id, a.slug, a.title, nb.dir FROM nb"
    " JOIN articles a ON a.id = nb.id ORDER BY nb.dir";

/*
 * The published articles sharing a tag, a country or an author with ?1,
 * scored by how many they share, then newest (by id) first; ?2 is a
 * JSON array of ids to leave out (the article's neighbours), ?3 the
 * limit.  Each tag, country and author gives only its newest ?4 + 1
 * published articles: a range of its kept list (author_articles,
 * tag_articles, country_articles), read from the index alone (a tag
 * on a quarter of the journal, or a staff author of 5,000 articles,
 * would otherwise make every page that names it group that many rows;
 * reading each candidate's article row for its status cost 1 ms a page
 * on the demo's 100,000 articles).
 */
#define RELATED_KEYS(t, col, key) \
    " SELECT x.article_id FROM " key " JOIN " t " x ON x." col " = " key ".k" \
    " WHERE x.published_at >= coalesce((SELECT y.published_at FROM " t " y" \
    " WHERE y." col " = " key ".k ORDER BY y.published_at DESC LIMIT 1" \
    " OFFSET ?4), '')"
static const char q_related[] =
    "WITH kt AS (SELECT tag_id AS k FROM article_tags WHERE article_id = ?1),"
    " kc AS (SELECT code AS k FROM article_countries WHERE article_id = ?1),"
    " ka AS (SELECT person_id AS k FROM article_authors"
    " WHERE article_id = ?1),"
    " shared (id) AS (" RELATED_KEYS("tag_articles", "tag_id", "kt")
    " UNION ALL" RELATED_KEYS("country_articles", "code", "kc")
    " UNION ALL" RELATED_KEYS("author_articles", "person_id", "ka") "),"
    " scored (id, score) AS (SELECT id, count(*) FROM shared"
    " WHERE id <> ?1 AND id NOT IN (SELECT value FROM json_each(?2))"
    " GROUP BY id ORDER BY 2 DESC, 1 DESC LIMIT ?3)"
    " SELECT a.id, a.slug, a.title, a.dek, a.published_at, k.score,"
    " s.slug AS \"section.slug\", s.name AS \"section.name\""
    " FROM scored k JOIN articles a ON a.id = k.id"
    " JOIN sections s ON s.id = a.section_id"
    " ORDER BY k.score DESC, a.id DESC";

#define RELATED_PER_KEY	100	/* candidates a tag, country, author gives */

enum err
sqlite_article_around(void *p, int64_t id, json_t **out)
{
	sqlite3_stmt *st;
	json_t *o = NULL, *people = NULL, *nb = NULL, *it;
	size_t i;
	enum err e;

	if ((e = sqlite_stmt(p, q_people, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_rows(p, st, 0, &people)) != ERR_OK)
		return e;
	if ((e = sqlite_stmt(p, q_neighbours, &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_rows(p, st, 0, &nb)) != ERR_OK)
		goto out;
	o = json_object();
	json_object_set(o, "authors", people);
	json_array_foreach(nb, i, it)
		json_object_set(o, json_integer_value(json_object_get(it,
		    "dir")) < 0 ? "prev" : "next", it);
	*out = o;
out:
	json_decref(people);
	json_decref(nb);
	return e;
}

enum err
sqlite_article_related(void *p, int64_t id, json_t *exclude, long limit,
    json_t **out)
{
	sqlite3_stmt *st;
	char *ids;
	enum err e;

	if ((e = sqlite_stmt(p, q_related, &st)) != ERR_OK)
		return e;
	ids = exclude != NULL ? json_dumps(exclude, JSON_COMPACT) : NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ids != NULL ? ids : "[]", -1,
	    SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, RELATED_PER_KEY - 1);
	free(ids);
	return sqlite_rows(p, st, 0, out);
}
