/*
 * test_k2_parse: what the K2 importer reads that no database checked
 * (src/import/k2_parse.c): the mysql:// address and the table prefix,
 * an item's extra fields against their definitions, the names in an
 * author alias, an intro as plain text (and whether it can be a dek),
 * MySQL's dates and Joomla's menu links.  Each row of a table is one
 * named check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	enum err	 rc;
	const char	*want;	/* "user|host|port|db|socket" on ERR_OK */
} dsn_cases[] = {
	{ "user, host, db", "mysql://k2@db.example.org/joomla", ERR_OK,
	    "k2|db.example.org|0|joomla|" },
	{ "a port", "mysql://k2@127.0.0.1:3307/j", ERR_OK,
	    "k2|127.0.0.1|3307|j|" },
	{ "mariadb://", "mariadb://k2@h/j", ERR_OK, "k2|h|0|j|" },
	{ "IPv6", "mysql://k2@[::1]:3306/j", ERR_OK, "k2|::1|3306|j|" },
	{ "decoded parts", "mysql://j%C3%B6rg@h/my%20db", ERR_OK,
	    "j\xc3\xb6rg|h|0|my db|" },
	{ "an '@' in the user", "mysql://a%40b@h/j", ERR_OK, "a@b|h|0|j|" },
	{ "a socket", "mysql://k2@localhost/j?socket=/run/mysqld/s.sock",
	    ERR_OK, "k2|localhost|0|j|/run/mysqld/s.sock" },
	{ "a password", "mysql://k2:pw@h/j", ERR_PARSE, NULL },
	{ "no user", "mysql://h/j", ERR_PARSE, NULL },
	{ "an empty user", "mysql://@h/j", ERR_PARSE, NULL },
	{ "no database", "mysql://k2@h", ERR_PARSE, NULL },
	{ "an empty database", "mysql://k2@h/", ERR_PARSE, NULL },
	{ "a path", "mysql://k2@h/a/b", ERR_PARSE, NULL },
	{ "another scheme", "postgres://k2@h/j", ERR_PARSE, NULL },
	{ "port 0", "mysql://k2@h:0/j", ERR_PARSE, NULL },
	{ "port too big", "mysql://k2@h:65536/j", ERR_PARSE, NULL },
	{ "port not a number", "mysql://k2@h:x/j", ERR_PARSE, NULL },
	{ "an empty port", "mysql://k2@h:/j", ERR_PARSE, NULL },
	{ "an empty host", "mysql://k2@/j", ERR_PARSE, NULL },
	{ "an unclosed IPv6", "mysql://k2@[::1/j", ERR_PARSE, NULL },
	{ "a bad escape", "mysql://k2@h/j%zz", ERR_PARSE, NULL },
	{ "a NUL escape", "mysql://k2%00@h/j", ERR_PARSE, NULL },
	{ "a control character", "mysql://k2@h/j%0a", ERR_PARSE, NULL },
	{ "another option", "mysql://k2@h/j?ssl=1", ERR_PARSE, NULL },
	{ "a relative socket", "mysql://k2@h/j?socket=s.sock", ERR_PARSE,
	    NULL },
};

static void
test_dsn(void)
{
	struct k2_dsn d;
	const char *why;
	char have[1024];
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(dsn_cases); i++) {
		rc = k2_dsn_parse(dsn_cases[i].in, &d, &why);
		T_STREQ(nm("k2_dsn_parse rc", dsn_cases[i].name), err_str(rc),
		    err_str(dsn_cases[i].rc));
		if (rc != ERR_OK) {
			T_TRUE(nm("k2_dsn_parse says why", dsn_cases[i].name),
			    why != NULL && *why != '\0');
			continue;
		}
		snprintf(have, sizeof(have), "%s|%s|%u|%s|%s", d.user, d.host,
		    d.port, d.db, d.socket);
		T_STREQ(nm("k2_dsn_parse", dsn_cases[i].name), have,
		    dsn_cases[i].want);
	}
	T_TRUE("k2_prefix_ok: jos_", k2_prefix_ok("jos_"));
	T_TRUE("k2_prefix_ok: empty", k2_prefix_ok(""));
	T_TRUE("k2_prefix_ok: a quote refused", !k2_prefix_ok("jos`_"));
	T_TRUE("k2_prefix_ok: a space refused", !k2_prefix_ok("a b"));
	T_TRUE("k2_prefix_ok: 33 bytes refused",
	    !k2_prefix_ok("abcdefghijklmnopqrstuvwxyz0123456"));
}

