/*
 * test_store_terms: the kept lists of tags and countries (migration 19)
 * against a recount.  A database is made at the schema before that
 * migration and filled with published, draft and scheduled articles
 * carrying tags and countries; migrating must fill the lists.  Then a
 * random sequence of edits, as an operator's sqlite3 shell or the
 * editor's statements make them (publish, unpublish, redate, delete
 * with and without foreign keys, new articles, tags and countries
 * added, removed and changed, tags renamed), each followed by a
 * recount of every tag's and country's published articles, compared
 * with the kept counts and rows.  Last, the store's pages of every tag
 * and country, from either end, and its /tags and /countries lists,
 * against SQL's.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_int.h"
#include "test.h"

#define ARTICLES	80	/* in the database before the migration */
#define TAGS		12
#define STEPS		600	/* random edits */
#define PAGE		7

static const char *const codes[] = {
	"UA", "TR", "IN", "DE", "KE", "PL", "NG", "NO",
};

static uint64_t seed = UINT64_C(0x5eed0017);

/* splitmix64: the sequence is the same on every run. */
static unsigned
draw(unsigned n)
{
	uint64_t z;

	seed += UINT64_C(0x9e3779b97f4a7c15);
	z = seed;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return (unsigned)((z ^ (z >> 31)) % n);
}

/* Run sql with ?1 .. ?3 bound to a, b (text when t is set) and c. */
static int
exec3(sqlite3 *db, const char *sql, long long a, long long b,
    const char *t, long long c)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("FAIL prepare: %s: %s\n", sqlite3_errmsg(db), sql);
		test_failed = 1;
		return -1;
	}
	sqlite3_bind_int64(st, 1, a);
	if (t != NULL)
		sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, c);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		continue;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static long long
one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		printf("    %s: %s\n", sqlite3_errmsg(db), sql);
	sqlite3_finalize(st);
	return v;
}

/* The lists as they should be, recounted from the links. */
#define FRESH_ROWS \
	"SELECT 't', x.tag_id, a.published_at, a.id FROM article_tags x" \
	" JOIN articles a ON a.id = x.article_id" \
	" WHERE a.status = 'published'" \
	" UNION ALL SELECT 'c', x.code, a.published_at, a.id" \
	" FROM article_countries x JOIN articles a ON a.id = x.article_id" \
	" WHERE a.status = 'published'"
#define KEPT_ROWS \
	"SELECT 't', tag_id, published_at, article_id FROM tag_articles" \
	" UNION ALL SELECT 'c', code, published_at, article_id" \
	" FROM country_articles"
#define FRESH_COUNTS \
	"SELECT CASE l WHEN 't' THEN 'tag' ELSE 'country' END, k, count(*)" \
	" FROM (SELECT 't' AS l, x.tag_id AS k FROM article_tags x" \
	" JOIN articles a ON a.id = x.article_id" \
	" WHERE a.status = 'published' UNION ALL SELECT 'c', x.code" \
	" FROM article_countries x JOIN articles a ON a.id = x.article_id" \
	" WHERE a.status = 'published') GROUP BY l, k"
#define KEPT_COUNTS \
	"SELECT list, key, n FROM article_counts" \
	" WHERE list IN ('tag', 'country') AND n <> 0"

/* Rows and counts that differ from a recount: 0 when all agree. */
#define ALL(q)	"SELECT * FROM (" q ")"
#define DIFF(a, b) \
	"(SELECT count(*) FROM (" ALL(a) " EXCEPT " ALL(b) "))"
static long long
mismatches(sqlite3 *db)
{
	return one(db, "SELECT " DIFF(FRESH_ROWS, KEPT_ROWS) " + "
	    DIFF(KEPT_ROWS, FRESH_ROWS) " + " DIFF(FRESH_COUNTS, KEPT_COUNTS)
	    " + " DIFF(KEPT_COUNTS, FRESH_COUNTS) " + (SELECT count(*) FROM ("
	    KEPT_ROWS ")) - (SELECT count(*) FROM (SELECT DISTINCT * FROM ("
	    KEPT_ROWS ")))");
}

static long long
random_article(sqlite3 *db)
{
	char sql[96];
	long long n = one(db, "SELECT count(*) FROM articles");

	snprintf(sql, sizeof(sql), "SELECT id FROM articles ORDER BY id"
	    " LIMIT 1 OFFSET %u", draw(n > 0 ? (unsigned)n : 1));
	return one(db, sql);
}

