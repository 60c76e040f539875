// admin_issues.mjs: an issue assembled and published in Debian's Chromium
// (through playwright-core), as an editor does it: sign in, create an
// issue (a wrong date first, said beside its field), add three articles
// found by their titles, move one down with its button and another by
// dragging it (admin-issue.js), publish the issue, and see it on the
// public site with its editor's note.  Screenshots of the new issue's
// form with an error, the issue being assembled, the sections and
// people lists and a person's page, at 1280 and 390 px wide, go to DIR.
//   node admin_issues.mjs BASE EMAIL PASSWORD DIR NUMBER TITLE...
// (NUMBER: the new issue's; TITLE...: three articles in no issue, two of
// them in one section.)  One line per step, "PASS issues ..." or
// "FAIL issues ...: why"; exit 1 on a FAIL.
import { checker, launch, openPage, path, shoot as shootAt }
  from "./browser.mjs";

const [base, email, password, dir, number, ...titles] =
  process.argv.slice(2);
const browser = await launch();
const check = checker("issues");
const shoot = (page, name) => shootAt(page, check, dir, name);

// The titles of the issue's contents, in the page's order.
const contents = (page) => page.locator("#contents .toc-title")
  .allTextContents();

try {
  const { context, page, errors } = await openPage(browser);
  page.on("pageerror", (e) => errors.push(e.message));

  await page.goto(`${base}/admin/issues/new`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  check("signing in comes back to the new issue",
    path(page) === "/admin/issues/new", path(page));
  check("the next number is offered",
    await page.getByLabel("Number").inputValue() === number,
    await page.getByLabel("Number").inputValue());

  await page.getByLabel("Date").fill("2026-13-01");
  await page.getByLabel("Title", { exact: true })
    .fill("Water, Borders and Trust");
  await page.getByLabel("Editor's note").fill(
    "Three essays on *shared rivers*, and what keeps neighbours talking.");
  await page.getByRole("button", { name: "Create the issue" }).click();
  const err = await page.locator("#f-date-error").textContent();
  check("a wrong date is said beside its field",
    err.includes("Enter a date that exists"), err);
  check("what was typed is kept",
    (await page.getByLabel("Editor's note").inputValue())
      .includes("shared rivers"), "the note was lost");
  await shoot(page, "admin-issue-new");
  await page.getByLabel("Date").fill("2026-12-09");
  await page.getByRole("button", { name: "Create the issue" }).click();
  check("the issue is created",
    /^\/admin\/issues\/\d+\?done=issue-added$/.test(path(page)), path(page));
  const issueUrl = new URL(page.url()).pathname;

  for (const t of titles) {
    await page.getByLabel("Find by title").fill(t.slice(0, 12));
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("button", { name: `Add “${t}”` }).click();
    const notice = await page.locator(".notice-ok").textContent();
    check(`“${t}” is added`, notice.includes("added to the issue"), notice);
  }
  let order = await contents(page);
  check("the contents list the three articles", order.length === 3,
    order.join(", "));
  const first = order[0];
  await page.getByRole("button", { name: `Move “${first}” down` }).click();
  order = await contents(page);
  check("a button moves an article down", order[1] === first,
    order.join(", "));

  // Drag the article now first below the one after it (same section):
  // the script posts the new order, and the page comes back with it.
  await page.goto(`${base}${issueUrl}`);
  const a = page.locator("#contents .toc-item").nth(0);
  const b = page.locator("#contents .toc-item").nth(1);
  const moved = await a.locator(".toc-title").textContent();
  await Promise.all([page.waitForURL(/done=order/), a.dragTo(b, {
    targetPosition: { x: 20, y: 40 } })]);
  order = await contents(page);
  check("dragging an article moves it (admin-issue.js)",
    order[1] === moved, order.join(", "));
  await shoot(page, "admin-issue");

  await page.getByRole("button", { name: "Publish the issue" }).click();
  const done = await page.locator(".notice-ok").textContent();
  check("the issue is published", done.includes("published"), done);
  await page.getByRole("link", { name: "View on the site" }).click();
  let h1 = "";
  for (let i = 0; i < 30 && !h1.includes("Water, Borders"); i++) {
    await page.goto(`${base}/issues/${number}`);
    h1 = await page.locator("h1").textContent().catch(() => "");
    if (!h1.includes("Water, Borders"))
      await page.waitForTimeout(100);
  }
  check("the public site shows the issue", h1.includes("Water, Borders"),
    h1);
  const main = await page.locator("main").textContent();
  check("with its editor's note",
    main.includes("what keeps neighbours talking"), "no note");
  check("and its articles in the order set",
    order.every((t, i) => i === 0 || main.indexOf(order[i - 1]) <
      main.indexOf(t)), order.join(", "));
  await page.goto(`${base}/admin/sections`);
  await shoot(page, "admin-sections");
  await page.goto(`${base}/admin/people?q=an`);
  await shoot(page, "admin-people");
  await page.locator("tbody th a").first().click();
  check("a person's page opens from the list",
    /^\/admin\/people\/\d+$/.test(path(page)), path(page));
  await shoot(page, "admin-person");
  await page.goto(`${base}${issueUrl}`);
  check("no CSP violation, script error nor missing file",
    errors.length === 0, errors.join(" | "));
  await context.close();
} catch (e) {
  check("the run", false, e.message);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
