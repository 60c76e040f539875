/*
 * view: builds the views of docs/views.md from store records, and turns a
 * rendered view into a cached page.  The chrome (site, nav, sidebar,
 * assets) is built once per content version and shared by reference by
 * every page view of that version.
 *
 * Every key a template reads is always present (empty string, false or
 * []), because Mustache looks a missing key up in the enclosing context.
 */
#include <string.h>
#include <time.h>

#include "web.h"

struct store *
view_store(struct req *r)
{
	return r->worker;
}

const char *
view_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

void
view_copy(json_t *dst, const char *key, json_t *src, const char *skey)
{
	json_object_set_new(dst, key, json_string(view_str(src, skey)));
}

void
view_date(json_t *obj, const char *key, const char *iso,
    enum err (*fmt)(struct buf *, const char *))
{
	struct buf b;

	buf_init(&b, 64);
	if (iso == NULL || fmt(&b, iso) != ERR_OK)
		buf_reset(&b);
	json_object_set_new(obj, key, json_string(b.len > 0 ? b.p : ""));
	buf_free(&b);
}

json_t *
view_url(const char *prefix, const char *slug)
{
	struct buf b;
	json_t *j;

	buf_init(&b, LIMIT_URL);
	buf_puts(&b, prefix);
	esc_url(&b, slug, strlen(slug));
	j = json_string(b.p);
	buf_free(&b);
	return j;
}

json_t *
view_authors(json_t *rows)
{
	json_t *out = json_array(), *a, *o;
	size_t i, n = json_array_size(rows);

	json_array_foreach(rows, i, a) {
		o = json_object();
		view_copy(o, "name", a, "name");
		view_copy(o, "slug", a, "slug");
		json_object_set_new(o, "url", view_url("/authors/",
		    view_str(a, "slug")));
		json_object_set_new(o, "sep", json_string(i == 0 ? "" :
		    i + 1 == n ? " and " : ", "));
		json_array_append_new(out, o);
	}
	return out;
}

json_t *
view_section_ref(json_t *row)
{
	json_t *s = json_object_get(row, "section"), *o = json_object();

	view_copy(o, "name", s, "name");
	view_copy(o, "slug", s, "slug");
	json_object_set_new(o, "url", view_url("/sections/",
	    view_str(s, "slug")));
	return o;
}

json_t *
view_issue_ref(struct arena *a, json_t *issue)
{
	json_t *o;
	long long n;

	if (!json_is_integer(json_object_get(issue, "number")))
		return json_false();
	n = json_integer_value(json_object_get(issue, "number"));
	o = json_object();
	json_object_set_new(o, "number", json_integer(n));
	json_object_set_new(o, "url", json_string(arena_printf(a,
	    "/issues/%lld", n)));
	view_copy(o, "date_iso", issue, "date");
	view_date(o, "date_medium", view_str(issue, "date"), time_fmt_medium);
	view_date(o, "date_long", view_str(issue, "date"), time_fmt_long);
	view_copy(o, "title", issue, "title");
	return o;
}

json_t *
view_article_sum(json_t *row)
{
	json_t *o = json_object();
	char date[11] = "";

	snprintf(date, sizeof(date), "%s", view_str(row, "published_at"));
	view_copy(o, "title", row, "title");
	view_copy(o, "slug", row, "slug");
	json_object_set_new(o, "url", view_url("/articles/",
	    view_str(row, "slug")));
	view_copy(o, "dek", row, "dek");
	json_object_set_new(o, "date_iso", json_string(date));
	view_date(o, "date_medium", date, time_fmt_medium);
	json_object_set_new(o, "authors", view_authors(json_object_get(row,
	    "authors")));
	json_object_set_new(o, "section", view_section_ref(row));
	return o;
}

json_t *
view_article_sums(json_t *rows)
{
	json_t *out = json_array(), *r;
	size_t i;

	json_array_foreach(rows, i, r)
		json_array_append_new(out, view_article_sum(r));
	return out;
}

