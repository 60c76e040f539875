/*
 * test_search: the reader's query read into an FTS5 expression (every
 * word quoted, operators kept, errors with a sentence), and the search
 * on a real SQLite journal: diacritics, phrases, prefixes, NOT, the
 * title ranked first, filters, sorting, "related", and the index in
 * step with every way an article changes (an edit through the editor's
 * save, unpublishing, deleting, an issue unpublished and published, the
 * scheduler, a person renamed), checked each time by FTS5's own
 * comparison of the index with the articles ('integrity-check', 1).
 * Prefixes written as the index's words rank as the prefix did; a
 * filter's phrase (a small section) keeps what the filter keeps.  An
 * HTML body is found by its text, never by its tags or attributes,
 * and its snippet shows no markup; a body changed by another program
 * is indexed as it is, never by its old text; migration 17 gives the
 * HTML bodies already there their text.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "store/store_int.h"
#include "test.h"

#define E_OK	ERR_OK
static const struct {
	const char	*name;
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	enum err	 want_err;
	const char	*want;	/* the expression (ERR_OK) */
} parse_cases[] = {
	{ "a word", "Dubrac", 0, E_OK, "\"Dubrac\"" },
	{ "words side by side: AND", "gas pipeline", 0, E_OK,
	    "(\"gas\" AND \"pipeline\")" },
	{ "a phrase", "\"anti-drug cooperation\"", 0, E_OK,
	    "\"anti-drug cooperation\"" },
	{ "a phrase in curly quotes", "\xe2\x80\x9c" "customs reform"
	    "\xe2\x80\x9d", 0, E_OK, "\"customs reform\"" },
	{ "a prefix", "pipelin*", 0, E_OK, "\"pipelin\"*" },
	{ "a phrase's prefix", "\"gas pipe\"*", 0, E_OK, "\"gas pipe\"*" },
	{ "a two-letter prefix", "pi*", 0, E_OK, "\"pi\"*" },
	{ "a prefix of two accented letters", "\xc3\xa9t*", 0, E_OK,
	    "\"\xc3\xa9t\"*" },
	{ "a one-letter prefix", "r*", 0, ERR_PARSE, NULL },
	{ "a one-letter accented prefix", "\xc3\xa9*", 0, ERR_PARSE, NULL },
	{ "a one-letter prefix after a hyphen", "anti-d*", 0, ERR_PARSE,
	    NULL },
	{ "a phrase ending in one letter, prefix", "\"gas p\"*", 0,
	    ERR_PARSE, NULL },
	{ "OR", "Kazakh OR Tajik", 0, E_OK, "(\"Kazakh\" OR \"Tajik\")" },
	{ "AND written out", "gas AND pipeline", 0, E_OK,
	    "(\"gas\" AND \"pipeline\")" },
	{ "NOT after its words", "gas NOT pipeline", 0, E_OK,
	    "(\"gas\" NOT \"pipeline\")" },
	{ "NOT first is put last", "NOT pipeline gas", 0, E_OK,
	    "(\"gas\" NOT \"pipeline\")" },
	{ "a minus sign: NOT", "gas -pipeline", 0, E_OK,
	    "(\"gas\" NOT \"pipeline\")" },
	{ "a minus sign before a phrase: NOT", "gas -\"oil pipeline\"", 0,
	    E_OK, "(\"gas\" NOT \"oil pipeline\")" },
	{ "a minus sign before a group: NOT", "gas -(oil OR coal)", 0, E_OK,
	    "(\"gas\" NOT (\"oil\" OR \"coal\"))" },
	{ "a minus sign alone is no NOT", "gas - oil", 0, E_OK,
	    "(\"gas\" AND \"oil\")" },
	{ "AND binds closer than OR", "a b OR c", 0, E_OK,
	    "((\"a\" AND \"b\") OR \"c\")" },
	{ "parentheses", "(a OR b) c", 0, E_OK,
	    "((\"a\" OR \"b\") AND \"c\")" },
	{ "lower-case operators are words", "war and peace", 0, E_OK,
	    "(\"war\" AND \"and\" AND \"peace\")" },
	{ "FTS5 syntax is text", "title:gas NEAR/2 a^b {x}", 0, E_OK,
	    "(\"title:gas\" AND \"NEAR/2\" AND \"a^b\" AND \"{x}\")" },
	{ "a hyphen inside a word is text", "anti-drug", 0, E_OK,
	    "\"anti-drug\"" },
	{ "punctuation alone is no word", "* - \xe2\x80\x94 ...", 0, E_OK,
	    "" },
	{ "punctuation beside a word", "gas \xe2\x80\x94", 0, E_OK,
	    "\"gas\"" },
	{ "empty", "", 0, E_OK, "" },
	{ "spaces", "  \t ", 0, E_OK, "" },
	{ "NUL separates", "a\0b", 3, E_OK, "(\"a\" AND \"b\")" },
	{ "NUL in a phrase is a space", "\"a\0b\"", 5, E_OK, "\"a b\"" },
	{ "an unclosed quote", "\"anti-drug", 0, ERR_PARSE, NULL },
	{ "OR alone", "OR", 0, ERR_PARSE, NULL },
	{ "OR at the end", "gas OR", 0, ERR_PARSE, NULL },
	{ "AND first", "AND gas", 0, ERR_PARSE, NULL },
	{ "AND at the end", "gas AND", 0, ERR_PARSE, NULL },
	{ "NOT alone", "NOT", 0, ERR_PARSE, NULL },
	{ "only NOT", "NOT gas", 0, ERR_PARSE, NULL },
	{ "only a minus", "-gas", 0, ERR_PARSE, NULL },
	{ "NOT without its word", "gas NOT", 0, ERR_PARSE, NULL },
	{ "an unclosed parenthesis", "(gas", 0, ERR_PARSE, NULL },
	{ "a stray closing parenthesis", "gas) oil", 0, ERR_PARSE, NULL },
	{ "empty parentheses", "gas ()", 0, ERR_PARSE, NULL },
	{ "invalid UTF-8", "gas \xff", 0, ERR_PARSE, NULL },
	{ "nine parentheses deep", "(((((((((a)))))))))", 0, ERR_LIMIT,
	    NULL },
	{ "eight parentheses deep", "((((((((a))))))))", 0, E_OK, "\"a\"" },
};

