/*
 * test_store_dump: the whole journal as lists (store_dump, store_load,
 * store_dump_empty, store_dump_check).  A new database is empty but for
 * its country list; records loaded come back from a dump with the same
 * fields in the same order; a load refuses an unknown list, an unknown
 * or missing field and what the schema refuses; a list skipped at its
 * beginning is not read; and a column or table a migration adds without
 * the export is named by the check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"

struct collect {
	json_t		*got;		/* list -> [record] */
	const char	*only;		/* skip every other list */
};

static enum err
collect(void *arg, const char *list, json_t *rec)
{
	struct collect *c = arg;

	if (rec == NULL) {
		if (c->only != NULL && strcmp(list, c->only) != 0)
			return ERR_NOTFOUND;
		json_object_set_new(c->got, list, json_array());
		return ERR_OK;
	}
	json_array_append(json_object_get(c->got, list), rec);
	return ERR_OK;
}

static const struct {
	const char	*name;
	const char	*list;
	const char	*rec;
	enum err	 want;
} loads[] = {
	{ "a section", "sections", "{\"id\":3,\"slug\":\"a\",\"name\":\"A\","
	    "\"description\":\"\",\"position\":1}", ERR_OK },
	{ "a person", "people", "{\"id\":5,\"slug\":\"p\",\"name\":\"P\","
	    "\"role\":\"\",\"bio\":\"\",\"affiliation\":\"\",\"photo\":\"\","
	    "\"staff\":0}", ERR_OK },
	{ "an article with children", "articles", "{\"id\":9,\"slug\":\"s\","
	    "\"title\":\"T\",\"dek\":\"\",\"section_id\":3,\"issue_id\":null,"
	    "\"position\":0,\"status\":\"published\","
	    "\"published_at\":\"2024-01-01T00:00:00Z\","
	    "\"updated_at\":\"2024-01-02T00:00:00Z\",\"created_by\":null,"
	    "\"version\":2,\"correction\":\"Fixed.\","
	    "\"correction_kind\":\"update\",\"correction_date\":\"2024-01-03\","
	    "\"extra\":{\"k\":[1]},\"body\":\"B\","
	    "\"body_format\":\"html\",\"authors\":[5],\"tags\":[],"
	    "\"countries\":[\"FR\"],\"reads\":7,\"old_slugs\":[\"o\"]}",
	    ERR_OK },
	{ "a revision of an older file (no note)", "revisions", "{\"id\":1,"
	    "\"article_id\":9,\"version\":1,\"saved_at\":\"x\","
	    "\"user_id\":null,\"who\":\"\",\"note\":\"\",\"title\":\"T\","
	    "\"dek\":\"\",\"body\":\"B\",\"slug\":\"s\",\"section_id\":3,"
	    "\"issue_id\":null,\"authors\":\"5\",\"tags\":\"\","
	    "\"countries\":\"FR\",\"status\":\"draft\",\"published_at\":\"\"}",
	    ERR_OK },
	{ "a revision with its note", "revisions", "{\"id\":2,"
	    "\"article_id\":9,\"version\":2,\"saved_at\":\"x\","
	    "\"user_id\":null,\"who\":\"\",\"note\":\"\",\"title\":\"T\","
	    "\"dek\":\"\",\"body\":\"B\",\"slug\":\"s\",\"section_id\":3,"
	    "\"issue_id\":null,\"authors\":\"5\",\"tags\":\"\","
	    "\"countries\":\"FR\",\"status\":\"draft\",\"published_at\":\"\","
	    "\"correction\":\"Fixed.\",\"correction_kind\":\"update\","
	    "\"correction_date\":\"2024-01-03\"}", ERR_OK },
	{ "a suggested country", "country_suggestions", "{\"article_id\":9,"
	    "\"code\":\"KZ\",\"words\":\"Kazakh\"}", ERR_OK },
	{ "a suggestion without its words", "country_suggestions",
	    "{\"article_id\":9,\"code\":\"UZ\"}", ERR_INVAL },
	{ "an unknown list", "nope", "{}", ERR_INVAL },
	{ "not an object", "tags", "[1]", ERR_INVAL },
	{ "an unknown field", "tags", "{\"id\":1,\"slug\":\"t\","
	    "\"name\":\"T\",\"x\":1}", ERR_INVAL },
	{ "a missing field", "tags", "{\"id\":1,\"slug\":\"t\"}", ERR_INVAL },
	{ "a section that is not there", "articles", "{\"id\":10,"
	    "\"slug\":\"s2\",\"title\":\"T\",\"dek\":\"\",\"section_id\":99,"
	    "\"issue_id\":null,\"position\":0,\"status\":\"published\","
	    "\"published_at\":\"x\",\"updated_at\":\"x\",\"created_by\":null,"
	    "\"version\":1,\"correction\":\"\",\"correction_kind\":\"update\","
	    "\"correction_date\":\"\",\"extra\":null,\"body\":null,"
	    "\"body_format\":null,"
	    "\"authors\":[],\"tags\":[],\"countries\":[],\"reads\":0,"
	    "\"old_slugs\":[]}", ERR_INVAL },
	{ "a section twice", "sections", "{\"id\":3,\"slug\":\"b\","
	    "\"name\":\"B\",\"description\":\"\",\"position\":2}",
	    ERR_CONFLICT },
};

