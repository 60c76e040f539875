/*
 * test_sitemap_news: the Google News sitemap lists the articles published
 * in the two days before the site's clock, and only those.  A demo
 * journal (its newest issue dated 2026-11-25, articles at 09:01, 09:02...
 * that day) is served through the real /sitemap-news.xml route with the
 * site's clock fixed at several instants around the window's edges; the
 * articles listed must be exactly those the store says were published in
 * (now - 48 h, now], newest first.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"
#include "journal.h"
#include "test.h"

static int64_t fixed_now;

static int64_t
fixed_clock(void)
{
	return fixed_now;
}

static enum err
emit(void *arg, const char *kind, json_t *rec)
{
	return store_put(arg, kind, rec);
}

/* The slugs the store says were published in (now - 2 days, now]. */
static void
want_slugs(struct store *st, int64_t now, struct buf *out)
{
	struct store_query q = { 0 };
	json_t *rows = NULL, *it;
	int64_t t;
	size_t i;

	buf_reset(out);
	if (store_articles_list(st, &q, &rows, NULL) != ERR_OK)
		return;
	json_array_foreach(rows, i, it) {
		if (time_parse_iso(json_string_value(json_object_get(it,
		    "published_at")), &t) != ERR_OK)
			continue;
		if (t <= now && t >= now - 2 * 86400)
			buf_printf(out, "%s\n", json_string_value(
			    json_object_get(it, "slug")));
	}
	json_decref(rows);
}

/* The slugs the page lists, from its <loc> elements. */
static void
have_slugs(const char *body, size_t len, struct buf *out)
{
	const char *p = body, *end = body + len, *q;
	static const char open[] = "/articles/";

	buf_reset(out);
	while ((p = memmem(p, (size_t)(end - p), open, strlen(open))) !=
	    NULL) {
		p += strlen(open);
		if ((q = memchr(p, '<', (size_t)(end - p))) == NULL)
			break;
		buf_add(out, p, (size_t)(q - p));
		buf_putc(out, '\n');
	}
}

int
main(void)
{
	static const struct {
		const char	*name;
		const char	*now;
	} cases[] = {
		{ "the issue's morning: its first articles",
		    "2026-11-25T09:05:00Z" },
		{ "noon of the issue's day: all of them",
		    "2026-11-25T12:00:00Z" },
		{ "47 hours later: still all", "2026-11-27T08:01:00Z" },
		{ "two days after the first: the others",
		    "2026-11-27T09:01:30Z" },
		{ "three days later: none", "2026-11-28T12:00:00Z" },
		{ "the day before: none (not yet published)",
		    "2026-11-24T12:00:00Z" },
	};
	const struct route *route = NULL;
	struct site_config cfg;
	struct site *site = NULL;
	struct ctx ctx = { 0 };
	char dir[] = "/tmp/test_sitemap_news.XXXXXX", db[256], theme[4096];
	const char *root = getenv("OCTAVO_ROOT");
	struct buf have, want;
	size_t i;

	for (i = 0; i < web_nroutes; i++)
		if (strcmp(web_routes[i].pattern, "/sitemap-news.xml") == 0)
			route = &web_routes[i];
	T_TRUE("the route exists", route != NULL);
	if (route == NULL || mkdtemp(dir) == NULL)
		T_DONE();
	snprintf(db, sizeof(db), "%s/j.db", dir);
	snprintf(theme, sizeof(theme), "%s/themes/default",
	    root != NULL ? root : ".");
	T_INTEQ("journal made", journal_make(db, emit), ERR_OK);
	memset(&cfg, 0, sizeof(cfg));
	cfg.db = db;
	cfg.theme = theme;
	cfg.clock = fixed_clock;
	T_INTEQ("site loaded", site_new(&cfg, &site), ERR_OK);
	if (site == NULL)
		T_DONE();
	ctx.site = site;
	store_open(db, 0, &ctx.store);
	buf_init(&have, LIMIT_PAGE);
	buf_init(&want, LIMIT_PAGE);
	for (i = 0; i < nitems(cases); i++) {
		struct req r;
		struct resp resp;

		time_parse_iso(cases[i].now, &fixed_now);
		T_INTEQ(nm("site_now is the clock", cases[i].name),
		    site_now(site), fixed_now);
		memset(&r, 0, sizeof(r));
		memset(&resp, 0, sizeof(resp));
		r.arena = arena_new();
		r.method = HTTP_GET;
		r.route = route;
		r.path = "/sitemap-news.xml";
		buf_init(&resp.body, LIMIT_SITEMAP);
		resp.status = 200;
		T_INTEQ(nm("answered", cases[i].name), route->fn(&ctx, &r,
		    &resp), ERR_OK);
		/* A body answers from memory (resp.data) or from resp.body. */
		if (resp.data != NULL)
			have_slugs(resp.data, resp.datalen, &have);
		else
			have_slugs(resp.body.p != NULL ? resp.body.p : "",
			    resp.body.len, &have);
		if (resp.release != NULL)
			resp.release(resp.release_arg);
		want_slugs(ctx.store, fixed_now, &want);
		T_STREQ(nm("exactly the window's articles", cases[i].name),
		    have.p != NULL ? have.p : "", want.p != NULL ? want.p : "");
		buf_free(&resp.body);
		arena_free(r.arena);
	}
	/* The window is not empty at noon, and empty three days later. */
	time_parse_iso("2026-11-25T12:00:00Z", &fixed_now);
	want_slugs(ctx.store, fixed_now, &want);
	T_TRUE("the test has articles in its window", want.len > 0);
	buf_free(&have);
	buf_free(&want);
	store_close(ctx.store);
	site_free(site);
	unlink(db);
	{
		char wal[300];

		snprintf(wal, sizeof(wal), "%s-wal", db);
		unlink(wal);
		snprintf(wal, sizeof(wal), "%s-shm", db);
		unlink(wal);
	}
	rmdir(dir);
	T_DONE();
}
