/*
 * section: /sections/{slug}, the section's articles, newest first, in
 * pages of PER_PAGE.
 */
#include <string.h>

#include "web.h"

enum err
page_section(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct store_query q = { 0 };
	json_t *v = NULL, *secs = NULL, *sec = NULL, *rows = NULL, *it, *o;
	const char *slug = r->args[0], *base, *crumbs[2];
	long page, total;
	size_t i;
	enum err rc;

	o = view_url("/sections/", slug);
	base = arena_strdup(r->arena, json_string_value(o));
	json_decref(o);
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	if ((rc = store_sections_list(ctx->store, &secs)) != ERR_OK)
		return rc;
	json_array_foreach(secs, i, it)
		if (strcmp(view_str(it, "slug"), slug) == 0)
			sec = it;
	if (sec == NULL) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	q.section = slug;
	if ((rc = view_articles_page(ctx, &q, page, &rows, &total)) != ERR_OK)
		goto out;
	if ((rc = view_new(ctx, r, page > 1 ? arena_printf(r->arena,
	    "%s, page %ld", view_str(sec, "name"), page) :
	    view_str(sec, "name"), &v)) != ERR_OK)
		goto out;
	view_nav_current(v, slug, "page");
	crumbs[0] = view_str(sec, "name");
	crumbs[1] = base;
	view_breadcrumbs(v, crumbs, 1);
	o = json_object();
	view_copy(o, "name", sec, "name");
	view_copy(o, "description", sec, "description");
	json_object_set_new(o, "url", json_string(base));
	json_object_set_new(v, "section", o);
	json_object_set_new(json_object_get(v, "page"), "feeds",
	    view_feed_links(base, arena_printf(r->arena,
	    "%s \xe2\x80\x94 %s", view_str(sec, "name"),
	    view_str(json_object_get(v, "site"), "name"))));
	meta_section(r, v, sec);
	json_object_set_new(v, "articles", view_article_sums(rows));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	rc = site_render(ctx, r, resp, "section", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(secs);
	json_decref(rows);
	return rc;
}
