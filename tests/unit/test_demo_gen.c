/*
 * test_demo_gen: the demo journal generator.  Each run collects what a
 * store would need to check: counts per kind, slugs, and whether every
 * reference names a record emitted before it; plus a hash of every record
 * serialised with sorted keys, so that two runs can be compared whole,
 * and a run with the committed one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/demo_gen.h"
#include "cli/demo_words.h"
#include "test.h"

#define GOLDEN_600_7	UINT64_C(0x20bb3f70d127c239)	/* see below */
#define MAX_SECTIONS	16
#define MAX_PERSONS	64
#define MAX_ISSUES	300
#define MAX_TAGS	128

static const char *const kinds[] = {
	"site", "section", "pub_type", "person", "issue", "article",
	"publication", "link", "event",
};

struct run {
	const char	*today;
	long		 stop_after;	/* fail the emits after so many */
	long		 calls;
	long		 n[nitems(kinds)];
	size_t		 last_kind;
	uint64_t	 hash;
	char		*sections[MAX_SECTIONS];
	char		*section_names[MAX_SECTIONS];
	size_t		 nsections;
	char		*persons[MAX_PERSONS];
	int		 staff[MAX_PERSONS];
	size_t		 npersons;
	char		 issue_date[MAX_ISSUES + 1][11];
	long		 nissues;
	char		**slugs;	/* article slugs */
	size_t		 nslugs;
	long		 cur_issue, cur_pos, cur_sec;
	unsigned	 types_seen;
	long		 future;
	int		 bad_kind_order, bad_slug, bad_ref, bad_order;
	int		 bad_para, bad_pub, bad_issue, bad_link, bad_reads;
	char		*tags[MAX_TAGS];	/* every tag seen */
	size_t		 ntags;
	char		 codes[DEMO_NCOUNTRIES + 1][3];	/* countries seen */
	size_t		 ncodes;
	long		 with_country;	/* articles naming one */
	int		 bad_terms;
};

/* Fold a record's hash into the run's, in order. */
static uint64_t
mix(uint64_t h, const char *s, size_t n)
{
	return (h ^ hash_bytes(s, n)) * UINT64_C(0x100000001b3);
}

