/*
 * test_robots: loading the COUNTER robots list and matching user agents.
 * The official list ships as JSON and as text (argv[1] and argv[2], else
 * both from tests/data/counter-robots): both must load to the
 * same number of patterns and give the same verdict on a table of user
 * agents, again on a repeat (the memo) and when many more agents than
 * the memo holds share its buckets.  Bad lists (an invalid pattern, broken JSON, no patterns, too
 * many, a missing file) are refused.  Lists written here go to a fresh
 * temporary directory that is removed at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "site/site.h"
#include "test.h"

#define ROBOTS_MEMO_MAX	4096	/* robots.c's memo holds at most */

static char tmpdir[256];
static char path_missing[512];

/* Verdicts of the official list, case-insensitive. */
static const struct {
	const char	*ua;
	int		 robot;
} agents[] = {
	{ "Mozilla/5.0 (compatible; Googlebot/2.1;"
	    " +http://www.google.com/bot.html)", 1 },
	{ "Mozilla/5.0 (compatible; bingbot/2.0;"
	    " +http://www.bing.com/bingbot.htm)", 1 },
	{ "GoogleBOT", 1 },
	{ "Mozilla/5.0 (compatible; Baiduspider/2.0)", 1 },
	{ "Some-Crawler/1.0", 1 },
	{ "curl/8.0.1", 1 },
	{ "Wget/1.21.3", 1 },
	{ "python-requests/2.31.0", 1 },
	{ "Java/17.0.2", 1 },
	{ "facebookexternalhit/1.1", 1 },
	{ "Buck/2.2", 1 },
	{ "IDA", 1 },
	{ "ida", 1 },
	{ "Mozilla/5.0", 1 },
	{ "", 1 },
	{ "x", 1 },
	{ "\xc3\xa9", 1 },
	{ "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101"
	    " Firefox/121.0", 0 },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
	    " (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", 0 },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)"
	    " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
	    " Mobile/15E148 Safari/604.1", 0 },
	{ "Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18", 0 },
	{ "IDA Pro", 0 },
	{ "rubyist", 0 },
	{ "ab", 0 },
	{ "Buck/x", 0 },
};

static const char *
list_file(int argc, char **argv, int i, const char *rel)
{
	static char path[2][4096];

	if (argc > i + 1)
		return argv[i + 1];
	return test_data(path[i], sizeof(path[i]), rel);
}

/* Write a list into the temporary directory; returns its path (static). */
static const char *
write_list(const char *base, const char *text, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, base);
	if ((f = fopen(path, "wb")) == NULL) {
		printf("FAIL fixture: %s: %s\n", path, strerror(errno));
		test_failed = 1;
		return path;
	}
	fwrite(text, 1, len, f);
	fclose(f);
	return path;
}

static void
test_official(struct robots *js, struct robots *tx, const char *jpath)
{
	json_t *arr;
	size_t i;
	int v;

	arr = json_load_file(jpath, 0, NULL);
	T_INTEQ("robots_count: JSON list has every entry", robots_count(js),
	    json_array_size(arr));
	json_decref(arr);
	T_INTEQ("robots_count: text list as many as JSON", robots_count(tx),
	    robots_count(js));
	for (i = 0; i < nitems(agents); i++) {
		const char *ua = agents[i].ua[0] != '\0' ? agents[i].ua :
		    "(empty)";

		v = robots_match(js, agents[i].ua);
		T_INTEQ(nm("JSON list verdict", ua), v, agents[i].robot);
		T_INTEQ(nm("text list verdict", ua),
		    robots_match(tx, agents[i].ua), agents[i].robot);
		T_INTEQ(nm("memo: same verdict on repeat", ua),
		    robots_match(js, agents[i].ua), v);
	}
	/* Invalid UTF-8 is no browser's. */
	T_INTEQ("invalid UTF-8 user agent is a robot",
	    robots_match(js, "Mozilla/5.0 \xff\xfe"), 1);
	T_INTEQ("invalid UTF-8 user agent, repeat",
	    robots_match(js, "Mozilla/5.0 \xff\xfe"), 1);
}

/*
 * Far more agents than the memo holds, robots and browsers in turn: its
 * buckets are shared and overflow (the hash is keyed, so which agents
 * share one cannot be chosen), and every agent keeps its own verdict,
 * the first time and when asked again.
 */
