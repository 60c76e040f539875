#!/usr/bin/env python3
"""bench/compression.py: what gzip and brotli save, and what they cost the
page cache.

Builds a demo journal (BENCH_COMP_ARTICLES, default 600 articles), starts
`octavo serve`, and asks for every page of a crawl (the home page, the
issue list and BENCH_COMP_PAGES issue, section and article pages, the
feeds, the sitemap, the style sheet, the API's article list) three times:
as it is, in gzip and in brotli.  It prints, by page type, the bytes of
each and their ratio to identity, and what the page cache holds for the
pages it keeps: the identity body plus the variants made once (gzip and
brotli; an article, with its read count spliced into each answer, holds
its gzip in two parts and no brotli), so the cache's memory per page
grows by that ratio.  `make bench` runs it; alone: python3
bench/compression.py (build first: make octavo).

  BENCH_COMP_ARTICLES  articles in the demo journal   (default 600)
  BENCH_COMP_PAGES     pages per type                 (default 40)
"""
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "rel", "octavo")
if not os.path.exists(BIN):
    BIN = os.path.join(ROOT, "octavo")
ARTICLES = int(os.environ.get("BENCH_COMP_ARTICLES", "600"))
PAGES = int(os.environ.get("BENCH_COMP_PAGES", "40"))

try:
    import brotli
except ImportError:
    brotli = None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def get(conn, path, ae):
    h = {"User-Agent": ""}         # never counted as a read
    if ae:
        h["Accept-Encoding"] = ae
    conn.request("GET", path, headers=h)
    r = conn.getresponse()
    return r.status, r.getheader("Content-Encoding"), r.read()


def links(body, prefix, n):
    seen = []
    for m in re.finditer(rb'href="(' + re.escape(prefix.encode()) + rb'[^"?#]*)"',
                         body):
        p = m.group(1).decode()
        if p not in seen:
            seen.append(p)
    return seen[:n]


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-comp-")
    proc = None
    try:
        db = os.path.join(tmp, "c.db")
        subprocess.run([BIN, "demo", "--db", db, "--articles",
                        str(ARTICLES)], check=True,
                       stdout=subprocess.DEVNULL)
        port = free_port()
        conf = os.path.join(tmp, "octavo.conf")
        with open(conf, "w") as f:
            f.write("access_log off\nlog_level warn\n")
        proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen",
                                 "127.0.0.1:%d" % port, "--config", conf],
                                cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.05)
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        _, _, home = get(c, "/", None)
        _, _, issues = get(c, "/issues", None)
        css = re.search(rb'/static/style\.[^"]*', home).group(0).decode()
        arts = []
        for issue in links(issues, "/issues/", PAGES):
            _, _, ib = get(c, issue, None)
            arts += [a for a in links(ib, "/articles/", PAGES)
                     if a not in arts]
        types = {
            "home": ["/"],
            "issue list": ["/issues"],
            "issue": links(issues, "/issues/", PAGES),
            "section": links(home, "/sections/", PAGES),
            "article": arts[:PAGES],
            "feed": ["/feed.atom", "/feed.rss", "/feed.json"],
            "sitemap": ["/sitemap.xml"],
            "api": ["/api/v1/articles"],
            "style.css": [css],
        }
        print("Compression on a %d-article demo journal, %d pages per type"
              % (ARTICLES, PAGES))
        print("%-11s %5s %11s %11s %6s %11s %6s %9s" % (
            "type", "pages", "identity B", "gzip B", "ratio", "brotli B",
            "ratio", "cache x"))
        tot = [0, 0, 0, 0]
        for name, paths in types.items():
            ident = gz = br = held = 0
            for p in paths:
                # Twice each: the first fills the cache, the second is
                # the cached answer, made once.
                for _ in range(2):
                    _, _, i = get(c, p, None)
                    _, ge, g = get(c, p, "gzip")
                    _, be, b = get(c, p, "br")
                assert gzip.decompress(g) == i if ge == "gzip" else True
                if brotli is not None and be == "br":
                    assert brotli.decompress(b) == i
                ident += len(i)
                gz += len(g) if ge == "gzip" else len(i)
                br += len(b) if be == "br" else len(i)
                held += len(i) + (len(g) if ge == "gzip" else 0) + \
                    (len(b) if be == "br" else 0)
            tot = [tot[0] + ident, tot[1] + gz, tot[2] + br,
                   tot[3] + held]
            print("%-11s %5d %11d %11d %6.3f %11d %6.3f %9.2f" % (
                name, len(paths), ident, gz, gz / ident, br, br / ident,
                held / ident))
        print("%-11s %5s %11d %11d %6.3f %11d %6.3f %9.2f" % (
            "all", "", tot[0], tot[1], tot[1] / tot[0], tot[2],
            tot[2] / tot[0], tot[3] / tot[0]))
        print("(ratio: bytes sent over identity's; an answer not offered "
              "in a coding counts as identity.  cache x: what the cache "
              "holds per page, body and variants, over the body alone; "
              "the style sheet is held by the theme, not the cache)")
        c.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
