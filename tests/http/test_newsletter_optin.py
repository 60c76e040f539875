"""The newsletter's double opt-in, against a real SMTP server (aiosmtpd,
tests/http/smtpsink.py) that the server's mailer sends to.

A sign-up sends one confirmation mail (parsed without defects) whose
link confirms; signing up again sends nothing more within the hour, and
one client cannot ask for more than five mails an hour, all with the
same answer page.  Forged links and links of another kind are 404, an
expired one (made here with the database's key, as the server makes
them) is 410.  The preferences page saves topics; the unsubscribe link
shows a button on GET and unsubscribes on a POST with no cookie and no
CSRF token (RFC 8058 one-click).
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import smtpsink  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
BASE = "https://journal.example.org"


def signup(srv, address):
    return srv.request("POST", "/newsletter",
                       body=urllib.parse.urlencode({"email": address}),
                       headers=FORM)


def main_text(body):
    m = parse_html(body).find("main")
    return m.text() if m else ""


def deliveries(srv, address):
    return srv.sql("SELECT kind, status FROM deliveries WHERE address = ?"
                   " COLLATE NOCASE", (address,))


def make_token(srv, kind, sid, expires):
    """A link token as site/links.c makes it, with the database's key."""
    key = bytes.fromhex(srv.sql("SELECT value FROM secrets"
                                " WHERE name = 'mail'")[0][0])
    salt = srv.sql("SELECT token FROM subscribers WHERE id = ?",
                   (sid,))[0][0]
    head = "%s%d-%d-" % (kind, sid, expires)
    h = hashlib.blake2b(digest_size=16, key=key)
    h.update(b"octavo signed link v1\0")
    h.update(head.encode())
    h.update(b"\0")
    h.update(salt.encode())
    mac = base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode()
    return head + mac


