"""The request head is read the way RFC 9110 and 9112 say (issue 6, item
7): a body whose length is ambiguous is refused before it is read, and
the connection closes, so that nothing after it can be taken for a
request (request smuggling); a transfer coding other than chunked is a
501, not a wait for the idle timeout; HTTP/1.1 needs one valid Host; a
form's Content-Type is parsed as a media type (415 for any other);
an encoded slash is not a trailing slash.  Every request gets exactly
one answer: each case sends a second request on the same connection
and checks what came back.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

FORM = b"Content-Type: application/x-www-form-urlencoded\r\n"
EMAIL = b"email=reader%40example.org"
NEXT = b"GET /about HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def exchange(port, data, then=None):
    """Send data on a fresh connection and read its answer; then, if the
    connection is still open, send `then` and read on until the server
    closes.  Returns the statuses of the responses, read one after the
    other as a client reads them, and the bytes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    out, have = b"", []
    try:
        try:
            s.sendall(data)
        except OSError:
            pass
        while True:
            st, raw = harness.read_one(s)
            out += raw
            if st is None:
                break
            have.append(st)
            if then is not None:
                try:
                    s.sendall(then)
                except OSError:
                    pass
                then = None
    except OSError:
        out += b"<no answer>"
    finally:
        s.close()
    return have, out


def post(headers, body=EMAIL, version=b"HTTP/1.1"):
    return (b"POST /newsletter " + version + b"\r\n" + headers + b"\r\n" +
            body)


