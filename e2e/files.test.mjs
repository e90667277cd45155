// End-to-end: every kind of file a seller has. A workbook gives the numbers
// of its CSV and another sheet can be chosen; a file whose headers name
// nothing is read by its columns' contents and the page says so; a file
// read in another encoding is read again, alone, to the engine's numbers;
// a dropped folder adds the files inside it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { vtrJson } from "./engine.mjs";
import { AS_OF, allSettled, assertFigures, fixture, setAsOf, tid } from "./figures.mjs";

const T = { timeout: 180_000 };
let server;
let browser;
// The engine's answers, asked for once before the pages open.
const want = {};
const INFERRED = ["inferred/nonsense-headers.csv", "inferred/forwarder-waybill-and-last-mile.csv"].map(fixture);
const JP = fixture("encodings/jp-confirmation-shift-jis.txt");
const OTHER = fixture("shipstation-export.csv");

async function openApp() {
  const s = await openPage(browser);
  await s.page.goto(server.url + "/");
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  return s;
}

/** The text of `testid` in each file row, in order. */
function rowTexts(page, testid) {
  return page.$$eval(`[data-testid=file-row]`, (rows, id) =>
    rows.map((r) => r.querySelector(`[data-testid=${id}]`)?.textContent?.trim() ?? null), testid);
}

/** Waits until row `n` (1-based) has been read `reads` times and is settled. */
function readTimes(page, n, reads) {
  return page.waitForFunction(
    ([n, reads]) => {
      const row = document.querySelectorAll('[data-testid="file-row"]')[n - 1];
      return row && Number(row.dataset.reads) >= reads && ["read", "error", "needs-mapping"].includes(row.dataset.state);
    },
    [n, reads],
    { timeout: 60_000 },
  );
}

const count = (page, id) => page.locator(tid(id)).first().textContent().then((t) => Number(t.replace(/\D/g, "")));

