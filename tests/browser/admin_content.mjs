// admin_content.mjs: the back office's content screens in Debian's
// Chromium (playwright-core), as an editor uses them: sign in, the
// publications list and a publication's form (sent with a mistake, said
// beside its field), the events list and a new event's form, the partner
// links moved with their buttons, the about page's preview.  Each list
// and form is shot at 1280 and 390 px wide into DIR, and must be no
// wider than the screen.  No script runs in the back office.
//   node admin_content.mjs BASE EMAIL PASSWORD DIR
// One line per step, "PASS admin_content ..." or "FAIL ...: why".
import { checker, launch, openPage, shoot as shootAt } from "./browser.mjs";

const [base, email, password, dir] = process.argv.slice(2);
const browser = await launch();
const check = checker("admin_content");
const shoot = (page, name) => shootAt(page, check, dir, name);

try {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${base}/admin/publications`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  check("signed in, back at the publications",
    new URL(page.url()).pathname === "/admin/publications", page.url());
  check("the list has rows", await page.locator("tbody tr").count() > 0,
    "no rows");
  await shoot(page, "admin-publications");

  await page.getByRole("link", { name: "New publication" }).first().click();
  await page.getByLabel("Title").fill("A Browser's Book");
  await page.getByLabel("Date").fill("2026-04-02");
  await page.getByRole("button", { name: "New publication" }).click();
  const err = await page.locator("#f-type-error").textContent();
  check("a missing type is said beside it",
    err.includes("Choose the publication's type."), err);
  check("the title typed is kept",
    await page.getByLabel("Title").inputValue() === "A Browser's Book", "");
  await shoot(page, "admin-publication-form");
  await page.getByLabel("Type").selectOption({ index: 1 });
  await page.getByLabel("Author 1").selectOption({ index: 2 });
  await page.getByRole("button", { name: "New publication" }).click();
  const note = await page.locator(".notice-ok").textContent();
  check("the publication is added", note.includes("added"), note);

  await page.goto(`${base}/admin/events`);
  await shoot(page, "admin-events");
  await page.getByRole("link", { name: "New event" }).first().click();
  await page.getByLabel("Title").fill("Browser launch");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByLabel("Starts").fill("2031-05-06T19:00");
  await page.getByLabel("Ends").fill("2031-05-06T18:00");
  await page.getByRole("button", { name: "New event" }).click();
  const e2 = await page.locator("#f-ends-error").textContent();
  check("an end before the start is said", e2.includes("after the start"),
    e2);
  await shoot(page, "admin-event-form");
  await page.getByLabel("Ends").fill("2031-05-06T21:00");
  await page.getByRole("button", { name: "New event" }).click();
  check("the event is added",
    (await page.locator(".notice-ok").textContent()).includes("added"), "");
  await page.goto(`${base}/events`);
  const ev = await page.locator(".event", { hasText: "Browser launch" })
    .textContent();
  check("the public page shows Tokyo's time",
    ev.includes("Tue 6 May 2031, 19:00–21:00 JST"), ev);

  await page.goto(`${base}/admin/links`);
  const last = page.locator("tbody tr").last();
  const name = await last.locator("th").textContent();
  await last.getByRole("button", { name: /^Up/ }).click();
  const rows = await page.locator("tbody th").allTextContents();
  check("a link moved up one place",
    rows.indexOf(name) === rows.length - 2, rows.join(" | "));
  await shoot(page, "admin-links");

  await page.goto(`${base}/admin/about`);
  await page.getByLabel("About text").fill("We are **bold**.");
  await page.getByRole("button", { name: "Preview" }).click();
  const pv = await page.locator(".preview strong").textContent();
  check("the preview renders the Markdown", pv === "bold", pv);
  await shoot(page, "admin-about");
  check("no CSP violation nor missing file", errors.length === 0,
    errors.join(" | "));
  await context.close();
} catch (e) {
  check("the run", false, e.message);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
