/*
 * test_reads: the read counter with the official COUNTER robots list
 * (argv[1], else tests/data/counter-robots/COUNTER_Robots_list.json)
 * and an injected clock.  A client (address and user agent) counts once
 * per article per READS_WINDOW seconds; an address group (an address, an
 * IPv6 /64) at most READS_GROUP_MAX times per article per hour, whatever
 * its user agents, while readers spread over time all count; a full
 * table counts nobody new rather than forget anyone; robots never count;
 * the total shown is the largest stored count seen plus what is pending;
 * a flush moves pending reads into a real SQLite store additively, keeps
 * them on failure, and does not change the total shown.  Four threads counting
 * 1000 distinct clients each must leave exactly 4000 pending.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "site/site.h"
#include "test.h"

#define T0	1717200000	/* 2024-06-01T00:00:00Z */

#define FIREFOX	"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101" \
		" Firefox/121.0"
#define CHROME	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36" \
		" (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"


/* One client's read at a time, and whether it must count. */
static const struct {
	const char	*name;
	int64_t		 article;
	const char	*addr;
	const char	*ua;
	int64_t		 at;	/* seconds after T0 */
	int		 counts;
} hits[] = {
	{ "first read counts", 1, "192.0.2.1", FIREFOX, 0, 1 },
	{ "same second, no", 1, "192.0.2.1", FIREFOX, 0, 0 },
	{ "1s later, no", 1, "192.0.2.1", FIREFOX, 1, 0 },
	{ "29s later, no", 1, "192.0.2.1", FIREFOX, 29, 0 },
	{ "other article, yes", 2, "192.0.2.1", FIREFOX, 29, 1 },
	{ "other user agent, yes", 1, "192.0.2.1", CHROME, 29, 1 },
	{ "other address, yes", 1, "192.0.2.2", FIREFOX, 29, 1 },
	{ "IPv6 address, yes", 1, "2001:db8::1", FIREFOX, 29, 1 },
	{ "30s after the first, counts again", 1, "192.0.2.1", FIREFOX, 30,
	    1 },
	{ "a repeat does not restart the window", 1, "192.0.2.1", FIREFOX,
	    59, 0 },
	{ "30s after the second, counts", 1, "192.0.2.1", FIREFOX, 60, 1 },
	{ "clock going back, no", 1, "192.0.2.1", FIREFOX, 10, 0 },
	{ "address prefix is another client", 1, "192.0.2.", FIREFOX, 60, 1 },
	{ "UA prefix is another client", 1, "192.0.2.1", "Mozilla/5.0 (X11)",
	    60, 1 },
	{ "address+UA boundary is kept", 1, "192.0.2.1M", "ozilla/5.0 (X11)",
	    60, 1 },
	{ "empty address, browser", 3, "", FIREFOX, 0, 1 },
	{ "negative article id", -1, "192.0.2.1", FIREFOX, 0, 1 },
};

/* User agents and whether the official list calls them robots. */
static const struct {
	const char	*ua;
	int		 robot;
} agents[] = {
	{ "Mozilla/5.0 (compatible; Googlebot/2.1;"
	    " +http://www.google.com/bot.html)", 1 },
	{ "Googlebot/2.1 (+http://www.google.com/bot.html)", 1 },
	{ "Mozilla/5.0 (compatible; bingbot/2.0;"
	    " +http://www.bing.com/bingbot.htm)", 1 },
	{ "GOOGLEBOT", 1 },
	{ "Mozilla/5.0 (compatible; Baiduspider/2.0)", 1 },
	{ "SPIDER-man fan club", 1 },
	{ "some crawler", 1 },
	{ "curl/8.0.1", 1 },
	{ "Wget/1.21.3", 1 },
	{ "python-requests/2.31.0", 1 },
	{ "Java/17.0.2", 1 },
	{ "okhttp/4.9.0", 1 },
	{ "facebookexternalhit/1.1", 1 },
	{ "HeadlessChrome/120.0.0.0", 1 },
	{ "", 1 },
	{ "x", 1 },
	{ "ruby", 1 },
	{ FIREFOX, 0 },
	{ CHROME, 0 },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)"
	    " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1"
	    " Mobile/15E148 Safari/604.1", 0 },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
	    " (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
	    " Edg/120.0.2210.91", 0 },
	{ "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36"
	    " (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile"
	    " Safari/537.36", 0 },
	{ "Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18", 0 },
	{ "ab", 0 },
	{ "rubyist", 0 },
};