static const char *
get_s(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static long
get_i(json_t *rec, const char *key)
{
	return (long)json_integer_value(json_object_get(rec, key));
}

/* Days since the epoch of "YYYY-MM-DD...", -1 if malformed. */
static long
day_of(const char *s)
{
	struct tm tm;

	if (s == NULL || time_parse_date(s, &tm) != ERR_OK)
		return -1;
	return (long)(timegm(&tm) / 86400);
}

static int
weekday_of(const char *s)
{
	struct tm tm;

	if (s == NULL || time_parse_date(s, &tm) != ERR_OK)
		return -1;
	return tm.tm_wday;
}

static int
slug_ok(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n > LIMIT_SLUG ||
	    s[0] == '-' || s[n - 1] == '-' || strstr(s, "--") != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int
find(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (int)i;
	return -1;
}

/* Every plain paragraph of a body has 60 to 140 words. */
static int
body_ok(const char *body)
{
	const char *p, *end;
	size_t words, i;

	if (body == NULL || strncmp(body, "## ", 3) == 0)
		return 0;
	for (p = body; *p != '\0'; p = *end == '\0' ? end : end + 2) {
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		if (strncmp(p, "## ", 3) == 0 || strncmp(p, "- ", 2) == 0)
			continue;
		for (words = 1, i = 0; p + i < end; i++)
			if (p[i] == ' ')
				words++;
		if (words < 60 || words > 140)
			return 0;
	}
	return 1;
}

/*
 * An article's tags: one to four distinct strings; its countries: the
 * codes the gazetteer finds in its title, dek and body, read here as one
 * text, in any order.
 */
static void
on_terms(struct run *r, json_t *rec)
{
	json_t *tags = json_object_get(rec, "tags"), *cs, *it;
	char text[1 << 17], found[16][3];
	size_t i, k, n;
	int len;

	if (json_array_size(tags) < 1 || json_array_size(tags) > 4)
		r->bad_terms = 1;
	json_array_foreach(tags, i, it) {
		if (!json_is_string(it))
			r->bad_terms = 1;
		else if (find(r->tags, r->ntags, json_string_value(it)) < 0 &&
		    r->ntags < MAX_TAGS)
			r->tags[r->ntags++] = strdup(json_string_value(it));
		for (k = 0; k < i; k++)
			if (json_equal(it, json_array_get(tags, k)))
				r->bad_terms = 1;
	}
	len = snprintf(text, sizeof(text), "%s\n%s\n%s", get_s(rec, "title"),
	    get_s(rec, "dek"), get_s(rec, "body"));
	if (len < 0 || (size_t)len >= sizeof(text)) {
		r->bad_terms = 1;
		return;
	}
	n = gazetteer_match(text, (size_t)len, found, nitems(found));
	cs = json_object_get(rec, "countries");
	if (json_array_size(cs) != n)
		r->bad_terms = 1;
	for (i = 0; i < n; i++) {
		for (k = 0; k < json_array_size(cs); k++)
			if (strcmp(found[i], json_string_value(json_array_get(
			    cs, k))) == 0)
				break;
		if (k == json_array_size(cs))
			r->bad_terms = 1;
		for (k = 0; k < r->ncodes; k++)
			if (strcmp(r->codes[k], found[i]) == 0)
				break;
		if (k == r->ncodes && r->ncodes < nitems(r->codes))
			memcpy(r->codes[r->ncodes++], found[i], 3);
	}
	r->with_country += n > 0;
}

static void
on_article(struct run *r, json_t *rec)
{
	json_t *authors = json_object_get(rec, "authors");
	const char *when = get_s(rec, "published_at");
	long issue = get_i(rec, "issue"), pos = get_i(rec, "position");
	int sec = find(r->sections, r->nsections, get_s(rec, "section"));
	size_t i, na = json_array_size(authors);

	if (!slug_ok(get_s(rec, "slug")))
		r->bad_slug = 1;
	r->slugs = realloc(r->slugs, (r->nslugs + 1) * sizeof(*r->slugs));
	r->slugs[r->nslugs++] = strdup(get_s(rec, "slug"));
	if (sec < 0 || issue < 1 || issue > r->nissues || na < 1 || na > 2)
		r->bad_ref = 1;
	for (i = 0; i < na; i++)
		if (find(r->persons, r->npersons,
		    json_string_value(json_array_get(authors, i))) < 0)
			r->bad_ref = 1;
	if (na == 2 && json_equal(json_array_get(authors, 0),
	    json_array_get(authors, 1)))
		r->bad_ref = 1;
	if (issue == r->cur_issue && pos == r->cur_pos + 1 &&
	    sec >= r->cur_sec)
		;
	else if (issue == r->cur_issue + 1 && pos == 1)
		;
	else
		r->bad_order = 1;
	r->cur_issue = issue;
	r->cur_pos = pos;
	r->cur_sec = sec;
	if (when == NULL || strlen(when) != 20 || issue < 1 ||
	    issue > r->nissues ||
	    strncmp(when, r->issue_date[issue], 10) != 0)
		r->bad_order = 1;
	if (!body_ok(get_s(rec, "body")) || !utf8_valid(get_s(rec, "body"),
	    strlen(get_s(rec, "body"))) || get_s(rec, "title") == NULL ||
	    get_s(rec, "dek") == NULL)
		r->bad_para = 1;
	if (get_i(rec, "reads") < 0 || get_i(rec, "reads") > 5000)
		r->bad_reads = 1;
	on_terms(r, rec);
}

static void
on_publication(struct run *r, json_t *rec)
{
	static const char *const types[] = {
		"research-paper", "analysis", "op-ed", "book",
	};
	json_t *authors = json_object_get(rec, "authors");
	long d = day_of(get_s(rec, "date")), today = day_of(r->today);
	size_t i, na = json_array_size(authors);
	int k, t = -1;

	for (i = 0; i < nitems(types); i++)
		if (get_s(rec, "type") != NULL &&
		    strcmp(get_s(rec, "type"), types[i]) == 0)
			t = (int)i;
	if (t < 0)
		r->bad_pub = 1;
	else
		r->types_seen |= 1u << t;
	if (na < 1 || na > 3 || d >= today || d < today - 731 ||
	    get_s(rec, "url") == NULL ||
	    strncmp(get_s(rec, "url"), "https://example.org/pub/", 24) != 0)
		r->bad_pub = 1;
	for (i = 0; i < na; i++) {
		k = find(r->persons, r->npersons,
		    json_string_value(json_array_get(authors, i)));
		if (k < 0 || !r->staff[k])
			r->bad_pub = 1;
	}
}

static enum err
collect(void *arg, const char *kind, json_t *rec)
{
	struct run *r = arg;
	const char *s;
	char *text;
	size_t k;

	r->calls++;
	if (r->stop_after > 0 && r->calls > r->stop_after)
		return ERR_CONFLICT;
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	r->hash = mix(r->hash, kind, strlen(kind) + 1);
	if (text != NULL)
		r->hash = mix(r->hash, text, strlen(text));
	free(text);
	for (k = 0; k < nitems(kinds); k++)
		if (strcmp(kind, kinds[k]) == 0)
			break;
	if (k == nitems(kinds) || k < r->last_kind) {
		r->bad_kind_order = 1;
		return ERR_OK;
	}
	r->last_kind = k;
	r->n[k]++;
	if (strcmp(kind, "section") == 0 && r->nsections < MAX_SECTIONS) {
		if (!slug_ok(get_s(rec, "slug")) ||
		    find(r->sections, r->nsections, get_s(rec, "slug")) >= 0 ||
		    get_i(rec, "position") != (long)r->nsections + 1)
			r->bad_slug = 1;
		r->sections[r->nsections] = strdup(get_s(rec, "slug"));
		r->section_names[r->nsections++] = strdup(get_s(rec, "name"));
	} else if (strcmp(kind, "person") == 0 &&
	    r->npersons < MAX_PERSONS) {
		if (!slug_ok(get_s(rec, "slug")) ||
		    find(r->persons, r->npersons, get_s(rec, "slug")) >= 0 ||
		    get_s(rec, "bio") == NULL)
			r->bad_slug = 1;
		r->staff[r->npersons] =
		    json_is_true(json_object_get(rec, "staff"));
		r->persons[r->npersons++] = strdup(get_s(rec, "slug"));
	} else if (strcmp(kind, "issue") == 0 && r->nissues < MAX_ISSUES) {
		s = get_s(rec, "date");
		if (get_i(rec, "number") != r->nissues + 1 || s == NULL ||
		    strlen(s) != 10 || (r->nissues > 0 && day_of(s) -
		    day_of(r->issue_date[r->nissues]) != 14) ||
		    get_i(rec, "volume") < 1 || get_i(rec, "volume") > 11)
			r->bad_issue = 1;
		r->nissues++;
		snprintf(r->issue_date[r->nissues], 11, "%s", s ? s : "");
	} else if (strcmp(kind, "article") == 0) {
		on_article(r, rec);
	} else if (strcmp(kind, "publication") == 0) {
		on_publication(r, rec);
	} else if (strcmp(kind, "link") == 0) {
		s = get_s(rec, "url");
		if (s == NULL || (strncmp(s, "https://example.org/", 20) &&
		    strncmp(s, "https://example.com/", 20) &&
		    strncmp(s, "https://example.net/", 20)))
			r->bad_link = 1;
	} else if (strcmp(kind, "event") == 0) {
		s = get_s(rec, "starts_at");
		if (s != NULL && strncmp(s, r->today, 10) > 0)
			r->future++;
		if (s == NULL || get_s(rec, "ends_at") == NULL ||
		    strcmp(get_s(rec, "ends_at"), s) <= 0)
			r->bad_link = 1;
	}
	return ERR_OK;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
slugs_unique(struct run *r)
{
	size_t i;

	qsort(r->slugs, r->nslugs, sizeof(*r->slugs), cmp_str);
	for (i = 1; i < r->nslugs; i++)
		if (strcmp(r->slugs[i - 1], r->slugs[i]) == 0)
			return 0;
	return 1;
}

static void
run_free(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nsections; i++) {
		free(r->sections[i]);
		free(r->section_names[i]);
	}
	for (i = 0; i < r->npersons; i++)
		free(r->persons[i]);
	for (i = 0; i < r->nslugs; i++)
		free(r->slugs[i]);
	free(r->slugs);
	for (i = 0; i < r->ntags; i++)
		free(r->tags[i]);
}

static enum err
run(struct run *r, long articles, unsigned long seed, const char *today)
{
	struct demo_opts o;

	memset(r, 0, sizeof(*r));
	r->today = today;
	r->hash = UINT64_C(0xcbf29ce484222325);
	r->cur_sec = -1;
	o.articles = articles;
	o.seed = seed;
	o.today = today;
	return demo_generate(&o, collect, r);
}

static void
test_default_run(void)
{
	static const struct {
		const char	*kind;
		long		 min, max;
	} want[] = {
		{ "site", 1, 1 }, { "section", 4, 5 }, { "pub_type", 4, 4 },
		{ "person", 25, 35 }, { "issue", 50, 50 },
		{ "article", 600, 600 }, { "publication", 35, 45 },
		{ "link", 5, 6 }, { "event", 8, 12 },
	};
	static const char *const names[] = {
		"Field Reports", "Analytical Articles", "News Digest",
	};
	char label[64];
	struct run r;
	size_t i;
	long staff = 0;

	T_INTEQ("default run succeeds", run(&r, 600, 42, "2024-03-15"),
	    ERR_OK);
	for (i = 0; i < nitems(want); i++) {
		snprintf(label, sizeof(label), "count of %s in range",
		    want[i].kind);
		if (r.n[i] >= want[i].min && r.n[i] <= want[i].max)
			T_PASS(label);
		else
			T_INTEQ(label, r.n[i], want[i].min);
	}
	T_TRUE("kinds come in order", !r.bad_kind_order);
	for (i = 0; i < nitems(names); i++) {
		snprintf(label, sizeof(label), "section %s present", names[i]);
		T_TRUE(label, find(r.section_names, r.nsections,
		    names[i]) >= 0);
	}
	T_TRUE("section field-reports",
	    find(r.sections, r.nsections, "field-reports") >= 0);
	T_TRUE("section analytical-articles",
	    find(r.sections, r.nsections, "analytical-articles") >= 0);
	T_TRUE("section news-digest",
	    find(r.sections, r.nsections, "news-digest") >= 0);
	for (i = 0; i < r.npersons; i++)
		staff += r.staff[i];
	T_TRUE("about a dozen staff", staff >= 8 && staff <= 16);
	T_TRUE("section and person slugs valid, unique", !r.bad_slug);
	T_TRUE("article slugs unique", slugs_unique(&r));
	T_TRUE("article references resolve", !r.bad_ref);
	T_TRUE("article order and published_at", !r.bad_order);
	T_TRUE("body paragraphs of 60 to 140 words", !r.bad_para);
	T_TRUE("reads in 0..5000", !r.bad_reads);
	T_TRUE("issues numbered, 14 days apart", !r.bad_issue);
	T_STREQ("newest issue is the last Wednesday", r.issue_date[r.nissues],
	    "2024-03-13");
	T_INTEQ("newest issue is a Wednesday",
	    weekday_of(r.issue_date[r.nissues]), 3);
	T_TRUE("publications valid, by staff", !r.bad_pub);
	T_INTEQ("all publication types", r.types_seen, 0xf);
	T_TRUE("links and events valid", !r.bad_link);
	T_TRUE("about half the events ahead",
	    r.future * 3 >= r.n[8] && r.future * 3 <= r.n[8] * 2);
	T_TRUE("tags: one to four an article; countries: those the "
	    "gazetteer finds in its text", !r.bad_terms);
	T_TRUE("tags: 40 to 80 in all", r.ntags >= 40 && r.ntags <= 80);
	T_TRUE("countries: 20 or more in all", r.ncodes >= 20);
	T_TRUE("countries: most articles name one, not all",
	    r.with_country > 600 / 2 && r.with_country < 600);
	run_free(&r);
}

/* Each country the bodies name is the gazetteer's, by name and adjective. */
static void
test_countries_known(void)
{
	char found[4][3], first[3] = "";
	size_t i, k, n;
	int ok = 1;

	for (i = 0; i < DEMO_NCOUNTRIES; i++) {
		const char *form[2] = { demo_countries[i].name,
		    demo_countries[i].adjective };

		for (k = 0; k < 2; k++) {
			n = gazetteer_match(form[k], strlen(form[k]), found, 4);
			if (k == 0 && n == 1)
				memcpy(first, found[0], 3);
			if (n != 1 || strcmp(found[0], first) != 0 ||
			    strcmp(first, "KZ") == 0 ||
			    strcmp(first, "TJ") == 0) {
				printf("    %s: %zu countries\n", form[k], n);
				ok = 0;
			}
		}
	}
	T_TRUE("every demo country's name and adjective is one country of "
	    "the gazetteer's (never the tests' KZ or TJ)", ok);
}

static void
test_same_seed_same_journal(void)
{
	struct run a, b;

	run(&a, 600, 7, "2024-03-15");
	run(&b, 600, 7, "2024-03-15");
	T_TRUE("same seed, same records", a.hash == b.hash && a.calls > 0);
	/*
	 * The records of this seed as they were when the word tables, the
	 * slugs and the dates moved out of demo_gen.c: octavo demo must
	 * keep giving a seed's journal byte for byte.  (A deliberate change
	 * to the generator updates this number, and says so.)
	 */
	if (a.hash == GOLDEN_600_7)
		T_PASS("seed 7: the records as committed");
	else {
		printf("FAIL seed 7: the records as committed: have %#llx, "
		    "want %#llx\n", (unsigned long long)a.hash,
		    (unsigned long long)GOLDEN_600_7);
		test_failed = 1;
	}
	run_free(&b);
	run(&b, 600, 8, "2024-03-15");
	T_TRUE("other seed, other records", a.hash != b.hash);
	run_free(&b);
	run(&b, 600, 7, "2024-06-01");
	T_TRUE("other date, other records", a.hash != b.hash);
	run_free(&a);
	run_free(&b);
}

static void
test_wednesday_is_newest(void)
{
	struct run r;

	run(&r, 100, 1, "2024-03-13");
	T_STREQ("today a Wednesday: newest issue today",
	    r.issue_date[r.nissues], "2024-03-13");
	run_free(&r);
	run(&r, 100, 1, "2024-03-12");
	T_STREQ("today a Tuesday: newest issue six days ago",
	    r.issue_date[r.nissues], "2024-03-06");
	run_free(&r);
}

static void
test_sizes(void)
{
	struct run r;

	T_INTEQ("one article", run(&r, 1, 3, "2020-02-29"), ERR_OK);
	T_INTEQ("one article: one issue", r.n[4], 1);
	T_INTEQ("one article: one article", r.n[5], 1);
	T_TRUE("one article: order", !r.bad_order && !r.bad_ref);
	run_free(&r);
	T_INTEQ("4000 articles", run(&r, 4000, 3, "2030-01-01"), ERR_OK);
	T_INTEQ("4000 articles: issues capped", r.n[4], 260);
	T_INTEQ("4000 articles: all emitted", r.n[5], 4000);
	T_TRUE("4000 articles: slugs unique", slugs_unique(&r));
	T_TRUE("4000 articles: order and references",
	    !r.bad_order && !r.bad_ref && !r.bad_issue && !r.bad_para);
	run_free(&r);
}

static void
test_bad_opts(void)
{
	static const struct {
		const char	*name;
		long		 articles;
		const char	*today;
		enum err	 want;
	} t[] = {
		{ "zero articles", 0, "2024-03-15", ERR_INVAL },
		{ "negative articles", -5, "2024-03-15", ERR_INVAL },
		{ "too many articles", 1000001, "2024-03-15", ERR_INVAL },
		{ "no date", 10, NULL, ERR_PARSE },
		{ "empty date", 10, "", ERR_PARSE },
		{ "word for a date", 10, "yesterday", ERR_PARSE },
		{ "30 February", 10, "2024-02-30", ERR_PARSE },
		{ "29 February, not leap", 10, "2023-02-29", ERR_PARSE },
		{ "month 13", 10, "2024-13-01", ERR_PARSE },
		{ "short date", 10, "2024-3-15", ERR_PARSE },
		{ "trailing junk", 10, "2024-03-15x", ERR_PARSE },
		{ "year out of range", 10, "0042-03-15", ERR_INVAL },
	};
	char label[64];
	struct run r;
	size_t i;

	for (i = 0; i < nitems(t); i++) {
		T_INTEQ(t[i].name, run(&r, t[i].articles, 1, t[i].today),
		    t[i].want);
		snprintf(label, sizeof(label), "%s: nothing emitted",
		    t[i].name);
		T_INTEQ(label, r.calls, 0);
		run_free(&r);
	}
}

static void
test_emit_error_stops(void)
{
	struct run r;
	struct demo_opts o = { 600, 1, "2024-03-15" };

	memset(&r, 0, sizeof(r));
	r.today = o.today;
	r.stop_after = 3;
	T_INTEQ("emit error returned", demo_generate(&o, collect, &r),
	    ERR_CONFLICT);
	T_INTEQ("no call after the error", r.calls, 4);
	run_free(&r);
}

int
main(void)
{
	test_default_run();
	test_countries_known();
	test_same_seed_same_journal();
	test_wednesday_is_newest();
	test_sizes();
	test_bad_opts();
	test_emit_error_stops();
	T_DONE();
}
