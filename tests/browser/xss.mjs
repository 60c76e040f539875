// xss.mjs: the XSS corpus check of tests/http/test_xss.py in Debian's
// Chromium (through playwright-core), with the server's
// Content-Security-Policy switched off, so that escaping and the URL
// sanitiser, not the CSP, are what is tested.
//   node xss.mjs PLAN.json
// PLAN: { base, pages: [path], forms: [{ path, selector, value }],
//         labels: { id: "where the payload was written" } }.
// Every payload calls window.__xss(id) (or alert) when it runs.  Each page
// is loaded, left to run its event handlers (two animation frames: images
// have failed by "load", autofocus runs on the next rendering update), then
// every javascript: link on it is clicked.  One line per page: "PASS xss
// PATH", or "FAIL xss PATH: ..." naming the payloads that ran and any
// script-capable markup found (script elements, on* attributes,
// javascript:/data:/vbscript: URLs as the browser itself resolves them,
// base/meta refresh/iframe/object/embed elements).  First, a control:
// markup injected by the test itself must run, proving the CSP is off.
// Last, a line "xss: N pages, E scripts ran (D distinct payloads), U
// unsafe URLs".  Exit 1 on
// a FAIL.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const label = (id) => plan.labels?.[id] ?? `#${id}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// Give the page's own event loop two rendering updates.
const settle = (page) => page.evaluate(() => new Promise((resolve) =>
  requestAnimationFrame(() => requestAnimationFrame(() =>
    setTimeout(resolve, 0)))));

// What on the page could run a script, as the browser parsed it.
function scan() {
  const bad = /^(javascript|data|vbscript):$/;
  const urlAttrs = ["href", "src", "action", "formaction", "poster",
    "data", "background", "cite", "xlink:href", "ping"];
  const out = { scripts: 0, handlers: [], urls: [], elements: [] };
  out.scripts = document.querySelectorAll("script").length;
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "base", "applet"]
      .includes(tag) || (tag === "meta" && el.hasAttribute("http-equiv")))
      out.elements.push(tag);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith("on"))
        out.handlers.push(`${tag}[${n}]`);
      if (n === "srcdoc")
        out.elements.push(`${tag}[srcdoc]`);
      if (!urlAttrs.includes(n) || a.value === "")
        continue;
      let proto;
      try {
        proto = new URL(a.value, document.baseURI).protocol;
      } catch {
        continue;	// not a URL the browser would follow
      }
      if (bad.test(proto))
        out.urls.push(`${tag}[${n}]=${JSON.stringify(a.value.slice(0, 60))}`);
    }
  }
  return out;
}

// Click every link whose target the browser resolves to javascript:.
function clickScriptLinks() {
  let n = 0;
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (a.protocol === "javascript:") {
      a.click();
      n++;
    }
  }
  return n;
}

let failed = 0, pages = 0, ran = 0, unsafe = 0;
const distinct = new Set();
const context = await browser.newContext({ bypassCSP: true });
// Belt and braces: the header never reaches the page either.
await context.route((url) => url.href.startsWith(plan.base), async (route) => {
  const response = await route.fetch({ maxRedirects: 0 });
  const headers = { ...response.headers() };
  delete headers["content-security-policy"];
  await route.fulfill({ response, headers });
});
await context.addInitScript(() => {
  window.__xssCalls = [];
  window.__xss = (id) => { window.__xssCalls.push(String(id)); };
});
const page = await context.newPage();
const dialogs = [];
page.on("dialog", async (d) => {
  dialogs.push(d.message());
  await d.dismiss();
});

async function check(name, load) {
  dialogs.length = 0;
  let status;
  try {
    status = await load();
    await settle(page);
    const clicked = await page.evaluate(clickScriptLinks);
    if (clicked > 0)
      await settle(page);
    const calls = await page.evaluate(() => window.__xssCalls);
    const s = await page.evaluate(scan);
    pages++;
    ran += calls.length + dialogs.length;
    calls.forEach((id) => distinct.add(id));
    unsafe += s.urls.length;
    const why = [];
    if (calls.length > 0)
      why.push(`ran ${calls.map(label).join(", ")}`);
    if (dialogs.length > 0)
      why.push(`dialogs ${dialogs.join(", ")}`);
    if (s.scripts > 0)
      why.push(`${s.scripts} script elements`);
    if (s.handlers.length > 0)
      why.push(`handlers ${s.handlers.slice(0, 5).join(" ")}`);
    if (s.urls.length > 0)
      why.push(`unsafe URLs ${s.urls.slice(0, 5).join(" ")}`);
    if (s.elements.length > 0)
      why.push(`elements ${s.elements.slice(0, 5).join(" ")}`);
    if (why.length === 0) {
      console.log(`PASS xss ${name} (${status})`);
      return;
    }
    failed++;
    console.log(`FAIL xss ${name} (${status}): ${why.join("; ")}`);
  } catch (e) {
    failed++;
    console.log(`FAIL xss ${name}: ${String(e).split("\n")[0]}`);
  }
}

try {
  // The control: what the test itself injects must run.
  await page.goto(plan.base + "/");
  await settle(page);
  await page.evaluate(() => {
    window.__xssCalls.length = 0;	// the page's own are checked below
    document.body.insertAdjacentHTML("beforeend",
      "<img src=x onerror=__xss('control-handler')>" +
      "<a id=xss-control href=\"javascript:__xss('control-link')\">c</a>");
  });
  await page.evaluate(() => document.getElementById("xss-control").click());
  // Both run, sooner or later: wait for them (a failure is a timeout).
  const control = await page.waitForFunction(() =>
    window.__xssCalls.length >= 2 && window.__xssCalls.slice().sort()
      .join(" "))
    .then((h) => h.jsonValue(), (e) => `timed out: ${e.message}`);
  if (control === "control-handler control-link") {
    console.log("PASS xss control: injected handlers and javascript: " +
      "links run with the CSP off");
  } else {
    failed++;
    console.log(`FAIL xss control: have "${control}", want ` +
      "\"control-handler control-link\"");
  }

  for (const path of plan.pages) {
    await check(path, async () =>
      (await page.goto(plan.base + path))?.status());
  }
  for (const [k, f] of (plan.forms ?? []).entries()) {
    await check(`${f.path} form ${f.selector} #${k}`, async () => {
      await page.goto(plan.base + f.path);
      await page.evaluate(([sel, value]) => {
        const input = document.querySelector(sel);
        input.form.noValidate = true;
        input.value = value;
      }, [f.selector, f.value]);
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.evaluate((sel) =>
          document.querySelector(sel).form.requestSubmit(), f.selector),
      ]);
      return response?.status();
    });
  }
} finally {
  await browser.close();
}
console.log(`xss: ${pages} pages, ${ran} scripts ran (${distinct.size} ` +
  `distinct payloads), ${unsafe} unsafe URLs`);
process.exit(failed ? 1 : 0);
