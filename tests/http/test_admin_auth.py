"""The back office's accounts and security, through the real server and
database: sign-in (success, failure, the same message and about the same
time for an unknown account as for a wrong password), the rate limits
per account and per address (429), CSRF tokens (a missing or wrong one
is a 403 that changes nothing), sign-out, idle and absolute expiry (the
clock moved by backdating the session's row, as time would), a password
hash made with other costs remade at sign-in, the permission matrix of
every page and action for anonymous, author, editor and admin with the
status and the effect on the database, the audit log, no-store on every
answer, no open redirect through ?next=, cookies' attributes (Secure and
__Host- once the base URL is https), and signed-in users' reads not
counted nor their pages cached.
"""
import ctypes
import ctypes.util
import hashlib
import http.client
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402

PW = {"admin": "admin password 1", "editor": "editor password 2",
      "author": "author password 3"}
EMAIL = {r: r + "@example.org" for r in PW}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
BAD_LOGIN = "The email address or the password is wrong."
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def user_add(db, email, role, pw):
    return subprocess.run([harness.BIN, "user", "--db", db, "add", email,
                           "--role", role], input=(pw + "\n").encode(),
                          capture_output=True, timeout=120)


class Client:
    """A browser, as far as the back office can tell: a cookie jar (by
    name, path / only) and a source address."""

    def __init__(self, srv, source="127.0.0.1", ua=harness.BROWSER_UA):
        self.srv = srv
        self.source = source
        self.ua = ua
        self.jar = {}

    def request(self, method, path, form=None, headers=None, raw=None):
        """(status, headers: name -> [values], body text)."""
        h = {"User-Agent": self.ua}
        if self.jar:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in
                                    self.jar.items())
        body = raw
        if form is not None:
            body = urllib.parse.urlencode(form)
            h.update(FORM)
        h.update(headers or {})
        c = http.client.HTTPConnection("127.0.0.1", self.srv.port,
                                       timeout=60,
                                       source_address=(self.source, 0))
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read().decode("utf-8", "replace")
            hdrs = {}
            for k, v in r.getheaders():
                hdrs.setdefault(k.lower(), []).append(v)
        finally:
            c.close()
        for sc in hdrs.get("set-cookie", []):
            name, _, rest = sc.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in sc or value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        return r.status, hdrs, data

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form, **kw):
        return self.request("POST", path, form=form, **kw)

    def csrf(self, path):
        """The CSRF token of the form on the page at path."""
        st, h, body = self.get(path)
        inp = parse_html(body).find("input", attrs={"name": "csrf"})
        return inp.attrs.get("value", "") if inp else ""

    def login(self, email, pw, next_=None):
        tok = self.csrf("/admin/login")
        form = {"csrf": tok, "email": email, "password": pw}
        if next_ is not None:
            form["next"] = next_
        return self.post("/admin/login", form)

    def session(self):
        return self.jar.get("octavo_session") or self.jar.get(
            "__Host-octavo_session")


def loc(h):
    return h.get("location", [""])[0]


def error_text(body):
    """The sign-in form's message for the whole form."""
    n = parse_html(body).find("div", attrs={"id": "login-error"})
    return n.text() if n else ""


def sessions_of(srv, email):
    return srv.sql("SELECT count(*) FROM sessions s JOIN users u"
                   " ON u.id = s.user_id WHERE u.email = ?", (email,))[0][0]


def audit_actions(srv):
    return [r[0] for r in srv.sql("SELECT action FROM audit ORDER BY id")]


def cheap_hash(pw):
    """An argon2id hash of pw with cheaper costs than the server's, made
    by the system's libsodium through ctypes."""
    lib = ctypes.CDLL(ctypes.util.find_library("sodium") or
                      "libsodium.so.23")
    if lib.sodium_init() < 0:
        return None
    out = ctypes.create_string_buffer(128)
    b = pw.encode()
    lib.crypto_pwhash_str_alg.argtypes = [
        ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong,
        ctypes.c_ulonglong, ctypes.c_size_t, ctypes.c_int]
    if lib.crypto_pwhash_str_alg(out, b, len(b), 1, 8192, 2) != 0:
        return None
    return out.value.decode()


