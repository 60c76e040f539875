"""bench/mail.py: a campaign to BENCH_MAIL_SUBSCRIBERS (100,000)
subscribers sent by `octavo mail send` to postfix's smtp-sink on
loopback, and postfix's smtp-source sending as many messages of the
same size to the same sink, with as many sessions (connecting for each
message, its default, and with -d keeping its connections as Octavo
does).  Prints messages a second for each, the ratios (the issue's
goal: at least 0.8), and Octavo's peak memory (and the same for a
tenth of the list: memory should not grow with it).  `make bench` runs it; alone: python3
bench/mail.py (needs postfix's smtp-sink and smtp-source).

  BENCH_MAIL_SUBSCRIBERS  subscribers    (default 100000)
  BENCH_MAIL_SESSIONS     SMTP sessions  (default 8)
  BENCH_MAIL_OCTAVO       the octavo to time (default build/rel/octavo;
                          another build's, to compare in turn)
"""
import os
import resource
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BENCH_MAIL_OCTAVO",
                     os.path.join(ROOT, "build", "rel", "octavo"))
N = int(os.environ.get("BENCH_MAIL_SUBSCRIBERS", "100000"))
SESSIONS = int(os.environ.get("BENCH_MAIL_SESSIONS", "8"))


def say(*a):
    print("mail:", *a, file=sys.stderr)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def journal(tmp, n):
    db = os.path.join(tmp, "j%d.db" % n)
    subprocess.run([BIN, "demo", "--db", db, "--articles", "60"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "site", "--db", db, "set", "base_url",
                    "https://journal.example.org"], check=True,
                   stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    con.executemany(
        "INSERT INTO subscribers (email, status, token, created_at)"
        " VALUES (?, 'confirmed', ?, '2026-01-01T00:00:00Z')",
        ((("reader%d@example.net" % i), secrets.token_hex(32))
         for i in range(n)))
    body = open(os.path.join(ROOT, "README.md")).read()[:3000]
    con.execute("INSERT INTO campaigns (subject, body_text, body_html,"
                " topic, created_at) VALUES ('Issue 12: the sea', ?, ?,"
                " 'issues', 0)", (body, "<p>" + body + "</p>"))
    con.commit()
    con.close()
    return db


def octavo_send(tmp, db, port):
    conf = os.path.join(tmp, "octavo.conf")
    with open(conf, "w") as f:
        f.write("smtp_url smtp://127.0.0.1:%d\nsmtp_tls none\n"
                "mail_from Journal <news@example.org>\n"
                "mail_list_id news.example.org\nmail_sessions %d\n" %
                (port, SESSIONS))
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "mail",
                        "--config", conf, "--db", db, "send",
                        "--campaign", "1"], capture_output=True, text=True)
    secs = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit("mail: octavo mail send failed: " + p.stderr[-500:])
    peak = int(p.stderr.strip().splitlines()[-1])
    sent = int(p.stdout.split("sent ")[1].split(",")[0])
    return sent, secs, peak


def one_size(tmp):
    """The size of one of the campaign's messages, caught by aiosmtpd."""
    from aiosmtpd.controller import Controller

    got = []

    class H:
        async def handle_DATA(self, server, session, envelope):
            got.append(len(envelope.original_content))
            return "250 OK"

    port = free_port()
    ctl = Controller(H(), hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        octavo_send(tmp, journal(tmp, 1), port)
    finally:
        ctl.stop()
    return got[0]


def smtp_source(port, size, extra):
    """Seconds smtp-source takes to send N messages of size bytes."""
    t0 = time.monotonic()
    subprocess.run(["/usr/sbin/smtp-source", "-s", str(SESSIONS)] + extra +
                   ["-l", str(size), "-m", str(N), "-f", "news@example.org",
                    "-t", "reader@example.net", "127.0.0.1:%d" % port],
                   check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def main():
    for c in ("smtp-sink", "smtp-source"):
        if shutil.which(c, path="/usr/sbin:/usr/bin") is None:
            sys.exit("mail: postfix's %s is missing" % c)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("mail: /usr/bin/time is missing")
    tmp = tempfile.mkdtemp(prefix="octavo-bench-mail-")
    port = free_port()
    sink = subprocess.Popen(["/usr/sbin/smtp-sink", "-u", "nobody",
                             "127.0.0.1:%d" % port, "256"],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        size = one_size(tmp)
        small = journal(tmp, N // 10)
        big = journal(tmp, N)
        _, _, peak_small = octavo_send(tmp, small, port)
        sent, secs, peak = octavo_send(tmp, big, port)
        src_secs = smtp_source(port, size, [])
        # -d: one connection a session for all its messages, as Octavo.
        keep_secs = smtp_source(port, size, ["-d"])
        o_rate = sent / secs
        s_rate = N / src_secs
        k_rate = N / keep_secs
        print("mail: octavo mail send   %7d messages in %6.1f s: %7.0f msgs/s"
              % (sent, secs, o_rate))
        print("mail: smtp-source        %7d messages in %6.1f s: %7.0f msgs/s"
              " (%d bytes each)" % (N, src_secs, s_rate, size))
        print("mail: smtp-source -d     %7d messages in %6.1f s: %7.0f msgs/s"
              " (connections kept)" % (N, keep_secs, k_rate))
        print("mail: ratio %.2f (goal 0.8; against -d %.2f); octavo's peak"
              " memory %.1f MB (%d subscribers: %.1f MB)" % (
                  o_rate / s_rate, o_rate / k_rate, peak / 1024, N // 10,
                  peak_small / 1024))
        # The machine may be shared: say how busy it was.
        print("mail: load average %.2f %.2f %.2f" % os.getloadavg())
    finally:
        sink.terminate()
        sink.wait()
        shutil.rmtree(tmp, ignore_errors=True)


main()
