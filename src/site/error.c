/*
 * error: the one page every error becomes, rendered by the theme's
 * "error" template inside the site's chrome, or, under SITE_API_PREFIX,
 * the one problem details object (RFC 9457) every error of the API
 * becomes.  It runs on any thread: on the polling thread there is no
 * store, so the chrome is the last one built, or a minimal one.  A 500
 * never shows its cause, only the log does.
 */
#include <stdlib.h>
#include <string.h>

#include "site.h"

/*
 * Each status: its reason phrase (RFC 9110) and what an API client is
 * told by default; and, for the statuses a reader of the site meets,
 * the error page's title and sentence.
 */
static const struct error {
	int		 status;
	const char	*reason;
	const char	*detail;
	const char	*title;		/* NULL: "Error", and why alone */
	const char	*message;
} errors[] = {
	{ 400, "Bad Request", "The request could not be read.",
	    "Bad request", "The address or the form could not be read." },
	{ 401, "Unauthorized", "This needs credentials.", NULL, NULL },
	{ 403, "Forbidden", "This is not allowed with these credentials.",
	    "Forbidden", "You may not see this page." },
	{ 404, "Not Found", "There is nothing at this address.",
	    "Page not found", "There is no page at this address. It may "
	    "have been mistyped." },
	{ 405, "Method Not Allowed", "This address does not take that "
	    "method.", "Method not allowed", "This page cannot be used that "
	    "way." },
	{ 406, "Not Acceptable", "This address answers in a media type the "
	    "request's Accept header refuses.", NULL, NULL },
	{ 409, "Conflict", "This conflicts with what is stored.", NULL,
	    NULL },
	{ 413, "Content Too Large", "The request is larger than this server "
	    "accepts.", "Request too large", "What was sent is larger than "
	    "this site accepts." },
	{ 414, "URI Too Long", "The address is longer than this server "
	    "accepts.", "Address too long", "The address is longer than "
	    "this site accepts." },
	{ 415, "Unsupported Media Type", "This address does not take a body "
	    "of that type.", NULL, NULL },
	{ 422, "Unprocessable Content", "What was sent breaks the rules of "
	    "what it would change.", NULL, NULL },
	{ 428, "Precondition Required", "This change must say what it was "
	    "made from.", NULL, NULL },
	{ 500, "Internal Server Error", "The answer could not be made. Please "
	    "try again in a moment.", "Something went wrong", "The page could "
	    "not be made. Please try again in a moment." },
	{ 503, "Service Unavailable", "The database is busy with other work. "
	    "Nothing was saved; please try again in a few seconds.",
	    "Busy for a moment", "The journal's database is busy with other "
	    "work. Nothing was saved; please try again in a few seconds." },
};

static const struct error *
error_find(int status)
{
	size_t i;

	for (i = 0; i < nitems(errors); i++)
		if (errors[i].status == status)
			return &errors[i];
	return NULL;
}

void
site_problem(struct resp *resp, int status, const char *why,
    const char *param)
{
	site_problem_more(resp, status, why, param, NULL);
}

void
site_problem_more(struct resp *resp, int status, const char *why,
    const char *param, json_t *more)
{
	const struct error *e = error_find(status);
	json_t *o;
	char *text;

	o = json_object();
	json_object_set_new(o, "type", json_string("about:blank"));
	json_object_set_new(o, "title", json_string(e != NULL ? e->reason :
	    "Error"));
	json_object_set_new(o, "status", json_integer(status));
	json_object_set_new(o, "detail", json_string(why != NULL &&
	    status != 500 ? why : e != NULL ? e->detail : ""));
	if (param != NULL)
		json_object_set_new(o, "parameter", json_string(param));
	if (json_is_array(more))
		json_object_set(o, "errors", more);
	else if (json_is_object(more))
		json_object_update_missing(o, more);
	resp->status = status;
	resp->content_type = "application/problem+json";
	buf_reset(&resp->body);
	if ((text = json_dumps(o, JSON_COMPACT)) != NULL)
		buf_puts(&resp->body, text);
	free(text);
	json_decref(o);
}

void
site_error_page(struct ctx *ctx, struct req *r, struct resp *resp,
    int status, const char *why)
{
	struct site *site = ctx->site;
	json_t *chrome = NULL, *v, *e, *page;
	const char *title = "Error", *msg = "", *path;
	const struct error *err;

	/* The target as sent, for a path that did not decode (a 400). */
	path = r->path != NULL ? r->path : r->target;
	if (path != NULL && strncmp(path, SITE_API_PREFIX,
	    strlen(SITE_API_PREFIX)) == 0) {
		site_problem(resp, status, why, NULL);
		return;
	}
	if ((err = error_find(status)) != NULL && err->title != NULL) {
		title = err->title;
		msg = err->message;
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
