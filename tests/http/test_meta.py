"""Metadata in every page's head, for machines: Open Graph and Twitter
cards, schema.org JSON-LD and Google Scholar's citation_* tags.

- every @type and property of every page's JSON-LD is in the schema.org
  vocabulary (release 30.0, tests/data/schemaorg), each property on a
  type it applies to (domainIncludes, through the class hierarchy);
- the article rich result's properties are there (Google's list for
  Article: headline, image, datePublished, dateModified, author with
  name and url; publisher), and the article is part of its issue, part
  of the Periodical with the ISSN; a BreadcrumbList;
- citation_* tags of every published article match the database
  (title, authors in order, publication date, journal title, volume,
  issue, ISSN, no PDF URL since none is stored);
- section, author, issue and home pages carry CollectionPage,
  ProfilePage, PublicationIssue and Periodical, and no SearchAction
  (there is no search route);
- every URL is absolute under base_url and answers 200; og:url and the
  canonical link agree;
- a title holding "</script>", "<!--" and U+2028 stays data: the
  script's text has none of them raw and parses back to the title;
- the CSP still allows no inline script, and Chromium reports no
  violation on an article page (where it does report an inline script
  under the same script-src): JSON-LD is data; without base_url no card
  or JSON-LD.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402

VOCAB = os.path.join(harness.ROOT, "tests", "data", "schemaorg",
                     "schemaorg-all-https.jsonld")
ISSN = "2049-3630"


class Vocab:
    """The classes and properties of schema.org, from its JSON-LD."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            graph = json.load(f)["@graph"]
        self.parents = {}
        self.domains = {}
        for n in graph:
            t = n.get("@type")
            t = t if isinstance(t, list) else [t]
            if not n["@id"].startswith("schema:"):
                continue	# bibo:, dct:... terms it maps to
            name = n["@id"].split(":", 1)[1]
            if "rdfs:Class" in t or "schema:DataType" in t:
                # A term may have several nodes: merge them.
                self.parents.setdefault(name, []).extend(
                    p["@id"].split(":", 1)[1] for p in
                    listify(n.get("rdfs:subClassOf"))
                    if p["@id"].startswith("schema:"))
            if "rdf:Property" in t:
                self.domains.setdefault(name, set()).update(
                    d["@id"].split(":", 1)[1] for d in
                    listify(n.get("schema:domainIncludes")))

    def ancestors(self, cls):
        out, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in out:
                out.add(c)
                todo.extend(self.parents.get(c, []))
        return out

    def check_node(self, label, node, problems):
        """Every type and property of node and what it holds."""
        if isinstance(node, list):
            for x in node:
                self.check_node(label, x, problems)
            return
        if not isinstance(node, dict):
            return
        types = listify(node.get("@type"))
        for t in types:
            if t not in self.parents:
                problems.append("%s: unknown type %s" % (label, t))
        known = set()
        for t in types:
            known |= self.ancestors(t)
        for k, v in node.items():
            if k.startswith("@"):
                if k == "@graph":
                    self.check_node(label, v, problems)
                continue
            if k not in self.domains:
                problems.append("%s: unknown property %s" % (label, k))
            elif types and not (self.domains[k] & known):
                problems.append("%s: %s not a property of %s" %
                                (label, k, "/".join(types)))
            self.check_node(label, v, problems)


def listify(x):
    if x is None:
        return []
    return x if isinstance(x, list) else [x]


def head_of(srv, path):
    st, h, body = srv.get(path)
    doc = harness.parse_html(body)
    head = doc.find("head")
    metas = []
    for m in head.find_all("meta"):
        k = m.attrs.get("property") or m.attrs.get("name")
        if k:
            metas.append((k, m.attrs.get("content")))
    scripts = [s for s in head.find_all("script")]
    canon = head.find("link", attrs={"rel": "canonical"})
    return st, h, body, metas, scripts, canon.attrs.get("href") if canon \
        else None


def one(metas, key):
    vals = [v for k, v in metas if k == key]
    return vals[0] if len(vals) == 1 else vals


