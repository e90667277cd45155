// End-to-end: the verdict first. Once files are loaded the first screen is
// the verdict, the files and settings fold into a bar, nothing is wider
// than its box, focus follows the seller, the keyboard reaches the fix list
// in a few Tabs, the sample asks before it replaces anything, and the page
// says only what is true. In both languages, on a phone and a desktop.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { vtrJson } from "./engine.mjs";
import { SAMPLE, fixture, openSetup, tid } from "./figures.mjs";

const T = { timeout: 180_000 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SCREENS = [
  ["desktop", DESKTOP],
  ["phone", PHONE],
];
const LANGS = ["en", "zh"];
/** The widths nothing may be clipped at. */
const WIDTHS = [375, 390, 768, 1280, 1440, 1920];
/** The sample's own day: its dates fall in the window checked on it. */
const SAMPLE_DAY = "2026-11-25";

let server;
let browser;

/**
 * A fresh page whose clock says `today` (so a file dropped is checked as of
 * that day), in `lang`, with the app mounted.
 */
async function openApp({ width, height } = DESKTOP, lang = "en", today = SAMPLE_DAY) {
  const s = await openPage(browser, { width, height });
  await s.page.clock.setFixedTime(new Date(`${today}T12:00:00`));
  await s.page.goto(server.url + "/");
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  if (lang === "zh") await s.page.click(tid("lang-zh"));
  return s;
}

/** Drops files on the drop zone as a seller drags them from the desktop. */
async function drop(page, files) {
  const payload = files.map(({ name, path }) => ({ name, bytes: [...readFileSync(path)] }));
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: "text/csv" }));
    return dt;
  }, payload);
  const zone = page.locator(tid("drop-zone"));
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

/** The sample's rows as a seller's own file (another name: not "the sample"). */
const OWN = { name: "orders-november.csv", path: SAMPLE };

// The European fixture with shipment references where its tracking numbers
// were: no header names the tracking number and no column's values look
// like one, so the page has to ask.
const NO_TRACKING = (() => {
  const lines = readFileSync(fixture("european-semicolon.csv"), "utf8").split("\n");
  const refs = lines.map((line, i) =>
    i === 0 ? line : line.split(";").map((cell, j) => (j === 5 && cell ? `REF-${cell}` : cell)).join(";"),
  );
  const path = join(mkdtempSync(join(tmpdir(), "vtr-layout-")), "european-references.csv");
  writeFileSync(path, refs.join("\n"));
  return { name: "european-references.csv", path };
})();

/** Waits until the verdict is on the page and has the focus. */
async function verdictFocused(page) {
  await page.waitForSelector(tid("summary"), { timeout: 60_000 });
  await page.waitForFunction(() => document.activeElement?.id === "result", null, { timeout: 15_000 });
}

/** The element's box, relative to the viewport. */
const box = (page, sel) =>
  page.locator(sel).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  });

/** Asserts that `sel` is wholly inside the viewport, as it is now. */
async function assertInView(page, sel, what) {
  const b = await box(page, sel);
  const { width, height } = page.viewportSize();
  assert.ok(b.height > 0 && b.width > 0, `${what}: not drawn`);
  assert.ok(b.top >= -1 && b.bottom <= height + 1 && b.left >= -1 && b.right <= width + 1, `${what} at ${JSON.stringify(b)}, outside ${width}x${height}`);
}

/** The data-testid, else the tag and text, of the focused element. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "body";
    return e.dataset.testid ?? e.id ?? `${e.tagName.toLowerCase()}:${e.textContent.trim().slice(0, 30)}`;
  });

/** Puts the keyboard's starting point at the very top of the document. */
const focusTop = (page) =>
  page.evaluate(() => {
    const top = document.createElement("span");
    top.tabIndex = -1;
    top.dataset.testid = "top-of-page";
    document.body.prepend(top);
    top.focus();
  });

/**
 * Every box of the page that is wider than it shows, and every element that
 * reaches past the box it belongs to, as readable lines (empty when none).
 */
