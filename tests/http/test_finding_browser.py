"""The pages that help a reader find things in a real browser (Debian's
Chromium through playwright-core, tests/browser/finding.mjs): /authors,
/tags and a tag's page 2, /countries and a country's page, the events,
the archive, an article with its breadcrumbs and an author's page, and
the article editor suggesting countries, each without errors and saved
at 1280 and 390 px under build/screenshots/ for review.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, done  # noqa: E402
import test_finding  # noqa: E402
from test_admin_auth import Client, EMAIL, PW, user_add  # noqa: E402
import test_vnu  # noqa: E402

NAMES = ("finding-authors", "finding-tags", "finding-tag-page-2",
         "finding-countries", "finding-country", "finding-events",
         "finding-issues", "finding-article", "finding-author",
         "finding-suggest")


def main():
    if not harness.browser_ready("finding", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=120) as srv:
        test_finding.tag_fixture(srv)
        srv.sql_write("UPDATE content_version SET version = version + 1")
        test_finding.fresh(srv, "/tags/energy", "Energy")
        art = srv.sql("SELECT a.slug FROM articles a JOIN article_tags t"
                      " ON t.article_id = a.id ORDER BY a.id DESC"
                      " LIMIT 1")[0][0]
        author = srv.sql("SELECT p.slug FROM people p JOIN article_counts"
                         " c ON c.key = p.id AND c.list = 'author'"
                         " ORDER BY c.n DESC LIMIT 1")[0][0]
        user_add(srv.db, EMAIL["editor"], "editor", PW["editor"])
        srv.pause(1.5)
        ed = Client(srv, "127.0.0.71")
        check_eq("finding: the editor signs in",
                 ed.login(EMAIL["editor"], PW["editor"])[0], 303)
        aid = test_vnu.suggesting_article(ed)
        cookie = "; ".join("%s=%s" % kv for kv in ed.jar.items())
        base = "http://127.0.0.1:%d" % srv.port
        lines = harness.run_browser("finding.mjs", [
            base, shots,
            "finding-authors=/authors",
            "finding-tags=/tags",
            "finding-tag-page-2=/tags/energy?page=2",
            "finding-countries=/countries",
            "finding-country=/countries/kz",
            "finding-events=/events",
            "finding-issues=/issues",
            "finding-article=/articles/" + art,
            "finding-author=/authors/" + author,
            "COOKIE=" + cookie.split("; ")[0],
            "finding-suggest=/admin/articles/%d" % aid], "finding")
        check("finding: the browser checked every page",
              len(lines) == 4 * len(NAMES), "%d results" % len(lines))
        harness.check_screenshots(shots, NAMES)


main()
done()
