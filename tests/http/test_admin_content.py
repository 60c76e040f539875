"""The back office's content screens through the real server and SQLite:
publications, publication types, partner links, events, the about page
and the site's settings.  Each kind is added, refused with its messages
beside the fields and what was typed kept, edited, listed (search,
filter, pages), put in order, deleted after a confirmation (a type in
use is refused, and nothing is deleted); every role gets what it may
(anonymous sent to sign in, an author 403, an editor all but types and
settings); a POST without the CSRF token is a 403 that changes nothing;
deletions and settings are audited; and the public pages show each
change: the sidebar's links in their order, events at their local time,
the settings' texts.  Then, in Chromium, the lists and forms at 1280 and
390 px (screenshots under build/screenshots/).
"""
import os
import re
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, done, parse_html  # noqa
from harness import field_error, field_value  # noqa: E402

from test_admin_auth import EMAIL, PW, loc  # noqa: E402
import test_admin_auth  # noqa: E402


class Client(test_admin_auth.Client):
    """The sign-in tests' browser, whose POSTs carry a CSRF token
    themselves and which signs in by role."""

    def post(self, path, form, token_from=None):
        """POST form with the CSRF token of the page token_from (or of
        the about page); form["csrf"] wins if set."""
        f = dict(form)
        if "csrf" not in f:
            f["csrf"] = self.csrf(token_from or "/admin/about")
        return self.request("POST", path, form=f)

    def login(self, role):
        return test_admin_auth.Client.login(self, EMAIL[role], PW[role])[0]


def public(srv, path, want, tries=100):
    """The public page at path once it holds want (a string, or a
    function of the body; the site takes up a change at its next tick):
    its body, or the last one seen."""
    body = ""
    for _ in range(tries):
        st, h, b = srv.get(path)
        body = b.decode("utf-8", "replace")
        if (want(body) if callable(want) else want in body):
            return body
        time.sleep(0.05)
    return body


def audit(srv):
    return srv.sql("SELECT action, object FROM audit ORDER BY id")


def test_roles(srv, anon, author, editor, admin):
    pages = ["/admin/publications", "/admin/publications/new",
             "/admin/publication-types", "/admin/links", "/admin/links/new",
             "/admin/events", "/admin/events/new", "/admin/about"]
    for p in pages:
        st, h, _ = anon.get(p)
        check_eq("anonymous %s: sent to sign in" % p, (st, loc(h)),
                 (303, "/admin/login?next=" + urllib.parse.quote(p, "")))
        st, _, _ = author.get(p)
        check_eq("author %s: 403" % p, st, 403)
        st, _, _ = editor.get(p)
        check_eq("editor %s" % p, st,
                 403 if "publication-types" in p else 200)
        st, _, _ = admin.get(p)
        check_eq("admin %s" % p, st, 200)
    st, _, _ = editor.get("/admin/settings")
    check_eq("editor: settings are administrators'", st, 403)
    n = srv.sql("SELECT count(*) FROM links")[0][0]
    st, _, _ = author.post("/admin/links", {
        "name": "Author's", "url": "https://a.example.org"},
        token_from="/admin")
    check_eq("author: adding a link 403", st, 403)
    st, h, _ = anon.request("POST", "/admin/links", {
        "name": "Nobody's", "url": "https://n.example.org"})
    check("anonymous: adding a link is not done", st in (303, 403),
          "status %d" % st)
    check_eq("neither added a link", srv.sql(
        "SELECT count(*) FROM links")[0][0], n)
    st, _, _ = editor.post("/admin/publication-types", {"name": "Zine"})
    check_eq("editor: adding a publication type 403", st, 403)
    check_eq("no type added", srv.sql(
        "SELECT count(*) FROM pub_types WHERE name = 'Zine'")[0][0], 0)


