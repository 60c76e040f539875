"""/search on the demo journal, through the real server and database.

Expected results are worked out here from the database (the demo
generator's deterministic journal), never copied from the server: the
words found only in one title find that article first; a phrase, a
prefix, NOT and OR find exactly the articles whose text holds them
(tokenized here as FTS5's unicode61 with diacritics removed does);
"Dubrac" finds "Dubrač".  Then: an article made, edited, unpublished
and deleted through the JSON API is found, found under its new title,
gone; filters, sorting and pages; snippets escaped with only the
matched words marked; hostile queries (quotes, operators alone, very
long input, NUL bytes, invalid UTF-8, FTS5's own syntax) answered 200 or
400 with a sentence, never 500; the search box on every page; no read
counted; screenshots of a results page at 1280 and 390 px under
build/screenshots/.  And the faster paths of the search (a prefix
written as the index's words or read from a prefix index, a filter's
name made a phrase of its column) find exactly what a plain FTS5 query
written here finds, prefixes, NOT and filters read by FTS5 and SQL
alone, and a prefix's results come in bm25()'s order.
"""
import os
import re
import subprocess
import sys
import unicodedata
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import EMAIL, PW, user_add  # noqa: E402
import test_api_write as aw  # noqa: E402


def fold(text):
    """Tokens as FTS5's unicode61 remove_diacritics 2 makes them."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", t)


def docs(srv):
    """{slug: tokens} of every published article, as the index has them:
    title, dek, body, authors' names, section's name, tags' and
    countries' names."""
    rows = srv.sql(
        "SELECT a.slug, a.title || ' ' || a.dek || ' ' || coalesce(b.body,"
        " '') || ' ' || coalesce((SELECT group_concat(p.name, ' ')"
        " FROM article_authors l JOIN people p ON p.id = l.person_id"
        " WHERE l.article_id = a.id), '') || ' ' || s.name || ' ' ||"
        " coalesce((SELECT group_concat(t.name, ' ') FROM article_tags x"
        " JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '')"
        " || ' ' || coalesce((SELECT group_concat(c.name, ' ') FROM"
        " article_countries x JOIN countries c ON c.code = x.code"
        " WHERE x.article_id = a.id), '')"
        " FROM articles a JOIN sections s ON s.id = a.section_id"
        " LEFT JOIN article_bodies b ON b.article_id = a.id"
        " WHERE a.status = 'published'")
    return {slug: fold(text) for slug, text in rows}


def has_phrase(tokens, phrase):
    n = len(phrase)
    return any(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1))


def search(srv, q, **more):
    """(status, [result slugs], total shown, page body text)."""
    args = {"q": q}
    args.update(more)
    st, h, body = srv.get("/search?" + urllib.parse.urlencode(args))
    doc = parse_html(body.decode("utf-8", "replace"))
    slugs = []
    for li in doc.find_all("li", cls="article-sum"):
        a = li.find("h3").find("a")
        slugs.append(a.attrs["href"].rsplit("/", 1)[1])
    count = doc.find("h2", attrs={"id": "results-h"})
    total = 0
    if count is not None:
        m = re.match(r"(\d+) article", count.text())
        total = int(m.group(1)) if m else -1
    return st, slugs, total, body.decode("utf-8", "replace"), h


def every_page(srv, q, **more):
    """All result slugs of q, page by page."""
    out, page = [], 1
    while True:
        args = dict(more)
        if page > 1:
            args["page"] = page
        st, slugs, total, _, _ = search(srv, q, **args)
        if st != 200 or not slugs:
            return out
        out += slugs
        page += 1


def test_relevance(srv, d):
    titles = srv.sql("SELECT slug, title FROM articles"
                     " WHERE status = 'published'")
    seen = {}
    for slug, title in titles:
        for w in set(fold(title)):
            seen.setdefault(w, set()).add(slug)
    picked = sorted(w for w, s in seen.items()
                    if len(s) == 1 and len(w) >= 6)[:4]
    check("relevance: the journal has words found in one title only",
          len(picked) >= 3, picked)
    for w in picked:
        want = next(iter(seen[w]))
        st, slugs, total, _, _ = search(srv, w)
        check_eq("relevance: %r finds first the one article with it in"
                 " its title" % w, (st, slugs[:1]), (200, [want]))
        check_eq("relevance: %r finds every article holding it" % w,
                 total, sum(1 for t in d.values() if w in t))


