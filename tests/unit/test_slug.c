/*
 * test_slug: slugs from titles in any script (Latin letters folded to
 * ASCII, other scripts a stable id, invalid UTF-8 and NULs separators,
 * the length cut at a hyphen or mid-word), and unique claiming with -2,
 * -3 ... through the caller's "is it taken?", including a base too long
 * for its suffix, a caller's remembered next suffix, and giving up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	const char	*want;
} make_cases[] = {
	{ "plain words", "Hello, World!", 0, "hello-world" },
	{ "blanks at both ends", "  Leading and trailing  ", 0,
	    "leading-and-trailing" },
	{ "apostrophe dropped", "Don't stop", 0, "dont-stop" },
	{ "typographic apostrophe dropped", "Don\xe2\x80\x99t", 0, "dont" },
	{ "digits kept", "Issue 12: 2024", 0, "issue-12-2024" },
	{ "symbols are separators", "C++ & Rust", 0, "c-rust" },
	{ "caron", "Dubra\xc4\x8d", 0, "dubrac" },
	{ "macron", "\xc5\x8csaka", 0, "osaka" },
	{ "acute", "S\xc3\xa9vrine", 0, "sevrine" },
	{ "stroke", "L\xc3\xb8vholm", 0, "lovholm" },
	{ "Polish", "\xc5\x81\xc3\xb3""d\xc5\xba", 0, "lodz" },
	{ "Romanian comma below", "Timi\xc8\x99oara", 0, "timisoara" },
	{ "Vietnamese", "H\xc3\xa0 N\xe1\xbb\x99i", 0, "ha-noi" },
	{ "sharp s spelt out", "Stra\xc3\x9f""e", 0, "strasse" },
	{ "ae ligature", "\xc3\x86sir", 0, "aesir" },
	{ "oe ligature", "\xc5\x92uvre", 0, "oeuvre" },
	{ "thorn", "\xc3\x9eingvellir", 0, "thingvellir" },
	{ "eth", "\xc3\x90""a\xc3\xb0", 0, "dad" },
	{ "decomposed accents (NFD)", "Dubrac\xcc\x8c", 0, "dubrac" },
	{ "Catalan middle dot", "col\xc2\xb7le""cci\xc3\xb3", 0,
	    "colleccio" },
	{ "multiplication sign separates", "2\xc3\x97""3", 0, "2-3" },
	{ "Cyrillic: stable id", "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2"
	    "\xd0\xb0", 0, "id-64411a93" },
	{ "Greek: stable id", "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1", 0,
	    "id-432ca03b" },
	{ "CJK: stable id", "\xe6\x9d\xb1\xe4\xba\xac", 0, "id-2f3c04f1" },
	{ "other script beside Latin", "\xe6\x9d\xb1\xe4\xba\xac 2024", 0,
	    "2024" },
	{ "empty: stable id", "", 0, "id-cbf29ce4" },
	{ "punctuation only: stable id", "!!!", 0, "id-bbe43c17" },
	{ "invalid UTF-8 separates", "a\xff""b", 0, "a-b" },
	{ "cut sequence separates", "a\xc3", 0, "a" },
	{ "surrogate separates", "a\xed\xa0\x80""b", 0, "a-b" },
	{ "overlong separates", "a\xc0\xaf""b", 0, "a-b" },
	{ "NUL separates", "a\0b", 3, "a-b" },
	{ "cut at a hyphen past 72 bytes",
	    "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee "
	    "ffffffffff gggggggggg hhhhhhhhhh", 0,
	    "aaaaaaaaaa-bbbbbbbbbb-cccccccccc-dddddddddd-eeeeeeeeee-"
	    "ffffffffff-gggggggggg" },
	{ "cut mid-word at SLUG_MAX",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    0,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ "a ligature cut at SLUG_MAX",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\x9f", 0,
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaas" },
};

static void
test_make(void)
{
	struct buf b;
	size_t i, len;
	enum err rc;

	buf_init(&b, LIMIT_SLUG);
	for (i = 0; i < nitems(make_cases); i++) {
		len = make_cases[i].len > 0 ? make_cases[i].len :
		    strlen(make_cases[i].in);
		rc = slug_make(&b, make_cases[i].in, len);
		T_INTEQ(nm("slug_make rc", make_cases[i].name), rc, ERR_OK);
		T_STREQ(nm("slug_make", make_cases[i].name), b.p,
		    make_cases[i].want);
	}
	buf_puts(&b, "old content");
	slug_make(&b, "New", 3);
	T_STREQ("slug_make: replaces what b held", b.p, "new");
	buf_free(&b);
	buf_init(&b, 10);
	T_INTEQ("slug_make: a buffer under SLUG_MAX", slug_make(&b,
	    "a long title that does not fit", 30), ERR_LIMIT);
	T_INTEQ("slug_make: empty after ERR_LIMIT", b.len, 0);
	buf_free(&b);
}

/* The taken slugs: a NULL-ended list; counts the calls. */
struct taken {
	const char *const	*v;
	int			 calls;
	int			 all;	/* everything is taken */
};

