/*
 * test_frontmatter: front matter as "octavo import markdown" reads it.
 * TOML (toml.c) and YAML (libyaml) texts each into the JSON object the
 * importer maps, compared as compact JSON; malformed ones refused with
 * the first words of their message; and fm_split's fences (YAML, TOML,
 * JSON, none, a byte order mark, CRLF, one never closed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/port.h"
#include "test.h"

static const struct {
	const char	*name;
	enum fm_kind	 kind;
	const char	*in;
	const char	*want;	/* compact JSON, or NULL: refused */
	const char	*why;	/* when refused: the message starts so */
} parse_cases[] = {
	{ "toml: basic and literal strings", FM_TOML,
	    "a = \"x\\ty \\u00e9\"\nb = 'c:\\\\path'\n",
	    "{\"a\":\"x\\ty \xc3\xa9\",\"b\":\"c:\\\\\\\\path\"}", NULL },
	{ "toml: multi-line basic, line-ending backslash", FM_TOML,
	    "a = \"\"\"\none \\\n   two\"\"\"\n", "{\"a\":\"one two\"}", NULL },
	{ "toml: multi-line literal keeps newlines", FM_TOML,
	    "a = '''\nl1\nl2'''\n", "{\"a\":\"l1\\nl2\"}", NULL },
	{ "toml: integers of every base", FM_TOML,
	    "a = 1_000\nb = 0x1F\nc = 0o17\nd = 0b101\ne = -3\nf = +4\n",
	    "{\"a\":1000,\"b\":31,\"c\":15,\"d\":5,\"e\":-3,\"f\":4}", NULL },
	{ "toml: float and booleans", FM_TOML, "a = 0.5\nb = true\nc = false\n",
	    "{\"a\":0.5,\"b\":true,\"c\":false}", NULL },
	{ "toml: dates as written, space made T", FM_TOML,
	    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00+01:00\n"
	    "c = 1979-05-27\nd = 07:32:00\n",
	    "{\"a\":\"1979-05-27T07:32:00Z\",\"b\":\"1979-05-27T07:32:00+01:00\","
	    "\"c\":\"1979-05-27\",\"d\":\"07:32:00\"}", NULL },
	{ "toml: arrays over lines, comments, trailing comma", FM_TOML,
	    "a = [\n 1, # one\n [2, \"x\"],\n]\n", "{\"a\":[1,[2,\"x\"]]}",
	    NULL },
	{ "toml: dotted keys and inline tables", FM_TOML,
	    "a.b = 1\n\"c.d\" = 2\ne = { f = 3, g.h = 4 }\n",
	    "{\"a\":{\"b\":1},\"c.d\":2,\"e\":{\"f\":3,\"g\":{\"h\":4}}}", NULL },
	{ "toml: tables and arrays of tables", FM_TOML,
	    "t = 1\n[p]\nx = 1\n[p.q]\ny = 2\n[[r]]\nn = 1\n[[r]]\nn = 2\n",
	    "{\"t\":1,\"p\":{\"x\":1,\"q\":{\"y\":2}},\"r\":[{\"n\":1},"
	    "{\"n\":2}]}", NULL },
	{ "toml: a key twice", FM_TOML, "a = 1\na = 2\n", NULL,
	    "line 2: 'a' defined twice" },
	{ "toml: a table twice", FM_TOML, "[a]\n[a]\n", NULL,
	    "line 2: table 'a' defined twice" },
	{ "toml: unclosed string", FM_TOML, "a = \"x\n", NULL,
	    "line 1: a newline in a one-line string" },
	{ "toml: bad escape", FM_TOML, "a = \"\\q\"\n", NULL,
	    "line 1: unknown escape" },
	{ "toml: leading zero", FM_TOML, "a = 012\n", NULL,
	    "line 1: a leading zero" },
	{ "toml: nan has no JSON", FM_TOML, "a = nan\n", NULL,
	    "line 1: inf and nan" },
	{ "toml: two values on a line", FM_TOML, "a = 1 b = 2\n", NULL,
	    "line 1: unexpected 'b'" },
	{ "toml: a value into a non-table", FM_TOML, "a = 1\na.b = 2\n", NULL,
	    "line 2: 'a' is not a table" },
	{ "toml: not UTF-8", FM_TOML, "a = \"\xff\"\n", NULL,
	    "front matter that is not UTF-8" },
	{ "yaml: typed plain scalars", FM_YAML,
	    "a: true\nb: 12\nc: ~\nd: \"12\"\ne: 2024-01-01\nf: -3\n",
	    "{\"a\":true,\"b\":12,\"c\":null,\"d\":\"12\",\"e\":\"2024-01-01\","
	    "\"f\":-3}", NULL },
	{ "yaml: lists both ways, nested mapping", FM_YAML,
	    "a: [x, y]\nb:\n  - z\nc:\n  name: n\n",
	    "{\"a\":[\"x\",\"y\"],\"b\":[\"z\"],\"c\":{\"name\":\"n\"}}", NULL },
	{ "yaml: folded block scalar", FM_YAML, "a: >-\n  one\n  two\n",
	    "{\"a\":\"one two\"}", NULL },
	{ "yaml: empty is an empty mapping", FM_YAML, "", "{}", NULL },
	{ "yaml: an alias refused", FM_YAML, "a: &x 1\nb: *x\n", NULL,
	    "line 2: YAML aliases" },
	{ "yaml: a list at the top refused", FM_YAML, "- a\n", NULL,
	    "front matter that is not a mapping" },
	{ "yaml: malformed", FM_YAML, "a: [b\n", NULL, "line 2:" },
	{ "yaml: a key that is a list", FM_YAML, "[a]: b\n", NULL,
	    "a key that is not a string" },
	{ "json: an object", FM_JSON, "{\"a\": [1]}\n", "{\"a\":[1]}", NULL },
	{ "json: not an object", FM_JSON, "[1]\n", NULL, "line" },
};