def test_operators(srv, d):
    cases = [
        ("phrase", '"customs reform"',
         lambda t: has_phrase(t, ["customs", "reform"])),
        ("phrase, words in another order", '"reform customs"',
         lambda t: has_phrase(t, ["reform", "customs"]), False),
        ("prefix", "fisher*",
         lambda t: any(x.startswith("fisher") for x in t)),
        ("NOT", "drought NOT Lindgrave",
         lambda t: "drought" in t and "lindgrave" not in t),
        ("minus sign", "drought -Lindgrave",
         lambda t: "drought" in t and "lindgrave" not in t),
        ("OR", "Lindgrave OR Kelsworth",
         lambda t: "lindgrave" in t or "kelsworth" in t),
        ("AND", "Lindgrave AND Kelsworth",
         lambda t: "lindgrave" in t and "kelsworth" in t),
        ("diacritics: Dubrac finds Dubra\u010d", "Dubrac",
         lambda t: "dubrac" in t),
        ("case: DUBRA\u010c", "DUBRA\u010c", lambda t: "dubrac" in t),
    ]
    for case in cases:
        name, q, pred = case[:3]
        want = sum(1 for t in d.values() if pred(t))
        st, slugs, total, _, _ = search(srv, q)
        check_eq("%s: %s finds what holds it" % (name, q), (st, total),
                 (200, want))
        if len(case) == 3:
            check("%s: the journal has some" % name, want > 0, want)
    st, _, _, body, _ = search(srv, '"customs reform"')
    check_in("phrase: the matched phrase is marked",
             "<mark>customs reform</mark>", body.lower())


def test_no_results(srv):
    st, slugs, total, body, _ = search(srv, "zzqqxv")
    check_eq("no results: 200 and nothing", (st, slugs), (200, []))
    check_in("no results: says so", "No article matches", body)
    check_in("no results: and what to try", "Check the spelling", body)
    st, slugs, _, body, _ = search(srv, "zzqqxv", year="2001")
    check_in("no results with a filter: says to widen it",
             "with these filters", body)
    st, _, body = srv.get("/search")
    doc = parse_html(body.decode())
    check_eq("empty query: the form", (st, bool(doc.find(
        "input", attrs={"id": "search-q"})), bool(doc.find(
            "ol", cls="search-results"))), (200, True, False))
    check("empty query: no message", "No article matches" not in
          body.decode(), "")


def test_hostile(srv):
    long_q = "budget " * 80
    cases = [
        ('"', 400), ('"unclosed', 400), ("OR", 400), ("AND", 400),
        ("NOT", 400), ("NOT budget", 400), ("-budget", 400),
        ("budget OR", 400), ("(budget", 400), ("budget)", 400),
        ("()", 400), ("*", 200), ("-", 200), ('"" ""', 200),
        ("NEAR(budget reform)", 200), ("title:budget", 200),
        ("budget^2", 200), ("{title dek}: budget", 200),
        ("budget AND AND reform", 400), ('budget "', 400),
        ("(" * 9 + "budget" + ")" * 9, 400), (long_q, 400),
        ("budget " * 40, 400), ("r*", 400), ("\u00e9*", 400),
    ]
    for q, want in cases:
        st, _, _, body, _ = search(srv, q)
        check_eq("hostile %r: %d" % (q[:30], want), st, want)
        if st == 400:
            doc = parse_html(body)
            err = doc.find("p", attrs={"id": "search-error"})
            check("hostile %r: a sentence beside the form" % q[:30],
                  err is not None and len(err.text()) > 20 and
                  doc.find("input", attrs={"id": "search-q"}) is not None,
                  body[:200])
    for raw, name in (("%00", "NUL"), ("budget%00reform", "NUL inside"),
                      ("%22a%00b%22", "NUL in a phrase"),
                      ("%ff%fe", "invalid UTF-8"), ("%c3", "cut UTF-8"),
                      ("%", "bad percent-encoding")):
        st, _, _ = srv.get("/search?q=" + raw)
        check("hostile %s: 200 or 400, never 500" % name, st in (200, 400),
              st)
    st, _, _ = srv.get("/search?q=budget&year=12ab")
    check_eq("a year that is none: 400", st, 400)
    st, _, _ = srv.get("/search?q=budget&sort=sideways")
    check_eq("a sort that is none: 400", st, 400)
    check("the server is alive after all of them", srv.alive(), "")