def test_csrf(srv, editor):
    n = srv.sql("SELECT count(*) FROM links")[0][0]
    for name, tok in (("missing", None), ("wrong", "0" * 64)):
        f = {"name": "Forged", "url": "https://forged.example.org"}
        if tok is not None:
            f["csrf"] = tok
        st, _, _ = editor.request("POST", "/admin/links", f)
        check_eq("CSRF %s: 403" % name, st, 403)
    lid = srv.sql("SELECT id FROM links ORDER BY id LIMIT 1")[0][0]
    st, _, _ = editor.request("POST", "/admin/links/%d/delete" % lid,
                              {"csrf": "0" * 64})
    check_eq("CSRF wrong on a deletion: 403", st, 403)
    st, _, _ = editor.request("POST", "/admin/links/%d/move" % lid,
                              {"to": "3"})
    check_eq("CSRF missing on a move: 403", st, 403)
    check_eq("CSRF: nothing added nor deleted", srv.sql(
        "SELECT count(*) FROM links")[0][0], n)
    st, _, _ = editor.request("POST", "/admin/about", {
        "about": "Forged", "action": "save"})
    check_eq("CSRF on the about page: 403", st, 403)
    check("the about text is not the forged one", srv.sql(
        "SELECT count(*) FROM settings WHERE key = 'about'"
        " AND value = 'Forged'")[0][0] == 0)


def sidebar_links(body):
    doc = parse_html(body)
    sec = doc.find("section", cls="side-links")
    return [a.text() for a in sec.find_all("a")] if sec else []


def test_links(srv, editor):
    st, h, body = editor.post("/admin/links", {
        "name": "", "url": "javascript:alert(1)",
        "description": "Typed \u00e9t\u00e9"}, token_from="/admin/links/new")
    check_eq("link: wrong form 422", st, 422)
    check_in("link: a missing name said beside it", "Enter the partner's "
             "name.", field_error(body, "name"))
    check_in("link: a wrong address said beside it", "must be a web "
             "address", field_error(body, "url"))
    check_eq("link: the address typed is kept", field_value(body, "url"),
             "javascript:alert(1)")
    check_eq("link: the description typed is kept",
             field_value(body, "description"), "Typed \u00e9t\u00e9")
    check_in("link: the summary lists the errors", "There is a problem",
             body)
    ids = []
    for name in ("Alpha Partner", "Beta Partner"):
        st, h, _ = editor.post("/admin/links", {
            "name": name, "url": "https://%s.example.org/" %
            name.split()[0].lower(), "description": ""},
            token_from="/admin/links/new")
        check_eq("link %s added: 303" % name, st, 303)
        m = re.search(r"#item-(\d+)$", loc(h))
        ids.append(int(m.group(1)) if m else 0)
    rows = srv.sql("SELECT name, position FROM links ORDER BY position, id")
    check_eq("links: the new ones last", [r[0] for r in rows][-2:],
             ["Alpha Partner", "Beta Partner"])
    total = len(rows)
    body = public(srv, "/", "Beta Partner")
    check_eq("public sidebar: the links in their order",
             sidebar_links(body)[-2:], ["Alpha Partner", "Beta Partner"])
    # Beta to the top, then Alpha one down (already below Beta: no-op).
    st, h, _ = editor.post("/admin/links/%d/move" % ids[1], {"to": "1"},
                           token_from="/admin/links")
    check_eq("move Beta first: 303", st, 303)
    rows = srv.sql("SELECT name FROM links ORDER BY position, id")
    check_eq("Beta is first", rows[0][0], "Beta Partner")
    check_eq("positions are 1 to n", srv.sql(
        "SELECT group_concat(position) FROM (SELECT position FROM links"
        " ORDER BY position)")[0][0],
        ",".join(str(i) for i in range(1, total + 1)))
    body = public(srv, "/", lambda b: sidebar_links(b)[:1] ==
                  ["Beta Partner"])
    check_eq("public sidebar: Beta now first", sidebar_links(body)[0],
             "Beta Partner")
    st, _, body = editor.get("/admin/links")
    doc = parse_html(body)
    first = doc.find("tbody").find("tr")
    check_eq("list: Beta first with its place", first.attrs.get("id"),
             "item-%d" % ids[1])
    ups = [b for b in first.find_all("button") if "disabled" in b.attrs]
    check_eq("list: the first row cannot go up", len(ups), 1)
    st, _, _ = editor.post("/admin/links/%d/move" % ids[1], {"to": "x"},
                           token_from="/admin/links")
    check_eq("move to a wrong place: 400", st, 400)
    st, _, body = editor.get("/admin/links?q=alpha")
    check_in("search: Alpha found", "Alpha Partner", body)
    check("search: Beta not listed", "Beta Partner" not in body)
    # Edit.
    st, _, body = editor.get("/admin/links/%d" % ids[0])
    check_eq("edit form holds the stored name", field_value(body, "name"),
             "Alpha Partner")
    st, h, _ = editor.post("/admin/links/%d" % ids[0], {
        "name": "Alpha Renamed", "url": "https://alpha.example.org/",
        "description": "Friends"}, token_from="/admin/links/%d" % ids[0])
    check_eq("link edited: 303", st, 303)
    check_eq("link edited in the database", srv.sql(
        "SELECT name, description FROM links WHERE id = ?", (ids[0],)),
        [("Alpha Renamed", "Friends")])
    # Delete: ask, then do.
    st, _, body = editor.get("/admin/links/%d/delete" % ids[0])
    check_eq("delete asks first", st, 200)
    check_in("the question names the link", "Delete \u201cAlpha Renamed",
             body)
    check_eq("asking deletes nothing", srv.sql(
        "SELECT count(*) FROM links WHERE id = ?", (ids[0],))[0][0], 1)
    st, h, _ = editor.post("/admin/links/%d/delete" % ids[0], {},
                           token_from="/admin/links/%d/delete" % ids[0])
    check_eq("deleted: 303 to the list", (st, loc(h)),
             (303, "/admin/links?done=item-deleted"))
    check_eq("link gone", srv.sql(
        "SELECT count(*) FROM links WHERE id = ?", (ids[0],))[0][0], 0)
    check_in("the deletion is audited", ("link deleted", "Alpha Renamed"),
             audit(srv))
    st, _, _ = editor.get("/admin/links/%d" % ids[0])
    check_eq("a deleted link's page: 404", st, 404)
    st, _, _ = editor.get("/admin/links/abc")
    check_eq("a link that is no number: 404", st, 404)


