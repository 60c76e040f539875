"""An issue assembled and published in a real browser (Debian's Chromium
driven by playwright-core, tests/browser/admin_issues.mjs): an editor
signs in, creates an issue (a wrong date said beside its field), adds
three articles found by title, moves one with its button and one by
dragging, publishes the issue and sees it on the public site.
Screenshots of the issue being assembled at 1280 and 390 px go to
build/screenshots/.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, done  # noqa: E402
import test_admin_auth as t  # noqa: E402

TITLES = ("Glacier Treaties Revisited", "Ferries Between Two Banks",
          "A Dam Without Neighbours")


def main():
    if not harness.browser_ready("issues", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=40) as srv:
        p = t.user_add(srv.db, "managing-editor@example.org", "editor",
                       "browser test password")
        check_eq("an editor to sign in as", p.returncode, 0)
        # Drafts in no issue, the first two in one section, as the
        # article editor leaves them; the last is left out of the issue.
        people = [r[0] for r in srv.sql("SELECT slug FROM people ORDER BY"
                                        " id LIMIT 4")]
        for i, (title, sec) in enumerate(zip(TITLES + (
                "Notes From the Upper Basin",), (
                "analytical-articles", "analytical-articles",
                "field-reports", "commentary"))):
            harness.add_draft(srv, "browser-%d" % i, title, sec,
                              author=people[i])
        number = srv.sql("SELECT max(number) + 1 FROM issues")[0][0]
        base = "http://127.0.0.1:%d" % srv.port
        lines = harness.run_browser("admin_issues.mjs", [
            base, "managing-editor@example.org", "browser test password",
            shots, str(number)] + list(TITLES), "issues")
        check("issues: the browser ran every step", len(lines) >= 14,
              "%d results" % len(lines))
        for w in (1280, 390):
            f = os.path.join(shots, "admin-issue-%d.png" % w)
            check("screenshot admin-issue-%d saved" % w,
                  os.path.exists(f) and os.path.getsize(f) > 1000, f)
        check_eq("the issue and its articles are published", srv.sql(
            "SELECT i.status, count(a.id), sum(a.status = 'published')"
            " FROM issues i JOIN articles a ON a.issue_id = i.id"
            " WHERE i.number = ?", (number,)), [("published", 3, 3)])


main()
done()