def test_filters(srv, d):
    sec = srv.sql("SELECT slug FROM sections ORDER BY position"
                  " LIMIT 1")[0][0]
    year = srv.sql("SELECT substr(published_at, 1, 4) FROM articles"
                   " WHERE status = 'published' ORDER BY published_at"
                   " LIMIT 1")[0][0]
    person = srv.sql("SELECT p.slug FROM people p JOIN article_authors l"
                     " ON l.person_id = p.id GROUP BY p.id"
                     " ORDER BY count(*) DESC LIMIT 1")[0][0]
    base = (" FROM articles a JOIN sections s ON s.id = a.section_id"
            " WHERE a.status = 'published' AND ")
    for name, arg, where in (
            ("section", dict(section=sec), "s.slug = ?"),
            ("year", dict(year=year), "substr(a.published_at, 1, 4) = ?"),
            ("author", dict(author=person), "a.id IN (SELECT l.article_id"
             " FROM article_authors l JOIN people p ON p.id = l.person_id"
             " WHERE p.slug = ?)")):
        slugs = every_page(srv, "reform", **arg)
        want = {s for (s,) in srv.sql("SELECT a.slug" + base + where,
                                      tuple(arg.values()))
                if "reform" in d[s]}
        check_eq("%s filter: its articles that match" % name,
                 sorted(slugs), sorted(want))
    slugs = every_page(srv, "reform", sort="date")
    dates = dict(srv.sql("SELECT slug, published_at FROM articles"))
    check("sort by date: newest first", [dates[s] for s in slugs] ==
          sorted((dates[s] for s in slugs), reverse=True) and
          len(slugs) > 20, len(slugs))
    first = search(srv, "reform")[1]
    second = search(srv, "reform", page=2)[1]
    check("pages: twenty a page, page 2 goes on", len(first) == 20 and
          second and not set(first) & set(second), (first, second))
    st, _, _ = srv.get("/search?q=reform&page=999")
    check_eq("a page past the last: 404", st, 404)


# bm25()'s weights, as docs/design.md "Search" gives them (title first).
BM25 = "bm25(article_fts, 10.0, 4.0, 1.0, 4.0, 1.0, 3.0, 2.0)"


def reference(srv, match, where="", args=()):
    """Sorted slugs of what FTS5 matches with match (its own syntax: a
    prefix it reads itself) among the articles the SQL where keeps."""
    return sorted(s for (s,) in srv.sql(
        "SELECT a.slug FROM article_fts f JOIN articles a ON a.id = f.rowid"
        " JOIN sections s ON s.id = a.section_id"
        " WHERE article_fts MATCH ?" + where, (match,) + tuple(args)))