def jsonld(label, scripts):
    lds = [s for s in scripts if s.attrs.get("type") ==
           "application/ld+json"]
    if not check_eq("%s: one JSON-LD block" % label, len(lds), 1):
        return {}
    raw = lds[0].raw_text()
    check("%s: JSON-LD holds no raw '<', '>' or '&'" % label,
          not any(c in raw for c in "<>&"), raw[:200])
    check("%s: no other script" % label, len(scripts) == 1,
          [s.attrs for s in scripts])
    return json.loads(raw)


def nodes(doc):
    """The top nodes of the graph by type (first type)."""
    out = {}
    for n in doc.get("@graph", []):
        out.setdefault(listify(n.get("@type"))[0], n)
    return out


def urls_in(x, acc):
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("url", "item", "@id", "image", "mainEntityOfPage") \
                    and isinstance(v, str):
                acc.add(v)
            else:
                urls_in(v, acc)
    elif isinstance(x, list):
        for v in x:
            urls_in(v, acc)


def check_article(srv, vocab, base, slug, urls, problems):
    label = "article " + slug
    st, h, body, metas, scripts, canon = head_of(srv, "/articles/" + slug)
    url = base + "/articles/" + slug
    check_eq(label + ": canonical", canon, url)
    check_eq(label + ": og:url", one(metas, "og:url"), url)
    check_eq(label + ": og:type", one(metas, "og:type"), "article")
    row = srv.sql("SELECT a.id, a.title, a.dek, a.published_at,"
                  " a.updated_at, i.number, i.volume, i.date, s.slug,"
                  " s.name FROM articles a JOIN sections s ON s.id ="
                  " a.section_id LEFT JOIN issues i ON i.id = a.issue_id"
                  " WHERE a.slug = ?", (slug,))[0]
    aid, title, dek, pub, upd, num, vol, idate, sslug, sname = row
    authors = srv.sql("SELECT p.name, p.slug FROM article_authors l JOIN"
                      " people p ON p.id = l.person_id WHERE l.article_id ="
                      " ? ORDER BY l.position", (aid,))
    site = dict(srv.sql("SELECT key, value FROM settings"))
    check_eq(label + ": og:title", one(metas, "og:title"), title)
    check_eq(label + ": description", one(metas, "description"), dek)
    for k in ("og:image", "twitter:image"):
        urls.add(one(metas, k))
    # Google Scholar, against the database.
    want = [("citation_title", title)]
    want += [("citation_author", n) for n, s in authors]
    want += [("citation_publication_date", pub[:10].replace("-", "/")),
             ("citation_journal_title", site["name"])]
    if num is not None:
        want += [("citation_volume", str(vol)), ("citation_issue", str(num))]
    want += [("citation_issn", site["issn"]),
             ("citation_language", site.get("language", "en")),
             ("citation_abstract_html_url", url)]
    have = [(k, v) for k, v in metas if k.startswith("citation_")]
    check_eq(label + ": citation_* tags", have, want)
    doc = jsonld(label, scripts)
    vocab.check_node(label, doc, problems)
    urls_in(doc, urls)
    by = nodes(doc)
    art = by.get("ScholarlyArticle", {})
    missing = [k for k in ("headline", "image", "datePublished",
                           "dateModified", "author", "publisher")
               if not art.get(k)]
    check_eq(label + ": rich result properties present", missing, [])
    check_eq(label + ": headline", art.get("headline"), title)
    check_eq(label + ": dates", (art.get("datePublished"),
                                 art.get("dateModified")), (pub, upd))
    check_eq(label + ": authors as Person with url",
             [(a.get("@type"), a.get("name"), a.get("url"))
              for a in art.get("author", [])],
             [("Person", n, base + "/authors/" + s) for n, s in authors])
    iss = art.get("isPartOf", {})
    if num is not None:
        check_eq(label + ": part of its issue",
                 (iss.get("@type"), iss.get("issueNumber"),
                  iss.get("datePublished")),
                 ("PublicationIssue", str(num), idate))
        per = iss.get("isPartOf", {})
        check_eq(label + ": the issue part of the Periodical with its ISSN",
                 ("Periodical" in listify(per.get("@type")), per.get("issn"),
                  per.get("volumeNumber"), per.get("name")),
                 (True, site["issn"], str(vol), site["name"]))
    crumbs = by.get("BreadcrumbList", {}).get("itemListElement", [])
    check_eq(label + ": breadcrumbs", [(c.get("position"), c.get("item"))
                                       for c in crumbs],
             [(1, base + "/"), (2, base + "/sections/" + sslug), (3, url)])