def test_signin(srv):
    anon = Client(srv)
    st, h, body = anon.get("/admin")
    check_eq("anonymous /admin: 303", st, 303)
    check_eq("to the sign-in page", loc(h), "/admin/login")
    st, h, body = anon.get("/admin/audit?page=2")
    check_eq("anonymous /admin/audit?page=2: 303", st, 303)
    check_eq("to sign in, coming back after",
             loc(h), "/admin/login?next=%2Fadmin%2Faudit%3Fpage%3D2")
    st, h, body = anon.get(loc(h))
    check_eq("sign-in page: 200", st, 200)
    check_eq("sign-in page: no-store", h.get("cache-control"), ["no-store"])
    sc = " ".join(h.get("set-cookie", []))
    check("sign-in form's cookie: HttpOnly, SameSite=Lax, Path=/",
          "octavo_signin=" in sc and "HttpOnly" in sc and
          "SameSite=Lax" in sc and "Path=/" in sc, sc)
    check("not Secure while the base URL is http", "Secure" not in sc, sc)
    doc = parse_html(body)
    nxt = doc.find("input", attrs={"name": "next"})
    check_eq("the form carries next", nxt.attrs.get("value") if nxt else
             None, "/admin/audit?page=2")
    check("the form carries a CSRF token", HEX64.match(
        doc.find("input", attrs={"name": "csrf"}).attrs.get("value", "")))
    check("the password field is empty and autocompletes current-password",
          doc.find("input", attrs={"name": "password", "value": "",
                                   "autocomplete": "current-password"}))

    st, h, body = anon.post("/admin/login", {
        "csrf": doc.find("input", attrs={"name": "csrf"}).attrs["value"],
        "next": "/admin/audit?page=2", "email": EMAIL["admin"],
        "password": PW["admin"]})
    check_eq("sign-in: 303", st, 303)
    check_eq("back where it was going", loc(h), "/admin/audit?page=2")
    sc = [c for c in h.get("set-cookie", []) if
          c.startswith("octavo_session=")]
    check("a session cookie", len(sc) == 1, h.get("set-cookie"))
    sc = sc[0] if sc else ""
    tok = anon.session() or ""
    check("of 64 hex digits", HEX64.match(tok), tok)
    check("HttpOnly, SameSite=Lax, Path=/, no Max-Age (the browser's "
          "session)", "HttpOnly" in sc and "SameSite=Lax" in sc and
          "Path=/" in sc and "Max-Age" not in sc, sc)
    rows = srv.sql("SELECT hash FROM sessions")
    want = hashlib.blake2b(bytes.fromhex(tok), digest_size=32).hexdigest()
    check_eq("the database holds the token's BLAKE2b hash",
             [r[0] for r in rows], [want])
    dump = "\n".join(str(r) for t in ("sessions", "users", "audit")
                     for r in srv.sql("SELECT * FROM " + t))
    check("and nowhere the token itself", tok not in dump)
    check("the sign-in form's cookie is cleared",
          "octavo_signin" not in anon.jar, anon.jar)
    st, h, body = anon.get("/admin")
    check_eq("signed in, /admin: 200", st, 200)
    check_in("the home says who", EMAIL["admin"], body)
    check_in("and the role", "with the role <strong>admin</strong>", body)
    check_eq("/admin: no-store", h.get("cache-control"), ["no-store"])
    st, h, body = anon.get("/admin/login")
    check_eq("sign-in page when signed in: 303 home", (st, loc(h)),
             (303, "/admin"))
    check_eq("audit: a sign-in", audit_actions(srv)[-1:], ["sign-in"])
    return anon


def timed_login(srv, source, email, pw):
    c = Client(srv, source)
    tok = c.csrf("/admin/login")
    t = time.monotonic()
    st, h, body = c.post("/admin/login", {"csrf": tok, "email": email,
                                          "password": pw})
    return time.monotonic() - t, st, error_text(body)