def test_types(srv, admin):
    st, h, _ = admin.post("/admin/publication-types", {
        "name": "Working Paper", "slug": ""},
        token_from="/admin/publication-types/new")
    check_eq("type added: 303", st, 303)
    check_eq("its slug made from its name", srv.sql(
        "SELECT slug FROM pub_types WHERE name = 'Working Paper'"),
        [("working-paper",)])
    tid = srv.sql("SELECT id FROM pub_types WHERE slug = 'working-paper'"
                  )[0][0]
    st, _, body = admin.post("/admin/publication-types", {
        "name": "Working Papers", "slug": "working-paper"},
        token_from="/admin/publication-types/new")
    check_eq("a taken slug: 422", st, 422)
    check_in("said beside the slug", "Another type has this slug",
             field_error(body, "slug"))
    check_eq("the name typed is kept", field_value(body, "name"),
             "Working Papers")
    st, _, body = admin.post("/admin/publication-types", {
        "name": "X", "slug": "Bad Slug"},
        token_from="/admin/publication-types/new")
    check_in("a wrong slug: said", "lowercase letters",
             field_error(body, "slug"))
    st, h, _ = admin.post("/admin/publication-types/%d/move" % tid,
                          {"to": "1"}, token_from="/admin/publication-types")
    check_eq("type moved first", srv.sql(
        "SELECT slug FROM pub_types ORDER BY position, name LIMIT 1"),
        [("working-paper",)])
    used = srv.sql("SELECT t.id, t.name, count(*) FROM pub_types t JOIN"
                   " publications p ON p.type_id = t.id GROUP BY t.id"
                   " LIMIT 1")[0]
    st, _, body = admin.get("/admin/publication-types/%d/delete" % used[0])
    check_eq("a type in use: asking says no (409)", st, 409)
    check_in("and why", "still", body)
    st, _, body = admin.post("/admin/publication-types/%d/delete" % used[0],
                             {}, token_from="/admin/publication-types")
    check_eq("a type in use: deleting refused (409)", st, 409)
    check_in("clearly", "Nothing was deleted.", body)
    check_eq("the type is still there", srv.sql(
        "SELECT count(*) FROM pub_types WHERE id = ?", (used[0],))[0][0], 1)
    return tid


