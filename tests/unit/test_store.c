/*
 * test_store: the store through store.h only, so that the same file
 * checks every backend.  One database is built step by step: opened
 * empty (the schema check fails), migrated from 0 to N and again from N
 * to N, filled with each kind of record, then read back; each read must
 * return exactly what was put (compared as JSON with sorted keys, row ids
 * left out since backends number rows their own way).  Failure paths:
 * unknown kinds, missing fields, duplicates and dangling references must
 * be refused and leave nothing behind.
 *
 * The backend comes from one place, backend_setup(): argv[1], else
 * $OCTAVO_TEST_DSN (which must name an empty database), else a SQLite
 * file in a fresh temporary directory removed at the end.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"

#define NOW	1717200000	/* 2024-06-01T00:00:00Z */


/*
 * The backend.  dsn is what store_open gets; sqlite_path is set when the
 * database is a SQLite file, for the few checks that need to look under
 * the store (reads_daily has no reader in store.h) or that only mean
 * something for files.
 */
static struct {
	char		 dsn[4096];
	char		 tmpdir[256];	/* "" unless we made it */
	const char	*sqlite_path;	/* NULL unless SQLite */
} be;

static int
backend_setup(int argc, char **argv)
{
	const char *env = getenv("OCTAVO_TEST_DSN");
	const char *given = argc > 1 ? argv[1] : env != NULL && *env != '\0' ?
	    env : NULL;

	if (given != NULL) {
		snprintf(be.dsn, sizeof(be.dsn), "%s", given);
		if (strncmp(given, "postgres://", 11) != 0 &&
		    strncmp(given, "postgresql://", 13) != 0)
			be.sqlite_path = be.dsn;
		return 0;
	}
	snprintf(be.tmpdir, sizeof(be.tmpdir), "%s/octavo-store.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(be.tmpdir) == NULL) {
		printf("FAIL fixture: mkdtemp: %s\n", strerror(errno));
		return -1;
	}
	snprintf(be.dsn, sizeof(be.dsn), "%s/store.db", be.tmpdir);
	be.sqlite_path = be.dsn;
	return 0;
}

static void
backend_teardown(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm",
	    "-journal" };
	char path[4200];
	size_t i;

	if (be.tmpdir[0] == '\0')
		return;
	for (i = 0; i < nitems(suffix); i++) {
		snprintf(path, sizeof(path), "%s%s", be.dsn, suffix[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/missing.db", be.tmpdir);
	unlink(path);
	T_INTEQ("fixture: temporary directory removed", rmdir(be.tmpdir), 0);
}

/* Run one SQL statement on the SQLite file beside the store (-1: n/a). */
static long long
backend_sql(const char *sql, long long a1, const char *a2)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (be.sqlite_path == NULL)
		return -1;
	if (sqlite3_open_v2(be.sqlite_path, &db, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -2;
	}
	sqlite3_busy_timeout(db, 5000);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, a1);
		if (a2 != NULL)
			sqlite3_bind_text(st, 2, a2, -1, SQLITE_STATIC);
		switch (sqlite3_step(st)) {
		case SQLITE_ROW:
			v = sqlite3_column_int64(st, 0);
			break;
		case SQLITE_DONE:
			v = 0;
			break;
		default:
			v = -2;
		}
	} else
		v = -2;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Reads of article on day in reads_daily; 0 when no row, -1 n/a. */
static long long
backend_daily(long long article, const char *day)
{
	long long v;

	v = backend_sql("SELECT coalesce((SELECT reads FROM reads_daily"
	    " WHERE article_id = ?1 AND day = ?2), 0)", article, day);
	return v;
}

/* JSON helpers */

static void
strip_ids(json_t *j)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_del(j, "id");
		json_object_foreach(j, k, v)
			strip_ids(v);
	} else if (json_is_array(j))
		json_array_foreach(j, i, v)
			strip_ids(v);
}

/* Sorted, compact, without ids; caller frees.  NULL prints "(null)". */
static char *
canon(const json_t *j)
{
	json_t *c;
	char *s;

	if (j == NULL)
		return xstrdup("(null)");
	c = json_deep_copy(j);
	strip_ids(c);
	s = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(c);
	return s;
}

/* Compare have (taken) with the JSON text want. */
static void
check_json(const char *what, json_t *have, const char *want)
{
	json_error_t je;
	json_t *w = json_loads(want, JSON_DECODE_ANY, &je);
	char *hs, *ws;

	if (w == NULL) {
		printf("FAIL %s: bad expected JSON: %s\n", what, je.text);
		test_failed = 1;
		json_decref(have);
		return;
	}
	hs = canon(have);
	ws = canon(w);
	T_STREQ(what, hs, ws);
	free(hs);
	free(ws);
	json_decref(w);
	json_decref(have);
}

static enum err
put(struct store *st, const char *kind, const char *text)
{
	json_error_t je;
	json_t *rec = json_loads(text, 0, &je);
	enum err rc;

	if (rec == NULL) {
		printf("FAIL put %s: bad JSON in the test: %s\n", kind,
		    je.text);
		test_failed = 1;
		return ERR_PARSE;
	}
	rc = store_put(st, kind, rec);
	json_decref(rec);
	return rc;
}

static int64_t
version(struct store *st)
{
	int64_t v = -1;

	if (store_version(st, &v) != ERR_OK)
		return -1;
	return v;
}

static int64_t
article_id(struct store *st, const char *slug)
{
	json_t *a = NULL;
	int64_t id = -1;

	if (store_article_get(st, slug, &a) == ERR_OK)
		id = json_integer_value(json_object_get(a, "id"));
	json_decref(a);
	return id;
}

static int64_t
article_reads(struct store *st, const char *slug)
{
	json_t *a = NULL;
	int64_t n = -1;

	if (store_article_get(st, slug, &a) == ERR_OK)
		n = json_integer_value(json_object_get(a, "reads"));
	json_decref(a);
	return n;
}

/* Opening and migrating */

static struct store *
test_open_migrate(void)
{
	struct store *st = NULL, *st2 = NULL;
	char missing[4200];
	int from = -1, to = -1, from2 = -1, to2 = -1;
	enum err rc;

	if (be.tmpdir[0] != '\0') {
		snprintf(missing, sizeof(missing), "%s/missing.db", be.tmpdir);
		rc = store_open(missing, 0, &st2);
		T_STREQ("store_open: missing file without create",
		    err_str(rc), err_str(ERR_NOTFOUND));
		T_INTEQ("store_open: missing file not created",
		    access(missing, F_OK), -1);
	}
	rc = store_open(be.dsn, 1, &st);
	T_STREQ("store_open: create", err_str(rc), err_str(ERR_OK));
	if (rc != ERR_OK)
		return NULL;
	rc = store_check_schema(st);
	T_STREQ("store_check_schema: unmigrated database", err_str(rc),
	    err_str(ERR_INVAL));
	rc = store_migrate(st, &from, &to);
	T_STREQ("store_migrate: 0 to N rc", err_str(rc), err_str(ERR_OK));
	T_INTEQ("store_migrate: from 0", from, 0);
	T_TRUE("store_migrate: to N > 0", to > 0);
	rc = store_check_schema(st);
	T_STREQ("store_check_schema: migrated database", err_str(rc),
	    err_str(ERR_OK));
	rc = store_migrate(st, &from2, &to2);
	T_STREQ("store_migrate: N to N rc", err_str(rc), err_str(ERR_OK));
	T_INTEQ("store_migrate: again from N", from2, to);
	T_INTEQ("store_migrate: again to N", to2, to);
	T_TRUE("store_version: starts positive", version(st) > 0);

	/* A second connection sees the same schema. */
	rc = store_open(be.dsn, 0, &st2);
	T_STREQ("store_open: second connection", err_str(rc),
	    err_str(ERR_OK));
	if (rc == ERR_OK) {
		T_STREQ("store_check_schema: second connection",
		    err_str(store_check_schema(st2)), err_str(ERR_OK));
		store_close(st2);
	}
	store_close(NULL);
	return st;
}

/* Content: what is put */

static const struct {
	const char	*kind;
	const char	*rec;
} content[] = {
	{ "site", "{\"name\": \"The Octavo Review\", \"tagline\": \"Tests\","
	    " \"language\": \"en\"}" },
	{ "site", "{\"name\": \"The Test Review\"}" },
	{ "section", "{\"slug\": \"field-reports\", \"name\": \"Field"
	    " Reports\", \"description\": \"From the field\","
	    " \"position\": 2}" },
	{ "section", "{\"slug\": \"analysis\", \"name\": \"Analysis\","
	    " \"position\": 1}" },
	{ "pub_type", "{\"slug\": \"book\", \"name\": \"Books\","
	    " \"position\": 2}" },
	{ "pub_type", "{\"slug\": \"paper\", \"name\": \"Research papers\","
	    " \"position\": 1}" },
	{ "person", "{\"slug\": \"ada\", \"name\": \"Ada Lovelace\","
	    " \"bio\": \"Wrote *notes*.\", \"affiliation\": \"Analytical"
	    " Society\", \"photo\": \"ada.jpg\", \"staff\": true}" },
	{ "person", "{\"slug\": \"bob\", \"name\": \"Bob Brown\","
	    " \"staff\": false}" },
	{ "person", "{\"slug\": \"cyd\", \"name\": \"Cyd Charisse\"}" },
	{ "issue", "{\"number\": 1, \"volume\": 1, \"date\": \"2024-01-10\","
	    " \"title\": \"First\"}" },
	{ "issue", "{\"number\": 2, \"volume\": 1, \"date\": \"2024-01-24\","
	    " \"title\": \"Second\"}" },
	{ "issue", "{\"number\": 3, \"volume\": 1, \"date\": \"2024-02-07\","
	    " \"title\": \"Draft\", \"status\": \"draft\"}" },
	{ "issue", "{\"number\": 4, \"volume\": 2, \"date\": \"2024-02-21\","
	    " \"title\": \"Fourth\"}" },
	{ "article", "{\"slug\": \"first-light\", \"title\": \"First Light\","
	    " \"dek\": \"A dek\", \"body\": \"Body *one*\","
	    " \"section\": \"field-reports\", \"issue\": 1, \"position\": 1,"
	    " \"published_at\": \"2024-01-10T09:00:00Z\","
	    " \"authors\": [\"bob\", \"ada\"], \"reads\": 10}" },
	{ "article", "{\"slug\": \"second-wind\", \"title\": \"Second Wind\","
	    " \"section\": \"analysis\", \"issue\": 1, \"position\": 2,"
	    " \"published_at\": \"2024-01-10T09:01:00Z\","
	    " \"updated_at\": \"2024-03-01T00:00:00Z\","
	    " \"authors\": [\"ada\"]}" },
	{ "article", "{\"slug\": \"third-rail\", \"title\": \"Third Rail\","
	    " \"section\": \"field-reports\", \"issue\": 2,"
	    " \"published_at\": \"2024-01-24T09:00:00Z\","
	    " \"authors\": [\"cyd\"]}" },
	{ "article", "{\"slug\": \"fourth-wall\", \"title\": \"Fourth Wall\","
	    " \"section\": \"field-reports\", \"issue\": 4,"
	    " \"published_at\": \"2024-02-21T09:00:00Z\","
	    " \"authors\": [\"ada\", \"cyd\"]}" },
	{ "article", "{\"slug\": \"loose-note\", \"title\": \"Loose Note\","
	    " \"section\": \"analysis\","
	    " \"published_at\": \"2024-02-01T12:00:00Z\","
	    " \"authors\": [\"bob\"]}" },
	{ "article", "{\"slug\": \"draft-piece\", \"title\": \"Draft\","
	    " \"section\": \"field-reports\", \"issue\": 4,"
	    " \"status\": \"draft\","
	    " \"published_at\": \"2024-02-22T09:00:00Z\","
	    " \"authors\": [\"ada\"]}" },
	{ "article", "{\"slug\": \"in-draft-issue\", \"title\": \"Hidden\","
	    " \"section\": \"analysis\", \"issue\": 3,"
	    " \"status\": \"draft\","
	    " \"published_at\": \"2024-02-07T09:00:00Z\","
	    " \"authors\": [\"ada\"]}" },
	{ "article", "{\"slug\": \"doomed\", \"title\": \"Doomed\","
	    " \"section\": \"analysis\","
	    " \"published_at\": \"2020-01-01T00:00:00Z\"}" },
	{ "publication", "{\"type\": \"paper\", \"title\": \"On Engines\","
	    " \"venue\": \"Journal X\", \"date\": \"2023-05-01\","
	    " \"url\": \"https://example.org/1\", \"authors\": [\"ada\"]}" },
	{ "publication", "{\"type\": \"book\", \"title\": \"A Book\","
	    " \"date\": \"2022-01-01\", \"authors\": [\"bob\", \"ada\"]}" },
	{ "publication", "{\"type\": \"paper\", \"title\": \"Bob's Paper\","
	    " \"date\": \"2024-03-01\", \"summary\": \"S\","
	    " \"cover\": \"c.jpg\", \"authors\": [\"bob\"]}" },
	{ "link", "{\"name\": \"Partner\", \"url\": \"https://p.example\","
	    " \"position\": 2}" },
	{ "link", "{\"name\": \"Another\", \"url\": \"https://a.example\","
	    " \"description\": \"d\", \"position\": 1}" },
	{ "event", "{\"title\": \"Past Talk\","
	    " \"starts_at\": \"2024-05-01T10:00:00Z\","
	    " \"ends_at\": \"2024-05-01T12:00:00Z\", \"place\": \"Hall\"}" },
	{ "event", "{\"title\": \"Exactly Now\","
	    " \"starts_at\": \"2024-06-01T00:00:00Z\","
	    " \"ends_at\": \"2024-06-01T01:00:00Z\"}" },
	{ "event", "{\"title\": \"Future Fair\","
	    " \"starts_at\": \"2024-07-01T09:00:00Z\","
	    " \"description\": \"Stalls\", \"url\": \"https://f.example\","
	    " \"tz\": \"Europe/Paris\"}" },
	{ "event", "{\"title\": \"Older\","
	    " \"starts_at\": \"2023-01-01T00:00:00Z\","
	    " \"ends_at\": \"2023-01-01T02:00:00Z\"}" },
};

