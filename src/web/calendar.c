/*
 * calendar: the events as iCalendar (RFC 5545): /events.ics, every
 * upcoming event and the latest past ones (the events page's lists), and
 * /events/{id}.ics, one event, linked from the events page.
 *
 * The text is written by libical (Debian's libical3), not by hand: it
 * escapes TEXT values, folds lines at 75 octets without splitting a
 * UTF-8 character, and ends them with CRLF.  An event is stored as UTC
 * instants and the IANA zone of its place (docs/design.md): it is
 * written at the local time of that zone, with TZID the zone's IANA name
 * and a VTIMEZONE for each zone used (libical's, built from the
 * system's zone files, renamed from libical's
 * "/freeassociation.sourceforge.net/" TZID to the plain name); an event
 * in UTC, or in a zone libical cannot load, is written in UTC ("Z").
 * Characters that iCalendar's TEXT cannot carry (C0 controls but tab and
 * newline) are dropped first.
 *
 * libical's built-in zones are a process-wide cache that it fills on
 * first use, so every use of it here is under one lock: calendars are
 * rare next to pages.  Neither feed is cached (which events are
 * upcoming moves with the clock); the ETag is a hash of the bytes.
 */
#include <libical/ical.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web.h"

#define PRODID	"-//Octavo//Octavo events//EN"

static pthread_mutex_t ical_lock = PTHREAD_MUTEX_INITIALIZER;

/* s without the control characters TEXT may not hold, in the arena. */
static const char *
ical_text(struct arena *a, const char *s)
{
	size_t i, n = strlen(s), k = 0;
	char *out = arena_alloc(a, n + 1);

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x20 || s[i] == '\t' ||
		    s[i] == '\n')
			out[k++] = s[i];
	out[k] = '\0';
	return out;
}

/* The zone an event is written in, NULL for UTC. */
static icaltimezone *
zone_of(const char *name)
{
	if (*name == '\0' || strcmp(name, "UTC") == 0)
		return NULL;
	return icaltimezone_get_builtin_timezone(name);
}

/*
 * A DTSTART or DTEND property for instant t: local time with TZID in
 * zone z (named name), else UTC.
 */
static icalproperty *
ical_time(icalproperty *(*mk)(struct icaltimetype), int64_t t,
    icaltimezone *z, const char *name)
{
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icaltimetype v;
	icalproperty *p;

	v = icaltime_from_timet_with_zone((time_t)t, 0, z != NULL ? z :
	    utc);
	/* libical 3.0 leaves the converted time marked UTC. */
	icaltime_set_timezone(&v, z != NULL ? z : utc);
	p = mk(v);
	if (z != NULL)
		icalproperty_add_parameter(p, icalparameter_new_tzid(name));
	return p;
}

/* Add zone name's VTIMEZONE to cal once (zones: the names added). */
static void
add_zone(icalcomponent *cal, json_t *zones, const char *name)
{
	icaltimezone *z;
	icalcomponent *vtz;
	icalproperty *p;

	if ((z = zone_of(name)) == NULL || json_object_get(zones, name) !=
	    NULL)
		return;
	json_object_set_new(zones, name, json_true());
	vtz = icalcomponent_new_clone(icaltimezone_get_component(z));
	p = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (p != NULL)
		icalproperty_set_tzid(p, name);
	icalcomponent_add_component(cal, vtz);
}

/* The VEVENT of an event record; NULL if its start is not a time. */
static icalcomponent *
vevent(struct arena *a, json_t *row, const char *host, int64_t now)
{
	const char *name = view_str(row, "tz"), *url = view_str(row, "url");
	icaltimezone *z = zone_of(name);
	icalcomponent *ev;
	int64_t t0, t1;

	if (time_parse_iso(view_str(row, "starts_at"), &t0) != ERR_OK)
		return NULL;
	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	icalcomponent_add_property(ev, icalproperty_new_uid(arena_printf(a,
	    "event-%lld@%s", (long long)json_integer_value(json_object_get(
	    row, "id")), host)));
	icalcomponent_add_property(ev, ical_time(icalproperty_new_dtstamp,
	    now, NULL, NULL));
	icalcomponent_add_property(ev, ical_time(icalproperty_new_dtstart,
	    t0, z, name));
	if (time_parse_iso(view_str(row, "ends_at"), &t1) == ERR_OK &&
	    t1 > t0)
		icalcomponent_add_property(ev, ical_time(
		    icalproperty_new_dtend, t1, z, name));
	icalcomponent_add_property(ev, icalproperty_new_summary(ical_text(a,
	    view_str(row, "title"))));
	if (*view_str(row, "place") != '\0')
		icalcomponent_add_property(ev, icalproperty_new_location(
		    ical_text(a, view_str(row, "place"))));
	if (*view_str(row, "description") != '\0')
		icalcomponent_add_property(ev, icalproperty_new_description(
		    ical_text(a, view_str(row, "description"))));
	/* URL is a URI: only an absolute one that url_safe accepts. */
	if (url_safe(url, strlen(url)) && (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0))
		icalcomponent_add_property(ev, icalproperty_new_url(url));
	return ev;
}

