/*
 * test_render: a page is cached under the content version its request
 * started at, never under a newer one.  First the rule itself, one step
 * at a time; then the race it closes: render threads run the real
 * article handler against a real SQLite journal while an editor thread
 * changes the article's title and moves the site's version at once (the
 * tick, with no delay), many rounds; after each edit, a page cached for
 * the new version must hold the new title.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"
#include "journal.h"
#include "test.h"

#define RACE_THREADS	3
#define RACE_ROUNDS	300

static const char *slug;		/* the article under test */
static const struct route *article_route;
static atomic_int stop;

static enum err
emit(void *arg, const char *kind, json_t *rec)
{
	static char first[256];

	if (strcmp(kind, "article") == 0 && first[0] == '\0') {
		snprintf(first, sizeof(first), "%s",
		    json_string_value(json_object_get(rec, "slug")));
		slug = first;
	}
	return store_put(arg, kind, rec);
}

/*
 * One GET of the article page.  As the server (as_server): the cache
 * first, else the begin hook and the route; otherwise the route alone,
 * with the version the caller put in ctx.
 */
static enum err
run_article(struct ctx *ctx, int as_server)
{
	struct req r;
	struct resp resp;
	enum err rc;

	memset(&r, 0, sizeof(r));
	memset(&resp, 0, sizeof(resp));
	r.arena = arena_new();
	r.method = HTTP_GET;
	r.route = article_route;
	r.path = arena_printf(r.arena, "/articles/%s", slug);
	r.args[0] = slug;
	r.nargs = 1;
	r.remote = "192.0.2.1";
	r.user_agent = "test_render";
	buf_init(&resp.body, LIMIT_PAGE);
	resp.status = 200;
	rc = ERR_OK;
	if (!as_server)
		rc = article_route->fn(ctx, &r, &resp);
	else if (!site_fast(ctx, &r, &resp)) {
		ctx->version = atomic_load(&ctx->site->version);
		rc = article_route->fn(ctx, &r, &resp);
	}
	if (resp.data != NULL && resp.release != NULL)
		resp.release(resp.release_arg);
	buf_free(&resp.body);
	arena_free(r.arena);
	return rc;
}

static enum err
get_article(struct ctx *ctx)
{
	return run_article(ctx, 1);
}

struct renderer {
	struct ctx	 ctx;
	pthread_t	 th;
	long		 errors;
};

static void *
render_main(void *arg)
{
	struct renderer *w = arg;

	while (!atomic_load(&stop))
		if (get_article(&w->ctx) != ERR_OK)
			w->errors++;
	return NULL;
}

/* The title of the page cached for the version, or NULL. */
static char *
cached_title(struct site *site, int64_t version)
{
	struct page *p;
	char key[512], *t = NULL, *s, *e;

	snprintf(key, sizeof(key), "/articles/%s", slug);
	if ((p = cache_get(site->cache, key, version)) == NULL)
		return NULL;
	if ((s = strstr(p->body, "<h1")) != NULL &&
	    (s = strchr(s, '>')) != NULL && (e = strstr(s, "</h1>")) != NULL)
		t = strndup(s + 1, (size_t)(e - s - 1));
	page_unref(p);
	return t;
}

int
main(void)
{
	struct site_config cfg;
	struct site *site = NULL;
	struct renderer w[RACE_THREADS];
	struct ctx ctx = { 0 };
	char dir[] = "/tmp/test_render.XXXXXX", db[256], theme[4096];
	char want[64], *have;
	const char *root = getenv("OCTAVO_ROOT");
	sqlite3 *ed;
	sqlite3_stmt *up;
	int64_t v;
	long errors = 0;
	size_t i;
	int round, stale = 0;

	for (i = 0; i < web_nroutes; i++)
		if (strcmp(web_routes[i].pattern, "/articles/:slug") == 0)
			article_route = &web_routes[i];
	if (mkdtemp(dir) == NULL)
		return 2;
	snprintf(db, sizeof(db), "%s/j.db", dir);
	snprintf(theme, sizeof(theme), "%s/themes/default",
	    root != NULL ? root : ".");
	T_INTEQ("journal made", journal_make(db, emit), ERR_OK);
	memset(&cfg, 0, sizeof(cfg));
	cfg.db = db;
	cfg.theme = theme;
	T_INTEQ("site loaded", site_new(&cfg, &site), ERR_OK);
	if (site == NULL || slug == NULL)
		T_DONE();
	ctx.site = site;
	store_open(db, 0, &ctx.store);
	store_version(ctx.store, &v);
	atomic_store(&site->version, v);

	/* The rule: cached under the version at the start, not now's. */
	ctx.version = v;
	atomic_store(&site->version, v);
	T_INTEQ("render at v", get_article(&ctx), ERR_OK);
	have = cached_title(site, v);
	T_TRUE("cached under the version it started at", have != NULL);
	free(have);
	{
		ctx.version = v + 5;		/* started at v + 5 */
		atomic_store(&site->version, v + 6);	/* moved since */
		run_article(&ctx, 0);
		have = cached_title(site, v + 5);
		T_TRUE("cached under its start version", have != NULL);
		free(have);
		have = cached_title(site, v + 6);
		T_TRUE("not cached under a version newer than its start",
		    have == NULL);
		free(have);
	}
	atomic_store(&site->version, v);

	/* The race. */
	if (sqlite3_open(db, &ed) != SQLITE_OK ||
	    sqlite3_exec(ed, "PRAGMA busy_timeout = 10000", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ed, "UPDATE articles SET title = ? WHERE "
	    "slug = ?", -1, &up, NULL) != SQLITE_OK) {
		T_TRUE("editor connection", 0);
		T_DONE();
	}
	for (i = 0; i < RACE_THREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].ctx.site = site;
		store_open(db, 0, &w[i].ctx.store);
		pthread_create(&w[i].th, NULL, render_main, &w[i]);
	}
	for (round = 1; round <= RACE_ROUNDS; round++) {
		snprintf(want, sizeof(want), "Edit %d", round);
		sqlite3_bind_text(up, 1, want, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(up, 2, slug, -1, SQLITE_TRANSIENT);
		sqlite3_step(up);
		sqlite3_reset(up);
		store_version(ctx.store, &v);
		atomic_store(&site->version, v);	/* the tick, at once */
		usleep(300);
		/* A page cached for this version must show this edit. */
		have = cached_title(site, v);
		if (have != NULL && strcmp(have, want) != 0)
			stale++;
		free(have);
	}
	atomic_store(&stop, 1);
	for (i = 0; i < RACE_THREADS; i++) {
		pthread_join(w[i].th, NULL);
		errors += w[i].errors;
		store_close(w[i].ctx.store);
	}
	T_INTEQ("renders without error", errors, 0);
	T_INTEQ("rounds whose cached page was older than the edit", stale,
	    0);
	/* And the next answer is the last edit. */
	T_INTEQ("render after the race", get_article(&ctx), ERR_OK);
	have = cached_title(site, v);
	T_STREQ("the page shows the last edit", have, want);
	free(have);

	sqlite3_finalize(up);
	sqlite3_close(ed);
	store_close(ctx.store);
	site_free(site);
	snprintf(theme, sizeof(theme), "rm -rf '%s'", dir);
	if (system(theme) != 0)
		return 2;
	T_DONE();
}
