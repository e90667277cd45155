// End-to-end: the analysis a seller sees equals `vtr check --json`, number
// for number, for every kind of file, every setting, a hand-made mapping,
// the package filter, the downloads, and in Chinese.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { ROOT, int, isoDate, percent, vtrJson } from "./engine.mjs";
import { openSetup } from "./figures.mjs";

const T = { timeout: 120_000 };
const AS_OF = "2026-11-25";
const FIXTURES = [
  { file: "amazon-vtr-report.txt" },
  { file: "amazon-ship-confirmation.txt" },
  { file: "shipstation-export.csv" },
  { file: "chinese-erp-gb18030.csv" },
  { file: "european-semicolon.csv", map: ["tracking_number", "Sendungsnummer"] },
  { file: "excel-unicode-text.txt" },
];
const EXCLUDED = ["amazon_fulfilled", "not_shipped", "digital", "undated", "outside_window",
  "freight_non_integrated", "small_envelope", "international_low_value"];
const INVALID = ["missing_tracking", "spreadsheet_mangled", "missing_carrier", "chinese_carrier_name",
  "unsupported_carrier", "other_with_listed_carrier", "carrier_mismatch", "malformed_tracking", "no_carrier_scan"];
const WARNINGS = ["reused_tracking", "window_by_fallback_date", "duplicate_rows", "value_unknown"];

let server;
let browser;
const fixture = (f) => join(ROOT, "fixtures", f);

async function openApp(options) {
  const s = await openPage(browser, options);
  await s.page.goto(server.url + "/");
  await s.page.waitForSelector("[data-testid=drop-zone]", { timeout: 15_000 });
  return s;
}

const text = (page, sel) => page.locator(sel).first().textContent();
const tid = (id) => `[data-testid="${id}"]`;

/** Sets an input or select in the settings form and lets the page recompute. */
async function setSetting(page, id, value) {
  await openSetup(page);
  const el = page.locator(tid(id));
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  const type = await el.evaluate((e) => e.type);
  if (type === "checkbox") {
    if ((await el.isChecked()) !== value) await el.click();
  } else if (tag === "select") {
    await el.selectOption(String(value));
  } else {
    await el.fill(String(value));
    await el.press("Tab");
  }
}

/** Loads fixtures into a fresh page, with the as-of date set. */
async function load(page, files, { map } = {}) {
  await page.locator(tid("file-input")).setInputFiles(files.map(fixture));
  // A file without its tracking column shows the prompt, not a result.
  if (map) {
    // The columns list opens by itself only when a column is missing; a
    // column found by its contents gives a result, and the files fold.
    await page.waitForSelector(tid("mapping"), { state: "attached", timeout: 30_000 });
    await openSetup(page);
    await page.locator(tid("mapping")).first().evaluate((d) => { d.open = true; });
    await page.locator(tid(`map-${map[0]}`)).first().selectOption({ label: map[1] });
  }
  await page.waitForSelector(tid("summary"), { timeout: 30_000 });
  await setSetting(page, "set-as-of", AS_OF);
  await page.waitForFunction(() => document.querySelector('[data-testid="considered"]')?.textContent?.trim());
}

/** Every number of the section-8 object the page shows, against `want`. */
async function assertPageMatches(page, want) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === String(n),
    want.considered,
    { timeout: 15_000 },
  );
  assert.equal(int(await text(page, tid("considered"))), want.considered, "considered");
  assert.equal(int(await text(page, tid("valid"))), want.valid, "valid");
  assert.equal((await text(page, tid("vtr"))).trim(), percent(want.valid, want.considered), "vtr");
  assert.equal(int(await text(page, tid("fixes-needed"))), want.fixes_needed, "fixes needed");
  assert.equal(await page.locator(tid("status")).getAttribute("data-status"), want.status, "status");
  if (want.window.applied) {
    assert.equal(isoDate(await text(page, tid("window-start"))), want.window.start, "window start");
    assert.equal(isoDate(await text(page, tid("window-end"))), want.window.end, "window end");
  }
  for (const k of EXCLUDED) assert.equal(int(await text(page, tid(`excluded-${k}`))), want.excluded[k], `excluded ${k}`);
  for (const k of INVALID) assert.equal(int(await text(page, tid(`invalid-${k}`))), want.invalid[k], `invalid ${k}`);
  for (const k of WARNINGS) assert.equal(int(await text(page, tid(`warning-${k}`))), want.warnings[k], `warning ${k}`);
  assert.equal(await page.locator('[data-testid^="category-"]').count(), want.categories.length, "categories");
  for (const c of want.categories) {
    const row = page.locator(tid(`category-${c.category}`));
    assert.equal(int(await row.locator(tid("cat-considered")).textContent()), c.considered, `${c.category} considered`);
    assert.equal(int(await row.locator(tid("cat-valid")).textContent()), c.valid, `${c.category} valid`);
    assert.equal((await row.locator(tid("cat-vtr")).textContent()).trim(), percent(c.valid, c.considered), `${c.category} vtr`);
    assert.equal(int(await row.locator(tid("cat-fixes")).textContent()), c.fixes_needed, `${c.category} fixes`);
  }
}

