/*
 * sqlite_finding: the reads of the public site's ways in besides
 * sections and issues: the index of authors, tags and countries with
 * their article lists, an article's tags and countries, the archive's
 * issues with their covers and notes, and past events a page at a time.
 *
 * A tag's or a country's articles are a list like a section's or an
 * author's (store_sqlite.c's art_page, from tag_articles and
 * country_articles, migration 19); the index pages here read their
 * kept counts, in name order from the terms' name indexes, so neither
 * counts nor sorts.  Statements are kept by sqlite_stmt, by the
 * address of their text in the table below.
 */
#include <sqlite3.h>
#include <string.h>

#include "store_int.h"

enum fq {
	F_AUTHORS,
	F_TAG_GET,
	F_COUNTRY_GET,
	F_TAGS,
	F_COUNTRIES,
	F_ART_TAGS,
	F_ART_COUNTRIES,
	F_ARCHIVE,
	F_EVENTS_PAST,
	F_EVENTS_PAST_N,
	F__MAX
};

#define EVENT_COLS \
	"SELECT id, title, starts_at, ends_at, tz, place, description, url" \
	" FROM events"

static const char *const fsql[F__MAX] = {
	/* The kept per-author counts (migration 3): no counting here. */
	[F_AUTHORS] = "SELECT p.slug, p.name, p.role, p.photo,"
	    " c.n AS count FROM article_counts c JOIN people p ON p.id = c.key"
	    " WHERE c.list = 'author' AND c.n > 0 AND ?1 = ?1",
	[F_TAG_GET] = "SELECT t.slug, t.name FROM tags t WHERE t.slug = ?1",
	[F_COUNTRY_GET] = "SELECT code, name FROM countries WHERE code = ?1",
	/* The kept per-term counts (migration 19), in name order. */
	[F_TAGS] = "SELECT t.slug, t.name, c.n AS count FROM tags t"
	    " INDEXED BY tags_name CROSS JOIN article_counts c"
	    " ON c.list = 'tag' AND c.key = t.id WHERE c.n > 0 AND ?1 = ?1"
	    " ORDER BY t.name, t.slug",
	[F_COUNTRIES] = "SELECT k.code, k.name, c.n AS count FROM countries k"
	    " INDEXED BY countries_name CROSS JOIN article_counts c"
	    " ON c.list = 'country' AND c.key = k.code"
	    " WHERE c.n > 0 AND ?1 = ?1 ORDER BY k.name",
	[F_ART_TAGS] = "SELECT t.slug, t.name FROM article_tags x"
	    " JOIN tags t ON t.id = x.tag_id WHERE x.article_id = ?1"
	    " ORDER BY x.position",
	[F_ART_COUNTRIES] = "SELECT c.code, c.name FROM article_countries x"
	    " JOIN countries c ON c.code = x.code WHERE x.article_id = ?1"
	    " ORDER BY c.name",
	[F_ARCHIVE] = "SELECT i.number, i.volume, i.date, i.title, i.note,"
	    " i.cover, coalesce(c.n, 0) AS count FROM issues i"
	    " LEFT JOIN article_counts c ON c.list = 'issue' AND c.key = i.id"
	    " WHERE i.status = 'published' AND ?1 = ?1"
	    " ORDER BY i.date DESC, i.number DESC",
	[F_EVENTS_PAST] = EVENT_COLS " WHERE starts_at < ?3"
	    " ORDER BY starts_at DESC, id DESC LIMIT ?1 OFFSET ?2",
	[F_EVENTS_PAST_N] = "SELECT count(*) FROM events WHERE starts_at < ?3"
	    " AND ?1 = ?1 AND ?2 = ?2",
};

const char *
sqlite_finding_statement(int i)
{
	return i >= 0 && i < F__MAX ? fsql[i] : NULL;
}

/* Statement q with ?1 bound to text (NULL: 0). */
static enum err
bound(void *p, enum fq q, const char *text, int64_t id, sqlite3_stmt **st)
{
	enum err e;

	if ((e = sqlite_stmt(p, fsql[q], st)) != ERR_OK)
		return e;
	if (text != NULL)
		sqlite3_bind_text(*st, 1, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(*st, 1, id);
	return ERR_OK;
}

static enum err
rows_of(void *p, enum fq q, const char *text, int64_t id, int one,
    json_t **out)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = bound(p, q, text, id, &st)) != ERR_OK)
		return e;
	return sqlite_rows(p, st, one, out);
}

enum err
sqlite_authors_index(void *p, json_t **out)
{
	return rows_of(p, F_AUTHORS, NULL, 0, 0, out);
}

enum err
sqlite_tag_get(void *p, const char *slug, json_t **out)
{
	return rows_of(p, F_TAG_GET, slug, 0, 1, out);
}

enum err
sqlite_country_get(void *p, const char *code, json_t **out)
{
	return rows_of(p, F_COUNTRY_GET, code, 0, 1, out);
}

enum err
sqlite_terms_list(void *p, int countries, json_t **out)
{
	return rows_of(p, countries ? F_COUNTRIES : F_TAGS, NULL, 0, 0, out);
}

enum err
sqlite_article_terms(void *p, int64_t id, json_t **out)
{
	json_t *tags = NULL, *countries = NULL;
	enum err e;

	if ((e = rows_of(p, F_ART_TAGS, NULL, id, 0, &tags)) != ERR_OK ||
	    (e = rows_of(p, F_ART_COUNTRIES, NULL, id, 0, &countries)) !=
	    ERR_OK) {
		json_decref(tags);
		return e;
	}
	*out = json_pack("{s:o, s:o}", "tags", tags, "countries", countries);
	return ERR_OK;
}

enum err
sqlite_issues_archive(void *p, json_t **out)
{
	return rows_of(p, F_ARCHIVE, NULL, 0, 0, out);
}

/*
 * A page (?1 limit, 0: all; ?2 offset) of statement q filtered by ?3 and
 * its count by statement n, in one snapshot so that they agree.
 */
static enum err
page_of(void *p, enum fq q, enum fq n, const char *key, long limit,
    long offset, json_t **out, long *total)
{
	sqlite3_stmt *st;
	long count = 0;
	int began;
	enum err e;

	if ((e = sqlite_snapshot(p, &began)) != ERR_OK)
		return e;
	if (total != NULL) {
		if ((e = sqlite_stmt(p, fsql[n], &st)) != ERR_OK)
			goto out;
		sqlite3_bind_int64(st, 1, 0);
		sqlite3_bind_int64(st, 2, 0);
		sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
		if ((e = sqlite_count(p, st, &count)) != ERR_OK)
			goto out;
		*total = count;
	}
	if ((e = sqlite_stmt(p, fsql[q], &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, offset);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
	e = sqlite_rows(p, st, 0, out);
out:
	sqlite_snapshot_end(p, began);
	return e;
}

enum err
sqlite_events_past(void *p, int64_t now, long limit, long offset,
    json_t **out, long *total)
{
	char iso[TIME_ISO_LEN];

	time_iso(now, TIME_ISO_SECONDS, iso);
	return page_of(p, F_EVENTS_PAST, F_EVENTS_PAST_N, iso, limit, offset,
	    out, total);
}
