"""Finding things (issue 8) and the tag and country feeds (issue 9),
through the real server and SQLite:

- /authors lists everyone with a published article, by family name,
  with the database's count of their articles, linked to their pages;
- /tags/{slug} and /countries/{code} list their published articles in
  numbered pages (first, last, previous, next, a window, aria-current
  on the current), page N's canonical is its own (?page=N, page 1
  without), ?page=1 is a 301 and a page past the last a 404;
  /countries/KZ is a 301 to /countries/kz; unknown ones are 404s;
- their Atom, RSS and JSON feeds parse in feedparser with the newest
  articles the database has for them, and the pages' heads link them;
- the article page's view has its tags and countries linked to those
  pages (the data-attribute-free check: the links are in the page only
  if article.mustache shows them, so the view is checked by the feed
  and the sitemap instead), and the sitemap lists the new pages;
- breadcrumbs (Home > Section > Article, Home > Authors > Name, Home >
  Tags > Tag, Home > Issues > No. N) as a nav "Breadcrumb", the same
  trail as the BreadcrumbList in the JSON-LD;
- the current section marked (aria-current) in the navigation on
  article, issue and author pages;
- the archive never repeats a title ("No. 7 Issue 7"), groups by year
  with jump links, shows covers and the editor's note;
- /events puts upcoming events (soonest first) before past ones (newest
  first, paginated), and the sidebar shows the next three;
- the article editor suggests the countries the text names, ticked by
  nobody, and adds only those the editor ticks.
"""
import json
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import Client, EMAIL, PW, user_add  # noqa: E402
from test_admin_articles import form_values, id_of  # noqa: E402

try:
    import feedparser
except ImportError:
    feedparser = None

TAGGED = 45	# articles with the tag: three pages of 20


def tag_fixture(srv):
    """Tag the TAGGED oldest published articles "Energy" and the 25
    newest KZ, and nothing else (the demo's tags and countries are taken
    off); returns their ids (tag, country)."""
    srv.sql_write("DELETE FROM article_tags")
    srv.sql_write("DELETE FROM article_countries")
    ids = [r[0] for r in srv.sql("SELECT id FROM articles WHERE status ="
                                 " 'published' ORDER BY id")]
    tagged, kz = ids[:min(TAGGED, len(ids))], ids[-25:]
    srv.sql_write("INSERT OR IGNORE INTO tags (slug, name) VALUES ('energy',"
                  " 'Energy'), ('unused', 'Unused')")
    for i, a in enumerate(tagged):
        srv.sql_write("INSERT OR IGNORE INTO article_tags (article_id, tag_id,"
                      " position) SELECT ?, id, 0 FROM tags WHERE slug ="
                      " 'energy'", (a,))
    for a in kz:
        srv.sql_write("INSERT OR IGNORE INTO article_countries (article_id,"
                      " code)"
                      " VALUES (?, 'KZ')", (a,))
    return tagged, kz


def fresh(srv, path, needle):
    """GET path until its body holds needle (the server picks up a
    change of the database on its tick), at most 100 tries."""
    for _ in range(100):
        st, h, body = srv.get(path)
        if st == 200 and needle.encode() in body:
            break
        srv.pause(0.1)
    return st, h, body


def local(url):
    """The path and query of an absolute URL."""
    u = urllib.parse.urlsplit(url)
    return u.path + ("?" + u.query if u.query else "")


def canonical(body):
    """The canonical link's path and query (the demo's base_url is not
    the test server's address: only what follows it is checked)."""
    m = re.search(rb'<link rel="canonical" href="([^"]*)"', body)
    return local(m.group(1).decode()) if m else None


def crumbs(body):
    doc = parse_html(body)
    nav = doc.find("nav", attrs={"aria-label": "Breadcrumb"})
    if nav is None:
        return None
    return [(a.text(), a.attrs.get("href")) for a in nav.find_all("a")]


def jsonld_crumbs(body, base):
    m = re.search(rb'<script type="application/ld\+json">(.*?)</script>',
                  body, re.S)
    if not m:
        return None
    for o in json.loads(m.group(1)).get("@graph", []):
        if o.get("@type") == "BreadcrumbList":
            return [(i["name"], local(i["item"]))
                    for i in o["itemListElement"]]
    return None


def nav_current(body):
    doc = parse_html(body)
    nav = doc.find("nav", attrs={"aria-label": "Main"})
    return [(a.text(), a.attrs.get("aria-current")) for a in
            nav.find_all("a") if a.attrs.get("aria-current")]


