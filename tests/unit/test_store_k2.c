/*
 * test_store_k2: the K2 importer's op, store_article_extra_set: an
 * article's extra fields set as a JSON object, set again unchanged
 * (no change reported), replaced, cleared to NULL; an unknown article
 * changes nothing.  The column is read back with SQLite itself, since
 * no page reads it yet.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"

/* articles.extra of id, or "(null)". */
static const char *
extra_of(const char *dsn, int64_t id, char *out, size_t size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	const unsigned char *v;

	snprintf(out, size, "(none)");
	if (sqlite3_open(dsn, &db) == SQLITE_OK && sqlite3_prepare_v2(db,
	    "SELECT extra FROM articles WHERE id = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			v = sqlite3_column_text(st, 0);
			snprintf(out, size, "%s", v != NULL ? (const char *)v :
			    "(null)");
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

int
main(void)
{
	struct store_section sec = { 0, "s", "S", "", 1 };
	struct store_article_edit e = { 0 };
	struct store *st = NULL;
	char dir[256], dsn[300], have[256];
	int64_t id = 0, version = 0;
	int changed = -1;
	enum err rc;

	if ((st = test_store_new("k2", dir, dsn)) == NULL)
		return 1;
	if (store_section_save(st, &sec, &sec.id) != ERR_OK) {
		printf("FAIL k2: cannot add a section\n");
		return 1;
	}
	e.slug = "a";
	e.title = "A";
	e.dek = "";
	e.body = "<p>x</p>";
	e.body_format = "html";
	e.section_id = sec.id;
	e.status = "draft";
	e.published_at = e.now = "2026-01-01T00:00:00Z";
	e.who = "test";
	rc = store_article_save(st, &e, &id, &version);
	T_STREQ("an article to set", err_str(rc), "ok");

	T_STREQ("extra: none at first", extra_of(dsn, id, have,
	    sizeof(have)), "(null)");
	rc = store_article_extra_set(st, id, "{\"Region\":\"Balkans\"}",
	    &changed);
	T_STREQ("extra_set: rc", err_str(rc), "ok");
	T_INTEQ("extra_set: a change", changed, 1);
	T_STREQ("extra_set: kept", extra_of(dsn, id, have, sizeof(have)),
	    "{\"Region\":\"Balkans\"}");
	store_article_extra_set(st, id, "{\"Region\":\"Balkans\"}", &changed);
	T_INTEQ("extra_set: the same again is no change", changed, 0);
	store_article_extra_set(st, id, "{\"Region\":\"Europe\"}", &changed);
	T_INTEQ("extra_set: another value is a change", changed, 1);
	store_article_extra_set(st, id, NULL, &changed);
	T_INTEQ("extra_set: cleared is a change", changed, 1);
	T_STREQ("extra_set: cleared to NULL", extra_of(dsn, id, have,
	    sizeof(have)), "(null)");
	rc = store_article_extra_set(st, id + 100, "{}", &changed);
	T_STREQ("extra_set: an unknown article: rc", err_str(rc), "ok");
	T_INTEQ("extra_set: an unknown article: no change", changed, 0);
	rc = store_article_extra_set(st, id, "{}", NULL);
	T_STREQ("extra_set: changed may be NULL", err_str(rc), "ok");
	test_store_free(st, dir, dsn);
	T_DONE();
}