json_t *
view_publication(json_t *row)
{
	json_t *o = json_object(), *t = json_object_get(row, "type");

	view_copy(o, "type_name", t, "name");
	view_copy(o, "type_slug", t, "slug");
	view_copy(o, "title", row, "title");
	view_copy(o, "url", row, "url");
	view_copy(o, "venue", row, "venue");
	view_copy(o, "date_iso", row, "date");
	view_date(o, "date_medium", view_str(row, "date"), time_fmt_medium);
	view_copy(o, "summary", row, "summary");
	view_copy(o, "cover", row, "cover");
	json_object_set_new(o, "authors", view_authors(json_object_get(row,
	    "authors")));
	return o;
}

json_t *
view_publications(json_t *rows)
{
	json_t *out = json_array(), *r;
	size_t i;

	json_array_foreach(rows, i, r)
		json_array_append_new(out, view_publication(r));
	return out;
}

json_t *
view_pagination(struct arena *a, const char *base, long page, long total)
{
	long pages = (total + PER_PAGE - 1) / PER_PAGE;
	const char *sep = strchr(base, '?') != NULL ? "&" : "?";
	json_t *o;

	if (pages <= 1)
		return json_false();
	o = json_object();
	json_object_set_new(o, "page", json_integer(page));
	json_object_set_new(o, "pages", json_integer(pages));
	json_object_set_new(o, "prev_url", json_string(page <= 1 ? "" :
	    page == 2 ? base : arena_printf(a, "%s%spage=%ld", base, sep,
	    page - 1)));
	json_object_set_new(o, "next_url", json_string(page >= pages ? "" :
	    arena_printf(a, "%s%spage=%ld", base, sep, page + 1)));
	return o;
}

enum err
view_page_number(struct req *r, long *page)
{
	const char *p = req_query(r, "page");
	long long v;

	*page = 1;
	if (p == NULL)
		return ERR_OK;
	if (str_to_ll(p, 1, LIMIT_PAGE_NUMBER, &v) != ERR_OK)
		return ERR_PARSE;
	*page = (long)v;
	return ERR_OK;
}

enum err
view_articles_page(struct req *r, struct store_query *q, long page,
    json_t **rows, long *total)
{
	enum err rc;

	q->limit = PER_PAGE;
	q->offset = (page - 1) * PER_PAGE;
	if ((rc = store_articles_list(view_store(r), q, rows, total)) !=
	    ERR_OK)
		return rc;
	if (page > 1 && json_array_size(*rows) == 0) {
		json_decref(*rows);
		*rows = NULL;
		return ERR_NOTFOUND;
	}
	return ERR_OK;
}

void
view_nav_current(json_t *view, const char *slug)
{
	json_t *nav = json_deep_copy(json_object_get(view, "nav")), *it;
	size_t i;

	json_array_foreach(nav, i, it)
		json_object_set_new(it, "current", json_boolean(
		    strcmp(view_str(it, "slug"), slug) == 0));
	json_object_set_new(view, "nav", nav);
}

static json_t *
md_json(const char *md)
{
	struct buf b;
	json_t *j;

	buf_init(&b, LIMIT_PAGE);
	if (markdown_html(&b, md, strlen(md)) != ERR_OK)
		buf_reset(&b);
	j = json_string(b.len > 0 ? b.p : "");
	buf_free(&b);
	return j;
}

