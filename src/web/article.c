/*
 * article: /articles/{slug}.  The page is cached like any other; its read
 * count is a marker that view_serve_page replaces with the live number on
 * every answer, so caching never stops counting.  An old slug answers
 * with a 301 to the new one, for the page and its citation files alike.
 */
#include <string.h>

#include "web.h"

/*
 * An old slug of a published article (renamed in the back office): a
 * 301 to its address now, with tail ("/cite.bib"; "" for the page).
 * Not cached: the page cache keeps pages.
 */
static enum err
article_moved(struct ctx *ctx, struct req *r, struct resp *resp,
    const char *tail)
{
	json_t *to = NULL, *u;
	enum err rc;

	if ((rc = store_article_moved(ctx->store, r->args[0], &to)) != ERR_OK)
		return rc;
	if (*tail == '\0')
		web_redirect_article(r, resp, view_str(to, "slug"));
	else {
		u = view_url("/articles/", view_str(to, "slug"));
		resp_redirect(resp, r->arena, 301, arena_printf(r->arena,
		    "%s%s", json_string_value(u), tail));
		json_decref(u);
	}
	json_decref(to);
	return ERR_OK;
}

enum err
page_article(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *row = NULL, *v, *sec, *u;
	const char *crumbs[4];
	enum err rc;

	rc = store_article_get(ctx->store, r->args[0], &row);
	if (rc == ERR_NOTFOUND)
		return article_moved(ctx, r, resp, "");
	if (rc != ERR_OK)
		return rc;
	if ((rc = site_article_view(ctx, r, row, ctx->site->marker, &v)) ==
	    ERR_OK) {
		/* Where the reader is: the section, the trail, the terms. */
		sec = json_object_get(row, "section");
		view_nav_current(v, view_str(sec, "slug"), "true");
		u = view_url("/sections/", view_str(sec, "slug"));
		crumbs[0] = view_str(sec, "name");
		crumbs[1] = arena_strdup(r->arena, json_string_value(u));
		json_decref(u);
		crumbs[2] = view_str(row, "title");
		crumbs[3] = r->path;
		view_breadcrumbs(v, crumbs, 2);
		web_terms_add(ctx, r, json_object_get(v, "article"),
		    json_integer_value(json_object_get(row, "id")));
		meta_article(r, v, row);
		rc = site_render(ctx, r, resp, "article", v,
		    json_integer_value(json_object_get(row, "id")),
		    json_integer_value(json_object_get(row, "reads")));
	}
	json_decref(row);
	return rc;
}

/*
 * /articles/{slug}/cite.bib, .ris, .json: the article's citation as a
 * file for reference managers (cite.c), cached as its page is.
 */
enum err
page_article_cite(struct ctx *ctx, struct req *r, struct resp *resp)
{
	static const struct {
		const char	*ext;
		const char	*type;
		enum err	(*fn)(struct buf *, struct arena *, json_t *,
				    json_t *, const char *);
	} kinds[] = {
		{ ".bib", "application/x-bibtex; charset=utf-8", cite_bibtex },
		{ ".ris", "application/x-research-info-systems; charset=utf-8",
		    cite_ris },
		{ ".json", "application/vnd.citationstyles.csl+json",
		    cite_csl },
	};
	json_t *row = NULL, *chrome = NULL, *site, *u;
	const char *url;
	struct buf b;
	size_t i, n = strlen(r->path), l;
	char *body;
	enum err rc;

	for (i = 0; i < nitems(kinds); i++) {
		l = strlen(kinds[i].ext);
		if (n > l && strcmp(r->path + n - l, kinds[i].ext) == 0)
			break;
	}
	if (i == nitems(kinds))
		return ERR_NOTFOUND;
	rc = store_article_get(ctx->store, r->args[0], &row);
	if (rc == ERR_NOTFOUND)
		return article_moved(ctx, r, resp, arena_printf(r->arena,
		    "/cite%s", kinds[i].ext));
	if (rc != ERR_OK)
		return rc;
	if ((rc = site_chrome(ctx->site, ctx->store, &chrome)) != ERR_OK)
		goto out;
	site = json_object_get(chrome, "site");
	u = view_url("/articles/", view_str(row, "slug"));
	url = arena_printf(r->arena, "%s%s", view_str(site, "base_url"),
	    json_string_value(u));
	json_decref(u);
	buf_init(&b, LIMIT_PAGE);
	if ((rc = kinds[i].fn(&b, r->arena, row, site, url)) != ERR_OK) {
		buf_free(&b);
		goto out;
	}
	if ((rc = resp_disposition_set(resp, r->arena, 1,
	    arena_printf(r->arena, "%s%s", view_str(row, "slug"),
	    kinds[i].ext))) != ERR_OK) {
		buf_free(&b);
		goto out;
	}
	body = buf_take(&b, &n);
	rc = site_send_body(ctx, r, resp, body, n, kinds[i].type);
out:
	json_decref(chrome);
	json_decref(row);
	return rc;
}
