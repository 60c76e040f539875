"""Shared by the HTTP tests: start the real octavo server on a free
loopback port with a fresh demo database, talk to it with http.client,
and report each check as one line, "PASS name" or "FAIL name: why"
(tests/run.sh counts them).

Environment (set by tests/run.sh): OCTAVO_BIN, OCTAVO_ROOT, SHARED.
"""
import http.client
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.environ.get("OCTAVO_ROOT", os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
BIN = os.environ.get("OCTAVO_BIN", os.path.join(ROOT, "octavo"))
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(ROOT),
                                               "shared"))
ROBOTS = os.path.join(SHARED, "conformance", "counter-robots",
                      "COUNTER_Robots_list.json")
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
              "Firefox/128.0")
TODAY = "2026-11-25"

failures = 0


def check(name, ok, why=""):
    """Print one PASS/FAIL line; returns ok."""
    global failures
    if ok:
        print("PASS " + name)
    else:
        failures += 1
        print("FAIL %s: %s" % (name, why))
    sys.stdout.flush()
    return ok


def check_eq(name, have, want):
    return check(name, have == want, "have %r, want %r" % (have, want))


def check_in(name, needle, hay):
    return check(name, needle in hay, "%r not found" % (needle,))


def done():
    """Exit with the status the runner expects."""
    sys.exit(1 if failures else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def make_demo(path, articles=60, seed=7):
    subprocess.run([BIN, "demo", "--db", path, "--articles", str(articles),
                    "--seed", str(seed), "--today", TODAY], check=True,
                   stdout=subprocess.DEVNULL)


class Server:
    """A running `octavo serve` on a fresh demo database.

    Use as a context manager; stop() sends SIGTERM and returns the exit
    status; sanitizer reports on stderr make the test fail.
    """

    def __init__(self, articles=60, extra=(), db=None, config=None):
        self.dir = tempfile.mkdtemp(prefix="octavo-test-")
        self.db = db or os.path.join(self.dir, "t.db")
        if db is None:
            make_demo(self.db, articles)
        self.port = free_port()
        self.errlog = os.path.join(self.dir, "stderr.log")
        self.acclog = os.path.join(self.dir, "access.log")
        args = [BIN, "serve", "--db", self.db,
                "--listen", "127.0.0.1:%d" % self.port,
                "--theme", os.path.join(ROOT, "themes", "default"),
                "--robots", ROBOTS]
        if config:
            cf = os.path.join(self.dir, "octavo.conf")
            with open(cf, "w") as f:
                f.write(config)
            args += ["--config", cf]
        args += list(extra)
        self.proc = subprocess.Popen(args, stdout=open(self.acclog, "w"),
                                     stderr=open(self.errlog, "w"),
                                     cwd=ROOT)
        self._wait_ready()

    def _wait_ready(self):
        for _ in range(600):
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.stderr())
            try:
                socket.create_connection(("127.0.0.1", self.port),
                                         timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stderr(self):
        with open(self.errlog, errors="replace") as f:
            return f.read()

    def request(self, method, path, body=None, headers=None,
                source=None):
        """(status, headers dict lower-cased, body bytes)."""
        h = {"User-Agent": BROWSER_UA}
        h.update(headers or {})
        c = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30,
            source_address=(source, 0) if source else None)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in
                              r.getheaders()}, data
        finally:
            c.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def alive(self):
        """True if the server still answers the home page."""
        try:
            return self.get("/")[0] == 200
        except OSError:
            return False

    def sql(self, query, args=()):
        con = sqlite3.connect(self.db, timeout=10)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    def stop(self):
        """SIGTERM, wait; returns (exit status, stderr text)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode, self.stderr()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        rc, err = self.stop()
        check("server exits cleanly on SIGTERM", rc == 0,
              "status %r" % rc)
        check("no sanitizer report", "Sanitizer" not in err and
              "runtime error" not in err, err[-2000:])
        shutil.rmtree(self.dir, ignore_errors=True)
        return False
