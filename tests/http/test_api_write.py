"""The API's article writes, through the real server and database, with
tokens acting as an editor and as an author: POST /api/v1/articles (201,
Location, a first revision), GET .../{slug}/edit, PATCH with the version
it was made from (428 without it, 409 when another save came first,
nothing changed), a publish reaching the public API, a rename answering
at the old slug with a 301, 400 for a body of the wrong shape, 422 with
each field's problem, the author's limits (drafts only, their own only,
no deletes: 403 and nothing stored), DELETE (204) and 401 without a
token.  Every answer is checked against the OpenAPI document."""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402
import test_api  # noqa: E402
from test_api import call  # noqa: E402
from test_admin_auth import EMAIL, PW, user_add  # noqa: E402

API = "/api/v1/articles"
TOKENS = {"editor": "11" * 32, "author": "22" * 32}


def token_add(srv, role):
    digits = TOKENS[role]
    uid = srv.sql("SELECT id FROM users WHERE email = ?",
                  (EMAIL[role],))[0][0]
    srv.sql_write("INSERT INTO api_tokens (hash, name, hint, user_id,"
                  " created_at) VALUES (?, ?, ?, ?, 1)",
                  (hashlib.blake2b(bytes.fromhex(digits),
                                   digest_size=32).hexdigest(),
                   role + " script", digits[-4:], uid))


def tokens_add(srv):
    """An editor and an author, each with a token."""
    for r in ("editor", "author"):
        p = user_add(srv.db, EMAIL[r], r, PW[r])
        check_eq("user add %s" % r, p.returncode, 0)
        token_add(srv, r)


def send(srv, method, path, role, doc=None, raw=None, ctype=None):
    h = {}
    if role is not None:
        h["Authorization"] = "Bearer octavo_" + TOKENS[role]
    body = raw
    if doc is not None:
        body = json.dumps(doc)
    if body is not None:
        h["Content-Type"] = ctype or "application/json"
    st, hd, text = call(srv, path, method=method, headers=h, body=body)
    try:
        return st, hd, json.loads(text) if text else None
    except ValueError:
        return st, hd, None


def article(srv, slug):
    rows = srv.sql("SELECT id, title, status, version FROM articles"
                   " WHERE slug = ?", (slug,))
    return rows[0] if rows else None


def test_create(srv, section, person):
    st, h, doc = send(srv, "POST", API, "editor", {
        "title": "Pipelines and Power", "dek": "A field report.",
        "body": "The *pipeline* opened.", "section": section,
        "authors": [person], "tags": ["Energy"], "countries": ["KZ"]})
    check_eq("POST: 201", st, 201)
    check_eq("POST: a draft when no status is given", doc and
             doc["status"], "draft")
    check_eq("POST: the slug made from the title", doc and doc["slug"],
             "pipelines-and-power")
    check_eq("POST: Location is its edit resource", h.get("location"),
             doc and doc["edit_url"])
    check_eq("POST: never stored", h.get("cache-control"), "no-store")
    row = article(srv, "pipelines-and-power")
    check("POST: stored", row is not None and row[1] ==
          "Pipelines and Power" and row[2] == "draft", row)
    check_eq("POST: a first revision", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id = ?",
        (row[0],))[0][0] if row else 0, 1)
    check_eq("POST: made by the token's user", srv.sql(
        "SELECT u.email FROM articles a JOIN users u ON u.id ="
        " a.created_by WHERE a.slug = 'pipelines-and-power'"),
        [(EMAIL["editor"],)])
    check_eq("POST: its authors, tags and countries", (doc["authors"],
             doc["tags"], doc["countries"]), ([person], ["Energy"],
                                               ["KZ"]))
    st, _, _ = send(srv, "GET", API + "/pipelines-and-power", None)
    check_eq("a draft is not in the public API", st, 404)
    st, _, got = send(srv, "GET", API + "/pipelines-and-power/edit",
                      "editor")
    check_eq("GET edit: 200", st, 200)
    check_eq("GET edit: the same resource", got, doc)
    return doc


