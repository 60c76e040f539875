"""The article page after the text, through the real server: the read
count's wording ("Read once", "Read 1,234 times", never "Read 1
times"), the author cards in byline order, the previous and next
article of the issue (none at its ends, none outside an issue, checked
against the issue page's own order), related articles (what shares most
tags, countries and authors first; never the article, its neighbours or
one twice, on every published article), "Cite this article" and its
BibTeX, RIS and CSL-JSON downloads read by real parsers (Debian's
bibtexparser and pybtex, a strict RIS reader, Ajv against the official
CSL-JSON schema in tests/data/csl), share links whose addresses carry the
page's URL and title encoded, figures with captions, and the correction
note, shown in its box and edited in the back office and through the API.
The page with every feature goes through Chromium (tests/browser/
article.mjs): screenshots at 1280 and 390 px and on paper under
build/screenshots/, and what print hides.

feature_article() makes that page; test_vnu and test_axe check it too.
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import Client, EMAIL, PW, user_add  # noqa: E402

SCHEMA = os.path.join(harness.ROOT, "tests", "data", "csl", "csl-data.json")
TITLE = 'Grain, "Gas" & {Rock}: 50% of the Trade_Route in Zarithia'
CAPTION = "Figure 1: The border crossings of the Serin Basin in 2025."
ALT = "A map of the crossings"
NOTE = ("An earlier version of this article gave the wrong year for the "
        "customs reform: it was 2019, not 2016.")


def colour_png(w, h):
    """A real RGB PNG of w x h, a gradient (a picture, not a blank)."""
    def chunk(t, data):
        return (struct.pack(">I", len(data)) + t + data +
                struct.pack(">I", zlib.crc32(t + data) & 0xffffffff))
    rows = []
    for y in range(h):
        row = bytearray(b"\0")
        for x in range(w):
            row += bytes((40 + 120 * x // w, 90 + 80 * y // h, 120))
        rows.append(bytes(row))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"".join(rows))) +
            chunk(b"IEND", b""))


def media_url(c, name, w, h, alt):
    """Upload a picture as c; its /media/ address."""
    import test_admin_media as m
    m.upload(c, name, "image/png", colour_png(w, h), alt=alt)
    return "/media/" + c.srv.sql("SELECT name FROM media ORDER BY id DESC"
                                 " LIMIT 1")[0][0]


def editor(srv):
    """A signed-in editor's client (made once per server)."""
    if not getattr(srv, "article_editor", None):
        if not srv.sql("SELECT 1 FROM users WHERE email = ?",
                       (EMAIL["editor"],)):
            user_add(srv.db, EMAIL["editor"], "editor", PW["editor"])
        c = Client(srv, "127.0.0.61")
        c.login(EMAIL["editor"], PW["editor"])
        srv.article_editor = c
    return srv.article_editor


def save(c, aid=None, **fields):
    """Save an article through the editor's form (new when aid is None),
    the form's values replaced by fields; (status, id, body)."""
    import test_admin_articles as ta
    st, h, body = c.get("/admin/articles/new" if aid is None else
                        "/admin/articles/%d" % aid)
    form = ta.form_values(body)
    form.update({k: str(v) for k, v in fields.items()})
    st, h, body = c.post("/admin/articles" if aid is None else
                         "/admin/articles/%d" % aid, form)
    return st, ta.id_of(h) or aid, body