def test_failure(srv):
    # The first unknown account makes the dummy hash it is checked
    # against; then the two kinds take turns, so that whatever else the
    # machine does weighs on both alike.
    timed_login(srv, "127.0.0.2", "nobody@example.org", "whatever password")
    unknown, wrong = [], []
    for i in range(4):
        unknown.append(timed_login(srv, "127.0.0.2",
                                   "nobody%d@example.org" % i,
                                   "whatever password"))
        wrong.append(timed_login(srv, "127.0.0.3", EMAIL["editor"],
                                 "wrong password %d" % i))
    check_eq("unknown account: 422", {x[1] for x in unknown}, {422})
    check_eq("wrong password: 422", {x[1] for x in wrong}, {422})
    check_eq("unknown account: the message", {x[2] for x in unknown},
             {BAD_LOGIN})
    check_eq("wrong password: the same message", {x[2] for x in wrong},
             {BAD_LOGIN})
    tu = statistics.median(x[0] for x in unknown)
    tw = statistics.median(x[0] for x in wrong)
    print("    sign-in failure, median of 4: unknown account %.1f ms, "
          "wrong password %.1f ms" % (tu * 1000, tw * 1000))
    check("about the same time (an unknown account is hashed too)",
          0.5 < tu / tw < 2.0, "unknown %.3fs, wrong %.3fs" % (tu, tw))
    check_eq("no session made", srv.sql("SELECT count(*) FROM sessions "
                                        "JOIN users ON users.id = user_id"
                                        " WHERE email = ?",
                                        (EMAIL["editor"],))[0][0], 0)
    n = srv.sql("SELECT count(*) FROM audit WHERE action = "
                "'sign-in failed'")[0][0]
    check_eq("audit: each failure", n, 9)
    who = srv.sql("SELECT who, address FROM audit WHERE action = "
                  "'sign-in failed' ORDER BY id LIMIT 1")[0]
    check_eq("audit: who was tried, from where", who,
             ("nobody@example.org", "127.0.0.2"))
    c = Client(srv, "127.0.0.4")
    tok = c.csrf("/admin/login")
    st, h, body = c.post("/admin/login", {"csrf": tok,
                                          "email": EMAIL["editor"],
                                          "password": ""})
    check_eq("empty password: 422", st, 422)
    check_in("said beside the field", "Enter your password.", body)
    inp = parse_html(body).find("input", attrs={"name": "email"})
    check_eq("the email typed is kept", inp.attrs.get("value"),
             EMAIL["editor"])


def test_rate_limits(srv):
    a = "127.0.0.5"
    for i in range(5):
        timed_login(srv, a, "locked@example.org", "wrong %d" % i)
    c = Client(srv, a)
    st, h, body = c.login("locked@example.org", "locked password")
    check_eq("account: the 6th try in 15 minutes, right password: 429",
             st, 429)
    check_in("with a clear message", "Too many attempts; try again in 15 "
             "minutes.", error_text(body))
    ra = int(h.get("retry-after", ["0"])[0])
    check("Retry-After in seconds", 800 < ra <= 900, ra)
    check("no session", c.session() is None)
    st, h, body = Client(srv, "127.0.0.6").login("locked@example.org",
                                                 "locked password")
    check_eq("account: from another address too: 429", st, 429)
    st, h, body = Client(srv, a).login(EMAIL["editor"], PW["editor"])
    check_eq("another account from that address: signs in", st, 303)
    # Per address: 20 failures, four accounts of five each.
    b = "127.0.0.7"
    for i in range(20):
        timed_login(srv, b, "x%d@example.org" % (i % 4), "wrong")
    st, h, body = Client(srv, b).login(EMAIL["editor"], PW["editor"])
    check_eq("address: after 20 failures, a good sign-in: 429", st, 429)
    check_in("the same message", "Too many attempts", error_text(body))
    st, h, body = Client(srv, "127.0.0.8").login(EMAIL["editor"],
                                                 PW["editor"])
    check_eq("the account from elsewhere: signs in", st, 303)
    n = srv.sql("SELECT count(*) FROM audit WHERE action = "
                "'sign-in failed' AND address = ?", (b,))[0][0]
    check_eq("refused tries are not verified, nor audited", n, 20)


def test_csrf(srv, admin):
    c = Client(srv, "127.0.0.9")
    c.csrf("/admin/login")
    st, h, body = c.post("/admin/login", {"email": EMAIL["editor"],
                                          "password": PW["editor"]})
    check_eq("sign-in without its token: 403", st, 403)
    check("and no session", c.session() is None)
    d = Client(srv, "127.0.0.9")
    tok = c.csrf("/admin/login")
    st, h, body = d.post("/admin/login", {"csrf": tok,
                                          "email": EMAIL["editor"],
                                          "password": PW["editor"]})
    check_eq("sign-in with another browser's token: 403", st, 403)
    st, h, body = c.post("/admin/login", {"csrf": "0" * 64,
                                          "email": EMAIL["editor"],
                                          "password": PW["editor"]})
    check_eq("sign-in with a made-up token: 403", st, 403)
    check_eq("no session made", c.session(), None)

    users = srv.sql("SELECT count(*) FROM users")[0][0]
    title = srv.sql("SELECT value FROM settings WHERE key = 'name'")[0][0]
    other = Client(srv, "127.0.0.9")
    other.login(EMAIL["editor"], PW["editor"])
    foreign = other.csrf("/admin/account")
    good = admin.csrf("/admin/users")
    for name, tok in (("missing", None), ("empty", ""),
                      ("another session's", foreign),
                      ("one digit off", good[:-1] + ("0" if good[-1] != "0"
                                                     else "1"))):
        form = {"email": "csrf@example.org", "role": "author",
                "password": "a good password"}
        if tok is not None:
            form["csrf"] = tok
        st, h, body = admin.post("/admin/users", form)
        check_eq("add user, token %s: 403" % name, st, 403)
        st, h, body = admin.post("/admin/settings", dict(
            [("title", "Hijacked")] + ([("csrf", tok)] if tok is not None
                                       else [])))
        check_eq("settings, token %s: 403" % name, st, 403)
    check_in("the 403 says nothing was changed", "Nothing was changed",
             body)
    check_eq("403: no-store", h.get("cache-control"), ["no-store"])
    check_eq("no user added", srv.sql("SELECT count(*) FROM users")[0][0],
             users)
    check_eq("no setting changed", srv.sql(
        "SELECT value FROM settings WHERE key = 'name'")[0][0], title)
    st, h, body = admin.post("/admin/logout", {})
    check_eq("sign-out without a token: 403", st, 403)
    st, h, body = admin.get("/admin")
    check_eq("still signed in", st, 200)
    st, h, body = admin.post("/admin/users", {
        "csrf": good, "email": "csrf@example.org", "role": "author",
        "password": "a good password"})
    check_eq("with the right token: 303", st, 303)
    check_eq("the user was added", srv.sql(
        "SELECT role FROM users WHERE email = 'csrf@example.org'"),
        [("author",)])


