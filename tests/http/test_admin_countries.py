"""Suggested countries (issue 8): the countries an article's text names
that it does not list, kept at import for an editor to confirm.

A Hugo folder written here is imported (octavo import markdown): the
report counts the suggestions, the rows hold them with the words that
named each, a second run changes nothing.  Then the real server's review
page (/admin/countries/review) as an editor: an author is refused, a
POST without its CSRF token too; confirming adds the ticked countries
(a new revision, audited) and drops the unticked ones, dismissing drops
them all, the bulk buttons decide for the selected articles.  An
author's save records suggestions, an editor's save of the form clears
them, an API save (an editor's token) records them.  The JSON export carries them; a file without them gets them made
again.  In Chromium (tests/browser/admin_countries.mjs): the page at
1280 and 390 px, a decision made by clicking, no script needed.
"""
import os
import re
import shutil
import tempfile

import harness
from harness import check, check_eq, check_in, done
import test_admin_auth as t

NOW = "2026-11-25T00:00:00Z"
PW = "countries test password"
REVIEW = "/admin/countries/review"

# name: (front matter lines, body)
POSTS = {
    "steppe.md": ('title: "The Kazakh Steppe"\nslug: the-kazakh-steppe\n'
                  'countries: [KZ]\n',
                  "Kazakhstan's oil and Uzbek cotton; the Uzbeks "
                  "trade.\n"),
    "border.md": ('title: "On the Border"\nslug: on-the-border\n',
                  "Tajik traders and an Afghan market.\n"),
    "letter.md": ('title: "A Letter"\nslug: a-letter\n',
                  "The French press wrote.\n"),
    "quiet.md": ('title: "Nothing Named"\nslug: nothing-named\n',
                 "Plain text only.\n"),
}

run = harness.run_cli
sql = harness.db_rows


def hugo_site(tmp):
    site = os.path.join(tmp, "site")
    posts = os.path.join(site, "content", "posts")
    os.makedirs(posts)
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write('title = "Old"\n')
    for name, (fm, body) in POSTS.items():
        with open(os.path.join(posts, name), "w") as f:
            f.write("---\n%sdate: 2024-03-01T10:00:00Z\n"
                    "categories: [Analysis]\n---\n%s" % (fm, body))
    return site


def suggestions(db):
    return sql(db, "SELECT a.slug, s.code, s.words FROM"
               " article_country_suggestions s JOIN articles a"
               " ON a.id = s.article_id ORDER BY a.slug, s.code")


def countries(db, slug):
    return [r[0] for r in sql(db, "SELECT x.code FROM article_countries x"
                              " JOIN articles a ON a.id = x.article_id"
                              " WHERE a.slug = ? ORDER BY x.code", (slug,))]


def import_part(tmp):
    db = os.path.join(tmp, "j.db")
    site = hugo_site(tmp)
    p = run("import", "markdown", "--db", db, "--now", NOW, site)
    check_eq("import exits 0", p.returncode, 0)
    check_in("the report counts the suggestions",
             "countries suggested: 3 articles, 4 suggestions", p.stdout)
    want = [("a-letter", "FR", "French"), ("on-the-border", "AF", "Afghan"),
            ("on-the-border", "TJ", "Tajik"),
            ("the-kazakh-steppe", "UZ", "Uzbek, Uzbeks")]
    check_eq("the suggestions kept, with their words", suggestions(db), want)
    check_eq("a country the article lists is not suggested",
             countries(db, "the-kazakh-steppe"), ["KZ"])
    p = run("import", "markdown", "--db", db, "--now", NOW, site)
    check_eq("a second import: unchanged", harness.report_table(
        p.stdout).get("files"), [0, 0, 4, 0])
    check("a second import suggests nothing new",
          "countries suggested" not in p.stdout, p.stdout)
    check_eq("a second import leaves the suggestions", suggestions(db),
             want)
    return db


def ids(srv):
    return {r[0]: r[1] for r in srv.sql("SELECT slug, id FROM articles")}


