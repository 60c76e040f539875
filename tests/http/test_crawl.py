"""A crawler over everything Octavo says to machines: every URL under
base_url in the sitemaps (and the index's parts), robots.txt, every
feed (Atom, RSS, JSON Feed of the journal, each section and each
author), the head of every page the sitemap lists (canonical and
alternate links, Open Graph, Twitter and citation tags, JSON-LD), the
OAI-PMH answers (Identify and every record) and the calendars must
answer 200.  URLs are found in the raw bytes (XML and HTML entities
undone, a fragment dropped), so a URL that no parser of ours reads is
still fetched.  URLs outside base_url (the demo's partner and event
links, example.org) are not fetched: the tests use no network.
"""
import html
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

ISSN = "2049-3630"


def urls_in(base, body):
    """Absolute URLs under base in body (bytes)."""
    text = body.decode("utf-8", "replace")
    found = set()
    for m in re.finditer(re.escape(base) + r"""(/[^\s"'<>\\]*)?""", text):
        u = html.unescape(m.group(0)).split("#")[0]
        found.add(u if u != base else base + "/")
    return found


def main():
    with harness.Server() as srv:
        subprocess.run([harness.BIN, "site", "--db", srv.db, "set", "issn",
                        ISSN], check=True, timeout=120,
                       stdout=subprocess.DEVNULL)
        base = harness.set_base_url(srv, "/sitemap.xml")
        srv.pause(1.5)
        sources = {}	# url -> where it was found first
        todo = ["/robots.txt", "/sitemap.xml", "/sitemap-news.xml",
                "/oai?verb=Identify",
                "/oai?verb=ListRecords&metadataPrefix=oai_dc",
                "/oai?verb=ListSets", "/events.ics", "/events"]
        for ext in ("atom", "rss", "json"):
            todo.append("/feed." + ext)
            for (s,) in srv.sql("SELECT slug FROM sections"):
                todo.append("/sections/%s/feed.%s" % (s, ext))
            for (s,) in srv.sql("SELECT slug FROM people"):
                todo.append("/authors/%s/feed.%s" % (s, ext))
        pages = []
        for path in todo:
            st, h, body = srv.get(path)
            check_eq("source %s: 200" % path, st, 200)
            for u in urls_in(base, body):
                sources.setdefault(u, path)
            if path == "/sitemap.xml":
                pages = sorted(u for u in urls_in(base, body)
                               if "/sitemaps/" not in u)
                for part in sorted(u for u in urls_in(base, body)
                                   if "/sitemaps/" in u):
                    pages += sorted(urls_in(base, srv.get(
                        part[len(base):])[2]))
        check("the sitemap lists pages (%d)" % len(pages), len(pages) > 50,
              len(pages))
        heads = 0
        for u in pages:
            st, h, body = srv.get(urllib.parse.urlsplit(u).path or "/")
            head = body.split(b"</head>")[0]
            heads += 1
            for v in urls_in(base, head):
                sources.setdefault(v, "the head of " + u)
        events = {r[0] for r in srv.sql("SELECT id FROM events")}
        for i in events:
            sources.setdefault(base + "/events/%d.ics" % i, "/events")
        bad = []
        for u in sorted(sources):
            path = u[len(base):] or "/"
            st, h, b = srv.get(path)
            if st != 200:
                bad.append((st, u, sources[u]))
        check_eq("every URL found (%d, from %d sources and %d page heads) "
                 "answers 200" % (len(sources), len(todo), heads),
                 bad[:5], [])
        kinds = {k: sum(1 for u in sources if k in u) for k in
                 ("/articles/", "/sections/", "/authors/", "/issues/",
                  "/static/", "/feed.", "/events/")}
        check("every kind of URL was among them", all(kinds.values()),
              kinds)
    harness.done()


if __name__ == "__main__":
    main()
