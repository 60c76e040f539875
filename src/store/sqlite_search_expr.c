/*
 * sqlite_search_expr: the FTS5 expression a search runs, made from the
 * reader's (store_search_parse) with what only the index knows.  Both
 * changes leave the matches, and so the results, as they were; they
 * change how FTS5 finds them.
 *
 * Prefixes.  For "fisher"* FTS5 merges the doclists of every word of
 * the index that begins so, whole, before it can read the newest end
 * (5 to 14 ms on 100,000 articles when those words are in half of
 * them), and again for the page's snippets; a word's doclist it reads
 * from the newest end and stops.  So a prefix that stands for at most
 * LIMIT_SEARCH_EXPAND words is written as those words, OR-ed: "fisher"*
 * becomes ("fisheries" OR "fishery" OR "fishermen").  The words are the
 * index's own, from its vocabulary (temp.search_terms, an fts5vocab
 * table of article_fts, one seek a word), after the prefix is folded by
 * the index's tokenizer as FTS5 folds it.  A phrase's prefix ("gas
 * pipe"*) is its last word's.  The ranking counts the words' hits as
 * the prefix's (group[]: the reader's phrase each FTS5 phrase belongs
 * to), which are the same hits, so the order is the same; only the
 * snippet may pick another stretch of the body, FTS5 scoring a stretch
 * with two of the words above one with one twice.
 *
 * Filters.  An author, section or country filter is tested on each
 * match, newest first, until LIMIT_SEARCH_RANKED pass: for an author of
 * one article in twenty, twenty matches read for each kept.  When the
 * filter keeps at most one article in FILTER_SHARE (article_counts), the
 * name is also made a phrase of its column ({authors}: "ann lee"), which
 * FTS5 intersects with the query, seeking past what lies between.  A
 * name may be another's too: it only narrows, the exact test stays, and
 * it is not ranked (GROUP_NONE).
 */
#include <string.h>

#include "store_int.h"

/* A filter's phrase is added when it keeps at most 1 article in this many. */
#define FILTER_SHARE	2

/* The lengths of prefix FTS5 keeps an index of (migration 17's prefix). */
#define PREFIX_INDEXED(chars)	((chars) == 2 || (chars) == 3)

/* The tokenizer of article_fts (migration 17), as FTS5 makes it. */
#define TOKENIZER	"unicode61"
static const char *const tokenizer_args[] = { "remove_diacritics", "2" };

/*
 * The connection's FTS5; the first word of the index at or after ?1
 * (one word: an "instance" vocabulary's first row is its first hit);
 * a filter's name and how many articles it keeps, of how many.
 */
static const char FTS5_API[] = "SELECT fts5(?1)";
static const char TERM_NEXT[] =
    "SELECT term FROM temp.search_terms WHERE term >= ?1 LIMIT 1";
#define COUNT_OF(list, key) \
    "(SELECT n FROM article_counts WHERE list = '" list "'" \
    " AND key = " key ")"
#define COUNT_ALL	COUNT_OF("all", "0")
static const char AUTHOR[] = "SELECT p.name, " COUNT_OF("author", "p.id")
    ", " COUNT_ALL " FROM people p WHERE p.slug = ?1";
static const char SECTION[] = "SELECT s.name, " COUNT_OF("section", "s.id")
    ", " COUNT_ALL " FROM sections s WHERE s.slug = ?1";
static const char COUNTRY[] = "SELECT c.name, "
    COUNT_OF("country", "c.code") ", " COUNT_ALL
    " FROM countries c WHERE c.code = ?1";

static const char *const statements[] = {
	FTS5_API, TERM_NEXT, AUTHOR, SECTION, COUNTRY, NULL
};

const char *
sqlite_search_expr_statement(int i)
{
	return i >= 0 && i < (int)nitems(statements) ? statements[i] : NULL;
}

/* The index's tokenizer, made once a search that needs it. */
struct folder {
	fts5_tokenizer	 tk;
	Fts5Tokenizer	*tok;
};

/* Tokens of a text: each followed by a space; where the last begins. */
struct tokens {
	struct buf	*b;
	size_t		 last;
	int		 n;
	enum err	 rc;
};

static int
token_add(void *ctx, int flags, const char *tok, int len, int start,
    int end)
{
	struct tokens *t = ctx;

	(void)start;
	(void)end;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	t->last = t->b->len;
	t->n++;
	if ((t->rc = buf_add(t->b, tok, (size_t)len)) == ERR_OK)
		t->rc = buf_putc(t->b, ' ');
	return t->rc == ERR_OK ? SQLITE_OK : SQLITE_NOMEM;
}

