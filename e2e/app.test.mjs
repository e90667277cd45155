// End-to-end: the release build in dist/, served locally, in headless Chromium.
// Build first (make test does): trunk build --release.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { launch, openPage } from "./browser.mjs";
import { DIST, startServer } from "./server.mjs";
import { openSetup } from "./figures.mjs";

const expected = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));

const T = { timeout: 60_000 };
// Read files fold under the bar once the verdict shows: there, not in sight.
const ATTACHED = { state: "attached" };
const allRequests = [];
let server;
let browser;

/** A page on a fresh context, loaded and with the app mounted. */
async function openApp(options) {
  const session = await openPage(browser, options);
  await session.page.goto(server.url + "/");
  await session.page.waitForSelector("[data-testid=drop-zone]", { timeout: 15_000 });
  return session;
}

async function done(session) {
  allRequests.push(...session.requests);
  await session.close();
}

/** The text of `testid` inside each file row, in order. */
function rowTexts(page, testid) {
  return page.$$eval(`[data-testid=file-row]`, (rows, id) =>
    rows.map((r) => r.querySelector(`[data-testid=${id}]`)?.textContent ?? null), testid);
}

/** A shipment CSV: order id and tracking number columns, then `columns - 2`
 * more, and `rows` data lines, each its own package. */
function makeCsv(rows, columns, delimiter = ",") {
  const head = ["order-id", "tracking-number", ...Array.from({ length: columns - 2 }, (_, i) => `col-${i + 3}`)];
  const lines = Array.from({ length: rows }, (_, r) =>
    [`O-${r}`, `TRK${String(r).padStart(9, "0")}`, ...Array.from({ length: columns - 2 }, (_, c) => `r${r}c${c}`)].join(delimiter),
  );
  return [head.join(delimiter), ...lines].join("\r\n") + "\r\n";
}

