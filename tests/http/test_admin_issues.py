"""The back office's issues, sections and people, through the real
server and database: an issue created (a wrong form comes back with the
messages beside its fields and what was typed), edited, assembled
(articles added from those in no issue, found by title; moved up and
down within their section; put in a whole new order as the dragging
script posts it; taken out), published with its articles in one
transaction (a failure halfway changes nothing) and seen on the public
site with its editor's note and cover, unpublished with its articles,
and deleted (refused while it holds articles).  After every step no
published article is in an unpublished issue.  Sections and people:
made, slugs made from the name and unique, checked, moved, found,
filtered, paginated, and their deletion refused while articles or
bylines name them.  Authors get 403, nobody signed in goes to sign in,
editors may; a missing CSRF token is a 403 that changes nothing.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from harness import field_error, field_value  # noqa: E402
import test_admin_auth as t  # noqa: E402

PW = "issues test password"
EMAIL = {r: r + "@issues.example.org" for r in ("admin", "editor",
                                                 "author")}
DAY = "2026-11-25T10:00:00Z"  # harness.add_draft's


def loc(h):
    return h.get("location", [""])[0]


def wrong_places(srv):
    """Published articles in an unpublished issue: must be none."""
    return srv.sql("SELECT count(*) FROM articles a JOIN issues i"
                   " ON i.id = a.issue_id WHERE a.status = 'published'"
                   " AND i.status <> 'published'")[0][0]


def invariant(srv, step):
    check_eq("no published article in an unpublished issue, after %s"
             % step, wrong_places(srv), 0)


def public_status(srv, path, want):
    """The status of a public page once the server has taken a change
    up (its tick, about a second): polled, as harness.set_base_url
    does, until it is want or 100 tries have passed."""
    for _ in range(100):
        st = srv.get(path)[0]
        if st == want:
            break
        srv.pause(0.1)
    return st


def article_row(srv, aid):
    return srv.sql("SELECT issue_id, status, position FROM articles"
                   " WHERE id = ?", (aid,))[0]


def toc_ids(srv, issue):
    """The issue's article ids in the public contents' order."""
    return [r[0] for r in srv.sql(
        "SELECT a.id FROM articles a JOIN sections s ON s.id = a.section_id"
        " WHERE a.issue_id = ? ORDER BY s.position, s.name, s.id,"
        " a.position, a.id", (issue,))]


def page_ids(body):
    """The article ids of the issue page's contents, in its order."""
    return [int(n.attrs["data-id"]) for n in
            parse_html(body).find_all("li", cls="toc-item")]


def test_roles(srv, c):
    anon = t.Client(srv, "127.0.0.41")
    for path in ("/admin/issues", "/admin/issues/new", "/admin/sections",
                 "/admin/people?q=a", "/admin/people/new"):
        st, h, _ = anon.get(path)
        check_eq("anonymous GET %s: 303" % path, st, 303)
        check("to sign in, coming back after: %s" % path,
              loc(h).startswith("/admin/login?next=%2Fadmin%2F"), loc(h))
        st, _, body = c["author"].get(path)
        check_eq("author GET %s: 403" % path, st, 403)
        check_in("author: says why", "This page is for editors", body)
        st, h, _ = c["editor"].get(path)
        check_eq("editor GET %s: 200" % path, st, 200)
        check_eq("editor GET %s: no-store" % path,
                 h.get("cache-control"), ["no-store"])
    n = srv.sql("SELECT count(*) FROM issues")[0][0]
    tok = c["author"].csrf("/admin/account")
    st, _, _ = c["author"].post("/admin/issues", {
        "csrf": tok, "number": "900", "volume": "9", "date": "2026-12-01"})
    check_eq("author POST /admin/issues: 403", st, 403)
    st, _, _ = c["author"].post("/admin/issues/1/unpublish", {"csrf": tok})
    check_eq("author POST unpublish: 403", st, 403)
    st, _, _ = c["author"].post("/admin/sections", {"csrf": tok,
                                                    "name": "X"})
    check_eq("author POST /admin/sections: 403", st, 403)
    st, _, _ = anon.post("/admin/people", {"name": "X"})
    check_eq("anonymous POST /admin/people: 303 to sign in", st, 303)
    check_eq("nothing was made", srv.sql(
        "SELECT count(*) FROM issues")[0][0], n)
    check_eq("issue 1 still published", srv.sql(
        "SELECT status FROM issues WHERE number = 1")[0][0], "published")
    check_eq("no section X", srv.sql(
        "SELECT count(*) FROM sections WHERE name = 'X'")[0][0], 0)
    st, _, body = c["admin"].get("/admin/issues")
    check_eq("admin GET /admin/issues: 200", st, 200)
    nav = [a.text() for a in parse_html(body).find(
        "nav", attrs={"aria-label": "Back office"}).find_all("a")]
    check("the nav names Issues, Sections and People",
          all(x in nav for x in ("Issues", "Sections", "People")), nav)
    st, _, body = c["author"].get("/admin")
    nav = [a.text() for a in parse_html(body).find(
        "nav", attrs={"aria-label": "Back office"}).find_all("a")]
    check("an author's nav does not", "Issues" not in nav, nav)