static const char *
robots_path(int argc, char **argv)
{
	static char path[4096];

	if (argc > 1)
		return argv[1];
	return test_data(path, sizeof(path),
	    "counter-robots/COUNTER_Robots_list.json");
}

static void
test_window(struct robots *rb)
{
	struct reads *r = reads_new(rb, LIMIT_READS_ENTRIES);
	char what[256];
	size_t i;
	int64_t counted = 0;
	int got;

	for (i = 0; i < nitems(hits); i++) {
		got = reads_hit(r, hits[i].article, hits[i].addr, hits[i].ua,
		    T0 + hits[i].at);
		snprintf(what, sizeof(what), "reads_hit #%zu %s", i,
		    hits[i].name);
		T_INTEQ(what, got, hits[i].counts);
		counted += hits[i].counts;
	}
	T_INTEQ("reads_pending: sum of counted hits", reads_pending(r),
	    counted);
	reads_free(r);
}

static void
test_robots_never_count(struct robots *rb)
{
	struct reads *r = reads_new(rb, LIMIT_READS_ENTRIES);
	struct reads *open = reads_new(NULL, LIMIT_READS_ENTRIES);
	char addr[2][32];
	size_t i;
	int k, n;

	for (i = 0; i < nitems(agents); i++) {
		/* A robot never counts, whatever the address or time. */
		snprintf(addr[0], sizeof(addr[0]), "198.51.100.%zu", 2 * i);
		snprintf(addr[1], sizeof(addr[1]), "198.51.100.%zu", 2 * i + 1);
		for (k = 0, n = 0; k < 3; k++)
			n += reads_hit(r, 7, addr[k > 0], agents[i].ua,
			    T0 + k * 100);
		T_INTEQ(nm(agents[i].robot ? "robot never counts" :
		    "browser counts", agents[i].ua[0] != '\0' ?
		    agents[i].ua : "(empty)"), n, agents[i].robot ? 0 : 3);
		T_INTEQ(nm("no robots list: everyone counts",
		    agents[i].ua[0] != '\0' ? agents[i].ua : "(empty)"),
		    reads_hit(open, 7, addr[0], agents[i].ua, T0), 1);
	}
	reads_free(r);
	reads_free(open);
}

/*
 * Readers arriving one after another: reader i (0..n-1) reads at
 * T0 + i * step from the address pre, i (in base 10 or 16; 0: no i), post,
 * with
 * its own user agent if agents is set, of its own article if articles is
 * set.  want is how many count: at most READS_GROUP_MAX (10) in any hour
 * from one address group, whatever the agents.
 */
static const struct {
	const char	*name;
	const char	*pre;
	int		 base;
	const char	*post;
	int		 agents;
	int		 articles;
	int		 n;
	int64_t		 step;
	int		 want;
} crowds[] = {
	{ "200 agents from one address at once",
	    "192.0.2.1", 0, "", 1, 0, 200, 0, READS_GROUP_MAX },
	{ "200 agents from one address, one a second",
	    "192.0.2.1", 0, "", 1, 0, 200, 1, READS_GROUP_MAX },
	{ "200 agents from one address, one a minute",
	    "192.0.2.1", 0, "", 1, 0, 200, 60, 40 },
	{ "10 readers behind one proxy in a minute",
	    "192.0.2.1", 0, "", 1, 0, 10, 6, 10 },
	{ "12 readers behind one proxy in a minute",
	    "192.0.2.1", 0, "", 1, 0, 12, 6, READS_GROUP_MAX },
	{ "200 readers behind one proxy over 20 hours",
	    "192.0.2.1", 0, "", 1, 0, 200, 360, 200 },
	{ "one reader reloading every 31 s for an hour",
	    "192.0.2.1", 0, "", 0, 0, 116, 31, READS_GROUP_MAX },
	{ "one reader reloading every 10 s",
	    "192.0.2.1", 0, "", 0, 0, 5, 10, 2 },
	{ "200 agents from one address, 200 articles",
	    "192.0.2.1", 0, "", 1, 1, 200, 0, 200 },
	{ "200 addresses of one IPv4 /24",
	    "198.51.100.", 10, "", 0, 0, 200, 0, 200 },
	{ "200 addresses of one IPv6 /64",
	    "2001:db8:1:2::", 16, "", 0, 0, 200, 0, READS_GROUP_MAX },
	{ "200 addresses and agents of one IPv6 /64",
	    "2001:db8:1:2:", 16, ":1:2:3", 1, 0, 200, 0, READS_GROUP_MAX },
	{ "200 IPv6 /64s of one /48",
	    "2001:db8:1:", 16, "::1", 0, 0, 200, 0, 200 },
	{ "IPv4-mapped IPv6 is the IPv4 address",
	    "::ffff:192.0.2.9", 0, "", 1, 0, 200, 0, READS_GROUP_MAX },
	{ "no address known",
	    "", 0, "", 1, 0, 200, 0, READS_GROUP_MAX },
};