def pub_form(**kw):
    f = {"type": "working-paper", "title": "Rivers and Rules",
         "author1": "", "author2": "", "author3": "", "venue": "",
         "date": "2030-03-01", "summary": "", "cover": "", "url": "",
         "pdf": ""}
    f.update(kw)
    return f


def test_publications(srv, editor, admin, tid):
    people = [r[0] for r in srv.sql(
        "SELECT slug FROM people ORDER BY name LIMIT 2")]
    st, _, body = editor.post("/admin/publications", pub_form(
        type="", title="", date="2026-02-30", url="https://x.example.org",
        pdf="/media/a.pdf", author1=people[0], author2=people[0],
        summary="Line one\r\nLine two"),
        token_from="/admin/publications/new")
    check_eq("publication: wrong form 422", st, 422)
    check_in("no type: said", "Choose the publication's type.",
             field_error(body, "type"))
    check_in("no title: said", "Enter the publication's title.",
             field_error(body, "title"))
    check_in("a day that does not exist: said", "a day that exists",
             field_error(body, "date"))
    check_eq("the wrong date is kept as typed", field_value(body, "date"),
             "2026-02-30")
    check_in("a link and a PDF: said", "not both", field_error(body, "pdf"))
    check_in("an author twice: said", "already an author",
             field_error(body, "author2"))
    check_eq("the summary typed is kept", field_value(body, "summary"),
             "Line one\nLine two")
    check_eq("the authors chosen are kept", field_value(body, "author1"),
             people[0])
    st, h, _ = editor.post("/admin/publications", pub_form(
        author1=people[1], author2=people[0], venue="Press",
        pdf="/media/rivers.pdf", cover="https://img.example.org/c.jpg"),
        token_from="/admin/publications/new")
    check_eq("publication added: 303", st, 303)
    pid = int(re.search(r"#item-(\d+)$", loc(h)).group(1))
    check_eq("stored with its PDF as its url", srv.sql(
        "SELECT title, url, cover FROM publications WHERE id = ?", (pid,)),
        [("Rivers and Rules", "/media/rivers.pdf",
          "https://img.example.org/c.jpg")])
    check_eq("its authors in order", [r[0] for r in srv.sql(
        "SELECT w.slug FROM publication_authors l JOIN people w"
        " ON w.id = l.person_id WHERE l.publication_id = ?"
        " ORDER BY l.position", (pid,))], [people[1], people[0]])
    st, _, body = editor.get("/admin/publications/%d" % pid)
    check_eq("edit form: the PDF in its field", field_value(body, "pdf"),
             "/media/rivers.pdf")
    check_eq("edit form: the first author", field_value(body, "author1"),
             people[1])
    st, h, _ = editor.post("/admin/publications/%d" % pid, pub_form(
        author1=people[0], author2=people[1], title="Rivers and Rules II",
        url="https://book.example.org/rivers"),
        token_from="/admin/publications/%d" % pid)
    check_eq("publication saved: 303", st, 303)
    check_eq("authors reordered", [r[0] for r in srv.sql(
        "SELECT w.slug FROM publication_authors l JOIN people w"
        " ON w.id = l.person_id WHERE l.publication_id = ?"
        " ORDER BY l.position", (pid,))], [people[0], people[1]])
    st, _, body = editor.get("/admin/publications?q=rivers+and")
    check_in("search by title", "Rivers and Rules II", body)
    check_eq("search: one found", len(parse_html(body).find(
        "tbody").find_all("tr")), 1)
    st, _, body = editor.get("/admin/publications?type=working-paper")
    check_in("filter by type", "Rivers and Rules II", body)
    other = srv.sql("SELECT slug FROM pub_types WHERE slug <>"
                    " 'working-paper' LIMIT 1")[0][0]
    st, _, body = editor.get("/admin/publications?type=" + other)
    check("filter: another type does not list it",
          "Rivers and Rules II" not in body)
    n = srv.sql("SELECT count(*) FROM publications")[0][0]
    if n > 20:
        st, _, body = editor.get("/admin/publications?page=2")
        check_eq("page 2", st, 200)
        check_in("page 2 of", "Page 2 of", body)
    st, _, _ = editor.get("/admin/publications?page=999")
    check_eq("a page past the end: 404", st, 404)
    body = public(srv, "/publications", "Rivers and Rules II")
    check_in("public list shows it", "Rivers and Rules II", body)
    # A type in use by this publication only: still refused.
    st, _, _ = admin.post("/admin/publication-types/%d/delete" % tid, {},
                          token_from="/admin/publication-types")
    check_eq("its type cannot be deleted now", st, 409)
    st, h, _ = editor.post("/admin/publications/%d/delete" % pid, {},
                           token_from="/admin/publications/%d/delete" % pid)
    check_eq("publication deleted", st, 303)
    check_eq("with its authors", srv.sql(
        "SELECT count(*) FROM publication_authors WHERE publication_id = ?",
        (pid,))[0][0], 0)
    check_in("audited", ("publication deleted", "Rivers and Rules II"),
             audit(srv))
    st, h, _ = admin.post("/admin/publication-types/%d/delete" % tid, {},
                          token_from="/admin/publication-types")
    check_eq("an unused type is deleted", (st, srv.sql(
        "SELECT count(*) FROM pub_types WHERE id = ?", (tid,))[0][0]),
        (303, 0))
    check_in("audited", ("publication type deleted", "Working Paper"),
             audit(srv))