def test_create(srv, ed):
    st, _, body = ed.get("/admin/issues/new")
    want = srv.sql("SELECT max(number) + 1 FROM issues")[0][0]
    check_eq("new issue: the next number offered", field_value(body,
             "number"), str(want))
    tok = ed.csrf("/admin/issues/new")
    bad = {"csrf": tok, "number": "twelve", "volume": "0",
           "date": "2026-02-30", "title": "Rivers & <Deltas>",
           "note": "Typed **note**\r\nsecond line",
           "cover": "javascript:alert(1)"}
    n = srv.sql("SELECT count(*) FROM issues")[0][0]
    st, _, body = ed.post("/admin/issues", bad)
    check_eq("a wrong issue form: 422", st, 422)
    check_in("number: says why", "Enter a whole number from 1",
             field_error(body, "number"))
    check_in("volume: says why", "from 1 to 9999", field_error(body,
                                                              "volume"))
    check_in("date: says why", "Enter a date that exists",
             field_error(body, "date"))
    check_in("cover: says why", "https://", field_error(body, "cover"))
    check_eq("the summary lists four problems", len(parse_html(body).find(
        "div", cls="error-summary").find_all("li")), 4)
    check_eq("the number as typed", field_value(body, "number"), "twelve")
    check_eq("the title as typed", field_value(body, "title"),
             "Rivers & <Deltas>")
    check_eq("the note as typed", field_value(body, "note").strip(),
             "Typed **note**\nsecond line")
    check_eq("nothing saved", srv.sql("SELECT count(*) FROM issues")[0][0],
             n)
    bad.update(number="1", volume="2", date="2026-12-09",
               cover="https://example.org/cover.jpg")
    st, _, body = ed.post("/admin/issues", bad)
    check_eq("a number taken: 422", st, 422)
    check_in("says so beside the number", "There is an issue No. 1",
             field_error(body, "number"))
    bad.update(number=str(want), note="The **editor's** note.\r\n\r\n"
               "A second paragraph.", cover="/media/covers/rivers.jpg")
    st, h, body = ed.post("/admin/issues", bad)
    check_eq("a right issue form: 303", st, 303)
    m = re.match(r"^/admin/issues/(\d+)\?done=issue-added$", loc(h))
    check("to the new issue's page", m, loc(h))
    iid = int(m.group(1)) if m else 0
    row = srv.sql("SELECT number, volume, date, title, note, cover, status"
                  " FROM issues WHERE id = ?", (iid,))
    check_eq("stored as typed, a draft", row, [(
        want, 2, "2026-12-09", "Rivers & <Deltas>",
        "The **editor's** note.\n\nA second paragraph.",
        "/media/covers/rivers.jpg", "draft")])
    st, _, body = ed.get(loc(h))
    check_in("the page says it was created", "created as a draft", body)
    check_eq("a draft is not on the public site", srv.get(
        "/issues/%d" % want)[0], 404)
    # Edited: a wrong value keeps what was typed, a right one saves.
    tok = ed.csrf("/admin/issues/%d" % iid)
    form = {"csrf": tok, "number": str(want), "volume": "2",
            "date": "2026-12-09", "title": "Rivers and Deltas",
            "note": "The **editor's** note.", "cover":
            "/media/covers/rivers.jpg"}
    st, _, body = ed.post("/admin/issues/%d" % iid, dict(form, date="soon"))
    check_eq("an edit with a wrong date: 422", st, 422)
    check_eq("the title as typed, not as stored",
             field_value(body, "title"), "Rivers and Deltas")
    check_eq("the stored title unchanged", srv.sql(
        "SELECT title FROM issues WHERE id = ?", (iid,))[0][0],
        "Rivers & <Deltas>")
    st, h, _ = ed.post("/admin/issues/%d" % iid, form)
    check_eq("a right edit: 303", st, 303)
    check_eq("saved", srv.sql("SELECT title, note FROM issues WHERE id = ?",
                              (iid,))[0], ("Rivers and Deltas",
                                           "The **editor's** note."))
    return iid, want


