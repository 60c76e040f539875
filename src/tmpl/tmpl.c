/*
 * tmpl: the Mustache engine that renders every page of a journal.
 *
 * tmpl_set_add compiles a template once (tmpl_compile), in five passes:
 * scan the source into tags (following set-delimiter tags), match
 * sections to their closes, find the standalone lines (a line holding
 * only blanks and one tag, or a run of parent and block tags, disappears
 * from the output), dedent the content of standalone blocks, and emit a
 * flat array of ops in which a section's children follow it and its "end"
 * index skips them.  Rendering is then a walk over the ops that only
 * looks names up in the view model and templates up in the set; all the
 * whitespace rules of the specification were settled at compile time,
 * except the indentation of standalone partials and blocks, which is a
 * stack of blanks written at the start of each template line.
 *
 * Inheritance: a parent call {{<p}}...{{/p}} renders p with the blocks it
 * holds as overrides, pushed as a frame on a chain.  A block site in p
 * takes the outermost override of its name on the chain, and renders it
 * with the chain as it was where the override was written, so a block
 * inside an override is a parameter of the template that wrote it.
 *
 * Invariant: rendering never writes to the set (many threads may render
 * from one set at once), and every render is bounded: output by the
 * buffer's maximum, nesting by LIMIT_TMPL_DEPTH and work by LIMIT_TMPL_STEPS,
 * so a hostile template or view model gets ERR_LIMIT, never a crash, a
 * deep native stack or a hang.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tmpl/tmpl.h"

/*
 * LIMIT_TMPL_STEPS counts ops executed, items iterated and names compared
 * in one render.  A large archive page needs a few hundred thousand; the
 * cap stops templates that recurse without writing anything.
 */

#define STRIP_ALL	UINT32_MAX	/* blank line: drop all its blanks */

enum tok_kind {
	TOK_VAR,	/* {{name}} */
	TOK_RAW,	/* {{{name}}} or {{&name}} */
	TOK_SECTION,	/* {{#name}} */
	TOK_INVERTED,	/* {{^name}} */
	TOK_CLOSE,	/* {{/name}} */
	TOK_COMMENT,	/* {{! text }} */
	TOK_PARTIAL,	/* {{>name}} */
	TOK_DELIM,	/* {{=<% %>=}} */
	TOK_PARENT,	/* {{<name}} */
	TOK_BLOCK,	/* {{$name}} */
	TOK__MAX
};

/* A tag found by the scanner; all offsets are into the source. */
struct tok {
	enum tok_kind	 kind;
	size_t		 start;		/* first byte of the tag */
	size_t		 end;		/* byte after the tag */
	size_t		 cut_start;	/* the text before the tag ends here */
	size_t		 cut_end;	/* the text after the tag starts here */
	size_t		 match;		/* the matching open or close tag */
	int		 standalone;	/* alone on its line, or in a run */
	struct str	 name;
	struct str	 ws;		/* blanks before a standalone line */
	struct str	 dedent;	/* blanks common to a block's lines */
};

enum op_kind {
	OP_TEXT,	/* str: literal bytes */
	OP_VAR,		/* a name, HTML escaped */
	OP_RAW,		/* a name, raw */
	OP_SECTION,	/* children once per truthy item */
	OP_INVERTED,	/* children once if falsy */
	OP_PARTIAL,	/* str: template name */
	OP_PARENT,	/* str: template name; first: first override */
	OP_BLOCK,	/* str: block name; children: default or override */
	OP__MAX
};

#define OPF_STANDALONE	0x1	/* alone on its line: indent its content */
#define OPF_BOL_AFTER	0x2	/* the template goes on at a line start */

struct op {
	enum op_kind	 kind;
	unsigned int	 flags;
	uint32_t	 end;		/* containers: index after children */
	uint32_t	 first;		/* parent: first override block, or 0 */
	uint32_t	 next;		/* override block: next one, or 0 */
	uint32_t	 seg;		/* names: first segment in segs */
	uint32_t	 nseg;		/* names: 0 for the implicit "." */
	uint64_t	 hash;		/* partial, parent: hash of str */
	struct str	 str;
	struct str	 indent;	/* partial, parent, block: indent */
};

struct tmpl {
	struct hnode	 node;		/* in the set, by hash_bytes of name */
	char		*name;
	size_t		 namelen;
	char		*src;		/* copy of the source; names point in */
	char		*pool;		/* bytes of the text ops */
	struct op	*ops;
	uint32_t	 nops;
	struct str	*segs;		/* dotted name segments */
};

/* Template names are the theme's, never a client's: hash_bytes. */
struct tmpl_set {
	struct htab	 tab;
};

/* Compile-time state of one template. */
struct parser {
	const char	*src;
	size_t		 len;
	char		*errmsg;
	size_t		 errlen;
	size_t		*lines;		/* offset of each line's first byte */
	size_t		 nlines;
	uint32_t	*strip;		/* per line: blanks the dedent drops */
	int		 dedented;
	struct tok	*toks;
	size_t		 ntoks;
	size_t		 captoks;
	struct op	*ops;
	size_t		 nops;
	size_t		 capops;
	struct str	*segs;
	size_t		 nsegs;
	size_t		 capsegs;
	char		*pool;		/* len + 1 bytes: text never grows */
	size_t		 poollen;
};