describe("vtr-check page", () => {
  before(async () => {
    assert.ok(existsSync(`${DIST}/index.html`), `no build in ${DIST}: run trunk build --release first`);
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("boots under the Content-Security-Policy without errors", T, async () => {
    const s = await openApp();
    const { page } = s;
    assert.equal(await page.textContent("h1"), "vtr-check");
    assert.match(await page.textContent(".tagline"), /Valid Tracking Rate/);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.equal(await page.locator("script:not([src])").count(), 0, "no inline scripts");
    assert.equal(await page.locator("[data-testid=error-panel]").count(), 0);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    assert.ok(s.requests.some((u) => u.endsWith("_bg.wasm")), "the wasm was fetched");
    await done(s);
  });

  test("dropping files shows the drag state and each file's exact counts", T, async () => {
    const s = await openApp();
    const { page } = s;
    const first = makeCsv(25, 5);
    const second = makeCsv(3, 2, "\t");
    const zone = await page.$("[data-testid=drop-zone]");
    const dataTransfer = await page.evaluateHandle(
      ([a, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], "dropped.csv", { type: "text/csv" }));
        dt.items.add(new File([b], "second.tsv", { type: "text/tab-separated-values" }));
        return dt;
      },
      [first, second],
    );
    await zone.dispatchEvent("dragenter", { dataTransfer });
    await zone.dispatchEvent("dragover", { dataTransfer });
    assert.match(await zone.getAttribute("class"), /\bdragging\b/);
    await zone.dispatchEvent("drop", { dataTransfer });
    await page.waitForSelector("[data-testid=file-row]:nth-child(2) [data-testid=file-rows]", ATTACHED);
    assert.doesNotMatch(await zone.getAttribute("class"), /\bdragging\b/);
    assert.deepEqual(await rowTexts(page, "file-name"), ["dropped.csv", "second.tsv"]);
    assert.deepEqual(await rowTexts(page, "file-rows"), ["25", "3"]);
    assert.deepEqual(await rowTexts(page, "file-columns"), ["5", "2"]);
    assert.deepEqual(s.errors, []);
    await done(s);
  });

  test("files chosen in the picker are counted, broken ones explained", T, async () => {
    const s = await openApp();
    const { page } = s;
    await page.setInputFiles("[data-testid=file-input]", [
      { name: "march.csv", mimeType: "text/csv", buffer: Buffer.from(makeCsv(7, 3, ";")) },
      { name: "cut.csv", mimeType: "text/csv", buffer: Buffer.from("order-id,tracking-number,carrier\n1,1Z999AA10123456784,UPS\n4,5\n") },
      { name: "report.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]) },
      { name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) },
    ]);
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=file-row][data-state=read], [data-testid=file-row][data-state=error]").length === 4,
    );
    assert.deepEqual(await rowTexts(page, "file-name"), ["march.csv", "cut.csv", "report.xlsx", "empty.csv"]);
    assert.deepEqual(await rowTexts(page, "file-rows"), ["7", "2", null, null]);
    assert.deepEqual(await rowTexts(page, "file-columns"), ["3", "3", null, null]);
    // The broken row of cut.csv is skipped and named by its line; the rest counts.
    assert.deepEqual(await rowTexts(page, "file-skipped"), ["0", "1", null, null]);
    assert.match(await page.locator("[data-testid=file-row]:nth-child(2) [data-testid=file-problems]").textContent(), /3/);
    const errors = await rowTexts(page, "file-error");
    assert.deepEqual(errors.slice(0, 2), [null, null]);
    // Seven bytes of a zip with no workbook inside: named by its bytes, not its name.
    assert.equal(errors[2], "⚠ This is a zip archive, not a shipment export: unpack it first, then load the text or CSV file inside.");
    assert.match(errors[3], /^⚠ This file is empty/);
    assert.equal(await page.locator("[data-testid=error-panel]").count(), 0, "a bad file is not a crash");
    await page.screenshot({ path: "/tmp/vtr-check-file-errors.png", fullPage: true });
    await done(s);
  });

  test("Try sample data shows the sample's exact counts and result", T, async () => {
    const s = await openApp();
    const { page } = s;
    const want = expected.sample;
    await page.click("[data-testid=sample-button]");
    await page.waitForSelector("[data-testid=file-rows]", ATTACHED);
    assert.deepEqual(await rowTexts(page, "file-name"), [want.name]);
    assert.deepEqual(await rowTexts(page, "file-rows"), [String(want.rows)]);
    assert.deepEqual(await rowTexts(page, "file-columns"), [String(want.columns)]);
    await page.waitForSelector("[data-testid=summary]");
    const text = async (id) => (await page.locator(`[data-testid=${id}]`).first().textContent()).trim();
    assert.equal(await page.locator("[data-testid=set-as-of]").inputValue(), want.as_of);
    assert.equal(await text("vtr"), want.vtr);
    assert.equal(Number((await text("considered")).replace(/,/g, "")), want.considered);
    assert.equal(Number((await text("valid")).replace(/,/g, "")), want.valid);
    assert.equal(Number(await text("fixes-needed")), want.fixes_needed);
    assert.equal(await page.locator("[data-testid=status]").getAttribute("data-status"), want.status);
    await page.screenshot({ path: "/tmp/vtr-check-desktop.png", fullPage: true });
    assert.deepEqual(s.errors, []);
    await done(s);
  });

  test("the page fits a 375px phone screen", T, async () => {
    const s = await openApp({ width: 375, height: 740 });
    const { page } = s;
    await page.click("[data-testid=sample-button]");
    await page.waitForSelector("[data-testid=file-rows]", ATTACHED);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, "no horizontal scrolling");
    await page.screenshot({ path: "/tmp/vtr-check-375.png", fullPage: true });
    await done(s);
  });

  test("keyboard: Enter and Space on the focused zone open the picker", T, async () => {
    const s = await openApp();
    const { page } = s;
    // Playwright turns on file-chooser interception without waiting for the
    // browser to confirm; listening early (and a round trip) avoids racing it.
    page.on("filechooser", () => {});
    await page.evaluate(() => 0);
    for (const [n, key] of ["Enter", " "].entries()) {
      // The first file's verdict folds the zone under the bar: open it again.
      if (n > 0) await openSetup(page);
      await page.focus("[data-testid=drop-zone]");
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press(key)]);
      assert.ok(chooser.isMultiple());
      await chooser.setFiles({ name: `key-${key.trim() || "space"}.csv`, mimeType: "text/csv", buffer: Buffer.from(makeCsv(2, 4)) });
      await page.waitForSelector(`[data-testid=file-row]:nth-child(${n + 1}) [data-testid=file-rows]`, ATTACHED);
    }
    assert.deepEqual(await rowTexts(page, "file-name"), ["key-Enter.csv", "key-space.csv"]);
    assert.deepEqual(await rowTexts(page, "file-rows"), ["2", "2"]);
    await done(s);
  });

  test("closing the privacy note is remembered across a reload", T, async () => {
    const s = await openApp();
    const { page } = s;
    assert.equal(await page.locator("[data-testid=privacy-note]").count(), 1);
    await page.click("[data-testid=privacy-note] button");
    assert.equal(await page.locator("[data-testid=privacy-note]").count(), 0);
    await page.reload();
    await page.waitForSelector("[data-testid=drop-zone]");
    assert.equal(await page.locator("[data-testid=privacy-note]").count(), 0);
    assert.equal(
      await page.evaluate(() => localStorage.getItem("vtr-check/prefs/v1")),
      '{"privacy_note_dismissed":true}',
    );
    await done(s);
  });

  test("a panic shows the error panel instead of a dead page", T, async () => {
    const s = await openPage(browser);
    const { page } = s;
    await page.goto(server.url + "/#vtr-panic-selftest");
    const panel = await page.waitForSelector("[data-testid=error-panel]", { timeout: 15_000 });
    const text = await panel.textContent();
    assert.match(text, /^Something went wrong/);
    assert.match(text, /panic self-test requested by the URL/);
    assert.equal(await page.locator("[data-testid=error-panel]").count(), 1);
    await page.screenshot({ path: "/tmp/vtr-check-panic.png" });
    await done(s);
  });

  test("no request went to any host but 127.0.0.1", T, () => {
    assert.ok(allRequests.length >= 8, `only ${allRequests.length} requests recorded`);
    const elsewhere = allRequests.filter((u) => {
      const { protocol, hostname } = new URL(u);
      return !(protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1");
    });
    assert.deepEqual(elsewhere, []);
  });
});
