/*
 * search_query: what a reader types into the search box, read into a
 * small tree and written out as an FTS5 expression that cannot fail to
 * parse.  The reader's grammar:
 *
 *	query	= or
 *	or	= and *( "OR" and )
 *	and	= unary *( [ "AND" ] unary )	words side by side: AND
 *	unary	= ( "NOT" / "-" ) primary / primary
 *	primary	= "(" or ")" / phrase / word
 *	phrase	= '"' text '"' [ "*" ]		curly quotes too
 *	word	= any run of other bytes, "*" at its end: a prefix
 *		  (of two characters at least)
 *
 * Operators are upper case, as in FTS5 and most search engines ("and"
 * is a word).  Every word and phrase is written as an FTS5 string
 * ("..." with quotes doubled), so nothing the reader types is FTS5
 * syntax; NOT, a binary operator in FTS5, is written after the words it
 * leaves out of ("a b NOT c").  A word of punctuation only finds
 * nothing in FTS5 (its tokenizer makes no token of it), so it is
 * dropped here rather than emptying every result.
 *
 * The input is untrusted (fuzz/fuzz_search_query.c): any bytes, bounded
 * by LIMIT_SEARCH_QUERY, at most LIMIT_SEARCH_TERMS words and
 * LIMIT_SEARCH_DEPTH parentheses deep; past them, or for invalid UTF-8,
 * an unclosed quote or parenthesis or an operator without its words,
 * the reader gets a sentence saying what to change.
 */
#include <string.h>

#include "store_int.h"

enum node_kind {
	N_TERM,		/* text, len, prefix */
	N_AND,		/* kids; a kid's neg: leave it out */
	N_OR		/* kids */
};

#define PREFIX_MIN	2	/* characters before a "*" */
#define NODES_MAX	(2 * LIMIT_SEARCH_TERMS + 2 * LIMIT_SEARCH_DEPTH + 4)

struct node {
	enum node_kind	 kind;
	const char	*text;
	size_t		 len;
	int		 prefix;
	int		 neg;		/* under an AND: NOT this */
	int		 first;		/* first kid, -1: none */
	int		 next;		/* next sibling, -1: none */
};

enum tok {
	T_END,
	T_WORD,		/* text, len, prefix */
	T_PHRASE,	/* text, len, prefix */
	T_OPEN,
	T_CLOSE,
	T_AND,
	T_OR,
	T_NOT
};

struct parser {
	const char	*p;
	size_t		 n, at;
	enum tok	 tok;
	const char	*text;
	size_t		 len;
	int		 prefix;
	struct node	 node[NODES_MAX];
	int		 nnode;
	int		 terms;
	int		 depth;
	const char	*why;
};

static const char E_QUOTE[] = "A quotation mark is not closed: close the"
    " phrase with another \" or remove it.";
static const char E_OPEN[] = "A parenthesis is not closed: add a \")\" or"
    " remove the \"(\".";
static const char E_CLOSE[] = "A \")\" closes no parenthesis: remove it or"
    " add a \"(\" before it.";
static const char E_EMPTY_GROUP[] = "There is nothing between the"
    " parentheses: put words in them or remove them.";
static const char E_OR[] = "OR needs words on both sides, as in"
    " \"Kazakhstan OR Kyrgyzstan\".";
static const char E_AND[] = "AND needs words on both sides, as in"
    " \"pipeline AND gas\".";
static const char E_NOT[] = "NOT needs a word or phrase after it, as in"
    " \"gas NOT pipeline\".";
static const char E_ONLY_NOT[] = "Say what to look for, not only what to"
    " leave out, as in \"gas NOT pipeline\".";
static const char E_TERMS[] = "The search has too many words: use at most"
    " 32 words and phrases.";
static const char E_DEPTH[] = "The search has too many parentheses inside"
    " one another: use at most 8.";
static const char E_LONG[] = "The search is too long: use at most 512"
    " characters.";
static const char E_PREFIX[] = "A word ending in * needs at least"
    " two letters before the *, as in \"pi*\".";