def feature_article(srv):
    """A published article with every feature of the page: two authors
    with photos and roles, a figure with its caption, tags and countries,
    a correction note, in the newest issue.  Returns its slug."""
    c = editor(srv)
    photo = media_url(c, "portrait.png", 96, 96, "")
    figure = media_url(c, "crossings.png", 640, 320, ALT)
    people = srv.sql("SELECT p.id, p.slug FROM people p WHERE EXISTS"
                     " (SELECT 1 FROM article_authors l"
                     " WHERE l.person_id = p.id) ORDER BY p.id LIMIT 2")
    srv.sql_write("UPDATE people SET photo = ?, role = 'Senior Fellow'"
                  " WHERE id = ?", (photo, people[0][0]))
    srv.sql_write("UPDATE people SET role = 'Contributing Editor'"
                  " WHERE id = ?", (people[1][0],))
    issue = srv.sql("SELECT id FROM issues WHERE status = 'published'"
                    " ORDER BY number DESC LIMIT 1")[0][0]
    sec = srv.sql("SELECT id FROM sections ORDER BY position LIMIT 1")[0][0]
    body = ("The crossings tell the story.\n\n"
            "![%s](%s \"%s\")\n\n"
            "Trade moved north after the ruling.\n\n"
            "![%s](%s)\n*Source: the customs office's "
            "[yearbook](https://example.org/yearbook)*\n\n"
            "The rest is arithmetic.\n" % (ALT, figure, CAPTION, ALT, figure))
    # Tags and countries the demo journal gives none of its articles.
    st, aid, page = save(c, title=TITLE, dek="Why the grain trade moved.",
                         body=body, section=sec, issue=issue,
                         author1=people[0][0], author2=people[1][0],
                         tags="Grain trade, Border management,"
                         " Customs unions", countries="KZ, TJ, AF",
                         status="published",
                         correction=NOTE, correction_kind="correction",
                         correction_date="2026-12-03")
    check_eq("the feature article is saved", st, 303)
    return srv.sql("SELECT slug FROM articles WHERE id = ?", (aid,))[0][0]


def page(srv, slug, source="127.0.0.1"):
    """The article page (status, body text) once the server has taken
    the last change up (its tick)."""
    for _ in range(100):
        st, h, body = srv.request("GET", "/articles/" + slug, source=source)
        if st == 200:
            break
        srv.pause(0.1)
    return st, body.decode()


def reads_shown(body):
    n = parse_html(body).find("p", "reads")
    return n.text() if n else None


