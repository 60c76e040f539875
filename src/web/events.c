/*
 * events: /events, the journal's upcoming events (soonest first, all of
 * them, on every page) and its past ones (latest first, PER_PAGE a page:
 * ?page=N pages through the past), each at the local
 * time of its place, with the zone named.  Which events are upcoming
 * moves with the clock, so the page is not cached (the route has no
 * ROUTE_CACHE) and its ETag is a hash of its bytes.  The page links
 * the calendars of calendar.c: /events.ics and each event's .ics.
 */
#include "web.h"

static json_t *
event_views(struct req *r, json_t *rows)
{
	json_t *list = json_array(), *it;
	size_t i;

	json_array_foreach(rows, i, it)
		json_array_append_new(list, view_event(r->arena, it));
	return list;
}

/* The calendar's FEED_LINK, for the head's alternate links. */
static json_t *
calendar_link(void)
{
	json_t *o = json_object();

	json_object_set_new(o, "url", json_string("/events.ics"));
	json_object_set_new(o, "type", json_string("text/calendar"));
	json_object_set_new(o, "label", json_string("iCalendar"));
	json_object_set_new(o, "title", json_string("Events (iCalendar)"));
	return o;
}

enum err
page_events(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *up = NULL, *past = NULL;
	int64_t now = site_now(ctx->site);
	const char *crumbs[2];
	long page, total = 0;
	enum err rc;

	if ((rc = view_page_number(r, resp, "/events", &page)) != ERR_OK ||
	    page == 0)
		return rc;
	if ((rc = store_events_list(ctx->store, 1, now, &up)) != ERR_OK ||
	    (rc = store_events_past(ctx->store, now, PER_PAGE,
	    (page - 1) * PER_PAGE, &past, &total)) != ERR_OK)
		goto out;
	if (view_page_past(page, &past)) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	if ((rc = view_new(ctx, r, page > 1 ? arena_printf(r->arena,
	    "Events, page %ld", page) : "Events", &v)) != ERR_OK)
		goto out;
	json_object_set_new(v, "upcoming", event_views(r, up));
	json_object_set_new(v, "past", event_views(r, past));
	json_object_set_new(v, "has_upcoming", json_boolean(
	    json_array_size(up) > 0));
	json_object_set_new(v, "has_past", json_boolean(
	    json_array_size(past) > 0));
	json_object_set_new(v, "pagination", view_pagination(r->arena,
	    "/events", page, total));
	json_array_insert_new(json_object_get(json_object_get(v, "page"),
	    "feeds"), 0, calendar_link());
	/* The sidebar's next events are this page's first lines. */
	json_object_set_new(v, "side_events", json_false());
	crumbs[0] = "Events";
	crumbs[1] = "/events";
	view_breadcrumbs(v, crumbs, 1);
	rc = site_render(ctx, r, resp, "events", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(up);
	json_decref(past);
	return rc;
}
