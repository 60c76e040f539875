"""Shared by the HTTP tests: start the real octavo server on a free
loopback port with a fresh demo database, talk to it with http.client,
and report each check as one line, "PASS name" or "FAIL name: why"
(tests/run.sh counts them).

Environment (set by tests/run.sh): OCTAVO_BIN, OCTAVO_ROOT.  The server
runs with the official COUNTER robots list in tests/data/counter-robots.
OCTAVO_WRAP, when set, is a command line put before the server's (make
valgrind sets it to valgrind and its options); the server's exit status
and stderr are checked at stop either way, so a sanitizer or valgrind
report fails the test that started the server.
"""
import http.client
import os
import re
import shlex
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
ROBOTS = os.path.join(ROOT, "tests", "data", "counter-robots",
                      "COUNTER_Robots_list.json")
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
              "Firefox/128.0")
TODAY = "2026-11-25"
WRAP = shlex.split(os.environ.get("OCTAVO_WRAP", ""))

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


def browser_ready(label, module):
    """Whether Debian's Chromium and the npm module a browser test needs
    (tests/node_modules/MODULE, installed by make test) are there; one
    check line each."""
    return (check("%s: Chromium is installed" % label,
                  os.path.exists("/usr/bin/chromium"),
                  "no /usr/bin/chromium") and
            check("%s: %s is installed" % (label, module),
                  os.path.isdir(os.path.join(ROOT, "tests", "node_modules",
                                             module)),
                  "run scripts/install-deps.sh test"))


def run_browser(script, args, prefix):
    """Run tests/browser/SCRIPT with node and print its output.  Returns
    its result lines ("PASS prefix ..." / "FAIL prefix ..."), whose FAILs
    count as failures here; stderr is printed when there are none."""
    global failures
    p = subprocess.run(
        ["node", os.path.join(ROOT, "tests", "browser", script)] + args,
        capture_output=True, text=True, timeout=1800,
        cwd=os.path.join(ROOT, "tests"))
    sys.stdout.write(p.stdout)
    lines = [x for x in p.stdout.splitlines()
             if x.startswith(("PASS " + prefix, "FAIL " + prefix))]
    if not lines:
        print("    stderr: " + p.stderr[-1500:])
    failures += sum(1 for x in lines if x.startswith("FAIL "))
    return lines


def check_screenshots(shots, names):
    """One check per screenshot a browser test saved: NAME-1280.png and
    NAME-390.png in shots, each more than a blank page."""
    for name in names:
        for w in (1280, 390):
            f = os.path.join(shots, "%s-%d.png" % (name, w))
            check("screenshot %s-%d saved" % (name, w),
                  os.path.exists(f) and os.path.getsize(f) > 1000, f)


def reads_text(n):
    """An article page's read count as it is worded: "Read once", "Read
    twice", "Read 1,234 times"."""
    return {1: "Read once", 2: "Read twice"}.get(
        n, "Read {:,} times".format(max(n, 0)))


def reads_number(text):
    """The number a read count's wording says (reads_text's inverse), or
    None for any other wording ("Read 1 times", "Read 1234 times")."""
    t = text.strip()
    if t in ("Read once", "Read twice"):
        return 1 if t == "Read once" else 2
    m = re.fullmatch(r"Read ([0-9]{1,3}(?:,[0-9]{3})*) times", t)
    if not m or m.group(1) in ("1", "2"):
        return None
    return int(m.group(1).replace(",", ""))


def clock():
    """Seconds on a monotonic clock: for ratios of two measurements made
    the same way, never for a limit."""
    return time.monotonic()


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


def set_base_url(srv, probe):
    """Point the site's base_url at the running server (octavo site set)
    and wait until probe, a path whose answer holds absolute URLs and
    may have been cached before, shows it: the server takes a change up
    on its tick.  Returns the base URL."""
    base = "http://127.0.0.1:%d" % srv.port
    subprocess.run([BIN, "site", "--db", srv.db, "set", "base_url", base],
                   check=True, timeout=120, stdout=subprocess.DEVNULL)
    for _ in range(100):
        st, h, body = srv.get(probe)
        if st == 200 and (base + "/").encode() in body:
            break
        srv.pause(0.1)
    return base