static const struct {
	const char	*name;
	const char	*in;
	enum err	 rc;
	const char	*want;	/* the object, compact */
	size_t		 undefined;
} extra_cases[] = {
	{ "a text field", "[{\"id\":\"1\",\"value\":\" R-17 \"}]", ERR_OK,
	    "{\"Number\":\"R-17\"}", 0 },
	{ "a select by its option's value", "[{\"id\":\"2\",\"value\":\"2\"}]",
	    ERR_OK, "{\"Region\":\"Balkans\"}", 0 },
	{ "a select by a number", "[{\"id\":2,\"value\":1}]", ERR_OK,
	    "{\"Region\":\"Europe\"}", 0 },
	{ "a select with no such option", "[{\"id\":\"2\",\"value\":\"9\"}]",
	    ERR_OK, "{}", 0 },
	{ "a multiple select", "[{\"id\":\"3\",\"value\":[\"1\",\"3\"]}]",
	    ERR_OK, "{\"Languages\":[\"English\",\"Croatian\"]}", 0 },
	{ "a link", "[{\"id\":\"4\",\"value\":[\"Report\","
	    "\"https://example.org/r\",\"new\"]}]", ERR_OK,
	    "{\"Source\":{\"text\":\"Report\",\"url\":"
	    "\"https://example.org/r\"}}", 0 },
	{ "a link without text", "[{\"id\":\"4\",\"value\":[\"\","
	    "\"https://e.org/\",\"same\"]}]", ERR_OK,
	    "{\"Source\":{\"text\":\"https://e.org/\",\"url\":"
	    "\"https://e.org/\"}}", 0 },
	{ "an empty link (K2's http://)", "[{\"id\":\"4\",\"value\":[\"x\","
	    "\"http://\",\"same\"]}]", ERR_OK, "{}", 0 },
	{ "labels", "[{\"id\":\"5\",\"value\":\"a, b ,,c\"}]", ERR_OK,
	    "{\"Keywords\":[\"a\",\"b\",\"c\"]}", 0 },
	{ "a csv", "[{\"id\":\"6\",\"value\":[[\"Y\",\"N\"],[\"1\",2]]}]",
	    ERR_OK, "{\"Figures\":[[\"Y\",\"N\"],[\"1\",\"\"]]}", 0 },
	{ "a header has no value", "[{\"id\":\"7\",\"value\":\"x\"}]", ERR_OK,
	    "{}", 0 },
	{ "an empty value left out", "[{\"id\":\"1\",\"value\":\"  \"}]",
	    ERR_OK, "{}", 0 },
	{ "no definition", "[{\"id\":\"99\",\"value\":\"x\"},{\"value\":1}]",
	    ERR_OK, "{}", 2 },
	{ "a name twice", "[{\"id\":\"1\",\"value\":\"a\"},{\"id\":\"8\","
	    "\"value\":\"b\"}]", ERR_OK,
	    "{\"Number\":\"a\",\"Number (id 8)\":\"b\"}", 0 },
	{ "not JSON", "[{\"id\":", ERR_PARSE, "{}", 0 },
	{ "not an array", "{\"id\":1}", ERR_PARSE, "{}", 0 },
	{ "an empty array", "[]", ERR_OK, "{}", 0 },
	{ "odd members ignored", "[1,\"x\",null,{\"id\":[1]}]", ERR_OK, "{}",
	    4 },
};

