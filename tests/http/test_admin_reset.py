"""A back-office user who forgot their password gets a link by mail,
through the newsletter's mailer, against a real SMTP server (aiosmtpd,
tests/http/smtpsink.py).

Asking answers the same page for an account and for no account, and
mails only the account (one parsable message with one link); asking
again within the window mails nothing more; a disabled account gets
nothing.  The link's page sets the new password, which then signs in,
ends the account's other sessions, and kills the link (used twice: the
"no longer works" page).  Forged and expired links (made here with the
database's key, as the mailer makes them) are 404 and 410; a form
without the sign-in nonce is 403 and changes nothing.  Without a mailer
the page says the site sends no mail and who can help, with no form.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import smtpsink  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import Client, user_add  # noqa: E402

BASE = "https://journal.example.org"
WHO = "editor@example.org"
OLD = "the old password 1"
NEW = "a brand new password 2"


def ask(c, email):
    tok = c.csrf("/admin/password/forgot")
    return c.post("/admin/password/forgot", {"csrf": tok, "email": email})


def main_text(body):
    m = parse_html(body).find("main")
    return m.text() if m else ""


def token_for(srv, uid, expires, salt):
    """A reset token as site/links.c makes it, with the database's key."""
    key = bytes.fromhex(srv.sql("SELECT value FROM secrets"
                                " WHERE name = 'mail'")[0][0])
    head = "r%d-%d-" % (uid, expires)
    h = hashlib.blake2b(digest_size=16, key=key)
    h.update(b"octavo signed link v1\0")
    h.update(head.encode())
    h.update(b"\0")
    h.update(salt.encode())
    return head + base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode()


def resets(srv, address):
    return srv.sql("SELECT count(*) FROM deliveries WHERE kind = 'reset'"
                   " AND address = ?", (address,))[0][0]