/* The host of the site's base URL, for UIDs ("localhost" without). */
static const char *
uid_host(struct ctx *ctx, struct arena *a)
{
	json_t *c = NULL;
	const char *base, *h, *s = "localhost";
	size_t n;

	if (site_chrome(ctx->site, ctx->store, &c) != ERR_OK)
		return s;
	base = view_str(json_object_get(c, "site"), "base_url");
	if ((h = strstr(base, "://")) != NULL) {
		h += 3;
		n = strcspn(h, ":/?#");
		if (n > 0)
			s = arena_strndup(a, h, n);
	}
	json_decref(c);
	return s;
}

/*
 * The calendar of events (arrays of records, NULL ones skipped) as an
 * answer; name is the calendar's (X-WR-CALNAME) or NULL.
 */
static enum err
send_calendar(struct ctx *ctx, struct req *r, struct resp *resp,
    json_t *lists[], size_t nlists, const char *name)
{
	icalcomponent *cal, *ev;
	icalproperty *p;
	json_t *zones = json_object(), *row;
	int64_t now = site_now(ctx->site);
	const char *host = uid_host(ctx, r->arena);
	char *text, *body;
	size_t i, k, len;

	pthread_mutex_lock(&ical_lock);
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"), icalproperty_new_prodid(PRODID),
	    icalproperty_new_calscale("GREGORIAN"), (void *)0);
	if (name != NULL) {
		p = icalproperty_new_x(ical_text(r->arena, name));
		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
	}
	for (k = 0; k < nlists; k++)
		json_array_foreach(lists[k], i, row)
			add_zone(cal, zones, view_str(row, "tz"));
	for (k = 0; k < nlists; k++)
		json_array_foreach(lists[k], i, row)
			if ((ev = vevent(r->arena, row, host, now)) != NULL)
				icalcomponent_add_component(cal, ev);
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	pthread_mutex_unlock(&ical_lock);
	json_decref(zones);
	if (text == NULL)
		return ERR_LIMIT;	/* libical's allocator failed */
	len = strlen(text);
	body = xmalloc(len + 1);
	memcpy(body, text, len + 1);
	icalmemory_free_buffer(text);
	return site_send_body(ctx, r, resp, body, len,
	    "text/calendar; charset=utf-8");
}

enum err
page_events_ics(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *lists[2] = { NULL, NULL }, *c = NULL;
	int64_t now = site_now(ctx->site);
	const char *name = NULL;
	enum err rc;

	if ((rc = store_events_list(ctx->store, 1, now, &lists[0])) !=
	    ERR_OK ||
	    (rc = store_events_list(ctx->store, 0, now, &lists[1])) != ERR_OK)
		goto out;
	if (site_chrome(ctx->site, ctx->store, &c) == ERR_OK)
		name = arena_printf(r->arena, "%s \xe2\x80\x94 Events",
		    view_str(json_object_get(c, "site"), "name"));
	rc = send_calendar(ctx, r, resp, lists, 2, name);
out:
	json_decref(c);
	json_decref(lists[0]);
	json_decref(lists[1]);
	return rc;
}

enum err
page_event_ics(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *file = r->args[0], *dot = strchr(file, '.');
	json_t *row = NULL, *list;
	long long id;
	enum err rc;

	/* "{id}.ics", the id written as our links write it. */
	if (dot == NULL || strcmp(dot, ".ics") != 0 || file[0] == '0' ||
	    str_to_ll(arena_strndup(r->arena, file, (size_t)(dot - file)), 1,
	    INT64_MAX, &id) != ERR_OK)
		return ERR_NOTFOUND;
	if ((rc = store_item_get(ctx->store, "event", id, &row)) != ERR_OK)
		return rc;
	list = json_array();
	json_array_append_new(list, row);
	if ((rc = resp_disposition_set(resp, r->arena, 0, arena_printf(
	    r->arena, "event-%lld.ics", id))) == ERR_OK)
		rc = send_calendar(ctx, r, resp, &list, 1, NULL);
	json_decref(list);
	return rc;
}
