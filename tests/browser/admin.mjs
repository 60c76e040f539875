// admin.mjs: the back office in Debian's Chromium (through playwright-core),
// as a person uses it: open /admin and be sent to sign in, sign in, see
// the home page, change a setting, see it on the public site, sign out.
// No script runs in the back office; the browser only fills forms and
// follows links.  Screenshots of the sign-in page and the home page, at
// 1280 and 390 px wide, go to DIR.
//   node admin.mjs BASE EMAIL PASSWORD DIR
// One line per step, "PASS admin ..." or "FAIL admin ...: why"; exit 1 on
// a FAIL.
import { checker, launch, openPage, path, shoot as shootAt }
  from "./browser.mjs";

const [base, email, password, dir] = process.argv.slice(2);
const browser = await launch();
const check = checker("admin");
const shoot = (page, name) => shootAt(page, check, dir, name);

try {
  const { context, page, errors } = await openPage(browser);

  await page.goto(`${base}/admin/settings`);
  check("a page of the back office sends to sign in",
    path(page) === "/admin/login?next=%2Fadmin%2Fsettings", path(page));
  await shoot(page, "admin-login");

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const msg = await page.locator("#login-error").textContent();
  check("a wrong password is said so",
    msg.includes("The email address or the password is wrong."), msg);
  check("the email stays typed",
    await page.getByLabel("Email address").inputValue() === email, "");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  check("signing in comes back to the page asked for",
    path(page) === "/admin/settings", path(page));

  await page.getByRole("link", { name: "Dashboard" }).click();
  check("the home page", path(page) === "/admin", path(page));
  const h1 = await page.locator("h1").textContent();
  check("it is the dashboard", h1 === "Dashboard", h1);
  const lede = await page.locator(".page-head .lede").textContent();
  check("it greets the user", lede.includes("Welcome"), lede);
  check("it says who and which role",
    lede.includes(email) && lede.includes("admin"), lede);
  check("it counts the journal's articles",
    await page.locator(".stat").count() >= 5, "no counts");
  await shoot(page, "admin-home");

  await page.getByRole("navigation", { name: "Back office" })
    .getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Title").fill("The Browser Test Review");
  await page.getByLabel("Base URL").fill("not an address");
  await page.getByRole("button", { name: "Save settings" }).click();
  const err = await page.locator(".field-invalid .field-error").first()
    .textContent();
  check("a wrong value is said beside its field",
    err.includes("Base URL must be an absolute http or https URL"), err);
  check("what was typed is kept",
    await page.getByLabel("Title").inputValue() ===
    "The Browser Test Review", "title lost");
  await page.getByLabel("Base URL").fill(base);
  await page.getByRole("button", { name: "Save settings" }).click();
  const notice = await page.locator(".notice-ok").textContent();
  check("the settings are saved", notice.includes("saved"), notice);

  let seen = "";
  for (let i = 0; i < 30 && !seen.includes("The Browser Test Review"); i++) {
    await page.goto(`${base}/`);
    seen = await page.locator(".site-name").textContent();
    if (!seen.includes("The Browser Test Review"))
      await page.waitForTimeout(100);
  }
  check("the public site shows the new title",
    seen.includes("The Browser Test Review"), seen);

  await page.goto(`${base}/admin`);
  await page.getByRole("button", { name: "Sign out" }).click();
  check("signing out goes to the sign-in page",
    path(page) === "/admin/login?done=signed-out", path(page));
  const out = await page.locator(".notice-ok").textContent();
  check("which says so", out.includes("You have signed out."), out);
  await page.goto(`${base}/admin`);
  check("after signing out, /admin asks to sign in",
    path(page) === "/admin/login", path(page));
  check("no CSP violation nor missing file", errors.length === 0,
    errors.join(" | "));
  await context.close();
} catch (e) {
  check("the run", false, e.message);
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