# (name, request bytes, statuses wanted).  NEXT is sent once the first
# answer is in, if the connection is still open: a second status says
# the connection survived, none that it closed.
CASES = [
    # Framing (RFC 9112 6.1, 6.3): refused at once, connection closed.
    ("two different Content-Length",
     post(b"Host: x\r\n" + FORM + b"Content-Length: 5\r\n"
          b"Content-Length: 26\r\n"), [400]),
    ("Content-Length and Transfer-Encoding",
     post(b"Host: x\r\n" + FORM + b"Content-Length: 26\r\n"
          b"Transfer-Encoding: chunked\r\n",
          b"1a\r\n" + EMAIL + b"\r\n0\r\n\r\n"), [400]),
    ("Transfer-Encoding gzip", post(b"Host: x\r\n" + FORM +
                                    b"Transfer-Encoding: gzip\r\n", b"xx"),
     [501]),
    ("Transfer-Encoding gzip on a GET",
     b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", [501]),
    ("Transfer-Encoding gzip, chunked",
     post(b"Host: x\r\n" + FORM + b"Transfer-Encoding: gzip, chunked\r\n",
          b"0\r\n\r\n"), [501]),
    ("Transfer-Encoding chunked, chunked",
     post(b"Host: x\r\n" + FORM + b"Transfer-Encoding: chunked, chunked\r\n",
          b"0\r\n\r\n"), [400]),
    ("Transfer-Encoding on two lines, chunked first",
     post(b"Host: x\r\n" + FORM + b"Transfer-Encoding: chunked\r\n"
          b"Transfer-Encoding: gzip\r\n", b"0\r\n\r\n"), [501]),
    ("an empty Transfer-Encoding",
     post(b"Host: x\r\n" + FORM + b"Transfer-Encoding: \r\n", b""), [400]),
    ("Transfer-Encoding in HTTP/1.0",
     post(FORM + b"Transfer-Encoding: chunked\r\n", b"0\r\n\r\n",
          b"HTTP/1.0"), [400]),
    # libmicrohttpd 0.9.75 refuses these itself, before Octavo sees them
    # (and writes its header block twice, inside the one answer a client
    # reads; the connection then closes).
    ("Content-Length not a number",
     post(b"Host: x\r\n" + FORM + b"Content-Length: abc\r\n"),
     [400]),
    ("Content-Length of 20 digits",
     post(b"Host: x\r\n" + FORM + b"Content-Length: 99999999999999999999\r\n"
          ), [413]),
    # Well-framed bodies are read, and the connection is kept.
    ("the same Content-Length twice",
     post(b"Host: x\r\n" + FORM + b"Content-Length: 26\r\n"
          b"Content-Length: 26\r\n"), [200, 200]),
    ("a chunked form",
     post(b"Host: x\r\n" + FORM + b"Transfer-Encoding: chunked\r\n",
          b"1a\r\n" + EMAIL + b"\r\n0\r\n\r\n"), [200, 200]),
    # Host (RFC 9112 3.2).
    ("HTTP/1.1 without Host",
     b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", [400]),
    ("two Host lines",
     b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", [400]),
    ("an empty Host", b"GET / HTTP/1.1\r\nHost: \r\n\r\n", [400]),
    ("a Host with a space",
     b"GET / HTTP/1.1\r\nHost: a b\r\n\r\n", [400]),
    ("a Host with a path",
     b"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", [400]),
    ("a Host with a bad port",
     b"GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n", [400]),
    ("a Host with user info",
     b"GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", [400]),
    ("HTTP/1.0 without Host", b"GET /about HTTP/1.0\r\n\r\n", [200]),
    ("Host with a port", b"GET /about HTTP/1.1\r\nHost: example.org:8080"
     b"\r\n\r\n", [200, 200]),
    ("Host an IPv6 literal", b"GET /about HTTP/1.1\r\nHost: [::1]:80"
     b"\r\n\r\n", [200, 200]),
    # The form's media type (RFC 9110 8.3.1, 15.5.16): a body framed by
    # its length is read past, and the connection kept.
    ("Content-Type with a suffix",
     post(b"Host: x\r\nContent-Type: application/x-www-form-urlencodedXYZ"
          b"\r\nContent-Length: 26\r\n"), [415, 200]),
    ("Content-Type application/json",
     post(b"Host: x\r\nContent-Type: application/json\r\n"
          b"Content-Length: 26\r\n"), [415, 200]),
    ("Content-Type text/plain",
     post(b"Host: x\r\nContent-Type: text/plain\r\nContent-Length: 26\r\n"),
     [415, 200]),
    ("a body without Content-Type",
     post(b"Host: x\r\nContent-Length: 26\r\n"), [415, 200]),
    ("Content-Type in capitals with charset=UTF-8",
     post(b"Host: x\r\nContent-Type: Application/X-WWW-Form-URLEncoded ; "
          b"charset=\"UTF-8\"\r\nContent-Length: 26\r\n"), [200, 200]),
    ("a malformed Content-Type",
     post(b"Host: x\r\nContent-Type: application/\r\n"
          b"Content-Length: 26\r\n"), [400, 200]),
    ("a parameter without a value",
     post(b"Host: x\r\nContent-Type: application/x-www-form-urlencoded; "
          b"charset\r\nContent-Length: 26\r\n"), [400, 200]),
    # Trailing slashes: an encoded slash is not one.
    ("an encoded slash", b"GET /issues%2F?page=2 HTTP/1.1\r\nHost: x\r\n"
     b"\r\n", [404, 200]),
]


def main():
    with harness.Server() as srv:
        for name, data, want in CASES:
            have, out = exchange(srv.port, data, NEXT)
            check_eq("%s: %r" % (name, want), have, want)
        # Smuggling by the book: a request hidden in a body whose length
        # is given two ways is never answered.
        hidden = b"GET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n"
        for name, head in (
                ("CL.TE", b"Content-Length: 5\r\n"
                          b"Transfer-Encoding: chunked\r\n"),
                ("TE.CL", b"Transfer-Encoding: chunked\r\n"
                          b"Content-Length: 3\r\n"),
                ("CL.CL", b"Content-Length: 0\r\nContent-Length: 43\r\n")):
            have, out = exchange(srv.port, post(
                b"Host: x\r\n" + FORM + head, b"0\r\n\r\n" + hidden))
            check_eq("smuggling %s: one 400 and nothing more" % name, have,
                     [400])
        # The trailing-slash redirect keeps the query and leads to a page.
        have, out = exchange(srv.port, b"GET /issues/?page=2 HTTP/1.1\r\n"
                             b"Host: x\r\nConnection: close\r\n\r\n")
        st, h, _ = harness.parse_response(out)
        check_eq("a trailing slash: 301", st, 301)
        check_eq("a trailing slash: Location", h.get("location"),
                 "/issues?page=2")
        st, _, _ = srv.get(h.get("location", "/"))
        check_eq("the Location answers 200", st, 200)


if __name__ == "__main__":
    main()
    harness.done()
