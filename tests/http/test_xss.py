"""An XSS corpus in every stored field the public site shows, every page
checked in Debian's Chromium with the Content-Security-Policy turned off
(tests/browser/xss.mjs), so that escaping and the URL sanitiser, not the
CSP, are what keeps scripts out.

The corpus is written straight into a demo database with sqlite3, past
store_put's URL check, as an operator's shell or an older version could
have left it: the render-time check is what is tested.  Text fields get
every text payload (HTML breakers, attribute breakers, Markdown links to
script schemes); each URL field gets one hostile URL per row, rotating
through the URL payloads, with extra partner-link rows so that every URL
payload reaches the sidebar.  Each payload calls __xss(id) with an id
naming the field, row and payload, so a failure says which one ran.
Reflected input is tried too: the 404 page, the publication filters, a
bad page number and the newsletter form.

The test proves it can fail: xss.mjs first runs markup the test itself
injects and requires it to execute.
"""
import json
import os
import shutil
import sqlite3
import tempfile
import urllib.parse

import harness
from harness import Server, check, check_eq, done
PER_PAGE = 20   # src/web/web.h

# Text payloads: "ID" becomes the payload's id.
TEXT = [
    "<script>__xss(ID)</script>",
    "<img src=x onerror=__xss(ID)>",
    "\"><img src=x onerror=__xss(ID)>",
    "'><img src=x onerror=__xss(ID)>",
    "</title><script>__xss(ID)</script>",
    "</textarea><script>__xss(ID)</script>",
    "</style><script>__xss(ID)</script>",
    "--><script>__xss(ID)</script><!--",
    "]]><script>__xss(ID)</script>",
    "<svg onload=__xss(ID)>",
    "<svg><script>__xss(ID)</script></svg>",
    "<svg><animate onbegin=__xss(ID) attributeName=x dur=1s>",
    "<body onload=__xss(ID)>",
    "<details open ontoggle=__xss(ID)>",
    "<input autofocus onfocus=__xss(ID)>",
    "\" autofocus onfocus=__xss(ID) x=\"",
    "' autofocus onfocus=__xss(ID) x='",
    "` autofocus onfocus=__xss(ID) x=`",
    "<scr<script>ipt>__xss(ID)</scr</script>ipt>",
    "<SCRIPT SRC=data:,__xss(ID)></SCRIPT>",
    "<iframe srcdoc=\"<script>parent.__xss(ID)</script>\"></iframe>",
    "<iframe src=\"javascript:parent.__xss(ID)\"></iframe>",
    "<object data=\"javascript:__xss(ID)\"></object>",
    "<embed src=\"javascript:__xss(ID)\">",
    "<a href=\"javascript:__xss(ID)\">x</a>",
    "<a href=\"&#106;avascript:__xss(ID)\">x</a>",
    "<form><button formaction=javascript:__xss(ID)>x</button></form>",
    "<base href=\"javascript:__xss(ID)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__xss(ID)\">",
    "<audio src=x onerror=__xss(ID)>",
    "<video><source onerror=__xss(ID)></video>",
    "<noscript><p title=\"</noscript><img src=x onerror=__xss(ID)>\">",
    "<!--<img src=\"--><img src=x onerror=__xss(ID)//\">",
    "<math><mtext></p><script>__xss(ID)</script>",
    "&lt;script&gt;__xss(ID)&lt;/script&gt;",
    "javascript:__xss(ID)",
    "{{{x}}}{{#x}}<script>__xss(ID)</script>{{/x}}",
    # Markdown: links and images to script schemes, however spelt.
    "[x](javascript:__xss(ID))",
    "![x](javascript:__xss(ID))",
    "[x](JaVaScRiPt:__xss(ID))",
    "<javascript:__xss(ID)>",
    "[x](<java\tscript:__xss(ID)>)",
    "[x](&#106;avascript:__xss(ID))",
    "[x](&#x20;javascript:__xss(ID))",
    "[x](vbscript:__xss(ID))",
    "[x](data:text/html,%3Cscript%3E__xss(ID)%3C/script%3E)",
    "[x][rID]\n\n[rID]: javascript:__xss(ID)\n",
]

