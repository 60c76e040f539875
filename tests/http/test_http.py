"""HTTP behaviour beyond single pages: keep-alive, redirects of a trailing
slash, the security headers, conditional GET of an article (its ETag
follows the read count), the cache answering after a content change,
readers behind a trusted reverse proxy (X-Forwarded-For), and the
--workers 0 mode still serving every page."""
import http.client
import os
import shutil
import subprocess
import tempfile

from harness import (BIN, BROWSER_UA, ROOT, Server, check, check_eq,
                     check_in, done, free_port, make_demo)


def keep_alive(srv):
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        for i, (path, want) in enumerate([("/", 200), ("/no-such", 404),
                                          ("/issues/", 301),
                                          ("/articles/%ZZ", 400),
                                          ("/issues", 200)]):
            c.request("GET", path, headers={"User-Agent": BROWSER_UA})
            r = c.getresponse()
            r.read()
            check_eq("keep-alive: request %d on one connection" % (i + 1),
                     r.status, want)
            check("keep-alive: not closed after %s" % path,
                  (r.getheader("Connection") or "").lower() != "close",
                  "Connection: close")
    finally:
        c.close()


def redirects(srv):
    st, h, _ = srv.get("/issues/")
    check_eq("trailing slash: 301", st, 301)
    check_eq("trailing slash: Location", h.get("location"), "/issues")
    st, h, _ = srv.get("/about/?x=1")
    check_eq("trailing slash keeps the query", h.get("location"),
             "/about?x=1")
    st, _, _ = srv.get("/nothing-here/")
    check_eq("trailing slash on an unknown page: 404", st, 404)


def error_texts(srv):
    """The error page says why when the server knows, in words."""
    for path, status, text in [
            ("/articles/%ZZ", 400, b"percent-encoding or UTF-8 is malformed"),
            ("/articles/no-such", 404, b"There is no page at this address"),
            ("/no/such/page", 404, b"There is no page at this address"),
            ("/" + "a" * 3000, 414, b"longer than this site accepts")]:
        st, _, body = srv.get(path)
        check_eq("error %s: status" % path[:30], st, status)
        check_in("error %s: says why" % path[:30], text, body)
        check("error %s: no internal error text" % path[:30],
              b"malformed input" not in body and b"invalid value" not in body,
              "an err_str() leaked into the page")
    st, h, body = srv.request("PUT", "/")
    check_in("error PUT /: says why", b"cannot be used with that method",
             body)


def headers(srv):
    st, h, _ = srv.get("/")
    check_in("CSP allows the site's own script files only",
             "script-src 'self';",
             h.get("content-security-policy", ""))
    check_eq("nosniff", h.get("x-content-type-options"), "nosniff")
    check_eq("frames denied", h.get("x-frame-options"), "DENY")
    check_in("HTML pages revalidate", "no-cache", h.get("cache-control", ""))


def article_etag(srv):
    slug = srv.sql("SELECT slug FROM articles ORDER BY id LIMIT 1")[0][0]
    path = "/articles/" + slug
    st, h, _ = srv.get(path, source="127.0.0.61")
    etag = h.get("etag")
    check("article: has an ETag", etag is not None, "none")
    st, _, body = srv.get(path, headers={"If-None-Match": etag},
                          source="127.0.0.61")
    check_eq("article: same client again gets 304", st, 304)
    check_eq("article: 304 has no body", body, b"")
    st, h2, _ = srv.get(path, source="127.0.0.62")
    check("article: another reader changes the ETag (the count)",
          h2.get("etag") != etag, "same ETag %r" % etag)
    st, _, _ = srv.get(path, headers={"If-None-Match": etag},
                       source="127.0.0.63")
    check_eq("article: a stale ETag gets the page", st, 200)


def content_change(srv):
    st, _, body = srv.get("/about")
    check_eq("about before the change", st, 200)
    srv.sql_write("UPDATE settings SET value = 'Renamed Review' "
                  "WHERE key = 'name'")
    seen = False
    for _ in range(600):    # the version is polled once a second
        st, _, body = srv.get("/about")
        if b"Renamed Review" in body:
            seen = True
            break
        srv.pause(0.1)
    check("a content change reaches cached pages", seen,
          "the old name is still served")


with Server() as srv:
    keep_alive(srv)
    redirects(srv)
    error_texts(srv)
    headers(srv)
    article_etag(srv)
    content_change(srv)

def proxies(trusted):
    """Two readers behind a proxy on 127.0.0.1, and a forger elsewhere."""
    config = "trusted_proxies 127.0.0.1 ::1\n" if trusted else ""
    label = "trusted proxy" if trusted else "no trusted proxy"
    with Server(config=config) as srv:
        aid, slug = srv.sql("SELECT id, slug FROM articles ORDER BY id "
                            "LIMIT 1")[0]
        q = "SELECT coalesce(sum(reads), 0) FROM article_reads " \
            "WHERE article_id = ?"
        before = srv.sql(q, (aid,))[0][0]
        for client in ("198.51.100.7", "198.51.100.8"):
            srv.get("/articles/" + slug, source="127.0.0.1",
                    headers={"X-Forwarded-For": client})
        # A forger not behind the proxy: its header is not believed.
        for client in ("203.0.113.1", "203.0.113.2"):
            srv.get("/articles/" + slug, source="127.0.0.77",
                    headers={"X-Forwarded-For": client})
        srv.stop()      # flushes the counter
        check_eq("%s: reads counted" % label,
                 srv.sql(q, (aid,))[0][0] - before, 3 if trusted else 2)
        with open(srv.acclog) as f:
            log = f.read()
        check_eq("%s: the access log names the reader" % label,
                 "198.51.100.8 - - [" in log, trusted)
        check("%s: a forged header is not believed" % label,
              "203.0.113.1 - - [" not in log, "forged address logged")


def bad_proxies():
    d = tempfile.mkdtemp(prefix="octavo-test-")
    try:
        db = os.path.join(d, "t.db")
        make_demo(db, 5)
        conf = os.path.join(d, "octavo.conf")
        with open(conf, "w") as f:
            f.write("trusted_proxies 127.0.0.1 not-an-ip\n")
        p = subprocess.run([BIN, "serve", "--db", db, "--config", conf,
                            "--listen", "127.0.0.1:%d" % free_port()],
                           capture_output=True, text=True, timeout=60,
                           cwd=ROOT)
        check("trusted_proxies: a bad address stops serve",
              p.returncode != 0, "exit %d" % p.returncode)
        check_in("trusted_proxies: the message names it", "not-an-ip",
                 p.stderr)
    finally:
        shutil.rmtree(d, ignore_errors=True)


proxies(True)
proxies(False)
bad_proxies()

with Server(extra=["--workers", "0"]) as srv:
    for path in ["/", "/issues", "/about", "/publications", "/newsletter"]:
        st, _, _ = srv.get(path)
        check_eq("--workers 0: %s" % path, st, 200)
    st, _, _ = srv.get("/articles/no-such-article")
    check_eq("--workers 0: unknown article", st, 404)

done()