def test_assemble(srv, ed, iid):
    a = harness.add_draft(srv, "delta-soils", "Delta Soils Under Strain",
                          "analytical-articles", author="idris-lometti")
    # Scheduled far ahead: the server's scheduler (the real clock) would
    # publish one already due before the test puts it in the issue.
    b = harness.add_draft(srv, "the-last-ferry", "The Last Ferry",
                          "analytical-articles", "scheduled",
                          day="2099-01-01T10:00:00Z")
    d = harness.add_draft(srv, "river-notes", "River Notes",
                          "field-reports")
    p = harness.add_draft(srv, "already-out", "Already Out Elsewhere",
                          "commentary", "published")
    url = "/admin/issues/%d" % iid
    st, _, body = ed.get(url + "?q=FERRY")
    cands = [n.text() for n in parse_html(body).find_all(
        "span", cls="toc-title")]
    check_eq("search: only the matching article in no issue", cands,
             ["The Last Ferry"])
    st, _, body = ed.get(url)
    cands = [n.text() for n in parse_html(body).find_all(
        "li", cls="candidate")]
    check("no search: every article in no issue is offered",
          len(cands) == 4, cands)
    tok = ed.csrf(url)
    for aid in (a, b, d):
        st, h, _ = ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                               "article": str(aid)})
        check_eq("add article %d: 303" % aid, st, 303)
    check_eq("in the issue, in the order added within a section",
             toc_ids(srv, iid), [a, b, d])
    invariant(srv, "adding drafts")
    st, _, body = ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                              "article": str(p)})
    check_eq("a published article into a draft issue: 409", st, 409)
    check_in("says why", "can only be in a published issue", body)
    check_eq("it stays in no issue", article_row(srv, p)[0], None)
    invariant(srv, "refusing a published article")
    st, _, body = ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                              "article": str(a)})
    check_eq("an article already in an issue: 409", st, 409)
    check_in("says so", "in an issue already", body)
    # Move down, within the section; the page shows the same order.
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "down",
                                           "article": str(a)})
    check_eq("move down: 303", st, 303)
    check_eq("moved down", toc_ids(srv, iid), [b, a, d])
    st, _, body = ed.get(url)
    check_eq("the page shows the contents' order", page_ids(body),
             [b, a, d])
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "down",
                                           "article": str(a)})
    check_eq("not past its section's end: 409", st, 409)
    check_eq("nothing moved", toc_ids(srv, iid), [b, a, d])
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "up",
                                           "article": str(a)})
    check_eq("move up: back", toc_ids(srv, iid), [a, b, d])
    # The dragging script's form: every id, in a new order.
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "order",
                                           "order": "%d,%d,%d" % (d, b, a)})
    check_eq("a whole order: 303", st, 303)
    check_eq("the order within the section changed", toc_ids(srv, iid),
             [b, a, d])
    for bad in ("%d,%d" % (a, b), "%d,%d,%d" % (a, a, b),
                "%d,%d,%d,%d" % (a, b, d, p), "1,x,3", ""):
        st, _, _ = ed.post(url + "/articles", {"csrf": tok,
                                               "action": "order",
                                               "order": bad})
        check_eq("order %r refused: 409" % bad, st, 409)
    check_eq("no refused order changed anything", toc_ids(srv, iid),
             [b, a, d])
    # Taken out, and back.
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "remove",
                                           "article": str(d)})
    check_eq("remove: 303", st, 303)
    check_eq("taken out: in no issue", article_row(srv, d)[0], None)
    ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                "article": str(d)})
    check_eq("and back, at the end", toc_ids(srv, iid), [b, a, d])
    st, _, _ = ed.post(url + "/articles", {"action": "remove",
                                           "article": str(d)})
    check_eq("without the CSRF token: 403", st, 403)
    check_eq("and nothing changed", article_row(srv, d)[0], iid)
    return a, b, d, p