def test_logout(srv):
    c = Client(srv, "127.0.0.10")
    c.login(EMAIL["editor"], PW["editor"])
    tok = c.session()
    before = sessions_of(srv, EMAIL["editor"])
    st, h, body = c.post("/admin/logout", {"csrf": c.csrf("/admin")})
    check_eq("sign-out: 303 to the sign-in page", (st, loc(h)),
             (303, "/admin/login?done=signed-out"))
    check_in("the cookie is deleted", "Max-Age=0",
             " ".join(h.get("set-cookie", [])))
    check_eq("the session row is gone", sessions_of(srv, EMAIL["editor"]),
             before - 1)
    st, h, body = c.get(loc(h))
    check_in("the sign-in page says so", "You have signed out.", body)
    replay = Client(srv, "127.0.0.10")
    replay.jar["octavo_session"] = tok
    st, h, body = replay.get("/admin")
    check_eq("the old cookie signs nobody in", (st, loc(h)),
             (303, "/admin/login"))
    check_eq("audit: a sign-out", audit_actions(srv)[-1], "sign-out")


def test_expiry(srv):
    c = Client(srv, "127.0.0.11")
    c.login(EMAIL["editor"], PW["editor"])
    h = hashlib.blake2b(bytes.fromhex(c.session()),
                        digest_size=32).hexdigest()
    now = int(time.time())
    srv.sql_write("UPDATE sessions SET seen_at = ? WHERE hash = ?",
                  (now - 7200 + 90, h))
    st, _, _ = c.get("/admin")
    check_eq("used 1h58m ago: still signed in", st, 200)
    seen = srv.sql("SELECT seen_at FROM sessions WHERE hash = ?", (h,))
    check("and the use is stored (last one over a minute old)",
          seen and seen[0][0] >= now, seen)
    srv.sql_write("UPDATE sessions SET seen_at = ? WHERE hash = ?",
                  (now - 7200, h))
    st, hd, body = c.get("/admin/users")
    check_eq("idle 2 hours: to sign in again", (st, loc(hd)),
             (303, "/admin/login?next=%2Fadmin%2Fusers"))
    check_eq("the expired session is deleted", srv.sql(
        "SELECT count(*) FROM sessions WHERE hash = ?", (h,))[0][0], 0)
    check("its cookie is cleared", c.session() is None, c.jar)
    st, hd, body = Client(srv, "127.0.0.11").get("/admin/login")
    c.jar["octavo_session"] = "0" * 64
    st, hd, body = c.get("/admin/login")
    check_in("a dead cookie: the sign-in page says the session ended",
             "Your session has ended", body)

    d = Client(srv, "127.0.0.11")
    d.login(EMAIL["editor"], PW["editor"])
    h = hashlib.blake2b(bytes.fromhex(d.session()),
                        digest_size=32).hexdigest()
    srv.sql_write("UPDATE sessions SET created_at = ?, seen_at = ? WHERE "
                  "hash = ?", (now - 12 * 3600 + 60, now, h))
    st, _, _ = d.get("/admin")
    check_eq("signed in 11h59m ago, in use: still signed in", st, 200)
    srv.sql_write("UPDATE sessions SET created_at = ? WHERE hash = ?",
                  (now - 12 * 3600, h))
    st, hd, _ = d.get("/admin")
    check_eq("12 hours after sign-in, however used: to sign in", st, 303)


