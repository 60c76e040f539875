"""The permission matrix: every back-office route (read from the route
table in src/admin/admin.c, so that a route added without a row here
fails) and every API write (src/api/routes.c: each route that is not a
public GET), asked as anonymous, an author, an editor and an
administrator, against one table of the expected outcome:

    L   sent to sign in (303 to /admin/login)
    U   401 with a Bearer challenge (the API, without a token)
    F   403: signed in (or a token), but not for this role
    A   allowed: the handler ran for this role, answering 2xx or 3xx
        (not to the sign-in page), or judging the input it was given,
        which here is none or empty (400, 404, 409, 422, 428)

A server error anywhere fails.  Each role acts on rows of its own (a
user, a token, an issue, a file... made for it before the run), so
that one role's deletion never decides another's answer, and a role
that signs out signs in again."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import ROOT, check, check_eq  # noqa: E402
from test_admin_auth import EMAIL, PW, Client, user_add  # noqa: E402
from test_admin_media import multipart  # noqa: E402
from test_api_write import TOKENS, send, token_add  # noqa: E402

ROLES = ("anon", "author", "editor", "admin")

# (method, pattern): outcome for anon, author, editor, admin.
ADMIN = {
    ("GET", "/admin"): "LAAA",
    ("GET", "/admin/login"): "AAAA",
    # Signed in, /admin/login leads on to /admin and has no form, so a
    # sign-in posted then carries no sign-in token: 403.
    ("POST", "/admin/login"): "AFFF",
    # Signing out ends on the sign-in page, signed in or not (that the
    # session is gone is checked after it).
    ("POST", "/admin/logout"): "LLLL",
    # Forgotten passwords: for anyone; a reset link that names no
    # reset is judged (here one that was never sent).  This server
    # sends no mail, so the forgot page has no form, and a post carries
    # no form token: 403 for everyone.
    ("GET", "/admin/password/forgot"): "AAAA",
    ("POST", "/admin/password/forgot"): "FFFF",
    ("GET", "/admin/password/reset/:token"): "AAAA",
    ("POST", "/admin/password/reset/:token"): "AAAA",
    ("GET", "/admin/account"): "LAAA",
    ("POST", "/admin/account"): "LAAA",
    ("GET", "/admin/users"): "LFFA",
    ("POST", "/admin/users"): "LFFA",
    ("GET", "/admin/users/:id"): "LFFA",
    ("POST", "/admin/users/:id/role"): "LFFA",
    ("POST", "/admin/users/:id/sessions"): "LFFA",
    ("GET", "/admin/users/:id/disable"): "LFFA",
    ("POST", "/admin/users/:id/disable"): "LFFA",
    ("POST", "/admin/users/:id/enable"): "LFFA",
    ("GET", "/admin/settings"): "LFFA",
    ("POST", "/admin/settings"): "LFFA",
    ("GET", "/admin/audit"): "LFFA",
    ("GET", "/admin/tokens"): "LFFA",
    ("POST", "/admin/tokens"): "LFFA",
    ("GET", "/admin/tokens/:id/revoke"): "LFFA",
    ("POST", "/admin/tokens/:id/revoke"): "LFFA",
    ("GET", "/admin/about"): "LFAA",
    ("GET", "/admin/countries/review"): "LFAA",
    ("POST", "/admin/countries/review"): "LFAA",
    ("POST", "/admin/about"): "LFAA",
    ("GET", "/admin/media"): "LAAA",
    ("POST", "/admin/media"): "LAAA",
    ("GET", "/admin/media/:id"): "LAAA",
    ("POST", "/admin/media/:id"): "LFAA",
    ("GET", "/admin/media/:id/delete"): "LFAA",
    ("POST", "/admin/media/:id/delete"): "LFAA",
    ("GET", "/admin/issues"): "LFAA",
    ("POST", "/admin/issues"): "LFAA",
    ("GET", "/admin/issues/new"): "LFAA",
    ("GET", "/admin/issues/:id"): "LFAA",
    ("POST", "/admin/issues/:id"): "LFAA",
    ("POST", "/admin/issues/:id/articles"): "LFAA",
    ("POST", "/admin/issues/:id/publish"): "LFAA",
    ("GET", "/admin/issues/:id/unpublish"): "LFAA",
    ("POST", "/admin/issues/:id/unpublish"): "LFAA",
    ("GET", "/admin/issues/:id/delete"): "LFAA",
    ("POST", "/admin/issues/:id/delete"): "LFAA",
    ("GET", "/admin/sections"): "LFAA",
    ("POST", "/admin/sections"): "LFAA",
    ("GET", "/admin/sections/new"): "LFAA",
    ("GET", "/admin/sections/:id"): "LFAA",
    ("POST", "/admin/sections/:id"): "LFAA",
    ("POST", "/admin/sections/:id/move"): "LFAA",
    ("GET", "/admin/sections/:id/delete"): "LFAA",
    ("POST", "/admin/sections/:id/delete"): "LFAA",
    ("GET", "/admin/people"): "LFAA",
    ("POST", "/admin/people"): "LFAA",
    ("GET", "/admin/people/new"): "LFAA",
    ("GET", "/admin/people/:id"): "LFAA",
    ("POST", "/admin/people/:id"): "LFAA",
    ("GET", "/admin/people/:id/delete"): "LFAA",
    ("POST", "/admin/people/:id/delete"): "LFAA",
    # Articles: an author writes and sees their own drafts; the rows
    # here are others' published articles.
    ("GET", "/admin/articles"): "LAAA",
    ("GET", "/admin/articles/new"): "LAAA",
    ("POST", "/admin/articles"): "LAAA",
    ("POST", "/admin/articles/preview"): "LAAA",
    ("GET", "/admin/articles/:id"): "LFAA",
    ("POST", "/admin/articles/:id"): "LFAA",
    ("GET", "/admin/articles/:id/preview"): "LFAA",
    ("POST", "/admin/articles/:id/unpublish"): "LFAA",
    ("GET", "/admin/articles/:id/delete"): "LFAA",
    ("POST", "/admin/articles/:id/delete"): "LFAA",
    ("GET", "/admin/articles/:id/revisions"): "LFAA",
    ("GET", "/admin/articles/:id/diff"): "LFAA",
    ("POST", "/admin/articles/:id/restore"): "LFAA",
    ("GET", "/admin/newsletter"): "LFAA",
    ("POST", "/admin/newsletter"): "LFAA",
    ("GET", "/admin/newsletter/subscribers"): "LFAA",
    ("GET", "/admin/newsletter/subscribers.csv"): "LFAA",
    ("POST", "/admin/newsletter/subscribers"): "LFAA",
    ("GET", "/admin/newsletter/subscribers/:id/erase"): "LFAA",
    ("POST", "/admin/newsletter/subscribers/:id/erase"): "LFAA",
    ("GET", "/admin/newsletter/:id"): "LFAA",
    ("POST", "/admin/newsletter/:id"): "LFAA",
    ("POST", "/admin/newsletter/:id/test"): "LFAA",
    ("POST", "/admin/newsletter/:id/send"): "LFAA",
}
# The four kinds of items share their routes (ITEM_ROUTES in admin.c).
for base, who in (("/admin/publications", "LFAA"),
                  ("/admin/publication-types", "LFFA"),
                  ("/admin/links", "LFAA"), ("/admin/events", "LFAA")):
    for m, tail in (("GET", ""), ("POST", ""), ("GET", "/new"),
                    ("GET", "/:id"), ("POST", "/:id"),
                    ("GET", "/:id/delete"), ("POST", "/:id/delete"),
                    ("POST", "/:id/move")):
        ADMIN[(m, base + tail)] = who

# API writes, and the API's answers that need a token.
API = {
    ("POST", "/api/v1/articles"): "UAAA",
    ("GET", "/api/v1/articles/:slug/edit"): "UFAA",
    ("PATCH", "/api/v1/articles/:slug"): "UFAA",
    ("DELETE", "/api/v1/articles/:slug"): "UFAA",
    ("GET", "/api/v1/me"): "UAAA",
    ("POST", "/api/v1/issues"): "UFAA",
    ("PATCH", "/api/v1/issues/:number"): "UFAA",
    ("POST", "/api/v1/issues/:number/publish"): "UFAA",
    ("POST", "/api/v1/issues/:number/unpublish"): "UFAA",
    ("DELETE", "/api/v1/issues/:number"): "UFAA",
    ("GET", "/api/v1/media"): "UAAA",
    ("POST", "/api/v1/media"): "UAAA",
    ("DELETE", "/api/v1/media/:id"): "UFAA",
}


def table_routes(path, macro_bases):
    """(method, pattern) of every route in a C route table, with the
    ITEM_ROUTES macro's expanded for each base it is used with."""
    src = open(os.path.join(ROOT, path)).read()
    out = []
    for m, pat in re.findall(r'\{\s*HTTP_([A-Z]+),\s*((?:API_ROOT\s*)?'
                             r'"[^"]*"|base(?:\s*"[^"]*")?)', src):
        pat = pat.replace("API_ROOT", '"/api/v1"')
        if pat.startswith("base"):
            tail = re.sub(r'^base\s*', "", pat).strip('"')
            out += [(m, b + tail) for b in macro_bases]
            continue
        out.append((m, "".join(re.findall(r'"([^"]*)"', pat))))
    return out


