"""The article editor through the real server and database: a new
article (a draft, its slug made from the title), an edit, a form with
errors that keeps what was typed, slugs kept unique, a published
article's rename answered at its old address with a 301, two editors
saving the same article (the second refused with a 409 that shows the
first's changes and keeps what was typed: nothing saved, nothing lost),
scheduled publishing by the server's tick (the stored time moved into
the past, as the clock would), the revision list, a diff and a restore,
the permission matrix of every page and action for anonymous, author,
editor and admin with the status and the effect on the database, CSRF,
the preview of an unsaved form and of a stored draft (never cached,
never counted as a read), unpublish and delete with their audit entries,
the list's search, filters and pages, and a long article (past the 8 KiB
of an ordinary form field).
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import Client, EMAIL, PW, loc, user_add  # noqa: E402


def form_values(body, action=None):
    """The fields of the editor's form on a page, as the browser would
    send them: inputs, selected options, textareas."""
    doc = parse_html(body)
    form = None
    for f in doc.find_all("form", attrs={"method": "post"}):
        if action is None and "editor" in f.classes() or \
           action is not None and f.attrs.get("action") == action:
            form = f
            break
    out = {}
    if form is None:
        return out
    for n in form.iter():
        name = n.attrs.get("name")
        if not name:
            continue
        if n.tag == "input":
            out[name] = n.attrs.get("value", "")
        elif n.tag == "textarea":
            out[name] = n.raw_text().lstrip("\n")
        elif n.tag == "select":
            sel = [o for o in n.find_all("option")
                   if "selected" in o.attrs]
            opts = n.find_all("option")
            out[name] = (sel[0] if sel else opts[0]).attrs.get("value", "") \
                if opts else ""
    return out


def field_error(body, name):
    """The message beside field name, or ""."""
    n = parse_html(body).find("p", attrs={"id": "f-%s-error" % name})
    return n.text() if n else ""


def new_article(c, **kw):
    """Post a new article as c; returns (status, headers, body)."""
    st, h, body = c.get("/admin/articles/new")
    form = form_values(body)
    sec = first_id(c.srv, "sections")
    form.update({"title": "A Test Article", "body": "Some *text*.",
                 "section": str(sec)})
    form.update({k: str(v) for k, v in kw.items()})
    return c.post("/admin/articles", form)


def poll(srv, c, path, want):
    """GET path until it answers want (a cached page goes once the
    server's tick has seen the new content version), at most 100 tries."""
    for _ in range(100):
        st, h, body = c.get(path)
        if st == want:
            break
        srv.pause(0.1)
    return st, h, body


def first_id(srv, table):
    return srv.sql("SELECT min(id) FROM %s" % table)[0][0]


def article_row(srv, aid):
    return srv.sql("SELECT slug, title, status, version, created_by,"
                   " published_at FROM articles WHERE id = ?", (aid,))


def id_of(h):
    m = re.search(r"/admin/articles/(\d+)", loc(h))
    return int(m.group(1)) if m else None


def revised_article(srv, c):
    """A new article saved twice by c (for the pages that show
    revisions): (article id, [revision ids, oldest first])."""
    st, h, body = new_article(c, title="A Revised Article",
                              body="First line.\nSecond line.\n",
                              tags="Maps", countries="PT")
    aid = id_of(h)
    form = form_values(c.get("/admin/articles/%d" % aid)[2])
    form.update({"title": "A Revised Article, Again",
                 "body": "First line.\nSecond line, changed.\nThird.\n"})
    c.post("/admin/articles/%d" % aid, form)
    return aid, [r[0] for r in srv.sql(
        "SELECT id FROM revisions WHERE article_id = ? ORDER BY id",
        (aid,))]


def test_create_edit(srv, ed):
    st, h, body = ed.get("/admin/articles/new")
    check_eq("new article page: 200", st, 200)
    check_eq("new article page: no-store", h.get("cache-control"),
             ["no-store"])
    st, h, body = new_article(ed, title="Rivers of the Eastmarch",
                              dek="Where water goes.",
                              tags="Water, Rivers", countries="fr, de",
                              author1=first_id(srv, "people"))
    check_eq("create: 303", st, 303)
    aid = id_of(h)
    check("create: to the new article's page", aid is not None, loc(h))
    row = article_row(srv, aid)[0]
    check_eq("create: slug made from the title", row[0],
             "rivers-of-the-eastmarch")
    check_eq("create: a draft, version 1", (row[2], row[3]), ("draft", 1))
    check_eq("create: created_by is the editor", row[4], srv.sql(
        "SELECT id FROM users WHERE email = ?", (EMAIL["editor"],))[0][0])
    check_eq("create: tags stored", srv.sql(
        "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
        " WHERE x.article_id = ? ORDER BY x.position", (aid,)),
        [("Water",), ("Rivers",)])
    check_eq("create: countries stored (codes upper-cased)", srv.sql(
        "SELECT code FROM article_countries WHERE article_id = ?"
        " ORDER BY code", (aid,)), [("DE",), ("FR",)])
    check_eq("create: one revision, by the editor", srv.sql(
        "SELECT who, version FROM revisions WHERE article_id = ?", (aid,)),
        [(EMAIL["editor"], 1)])
    st, h, body = ed.get(loc(h))
    check_in("the page says it was saved", "saved as a new draft", body)
    form = form_values(body)
    check_eq("the form shows the stored title", form.get("title"),
             "Rivers of the Eastmarch")
    check_eq("the form shows the tags", form.get("tags"), "Water, Rivers")
    check_eq("the form carries the version", form.get("version"), "1")

    form.update({"title": "Rivers of the Eastmarch, Revisited",
                 "body": "Line one.\nLine two.\n"})
    st, h, body = ed.post("/admin/articles/%d" % aid, form)
    check_eq("edit: 303", st, 303)
    row = article_row(srv, aid)[0]
    check_eq("edit: title saved, version 2", (row[1], row[3]),
             ("Rivers of the Eastmarch, Revisited", 2))
    check_eq("edit: the slug kept (not remade from the title)", row[0],
             "rivers-of-the-eastmarch")
    check_eq("edit: two revisions", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id = ?",
        (aid,))[0][0], 2)
    return aid