# URL payloads, for href and src values.
URLS = [
    "javascript:__xss(ID)",
    "JaVaScRiPt:__xss(ID)",
    "JAVASCRIPT:__xss(ID)",
    " javascript:__xss(ID)",
    "\tjavascript:__xss(ID)",
    "\n javascript:__xss(ID)",
    "java\tscript:__xss(ID)",
    "java\nscript:__xss(ID)",
    "java\rscript:__xss(ID)",
    "\x01javascript:__xss(ID)",
    "\x1f\x7fjavascript:__xss(ID)",
    "javascript://%0a__xss(ID)",
    "vbscript:__xss(ID)",
    "VBScript:__xss(ID)",
    "data:text/html,<script>__xss(ID)</script>",
    "data:image/svg+xml,<svg onload=__xss(ID)>",
    "\"><img src=x onerror=__xss(ID)>",
    "' onmouseover=__xss(ID) x='",
    "\" autofocus onfocus=__xss(ID) x=\"",
    "&#106;avascript:__xss(ID)",
    "jav&#x09;ascript:__xss(ID)",
]

# Slugs reach URLs through percent-encoding; no '/' so routes still match.
SLUGS = ["\"><img src=x onerror=__xss(ID)>", "'><svg onload=__xss(ID)>"]


class Corpus:
    def __init__(self):
        self.labels = {}

    def one(self, payload, where):
        i = len(self.labels) + 1
        self.labels[str(i)] = where
        return payload.replace("ID", str(i))

    def text(self, where, sep=" "):
        return sep.join(self.one(p, "%s text %d" % (where, k))
                        for k, p in enumerate(TEXT))

    def url(self, where, k):
        return self.one(URLS[k % len(URLS)], "%s url %d" % (where,
                                                           k % len(URLS)))


# Where the corpus goes.  Text columns get every text payload; Markdown
# ones too, one paragraph each; URL columns one URL payload per row,
# rotating from the offset; slug columns a payload on the first rows.
TEXT_COLS = [
    ("sections", ("name", "description")),
    ("issues", ("title",)),
    ("articles", ("title", "dek", "correction")),
    ("people", ("name", "affiliation", "role")),
    ("pub_types", ("name",)),
    ("publications", ("title", "venue", "summary")),
    ("links", ("name", "description")),
    ("events", ("title", "place", "description", "tz")),
]
MD_COLS = [("people", "bio"), ("article_bodies", "body")]
URL_COLS = [("people", "photo", 0), ("publications", "url", 0),
            ("publications", "cover", 7), ("events", "url", 0)]
SLUG_COLS = [("sections", "s"), ("articles", "a"), ("people", "p"),
             ("pub_types", "t")]
SITE_TEXT = ("name", "tagline", "language", "frequency", "contact",
             "footer_text", "issn", "heading_links", "heading_publications",
             "heading_about", "heading_newsletter")


def write_corpus(db):
    """Write the corpus into every field the public site shows; returns
    (corpus, number of values written)."""
    c = Corpus()
    con = sqlite3.connect(db)
    key = {"article_bodies": "article_id"}
    n = 0

    def rows(table):
        return [r[0] for r in con.execute(
            "SELECT %s FROM %s ORDER BY 1" % (key.get(table, "id"), table))]

    def put(table, col, rid, value):
        nonlocal n
        n += con.execute("UPDATE %s SET %s = ? WHERE %s = ?" %
                         (table, col, key.get(table, "id")),
                         (value, rid)).rowcount

    for table, cols in TEXT_COLS:
        for rid in rows(table):
            for col in cols:
                put(table, col, rid, c.text("%s %d %s" % (table, rid, col)))
    for table, col in MD_COLS:
        for rid in rows(table):
            put(table, col, rid, c.text("%s %d %s" % (table, rid, col),
                                        "\n\n"))
    for table, col, off in URL_COLS:
        for i, rid in enumerate(rows(table)):
            put(table, col, rid, c.url("%s %d %s" % (table, rid, col),
                                       i + off))
    for table, prefix in SLUG_COLS:
        for i, rid in enumerate(rows(table)[:len(SLUGS)]):
            put(table, "slug", rid, "%s%d" % (prefix, rid) +
                c.one(SLUGS[i], "%s %d slug" % (table, rid)))
    for rid in rows("issues"):
        date = con.execute("SELECT date FROM issues WHERE id = ?",
                           (rid,)).fetchone()[0]
        put("issues", "date", rid, date[:10] +
            c.one(TEXT[2], "issues %d date" % rid))
    site = [(k, c.text("site " + k)) for k in SITE_TEXT]
    site += [("about", c.text("site about", "\n\n")),
             ("base_url", c.url("site base_url", 4))]
    for k, v in site:
        n += con.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                         " ON CONFLICT (key) DO UPDATE SET value ="
                         " excluded.value", (k, v)).rowcount
    # Enough partner links for every URL payload to reach the sidebar.
    for k in range(len(URLS)):
        n += con.execute("INSERT INTO links (name, url, description,"
                         " position) VALUES (?, ?, '', ?)",
                         ("x%d" % k, c.url("new link %d" % k, k),
                          100 + k)).rowcount
    con.commit()
    con.close()
    return c, n