def test_reference(srv):
    people = srv.sql("SELECT p.slug FROM people p JOIN article_authors l"
                     " ON l.person_id = p.id JOIN articles a ON a.id ="
                     " l.article_id AND a.status = 'published'"
                     " GROUP BY p.id ORDER BY count(*) DESC, p.slug")
    total = srv.sql("SELECT count(*) FROM articles"
                    " WHERE status = 'published'")[0][0]
    secs = srv.sql("SELECT s.slug, count(*) FROM sections s JOIN articles a"
                   " ON a.section_id = s.id AND a.status = 'published'"
                   " GROUP BY s.id ORDER BY count(*), s.slug")
    year = srv.sql("SELECT substr(published_at, 1, 4) FROM articles"
                   " WHERE status = 'published' GROUP BY 1"
                   " ORDER BY count(*) DESC LIMIT 1")[0][0]
    check("reference: an author of few articles and a section of many",
          len(people) > 2 and secs[-1][1] * 8 > total, (people, secs))
    by_author = (" AND a.id IN (SELECT l.article_id FROM article_authors l"
                 " JOIN people p ON p.id = l.person_id WHERE p.slug = ?)")
    filters = [
        ("no filter", {}, "", ()),
        ("the most prolific author", {"author": people[0][0]}, by_author,
         (people[0][0],)),
        ("an author of few", {"author": people[-1][0]}, by_author,
         (people[-1][0],)),
        ("the largest section", {"section": secs[-1][0]}, " AND s.slug = ?",
         (secs[-1][0],)),
        ("a year", {"year": year}, " AND substr(a.published_at, 1, 4) = ?",
         (year,)),
    ]
    queries = [
        ("fisher*", '"fisher"*'),
        ("Lindg*", '"lindg"*'),
        ("re*", '"re"*'),
        ("sanc*", '"sanc"*'),
        ('"customs ref"*', '"customs ref"*'),
        ("drought -Lindgrave", '"drought" NOT "lindgrave"'),
        ("sanctions -budget", '"sanctions" NOT "budget"'),
        ("fisher* -budget", '"fisher"* NOT "budget"'),
        ("(grain OR fish*) Dubrac", '("grain" OR "fish"*) AND "dubrac"'),
        ("reform", '"reform"'),
    ]
    for q, match in queries:
        for name, args, where, wargs in filters:
            got = sorted(every_page(srv, q, **args))
            want = reference(srv, match, where, wargs)
            check_eq("reference: %s, %s: the articles FTS5 finds" %
                     (q, name), got, want)
        if q.endswith("*") and not q.startswith('"'):
            st, slugs, _, _, _ = search(srv, q)
            check_eq("reference: %s: in bm25()'s order" % q, slugs, [
                s for (s,) in srv.sql(
                    "SELECT a.slug FROM article_fts f JOIN articles a ON"
                    " a.id = f.rowid WHERE article_fts MATCH ? ORDER BY " +
                    BM25 + ", f.rowid DESC LIMIT 20", (match,))])
    check("reference: the prefixes find some", all(
        reference(srv, m) for q, m in queries[:5]), "")


def test_in_step(srv):
    section = srv.sql("SELECT slug FROM sections ORDER BY id LIMIT 1")[0][0]
    person = srv.sql("SELECT slug FROM people ORDER BY id LIMIT 1")[0][0]
    st, _, doc = aw.send(srv, "POST", aw.API, "editor", {
        "title": "Water Rights in Zrinjeva\u010d",
        "body": "The <script>alert(1)</script> & quarrel over the"
                " wolframite mine.", "section": section,
        "authors": [person], "tags": ["Hydropolitics"],
        "countries": ["KZ"], "status": "published"})
    check_eq("API: an article made and published", st, 201)
    slug = doc["slug"] if doc else ""
    st, slugs, _, body, _ = search(srv, "Zrinjevac")
    check_eq("diacritics: Zrinjevac finds the new Zrinjeva\u010d",
             slugs, [slug])
    check_in("the title is marked", "<mark>Zrinjeva\u010d</mark>", body)
    check_eq("a tag is found", search(srv, "hydropolitics")[1], [slug])
    check_eq("a country's name is found", search(srv, "Kazakhstan")[1],
             [slug])
    check_eq("country filter: its articles", search(
        srv, "Water", country="KZ")[1], [slug])
    check_eq("country filter: not another's", search(
        srv, "wolframite", country="FR")[1], [])
    st, _, _, body, _ = search(srv, "wolframite")
    check_in("the form offers the countries articles name",
             '<option value="KZ">Kazakhstan</option>', body)
    st, slugs, _, body, _ = search(srv, "wolframite")
    snip = re.search(r'<p class="snippet">(.*?)</p>', body, re.S)
    snip = snip.group(1) if snip else ""
    check_in("snippet: the text escaped", "&lt;script&gt;alert(1)&lt;"
             "/script&gt; &amp; quarrel", snip)
    check_in("snippet: the word marked", "<mark>wolframite</mark>", snip)
    check_eq("snippet: no other markup", re.sub(r"</?mark>", "", snip)
             .count("<"), 0)
    st, _, got = aw.send(srv, "PATCH", aw.API + "/" + slug, "editor", {
        "title": "Water Rights in Kelvorna",
        "version": doc["version"] if doc else 0})
    check_eq("API: edited", st, 200)
    check_eq("edit: found by the new title", search(srv, "Kelvorna")[1],
             [slug])
    check_eq("edit: not by the old one", search(srv, "Zrinjevac")[1], [])
    st, _, got = aw.send(srv, "PATCH", aw.API + "/" + slug, "editor", {
        "status": "draft", "version": got["version"] if got else 0})
    check_eq("API: unpublished", st, 200)
    check_eq("unpublish: not found", search(srv, "wolframite")[1], [])
    st, _, got = aw.send(srv, "PATCH", aw.API + "/" + slug, "editor", {
        "status": "published", "version": got["version"] if got else 0})
    check_eq("publish again: found", search(srv, "wolframite")[1], [slug])
    st, _, _ = aw.send(srv, "DELETE", aw.API + "/" + slug, "editor")
    check_eq("API: deleted", st, 204)
    check_eq("delete: not found", search(srv, "wolframite")[1], [])
    check_eq("the index agrees with the articles", srv.sql(
        "INSERT INTO article_fts (article_fts, rank)"
        " VALUES ('integrity-check', 1)"), [])


