"""octavo export markdown: the journal as a Hugo content folder.

A demo journal with drafts, a scheduled article, an HTML body, an old
slug, old addresses, tags and countries is exported; Debian's hugo
builds the folder with the minimal theme in tests/data/hugo, and the
number of article pages it made must be the number of published
articles.  The folder is then read back by octavo import markdown into
a journal that has the same sections, issues and people (made from the
JSON export), and every article must come back with the same fields.
"""
import os
import shutil
import sqlite3
import subprocess
import tempfile

import harness
from harness import ROOT, check, check_eq, check_in

THEMES = os.path.join(ROOT, "tests", "data", "hugo", "themes")


run = harness.run_cli
sql = harness.db_rows


def prepare(db):
    con = sqlite3.connect(db)
    con.executescript("""
UPDATE articles SET status = 'draft' WHERE id IN (2, 3, 4);
UPDATE articles SET status = 'scheduled',
  published_at = '2099-05-01T09:00:00Z' WHERE id = 5;
UPDATE article_bodies SET format = 'html',
  body = '<p>An <strong>HTML</strong> body.</p>' WHERE article_id = 6;
INSERT INTO article_slugs (slug, article_id) VALUES ('an-old-slug', 7);
INSERT INTO redirects (path, article_id, origin) VALUES
  ('/2019/05/03/old-post', 7, 'wordpress'),
  ('/?p=12', 7, 'wordpress');
INSERT OR IGNORE INTO tags (slug, name) VALUES ('energy', 'Energy'),
  ('grids', 'Grids');
DELETE FROM article_tags WHERE article_id = 8;
INSERT INTO article_tags (article_id, tag_id, position)
  SELECT 8, id, slug = 'energy' FROM tags WHERE slug IN ('grids', 'energy');
DELETE FROM article_countries WHERE article_id = 8;
INSERT INTO article_countries (article_id, code) VALUES (8, 'NO'),
  (8, 'FR');
UPDATE articles SET title = 'Quotes "and" \\ backslashes: a title'
  WHERE id = 9;
""")
    con.commit()
    con.close()


FIELDS = ("SELECT a.slug, a.title, a.dek, a.status, a.published_at,"
          " a.updated_at, s.name, i.number, b.body, b.format,"
          " (SELECT group_concat(name, '|') FROM (SELECT p.name"
          "   FROM article_authors l JOIN people p ON p.id = l.person_id"
          "   WHERE l.article_id = a.id ORDER BY l.position)),"
          " (SELECT group_concat(name, '|') FROM (SELECT t.name"
          "   FROM article_tags x JOIN tags t ON t.id = x.tag_id"
          "   WHERE x.article_id = a.id ORDER BY x.position)),"
          " (SELECT group_concat(code, '|') FROM (SELECT code"
          "   FROM article_countries WHERE article_id = a.id"
          "   ORDER BY code))"
          " FROM articles a JOIN sections s ON s.id = a.section_id"
          " LEFT JOIN issues i ON i.id = a.issue_id"
          " JOIN article_bodies b ON b.article_id = a.id ORDER BY a.slug")


