/*
 * legacy: the journal's old addresses, kept by the importers
 * (store.h's redirects: "/?p=12", "/2019/05/03/slug/", "/item/12-alias"),
 * each answered with a 301 to where its page is now.  An address no
 * route knows comes here through the fallback route; the home page,
 * whose old addresses differ only by their query, asks first too.
 */
#include <string.h>

#include "web.h"

/*
 * A 301 for the old address r was asked at, ERR_NOTFOUND when it is
 * none.  A query that names nothing old ("?utm_source=...") is dropped:
 * the path alone is tried next.
 */
static enum err
old_address(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *key, *slug, *q;
	json_t *row = NULL;
	enum err rc;

	if (req_target_key(r->arena, r->target, &key) != ERR_OK)
		return ERR_NOTFOUND;
	rc = store_redirect_find(ctx->store, key, &row);
	if (rc == ERR_NOTFOUND && (q = strchr(key, '?')) != NULL)
		rc = store_redirect_find(ctx->store, arena_strndup(r->arena,
		    key, (size_t)(q - key)), &row);
	if (rc != ERR_OK)
		return rc;
	if ((slug = view_str(row, "slug"))[0] != '\0')
		web_redirect_article(r, resp, slug);
	else
		resp_redirect(resp, r->arena, 301, arena_strdup(r->arena,
		    view_str(row, "location")));
	json_decref(row);
	return rc;
}

void
web_redirect_article(struct req *r, struct resp *resp, const char *slug)
{
	json_t *u = view_url("/articles/", slug);

	resp_redirect(resp, r->arena, 301, arena_strdup(r->arena,
	    json_string_value(u)));
	json_decref(u);
}

enum err
page_old_address(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return old_address(ctx, r, resp);
}

enum err
page_home_or_old(struct ctx *ctx, struct req *r, struct resp *resp)
{
	enum err rc;

	if (r->nquery > 0) {
		if ((rc = old_address(ctx, r, resp)) != ERR_NOTFOUND)
			return rc;
		/* Another query (a campaign's tags): the cached home page. */
		if (!r->signed_in && site_cached(ctx, r, resp))
			return ERR_OK;
	}
	return page_home(ctx, r, resp);
}
