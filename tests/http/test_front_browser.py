"""The public site's frame in a real browser, JavaScript off
(tests/browser/front.mjs): the phone masthead's share of a 390x844
screen (at most a fifth), the navigation's one scrolling row, the
sidebar after the content on a phone and beside it at 1280, the text
measure near 66 characters.  Screenshots of the home page, an article
and /about at 1280 and 390 px go to build/screenshots/front-*.png.
"""
import datetime
import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402


def main():
    if not harness.browser_ready("front", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    # Reads in the last days, so that the home page has its most read
    # (summed as the server starts).
    tmp = tempfile.mkdtemp(prefix="octavo-front-")
    db = os.path.join(tmp, "front.db")
    harness.make_demo(db)
    con = sqlite3.connect(db)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    for n, (aid,) in enumerate(con.execute(
            "SELECT id FROM articles WHERE status = 'published'"
            " ORDER BY id LIMIT 8").fetchall()):
        for d in range(3):
            con.execute("INSERT INTO reads_daily (article_id, day, reads)"
                        " VALUES (?, ?, ?)", (aid, str(
                            today - datetime.timedelta(days=d)), 50 + 7 * n))
    con.commit()
    con.close()
    with harness.Server(db=db) as srv:
        art = srv.sql("SELECT a.slug FROM articles a JOIN article_bodies b"
                      " ON b.article_id = a.id WHERE a.status = 'published'"
                      " ORDER BY length(b.body) DESC LIMIT 1")[0][0]
        pages = ["home=/", "article=/articles/" + art, "about=/about"]
        lines = harness.run_browser(
            "front.mjs", ["http://127.0.0.1:%d" % srv.port, shots] + pages,
            "front")
        check("front: the browser ran every check", len(lines) >= 3 * 8,
              "%d results" % len(lines))
        harness.check_screenshots(shots, ("front-home", "front-article",
                                          "front-about"))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    harness.done()