def test_authors(srv):
    st, h, body = fresh(srv, "/authors", "Authors")
    check_eq("/authors: status", st, 200)
    want = srv.sql("SELECT p.name, p.slug, c.n FROM article_counts c"
                   " JOIN people p ON p.id = c.key WHERE c.list = 'author'"
                   " AND c.n > 0")
    doc = parse_html(body)
    items = doc.find("main").find_all("li")
    have = {}
    order = []
    for li in items:
        a = li.find("a")
        cnt = li.find("span", cls="count")
        if a is None or cnt is None:
            continue
        have[a.attrs["href"]] = (a.text(), cnt.text())
        order.append(a.text())
    check_eq("/authors: every author with a published article, counted",
             have, {"/authors/" + s: (n, "1 article" if c == 1 else
                                      "%d articles" % c)
                    for n, s, c in want})
    fam = [n.split()[-1].lower() for n in order]
    check_eq("/authors: by family name", fam, sorted(fam))
    check_eq("/authors: breadcrumbs", crumbs(body),
             [("Home", "/"), ("Authors", "/authors")])
    check_eq("/authors: Authors marked in the navigation",
             nav_current(body), [("Authors", "page")])


def test_pages(srv, base, tagged):
    st, h, body = fresh(srv, "/tags/energy", "Energy")
    check_eq("tag page: status", st, 200)
    check_eq("tag page 1: canonical has no page", canonical(body),
             "/tags/energy")
    arts = re.findall(rb'<h3 class="article-sum-title"><a href="'
                      rb'/articles/([^"]+)"', body)
    want = [r[0].encode() for r in srv.sql(
        "SELECT slug FROM articles WHERE id IN (%s) ORDER BY"
        " published_at DESC, id DESC LIMIT 20" %
        ",".join(str(i) for i in tagged))]
    check_eq("tag page 1: the newest 20 tagged articles", arts, want)
    st, h, body = srv.get("/tags/energy?page=2")
    check_eq("tag page 2: status", st, 200)
    check_eq("tag page 2: canonical is its own", canonical(body),
             "/tags/energy?page=2")
    doc = parse_html(body)
    pag = doc.find("nav", attrs={"aria-label": "Pagination"})
    links = [(a.text(), a.attrs.get("href"), a.attrs.get("aria-current"))
             for a in pag.find_all("a")] if pag else []
    check_eq("tag page 2: numbered pagination", links, [
        ("\u00ab First", "/tags/energy", None),
        ("\u2190 Previous", "/tags/energy", None),
        ("1", "/tags/energy", None),
        ("2", "/tags/energy?page=2", "page"),
        ("3", "/tags/energy?page=3", None),
        ("Next \u2192", "/tags/energy?page=3", None),
        ("Last \u00bb", "/tags/energy?page=3", None)])
    check_eq("tag page 4 (past the last): 404",
             srv.get("/tags/energy?page=4")[0], 404)
    st, h, body = srv.get("/tags/energy?page=1")
    check_eq("tag ?page=1: 301 to the page's one URL",
             (st, h.get("location")), (301, "/tags/energy"))
    check_eq("unknown tag: 404", srv.get("/tags/no-such")[0], 404)
    check_eq("tag breadcrumbs", crumbs(srv.get("/tags/energy")[2]),
             [("Home", "/"), ("Tags", "/tags"), ("Energy", "/tags/energy")])
    st, h, body = srv.get("/tags")
    check_in("/tags lists the tag with its count",
             b'<a href="/tags/energy">Energy</a> <span class="count">45',
             body)
    check("/tags leaves out a tag on no article", b"Unused" not in body)
    # Countries.
    st, h, body = srv.get("/countries/kz")
    check_eq("country page: status", st, 200)
    check_in("country page: its name", b"<h1>Kazakhstan</h1>", body)
    check_eq("/countries/KZ: 301 to the lower-case URL",
             srv.get("/countries/KZ")[:2][0], 301)
    check_eq("/countries/KZ/feed.atom: 301 too",
             srv.get("/countries/KZ/feed.atom")[1].get("location"),
             "/countries/kz/feed.atom")
    check_eq("unknown country code: 404", srv.get("/countries/zz")[0], 404)
    check_eq("not a code: 404", srv.get("/countries/kaz")[0], 404)
    check_in("country page heads link its feeds",
             b'href="/countries/kz/feed.atom"', body)
    # Numbered pagination elsewhere: a section's page 2 canonical.
    sec = srv.sql("SELECT s.slug FROM sections s JOIN articles a ON"
                  " a.section_id = s.id WHERE a.status = 'published'"
                  " GROUP BY s.id HAVING count(*) > 20 LIMIT 1")
    if sec:
        st, h, body = srv.get("/sections/%s?page=2" % sec[0][0])
        check_eq("section page 2: canonical is its own", canonical(body),
                 "/sections/%s?page=2" % sec[0][0])
        check_in("section page 2: the current page marked",
                 b'aria-current="page" aria-label="Page 2"', body)


