import { launch } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { allSettled, fixture, tid } from "./figures.mjs";
const server = await startServer();
const browser = await launch();
for (const lang of ["en", "zh"]) for (const [w, h] of [[390, 844], [1280, 900]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: lang === "zh" ? "zh-CN" : "en-US" });
  const page = await ctx.newPage();
  await page.goto(server.base);
  await page.waitForSelector(tid("drop-zone"));
  if (lang === "zh") await page.click(tid("lang-zh"));
  await page.locator(tid("file-input")).setInputFiles([fixture("shipstation-export.csv"), fixture("amazon-vtr-report.txt")]);
  await allSettled(page, 2);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `/tmp/shots/${lang}-${w}.png` });
  if (w === 1280) await page.screenshot({ path: `/tmp/shots/${lang}-${w}-full.png`, fullPage: true });
  await ctx.close();
}
await browser.close(); await server.close();