def check_page(srv, vocab, base, path, want_type, urls, problems):
    label = "page " + path
    st, h, body, metas, scripts, canon = head_of(srv, path)
    check_eq(label + ": status", st, 200)
    check_eq(label + ": og:url is the canonical URL",
             (one(metas, "og:url"), canon), (base + path, base + path))
    check(label + ": twitter card", one(metas, "twitter:card") in
          ("summary", "summary_large_image"), metas)
    check_eq(label + ": no citation tags",
             [k for k, v in metas if k.startswith("citation_")], [])
    doc = jsonld(label, scripts)
    vocab.check_node(label, doc, problems)
    urls_in(doc, urls)
    urls.add(one(metas, "og:image"))
    top = doc.get("@graph", [{}])[0]
    check(label + ": JSON-LD is a " + want_type,
          want_type in listify(top.get("@type")), top.get("@type"))
    check(label + ": no SearchAction (there is no search route)",
          "SearchAction" not in json.dumps(doc), "")
    return top


CHROMIUM = ["/usr/bin/chromium", "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--enable-logging=stderr", "--v=0",
            "--dump-dom"]


def csp_reports(url):
    """Chromium's Content-Security-Policy messages loading url."""
    p = subprocess.run(CHROMIUM + [url], capture_output=True, text=True,
                       timeout=300)
    return [ln for ln in p.stderr.splitlines()
            if "violates the following Content Security Policy" in ln]


def check_csp_browser(base, slug, csp):
    """The page's JSON-LD under its CSP in Chromium: no violation, where
    an inline script under the same script-src is one."""
    if not check("Chromium is installed", os.path.exists(CHROMIUM[0]),
                 "no /usr/bin/chromium"):
        return
    src = [d.strip() for d in csp.split(";")
           if d.strip().startswith("script-src")]
    control = csp_reports("data:text/html,<meta http-equiv="
                          "Content-Security-Policy content=\"%s\">"
                          "<script>1</script>" % (src[0] if src else
                                                  "script-src 'none'"))
    check("CSP: Chromium reports an inline script (the control)",
          len(control) > 0, "no report: the check below would prove nothing")
    check_eq("CSP: no report on an article page with its JSON-LD",
             csp_reports(base + "/articles/" + slug), [])