enum err
sqlite_search_tokenizer(fts5_api *api, fts5_tokenizer *tk,
    Fts5Tokenizer **tok)
{
	void *ud = NULL;

	if (api->xFindTokenizer(api, TOKENIZER, &ud, tk) != SQLITE_OK ||
	    tk->xCreate(ud, (const char **)tokenizer_args,
	    (int)nitems(tokenizer_args), tok) != SQLITE_OK) {
		*tok = NULL;
		log_warnx("sqlite: search: no tokenizer " TOKENIZER);
		return ERR_DB;
	}
	return ERR_OK;
}

static enum err
folder_open(void *p, struct folder *f)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	enum err e;

	if (f->tok != NULL)
		return ERR_OK;
	if ((e = sqlite_stmt(p, FTS5_API, &st)) != ERR_OK)
		return e;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (api == NULL)
		return ERR_DB;
	return sqlite_search_tokenizer(api, &f->tk, &f->tok);
}

static void
folder_close(struct folder *f)
{
	if (f->tok != NULL)
		f->tk.xDelete(f->tok);
	f->tok = NULL;
}

/* The tokens of s (len bytes) into t (its buffer b, emptied first). */
static enum err
fold(struct folder *f, const char *s, size_t len, struct tokens *t)
{
	buf_reset(t->b);
	t->last = 0;
	t->n = 0;
	t->rc = ERR_OK;
	if (len == 0)
		return ERR_OK;
	if (f->tk.xTokenize(f->tok, t, FTS5_TOKENIZE_QUERY, s, (int)len,
	    token_add) != SQLITE_OK && t->rc == ERR_OK)
		t->rc = ERR_DB;
	return t->rc;
}

/* An FTS5 string of len bytes of s, each " doubled, appended to b. */
static enum err
put_string(struct buf *b, const char *s, size_t len)
{
	size_t i;
	enum err e = ERR_OK;

	for (i = 0; e == ERR_OK && i < len; i++)
		e = s[i] == '"' ? buf_puts(b, "\"\"") : buf_putc(b, s[i]);
	return e;
}

/* The characters of s (len bytes of UTF-8). */
static size_t
chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/*
 * The words of the index that begin with the last token of the
 * phrase s (len bytes), each as the phrase with that word last, OR-ed,
 * into out (emptied first): *n of them, 0 when none or more than
 * LIMIT_SEARCH_EXPAND (FTS5 then reads the prefix itself); *slow when
 * FTS5 then merges their doclists (no prefix index of that length).
 */
static enum err
expand(void *p, struct folder *f, const char *s, size_t len,
    struct buf *out, int *n, int *slow)
{
	struct buf toks, at;
	struct tokens t = { &toks, 0, 0, ERR_OK };
	sqlite3_stmt *st = NULL;
	const char *term;
	size_t plen, tlen;
	enum err e;
	int rc;

	*n = 0;
	*slow = 0;
	buf_reset(out);
	buf_init(&toks, LIMIT_SEARCH_EXPR);
	buf_init(&at, LIMIT_SEARCH_EXPR);
	if ((e = fold(f, s, len, &t)) != ERR_OK || t.n == 0)
		goto out;
	plen = toks.len - 1 - t.last;
	if ((e = buf_add(&at, toks.p + t.last, plen)) != ERR_OK)
		goto out;
	for (;;) {
		if ((e = sqlite_stmt(p, TERM_NEXT, &st)) != ERR_OK)
			goto out;
		sqlite3_bind_text(st, 1, at.p, (int)at.len, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
			if (rc != SQLITE_DONE) {
				log_warnx("sqlite: search terms: %s",
				    sqlite3_errmsg(sqlite_db(p)));
				e = ERR_DB;
			}
			break;
		}
		term = (const char *)sqlite3_column_text(st, 0);
		tlen = (size_t)sqlite3_column_bytes(st, 0);
		if (term == NULL || tlen < plen || memcmp(term, toks.p +
		    t.last, plen) != 0)
			break;
		if (*n == LIMIT_SEARCH_EXPAND) {
			*n = 0;
			*slow = !PREFIX_INDEXED(chars(toks.p + t.last, plen));
			buf_reset(out);
			break;
		}
		if ((e = buf_puts(out, *n == 0 ? "(\"" : " OR \"")) != ERR_OK ||
		    (e = put_string(out, toks.p, t.last)) != ERR_OK ||
		    (e = put_string(out, term, tlen)) != ERR_OK ||
		    (e = buf_putc(out, '"')) != ERR_OK)
			break;
		(*n)++;
		/* The next word: the first after this (\x01 sorts first). */
		buf_reset(&at);
		if ((e = buf_add(&at, term, tlen)) != ERR_OK ||
		    (e = buf_putc(&at, '\x01')) != ERR_OK)
			break;
	}
	if (st != NULL)
		sqlite3_reset(st);
	if (e == ERR_OK && *n > 0)
		e = buf_putc(out, ')');
out:
	if (e != ERR_OK) {
		*n = 0;
		buf_reset(out);
	}
	buf_free(&toks);
	buf_free(&at);
	return e;
}

