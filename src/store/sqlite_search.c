/*
 * sqlite_search: the reader's search and "related by text" over the FTS5
 * index article_fts (migration 16: published articles only, kept in step
 * by triggers).
 *
 * A search reads the index once: the newest LIMIT_SEARCH_RANKED + 1
 * matches that pass the filters, by article id, each with what its
 * ranking needs (octavo_hits below: the row's length and each phrase's
 * hits, weighted by column, the title highest).  Ranking them (BM25, as
 * FTS5's bm25() computes it), or ordering them by date, and cutting the
 * page happen here; only the page's articles are then read in full, in
 * one statement, with the title highlighted and a snippet of the body
 * (matched words between STORE_MARK_OPEN and STORE_MARK_CLOSE, for the
 * page to turn into <mark> after escaping).  So a query that matches
 * most of a 100,000-article journal costs about what one that matches a
 * thousand does: FTS5 reads its doclists from the newest end and stops.
 * One that matches few reads them whole, and then oldest first, which
 * FTS5 does twice as fast (PROBE below).
 *
 * bm25() itself is not used: it counts, for each phrase, every article
 * of the index that holds it (its IDF), which for a phrase of common
 * words or a prefix means matching it against the whole journal, 15 to
 * 50 ms on 100,000 articles.  The IDF here comes from the matches read:
 * exact when they are all of them (a phrase's articles are all matches
 * of an OR), else scaled from the id range they cover.  For a query of
 * one word or phrase the order is bm25()'s exactly (the IDF is one
 * factor); only the weighing of several words against one another is
 * estimated.  What is ranked is said: *total stops at the cap, and *more
 * says there were more.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* Weights of a hit: title, dek, body, authors, section, tags, countries. */
static const double weight[] = { 10.0, 4.0, 1.0, 4.0, 1.0, 3.0, 2.0 };
#define BM25_K1	1.2
#define BM25_B	0.75

/*
 * What octavo_hits gives for a row: rows in the index, tokens in the
 * index, tokens in the row, then each phrase's weighted hits in it.
 */
#define HITS_HEAD	3
#define HITS_MAX	(HITS_HEAD + LIMIT_SEARCH_TERMS)
#define RANK	"octavo_hits(article_fts)"
/*
 * ?10: the reader's phrase each of FTS5's counts for (search_expr); ?12
 * the index's structure record (STRUCTURE), which the rows' lengths are
 * kept by.
 */
#define RANK_GROUPED	"octavo_hits(article_fts, ?10, ?12)"

/*
 * The candidates: ?1 the FTS5 expression, ?2 section slug, ?3 author
 * slug, ?4 country code, ?5 and ?6 the year's bounds (NULL: any), ?7
 * how many, ?8 and ?9 the range of ids, ?10 the phrases' groups.  An
 * author's or a country's articles are a set made once and tested on
 * the index's row before the article is read ("+": not handed to FTS5,
 * which would run a query for each id); when they are few, ?1 also
 * holds the name as a phrase of its column (sqlite_search_expr.c).
 */
/* An author's and a country's filters: lookups in their links. */
#define LINKED \
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM article_authors l" \
    " WHERE l.article_id = f.rowid AND l.person_id = (SELECT id" \
    " FROM people WHERE slug = ?3)))" \
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM article_countries x" \
    " WHERE x.article_id = f.rowid AND x.code = ?4))"
#define CANDIDATES_IN(order) \
    "SELECT f.rowid, " RANK_GROUPED ", a.published_at FROM article_fts f" \
    " JOIN articles a ON a.id = f.rowid" \
    " WHERE article_fts MATCH ?1" \
    " AND (?2 IS NULL OR a.section_id = (SELECT id FROM sections" \
    " WHERE slug = ?2))" \
    LINKED \
    " AND (?5 IS NULL OR (a.published_at >= ?5 AND a.published_at < ?6))" \
    " AND f.rowid BETWEEN ?8 AND ?9" \
    " ORDER BY f.rowid " order " LIMIT ?7"
static const char CANDIDATES[] = CANDIDATES_IN("DESC");
static const char CANDIDATES_UP[] = CANDIDATES_IN("ASC");

/*
 * The same with no section, year or date, by relevance: the index and
 * an author's or a country's links alone, each match's article read
 * only if it makes the page (a third of the candidates' cost was
 * reading each article's row for what nothing asked).
 */
#define CANDIDATES_PLAIN_IN(order) \
    "SELECT f.rowid, " RANK_GROUPED " FROM article_fts f" \
    " WHERE article_fts MATCH ?1" \
    LINKED \
    " AND f.rowid BETWEEN ?8 AND ?9" \
    " ORDER BY f.rowid " order " LIMIT ?7"
static const char CANDIDATES_PLAIN[] = CANDIDATES_PLAIN_IN("DESC");
static const char CANDIDATES_PLAIN_UP[] = CANDIDATES_PLAIN_IN("ASC");

/*
 * A search whose matches must hold a phrase of two words or more asks
 * the word pairs first (sqlite_pairs.c): how many articles hold every
 * pair of its phrases, or have stale pairs, ids ?2 to ?3, up to ?4.
 * None: no article matches, and FTS5 is spared checking the phrase in
 * every article that holds its words ("customs drought": 34,754 of
 * 100,000 articles, 4.4 ms).  At most SPARSE: the search is sparse,
 * without a probe.  Seeking FTS5 to each of a few such ids costs more
 * than reading them all (60 to 90 us an id, each a query of its own).
 */