/* A parent call's overrides, on the render stack. */
struct frame {
	const struct tmpl	*t;
	uint32_t		 first;
	const struct frame	*prev;
};

/* Render-time state; the set is only read. */
struct render {
	const struct tmpl_set	*set;
	struct buf		*out;
	struct buf		 ind;		/* indentation stack */
	size_t			 ind_base;	/* indentation starts here */
	int			 pending;	/* at a template line start */
	json_t			*ctx[LIMIT_TMPL_DEPTH + 1];
	size_t			 nctx;
	unsigned int		 nest;		/* sections being rendered */
	unsigned int		 calls;		/* partials, parents, blocks */
	unsigned long		 steps;
	const struct frame	*chain;		/* innermost parent call */
};

static enum err	render_ops(struct render *, const struct tmpl *, uint32_t,
		    uint32_t);

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
str_same(struct str a, struct str b)
{
	return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/*
 * Set
 */

static int
tmpl_name_eq(const struct hnode *n, const void *key)
{
	const struct tmpl *t = container_of(n, struct tmpl, node);
	const struct str *k = key;

	return t->namelen == k->len && memcmp(t->name, k->p, k->len) == 0;
}

static const struct tmpl *
tmpl_set_find(const struct tmpl_set *set, const char *name, size_t len,
    uint64_t h)
{
	struct str k = { name, len };
	struct hnode *n = htab_find(&set->tab, h, tmpl_name_eq, &k);

	return n != NULL ? container_of(n, struct tmpl, node) : NULL;
}

static void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->src);
	free(t->pool);
	free(t->ops);
	free(t->segs);
	free(t);
}

struct tmpl_set *
tmpl_set_new(void)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	htab_init(&set->tab, 16, 1 << 16, 0);
	return set;
}

/* For htab_walk: free every template. */
static int
tmpl_drop(struct hnode *n, void *arg)
{
	(void)arg;
	tmpl_free(container_of(n, struct tmpl, node));
	return 1;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	if (set == NULL)
		return;
	htab_walk(&set->tab, tmpl_drop, NULL);
	htab_free(&set->tab);
	free(set);
}

int
tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	size_t len = strlen(name);

	return tmpl_set_find(set, name, len, hash_bytes(name, len)) != NULL;
}

/*
 * Compile: helpers
 */