def ev_form(**kw):
    f = {"title": "Launch in Paris", "place": "Salle 1, Paris",
         "tz": "Europe/Paris", "starts": "2030-07-01T18:00",
         "ends": "2030-07-01T20:00", "description": "", "url": ""}
    f.update(kw)
    return f


def test_events(srv, editor):
    st, _, body = editor.post("/admin/events", ev_form(
        ends="2030-07-01T17:00"), token_from="/admin/events/new")
    check_eq("end before start: 422", st, 422)
    check_in("said beside the end", "The end must come after the start.",
             field_error(body, "ends"))
    check_eq("the times typed are kept", (field_value(body, "starts"),
             field_value(body, "ends")), ("2030-07-01T18:00",
                                          "2030-07-01T17:00"))
    check_eq("the zone chosen is kept", field_value(body, "tz"),
             "Europe/Paris")
    st, _, body = editor.post("/admin/events", ev_form(
        starts="2030-03-31T02:30", ends=""), token_from="/admin/events/new")
    check_in("a time the clocks skip: said", "the clocks go forward",
             field_error(body, "starts"))
    st, _, body = editor.post("/admin/events", ev_form(
        tz="Mars/Olympus", starts="tomorrow", title=""),
        token_from="/admin/events/new")
    check_in("an unknown zone: said", "Choose a time zone",
             field_error(body, "tz"))
    check_in("a wrong time: said", "a day and a time",
             field_error(body, "starts"))
    check_eq("a wrong time kept", field_value(body, "starts"), "tomorrow")
    check_in("no title: said", "Enter the event's title.",
             field_error(body, "title"))
    st, h, _ = editor.post("/admin/events", ev_form(
        url="https://paris.example.org/launch"),
        token_from="/admin/events/new")
    check_eq("event added: 303", st, 303)
    eid = int(re.search(r"#item-(\d+)$", loc(h)).group(1))
    check_eq("stored as UTC instants with its zone", srv.sql(
        "SELECT starts_at, ends_at, tz FROM events WHERE id = ?", (eid,)),
        [("2030-07-01T16:00:00Z", "2030-07-01T18:00:00Z", "Europe/Paris")])
    st, h, _ = editor.post("/admin/events", ev_form(
        title="Winter talk in New York", tz="America/New_York",
        starts="2030-12-02T19:30", ends=""), token_from="/admin/events/new")
    check_eq("a winter event in New York", srv.sql(
        "SELECT starts_at, ends_at FROM events WHERE title ="
        " 'Winter talk in New York'"), [("2030-12-03T00:30:00Z", None)])
    st, _, body = editor.get("/admin/events/%d" % eid)
    check_eq("edit form: the local start", field_value(body, "starts"),
             "2030-07-01T18:00")
    check_eq("edit form: the zone", field_value(body, "tz"), "Europe/Paris")
    st, _, body = editor.get("/admin/events")
    rows = parse_html(body).find("tbody").find_all("tr")
    titles = [r.find("th").text() for r in rows]
    past = srv.sql("SELECT count(*) FROM events WHERE starts_at < ?",
                   (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),)
                   )[0][0]
    check("events list: upcoming before past",
          past == 0 or titles.index("Launch in Paris") < len(titles) - 1,
          repr(titles))
    check_in("events list: local time and zone",
             "Mon 1 Jul 2030, 18:00\u201320:00 CEST (Europe/Paris)", body)
    body = public(srv, "/events", "Launch in Paris")
    check_in("public events: the local time of the place",
             "Mon 1 Jul 2030, 18:00\u201320:00 CEST", body)
    check_in("public events: the zone named", "(Europe/Paris)", body)
    check_in("public events: the UTC instant for machines",
             'datetime="2030-07-01T16:00:00Z"', body)
    check_in("public events: New York in winter",
             "Mon 2 Dec 2030, 19:30 EST", body)
    st, h, _ = editor.post("/admin/events/%d/delete" % eid, {},
                           token_from="/admin/events/%d/delete" % eid)
    check_eq("event deleted", (st, srv.sql(
        "SELECT count(*) FROM events WHERE id = ?", (eid,))[0][0]), (303, 0))
    check_in("audited", ("event deleted", "Launch in Paris"), audit(srv))


