"""octavo site get|set: the site's settings from the command line, their
checks (a bad value is refused with exit 2 and changes nothing), and a
running server taking a change up (the canonical link of every page is
built from base_url).
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

HANG_GUARD = 120	# a guard against a hung process, not a check


def site(db, *args, stdin=b""):
    p = subprocess.run([harness.BIN, "site", "--db", db] + list(args),
                       input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=HANG_GUARD)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def setting(srv, key):
    r = srv.sql("SELECT value FROM settings WHERE key = ?", (key,))
    return r[0][0] if r else None


def canonical(srv, path):
    st, h, body = srv.get(path)
    link = harness.parse_html(body).find("link", attrs={"rel": "canonical"})
    return link.attrs.get("href") if link is not None else None


def main():
    with harness.Server() as srv:
        db = srv.dir + "/t.db"
        st, out, err = site(db, "get")
        check_eq("get: exit 0", st, 0)
        for key in ("title", "tagline", "base_url", "language", "issn"):
            check_in("get lists " + key, key, out)
        st, out, err = site(db, "get", "title")
        check_eq("get title: the journal's name", out.strip(),
                 setting(srv, "name"))

        good = (
            ("base_url", "https://journal.example.org/",
             "https://journal.example.org"),
            ("base_url", "HTTP://[::1]:8443/j", "HTTP://[::1]:8443/j"),
            ("title", "The Caspian Review", "The Caspian Review"),
            ("language", "pt-BR", "pt-BR"),
            ("issn", "0000-006x", "0000-006X"),
            ("issn", "", ""),
        )
        for key, value, stored in good:
            st, out, err = site(db, "set", key, value)
            check_eq("set %s %r: exit 0" % (key, value), st, 0)
            check_eq("set %s %r: stored" % (key, value),
                     setting(srv, "name" if key == "title" else key), stored)

        site(db, "set", "base_url", "https://journal.example.org")
        bad = (
            ("base_url", "javascript:alert(1)"),
            ("base_url", " https://journal.example.org"),
            ("base_url", "journal.example.org"),
            ("base_url", "https://"),
            ("base_url", "https://journal.example.org/?a=1"),
            ("base_url", "https://exa mple.org"),
            ("base_url", "ftp://example.org"),
            ("language", "english language"),
            ("language", "e"),
            ("issn", "0317-8472"),
            ("issn", "12345678"),
            ("title", "two\nlines"),
            ("title", "a\x01b"),
            ("title", "x" * 70000),
        )
        for key, value in bad:
            st, out, err = site(db, "set", key, value)
            name = "set %s %r" % (key, value[:40])
            check_eq(name + ": exit 2", st, 2)
            check_in(name + ": says which setting", key, err)
        check_eq("refused values changed nothing", setting(srv, "base_url"),
                 "https://journal.example.org")

        st, out, err = site(db, "set", "about",
                            stdin=b"About *us*.\n\nA second paragraph.\n")
        check_eq("set about from standard input: exit 0", st, 0)
        check_eq("set about: stored without the last newline",
                 setting(srv, "about"), "About *us*.\n\nA second paragraph.")
        st, out, err = site(db, "set", "about",
                            stdin=b"\xff\xfe not UTF-8")
        check_eq("set about with invalid UTF-8: exit 2", st, 2)

        for args in ((), ("get", "a", "b"), ("set",), ("frob",),
                     ("get", "nonesuch"), ("set", "nonesuch", "x")):
            st, out, err = site(db, *args)
            check_eq("site %s: exit 2" % " ".join(args), st, 2)
            check_in("site %s: usage" % " ".join(args), "usage:", err)
        st, out, err = site(srv.dir + "/missing.db", "get")
        check_eq("site on a missing database: exit 1", st, 1)

        # The running server takes the changes up with its content
        # version: wait for the last one made (the about text).
        for _ in range(40):
            if b"A second paragraph" in srv.get("/about")[2]:
                break
            srv.pause(0.1)
        check_eq("canonical link from the new base_url",
                 canonical(srv, "/about"), "https://journal.example.org/about")
        check_eq("canonical of the home page", canonical(srv, "/"),
                 "https://journal.example.org/")
        st, h, body = srv.get("/about")
        check_in("the about page shows the new text", "A second paragraph",
                 body.decode())


if __name__ == "__main__":
    main()
    harness.done()
