"""octavo import markdown: a Hugo site (YAML and TOML front matter, a
page bundle, list pages, an HTML body, a draft, a future post, and
files that cannot be imported) and a Jekyll site (_posts named by date,
_drafts, categories and tags as words, redirect_from, permalink),
written for the tests in tests/data/import/markdown.  Checked by the
rows the import made, by the report, by a second run that changes
nothing, by a changed file that updates its article, and by the running
site: the aliases answer with a 301.  Bad input exits 1 with a message.
"""
import os
import shutil
import tempfile

import harness
from harness import ROOT, check, check_eq, check_in

DATA = os.path.join(ROOT, "tests", "data", "import", "markdown")
NOW = "2026-11-25T00:00:00Z"


run = harness.run_cli
sql = harness.db_rows


def article(db, slug):
    rows = sql(db, "SELECT a.title, a.dek, a.status, a.published_at,"
               " a.updated_at, s.name, b.format FROM articles a"
               " JOIN sections s ON s.id = a.section_id"
               " JOIN article_bodies b ON b.article_id = a.id"
               " WHERE a.slug = ?", (slug,))
    return rows[0] if rows else None


def names(db, slug, what):
    q = {"authors": "SELECT p.name FROM article_authors l JOIN people p"
                    " ON p.id = l.person_id JOIN articles a"
                    " ON a.id = l.article_id WHERE a.slug = ?"
                    " ORDER BY l.position",
         "tags": "SELECT t.name FROM article_tags x JOIN tags t"
                 " ON t.id = x.tag_id JOIN articles a ON a.id = x.article_id"
                 " WHERE a.slug = ? ORDER BY x.position",
         "countries": "SELECT c.code FROM article_countries c JOIN articles a"
                      " ON a.id = c.article_id WHERE a.slug = ?"}[what]
    return [r[0] for r in sql(db, q, (slug,))]


def report_row(out, kind):
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == kind:
            return [int(x) for x in f[1:5]]
    return None


