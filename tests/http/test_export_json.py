"""octavo export json / import json: the whole journal through one file.

A demo journal, and one with imported-style content (a Hugo site's
posts imported, then rows of every list an export carries written as an
operator's sqlite3 shell would: users, subscribers with consent, media,
comments, campaigns, revisions, reads, redirects), each exported,
validated against docs/export.schema.json with Ajv, imported into an
empty database and exported again: the two files must be the same
bytes.  What must not leave (password hashes, sessions, secrets) is
looked for in the file.  Bad files and a database that is not empty
are refused with a message and exit 1, the database left as it was.
"""
import os
import sqlite3
import subprocess
import tempfile

import harness
from harness import ROOT, check, check_eq, check_in

SCHEMA = os.path.join(ROOT, "docs", "export.schema.json")
HUGO_SITE = os.path.join(ROOT, "tests", "data", "import", "markdown", "hugo")
NODE_VALIDATE = os.path.join(ROOT, "tests", "node", "jsonfeed.mjs")


run = harness.run_cli
sql = harness.db_rows


def script(db, text):
    con = sqlite3.connect(db)
    try:
        con.executescript(text)
    finally:
        con.close()


def add_imported(db):
    """Rows of every exported list but those the demo fills."""
    p = run("import", "markdown", "--db", db, "--now",
            "2026-11-25T00:00:00Z", HUGO_SITE)
    check_eq("json: the Hugo site imports", p.returncode, 0)
    script(db, """
INSERT INTO users (id, email, role, password, created_at, signed_in_at)
  VALUES (7, 'ed@example.org', 'editor', '$argon2id$SECRETHASH', 100, 200);
INSERT INTO sessions (hash, user_id, created_at, seen_at)
  VALUES ('SESSIONHASH', 7, 1, 1);
INSERT INTO secrets (name, value) VALUES ('mail', 'SECRETVALUE');
INSERT INTO api_tokens (hash, name, user_id, created_at)
  VALUES ('TOKENHASH', 'ci', 7, 1);
INSERT INTO subscribers (id, email, status, token, created_at,
  confirmed_at, consent, topics)
  VALUES (3, 'reader@example.org', 'confirmed', 'salt1',
  '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z',
  'form /newsletter 2026-01-01 from 192.0.2.1', 'issues,news');
INSERT INTO media (id, name, filename, type, size, width, height, alt,
  user_id, created_at) VALUES (4, 'abc123.png', 'map.png', 'image/png',
  1234, 10, 20, 'A map "quoted"', 7, 300);
INSERT INTO campaigns (id, subject, body_text, created_at, created_by)
  VALUES (2, 'Issue 9', 'Hello', 400, 7);
INSERT INTO comments (id, article_id, parent_id, author_name, body,
  created_at, status, origin) SELECT 10, id, NULL, 'Ann', 'First',
  '2024-01-01T00:00:00Z', 'approved', 'wordpress' FROM articles
  WHERE slug = 'ports-of-osaka';
INSERT INTO comments (id, article_id, parent_id, author_name, body,
  created_at, status, origin) SELECT 11, id, 10, 'Bob', 'A reply',
  '2024-01-02T00:00:00Z', 'pending', 'wordpress' FROM articles
  WHERE slug = 'ports-of-osaka';
INSERT INTO redirects (path, location, origin, created_at)
  VALUES ('/?page_id=2', '/about', 'wordpress', 5);
UPDATE articles SET extra = '{"sticky": true, "k2": {"hits": 12}}'
  WHERE slug = 'toml-post';
INSERT OR REPLACE INTO article_reads (article_id, reads) SELECT id, 2538 FROM articles
  WHERE slug = 'toml-post';
INSERT INTO reads_daily (article_id, day, reads) SELECT id, '2026-11-01', 3
  FROM articles WHERE slug = 'toml-post';
UPDATE articles SET title = 'Tabs	and "quotes", \\ and ✓ and \u2028'
  WHERE slug = 'bundle';
UPDATE articles SET correction = 'A date fixed.', correction_kind = 'update',
  correction_date = '2024-03-05' WHERE slug = 'ports-of-osaka';
UPDATE articles SET status = 'draft' WHERE slug = 'html-body';
PRAGMA foreign_keys = ON;
DELETE FROM articles WHERE id = (SELECT min(id) FROM articles
  WHERE status = 'published');
""")