static void
test_put_all(struct store *st)
{
	char what[128];
	int64_t v0, v1;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(content); i++) {
		v0 = version(st);
		rc = put(st, content[i].kind, content[i].rec);
		v1 = version(st);
		snprintf(what, sizeof(what), "store_put %s #%zu",
		    content[i].kind, i);
		T_STREQ(what, err_str(rc), err_str(ERR_OK));
		snprintf(what, sizeof(what), "store_version: bumped by put "
		    "%s #%zu", content[i].kind, i);
		T_TRUE(what, v1 > v0);
	}
}

/* Content: what is read back */

#define SEC_FIELD \
	"{\"slug\": \"field-reports\", \"name\": \"Field Reports\"}"
/* An article record's correction note (none). */
#define ARTICLE_MORE \
	"\"correction\": \"\", \"correction_kind\": \"correction\"," \
	" \"correction_date\": \"\""
#define SEC_ANALYSIS	"{\"slug\": \"analysis\", \"name\": \"Analysis\"}"
#define AU_ADA		"{\"slug\": \"ada\", \"name\": \"Ada Lovelace\"}"
#define AU_BOB		"{\"slug\": \"bob\", \"name\": \"Bob Brown\"}"
#define AU_CYD		"{\"slug\": \"cyd\", \"name\": \"Cyd Charisse\"}"

/* Rows of the article lists (ART_COLS in the SQLite backend). */
#define SUM_FIRST \
	"{\"slug\": \"first-light\", \"title\": \"First Light\"," \
	" \"dek\": \"A dek\", \"published_at\": \"2024-01-10T09:00:00Z\"," \
	" \"section\": " SEC_FIELD "," \
	" \"issue\": {\"number\": 1, \"date\": \"2024-01-10\"}," \
	" \"authors\": [" AU_BOB ", " AU_ADA "]}"
#define SUM_SECOND \
	"{\"slug\": \"second-wind\", \"title\": \"Second Wind\"," \
	" \"dek\": \"\", \"published_at\": \"2024-01-10T09:01:00Z\"," \
	" \"section\": " SEC_ANALYSIS "," \
	" \"issue\": {\"number\": 1, \"date\": \"2024-01-10\"}," \
	" \"authors\": [" AU_ADA "]}"
#define SUM_THIRD \
	"{\"slug\": \"third-rail\", \"title\": \"Third Rail\"," \
	" \"dek\": \"\", \"published_at\": \"2024-01-24T09:00:00Z\"," \
	" \"section\": " SEC_FIELD "," \
	" \"issue\": {\"number\": 2, \"date\": \"2024-01-24\"}," \
	" \"authors\": [" AU_CYD "]}"
#define SUM_FOURTH \
	"{\"slug\": \"fourth-wall\", \"title\": \"Fourth Wall\"," \
	" \"dek\": \"\", \"published_at\": \"2024-02-21T09:00:00Z\"," \
	" \"section\": " SEC_FIELD "," \
	" \"issue\": {\"number\": 4, \"date\": \"2024-02-21\"}," \
	" \"authors\": [" AU_ADA ", " AU_CYD "]}"
#define SUM_LOOSE \
	"{\"slug\": \"loose-note\", \"title\": \"Loose Note\"," \
	" \"dek\": \"\", \"published_at\": \"2024-02-01T12:00:00Z\"," \
	" \"section\": " SEC_ANALYSIS "," \
	" \"authors\": [" AU_BOB "]}"
#define SUM_DOOMED \
	"{\"slug\": \"doomed\", \"title\": \"Doomed\"," \
	" \"dek\": \"\", \"published_at\": \"2020-01-01T00:00:00Z\"," \
	" \"section\": " SEC_ANALYSIS ", \"authors\": []}"

static const struct {
	const char		*name;
	struct store_query	 q;
	long			 total;
	const char		*rows;
} art_lists[] = {
	{ "recent, all", { NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL }, 6,
	    "[" SUM_FOURTH "," SUM_LOOSE "," SUM_THIRD "," SUM_SECOND ","
	    SUM_FIRST "," SUM_DOOMED "]" },
	{ "recent, limit 2 offset 1", { NULL, 0, NULL, NULL, 0, 2, 1,
	    NULL, NULL }, 6,
	    "[" SUM_LOOSE "," SUM_THIRD "]" },
	{ "section", { "field-reports", 0, NULL, NULL, 0, 0, 0, NULL, NULL }, 3,
	    "[" SUM_FOURTH "," SUM_THIRD "," SUM_FIRST "]" },
	{ "section, limit 2 offset 1", { "field-reports", 0, NULL, NULL, 0,
	    2, 1, NULL, NULL }, 3, "[" SUM_THIRD "," SUM_FIRST "]" },
	{ "section, offset past the end", { "field-reports", 0, NULL, NULL,
	    0, 10, 3, NULL, NULL }, 3, "[]" },
	{ "unknown section", { "nope", 0, NULL, NULL, 0, 0, 0,
	    NULL, NULL }, 0, "[]" },
	{ "issue 1 in section then issue order", { NULL, 1, NULL, NULL, 0,
	    0, 0, NULL, NULL }, 2, "[" SUM_SECOND "," SUM_FIRST "]" },
	{ "issue 1, limit 1", { NULL, 1, NULL, NULL, 0, 1, 0, NULL, NULL }, 2,
	    "[" SUM_SECOND "]" },
	{ "issue 4 hides drafts", { NULL, 4, NULL, NULL, 0, 0, 0,
	    NULL, NULL }, 1,
	    "[" SUM_FOURTH "]" },
	{ "draft issue 3 is empty", { NULL, 3, NULL, NULL, 0, 0, 0,
	    NULL, NULL }, 0,
	    "[]" },
	{ "author", { NULL, 0, "ada", NULL, 0, 0, 0, NULL, NULL }, 3,
	    "[" SUM_FOURTH "," SUM_SECOND "," SUM_FIRST "]" },
	{ "author, limit 1 offset 2", { NULL, 0, "ada", NULL, 0, 1, 2,
	    NULL, NULL }, 3,
	    "[" SUM_FIRST "]" },
	{ "author bob", { NULL, 0, "bob", NULL, 0, 0, 0, NULL, NULL }, 2,
	    "[" SUM_LOOSE "," SUM_FIRST "]" },
	{ "unknown author", { NULL, 0, "zed", NULL, 0, 0, 0,
	    NULL, NULL }, 0, "[]" },
};

#define PUB_ENGINES \
	"{\"type\": {\"slug\": \"paper\", \"name\": \"Research papers\"}," \
	" \"title\": \"On Engines\", \"venue\": \"Journal X\"," \
	" \"date\": \"2023-05-01\", \"url\": \"https://example.org/1\"," \
	" \"cover\": \"\", \"summary\": \"\", \"authors\": [" AU_ADA "]}"
#define PUB_BOOK \
	"{\"type\": {\"slug\": \"book\", \"name\": \"Books\"}," \
	" \"title\": \"A Book\", \"venue\": \"\", \"date\": \"2022-01-01\"," \
	" \"url\": \"\", \"cover\": \"\", \"summary\": \"\"," \
	" \"authors\": [" AU_BOB ", " AU_ADA "]}"
#define PUB_BOBS \
	"{\"type\": {\"slug\": \"paper\", \"name\": \"Research papers\"}," \
	" \"title\": \"Bob's Paper\", \"venue\": \"\"," \
	" \"date\": \"2024-03-01\", \"url\": \"\", \"cover\": \"c.jpg\"," \
	" \"summary\": \"S\", \"authors\": [" AU_BOB "]}"

static const struct {
	const char		*name;
	struct store_query	 q;
	long			 total;
	const char		*rows;
} pub_lists[] = {
	{ "all, newest first", { NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL }, 3,
	    "[" PUB_BOBS "," PUB_ENGINES "," PUB_BOOK "]" },
	{ "all, limit 1 offset 1", { NULL, 0, NULL, NULL, 0, 1, 1,
	    NULL, NULL }, 3,
	    "[" PUB_ENGINES "]" },
	{ "type", { NULL, 0, NULL, "paper", 0, 0, 0, NULL, NULL }, 2,
	    "[" PUB_BOBS "," PUB_ENGINES "]" },
	{ "unknown type", { NULL, 0, NULL, "zine", 0, 0, 0,
	    NULL, NULL }, 0, "[]" },
	{ "author", { NULL, 0, "ada", NULL, 0, 0, 0, NULL, NULL }, 2,
	    "[" PUB_ENGINES "," PUB_BOOK "]" },
	{ "staff authors", { NULL, 0, NULL, NULL, 1, 0, 0, NULL, NULL }, 2,
	    "[" PUB_ENGINES "," PUB_BOOK "]" },
	{ "type and staff", { NULL, 0, NULL, "paper", 1, 0, 0, NULL, NULL }, 1,
	    "[" PUB_ENGINES "]" },
	{ "type and author", { NULL, 0, "bob", "book", 0, 0, 0, NULL, NULL }, 1,
	    "[" PUB_BOOK "]" },
	{ "author without publications", { NULL, 0, "cyd", NULL, 0, 0, 0,
	    NULL, NULL },
	    0, "[]" },
};

