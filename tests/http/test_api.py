"""The JSON API under /api/v1 against the real server and a demo journal:
every endpoint's data compared with the database, pagination and its
edges (Link headers, total, past the last page), filters, problem
details (RFC 9457) for 400, 404, 405, 406, 414, 415 and 500 (whose cause
stays in the log), a malformed query or path,
conditional GET (ETag, 304) and HEAD, answers from the page cache, the
read count (a number, never the pages' marker, not moved by the API),
and a content change reaching cached answers.

The OpenAPI document is linted by Redocly's CLI, and every answer this
test receives is checked against the document's schemas by
tests/api/validate.mjs (Ajv, JSON Schema 2020-12)."""
import json
import math
import os
import subprocess
import tempfile
import urllib.parse

import harness
from harness import ROOT, Server, check, check_eq, check_in, done

API = "/api/v1"
DOC = os.path.join(ROOT, "src", "api", "openapi.json")
NODE_MODULES = os.path.join(ROOT, "tests", "node_modules")
ART_PUB = (" FROM articles a JOIN sections s ON s.id = a.section_id"
           " LEFT JOIN issues i ON i.id = a.issue_id"
           " WHERE a.status = 'published'")
NEWEST = " ORDER BY a.published_at DESC, a.id DESC"

answers = []    # every answer received, for the schema check


def call(srv, path, method="GET", headers=None, body=None, keep=True):
    """(status, headers, body text) of one request; kept for the schema
    check unless keep is False."""
    st, h, data = srv.request(method, path, body=body, headers=headers)
    text = data.decode("utf-8")
    if keep:
        answers.append({"method": method, "path": path, "status": st,
                        "headers": h, "body": text})
    return st, h, text


def get_json(srv, path, **kw):
    st, h, text = call(srv, path, **kw)
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    return st, h, doc


def links(h):
    """The Link header as {rel: URL}."""
    out = {}
    for part in (h.get("link") or "").split(","):
        part = part.strip()
        if not part:
            continue
        url, _, params = part.partition(";")
        rel = params.strip()
        if rel.startswith('rel="') and rel.endswith('"'):
            out[rel[5:-1]] = url.strip()[1:-1]
    return out


def local(url, base):
    """The path and query of an absolute URL of this site."""
    return url[len(base):] if url.startswith(base) else url


def eventually(srv, fetch, done):
    """Call fetch() until done(its answer): the server polls the content
    version once a second.  Returns (done, the last answer)."""
    for _ in range(600):
        ans = fetch()
        if done(ans):
            return True, ans
        srv.pause(0.1)
    return False, ans


def problem(srv, name, path, status, param=None, method="GET",
            headers=None, body=None):
    """An error answer: the status, application/problem+json, and the
    RFC 9457 members; returns the object."""
    st, h, text = call(srv, path, method=method, headers=headers,
                       body=body)
    check_eq(name + ": status", st, status)
    check_eq(name + ": problem+json", h.get("content-type"),
             "application/problem+json")
    try:
        doc = json.loads(text)
    except ValueError:
        check(name + ": a JSON body", False, text[:200])
        return {}
    check(name + ": type, title, status, detail",
          doc.get("type") == "about:blank" and doc.get("status") == status
          and isinstance(doc.get("title"), str) and doc["title"] and
          isinstance(doc.get("detail"), str) and doc["detail"],
          repr(doc))
    if param is not None:
        check_eq(name + ": names the parameter", doc.get("parameter"),
                 param)
    return doc


def walk(srv, base, path):
    """Every item of a list, following its next links; checks each
    page's Link header and counts.  Returns (items, first page)."""
    items, first, seen = [], None, 0
    url = path
    while url is not None and seen < 1000:
        st, h, doc = get_json(srv, url)
        if st != 200 or doc is None:
            check("walk %s: page %s" % (path, url), False, "status %d" % st)
            return items, first
        seen += 1
        if first is None:
            first = doc
        lk = links(h)
        if seen == 1:
            check_eq("walk %s: first link" % path,
                     local(lk.get("first", ""), base), path)
        nxt = lk.get("next")
        if doc["page"] < doc["pages"] and nxt is None:
            check("walk %s: page %d has a next link" % (path, doc["page"]),
                  False, repr(lk))
        if doc["page"] > 1 and "prev" not in lk:
            check("walk %s: page %d has a prev link" % (path, doc["page"]),
                  False, repr(lk))
        items += doc["items"]
        url = local(nxt, base) if nxt else None
    check_eq("walk %s: pages followed" % path, seen,
             first["pages"] if first else -1)
    return items, first