def test_validation(srv, ed, aid):
    before = srv.sql("SELECT count(*) FROM articles")[0][0]
    st, h, body = new_article(ed, title="", dek="kept dek",
                              body="kept body text", section="",
                              slug="Bad Slug!", countries="XX",
                              publish_at="not a time", status="scheduled")
    check_eq("errors: 422", st, 422)
    check_eq("errors: nothing stored",
             srv.sql("SELECT count(*) FROM articles")[0][0], before)
    check_eq("title: message beside it", field_error(body, "title"),
             "Error: Enter a title.")
    check_in("slug: message beside it", "lowercase letters",
             field_error(body, "slug"))
    check_in("publish time: message beside it", "such as",
             field_error(body, "publish_at"))
    form = form_values(body)
    check_eq("what was typed is kept: dek", form.get("dek"), "kept dek")
    check_eq("what was typed is kept: body", form.get("body"),
             "kept body text")
    check_eq("what was typed is kept: slug", form.get("slug"), "Bad Slug!")
    check_eq("what was typed is kept: status", form.get("status"),
             "scheduled")
    check("the error summary links to the fields",
          parse_html(body).find("a", attrs={"href": "#f-title"})
          is not None)
    st, h, body = new_article(ed, title="Countries", countries="FR, XX")
    check_eq("unknown country: 422", st, 422)
    check_in("unknown country named", "XX is not an ISO 3166",
             field_error(body, "countries"))
    st, h, body = new_article(ed, title="Too soon", status="scheduled",
                              publish_at="2001-01-01T10:00")
    check_eq("scheduled in the past: 422", st, 422)
    check_in("scheduled in the past: said", "in the future",
             field_error(body, "publish_at"))
    st, h, body = new_article(ed, title="x" * 301)
    check_eq("a title too long: 422", st, 422)
    srv.sql_write("INSERT INTO issues (number, volume, date, title, status)"
                  " VALUES (900, 9, '2099-01-01', 'Not Out Yet', 'draft')")
    draft = srv.sql("SELECT id FROM issues WHERE number = 900")[0][0]
    for status, extra in (("published", {}),
                          ("scheduled", {"publish_at": "2099-01-01T09:00"})):
        st, h, body = new_article(ed, title="Into a Draft Issue",
                                  status=status, issue=draft, **extra)
        check_eq("%s into an unpublished issue: 422" % status, st, 422)
        check_in("%s into an unpublished issue: said" % status,
                 "not published yet", field_error(body, "issue"))
    st, h, body = new_article(ed, title="Draft in a Draft Issue",
                              issue=draft)
    check_eq("a draft into an unpublished issue: 303", st, 303)
    # Scheduled, then its issue unpublished: the scheduler waits for it.
    aid2 = id_of(new_article(ed, title="Waits For Its Issue",
                             status="scheduled",
                             publish_at="2099-01-01T09:00")[1])
    srv.sql_write("UPDATE articles SET issue_id = ?, published_at ="
                  " '2020-01-01T00:00:00Z' WHERE id = ?", (draft, aid2))
    srv.pause(1.5)
    check_eq("the scheduler leaves it while its issue is a draft",
             article_row(srv, aid2)[0][2], "scheduled")


