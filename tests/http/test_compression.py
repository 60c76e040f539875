"""Content codings, gzip and brotli, as clients see them: a text answer
asked for in a coding decompresses (Python's gzip, and brotli when
python3-brotli is installed) to the identity answer byte for byte, on
the first request (the worker's) and from the cache; Vary on every
answer that could be compressed; an ETag per coding, each revalidating
to 304 on its own and never another's; q=0 refused; identity without
the header; HEAD with the same headers as GET; small answers, private
pages (the back office) and other media never compressed."""
import gzip
import http.client

from harness import Server, check, check_eq, done

try:
    import brotli
except ImportError:
    brotli = None

UNCOUNTED = {"User-Agent": ""}     # an empty User-Agent is never counted


def fetch(srv, path, ae=None, method="GET", extra=None):
    """(status, headers, body) with Accept-Encoding ae (None: none; the
    harness's http.client sends none unless told)."""
    h = dict(UNCOUNTED)
    if ae is not None:
        h["Accept-Encoding"] = ae
    h.update(extra or {})
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in h.items():
            c.putheader(k, v)
        c.endheaders()
        r = c.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        c.close()


def decode(coding, data):
    if coding == "gzip":
        return gzip.decompress(data)
    if coding == "br":
        return brotli.decompress(data)
    return data


def codings():
    return ["gzip", "br"] if brotli is not None else ["gzip"]


def one_page(srv, label, path, want_type):
    """Every coding of path against its identity answer."""
    st, h0, ident = fetch(srv, path)
    check_eq("%s: identity without Accept-Encoding" % label,
             (st, h0.get("content-encoding")), (200, None))
    check("%s: is %s" % (label, want_type),
          h0.get("content-type", "").startswith(want_type),
          h0.get("content-type"))
    check_eq("%s: Vary on the identity answer" % label,
             h0.get("vary"), "Accept-Encoding")
    etag0 = h0.get("etag")
    etags = {None: etag0}
    for coding in codings():
        for when in ("first", "again"):
            st, h, body = fetch(srv, path, ae=coding)
            check_eq("%s %s (%s): Content-Encoding" % (label, coding,
                                                         when),
                     (st, h.get("content-encoding")), (200, coding))
            check_eq("%s %s (%s): Vary" % (label, coding, when),
                     h.get("vary"), "Accept-Encoding")
            check("%s %s (%s): smaller than identity" % (label, coding,
                                                         when),
                  len(body) * 2 < len(ident),
                  "%d of %d bytes" % (len(body), len(ident)))
            try:
                same = decode(coding, body) == ident
            except Exception as e:  # a bad stream is a failure, said so
                same = False
                print("    %s: %s" % (coding, e))
            check("%s %s (%s): decompresses to the identity bytes" %
                  (label, coding, when), same, "differs")
            check_eq("%s %s (%s): Content-Length" % (label, coding, when),
                     h.get("content-length"), str(len(body)))
        suffix = "-gz" if coding == "gzip" else "-br"
        check_eq("%s %s: ETag is the identity's with %s" % (label, coding,
                                                             suffix),
                 h.get("etag"), etag0[:-1] + suffix + '"')
        etags[coding] = h.get("etag")
        # HEAD: the same headers, no body.
        st, hh, hb = fetch(srv, path, ae=coding, method="HEAD")
        check_eq("%s %s: HEAD's status, coding and length" % (label,
                                                               coding),
                 (st, hh.get("content-encoding"), hh.get("content-length"),
                  hh.get("etag"), hb), (200, coding, h.get("content-length"),
                                        h.get("etag"), b""))
    # 304 per coding, each only with its own ETag.
    for coding, tag in etags.items():
        for other, otag in etags.items():
            st, h, body = fetch(srv, path, ae=coding,
                                extra={"If-None-Match": otag})
            want = 304 if other == coding else 200
            check_eq("%s: If-None-Match of %s asked in %s" % (
                label, other or "identity", coding or "identity"),
                st, want)
            if want == 304:
                check_eq("%s: 304 in %s keeps Vary and ETag, no coding" %
                         (label, coding or "identity"),
                         (h.get("vary"), h.get("etag"),
                          h.get("content-encoding"), body),
                         ("Accept-Encoding", tag, None, b""))
    return ident


def negotiation(srv, path):
    """Accept-Encoding as browsers and odd clients write it."""
    for ae, want in [("gzip;q=0", None), ("*;q=0", None),
                     ("identity", None), ("deflate", None), ("", None),
                     ("gzip;q=0, br;q=0", None),
                     ("br;q=0.5, gzip", "gzip"), ("x-gzip", "gzip"),
                     ("GZIP", "gzip"), ("gzip, deflate, br", "br"),
                     ("br, gzip", "br"), ("*", "br"),
                     ("*, br;q=0", "gzip"),
                     ("identity;q=1, gzip;q=0.5", None),
                     ("gzip;q=2, nonsense;;", None)]:
        if want == "br" and brotli is None:
            continue
        st, h, _ = fetch(srv, path, ae=ae)
        check_eq("Accept-Encoding %r: coding" % ae,
                 (st, h.get("content-encoding")), (200, want))


