"""A locked database.  While another process holds SQLite's write lock
(this test, with BEGIN EXCLUSIVE), a newsletter sign-up gets 503 with a
Retry-After header and a page that says the database is busy, instead of
waiting and failing with 500; pages that read keep answering, because in
WAL mode reads never wait for a writer.  Once the lock is gone the same
sign-ups work.  Through many rounds of taking and releasing the lock with
sign-ups arriving all the while, every acknowledged sign-up (200) is in
the database and no refused one (503) is.  And `octavo serve` on a
database held in exclusive locking mode (which keeps readers out too)
says that it is locked, not that it does not exist.
"""
import os
import sqlite3
import subprocess
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def sign_up(srv, email):
    st, h, body = srv.request("POST", "/newsletter",
                              body=urllib.parse.urlencode({"email": email}),
                              headers=FORM)
    return st, h, body


def stored(srv):
    return set(r[0] for r in srv.sql("SELECT email FROM subscribers"))


def hold(db, exclusive_mode=False):
    """A connection holding the write lock (and, in exclusive locking
    mode, the read lock too)."""
    con = sqlite3.connect(db, isolation_level=None, timeout=10)
    if exclusive_mode:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    if exclusive_mode:
        con.execute("SELECT count(*) FROM settings").fetchall()
    return con


def release(con):
    con.execute("ROLLBACK")
    con.close()


def pages(srv):
    """Distinct pages that must come from the database (cache_mb 0)."""
    slugs = [r[0] for r in srv.sql("SELECT slug FROM articles WHERE "
                                   "status = 'published' LIMIT 6")]
    secs = [r[0] for r in srv.sql("SELECT slug FROM sections")]
    return (["/articles/" + s for s in slugs] +
            ["/sections/" + s for s in secs] + ["/", "/issues"])


def test_write_lock(srv):
    st, _, _ = sign_up(srv, "before@example.org")
    check_eq("unlocked: sign-up 200", st, 200)

    con = hold(srv.db)
    try:
        st, h, body = sign_up(srv, "during@example.org")
        check_eq("write lock held: sign-up 503", st, 503)
        ra = h.get("retry-after", "")
        check("write lock held: Retry-After is a number of seconds",
              ra.isdigit() and int(ra) > 0, "have %r" % ra)
        check_in("write lock held: the page says the database is busy",
                 "busy", body.decode("utf-8", "replace"))
        check_in("write lock held: the page says nothing was saved",
                 "Nothing was saved", body.decode("utf-8", "replace"))

        # Sign-ups keep both workers busy while pages are read.
        stop = threading.Event()
        posts = []

        def poster(i):
            n = 0
            while not stop.is_set():
                st, h, _ = sign_up(srv, "storm%d-%d@example.org" % (i, n))
                posts.append((st, "retry-after" in h))
                n += 1

        threads = [threading.Thread(target=poster, args=(i,))
                   for i in range(2)]
        for t in threads:
            t.start()
        got = [srv.get(p)[0] for p in pages(srv) * 2]
        stop.set()
        for t in threads:
            t.join()
        check_eq("write lock held: every page read during sign-ups is 200",
                 sorted(set(got)), [200])
        check("write lock held: sign-ups ran alongside the pages",
              len(posts) >= 2, "have %d sign-ups" % len(posts))
        check_eq("write lock held: every sign-up is 503 with Retry-After",
                 sorted(set(posts)), [(503, True)])
    finally:
        release(con)
    have = stored(srv)
    check("write lock held: no refused sign-up was stored",
          not any(e.startswith(("during", "storm")) for e in have),
          sorted(have))
    st, _, _ = sign_up(srv, "during@example.org")
    check_eq("lock released: the refused sign-up now works", st, 200)
    check_eq("lock released: both acknowledged sign-ups stored",
             sorted(stored(srv) & {"before@example.org",
                                   "during@example.org"}),
             ["before@example.org", "during@example.org"])


def test_rounds(srv):
    """Lock and unlock many times while sign-ups arrive."""
    stop = threading.Event()
    answers = []

    def poster(i):
        n = 0
        while not stop.is_set():
            email = "round%d-%d@example.org" % (i, n)
            st, _, _ = sign_up(srv, email)
            answers.append((email, st))
            n += 1

    threads = [threading.Thread(target=poster, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    def count(status):
        return sum(1 for _, st in list(answers) if st == status)

    for _ in range(12):
        # Hold the lock until one more sign-up has been refused, then
        # leave it free until one more has gone through.
        n = count(503)
        con = hold(srv.db)
        while count(503) == n:
            stop.wait(0.01)
        release(con)
        n = count(200)
        while count(200) == n:
            stop.wait(0.01)
    stop.set()
    for t in threads:
        t.join()
    ok = set(e for e, st in answers if st == 200)
    refused = set(e for e, st in answers if st == 503)
    other = [st for _, st in answers if st not in (200, 503)]
    have = stored(srv)
    check_eq("rounds: every answer is 200 or 503", other, [])
    check("rounds: some sign-ups were refused and some acknowledged",
          len(ok) > 0 and len(refused) > 0,
          "%d acknowledged, %d refused" % (len(ok), len(refused)))
    check_eq("rounds: every acknowledged sign-up is stored",
             sorted(ok - have), [])
    check_eq("rounds: no refused sign-up is stored",
             sorted(refused & have), [])


def test_serve_locked():
    tmp = harness.tempfile.mkdtemp(prefix="octavo-test-")
    db = os.path.join(tmp, "t.db")
    harness.make_demo(db)
    con = hold(db, exclusive_mode=True)
    try:
        p = subprocess.run([harness.BIN, "serve", "--db", db, "--listen",
                            "127.0.0.1:%d" % harness.free_port(),
                            "--theme", os.path.join(harness.ROOT, "themes",
                                                    "default")],
                           capture_output=True, text=True, timeout=120)
    finally:
        release(con)
    check_eq("serve on a locked database: exit status 1", p.returncode, 1)
    check_in("serve on a locked database: says it is locked", "locked",
             p.stderr)
    check("serve on a locked database: does not say it is missing",
          "no such" not in p.stderr and "create one" not in p.stderr,
          p.stderr)
    harness.shutil.rmtree(tmp, ignore_errors=True)


def main():
    with harness.Server(config="cache_mb 0\n") as srv:
        test_write_lock(srv)
        test_rounds(srv)
    test_serve_locked()
    harness.done()


if __name__ == "__main__":
    main()