def lint(label):
    """Redocly's CLI lints the document (tests/api/redocly.yaml)."""
    cli = os.path.join(NODE_MODULES, ".bin", "redocly")
    if not check("%s: @redocly/cli is installed" % label,
                 os.path.exists(cli), "run scripts/install-deps.sh test"):
        return
    env = dict(os.environ, REDOCLY_TELEMETRY="off",
               REDOCLY_SUPPRESS_UPDATE_NOTICE="true", NO_COLOR="1")
    p = subprocess.run([cli, "lint", "--config",
                        os.path.join(ROOT, "tests", "api", "redocly.yaml"),
                        DOC], capture_output=True, text=True, env=env,
                       timeout=300, cwd=os.path.join(ROOT, "tests"))
    out = p.stdout + p.stderr
    check("%s: the OpenAPI document passes Redocly's lint" % label,
          p.returncode == 0 and "is valid" in out, out[-1500:])


def validate(label):
    """Every answer against the document (tests/api/validate.mjs)."""
    if not check("%s: ajv is installed" % label,
                 os.path.isdir(os.path.join(NODE_MODULES, "ajv")),
                 "run scripts/install-deps.sh test"):
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl",
                                     delete=False) as f:
        for a in answers:
            f.write(json.dumps(a) + "\n")
        name = f.name
    try:
        p = subprocess.run(["node", os.path.join(ROOT, "tests", "api",
                                                 "validate.mjs"),
                            DOC, name], capture_output=True, text=True,
                           timeout=300)
    finally:
        os.unlink(name)
    print(p.stdout, end="")
    summary = [x for x in p.stdout.splitlines()
               if x.startswith("api schema:")]
    check("%s: all %d answers valid against the document" %
          (label, len(answers)),
          p.returncode == 0 and summary and
          ("%d answers checked, %d valid" % (len(answers), len(answers)))
          in summary[0], (p.stdout + p.stderr)[-2000:])


def openapi(srv):
    st, h, text = call(srv, API + "/openapi.json")
    check_eq("openapi.json: 200", st, 200)
    check_eq("openapi.json: application/json", h.get("content-type"),
             "application/json")
    with open(DOC, encoding="utf-8") as f:
        check("openapi.json: the repository's document, byte for byte",
              text == f.read(), "differs from src/api/openapi.json")
    doc = json.loads(text)
    check_eq("openapi.json: OpenAPI 3.1", doc.get("openapi"), "3.1.0")
    etag = h.get("etag", "")
    check("openapi.json: a strong ETag", etag.startswith('"'), etag)
    st, h2, text = call(srv, API + "/openapi.json",
                        headers={"If-None-Match": etag})
    check_eq("openapi.json: 304 for its ETag", st, 304)
    check_eq("openapi.json: 304 has no body", text, "")
    return doc