static const char PAIRS[] =
    "SELECT count(*) FROM (SELECT id FROM (SELECT rowid AS id"
    " FROM article_pairs WHERE article_pairs MATCH ?1"
    " AND rowid BETWEEN ?2 AND ?3 LIMIT ?4)"
    " UNION SELECT article_id FROM search_stale"
    " WHERE article_id BETWEEN ?2 AND ?3 LIMIT ?4)";

/*
 * A search that matches few articles reads the whole index to find
 * them, and FTS5 reads it twice as fast oldest first (newest first, it
 * steps each doclist back: sanctions -budget, 196 matches, 5.5 against
 * 2.9 ms).  So a search first counts its matches among the newest
 * PROBE_IDS ids, oldest first, up to PROBE_DENSE (a stretch FTS5 reads
 * to the index's end, in a twentieth of the time of the whole): when
 * the share found stands for at most SPARSE matches in all, the
 * candidates are read oldest first, all of them.  The count is only an
 * estimate: past 2 x LIMIT_SEARCH_RANKED matches the reading stops and
 * is done again newest first.  ?1 the expression, ?2 and ?3 the ids,
 * ?4 PROBE_DENSE.  The ids the index holds: ID_RANGE.
 */
#define PROBE_IDS	4096
#define PROBE_DENSE	64
#define SPARSE		(LIMIT_SEARCH_RANKED / 4)
static const char PROBE[] =
    "SELECT count(*) FROM (SELECT f.rowid FROM article_fts f"
    " WHERE article_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3"
    " ORDER BY f.rowid LIMIT ?4)";
static const char ID_RANGE[] =
    "SELECT coalesce((SELECT min(rowid) FROM article_fts_docsize), 0),"
    " coalesce((SELECT max(rowid) FROM article_fts_docsize), -1)";

/*
 * The ids of a year's articles, ?1 to ?2: a year filter is also this id
 * range, which FTS5 seeks to instead of reading every newer match (ids
 * follow the order articles were made, mostly their dates' order; the
 * dates are checked all the same).
 */
static const char YEAR_IDS[] =
    "SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM articles"
    " WHERE status = 'published' AND published_at >= ?1"
    " AND published_at < ?2";

/*
 * The page's results in full: ?1 the expression, ?4 the ids (a JSON
 * array).  RESULT hands FTS5 the ids, each a query of its own that
 * seeks each phrase's doclist to the id: the cost of the page's twenty
 * rows, whatever lies between them.  When FTS5 would merge a prefix's
 * doclists for each (one it reads itself, search_expr's slow), RESULT_SPAN
 * gives it the range of ids instead, ?2 to ?3, which it reads once;
 * the "+" then keeps the ids from FTS5 and makes them a filter, so the
 * snippets are made for the page's rows only.  The marked title and the
 * snippet are octavo_mark's (sqlite_marks.c: highlight()'s and
 * snippet()'s, from the article's own title and body text).
 */
#define RESULT_ROWS \
    "SELECT a.id, a.slug, a.title, a.dek, a.published_at," \
    " octavo_mark(article_fts, 0, a.title, 0) AS title_marked," \
    " octavo_mark(article_fts, 2, coalesce(b.text, b.body, ''), 24)" \
    " AS snippet," \
    " s.slug AS \"section.slug\", s.name AS \"section.name\"," \
    " i.number AS \"issue.number\", i.date AS \"issue.date\"," \
    " w.slug AS \"authors[].slug\", w.name AS \"authors[].name\"" \
    " FROM article_fts f JOIN articles a ON a.id = f.rowid" \
    " JOIN sections s ON s.id = a.section_id" \
    " LEFT JOIN article_bodies b ON b.article_id = a.id" \
    " LEFT JOIN issues i ON i.id = a.issue_id" \
    " LEFT JOIN article_authors l ON l.article_id = a.id" \
    " LEFT JOIN people w ON w.id = l.person_id"
static const char RESULT[] = RESULT_ROWS
    " WHERE article_fts MATCH ?1"
    " AND f.rowid IN (SELECT value FROM json_each(?4))"
    " ORDER BY f.rowid DESC, l.position";
static const char RESULT_SPAN[] = RESULT_ROWS
    " WHERE article_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3"
    " AND +f.rowid IN (SELECT value FROM json_each(?4))"
    " ORDER BY f.rowid DESC, l.position";

/*
 * FTS5's structure record of the index (its segments, and a counter of
 * the writes: every change to the index changes it).
 */
static const char STRUCTURE[] =
    "SELECT block FROM article_fts_data WHERE id = 10";

/* What "related" reads of an article: its title and tags' names. */
static const char WORDS[] =
    "SELECT a.title AS title, (SELECT group_concat(t.name, char(10))"
    " FROM article_tags x JOIN tags t ON t.id = x.tag_id"
    " WHERE x.article_id = a.id) AS tags FROM articles a WHERE a.id = ?1";

