// admin_countries.mjs: the review of suggested countries in Debian's
// Chromium (through playwright-core), as an editor uses it: sign in,
// follow the menu to "Suggested countries", see each article's
// suggestions ticked with the words that named them, untick one and add
// the rest for one article with its own button, then select another
// article and add its countries with the button under the table; the
// page says what was done and ends empty.  Screenshots of the page at
// 1280 and 390 px wide go to DIR.
//   node admin_countries.mjs BASE EMAIL PASSWORD DIR
// One line per step, "PASS countries ..." or "FAIL countries ...: why";
// exit 1 on a FAIL.
import { checker, launch, openPage, path, shoot as shootAt, signIn }
  from "./browser.mjs";

const [base, email, password, dir] = process.argv.slice(2);
const browser = await launch();
const check = checker("countries");
const shoot = (page, name) => shootAt(page, check, dir, name);

try {
  const { context, page, errors } = await openPage(browser);

  await signIn(page, base, email, password);
  await page.getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Suggested countries" }).click();
  check("the menu leads to the review", path(page) ===
    "/admin/countries/review", path(page));
  const rows = await page.locator(".review-table tbody tr").count();
  check("a row an article", rows === 2, `${rows} rows`);
  const words = await page.locator(".review-words").allTextContents();
  check("each suggestion with its words",
    words.some((w) => w.includes("Pakistani")), words.join(" | "));
  await shoot(page, "admin-countries-review");

  const row = page.locator("tr", { hasText: "On the Border" });
  await row.getByLabel(/Pakistan/).uncheck();
  await row.getByRole("button", { name: /^Add ticked countries to/ })
    .click();
  check("one article's button: done, said so",
    path(page) === "/admin/countries/review?done=countries-confirmed",
    path(page));
  const notice = await page.locator(".notice-ok").textContent();
  check("the notice says what happened", notice.includes("added"),
    notice);
  const left = await page.locator(".review-table tbody tr").count();
  check("that article has left the list", left === 1, `${left} rows`);

  await page.getByLabel(/Select .A Letter/).check();
  await page.getByRole("button",
    { name: "Add ticked countries to the selected articles" }).click();
  const empty = await page.locator(".empty").textContent();
  check("the selected article decided: nothing left",
    empty.includes("Nothing to review"), empty);
  check("no error on the way", errors.length === 0, errors.join(" | "));
  await context.close();
} catch (e) {
  check("the steps ran", false, e.message.split("\n")[0]);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
