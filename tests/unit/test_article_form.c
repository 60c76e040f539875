/*
 * test_article_form: what the article editor does with what was typed
 * before anything is stored (article_input_of: numbers, the publication
 * time of a datetime-local field, tags and countries split at commas, a
 * status only editors may set), and the line diff of the revision pages
 * (diff_html: hunks, lines taken out and put in, escaping, a limit that
 * leaves the output as it was).
 */
#include <stdio.h>
#include <string.h>

#include "admin/admin.h"
#include "test.h"

static void
values_empty(struct article_values *v)
{
	memset(v, 0, sizeof(*v));
	v->title = v->slug = v->dek = v->body = v->status = v->publish_at =
	    v->section = v->issue = v->tags = v->countries = v->version = "";
}

static const char *
field_of(const struct article_problems *p, const char *field)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->p[i].field, field) == 0)
			return p->p[i].why;
	return "";
}

static const struct {
	const char	*name;
	const char	*publish_at;
	int64_t		 want;		/* -1: a problem */
} times[] = {
	{ "minutes", "2026-12-01T09:00", 1796115600 },
	{ "seconds", "2026-12-01T09:00:30", 1796115630 },
	{ "empty: none", "", 0 },
	{ "not a time", "soon", -1 },
	{ "no such month", "2026-13-01T09:00", -1 },
	{ "a zone is not ours to take", "2026-12-01T09:00Z", -1 },
	{ "an offset neither", "2026-12-01T09:00+02:00", -1 },
	{ "a date alone", "2026-12-01", -1 },
	{ "before 1970", "1969-12-31T23:59", -1 },
};

static void
test_times(struct arena *a)
{
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	size_t i;

	for (i = 0; i < nitems(times); i++) {
		values_empty(&v);
		v.publish_at = times[i].publish_at;
		v.status = "scheduled";
		article_input_of(a, &v, 0, 1, &in, &p);
		if (times[i].want < 0)
			T_TRUE(nm("publish_at refused", times[i].name),
			    *field_of(&p, "publish_at") != '\0');
		else
			T_INTEQ(nm("publish_at", times[i].name),
			    in.publish_at, times[i].want);
	}
}

static const struct {
	const char	*name;
	const char	*typed;
	int		 upper;		/* countries */
	const char	*want;		/* items joined by "|" */
	size_t		 n;
} lists[] = {
	{ "tags: trimmed, empty ones dropped", "Water,  Rivers , ,Fish ", 0,
	    "Water|Rivers|Fish", 3 },
	{ "tags: one", "Maps", 0, "Maps", 1 },
	{ "tags: none", " , ,", 0, "", 0 },
	{ "countries: upper-cased", "fr, De,BR", 1, "FR|DE|BR", 3 },
	{ "countries: tabs are blanks", "\tPT\t,\tES", 1, "PT|ES", 2 },
};

static void
test_lists(struct arena *a)
{
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	const char *const *items;
	char got[256];
	size_t i, k, n;

	for (i = 0; i < nitems(lists); i++) {
		values_empty(&v);
		if (lists[i].upper)
			v.countries = lists[i].typed;
		else
			v.tags = lists[i].typed;
		article_input_of(a, &v, 0, 1, &in, &p);
		items = lists[i].upper ? in.countries : in.tags;
		n = lists[i].upper ? in.ncountries : in.ntags;
		got[0] = '\0';
		for (k = 0; k < n; k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
			    "%s%s", k > 0 ? "|" : "", items[k]);
		T_INTEQ(nm("count", lists[i].name), n, lists[i].n);
		T_STREQ(nm("items", lists[i].name), got, lists[i].want);
	}
}