def test_reads(srv):
    c = editor(srv)
    sec = srv.sql("SELECT id FROM sections ORDER BY id LIMIT 1")[0][0]
    st, aid, _ = save(c, title="Read Count Wording", body="Text.",
                      section=sec, status="published")
    slug = srv.sql("SELECT slug FROM articles WHERE id = ?", (aid,))[0][0]
    srv.pause(1.5)
    st, body = page(srv, slug, "127.0.0.71")
    check_eq("reads: the first read says once", reads_shown(body),
             "Read once")
    check("reads: never \"Read 1 times\"", "Read 1 times" not in body,
          reads_shown(body))
    st, body = page(srv, slug, "127.0.0.72")
    check_eq("reads: the second reader, twice", reads_shown(body),
             "Read twice")
    st, body = page(srv, slug, "127.0.0.73")
    check_eq("reads: the third, 3 times", reads_shown(body), "Read 3 times")
    # A large count (stored, then the page made again), read by a robot
    # so that nothing is added: separators.
    srv.pause(1.5)
    srv.sql_write("UPDATE article_reads SET reads = 12345 WHERE"
                  " article_id = ?", (aid,))
    srv.sql_write("UPDATE articles SET dek = 'Counted.' WHERE id = ?",
                  (aid,))
    for _ in range(100):
        st, h, body = srv.get("/articles/" + slug, headers={
            "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
        body = body.decode()
        if "Counted." in body:
            break
        srv.pause(0.1)
    check_eq("reads: thousands separated", reads_shown(body),
             harness.reads_text(12345))
    check_eq("reads: 12,345", reads_shown(body), "Read 12,345 times")


def issue_order(srv, number):
    """The article slugs of an issue in the issue page's order."""
    st, h, body = srv.get("/issues/%d" % number)
    main = parse_html(body.decode()).find("main")
    out = []
    for a in main.find_all("a"):
        m = re.fullmatch(r"/articles/([a-z0-9-]+)", a.attrs.get("href", ""))
        if m and m.group(1) not in out:
            out.append(m.group(1))
    return out


def nav_of(body):
    """(previous slug or None, next slug or None) of a page."""
    nav = parse_html(body).find("nav", attrs={"aria-label":
                                              "In this issue"})
    if nav is None:
        return None, None
    p = nav.find("a", "issue-nav-prev")
    n = nav.find("a", "issue-nav-next")
    slug = (lambda a: a.attrs["href"].rsplit("/", 1)[1] if a else None)
    return slug(p), slug(n)


def test_prev_next(srv):
    number = srv.sql("SELECT i.number FROM issues i JOIN articles a"
                     " ON a.issue_id = i.id AND a.status = 'published'"
                     " GROUP BY i.id HAVING count(*) >= 3"
                     " ORDER BY i.number LIMIT 1")[0][0]
    order = issue_order(srv, number)
    check("prev/next: the issue lists 3 or more", len(order) >= 3, order)
    for i, slug in enumerate(order):
        st, body = page(srv, slug)
        want = (order[i - 1] if i > 0 else None,
                order[i + 1] if i + 1 < len(order) else None)
        check_eq("prev/next: %d of %d in issue %d" % (i + 1, len(order),
                                                      number),
                 nav_of(body), want)
    st, body = page(srv, order[0])
    check("prev/next: the first has no previous", nav_of(body)[0] is None
          and "Previous in this issue" not in body, nav_of(body))
    st, body = page(srv, order[-1])
    check("prev/next: the last has no next", nav_of(body)[1] is None and
          "Next in this issue" not in body, nav_of(body))
    check_in("prev/next: titles shown", "Next in this issue",
             page(srv, order[0])[1])
    aid = harness.add_draft(srv, "in-no-issue", "In No Issue",
                            status="published")
    st, body = page(srv, "in-no-issue")
    check("prev/next: none outside an issue", st == 200 and
          "In this issue" not in body, st)
    srv.sql_write("DELETE FROM articles WHERE id = ?", (aid,))


def related_of(body):
    sec = parse_html(body).find("section", "related")
    if sec is None:
        return []
    return [a.attrs["href"].rsplit("/", 1)[1] for a in sec.find_all("a")]


def test_related(srv, slug):
    c = editor(srv)
    aid = srv.sql("SELECT id FROM articles WHERE slug = ?", (slug,))[0][0]
    other = srv.sql("SELECT id FROM sections ORDER BY position DESC"
                    " LIMIT 1")[0][0]
    # Two tags and two countries shared beat one tag; no author shared.
    nobody = srv.sql("SELECT count(*) FROM people")[0][0]
    check("related: people to spare", nobody > 2, nobody)
    st, most, _ = save(c, title="Sharing Four Things", body="Text.",
                       section=other, tags="Grain trade, Customs unions",
                       countries="KZ, TJ", status="published")
    st, one, _ = save(c, title="Sharing One Thing", body="Text.",
                      section=other, tags="Border management",
                      status="published")
    slugs = dict(srv.sql("SELECT id, slug FROM articles WHERE id IN"
                         " (?, ?)", (most, one)))
    srv.pause(1.5)
    st, body = page(srv, slug)
    rel = related_of(body)
    check("related: the most shared first, then the next", rel[:2] ==
          [slugs[most], slugs[one]], rel)
    check("related: four at most", 0 < len(rel) <= 4, rel)
    # Nothing shared but words of the text: the search index finds it,
    # in another section (which the section's newest would not reach).
    first = srv.sql("SELECT id FROM sections ORDER BY position LIMIT 1")[0][0]
    st, a, _ = save(c, title="Quokka Husbandry on the Steppe",
                    body="Quokka farms.", section=first,
                    status="published")
    st, b, _ = save(c, title="Quokka Husbandry Revisited",
                    body="More quokka farms.", section=other,
                    status="published")
    ab = dict(srv.sql("SELECT id, slug FROM articles WHERE id IN (?, ?)",
                      (a, b)))
    srv.pause(1.5)
    st, body = page(srv, ab[a])
    check("related: by text, from the search index, first when nothing"
          " is shared", related_of(body)[:1] == [ab[b]], related_of(body))
    # Every published page: never itself, its neighbours or a repeat.
    bad = []
    for (s,) in srv.sql("SELECT slug FROM articles WHERE status ="
                        " 'published'"):
        st, body = page(srv, s)
        rel = related_of(body)
        prev, nxt = nav_of(body)
        if s in rel or (prev and prev in rel) or (nxt and nxt in rel) or \
                len(rel) != len(set(rel)) or not rel:
            bad.append((s, rel, prev, nxt))
    check("related: on every page, never the article, its neighbours or"
          " a repeat, and never empty", not bad, bad[:3])
    del aid


def ris_parse(text):
    """A strict RIS reader: [(tag, value)]; raises on a broken line."""
    check("ris: CRLF line ends", text.endswith("\r\n") and
          "\n" not in text.replace("\r\n", ""), repr(text[-20:]))
    out = []
    for line in text.split("\r\n")[:-1]:
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        if not m:
            raise ValueError("not a RIS line: %r" % line)
        out.append((m.group(1), m.group(2)))
    return out


def test_cite(srv, slug):
    base = harness.set_base_url(srv, "/articles/" + slug)
    st, body = page(srv, slug)
    doc = parse_html(body)
    row = srv.sql("SELECT a.title, i.number, i.volume, i.date FROM articles"
                  " a JOIN issues i ON i.id = a.issue_id WHERE a.slug = ?",
                  (slug,))[0]
    names = [r[0] for r in srv.sql(
        "SELECT p.name FROM article_authors l JOIN people p ON p.id ="
        " l.person_id JOIN articles a ON a.id = l.article_id"
        " WHERE a.slug = ? ORDER BY l.position", (slug,))]
    site = srv.sql("SELECT value FROM settings WHERE key = 'name'")
    site = site[0][0] if site else "Octavo"
    url = base + "/articles/" + slug
    cite = doc.find("p", "citation")
    y, mo, d = (int(x) for x in row[3].split("-"))
    months = ["January", "February", "March", "April", "May", "June",
              "July", "August", "September", "October", "November",
              "December"]
    check_eq("cite: the formatted citation",
             cite.text() if cite else None,
             "%s and %s, \u201c%s,\u201d %s, %d %s %d, %s." % (
                 names[0], names[1], TITLE, site, d, months[mo - 1], y, url))
    links = {a.text(): a.attrs["href"] for a in
             doc.find("p", "cite-downloads").find_all("a")}
    check_eq("cite: three downloads", sorted(links),
             ["BibTeX", "CSL-JSON", "RIS"])
    got = {}
    for name, ext, ctype in (
            ("BibTeX", "bib", "application/x-bibtex; charset=utf-8"),
            ("RIS", "ris", "application/x-research-info-systems;"
             " charset=utf-8"),
            ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json")):
        check_eq("cite: %s link" % name, links.get(name),
                 "/articles/%s/cite.%s" % (slug, ext))
        st, h, data = srv.get("/articles/%s/cite.%s" % (slug, ext))
        check_eq("cite: %s answers" % name, st, 200)
        check_eq("cite: %s type" % name, h.get("content-type"), ctype)
        check_in("cite: %s is a download" % name, "attachment",
                 h.get("content-disposition", ""))
        got[ext] = data.decode()
    st, h, _ = srv.get("/articles/no-such-article/cite.bib")
    check_eq("cite: no article, a 404", st, 404)
    # At a slug the article had before a rename: a 301 to the file now.
    srv.sql_write("INSERT INTO article_slugs (slug, article_id) SELECT"
                  " 'cite-old-slug', id FROM articles WHERE slug = ?",
                  (slug,))
    for ext in ("bib", "ris", "json"):
        st, h, _ = srv.get("/articles/cite-old-slug/cite.%s" % ext)
        check_eq("cite: %s at an old slug, a 301" % ext, st, 301)
        check("cite: %s at an old slug goes to the file now" % ext,
              h.get("location", "").endswith("/articles/%s/cite.%s" % (
                  slug, ext)), h.get("location"))

    # BibTeX through Debian's two parsers.
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    p = BibTexParser(common_strings=True)
    lib = bibtexparser.loads(got["bib"], parser=p)
    e = lib.entries[0] if lib.entries else {}
    check_eq("bibtex: one entry, keyed by the slug",
             (len(lib.entries), e.get("ID"), e.get("ENTRYTYPE")),
             (1, slug, "article"))
    check_eq("bibtex: title escaped (bibtexparser)", e.get("title"),
             "{Grain, \"Gas\" \\& \\textbraceleft{}Rock\\textbraceright{}:"
             " 50\\% of the Trade\\_Route in Zarithia}")
    check_eq("bibtex: authors", e.get("author"), " and ".join(names))
    check_eq("bibtex: journal, volume, number, url",
             (e.get("journal"), e.get("volume"), e.get("number"),
              e.get("url")), (site.replace("&", "\\&"), str(row[2]),
                              str(row[1]), url))
    check_eq("bibtex: month", e.get("month"), months[mo - 1])
    from pybtex.database import parse_string
    db = parse_string(got["bib"], "bibtex")
    pe = db.entries.get(slug)
    check("bibtex: pybtex reads it", pe is not None, list(db.entries))
    if pe is not None:
        check_eq("bibtex: pybtex's authors", [str(x) for x in
                                              pe.persons["author"]],
                 ["%s, %s" % (n.rsplit(" ", 1)[1], n.rsplit(" ", 1)[0])
                  for n in names])
        from pybtex.richtext import Text  # noqa: F401
        check("bibtex: braces balanced for BibTeX (pybtex)",
              "textbraceleft" in pe.fields["title"], pe.fields["title"])

    # RIS: every line a tag, TY first, ER last, values as stored.
    try:
        ris = ris_parse(got["ris"])
    except ValueError as err:
        ris = []
        check("ris: parses", False, str(err))
    tags = [t for t, _ in ris]
    check("ris: TY first, ER last, once each", tags[:1] == ["TY"] and
          tags[-1:] == ["ER"] and tags.count("TY") == 1 and
          tags.count("ER") == 1, tags)
    val = {}
    for t, v in ris:
        val.setdefault(t, []).append(v)
    check_eq("ris: fields", (val.get("TI"), val.get("T2"), val.get("IS"),
                             val.get("VL"), val.get("UR"), val.get("DA")),
             ([TITLE], [site], [str(row[1])], [str(row[2])], [url],
              ["%04d/%02d/%02d/" % (y, mo, d)]))
    check_eq("ris: authors, family first", val.get("AU"),
             ["%s, %s" % (n.rsplit(" ", 1)[1], n.rsplit(" ", 1)[0])
              for n in names])

    # CSL-JSON: the official schema, and what it says.
    csl = json.loads(got["json"])
    it = csl[0] if isinstance(csl, list) and csl else {}
    check_eq("csl: fields", (it.get("type"), it.get("title"),
                             it.get("container-title"), it.get("URL"),
                             it.get("issue"), it.get("issued")),
             ("article-journal", TITLE, site, url, str(row[1]),
              {"date-parts": [[y, mo, d]]}))
    ajv(got["json"])


def ajv(text):
    """CSL-JSON against the official schema with Ajv (tests/node/
    jsonfeed.mjs validates any document against a schema); and Ajv must
    refuse a broken one."""
    if not check("ajv is installed", os.path.isdir(os.path.join(
            harness.ROOT, "tests", "node_modules", "ajv")),
            "run scripts/install-deps.sh test"):
        return
    d = tempfile.mkdtemp(prefix="octavo-csl-")
    good = os.path.join(d, "cite.json")
    bad = os.path.join(d, "broken.json")
    with open(good, "w") as f:
        f.write(text)
    broken = json.loads(text)
    broken[0]["type"] = "blog-comment"
    broken[0]["issued"] = {"date-parts": [["2026", "x"]]}
    with open(bad, "w") as f:
        json.dump(broken, f)
    for name, f, ok in (("csl: valid against the CSL-JSON schema (ajv)",
                         good, True),
                        ("csl: ajv refuses a broken item", bad, False)):
        p = subprocess.run(["node", os.path.join(harness.ROOT, "tests",
                                                 "node", "jsonfeed.mjs"),
                            SCHEMA, f], capture_output=True, text=True,
                           timeout=600,
                           cwd=os.path.join(harness.ROOT, "tests"))
        check(name, (p.returncode == 0) == ok and
              ("PASS" if ok else "FAIL") in p.stdout,
              (p.stdout + p.stderr)[-600:])


def test_share(srv, slug):
    base = harness.set_base_url(srv, "/articles/" + slug)
    url = base + "/articles/" + slug
    st, body = page(srv, slug)
    sec = parse_html(body).find("section", "share")
    links = {a.text(): a.attrs["href"] for a in sec.find_all("a")} \
        if sec else {}
    check_eq("share: five plain links", sorted(links),
             ["Bluesky", "Email", "Facebook", "LinkedIn", "X"])
    for name, host, want in (
            ("X", "twitter.com", {"url": [url], "text": [TITLE]}),
            ("LinkedIn", "www.linkedin.com", {"url": [url]}),
            ("Facebook", "www.facebook.com", {"u": [url]}),
            ("Bluesky", "bsky.app", {"text": [TITLE + " " + url]})):
        u = urllib.parse.urlsplit(links.get(name, ""))
        check_eq("share: %s carries the URL and title" % name,
                 (u.scheme, u.netloc, urllib.parse.parse_qs(u.query)),
                 ("https", host, want))
        check("share: %s encoded (no raw &, space, quote or brace)" % name,
              not re.search(r'[ "{}]', links.get(name, "")) and
              links.get(name, "").count("&") <= 1, links.get(name))
    m = urllib.parse.urlsplit(links.get("Email", ""))
    check_eq("share: email", (m.scheme, urllib.parse.parse_qs(m.query)),
             ("mailto", {"subject": [TITLE], "body": [url]}))
    check("share: no third-party script or image",
          not re.search(r'<(script|img|iframe)[^>]+(twitter|facebook|'
                        r'linkedin|bsky)', body), "")


def test_figure(srv, slug):
    st, body = page(srv, slug)
    figs = parse_html(body).find("div", "article-body").find_all("figure")
    check_eq("figure: two figures", len(figs), 2)
    if len(figs) == 2:
        check_eq("figure: the title as the caption",
                 (figs[0].find("img").attrs.get("alt"),
                  "title" in figs[0].find("img").attrs,
                  figs[0].find("figcaption").text()), (ALT, False, CAPTION))
        cap = figs[1].find("figcaption")
        check_eq("figure: the emphasised line as the caption",
                 cap.text() if cap else None,
                 # its apostrophe curly (util/typo.c)
                 "Source: the customs office\u2019s yearbook")
        check_eq("figure: its link kept", cap.find("a").attrs.get("href")
                 if cap and cap.find("a") else None,
                 "https://example.org/yearbook")


def test_correction(srv, slug):
    st, body = page(srv, slug)
    note = parse_html(body).find("div", "article-note")
    check_eq("correction: shown in its box", note.text() if note else None,
             "Correction, 3 December 2026: " + NOTE)
    check("correction: above the text", body.find("article-note") <
          body.find("article-body"), "")
    c = editor(srv)
    aid = srv.sql("SELECT id FROM articles WHERE slug = ?", (slug,))[0][0]
    import test_admin_articles as ta
    form = ta.form_values(c.get("/admin/articles/%d" % aid)[2])
    check_eq("correction: the editor shows it",
             (form.get("correction"), form.get("correction_kind"),
              form.get("correction_date")),
             (NOTE, "correction", "2026-12-03"))
    st, _, b = save(c, aid, correction_date="2026-02-30")
    check_eq("correction: a day that is not one is refused", st, 422)
    check_in("correction: said beside the field", "2026-12-03",
             ta.field_error(b, "correction_date"))
    st, _, _ = save(c, aid, correction="The figures were updated.",
                    correction_kind="update", correction_date="")
    check_eq("correction: an update saved", st, 303)
    today = srv.sql("SELECT correction_date FROM articles WHERE id = ?",
                    (aid,))[0][0]
    check("correction: no day means the day of the save",
          re.fullmatch(r"\d{4}-\d{2}-\d{2}", today or ""), today)
    for _ in range(100):
        st, body = page(srv, slug)
        if "The figures were updated." in body:
            break
        srv.pause(0.1)
    note = parse_html(body).find("div", "article-note")
    check("correction: the update shown", note is not None and
          note.text().startswith("Update, ") and
          note.text().endswith(": The figures were updated."),
          note.text() if note else None)
    st, _, _ = save(c, aid, correction="")
    for _ in range(100):
        st, body = page(srv, slug)
        if "article-note" not in body:
            break
        srv.pause(0.1)
    check("correction: none, no box", "article-note" not in body, "")
    # Put the note back for the browser's look at the page.
    save(c, aid, correction=NOTE, correction_kind="correction",
         correction_date="2026-12-03")
    api_correction(srv, slug)


def api_correction(srv, slug):
    """The API's edit resource carries the note and a PATCH changes it
    (test_api_write's send: answers checked against the OpenAPI
    document)."""
    import test_api_write as w
    w.token_add(srv, "editor")
    path = w.API + "/" + slug
    st, h, doc = w.send(srv, "GET", path + "/edit", "editor")
    doc = doc or {}
    check_eq("correction: the API's edit resource",
             (st, doc.get("correction"), doc.get("correction_kind"),
              doc.get("correction_date")),
             (200, NOTE, "correction", "2026-12-03"))
    st, h, new = w.send(srv, "PATCH", path, "editor",
                        {"version": doc.get("version"),
                         "correction_kind": "update"})
    check_eq("correction: a PATCH of its kind", (st, srv.sql(
        "SELECT correction_kind FROM articles WHERE slug = ?",
        (slug,))[0][0]), (200, "update"))
    version = (new or {}).get("version", 0)
    st, h, err = w.send(srv, "PATCH", path, "editor",
                        {"version": version, "correction_kind": "erratum"})
    check_eq("correction: an unknown kind is a 422 naming the field",
             (st, [e.get("field") for e in (err or {}).get("errors", [])]),
             (422, ["correction_kind"]))
    w.send(srv, "PATCH", path, "editor", {"version": version,
                                          "correction_kind": "correction"})


def test_cards(srv, slug):
    st, body = page(srv, slug)
    doc = parse_html(body)
    cards = doc.find_all("div", "author-card")
    names = srv.sql("SELECT p.slug, p.name, p.role, p.photo FROM"
                    " article_authors l JOIN people p ON p.id ="
                    " l.person_id JOIN articles a ON a.id = l.article_id"
                    " WHERE a.slug = ? ORDER BY l.position", (slug,))
    check_eq("cards: one per author, in byline order",
             [(c.find("a").attrs.get("href"), c.find("a").text())
              for c in cards],
             [("/authors/" + s, n) for s, n, _, _ in names])
    check_eq("cards: roles", [c.find("p", "author-card-role").text()
                              .split(",")[0] for c in cards],
             [r for _, _, r, _ in names])
    check_eq("cards: the photo where there is one",
             [(c.find("img").attrs.get("src") if c.find("img") else "")
              for c in cards], [p for _, _, _, p in names])
    check("cards: bios", all(c.find("div", "author-card-bio").text()
                             for c in cards), "")


def test_preview(srv, slug):
    """The editor's Preview of an unsaved form: its note and its
    authors' cards as typed, nothing saved."""
    import test_admin_articles as ta
    c = editor(srv)
    aid = srv.sql("SELECT id FROM articles WHERE slug = ?", (slug,))[0][0]
    form = ta.form_values(c.get("/admin/articles/%d" % aid)[2])
    other = srv.sql("SELECT id, name FROM people WHERE id NOT IN (SELECT"
                    " person_id FROM article_authors WHERE article_id = ?)"
                    " ORDER BY id LIMIT 1", (aid,))[0]
    form.update({"correction": "Typed, not saved.",
                 "correction_kind": "update", "author2": str(other[0])})
    st, h, body = c.post("/admin/articles/preview", form)
    doc = parse_html(body)
    note = doc.find("div", "article-note")
    check("preview: the typed note", st == 200 and note is not None and
          note.text().startswith("Update, ") and
          note.text().endswith("Typed, not saved."),
          note.text() if note else st)
    check_eq("preview: the typed authors' cards",
             [c.find("a").text() for c in doc.find_all("div",
                                                        "author-card")][1:],
             [other[1]])
    check_eq("preview: nothing saved", srv.sql(
        "SELECT correction FROM articles WHERE id = ?", (aid,))[0][0], NOTE)


def test_browser(srv, slug):
    if not harness.browser_ready("article", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    base = "http://127.0.0.1:%d" % srv.port
    harness.run_browser("article.mjs", [base, "/articles/" + slug, shots],
                        "article")
    harness.check_screenshots(shots, ("article",))
    f = os.path.join(shots, "article-print.png")
    check("screenshot article-print saved", os.path.exists(f) and
          os.path.getsize(f) > 1000, f)


def main():
    with harness.Server(articles=60) as srv:
        slug = feature_article(srv)
        srv.pause(1.5)
        test_reads(srv)
        test_prev_next(srv)
        test_cards(srv, slug)
        test_figure(srv, slug)
        test_related(srv, slug)
        test_cite(srv, slug)
        test_share(srv, slug)
        test_correction(srv, slug)
        test_preview(srv, slug)
        test_browser(srv, slug)


if __name__ == "__main__":
    main()
    harness.done()
