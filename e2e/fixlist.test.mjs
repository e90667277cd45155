// End-to-end: the fix list a seller hands on. The filtered export holds
// exactly the packages the list shows; the workbooks keep every tracking
// number as text, equal to the file it came from; the trend draws no point
// for a window the data does not cover; the Chinese page speaks Amazon's
// words (docs/glossary.md). In both languages, on a desktop and a phone.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { ROOT, vtrJson } from "./engine.mjs";
import { SAMPLE, openSetup, tid } from "./figures.mjs";
import { readSheet } from "./xlsx.mjs";

const T = { timeout: 180_000 };
const SAMPLE_DAY = "2026-11-25";
const LANGS = ["en", "zh"];
const SCREENS = [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
];

let server;
let browser;

async function openSample(size, lang) {
  const s = await openPage(browser, size);
  await s.page.goto(server.url + "/");
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  if (lang === "zh") await s.page.click(tid("lang-zh"));
  await s.page.click(tid("sample-button"));
  await s.page.waitForSelector(tid("package-row"), { timeout: 60_000 });
  return s;
}

/** Clicks a download button: the file's name and bytes. */
async function grab(page, id) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(tid(id)).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** RFC 4180 rows of `text`. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Order id to the tracking numbers the sample gives it, as written. */
function sampleTracking() {
  const [head, ...rows] = csvRows(readFileSync(SAMPLE, "utf8"));
  const order = head.indexOf("order-id");
  const tracking = head.indexOf("tracking-number");
  const out = new Map();
  for (const r of rows) {
    if (r.length < head.length) continue;
    if (!out.has(r[order])) out.set(r[order], new Set());
    out.get(r[order]).add(r[tracking].trim());
  }
  return out;
}

/** The order ids the package list shows, in order. */
const shownOrders = (page) => page.locator(`${tid("package-row")} ${tid("package-order")}`).allTextContents();

