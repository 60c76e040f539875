/*
 * api: what every endpoint shares.  api_run reads what a request asks
 * (the page, its size) and turns an endpoint's failure into a problem
 * details answer; api_send and api_send_list answer through the page
 * cache, a list with its Link headers.
 *
 * A client chooses the cache keys (any value of a kept parameter makes
 * one), so every value is checked before an answer is made from it, and
 * only its one spelling is taken: page=02 is a 400, not a second copy of
 * page 2, and a filter naming nothing is a 404.  Only 200 answers are
 * cached, so the keys the cache holds are the answers the journal has.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

enum err
api_fail(struct api_call *c, int status, const char *param,
    const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->status = status;
	c->param = param;
	c->detail = arena_strdup(c->r->arena, msg);
	return ERR_INVAL;
}

/* 1 if the request's route keeps the query parameter name. */
static int
route_keeps(const struct req *r, const char *name)
{
	const char *const *p;

	for (p = r->route->params; p != NULL && *p != NULL; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

enum err
api_parse_number(const char *v, long long min, long long max,
    long long *out)
{
	char canon[24];
	long long n;

	if (str_to_ll(v, min, max, &n) != ERR_OK)
		return ERR_PARSE;
	snprintf(canon, sizeof(canon), "%lld", n);
	if (strcmp(canon, v) != 0)
		return ERR_PARSE;
	*out = n;
	return ERR_OK;
}

enum err
api_number(struct api_call *c, const char *name, long long min,
    long long max, long long *out)
{
	const char *v = req_query(c->r, name);

	if (v == NULL)
		return ERR_OK;
	if (api_parse_number(v, min, max, out) != ERR_OK)
		return api_fail(c, 400, name, "%s must be a whole number from "
		    "%lld to %lld, in digits without a leading zero.", name,
		    min, max);
	return ERR_OK;
}

enum err
api_filter(struct api_call *c, const char *name, const char **out)
{
	const char *v = req_query(c->r, name);

	*out = NULL;
	if (v != NULL && *v == '\0')
		return api_fail(c, 400, name, "%s is empty: leave it out not "
		    "to filter by it.", name);
	*out = v;
	return ERR_OK;
}

enum err
api_run(struct ctx *ctx, struct req *r, struct resp *resp, api_endpoint fn)
{
	struct api_call c = { .ctx = ctx, .r = r, .resp = resp, .page = 1,
	    .per_page = API_PER_PAGE };
	json_t *chrome = NULL;
	long long page = 1, per_page = API_PER_PAGE;
	const char *base;
	size_t n;
	enum err rc;

	if ((rc = site_chrome(ctx->site, ctx->store, &chrome)) != ERR_OK)
		return rc;
	base = view_str(json_object_get(chrome, "site"), "base_url");
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	c.base = arena_strndup(r->arena, base, n);
	json_decref(chrome);
	if (route_keeps(r, "page") &&
	    ((rc = api_number(&c, "page", 1, LIMIT_PAGE_NUMBER, &page)) !=
	    ERR_OK || (rc = api_number(&c, "per_page", 1, API_PER_PAGE_MAX,
	    &per_page)) != ERR_OK))
		goto out;
	c.page = (long)page;
	c.per_page = (long)per_page;
	rc = fn(&c);
out:
	if (rc == ERR_OK || c.status == 0) {
		json_decref(c.errors);
		return rc;
	}
	resp->nheaders = 0;
	site_problem_more(resp, c.status, c.detail, c.param, c.errors);
	json_decref(c.errors);
	if (c.challenge != NULL)
		(void)resp_header_add(resp, r->arena, "WWW-Authenticate",
		    c.challenge);
	return ERR_OK;
}

json_t *
api_find_slug(json_t *rows, const char *slug)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row)
		if (strcmp(view_str(row, "slug"), slug) == 0)
			return row;
	return NULL;
}

enum err
api_author_exists(struct api_call *c, const char *slug)
{
	json_t *row = NULL;
	enum err rc;

	rc = store_person_get(c->ctx->store, slug, &row);
	json_decref(row);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, "author", "There is no author '%s'.",
		    slug);
	return rc;
}

const char *
api_slug_url(struct api_call *c, const char *prefix, const char *slug)
{
	struct buf b;
	const char *s;

	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, c->base);
	buf_puts(&b, prefix);
	esc_url(&b, slug, strlen(slug));
	s = arena_strndup(c->r->arena, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

/* The length of the scheme and its ':' that s starts with, else 0. */
static size_t
scheme_len(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && s[i] != ':'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (i > 0 &&
		    ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		    s[i] == '-' || s[i] == '.'))))
			return 0;
	return s[i] == ':' && i > 0 ? i + 1 : 0;
}

