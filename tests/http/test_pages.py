"""Every page type answers 200 with the content of the demo database.

Expected values are read from the SQLite file with Server.sql, never
copied from the server's own output.
"""
import datetime
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"]


def date_long(iso):
    d = datetime.date.fromisoformat(iso[:10])
    return "%s, %02d %s %d" % (DAYS[d.weekday()], d.day, MONTHS[d.month - 1],
                               d.year)


def date_medium(iso):
    d = datetime.date.fromisoformat(iso[:10])
    return "%02d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def md_text(md):
    """Plain text of one Markdown paragraph (the inline syntax the demo
    uses: links, strong, emphasis, code)."""
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    t = re.sub(r"\*\*(.+?)\*\*", r"\1", t)
    t = re.sub(r"\*(.+?)\*", r"\1", t)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    return " ".join(t.split())


def first_paragraph(md):
    for block in md.split("\n\n"):
        b = block.strip()
        if b and not re.match(r"(#|- |\* |> |\d+\. )", b):
            return md_text(b)
    return ""


ART_PUB = (" FROM articles a JOIN sections s ON s.id = a.section_id"
           " LEFT JOIN issues i ON i.id = a.issue_id"
           " WHERE a.status = 'published'"
           " AND (a.issue_id IS NULL OR i.status = 'published')")

requests_made = []


def main():
    with harness.Server(articles=300) as srv:
        run(srv)
        # The access log is flushed at exit: stop first, then read it.
        srv.stop()
        with open(srv.acclog, errors="replace") as f:
            lines = [ln for ln in f.read().splitlines() if ln.strip()]
        check_eq("access log: one line per request", len(lines),
                 len(requests_made))
        missing = []
        logged = [re.search(r'"(\S+) (\S+)"', ln) for ln in lines]
        logged = [(m.group(1), m.group(2)) if m else None for m in logged]
        for rq in requests_made:
            if rq in logged:
                logged.remove(rq)
            else:
                missing.append(rq)
        check("access log: every request has its line (method, target)",
              not missing, "not logged: %r" % missing[:5])
        check("access log: lines carry status and id",
              all(re.search(r'" \d{3} \d+ ".*" id=\d+$', ln)
                  for ln in lines), "\n".join(lines[:3]))


def get(srv, path, **kw):
    requests_made.append(("GET", path))
    return srv.get(path, **kw)


def page(srv, name, path, pages):
    """GET path, check 200 and HTML; keep the tree for the sidebar test."""
    st, h, body = get(srv, path)
    check_eq("%s: status" % name, st, 200)
    check("%s: content type html" % name,
          h.get("content-type", "").startswith("text/html"),
          h.get("content-type"))
    doc = parse_html(body)
    pages.append((name, doc))
    return doc, h, body


def straight(t):
    """t with curly quotes made straight again (titles and bodies are
    shown with them: test_typo.c checks how)."""
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'),
                 ("\u201d", '"')):
        t = t.replace(a, b)
    return t


def titles(nodes):
    return [straight(n.text()) for n in nodes]


