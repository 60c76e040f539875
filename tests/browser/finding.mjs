// finding.mjs: the pages that help a reader find things, in Debian's
// Chromium: each loads without errors (no console error, no missing
// subresource), and is saved at 1280 and 390 px (nothing wider than the
// screen) under the screenshots folder.
// Usage: node finding.mjs BASE SHOTS NAME=PATH...  A COOKIE=name=value
// argument sends that cookie (a back-office session) from then on.
import { launch, checker, openPage, shoot } from "./browser.mjs";

const [base, shots, ...pages] = process.argv.slice(2);
const check = checker("finding");
const browser = await launch();
try {
  const { context, page, errors } = await openPage(browser);
  for (const arg of pages) {
    const [name, ...rest] = arg.split("=");
    if (name === "COOKIE") {
      const [cname, ...value] = rest;
      await context.addCookies([{ name: cname, value: value.join("="),
        url: base }]);
      continue;
    }
    const path = rest.join("=");
    errors.length = 0;
    const r = await page.goto(base + path);
    check(`${name}: ${path} answers 200`, r.status() === 200,
      `status ${r.status()}`);
    check(`${name}: no errors`, errors.length === 0, errors.join("; "));
    await shoot(page, check, shots, name);
  }
  await context.close();
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
