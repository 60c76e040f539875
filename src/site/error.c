/*
 * error: the one page every error becomes, rendered by the theme's
 * "error" template inside the site's chrome.  It runs on any thread: on
 * the polling thread there is no store, so the chrome is the last one
 * built, or a minimal one.  A 500 never shows its cause, only the log
 * does.
 */
#include "site.h"

static const struct {
	int		 status;
	const char	*title;
	const char	*message;
} errors[] = {
	{ 400, "Bad request", "The address or the form could not be read." },
	{ 403, "Forbidden", "You may not see this page." },
	{ 404, "Page not found", "There is no page at this address. It may "
	    "have been mistyped." },
	{ 405, "Method not allowed", "This page cannot be used that way." },
	{ 413, "Request too large", "What was sent is larger than this site "
	    "accepts." },
	{ 414, "Address too long", "The address is longer than this site "
	    "accepts." },
	{ 500, "Something went wrong", "The page could not be made. Please "
	    "try again in a moment." },
	{ 503, "Busy for a moment", "The journal's database is busy with "
	    "other work. Nothing was saved; please try again in a few "
	    "seconds." },
};

void
site_error_page(struct ctx *ctx, struct req *r, struct resp *resp,
    int status, const char *why)
{
	struct site *site = ctx->site;
	json_t *chrome = NULL, *v, *e, *page;
	const char *title = "Error", *msg = "";
	size_t i;

	(void)r;
	for (i = 0; i < nitems(errors); i++)
		if (errors[i].status == status) {
			title = errors[i].title;
			msg = errors[i].message;
		}
	/* A specific reason is shown, never an internal one (500). */
	if (why != NULL && status != 500)
		msg = why;
	site_chrome(site, ctx->store, &chrome);
	v = json_object();
	if (chrome != NULL)
		json_object_update(v, chrome);
	else {
		json_object_set_new(v, "site", json_pack("{s:s, s:s}", "name",
		    "Octavo", "language", "en"));
		json_object_set_new(v, "assets", json_pack("{s:s}", "css",
		    site->css_url));
	}
	json_decref(chrome);
	page = json_object();
	json_object_set_new(page, "title", json_string(title));
	json_object_set_new(page, "description", json_string(""));
	json_object_set_new(page, "canonical", json_string(""));
	json_object_set_new(v, "page", page);
	e = json_object();
	json_object_set_new(e, "status", json_integer(status));
	json_object_set_new(e, "title", json_string(title));
	json_object_set_new(e, "message", json_string(msg));
	json_object_set_new(v, "error", e);
	buf_reset(&resp->body);
	if (tmpl_render(site->tmpl, "error", v, &resp->body) != ERR_OK)
		buf_reset(&resp->body);
	json_decref(v);
}
