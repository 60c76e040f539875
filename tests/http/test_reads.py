"""The read counter (src/site/reads.c): a read is a human GET of an
article page, counted once per client (address and user agent) per 30
seconds, and at most READS_GROUP_MAX (10) times per article per hour from
one address (one IPv6 /64), whatever user agents it sends; kept in memory
and flushed to article_reads / reads_daily once a second (flush_seconds)
and at shutdown.  The page shows the stored count plus what is pending.

Each part runs on its own server.  Distinct clients are distinct loopback
source addresses (127.0.0.2, 127.0.0.3...).  Database values are read
after the server has stopped (SIGTERM flushes), so no test waits for a
flush.
"""
import datetime
import os
import re
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

GOOGLEBOT = "Googlebot/2.1 (+http://www.google.com/bot.html)"
GROUP_MAX = 10  # READS_GROUP_MAX in src/site/site.h


def agent(i):
    """A distinct browser-like user agent (not a robot's) for each i."""
    return ("Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 "
            "Firefox/%d.%d" % (100 + i % 50, 100 + i % 50, i))


def pick_article(srv):
    """(id, path, stored reads) of a published article."""
    aid, slug, reads = srv.sql(
        "SELECT a.id, a.slug, coalesce(r.reads, 0) FROM articles a"
        " LEFT JOIN article_reads r ON r.article_id = a.id"
        " LEFT JOIN issues i ON i.id = a.issue_id"
        " WHERE a.status = 'published'"
        " AND (a.issue_id IS NULL OR i.status = 'published')"
        " ORDER BY a.id LIMIT 1 OFFSET 3")[0]
    return aid, "/articles/" + slug, reads


def stored(srv, aid):
    rows = srv.sql("SELECT reads FROM article_reads WHERE article_id = ?",
                   (aid,))
    return rows[0][0] if rows else 0


def daily(srv, aid):
    return dict(srv.sql("SELECT day, reads FROM reads_daily"
                        " WHERE article_id = ?", (aid,)))


def shown(body):
    """The number the page's read count says ("Read once", "Read 1,234
    times"), or None."""
    m = re.search(rb'<p class="reads">([^<]*)</p>', body)
    return harness.reads_number(m.group(1).decode()) if m else None


def utc_day():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")


def stop(srv, name):
    rc, err = srv.stop()
    check_eq("%s: server stopped cleanly" % name, rc, 0)