def test_publish(srv, ed, iid, number, arts):
    a, b, d, p = arts
    url = "/admin/issues/%d" % iid
    tok = ed.csrf(url)
    st, _, _ = ed.post(url + "/publish", {})
    check_eq("publish without the CSRF token: 403", st, 403)
    check_eq("still a draft", srv.sql("SELECT status FROM issues WHERE"
                                      " id = ?", (iid,))[0][0], "draft")
    # A failure halfway (an article that cannot be published) changes
    # nothing: the issue's status was written first.
    srv.sql_write("CREATE TRIGGER test_boom BEFORE UPDATE OF status"
                  " ON articles WHEN new.id = %d BEGIN"
                  " SELECT RAISE(ABORT, 'boom'); END" % d)
    st, _, _ = ed.post(url + "/publish", {"csrf": tok})
    check_eq("a publish that fails halfway: 500", st, 500)
    check_eq("the issue is still a draft", srv.sql(
        "SELECT status FROM issues WHERE id = ?", (iid,))[0][0], "draft")
    check_eq("and no article was published", [article_row(srv, x)[1]
                                              for x in (a, b, d)],
             ["draft", "scheduled", "draft"])
    srv.sql_write("DROP TRIGGER test_boom")
    invariant(srv, "a failed publish")
    st, h, _ = ed.post(url + "/publish", {"csrf": tok})
    check_eq("publish: 303", st, 303)
    check_eq("the issue is published", srv.sql(
        "SELECT status FROM issues WHERE id = ?", (iid,))[0][0],
        "published")
    check_eq("with every article", [article_row(srv, x)[1]
                                    for x in (a, b, d)], ["published"] * 3)
    check_eq("dated now", srv.sql(
        "SELECT count(*) FROM articles WHERE issue_id = ? AND"
        " published_at > ?", (iid, DAY))[0][0], 3)
    invariant(srv, "publishing")
    check_eq("the public issue page: 200", public_status(
        srv, "/issues/%d" % number, 200), 200)
    st, _, body = srv.get("/issues/%d" % number)
    text = parse_html(body).find("main").text()
    for title in ("Delta Soils Under Strain", "The Last Ferry",
                  "River Notes", "Rivers and Deltas"):
        check_in("the public page shows %s" % title, title, text)
    check("the table of contents in the issue's order",
          text.index("The Last Ferry") < text.index("Delta Soils"), text)
    check_in("the editor's note, as HTML",
             # its apostrophe curly (util/typo.c)
             "The <strong>editor\u2019s</strong> note.".encode(), body)
    check_in("the cover", b'src="/media/covers/rivers.jpg"', body)
    st, _, _ = srv.get("/articles/delta-soils")
    check_eq("an article of it is public", st, 200)
    # A draft added to a published issue waits for the next publish.
    e = harness.add_draft(srv, "late-entry", "A Late Entry", "commentary")
    ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                "article": str(e)})
    check_eq("a draft in a published issue stays a draft",
             article_row(srv, e)[1:2], ("draft",))
    invariant(srv, "adding a draft to a published issue")
    st, _, body = ed.get(url)
    check_in("the page offers to publish it", "Publish its 1 new article",
             body)
    ed.post(url + "/publish", {"csrf": tok})
    check_eq("publishing again publishes it", article_row(srv, e)[1],
             "published")
    # A published article may join a published issue.
    st, _, _ = ed.post(url + "/articles", {"csrf": tok, "action": "add",
                                           "article": str(p)})
    check_eq("a published article into a published issue: 303", st, 303)
    invariant(srv, "adding a published article to a published issue")
    return e