static const char E_UTF8[] = "The search holds bytes that are not text"
    " (invalid UTF-8): type it again.";

/* Space, control characters: between tokens. */
static int
is_space(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

/* The length of a quotation mark at p (", “, ” or „), else 0. */
static size_t
quote_len(const char *p, size_t n)
{
	if (n >= 1 && p[0] == '"')
		return 1;
	if (n >= 3 && (unsigned char)p[0] == 0xe2 &&
	    (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0x9c ||
	    (unsigned char)p[2] == 0x9d || (unsigned char)p[2] == 0x9e))
		return 3;
	return 0;
}

/*
 * Whether FTS5's unicode61 tokenizer makes c part of a token: an ASCII
 * letter or digit, or a character outside the punctuation ranges
 * (Latin-1 signs U+0080-U+00BF, general punctuation U+2000-U+206F, CJK
 * punctuation U+3000-U+303F).
 */
static int
is_token_char(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z');
	return !(c == UTF8_BAD || c <= 0xbf ||
	    (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f));
}

/*
 * The characters of text's last token (0: it ends in punctuation); with
 * *any, whether text holds a token at all.
 */
static size_t
last_token_chars(const char *p, size_t n, int *any)
{
	size_t i = 0, used, run = 0;
	uint32_t c;

	*any = 0;
	while (i < n) {
		c = utf8_decode(p + i, n - i, &used);
		i += used;
		if (is_token_char(c)) {
			run++;
			*any = 1;
		} else
			run = 0;
	}
	return run;
}

static int
has_token(const char *p, size_t n)
{
	int any;

	(void)last_token_chars(p, n, &any);
	return any;
}

static int
word_is(const struct parser *ps, const char *w)
{
	return ps->len == strlen(w) && memcmp(ps->text, w, ps->len) == 0;
}

/* The next token into ps; ERR_PARSE with ps->why. */
static enum err
lex(struct parser *ps)
{
	const char *p = ps->p;
	size_t n = ps->n, i = ps->at, q, start;

	for (;;) {
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		ps->prefix = 0;
		if (i == n) {
			ps->tok = T_END;
			ps->at = i;
			return ERR_OK;
		}
		if (p[i] == '(' || p[i] == ')') {
			ps->tok = p[i] == '(' ? T_OPEN : T_CLOSE;
			ps->at = i + 1;
			return ERR_OK;
		}
		if ((q = quote_len(p + i, n - i)) > 0) {
			start = i + q;
			for (i = start; i < n && quote_len(p + i, n - i) == 0;
			    i++)
				continue;
			if (i == n) {
				ps->why = E_QUOTE;
				return ERR_PARSE;
			}
			ps->tok = T_PHRASE;
			ps->text = p + start;
			ps->len = i - start;
			i += quote_len(p + i, n - i);
			if (i < n && p[i] == '*') {
				ps->prefix = 1;
				while (i < n && p[i] == '*')
					i++;
			}
			ps->at = i;
			if (!has_token(ps->text, ps->len))
				continue;
			return ERR_OK;
		}
		start = i;
		while (i < n && !is_space((unsigned char)p[i]) &&
		    p[i] != '(' && p[i] != ')' &&
		    quote_len(p + i, n - i) == 0)
			i++;
		ps->at = i;
		ps->text = p + start;
		ps->len = i - start;
		if (word_is(ps, "AND") || word_is(ps, "OR") ||
		    word_is(ps, "NOT")) {
			ps->tok = word_is(ps, "AND") ? T_AND :
			    word_is(ps, "OR") ? T_OR : T_NOT;
			return ERR_OK;
		}
		/*
		 * "-word", "-\"a phrase\"", "-(a group)": NOT it; what
		 * follows is lexed next.  A "-" alone is punctuation.
		 */
		if (ps->text[0] == '-' && (ps->len > 1 ? has_token(ps->text +
		    1, ps->len - 1) : i < n && (p[i] == '(' ||
		    quote_len(p + i, n - i) > 0))) {
			ps->tok = T_NOT;
			ps->at = start + 1;
			return ERR_OK;
		}
		while (ps->len > 0 && ps->text[ps->len - 1] == '*') {
			ps->len--;
			ps->prefix = 1;
		}
		if (!has_token(ps->text, ps->len))
			continue;
		ps->tok = T_WORD;
		return ERR_OK;
	}
}

static int
node_new(struct parser *ps, enum node_kind kind)
{
	struct node *x;

	if (ps->nnode == NODES_MAX)
		return -1;
	x = &ps->node[ps->nnode];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->first = x->next = -1;
	return ps->nnode++;
}

static enum err parse_or(struct parser *, int *);

/*
 * Add kid to the group being read: the first kid is *top itself; the
 * second makes the group node (*grp, of kind) over them; *last is the
 * latest kid, whose next is linked.
 */
static enum err
group_add(struct parser *ps, enum node_kind kind, int *grp, int *top,
    int *last, int kid)
{
	if (*top < 0) {
		*top = *last = kid;
		return ERR_OK;
	}
	if (*grp < 0) {
		if ((*grp = node_new(ps, kind)) < 0) {
			ps->why = E_TERMS;
			return ERR_LIMIT;
		}
		ps->node[*grp].first = *top;
		*top = *grp;
	}
	ps->node[*last].next = kid;
	*last = kid;
	return ERR_OK;
}

/* A word, a phrase or a group; *out -1 when the token starts none. */
static enum err
parse_primary(struct parser *ps, int *out)
{
	enum err e;
	int i, any;

	*out = -1;
	switch (ps->tok) {
	case T_WORD:
	case T_PHRASE:
		/* One letter and *: nearly every word of the index, which
		 * FTS5 merges at a cost of 100 ms a search. */
		if (ps->prefix && last_token_chars(ps->text, ps->len,
		    &any) < PREFIX_MIN) {
			ps->why = E_PREFIX;
			return ERR_PARSE;
		}
		if (++ps->terms > LIMIT_SEARCH_TERMS ||
		    (i = node_new(ps, N_TERM)) < 0) {
			ps->why = E_TERMS;
			return ERR_LIMIT;
		}
		ps->node[i].text = ps->text;
		ps->node[i].len = ps->len;
		ps->node[i].prefix = ps->prefix;
		*out = i;
		return lex(ps);
	case T_OPEN:
		if (++ps->depth > LIMIT_SEARCH_DEPTH) {
			ps->why = E_DEPTH;
			return ERR_LIMIT;
		}
		if ((e = lex(ps)) != ERR_OK || (e = parse_or(ps, out)) !=
		    ERR_OK)
			return e;
		if (ps->tok != T_CLOSE) {
			ps->why = E_OPEN;
			return ERR_PARSE;
		}
		if (*out < 0) {
			ps->why = E_EMPTY_GROUP;
			return ERR_PARSE;
		}
		ps->depth--;
		return lex(ps);
	default:
		return ERR_OK;
	}
}

/* Words side by side, AND between them or not; *out -1 when none. */
static enum err
parse_and(struct parser *ps, int *out)
{
	int and = -1, kid, last = -1, pos = 0, n = 0, neg;
	enum err e;

	*out = -1;
	for (;;) {
		if (ps->tok == T_AND) {
			if (n == 0) {
				ps->why = E_AND;
				return ERR_PARSE;
			}
			if ((e = lex(ps)) != ERR_OK)
				return e;
			if (ps->tok != T_WORD && ps->tok != T_PHRASE &&
			    ps->tok != T_OPEN && ps->tok != T_NOT) {
				ps->why = E_AND;
				return ERR_PARSE;
			}
		}
		neg = 0;
		if (ps->tok == T_NOT) {
			neg = 1;
			if ((e = lex(ps)) != ERR_OK)
				return e;
		}
		if ((e = parse_primary(ps, &kid)) != ERR_OK)
			return e;
		if (kid < 0) {
			if (neg) {
				ps->why = E_NOT;
				return ERR_PARSE;
			}
			break;
		}
		ps->node[kid].neg = neg;
		pos += !neg;
		if ((e = group_add(ps, N_AND, &and, out, &last, kid)) !=
		    ERR_OK)
			return e;
		n++;
	}
	if (n > 0 && pos == 0) {
		ps->why = E_ONLY_NOT;
		return ERR_PARSE;
	}
	return ERR_OK;
}

static enum err
parse_or(struct parser *ps, int *out)
{
	int or = -1, kid, last;
	enum err e;

	if ((e = parse_and(ps, out)) != ERR_OK)
		return e;
	if (ps->tok == T_OR && *out < 0) {
		ps->why = E_OR;
		return ERR_PARSE;
	}
	last = *out;
	while (ps->tok == T_OR) {
		if ((e = lex(ps)) != ERR_OK ||
		    (e = parse_and(ps, &kid)) != ERR_OK)
			return e;
		if (kid < 0) {
			ps->why = E_OR;
			return ERR_PARSE;
		}
		if ((e = group_add(ps, N_OR, &or, out, &last, kid)) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

/* An FTS5 string: "text" with each " doubled. */
static enum err
emit_term(struct buf *b, const struct node *x)
{
	size_t i;
	enum err e = buf_putc(b, '"');

	for (i = 0; e == ERR_OK && i < x->len; i++) {
		/*
		 * The lexer ends words and phrases at quotes (this is
		 * defence); a control character in a phrase is a space:
		 * FTS5 reads its expression as a C string, so a NUL would
		 * end it inside the quotes (fuzz_search_query).
		 */
		if (x->text[i] == '"')
			e = buf_puts(b, "\"\"");
		else if (is_space((unsigned char)x->text[i]))
			e = buf_putc(b, ' ');
		else
			e = buf_putc(b, x->text[i]);
	}
	if (e == ERR_OK)
		e = buf_putc(b, '"');
	if (e == ERR_OK && x->prefix)
		e = buf_putc(b, '*');
	return e;
}

static enum err
emit(struct buf *b, const struct parser *ps, int i)
{
	const struct node *x = &ps->node[i];
	enum err e = ERR_OK;
	int k, n = 0;

	if (x->kind == N_TERM)
		return emit_term(b, x);
	if ((e = buf_putc(b, '(')) != ERR_OK)
		return e;
	/* An AND's words first, then NOT each word it leaves out. */
	for (k = x->first; e == ERR_OK && k >= 0; k = ps->node[k].next) {
		if (x->kind == N_AND && ps->node[k].neg)
			continue;
		if (n++ > 0)
			e = buf_puts(b, x->kind == N_AND ? " AND " : " OR ");
		if (e == ERR_OK)
			e = emit(b, ps, k);
	}
	for (k = x->first; e == ERR_OK && x->kind == N_AND && k >= 0;
	    k = ps->node[k].next) {
		if (!ps->node[k].neg)
			continue;
		if ((e = buf_puts(b, " NOT ")) == ERR_OK)
			e = emit(b, ps, k);
	}
	if (e == ERR_OK)
		e = buf_putc(b, ')');
	return e;
}

enum err
store_search_parse(const char *q, size_t len, struct buf *fts,
    const char **why)
{
	struct parser *ps = NULL;
	size_t mark = fts->len;
	enum err e;
	int root;

	*why = NULL;
	if (len > LIMIT_SEARCH_QUERY) {
		*why = E_LONG;
		return ERR_LIMIT;
	}
	if (!utf8_valid(q, len)) {
		*why = E_UTF8;
		return ERR_PARSE;
	}
	ps = xcalloc(1, sizeof(*ps));
	ps->p = q;
	ps->n = len;
	if ((e = lex(ps)) != ERR_OK || (e = parse_or(ps, &root)) != ERR_OK)
		goto out;
	if (ps->tok == T_CLOSE) {
		ps->why = E_CLOSE;
		e = ERR_PARSE;
		goto out;
	}
	/* parse_or stops only at the end or at a ")". */
	if (root >= 0 && (e = emit(fts, ps, root)) != ERR_OK) {
		buf_truncate(fts, mark);
		ps->why = E_LONG;
	}
out:
	*why = ps->why;
	free(ps);
	return e;
}