static void
test_parse(void)
{
	struct buf b;
	const char *why;
	char in[LIMIT_SEARCH_QUERY + 2];
	size_t i, len;
	enum err e;

	for (i = 0; i < nitems(parse_cases); i++) {
		buf_init(&b, LIMIT_SEARCH_EXPR);
		len = parse_cases[i].len > 0 ? parse_cases[i].len :
		    strlen(parse_cases[i].in);
		e = store_search_parse(parse_cases[i].in, len, &b, &why);
		T_STREQ(nm("parse", parse_cases[i].name), err_str(e),
		    err_str(parse_cases[i].want_err));
		if (parse_cases[i].want != NULL)
			T_STREQ(nm("parse, expression", parse_cases[i].name),
			    b.len > 0 ? b.p : "", parse_cases[i].want);
		else
			T_TRUE(nm("parse, a sentence for the reader",
			    parse_cases[i].name), why != NULL &&
			    strlen(why) > 20 && b.len == 0);
		buf_free(&b);
	}
	/* 32 words pass, 33 do not; 512 bytes pass, 513 do not. */
	for (len = 0; len < 33; len++)
		memcpy(in + 2 * len, "a ", 2);
	buf_init(&b, LIMIT_SEARCH_EXPR);
	e = store_search_parse(in, 64, &b, &why);
	T_STREQ("parse: 32 words", err_str(e), err_str(ERR_OK));
	buf_reset(&b);
	e = store_search_parse(in, 66, &b, &why);
	T_STREQ("parse: 33 words", err_str(e), err_str(ERR_LIMIT));
	memset(in, 'x', sizeof(in));
	buf_reset(&b);
	e = store_search_parse(in, LIMIT_SEARCH_QUERY, &b, &why);
	T_STREQ("parse: 512 bytes", err_str(e), err_str(ERR_OK));
	buf_reset(&b);
	e = store_search_parse(in, LIMIT_SEARCH_QUERY + 1, &b, &why);
	T_STREQ("parse: 513 bytes", err_str(e), err_str(ERR_LIMIT));
	buf_free(&b);
}

