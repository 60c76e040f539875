"""A real SMTP server for the newsletter's tests: aiosmtpd (Debian's
python3-aiosmtpd) on a free loopback port, in this process.  It keeps
every message it accepts, with its envelope recipients, and can be told
to answer some recipients 451 a number of times (then accept), to
refuse some with 550, and to stop and start again on the same port.
"""
import email
import email.policy
import threading

from aiosmtpd.controller import Controller

import harness


class Handler:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []          # (recipients, bytes)
        self.temp = {}              # address -> 451s still to answer
        self.perm = set()           # addresses answered 550
        self.rcpt_seen = {}         # address -> RCPT TO commands

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        with self.lock:
            self.rcpt_seen[address] = self.rcpt_seen.get(address, 0) + 1
            if address in self.perm:
                return "550 5.1.1 <%s>: no such user" % address
            if self.temp.get(address, 0) > 0:
                self.temp[address] -= 1
                return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos),
                                  bytes(envelope.original_content)))
        return "250 2.0.0 OK queued"


class Sink:
    def __init__(self, port=None):
        self.handler = Handler()
        self.port = port or harness.free_port()
        self.ctl = None
        self.start()

    def start(self):
        self.ctl = Controller(self.handler, hostname="127.0.0.1",
                              port=self.port, data_size_limit=0)
        self.ctl.start()

    def stop(self):
        if self.ctl is not None:
            self.ctl.stop()
            self.ctl = None

    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def config(self, **extra):
        """octavo.conf lines for this sink (no TLS: aiosmtpd has none)."""
        lines = {"smtp_url": self.url(), "smtp_tls": "none",
                 "mail_from": "Revue d\u2019\u00e9tudes <news@example.org>",
                 "mail_list_id": "news.example.org", "mail_retry": "1"}
        lines.update({k: str(v) for k, v in extra.items()})
        return "".join("%s %s\n" % kv for kv in lines.items())

    def count(self):
        with self.handler.lock:
            return len(self.handler.messages)

    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def to(self, address):
        """The parsed messages for address."""
        return [parse(b) for r, b in self.messages() if address in r]

    def wait(self, pred, what, rounds=6000):
        """Poll (every 0.05 s) until pred() is true; False if never.
        A guard against hanging, not a time limit on the code."""
        for _ in range(rounds):
            if pred():
                return True
            harness.Server.pause(0.05)
        print("note: gave up waiting for %s" % what)
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def defects(msg):
    """Every defect the parser found, in the message, its parts and its
    headers."""
    d = list(msg.defects)
    for p in msg.walk():
        d += p.defects
        for k in p.keys():
            d += getattr(p[k], "defects", ())
    return d


def body(msg, kind):
    part = msg.get_body((kind,))
    return part.get_content() if part is not None else None
