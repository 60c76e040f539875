/*
 * events: /admin/events, what the journal holds or takes part in: title,
 * place, start and end in the time zone of the place (chosen from the
 * IANA zones), description and link.  Times are typed as the place's
 * wall clock and stored as UTC instants with the zone's name, so that
 * pages and calendars show the local time, daylight saving included; a
 * time the clocks skip is refused, one they repeat is the earlier.
 * items.c does the screens.
 */
#include <string.h>

#include "admin.h"

#define EVENT_TITLE_MAX	300
#define EVENT_PLACE_MAX	300
#define EVENT_DESC_MAX	5000

static const char *const columns[] = { "Title", "When", "Place" };

static const char *
event_name(json_t *rec)
{
	return view_str(rec, "title");
}

static json_t *
event_cells(struct ctx *ctx, struct req *r, json_t *rec)
{
	json_t *o = json_object(), *cells;

	(void)ctx;
	view_event_when(r->arena, o, rec);
	/* The zone named after the time, unless the time says it already. */
	cells = json_pack("[s, s]", *view_str(o, "tz_note") == '\0' ?
	    view_str(o, "when") : arena_printf(r->arena, "%s (%s)",
	    view_str(o, "when"), view_str(o, "tz_note")), view_str(rec,
	    "place"));
	json_decref(o);
	return cells;
}

/* A stored instant as the zone's wall clock, for a datetime-local. */
static const char *
local_input(struct req *r, const struct tz *z, const char *iso)
{
	struct when_parts w;
	int64_t t;

	if (*iso == '\0' || time_parse_iso(iso, &t) != ERR_OK)
		return "";
	when_local(z, t, &w);
	return arena_strdup(r->arena, w.input);
}

static json_t *
event_values(struct ctx *ctx, struct req *r, json_t *rec)
{
	const char *tzname = view_str(rec, "tz");
	struct tz *z = NULL;
	json_t *v;

	(void)ctx;
	if (*tzname == '\0')
		tzname = "UTC";
	if (tz_open(tzname, &z) != ERR_OK)
		z = NULL;
	v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "title",
	    view_str(rec, "title"), "place", view_str(rec, "place"), "starts",
	    local_input(r, z, view_str(rec, "starts_at")), "ends",
	    local_input(r, z, view_str(rec, "ends_at")), "tz", tzname,
	    "description", view_str(rec, "description"), "url", view_str(rec,
	    "url"));
	tz_free(z);
	return v;
}

/*
 * A wall-clock time typed in a datetime-local field, "YYYY-MM-DDTHH:MM"
 * (or with ":SS"), as seconds as if UTC; ERR_PARSE.
 */
static enum err
local_parse(struct req *r, const char *v, int64_t *t)
{
	size_t n = strlen(v);

	if ((n != 16 && n != 19) || v[10] != 'T')
		return ERR_PARSE;
	return time_parse_iso(arena_printf(r->arena, "%s%s", v, n == 16 ?
	    ":00Z" : "Z"), t);
}

static void
event_fields(struct ctx *ctx, struct req *r, json_t *form, json_t *v)
{
	const char *tzname = view_str(v, "tz"), *hint;
	json_t *f;
	char **names = NULL;
	size_t i, n = 0;
	int64_t t;

	(void)ctx;
	form_field(form, "title", "Title", "text", view_str(v, "title"), NULL,
	    "off", 1);
	form_field(form, "place", "Place", "text", view_str(v, "place"),
	    "Where it happens: a hall and a city, or \"Online\".", "off", 0);
	f = form_field(form, "tz", "Time zone", "select", tzname,
	    "The zone of the place: start and end are its local times, and "
	    "readers see them so.", NULL, 1);
	field_option(f, "", "Choose a time zone", *tzname == '\0');
	if (tz_names(&names, &n) != ERR_OK) {
		names = NULL;
		n = 0;
		field_option(f, "UTC", "UTC", 1);
	}
	for (i = 0; i < n; i++)
		field_option(f, names[i], names[i], strcmp(names[i],
		    tzname) == 0);
	tz_names_free(names, n);
	hint = "The local time of the place, YYYY-MM-DD HH:MM.";
	f = form_field(form, "starts", "Starts", "datetime-local", view_str(v,
	    "starts"), hint, "off", 1);
	/* A date input cannot hold a wrong time typed: show it as text. */
	if (*view_str(v, "starts") != '\0' && local_parse(r, view_str(v,
	    "starts"), &t) != ERR_OK)
		json_object_set_new(f, "type", json_string("text"));
	f = form_field(form, "ends", "Ends", "datetime-local", view_str(v,
	    "ends"), "Its local time too; may be empty.", "off", 0);
	if (*view_str(v, "ends") != '\0' && local_parse(r, view_str(v,
	    "ends"), &t) != ERR_OK)
		json_object_set_new(f, "type", json_string("text"));
	form_field(form, "description", "Description", "textarea", view_str(v,
	    "description"), NULL, NULL, 0);
	f = form_field(form, "url", "Link", "text", view_str(v, "url"),
	    "A page about it, such as https://example.org/event; may be "
	    "empty.", "off", 0);
	json_object_set_new(f, "inputmode", json_string("url"));
}

