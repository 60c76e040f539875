"""Calendars: /events.ics and /events/{id}.ics, read by Debian's
python3-icalendar and checked against the database and RFC 5545.

- the text: CRLF line ends only, no line over 75 octets, folds that
  never split a UTF-8 character, VERSION and PRODID;
- the events: upcoming and the latest past ones, each with its UID,
  summary, location, description and URL as stored (control characters
  dropped), and DTSTART/DTEND the stored instants: in UTC for UTC
  events, else at the wall-clock time of the event's zone (Python's
  zoneinfo, daylight saving included) with TZID the zone's name and one
  VTIMEZONE for each zone used, no other;
- TEXT escaping: ; , \\ and newlines round-trip;
- one .ics per event, linked from /events (and /events.ics from its
  head and body), the same VEVENT as in the feed; 404 for what names no
  event.
"""
import datetime
import os
import re
import sys
import zoneinfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

try:
    import icalendar
except ImportError:
    icalendar = None

ZONES = ["Europe/Paris", "America/New_York", "Asia/Kolkata",
         "Australia/Lord_Howe"]
UTC = datetime.timezone.utc


def utc(iso):
    return datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=UTC)


def check_text(label, body):
    check("%s: CRLF line ends only" % label,
          body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b""),
          body[:80])
    lines = body.split(b"\r\n")[:-1]
    long = [ln for ln in lines if len(ln) > 75]
    check_eq("%s: no line over 75 octets" % label, long[:2], [])
    bad = []
    for ln in lines:
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(ln)
    check_eq("%s: folds never split a UTF-8 character" % label, bad[:2], [])
    raw = body.decode("utf-8")
    check("%s: VERSION 2.0 and a PRODID" % label,
          "\r\nVERSION:2.0\r\n" in raw and "\r\nPRODID:" in raw, raw[:200])


def clean(s):
    return "".join(c for c in s if c >= " " or c in "\t\n")


def check_event(label, ev, row, host):
    eid, title, starts, ends, tz, place, desc, url = row
    check_eq("%s: UID" % label, str(ev.get("UID")),
             "event-%d@%s" % (eid, host))
    check_eq("%s: text as stored" % label,
             (str(ev.get("SUMMARY")), str(ev.get("LOCATION", "")),
              str(ev.get("DESCRIPTION", "")), str(ev.get("URL", ""))),
             (clean(title), clean(place), clean(desc), url))
    for prop, iso in (("DTSTART", starts), ("DTEND", ends)):
        p = ev.get(prop)
        if iso is None:
            check_eq("%s: no %s" % (label, prop), p, None)
            continue
        want = utc(iso)
        dt = p.dt
        check_eq("%s: %s the stored instant" % (label, prop),
                 dt.astimezone(UTC), want)
        if tz == "UTC":
            check_eq("%s: %s in UTC" % (label, prop),
                     (p.params.get("TZID"), dt.utcoffset()),
                     (None, datetime.timedelta(0)))
        else:
            wall = want.astimezone(zoneinfo.ZoneInfo(tz)).replace(
                tzinfo=None)
            check_eq("%s: %s at the wall-clock time of %s" %
                     (label, prop, tz), (p.params.get("TZID"),
                                         dt.replace(tzinfo=None)),
                     (tz, wall))


def events_of(cal):
    return {str(e.get("UID")): e for e in cal.walk("VEVENT")}