static enum err
emit(void *arg, const char *kind, json_t *rec)
{
	return store_put(arg, kind, rec);
}

static struct store	*st;
static const char	*author;	/* the fixture's articles' */
static sqlite3		*db;

/* FTS5 compares its index with what the view shows: "ok" or why not. */
static const char *
index_check(void)
{
	static char why[256];

	if (sqlite3_exec(db, "INSERT INTO article_fts (article_fts, rank)"
	    " VALUES ('integrity-check', 1)", NULL, NULL, NULL) ==
	    SQLITE_OK)
		return "ok";
	snprintf(why, sizeof(why), "%s", sqlite3_errmsg(db));
	return why;
}

/* The slugs of the first n rows: "a b c". */
static const char *
slugs(json_t *rows, size_t max)
{
	static char out[1024];
	json_t *it;
	size_t i, n = 0;

	out[0] = '\0';
	json_array_foreach(rows, i, it)
		if (i < max)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s",
			    i > 0 ? " " : "", json_string_value(
			    json_object_get(it, "slug")));
	return out;
}

static const char *found_by(const char *, const char *, const char *,
    long, int);

/* The slugs q finds, most relevant (or newest) first: "a b c". */
static const char *
found(const char *q, const char *section, long year, int by_date)
{
	return found_by(q, section, NULL, year, by_date);
}

/* The first rows (at most limit) q finds with these filters; NULL: failed. */
static json_t *
search_rows(const char *q, const char *section, const char *by, long year,
    int by_date, long limit)
{
	struct store_search s = { 0 };
	json_t *rows = NULL;
	long total;
	int more;

	s.q = q;
	s.qlen = strlen(q);
	s.section = section;
	s.author = by;
	s.year = year;
	s.by_date = by_date;
	s.limit = limit;
	if (store_search(st, &s, &rows, &total, &more) != ERR_OK)
		return NULL;
	return rows;
}

static const char *
found_by(const char *q, const char *section, const char *by, long year,
    int by_date)
{
	static char out[1024];
	json_t *rows = search_rows(q, section, by, year, by_date, 10);

	if (rows == NULL)
		return "(error)";
	snprintf(out, sizeof(out), "%s", slugs(rows, 10));
	json_decref(rows);
	return out;
}

static void
article(const char *slug, const char *title, const char *body,
    const char *section, const char *status, const char *when)
{
	json_t *rec = json_pack("{ss ss ss ss ss ss s[s]}", "slug", slug,
	    "title", title, "body", body, "section", section, "status",
	    status, "published_at", when, "authors", author);

	T_STREQ(nm("fixture: article", slug), err_str(store_put(st,
	    "article", rec)), err_str(ERR_OK));
	json_decref(rec);
}

static int64_t
id_of(const char *slug)
{
	int64_t id = 0;

	store_article_slug_owner(st, slug, &id);
	return id;
}

/* Save article slug again through the editor with these changes. */
static enum err
edit(const char *slug, const char *title, const char *status,
    const char *tag, const char *country)
{
	struct store_article_edit a = { 0 };
	json_t *row = NULL, *au;
	int64_t ids[8];
	const char *tags[1] = { tag }, *countries[1] = { country };
	size_t i;
	enum err e;

	if ((e = store_article_edit_get(st, id_of(slug), &row)) != ERR_OK)
		return e;
	a.id = id_of(slug);
	a.version = json_integer_value(json_object_get(row, "version"));
	a.slug = slug;
	a.title = title;
	a.dek = json_string_value(json_object_get(row, "dek"));
	a.body = json_string_value(json_object_get(row, "body"));
	a.section_id = json_integer_value(json_object_get(row,
	    "section_id"));
	a.issue_id = json_integer_value(json_object_get(row, "issue_id"));
	json_array_foreach(json_object_get(row, "authors"), i, au)
		if (i < nitems(ids))
			ids[a.nauthors++] = json_integer_value(
			    json_object_get(au, "id"));
	a.authors = ids;
	a.tags = tags;
	a.ntags = tag != NULL;
	a.countries = countries;
	a.ncountries = country != NULL;
	a.status = status;
	a.published_at = json_string_value(json_object_get(row,
	    "published_at"));
	a.now = "2026-11-26T10:00:00Z";
	a.who = "test";
	a.note = "";
	e = test_article_save(st, &a);
	json_decref(row);
	return e;
}