static const char *
random_status(void)
{
	static const char *const s[] = { "published", "published", "draft",
	    "scheduled" };

	return s[draw(nitems(s))];
}

/* An article with status, on one of 20 days (so dates tie), and links. */
static void
article_add(sqlite3 *db, int k)
{
	char slug[32], when[32];
	long long id;
	unsigned i, n;

	snprintf(slug, sizeof(slug), "a-%d", k);
	snprintf(when, sizeof(when), "2025-03-%02uT09:00:00Z", 1 + draw(20));
	exec3(db, "INSERT INTO articles (slug, title, section_id, status,"
	    " published_at, updated_at) VALUES (?2, ?2, 1, 'draft', '', '')",
	    0, 0, slug, 0);
	id = sqlite3_last_insert_rowid(db);
	exec3(db, "UPDATE articles SET published_at = ?2 WHERE id = ?1", id,
	    0, when, 0);
	for (i = 0, n = draw(4); i < n; i++)
		exec3(db, "INSERT OR IGNORE INTO article_tags (article_id,"
		    " tag_id, position) VALUES (?1, ?2, ?3)", id,
		    1 + draw(TAGS), NULL, i + 1);
	for (i = 0, n = draw(3); i < n; i++)
		exec3(db, "INSERT OR IGNORE INTO article_countries"
		    " (article_id, code) VALUES (?1, ?2)", id, 0,
		    codes[draw(nitems(codes))], 0);
	exec3(db, "UPDATE articles SET status = ?2 WHERE id = ?1", id, 0,
	    random_status(), 0);
}

/* The database at the schema before migration m, filled. */
static int
make_old(const char *path, int m)
{
	sqlite3 *db = NULL;
	char sql[64];
	int i, k, ok = 1;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite_search_open(db) != ERR_OK)
		ok = 0;
	for (i = 0; ok && i < m; i++)
		ok = sqlite3_exec(db, sqlite_migrations[i], NULL, NULL, NULL) ==
		    SQLITE_OK;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m);
	ok = ok && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON; BEGIN;"
	    " INSERT INTO sections (slug, name) VALUES ('s', 'S')", NULL,
	    NULL, NULL) == SQLITE_OK;
	for (k = 1; ok && k <= TAGS; k++)
		ok = exec3(db, "INSERT INTO tags (id, slug, name) VALUES (?1,"
		    " 'tag-' || ?1, 'Tag ' || (?3 - ?1))", k, 0, NULL,
		    TAGS + 1) == 0;
	for (k = 0; ok && k < ARTICLES; k++)
		article_add(db, k);
	ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok)
		printf("    %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	return ok;
}

/*
 * The random edits: ?1 an article, ?2 what arg says, ?3 a number from 1
 * to 20; "new article" and the deletes are done their own way.
 */
enum arg { ARG_NONE, ARG_TAG, ARG_CODE, ARG_UNPUBLISHED };
static const struct {
	const char	*name;
	enum arg	 arg;
	const char	*sql;
} edits[] = {
	{ "publish", ARG_NONE, "UPDATE articles SET status = 'published'"
	    " WHERE id = ?1" },
	{ "unpublish", ARG_UNPUBLISHED, "UPDATE articles SET status = ?2"
	    " WHERE id = ?1" },
	{ "redate", ARG_NONE, "UPDATE articles SET published_at ="
	    " '2025-04-' || printf('%02d', ?3) || 'T10:00:00Z'"
	    " WHERE id = ?1" },
	/* One in four of the draws (?3 < 6), both ways. */
	{ "delete", ARG_NONE, "DELETE FROM articles WHERE id = ?1 AND ?3 < 6" },
	{ "delete, foreign keys off", ARG_NONE, NULL },
	{ "new article", ARG_NONE, NULL },
	{ "tag added", ARG_TAG, "INSERT OR IGNORE INTO article_tags"
	    " (article_id, tag_id, position) VALUES (?1, ?2, 9)" },
	{ "tag removed", ARG_NONE, "DELETE FROM article_tags WHERE"
	    " article_id = ?1 AND tag_id = (SELECT min(tag_id)"
	    " FROM article_tags WHERE article_id = ?1)" },
	{ "tag changed", ARG_TAG, "UPDATE OR IGNORE article_tags SET"
	    " tag_id = ?2 WHERE article_id = ?1 AND tag_id = (SELECT"
	    " min(tag_id) FROM article_tags WHERE article_id = ?1)" },
	{ "tag renamed", ARG_TAG, "UPDATE tags SET name = 'Renamed ' || ?1,"
	    " slug = 'renamed-' || ?1 WHERE id = ?2" },
	{ "country added", ARG_CODE, "INSERT OR IGNORE INTO article_countries"
	    " (article_id, code) VALUES (?1, ?2)" },
	{ "country removed", ARG_CODE, "DELETE FROM article_countries"
	    " WHERE article_id = ?1 AND code = ?2" },
	{ "country changed", ARG_CODE, "UPDATE OR IGNORE article_countries"
	    " SET code = ?2 WHERE article_id = ?1" },
	{ "tags reordered", ARG_NONE, "UPDATE article_tags"
	    " SET position = position + 1 WHERE article_id = ?1" },
};

