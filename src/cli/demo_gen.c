/*
 * demo_gen: a deterministic generator of a fictional policy journal.  Every
 * piece of text is assembled from the word and phrase tables of
 * demo_words.c: a template such as "{A} {P} {O}." names tables by capital
 * letter, and each slot is replaced by a pick from its table, itself
 * expanded in turn.  The picks come from a private splitmix64 generator,
 * restarted from the seed at the start of each kind of record, so that
 * (for instance) the people do not change when only the number of
 * articles does.
 *
 * An article's tags follow from the topics and events its title and dek
 * name (demo_topic_tags, demo_event_tags), and a sentence or two of its
 * body compares it with a real country; its countries are then those
 * the gazetteer (util/gazetteer.c) finds in its text, as the article
 * editor would suggest them.  Those sentences draw from a stream of
 * their own (STREAM_TERMS), so every other word of the journal is what
 * it was before articles had tags.
 *
 * Invariant: output depends on (articles, seed, today) only, and today only
 * moves the dates (and so the volume numbers); all places, people, bodies
 * and publications named here are invented, but for the real countries
 * of demo_countries.  Slugs (util/slug.c) are unique within their kind,
 * kept in a hash set so that a million articles cost linear time.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "demo_gen.h"
#include "demo_words.h"

#define DEMO_PERSONS	30
#define DEMO_PUBS	40
#define DEMO_EVENTS	10
#define DEMO_PER_ISSUE	12	/* articles per issue while issues last */
#define DEMO_ISSUES_MAX	260	/* ten years of fortnights */
#define DEMO_TEXT_MAX	LIMIT_BODY_MD
#define DEMO_TAGS_MAX	4	/* tags an article gets */
#define DEMO_PICKS	64	/* topics and events noted per article */
#define DEMO_CODES_MAX	8	/* countries an article gets */
#define PARA_WORDS_MAX	140	/* a body paragraph's words */
#define TEXT_MARKUP	0x1	/* slots may get *emphasis* or **bold** */

enum stream {
	STREAM_SITE = 1,
	STREAM_PEOPLE,
	STREAM_ISSUES,
	STREAM_ARTICLES,
	STREAM_PUBS,
	STREAM_LINKS,
	STREAM_EVENTS,
	STREAM_TERMS
};

struct rng {
	uint64_t	 s;
};

/* A claimed slug; its copy lives in the generator's arena. */
struct slugent {
	struct hnode	 node;
	unsigned long	 next;	/* next -N suffix to try for this base */
	size_t		 len;
	char		 key[];
};

/* Keys come from our own tables, not a client: hash_bytes, unbounded. */
struct slugset {
	struct htab	 tab;
};

_Static_assert(DEMO_SENTENCES_MAX <= 64, "a bit per sentence in used");

struct gen {
	enum err	(*emit)(void *, const char *, json_t *);
	void		*ctx;
	unsigned long	 seed;
	struct rng	 rng;
	struct rng	 terms;		/* the country sentences' picks */
	enum err	 rc;		/* first buffer error, sticky */
	size_t		 last[26];	/* last pick per table */
	uint64_t	 used;		/* sentences used in this body */
	size_t		 nused;
	const char	*site;		/* site name */
	const char	*who;		/* surname for the {I} slot */
	const char	*country;	/* for the {H} slot */
	struct {
		char		 slot;	/* 'T' or 'E' */
		unsigned char	 i;	/* index in its table */
	}		 pick[DEMO_PICKS];	/* this article's, in order */
	size_t		 npick;
	unsigned	 country_weight[DEMO_NCOUNTRIES];
	size_t		 country_last;	/* this body's last country */
	const char	*frame_last;	/* and its sentence */
	int64_t		 today;		/* days since 1970-01-01 */
	int64_t		 newest;	/* date of the newest issue */
	long		 articles;
	long		 nissues;
	long		*count;		/* articles per issue, [0] oldest */
	struct arena	*arena;		/* slugs and names */
	struct slugset	 art_slugs;
	struct slugset	 person_slugs;
	const char	*person[DEMO_PERSONS];		/* slugs */
	const char	*person_name[DEMO_PERSONS];
	size_t		 nstaff;
	size_t		 staff_idx[DEMO_PERSONS];
	struct buf	 title, dek, body, slug, tmp;
};

/*
 * splitmix64 (Steele, Lea and Flood): tiny, fast and good enough for
 * picking words; each stream is a different starting point.
 */
