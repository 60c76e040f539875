/*
 * test_store_plans: no statement of the SQLite backend reads a whole
 * table that grows with the journal.  Each statement is run through
 * EXPLAIN QUERY PLAN on a migrated database, and for the tables of
 * articles, their authors, bodies, reads, tags, countries and
 * subscribers (by name or by the aliases the statements give them)
 * these fail: a SCAN; a SEARCH whose only constraint is the status
 * (every published article), unless it finds a page's keys (under
 * MATERIALIZE, bounded by LIMIT); and any count(*), which the kept
 * counts replace.  On 100,000 articles each costs tens of milliseconds.
 * An issue's table of contents and the indexes of tags and countries
 * must also come without a sort, the page keys of an author, a tag or a
 * country in their list's order, and a search's matches from the
 * full-text index, newest first, without a sort.  SQLite has no
 * statistics here (the store never runs ANALYZE), as in production, so
 * the plans are the ones the server uses.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_int.h"
#include "test.h"

#define MAXNODES	64	/* lines of one plan */

/* Tables (and the aliases the statements use) that must not be scanned. */
static const char *const big[] = {
	"a", "articles", "l", "aa", "article_authors", "author_articles",
	"b", "article_bodies", "r", "article_reads", "reads_daily",
	"subscribers", "revisions", "article_slugs", "article_tags",
	"article_countries", "tag_articles", "country_articles",
};

/*
 * What the search index's triggers (migration 15) read from the view
 * article_search: one article, and the articles of a renamed person,
 * section, tag or country.
 */
static const char *const trigger_reads[] = {
	"SELECT id, title, body FROM article_search WHERE id IN (?1)"
	" AND id IN (SELECT id FROM article_fts_docsize)",
	"SELECT id, title, body FROM article_search WHERE id IN"
	" (SELECT article_id FROM article_authors WHERE person_id = ?1)"
	" AND id NOT IN (SELECT id FROM article_fts_docsize)",
	"SELECT id, title, body FROM article_search WHERE id IN"
	" (SELECT id FROM articles WHERE section_id = ?1)",
	"SELECT id, title, body FROM article_search WHERE id IN"
	" (SELECT article_id FROM article_tags WHERE tag_id = ?1)",
	"SELECT id, title, body FROM article_search WHERE id IN"
	" (SELECT article_id FROM article_countries WHERE code = ?1)",
};

/* Statement i of the backend's table, then of its other files'. */
static const char *
statement(int i)
{
	const char *t = sqlite_statement(i);
	int n, m;

	if (t != NULL || i < 0)
		return t;
	for (n = 0; sqlite_statement(n) != NULL; n++)
		continue;
	if ((t = sqlite_oai_statement(i - n)) != NULL)
		return t;
	for (m = 0; sqlite_oai_statement(m) != NULL; m++)
		continue;
	if ((t = sqlite_search_statement(i - n - m)) != NULL)
		return t;
	for (n += m, m = 0; sqlite_search_statement(m) != NULL; m++)
		continue;
	if ((t = sqlite_finding_statement(i - n - m)) != NULL)
		return t;
	for (n += m, m = 0; sqlite_finding_statement(m) != NULL; m++)
		continue;
	return i - n - m < (int)nitems(trigger_reads) ? trigger_reads[i - n -
	    m] : NULL;
}

/* The table of a "SCAN x ..." or "SEARCH x ..." line is big. */
static int
is_big(const char *detail)
{
	size_t i, n;

	if (strncmp(detail, "SCAN ", 5) == 0)
		detail += 5;
	else if (strncmp(detail, "SEARCH ", 7) == 0)
		detail += 7;
	else
		return 0;
	for (i = 0; i < nitems(big); i++) {
		n = strlen(big[i]);
		if (strncmp(detail, big[i], n) == 0 &&
		    (detail[n] == '\0' || detail[n] == ' '))
			return 1;
	}
	return 0;
}

/*
 * Why a plan line of statement text reads too much, or NULL; keys is set
 * when the line is under a MATERIALIZE (a page's keys, with a LIMIT).
 */