class Server:
    """A running `octavo serve` on a fresh demo database.

    Use as a context manager; stop() sends SIGTERM and returns the exit
    status; sanitizer reports on stderr make the test fail.
    """

    def __init__(self, articles=60, extra=(), db=None, config=None,
                 env=None, preexec_fn=None):
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
        full_env = None
        if env:
            full_env = dict(os.environ)
            full_env.update(env)
        self.proc = subprocess.Popen(WRAP + args,
                                     stdout=open(self.acclog, "w"),
                                     stderr=open(self.errlog, "w"),
                                     cwd=ROOT, env=full_env,
                                     preexec_fn=preexec_fn)
        self.pid = self.proc.pid
        self._wait_ready()

    def _wait_ready(self):
        # A wrapped server (valgrind) starts some twenty times slower.
        for _ in range(600 * (20 if WRAP else 1)):
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.stderr())
            try:
                socket.create_connection(("127.0.0.1", self.port),
                                         timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def rss_kb(self):
        """The server's resident set size (VmRSS), in KiB."""
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

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

    def sql_write(self, query, args=()):
        """Run one write, as an operator's sqlite3 shell would."""
        con = sqlite3.connect(self.db, timeout=10)
        try:
            con.execute(query, args)
            con.commit()
        finally:
            con.close()

    @staticmethod
    def pause(seconds):
        """Wait for the server's own clock (its one-second tick)."""
        time.sleep(seconds)

    def stop(self):
        """SIGTERM, wait; returns (exit status, stderr text)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60 * (10 if WRAP else 1))
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
        if WRAP and "valgrind" in WRAP[0]:
            check("no valgrind report (errors and leaks)",
                  re.search(r"^==\d+== ", err, re.M) is None, err[-3000:])
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


# ---------------------------------------------------------------------------
# Helpers for the page tests: raw requests (for what http.client refuses to
# send), a small DOM over html.parser, and text the way a reader sees it.

def raw_request(port, data, source=None, timeout=30):
    """Send bytes as they are on a fresh connection and read until the
    server closes it (send "Connection: close").  Returns (status, headers
    dict lower-cased, body bytes); status is None when the server closed
    without a status line.  A reset while sending is tolerated: what the
    server answered is still read."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                 source_address=(source, 0) if source
                                 else None)
    out = b""
    try:
        try:
            s.sendall(data)
        except OSError:
            pass
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    break
                out += b
        except OSError:
            pass
    finally:
        s.close()
    return parse_response(out)


def read_one(s):
    """Read one response from the socket s as a client does: the head,
    then a body of its Content-Length (none if it has none).  Returns
    (status, the bytes read); status is None when the server closed
    before a whole head."""
    data = b""
    while b"\r\n\r\n" not in data:
        b = s.recv(65536)
        if not b:
            return None, data
        data += b
    st, h, body = parse_response(data)
    want = int(h.get("content-length", "0") or 0)
    while len(body) < want:
        b = s.recv(65536)
        if not b:
            break
        body += b
        data += b
    return st, data


def parse_response(out):
    head, sep, body = out.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    if not sep or not lines[0].startswith(b"HTTP/"):
        return None, {}, out
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None, {}, out
    hdrs = {}
    for ln in lines[1:]:
        k, _, v = ln.decode("latin-1").partition(":")
        hdrs[k.strip().lower()] = v.strip()
    if hdrs.get("transfer-encoding", "").lower() == "chunked":
        dec, rest = b"", body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            try:
                n = int(size.split(b";")[0], 16)
            except ValueError:
                break
            if n == 0:
                break
            dec += rest[:n]
            rest = rest[n + 2:]
        body = dec
    return status, hdrs, body


class Node:
    """An element of a parsed page: tag, attrs (dict), children (Nodes
    and strings)."""

    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children = []
        self.parent = parent

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def _match(self, tag, cls, attrs):
        if tag is not None and self.tag != tag:
            return False
        if cls is not None and cls not in self.classes():
            return False
        for k, v in (attrs or {}).items():
            if v is True:
                if k not in self.attrs:
                    return False
            elif self.attrs.get(k) != v:
                return False
        return True

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, attrs=None):
        """Descendants matching tag, class and attributes (a value of True
        means "present"), in document order."""
        return [n for n in self.iter() if n._match(tag, cls, attrs)]

    def find(self, tag=None, cls=None, attrs=None):
        for n in self.iter():
            if n._match(tag, cls, attrs):
                return n
        return None

    def raw_text(self):
        return "".join(c if isinstance(c, str) else c.raw_text()
                       for c in self.children)

    def text(self):
        """The text a reader sees: entities decoded, tags dropped,
        whitespace runs collapsed to one space, trimmed."""
        return " ".join(self.raw_text().split())


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
         "meta", "source", "track", "wbr"}


