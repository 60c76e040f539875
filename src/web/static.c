/*
 * static: the theme's files under /static/.  They are read into memory at
 * start; each is served under its plain name (revalidated hourly) and
 * under a name carrying a hash of its bytes (cached for a year, since
 * those bytes never change under that name).  Pages link the hashed one.
 * Their gzip and brotli are made once, at load (site.c).
 */
#include <string.h>

#include "web.h"

enum err
page_static(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct asset *a;
	int hashed;

	if ((a = site_asset(ctx->site, r->args[0], &hashed)) == NULL)
		return ERR_NOTFOUND;
	resp->status = 200;
	resp->content_type = a->content_type;
	resp->cache_control = hashed ? "public, max-age=31536000, immutable" :
	    "public, max-age=3600";
	snprintf(resp->etag, sizeof(resp->etag), "\"%s\"", a->hashed);
	resp->data = a->body;
	resp->datalen = a->len;
	memcpy(resp->coded, a->coded, sizeof(resp->coded));
	resp->coded_only = 1;
	return ERR_OK;
}
