"""Every page type passes axe-core's WCAG 2 A/AA and best-practice rules
in Debian's Chromium, at a wide and a narrow viewport
(tests/browser/axe.mjs, through playwright-core): the public site's, and
the back office's, signed in as an administrator."""
import os

import harness
from harness import Server, check, done


def main():
    if not harness.browser_ready("axe", "@axe-core/playwright"):
        return
    with Server(articles=80) as srv:
        art = srv.sql("SELECT slug FROM articles ORDER BY id DESC "
                      "LIMIT 1")[0][0]
        author = srv.sql("SELECT slug FROM people WHERE staff = 1 "
                         "LIMIT 1")[0][0]
        sec = srv.sql("SELECT slug FROM sections ORDER BY position "
                      "LIMIT 1")[0][0]
        issue = srv.sql("SELECT max(number) FROM issues")[0][0]
        base = "http://127.0.0.1:%d" % srv.port
        # An article with every feature of the page (test_article_page).
        import test_article_page
        feature = "/articles/" + test_article_page.feature_article(srv)
        srv.pause(1.5)
        import test_finding
        test_finding.tag_fixture(srv)
        srv.sql_write("UPDATE content_version SET version = version + 1")
        test_finding.fresh(srv, "/tags/energy", "Energy")
        paths = ["/", "/articles/" + art, "/issues", "/issues/%d" % issue,
                 "/authors", "/tags", "/tags/energy", "/tags/energy?page=2",
                 "/countries", "/countries/kz",
                 "/sections/" + sec, "/authors/" + author,
                 "/publications", "/publications?type=book", "/about", "/events",
                 "/newsletter", "/newsletter/confirm/c1-0-"
                 "AAAAAAAAAAAAAAAAAAAAAA", "/no-such-page", "/admin/login",
                 "/admin/password/forgot", "/admin/password/reset/r1-0-x",
                 "/search", "/search?q=%22customs+reform%22+OR+Dubrac",
                 "/search?q=zzqqxv", "/search?q=%22unclosed", feature]
        lines = harness.run_browser("axe.mjs", [base + x for x in paths],
                                    "axe")
        check("axe: checked every page at two widths",
              len(lines) == 2 * len(paths), "%d results" % len(lines))
        admin_pages(srv, base)


def admin_pages(srv, base):
    import test_admin_auth as t
    for email, role in (("axe@example.org", "admin"),
                        ("other@example.org", "editor")):
        p = t.user_add(srv.db, email, role, "axe test password")
        check("axe: %s to sign in as" % role, p.returncode == 0, p.stderr)
    c = t.Client(srv)
    st, _, _ = c.login("axe@example.org", "axe test password")
    check("axe: signed in", st == 303, st)
    uid = srv.sql("SELECT id FROM users WHERE email = "
                  "'other@example.org'")[0][0]
    srv.sql_write("INSERT INTO api_tokens (hash, name, hint, user_id,"
                  " created_at) VALUES (?, 'Importer', 'abcd', ?, 1)",
                  ("0" * 64, uid))
    tid = srv.sql("SELECT id FROM api_tokens")[0][0]
    import test_admin_media as m
    st, h, _ = m.upload(c, "Cover.png", "image/png", m.png(40, 30),
                        alt="A grey square")
    mid = int(h.get("location", ["/admin/media/0"])[0].split("/")[3]
              .split("?")[0])
    m.upload(c, "Report.pdf", "application/pdf", m.PDF)
    paths = ["/admin", "/admin/users", "/admin/users/%d" % uid,
             "/admin/users/%d/disable" % uid, "/admin/settings",
             "/admin/audit", "/admin/account", "/admin/tokens",
             "/admin/tokens/%d/revoke" % tid, "/admin/media",
             "/admin/media/%d" % mid, "/admin/media/%d/delete" % mid]
    paths += editing_paths(srv)
    # The content screens (items.c, about.c): lists, forms, questions.
    for kind in ("/admin/publications", "/admin/publication-types",
                 "/admin/links", "/admin/events"):
        paths += [kind, kind + "/new", kind + "/1", kind + "/1/delete"]
    paths += ["/admin/about"]
    import test_admin_articles as ta
    aid, revs = ta.revised_article(srv, c)
    paths += ["/admin/articles", "/admin/articles/new",
              "/admin/articles/%d" % aid,
              "/admin/articles/%d/revisions" % aid,
              "/admin/articles/%d/diff?from=%d&to=%d" % (aid, revs[0],
                                                        revs[-1]),
              "/admin/articles/%d/delete" % aid]
    import test_vnu
    paths += ["/admin/articles/%d" % test_vnu.suggesting_article(c)]
    test_vnu.suggested(srv)
    paths += ["/admin/countries/review"]
    # The newsletter's screens: a campaign sent, a subscriber.
    srv.sql_write("INSERT INTO campaigns (subject, body_text, body_html,"
                  " status, queued_at, created_at) VALUES ('Issue 1',"
                  " 'Hello', '<p>Hello</p>', 'sending', 1, 1)")
    srv.sql_write("INSERT INTO subscribers (email, status, token,"
                  " created_at) VALUES ('s@example.org', 'confirmed', 'x',"
                  " '2026-01-01T00:00:00Z')")
    paths += ["/admin/newsletter", "/admin/newsletter/%d" % srv.sql(
        "SELECT max(id) FROM campaigns")[0][0],
        "/admin/newsletter/subscribers",
        "/admin/newsletter/subscribers/%d/erase" % srv.sql(
            "SELECT max(id) FROM subscribers")[0][0]]
    os.environ["AXE_COOKIE"] = "octavo_session=" + c.session()
    try:
        lines = harness.run_browser("axe.mjs", [base + x for x in paths],
                                    "axe")
    finally:
        del os.environ["AXE_COOKIE"]
    check("axe: checked every back-office page at two widths",
          len(lines) == 2 * len(paths), "%d results" % len(lines))


def editing_paths(srv):
    """Issues (one being assembled, with an article to add), sections
    and people: lists, forms, confirmations and refusals."""
    harness.add_draft(srv, "axe-draft", "A Draft in No Issue")
    iid = srv.sql("SELECT id FROM issues ORDER BY number LIMIT 1")[0][0]
    sid = srv.sql("SELECT id FROM sections ORDER BY id LIMIT 1")[0][0]
    pid = srv.sql("SELECT person_id FROM article_authors LIMIT 1")[0][0]
    return ["/admin/issues", "/admin/issues/new", "/admin/issues/%d" % iid,
            "/admin/issues/%d/unpublish" % iid,
            "/admin/issues/%d/delete" % iid, "/admin/sections",
            "/admin/sections/new", "/admin/sections/%d" % sid,
            "/admin/people", "/admin/people?q=a&staff=1",
            "/admin/people/new", "/admin/people/%d" % pid,
            "/admin/people/%d/delete" % pid]


main()
done()
