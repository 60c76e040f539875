// axe.mjs: accessibility check of pages in Debian's Chromium with axe-core
// (through playwright-core).  Usage: node axe.mjs URL...
// Prints one line per page, "PASS axe <url>" or "FAIL axe <url>: ..." with
// each violation (WCAG 2.x A and AA rules, and axe's best practices), and
// one line per page for the narrow (mobile) viewport.  Exit 1 on a FAIL.
// AXE_COOKIE=name=value in the environment sends that cookie (a
// back-office session) with every request.
import { AxeBuilder } from "@axe-core/playwright";
import { launch } from "./browser.mjs";

const urls = process.argv.slice(2);
const browser = await launch();
let failed = 0;
try {
  for (const [label, viewport] of [["wide", { width: 1280, height: 900 }],
    ["narrow", { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport });
    if (process.env.AXE_COOKIE) {
      const [name, ...rest] = process.env.AXE_COOKIE.split("=");
      await context.addCookies([{ name, value: rest.join("="),
        url: new URL(urls[0]).origin }]);
    }
    const page = await context.newPage();
    for (const url of urls) {
      const name = `axe ${label} ${new URL(url).pathname}${new URL(url).search}`;
      await page.goto(url);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
          "best-practice"])
        .analyze();
      if (result.violations.length === 0) {
        console.log(`PASS ${name}`);
        continue;
      }
      failed++;
      const why = result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
      console.log(`FAIL ${name}: ${why.join(" | ")}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
