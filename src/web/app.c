/*
 * app: the running site.  Loads the theme (templates compiled once,
 * static files fingerprinted), the robots list, the page cache and the
 * read counter; gives http its routes and hooks; and runs the one-second
 * tick that polls the content version and flushes the read counter.
 *
 * Shutdown order matters: http_serve returns only after every request is
 * answered, then the tick thread stops, then the counter's last flush.
 */
#include <dirent.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "web.h"

struct app *web_app;

static const char *const list_params[] = { "page", NULL };
static const char *const pub_params[] = { "type", "author", "page", NULL };

#define W	ROUTE_WORKER
#define C	ROUTE_CACHE
const struct route web_routes[] = {
	{ HTTP_GET, "/", page_home, NULL, W | C },
	{ HTTP_GET, "/articles/:slug", page_article, NULL, W | C },
	{ HTTP_GET, "/issues", page_issues, NULL, W | C },
	{ HTTP_GET, "/issues/:number", page_issue, NULL, W | C },
	{ HTTP_GET, "/sections/:slug", page_section, list_params, W | C },
	{ HTTP_GET, "/authors/:slug", page_author, list_params, W | C },
	{ HTTP_GET, "/publications", page_publications, pub_params, W | C },
	{ HTTP_GET, "/about", page_about, NULL, W | C },
	{ HTTP_GET, "/newsletter", page_newsletter, NULL, W | C },
	{ HTTP_POST, "/newsletter", page_newsletter, NULL, W },
	{ HTTP_GET, "/static/:file", page_static, NULL, 0 },
};
#undef W
#undef C
const size_t web_nroutes = nitems(web_routes);

static const struct {
	const char	*ext;
	const char	*type;
} mime[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".woff2", "font/woff2" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *
mime_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < nitems(mime); i++)
		if (strcmp(dot, mime[i].ext) == 0)
			return mime[i].type;
	return "application/octet-stream";
}

