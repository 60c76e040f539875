"""The front page and the chrome around every page (issue 8, 9).

Home: the lead (the current issue's newest article, or the home_lead
setting's), the issue's other articles, the most read of the last 30
days from reads_daily and the latest of each section, with no article
shown twice: the test gives the issue's articles the most reads, so that
a most-read list that did not skip them would repeat them.  Reads older
than 30 days do not count.

Footer: the masthead, submission guidelines and privacy links, the ISSN
and the contact address appear once set, and not before; a link setting
that is not a local path or an http(s)/mailto URL is refused.  The logo
setting puts the image in the masthead and in the link-preview metadata,
the favicon setting in the head's icon link.
"""
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, parse_html  # noqa: E402

PUB = " FROM articles a WHERE a.status = 'published'"


def article_hrefs(node):
    return [a.attrs.get("href") for a in node.find_all("a")
            if (a.attrs.get("href") or "").startswith("/articles/")]


def site_set(srv, key, value):
    return subprocess.run([harness.BIN, "site", "--db", srv.db, "set", key,
                           value], timeout=120, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)


def wait_for(srv, path, needle):
    """The page at path once it holds needle (the server takes a
    settings change up on its tick); its body, or the last one."""
    body = b""
    for _ in range(100):
        st, h, body = srv.get(path)
        if needle.encode() in body:
            break
        srv.pause(0.1)
    return body


def slug_of(href):
    return href[len("/articles/"):]


class Db:
    """The demo journal before its server starts: the most read are
    summed as the server starts (and every ten minutes), so the reads
    go in first."""

    def __init__(self, path):
        self.db = path

    def sql(self, query, args=()):
        con = sqlite3.connect(self.db)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()

    def sql_write(self, query, args=()):
        con = sqlite3.connect(self.db)
        try:
            con.execute(query, args)
            con.commit()
        finally:
            con.close()