def page_paths(srv):
    q = urllib.parse.quote

    def pages(base, total):
        sep = "&" if "?" in base else "?"
        last = max(1, (total + PER_PAGE - 1) // PER_PAGE)
        return [base] + ["%s%spage=%d" % (base, sep, k)
                         for k in range(2, last + 1)]

    paths = ["/", "/issues", "/about", "/events", "/newsletter"]
    npubs = srv.sql("SELECT count(*) FROM publications")[0][0]
    paths += pages("/publications", npubs)
    for slug, cnt in srv.sql(
            "SELECT t.slug, count(p.id) FROM pub_types t LEFT JOIN"
            " publications p ON p.type_id = t.id GROUP BY t.id"):
        paths += pages("/publications?type=" + q(slug, safe=""), cnt)
    for slug, cnt in srv.sql(
            "SELECT s.slug, count(a.id) FROM sections s LEFT JOIN articles a"
            " ON a.section_id = s.id AND a.status = 'published'"
            " GROUP BY s.id"):
        paths += pages("/sections/" + q(slug, safe=""), cnt)
    for (num,) in srv.sql("SELECT number FROM issues WHERE"
                          " status = 'published' ORDER BY number"):
        paths.append("/issues/%d" % num)
    for (slug,) in srv.sql("SELECT slug FROM articles WHERE"
                           " status = 'published' ORDER BY id"):
        paths.append("/articles/" + q(slug, safe=""))
    for slug, staff in srv.sql("SELECT slug, staff FROM people ORDER BY id"):
        paths.append("/authors/" + q(slug, safe=""))
        if staff:
            paths.append("/publications?author=" + q(slug, safe=""))
    # Reflected input: the error page, filters, a bad page number.
    probe = "\"><script>__xss('reflected')</script>"
    paths += ["/no-such-page/" + q(probe, safe=""),
              "/publications?type=" + q(probe, safe=""),
              "/publications?author=" + q(probe, safe=""),
              "/issues?page=" + q(probe, safe="")]
    return paths


def main():
    if not harness.browser_ready("xss", "playwright-core"):
        return
    # A database of its own, written while no server runs.
    work = tempfile.mkdtemp(prefix="octavo-xss-")
    db = os.path.join(work, "xss.db")
    harness.make_demo(db, articles=40)
    corpus, n = write_corpus(db)
    check("xss: corpus written into the database", n > 500,
          "%d values written" % n)
    with Server(db=db) as srv:
        paths = page_paths(srv)
        plan = {
            "base": "http://127.0.0.1:%d" % srv.port,
            "pages": paths,
            "forms": [{"path": "/newsletter",
                       "selector": "#newsletter-email",
                       "value": corpus.one(p, "newsletter email %d" % k)}
                      for k, p in enumerate(TEXT[:6] + URLS[16:19])],
            "labels": corpus.labels,
        }
        pf = os.path.join(work, "plan.json")
        with open(pf, "w") as f:
            json.dump(plan, f)
        lines = harness.run_browser("xss.mjs", [pf], "xss")
        check_eq("xss: a result for the control, every page and form",
                 len(lines), 1 + len(paths) + len(plan["forms"]))
    shutil.rmtree(work, ignore_errors=True)


main()
done()