def test_patch(srv, doc):
    path = API + "/" + doc["slug"]
    before = article(srv, doc["slug"])
    st, _, p = send(srv, "PATCH", path, "editor", {"title": "X"})
    check_eq("PATCH without its version: 428", st, 428)
    check_eq("  names the version", p and p.get("parameter"), "version")
    check_eq("  nothing changed", article(srv, doc["slug"]), before)
    st, _, got = send(srv, "PATCH", path, "editor", {
        "dek": "A field report from Aktau.", "version": doc["version"]})
    check_eq("PATCH: 200", st, 200)
    check_eq("PATCH: the field changed", got and got["dek"],
             "A field report from Aktau.")
    check_eq("PATCH: the others kept", got and (got["title"], got["body"],
                                                got["tags"]),
             (doc["title"], doc["body"], doc["tags"]))
    check_eq("PATCH: a new version", got and got["version"],
             doc["version"] + 1)
    st, _, p = send(srv, "PATCH", path, "editor", {
        "title": "Stale", "version": doc["version"]})
    check_eq("PATCH from an old version: 409", st, 409)
    check_eq("  nothing changed", article(srv, doc["slug"])[1],
             "Pipelines and Power")
    st, _, pub = send(srv, "PATCH", path, "editor", {
        "status": "published", "version": got["version"]})
    check_eq("PATCH: published", (st, pub and pub["status"]),
             (200, "published"))
    ok, ans = test_api.eventually(
        srv, lambda: send(srv, "GET", path, None),
        lambda a: a[0] == 200)
    check("published: in the public API", ok, ans[0])
    st, _, ren = send(srv, "PATCH", path, "editor", {
        "slug": "pipelines-and-power-in-aktau", "version": pub["version"]})
    check_eq("PATCH: renamed", (st, ren and ren["slug"]),
             (200, "pipelines-and-power-in-aktau"))
    st, h, _ = srv.get("/articles/pipelines-and-power")
    check_eq("the old slug answers with a 301 to the new",
             (st, h.get("location", "").endswith(
                 "/articles/pipelines-and-power-in-aktau")), (301, True))
    st, _, again = send(srv, "GET", API + "/pipelines-and-power/edit",
                        "editor")
    check_eq("the edit resource answers at the old slug too",
             again and again["slug"], "pipelines-and-power-in-aktau")
    check_eq("a revision a save", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id = ?",
        (doc["id"],))[0][0], 4)
    return ren


def test_refusals(srv, doc, section):
    n = srv.sql("SELECT count(*) FROM articles")[0][0]
    for name, body, ctype in (
            ("not an object", "[1]", None),
            ("not JSON", "{", None),
            ("an unknown field", '{"title": "x", "colour": "red"}', None),
            ("a number for a string", '{"title": 7}', None),
            ("a list of numbers", '{"title": "x", "tags": [1]}', None)):
        st, _, p = send(srv, "POST", API, "editor", raw=body, ctype=ctype)
        check_eq("POST %s: 400" % name, st, 400)
    st, _, _ = send(srv, "POST", API, "editor", raw="title=x",
                    ctype="application/x-www-form-urlencoded")
    check_eq("POST a form: 415", st, 415)
    st, _, p = send(srv, "POST", API, "editor", {
        "title": "Nowhere", "section": "no-such-section",
        "authors": ["no-such-person"]})
    check_eq("POST naming nothing: 422", st, 422)
    fields = sorted(e["field"] for e in (p or {}).get("errors", []))
    check_eq("  each field's problem", fields, ["authors", "section"])
    st, _, p = send(srv, "POST", API, "editor", {
        "title": "T" * 301, "section": section, "countries": ["XX"]})
    check_eq("POST breaking the rules: 422", st, 422)
    fields = sorted(e["field"] for e in (p or {}).get("errors", []))
    check_eq("  each field's problem", fields, ["countries", "title"])
    st, _, p = send(srv, "POST", API, "editor", {
        "title": "Later", "section": section, "status": "scheduled"})
    check_eq("scheduled without a time: 422", st, 422)
    check_eq("  said of published_at", [e["field"] for e in
                                        p.get("errors", [])],
             ["published_at"])
    check_eq("nothing was stored", srv.sql(
        "SELECT count(*) FROM articles")[0][0], n)
    for method, path in (("POST", API), ("PATCH", API + "/" + doc["slug"]),
                         ("DELETE", API + "/" + doc["slug"]),
                         ("GET", API + "/" + doc["slug"] + "/edit")):
        st, h, _ = send(srv, method, path, None,
                        {} if method in ("POST", "PATCH") else None)
        check_eq("%s without a token: 401" % method, st, 401)
    st, _, _ = send(srv, "PATCH", API + "/no-such-article", "editor",
                    {"version": 1})
    check_eq("PATCH of nothing: 404", st, 404)