def test_rehash(srv):
    h = cheap_hash(PW["author"] + " old")
    if not check("a cheaper argon2id hash made with libsodium", h, h):
        return
    srv.sql_write("UPDATE users SET password = ? WHERE email = ?",
                  (h, "rehash@example.org"))
    st, _, _ = Client(srv, "127.0.0.12").login("rehash@example.org",
                                               PW["author"] + " old")
    check_eq("a user with a cheaper hash signs in", st, 303)
    new = srv.sql("SELECT password FROM users WHERE email = ?",
                  ("rehash@example.org",))[0][0]
    check("the hash is remade with today's costs",
          new.startswith("$argon2id$v=19$m=65536,t=3,p=1$") and new != h,
          new)
    st, _, _ = Client(srv, "127.0.0.12").login("rehash@example.org",
                                               PW["author"] + " old")
    check_eq("and still takes the password", st, 303)


# The permission matrix: what each role gets for each page (GET).
PAGES = [
    ("/admin", (303, 200, 200, 200)),
    ("/admin/account", (303, 200, 200, 200)),
    ("/admin/users", (303, 403, 403, 200)),
    ("/admin/users/{id}", (303, 403, 403, 200)),
    ("/admin/users/{id}/disable", (303, 403, 403, 200)),
    ("/admin/settings", (303, 403, 403, 200)),
    ("/admin/audit", (303, 403, 403, 200)),
    ("/admin/login", (200, 303, 303, 303)),
]
ROLES = ("anonymous", "author", "editor", "admin")


def test_matrix(srv):
    clients = {"anonymous": Client(srv, "127.0.0.13")}
    for r in ("author", "editor", "admin"):
        clients[r] = Client(srv, "127.0.0.13")
        st, _, _ = clients[r].login(EMAIL[r], PW[r])
        check_eq("matrix: %s signs in" % r, st, 303)
    target = srv.sql("SELECT id FROM users WHERE email = "
                     "'target@example.org'")[0][0]
    for path, want in PAGES:
        p = path.format(id=target)
        for role, w in zip(ROLES, want):
            st, h, _ = clients[role].get(p)
            check_eq("matrix: GET %s as %s" % (path, role), st, w)
            check_eq("matrix: GET %s as %s: no-store" % (path, role),
                     h.get("cache-control"), ["no-store"])

    def tokens(role):
        c = clients[role]
        return c.csrf("/admin/account") if role != "anonymous" else ""

    def role_of():
        return srv.sql("SELECT role FROM users WHERE id = ?",
                       (target,))[0][0]

    def disabled():
        return srv.sql("SELECT disabled FROM users WHERE id = ?",
                       (target,))[0][0]

    def title():
        return srv.sql("SELECT value FROM settings WHERE key = 'name'")[0][0]

    def users():
        return srv.sql("SELECT count(*) FROM users")[0][0]

    # (action, form, status wanted per role, effect(before, after) wanted
    # per role as True (changed) or False)
    for role in ROLES:
        c = clients[role]
        tok = tokens(role)
        allowed = role == "admin"
        deny = 303 if role == "anonymous" else 403
        n = users()
        st, _, _ = c.post("/admin/users", {
            "csrf": tok, "email": "new-%s@example.org" % role,
            "role": "author", "password": "a new password"})
        check_eq("matrix: add a user as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: add a user as %s: effect" % role, users(),
                 n + 1 if allowed else n)
        was = role_of()
        st, _, _ = c.post("/admin/users/%d/role" % target, {
            "csrf": tok, "role": "editor" if was == "author" else
            "author"})
        check_eq("matrix: change a role as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: change a role as %s: effect" % role,
                 role_of() != was, allowed)
        t = Client(srv, "127.0.0.14")
        t.login("target@example.org", "target password")
        s0 = sessions_of(srv, "target@example.org")
        st, _, _ = c.post("/admin/users/%d/sessions" % target,
                          {"csrf": tok})
        check_eq("matrix: end sessions as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: end sessions as %s: effect" % role,
                 sessions_of(srv, "target@example.org"),
                 0 if allowed else s0)
        st, _, _ = c.post("/admin/users/%d/disable" % target,
                          {"csrf": tok})
        check_eq("matrix: disable as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: disable as %s: effect" % role, disabled(),
                 1 if allowed else 0)
        st, _, _ = c.post("/admin/users/%d/enable" % target,
                          {"csrf": tok})
        check_eq("matrix: enable as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: enable as %s: effect" % role, disabled(), 0)
        was = title()
        st, _, _ = c.post("/admin/settings", {"csrf": tok,
                                              "title": "By " + role})
        check_eq("matrix: settings as %s" % role, st,
                 303 if allowed else deny)
        check_eq("matrix: settings as %s: effect" % role, title(),
                 "By admin" if allowed else was)
        if role == "anonymous":
            st, h, _ = c.post("/admin/account", {
                "csrf": "", "current": "x", "password": "a new password",
                "repeat": "a new password"})
            check_eq("matrix: own password as anonymous", st, 303)
            st, h, _ = c.post("/admin/logout", {"csrf": ""})
            check_eq("matrix: sign out as anonymous", (st, loc(h)),
                     (303, "/admin/login"))
            continue
        h0 = srv.sql("SELECT password FROM users WHERE email = ?",
                     (EMAIL[role],))[0][0]
        st, _, _ = c.post("/admin/account", {
            "csrf": tok, "current": PW[role],
            "password": PW[role] + "!", "repeat": PW[role] + "!"})
        check_eq("matrix: own password as %s" % role, st, 303)
        check("matrix: own password as %s: effect" % role, srv.sql(
            "SELECT password FROM users WHERE email = ?",
            (EMAIL[role],))[0][0] != h0)
        PW[role] += "!"