def articles(srv, base):
    total = srv.sql("SELECT count(*)" + ART_PUB)[0][0]
    want = [r[0] for r in srv.sql("SELECT a.slug" + ART_PUB + NEWEST)]
    st, h, doc = get_json(srv, API + "/articles")
    check_eq("articles: 200", st, 200)
    check_eq("articles: application/json", h.get("content-type"),
             "application/json")
    check_eq("articles: total", doc["total"], total)
    check_eq("articles: per_page by default", doc["per_page"], 20)
    check_eq("articles: pages", doc["pages"], math.ceil(total / 20))
    check_eq("articles: page 1", doc["page"], 1)
    check_eq("articles: newest first, 20",
             [a["slug"] for a in doc["items"]], want[:20])
    lk = links(h)
    check_eq("articles: Link rels on page 1", sorted(lk),
             ["first", "last", "next"])
    check_eq("articles: Link next", lk.get("next"),
             base + API + "/articles?page=2")
    check_eq("articles: Link last", lk.get("last"), base + API +
             "/articles?page=%d" % math.ceil(total / 20))
    check_eq("articles: Link first", lk.get("first"),
             base + API + "/articles")

    items, first = walk(srv, base, API + "/articles?per_page=7")
    check_eq("articles per_page=7: every article once, in order",
             [a["slug"] for a in items], want)
    check_eq("articles per_page=7: pages", first["pages"],
             math.ceil(total / 7))

    # Each summary against its row.
    row = srv.sql("SELECT a.id, a.slug, a.title, a.dek, a.published_at,"
                  " s.slug, s.name, i.number, i.date" + ART_PUB + NEWEST +
                  " LIMIT 1")[0]
    a = doc["items"][0]
    check_eq("article summary: fields from the record",
             (a["id"], a["slug"], a["title"], a["dek"], a["published_at"],
              a["section"]["slug"], a["section"]["name"]), row[:7])
    check_eq("article summary: issue", a["issue"] and
             (a["issue"]["number"], a["issue"]["date"]),
             row[7] is not None and (row[7], row[8]))
    check_eq("article summary: authors in byline order",
             [x["slug"] for x in a["authors"]],
             [r[0] for r in srv.sql(
                 "SELECT p.slug FROM article_authors aa JOIN people p"
                 " ON p.id = aa.person_id WHERE aa.article_id = ?"
                 " ORDER BY aa.position", (row[0],))])
    check_eq("article summary: absolute api_url", a["api_url"],
             base + API + "/articles/" + row[1])
    check_eq("article summary: absolute html_url", a["html_url"],
             base + "/articles/" + row[1])
    check_eq("article summary: section api_url", a["section"]["api_url"],
             base + API + "/sections/" + row[5])

    # The last page, a page of one, the largest page.
    last = math.ceil(total / 7)
    st, h, doc = get_json(srv, API + "/articles?per_page=7&page=%d" % last)
    check_eq("articles last page: items", len(doc["items"]),
             total - 7 * (last - 1))
    check_eq("articles last page: Link rels", sorted(links(h)),
             ["first", "last", "prev"])
    st, h, doc = get_json(srv, API + "/articles?per_page=1&page=%d" % total)
    check_eq("articles per_page=1, last: the oldest",
             [a["slug"] for a in doc["items"]], want[-1:])
    st, h, doc = get_json(srv, API + "/articles?per_page=100")
    check_eq("articles per_page=100: items", len(doc["items"]),
             min(total, 100))
    check_eq("articles per_page=100: one Link per rel on a single page",
             sorted(links(h)) if total <= 100 else None,
             ["first", "last"] if total <= 100 else None)

    # Edges: past the last page, malformed or out of range numbers.
    problem(srv, "articles past the last page",
            API + "/articles?per_page=7&page=%d" % (last + 1), 404, "page")
    for q, param in [("page=0", "page"), ("page=-1", "page"),
                     ("page=abc", "page"), ("page=02", "page"),
                     ("page=+2", "page"), ("page=1.5", "page"),
                     ("page=100001", "page"), ("page=", "page"),
                     ("per_page=0", "per_page"),
                     ("per_page=101", "per_page"),
                     ("per_page=ten", "per_page"),
                     ("per_page=020", "per_page")]:
        problem(srv, "articles ?" + q, API + "/articles?" + q, 400, param)
    problem(srv, "articles: malformed query string",
            API + "/articles?page=%ZZ", 400)
    st, _, doc = get_json(srv, API + "/articles?junk=1&utm_source=x")
    check("articles: unknown parameters are ignored",
          st == 200 and [a["slug"] for a in doc["items"]] == want[:20],
          "status %d" % st)
    return want