static void
test_reads_back(struct store *st)
{
	json_t *j;
	long total;
	size_t i;
	enum err rc;

	j = NULL;
	rc = store_site_get(st, &j);
	T_INTEQ("store_site_get: rc", rc, ERR_OK);
	check_json("store_site_get: later put updates, others kept", j,
	    "{\"name\": \"The Test Review\", \"tagline\": \"Tests\","
	    " \"language\": \"en\"}");

	j = NULL;
	rc = store_sections_list(st, &j);
	T_INTEQ("store_sections_list: rc", rc, ERR_OK);
	check_json("store_sections_list: by position, defaults filled", j,
	    "[{\"slug\": \"analysis\", \"name\": \"Analysis\","
	    " \"description\": \"\", \"position\": 1},"
	    " {\"slug\": \"field-reports\", \"name\": \"Field Reports\","
	    " \"description\": \"From the field\", \"position\": 2}]");

	j = NULL;
	rc = store_pub_types_list(st, &j);
	T_INTEQ("store_pub_types_list: rc", rc, ERR_OK);
	check_json("store_pub_types_list: by position", j,
	    "[{\"slug\": \"paper\", \"name\": \"Research papers\","
	    " \"position\": 1}, {\"slug\": \"book\", \"name\": \"Books\","
	    " \"position\": 2}]");

	j = NULL;
	rc = store_person_get(st, "ada", &j);
	T_INTEQ("store_person_get: rc", rc, ERR_OK);
	check_json("store_person_get: every field", j,
	    "{\"slug\": \"ada\", \"name\": \"Ada Lovelace\","
	    " \"bio\": \"Wrote *notes*.\", \"affiliation\": \"Analytical"
	    " Society\", \"photo\": \"ada.jpg\", \"role\": \"\","
	    " \"staff\": 1}");
	j = NULL;
	rc = store_person_get(st, "cyd", &j);
	check_json("store_person_get: defaults", j,
	    "{\"slug\": \"cyd\", \"name\": \"Cyd Charisse\", \"bio\": \"\","
	    " \"affiliation\": \"\", \"photo\": \"\", \"role\": \"\","
	    " \"staff\": 0}");
	j = NULL;
	rc = store_person_get(st, "nobody", &j);
	T_STREQ("store_person_get: unknown", err_str(rc),
	    err_str(ERR_NOTFOUND));
	json_decref(j);

	j = NULL;
	rc = store_people_list(st, 1, &j);
	check_json("store_people_list: staff only", j,
	    "[{\"slug\": \"ada\", \"name\": \"Ada Lovelace\","
	    " \"affiliation\": \"Analytical Society\", \"staff\": 1}]");
	j = NULL;
	rc = store_people_list(st, 0, &j);
	check_json("store_people_list: all by name", j,
	    "[{\"slug\": \"ada\", \"name\": \"Ada Lovelace\","
	    " \"affiliation\": \"Analytical Society\", \"staff\": 1},"
	    " {\"slug\": \"bob\", \"name\": \"Bob Brown\","
	    " \"affiliation\": \"\", \"staff\": 0},"
	    " {\"slug\": \"cyd\", \"name\": \"Cyd Charisse\","
	    " \"affiliation\": \"\", \"staff\": 0}]");

	/* Issues: drafts are invisible, prev/next skip them. */
	j = NULL;
	rc = store_issues_list(st, &j);
	T_INTEQ("store_issues_list: rc", rc, ERR_OK);
	check_json("store_issues_list: published, newest first, counts", j,
	    "[{\"number\": 4, \"volume\": 2, \"date\": \"2024-02-21\","
	    " \"title\": \"Fourth\", \"count\": 1},"
	    " {\"number\": 2, \"volume\": 1, \"date\": \"2024-01-24\","
	    " \"title\": \"Second\", \"count\": 1},"
	    " {\"number\": 1, \"volume\": 1, \"date\": \"2024-01-10\","
	    " \"title\": \"First\", \"count\": 2}]");
	j = NULL;
	rc = store_issue_get(st, 2, &j);
	check_json("store_issue_get: prev and next skip the draft", j,
	    "{\"number\": 2, \"volume\": 1, \"date\": \"2024-01-24\","
	    " \"title\": \"Second\","
	    " \"note\": \"\", \"cover\": \"\", \"prev\": 1, \"next\": 4}");
	j = NULL;
	rc = store_issue_get(st, 1, &j);
	check_json("store_issue_get: first has no prev", j,
	    "{\"number\": 1, \"volume\": 1, \"date\": \"2024-01-10\","
	    " \"title\": \"First\","
	    " \"note\": \"\", \"cover\": \"\", \"prev\": null, \"next\": 2}");
	j = NULL;
	rc = store_issue_get(st, 4, &j);
	check_json("store_issue_get: last has no next", j,
	    "{\"number\": 4, \"volume\": 2, \"date\": \"2024-02-21\","
	    " \"title\": \"Fourth\","
	    " \"note\": \"\", \"cover\": \"\", \"prev\": 2, \"next\": null}");
	j = NULL;
	rc = store_issue_get(st, 3, &j);
	T_STREQ("store_issue_get: draft is not found", err_str(rc),
	    err_str(ERR_NOTFOUND));
	json_decref(j);
	j = NULL;
	rc = store_issue_get(st, 99, &j);
	T_STREQ("store_issue_get: unknown", err_str(rc),
	    err_str(ERR_NOTFOUND));
	json_decref(j);
	j = NULL;
	rc = store_issue_latest(st, &j);
	check_json("store_issue_latest: newest published", j,
	    "{\"number\": 4, \"volume\": 2, \"date\": \"2024-02-21\","
	    " \"title\": \"Fourth\","
	    " \"note\": \"\", \"cover\": \"\", \"prev\": 2, \"next\": null}");

	/* One article, nested. */
	j = NULL;
	rc = store_article_get(st, "first-light", &j);
	T_INTEQ("store_article_get: rc", rc, ERR_OK);
	check_json("store_article_get: nested section, issue, authors", j,
	    "{\"slug\": \"first-light\", \"title\": \"First Light\","
	    " \"dek\": \"A dek\", \"body\": \"Body *one*\","
	    " \"body_format\": \"markdown\","
	    " \"published_at\": \"2024-01-10T09:00:00Z\","
	    " \"updated_at\": \"2024-01-10T09:00:00Z\","
	    " \"section\": " SEC_FIELD ","
	    " \"issue\": {\"number\": 1, \"date\": \"2024-01-10\","
	    " \"title\": \"First\", \"volume\": 1}, \"reads\": 10,"
	    " \"authors\": [" AU_BOB ", " AU_ADA "],"
	    " " ARTICLE_MORE "}");
	j = NULL;
	rc = store_article_get(st, "second-wind", &j);
	check_json("store_article_get: updated_at and no reads", j,
	    "{\"slug\": \"second-wind\", \"title\": \"Second Wind\","
	    " \"dek\": \"\", \"body\": \"\", \"body_format\": \"markdown\","
	    " \"published_at\": \"2024-01-10T09:01:00Z\","
	    " \"updated_at\": \"2024-03-01T00:00:00Z\","
	    " \"section\": " SEC_ANALYSIS ","
	    " \"issue\": {\"number\": 1, \"date\": \"2024-01-10\","
	    " \"title\": \"First\", \"volume\": 1}, \"reads\": 0,"
	    " \"authors\": [" AU_ADA "],"
	    " " ARTICLE_MORE "}");
	j = NULL;
	rc = store_article_get(st, "loose-note", &j);
	check_json("store_article_get: no issue, no issue key", j,
	    "{\"slug\": \"loose-note\", \"title\": \"Loose Note\","
	    " \"dek\": \"\", \"body\": \"\", \"body_format\": \"markdown\","
	    " \"published_at\": \"2024-02-01T12:00:00Z\","
	    " \"updated_at\": \"2024-02-01T12:00:00Z\","
	    " \"section\": " SEC_ANALYSIS ", \"reads\": 0,"
	    " \"authors\": [" AU_BOB "], " ARTICLE_MORE "}");
	{
		static const char *const hidden[] = { "draft-piece",
		    "in-draft-issue", "no-such-article", "" };

		for (i = 0; i < nitems(hidden); i++) {
			j = NULL;
			rc = store_article_get(st, hidden[i], &j);
			T_STREQ(nm("store_article_get: not found", hidden[i]),
			    err_str(rc), err_str(ERR_NOTFOUND));
			json_decref(j);
		}
	}

	for (i = 0; i < nitems(art_lists); i++) {
		j = NULL;
		total = -1;
		rc = store_articles_list(st, &art_lists[i].q, &j, &total);
		T_STREQ(nm("store_articles_list rc", art_lists[i].name),
		    err_str(rc), err_str(ERR_OK));
		T_INTEQ(nm("store_articles_list total", art_lists[i].name),
		    total, art_lists[i].total);
		check_json(nm("store_articles_list", art_lists[i].name), j,
		    art_lists[i].rows);
	}
	j = NULL;
	rc = store_articles_list(st, &art_lists[0].q, &j, NULL);
	T_TRUE("store_articles_list: total may be NULL",
	    rc == ERR_OK && json_array_size(j) == 6);
	/* Second Wind and First Light: issue 1, two sections. */
	T_TRUE("store_articles_list: consecutive rows share an equal issue",
	    json_object_get(json_array_get(j, 3), "issue") ==
	    json_object_get(json_array_get(j, 4), "issue"));
	T_TRUE("store_articles_list: and not a different section",
	    json_object_get(json_array_get(j, 3), "section") !=
	    json_object_get(json_array_get(j, 4), "section"));
	json_decref(j);
	j = NULL;
	rc = store_articles_list(st, &art_lists[2].q, &j, NULL);
	T_TRUE("store_articles_list: a section's rows share its object",
	    rc == ERR_OK && json_array_size(j) == 3 &&
	    json_object_get(json_array_get(j, 0), "section") ==
	    json_object_get(json_array_get(j, 2), "section"));
	json_decref(j);

	for (i = 0; i < nitems(pub_lists); i++) {
		j = NULL;
		total = -1;
		rc = store_publications_list(st, &pub_lists[i].q, &j, &total);
		T_STREQ(nm("store_publications_list rc", pub_lists[i].name),
		    err_str(rc), err_str(ERR_OK));
		T_INTEQ(nm("store_publications_list total",
		    pub_lists[i].name), total, pub_lists[i].total);
		check_json(nm("store_publications_list", pub_lists[i].name),
		    j, pub_lists[i].rows);
	}

	j = NULL;
	rc = store_links_list(st, &j);
	check_json("store_links_list: by position", j,
	    "[{\"name\": \"Another\", \"url\": \"https://a.example\","
	    " \"description\": \"d\"},"
	    " {\"name\": \"Partner\", \"url\": \"https://p.example\","
	    " \"description\": \"\"}]");

	j = NULL;
	rc = store_events_list(st, 1, NOW, &j);
	check_json("store_events_list: upcoming from now, soonest first", j,
	    "[{\"title\": \"Exactly Now\","
	    " \"starts_at\": \"2024-06-01T00:00:00Z\","
	    " \"ends_at\": \"2024-06-01T01:00:00Z\", \"place\": \"\","
	    " \"description\": \"\", \"url\": \"\", \"tz\": \"UTC\"},"
	    " {\"title\": \"Future Fair\","
	    " \"starts_at\": \"2024-07-01T09:00:00Z\", \"ends_at\": null,"
	    " \"place\": \"\", \"description\": \"Stalls\","
	    " \"url\": \"https://f.example\", \"tz\": \"Europe/Paris\"}]");
	j = NULL;
	rc = store_events_list(st, 0, NOW, &j);
	check_json("store_events_list: past, latest first", j,
	    "[{\"title\": \"Past Talk\","
	    " \"starts_at\": \"2024-05-01T10:00:00Z\","
	    " \"ends_at\": \"2024-05-01T12:00:00Z\", \"place\": \"Hall\","
	    " \"description\": \"\", \"url\": \"\", \"tz\": \"UTC\"},"
	    " {\"title\": \"Older\", \"starts_at\": \"2023-01-01T00:00:00Z\","
	    " \"ends_at\": \"2023-01-01T02:00:00Z\", \"place\": \"\","
	    " \"description\": \"\", \"url\": \"\", \"tz\": \"UTC\"}]");
	j = NULL;
	rc = store_events_list(st, 1, NOW + 1, &j);
	T_INTEQ("store_events_list: a second later, one upcoming",
	    json_array_size(j), 1);
	json_decref(j);
}

/* Refused puts: nothing may be left behind, the version stays. */

