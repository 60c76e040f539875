"""Hostile request targets are answered, and cost no memory once
answered (issue 6, item 1).

A query of hundreds of separators used to fill libmicrohttpd's
connection memory: the request got no answer, held its connection until
the client left, and its 16 KB arena was never freed (about 6 KB of RSS
per request in the release build; 87 MB to 1.2 GB in 20 s from one
client).  Each hostile shape below gets exactly one answer with its
status; then thousands of them, sent and dropped the way an attacker
does, leave the server's RSS within a bound of what it was before
(counts, no clock).  LeakSanitizer (make test SAN=1) and valgrind (make
valgrind) check at stop that nothing leaked.
"""
import http.client
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

# A small ASan quarantine, so that freed memory is reused and RSS
# measures what is kept (the default holds up to 256 MB of freed blocks).
ASAN = {"ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1") +
        ":quarantine_size_mb=8:thread_local_quarantine_size_kb=256"}
N = 1500 if harness.WRAP else 5000      # hostile requests measured
BOUND_KB = 8 * 1024                      # RSS growth allowed over N

SHAPES = [
    ("800 '&'", b"/?" + b"&" * 800, 414),
    ("5,000 '&' (past the URL limit)", b"/?" + b"&" * 5000, 414),
    ("300 'a=1&'", b"/?" + b"a=1&" * 300, 414),
    ("400 '&a'", b"/?" + b"&a" * 400, 414),
    ("800 '&' on a database page", b"/articles/x?" + b"&" * 800, 414),
    ("3,000 ';' (past the URL limit)", b"/?" + b";" * 3000, 414),
    # ';' separates nothing: one parameter that no page declares.
    ("800 ';'", b"/?" + b";" * 800, 200),
]


def request(target, extra=b""):
    return (b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            extra + b"Connection: close\r\n\r\n")


def answers(srv):
    for name, target, want in SHAPES:
        st, h, body = harness.raw_request(srv.port, request(target),
                                          timeout=10)
        check_eq("%s: answered %d" % (name, want), st, want)
        check_eq("%s: one answer" % name, body.count(b"HTTP/1.1 "), 0)
    st, _, _ = harness.raw_request(srv.port, request(
        b"/", b"a:b\r\n" * 1000), timeout=10)
    check_eq("1,000 header lines: answered 431", st, 431)
    # On a kept-alive connection, a refused target leaves the connection
    # fit for the next request.
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    statuses = []
    try:
        for path in ("/?" + "&" * 800, "/about"):
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            statuses.append((r.status, r.getheader("Connection")))
    except OSError as e:
        statuses.append(repr(e))
    finally:
        c.close()
    check_eq("kept alive: 414, then the next request 200 on the same "
             "connection", statuses, [(414, None), (200, None)])


def flood(port, n):
    """n hostile requests sent on fresh connections, dropped unread."""
    req = request(b"/?" + b"&" * 800)
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        try:
            s.sendall(req)
        except OSError:
            pass
        s.close()
    # One answered request after them: the server has read them all.
    harness.raw_request(port, request(b"/about"))


def answered_414(srv):
    """How many 414s the access log has."""
    with open(srv.acclog, errors="replace") as f:
        return sum(1 for line in f if '" 414 ' in line)


def rss():
    # No per-address limit here: every hostile connection is to be read
    # and answered, none refused at accept.
    with harness.Server(env=ASAN, config="per_ip_connections 0\n") as srv:
        flood(srv.port, N // 2)          # the allocators' steady state
        before = srv.rss_kb()
        flood(srv.port, N)
        after = srv.rss_kb()
        print("# RSS %d KiB before, %d KiB after %d hostile requests" %
              (before, after, N))
        check("RSS after %d hostile requests within %d MiB of before" %
              (N, BOUND_KB // 1024), after - before <= BOUND_KB,
              "%d KiB before, %d KiB after" % (before, after))
        check_eq("the server still answers", srv.alive(), True)
        srv.stop()                       # the access log is flushed
        n = answered_414(srv)
        check("all %d hostile requests were answered 414" % (N + N // 2),
              n >= N + N // 2, "%d in the access log" % n)


def main():
    with harness.Server() as srv:
        answers(srv)
    rss()


if __name__ == "__main__":
    main()
    harness.done()