static void
rng_init(struct rng *r, unsigned long seed, enum stream st)
{
	r->s = (uint64_t)seed ^ ((uint64_t)st * UINT64_C(0xd1342543de82ef95));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	r->s += UINT64_C(0x9e3779b97f4a7c15);
	z = r->s;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0. */
static size_t
rng_below(struct rng *r, size_t n)
{
	assert(n > 0 && n <= UINT32_MAX);
	return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static long
rng_range(struct rng *r, long lo, long hi)
{
	assert(lo <= hi);
	return lo + (long)rng_below(r, (size_t)(hi - lo) + 1);
}

/* True pct times in 100. */
static int
rng_chance(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

/* Shuffle n indices (Fisher-Yates). */
static void
rng_shuffle(struct rng *r, size_t *v, size_t n)
{
	size_t i, j, t;

	for (i = n; i > 1; i--) {
		j = rng_below(r, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Index into a table of weights, drawn in proportion to them. */
static size_t
rng_weighted(struct rng *rng, const unsigned *w, size_t n)
{
	size_t i;
	unsigned total = 0, r;

	for (i = 0; i < n; i++)
		total += w[i];
	r = (unsigned)rng_below(rng, total);
	for (i = 0; i + 1 < n && r >= w[i]; i++)
		r -= w[i];
	return i;
}

/* 0 Sunday .. 6 Saturday; 1970-01-01 was a Thursday. */
static int
date_weekday(int64_t days)
{
	return (int)(((days % 7) + 11) % 7);
}

static int64_t
date_year(int64_t days)
{
	int64_t y;
	int m, d;

	time_civil(days, &y, &m, &d);
	return y;
}

/* Strictly "YYYY-MM-DD", a real date, in the years we can write. */
static enum err
date_parse(const char *s, int64_t *days)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	enum err rc = ERR_PARSE;
	int y, m, d, i, leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto out;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			goto out;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		goto out;
	rc = ERR_INVAL;
	if (y < DEMO_YEAR_MIN || y > DEMO_YEAR_MAX)
		goto out;
	*days = time_days(y, m, d);
	rc = ERR_OK;
out:
	return rc;
}

/*
 * Text buffers.  Errors are sticky in g->rc, so that text is assembled
 * without a check per word; each record checks g->rc before it is built.
 */
static void
text_put(struct gen *g, struct buf *b, const char *s, size_t n)
{
	enum err rc;

	if (g->rc != ERR_OK)
		return;
	rc = buf_add(b, s, n);
	if (rc != ERR_OK)
		g->rc = rc;
}

static void
text_puts(struct gen *g, struct buf *b, const char *s)
{
	text_put(g, b, s, strlen(s));
}

static void
text_putl(struct gen *g, struct buf *b, long v)
{
	char num[24];
	int n;

	n = snprintf(num, sizeof(num), "%ld", v);
	assert(n > 0 && (size_t)n < sizeof(num));
	text_put(g, b, num, (size_t)n);
}

static void
text_reset(struct gen *g)
{
	buf_reset(&g->title);
	buf_reset(&g->dek);
	buf_reset(&g->body);
	buf_reset(&g->slug);
	buf_reset(&g->tmp);
}

static void
text_upper(char *c)
{
	if (*c >= 'a' && *c <= 'z')
		*c = (char)(*c - 'a' + 'A');
}

/* Capitalise the sentence starting at offset at (past any markup). */
static void
text_capitalize(struct buf *b, size_t at)
{
	size_t i;

	for (i = at; i < b->len && (b->p[i] == '*' || b->p[i] == '['); i++)
		continue;
	if (i < b->len)
		text_upper(&b->p[i]);
}

static int
word_is_small(const char *w, size_t n)
{
	static const char *const small[] = {
		"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor",
		"of", "on", "or", "the", "to", "vs",
	};
	size_t i;

	for (i = 0; i < nitems(small); i++)
		if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0)
			return 1;
	return 0;
}

/*
 * Headline style from offset at: capitalise every word but the small ones,
 * and every word starting the title or following a colon; and the parts
 * of hyphenated words.  Proper names are capitalised already.
 */
static void
text_titlecase(struct buf *b, size_t at)
{
	size_t i, w, k;
	int first = 1;

	for (i = at; i < b->len; ) {
		while (i < b->len && b->p[i] == ' ')
			i++;
		w = i;
		while (i < b->len && b->p[i] != ' ')
			i++;
		if (w == i)
			break;
		if (first || !word_is_small(b->p + w, i - w))
			text_upper(&b->p[w]);
		for (k = w; k + 1 < i; k++)
			if (b->p[k] == '-')
				text_upper(&b->p[k + 1]);
		first = b->p[i - 1] == ':' || b->p[i - 1] == '?';
	}
}

/* Turn a just-written "a " into "an " if next starts with a vowel. */
static void
text_article_fix(struct gen *g, struct buf *b, const char *next)
{
	size_t n = b->len;

	if (next[0] == '\0' || strchr("aeiouAEIOU", next[0]) == NULL)
		return;
	if (n < 2 || b->p[n - 1] != ' ' ||
	    (b->p[n - 2] != 'a' && b->p[n - 2] != 'A'))
		return;
	if (n > 2 && b->p[n - 3] != ' ' && b->p[n - 3] != '\n')
		return;
	buf_truncate(b, n - 1);
	text_put(g, b, "n ", 2);
}

static void	text_expand(struct gen *, struct buf *, const char *, int);

/* One slot: a pick from table c, expanded, or a computed value. */
static void
text_slot(struct gen *g, struct buf *b, char c, int flags)
{
	const struct demo_words *w;
	const char *mark = NULL, *s;
	size_t i;

	switch (c) {
	case 'H':
		text_puts(g, b, g->country);
		return;
	case 'I':
		text_puts(g, b, g->who);
		return;
	case 'N':
		text_putl(g, b, rng_range(&g->rng, 3, 60));
		return;
	case 'U':
		text_putl(g, b, rng_range(&g->rng, 100, 9999));
		return;
	case 'Z':
		text_puts(g, b, g->site);
		return;
	default:
		break;
	}
	assert(c >= 'A' && c <= 'Z');
	w = &demo_slots[c - 'A'];
	assert(w->n > 1);
	/* No word twice in a row: "{R} and {R}" names two regions. */
	i = rng_below(&g->rng, w->n);
	if (i == g->last[c - 'A'])
		i = (i + 1) % w->n;
	g->last[c - 'A'] = i;
	if ((c == 'T' || c == 'E') && g->npick < DEMO_PICKS) {
		g->pick[g->npick].slot = c;
		g->pick[g->npick++].i = (unsigned char)i;
	}
	s = w->v[i];
	if (flags & TEXT_MARKUP) {
		if (c == 'T' && rng_below(&g->rng, 40) == 0)
			mark = "*";
		else if (c == 'O' && rng_below(&g->rng, 80) == 0)
			mark = "**";
	}
	text_article_fix(g, b, s);
	if (mark != NULL)
		text_puts(g, b, mark);
	text_expand(g, b, s, flags);
	if (mark != NULL)
		text_puts(g, b, mark);
}

/* Append template tpl with its {X} slots filled. */
static void
text_expand(struct gen *g, struct buf *b, const char *tpl, int flags)
{
	const char *p, *q;

	for (p = tpl; *p != '\0'; p = q + 3) {
		q = strchr(p, '{');
		if (q == NULL) {
			text_puts(g, b, p);
			break;
		}
		text_put(g, b, p, (size_t)(q - p));
		assert(q[1] >= 'A' && q[1] <= 'Z' && q[2] == '}');
		text_slot(g, b, q[1], flags);
	}
}

/* Expand a random template of the table; returns where it started. */
static size_t
text_pick(struct gen *g, struct buf *b, const struct demo_words *w,
    int flags)
{
	size_t at = b->len;

	text_expand(g, b, w->v[rng_below(&g->rng, w->n)], flags);
	return at;
}

static size_t
text_words(const char *s, size_t n)
{
	size_t i, w = 1;

	for (i = 0; i < n; i++)
		if (s[i] == ' ')
			w++;
	return w;
}

/*
 * A body sentence not used yet in this body; once most have been, any
 * again.  Readers notice a sentence twice in a paragraph.
 */
static void
text_sentence(struct gen *g, struct buf *b)
{
	size_t i;

	i = rng_below(&g->rng, demo_sentences.n);
	while (g->used & (UINT64_C(1) << i))
		i = (i + 1) % demo_sentences.n;
	g->used |= UINT64_C(1) << i;
	if (++g->nused + 4 >= demo_sentences.n) {
		g->used = 0;
		g->nused = 0;
	}
	text_expand(g, b, demo_sentences.v[i], TEXT_MARKUP);
}

/*
 * One paragraph of 60 to 140 words, counting the lead-in to a list that
 * may end it; if link is set, its second sentence carries a link.
 */
static void
text_paragraph(struct gen *g, struct buf *b, const char *leadin, int link)
{
	size_t mark, at, words = 0, w, target, max = PARA_WORDS_MAX;
	int i;

	if (leadin != NULL)
		max -= text_words(leadin, strlen(leadin));
	target = (size_t)rng_range(&g->rng, 60, (long)max);
	for (i = 0; g->rc == ERR_OK; i++) {
		mark = b->len;
		if (i > 0)
			text_put(g, b, " ", 1);
		at = b->len;
		if (link && i == 1)
			text_pick(g, b, &demo_link_sentences, TEXT_MARKUP);
		else
			text_sentence(g, b);
		if (g->rc != ERR_OK)
			break;
		text_capitalize(b, at);
		w = text_words(b->p + at, b->len - at);
		if (words >= 60 && words + w > max) {
			buf_truncate(b, mark);
			break;
		}
		words += w;
		if (words >= target)
			break;
	}
	if (leadin != NULL) {
		text_put(g, b, " ", 1);
		text_puts(g, b, leadin);
	}
}

/*
 * A sentence comparing with a real country into b, drawn from the terms
 * stream: its name or (one in three) its adjective.  A body's second
 * names another country in another sentence.
 */
static void
text_country(struct gen *g, struct buf *b)
{
	const struct demo_country *c;
	const struct demo_words *w;
	size_t k, f;

	k = rng_weighted(&g->terms, g->country_weight, DEMO_NCOUNTRIES);
	if (k == g->country_last)
		k = (k + 1) % DEMO_NCOUNTRIES;
	g->country_last = k;
	c = &demo_countries[k];
	w = &demo_country_names;
	g->country = c->name;
	if (rng_chance(&g->terms, 33)) {
		w = &demo_country_adjectives;
		g->country = c->adjective;
	}
	f = rng_below(&g->terms, w->n);
	if (w->v[f] == g->frame_last)
		f = (f + 1) % w->n;
	g->frame_last = w->v[f];
	text_expand(g, b, w->v[f], 0);
}

/*
 * The paragraphs (a bit each) that end with a country's sentence: none
 * in one article of five, one in half, two in the rest; never the one
 * that leads into the list.
 */
static uint64_t
text_country_paragraphs(struct gen *g, long npara, long list)
{
	uint64_t at = 0;
	long k, n, i;

	k = rng_below(&g->terms, 10);
	n = k < 2 ? 0 : k < 7 ? 1 : 2;
	while (n > 0) {
		i = rng_range(&g->terms, 0, npara - 1);
		if (i == list || (at & (UINT64_C(1) << i)))
			continue;
		at |= UINT64_C(1) << i;
		n--;
	}
	return at;
}

/*
 * An article body: 4 to 9 paragraphs, sometimes one or two "## "
 * subheadings, sometimes a bulleted list, occasionally a link; and
 * (text_country_paragraphs) a sentence on a country at the end of one
 * or two, where it keeps the paragraph within PARA_WORDS_MAX words.
 */
static void
text_body(struct gen *g, struct buf *b)
{
	long npara, i, j, nitem, head1 = -1, head2 = -1, list = -1, link = -1;
	uint64_t countries;
	size_t at, para;

	g->used = 0;
	g->nused = 0;
	npara = rng_range(&g->rng, 4, 9);
	if (rng_chance(&g->rng, 45)) {
		head1 = rng_range(&g->rng, 2, npara - 1);
		if (head1 + 2 < npara && rng_chance(&g->rng, 40))
			head2 = head1 + 2;
	}
	if (rng_chance(&g->rng, 30))
		list = rng_range(&g->rng, 0, npara - 2);
	if (rng_chance(&g->rng, 25))
		link = rng_range(&g->rng, 0, npara - 1);
	countries = text_country_paragraphs(g, npara, list);
	g->country_last = DEMO_NCOUNTRIES;
	g->frame_last = NULL;
	for (i = 0; i < npara; i++) {
		if (i > 0)
			text_puts(g, b, "\n\n");
		if (i == head1 || i == head2) {
			text_puts(g, b, "## ");
			at = text_pick(g, b, &demo_headings, 0);
			text_titlecase(b, at);
			text_puts(g, b, "\n\n");
		}
		para = b->len;
		text_paragraph(g, b, i == list ? demo_list_leads.v[rng_below(
		    &g->rng, demo_list_leads.n)] : NULL, i == link);
		if (countries & (UINT64_C(1) << i)) {
			buf_reset(&g->tmp);
			text_country(g, &g->tmp);
			if (g->rc == ERR_OK && text_words(b->p + para,
			    b->len - para) + text_words(g->tmp.p,
			    g->tmp.len) <= PARA_WORDS_MAX) {
				text_put(g, b, " ", 1);
				text_put(g, b, g->tmp.p, g->tmp.len);
			}
		}
		if (i != list)
			continue;
		nitem = rng_range(&g->rng, 3, 5);
		for (j = 0; j < nitem; j++) {
			text_puts(g, b, j == 0 ? "\n\n- " : "\n- ");
			at = text_pick(g, b, &demo_list_items, 0);
			text_capitalize(b, at);
		}
	}
	text_puts(g, b, "\n");
}

static void
slugset_init(struct slugset *set)
{
	htab_init(&set->tab, 1024, (size_t)1 << 24, 0);
}

static void
slugset_free(struct slugset *set)
{
	htab_free(&set->tab);
}

static int
slugent_eq(const struct hnode *n, const void *key)
{
	const struct slugent *e = container_of(n, struct slugent, node);
	const struct str *k = key;

	return e->len == k->len && memcmp(e->key, k->p, k->len) == 0;
}

/* The entry of a slug, or NULL. */
static struct slugent *
slugset_get(const struct slugset *set, const char *key, size_t len)
{
	struct str k = { key, len };
	struct hnode *n;

	n = htab_find(&set->tab, hash_bytes(key, len), slugent_eq, &k);
	return n != NULL ? container_of(n, struct slugent, node) : NULL;
}

static int
slugset_taken(void *set, const char *key, size_t len)
{
	return slugset_get(set, key, len) != NULL;
}

/*
 * Make the slug in b unique within set by appending -2, -3 ... and record
 * it.  Each base remembers its next suffix, so that many titles alike cost
 * one probe each, not one per earlier twin.
 */
static void
slugset_claim(struct gen *g, struct slugset *set, struct buf *b)
{
	struct slugent *e;

	if (g->rc != ERR_OK)
		return;
	e = slugset_get(set, b->p, b->len);
	if (e != NULL && (g->rc = slug_claim(b, &e->next, slugset_taken,
	    set)) != ERR_OK)
		return;
	e = arena_alloc(g->arena, sizeof(*e) + b->len + 1);
	memcpy(e->key, b->p, b->len + 1);
	e->len = b->len;
	e->next = 2;
	htab_insert(&set->tab, &e->node, hash_bytes(b->p, b->len));
}

/* The slug of text s into b; errors are sticky in g->rc. */
static void
gen_slug(struct gen *g, struct buf *b, const char *s)
{
	if (g->rc == ERR_OK)
		g->rc = slug_make(b, s, strlen(s));
}

/* Hand rec to the callback and release it. */
static enum err
gen_emit(struct gen *g, const char *kind, json_t *rec)
{
	enum err rc;

	/* Only out-of-memory or invalid UTF-8 in the tables get here. */
	if (rec == NULL)
		fatalx("demo_generate: cannot build a %s record", kind);
	rc = g->emit(g->ctx, kind, rec);
	json_decref(rec);
	return rc;
}

/* The date of issue number n (1 the oldest). */
static int64_t
gen_issue_day(const struct gen *g, long n)
{
	return g->newest - 14 * (int64_t)(g->nissues - n);
}

static enum err
gen_site(struct gen *g)
{
	size_t i, first = 0;
	enum err rc;

	rng_init(&g->rng, g->seed, STREAM_SITE);
	g->site = demo_site_names.v[rng_below(&g->rng,
	    demo_site_names.n)];
	text_reset(g);
	text_pick(g, &g->title, &demo_taglines, 0);
	for (i = 0; i < demo_about.n; i++) {
		if (i > 0)
			text_puts(g, &g->body, "\n\n");
		text_expand(g, &g->body, demo_about.v[i], 0);
		if (i == 0)
			first = g->body.len;
	}
	text_puts(g, &g->body, "\n");
	rc = g->rc;
	if (rc != ERR_OK)
		goto out;
	/* The sidebar's blurb: the about text's first paragraph. */
	rc = gen_emit(g, "site", json_pack("{s:s, s:s, s:s, s:s#, s:s, s:s,"
	    " s:s}",
	    "name", g->site,
	    "tagline", g->title.p,
	    "about", g->body.p,
	    "about_blurb", g->body.p, first,
	    "base_url", "http://127.0.0.1:8080",
	    "language", "en",
	    "frequency", "biweekly"));
out:
	return rc;
}

static enum err
gen_sections(struct gen *g)
{
	enum err rc = ERR_OK;
	size_t i;

	for (i = 0; i < DEMO_NSECTIONS && rc == ERR_OK; i++)
		rc = gen_emit(g, "section", json_pack("{s:s, s:s, s:s, s:i}",
		    "slug", demo_sections[i].slug,
		    "name", demo_sections[i].name,
		    "description", demo_sections[i].description,
		    "position", (int)i + 1));
	return rc;
}

static enum err
gen_pub_types(struct gen *g)
{
	enum err rc = ERR_OK;
	size_t i;

	for (i = 0; i < DEMO_NPUB_TYPES && rc == ERR_OK; i++)
		rc = gen_emit(g, "pub_type", json_pack("{s:s, s:s, s:i}",
		    "slug", demo_pub_types[i].slug,
		    "name", demo_pub_types[i].name,
		    "position", (int)i + 1));
	return rc;
}

/* Draw a name whose slug is not taken yet (a few tries, then -2). */
static void
gen_person_name(struct gen *g, char *name, size_t namesz, char *surname,
    size_t surnamesz)
{
	int tries, n;

	for (tries = 0; tries < 8 && g->rc == ERR_OK; tries++) {
		n = snprintf(surname, surnamesz, "%s%s",
		    demo_surname_heads.v[rng_below(&g->rng,
		    demo_surname_heads.n)],
		    demo_surname_tails.v[rng_below(&g->rng,
		    demo_surname_tails.n)]);
		assert(n > 0 && (size_t)n < surnamesz);
		n = snprintf(name, namesz, "%s %s",
		    demo_first_names.v[rng_below(&g->rng, demo_first_names.n)],
		    surname);
		assert(n > 0 && (size_t)n < namesz);
		gen_slug(g, &g->slug, name);
		if (g->rc != ERR_OK)
			break;
		if (slugset_get(&g->person_slugs, g->slug.p,
		    g->slug.len) == NULL)
			break;
	}
}

static enum err
gen_people(struct gen *g)
{
	char name[128], surname[64];
	const char *affil;
	size_t i, at;
	int staff;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_PEOPLE);
	for (i = 0; i < DEMO_PERSONS && rc == ERR_OK; i++) {
		staff = i % 5 < 2;	/* 12 of 30, spread out */
		text_reset(g);
		gen_person_name(g, name, sizeof(name), surname,
		    sizeof(surname));
		slugset_claim(g, &g->person_slugs, &g->slug);
		if (staff)
			text_puts(g, &g->tmp, g->site);
		else
			text_pick(g, &g->tmp, &demo_affiliations, 0);
		g->who = surname;
		text_puts(g, &g->body, "**");
		text_puts(g, &g->body, name);
		text_puts(g, &g->body, "** is a ");
		text_expand(g, &g->body, staff ? "{L} at " : "{K} at ", 0);
		if (g->rc == ERR_OK)
			text_put(g, &g->body, g->tmp.p, g->tmp.len);
		if (staff)
			text_pick(g, &g->body, &demo_bio_staff, TEXT_MARKUP);
		else
			text_pick(g, &g->body, &demo_bio_contrib, TEXT_MARKUP);
		if (rng_chance(&g->rng, 60)) {
			text_puts(g, &g->body, " ");
			if (staff)
				at = text_pick(g, &g->body,
				    &demo_bio_staff_more, TEXT_MARKUP);
			else
				at = text_pick(g, &g->body,
				    &demo_bio_contrib_more, TEXT_MARKUP);
			text_capitalize(&g->body, at);
		}
		rc = g->rc;
		if (rc != ERR_OK)
			break;
		affil = g->tmp.p;
		if (strncmp(affil, "the ", 4) == 0)
			affil += 4;
		g->person[i] = arena_strndup(g->arena, g->slug.p, g->slug.len);
		g->person_name[i] = arena_strdup(g->arena, name);
		if (staff)
			g->staff_idx[g->nstaff++] = i;
		rc = gen_emit(g, "person", json_pack(
		    "{s:s, s:s, s:s, s:s, s:b}",
		    "slug", g->person[i],
		    "name", name,
		    "bio", g->body.p,
		    "affiliation", affil,
		    "staff", staff));
	}
	return rc;
}

/*
 * About DEMO_PER_ISSUE articles an issue, at most DEMO_ISSUES_MAX issues;
 * issue sizes vary by up to a quarter around the mean.  The newest issue
 * is dated the last Wednesday on or before today.
 */
static enum err
gen_issues(struct gen *g)
{
	char date[TIME_ISO_LEN];
	long k, n, base, spread, m;
	size_t j, at;
	int64_t day, first_year;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_ISSUES);
	k = (g->articles + DEMO_PER_ISSUE / 2) / DEMO_PER_ISSUE;
	if (k < 1)
		k = 1;
	if (k > DEMO_ISSUES_MAX)
		k = DEMO_ISSUES_MAX;
	g->nissues = k;
	g->count = xcalloc((size_t)k, sizeof(*g->count));
	base = g->articles / k;
	for (n = 0; n < k; n++)
		g->count[n] = base + (n < g->articles % k);
	spread = base / 4;
	for (n = 0; n < k && spread > 0; n++) {
		j = rng_below(&g->rng, (size_t)k);
		m = rng_range(&g->rng, 0, spread);
		if ((long)j != n && g->count[j] - m >= 1) {
			g->count[j] -= m;
			g->count[n] += m;
		}
	}
	g->newest = g->today - (date_weekday(g->today) + 7 - 3) % 7;
	first_year = date_year(gen_issue_day(g, 1));
	for (n = 1; n <= k && rc == ERR_OK; n++) {
		day = gen_issue_day(g, n);
		time_iso(day * 86400, TIME_ISO_DATE, date);
		text_reset(g);
		text_puts(g, &g->title, "Issue ");
		text_putl(g, &g->title, n);
		text_puts(g, &g->title, ": ");
		at = text_pick(g, &g->title, &demo_themes, 0);
		text_titlecase(&g->title, at);
		rc = g->rc;
		if (rc != ERR_OK)
			break;
		rc = gen_emit(g, "issue", json_pack("{s:i, s:i, s:s, s:s}",
		    "number", (int)n,
		    "volume", (int)(date_year(day) - first_year + 1),
		    "date", date,
		    "title", g->title.p));
	}
	return rc;
}

/*
 * The article's tags: those of the topics and events its title and dek
 * named (g->pick[0, ndek)), in that order, at most DEMO_TAGS_MAX; the
 * body's first ones when those give fewer than two.
 */
static json_t *
gen_tags(const struct gen *g, size_t ndek)
{
	const char *const *t;
	json_t *tags = json_array(), *it;
	size_t i, k, j;
	int have;

	for (i = 0; i < g->npick && json_array_size(tags) < DEMO_TAGS_MAX;
	    i++) {
		if (i >= ndek && json_array_size(tags) >= 2)
			break;
		t = g->pick[i].slot == 'T' ? demo_topic_tags[g->pick[i].i] :
		    demo_event_tags[g->pick[i].i];
		for (k = 0; k < 2 && t[k] != NULL &&
		    json_array_size(tags) < DEMO_TAGS_MAX; k++) {
			have = 0;
			json_array_foreach(tags, j, it)
				have |= strcmp(json_string_value(it),
				    t[k]) == 0;
			if (!have)
				json_array_append_new(tags, json_string(t[k]));
		}
	}
	return tags;
}

/* The countries the gazetteer finds in the article's text, in order. */
static json_t *
gen_countries(const struct gen *g)
{
	const struct buf *part[] = { &g->title, &g->dek, &g->body };
	char codes[DEMO_CODES_MAX][3];
	size_t i, k, n = 0;
	json_t *out = json_array();

	for (i = 0; i < nitems(part); i++)
		n += gazetteer_match(part[i]->p, part[i]->len, codes + n,
		    DEMO_CODES_MAX - n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(codes[k], codes[i]) == 0)
				break;
		if (k == i)
			json_array_append_new(out, json_string(codes[i]));
	}
	return out;
}

/*
 * One article at position pos of issue n, dated day.  Older issues have
 * had more time to be read.
 */
static enum err
gen_article(struct gen *g, const struct demo_section *sec, long n, long pos,
    int64_t day)
{
	char when[TIME_ISO_LEN];
	json_t *authors;
	const size_t *pool = NULL;
	size_t npool, a, b, at;
	long age, mean, reads;
	size_t ndek;
	enum err rc;

	text_reset(g);
	g->npick = 0;
	text_pick(g, &g->title, &sec->titles, 0);
	text_titlecase(&g->title, 0);
	rc = g->rc;
	if (rc != ERR_OK)
		goto out;
	gen_slug(g, &g->slug, g->title.p);
	slugset_claim(g, &g->art_slugs, &g->slug);
	at = text_pick(g, &g->dek, &sec->deks, 0);
	text_capitalize(&g->dek, at);
	ndek = g->npick;
	text_body(g, &g->body);
	rc = g->rc;
	if (rc != ERR_OK)
		goto out;

	npool = DEMO_PERSONS;
	if (sec->staff_only) {
		pool = g->staff_idx;
		npool = g->nstaff;
	}
	authors = json_array();
	a = rng_below(&g->rng, npool);
	json_array_append_new(authors,
	    json_string(g->person[pool != NULL ? pool[a] : a]));
	if (rng_chance(&g->rng, 15)) {
		b = (a + 1 + rng_below(&g->rng, npool - 1)) % npool;
		json_array_append_new(authors,
		    json_string(g->person[pool != NULL ? pool[b] : b]));
	}

	age = g->nissues - n;
	mean = 150 + 3000 * age / (g->nissues > 1 ? g->nissues - 1 : 1);
	reads = mean * rng_range(&g->rng, 40, 140) / 100 +
	    (long)rng_below(&g->rng, 50);
	if (reads > 5000)
		reads = 5000;
	time_iso(day * 86400 + 9 * 3600 + pos * 60, TIME_ISO_SECONDS, when);
	/*
	 * The body is most of the bytes; it is UTF-8 by construction (our
	 * tables, cut only between sentences), so jansson need not check it
	 * again.  The unit test does.
	 */
	rc = gen_emit(g, "article", json_pack(
	    "{s:s, s:s, s:s, s:o, s:s, s:i, s:i, s:s, s:o, s:i, s:o, s:o}",
	    "slug", g->slug.p,
	    "title", g->title.p,
	    "dek", g->dek.p,
	    "body", json_stringn_nocheck(g->body.p, g->body.len),
	    "section", sec->slug,
	    "issue", (int)n,
	    "position", (int)pos,
	    "published_at", when,
	    "authors", authors,
	    "reads", (int)reads,
	    "tags", gen_tags(g, ndek),
	    "countries", gen_countries(g)));
out:
	return rc;
}

/* Issue by issue, oldest first; in an issue, by section, then drawn. */
static enum err
gen_articles(struct gen *g)
{
	unsigned weights[DEMO_NSECTIONS];
	long per[DEMO_NSECTIONS], n, i, pos;
	size_t s;
	int64_t day;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_ARTICLES);
	rng_init(&g->terms, g->seed, STREAM_TERMS);
	for (s = 0; s < DEMO_NCOUNTRIES; s++)
		g->country_weight[s] = demo_countries[s].weight;
	for (s = 0; s < DEMO_NSECTIONS; s++)
		weights[s] = demo_sections[s].weight;
	for (n = 1; n <= g->nissues && rc == ERR_OK; n++) {
		day = gen_issue_day(g, n);
		memset(per, 0, sizeof(per));
		for (i = 0; i < g->count[n - 1]; i++)
			per[rng_weighted(&g->rng, weights, DEMO_NSECTIONS)]++;
		pos = 0;
		for (s = 0; s < DEMO_NSECTIONS && rc == ERR_OK; s++)
			for (i = 0; i < per[s] && rc == ERR_OK; i++)
				rc = gen_article(g, &demo_sections[s], n, ++pos,
				    day);
	}
	return rc;
}

