// What the offline, sub-path and single-file tests share: loading a fixture
// into the page and holding its headline figures to `vtr check --json`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, int, percent } from "./engine.mjs";

export const AS_OF = "2026-11-25";
export const tid = (id) => `[data-testid="${id}"]`;
export const fixture = (f) => join(ROOT, "fixtures", f);
export const SAMPLE = join(ROOT, "sample", "sample-shipments.csv");

/** Waits until every one of `n` file rows is read (or failed). */
export function allSettled(page, n, timeout = 180_000) {
  return page.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="file-row"]')];
      return rows.length === n && rows.every((r) => ["read", "error", "needs-mapping"].includes(r.dataset.state));
    },
    n,
    { timeout },
  );
}

/**
 * Opens the files and settings, which fold under the bar once there is a
 * result (`setup-toggle`); does nothing when they are open or there is no bar.
 */
export async function openSetup(page) {
  // A load that ends folds them again: wait until nothing is being read.
  await page.waitForFunction(() => !document.querySelector('[data-testid="setup-reading"]'), null, { timeout: 180_000 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const toggle = page.locator(tid("setup-toggle"));
  if ((await toggle.count()) > 0 && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
}

/** Sets the as-of date the figures are compared at. */
export async function setAsOf(page) {
  await openSetup(page);
  await page.locator(tid("set-as-of")).fill(AS_OF);
  await page.locator(tid("set-as-of")).press("Tab");
}

/** Waits until the page has brought back the check this browser kept, if
 * any, then removes its files, so what follows starts from none. */
export async function startEmpty(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="saved-check"][data-state="restoring"]'), null, { timeout: 30_000 });
  if (await page.locator(tid("file-row")).count()) {
    await openSetup(page);
    await page.locator(tid("files-clear")).click();
  }
}

/** Adds files through the file input and waits until all `total` rows are read. */
export async function addFiles(page, paths, total = paths.length) {
  await page.locator(tid("file-input")).setInputFiles(paths);
  await allSettled(page, total);
  await setAsOf(page);
}

/** The page's headline figures and its categories equal the engine's. */
export async function assertFigures(page, want) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === String(n),
    want.considered,
    { timeout: 30_000 },
  );
  const text = (id) => page.locator(tid(id)).first().textContent();
  assert.equal(int(await text("packages-total")), want.packages, "packages");
  assert.equal(int(await text("rows-total")), want.rows, "rows");
  assert.equal(int(await text("considered")), want.considered, "considered");
  assert.equal(int(await text("valid")), want.valid, "valid");
  assert.equal((await text("vtr")).trim(), percent(want.valid, want.considered), "vtr");
  assert.equal(int(await text("fixes-needed")), want.fixes_needed, "fixes needed");
  assert.equal(await page.locator(tid("status")).getAttribute("data-status"), want.status, "status");
  for (const c of want.categories) {
    const row = page.locator(tid(`category-${c.category}`));
    assert.equal(int(await row.locator(tid("cat-valid")).textContent()), c.valid, `${c.category} valid`);
    assert.equal(int(await row.locator(tid("cat-considered")).textContent()), c.considered, `${c.category} considered`);
  }
}

/** Clicks an export button; the downloaded file's name and text. */
export async function download(page, id) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(tid(id)).click()]);
  return { name: dl.suggestedFilename(), body: readFileSync(await dl.path(), "utf8") };
}