def test_unpublish_delete(srv, ed, iid, number, arts):
    url = "/admin/issues/%d" % iid
    st, _, body = ed.get(url + "/unpublish")
    check_eq("unpublish asks first: 200", st, 200)
    check_in("says its articles go back to draft", "5 published articles "
             "go back to draft", parse_html(body).find("main").text())
    tok = ed.csrf(url)
    st, _, _ = ed.post(url + "/unpublish", {"csrf": tok})
    check_eq("unpublish: 303", st, 303)
    check_eq("the issue is a draft", srv.sql(
        "SELECT status FROM issues WHERE id = ?", (iid,))[0][0], "draft")
    check_eq("its articles too", srv.sql(
        "SELECT DISTINCT status FROM articles WHERE issue_id = ?",
        (iid,)), [("draft",)])
    invariant(srv, "unpublishing")
    check_eq("gone from the public site", public_status(
        srv, "/issues/%d" % number, 404), 404)
    check_eq("its articles too", public_status(
        srv, "/articles/delta-soils", 404), 404)
    st, _, body = ed.get(url + "/delete")
    check_eq("delete while it holds articles: 409", st, 409)
    check_in("says what to do", "Take them out of the issue first", body)
    st, _, _ = ed.post(url + "/delete", {"csrf": tok})
    check_eq("and by POST: 409", st, 409)
    check_eq("it is still there", srv.sql(
        "SELECT count(*) FROM issues WHERE id = ?", (iid,))[0][0], 1)
    for aid in toc_ids(srv, iid):
        ed.post(url + "/articles", {"csrf": tok, "action": "remove",
                                    "article": str(aid)})
    st, _, body = ed.get(url + "/delete")
    check_eq("an empty issue: delete asks first: 200", st, 200)
    st, h, _ = ed.post(url + "/delete", {})
    check_eq("delete without the CSRF token: 403", st, 403)
    st, h, _ = ed.post(url + "/delete", {"csrf": tok})
    check_eq("delete: 303", st, 303)
    check_eq("to the list", loc(h), "/admin/issues?done=issue-deleted")
    check_eq("deleted", srv.sql("SELECT count(*) FROM issues WHERE id = ?",
                                (iid,))[0][0], 0)
    check_eq("its articles are in no issue, drafts", srv.sql(
        "SELECT count(*) FROM articles WHERE issue_id IS NULL AND"
        " status = 'draft' AND slug IN ('delta-soils', 'the-last-ferry',"
        " 'river-notes', 'late-entry', 'already-out')")[0][0], 5)
    invariant(srv, "deleting")
    st, _, _ = ed.get(url)
    check_eq("its page: 404", st, 404)
    acts = [r[0] for r in srv.sql(
        "SELECT action FROM audit WHERE action LIKE 'issue %' ORDER BY id")]
    check_eq("the audit log", [x for x in acts if x in (
        "issue published", "issue unpublished", "issue deleted")],
        ["issue published", "issue published", "issue unpublished",
         "issue deleted"])