describe("the fix list", () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of LANGS) {
    for (const [screen, size] of SCREENS) {
      test(`${lang}, ${screen}: "Export these N" holds exactly the packages the filters show`, T, async () => {
        const s = await openSample(size, lang);
        const { page } = s;
        const want = vtrJson([SAMPLE], ["--as-of", SAMPLE_DAY]);
        const top = page.locator(`${tid("top-reasons")} li:first-child button`);
        const key = (await top.getAttribute("data-testid")).replace("top-reason-", "");
        await top.click();
        const n = want.invalid[key];
        await page.waitForFunction((n) => document.querySelector('[data-testid="package-count"]')?.textContent === String(n), n);
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="package-row"]').length === n, n);
        const shown = await shownOrders(page);
        assert.match(await page.locator(tid("export-filtered-xlsx")).textContent(), new RegExp(`\\b${n}\\b`));

        const csv = await grab(page, "export-filtered");
        assert.match(csv.name, /^vtr-selected-\d{4}-\d{2}-\d{2}\.csv$/);
        const [head, ...lines] = csvRows(csv.bytes.toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.join("") !== "");
        assert.deepEqual(head.slice(0, 3), lang === "en" ? ["Order ID", "Tracking number", "Carrier"] : ["订单编号", "追踪编码", "承运人"]);
        assert.equal(head.at(-1), "code");
        assert.equal(lines.length, n);
        assert.deepEqual(lines.map((l) => l.at(-1)), Array(n).fill(key));
        assert.deepEqual(lines.map((l) => l[0]).sort(), [...shown].sort());

        const book = await grab(page, "export-filtered-xlsx");
        assert.match(book.name, /^vtr-selected-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const [bookHead, ...rows] = readSheet(book.bytes);
        assert.deepEqual(bookHead.map((c) => c.value), head);
        assert.equal(rows.length, n);
        assert.deepEqual(rows.map((r) => r[0].value).sort(), [...shown].sort());

        // Narrowed further by category and status: still exactly what is shown.
        await page.locator(tid("filter-clear")).click();
        await page.locator(tid("filter-category")).selectOption("Electronics");
        await page.locator(tid("filter-status")).selectOption("valid");
        const cat = want.categories.find((c) => c.category === "Electronics");
        await page.waitForFunction((n) => document.querySelector('[data-testid="package-count"]')?.textContent === String(n), cat.valid);
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="package-row"]').length === n, cat.valid);
        const narrowed = readSheet((await grab(page, "export-filtered-xlsx")).bytes).slice(1);
        assert.deepEqual(narrowed.map((r) => r[0].value).sort(), (await shownOrders(page)).sort());
        await s.close();
      });
    }
  }

  for (const lang of LANGS) {
    test(`${lang}: the workbooks keep every tracking number and order ID as text, equal to the file`, T, async () => {
      const s = await openSample({ width: 1280, height: 800 }, lang);
      const { page } = s;
      const want = vtrJson([SAMPLE], ["--as-of", SAMPLE_DAY]);
      const source = sampleTracking();
      const check = (rows, what) => {
        for (const [i, r] of rows.entries()) {
          const [order, tracking] = r;
          assert.equal(order.type, "text", `${what} row ${i + 2}: order ID ${order.value} is a ${order.type}`);
          assert.equal(tracking.type, "text", `${what} row ${i + 2}: tracking ${tracking.value} is a ${tracking.type}`);
          assert.ok(source.get(order.value)?.has(tracking.value.trim()), `${what} row ${i + 2}: ${order.value} ${tracking.value} is not in the file`);
        }
      };
      // The fix list from the verdict: the invalid packages.
      const invalid = await grab(page, "verdict-export");
      assert.equal(invalid.name, `vtr-invalid-${SAMPLE_DAY}.xlsx`);
      const invalidRows = readSheet(invalid.bytes).slice(1);
      assert.equal(invalidRows.length, Object.values(want.invalid).reduce((a, b) => a + b, 0));
      check(invalidRows, "invalid");
      // The long digits Excel would mangle, and the number a spreadsheet already mangled, stay as written.
      const trackings = invalidRows.map((r) => r[1].value);
      assert.ok(trackings.some((t) => /^\d{20,}$/.test(t)), `a long all-digit number: ${trackings}`);
      assert.ok(trackings.some((t) => /E\+\d+$/.test(t)), `the mangled number as written: ${trackings}`);
      // Every package.
      const all = readSheet((await grab(page, "export-all-xlsx")).bytes).slice(1);
      assert.equal(all.length, want.packages);
      check(all, "all");
      await s.close();
    });
  }

  for (const lang of LANGS) {
    test(`${lang}: the trend draws no point for a window the data does not cover`, T, async () => {
      const s = await openSample({ width: 1280, height: 800 }, lang);
      const { page } = s;
      const day = (iso, plus = 0) => {
        const d = new Date(`${iso}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + plus);
        return d.toISOString().slice(0, 10);
      };
      for (const days of [30, 60]) {
        if (days !== 30) {
          await openSetup(page);
          await page.locator(tid("set-window-days")).fill(String(days));
          await page.locator(tid("set-window-days")).press("Tab");
        }
        await page.waitForFunction(
          (days) => document.querySelector('[data-testid="trend"] .card-hint')?.textContent.includes(String(days)),
          days,
        );
        await page.waitForTimeout(500);
        const drawn = await page.evaluate(() => {
          const svg = document.querySelector('[data-testid="trend"] svg.trend-svg');
          const runs = (sel) => [...svg.querySelectorAll(sel)].map((e) => [e.dataset.from, e.dataset.to]);
          return {
            first: svg.dataset.first,
            checkedEnd: document.querySelector('[data-testid="window-end"]').getAttribute("datetime"),
            full: runs(".trend-line:not(.trend-partial), .trend-dot:not(.trend-partial), .trend-few"),
            partial: runs(".trend-partial:is(path, circle)"),
          };
        });
        // A window ending on day E covers E - days + 1 .. E.
        const firstFull = day(drawn.first, days - 1);
        assert.ok(drawn.full.length > 0, "some window is fully covered");
        assert.ok(drawn.partial.length > 0, "the sample has windows at both edges");
        for (const [from, to] of drawn.full) {
          assert.ok(from >= firstFull && to <= drawn.checkedEnd, `${days} days: full run ${from}..${to} outside ${firstFull}..${drawn.checkedEnd}`);
        }
        for (const [from, to] of drawn.partial) {
          assert.ok(to < firstFull || from > drawn.checkedEnd, `${days} days: grey run ${from}..${to} inside ${firstFull}..${drawn.checkedEnd}`);
        }
      }
      await s.close();
    });
  }

  test("the Chinese page uses the glossary's terms, not the ones it replaced", T, async () => {
    const glossary = readFileSync(join(ROOT, "docs", "glossary.md"), "utf8");
    // Amazon's words (docs/glossary.md, "Amazon's Chinese"), each on the page.
    const terms = ["有效追踪率", "追踪编码", "承运人", "商品分类", "包裹", "编辑货件", "优先配送", "亚马逊物流", "订单编号", "卖家平台", "管理订单"];
    // Words the glossary replaced ("not …", "never …").
    const replaced = ["编辑配送", "高级配送", "跟踪号", "运单号", "快递公司", "承运商", "订单号"];
    for (const t of [...terms, ...replaced]) assert.ok(glossary.includes(t), `${t} is in the glossary`);
    const s = await openSample({ width: 1280, height: 800 }, "zh");
    const { page } = s;
    await openSetup(page);
    const text = await page.evaluate(() => {
      const out = [];
      const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const el = walk.currentNode.parentElement;
        // The seller's data is not the page's words.
        if (!el || el.closest('[data-testid="package-row"], [data-testid="file-name"], [data-testid^="carrier-"] th, [data-testid="history"]')) continue;
        out.push(walk.currentNode.textContent);
      }
      return out.join("\n");
    });
    for (const t of terms) assert.ok(text.includes(t), `the Chinese page says ${t}`);
    for (const t of replaced) assert.ok(!text.includes(t), `the Chinese page still says ${t}`);
    assert.doesNotMatch(text, /(?<!由)亚马逊配送/, "FBA is 亚马逊物流, not 亚马逊配送");
    await s.close();
  });
});