static void
test_memo_collision(struct robots *rb)
{
	enum { N = 3 * ROBOTS_MEMO_MAX };
	char ua[64];
	int i, round, ok = 1;

	for (round = 0; round < 2; round++)
		for (i = 0; i < N; i++) {
			if (i % 2 == 0)
				snprintf(ua, sizeof(ua), "SpiderBot/%d", i);
			else
				snprintf(ua, sizeof(ua),
				    "Mozilla/5.0 (X11) Firefox/%d", i);
			if (robots_match(rb, ua) != (i % 2 == 0))
				ok = 0;
		}
	T_TRUE("memo: agents sharing buckets keep their own verdicts", ok);
}

static const struct {
	const char	*name;
	const char	*file;
	const char	*text;
	enum err	 rc;
	size_t		 count;		/* on ERR_OK */
	const char	*bot;		/* on ERR_OK: matches */
	const char	*human;		/* on ERR_OK: does not */
} lists[] = {
	{ "text list", "a.txt", "bot\nspider\n", ERR_OK, 2, "MySpider",
	    "Firefox" },
	{ "text list without final newline", "b.txt", "bot\nspider",
	    ERR_OK, 2, "SPIDER", "Firefox" },
	{ "CRLF lines", "c.txt", "bot\r\nspider$\r\n", ERR_OK, 2,
	    "a spider", "spiders" },
	{ "comments and blank lines skipped", "d.txt",
	    "# robots\n\nbot\n\n# end\n", ERR_OK, 1, "bot", "# end" },
	{ "JSON list", "e.json", "[{\"pattern\": \"bot\"},"
	    " {\"pattern\": \"^x$\", \"last_changed\": \"2024\"}]", ERR_OK, 2,
	    "X", "xx" },
	{ "JSON after whitespace", "f.json", "\n\t [{\"pattern\": \"bot\"}]",
	    ERR_OK, 1, "Bot", "Firefox" },
	{ "UTF-8 pattern", "g.txt", "^\xe7\xa0\xb4$\n", ERR_OK, 1,
	    "\xe7\xa0\xb4", "\xe7\xa0\xb4\xe7\xa0\xb4" },
	{ "capturing groups do not shift", "h.txt", "(x)y\n(a)\\1\n",
	    ERR_OK, 2, "aa", "ab" },
	{ "\\Q quotes within its own pattern", "i.txt", "\\Qa.b\nbot\n",
	    ERR_OK, 2, "bot", "axb" },
	{ "extended-mode comment stays in its pattern", "t.txt",
	    "(?x)bot  # a comment\nspider\n", ERR_OK, 2, "spider", "b o t" },
	{ "group names may differ between patterns", "u.txt",
	    "(?<n>a)\\k<n>\n(?<m>b)\\k<m>\n", ERR_OK, 2, "bb", "ab" },
	{ "one group name in two patterns", "v.txt",
	    "(?<n>a)\\k<n>\n(x)(?<n>b)\\k<n>\n", ERR_OK, 2, "xbb", "xb" },
	{ "invalid pattern in text", "j.txt", "bot\n(unclosed\nspider\n",
	    ERR_PARSE, 0, NULL, NULL },
	{ "invalid pattern in JSON", "k.json", "[{\"pattern\": \"bot\"},"
	    " {\"pattern\": \"[a-\"}]", ERR_PARSE, 0, NULL, NULL },
	{ "invalid UTF-8 pattern", "l.txt", "bot\n\xff\n", ERR_PARSE, 0, NULL,
	    NULL },
	{ "broken JSON", "m.json", "[{\"pattern\": \"bot\"", ERR_PARSE, 0,
	    NULL, NULL },
	{ "JSON entry without pattern", "n.json", "[{\"pattern\": \"bot\"},"
	    " {\"name\": \"x\"}]", ERR_PARSE, 0, NULL, NULL },
	{ "JSON pattern not a string", "o.json", "[{\"pattern\": 1}]",
	    ERR_PARSE, 0, NULL, NULL },
	{ "empty JSON array", "p.json", "[]", ERR_PARSE, 0, NULL, NULL },
	{ "empty file", "q.txt", "", ERR_PARSE, 0, NULL, NULL },
	{ "only comments", "r.txt", "# nothing\n\n", ERR_PARSE, 0, NULL,
	    NULL },
	{ "only newlines", "s.txt", "\n\n\n", ERR_PARSE, 0, NULL, NULL },
};

