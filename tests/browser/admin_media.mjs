// admin_media.mjs: the media library and the dashboard in Debian's
// Chromium (through playwright-core), as a person uses them: sign in,
// see the dashboard (its chart drawn, its numbers in a table), open
// Media, upload a cover image with its alt text, see it on its page and
// in the library (its thumbnail loaded, its address to copy), open its
// address, try a text file named .jpg and be told why it was refused.
// Screenshots of the dashboard and of the library, at 1280 and 390 px
// wide, go to DIR.
//   node admin_media.mjs BASE EMAIL PASSWORD IMAGE TEXTFILE DIR
// One line per step, "PASS media ..." or "FAIL media ...: why"; exit 1
// on a FAIL.
import { checker, launch, openPage, path, shoot as shootAt }
  from "./browser.mjs";

const [base, email, password, image, textfile, dir] =
  process.argv.slice(2);
const browser = await launch();
const check = checker("media");
const shoot = (page, name) => shootAt(page, check, dir, name);

try {
  const { context, page, errors } = await openPage(browser);

  await page.goto(`${base}/admin`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  check("signed in, on the dashboard", path(page) === "/admin",
    path(page));
  check("the dashboard's heading",
    (await page.locator("h1").textContent()) === "Dashboard", "");
  const bars = await page.locator("svg.chart-svg rect.chart-bar").count();
  check("the chart has a bar a day", bars === 30, `${bars} bars`);
  const label = await page.getByRole("img", { name: /Reads per day/ })
    .count();
  check("the chart is an image named for what it shows", label === 1,
    `${label} found`);
  const box = await page.locator("svg.chart-svg").boundingBox();
  check("the chart is drawn wide", box !== null && box.width > 600,
    JSON.stringify(box));
  const top = await page.locator("ol.dash-top li").count();
  check("the month's most read are listed", top > 0, `${top} items`);
  await shoot(page, "admin-dashboard");
  await page.getByText("The numbers, day by day").click();
  const rows = await page.locator(".chart-data tbody tr:visible").count();
  check("its numbers open as a table", rows === 30, `${rows} rows`);

  await page.getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Media" }).click();
  check("Media opens the library", path(page) === "/admin/media",
    path(page));
  await page.getByLabel("File", { exact: true }).setInputFiles(image);
  await page.getByLabel("Alt text").fill("The cover of the winter issue");
  await page.getByRole("button", { name: "Upload" }).click();
  check("the upload goes to the file's page",
    /^\/admin\/media\/\d+\?done=uploaded$/.test(path(page)), path(page));
  const notice = await page.locator(".notice-ok").textContent();
  check("which says it was uploaded", notice.includes("uploaded"), notice);
  const preview = page.locator(".media-preview img");
  const natural = await preview.evaluate((img) => img.complete ?
    img.naturalWidth : 0);
  check("the picture is shown", natural === 320, `naturalWidth ${natural}`);
  check("with its alt text", (await preview.getAttribute("alt")) ===
    "The cover of the winter issue", await preview.getAttribute("alt"));
  const url = await page.locator("#media-url").inputValue();
  check("its address is there to copy", /^\/media\/[0-9a-f]{32}\.png$/
    .test(url), url);

  await page.goto(`${base}/admin/media`);
  const card = page.locator(".media-card").first();
  check("the library lists it first",
    (await card.locator(".media-name").textContent()).includes(
      "winter-cover.png"), await card.textContent());
  const thumb = await card.locator("img").evaluate((img) =>
    img.complete ? img.naturalWidth : 0);
  check("with its thumbnail loaded", thumb === 320, `${thumb}`);
  check("and its address",
    (await card.locator("input.media-url").inputValue()) === url, "");
  await shoot(page, "admin-media");

  const resp = await page.goto(`${base}${url}`);
  check("its address serves the picture",
    resp.status() === 200 && resp.headers()["content-type"] ===
    "image/png", `${resp.status()} ${resp.headers()["content-type"]}`);

  await page.goto(`${base}/admin/media`);
  await page.getByLabel("File", { exact: true }).setInputFiles(textfile);
  await page.getByRole("button", { name: "Upload" }).click();
  const why = await page.locator("#f-file-error").textContent();
  check("a text file named .jpg is refused, said beside the field",
    why.includes("not a JPEG"), why);
  check("no CSP violation nor missing file", errors.length === 0,
    errors.join(" | "));
  await context.close();
} catch (e) {
  check("the run", false, e.message);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
