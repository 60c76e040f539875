// front.mjs: the public site's frame in Debian's Chromium, with
// JavaScript off (the site has none, and must not need any): at 390x844
// the masthead and navigation take at most a fifth of the first screen,
// the navigation is one row that scrolls sideways inside itself, and the
// sidebar comes after the page's content; at 1280 the sidebar is beside
// it and the article's text is set near 66 characters a line.
// Screenshots of each page at 1280 and 390 px.
//
// node front.mjs BASE SHOTS_DIR PATH...  (each PATH "name=/path")
import { checker, launch, shoot } from "./browser.mjs";

const [base, shots, ...pages] = process.argv.slice(2);
const check = checker("front");
const browser = await launch();
try {
  const context = await browser.newContext({ javaScriptEnabled: false,
    viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const spec of pages) {
    const [name, path] = spec.split("=");
    await page.setViewportSize({ width: 390, height: 844 });
    const resp = await page.goto(base + path);
    check(`${name}: 200`, resp.status() === 200, `status ${resp.status()}`);
    const phone = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const nav = document.querySelector(".site-nav .wrap");
      return {
        header: box(".site-header").bottom,
        screen: window.innerHeight,
        main: box("main"),
        aside: box("aside.sidebar"),
        navRows: new Set([...document.querySelectorAll(".site-nav li")]
          .map((li) => Math.round(li.getBoundingClientRect().top))).size,
        navScrolls: nav.scrollWidth > nav.clientWidth,
      };
    });
    const ratio = phone.header / phone.screen;
    console.log(`# ${name}: masthead and navigation ${phone.header.toFixed(0)}`
      + ` of ${phone.screen} px (${(100 * ratio).toFixed(1)}%)`);
    check(`${name}: masthead and navigation at most a fifth of 390x844`,
      ratio <= 0.2, `${phone.header} of ${phone.screen} px`);
    check(`${name}: the navigation is one row at 390 px`,
      phone.navRows === 1, `${phone.navRows} rows`);
    check(`${name}: the navigation scrolls inside itself at 390 px`,
      phone.navScrolls, "it fits, or wraps");
    check(`${name}: the sidebar follows the content at 390 px`,
      phone.aside.top >= phone.main.bottom,
      `aside at ${phone.aside.top}, main ends at ${phone.main.bottom}`);

    await page.setViewportSize({ width: 1280, height: 800 });
    const wide = await page.evaluate(() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const p = document.querySelector(".article-body p, .prose p");
      let chars = 0;
      if (p !== null) {
        const probe = document.createElement("span");
        probe.textContent = "0".repeat(100);
        probe.style.whiteSpace = "nowrap";
        p.appendChild(probe);
        const zero = probe.getBoundingClientRect().width / 100;
        probe.remove();
        chars = p.getBoundingClientRect().width / zero;
      }
      return { main: box("main"), aside: box("aside.sidebar"), chars };
    });
    check(`${name}: the sidebar is beside the content at 1280 px`,
      wide.aside.left >= wide.main.right && wide.aside.top < 400,
      `aside at ${wide.aside.left},${wide.aside.top}`);
    if (wide.chars > 0) {
      console.log(`# ${name}: text measure ${wide.chars.toFixed(1)} ch`);
      check(`${name}: text measure near 66 characters`,
        wide.chars >= 60 && wide.chars <= 68, `${wide.chars} ch`);
    }
    await shoot(page, check, shots, `front-${name}`);
  }
  await context.close();
} finally {
  await browser.close();
}
process.exit(check.failed() ? 1 : 0);