def test_author(srv, doc, section):
    n = srv.sql("SELECT count(*) FROM articles")[0][0]
    st, _, _ = send(srv, "POST", API, "author", {
        "title": "Mine, published", "section": section,
        "status": "published"})
    check_eq("author: publishing is 403", st, 403)
    check_eq("  nothing stored", srv.sql(
        "SELECT count(*) FROM articles")[0][0], n)
    st, _, mine = send(srv, "POST", API, "author", {
        "title": "My draft", "section": section})
    check_eq("author: a draft is 201", st, 201)
    st, _, _ = send(srv, "GET", API + "/" + doc["slug"] + "/edit",
                    "author")
    check_eq("author: another's article is 403", st, 403)
    st, _, _ = send(srv, "PATCH", API + "/" + doc["slug"], "author",
                    {"title": "Mine now", "version": doc["version"]})
    check_eq("author: changing another's is 403", st, 403)
    check_eq("  unchanged", article(srv, doc["slug"])[1],
             "Pipelines and Power")
    st, _, got = send(srv, "PATCH", API + "/my-draft", "author",
                      {"dek": "Still mine.", "version": mine["version"]})
    check_eq("author: changing their draft is 200", st, 200)
    st, _, _ = send(srv, "PATCH", API + "/my-draft", "author",
                    {"status": "published", "version": got["version"]})
    check_eq("author: publishing their draft is 403", st, 403)
    check_eq("  still a draft", article(srv, "my-draft")[2], "draft")
    st, _, _ = send(srv, "DELETE", API + "/my-draft", "author")
    check_eq("author: deleting is 403", st, 403)
    check("  still there", article(srv, "my-draft") is not None, "")
    return mine


def test_delete(srv, mine):
    st, h, _ = send(srv, "DELETE", API + "/my-draft", "editor")
    check_eq("DELETE: 204", st, 204)
    check("  gone", article(srv, "my-draft") is None, "")
    check_eq("  its revisions too", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id = ?",
        (mine["id"],))[0][0], 0)
    st, _, _ = send(srv, "GET", API + "/my-draft/edit", "editor")
    check_eq("  its edit resource: 404", st, 404)
    check_in("  audited", ("article deleted",), srv.sql(
        "SELECT action FROM audit"))


def main():
    with harness.Server(articles=12) as srv:
        tokens_add(srv)
        section = srv.sql("SELECT slug FROM sections ORDER BY id"
                          " LIMIT 1")[0][0]
        person = srv.sql("SELECT slug FROM people ORDER BY id"
                         " LIMIT 1")[0][0]
        doc = test_create(srv, section, person)
        doc = test_patch(srv, doc)
        test_refusals(srv, doc, section)
        mine = test_author(srv, doc, section)
        test_delete(srv, mine)
    test_api.validate("api writes")


if __name__ == "__main__":
    main()
    harness.done()