int
main(void)
{
	struct collect c = { NULL, NULL };
	struct store *st = NULL;
	char dir[256], dsn[300], why[160], *s;
	const char *nonempty = "x";
	json_t *rec, *back;
	sqlite3 *db;
	int rc2;
	size_t i;
	enum err rc;

	if ((st = test_store_new("dump", dir, dsn)) == NULL)
		return 1;

	rc = store_dump_empty(st, &nonempty);
	T_STREQ("empty: a new database", err_str(rc), err_str(ERR_OK));
	T_TRUE("empty: names nothing", nonempty == NULL);
	rc = store_dump_check(st, why, sizeof(why));
	T_STREQ("check: the schema is all exported or left out",
	    rc == ERR_OK ? "ok" : why, "ok");
	T_STREQ("list 0 is settings", store_dump_list(0), "settings");
	T_TRUE("lists end with NULL", store_dump_list(1000) == NULL &&
	    store_dump_list(-1) == NULL);

	store_begin(st);
	for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		rec = json_loads(loads[i].rec, JSON_DECODE_ANY, NULL);
		rc = store_load(st, loads[i].list, rec);
		T_STREQ(nm("load", loads[i].name), err_str(rc),
		    err_str(loads[i].want));
		json_decref(rec);
	}
	store_commit(st);

	rc = store_dump_empty(st, &nonempty);
	T_STREQ("empty: not after a load", err_str(rc),
	    err_str(ERR_CONFLICT));
	T_STREQ("empty: names the first list with records", nonempty,
	    "sections");

	c.got = json_object();
	rc = store_dump(st, collect, &c);
	T_STREQ("dump: ok", err_str(rc), err_str(ERR_OK));
	for (i = 0; i < 3; i++) {
		back = json_array_get(json_object_get(c.got, loads[i].list), 0);
		s = json_dumps(back, JSON_COMPACT);
		T_STREQ(nm("dump gives back", loads[i].name), s,
		    loads[i].rec);
		free(s);
	}
	T_INTEQ("dump: every list begun", json_object_size(c.got), 22);
	json_decref(c.got);

	c.got = json_object();
	c.only = "people";
	rc = store_dump(st, collect, &c);
	T_STREQ("dump: skipping lists ok", err_str(rc), err_str(ERR_OK));
	T_INTEQ("dump: only the list asked for", json_object_size(c.got), 1);
	json_decref(c.got);

	rec = json_loads("{\"id\":10,\"slug\":\"ok\",\"name\":\"N\"}", 0,
	    NULL);
	store_load(st, "tags", rec);
	json_decref(rec);
	rc = store_article_slug_keep(st, 9, "older");
	T_STREQ("slug_keep: an old slug kept", err_str(rc), err_str(ERR_OK));
	rc = store_article_slug_keep(st, 9, "s");
	T_STREQ("slug_keep: an article's own slug is ignored", err_str(rc),
	    err_str(ERR_OK));

	/* A migration that forgets the export is caught. */
	if (sqlite3_open(dsn, &db) != SQLITE_OK)
		return 1;
	rc2 = sqlite3_exec(db, "ALTER TABLE articles ADD COLUMN colour TEXT",
	    NULL, NULL, NULL);
	T_INTEQ("check: a column added", rc2, SQLITE_OK);
	rc = store_dump_check(st, why, sizeof(why));
	T_STREQ("check: a new column is named", why,
	    "column articles.colour is neither exported nor left out");
	rc2 = sqlite3_exec(db, "ALTER TABLE articles DROP COLUMN colour;"
	    " CREATE TABLE widgets (id)", NULL, NULL, NULL);
	T_INTEQ("check: a table added", rc2, SQLITE_OK);
	rc = store_dump_check(st, why, sizeof(why));
	T_STREQ("check: a new table is named", why,
	    "table widgets is neither exported nor left out");
	sqlite3_close(db);
	test_store_free(st, dir, dsn);
	return test_failed;
}
