/*
 * test_search_sparse: the ways a search reads its candidates give the
 * same results.  A search that looks sparse (few matches among the
 * newest ids, PROBE in sqlite_search.c) reads them oldest first and
 * keeps the newest; one that does not, newest first.  On a demo journal
 * of 2,200 articles, for queries that match from every article to none
 * (words, phrases, OR, NOT, filters, newest first), each page's ids in
 * order, the total and "more" are compared with the probe off (always
 * newest first), at its default, with estimates far off (a probe of
 * one id or eight), and with every search read oldest first: a word in
 * more than 1,000 articles found so keeps the newest 1,000, one in more
 * than 2,000 makes the reading stop and be done again newest first.  The page's rows of a
 * NOT are marked (by the expression without what it leaves out) as
 * FTS5's snippet() and highlight() mark them with the whole of it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "store/store_int.h"
#include "test.h"

#define ARTICLES	2200

static struct store *st;
static sqlite3 *db;

static const struct {
	const char	*q;
	const char	*section;
	const char	*author;
	int		 by_date;
} queries[] = {
	{ "budget", NULL, NULL, 0 },
	{ "reform", NULL, NULL, 1 },
	{ "drought", NULL, NULL, 0 },
	{ "sanctions", NULL, NULL, 0 },
	{ "referendum", NULL, NULL, 0 },
	{ "sanctions -budget", NULL, NULL, 0 },
	{ "drought NOT sanctions", NULL, NULL, 0 },
	{ "\"customs drought\"", NULL, NULL, 0 },
	{ "\"customs reform\"", NULL, NULL, 0 },
	{ "fisheries OR grain", NULL, NULL, 0 },
	{ "drought OR sanctions", NULL, NULL, 1 },
	{ "budget", "field-reports", NULL, 0 },
	{ "drought", "commentary", NULL, 1 },
	{ "reform", NULL, "first-author", 0 },
	{ "zzqqxv", NULL, NULL, 0 },
	{ "\"customs drought\" -budget", NULL, NULL, 0 },
	{ "\"customs reform\" drought", "field-reports", NULL, 0 },
	{ "\"fisheries management\" -\"customs reform\"", NULL, NULL, 1 },
	{ "\"public debt\" OR \"customs drought\"", NULL, NULL, 0 },
	{ "(\"border dispute\" OR grain) \"water-sharing agreement\"", NULL,
	    NULL, 0 },
	{ "\"water-sharing agreement\"", NULL, "first-author", 0 },
	{ "\"gas pipe\"*", NULL, NULL, 0 },
	{ "\"abstract beyond\"", NULL, NULL, 0 },
};

/*
 * Probes: off (the reference), the default, one id, a few, and every
 * search read oldest first (past 2,000 matches: again newest first).
 */
static const long probes[] = { 0, 4096, 1, 8, 64, -1 };

/* "id id ... | total more" of a page of q. */
static void
page(struct store_search *s, long offset, char *out, size_t size)
{
	json_t *rows = NULL, *row;
	long total = 0;
	size_t i, len = 0;
	int more = 0;
	enum err e;

	s->offset = offset;
	s->limit = 40;
	e = store_search(st, s, &rows, &total, &more);
	out[0] = '\0';
	json_array_foreach(rows, i, row)
		if (len < size)
			len += (size_t)snprintf(out + len, size - len, "%lld ",
			    (long long)json_integer_value(json_object_get(row,
			    "id")));
	if (len < size)
		snprintf(out + len, size - len, "| %ld%s %s", total,
		    more ? "+" : "", err_str(e));
	json_decref(rows);
}