def validate(label, path, want_ok=True):
    if not os.path.isdir(os.path.join(ROOT, "tests", "node_modules",
                                      "ajv")):
        check(label, False, "tests/node_modules has no ajv (make test "
              "installs it)")
        return
    p = subprocess.run(["node", NODE_VALIDATE, SCHEMA, path],
                       capture_output=True, text=True, timeout=300)
    if want_ok:
        check(label, p.returncode == 0, p.stdout[-1500:] + p.stderr[-500:])
    else:
        check(label, p.returncode != 0, "Ajv accepted a broken export")


def round_trip(name, db, tmp):
    a = os.path.join(tmp, name + "-a.json")
    b = os.path.join(tmp, name + "-b.json")
    db2 = os.path.join(tmp, name + "-2.db")
    p = run("export", "json", "--db", db, a)
    check_eq("json %s: export exits 0" % name, p.returncode, 0)
    validate("json %s: the export passes the schema" % name, a)
    p = run("import", "json", "--db", db2, a)
    check_eq("json %s: import exits 0" % name, p.returncode, 0)
    p = run("export", "json", "--db", db2, b)
    check_eq("json %s: export again exits 0" % name, p.returncode, 0)
    with open(a, "rb") as f:
        da = f.read()
    with open(b, "rb") as f:
        db_ = f.read()
    check("json %s: exported again, the same bytes" % name, da == db_,
          "sizes %d and %d" % (len(da), len(db_)))
    for t in ("articles", "article_authors", "article_tags",
              "article_countries", "article_slugs", "people", "issues",
              "sections", "settings", "redirects", "comments",
              "subscribers", "media", "users", "reads_daily",
              "oai_deleted"):
        check_eq("json %s: %s rows kept" % (name, t),
                 sql(db2, "SELECT count(*) FROM " + t),
                 sql(db, "SELECT count(*) FROM " + t))
    check_eq("json %s: list counts derived again" % name,
             sql(db2, "SELECT * FROM article_counts ORDER BY 1, 2"),
             sql(db, "SELECT * FROM article_counts WHERE n > 0"
                     " ORDER BY 1, 2"))
    return a, da, db2


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-export-")
    demo = os.path.join(tmp, "demo.db")
    harness.make_demo(demo, articles=60)
    round_trip("demo", demo, tmp)

    imp = os.path.join(tmp, "imported.db")
    harness.make_demo(imp, articles=20)
    add_imported(imp)
    a, data, db2 = round_trip("imported", imp, tmp)
    text = data.decode()
    for secret in ("SECRETHASH", "SESSIONHASH", "SECRETVALUE",
                   "TOKENHASH"):
        check("json: %s is not exported" % secret, secret not in text,
              "found in the export")
    check_in("json: a subscriber's consent is exported",
             "form /newsletter 2026-01-01 from 192.0.2.1", text)
    check_in("json: an article's extra is a JSON object",
             '"extra":{"sticky":true,"k2":{"hits":12}}', text)
    check_in("json: an HTML body keeps its format", '"body_format":"html"',
             text)
    check_in("json: a media record is exported", '"name":"abc123.png"',
             text)
    check_eq("json: the search index is made again",
             sql(db2, "SELECT rowid FROM article_fts"
                      " WHERE article_fts MATCH 'ports' ORDER BY rowid"),
             sql(imp, "SELECT rowid FROM article_fts"
                      " WHERE article_fts MATCH 'ports' ORDER BY rowid"))
    check_eq("json: a correction note survives",
             sql(db2, "SELECT correction, correction_kind, correction_date"
                      " FROM articles WHERE slug = 'ports-of-osaka'"),
             [("A date fixed.", "update", "2024-03-05")])
    check_eq("json: withdrawn articles stay withdrawn for OAI-PMH",
             sql(db2, "SELECT count(*) FROM oai_deleted"), [(2,)])
    check_eq("json: an imported user has no password",
             sql(db2, "SELECT password FROM users WHERE id = 7"), [("",)])
    check_eq("json: the reply keeps its parent",
             sql(db2, "SELECT parent_id FROM comments WHERE id = 11"),
             [(10,)])
    check_eq("json: a read count survives",
             sql(db2, "SELECT r.reads FROM article_reads r JOIN articles a"
                      " ON a.id = r.article_id WHERE a.slug = 'toml-post'"),
             [(2538,)])
    check_eq("json: an old slug survives",
             sql(db2, "SELECT slug FROM article_slugs"), [("ports-review",)])
    check_eq("json: the title with tabs and quotes survives",
             sql(db2, "SELECT title FROM articles WHERE slug = 'bundle'"),
             sql(imp, "SELECT title FROM articles WHERE slug = 'bundle'"))
    lines = text.split("\n")
    check_eq("json: the file opens with the format line", lines[:2],
             ["{", '"octavo":{"format":1},'])

    # The schema can fail: an unknown field, a wrong type.
    broken = os.path.join(tmp, "broken.json")
    with open(broken, "w") as f:
        f.write(text.replace('"slug":"toml-post"',
                             '"slug":"toml-post","colour":"red"', 1))
    validate("json: the schema refuses an unknown field", broken, False)

    # Into a database that is not empty: refused, nothing changed.
    before = sql(db2, "SELECT count(*) FROM articles")
    p = run("import", "json", "--db", db2, a)
    check_eq("json: into a non-empty database exits 1", p.returncode, 1)
    check_in("json: and says why", "is not empty", p.stderr)
    check_eq("json: and changes nothing",
             sql(db2, "SELECT count(*) FROM articles"), before)

    # Bad files: each exits 1 with its line, leaving an empty database.
    cases = [
        ("truncated", "\n".join(lines[:len(lines) // 2]) + "\n",
         "ends early"),
        ("a broken record", text.replace('{"key":"about"', '{"key":"about',
                                         1), "not a record on one line"),
        ("an unknown field", text.replace('"slug":"toml-post"',
                                          '"slug":"toml-post","x":1', 1),
         "unknown field 'x'"),
        ("an unknown list", text.replace('"tags":[', '"tagz":[', 1),
         "does not know"),
        ("not an export", '{"a": 1}\n', "not an Octavo export"),
        ("empty", "", "ends early"),
        ("a reference to nothing", text.replace('"section_id":1,',
                                                '"section_id":999,', 1),
         "FOREIGN KEY constraint failed"),
    ]
    for label, body, why in cases:
        path = os.path.join(tmp, "bad.json")
        with open(path, "w") as f:
            f.write(body)
        fresh = os.path.join(tmp, "bad-%d.db" % cases.index(
            (label, body, why)))
        p = run("import", "json", "--db", fresh, path)
        check_eq("json bad: %s exits 1" % label, p.returncode, 1)
        check_in("json bad: %s says why" % label, why, p.stderr)
        check_eq("json bad: %s leaves the database empty" % label,
                 sql(fresh, "SELECT count(*) FROM articles"), [(0,)])
    path = os.path.join(tmp, "latin1.json")
    with open(path, "wb") as f:
        f.write(data.replace("Ports of Ōsaka".encode(), b"Caf\xe9", 1))
    p = run("import", "json", "--db", os.path.join(tmp, "l1.db"), path)
    check_eq("json bad: not UTF-8 exits 1", p.returncode, 1)
    p = run("import", "json", "--db", os.path.join(tmp, "m.db"),
            os.path.join(tmp, "missing.json"))
    check_eq("json bad: a missing file exits 1", p.returncode, 1)
    check_in("json bad: a missing file says so", "No such file", p.stderr)
    p = run("export", "json")
    check_eq("json: no FILE is a usage error", p.returncode, 2)
    p = run("export", "json", "--db", demo, "/nonexistent/dir/x.json")
    check_eq("json: an unwritable FILE exits 1", p.returncode, 1)
    harness.done()


if __name__ == "__main__":
    main()
