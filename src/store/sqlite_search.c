/*
 * sqlite_search: the reader's search and "related by text" over the FTS5
 * index article_fts (migration 11: published articles only, kept in step
 * by triggers).
 *
 * A search reads the index once: the newest LIMIT_SEARCH_RANKED + 1
 * matches that pass the filters, by article id, each with its bm25 rank
 * (title weighted highest).  Ordering them by rank or date, and cutting
 * the page, happen here; only the page's articles are then read in full,
 * with the title highlighted and a snippet of the body (matched words
 * between the bytes STORE_MARK_OPEN and STORE_MARK_CLOSE, for the page
 * to turn into <mark> after escaping).  So a query that matches most of
 * a 100,000-article journal costs the same as one that matches a
 * thousand: bm25 scores what is read, and FTS5 reads a doclist from
 * the newest end.  What is ranked is said: *total stops at the cap, and
 * *more says there were more.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* bm25 weights: title, dek, body, authors, section, tags, countries. */
#define RANK	"bm25(article_fts, 10.0, 4.0, 1.0, 4.0, 1.0, 3.0, 2.0)"

/*
 * The candidates: ?1 the FTS5 expression, ?2 section slug, ?3 author
 * slug, ?4 country code, ?5 and ?6 the year's bounds (NULL: any), ?7
 * how many.
 */
static const char CANDIDATES[] =
    "SELECT f.rowid, " RANK ", a.published_at FROM article_fts f"
    " JOIN articles a ON a.id = f.rowid"
    " WHERE article_fts MATCH ?1"
    " AND (?2 IS NULL OR a.section_id = (SELECT id FROM sections"
    " WHERE slug = ?2))"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM article_authors l"
    " WHERE l.article_id = a.id AND l.person_id = (SELECT id FROM people"
    " WHERE slug = ?3)))"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM article_countries c"
    " WHERE c.article_id = a.id AND c.code = ?4))"
    " AND (?5 IS NULL OR (a.published_at >= ?5 AND a.published_at < ?6))"
    " ORDER BY f.rowid DESC LIMIT ?7";

/* One result in full: ?1 the expression, ?2 its id. */
static const char RESULT[] =
    "SELECT a.id, a.slug, a.title, a.dek, a.published_at,"
    " highlight(article_fts, 0, char(1), char(2)) AS title_marked,"
    " snippet(article_fts, 2, char(1), char(2), '\xe2\x80\xa6', 24)"
    " AS snippet,"
    " s.slug AS \"section.slug\", s.name AS \"section.name\","
    " i.number AS \"issue.number\", i.date AS \"issue.date\","
    " w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
    " FROM article_fts f JOIN articles a ON a.id = f.rowid"
    " JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN issues i ON i.id = a.issue_id"
    " LEFT JOIN article_authors l ON l.article_id = a.id"
    " LEFT JOIN people w ON w.id = l.person_id"
    " WHERE article_fts MATCH ?1 AND f.rowid = ?2 ORDER BY l.position";

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

static const char *const statements[] = {
	CANDIDATES, RESULT, WORDS, SIMILAR, SIMILAR_ROW, NULL
};

const char *
sqlite_search_statement(int i)
{
	return i >= 0 && i < (int)nitems(statements) ? statements[i] : NULL;
}

struct cand {
	int64_t		 id;
	double		 rank;
	char		 date[24];
};

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

/*
 * Step st (bound) into at most max candidates in c; *n of them, *more
 * when there was one past max.
 */
static enum err
candidates(sqlite3_stmt *st, struct cand *c, long max, long *n,
    int *more)
{
	const unsigned char *d;
	enum err e = ERR_OK;
	int rc;

	*n = 0;
	*more = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == max) {
			*more = 1;
			break;
		}
		c[*n].id = sqlite3_column_int64(st, 0);
		c[*n].rank = sqlite3_column_double(st, 1);
		c[*n].date[0] = '\0';
		if (sqlite3_column_count(st) > 2 &&
		    (d = sqlite3_column_text(st, 2)) != NULL)
			snprintf(c[*n].date, sizeof(c[*n].date), "%s", d);
		(*n)++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		log_warnx("sqlite: search: %s",
		    sqlite3_errmsg(sqlite3_db_handle(st)));
		e = ERR_DB;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return e;
}

static void
bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Each id of c[from..to) in full by stmt text, appended to out. */
static enum err
rows_of(void *p, const char *text, const char *expr, const struct cand *c,
    long from, long to, json_t *out)
{
	sqlite3_stmt *st;
	json_t *row;
	enum err e;
	long i;

	for (i = from; i < to; i++) {
		if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
			return e;
		if (expr != NULL) {
			sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, c[i].id);
		} else
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

enum err
sqlite_search(void *p, struct store_search *q, json_t **out, long *total,
    int *more)
{
	struct cand *c = NULL;
	struct buf expr;
	sqlite3_stmt *st;
	json_t *rows = NULL;
	char from[24], to[24];
	long n = 0, end;
	int began = 0;
	enum err e;

	*out = NULL;
	*total = 0;
	*more = 0;
	buf_init(&expr, LIMIT_SEARCH_EXPR);
	if ((e = store_search_parse(q->q, q->qlen, &expr, &q->why)) !=
	    ERR_OK)
		goto out;
	rows = json_array();
	if (expr.len == 0)
		goto done;
	if ((e = sqlite_snapshot(p, &began)) != ERR_OK ||
	    (e = sqlite_stmt(p, CANDIDATES, &st)) != ERR_OK)
		goto out;
	sqlite3_bind_text(st, 1, expr.p, (int)expr.len, SQLITE_STATIC);
	bind_opt(st, 2, q->section);
	bind_opt(st, 3, q->author);
	bind_opt(st, 4, q->country);
	if (q->year > 0) {
		snprintf(from, sizeof(from), "%04ld", q->year);
		snprintf(to, sizeof(to), "%04ld", q->year + 1);
		sqlite3_bind_text(st, 5, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, to, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(st, 7, LIMIT_SEARCH_RANKED + 1);
	c = xcalloc(LIMIT_SEARCH_RANKED + 1, sizeof(*c));
	if ((e = candidates(st, c, LIMIT_SEARCH_RANKED, &n, more)) !=
	    ERR_OK)
		goto out;
	qsort(c, (size_t)n, sizeof(*c), q->by_date ? by_date : by_rank);
	*total = n;
	end = q->limit > 0 && q->offset + q->limit < n ? q->offset +
	    q->limit : n;
	if (q->offset < end && (e = rows_of(p, RESULT, expr.p, c, q->offset,
	    end, rows)) != ERR_OK)
		goto out;
done:
	*out = rows;
	rows = NULL;
out:
	sqlite_snapshot_end(p, began);
	json_decref(rows);
	free(c);
	buf_free(&expr);
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
		qsort(c, (size_t)n, sizeof(*c), by_rank);
		if ((e = rows_of(p, SIMILAR_ROW, NULL, c, 0, n < limit ? n :
		    limit, rows)) != ERR_OK)
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
	    (e = sqlite_run(p, st, "search rebuild")) != ERR_OK))
		return e;
	if ((e = sqlite_stmt(p, "UPDATE search_hold SET hold = ?1", &st)) !=
	    ERR_OK)
		return e;
	sqlite3_bind_int(st, 1, hold != 0);
	return sqlite_run(p, st, "search hold");
}