static void
test_paths(const char *author)
{
	struct store_search s;
	char want[2][4096], have[4096], name[256];
	static const long offsets[] = { 0, 980 };
	size_t i, k, o;

	for (i = 0; i < nitems(queries); i++) {
		memset(&s, 0, sizeof(s));
		s.q = queries[i].q;
		s.qlen = strlen(queries[i].q);
		s.section = queries[i].section;
		s.author = queries[i].author != NULL ? author : NULL;
		s.by_date = queries[i].by_date;
		sqlite_search_probe_set(0);
		sqlite_search_pairs_set(0);
		for (o = 0; o < nitems(offsets); o++)
			page(&s, offsets[o], want[o], sizeof(want[o]));
		sqlite_search_pairs_set(1);
		snprintf(name, sizeof(name), "%s%s%s: found", s.q,
		    s.section != NULL ? " in " : "", s.section != NULL ?
		    s.section : "");
		T_TRUE(name, strncmp(want[0], "| 0 ", 4) != 0 ||
		    strcmp(s.q, "zzqqxv") == 0 || strchr(s.q, '"') != NULL);
		/* k 0: the probe off, the pairs asked. */
		for (k = 0; k < nitems(probes); k++) {
			sqlite_search_probe_set(probes[k]);
			for (o = 0; o < nitems(offsets); o++) {
				page(&s, offsets[o], have, sizeof(have));
				snprintf(name, sizeof(name), "%s%s%s%s, pairs,"
				    " probe %ld, from %ld", s.q, s.section != NULL ?
				    " in " :
				    "", s.section != NULL ? s.section : "",
				    s.by_date ? ", newest first" : "",
				    probes[k], offsets[o]);
				T_STREQ(name, have, want[o]);
			}
		}
	}
	sqlite_search_probe_set(4096);
}

/*
 * The rows' lengths a connection keeps for ranking (struct lengths in
 * sqlite_search.c) are forgotten when the index changes: a result made
 * much longer by another program ranks as a new connection ranks it.
 */
static void
test_lengths(const char *path)
{
	static const char longer[] = "UPDATE article_bodies SET body = body"
	    " || replace(hex(zeroblob(1500)), '0', ' filler')"
	    " WHERE article_id = ?1";
	struct store *fresh = NULL;
	struct store_search s;
	sqlite3_stmt *x = NULL;
	char before[4096], have[4096], want[4096];
	long long top;

	memset(&s, 0, sizeof(s));
	s.q = "budget";
	s.qlen = strlen(s.q);
	page(&s, 0, before, sizeof(before));
	top = strtoll(before, NULL, 10);
	T_TRUE("lengths: made longer", top > 0 && sqlite3_prepare_v2(db,
	    longer, -1, &x, NULL) == SQLITE_OK && sqlite3_bind_int64(x, 1,
	    top) == SQLITE_OK && sqlite3_step(x) == SQLITE_DONE);
	sqlite3_finalize(x);
	page(&s, 0, have, sizeof(have));
	T_TRUE("lengths: the order changes", strcmp(have, before) != 0);
	T_STREQ("lengths: a new connection", err_str(store_open(path, 0,
	    &fresh)), err_str(ERR_OK));
	if (fresh != NULL) {
		struct store *kept = st;

		st = fresh;
		page(&s, 0, want, sizeof(want));
		st = kept;
		store_close(fresh);
	}
	T_STREQ("lengths: ranked as a new connection ranks", have, want);
}

/* The ids q finds (pairs asked), "id id ... | total", into out. */
static void
found(const char *q, char *out, size_t size)
{
	struct store_search s;

	memset(&s, 0, sizeof(s));
	s.q = q;
	s.qlen = strlen(q);
	page(&s, 0, out, size);
}

/* The pair index's words and their articles' counts, as one text. */
static char *
pairs_held(void)
{
	static const char sql[] = "SELECT group_concat(term || ' ' || doc,"
	    " ',') FROM (SELECT term, doc FROM temp.pairs_vocab"
	    " ORDER BY term)";
	sqlite3_stmt *x = NULL;
	char *out = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &x, NULL) == SQLITE_OK &&
	    sqlite3_step(x) == SQLITE_ROW && sqlite3_column_text(x, 0) != NULL)
		out = strdup((const char *)sqlite3_column_text(x, 0));
	sqlite3_finalize(x);
	return out;
}

static long
count_of(const char *sql)
{
	sqlite3_stmt *x = NULL;
	long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &x, NULL) == SQLITE_OK &&
	    sqlite3_step(x) == SQLITE_ROW)
		n = sqlite3_column_int64(x, 0);
	sqlite3_finalize(x);
	return n;
}