def article_filters(srv, base):
    sec = srv.sql("SELECT slug FROM sections ORDER BY position LIMIT 1")[0][0]
    want = [r[0] for r in srv.sql("SELECT a.slug" + ART_PUB +
                                  " AND s.slug = ?" + NEWEST, (sec,))]
    items, first = walk(srv, base, API + "/articles?section=" + sec +
                        "&per_page=5")
    check_eq("articles by section: every one, newest first",
             [a["slug"] for a in items], want)
    check_eq("articles by section: total", first["total"], len(want))
    check("articles by section: all of that section",
          all(a["section"]["slug"] == sec for a in items), sec)

    author = srv.sql("SELECT p.slug FROM people p JOIN article_authors aa"
                     " ON aa.person_id = p.id GROUP BY p.id"
                     " ORDER BY count(*) DESC LIMIT 1")[0][0]
    want = [r[0] for r in srv.sql(
        "SELECT a.slug" + ART_PUB + " AND a.id IN (SELECT aa.article_id"
        " FROM article_authors aa JOIN people p ON p.id = aa.person_id"
        " WHERE p.slug = ?)" + NEWEST, (author,))]
    items, first = walk(srv, base, API + "/articles?author=" + author +
                        "&per_page=3")
    check_eq("articles by author: every one, newest first",
             [a["slug"] for a in items], want)
    check("articles by author: each has the author",
          all(author in [x["slug"] for x in a["authors"]] for a in items),
          author)

    number = srv.sql("SELECT max(number) FROM issues"
                     " WHERE status = 'published'")[0][0]
    want = [r[0] for r in srv.sql(
        "SELECT a.slug" + ART_PUB + " AND i.number = ?"
        " ORDER BY s.position, a.position, a.id", (number,))]
    items, first = walk(srv, base, API + "/articles?issue=%d&per_page=4" %
                        number)
    check_eq("articles by issue: in the issue's order",
             [a["slug"] for a in items], want)
    st, h, doc = get_json(srv, API + "/articles?issue=%d&per_page=4&page=2"
                          % number)
    check_eq("articles by issue: Link keeps the filter",
             links(h).get("first"),
             base + API + "/articles?issue=%d&per_page=4" % number)

    problem(srv, "articles: two filters", API + "/articles?section=" + sec +
            "&author=" + author, 400)
    problem(srv, "articles: empty section", API + "/articles?section=",
            400, "section")
    problem(srv, "articles: unknown section",
            API + "/articles?section=no-such-section", 404, "section")
    problem(srv, "articles: unknown author",
            API + "/articles?author=no-such-person", 404, "author")
    problem(srv, "articles: unknown issue", API + "/articles?issue=99999",
            404, "issue")
    problem(srv, "articles: issue not a number",
            API + "/articles?issue=last", 400, "issue")
    problem(srv, "articles: issue with a leading zero",
            API + "/articles?issue=0%d" % number, 400, "issue")
    draft = srv.sql("SELECT number FROM issues WHERE status = 'draft'"
                    " LIMIT 1")
    if draft:
        problem(srv, "articles: a draft issue names nothing",
                API + "/articles?issue=%d" % draft[0][0], 404, "issue")
    doc = problem(srv, "articles: an odd section slug is named back",
                  API + "/articles?section=" +
                  urllib.parse.quote("<b>é\"x"), 404, "section")
    check_in("articles: the detail quotes the value", "<b>é\"x",
             doc.get("detail", ""))


def article(srv, base):
    aid, slug, title, body, reads, upd = srv.sql(
        "SELECT a.id, a.slug, a.title, b.body, coalesce(r.reads, 0),"
        " a.updated_at FROM articles a"
        " JOIN article_bodies b ON b.article_id = a.id"
        " LEFT JOIN article_reads r ON r.article_id = a.id"
        " WHERE a.status = 'published' ORDER BY a.id LIMIT 1")[0]
    st, h, doc = get_json(srv, API + "/articles/" + slug)
    check_eq("article: 200", st, 200)
    check_eq("article: id, slug, title, updated_at",
             (doc["id"], doc["slug"], doc["title"], doc["updated_at"]),
             (aid, slug, title, upd))
    check_eq("article: body.markdown as stored", doc["body"]["markdown"],
             body)
    # The same HTML as the article's page (fetched by a robot, which the
    # counter leaves out).
    st, _, page = srv.get("/articles/" + slug, headers={
        "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; "
                      "+http://www.google.com/bot.html)"})
    page = page.decode("utf-8")
    start = page.find('<div class="article-body">')
    end = page.find("</div>", start)
    check_eq("article: body.html is the page's rendered Markdown",
             doc["body"]["html"].strip(),
             page[start + len('<div class="article-body">'):end].strip())
    check("article: reads is a number", isinstance(doc["reads"], int) and
          not isinstance(doc["reads"], bool), repr(doc["reads"]))
    check_eq("article: reads as stored", doc["reads"], reads)
    check_eq("article: no note to readers",
             (doc["correction"], doc["correction_kind"],
              doc["correction_date"]), ("", "correction", ""))
    srv.sql_write("UPDATE articles SET correction = 'A date was wrong.',"
                  " correction_kind = 'update', correction_date ="
                  " '2026-12-03' WHERE id = ?", (aid,))
    for _ in range(100):    # until the server's tick sees the change
        st, _, noted = get_json(srv, API + "/articles/" + slug)
        if noted.get("correction"):
            break
        srv.pause(0.1)
    check_eq("article: its note to readers", (noted.get("correction"),
             noted.get("correction_kind"), noted.get("correction_date")),
             ("A date was wrong.", "update", "2026-12-03"))
    srv.sql_write("UPDATE articles SET correction = '', correction_kind ="
                  " 'correction', correction_date = '' WHERE id = ?", (aid,))
    for _ in range(100):    # the change seen, before the reads' tests
        st, _, noted = get_json(srv, API + "/articles/" + slug)
        if not noted.get("correction"):
            break
        srv.pause(0.1)
    check_eq("article: its ETag is the content version's, no read count",
             h.get("etag", "").count("-"), 1)
    problem(srv, "article: unknown slug", API + "/articles/no-such-slug",
            404)
    problem(srv, "article: bad percent-encoding",
            API + "/articles/%ZZ", 400)
    return aid, slug