static const struct {
	const char	*name;
	const char	*kind;
	const char	*rec;	/* NULL: a JSON array, not an object */
	enum err	 rc;
	const char	*slug;	/* an article that must not exist after */
} bad_puts[] = {
	{ "unknown kind", "nonsense", "{\"slug\": \"x\"}", ERR_INVAL, NULL },
	{ "empty kind", "", "{\"slug\": \"x\"}", ERR_INVAL, NULL },
	{ "record not an object", "section", NULL, ERR_INVAL, NULL },
	{ "site value not a string", "site", "{\"n\": 1}", ERR_INVAL, NULL },
	{ "section without name", "section", "{\"slug\": \"s2\"}", ERR_INVAL,
	    NULL },
	{ "section without slug", "section", "{\"name\": \"S\"}", ERR_INVAL,
	    NULL },
	{ "person without name", "person", "{\"slug\": \"p2\"}", ERR_INVAL,
	    NULL },
	{ "pub_type without name", "pub_type", "{\"slug\": \"t2\"}",
	    ERR_INVAL, NULL },
	{ "issue without date", "issue", "{\"number\": 9}", ERR_INVAL, NULL },
	{ "issue without number", "issue", "{\"date\": \"2024-01-01\"}",
	    ERR_INVAL, NULL },
	{ "issue with a bad status", "issue", "{\"number\": 9,"
	    " \"date\": \"2024-01-01\", \"status\": \"gone\"}", ERR_INVAL,
	    NULL },
	{ "article without title", "article", "{\"slug\": \"a1\","
	    " \"section\": \"analysis\", \"published_at\": \"2024\"}",
	    ERR_INVAL, "a1" },
	{ "article without published_at", "article", "{\"slug\": \"a2\","
	    " \"title\": \"T\", \"section\": \"analysis\"}", ERR_INVAL, "a2" },
	{ "article without section", "article", "{\"slug\": \"a3\","
	    " \"title\": \"T\", \"published_at\": \"2024\"}", ERR_INVAL,
	    "a3" },
	{ "article with unknown section", "article", "{\"slug\": \"a4\","
	    " \"title\": \"T\", \"section\": \"nope\","
	    " \"published_at\": \"2024\"}", ERR_INVAL, "a4" },
	{ "article with unknown issue", "article", "{\"slug\": \"a5\","
	    " \"title\": \"T\", \"section\": \"analysis\", \"issue\": 99,"
	    " \"published_at\": \"2024\"}", ERR_INVAL, "a5" },
	{ "article with unknown author", "article", "{\"slug\": \"a6\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"authors\": [\"ada\", \"zed\"]}",
	    ERR_INVAL, "a6" },
	{ "article with authors not a list", "article", "{\"slug\": \"a7\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"authors\": \"ada\"}", ERR_INVAL,
	    "a7" },
	{ "article with a number for author", "article", "{\"slug\": \"a8\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"authors\": [1]}", ERR_INVAL,
	    "a8" },
	{ "article with a bad status", "article", "{\"slug\": \"a9\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"status\": \"lost\"}", ERR_INVAL,
	    "a9" },
	{ "publication with unknown type", "publication", "{\"type\": \"zine\","
	    " \"title\": \"T\", \"date\": \"2024-01-01\"}", ERR_INVAL, NULL },
	{ "publication without date", "publication", "{\"type\": \"book\","
	    " \"title\": \"T\"}", ERR_INVAL, NULL },
	{ "publication with unknown author", "publication",
	    "{\"type\": \"book\", \"title\": \"Orphan\","
	    " \"date\": \"2030-01-01\", \"authors\": [\"zed\"]}", ERR_INVAL,
	    NULL },
	{ "link without url", "link", "{\"name\": \"L\"}", ERR_INVAL, NULL },
	{ "link to javascript:", "link", "{\"name\": \"L\","
	    " \"url\": \"javascript:alert(1)\"}", ERR_INVAL, NULL },
	{ "link with a tab in its scheme", "link", "{\"name\": \"L\","
	    " \"url\": \"java\\tscript:alert(1)\"}", ERR_INVAL, NULL },
	{ "link url not a string", "link", "{\"name\": \"L\", \"url\": 5}",
	    ERR_INVAL, NULL },
	{ "publication with a data: cover", "publication", "{\"type\":"
	    " \"book\", \"title\": \"T\", \"date\": \"2024-01-01\","
	    " \"cover\": \"data:image/svg+xml,<svg onload=alert(1)>\"}",
	    ERR_INVAL, NULL },
	{ "publication with a vbscript: url", "publication", "{\"type\":"
	    " \"book\", \"title\": \"T\", \"date\": \"2024-01-01\","
	    " \"url\": \"VBScript:x\"}", ERR_INVAL, NULL },
	{ "person with a spaced JaVaScRiPt: photo", "person",
	    "{\"slug\": \"p9\", \"name\": \"P\","
	    " \"photo\": \" JaVaScRiPt:alert(1)\"}", ERR_INVAL, NULL },
	{ "event with a javascript: url", "event", "{\"title\": \"E\","
	    " \"starts_at\": \"2024-01-01\", \"url\": \"javascript:x\"}",
	    ERR_INVAL, NULL },
	{ "site with a javascript: base_url", "site",
	    "{\"base_url\": \"javascript:alert(1)\"}", ERR_INVAL, NULL },
	{ "site with a relative base_url", "site", "{\"base_url\": \"/x\"}",
	    ERR_INVAL, NULL },
	/* The shape of a record is checked above the backend (record.c). */
	{ "section with an unknown field", "section", "{\"slug\": \"s3\","
	    " \"name\": \"S\", \"colour\": \"red\"}", ERR_INVAL, NULL },
	{ "section with a text position", "section", "{\"slug\": \"s4\","
	    " \"name\": \"S\", \"position\": \"2\"}", ERR_INVAL, NULL },
	{ "section with a number for name", "section", "{\"slug\": \"s5\","
	    " \"name\": 5}", ERR_INVAL, NULL },
	{ "person with staff \"yes\"", "person", "{\"slug\": \"p3\","
	    " \"name\": \"P\", \"staff\": \"yes\"}", ERR_INVAL, NULL },
	{ "person with staff 2", "person", "{\"slug\": \"p4\","
	    " \"name\": \"P\", \"staff\": 2}", ERR_INVAL, NULL },
	{ "issue with a text number", "issue", "{\"number\": \"9\","
	    " \"date\": \"2024-01-01\"}", ERR_INVAL, NULL },
	{ "issue with a real number", "issue", "{\"number\": 9.5,"
	    " \"date\": \"2024-01-01\"}", ERR_INVAL, NULL },
	{ "article with null title", "article", "{\"slug\": \"a10\","
	    " \"title\": null, \"section\": \"analysis\","
	    " \"published_at\": \"2024\"}", ERR_INVAL, "a10" },
	{ "article with reads as text", "article", "{\"slug\": \"a11\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"reads\": \"9\"}", ERR_INVAL,
	    "a11" },
	{ "article with a misspelt field", "article", "{\"slug\": \"a12\","
	    " \"title\": \"T\", \"section\": \"analysis\","
	    " \"published_at\": \"2024\", \"author\": [\"ada\"]}",
	    ERR_INVAL, "a12" },
	{ "event without starts_at", "event", "{\"title\": \"E\"}", ERR_INVAL,
	    NULL },
	{ "duplicate section slug", "section", "{\"slug\": \"analysis\","
	    " \"name\": \"Again\"}", ERR_CONFLICT, NULL },
	{ "duplicate pub_type slug", "pub_type", "{\"slug\": \"book\","
	    " \"name\": \"Again\"}", ERR_CONFLICT, NULL },
	{ "duplicate person slug", "person", "{\"slug\": \"ada\","
	    " \"name\": \"Again\"}", ERR_CONFLICT, NULL },
	{ "duplicate issue number", "issue", "{\"number\": 1,"
	    " \"date\": \"2024-05-05\"}", ERR_CONFLICT, NULL },
	{ "duplicate article slug", "article", "{\"slug\": \"first-light\","
	    " \"title\": \"Again\", \"section\": \"analysis\","
	    " \"published_at\": \"2024-05-05T00:00:00Z\"}", ERR_CONFLICT,
	    NULL },
};

/* store_check: the URL fields, what it says, and what it leaves alone. */

static const struct {
	const char	*name;
	const char	*kind;
	const char	*rec;
	enum err	 rc;
	const char	*why;	/* the start of the sentence */
} checks[] = {
	{ "link https", "link", "{\"url\": \"https://example.org/\"}",
	    ERR_OK, NULL },
	{ "link relative", "link", "{\"url\": \"/about\"}", ERR_OK, NULL },
	{ "link mailto", "link", "{\"url\": \"mailto:ed@example.org\"}",
	    ERR_OK, NULL },
	{ "link null url", "link", "{\"url\": null}", ERR_OK, NULL },
	{ "link javascript", "link", "{\"url\": \"javascript:x\"}",
	    ERR_INVAL, "link url: must be" },
	{ "link newline in scheme", "link", "{\"url\": \"java\\nscript:x\"}",
	    ERR_INVAL, "link url: must be" },
	{ "link control character", "link", "{\"url\": \"\\u0001https://x\"}",
	    ERR_INVAL, "link url: must be" },
	{ "publication url data", "publication", "{\"url\": \"data:x\"}",
	    ERR_INVAL, "publication url: must be" },
	{ "publication cover javascript", "publication",
	    "{\"url\": \"https://x\", \"cover\": \"JAVASCRIPT:x\"}",
	    ERR_INVAL, "publication cover: must be" },
	{ "publication empty cover", "publication", "{\"cover\": \"\"}",
	    ERR_OK, NULL },
	{ "person photo https", "person", "{\"photo\": \"https://x/p.jpg\"}",
	    ERR_OK, NULL },
	{ "person photo vbscript", "person", "{\"photo\": \"vbscript:x\"}",
	    ERR_INVAL, "person photo: must be" },
	{ "event url javascript", "event", "{\"url\": \"javascript:x\"}",
	    ERR_INVAL, "event url: must be" },
	{ "site base_url https", "site", "{\"base_url\": \"HTTPS://x.org\"}",
	    ERR_OK, NULL },
	{ "site base_url empty", "site", "{\"base_url\": \"\"}", ERR_OK,
	    NULL },
	{ "site base_url relative", "site", "{\"base_url\": \"//x.org\"}",
	    ERR_INVAL, "site base_url: must be an absolute" },
	{ "site base_url mailto", "site", "{\"base_url\": \"mailto:x\"}",
	    ERR_INVAL, "site base_url: must be an absolute" },
	{ "site name is not a URL", "site", "{\"name\": \"javascript:x\"}",
	    ERR_OK, NULL },
	{ "section has no URL field", "section", "{\"url\": \"javascript:x\"}",
	    ERR_OK, NULL },
	{ "article has no URL field", "article", "{\"url\": \"javascript:x\"}",
	    ERR_OK, NULL },
};

/* The key of each record of j (taken), joined by commas. */
static void
check_keys(const char *what, json_t *j, const char *key, const char *want)
{
	char out[512];
	size_t i, n = 0;
	json_t *it;

	out[0] = '\0';
	json_array_foreach(j, i, it)
		n += (size_t)snprintf(out + n, n < sizeof(out) ?
		    sizeof(out) - n : 0, "%s%s", i > 0 ? "," : "",
		    json_string_value(json_object_get(it, key)));
	T_STREQ(what, out, want);
	json_decref(j);
}

/* The back office's items: list, get, save, delete, move. */
static void
test_items(struct store *st)
{
	struct store_item_query q = { .limit = 10, .now = NOW };
	json_t *j = NULL, *rec;
	int64_t id = 0, pid = 0, tid;
	long total = 0;
	enum err rc;

	rec = json_pack("{s:s, s:s}", "name", "Third", "url",
	    "https://t.example");
	rc = store_item_save(st, "link", 0, rec, &id);
	json_decref(rec);
	T_STREQ("item_save: a new link", err_str(rc), err_str(ERR_OK));
	store_item_list(st, "link", &q, &j, &total);
	check_keys("item_list: a new link goes last", j, "name",
	    "Another,Partner,Third");
	T_INTEQ("item_list: the links' total", total, 3);
	rc = store_item_move(st, "link", id, 0);
	store_item_list(st, "link", &q, &j, NULL);
	check_keys("item_move: to the first place", j, "name",
	    "Third,Another,Partner");
	store_item_move(st, "link", id, 99);
	store_item_list(st, "link", &q, &j, NULL);
	check_keys("item_move: past the end is last", j, "name",
	    "Another,Partner,Third");
	T_STREQ("item_move: an unknown link", err_str(store_item_move(st,
	    "link", 99999, 0)), err_str(ERR_NOTFOUND));
	T_STREQ("item_move: events have no order", err_str(store_item_move(st,
	    "event", 1, 0)), err_str(ERR_INVAL));
	rec = json_pack("{s:s, s:s, s:s}", "name", "Third Renamed", "url",
	    "https://t.example/2", "description", "d");
	rc = store_item_save(st, "link", id, rec, &id);
	json_decref(rec);
	T_STREQ("item_save: a link changed", err_str(rc), err_str(ERR_OK));
	j = NULL;
	store_item_get(st, "link", id, &j);
	check_json("item_get: the link as changed, its place kept", j,
	    "{\"name\": \"Third Renamed\", \"url\": \"https://t.example/2\","
	    " \"description\": \"d\", \"position\": 3}");
	rec = json_pack("{s:s, s:s}", "name", "X", "url", "https://x.example");
	T_STREQ("item_save: an unknown link", err_str(store_item_save(st,
	    "link", 99999, rec, &pid)), err_str(ERR_NOTFOUND));
	json_decref(rec);
	rec = json_pack("{s:s, s:s}", "name", "X", "url", "javascript:x");
	T_STREQ("item_save: a refused URL", err_str(store_item_save(st,
	    "link", 0, rec, &pid)), err_str(ERR_INVAL));
	json_decref(rec);
	q.search = "PART";
	store_item_list(st, "link", &q, &j, &total);
	check_keys("item_list: search in any case", j, "name", "Partner");
	q.search = NULL;
	T_STREQ("item_delete: a link", err_str(store_item_delete(st, "link",
	    id)), err_str(ERR_OK));
	T_STREQ("item_delete: again", err_str(store_item_delete(st, "link",
	    id)), err_str(ERR_NOTFOUND));

	store_item_list(st, "pub_type", &q, &j, NULL);
	tid = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	T_TRUE("item_list: a type counts its publications",
	    json_integer_value(json_object_get(json_array_get(j, 0), "uses"))
	    > 0);
	json_decref(j);
	T_STREQ("item_delete: a type in use is refused", err_str(
	    store_item_delete(st, "pub_type", tid)), err_str(ERR_CONFLICT));
	T_TRUE("item_delete: the type in use stays", store_item_get(st,
	    "pub_type", tid, &j) == ERR_OK);
	json_decref(j);
	rec = json_pack("{s:s, s:s}", "slug", "paper", "name", "Dup");
	T_STREQ("item_save: a taken type slug", err_str(store_item_save(st,
	    "pub_type", 0, rec, &pid)), err_str(ERR_CONFLICT));
	json_decref(rec);

	rec = json_pack("{s:s, s:s, s:s, s:[s, s]}", "type", "paper",
	    "title", "Item Paper", "date", "2030-01-01", "authors", "cyd",
	    "ada");
	rc = store_item_save(st, "publication", 0, rec, &pid);
	json_decref(rec);
	T_STREQ("item_save: a publication", err_str(rc), err_str(ERR_OK));
	j = NULL;
	store_item_get(st, "publication", pid, &j);
	check_keys("item_get: its authors in order", json_incref(
	    json_object_get(j, "authors")), "slug", "cyd,ada");
	json_decref(j);
	rec = json_pack("{s:s, s:s, s:s, s:[s]}", "type", "book", "title",
	    "Item Book", "date", "2030-01-01", "authors", "bob");
	store_item_save(st, "publication", pid, rec, &pid);
	json_decref(rec);
	store_item_get(st, "publication", pid, &j);
	check_keys("item_save: authors rewritten", json_incref(
	    json_object_get(j, "authors")), "slug", "bob");
	json_decref(j);
	rec = json_pack("{s:s, s:s, s:s, s:[s]}", "type", "book", "title",
	    "Item Book", "date", "2030-01-01", "authors", "nobody");
	T_STREQ("item_save: an unknown author refused", err_str(
	    store_item_save(st, "publication", pid, rec, &pid)),
	    err_str(ERR_INVAL));
	json_decref(rec);
	store_item_get(st, "publication", pid, &j);
	check_keys("item_save: a refused save changes nothing", json_incref(
	    json_object_get(j, "authors")), "slug", "bob");
	json_decref(j);
	q.type = "book";
	q.search = "item";
	store_item_list(st, "publication", &q, &j, &total);
	check_keys("item_list: search and type", j, "title", "Item Book");
	q.type = "paper";
	store_item_list(st, "publication", &q, &j, &total);
	T_INTEQ("item_list: another type, none", total, 0);
	json_decref(j);
	q.type = NULL;
	q.search = NULL;
	store_item_delete(st, "publication", pid);

	store_item_list(st, "event", &q, &j, &total);
	check_keys("item_list: events upcoming first, then past", j,
	    "title", "Exactly Now,Future Fair,Past Talk,Older");
	q.limit = 1;
	q.offset = 2;
	store_item_list(st, "event", &q, &j, &total);
	check_keys("item_list: a page of events", j, "title", "Past Talk");
	T_INTEQ("item_list: the events' total", total, 4);
	T_STREQ("item_list: not an item kind", err_str(store_item_list(st,
	    "section", &q, &j, &total)), err_str(ERR_INVAL));
}