/*
 * The word pairs (sqlite_pairs.c) when another program writes: its
 * changes are noted stale and found all the same, then made again by
 * the store's next commit, and what the index holds after each step is
 * what a rebuild of it holds.
 */
static void
test_pairs(void)
{
	static const char zebra[] = "UPDATE article_bodies SET body ="
	    " body || ' The quokka zebra line.' WHERE article_id = (SELECT"
	    " max(id) FROM articles WHERE status = 'published')";
	static const char unzebra[] = "UPDATE article_bodies SET body ="
	    " replace(body, 'quokka zebra', 'zebra') WHERE body LIKE"
	    " '%quokka zebra%'";
	static const char draft[] = "UPDATE articles SET status = 'draft'"
	    " WHERE id = (SELECT min(id) FROM articles WHERE status ="
	    " 'published')";
	static const char held[] = "SELECT count(*) FROM article_pairs"
	    " WHERE article_pairs MATCH '\"quokka_zebra\"'";
	char have[4096], want[4096], *before, *after;

	T_TRUE("pairs: vocabulary", sqlite3_exec(db, "CREATE VIRTUAL TABLE"
	    " temp.pairs_vocab USING fts5vocab(main, article_pairs, row)",
	    NULL, NULL, NULL) == SQLITE_OK);
	found("\"quokka zebra\"", have, sizeof(have));
	T_STREQ("pairs: none yet", have, "| 0 ok");
	T_TRUE("pairs: another program writes", sqlite3_exec(db, zebra, NULL,
	    NULL, NULL) == SQLITE_OK);
	T_INTEQ("pairs: noted stale", count_of("SELECT count(*) FROM"
	    " search_stale WHERE indexed"), 1);
	T_INTEQ("pairs: not made by it", count_of(held), 0);
	found("\"quokka zebra\"", have, sizeof(have));
	T_TRUE("pairs: the stale article found", strstr(have, "| 1 ok") !=
	    NULL);
	sqlite_search_pairs_set(0);
	found("\"quokka zebra\"", want, sizeof(want));
	sqlite_search_pairs_set(1);
	T_STREQ("pairs: as without them", have, want);
	T_STREQ("pairs: the store commits", err_str(store_begin(st) ==
	    ERR_OK ? store_commit(st) : ERR_DB), err_str(ERR_OK));
	T_INTEQ("pairs: none stale", count_of("SELECT count(*) FROM"
	    " search_stale"), 0);
	T_INTEQ("pairs: made again", count_of(held), 1);
	found("\"quokka zebra\"", have, sizeof(have));
	T_STREQ("pairs: found by them", have, want);
	T_TRUE("pairs: the phrase goes, an article unpublished",
	    sqlite3_exec(db, unzebra, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, draft, NULL, NULL, NULL) == SQLITE_OK);
	T_INTEQ("pairs: both stale", count_of("SELECT count(*) FROM"
	    " search_stale WHERE indexed"), 2);
	T_STREQ("pairs: the store commits again", err_str(store_begin(st) ==
	    ERR_OK ? store_commit(st) : ERR_DB), err_str(ERR_OK));
	T_INTEQ("pairs: taken out", count_of(held), 0);
	found("\"quokka zebra\"", have, sizeof(have));
	T_STREQ("pairs: gone", have, "| 0 ok");
	/* A title and a body in one transaction, the body by an upsert. */
	T_TRUE("pairs: an upsert after another change of the article",
	    sqlite3_exec(db, "BEGIN; UPDATE articles SET title = title ||"
	    " ' again' WHERE id = (SELECT max(id) FROM articles WHERE"
	    " status = 'published'); INSERT INTO article_bodies (article_id,"
	    " body) SELECT max(id), 'The quokka zebra is back.' FROM articles"
	    " WHERE status = 'published' ON CONFLICT (article_id) DO UPDATE"
	    " SET body = excluded.body; COMMIT", NULL, NULL, NULL) ==
	    SQLITE_OK);
	T_INTEQ("pairs: one note, with the text they were made from",
	    count_of("SELECT count(*) FROM search_stale WHERE indexed"
	    " AND body NOT LIKE '%quokka zebra is back%'"), 1);
	T_STREQ("pairs: the store commits once more", err_str(store_begin(st)
	    == ERR_OK ? store_commit(st) : ERR_DB), err_str(ERR_OK));
	T_INTEQ("pairs: put back", count_of(held), 1);
	before = pairs_held();
	T_STREQ("pairs: rebuilt", err_str(store_begin(st) == ERR_OK &&
	    store_search_hold(st, 1) == ERR_OK && store_search_hold(st, 0) ==
	    ERR_OK ? store_commit(st) : ERR_DB), err_str(ERR_OK));
	after = pairs_held();
	T_TRUE("pairs: held", before != NULL && strlen(before) > 1000);
	T_TRUE("pairs: kept in step as a rebuild makes them", before != NULL &&
	    after != NULL && strcmp(before, after) == 0);
	free(before);
	free(after);
}