def reads(srv, aid, slug):
    """The API shows the count as a number, counts no read itself, and
    a cached answer keeps its count until content changes."""
    stored = srv.sql("SELECT coalesce(sum(reads), 0) FROM article_reads"
                     " WHERE article_id = ?", (aid,))[0][0]
    for i in range(3):
        call(srv, API + "/articles/" + slug,
             headers={"User-Agent": "Mozilla/5.0 reader %d" % i})
    srv.pause(2.5)      # past a flush
    after = srv.sql("SELECT coalesce(sum(reads), 0) FROM article_reads"
                    " WHERE article_id = ?", (aid,))[0][0]
    check_eq("reads: API requests are not reads", after, stored)
    st, _, _ = srv.get("/articles/" + slug)     # a reader, counted
    check_eq("reads: the page counts a read", st, 200)
    srv.pause(2.5)
    counted = srv.sql("SELECT coalesce(sum(reads), 0) FROM article_reads"
                      " WHERE article_id = ?", (aid,))[0][0]
    check_eq("reads: the page's read is stored", counted, stored + 1)
    st, h, doc = get_json(srv, API + "/articles/" + slug)
    check_eq("reads: a cached answer lags until content changes",
             doc["reads"], stored)
    srv.sql_write("UPDATE sections SET description = description || ' '"
                  " WHERE id = (SELECT min(id) FROM sections)")
    ok, (st, h2, doc) = eventually(
        srv, lambda: get_json(srv, API + "/articles/" + slug, keep=False),
        lambda a: a[2]["reads"] == stored + 1)
    check("reads: after a content change the count is new", ok,
          "still %r" % doc["reads"])
    check("reads: and so is the ETag", h2.get("etag") != h.get("etag"),
          h2.get("etag"))