static void
test_crowds(void)
{
	struct reads *r;
	char addr[64], ua[128];
	size_t i;
	int k, n;

	for (i = 0; i < nitems(crowds); i++) {
		r = reads_new(NULL, LIMIT_READS_ENTRIES);
		for (k = 0, n = 0; k < crowds[i].n; k++) {
			if (crowds[i].base == 16)
				snprintf(addr, sizeof(addr), "%s%x%s",
				    crowds[i].pre, k, crowds[i].post);
			else if (crowds[i].base == 10)
				snprintf(addr, sizeof(addr), "%s%d%s",
				    crowds[i].pre, k, crowds[i].post);
			else
				snprintf(addr, sizeof(addr), "%s",
				    crowds[i].pre);
			snprintf(ua, sizeof(ua), "%s rv:%d", FIREFOX,
			    crowds[i].agents ? k : 0);
			n += reads_hit(r, crowds[i].articles ? 100 + k : 1,
			    addr, ua, T0 + k * crowds[i].step);
		}
		T_INTEQ(nm("crowd", crowds[i].name), n, crowds[i].want);
		T_INTEQ(nm("crowd: pending", crowds[i].name), reads_pending(r),
		    crowds[i].want);
		reads_free(r);
	}
}

/* An address group's cap, then the same address group in other forms. */
static void
test_groups(void)
{
	struct reads *r = reads_new(NULL, LIMIT_READS_ENTRIES);
	char ua[128];
	int k, n;

	for (k = 0, n = 0; k < 50; k++) {
		snprintf(ua, sizeof(ua), "%s rv:%d", CHROME, k);
		n += reads_hit(r, 1, "192.0.2.9", ua, T0);
	}
	T_INTEQ("group: 50 agents of 192.0.2.9", n, READS_GROUP_MAX);
	T_INTEQ("group: ::ffff:192.0.2.9 is the same group",
	    reads_hit(r, 1, "::ffff:192.0.2.9", "new agent", T0), 0);
	T_INTEQ("group: 192.0.2.10 is another",
	    reads_hit(r, 1, "192.0.2.10", CHROME, T0), 1);
	T_INTEQ("group: the same address, another article",
	    reads_hit(r, 2, "192.0.2.9", CHROME, T0), 1);
	T_INTEQ("group: 1 s before the hour is up, still capped",
	    reads_hit(r, 1, "192.0.2.9", "later agent", T0 + 3599), 0);
	T_INTEQ("group: an hour later, counts again",
	    reads_hit(r, 1, "192.0.2.9", "later agent", T0 + 3600), 1);
	T_INTEQ("group: the double click rule still holds",
	    reads_hit(r, 1, "192.0.2.9", "later agent", T0 + 3601), 0);

	for (k = 0, n = 0; k < 50; k++) {
		snprintf(ua, sizeof(ua), "%s rv:%d", CHROME, k);
		n += reads_hit(r, 1, k % 2 ? "2001:db8:7:7:a::1" :
		    "2001:0db8:0007:0007:ffff:ffff:ffff:ffff", ua, T0);
	}
	T_INTEQ("group: one /64 in two spellings", n, READS_GROUP_MAX);
	T_INTEQ("group: the next /64 is another",
	    reads_hit(r, 1, "2001:db8:7:8::1", CHROME, T0), 1);
	T_INTEQ("group: two addresses of a /64 with one agent are two",
	    reads_hit(r, 3, "2001:db8:7:9::1", CHROME, T0) +
	    reads_hit(r, 3, "2001:db8:7:9::2", CHROME, T0), 2);
	reads_free(r);
}

