"""The back office in a real browser (Debian's Chromium driven by
playwright-core, tests/browser/admin.mjs): sent to sign in, a wrong
password said so, signed in and back where it was going, the home page,
a setting changed (a wrong value first, said beside its field) and seen
on the public site, signed out.  Screenshots of the sign-in page and the
home page at 1280 and 390 px go to build/screenshots/.
"""
import os

import harness
from harness import check, check_eq, done


def main():
    if not harness.browser_ready("admin", "playwright-core"):
        return
    shots = os.path.join(harness.ROOT, "build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with harness.Server(articles=40) as srv:
        import subprocess
        p = subprocess.run([harness.BIN, "user", "--db", srv.db, "add",
                            "editor-in-chief@example.org", "--role",
                            "admin"], input=b"browser test password\n",
                           capture_output=True, timeout=120)
        check_eq("an administrator to sign in as", p.returncode, 0)
        base = "http://127.0.0.1:%d" % srv.port
        lines = harness.run_browser("admin.mjs", [
            base, "editor-in-chief@example.org", "browser test password",
            shots], "admin")
        check("admin: the browser ran every step", len(lines) >= 20,
              "%d results" % len(lines))
        harness.check_screenshots(shots, ("admin-login", "admin-home"))
        check_eq("the setting is in the database", srv.sql(
            "SELECT value FROM settings WHERE key = 'name'")[0][0],
            "The Browser Test Review")


main()
done()
