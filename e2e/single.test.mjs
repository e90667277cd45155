// End-to-end: dist-single/vtr-check.html, the whole page in one file,
// opened from disk (file://) with no server at all: a fixture gives
// `vtr check --json`'s numbers, "Try sample data" works, a large file is
// read in parts by helpers started from blob: URLs, memory-cap-mb still
// reaches the worker, under its own strict Content-Security-Policy, and
// not one request goes to any host. Made by scripts/single.sh (make single).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage } from "./browser.mjs";
import { ROOT, vtr, vtrJson } from "./engine.mjs";
import { AS_OF, SAMPLE, addFiles, allSettled, assertFigures, download, fixture, openSetup, setAsOf, tid } from "./figures.mjs";

const T = { timeout: 240_000 };
const SINGLE = join(ROOT, "dist-single", "vtr-check.html");
let browser;
let dir;
let big;

/** Opens the file from disk; every request and every worker is recorded. */
async function openSingle(query = "") {
  const s = await openPage(browser);
  s.workers = [];
  s.page.on("worker", (w) => s.workers.push(w.url()));
  await s.page.goto(pathToFileURL(SINGLE).href + query);
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  return s;
}

/** Only the file itself, and what it made in memory (blob:, data:). */
function assertNoRequests(s) {
  const page = pathToFileURL(SINGLE).href;
  const elsewhere = s.requests.filter((u) => !(u.startsWith(page) || u.startsWith("blob:") || u.startsWith("data:")));
  assert.deepEqual(elsewhere, [], "no request to any host, nor any other file");
}

describe("the single file, opened from disk", () => {
  before(async () => {
    assert.ok(existsSync(SINGLE), `no ${SINGLE}: run make single (scripts/single.sh) first`);
    dir = mkdtempSync(join(tmpdir(), "vtr-single-"));
    // About 37 MB: large enough to be read in parts (24 MiB past the first piece).
    big = join(dir, "big.tsv");
    vtr(["sample", "--kind", "confirmation", "--rows", "400000", "--seed", "7", "--end", "2026-11-20", "-o", big], { stdio: "inherit" });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a fixture and the sample: vtr check's numbers, no CSP violation, no request", T, async () => {
    const s = await openSingle();
    const { page } = s;
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'; worker-src blob:;/);
    assert.doesNotMatch(csp, /unsafe-inline|'self'|https?:/);
    const file = "amazon-ship-confirmation.txt";
    await addFiles(page, [fixture(file)]);
    await assertFigures(page, vtrJson([fixture(file)], ["--as-of", AS_OF]));
    // The sample replaces the seller's file, once asked, and sets its own
    // as-of date; set the one compared at again.
    await openSetup(page);
    await page.click(tid("sample-button"));
    await page.click(tid("sample-replace"));
    await page.waitForFunction(() => document.querySelector('[data-testid="file-name"]')?.textContent === "sample-shipments.csv");
    await allSettled(page, 1);
    await setAsOf(page);
    const want = vtrJson([SAMPLE], ["--as-of", AS_OF]);
    await assertFigures(page, want);
    assert.deepEqual(JSON.parse((await download(page, "export-json")).body), want);
    assert.ok(s.workers.some((u) => u.startsWith("blob:")), `the engine worker runs from a blob: URL: ${s.workers}`);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    assertNoRequests(s);
    await s.close();
  });

  test("a large file is read in parts by helpers started from blob: URLs", T, async () => {
    const s = await openSingle();
    const { page } = s;
    await addFiles(page, [big]);
    await assertFigures(page, vtrJson([big], ["--as-of", AS_OF]));
    assert.ok(s.workers.some((u) => u.startsWith("blob:") && u.endsWith("#role=helper")), `helpers ran: ${s.workers}`);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    assertNoRequests(s);
    await s.close();
  });

  test("memory-cap-mb reaches the worker: out of memory is said in words", T, async () => {
    const s = await openSingle("?memory-cap-mb=24");
    const { page } = s;
    await page.locator(tid("file-input")).setInputFiles(big);
    await page.waitForSelector(`${tid("file-row")} ${tid("file-error")}`, { timeout: 180_000 });
    assert.match(await page.locator(tid("file-error")).textContent(), /not enough memory/);
    assert.ok(s.workers.some((u) => u.startsWith("blob:") && u.endsWith("#memory-cap-mb=24")), `${s.workers}`);
    assertNoRequests(s);
    await s.close();
  });
});
