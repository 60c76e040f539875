"""Request and response parts on the real site: methods and the Allow
header computed from the route table (405 and OPTIONS), which bodies a
page takes (a multipart form is read like a URL-encoded one, a file or
JSON where the page takes none is a 415), cookies a reader's browser
sends for other programs, and private answers (no-store)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Server, check, check_eq, check_in, done  # noqa: E402
from test_bad_input import send  # noqa: E402


def allow_of(h):
    return [x.strip() for x in h.get("allow", "").split(",")]


def methods(srv):
    for m, path, want in [
            ("DELETE", "/about", ["GET", "HEAD", "OPTIONS"]),
            ("PATCH", "/newsletter", ["GET", "HEAD", "POST", "OPTIONS"]),
            ("PUT", "/articles/x", ["GET", "HEAD", "OPTIONS"])]:
        st, h, body = send(srv, m, path)
        check_eq("%s %s: 405" % (m, path), st, 405)
        check_eq("%s %s: Allow from the route table" % (m, path),
                 allow_of(h), want)
        check_in("%s %s: says why" % (m, path),
                 b"cannot be used with that method", body)
    st, h, body = send(srv, "OPTIONS", "/newsletter")
    check_eq("OPTIONS /newsletter: 204", st, 204)
    check_eq("OPTIONS /newsletter: Allow", allow_of(h),
             ["GET", "HEAD", "POST", "OPTIONS"])
    check_eq("OPTIONS /newsletter: no body", body, b"")
    st, h, _ = send(srv, "OPTIONS", "*")
    check_eq("OPTIONS *: 204", st, 204)
    check_eq("OPTIONS *: every method of the site (the API's writes)",
             allow_of(h), ["GET", "HEAD", "POST", "PATCH", "DELETE",
                           "OPTIONS"])
    st, _, _ = send(srv, "OPTIONS", "/no/such/page")
    check_eq("OPTIONS of an unknown page: 404", st, 404)


def multipart(fields, boundary="----octavo7MA4YWxkTrZu0gW"):
    """A body as a browser writes it; fields: (name, filename, data)."""
    out = b""
    for name, filename, data in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        out += b'Content-Disposition: form-data; name="' + name.encode() + \
            b'"'
        if filename is not None:
            out += b'; filename="' + filename.encode() + b'"\r\n' + \
                b"Content-Type: application/octet-stream"
        out += b"\r\n\r\n" + data + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


def subscribers(srv, email):
    return srv.sql("SELECT count(*) FROM subscribers WHERE email = ?",
                   (email,))[0][0]


def bodies(srv):
    ct = "multipart/form-data; boundary=----octavo7MA4YWxkTrZu0gW"
    st, h, body = srv.request("POST", "/newsletter", body=multipart(
        [("email", None, b"multi@example.org")]),
        headers={"Content-Type": ct})
    check_eq("multipart form to /newsletter: 200", st, 200)
    check_in("multipart form: read as the form", b"multi@example.org", body)
    check_eq("multipart form: subscribed", subscribers(
        srv, "multi@example.org"), 1)
    check_eq("answer to a POST: private (no-store)",
             h.get("cache-control"), "no-store")

    st, h, _ = srv.request(
        "POST", "/newsletter", body=multipart(
            [("email", None, b"quoted@example.org")], "a:b c"),
        headers={"Content-Type": 'multipart/form-data; boundary="a:b c"'})
    check_eq("multipart with a quoted boundary: 200", st, 200)
    check_eq("multipart with a quoted boundary: subscribed", subscribers(
        srv, "quoted@example.org"), 1)

    st, h, body = srv.request("POST", "/newsletter", body=multipart(
        [("email", None, b"file@example.org"),
         ("cv", "cv.pdf", b"%PDF-1.4\r\n\x00\xff")]),
        headers={"Content-Type": ct})
    check_eq("a file to /newsletter: 415", st, 415)
    check_in("a file to /newsletter: says why", b"This page takes no files",
             body)
    check_eq("a file to /newsletter: nobody subscribed", subscribers(
        srv, "file@example.org"), 0)

    st, _, body = srv.request("POST", "/newsletter", body=multipart(
        [("email", None, b"cut@example.org")])[:-8],
        headers={"Content-Type": ct})
    check_eq("multipart without its close delimiter: 400", st, 400)
    check_in("multipart without its close delimiter: says why",
             b"The form could not be read", body)

    st, _, _ = srv.request("POST", "/newsletter", body=b"x",
                           headers={"Content-Type": "multipart/form-data"})
    check_eq("multipart without a boundary: 400", st, 400)

    big = multipart([("email", None, b"a@example.org"),
                     ("pad", None, b"p" * 8000)] + [
                         ("pad%d" % i, None, b"p" * 8000) for i in range(8)])
    st, _, _ = srv.request("POST", "/newsletter", body=big,
                           headers={"Content-Type": ct})
    check_eq("multipart of %d bytes (over 64 KiB): 413" % len(big), st, 413)

    st, _, body = srv.request(
        "POST", "/newsletter", body=b'{"email": "json@example.org"}',
        headers={"Content-Type": "application/json"})
    check_eq("JSON to a page that takes none: 415", st, 415)
    check_in("JSON to a page that takes none: says why",
             b"does not take a body of that type", body)

    st, h, _ = srv.request(
        "POST", "/newsletter", body=b"email=form%40example.org",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    check_eq("URL-encoded form: still 200", st, 200)
    check_eq("URL-encoded answer: private too", h.get("cache-control"),
             "no-store")
    st, h, _ = srv.get("/newsletter")
    check_eq("GET /newsletter: may be cached (no-cache)",
             h.get("cache-control"), "no-cache")


def cookies(srv):
    """Cookies of other programs on the host never fail a request."""
    for name, value in [
            ("ordinary", "_ga=GA1.2.3; theme=dark"),
            ("malformed pairs", "junk; =x; a b=1; c=\"; d=\x7f"),
            ("many", "; ".join("c%d=%d" % (i, i) for i in range(100))),
            ("a long one", "big=" + "v" * 6000)]:
        st, _, _ = send(srv, "GET", "/", {"Cookie": value})
        check_eq("GET / with %s cookies: 200" % name, st, 200)


def main():
    with Server() as srv:
        methods(srv)
        bodies(srv)
        cookies(srv)
    done()


if __name__ == "__main__":
    main()
