"""Feeds: /feed.atom, /feed.rss and /feed.json for the journal, and the
same under every section and author, read by real parsers.

- feedparser (Debian's python3-feedparser) parses every Atom and RSS
  feed: no bozo, the entries the database says (the newest 20 published
  articles of the scope), stable ids equal across the three formats,
  published and updated dates equal to the stored ones, authors, the
  section as category, full content with every link absolute, self
  links;
- no Atom or RSS schema is packaged for an offline validator, so beside
  feedparser's strictness each XML feed is checked for what RFC 4287
  and the RSS 2.0 specification require, element by element, with
  ElementTree (an XML parser: a document that is not well-formed fails);
- every JSON Feed is validated by ajv against the JSON Feed 1.1 schema in
  tests/data/jsonfeed (written from the specification: see its README);
- conditional GET (ETag and If-None-Match, Last-Modified and
  If-Modified-Since), media types, a change reaching the cached feed,
  escaping of & < > " ' and control characters, relative links made
  absolute and unsafe ones neutralised, 404s for unknown sections and
  authors, no feed without base_url;
- autodiscovery links in the head of every page type and the visible
  links in the footer;
- every URL in every feed answers 200.
"""
import calendar
import email.utils
import json
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

try:
    import feedparser
except ImportError:
    feedparser = None

HANG_GUARD = 300	# a guard against a hung process, not a check
ATOM = "{http://www.w3.org/2005/Atom}"
ENTRIES = 20
SCHEMA = os.path.join(harness.ROOT, "tests", "data", "jsonfeed",
                      "jsonfeed-1.1.schema.json")