def main():
    vocab = Vocab(VOCAB)
    check("vocabulary: ScholarlyArticle and issn are there",
          "ScholarlyArticle" in vocab.parents and "issn" in vocab.domains,
          "")
    with harness.Server() as srv:
        subprocess.run([harness.BIN, "site", "--db", srv.db, "set", "issn",
                        ISSN], check=True, timeout=120,
                       stdout=subprocess.DEVNULL)
        base = harness.set_base_url(srv, "/about")
        srv.pause(1.5)
        urls, problems = set(), []
        slugs = [s for (s,) in srv.sql(
            "SELECT slug FROM articles WHERE status = 'published'"
            " ORDER BY id")]
        for slug in slugs:
            check_article(srv, vocab, base, slug, urls, problems)
        check_eq("schema.org: every type and property in the vocabulary, "
                 "on a type it applies to", problems[:5], [])
        problems = []
        top = check_page(srv, vocab, base, "/", "Periodical", urls,
                         problems)
        check_eq("home: the Periodical's ISSN and name",
                 (top.get("issn"), top.get("name")),
                 (ISSN, srv.sql("SELECT value FROM settings WHERE key ="
                                " 'name'")[0][0]))
        for (slug, name) in srv.sql("SELECT slug, name FROM sections"):
            top = check_page(srv, vocab, base, "/sections/" + slug,
                             "CollectionPage", urls, problems)
            check_eq("section %s: name" % slug, top.get("name"), name)
        for (slug, name) in srv.sql("SELECT slug, name FROM people"
                                    " ORDER BY id LIMIT 5"):
            top = check_page(srv, vocab, base, "/authors/" + slug,
                             "ProfilePage", urls, problems)
            check_eq("author %s: main entity" % slug,
                     (top.get("mainEntity", {}).get("@type"),
                      top.get("mainEntity", {}).get("name")),
                     ("Person", name))
        # One issue with a cover (a file the site serves): its image.
        first = srv.sql("SELECT min(number) FROM issues WHERE status ="
                        " 'published'")[0][0]
        st, h, body = srv.get("/")
        icon = harness.parse_html(body).find("link", attrs={"rel": "icon"})
        cover = icon.attrs.get("href") if icon else "/static/favicon.svg"
        srv.sql_write("UPDATE issues SET cover = ? WHERE number = ?",
                      (cover, first))
        srv.pause(1.5)
        for (num, vol) in srv.sql("SELECT number, volume FROM issues"
                                  " WHERE status = 'published'"):
            top = check_page(srv, vocab, base, "/issues/%d" % num,
                             "PublicationIssue", urls, problems)
            check_eq("issue %d: number and volume" % num,
                     (top.get("issueNumber"),
                      top.get("isPartOf", {}).get("volumeNumber")),
                     (str(num), str(vol)))
            if num == first:
                metas = head_of(srv, "/issues/%d" % num)[3]
                check_eq("issue %d: its cover as the image" % num,
                         (top.get("image"), one(metas, "og:image"),
                          one(metas, "twitter:card")),
                         (base + cover, base + cover,
                          "summary_large_image"))
        check_eq("schema.org: other pages' types and properties",
                 problems[:5], [])
        st, h, b = srv.get("/")
        csp = h.get("content-security-policy", "")
        check("CSP: still no inline script", "script-src" in csp and
              "unsafe-inline" not in csp and "nonce-" not in csp and
              "sha256-" not in csp, csp)
        check_csp_browser(base, slugs[0], csp)

        bad = []
        for u in sorted(urls):
            if not u.startswith(base + "/"):
                bad.append(("not absolute under base_url", u))
                continue
            st, h, b = srv.get(u[len(base):].split("#")[0])
            if st != 200:
                bad.append((st, u))
        check_eq("every URL in the metadata (%d) answers 200" % len(urls),
                 bad, [])

        # A title that would end a script element, or a JavaScript line.
        evil = "A </script><script>alert(1)</script> <!-- x \u2028 y & z"
        slug = slugs[0]
        srv.sql_write("UPDATE articles SET title = ? WHERE slug = ?",
                      (evil, slug))
        for _ in range(50):
            st, h, body, metas, scripts, canon = head_of(
                srv, "/articles/" + slug)
            if one(metas, "og:title") == evil:
                break
            srv.pause(0.1)
        doc = jsonld("escaping", scripts)
        raw = scripts[0].raw_text() if scripts else ""
        check("escaping: no U+2028 raw in the JSON-LD", "\u2028" not in raw,
              raw[:100])
        check_eq("escaping: the headline parses back",
                 nodes(doc).get("ScholarlyArticle", {}).get("headline"),
                 evil)
        check_eq("escaping: the citation title", one(metas, "citation_title"),
                 evil)

        srv.sql_write("DELETE FROM settings WHERE key = 'base_url'")
        for _ in range(50):
            st, h, body, metas, scripts, canon = head_of(srv, "/")
            if one(metas, "og:url") == []:
                break
            srv.pause(0.1)
        check_eq("no base_url: no cards, no JSON-LD",
                 ([k for k, v in metas if k.startswith("og:")], scripts),
                 ([], []))
    harness.done()


if __name__ == "__main__":
    main()