/* Each regular file of dir, sorted by name, given to fn. */
static enum err
dir_each(const char *dir, const char *suffix,
    enum err (*fn)(struct app *, const char *path, const char *name),
    struct app *app)
{
	struct dirent **ents = NULL;
	char path[4096];
	size_t sl = strlen(suffix), nl;
	int i, n;
	enum err rc = ERR_OK;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0) {
		log_warn("%s", dir);
		return ERR_NOTFOUND;
	}
	for (i = 0; i < n; i++) {
		nl = strlen(ents[i]->d_name);
		if (rc == ERR_OK && ents[i]->d_name[0] != '.' && nl > sl &&
		    strcmp(ents[i]->d_name + nl - sl, suffix) == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir,
			    ents[i]->d_name);
			rc = fn(app, path, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static enum err
load_template(struct app *app, const char *path, const char *file)
{
	char *src, *name, err[256] = "";
	size_t len;
	enum err rc;

	if ((rc = file_read(path, LIMIT_TEMPLATE, &src, &len)) != ERR_OK) {
		log_warnx("%s: %s", path, err_str(rc));
		return rc;
	}
	name = xstrndup(file, strlen(file) - strlen(".mustache"));
	if ((rc = tmpl_set_add(app->tmpl, name, src, len, err,
	    sizeof(err))) != ERR_OK)
		log_warnx("%s: %s", path, err);
	free(name);
	free(src);
	return rc;
}

static enum err
load_asset(struct app *app, const char *path, const char *file)
{
	unsigned char h[16];
	char hex[33];
	struct asset *a;
	const char *dot;
	enum err rc;

	app->assets = xrealloc(app->assets, (app->nassets + 1) *
	    sizeof(*app->assets));
	a = &app->assets[app->nassets];
	if ((rc = file_read(path, LIMIT_PAGE, &a->body, &a->len)) != ERR_OK) {
		log_warnx("%s: %s", path, err_str(rc));
		return rc;
	}
	crypto_generichash(h, sizeof(h), (unsigned char *)a->body, a->len,
	    NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, 5);
	a->name = xstrdup(file);
	dot = strrchr(file, '.');
	if (dot == NULL)
		dot = file + strlen(file);
	a->hashed = xmalloc(strlen(file) + 12);
	snprintf(a->hashed, strlen(file) + 12, "%.*s.%s%s", (int)(dot - file),
	    file, hex, dot);
	a->content_type = mime_of(file);
	app->nassets++;
	return ERR_OK;
}

/* "/static/<fingerprinted name>" of a theme file; caller frees. */
static char *
asset_url(struct app *app, const char *name)
{
	struct buf b;
	size_t i;

	buf_init(&b, LIMIT_URL);
	buf_puts(&b, "/static/");
	for (i = 0; i < app->nassets; i++)
		if (strcmp(app->assets[i].name, name) == 0)
			break;
	buf_puts(&b, i < app->nassets ? app->assets[i].hashed : name);
	return buf_take(&b, NULL);
}

void
app_free(struct app *app)
{
	size_t i;

	if (app == NULL)
		return;
	tmpl_set_free(app->tmpl);
	cache_free(app->cache);
	reads_free(app->reads);
	robots_free(app->robots);
	json_decref(app->chrome);
	for (i = 0; i < app->nassets; i++) {
		free(app->assets[i].name);
		free(app->assets[i].hashed);
		free(app->assets[i].body);
	}
	free(app->assets);
	free(app->css_url);
	free(app->favicon_url);
	pthread_mutex_destroy(&app->lock);
	free(app);
}

enum err
app_new(const struct web_config *cfg, struct app **out)
{
	struct app *app;
	unsigned char rnd[8];
	char dir[4096], hex[17];
	enum err rc;

	if (sodium_init() < 0)
		return ERR_IO;
	app = xcalloc(1, sizeof(*app));
	app->cfg = cfg;
	pthread_mutex_init(&app->lock, NULL);
	randombytes_buf(&app->nonce, sizeof(app->nonce));
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	snprintf(app->marker, sizeof(app->marker), "<!--reads:%s-->", hex);
	app->tmpl = tmpl_set_new();
	snprintf(dir, sizeof(dir), "%s/templates", cfg->theme);
	if ((rc = dir_each(dir, ".mustache", load_template, app)) != ERR_OK)
		goto fail;
	if (!tmpl_set_has(app->tmpl, "error") ||
	    !tmpl_set_has(app->tmpl, "article")) {
		log_warnx("%s: the theme lacks templates", dir);
		rc = ERR_NOTFOUND;
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%s/static", cfg->theme);
	if ((rc = dir_each(dir, "", load_asset, app)) != ERR_OK)
		goto fail;
	app->css_url = asset_url(app, "style.css");
	app->favicon_url = asset_url(app, "favicon.svg");
	if (cfg->robots_file != NULL && *cfg->robots_file != '\0' &&
	    (rc = robots_load(cfg->robots_file, &app->robots)) != ERR_OK)
		goto fail;
	app->cache = cache_new(cfg->cache_bytes > 0 ? cfg->cache_bytes :
	    LIMIT_CACHE_BYTES);
	app->reads = reads_new(app->robots);
	*out = app;
	return ERR_OK;
fail:
	app_free(app);
	return rc;
}

static void *
worker_new(void *arg)
{
	struct app *app = arg;
	struct store *st;

	if (store_open(app->cfg->db, 0, &st) != ERR_OK)
		return NULL;
	return st;
}

static void
worker_free(void *st)
{
	store_close(st);
}

static int
fast(void *arg, struct req *r, struct resp *resp)
{
	struct app *app = arg;
	struct page *p;

	if (r->method != HTTP_GET || !(r->route->flags & ROUTE_CACHE))
		return 0;
	p = cache_get(app->cache, view_cache_key(r),
	    atomic_load(&app->version));
	if (p == NULL)
		return 0;
	view_serve_page(app, r, resp, p);
	return 1;
}

static const struct {
	int		 status;
	const char	*title;
	const char	*message;
} errors[] = {
	{ 400, "Bad request", "The address or the form could not be read." },
	{ 403, "Forbidden", "You may not see this page." },
	{ 404, "Page not found", "There is no page at this address. It may "
	    "have been mistyped." },
	{ 405, "Method not allowed", "This page cannot be used that way." },
	{ 413, "Request too large", "What was sent is larger than this site "
	    "accepts." },
	{ 414, "Address too long", "The address is longer than this site "
	    "accepts." },
	{ 500, "Something went wrong", "The page could not be made. Please "
	    "try again in a moment." },
};

static void
error_page(void *arg, struct req *r, struct resp *resp, int status,
    const char *why)
{
	struct app *app = arg;
	json_t *chrome = NULL, *v, *e, *page;
	const char *title = "Error", *msg = "";
	size_t i;

	for (i = 0; i < nitems(errors); i++)
		if (errors[i].status == status) {
			title = errors[i].title;
			msg = errors[i].message;
		}
	/* A specific reason is shown, never an internal one (500). */
	if (why != NULL && status != 500)
		msg = why;
	view_chrome(app, r->worker, &chrome);
	v = json_object();
	if (chrome != NULL)
		json_object_update(v, chrome);
	else {
		json_object_set_new(v, "site", json_pack("{s:s, s:s}", "name",
		    "Octavo", "language", "en"));
		json_object_set_new(v, "assets", json_pack("{s:s}", "css",
		    app->css_url));
	}
	json_decref(chrome);
	page = json_object();
	json_object_set_new(page, "title", json_string(title));
	json_object_set_new(page, "description", json_string(""));
	json_object_set_new(page, "canonical", json_string(""));
	json_object_set_new(v, "page", page);
	e = json_object();
	json_object_set_new(e, "status", json_integer(status));
	json_object_set_new(e, "title", json_string(title));
	json_object_set_new(e, "message", json_string(msg));
	json_object_set_new(v, "error", e);
	buf_reset(&resp->body);
	if (tmpl_render(app->tmpl, "error", v, &resp->body) != ERR_OK)
		buf_reset(&resp->body);
	json_decref(v);
}

struct tick {
	struct app	*app;
	struct store	*st;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	int		 stop;
};

static void
tick_once(struct tick *t, int64_t n)
{
	int every = t->app->cfg->flush_seconds > 0 ?
	    t->app->cfg->flush_seconds : 1;
	json_t *chrome = NULL;
	int64_t v;

	/*
	 * A new version gets its chrome here, so that the error pages of
	 * the polling thread, which has no store, find it current.
	 */
	if (store_version(t->st, &v) == ERR_OK &&
	    v != atomic_load(&t->app->version)) {
		atomic_store(&t->app->version, v);
		view_chrome(t->app, t->st, &chrome);
		json_decref(chrome);
	}
	if (n % every == 0)
		reads_flush(t->app->reads, t->st, time_now());
	if (t->app->cfg->access_log != NULL)
		fflush(t->app->cfg->access_log);
}

static void *
tick_main(void *arg)
{
	struct tick *t = arg;
	struct timespec ts;
	int64_t n = 0;

	pthread_mutex_lock(&t->lock);
	while (!t->stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&t->cond, &t->lock, &ts);
		if (t->stop)
			break;
		pthread_mutex_unlock(&t->lock);
		tick_once(t, ++n);
		pthread_mutex_lock(&t->lock);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

int
web_serve(const struct web_config *cfg)
{
	struct http_hooks hooks = { 0 };
	struct http_config hc = { 0 };
	struct tick t = { 0 };
	struct app *app = NULL;
	json_t *chrome = NULL;
	pthread_t th;
	int64_t v;
	enum err rc;
	int status = 1;

	if (store_open(cfg->db, 0, &t.st) != ERR_OK) {
		fprintf(stderr, "octavo serve: %s: cannot open the database; "
		    "create one with 'octavo init' or 'octavo demo'\n",
		    cfg->db);
		return 1;
	}
	if (store_check_schema(t.st) != ERR_OK ||
	    store_version(t.st, &v) != ERR_OK)
		goto out;
	if (app_new(cfg, &app) != ERR_OK) {
		fprintf(stderr, "octavo serve: cannot start (theme %s, robots "
		    "list %s): see the message above\n", cfg->theme,
		    cfg->robots_file);
		goto out;
	}
	atomic_store(&app->version, v);
	web_app = app;
	if (view_chrome(app, t.st, &chrome) != ERR_OK) {
		fprintf(stderr, "octavo serve: %s: cannot read the site\n",
		    cfg->db);
		goto out;
	}
	json_decref(chrome);
	t.app = app;
	pthread_mutex_init(&t.lock, NULL);
	pthread_cond_init(&t.cond, NULL);
	if (app->robots != NULL)
		log_info("%zu robot patterns from %s",
		    robots_count(app->robots), cfg->robots_file);
	hooks.app = app;
	hooks.worker_new = worker_new;
	hooks.worker_free = worker_free;
	hooks.fast = fast;
	hooks.error = error_page;
	hc.listen = cfg->listen;
	hc.workers = cfg->workers;
	hc.access_log = cfg->access_log;
	hc.trusted_proxies = cfg->trusted_proxies;
	pthread_create(&th, NULL, tick_main, &t);
	rc = http_serve(&hc, web_routes, web_nroutes, &hooks);
	pthread_mutex_lock(&t.lock);
	t.stop = 1;
	pthread_cond_signal(&t.cond);
	pthread_mutex_unlock(&t.lock);
	pthread_join(th, NULL);
	if (reads_flush(app->reads, t.st, time_now()) != ERR_OK)
		log_warnx("reads: %lld reads could not be saved",
		    (long long)reads_pending(app->reads));
	pthread_mutex_destroy(&t.lock);
	pthread_cond_destroy(&t.cond);
	status = rc == ERR_OK ? 0 : 1;
out:
	web_app = NULL;
	app_free(app);
	store_close(t.st);
	return status;
}