json_t *
api_stored_url(struct api_call *c, const char *s)
{
	struct arena *a = c->r->arena;

	s += strspn(s, " ");
	if (*s == '\0' || !url_safe(s, strlen(s)))
		return json_null();
	if (scheme_len(s) > 0 || *c->base == '\0')
		return json_string(s);
	if (s[0] == '/' && s[1] == '/')
		return json_string(arena_printf(a, "%.*s%s",
		    (int)scheme_len(c->base), c->base, s));
	return json_string(arena_printf(a, "%s%s%s", c->base,
	    s[0] == '/' ? "" : "/", s));
}

enum err
api_send(struct api_call *c, json_t *doc)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	size_t len;

	json_decref(doc);
	if (text == NULL)
		return ERR_LIMIT;
	if ((len = strlen(text)) > LIMIT_PAGE) {
		log_warnx("%s: the answer is over LIMIT_PAGE", c->r->path);
		free(text);
		return ERR_LIMIT;
	}
	return site_send_body(c->ctx, c->r, c->resp, text, len,
	    "application/json");
}

/* The URL of page n of the request's list, with its filters. */
static const char *
list_url(struct api_call *c, long n)
{
	const char *const *p;
	const char *v;
	struct buf b;
	const char *s;
	char sep = '?';

	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, c->base);
	buf_puts(&b, c->r->path);
	for (p = c->r->route->params; p != NULL && *p != NULL; p++) {
		if (strcmp(*p, "page") == 0 || strcmp(*p, "per_page") == 0 ||
		    (v = req_query(c->r, *p)) == NULL)
			continue;
		buf_printf(&b, "%c%s=", sep, *p);
		esc_url(&b, v, strlen(v));
		sep = '&';
	}
	if (n > 1) {
		buf_printf(&b, "%cpage=%ld", sep, n);
		sep = '&';
	}
	if (c->per_page != API_PER_PAGE)
		buf_printf(&b, "%cper_page=%ld", sep, c->per_page);
	s = arena_strndup(c->r->arena, b.p, b.len);
	buf_free(&b);
	return s;
}

enum err
api_send_list(struct api_call *c, json_t *items, long total)
{
	long pages = total > 0 ? (total + c->per_page - 1) / c->per_page : 1;
	struct arena *a = c->r->arena;
	const char *link;
	json_t *doc;

	if (c->page > pages) {
		json_decref(items);
		return api_fail(c, 404, "page", "Page %ld is past the last "
		    "page of this list, %ld.", c->page, pages);
	}
	link = arena_printf(a, "<%s>; rel=\"first\"", list_url(c, 1));
	if (c->page > 1)
		link = arena_printf(a, "%s, <%s>; rel=\"prev\"", link,
		    list_url(c, c->page - 1));
	if (c->page < pages)
		link = arena_printf(a, "%s, <%s>; rel=\"next\"", link,
		    list_url(c, c->page + 1));
	link = arena_printf(a, "%s, <%s>; rel=\"last\"", link,
	    list_url(c, pages));
	/* Cannot fail (escaped URLs, the first header): else a 500. */
	if (resp_header_add(c->resp, a, "Link", link) != ERR_OK) {
		json_decref(items);
		return ERR_LIMIT;
	}
	doc = json_object();
	json_object_set_new(doc, "page", json_integer(c->page));
	json_object_set_new(doc, "per_page", json_integer(c->per_page));
	json_object_set_new(doc, "total", json_integer(total));
	json_object_set_new(doc, "pages", json_integer(pages));
	json_object_set_new(doc, "items", items);
	return api_send(c, doc);
}

enum err
api_send_slice(struct api_call *c, json_t *rows,
    json_t *(*fn)(struct api_call *, json_t *))
{
	json_t *items = json_array();
	size_t i, n = json_array_size(rows);
	size_t from = (size_t)(c->page - 1) * (size_t)c->per_page;

	for (i = from; i < n && i < from + (size_t)c->per_page; i++)
		json_array_append_new(items, fn(c, json_array_get(rows, i)));
	json_decref(rows);
	return api_send_list(c, items, (long)n);
}

enum err
api_send_deleted(struct api_call *c)
{
	c->resp->status = 204;
	c->resp->cache_control = "no-store";
	buf_reset(&c->resp->body);
	return ERR_OK;
}
