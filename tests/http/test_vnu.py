"""Every page type, as the running server sends it, is valid HTML by the
Nu HTML Checker (vnu.jar, installed by scripts/install-deps.sh test), and
the stylesheet is valid CSS.  All files go to one java invocation (the
JVM start is most of the cost); --also-check-css makes it check the .css
file as CSS, exactly as --css would.  A missing jar or java is a FAIL.
The public pages' heads hold their metadata (Open Graph, Twitter and
citation tags, the JSON-LD data block), checked to be there first.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, parse_html  # noqa: E402

VNU = os.path.join(harness.ROOT, "tests", "node_modules", "vnu-jar", "build",
                   "dist", "vnu.jar")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def fetch_pages(srv):
    """[(name, status wanted, status got, body)]"""
    import test_finding
    test_finding.tag_fixture(srv)
    srv.sql_write("UPDATE content_version SET version = version + 1")
    test_finding.fresh(srv, "/tags/energy", "Energy")
    slug = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                   " ORDER BY id LIMIT 1")[0][0]
    issue = srv.sql("SELECT number FROM issues WHERE status = 'published'"
                    " ORDER BY number LIMIT 1 OFFSET 1")[0][0]
    section = srv.sql("SELECT s.slug FROM sections s JOIN articles a"
                      " ON a.section_id = s.id GROUP BY s.id"
                      " HAVING count(*) > 20 ORDER BY s.position LIMIT 1")
    section = section[0][0] if section else "none-with-two-pages"
    author = srv.sql("SELECT p.slug FROM people p WHERE p.staff = 1"
                     " AND EXISTS (SELECT 1 FROM publication_authors x"
                     " WHERE x.person_id = p.id) ORDER BY p.id LIMIT 1")[0][0]
    gets = [
        ("home", "/", 200),
        ("article", "/articles/" + slug, 200),
        ("issues", "/issues", 200),
        ("issue", "/issues/%d" % issue, 200),
        ("section-page-1", "/sections/" + section, 200),
        ("section-page-2", "/sections/%s?page=2" % section, 200),
        ("author", "/authors/" + author, 200),
        ("publications", "/publications", 200),
        ("publications-type", "/publications?type=book", 200),
        ("publications-author", "/publications?author=" + author, 200),
        ("publications-both", "/publications?type=analysis&author=" +
         author, 200),
        ("about", "/about", 200),
        ("events", "/events", 200),
        ("authors-index", "/authors", 200),
        ("tags", "/tags", 200),
        ("tag-page-1", "/tags/energy", 200),
        ("tag-page-2", "/tags/energy?page=2", 200),
        ("countries", "/countries", 200),
        ("country", "/countries/kz", 200),
        ("newsletter", "/newsletter", 200),
        ("newsletter-link-bad", "/newsletter/confirm/c1-0-"
         "AAAAAAAAAAAAAAAAAAAAAA", 404),
        ("error-404", "/articles/no-such-article", 404),
        ("error-404-route", "/no/such/page", 404),
        ("error-400", "/articles/%ZZ", 400),
        ("search", "/search", 200),
        ("search-results", "/search?q=%22customs+reform%22+OR+Dubrac"
         "&sort=date&page=2", 200),
        ("search-filtered", "/search?q=reform&year=2026&section=" +
         section, 200),
        ("search-none", "/search?q=zzqqxv", 200),
        ("search-error", "/search?q=%22unclosed", 400),
    ]
    # An article with every feature of the page (test_article_page).
    import test_article_page
    gets.append(("article-features", "/articles/" +
                 test_article_page.feature_article(srv), 200))
    srv.pause(1.5)
    out = []
    for name, path, want in gets:
        st, h, body = srv.get(path)
        out.append((name, want, st, body))
    st, h, body = srv.request("POST", "/newsletter", headers=FORM,
                              body=urllib.parse.urlencode(
                                  {"email": "not an address"}))
    out.append(("newsletter-post-error", 422, st, body))
    st, h, body = srv.request("POST", "/newsletter", headers=FORM,
                              body=urllib.parse.urlencode(
                                  {"email": "vnu@example.org",
                                   "return": "/about"}))
    out.append(("newsletter-post-ok", 200, st, body))
    return out + admin_pages(srv)


def admin_pages(srv):
    """The back office's pages, each state a form can come back in."""
    import test_admin_auth as t
    out = []
    for email, role in (("vnu@example.org", "admin"),
                        ("ed@example.org", "editor")):
        t.user_add(srv.db, email, role, "vnu test password")
    anon = t.Client(srv, "127.0.0.2")
    st, h, body = anon.get("/admin/login?next=/admin/users")
    out.append(("admin-login", 200, st, body.encode()))
    st, h, body = anon.login("vnu@example.org", "wrong password")
    out.append(("admin-login-wrong", 422, st, body.encode()))
    st, h, body = anon.post("/admin/login", {"email": "x@example.org",
                                             "password": "x"})
    out.append(("admin-login-csrf", 403, st, body.encode()))
    tok = anon.csrf("/admin/login")
    st, h, body = anon.post("/admin/login", {"csrf": tok, "email": "",
                                             "password": ""})
    out.append(("admin-login-empty", 422, st, body.encode()))
    for i in range(5):
        anon.login("limited@example.org", "wrong password")
    st, h, body = anon.login("limited@example.org", "wrong password")
    out.append(("admin-login-limited", 429, st, body.encode()))
    st, h, body = anon.get("/admin/password/forgot")
    out.append(("admin-forgot", 200, st, body.encode()))
    st, h, body = anon.get("/admin/password/reset/r1-0-x")
    out.append(("admin-reset-dead", 404, st, body.encode()))
    ed = t.Client(srv, "127.0.0.3")
    ed.login("ed@example.org", "vnu test password")
    st, h, body = ed.get("/admin/users")
    out.append(("admin-403-role", 403, st, body.encode()))
    c = t.Client(srv, "127.0.0.4")
    c.login("vnu@example.org", "vnu test password")
    uid = srv.sql("SELECT id FROM users WHERE email = 'ed@example.org'")[0][0]
    me = srv.sql("SELECT id FROM users WHERE email = 'vnu@example.org'")[0][0]
    # The newsletter's pages: a campaign that was sent, a subscriber.
    srv.sql_write("INSERT INTO campaigns (subject, body_text, body_html,"
                  " status, queued_at, created_at) VALUES ('Issue 1',"
                  " 'Hello', '<p>Hello</p>', 'sending', 1, 1)")
    srv.sql_write("INSERT INTO subscribers (email, status, token,"
                  " created_at) VALUES ('s@example.org', 'confirmed', 'x',"
                  " '2026-01-01T00:00:00Z')")
    cid = srv.sql("SELECT max(id) FROM campaigns")[0][0]
    sid = srv.sql("SELECT max(id) FROM subscribers")[0][0]
    suggested(srv)
    for name, path in (("admin-home", "/admin"),
                       ("admin-users", "/admin/users"),
                       ("admin-user", "/admin/users/%d" % uid),
                       ("admin-user-self", "/admin/users/%d" % me),
                       ("admin-user-disable", "/admin/users/%d/disable" %
                        uid),
                       ("admin-settings", "/admin/settings"),
                       ("admin-audit", "/admin/audit"),
                       ("admin-account", "/admin/account"),
                       ("admin-tokens", "/admin/tokens"),
                       ("admin-404", "/admin/users/99999"),
                       ("admin-newsletter", "/admin/newsletter"),
                       ("admin-newsletter-campaign",
                        "/admin/newsletter/%d" % cid),
                       ("admin-newsletter-subscribers",
                        "/admin/newsletter/subscribers"),
                       ("admin-newsletter-erase",
                        "/admin/newsletter/subscribers/%d/erase" % sid),
                       ("admin-about", "/admin/about"),
                       ("admin-countries-review",
                        "/admin/countries/review")) + tuple(
                           ("admin-%s%s" % (k, s), "/admin/%s%s" % (k, p))
                           for k in ("publications", "publication-types",
                                     "links", "events")
                           for s, p in (("", ""), ("-new", "/new"),
                                        ("-edit", "/1"),
                                        ("-delete", "/1/delete"))):
        st, h, body = c.get(path)
        # A type that publications have is not offered for deletion.
        want = 404 if name == "admin-404" else 409 if name == \
            "admin-publication-types-delete" else 200
        out.append((name, want, st, body.encode()))
    tok = c.csrf("/admin/account")
    for name, path, form, want in (
            ("admin-users-errors", "/admin/users",
             {"email": "bad", "role": "x", "password": "short"}, 422),
            ("admin-settings-errors", "/admin/settings",
             {"base_url": "bad", "issn": "1", "title": "T"}, 422),
            ("admin-account-errors", "/admin/account",
             {"current": "wrong", "password": "a", "repeat": "b"}, 422),
            ("admin-role-last-admin", "/admin/users/%d/role" % me,
             {"role": "author"}, 422),
            ("admin-token-made", "/admin/tokens",
             {"name": "Importer", "user": str(uid)}, 201),
            ("admin-token-errors", "/admin/tokens",
             {"name": "", "user": "0"}, 422),
            ("admin-publication-errors", "/admin/publications",
             {"title": "", "date": "2026-02-30", "url": "x y",
              "pdf": "/media/a.txt", "author1": "nobody"}, 422),
            ("admin-type-errors", "/admin/publication-types",
             {"name": "", "slug": "Bad Slug"}, 422),
            ("admin-link-errors", "/admin/links",
             {"name": "", "url": "javascript:x"}, 422),
            ("admin-event-errors", "/admin/events",
             {"title": "", "tz": "Nowhere", "starts": "soon",
              "ends": "2026-01-01T10:00"}, 422),
            ("admin-about-preview", "/admin/about",
             {"about": "# Hi\n\n*there*", "action": "preview"}, 200),
            ("admin-403-csrf", "/admin/settings", {"title": "T"}, 403)):
        if name != "admin-403-csrf":
            form["csrf"] = tok
        st, h, body = c.post(path, form)
        out.append((name, want, st, body.encode()))
    st, h, body = c.post("/admin/users/%d/disable" % uid, {"csrf": tok})
    st, h, body = c.get(h.get("location", ["/admin"])[0])
    out.append(("admin-user-disabled-notice", 200, st, body.encode()))
    out += media_pages(srv, c)
    return out + editing_pages(srv, c, tok) + article_pages(srv, c)


