"""Slow and idle clients cannot keep new visitors out (issue 6, item 2).

Thousands of connections that never finish their request head
(slowloris), from one address and from many loopback addresses, or that
sit idle after one request (keep-alive), while
one visitor asks for pages on fresh connections: the visitor's
throughput under attack stays at least 80% of its throughput without
it (the best of five runs each, measured the same way, as load from
elsewhere on a shared machine only slows a run down; the comparison is
tried a second time before it fails).
Then the defences one by one, each asserted by counts: connections past
per_ip_connections from one address are refused; a head that takes
longer than header_timeout is cut off however slowly it trickles in;
near max_connections, idle kept-alive connections are closed first,
oldest first; the descriptor limit is raised to the hard limit.
"""
import json
import os
import resource
import select
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SLOW = 10 if harness.WRAP else 1        # valgrind: fewer, slower runs
VISITS = 1500 // SLOW                    # per measurement


def fd_budget():
    """Raise this process's descriptor limit; how many it may use."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def visit(port, path="/about", source=None):
    """A new visitor: one GET on a fresh connection; its status, or None
    when the server does not answer."""
    try:
        st, _, _ = harness.raw_request(
            port, b"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            b"Connection: close\r\n\r\n" % (path.encode(), port),
            source=source, timeout=10)
    except OSError:
        return None
    return st


def measure(port, n):
    """Requests per second of n visits in a row, or 0 if 3 go
    unanswered; and the number of failed visits."""
    visit(port)
    t0 = harness.clock()
    fails = 0
    for _ in range(n):
        if visit(port) != 200:
            fails += 1
            if fails >= 3:
                return 0.0, fails
    return n / (harness.clock() - t0), fails


def best_rate(port, n):
    """The best of five measurements, and the failed visits of all: on a
    shared machine, load from elsewhere only ever slows a run down."""
    runs = [measure(port, n) for _ in range(5)]
    print("# runs: %s" % " ".join("%.0f" % r for r, _ in runs))
    return max(r for r, _ in runs), sum(f for _, f in runs)


class Army:
    """tests/http/slowloris.py in a process of its own."""

    def __init__(self, port, count, source, mode="head", interval=1.0,
                 reconnect=200):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "slowloris.py"), str(port),
             str(count), source, mode, str(interval), str(reconnect)],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().split()
        self.ready = int(line[1]) if line[:1] == ["ready"] else -1

    def stop(self):
        self.proc.terminate()
        out = self.proc.stdout.read()
        self.proc.wait()
        try:
            return json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {}


def throughput(name, srv, count, source, n, mode="head"):
    """Check the visitor's throughput under an army against without."""
    measure(srv.port, n // 5)           # warm: caches, valgrind's too
    for attempt in (1, 2):
        base, bfails = best_rate(srv.port, n)
        # The army reconnects what the server closes at a pace scaled
        # like the rest (valgrind runs the server ten times slower).
        army = Army(srv.port, count, source, mode, reconnect=200 // SLOW)
        rate, fails = best_rate(srv.port, n)
        st = army.stop()
        ratio = rate / base if base > 0 else 0.0
        print("# %s, attempt %d: %.0f/s alone, %.0f/s under attack "
              "(%.2f); army: %d ready, %r" % (name, attempt, base, rate,
                                               ratio, army.ready, st))
        if ratio >= 0.8 and fails == 0 and bfails == 0:
            break
    check_eq("%s: the army was up" % name, army.ready > 0, True)
    check_eq("%s: every visit answered 200" % name, fails, 0)
    check("%s: throughput under attack >= 80%% of without" % name,
          ratio >= 0.8, "%.0f/s against %.0f/s (%.2f)" % (rate, base, ratio))
    return st


def one_address(count):
    with harness.Server() as srv:
        st = throughput("%d slow heads from one address" % count, srv,
                        count, "127.0.0.2", VISITS)
        check("one address holds at most per_ip_connections (64)",
              0 < st.get("open", 0) <= 64, "open at the end: %r" % st)
        check("the connections past the limit were refused",
              st.get("closed_by_server", 0) >= count - 64, repr(st))


def many_addresses(count, mode):
    # A connection limit below the army's size, so that it would fill
    # every slot if nothing made room.
    what = "slow heads" if mode == "head" else "idle kept-alive connections"
    most = count // 3
    with harness.Server(config="max_connections %d\n" % most) as srv:
        st = throughput("%d %s from %d addresses" % (count, what, count),
                        srv, count, "many:127.9", VISITS, mode)
        check("many addresses: the server made room (closed some)",
              st.get("closed_by_server", 0) > 0, repr(st))
        check("many addresses: at most max_connections open",
              st.get("open", 0) <= most, repr(st))


def drip(port, every, most):
    """A head sent one header line every `every` seconds, `most` lines at
    most; how many lines went before the server closed, or None."""
    s = socket.create_connection(("127.0.0.1", port))
    try:
        s.sendall(b"GET /about HTTP/1.1\r\nHost: x\r\n")
        for i in range(most):
            r, _, _ = select.select([s], [], [], every)
            if r and s.recv(4096) == b"":
                return i
            try:
                s.sendall(b"X-Drip: %d\r\n" % i)
            except OSError:
                return i
        return None
    finally:
        s.close()


def closed_within(s, rounds, every=0.5):
    """Whether the server closes s within `rounds` waits of `every`."""
    for _ in range(rounds):
        r, _, _ = select.select([s], [], [], every)
        if r:
            try:
                if s.recv(4096) == b"":
                    return True
            except OSError:
                return True
    return False


def head_deadline():
    with harness.Server(config="header_timeout 2\n") as srv:
        # The old server never closed this one: each line resets an idle
        # timeout.  Two seconds are four lines; sixty would be thirty.
        n = drip(srv.port, 0.5, 60)
        check("a head trickling in is cut off", n is not None,
              "still open after 60 lines")
        s = socket.create_connection(("127.0.0.1", srv.port))
        check("a silent connection is closed", closed_within(s, 60), "open")
        s.close()
        # A visitor who sends a whole head in time is served, and can
        # reuse the connection right away.
        s = socket.create_connection(("127.0.0.1", srv.port))
        req = b"GET /about HTTP/1.1\r\nHost: x\r\n\r\n"
        got = []
        for _ in range(2):
            s.sendall(req)
            got.append(harness.read_one(s)[0])
        s.close()
        check_eq("a prompt visitor keeps its kept-alive connection", got,
                 [200, 200])


def held(port, source, data):
    """A connection from source that has sent data (and read the answer,
    if data is a whole request)."""
    s = socket.create_connection(("127.0.0.1", port),
                                 source_address=(source, 0))
    s.sendall(data)
    if data.endswith(b"\r\n\r\n"):
        harness.read_one(s)
    return s


def idle_first():
    # 64 slots: from 48 open connections on, each new one makes room.
    with harness.Server(config="max_connections 64\n"
                        "header_timeout 600\n") as srv:
        head = b"GET /about HTTP/1.1\r\nHost: x\r\n"
        idle = [held(srv.port, "127.0.3.%d" % (i + 1), head + b"\r\n")
                for i in range(44)]
        # Four heads fill the 48; each of ten more makes room.
        heads = [held(srv.port, "127.0.4.%d" % (i + 1), head)
                 for i in range(14)]
        answers = [visit(srv.port, source="127.0.5.1") for _ in range(20)]
        check_eq("near the limit, every new visitor is served",
                 answers.count(200), 20)
        # Let the server's closes arrive, then see who is left.
        select.select(idle + heads, [], [], 1)
        gone = [closed_within(s, 1, 0.05) for s in idle]
        n = gone.count(True)
        check("idle connections were closed to make room",
              n >= 10, "%d of 44 closed" % n)
        check("oldest first", gone == [True] * n + [False] * (44 - n),
              "closed: %r" % gone)
        check("slow heads stay while idle connections remain",
              not any(closed_within(s, 1, 0.05) for s in heads),
              "a head was closed first")
        for s in idle + heads:
            s.close()


def fd_limit():
    """Under valgrind the limit cannot be raised (it keeps descriptors of
    its own above the soft limit it found), so this is not checked."""
    if harness.WRAP:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)

    def low():
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))

    with harness.Server(preexec_fn=low) as srv:
        lim = {}
        with open("/proc/%d/limits" % srv.pid) as f:
            for line in f:
                if line.startswith("Max open files"):
                    lim = line.split()[3:5]
        check_eq("the descriptor limit is raised to the hard limit",
                 lim[0] if lim else None, lim[1] if lim else "?")
        err = srv.stderr()
        check("the connection limit follows from it",
              "connections: at most %d (%s file descriptors)" % (
                  min(int(lim[1]) - 64 - 4 * 3, 16384), lim[1]) in err
              if lim else False, err[-500:])


def main():
    budget = fd_budget()
    count = max(200, min(3000, budget // 2 - 200)) // SLOW
    one_address(count)
    many_addresses(count, "head")
    many_addresses(count, "idle")
    head_deadline()
    idle_first()
    fd_limit()


if __name__ == "__main__":
    main()
    harness.done()