static void
test_check(void)
{
	const char *why;
	json_t *rec;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(checks); i++) {
		rec = json_loads(checks[i].rec, 0, NULL);
		why = "unset";
		rc = rec != NULL ? store_check(checks[i].kind, rec, &why) :
		    ERR_PARSE;
		json_decref(rec);
		T_STREQ(nm("store_check", checks[i].name), err_str(rc),
		    err_str(checks[i].rc));
		if (checks[i].why == NULL)
			T_TRUE(nm("store_check: no sentence", checks[i].name),
			    why == NULL);
		else
			T_TRUE(nm("store_check: the sentence names the field",
			    checks[i].name), why != NULL && strncmp(why,
			    checks[i].why, strlen(checks[i].why)) == 0);
	}
}

static void
test_bad_puts(struct store *st)
{
	json_t *rec, *j;
	int64_t v0, v1;
	long total0 = -1, total1 = -1;
	struct store_query all = { NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL };
	size_t i;
	enum err rc;

	j = NULL;
	store_publications_list(st, &all, &j, &total0);
	json_decref(j);
	for (i = 0; i < nitems(bad_puts); i++) {
		v0 = version(st);
		if (bad_puts[i].rec != NULL)
			rc = put(st, bad_puts[i].kind, bad_puts[i].rec);
		else {
			rec = json_array();
			rc = store_put(st, bad_puts[i].kind, rec);
			json_decref(rec);
		}
		v1 = version(st);
		T_STREQ(nm("store_put refused", bad_puts[i].name),
		    err_str(rc), err_str(bad_puts[i].rc));
		T_INTEQ(nm("store_put refused leaves the version",
		    bad_puts[i].name), v1, v0);
		if (bad_puts[i].slug != NULL) {
			j = NULL;
			rc = store_article_get(st, bad_puts[i].slug, &j);
			T_STREQ(nm("store_put refused leaves no article",
			    bad_puts[i].name), err_str(rc),
			    err_str(ERR_NOTFOUND));
			json_decref(j);
		}
	}
	j = NULL;
	store_publications_list(st, &all, &j, &total1);
	json_decref(j);
	T_INTEQ("store_put refused leaves no publication", total1, total0);

	/* Once fixed, a refused article goes in under the same slug. */
	rc = put(st, "article", "{\"slug\": \"a6\", \"title\": \"T\","
	    " \"section\": \"analysis\", \"published_at\": \"2019-01-01\","
	    " \"authors\": [\"ada\"]}");
	T_STREQ("store_put: refused slug is free again", err_str(rc),
	    err_str(ERR_OK));
}

/* Transactions */

static void
test_transactions(struct store *st)
{
	json_t *j = NULL;
	int64_t v0;
	enum err rc;

	v0 = version(st);
	rc = store_begin(st);
	T_INTEQ("store_begin: rc", rc, ERR_OK);
	rc = put(st, "section", "{\"slug\": \"rolled\", \"name\": \"R\"}");
	T_INTEQ("store_put in a transaction", rc, ERR_OK);
	store_rollback(st);
	T_INTEQ("store_rollback: version back", version(st), v0);
	store_sections_list(st, &j);
	T_INTEQ("store_rollback: section gone", json_array_size(j), 2);
	json_decref(j);
	store_rollback(st);
	T_PASS("store_rollback: outside a transaction is harmless");

	rc = store_begin(st);
	put(st, "section", "{\"slug\": \"kept\", \"name\": \"K\","
	    " \"position\": 9}");
	rc = store_commit(st);
	T_INTEQ("store_commit: rc", rc, ERR_OK);
	T_TRUE("store_commit: version bumped", version(st) > v0);
	j = NULL;
	store_sections_list(st, &j);
	T_INTEQ("store_commit: section kept", json_array_size(j), 3);
	json_decref(j);

	/* Commits that reach the OS only (the mailer's): set between
	 * transactions, never inside one; back to full, on disk. */
	store_begin(st);
	T_INTEQ("store_sync_set: refused in a transaction",
	    store_sync_set(st, 0), ERR_INVAL);
	store_rollback(st);
	T_INTEQ("store_sync_set: lazy", store_sync_set(st, 0), ERR_OK);
	store_begin(st);
	T_INTEQ("store_sync_set: a put", put(st, "section", "{\"slug\":"
	    " \"lazy\", \"name\": \"L\", \"position\": 10}"), ERR_OK);
	T_INTEQ("store_sync_set: a lazy commit", store_commit(st), ERR_OK);
	T_INTEQ("store_sync_set: full again", store_sync_set(st, 1), ERR_OK);
}

/* Counters and subscribers never bump the content version. */

static void
test_reads_subscribers(struct store *st)
{
	struct store_reads r[3];
	struct store *st2 = NULL;
	int64_t v0, v2 = -1, first, third, doomed;
	long long d;
	int created;
	enum err rc;

	first = article_id(st, "first-light");
	third = article_id(st, "third-rail");
	doomed = article_id(st, "doomed");
	T_TRUE("fixture: article ids", first > 0 && third > 0 && doomed > 0);
	v0 = version(st);

	r[0] = (struct store_reads){ first, 5 };
	r[1] = (struct store_reads){ third, 2 };
	rc = store_reads_add(st, r, 2, "2024-06-01");
	T_INTEQ("store_reads_add: rc", rc, ERR_OK);
	T_INTEQ("store_reads_add: adds to put reads", article_reads(st,
	    "first-light"), 15);
	T_INTEQ("store_reads_add: starts from 0", article_reads(st,
	    "third-rail"), 2);
	r[0] = (struct store_reads){ first, 1 };
	rc = store_reads_add(st, r, 1, "2024-06-01");
	r[0] = (struct store_reads){ first, 4 };
	rc = store_reads_add(st, r, 1, "2024-06-02");
	T_INTEQ("store_reads_add: additive", article_reads(st,
	    "first-light"), 20);
	T_INTEQ("store_reads_add: empty batch", store_reads_add(st, r, 0,
	    "2024-06-02"), ERR_OK);
	T_INTEQ("store_version: not bumped by store_reads_add", version(st),
	    v0);

	d = backend_daily(first, "2024-06-01");
	if (d != -1) {
		T_INTEQ("store_reads_add: reads_daily sums a day", d, 6);
		T_INTEQ("store_reads_add: reads_daily next day",
		    backend_daily(first, "2024-06-02"), 4);
		T_INTEQ("store_reads_add: reads_daily other article",
		    backend_daily(third, "2024-06-01"), 2);
		T_INTEQ("store_reads_add: reads_daily untouched day",
		    backend_daily(first, "2024-05-31"), 0);
		T_INTEQ("store_reads_add: put reads are not a day's",
		    backend_sql("SELECT count(*) FROM reads_daily"
		    " WHERE article_id = ?1", first, NULL), 2);
	} else
		printf("# skip reads_daily checks: no reader for %s\n",
		    be.dsn);

	/* Unknown and deleted articles are ignored, the rest is added. */
	r[0] = (struct store_reads){ 987654, 3 };
	r[1] = (struct store_reads){ first, 1 };
	rc = store_reads_add(st, r, 2, "2024-06-02");
	T_STREQ("store_reads_add: unknown article ignored", err_str(rc),
	    err_str(ERR_OK));
	T_INTEQ("store_reads_add: known one still added",
	    article_reads(st, "first-light"), 21);
	if (backend_sql("DELETE FROM articles WHERE id = ?1", doomed,
	    NULL) == 0) {
		v0 = version(st);
		r[0] = (struct store_reads){ doomed, 7 };
		r[1] = (struct store_reads){ third, 1 };
		r[2] = (struct store_reads){ doomed, 1 };
		rc = store_reads_add(st, r, 3, "2024-06-02");
		T_STREQ("store_reads_add: deleted article ignored",
		    err_str(rc), err_str(ERR_OK));
		T_INTEQ("store_reads_add: no row for a deleted article",
		    backend_sql("SELECT count(*) FROM article_reads"
		    " WHERE article_id = ?1", doomed, NULL) +
		    backend_sql("SELECT count(*) FROM reads_daily"
		    " WHERE article_id = ?1", doomed, NULL), 0);
		T_INTEQ("store_reads_add: others added past a deleted one",
		    article_reads(st, "third-rail"), 3);
	}

	v0 = version(st);
	created = -1;
	rc = store_subscriber_add(st, "Reader@Example.org", "tok1", &created);
	T_INTEQ("store_subscriber_add: rc", rc, ERR_OK);
	T_INTEQ("store_subscriber_add: new address created", created, 1);
	created = -1;
	rc = store_subscriber_add(st, "reader@example.ORG", "tok2", &created);
	T_INTEQ("store_subscriber_add: same address rc", rc, ERR_OK);
	T_INTEQ("store_subscriber_add: other case not created", created, 0);
	created = -1;
	rc = store_subscriber_add(st, "other@example.org", "tok3", &created);
	T_INTEQ("store_subscriber_add: after a duplicate, created", created,
	    1);
	created = -1;
	rc = store_subscriber_add(st, "x@example.org", NULL, &created);
	T_STREQ("store_subscriber_add: no token", err_str(rc),
	    err_str(ERR_INVAL));
	T_INTEQ("store_version: not bumped by store_subscriber_add",
	    version(st), v0);

	/* Another connection sees the same version (cache polling). */
	if (store_open(be.dsn, 0, &st2) == ERR_OK) {
		store_version(st2, &v2);
		T_INTEQ("store_version: same on a second connection", v2,
		    version(st));
		put(st2, "link", "{\"name\": \"N\", \"url\": \"u\"}");
		T_TRUE("store_version: a write on one connection is seen "
		    "on the other", version(st) > v2);
		store_close(st2);
	}
}

/* Paging: every page is the slice of the whole list, from either end. */

#define LONG_N		45	/* articles put in section "long" */

static const char *
long_slug(int k)
{
	static char b[32];

	snprintf(b, sizeof(b), "long-%02d", k);
	return b;
}

/* The list as slugs joined by spaces (caller frees), or NULL. */
static char *
list_slugs(struct store *st, const struct store_query *q, long *total)
{
	json_t *rows = NULL, *r;
	struct buf b;
	size_t i;

	if (store_articles_list(st, q, &rows, total) != ERR_OK)
		return NULL;
	buf_init(&b, 64 * 1024);
	json_array_foreach(rows, i, r) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, json_string_value(json_object_get(r, "slug")));
	}
	json_decref(rows);
	return b.p != NULL ? b.p : xstrdup("");
}

/* Words [from, from + n) of s, space-joined (caller frees). */
static char *
words(const char *s, long from, long n)
{
	struct buf b;
	const char *p = s, *e;
	long i;

	buf_init(&b, 64 * 1024);
	for (i = 0; *p != '\0' && i < from + n; i++) {
		e = p + strcspn(p, " ");
		if (i >= from) {
			if (b.len > 0)
				buf_putc(&b, ' ');
			buf_add(&b, p, (size_t)(e - p));
		}
		p = *e == ' ' ? e + 1 : e;
	}
	return b.p != NULL ? b.p : xstrdup("");
}

