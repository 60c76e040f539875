// browser.mjs: what the back office's browser tests share: Debian's
// Chromium launched headless through playwright-core, one result line a
// check ("PASS prefix name" or "FAIL prefix name: why"), the path of a
// page, a page's errors (a CSP violation is a console error, a missing
// stylesheet or picture a failed subresource; a form's own 4xx is the
// page, not an error), and screenshots at 1280 and 390 px that also
// check that nothing is wider than the screen.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

// check(name, ok, why) printing under prefix; check.failed() counts.
export function checker(prefix) {
  let failed = 0;
  const check = (name, ok, why) => {
    if (ok) {
      console.log(`PASS ${prefix} ${name}`);
    } else {
      failed++;
      console.log(`FAIL ${prefix} ${name}: ${why}`);
    }
    return ok;
  };
  check.failed = () => failed;
  return check;
}

export function path(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// The page's errors, collected into the array returned.
export function watchErrors(page) {
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load"))
      errors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.request().resourceType() !== "document" && r.status() >= 400)
      errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

// DIR/NAME-1280.png and DIR/NAME-390.png, whole pages.
export async function shoot(page, check, dir, name) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
    const file = `${dir}/${name}-${width}.png`;
    await page.screenshot({ path: file, fullPage: true });
    const over = await page.evaluate(() =>
      document.documentElement.scrollWidth - window.innerWidth);
    check(`${name} at ${width} px: nothing wider than the screen`,
      over <= 0, `${over} px too wide`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

// A new context at 1280 x 800 and its page, whose errors are watched.
export async function openPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

// Sign in on the back office's form at BASE/admin, as a person types.
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/admin`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
