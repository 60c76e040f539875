/*
 * article: /articles/{slug}.  The page is cached like any other; its read
 * count is a marker that view_serve_page replaces with the live number on
 * every answer, so caching never stops counting.
 */
#include "web.h"

enum err
page_article(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *row = NULL, *v, *a;
	struct buf body;
	enum err rc;

	if ((rc = store_article_get(ctx->store, r->args[0], &row)) !=
	    ERR_OK)
		return rc;
	if ((rc = view_new(ctx, r, view_str(row, "title"), &v)) != ERR_OK)
		goto out;
	json_object_set_new(json_object_get(v, "page"), "description",
	    json_string(view_str(row, "dek")));
	a = view_article_sum(row);
	buf_init(&body, LIMIT_PAGE);
	if ((rc = markdown_html(&body, view_str(row, "body"),
	    json_string_length(json_object_get(row, "body")))) != ERR_OK) {
		buf_free(&body);
		json_decref(a);
		json_decref(v);
		goto out;
	}
	json_object_set_new(a, "body_html", json_string(body.len > 0 ?
	    body.p : ""));
	buf_free(&body);
	view_date(a, "date_long", view_str(a, "date_iso"), time_fmt_long);
	json_object_set_new(a, "issue", view_issue_ref(r->arena,
	    json_object_get(row, "issue")));
	json_object_set_new(a, "reads", json_string(ctx->site->marker));
	json_object_set_new(v, "article", a);
	rc = site_render(ctx, r, resp, "article", v,
	    json_integer_value(json_object_get(row, "id")),
	    json_integer_value(json_object_get(row, "reads")));
out:
	json_decref(row);
	return rc;
}