def test_users_page(srv, admin):
    tok = admin.csrf("/admin/users")
    st, h, body = admin.post("/admin/users", {
        "csrf": tok, "email": "not an address", "role": "boss",
        "password": "short"})
    check_eq("add user, bad input: 422", st, 422)
    doc = parse_html(body)
    check_in("email: the message beside it", "Enter an email address such "
             "as name@example.org.", body)
    check_in("role: the message", "Choose author, editor or admin.", body)
    check_in("password: the message", "The password must be at least 10 "
             "characters long.", body)
    inp = doc.find("input", attrs={"name": "email"})
    check_eq("the email typed is kept", inp.attrs.get("value"),
             "not an address")
    check_eq("marked invalid", inp.attrs.get("aria-invalid"), "true")
    check("and described by its message", "f-email-error" in
          inp.attrs.get("aria-describedby", ""))
    pw = doc.find("input", attrs={"name": "password"})
    check_eq("the password is never sent back", pw.attrs.get("value"), "")
    check("the summary links to the fields", doc.find(
        "a", attrs={"href": "#f-email"}) is not None)
    st, h, body = admin.post("/admin/users", {
        "csrf": tok, "email": EMAIL["editor"].upper(), "role": "author",
        "password": "a long password"})
    check_eq("add a user who exists (any case): 422", st, 422)
    check_in("said so", "There is already an account with this address.",
             body)
    me = srv.sql("SELECT id FROM users WHERE email = ?",
                 (EMAIL["admin"],))[0][0]
    st, h, body = admin.post("/admin/users/%d/role" % me,
                             {"csrf": tok, "role": "editor"})
    check_eq("the last admin cannot lose the role: 422", st, 422)
    check_in("said so", "last active administrator", body)
    check_eq("still admin", srv.sql("SELECT role FROM users WHERE id = ?",
                                    (me,))[0][0], "admin")
    st, h, body = admin.post("/admin/users/%d/disable" % me, {"csrf": tok})
    check_eq("an admin cannot disable themselves: 403", st, 403)
    check_eq("still enabled", srv.sql("SELECT disabled FROM users WHERE "
                                      "id = ?", (me,))[0][0], 0)
    st, h, body = admin.get("/admin/users/99999")
    check_eq("no such user: 404", st, 404)
    check_eq("404: no-store", h.get("cache-control"), ["no-store"])
    st, h, body = admin.get("/admin/users/abc")
    check_eq("a user id that is not a number: 404", st, 404)

    # Disabling ends the user's sessions and stops sign-in.
    v = Client(srv, "127.0.0.15")
    v.login("victim@example.org", "victim password")
    vid = srv.sql("SELECT id FROM users WHERE email = "
                  "'victim@example.org'")[0][0]
    st, h, body = admin.get("/admin/users/%d/disable" % vid)
    check_eq("disable asks first: 200", st, 200)
    check_in("a confirmation", "Disable victim@example.org?", body)
    check_eq("asking changed nothing", srv.sql(
        "SELECT disabled FROM users WHERE id = ?", (vid,))[0][0], 0)
    st, h, body = admin.post("/admin/users/%d/disable" % vid,
                             {"csrf": tok})
    check_eq("disable: 303", st, 303)
    check_eq("the user's sessions are gone",
             sessions_of(srv, "victim@example.org"), 0)
    st, h, body = v.get("/admin")
    check_eq("their cookie signs nobody in", st, 303)
    st, h, body = Client(srv, "127.0.0.16").login("victim@example.org",
                                                  "victim password")
    check_eq("a disabled account cannot sign in: 422", st, 422)
    check_eq("with the same message", error_text(body), BAD_LOGIN)
    acts = audit_actions(srv)
    for a in ("user added", "role changed", "sessions ended",
              "user disabled", "user enabled", "settings changed",
              "password changed", "sign-in failed"):
        check_in("audit: %s" % a, a, acts)


