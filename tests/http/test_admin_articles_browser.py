"""The article editor in a real browser (Debian's Chromium driven by
playwright-core, tests/browser/admin_articles.mjs): sign in, write an
article (a wrong field said beside it), preview it in a new tab, save,
schedule, publish, see it on the public site with the read counter not
moved by the editor, change it, compare two revisions, restore the
first, sign out.  Screenshots of the list, the editor, the preview, the
revisions and a diff at 1280 and 390 px go to build/screenshots/.
"""
import os

import harness
from harness import check, check_eq, done


def main():
    if not harness.browser_ready("articles", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=40) as srv:
        import subprocess
        p = subprocess.run([harness.BIN, "user", "--db", srv.db, "add",
                            "desk@example.org", "--role", "editor"],
                           input=b"browser test password\n",
                           capture_output=True, timeout=120)
        check_eq("an editor to sign in as", p.returncode, 0)
        base = "http://127.0.0.1:%d" % srv.port
        lines = harness.run_browser("admin_articles.mjs", [
            base, "desk@example.org", "browser test password", shots],
            "articles")
        check("articles: the browser ran every step", len(lines) >= 30,
              "%d results" % len(lines))
        for name in ("admin-articles", "admin-article-editor",
                     "admin-article-preview", "admin-article-revisions",
                     "admin-article-diff"):
            for w in (1280, 390):
                f = os.path.join(shots, "%s-%d.png" % (name, w))
                check("screenshot %s-%d saved" % (name, w),
                      os.path.exists(f) and os.path.getsize(f) > 1000, f)
        srv.pause(1.5)
        row = srv.sql("SELECT a.status, a.title, r.reads FROM articles a"
                      " JOIN article_reads r ON r.article_id = a.id"
                      " WHERE a.slug = 'letters-from-the-delta'")
        check_eq("in the database: published, restored, no read counted",
                 row, [("published", "Letters From the Delta", 0)])
        check_eq("the audit log: published, scheduled, restored", srv.sql(
            "SELECT action FROM audit WHERE action LIKE 'article %'"
            " ORDER BY id"), [("article scheduled",),
                              ("article published",),
                              ("article restored",)])


main()
done()