/*
 * Copy expr into x->text, each prefix the index's words stand for
 * written as them, and note each FTS5 phrase's group.
 */
static enum err
rewrite(void *p, struct folder *f, const char *expr,
    struct search_expr *x)
{
	struct buf str, alt;
	const char *s = expr, *e;
	enum err rc = ERR_OK;
	int group = 0, n, prefix, k, slow;

	buf_init(&str, LIMIT_SEARCH_EXPR);
	buf_init(&alt, SEARCH_EXPR_MAX);
	while (rc == ERR_OK && *s != '\0') {
		if (*s != '"') {
			rc = buf_putc(&x->text, *s++);
			continue;
		}
		/* A string (store_search_parse closes every one). */
		buf_reset(&str);
		for (e = s + 1; rc == ERR_OK && *e != '\0'; e++) {
			if (*e == '"' && e[1] != '"')
				break;
			if (*e == '"')
				e++;
			rc = buf_putc(&str, *e);
		}
		if (rc != ERR_OK || *e != '"')
			break;
		prefix = e[1] == '*';
		e += 1 + prefix;
		n = 0;
		slow = prefix;
		if (prefix && x->nphrase + LIMIT_SEARCH_EXPAND +
		    LIMIT_SEARCH_TERMS + 3 <= LIMIT_SEARCH_PHRASES &&
		    (rc = folder_open(p, f)) == ERR_OK &&
		    (rc = expand(p, f, str.p, str.len, &alt, &n, &slow)) ==
		    ERR_OK && n > 0 && buf_add(&x->text, alt.p, alt.len) !=
		    ERR_OK)
			n = 0;
		if (rc != ERR_OK)
			break;
		x->slow |= n == 0 && slow;
		if (n == 0) {
			n = 1;
			rc = buf_add(&x->text, s, (size_t)(e - s));
		}
		for (k = 0; k < n && x->nphrase < LIMIT_SEARCH_PHRASES; k++)
			x->group[x->nphrase++] = (unsigned char)group;
		group++;
		s = e;
	}
	if (rc == ERR_OK && *s != '\0')
		rc = ERR_INVAL;	/* an unclosed string: not the parser's */
	buf_free(&str);
	buf_free(&alt);
	return rc;
}

/*
 * The filter of value (NULL: none) by statement sql: its name as a
 * phrase of column added to x->match when it keeps few articles; x->none
 * when there is no such author, section or country.
 */
