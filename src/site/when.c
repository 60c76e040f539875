/*
 * when: an event's times as readers of the place read them.  Events
 * keep UTC instants and the IANA zone they happen in (migration 6);
 * here the instants become the zone's wall-clock times, with the zone's
 * abbreviation of that day (daylight saving included), for the public
 * page and the back office alike.
 */
#include <string.h>

#include "site.h"

static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
    "Fri", "Sat" };
static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void
when_local(const struct tz *z, int64_t t, struct when_parts *w)
{
	const char *abbr = "UTC";
	int64_t local, days, y;
	int m, d;

	local = t + (z != NULL ? tz_offset(z, t, &abbr) : 0);
	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	time_civil(days, &y, &m, &d);
	w->local = local;
	snprintf(w->day, sizeof(w->day), "%s %d %s %lld", wday[((days % 7) +
	    11) % 7], d, mon[m - 1], (long long)y);
	snprintf(w->time, sizeof(w->time), "%02d:%02d",
	    (int)((local - days * 86400) / 3600),
	    (int)((local - days * 86400) % 3600 / 60));
	/* Numeric abbreviations ("+03") read as offsets from UTC. */
	snprintf(w->abbr, sizeof(w->abbr), "%s%s", abbr[0] == '+' ||
	    abbr[0] == '-' ? "UTC" : "", abbr);
	snprintf(w->input, sizeof(w->input), "%04lld-%02d-%02dT%s",
	    (long long)y, m, d, w->time);
}

void
view_event_when(struct arena *a, json_t *o, json_t *row)
{
	const char *tzname = view_str(row, "tz"), *ends;
	struct when_parts s, e;
	struct tz *z = NULL;
	int64_t t0, t1;
	int has_end;

	if (*tzname == '\0')
		tzname = "UTC";
	if (tz_open(tzname, &z) != ERR_OK) {
		z = NULL;
		tzname = "UTC";
	}
	json_object_set_new(o, "tz", json_string(tzname));
	/* The zone named after the time, unless the time says it already. */
	json_object_set_new(o, "tz_note", json_string(strcmp(tzname, "UTC") ==
	    0 ? "" : tzname));
	view_copy(o, "starts_iso", row, "starts_at");
	view_copy(o, "ends_iso", row, "ends_at");
	if (time_parse_iso(view_str(row, "starts_at"), &t0) != ERR_OK) {
		json_object_set_new(o, "when", json_string(""));
		tz_free(z);
		return;
	}
	ends = view_str(row, "ends_at");
	has_end = *ends != '\0' && time_parse_iso(ends, &t1) == ERR_OK &&
	    t1 > t0;
	when_local(z, t0, &s);
	if (!has_end)
		json_object_set_new(o, "when", json_string(arena_printf(a,
		    "%s, %s %s", s.day, s.time, s.abbr)));
	else {
		when_local(z, t1, &e);
		if (strcmp(s.day, e.day) == 0 && strcmp(s.abbr, e.abbr) == 0)
			json_object_set_new(o, "when", json_string(
			    arena_printf(a, "%s, %s–%s %s", s.day, s.time,
			    e.time, s.abbr)));
		else
			json_object_set_new(o, "when", json_string(
			    arena_printf(a, "%s, %s %s – %s, %s %s", s.day,
			    s.time, s.abbr, e.day, e.time, e.abbr)));
	}
	tz_free(z);
}
