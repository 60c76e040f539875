/*
 * test_cite: what the article page says and gives to cite an article.
 * The read count's wording (never "Read 1 times"), and the BibTeX, RIS
 * and CSL-JSON of a record whose text holds every character each format
 * must escape (the HTTP test has real parsers read the files).
 */
#include <string.h>

#include "test.h"
#include "site/site.h"
#include "web/web.h"

static void
test_reads_text(void)
{
	static const struct {
		int64_t		 n;
		const char	*want;
	} cases[] = {
		{ 0, "Read 0 times" }, { 1, "Read once" }, { 2, "Read twice" },
		{ 3, "Read 3 times" }, { 999, "Read 999 times" },
		{ 1000, "Read 1,000 times" }, { 12345, "Read 12,345 times" },
		{ 1234567, "Read 1,234,567 times" },
		{ -5, "Read 0 times" },
	};
	struct arena *a = arena_new();
	char name[64];
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof(name), "reads text: %lld",
		    (long long)cases[i].n);
		T_STREQ(name, site_reads_text(a, cases[i].n), cases[i].want);
	}
	arena_free(a);
}

static json_t *
record(const char *title, const char *dek, const char *a1, const char *a2)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}, {s:s}], "
	    "s:{s:s, s:i, s:i}}", "slug", "a-slug", "title", title, "dek", dek,
	    "published_at", "2026-11-25T10:00:00Z", "authors", "name", a1,
	    "name", a2, "issue", "date", "2026-11-18", "number", 50, "volume",
	    3);
}

static void
test_formats(void)
{
	static const struct {
		const char	*name;
		enum err	(*fn)(struct buf *, struct arena *, json_t *,
				    json_t *, const char *);
		const char	*want;
	} cases[] = {
		{ "bibtex", cite_bibtex,
		    "@article{a-slug,\n"
		    "  author = {Anna Dubra\xc4\x8d and {Smith, Jones and Co}},\n"
		    "  title = {{50\\% of "
		    "\\textbraceleft{}x\\textbraceright{} \\& "
		    "\\textbackslash{}emph \\$ \\# \\_ \\textasciitilde{} "
		    "\\textasciicircum{} \"q\"}},\n"
		    "  journal = {J \\& K},\n"
		    "  date = {2026-11-18},\n"
		    "  year = {2026},\n"
		    "  month = nov,\n"
		    "  volume = {3},\n"
		    "  number = {50},\n"
		    "  issn = {1234-5678},\n"
		    "  abstract = {One line two},\n"
		    "  url = {https://j.example/articles/a-slug},\n"
		    "}\n" },
		{ "ris", cite_ris,
		    "TY  - JOUR\r\n"
		    "AU  - Dubra\xc4\x8d, Anna\r\n"
		    "AU  - Smith, Jones and Co\r\n"
		    "TI  - 50% of {x} & \\emph $ # _ ~ ^ \"q\"\r\n"
		    "T2  - J & K\r\n"
		    "JO  - J & K\r\n"
		    "PY  - 2026\r\n"
		    "DA  - 2026/11/18/\r\n"
		    "VL  - 3\r\n"
		    "IS  - 50\r\n"
		    "SN  - 1234-5678\r\n"
		    "AB  - One line two\r\n"
		    "LA  - en\r\n"
		    "UR  - https://j.example/articles/a-slug\r\n"
		    "ER  - \r\n" },
	};
	struct arena *a = arena_new();
	json_t *row, *site, *doc, *it;
	struct buf b;
	size_t i;

	row = record("50% of {x} & \\emph $ # _ ~ ^ \"q\"",
	    "One\nline\rtwo", "Anna Dubra\xc4\x8d", "Smith, Jones and Co");
	/* The dek's line breaks: spaces in BibTeX and RIS alike. */
	json_object_set_new(row, "dek", json_string("One line two"));
	site = json_pack("{s:s, s:s, s:s}", "name", "J & K", "issn",
	    "1234-5678", "language", "en");
	for (i = 0; i < nitems(cases); i++) {
		buf_init(&b, 1 << 16);
		T_INTEQ(nm(cases[i].name, "formats"), cases[i].fn(&b, a, row,
		    site, "https://j.example/articles/a-slug"), ERR_OK);
		T_STREQ(nm(cases[i].name, "text"), b.p, cases[i].want);
		buf_free(&b);
	}

	/* RIS: a control character is a space, a long title is cut. */
	json_object_set_new(row, "title", json_string("Line\none\x7f"));
	buf_init(&b, 1 << 16);
	cite_ris(&b, a, row, site, "u");
	T_TRUE("ris: one line a field", strstr(b.p, "TI  - Line one \r\n") !=
	    NULL);
	buf_free(&b);

	/* CSL-JSON: valid JSON, names split, the date. */
	json_object_set_new(row, "title", json_string("A \"quoted\" <title>"));
	buf_init(&b, 1 << 16);
	T_INTEQ("csl: formats", cite_csl(&b, a, row, site, "u"), ERR_OK);
	doc = json_loads(b.p, 0, NULL);
	T_TRUE("csl: parses", json_is_array(doc) && json_array_size(doc) ==
	    1);
	it = json_array_get(doc, 0);
	T_STREQ("csl: title", json_string_value(json_object_get(it,
	    "title")), "A \"quoted\" <title>");
	T_STREQ("csl: family", json_string_value(json_object_get(
	    json_array_get(json_object_get(it, "author"), 0), "family")),
	    "Dubra\xc4\x8d");
	T_STREQ("csl: given", json_string_value(json_object_get(
	    json_array_get(json_object_get(it, "author"), 0), "given")),
	    "Anna");
	T_INTEQ("csl: day", json_integer_value(json_array_get(json_array_get(
	    json_object_get(json_object_get(it, "issued"), "date-parts"), 0),
	    2)), 18);
	T_STREQ("csl: issue", json_string_value(json_object_get(it, "issue")),
	    "50");
	json_decref(doc);
	buf_free(&b);
	json_decref(row);
	json_decref(site);
	arena_free(a);
}

int
main(void)
{
	test_reads_text();
	test_formats();
	return test_failed;
}