def check_table(name, table, routes):
    missing = [r for r in routes if r not in table]
    stale = [r for r in table if r not in routes]
    check("%s: every route has a row in the matrix" % name, not missing,
          "no row for %s" % missing)
    check("%s: every row of the matrix is a route" % name, not stale,
          "no route for %s" % stale)
    check("%s: no route twice" % name, len(set(routes)) == len(routes),
          "%d routes, %d distinct" % (len(routes), len(set(routes))))


def fixtures(srv):
    """Rows of every kind, one per role (index 0 anon .. 3 admin)."""
    ids = {}

    def make(kind, sql, args_of):
        ids[kind] = []
        for i, role in enumerate(ROLES):
            srv.sql_write(sql, args_of(i, role))
            ids[kind].append(srv.sql("SELECT max(id) FROM %s" % kind)[0][0])

    make("users", "INSERT INTO users (email, role, password, created_at)"
         " VALUES (?, 'author', 'x', 1)",
         lambda i, r: ("target-%s@example.org" % r,))
    uid = srv.sql("SELECT id FROM users WHERE email = ?",
                  (EMAIL["admin"],))[0][0]
    make("api_tokens", "INSERT INTO api_tokens (hash, name, user_id,"
         " created_at) VALUES (?, ?, ?, 1)",
         lambda i, r: ("%064x" % (i + 77), "matrix " + r, uid))
    make("pub_types", "INSERT INTO pub_types (slug, name) VALUES (?, ?)",
         lambda i, r: ("matrix-" + r, "Matrix " + r))
    make("publications", "INSERT INTO publications (type_id, title, date)"
         " VALUES (?, ?, '2026-01-01')",
         lambda i, r: (ids["pub_types"][0], "Matrix " + r))
    make("links", "INSERT INTO links (name, url) VALUES (?,"
         " 'https://example.org/')", lambda i, r: ("Matrix " + r,))
    make("events", "INSERT INTO events (title, starts_at) VALUES (?,"
         " '2026-12-01T10:00:00Z')", lambda i, r: ("Matrix " + r,))
    make("sections", "INSERT INTO sections (slug, name) VALUES (?, ?)",
         lambda i, r: ("matrix-" + r, "Matrix " + r))
    make("people", "INSERT INTO people (slug, name) VALUES (?, ?)",
         lambda i, r: ("matrix-" + r, "Matrix " + r))
    make("issues", "INSERT INTO issues (number, date, status) VALUES"
         " (?, '2026-12-01', 'draft')", lambda i, r: (7000 + i,))
    make("media", "INSERT INTO media (name, type, size, created_at)"
         " VALUES (?, 'image/png', 1, 1)",
         lambda i, r: ("%032x.png" % (i + 1),))
    make("subscribers", "INSERT INTO subscribers (email, token,"
         " created_at) VALUES (?, ?, '2026-01-01')",
         lambda i, r: ("reader-%s@example.org" % r, "t%d" % i))
    make("campaigns", "INSERT INTO campaigns (subject, body_text,"
         " created_at) VALUES (?, 'Text.', 1)",
         lambda i, r: ("Matrix " + r,))
    ids["articles"] = [r[0] for r in srv.sql(
        "SELECT id FROM articles WHERE status = 'published' ORDER BY id"
        " LIMIT 4")]
    ids["slugs"] = [r[0] for r in srv.sql(
        "SELECT slug FROM articles WHERE status = 'published' ORDER BY id"
        " DESC LIMIT 4")]
    ids["numbers"] = [7000 + i for i in range(4)]
    return ids


