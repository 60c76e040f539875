/*
 * article_view: the view of an article's page from its row, one for the
 * public page (web/article.c) and the back office's previews, so that a
 * preview is the page readers get, through the same renderer and theme.
 */
#include "site.h"

enum err
site_article_view(struct ctx *ctx, struct req *r, json_t *row,
    const char *reads, json_t **out)
{
	json_t *v, *a;
	struct buf body;
	enum err rc;

	if ((rc = view_new(ctx, r, view_str(row, "title"), &v)) != ERR_OK)
		return rc;
	json_object_set_new(json_object_get(v, "page"), "description",
	    json_string(view_str(row, "dek")));
	a = view_article_sum(row);
	buf_init(&body, LIMIT_PAGE);
	if ((rc = article_body_html(&body, view_str(row, "body"),
	    json_string_length(json_object_get(row, "body")),
	    view_str(row, "body_format"), NULL)) != ERR_OK) {
		buf_free(&body);
		json_decref(a);
		json_decref(v);
		return rc;
	}
	json_object_set_new(a, "body_html", json_string(body.len > 0 ?
	    body.p : ""));
	buf_free(&body);
	view_date(a, "date_long", view_str(a, "date_iso"), time_fmt_long);
	json_object_set_new(a, "issue", view_issue_ref(r->arena,
	    json_object_get(row, "issue")));
	json_object_set_new(a, "reads", json_string(reads));
	json_object_set_new(v, "article", a);
	*out = v;
	return ERR_OK;
}