static const struct {
	const char	*name;
	const char	*in;
	enum fm_kind	 kind;
	const char	*fm;
	const char	*body;	/* NULL: refused */
} split_cases[] = {
	{ "yaml fences", "---\na: 1\n---\nbody\n", FM_YAML, "a: 1\n",
	    "body\n" },
	{ "yaml closed by ...", "---\na: 1\n...\nbody", FM_YAML, "a: 1\n",
	    "body" },
	{ "toml fences", "+++\na = 1\n+++\nbody", FM_TOML, "a = 1\n", "body" },
	{ "json braces", "{\n\"a\": 1\n}\nbody", FM_JSON, "{\n\"a\": 1\n}\n",
	    "body" },
	{ "CRLF lines", "---\r\na: 1\r\n---\r\nbody", FM_YAML, "a: 1\r\n",
	    "body" },
	{ "a byte order mark", "\xef\xbb\xbf---\na: 1\n---\n", FM_YAML,
	    "a: 1\n", "" },
	{ "no front matter", "# Title\n---\n", FM_NONE, "", "# Title\n---\n" },
	{ "a fence with more dashes is none", "----\na\n----\n", FM_NONE, "",
	    "----\na\n----\n" },
	{ "never closed", "---\na: 1\n", FM_YAML, NULL, NULL },
};

int
main(void)
{
	char why[PORT_WHY], *s;
	struct str fm, body;
	enum fm_kind kind;
	json_t *v;
	size_t i;
	enum err rc;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		rc = fm_parse(parse_cases[i].kind, parse_cases[i].in,
		    strlen(parse_cases[i].in), &v, why);
		if (parse_cases[i].want != NULL) {
			s = rc == ERR_OK ? json_dumps(v, JSON_COMPACT) : NULL;
			T_STREQ(nm("parse", parse_cases[i].name),
			    s != NULL ? s : why, parse_cases[i].want);
			free(s);
		} else {
			T_TRUE(nm("parse refused", parse_cases[i].name),
			    rc == ERR_PARSE && v == NULL);
			T_TRUE(nm("parse says why", parse_cases[i].name),
			    strncmp(why, parse_cases[i].why,
			    strlen(parse_cases[i].why)) == 0);
			if (strncmp(why, parse_cases[i].why,
			    strlen(parse_cases[i].why)) != 0)
				printf("  (why: %s)\n", why);
		}
		json_decref(v);
	}
	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		rc = fm_split(split_cases[i].in, strlen(split_cases[i].in),
		    &kind, &fm, &body, why);
		if (split_cases[i].body == NULL) {
			T_TRUE(nm("split refused", split_cases[i].name),
			    rc == ERR_PARSE && why[0] != '\0');
			continue;
		}
		T_INTEQ(nm("split kind", split_cases[i].name), kind,
		    split_cases[i].kind);
		s = strndup(fm.p, fm.len);
		T_STREQ(nm("split front matter", split_cases[i].name), s,
		    split_cases[i].fm);
		free(s);
		s = strndup(body.p, body.len);
		T_STREQ(nm("split body", split_cases[i].name), s,
		    split_cases[i].body);
		free(s);
	}
	return test_failed;
}