static void
sort_desc(int64_t *v, size_t n)
{
	size_t i, j;
	int64_t t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] < v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/* Staff publications of the last two years, newest first. */
static enum err
gen_publications(struct gen *g)
{
	unsigned weights[DEMO_NPUB_TYPES];
	size_t types[DEMO_PUBS], who[DEMO_PERSONS], i, k, nauth, at;
	int64_t days[DEMO_PUBS];
	char date[TIME_ISO_LEN];
	json_t *authors;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_PUBS);
	for (i = 0; i < DEMO_NPUB_TYPES; i++)
		weights[i] = demo_pub_types[i].weight;
	for (i = 0; i < DEMO_PUBS; i++) {
		types[i] = i < DEMO_NPUB_TYPES ? i :
		    rng_weighted(&g->rng, weights, DEMO_NPUB_TYPES);
		days[i] = g->today - rng_range(&g->rng, 1, 730);
	}
	rng_shuffle(&g->rng, types, DEMO_PUBS);
	sort_desc(days, DEMO_PUBS);
	for (i = 0; i < DEMO_PUBS && rc == ERR_OK; i++) {
		k = types[i];
		text_reset(g);
		text_pick(g, &g->title, &demo_pub_types[k].titles, 0);
		text_titlecase(&g->title, 0);
		at = text_pick(g, &g->dek, &demo_pub_types[k].sums, 0);
		text_capitalize(&g->dek, at);
		text_puts(g, &g->tmp, "https://example.org/pub/");
		text_putl(g, &g->tmp, (long)i + 1);
		rc = g->rc;
		if (rc != ERR_OK)
			break;
		time_iso(days[i] * 86400, TIME_ISO_DATE, date);
		memcpy(who, g->staff_idx, g->nstaff * sizeof(*who));
		rng_shuffle(&g->rng, who, g->nstaff);
		at = rng_below(&g->rng, 10);
		nauth = at < 6 ? 1 : at < 9 ? 2 : 3;
		authors = json_array();
		for (at = 0; at < nauth; at++)
			json_array_append_new(authors,
			    json_string(g->person[who[at]]));
		rc = gen_emit(g, "publication", json_pack(
		    "{s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
		    "type", demo_pub_types[k].slug,
		    "title", g->title.p,
		    "venue", demo_pub_types[k].venues.v[rng_below(&g->rng,
			demo_pub_types[k].venues.n)],
		    "date", date,
		    "url", g->tmp.p,
		    "summary", g->dek.p,
		    "authors", authors));
	}
	return rc;
}

