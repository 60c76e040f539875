"""An issue assembled and published in a real browser (Debian's Chromium
driven by playwright-core, tests/browser/admin_issues.mjs): an editor
signs in, creates an issue (a wrong date said beside its field), adds
three articles found by title, moves one with its button and one by
dragging, publishes the issue and sees it on the public site.
Screenshots of the issue being assembled at 1280 and 390 px go to
build/screenshots/.
"""
import os
import subprocess

import harness
from harness import check, check_eq, done

TITLES = ("Glacier Treaties Revisited", "Ferries Between Two Banks",
          "A Dam Without Neighbours")
DAY = "2026-11-25T10:00:00Z"


def main():
    if not harness.browser_ready("issues", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=40) as srv:
        p = subprocess.run([harness.BIN, "user", "--db", srv.db, "add",
                            "managing-editor@example.org", "--role",
                            "editor"], input=b"browser test password\n",
                           capture_output=True, timeout=120)
        check_eq("an editor to sign in as", p.returncode, 0)
        # Drafts in no issue, the first two in one section, as the
        # article editor leaves them; the last is left out of the issue.
        people = [r[0] for r in srv.sql("SELECT id FROM people ORDER BY"
                                        " id LIMIT 4")]
        for i, (title, sec) in enumerate(zip(TITLES + (
                "Notes From the Upper Basin",), (
                "analytical-articles", "analytical-articles",
                "field-reports", "commentary"))):
            srv.sql_write(
                "INSERT INTO articles (slug, title, section_id, status,"
                " published_at, updated_at) SELECT ?, ?, id, 'draft', ?, ?"
                " FROM sections WHERE slug = ?",
                ("browser-%d" % i, title, DAY, DAY, sec))
            srv.sql_write(
                "INSERT INTO article_authors (article_id, person_id,"
                " position) SELECT id, ?, 1 FROM articles WHERE slug = ?",
                (people[i], "browser-%d" % i))
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