def article(srv):
    """A page with a read count spliced in: gzip made once around it,
    brotli not offered, the count right after decompression."""
    path = article_path(srv)
    ident = one_page_gzip_only(srv, "article", path)
    # A counted read changes the count, and the gzip still matches.
    fetch(srv, path, extra={"User-Agent": "Mozilla/5.0 (X11; Linux) "
                            "Firefox/128.0"})
    st, _, ident2 = fetch(srv, path)
    st, h, gz = fetch(srv, path, ae="gzip")
    check_eq("article: gzip after a read decompresses to the identity",
             gzip.decompress(gz), ident2)
    check("article: the count changed", ident2 != ident,
          "same bytes after a counted read")
    st, h, _ = fetch(srv, path, ae="br")
    check_eq("article: brotli alone is not offered (identity)",
             (st, h.get("content-encoding"), h.get("vary")),
             (200, None, "Accept-Encoding"))


def article_path(srv):
    _, _, home = fetch(srv, "/")
    start = home.index(b'href="/articles/') + len('href="')
    return home[start:home.index(b'"', start)].decode()


def one_page_gzip_only(srv, label, path):
    st, h0, ident = fetch(srv, path)
    check_eq("%s: identity without Accept-Encoding" % label,
             (st, h0.get("content-encoding"), h0.get("vary")),
             (200, None, "Accept-Encoding"))
    for when in ("first", "again"):
        st, h, body = fetch(srv, path, ae="gzip, br")
        check_eq("%s gzip (%s): Content-Encoding" % (label, when),
                 (st, h.get("content-encoding")), (200, "gzip"))
        check_eq("%s gzip (%s): decompresses to the identity bytes" %
                 (label, when), gzip.decompress(body), ident)
        check("%s gzip (%s): under half of identity" % (label, when),
              len(body) * 2 < len(ident), "%d of %d" % (len(body),
                                                       len(ident)))
    check_eq("%s: ETag -gz" % label, h.get("etag"),
             h0.get("etag")[:-1] + '-gz"')
    st, h2, _ = fetch(srv, path, ae="gzip",
                      extra={"If-None-Match": h.get("etag")})
    check_eq("%s: 304 for its gzip ETag" % label, st, 304)
    st, _, _ = fetch(srv, path, ae="identity",
                     extra={"If-None-Match": h.get("etag")})
    check_eq("%s: the gzip ETag does not match identity" % label, st, 200)
    return ident


def never(srv):
    """Small answers, the back office and errors of the polling thread."""
    st, h, body = fetch(srv, "/robots.txt", ae="gzip, br")
    check_eq("robots.txt (%d bytes): small, as it is" % len(body),
             (st, h.get("content-encoding"), h.get("vary")),
             (200, None, None))
    _, home_h, home = fetch(srv, "/")
    start = home.index(b"/static/favicon.")
    fav = home[start:home.index(b'"', start)].decode()
    st, h, body = fetch(srv, fav, ae="gzip, br")
    check_eq("favicon.svg (%d bytes): small, as it is" % len(body),
             (st, h.get("content-encoding")), (200, None))
    st, h, body = fetch(srv, "/admin/login", ae="gzip, br")
    check_eq("back office: private, never compressed (BREACH)",
             (st, h.get("content-encoding"), h.get("vary")),
             (200, None, None))
    check("back office answer is big enough to have been",
          len(body) >= 1024, "%d bytes" % len(body))


def main():
    check("python3-brotli is installed (brotli checked too)",
          brotli is not None, "apt-get install python3-brotli")
    with Server() as srv:
        _, _, home = fetch(srv, "/")
        start = home.index(b"/static/style.")
        css = home[start:home.index(b'"', start)].decode()
        one_page(srv, "home", "/", "text/html")
        one_page(srv, "style.css", css, "text/css")
        one_page(srv, "issues", "/issues", "text/html")
        one_page(srv, "atom feed", "/feed.atom", "application/atom+xml")
        one_page(srv, "json feed", "/feed.json", "application/feed+json")
        one_page(srv, "sitemap", "/sitemap.xml", "application/xml")
        one_page(srv, "api articles", "/api/v1/articles",
                 "application/json")
        one_page(srv, "openapi", "/api/v1/openapi.json",
                 "application/json")
        st, h, body = fetch(srv, "/articles/no-such-article", ae="gzip")
        st0, _, ident = fetch(srv, "/articles/no-such-article")
        check_eq("404 of a worker: gzip, decompressing to the identity",
                 (st, h.get("content-encoding"), gzip.decompress(body)),
                 (404, "gzip", ident))
        negotiation(srv, "/")
        article(srv)
        never(srv)
    # Without the page cache: each answer compressed on its worker.
    with Server(config="cache_mb 0\n") as srv:
        one_page(srv, "home, no cache", "/", "text/html")
        one_page(srv, "article, no cache", article_path(srv), "text/html")
    done()


if __name__ == "__main__":
    main()