static void
test_extra(void)
{
	struct k2_fields f = { NULL, 0 };
	json_t *out;
	size_t i, undefined;
	char *s;
	enum err rc;

	k2_fields_add(&f, 1, "Number", "textfield", "[]");
	k2_fields_add(&f, 2, "Region", "select", "[{\"name\":\"Europe\","
	    "\"value\":1},{\"name\":\"Balkans\",\"value\":2}]");
	k2_fields_add(&f, 3, "Languages", "multipleSelect", "[{\"name\":"
	    "\"English\",\"value\":1},{\"name\":\"French\",\"value\":2},"
	    "{\"name\":\"Croatian\",\"value\":3}]");
	k2_fields_add(&f, 4, "Source", "link", "not json");
	k2_fields_add(&f, 5, "Keywords", "labels", NULL);
	k2_fields_add(&f, 6, "Figures", "csv", "{}");
	k2_fields_add(&f, 7, "Details", "header", "[]");
	k2_fields_add(&f, 8, "Number", "textfield", "[]");
	for (i = 0; i < nitems(extra_cases); i++) {
		rc = k2_extra_map(&f, extra_cases[i].in,
		    strlen(extra_cases[i].in), &out, &undefined);
		T_STREQ(nm("k2_extra_map rc", extra_cases[i].name),
		    err_str(rc), err_str(extra_cases[i].rc));
		s = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
		T_STREQ(nm("k2_extra_map", extra_cases[i].name), s,
		    extra_cases[i].want);
		T_INTEQ(nm("k2_extra_map undefined", extra_cases[i].name),
		    undefined, extra_cases[i].undefined);
		free(s);
		json_decref(out);
	}
	k2_fields_free(&f);
}

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;	/* names joined by "|" */
} names_cases[] = {
	{ "one name", "Jane Doe", "Jane Doe" },
	{ "and", "Jane Doe and John Roe", "Jane Doe|John Roe" },
	{ "ampersand and semicolon", "A B & C D; E F", "A B|C D|E F" },
	{ "commas between full names", "Ana Kova\xc4\x8d, John Roe, X Y",
	    "Ana Kova\xc4\x8d|John Roe|X Y" },
	{ "a comma inside one name", "Smith, J.", "Smith, J." },
	{ "a comma and 'and'", "Doe, J. and Roe, K.", "Doe, J.|Roe, K." },
	{ "spaces tidied", "  Jane \t  Doe  ", "Jane Doe" },
	{ "control characters are spaces", "Jane\nDoe\x01X", "Jane Doe X" },
	{ "empty parts dropped", "Jane Doe and ; ", "Jane Doe" },
	{ "empty", "", "" },
	{ "only spaces", "   ", "" },
};

static void
test_names(void)
{
	char names[K2_NAMES_MAX][LIMIT_NAME + 1], have[4096];
	char *longname;
	size_t i, j, n, len;

	for (i = 0; i < nitems(names_cases); i++) {
		n = k2_names_split(names_cases[i].in, names, K2_NAMES_MAX);
		have[0] = '\0';
		for (j = 0, len = 0; j < n; j++)
			len += (size_t)snprintf(have + len, sizeof(have) - len,
			    "%s%s", j > 0 ? "|" : "", names[j]);
		T_STREQ(nm("k2_names_split", names_cases[i].name), have,
		    names_cases[i].want);
	}
	n = k2_names_split("a b;c d;e f;g h;i j;k l;m n;o p;q r;s t", names,
	    K2_NAMES_MAX);
	T_INTEQ("k2_names_split: at most K2_NAMES_MAX", n, K2_NAMES_MAX);
	longname = malloc(1000);
	memset(longname, 'x', 999);
	longname[999] = '\0';
	memcpy(longname + LIMIT_NAME - 1, "\xc3\xa9", 2);
	n = k2_names_split(longname, names, K2_NAMES_MAX);
	T_TRUE("k2_names_split: a long name cut on a character", n == 1 &&
	    strlen(names[0]) == LIMIT_NAME - 1 &&
	    utf8_valid(names[0], strlen(names[0])));
	free(longname);
}

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;
	int		 simple;
} text_cases[] = {
	{ "a paragraph", "<p>A short <em>intro</em>.</p>", "A short intro.",
	    1 },
	{ "entities", "<p>Water &amp; power &lt;3 &quot;x&quot; &#39;y&#39;"
	    "</p>", "Water & power <3 \"x\" 'y'", 1 },
	{ "two paragraphs: not a dek", "<p>One.</p>\n<p>Two.</p>",
	    "One. Two.", 0 },
	{ "a link: not a dek", "<p>See <a href=\"/x\">this</a>.</p>",
	    "See this.", 0 },
	{ "an image: not a dek", "<p><img src=\"/a.png\" alt=\"\">Hi</p>",
	    "Hi", 0 },
	{ "a break separates", "<p>a<br>b</p>", "a b", 1 },
	{ "spaces tidied", "<p>  a \n\t b\xc2\xa0 c </p>", "a b c", 1 },
	{ "a heading: not a dek", "<h2>T</h2>", "T", 0 },
	{ "text alone", "plain", "plain", 1 },
	{ "an unknown entity kept", "a &nbsp b", "a &nbsp b", 1 },
	{ "empty", "", "", 1 },
	{ "an unclosed tag", "a <p", "a", 1 },
};

