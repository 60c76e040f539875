/*
 * test_mustache_spec: the template engine against the Mustache
 * specification's conformance files, read as they are from the directory
 * given as argv[1] (default tests/data/mustache-spec of the repository,
 * see its SOURCE).  Every spec test prints one line named
 * "mustache/<file>/<test name>"; lambdas and dynamic names are not
 * supported, so their files are skipped.  Octavo's own checks follow:
 * parse errors carry the line number, and recursion, runaway templates and
 * full buffers end in ERR_LIMIT without a crash.  Strings in FAIL lines
 * are shown C-escaped so that newlines and blanks can be seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tmpl/tmpl.h"
#include "test.h"

#define SPEC_MAIN	"(spec main)"	/* no partial can have this name */

static const char *const spec_files[] = {
	"comments",
	"delimiters",
	"interpolation",
	"inverted",
	"partials",
	"sections",
	"~inheritance",
};

static int	spec_pass;
static int	spec_total;

/* s with \n, \r, \t, \\ and \" escaped; caller frees. */
static char *
test_escape(const char *s)
{
	struct buf b;
	size_t len;

	buf_init(&b, LIMIT_PAGE * 2 + 64);
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '\n':
			buf_puts(&b, "\\n");
			break;
		case '\r':
			buf_puts(&b, "\\r");
			break;
		case '\t':
			buf_puts(&b, "\\t");
			break;
		case '\\':
			buf_puts(&b, "\\\\");
			break;
		case '"':
			buf_puts(&b, "\\\"");
			break;
		default:
			buf_putc(&b, *s);
			break;
		}
	}
	return buf_take(&b, &len);
}

/* Compare two strings, showing them escaped if they differ. */
static int
test_same(const char *name, const char *have, const char *want)
{
	char *h, *w;
	int ok;

	ok = have != NULL && want != NULL && strcmp(have, want) == 0;
	h = test_escape(have == NULL ? "(null)" : have);
	w = test_escape(want == NULL ? "(null)" : want);
	T_STREQ(name, h, w);
	free(h);
	free(w);
	return ok;
}

/* Render one spec test case; caller frees the result. */
static char *
spec_render(json_t *tc)
{
	struct tmpl_set *set;
	struct buf out;
	json_t *partials, *v;
	const char *key, *src;
	char errmsg[256], *res = NULL;
	size_t len;
	enum err rc;

	set = tmpl_set_new();
	buf_init(&out, LIMIT_PAGE);
	errmsg[0] = '\0';
	partials = json_object_get(tc, "partials");
	json_object_foreach(partials, key, v) {
		rc = tmpl_set_add(set, key, json_string_value(v),
		    json_string_length(v), errmsg, sizeof(errmsg));
		if (rc != ERR_OK)
			goto fail;
	}
	v = json_object_get(tc, "template");
	src = json_string_value(v);
	rc = tmpl_set_add(set, SPEC_MAIN, src, json_string_length(v),
	    errmsg, sizeof(errmsg));
	if (rc != ERR_OK)
		goto fail;
	rc = tmpl_render(set, SPEC_MAIN, json_object_get(tc, "data"), &out);
	if (rc != ERR_OK)
		goto fail;
	res = buf_take(&out, &len);
	goto out;
fail:
	buf_reset(&out);
	buf_printf(&out, "(error %s: %s)", err_str(rc), errmsg);
	res = buf_take(&out, &len);
out:
	buf_free(&out);
	tmpl_set_free(set);
	return res;
}

static void
spec_run_file(const char *dir, const char *file)
{
	char path[1024], name[512], *have;
	json_error_t jerr;
	json_t *root, *tests, *tc;
	size_t i;
	int n;

	n = snprintf(path, sizeof(path), "%s/%s.json", dir, file);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		printf("FAIL mustache/%s: path too long\n", file);
		test_failed = 1;
		spec_total++;
		return;
	}
	root = json_load_file(path, 0, &jerr);
	tests = json_object_get(root, "tests");
	if (root == NULL || !json_is_array(tests)) {
		printf("FAIL mustache/%s: have no tests in %s (%s), "
		    "want some\n", file, path, jerr.text);
		test_failed = 1;
		spec_total++;
		json_decref(root);
		return;
	}
	json_array_foreach(tests, i, tc) {
		snprintf(name, sizeof(name), "mustache/%s/%s", file,
		    json_string_value(json_object_get(tc, "name")));
		have = spec_render(tc);
		spec_total++;
		if (test_same(name, have, json_string_value(
		    json_object_get(tc, "expected"))))
			spec_pass++;
		free(have);
	}
	json_decref(root);
}

/*
 * Octavo's own checks.
 */