def test_list(srv, ed):
    st, _, body = ed.get("/admin/issues")
    rows = parse_html(body).find("tbody").find_all("tr")
    check_eq("the list: a page of the issues", len(rows), min(
        20, srv.sql("SELECT count(*) FROM issues")[0][0]))
    first = rows[0].find("th").text() if rows else ""
    newest = srv.sql("SELECT number FROM issues ORDER BY date DESC,"
                     " number DESC LIMIT 1")[0][0]
    check_in("newest first", "No. %d" % newest, first)
    check_in("with its status and article count", "Published",
             rows[-1].text() if rows else "")
    check_eq("?page=99: 404", ed.get("/admin/issues?page=99")[0], 404)


def test_sections(srv, ed):
    tok = ed.csrf("/admin/sections/new")
    st, h, _ = ed.post("/admin/sections", {"csrf": tok,
                                           "name": "Book Reviews",
                                           "slug": "", "description": "",
                                           "position": "6"})
    check_eq("a new section: 303", st, 303)
    check_eq("its slug made from the name", srv.sql(
        "SELECT slug FROM sections WHERE name = 'Book Reviews'"),
        [("book-reviews",)])
    st, h, _ = ed.post("/admin/sections", {"csrf": tok,
                                           "name": "Book reviews",
                                           "slug": "", "position": "7"})
    check_eq("a second made from the same words: unique", srv.sql(
        "SELECT slug FROM sections WHERE name = 'Book reviews'"),
        [("book-reviews-2",)])
    n = srv.sql("SELECT count(*) FROM sections")[0][0]
    st, _, body = ed.post("/admin/sections", {
        "csrf": tok, "name": "", "slug": "Bad Slug!", "position": "x"})
    check_eq("a wrong section form: 422", st, 422)
    check_in("name: says why", "cannot be empty", field_error(body,
                                                             "name"))
    check_in("slug: says why", "lowercase letters", field_error(body,
                                                               "slug"))
    check_in("position: says why", "whole number", field_error(body,
                                                              "position"))
    check_eq("the slug as typed", field_value(body, "slug"), "Bad Slug!")
    st, _, body = ed.post("/admin/sections", {
        "csrf": tok, "name": "Reviews", "slug": "book-reviews",
        "position": "1"})
    check_in("a slug taken, typed: says so", "taken",
             field_error(body, "slug"))
    check_eq("nothing made", srv.sql("SELECT count(*) FROM sections")[0][0],
             n)
    sid = srv.sql("SELECT id FROM sections WHERE slug = 'book-reviews-2'"
                  )[0][0]
    st, _, _ = ed.post("/admin/sections/%d" % sid, {
        "csrf": tok, "name": "Short Reviews", "slug": "short-reviews",
        "description": "Books in brief.", "position": "7"})
    check_eq("an edit: 303", st, 303)
    check_eq("saved", srv.sql("SELECT slug, name, description FROM sections"
                              " WHERE id = ?", (sid,)),
             [("short-reviews", "Short Reviews", "Books in brief.")])
    check_eq("its public page", srv.get("/sections/short-reviews")[0], 200)

    def order():
        return [r[0] for r in srv.sql("SELECT slug FROM sections ORDER BY"
                                      " position, name, id")]
    before = order()
    st, _, _ = ed.post("/admin/sections/%d/move" % sid, {"csrf": tok,
                                                        "action": "up"})
    check_eq("move up: 303", st, 303)
    after = order()
    i = before.index("short-reviews")
    check_eq("moved up one place", after, before[:i - 1] +
             ["short-reviews", before[i - 1]] + before[i + 1:])
    st, _, body = ed.get("/admin/sections")
    shown = [n.find("code").text() for n in parse_html(body).find(
        "tbody").find_all("tr")]
    check_eq("the list in that order", shown, after)
    # Deleting: refused while it has articles.
    full = srv.sql("SELECT s.id, s.name, count(a.id) FROM sections s"
                   " JOIN articles a ON a.section_id = s.id GROUP BY s.id"
                   " LIMIT 1")[0]
    st, _, body = ed.get("/admin/sections/%d/delete" % full[0])
    check_eq("delete a section with articles: 409", st, 409)
    check_in("says how many and what to do", "has %d articles. Move them "
             "to another section" % full[2], parse_html(body).find(
                 "main").text())
    st, _, _ = ed.post("/admin/sections/%d/delete" % full[0],
                       {"csrf": tok})
    check_eq("and by POST: 409", st, 409)
    check_eq("still there", srv.sql("SELECT count(*) FROM sections WHERE"
                                    " id = ?", (full[0],))[0][0], 1)
    st, _, _ = ed.post("/admin/sections/%d/delete" % sid, {})
    check_eq("delete without the CSRF token: 403", st, 403)
    check_eq("an empty section: the confirmation", ed.get(
        "/admin/sections/%d/delete" % sid)[0], 200)
    st, h, _ = ed.post("/admin/sections/%d/delete" % sid, {"csrf": tok})
    check_eq("deleted: 303", st, 303)
    check_eq("gone", srv.sql("SELECT count(*) FROM sections WHERE id = ?",
                             (sid,))[0][0], 0)
    check("audited", ("section deleted", "Short Reviews") in srv.sql(
        "SELECT action, object FROM audit"))