/* Index of the line holding byte pos. */
static size_t
parse_line(const struct parser *ps, size_t pos)
{
	size_t lo = 0, hi = ps->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (ps->lines[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static enum err
parse_fail(struct parser *ps, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put "line N: why" in the caller's errmsg; always ERR_PARSE. */
static enum err
parse_fail(struct parser *ps, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->errmsg == NULL || ps->errlen == 0)
		return ERR_PARSE;
	n = snprintf(ps->errmsg, ps->errlen, "line %zu: ",
	    parse_line(ps, pos) + 1);
	if (n < 0 || (size_t)n >= ps->errlen)
		return ERR_PARSE;
	va_start(ap, fmt);
	vsnprintf(ps->errmsg + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return ERR_PARSE;
}

/* A tag name fit for an error message: printable, at most 32 bytes. */
static const char *
parse_clip(struct str s, char out[40])
{
	size_t i, n = s.len > 32 ? 32 : s.len;

	for (i = 0; i < n; i++)
		out[i] = (s.p[i] > 0x20 && s.p[i] < 0x7f) ? s.p[i] : '?';
	if (n < s.len) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* Offset of pat in the source at or after from, or SIZE_MAX. */
static size_t
parse_find(const struct parser *ps, size_t from, struct str pat)
{
	const char *p;

	while (from < ps->len && ps->len - from >= pat.len) {
		p = memchr(ps->src + from, pat.p[0], ps->len - from -
		    pat.len + 1);
		if (p == NULL)
			break;
		from = (size_t)(p - ps->src);
		if (memcmp(p, pat.p, pat.len) == 0)
			return from;
		from++;
	}
	return SIZE_MAX;
}

static struct str
str_trim(struct str s)
{
	while (s.len > 0 && is_space(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len > 0 && is_space(s.p[s.len - 1]))
		s.len--;
	return s;
}

static struct tok *
parse_tok_add(struct parser *ps)
{
	struct tok *tk;

	if (ps->ntoks == ps->captoks) {
		ps->captoks = ps->captoks == 0 ? 64 : ps->captoks * 2;
		ps->toks = xrealloc(ps->toks, ps->captoks * sizeof(*tk));
	}
	tk = &ps->toks[ps->ntoks++];
	memset(tk, 0, sizeof(*tk));
	return tk;
}

static uint32_t
parse_op_add(struct parser *ps, enum op_kind kind)
{
	struct op *op;

	if (ps->nops == ps->capops) {
		ps->capops = ps->capops == 0 ? 64 : ps->capops * 2;
		ps->ops = xrealloc(ps->ops, ps->capops * sizeof(*op));
	}
	op = &ps->ops[ps->nops];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	return (uint32_t)ps->nops++;
}

/*
 * Pass 1: scan the source into tags.  Set-delimiter tags take effect
 * here, so later passes see only tags and the text between them.
 */

/* Parse "<% %>" into two delimiters without blanks or '='. */
static int
parse_delims(struct str s, struct str *od, struct str *cd)
{
	size_t i;

	s = str_trim(s);
	for (i = 0; i < s.len && !is_space(s.p[i]); i++)
		continue;
	od->p = s.p;
	od->len = i;
	cd->p = s.p + i;
	cd->len = s.len - i;
	*cd = str_trim(*cd);
	if (od->len == 0 || cd->len == 0)
		return 0;
	for (i = 0; i < cd->len; i++)
		if (is_space(cd->p[i]))
			return 0;
	if (memchr(od->p, '=', od->len) != NULL ||
	    memchr(cd->p, '=', cd->len) != NULL)
		return 0;
	return 1;
}

static enum err
parse_scan(struct parser *ps)
{
	struct str od = STR("{{"), cd = STR("}}"), body;
	struct tok *tk;
	size_t pos = 0, s, cs, k, i;
	enum tok_kind kind;
	char sigil, closer;
	enum err rc = ERR_OK;

	for (;;) {
		s = parse_find(ps, pos, od);
		if (s == SIZE_MAX)
			break;
		cs = s + od.len;
		sigil = cs < ps->len ? ps->src[cs] : '\0';
		closer = '\0';
		switch (sigil) {
		case '{':
			kind = TOK_RAW;
			closer = '}';
			break;
		case '&':
			kind = TOK_RAW;
			break;
		case '#':
			kind = TOK_SECTION;
			break;
		case '^':
			kind = TOK_INVERTED;
			break;
		case '/':
			kind = TOK_CLOSE;
			break;
		case '!':
			kind = TOK_COMMENT;
			break;
		case '>':
			kind = TOK_PARTIAL;
			break;
		case '=':
			kind = TOK_DELIM;
			closer = '=';
			break;
		case '<':
			kind = TOK_PARENT;
			break;
		case '$':
			kind = TOK_BLOCK;
			break;
		default:
			kind = TOK_VAR;
			break;
		}
		if (kind != TOK_VAR)
			cs++;
		/* The close delimiter, after '}' or '=' if those opened. */
		for (k = cs;; k++) {
			k = parse_find(ps, k, cd);
			if (k == SIZE_MAX) {
				rc = parse_fail(ps, s, "unclosed tag");
				goto out;
			}
			if (closer == '\0' ||
			    (k > cs && ps->src[k - 1] == closer))
				break;
		}
		body.p = ps->src + cs;
		body.len = k - cs - (closer != '\0');
		tk = parse_tok_add(ps);
		tk->kind = kind;
		tk->start = s;
		tk->end = k + cd.len;
		tk->cut_start = tk->start;
		tk->cut_end = tk->end;
		pos = tk->end;
		if (kind == TOK_COMMENT)
			continue;
		if (kind == TOK_DELIM) {
			if (!parse_delims(body, &od, &cd)) {
				rc = parse_fail(ps, s, "bad delimiters");
				goto out;
			}
			continue;
		}
		tk->name = str_trim(body);
		for (i = 0; i < tk->name.len; i++)
			if (is_space(tk->name.p[i]))
				break;
		if (tk->name.len == 0 || i < tk->name.len) {
			rc = parse_fail(ps, s, "bad tag name");
			goto out;
		}
	}
out:
	return rc;
}

/*
 * Pass 2: match every section, parent and block to its close.
 */
static enum err
parse_match(struct parser *ps)
{
	size_t stack[LIMIT_TMPL_DEPTH], depth = 0, i, o;
	struct tok *tk;
	char a[40], b[40];
	enum err rc = ERR_OK;

	for (i = 0; i < ps->ntoks; i++) {
		tk = &ps->toks[i];
		switch (tk->kind) {
		case TOK_SECTION:
		case TOK_INVERTED:
		case TOK_PARENT:
		case TOK_BLOCK:
			if (depth == LIMIT_TMPL_DEPTH) {
				rc = parse_fail(ps, tk->start,
				    "sections nested deeper than %d",
				    LIMIT_TMPL_DEPTH);
				goto out;
			}
			stack[depth++] = i;
			break;
		case TOK_CLOSE:
			if (depth == 0) {
				rc = parse_fail(ps, tk->start,
				    "\"/%s\" closes nothing",
				    parse_clip(tk->name, a));
				goto out;
			}
			o = stack[--depth];
			if (!str_same(ps->toks[o].name, tk->name)) {
				rc = parse_fail(ps, tk->start,
				    "\"/%s\" closes \"%s\" from line %zu",
				    parse_clip(tk->name, a),
				    parse_clip(ps->toks[o].name, b),
				    parse_line(ps, ps->toks[o].start) + 1);
				goto out;
			}
			tk->match = o;
			ps->toks[o].match = i;
			break;
		default:
			break;
		}
	}
	if (depth > 0) {
		tk = &ps->toks[stack[depth - 1]];
		rc = parse_fail(ps, tk->start, "unclosed section \"%s\"",
		    parse_clip(tk->name, a));
	}
out:
	return rc;
}

/*
 * Pass 3: standalone lines.  A line that holds only blanks and one tag
 * other than an interpolation is removed from the output, its newline
 * too.  For inheritance a run of adjacent parent, block and close tags
 * counts as one tag ("{{<p}}{{$b}}", "{{/b}}{{/p}}"); a site written as
 * an empty block "{{$b}}{{/b}}" keeps its newline, which then follows
 * whatever fills the block.
 */

static int
parse_run_ok(const struct parser *ps, size_t i, size_t j)
{
	const struct tok *tk;
	size_t k;

	if (i == j)
		return ps->toks[i].kind != TOK_VAR &&
		    ps->toks[i].kind != TOK_RAW;
	for (k = i; k <= j; k++) {
		tk = &ps->toks[k];
		if (tk->kind == TOK_CLOSE)
			tk = &ps->toks[tk->match];
		if (tk->kind != TOK_PARENT && tk->kind != TOK_BLOCK)
			return 0;
	}
	return 1;
}

static void
parse_standalone(struct parser *ps)
{
	const char *src = ps->src;
	struct tok *first, *last;
	size_t i, j, k, ls, p;

	for (i = 0; i < ps->ntoks; i = j + 1) {
		j = i;
		first = &ps->toks[i];
		ls = ps->lines[parse_line(ps, first->start)];
		/* Another tag ends on this line: not standalone. */
		if (i > 0 && ps->toks[i - 1].end > ls)
			continue;
		for (p = ls; p < first->start && is_blank(src[p]); p++)
			continue;
		if (p < first->start)
			continue;
		while (j + 1 < ps->ntoks &&
		    ps->toks[j + 1].start == ps->toks[j].end)
			j++;
		last = &ps->toks[j];
		for (p = last->end; p < ps->len && (is_blank(src[p]) ||
		    src[p] == '\r'); p++)
			continue;
		if (p < ps->len && src[p] != '\n')
			continue;
		if (!parse_run_ok(ps, i, j))
			continue;
		for (k = i; k <= j; k++) {
			ps->toks[k].standalone = 1;
			ps->toks[k].ws.p = src + ls;
			ps->toks[k].ws.len = first->start - ls;
		}
		first->cut_start = ls;
		if (last->kind == TOK_CLOSE &&
		    ps->toks[last->match].kind == TOK_BLOCK &&
		    last->match >= i && p < ps->len) {
			if (p > last->end && src[p - 1] == '\r')
				p--;
			last->cut_end = p;
		} else
			last->cut_end = p < ps->len ? p + 1 : p;
	}
}

/*
 * Pass 4: a standalone block's content loses the blanks common to all its
 * lines; where it is rendered, it gets the indentation of the site.  So
 * a block keeps its shape wherever its override is written.  Lines are
 * marked in ps->strip; the text ops skip those blanks when they copy.
 */
static void
parse_dedent(struct parser *ps)
{
	const char *src = ps->src;
	struct tok *tk;
	struct str d;
	size_t i, l, l0, p, w, cs, ce, n;
	int any;

	for (i = 0; i < ps->ntoks; i++) {
		tk = &ps->toks[i];
		if (tk->kind != TOK_BLOCK || !tk->standalone ||
		    tk->cut_end == tk->end || src[tk->cut_end - 1] != '\n')
			continue;
		cs = tk->cut_end;
		ce = ps->toks[tk->match].start;
		if (cs >= ce)
			continue;
		l0 = parse_line(ps, cs);
		any = 0;
		d.p = src + cs;
		d.len = 0;
		for (l = l0; l < ps->nlines && ps->lines[l] < ce; l++) {
			p = ps->lines[l];
			for (w = p; w < ce && is_blank(src[w]); w++)
				continue;
			if (w == ce || src[w] == '\n' || src[w] == '\r')
				continue;
			if (!any) {
				d.p = src + p;
				d.len = w - p;
				any = 1;
				continue;
			}
			for (n = 0; n < d.len && n < w - p &&
			    d.p[n] == src[p + n]; n++)
				continue;
			d.len = n;
		}
		tk->dedent = d;
		if (d.len == 0)
			continue;
		ps->dedented = 1;
		for (l = l0; l < ps->nlines && ps->lines[l] < ce; l++) {
			p = ps->lines[l];
			for (w = p; w < ce && is_blank(src[w]); w++)
				continue;
			if (w == ce || src[w] == '\n' || src[w] == '\r')
				ps->strip[l] = STRIP_ALL;
			else if (ps->strip[l] < d.len)
				ps->strip[l] = (uint32_t)d.len;
		}
	}
}

/*
 * Pass 5: emit the ops.
 */

/*
 * Indentation s of the tag at pos, less what the dedent of the blocks
 * around the tag drops from its line.
 */
static struct str
parse_rel(const struct parser *ps, struct str s, size_t pos)
{
	size_t n;

	if (s.len == 0)
		return s;
	n = ps->strip[parse_line(ps, pos)];
	if (n > s.len)
		n = s.len;
	s.p += n;
	s.len -= n;
	return s;
}

static int
parse_bol(const struct parser *ps, size_t pos)
{
	return pos > 0 && ps->src[pos - 1] == '\n';
}

/* Copy the source text [a, b) into a text op, dedenting line starts. */
static void
parse_text(struct parser *ps, size_t a, size_t b)
{
	const char *src = ps->src, *nl;
	char *o = ps->pool + ps->poollen;
	size_t n = 0, e;
	uint32_t k, op;

	while (a < b) {
		if (ps->dedented && (a == 0 || src[a - 1] == '\n')) {
			k = ps->strip[parse_line(ps, a)];
			while (k > 0 && a < b && is_blank(src[a])) {
				a++;
				k--;
			}
			if (a == b)
				break;
		}
		nl = memchr(src + a, '\n', b - a);
		e = nl == NULL ? b : (size_t)(nl - src) + 1;
		memcpy(o + n, src + a, e - a);
		n += e - a;
		a = e;
	}
	if (n == 0)
		return;
	op = parse_op_add(ps, OP_TEXT);
	ps->ops[op].str.p = o;
	ps->ops[op].str.len = n;
	ps->poollen += n;
}

/* Split a dotted name into segments; "." is the implicit iterator. */
static enum err
parse_name(struct parser *ps, uint32_t op, const struct tok *tk)
{
	struct str n = tk->name;
	size_t a, b, first = ps->nsegs;
	char c[40];
	enum err rc = ERR_OK;

	ps->ops[op].seg = (uint32_t)first;
	if (n.len == 1 && n.p[0] == '.')
		goto out;
	for (a = b = 0; b <= n.len; b++) {
		if (b < n.len && n.p[b] != '.')
			continue;
		if (b == a) {
			rc = parse_fail(ps, tk->start, "bad name \"%s\"",
			    parse_clip(n, c));
			goto out;
		}
		if (ps->nsegs == ps->capsegs) {
			ps->capsegs = ps->capsegs == 0 ? 32 :
			    ps->capsegs * 2;
			ps->segs = xrealloc(ps->segs,
			    ps->capsegs * sizeof(*ps->segs));
		}
		ps->segs[ps->nsegs].p = n.p + a;
		ps->segs[ps->nsegs].len = b - a;
		ps->nsegs++;
		a = b + 1;
	}
	ps->ops[op].nseg = (uint32_t)(ps->nsegs - first);
out:
	return rc;
}

/* Flags and indentation of a tag that may stand alone. */
static void
parse_place(struct parser *ps, uint32_t op, const struct tok *tk,
    const struct tok *close)
{
	if (tk->standalone) {
		ps->ops[op].flags |= OPF_STANDALONE;
		ps->ops[op].indent = parse_rel(ps, tk->ws, tk->start);
	}
	if (parse_bol(ps, close->cut_end))
		ps->ops[op].flags |= OPF_BOL_AFTER;
}

static enum err
parse_emit(struct parser *ps)
{
	struct {
		uint32_t	 op;
		uint32_t	 last;	/* parent: last override so far */
	} stack[LIMIT_TMPL_DEPTH];
	const struct tok *tk;
	struct str d;
	size_t depth = 0, prev = 0, i;
	uint32_t op, top;
	int in_parent;
	enum err rc = ERR_OK;

	for (i = 0; i < ps->ntoks; i++) {
		tk = &ps->toks[i];
		in_parent = depth > 0 &&
		    ps->ops[stack[depth - 1].op].kind == OP_PARENT;
		if (!in_parent)
			parse_text(ps, prev, tk->cut_start);
		prev = tk->cut_end;
		switch (tk->kind) {
		case TOK_VAR:
		case TOK_RAW:
			op = parse_op_add(ps, tk->kind == TOK_VAR ?
			    OP_VAR : OP_RAW);
			rc = parse_name(ps, op, tk);
			if (rc != ERR_OK)
				goto out;
			break;
		case TOK_SECTION:
		case TOK_INVERTED:
			op = parse_op_add(ps, tk->kind == TOK_SECTION ?
			    OP_SECTION : OP_INVERTED);
			rc = parse_name(ps, op, tk);
			if (rc != ERR_OK)
				goto out;
			stack[depth].op = op;
			stack[depth++].last = 0;
			break;
		case TOK_PARTIAL:
		case TOK_PARENT:
			op = parse_op_add(ps, tk->kind == TOK_PARTIAL ?
			    OP_PARTIAL : OP_PARENT);
			ps->ops[op].str = tk->name;
			ps->ops[op].hash = hash_bytes(tk->name.p,
			    tk->name.len);
			parse_place(ps, op, tk, tk->kind == TOK_PARTIAL ? tk :
			    &ps->toks[tk->match]);
			if (tk->kind == TOK_PARTIAL)
				break;
			stack[depth].op = op;
			stack[depth++].last = 0;
			break;
		case TOK_BLOCK:
			op = parse_op_add(ps, OP_BLOCK);
			ps->ops[op].str = tk->name;
			parse_place(ps, op, tk, &ps->toks[tk->match]);
			if (in_parent) {
				top = stack[depth - 1].op;
				if (stack[depth - 1].last == 0)
					ps->ops[top].first = op;
				else
					ps->ops[stack[depth - 1].last].next =
					    op;
				stack[depth - 1].last = op;
			} else {
				/* A site: indent as its own content is. */
				d = parse_rel(ps, tk->dedent, tk->start);
				if (d.len > 0)
					ps->ops[op].indent = d;
			}
			stack[depth].op = op;
			stack[depth++].last = 0;
			break;
		case TOK_CLOSE:
			assert(depth > 0);
			depth--;
			ps->ops[stack[depth].op].end = (uint32_t)ps->nops;
			break;
		default:
			break;
		}
	}
	parse_text(ps, prev, ps->len);
out:
	return rc;
}

/* Compile len bytes of src; on success *out is a new template. */
static enum err
tmpl_compile(const char *name, const char *src, size_t len,
    struct tmpl **out, char *errmsg, size_t errlen)
{
	struct parser ps;
	struct tmpl *t;
	size_t i;
	enum err rc;

	memset(&ps, 0, sizeof(ps));
	if (len > LIMIT_TEMPLATE) {
		if (errmsg != NULL && errlen > 0)
			snprintf(errmsg, errlen, "line 1: template larger "
			    "than %d bytes", LIMIT_TEMPLATE);
		return ERR_PARSE;
	}
	t = xcalloc(1, sizeof(*t));
	t->namelen = strlen(name);
	t->name = xstrndup(name, t->namelen);
	t->src = xmalloc(len + 1);
	if (len > 0)
		memcpy(t->src, src, len);
	t->src[len] = '\0';

	ps.src = t->src;
	ps.len = len;
	ps.errmsg = errmsg;
	ps.errlen = errlen;
	ps.nlines = 1;
	for (i = 0; i < len; i++)
		if (t->src[i] == '\n')
			ps.nlines++;
	ps.lines = xmalloc(ps.nlines * sizeof(*ps.lines));
	ps.strip = xcalloc(ps.nlines, sizeof(*ps.strip));
	ps.lines[0] = 0;
	ps.nlines = 1;
	for (i = 0; i < len; i++)
		if (t->src[i] == '\n')
			ps.lines[ps.nlines++] = i + 1;
	ps.pool = xmalloc(len + 1);

	rc = parse_scan(&ps);
	if (rc != ERR_OK)
		goto out;
	rc = parse_match(&ps);
	if (rc != ERR_OK)
		goto out;
	parse_standalone(&ps);
	parse_dedent(&ps);
	rc = parse_emit(&ps);
	if (rc != ERR_OK)
		goto out;

	t->pool = ps.pool;
	t->ops = ps.ops;
	t->nops = (uint32_t)ps.nops;
	t->segs = ps.segs;
	ps.pool = NULL;
	ps.ops = NULL;
	ps.segs = NULL;
	*out = t;
	t = NULL;
out:
	tmpl_free(t);
	free(ps.pool);
	free(ps.ops);
	free(ps.segs);
	free(ps.toks);
	free(ps.lines);
	free(ps.strip);
	return rc;
}

enum err
tmpl_set_add(struct tmpl_set *set, const char *name, const char *src,
    size_t len, char *errmsg, size_t errlen)
{
	struct tmpl *t = NULL;
	size_t namelen;
	enum err rc;

	assert(set != NULL && name != NULL);
	assert(src != NULL || len == 0);
	if (errmsg != NULL && errlen > 0)
		errmsg[0] = '\0';
	namelen = strlen(name);
	if (tmpl_set_find(set, name, namelen,
	    hash_bytes(name, namelen)) != NULL) {
		if (errmsg != NULL && errlen > 0)
			snprintf(errmsg, errlen, "template already in "
			    "the set");
		rc = ERR_CONFLICT;
		goto out;
	}
	rc = tmpl_compile(name, src == NULL ? "" : src, len, &t, errmsg,
	    errlen);
	if (rc != ERR_OK)
		goto out;
	htab_insert(&set->tab, &t->node, hash_bytes(name, namelen));
out:
	return rc;
}

/*
 * Render
 */

static enum err
render_step(struct render *r, unsigned long n)
{
	r->steps += n;
	return r->steps > LIMIT_TMPL_STEPS ? ERR_LIMIT : ERR_OK;
}

/* Write the indentation if the template is at the start of a line. */
static enum err
render_indent(struct render *r)
{
	enum err rc = ERR_OK;

	if (r->pending && r->ind.len > r->ind_base)
		rc = buf_add(r->out, r->ind.p + r->ind_base,
		    r->ind.len - r->ind_base);
	r->pending = 0;
	return rc;
}

/* Template text: indented at each line start, except blank lines. */
static enum err
render_text(struct render *r, const char *p, size_t len)
{
	const char *nl;
	size_t n;
	enum err rc = ERR_OK;

	if (r->ind.len == r->ind_base) {
		rc = buf_add(r->out, p, len);
		if (len > 0)
			r->pending = p[len - 1] == '\n';
		goto out;
	}
	while (len > 0) {
		if (r->pending && p[0] != '\n' &&
		    !(p[0] == '\r' && len > 1 && p[1] == '\n')) {
			rc = render_indent(r);
			if (rc != ERR_OK)
				goto out;
		}
		nl = memchr(p, '\n', len);
		n = nl == NULL ? len : (size_t)(nl - p) + 1;
		rc = buf_add(r->out, p, n);
		if (rc != ERR_OK)
			goto out;
		r->pending = nl != NULL;
		p += n;
		len -= n;
	}
out:
	return rc;
}

/*
 * A real in the shortest form that reads back to the same double, laid
 * out as JavaScript prints numbers: 1.21, 100, 0.001, 1e+21.
 */
static size_t
render_real(double d, char *out, size_t outsz)
{
	char e[40], dig[20];
	size_t k = 0, o = 0, i;
	int prec, x = 0, n, neg = 0, xneg = 0;
	const char *p;

	if (!isfinite(d))
		return 0;
	if (d == 0) {
		snprintf(out, outsz, "0");
		return 1;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec - 1, d);
		if (strtod(e, NULL) == d)
			break;
	}
	p = e;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p != 'e' && *p != '\0'; p++)
		if (*p >= '0' && *p <= '9' && k < sizeof(dig))
			dig[k++] = *p;
	while (k > 1 && dig[k - 1] == '0')
		k--;
	if (*p == 'e') {
		p++;
		if (*p == '-')
			xneg = 1;
		if (*p == '+' || *p == '-')
			p++;
		for (; *p >= '0' && *p <= '9'; p++)
			x = x * 10 + (*p - '0');
		if (xneg)
			x = -x;
	}
	n = x + 1;	/* digits before the decimal point */
	if (neg)
		out[o++] = '-';
	if ((int)k <= n && n <= 21) {
		for (i = 0; i < k; i++)
			out[o++] = dig[i];
		for (i = k; i < (size_t)n; i++)
			out[o++] = '0';
	} else if (n > 0 && n <= 21) {
		for (i = 0; i < k; i++) {
			if (i == (size_t)n)
				out[o++] = '.';
			out[o++] = dig[i];
		}
	} else if (n > -6 && n <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < (size_t)-n; i++)
			out[o++] = '0';
		for (i = 0; i < k; i++)
			out[o++] = dig[i];
	} else {
		out[o++] = dig[0];
		if (k > 1)
			out[o++] = '.';
		for (i = 1; i < k; i++)
			out[o++] = dig[i];
		o += (size_t)snprintf(out + o, outsz - o, "e%c%d",
		    n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
	assert(o < outsz);
	out[o] = '\0';
	return o;
}

/* Interpolate a value: strings, numbers and booleans; the rest is empty. */
static enum err
render_value(struct render *r, json_t *v, int escape)
{
	char num[64];
	const char *p;
	size_t n;
	int len;
	enum err rc = ERR_OK;

	switch (v == NULL ? JSON_NULL : json_typeof(v)) {
	case JSON_STRING:
		p = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		len = snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		p = num;
		n = len > 0 ? (size_t)len : 0;
		break;
	case JSON_REAL:
		p = num;
		n = render_real(json_real_value(v), num, sizeof(num));
		break;
	case JSON_TRUE:
		p = "true";
		n = 4;
		break;
	case JSON_FALSE:
		p = "false";
		n = 5;
		break;
	default:
		goto out;
	}
	if (n == 0)
		goto out;
	rc = render_indent(r);
	if (rc != ERR_OK)
		goto out;
	if (escape)
		rc = esc_html(r->out, p, n);
	else
		rc = buf_add(r->out, p, n);
out:
	return rc;
}

/*
 * The specification's "!!data", as JavaScript has it, plus the empty list:
 * missing, null, false, 0, "" and [] are false.  The view model relies on
 * it: absent text is "" and an absent number 0.
 */
static int
render_truthy(json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE:
		return 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) < 0 || json_real_value(v) > 0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	default:
		return 1;
	}
}

/*
 * Resolve a name: "." is the top of the context stack; otherwise the
 * first segment is looked up from the top down, and the rest only in
 * what it found.  NULL if missing.
 */
static json_t *
render_lookup(struct render *r, const struct tmpl *t, const struct op *op,
    enum err *rc)
{
	const struct str *seg;
	json_t *v = NULL, *c;
	size_t k;
	uint32_t s;

	*rc = ERR_OK;
	if (op->nseg == 0)
		return r->ctx[r->nctx - 1];
	seg = &t->segs[op->seg];
	for (k = r->nctx; k-- > 0;) {
		c = r->ctx[k];
		if (c == NULL || !json_is_object(c))
			continue;
		v = json_object_getn(c, seg[0].p, seg[0].len);
		if (v != NULL)
			break;
	}
	for (s = 1; v != NULL && s < op->nseg; s++) {
		if (!json_is_object(v))
			v = NULL;
		else
			v = json_object_getn(v, seg[s].p, seg[s].len);
	}
	*rc = render_step(r, s);
	return v;
}

static enum err
render_section(struct render *r, const struct tmpl *t, uint32_t i,
    json_t *v)
{
	const struct op *op = &t->ops[i];
	size_t k, n;
	enum err rc = ERR_OK;

	if (render_truthy(v) == (op->kind == OP_INVERTED))
		goto out;
	if (r->nest >= LIMIT_TMPL_DEPTH) {
		rc = ERR_LIMIT;
		goto out;
	}
	r->nest++;
	if (op->kind == OP_INVERTED)
		rc = render_ops(r, t, i + 1, op->end);
	else if (json_is_array(v)) {
		n = json_array_size(v);
		for (k = 0; k < n && rc == ERR_OK; k++) {
			rc = render_step(r, 1);
			if (rc != ERR_OK)
				break;
			r->ctx[r->nctx++] = json_array_get(v, k);
			rc = render_ops(r, t, i + 1, op->end);
			r->nctx--;
		}
	} else {
		r->ctx[r->nctx++] = v;
		rc = render_ops(r, t, i + 1, op->end);
		r->nctx--;
	}
	r->nest--;
out:
	return rc;
}

/*
 * Render ops [begin, end) of t as an included piece: a partial, a parent
 * or a block.  A standalone tag indents every line of the piece by its
 * own blanks; an inline one starts a fresh, unindented context, as if the
 * piece's text were pasted in place of the tag.
 */
static enum err
render_piece(struct render *r, const struct op *op, const struct tmpl *t,
    uint32_t begin, uint32_t end, const struct frame *chain)
{
	const struct frame *oldchain = r->chain;
	size_t oldlen = r->ind.len, oldbase = r->ind_base;
	enum err rc = ERR_OK;

	if (r->calls >= LIMIT_TMPL_DEPTH) {
		rc = ERR_LIMIT;
		goto out;
	}
	if (op->flags & OPF_STANDALONE) {
		rc = buf_add(&r->ind, op->indent.p, op->indent.len);
		if (rc != ERR_OK)
			goto out;
		r->pending = 1;
	} else if (op->kind != OP_BLOCK) {
		rc = render_indent(r);
		if (rc != ERR_OK)
			goto out;
		r->ind_base = r->ind.len;
	}
	r->calls++;
	r->chain = chain;
	rc = render_ops(r, t, begin, end);
	r->chain = oldchain;
	r->calls--;
	r->ind.len = oldlen;
	r->ind_base = oldbase;
	if (op->kind != OP_BLOCK || (op->flags & OPF_STANDALONE))
		r->pending = (op->flags & OPF_BOL_AFTER) != 0;
out:
	return rc;
}

static enum err
render_partial(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct op *op = &t->ops[i];
	const struct tmpl *pt;
	struct frame f;
	enum err rc = ERR_OK;

	pt = tmpl_set_find(r->set, op->str.p, op->str.len, op->hash);
	if (pt == NULL)
		goto out;
	if (op->kind == OP_PARTIAL) {
		rc = render_piece(r, op, pt, 0, pt->nops, r->chain);
		goto out;
	}
	f.t = t;
	f.first = op->first;
	f.prev = r->chain;
	rc = render_piece(r, op, pt, 0, pt->nops, &f);
out:
	return rc;
}

/* A block site: the outermost override on the chain, or the default. */
static enum err
render_block(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct op *op = &t->ops[i], *o;
	const struct frame *f, *from = NULL;
	uint32_t k, found = 0;
	unsigned long n = 0;
	enum err rc;

	for (f = r->chain; f != NULL; f = f->prev) {
		for (k = f->first; k != 0; k = o->next) {
			o = &f->t->ops[k];
			n++;
			if (str_same(o->str, op->str)) {
				from = f;
				found = k;
				break;
			}
		}
	}
	rc = render_step(r, n);
	if (rc != ERR_OK)
		goto out;
	if (from == NULL)
		rc = render_piece(r, op, t, i + 1, op->end, r->chain);
	else
		rc = render_piece(r, op, from->t, found + 1,
		    from->t->ops[found].end, from->prev);
out:
	return rc;
}

static enum err
render_ops(struct render *r, const struct tmpl *t, uint32_t i, uint32_t end)
{
	const struct op *op;
	json_t *v;
	enum err rc = ERR_OK;

	while (i < end) {
		op = &t->ops[i];
		rc = render_step(r, 1);
		if (rc != ERR_OK)
			goto out;
		switch (op->kind) {
		case OP_TEXT:
			rc = render_text(r, op->str.p, op->str.len);
			i++;
			break;
		case OP_VAR:
		case OP_RAW:
			v = render_lookup(r, t, op, &rc);
			if (rc == ERR_OK)
				rc = render_value(r, v, op->kind == OP_VAR);
			i++;
			break;
		case OP_SECTION:
		case OP_INVERTED:
			v = render_lookup(r, t, op, &rc);
			if (rc == ERR_OK)
				rc = render_section(r, t, i, v);
			i = op->end;
			break;
		case OP_PARTIAL:
			rc = render_partial(r, t, i);
			i++;
			break;
		case OP_PARENT:
			rc = render_partial(r, t, i);
			i = op->end;
			break;
		case OP_BLOCK:
			rc = render_block(r, t, i);
			i = op->end;
			break;
		default:
			abort();
		}
		if (rc != ERR_OK)
			goto out;
	}
out:
	return rc;
}

enum err
tmpl_render(const struct tmpl_set *set, const char *name, json_t *data,
    struct buf *out)
{
	struct render r;
	const struct tmpl *t;
	size_t len, oldlen = out->len;
	enum err rc;

	assert(set != NULL && name != NULL && out != NULL);
	len = strlen(name);
	t = tmpl_set_find(set, name, len, hash_bytes(name, len));
	if (t == NULL)
		return ERR_NOTFOUND;
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	buf_init(&r.ind, out->max);
	r.pending = 1;
	r.ctx[0] = data;
	r.nctx = 1;
	rc = render_ops(&r, t, 0, t->nops);
	if (rc != ERR_OK)
		buf_truncate(out, oldlen);
	buf_free(&r.ind);
	return rc;
}
