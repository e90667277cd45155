// End-to-end at scale: a file of several hundred thousand rows, read by the
// page's engine worker (in parts, with helpers, on a machine with more than
// one core), gives exactly `vtr check --json`; the page shows a moving
// progress bar and answers a click while it reads; Cancel keeps what was
// there; a small file added and removed after the big one reads only the
// small one; running out of memory is said in words and the page goes on.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { int, percent, vtr, vtrJson } from "./engine.mjs";
import { openSetup } from "./figures.mjs";

const T = { timeout: 240_000 };
const AS_OF = "2026-11-25";
const tid = (id) => `[data-testid="${id}"]`;

let server;
let browser;
let dir;
let big;
let small;
let book;

/** `vtr sample` into `path`. */
function sample(path, args) {
  vtr(["sample", ...args, "-o", path], { stdio: "inherit" });
}

async function openApp(query = "") {
  const s = await openPage(browser);
  await s.page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await s.page.goto(`${server.url}/${query}`);
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  return s;
}

/** Waits until every file row is read (or failed). */
function allSettled(page, n) {
  return page.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="file-row"]')];
      return rows.length === n && rows.every((r) => ["read", "error", "needs-mapping"].includes(r.dataset.state));
    },
    n,
    { timeout: 180_000 },
  );
}

async function setAsOf(page) {
  await openSetup(page);
  await page.locator(tid("set-as-of")).fill(AS_OF);
  await page.locator(tid("set-as-of")).press("Tab");
}

/** The page's headline figures equal the engine's. */
async function assertFigures(page, want) {
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
}

/** A fresh page with `file` read and checked as of AS_OF, its figures
 * those of `vtr check`: what the tests add more to. */
async function openWith(file, query = "") {
  const s = await openApp(query);
  await s.page.locator(tid("file-input")).setInputFiles(file);
  await allSettled(s.page, 1);
  await setAsOf(s.page);
  const want = vtrJson([file], ["--as-of", AS_OF]);
  await assertFigures(s.page, want);
  return { s, page: s.page, want };
}