def concurrent_readers():
    """(a) 20 readers at once from 20 addresses: exactly +20."""
    name = "20 concurrent readers"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        before = daily(srv, aid)
        day0 = utc_day()
        n = 20
        barrier = threading.Barrier(n)
        results = [None] * n

        def reader(i):
            barrier.wait()
            try:
                results[i] = srv.get(path, source="127.0.0.%d" % (i + 2))
            except OSError as e:
                results[i] = (None, {}, str(e).encode())

        threads = [threading.Thread(target=reader, args=(i,))
                   for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check_eq("%s: all answered 200" % name,
                 [r[0] for r in results], [200] * n)
        nums = sorted(shown(r[2]) for r in results if r[0] == 200)
        check("%s: each page shows a count within initial+1..initial+20"
              % name, len(nums) == n and nums[0] is not None and
              nums[0] >= initial + 1 and nums[-1] <= initial + n,
              "initial %d, shown %r" % (initial, nums))
        stop(srv, name)
        day1 = utc_day()
        check_eq("%s: article_reads after SIGTERM" % name, stored(srv, aid),
                 initial + n)
        after = daily(srv, aid)
        added = {d: after.get(d, 0) - before.get(d, 0)
                 for d in set(after) | set(before)}
        added = {d: v for d, v in added.items() if v}
        if day0 == day1:
            check_eq("%s: reads_daily row for today (UTC)" % name, added,
                     {day0: n})
        else:   # the test ran across midnight UTC
            check("%s: reads_daily rows for today (UTC)" % name,
                  set(added) <= {day0, day1} and
                  sum(added.values()) == n, repr(added))


def robots_not_counted():
    """(b) a robot's user agent, or none, adds nothing."""
    name = "robots"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        seen = []
        for i, ua in enumerate((GOOGLEBOT, "")):
            for k in range(2):
                st, _, body = srv.get(path, headers={"User-Agent": ua},
                                      source="127.0.0.%d" % (2 + 2 * i + k))
                check_eq("%s: %r gets the page" % (name, ua), st, 200)
                seen.append(shown(body))
        # No User-Agent header at all (http.client always sends one).
        st, _, body = harness.raw_request(
            srv.port, ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Connection: close\r\n\r\n" % path).encode(),
            source="127.0.0.9")
        check_eq("%s: no User-Agent header gets the page" % name, st, 200)
        seen.append(shown(body))
        check_eq("%s: pages show the stored count" % name, seen,
                 [initial] * len(seen))
        stop(srv, name)
        check_eq("%s: article_reads unchanged" % name, stored(srv, aid),
                 initial)
        check_eq("%s: no reads_daily row" % name, daily(srv, aid), {})


def repeat_reader():
    """(c) the same client again within 30 s adds nothing."""
    name = "same client twice"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        seen = [shown(srv.get(path, source="127.0.0.2")[2])
                for _ in range(3)]
        check_eq("%s: shown count counts the first read only" % name, seen,
                 [initial + 1] * 3)
        # Same address, another browser: another client.
        other = harness.BROWSER_UA.replace("Firefox/128.0", "Firefox/129.0")
        st, _, body = srv.get(path, source="127.0.0.2",
                              headers={"User-Agent": other})
        check_eq("%s: same address, other browser counts" % name,
                 shown(body), initial + 2)
        stop(srv, name)
        check_eq("%s: article_reads" % name, stored(srv, aid), initial + 2)


def head_not_counted():
    """(d) HEAD adds nothing, rendered or from the cache."""
    name = "HEAD"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        st, _, body = srv.request("HEAD", path, source="127.0.0.2")
        check_eq("%s: first HEAD (renders the page) 200" % name, st, 200)
        st, _, body = srv.get(path, source="127.0.0.3",
                              headers={"User-Agent": GOOGLEBOT})
        check_eq("%s: robot GET shows the stored count" % name, shown(body),
                 initial)
        for i in range(4, 7):
            st, _, _ = srv.request("HEAD", path, source="127.0.0.%d" % i)
            check_eq("%s: HEAD from 127.0.0.%d (cached page) 200" % (name, i),
                     st, 200)
        st, _, body = srv.get(path, source="127.0.0.3",
                              headers={"User-Agent": GOOGLEBOT})
        check_eq("%s: count unchanged after the HEADs" % name, shown(body),
                 initial)
        stop(srv, name)
        check_eq("%s: article_reads unchanged" % name, stored(srv, aid),
                 initial)


def pending_shown():
    """(e) the shown number includes reads not yet flushed."""
    name = "unflushed reads"
    with harness.Server(config="flush_seconds 3600\n") as srv:
        aid, path, initial = pick_article(srv)
        st, _, body = srv.get(path, source="127.0.0.2")
        check_eq("%s: client A sees initial+1" % name, shown(body),
                 initial + 1)
        st, _, body = srv.get(path, source="127.0.0.3")
        check_eq("%s: client B sees initial+2" % name, shown(body),
                 initial + 2)
        check_eq("%s: database still holds the initial value" % name,
                 stored(srv, aid), initial)
        stop(srv, name)
        check_eq("%s: SIGTERM flushes: initial+2" % name, stored(srv, aid),
                 initial + 2)


def cached_page_counts():
    """(f) a cached page keeps counting, one per new client."""
    name = "cached page"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        seen, etags = [], []
        for i in range(2, 8):
            st, h, body = srv.get(path, source="127.0.0.%d" % i)
            seen.append(shown(body))
            etags.append(h.get("etag"))
        check_eq("%s: shown count goes up by one per client" % name, seen,
                 [initial + k for k in range(1, 7)])
        check_eq("%s: ETag changes with the count" % name,
                 len(set(etags)), len(etags))
        stop(srv, name)
        check_eq("%s: article_reads" % name, stored(srv, aid), initial + 6)


def rotating_agents():
    """(g) one address sending 200 user agents adds GROUP_MAX reads; a
    load generator sending a new agent with every request on one
    keep-alive connection adds no more; another address still counts."""
    name = "rotating user agents"
    with harness.Server() as srv:
        aid, path, initial = pick_article(srv)
        seen = []
        for i in range(200):
            st, _, body = srv.get(path, source="127.0.0.2",
                                  headers={"User-Agent": agent(i)})
            seen.append(shown(body))
        check_eq("%s: 200 agents from one address, shown count" % name,
                 seen[-1], initial + GROUP_MAX)
        check_eq("%s: the first %d agents count, one each" %
                 (name, GROUP_MAX), seen[:GROUP_MAX + 1],
                 [initial + k for k in range(1, GROUP_MAX + 1)] +
                 [initial + GROUP_MAX])
        # A load generator: 2,000 requests, a new agent each, one
        # connection, from another address.
        c = harness.http.client.HTTPConnection(
            "127.0.0.1", srv.port, timeout=30,
            source_address=("127.0.0.3", 0))
        statuses = set()
        try:
            for i in range(2000):
                c.request("GET", path,
                          headers={"User-Agent": agent(1000 + i)})
                r = c.getresponse()
                body = r.read()
                statuses.add(r.status)
        finally:
            c.close()
        check_eq("%s: load generator answered 200" % name, statuses, {200})
        check_eq("%s: load generator adds %d" % (name, GROUP_MAX),
                 shown(body), initial + 2 * GROUP_MAX)
        st, _, body = srv.get(path, source="127.0.0.4")
        check_eq("%s: a third address still counts" % name, shown(body),
                 initial + 2 * GROUP_MAX + 1)
        stop(srv, name)
        check_eq("%s: article_reads" % name, stored(srv, aid),
                 initial + 2 * GROUP_MAX + 1)


def readers_behind_proxy():
    """(h) a trusted proxy's readers are counted by their own addresses:
    25 readers behind it, more than GROUP_MAX, all count."""
    name = "readers behind a trusted proxy"
    with harness.Server(config="trusted_proxies 127.0.0.1\n") as srv:
        aid, path, initial = pick_article(srv)
        for i in range(25):
            srv.get(path, source="127.0.0.1",
                    headers={"X-Forwarded-For": "198.51.100.%d" % (i + 1)})
        stop(srv, name)
        check_eq("%s: article_reads" % name, stored(srv, aid), initial + 25)


if __name__ == "__main__":
    concurrent_readers()
    robots_not_counted()
    repeat_reader()
    head_not_counted()
    pending_shown()
    cached_page_counts()
    rotating_agents()
    readers_behind_proxy()
    harness.done()
