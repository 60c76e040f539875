"""octavo user add|passwd|list|disable|enable: the back office's accounts
from the command line.  The password comes from standard input (a pipe)
or, on a terminal (a real pseudo-terminal here), asked twice with echo
off; never from the arguments.  Usage errors (a bad role, a bad address,
a missing --role) exit 2 and change nothing; failures (a duplicate, an
unknown account, a weak password) exit 1.  Changes are audited as the
command line's; passwd and disable end the user's sessions, and a running
server stops taking their cookie.
"""
import os
import pty
import select
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

HANG_GUARD = 120


def user(db, *args, stdin=b""):
    p = subprocess.run([harness.BIN, "user", "--db", db] + list(args),
                       input=stdin, capture_output=True, timeout=HANG_GUARD)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def on_tty(db, args, answers):
    """Run octavo user ARGS on a pseudo-terminal, typing each answer after
    its prompt; returns (status, everything the terminal showed)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(harness.BIN, [harness.BIN, "user", "--db", db] + args)
    shown = b""
    mark = 0		# what was shown before the last answer
    pending = list(answers)
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 1.0)
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        if pending and shown[mark:].rstrip().endswith(b":"):
            os.write(fd, pending.pop(0).encode() + b"\n")
            mark = len(shown)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8",
                                                           "replace")


def db_rows(srv, q, args=()):
    return srv.sql(q, args)


def main():
    with harness.Server(articles=10) as srv:
        db = srv.db
        st, out, err = user(db, "list")
        check_eq("list with no accounts: 0", st, 0)
        check_in("says how to add one", "octavo user add EMAIL --role "
                 "admin", out)

        st, out, err = user(db, "add", "ann@example.org", "--role", "admin",
                            stdin=b"a long password\n")
        check_eq("add, password on stdin: 0", st, 0)
        check_in("says so", "Added ann@example.org as admin.", out)
        row = db_rows(srv, "SELECT email, role, disabled, password FROM "
                      "users")
        check_eq("one account", [r[:3] for r in row],
                 [("ann@example.org", "admin", 0)])
        check("stored as an argon2id hash of today's costs",
              row and row[0][3].startswith("$argon2id$v=19$m=65536,t=3,"
                                           "p=1$"), row)
        check("the password is nowhere in the database", all(
            "a long password" not in str(r) for t in ("users", "audit")
            for r in db_rows(srv, "SELECT * FROM " + t)))
        check_eq("audited as the command line's", db_rows(
            srv, "SELECT who, action, object FROM audit"),
            [("command line", "user added", "ann@example.org (admin)")])

        st, out, err = user(db, "add", "--role=editor", "bob@example.org",
                            stdin=b"bob's password\r\n")
        check_eq("add, --role= first, CRLF line: 0", st, 0)

        for args, stdin, want, msg, name in (
                (["add", "x@example.org", "--role", "boss"], b"a long "
                 b"password\n", 2, "the role is author, editor or admin",
                 "a bad role"),
                (["add", "x@example.org"], b"a long password\n", 2,
                 "say 'add EMAIL --role ROLE'", "no --role"),
                (["add", "not-an-address", "--role", "author"],
                 b"a long password\n", 2, "is not an email address",
                 "a bad address"),
                (["add", "x@example.org", "--role", "author", "extra"],
                 b"a long password\n", 2, "unexpected argument",
                 "an extra argument"),
                (["add", "x@example.org", "--role", "author",
                  "--password", "p"], b"", 2, "unknown option",
                 "a password option"),
                (["frobnicate"], b"", 2, "say add, passwd, list", "a bad "
                 "verb"),
                (["add", "x@example.org", "--role", "author"], b"short\n",
                 1, "must be at least 10 characters", "a short password"),
                (["add", "x@example.org", "--role", "author"], b"", 1,
                 "no password given", "no password"),
                (["add", "x@example.org", "--role", "author"],
                 b"x" * 300 + b"\n", 1, "longer than 256 bytes", "a "
                 "password too long"),
                (["add", "ANN@example.org", "--role", "author"],
                 b"a long password\n", 1, "already an account", "a "
                 "duplicate, any case"),
                (["passwd", "nobody@example.org"], b"a long password\n", 1,
                 "no account 'nobody@example.org'", "passwd, unknown"),
                (["disable", "nobody@example.org"], b"", 1,
                 "no account", "disable, unknown")):
            before = db_rows(srv, "SELECT * FROM users")
            st, out, err = user(db, *args, stdin=stdin)
            check_eq("%s: exit %d" % (name, want), st, want)
            check_in("%s: says why" % name, msg, err)
            check_eq("%s: nothing changed" % name,
                     db_rows(srv, "SELECT * FROM users"), before)

        st, out, err = user(db, "list")
        lines = out.splitlines()
        check_eq("list: a header and two accounts", len(lines), 3)
        check("list: ann, admin, active, 0 sessions, never",
              lines[1].split() == ["ann@example.org", "admin", "active",
                                   "0", "never"], lines[1:2])

        # A running server takes ann's sign-in; passwd ends it.
        import test_admin_auth as t  # noqa: E402
        cl = t.Client(srv)
        st, _, _ = cl.login("ann@example.org", "a long password")
        check_eq("the server signs ann in", st, 303)
        st, out, err = user(db, "list")
        check_in("list shows the session and the sign-in",
                 " 1  20", out.splitlines()[1])
        h0 = db_rows(srv, "SELECT password FROM users WHERE email = "
                     "'ann@example.org'")[0][0]
        st, out, err = user(db, "passwd", "ann@example.org",
                            stdin=b"another long password\n")
        check_eq("passwd from stdin: 0", st, 0)
        check_in("says the sessions ended", "1 session ended", out)
        check("the hash changed", db_rows(
            srv, "SELECT password FROM users WHERE email = "
            "'ann@example.org'")[0][0] != h0)
        st, _, _ = cl.get("/admin")
        check_eq("the running server no longer takes the cookie", st, 303)
        st, _, _ = t.Client(srv).login("ann@example.org",
                                       "another long password")
        check_eq("the new password signs in", st, 303)

        cl = t.Client(srv)
        cl.login("bob@example.org", "bob's password")
        st, out, err = user(db, "disable", "bob@example.org")
        check_eq("disable: 0", st, 0)
        check_in("says the sessions ended", "Disabled bob@example.org; 1 "
                 "session ended.", out)
        st, _, _ = cl.get("/admin")
        check_eq("disabled: the cookie signs nobody in", st, 303)
        st, _, _ = t.Client(srv).login("bob@example.org", "bob's password")
        check_eq("disabled: cannot sign in", st, 422)
        st, out, err = user(db, "disable", "bob@example.org")
        check_eq("disable again: 0, nothing to do", (st, out.strip()),
                 (0, "bob@example.org is already disabled."))
        st, out, err = user(db, "list")
        check_in("list shows disabled", "disabled", out)
        st, out, err = user(db, "enable", "bob@example.org")
        check_eq("enable: 0", st, 0)
        st, _, _ = t.Client(srv).login("bob@example.org", "bob's password")
        check_eq("enabled: signs in again", st, 303)
        check_eq("audit of the command line's changes", [r[0] for r in
            db_rows(srv, "SELECT action FROM audit WHERE who = "
                    "'command line' ORDER BY id")],
            ["user added", "user added", "password changed",
             "user disabled", "user enabled"])

        # On a terminal: asked twice, echo off.
        st, shown = on_tty(db, ["add", "cy@example.org", "--role",
                                "author"], ["secret on a tty",
                                            "secret on a tty"])
        check_eq("terminal: add: 0", st, 0)
        check_in("terminal: asks for the password",
                 "Password for cy@example.org:", shown)
        check_in("terminal: asks again", "Again:", shown)
        check("terminal: the password is not echoed",
              "secret on a tty" not in shown, shown)
        st, _, _ = t.Client(srv).login("cy@example.org", "secret on a tty")
        check_eq("terminal: the password typed signs in", st, 303)
        st, shown = on_tty(db, ["passwd", "cy@example.org"],
                           ["first answer here", "second answer here"])
        check_eq("terminal: two different answers: 1", st, 1)
        check_in("terminal: says so", "the two passwords differ", shown)
        st, _, _ = t.Client(srv).login("cy@example.org", "secret on a tty")
        check_eq("terminal: the password is unchanged", st, 303)
        st, out, err = user(db, "--help")
        check_eq("--help: 0", st, 0)
        check_in("--help: the commands", "passwd EMAIL", out)
        tmp = tempfile.mkdtemp()
        st, out, err = user(os.path.join(tmp, "none.db"), "list")
        check("no database: exit 1 with a message", st == 1 and err, err)


main()
harness.done()