/*
 * A full table: live entries are never evicted (that would let their
 * addresses count again), new pairs are not counted until entries
 * expire, and the table never grows past its maximum.  Every counted
 * read of a new (address group, article) takes an entry, so what counts
 * shows how many entries there are.
 */
static void
test_full(void)
{
	struct reads *r = reads_new(NULL, 64);
	char addr[32], ua[128];
	int k, n;

	for (k = 0, n = 0; k < 20; k++) {
		snprintf(ua, sizeof(ua), "%s rv:%d", FIREFOX, k);
		n += reads_hit(r, 1, "192.0.2.1", ua, T0);
	}
	T_INTEQ("full: the attacker's 10", n, READS_GROUP_MAX);
	for (k = 0, n = 0; k < 100; k++) {
		snprintf(addr, sizeof(addr), "10.0.0.%d", k);
		n += reads_hit(r, 1, addr, FIREFOX, T0);
	}
	T_INTEQ("full: 63 more readers fill the 64 entries", n, 63);
	for (k = 0, n = 0; k < 1000; k++) {
		snprintf(addr, sizeof(addr), "10.1.%d.%d", k / 256, k % 256);
		n += reads_hit(r, 1 + k % 7, addr, FIREFOX, T0 + 1 + k % 100);
	}
	T_INTEQ("full: a flood of new addresses counts nothing", n, 0);
	for (k = 0, n = 0; k < 100; k++) {
		snprintf(ua, sizeof(ua), "%s rv:%d", CHROME, k);
		n += reads_hit(r, 1, "192.0.2.1", ua, T0 + 200 + k);
	}
	T_INTEQ("full: the flood did not free the attacker's cap", n, 0);
	T_INTEQ("full: a known reader still counts",
	    reads_hit(r, 1, "10.0.0.5", CHROME, T0 + 300), 1);
	T_INTEQ("full: a known reader, another article: no room",
	    reads_hit(r, 2, "10.0.0.5", CHROME, T0 + 300), 0);
	for (k = 0, n = 0; k < 100; k++) {
		snprintf(addr, sizeof(addr), "10.2.0.%d", k);
		n += reads_hit(r, 1, addr, FIREFOX, T0 + 3600);
	}
	T_INTEQ("full: an hour on, the 63 expired entries are free", n, 63);
	T_INTEQ("full: pending is what counted", reads_pending(r),
	    READS_GROUP_MAX + 63 + 1 + 63);
	reads_free(r);
}

