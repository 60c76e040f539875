"""octavo mail test and octavo mail bounce, against a real SMTP server
(aiosmtpd, smtpsink.py).

`mail test ADDRESS` sends one message (parsed without defects) and
prints the relay's answer: 250 and exit 0; a refusal's 550 and exit 1;
with STARTTLS required (the default) from a relay that offers none, no
message and exit 1.  `mail bounce` reads a postfix delivery status
notification: the recipient that failed with 5.x.x is bounced, the
delayed one left alone; a message that is no report is refused.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import smtpsink  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402


def run(args, stdin=None):
    p = subprocess.run(harness.WRAP + [harness.BIN, "mail"] + args,
                       input=stdin, capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-mailcli-")
    db = os.path.join(tmp, "t.db")
    harness.make_demo(db, 10)
    subprocess.run([harness.BIN, "site", "--db", db, "set", "base_url",
                    "https://journal.example.org"], check=True,
                   stdout=subprocess.DEVNULL)
    conf = os.path.join(tmp, "octavo.conf")
    with smtpsink.Sink() as sink:
        with open(conf, "w") as f:
            f.write(sink.config())
        rc, out, err = run(["--config", conf, "--db", db, "test",
                            "editor@example.org"])
        check_eq("mail test: exit 0", rc, 0)
        check_eq("mail test: the relay's answer", out.strip(),
                 "sent: 250 2.0.0 OK queued")
        msgs = sink.to("editor@example.org")
        check_eq("mail test: one message", len(msgs), 1)
        if msgs:
            check_eq("mail test: no defect", smtpsink.defects(msgs[0]), [])
            check_in("mail test: its subject", "Test message",
                     str(msgs[0]["subject"]))
        sink.handler.perm.add("nobody@example.org")
        rc, out, err = run(["--config", conf, "--db", db, "test",
                            "nobody@example.org"])
        check_eq("mail test refused: exit 1", rc, 1)
        check_in("mail test refused: the relay's 550", "550 5.1.1", out)
        rc, out, err = run(["--config", conf, "--db", db, "test",
                            "not an address"])
        check_eq("mail test, bad address: exit 2", rc, 2)
        check_in("mail test, bad address: says so", "not an email", err)
        with open(conf, "w") as f:
            f.write(sink.config().replace("smtp_tls none\n", ""))
        before = sink.count()
        rc, out, err = run(["--config", conf, "--db", db, "test",
                            "editor@example.org"])
        check_eq("STARTTLS required, none offered: exit 1", rc, 1)
        check_eq("STARTTLS required, none offered: nothing sent",
                 sink.count(), before)
        rc, out, err = run(["--db", db, "test", "editor@example.org"])
        check_eq("no smtp_url: exit 1", rc, 1)
        check_in("no smtp_url: says so", "smtp_url", err)

    con = sqlite3.connect(db)
    for a in ("gone@example.net", "slow@example.net"):
        con.execute("INSERT INTO subscribers (email, status, token,"
                    " created_at) VALUES (?, 'confirmed', 'x', '')", (a,))
    con.commit()
    con.close()
    with open(os.path.join(harness.ROOT, "tests", "data",
                           "dsn-postfix.eml"), "rb") as f:
        dsn = f.read()
    rc, out, err = run(["--db", db, "bounce"], stdin=dsn)
    check_eq("bounce: exit 0", rc, 0)
    check_in("bounce: the failed one", "gone@example.net: failed 5.1.1, "
             "bounced", out)
    check_in("bounce: the delayed one", "slow@example.net: delayed 4.4.1, "
             "left alone", out)
    con = sqlite3.connect(db)
    st = dict(con.execute("SELECT email, status FROM subscribers WHERE"
                          " email LIKE '%@example.net'").fetchall())
    con.close()
    check_eq("bounce: statuses", st, {"gone@example.net": "bounced",
                                      "slow@example.net": "confirmed"})
    rc, out, err = run(["--db", db, "bounce"], stdin=b"Subject: hi\n\nno\n")
    check_eq("bounce, not a report: exit 1", rc, 1)
    check_in("bounce, not a report: says so", "not a delivery status", err)
    check("bounce, not a report: no sanitizer report",
          "Sanitizer" not in err, err[-500:])
    harness.done()


if __name__ == "__main__":
    main()