def test_settings(srv, admin):
    tok = admin.csrf("/admin/settings")
    before = dict(srv.sql("SELECT key, value FROM settings"))
    st, h, body = admin.post("/admin/settings", {
        "csrf": tok, "title": "A New Title", "base_url": "not a url",
        "issn": "1234-5678", "language": "en"})
    check_eq("settings with errors: 422", st, 422)
    doc = parse_html(body)
    check_in("base URL: the message beside it", "Base URL must be an "
             "absolute http or https URL", body)
    check_in("ISSN: the message", "ISSN must be an ISSN", body)
    check_eq("what was typed is kept", doc.find(
        "input", attrs={"name": "base_url"}).attrs.get("value"),
        "not a url")
    check_eq("the good field too", doc.find(
        "input", attrs={"name": "title"}).attrs.get("value"), "A New Title")
    check_eq("nothing is saved", dict(srv.sql(
        "SELECT key, value FROM settings")), before)
    st, h, body = admin.post("/admin/settings", {
        "csrf": tok, "title": "A New Title",
        "robots_txt": "User-agent: *\r\nDisallow: /x"})
    check_eq("good settings: 303", (st, loc(h)),
             (303, "/admin/settings?done=settings"))
    check_eq("saved", srv.sql("SELECT value FROM settings WHERE key = "
                              "'name'")[0][0], "A New Title")
    check_eq("CRLF stored as LF", srv.sql(
        "SELECT value FROM settings WHERE key = 'robots_txt'")[0][0],
        "User-agent: *\nDisallow: /x")
    check_eq("audit: what changed", srv.sql(
        "SELECT object FROM audit WHERE action = 'settings changed' "
        "ORDER BY id DESC LIMIT 1")[0][0], "title, robots_txt")
    for _ in range(30):
        if "A New Title" in srv.get("/about")[2].decode():
            break
        time.sleep(0.1)
    check_in("the public site shows it", "A New Title",
             srv.get("/about")[2].decode())


