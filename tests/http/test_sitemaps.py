"""Sitemaps and robots.txt, checked by xmllint against the sitemaps.org
schemas (tests/data/sitemaps, see its SOURCE):

- /sitemap.xml on a small journal: valid against sitemap.xsd; exactly the
  canonical pages the database has (home, /issues, /publications,
  /about, /authors, each published issue, each section, each person,
  each tag and country on a published article, each published
  article), absolute under base_url, once each, with lastmod
  the newest change of what the page shows as the store keeps it (an
  article's updated_at, an issue's newest edit, a list's newest
  publication); every one answers 200;
- on a journal past 50,000 URLs (octavo demo --articles 60000),
  /sitemap.xml is a sitemap index valid against siteindex.xsd, and its
  parts /sitemaps/N.xml, each valid and at most 50,000 URLs, hold every
  URL once; a part past the last is a 404, as is any part on the small
  journal;
- /sitemap-news.xml: the articles published in the two days before now
  (rows written with times relative to this machine's clock, with an
  hour's margin either side of the window's edges), valid against
  sitemap.xsd with the Google News extension's schema;
- /robots.txt: by default allows all and names both sitemaps; its text
  is the robots_txt setting once set, which refuses control characters;
- without base_url the sitemaps are 404s and robots.txt names none.
Each schema also refuses a doctored copy, so a check here can fail.
"""
import calendar
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

HANG_GUARD = 600	# a guard against a hung process, not a check
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XSD = os.path.join(harness.ROOT, "tests", "data", "sitemaps")
BIG = 60000	# articles: past 50,000 URLs
PER_FILE = 50000


