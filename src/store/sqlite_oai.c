/*
 * sqlite_oai: what an OAI-PMH harvest reads in SQLite: published
 * articles in the order of their ids, after a cursor (the last id
 * sent), within a range of datestamps (updated_at) and a section, a
 * page at a time; or one article by its id.  The id order walks the
 * table's own key, so a page costs its rows (and, under a narrow date
 * range, the rows skipped), with no sort and no index of its own: an
 * index on (status, updated_at) was tried and drew the sitemap's
 * max(updated_at) of an issue away from the index
 * (test_store_plans), and the status is written "+a.status" so that the
 * index of published articles by date, which would then need a sort of
 * every one of them, is not taken instead of the key.  An article
 * changed during a harvest keeps its place, and its new datestamp brings
 * it to the next harvest.  Deleted records (oai_deleted, migration 14:
 * articles unpublished or deleted) are merged into the same id order,
 * their datestamp the withdrawal's, "deleted" set.
 */
#include "store_int.h"

/*
 * A record's datestamp is its last change or, for an article scheduled
 * before it appeared, its publication: when it became what a harvester
 * sees, so that "from yesterday" finds what appeared yesterday.
 */
#define OAI_STAMP	"max(a.published_at, a.updated_at)"
#define OAI_COLS \
	"SELECT k.id, k.gone AS deleted, a.slug, a.title, a.dek," \
	" a.published_at, coalesce(d.stamp, " OAI_STAMP ") AS stamp," \
	" coalesce(d.section, s.slug) AS \"section.slug\"," \
	" s.name AS \"section.name\"," \
	" i.number AS \"issue.number\", i.volume AS \"issue.volume\"," \
	" w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
/* k: (id, gone) of the records; a published article, or a deletion. */
#define OAI_JOIN \
	" LEFT JOIN articles a ON a.id = k.id AND NOT k.gone" \
	" LEFT JOIN oai_deleted d ON d.id = k.id AND k.gone" \
	" LEFT JOIN sections s ON s.id = a.section_id" \
	" LEFT JOIN issues i ON i.id = a.issue_id" \
	" LEFT JOIN article_authors l ON l.article_id = a.id" \
	" LEFT JOIN people w ON w.id = l.person_id"

/*
 * ?1 limit, ?2 from, ?3 until (inclusive, "" and "~" when open: every
 * stored stamp sorts between), ?4 the cursor (after this id), ?5 a
 * section's slug or NULL.
 */
static const char oai_list[] =
	OAI_COLS " FROM (SELECT a.id, 0 AS gone FROM articles a"
	" WHERE a.id > ?4 AND +a.status = 'published' AND " OAI_STAMP " >= ?2"
	" AND " OAI_STAMP " <= ?3 AND (?5 IS NULL OR a.section_id ="
	" (SELECT id FROM sections WHERE slug = ?5))"
	" UNION ALL SELECT d.id, 1 FROM oai_deleted d WHERE d.id > ?4"
	" AND d.stamp >= ?2 AND d.stamp <= ?3"
	" AND (?5 IS NULL OR d.section = ?5)"
	" ORDER BY 1 LIMIT ?1) k" OAI_JOIN
	" ORDER BY k.id, l.position";
static const char oai_one[] =
	OAI_COLS " FROM (SELECT id, 0 AS gone FROM articles"
	" WHERE id = ?1 AND status = 'published'"
	" UNION ALL SELECT id, 1 FROM oai_deleted WHERE id = ?1) k" OAI_JOIN
	" ORDER BY l.position";
/*
 * A lower bound of every datestamp: the first publication (a stamp is
 * never before it), the first key of the index of published articles by
 * date (a page of one, as the lists' pages are found).
 */
static const char oai_earliest[] =
	"SELECT a.published_at FROM (SELECT id FROM articles"
	" WHERE status = 'published' ORDER BY status, published_at LIMIT 1) k"
	" JOIN articles a ON a.id = k.id";

enum err
sqlite_oai_records(void *p, const struct store_oai_query *q, json_t **out)
{
	sqlite3_stmt *st;
	enum err rc;

	if (q->id > 0) {
		if ((rc = sqlite_stmt(p, oai_one, &st)) != ERR_OK)
			return rc;
		sqlite3_bind_int64(st, 1, q->id);
		return sqlite_rows(p, st, 0, out);
	}
	if ((rc = sqlite_stmt(p, oai_list, &st)) != ERR_OK)
		return rc;
	sqlite3_bind_int64(st, 1, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_text(st, 2, q->from != NULL ? q->from : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, q->until != NULL ? q->until : "~", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, q->after_id);
	if (q->set != NULL)
		sqlite3_bind_text(st, 5, q->set, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	return sqlite_rows(p, st, 0, out);
}

enum err
sqlite_oai_earliest(void *p, json_t **out)
{
	sqlite3_stmt *st;
	enum err rc;

	if ((rc = sqlite_stmt(p, oai_earliest, &st)) != ERR_OK)
		return rc;
	return sqlite_rows(p, st, 1, out);
}

const char *
sqlite_oai_statement(int i)
{
	static const char *const all[] = { oai_list, oai_one, oai_earliest };

	return i >= 0 && i < (int)nitems(all) ? all[i] : NULL;
}
