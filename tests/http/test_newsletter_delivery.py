"""Campaign delivery against a real SMTP server (aiosmtpd, smtpsink.py):
`octavo mail send --campaign N` and the deliveries table.

- 2,000 subscribers: each receives exactly one message, and each parses
  without defects with Python's email parser (policy=default), with its
  own List-Unsubscribe (https and mailto), One-Click, List-Id; the
  https link unsubscribes by a POST with no cookie.
- Some recipients answered 451 twice, then accepted: delivered once.
- Some refused with 550: failed, never tried again; the third hard
  failure in a row bounces the subscriber.
- The daily quota stops sending at the quota, the rest waits.
- Most subscribers of a queued campaign leave before it goes: their
  rows are dropped, whole claimed batches at once; the others get one.
- The relay stops in the middle of a campaign and comes back; and,
  separately, the sender is killed with SIGKILL in the middle and run
  again: every subscriber has the message in the end, and the number
  who got it twice (printed) is at most the sessions in flight.
"""
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import smtpsink  # noqa: E402
from harness import check, check_eq  # noqa: E402

BASE = "https://journal.example.org"
SESSIONS = 6


def fresh_db(n):
    """A demo database with n confirmed subscribers sub<i>@example.net."""
    tmp = tempfile.mkdtemp(prefix="octavo-delivery-")
    db = os.path.join(tmp, "t.db")
    harness.make_demo(db, 10)
    subprocess.run([harness.BIN, "site", "--db", db, "set", "base_url",
                    BASE], check=True, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    con.executemany(
        "INSERT INTO subscribers (email, status, token, created_at,"
        " confirmed_at) VALUES (?, 'confirmed', ?, '2026-01-01T00:00:00Z',"
        " '2026-01-01T00:00:00Z')",
        [("sub%d@example.net" % i, secrets.token_hex(32))
         for i in range(n)])
    con.commit()
    con.close()
    return tmp, db


def add_campaign(db, subject="Issue 12: the sea \u2014 \u00e9t\u00e9"):
    con = sqlite3.connect(db)
    cur = con.execute(
        "INSERT INTO campaigns (subject, body_text, body_html, topic,"
        " created_at) VALUES (?, ?, ?, 'issues', 0)",
        (subject, "The new issue is out.\n\n" + "A line of text. " * 80,
         "<h1>The new issue</h1><p>" + "A line of text. " * 80 + "</p>"))
    con.commit()
    cid = cur.lastrowid
    con.close()
    return cid


def conf(tmp, sink, **extra):
    path = os.path.join(tmp, "octavo.conf")
    with open(path, "w") as f:
        f.write(sink.config(mail_sessions=SESSIONS, **extra))
    return path


def send(db, config, campaign=None, wait=True):
    args = [harness.BIN, "mail", "--config", config, "--db", db, "send"]
    if campaign:
        args += ["--campaign", str(campaign)]
    p = subprocess.Popen(harness.WRAP + args, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    if not wait:
        return p
    out, err = p.communicate()
    return p.returncode, out, err


def sql(db, q, args=()):
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def per_rcpt(sink):
    n = {}
    for rcpts, raw in sink.messages():
        for r in rcpts:
            n[r] = n.get(r, 0) + 1
    return n


def test_big(sink):
    tmp, db = fresh_db(2000)
    cid = add_campaign(db)
    rc, out, err = send(db, conf(tmp, sink), cid)
    check_eq("2,000: mail send exits 0", rc, 0)
    check("2,000: mail send says what it sent",
          "2000 messages queued" in out and "sent 2000," in out, out + err)
    n = per_rcpt(sink)
    check_eq("2,000: every subscriber has a message", len(n), 2000)
    check_eq("2,000: nobody has two", [a for a, k in n.items() if k != 1],
             [])
    bad, heads, tokens = [], 0, set()
    for rcpts, raw in sink.messages():
        m = smtpsink.parse(raw)
        d = smtpsink.defects(m)
        if d:
            bad.append((rcpts, d))
        lu = str(m["list-unsubscribe"] or "")
        urls = re.findall(r"<([^>]+)>", lu)
        if (len(urls) == 2 and urls[0].startswith(BASE +
                "/newsletter/unsubscribe/") and
                urls[1].startswith("mailto:") and
                str(m["list-unsubscribe-post"]) ==
                "List-Unsubscribe=One-Click" and
                "<news.example.org>" in str(m["list-id"]) and
                m["to"].addresses[0].addr_spec == rcpts[0] and
                max(len(x) for x in raw.split(b"\r\n")) <= 998):
            heads += 1
            tokens.add(urls[0])
    check_eq("2,000: every message parses without defects", bad[:3], [])
    check_eq("2,000: every message has its headers", heads, 2000)
    check_eq("2,000: every message its own unsubscribe link",
             len(tokens), 2000)
    check_eq("2,000: every delivery marked sent", sql(
        db, "SELECT status, count(*) FROM deliveries GROUP BY status"),
        [("sent", 2000)])
    m = smtpsink.parse(sink.messages()[0][1])
    check_eq("2,000: subject decoded", str(m["subject"]),
             "Issue 12: the sea \u2014 \u00e9t\u00e9")
    html = smtpsink.body(m, "html")
    check("2,000: HTML has the footer's unsubscribe link",
          "/newsletter/unsubscribe/" in html and "<script" not in html,
          html[-400:])
    # The message's https link unsubscribes by a POST with no cookie.
    url = re.findall(r"<([^>]+)>", str(m["list-unsubscribe"]))[0]
    who = m["to"].addresses[0].addr_spec
    with harness.Server(db=db) as srv:
        st, h, body = srv.request(
            "POST", urllib.parse.urlsplit(url).path,
            body="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        check_eq("one-click from a campaign mail: 200", st, 200)
        check_eq("one-click from a campaign mail: unsubscribed", sql(
            db, "SELECT status FROM subscribers WHERE email = ?", (who,)),
            [("unsubscribed",)])
    rc, out, err = send(db, conf(tmp, sink), cid)
    check_eq("a campaign is queued once", rc, 1)


def test_retry_and_refusal(sink):
    tmp, db = fresh_db(200)
    temp = ["sub%d@example.net" % i for i in range(0, 200, 10)]
    perm = ["sub%d@example.net" % i for i in range(5, 200, 20)]
    for a in temp:
        sink.handler.temp[a] = 2
    sink.handler.perm.update(perm)
    # One of the refused was refused twice before: the third bounces it.
    sql_w(db, "UPDATE subscribers SET hard_bounces = 2 WHERE email = ?",
          (perm[0],))
    cid = add_campaign(db)
    rc, out, err = send(db, conf(tmp, sink), cid)
    check_eq("4xx/5xx: mail send exits 0", rc, 0)
    n = per_rcpt(sink)
    check_eq("451 twice then accepted: each delivered once",
             [n.get(a, 0) for a in temp], [1] * len(temp))
    check_eq("451 twice then accepted: tried three times",
             [sink.handler.rcpt_seen.get(a) for a in temp],
             [3] * len(temp))
    check_eq("550: nothing delivered", [n.get(a, 0) for a in perm],
             [0] * len(perm))
    check_eq("550: tried once, never again",
             [sink.handler.rcpt_seen.get(a) for a in perm], [1] * len(perm))
    rows = sql(db, "SELECT d.status, count(*), min(d.reply) FROM deliveries d"
               " WHERE d.address IN (%s) GROUP BY d.status" %
               ",".join("?" * len(perm)), perm)
    check("550: marked failed with the relay's answer",
          len(rows) == 1 and rows[0][0] == "failed" and
          rows[0][1] == len(perm) and rows[0][2].startswith("550"),
          repr(rows))
    check_eq("550 a third time in a row: bounced", sql(
        db, "SELECT status FROM subscribers WHERE email = ?", (perm[0],)),
        [("bounced",)])
    check_eq("550 once: still confirmed", sql(
        db, "SELECT status FROM subscribers WHERE email = ?", (perm[1],)),
        [("confirmed",)])
    check_eq("the others: sent", sql(
        db, "SELECT count(*) FROM deliveries WHERE status = 'sent'"),
        [(200 - len(perm),)])


def test_quota(sink):
    tmp, db = fresh_db(120)
    cid = add_campaign(db)
    rc, out, err = send(db, conf(tmp, sink, mail_daily_quota=50), cid)
    check_eq("quota: mail send exits 0", rc, 0)
    check_eq("quota: 50 sent", sink.count(), 50)
    check_eq("quota: the rest waits, queued", sql(
        db, "SELECT status, count(*) FROM deliveries GROUP BY status"),
        [("queued", 70), ("sent", 50)])
    check("quota: says so", "quota" in err, err)


def test_left(sink):
    """Most of a queued campaign's subscribers leave before it goes: whole
    claimed batches end at once, not sent (more of them in a turn than
    there are sessions); the others get one message each."""
    tmp, db = fresh_db(300)
    cid = add_campaign(db)
    rc, out, err = send(db, conf(tmp, sink, mail_daily_quota=1), cid)
    check_eq("left: queued, one sent", sink.count(), 1)
    sql_w(db, "UPDATE subscribers SET status = 'unsubscribed' WHERE"
          " id IN (SELECT subscriber_id FROM deliveries WHERE status ="
          " 'queued' ORDER BY id LIMIT 240)")
    rc, out, err = send(db, conf(tmp, sink))
    check_eq("left: mail send exits 0", rc, 0)
    n = per_rcpt(sink)
    check_eq("left: those who stayed have one message each",
             (len(n), max(n.values())), (60, 1))
    check_eq("left: the others dropped, not sent", sql(
        db, "SELECT status, count(*) FROM deliveries GROUP BY status"),
        [("dropped", 240), ("sent", 60)])


def sql_w(db, q, args=()):
    con = sqlite3.connect(db, timeout=30)
    con.execute(q, args)
    con.commit()
    con.close()


def interrupted(sink, how):
    """A campaign to 1,500 interrupted at about 500 sent."""
    tmp, db = fresh_db(1500)
    cid = add_campaign(db)
    config = conf(tmp, sink, mail_lease=2)
    p = send(db, config, cid, wait=False)
    sink.wait(lambda: sink.count() >= 500, "500 messages")
    if how == "relay":
        sink.stop()
        sink.wait(lambda: sql(db, "SELECT count(*) FROM deliveries"
                              " WHERE status = 'deferred'")[0][0] > 0,
                  "a deferral")
        sink.start()
        out, err = p.communicate()
        check_eq("relay stopped: mail send exits 0", p.returncode, 0)
    else:
        os.kill(p.pid, signal.SIGKILL)
        p.communicate()
        check_eq("SIGKILL: the sender died", p.returncode, -signal.SIGKILL)
        at_kill = sink.count()
        check("SIGKILL: killed in the middle", 0 < at_kill < 1500,
              "%d at the kill" % at_kill)
        rc, out, err = send(db, config)
        check_eq("SIGKILL: mail send again exits 0", rc, 0)
    n = per_rcpt(sink)
    twice = sum(1 for k in n.values() if k > 1)
    print("note: %s: %d of 1500 got the message twice (sessions %d)" %
          (how, twice, SESSIONS))
    check_eq("%s: every subscriber has the message" % how, len(n), 1500)
    check("%s: twice at most for the sessions in flight" % how,
          twice <= SESSIONS and max(n.values()) <= 2,
          "%d twice" % twice)
    check_eq("%s: every delivery marked sent" % how, sql(
        db, "SELECT status, count(*) FROM deliveries GROUP BY status"),
        [("sent", 1500)])


def main():
    with smtpsink.Sink() as sink:
        test_big(sink)
    with smtpsink.Sink() as sink:
        test_retry_and_refusal(sink)
    with smtpsink.Sink() as sink:
        test_quota(sink)
    with smtpsink.Sink() as sink:
        test_left(sink)
    with smtpsink.Sink() as sink:
        interrupted(sink, "relay")
    with smtpsink.Sink() as sink:
        interrupted(sink, "SIGKILL")
    harness.done()


if __name__ == "__main__":
    main()