def hugo(tmp):
    db = os.path.join(tmp, "hugo.db")
    site = os.path.join(DATA, "hugo")
    p = run("import", "markdown", "--db", db, "--now", NOW, site)
    check_eq("hugo: import exits 0", p.returncode, 0)
    check_eq("hugo: files new, changed, unchanged, skipped",
             report_row(p.stdout, "files"), [6, 0, 0, 8])
    for why in ("a section's list page (_index.md)",
                "malformed TOML front matter", "malformed YAML front matter",
                "not UTF-8 text", "no front matter", "no title",
                "front matter opened with '---' never closes"):
        check_in("hugo: the report says: " + why, why, p.stdout)
    check_in("hugo: the YAML error has its line",
             "bad-yaml.md: front matter, line 2:", p.stderr)
    check_in("hugo: the TOML error has its line",
             "bad-toml.md: front matter, line 1: a newline in a one-line"
             " string", p.stderr)
    check_eq("hugo: the slugs", sorted(r[0] for r in sql(
        db, "SELECT slug FROM articles")),
        ["bundle", "draft-post", "future", "html-body", "ports-of-osaka",
         "toml-post"])
    check_eq("hugo: YAML front matter", article(db, "ports-of-osaka"),
             ("Ports of Ōsaka: a review",
              "What the ports tell us, folded on two lines.", "published",
              "2024-03-01T09:00:00Z", "2024-03-04T12:00:00Z", "Analysis",
              "markdown"))
    check_eq("hugo: authors in order", names(db, "ports-of-osaka",
                                             "authors"),
             ["Ana Ruiz", "Jon Ødegaard"])
    check_eq("hugo: tags in order", names(db, "ports-of-osaka", "tags"),
             ["shipping", "ports"])
    check_eq("hugo: a known country kept, XX left out",
             names(db, "ports-of-osaka", "countries"), ["JP"])
    check_eq("hugo: TOML front matter", article(db, "toml-post"),
             ('Grid "reform" in Tesselia', "A dek on two lines.",
              "published", "2023-11-05T08:30:00Z", "2023-11-05T08:30:00Z",
              "Briefs", "markdown"))
    check_eq("hugo: TOML author and tags", (names(db, "toml-post",
                                                  "authors"),
                                            names(db, "toml-post", "tags")),
             (["Ana Ruiz"], ["energy", "grids"]))
    check_eq("hugo: a bundle's slug is its folder, summary its dek",
             article(db, "bundle")[:2], ("A page bundle",
                                         "The bundle's summary."))
    check_eq("hugo: no section: the folder's",
             article(db, "draft-post")[5], "Posts")
    check_eq("hugo: draft: true is a draft", article(db, "draft-post")[2],
             "draft")
    check_eq("hugo: a tag as a string", names(db, "draft-post", "tags"),
             ["single-tag"])
    check_eq("hugo: a future date is scheduled", article(db, "future")[2],
             "scheduled")
    body = sql(db, "SELECT b.body, b.format FROM article_bodies b"
               " JOIN articles a ON a.id = b.article_id"
               " WHERE a.slug = 'html-body'")[0]
    check_eq("hugo: markup: html is an html body, cleaned", body,
             ("<p>Hello <em>world</em>.</p>\n", "html"))
    check_eq("hugo: the markdown body is the file's",
             sql(db, "SELECT b.body FROM article_bodies b JOIN articles a"
                 " ON a.id = b.article_id WHERE a.slug = 'toml-post'"),
             [("Grid reform *is* overdue.\n",)])
    check_eq("hugo: aliases and Hugo's own addresses kept as old ones",
             sorted(r[0] for r in sql(db, "SELECT path FROM redirects")),
             ["/2024/03/01/ports", "/briefs/grid", "/old/ports.html",
              "/posts/bundle", "/posts/draft-post", "/posts/future",
              "/posts/html-body", "/posts/ports-of-osaka",
              "/posts/toml-post"])
    check_eq("hugo: an alias under /articles/ is an old slug",
             sql(db, "SELECT slug FROM article_slugs"), [("ports-review",)])

    version = sql(db, "SELECT version FROM content_version")
    p = run("import", "markdown", "--db", db, "--now", NOW, site)
    check_eq("hugo: a second run exits 0", p.returncode, 0)
    check_eq("hugo: a second run: all unchanged",
             report_row(p.stdout, "files"), [0, 0, 6, 8])
    check_eq("hugo: a second run writes nothing",
             sql(db, "SELECT version FROM content_version"), version)

    # A changed file updates its article, keeping its id.
    copy = os.path.join(tmp, "hugo-copy")
    shutil.copytree(site, copy)
    path = os.path.join(copy, "content", "posts", "toml-post.md")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("title = 'Grid \"reform\" in Tesselia'",
                             "title = 'Grid reform, revised'"))
    before = sql(db, "SELECT id FROM articles WHERE slug = 'toml-post'")
    p = run("import", "markdown", "--db", db, "--now", NOW, copy)
    check_eq("hugo: a changed file: one changed",
             report_row(p.stdout, "files"), [0, 1, 5, 8])
    check_eq("hugo: the article keeps its id and takes the title",
             sql(db, "SELECT id, title FROM articles"
                 " WHERE slug = 'toml-post'"),
             [(before[0][0], "Grid reform, revised")])
    return db


def jekyll(tmp):
    db = os.path.join(tmp, "jekyll.db")
    p = run("import", "markdown", "--db", db, "--now", NOW,
            os.path.join(DATA, "jekyll"))
    check_eq("jekyll: import exits 0", p.returncode, 0)
    check_eq("jekyll: _posts and _drafts only, about.md left",
             report_row(p.stdout, "files"), [4, 0, 0, 0])
    check_eq("jekyll: a post", article(db, "hello-world"),
             ("Hello, world", "The first post.", "published",
              "2020-05-01T08:00:00Z", "2020-05-01T08:00:00Z", "news",
              "markdown"))
    check_eq("jekyll: tags as words", names(db, "hello-world", "tags"),
             ["first", "hello"])
    check_eq("jekyll: the author", names(db, "hello-world", "authors"),
             ["Jane Roe"])
    check_eq("jekyll: dated by its name", article(db, "dated-by-name")[3],
             "2021-01-02T00:00:00Z")
    check_eq("jekyll: an author as a mapping",
             names(db, "dated-by-name", "authors"), ["Jane Roe"])
    check_eq("jekyll: a draft, dated by the run",
             article(db, "work-in-progress")[2:4], ("draft", NOW))
    check_eq("jekyll: redirect_from, permalink and Jekyll's own "
             "addresses kept",
             sorted(r[0] for r in sql(db, "SELECT path FROM redirects")),
             ["/2021/01/02/dated-by-name.html", "/hello.html",
              "/news/2020/hello-world",
              "/policy/energy/2019/12/31/categorised.html"])
    check_eq("jekyll: a list of categories, the first the section",
             article(db, "categorised")[5], "Policy")