static const char *
too_much(const char *text, const char *d, int keys)
{
	if (!is_big(d))
		return NULL;
	if (strncmp(d, "SCAN ", 5) == 0)
		return "scans a big table";
	if (strstr(d, "(status=?)") != NULL && !keys)
		return "searches a big table by status alone";
	if (strstr(text, "count(") != NULL)
		return "counts a big table";
	return NULL;
}

int
main(void)
{
	char dir[] = "/tmp/octavo-plans.XXXXXX", path[64], what[160];
	char *q;
	const char *text, *why;
	struct store *st = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *ex;
	struct {
		int	 id, parent, keys;
	} node[MAXNODES];
	int i, from, to, n = 0, bad, sorts, keysorts, nodes, fts;

	if (mkdtemp(dir) == NULL) {
		printf("FAIL fixture: mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/p.db", dir);
	T_TRUE("fixture: a migrated database", store_open(path, 1, &st) ==
	    ERR_OK && store_migrate(st, &from, &to) == ERR_OK);
	store_close(st);
	T_TRUE("fixture: opened", sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite_search_open(db) == ERR_OK);
	for (i = 0; (text = statement(i)) != NULL; i++) {
		q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", text);
		ex = NULL;
		if (sqlite3_prepare_v2(db, q, -1, &ex, NULL) != SQLITE_OK) {
			snprintf(what, sizeof(what), "statement %d prepares "
			    "(%s)", i, sqlite3_errmsg(db));
			T_TRUE(what, 0);
			sqlite3_free(q);
			continue;
		}
		bad = sorts = keysorts = nodes = fts = 0;
		while (sqlite3_step(ex) == SQLITE_ROW) {
			const char *d = (const char *)
			    sqlite3_column_text(ex, 3);
			int id = sqlite3_column_int(ex, 0);
			int up = sqlite3_column_int(ex, 1), k, keys = 0;

			if (d == NULL || nodes == MAXNODES)
				continue;
			/* Under a MATERIALIZE? Walk up the parents. */
			for (k = nodes - 1; k >= 0; k--) {
				if (node[k].id != up)
					continue;
				keys |= node[k].keys;
				up = node[k].parent;
			}
			node[nodes].id = id;
			node[nodes].parent = sqlite3_column_int(ex, 1);
			node[nodes].keys = keys ||
			    strncmp(d, "MATERIALIZE", 11) == 0;
			nodes++;
			if ((why = too_much(text, d, keys)) != NULL) {
				printf("    statement %d %s: %s\n", i, why, d);
				bad = 1;
			}
			if (strstr(d, "TEMP B-TREE") != NULL) {
				sorts = 1;
				keysorts |= keys;
			}
			if (strstr(d, "VIRTUAL TABLE INDEX") != NULL)
				fts = 1;
		}
		sqlite3_finalize(ex);
		sqlite3_free(q);
		snprintf(what, sizeof(what), "statement %d reads no whole "
		    "big table: %.60s", i, text);
		T_TRUE(what, !bad);
		if (strstr(text, "MATCH") != NULL) {
			snprintf(what, sizeof(what), "statement %d (a search) "
			    "reads the full-text index", i);
			T_TRUE(what, fts);
		}
		if (strstr(text, "ORDER BY f.rowid DESC LIMIT") != NULL) {
			snprintf(what, sizeof(what), "statement %d (a search's "
			    "newest matches) needs no sort", i);
			T_TRUE(what, !sorts);
		}
		if (strstr(text, "_articles WHERE") != NULL) {
			snprintf(what, sizeof(what), "statement %d (a kept "
			    "list's page) takes its keys in order, unsorted", i);
			T_TRUE(what, !keysorts);
		}
		if (strstr(text, "CROSS JOIN") != NULL) {
			snprintf(what, sizeof(what), "statement %d (an issue's "
			    "contents, an index of terms) needs no sort", i);
			T_TRUE(what, !sorts);
		}
		n++;
	}
	T_TRUE("every statement was explained", n > 40);
	sqlite3_close(db);
	for (i = 0; i < 4; i++) {
		static const char *const sfx[] = { "", "-wal", "-shm",
		    "-journal" };

		snprintf(path, sizeof(path), "%s/p.db%s", dir, sfx[i]);
		unlink(path);
	}
	rmdir(dir);
	T_DONE();
}
