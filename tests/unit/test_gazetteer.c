/*
 * test_gazetteer: the countries a text names (util/gazetteer.c):
 * names, demonyms and adjectives to their ISO codes ("Kazakh" is KZ,
 * "Tajik" TJ), plurals and possessives, whole words only, capitals as
 * written (no "turkey" the bird), the longest form first ("Papua New
 * Guinea", "American Samoa"), blocked phrases ("Indian Ocean", "New
 * Jersey"), each country once in the order of first mention, the cap on
 * the output, and text that is not UTF-8 or holds NULs.
 */
#include <stdio.h>
#include <string.h>

#include "util/util.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;		/* codes, space-separated */
} cases[] = {
	{ "adjective Kazakh", "The Kazakh government said", "KZ" },
	{ "adjective Tajik", "a Tajik official", "TJ" },
	{ "adjective Uzbek", "Uzbek cotton", "UZ" },
	{ "adjective Afghan", "Afghan refugees", "AF" },
	{ "adjective Kyrgyz", "the Kyrgyz parliament", "KG" },
	{ "demonym plural", "Kazakhs and Tajiks met Afghans", "KZ TJ AF" },
	{ "name", "Kazakhstan and Tajikistan", "KZ TJ" },
	{ "possessive", "Uzbekistan's exports", "UZ" },
	{ "curly possessive", "Uzbekistan\xe2\x80\x99s exports", "UZ" },
	{ "order of first mention, once", "Tajik, Kazakh, Tajikistan, "
	    "Kazakhstan", "TJ KZ" },
	{ "lower-case bird is no country", "roast turkey with china plates",
	    "" },
	{ "capitalised Turkey", "Turkey and Türkiye", "TR" },
	{ "no match inside a word", "Germanium, Chinatown, Perugia", "" },
	{ "hyphen separates", "the Kazakh-Uzbek border", "KZ UZ" },
	{ "longest form: Papua New Guinea", "Papua New Guinea", "PG" },
	{ "longest form: Guinea-Bissau", "Guinea-Bissau and Guinea",
	    "GW GN" },
	{ "longest form: American Samoa", "American Samoa", "AS" },
	{ "longest form: South Sudanese", "South Sudanese troops", "SS" },
	{ "block: Indian Ocean", "across the Indian Ocean", "" },
	{ "block: New Jersey", "a plant in New Jersey", "" },
	{ "block: Latin America", "Latin American markets", "" },
	{ "official name", "the Russian Federation and Russia", "RU" },
	{ "Congo and DR Congo", "Congo and the Democratic Republic of "
	    "the Congo", "CG CD" },
	{ "Georgia is GE (documented ambiguity)", "Tbilisi, Georgia", "GE" },
	{ "accented name", "Côte d'Ivoire and Curaçao", "CI CW" },
	{ "abbreviations", "the US and the UK", "US GB" },
	{ "all capitals do not match", "KAZAKHSTAN", "" },
	{ "after punctuation", "(Tajikistan)\"Kyrgyzstan\"", "TJ KG" },
	{ "after a non-breaking space", "in\xc2\xa0Mongolia", "MN" },
	{ "after an em dash", "trade\xe2\x80\x94Kazakh", "KZ" },
	{ "after a letter with an accent: no", "\xc3\xa9Kazakh", "" },
	{ "invalid UTF-8 around", "\xff""China\xfe", "CN" },
	{ "empty", "", "" },
};

/* gazetteer_hits: each country once, with the words that named it. */
static const struct {
	const char	*name;
	const char	*in;
	const char	*want;	/* "CODE=words;" each */
} hit_cases[] = {
	{ "a demonym and the name", "The Kazakh government and "
	    "Kazakhstan's Kazakhs", "KZ=Kazakh, Kazakhstan, Kazakhs;" },
	{ "a word named twice, once", "Tajik and Tajik, Tajikistan",
	    "TJ=Tajik, Tajikistan;" },
	{ "two countries in order", "Uzbek cotton for China",
	    "UZ=Uzbek;CN=China;" },
	{ "in HTML", "<p>the <em>Kyrgyz</em> border</p>", "KG=Kyrgyz;" },
	{ "none", "nothing here", "" },
};

static void
hits_run(const char *name, const char *in, const char *want)
{
	struct gaz_hit hits[GAZ_CODES_MAX];
	char have[1024];
	size_t i, n, off = 0;

	n = gazetteer_hits(in, strlen(in), hits, GAZ_CODES_MAX);
	have[0] = '\0';
	for (i = 0; i < n && off < sizeof(have); i++)
		off += (size_t)snprintf(have + off, sizeof(have) - off,
		    "%s=%s;", hits[i].code, hits[i].words);
	T_STREQ(name, have, want);
}

static void
run(const char *name, const char *in, size_t len, const char *want)
{
	char codes[GAZ_CODES_MAX][3], have[GAZ_CODES_MAX * 3 + 1];
	size_t i, n, off = 0;

	n = gazetteer_match(in, len, codes, GAZ_CODES_MAX);
	have[0] = '\0';
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(have + off, sizeof(have) - off, "%s%s",
		    i > 0 ? " " : "", codes[i]);
	T_STREQ(name, have, want);
}

int
main(void)
{
	char codes[2][3];
	char text[64];
	size_t i;

	for (i = 0; i < nitems(cases); i++)
		run(nm("gazetteer_match", cases[i].name), cases[i].in,
		    strlen(cases[i].in), cases[i].want);
	/* A NUL is a separator, never the end: len says where it ends. */
	memcpy(text, "Mali\0Peru", 9);
	run("gazetteer_match: NUL inside", text, 9, "ML PE");
	/* len is respected: "Chad" cut to "Cha" names nothing. */
	run("gazetteer_match: len cuts a word", "Chad", 3, "");
	T_INTEQ("gazetteer_match: at most max codes", gazetteer_match(
	    "Peru, Chile, Bolivia", 20, codes, 2), 2);
	T_STREQ("gazetteer_match: the first max kept", codes[1], "CL");
	for (i = 0; i < nitems(hit_cases); i++)
		hits_run(nm("gazetteer_hits", hit_cases[i].name),
		    hit_cases[i].in, hit_cases[i].want);
	/* Every ISO 3166-1 country has at least its name: 249 and more. */
	T_TRUE("gazetteer_forms: the table is loaded", gazetteer_forms() >
	    600);
	return test_failed;
}