# The table an :id route's first segment names.
KIND = {"users": "users", "tokens": "api_tokens", "media": "media",
        "issues": "issues", "sections": "sections", "people": "people",
        "articles": "articles", "publications": "publications",
        "publication-types": "pub_types", "links": "links",
        "events": "events", "newsletter": "campaigns"}


def concrete(pattern, ids, i):
    """The pattern with its captures filled in with role i's rows."""
    seg = pattern.split("/") + ["", ""]
    kind = KIND.get(seg[2] if seg[1] == "admin" else seg[3], "")
    if "subscribers/:id" in pattern:
        kind = "subscribers"
    out = pattern.replace(":slug", ids["slugs"][i])
    out = out.replace(":token", "never-sent-%d" % i)
    out = out.replace(":number", str(ids["numbers"][i]))
    if ":id" in out:
        out = out.replace(":id", str(ids[kind][i]))
    return out


def outcome(st, h):
    location = h.get("location", [""])
    location = location[0] if isinstance(location, list) else location
    if st == 303 and location.startswith("/admin/login"):
        return "L"
    if st == 401:
        return "U"
    if st == 403:
        return "F"
    if 200 <= st < 400 or st in (400, 404, 409, 422, 428):
        return "A"
    return "?%d" % st


def admin_request(c, method, path, csrf):
    if method == "GET":
        return c.get(path)
    if path == "/admin/login":     # the sign-in form's own token
        return c.post(path, {"csrf": c.csrf(path), "email": "",
                             "password": ""})
    if path.startswith("/admin/password/"):    # forms of their own
        return c.post(path, {"csrf": c.csrf(path) or csrf})
    if path in ("/admin/media", "/admin/newsletter/subscribers"):
        ct, body = multipart({"csrf": csrf} if csrf else {}, [])
        return c.request("POST", path, raw=body,
                         headers={"Content-Type": ct})
    return c.post(path, {"csrf": csrf} if csrf else {})