describe("the page at scale", () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "vtr-scale-"));
    big = join(dir, "big.tsv");
    small = join(dir, "small.tsv");
    // About 37 MB and 230,000 packages: large enough to be read in parts.
    sample(big, ["--kind", "confirmation", "--rows", "400000", "--seed", "5", "--end", "2026-11-20"]);
    sample(small, ["--kind", "confirmation", "--rows", "5", "--seed", "6", "--end", "2026-11-20"]);
    // A workbook of 100,000 wide rows (about 17 MB): its sheet takes the
    // engine's helper seconds to read.
    book = join(dir, "orders.xlsx");
    sample(book, ["--kind", "order-report", "--rows", "100000", "--seed", "7", "--end", "2026-11-20"]);
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a large file: a moving progress bar, a quick click, and vtr check's numbers", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.locator(tid("file-input")).setInputFiles(big);
    // The bar moves while the file is read.
    const seen = new Set();
    let clickMs = null;
    for (let i = 0; i < 400; i++) {
      const state = await page.locator(tid("file-row")).getAttribute("data-state");
      if (state === "read") break;
      const v = await page.locator(`${tid("file-progress")} progress`).getAttribute("value").catch(() => null);
      if (v !== null) seen.add(v);
      if (clickMs === null && v !== null && Number(v) > 0) {
        // A click during the load is handled at once: the language switch
        // changes the document's language within 100 ms.
        clickMs = await page.evaluate(async () => {
          const t = performance.now();
          document.querySelector('[data-testid="lang-zh"]').click();
          while (document.documentElement.lang !== "zh-CN") {
            await new Promise((r) => requestAnimationFrame(r));
            if (performance.now() - t > 2000) break;
          }
          return performance.now() - t;
        });
        await page.locator(tid("lang-en")).click();
      }
      await page.waitForTimeout(40);
    }
    await allSettled(page, 1);
    assert.ok(seen.size >= 2, `the progress bar moved: ${[...seen].join(", ")}`);
    assert.ok(clickMs !== null && clickMs < 100, `a click during the load took ${clickMs} ms`);
    await setAsOf(page);
    await assertFigures(page, vtrJson([big], ["--as-of", AS_OF]));
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("Cancel stops reading and keeps the result that was there", T, async () => {
    const { s, page, want } = await openWith(small);
    await page.locator(tid("file-input")).setInputFiles(big);
    await page.waitForSelector(tid("file-cancel"));
    await page.locator(tid("file-cancel")).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 1);
    await assertFigures(page, want);
    assert.equal(await page.locator(tid("file-name")).textContent(), "small.tsv");
    await s.close();
  });

  test("a small file added and removed after a big one: right numbers, the big one read once", T, async () => {
    const { s, page } = await openWith(big);
    await page.locator(tid("file-input")).setInputFiles(small);
    await allSettled(page, 2);
    await assertFigures(page, vtrJson([big, small], ["--as-of", AS_OF]));
    const reads = () => page.$$eval('[data-testid="file-row"]', (rows) => rows.map((r) => r.dataset.reads));
    assert.deepEqual(await reads(), ["1", "1"]);
    await openSetup(page);
    await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-remove")}`).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 1);
    await assertFigures(page, vtrJson([big], ["--as-of", AS_OF]));
    assert.deepEqual(await reads(), ["1"], "removing the small file read nothing again");
    await s.close();
  });

  test("sixty small files at once: totals, not sixty cards, and vtr check's numbers", T, async () => {
    const s = await openApp();
    const { page } = s;
    const paths = [];
    for (let i = 0; i < 60; i++) {
      const p = join(dir, `day-${i}.tsv`);
      const id = String(i).padStart(7, "0");
      writeFileSync(p, `order-id\ttracking-number\tcarrier-code\tship-date\n111-${id}-0000001\t1Z999AA1${String(i).padStart(8, "0")}\tUPS\t2026-11-05\n111-${id}-0000002\tnone\tUPS\t2026-11-06\n`);
      paths.push(p);
    }
    await page.locator(tid("file-input")).setInputFiles(paths);
    await page.waitForFunction(() => document.querySelector('[data-testid="files-many"]')?.dataset.read === "60", null, { timeout: 60_000 });
    assert.equal(await page.locator(tid("file-row")).count(), 0, "the rows wait until the list is opened");
    await setAsOf(page);
    await assertFigures(page, vtrJson(paths, ["--as-of", AS_OF]));
    await openSetup(page);
    await page.locator(`${tid("files-many")} summary`).click();
    // <details> says it opened in a task of its own (its toggle event),
    // so the rows come just after the click, not with it.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length >= 60, null, { timeout: 10_000 });
    assert.equal(await page.locator(tid("file-row")).count(), 60);
    await s.close();
  });

  test("a thousand small files at once: vtr check's numbers, a page that answers a click, a usable list", T, async () => {
    // A folder of daily exports: every file its own orders, some with a
    // placeholder tracking number, a few repeating a row of the file before.
    const s = await openApp();
    const { page } = s;
    const many = join(dir, "thousand");
    mkdirSync(many);
    const paths = [];
    for (let i = 0; i < 1000; i++) {
      const p = join(many, `day-${String(i).padStart(4, "0")}.tsv`);
      const id = String(i).padStart(7, "0");
      const day = String(1 + (i % 28)).padStart(2, "0");
      let body = "order-id\ttracking-number\tcarrier-code\tship-date\n";
      body += `111-${id}-0000001\t1Z999AA1${String(i).padStart(8, "0")}\tUPS\t2026-11-${day}\n`;
      body += `111-${id}-0000002\t${i % 7 === 0 ? "none" : `9400100000000000${String(i).padStart(6, "0")}`}\tUSPS\t2026-11-${day}\n`;
      if (i % 50 === 1) body += `111-${String(i - 1).padStart(7, "0")}-0000001\t1Z999AA1${String(i - 1).padStart(8, "0")}\tUPS\t2026-11-${String(1 + ((i - 1) % 28)).padStart(2, "0")}\n`;
      writeFileSync(p, body);
      paths.push(p);
    }
    // While they are read, a click is answered at once. The click is made
    // from the page as soon as the list shows the files (a round trip from
    // here may come after a quick load has ended), and the files still
    // waiting are counted at that moment.
    await page.evaluate(() => {
      window.__click = new Promise((done) => {
        const input = document.querySelector('[data-testid="file-input"]');
        input.addEventListener("change", () => {
          const go = () => {
            const many = document.querySelector('[data-testid="files-many"]');
            if (!many) return requestAnimationFrame(go);
            const during = many.dataset.waiting;
            const t = performance.now();
            document.querySelector('[data-testid="lang-zh"]').click();
            const answered = () => {
              if (document.documentElement.lang === "zh-CN" || performance.now() - t > 5000) {
                done({ clickMs: performance.now() - t, during });
              } else requestAnimationFrame(answered);
            };
            answered();
          };
          go();
        }, { once: true });
      });
    });
    await page.locator(tid("file-input")).setInputFiles(paths);
    const { clickMs, during } = await page.evaluate(() => window.__click);
    await page.locator(tid("lang-en")).click();
    assert.ok(clickMs < 200, `a click while 1,000 files load took ${Math.round(clickMs)} ms`);
    assert.ok(Number(during) > 0, `the click came while files were still waiting (${during} waiting)`);
    await page.waitForFunction(() => document.querySelector('[data-testid="files-many"]')?.dataset.read === "1000", null, { timeout: 120_000 });
    // A totals line, not a thousand cards.
    assert.equal(await page.locator(tid("file-row")).count(), 0, "the rows wait until the list is opened");
    assert.match(await page.locator(`${tid("files-many")} summary`).textContent(), /1,000 read, 0 waiting, 0 with a problem/);
    await setAsOf(page);
    await assertFigures(page, vtrJson(paths, ["--as-of", AS_OF]));
    // Kept on this device, every file: the write goes in batches (so the
    // page is answered meanwhile) and is still one whole.
    await page.waitForSelector(`${tid("saved-check")}[data-state="saved"]`, { state: "attached", timeout: 60_000 });
    const kept = await page.evaluate(async () => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open("vtr-check");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const count = (store, req) => new Promise((ok) => {
        const r = req(db.transaction(store).objectStore(store));
        r.onsuccess = () => ok(r.result);
      });
      const files = await count("files", (s) => s.count());
      const record = JSON.parse(await count("check", (s) => s.get("last/v1")));
      db.close();
      return { files, named: record.files.length };
    });
    assert.deepEqual(kept, { files: 1000, named: 1000 });
    // Opened, the list is a scrolling box of rows, not a page a thousand cards long.
    await page.locator(`${tid("files-many")} summary`).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 1000, null, { timeout: 30_000 });
    const box = await page.locator(`${tid("files-many")} .file-list`).boundingBox();
    assert.ok(box.height <= 900, `the opened list is ${Math.round(box.height)} px high`);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("a large workbook: the sheet's progress, settings and Cancel answered meanwhile, vtr check's numbers", T, async () => {
    const { s, page, want } = await openWith(small);
    const progressText = () => page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-progress-text")}`).textContent({ timeout: 100 }).catch(() => "");
    const inSheet = async () => {
      for (let i = 0; i < 600; i++) {
        if (/of the sheet read/.test(await progressText())) return true;
        await page.waitForTimeout(20);
      }
      return false;
    };
    await page.locator(tid("file-input")).setInputFiles(book);
    assert.ok(await inSheet(), "the row says how far the sheet is");
    // While the helper reads the sheet, the engine answers: a new day to
    // check for re-counts the small file at once, and Cancel stops the
    // workbook without waiting for its sheet.
    const later = "2026-12-06";
    const wantLater = vtrJson([small], ["--as-of", later]);
    assert.notEqual(wantLater.considered, want.considered, "the day changes the figures");
    await page.locator(tid("set-as-of")).fill(later);
    await page.locator(tid("set-as-of")).press("Tab");
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === String(n),
      wantLater.considered,
      { timeout: 10_000 },
    );
    assert.match(await progressText(), /of the sheet read/, "re-counted while the sheet was still being read");
    await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-cancel")}`).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 1, null, { timeout: 10_000 });
    await assertFigures(page, wantLater);
    // Read to its end, the workbook gives vtr check's numbers.
    await page.locator(tid("file-input")).setInputFiles(book);
    await allSettled(page, 2);
    await assertFigures(page, vtrJson([small, book], ["--as-of", later]));
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("out of memory is said in words and the page keeps working", T, async () => {
    // The worker refuses memory past 24 MB: the sample fits, the big file not.
    const { s, page, want } = await openWith(small, "?memory-cap-mb=24");
    await page.locator(tid("file-input")).setInputFiles(big);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="file-row"]:nth-child(2) [data-testid="file-error"]'),
      null,
      { timeout: 180_000 },
    );
    const message = await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-error")}`).textContent();
    assert.match(message, /not enough memory/);
    // What was there is still there, and the page still reads files.
    await allSettled(page, 2);
    await assertFigures(page, want);
    // A workbook too large for the cap fails in its helper, in words.
    await page.locator(tid("file-input")).setInputFiles(book);
    await allSettled(page, 3);
    const bookMessage = await page.locator(`${tid("file-row")}:nth-child(3) ${tid("file-error")}`).textContent();
    assert.match(bookMessage, /not enough memory/);
    await assertFigures(page, want);
    const third = join(dir, "third.tsv");
    writeFileSync(third, "order-id\ttracking-number\tcarrier-code\tship-date\n111-0000000-0000009\t1Z999AA10123456784\tUPS\t2026-11-05\n");
    await page.locator(tid("file-input")).setInputFiles(third);
    await allSettled(page, 4);
    await assertFigures(page, vtrJson([small, third], ["--as-of", AS_OF]));
    await s.close();
  });
});