/* One random edit; its name. */
static const char *
edit(sqlite3 *db, int step)
{
	long long a = random_article(db);
	size_t e = draw(nitems(edits));
	unsigned n = 1 + draw(20);

	if (strcmp(edits[e].name, "new article") == 0)
		article_add(db, ARTICLES + step);
	else if (edits[e].sql == NULL) {
		sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
		exec3(db, edits[3].sql, a, 0, NULL, n);
		sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	} else if (edits[e].arg == ARG_TAG)
		exec3(db, edits[e].sql, a, 1 + draw(TAGS), NULL, n);
	else
		exec3(db, edits[e].sql, a, 0, edits[e].arg == ARG_CODE ?
		    codes[draw(nitems(codes))] : edits[e].arg ==
		    ARG_UNPUBLISHED ? (n % 2 ? "draft" : "scheduled") : NULL, n);
	return edits[e].name;
}

/* Text of the first column of one row of sql (?1 the text a), or "". */
static const char *
text_of(sqlite3 *db, const char *sql, const char *a)
{
	static char out[256];
	sqlite3_stmt *st = NULL;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			snprintf(out, sizeof(out), "%s",
			    (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return out;
}

/* An article record's tags and countries (store_put), and bad ones. */
static void
test_put(struct store *st, sqlite3 *db)
{
	static const char *const bad[] = {
		"{\"slug\": \"put-2\", \"title\": \"P\", \"section\": \"s\","
		    " \"published_at\": \"2025-05-02T00:00:00Z\","
		    " \"countries\": [\"NO\", \"XX\"]}",
		"{\"slug\": \"put-3\", \"title\": \"P\", \"section\": \"s\","
		    " \"published_at\": \"2025-05-02T00:00:00Z\","
		    " \"tags\": \"Energy\"}",
		"{\"slug\": \"put-4\", \"title\": \"P\", \"section\": \"s\","
		    " \"published_at\": \"2025-05-02T00:00:00Z\","
		    " \"tags\": [\"Energy\", 3]}",
	};
	json_t *rec;
	size_t i;

	rec = json_pack("{s:s, s:s, s:s, s:s, s:[ss], s:[ss]}", "slug",
	    "put-1", "title", "Put", "section", "s", "published_at",
	    "2025-05-01T00:00:00Z", "tags", "Put Tag", "Tag 3",
	    "countries", "NO", "KE");
	T_INTEQ("store_put: an article with tags and countries",
	    store_put(st, "article", rec), ERR_OK);
	json_decref(rec);
	T_STREQ("store_put: its tags, in order, made when new", text_of(db,
	    "SELECT group_concat(t.slug || '=' || t.name, ',') FROM (SELECT"
	    " t.slug, t.name FROM article_tags x JOIN tags t ON"
	    " t.id = x.tag_id JOIN articles a ON a.id = x.article_id"
	    " WHERE a.slug = ?1 ORDER BY x.position) t", "put-1"),
	    "put-tag=Put Tag,tag-3=Tag 10");
	T_STREQ("store_put: its countries", text_of(db, "SELECT"
	    " group_concat(code, ',') FROM (SELECT x.code FROM"
	    " article_countries x JOIN articles a ON a.id = x.article_id"
	    " WHERE a.slug = ?1 ORDER BY x.code)", "put-1"), "KE,NO");
	T_INTEQ("store_put: kept in the lists", mismatches(db), 0);
	for (i = 0; i < nitems(bad); i++) {
		rec = json_loads(bad[i], 0, NULL);
		T_INTEQ(nm("store_put: refused", bad[i] + 10),
		    store_put(st, "article", rec), ERR_INVAL);
		json_decref(rec);
	}
	T_STREQ("store_put: a refused article leaves nothing", text_of(db,
	    "SELECT count(*) FROM articles WHERE slug LIKE ?1", "put-%"),
	    "1");
	T_INTEQ("store_put: nor anything in the lists", mismatches(db), 0);
}

/* "id id ..." of a list: the store's page, or SQL's slice. */
static void
ids_store(struct store *st, struct store_query q, char *out, size_t cap,
    long *total)
{
	json_t *rows = NULL, *r;
	size_t i, n = 0;

	out[0] = '\0';
	if (store_articles_list(st, &q, &rows, total) != ERR_OK) {
		snprintf(out, cap, "(error)");
		return;
	}
	json_array_foreach(rows, i, r)
		n += (size_t)snprintf(out + n, cap - n, "%s%lld", i ? " " : "",
		    (long long)json_integer_value(json_object_get(r, "id")));
	json_decref(rows);
}

static void
ids_sql(sqlite3 *db, const char *link, const char *key, long limit,
    long offset, char *out, size_t cap)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	size_t n = 0;

	snprintf(sql, sizeof(sql), "SELECT a.id FROM %s x JOIN articles a ON"
	    " a.id = x.article_id WHERE a.status = 'published' AND %s"
	    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3",
	    link, strcmp(link, "article_tags") == 0 ? "x.tag_id = (SELECT"
	    " id FROM tags WHERE slug = ?1)" : "x.code = ?1");
	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	while (sqlite3_step(st) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, cap - n, "%s%lld", n ? " " : "",
		    (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

/* Every page of a tag's or a country's list is SQL's slice. */
static int
pages_agree(struct store *st, sqlite3 *db, int tag, const char *key)
{
	struct store_query q = { 0 };
	char have[4096], want[4096];
	long total = -1, n, off;

	if (tag)
		q.tag = key;
	else
		q.country = key;
	ids_store(st, q, have, sizeof(have), &total);
	ids_sql(db, tag ? "article_tags" : "article_countries", key, -1, 0,
	    want, sizeof(want));
	if (strcmp(have, want) != 0) {
		printf("    %s: have %s, want %s\n", key, have, want);
		return 0;
	}
	n = total;
	for (off = 0; off <= n + 1; off++) {
		q.limit = PAGE;
		q.offset = off;
		ids_store(st, q, have, sizeof(have), &total);
		ids_sql(db, tag ? "article_tags" : "article_countries", key,
		    PAGE, off, want, sizeof(want));
		if (strcmp(have, want) != 0 || total != n) {
			printf("    %s offset %ld: have %s (of %ld), want %s"
			    " (of %ld)\n", key, off, have, total, want, n);
			return 0;
		}
	}
	return 1;
}

/* "slug:name:count;..." of the store's index and of SQL's. */
static int
index_agrees(struct store *st, sqlite3 *db, int countries)
{
	json_t *rows = NULL, *r;
	sqlite3_stmt *q = NULL;
	char have[8192], want[8192];
	size_t i, n = 0;
	int ok;

	have[0] = want[0] = '\0';
	if (store_terms_list(st, countries, &rows) != ERR_OK)
		return 0;
	json_array_foreach(rows, i, r)
		n += (size_t)snprintf(have + n, sizeof(have) - n, "%s:%s:%lld;",
		    json_string_value(json_object_get(r, countries ? "code" :
		    "slug")), json_string_value(json_object_get(r, "name")),
		    (long long)json_integer_value(json_object_get(r,
		    "count")));
	json_decref(rows);
	n = 0;
	sqlite3_prepare_v2(db, countries ? "SELECT c.code, c.name, count(*)"
	    " FROM countries c JOIN article_countries x ON x.code = c.code"
	    " JOIN articles a ON a.id = x.article_id WHERE a.status ="
	    " 'published' GROUP BY c.code ORDER BY c.name" :
	    "SELECT t.slug, t.name, count(*) FROM tags t JOIN article_tags x"
	    " ON x.tag_id = t.id JOIN articles a ON a.id = x.article_id"
	    " WHERE a.status = 'published' GROUP BY t.id"
	    " ORDER BY t.name, t.slug", -1, &q, NULL);
	while (q != NULL && sqlite3_step(q) == SQLITE_ROW)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%s:%s:%lld;",
		    (const char *)sqlite3_column_text(q, 0),
		    (const char *)sqlite3_column_text(q, 1),
		    (long long)sqlite3_column_int64(q, 2));
	sqlite3_finalize(q);
	ok = strcmp(have, want) == 0 && n > 0;
	if (!ok)
		printf("    have %s\n    want %s\n", have, want);
	return ok;
}

int
main(void)
{
	char dir[256], path[300], what[160];
	struct store *st = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *keys = NULL;
	const char *name;
	long long bad = 0, kept;
	int m, from = -1, to = -1, step, ok;

	for (m = 0; m < sqlite_migrations_count; m++)
		if (strstr(sqlite_migrations[m], "CREATE TABLE tag_articles") !=
		    NULL)
			break;
	T_TRUE("fixture: the migration of tag_articles is found",
	    m < sqlite_migrations_count);
	snprintf(dir, sizeof(dir), "%s/octavo-terms.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (m == sqlite_migrations_count || mkdtemp(dir) == NULL)
		T_DONE();
	snprintf(path, sizeof(path), "%s/t.db", dir);
	T_TRUE("fixture: a journal at the schema before it", make_old(path,
	    m));
	T_TRUE("migrating it", store_open(path, 1, &st) == ERR_OK &&
	    store_migrate(st, &from, &to) == ERR_OK);
	T_INTEQ("migrated from the version before", from, m);
	T_TRUE("fixture: a connection beside the store", sqlite3_open(path,
	    &db) == SQLITE_OK && sqlite_search_open(db) == ERR_OK &&
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) ==
	    SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	kept = one(db, "SELECT count(*) FROM tag_articles");
	T_TRUE("the migration filled the lists", kept > ARTICLES / 4);
	T_INTEQ("the migration's lists and counts are a recount",
	    mismatches(db), 0);
	test_put(st, db);
	for (step = 0, ok = 1; step < STEPS && ok; step++) {
		name = edit(db, step);
		if ((bad = mismatches(db)) != 0) {
			snprintf(what, sizeof(what), "after %d random edits, "
			    "the last \"%s\": kept lists and counts are a "
			    "recount", step + 1, name);
			T_INTEQ(what, bad, 0);
			ok = 0;
		}
	}
	if (ok) {
		snprintf(what, sizeof(what), "after each of %d random edits: "
		    "kept lists and counts are a recount", STEPS);
		T_PASS(what);
	}
	T_INTEQ("no count went below zero", one(db, "SELECT count(*) FROM"
	    " article_counts WHERE n < 0"), 0);
	T_TRUE("the edits left published and tagged articles", one(db,
	    "SELECT count(*) FROM tag_articles") > 10 && one(db,
	    "SELECT count(*) FROM country_articles") > 10);
	ok = 1;
	sqlite3_prepare_v2(db, "SELECT slug, 1 FROM tags UNION ALL"
	    " SELECT code, 0 FROM countries WHERE code IN (SELECT code FROM"
	    " article_countries) UNION ALL SELECT 'no-such', 1 UNION ALL"
	    " SELECT 'ZZ', 0", -1, &keys, NULL);
	while (keys != NULL && sqlite3_step(keys) == SQLITE_ROW)
		ok &= pages_agree(st, db, sqlite3_column_int(keys, 1),
		    (const char *)sqlite3_column_text(keys, 0));
	sqlite3_finalize(keys);
	T_TRUE("every page of every tag and country, from either end, is"
	    " SQL's", ok);
	T_TRUE("/tags: the kept counts in name order", index_agrees(st, db,
	    0));
	T_TRUE("/countries: the kept counts in name order", index_agrees(st,
	    db, 1));
	sqlite3_close(db);
	test_store_free(st, dir, path);
	T_DONE();
}