static void
check_pages(struct store *st, const char *name, struct store_query q,
    long want_total)
{
	static const long limits[] = { 1, 7, 20, 36, 50 };
	char *all, *page, *want, what[256];
	long total = -1, off;
	size_t l;
	int bad = 0;

	q.limit = 0;
	q.offset = 0;
	all = list_slugs(st, &q, &total);
	T_INTEQ(nm("paging: total", name), total, want_total);
	for (l = 0; l < nitems(limits) && all != NULL; l++) {
		for (off = 0; off <= want_total + 2; off++) {
			q.limit = limits[l];
			q.offset = off;
			total = -1;
			page = list_slugs(st, &q, &total);
			want = words(all, off, limits[l]);
			if (page == NULL || strcmp(page, want) != 0 ||
			    total != want_total) {
				snprintf(what, sizeof(what), "paging: %s "
				    "limit %ld offset %ld", name, limits[l],
				    off);
				T_STREQ(what, page, want);
				bad = 1;
			}
			free(page);
			free(want);
		}
	}
	T_TRUE(nm("paging: every page is its slice of the list", name),
	    all != NULL && !bad);
	free(all);
}

static void
test_paging(struct store *st)
{
	struct store_query q = { 0 };
	char rec[512], *all;
	struct buf want;
	long total;
	int k, ok = 1;

	ok &= put(st, "section", "{\"slug\": \"long\", \"name\": \"Long\","
	    " \"position\": 7}") == ERR_OK;
	ok &= put(st, "person", "{\"slug\": \"lee\", \"name\": \"Lee\"}") ==
	    ERR_OK;
	/*
	 * Three articles share each date, so the order within a date is
	 * the id's; every fifth is a draft.  Newest first is k descending.
	 */
	for (k = 0; k < LONG_N; k++) {
		snprintf(rec, sizeof(rec), "{\"slug\": \"%s\", \"title\":"
		    " \"L%d\", \"section\": \"long\", \"status\": \"%s\","
		    " \"published_at\": \"2023-01-%02dT00:00:00Z\","
		    " \"authors\": %s}", long_slug(k), k, k % 5 == 4 ?
		    "draft" : "published", 1 + k / 3, k % 2 ?
		    "[\"lee\", \"ada\"]" : "[\"lee\"]");
		ok &= put(st, "article", rec) == ERR_OK;
	}
	T_TRUE("paging: the long section is put", ok);
	buf_init(&want, 64 * 1024);
	for (k = LONG_N - 1; k >= 0; k--) {
		if (k % 5 == 4)
			continue;
		if (want.len > 0)
			buf_putc(&want, ' ');
		buf_puts(&want, long_slug(k));
	}
	q.section = "long";
	all = list_slugs(st, &q, &total);
	T_STREQ("paging: newest first, ties by id", all, want.p);
	free(all);
	buf_free(&want);
	check_pages(st, "section", q, 36);
	q.section = NULL;
	q.author = "lee";
	check_pages(st, "author", q, 36);
}

/*
 * The kept counts and author lists follow edits made under the store, as
 * an operator's sqlite3 shell makes them (SQLite only): each list's total
 * and rows must match a recount after every edit.
 */

static const struct {
	const char	*name;
	const char	*sql;		/* ?1 unused, ?2 a slug */
	const char	*slug;
} edits[] = {
	{ "unpublish", "UPDATE articles SET status = 'draft'"
	    " WHERE slug = ?2", "long-03" },
	{ "publish a draft", "UPDATE articles SET status = 'published'"
	    " WHERE slug = ?2", "long-04" },
	{ "move to another section", "UPDATE articles SET section_id ="
	    " (SELECT id FROM sections WHERE slug = 'analysis')"
	    " WHERE slug = ?2", "long-06" },
	{ "redate to the front", "UPDATE articles SET published_at ="
	    " '2030-01-01T00:00:00Z' WHERE slug = ?2", "long-07" },
	{ "into an issue", "UPDATE articles SET issue_id ="
	    " (SELECT id FROM issues WHERE number = 2) WHERE slug = ?2",
	    "long-11" },
	{ "delete", "DELETE FROM articles WHERE slug = ?2", "long-08" },
	{ "the same author twice", "INSERT INTO article_authors"
	    " (article_id, person_id, position) SELECT id,"
	    " (SELECT id FROM people WHERE slug = 'lee'), 9"
	    " FROM articles WHERE slug = ?2", "long-09" },
	{ "one of the two removed", "DELETE FROM article_authors"
	    " WHERE position = 9 AND article_id ="
	    " (SELECT id FROM articles WHERE slug = ?2)", "long-09" },
	{ "author replaced", "UPDATE article_authors SET person_id ="
	    " (SELECT id FROM people WHERE slug = 'cyd')"
	    " WHERE person_id = (SELECT id FROM people WHERE slug = 'lee')"
	    " AND article_id = (SELECT id FROM articles WHERE slug = ?2)",
	    "long-10" },
	{ "draft redated", "UPDATE articles SET published_at ="
	    " '2031-01-01T00:00:00Z' WHERE slug = ?2", "long-14" },
};

/* Each list: its query, and SQL for its published articles' ids. */
static const struct {
	const char		*name;
	struct store_query	 q;
	const char		*ids;
} lists[] = {
	{ "all", { NULL, 0, NULL, NULL, 0, 0, 0,
	    NULL, NULL }, "SELECT id FROM articles"
	    " WHERE status = 'published'" },
	{ "section long", { "long", 0, NULL, NULL, 0, 0, 0,
	    NULL, NULL }, "SELECT id"
	    " FROM articles WHERE status = 'published' AND section_id ="
	    " (SELECT id FROM sections WHERE slug = 'long')" },
	{ "section analysis", { "analysis", 0, NULL, NULL, 0, 0, 0,
	    NULL, NULL },
	    "SELECT id FROM articles WHERE status = 'published' AND"
	    " section_id = (SELECT id FROM sections WHERE slug = 'analysis')" },
	{ "issue 2", { NULL, 2, NULL, NULL, 0, 0, 0, NULL, NULL }, "SELECT id"
	    " FROM articles WHERE status = 'published' AND issue_id ="
	    " (SELECT id FROM issues WHERE number = 2)" },
	{ "author lee", { NULL, 0, "lee", NULL, 0, 0, 0,
	    NULL, NULL }, "SELECT id"
	    " FROM articles WHERE status = 'published' AND id IN (SELECT"
	    " article_id FROM article_authors WHERE person_id ="
	    " (SELECT id FROM people WHERE slug = 'lee'))" },
	{ "author cyd", { NULL, 0, "cyd", NULL, 0, 0, 0,
	    NULL, NULL }, "SELECT id"
	    " FROM articles WHERE status = 'published' AND id IN (SELECT"
	    " article_id FROM article_authors WHERE person_id ="
	    " (SELECT id FROM people WHERE slug = 'cyd'))" },
};

/* The list's total, count, sum of ids and order agree with SQL. */
static void
check_list(struct store *st, const char *edit, size_t l)
{
	char what[256], sql[1024];
	json_t *rows = NULL, *r, *prev = NULL;
	long long n, sum, have_sum = 0;
	long total = -1;
	size_t i;
	int sorted = 1;

	if (store_articles_list(st, &lists[l].q, &rows, &total) != ERR_OK)
		total = -2;
	json_array_foreach(rows, i, r) {
		have_sum += json_integer_value(json_object_get(r, "id"));
		if (l != 3 && prev != NULL && strcmp(json_string_value(
		    json_object_get(prev, "published_at")),
		    json_string_value(json_object_get(r, "published_at"))) < 0)
			sorted = 0;
		prev = r;
	}
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM (%s)", lists[l].ids);
	n = backend_sql(sql, 0, NULL);
	snprintf(sql, sizeof(sql), "SELECT coalesce(sum(id), 0) FROM (%s)",
	    lists[l].ids);
	sum = backend_sql(sql, 0, NULL);
	snprintf(what, sizeof(what), "counts after %s: %s total", edit,
	    lists[l].name);
	T_INTEQ(what, total, n);
	snprintf(what, sizeof(what), "counts after %s: %s rows", edit,
	    lists[l].name);
	T_INTEQ(what, (long long)json_array_size(rows), n);
	snprintf(what, sizeof(what), "counts after %s: %s are the right "
	    "articles", edit, lists[l].name);
	T_INTEQ(what, have_sum, sum);
	snprintf(what, sizeof(what), "counts after %s: %s newest first",
	    edit, lists[l].name);
	T_TRUE(what, sorted);
	json_decref(rows);
}

static void
test_counts_under_the_store(struct store *st)
{
	size_t e, l;
	long long rc;

	if (be.sqlite_path == NULL)
		return;
	for (l = 0; l < nitems(lists); l++)
		check_list(st, "the puts", l);
	for (e = 0; e < nitems(edits); e++) {
		rc = backend_sql(edits[e].sql, 0, edits[e].slug);
		T_INTEQ(nm("edit under the store", edits[e].name), rc, 0);
		for (l = 0; l < nitems(lists); l++)
			check_list(st, edits[e].name, l);
	}
	check_pages(st, "section after edits", lists[1].q,
	    (long)backend_sql("SELECT count(*) FROM articles WHERE status ="
	    " 'published' AND section_id = (SELECT id FROM sections"
	    " WHERE slug = 'long')", 0, NULL));
	check_pages(st, "author after edits", lists[4].q,
	    (long)backend_sql("SELECT count(DISTINCT a.id) FROM articles a"
	    " JOIN article_authors l ON l.article_id = a.id WHERE"
	    " a.status = 'published' AND l.person_id = (SELECT id FROM"
	    " people WHERE slug = 'lee')", 0, NULL));
}

/* The sitemap's reads: every page's newest change, articles in pages. */
/* "slug@stamp ..." of OAI records, in their order. */
static const char *
oai_summary(json_t *rows, char *out, size_t cap)
{
	json_t *r;
	size_t i, n = 0;

	out[0] = '\0';
	json_array_foreach(rows, i, r)
		n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s@%s",
		    i > 0 ? " " : "", json_string_value(json_object_get(r,
		    "slug")), json_string_value(json_object_get(r, "stamp")));
	return out;
}

/* The OAI-PMH reads: order, cursor, datestamps, ranges, sets, one. */
static void
test_oai(struct store *st)
{
	static const struct {
		const char	*what;
		struct store_oai_query q;
		const char	*want;
	} cases[] = {
		{ "every published article, by id, stamp the later date",
		    { .limit = 0 }, "first-light@2024-01-10T09:00:00Z"
		    " second-wind@2024-03-01T00:00:00Z"
		    " third-rail@2024-01-24T09:00:00Z"
		    " fourth-wall@2024-02-21T09:00:00Z"
		    " loose-note@2024-02-01T12:00:00Z"
		    " doomed@2020-01-01T00:00:00Z" },
		{ "a page", { .limit = 2 }, "first-light@2024-01-10T09:00:00Z"
		    " second-wind@2024-03-01T00:00:00Z" },
		{ "from, on the stamp (an edit counts)",
		    { .from = "2024-02-01T00:00:00Z" },
		    "second-wind@2024-03-01T00:00:00Z"
		    " fourth-wall@2024-02-21T09:00:00Z"
		    " loose-note@2024-02-01T12:00:00Z" },
		{ "until, inclusive", { .until = "2024-01-24T09:00:00Z" },
		    "first-light@2024-01-10T09:00:00Z"
		    " third-rail@2024-01-24T09:00:00Z"
		    " doomed@2020-01-01T00:00:00Z" },
		{ "a set", { .set = "analysis" },
		    "second-wind@2024-03-01T00:00:00Z"
		    " loose-note@2024-02-01T12:00:00Z"
		    " doomed@2020-01-01T00:00:00Z" },
		{ "a set that is none", { .set = "nope" }, "" },
	};
	struct store_oai_query q;
	json_t *j = NULL;
	char have[512], what[128];
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		j = NULL;
		snprintf(what, sizeof(what), "store_oai_records: %s",
		    cases[i].what);
		T_INTEQ(what, store_oai_records(st, &cases[i].q, &j), ERR_OK);
		T_STREQ(what, oai_summary(j, have, sizeof(have)),
		    cases[i].want);
		json_decref(j);
	}
	q = (struct store_oai_query){ .limit = 2 };
	q.after_id = article_id(st, "second-wind");
	j = NULL;
	T_INTEQ("store_oai_records: after the cursor", store_oai_records(st,
	    &q, &j), ERR_OK);
	T_STREQ("store_oai_records: after the cursor", oai_summary(j, have,
	    sizeof(have)), "third-rail@2024-01-24T09:00:00Z"
	    " fourth-wall@2024-02-21T09:00:00Z");
	json_decref(j);
	q = (struct store_oai_query){ .id = article_id(st, "first-light") };
	j = NULL;
	T_INTEQ("store_oai_records: one", store_oai_records(st, &q, &j),
	    ERR_OK);
	json_object_del(json_array_get(j, 0), "id");
	check_json("store_oai_records: one, with its authors and issue", j,
	    "[{\"slug\": \"first-light\", \"title\": \"First Light\","
	    " \"deleted\": 0,"
	    " \"dek\": \"A dek\", \"published_at\": \"2024-01-10T09:00:00Z\","
	    " \"stamp\": \"2024-01-10T09:00:00Z\", \"section\": " SEC_FIELD ","
	    " \"issue\": {\"number\": 1, \"volume\": 1},"
	    " \"authors\": [" AU_BOB ", " AU_ADA "]}]");
	/* draft-piece, put right after loose-note (store_article_get, which
	 * article_id asks, finds no draft). */
	q.id = article_id(st, "loose-note") + 1;
	j = NULL;
	T_INTEQ("store_oai_records: a draft", store_oai_records(st, &q, &j),
	    ERR_OK);
	T_INTEQ("store_oai_records: a draft is none", (long)json_array_size(j),
	    0);
	json_decref(j);
	j = NULL;
	T_INTEQ("store_oai_earliest: rc", store_oai_earliest(st, &j), ERR_OK);
	T_STREQ("store_oai_earliest: the first publication",
	    json_string_value(json_object_get(j, "published_at")),
	    "2020-01-01T00:00:00Z");
	json_decref(j);
}

