"""octavo import k2 against a real MariaDB server this test starts (as
the current user, in a temporary folder, on a free port), loaded with
a K2-shaped database written for it (tests/data/import/k2: schema.sql,
data.sql): the rows Octavo keeps (articles, their status and dates,
dek and body, authors, tags, extra fields, sections, comments, read
counts), the served pages, every form of an old K2 address answered
with a 301, a second run that changes nothing, a changed item that is
updated in place, and the failures an operator meets (a wrong
password, a server that is not there, the wrong table prefix, a
password in the address) each with its sentence and exit status.
"""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

DATA = os.path.join(harness.ROOT, "tests", "data", "import", "k2")
PASSWORD = "s\u00e9cret pass"


class MariaDB:
    """A MariaDB server of our own: its data folder, socket and port in
    a temporary folder; stopped by its PID."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="octavo-k2-")
        self.data = os.path.join(self.dir, "data")
        self.sock = os.path.join(self.dir, "mysqld.sock")
        self.port = harness.free_port()
        root = ["--user=root"] if os.getuid() == 0 else []
        subprocess.run(["mariadb-install-db", "--no-defaults",
                        "--datadir=" + self.data,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db"] + root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.log = os.path.join(self.dir, "error.log")
        self.proc = subprocess.Popen(
            ["mariadbd", "--no-defaults", "--datadir=" + self.data,
             "--socket=" + self.sock, "--port=%d" % self.port,
             "--bind-address=127.0.0.1", "--pid-file=" +
             os.path.join(self.dir, "mysqld.pid"), "--log-error=" + self.log,
             "--skip-log-bin", "--innodb-buffer-pool-size=16M"] + root,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Until it answers (or dies): no time limit, a count of polls.
        for _ in range(3000):
            if self.proc.poll() is not None:
                raise RuntimeError("mariadbd exited: " + self.error_log())
            if os.path.exists(self.sock) and self.sql("SELECT 1",
                                                     quiet=True) == "1":
                return
            time.sleep(0.1)
        raise RuntimeError("mariadbd did not start: " + self.error_log())

    def error_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def sql(self, text, db=None, quiet=False):
        """Run SQL as root through the socket; its output, tab-separated."""
        args = ["mariadb", "--no-defaults", "-S", self.sock, "-uroot",
                "-N", "-B"] + ([db] if db else [])
        p = subprocess.run(args, input=text, capture_output=True,
                           text=True)
        if p.returncode != 0 and not quiet:
            raise RuntimeError("mariadb: " + p.stderr)
        return p.stdout.strip()

    def load(self, db, path):
        with open(path) as f:
            self.sql(f.read(), db=db)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def octavo(*args):
    """Run the program (stdin not a terminal); (status, out, err).  A
    sanitizer's report fails a check of its own."""
    p = subprocess.run(harness.WRAP + [harness.BIN] + list(args),
                       capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    if "Sanitizer" in p.stderr or "runtime error" in p.stderr:
        check("no sanitizer report: octavo %s" % " ".join(args[:2]),
              False, p.stderr[-2000:])
    return p.returncode, p.stdout, p.stderr


def dump(db):
    """Every row of the database as text (what a run may change)."""
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def main():
    try:
        my = MariaDB()
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        check("MariaDB starts (scripts/install-deps.sh test installs it)",
              False, str(e))
        harness.done()
    tmp = tempfile.mkdtemp(prefix="octavo-k2-test-")
    try:
        run(my, tmp)
    finally:
        my.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    harness.done()


def run(my, tmp):
    my.sql("CREATE DATABASE joomla CHARACTER SET utf8mb4;"
           " CREATE USER 'k2'@'127.0.0.1' IDENTIFIED BY '%s';"
           " GRANT SELECT ON joomla.* TO 'k2'@'127.0.0.1';" % PASSWORD)
    my.load("joomla", os.path.join(DATA, "schema.sql"))
    my.load("joomla", os.path.join(DATA, "data.sql"))
    pwfile = os.path.join(tmp, "password")
    with open(pwfile, "w") as f:
        f.write(PASSWORD + "\n")
    db = os.path.join(tmp, "journal.db")
    rc, out, err = octavo("init", "--db", db)
    check_eq("octavo init", rc, 0)
    url = "mysql://k2@127.0.0.1:%d/joomla" % my.port
    imp = ("import", "k2", "--mysql", url, "--password-file", pwfile,
           "--db", db)

    rc, out, err = octavo(*imp)
    check_eq("the import exits 0", rc, 0)
    if rc != 0:
        print("    " + err[-2000:])
    t = harness.report_table(out)
    check_eq("report: items new and skipped", (t.get("items") or [0] * 4),
             [8, 0, 0, 2])
    check_eq("report: sections (one category trashed)",
             t.get("sections"), [4, 0, 0, 1])
    check_eq("report: people", t.get("people"), [5, 0, 0, 0])
    check_eq("report: comments (one on a trashed item)",
             t.get("comments"), [2, 0, 0, 1])
    for why in ("in K2's trash", "its K2 category is in the trash",
                "its item was not imported", "<script> dropped from a body",
                "extra field value without a definition",
                "its publish_down has passed: kept as a draft",
                "in an unpublished K2 category: kept as a draft",
                "no title: named K2 item N",
                "Joomla plugin tag ({...}) left as text"):
        check_in("report: %s" % why, why, out)
    check_in("progress: the items' line", "items: 10 of 10 (100%)", err)

    con = sqlite3.connect(db)
    q = con.execute

    def one(sql, *args):
        r = q(sql, args).fetchone()
        return r[0] if r and len(r) == 1 else r

    def art(k2id):
        return one("SELECT local_id FROM import_ids WHERE origin = 'k2'"
                   " AND kind = 'item' AND source_id = ?", str(k2id))

    a12 = art(12)
    check_eq("item 12: slug from its alias",
             one("SELECT slug FROM articles WHERE id = ?", a12),
             "dubrac-and-the-water")
    check_eq("item 12: the non-ASCII title",
             one("SELECT title FROM articles WHERE id = ?", a12),
             "Dubra\u010d and the water: policy in \u00dcn\u00efcode")
    check_eq("item 12: the short intro is the dek, as text",
             one("SELECT dek FROM articles WHERE id = ?", a12),
             "A short intro about water & power.")
    body, fmt = one("SELECT body, format FROM article_bodies WHERE"
                    " article_id = ?", a12)
    check_eq("item 12: body_format html", fmt, "html")
    check("item 12: the full text is the body, cleaned",
          "<h2>Dams</h2>" in body and "<script" not in body and
          'href="https://example.org/dams"' in body and
          "A short intro" not in body, body)
    check_in("item 12: non-ASCII text kept", "Stra\u00dfe, \u014csaka, "
             "\u6771\u4eac", body)
    check_eq("item 12: published at publish_up (UTC)",
             one("SELECT status, published_at FROM articles WHERE id = ?",
                 a12), ("published", "2019-05-03T10:20:00Z"))
    check_eq("item 12: section is its category (nested Energy)",
             one("SELECT s.name FROM articles a JOIN sections s ON s.id ="
                 " a.section_id WHERE a.id = ?", a12), "Energy & Climate")
    check_eq("item 12: the Joomla user as author",
             [r[0] for r in q("SELECT p.name FROM article_authors x JOIN"
                              " people p ON p.id = x.person_id WHERE"
                              " x.article_id = ? ORDER BY x.position",
                              (a12,))], ["Ana Kova\u010d"])
    check_eq("item 12: tags in K2's order",
             [r[0] for r in q("SELECT t.name FROM article_tags x JOIN tags"
                              " t ON t.id = x.tag_id WHERE x.article_id ="
                              " ? ORDER BY x.position", (a12,))],
             ["Water", "Energy policy"])
    extra = json.loads(one("SELECT extra FROM articles WHERE id = ?", a12))
    check_eq("item 12: extra fields as structured data", extra, {
        "Report number": "R-17", "Region": "Balkans",
        "Source": {"text": "The report",
                   "url": "https://example.org/report.pdf"},
        "Languages": ["English", "Croatian"], "Keywords": ["water", "dams"],
        "Figures": [["Year", "GWh"], ["2018", "12"]],
        "Launched": "2019-05-01"})
    check_eq("item 12: hits became the read count",
             one("SELECT reads FROM article_reads WHERE article_id = ?",
                 a12), 2538)
    check_eq("item 12: its comments kept, by status",
             q("SELECT author_name, body, status, created_at FROM comments"
               " WHERE article_id = ? ORDER BY id", (a12,)).fetchall(),
             [("Reader \u00d6", "Thank you \u2014 very clear.", "approved",
               "2019-05-05T11:00:00Z"),
              ("Spammer", "Buy things", "pending", "2019-05-06T11:00:00Z")])

    a13 = art(13)
    check_eq("item 13: a long intro stays in the body (no dek)",
             one("SELECT dek FROM articles WHERE id = ?", a13), "")
    b13 = one("SELECT body FROM article_bodies WHERE article_id = ?", a13)
    check("item 13: intro then full text",
          b13.index("long enough") < b13.index("the rest of it"), b13)
    check_eq("item 13: two authors from its alias",
             [r[0] for r in q("SELECT p.name FROM article_authors x JOIN"
                              " people p ON p.id = x.person_id WHERE"
                              " x.article_id = ? ORDER BY x.position",
                              (a13,))], ["Jane Doe", "John Roe"])
    check_eq("item 14: publish_down passed: a draft",
             one("SELECT status FROM articles WHERE id = ?", art(14)),
             "draft")
    check_eq("item 15: publish_up to come: scheduled at it",
             one("SELECT status, published_at FROM articles WHERE id = ?",
                 art(15)), ("scheduled", "2099-01-01T08:00:00Z"))
    check("items 16 and 19 (trash): not imported",
          art(16) is None and art(19) is None)
    check_eq("item 17 (unpublished): a draft",
             one("SELECT status FROM articles WHERE id = ?", art(17)),
             "draft")
    check_eq("item 18: 'Smith, J.' is one author",
             [r[0] for r in q("SELECT p.name FROM article_authors x JOIN"
                              " people p ON p.id = x.person_id WHERE"
                              " x.article_id = ?", (art(18),))],
             ["Smith, J."])
    check_eq("item 20 (unpublished category): a draft",
             one("SELECT status FROM articles WHERE id = ?", art(20)),
             "draft")
    check_eq("item 21: no title, named after its id",
             one("SELECT title, slug FROM articles WHERE id = ?", art(21)),
             ("K2 item 21", "k2-item-21"))
    check_eq("sections: depth first, a child after its parent",
             [r[0] for r in q("SELECT name FROM sections ORDER BY"
                              " position")],
             ["Policy", "Energy & Climate", "News", "Internal"])
    check_eq("a category's description as text",
             one("SELECT description FROM sections WHERE slug = 'energy'"),
             "Power, water & climate.")
    nred = one("SELECT count(*) FROM redirects WHERE origin = 'k2'")
    check("old addresses kept", nred > 200, nred)
    con.close()

    # A second run changes nothing.
    before = dump(db)
    rc, out2, err = octavo(*imp)
    check_eq("a second run exits 0", rc, 0)
    t2 = harness.report_table(out2)
    check("a second run: everything unchanged",
          all(v[0] == 0 and v[1] == 0 for v in t2.values()) and
          t2.get("items") == [0, 0, 8, 2] and
          t2.get("old addresses", [0, 0, 0])[2] == nred, out2)
    check("a second run: the database as it was", dump(db) == before)

    serve(db, a12)

    # A changed item is updated in place; its slug and reads kept.
    my.sql("UPDATE jos_k2_items SET title = 'Dubra\u010d, revised',"
           " hits = 3000 WHERE id = 12", db="joomla")
    rc, out3, err = octavo(*imp)
    t3 = harness.report_table(out3)
    check_eq("a changed item: reported changed", t3.get("items"),
             [0, 1, 7, 2])
    con = sqlite3.connect(db)
    check_eq("a changed item: updated, slug kept",
             con.execute("SELECT title, slug FROM articles WHERE id = ?",
                         (a12,)).fetchone(),
             ("Dubra\u010d, revised", "dubrac-and-the-water"))
    check_eq("a changed item: reads follow the hits up",
             con.execute("SELECT reads FROM article_reads WHERE"
                         " article_id = ?", (a12,)).fetchone()[0], 3000)
    check_eq("a changed item: no second article",
             con.execute("SELECT count(*) FROM articles").fetchone()[0], 8)

    # An article deleted here since: skipped, with its comments.
    con.execute("DELETE FROM articles WHERE id = ?", (a12,))
    con.commit()
    con.close()
    rc, out4, err = octavo(*imp)
    check_eq("an article deleted here: the run exits 0", rc, 0)
    check_in("an article deleted here: skipped, said why",
             "deleted here since it was imported", out4)
    check_in("an article deleted here: its comments skipped",
             "its article was deleted here", out4)
    check_eq("an article deleted here: not made again",
             harness.report_table(out4).get("items"), [0, 0, 7, 3])

    failures(my, db, pwfile)


def serve(db, a12):
    with harness.Server(db=db) as srv:
        # A robot's GET: the page as it is, not counted as a read.
        st, h, body = srv.get("/articles/dubrac-and-the-water", headers={
            "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"})
        check_eq("the article page: 200", st, 200)
        page = body.decode()
        check("the page: the read count survives the move",
              re.search(r"Read 2,?538 times", page) is not None,
              re.findall(r"Read [^<]* times", page))
        check_in("the page: the dek", "A short intro about water &amp; "
                 "power.", page)
        check_in("the page: the body", "<h2>Dams</h2>", page)
        check("the page: no script", "alert(1)" not in page)
        for slug in ("an-expired-notice", "a-future-piece",
                     "work-in-progress"):
            st, h, body = srv.get("/articles/" + slug)
            check_eq("a draft or scheduled item is not public: " + slug,
                     st, 404)
        want = "/articles/dubrac-and-the-water"
        alias = "dubrac-and-the-water"
        forms = [
            "/index.php/component/k2/item/12-" + alias,
            "/component/k2/item/12-" + alias,
            "/item/12-" + alias,
            "/item/12",
            "/index.php/component/k2/item/12",
            "/index.php?option=com_k2&view=item&id=12:" + alias,
            "/index.php?option=com_k2&view=item&layout=item&id=12:" + alias,
            "/index.php?id=12&view=item&option=com_k2",
            "/index.php?option=com_k2&view=item&id=12:%s&Itemid=102" % alias,
            "/index.php?option=com_k2&view=item&layout=item&id=12%%3A%s"
            "&Itemid=101" % alias,
            "/index.php/policy/energy/item/12-" + alias,
            "/policy/energy/item/12-" + alias,
            "/index.php/energy/item/12-" + alias,
            "/index.php/policy/item/12-" + alias + "/",
        ]
        for target in forms:
            st, h, body = srv.get(target)
            check("301 %s" % target, st == 301 and
                  h.get("location", "").endswith(want),
                  "%s %s" % (st, h.get("location")))
        greek = urllib.parse.quote("18-\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9"
                                   "\u03ba\u03cc\u03c2-\u03c4\u03af\u03c4"
                                   "\u03bb\u03bf\u03c2")
        st, h, body = srv.get("/item/" + greek)
        check("301 a Greek alias, percent-encoded", st == 301 and
              "/articles/" in h.get("location", ""), st)
        st, h, body = srv.get("/index.php/the-news")
        check("301 a menu item that showed one item", st == 301 and
              h.get("location", "").endswith("/articles/a-long-read"), st)
        for target, where in (
                ("/index.php/component/k2/itemlist/category/3-energy",
                 "/sections/energy"),
                ("/itemlist/category/3", "/sections/energy"),
                ("/index.php?option=com_k2&view=itemlist&layout=category"
                 "&task=category&id=2&Itemid=101", "/sections/policy"),
                ("/index.php/policy/energy", "/sections/energy"),
                ("/news", "/sections/news"),
                ("/index.php?Itemid=102", "/sections/energy"),
                ("/itemlist/tag/Energy%20policy", "/tags/energy-policy"),
                ("/index.php/component/k2/itemlist/tag/Energy+policy",
                 "/tags/energy-policy"),
                ("/index.php?option=com_k2&view=itemlist&task=tag"
                 "&tag=Water", "/tags/water"),
                ("/component/k2/itemlist/user/42-ana-kovac",
                 "/authors/ana-kovac")):
            st, h, body = srv.get(target)
            check("301 %s" % target, st == 301 and
                  h.get("location", "").endswith(where),
                  "%s %s" % (st, h.get("location")))
        st, h, body = srv.get("/section/energy")
        check_eq("the section page of a category", srv.get(
            "/sections/energy")[0], 200)
        st, h, body = srv.get("/index.php/component/k2/item/15-a-future-"
                              "piece")
        check_eq("the old address of a scheduled item: 404 until then", st,
                 404)
        st, h, body = srv.get("/item/999-nothing")
        check_eq("an unknown K2 address: 404", st, 404)


def failures(my, db, pwfile):
    url = "mysql://k2@127.0.0.1:%d/joomla" % my.port
    bad = os.path.join(os.path.dirname(pwfile), "wrong")
    with open(bad, "w") as f:
        f.write("not it\n")
    rc, out, err = octavo("import", "k2", "--mysql", url,
                          "--password-file", bad, "--db", db)
    check("a wrong password: exit 1 and why", rc == 1 and
          "access denied" in err, (rc, err))
    check("a wrong password: the password never printed",
          "not it" not in err + out)
    rc, out, err = octavo("import", "k2", "--mysql", url, "--db", db)
    check("no password (not a terminal): access denied, exit 1",
          rc == 1 and "access denied" in err, (rc, err))
    port = harness.free_port()
    rc, out, err = octavo("import", "k2", "--mysql",
                          "mysql://k2@127.0.0.1:%d/joomla" % port,
                          "--password-file", pwfile, "--db", db)
    check("an unreachable server: exit 1 and why", rc == 1 and
          "cannot reach the server" in err, (rc, err))
    rc, out, err = octavo("import", "k2", "--mysql", url, "--prefix", "xyz_",
                          "--password-file", pwfile, "--db", db)
    check("missing tables: exit 1, the prefix named", rc == 1 and
          "xyz_k2_" in err and "--prefix" in err, (rc, err))
    my.sql("CREATE DATABASE empty; GRANT SELECT ON empty.* TO"
           " 'k2'@'127.0.0.1';")
    rc, out, err = octavo("import", "k2", "--mysql", url[:-len("joomla")] +
                          "empty", "--password-file", pwfile, "--db", db)
    check("a database without K2: exit 1", rc == 1 and "K2" in err,
          (rc, err))
    rc, out, err = octavo("import", "k2", "--mysql", url.replace(
        "k2@", "k2:secret@"), "--db", db)
    check("a password in the address: refused, exit 2", rc == 2 and
          "--password-file" in err, (rc, err))
    for u in ("postgres://x@y/z", "mysql://host/db", "mysql://u@h:99999/d",
              "mysql://u@h/", "mysql://u@h/d?x=1", "mysql://u@h/a/b"):
        rc, out, err = octavo("import", "k2", "--mysql", u, "--db", db)
        check("a malformed address %s: exit 2" % u, rc == 2 and
              err.startswith("octavo import k2: "), (rc, err))
    rc, out, err = octavo("import", "k2", "--mysql", url, "--prefix",
                          "jos_; DROP", "--db", db)
    check("a prefix that is not a name: exit 2", rc == 2, (rc, err))
    rc, out, err = octavo("import", "k2", "--db", db)
    check("no --mysql: usage, exit 2", rc == 2 and "usage:" in err)
    rc, out, err = octavo("import", "k2", "--mysql", url, "--password-file",
                          "/nonexistent/pw", "--db", db)
    check("a missing password file: exit 1", rc == 1 and
          "/nonexistent/pw" in err, (rc, err))
    rc, out, err = octavo("import", "k2", "--help")
    check("--help: the usage, exit 0", rc == 0 and "--mysql" in out)


if __name__ == "__main__":
    main()
