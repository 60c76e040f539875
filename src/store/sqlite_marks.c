/*
 * sqlite_marks: a search result's title with its matched words marked,
 * and the stretch of its body shown under it, as FTS5's highlight() and
 * snippet() make them, for a fraction of their cost:
 *
 *	octavo_mark(article_fts, col, text, n)
 *
 * marks the hits of column col in text (the column's text as the index
 * read it), between STORE_MARK_OPEN and STORE_MARK_CLOSE; n 0: all of
 * it (highlight), else the best stretch of n words, with an ellipsis
 * where it cuts (snippet).  The result is snippet()'s and highlight()'s
 * to the byte (test_search_marks compares them on a corpus of
 * sentences), but made differently:
 *
 * - the text is an argument, read by the query from the article's own
 *   tables; snippet() reads the content view's whole row (the authors',
 *   tags' and countries' names joined) for each result;
 * - the stretch is chosen from the hits' positions alone.  snippet()
 *   tokenizes the whole body to find where sentences begin (a stretch
 *   that starts a sentence scores higher), then again to cut it.  Here
 *   the body is tokenized once, only as far as a choice needs: a
 *   sentence's start is looked for only when the stretch from it could
 *   still win (what it holds is bounded by the best stretch starting at
 *   a hit up to there), and the text stops at the stretch's end.  On
 *   100,000 articles of 4.5 KB that is one body in three read, once.
 *
 * The words are the index's tokenizer's (sqlite_search_tokenizer), one
 * per connection, made when the function is registered.
 */
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define ELLIPSIS	"\xe2\x80\xa6"
/* A stretch that starts the text, or a sentence in it, scores higher. */
#define BONUS_TEXT	120
#define BONUS_SENTENCE	100
/* A phrase's first hit in a stretch, then each further one. */
#define SCORE_FIRST	1000
#define SCORE_AGAIN	1

struct marker {
	fts5_tokenizer	 tk;
	Fts5Tokenizer	*tok;
};

/* A hit: the phrase, its first and last word's positions. */
struct hit {
	int	 phrase;
	int	 first;
	int	 last;
};

/* The text's words as far as tokenized: byte offsets, sentence starts. */
struct words {
	const struct marker *m;
	const char	*s;
	int		 len;
	int		 n;		/* words read */
	int		 cap;
	int		*from;
	int		*to;
	int		*sent;		/* positions that begin a sentence */
	int		 nsent;
	int		 base;		/* where the next reading starts */
	int		 want;		/* read until n > want */
	int		 stopped;	/* by word_seen, at want */
	int		 done;		/* the text's end reached */
};

static int
word_seen(void *ctx, int flags, const char *tok, int len, int start,
    int end)
{
	struct words *w = ctx;
	int i;

	(void)tok;
	(void)len;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (w->n == w->cap) {
		w->cap = w->cap > 0 ? w->cap * 2 : 256;
		w->from = xrealloc(w->from, (size_t)w->cap * sizeof(int));
		w->to = xrealloc(w->to, (size_t)w->cap * sizeof(int));
		w->sent = xrealloc(w->sent, (size_t)w->cap * sizeof(int));
	}
	start += w->base;
	end += w->base;
	w->from[w->n] = start;
	w->to[w->n] = end;
	/*
	 * A sentence begins at the first word, and at a word after blanks
	 * that follow a full stop or a colon.
	 */
	for (i = start - 1; i >= 0 && (w->s[i] == ' ' || w->s[i] == '\t' ||
	    w->s[i] == '\n' || w->s[i] == '\r'); i--)
		continue;
	if (w->n == 0 || (i != start - 1 && i >= 0 && (w->s[i] == '.' ||
	    w->s[i] == ':')))
		w->sent[w->nsent++] = w->n;
	w->n++;
	if (w->n <= w->want)
		return SQLITE_OK;
	w->stopped = 1;
	return SQLITE_DONE;
}

/* Read the text's words until position pos is known (or the text ends). */
static int
words_to(struct words *w, int pos)
{
	int rc;

	if (w->done || w->n > pos)
		return SQLITE_OK;
	w->want = pos;
	w->stopped = 0;
	w->base = w->n > 0 ? w->to[w->n - 1] : 0;
	rc = w->m->tk.xTokenize(w->m->tok, w, FTS5_TOKENIZE_AUX,
	    w->s + w->base, w->len - w->base, word_seen);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	/* The tokenizer reads on to the end unless word_seen stopped it. */
	if (rc == SQLITE_OK && !w->stopped)
		w->done = 1;
	return rc;
}

