/*
 * home: /admin, the dashboard: the newest drafts, what is scheduled and
 * when, the most read articles of this month, and reads per day over
 * the last CHART_DAYS days as a bar chart, an SVG drawn here (no
 * script): the template gets each bar's place and size, worked out in
 * whole tenths of the chart's units, and the same numbers as a table.
 * Days are UTC, as the read counter stores them; "today" is the site's
 * clock (site_now), so tests can move it.
 */
#include <string.h>

#include "admin.h"

#define CHART_DAYS	30
#define DASH_ROWS	8	/* rows of each list */
/* The chart's frame, in SVG units (it scales to its box). */
#define CHART_W		640
#define CHART_H		220
#define PLOT_LEFT	44	/* room for the scale's numbers */
#define PLOT_RIGHT	8
#define PLOT_TOP	12
#define PLOT_BOTTOM	28	/* room for the dates */

static const char *const role_text[ROLE__MAX] = {
	[ROLE_AUTHOR] = "Authors write their own drafts, which editors "
	    "publish.",
	[ROLE_EDITOR] = "Editors run all the content: articles, issues, "
	    "sections and people, and publishing.",
	[ROLE_ADMIN] = "Administrators run everything, users and settings "
	    "too.",
};

/* The store's counts, labelled, in this order. */
static const struct {
	const char	*key;
	const char	*label;
} counts[] = {
	{ "articles", "Published articles" },
	{ "issues", "Published issues" },
	{ "sections", "Sections" },
	{ "people", "People" },
	{ "publications", "Publications" },
	{ "events", "Events" },
	{ "users", "Back-office users" },
};

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "27 Nov" of days since the epoch. */
static const char *
day_short(struct arena *a, int64_t days)
{
	int64_t y;
	int m, d;

	time_civil(days, &y, &m, &d);
	return arena_printf(a, "%d %s", d, months[m - 1]);
}

/* The smallest of 1, 2, 5 times a power of ten at or above n (> 0). */
static int64_t
nice_max(int64_t n)
{
	int64_t p = 1;

	for (;;) {
		if (n <= p)
			return p;
		if (n <= 2 * p)
			return 2 * p;
		if (n <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* Tenths of a unit as SVG text: "12.3". */
static const char *
tenths(struct arena *a, int64_t t)
{
	return arena_printf(a, "%lld.%lld", (long long)(t / 10),
	    (long long)(t % 10));
}

/*
 * The chart's view from the store's [{day, reads}] (days with reads) for
 * the CHART_DAYS days ending at today (days since the epoch).
 */
static json_t *
chart_view(struct arena *a, json_t *rows, int64_t today)
{
	int64_t reads[CHART_DAYS] = { 0 }, total = 0, top = 0, scale;
	int64_t slot, bw, h, x, y, plot_h = CHART_H - PLOT_TOP - PLOT_BOTTOM;
	int64_t plot_w = CHART_W - PLOT_LEFT - PLOT_RIGHT, d, best = 0;
	char iso[TIME_ISO_LEN];
	json_t *c = json_object(), *bars = json_array(), *labels =
	    json_array(), *grid = json_array(), *it;
	size_t i;
	int k;

	json_array_foreach(rows, i, it) {
		if (time_parse_iso(view_str(it, "day"), &d) != ERR_OK)
			continue;
		d = d / 86400 - (today - (CHART_DAYS - 1));
		if (d < 0 || d >= CHART_DAYS)
			continue;
		reads[d] += json_integer_value(json_object_get(it, "reads"));
	}
	for (k = 0; k < CHART_DAYS; k++) {
		total += reads[k];
		if (reads[k] > top) {
			top = reads[k];
			best = k;
		}
	}
	scale = nice_max(top > 0 ? top : 1);
	/* Tenths: a slot per day, the bar 70% of it, centred. */
	slot = plot_w * 10 / CHART_DAYS;
	bw = slot * 7 / 10;
	for (k = 0; k < CHART_DAYS; k++) {
		h = reads[k] * plot_h * 10 / scale;
		x = PLOT_LEFT * 10 + k * slot + (slot - bw) / 2;
		y = (PLOT_TOP + plot_h) * 10 - h;
		time_iso((today - (CHART_DAYS - 1) + k) * 86400,
		    TIME_ISO_DATE, iso);
		json_array_append_new(bars, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:s, s:s, s:I}", "x", tenths(a, x), "y", tenths(a, y),
		    "w", tenths(a, bw), "h", tenths(a, h), "day", iso,
		    "label", day_short(a, today - (CHART_DAYS - 1) + k),
		    "reads", (json_int_t)reads[k]));
		/* Weekly, counted back from today, which is labelled. */
		if ((CHART_DAYS - 1 - k) % 7 == 0)
			json_array_append_new(labels, json_pack("{s:s, s:s, "
			    "s:s}", "x", tenths(a, k == CHART_DAYS - 1 ? x +
			    bw : x + bw / 2), "anchor", k == CHART_DAYS - 1 ?
			    "end" : "middle", "text", day_short(a, today -
			    (CHART_DAYS - 1) + k)));
	}
	for (k = 0; k <= 2; k++) {
		y = (PLOT_TOP + plot_h) * 10 - (int64_t)k * plot_h * 10 / 2;
		json_array_append_new(grid, json_pack("{s:s, s:s, s:I}", "y",
		    tenths(a, y), "text_y", tenths(a, y + 40), "value",
		    (json_int_t)(scale * k / 2)));
	}
	json_object_set_new(c, "bars", bars);
	json_object_set_new(c, "labels", labels);
	json_object_set_new(c, "grid", grid);
	json_object_set_new(c, "width", json_integer(CHART_W));
	json_object_set_new(c, "height", json_integer(CHART_H));
	json_object_set_new(c, "left", json_integer(PLOT_LEFT));
	json_object_set_new(c, "right", json_integer(CHART_W - PLOT_RIGHT));
	json_object_set_new(c, "total", json_integer(total));
	json_object_set_new(c, "max", json_integer(scale));
	json_object_set_new(c, "title", json_string(arena_printf(a,
	    "Reads per day, %s to %s", day_short(a, today -
	    (CHART_DAYS - 1)), day_short(a, today))));
	json_object_set_new(c, "desc", json_string(total == 0 ?
	    "No reads in these 30 days." : arena_printf(a, "%lld reads in "
	    "30 days; the most, %lld, on %s.", (long long)total,
	    (long long)top, day_short(a, today - (CHART_DAYS - 1) + best))));
	json_object_set_new(c, "empty", json_boolean(total == 0));
	return c;
}

/* An ISO time of the store as the back office writes times. */
static const char *
iso_text(struct arena *a, const char *iso)
{
	int64_t t;

	return time_parse_iso(iso, &t) == ERR_OK ? admin_time(a, t) : iso;
}

/*
 * A list of the dashboard's articles: {title, url, when, when_iso,
 * reads}; time_key (NULL: none) names the row's time.
 */
static json_t *
articles_view(struct arena *a, json_t *rows, const char *time_key)
{
	json_t *list = json_array(), *it;
	const char *iso;
	size_t i;

	json_array_foreach(rows, i, it) {
		iso = time_key != NULL ? view_str(it, time_key) : "";
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:I}", "title", view_str(it, "title"), "url",
		    arena_printf(a, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(it, "id"))), "when",
		    iso_text(a, iso), "when_iso", iso, "reads", (json_int_t)
		    json_integer_value(json_object_get(it, "reads"))));
	}
	return list;
}

