/*
 * gazetteer: which countries a text names, from the forms of
 * data/gazetteer.tsv (ISO 3166-1 names from Debian's iso-codes, and
 * short names, demonyms and adjectives written for Octavo:
 * scripts/gazetteer.py), built into the program with .incbin as the
 * API's OpenAPI document is.
 *
 * A form matches as written, capitals included, and only as whole words:
 * it must start the text or follow a character that is not a letter or
 * a digit, and end it or come before one.  So "Kazakh" names KZ in "the
 * Kazakh government" and "Kazakhs", but "turkey" (the bird) names
 * nothing and "Omani" is not "Oman".  A demonym or adjective ("people")
 * also matches with a plural s.  Where several forms start at one place
 * the longest wins ("Papua New Guinea" over "Guinea", "American Samoa"
 * over "American"), and "block" forms ("Indian Ocean", "New Jersey")
 * win that way to name nothing.  Georgia, Jordan, Chad and the like are
 * matched for what they say as countries: the matcher suggests, an
 * editor decides (data/gazetteer-forms.tsv lists the ambiguities).
 *
 * The text is untrusted (an article's): it is read once, left to right,
 * never past len, whatever its bytes; each position tries the forms of
 * its first byte only (a few dozen).  fuzz/fuzz_gazetteer.c holds it to
 * that.  The table is parsed once (pthread_once) and read-only after.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

extern const char gazetteer_tsv[];
extern const char gazetteer_tsv_end[];
__asm__(
	".pushsection .rodata\n"
	".balign 16\n"
	".globl gazetteer_tsv\n"
	"gazetteer_tsv:\n"
	".incbin \"data/gazetteer.tsv\"\n"
	".globl gazetteer_tsv_end\n"
	"gazetteer_tsv_end:\n"
	".byte 0\n"
	".popsection\n");

#define GAZ_FORMS_MAX	2048	/* lines of the table, with room */

struct form {
	const char	*p;		/* in gazetteer_tsv, not terminated */
	unsigned short	 len;
	unsigned char	 plural;	/* a demonym: "s" may follow */
	char		 code[3];	/* "KZ"; "" for a block */
};

static struct form forms[GAZ_FORMS_MAX];
static size_t nforms;
static size_t first[257];	/* forms of first byte b: [first[b],
				   first[b + 1]) */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* By first byte, then longest first, so the first match is the longest. */
static int
form_cmp(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	unsigned char cx = (unsigned char)x->p[0], cy = (unsigned char)y->p[0];

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return memcmp(x->p, y->p, x->len);
}

/* One line "FORM\tCODE\tKIND" into f; 0 if it is not one. */
static int
form_parse(const char *s, const char *e, struct form *f)
{
	const char *t1, *t2;

	t1 = memchr(s, '\t', (size_t)(e - s));
	if (t1 == NULL || t1 == s || t1 - s > 255)
		return 0;
	t2 = memchr(t1 + 1, '\t', (size_t)(e - t1 - 1));
	if (t2 == NULL)
		return 0;
	f->p = s;
	f->len = (unsigned short)(t1 - s);
	f->code[0] = f->code[1] = f->code[2] = '\0';
	if (t2 - t1 == 3) {
		f->code[0] = t1[1];
		f->code[1] = t1[2];
	}
	f->plural = (size_t)(e - t2 - 1) == 6 && memcmp(t2 + 1, "people",
	    6) == 0;
	return 1;
}

static void
table_load(void)
{
	const char *s = gazetteer_tsv, *e;
	size_t i, b;

	while (s < gazetteer_tsv_end && nforms < GAZ_FORMS_MAX) {
		e = memchr(s, '\n', (size_t)(gazetteer_tsv_end - s));
		if (e == NULL)
			e = gazetteer_tsv_end;
		if (*s != '#' && form_parse(s, e, &forms[nforms]))
			nforms++;
		s = e + 1;
	}
	qsort(forms, nforms, sizeof(forms[0]), form_cmp);
	for (b = 0, i = 0; b <= 256; b++) {
		while (i < nforms && (unsigned char)forms[i].p[0] < b)
			i++;
		first[b] = i;
	}
}

