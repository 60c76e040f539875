/*
 * publications: /api/v1/publications, newest first, filtered by type (a
 * publication type's slug) and author (a person's slug); and
 * /api/v1/events, upcoming (soonest first) or past (latest first, the
 * store's most recent 100).  Which events are upcoming is the clock's
 * to say, not the content version's, so that route is never cached.
 */
#include <string.h>

#include "api.h"

static enum err
publications_list(struct api_call *c)
{
	struct store_query q = { 0 };
	const char *type, *author;
	json_t *rows = NULL, *items;
	long total = 0;
	int found;
	enum err rc;

	if ((rc = api_filter(c, "type", &type)) != ERR_OK ||
	    (rc = api_filter(c, "author", &author)) != ERR_OK)
		return rc;
	if (type != NULL) {
		if ((rc = store_pub_types_list(c->ctx->store, &rows)) !=
		    ERR_OK)
			return rc;
		found = api_find_slug(rows, type) != NULL;
		json_decref(rows);
		if (!found)
			return api_fail(c, 404, "type", "There is no "
			    "publication type '%s'.", type);
	}
	if (author != NULL && (rc = api_author_exists(c, author)) != ERR_OK)
		return rc;
	q.type = type;
	q.author = author;
	q.limit = c->per_page;
	q.offset = (c->page - 1) * c->per_page;
	if ((rc = store_publications_list(c->ctx->store, &q, &rows,
	    &total)) != ERR_OK)
		return rc;
	items = api_map(c, rows, api_publication);
	json_decref(rows);
	return api_send_list(c, items, total);
}

static enum err
events_list(struct api_call *c)
{
	const char *w = req_query(c->r, "when");
	json_t *rows = NULL;
	int upcoming;
	enum err rc;

	if (w == NULL || strcmp(w, "upcoming") == 0)
		upcoming = 1;
	else if (strcmp(w, "past") == 0)
		upcoming = 0;
	else
		return api_fail(c, 400, "when", "when is upcoming or past.");
	if ((rc = store_events_list(c->ctx->store, upcoming, time_now(),
	    &rows)) != ERR_OK)
		return rc;
	return api_send_slice(c, rows, api_event);
}

enum err
api_publications(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, publications_list);
}

enum err
api_events(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, events_list);
}