static enum err
build_chrome(struct app *app, struct store *st, json_t **out)
{
	json_t *site = NULL, *secs = NULL, *links = NULL, *pubs = NULL;
	json_t *c, *nav, *o, *it, *sb, *nl, *assets;
	struct store_query q = { .staff = 1, .limit = 5 };
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	enum err rc;

	if ((rc = store_site_get(st, &site)) != ERR_OK ||
	    (rc = store_sections_list(st, &secs)) != ERR_OK ||
	    (rc = store_links_list(st, &links)) != ERR_OK ||
	    (rc = store_publications_list(st, &q, &pubs, NULL)) != ERR_OK)
		goto out;
	c = json_object();
	o = json_object();
	json_object_set_new(o, "name", json_string(*view_str(site, "name") ?
	    view_str(site, "name") : "Octavo"));
	view_copy(o, "tagline", site, "tagline");
	json_object_set_new(o, "language", json_string(*view_str(site,
	    "language") ? view_str(site, "language") : "en"));
	view_copy(o, "base_url", site, "base_url");
	json_object_set_new(o, "about_html", md_json(view_str(site, "about")));
	json_object_set_new(c, "site", o);

	nav = json_array();
	json_array_foreach(secs, i, it) {
		o = json_object();
		view_copy(o, "name", it, "name");
		view_copy(o, "slug", it, "slug");
		json_object_set_new(o, "url", view_url("/sections/",
		    view_str(it, "slug")));
		view_copy(o, "description", it, "description");
		json_object_set_new(o, "current", json_false());
		json_array_append_new(nav, o);
	}
	json_object_set_new(c, "nav", nav);

	assets = json_object();
	json_object_set_new(assets, "css", json_string(app->css_url));
	json_object_set_new(assets, "favicon", json_string(app->favicon_url));
	json_object_set_new(c, "assets", assets);

	sb = json_object();
	json_object_set(sb, "links", links);
	json_object_set_new(sb, "publications", view_publications(pubs));
	json_object_set(sb, "about_html", json_object_get(json_object_get(c,
	    "site"), "about_html"));
	nl = json_object();
	json_object_set_new(nl, "action", json_string("/newsletter"));
	json_object_set_new(nl, "email", json_string(""));
	json_object_set_new(nl, "error", json_string(""));
	json_object_set_new(nl, "ok", json_false());
	json_object_set_new(sb, "newsletter", nl);
	json_object_set_new(c, "sidebar", sb);

	gmtime_r(&now, &tm);
	json_object_set_new(c, "year", json_integer(tm.tm_year + 1900));
	*out = c;
out:
	json_decref(site);
	json_decref(secs);
	json_decref(links);
	json_decref(pubs);
	return rc;
}

enum err
view_chrome(struct app *app, struct store *st, json_t **out)
{
	int64_t v = atomic_load(&app->version);
	json_t *c = NULL;
	enum err rc;

	pthread_mutex_lock(&app->lock);
	/* Without a store, a chrome of an older version beats none. */
	if (app->chrome != NULL && (app->chrome_version == v || st == NULL))
		c = json_incref(app->chrome);
	pthread_mutex_unlock(&app->lock);
	if (c != NULL || st == NULL) {
		*out = c;
		return c != NULL ? ERR_OK : ERR_NOTFOUND;
	}
	if ((rc = build_chrome(app, st, &c)) != ERR_OK)
		return rc;
	pthread_mutex_lock(&app->lock);
	if (v >= app->chrome_version) {
		json_decref(app->chrome);
		app->chrome = json_incref(c);
		app->chrome_version = v;
	}
	pthread_mutex_unlock(&app->lock);
	*out = c;
	return ERR_OK;
}

enum err
view_new(struct req *r, const char *title, json_t **out)
{
	struct app *app = web_app;
	json_t *chrome, *v, *page, *site;
	const char *name;
	enum err rc;

	if ((rc = view_chrome(app, view_store(r), &chrome)) != ERR_OK)
		return rc;
	v = json_object();
	json_object_update(v, chrome);	/* shares the chrome's values */
	json_decref(chrome);
	site = json_object_get(v, "site");
	name = view_str(site, "name");
	page = json_object();
	json_object_set_new(page, "title", json_string(title == NULL ? name :
	    arena_printf(r->arena, "%s \xe2\x80\x94 %s", title, name)));
	view_copy(page, "description", site, "tagline");
	json_object_set_new(page, "canonical", json_string(arena_printf(
	    r->arena, "%s%s", view_str(site, "base_url"), r->path)));
	json_object_set_new(v, "page", page);
	*out = v;
	return ERR_OK;
}