/*
 * Bytes of the character at s (n > 0 left) and whether it is part of a
 * word: ASCII letters and digits, and any other character but the
 * punctuation and spaces of U+0080..U+00BF and U+2000..U+206F (the
 * no-break space, guillemets, curly quotes, dashes).  A byte that starts
 * no character is one byte of no word.
 */
static size_t
char_at(const unsigned char *s, size_t n, int *word)
{
	size_t k;

	*word = 0;
	if (s[0] < 0x80) {
		*word = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' &&
		    s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9');
		return 1;
	}
	k = s[0] >= 0xf5 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 :
	    s[0] >= 0xc2 ? 2 : 1;
	if (k == 1 || k > n)
		return 1;
	if (s[0] == 0xc2 && s[1] < 0xc0)
		return 2;
	if (s[0] == 0xe2 && (s[1] == 0x80 || s[1] == 0x81))
		return 3;
	*word = 1;
	return k;
}

/* 1 if the character at s (n left, 0 for the end) starts no word. */
static int
boundary(const unsigned char *s, size_t n)
{
	int w;

	if (n == 0)
		return 1;
	char_at(s, n, &w);
	return !w;
}

/*
 * The longest form at s (n left) that ends on a boundary, and its
 * length in *used (with a plural s); NULL when none.
 */
static const struct form *
form_at(const unsigned char *s, size_t n, size_t *used)
{
	const struct form *f;
	size_t i, l;

	for (i = first[s[0]]; i < first[s[0] + 1]; i++) {
		f = &forms[i];
		l = f->len;
		if (l > n || memcmp(f->p, s, l) != 0)
			continue;
		if (boundary(s + l, n - l)) {
			*used = l;
			return f;
		}
		if (f->plural && s[l] == 's' && boundary(s + l + 1,
		    n - l - 1)) {
			*used = l + 1;
			return f;
		}
	}
	return NULL;
}

/* Add the words s (n bytes) to hit's list, when new and when they fit. */
static void
words_add(struct gaz_hit *h, const unsigned char *s, size_t n)
{
	size_t have = strlen(h->words), i, k;

	for (i = 0; i < have; i = k + 2) {
		for (k = i; k < have && h->words[k] != ','; k++)
			continue;
		if (k - i == n && memcmp(h->words + i, s, n) == 0)
			return;
	}
	if (have + (have > 0 ? 2 : 0) + n >= sizeof(h->words))
		return;
	if (have > 0) {
		memcpy(h->words + have, ", ", 2);
		have += 2;
	}
	memcpy(h->words + have, s, n);
	h->words[have + n] = '\0';
}

size_t
gazetteer_hits(const char *text, size_t len, struct gaz_hit *hits,
    size_t max)
{
	const unsigned char *s = (const unsigned char *)text;
	const struct form *f;
	size_t i = 0, k, n = 0, used, cl;
	int word, prev = 0;

	pthread_once(&once, table_load);
	while (i < len) {
		cl = char_at(s + i, len - i, &word);
		if (word && !prev && (f = form_at(s + i, len - i, &used)) !=
		    NULL) {
			for (k = 0; k < n; k++)
				if (memcmp(hits[k].code, f->code, 2) == 0)
					break;
			if (f->code[0] != '\0' && k == n && n < max) {
				memcpy(hits[n].code, f->code, 3);
				hits[n].words[0] = '\0';
				n++;
			}
			if (f->code[0] != '\0' && k < n)
				words_add(&hits[k], s + i, used);
			i += used;
			prev = 1;
			continue;
		}
		prev = word;
		i += cl;
	}
	return n;
}

size_t
gazetteer_match(const char *text, size_t len, char (*codes)[3], size_t max)
{
	struct gaz_hit *hits;
	size_t i, n;

	if (max > GAZ_CODES_MAX)
		max = GAZ_CODES_MAX;
	hits = xcalloc(max > 0 ? max : 1, sizeof(*hits));
	n = gazetteer_hits(text, len, hits, max);
	for (i = 0; i < n; i++)
		memcpy(codes[i], hits[i].code, 3);
	free(hits);
	return n;
}

size_t
gazetteer_forms(void)
{
	pthread_once(&once, table_load);
	return nforms;
}