def review_part(srv):
    t.user_add(srv.db, "ed@example.org", "editor", PW)
    t.user_add(srv.db, "au@example.org", "author", PW)
    au = t.Client(srv, "127.0.0.2")
    au.login("au@example.org", PW)
    st, h, body = au.get(REVIEW)
    check_eq("an author may not review", st, 403)
    ed = t.Client(srv, "127.0.0.3")
    ed.login("ed@example.org", PW)
    st, h, body = ed.get(REVIEW)
    check_eq("the review page answers an editor", st, 200)
    text = harness.text_of(body)
    check_in("it counts them", "3 articles, 4 suggestions", text)
    check_in("it names the country and the words",
             "Uzbekistan (UZ) named as \u201cUzbek, Uzbeks\u201d", text)
    check_in("the nav leads there", 'href="%s"' % REVIEW, body)
    check_eq("a page past the last: 404", ed.get(REVIEW + "?page=99")[0],
             404)
    check_eq("a page that is no number: 400",
             ed.get(REVIEW + "?page=x")[0], 400)
    i = ids(srv)
    boxes = re.findall(r'name="s" value="([0-9]+:[A-Z]{2})" checked', body)
    check_eq("a ticked box a suggestion", sorted(boxes), sorted(
        ["%d:FR" % i["a-letter"], "%d:AF" % i["on-the-border"],
         "%d:TJ" % i["on-the-border"], "%d:UZ" % i["the-kazakh-steppe"]]))
    tok = ed.csrf(REVIEW)
    st, h, body = ed.post(REVIEW, {"confirm": str(i["a-letter"]),
                                   "s": "%d:FR" % i["a-letter"]})
    check_eq("a POST without its CSRF token is refused", st, 403)
    check_eq("and changes nothing", countries(srv.db, "a-letter"), [])
    revs = srv.sql("SELECT count(*) FROM revisions WHERE article_id = ?",
                   (i["the-kazakh-steppe"],))[0][0]
    # One article's button: its ticked box added.
    st, h, body = ed.post(REVIEW, [("csrf", tok),
                                   ("s", "%d:UZ" % i["the-kazakh-steppe"]),
                                   ("s", "%d:FR" % i["a-letter"]),
                                   ("confirm", str(i["the-kazakh-steppe"]))])
    check_eq("confirm: a redirect", (st, t.loc(h)),
             (303, REVIEW + "?done=countries-confirmed"))
    check_eq("confirm: the country added", countries(
        srv.db, "the-kazakh-steppe"), ["KZ", "UZ"])
    check_eq("confirm: a new revision", srv.sql(
        "SELECT count(*) FROM revisions WHERE article_id = ?",
        (i["the-kazakh-steppe"],))[0][0], revs + 1)
    check_eq("confirm: only that article decided", countries(
        srv.db, "a-letter"), [])
    check_eq("confirm: audited", srv.sql(
        "SELECT object FROM audit WHERE action = 'countries confirmed'"),
        [("the-kazakh-steppe: added UZ",)])
    # The bulk button: the selected articles, their ticked boxes only.
    st, h, body = ed.post(REVIEW, [("csrf", tok),
                                   ("article", str(i["on-the-border"])),
                                   ("s", "%d:TJ" % i["on-the-border"]),
                                   ("s", "%d:FR" % i["a-letter"]),
                                   ("bulk", "confirm")])
    check_eq("bulk confirm: a redirect", st, 303)
    check_eq("bulk confirm: the ticked one added, the other dropped",
             (countries(srv.db, "on-the-border"), [
                 r[1] for r in suggestions(srv.db)
                 if r[0] == "on-the-border"]), (["TJ"], []))
    check_eq("bulk confirm: an unselected article left alone",
             [r[1] for r in suggestions(srv.db)], ["FR"])
    st, h, body = ed.post(REVIEW, [("csrf", tok), ("bulk", "dismiss")])
    check_eq("bulk with nothing selected: said so", st, 422)
    st, h, body = ed.post(REVIEW, [("csrf", tok), ("s", "99:FR"),
                                   ("confirm", "abc")])
    check_eq("a button without an article: said so", st, 400)
    st, h, body = ed.post(REVIEW, [("csrf", tok),
                                   ("dismiss", str(i["a-letter"])),
                                   ("s", "%d:FR" % i["a-letter"])])
    check_eq("dismiss: a redirect", (st, t.loc(h)),
             (303, REVIEW + "?done=countries-dismissed"))
    check_eq("dismiss: nothing added, nothing left",
             (countries(srv.db, "a-letter"), suggestions(srv.db)), ([], []))
    check_eq("dismiss: audited", srv.sql(
        "SELECT object FROM audit WHERE action = 'countries dismissed'"),
        [("a-letter: dismissed FR",)])
    st, h, body = ed.post(REVIEW, [("csrf", tok),
                                   ("dismiss", str(i["a-letter"]))])
    check_eq("deciding again: nothing left to do", t.loc(h),
             REVIEW + "?done=countries-none")
    st, h, body = ed.get(REVIEW)
    check_in("the empty page says so", "Nothing to review",
             harness.text_of(body))
    return au, ed


