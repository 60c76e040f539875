// admin_articles.mjs: the article editor in Debian's Chromium (through
// playwright-core), as an editor uses it: sign in, write a new article
// (a wrong field first, said beside it, what was typed kept), preview it
// in a new tab without saving, save it, schedule it, publish it, see it
// on the public site with its read counter not moved by the editor's
// visits, change it again, compare two revisions and restore the first,
// sign out.  Screenshots of the list, the editor, the preview, the
// revisions and a diff, at 1280 and 390 px wide, go to DIR.
//   node admin_articles.mjs BASE EMAIL PASSWORD DIR
// One line per step, "PASS articles ..." or "FAIL articles ...: why";
// exit 1 on a FAIL.
import { checker, launch, openPage, path, shoot as shootAt }
  from "./browser.mjs";

const [base, email, password, dir] = process.argv.slice(2);
const browser = await launch();
const check = checker("articles");
const shoot = (page, name) => shootAt(page, check, dir, name);

// The number the public page's read count says ("Read once", "Read
// twice", "Read 1,234 times").
async function readCount(page) {
  const t = await page.locator(".reads").textContent();
  if (/^Read once$/.test(t.trim()))
    return 1;
  if (/^Read twice$/.test(t.trim()))
    return 2;
  const m = t.trim().match(/^Read ([\d,]+) times$/);
  return m ? Number(m[1].replace(/,/g, "")) : -1;
}

const TITLE = "Letters From the Delta";
const BODY = "The river comes first.\n\n## What changed\n\n" +
  "Ferries run *twice* a day now.\n";

