/*
 * static: the theme's files under /static/.  They are read into memory at
 * start; each is served under its plain name (revalidated hourly) and
 * under a name carrying a hash of its bytes (cached for a year, since
 * those bytes never change under that name).  Pages link the hashed one.
 */
#include <string.h>

#include "web.h"

enum err
page_static(struct req *r, struct resp *resp)
{
	struct app *app = web_app;
	const char *name = r->args[0];
	struct asset *a;
	size_t i;
	int hashed;

	for (i = 0; i < app->nassets; i++) {
		a = &app->assets[i];
		hashed = strcmp(name, a->hashed) == 0;
		if (!hashed && strcmp(name, a->name) != 0)
			continue;
		resp->status = 200;
		resp->content_type = a->content_type;
		resp->cache_control = hashed ?
		    "public, max-age=31536000, immutable" :
		    "public, max-age=3600";
		snprintf(resp->etag, sizeof(resp->etag), "\"%s\"", a->hashed);
		resp->data = a->body;
		resp->datalen = a->len;
		return ERR_OK;
	}
	return ERR_NOTFOUND;
}