static enum err
gen_links(struct gen *g)
{
	size_t order[DEMO_NLINKS], i, n;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_LINKS);
	for (i = 0; i < DEMO_NLINKS; i++)
		order[i] = i;
	rng_shuffle(&g->rng, order, DEMO_NLINKS);
	n = 5 + rng_below(&g->rng, 2);
	for (i = 0; i < n && rc == ERR_OK; i++)
		rc = gen_emit(g, "link", json_pack("{s:s, s:s, s:s, s:i}",
		    "name", demo_links[order[i]].name,
		    "url", demo_links[order[i]].url,
		    "description", demo_links[order[i]].description,
		    "position", (int)i + 1));
	return rc;
}

/*
 * Events: half of them 3 to 270 days before today, half 2 to 180 days
 * after, in date order.  One in five runs over two days.
 */
static enum err
gen_events(struct gen *g)
{
	static const int hours[] = { 9, 10, 14, 16, 18 };
	int64_t start[DEMO_EVENTS], end[DEMO_EVENTS], day, t;
	char from[TIME_ISO_LEN], to[TIME_ISO_LEN];
	size_t i, j, at;
	enum err rc = ERR_OK;

	rng_init(&g->rng, g->seed, STREAM_EVENTS);
	for (i = 0; i < DEMO_EVENTS; i++) {
		if (i < DEMO_EVENTS / 2)
			day = g->today - rng_range(&g->rng, 3, 270);
		else
			day = g->today + rng_range(&g->rng, 2, 180);
		if (rng_chance(&g->rng, 20)) {
			start[i] = day * 86400 + 9 * 3600;
			end[i] = (day + 1) * 86400 + 17 * 3600;
		} else {
			start[i] = day * 86400 +
			    hours[rng_below(&g->rng, nitems(hours))] * 3600 +
			    (int64_t)rng_below(&g->rng, 2) * 1800;
			end[i] = start[i] + rng_range(&g->rng, 2, 4) * 1800;
		}
	}
	for (i = 1; i < DEMO_EVENTS; i++)
		for (j = i; j > 0 && start[j - 1] > start[j]; j--) {
			t = start[j];
			start[j] = start[j - 1];
			start[j - 1] = t;
			t = end[j];
			end[j] = end[j - 1];
			end[j - 1] = t;
		}
	for (i = 0; i < DEMO_EVENTS && rc == ERR_OK; i++) {
		text_reset(g);
		at = text_pick(g, &g->title, &demo_event_titles, 0);
		text_titlecase(&g->title, at);
		text_pick(g, &g->tmp, &demo_event_places, 0);
		text_puts(g, &g->body, g->person_name[g->staff_idx[
		    rng_below(&g->rng, g->nstaff)]]);
		text_expand(g, &g->body, " and guests discuss {T} in {R}, and "
		    "what {A} {M} {V} next.", 0);
		if (rng_chance(&g->rng, 50)) {
			text_puts(g, &g->body, " ");
			text_pick(g, &g->body, &demo_event_more, 0);
		}
		text_puts(g, &g->slug, "https://example.org/events/");
		text_putl(g, &g->slug, (long)i + 1);
		rc = g->rc;
		if (rc != ERR_OK)
			break;
		time_iso(start[i], TIME_ISO_SECONDS, from);
		time_iso(end[i], TIME_ISO_SECONDS, to);
		rc = gen_emit(g, "event", json_pack(
		    "{s:s, s:s, s:s, s:s, s:s, s:s}",
		    "title", g->title.p,
		    "starts_at", from,
		    "ends_at", to,
		    "place", g->tmp.p,
		    "description", g->body.p,
		    "url", g->slug.p));
	}
	return rc;
}