try {
  const { context, page, errors } = await openPage(browser);

  await page.goto(`${base}/admin/articles/new`);
  check("the editor sends to sign in first",
    path(page) === "/admin/login?next=%2Fadmin%2Farticles%2Fnew",
    path(page));
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  check("and comes back to a new article", path(page) ===
    "/admin/articles/new", path(page));

  await page.getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Articles" }).click();
  check("the list of articles", path(page) === "/admin/articles",
    path(page));
  await shoot(page, "admin-articles");
  await page.getByRole("link", { name: "New article" }).click();

  // A wrong field first: said beside it, the rest kept.
  await page.getByLabel("Title", { exact: true }).fill(TITLE);
  await page.getByLabel("Dek").fill("Ferries, fish and a new bridge.");
  await page.getByLabel("Text").fill(BODY);
  await page.getByLabel("Countries").fill("NL, ZZ");
  await page.getByRole("button", { name: "Save" }).click();
  const err = await page.locator(".field-invalid .field-error")
    .allTextContents();
  check("a wrong country and a missing section are said beside them",
    err.some((e) => e.includes("ZZ is not an ISO 3166")) &&
    err.some((e) => e.includes("Choose a section")), err.join(" | "));
  check("what was typed is kept",
    await page.getByLabel("Text").inputValue() === BODY &&
    await page.getByLabel("Dek").inputValue() ===
    "Ferries, fish and a new bridge.", "text lost");
  await page.getByLabel("Countries").fill("NL");
  await page.getByLabel("Section").selectOption({ index: 1 });
  await page.getByLabel("Author 1").selectOption({ index: 1 });
  await page.getByLabel("Tags").fill("Rivers, Transport");

  // Preview: a new tab, the public page's look, nothing saved.
  const [preview] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("button", { name: "Preview" }).click(),
  ]);
  await preview.waitForLoadState();
  check("the preview shows the title as readers will see it",
    (await preview.locator("h1").textContent()) === TITLE, "");
  check("with the text rendered",
    (await preview.locator(".article-body h2").textContent()) ===
    "What changed", "");
  check("in the public theme",
    await preview.locator("body.page-article").count() === 1, "");
  await shoot(preview, "admin-article-preview");
  await preview.close();
  check("previewing saved nothing", path(page) === "/admin/articles",
    path(page));

  await page.getByRole("button", { name: "Save" }).click();
  check("saved: the article's own page",
    /^\/admin\/articles\/\d+\?done=article-created$/.test(path(page)),
    path(page));
  const editUrl = page.url().replace(/\?.*/, "");
  const notice = await page.locator(".notice-ok").textContent();
  check("which says so", notice.includes("saved"), notice);
  check("as a draft", (await page.locator(".editor-meta .status")
    .textContent()) === "Draft", "");
  await shoot(page, "admin-article-editor");

  // Schedule it, then publish it.
  await page.getByLabel("Status").selectOption("scheduled");
  await page.getByLabel("Publication time (UTC)").fill("2099-06-01T09:30");
  await page.getByRole("button", { name: "Save" }).click();
  check("scheduled", (await page.locator(".editor-meta").textContent())
    .includes("Scheduled for 1 Jun 2099, 09:30"),
    await page.locator(".editor-meta").textContent());
  await page.getByLabel("Status").selectOption("published");
  await page.getByLabel("Publication time (UTC)").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  check("published", (await page.locator(".editor-meta .status")
    .textContent()) === "Published", "");

  // The public site, as this editor: the read counter does not move.
  const href = await page.getByRole("link", { name: "View on the site" })
    .getAttribute("href");
  const site = await context.newPage();
  let h1 = "";
  // The page cache takes the new version up on the server's next tick.
  for (let i = 0; i < 30 && h1 !== TITLE; i++) {
    await site.goto(`${base}${href}`);
    h1 = await site.locator("h1").textContent().catch(() => "");
    if (h1 !== TITLE)
      await site.waitForTimeout(100);
  }
  check("the article is on the public site", h1 === TITLE, h1);
  const before = await readCount(site);
  for (let i = 0; i < 3; i++)
    await site.reload();
  const after = await readCount(site);
  check("the editor's visits are not counted as reads",
    before === after && before >= 0, `${before} then ${after}`);
  console.log(`    read counter: ${before} before, ${after} after 3 visits`);
  await site.close();

  // Change it, compare, restore the first revision.
  await page.goto(editUrl);
  await page.getByLabel("Title", { exact: true }).fill(`${TITLE}, Again`);
  await page.getByLabel("Text").fill(BODY.replace("twice", "three times"));
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("link", { name: "Revisions" }).click();
  const rows = await page.locator(".revisions-table tbody tr").count();
  check("four saves, four revisions", rows === 4, `${rows} rows`);
  check("each says who", (await page.locator(".revisions-table")
    .textContent()).includes(email), "");
  await shoot(page, "admin-article-revisions");
  await page.getByRole("button", { name: "Compare the chosen revisions" })
    .click();
  check("the diff page", /\/diff\?.*from=\d+/.test(path(page)), path(page));
  const ins = await page.locator("pre.diff ins").allTextContents();
  const del = await page.locator("pre.diff del").allTextContents();
  check("the text's change put in and taken out",
    ins.some((x) => x.includes("three times")) &&
    del.some((x) => x.includes("twice")), `${ins} / ${del}`);
  await shoot(page, "admin-article-diff");
  await page.getByRole("button", { name: /Restore the older one/ }).click();
  const restored = await page.locator(".notice-ok").textContent();
  check("restored", restored.includes("restored"), restored);
  await page.goto(editUrl);
  check("the first text is back",
    (await page.getByLabel("Text").inputValue()) === BODY &&
    (await page.getByLabel("Title", { exact: true }).inputValue()) ===
    TITLE, "");
  check("and it is still published", (await page.locator(
    ".editor-meta .status").textContent()) === "Published", "");

  await page.getByRole("button", { name: "Sign out" }).click();
  check("signed out", path(page) === "/admin/login?done=signed-out",
    path(page));
  check("no CSP violation nor missing file", errors.length === 0,
    errors.join(" | "));
  await context.close();
} catch (e) {
  check("the run", false, e.message);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