def path_of(url):
    return urllib.parse.urlsplit(url).path


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-optin-")
    db = os.path.join(tmp, "t.db")
    harness.make_demo(db, 20)
    subprocess.run([harness.BIN, "site", "--db", db, "set", "base_url",
                    BASE], check=True, stdout=subprocess.DEVNULL)
    with smtpsink.Sink() as sink, \
            harness.Server(db=db, config=sink.config()) as srv:
        who = "reader@example.org"
        st, h, body = signup(srv, who)
        check_eq("sign-up: 200", st, 200)
        first = main_text(body)
        check_in("sign-up: the page says a mail follows", "Almost done",
                 first)
        sink.wait(lambda: sink.count() >= 1, "the confirmation")
        msgs = sink.to(who)
        check_eq("sign-up: one confirmation mail", len(msgs), 1)
        if not msgs:
            return
        m = msgs[0]
        check_eq("confirmation: no parser defect", smtpsink.defects(m), [])
        check_in("confirmation: subject", "Confirm your subscription",
                 str(m["subject"]))
        check_eq("confirmation: sender's name decoded",
                 m["from"].addresses[0].display_name,
                 "Revue d\u2019\u00e9tudes")
        check_eq("confirmation: multipart/alternative",
                 m.get_content_type(), "multipart/alternative")
        text = smtpsink.body(m, "plain")
        html = smtpsink.body(m, "html")
        links = re.findall(re.escape(BASE) + r"/newsletter/confirm/\S+",
                           text)
        check_eq("confirmation: one confirm link in the text", len(links), 1)
        if not links:
            return
        link = links[0]
        check_in("confirmation: the same link in the HTML", link, html)
        check("confirmation: no script in the HTML",
              "<script" not in html.lower(), html[:200])

        # Again, in another case: the same page, no second mail.
        for again in (who, "Reader@Example.ORG"):
            st, h, body = signup(srv, again)
            check_eq("again as %s: 200" % again, st, 200)
            check_eq("again as %s: the same page" % again,
                     main_text(body).replace(again, who), first)
        check_eq("again: still one confirmation queued",
                 len(deliveries(srv, who)), 1)

        # One client: 20 sign-ups an hour send mail (three so far), the
        # same page for all.
        answers = set()
        for i in range(25):
            a = "flood%d@example.org" % i
            st, h, body = signup(srv, a)
            answers.add((st, main_text(body).replace(a, "X")))
        check_eq("flood: one answer for all", len(answers), 1)
        n = srv.sql("SELECT count(*) FROM deliveries WHERE kind ="
                    " 'confirm'")[0][0]
        check_eq("flood: confirmations for 20 sign-ups of one client in "
                 "the hour", n, 1 + 20 - 3)
        check_eq("flood: every address stored, pending",
                 srv.sql("SELECT count(*) FROM subscribers WHERE email"
                         " LIKE 'flood%' AND status = 'pending'")[0][0], 25)

        # The link confirms; twice is harmless.
        p = path_of(link)
        st, h, body = srv.get(p)
        check_eq("confirm: 200", st, 200)
        check_in("confirm: says so", "confirmed", main_text(body))
        check_in("confirm: not stored by caches", "no-store",
                 h.get("cache-control", ""))
        check_eq("confirm: subscriber confirmed",
                 srv.sql("SELECT status FROM subscribers WHERE email = ?",
                         (who,)), [("confirmed",)])
        st, h, body = srv.get(p)
        check_eq("confirm again: 200", st, 200)
        check_in("confirm again: already", "already", main_text(body))
        hrefs = re.findall(rb'href="(/newsletter/preferences/[^"]+)"', body)
        check_eq("confirm: a link to the preferences", len(hrefs), 1)

        # Forged, cut, of another kind: 404.
        token = p.rsplit("/", 1)[1]
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
        sid = int(re.match(r"c(\d+)-", token).group(1))
        other = make_token(srv, "u", sid, 0)
        for name, t in (("forged MAC", forged), ("cut", token[:-3]),
                        ("garbage", "hello"),
                        ("another subscriber's id",
                         "c%d" % (sid + 1) + token[len("c%d" % sid):]),
                        ("an unsubscribe token", other)):
            st, h, body = srv.get("/newsletter/confirm/" + t)
            check_eq("confirm with a %s: 404" % name, st, 404)
        st, h, body = srv.get("/newsletter/confirm/" +
                              make_token(srv, "c", sid, 1000))
        check_eq("confirm, expired: 410", st, 410)
        check_in("confirm, expired: says sign up again", "sign up again",
                 main_text(body))
        # A token the test made is accepted: the format is as documented.
        pending = srv.sql("SELECT id FROM subscribers WHERE email ="
                          " 'flood0@example.org'")[0][0]
        st, h, body = srv.get("/newsletter/confirm/" +
                              make_token(srv, "c", pending, 4102444800))
        check_eq("confirm with a token made by the test: 200", st, 200)

        # Preferences.
        pp = hrefs[0].decode() if hrefs else "/"
        st, h, body = srv.get(pp)
        check_eq("preferences: 200", st, 200)
        check_eq("preferences: three topics, all on",
                 len(re.findall(rb'type="checkbox"[^>]* checked', body)), 3)
        st, h, body = srv.request("POST", pp, body="topic_issues=1",
                                  headers=FORM)
        check_eq("preferences saved: 200", st, 200)
        check_eq("preferences saved: topics", srv.sql(
            "SELECT topics FROM subscribers WHERE id = ?", (sid,)),
            [("issues",)])
        un = re.findall(rb'href="(/newsletter/unsubscribe/[^"]+)"', body)
        check_eq("preferences: an unsubscribe link", len(un), 1)

        # Unsubscribe: GET shows a button and changes nothing.
        up = un[0].decode() if un else "/"
        st, h, body = srv.get(up)
        check_eq("unsubscribe GET: 200", st, 200)
        check("unsubscribe GET: a button", b"<button" in body, "")
        check_eq("unsubscribe GET: still confirmed", srv.sql(
            "SELECT status FROM subscribers WHERE id = ?", (sid,)),
            [("confirmed",)])
        # The one-click POST: no cookie, no CSRF token.
        st, h, body = srv.request("POST", up,
                                  body="List-Unsubscribe=One-Click",
                                  headers=FORM)
        check_eq("one-click POST: 200", st, 200)
        check_eq("one-click POST: unsubscribed", srv.sql(
            "SELECT status FROM subscribers WHERE id = ?", (sid,)),
            [("unsubscribed",)])
        st, h, body = srv.get(p)
        check_eq("confirm after unsubscribing: 410", st, 410)
        # Signing up again within the hour of the last confirmation: the
        # same page, and no mail (an address gets one an hour).
        st, h, body = signup(srv, who)
        check_eq("sign up after leaving: the same page",
                 main_text(body), first)
        check_eq("sign up after leaving, within the hour: no mail",
                 len(deliveries(srv, who)), 1)
    harness.done()


if __name__ == "__main__":
    main()
