"""octavo import wordpress: the hand-written WXR 1.0, 1.1 and 1.2 files
of tests/data/import/wordpress imported into empty journals, checked by
the report's counts and notes, by the database's rows, by the served
article page and media, and by the old addresses' 301s; the same import
run again changes nothing, a changed post is updated; files with a
document type declaration (an external entity, billion laughs) are
refused before any entity is read; broken files fail with a line number,
never a crash; and a generated export streams through in bounded memory
(peak RSS at ten times the posts compared with one).
"""
import filecmp
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402
from test_admin_articles import form_values  # noqa: E402
from test_admin_auth import Client, user_add  # noqa: E402

DATA = os.path.join(harness.ROOT, "tests", "data", "import", "wordpress")
UPLOADS = os.path.join(DATA, "uploads")


def fresh(tmp, name):
    path = os.path.join(tmp, name, "o.db")
    os.makedirs(os.path.dirname(path))
    subprocess.run([harness.BIN, "init", "--db", path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def run(db, *args, env=None):
    """(exit status, stdout, stderr) of octavo import wordpress."""
    full = dict(os.environ)
    full.update(env or {})
    p = subprocess.run([harness.BIN, "import", "wordpress", "--db", db] +
                       list(args), capture_output=True, text=True,
                       env=full, timeout=3600)
    return p.returncode, p.stdout, p.stderr


def sql(db, q, args=()):
    con = sqlite3.connect(db)
    try:
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def dump(db):
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def articles(db):
    return sql(db, "SELECT a.slug, a.title, a.dek, a.status,"
               " a.published_at, s.slug, a.extra FROM articles a"
               " JOIN sections s ON s.id = a.section_id ORDER BY a.id")


def tags_of(db, slug):
    return [r[0] for r in sql(db, "SELECT t.name FROM article_tags x"
                              " JOIN tags t ON t.id = x.tag_id JOIN articles"
                              " a ON a.id = x.article_id WHERE a.slug = ?"
                              " ORDER BY x.position", (slug,))]


def body_of(db, slug):
    return sql(db, "SELECT b.body FROM article_bodies b JOIN articles a"
               " ON a.id = b.article_id WHERE a.slug = ?", (slug,))[0][0]


def moved(srv, target):
    st, h, body = srv.get(target)
    return st, urllib.parse.unquote(h.get("location", ""))


WANT12 = [
    ("\u00e7a-marche-deja-vu", "\u00c7a marche \u2014 d\u00e9j\u00e0 vu",
     "The boats came in at dawn. The nets were full.", "published",
     "2019-05-03T09:00:00Z", "world", '{"wordpress":{"id":101}}'),
    ("untitled", "(untitled)", "", "draft", "2019-06-01T10:00:00Z",
     "culture", '{"wordpress":{"id":102}}'),
    ("next-years-tides", "Next year's tides", "What the tables say.",
     "scheduled", "2030-01-01T08:00:00Z", "world",
     '{"wordpress":{"id":103}}'),
    ("staff-only", "Staff only", "", "draft", "2019-05-10T08:00:00Z",
     "world", '{"wordpress":{"id":104,"private":true}}'),
    ("for-subscribers", "For subscribers", "", "draft",
     "2019-05-11T08:00:00Z", "world",
     '{"wordpress":{"id":105,"password_protected":true}}'),
    ("blocks-and-pins", "Blocks and pins", "A sticky post.", "published",
     "2019-05-12T08:00:00Z", "culture",
     '{"wordpress":{"id":106,"sticky":true}}'),
    ("breaking-news-views", "Breaking: news & views", "", "published",
     "2019-05-13T08:00:00Z", "sport", '{"wordpress":{"id":107}}'),
    ("about", "About us", "", "published", "2019-05-01T08:00:00Z", "pages",
     '{"wordpress":{"id":108,"type":"page"}}'),
    ("about-2", "About the about page", "", "published",
     "2019-05-14T08:00:00Z", "world", '{"wordpress":{"id":110}}'),
    ("a-bad-date", "A bad date", "", "published", "2019-05-15T08:00:00Z",
     "world", '{"wordpress":{"id":111}}'),
]


def wxr12(tmp):
    db = fresh(tmp, "wxr12")
    src = os.path.join(DATA, "wxr12.xml")
    rc, out, err = run(db, "--uploads", UPLOADS, src)
    check_eq("1.2: exit 0", rc, 0)
    t = harness.report_table(out)
    check_eq("1.2: posts (new, changed, unchanged, skipped)",
             t.get("posts"), [9, 0, 0, 1])
    check_eq("1.2: pages", t.get("pages"), [1, 0, 0, 0])
    check_eq("1.2: people", t.get("people"), [3, 0, 0, 0])
    check_eq("1.2: comments", t.get("comments"), [4, 0, 0, 0])
    check_eq("1.2: attachments", t.get("attachments"), [2, 0, 0, 2])
    check_eq("1.2: sections", t.get("sections"), [4, 0, 0, 0])
    check_eq("1.2: other items", t.get("other items"), [0, 0, 0, 1])
    check_eq("1.2: redirects", t.get("redirects"), [43, 0, 0, 0])
    for note in ("file: 1 WXR 1.2 (The Harbour Review)",
                 "shortcodes: 1 [contact-form-7] not converted",
                 "shortcodes: 2 [footnote] not converted",
                 "posts: 1 empty title, imported as \"(untitled)\" (102)",
                 "posts: 1 password-protected, imported as a draft (105)",
                 "title cleaned of HTML or stray characters (Breaking: "
                 "news & views)",
                 "posts: 1 <script> dropped from a body (107)",
                 "slug taken by another article, numbered (about -> "
                 "about-2)",
                 "categories: 1 category not declared in the file, made "
                 "(Sport)",
                 "tags: 1 tag not declared in the file, made (Harbours)",
                 "people: 1 name cleaned of stray characters (HTML, control"
                 " characters, blanks) (Bob Stone)",
                 "bad wp:post_date_gmt, another date used (2019-13-45",
                 "posts: 1 status trash not imported (109)",
                 "other items: 1 post type nav_menu_item not imported (300)",
                 "attachments: 1 file not an image or PDF Octavo keeps "
                 "(2019/05/notes.txt)",
                 "attachments: 1 file not found in the uploads folder "
                 "(2019/05/missing.png)",
                 "shortcodes: 1 [caption] made a figure",
                 "shortcodes: 1 [gallery] made figures"):
        check_in("1.2: the report says %s" % note, note, out)
    check("1.2: [sic] is no shortcode", "[sic]" not in out, out)
    check("1.2: progress lines on standard error",
          "items: 16 of 16 (100%)" in err, err[-500:])

    check_eq("1.2: the articles, exactly", articles(db), WANT12)
    check_eq("1.2: people", sql(db, "SELECT slug, name FROM people ORDER"
                                " BY id"),
             [("alice", "Alice Martin"), ("bob", "Bob Stone"),
              ("zoe", "Zo\u00e9 Lef\u00e8vre")])
    check_eq("1.2: authors of the articles",
             sql(db, "SELECT a.slug, p.slug FROM article_authors x JOIN"
                 " articles a ON a.id = x.article_id JOIN people p ON p.id ="
                 " x.person_id WHERE a.slug IN ('next-years-tides',"
                 " 'breaking-news-views', 'about') ORDER BY a.id"),
             [("next-years-tides", "zoe"), ("breaking-news-views", "bob"),
              ("about", "alice")])
    check_eq("1.2: nested categories: the top one the section, the rest "
             "tags", tags_of(db, "\u00e7a-marche-deja-vu"),
             ["France", "Europe", "Climate", "Harbours"])
    check_eq("1.2: a child category (wp:term) and a percent-encoded tag",
             tags_of(db, "blocks-and-pins"), ["Letters", "\u00c9conomie"])
    check_eq("1.2: the sections", sql(db, "SELECT slug, name FROM sections"
                                      " ORDER BY slug"),
             [("culture", "Culture & Arts"), ("pages", "Pages"),
              ("sport", "Sport"), ("world", "World")])
    check_eq("1.2: comments, threaded and hidden",
             sql(db, "SELECT c.id, c.parent_id, c.author_name, c.body,"
                 " c.created_at, c.status FROM comments c ORDER BY c.id"),
             [(1, None, "Marie", "Lovely piece.\n\nA second paragraph.",
               "2019-05-03T09:30:00Z",
               "approved"),
              (2, 1, "Alice Martin", "Thank you, Marie.",
               "2019-05-03T10:00:00Z", "approved"),
              (3, 2, "Jean", "A reply to the reply.",
               "2019-05-03T11:00:00Z", "approved"),
              (4, None, "Cheap pills", "Buy now", "2019-05-03T22:00:00Z",
               "spam")])
    media = sql(db, "SELECT name, filename, type, size, width, height, alt"
                " FROM media ORDER BY id")
    check_eq("1.2: media rows", [m[1:] for m in media],
             [("harbour.png", "image/png", 73, 4, 3, "The harbour at dawn"),
              ("lighthouse.png", "image/png", 73, 2, 5, "")])
    mdir = os.path.join(os.path.dirname(db), "media")
    for m, orig in zip(media, ("harbour.png", "lighthouse.png")):
        check("1.2: %s copied as %s" % (orig, m[0]),
              re.match(r"^[0-9a-f]{32}\.png$", m[0]) is not None and
              filecmp.cmp(os.path.join(mdir, m[0]),
                          os.path.join(UPLOADS, "2019", "05", orig),
                          shallow=False))
    harbour, light = media[0][0], media[1][0]
    b = body_of(db, "\u00e7a-marche-deja-vu")
    for part in (
            "<p>The boats came in at dawn.<br>\nThe nets were full.</p>",
            '<figure><img src="/media/%s" alt="The harbour" width="300" '
            'height="200"><figcaption>The harbour at dawn</figcaption>'
            '</figure>' % harbour,
            '<figure><img src="/media/%s" alt="The harbour at dawn">'
            '<figcaption>Harbour at dawn</figcaption></figure><figure>'
            '<img src="/media/%s" alt=""></figure>' % (harbour, light),
            '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" '
            'rel="nofollow noopener">https://www.youtube.com/watch?v='
            'dQw4w9WgXcQ</a></p>',
            '<p><a href="https://vimeo.com/76979871" rel="nofollow '
            'noopener">https://vimeo.com/76979871</a></p>',
            "<p>Write to us: [contact-form-7 id=&quot;5&quot; title=&quot;"
            "Contact&quot;]</p>",
            "<pre>\nline one\n\nline three\n</pre>",
            "<ul>\n<li>first</li>\n<li>second</li>\n</ul>",
            '<p>A last line with <a href="/media/%s" rel="nofollow '
            'noopener">the lighthouse</a>.</p>' % light):
        check_in("1.2: classic body: %s" % part[:50].replace("\n", " "),
                 part, b)
    check("1.2: no comment left (<!--more-->)", "<!--" not in b, b)
    g = body_of(db, "blocks-and-pins")
    check("1.2: Gutenberg: block comments gone, no paragraphs added",
          "wp:" not in g and g.count("<p>") == 1, g)
    check_in("1.2: Gutenberg: the image's upload rewritten",
             '<img src="/media/%s" alt="">' % light, g)
    check_in("1.2: Gutenberg: the embed's URL a link",
             '<a href="https://twitter.com/example/status/1"', g)
    check_eq("1.2: the script dropped",
             body_of(db, "breaking-news-views"), "<p>Score: 3-1.</p>\n")

    with harness.Server(db=db) as srv:
        st, h, page = srv.get("/articles/%C3%A7a-marche-deja-vu")
        check_eq("1.2: the article's page", st, 200)
        text = harness.text_of(page)
        check_in("1.2: page: the title", "\u00c7a marche \u2014 d\u00e9j\u00e0"
                 " vu", text)
        check_in("1.2: page: the figure", ('src="/media/%s"' %
                                           harbour).encode(), page)
        check_in("1.2: page: the caption", "The harbour at dawn", text)
        check("1.2: page: the author", "Alice Martin" in text, text[:300])
        st, h, data = srv.get("/media/" + harbour)
        check("1.2: the copied file is served", st == 200 and data ==
              open(os.path.join(UPLOADS, "2019", "05", "harbour.png"),
                   "rb").read())
        for old, want in (
                ("/?p=101", "/articles/\u00e7a-marche-deja-vu"),
                ("/2019/05/03/%c3%a7a-marche-deja-vu/",
                 "/articles/\u00e7a-marche-deja-vu"),
                ("/?page_id=108", "/articles/about"),
                ("/?p=108", "/articles/about"),
                ("/2019/05/14/about/", "/articles/about-2"),
                ("/?p=106", "/articles/blocks-and-pins"),
                ("/category/world/", "/sections/world"),
                ("/category/world/europe/france/", "/tags/france"),
                ("/category/culture/letters/", "/tags/letters"),
                ("/category/sport/", "/sections/sport"),
                ("/tag/climate/", "/tags/climate"),
                ("/?tag=climate", "/tags/climate"),
                ("/?cat=3", "/tags/europe"),
                ("/?cat=2", "/sections/world"),
                ("/tag/%c3%a9conomie/", "/tags/economie"),
                ("/author/alice/", "/authors/alice"),
                ("/?author=2", "/authors/bob")):
            st, loc = moved(srv, old)
            check("1.2: %s -> 301 %s" % (old, want),
                  st == 301 and loc.endswith(want), "%r %r" % (st, loc))
        for old in ("/?p=104", "/?p=105", "/?p=102", "/?p=103"):
            st, loc = moved(srv, old)
            check("1.2: %s (not published) has no 301" % old, st != 301,
                  "%r %r" % (st, loc))
        st, loc = moved(srv, "/about/")
        check("1.2: /about/ is the journal's own page, not the old one",
              st == 301 and loc.endswith("/about"), "%r %r" % (st, loc))
        # The editor keeps an imported UTF-8 slug on a save.
        user_add(db, "ed@example.org", "editor", "editor password 9")
        c = Client(srv)
        c.login("ed@example.org", "editor password 9")
        aid = sql(db, "SELECT id FROM articles WHERE slug = ?",
                  ("\u00e7a-marche-deja-vu",))[0][0]
        form = form_values(c.get("/admin/articles/%d" % aid)[2])
        check_eq("1.2: the editor shows the imported slug",
                 form.get("slug"), "\u00e7a-marche-deja-vu")
        form["title"] = "\u00c7a marche encore"
        st, h, body = c.post("/admin/articles/%d" % aid, form)
        check_eq("1.2: the editor saves it: 303", st, 303)
        check_eq("1.2: slug and format kept", sql(
            db, "SELECT a.slug, a.title, b.format FROM articles a JOIN"
            " article_bodies b ON b.article_id = a.id WHERE a.id = ?",
            (aid,)), [("\u00e7a-marche-deja-vu", "\u00c7a marche encore",
                       "html")])
        form["slug"] = "\u00e7a-autre"
        st, h, body = c.post("/admin/articles/%d" % aid, form)
        check_eq("1.2: a new UTF-8 slug is still refused", st, 422)
        form["slug"] = "\u00e7a-marche-deja-vu"
        form["title"] = WANT12[0][1]
        form["version"] = str(sql(db, "SELECT version FROM articles WHERE"
                                  " id = ?", (aid,))[0][0])
        st, h, body = c.post("/admin/articles/%d" % aid, form)
        check_eq("1.2: the title put back: 303", st, 303)
        st, h, page = srv.get("/articles/for-subscribers")
        check_eq("1.2: a password-protected post is not served", st, 404)

    before = dump(db)
    files = sorted(os.listdir(mdir))
    rc, out, err = run(db, "--uploads", UPLOADS, src)
    t = harness.report_table(out)
    check_eq("1.2 again: exit 0", rc, 0)
    check("1.2 again: nothing new or changed",
          all(v[0] == 0 and v[1] == 0 for v in t.values()) and
          t.get("posts") == [0, 0, 9, 1] and
          t.get("comments") == [0, 0, 4, 0] and
          t.get("redirects") == [0, 0, 43, 0], out)
    check("1.2 again: the database is as it was", dump(db) == before)
    check_eq("1.2 again: no new media file", sorted(os.listdir(mdir)),
             files)

    changed = os.path.join(tmp, "wxr12-changed.xml")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    with open(changed, "w", encoding="utf-8") as f:
        f.write(text.replace("<![CDATA[Next year's tides]]>",
                             "<![CDATA[Next year's high tides]]>"))
    rc, out, err = run(db, "--uploads", UPLOADS, changed)
    t = harness.report_table(out)
    check_eq("1.2 changed: one post changed", t.get("posts"), [0, 1, 8, 1])
    check_eq("1.2 changed: its title", sql(
        db, "SELECT title, slug FROM articles WHERE slug ="
        " 'next-years-tides'"), [("Next year's high tides",
                                  "next-years-tides")])


def wxr11(tmp):
    db = fresh(tmp, "wxr11")
    media = os.path.join(tmp, "media11")
    rc, out, err = run(db, "--categories", "tags", "--timezone",
                       "Europe/Kyiv", "--uploads", UPLOADS, "--media", media,
                       os.path.join(DATA, "wxr11.xml"))
    check_eq("1.1: exit 0", rc, 0)
    t = harness.report_table(out)
    check_eq("1.1: posts", t.get("posts"), [2, 0, 0, 0])
    check_eq("1.1: comments", t.get("comments"), [2, 0, 0, 0])
    check_eq("1.1: attachments", t.get("attachments"), [1, 0, 0, 0])
    check_in("1.1: the version", "WXR 1.1 (Kyiv Notes)", out)
    check_in("1.1: [audio] listed", "[audio] not converted", out)
    check_eq("1.1: articles", articles(db), [
        ("\u0437\u0438\u043c\u0430-\u0456-\u0433\u0430\u0437",
         "\u0417\u0438\u043c\u0430 \u0456 \u0433\u0430\u0437",
         "\u041a\u043e\u0440\u043e\u0442\u043a\u043e.", "published",
         "2014-01-20T10:00:00Z", "articles", '{"wordpress":{"id":5}}'),
        ("pending-review", "Pending review", "", "draft",
         "2014-07-15T06:00:00Z", "articles",
         '{"wordpress":{"id":6,"pending":true}}')])
    check_eq("1.1: every category a tag (--categories tags)",
             tags_of(db, "\u0437\u0438\u043c\u0430-\u0456-\u0433\u0430\u0437"),
             ["Energy", "Gas"])
    check_eq("1.1: a reply dated from local time (GMT 0000-00-00)",
             sql(db, "SELECT parent_id, created_at, status FROM comments"
                 " ORDER BY id"),
             [(None, "2014-01-20T11:00:00Z", "approved"),
              (1, "2014-01-20T12:00:00Z", "pending")])
    name = sql(db, "SELECT name FROM media")[0][0]
    check("1.1: the file in --media's folder", os.path.isfile(
        os.path.join(media, name)) and not os.path.isdir(
        os.path.join(os.path.dirname(db), "media")))
    b = body_of(db, "\u0437\u0438\u043c\u0430-\u0456-\u0433\u0430\u0437")
    check_in("1.1: [gallery] without ids: the post's attachments",
             '<figure><img src="/media/%s" alt=""><figcaption>Imports by '
             'month</figcaption></figure>' % name, b)
    check_in("1.1: paragraphs and a line break",
             "<p>\u0414\u0440\u0443\u0433\u0438\u0439 \u0430\u0431\u0437"
             "\u0430\u0446,<br>\n", b)
    with harness.Server(db=db) as srv:
        for old, want in (
                ("/blog/?p=5", "/articles/\u0437\u0438\u043c\u0430-\u0456-"
                 "\u0433\u0430\u0437"),
                ("/blog/2014/01/20/%d0%b7%d0%b8%d0%bc%d0%b0-%d1%96-%d0%b3%d0"
                 "%b0%d0%b7/", "/articles/\u0437\u0438\u043c\u0430-\u0456-"
                 "\u0433\u0430\u0437"),
                ("/blog/category/analysis/energy/", "/tags/energy"),
                ("/blog/author/olena/", "/authors/olena")):
            st, loc = moved(srv, old)
            check("1.1: %s -> 301 %s" % (old, want),
                  st == 301 and loc.endswith(want), "%r %r" % (st, loc))
        st, h, page = srv.get("/articles/%D0%B7%D0%B8%D0%BC%D0%B0-%D1%96-"
                              "%D0%B3%D0%B0%D0%B7")
        check("1.1: the Cyrillic slug's page", st == 200 and
              "\u0417\u0438\u043c\u0430 \u0456 \u0433\u0430\u0437" in
              harness.text_of(page))


def wxr10(tmp):
    db = fresh(tmp, "wxr10")
    rc, out, err = run(db, os.path.join(DATA, "wxr10.xml"))
    check_eq("1.0: exit 0", rc, 0)
    t = harness.report_table(out)
    check_eq("1.0: posts", t.get("posts"), [3, 0, 0, 0])
    check_in("1.0: a long title cut", "title cut to the editor's 300 "
             "bytes (5)", out)
    check_in("1.0: a long excerpt cut", "dek cut to the editor's 1,000 "
             "bytes (5)", out)
    check_eq("1.0: people (from dc:creator, one login)", t.get("people"),
             [1, 0, 0, 0])
    check_in("1.0: the version", "WXR 1.0 (Old Letters)", out)
    check_in("1.0: the malformed creator reported",
             "login cleaned of stray characters (Hans)", out)
    check_in("1.0: authors made from dc:creator",
             "author not declared in the file, made from dc:creator", out)
    lang = articles(db)[2]
    check("1.0: the cut title: at most 300 bytes, at a word, an ellipsis",
          len(lang[1].encode()) <= 300 and
          re.search(r"^(Langer Titel ?)*Langer\u2026$", lang[1]) is not None,
          lang[1])
    check("1.0: the cut dek: at most 1,000 bytes",
          len(lang[2].encode()) <= 1000 and lang[2].endswith("\u2026"),
          lang[2])
    check_eq("1.0: articles", articles(db)[:2], [
        ("uber-den-fruhling", "\u00dcber den Fr\u00fchling", "",
         "published", "2008-03-21T08:00:00Z", "essays",
         '{"wordpress":{"id":3}}'),
        ("notizen", "Notizen", "", "draft", "2008-03-22T08:00:00Z",
         "essays", '{"wordpress":{"id":4,"private":true}}')])
    check_eq("1.0: people", sql(db, "SELECT slug, name FROM people"),
             [("hans", "Hans")])
    check_eq("1.0: tags (domain tag), the child category a tag",
             tags_of(db, "uber-den-fruhling"),
             ["Short essays", "Spring", "Weather"])
    check_in("1.0: an old caption=\"\" attribute",
             "<figcaption>Ein Baum</figcaption></figure>",
             body_of(db, "uber-den-fruhling"))


def refused(tmp):
    db = fresh(tmp, "refused")
    before = dump(db)
    for name in ("xxe.xml", "laughs.xml"):
        rc, out, err = run(db, os.path.join(DATA, name))
        check_eq("%s: exit 1" % name, rc, 1)
        check_in("%s: refused for its document type declaration" % name,
                 "a document type declaration", err)
        check("%s: nothing of /etc/passwd shown" % name,
              "root:" not in out + err)
    check("refused files: the database is as it was", dump(db) == before)

    bad = os.path.join(tmp, "cut.xml")
    with open(os.path.join(DATA, "wxr12.xml"), encoding="utf-8") as f:
        text = f.read()
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text[:text.index("<title><![CDATA[Staff only")])
    rc, out, err = run(db, bad)
    check_eq("a cut file: exit 1", rc, 1)
    check("a cut file: where and why", re.search(r"cut\.xml: line \d+: ",
                                                 err) is not None, err)
    check("a cut file: nothing imported (the first pass reads it all)",
          dump(db) == before and "stopped" in out, out)
    page = os.path.join(tmp, "page.html")
    with open(page, "w") as f:
        f.write("<html><body>not an export</body></html>")
    rc, out, err = run(db, page)
    check("an HTML file: exit 1, not WXR", rc == 1 and "not <rss>" in err,
          err)
    rc, out, err = run(db, os.path.join(tmp, "none.xml"))
    check("a missing file: exit 1, said", rc == 1 and "cannot be read" in
          err, err)
    rc, out, err = run(db, "--categories", "folders", bad)
    check_eq("a bad --categories: exit 2", rc, 2)
    rc, out, err = run(db)
    check("no file: exit 2 and the usage", rc == 2 and "usage: octavo "
          "import wordpress" in err, err)
    rc, out, err = run(db, "--help")
    check("--help: exit 0 and the usage", rc == 0 and "--categories "
          "sections|tags" in out, out)
    p = subprocess.run([harness.BIN, "import", "--help"],
                       capture_output=True, text=True)
    check("octavo import --help lists wordpress", p.returncode == 0 and
          "wordpress" in p.stdout, p.stdout)
    rc, out, err = run(db, "--timezone", "Mars/Olympus",
                       os.path.join(DATA, "wxr10.xml"))
    check("an unknown time zone: exit 1, said", rc == 1 and
          "Mars/Olympus" in err, err)


def peak_rss_kb(err):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return int(m.group(1)) if m else 0


def generated(tmp):
    """Counts of a generated export, and memory that does not grow with
    it: the peak RSS of 10,000 posts against that of 1,000."""
    asan = os.environ.get("ASAN_OPTIONS", "")
    env = {"ASAN_OPTIONS": (asan + ":" if asan else "") +
           "quarantine_size_mb=4"}
    rss = {}
    for n in (1000, 10000):
        xml = os.path.join(tmp, "gen%d.xml" % n)
        counts = json.loads(subprocess.run(
            [sys.executable, os.path.join(DATA, "gen_wxr.py"), str(n), xml],
            check=True, capture_output=True, text=True).stdout)
        db = fresh(tmp, "gen%d" % n)
        full = dict(os.environ)
        full.update(env)
        p = subprocess.run(["/usr/bin/time", "-v", harness.BIN, "import",
                            "wordpress", "--db", db, xml],
                           capture_output=True, text=True, env=full)
        check_eq("generated %d: exit 0" % n, p.returncode, 0)
        t = harness.report_table(p.stdout)
        check_eq("generated %d: posts" % n, t.get("posts"),
                 [counts["posts"], 0, 0, 0])
        check_eq("generated %d: pages" % n, t.get("pages"),
                 [counts["pages"], 0, 0, 0])
        check_eq("generated %d: comments" % n, t.get("comments"),
                 [counts["comments"], 0, 0, 0])
        check_eq("generated %d: rows" % n, sql(
            db, "SELECT count(*), sum(status = 'draft') FROM articles")[0],
            (counts["posts"] + counts["pages"], counts["drafts"]))
        check_eq("generated %d: threaded replies" % n, sql(
            db, "SELECT count(*) FROM comments WHERE parent_id IS NOT"
            " NULL")[0][0], n // 20)
        rss[n] = peak_rss_kb(p.stderr)
        print("# generated %d posts (%d bytes): peak RSS %d KiB" % (
            n, os.path.getsize(xml), rss[n]))
        os.unlink(xml)
    check("generated: peak RSS at 10x the posts under 1.5x (%d vs %d KiB)"
          % (rss[10000], rss[1000]),
          0 < rss[10000] < rss[1000] * 1.5)


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-wxr-")
    try:
        wxr12(tmp)
        wxr11(tmp)
        wxr10(tmp)
        refused(tmp)
        generated(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    harness.done()


if __name__ == "__main__":
    main()