def test_people(srv, ed):
    total = srv.sql("SELECT count(*) FROM people")[0][0]
    st, _, body = ed.get("/admin/people")
    rows = parse_html(body).find("tbody").find_all("tr")
    check_eq("a page of people", len(rows), min(20, total))
    check_in("how many", "%d people" % total, body)
    st, _, body = ed.get("/admin/people?page=2")
    check_eq("page 2", len(parse_html(body).find("tbody").find_all("tr")),
             min(20, total - 20))
    staff = srv.sql("SELECT count(*) FROM people WHERE staff = 1")[0][0]
    st, _, body = ed.get("/admin/people?staff=1")
    rows = parse_html(body).find("tbody").find_all("tr")
    check_eq("staff only", len(rows), min(staff, 20))
    check("each marked staff", all("Staff" in r.text() for r in rows))
    name = srv.sql("SELECT name FROM people ORDER BY id LIMIT 1")[0][0]
    word = name.split()[-1][:4].lower()
    want = [r[0] for r in srv.sql(
        "SELECT name FROM people WHERE instr(lower(name), ?) > 0 OR"
        " instr(slug, ?) > 0 OR instr(lower(affiliation), ?) > 0"
        " ORDER BY name, id", (word, word, word))]
    st, _, body = ed.get("/admin/people?q=" + word.upper())
    got = [n.find("th").text() for n in parse_html(body).find(
        "tbody").find_all("tr")]
    check_eq("search %r: the matching people" % word, got, want[:20])
    check_eq("the search kept in the box", field_value(body, "q"),
             word.upper())
    tok = ed.csrf("/admin/people/new")
    st, _, body = ed.post("/admin/people", {
        "csrf": tok, "name": "", "slug": "", "role": "Editor",
        "affiliation": "Uni", "staff": "2", "photo": "ftp://x/y.jpg",
        "bio": "Typed bio"})
    check_eq("a wrong person form: 422", st, 422)
    check_in("name: says why", "cannot be empty", field_error(body, "name"))
    check_in("photo: says why", "https://", field_error(body, "photo"))
    check_in("staff: says why", "yes or no", field_error(body, "staff"))
    check_eq("the bio as typed", field_value(body, "bio").strip(),
             "Typed bio")
    st, h, _ = ed.post("/admin/people", {
        "csrf": tok, "name": "Ōda Nakamura-Smith", "slug": "",
        "role": "Contributing editor", "affiliation": "Lund University",
        "staff": "1", "photo": "https://example.org/oda.jpg",
        "bio": "Writes on *rivers*."})
    check_eq("a new person: 303", st, 303)
    row = srv.sql("SELECT id, slug, role, staff FROM people WHERE"
                  " name = 'Ōda Nakamura-Smith'")
    check_eq("stored, the slug from the name", [r[1:] for r in row],
             [("oda-nakamura-smith", "Contributing editor", 1)])
    pid = row[0][0] if row else 0
    check_eq("to their page", loc(h), "/admin/people/%d?done=person-added"
             % pid)
    st, _, body = srv.get("/authors/oda-nakamura-smith")
    check_eq("their public page", st, 200)
    check_in("with the bio as HTML", b"<em>rivers</em>", body)
    check_in("and the role", b'<p class="person-role">Contributing editor'
             b'</p>', body)
    st, _, body = ed.post("/admin/people/%d" % pid, {
        "csrf": tok, "name": "Oda N.", "slug": "idris-lometti",
        "staff": "0"})
    check_in("a slug taken: says so", "taken", field_error(body, "slug"))
    check_eq("unchanged", srv.sql("SELECT name FROM people WHERE id = ?",
                                  (pid,))[0][0], "Ōda Nakamura-Smith")
    # Deleting: refused, saying where, while named as an author.
    named = srv.sql("SELECT p.id, p.name, a.title FROM people p JOIN"
                    " article_authors l ON l.person_id = p.id JOIN articles"
                    " a ON a.id = l.article_id ORDER BY a.title LIMIT 1")[0]
    st, _, body = ed.get("/admin/people/%d/delete" % named[0])
    check_eq("delete an author: 409", st, 409)
    text = parse_html(body).find("main").text()
    check_in("says where: an article's title", "“%s”" % named[2], text)
    st, _, _ = ed.post("/admin/people/%d/delete" % named[0], {"csrf": tok})
    check_eq("and by POST: 409", st, 409)
    check_eq("still there", srv.sql("SELECT count(*) FROM people WHERE"
                                    " id = ?", (named[0],))[0][0], 1)
    check_eq("someone named nowhere: the confirmation", ed.get(
        "/admin/people/%d/delete" % pid)[0], 200)
    st, h, _ = ed.post("/admin/people/%d/delete" % pid, {"csrf": "0" * 64})
    check_eq("a wrong CSRF token: 403", st, 403)
    check_eq("not deleted", srv.sql("SELECT count(*) FROM people WHERE"
                                    " id = ?", (pid,))[0][0], 1)
    st, h, _ = ed.post("/admin/people/%d/delete" % pid, {"csrf": tok})
    check_eq("deleted: 303", st, 303)
    check_eq("gone", srv.sql("SELECT count(*) FROM people WHERE id = ?",
                             (pid,))[0][0], 0)


def main():
    with harness.Server(articles=40) as srv:
        for r in EMAIL:
            p = t.user_add(srv.db, EMAIL[r], r, PW)
            check_eq("octavo user add %s" % r, p.returncode, 0)
        c = {}
        for i, r in enumerate(EMAIL):
            c[r] = t.Client(srv, "127.0.0.%d" % (50 + i))
            check_eq("%s signs in" % r, c[r].login(EMAIL[r], PW)[0], 303)
        invariant(srv, "the demo")
        test_roles(srv, c)
        ed = c["editor"]
        iid, number = test_create(srv, ed)
        arts = test_assemble(srv, ed, iid)
        test_publish(srv, ed, iid, number, arts)
        test_list(srv, ed)
        test_unpublish_delete(srv, ed, iid, number, arts)
        test_sections(srv, ed)
        test_people(srv, ed)


if __name__ == "__main__":
    main()
    harness.done()