def test_about(srv, editor):
    before = srv.sql("SELECT value FROM settings WHERE key = 'about'")
    st, _, body = editor.post("/admin/about", {
        "about": "We *preview* this.", "action": "preview"})
    check_eq("preview: 200", st, 200)
    check_in("preview: rendered by the site's renderer",
             "<em>preview</em>", body)
    check_eq("preview: the text kept", field_value(body, "about"),
             "We *preview* this.")
    check_eq("preview saves nothing", srv.sql(
        "SELECT value FROM settings WHERE key = 'about'"), before)
    st, h, _ = editor.post("/admin/about", {
        "about": "# Our aims\r\n\r\nWe publish **research**.",
        "action": "save"})
    check_eq("saved: 303", (st, loc(h)), (303, "/admin/about?done=about"))
    check_eq("stored with LF", srv.sql(
        "SELECT value FROM settings WHERE key = 'about'"),
        [("# Our aims\n\nWe publish **research**.",)])
    check_in("audited", ("settings changed", "about"), audit(srv))
    body = public(srv, "/about", "<strong>research</strong>")
    check_in("the public about page shows it",
             "We publish <strong>research</strong>.", body)


SETTINGS = {"title": "The Content Review", "tagline": "Tested daily",
            "description": "A journal", "base_url": "",
            "language": "en", "frequency": "", "issn": "0317-8471",
            "robots_txt": "", "contact": "editors@example.org",
            "footer_text": "Published by the Test Society",
            "heading_links": "Friends of the journal",
            "heading_publications": "New books",
            "heading_about": "About the journal",
            "heading_newsletter": "By email"}


