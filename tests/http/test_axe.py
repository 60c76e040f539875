"""Every page type passes axe-core's WCAG 2 A/AA and best-practice rules
in Debian's Chromium, at a wide and a narrow viewport
(tests/browser/axe.mjs, through playwright-core)."""
import os
import subprocess
import sys

import harness
from harness import Server, check, done

NODE_MODULES = os.path.join(harness.ROOT, "tests", "node_modules")


def main():
    if not check("axe: Chromium is installed",
                 os.path.exists("/usr/bin/chromium"), "no /usr/bin/chromium"):
        return
    if not check("axe: @axe-core/playwright is installed",
                 os.path.isdir(os.path.join(NODE_MODULES, "@axe-core")),
                 "run scripts/install-deps.sh test"):
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
        p = subprocess.run(
            ["node", os.path.join(harness.ROOT, "tests", "browser",
                                  "axe.mjs")] + [base + x for x in paths],
            capture_output=True, text=True, timeout=600,
            cwd=os.path.join(harness.ROOT, "tests"))
        sys.stdout.write(p.stdout)
        lines = [x for x in p.stdout.splitlines()
                 if x.startswith(("PASS ", "FAIL "))]
        check("axe: checked every page at two widths",
              len(lines) == 2 * len(paths),
              "%d results; stderr: %s" % (len(lines), p.stderr[-1500:]))
        # The FAIL lines above are counted by tests/run.sh as they are.
        harness.failures += sum(1 for x in lines if x.startswith("FAIL "))


main()
done()