def test_with_mail(srv, sink):
    c = Client(srv)
    st, h, body = ask(c, WHO)
    check_eq("ask: 200", st, 200)
    said = main_text(body)
    check_in("ask: the page says a link may be on its way", "on its way",
             said)
    st, h, body = ask(Client(srv, source="127.0.0.2"), "nobody@example.org")
    check_eq("ask for no account: 200", st, 200)
    check_eq("ask for no account: the same page",
             main_text(body).replace("nobody@example.org", WHO), said)
    check_eq("no account: nothing queued", resets(srv, "nobody@example.org"),
             0)
    sink.wait(lambda: len(sink.to(WHO)) >= 1, "the reset mail")
    msgs = sink.to(WHO)
    check_eq("one reset mail", len(msgs), 1)
    if not msgs:
        return
    m = msgs[0]
    check_eq("the mail: no parser defect", smtpsink.defects(m), [])
    check_in("the mail: its subject", "Set a new password",
             str(m["subject"]))
    text = smtpsink.body(m, "plain")
    links = re.findall(re.escape(BASE) + r"/admin/password/reset/\S+", text)
    check_eq("the mail: one link", len(links), 1)
    if not links:
        return
    check_in("the mail: the same link in the HTML", links[0],
             smtpsink.body(m, "html"))
    path = urllib.parse.urlsplit(links[0]).path

    st, h, body = ask(Client(srv, source="127.0.0.3"), WHO)
    check_eq("asking again in the window: the same page",
             main_text(body), said)
    check_eq("asking again in the window: no second mail queued",
             resets(srv, WHO), 1)

    old = Client(srv, source="127.0.0.4")
    st, h, body = old.login(WHO, OLD)
    check_eq("a session signed in before the reset", st, 303)

    r = Client(srv, source="127.0.0.5")
    st, h, body = r.get(path)
    check_eq("the link's page: 200", st, 200)
    check_in("the link's page: no-store", "no-store",
             h.get("cache-control", [""])[0])
    check_in("the link's page: names the account", WHO, body)
    tok = parse_html(body).find("input", attrs={"name": "csrf"})
    tok = tok.attrs.get("value", "") if tok else ""
    st, h, body = Client(srv).post(path, {"csrf": tok, "password": NEW,
                                          "repeat": NEW})
    check_eq("a form without its nonce: 403", st, 403)
    st, h, body = r.post(path, {"csrf": tok, "password": "short",
                                "repeat": "short"})
    check_eq("a short password: 422", st, 422)
    check_in("a short password: says why", "at least 10", body)
    st, h, body = r.post(path, {"csrf": tok, "password": NEW,
                                "repeat": NEW + "x"})
    check_eq("two passwords that differ: 422", st, 422)
    st, h, body = Client(srv, source="127.0.0.6").login(WHO, OLD)
    check_eq("nothing changed yet: the old password still works", st, 303)
    st, h, body = r.post(path, {"csrf": tok, "password": NEW,
                                "repeat": NEW})
    check_eq("the new password set: 303", st, 303)
    check_in("the new password set: to sign in",
             "/admin/login?done=password-reset", h.get("location", [""])[0])
    st, h, body = r.get("/admin/login?done=password-reset")
    check_in("the sign-in page says so", "Your new password is set", body)
    st, h, body = Client(srv, source="127.0.0.7").login(WHO, OLD)
    check_eq("the old password no longer works", st, 422)
    st, h, body = Client(srv, source="127.0.0.8").login(WHO, NEW)
    check_eq("the new password signs in", st, 303)
    st, h, body = old.get("/admin")
    check("the session from before ended", st in (302, 303),
          "status %d" % st)
    st, h, body = r.get(path)
    check_eq("the link used once: no longer works (404)", st, 404)
    check_in("the link used once: says so", "no longer works", body)
    check_in("audit: asked and reset", "password reset", " ".join(
        a for (a,) in srv.sql("SELECT action FROM audit")))

    uid, salt = srv.sql("SELECT id, password FROM users WHERE email = ?",
                        (WHO,))[0]
    st, h, body = r.get("/admin/password/reset/" +
                        token_for(srv, uid, int(time.time()) - 10, salt))
    check_eq("an expired link: 410", st, 410)
    st, h, body = r.get("/admin/password/reset/" +
                        token_for(srv, uid, int(time.time()) + 600,
                                  "another salt"))
    check_eq("a forged link: 404", st, 404)
    st, h, body = r.get("/admin/password/reset/garbage")
    check_eq("not a token: 404", st, 404)
    st, h, body = r.get("/admin/password/reset/" +
                        token_for(srv, uid, int(time.time()) + 600, salt))
    check_eq("a good link made now: 200", st, 200)

    subprocess.run([harness.BIN, "user", "--db", srv.db, "disable",
                    "author@example.org"], check=True,
                   capture_output=True)
    st, h, body = ask(Client(srv, source="127.0.0.9"), "author@example.org")
    check_eq("a disabled account: the same page", main_text(body).replace(
        "author@example.org", WHO), said)
    check_eq("a disabled account: nothing queued",
             resets(srv, "author@example.org"), 0)

    st, h, body = Client(srv, source="127.0.0.10").post(
        "/admin/password/forgot", {"csrf": "x", "email": WHO})
    check_eq("ask without the nonce: 403", st, 403)
    st, h, body = ask(Client(srv, source="127.0.0.11"), "not an address")
    check_eq("ask with no address: 422", st, 422)
    flood = Client(srv, source="127.0.0.12")
    codes = [ask(flood, "x%d@example.org" % i)[0] for i in range(12)]
    check_eq("one client: ten asks a window, then 429",
             (codes[:10].count(200), codes[10:]), (10, [429, 429]))


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-reset-")
    db = os.path.join(tmp, "t.db")
    harness.make_demo(db, 10)
    subprocess.run([harness.BIN, "site", "--db", db, "set", "base_url",
                    BASE], check=True, stdout=subprocess.DEVNULL)
    for email, role in ((WHO, "editor"), ("author@example.org", "author")):
        check_eq("user add " + email, user_add(db, email, role,
                                               OLD).returncode, 0)
    with smtpsink.Sink() as sink, \
            harness.Server(db=db, config=sink.config()) as srv:
        test_with_mail(srv, sink)
    with harness.Server(db=db) as srv:
        st, h, body = Client(srv).get("/admin/password/forgot")
        check_eq("no mailer: 200", st, 200)
        check_in("no mailer: says who can help", "octavo user passwd",
                 body)
        check("no mailer: no form to fill in", parse_html(body).find(
            "input", attrs={"name": "email"}) is None)
    harness.done()


if __name__ == "__main__":
    main()