static void
test_long_ua(void)
{
	struct reads *r = reads_new(NULL, LIMIT_READS_ENTRIES);
	char a[LIMIT_USER_AGENT + 64], b[LIMIT_USER_AGENT + 64];

	memset(a, 'u', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memcpy(b, a, sizeof(b));
	b[LIMIT_USER_AGENT + 10] = 'v';
	T_INTEQ("long UA: first counts", reads_hit(r, 1, "192.0.2.9", a, T0),
	    1);
	T_INTEQ("long UA: differing past LIMIT_USER_AGENT is the same client",
	    reads_hit(r, 1, "192.0.2.9", b, T0), 0);
	b[LIMIT_USER_AGENT - 1] = 'v';
	T_INTEQ("long UA: differing within LIMIT_USER_AGENT is another",
	    reads_hit(r, 1, "192.0.2.9", b, T0), 1);
	reads_free(r);
}

static void
test_total(void)
{
	struct reads *r = reads_new(NULL, LIMIT_READS_ENTRIES);

	T_INTEQ("reads_total: stored, nothing pending", reads_total(r, 5, 100),
	    100);
	reads_hit(r, 5, "192.0.2.1", FIREFOX, T0);
	reads_hit(r, 5, "192.0.2.2", FIREFOX, T0);
	reads_hit(r, 5, "192.0.2.3", FIREFOX, T0);
	T_INTEQ("reads_total: stored + pending", reads_total(r, 5, 100), 103);
	T_INTEQ("reads_total: an older stored count does not lower it",
	    reads_total(r, 5, 50), 103);
	T_INTEQ("reads_total: a larger stored count raises it",
	    reads_total(r, 5, 200), 203);
	T_INTEQ("reads_total: largest seen is kept", reads_total(r, 5, 0),
	    203);
	T_INTEQ("reads_total: unknown article is its stored count",
	    reads_total(r, 6, 42), 42);
	T_INTEQ("reads_total: unseen article, nothing stored",
	    reads_total(r, 8, 0), 0);
	T_INTEQ("reads_pending: only counted hits", reads_pending(r), 3);
	reads_free(r);
	reads_free(NULL);
}

/* A temporary SQLite store with one section and two articles. */
struct fixture {
	char		 dir[256];
	char		 db[300];
	char		 bad[300];
	struct store	*st;
	int64_t		 art[2];
};

static int64_t
stored_reads(struct store *st, const char *slug, int64_t *id)
{
	json_t *a = NULL;
	int64_t n = -1;

	if (store_article_get(st, slug, &a) == ERR_OK) {
		n = json_integer_value(json_object_get(a, "reads"));
		if (id != NULL)
			*id = json_integer_value(json_object_get(a, "id"));
	}
	json_decref(a);
	return n;
}

static int
fixture_open(struct fixture *f)
{
	static const char *const recs[][2] = {
		{ "section", "{\"slug\": \"s\", \"name\": \"S\"}" },
		{ "article", "{\"slug\": \"one\", \"title\": \"One\","
		    " \"section\": \"s\", \"published_at\": \"2024-01-01\","
		    " \"reads\": 100}" },
		{ "article", "{\"slug\": \"two\", \"title\": \"Two\","
		    " \"section\": \"s\", \"published_at\": \"2024-01-02\"}" },
	};
	json_t *rec;
	int from, to;
	size_t i;
	enum err rc;

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/octavo-reads.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		printf("FAIL fixture: mkdtemp: %s\n", strerror(errno));
		return -1;
	}
	snprintf(f->db, sizeof(f->db), "%s/reads.db", f->dir);
	snprintf(f->bad, sizeof(f->bad), "%s/unmigrated.db", f->dir);
	if ((rc = store_open(f->db, 1, &f->st)) != ERR_OK ||
	    (rc = store_migrate(f->st, &from, &to)) != ERR_OK) {
		printf("FAIL fixture: store: %s\n", err_str(rc));
		return -1;
	}
	for (i = 0; i < nitems(recs); i++) {
		rec = json_loads(recs[i][1], 0, NULL);
		rc = store_put(f->st, recs[i][0], rec);
		json_decref(rec);
		if (rc != ERR_OK) {
			printf("FAIL fixture: put %s: %s\n", recs[i][0],
			    err_str(rc));
			return -1;
		}
	}
	stored_reads(f->st, "one", &f->art[0]);
	stored_reads(f->st, "two", &f->art[1]);
	return 0;
}

static void
fixture_close(struct fixture *f)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char path[400];
	size_t i;

	store_close(f->st);
	for (i = 0; i < nitems(suffix); i++) {
		snprintf(path, sizeof(path), "%s%s", f->db, suffix[i]);
		unlink(path);
		snprintf(path, sizeof(path), "%s%s", f->bad, suffix[i]);
		unlink(path);
	}
	T_INTEQ("fixture: temporary directory removed", rmdir(f->dir), 0);
}

/* reads_daily of article on day, read beside the store. */
static long long
daily(struct fixture *f, int64_t article, const char *day)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "SELECT coalesce((SELECT"
	    " reads FROM reads_daily WHERE article_id = ?1 AND day = ?2), 0)",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, article);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void
