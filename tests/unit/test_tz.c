/*
 * test_tz: time zones from the system's zone files (util/tz.c) and an
 * event's times in its zone (site/when.c).  Wall-clock times to UTC
 * across daylight saving (a time the clocks skip is refused, one they
 * repeat is the earlier), offsets and abbreviations, the list of zones
 * and what may be opened, damaged files refused at every length, and
 * the event line a reader sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/site.h"
#include "util/util.h"
#include "test.h"

/* Seconds of a wall-clock time, as if UTC. */
static int64_t
wall(int y, int mo, int d, int h, int mi)
{
	return time_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static const struct {
	const char	*name;
	const char	*zone;
	int		 y, mo, d, h, mi;
	enum err	 rc;
	const char	*want;		/* UTC, on ERR_OK */
} to_utc[] = {
	{ "Paris in summer is UTC+2", "Europe/Paris", 2030, 7, 1, 18, 0,
	    ERR_OK, "2030-07-01T16:00:00Z" },
	{ "Paris in winter is UTC+1", "Europe/Paris", 2026, 12, 1, 18, 0,
	    ERR_OK, "2026-12-01T17:00:00Z" },
	{ "Paris: 02:30 the night clocks go forward does not exist",
	    "Europe/Paris", 2030, 3, 31, 2, 30, ERR_INVAL, NULL },
	{ "Paris: 02:30 the night clocks go back is the earlier",
	    "Europe/Paris", 2030, 10, 27, 2, 30, ERR_OK,
	    "2030-10-27T00:30:00Z" },
	{ "New York in winter is UTC-5", "America/New_York", 2030, 12, 2,
	    19, 30, ERR_OK, "2030-12-03T00:30:00Z" },
	{ "New York in summer is UTC-4", "America/New_York", 2030, 7, 4, 21,
	    0, ERR_OK, "2030-07-05T01:00:00Z" },
	{ "Kolkata is UTC+5:30", "Asia/Kolkata", 2027, 1, 1, 9, 0, ERR_OK,
	    "2027-01-01T03:30:00Z" },
	{ "Tokyo is UTC+9", "Asia/Tokyo", 2031, 5, 6, 19, 0, ERR_OK,
	    "2031-05-06T10:00:00Z" },
	{ "UTC is itself", "UTC", 2026, 1, 1, 0, 0, ERR_OK,
	    "2026-01-01T00:00:00Z" },
	{ "Sydney in January is UTC+11", "Australia/Sydney", 2027, 1, 15,
	    10, 0, ERR_OK, "2027-01-14T23:00:00Z" },
};

static const struct {
	const char	*name;
	const char	*zone;
	const char	*starts, *ends;
	const char	*want;
} lines[] = {
	{ "same day, one zone", "Europe/Paris", "2030-07-01T16:00:00Z",
	    "2030-07-01T18:00:00Z", "Mon 1 Jul 2030, 18:00–20:00 CEST" },
	{ "no end", "America/New_York", "2030-12-03T00:30:00Z", "",
	    "Mon 2 Dec 2030, 19:30 EST" },
	{ "over two days", "UTC", "2027-05-13T09:00:00Z",
	    "2027-05-14T17:00:00Z",
	    "Thu 13 May 2027, 09:00 UTC – Fri 14 May 2027, 17:00 UTC" },
	{ "a numeric abbreviation reads as an offset", "Asia/Dubai",
	    "2027-03-01T06:00:00Z", "", "Mon 1 Mar 2027, 10:00 UTC+04" },
	{ "an unknown zone is shown as UTC", "Nowhere/Atlantis",
	    "2027-03-01T06:00:00Z", "", "Mon 1 Mar 2027, 06:00 UTC" },
	{ "an end before the start is left out", "UTC",
	    "2027-03-01T06:00:00Z", "2027-03-01T05:00:00Z",
	    "Mon 1 Mar 2027, 06:00 UTC" },
	{ "a start that does not parse gives nothing", "UTC", "soon", "",
	    "" },
};

int
main(void)
{
	struct arena *a = arena_new();
	struct tz *z;
	char iso[TIME_ISO_LEN], **names, *data;
	const char *abbr = NULL;
	size_t i, n, len, bad;
	int64_t t;
	enum err rc;
	json_t *row, *o;

	for (i = 0; i < nitems(to_utc); i++) {
		if (tz_open(to_utc[i].zone, &z) != ERR_OK) {
			T_TRUE(nm("open", to_utc[i].zone), 0);
			continue;
		}
		rc = tz_to_utc(z, wall(to_utc[i].y, to_utc[i].mo, to_utc[i].d,
		    to_utc[i].h, to_utc[i].mi), &t);
		T_STREQ(nm("to UTC rc", to_utc[i].name), err_str(rc),
		    err_str(to_utc[i].rc));
		if (rc == ERR_OK) {
			time_iso(t, TIME_ISO_SECONDS, iso);
			T_STREQ(nm("to UTC", to_utc[i].name), iso,
			    to_utc[i].want);
		}
		tz_free(z);
	}
	if (tz_open("Europe/Paris", &z) == ERR_OK) {
		T_INTEQ("Paris offset in July", tz_offset(z, 1909000000, &abbr),
		    7200);
		T_STREQ("Paris abbreviation in July", abbr, "CEST");
		T_INTEQ("Paris offset in January", tz_offset(z, 1799000000,
		    &abbr), 3600);
		T_STREQ("Paris abbreviation in January", abbr, "CET");
		tz_free(z);
	}
	T_TRUE("names: the list is there", tz_names(&names, &n) == ERR_OK &&
	    n > 300);
	T_STREQ("names: UTC first", n > 0 ? names[0] : NULL, "UTC");
	for (i = 2, bad = 0; i < n; i++)
		if (strcmp(names[i - 1], names[i]) >= 0)
			bad++;
	T_INTEQ("names: sorted after UTC", bad, 0);
	tz_names_free(names, n);
	T_TRUE("known: Europe/Paris", tz_known("Europe/Paris"));
	T_TRUE("known: UTC", tz_known("UTC"));
	T_TRUE("not known: a path out", !tz_known("../../etc/passwd"));
	T_TRUE("not known: a path in", !tz_known("Europe/../Asia/Tokyo"));
	T_TRUE("not known: made up", !tz_known("Mars/Olympus"));
	T_TRUE("not opened: a path out", tz_open("../../etc/passwd", &z) !=
	    ERR_OK);
	T_TRUE("not opened: absolute", tz_open("/etc/passwd", &z) != ERR_OK);

	/* Every cut of a real file is refused or read, never past its end. */
	if (file_read("/usr/share/zoneinfo/Europe/Paris", 1 << 20, &data,
	    &len) == ERR_OK) {
		for (i = 0, bad = 0; i < len; i++) {
			char *cut = malloc(i + 1);

			memcpy(cut, data, i);
			if (tz_parse((unsigned char *)cut, i, &z) == ERR_OK) {
				tz_offset(z, 1909000000, NULL);
				tz_free(z);
			}
			free(cut);
		}
		T_TRUE("every cut of a zone file read or refused", 1);
		data[0] = 'X';
		T_STREQ("not TZif: refused", err_str(tz_parse(
		    (unsigned char *)data, len, &z)), err_str(ERR_PARSE));
		free(data);
	}

	for (i = 0; i < nitems(lines); i++) {
		row = json_pack("{s:s, s:s, s:s}", "tz", lines[i].zone,
		    "starts_at", lines[i].starts, "ends_at", lines[i].ends);
		o = json_object();
		view_event_when(a, o, row);
		T_STREQ(nm("event line", lines[i].name), view_str(o, "when"),
		    lines[i].want);
		json_decref(o);
		json_decref(row);
	}
	arena_free(a);
	return test_failed;
}