def issues(srv, base):
    rows = srv.sql("SELECT i.number, i.volume, i.date, i.title,"
                   " (SELECT count(*) FROM articles a WHERE a.issue_id ="
                   " i.id AND a.status = 'published')"
                   " FROM issues i WHERE i.status = 'published'"
                   " ORDER BY i.date DESC, i.number DESC")
    items, first = walk(srv, base, API + "/issues?per_page=2")
    check_eq("issues: every published issue, newest first",
             [(x["number"], x["volume"], x["date"], x["title"],
               x["articles_count"]) for x in items], rows)
    check_eq("issues: api_url", items[0]["api_url"],
             base + API + "/issues/%d" % rows[0][0])
    n = rows[len(rows) // 2][0]
    st, h, doc = get_json(srv, API + "/issues/%d" % n)
    check_eq("issue: 200", st, 200)
    want = [r[0] for r in srv.sql(
        "SELECT a.slug" + ART_PUB + " AND i.number = ?"
        " ORDER BY s.position, a.position, a.id", (n,))]
    check_eq("issue: table of contents in order",
             [a["slug"] for a in doc["articles"]], want)
    check_eq("issue: articles_count", doc["articles_count"], len(want))
    nums = sorted(r[0] for r in rows)
    i = nums.index(n)
    check_eq("issue: previous and next",
             (doc["previous"] and doc["previous"]["number"],
              doc["next"] and doc["next"]["number"]),
             (nums[i - 1] if i > 0 else None,
              nums[i + 1] if i + 1 < len(nums) else None))
    st, _, doc = get_json(srv, API + "/issues/%d" % nums[0])
    check("issue: the first has no previous", doc["previous"] is None,
          repr(doc["previous"]))
    problem(srv, "issue: unknown number", API + "/issues/99999", 404)
    problem(srv, "issue: a leading zero", API + "/issues/0%d" % n, 404)
    problem(srv, "issue: not a number", API + "/issues/latest", 404)
    problem(srv, "issues past the last page",
            API + "/issues?page=%d" % (len(rows) + 1), 404, "page")


def sections(srv, base):
    rows = srv.sql("SELECT slug, name, description, position FROM sections"
                   " ORDER BY position, name")
    st, h, doc = get_json(srv, API + "/sections")
    check_eq("sections: in the journal's order",
             [(s["slug"], s["name"], s["description"], s["position"])
              for s in doc["items"]], rows)
    check_eq("sections: total", doc["total"], len(rows))
    check_eq("sections: articles_url", doc["items"][0]["articles_url"],
             base + API + "/articles?section=" + rows[0][0])
    st, h, one = get_json(srv, API + "/sections/" + rows[-1][0])
    check_eq("section: the same resource as in the list", one,
             doc["items"][-1])
    problem(srv, "section: unknown", API + "/sections/no-such", 404)


def authors(srv, base):
    rows = srv.sql("SELECT slug, name, affiliation, staff FROM people"
                   " ORDER BY name")
    items, first = walk(srv, base, API + "/authors?per_page=8")
    check_eq("authors: everyone, by name",
             [(a["slug"], a["name"], a["affiliation"], a["staff"])
              for a in items],
             [(r[0], r[1], r[2], bool(r[3])) for r in rows])
    slug, bio, photo = srv.sql("SELECT slug, bio, photo FROM people"
                               " WHERE bio <> '' LIMIT 1")[0]
    st, h, doc = get_json(srv, API + "/authors/" + slug)
    check_eq("author: bio.markdown as stored", doc["bio"]["markdown"], bio)
    check("author: bio.html rendered", doc["bio"]["html"].startswith("<p>"),
          doc["bio"]["html"][:100])
    check_eq("author: photo", doc["photo"], photo or None)
    check_eq("author: articles_url", doc["articles_url"],
             base + API + "/articles?author=" + slug)
    problem(srv, "author: unknown", API + "/authors/no-such", 404)
    return slug


def publications(srv, base):
    q = ("SELECT p.title FROM publications p JOIN pub_types t"
         " ON t.id = p.type_id")
    want = [r[0] for r in srv.sql(q + " ORDER BY p.date DESC, p.id DESC")]
    items, first = walk(srv, base, API + "/publications?per_page=6")
    check_eq("publications: every one, newest first",
             [p["title"] for p in items], want)
    typ = srv.sql("SELECT t.slug FROM pub_types t JOIN publications p"
                  " ON p.type_id = t.id GROUP BY t.id ORDER BY count(*)"
                  " DESC LIMIT 1")[0][0]
    want = [r[0] for r in srv.sql(q + " WHERE t.slug = ?"
                                  " ORDER BY p.date DESC, p.id DESC", (typ,))]
    items, first = walk(srv, base, API + "/publications?type=" + typ +
                        "&per_page=2")
    check_eq("publications by type", [p["title"] for p in items], want)
    check("publications by type: each of the type",
          all(p["type"]["slug"] == typ for p in items), typ)
    who = srv.sql("SELECT pp.slug FROM publication_authors pa"
                  " JOIN people pp ON pp.id = pa.person_id"
                  " GROUP BY pp.id ORDER BY count(*) DESC LIMIT 1")[0][0]
    want = [r[0] for r in srv.sql(
        q + " WHERE t.slug = ? AND p.id IN (SELECT pa.publication_id FROM"
        " publication_authors pa JOIN people pp ON pp.id = pa.person_id"
        " WHERE pp.slug = ?) ORDER BY p.date DESC, p.id DESC", (typ, who))]
    st, h, doc = get_json(srv, API + "/publications?type=%s&author=%s" %
                          (typ, who))
    check_eq("publications by type and author",
             [p["title"] for p in doc["items"]], want)
    urls = [p["url"] for p in items if p["url"] is not None]
    check("publications: URLs absolute",
          all(u.startswith(("http://", "https://", "mailto:"))
              for u in urls), repr(urls[:3]))
    problem(srv, "publications: unknown type",
            API + "/publications?type=no-such", 404, "type")
    problem(srv, "publications: unknown author",
            API + "/publications?author=no-such", 404, "author")
    problem(srv, "publications: empty type", API + "/publications?type=",
            400, "type")


def events(srv, base):
    now = srv.sql("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")[0][0]
    up = [r[0] for r in srv.sql("SELECT title FROM events"
                                " WHERE starts_at >= ? ORDER BY starts_at",
                                (now,))]
    past = [r[0] for r in srv.sql("SELECT title FROM events"
                                  " WHERE starts_at < ?"
                                  " ORDER BY starts_at DESC LIMIT 100",
                                  (now,))]
    items, _ = walk(srv, base, API + "/events?per_page=2")
    check_eq("events: upcoming by default, soonest first",
             [e["title"] for e in items], up)
    items, _ = walk(srv, base, API + "/events?when=past&per_page=2")
    check_eq("events: past, latest first", [e["title"] for e in items],
             past)
    st, h, doc = get_json(srv, API + "/events?when=upcoming")
    check_eq("events ?when=upcoming", [e["title"] for e in doc["items"]],
             up[:20])
    etag = h.get("etag", "")
    check("events: a strong ETag of its bytes (not cached by version)",
          etag.startswith('"') and len(etag) == 18, etag)
    st, _, text = call(srv, API + "/events?when=upcoming",
                       headers={"If-None-Match": etag})
    check_eq("events: 304 for its ETag", (st, text), (304, ""))
    problem(srv, "events: when=soon", API + "/events?when=soon", 400,
            "when")


def conditional(srv, base, slug, author):
    for path in [API + "/articles", API + "/articles?per_page=5&page=2",
                 API + "/articles/" + slug, API + "/issues",
                 API + "/sections", API + "/authors/" + author,
                 API + "/publications"]:
        st, h, body = call(srv, path)
        etag = h.get("etag")
        check("%s: ETag" % path, st == 200 and etag, repr(etag))
        st, h2, body2 = call(srv, path, headers={"If-None-Match": etag})
        check_eq("%s: 304 for its ETag" % path, st, 304)
        check_eq("%s: 304 has no body" % path, body2, "")
        st, _, _ = call(srv, path, headers={"If-None-Match": '"other"'})
        check_eq("%s: 200 for another ETag" % path, st, 200)
        st, h3, body3 = call(srv, path, method="HEAD")
        check_eq("%s: HEAD 200" % path, st, 200)
        check_eq("%s: HEAD has no body" % path, body3, "")
        check_eq("%s: HEAD has GET's headers" % path,
                 (h3.get("etag"), h3.get("link"), h3.get("content-type")),
                 (h.get("etag"), h.get("link"), h.get("content-type")))


def cache(srv, base):
    path = API + "/articles?per_page=3&page=2"
    st, h1, b1 = call(srv, path)
    st, h2, b2 = call(srv, path)
    check_eq("cache: a cached list keeps its Link header", h2.get("link"),
             h1.get("link"))
    check_eq("cache: and its body", b2, b1)
    title = srv.sql("SELECT a.title" + ART_PUB + NEWEST +
                    " LIMIT 1 OFFSET 3")[0][0]
    srv.sql_write("UPDATE articles SET title = title || ' (revised)'"
                  " WHERE title = ?", (title,))
    ok, (st, h3, doc) = eventually(
        srv, lambda: get_json(srv, path, keep=False),
        lambda a: a[2]["items"][0]["title"] == title + " (revised)")
    check("cache: a content change reaches a cached list", ok,
          "still %r" % doc["items"][0]["title"])
    check("cache: with a new ETag", h3.get("etag") != h1.get("etag"),
          h3.get("etag"))
    slug = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                   " ORDER BY id DESC LIMIT 1")[0][0]
    st, _, _ = call(srv, API + "/articles/" + slug)
    srv.sql_write("UPDATE articles SET status = 'draft' WHERE slug = ?",
                  (slug,))
    gone, (st, _, _) = eventually(
        srv, lambda: call(srv, API + "/articles/" + slug, keep=False),
        lambda a: a[0] == 404)
    check("cache: an unpublished article is a 404 after the next tick",
          gone, "status %d" % st)
    problem(srv, "cache: unpublished article", API + "/articles/" + slug,
            404)


