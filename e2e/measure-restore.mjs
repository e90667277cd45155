// A measurement, never a test: how long keeping and bringing back the last
// check takes on a large file (about 100 MB by default), in headless
// Chromium with a persistent profile. Run it on a release build:
//
//   scripts/trunk.sh build && node e2e/measure-restore.mjs [rows]
//
// Prints, for the file: reading it the first time; writing it into
// IndexedDB (the "Saved on this device" line appearing); after a reload
// and after closing and opening the browser, the time until the kept
// figures show and until the file is read again; and the bytes the
// engine held for its packages (what keeping the packages instead of the
// file would have had to store).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchProfile } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { ROOT } from "./engine.mjs";
import { allSettled, setAsOf, tid } from "./figures.mjs";

const rows = Number(process.argv[2] ?? 1_100_000);
const dir = mkdtempSync(join(tmpdir(), "vtr-measure-"));
const file = join(dir, "big.tsv");
execFileSync("cargo", ["run", "--quiet", "--release", "-p", "vtr-cli", "--", "sample", "--kind", "confirmation", "--rows", String(rows), "--seed", "8", "--end", "2026-11-20", "-o", file], { cwd: ROOT, stdio: "inherit" });
const size = statSync(file).size;
const server = await startServer();
const profile = join(dir, "profile");
const out = { file_mb: +(size / 1e6).toFixed(1), rows };

const figuresShown = (page, considered) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === n,
    considered,
    { timeout: 120_000, polling: "raf" },
  );
const saved = (page) => page.waitForSelector('[data-testid="saved-check"][data-state="saved"]', { timeout: 300_000 });

let context = await launchProfile(profile);
let page = context.pages()[0];
await page.goto(server.base);
await page.waitForSelector(tid("drop-zone"));
let t = Date.now();
await page.locator(tid("file-input")).setInputFiles([file]);
await allSettled(page, 1, 300_000);
out.first_read_ms = Date.now() - t;
await setAsOf(page);
t = Date.now();
await saved(page);
out.saved_after_read_ms = Date.now() - t;
const considered = (await page.locator(tid("considered")).first().textContent()).replace(/\D/g, "");
out.engine_package_bytes = await page.evaluate(
  () =>
    new Promise((ok) => {
      const r = indexedDB.open("vtr-check");
      r.onsuccess = () => {
        const g = r.result.transaction("check").objectStore("check").get("last/v1");
        g.onsuccess = () => ok(JSON.parse(g.result).result[1].memory_bytes);
      };
    }),
);
out.storage_usage_mb = +((await page.evaluate(async () => (await navigator.storage.estimate()).usage)) / 1e6).toFixed(1);

async function comeBack(label) {
  const t0 = Date.now();
  if (label === "reload") {
    await page.reload();
  } else {
    await context.close();
    context = await launchProfile(profile);
    page = context.pages()[0];
    await page.goto(server.base);
  }
  await figuresShown(page, considered);
  const shown = Date.now() - t0;
  const inPage = await page.evaluate(() => Math.round(performance.now()));
  await allSettled(page, 1, 300_000);
  out[`${label}_figures_ms`] = shown;
  out[`${label}_figures_since_navigation_ms`] = inPage;
  out[`${label}_read_again_ms`] = Date.now() - t0;
  await saved(page);
}
await comeBack("reload");
await comeBack("reopen");
await context.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out, null, 2));
