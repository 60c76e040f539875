/*
 * fuzz_search_query: libFuzzer target for store_search_parse, which reads
 * what a reader types into the search box (any bytes).  Invariants: it
 * succeeds, or fails with ERR_PARSE or ERR_LIMIT and a sentence for the
 * reader; it is deterministic; and what it writes is an FTS5 expression
 * that SQLite's FTS5 parses (run against a small index of the same
 * tokenizer as the journal's), so no query can become an FTS5 syntax
 * error.  The same expression without its NOTs' operands (what a
 * search's page is read and marked by, sqlite_search_marks_expr)
 * parses too, has no NOT left, and matches every row the whole does.
 * The word pairs a match must hold (sqlite_search_pairs_expr) parse in
 * a pair index of the same rows (octavo_pairs, as article_pairs holds
 * them), and every row the expression matches holds them.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static sqlite3		*db;
static sqlite3_stmt	*st;
static sqlite3_stmt	*both;
static sqlite3_stmt	*paired;
static fts5_tokenizer	 tk;
static Fts5Tokenizer	*tok;

static void
setup(void)
{
	fts5_api *api = NULL;
	sqlite3_stmt *x = NULL;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &x, NULL) !=
	    SQLITE_OK)
		abort();
	sqlite3_bind_pointer(x, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(x);
	sqlite3_finalize(x);
	if (api == NULL || sqlite_pairs_open(db, api) != ERR_OK ||
	    sqlite_search_tokenizer(api, &tk, &tok) != ERR_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(a, b,"
	    " tokenize = 'unicode61 remove_diacritics 2');"
	    "INSERT INTO f VALUES ('Dubrač pipeline', 'customs reform');"
	    "INSERT INTO f VALUES ('anti-drug cooperation', 'gas');"
	    "INSERT INTO f VALUES ('gas pipeline reform', 'anti drug customs');"
	    "CREATE VIRTUAL TABLE p USING fts5(pairs, content = '',"
	    " detail = none,"
	    " tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\");"
	    "INSERT INTO p (rowid, pairs) SELECT rowid, octavo_pairs(a, b)"
	    " FROM f;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1"
	    " AND rowid NOT IN (SELECT rowid FROM p WHERE p MATCH ?2)", -1,
	    &paired, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid, bm25(f) FROM f WHERE f"
	    " MATCH ?1 ORDER BY rank", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1"
	    " AND rowid NOT IN (SELECT rowid FROM f WHERE f MATCH ?2)", -1,
	    &both, NULL) != SQLITE_OK)
		abort();
}

/* Does s hold the operator NOT (outside a phrase)? */
static int
has_not(const char *s)
{
	int quoted = 0;

	for (; *s != '\0'; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && strncmp(s, " NOT ", 5) == 0)
			return 1;
	}
	return 0;
}

/* The expression without its NOTs' operands: see the top. */
static void
marks(const char *expr, size_t len)
{
	struct buf m, again;

	buf_init(&m, LIMIT_SEARCH_EXPR);
	buf_init(&again, LIMIT_SEARCH_EXPR);
	if (sqlite_search_marks_expr(expr, &m) != ERR_OK || m.len == 0 ||
	    m.len > len || has_not(m.p) ||
	    sqlite_search_marks_expr(m.p, &again) != ERR_OK ||
	    again.len != m.len || memcmp(again.p, m.p, m.len) != 0)
		abort();
	/* Every row of the whole is a row of the rest. */
	sqlite3_bind_text(both, 1, expr, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(both, 2, m.p, (int)m.len, SQLITE_STATIC);
	if (sqlite3_step(both) != SQLITE_ROW ||
	    sqlite3_column_int(both, 0) != 0)
		abort();
	sqlite3_reset(both);
	buf_free(&m);
	buf_free(&again);
}

/* The pairs every match holds: see the top. */
static void
pairs(const char *expr, size_t len)
{
	struct buf pr;

	buf_init(&pr, SEARCH_EXPR_MAX);
	if (sqlite_search_pairs_expr(&tk, tok, expr, &pr) != ERR_OK)
		abort();
	if (pr.len > 0) {
		sqlite3_bind_text(paired, 1, expr, (int)len, SQLITE_STATIC);
		sqlite3_bind_text(paired, 2, pr.p, (int)pr.len, SQLITE_STATIC);
		if (sqlite3_step(paired) != SQLITE_ROW ||
		    sqlite3_column_int(paired, 0) != 0)
			abort();
		sqlite3_reset(paired);
	}
	buf_free(&pr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *why, *why2;
	struct buf a, b;
	enum err e, e2;
	int rc;

	if (db == NULL)
		setup();
	buf_init(&a, LIMIT_SEARCH_EXPR);
	buf_init(&b, LIMIT_SEARCH_EXPR);
	e = store_search_parse(in, size, &a, &why);
	e2 = store_search_parse(in, size, &b, &why2);
	if (e != e2 || why != why2 || a.len != b.len ||
	    (a.len > 0 && memcmp(a.p, b.p, a.len) != 0))
		abort();
	if (e != ERR_OK && ((e != ERR_PARSE && e != ERR_LIMIT) ||
	    why == NULL || a.len != 0))
		abort();
	if (e == ERR_OK && why != NULL)
		abort();
	if (e == ERR_OK && a.len > 0) {
		sqlite3_bind_text(st, 1, a.p, (int)a.len, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			continue;
		if (rc != SQLITE_DONE)
			abort();
		sqlite3_reset(st);
		marks(a.p, a.len);
		pairs(a.p, a.len);
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
