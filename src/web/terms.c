/*
 * terms: the pages of tags and countries.  /tags and /countries list
 * those on at least one published article, with their counts;
 * /tags/{slug} and /countries/{code} (the ISO 3166-1 alpha-2 code in
 * lower case: /countries/kz) list their published articles, newest
 * first, PER_PAGE a page, with feeds under the same path as sections
 * and authors have (feed.c).  A country's code written otherwise
 * (/countries/KZ) answers with a 301 to the one URL.  An article's page
 * gets its tags and countries as links to these pages (web_terms_add).
 */
#include <ctype.h>
#include <string.h>

#include "web.h"

/* What tells the two kinds apart. */
struct kind {
	const char	*prefix;	/* "/tags/" */
	const char	*index;		/* "/tags" */
	const char	*plural;	/* "Tags" */
	const char	*key;		/* the row's key: "slug", "code" */
	int		 countries;	/* for store_terms_list */
};

static const struct kind tags_kind = { "/tags/", "/tags", "Tags", "slug",
    0 };
static const struct kind countries_kind = { "/countries/", "/countries",
    "Countries", "code", 1 };

/* The lower-case form of a country's code, in the arena. */
static const char *
code_lower(struct arena *a, const char *code)
{
	char *s = arena_strdup(a, code);
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	return s;
}

/* [{name, url}] of an article's tags or countries (rows, borrowed). */
static json_t *
links_of(struct arena *a, json_t *rows, const struct kind *k)
{
	json_t *out = json_array(), *it, *o;
	const char *key;
	size_t i;

	json_array_foreach(rows, i, it) {
		key = view_str(it, k->key);
		if (k->countries)
			key = code_lower(a, key);
		o = json_object();
		view_copy(o, "name", it, "name");
		json_object_set_new(o, "url", view_url(k->prefix, key));
		json_array_append_new(out, o);
	}
	return out;
}

void
web_terms_add(struct ctx *ctx, struct req *r, json_t *article, int64_t id)
{
	json_t *t = NULL;

	if (store_article_terms(ctx->store, id, &t) != ERR_OK) {
		t = NULL;
		log_warnx("%s: the article's tags and countries could not be "
		    "read", r->path);
	}
	json_object_set_new(article, "tags", links_of(r->arena,
	    json_object_get(t, "tags"), &tags_kind));
	json_object_set_new(article, "countries", links_of(r->arena,
	    json_object_get(t, "countries"), &countries_kind));
	json_object_set_new(article, "has_terms", json_boolean(
	    json_array_size(json_object_get(article, "tags")) +
	    json_array_size(json_object_get(article, "countries")) > 0));
	json_decref(t);
}

/* /tags and /countries: each with its count, by name. */
static enum err
terms_index(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct kind *k)
{
	json_t *v = NULL, *rows = NULL, *list, *it, *o;
	const char *crumbs[2], *key;
	size_t i;
	enum err rc;

	if ((rc = store_terms_list(ctx->store, k->countries, &rows)) !=
	    ERR_OK)
		return rc;
	if ((rc = view_new(ctx, r, k->plural, &v)) != ERR_OK)
		goto out;
	list = json_array();
	json_array_foreach(rows, i, it) {
		key = view_str(it, k->key);
		o = json_object();
		view_copy(o, "name", it, "name");
		json_object_set_new(o, "url", view_url(k->prefix,
		    k->countries ? code_lower(r->arena, key) : key));
		json_object_set(o, "count", json_object_get(it, "count"));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "terms", list);
	json_object_set_new(v, "heading", json_string(k->plural));
	json_object_set_new(v, "empty", json_string(k->countries ?
	    "No article names a country yet." :
	    "No article has a tag yet."));
	crumbs[0] = k->plural;
	crumbs[1] = k->index;
	view_breadcrumbs(v, crumbs, 1);
	meta_collection(r, v, k->plural, "");
	rc = site_render(ctx, r, resp, "terms", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(rows);
	return rc;
}

enum err
page_tags(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return terms_index(ctx, r, resp, &tags_kind);
}

enum err
page_countries(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return terms_index(ctx, r, resp, &countries_kind);
}

enum err
web_country_code(struct req *r, struct resp *resp, const char *arg,
    char code[3], int *moved)
{
	const char *p = arg;

	*moved = 0;
	if (strlen(p) != 2 || !isalpha((unsigned char)p[0]) ||
	    !isalpha((unsigned char)p[1]))
		return ERR_NOTFOUND;
	code[0] = (char)toupper((unsigned char)p[0]);
	code[1] = (char)toupper((unsigned char)p[1]);
	code[2] = '\0';
	if (islower((unsigned char)p[0]) && islower((unsigned char)p[1]))
		return ERR_OK;
	*moved = 1;
	resp_redirect(resp, r->arena, 301, arena_printf(r->arena,
	    "/countries/%s%s", code_lower(r->arena, code), r->path[
	    strlen("/countries/") + 2] == '/' ? r->path + strlen(
	    "/countries/") + 2 : ""));
	return ERR_OK;
}

/* /tags/{slug} and /countries/{code}: their articles, paginated. */
static enum err
term_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct kind *k)
{
	struct store_query q = { 0 };
	json_t *v = NULL, *row = NULL, *rows = NULL, *o;
	const char *base, *crumbs[4], *name;
	char code[3];
	long page, total;
	int moved;
	enum err rc;

	if (k->countries) {
		if ((rc = web_country_code(r, resp, r->args[0], code,
		    &moved)) != ERR_OK || moved)
			return rc;
		rc = store_country_get(ctx->store, code, &row);
		q.country = code;
	} else {
		rc = store_tag_get(ctx->store, r->args[0], &row);
		q.tag = r->args[0];
	}
	if (rc != ERR_OK)
		return rc;
	o = view_url(k->prefix, r->args[0]);
	base = arena_strdup(r->arena, json_string_value(o));
	json_decref(o);
	name = arena_strdup(r->arena, view_str(row, "name"));
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		goto out;
	if ((rc = view_articles_page(ctx, &q, page, &rows, &total)) != ERR_OK)
		goto out;
	if ((rc = view_new(ctx, r, page > 1 ? arena_printf(r->arena,
	    "%s, page %ld", name, page) : name, &v)) != ERR_OK)
		goto out;
	o = json_object();
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "url", json_string(base));
	json_object_set_new(o, "kind", json_string(k->countries ? "Country" :
	    "Tag"));
	json_object_set_new(o, "count_text", json_string(arena_printf(
	    r->arena, total == 1 ? "%ld article" : "%ld articles", total)));
	json_object_set_new(v, "term", o);
	crumbs[0] = k->plural;
	crumbs[1] = k->index;
	crumbs[2] = name;
	crumbs[3] = base;
	view_breadcrumbs(v, crumbs, 2);
	json_object_set_new(json_object_get(v, "page"), "feeds",
	    view_feed_links(base, arena_printf(r->arena,
	    "%s \xe2\x80\x94 %s", name,
	    view_str(json_object_get(v, "site"), "name"))));
	meta_collection(r, v, name, arena_printf(r->arena, "Articles %s %s",
	    k->countries ? "on" : "tagged", name));
	json_object_set_new(v, "articles", view_article_sums(rows));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	rc = site_render(ctx, r, resp, "term", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(row);
	json_decref(rows);
	return rc;
}

enum err
page_tag(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return term_page(ctx, r, resp, &tags_kind);
}

enum err
page_country(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return term_page(ctx, r, resp, &countries_kind);
}