/* The related: ?1 the expression, ?2 the article left out, ?3 cap. */
static const char SIMILAR[] =
    "SELECT f.rowid, " RANK " FROM article_fts f"
    " WHERE article_fts MATCH ?1 AND f.rowid <> ?2"
    " ORDER BY f.rowid DESC LIMIT ?3";

/* The related's rows, as lists show articles: ?1 the id. */
static const char SIMILAR_ROW[] =
    "SELECT a.id, a.slug, a.title, a.dek, a.published_at,"
    " s.slug AS \"section.slug\", s.name AS \"section.name\","
    " i.number AS \"issue.number\", i.date AS \"issue.date\","
    " w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
    " FROM articles a JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN issues i ON i.id = a.issue_id"
    " LEFT JOIN article_authors l ON l.article_id = a.id"
    " LEFT JOIN people w ON w.id = l.person_id"
    " WHERE a.id = ?1 AND a.status = 'published' ORDER BY l.position";

/*
 * The form's choices: the years of the first and last published issues
 * (each end of an index) and the countries published articles name (for
 * each of the 249, a lookup in article_countries' index, its articles
 * then, in that order).
 */
static const char YEARS[] =
    "SELECT CAST(substr(min(date), 1, 4) AS INTEGER) AS first,"
    " CAST(substr(max(date), 1, 4) AS INTEGER) AS last FROM issues"
    " WHERE status = 'published'";
static const char COUNTRIES[] =
    "SELECT c.code, c.name FROM countries c WHERE EXISTS (SELECT 1"
    " FROM article_countries x WHERE x.code = c.code AND EXISTS"
    " (SELECT 1 FROM articles a WHERE a.id = x.article_id"
    " AND a.status = 'published')) ORDER BY c.name";

static const char *const statements[] = {
	CANDIDATES, CANDIDATES_UP, CANDIDATES_PLAIN, CANDIDATES_PLAIN_UP,
	PAIRS, PROBE, ID_RANGE, YEAR_IDS, RESULT, RESULT_SPAN, STRUCTURE,
	WORDS,
	SIMILAR, SIMILAR_ROW, YEARS, COUNTRIES, NULL
};

/*
 * The index in one segment: a rebuild leaves a dozen or more, each of
 * which every word's lookup and every step of a query visits (2026-11-30,
 * 100,000 articles: 14 segments cost a search 1.5 to 2.5 times the
 * instructions of one; optimizing took 9 s).
 */
static const char OPTIMIZE[] = "INSERT INTO article_fts (article_fts)"
    " VALUES ('optimize')";

/* The view of the index's words that search_expr lists a prefix's from. */
static const char TERMS[] = "CREATE VIRTUAL TABLE IF NOT EXISTS"
    " temp.search_terms USING fts5vocab(main, article_fts, instance)";

const char *
sqlite_search_statement(int i)
{
	int n = (int)nitems(statements) - 1;

	if (i >= 0 && i < n)
		return statements[i];
	return sqlite_search_expr_statement(i - n);
}

struct cand {
	int64_t		 id;
	double		 rank;
	double		 hits[HITS_MAX];
	char		 date[24];
};

/*
 * The rows' lengths (in tokens) a connection has read, by id, while the
 * index stays as it was.  FTS5 reads a row's length with a statement of
 * its own (%_docsize), a third of a plain search's cost.  The index's
 * structure record changes with every write to it, and the lengths are
 * forgotten then.  At most LENGTHS_MAX ids (4 bytes each: 400 KB for a
 * journal of 100,000 articles); a row past them is read each time.
 */
#define LENGTHS_MAX	(1 << 22)
#define LENGTHS_KEY	4096	/* a structure record longer: no keeping */
struct lengths {
	unsigned char	 key[LENGTHS_KEY];
	int		 nkey;		/* -1: none yet */
	uint32_t	*len;		/* [id]: its length + 1; 0: unknown */
	size_t		 n;
};

static void
lengths_free(void *p)
{
	struct lengths *l = p;

	free(l->len);
	free(l);
}

/* The lengths for the index whose structure record is v (NULL: none). */
static struct lengths *
lengths_for(struct lengths *l, sqlite3_value *v)
{
	int n;

	if (l == NULL || v == NULL || sqlite3_value_type(v) != SQLITE_BLOB ||
	    (n = sqlite3_value_bytes(v)) > LENGTHS_KEY)
		return NULL;
	if (n != l->nkey || memcmp(l->key, sqlite3_value_blob(v),
	    (size_t)n) != 0) {
		memcpy(l->key, sqlite3_value_blob(v), (size_t)n);
		l->nkey = n;
		if (l->len != NULL)
			memset(l->len, 0, l->n * sizeof(l->len[0]));
	}
	return l;
}

/* The row's length, kept in l (NULL: read each time). */
static int
row_length(const Fts5ExtensionApi *api, Fts5Context *fts, struct lengths *l,
    int *len)
{
	sqlite3_int64 id = api->xRowid(fts);
	size_t n;
	int rc;

	if (l != NULL && id > 0 && (size_t)id < l->n && l->len[id] > 0) {
		*len = (int)(l->len[id] - 1);
		return SQLITE_OK;
	}
	if ((rc = api->xColumnSize(fts, -1, len)) != SQLITE_OK || l == NULL ||
	    id <= 0 || id >= LENGTHS_MAX || *len < 0)
		return rc;
	if ((size_t)id >= l->n) {
		for (n = l->n > 0 ? l->n : 1024; n <= (size_t)id; n *= 2)
			continue;
		l->len = xrealloc(l->len, n * sizeof(l->len[0]));
		memset(l->len + l->n, 0, (n - l->n) * sizeof(l->len[0]));
		l->n = n;
	}
	l->len[id] = (uint32_t)*len + 1;
	return SQLITE_OK;
}