def parse_html(data):
    """The page as a tree of Node (the root's tag is "#document")."""
    from html.parser import HTMLParser

    root = Node("#document", {})

    class B(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.cur = root

        def handle_starttag(self, tag, attrs):
            n = Node(tag, [(k, v if v is not None else "")
                           for k, v in attrs], self.cur)
            self.cur.children.append(n)
            if tag not in _VOID:
                self.cur = n

        def handle_startendtag(self, tag, attrs):
            n = Node(tag, [(k, v if v is not None else "")
                           for k, v in attrs], self.cur)
            self.cur.children.append(n)

        def handle_endtag(self, tag):
            n = self.cur
            while n is not root and n.tag != tag:
                n = n.parent
            if n is not root:
                self.cur = n.parent

        def handle_data(self, d):
            self.cur.children.append(d)

    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    b = B()
    b.feed(data)
    b.close()
    return root


def text_of(html):
    """Text of an HTML fragment (tags stripped, whitespace collapsed)."""
    return parse_html(html).text()


def add_draft(srv, slug, title, section=None, status="draft",
              author=None, day="2026-11-25T10:00:00Z"):
    """An article in no issue, as the article editor leaves one: in
    section (a slug; None: the first section by id), with status, by
    author (a person's slug) if given.  Returns its id."""
    srv.sql_write("INSERT INTO articles (slug, title, section_id, status,"
                  " published_at, updated_at) SELECT ?, ?, id, ?, ?, ?"
                  " FROM sections WHERE slug = coalesce(?, (SELECT slug"
                  " FROM sections ORDER BY id LIMIT 1))",
                  (slug, title, status, day, day, section))
    aid = srv.sql("SELECT id FROM articles WHERE slug = ?", (slug,))[0][0]
    if author:
        srv.sql_write("INSERT INTO article_authors (article_id, person_id,"
                      " position) SELECT ?, id, 1 FROM people"
                      " WHERE slug = ?", (aid, author))
    return aid


def field_error(body, name):
    """The message beside the back-office form's field name, "" if
    none."""
    n = parse_html(body).find("p", attrs={"id": "f-%s-error" % name})
    return n.text() if n else ""


def field_value(body, name):
    """The value a back-office form shows in its field name (an input,
    a textarea or a select's chosen option), None if there is none."""
    doc = parse_html(body)
    n = doc.find("input", attrs={"name": name})
    if n is not None:
        return n.attrs.get("value", "")
    n = doc.find("textarea", attrs={"name": name})
    if n is not None:
        return n.raw_text()
    n = doc.find("select", attrs={"name": name})
    if n is not None:
        for o in n.find_all("option"):
            if "selected" in o.attrs:
                return o.attrs.get("value", "")
    return None


def run_cli(*args, timeout=600):
    """Run octavo with args: the CompletedProcess, output as text.  A
    sanitizer's report on its stderr is a failure, whatever the exit
    status the test expects."""
    p = subprocess.run([BIN] + list(args), capture_output=True,
                       text=True, timeout=timeout)
    if "Sanitizer" in p.stderr or "runtime error:" in p.stderr:
        check("octavo %s: no sanitizer report" % " ".join(args[:2]), False,
              p.stderr[-2000:])
    return p


def report_table(out):
    """An importer's final report (src/cli/import_report.c) as {kind:
    [new, changed, unchanged, skipped]}."""
    rows = {}
    for line in out.splitlines():
        m = re.match(r"^  (\S.*?)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+"
                     r"([\d,]+)$", line)
        if m:
            rows[m.group(1)] = [int(x.replace(",", "")) for x in
                                m.groups()[1:]]
    return rows


def db_rows(db, query, args=()):
    """The rows of one statement on database file db (committed)."""
    con = sqlite3.connect(db, timeout=10)
    try:
        rows = con.execute(query, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()