def server_error(srv):
    """A failure of the server's (an article past LIMIT_BODY_MD) is a 500
    problem that does not say its cause."""
    slug = srv.sql("SELECT slug FROM articles WHERE status = 'published'"
                   " ORDER BY id LIMIT 1 OFFSET 5")[0][0]
    srv.sql_write("UPDATE article_bodies SET body = ? WHERE article_id ="
                  " (SELECT id FROM articles WHERE slug = ?)",
                  ("word " * (1024 * 1024 // 5 + 10), slug))
    ok, _ = eventually(
        srv, lambda: call(srv, API + "/articles/" + slug, keep=False),
        lambda a: a[0] == 500)
    check("500: an article past LIMIT_BODY_MD fails", ok, "never a 500")
    doc = problem(srv, "500", API + "/articles/" + slug, 500)
    check("500: the cause stays in the log",
          "LIMIT" not in doc.get("detail", "") and
          "limit" not in doc.get("detail", ""), doc.get("detail"))


def errors(srv):
    problem(srv, "unknown API path", API + "/nothing", 404)
    problem(srv, "unknown API version", "/api/v2/articles", 404)
    doc = problem(srv, "POST to a read endpoint", API + "/sections", 405,
                  method="POST", body=b"a=1",
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    st, h, _ = call(srv, API + "/sections", method="DELETE", keep=False)
    check_eq("405: Allow lists the methods", h.get("allow"),
             "GET, HEAD, OPTIONS")
    for accept in ["text/html", "application/xml, text/*;q=0.9",
                   "application/json;q=0", "*/*;q=0",
                   "application/*;q=0, text/html",
                   "application/json;q=2, text/html"]:
        problem(srv, "Accept: " + accept, API + "/articles", 406,
                headers={"Accept": accept})
    problem(srv, "406 before the cache", API + "/sections", 406,
            headers={"Accept": "text/html"})
    for accept in ["application/json", "application/*", "*/*",
                   "text/html, */*;q=0.1", "application/json;q=0.001",
                   "text/html;q=0, application/json", "nonsense",
                   "application/json;q=2", ""]:
        st, _, _ = call(srv, API + "/sections", headers={"Accept": accept})
        check_eq("Accept: %r is served" % accept, st, 200)
    problem(srv, "an address too long", API + "/articles/" + "a" * 3000,
            414)
    problem(srv, "a GET with a body of another type",
            API + "/articles", 415, body=b"hello",
            headers={"Content-Type": "text/plain"})
    st, h, body = srv.get("/no-such-page")
    check("pages outside the API keep the theme's error page",
          st == 404 and h.get("content-type", "").startswith("text/html"),
          h.get("content-type"))
    st, h, _ = srv.get("/api/v1/articles/")
    check_eq("a trailing slash redirects", (st, h.get("location")),
             (301, "/api/v1/articles"))
    # No answer of the API holds the pages' reads marker.
    check("no answer holds the reads marker",
          not any("<!--reads:" in a["body"] for a in answers),
          "a marker leaked")
    check("no answer holds the HTML of a page",
          not any("<!DOCTYPE" in a["body"] or "<html" in a["body"]
                  for a in answers), "a page leaked")


def main():
    label = "api"
    lint(label)
    with Server(articles=60) as srv:
        base = srv.sql("SELECT value FROM settings"
                       " WHERE key = 'base_url'")[0][0].rstrip("/")
        openapi(srv)
        articles(srv, base)
        article_filters(srv, base)
        aid, slug = article(srv, base)
        issues(srv, base)
        sections(srv, base)
        author = authors(srv, base)
        publications(srv, base)
        events(srv, base)
        conditional(srv, base, slug, author)
        errors(srv)
        reads(srv, aid, slug)
        cache(srv, base)
        server_error(srv)
    # Without a base_url, URLs are paths from the site's root.
    with Server(articles=20) as srv:
        srv.sql_write("DELETE FROM settings WHERE key = 'base_url'")
        ok, (st, _, doc) = eventually(
            srv, lambda: get_json(srv, API + "/sections", keep=False),
            lambda a: a[2]["items"][0]["api_url"].startswith("/"))
        get_json(srv, API + "/sections")     # kept for the schema check
        check("no base_url: URLs from the site's root", ok,
              doc["items"][0]["api_url"])
        st, h, doc = get_json(srv, API + "/articles?per_page=5")
        check_eq("no base_url: Link next", links(h).get("next"),
                 API + "/articles?page=2&per_page=5")
    validate(label)


if __name__ == "__main__":
    main()
    done()