static void
test_fields(struct arena *a)
{
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	char many[256];
	size_t i;

	values_empty(&v);
	v.title = "T";
	v.section = "3";
	v.issue = "";
	v.authors[0] = "7";
	v.authors[1] = "2";
	v.nauthors = 2;
	v.status = "published";
	article_input_of(a, &v, 0, 1, &in, &p);
	T_INTEQ("numbers: section", in.section_id, 3);
	T_INTEQ("numbers: no issue is 0", in.issue_id, 0);
	T_INTEQ("numbers: authors in order", in.authors[0] * 10 +
	    in.authors[1], 72);
	T_INTEQ("an editor's status", in.status, ARTICLE_PUBLISHED);
	T_INTEQ("nothing wrong", p.n, 0);
	article_input_of(a, &v, 0, 0, &in, &p);
	T_INTEQ("an author's status is always draft", in.status,
	    ARTICLE_DRAFT);
	v.status = "gone";
	article_input_of(a, &v, 0, 1, &in, &p);
	T_TRUE("an unknown status refused", *field_of(&p, "status") != '\0');
	values_empty(&v);
	v.issue = "twelve";
	v.authors[0] = "x";
	v.nauthors = 1;
	article_input_of(a, &v, 0, 1, &in, &p);
	T_TRUE("an issue not a number refused",
	    *field_of(&p, "issue") != '\0');
	T_TRUE("an author not a number refused",
	    *field_of(&p, "author1") != '\0');
	values_empty(&v);
	article_input_of(a, &v, 5, 1, &in, &p);
	T_TRUE("an edit without its version refused",
	    *field_of(&p, "title") != '\0');
	many[0] = '\0';
	for (i = 0; i < ARTICLE_TAGS_MAX + 3; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many),
		    "t%zu,", i);
	values_empty(&v);
	v.tags = many;
	article_input_of(a, &v, 0, 1, &in, &p);
	T_TRUE("too many tags: counted past the maximum, not cut",
	    in.ntags == ARTICLE_TAGS_MAX + 1);
}

static const struct {
	const char	*name;
	const char	*a;
	const char	*b;
	const char	*want;
	long		 changed;
} diffs[] = {
	{ "the same", "a\nb\n", "a\nb\n", "", 0 },
	{ "one line changed",
	    "one\ntwo\nthree\n", "one\n2\nthree\n",
	    "<span class=\"diff-hunk\">Lines 1&ndash;3</span>\n"
	    "<span>one</span>\n<del>two</del>\n<ins>2</ins>\n"
	    "<span>three</span>\n", 2 },
	{ "from nothing", "", "new\n",
	    "<span class=\"diff-hunk\">Lines 1&ndash;1</span>\n"
	    "<ins>new</ins>\n", 1 },
	{ "to nothing", "old\n", "",
	    "<span class=\"diff-hunk\">Lines 1&ndash;1</span>\n"
	    "<del>old</del>\n", 1 },
	{ "escaped", "<b>&\n", "<i>\"'\n",
	    "<span class=\"diff-hunk\">Lines 1&ndash;1</span>\n"
	    "<del>&lt;b&gt;&amp;</del>\n"
	    "<ins>&lt;i&gt;&quot;&#39;</ins>\n", 2 },
	{ "no newline at the end", "a", "b",
	    "<span class=\"diff-hunk\">Lines 1&ndash;1</span>\n"
	    "<del>a</del>\n<ins>b</ins>\n", 2 },
};

static void
test_diff(void)
{
	struct buf b;
	long changed;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(diffs); i++) {
		buf_init(&b, 4096);
		rc = diff_html(&b, diffs[i].a, strlen(diffs[i].a), diffs[i].b,
		    strlen(diffs[i].b), &changed);
		T_INTEQ(nm("diff ok", diffs[i].name), rc, ERR_OK);
		T_STREQ(nm("diff", diffs[i].name), b.p != NULL ? b.p : "",
		    diffs[i].want);
		T_INTEQ(nm("diff counted", diffs[i].name), changed,
		    diffs[i].changed);
		buf_free(&b);
	}
	/* Context: three lines around a change, the rest left out. */
	buf_init(&b, 4096);
	diff_html(&b, "1\n2\n3\n4\n5\n6\n7\n8\n9\n", 18,
	    "1\n2\n3\n4\n5\n6\n7\n8\nnine\n", 21, &changed);
	T_TRUE("context: three lines before", strstr(b.p, "<span>6</span>")
	    != NULL && strstr(b.p, "<span>5</span>") == NULL);
	buf_free(&b);
	/* Past the limit: ERR_LIMIT, the output as it was. */
	buf_init(&b, 32);
	buf_puts(&b, "kept");
	rc = diff_html(&b, "a\n", 2, "b\n", 2, &changed);
	T_INTEQ("past the limit: ERR_LIMIT", rc, ERR_LIMIT);
	T_STREQ("past the limit: output as it was", b.p, "kept");
	buf_free(&b);
}

int
main(void)
{
	struct arena *a = arena_new();

	test_times(a);
	test_lists(a);
	test_fields(a);
	test_diff();
	arena_free(a);
	return test_failed;
}