static void
test_text(void)
{
	struct buf b;
	int simple;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(text_cases); i++) {
		buf_init(&b, 4096);
		rc = k2_html_text(&b, text_cases[i].in,
		    strlen(text_cases[i].in), &simple);
		T_STREQ(nm("k2_html_text rc", text_cases[i].name), err_str(rc),
		    "ok");
		T_STREQ(nm("k2_html_text", text_cases[i].name), b.p != NULL ?
		    b.p : "", text_cases[i].want);
		T_INTEQ(nm("k2_html_text simple", text_cases[i].name), simple,
		    text_cases[i].simple);
		buf_free(&b);
	}
}

static const struct {
	const char	*in;
	const char	*want;	/* "" for none */
} date_cases[] = {
	{ "2019-05-03 10:20:00", "2019-05-03T10:20:00Z" },
	{ "0000-00-00 00:00:00", "" },
	{ "2019-02-30 00:00:00", "" },
	{ "2019-05-03", "" },
	{ "yesterday at noon!!", "" },
	{ "", "" },
};

static const struct {
	const char	*link;
	enum k2_menu	 kind;
	long		 id;
} menu_cases[] = {
	{ "index.php?option=com_k2&view=itemlist&layout=category&task="
	    "category&id=3", K2_MENU_CATEGORY, 3 },
	{ "index.php?option=com_k2&view=itemlist&layout=category&id=4",
	    K2_MENU_CATEGORY, 4 },
	{ "index.php?option=com_k2&view=item&layout=item&id=13:a-long",
	    K2_MENU_ITEM, 13 },
	{ "index.php?option=com_k2&view=itemlist&task=tag&tag=x",
	    K2_MENU_OTHER, 0 },
	{ "index.php?option=com_content&view=article&id=3", K2_MENU_OTHER,
	    0 },
	{ "index.php?option=com_k2&view=item&id=x", K2_MENU_OTHER, 0 },
	{ "index.php", K2_MENU_OTHER, 0 },
};

static void
test_dates_menus(void)
{
	char out[TIME_ISO_LEN];
	long id;
	size_t i;
	int ok;

	for (i = 0; i < nitems(date_cases); i++) {
		ok = k2_datetime(date_cases[i].in, out);
		T_STREQ(nm("k2_datetime", date_cases[i].in), ok ? out : "",
		    date_cases[i].want);
	}
	T_TRUE("k2_datetime: NULL is none", !k2_datetime(NULL, out));
	for (i = 0; i < nitems(menu_cases); i++) {
		T_INTEQ(nm("k2_menu_link", menu_cases[i].link),
		    k2_menu_link(menu_cases[i].link, &id), menu_cases[i].kind);
		T_INTEQ(nm("k2_menu_link id", menu_cases[i].link), id,
		    menu_cases[i].id);
	}
}

int
main(void)
{
	test_dsn();
	test_extra();
	test_names();
	test_text();
	test_dates_menus();
	T_DONE();
}