def sign_in(srv, role, i):
    c = Client(srv, "127.0.0.%d" % (60 + i))
    if role != "anon":
        st, h, _ = c.login(EMAIL[role], PW[role])
        check_eq("%s signs in" % role, st, 303)
    return c, (c.csrf("/admin/account") if role != "anon" else "")


def run_admin(srv, ids):
    for i, role in enumerate(ROLES):
        c, csrf = sign_in(srv, role, i)
        for (method, pattern), want in sorted(ADMIN.items()):
            path = concrete(pattern, ids, i)
            st, h, _ = admin_request(c, method, path, csrf)
            have = outcome(st, h)
            check_eq("%s %s as %s" % (method, pattern, role), have,
                     want[i])
            if pattern == "/admin/logout" and role != "anon":
                check("POST /admin/logout as %s: signed out" % role,
                      outcome(*c.get("/admin")[:2]) == "L",
                      "still signed in")
            if pattern in ("/admin/logout", "/admin/login") and \
                    method == "POST":
                c, csrf = sign_in(srv, role, i)


def api_request(srv, method, pattern, path, role):
    if pattern == "/api/v1/media" and method == "POST":
        ct, body = multipart({"alt": "x"}, [])
        return send(srv, method, path, role, raw=body, ctype=ct)
    if method in ("POST", "PATCH") and not pattern.endswith("publish"):
        return send(srv, method, path, role, doc={})
    return send(srv, method, path, role)


def run_api(srv, ids):
    for i, role in enumerate(ROLES):
        who = None if role == "anon" else role
        for (method, pattern), want in sorted(API.items()):
            path = concrete(pattern, ids, i)
            st, h, _ = api_request(srv, method, pattern, path, who)
            check_eq("%s %s as %s" % (method, pattern, role),
                     outcome(st, h), want[i])


def main():
    items = ["/admin/publications", "/admin/publication-types",
             "/admin/links", "/admin/events"]
    admin_routes = table_routes("src/admin/admin.c", items)
    api_routes = [r for r in table_routes("src/api/routes.c", [])
                  if r[0] != "GET" or r[1] in ("/api/v1/me",
                                               "/api/v1/media",
                                               "/api/v1/articles/"
                                               ":slug/edit")]
    check("the admin route table read (%d routes)" % len(admin_routes),
          len(admin_routes) > 80, admin_routes[:3])
    check_table("admin", ADMIN, admin_routes)
    check_table("api", API, api_routes)
    with harness.Server(articles=12) as srv:
        for r in ("author", "editor", "admin"):
            check_eq("user add %s" % r, user_add(srv.db, EMAIL[r], r,
                                                 PW[r]).returncode, 0)
        TOKENS["admin"] = "33" * 32
        for r in ("author", "editor", "admin"):
            token_add(srv, r)
        ids = fixtures(srv)
        srv.pause(1.5)
        run_admin(srv, ids)
        run_api(srv, ids)


if __name__ == "__main__":
    main()
    harness.done()