def test_pages(srv):
    art = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                  " LIMIT 1")[0][0]
    sec = srv.sql("SELECT slug FROM sections LIMIT 1")[0][0]
    for path in ("/", "/articles/" + art, "/sections/" + sec, "/issues",
                 "/about", "/no-such-page"):
        st, _, body = srv.get(path)
        doc = parse_html(body.decode())
        form = doc.find("form", cls="site-search")
        ok = (form is not None and form.attrs.get("action") == "/search"
              and form.attrs.get("method") == "get" and
              form.attrs.get("role") == "search")
        label = doc.find("label", attrs={"for": "site-search-q"})
        check("search box on %s: a GET form to /search, labelled" % path,
              ok and label is not None and doc.find(
                  "input", attrs={"id": "site-search-q", "name": "q"})
              is not None, st)
    srv.pause(2.2)	# the article page's read, flushed
    before = srv.sql("SELECT coalesce(sum(reads), 0) FROM article_reads")
    for _ in range(3):
        search(srv, "reform")
    srv.pause(2.2)
    check_eq("searching counts no read", srv.sql(
        "SELECT coalesce(sum(reads), 0) FROM article_reads"), before)
    _, _, _, body, h = search(srv, "reform")
    check_in("results are not for search engines", '<meta name="robots"'
             ' content="noindex">', body)


def screenshots(srv):
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    url = ("http://127.0.0.1:%d/search?q=%%22customs+reform%%22+OR+Dubrac"
           % srv.port)
    if not os.path.exists("/usr/bin/chromium"):
        check("screenshots: Chromium is installed", False, "")
        return
    for w, h in ((1280, 900), (390, 844)):
        f = os.path.join(shots, "search-%d.png" % w)
        if os.path.exists(f):
            os.unlink(f)
        subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox",
                        "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--hide-scrollbars", "--screenshot=" + f,
                        "--window-size=%d,%d" % (w, h), url],
                       capture_output=True, timeout=120)
    harness.check_screenshots(shots, ["search"])


def main():
    with harness.Server(articles=300) as srv:
        for r in ("editor", "author"):
            p = user_add(srv.db, EMAIL[r], r, PW[r])
            check_eq("user add %s" % r, p.returncode, 0)
            aw.token_add(srv, r)
        d = docs(srv)
        test_relevance(srv, d)
        test_operators(srv, d)
        test_no_results(srv)
        test_hostile(srv)
        test_filters(srv, d)
        test_reference(srv)
        test_in_step(srv)
        test_pages(srv)
        screenshots(srv)
    harness.done()


if __name__ == "__main__":
    main()
