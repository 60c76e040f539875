/*
 * article: /articles/{slug}.  The page is cached like any other; its read
 * count is a marker that view_serve_page replaces with the live number on
 * every answer, so caching never stops counting.  An old slug answers
 * with a 301 to the new one.
 */
#include <string.h>

#include "web.h"

/*
 * An old slug of a published article (renamed in the back office): a
 * 301 to its address now.  Not cached: the page cache keeps pages.
 */
static enum err
article_moved(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *to = NULL;
	struct buf b;
	enum err rc;

	if ((rc = store_article_moved(ctx->store, r->args[0], &to)) != ERR_OK)
		return rc;
	buf_init(&b, LIMIT_URL);
	if ((rc = buf_puts(&b, "/articles/")) == ERR_OK)
		rc = esc_url(&b, view_str(to, "slug"), strlen(view_str(to,
		    "slug")));
	if (rc == ERR_OK)
		resp_redirect(resp, r->arena, 301, b.p);
	buf_free(&b);
	json_decref(to);
	return rc;
}

enum err
page_article(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *row = NULL, *v;
	enum err rc;

	rc = store_article_get(ctx->store, r->args[0], &row);
	if (rc == ERR_NOTFOUND)
		return article_moved(ctx, r, resp);
	if (rc != ERR_OK)
		return rc;
	if ((rc = site_article_view(ctx, r, row, ctx->site->marker, &v)) ==
	    ERR_OK) {
		meta_article(r, v, row);
		rc = site_render(ctx, r, resp, "article", v,
		    json_integer_value(json_object_get(row, "id")),
		    json_integer_value(json_object_get(row, "reads")));
	}
	json_decref(row);
	return rc;
}