/*
 * octavo_hits(article_fts [, groups [, index]]): the row's figures for
 * BM25 as a blob of doubles (HITS_HEAD, then one a phrase), hits
 * weighted by column as bm25()'s weights weigh them.  With groups (a
 * blob, a byte for each phrase of the expression), each phrase's hits
 * count for its group's figure: the words a prefix was written as count
 * for the prefix; a group of LIMIT_SEARCH_TERMS or more counts for
 * none.  With index (the structure record, STRUCTURE), the rows'
 * lengths are kept while it stays the same (struct lengths).
 */
static void
hits_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	double out[HITS_MAX];
	const unsigned char *group = NULL;
	struct lengths *l = lengths_for(api->xUserData(fts), nval > 1 ?
	    val[1] : NULL);
	sqlite3_int64 rows = 0, total = 0;
	int nphr = api->xPhraseCount(fts), ninst = 0, len = 0, i, ip, ic, io;
	int nout = nphr, g, rc;

	/*
	 * Groups that do not fit the phrases (never, as search_expr counts
	 * them) are ignored rather than failing the reader's search.
	 */
	if (nval > 0 && sqlite3_value_type(val[0]) == SQLITE_BLOB &&
	    sqlite3_value_bytes(val[0]) == nphr) {
		group = sqlite3_value_blob(val[0]);
		nout = LIMIT_SEARCH_TERMS;
	} else if (nphr > LIMIT_SEARCH_TERMS) {
		sqlite3_result_error(ctx, "octavo_hits: too many phrases", -1);
		return;
	}
	memset(out, 0, sizeof(out));
	/* A reading's error (a corrupt index) is the query's. */
	if ((rc = api->xRowCount(fts, &rows)) != SQLITE_OK ||
	    (rc = api->xColumnTotalSize(fts, -1, &total)) != SQLITE_OK ||
	    (rc = row_length(api, fts, l, &len)) != SQLITE_OK ||
	    (rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	out[0] = (double)rows;
	out[1] = (double)total;
	out[2] = (double)len;
	for (i = 0; i < ninst; i++) {
		if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK || ip < 0 ||
		    ip >= nphr || ic < 0 || ic >= (int)nitems(weight))
			continue;
		g = group != NULL ? group[ip] : ip;
		if (g < LIMIT_SEARCH_TERMS)
			out[HITS_HEAD + g] += weight[ic];
	}
	sqlite3_result_blob(ctx, out, (int)((HITS_HEAD + (size_t)nout) *
	    sizeof(double)), SQLITE_TRANSIENT);
}

enum err
sqlite_search_open(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	struct lengths *l = xcalloc(1, sizeof(*l));

	l->nkey = -1;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (api == NULL || api->xCreateFunction(api, "octavo_hits", l,
	    hits_fn, lengths_free) != SQLITE_OK) {
		free(l);
		api = NULL;
	}
	if (api == NULL || sqlite_marks_open(api) !=
	    ERR_OK || sqlite_pairs_open(db, api) != ERR_OK) {
		log_warnx("sqlite: no FTS5 to search with");
		return ERR_DB;
	}
	/* A temporary table: nothing is written to the journal's schema. */
	if (sqlite3_exec(db, TERMS, NULL, NULL, NULL) != SQLITE_OK) {
		log_warnx("sqlite: search terms: %s", sqlite3_errmsg(db));
		return ERR_DB;
	}
	return sqlite_search_text_open(db);
}

/*
 * Rank the n candidates by BM25 (rank: minus the score, as bm25()
 * gives it).  A phrase's IDF counts the candidates that hold it: every
 * article that does when they are all the matches; else scaled by the
 * share of the index their id range covers.
 */
static void
rank(struct cand *c, long n, int more)
{
	double idf[LIMIT_SEARCH_TERMS], rows, avg, span, share, df, f, s;
	int64_t lo, hi;
	long i, k, held;

	if (n == 0)
		return;
	rows = c[0].hits[0] > 0 ? c[0].hits[0] : 1;
	avg = c[0].hits[1] / rows > 0 ? c[0].hits[1] / rows : 1;
	lo = hi = c[0].id;
	for (i = 1; i < n; i++) {
		lo = c[i].id < lo ? c[i].id : lo;
		hi = c[i].id > hi ? c[i].id : hi;
	}
	span = (double)(hi - lo + 1);
	share = more && span < rows ? rows / span : 1;
	for (k = 0; k < LIMIT_SEARCH_TERMS; k++) {
		for (held = 0, i = 0; i < n; i++)
			held += c[i].hits[HITS_HEAD + k] > 0;
		df = held * share < rows ? held * share : rows;
		idf[k] = log((rows - df + 0.5) / (df + 0.5));
		if (idf[k] <= 0)
			idf[k] = 1e-6;
	}
	for (i = 0; i < n; i++) {
		for (s = 0, k = 0; k < LIMIT_SEARCH_TERMS; k++) {
			if ((f = c[i].hits[HITS_HEAD + k]) == 0)
				continue;
			s += idf[k] * f * (BM25_K1 + 1) / (f + BM25_K1 *
			    (1 - BM25_B + BM25_B * c[i].hits[2] / avg));
		}
		c[i].rank = -s;
	}
}