def serve(db):
    with harness.Server(db=db) as srv:
        for old in ("/2024/03/01/ports/", "/old/ports.html",
                    "/articles/ports-review", "/posts/ports-of-osaka/"):
            st, h, _ = srv.get(old)
            check_eq("site: %s answers 301" % old, st, 301)
            check("site: %s goes to the article" % old,
                  h.get("location", "").endswith(
                      "/articles/ports-of-osaka"), h.get("location"))
        st, _, body = srv.get("/articles/ports-of-osaka")
        check_eq("site: the imported article is served", st, 200)
        check_in("site: with its title", "Ports of Ōsaka: a review",
                 body.decode())
        st, _, body = srv.get("/articles/html-body")
        check("site: the html body without its script",
              st == 200 and b"alert(1)" not in body and
              b"<em>world</em>" in body, "status %d" % st)
        st, _, _ = srv.get("/articles/draft-post")
        check_eq("site: a draft is not served", st, 404)


def bad(tmp):
    db = os.path.join(tmp, "bad.db")
    p = run("import", "markdown", "--db", db, os.path.join(tmp, "none"))
    check_eq("bad: a missing folder exits 1", p.returncode, 1)
    check_in("bad: and says so", "No such file or directory", p.stderr)
    f = os.path.join(tmp, "file.md")
    with open(f, "w") as fh:
        fh.write("---\ntitle: x\n---\n")
    p = run("import", "markdown", "--db", db, f)
    check_eq("bad: a file, not a folder, exits 1", p.returncode, 1)
    check_in("bad: and says so", "not a folder", p.stderr)
    p = run("import", "markdown")
    check_eq("bad: no folder is a usage error", p.returncode, 2)
    p = run("import", "markdown", "--now", "yesterday", tmp)
    check_eq("bad: a bad --now is a usage error", p.returncode, 2)
    # Odd but harmless files: each reported, none crashes the import.
    odd = os.path.join(tmp, "odd")
    os.makedirs(odd)
    cases = {
        "deep.md": "---\nx: " + "[" * 100 + "]" * 100 + "\ntitle: d\n---\n",
        "alias.md": "---\na: &x [1]\nb: *x\ntitle: t\n---\n",
        "list.md": "---\n- a\n- b\n---\n",
        "nul.md": "---\ntitle: a\0b\n---\n",
        "toml-deep.md": "+++\nx = " + "[" * 100 + "]" * 100 + "\n+++\n",
        "toml-dup.md": "+++\ntitle = 'a'\ntitle = 'b'\n+++\n",
        "json.md": '{\n"title": "JSON front matter", "date": "2020-01-01"\n}\n'
                   "Body.\n",
        "bad-date.md": "---\ntitle: t\ndate: not a date\n---\n",
        "empty.md": "",
        "bom.md": "\ufeff---\ntitle: With a BOM\ndate: 2020-02-02\n---\nx\n",
    }
    for name, text in cases.items():
        with open(os.path.join(odd, name), "w") as fh:
            fh.write(text)
    p = run("import", "markdown", "--db", db, "--now", NOW, odd)
    check_eq("bad: odd files: exits 0", p.returncode, 0)
    check_eq("bad: odd files: two imported, the rest skipped",
             report_row(p.stdout, "files"), [2, 0, 0, 8])
    for why in ("nested deeper than 32", "YAML aliases are not read",
                "is not a mapping", "'title' defined twice"):
        check_in("bad: odd files: " + why, why, p.stderr)
    check_in("bad: a date that is not one", "a date that is not one",
             p.stdout)
    check_eq("bad: JSON and BOM front matter read",
             sorted(r[0] for r in sql(db, "SELECT title FROM articles")),
             ["JSON front matter", "With a BOM"])


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-md-")
    db = hugo(tmp)
    jekyll(tmp)
    serve(db)
    bad(tmp)
    harness.done()


if __name__ == "__main__":
    main()
