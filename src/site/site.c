/*
 * site: the running site.  Loads the theme (templates compiled once,
 * static files fingerprinted), the robots list, the page cache and the
 * read counter; gives http the routes, each thread its context and the
 * hooks; and runs the one-second tick that polls the content version and
 * flushes the read counter.
 *
 * Shutdown order matters: http_serve returns only after every request is
 * answered, then the tick thread stops, then the counter's last flush.
 */
#include <dirent.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "site.h"

static const struct {
	const char	*ext;
	const char	*type;
} mime[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
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
    enum err (*fn)(struct site *, const char *path, const char *name),
    struct site *site)
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
			rc = fn(site, path, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static enum err
load_template(struct site *site, const char *path, const char *file)
{
	char *src, *name, err[256] = "";
	size_t len;
	enum err rc;

	if ((rc = file_read(path, LIMIT_TEMPLATE, &src, &len)) != ERR_OK) {
		log_warnx("%s: %s", path, err_str(rc));
		return rc;
	}
	name = xstrndup(file, strlen(file) - strlen(".mustache"));
	if ((rc = tmpl_set_add(site->tmpl, name, src, len, err,
	    sizeof(err))) != ERR_OK)
		log_warnx("%s: %s", path, err);
	free(name);
	free(src);
	return rc;
}

static enum err
load_asset(struct site *site, const char *path, const char *file)
{
	unsigned char h[16];
	char hex[33];
	struct asset *a;
	const char *dot;
	enum err rc;

	site->assets = xrealloc(site->assets, (site->nassets + 1) *
	    sizeof(*site->assets));
	a = &site->assets[site->nassets];
	memset(a, 0, sizeof(*a));
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
	/* Compressed once, as hard as the codings go: served for good. */
	if (http_type_compressible(a->content_type))
		http_compress_each(HTTP_EFFORT_ONCE, a->body, a->len,
		    a->coded);
	site->nassets++;
	return ERR_OK;
}

/* "/static/<fingerprinted name>" of a theme file; caller frees. */
static char *
asset_url(struct site *site, const char *name)
{
	struct buf b;
	size_t i;

	buf_init(&b, LIMIT_URL);
	buf_puts(&b, "/static/");
	for (i = 0; i < site->nassets; i++)
		if (strcmp(site->assets[i].name, name) == 0)
			break;
	buf_puts(&b, i < site->nassets ? site->assets[i].hashed : name);
	return buf_take(&b, NULL);
}

int64_t
site_now(const struct site *site)
{
	return site->cfg->clock != NULL ? site->cfg->clock() : time_now();
}

void
site_free(struct site *site)
{
	size_t i;

	if (site == NULL)
		return;
	tmpl_set_free(site->tmpl);
	cache_free(site->cache);
	reads_free(site->reads);
	robots_free(site->robots);
	json_decref(site->chrome);
	for (i = 0; i < site->nassets; i++) {
		free(site->assets[i].name);
		free(site->assets[i].hashed);
		free(site->assets[i].body);
		http_coded_free(site->assets[i].coded);
	}
	free(site->assets);
	free(site->css_url);
	free(site->favicon_url);
	free(site->media_dir);
	pthread_mutex_destroy(&site->lock);
	free(site);
}

enum err
site_new(const struct site_config *cfg, struct site **out)
{
	struct site *site;
	unsigned char rnd[8];
	char dir[4096], hex[17];
	enum err rc;

	if (sodium_init() < 0)
		return ERR_IO;
	site = xcalloc(1, sizeof(*site));
	site->cfg = cfg;
	site->media_dir = media_dir_of(cfg);
	site->upload_max = cfg->upload_max > 0 ? cfg->upload_max :
	    MEDIA_UPLOAD_DEFAULT;
	pthread_mutex_init(&site->lock, NULL);
	randombytes_buf(&site->nonce, sizeof(site->nonce));
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	snprintf(site->marker, sizeof(site->marker), "<!--reads:%s-->", hex);
	site->tmpl = tmpl_set_new();
	snprintf(dir, sizeof(dir), "%s/templates", cfg->theme);
	if ((rc = dir_each(dir, ".mustache", load_template, site)) != ERR_OK)
		goto fail;
	if (!tmpl_set_has(site->tmpl, "error") ||
	    !tmpl_set_has(site->tmpl, "article")) {
		log_warnx("%s: the theme lacks templates", dir);
		rc = ERR_NOTFOUND;
		goto fail;
	}
	snprintf(dir, sizeof(dir), "%s/static", cfg->theme);
	if ((rc = dir_each(dir, "", load_asset, site)) != ERR_OK)
		goto fail;
	site->css_url = asset_url(site, "style.css");
	site->favicon_url = asset_url(site, "favicon.svg");
	if (cfg->robots_file != NULL && *cfg->robots_file != '\0' &&
	    (rc = robots_load(cfg->robots_file, &site->robots)) != ERR_OK)
		goto fail;
	site->cache = cache_new(cfg->cache_off ? 0 : cfg->cache_bytes > 0 ?
	    cfg->cache_bytes : LIMIT_CACHE_BYTES);
	site->reads = reads_new(site->robots, LIMIT_READS_ENTRIES);
	*out = site;
	return ERR_OK;
fail:
	site_free(site);
	return rc;
}

/* The http ctx_new hook: a worker's context, with its own connection. */
static struct ctx *
ctx_new(struct ctx *poll)
{
	struct ctx *c;
	struct store *st;

	if (store_open(poll->site->cfg->db, 0, &st) != ERR_OK)
		return NULL;
	/* A locked database answers 503 soon instead of holding a worker. */
	store_busy_wait(st, LIMIT_BUSY_REQUEST_MS);
	store_cache(st, LIMIT_READER_CACHE_KIB);
	c = xcalloc(1, sizeof(*c));
	c->site = poll->site;
	c->store = st;
	return c;
}

static void
ctx_free(struct ctx *c)
{
	if (c == NULL)
		return;
	store_close(c->store);
	free(c);
}

/*
 * The http begin hook: the content version as the request starts, before
 * any of its queries.  The tick only ever moves site->version to a
 * version the database already had, so rows read after this are at
 * least as new as the version the page is cached under.
 */
static void
ctx_begin(struct ctx *c, struct req *r)
{
	(void)r;
	c->version = atomic_load(&c->site->version);
}

const struct asset *
site_asset(struct site *site, const char *name, int *hashed)
{
	size_t i;

	for (i = 0; i < site->nassets; i++) {
		*hashed = strcmp(name, site->assets[i].hashed) == 0;
		if (*hashed || strcmp(name, site->assets[i].name) == 0)
			return &site->assets[i];
	}
	return NULL;
}

struct tick {
	struct site		*site;
	struct store		*st;
	const struct site_part	*parts;
	size_t			 nparts;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	int		 stop;
};

static void
tick_once(struct tick *t, int64_t n)
{
	int every = t->site->cfg->flush_seconds > 0 ?
	    t->site->cfg->flush_seconds : 1;
	json_t *chrome = NULL;
	int64_t v;
	size_t i;

	/*
	 * A new version gets its chrome here, so that the error pages of
	 * the polling thread, which has no store, find it current.
	 */
	if (store_version(t->st, &v) == ERR_OK &&
	    v != atomic_load(&t->site->version)) {
		atomic_store(&t->site->version, v);
		site_chrome(t->site, t->st, &chrome);
		json_decref(chrome);
	}
	if (n % every == 0)
		reads_flush(t->site->reads, t->st, time_now());
	for (i = 0; i < t->nparts; i++)
		if (t->parts[i].tick != NULL)
			t->parts[i].tick(t->site, t->st,
			    site_now(t->site));
	if (t->site->cfg->access_log != NULL)
		fflush(t->site->cfg->access_log);
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

/* Why serve cannot use the database, in words. */
static void
serve_db_error(const char *db, enum err rc)
{
	if (rc == ERR_BUSY)
		fprintf(stderr, "octavo serve: %s: the database is locked by "
		    "another process; try again once it lets go\n", db);
	else if (rc == ERR_NOTFOUND)
		fprintf(stderr, "octavo serve: %s: no such database; create "
		    "one with 'octavo init' or 'octavo demo'\n", db);
	else
		fprintf(stderr, "octavo serve: %s: cannot open the database "
		    "(%s)\n", db, err_str(rc));
}

/* The parts' routes, one table in the parts' order; caller frees. */
static struct route *
routes_join(const struct site_part *parts, size_t nparts, size_t *n)
{
	struct route *all;
	size_t i;

	*n = 0;
	for (i = 0; i < nparts; i++)
		*n += parts[i].nroutes;
	all = xcalloc(*n > 0 ? *n : 1, sizeof(*all));
	*n = 0;
	for (i = 0; i < nparts; i++) {
		if (parts[i].nroutes == 0)	/* a part with no routes */
			continue;
		memcpy(all + *n, parts[i].routes, parts[i].nroutes *
		    sizeof(*all));
		*n += parts[i].nroutes;
	}
	return all;
}

int
site_serve(const struct site_config *cfg, const struct site_part *parts,
    size_t nparts)
{
	struct http_hooks hooks = { 0 };
	struct http_config hc = { 0 };
	struct tick t = { 0 };
	struct ctx poll = { 0 };
	struct site *site = NULL;
	struct route *routes = NULL;
	json_t *chrome = NULL;
	pthread_t th;
	size_t i, nroutes, started = 0;
	sigset_t sigs, oldsigs;
	int64_t v;
	enum err rc;
	int status = 1;

	if ((rc = store_open(cfg->db, 0, &t.st)) != ERR_OK) {
		serve_db_error(cfg->db, rc);
		return 1;
	}
	if ((rc = store_check_schema(t.st)) != ERR_OK ||
	    (rc = store_version(t.st, &v)) != ERR_OK) {
		if (rc == ERR_BUSY)
			serve_db_error(cfg->db, rc);
		goto out;
	}
	if (site_new(cfg, &site) != ERR_OK) {
		fprintf(stderr, "octavo serve: cannot start (theme %s, robots "
		    "list %s): see the message above\n", cfg->theme,
		    cfg->robots_file);
		goto out;
	}
	atomic_store(&site->version, v);
	if (site_chrome(site, t.st, &chrome) != ERR_OK) {
		fprintf(stderr, "octavo serve: %s: cannot read the site\n",
		    cfg->db);
		goto out;
	}
	json_decref(chrome);
	for (; started < nparts; started++)
		if (parts[started].start != NULL &&
		    parts[started].start(site, t.st) != ERR_OK) {
			fprintf(stderr, "octavo serve: cannot start: see the "
			    "message above\n");
			goto out;
		}
	routes = routes_join(parts, nparts, &nroutes);
	t.site = site;
	t.parts = parts;
	t.nparts = nparts;
	pthread_mutex_init(&t.lock, NULL);
	pthread_cond_init(&t.cond, NULL);
	if (site->robots != NULL)
		log_info("%zu robot patterns from %s",
		    robots_count(site->robots), cfg->robots_file);
	poll.site = site;
	hooks.ctx = &poll;
	hooks.ctx_new = ctx_new;
	hooks.ctx_free = ctx_free;
	hooks.begin = ctx_begin;
	hooks.fast = site_fast;
	hooks.error = site_error_page;
	for (i = 0; i < nparts; i++)
		if (parts[i].session != NULL)
			hooks.session = parts[i].session;
	hc.listen = cfg->listen;
	hc.workers = cfg->workers;
	hc.access_log = cfg->access_log;
	hc.trusted_proxies = cfg->trusted_proxies;
	hc.max_connections = cfg->max_connections;
	hc.per_ip_connections = cfg->per_ip_connections;
	hc.header_timeout = cfg->header_timeout;
	hc.upload_max = site->upload_max;
	/*
	 * The tick thread must not take SIGTERM or SIGINT, which
	 * http_serve waits for: a thread that leaves them unblocked gets
	 * one that arrives before the wait, and dies of it (valgrind,
	 * which delivers signals its own way, showed it).
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &oldsigs);
	pthread_create(&th, NULL, tick_main, &t);
	pthread_sigmask(SIG_SETMASK, &oldsigs, NULL);
	rc = http_serve(&hc, routes, nroutes, &hooks);
	pthread_mutex_lock(&t.lock);
	t.stop = 1;
	pthread_cond_signal(&t.cond);
	pthread_mutex_unlock(&t.lock);
	pthread_join(th, NULL);
	if (reads_flush(site->reads, t.st, time_now()) != ERR_OK)
		log_warnx("reads: %lld reads could not be saved",
		    (long long)reads_pending(site->reads));
	pthread_mutex_destroy(&t.lock);
	pthread_cond_destroy(&t.cond);
	status = rc == ERR_OK ? 0 : 1;
out:
	while (started > 0)
		if (parts[--started].stop != NULL)
			parts[started].stop(site);
	free(routes);
	site_free(site);
	store_close(t.st);
	return status;
}
