/*
 * author: /authors/{slug}: the person's bio, articles (paginated) and
 * publications.
 */
#include "web.h"

enum err
page_author(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct store_query q = { 0 };
	struct store_query pq = { 0 };
	json_t *v = NULL, *row = NULL, *rows = NULL, *pubs = NULL, *o;
	const char *slug = r->args[0], *base, *crumbs[4];
	long page, total;
	enum err rc;

	o = view_url("/authors/", slug);
	base = arena_strdup(r->arena, json_string_value(o));
	json_decref(o);
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	if ((rc = store_person_get(ctx->store, slug, &row)) != ERR_OK)
		return rc;
	q.author = slug;
	if ((rc = view_articles_page(ctx, &q, page, &rows, &total)) != ERR_OK)
		goto out;
	pq.author = slug;
	if ((rc = store_publications_list(ctx->store, &pq, &pubs, NULL)) !=
	    ERR_OK)
		goto out;
	if ((rc = view_new(ctx, r, view_str(row, "name"), &v)) != ERR_OK)
		goto out;
	json_object_set_new(v, "person", view_person(row));
	crumbs[0] = "Authors";
	crumbs[1] = "/authors";
	crumbs[2] = view_str(row, "name");
	crumbs[3] = base;
	view_breadcrumbs(v, crumbs, 2);
	meta_author(r, v, row);
	json_object_set_new(v, "articles", view_article_sums(rows));
	json_object_set_new(v, "publications", view_publications(pubs));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	json_object_set_new(json_object_get(v, "page"), "feeds",
	    view_feed_links(base, arena_printf(r->arena,
	    "%s \xe2\x80\x94 %s", view_str(row, "name"),
	    view_str(json_object_get(v, "site"), "name"))));
	rc = site_render(ctx, r, resp, "author", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(row);
	json_decref(rows);
	json_decref(pubs);
	return rc;
}