static enum err
filter(void *p, struct folder *f, const char *sql, const char *value,
    const char *column, struct search_expr *x)
{
	struct buf toks;
	struct tokens t = { &toks, 0, 0, ERR_OK };
	sqlite3_stmt *st;
	const char *name;
	int64_t n, all;
	enum err e;
	int rc;

	if (value == NULL || *value == '\0')
		return ERR_OK;
	if ((e = sqlite_stmt(p, sql, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_DONE)
			return ERR_DB;
		x->none = 1;
		return ERR_OK;
	}
	buf_init(&toks, LIMIT_SEARCH_EXPR);
	name = (const char *)sqlite3_column_text(st, 0);
	n = sqlite3_column_int64(st, 1);	/* NULL: none, or not kept */
	all = sqlite3_column_int64(st, 2);
	if (name != NULL && n * FILTER_SHARE <= all &&
	    x->nphrase < LIMIT_SEARCH_PHRASES &&
	    (e = folder_open(p, f)) == ERR_OK &&
	    (e = fold(f, name, strlen(name), &t)) == ERR_OK && t.n > 0) {
		if ((e = buf_printf(&x->match, " AND {%s}: \"", column)) ==
		    ERR_OK &&
		    (e = put_string(&x->match, toks.p, toks.len - 1)) ==
		    ERR_OK &&
		    (e = buf_putc(&x->match, '"')) == ERR_OK)
			x->group[x->nphrase++] = SEARCH_GROUP_NONE;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	buf_free(&toks);
	return e;
}

/*
 * The pairs of the phrase s (len bytes, quotes doubled), each an FTS5
 * string, AND-ed, appended to out.
 */
static enum err
pairs_put(fts5_tokenizer *tk, Fts5Tokenizer *tok, const char *s,
    size_t len, struct buf *out)
{
	struct buf str, toks;
	const char *t, *end;
	size_t i;
	enum err e = ERR_OK;

	buf_init(&str, LIMIT_SEARCH_EXPR);
	buf_init(&toks, SEARCH_EXPR_MAX);
	for (i = 0; e == ERR_OK && i < len; i++)
		e = buf_putc(&str, s[i] == '"' ? s[i++] : s[i]);
	if (e == ERR_OK)
		e = sqlite_pairs_of(tk, tok, FTS5_TOKENIZE_QUERY, str.p,
		    str.len, &toks);
	for (t = toks.p; e == ERR_OK && toks.len > 0 &&
	    t < toks.p + toks.len; t = end + 1) {
		if ((end = memchr(t, ' ', (size_t)(toks.p + toks.len - t))) ==
		    NULL)
			break;
		if ((out->len > 0 && (e = buf_puts(out, " AND ")) != ERR_OK) ||
		    (e = buf_putc(out, '"')) != ERR_OK ||
		    (e = buf_add(out, t, (size_t)(end - t))) != ERR_OK)
			break;
		e = buf_putc(out, '"');
	}
	buf_free(&str);
	buf_free(&toks);
	return e;
}

enum err
sqlite_search_pairs_expr(fts5_tokenizer *tk, Fts5Tokenizer *tok,
    const char *expr, struct buf *out)
{
	struct buf pos;
	const char *s, *e, *end;
	int depth = 0;
	enum err rc;

	buf_init(&pos, LIMIT_SEARCH_EXPR);
	if ((rc = sqlite_search_marks_expr(expr, &pos)) != ERR_OK ||
	    pos.len == 0)
		goto out;
	s = pos.p;
	end = pos.p + pos.len;
	/* The whole in parentheses: its top is inside them. */
	if (*s == '(' && sqlite_search_operand_end(s) == end) {
		s++;
		end--;
	}
	for (; rc == ERR_OK && s < end; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		else if (depth == 0 && strncmp(s, " OR ", 4) == 0) {
			buf_reset(out);
			break;
		} else if (*s == '"') {
			e = sqlite_search_operand_end(s);
			if (depth == 0 && e[-1] == '"')
				rc = pairs_put(tk, tok, s + 1,
				    (size_t)(e - s - 2), out);
			s = e - 1;
		}
	}
out:
	buf_free(&pos);
	return rc;
}

void
sqlite_search_expr_init(struct search_expr *x)
{
	memset(x, 0, sizeof(*x));
	buf_init(&x->text, SEARCH_EXPR_MAX);
	buf_init(&x->match, SEARCH_EXPR_MAX + LIMIT_SEARCH_EXPR);
	buf_init(&x->pairs, SEARCH_EXPR_MAX);
}

void
sqlite_search_expr_free(struct search_expr *x)
{
	buf_free(&x->text);
	buf_free(&x->match);
	buf_free(&x->pairs);
}

enum err
sqlite_search_expr(void *p, const char *expr, const struct store_search *q,
    struct search_expr *x)
{
	struct folder f;
	enum err e;

	memset(&f, 0, sizeof(f));
	if ((e = rewrite(p, &f, expr, x)) != ERR_OK ||
	    (e = folder_open(p, &f)) != ERR_OK ||
	    (e = sqlite_search_pairs_expr(&f.tk, f.tok, expr, &x->pairs)) !=
	    ERR_OK ||
	    (e = buf_putc(&x->match, '(')) != ERR_OK ||
	    (e = buf_add(&x->match, x->text.p, x->text.len)) != ERR_OK ||
	    (e = buf_putc(&x->match, ')')) != ERR_OK ||
	    (e = filter(p, &f, AUTHOR, q->author, "authors", x)) != ERR_OK ||
	    (e = filter(p, &f, SECTION, q->section, "section", x)) !=
	    ERR_OK ||
	    (e = filter(p, &f, COUNTRY, q->country, "countries", x)) !=
	    ERR_OK)
		goto out;
out:
	folder_close(&f);
	return e;
}
