// article.mjs: an article page with every feature in Debian's Chromium
// (through playwright-core): no errors on the page (a CSP violation, a
// missing picture), screenshots at 1280 and 390 px, and the page as
// printed: one column with no navigation, sidebar, share links or forms,
// ending with the citation and the article's address; its screenshot
// (print media, A4 width) and a PDF go to DIR too.
//   node article.mjs BASE PATH DIR
// One line per check, "PASS article ..." or "FAIL article ...: why".
import { checker, launch, openPage, shoot } from "./browser.mjs";

const [base, path, dir] = process.argv.slice(2);
const browser = await launch();
const check = checker("article");

try {
  const { context, page, errors } = await openPage(browser);
  await page.goto(base + path);
  await shoot(page, check, dir, "article");
  const figures = await page.locator(".article-body figure img").evaluateAll(
    (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
  check("its figures' pictures load", figures.length === 2 &&
    figures.every(Boolean), JSON.stringify(figures));

  // On a phone the two neighbours stack, each as wide as the column.
  await page.setViewportSize({ width: 390, height: 844 });
  const boxes = await page.locator(".issue-nav a").evaluateAll(
    (as) => as.map((a) => a.getBoundingClientRect().width));
  const column = await page.locator("main").evaluate(
    (m) => m.getBoundingClientRect().width);
  check("at 390 px the issue links fill the column",
    boxes.every((w) => w >= column - 2), `${boxes} of ${column}`);

  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const vis = (sel) => [...document.querySelectorAll(sel)].some(
      (e) => getComputedStyle(e).display !== "none" &&
        e.getClientRects().length > 0);
    return {
      nav: vis(".site-nav"), sidebar: vis(".sidebar"),
      share: vis(".share"), forms: vis("form"),
      issueNav: vis(".issue-nav"), related: vis(".related"),
      citation: vis(".citation"), title: vis("h1"),
    };
  });
  check("on paper: no navigation, sidebar, share links or forms",
    !shown.nav && !shown.sidebar && !shown.share && !shown.forms &&
    !shown.issueNav && !shown.related, JSON.stringify(shown));
  check("on paper: the title and the citation", shown.title &&
    shown.citation, JSON.stringify(shown));
  const last = await page.evaluate(() => {
    const main = document.querySelector("main");
    const seen = [...main.querySelectorAll("*")].filter(
      (e) => e.children.length === 0 && e.getClientRects().length > 0 &&
        e.textContent.trim() !== "");
    return seen.length ? seen[seen.length - 1].textContent.trim() : "";
  });
  check("on paper: it ends with the article's address",
    last.startsWith("http") && last.endsWith(path), last);
  const one = await page.evaluate(() => {
    const m = document.querySelector("main").getBoundingClientRect();
    return m.width / window.innerWidth;
  });
  check("on paper: one column, the page's width", one > 0.9, `${one}`);
  await page.screenshot({ path: `${dir}/article-print.png`,
    fullPage: true });
  await page.pdf({ path: `${dir}/article-print.pdf`, format: "A4" });
  check("no errors on the page", errors.length === 0, errors.join(" | "));
  await context.close();
} catch (e) {
  check("runs to the end", false, e.stack);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
