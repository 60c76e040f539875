/*
 * sqlite_pairs: an index of the word pairs of each published article,
 * for phrases (migration 21; docs/design.md, "Search").
 *
 * A phrase of common words that seldom meet ("customs drought": 34,754
 * of 100,000 articles hold both words, none the phrase) costs FTS5 a
 * check of both words' positions in each article that holds both: 4.4
 * ms, whichever way it reads.  article_pairs holds, for each published
 * article, every pair of words that follow each other in one of its
 * columns, as one token ("customs_drought": the index's own tokens,
 * joined by "_", which its tokenizer never leaves in a token), without
 * positions or columns (detail=none).  A phrase's articles are among
 * those that hold all its pairs, so a search first counts them (PAIRS
 * in sqlite_search.c): none, and the search is over; a few, and it
 * reads article_fts oldest first without a probe.  FTS5 stays the
 * judge of every match: an article counted wrongly (a stale one) costs
 * some reading and changes no result.
 *
 * The pairs are made by octavo_pairs(col, ...), a function only the
 * store's connections have (SQLITE_DIRECTONLY), so the triggers that
 * keep article_fts in step, which any program that writes the journal
 * runs (the sqlite3 shell, a script), cannot make them.  They note
 * instead, in search_stale, each article whose text changed, with the
 * text the pairs were made from (to take them out: the table keeps no
 * copy of the text).  A search counts every stale article as holding
 * every pair, and the store makes their pairs again before it commits
 * a transaction of its own (sqlite_pairs_refresh), so that the list
 * stays short whoever wrote.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* The index's tokenizer, made once for a connection. */
struct pairer {
	fts5_tokenizer	 tk;
	Fts5Tokenizer	*tok;
};

/* The pairs of one text: the last token, where the buffer stands. */
struct pairing {
	struct buf	*out;
	char		 last[SEARCH_PAIR_TOKEN];
	int		 nlast;		/* -1: none yet, or too long */
	enum err	 rc;
};

static int
pair_add(void *ctx, int flags, const char *tok, int len, int start, int end)
{
	struct pairing *g = ctx;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (g->nlast >= 0 && len < (int)sizeof(g->last) &&
	    ((g->rc = buf_add(g->out, g->last, (size_t)g->nlast)) !=
	    ERR_OK || (g->rc = buf_putc(g->out, '_')) != ERR_OK ||
	    (g->rc = buf_add(g->out, tok, (size_t)len)) != ERR_OK ||
	    (g->rc = buf_putc(g->out, ' ')) != ERR_OK))
		return SQLITE_NOMEM;
	/* A token too long to pair breaks the chain, as in the phrase. */
	g->nlast = -1;
	if (len < (int)sizeof(g->last)) {
		memcpy(g->last, tok, (size_t)len);
		g->nlast = len;
	}
	return SQLITE_OK;
}

enum err
sqlite_pairs_of(fts5_tokenizer *tk, Fts5Tokenizer *tok, int flags,
    const char *s, size_t len, struct buf *out)
{
	struct pairing g = { out, { 0 }, -1, ERR_OK };

	if (len == 0)
		return ERR_OK;
	if (len > INT_MAX)
		return ERR_LIMIT;
	if (tk->xTokenize(tok, &g, flags, s, (int)len, pair_add) !=
	    SQLITE_OK && g.rc == ERR_OK)
		g.rc = ERR_DB;
	return g.rc;
}

/* octavo_pairs(text, ...): the pairs of each text, in one text. */
static void
pairs_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct pairer *pr = sqlite3_user_data(ctx);
	struct buf b;
	const char *s;
	size_t total = 64;
	int i;
	enum err e = ERR_OK;

	for (i = 0; i < nval; i++)
		total += 2 * (size_t)sqlite3_value_bytes(val[i]);
	buf_init(&b, total + LIMIT_SEARCH_EXPR);
	for (i = 0; e == ERR_OK && i < nval; i++)
		if ((s = (const char *)sqlite3_value_text(val[i])) != NULL)
			e = sqlite_pairs_of(&pr->tk, pr->tok,
			    FTS5_TOKENIZE_DOCUMENT, s,
			    (size_t)sqlite3_value_bytes(val[i]), &b);
	if (e == ERR_OK)
		sqlite3_result_text(ctx, b.len > 0 ? b.p : "", (int)b.len,
		    SQLITE_TRANSIENT);
	else if (e == ERR_LIMIT)
		sqlite3_result_error_toobig(ctx);
	else
		sqlite3_result_error_nomem(ctx);
	buf_free(&b);
}

static void
pairer_free(void *p)
{
	struct pairer *pr = p;

	if (pr->tok != NULL)
		pr->tk.xDelete(pr->tok);
	free(pr);
}

enum err
sqlite_pairs_open(sqlite3 *db, fts5_api *api)
{
	struct pairer *pr = xcalloc(1, sizeof(*pr));
	enum err e;

	if ((e = sqlite_search_tokenizer(api, &pr->tk, &pr->tok)) != ERR_OK) {
		free(pr);
		return e;
	}
	if (sqlite3_create_function_v2(db, "octavo_pairs", -1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, pr, pairs_fn, NULL,
	    NULL, pairer_free) != SQLITE_OK) {
		log_warnx("sqlite: octavo_pairs: %s", sqlite3_errmsg(db));
		return ERR_DB;
	}
	return ERR_OK;
}

/* Run each of the n statements sql. */
static enum err
run_all(void *p, const char *const *sql, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	enum err e;

	for (i = 0; i < n; i++)
		if ((e = sqlite_stmt(p, sql[i], &st)) != ERR_OK ||
		    (e = sqlite_run(p, st, "search pairs")) != ERR_OK)
			return e;
	return ERR_OK;
}

/*
 * The stale articles' pairs made again: the old ones out (from the text
 * noted, when they were in), the new in (when the article is published),
 * the notes gone.
 */
enum err
sqlite_pairs_refresh(void *p)
{
	static const char *const sql[] = {
		"INSERT INTO article_pairs (article_pairs, rowid, pairs)"
		" SELECT 'delete', article_id, octavo_pairs(" SEARCH_COLS ")"
		" FROM search_stale WHERE indexed",
		"INSERT INTO article_pairs (rowid, pairs)"
		" SELECT id, octavo_pairs(" SEARCH_COLS ") FROM article_search"
		" WHERE id IN (SELECT article_id FROM search_stale)",
		"DELETE FROM search_stale",
	};
	static const char any[] =
	    "SELECT EXISTS (SELECT 1 FROM search_stale)";
	sqlite3_stmt *st;
	enum err e;
	int stale;

	if ((e = sqlite_stmt(p, any, &st)) != ERR_OK)
		return e;
	stale = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return stale ? run_all(p, sql, nitems(sql)) : ERR_OK;
}

/* Every published article's pairs made again (a bulk load's end). */
enum err
sqlite_pairs_rebuild(void *p)
{
	static const char *const sql[] = {
		"INSERT INTO article_pairs (article_pairs)"
		" VALUES ('delete-all')",
		"INSERT INTO article_pairs (rowid, pairs) SELECT id,"
		" octavo_pairs(" SEARCH_COLS ") FROM article_search",
		"INSERT INTO article_pairs (article_pairs) VALUES ('optimize')",
		"DELETE FROM search_stale",
	};

	return run_all(p, sql, nitems(sql));
}