function clipped(page) {
  return page.evaluate(() => {
    const BOXES = [
      "setup-bar", "summary", "reasons", "categories", "carriers", "warnings", "trend", "packages", "exports",
      "history", "files", "settings", "drop-zone",
    ];
    const out = [];
    const hidden = (e) => e.closest(".visually-hidden, [hidden]") || getComputedStyle(e).display === "none";
    const name = (e) => `${e.tagName.toLowerCase()}${e.dataset.testid ? `[${e.dataset.testid}]` : ""}.${[...e.classList].join(".")}`;
    if (document.documentElement.scrollWidth > window.innerWidth) {
      out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    }
    for (const id of BOXES) {
      for (const card of document.querySelectorAll(`[data-testid="${id}"]`)) {
        if (hidden(card)) continue;
        const c = card.getBoundingClientRect();
        // The card, its scrolling frames and its tables show all they hold.
        for (const e of [card, ...card.querySelectorAll(".table-scroll, .package-table-wrap, table, .trend-svg")]) {
          if (hidden(e)) continue;
          if (e.scrollWidth > e.clientWidth + 1) out.push(`${id}: ${name(e)} ${e.scrollWidth} > ${e.clientWidth}`);
        }
        // Nothing reaches past the card's sides.
        for (const e of card.querySelectorAll("*")) {
          if (hidden(e)) continue;
          const r = e.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          if (r.left < c.left - 1 || r.right > c.right + 1) out.push(`${id}: ${name(e)} ${Math.round(r.left)}..${Math.round(r.right)} past ${Math.round(c.left)}..${Math.round(c.right)}`);
        }
        // A drop-down shows its whole choice, not "Carrier in Chin".
        for (const sel of card.querySelectorAll("select")) {
          if (hidden(sel)) continue;
          const shown = sel.getBoundingClientRect().width;
          const keep = sel.getAttribute("style");
          sel.style.cssText += ";field-sizing:content;width:auto;min-width:0;max-width:none;flex:none;align-self:flex-start;justify-self:start";
          const needed = sel.getBoundingClientRect().width;
          if (keep === null) sel.removeAttribute("style");
          else sel.setAttribute("style", keep);
          if (needed > shown + 1) out.push(`${id}: select#${sel.id} shows ${Math.round(shown)} of ${Math.round(needed)} px: "${sel.selectedOptions[0]?.textContent}"`);
        }
      }
    }
    return [...new Set(out)];
  });
}