/*
 * The score of the stretch of n words from pos (as snippet() scores it:
 * a phrase's first hit in it SCORE_FIRST, each further SCORE_AGAIN;
 * snippet() reads every hit of the column for it, here only the
 * stretch's);
 * *adj, when asked, where the stretch starts that centres its hits.
 */
static int
stretch_score(const struct hit *h, int nh, unsigned char *seen,
    int nphrase, int pos, int n, int size, int *adj)
{
	int i, k, score = 0, first = -1, last = 0;
	long a;

	memset(seen, 0, (size_t)nphrase);
	/* The first hit at pos or after (h is in the order of positions). */
	for (i = 0, k = nh; i < k;) {
		if (h[(i + k) / 2].first < pos)
			i = (i + k) / 2 + 1;
		else
			k = (i + k) / 2;
	}
	for (; i < nh && (long)h[i].first < (long)pos + n; i++) {
		score += seen[h[i].phrase] ? SCORE_AGAIN : SCORE_FIRST;
		seen[h[i].phrase] = 1;
		if (first < 0)
			first = h[i].first;
		last = h[i].last + 1;
	}
	if (adj != NULL) {
		a = first - (n - (last - first)) / 2;
		if (a + n > size)
			a = (long)size - n;
		*adj = a < 0 ? 0 : (int)a;
	}
	return score;
}

/*
 * The start of the best stretch of n words of a column of size words
 * with hits h (in the index's order), reading w only as far as needed.
 */
static int
stretch_best(const struct hit *h, int nh, int nphrase, int n, int size,
    struct words *w, int *start)
{
	unsigned char seen[LIMIT_SEARCH_PHRASES];
	int i, k, score, adj, best = 0, reach = 0, s0, rc;

	*start = 0;
	for (i = 0; i < nh; i++) {
		score = stretch_score(h, nh, seen, nphrase, h[i].first, n,
		    size, &adj);
		if (score > best) {
			best = score;
			*start = adj;
		}
		/*
		 * The stretch from the sentence this hit is in holds at most
		 * what the best stretch starting at a hit up to here does.
		 */
		if (score > reach)
			reach = score;
		if (size <= n || reach + BONUS_TEXT <= best)
			continue;
		if ((rc = words_to(w, h[i].first)) != SQLITE_OK)
			return rc;
		for (s0 = 0, k = 0; k < w->nsent && w->sent[k] <= h[i].first;
		    k++)
			s0 = w->sent[k];
		if (w->nsent == 0 || s0 >= h[i].first)
			continue;
		score = stretch_score(h, nh, seen, nphrase, s0, n, size, NULL) +
		    (s0 == 0 ? BONUS_TEXT : BONUS_SENTENCE);
		if (score > best) {
			best = score;
			*start = s0;
		}
	}
	return SQLITE_OK;
}

/*
 * The next hit of h from *i, overlapping ones as one: its first and last
 * word's positions, -1 when there is none.
 */
static void
hit_next(const struct hit *h, int nh, int *i, int *first, int *last)
{
	*first = *last = -1;
	for (; *i < nh; (*i)++) {
		if (*first >= 0 && h[*i].first > *last)
			break;
		if (*first < 0)
			*first = h[*i].first;
		if (h[*i].last > *last)
			*last = h[*i].last;
	}
}

/*
 * Words from..to of w into b from byte *off, hits marked (overlapping
 * ones as one, from the first that starts at or after from), as
 * highlight() marks them.
 */