static int
by_rank(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int
by_date(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int c = strcmp(y->date, x->date);

	if (c != 0)
		return c;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* st reset after its last step's rc; ERR_DB, said, if that failed. */
static enum err
stmt_done(sqlite3_stmt *st, int rc, const char *what)
{
	enum err e = ERR_OK;

	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		log_warnx("sqlite: %s: %s", what,
		    sqlite3_errmsg(sqlite3_db_handle(st)));
		e = ERR_DB;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return e;
}

/*
 * Step st (bound) into at most max candidates in c; *n of them, *more
 * when there was one past max.
 */
static enum err
candidates(sqlite3_stmt *st, struct cand *c, long max, long *n,
    int *more)
{
	const unsigned char *d;
	const void *h;
	size_t len;
	int rc;

	*n = 0;
	*more = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			*more = 1;
			break;
		}
		c[*n].id = sqlite3_column_int64(st, 0);
		h = sqlite3_column_blob(st, 1);
		len = (size_t)sqlite3_column_bytes(st, 1);
		if (len > sizeof(c[*n].hits))
			len = sizeof(c[*n].hits);
		memset(c[*n].hits, 0, sizeof(c[*n].hits));
		if (h != NULL)
			memcpy(c[*n].hits, h, len);
		c[*n].date[0] = '\0';
		if (sqlite3_column_count(st) > 2 &&
		    (d = sqlite3_column_text(st, 2)) != NULL)
			snprintf(c[*n].date, sizeof(c[*n].date), "%s", d);
		(*n)++;
	}
	return stmt_done(st, rc, "search");
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Each id of c[from..to) in full by SIMILAR_ROW, appended to out. */
static enum err
rows_of(void *p, const struct cand *c, long from, long to, json_t *out)
{
	sqlite3_stmt *st;
	json_t *row;
	enum err e;
	long i;

	for (i = from; i < to; i++) {
		if ((e = sqlite_stmt(p, SIMILAR_ROW, &st)) != ERR_OK)
			return e;
		sqlite3_bind_int64(st, 1, c[i].id);
		e = sqlite_rows(p, st, 1, &row);
		if (e == ERR_NOTFOUND)
			continue;	/* gone since: unpublished */
		if (e != ERR_OK)
			return e;
		json_array_append_new(out, row);
	}
	return ERR_OK;
}

/*
 * The end of the operand of a NOT at s (a phrase, a prefix, or a group
 * in parentheses, as store_search_parse writes them).
 */
const char *
sqlite_search_operand_end(const char *s)
{
	int depth = 0, quoted = 0;

	for (; *s != '\0'; s++) {
		if (quoted) {
			if (*s == '"' && s[1] == '"')
				s++;
			else if (*s == '"')
				quoted = 0;
			else
				continue;
			if (quoted || depth > 0)
				continue;
			return s[1] == '*' ? s + 2 : s + 1;
		}
		if (*s == '"')
			quoted = 1;
		else if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s + 1;
	}
	return s;
}

/*
 * expr without what its NOTs leave out, into b: what the page's rows,
 * which match expr, are read and marked by.  FTS5 finds a NOT's row by reading
 * the left-out words' doclists from their start (65 us a row for
 * sanctions -budget, a third of that search), and their words are in
 * none of the rows.
 */
enum err
sqlite_search_marks_expr(const char *expr, struct buf *b)
{
	static const char not[] = " NOT ";
	const char *s = expr, *t;
	int quoted = 0;
	enum err e = ERR_OK;

	for (; e == ERR_OK && *s != '\0'; s++) {
		/* A "" inside a phrase flips it twice. */
		if (*s == '"')
			quoted = !quoted;
		if (!quoted && strncmp(s, not, sizeof(not) - 1) == 0) {
			t = sqlite_search_operand_end(s + sizeof(not) - 1);
			s = t - 1;
			continue;
		}
		e = buf_putc(b, *s);
	}
	return e;
}

/*
 * The results c[from..to) in full, in that order, appended to out;
 * span: FTS5 reads expr's range once (RESULT_SPAN).
 */
static enum err
page_rows(void *p, const char *expr, int span, const struct cand *c,
    long from, long to, json_t *out)
{
	sqlite3_stmt *st;
	struct buf ids;
	json_t *rows = NULL, *it;
	int64_t lo = c[from].id, hi = c[from].id;
	size_t k;
	long i;
	enum err e;

	buf_init(&ids, LIMIT_SEARCH_EXPR);
	e = buf_putc(&ids, '[');
	for (i = from; e == ERR_OK && i < to; i++) {
		lo = c[i].id < lo ? c[i].id : lo;
		hi = c[i].id > hi ? c[i].id : hi;
		e = buf_printf(&ids, "%s%lld", i > from ? "," : "",
		    (long long)c[i].id);
	}
	if (e == ERR_OK)
		e = buf_putc(&ids, ']');
	if (e != ERR_OK || (e = sqlite_stmt(p, span ? RESULT_SPAN : RESULT,
	    &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	if (span) {
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
	}
	sqlite3_bind_text(st, 4, ids.p, (int)ids.len, SQLITE_STATIC);
	if ((e = sqlite_rows(p, st, 0, &rows)) != ERR_OK)
		goto out;
	/* Gone since (unpublished): left out. */
	for (i = from; i < to; i++)
		json_array_foreach(rows, k, it)
			if (json_integer_value(json_object_get(it, "id")) ==
			    c[i].id)
				json_array_append(out, it);
out:
	json_decref(rows);
	buf_free(&ids);
	return e;
}

/* The index's structure record (STRUCTURE) into b; none: empty. */
static enum err
index_read(void *p, struct buf *b)
{
	sqlite3_stmt *st;
	const void *v;
	enum err e;
	int rc;

	if ((e = sqlite_stmt(p, STRUCTURE, &st)) != ERR_OK)
		return e;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (v = sqlite3_column_blob(st, 0)) != NULL &&
	    sqlite3_column_bytes(st, 0) <= LENGTHS_KEY &&
	    buf_add(b, v, (size_t)sqlite3_column_bytes(st, 0)) != ERR_OK)
		buf_reset(b);
	return stmt_done(st, rc, "search index");
}

/* What the candidates' statement is given. */
struct ask {
	const struct store_search	*q;
	const struct search_expr	*x;
	const char			*from;	/* the year's bounds */
	const char			*to;
	int				 plain;
	struct buf			 index;	/* STRUCTURE's record */
};

/*
 * How many of the newest ids a search counts its matches among (tests:
 * 0, never read oldest first; below 0, always).
 */
static long probe_ids = PROBE_IDS;

void
sqlite_search_probe_set(long ids)
{
	probe_ids = ids;
}

/*
 * Step a's candidates with ids lo to hi into c, at most max, newest
 * first (or oldest: up); *n of them, *more when there were more.
 */
static enum err
ask_run(void *p, const struct ask *a, int up, int64_t lo, int64_t hi,
    struct cand *c, long max, long *n, int *more)
{
	static const char *const sql[2][2] = {
		{ CANDIDATES, CANDIDATES_UP },
		{ CANDIDATES_PLAIN, CANDIDATES_PLAIN_UP },
	};
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql[a->plain][up], &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, a->x->match.p, (int)a->x->match.len,
	    SQLITE_STATIC);
	bind_opt(st, 2, a->q->section);
	bind_opt(st, 3, a->q->author);
	bind_opt(st, 4, a->q->country);
	if (a->q->year > 0) {
		sqlite3_bind_text(st, 5, a->from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, a->to, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 7, max + 1);
	sqlite3_bind_int64(st, 8, lo);
	sqlite3_bind_int64(st, 9, hi);
	sqlite3_bind_blob(st, 10, a->x->group, a->x->nphrase, SQLITE_STATIC);
	if (a->index.len > 0)
		sqlite3_bind_blob(st, 12, a->index.p, (int)a->index.len,
		    SQLITE_STATIC);
	return candidates(st, c, max, n, more);
}

/* Does a look sparse (PROBE)?  Not with a year: its ids end early. */
static enum err
ask_sparse(void *p, const struct ask *a, int *sparse)
{
	sqlite3_stmt *st;
	int64_t first = 0, last = -1, from;
	long found = PROBE_DENSE;
	enum err e;

	*sparse = probe_ids < 0;
	if (probe_ids <= 0 || a->q->year > 0)
		return ERR_OK;
	if ((e = sqlite_stmt(p, ID_RANGE, &st)) != ERR_OK)
		return e;
	if (sqlite3_step(st) == SQLITE_ROW) {
		first = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (last < first)
		return ERR_OK;
	from = last - first + 1 > probe_ids ? last - probe_ids + 1 : first;
	if ((e = sqlite_stmt(p, PROBE, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, a->x->match.p, (int)a->x->match.len,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, last);
	sqlite3_bind_int64(st, 4, PROBE_DENSE);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	*sparse = found < PROBE_DENSE && (double)found * (double)(last -
	    first + 1) / (double)(last - from + 1) <= SPARSE;
	return ERR_OK;
}

/* How many articles may match a, lo to hi, by its pairs (PAIRS)? */
static enum err
ask_pairs(void *p, const struct ask *a, int64_t lo, int64_t hi, long *n)
{
	sqlite3_stmt *st;
	enum err e;
	int rc;

	if ((e = sqlite_stmt(p, PAIRS, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, a->x->pairs.p, (int)a->x->pairs.len,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, lo);
	sqlite3_bind_int64(st, 3, hi);
	sqlite3_bind_int64(st, 4, SPARSE + 1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	return stmt_done(st, rc, "search pairs");
}

/* Do searches ask the pairs first (tests: 0, never)? */
static int pairs_on = 1;

void
sqlite_search_pairs_set(int on)
{
	pairs_on = on;
}

/*
 * The newest LIMIT_SEARCH_RANKED candidates of a, ids lo to hi, into c
 * (room for 2 x LIMIT_SEARCH_RANKED + 1), newest first.
 */
static enum err
ask_all(void *p, const struct ask *a, int64_t lo, int64_t hi,
    struct cand *c, long *n, int *more)
{
	long cut, held = SPARSE + 1;
	int sparse, over;
	enum err e;

	if (pairs_on && a->x->pairs.len > 0) {
		if ((e = ask_pairs(p, a, lo, hi, &held)) != ERR_OK)
			return e;
		if (held == 0) {
			*n = *more = 0;
			return ERR_OK;
		}
	}
	/* Few enough pairs: sparse, surely (a year: see ask_sparse). */
	if (held <= SPARSE)
		sparse = probe_ids != 0 && a->q->year <= 0;
	else if ((e = ask_sparse(p, a, &sparse)) != ERR_OK)
		return e;
	if (sparse) {
		if ((e = ask_run(p, a, 1, lo, hi, c, 2 * LIMIT_SEARCH_RANKED,
		    n, &over)) != ERR_OK)
			return e;
		if (!over) {
			/* The newest (rank and by_date order them). */
			cut = *n > LIMIT_SEARCH_RANKED ? *n -
			    LIMIT_SEARCH_RANKED : 0;
			*more = cut > 0;
			memmove(c, c + cut, (size_t)(*n - cut) * sizeof(*c));
			*n -= cut;
			return ERR_OK;
		}
	}
	return ask_run(p, a, 0, lo, hi, c, LIMIT_SEARCH_RANKED, n, more);
}

enum err
sqlite_search(void *p, struct store_search *q, json_t **out, long *total,
    int *more)
{
	struct cand *c = NULL;
	struct search_expr x;
	struct ask a;
	struct buf expr, marks;
	sqlite3_stmt *st;
	json_t *rows = NULL;
	char from[24], to[24];
	int64_t lo = 0, hi = INT64_MAX;
	long n = 0, end;
	int began = 0;
	enum err e;

	*out = NULL;
	*total = 0;
	*more = 0;
	buf_init(&expr, LIMIT_SEARCH_EXPR);
	buf_init(&marks, SEARCH_EXPR_MAX + LIMIT_SEARCH_EXPR);
	buf_init(&a.index, LENGTHS_KEY);
	sqlite_search_expr_init(&x);
	if ((e = store_search_parse(q->q, q->qlen, &expr, &q->why)) !=
	    ERR_OK)
		goto out;
	rows = json_array();
	if (expr.len == 0)
		goto done;
	if ((e = sqlite_snapshot(p, &began)) != ERR_OK ||
	    (e = sqlite_search_expr(p, expr.p, q, &x)) != ERR_OK)
		goto out;
	if (x.none)
		goto done;
	if (q->year > 0) {
		snprintf(from, sizeof(from), "%04ld", q->year);
		snprintf(to, sizeof(to), "%04ld", q->year + 1);
		if ((e = sqlite_stmt(p, YEAR_IDS, &st)) != ERR_OK)
			goto out;
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			lo = sqlite3_column_int64(st, 0);
			hi = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	a.q = q;
	a.x = &x;
	a.from = from;
	a.to = to;
	a.plain = !q->by_date && q->year <= 0 && (q->section == NULL ||
	    *q->section == '\0');
	if ((e = index_read(p, &a.index)) != ERR_OK)
		goto out;
	c = xcalloc(2 * LIMIT_SEARCH_RANKED + 1, sizeof(*c));
	if ((e = ask_all(p, &a, lo, hi, c, &n, more)) != ERR_OK)
		goto out;
	rank(c, n, *more);
	qsort(c, (size_t)n, sizeof(*c), q->by_date ? by_date : by_rank);
	*total = n;
	end = q->limit > 0 && q->offset + q->limit < n ? q->offset +
	    q->limit : n;
	/*
	 * The rows by id: without the filters' phrases, each a seek of its
	 * column's doclist for no mark (46 us a row); read as a range, they
	 * narrow it.
	 */
	if (q->offset < end && ((e = sqlite_search_marks_expr(x.slow ?
	    x.match.p : x.text.p, &marks)) != ERR_OK || (e = page_rows(p,
	    marks.p, x.slow, c, q->offset, end, rows)) != ERR_OK))
		goto out;
done:
	*out = rows;
	rows = NULL;
out:
	sqlite_snapshot_end(p, began);
	json_decref(rows);
	free(c);
	sqlite_search_expr_free(&x);
	buf_free(&expr);
	buf_free(&marks);
	buf_free(&a.index);
	return e;
}

/* Small words a title shares with most others. */
static int
stop_word(const char *w, size_t n)
{
	static const char *const stop[] = {
		"the", "and", "for", "with", "about", "after", "over",
		"under", "from", "into", "what", "why", "how", "its", "are",
		"not", "but", "than", "that", "this", "was", "who", "one",
		"more", "less", "new", "old", NULL
	};
	size_t i, k;

	for (i = 0; stop[i] != NULL; i++) {
		if (strlen(stop[i]) != n)
			continue;
		for (k = 0; k < n && (w[k] | 0x20) == stop[i][k]; k++)
			continue;
		if (k == n)
			return 1;
	}
	return 0;
}

/*
 * The FTS5 expression of "related": each word of the title (three
 * letters or more, not a stop word) and each tag as a phrase, OR-ed.
 * Words are runs of ASCII letters and digits and of any non-ASCII byte.
 */
static enum err
similar_expr(struct buf *b, const char *title, const char *tags)
{
	const char *s, *w;
	size_t n;
	enum err e = ERR_OK;
	int terms = 0;

	for (s = title; e == ERR_OK && *s != '\0' &&
	    terms < LIMIT_SEARCH_TERMS;) {
		while (*s != '\0' && !(((unsigned char)*s >= 0x80) ||
		    (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' &&
		    (*s | 0x20) <= 'z')))
			s++;
		for (w = s; ((unsigned char)*s >= 0x80) || (*s >= '0' &&
		    *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z');
		    s++)
			continue;
		n = (size_t)(s - w);
		if (n < 3 || stop_word(w, n))
			continue;
		if (terms++ > 0)
			e = buf_puts(b, " OR ");
		if (e == ERR_OK)
			e = buf_printf(b, "\"%.*s\"", (int)n, w);
	}
	for (s = tags; e == ERR_OK && s != NULL && *s != '\0' &&
	    terms < LIMIT_SEARCH_TERMS; s += n + (s[n] == '\n')) {
		n = strcspn(s, "\n");
		if (terms++ > 0)
			e = buf_puts(b, " OR ");
		if ((e = buf_putc(b, '"')) != ERR_OK)
			break;
		for (w = s; e == ERR_OK && w < s + n; w++)
			e = *w == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *w);
		if (e == ERR_OK)
			e = buf_putc(b, '"');
	}
	return e;
}

enum err
sqlite_articles_similar(void *p, int64_t id, long limit, json_t **out)
{
	struct cand *c = NULL;
	struct buf expr;
	sqlite3_stmt *st;
	json_t *src = NULL, *rows = NULL;
	long n = 0;
	int began = 0, more;
	enum err e;

	*out = NULL;
	buf_init(&expr, LIMIT_SEARCH_EXPR);
	if ((e = sqlite_snapshot(p, &began)) != ERR_OK ||
	    (e = sqlite_stmt(p, WORDS, &st)) != ERR_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if ((e = sqlite_rows(p, st, 1, &src)) != ERR_OK)
		goto out;
	if ((e = similar_expr(&expr, json_string_value(json_object_get(src,
	    "title")), json_string_value(json_object_get(src, "tags")))) !=
	    ERR_OK)
		goto out;
	rows = json_array();
	if (expr.len > 0 && limit > 0) {
		if ((e = sqlite_stmt(p, SIMILAR, &st)) != ERR_OK)
			goto out;
		sqlite3_bind_text(st, 1, expr.p, (int)expr.len,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, LIMIT_SEARCH_RANKED);
		c = xcalloc(LIMIT_SEARCH_RANKED + 1, sizeof(*c));
		if ((e = candidates(st, c, LIMIT_SEARCH_RANKED, &n,
		    &more)) != ERR_OK)
			goto out;
		rank(c, n, more);
		qsort(c, (size_t)n, sizeof(*c), by_rank);
		if ((e = rows_of(p, c, 0, n < limit ? n : limit, rows)) !=
		    ERR_OK)
			goto out;
	}
	*out = rows;
	rows = NULL;
out:
	sqlite_snapshot_end(p, began);
	json_decref(src);
	json_decref(rows);
	free(c);
	buf_free(&expr);
	return e;
}

enum err
sqlite_search_hold(void *p, int hold)
{
	sqlite3_stmt *st;
	enum err e;

	if (!hold && ((e = sqlite_stmt(p, "INSERT INTO article_fts"
	    " (article_fts) VALUES ('rebuild')", &st)) != ERR_OK ||
	    (e = sqlite_run(p, st, "search rebuild")) != ERR_OK ||
	    (e = sqlite_stmt(p, OPTIMIZE, &st)) != ERR_OK ||
	    (e = sqlite_run(p, st, "search optimize")) != ERR_OK ||
	    (e = sqlite_pairs_rebuild(p)) != ERR_OK))
		return e;
	if ((e = sqlite_stmt(p, "UPDATE search_hold SET hold = ?1", &st)) !=
	    ERR_OK)
		return e;
	sqlite3_bind_int(st, 1, hold != 0);
	return sqlite_run(p, st, "search hold");
}

enum err
sqlite_search_choices(void *p, json_t **out)
{
	sqlite3_stmt *st;
	json_t *o = NULL, *list = NULL;
	int began = 0;
	enum err e;

	*out = NULL;
	if ((e = sqlite_snapshot(p, &began)) != ERR_OK ||
	    (e = sqlite_stmt(p, YEARS, &st)) != ERR_OK ||
	    (e = sqlite_rows(p, st, 1, &o)) != ERR_OK ||
	    (e = sqlite_stmt(p, COUNTRIES, &st)) != ERR_OK ||
	    (e = sqlite_rows(p, st, 0, &list)) != ERR_OK)
		goto out;
	json_object_set_new(o, "countries", list);
	list = NULL;
	*out = o;
	o = NULL;
out:
	sqlite_snapshot_end(p, began);
	json_decref(o);
	json_decref(list);
	return e;
}
