"""The command line: help, usage errors (exit 2), init, migrate, demo (its
refusal to touch an existing journal, its determinism) and serve's start-up
errors.  Exit statuses: 0 success, 1 failure, 2 usage.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

BIN = harness.BIN
THEME = os.path.join(harness.ROOT, "themes", "default")
# Only a guard against a hung process (it would otherwise block the whole
# run): no check depends on how fast anything is.
HANG_GUARD = 120


def run(*args, stdin=None):
    """(status, stdout, stderr) of octavo ARGS."""
    try:
        p = subprocess.run([BIN] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=HANG_GUARD,
                           cwd=harness.ROOT)
    except subprocess.TimeoutExpired as e:
        return ("did not exit", (e.stdout or b"").decode("utf-8", "replace"),
                (e.stderr or b"").decode("utf-8", "replace"))
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def rows(path, table):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM %s ORDER BY 1" % table).fetchall()
    finally:
        con.close()


def serve(db, *extra):
    return run("serve", "--db", db, "--theme", THEME, "--robots",
               harness.ROBOTS, *extra)


def main(tmp):
    # --- help ----------------------------------------------------------------
    st, out, err = run("--help")
    check_eq("--help: exit 0", st, 0)
    check_in("--help: lists the commands", "serve", out)
    for cmd in ("serve", "init", "migrate", "demo", "render"):
        st, out, err = run(cmd, "--help")
        check_eq("%s --help: exit 0" % cmd, st, 0)
        check_in("%s --help: usage on stdout" % cmd, "usage:", out)
    st, out, err = run("serve", "--help")
    check_in("serve --help: lists the configuration settings",
             "flush_seconds", out)

    # --- usage errors --------------------------------------------------------
    st, out, err = run("frobnicate")
    check_eq("unknown command: exit 2", st, 2)
    check_in("unknown command: named on stderr", "frobnicate", err)
    st, out, err = run()
    check_eq("no command: exit 2", st, 2)
    check("no command: usage on stderr", "usage:" in err, repr(err[:200]))
    for cmd in ("serve", "init", "migrate", "demo", "render"):
        st, out, err = run(cmd, "--no-such-flag")
        check_eq("%s --no-such-flag: exit 2" % cmd, st, 2)
        check("%s --no-such-flag: message on stderr" % cmd,
              "no-such-flag" in err, repr(err[:200]))
    db = os.path.join(tmp, "never.db")
    for args, what in ((("--articles", "0"), "--articles 0"),
                       (("--articles", "abc"), "--articles abc"),
                       (("--articles", "-5"), "--articles -5"),
                       (("--seed", "x"), "--seed x"),
                       (("--today", "2026-02-31"), "--today 2026-02-31"),
                       (("--today", "2026-13-01"), "--today 2026-13-01"),
                       (("--today", "yesterday"), "--today yesterday")):
        st, out, err = run("demo", "--db", db, *args)
        check_eq("demo %s: exit 2" % what, st, 2)
        check("demo %s: message on stderr" % what, err.strip() != "",
              "stderr empty")
    check("demo usage errors create no file", not os.path.exists(db),
          "%s exists" % db)
    st, out, err = run("serve", "--db", db, "extra-argument")
    check_eq("serve with a stray argument: exit 2", st, 2)

    # --- init, migrate -------------------------------------------------------
    db = os.path.join(tmp, "new.db")
    st, out, err = run("init", "--db", db)
    check_eq("init new path: exit 0", st, 0)
    check("init new path: creates the file", os.path.isfile(db), db)
    check("init new path: says the schema version",
          "version" in (out + err), repr(out + err))
    tables = {r[0] for r in sqlite3.connect(db).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    check("init new path: the schema is there",
          {"articles", "issues", "people", "article_reads",
           "subscribers"} <= tables, repr(sorted(tables)))
    st, out, err = run("migrate", "--db", db)
    check_eq("migrate after init: exit 0", st, 0)
    check_in("migrate after init: up to date", "up to date", out + err)
    missing = os.path.join(tmp, "missing.db")
    st, out, err = run("migrate", "--db", missing)
    check_eq("migrate missing file: exit 1", st, 1)
    check("migrate missing file: message on stderr", err.strip() != "",
          "stderr empty")
    check("migrate missing file: does not create it",
          not os.path.exists(missing), "created")

    # --- demo ----------------------------------------------------------------
    d1 = os.path.join(tmp, "d1.db")
    d2 = os.path.join(tmp, "d2.db")
    args = ("--articles", "40", "--seed", "11", "--today", "2026-11-25")
    st, out, err = run("demo", "--db", d1, *args)
    check_eq("demo: exit 0", st, 0)
    check_eq("demo: 40 articles", rows(d1, "articles") and
             len(rows(d1, "articles")), 40)
    before = dump(d1)
    st, out, err = run("demo", "--db", d1, *args)
    check_eq("demo twice on one database: exit 1", st, 1)
    check("demo twice on one database: says why",
          "already" in err and d1 in err, repr(err))
    check("demo twice on one database: database unchanged",
          dump(d1) == before, "the dump differs")
    st, out, err = run("demo", "--db", d2, *args)
    check_eq("demo into a second file: exit 0", st, 0)
    for table in ("articles", "issues", "people", "sections",
                  "article_authors", "publications", "article_reads"):
        check("demo same seed and --today: same %s" % table,
              rows(d1, table) == rows(d2, table), "rows differ")
    check("demo same seed and --today: identical dumps",
          dump(d1) == dump(d2), "dumps differ")
    d3 = os.path.join(tmp, "d3.db")
    run("demo", "--db", d3, "--articles", "40", "--seed", "12", "--today",
        "2026-11-25")
    check("demo another seed: other articles",
          rows(d1, "articles") != rows(d3, "articles"), "same rows")

    # --- serve start-up errors -----------------------------------------------
    for lines, where, what in (
            ("listen 127.0.0.1:1\nbogus_setting 1\n", 2, "unknown setting"),
            ("# comment\n\nworkers 65\n", 3, "workers out of range"),
            ("workers\n", 1, "no value"),
            ("flush_seconds soon\n", 1, "flush_seconds not a number"),
            ("log_level info\n\n\n   theme\n", 4, "indented key, no value")):
        conf = os.path.join(tmp, "bad.conf")
        with open(conf, "w") as f:
            f.write(lines)
        st, out, err = serve(d1, "--config", conf, "--listen",
                             "127.0.0.1:%d" % harness.free_port())
        check_eq("serve --config (%s): exit 2" % what, st, 2)
        check_in("serve --config (%s): file:line: on stderr" % what,
                 "%s:%d:" % (conf, where), err)
    st, out, err = serve(d1, "--config", os.path.join(tmp, "no.conf"))
    check("serve --config missing file: exit non-zero", st not in (0,
          "did not exit"), "status %r" % st)
    check_in("serve --config missing file: names it", "no.conf", err)

    st, out, err = serve(d1, "--listen", "nonsense")
    check("serve --listen nonsense: exits non-zero",
          st not in (0, "did not exit"), "status %r" % st)
    check_in("serve --listen nonsense: says why", "nonsense", err)
    st, out, err = serve(d1, "--listen", "127.0.0.1:99999")
    check("serve --listen port 99999: exits non-zero",
          st not in (0, "did not exit"), "status %r" % st)

    empty = os.path.join(tmp, "empty.db")
    sqlite3.connect(empty).execute("CREATE TABLE unrelated (x)").connection \
        .commit()
    st, out, err = serve(empty, "--listen",
                         "127.0.0.1:%d" % harness.free_port())
    check_eq("serve on a database without schema: exit 1", st, 1)
    check_in("serve on a database without schema: tells to run init",
             "octavo init", err)
    nofile = os.path.join(tmp, "nofile.db")
    st, out, err = serve(nofile, "--listen",
                         "127.0.0.1:%d" % harness.free_port())
    check_eq("serve on a missing database: exit 1", st, 1)
    check_in("serve on a missing database: tells to run init",
             "octavo init", err)
    check("serve on a missing database: does not create it",
          not os.path.exists(nofile), "created")
    st, out, err = serve(d1, "--theme", os.path.join(tmp, "no-theme"),
                         "--listen", "127.0.0.1:%d" % harness.free_port())
    check_eq("serve with a missing theme: exit 1", st, 1)
    check_in("serve with a missing theme: says so", "theme", err)

    # Run from elsewhere with the default theme and robots list: found
    # beside the program (the repository's ./octavo, which make builds).
    prog = os.path.join(harness.ROOT, "octavo")
    port = harness.free_port()
    p = subprocess.Popen([prog, "serve", "--db", d1, "--listen",
                          "127.0.0.1:%d" % port], cwd=tmp,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        srv = harness.Server.__new__(harness.Server)
        srv.proc, srv.port = p, port
        srv.errlog = os.devnull
        try:
            srv._wait_ready()
            st = srv.get("/")[0]
        except RuntimeError as e:
            st = str(e)
        check_eq("serve from another directory: theme found beside the "
                 "program", st, 200)
    finally:
        p.terminate()
        p.wait(timeout=HANG_GUARD)

    # render: a view file through a theme template, to stdout.
    view = os.path.join(tmp, "view.json")
    with open(view, "w") as f:
        f.write('{"error": {"status": 404, "title": "Gone <away>",'
                ' "message": "m"}, "site": {"name": "S", "language": "en"}}')
    st, out, err = run("render", "error", view)
    check_eq("render: exit 0", st, 0)
    check_in("render: escapes the view's text", "Gone &lt;away&gt;", out)
    st, out, err = run("render", "no-such-template", view)
    check_eq("render an unknown template: exit 1", st, 1)
    check_in("render an unknown template: says so", "no such template", err)
    with open(view, "w") as f:
        f.write('{"a": ')
    st, out, err = run("render", "error", view)
    check_eq("render bad JSON: exit 1", st, 1)
    check_in("render bad JSON: file:line:column", view + ":1:", err)
    st, out, err = run("render")
    check_eq("render without a template: exit 2", st, 2)


if __name__ == "__main__":
    tmp = tempfile.mkdtemp(prefix="octavo-cli-")
    try:
        main(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    harness.done()
