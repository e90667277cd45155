// Draws icons/icon-192.png and icons/icon-512.png from icons/icon.svg, in
// the same headless Chromium the end-to-end tests use (nothing downloaded).
// The PNGs are committed; run this again after changing the SVG:
//
//   node scripts/icons.mjs
import { readFileSync } from "node:fs";
import { launch } from "../e2e/browser.mjs";

const dir = new URL("../icons/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", dir)).toString("base64");
const browser = await launch();
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style>` +
        `<img width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg}">`,
    );
    await page.waitForFunction(() => document.images[0].complete);
    const path = new URL(`icon-${size}.png`, dir).pathname;
    await page.screenshot({ path, omitBackground: true });
    await page.close();
    console.log(`icons.mjs: ${path}`);
  }
} finally {
  await browser.close();
}