/* Save a new published article with an HTML body through the store. */
static enum err
html_article(const char *slug, const char *body, int64_t section,
    int64_t person)
{
	return test_article_new(st, slug, "Imported Notes", body, "html",
	    section, person);
}

/* The first result's snippet of q, or "". */
static const char *
snippet(const char *q)
{
	static char out[1024];
	json_t *rows = search_rows(q, NULL, NULL, 0, 0, 1);
	const char *v = json_string_value(json_object_get(json_array_get(rows,
	    0), "snippet"));

	snprintf(out, sizeof(out), "%s", v != NULL ? v : "");
	json_decref(rows);
	return out;
}

static const char HTML_BODY[] = "<p class=\"zanzaclass\" data-zorblat="
    "\"quill\">Walrus <em>un</em>usual</p><zanzitag>plinth</zanzitag>"
    "<script>scriptword()</script><p>ostrich &amp; <a href=\"https://"
    "example.org/hrefword\">emu</a></p>";

static const char MD_BODY[] = "## Gannet heading\n\nA **bold** "
    "[skua report](https://example.org/urlword/hrefpath) on *puffins*:"
    " `codeword`.\n\n- listword\n";

/* A Markdown body is found by what the page shows, never its syntax. */
static void
test_markdown(int64_t section, int64_t person)
{
	const char *snip;

	T_STREQ("markdown: saved", err_str(test_article_new(st, "md-body",
	    "Seabird Notes", MD_BODY, "markdown", section, person)),
	    err_str(ERR_OK));
	T_STREQ("markdown: index in step", index_check(), "ok");
	T_STREQ("markdown: a link's words are found", found("skua report",
	    NULL, 0, 0), "md-body");
	T_STREQ("markdown: a heading, a list and code are found",
	    found("gannet listword codeword puffins", NULL, 0, 0), "md-body");
	T_STREQ("markdown: a link's address is not",
	    found("urlword OR hrefpath OR https", NULL, 0, 0), "");
	snip = snippet("skua");
	T_STREQ("markdown: the snippet is the text, without its syntax", snip,
	    "Gannet heading A bold \x01skua\x02 report on puffins: codeword."
	    " listword");
}

static void
test_html(int64_t section, int64_t person)
{
	const char *snip;
	char sql[256];

	T_STREQ("html: saved", err_str(html_article("html-body", HTML_BODY,
	    section, person)), err_str(ERR_OK));
	T_STREQ("html: index in step", index_check(), "ok");
	T_STREQ("html: its text is found", found("walrus", NULL, 0, 0),
	    "html-body");
	T_STREQ("html: an inline element splits no word", found("unusual",
	    NULL, 0, 0), "html-body");
	T_STREQ("html: a block ends a word", found("plinth", NULL, 0, 0),
	    "html-body");
	T_STREQ("html: a tag's name is not found", found("zanzitag", NULL, 0,
	    0), "");
	T_STREQ("html: an attribute's name is not found", found("zorblat",
	    NULL, 0, 0), "");
	T_STREQ("html: an attribute's value is not found",
	    found("zanzaclass OR quill OR hrefword", NULL, 0, 0), "");
	T_STREQ("html: a script is not found", found("scriptword", NULL, 0,
	    0), "");
	snip = snippet("ostrich");
	T_STREQ("html: the snippet is the text, without markup", snip,
	    "Walrus unusual plinth \x01ostrich\x02 & emu");
	/* Another program changes the body and leaves the text. */
	snprintf(sql, sizeof(sql), "UPDATE article_bodies SET body ="
	    " '<p data-quagga=\"1\">narwhal</p>' WHERE article_id = %lld",
	    (long long)id_of("html-body"));
	T_TRUE("html: changed by another program", sqlite3_exec(db, sql,
	    NULL, NULL, NULL) == SQLITE_OK);
	T_STREQ("html: then index in step", index_check(), "ok");
	T_STREQ("html: then its old text is gone", found("walrus", NULL, 0,
	    0), "");
	T_STREQ("html: then the body is read as it is", found("narwhal "
	    "quagga", NULL, 0, 0), "html-body");
	T_STREQ("html: saved again through the store", err_str(edit(
	    "html-body", "Imported Notes", "published", NULL, NULL)),
	    err_str(ERR_OK));
	T_STREQ("html: its text is made again", found("narwhal", NULL, 0, 0),
	    "html-body");
	T_STREQ("html: and the markup is gone again", found("quagga", NULL,
	    0, 0), "");
	T_STREQ("html: index in step at the end", index_check(), "ok");
}