static void
gen_init(struct gen *g, const struct demo_opts *o,
    enum err (*emit)(void *, const char *, json_t *), void *ctx)
{
	memset(g, 0, sizeof(*g));
	g->emit = emit;
	g->ctx = ctx;
	g->seed = o->seed;
	g->articles = o->articles;
	g->arena = arena_new();
	slugset_init(&g->art_slugs);
	slugset_init(&g->person_slugs);
	buf_init(&g->title, DEMO_TEXT_MAX);
	buf_init(&g->dek, DEMO_TEXT_MAX);
	buf_init(&g->body, DEMO_TEXT_MAX);
	buf_init(&g->slug, DEMO_TEXT_MAX);
	buf_init(&g->tmp, DEMO_TEXT_MAX);
}

static void
gen_free(struct gen *g)
{
	buf_free(&g->title);
	buf_free(&g->dek);
	buf_free(&g->body);
	buf_free(&g->slug);
	buf_free(&g->tmp);
	slugset_free(&g->art_slugs);
	slugset_free(&g->person_slugs);
	arena_free(g->arena);
	free(g->count);
}

enum err
demo_generate(const struct demo_opts *o,
    enum err (*emit)(void *, const char *, json_t *), void *ctx)
{
	static enum err (*const phases[])(struct gen *) = {
		gen_site, gen_sections, gen_pub_types, gen_people,
		gen_issues, gen_articles, gen_publications, gen_links,
		gen_events,
	};
	struct gen g;
	size_t i;
	enum err rc;

	assert(o != NULL && emit != NULL);
	gen_init(&g, o, emit, ctx);
	rc = ERR_INVAL;
	if (o->articles < 1 || o->articles > DEMO_ARTICLES_MAX)
		goto out;
	rc = date_parse(o->today, &g.today);
	for (i = 0; i < nitems(phases) && rc == ERR_OK; i++)
		rc = phases[i](&g);
out:
	gen_free(&g);
	return rc;
}
