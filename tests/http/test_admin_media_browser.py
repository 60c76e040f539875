"""The media library and the dashboard in a real browser (Debian's
Chromium driven by playwright-core, tests/browser/admin_media.mjs): the
dashboard with reads in its chart, a cover image uploaded and seen on
its page, in the library and at its address, a text file named .jpg
refused.  Screenshots of the dashboard and the library at 1280 and 390
px go to build/screenshots/.
"""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq  # noqa: E402
import test_admin_auth as t  # noqa: E402
import test_admin_media as m  # noqa: E402


def main():
    if not harness.browser_ready("media", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=40) as srv:
        p = t.user_add(srv.db, "editor-in-chief@example.org", "editor",
                       "browser test password")
        check_eq("an editor to sign in as", p.returncode, 0)
        # Reads over the last weeks, drafts and a scheduled article, so
        # that the dashboard shows what it is for.
        today = datetime.datetime.now(datetime.timezone.utc).date()
        arts = [r[0] for r in srv.sql("SELECT id FROM articles ORDER BY"
                                      " id LIMIT 12")]
        for k in range(30):
            for j, a in enumerate(arts[:6]):
                srv.sql_write("INSERT OR REPLACE INTO reads_daily"
                              " (article_id, day, reads) VALUES (?, ?, ?)",
                              (a, (today - datetime.timedelta(days=k))
                               .isoformat(), (k * 7 + j * 13) % 40 + 5))
        for a in arts[6:9]:
            srv.sql_write("UPDATE articles SET status = 'draft' WHERE"
                          " id = ?", (a,))
        for i, a in enumerate(arts[9:11]):
            srv.sql_write("UPDATE articles SET status = 'scheduled',"
                          " published_at = ? WHERE id = ?",
                          ("%s-12-0%dT08:00:00Z" % (today.year, i + 1),
                           a))
        img = os.path.join(srv.dir, "winter-cover.png")
        with open(img, "wb") as f:
            f.write(m.png(320, 200))
        txt = os.path.join(srv.dir, "holiday.jpg")
        with open(txt, "wb") as f:
            f.write(b"These are notes, not a photograph.\n")
        base = "http://127.0.0.1:%d" % srv.port
        lines = harness.run_browser("admin_media.mjs", [
            base, "editor-in-chief@example.org", "browser test password",
            img, txt, shots], "media")
        check("media: the browser ran every step", len(lines) >= 20,
              "%d results" % len(lines))
        harness.check_screenshots(shots, ("admin-dashboard", "admin-media"))
        check_eq("one file uploaded, the refused one not",
                 [r[2] for r in m.media_rows(srv)], ["winter-cover.png"])


main()
harness.done()