/* Compile src alone; check the error code and message. */
static void
own_parse(const char *name, const char *src, size_t len, enum err want,
    const char *wantmsg)
{
	struct tmpl_set *set = tmpl_set_new();
	char errmsg[128], tname[128];
	enum err rc;

	rc = tmpl_set_add(set, "t", src, len, errmsg, sizeof(errmsg));
	snprintf(tname, sizeof(tname), "tmpl/parse/%s", name);
	T_INTEQ(tname, rc, want);
	if (wantmsg != NULL) {
		snprintf(tname, sizeof(tname), "tmpl/parse/%s/msg", name);
		T_STREQ(tname, errmsg, wantmsg);
	}
	snprintf(tname, sizeof(tname), "tmpl/parse/%s/not-added", name);
	T_INTEQ(tname, tmpl_set_has(set, "t"), want == ERR_OK);
	tmpl_set_free(set);
}

/*
 * Add "name=src" pairs (NULL-terminated), render the first against data
 * (JSON text) into a buffer of max bytes; check code and output.
 */
static void
own_render(const char *name, const char *const *tmpls, const char *data,
    size_t max, enum err want, const char *wantout)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out;
	json_t *j = NULL;
	char tname[128], errmsg[128];
	enum err rc = ERR_OK;
	size_t i;

	buf_init(&out, max);
	for (i = 0; tmpls[i] != NULL; i += 2) {
		rc = tmpl_set_add(set, tmpls[i], tmpls[i + 1],
		    strlen(tmpls[i + 1]), errmsg, sizeof(errmsg));
		if (rc != ERR_OK) {
			printf("FAIL tmpl/render/%s: add %s: %s\n", name,
			    tmpls[i], errmsg);
			test_failed = 1;
			goto out;
		}
	}
	if (data != NULL)
		j = json_loads(data, JSON_DECODE_ANY, NULL);
	rc = tmpl_render(set, tmpls[0], j, &out);
	snprintf(tname, sizeof(tname), "tmpl/render/%s", name);
	T_INTEQ(tname, rc, want);
	snprintf(tname, sizeof(tname), "tmpl/render/%s/output", name);
	test_same(tname, out.p == NULL ? "" : out.p, wantout);
out:
	json_decref(j);
	buf_free(&out);
	tmpl_set_free(set);
}

/*
 * Thirty partials, each including the next twice: nesting stays within
 * the limit but the work doubles at each level; the step cap stops it.
 */
static void
own_fanout(void)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out;
	char name[16], src[64];
	int i, n;
	enum err rc;

	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		n = snprintf(src, sizeof(src), "{{>p%d}}{{#x}}{{/x}}{{>p%d}}",
		    i + 1, i + 1);
		tmpl_set_add(set, name, src, (size_t)n, NULL, 0);
	}
	buf_init(&out, LIMIT_PAGE);
	rc = tmpl_render(set, "p0", NULL, &out);
	T_INTEQ("tmpl/render/runaway-fanout", rc, ERR_LIMIT);
	buf_free(&out);
	tmpl_set_free(set);
}