describe("every file a seller has", () => {
  before(async () => {
    const at = ["--as-of", AS_OF];
    want.csv = vtrJson([fixture("shipstation-export.csv")], at);
    want.xlsx = vtrJson([fixture("workbooks/shipstation-export.xlsx")], at);
    want.inferred = vtrJson(INFERRED, at);
    want.detected = vtrJson([OTHER, JP], at);
    want.chosen = vtrJson([JP], [...at, "--encoding", "windows-1252"]);
    server = await startServer();
    browser = await launch();
  }, { timeout: 1_200_000 });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a workbook gives its CSV's numbers, and another sheet can be read", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.locator(tid("file-input")).setInputFiles(fixture("workbooks/shipstation-export.xlsx"));
    await allSettled(page, 1);
    await setAsOf(page);
    assert.deepEqual(await rowTexts(page, "file-sheet"), ["Shipments"]);
    assert.deepEqual(await rowTexts(page, "file-rows"), ["24"]);
    assert.deepEqual(await rowTexts(page, "file-skipped"), ["2"]);
    const csv = want.csv;
    assert.deepEqual(want.xlsx, csv);
    await assertFigures(page, csv);
    assert.equal(await count(page, "invalid-spreadsheet_mangled"), csv.invalid.spreadsheet_mangled);

    // The other sheet holds no shipment columns: its header is offered.
    const select = page.locator(tid("file-sheet-select"));
    assert.deepEqual(await select.locator("option").allTextContents(), ["Notes", "Shipments"]);
    await select.selectOption("Notes");
    await readTimes(page, 1, 2);
    assert.equal(await page.locator(tid("file-row")).getAttribute("data-state"), "needs-mapping");
    assert.deepEqual(await rowTexts(page, "file-sheet"), ["Notes"]);
    // And back.
    await page.locator(tid("file-sheet-select")).selectOption("Shipments");
    await readTimes(page, 1, 3);
    await assertFigures(page, csv);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("columns found by their contents are named on the page, with a way to change them", T, async () => {
    const s = await openApp();
    const { page } = s;
    const files = INFERRED;
    await page.locator(tid("file-input")).setInputFiles(files);
    await allSettled(page, 2);
    await setAsOf(page);
    const notes = await page.locator(`${tid("file-row")}:nth-child(1) ${tid("file-inferred")}`).allTextContents();
    assert.deepEqual(notes.map((n) => n.replace(/\s+/g, " ").trim()), [
      "ⓘ Order number found by its contents: column “Spalte2” (6 of 6 values are Amazon order IDs). Change it",
      "ⓘ Tracking number found by its contents: column “Spalte4” (4 of 5 values are carrier tracking numbers). Change it",
    ]);
    const second = page.locator(`${tid("file-row")}:nth-child(2)`);
    assert.equal(
      (await second.locator(tid("file-inferred-why")).textContent()).trim(),
      "Not column “运单号”: it holds the forwarder's own waybill numbers. Column “转单号” holds the last-mile carrier's number, which is the one Amazon can track.",
    );
    await assertFigures(page, want.inferred);

    // "Change it" opens the columns list at the tracking number's choice.
    await page.locator(`${tid("file-row")}:nth-child(1) ${tid("file-inferred-change")}`).nth(1).click();
    const focused = await page.evaluate(() => document.activeElement?.dataset?.testid);
    assert.equal(focused, "map-tracking_number");
    assert.equal(await page.locator(`${tid("file-row")}:nth-child(1) ${tid("mapping")}`).evaluate((d) => d.open), true);
    // Choosing "not mapped" for it is the seller's choice: the file now
    // asks, and no result shows until it has its column again.
    const choice = page.locator(`${tid("file-row")}:nth-child(1) ${tid("map-tracking_number")}`);
    await choice.selectOption("");
    await readTimes(page, 1, 2);
    assert.equal(await page.locator(`${tid("file-row")}:nth-child(1)`).getAttribute("data-state"), "needs-mapping");
    await page.waitForSelector(tid("mapping-prompt"));
    assert.equal(await page.locator(tid("summary")).count(), 0);
    await choice.selectOption({ label: "Spalte4" });
    await readTimes(page, 1, 3);
    await assertFigures(page, want.inferred);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("an order export without tracking is named, with the file to add instead, in both languages; the other files still count", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.locator(tid("file-input")).setInputFiles([fixture("formats/amazon-all-orders.txt"), OTHER]);
    await allSettled(page, 2);
    await setAsOf(page);
    const row = page.locator(`${tid("file-row")}:nth-child(1)`);
    assert.equal(await row.getAttribute("data-state"), "needs-mapping");
    const prompt = row.locator(tid("mapping-prompt"));
    assert.equal(await prompt.getAttribute("data-orders-only"), "Amazon order report");
    const text = (await prompt.textContent()).replace(/\s+/g, " ");
    assert.match(text, /This is an order export \(Amazon order report\): it lists orders but no tracking numbers/);
    assert.match(text, /the shipping confirmation file you upload to Amazon/);
    await page.click(tid("lang-zh"));
    const zh = (await prompt.textContent()).replace(/\s+/g, " ");
    assert.match(zh, /这是订单导出文件（亚马逊订单报告）：其中只有订单，没有追踪编码/);
    await page.click(tid("lang-en"));
    // The check still shows the other file's figures, exactly.
    await assertFigures(page, vtrJson([OTHER], ["--as-of", AS_OF]));
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("a file read in another encoding is read again, alone, to the engine's numbers", T, async () => {
    const s = await openApp();
    const { page } = s;
    const jp = JP;
    const other = OTHER;
    await page.locator(tid("file-input")).setInputFiles([other, jp]);
    await allSettled(page, 2);
    await setAsOf(page);
    assert.deepEqual(await rowTexts(page, "file-encoding"), ["UTF-8", "Shift_JIS"]);
    assert.deepEqual(await rowTexts(page, "file-encoding-how"), ["(detected)", "(detected)"]);
    const detected = want.detected;
    await assertFigures(page, detected);
    assert.equal(await count(page, "invalid-chinese_carrier_name"), detected.invalid.chinese_carrier_name);
    assert.equal(detected.invalid.chinese_carrier_name, 3);

    await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-encoding-select")}`).selectOption({ label: "Windows-1252" });
    await readTimes(page, 2, 2);
    assert.deepEqual(await rowTexts(page, "file-encoding"), ["UTF-8", "Windows-1252"]);
    assert.deepEqual(await rowTexts(page, "file-encoding-how"), ["(detected)", "(chosen)"]);
    // Only that file was read again.
    assert.equal(await page.locator(`${tid("file-row")}:nth-child(1)`).getAttribute("data-reads"), "1");
    // `vtr` reads every file in the encoding it is given: the chosen one
    // for the Japanese file, with the other file's figures as detected.
    const chosen = want.chosen;
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="invalid-unsupported_carrier"]')?.textContent.replace(/\D/g, "") === String(n),
      detected.invalid.unsupported_carrier + chosen.invalid.unsupported_carrier,
      { timeout: 30_000 },
    );
    assert.equal(await count(page, "invalid-chinese_carrier_name"), detected.invalid.chinese_carrier_name - 3);
    assert.equal(chosen.invalid.unsupported_carrier, 3);
    assert.equal(await count(page, "valid"), detected.valid);

    // Back to detecting it.
    await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-encoding-select")}`).selectOption("");
    await readTimes(page, 2, 3);
    assert.deepEqual(await rowTexts(page, "file-encoding"), ["UTF-8", "Shift_JIS"]);
    await assertFigures(page, detected);
    assert.equal(await count(page, "invalid-chinese_carrier_name"), 3);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("a dropped folder adds the files inside it, subfolders too", T, async () => {
    const s = await openApp();
    const { page } = s;
    const csv = "order-id,tracking-number,carrier-code\n";
    const zone = await page.$(tid("drop-zone"));
    // A drop built in the page carries files only, so the folder's entry
    // is stood in for: the entries API as Chromium gives it for a folder.
    const dataTransfer = await page.evaluateHandle((csv) => {
      const file = (name, text) => new File([text], name, { type: "text/csv" });
      const fileEntry = (path, text) => ({
        isFile: true,
        isDirectory: false,
        name: path.split("/").pop(),
        fullPath: path,
        file: (ok) => ok(file(path.split("/").pop(), text)),
      });
      const dirEntry = (path, children) => ({
        isFile: false,
        isDirectory: true,
        name: path.split("/").pop(),
        fullPath: path,
        createReader: () => {
          let given = false;
          return { readEntries: (ok) => { ok(given ? [] : children); given = true; } };
        },
      });
      const folder = dirEntry("/shipments", [
        fileEntry("/shipments/b.csv", csv + "111-0000000-0000002,1Z999AA10123456784,UPS\n"),
        fileEntry("/shipments/.DS_Store", "\0\0\0"),
        dirEntry("/shipments/october", [
          fileEntry("/shipments/october/c.csv", csv + "111-0000000-0000003,1Z999AA10123456792,UPS\n"),
        ]),
        fileEntry("/shipments/a.csv", csv + "111-0000000-0000001,N/A,UPS\n"),
      ]);
      const dt = new DataTransfer();
      dt.items.add(file("shipments", ""));
      dt.items.add(file("loose.csv", csv + "111-0000000-0000004,1Z999AA10123456784,UPS\n"));
      const real = DataTransferItem.prototype.webkitGetAsEntry;
      DataTransferItem.prototype.webkitGetAsEntry = function () {
        const f = this.getAsFile();
        return f && f.name === "shipments" ? folder : real.call(this);
      };
      return dt;
    }, csv);
    await zone.dispatchEvent("drop", { dataTransfer });
    await allSettled(page, 4);
    assert.deepEqual(await rowTexts(page, "file-name"), ["a.csv", "b.csv", "c.csv", "loose.csv"]);
    assert.deepEqual(await rowTexts(page, "file-rows"), ["1", "1", "1", "1"]);
    assert.deepEqual(await rowTexts(page, "file-error"), [null, null, null, null]);
    assert.deepEqual(s.errors, []);
    await s.close();
  });
});