def test_audit_page(srv, admin):
    total = srv.sql("SELECT count(*) FROM audit")[0][0]
    st, h, body = admin.get("/admin/audit")
    check_eq("audit page: 200", st, 200)
    rows = parse_html(body).find("tbody").find_all("tr")
    check_eq("a page of 20 entries", len(rows), min(20, total))
    last = srv.sql("SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0][0]
    check_in("newest first", last, rows[0].text())
    check(">20 entries: a next page", 'rel="next"' in body and total > 20,
          total)
    st, h, body = admin.get("/admin/audit?page=2")
    check_eq("page 2: 200", st, 200)
    st, h, body = admin.get("/admin/audit?page=999")
    check_eq("past the last page: 404", st, 404)
    st, h, body = admin.get("/admin/audit?page=1")
    check_eq("?page=1: 301 to the one URL", (st, loc(h)),
             (301, "/admin/audit"))
    check_eq("even the 301: no-store", h.get("cache-control"),
             ["no-store"])


def test_next(srv):
    for next_, want in (("//evil.example/x", "/admin"),
                        ("https://evil.example/", "/admin"),
                        ("/\\evil.example", "/admin"),
                        ("javascript:alert(1)", "/admin"),
                        ("/admin/account", "/admin/account")):
        c = Client(srv, "127.0.0.17")
        st, h, _ = c.login(EMAIL["editor"], PW["editor"], next_)
        check_eq("next=%s: goes to %s" % (next_, want), (st, loc(h)),
                 (303, want))
    st, h, body = Client(srv).get("/admin/login?next=//evil.example")
    check_eq("the form never carries a foreign next", parse_html(body).find(
        "input", attrs={"name": "next"}).attrs.get("value"), "/admin")


def test_reads_and_cache(srv):
    slug, aid = srv.sql("SELECT slug, id FROM articles WHERE status = "
                        "'published' ORDER BY id LIMIT 1 OFFSET 3")[0]
    path = "/articles/" + slug

    def reads():
        r = srv.sql("SELECT reads FROM article_reads WHERE article_id = ?",
                    (aid,))
        return r[0][0] if r else 0

    def settle():
        srv.pause(1.5)

    ed = Client(srv, "127.0.0.18")
    ed.login(EMAIL["editor"], PW["editor"])
    settle()
    r0 = reads()
    for i in range(3):
        ed.ua = harness.BROWSER_UA + " signed-in %d" % i
        st, _, _ = ed.get(path)
        check_eq("signed in: the article page %d: 200" % i, st, 200)
    settle()
    check_eq("three signed-in readers: no read counted", reads(), r0)
    for i in range(2):
        c = Client(srv, "127.0.0.19", harness.BROWSER_UA + " anon %d" % i)
        c.get(path)
    settle()
    check_eq("two anonymous readers: two reads", reads(), r0 + 2)

    # A change hidden from the cache: the title changes, the content
    # version is put back, in one transaction.  A page still cached
    # shows the old title; one rendered anew, the new.
    def hidden_retitle(title):
        v = srv.sql("SELECT version FROM content_version")[0][0]
        con = sqlite3.connect(srv.db, timeout=10)
        try:
            con.execute("UPDATE articles SET title = ? WHERE id = ?",
                        (title, aid))
            con.execute("UPDATE content_version SET version = ?", (v,))
            con.commit()
        finally:
            con.close()

    anon = Client(srv, "127.0.0.20", harness.BROWSER_UA + " anon cache")
    srv.sql_write("UPDATE articles SET title = 'Title One' WHERE id = ?",
                  (aid,))
    settle()
    anon.get(path)				# cached now, as Title One
    hidden_retitle("Title Two")
    st, _, body = anon.get(path)
    check_in("control: an anonymous reader gets the cached page",
             "Title One", body)
    st, _, body = ed.get(path)
    check_in("a signed-in reader never gets the cached page", "Title Two",
             body)
    other = "/articles/" + srv.sql(
        "SELECT slug FROM articles WHERE status = 'published' ORDER BY id "
        "LIMIT 1 OFFSET 4")[0][0]
    oid = srv.sql("SELECT id FROM articles WHERE slug = ?",
                  (other[10:],))[0][0]
    aid_saved, aid = aid, oid
    srv.sql_write("UPDATE articles SET title = 'Other One' WHERE id = ?",
                  (aid,))
    settle()
    ed.get(other)				# must not fill the cache
    hidden_retitle("Other Two")
    st, _, body = anon.get(other)
    check_in("a signed-in reader's page is not cached (the next "
             "reader gets a new one)", "Other Two", body)
    aid = aid_saved


def test_https_cookies(srv):
    p = subprocess.run([harness.BIN, "site", "--db", srv.db, "set",
                        "base_url", "https://journal.example.org"],
                       capture_output=True, timeout=60)
    check_eq("base URL set to https", p.returncode, 0)
    srv.pause(1.5)
    c = Client(srv, "127.0.0.21")
    st, h, body = c.get("/admin/login")
    sc = " ".join(h.get("set-cookie", []))
    check("https: the sign-in form's cookie is __Host- and Secure",
          sc.startswith("__Host-octavo_signin=") and "Secure" in sc, sc)
    st, h, body = c.login(EMAIL["admin"], PW["admin"])
    sc = " ".join(x for x in h.get("set-cookie", [])
                  if "octavo_session" in x)
    check("https: the session cookie is __Host-, Secure, HttpOnly, "
          "SameSite=Lax, Path=/, no Domain",
          sc.startswith("__Host-octavo_session=") and "Secure" in sc and
          "HttpOnly" in sc and "SameSite=Lax" in sc and "Path=/" in sc and
          "Domain" not in sc, sc)
    st, h, body = c.get("/admin")
    check_eq("https: signed in with it", st, 200)


def main():
    with harness.Server(articles=30) as srv:
        for r in ("admin", "editor", "author"):
            p = user_add(srv.db, EMAIL[r], r, PW[r])
            check_eq("octavo user add %s" % r, p.returncode, 0)
        for email, pw in (("target@example.org", "target password"),
                          ("victim@example.org", "victim password"),
                          ("rehash@example.org", PW["author"] + " old"),
                          ("locked@example.org", "locked password")):
            user_add(srv.db, email, "author", pw)
        srv.pause(1.5)
        admin = test_signin(srv)
        test_failure(srv)
        test_rate_limits(srv)
        test_csrf(srv, admin)
        test_logout(srv)
        test_expiry(srv)
        test_rehash(srv)
        test_matrix(srv)
        admin = Client(srv, "127.0.0.30")
        check_eq("admin signs in again", admin.login(EMAIL["admin"],
                                                     PW["admin"])[0], 303)
        test_users_page(srv, admin)
        test_settings(srv, admin)
        test_audit_page(srv, admin)
        test_next(srv)
        test_reads_and_cache(srv)
        test_https_cookies(srv)


if __name__ == "__main__":
    main()
    harness.done()
