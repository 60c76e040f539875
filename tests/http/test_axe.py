"""Every page type passes axe-core's WCAG 2 A/AA and best-practice rules
in Debian's Chromium, at a wide and a narrow viewport
(tests/browser/axe.mjs, through playwright-core)."""
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
        paths = ["/", "/articles/" + art, "/issues", "/issues/%d" % issue,
                 "/sections/" + sec, "/authors/" + author,
                 "/publications", "/publications?type=book", "/about",
                 "/newsletter", "/no-such-page"]
        lines = harness.run_browser("axe.mjs", [base + x for x in paths],
                                    "axe")
        check("axe: checked every page at two widths",
              len(lines) == 2 * len(paths), "%d results" % len(lines))


main()
done()