const char *
view_cache_key(struct req *r)
{
	const char *const *p;
	const char *val;
	struct buf b;
	const char *key;

	/* Most requests carry none of the kept parameters: no copy. */
	for (p = r->route != NULL ? r->route->params : NULL;
	    p != NULL && *p != NULL; p++)
		if (req_query(r, *p) != NULL)
			break;
	if (p == NULL || *p == NULL)
		return r->path;
	buf_init(&b, LIMIT_URL * 2);
	buf_puts(&b, r->path);
	for (p = r->route->params; *p != NULL; p++) {
		if ((val = req_query(r, *p)) == NULL)
			continue;
		buf_printf(&b, "\n%s=", *p);
		buf_puts(&b, val);
	}
	key = arena_strndup(r->arena, b.p, b.len);
	buf_free(&b);
	return key;
}

void
view_serve_page(struct app *app, struct req *r, struct resp *resp,
    struct page *p)
{
	size_t mlen = strlen(app->marker);
	int64_t total;
	char *num;

	resp->status = 200;
	resp->content_type = p->content_type;
	if (p->reads_off == PAGE_NO_READS) {
		resp->data = p->body;
		resp->datalen = p->len;
		resp->release = page_unref_cb;
		resp->release_arg = p;
		snprintf(resp->etag, sizeof(resp->etag), "W/\"%llx-%llx\"",
		    (unsigned long long)app->nonce,
		    (unsigned long long)p->version);
		return;
	}
	if (!r->head && r->method == HTTP_GET)
		reads_hit(app->reads, p->article_id, r->remote,
		    r->user_agent, time_now());
	total = reads_total(app->reads, p->article_id, p->stored_reads);
	num = arena_printf(r->arena, "%lld", (long long)total);
	/*
	 * The page is copied around the number: with three iovecs instead,
	 * libmicrohttpd 0.9.75 sends the headers in a syscall of their own,
	 * which costs more (about 4 us) than the copy (well under 1 us).
	 */
	if (buf_add(&resp->body, p->body, p->reads_off) != ERR_OK ||
	    buf_puts(&resp->body, num) != ERR_OK ||
	    buf_add(&resp->body, p->body + p->reads_off + mlen,
	    p->len - p->reads_off - mlen) != ERR_OK)
		resp->status = 500;	/* cannot be: the page fit */
	snprintf(resp->etag, sizeof(resp->etag), "W/\"%llx-%llx-%lld\"",
	    (unsigned long long)app->nonce, (unsigned long long)p->version,
	    (long long)total);
	page_unref(p);
}

enum err
view_render(struct req *r, struct resp *resp, const char *name,
    json_t *view, int64_t article_id, int64_t stored_reads)
{
	struct app *app = web_app;
	int64_t version = atomic_load(&app->version);
	struct page *p;
	struct buf b;
	char *body, *m;
	size_t len;
	enum err rc;

	buf_init(&b, LIMIT_PAGE);
	rc = tmpl_render(app->tmpl, name, view, &b);
	json_decref(view);
	if (rc != ERR_OK) {
		log_warnx("render %s: %s", name, err_str(rc));
		buf_free(&b);
		return rc;
	}
	body = buf_take(&b, &len);
	p = page_new(view_cache_key(r), version, body, len,
	    "text/html; charset=utf-8");
	if (article_id > 0 && (m = strstr(body, app->marker)) != NULL) {
		p->reads_off = (size_t)(m - body);
		p->article_id = article_id;
		p->stored_reads = stored_reads;
	}
	if (resp->status == 200 && r->method == HTTP_GET &&
	    (r->route->flags & ROUTE_CACHE)) {
		page_ref(p);
		cache_put(app->cache, p);
	}
	if (resp->status == 200) {
		view_serve_page(app, r, resp, p);
		return ERR_OK;
	}
	/* Non-200 pages (a form with errors) are sent as they are. */
	buf_add(&resp->body, p->body, p->len);
	resp->content_type = p->content_type;
	page_unref(p);
	return ERR_OK;
}