def add_reads(srv):
    """Reads: the issue's articles most of all; twelve others, each with
    its own total; one more read only 40 days ago.  Returns what the
    checks need."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    inum = srv.sql("SELECT number FROM issues WHERE status = 'published'"
                   " ORDER BY date DESC, number DESC LIMIT 1")[0][0]
    issue = srv.sql("SELECT a.id, a.slug" + PUB + " AND a.issue_id ="
                    " (SELECT id FROM issues WHERE number = ?)"
                    " ORDER BY a.published_at DESC, a.id DESC", (inum,))
    issue_ids = {i for i, _ in issue}
    others = srv.sql("SELECT a.id, a.slug" + PUB + " AND coalesce("
                     "a.issue_id, 0) <> (SELECT id FROM issues WHERE"
                     " number = ?) ORDER BY a.id", (inum,))
    for n, (aid, _) in enumerate(issue):
        for d in (1, 5):
            srv.sql_write("INSERT INTO reads_daily (article_id, day, reads)"
                          " VALUES (?, ?, ?)", (aid, str(
                              today - datetime.timedelta(days=d)),
                              10000 + n))
    totals = {}
    for n, (aid, _) in enumerate(others[:12]):
        for d in (0, 3, 29):
            srv.sql_write("INSERT INTO reads_daily (article_id, day, reads)"
                          " VALUES (?, ?, ?)", (aid, str(
                              today - datetime.timedelta(days=d)), 100 + n))
        totals[aid] = 3 * (100 + n)
    old = others[12]
    srv.sql_write("INSERT INTO reads_daily (article_id, day, reads)"
                  " VALUES (?, ?, 99999)", (old[0], str(
                      today - datetime.timedelta(days=40))))
    return issue, issue_ids, totals, old


def home_checks(srv, issue, issue_ids, totals, old):
    st, h, body = srv.get("/")
    check_eq("home: 200", st, 200)
    main_ = parse_html(body).find("main")
    hrefs = article_hrefs(main_)
    dup = sorted({x for x in hrefs if hrefs.count(x) > 1})
    check_eq("home: no article shown twice", dup, [])

    lead = main_.find("article", "lead")
    lead_href = article_hrefs(lead)[0] if lead else None
    check_eq("home: the lead is the issue's newest", lead_href,
             "/articles/" + issue[0][1])
    contents = main_.find("section", "home-contents")
    check_eq("home: the contents are the rest of the issue",
             sorted(article_hrefs(contents)) if contents else None,
             sorted("/articles/" + s for _, s in issue[1:]))

    mr = main_.find("section", "most-read")
    have = [slug_of(x) for x in article_hrefs(mr)] if mr else None
    want_ids = sorted(totals, key=lambda a: (-totals[a], a))[:5]
    slugs = dict(srv.sql("SELECT id, slug FROM articles"))
    check_eq("home: most read of 30 days, not what the page shows",
             have, [slugs[a] for a in want_ids])
    check("home: most read skips the issue (read most of all)",
          have is not None and not {slugs[a] for a in issue_ids} &
          set(have), repr(have))
    check("home: reads older than 30 days do not count",
          have is not None and old[1] not in have, repr(have))

    # Latest by section: each section's newest two not shown above.
    shown = set(slug_of(x) for x in article_hrefs(lead)) | set(
        slug_of(x) for x in article_hrefs(contents)) | set(have or [])
    want = []
    for sid, name in srv.sql("SELECT id, name FROM sections"
                             " ORDER BY position, name, id"):
        rows = [s for s, in srv.sql(
            "SELECT a.slug" + PUB + " AND a.section_id = ?"
            " ORDER BY a.published_at DESC, a.id DESC", (sid,))
            if s not in shown][:2]
        if rows:
            want.append((name, rows))
    latest = main_.find("section", "latest")
    have = [(d.find("h3").text(), [slug_of(x) for x in article_hrefs(d)])
            for d in latest.find_all("div", "latest-section")] \
        if latest else None
    check_eq("home: the latest of each section, not shown above", have,
             want)

    # The lead as a setting: an article from the middle of the issue.
    pick = issue[len(issue) // 2][1]
    r = site_set(srv, "home_lead", pick)
    check_eq("home_lead: set", r.returncode, 0)
    body = wait_for(srv, "/", 'id="lead-h"><a href="/articles/%s"' % pick)
    main_ = parse_html(body).find("main")
    lead = main_.find("article", "lead")
    check_eq("home_lead: leads the page",
             article_hrefs(lead)[0] if lead else None, "/articles/" + pick)
    hrefs = article_hrefs(main_)
    check_eq("home_lead: shown once", hrefs.count("/articles/" + pick), 1)
    check_eq("home_lead: the issue's newest is in the contents now",
             ("/articles/" + issue[0][1]) in article_hrefs(
                 main_.find("section", "home-contents")), True)
    # Not a published article: the issue's newest again.
    site_set(srv, "home_lead", "no-such-article")
    body = wait_for(srv, "/", 'id="lead-h"><a href="/articles/%s"'
                    % issue[0][1])
    lead = parse_html(body).find("main").find("article", "lead")
    check_eq("home_lead: an unknown slug falls back",
             article_hrefs(lead)[0] if lead else None,
             "/articles/" + issue[0][1])


def footer_checks(srv):
    st, h, body = srv.get("/about")
    foot = parse_html(body).find("footer")
    labels = [a.text() for a in foot.find_all("a")]
    for label in ("Masthead", "Submission guidelines", "Privacy"):
        check("footer: no %s link before it is set" % label,
              label not in labels, repr(labels))
    for key, value in (("masthead_url", "javascript:alert(1)"),
                       ("privacy_url", "//evil.example/p"),
                       ("submissions_url", "ftp://example.org/x"),
                       ("logo", "../../etc/passwd"),
                       ("favicon", "0123456789abcdef0123456789abcdef.pdf")):
        r = site_set(srv, key, value)
        check("setting %s=%s refused" % (key, value), r.returncode != 0 and
              key.encode() in r.stderr, repr(r.stderr[-200:]))
    sets = (("masthead_url", "/about#staff-h"),
            ("submissions_url", "https://example.org/submit"),
            ("privacy_url", "mailto:privacy@example.org"),
            ("issn", "0317-8471"), ("contact", "editors@example.org"))
    for key, value in sets:
        check_eq("setting %s" % key, site_set(srv, key, value).returncode, 0)
    # The last one set: the server may take the others up before it.
    body = wait_for(srv, "/about", "mailto:editors@example.org")
    foot = parse_html(body).find("footer")
    links = {a.text(): a.attrs.get("href") for a in foot.find_all("a")}
    check_eq("footer: masthead link", links.get("Masthead"),
             "/about#staff-h")
    check_eq("footer: submission guidelines link",
             links.get("Submission guidelines"), "https://example.org/submit")
    check_eq("footer: privacy link", links.get("Privacy"),
             "mailto:privacy@example.org")
    check_eq("footer: contact", links.get("editors@example.org"),
             "mailto:editors@example.org")
    check("footer: ISSN", "ISSN 0317-8471" in foot.text(), foot.text())
    check("footer: feeds", "/feed.atom" in links.values(), repr(links))


def logo_checks(srv):
    base = harness.set_base_url(srv, "/")
    logo = "0123456789abcdef0123456789abcdef.png"
    icon = "fedcba9876543210fedcba9876543210.png"
    check_eq("logo: set", site_set(srv, "logo", "/media/" + logo).returncode,
             0)
    check_eq("favicon: set", site_set(srv, "favicon", icon).returncode, 0)
    # Kept as its address, which the media page's "where used" finds.
    check_eq("favicon: a bare name kept as its address", srv.sql(
        "SELECT value FROM settings WHERE key = 'favicon'"),
        [("/media/" + icon,)])
    body = wait_for(srv, "/", icon)
    doc = parse_html(body)
    img = doc.find("header").find("img", "site-logo")
    check_eq("logo: in the masthead", img.attrs.get("src") if img else None,
             "/media/" + logo)
    check_eq("logo: the name stays as text (the image is decoration)",
             img.attrs.get("alt") if img else None, "")
    link = doc.find("link", attrs={"rel": "icon"})
    check_eq("favicon: the head's icon link",
             (link.attrs.get("href"), link.attrs.get("type"))
             if link else None, ("/media/" + icon, "image/png"))
    og = [m.attrs.get("content") for m in doc.find_all("meta")
          if m.attrs.get("property") == "og:image"]
    check_eq("logo: the link preview's image", og,
             [base + "/media/" + logo])
    site_set(srv, "logo", "")
    site_set(srv, "favicon", "")
    body = wait_for(srv, "/", "favicon.")
    doc = parse_html(body)
    check("logo: none once emptied", doc.find("img", "site-logo") is None,
          "an img.site-logo")
    link = doc.find("link", attrs={"rel": "icon"})
    check("favicon: the theme's again", link is not None and
          "/static/favicon." in link.attrs.get("href", "") and
          link.attrs.get("type") == "image/svg+xml", repr(link and
                                                         link.attrs))


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-home-")
    db = os.path.join(tmp, "home.db")
    harness.make_demo(db)
    got = add_reads(Db(db))
    with harness.Server(db=db) as srv:
        home_checks(srv, *got)
        footer_checks(srv)
        logo_checks(srv)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    harness.done()