def xmllint(label, body, schema, valid=True):
    """Validate body with xmllint --schema; valid=False expects a
    refusal."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(body)
    try:
        p = subprocess.run(["xmllint", "--noout", "--schema",
                            os.path.join(XSD, schema), f.name],
                           capture_output=True, text=True,
                           timeout=HANG_GUARD)
    finally:
        os.unlink(f.name)
    if valid:
        return check(label + ": valid against " + schema,
                     p.returncode == 0, p.stderr[-800:])
    return check(label + ": " + schema + " refuses it",
                 p.returncode != 0, p.stderr[-300:])


def set_base(srv):
    return harness.set_base_url(srv, "/sitemap.xml")


def urls_of(body):
    """[(loc, lastmod or None)] of a urlset."""
    root = ET.fromstring(body)
    return [(u.findtext(SM + "loc"), u.findtext(SM + "lastmod"))
            for u in root.findall(SM + "url")]


def newest(vals):
    vals = [v for v in vals if v]
    return max(vals) if vals else None


def expected(srv, base):
    """{url: lastmod} of every canonical page, from the database: an
    article's updated_at, an issue's newest edit (or its date), a list's
    newest publication."""
    pub = " status = 'published'"
    sections = {slug: m for slug, m in srv.sql(
        "SELECT s.slug, (SELECT max(a.published_at) FROM articles a"
        " WHERE a.section_id = s.id AND a.status = 'published')"
        " FROM sections s")}
    want = {
        base + "/": newest(sections.values()),
        base + "/issues": newest([r[0] for r in srv.sql(
            "SELECT max(date) FROM issues WHERE" + pub)]),
        base + "/publications": newest([r[0] for r in srv.sql(
            "SELECT max(date) FROM publications")]),
        base + "/about": None,
    }
    for n, d, m in srv.sql(
            "SELECT i.number, i.date, (SELECT max(a.updated_at) FROM"
            " articles a WHERE a.issue_id = i.id AND a.status ="
            " 'published') FROM issues i WHERE i.status = 'published'"):
        want[base + "/issues/%d" % n] = max(d, m or "")
    for slug, m in sections.items():
        want[base + "/sections/" + slug] = m
    for slug, m in srv.sql(
            "SELECT p.slug, (SELECT max(a.published_at) FROM"
            " article_authors aa JOIN articles a ON a.id = aa.article_id"
            " WHERE aa.person_id = p.id AND a.status = 'published')"
            " FROM people p"):
        want[base + "/authors/" + slug] = m
    want[base + "/authors"] = None
    for kind, table, key, link, col in (
            ("tags", "tags", "slug", "article_tags", "tag_id = t.id"),
            ("countries", "countries", "lower(code)", "article_countries",
             "code = t.code")):
        for k, m in srv.sql(
                "SELECT * FROM (SELECT %s, (SELECT max(a.published_at)"
                " FROM %s x JOIN articles a ON a.id = x.article_id WHERE"
                " x.%s AND a.status = 'published') AS m FROM %s t)"
                " WHERE m IS NOT NULL" % (key, link, col, table)):
            want[base + "/%s/%s" % (kind, k)] = m
    for slug, m in srv.sql("SELECT slug, updated_at FROM articles WHERE" +
                           pub):
        want[base + "/articles/" + slug] = m
    return want


def check_small(srv):
    import test_finding
    test_finding.tag_fixture(srv)	# tags and countries have pages
    srv.sql_write("UPDATE content_version SET version = version + 1")
    st, h, body = srv.get("/sitemap.xml")
    check_eq("sitemap: 200", st, 200)
    check_eq("sitemap: Content-Type", h.get("content-type"),
             "application/xml; charset=utf-8")
    base = set_base(srv)
    st, h, body = srv.get("/sitemap.xml")
    xmllint("sitemap", body, "sitemap.xsd")
    xmllint("sitemap with a date that is none",
            body.replace(b"</loc><lastmod>", b"</loc><lastmod>yester", 1),
            "sitemap.xsd", valid=False)
    have = urls_of(body)
    want = expected(srv, base)
    locs = [u for u, _ in have]
    check_eq("sitemap: each URL once", len(locs), len(set(locs)))
    check_eq("sitemap: exactly the canonical pages", sorted(set(locs)),
             sorted(want))
    check("sitemap: every URL absolute under base_url",
          all(u.startswith(base + "/") for u in locs), locs[:3])
    check_eq("sitemap: lastmod is each page's newest change",
             {u: m for u, m in have},
             {u: (m if m is None or len(m) == 10 else m[:19] + "Z")
              for u, m in want.items()})
    bad = []
    for u in locs:
        st = srv.get(u[len(base):])[0]
        if st != 200:
            bad.append((st, u))
    check("sitemap: every one of the %d URLs answers 200" % len(locs),
          not bad and len(locs) > 60, bad[:5])
    for path in ("/sitemaps/1.xml", "/sitemaps/0.xml", "/sitemaps/x.xml",
                 "/sitemaps/1.txt"):
        check_eq("no index, no parts: %s is a 404" % path,
                 srv.get(path)[0], 404)
    # A change shows in the cached sitemap.
    (slug,) = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                      " ORDER BY id LIMIT 1")[0]
    srv.sql_write("UPDATE articles SET updated_at = '2027-01-02T03:04:05Z'"
                  " WHERE slug = ?", (slug,))
    for _ in range(100):
        body = srv.get("/sitemap.xml")[2]
        if b"2027-01-02T03:04:05Z" in body:
            break
        srv.pause(0.1)
    check_in("sitemap: an edited article's new lastmod",
             "<loc>%s/articles/%s</loc><lastmod>2027-01-02T03:04:05Z"
             "</lastmod>" % (base, slug), body.decode())
    return base


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def check_news(srv, base):
    """Articles at now - 1 h, now - 47 h (in), now - 49 h and now + 1 h
    (a scheduled time: out)."""
    now = int(time.time())
    rows = srv.sql("SELECT id, slug, title FROM articles WHERE status ="
                   " 'published' ORDER BY published_at DESC, id DESC"
                   " LIMIT 4")
    offsets = (-3600, -47 * 3600, -49 * 3600, 3600)
    for (aid, _, _), off in zip(rows, offsets):
        srv.sql_write("UPDATE articles SET published_at = ?, updated_at = ?"
                      " WHERE id = ?", (iso(now + off), iso(now + off), aid))
    srv.pause(1.5)
    st, h, body = srv.get("/sitemap-news.xml")
    check_eq("news: 200", st, 200)
    check_eq("news: Content-Type", h.get("content-type"),
             "application/xml; charset=utf-8")
    xmllint("news", body, "news-check.xsd")
    st2, h2, b2 = srv.get("/sitemap-news.xml",
                          headers={"If-None-Match": h.get("etag", "-")})
    check_eq("news: an ETag, and If-None-Match -> 304",
             (bool(h.get("etag")), st2), (True, 304))
    xmllint("news without its title",
            re.sub(rb"<news:title>.*?</news:title>", b"", body, count=1),
            "news-check.xsd", valid=False)
    root = ET.fromstring(body)
    N = "{http://www.google.com/schemas/sitemap-news/0.9}"
    got = [(u.findtext(SM + "loc"),
            u.findtext(N + "news/" + N + "publication_date"),
            u.findtext(N + "news/" + N + "title"),
            u.findtext(N + "news/" + N + "publication/" + N + "language"),
            u.findtext(N + "news/" + N + "publication/" + N + "name"))
           for u in root.findall(SM + "url")]
    name = srv.sql("SELECT value FROM settings WHERE key = 'name'")[0][0]
    check_eq("news: the articles of the last two days, newest first", got,
             [(base + "/articles/" + rows[i][1], iso(now + offsets[i]),
               rows[i][2], "en", name) for i in (0, 1)])


def check_robots(srv, base):
    st, h, body = srv.get("/robots.txt")
    check_eq("robots.txt: 200 text/plain", (st, h.get("content-type")),
             (200, "text/plain; charset=utf-8"))
    check_eq("robots.txt: default allows all and names the sitemaps",
             body.decode(), "User-agent: *\nAllow: /\n\nSitemap: %s/"
             "sitemap.xml\nSitemap: %s/sitemap-news.xml\n" % (base, base))
    text = "User-agent: *\nDisallow: /newsletter\n\nSitemap: %s/sitemap.xml" \
        % base
    p = subprocess.run([harness.BIN, "site", "--db", srv.db, "set",
                        "robots_txt"], input=text.encode(),
                       capture_output=True, timeout=HANG_GUARD)
    check_eq("robots_txt: set from standard input", p.returncode, 0)
    for _ in range(100):
        body = srv.get("/robots.txt")[2]
        if b"Disallow" in body:
            break
        srv.pause(0.1)
    check_eq("robots.txt: the setting's text", body.decode(), text + "\n")
    p = subprocess.run([harness.BIN, "site", "--db", srv.db, "set",
                        "robots_txt", "User-agent: *\x07"],
                       capture_output=True, timeout=HANG_GUARD)
    check("robots_txt: a control character is refused",
          p.returncode != 0 and b"robots_txt" in p.stderr, p.stderr)
    srv.sql_write("DELETE FROM settings WHERE key IN ('robots_txt',"
                  " 'base_url')")
    for _ in range(100):
        body = srv.get("/robots.txt")[2]
        if b"Sitemap" not in body:
            break
        srv.pause(0.1)
    check_eq("no base_url: robots.txt names no sitemap", body.decode(),
             "User-agent: *\nAllow: /\n")
    for path in ("/sitemap.xml", "/sitemap-news.xml", "/feed.json"):
        check_eq("no base_url: %s is a 404" % path, srv.get(path)[0], 404)


def check_big():
    d = tempfile.mkdtemp(prefix="octavo-big-")
    db = os.path.join(d, "big.db")
    t0 = time.monotonic()
    harness.make_demo(db, BIG)
    print("    demo --articles %d: %.1f s" % (BIG, time.monotonic() - t0))
    with harness.Server(db=db) as srv:
        base = set_base(srv)
        st, h, body = srv.get("/sitemap.xml")
        check_eq("big: /sitemap.xml 200", st, 200)
        root = ET.fromstring(body)
        check_eq("big: /sitemap.xml is a sitemap index", root.tag,
                 SM + "sitemapindex")
        xmllint("big: index", body, "siteindex.xsd")
        xmllint("big: index with a date that is none",
                body.replace(b"</loc></sitemap>",
                             b"</loc><lastmod>soon</lastmod></sitemap>", 1),
                "siteindex.xsd", valid=False)
        parts = [s.findtext(SM + "loc") for s in root.findall(SM +
                                                               "sitemap")]
        want = expected(srv, base)
        check_eq("big: as many parts as 50,000 URLs a file need",
                 len(parts), (len(want) + PER_FILE - 1) // PER_FILE)
        seen = []
        for i, loc in enumerate(parts, 1):
            check_eq("big: part %d's address" % i, loc,
                     "%s/sitemaps/%d.xml" % (base, i))
            st, h, pb = srv.get(loc[len(base):])
            check_eq("big: part %d 200" % i, st, 200)
            xmllint("big: part %d" % i, pb, "sitemap.xsd")
            locs = [u for u, _ in urls_of(pb)]
            check("big: part %d holds at most 50,000 URLs" % i,
                  0 < len(locs) <= PER_FILE, len(locs))
            seen += locs
        check_eq("big: the parts hold every canonical page once",
                 (len(seen), sorted(set(seen)) == sorted(want)),
                 (len(want), True))
        check_eq("big: a part past the last is a 404",
                 srv.get("/sitemaps/%d.xml" % (len(parts) + 1))[0], 404)
        bad = [u for u in seen[::997] + seen[-3:]
               if srv.get(u[len(base):])[0] != 200]
        check("big: a sample of every 997th URL answers 200", not bad,
              bad[:3])


def main():
    if not check("xmllint is installed (libxml2-utils)",
                 subprocess.run(["sh", "-c", "command -v xmllint"],
                                capture_output=True).returncode == 0,
                 "run scripts/install-deps.sh test"):
        harness.done()
    with harness.Server() as srv:
        base = check_small(srv)
        check_news(srv, base)
        check_robots(srv, base)
    check_big()
    harness.done()


if __name__ == "__main__":
    main()