static enum err
marked(struct buf *b, const struct words *w, const struct hit *h, int nh,
    int from, int to, int *off)
{
	int i = 0, pos, first, last;
	enum err e = ERR_OK;

	do
		hit_next(h, nh, &i, &first, &last);
	while (first >= 0 && first < from);
	for (pos = from; e == ERR_OK && pos <= to && pos < w->n; pos++) {
		if (pos == first) {
			e = buf_add(b, w->s + *off, (size_t)(w->from[pos] -
			    *off));
			if (e == ERR_OK)
				e = buf_putc(b, STORE_MARK_OPEN);
			*off = w->from[pos];
		}
		if (e == ERR_OK && pos == last) {
			e = buf_add(b, w->s + *off, (size_t)(w->to[pos] -
			    *off));
			if (e == ERR_OK)
				e = buf_putc(b, STORE_MARK_CLOSE);
			*off = w->to[pos];
			hit_next(h, nh, &i, &first, &last);
		}
		if (e == ERR_OK && pos == to) {
			e = buf_add(b, w->s + *off, (size_t)(w->to[pos] -
			    *off));
			*off = w->to[pos];
			if (e == ERR_OK && first >= 0 && pos >= first &&
			    pos < last)
				e = buf_putc(b, STORE_MARK_CLOSE);
		}
	}
	return e;
}

static void
mark_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	struct hit *h = NULL;
	struct words w;
	struct buf b;
	int col, n, size = 0, ninst = 0, nphr, nh = 0, i, ip, ic, io;
	int start = 0, to, off = 0, rc = SQLITE_OK;
	enum err e = ERR_OK;

	if (nval != 3) {
		sqlite3_result_error(ctx, "octavo_mark: three arguments", -1);
		return;
	}
	if (sqlite3_value_type(val[1]) == SQLITE_NULL)
		return;		/* NULL, as highlight() of no text */
	memset(&w, 0, sizeof(w));
	w.m = api->xUserData(fts);
	w.s = (const char *)sqlite3_value_text(val[1]);
	w.len = sqlite3_value_bytes(val[1]);
	col = sqlite3_value_int(val[0]);
	n = sqlite3_value_int(val[2]);
	nphr = api->xPhraseCount(fts);
	buf_init(&b, (size_t)w.len + 64);
	if (w.s == NULL || nphr > LIMIT_SEARCH_PHRASES ||
	    (rc = api->xInstCount(fts, &ninst)) != SQLITE_OK ||
	    (rc = api->xColumnSize(fts, col, &size)) != SQLITE_OK)
		goto out;
	h = xcalloc(ninst > 0 ? (size_t)ninst : 1, sizeof(*h));
	for (i = 0; i < ninst; i++) {
		if ((rc = api->xInst(fts, i, &ip, &ic, &io)) != SQLITE_OK)
			goto out;
		if (ic != col)
			continue;
		h[nh].phrase = ip;
		h[nh].first = io;
		h[nh].last = io + api->xPhraseSize(fts, ip) - 1;
		nh++;
	}
	if (n > 0 && (rc = stretch_best(h, nh, nphr, n, size, &w, &start)) !=
	    SQLITE_OK)
		goto out;
	to = n > 0 ? start + n - 1 : INT_MAX;
	if ((rc = words_to(&w, to)) != SQLITE_OK)
		goto out;
	if (start > 0) {
		e = buf_puts(&b, ELLIPSIS);
		off = start < w.n ? w.from[start] : w.len;
	}
	if (e == ERR_OK)
		e = marked(&b, &w, h, nh, start, to, &off);
	if (e == ERR_OK)
		e = n > 0 && to < size - 1 ? buf_puts(&b, ELLIPSIS) :
		    buf_add(&b, w.s + off, (size_t)(w.len - off));
out:
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else if (w.s == NULL || e != ERR_OK || nphr > LIMIT_SEARCH_PHRASES)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b.p != NULL ? b.p : "", (int)b.len,
		    SQLITE_TRANSIENT);
	buf_free(&b);
	free(h);
	free(w.from);
	free(w.to);
	free(w.sent);
}

static void
marker_free(void *p)
{
	struct marker *m = p;

	if (m->tok != NULL)
		m->tk.xDelete(m->tok);
	free(m);
}

enum err
sqlite_marks_open(fts5_api *api)
{
	struct marker *m = xcalloc(1, sizeof(*m));
	enum err e;

	if ((e = sqlite_search_tokenizer(api, &m->tk, &m->tok)) != ERR_OK) {
		free(m);
		return e;
	}
	if (api->xCreateFunction(api, "octavo_mark", m, mark_fn,
	    marker_free) != SQLITE_OK) {
		marker_free(m);
		return ERR_DB;
	}
	return ERR_OK;
}