def run(srv):
    pages = []
    site = dict(srv.sql("SELECT key, value FROM settings"))
    site_name = site["name"]

    # --- home -------------------------------------------------------------
    doc, h, _ = page(srv, "home", "/", pages)
    inum, idate, ititle = srv.sql(
        "SELECT number, date, title FROM issues WHERE status = 'published'"
        " ORDER BY date DESC, number DESC LIMIT 1")[0]
    main_ = doc.find("main")
    check_eq("home: h1 is the latest issue's title",
             main_.find("h1").text(), ititle or "Issue %d" % inum)
    kicker = main_.find("p", "kicker")
    check_in("home: kicker names the latest issue", "No. %d" % inum,
             kicker.text() if kicker else "")
    check_in("home: kicker has the issue date", date_medium(idate),
             kicker.text() if kicker else "")
    # The lead is the newest article; the contents the rest
    # (test_home.py checks the rest of the page).
    lead_title = srv.sql(
        "SELECT a.title" + ART_PUB + " AND i.number = ?"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 1", (inum,))[0][0]
    lead = main_.find("article", "lead")
    check_eq("home: lead is the issue's newest article",
             straight(lead.find("h2").text()) if lead else None, lead_title)
    want = [(sec, [t for t in arts if t != lead_title])
            for sec, arts in toc_rows(srv, inum)]
    want = [(sec, arts) for sec, arts in want if arts]
    have = [(sec.find("h2").text(), titles(sec.find_all("h3")))
            for sec in main_.find_all("section", "toc-section")]
    check_eq("home: TOC of the latest issue grouped by section", have, want)
    check_eq("home: <title> is the site name", doc.find("title").text(),
             site_name)

    # --- article (two authors, in an issue) ---------------------------------
    row = srv.sql(
        "SELECT a.id, a.slug, a.title, a.published_at,"
        " (SELECT body FROM article_bodies b WHERE b.article_id = a.id),"
        " a.dek,"
        " s.slug, s.name, i.number, i.date, coalesce(r.reads, 0)"
        + ART_PUB.replace(" WHERE", " LEFT JOIN article_reads r"
                          " ON r.article_id = a.id WHERE") +
        " AND a.issue_id IS NOT NULL AND (SELECT count(*) FROM"
        " article_authors x WHERE x.article_id = a.id) = 2"
        " ORDER BY a.id LIMIT 1")
    check("article: the demo has a two-author article in an issue",
          len(row) == 1, "none found")
    (aid, slug, title, pub_at, body_md, dek, sslug, sname, anum, adate,
     reads) = row[0]
    authors = [r[0] for r in srv.sql(
        "SELECT p.name FROM article_authors aa JOIN people p"
        " ON p.id = aa.person_id WHERE aa.article_id = ?"
        " ORDER BY aa.position", (aid,))]
    doc, h, _ = page(srv, "article", "/articles/" + slug, pages)
    art = doc.find("article", "article") or parse_html("")
    t = art.find("time")
    check_eq("article: date written out", t.text() if t else None,
             date_long(pub_at))
    check_eq("article: <time datetime>", t.attrs.get("datetime") if t
             else None, pub_at[:10])
    check_eq("article: h1 title", art.find("h1").text()
             if art.find("h1") else None, title)
    pin = art.find("p", "published-in")
    check_eq("article: published in", pin.text() if pin else None,
             "Published in " + sname)
    check_eq("article: published-in links the section",
             pin.find("a").attrs.get("href") if pin and pin.find("a")
             else None, "/sections/" + sslug)
    byline = art.find("p", "byline")
    check_eq("article: byline text", byline.text() if byline else None,
             "By %s and %s (%s issue of %s)" % (authors[0], authors[1],
                                                date_medium(adate),
                                                site_name))
    check_eq("article: byline links the issue",
             [a.attrs.get("href") for a in byline.find_all("a")]
             if byline else None,
             [a["href"] for a in author_links(srv, aid)] +
             ["/issues/%d" % anum])
    body = art.find("div", "article-body")
    check_eq("article: first paragraph of the body",
             body.find("p").text() if body and body.find("p") else None,
             first_paragraph(body_md))
    check_eq("article: dek", art.find("p", "dek").text()
             if art.find("p", "dek") else "", dek)
    rd = art.find("p", "reads")
    check_eq("article: read count (stored + this read)",
             rd.text() if rd else None, harness.reads_text(reads + 1))
    check_eq("article: <title>", doc.find("title").text(),
             "%s \u2014 %s" % (title, site_name))

    # --- issues, grouped by year -------------------------------------------
    doc, h, _ = page(srv, "issues", "/issues", pages)
    rows = srv.sql(
        "SELECT i.number, i.date, i.title, (SELECT count(*) FROM articles a"
        " WHERE a.issue_id = i.id AND a.status = 'published')"
        " FROM issues i WHERE i.status = 'published'"
        " ORDER BY i.date DESC, i.number DESC")
    want = []
    for num, date, _t, _c in rows:
        if not want or want[-1][0] != date[:4]:
            want.append((date[:4], []))
        want[-1][1].append(num)
    check("issues: the demo spans two years", len(want) >= 2, repr(want))
    have = []
    for sec in doc.find("main").find_all("section", "year"):
        nums = []
        for sp in sec.find_all("span", "issue-no"):
            m = re.match(r"No\. (\d+)$", sp.text())
            nums.append(int(m.group(1)) if m else sp.text())
        have.append((sec.find("h2").text(), nums))
    check_eq("issues: years newest first, each with its issues", have, want)
    lis = doc.find("main").find_all("li", cls="archive-issue")
    if rows and lis:
        num, date, ititle2, count = rows[0]
        check_in("issues: entry has title", ititle2, lis[0].text())
        check_in("issues: entry has date and count",
                 "%s \u00b7 Articles: %d" % (date_medium(date), count),
                 lis[0].text())

    # --- one issue: TOC in position order ----------------------------------
    nums = [r[0] for r in rows]
    mid = sorted(nums)[len(nums) // 2]
    doc, h, _ = page(srv, "issue", "/issues/%d" % mid, pages)
    have = [(sec.find("h2").text(), titles(sec.find_all("h3")))
            for sec in doc.find("main").find_all("section", "toc-section")]
    check_eq("issue: TOC in section then position order", have,
             toc_rows(srv, mid))
    prev = doc.find("a", attrs={"rel": "prev"})
    nxt = doc.find("a", attrs={"rel": "next"})
    check_eq("issue: previous issue link", prev.attrs.get("href") if prev
             else None, "/issues/%d" % max(n for n in nums if n < mid))
    check_eq("issue: next issue link", nxt.attrs.get("href") if nxt
             else None, "/issues/%d" % min(n for n in nums if n > mid))
    st, _, _ = get(srv, "/issues/99999")
    check_eq("issue: unknown number is 404", st, 404)

    # --- section pagination --------------------------------------------------
    sslug, sname, total = srv.sql(
        "SELECT s.slug, s.name, count(*)" + ART_PUB +
        " GROUP BY s.id ORDER BY count(*) DESC LIMIT 1")[0]
    pages_n = (total + 19) // 20
    check("section: the biggest section has more than two pages",
          pages_n > 2, "%d articles" % total)
    sec_titles = [r[0] for r in srv.sql(
        "SELECT a.title" + ART_PUB + " AND s.slug = ?"
        " ORDER BY a.published_at DESC, a.id DESC", (sslug,))]
    base = "/sections/" + sslug
    doc, h, _ = page(srv, "section page 1", base, pages)
    main_ = doc.find("main")
    check_eq("section page 1: h1", main_.find("h1").text(), sname)
    check_eq("section page 1: first 20 articles, newest first",
             titles(main_.find_all("h3")), sec_titles[:20])
    nav = main_.find("nav", "pagination")
    check_in("section page 1: says page 1 of N", "Page 1 of %d" % pages_n,
             nav.text() if nav else "")
    n = main_.find("a", attrs={"rel": "next"})
    check_eq("section page 1: next link", n.attrs.get("href") if n else None,
             base + "?page=2")
    check("section page 1: no previous-page link",
          main_.find("a", attrs={"rel": "prev"}) is None,
          repr(main_.find("a", attrs={"rel": "prev"}) and
               main_.find("a", attrs={"rel": "prev"}).attrs))
    cur = doc.find("nav", "site-nav").find("a", attrs={"aria-current": True})
    check_eq("section page 1: its nav entry is current",
             cur.attrs.get("href") if cur else None, base)
    doc, h, _ = page(srv, "section page 2", base + "?page=2", pages)
    main_ = doc.find("main")
    check_eq("section page 2: articles 21-40", titles(main_.find_all("h3")),
             sec_titles[20:40])
    p = main_.find("a", attrs={"rel": "prev"})
    check_eq("section page 2: previous link to page 1",
             p.attrs.get("href") if p else None, base)
    doc, h, _ = page(srv, "section last page",
                     base + "?page=%d" % pages_n, pages)
    main_ = doc.find("main")
    check_eq("section last page: the remaining articles",
             titles(main_.find_all("h3")), sec_titles[20 * (pages_n - 1):])
    check("section last page: no next-page link",
          main_.find("a", attrs={"rel": "next"}) is None,
          repr(main_.find("a", attrs={"rel": "next"}) and
               main_.find("a", attrs={"rel": "next"}).attrs))
    st, _, _ = get(srv, base + "?page=999")
    check_eq("section ?page=999: 404", st, 404)
    st, _, _ = get(srv, base + "?page=abc")
    check_eq("section ?page=abc: 400", st, 400)
    st, _, _ = get(srv, base + "?page=0")
    check_eq("section ?page=0: 400", st, 400)
    st, _, _ = get(srv, "/sections/no-such-section")
    check_eq("section: unknown slug is 404", st, 404)

    # --- author --------------------------------------------------------------
    pid, pslug, pname, pbio, paff = srv.sql(
        "SELECT p.id, p.slug, p.name, p.bio, p.affiliation FROM people p"
        " WHERE p.staff = 1 AND p.bio != ''"
        " AND EXISTS (SELECT 1 FROM publication_authors x"
        "  WHERE x.person_id = p.id)"
        " ORDER BY (SELECT count(*) FROM article_authors y"
        "  WHERE y.person_id = p.id) DESC, p.id LIMIT 1")[0]
    doc, h, _ = page(srv, "author", "/authors/" + pslug, pages)
    main_ = doc.find("main")
    check_eq("author: h1 name", main_.find("h1").text(), pname)
    aff = main_.find("p", "affiliation")
    check_eq("author: affiliation", aff.text() if aff else "", paff)
    bio = main_.find("div", "bio")
    check_eq("author: bio (first paragraph)", bio.find("p").text()
             if bio and bio.find("p") else None, first_paragraph(pbio))
    arts = [r[0] for r in srv.sql(
        "SELECT a.title" + ART_PUB + " AND a.id IN (SELECT article_id FROM"
        " article_authors WHERE person_id = ?)"
        " ORDER BY a.published_at DESC, a.id DESC LIMIT 20", (pid,))]
    ol = main_.find("ol", "article-list")
    check_eq("author: articles, newest first",
             titles(ol.find_all("h3")) if ol else None, arts)
    pubs = [r[0] for r in srv.sql(
        "SELECT p.title FROM publications p WHERE p.id IN (SELECT"
        " publication_id FROM publication_authors WHERE person_id = ?)"
        " ORDER BY p.date DESC, p.id DESC", (pid,))]
    ul = main_.find("ul", "pub-list")
    check_eq("author: publications, newest first",
             titles(ul.find_all("h3")) if ul else None, pubs)
    st, _, _ = get(srv, "/authors/no-such-person")
    check_eq("author: unknown slug is 404", st, 404)

    # --- publications, filtered ---------------------------------------------
    def pub_titles(where, args=()):
        return [r[0] for r in srv.sql(
            "SELECT p.title FROM publications p JOIN pub_types t"
            " ON t.id = p.type_id WHERE 1" + where +
            " ORDER BY p.date DESC, p.id DESC LIMIT 20", args)]

    doc, h, _ = page(srv, "publications", "/publications", pages)
    main_ = doc.find("main")
    check_eq("publications: newest first",
             titles(main_.find("ul", "pub-list").find_all("h3")),
             pub_titles(""))
    doc, h, _ = page(srv, "publications ?type=book",
                     "/publications?type=book", pages)
    main_ = doc.find("main")
    want = pub_titles(" AND t.slug = ?", ("book",))
    check("publications ?type=book: the demo has books", len(want) > 0,
          "none")
    check_eq("publications ?type=book: only the books",
             titles(main_.find("ul", "pub-list").find_all("h3")), want)
    check_eq("publications ?type=book: every item says Book",
             sorted(set(titles(main_.find("ul", "pub-list")
                                .find_all("span", "pub-type")))), ["Book"])
    cur = main_.find("nav", "type-filter").find(
        "a", attrs={"aria-current": True})
    check_eq("publications ?type=book: Book is the current type",
             cur.text() if cur else None, "Book")
    doc, h, _ = page(srv, "publications ?author",
                     "/publications?author=" + pslug, pages)
    main_ = doc.find("main")
    check_eq("publications ?author=%s: only theirs" % pslug,
             titles(main_.find("ul", "pub-list").find_all("h3")), pubs[:20])
    sel = main_.find("option", attrs={"selected": True})
    check_eq("publications ?author: the author is selected",
             sel.attrs.get("value") if sel else None, pslug)

    # --- about ---------------------------------------------------------------
    doc, h, _ = page(srv, "about", "/about", pages)
    main_ = doc.find("main")
    check_eq("about: h1", main_.find("h1").text(), "About " + site_name)
    prose = main_.find("div", "prose")
    check_eq("about: the site's about text",
             prose.find("p").text() if prose and prose.find("p") else None,
             first_paragraph(site["about"]))
    secs = srv.sql("SELECT name, description FROM sections"
                   " ORDER BY position, name")
    dl = main_.find("dl", "section-list")
    check_eq("about: sections with descriptions",
             list(zip(titles(dl.find_all("dt")), titles(dl.find_all("dd"))))
             if dl else None, [tuple(r) for r in secs])
    staff = [r[0] for r in srv.sql(
        "SELECT name FROM people WHERE staff = 1 ORDER BY name")]
    ul = main_.find("ul", "staff-list")
    check_eq("about: staff", titles(ul.find_all("a")) if ul else None, staff)

    # --- newsletter (GET) ----------------------------------------------------
    doc, h, _ = page(srv, "newsletter", "/newsletter", pages)
    main_ = doc.find("main")
    check_eq("newsletter: h1", main_.find("h1").text(), "Newsletter")
    check_in("newsletter: says what it sends",
             "The contents of each new issue, our events and news of the"
             " journal", main_.text())
    form = main_.find("form", "newsletter-form")
    check("newsletter: the form is in main", form is not None and
          form.find("input", attrs={"name": "email"}) is not None,
          repr(form and form.attrs))

    # --- the sidebar on every page -------------------------------------------
    # In this order: newsletter, about blurb, staff publications, partner
    # links; the blurb is not on /about, the publications not on
    # /publications, the form not in the sidebar of /newsletter (it is
    # in that page's main).
    links = [(n, u) for n, u in srv.sql(
        "SELECT name, url FROM links ORDER BY position, id")]
    side_pubs = [r[0] for r in srv.sql(
        "SELECT p.title FROM publications p WHERE p.id IN (SELECT"
        " pa.publication_id FROM publication_authors pa JOIN people pp"
        " ON pp.id = pa.person_id WHERE pp.staff = 1)"
        " ORDER BY p.date DESC, p.id DESC LIMIT 3")]
    blurb = first_paragraph(site["about_blurb"])
    check("demo: an about blurb of its own", 0 < len(blurb) <
          len(site["about"]), repr(blurb))
    # The next events follow the sign-up, which promises them, when there
    # are any to come (events' starts_at are seconds since the epoch).
    upcoming = srv.sql("SELECT count(*) FROM events WHERE starts_at >="
                       " CAST(strftime('%s', 'now') AS INTEGER) + 60")[0][0]
    for name, doc in pages:
        aside = doc.find("aside", "sidebar")
        if not check("%s: has the sidebar" % name, aside is not None,
                     "no <aside class=sidebar>"):
            continue
        want = ["side-newsletter", "side-about", "side-pubs", "side-links"]
        if upcoming:
            want.insert(1, "side-events")
        if name == "newsletter":
            want.remove("side-newsletter")
        if name == "about":
            want.remove("side-about")
        if name.startswith("publications"):
            want.remove("side-pubs")
        have = [c for sec in aside.find_all("section")
                for c in (sec.attrs.get("class") or "").split()
                if c.startswith("side-") and c != "side-block"]
        check_eq("%s: sidebar blocks in order" % name, have, want)
        blk = aside.find("section", "side-links")
        check_eq("%s: sidebar 'Visit also' heading" % name,
                 blk.find("h2").text() if blk else None, "Visit also")
        check_eq("%s: sidebar links from the database" % name,
                 [(a.text(), a.attrs.get("href")) for a in
                  blk.find_all("a")] if blk else None, links)
        blk = aside.find("section", "side-pubs")
        if "side-pubs" in want:
            check_eq("%s: sidebar publications heading" % name,
                     blk.find("h2").text() if blk else None,
                     "Staff Publications")
            check_eq("%s: sidebar staff publications" % name,
                     titles(blk.find_all("h3")) if blk else None,
                     side_pubs)
        blk = aside.find("section", "side-about")
        if "side-about" in want:
            check_eq("%s: sidebar about blurb" % name,
                     straight(blk.find("div", "blurb").text().strip())
                     if blk else None, blurb)
        form = aside.find("form", "newsletter-form")
        if "side-newsletter" not in want:
            continue
        inp = form.find("input", attrs={"name": "email"}) if form else None
        ret = form.find("input", attrs={"name": "return"}) if form else None
        check("%s: sidebar newsletter form" % name,
              form is not None and inp is not None and
              form.attrs.get("action") == "/newsletter" and
              form.attrs.get("method") == "post",
              repr(form and form.attrs))
        check("%s: newsletter form carries the page's path" % name,
              ret is not None and ret.attrs.get("value", "").startswith(
                  "/"), repr(ret and ret.attrs))
        check("%s: newsletter form shows no error" % name,
              inp is not None and "aria-invalid" not in inp.attrs and
              form.find(cls="field-error") is None,
              "input %r, error %r" % (inp and inp.attrs,
                                      form and form.find(cls="field-error")
                                      and form.find(cls="field-error")
                                      .text()))

    # --- static files --------------------------------------------------------
    with open(os.path.join(harness.ROOT, "themes", "default", "static",
                           "style.css"), "rb") as f:
        css = f.read()
    want_hash = hashlib.blake2b(css, digest_size=16).hexdigest()[:10]
    home = pages[0][1]
    link = home.find("link", attrs={"rel": "stylesheet"})
    href = link.attrs.get("href") if link else ""
    check_eq("static: pages link the hashed stylesheet", href,
             "/static/style.%s.css" % want_hash)
    st, h, body = get(srv, href)
    check_eq("static: hashed css status", st, 200)
    check_eq("static: hashed css bytes", body, css)
    check("static: hashed css content type",
          h.get("content-type", "").startswith("text/css"),
          h.get("content-type"))
    cc = h.get("cache-control", "")
    check("static: hashed css is immutable with a long max-age",
          "immutable" in cc and
          int((re.search(r"max-age=(\d+)", cc) or [0, 0])[1]) >= 31536000,
          cc)
    st, h, body = get(srv, "/static/style.css")
    check_eq("static: plain css status", st, 200)
    check_eq("static: plain css bytes", body, css)
    cc = h.get("cache-control", "")
    check("static: plain css is not immutable", "immutable" not in cc, cc)
    with open(os.path.join(harness.ROOT, "themes", "default", "static",
                           "favicon.svg"), "rb") as f:
        svg = f.read()
    icon = home.find("link", attrs={"rel": "icon"})
    href = icon.attrs.get("href") if icon else ""
    check_eq("static: pages link the hashed favicon", href,
             "/static/favicon.%s.svg" %
             hashlib.blake2b(svg, digest_size=16).hexdigest()[:10])
    st, h, body = get(srv, href)
    check("static: hashed favicon served as svg, immutable",
          st == 200 and body == svg and
          h.get("content-type", "").startswith("image/svg+xml") and
          "immutable" in h.get("cache-control", ""),
          "status %r, %r" % (st, h.get("content-type")))
    st, _, _ = get(srv, "/static/nope.css")
    check_eq("static: unknown file is 404", st, 404)

    # --- conditional GET -----------------------------------------------------
    st, h, _ = get(srv, "/about")
    etag = h.get("etag")
    check("etag: /about has an ETag", bool(etag), repr(h))
    st, h2, body = get(srv, "/about", headers={"If-None-Match": etag or ""})
    check_eq("etag: If-None-Match with it gives 304", st, 304)
    check_eq("etag: 304 has no body", body, b"")
    st, _, _ = get(srv, "/about", headers={"If-None-Match": 'W/"other"'})
    check_eq("etag: another tag gives 200", st, 200)

    # --- HEAD ----------------------------------------------------------------
    requests_made.append(("HEAD", "/"))
    st, h, body = harness.raw_request(
        srv.port, b"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"User-Agent: " + harness.BROWSER_UA.encode() +
        b"\r\nConnection: close\r\n\r\n")
    check_eq("HEAD /: status", st, 200)
    check_eq("HEAD /: no body", body, b"")
    check("HEAD /: content type html",
          h.get("content-type", "").startswith("text/html"),
          h.get("content-type"))


def author_links(srv, aid):
    return [{"href": "/authors/" + r[0]} for r in srv.sql(
        "SELECT p.slug FROM article_authors aa JOIN people p"
        " ON p.id = aa.person_id WHERE aa.article_id = ?"
        " ORDER BY aa.position", (aid,))]


def toc_rows(srv, number):
    rows = srv.sql(
        "SELECT s.name, a.title" + ART_PUB + " AND i.number = ?"
        " ORDER BY s.position, a.position, a.id", (number,))
    out = []
    for sec, title in rows:
        if not out or out[-1][0] != sec:
            out.append((sec, []))
        out[-1][1].append(title)
    return out


if __name__ == "__main__":
    main()
    harness.done()
