"""The API's issue writes, through the real server and database, with
tokens acting as an editor and as an author: POST /api/v1/issues (201, a
draft, Location, audited), PATCH of some fields (the others kept), 422
with each field's problem and nothing stored, 409 for a number another
issue has, publish and unpublish with the issue's articles (the same
function as the back office: a published article never left in an
unpublished issue; the public API sees the issue once published), DELETE
refused with 409 while the issue holds articles and 204 once empty, 404
for an issue that does not exist, 403 for an author's token and 401
without one, nothing changed by any refusal.  Every answer is checked
against the OpenAPI document."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402
import test_api  # noqa: E402
from test_api_write import send, tokens_add  # noqa: E402

API = "/api/v1/issues"


def issue(srv, number):
    rows = srv.sql("SELECT id, volume, date, title, note, status FROM"
                   " issues WHERE number = ?", (number,))
    return rows[0] if rows else None


def audit(srv, action):
    return srv.sql("SELECT count(*) FROM audit WHERE action = ?",
                   (action,))[0][0]


def test_create(srv):
    st, h, doc = send(srv, "POST", API, "editor", {
        "number": 901, "volume": 12, "date": "2026-12-01",
        "title": "Water and Borders", "note": "On *rivers*."})
    check_eq("POST: 201", st, 201)
    check_eq("POST: a draft", doc and doc["status"], "draft")
    check_eq("POST: its fields", doc and (doc["number"], doc["volume"],
                                          doc["date"], doc["title"],
                                          doc["note"], doc["cover"]),
             (901, 12, "2026-12-01", "Water and Borders", "On *rivers*.",
              ""))
    check_eq("POST: Location", h.get("location"), doc and doc["api_url"])
    check_eq("POST: never stored", h.get("cache-control"), "no-store")
    check_eq("POST: stored", issue(srv, 901) and issue(srv, 901)[1:],
             (12, "2026-12-01", "Water and Borders", "On *rivers*.",
              "draft"))
    check_eq("POST: audited", audit(srv, "issue added"), 1)
    st, _, _ = send(srv, "GET", API + "/901", None)
    check_eq("POST: a draft is not public", st, 404)


def test_refusals(srv):
    before = srv.sql("SELECT count(*) FROM issues")[0][0]
    st, _, doc = send(srv, "POST", API, "editor", {
        "number": 0, "volume": 12, "date": "2026-02-30"})
    check_eq("POST bad fields: 422", st, 422)
    fields = sorted(e["field"] for e in (doc or {}).get("errors", []))
    check_eq("POST bad fields: each field's problem", fields,
             ["date", "number"])
    st, _, doc = send(srv, "POST", API, "editor", {"volume": 1,
                                                   "date": "2026-01-01"})
    check_eq("POST without a number: 422", (st, [e["field"] for e in
                                                 (doc or {}).get(
                                                     "errors", [])]),
             (422, ["number"]))
    st, _, _ = send(srv, "POST", API, "editor", {"number": "7"})
    check_eq("POST a number as a string: 400", st, 400)
    st, _, _ = send(srv, "POST", API, "editor", {"number": 7, "x": 1})
    check_eq("POST an unknown field: 400", st, 400)
    st, _, _ = send(srv, "POST", API, "editor", raw="[1]")
    check_eq("POST a JSON array: 400", st, 400)
    st, _, _ = send(srv, "POST", API, "editor", raw="number=1",
                    ctype="application/x-www-form-urlencoded")
    check_eq("POST a form: 415", st, 415)
    st, _, doc = send(srv, "POST", API, "editor", {
        "number": 901, "volume": 1, "date": "2026-01-01"})
    check_eq("POST a number taken: 409", st, 409)
    st, _, _ = send(srv, "POST", API, "author", {
        "number": 902, "volume": 1, "date": "2026-01-01"})
    check_eq("POST as an author: 403", st, 403)
    st, h, _ = send(srv, "POST", API, None, {
        "number": 903, "volume": 1, "date": "2026-01-01"})
    check_eq("POST without a token: 401 with a challenge",
             (st, (h.get("www-authenticate") or "")[:6]), (401, "Bearer"))
    check_eq("refusals: nothing stored", srv.sql(
        "SELECT count(*) FROM issues")[0][0], before)


def test_patch(srv):
    st, _, doc = send(srv, "PATCH", API + "/901", "editor",
                      {"title": "Rivers and Borders"})
    check_eq("PATCH: 200", st, 200)
    check_eq("PATCH: the field changed, the others kept", doc and
             (doc["title"], doc["volume"], doc["note"]),
             ("Rivers and Borders", 12, "On *rivers*."))
    check_eq("PATCH: stored", issue(srv, 901)[3], "Rivers and Borders")
    st, _, doc = send(srv, "PATCH", API + "/901", "editor",
                      {"number": 902})
    check_eq("PATCH the number: 200", (st, doc and doc["number"]),
             (200, 902))
    check("PATCH the number: moved", issue(srv, 901) is None and
          issue(srv, 902) is not None, "")
    taken = srv.sql("SELECT number FROM issues WHERE number != 902"
                    " ORDER BY number LIMIT 1")[0][0]
    st, _, _ = send(srv, "PATCH", API + "/902", "editor",
                    {"number": taken})
    check_eq("PATCH to a number taken: 409", st, 409)
    st, _, doc = send(srv, "PATCH", API + "/902", "editor",
                      {"date": "yesterday"})
    check_eq("PATCH a bad date: 422 on date", (st, [e["field"] for e in
                                                   (doc or {}).get(
                                                       "errors", [])]),
             (422, ["date"]))
    check_eq("PATCH refused: nothing changed", issue(srv, 902)[2],
             "2026-12-01")
    st, _, _ = send(srv, "PATCH", API + "/902", "author",
                    {"title": "Mine"})
    check_eq("PATCH as an author: 403", st, 403)
    for path in ("/99999", "/0902", "/x"):
        st, _, _ = send(srv, "PATCH", API + path, "editor", {"title": "x"})
        check_eq("PATCH %s: 404" % path, st, 404)


def test_publish(srv):
    section = srv.sql("SELECT slug FROM sections ORDER BY id"
                      " LIMIT 1")[0][0]
    st, _, doc = send(srv, "POST", "/api/v1/articles", "editor", {
        "title": "A River Treaty", "body": "Text.", "section": section,
        "issue": 902})
    check_eq("a draft article in the draft issue (articles API)",
             (st, doc and doc["issue"]), (201, 902))
    aid = doc["id"]
    st, _, doc = send(srv, "POST", API + "/902/publish", "author")
    check_eq("publish as an author: 403", st, 403)
    check_eq("  still a draft", issue(srv, 902)[5], "draft")
    st, _, doc = send(srv, "POST", API + "/902/publish", "editor")
    check_eq("publish: 200", st, 200)
    check_eq("publish: published, with its one article", doc and
             (doc["status"], doc["articles_changed"]), ("published", 1))
    check_eq("publish: its article published", srv.sql(
        "SELECT status FROM articles WHERE id = ?", (aid,))[0][0],
             "published")
    check_eq("publish: audited", audit(srv, "issue published"), 1)
    st, _, pub = test_api.get_json(srv, API + "/902")
    check_eq("publish: the public API has it", (st, pub and
                                                pub["number"]), (200, 902))
    st, _, doc = send(srv, "DELETE", API + "/902", "editor")
    check_eq("DELETE while it holds an article: 409", st, 409)
    check("  nothing deleted", issue(srv, 902) is not None, "")
    st, _, doc = send(srv, "POST", API + "/902/unpublish", "editor")
    check_eq("unpublish: 200, a draft with its article",
             (st, doc and doc["status"], doc and doc["articles_changed"]),
             (200, "draft", 1))
    check_eq("unpublish: its article back to draft", srv.sql(
        "SELECT status FROM articles WHERE id = ?", (aid,))[0][0],
             "draft")
    check_eq("unpublish: no published article in a draft issue", srv.sql(
        "SELECT count(*) FROM articles a JOIN issues i ON i.id ="
        " a.issue_id WHERE a.status = 'published' AND i.status !="
        " 'published'")[0][0], 0)
    st, _, _ = send(srv, "POST", API + "/99999/publish", "editor")
    check_eq("publish a missing issue: 404", st, 404)
    version = srv.sql("SELECT version FROM articles WHERE id = ?",
                      (aid,))[0][0]
    st, _, doc = send(srv, "PATCH", "/api/v1/articles/a-river-treaty",
                      "editor", {"issue": None, "version": version})
    check_eq("its article taken out of it (articles API)", st, 200)
    st, _, _ = send(srv, "DELETE", API + "/902", "author")
    check_eq("DELETE as an author: 403", st, 403)
    st, h, body = send(srv, "DELETE", API + "/902", "editor")
    check_eq("DELETE an empty issue: 204", (st, body), (204, None))
    check("  gone", issue(srv, 902) is None, "")
    check_in("  audited", ("issue deleted",), srv.sql(
        "SELECT action FROM audit"))
    st, _, _ = send(srv, "DELETE", API + "/902", "editor")
    check_eq("DELETE again: 404", st, 404)


def main():
    with harness.Server(articles=12) as srv:
        tokens_add(srv)
        test_create(srv)
        test_refusals(srv)
        test_patch(srv)
        test_publish(srv)
    test_api.validate("api issue writes")


if __name__ == "__main__":
    main()
    harness.done()