static void
test_sitemap(struct store *st)
{
	json_t *j = NULL;
	long total = -1;

	T_INTEQ("store_sitemap_pages: rc", store_sitemap_pages(st, &j),
	    ERR_OK);
	check_json("store_sitemap_pages: every page but articles, lastmods",
	    j, "[{\"kind\": \"home\", \"key\": \"\","
	    " \"lastmod\": \"2024-02-21T09:00:00Z\"},"
	    " {\"kind\": \"issues\", \"key\": \"\","
	    " \"lastmod\": \"2024-02-21\"},"
	    " {\"kind\": \"publications\", \"key\": \"\","
	    " \"lastmod\": \"2024-03-01\"},"
	    " {\"kind\": \"about\", \"key\": \"\", \"lastmod\": null},"
	    " {\"kind\": \"issue\", \"key\": 1,"
	    " \"lastmod\": \"2024-03-01T00:00:00Z\"},"
	    " {\"kind\": \"issue\", \"key\": 2,"
	    " \"lastmod\": \"2024-01-24T09:00:00Z\"},"
	    " {\"kind\": \"issue\", \"key\": 4,"
	    " \"lastmod\": \"2024-02-21T09:00:00Z\"},"
	    " {\"kind\": \"section\", \"key\": \"analysis\","
	    " \"lastmod\": \"2024-02-01T12:00:00Z\"},"
	    " {\"kind\": \"section\", \"key\": \"field-reports\","
	    " \"lastmod\": \"2024-02-21T09:00:00Z\"},"
	    " {\"kind\": \"author\", \"key\": \"ada\","
	    " \"lastmod\": \"2024-02-21T09:00:00Z\"},"
	    " {\"kind\": \"author\", \"key\": \"bob\","
	    " \"lastmod\": \"2024-02-01T12:00:00Z\"},"
	    " {\"kind\": \"author\", \"key\": \"cyd\","
	    " \"lastmod\": \"2024-02-21T09:00:00Z\"},"
	    " {\"kind\": \"authors\", \"key\": \"\", \"lastmod\": null}]");
	j = NULL;
	T_INTEQ("store_article_stamps: rc", store_article_stamps(st, 0, 0,
	    &j, &total), ERR_OK);
	check_json("store_article_stamps: published, oldest first", j,
	    "[{\"slug\": \"doomed\","
	    " \"updated_at\": \"2020-01-01T00:00:00Z\"},"
	    " {\"slug\": \"first-light\","
	    " \"updated_at\": \"2024-01-10T09:00:00Z\"},"
	    " {\"slug\": \"second-wind\","
	    " \"updated_at\": \"2024-03-01T00:00:00Z\"},"
	    " {\"slug\": \"third-rail\","
	    " \"updated_at\": \"2024-01-24T09:00:00Z\"},"
	    " {\"slug\": \"loose-note\","
	    " \"updated_at\": \"2024-02-01T12:00:00Z\"},"
	    " {\"slug\": \"fourth-wall\","
	    " \"updated_at\": \"2024-02-21T09:00:00Z\"}]");
	T_INTEQ("store_article_stamps: total", total, 6);
	j = NULL;
	total = -1;
	store_article_stamps(st, 2, 1, &j, &total);
	check_json("store_article_stamps: a page", j,
	    "[{\"slug\": \"first-light\","
	    " \"updated_at\": \"2024-01-10T09:00:00Z\"},"
	    " {\"slug\": \"second-wind\","
	    " \"updated_at\": \"2024-03-01T00:00:00Z\"}]");
	T_INTEQ("store_article_stamps: a page's total", total, 6);
	j = NULL;
	store_article_stamps(st, 2, 10, &j, &total);
	check_json("store_article_stamps: past the end", j, "[]");
}