static void
test_lists(void)
{
	struct robots *rb;
	struct buf b;
	const char *path;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(lists); i++) {
		rb = NULL;
		path = write_list(lists[i].file, lists[i].text,
		    strlen(lists[i].text));
		rc = robots_load(path, &rb);
		T_STREQ(nm("robots_load", lists[i].name), err_str(rc),
		    err_str(lists[i].rc));
		if (rc == ERR_OK && lists[i].rc == ERR_OK) {
			T_INTEQ(nm("robots_count", lists[i].name),
			    robots_count(rb), lists[i].count);
			T_INTEQ(nm("robot matches", lists[i].name),
			    robots_match(rb, lists[i].bot), 1);
			T_INTEQ(nm("human does not match", lists[i].name),
			    robots_match(rb, lists[i].human), 0);
		}
		T_TRUE(nm("nothing returned on error", lists[i].name),
		    rc == ERR_OK || rb == NULL);
		robots_free(rb);
	}

	/* LIMIT_ROBOTS patterns load; one more is ERR_LIMIT. */
	buf_init(&b, 1 << 20);
	for (i = 0; i < LIMIT_ROBOTS; i++)
		buf_printf(&b, "agent%zu\n", i);
	rb = NULL;
	rc = robots_load(write_list("max.txt", b.p, b.len), &rb);
	T_STREQ("robots_load: LIMIT_ROBOTS patterns", err_str(rc),
	    err_str(ERR_OK));
	if (rc == ERR_OK)
		T_INTEQ("robots_match: last of LIMIT_ROBOTS patterns",
		    robots_match(rb, "AGENT1023"), 1);
	robots_free(rb);
	buf_puts(&b, "onemore\n");
	rb = NULL;
	rc = robots_load(write_list("over.txt", b.p, b.len), &rb);
	T_STREQ("robots_load: LIMIT_ROBOTS + 1 patterns", err_str(rc),
	    err_str(ERR_LIMIT));
	robots_free(rb);
	buf_free(&b);

	rb = NULL;
	snprintf(path_missing, sizeof(path_missing), "%s/no-such-file.json",
	    tmpdir);
	rc = robots_load(path_missing, &rb);
	T_STREQ("robots_load: missing file", err_str(rc),
	    err_str(ERR_NOTFOUND));
	T_TRUE("robots_load: missing file returns nothing", rb == NULL);
	rc = robots_load(tmpdir, &rb);
	T_TRUE("robots_load: a directory is an error", rc != ERR_OK);
	robots_free(NULL);
	T_PASS("robots_free: NULL is a no-op");
}

static void
cleanup(void)
{
	static const char *const files[] = { "a.txt", "b.txt", "c.txt",
	    "d.txt", "e.json", "f.json", "g.txt", "h.txt", "i.txt", "j.txt",
	    "k.json", "l.txt", "m.json", "n.json", "o.json", "p.json",
	    "q.txt", "r.txt", "s.txt", "t.txt", "u.txt", "v.txt", "max.txt",
	    "over.txt" };
	char path[512];
	size_t i;

	for (i = 0; i < nitems(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	T_INTEQ("fixture: temporary directory removed", rmdir(tmpdir), 0);
}

int
main(int argc, char **argv)
{
	struct robots *js = NULL, *tx = NULL;
	const char *jpath = list_file(argc, argv, 0,
	    "counter-robots/COUNTER_Robots_list.json");
	const char *tpath = list_file(argc, argv, 1,
	    "counter-robots/COUNTER_Robots_list.txt");
	enum err rc;

	log_level = LOG_ERR;	/* bad lists are expected here */
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/octavo-robots.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		printf("FAIL fixture: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	rc = robots_load(jpath, &js);
	T_STREQ(nm("robots_load: official JSON", jpath), err_str(rc),
	    err_str(ERR_OK));
	rc = robots_load(tpath, &tx);
	T_STREQ(nm("robots_load: official text", tpath), err_str(rc),
	    err_str(ERR_OK));
	if (js != NULL && tx != NULL) {
		test_official(js, tx, jpath);
		test_memo_collision(js);
	}
	robots_free(js);
	robots_free(tx);
	test_lists();
	cleanup();
	T_DONE();
}
