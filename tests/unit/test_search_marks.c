/*
 * test_search_marks: octavo_mark (src/store/sqlite_marks.c), which
 * makes a search result's marked title and its snippet, gives what
 * FTS5's own highlight() and snippet() give, byte for byte, on every
 * matching row of a demo journal (40 articles of Markdown sentences)
 * and of articles written to try the edges: sentences begun after a
 * full stop or a colon and blanks of each kind, hits in the first and
 * the last words, hits that overlap, a body shorter than the stretch,
 * an empty one, an HTML body (its text), accented words.  Queries of
 * one word, several, OR, NOT, phrases, prefixes, a column filter; the
 * stretch 24 words long as the search asks, and 2, 5 and 64 (one word
 * from the first is a case snippet() gets wrong: it takes the stretch
 * [0, 0] for none).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "store/store_int.h"
#include "test.h"

static struct store *st;
static sqlite3 *db;

static const struct {
	const char	*slug;
	const char	*title;
	const char	*body;
	const char	*format;
} edges[] = {
	{ "edge-colon", "Budget: Reform, Then Budget",
	    "Introduction:  the budget was late.\tThe reform\nfollowed."
	    "\r\nBudget reform budget reform: budget. Another sentence "
	    "with nothing. And then the budget again, and the reform, "
	    "and the budget and the budget and the budget once more "
	    "before the end of it all, budget.", "markdown" },
	{ "edge-short", "Short Reform", "Reform budget.", "markdown" },
	{ "edge-empty", "Budget With No Body", "", "markdown" },
	{ "edge-start", "\xe2\x80\x9c" "Budget\xe2\x80\x9d, Quoted",
	    "\xe2\x80\x9c" "Budget\xe2\x80\x9d first. Many words follow "
	    "here so that the stretch cannot hold the whole text of this "
	    "body at all, no matter how it is cut, word after word after "
	    "word until the end, where the last word is budget",
	    "markdown" },
	{ "edge-accents", "Brezova\xc4\x8d Budget Talks",
	    "The \xc3\x89tat budget of Brezova\xc4\x8d. Brezovac reform: "
	    "\xc3\xa9tat budget reform. " "Z\xc3\xbcrich and Zurich both "
	    "spoke of the budget and reform of reform budget.", "markdown" },
	{ "edge-html", "Imported Budget",
	    "<p>First <em>budget</em> paragraph.</p><p>Second: reform "
	    "of the <a href=\"https://example.org/budget\">budget</a>."
	    "</p><ul><li>budget</li><li>reform</li></ul>", "html" },
};

static const char *const queries[] = {
	"budget", "reform", "the", "budget reform", "budget OR reform",
	"budget NOT reform", "\"budget reform\"", "\"the budget\"",
	"\"reform budget\" OR budget", "budg*", "\"the bud\"*",
	"brezovac", "etat", "title: budget", "body: reform AND the",
	"(budget OR debate) AND policy", "percent OR border OR trade",
	"zurich", "NEAR(budget reform, 3)",
};

static const int stretches[] = { 24, 2, 5, 64 };

/* Save the edge articles, published, through the store. */
static void
edges_add(void)
{
	json_t *secs = NULL, *people = NULL;
	int64_t section, person;
	size_t i;

	store_sections_list(st, &secs);
	store_people_list(st, 0, &people);
	section = json_integer_value(json_object_get(json_array_get(secs, 0),
	    "id"));
	person = json_integer_value(json_object_get(json_array_get(people,
	    0), "id"));
	for (i = 0; i < nitems(edges); i++)
		T_STREQ(edges[i].slug, err_str(test_article_new(st,
		    edges[i].slug, edges[i].title, edges[i].body,
		    edges[i].format, section, person)), err_str(ERR_OK));
	json_decref(secs);
	json_decref(people);
}

/*
 * Every row of q: FTS5's snippet of the body and highlight of the title
 * and dek against octavo_mark's, n words a stretch.
 */
static void
compare(const char *q, int n)
{
	static const char sql[] = "SELECT f.rowid,"
	    " snippet(article_fts, 2, char(1), char(2), '\xe2\x80\xa6', ?2),"
	    " octavo_mark(article_fts, 2, coalesce(b.text, b.body, ''), ?2),"
	    " snippet(article_fts, 0, char(1), char(2), '\xe2\x80\xa6', ?2),"
	    " octavo_mark(article_fts, 0, a.title, ?2),"
	    " highlight(article_fts, 0, char(1), char(2)),"
	    " octavo_mark(article_fts, 0, a.title, 0),"
	    " highlight(article_fts, 1, char(1), char(2)),"
	    " octavo_mark(article_fts, 1, a.dek, 0)"
	    " FROM article_fts f JOIN articles a ON a.id = f.rowid"
	    " LEFT JOIN article_bodies b ON b.article_id = a.id"
	    " WHERE article_fts MATCH ?1";
	sqlite3_stmt *s = NULL;
	char name[256], first[512] = "";
	const char *have, *want;
	int rows = 0, differ = 0, rc, k;

	snprintf(name, sizeof(name), "%s, %d words", q, n);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		T_STREQ(name, sqlite3_errmsg(db), "prepared");
		return;
	}
	sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, n);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows++;
		for (k = 1; k < 9; k += 2) {
			want = (const char *)sqlite3_column_text(s, k);
			have = (const char *)sqlite3_column_text(s, k + 1);
			if ((want == NULL) == (have == NULL) && (want == NULL ||
			    strcmp(want, have) == 0))
				continue;
			if (differ++ == 0)
				snprintf(first, sizeof(first), "row %lld column"
				    " %d: \"%s\", FTS5 \"%s\"",
				    (long long)sqlite3_column_int64(s, 0), k,
				    have ? have : "(null)",
				    want ? want : "(null)");
		}
	}
	T_TRUE(name, rc == SQLITE_DONE);
	T_TRUE(nm(name, "rows"), rows > 0);
	T_STREQ(nm(name, "as FTS5's"), first, "");
	sqlite3_finalize(s);
}

int
main(void)
{
	char dir[] = "/tmp/octavo-marks-XXXXXX", path[256];
	size_t i, k;

	if (mkdtemp(dir) == NULL) {
		printf("FAIL fixture: mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/m.db", dir);
	T_STREQ("fixture: journal", err_str(journal_make(path, journal_put)),
	    err_str(ERR_OK));
	T_STREQ("fixture: store", err_str(store_open(path, 0, &st)),
	    err_str(ERR_OK));
	edges_add();
	T_TRUE("fixture: sqlite", sqlite3_open(path, &db) == SQLITE_OK);
	T_STREQ("fixture: octavo_mark registered",
	    err_str(sqlite_search_open(db)), err_str(ERR_OK));
	for (i = 0; i < nitems(queries); i++)
		for (k = 0; k < nitems(stretches); k++)
			compare(queries[i], stretches[k]);
	sqlite3_close(db);
	test_store_free(st, dir, path);
	return test_failed;
}