def epoch(iso):
    """Seconds of a stored RFC 3339 time or date (UTC)."""
    if len(iso) == 10:
        iso += "T00:00:00Z"
    return calendar.timegm(time.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S"))


def set_base(srv):
    return harness.set_base_url(srv, "/feed.atom")


def expected(srv, where="", args=()):
    """The newest published articles of a scope, as the database says:
    [(id, slug, title, published_at, updated_at, section name,
    [author names])]."""
    rows = srv.sql(
        "SELECT a.id, a.slug, a.title, a.published_at, a.updated_at,"
        " s.name FROM articles a JOIN sections s ON s.id = a.section_id"
        " WHERE a.status = 'published'" + where +
        " ORDER BY a.published_at DESC, a.id DESC LIMIT %d" % ENTRIES,
        args)
    out = []
    for r in rows:
        names = [n for (n,) in srv.sql(
            "SELECT p.name FROM article_authors aa JOIN people p"
            " ON p.id = aa.person_id WHERE aa.article_id = ?"
            " ORDER BY aa.position", (r[0],))]
        out.append(r + (names,))
    return out


def abs_urls_in(html, base):
    """(all href/src values, those not absolute under http(s))."""
    vals = re.findall(r'(?:href|src)="([^"]*)"', html)
    bad = [v for v in vals if not re.match(r"(https?:|mailto:|about:"
                                           r"invalid)", v)]
    return vals, bad


def check_atom_structure(label, body):
    """RFC 4287's requirements, element by element."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        return check(label + ": well-formed XML", False, str(e))
    ok = check_eq(label + ": root is atom:feed", root.tag, ATOM + "feed")
    for name in ("id", "title", "updated"):
        ok &= check_eq("%s: feed has one atom:%s" % (label, name),
                       len(root.findall(ATOM + name)), 1)
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?"
                         r"(Z|[+-]\d\d:\d\d)$")
    dates = [e.text for e in root.iter() if e.tag in
             (ATOM + "updated", ATOM + "published")]
    ok &= check("%s: every date is RFC 3339" % label,
                all(rfc3339.match(d or "") for d in dates),
                [d for d in dates if not rfc3339.match(d or "")][:3])
    selfs = [ln for ln in root.findall(ATOM + "link")
             if ln.get("rel") == "self"]
    ok &= check_eq(label + ": one self link", len(selfs), 1)
    feed_author = root.find(ATOM + "author") is not None
    entries = root.findall(ATOM + "entry")
    ids = []
    problems = []
    for e in entries:
        for name in ("id", "title", "updated"):
            if len(e.findall(ATOM + name)) != 1:
                problems.append("entry without one atom:" + name)
        if not feed_author and e.find(ATOM + "author") is None:
            problems.append("entry without author")
        if e.find(ATOM + "content") is None and not any(
                ln.get("rel", "alternate") == "alternate"
                for ln in e.findall(ATOM + "link")):
            problems.append("entry without content or alternate link")
        for a in e.findall(ATOM + "author"):
            if a.find(ATOM + "name") is None:
                problems.append("author without name")
        c = e.find(ATOM + "content")
        if c is not None and c.get("type") not in ("text", "html",
                                                    "xhtml"):
            problems.append("content type %r" % c.get("type"))
        ids.append(e.findtext(ATOM + "id"))
    ok &= check(label + ": entries as RFC 4287 requires", not problems,
                problems[:3])
    ok &= check(label + ": entry ids unique", len(ids) == len(set(ids)),
                ids)
    return ok


def check_rss_structure(label, body):
    """The RSS 2.0 specification's requirements."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        return check(label + ": well-formed XML", False, str(e))
    ok = check("%s: rss version 2.0" % label,
               root.tag == "rss" and root.get("version") == "2.0",
               "%s %s" % (root.tag, root.get("version")))
    ch = root.find("channel")
    ok &= check(label + ": channel with title, link, description",
                ch is not None and all(ch.find(n) is not None and
                                       (ch.findtext(n) or "").strip()
                                       for n in ("title", "link",
                                                 "description")))
    problems = []
    for it in ch.findall("item") if ch is not None else []:
        if it.find("title") is None and it.find("description") is None:
            problems.append("item without title or description")
        for n in ("pubDate",):
            try:
                email.utils.parsedate_to_datetime(it.findtext(n))
            except (TypeError, ValueError):
                problems.append("%s not RFC 822: %r" % (n, it.findtext(n)))
        if it.find("guid") is None:
            problems.append("item without guid")
    ok &= check(label + ": items as RSS 2.0 requires", not problems,
                problems[:3])
    try:
        email.utils.parsedate_to_datetime(ch.findtext("lastBuildDate"))
        ok &= check(label + ": lastBuildDate is RFC 822", True)
    except (TypeError, ValueError, AttributeError):
        ok &= check(label + ": lastBuildDate is RFC 822", False)
    return ok


def check_feed(srv, base, label, path, want, urls, ids_by_path):
    """Fetch the three formats of one feed and check them against want
    (the rows expected()).  Adds every URL they hold to urls; returns
    the JSON body for ajv."""
    ids = {}
    for fmt, ctype in (("atom", "application/atom+xml"),
                       ("rss", "application/rss+xml")):
        url = "%s/feed.%s" % (path, fmt)
        st, h, body = srv.get(url)
        if not check_eq("%s %s: 200" % (label, fmt), st, 200):
            continue
        check_eq("%s %s: Content-Type" % (label, fmt),
                 h.get("content-type", "").split(";")[0], ctype)
        check("%s %s: Last-Modified" % (label, fmt),
              "last-modified" in h or not want, h)
        if fmt == "atom":
            check_atom_structure("%s atom" % label, body)
        else:
            check_rss_structure("%s rss" % label, body)
        d = feedparser.parse(body)
        check_eq("%s %s: feedparser reads it without bozo" % (label, fmt),
                 (d.bozo, str(d.get("bozo_exception", ""))), (0, ""))
        check_eq("%s %s: feedparser version" % (label, fmt), d.version,
                 "atom10" if fmt == "atom" else "rss20")
        check_eq("%s %s: entries" % (label, fmt),
                 [e.get("link") for e in d.entries],
                 [base + "/articles/" + w[1] for w in want])
        check_eq("%s %s: titles" % (label, fmt),
                 [e.get("title") for e in d.entries], [w[2] for w in want])
        check_eq("%s %s: published dates" % (label, fmt),
                 [calendar.timegm(e.published_parsed) for e in d.entries],
                 [epoch(w[3]) for w in want])
        if fmt == "atom":
            check_eq("%s atom: updated dates" % label,
                     [calendar.timegm(e.updated_parsed) for e in d.entries],
                     [max(epoch(w[4]), epoch(w[3])) for w in want])
            check_eq("%s atom: feed updated is the newest entry's" % label,
                     calendar.timegm(d.feed.updated_parsed) if want else 0,
                     max([max(epoch(w[4]), epoch(w[3])) for w in want] or
                         [0]))
            check_eq("%s atom: authors" % label,
                     [[a.get("name") for a in e.get("authors", [])]
                      for e in d.entries], [w[6] for w in want])
        else:
            check_eq("%s rss: authors (dc:creator)" % label,
                     [[a.get("name") for a in e.get("authors", [])]
                      if e.get("authors") else [] for e in d.entries],
                     [w[6] for w in want])
        check_eq("%s %s: category is the section" % (label, fmt),
                 [[t.get("label") or t.get("term") for t in
                   e.get("tags", [])] for e in d.entries],
                 [[w[5]] for w in want])
        selfs = [ln.href for ln in d.feed.get("links", [])
                 if ln.get("rel") == "self"]
        check_eq("%s %s: self link" % (label, fmt), selfs, [base + url])
        bad = []
        for e in d.entries:
            html = e.content[0].value if e.get("content") else ""
            if "<p>" not in html:
                bad.append(("no full content", e.link))
            vals, rel = abs_urls_in(html, base)
            bad += rel
            urls.update(v for v in vals if v.startswith(base))
            urls.add(e.link)
            for a in e.get("authors", []):
                if a.get("href"):
                    urls.add(a.href)
        check(label + " %s: full content, every link absolute" % fmt,
              not bad, bad[:3])
        ids[fmt] = [e.id for e in d.entries]
        for e in d.entries:
            ids_by_path.setdefault(e.link, set()).add(e.id)
        for ln in d.feed.get("links", []):
            urls.add(ln.href)
        if d.feed.get("link"):
            urls.add(d.feed.link)
    st, h, jbody = srv.get(path + "/feed.json")
    check_eq(label + " json: 200", st, 200)
    check_eq(label + " json: Content-Type", h.get("content-type"),
             "application/feed+json")
    j = json.loads(jbody)
    ids["json"] = [it["id"] for it in j.get("items", [])]
    check_eq(label + " json: items", [it.get("url") for it in j["items"]],
             [base + "/articles/" + w[1] for w in want])
    check_eq(label + " json: dates", [
        (epoch(it["date_published"]), epoch(it["date_modified"]))
        for it in j["items"]],
        [(epoch(w[3]), max(epoch(w[4]), epoch(w[3]))) for w in want])
    check_eq(label + " json: authors", [
        [a["name"] for a in it.get("authors", [])] for it in j["items"]],
        [w[6] for w in want])
    for it in j["items"]:
        urls.add(it["url"])
        urls.update(a["url"] for a in it.get("authors", []))
    urls.update([j["home_page_url"], j["feed_url"]])
    check("%s: ids equal in Atom, RSS and JSON Feed" % label,
          ids.get("atom") == ids.get("rss") == ids.get("json"), ids)
    check("%s: ids are tag: URIs" % label,
          all(i.startswith("tag:127.0.0.1,") for i in ids.get("atom", [])),
          ids.get("atom", [])[:2])
    return jbody


def check_ajv(bodies):
    """Validate every JSON Feed with ajv in one node run."""
    if not check("ajv is installed", os.path.isdir(os.path.join(
            harness.ROOT, "tests", "node_modules", "ajv")),
            "run scripts/install-deps.sh test"):
        return
    d = tempfile.mkdtemp(prefix="octavo-jsonfeed-")
    files = []
    for i, (label, body) in enumerate(bodies):
        f = os.path.join(d, "%02d.json" % i)
        with open(f, "wb") as fh:
            fh.write(body)
        files.append((f, label))
    p = subprocess.run(["node", os.path.join(harness.ROOT, "tests", "node",
                                             "jsonfeed.mjs"), SCHEMA] +
                       [f for f, _ in files], capture_output=True, text=True,
                       timeout=HANG_GUARD, cwd=os.path.join(harness.ROOT,
                                                            "tests"))
    lines = p.stdout.splitlines()
    for f, label in files:
        line = next((x for x in lines if x.split(" ")[2:3] == [f] or
                     x.split(" ")[2:3] == [f + ":"]), None)
        check("%s json: valid against the JSON Feed 1.1 schema (ajv)" %
              label, line is not None and line.startswith("PASS"),
              line or p.stderr[-800:])
    # The validator itself must fail on a broken feed.
    broken = os.path.join(d, "broken.json")
    j = json.loads(bodies[0][1])
    j["items"][0]["date_published"] = "25 November 2026"
    del j["items"][0]["content_html"]
    with open(broken, "w") as fh:
        json.dump(j, fh)
    p = subprocess.run(["node", os.path.join(harness.ROOT, "tests", "node",
                                             "jsonfeed.mjs"), SCHEMA, broken],
                       capture_output=True, text=True, timeout=HANG_GUARD,
                       cwd=os.path.join(harness.ROOT, "tests"))
    check("ajv refuses a feed with a bad date and no content",
          p.returncode != 0 and "FAIL" in p.stdout, p.stdout[-300:])


def check_conditional(srv):
    st, h, body = srv.get("/feed.atom")
    etag, lm = h.get("etag"), h.get("last-modified")
    check("conditional: ETag and Last-Modified sent", etag and lm, h)
    st, h2, b = srv.get("/feed.atom", headers={"If-None-Match": etag})
    check_eq("conditional: If-None-Match -> 304", (st, b), (304, b""))
    st, h2, b = srv.get("/feed.atom", headers={"If-Modified-Since": lm})
    check_eq("conditional: If-Modified-Since = Last-Modified -> 304",
             (st, b), (304, b""))
    later = email.utils.formatdate(
        email.utils.parsedate_to_datetime(lm).timestamp() + 3600,
        usegmt=True)
    st, h2, b = srv.get("/feed.rss", headers={"If-Modified-Since": later})
    check_eq("conditional: If-Modified-Since later -> 304", st, 304)
    earlier = email.utils.formatdate(
        email.utils.parsedate_to_datetime(lm).timestamp() - 1, usegmt=True)
    st, h2, b = srv.get("/feed.json", headers={"If-Modified-Since": earlier})
    check_eq("conditional: If-Modified-Since a second early -> 200", st, 200)
    st, h2, b = srv.get("/feed.atom",
                        headers={"If-Modified-Since": "yesterday"})
    check_eq("conditional: a malformed date is ignored -> 200", st, 200)
    st, h2, b = srv.get("/feed.atom", headers={"If-None-Match": '"other"',
                                               "If-Modified-Since": lm})
    check_eq("conditional: If-None-Match wins over If-Modified-Since",
             st, 200)
    st, h2, b = srv.get("/feed.atom", headers={
        "If-Modified-Since": "Sunday, 06-Nov-94 08:49:37 GMT"})
    check_eq("conditional: an RFC 850 date in the past -> 200", st, 200)
    # The cache: the same bytes again, and a change reaches the feed.
    st, h2, again = srv.get("/feed.atom")
    check_eq("cache: the same feed twice", again, body)


def check_escaping_and_links(srv, base):
    """A title with & < > " ' and a control character; a body with
    relative, fragment, root-relative and unsafe links."""
    (aid, slug), = srv.sql(
        "SELECT id, slug FROM articles WHERE status = 'published'"
        " ORDER BY published_at DESC, id DESC LIMIT 1")
    title = "Rock & Roll <b>\"quoted\"</b> 'single'\x01 end"
    md = ("Intro [an issue](/issues/1), [sibling](other-article), "
          "[notes](#notes), [up](../about), ![img](/static/x.png) "
          "and [bad](javascript:alert(1)) & more.\n")
    srv.sql_write("UPDATE articles SET title = ? WHERE id = ?", (title, aid))
    srv.sql_write("UPDATE article_bodies SET body = ? WHERE article_id = ?",
                  (md, aid))
    for _ in range(100):
        st, h, body = srv.get("/feed.atom")
        if b"Rock &amp; Roll" in body:
            break
        srv.pause(0.1)
    check_in("escaping: & < > escaped in the Atom XML",
             b"Rock &amp; Roll &lt;b&gt;", body)
    check("escaping: no control character in the feed", b"\x01" not in body)
    art = base + "/articles/" + slug
    for fmt in ("atom", "rss"):
        st, h, body = srv.get("/feed." + fmt)
        d = feedparser.parse(body)
        check_eq("escaping %s: no bozo" % fmt, d.bozo, 0)
        e = d.entries[0]
        check_eq("escaping %s: the title round-trips" % fmt, e.title,
                 title.replace("\x01", ""))
        html = e.content[0].value
        for want in (base + "/issues/1", base + "/articles/other-article",
                     art + "#notes", base + "/about",
                     base + "/static/x.png"):
            check_in("links %s: %s" % (fmt, want), want, html)
        # feedparser's sanitiser drops the attribute: read the XML.
        check_in("links %s: javascript: neutralised" % fmt,
                 b"href=&quot;about:invalid&quot;", body)
        check("links %s: no javascript: left" % fmt,
              "javascript" not in html, html)
    st, h, body = srv.get("/feed.json")
    it = json.loads(body)["items"][0]
    check_eq("escaping json: title", it["title"], title.replace("\x01", ""))
    check_in("links json: absolute", base + "/issues/1", it["content_html"])


def check_discovery(srv):
    for path, own in (("/", None), ("/issues", None), ("/about", None),
                      ("/sections/" + srv.sql(
                          "SELECT slug FROM sections LIMIT 1")[0][0], True),
                      ("/authors/" + srv.sql(
                          "SELECT slug FROM people LIMIT 1")[0][0], True),
                      ("/articles/" + srv.sql(
                          "SELECT slug FROM articles LIMIT 1")[0][0], None)):
        st, h, body = srv.get(path)
        doc = harness.parse_html(body)
        head = doc.find("head")
        alts = [(n.attrs.get("type"), n.attrs.get("href")) for n in
                head.find_all("link", attrs={"rel": "alternate"})]
        want = [("application/atom+xml", "/feed.atom"),
                ("application/rss+xml", "/feed.rss"),
                ("application/feed+json", "/feed.json")]
        if own:
            want = [(t, path + u) for t, u in want] + want
        check_eq("autodiscovery in the head of " + path, alts, want)
        foot = doc.find("footer", cls="site-footer")
        links = [a.attrs.get("href") for a in foot.find_all("a")]
        check("feeds linked in the footer of " + path,
              "/feed.atom" in links and "/feed.rss" in links and
              "/feed.json" in links, links)


def main():
    if not check("feedparser is installed (python3-feedparser)",
                 feedparser is not None, "run scripts/install-deps.sh test"):
        harness.done()
    with harness.Server() as srv:
        st, h, b = srv.get("/feed.atom")
        check_eq("base_url unset or another host's: feeds still answer",
                 st, 200)
        srv.sql_write("DELETE FROM settings WHERE key = 'base_url'")
        srv.pause(1.5)
        check_eq("no base_url: /feed.atom is a 404",
                 srv.get("/feed.atom")[0], 404)
        base = set_base(srv)
        urls = set()
        ids_by_path = {}
        bodies = []
        bodies.append(("journal", check_feed(srv, base, "journal", "",
                                             expected(srv), urls,
                                             ids_by_path)))
        for (slug,) in srv.sql("SELECT slug FROM sections ORDER BY slug"):
            want = expected(srv, " AND s.slug = ?", (slug,))
            bodies.append(("section " + slug, check_feed(
                srv, base, "section " + slug, "/sections/" + slug, want,
                urls, ids_by_path)))
        for (slug,) in srv.sql("SELECT slug FROM people ORDER BY slug"):
            want = expected(srv, " AND a.id IN (SELECT aa.article_id FROM"
                            " article_authors aa JOIN people p ON p.id ="
                            " aa.person_id WHERE p.slug = ?)", (slug,))
            bodies.append(("author " + slug, check_feed(
                srv, base, "author " + slug, "/authors/" + slug, want,
                urls, ids_by_path)))
        check_ajv(bodies)
        # Ids are stable: an article has one id in every feed.
        many = {k: v for k, v in ids_by_path.items() if len(v) != 1}
        check("ids: one id per article across every feed (%d articles)" %
              len(ids_by_path), not many and len(ids_by_path) >= ENTRIES,
              list(many.items())[:2])
        for path in ("/sections/nope/feed.atom", "/authors/nobody/feed.rss",
                     "/authors/nobody/feed.json", "/feed.xml",
                     "/sections/feed.atom"):
            check_eq("404: " + path, srv.get(path)[0], 404)
        bad = []
        for u in sorted(urls):
            if not u.startswith(base):
                bad.append(("not under base_url", u))
                continue
            st, h, b = srv.get(u[len(base):].split("#")[0] or "/")
            if st != 200:
                bad.append((st, u))
        check("every URL in every feed answers 200 (%d URLs)" % len(urls),
              not bad and len(urls) > 100, bad[:5])
        check_conditional(srv)
        check_discovery(srv)
        check_escaping_and_links(srv, base)
    harness.done()


if __name__ == "__main__":
    main()