describe("analysis equals vtr check --json", () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const f of FIXTURES) {
    test(`${f.file}: every number on the page equals the engine's`, T, async () => {
      const s = await openApp();
      await load(s.page, [f.file], { map: f.map });
      const args = ["--as-of", AS_OF, ...(f.map ? ["--map", `${f.map[0]}=${f.map[1]}`] : [])];
      const want = vtrJson([fixture(f.file)], args);
      assert.ok(want.considered > 0, "the fixture has considered packages");
      await assertPageMatches(s.page, want);
      assert.deepEqual(s.errors, []);
      await s.close();
    });
  }

  test("every setting moves the numbers exactly as the engine says", T, async () => {
    const s = await openApp();
    const files = ["amazon-vtr-report.txt", "shipstation-export.csv"];
    await load(s.page, files);
    const paths = files.map(fixture);
    const base = ["--as-of", AS_OF];
    const steps = [
      ["set-window-days", "60", ["--window-days", "60"]],
      ["set-lag-days", "0", ["--window-days", "60", "--lag-days", "0"]],
      ["set-threshold", "80", ["--window-days", "60", "--lag-days", "0", "--threshold", "80"]],
      ["set-international", true, ["--window-days", "60", "--lag-days", "0", "--threshold", "80", "--international"]],
      ["set-all-dates", true, ["--window-days", "60", "--lag-days", "0", "--threshold", "80", "--international", "--all-dates"]],
    ];
    let before = vtrJson(paths, base);
    await assertPageMatches(s.page, before);
    for (const [id, value, args] of steps) {
      await setSetting(s.page, id, value);
      const want = vtrJson(paths, [...base, ...args]);
      await assertPageMatches(s.page, want);
      before = want;
    }
    // The as-of date itself.
    await setSetting(s.page, "set-all-dates", false);
    await setSetting(s.page, "set-as-of", "2026-12-20");
    await assertPageMatches(s.page, vtrJson(paths, ["--as-of", "2026-12-20", "--window-days", "60", "--lag-days", "0", "--threshold", "80", "--international"]));
    await s.close();
  });

  test("a column mapped by hand: the prompt, then the engine's numbers", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.locator(tid("file-input")).setInputFiles(fixture("european-semicolon.csv"));
    // No header names the tracking number: the page says which column was
    // found by its contents, and "Change it" opens the list to pick one.
    await page.waitForSelector(tid("file-inferred"), { state: "attached", timeout: 30_000 });
    await openSetup(page);
    await page.locator(tid("file-inferred-change")).click();
    await page.locator(tid("map-tracking_number")).first().selectOption({ label: "Sendungsnummer" });
    // The seller's choice replaces the guess: no note any more.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-inferred"]').length === 0, null, { timeout: 30_000 });
    await page.waitForSelector(tid("summary"), { timeout: 30_000 });
    await setSetting(page, "set-as-of", AS_OF);
    await assertPageMatches(page, vtrJson([fixture("european-semicolon.csv")], ["--as-of", AS_OF, "--map", "tracking_number=Sendungsnummer"]));
    await s.close();
  });

  test("clicking a reason filters the package list to exactly its packages", T, async () => {
    const s = await openApp();
    const { page } = s;
    await load(page, ["amazon-ship-confirmation.txt"]);
    const want = vtrJson([fixture("amazon-ship-confirmation.txt")], ["--as-of", AS_OF]);
    const reason = INVALID.find((k) => want.invalid[k] > 0);
    await page.locator(`${tid("reasons")} button:has(${tid(`invalid-${reason}`)})`).first().click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="package-count"]')?.textContent.replace(/\D/g, "") === String(n),
      want.invalid[reason],
      { timeout: 10_000 },
    );
    assert.equal(await page.locator(tid("filter-reason")).inputValue(), reason);
    assert.equal(await page.locator(tid("package-row")).count(), want.invalid[reason]);
    // Search narrows further, by order id.
    const order = (await page.locator(`${tid("package-row")} ${tid("package-order")}`).first().textContent()).trim();
    await page.locator(tid("filter-search")).fill(order);
    await page.waitForFunction(() => document.querySelector('[data-testid="package-count"]')?.textContent.trim() === "1");
    assert.equal(await page.locator(tid("package-row")).count(), 1);
    await s.close();
  });

  test("downloads: the JSON is the engine's object, the CSVs list the packages, defused", T, async () => {
    const s = await openApp();
    const { page } = s;
    await load(page, ["shipstation-export.csv"]);
    const want = vtrJson([fixture("shipstation-export.csv")], ["--as-of", AS_OF]);
    const grab = async (id) => {
      const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(tid(id)).click()]);
      return { name: dl.suggestedFilename(), body: readFileSync(await dl.path(), "utf8") };
    };
    const json = await grab("export-json");
    assert.match(json.name, /\.json$/);
    assert.deepEqual(JSON.parse(json.body), want);
    const invalid = await grab("export-invalid");
    assert.match(invalid.name, /\.csv$/);
    const invalidLines = invalid.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const invalidTotal = INVALID.reduce((n, k) => n + want.invalid[k], 0);
    assert.equal(invalidLines.length, invalidTotal + 1, "header + one line per invalid package");
    assert.match(invalidLines[0], /^Order ID,Tracking number,Carrier,/);
    assert.match(invalidLines[0], /,code$/);
    const all = await grab("export-all");
    const allLines = all.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    assert.equal(allLines.length, want.packages + 1);
    // No cell may start a formula.
    for (const line of [...invalidLines, ...allLines]) {
      for (const cell of line.split(",")) assert.doesNotMatch(cell.replace(/^"/, ""), /^[=+\-@]/, line);
    }
    await s.close();
  });

  test("in Chinese no English label is left on the main screens", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.locator(tid("lang-zh")).click();
    await load(page, ["chinese-erp-gb18030.csv", "amazon-vtr-report.txt"]);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    // The files and settings too, folded under the bar until opened.
    await openSetup(page);
    // Words that are data or names, not labels: file contents, file names,
    // carriers, encodings, units and the product's own name.
    const data = await page.evaluate(() => {
      const sel = '[data-testid="package-row"], [data-testid="file-name"], [data-testid^="category-"] th, [data-testid^="carrier-"] th, [data-testid^="carrier-"] td:first-child, select option, [data-testid="history"], [data-testid^="map-"]';
      return [...document.querySelectorAll(sel)].map((e) => e.textContent);
    });
    const allowed = new Set(["vtr", "check", "VTR", "CSV", "JSON", "UTF", "GB18030", "GBK", "BOM", "LE", "BE", "Amazon", "Excel", "ShipStation", "eBay", "USPS", "UPS", "FedEx", "DHL", "ERP", "TSV", "ISO", "SVG", "English", "ePacket"]);
    // Words: letters, joined by inner apostrophes or hyphens ("UTF-8" is "UTF").
    const WORD = /[A-Za-z]+(?:['-][A-Za-z]+)*/g;
    const dataWords = new Set(data.join(" ").match(WORD) ?? []);
    const visible = await page.evaluate(() => {
      const main = document.querySelector("main");
      const out = [];
      const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const n = walk.currentNode;
        const el = n.parentElement;
        if (!el || el.closest("script,style,[hidden],.visually-hidden,[lang=en]")) continue;
        if (el.closest('[data-testid="package-row"], [data-testid="file-name"], select, [data-testid="history"]')) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        if (n.textContent.trim()) out.push(n.textContent.trim());
      }
      return out;
    });
    const leftovers = visible
      .flatMap((t) => t.match(WORD) ?? [])
      .filter((w) => w.length >= 3 && !allowed.has(w) && !dataWords.has(w));
    assert.deepEqual([...new Set(leftovers)], [], "English words on the Chinese page");
    await page.screenshot({ path: "/tmp/vtr-zh.png", fullPage: true });
    await s.close();
  });
});