/* Field name's time in zone z as a UTC instant; 0 with a message. */
static int
instant(struct req *r, json_t *form, json_t *v, const char *name,
    const struct tz *z, const char *tzname, int64_t *t)
{
	const char *s = view_str(v, name);
	int64_t local;

	if (local_parse(r, s, &local) != ERR_OK) {
		form_error(form, name, arena_printf(r->arena, "The %s time "
		    "must be a day and a time that exist, such as "
		    "2026-12-01T18:30.", strcmp(name, "starts") == 0 ?
		    "start" : "end"));
		return 0;
	}
	if (z == NULL)
		return 0;
	if (tz_to_utc(z, local, t) != ERR_OK) {
		form_error(form, name, arena_printf(r->arena, "%s does not "
		    "exist in %s: the clocks go forward then. Choose another "
		    "time.", s, tzname));
		return 0;
	}
	return 1;
}

static enum err
event_check(struct ctx *ctx, struct req *r, json_t *form, json_t *v,
    json_t **rec)
{
	const char *tzname = view_str(v, "tz");
	char from[TIME_ISO_LEN], to[TIME_ISO_LEN];
	struct tz *z = NULL;
	int64_t t0 = 0, t1 = 0;
	int ok0 = 0, ok1 = 0;

	(void)ctx;
	item_check_text(r, form, "title", view_str(v, "title"), "Enter the "
	    "event's title.", EVENT_TITLE_MAX, 0);
	item_check_text(r, form, "place", view_str(v, "place"), NULL,
	    EVENT_PLACE_MAX, 0);
	if (!tz_known(tzname) || tz_open(tzname, &z) != ERR_OK) {
		form_error(form, "tz", "Choose a time zone from the list.");
		z = NULL;
	}
	if (*view_str(v, "starts") == '\0')
		form_error(form, "starts", "Enter when it starts.");
	else
		ok0 = instant(r, form, v, "starts", z, tzname, &t0);
	if (*view_str(v, "ends") != '\0' &&
	    (ok1 = instant(r, form, v, "ends", z, tzname, &t1)) && ok0 &&
	    t1 <= t0)
		form_error(form, "ends", "The end must come after the start.");
	tz_free(z);
	item_check_text(r, form, "description", view_str(v, "description"),
	    NULL, EVENT_DESC_MAX, 1);
	item_check_url(r, form, "url", view_str(v, "url"), NULL,
	    ITEM_URL_WEB);
	time_iso(t0, TIME_ISO_SECONDS, from);
	time_iso(t1, TIME_ISO_SECONDS, to);
	*rec = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:s}", "title",
	    view_str(v, "title"), "starts_at", from, "ends_at", ok1 ? to :
	    NULL, "place", view_str(v, "place"), "description", view_str(v,
	    "description"), "url", view_str(v, "url"), "tz", tzname);
	return ERR_OK;
}

const struct item_kind item_events = {
	.kind = "event",
	.base = "/admin/events",
	.nav = "/admin/events",
	.title = "Events",
	.one = "event",
	.new_label = "New event",
	.lede = "Talks, launches and conferences: upcoming ones first, "
	    "soonest first, then past ones. Times are the place's.",
	.search_label = "Search titles",
	.delete_text = "It leaves the public events page at once.",
	.main_field = "title",
	.conflict = "This event could not be saved as it is.",
	.need = ROLE_EDITOR,
	.columns = columns,
	.ncolumns = nitems(columns),
	.name = event_name,
	.cells = event_cells,
	.values = event_values,
	.fields = event_fields,
	.check = event_check,
};
