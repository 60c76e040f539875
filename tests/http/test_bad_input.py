"""Malformed and hostile requests get the right 4xx status (with the
theme's error page where there is a page to show) and never hurt the
server: after each one it still answers GET / with 200.

Requests are written on raw sockets, since http.client refuses to send
most of them.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402

FORM = "application/x-www-form-urlencoded"


def send(srv, method, target, headers=None, body=b"", length=True):
    """One request on its own connection; (status, headers, body)."""
    if isinstance(target, str):
        target = target.encode()
    h = {"Host": "127.0.0.1:%d" % srv.port, "User-Agent": harness.BROWSER_UA,
         "Connection": "close"}
    if body and length:
        h["Content-Length"] = str(len(body))
    h.update(headers or {})
    head = method.encode() + b" " + target + b" HTTP/1.1\r\n" + b"".join(
        ("%s: %s\r\n" % kv).encode() for kv in h.items()) + b"\r\n"
    return harness.raw_request(srv.port, head + body)


def alive(srv, after):
    st, _, _ = send(srv, "GET", "/")
    check_eq("after %s: GET / still 200" % after, st, 200)


def themed(name, body, site_name, title):
    """The theme's error page: the journal's name and the error title."""
    doc = parse_html(body)
    sn = doc.find("p", "site-name")
    check_eq("%s: error page has the site name" % name,
             sn.text() if sn else None, site_name)
    h1 = doc.find("h1")
    check_eq("%s: error page title" % name, h1.text() if h1 else None, title)
    check("%s: error page is the theme's (layout, sidebar)" % name,
          doc.find("aside", "sidebar") is not None and
          doc.find("aside", "sidebar").find("form") is not None,
          "no sidebar with the newsletter form")


def chunked(data, size=8000):
    out = b""
    for i in range(0, len(data), size):
        c = data[i:i + size]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    with harness.Server() as srv:
        site_name = srv.sql("SELECT value FROM settings"
                            " WHERE key = 'name'")[0][0]

        # The very first request of a fresh server is a bad one: the error
        # page must still be the journal's, not a bare fallback.
        st, h, body = send(srv, "GET", "/articles/%ZZ")
        check_eq("bad percent-encoding (first request): 400", st, 400)
        themed("bad percent-encoding (first request)", body, site_name,
               "Bad request")
        alive(srv, "bad percent-encoding (first request)")

        st, h, body = send(srv, "GET", "/articles/%ZZ")
        check_eq("bad percent-encoding: 400", st, 400)
        check("bad percent-encoding: html error page",
              h.get("content-type", "").startswith("text/html"),
              h.get("content-type"))
        themed("bad percent-encoding", body, site_name, "Bad request")
        alive(srv, "bad percent-encoding")

        st, h, body = send(srv, "GET", "/articles/%C3%28")
        check_eq("invalid UTF-8 in path: 400", st, 400)
        check_in("invalid UTF-8 in path: says Bad request", b"Bad request",
                 body)
        alive(srv, "invalid UTF-8")

        st, h, body = send(srv, "GET", "/articles/%ff%fe")
        check_eq("lone UTF-8 continuation bytes in path: 400", st, 400)
        alive(srv, "bytes ff fe")

        st, h, body = send(srv, "GET", "/articles/a%00b")
        check_eq("NUL byte in path: 400", st, 400)
        alive(srv, "NUL byte")

        st, h, body = send(srv, "GET", "/?page=%ZZ")
        check_eq("bad percent-encoding in query: 400", st, 400)
        alive(srv, "bad query encoding")

        long_path = "/articles/" + "a" * 2100
        st, h, body = send(srv, "GET", long_path)
        check_eq("overlong path (%d bytes): 414" % len(long_path), st, 414)
        themed("overlong path", body, site_name, "Address too long")
        alive(srv, "overlong path")

        st, h, body = send(srv, "GET", "/articles/no-such-article")
        check_eq("unknown slug: 404", st, 404)
        themed("unknown slug", body, site_name, "Page not found")
        alive(srv, "unknown slug")

        st, h, body = send(srv, "GET", "/no/such/route")
        check_eq("unknown route: 404", st, 404)
        themed("unknown route", body, site_name, "Page not found")
        alive(srv, "unknown route")

        for m in ("PUT", "DELETE"):
            st, h, body = send(srv, m, "/", {"Content-Type": FORM},
                               b"a=1" if m == "PUT" else b"")
            check_eq("%s /: 405" % m, st, 405)
            allow = [x.strip() for x in h.get("allow", "").split(",")]
            check("%s /: Allow lists GET, HEAD and OPTIONS only" % m,
                  sorted(allow) == ["GET", "HEAD", "OPTIONS"], "Allow: %r" %
                  h.get("allow"))
            themed("%s /" % m, body, site_name, "Method not allowed")
            alive(srv, "%s /" % m)

        st, h, body = send(srv, "POST", "/articles/x", {"Content-Type": FORM},
                           b"email=a%40example.org")
        check_eq("POST /articles/x: 405", st, 405)
        allow = sorted(x.strip() for x in h.get("allow", "").split(","))
        check_eq("POST /articles/x: Allow", allow,
                 ["GET", "HEAD", "OPTIONS"])
        alive(srv, "POST /articles/x")

        # /newsletter answers GET (and HEAD) and POST, and the server
        # OPTIONS: a 405 there must list all four (RFC 9110, 10.2.1: the
        # methods the resource supports).
        st, h, body = send(srv, "PUT", "/newsletter", {"Content-Type": FORM},
                           b"email=a%40example.org")
        check_eq("PUT /newsletter: 405", st, 405)
        allow = sorted(x.strip() for x in h.get("allow", "").split(","))
        check_eq("PUT /newsletter: Allow lists GET, HEAD, POST, OPTIONS",
                 allow, ["GET", "HEAD", "OPTIONS", "POST"])
        alive(srv, "PUT /newsletter")

        big = b"email=" + b"a" * (70 * 1024)
        st, h, body = send(srv, "POST", "/newsletter", {"Content-Type": FORM},
                           big)
        check_eq("POST 70 KB body (Content-Length): 413", st, 413)
        themed("POST 70 KB body", body, site_name, "Request too large")
        alive(srv, "70 KB body")

        st, h, body = send(srv, "POST", "/newsletter",
                           {"Content-Type": FORM,
                            "Transfer-Encoding": "chunked"},
                           chunked(big), length=False)
        check_eq("POST 70 KB body (chunked): 413", st, 413)
        alive(srv, "70 KB chunked body")

        n = srv.sql("SELECT count(*) FROM subscribers")[0][0]
        for what, form in (("bad percent-encoding", b"email=%ZZ"),
                           ("invalid UTF-8", b"email=%C3%28@example.org"),
                           ("truncated escape", b"email=a%4")):
            st, h, body = send(srv, "POST", "/newsletter",
                               {"Content-Type": FORM}, form)
            check_eq("form with %s: 400" % what, st, 400)
            alive(srv, "form with " + what)

        st, h, body = send(srv, "POST", "/newsletter",
                           {"Content-Type": "text/plain"},
                           b"email=a%40example.org")
        check_eq("POST with Content-Type text/plain: 415", st, 415)
        alive(srv, "text/plain body")

        st, h, body = send(srv, "POST", "/newsletter",
                           {"Content-Type": "application/json"},
                           b'{"email": "a@example.org"}')
        check_eq("POST with Content-Type application/json: 415", st, 415)
        alive(srv, "json body")

        st, h, body = send(srv, "POST", "/newsletter", {},
                           b"email=a%40example.org")
        check_eq("POST body without Content-Type: 415", st, 415)
        alive(srv, "body without content type")
        check_eq("no subscriber added by the rejected forms",
                 srv.sql("SELECT count(*) FROM subscribers")[0][0], n)

        fields = "&".join("f%d=x" % i for i in range(40)).encode()
        st, h, body = send(srv, "POST", "/newsletter", {"Content-Type": FORM},
                           fields)
        check("form with 40 fields: 4xx", st is not None and
              400 <= st < 500, "status %r" % st)
        alive(srv, "40 form fields")

        q16 = "&".join("p%d=1" % i for i in range(16))
        st, h, body = send(srv, "GET", "/?" + q16)
        check_eq("16 query parameters: accepted", st, 200)
        q17 = "&".join("p%d=1" % i for i in range(17))
        st, h, body = send(srv, "GET", "/?" + q17)
        check("17 query parameters: 4xx", st is not None and
              400 <= st < 500, "status %r" % st)
        alive(srv, "17 query parameters")

        st, h, body = harness.raw_request(
            srv.port, b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n"
            b"Connection: close\r\n\r\n")
        check_eq("malformed header line: 400", st, 400)
        alive(srv, "malformed header line")

        st, h, body = harness.raw_request(
            srv.port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " +
            b"a" * 40000 + b"\r\nConnection: close\r\n\r\n")
        check("40 KB header: 4xx", st is not None and 400 <= st < 500,
              "status %r" % st)
        alive(srv, "40 KB header")

        # Not HTTP at all; the client hangs up without waiting (a server
        # may keep such a connection until its idle timeout).
        s = socket.create_connection(("127.0.0.1", srv.port))
        s.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" +
                  b"\x00" * 64)
        s.close()
        alive(srv, "TLS hello")

        st, h, body = send(srv, "GET", "/articles/%2e%2e/%2e%2e/etc/passwd")
        check("encoded dot segments: 4xx", st is not None and
              400 <= st < 500, "status %r" % st)
        check("encoded dot segments: no file content",
              b"root:" not in body, "leaked")
        alive(srv, "dot segments")
        st, h, body = send(srv, "GET", "/static/..%2f..%2fMakefile")
        check("static with encoded ../: 4xx", st is not None and
              400 <= st < 500, "status %r" % st)
        check("static with encoded ../: no file content",
              b"SRCS" not in body, "leaked")
        alive(srv, "static traversal")

        # A page too large to produce is the site's failure, not the
        # reader's: 500 (with its cause in the log), never "too large".
        slug = srv.sql("SELECT slug FROM articles ORDER BY id LIMIT 1")[0][0]
        srv.sql_write("UPDATE article_bodies SET body = ? WHERE article_id ="
                      " (SELECT id FROM articles WHERE slug = ?)",
                      ("&" * (1000 * 1000), slug))
        for _ in range(40):		# the version is polled each second
            st, h, body = send(srv, "GET", "/articles/" + slug)
            if st != 200:
                break
            srv.pause(0.1)
        check_eq("article whose page is over the limit: 500", st, 500)
        check("over-limit page: not called too large",
              b"larger than this site accepts" not in body, "413 text")
        check_in("over-limit page: cause in the log",
                 "/articles/" + slug, srv.stderr())
        alive(srv, "over-limit page")


if __name__ == "__main__":
    main()
    harness.done()