def media_pages(srv, c):
    """The media library's pages: with an image and a PDF, a file's
    page, its deletion's question, and a refused upload."""
    import test_admin_media as m
    out = []
    st, h, body = m.upload(c, "Cover.png", "image/png", m.png(40, 30),
                           alt="A grey square")
    mid = int(h.get("location", ["/admin/media/0"])[0].split("/")[3]
              .split("?")[0])
    m.upload(c, "Report.pdf", "application/pdf", m.PDF)
    for name, path in (("admin-media", "/admin/media"),
                       ("admin-media-item", "/admin/media/%d" % mid),
                       ("admin-media-delete", "/admin/media/%d/delete" %
                        mid)):
        st, h, body = c.get(path)
        out.append((name, 200, st, body.encode()))
    st, h, body = m.upload(c, "fake.jpg", "image/jpeg", b"not a picture")
    out.append(("admin-media-refused", 415, st, body.encode()))
    return out


def editing_pages(srv, c, tok):
    """Issues, sections and people: lists, forms, errors, refusals."""
    out = []
    harness.add_draft(srv, "vnu-draft", "A Draft <em>in</em> No Issue")
    iid = srv.sql("SELECT id FROM issues ORDER BY number LIMIT 1")[0][0]
    sid = srv.sql("SELECT id FROM sections ORDER BY id LIMIT 1")[0][0]
    pid = srv.sql("SELECT person_id FROM article_authors LIMIT 1")[0][0]
    for name, path, want in (
            ("admin-issues", "/admin/issues", 200),
            ("admin-issue-new", "/admin/issues/new", 200),
            ("admin-issue", "/admin/issues/%d" % iid, 200),
            ("admin-issue-search", "/admin/issues/%d?q=nothing" % iid, 200),
            ("admin-issue-unpublish", "/admin/issues/%d/unpublish" % iid,
             200),
            ("admin-issue-delete-refused", "/admin/issues/%d/delete" % iid,
             409),
            ("admin-sections", "/admin/sections", 200),
            ("admin-section-new", "/admin/sections/new", 200),
            ("admin-section", "/admin/sections/%d" % sid, 200),
            ("admin-section-delete-refused",
             "/admin/sections/%d/delete" % sid, 409),
            ("admin-people", "/admin/people", 200),
            ("admin-people-search", "/admin/people?q=zz&staff=1", 200),
            ("admin-person-new", "/admin/people/new", 200),
            ("admin-person", "/admin/people/%d" % pid, 200),
            ("admin-person-delete-refused", "/admin/people/%d/delete" % pid,
             409)):
        st, h, body = c.get(path)
        out.append((name, want, st, body.encode()))
    for name, path, form in (
            ("admin-issue-errors", "/admin/issues",
             {"number": "x", "date": "no", "cover": "ftp://x"}),
            ("admin-section-errors", "/admin/sections",
             {"name": "", "slug": "Bad", "position": "x"}),
            ("admin-person-errors", "/admin/people",
             {"name": "", "staff": "2", "photo": "x"})):
        form["csrf"] = tok
        st, h, body = c.post(path, form)
        out.append((name, 422, st, body.encode()))
    return out