def save_part(srv, au, ed):
    import test_admin_articles as ta
    st, h, body = ta.new_article(au, title="Notes From Santiago",
                                 body="A Chilean port.")
    aid = ta.id_of(h)
    check_eq("an author's save keeps what its text names", srv.sql(
        "SELECT code, words FROM article_country_suggestions"
        " WHERE article_id = ?", (aid,)), [("CL", "Chilean")])
    st, h, body = ed.get("/admin/articles/%d" % aid)
    form = ta.form_values(body)
    st, h, body = ed.post("/admin/articles/%d" % aid, form)
    check_eq("an editor's save of the form", st, 303)
    check_eq("clears them (the form showed them)", srv.sql(
        "SELECT count(*) FROM article_country_suggestions"
        " WHERE article_id = ?", (aid,)), [(0,)])
    # An API save, even with an editor's token: no form showed them.
    import hashlib
    import test_api_write as w
    uid = srv.sql("SELECT id FROM users WHERE email = 'ed@example.org'")[
        0][0]
    srv.sql_write("INSERT INTO api_tokens (hash, name, hint, user_id,"
                  " created_at) VALUES (?, 'desk script', 'x', ?, 1)",
                  (hashlib.blake2b(bytes.fromhex(w.TOKENS["editor"]),
                                   digest_size=32).hexdigest(), uid))
    sec = srv.sql("SELECT slug FROM sections ORDER BY id LIMIT 1")[0][0]
    st, h, doc = w.send(srv, "POST", w.API, "editor", {
        "title": "From Lima", "body": "A Peruvian port.", "section": sec})
    check_eq("an API save: 201", st, 201)
    check_eq("an API save keeps what its text names", srv.sql(
        "SELECT s.code, s.words FROM article_country_suggestions s"
        " JOIN articles a ON a.id = s.article_id WHERE a.title = ?",
        ("From Lima",)), [("PE", "Peruvian")])
    srv.sql_write("DELETE FROM article_country_suggestions")


def export_part(tmp, db):
    a = os.path.join(tmp, "a.json")
    p = run("export", "json", "--db", db, a)
    check_eq("export exits 0", p.returncode, 0)
    with open(a) as f:
        text = f.read()
    check_in("the export has the list", '"country_suggestions":[', text)
    db2 = os.path.join(tmp, "k.db")
    p = run("import", "json", "--db", db2, a)
    check_eq("import json exits 0", p.returncode, 0)
    check_eq("the suggestions come back", suggestions(db2), suggestions(db))
    # An export without the list (an older one): made again.
    b = os.path.join(tmp, "b.json")
    with open(b, "w") as f:
        f.write(re.sub(r'"country_suggestions":\[\n(.*\n)*?\],?\n', "",
                       text))
    db3 = os.path.join(tmp, "l.db")
    p = run("import", "json", "--db", db3, b)
    check_eq("import json without the list exits 0", p.returncode, 0)
    check_eq("the suggestions made from the texts", suggestions(db3),
             suggestions(db))
    check_in("and counted", "countries suggested: 3 articles, 4 "
             "suggestions", p.stdout)


def browser_part(srv, ed_email):
    if not harness.browser_ready("countries", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    # Two articles with suggestions again, for the page to show.
    i = ids(srv)
    srv.sql_write("INSERT INTO article_country_suggestions (article_id,"
                  " code, words) VALUES (?, 'FR', 'French'),"
                  " (?, 'AF', 'Afghan'), (?, 'PK', 'Pakistani')",
                  (i["a-letter"], i["on-the-border"], i["on-the-border"]))
    base = "http://127.0.0.1:%d" % srv.port
    lines = harness.run_browser("admin_countries.mjs", [
        base, ed_email, PW, shots], "countries")
    check("countries: the browser ran every step", len(lines) >= 8,
          "%d results" % len(lines))
    harness.check_screenshots(shots, ["admin-countries-review"])
    check_eq("countries: the browser's decisions stored",
             (countries(srv.db, "a-letter"), countries(srv.db,
              "on-the-border"), suggestions(srv.db)),
             (["FR"], ["AF", "TJ"], []))


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-countries-")
    try:
        db = import_part(tmp)
        export_part(tmp, db)
        with harness.Server(db=db) as srv:
            au, ed = review_part(srv)
            save_part(srv, au, ed)
            browser_part(srv, "ed@example.org")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
done()
