"""Attacks on the page cache (issue 6, items 3 and 4), against the real
server on loopback.

Hash flooding: the cache once hashed its keys with an unkeyed FNV-1a over
8,192 buckets, and any value of a declared parameter made a cached page,
so values crafted to share the home page's bucket made every home-page
lookup walk a chain of thousands.  The same crafted values are sent here
(computed the way an attacker would), and the home page must keep its
rate: a ratio of requests per second and of server CPU per request,
before and after the flood and during it.  (A keyed hash and bounded
buckets are what hold; test_cache and test_hash check those directly.)

Cache fill: 225,000 distinct values once grew the server past twice its
cache_mb, because keys and slack were not counted.  Here tens of
thousands of distinct URLs (cacheable pages, unknown parameter values,
non-canonical numbers) go to a server with a small cache_mb, and its
resident memory must stay within cache_mb plus a fixed overhead.  A
parameter that names nothing is a 404, and numbers written otherwise than
our links write them redirect to the one canonical URL.

No assertion here depends on wall-clock time alone: rates are compared
as ratios measured the same way on the same server.
"""
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

UA = harness.BROWSER_UA.encode()


# ---------------------------------------------------------------------------
# A pipelining client: many GETs on one keep-alive connection, so that the
# client is not what limits the rate.

def pipeline(port, paths, depth=32):
    """GET every path in order on one connection, depth requests in
    flight; returns the list of (status, location, body length)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    f = s.makefile("rb")
    out = []
    try:
        for i in range(0, len(paths), depth):
            batch = paths[i:i + depth]
            s.sendall(b"".join(
                b"GET " + p.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"User-Agent: " + UA + b"\r\n\r\n" for p in batch))
            for _ in batch:
                out.append(read_response(f))
    finally:
        f.close()
        s.close()
    return out


def read_response(f):
    line = f.readline()
    status = int(line.split()[1])
    length, location, chunked = 0, None, False
    while True:
        h = f.readline()
        if h in (b"\r\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        k = k.strip().lower()
        if k == "content-length":
            length = int(v)
        elif k == "location":
            location = v.strip()
        elif k == "transfer-encoding" and "chunked" in v.lower():
            chunked = True
    if chunked:
        length = 0
        while True:
            n = int(f.readline().split(b";")[0], 16)
            f.read(n + 2)
            length += n
            if n == 0:
                break
    else:
        f.read(length)
    return status, location, length


def cpu_ticks(pid):
    """User plus system clock ticks the process has used."""
    with open("/proc/%d/stat" % pid) as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def home_rate(srv, n=20000):
    """(requests per second, server CPU ticks per 10,000 requests) for
    n cached home-page answers."""
    t0, c0 = time.monotonic(), cpu_ticks(srv.proc.pid)
    res = pipeline(srv.port, ["/"] * n)
    t1, c1 = time.monotonic(), cpu_ticks(srv.proc.pid)
    ok = sum(1 for st, _, _ in res if st == 200)
    return ok / (t1 - t0), (c1 - c0) * 10000.0 / n


def sanitized():
    """True if the server is an ASan build, or runs under valgrind (make
    valgrind): its RSS means nothing."""
    if harness.WRAP:
        return True
    try:
        out = subprocess.run(["ldd", harness.BIN], capture_output=True,
                             text=True).stdout
    except OSError:
        return False
    return "libasan" in out


# ---------------------------------------------------------------------------
# Values an attacker computes against the old cache: FNV-1a (32 bits) of
# the key "/publications\ntype=VALUE" modulo 8,192 equal to that of "/".
# Only the low 13 bits of FNV-1a's state decide the bucket, and they
# depend only on the low 13 bits before each step, so a 3-letter suffix
# found by walking back from the target steers any prefix there.

FNV_PRIME = 16777619
MASK = 8191


def fnv32(data, h=2166136261):
    for c in data:
        h = ((h ^ c) * FNV_PRIME) & 0xffffffff
    return h


def colliding_values(n):
    target = fnv32(b"/") & MASK
    inv = pow(FNV_PRIME, -1, MASK + 1)
    alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789"
    back = {}
    for a in alphabet:
        for b in alphabet:
            for c in alphabet:
                s = target
                for ch in (c, b, a):
                    s = ((s * inv) & MASK) ^ ch
                back.setdefault(s, bytes((a, b, c)))
    out, i = [], 0
    while len(out) < n:
        prefix = b"/publications\ntype=q%d" % i
        i += 1
        suffix = back.get(fnv32(prefix) & MASK)
        if suffix is None:
            continue
        assert fnv32(prefix + suffix) & MASK == target
        out.append((prefix + suffix)[len(b"/publications\ntype="):]
                   .decode())
    return out


# ---------------------------------------------------------------------------

def test_canonical(srv):
    """Numbers written otherwise than our links redirect; filters that
    name nothing are 404s, every time (never cached)."""
    sec = srv.sql("SELECT s.slug FROM sections s JOIN articles a"
                  " ON a.section_id = s.id GROUP BY s.id"
                  " ORDER BY count(*) DESC LIMIT 1")[0][0]
    author = srv.sql("SELECT slug FROM people WHERE staff = 1"
                     " ORDER BY id LIMIT 1")[0][0]
    ptype = srv.sql("SELECT slug FROM pub_types ORDER BY id LIMIT 1")[0][0]
    base = "/sections/" + sec
    cases = [
        ("issue number with leading zeros", "/issues/0001", 301,
         "/issues/1"),
        ("issue number with one zero", "/issues/01", 301, "/issues/1"),
        ("issue number as written", "/issues/1", 200, None),
        ("page=1 is the list itself", base + "?page=1", 301, base),
        ("page=0001 is the list itself", base + "?page=0001", 301, base),
        ("page=02 is page=2", base + "?page=02", 301, base + "?page=2"),
        ("page=2 as written", base + "?page=2", 200, None),
        ("author page=1", "/authors/%s?page=1" % author, 301,
         "/authors/" + author),
        ("publications page=1", "/publications?page=1", 301,
         "/publications"),
        ("publications empty type", "/publications?type=", 301,
         "/publications"),
        ("publications empty author, page=02",
         "/publications?author=&page=02", 301, "/publications?page=2"),
        ("publications parameters in canonical order",
         "/publications?page=02&author=%s&type=%s" % (author, ptype), 301,
         "/publications?type=%s&author=%s&page=2" % (ptype, author)),
        ("publications type, page=01", "/publications?page=01&type=%s"
         % ptype, 301, "/publications?type=" + ptype),
        ("publications type as written", "/publications?type=" + ptype,
         200, None),
        ("unknown publication type", "/publications?type=nonexistent",
         404, None),
        ("unknown publication type, again", "/publications?type=nonexistent",
         404, None),
        ("unknown publication author", "/publications?author=nobody", 404,
         None),
        ("page=0 refused", base + "?page=0", 400, None),
        ("page past the limit refused", base + "?page=100001", 400, None),
        ("page not a number refused", base + "?page=2x", 400, None),
        ("page with a sign refused", base + "?page=+2", 400, None),
    ]
    for name, path, want, loc in cases:
        st, hdrs, _ = srv.get(path)
        check_eq("canonical: %s: status" % name, st, want)
        if loc is not None:
            check_eq("canonical: %s: Location" % name,
                     hdrs.get("location"), loc)
            st2, _, _ = srv.get(loc)
            check("canonical: %s: the target is canonical" % name,
                  st2 in (200, 404), "status %r" % st2)


def test_flood(srv):
    """The old attack's crafted values: answered 404, never cached, and
    the home page keeps its rate after and during the flood."""
    vals = colliding_values(20000)
    pipeline(srv.port, ["/"] * 2000)            # warm up
    rate0, cpu0 = home_rate(srv)
    res = pipeline(srv.port, ["/publications?type=" + v for v in vals])
    check_eq("flood: every crafted value is a 404",
             sum(1 for st, _, _ in res if st == 404), len(vals))
    rate1, cpu1 = home_rate(srv)
    print("# home page: %.0f req/s, %.2f CPU ticks per 10,000 before the"
          " flood; %.0f req/s, %.2f after" % (rate0, cpu0, rate1, cpu1))
    check("flood: home-page rate after the flood at least half of before",
          rate1 >= 0.5 * rate0, "%.0f vs %.0f req/s" % (rate1, rate0))
    check("flood: server CPU per home-page answer at most twice before",
          cpu1 <= 2 * cpu0 + 1, "%.2f vs %.2f ticks per 10,000"
          % (cpu1, cpu0))

    # During: a flood on another connection while the rate is measured.
    done = []

    def flood():
        while not done:
            pipeline(srv.port, ["/publications?type=" + v
                                for v in vals[:2000]])

    th = threading.Thread(target=flood)
    th.start()
    try:
        rate2, _ = home_rate(srv)
    finally:
        done.append(1)
        th.join()
    print("# home page during the flood: %.0f req/s" % rate2)
    # Valgrind (make valgrind) runs one thread at a time: the workers'
    # renders of the flood hold the polling thread, so this rate says
    # nothing there.
    if not harness.WRAP:
        check("flood: home-page rate during the flood at least a quarter"
              " of before", rate2 >= 0.25 * rate0,
              "%.0f vs %.0f req/s" % (rate2, rate0))
    check("flood: the server still answers", srv.alive())


CACHE_MB = 32
# What else grows: SQLite's page cache in each connection (2 MB each),
# the workers' malloc arenas, the chrome: 5 MB measured with cache_mb 1.
# The cache itself took 1.05 to 1.2 times cache_mb in five runs (before
# the fix, with keys uncounted and pages kept in half-empty buffers, 2.2
# times on this load).
OVERHEAD_MB = 8
SLOPE = 1.25


def test_fill(srv):
    """Distinct URLs past the cache's size: cacheable pages, unknown
    parameter values, non-canonical numbers; RSS within cache_mb plus a
    fixed overhead."""
    slugs = [r[0] for r in srv.sql("SELECT slug FROM articles")]
    secs = [r[0] for r in srv.sql("SELECT slug FROM sections")]
    people = [r[0] for r in srv.sql("SELECT slug FROM people")]
    # Warm up: every kind of page once, so that what is measured after
    # is the cache, not first-use allocations.
    warm = ["/", "/issues", "/issues/1", "/about", "/publications",
            "/sections/" + secs[0], "/authors/" + people[0]]
    warm += ["/articles/" + s for s in slugs[:50]]
    for _ in range(3):
        pipeline(srv.port, warm)
    rss0 = rss_kb(srv.proc.pid)
    paths = ["/articles/" + s for s in slugs]
    paths += ["/publications?type=t%d" % i for i in range(20000)]
    paths += ["/publications?author=p%d" % i for i in range(10000)]
    paths += ["/sections/%s?page=%d" % (secs[i % len(secs)], i)
              for i in range(2, 10002)]
    paths += ["/issues/%05d" % (i % 50 + 1) for i in range(5000)]
    paths += ["/authors/%s?page=0%d" % (people[i % len(people)], i)
              for i in range(1, 5001)]
    paths += ["/articles/" + s for s in slugs]
    res = pipeline(srv.port, paths)
    rss1 = rss_kb(srv.proc.pid)
    n = len(paths)
    statuses = {}
    for st, _, _ in res:
        statuses[st] = statuses.get(st, 0) + 1
    pages = sum(ln for st, _, ln in res[:len(slugs)] if st == 200)
    print("# %d distinct URLs (%d articles, %d bytes): statuses %r; RSS %d"
          " kB before, %d kB after, cache_mb %d" % (
              n, len(slugs), pages, statuses, rss0, rss1, CACHE_MB))
    check("fill: more than 50,000 URLs answered", len(res) == n and
          n > 50000, "%d of %d" % (len(res), n))
    check("fill: the articles alone are twice what the cache holds",
          pages > 2 * CACHE_MB * 1024 * 1024, "%d bytes" % pages)
    check("fill: no server error", 500 not in statuses, repr(statuses))
    if sanitized():
        # ASan (valgrind too) keeps freed memory in quarantine and pads
        # every block: its RSS says nothing about the cache.
        check("fill: the server still answers (sanitizer build, RSS not"
              " compared)", srv.alive())
        return
    check("fill: RSS grew by at most %.2f times cache_mb plus %d MB"
          % (SLOPE, OVERHEAD_MB),
          rss1 - rss0 <= (SLOPE * CACHE_MB + OVERHEAD_MB) * 1024,
          "grew %d kB" % (rss1 - rss0))


def main():
    with harness.Server(articles=300, config="access_log off\n") as srv:
        test_canonical(srv)
        test_flood(srv)
    # One malloc arena: glibc's per-thread arenas (one for each worker)
    # keep freed pages apart, and which of them a page lands in varies
    # from run to run (40 to 52 MB of growth here with them, a steady
    # 40 MB without): what is measured is the cache's accounting.
    os.environ["MALLOC_ARENA_MAX"] = "1"
    with harness.Server(articles=6000, config="cache_mb %d\n"
                        "access_log off\n" % CACHE_MB) as srv:
        test_fill(srv)
    harness.done()


if __name__ == "__main__":
    main()