test_flush(void)
{
	struct fixture f;
	struct reads *r;
	struct store *bad = NULL;
	int64_t one, two, before;
	enum err rc;
	int i;
	char addr[32];

	if (fixture_open(&f) != 0) {
		test_failed = 1;
		return;
	}
	one = f.art[0];
	two = f.art[1];
	r = reads_new(NULL, LIMIT_READS_ENTRIES);
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "203.0.113.%d", i);
		reads_hit(r, one, addr, FIREFOX, T0);
	}
	reads_hit(r, two, "203.0.113.1", FIREFOX, T0);
	reads_hit(r, 999999, "203.0.113.1", FIREFOX, T0);
	T_INTEQ("flush: pending before", reads_pending(r), 7);
	before = reads_total(r, one, stored_reads(f.st, "one", NULL));
	T_INTEQ("flush: total before", before, 105);

	/* A store that cannot take the reads: they stay pending. */
	log_level = LOG_ERR;
	rc = store_open(f.bad, 1, &bad);
	if (rc == ERR_OK) {
		rc = reads_flush(r, bad, T0);
		T_TRUE("flush: failing store is an error", rc != ERR_OK);
		T_INTEQ("flush: kept pending on failure", reads_pending(r), 7);
		T_INTEQ("flush: total unchanged on failure",
		    reads_total(r, one, 100), 105);
		store_close(bad);
	} else
		T_INTEQ("fixture: open unmigrated store", rc, ERR_OK);
	log_level = LOG_INFO;

	rc = reads_flush(r, f.st, T0);
	T_INTEQ("flush: rc", rc, ERR_OK);
	T_INTEQ("flush: nothing pending after", reads_pending(r), 0);
	T_INTEQ("flush: added to the stored count",
	    stored_reads(f.st, "one", NULL), 105);
	T_INTEQ("flush: second article from 0", stored_reads(f.st, "two",
	    NULL), 1);
	T_INTEQ("flush: total the same with the new stored count",
	    reads_total(r, one, stored_reads(f.st, "one", NULL)), before);
	T_INTEQ("flush: total the same with a stale stored count",
	    reads_total(r, one, 100), before);
	T_INTEQ("flush: reads_daily of the day", daily(&f, one,
	    "2024-06-01"), 5);

	/* Counts again at the window's end, flushed additively. */
	T_INTEQ("flush: same client within window after flush",
	    reads_hit(r, one, "203.0.113.0", FIREFOX, T0 + 29), 0);
	T_INTEQ("flush: same client at window end",
	    reads_hit(r, one, "203.0.113.0", FIREFOX, T0 + 30), 1);
	reads_hit(r, one, "203.0.113.0", FIREFOX, T0 + 86400);
	T_INTEQ("flush: total with pending", reads_total(r, one, 105), 107);
	rc = reads_flush(r, f.st, T0 + 86400);
	T_INTEQ("flush: second rc", rc, ERR_OK);
	T_INTEQ("flush: second flush adds", stored_reads(f.st, "one", NULL),
	    107);
	T_INTEQ("flush: day of the flush's clock", daily(&f, one,
	    "2024-06-02"), 2);
	T_INTEQ("flush: earlier day untouched", daily(&f, one, "2024-06-01"),
	    5);
	T_INTEQ("flush: nothing pending is fine", reads_flush(r, f.st,
	    T0 + 86401), ERR_OK);
	T_INTEQ("flush: nothing pending adds nothing",
	    stored_reads(f.st, "one", NULL), 107);
	reads_free(r);
	fixture_close(&f);
}

/* Four threads, 1000 distinct clients each, one article. */

struct worker {
	struct reads	*r;
	int		 id;
	int		 counted;
};

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	char addr[32];
	int i;

	for (i = 0; i < 1000; i++) {
		snprintf(addr, sizeof(addr), "10.%d.%d.%d", w->id, i / 256,
		    i % 256);
		w->counted += reads_hit(w->r, 42, addr, FIREFOX, T0);
		/* Each thread repeats its clients: none may count twice. */
		w->counted += reads_hit(w->r, 42, addr, FIREFOX, T0 + 1);
	}
	return NULL;
}

static void
test_threads(struct robots *rb)
{
	struct worker w[4];
	pthread_t th[4];
	struct reads *r = reads_new(rb, LIMIT_READS_ENTRIES);
	int i, started = 0, each = 1;

	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ r, i, 0 };
		if (pthread_create(&th[i], NULL, worker_run, &w[i]) == 0)
			started++;
	}
	for (i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		if (w[i].counted != 1000)
			each = 0;
	}
	T_INTEQ("threads: all four started", started, 4);
	T_INTEQ("threads: exactly 4000 pending", reads_pending(r), 4000);
	T_TRUE("threads: each thread counted its 1000", each);
	T_INTEQ("threads: total", reads_total(r, 42, 0), 4000);
	reads_free(r);
}

int
main(int argc, char **argv)
{
	struct robots *rb = NULL;
	const char *path = robots_path(argc, argv);
	enum err rc;

	rc = robots_load(path, &rb);
	T_STREQ(nm("robots_load", path), err_str(rc), err_str(ERR_OK));
	if (rc != ERR_OK)
		T_DONE();
	test_window(rb);
	test_robots_never_count(rb);
	test_crowds();
	test_groups();
	test_full();
	test_long_ua();
	test_total();
	test_flush();
	test_threads(rb);
	robots_free(rb);
	T_DONE();
}