def names_only(src_json, dst_json):
    """The JSON export cut to the lists articles point at by name."""
    keep = {"settings", "sections", "issues", "people", "countries"}
    out, cur = [], None
    with open(src_json) as f:
        lines = f.read().split("\n")
    for line in lines:
        if line.endswith('":['):
            cur = line[1:-3]
            if cur in keep:
                out.append(line)
            continue
        if line in ("]", "],"):
            if cur in keep:
                out.append("],")
            cur = None
            continue
        if cur is None or cur in keep:
            out.append(line)
    text = "\n".join(out)
    text = text.replace("],\n}", "]\n}")
    with open(dst_json, "w") as f:
        f.write(text)


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-mdx-")
    db = os.path.join(tmp, "demo.db")
    harness.make_demo(db, articles=60)
    prepare(db)
    out = os.path.join(tmp, "site")
    p = run("export", "markdown", "--db", db, out)
    check_eq("export: exits 0", p.returncode, 0)
    check_in("export: an address with a query is left out and said",
             "1 old addresses with a query left out", p.stdout)
    files = sorted(os.listdir(os.path.join(out, "content", "articles")))
    check_eq("export: one file per article", len(files),
             sql(db, "SELECT count(*) FROM articles")[0][0])
    slug7 = sql(db, "SELECT slug FROM articles WHERE id = 7")[0][0]
    with open(os.path.join(out, "content", "articles",
                           slug7 + ".md")) as f:
        text = f.read()
    check_in("export: aliases: the old slug and the old address",
             'aliases: ["/articles/an-old-slug/", "/2019/05/03/old-post/"]',
             text)
    slug6 = sql(db, "SELECT slug FROM articles WHERE id = 6")[0][0]
    with open(os.path.join(out, "content", "articles",
                           slug6 + ".md")) as f:
        text = f.read()
    check_in("export: an HTML body is marked for Hugo", "\nmarkup: html\n",
             text)
    check("export: and kept as it is",
          text.endswith("---\n<p>An <strong>HTML</strong> body.</p>"),
          text[-80:])
    slug8 = sql(db, "SELECT slug FROM articles WHERE id = 8")[0][0]
    with open(os.path.join(out, "content", "articles",
                           slug8 + ".md")) as f:
        text = f.read()
    check_in("export: tags in order", 'tags: ["Grids", "Energy"]', text)
    check_in("export: countries", 'countries: ["FR", "NO"]', text)
    with open(os.path.join(out, "hugo.toml")) as f:
        check_in("export: hugo.toml names the taxonomies",
                 'author = "authors"', f.read())
    p = run("export", "markdown", "--db", db, out)
    check_eq("export: into a folder not empty exits 1", p.returncode, 1)
    check_in("export: and says why", "not a new or empty folder",
             p.stderr)

    # Hugo builds it: one page per published article.
    hugo = shutil.which("hugo")
    if hugo is None:
        check("hugo: installed", False,
              "no hugo (scripts/install-deps.sh test installs it)")
    else:
        pub = os.path.join(tmp, "public")
        p = subprocess.run([hugo, "--source", out, "--destination", pub,
                            "--themesDir", THEMES, "--theme",
                            "octavo-test", "--cacheDir",
                            os.path.join(tmp, "hugo-cache")],
                           capture_output=True, text=True, timeout=600)
        check_eq("hugo: builds the export", p.returncode, 0)
        pages = 0
        for d, _, fs in os.walk(pub):
            for name in fs:
                if name.endswith(".html"):
                    with open(os.path.join(d, name), "rb") as f:
                        if b'content="octavo-article"' in f.read():
                            pages += 1
        check_eq("hugo: article pages built = published articles", pages,
                 sql(db, "SELECT count(*) FROM articles"
                     " WHERE status = 'published'")[0][0])
        alias = os.path.join(pub, "2019", "05", "03", "old-post",
                             "index.html")
        check("hugo: an old address is an alias page",
              os.path.exists(alias), alias)
        with open(os.path.join(pub, "articles", slug6, "index.html")) as f:
            check_in("hugo: the HTML body is rendered as HTML",
                     "<p>An <strong>HTML</strong> body.</p>", f.read())

    # Read back by import markdown into a journal with the same names.
    j = os.path.join(tmp, "names.json")
    p = run("export", "json", "--db", db, os.path.join(tmp, "all.json"))
    names_only(os.path.join(tmp, "all.json"), j)
    back = os.path.join(tmp, "back.db")
    p = run("import", "json", "--db", back, j)
    check_eq("back: the names load", p.returncode, 0)
    p = run("import", "markdown", "--db", back, out)
    check_eq("back: import markdown exits 0", p.returncode, 0)
    check_eq("back: the same articles, field by field",
             sql(back, FIELDS), sql(db, FIELDS))
    check_eq("back: the old slug and address come back",
             (sql(back, "SELECT slug FROM article_slugs"),
              sql(back, "SELECT path FROM redirects")),
             ([("an-old-slug",)], [("/2019/05/03/old-post",)]))
    p = run("import", "markdown", "--db", back, out)
    check_in("back: a second run changes nothing", " 0          0 "
             "        60          0", p.stdout)
    harness.done()


if __name__ == "__main__":
    main()
