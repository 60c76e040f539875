"""API tokens, through the real server and database: an administrator
makes one at /admin/tokens (shown once, stored only as its hash, acting
as a chosen user), a client uses it as a bearer token (GET /api/v1/me),
and it is refused once revoked or once its user is disabled, with the
same 401 and WWW-Authenticate challenge as no token, a malformed one or
an unknown one; only administrators reach the page, forms need the
CSRF token, and making and revoking are audited.  Every API answer is
checked against the OpenAPI document's schemas."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
import test_api  # noqa: E402
from test_api import call  # noqa: E402
from test_admin_auth import (EMAIL, PW, Client, audit_actions,  # noqa: E402
                             loc, user_add)

TOKEN = re.compile(r"^octavo_[0-9a-f]{64}$")


def me(srv, token, scheme="Bearer"):
    h = {} if token is None else {"Authorization": "%s %s" % (scheme,
                                                               token)}
    return call(srv, "/api/v1/me", headers=h)


def refused(srv, name, token, scheme="Bearer", error=True):
    st, h, text = me(srv, token, scheme)
    check_eq(name + ": 401", st, 401)
    check_eq(name + ": problem+json", h.get("content-type"),
             "application/problem+json")
    want = 'Bearer realm="octavo"' + (', error="invalid_token"' if error
                                      else "")
    check_eq(name + ": the challenge", h.get("www-authenticate"), want)
    check_eq(name + ": never stored", h.get("cache-control"), "no-store")


def user_id(srv, email):
    return srv.sql("SELECT id FROM users WHERE email = ?", (email,))[0][0]


def make(c, name, uid):
    """Make a token on the page: (status, the token shown or None)."""
    tok = c.csrf("/admin/tokens")
    st, h, body = c.post("/admin/tokens", {"csrf": tok, "name": name,
                                           "user": str(uid)})
    shown = parse_html(body).find("textarea", attrs={"id": "made-token"})
    return st, body, shown.text() if shown else None


def test_make_and_use(srv, admin):
    eid = user_id(srv, EMAIL["editor"])
    st, body, token = make(admin, "Import from the old site", eid)
    check_eq("made: 201", st, 201)
    check("made: the token is shown", token is not None and
          TOKEN.match(token), token)
    h = hashlib.blake2b(bytes.fromhex(token[7:]), digest_size=32)
    rows = srv.sql("SELECT hash, name, hint, user_id, created_by,"
                   " revoked_at FROM api_tokens")
    check_eq("made: one row", len(rows), 1)
    check_eq("made: stored as its hash, by whom, for whom", rows[0],
             (h.hexdigest(), "Import from the old site", token[-4:], eid,
              user_id(srv, EMAIL["admin"]), None))
    check("made: the token itself is nowhere in the database",
          not any(token[7:] in str(r) for r in srv.sql(
              "SELECT * FROM api_tokens")), "found")
    st, _, body = admin.get("/admin/tokens")
    check("listed afterwards: the token is not shown again",
          token not in body and "Import from the old site" in body, "")
    check_in("listed: with its hint", "…" + token[-4:], body)
    check_eq("audited", audit_actions(srv)[-1], "API token made")

    st, h2, text = me(srv, token)
    check_eq("me: 200", st, 200)
    doc = test_api.json.loads(text)
    check_eq("me: acts as the editor", doc, {
        "user": {"email": EMAIL["editor"], "role": "editor"},
        "token": {"name": "Import from the old site"}})
    check_eq("me: never stored", h2.get("cache-control"), "no-store")
    check("me: its use is stored", srv.sql(
        "SELECT used_at FROM api_tokens")[0][0] is not None, "")
    st, _, _ = me(srv, token, scheme="bearer")
    check_eq("the scheme in any case", st, 200)
    return token


def test_refusals(srv, token):
    refused(srv, "no token", None, error=False)
    refused(srv, "another scheme", "Basic " + "x" * 10, scheme="Digest",
            error=False)
    refused(srv, "malformed", "octavo_xyz")
    refused(srv, "without its prefix", token[7:])
    refused(srv, "unknown", "octavo_" + "0" * 64)
    refused(srv, "one digit changed", token[:-1] +
            ("0" if token[-1] != "0" else "1"))


def test_disabled_user(srv, admin, token):
    srv.sql_write("UPDATE users SET disabled = 1 WHERE email = ?",
                  (EMAIL["editor"],))
    refused(srv, "its user disabled", token)
    srv.sql_write("UPDATE users SET disabled = 0 WHERE email = ?",
                  (EMAIL["editor"],))
    check_eq("its user enabled again: accepted", me(srv, token)[0], 200)


def test_revoke(srv, admin, token):
    tid = srv.sql("SELECT id FROM api_tokens")[0][0]
    st, _, body = admin.get("/admin/tokens/%d/revoke" % tid)
    check_eq("revoke: asks first", st, 200)
    check_in("revoke: names the token", "Import from the old site", body)
    check_eq("revoke: asking changes nothing", srv.sql(
        "SELECT revoked_at FROM api_tokens")[0][0], None)
    st, _, _ = admin.post("/admin/tokens/%d/revoke" % tid,
                          {"csrf": "0" * 64})
    check_eq("revoke with a wrong CSRF token: 403", st, 403)
    check_eq("  and nothing revoked", srv.sql(
        "SELECT revoked_at FROM api_tokens")[0][0], None)
    csrf = admin.csrf("/admin/tokens/%d/revoke" % tid)
    st, h, _ = admin.post("/admin/tokens/%d/revoke" % tid, {"csrf": csrf})
    check_eq("revoke: back to the list", (st, loc(h)),
             (303, "/admin/tokens?done=revoked"))
    check("revoke: the time is kept", srv.sql(
        "SELECT revoked_at FROM api_tokens")[0][0] is not None, "")
    check_eq("revoke: audited", audit_actions(srv)[-1], "API token revoked")
    refused(srv, "revoked", token)
    st, h, _ = admin.get("/admin/tokens/%d/revoke" % tid)
    check_eq("revoking again: back to the list", (st, loc(h)),
             (303, "/admin/tokens"))
    check_eq("an unknown token's page: 404",
             admin.get("/admin/tokens/999/revoke")[0], 404)


def test_form_errors(srv, admin):
    n = srv.sql("SELECT count(*) FROM api_tokens")[0][0]
    st, body, token = make(admin, "", 99999)
    check_eq("no name, no such user: 422", st, 422)
    check("  and no token shown", token is None, token)
    doc = parse_html(body)
    check_in("  the name's message beside it", "Enter a name",
             doc.find("p", attrs={"id": "f-name-error"}).text()
             if doc.find("p", attrs={"id": "f-name-error"}) else "")
    check("  the user's message beside it",
          doc.find("p", attrs={"id": "f-user-error"}) is not None, "")
    st, body, _ = make(admin, "a\tb", user_id(srv, EMAIL["author"]))
    check_eq("a control character in the name: 422", st, 422)
    check_in("  what was typed is kept", 'value="a\tb"', body)
    st, _, _ = make(admin, "x" * 101, user_id(srv, EMAIL["author"]))
    check_eq("a name too long: 422", st, 422)
    check_eq("nothing was made", srv.sql(
        "SELECT count(*) FROM api_tokens")[0][0], n)


def test_roles(srv):
    for role in ("editor", "author"):
        c = Client(srv, "127.0.0.41")
        c.login(EMAIL[role], PW[role])
        st, _, _ = c.get("/admin/tokens")
        check_eq("%s: /admin/tokens is 403" % role, st, 403)
        st, _, _ = c.post("/admin/tokens", {"csrf": c.csrf("/admin"),
                                            "name": "x", "user": "1"})
        check_eq("%s: making a token is 403" % role, st, 403)
    st, h, _ = Client(srv, "127.0.0.42").get("/admin/tokens")
    check_eq("anonymous: to sign in", (st, loc(h)),
             (303, "/admin/login?next=%2Fadmin%2Ftokens"))
    check_eq("no token was made by them", srv.sql(
        "SELECT count(*) FROM api_tokens WHERE name = 'x'")[0][0], 0)


def test_author_token(srv, admin):
    st, _, token = make(admin, "Author's script",
                        user_id(srv, EMAIL["author"]))
    st, _, text = me(srv, token)
    check_eq("an author's token: 200", st, 200)
    check_in("  acts as the author", '"role":"author"', text)


def main():
    with harness.Server(articles=10) as srv:
        for r in PW:
            p = user_add(srv.db, EMAIL[r], r, PW[r])
            check_eq("user add %s" % r, p.returncode, 0)
        admin = Client(srv, "127.0.0.40")
        check_eq("admin signs in", admin.login(EMAIL["admin"],
                                               PW["admin"])[0], 303)
        token = test_make_and_use(srv, admin)
        test_refusals(srv, token)
        test_disabled_user(srv, admin, token)
        test_revoke(srv, admin, token)
        test_form_errors(srv, admin)
        test_roles(srv)
        test_author_token(srv, admin)
    test_api.validate("api tokens")


if __name__ == "__main__":
    main()
    harness.done()