def test_settings(srv, admin):
    st, _, body = admin.get("/admin/settings")
    SETTINGS["base_url"] = field_value(body, "base_url")
    check_eq("settings: a heading shows its default",
             field_value(body, "heading_links"), "Visit also")
    check("settings: the about text is on its own page",
          field_value(body, "about") is None)
    bad = dict(SETTINGS, contact="not an address")
    st, _, body = admin.post("/admin/settings", bad,
                             token_from="/admin/settings")
    check_eq("a wrong contact: 422", st, 422)
    check_in("said beside it", "must be an email address",
             field_error(body, "contact"))
    check_eq("the footer typed is kept", field_value(body, "footer_text"),
             "Published by the Test Society")
    check_eq("nothing saved", srv.sql(
        "SELECT count(*) FROM settings WHERE key = 'footer_text'")[0][0], 0)
    n = len(audit(srv))
    st, h, _ = admin.post("/admin/settings", SETTINGS,
                          token_from="/admin/settings")
    check_eq("settings saved: 303", (st, loc(h)),
             (303, "/admin/settings?done=settings"))
    last = audit(srv)[n:]
    check_eq("one audit entry", [a[0] for a in last], ["settings changed"])
    check_in("naming the headings changed", "heading_links", last[0][1])
    # Not /about: its sidebar leaves the about blurb out.
    body = public(srv, "/issues", "Friends of the journal")
    doc = parse_html(body)
    for cls, want in (("side-links", "Friends of the journal"),
                      ("side-pubs", "New books"),
                      ("side-about", "About the journal"),
                      ("side-newsletter", "By email")):
        sec = doc.find("section", cls=cls)
        check_eq("public sidebar heading %s" % cls,
                 sec.find("h2").text() if sec else None, want)
    check_in("the footer text", "Published by the Test Society", body)
    check_in("the ISSN", "ISSN 0317-8471", body)
    check_in("the contact", 'href="mailto:editors@example.org"', body)
    check_in("the title", "The Content Review", body)
    st, h, _ = admin.post("/admin/settings", SETTINGS,
                          token_from="/admin/settings")
    check_eq("the same again: unchanged", loc(h),
             "/admin/settings?done=unchanged")
    default = dict(SETTINGS, heading_links="")
    admin.post("/admin/settings", default, token_from="/admin/settings")
    body = public(srv, "/", ">Visit also<")
    check_in("an emptied heading is its default again",
             '<h2 id="side-links-h">Visit also</h2>', body)


def test_browser(srv):
    if not harness.browser_ready("admin_content", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    base = "http://127.0.0.1:%d" % srv.port
    lines = harness.run_browser("admin_content.mjs", [
        base, EMAIL["admin"], PW["admin"], shots], "admin_content")
    check("admin_content: the browser ran every step", len(lines) >= 10,
          "%d results" % len(lines))
    for name in ("admin-publications", "admin-publication-form",
                 "admin-events", "admin-event-form", "admin-links",
                 "admin-about"):
        for w in (1280, 390):
            f = os.path.join(shots, "%s-%d.png" % (name, w))
            check("screenshot %s-%d saved" % (name, w),
                  os.path.exists(f) and os.path.getsize(f) > 1000, f)


def main():
    with harness.Server(articles=30) as srv:
        for role in PW:
            p = subprocess.run([harness.BIN, "user", "--db", srv.db, "add",
                                EMAIL[role], "--role", role],
                               input=(PW[role] + "\n").encode(),
                               capture_output=True, timeout=120)
            check_eq("user %s added" % role, p.returncode, 0)
        anon, author, editor, admin = (Client(srv) for _ in range(4))
        for c, role in ((author, "author"), (editor, "editor"),
                        (admin, "admin")):
            check_eq("%s signs in" % role, c.login(role), 303)
        test_roles(srv, anon, author, editor, admin)
        test_csrf(srv, editor)
        test_links(srv, editor)
        tid = test_types(srv, admin)
        test_publications(srv, editor, admin, tid)
        test_events(srv, editor)
        test_about(srv, editor)
        test_settings(srv, admin)
        test_browser(srv)


main()
done()