def main():
    if not check("icalendar is installed (python3-icalendar)",
                 icalendar is not None, "run scripts/install-deps.sh test"):
        harness.done()
    with harness.Server() as srv:
        base = harness.set_base_url(srv, "/about")
        host = "127.0.0.1"
        now = datetime.datetime.now(UTC)
        # Zones with and without daylight saving, a half-hour one; a
        # winter and a summer date; text to escape and to drop.
        ids = [i for (i,) in srv.sql("SELECT id FROM events ORDER BY id")]
        for k, eid in enumerate(ids[:2 * len(ZONES)]):
            start = (now + datetime.timedelta(days=40 + 91 * k)).replace(
                hour=9 + k % 5, minute=30, second=0, microsecond=0)
            srv.sql_write(
                "UPDATE events SET tz = ?, starts_at = ?, ends_at = ?"
                " WHERE id = ?",
                (ZONES[k % len(ZONES)], start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 (start + datetime.timedelta(hours=2)).strftime(
                     "%Y-%m-%dT%H:%M:%SZ"), eid))
        hard = ("Dvoren\u00e1; Ruskin, Ford \\ \u00e9" * 8 + "\nsecond line"
                " \x01\x7f end")
        srv.sql_write("UPDATE events SET description = ?, title = ?,"
                      " ends_at = NULL WHERE id = ?",
                      (hard, "Talk; \"quotes\", commas \\ and \u2028",
                       ids[-1]))
        srv.pause(1.5)

        st, h, body = srv.get("/events.ics")
        check_eq("/events.ics: 200 text/calendar", (st, h.get(
            "content-type")), (200, "text/calendar; charset=utf-8"))
        check_text("/events.ics", body)
        cal = icalendar.Calendar.from_ical(body)
        evs = events_of(cal)
        nowiso = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        cols = ("SELECT id, title, starts_at, ends_at, tz, place,"
                " description, url FROM events")
        rows = srv.sql(cols + " WHERE starts_at >= ? ORDER BY starts_at",
                       (nowiso,)) + srv.sql(
            cols + " WHERE starts_at < ? ORDER BY starts_at DESC LIMIT 100",
            (nowiso,))
        check_eq("/events.ics: the upcoming and latest past events",
                 sorted(evs), sorted("event-%d@%s" % (r[0], host)
                                     for r in rows))
        for r in rows:
            e = evs.get("event-%d@%s" % (r[0], host))
            if e is not None:
                check_event("event %d" % r[0], e, r, host)
        used = sorted({r[4] for r in rows if r[4] != "UTC"})
        check_eq("/events.ics: one VTIMEZONE for each zone used",
                 sorted(str(z.get("TZID")) for z in cal.walk("VTIMEZONE")),
                 used)
        check("/events.ics: zones with daylight saving have both kinds",
              all(z.walk("DAYLIGHT") and z.walk("STANDARD")
                  for z in cal.walk("VTIMEZONE")
                  if str(z.get("TZID")) in ("Europe/Paris",
                                            "America/New_York")), "")

        # One .ics per event, linked from /events.
        st, h, page = srv.get("/events")
        doc = harness.parse_html(page)
        links = [a.attrs.get("href") for a in doc.find_all("a")
                 if (a.attrs.get("href") or "").endswith(".ics")]
        head = doc.find("head").find_all("link", attrs={
            "rel": "alternate", "type": "text/calendar"})
        check_eq("/events: the calendar in the head", [
            ln.attrs.get("href") for ln in head], ["/events.ics"])
        shown = srv.sql(cols + " WHERE starts_at >= ? ORDER BY starts_at",
                        (nowiso,)) + srv.sql(
            cols + " WHERE starts_at < ? ORDER BY starts_at DESC LIMIT 20",
            (nowiso,))
        check_eq("/events: links the calendar and each event's .ics",
                 links, ["/events.ics"] + ["/events/%d.ics" % r[0]
                                           for r in shown])
        for r in rows:
            st, h, one = srv.get("/events/%d.ics" % r[0])
            if not check_eq("/events/%d.ics: 200" % r[0], st, 200):
                continue
            check_text("/events/%d.ics" % r[0], one)
            c1 = icalendar.Calendar.from_ical(one)
            e1 = events_of(c1)
            check_eq("/events/%d.ics: that one event" % r[0], list(e1),
                     ["event-%d@%s" % (r[0], host)])
            check_event("/events/%d.ics" % r[0], list(e1.values())[0], r,
                        host)
            check_eq("/events/%d.ics: its zone's VTIMEZONE only" % r[0],
                     [str(z.get("TZID")) for z in c1.walk("VTIMEZONE")],
                     [] if r[4] == "UTC" else [r[4]])
        last = max(ids)
        for path in ("/events/0.ics", "/events/01.ics", "/events/x.ics",
                     "/events/%d.ics" % (last + 1), "/events/1.ical",
                     "/events/1"):
            check_eq("404: " + path, srv.get(path)[0], 404)
        check("events: escaped text raw in the file", re.search(
            rb"Dvoren\xc3\xa1\\; Ruskin\\, Ford \\\\", body.replace(
                b"\r\n ", b"")) is not None, "")
    harness.done()


if __name__ == "__main__":
    main()