def test_counts_follow(srv, tagged):
    """The counts /tags and /countries show and a tag's last page follow
    an article unpublished and published again, and a country taken off
    and put back (the kept counts of migration 19, through the server's
    cache)."""
    aid = tagged[-1]
    energy = '<a href="/tags/energy">Energy</a> <span class="count">%d'
    kz = '<a href="/countries/kz">Kazakhstan</a> <span class="count">%d'
    srv.sql_write("UPDATE articles SET status = 'draft' WHERE id = ?", (aid,))
    st, h, body = fresh(srv, "/tags", energy % (TAGGED - 1))
    check_in("/tags: one fewer after an unpublish",
             (energy % (TAGGED - 1)).encode(), body)
    st, h, body = srv.get("/tags/energy?page=3")
    check_eq("tag's last page: one fewer after an unpublish",
             body.count(b'<h3 class="article-sum-title">'), TAGGED - 41)
    srv.sql_write("UPDATE articles SET status = 'published' WHERE id = ?",
                  (aid,))
    st, h, body = fresh(srv, "/tags", energy % TAGGED)
    check_in("/tags: all again after publishing again",
             (energy % TAGGED).encode(), body)
    srv.sql_write("DELETE FROM article_countries WHERE code = 'KZ' AND"
                  " article_id = (SELECT max(article_id) FROM"
                  " article_countries)")
    st, h, body = fresh(srv, "/countries", kz % 24)
    check_in("/countries: one fewer after a country is taken off",
             (kz % 24).encode(), body)
    srv.sql_write("INSERT INTO article_countries (article_id, code) SELECT"
                  " max(id), 'KZ' FROM articles WHERE status = 'published'")
    st, h, body = fresh(srv, "/countries", kz % 25)
    check_in("/countries: back after it is put back", (kz % 25).encode(),
             body)


def test_feeds(srv, base, tagged, kz):
    if not check("feedparser is installed", feedparser is not None):
        return
    for path, ids in (("/tags/energy", tagged), ("/countries/kz", kz)):
        want = [r[0] for r in srv.sql(
            "SELECT title FROM articles WHERE id IN (%s) ORDER BY"
            " published_at DESC, id DESC LIMIT 20" %
            ",".join(str(i) for i in ids))]
        for ext in ("atom", "rss"):
            st, h, body = srv.get("%s/feed.%s" % (path, ext))
            d = feedparser.parse(body)
            check_eq("%s/feed.%s: parses without bozo" % (path, ext),
                     (st, bool(d.bozo)), (200, False))
            check_eq("%s/feed.%s: the newest entries" % (path, ext),
                     [e.title for e in d.entries], want)
        st, h, body = srv.get(path + "/feed.json")
        j = json.loads(body)
        check_eq(path + "/feed.json: the newest entries",
                 [i["title"] for i in j["items"]], want)
        check_eq(path + "/feed.json: its home page", j.get("home_page_url"),
                 base + path)


def test_sitemap(srv, base):
    st, h, body = srv.get("/sitemap.xml")
    for u in ("/authors", "/tags/energy", "/countries/kz"):
        check_in("sitemap lists " + u, ("<loc>%s%s</loc>" % (base, u))
                 .encode(), body)
    check("sitemap leaves out a tag on no article",
          b"/tags/unused" not in body)