static int
is_taken(void *arg, const char *s, size_t len)
{
	struct taken *t = arg;
	const char *const *p;

	t->calls++;
	if (t->all)
		return 1;
	for (p = t->v; p != NULL && *p != NULL; p++)
		if (strlen(*p) == len && memcmp(*p, s, len) == 0)
			return 1;
	return 0;
}

static void
test_claim(void)
{
	static const char *const none[] = { NULL };
	static const char *const foo[] = { "foo", NULL };
	static const char *const foo3[] = { "foo", "foo-2", "foo-3", NULL };
	static const struct {
		const char		*name;
		const char		*base;
		const char *const	*taken;
		unsigned long		 next;	/* 0: NULL */
		const char		*want;
		unsigned long		 want_next;
		int			 calls;
	} cases[] = {
		{ "free base kept", "foo", none, 0, "foo", 0, 1 },
		{ "taken base gets -2", "foo", foo, 0, "foo-2", 0, 2 },
		{ "first free suffix", "foo", foo3, 0, "foo-4", 0, 4 },
		{ "next remembered", "foo", foo3, 2, "foo-4", 5, 4 },
		{ "next skips probes", "foo", foo3, 7, "foo-7", 8, 2 },
		{ "next below 2 means 2", "foo", foo, 1, "foo-2", 3, 2 },
	};
	struct taken t;
	struct buf b;
	unsigned long next;
	size_t i;
	char *big;
	enum err rc;

	buf_init(&b, LIMIT_SLUG);
	for (i = 0; i < nitems(cases); i++) {
		memset(&t, 0, sizeof(t));
		t.v = cases[i].taken;
		next = cases[i].next;
		buf_reset(&b);
		buf_puts(&b, cases[i].base);
		rc = slug_claim(&b, cases[i].next > 0 ? &next : NULL,
		    is_taken, &t);
		T_INTEQ(nm("slug_claim rc", cases[i].name), rc, ERR_OK);
		T_STREQ(nm("slug_claim", cases[i].name), b.p, cases[i].want);
		T_INTEQ(nm("slug_claim probes", cases[i].name), t.calls,
		    cases[i].calls);
		if (cases[i].next > 0)
			T_INTEQ(nm("slug_claim next", cases[i].name), next,
			    cases[i].want_next);
	}

	/* A base of LIMIT_SLUG bytes is cut for its suffix, and no "--". */
	big = xmalloc(LIMIT_SLUG + 1);
	memset(big, 'a', LIMIT_SLUG);
	big[LIMIT_SLUG - 3] = '-';
	big[LIMIT_SLUG] = '\0';
	buf_reset(&b);
	buf_puts(&b, big);
	memset(&t, 0, sizeof(t));
	{
		const char *const v[] = { big, NULL };

		t.v = v;
		rc = slug_claim(&b, NULL, is_taken, &t);
	}
	T_INTEQ("slug_claim: long base rc", rc, ERR_OK);
	T_INTEQ("slug_claim: long base fits LIMIT_SLUG", b.len,
	    LIMIT_SLUG - 1);
	T_TRUE("slug_claim: long base cut before its hyphen",
	    b.len > 2 && strcmp(b.p + b.len - 2, "-2") == 0 &&
	    b.p[b.len - 3] == 'a');
	free(big);

	memset(&t, 0, sizeof(t));
	t.all = 1;
	buf_reset(&b);
	buf_puts(&b, "busy");
	T_INTEQ("slug_claim: gives up when everything is taken",
	    slug_claim(&b, NULL, is_taken, &t), ERR_CONFLICT);
	T_STREQ("slug_claim: b as it was after giving up", b.p, "busy");
	T_INTEQ("slug_claim: tries bounded", t.calls, SLUG_CLAIM_TRIES + 1);
	buf_free(&b);

	buf_init(&b, 5);
	buf_puts(&b, "abcde");
	memset(&t, 0, sizeof(t));
	t.v = (const char *const[]){ "abcde", NULL };
	T_INTEQ("slug_claim: past b's maximum", slug_claim(&b, NULL,
	    is_taken, &t), ERR_LIMIT);
	T_STREQ("slug_claim: b as it was after ERR_LIMIT", b.p, "abcde");
	buf_free(&b);
}

int
main(void)
{
	test_make();
	test_claim();
	T_DONE();
}