describe("the verdict first", () => {
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
      test(`${lang}, ${screen} ${size.width}x${size.height}: after a drop the verdict is the first screen, focused`, T, async () => {
        const s = await openApp(size, lang);
        const { page } = s;
        await drop(page, [OWN]);
        await verdictFocused(page);
        await page.waitForTimeout(300);
        // What a seller came for, without scrolling.
        await assertInView(page, tid("status"), "status");
        await assertInView(page, tid("vtr"), "overall VTR");
        await assertInView(page, tid("fixes-needed"), "fixes needed");
        await assertInView(page, `${tid("at-risk")} li:last-child`, "the categories at risk");
        await assertInView(page, `${tid("top-reasons")} li:first-child`, "the top reason");
        if (screen === "desktop") {
          await assertInView(page, `${tid("top-reasons")} li:last-child`, "the top reasons");
          await assertInView(page, tid("verdict-export"), "the fix list's download");
        }
        assert.equal(await page.locator(tid("status")).getAttribute("data-status"), "at_risk");
        // Announced: the focused verdict is named by its heading and described by its headline.
        const verdict = page.locator("#result");
        assert.equal(await verdict.getAttribute("aria-labelledby"), "summary-title");
        assert.equal(await verdict.getAttribute("aria-describedby"), "summary-headline");
        assert.equal(await page.locator("#summary-headline").getAttribute("aria-live"), "polite");
        // The files and settings folded into the bar, which names them.
        assert.equal(await page.locator(tid("setup")).isHidden(), true);
        assert.equal(await page.locator(tid("setup-files")).textContent(), OWN.name);
        assert.match(await page.locator(tid("setup-window")).textContent(), lang === "en" ? /^30 days ending Nov 11, 2026$/ : /^截至 2026年11月11日的 30 天$/);
        const toggle = page.locator(tid("setup-toggle"));
        assert.equal(await toggle.getAttribute("aria-expanded"), "false");
        await toggle.click();
        assert.equal(await toggle.getAttribute("aria-expanded"), "true");
        assert.equal(await page.locator(tid("settings")).isVisible(), true);
        assert.equal(await page.locator(tid("file-row")).count(), 1);
        await toggle.click();
        assert.equal(await page.locator(tid("setup")).isHidden(), true);
        await page.screenshot({ path: `/tmp/vtr-verdict-${lang}-${size.width}.png` });
        assert.deepEqual(s.errors, []);
        await s.close();
      });
    }
  }

  for (const lang of LANGS) {
    test(`${lang}: nothing is wider than its box at ${WIDTHS.join(", ")} px`, T, async () => {
      const s = await openApp({ width: WIDTHS[0], height: 900 }, lang);
      const { page } = s;
      await page.click(tid("sample-button"));
      await verdictFocused(page);
      await page.waitForSelector(tid("package-row"), { timeout: 30_000 });
      // The longest reason name chosen, as a seller filtering by it would.
      await page.locator(tid("filter-reason")).selectOption("chinese_carrier_name");
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(250);
        assert.deepEqual(await clipped(page), [], `${lang} at ${width}px, result`);
        await openSetup(page);
        await page.waitForTimeout(100);
        assert.deepEqual(await clipped(page), [], `${lang} at ${width}px, files and settings open`);
        await page.locator(tid("setup-toggle")).click();
        if (width === 768 || width === 1920) await page.screenshot({ path: `/tmp/vtr-layout-${lang}-${width}.png`, fullPage: true });
      }
      // A wide screen is used: two columns, not one narrow one.
      await page.setViewportSize({ width: 1920, height: 900 });
      const [why, categories] = await Promise.all([box(page, tid("reasons")), box(page, tid("categories"))]);
      assert.ok(categories.left > why.right, "Why and the categories side by side");
      assert.ok(why.width + categories.width > 1500, `the columns use the width: ${why.width} + ${categories.width}`);
      await s.close();
    });
  }

  for (const lang of LANGS) {
    for (const [screen, size] of SCREENS) {
      test(`${lang}, ${screen}: choosing a reason moves focus to its packages, one Tab from their export`, T, async () => {
        const s = await openApp(size, lang);
        const { page } = s;
        await page.click(tid("sample-button"));
        await verdictFocused(page);
        await page.waitForSelector(tid("package-row"), { timeout: 30_000 });
        const want = vtrJson([SAMPLE], ["--as-of", SAMPLE_DAY]);
        // From the verdict's top reasons, by keyboard.
        const top = page.locator(`${tid("top-reasons")} li:first-child button`);
        const key = (await top.getAttribute("data-testid")).replace("top-reason-", "");
        await top.focus();
        await page.keyboard.press("Enter");
        assert.equal(await focused(page), "packages");
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="package-count"]')?.textContent === String(n),
          want.invalid[key],
        );
        await assertInView(page, "#packages-title", "the package list's title");
        await page.keyboard.press("Tab");
        assert.equal(await focused(page), "export-filtered-xlsx");
        // From Why, by pointer.
        const other = Object.keys(want.invalid).find((k) => k !== key && want.invalid[k] > 0);
        await page.locator(`${tid("reasons")} button:has(${tid(`invalid-${other}`)})`).click();
        assert.equal(await focused(page), "packages");
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="package-count"]')?.textContent === String(n),
          want.invalid[other],
        );
        assert.equal(await page.locator(tid("filter-reason")).inputValue(), other);
        await s.close();
      });
    }
  }

  for (const lang of LANGS) {
    for (const [screen, size] of SCREENS) {
      test(`${lang}, ${screen}: a skip link to the result, and the fix list 5 Tabs from the top`, T, async () => {
        const s = await openApp(size, lang);
        const { page } = s;
        await page.click(tid("sample-button"));
        await verdictFocused(page);
        await page.waitForSelector(tid("package-row"), { timeout: 30_000 });
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        // The first Tab reaches the skip link, which shows itself.
        await focusTop(page);
        await page.keyboard.press("Tab");
        assert.equal(await focused(page), "skip-link");
        await page.evaluate(() => window.scrollTo(0, 0));
        await assertInView(page, tid("skip-link"), "the focused skip link");
        assert.ok((await box(page, tid("skip-link"))).width > 40, "the skip link is readable, not a 1px box");
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.keyboard.press("Enter");
        assert.equal(await focused(page), "summary");
        await assertInView(page, tid("vtr"), "the overall VTR after the skip link");
        assert.equal(new URL(page.url()).hash, "", "the address keeps no #result");
        // From the top, Tab by Tab, in reading order, to the fix list.
        await focusTop(page);
        const stops = [];
        while (stops.length < 30) {
          await page.keyboard.press("Tab");
          stops.push(await focused(page));
          if (/^(verdict-export|export-)/.test(stops.at(-1))) break;
        }
        assert.deepEqual(stops, ["skip-link", "lang-en", "lang-zh", "setup-toggle", "verdict-export"]);
        assert.ok(stops.length <= 5, `${stops.length} Tabs to the export`);
        const [name] = await Promise.all([
          page.waitForEvent("download").then((d) => d.suggestedFilename()),
          page.keyboard.press("Enter"),
        ]);
        assert.equal(name, `vtr-invalid-${SAMPLE_DAY}.xlsx`);
        // No element takes a place in the order out of its turn.
        assert.equal(await page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count(), 0);
        if (screen === "phone") {
          // One column: every next stop is below the last, or beside it.
          let last = null;
          for (let i = 0; i < 60; i++) {
            await page.keyboard.press("Tab");
            const at = await page.evaluate(() => {
              const r = document.activeElement.getBoundingClientRect();
              return { top: r.top + scrollY, left: r.left, what: document.activeElement.outerHTML.slice(0, 60) };
            });
            if (last) assert.ok(at.top >= last.top - 2 || (Math.abs(at.top - last.top) < 30 && at.left > last.left), `${at.what} comes after ${last.what} but reads before it`);
            last = at;
          }
        }
        await s.close();
      });
    }
  }

  for (const lang of LANGS) {
    test(`${lang}: Try sample data asks before it replaces the seller's files, and never blends in`, T, async () => {
      const today = "2026-11-30";
      const s = await openApp(DESKTOP, lang, today);
      const { page } = s;
      const names = () => page.locator(tid("file-name")).allTextContents();
      const asOf = () => page.locator(tid("set-as-of")).inputValue();
      await drop(page, [OWN]);
      await verdictFocused(page);
      await openSetup(page);
      assert.equal(await asOf(), today);
      // Asked, with what it does; keeping is where focus starts.
      await page.click(tid("sample-button"));
      const question = page.locator(tid("sample-question"));
      await question.waitFor();
      assert.match(await question.textContent(), lang === "en" ? /replaces your file orders-november\.csv and is checked as of Nov 25, 2026/ : /将替换您的文件 orders-november\.csv，并按 2026年11月25日检查/);
      assert.equal(await focused(page), "sample-keep");
      assert.deepEqual(await names(), [OWN.name]);
      assert.equal(await asOf(), today);
      await page.keyboard.press("Enter");
      assert.equal(await question.count(), 0);
      assert.deepEqual(await names(), [OWN.name]);
      assert.equal(await asOf(), today);
      // Replacing: the sample alone, on its own day, said so.
      await page.click(tid("sample-button"));
      await page.click(tid("sample-replace"));
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="file-name"]')].map((e) => e.textContent).join() === "sample-shipments.csv",
      );
      await verdictFocused(page);
      assert.equal(await asOf(), SAMPLE_DAY);
      assert.equal(await page.locator(tid("sample-note")).count(), 1);
      assert.equal(await page.locator(tid("setup-files")).textContent(), "sample-shipments.csv");
      // The seller's own file again: the sample makes way, and today returns.
      await page.locator(tid("file-input")).setInputFiles({ name: OWN.name, mimeType: "text/csv", buffer: readFileSync(SAMPLE) });
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('[data-testid="file-name"]')].map((e) => e.textContent).join() === n,
        OWN.name,
      );
      await verdictFocused(page);
      assert.equal(await asOf(), today);
      assert.equal(await page.locator(tid("sample-note")).count(), 0);
      assert.deepEqual(s.errors, []);
      await s.close();
    });
  }

  for (const lang of LANGS) {
    test(`${lang}: no result while the tracking column is unmapped; the prompt instead`, T, async () => {
      const s = await openApp(PHONE, lang);
      const { page } = s;
      await drop(page, [NO_TRACKING]);
      await page.waitForSelector(tid("mapping-prompt"), { timeout: 60_000 });
      await page.waitForTimeout(500);
      for (const id of ["summary", "window-off", "prediction-note", "skip-link", "setup-bar", "categories", "packages"]) {
        assert.equal(await page.locator(tid(id)).count(), 0, `${id} while a column is missing`);
      }
      await assertInView(page, tid("mapping-prompt"), "the mapping prompt");
      await page.locator(tid("map-tracking_number")).selectOption({ label: "Sendungsnummer" });
      await verdictFocused(page);
      assert.equal(await page.locator(tid("setup")).isHidden(), true);
      const want = vtrJson([NO_TRACKING.path], ["--as-of", SAMPLE_DAY, "--map", "tracking_number=Sendungsnummer"]);
      assert.equal(Number(await page.locator(tid("considered")).textContent()), want.considered);
      await s.close();
    });

    test(`${lang}: a file that cannot be read gives no result at all`, T, async () => {
      const s = await openApp(DESKTOP, lang);
      const { page } = s;
      await page.locator(tid("file-input")).setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
      await page.waitForSelector(tid("file-error"), { timeout: 60_000 });
      await page.waitForTimeout(500);
      assert.equal(await page.locator(tid("summary")).count(), 0);
      assert.equal(await page.locator(tid("window-off")).count(), 0);
      await s.close();
    });

    test(`${lang}: "this file" or "these files", and the window says which dates placed the packages`, T, async () => {
      const s = await openApp(DESKTOP, lang);
      const { page } = s;
      const note = async (want) => {
        await page.waitForFunction(
          (re) => new RegExp(re).test(document.querySelector('[data-testid="prediction-note"]')?.textContent ?? ""),
          want.source,
        );
        return page.locator(tid("prediction-note")).textContent();
      };
      const detail = () => page.locator(tid("window-detail")).textContent();
      const settle = (n) =>
        page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="file-row"][data-state="read"]').length === n && document.activeElement?.id === "result",
          n,
          { timeout: 60_000 },
        );
      // No promised delivery date: the ship date, else the order date.
      await page.locator(tid("file-input")).setInputFiles(fixture("shipstation-export.csv"));
      await settle(1);
      const one = lang === "en" ? /^This file has no carrier-scan data/ : /^此文件不含承运人扫描数据/;
      assert.match(await note(one), one);
      assert.equal(
        await detail(),
        lang === "en"
          ? "(30 days by ship date, or order date where there is none, ending 14 days before Nov 25, 2026)"
          : "（按发货日期统计，没有发货日期的按下单日期，共 30 天，截止于 2026年11月25日前 14 天）",
      );
      // Another file without scan data: "these files".
      await page.locator(tid("file-input")).setInputFiles(fixture("chinese-erp-gb18030.csv"));
      await settle(2);
      const two = lang === "en" ? /^These files have no carrier-scan data/ : /^这些文件不含承运人扫描数据/;
      assert.match(await note(two), two);
      // Promised dates in one file, fallback dates in the other: how many each.
      await openSetup(page);
      await page.locator(tid("files-clear")).click();
      await page.locator(tid("file-input")).setInputFiles([fixture("amazon-vtr-report.txt"), fixture("shipstation-export.csv")]);
      await settle(2);
      const mixed = vtrJson([fixture("amazon-vtr-report.txt"), fixture("shipstation-export.csv")], ["--as-of", SAMPLE_DAY]);
      const n = mixed.warnings.window_by_fallback_date;
      assert.ok(n > 0 && n < mixed.packages, `${n} of ${mixed.packages} packages placed by a fallback date`);
      assert.equal(
        await detail(),
        lang === "en"
          ? `(30 days by promised delivery date, or by ship or order date for the ${n} packages without one, ending 14 days before Nov 25, 2026)`
          : `（按承诺送达日期统计，其中 ${n} 个没有承诺送达日期的包裹按发货日期或下单日期，共 30 天，截止于 2026年11月25日前 14 天）`,
      );
      // Promised dates for every package.
      await openSetup(page);
      await page.locator(`${tid("file-row")}:nth-child(2) ${tid("file-remove")}`).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 1);
      assert.equal(vtrJson([fixture("amazon-vtr-report.txt")], ["--as-of", SAMPLE_DAY]).warnings.window_by_fallback_date, 0);
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="window-detail"]')?.textContent === want,
        lang === "en"
          ? "(30 days by promised delivery date, ending 14 days before Nov 25, 2026)"
          : "（按承诺送达日期统计，共 30 天，截止于 2026年11月25日前 14 天）",
      );
      await s.close();
    });
  }
});