enum err
admin_home(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct store_dashboard q;
	json_t *v, *home, *list, *n = NULL, *d = NULL;
	char month[TIME_ISO_LEN], from[TIME_ISO_LEN], to[TIME_ISO_LEN];
	int64_t now, today;
	const char *at;
	size_t i;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	now = site_now(ctx->site);
	today = now / 86400;
	time_iso(now, TIME_ISO_DATE, to);
	time_iso((today - (CHART_DAYS - 1)) * 86400, TIME_ISO_DATE, from);
	memcpy(month, to, 8);		/* "YYYY-MM-" */
	memcpy(month + 8, "01", 3);
	q.month = month;
	q.from = from;
	q.to = to;
	q.limit = DASH_ROWS;
	if ((rc = store_counts(ctx->store, &n)) != ERR_OK ||
	    (rc = store_dashboard(ctx->store, &q, &d)) != ERR_OK)
		goto out;
	v = admin_view(ctx, r, &u, "Dashboard", "/admin");
	home = json_object();
	at = strchr(u.email, '@');
	json_object_set_new(home, "greeting", json_string(arena_strndup(
	    r->arena, u.email, at != NULL ? (size_t)(at - u.email) :
	    strlen(u.email))));
	json_object_set_new(home, "role_text", json_string(role_text[u.role]));
	list = json_array();
	for (i = 0; i < nitems(counts); i++)
		json_array_append_new(list, json_pack("{s:s, s:I}", "label",
		    counts[i].label, "value", (json_int_t)json_integer_value(
		    json_object_get(n, counts[i].key))));
	json_object_set_new(home, "counts", list);
	json_object_set_new(home, "drafts", articles_view(r->arena,
	    json_object_get(d, "drafts"), "updated_at"));
	json_object_set(home, "drafts_total", json_object_get(d,
	    "drafts_total"));
	json_object_set_new(home, "scheduled", articles_view(r->arena,
	    json_object_get(d, "scheduled"), "published_at"));
	json_object_set(home, "scheduled_total", json_object_get(d,
	    "scheduled_total"));
	json_object_set_new(home, "top", articles_view(r->arena,
	    json_object_get(d, "top"), NULL));
	json_object_set_new(home, "month", json_string(arena_printf(r->arena,
	    "%s %.4s", months[(to[5] - '0') * 10 + (to[6] - '0') - 1], to)));
	json_object_set_new(home, "chart", chart_view(r->arena,
	    json_object_get(d, "days"), today));
	json_object_set_new(home, "has_top", json_boolean(json_array_size(
	    json_object_get(home, "top")) > 0));
	json_object_set_new(home, "has_drafts", json_boolean(json_array_size(
	    json_object_get(home, "drafts")) > 0));
	json_object_set_new(home, "has_scheduled", json_boolean(
	    json_array_size(json_object_get(home, "scheduled")) > 0));
	json_object_set_new(v, "home", home);
	rc = admin_render(ctx, r, resp, 200, "admin-home", v);
out:
	json_decref(n);
	json_decref(d);
	return rc;
}
