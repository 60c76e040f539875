"""The back office's newsletter, through the real server, its mailer and
a real SMTP server (aiosmtpd, smtpsink.py): editors compose a campaign
from an issue (its table of contents, with links) or as a digest,
change it, preview it, try it on one address, send it (to the confirmed
subscribers of its topic only, once: sending again is refused) or
schedule it; the subscribers are searched, exported as CSV, imported
from CSV (only rows with a consent) and erased with their deliveries.
Authors are refused; forms need the CSRF token; changes are audited.
"""
import csv
import io
import os
import re
import secrets
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import smtpsink  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import EMAIL, PW, Client, audit_actions, loc, user_add  # noqa: E402,E501


def add_subscriber(srv, email, topics="issues,events,news",
                   status="confirmed"):
    srv.sql_write("INSERT INTO subscribers (email, status, token, topics,"
                  " created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')",
                  (email, status, secrets.token_hex(32), topics))


def multipart(fields, files):
    b = "----octavo%s" % secrets.token_hex(8)
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n" % (b, k, v)).encode())
    for k, (name, data) in files.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\";"
                   " filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n" %
                   (b, k, name)).encode() + data + b"\r\n")
    out.write(("--%s--\r\n" % b).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + b


def campaign_id(h):
    m = re.search(r"/admin/newsletter/(\d+)", loc(h) or "")
    return int(m.group(1)) if m else None


def main():
    with smtpsink.Sink() as sink, \
            harness.Server(config=sink.config()) as srv:
        for role in ("editor", "author"):
            user_add(srv.db, EMAIL[role], role, PW[role])
        ed, au = Client(srv), Client(srv, source="127.0.0.2")
        ed.login(EMAIL["editor"], PW["editor"])
        au.login(EMAIL["author"], PW["author"])
        st, h, body = au.get("/admin/newsletter")
        check_eq("author: 403", st, 403)
        st, h, body = ed.get("/admin/newsletter")
        check_eq("editor: 200", st, 200)
        check_in("the nav names it", 'href="/admin/newsletter"', body)
        for i in range(3):
            add_subscriber(srv, "reader%d@example.net" % i)
        add_subscriber(srv, "events@example.net", topics="events")
        add_subscriber(srv, "left@example.net", status="unsubscribed")

        # Compose from the latest issue.
        doc = parse_html(body)
        opt = doc.find("option", attrs={"selected": True})
        source = opt.attrs["value"] if opt else ""
        check("compose: the latest issue is offered first",
              source.startswith("issue:"), source)
        tok = ed.csrf("/admin/newsletter")
        st, h, body = ed.post("/admin/newsletter", {
            "source": source, "topic": "issues"})
        check_eq("compose without CSRF: 403", st, 403)
        st, h, body = ed.post("/admin/newsletter", {
            "csrf": tok, "source": source, "topic": "issues"})
        check_eq("compose: 303", st, 303)
        cid = campaign_id(h)
        check("compose: to the campaign's page", cid is not None, loc(h))
        number = int(source.split(":")[1])
        titles = [t for (t,) in srv.sql(
            "SELECT a.title FROM articles a JOIN issues i ON i.id ="
            " a.issue_id WHERE i.number = ? AND a.status = 'published'",
            (number,))]
        row = srv.sql("SELECT subject, body_text, body_html, status, topic"
                      " FROM campaigns WHERE id = ?", (cid,))[0]
        check_in("compose: the subject names the issue", str(number),
                 row[0])
        check("compose: every article of the issue, linked",
              all(t.split(" ")[0] in row[1] for t in titles) and
              row[2].count("/articles/") == len(titles),
              "%d titles, %d links" % (len(titles),
                                       row[2].count("/articles/")))
        check_eq("compose: a draft for issues", row[3:], ("draft",
                                                           "issues"))
        page = "/admin/newsletter/%d" % cid
        st, h, body = ed.get(page)
        check_eq("campaign page: 200", st, 200)
        check_in("campaign page: the preview links the articles",
                 "/articles/", body)

        # Change it; a bad one comes back with the message beside it.
        tok = ed.csrf(page)
        st, h, body = ed.post(page, {"csrf": tok, "subject": "",
                                     "topic": "issues", "body": "x"})
        check_eq("change, no subject: 422", st, 422)
        check_in("change, no subject: says so", "Enter the subject", body)
        st, h, body = ed.post(page, {
            "csrf": tok, "subject": "Issue %d \u2014 \u00e9t\u00e9" % number,
            "topic": "issues", "body": row[1] + "\nSee you soon.\n"})
        check_eq("change: 303", st, 303)
        check_eq("change: saved", srv.sql(
            "SELECT subject FROM campaigns WHERE id = ?", (cid,))[0][0],
            "Issue %d \u2014 \u00e9t\u00e9" % number)

        # Try it on one address.
        st, h, body = ed.post(page + "/test", {"csrf": tok,
                                               "address": "nope"})
        check_eq("test, bad address: 422", st, 422)
        st, h, body = ed.post(page + "/test", {
            "csrf": tok, "address": "proof@example.org"})
        check_eq("test: 303", st, 303)
        sink.wait(lambda: sink.to("proof@example.org"), "the test mail")
        t = sink.to("proof@example.org")
        check_eq("test: one message", len(t), 1)
        if t:
            check_eq("test: no defect", smtpsink.defects(t[0]), [])
            check_eq("test: its subject", str(t[0]["subject"]),
                     "[Test] Issue %d \u2014 \u00e9t\u00e9" % number)
        check_eq("test: no subscriber has it", sum(
            1 for r, b in sink.messages() if "reader0@example.net" in r), 0)

        # Edited after its test, it is sent as edited: the running
        # mailer does not keep the draft it read for the test.
        subject = "Issue %d \u2014 final" % number
        st, h, body = ed.post(page, {
            "csrf": tok, "subject": subject, "topic": "issues",
            "body": row[1] + "\nSee you soon.\n"})
        check_eq("change after the test: 303", st, 303)

        # Send it: the three confirmed subscribers of issues, once.
        st, h, body = ed.post(page + "/send", {"csrf": tok, "send_at": ""})
        check_eq("send: 303", st, 303)
        want = ["reader%d@example.net" % i for i in range(3)]
        sink.wait(lambda: all(sink.to(a) for a in want), "the campaign")
        got = sorted(a for r, b in sink.messages() for a in r
                     if a != "proof@example.org")
        check_eq("send: to the topic's confirmed subscribers, once", got,
                 want)
        for a in want:
            m = sink.to(a)[0]
            check_eq("send: %s's message has no defect" % a,
                     smtpsink.defects(m), [])
            check_eq("send: %s's message has the edited subject" % a,
                     str(m["subject"]), subject)
        sink.wait(lambda: srv.sql(
            "SELECT count(*) FROM deliveries WHERE campaign_id = ? AND"
            " kind = 'campaign' AND status = 'sent'", (cid,))[0][0] == 3,
            "the marks")
        st, h, body = ed.get(page)
        check_in("progress: sent counted", "<dt>Sent</dt><dd>3</dd>", body)
        st, h, body = ed.post(page + "/send", {"csrf": tok, "send_at": ""})
        check_eq("send again: 409", st, 409)

        # A digest; a schedule.
        st, h, body = ed.post("/admin/newsletter", {
            "csrf": tok, "source": "digest", "topic": "news"})
        did = campaign_id(h)
        check_eq("digest: 303", st, 303)
        dpage = "/admin/newsletter/%d" % (did or 0)
        st, h, body = ed.post(dpage + "/send", {
            "csrf": tok, "send_at": "2001-01-01T10:00"})
        check_eq("schedule in the past: 422", st, 422)
        st, h, body = ed.post(dpage + "/send", {
            "csrf": tok, "send_at": "2099-01-01T10:00"})
        check_eq("schedule: 303", st, 303)
        check_eq("schedule: stored", srv.sql(
            "SELECT status, send_at FROM campaigns WHERE id = ?", (did,)),
            [("scheduled", 4070944800)])

        # Subscribers: search, export, import, erase.
        st, h, body = ed.get("/admin/newsletter/subscribers?q=reader1")
        check_eq("search: 200", st, 200)
        check("search: only the match", "reader1@example.net" in body and
              "reader2@example.net" not in body, "")
        st, h, body = ed.get("/admin/newsletter/subscribers.csv")
        check_eq("export: 200", st, 200)
        check_eq("export: CSV", h.get("content-type"),
                 ["text/csv; charset=utf-8"])
        rows = list(csv.reader(io.StringIO(body)))
        check_eq("export: header", rows[0], ["email", "status", "topics",
                                             "created_at", "confirmed_at",
                                             "consent"])
        check_eq("export: every subscriber", len(rows) - 1, srv.sql(
            "SELECT count(*) FROM subscribers")[0][0])
        data = ("email;name;consent\r\nnew1@example.org;A;\"web form,"
                " 2026-03-01\"\r\nnew2@example.org;B;\r\nnot-an-address;C;"
                "yes\r\nreader0@example.net;D;yes\r\n").encode()
        tok = ed.csrf("/admin/newsletter/subscribers")
        body_, ctype = multipart({"csrf": tok}, {"file": ("s.csv", data)})
        st, h, body = ed.request("POST", "/admin/newsletter/subscribers",
                                 raw=body_,
                                 headers={"Content-Type": ctype})
        check_eq("import: 200", st, 200)
        check_in("import: the counts", "1 added, 1 already subscribed, 1 "
                 "without consent and 1 not addresses left out", body)
        check_in("import: the refused lines named", "Line 3: no consent",
                 body)
        check_eq("import: added confirmed with its consent", srv.sql(
            "SELECT status, consent FROM subscribers WHERE email ="
            " 'new1@example.org'"), [("confirmed", "web form, 2026-03-01")])
        check_eq("import: without consent, not added", srv.sql(
            "SELECT count(*) FROM subscribers WHERE email ="
            " 'new2@example.org'"), [(0,)])
        body_, ctype = multipart({"csrf": tok}, {"file": (
            "s.csv", b"address\r\nx@example.org\r\n")})
        st, h, body = ed.request("POST", "/admin/newsletter/subscribers",
                                 raw=body_,
                                 headers={"Content-Type": ctype})
        check_eq("import without the columns: 422", st, 422)
        sid = srv.sql("SELECT id FROM subscribers WHERE email ="
                      " 'reader0@example.net'")[0][0]
        epage = "/admin/newsletter/subscribers/%d/erase" % sid
        st, h, body = ed.get(epage)
        check_eq("erase: asks first", st, 200)
        check_in("erase: names the address", "reader0@example.net", body)
        st, h, body = ed.post(epage, {"csrf": ed.csrf(epage)})
        check_eq("erase: 303", st, 303)
        check_eq("erase: the subscriber and their deliveries are gone",
                 srv.sql("SELECT (SELECT count(*) FROM subscribers WHERE"
                         " email = 'reader0@example.net'), (SELECT count(*)"
                         " FROM deliveries WHERE address ="
                         " 'reader0@example.net')"), [(0, 0)])
        acts = audit_actions(srv)
        check("audited", all(a in acts for a in (
            "campaign made", "campaign changed", "campaign tried",
            "campaign sent", "campaign scheduled", "subscribers exported",
            "subscribers imported", "subscriber erased")), repr(acts))
        check_eq("the audit log keeps no erased address", srv.sql(
            "SELECT count(*) FROM audit WHERE object LIKE '%reader0%'"),
            [(0,)])
    harness.done()


if __name__ == "__main__":
    main()