def test_slugs(srv, ed, anon):
    st, h, body = new_article(ed, title="Same Title")
    a1 = id_of(h)
    st, h, body = new_article(ed, title="Same Title")
    a2 = id_of(h)
    check_eq("same title twice: unique slugs",
             [article_row(srv, a)[0][0] for a in (a1, a2)],
             ["same-title", "same-title-2"])
    st, h, body = ed.get("/admin/articles/%d" % a2)
    form = form_values(body)
    form["slug"] = "same-title"
    st, h, body = ed.post("/admin/articles/%d" % a2, form)
    check_eq("a taken slug: 422", st, 422)
    check_in("a taken slug: said beside it", "Another article",
             field_error(body, "slug"))

    # Publish, then rename: the old address answers with a 301.
    st, h, body = ed.get("/admin/articles/%d" % a1)
    form = form_values(body)
    form["status"] = "published"
    st, h, body = ed.post("/admin/articles/%d" % a1, form)
    check_eq("publish: 303", st, 303)
    check_eq("publish: audited", srv.sql(
        "SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0][0],
        "article published")
    st, h, body = anon.get("/articles/same-title")
    check_eq("published: on the public site", st, 200)
    st, h, body = ed.get("/admin/articles/%d" % a1)
    form = form_values(body)
    form["slug"] = "a-new-address"
    st, h, body = ed.post("/admin/articles/%d" % a1, form)
    check_eq("rename: 303", st, 303)
    st, h, body = poll(srv, anon, "/articles/same-title", 301)
    check_eq("the old address: 301 to the new",
             (st, loc(h)), (301, "/articles/a-new-address"))
    st, h, body = anon.get("/articles/a-new-address")
    check_eq("the new address: 200", st, 200)
    st, h, body = new_article(ed, title="Other", slug="same-title")
    check_eq("an old slug stays taken: 422", st, 422)
    # Renamed back: its own old slug is free for it.
    st, h, body = ed.get("/admin/articles/%d" % a1)
    form = form_values(body)
    form["slug"] = "same-title"
    st, h, body = ed.post("/admin/articles/%d" % a1, form)
    check_eq("renamed back to its own old slug: 303", st, 303)
    st, h, body = poll(srv, anon, "/articles/a-new-address", 301)
    check_eq("and now that one redirects", (st, loc(h)),
             (301, "/articles/same-title"))
    st, h, body = anon.get("/articles/never-was")
    check_eq("an unknown slug: still 404", st, 404)
    return a1


def test_conflict(srv, ed, admin, aid):
    st, h, b1 = ed.get("/admin/articles/%d" % aid)
    st, h, b2 = admin.get("/admin/articles/%d" % aid)
    f1, f2 = form_values(b1), form_values(b2)
    check_eq("both opened the same version", f1["version"], f2["version"])
    f1["body"] = "Line one.\nLine two, by the editor.\n"
    st, h, body = ed.post("/admin/articles/%d" % aid, f1)
    check_eq("the first save: 303", st, 303)
    v_after = article_row(srv, aid)[0][3]
    f2["title"] = "The Admin's Title"
    f2["body"] = "Line one.\nLine two, by the admin.\nLine three.\n"
    st, h, body = admin.post("/admin/articles/%d" % aid, f2)
    check_eq("the second save: 409", st, 409)
    check_eq("nothing of the second saved", article_row(srv, aid)[0][1:4:2],
             ("Rivers of the Eastmarch, Revisited", v_after))
    check_in("told the article changed", "Someone else saved this article",
             body)
    check_in("told who", EMAIL["editor"], body)
    conflict = parse_html(body).find("section", cls="conflict")
    dels = [n.text() for n in conflict.find_all("del")]
    ins = [n.text() for n in conflict.find_all("ins")]
    check("the other's change shown: their line put in",
          "Line two, by the editor." in ins, ins)
    check("and the line it replaced taken out", "Line two." in dels, dels)
    kept = form_values(body)
    check_eq("what was typed is kept: title", kept["title"],
             "The Admin's Title")
    check_eq("what was typed is kept: body", kept["body"], f2["body"])
    check_eq("the form now carries the current version", kept["version"],
             str(v_after))
    st, h, body = admin.post("/admin/articles/%d" % aid, kept)
    check_eq("saving again on purpose: 303", st, 303)
    check_eq("now the admin's text is saved", srv.sql(
        "SELECT body FROM article_bodies WHERE article_id = ?",
        (aid,))[0][0], f2["body"])


def test_schedule(srv, ed, anon):
    st, h, body = new_article(ed, title="Out Tomorrow",
                              status="scheduled",
                              publish_at="2099-01-01T09:00")
    check_eq("schedule: 303", st, 303)
    aid = id_of(h)
    check_eq("scheduled, for its time", article_row(srv, aid)[0][2::3],
             ("scheduled", "2099-01-01T09:00:00Z"))
    check_eq("schedule: audited", srv.sql(
        "SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0][0],
        "article scheduled")
    st, h, body = anon.get("/articles/out-tomorrow")
    check_eq("not on the site before its time", st, 404)
    srv.pause(1.5)
    check_eq("the tick leaves it alone before its time",
             article_row(srv, aid)[0][2], "scheduled")
    # Time passes: the stored time is moved into the past.
    srv.sql_write("UPDATE articles SET published_at = "
                  "'2020-01-01T09:00:00Z' WHERE id = ?", (aid,))
    for _ in range(100):
        if article_row(srv, aid)[0][2] == "published":
            break
        srv.pause(0.1)
    check_eq("the tick published it, nobody signed in",
             article_row(srv, aid)[0][2], "published")
    check_eq("audited as the scheduler's", srv.sql(
        "SELECT who, action FROM audit WHERE object LIKE 'Out Tomorrow%'"
        " ORDER BY id DESC LIMIT 1"),
        [("scheduler", "article published")])
    st, h, body = poll(srv, anon, "/articles/out-tomorrow", 200)
    check_eq("on the public site", st, 200)
    return aid


def test_revisions(srv, ed, aid):
    st, h, body = ed.get("/admin/articles/%d/revisions" % aid)
    check_eq("revisions: 200", st, 200)
    revs = srv.sql("SELECT id, who FROM revisions WHERE article_id = ?"
                   " ORDER BY id", (aid,))
    rows = parse_html(body).find_all("tr", attrs={"id": True})
    check_eq("one row a revision", len(rows), len(revs))
    check_in("who saved each", EMAIL["admin"], body)
    first, last = revs[0][0], revs[-1][0]
    st, h, body = ed.get("/admin/articles/%d/diff?from=%d&to=%d" %
                         (aid, first, last))
    check_eq("diff: 200", st, 200)
    doc = parse_html(body)
    pre = doc.find("pre", cls="diff")
    check("the body's diff: lines put in",
          "Line three." in [n.text() for n in pre.find_all("ins")],
          pre.text() if pre else "no diff")
    check("the body's diff: lines taken out",
          "Some *text*." in [n.text() for n in pre.find_all("del")]
          if pre else False, pre.text() if pre else "no diff")
    changes = [li.text() for li in doc.find_all("li")
               if li.find("span", cls="changes-label")]
    check("the title's change listed",
          any(c.startswith("Title") and "The Admin's Title" in c
              for c in changes), changes)
    st, h, body = ed.get("/admin/articles/%d/diff?from=1x&to=2" % aid)
    check_eq("diff of no revision: 404", st, 404)
    st, h, body = ed.get("/admin/articles/%d/revisions" % aid)
    tok = parse_html(body).find("input", attrs={"name": "csrf"}).attrs[
        "value"]
    n = len(revs)
    st, h, body = ed.post("/admin/articles/%d/restore" % aid,
                          {"csrf": tok, "revision": str(first)})
    check_eq("restore: 303", st, 303)
    check_eq("restore: the old title and text back", srv.sql(
        "SELECT a.title, b.body FROM articles a JOIN article_bodies b"
        " ON b.article_id = a.id WHERE a.id = ?", (aid,)),
        [("Rivers of the Eastmarch", "Some *text*.")])
    check_eq("restore: a new revision, noted", srv.sql(
        "SELECT count(*), max(note LIKE 'restored from%') FROM revisions"
        " WHERE article_id = ?", (aid,))[0], (n + 1, 1))
    check_eq("restore: audited", srv.sql(
        "SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0][0],
        "article restored")
    check_eq("restore: tags back as they were", srv.sql(
        "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id"
        " WHERE x.article_id = ? ORDER BY x.position", (aid,)),
        [("Water",), ("Rivers",)])


def test_revision_note(srv, ed):
    """A revision keeps the correction note as it was: restoring it
    brings the note back (and a revision saved without one takes it
    away)."""
    st, h, body = new_article(ed, title="A Corrected Article",
                              correction="The date was wrong.",
                              correction_kind="update",
                              correction_date="2026-11-20")
    aid = id_of(h)
    check_eq("note: the revision keeps it", srv.sql(
        "SELECT correction, correction_kind, correction_date FROM"
        " revisions WHERE article_id = ?", (aid,)),
        [("The date was wrong.", "update", "2026-11-20")])
    st, h, body = ed.get("/admin/articles/%d" % aid)
    form = form_values(body)
    form["correction"] = ""
    st, h, body = ed.post("/admin/articles/%d" % aid, form)
    check_eq("note: taken away", srv.sql(
        "SELECT correction FROM articles WHERE id = ?", (aid,)), [("",)])
    first = srv.sql("SELECT min(id) FROM revisions WHERE article_id = ?",
                    (aid,))[0][0]
    st, h, body = ed.get("/admin/articles/%d/revisions" % aid)
    tok = parse_html(body).find("input", attrs={"name": "csrf"}).attrs[
        "value"]
    st, h, body = ed.post("/admin/articles/%d/restore" % aid,
                          {"csrf": tok, "revision": str(first)})
    check_eq("note: restore 303", st, 303)
    check_eq("note: restored with its revision", srv.sql(
        "SELECT correction, correction_kind, correction_date FROM articles"
        " WHERE id = ?", (aid,)),
        [("The date was wrong.", "update", "2026-11-20")])
    # A revision from before the notes were kept (NULL): the note stays.
    srv.sql_write("UPDATE revisions SET correction = NULL,"
                  " correction_kind = NULL, correction_date = NULL"
                  " WHERE id = ?", (first,))
    st, h, body = ed.post("/admin/articles/%d/restore" % aid,
                          {"csrf": tok, "revision": str(first)})
    check_eq("note: an older revision keeps the note as it is", srv.sql(
        "SELECT correction FROM articles WHERE id = ?", (aid,)),
        [("The date was wrong.",)])


def test_preview(srv, ed, anon):
    slug, aid = srv.sql("SELECT slug, id FROM articles WHERE status ="
                        " 'published' ORDER BY id LIMIT 1")[0]

    def reads():
        return srv.sql("SELECT reads FROM article_reads WHERE article_id"
                       " = ?", (aid,))[0][0]
    srv.pause(1.5)
    r0 = reads()
    st, h, body = ed.get("/admin/articles/%d" % aid)
    form = form_values(body)
    form["title"] = "An Unsaved Title"
    form["body"] = "## Unsaved heading\n\nUnsaved *words*."
    for i in range(3):
        st, h, body = ed.post("/admin/articles/preview", form)
        check_eq("preview %d: 200" % i, st, 200)
    check_eq("preview: no-store", h.get("cache-control"), ["no-store"])
    doc = parse_html(body)
    check_eq("preview: the public article page's title", doc.find(
        "h1").text(), "An Unsaved Title")
    check_in("preview: the body rendered by the same Markdown",
             "<h2>Unsaved heading</h2>", body)
    check_in("preview: the public theme", "page-article", body)
    check("preview: nothing saved", article_row(srv, aid)[0][1] !=
          "An Unsaved Title")
    for i in range(3):
        st, h, body = ed.get("/admin/articles/%d/preview" % aid)
    check_eq("private preview: 200, no-store", (st, h.get(
        "cache-control")), (200, ["no-store"]))
    srv.pause(1.5)
    check_eq("previews are not counted as reads", reads(), r0)
    st, h, body = anon.get("/admin/articles/%d/preview" % aid)
    check_eq("private preview: anonymous sent to sign in", st, 303)
    # A draft is only seen at its private preview URL.
    st, h, body = new_article(ed, title="Secret Draft",
                              body="Not yet for readers.")
    did = id_of(h)
    st, h, body = anon.get("/articles/secret-draft")
    check_eq("a draft: 404 on the public site", st, 404)
    st, h, body = ed.get("/admin/articles/%d/preview" % did)
    check_eq("a draft at its private preview: 200", st, 200)
    check_in("as readers would see it", "Not yet for readers.", body)


def test_long(srv, ed):
    text = "\n\n".join("Paragraph %d. " % i + "word " * 60
                       for i in range(200))
    check("the text is longer than an ordinary form field",
          len(text) > 8 * 1024 * 4, len(text))
    st, h, body = new_article(ed, title="A Long Read", body=text)
    check_eq("a long article: 303", st, 303)
    check_eq("all of it stored", srv.sql(
        "SELECT length(body) FROM article_bodies WHERE article_id = ?",
        (id_of(h),))[0][0], len(text))
    n = srv.sql("SELECT count(*) FROM articles")[0][0]
    st, h, body = new_article(ed, title="Too Long", body="x" * (1024 * 1024
                                                                + 1))
    check_eq("a text past 1 MiB: 413", st, 413)
    check_eq("and nothing stored", srv.sql(
        "SELECT count(*) FROM articles")[0][0], n)
    st, h, body = ed.post("/admin/account", {"csrf": "x", "current":
                                             "y" * (9 * 1024)})
    check_eq("other forms keep their 8 KiB a field: 413", st, 413)


def test_list(srv, ed, au):
    st, h, body = ed.get("/admin/articles")
    check_eq("list: 200", st, 200)
    total = srv.sql("SELECT count(*) FROM articles")[0][0]
    check_in("list: counts every article", "%d articles" % total, body)
    rows = parse_html(body).find_all("tr")
    check_eq("list: a page of 20", len(rows) - 1, 20)
    st, h, body = ed.get("/admin/articles?page=2")
    check_eq("list: page 2", st, 200)
    st, h, body = ed.get("/admin/articles?q=" +
                         urllib.parse.quote("Same Title"))
    titles = [a.text() for a in parse_html(body).find_all("a")
              if re.match(r"/admin/articles/\d+$", a.attrs.get("href", ""))]
    check_eq("search by title", sorted(titles),
             ["Same Title", "Same Title"])
    st, h, body = ed.get("/admin/articles?q=%25")
    check_in("a % is taken literally", "0 articles", body)
    st, h, body = ed.get("/admin/articles?status=scheduled")
    n = srv.sql("SELECT count(*) FROM articles WHERE status ="
                " 'scheduled'")[0][0]
    check_in("filter by status", "%d article" % n, body)
    sec = first_id(srv, "sections")
    n = srv.sql("SELECT count(*) FROM articles WHERE section_id = ?",
                (sec,))[0][0]
    st, h, body = ed.get("/admin/articles?section=%d" % sec)
    check_in("filter by section", "%d articles" % n, body)
    person = srv.sql("SELECT person_id, count(*) FROM article_authors"
                     " GROUP BY person_id ORDER BY 2 DESC LIMIT 1")[0]
    st, h, body = ed.get("/admin/articles?author=%d" % person[0])
    check_in("filter by author", "%d article" % person[1], body)
    issue = srv.sql("SELECT issue_id, count(*) FROM articles WHERE"
                    " issue_id IS NOT NULL GROUP BY 1 LIMIT 1")[0]
    st, h, body = ed.get("/admin/articles?issue=%d" % issue[0])
    check_in("filter by issue", "%d article" % issue[1], body)
    st, h, body = au.get("/admin/articles")
    mine = srv.sql("SELECT count(*) FROM articles a JOIN users u ON"
                   " u.id = a.created_by WHERE u.email = ?",
                   (EMAIL["author"],))[0][0]
    check_in("an author sees their own only", "%d article" % mine, body)
    st, h, body = ed.get("/admin/articles?page=999")
    check_eq("past the last page: 404", st, 404)


def test_matrix(srv, ed):
    """Every page and action of the editor, for each role: status and
    effect.  The author owns one draft; the editor one draft."""
    clients = {"anonymous": Client(srv, "127.0.0.61")}
    for r in ("author", "editor", "admin"):
        c = Client(srv, "127.0.0.6%d" % len(clients))
        check_eq("matrix: %s signs in" % r, c.login(EMAIL[r], PW[r])[0],
                 303)
        clients[r] = c
    au = clients["author"]
    st, h, body = new_article(au, title="Author's Own Draft",
                              status="published")
    own = id_of(h)
    check_eq("author's new article: 303", st, 303)
    check_eq("author's status is always draft", article_row(srv, own)[0][2],
             "draft")
    st, h, body = new_article(ed, title="Editor's Draft")
    other = id_of(h)
    pub = srv.sql("SELECT id FROM articles WHERE status = 'published'"
                  " AND created_by IS NULL LIMIT 1")[0][0]
    rev = srv.sql("SELECT min(id) FROM revisions WHERE article_id = ?",
                  (other,))[0][0]

    pages = [
        ("/admin/articles", {"author": 200, "editor": 200, "admin": 200}),
        ("/admin/articles/new", {"author": 200, "editor": 200,
                                 "admin": 200}),
        ("/admin/articles/%d" % own, {"author": 200, "editor": 200,
                                      "admin": 200}),
        ("/admin/articles/%d" % other, {"author": 403, "editor": 200,
                                        "admin": 200}),
        ("/admin/articles/%d/preview" % other, {"author": 403,
                                                "editor": 200,
                                                "admin": 200}),
        ("/admin/articles/%d/revisions" % own, {"author": 200,
                                                "editor": 200,
                                                "admin": 200}),
        ("/admin/articles/%d/delete" % other, {"author": 403,
                                               "editor": 200,
                                               "admin": 200}),
        ("/admin/articles/999999", {"author": 404, "editor": 404,
                                    "admin": 404}),
    ]
    for path, want in pages:
        for role, c in clients.items():
            st, h, _ = c.get(path)
            w = 303 if role == "anonymous" else want[role]
            check_eq("matrix: GET %s as %s" % (path, role), st, w)
            check_eq("matrix: GET %s as %s: no-store" % (path, role),
                     h.get("cache-control"), ["no-store"])

    def title(aid):
        return article_row(srv, aid)[0][1]

    def status(aid):
        r = article_row(srv, aid)
        return r[0][2] if r else None

    def edit(role, aid, **kw):
        c = clients[role]
        tok = c.csrf("/admin/articles/new") if role != "anonymous" else ""
        base = form_values(clients["admin"].get(
            "/admin/articles/%d" % aid)[2])
        base.update({k: str(v) for k, v in kw.items()})
        base["csrf"] = tok
        return c.post("/admin/articles/%d" % aid, base)[0]

    # Edit another's draft.
    for role, want in (("anonymous", 303), ("author", 403),
                       ("editor", 303), ("admin", 303)):
        st = edit(role, other, title="Edited by %s" % role)
        check_eq("matrix: edit another's draft as %s" % role, st, want)
        check_eq("matrix: edit another's draft as %s: effect" % role,
                 title(other) == "Edited by %s" % role,
                 role in ("editor", "admin"))
    # The author's own draft: may edit, may not publish.
    check_eq("matrix: author edits own draft", edit(
        "author", own, title="Own, edited"), 303)
    check_eq("matrix: author edits own draft: effect", title(own),
             "Own, edited")
    st = edit("author", own, status="published")
    check_eq("matrix: author publishes own draft: stays a draft "
             "(no status field for authors)", status(own), "draft")
    # Published: the author may not edit it any more.
    check_eq("matrix: editor publishes the author's draft",
             edit("editor", own, status="published"), 303)
    check_eq("matrix: author edits own published article",
             edit("author", own, title="Sneaky"), 403)
    check("matrix: ... and nothing changed", title(own) != "Sneaky")
    check_eq("matrix: author edits a published article",
             edit("author", pub, title="Sneaky"), 403)

    def post(role, path, form=None):
        c = clients[role]
        f = dict(form or {})
        if role != "anonymous":
            f["csrf"] = c.csrf("/admin/articles/new")
        return c.post(path, f)[0]

    for role, want in (("anonymous", 303), ("author", 403),
                       ("editor", 303), ("admin", 303)):
        st = post(role, "/admin/articles/%d/unpublish" % own)
        check_eq("matrix: unpublish as %s" % role, st, want)
        done = role in ("editor", "admin")
        check_eq("matrix: unpublish as %s: effect" % role, status(own),
                 "draft" if done else "published")
        if done:
            check_eq("matrix: unpublish audited", srv.sql(
                "SELECT action FROM audit ORDER BY id DESC LIMIT 1")[0][0],
                "article unpublished")
            edit("editor", own, status="published")
    for role, want in (("anonymous", 303), ("author", 403)):
        st = post(role, "/admin/articles/%d/restore" % other,
                  {"revision": str(rev)})
        check_eq("matrix: restore another's as %s" % role, st, want)
        check("matrix: restore as %s: no effect" % role,
              title(other) == "Edited by admin")
    check_eq("matrix: restore as editor", post(
        "editor", "/admin/articles/%d/restore" % other,
        {"revision": str(rev)}), 303)
    check_eq("matrix: restore as editor: effect", title(other),
             "Editor's Draft")
    for role, want in (("anonymous", 303), ("author", 403),
                       ("editor", 303)):
        victim = other if role != "editor" else own
        st = post(role, "/admin/articles/%d/delete" % victim)
        check_eq("matrix: delete as %s" % role, st, want)
        check_eq("matrix: delete as %s: effect" % role,
                 status(victim) is None, role == "editor")
    check_eq("matrix: delete audited", srv.sql(
        "SELECT action, object FROM audit ORDER BY id DESC LIMIT 1")[0],
        ("article deleted", "Own, edited (authors-own-draft)"))
    check_eq("matrix: delete as admin", post(
        "admin", "/admin/articles/%d/delete" % other), 303)
    check_eq("matrix: delete as admin: effect", status(other), None)
    check_eq("matrix: a deleted article's revisions go too", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id IN (?, ?)",
        (own, other))[0][0], 0)
    st = post("author", "/admin/articles")
    check_eq("matrix: an author's empty new article: 422", st, 422)


def test_csrf(srv, ed):
    st, h, body = new_article(ed, title="CSRF Target")
    aid = id_of(h)
    form = form_values(ed.get("/admin/articles/%d" % aid)[2])
    good = form["csrf"]
    n = srv.sql("SELECT count(*) FROM articles")[0][0]
    for name, tok in (("missing", None), ("wrong", "0" * 64),
                      ("one digit off", good[:-1] + ("0" if good[-1] != "0"
                                                     else "1"))):
        f = dict(form, title="Hijacked")
        if tok is None:
            del f["csrf"]
        else:
            f["csrf"] = tok
        check_eq("save, token %s: 403" % name, ed.post(
            "/admin/articles/%d" % aid, f)[0], 403)
        check_eq("create, token %s: 403" % name, ed.post(
            "/admin/articles", f)[0], 403)
        check_eq("delete, token %s: 403" % name, ed.post(
            "/admin/articles/%d/delete" % aid,
            {} if tok is None else {"csrf": tok})[0], 403)
        check_eq("preview, token %s: 403" % name, ed.post(
            "/admin/articles/preview", f)[0], 403)
    check("nothing changed", article_row(srv, aid)[0][1] == "CSRF Target")
    check_eq("nothing added", srv.sql("SELECT count(*) FROM articles")[0][0],
             n)


def main():
    with harness.Server(articles=30) as srv:
        for r in ("admin", "editor", "author"):
            p = user_add(srv.db, EMAIL[r], r, PW[r])
            check_eq("octavo user add %s" % r, p.returncode, 0)
        srv.pause(1.5)
        ed = Client(srv, "127.0.0.51")
        check_eq("editor signs in", ed.login(EMAIL["editor"],
                                             PW["editor"])[0], 303)
        admin = Client(srv, "127.0.0.52")
        check_eq("admin signs in", admin.login(EMAIL["admin"],
                                               PW["admin"])[0], 303)
        au = Client(srv, "127.0.0.53")
        check_eq("author signs in", au.login(EMAIL["author"],
                                             PW["author"])[0], 303)
        anon = Client(srv, "127.0.0.54")
        aid = test_create_edit(srv, ed)
        test_validation(srv, ed, aid)
        test_slugs(srv, ed, anon)
        test_conflict(srv, ed, admin, aid)
        test_schedule(srv, ed, anon)
        test_revisions(srv, ed, aid)
        test_revision_note(srv, ed)
        test_preview(srv, ed, anon)
        test_long(srv, ed)
        test_matrix(srv, ed)
        test_list(srv, ed, au)
        test_csrf(srv, ed)


if __name__ == "__main__":
    main()
    harness.done()