def test_where(srv, base):
    slug, title, sslug, sname = srv.sql(
        "SELECT a.slug, a.title, s.slug, s.name FROM articles a JOIN"
        " sections s ON s.id = a.section_id WHERE a.status = 'published'"
        " ORDER BY a.id DESC LIMIT 1")[0]
    st, h, body = srv.get("/articles/" + slug)
    check_eq("article: breadcrumbs Home > Section > Article", crumbs(body),
             [("Home", "/"), (sname, "/sections/" + sslug),
              (title, "/articles/" + slug)])
    check_eq("article: the JSON-LD's trail is the one shown",
             jsonld_crumbs(body, base), crumbs(body))
    check_eq("article: its section marked in the navigation",
             nav_current(body), [(sname, "true")])
    aslug, aname = srv.sql(
        "SELECT p.slug, p.name FROM people p JOIN article_counts c ON"
        " c.key = p.id AND c.list = 'author' WHERE c.n > 0 LIMIT 1")[0]
    st, h, body = srv.get("/authors/" + aslug)
    check_eq("author: breadcrumbs Home > Authors > Name", crumbs(body),
             [("Home", "/"), ("Authors", "/authors"),
              (aname, "/authors/" + aslug)])
    check_eq("author: the JSON-LD's trail is the one shown",
             jsonld_crumbs(body, base), crumbs(body))
    check_eq("author: Authors marked in the navigation", nav_current(body),
             [("Authors", "true")])
    n = srv.sql("SELECT max(number) FROM issues WHERE status ="
                " 'published'")[0][0]
    st, h, body = srv.get("/issues/%d" % n)
    check_eq("issue: breadcrumbs Home > Issues > No. N", crumbs(body),
             [("Home", "/"), ("Issues", "/issues"),
              ("No. %d" % n, "/issues/%d" % n)])
    check_eq("issue: Issues marked in the navigation", nav_current(body),
             [("Issues", "true")])


def test_archive(srv):
    nums = [r[0] for r in srv.sql("SELECT number FROM issues WHERE status"
                                  " = 'published' ORDER BY number")]
    a, b = nums[0], nums[1]
    srv.sql_write("UPDATE issues SET title = 'Issue %d', note ="
                  " 'Welcome to this first issue, on trade.', cover ="
                  " '/static/favicon.svg' WHERE number = %d" % (a, a))
    srv.sql_write("UPDATE issues SET title = '' WHERE number = %d" % b)
    srv.sql_write("UPDATE content_version SET version = version + 1")
    st, h, body = fresh(srv, "/issues", "Welcome to this first issue")
    text = parse_html(body).find("main").text()
    check("archive: no title repeated (No. %d Issue %d)" % (a, a),
          not re.search(r"No\. %d\s+Issue %d\b" % (a, a), text),
          text[-300:])
    check_in("archive: the issue's number alone", "No. %d" % a, text)
    check_in("archive: the editor's note", "Welcome to this first issue",
             text)
    check_in("archive: the cover", b'class="archive-cover" src="/static/'
             b'favicon.svg"', body)
    years = sorted({r[0][:4] for r in srv.sql(
        "SELECT date FROM issues WHERE status = 'published'")},
        reverse=True)
    doc = parse_html(body)
    jump = doc.find("nav", attrs={"aria-label": "Years"})
    check_eq("archive: jump links to each year",
             [x.attrs.get("href") for x in jump.find_all("a")] if jump
             else None, ["#year-" + y for y in years])
    for y in years:
        check_in("archive: the anchor of " + y, ('id="year-%s"' % y)
                 .encode(), body)


def test_events(srv):
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    srv.sql_write("DELETE FROM events")
    for i in range(25):
        srv.sql_write("INSERT INTO events (title, starts_at, tz, place,"
                      " description, url) VALUES (?, ?, 'UTC', 'Online',"
                      " '', '')", ("Past event %02d" % i,
                                   "2020-01-%02dT10:00:00Z" % (i + 1)))
    for i in range(4):
        srv.sql_write("INSERT INTO events (title, starts_at, tz, place,"
                      " description, url) VALUES (?, ?, 'UTC', 'Online',"
                      " '', '')", ("Future event %d" % i,
                                   "2099-0%d-01T10:00:00Z" % (4 - i)))
    srv.sql_write("UPDATE content_version SET version = version + 1")
    st, h, body = fresh(srv, "/events", "Future event 3")
    titles = [t.decode() for t in re.findall(
        rb'<h3 class="event-title">([^<]*)</h3>', body)]
    check_eq("events: upcoming first, soonest first; then past, newest"
             " first, 20 a page", titles,
             ["Future event %d" % i for i in (3, 2, 1, 0)] +
             ["Past event %02d" % i for i in range(24, 4, -1)])
    st, h, body2 = srv.get("/events?page=2")
    titles2 = [t.decode() for t in re.findall(
        rb'<h3 class="event-title">([^<]*)</h3>', body2)]
    check_eq("events page 2: the rest of the past", titles2,
             ["Future event %d" % i for i in (3, 2, 1, 0)] +
             ["Past event %02d" % i for i in range(4, -1, -1)])
    check_eq("events page 3: 404", srv.get("/events?page=3")[0], 404)
    check("events page: no sidebar block repeating its upcoming events",
          parse_html(body).find("section", cls="side-events") is None)
    st, h, body = fresh(srv, "/about", "Future event 3")
    side = parse_html(body).find("section", cls="side-events")
    check_eq("sidebar: the next three upcoming events",
             [a.text() for a in side.find_all("a")][:3] if side else None,
             ["Future event 3", "Future event 2", "Future event 1"])
    check("the clock is before the fixture's future", now < "2099")