/* The page's rows of q against FTS5's marks with the whole expression. */
static void
test_not_marks(const char *q)
{
	static const char sql[] = "SELECT"
	    " snippet(article_fts, 2, char(1), char(2), '\xe2\x80\xa6', 24),"
	    " highlight(article_fts, 0, char(1), char(2))"
	    " FROM article_fts WHERE article_fts MATCH ?1 AND rowid = ?2";
	struct store_search s;
	struct buf fts;
	sqlite3_stmt *x = NULL;
	json_t *rows = NULL, *row;
	const char *why, *snip, *title;
	char name[256];
	long total;
	size_t i;
	int more, same = 1;

	memset(&s, 0, sizeof(s));
	s.q = q;
	s.qlen = strlen(q);
	s.limit = 20;
	buf_init(&fts, LIMIT_SEARCH_EXPR);
	store_search_parse(q, strlen(q), &fts, &why);
	store_search(st, &s, &rows, &total, &more);
	snprintf(name, sizeof(name), "%s: rows", q);
	T_TRUE(name, json_array_size(rows) > 0);
	sqlite3_prepare_v2(db, sql, -1, &x, NULL);
	json_array_foreach(rows, i, row) {
		sqlite3_bind_text(x, 1, fts.p, -1, SQLITE_STATIC);
		sqlite3_bind_int64(x, 2, json_integer_value(json_object_get(row,
		    "id")));
		if (sqlite3_step(x) != SQLITE_ROW)
			same = 0;
		snip = (const char *)sqlite3_column_text(x, 0);
		title = (const char *)sqlite3_column_text(x, 1);
		if (snip == NULL || title == NULL || strcmp(snip,
		    json_string_value(json_object_get(row, "snippet"))) != 0 ||
		    strcmp(title, json_string_value(json_object_get(row,
		    "title_marked"))) != 0)
			same = 0;
		sqlite3_reset(x);
	}
	snprintf(name, sizeof(name), "%s: marked as FTS5 marks it", q);
	T_TRUE(name, same);
	sqlite3_finalize(x);
	json_decref(rows);
	buf_free(&fts);
}

int
main(void)
{
	char dir[256], path[300];
	json_t *people = NULL;
	const char *author;
	int from, to;

	if ((st = test_store_new("sparse", dir, path)) == NULL)
		return 1;
	store_close(st);
	unlink(path);
	T_STREQ("fixture: journal", err_str(journal_make_n(path, ARTICLES,
	    journal_put)), err_str(ERR_OK));
	T_STREQ("fixture: store", err_str(store_open(path, 0, &st)),
	    err_str(ERR_OK));
	T_STREQ("fixture: migrated", err_str(store_migrate(st, &from, &to)),
	    err_str(ERR_OK));
	T_TRUE("fixture: sqlite", sqlite3_open(path, &db) == SQLITE_OK);
	store_people_list(st, 0, &people);
	author = json_string_value(json_object_get(json_array_get(people, 0),
	    "slug"));
	test_paths(author);
	test_pairs();
	test_lengths(path);
	test_not_marks("sanctions -budget");
	test_not_marks("drought NOT sanctions");
	test_not_marks("(fisheries OR grain) -drought -\"customs reform\"");
	test_not_marks("\"public debt\" NOT (sanctions OR referendum)");
	json_decref(people);
	sqlite3_close(db);
	test_store_free(st, dir, path);
	return test_failed;
}