/* The id of the article of slug, drafts too (article_id: published). */
static int64_t
any_article_id(struct store *st, int64_t issue, const char *slug)
{
	json_t *arts = NULL, *it;
	int64_t id = -1;
	size_t i;

	if (store_issue_articles(st, issue, &arts) != ERR_OK)
		return -1;
	json_array_foreach(arts, i, it)
		if (strcmp(json_string_value(json_object_get(it, "slug")),
		    slug) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(arts);
	return id;
}

/* The slugs and statuses of an issue's articles, in contents order. */
static void
check_contents(struct store *st, const char *what, int64_t issue,
    const char *want)
{
	json_t *arts = NULL, *it, *got = json_array();
	size_t i;

	store_issue_articles(st, issue, &arts);
	json_array_foreach(arts, i, it)
		json_array_append_new(got, json_pack("[O, O]",
		    json_object_get(it, "slug"), json_object_get(it, "status")));
	json_decref(arts);
	check_json(what, got, want);
}

/*
 * The back office's editing ops: an issue assembled from articles in no
 * issue, published and unpublished with them, deleted once empty; a
 * section and a person refused deletion while in use.
 */
static void
test_editing(struct store *st)
{
	struct store_issue is = { 0, 50, 3, "2025-01-01", "Fifty",
	    "A *note*", "/media/c.jpg", "published" };
	struct store_section sec = { 0, "briefs", "Briefs", "", 7 };
	struct store_person pe = { 0, "dee", "Dee Dee", "", "", "", "Editor",
	    1 };
	struct store_find f = { "DEE", 1, 10, 0 };
	json_t *j = NULL;
	int64_t id = 0, sid = 0, pid = 0, a, b, c, order[2];
	long n = -1, total = -1;
	int taken = -1;
	enum err rc;

	rc = store_issue_save(st, &is, &id);
	T_INTEQ("store_issue_save: new", rc, ERR_OK);
	rc = store_issue_by_id(st, id, &j);
	T_INTEQ("store_issue_by_id: its id", json_integer_value(
	    json_object_get(j, "id")), id);
	json_object_del(j, "id");
	check_json("store_issue_by_id: as saved, with its status", j,
	    "{\"number\": 50, \"volume\": 3, \"date\": \"2025-01-01\","
	    " \"title\": \"Fifty\", \"note\": \"A *note*\","
	    " \"cover\": \"/media/c.jpg\", \"status\": \"published\"}");
	j = NULL;
	is.id = id;
	is.status = "draft";
	is.title = "Fifty again";
	rc = store_issue_save(st, &is, &id);
	T_INTEQ("store_issue_save: update", rc, ERR_OK);
	rc = store_issue_by_id(st, id, &j);
	T_STREQ("store_issue_save: an update keeps the status",
	    json_string_value(json_object_get(j, "status")), "published");
	json_decref(j);
	j = NULL;
	store_issue_publish(st, id, 0, "2025-01-02T00:00:00Z", &n);
	T_INTEQ("store_issue_publish: unpublish an empty issue", n, 0);
	is.number = 1;
	rc = store_issue_save(st, &is, &id);
	T_INTEQ("store_issue_save: a number taken", rc, ERR_CONFLICT);
	is.number = 50;

	put(st, "article", "{\"slug\": \"e-one\", \"title\": \"E One\","
	    " \"section\": \"analysis\", \"status\": \"draft\","
	    " \"published_at\": \"2025-01-01T00:00:00Z\"}");
	put(st, "article", "{\"slug\": \"e-two\", \"title\": \"E Two\","
	    " \"section\": \"analysis\", \"status\": \"scheduled\","
	    " \"published_at\": \"2025-01-01T00:00:00Z\","
	    " \"authors\": [\"bob\"]}");
	put(st, "article", "{\"slug\": \"e-out\", \"title\": \"E Out\","
	    " \"section\": \"analysis\","
	    " \"published_at\": \"2025-01-01T00:00:00Z\"}");
	rc = store_articles_unassigned(st, "e t", 10, &j);
	T_INTEQ("store_articles_unassigned: by title", rc, ERR_OK);
	T_INTEQ("store_articles_unassigned: one holds \"e t\"",
	    json_array_size(j), 1);
	json_decref(j);
	j = NULL;
	store_articles_unassigned(st, NULL, 0, &j);
	a = b = c = -1;
	{
		json_t *it;
		size_t i;

		json_array_foreach(j, i, it) {
			const char *sl = json_string_value(json_object_get(it,
			    "slug"));
			int64_t x = json_integer_value(json_object_get(it,
			    "id"));

			if (strcmp(sl, "e-one") == 0)
				a = x;
			else if (strcmp(sl, "e-two") == 0)
				b = x;
			else if (strcmp(sl, "e-out") == 0)
				c = x;
		}
	}
	json_decref(j);
	j = NULL;
	T_TRUE("store_articles_unassigned: the three", a > 0 && b > 0 &&
	    c > 0);
	T_INTEQ("store_issue_article_add: a draft", store_issue_article_add(
	    st, id, a), ERR_OK);
	T_INTEQ("store_issue_article_add: scheduled",
	    store_issue_article_add(st, id, b), ERR_OK);
	T_INTEQ("store_issue_article_add: published into a draft issue",
	    store_issue_article_add(st, id, c), ERR_INVAL);
	T_INTEQ("store_issue_article_add: in an issue already",
	    store_issue_article_add(st, id, a), ERR_CONFLICT);
	T_INTEQ("store_issue_article_add: no such article",
	    store_issue_article_add(st, id, 999999), ERR_NOTFOUND);
	check_contents(st, "store_issue_articles: in the order added", id,
	    "[[\"e-one\", \"draft\"], [\"e-two\", \"scheduled\"]]");
	order[0] = b;
	order[1] = a;
	T_INTEQ("store_issue_order", store_issue_order(st, id, order, 2),
	    ERR_OK);
	check_contents(st, "store_issue_order: the new order", id,
	    "[[\"e-two\", \"scheduled\"], [\"e-one\", \"draft\"]]");
	order[1] = c;
	T_INTEQ("store_issue_order: an article of no issue",
	    store_issue_order(st, id, order, 2), ERR_NOTFOUND);
	T_INTEQ("store_issue_delete: while it holds articles",
	    store_issue_delete(st, id), ERR_CONFLICT);

	rc = store_issue_publish(st, id, 1, "2025-01-05T00:00:00Z", &n);
	T_INTEQ("store_issue_publish: rc", rc, ERR_OK);
	T_INTEQ("store_issue_publish: both articles", n, 2);
	check_contents(st, "store_issue_publish: published with the issue",
	    id, "[[\"e-two\", \"published\"], [\"e-one\", \"published\"]]");
	rc = store_issue_get(st, 50, &j);
	T_INTEQ("store_issue_publish: the issue is public", rc, ERR_OK);
	json_decref(j);
	j = NULL;
	T_INTEQ("store_issue_article_add: published into a published issue",
	    store_issue_article_add(st, id, c), ERR_OK);
	rc = store_issue_publish(st, id, 0, NULL, &n);
	T_INTEQ("store_issue_publish: unpublish, with the three", n, 3);
	check_contents(st, "store_issue_publish: all back to draft", id,
	    "[[\"e-two\", \"draft\"], [\"e-one\", \"draft\"],"
	    " [\"e-out\", \"draft\"]]");
	T_INTEQ("store_issue_publish: unknown issue", store_issue_publish(st,
	    999999, 1, "2025-01-05T00:00:00Z", &n), ERR_NOTFOUND);
	T_INTEQ("store_issue_article_remove", store_issue_article_remove(st,
	    id, a), ERR_OK);
	T_INTEQ("store_issue_article_remove: not there",
	    store_issue_article_remove(st, id, a), ERR_NOTFOUND);
	store_issue_article_remove(st, id, b);
	store_issue_article_remove(st, id, c);
	T_INTEQ("store_issue_delete: empty", store_issue_delete(st, id),
	    ERR_OK);
	T_INTEQ("store_issue_delete: gone", store_issue_delete(st, id),
	    ERR_NOTFOUND);
	T_INTEQ("store_issue_delete: its articles in no issue",
	    any_article_id(st, id, "e-one"), -1);

	rc = store_section_save(st, &sec, &sid);
	T_INTEQ("store_section_save: new", rc, ERR_OK);
	store_slug_taken(st, STORE_SLUG_SECTION, "briefs", 0, &taken);
	T_INTEQ("store_slug_taken: taken", taken, 1);
	store_slug_taken(st, STORE_SLUG_SECTION, "briefs", sid, &taken);
	T_INTEQ("store_slug_taken: its own is not", taken, 0);
	{
		struct buf sb;

		buf_init(&sb, LIMIT_SLUG + 1);
		buf_puts(&sb, "briefs");
		T_INTEQ("store_slug_unique: rc", store_slug_unique(st,
		    STORE_SLUG_SECTION, 0, &sb), ERR_OK);
		T_STREQ("store_slug_unique: another's is numbered", sb.p,
		    "briefs-2");
		buf_reset(&sb);
		buf_puts(&sb, "briefs");
		store_slug_unique(st, STORE_SLUG_SECTION, sid, &sb);
		T_STREQ("store_slug_unique: its own is kept", sb.p, "briefs");
		buf_reset(&sb);
		buf_puts(&sb, "e-one");
		store_slug_unique(st, STORE_SLUG_ARTICLE, 0, &sb);
		T_STREQ("store_slug_unique: an article's is numbered", sb.p,
		    "e-one-2");
		T_INTEQ("store_slug_taken: an unknown kind", store_slug_taken(
		    st, STORE_SLUG__MAX, "e-one", 0, &taken), ERR_INVAL);
		buf_free(&sb);
	}
	sec.id = sid;
	sec.slug = "analysis";
	T_INTEQ("store_section_save: a slug taken", store_section_save(st,
	    &sec, &sid), ERR_CONFLICT);
	rc = store_sections_page(st, &j);
	T_INTEQ("store_sections_page: rc", rc, ERR_OK);
	/* analysis, first by position, holds articles. */
	T_STREQ("store_sections_page: in order", json_string_value(
	    json_object_get(json_array_get(j, 0), "slug")), "analysis");
	T_TRUE("store_sections_page: with article counts", json_integer_value(
	    json_object_get(json_array_get(j, 0), "articles")) > 0);
	T_INTEQ("store_section_delete: with articles",
	    store_section_delete(st, json_integer_value(json_object_get(
	    json_array_get(j, 0), "id"))), ERR_CONFLICT);
	json_decref(j);
	j = NULL;
	T_INTEQ("store_section_delete: empty", store_section_delete(st, sid),
	    ERR_OK);

	rc = store_person_save(st, &pe, &pid);
	T_INTEQ("store_person_save: new", rc, ERR_OK);
	rc = store_people_page(st, &f, &j, &total);
	T_INTEQ("store_people_page: found in any case, staff", total, 1);
	json_decref(j);
	j = NULL;
	rc = store_person_uses(st, pid, &j);
	check_json("store_person_uses: nowhere", j,
	    "{\"articles\": [], \"publications\": []}");
	j = NULL;
	T_INTEQ("store_person_delete: named nowhere", store_person_delete(st,
	    pid), ERR_OK);
	f.search = "bob";
	f.staff = 0;
	store_people_page(st, &f, &j, &total);
	pid = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	json_decref(j);
	j = NULL;
	T_INTEQ("store_person_delete: an author", store_person_delete(st,
	    pid), ERR_CONFLICT);
	store_person_uses(st, pid, &j);
	T_INTEQ("store_person_uses: bob's articles", json_array_size(
	    json_object_get(j, "articles")), 3);
	json_decref(j);
}

/* Save article slug (published at when) with tags and countries. */
static void
terms_set(struct store *st, const char *slug, const char *when,
    const char *const *tags, size_t ntags, const char *const *cc,
    size_t ncc)
{
	struct store_article_edit e;
	json_t *a = NULL;
	int64_t id = 0, nid = 0, nver = 0;

	memset(&e, 0, sizeof(e));
	if (store_article_slug_owner(st, slug, &id) != ERR_OK ||
	    store_article_edit_get(st, id, &a) != ERR_OK) {
		T_TRUE(nm("terms_set: the article", slug), 0);
		return;
	}
	e.id = id;
	e.version = json_integer_value(json_object_get(a, "version"));
	e.slug = slug;
	e.title = json_string_value(json_object_get(a, "title"));
	e.dek = "";
	e.body = "";
	e.section_id = json_integer_value(json_object_get(a, "section_id"));
	e.tags = tags;
	e.ntags = ntags;
	e.countries = cc;
	e.ncountries = ncc;
	e.status = "published";
	e.published_at = when;
	e.now = when;
	e.who = "test";
	e.note = "";
	T_INTEQ(nm("terms_set: begin", slug), store_begin(st), ERR_OK);
	T_INTEQ(nm("terms_set: saved", slug), store_article_save(st, &e,
	    &nid, &nver), ERR_OK);
	T_INTEQ(nm("terms_set: commit", slug), store_commit(st), ERR_OK);
	json_decref(a);
}

/* The slugs of an article list, comma-separated, in a static buffer. */
static const char *
slugs_of(json_t *rows)
{
	static char out[256];
	json_t *it;
	size_t i, off = 0;

	out[0] = '\0';
	json_array_foreach(rows, i, it)
		off += (size_t)snprintf(out + off, sizeof(out) - off, "%s%s",
		    i > 0 ? "," : "", json_string_value(json_object_get(it,
		    "slug")));
	return out;
}

/*
 * Finding things: tag and country lists through store_articles_list,
 * their indexes, an article's terms, the authors' index with the kept
 * counts, past events by pages, the archive's issues.
 */
static void
test_finding(struct store *st)
{
	static const char *const both[] = { "Energy", "Water" };
	static const char *const energy[] = { "Energy" };
	static const char *const kz[] = { "KZ" }, *const kztj[] = { "KZ",
	    "TJ" };
	struct store_query q = { 0 };
	json_t *j = NULL, *it, *rows;
	long total = -1, n;
	size_t i;
	int64_t id = 0;

	put(st, "article", "{\"slug\": \"t-one\", \"title\": \"T One\","
	    " \"section\": \"analysis\","
	    " \"published_at\": \"2025-02-01T00:00:00Z\"}");
	put(st, "article", "{\"slug\": \"t-two\", \"title\": \"T Two\","
	    " \"section\": \"analysis\","
	    " \"published_at\": \"2025-03-01T00:00:00Z\"}");
	put(st, "article", "{\"slug\": \"t-draft\", \"title\": \"T Draft\","
	    " \"section\": \"analysis\", \"status\": \"draft\","
	    " \"published_at\": \"2025-04-01T00:00:00Z\"}");
	terms_set(st, "t-one", "2025-02-01T00:00:00Z", both, 2, kztj, 2);
	terms_set(st, "t-two", "2025-03-01T00:00:00Z", energy, 1, kz, 1);

	T_INTEQ("store_tag_get: rc", store_tag_get(st, "energy", &j), ERR_OK);
	check_json("store_tag_get: slug and name", j,
	    "{\"slug\": \"energy\", \"name\": \"Energy\"}");
	j = NULL;
	T_INTEQ("store_tag_get: unknown", store_tag_get(st, "nope", &j),
	    ERR_NOTFOUND);
	T_INTEQ("store_country_get: rc", store_country_get(st, "TJ", &j),
	    ERR_OK);
	check_json("store_country_get: code and name", j,
	    "{\"code\": \"TJ\", \"name\": \"Tajikistan\"}");
	j = NULL;
	T_INTEQ("store_country_get: lower case is none",
	    store_country_get(st, "tj", &j), ERR_NOTFOUND);

	q.tag = "energy";
	T_INTEQ("articles by tag: rc", store_articles_list(st, &q, &j,
	    &total), ERR_OK);
	T_STREQ("articles by tag: newest first", slugs_of(j), "t-two,t-one");
	T_INTEQ("articles by tag: total", total, 2);
	T_STREQ("articles by tag: a row's section",
	    json_string_value(json_object_get(json_object_get(
	    json_array_get(j, 0), "section"), "slug")), "analysis");
	json_decref(j);
	j = NULL;
	q.limit = 1;
	q.offset = 1;
	store_articles_list(st, &q, &j, &total);
	T_STREQ("articles by tag: limit 1 offset 1", slugs_of(j), "t-one");
	json_decref(j);
	j = NULL;
	q.tag = "water";
	q.limit = q.offset = 0;
	store_articles_list(st, &q, &j, &total);
	T_STREQ("articles by tag: another tag", slugs_of(j), "t-one");
	json_decref(j);
	j = NULL;
	q.tag = "nope";
	store_articles_list(st, &q, &j, &total);
	T_INTEQ("articles by tag: unknown tag, none", total, 0);
	json_decref(j);
	j = NULL;
	q.tag = NULL;
	q.country = "KZ";
	store_articles_list(st, &q, &j, &total);
	T_STREQ("articles by country", slugs_of(j), "t-two,t-one");
	T_INTEQ("articles by country: total", total, 2);
	json_decref(j);
	j = NULL;
	q.country = NULL;
	q.section = "analysis";
	q.tag = "water";
	store_articles_list(st, &q, &j, &total);
	T_TRUE("articles: a section comes before a tag", total > 1);
	json_decref(j);
	j = NULL;

	T_INTEQ("store_terms_list: tags", store_terms_list(st, 0, &j),
	    ERR_OK);
	check_json("store_terms_list: tags on published articles, counted",
	    j, "[{\"slug\": \"energy\", \"name\": \"Energy\", \"count\": 2},"
	    " {\"slug\": \"water\", \"name\": \"Water\", \"count\": 1}]");
	j = NULL;
	store_terms_list(st, 1, &j);
	check_json("store_terms_list: countries by name, counted", j,
	    "[{\"code\": \"KZ\", \"name\": \"Kazakhstan\", \"count\": 2},"
	    " {\"code\": \"TJ\", \"name\": \"Tajikistan\", \"count\": 1}]");
	j = NULL;
	store_article_slug_owner(st, "t-one", &id);
	T_INTEQ("store_article_terms: rc", store_article_terms(st, id, &j),
	    ERR_OK);
	check_json("store_article_terms: tags in order, countries by name", j,
	    "{\"tags\": [{\"slug\": \"energy\", \"name\": \"Energy\"},"
	    " {\"slug\": \"water\", \"name\": \"Water\"}], \"countries\":"
	    " [{\"code\": \"KZ\", \"name\": \"Kazakhstan\"},"
	    " {\"code\": \"TJ\", \"name\": \"Tajikistan\"}]}");
	j = NULL;
	store_article_terms(st, 999999, &j);
	check_json("store_article_terms: an unknown id has none", j,
	    "{\"tags\": [], \"countries\": []}");
	j = NULL;

	T_INTEQ("store_authors_index: rc", store_authors_index(st, &j),
	    ERR_OK);
	T_TRUE("store_authors_index: someone", json_array_size(j) > 0);
	json_array_foreach(j, i, it) {
		memset(&q, 0, sizeof(q));
		q.author = json_string_value(json_object_get(it, "slug"));
		n = -1;
		rows = NULL;
		store_articles_list(st, &q, &rows, &n);
		json_decref(rows);
		T_INTEQ(nm("store_authors_index: the count of", q.author),
		    json_integer_value(json_object_get(it, "count")), n);
	}
	json_decref(j);
	j = NULL;

	T_INTEQ("store_events_past: rc", store_events_past(st, NOW, 1, 1, &j,
	    &total), ERR_OK);
	T_STREQ("store_events_past: page 2 of 1 a page", json_string_value(
	    json_object_get(json_array_get(j, 0), "title")), "Older");
	T_INTEQ("store_events_past: total", total, 2);
	json_decref(j);
	j = NULL;

	T_INTEQ("store_issues_archive: rc", store_issues_archive(st, &j),
	    ERR_OK);
	it = json_array_get(j, 0);
	T_TRUE("store_issues_archive: number, volume, note, cover, count",
	    json_is_integer(json_object_get(it, "number")) &&
	    json_object_get(it, "volume") != NULL &&
	    json_is_string(json_object_get(it, "note")) &&
	    json_is_string(json_object_get(it, "cover")) &&
	    json_is_integer(json_object_get(it, "count")));
	json_decref(j);
}

int
main(int argc, char **argv)
{
	struct store *st;

	log_level = LOG_ERR;	/* refused puts are expected here */
	if (backend_setup(argc, argv) != 0)
		return 1;
	st = test_open_migrate();
	if (st != NULL) {
		test_put_all(st);
		test_reads_back(st);
		test_items(st);
		test_sitemap(st);
		test_oai(st);
		test_check();
		test_bad_puts(st);
		test_transactions(st);
		test_reads_subscribers(st);
		test_paging(st);
		test_counts_under_the_store(st);
		test_editing(st);
		test_finding(st);
		store_close(st);
	}
	backend_teardown();
	T_DONE();
}