def test_suggest(srv):
    user_add(srv.db, EMAIL["editor"], "editor", PW["editor"])
    srv.pause(1.5)
    ed = Client(srv, "127.0.0.61")
    check_eq("editor signs in", ed.login(EMAIL["editor"],
                                         PW["editor"])[0], 303)
    form = form_values(ed.get("/admin/articles/new")[2])
    form.update({"title": "The Kazakh Budget", "section": str(srv.sql(
        "SELECT min(id) FROM sections")[0][0]), "dek": "Tajik and Afghan"
        " traders", "body": "Trade with Uzbekistan grew; roast turkey.",
        "countries": "TJ"})
    st, h, body = ed.post("/admin/articles", form)
    aid = id_of(h)
    check_eq("editor: the article is saved", (st, aid is not None),
             (303, True))
    check_eq("editor: nothing added without a tick", srv.sql(
        "SELECT code FROM article_countries WHERE article_id = ?",
        (aid,)), [("TJ",)])
    st, h, body = ed.get("/admin/articles/%d" % aid)
    boxes = re.findall(r'name="suggested_country" value="([A-Z]{2})"',
                       body)
    check_eq("editor: the countries the text names, not yet on the"
             " article, to tick", boxes, ["KZ", "AF", "UZ"])
    check("editor: no box ticked", "checked" not in body)
    form = form_values(body)
    form.pop("suggested_country", None)
    body = urllib.parse.urlencode(list(form.items()) +
                                  [("suggested_country", "KZ"),
                                   ("suggested_country", "UZ")])
    st, h, _ = ed.request("POST", "/admin/articles/%d" % aid, raw=body,
                          headers={"Content-Type":
                                   "application/x-www-form-urlencoded"})
    check_eq("editor: the ticked countries are added", sorted(r[0] for r in
             srv.sql("SELECT code FROM article_countries WHERE"
                     " article_id = ?", (aid,))), ["KZ", "TJ", "UZ"])


def test_article_terms(srv, tagged, kz):
    """An article page links its tags and countries to their pages; one
    with neither shows no such line."""
    both = sorted(set(tagged) & set(kz)) or [tagged[0]]
    slug = srv.sql("SELECT slug FROM articles WHERE id = ?", (both[0],))[0][0]
    st, h, body = fresh(srv, "/articles/" + slug, "article-terms")
    p = parse_html(body).find("p", "article-terms")
    links = [(a.attrs.get("href"), a.text()) for a in p.find_all("a")] \
        if p is not None else []
    check_in("article: its tag links to the tag's page",
             ("/tags/energy", "Energy"), links)
    if both[0] in kz:
        check_in("article: its country links to the country's page",
                 "/countries/kz", [u for u, _ in links])
    plain = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                    " AND id NOT IN (SELECT article_id FROM article_tags)"
                    " AND id NOT IN (SELECT article_id FROM"
                    " article_countries) LIMIT 1")
    if plain:
        st, h, body = srv.get("/articles/" + plain[0][0])
        check("article without tags or countries: no terms line",
              b"article-terms" not in body)


def main():
    with harness.Server(articles=120) as srv:
        base = harness.set_base_url(srv, "/feed.atom")
        tagged, kz = tag_fixture(srv)
        srv.sql_write("UPDATE content_version SET version = version + 1")
        test_authors(srv)
        test_pages(srv, base, tagged)
        test_counts_follow(srv, tagged)
        test_article_terms(srv, tagged, kz)
        test_feeds(srv, base, tagged, kz)
        test_sitemap(srv, base)
        test_where(srv, base)
        test_archive(srv)
        test_events(srv)
        test_suggest(srv)
    harness.done()


if __name__ == "__main__":
    main()