static void
own_tests(void)
{
	struct tmpl_set *set;
	struct buf out;
	char *big, deep[LIMIT_TMPL_DEPTH * 12 + 16];
	size_t i, n;
	enum err rc;

	own_parse("unclosed-section", "a\n{{#s}}\nb\n", 11, ERR_PARSE,
	    "line 2: unclosed section \"s\"");
	own_parse("mismatched-close", "{{#a}}\nx\n{{/b}}", 15, ERR_PARSE,
	    "line 3: \"/b\" closes \"a\" from line 1");
	own_parse("closes-nothing", "x{{/a}}", 7, ERR_PARSE,
	    "line 1: \"/a\" closes nothing");
	own_parse("unclosed-tag", "x\n\n{{name", 10, ERR_PARSE,
	    "line 3: unclosed tag");
	own_parse("unclosed-triple", "{{{name}}", 9, ERR_PARSE,
	    "line 1: unclosed tag");
	own_parse("bad-delimiters", "x\n{{=<%=}}", 10, ERR_PARSE,
	    "line 2: bad delimiters");
	own_parse("bad-delimiters-three", "{{=a b c=}}", 11, ERR_PARSE,
	    "line 1: bad delimiters");
	own_parse("bad-name", "{{a..b}}", 8, ERR_PARSE,
	    "line 1: bad name \"a..b\"");
	own_parse("empty-name", "{{ }}", 5, ERR_PARSE,
	    "line 1: bad tag name");
	own_parse("unclosed-parent", "{{<p}}{{$b}}x{{/b}}", 19, ERR_PARSE,
	    "line 1: unclosed section \"p\"");

	/* 64 nested sections compile; 65 do not. */
	n = 0;
	for (i = 0; i < LIMIT_TMPL_DEPTH; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{#a}}");
	for (i = 0; i < LIMIT_TMPL_DEPTH; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{/a}}");
	own_parse("depth-limit-ok", deep, n, ERR_OK, NULL);
	n = 0;
	for (i = 0; i < LIMIT_TMPL_DEPTH; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "{{#a}}");
	n += (size_t)snprintf(deep + n, sizeof(deep) - n, "\n{{#a}}");
	own_parse("depth-limit", deep, n, ERR_PARSE,
	    "line 2: sections nested deeper than 64");

	big = malloc(LIMIT_TEMPLATE + 1);
	if (big == NULL)
		abort();
	memset(big, 'x', LIMIT_TEMPLATE + 1);
	own_parse("too-large", big, LIMIT_TEMPLATE + 1, ERR_PARSE,
	    "line 1: template larger than 262144 bytes");
	own_parse("largest", big, LIMIT_TEMPLATE, ERR_OK, NULL);
	free(big);

	set = tmpl_set_new();
	rc = tmpl_set_add(set, "a", "1", 1, NULL, 0);
	T_INTEQ("tmpl/set/add", rc, ERR_OK);
	rc = tmpl_set_add(set, "a", "2", 1, NULL, 0);
	T_INTEQ("tmpl/set/conflict", rc, ERR_CONFLICT);
	buf_init(&out, 100);
	rc = tmpl_render(set, "a", NULL, &out);
	T_INTEQ("tmpl/set/conflict-kept-first", rc, ERR_OK);
	T_STREQ("tmpl/set/conflict-kept-first/output", out.p, "1");
	rc = tmpl_render(set, "nope", NULL, &out);
	T_INTEQ("tmpl/render/notfound", rc, ERR_NOTFOUND);
	T_STREQ("tmpl/render/notfound/output-kept", out.p, "1");
	buf_free(&out);
	tmpl_set_free(set);
	tmpl_set_free(NULL);

	own_render("self-recursive-partial",
	    (const char *const[]){ "self", "x{{>self}}", NULL }, "{}",
	    LIMIT_PAGE, ERR_LIMIT, "");
	own_render("self-recursive-parent",
	    (const char *const[]){ "a", "{{<b}}{{/b}}", "b",
	    "{{<a}}{{$x}}{{/x}}{{/a}}", NULL }, "{}", LIMIT_PAGE,
	    ERR_LIMIT, "");
	own_render("runaway-without-output",
	    (const char *const[]){ "p", "{{>p}}{{>p}}", NULL }, "{}",
	    LIMIT_PAGE, ERR_LIMIT, "");
	own_fanout();
	own_render("deep-data-sections",
	    (const char *const[]){ "p", "{{#a}}{{>p}}{{/a}}", NULL },
	    "{\"a\": [1, 2]}", LIMIT_PAGE, ERR_LIMIT, "");
	own_render("output-limit",
	    (const char *const[]){ "t", "0123456789{{x}}", NULL },
	    "{\"x\": \"abc\"}", 12, ERR_LIMIT, "");
	own_render("output-at-limit",
	    (const char *const[]){ "t", "0123456789{{x}}", NULL },
	    "{\"x\": \"ab\"}", 12, ERR_OK, "0123456789ab");
	own_render("escape",
	    (const char *const[]){ "t", "{{x}}|{{{x}}}|{{&x}}", NULL },
	    "{\"x\": \"<a href='x'>&\\\"</a>\"}", LIMIT_PAGE, ERR_OK,
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|"
	    "<a href='x'>&\"</a>|<a href='x'>&\"</a>");
	own_render("numbers",
	    (const char *const[]){ "t",
	    "{{#n}}{{.}} {{/n}}{{t}} {{f}} {{o}}{{a}}.", NULL },
	    "{\"n\": [100.0, 0.5, -2.5, 1e21, 1e-7, 0.000001, "
	    "123456789.125, 0.1, -7, 9007199254740993], \"t\": true, "
	    "\"f\": false, \"o\": {\"k\": 1}, \"a\": [1]}",
	    LIMIT_PAGE, ERR_OK,
	    "100 0.5 -2.5 1e+21 1e-7 0.000001 123456789.125 0.1 -7 "
	    "9007199254740993 true false .");
	own_render("nested-indentation",
	    (const char *const[]){ "t", "a\n  {{>p}}\nz\n", "p",
	    "b\n  {{>q}}\n\ny\n", "q", "c\n{{x}}\n", NULL },
	    "{\"x\": \"1\\n2\"}", LIMIT_PAGE, ERR_OK,
	    "a\n  b\n    c\n    1\n2\n\n  y\nz\n");
	own_render("inline-partial-not-indented",
	    (const char *const[]){ "t", "  {{>p}}\n  x {{>p}}\n", "p",
	    "a\nb\n", NULL }, "{}", LIMIT_PAGE, ERR_OK,
	    "  a\n  b\n  x a\nb\n\n");
	own_render("layout",
	    (const char *const[]){ "page",
	    "{{<layout}}\n"
	    "  {{$title}}{{article.title}}{{/title}}\n"
	    "  {{$body}}\n"
	    "    <h1>{{article.title}}</h1>\n"
	    "    {{#article.tags}}\n"
	    "    <a>{{.}}</a>\n"
	    "    {{/article.tags}}\n"
	    "  {{/body}}\n"
	    "{{/layout}}\n",
	    "layout",
	    "<title>{{$title}}Journal{{/title}}</title>\n"
	    "<main>\n"
	    "  {{$body}}\n"
	    "  <p>Nothing here.</p>\n"
	    "  {{/body}}\n"
	    "</main>\n", NULL },
	    "{\"article\": {\"title\": \"A & B\", \"tags\": [\"x\", \"y\"]}}",
	    LIMIT_PAGE, ERR_OK,
	    "<title>A &amp; B</title>\n"
	    "<main>\n"
	    "  <h1>A &amp; B</h1>\n"
	    "  <a>x</a>\n"
	    "  <a>y</a>\n"
	    "</main>\n");
	own_render("layout-defaults",
	    (const char *const[]){ "page", "{{<layout}}{{/layout}}",
	    "layout",
	    "<title>{{$title}}Journal{{/title}}</title>\n"
	    "<main>\n"
	    "  {{$body}}\n"
	    "  <p>Nothing here.</p>\n"
	    "  {{/body}}\n"
	    "</main>\n", NULL }, "{}", LIMIT_PAGE, ERR_OK,
	    "<title>Journal</title>\n"
	    "<main>\n"
	    "  <p>Nothing here.</p>\n"
	    "</main>\n");
	own_render("block-in-override-is-writers-parameter",
	    (const char *const[]){ "c",
	    "{{<p}}{{$a}}[{{$b}}c-default{{/b}}]{{/a}}{{/p}}",
	    "p", "{{<q}}{{$b}}from-p{{/b}}{{/q}}",
	    "q", "{{$a}}q-a{{/a}} {{$b}}q-b{{/b}}", NULL }, "{}",
	    LIMIT_PAGE, ERR_OK, "[c-default] from-p");
	own_render("missing-parent",
	    (const char *const[]){ "t", "a{{<nope}}{{$x}}y{{/x}}{{/nope}}b",
	    NULL }, "{}", LIMIT_PAGE, ERR_OK, "ab");
	own_render("truthiness",
	    (const char *const[]){ "t",
	    "{{#s}}s{{/s}}{{#e}}e{{/e}}{{#z}}z{{/z}}{{#zr}}zr{{/zr}}"
	    "{{#o}}o{{/o}}{{#eo}}eo{{/eo}}{{#n}}{{.}}{{/n}}{{#r}}{{.}}{{/r}}"
	    "{{#t}}t{{/t}}{{#f}}f{{/f}}{{#nl}}nl{{/nl}}{{#l}}l{{/l}}"
	    "{{#el}}el{{/el}}|{{^e}}!e{{/e}}{{^z}}!z{{/z}}{{^zr}}!zr{{/zr}}"
	    "{{^eo}}!eo{{/eo}}{{^f}}!f{{/f}}{{^nl}}!nl{{/nl}}{{^el}}!el{{/el}}"
	    "{{^missing}}!m{{/missing}}", NULL },
	    "{\"s\": \"x\", \"e\": \"\", \"z\": 0, \"zr\": 0.0, "
	    "\"o\": {\"a\": 1}, \"eo\": {}, \"n\": -1, \"r\": 0.5, "
	    "\"t\": true, \"f\": false, \"nl\": null, \"l\": [0], "
	    "\"el\": []}",
	    LIMIT_PAGE, ERR_OK, "soeo-10.5tl|!e!z!zr!f!nl!el!m");
	own_render("null-data",
	    (const char *const[]){ "t", "[{{x}}{{.}}{{#x}}no{{/x}}]", NULL },
	    NULL, LIMIT_PAGE, ERR_OK, "[]");
}

int
main(int argc, char *argv[])
{
	char buf[4096];
	const char *dir = argc > 1 ? argv[1] :
	    test_data(buf, sizeof(buf), "mustache-spec");
	size_t i;

	own_tests();
	for (i = 0; i < nitems(spec_files); i++)
		spec_run_file(dir, spec_files[i]);
	printf("mustache spec: %d/%d passed\n", spec_pass, spec_total);
	T_DONE();
}