def suggested(srv):
    """Countries suggested for two articles, for the review page
    (/admin/countries/review) to show."""
    a, b = [r[0] for r in srv.sql("SELECT id FROM articles ORDER BY id"
                                  " LIMIT 2")]
    srv.sql_write("INSERT OR IGNORE INTO article_country_suggestions"
                  " (article_id, code, words) VALUES (?, 'KZ', 'Kazakh,"
                  " Kazakhs'), (?, 'UZ', 'Uzbek'), (?, 'TJ', 'Tajik')",
                  (a, a, b))


def suggesting_article(c):
    """A new article whose text names countries: its form suggests them
    (article_countries.c)."""
    import test_admin_articles as ta
    st, h, body = ta.new_article(c, title="The Kazakh Budget",
                                 body="Tajik and Afghan traders.")
    return ta.id_of(h)


def article_pages(srv, c):
    """The article editor's pages, and the states its form comes back
    in (errors, a conflict)."""
    import test_admin_articles as ta
    out = []
    aid, revs = ta.revised_article(srv, c)
    for name, path in (
            ("admin-articles", "/admin/articles"),
            ("admin-articles-filtered", "/admin/articles?q=x&status=draft"),
            ("admin-article-new", "/admin/articles/new"),
            ("admin-article-edit", "/admin/articles/%d" % aid),
            ("admin-article-revisions", "/admin/articles/%d/revisions" %
             aid),
            ("admin-article-diff", "/admin/articles/%d/diff?from=%d&to=%d"
             % (aid, revs[0], revs[-1])),
            ("admin-article-delete", "/admin/articles/%d/delete" % aid),
            ("admin-article-preview", "/admin/articles/%d/preview" % aid),
            ("admin-article-suggest", "/admin/articles/%d" %
             suggesting_article(c))):
        st, h, body = c.get(path)
        out.append((name, 200, st, body.encode()))
    st, h, body = ta.new_article(c, title="", slug="Bad!", countries="XX")
    out.append(("admin-article-errors", 422, st, body.encode()))
    form = ta.form_values(c.get("/admin/articles/%d" % aid)[2])
    form["version"] = "1"
    form["body"] = "Typed over an old version.\n"
    st, h, body = c.post("/admin/articles/%d" % aid, form)
    out.append(("admin-article-conflict", 409, st, body.encode()))
    st, h, body = c.post("/admin/articles/preview", form)
    out.append(("admin-article-preview-form", 200, st, body.encode()))
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-vnu-")
    try:
        with harness.Server(articles=120) as srv:
            # An ISSN, so that the heads carry every metadata tag.
            srv.sql_write("INSERT OR REPLACE INTO settings VALUES"
                          " ('issn', '2049-3630')")
            srv.pause(1.5)
            pages = fetch_pages(srv)
            got = dict((p[0], p[3]) for p in pages)
            for name in ("home", "article", "issue", "section-page-1",
                         "author"):
                check("%s: its head's metadata goes to vnu (Open Graph, "
                      "JSON-LD)" % name, b'property="og:title"' in
                      got[name] and b"application/ld+json" in got[name],
                      got[name][:300])
            check("article: its citation tags go to vnu",
                  b'name="citation_issn" content="2049-3630"' in
                  got["article"], "")
            home = parse_html(pages[0][3])
            link = home.find("link", attrs={"rel": "stylesheet"})
            css_path = link.attrs.get("href") if link else "/static/style.css"
            st, h, css = srv.get(css_path)
            check_eq("stylesheet fetched", st, 200)
            link = parse_html(dict((p[0], p[3]) for p in pages)[
                "admin-home"]).find("link", attrs={"rel": "stylesheet"})
            srv_css = srv.get(link.attrs.get("href") if link else
                              "/static/admin.css")
        files = {}
        for name, want, st, body in pages:
            check_eq("%s: status" % name, st, want)
            path = os.path.join(tmp, name + ".html")
            with open(path, "wb") as f:
                f.write(body)
            files[path] = name
        # The theme's edge cases, which the demo journal may not reach:
        # each sample view rendered by `octavo render`.
        sdir = os.path.join(harness.ROOT, "tests", "http", "vnu", "samples")
        for sample in sorted(os.listdir(sdir)):
            if not sample.endswith(".json"):
                continue
            base = sample[:-len(".json")]
            tmpl = base.split("--")[0]
            p = subprocess.run(
                [harness.BIN, "render", "--theme",
                 os.path.join(harness.ROOT, "themes", "default"), tmpl,
                 os.path.join(sdir, sample)],
                capture_output=True, timeout=60)
            if not check_eq("render sample %s" % base, p.returncode, 0):
                continue
            path = os.path.join(tmp, "sample-" + base + ".html")
            with open(path, "wb") as f:
                f.write(p.stdout)
            files[path] = "sample " + base
        css_file = os.path.join(tmp, "style.css")
        with open(css_file, "wb") as f:
            f.write(css)
        files[css_file] = "style.css"
        st, h, admin_css = srv_css
        check_eq("admin stylesheet fetched", st, 200)
        css_file = os.path.join(tmp, "admin.css")
        with open(css_file, "wb") as f:
            f.write(admin_css)
        files[css_file] = "admin.css"
        validate(files)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def validate(files):
    if not check("vnu.jar is installed", os.path.isfile(VNU),
                 "%s is missing: run scripts/install-deps.sh test" % VNU):
        for name in files.values():
            check("vnu %s" % name, False, "not checked: no vnu.jar")
        return
    java = shutil.which("java")
    if not check("java is installed", java is not None, "no java in PATH"):
        for name in files.values():
            check("vnu %s" % name, False, "not checked: no java")
        return
    p = subprocess.run([java, "-jar", VNU, "--errors-only", "--format", "json",
                        "--also-check-css"] + sorted(files),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    raw = (p.stderr or p.stdout).decode("utf-8", "replace")
    try:
        report = json.loads(raw)
    except ValueError:
        check("vnu ran", False, "status %d, output: %s" % (p.returncode,
                                                          raw[-2000:]))
        for name in files.values():
            check("vnu %s" % name, False, "not checked")
        return
    by_file = {path: [] for path in files}
    stray = []
    for m in report.get("messages", []):
        url = m.get("url", "")
        path = urllib.parse.unquote(url[5:]) if url.startswith("file:") \
            else None
        if path in by_file:
            by_file[path].append(m)
        else:
            stray.append(m)
    check("vnu ran (no message outside the files)", not stray,
          "; ".join("%s: %s" % (m.get("type"), m.get("message"))
                    for m in stray)[:2000])
    for path in sorted(files):
        msgs = by_file[path]
        why = "\n".join("    %s:%s: %s [%s]" % (
            os.path.basename(path), m.get("lastLine", "?"),
            m.get("message", ""), (m.get("extract") or "").strip()
            .replace("\n", " ")[:120]) for m in msgs)
        check("vnu %s" % files[path], not msgs,
              "%d error(s)\n%s" % (len(msgs), why))
    check("vnu status agrees", (p.returncode == 0) ==
          all(not v for v in by_file.values()) and not stray,
          "exit status %d" % p.returncode)


if __name__ == "__main__":
    main()
    harness.done()