/*
 * Migration 17 on a journal of schema 16 with an HTML body: the body
 * gets its text, and the index is made again from it.
 */
static void
test_migration(const char *dir)
{
	char path[256];
	struct store *s2 = NULL;
	sqlite3 *d = NULL;
	sqlite3_stmt *q = NULL;
	int i, from = 0, to = 0, ok = 1;
	const char *text = NULL;

	snprintf(path, sizeof(path), "%s/m.db", dir);
	ok = sqlite3_open(path, &d) == SQLITE_OK;
	for (i = 0; ok && i < 16; i++)
		ok = sqlite3_exec(d, sqlite_migrations[i], NULL, NULL, NULL) ==
		    SQLITE_OK;
	ok = ok && sqlite3_exec(d, "PRAGMA user_version = 16;"
	    "INSERT INTO sections (id, slug, name) VALUES (1, 's', 'S');"
	    "INSERT INTO articles (id, slug, title, section_id, status,"
	    " published_at, updated_at) VALUES (1, 'a', 'A', 1, 'published',"
	    " '2026-01-01', '2026-01-01');"
	    "INSERT INTO article_bodies (article_id, body, format) VALUES"
	    " (1, '<p data-zorblat=\"1\">Walrus</p>', 'html');"
	    "INSERT INTO articles (id, slug, title, section_id, status,"
	    " published_at, updated_at) VALUES (2, 'b', 'B', 1, 'published',"
	    " '2026-01-02', '2026-01-02');"
	    "INSERT INTO article_bodies (article_id, body, format) VALUES"
	    " (2, 'A [narwhal](https://example.org/urlword) **tusk**',"
	    " 'markdown');", NULL, NULL, NULL) == SQLITE_OK;
	T_TRUE("migration: a journal of schema 16", ok);
	if (ok && sqlite3_prepare_v2(d, "SELECT count(*) FROM article_fts"
	    " WHERE article_fts MATCH 'zorblat'", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		T_INTEQ("migration: schema 16 indexed the markup",
		    sqlite3_column_int(q, 0), 1);
	sqlite3_finalize(q);
	q = NULL;
	sqlite3_close(d);
	d = NULL;
	T_STREQ("migration: to 17", err_str(store_open(path, 0, &s2) ==
	    ERR_OK ? store_migrate(s2, &from, &to) : ERR_DB),
	    err_str(ERR_OK));
	store_close(s2);
	T_INTEQ("migration: from 16", from, 16);
	T_INTEQ("migration: to the last", to, sqlite_migrations_count);
	sqlite3_open(path, &d);
	if (sqlite3_prepare_v2(d, "SELECT b.text, (SELECT count(*)"
	    " FROM article_fts WHERE article_fts MATCH 'zorblat'),"
	    " (SELECT count(*) FROM article_fts WHERE article_fts"
	    " MATCH 'walrus') FROM article_bodies b", -1, &q, NULL) ==
	    SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
		text = (const char *)sqlite3_column_text(q, 0);
		T_STREQ("migration: the body's text", text != NULL ? text :
		    "(null)", "Walrus");
		T_INTEQ("migration: the markup is not found",
		    sqlite3_column_int(q, 1), 0);
		T_INTEQ("migration: the text is", sqlite3_column_int(q, 2), 1);
	} else
		T_TRUE("migration: read back", 0);
	sqlite3_finalize(q);
	q = NULL;
	if (sqlite3_prepare_v2(d, "SELECT b.text, (SELECT count(*)"
	    " FROM article_fts WHERE article_fts MATCH 'urlword'),"
	    " (SELECT count(*) FROM article_fts WHERE article_fts"
	    " MATCH 'narwhal tusk') FROM article_bodies b"
	    " WHERE b.article_id = 2", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW) {
		text = (const char *)sqlite3_column_text(q, 0);
		T_STREQ("migration 20: a Markdown body's text", text != NULL ?
		    text : "(null)", "A narwhal tusk");
		T_INTEQ("migration 20: a link's address is not found",
		    sqlite3_column_int(q, 1), 0);
		T_INTEQ("migration 20: its words are",
		    sqlite3_column_int(q, 2), 1);
	} else
		T_TRUE("migration 20: read back", 0);
	sqlite3_finalize(q);
	sqlite3_close(d);
}

static void
test_store(const char *dir)
{
	char path[256];
	struct store_search s = { 0 };
	json_t *rows = NULL, *secs = NULL, *person = NULL, *due = NULL;
	json_t *people = NULL;
	struct store_person p = { 0 };
	struct store_section small = { 0 };
	int64_t small_id = 0;
	const char *sec, *other;
	int64_t pid;
	long total, n;
	int more;

	snprintf(path, sizeof(path), "%s/s.db", dir);
	T_STREQ("fixture: journal", err_str(journal_make(path, emit)),
	    err_str(ERR_OK));
	T_STREQ("fixture: store", err_str(store_open(path, 0, &st)),
	    err_str(ERR_OK));
	T_TRUE("fixture: sqlite", sqlite3_open(path, &db) == SQLITE_OK);
	T_STREQ("the migration indexed the journal", index_check(), "ok");
	store_people_list(st, 0, &people);
	author = json_string_value(json_object_get(json_array_get(people,
	    0), "slug"));
	store_sections_list(st, &secs);
	sec = json_string_value(json_object_get(json_array_get(secs, 0),
	    "slug"));
	other = json_string_value(json_object_get(json_array_get(secs, 1),
	    "slug"));
	store_begin(st);
	article("water-talks", "Brezova\xc4\x8d Water Talks", "The basin "
	    "commission met on anti-drug cooperation and quokka counts.",
	    sec, "published", "2026-11-20T08:00:00Z");
	article("quokka-body", "Notes From the River", "A quokka, a quokka "
	    "and another quokka walked by the zanzibarite mine.", other,
	    "published", "2025-03-01T08:00:00Z");
	article("quokka-title", "The Quokka Question", "Nothing here but "
	    "policy.", sec, "published", "2024-06-01T08:00:00Z");
	article("quokka-draft", "Quokka Drafts", "Unseen.", sec, "draft",
	    "2026-11-21T08:00:00Z");
	article("quokka-later", "Quokka Futures", "Scheduled.", sec,
	    "scheduled", "2026-11-26T09:00:00Z");
	small.slug = "marsupials";
	small.name = "Small Marsupials";
	small.description = "";
	T_STREQ("fixture: a small section", err_str(store_section_save(st,
	    &small, &small_id)), err_str(ERR_OK));
	article("small-census", "Marsupial Census", "One bilby counted.",
	    "marsupials", "published", "2023-05-01T08:00:00Z");
	T_STREQ("fixture: articles committed", err_str(store_commit(st)),
	    err_str(ERR_OK));
	T_STREQ("index in step after store_put", index_check(), "ok");

	T_STREQ("diacritics: Brezovac finds Brezova\xc4\x8d",
	    found("Brezovac", NULL, 0, 0), "water-talks");
	T_STREQ("case: BREZOVAČ finds it", found("BREZOVA\xc4\x8c", NULL, 0,
	    0),
	    "water-talks");
	T_STREQ("phrase", found("\"anti-drug cooperation\"", NULL, 0, 0),
	    "water-talks");
	T_STREQ("phrase in another order finds nothing",
	    found("\"cooperation anti-drug\"", NULL, 0, 0), "");
	T_STREQ("prefix", found("zanzib*", NULL, 0, 0), "quokka-body");
	T_STREQ("a prefix written as its words ranks as the word",
	    found("quokk*", NULL, 0, 0),
	    "quokka-title quokka-body water-talks");
	T_STREQ("a prefix of two letters (the prefix index)",
	    found("zanzibarite qu*", NULL, 0, 0), "quokka-body");
	T_STREQ("a phrase's prefix", found("\"bilby cou\"*", NULL, 0, 0),
	    "small-census");
	T_STREQ("a prefix of no word", found("zzqqx*", NULL, 0, 0), "");
	T_STREQ("a prefix under NOT", found("quokka -zanzib*", NULL, 0, 0),
	    "quokka-title water-talks");
	T_STREQ("the title first, then the body with the word thrice",
	    found("quokka", NULL, 0, 0),
	    "quokka-title quokka-body water-talks");
	T_STREQ("NOT", found("quokka NOT basin", NULL, 0, 0),
	    "quokka-title quokka-body");
	T_STREQ("OR", found("zanzibarite OR Brezovac", NULL, 0, 0),
	    "water-talks quokka-body");
	T_STREQ("newest first", found("quokka", NULL, 0, 1),
	    "water-talks quokka-body quokka-title");
	T_STREQ("a section", found("quokka", sec, 0, 0),
	    "quokka-title water-talks");
	T_STREQ("a small section (its name a phrase of the query)",
	    found("bilby", "marsupials", 0, 0), "small-census");
	T_STREQ("a small section: not another's", found("zanzibarite",
	    "marsupials", 0, 0), "");
	T_STREQ("an author", found_by("quokka", NULL, author, 0, 0),
	    "quokka-title quokka-body water-talks");
	T_STREQ("no such section", found("quokka", "no-such", 0, 0), "");
	T_STREQ("no such author", found_by("quokka", NULL, "no-such", 0, 0),
	    "");
	T_STREQ("a year", found("quokka", NULL, 2025, 0), "quokka-body");
	T_STREQ("drafts and scheduled articles are not found",
	    found("drafts OR futures", NULL, 0, 0), "");

	s.q = "Brezovac";
	s.qlen = 8;
	s.limit = 10;
	store_search(st, &s, &rows, &total, &more);
	T_STREQ("the title's matched word is marked",
	    json_string_value(json_object_get(json_array_get(rows, 0),
	    "title_marked")), "\x01" "Brezova\xc4\x8d\x02 Water Talks");
	T_TRUE("the snippet is the body's", strstr(json_string_value(
	    json_object_get(json_array_get(rows, 0), "snippet")),
	    "basin commission") != NULL);
	T_INTEQ("total", total, 1);
	json_decref(rows);
	rows = NULL;
	s.q = "\"open";
	s.qlen = 5;
	T_STREQ("an unreadable query", err_str(store_search(st, &s, &rows,
	    &total, &more)), err_str(ERR_PARSE));
	T_TRUE("... says why", s.why != NULL);

	T_STREQ("related: found", err_str(store_articles_similar(st,
	    id_of("quokka-title"), 5, &rows)), err_str(ERR_OK));
	T_STREQ("related: the other published quokkas first, itself left "
	    "out", slugs(rows, 2), "quokka-body water-talks");
	T_TRUE("related: then what shares \"question\"",
	    json_array_size(rows) > 2 && strstr(slugs(rows, 5),
	    "quokka-title") == NULL);
	json_decref(rows);
	rows = NULL;
	T_STREQ("related: no such article", err_str(store_articles_similar(st,
	    999999, 5, &rows)), err_str(ERR_NOTFOUND));

	T_STREQ("edit: saved", err_str(edit("water-talks", "Marmot Summit",
	    "published", "Riverine Affairs", "FR")), err_str(ERR_OK));
	T_STREQ("edit: index in step", index_check(), "ok");
	T_STREQ("edit: the old title is gone", found("Brezovac", NULL, 0,
	    0),
	    "");
	T_STREQ("edit: the new title", found("marmot", NULL, 0, 0),
	    "water-talks");
	T_STREQ("edit: a tag", found("riverine", NULL, 0, 0),
	    "water-talks");
	T_STREQ("edit: a country's name", found("france", NULL, 0, 0),
	    "water-talks");
	T_STREQ("unpublish: saved", err_str(edit("water-talks",
	    "Marmot Summit", "draft", NULL, NULL)), err_str(ERR_OK));
	T_STREQ("unpublish: index in step", index_check(), "ok");
	T_STREQ("unpublish: not found", found("marmot", NULL, 0, 0), "");
	T_STREQ("publish again", err_str(edit("water-talks",
	    "Marmot Summit", "published", NULL, NULL)), err_str(ERR_OK));
	T_STREQ("publish again: found", found("marmot", NULL, 0, 0),
	    "water-talks");
	T_STREQ("publish again: its tag is gone", found("riverine", NULL, 0,
	    0), "");
	store_begin(st);
	T_STREQ("delete", err_str(store_article_delete(st,
	    id_of("quokka-body"))), err_str(ERR_OK));
	store_commit(st);
	T_STREQ("delete: index in step", index_check(), "ok");
	T_STREQ("delete: not found", found("zanzibarite", NULL, 0, 0), "");

	store_begin(st);
	T_STREQ("scheduler: due published", err_str(
	    store_articles_publish_due(st, "2026-11-26T09:30:00Z", 1, &due)),
	    err_str(ERR_OK));
	store_commit(st);
	T_STREQ("scheduler: index in step", index_check(), "ok");
	T_STREQ("scheduler: found", found("futures", NULL, 0, 0),
	    "quokka-later");

	store_begin(st);
	T_STREQ("issue unpublished", err_str(store_issue_publish(st, 1, 0,
	    "2026-11-26T10:00:00Z", &n)), err_str(ERR_OK));
	store_commit(st);
	T_TRUE("issue unpublished: it had articles", n > 0);
	T_STREQ("issue unpublished: index in step", index_check(), "ok");
	store_begin(st);
	store_issue_publish(st, 1, 1, "2026-11-26T10:00:00Z", &n);
	store_commit(st);
	T_STREQ("issue published: index in step", index_check(), "ok");

	store_person_get(st, author, &person);
	pid = json_integer_value(json_object_get(person, "id"));
	p.id = pid;
	p.slug = author;
	p.name = "Ines Wombatova";
	p.bio = p.photo = p.affiliation = p.role = "";
	store_begin(st);
	T_STREQ("person renamed", err_str(store_person_save(st, &p, &pid)),
	    err_str(ERR_OK));
	store_commit(st);
	T_STREQ("person renamed: index in step", index_check(), "ok");
	T_STREQ("person renamed: found by the new name",
	    found("wombatova futures", NULL, 0, 0), "quokka-later");

	test_html(json_integer_value(json_object_get(json_array_get(secs, 0),
	    "id")), pid);
	test_markdown(json_integer_value(json_object_get(json_array_get(secs,
	    0), "id")), pid);

	json_decref(person);
	json_decref(due);
	json_decref(secs);
	json_decref(people);
	sqlite3_close(db);
	store_close(st);
}

int
main(void)
{
	char dir[] = "/tmp/octavo-search.XXXXXX", path[256];
	static const char *const sfx[] = { "", "-wal", "-shm" };
	size_t i;

	test_parse();
	if (mkdtemp(dir) == NULL) {
		printf("FAIL fixture: mkdtemp\n");
		return 1;
	}
	test_store(dir);
	test_migration(dir);
	for (i = 0; i < nitems(sfx); i++) {
		snprintf(path, sizeof(path), "%s/s.db%s", dir, sfx[i]);
		unlink(path);
		snprintf(path, sizeof(path), "%s/m.db%s", dir, sfx[i]);
		unlink(path);
	}
	rmdir(dir);
	T_DONE();
}
