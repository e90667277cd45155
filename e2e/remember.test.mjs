// End-to-end: what the page keeps on this device. With a persistent
// profile (a real --user-data-dir, as a seller's browser has), a check
// comes back after a reload and after the browser is closed and opened
// again, with its numbers, settings and mapping, without dropping the file
// again; "Forget this file" and "Forget everything" leave nothing behind
// (IndexedDB and localStorage are listed to prove it); blocked and full
// storage each say so while the check still works; analysing and
// exporting send nothing anywhere; the carrier editor changes the numbers
// exactly; the history opens a past check beside the current one.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, launchProfile, openPage, workerLoaded } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { int, percent, vtr, vtrJson } from "./engine.mjs";
import { AS_OF, addFiles, allSettled, assertFigures, download, fixture, openSetup, setAsOf, tid } from "./figures.mjs";

const T = { timeout: 180_000 };
let server;
let browser;
const dirs = [];
// Every profile's browser, so a failed test cannot leave one running (and
// the test file waiting for it) past the end.
const contexts = [];
async function profile(dir) {
  const context = await launchProfile(dir);
  contexts.push(context);
  return context;
}

function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** The page in `context`, with its requests and errors collected, once
 * its engine worker is loaded. */
async function open(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const log = { requests: [], errors: [] };
  context.on("request", (r) => log.requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && log.errors.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(e.message));
  const loaded = workerLoaded(context);
  await page.goto(server.base);
  // Attached, not visible: a kept check coming back folds the drop zone
  // under the set-up bar as soon as its figures are shown.
  await page.waitForSelector(tid("drop-zone"), { state: "attached", timeout: 15_000 });
  await loaded;
  // The service worker's install fetches the page's files (the worker's
  // wasm too): done before the test counts requests made while analysing.
  await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));
  return { page, log };
}

/** Every database of the origin, each store's keys, and localStorage's keys. */
function listStorage(page) {
  return page.evaluate(async () => {
    const databases = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      databases[name] = {};
      for (const store of db.objectStoreNames) {
        databases[name][store] = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAllKeys();
          r.onsuccess = () => ok(r.result);
        });
      }
      db.close();
    }
    return { databases, local: Object.keys(localStorage) };
  });
}

const savedState = (page) => page.locator(tid("saved-check")).getAttribute("data-state");
// Attached, not visible: with a result the panel is folded under the bar.
const waitSaved = (page, state = "saved") =>
  page.waitForSelector(`${tid("saved-check")}[data-state="${state}"]`, { state: "attached", timeout: 30_000 });

/** Points the mapping of the first file's `field` at nothing. */
async function unmap(page, field) {
  const details = page.locator(tid("mapping")).first();
  if (!(await details.evaluate((d) => d.open))) await details.locator("summary").click();
  await page.locator(tid(`map-${field}`)).first().selectOption("");
}

describe("the last check is kept on this device", () => {
  before(async () => {
    server = await startServer({ prefix: "/vtr/" });
    browser = await launch();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("a reload and a closed browser bring back the same numbers, settings and mapping; nothing is sent while analysing and exporting", T, async (t) => {
    const profileDir = tempDir("vtr-profile-");
    const file = "shipstation-export.csv";
    // The mapping the seller chooses: no carrier column, so the figures
    // differ from the detected mapping's.
    const want = vtrJson([fixture(file)], ["--as-of", AS_OF, "--map", "carrier="]);
    assert.notEqual(want.valid, vtrJson([fixture(file)], ["--as-of", AS_OF]).valid, "the mapping matters");

    let context = await profile(profileDir);
    let { page, log } = await open(context);
    const before = log.requests.length;
    await addFiles(page, [fixture(file)]);
    await unmap(page, "carrier");
    await assertFigures(page, want);
    const json = await download(page, "export-json");
    assert.deepEqual(JSON.parse(json.body), want);
    const invalid = await download(page, "export-invalid");
    assert.match(invalid.body, /^\uFEFF?Order ID,Tracking number,Carrier,/);
    const during = log.requests.slice(before).filter((u) => !u.startsWith("blob:"));
    assert.deepEqual(during, [], "no request while analysing and exporting");

    await waitSaved(page);
    assert.match(await page.locator(tid("saved-status")).textContent(), /^This check \(1 file, \d+\.\d KB\) is kept in this browser/);
    assert.equal(await page.locator(tid("saved-file")).count(), 1);
    const kept = await listStorage(page);
    assert.equal(kept.databases["vtr-check"].files.length, 1, "the file itself is kept");
    assert.deepEqual(kept.databases["vtr-check"].check, ["last/v1"]);

    /** The page shows the kept check: file, numbers, as-of date, mapping. */
    const sameCheck = async (label) => {
      await page.waitForSelector(tid("file-row"), { state: "attached", timeout: 15_000 });
      await assertFigures(page, want);
      await allSettled(page, 1);
      await assertFigures(page, want);
      assert.equal(await page.locator(tid("file-name")).textContent(), file, label);
      assert.equal(await page.locator(tid("set-as-of")).inputValue(), AS_OF, `${label}: the fixed as-of date`);
      assert.equal(await page.locator(tid("map-carrier")).inputValue(), "", `${label}: the chosen mapping`);
      await waitSaved(page);
    };

    // Reload: the check is back without the file being dropped again.
    let started = Date.now();
    await page.reload();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === String(n),
      want.considered,
      { timeout: 15_000 },
    );
    t.diagnostic(`reload to the kept figures: ${Date.now() - started} ms`);
    await sameCheck("after a reload");

    // Close the browser and open it again on the same profile.
    await context.close();
    context = await profile(profileDir);
    started = Date.now();
    ({ page, log } = await open(context));
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="considered"]')?.textContent.replace(/\D/g, "") === String(n),
      want.considered,
      { timeout: 15_000 },
    );
    t.diagnostic(`a new browser to the kept figures: ${Date.now() - started} ms`);
    await sameCheck("after the browser was closed");
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test("while a kept check's file is read again, the package list, the trend and the downloads wait for it; then they are whole", T, async () => {
    const profileDir = tempDir("vtr-profile-");
    // Big enough that reading it again takes the worker a second or so:
    // the kept figures are on screen for many frames meanwhile.
    const big = join(tempDir("vtr-restore-"), "big.tsv");
    vtr(["sample", "--kind", "confirmation", "--rows", "200000", "--seed", "5", "--end", "2026-11-20", "-o", big]);
    const want = vtrJson([big], ["--as-of", AS_OF]);

    const context = await profile(profileDir);
    const { page } = await open(context);
    await addFiles(page, [big]);
    await assertFigures(page, want);
    const count = int(await page.locator(tid("package-count")).textContent());
    assert.ok(count > 0, "the list has packages");
    await waitSaved(page);

    // Every frame from the reload on, while the page says the downloads
    // wait: what the figures, the buttons, the list and the trend show.
    await page.addInitScript(() => {
      window.__waiting = [];
      const look = () => {
        const q = (id) => document.querySelector(`[data-testid="${id}"]`);
        if (q("exports-wait")) {
          window.__waiting.push({
            considered: q("considered")?.textContent ?? null,
            json: q("export-json")?.disabled ?? null,
            verdict: q("verdict-export")?.disabled ?? null,
            packageWait: !!q("package-wait"),
            packageCount: !!q("package-count"),
            packageRows: document.querySelectorAll('[data-testid="package-row"]').length,
            trendWait: !!q("trend-wait"),
            trendEmpty: !!q("trend-empty"),
          });
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.reload();
    await allSettled(page, 1);
    await waitSaved(page);
    await assertFigures(page, want);
    await page.waitForSelector(tid("package-count"), { state: "attached", timeout: 15_000 });

    const seen = await page.evaluate(() => window.__waiting);
    assert.ok(seen.length > 0, "the kept figures were on screen while the file was read again");
    for (const w of seen) {
      if (w.considered !== null) assert.equal(int(w.considered), want.considered, "the kept figures");
      assert.equal(w.json, true, "the JSON download waits");
      assert.notEqual(w.verdict, false, "the verdict's download waits");
      assert.equal(w.packageCount, false, "no package count of part of the file");
      assert.equal(w.packageRows, 0, "no package rows of part of the file");
      assert.equal(w.trendEmpty, false, "no 'no dated packages' while the file is read");
    }
    assert.ok(seen.some((w) => w.packageWait && w.trendWait), "the list and the trend say they wait");

    // Then everything is of the whole file again.
    assert.equal(await page.locator(tid("exports-wait")).count(), 0);
    assert.equal(await page.locator(tid("package-wait")).count(), 0);
    assert.equal(await page.locator(tid("trend-wait")).count(), 0);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="package-count"]')?.textContent.replace(/\D/g, "") === String(n),
      count,
      { timeout: 15_000 },
    );
    assert.equal(await page.locator(tid("export-json")).isDisabled(), false);
    const json = await download(page, "export-json");
    assert.deepEqual(JSON.parse(json.body), want);
    await context.close();
  });

  test("a chosen encoding comes back with the file: the same numbers after a reload, read once", T, async () => {
    const profileDir = tempDir("vtr-profile-");
    const jp = fixture("encodings/jp-confirmation-shift-jis.txt");
    const want = vtrJson([jp], ["--as-of", AS_OF, "--encoding", "windows-1252"]);
    assert.notEqual(want.invalid.unsupported_carrier, vtrJson([jp], ["--as-of", AS_OF]).invalid.unsupported_carrier, "the encoding matters");
    // The carriers decoded wrongly or rightly: the one count that differs.
    const unsupported = (page) =>
      page.waitForFunction(
        (n) => document.querySelector('[data-testid="invalid-unsupported_carrier"]')?.textContent.replace(/\D/g, "") === String(n),
        want.invalid.unsupported_carrier,
        { timeout: 30_000 },
      );
    const context = await profile(profileDir);
    const { page, log } = await open(context);
    await addFiles(page, [jp]);
    await page.locator(tid("file-encoding-select")).selectOption({ label: "Windows-1252" });
    await assertFigures(page, want);
    await unsupported(page);
    await waitSaved(page);
    await page.reload();
    await allSettled(page, 1);
    await assertFigures(page, want);
    await unsupported(page);
    assert.equal(await page.locator(tid("file-encoding")).textContent(), "Windows-1252");
    assert.equal(await page.locator(tid("file-encoding-how")).textContent(), "(chosen)");
    assert.equal(await page.locator(tid("file-row")).getAttribute("data-reads"), "1", "read once, in the kept encoding");
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test("\"Forget this file\" and \"Forget everything\" leave IndexedDB and localStorage empty", T, async () => {
    const profileDir = tempDir("vtr-profile-");
    const context = await profile(profileDir);
    const { page, log } = await open(context);
    const a = "shipstation-export.csv";
    const b = "amazon-vtr-report.txt";
    await addFiles(page, [fixture(a), fixture(b)]);
    await waitSaved(page);
    assert.equal(await page.locator(tid("saved-file")).count(), 2);
    assert.equal((await listStorage(page)).databases["vtr-check"].files.length, 2);

    // Forget one: it leaves the check and the device; the other stays.
    await page.locator(tid("saved-file")).filter({ hasText: a }).locator(tid("saved-forget-file")).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="saved-file"]').length === 1);
    await waitSaved(page);
    assert.equal((await listStorage(page)).databases["vtr-check"].files.length, 1);
    await page.reload();
    await allSettled(page, 1);
    assert.equal(await page.locator(tid("file-name")).textContent(), b);
    await assertFigures(page, vtrJson([fixture(b)], ["--as-of", AS_OF]));
    await waitSaved(page);

    // Forget everything, once confirmed.
    const stored = await listStorage(page);
    assert.ok(stored.local.length > 0, `settings are kept: ${stored.local}`);
    await openSetup(page);
    await page.click(tid("saved-forget-all"));
    await page.click(tid("saved-forget-all-confirm"));
    await waitSaved(page, "forgotten");
    assert.deepEqual(await listStorage(page), { databases: {}, local: [] }, "nothing of the page is left");
    assert.equal(await page.locator(tid("file-row")).count(), 0);
    assert.equal(await page.locator(tid("history-row")).count(), 0);
    // Nor after a reload: the page creates nothing until there is something to keep.
    await page.reload();
    await page.waitForSelector(tid("drop-zone"));
    await page.waitForTimeout(500);
    assert.equal(await page.locator(tid("file-row")).count(), 0);
    assert.deepEqual(await listStorage(page), { databases: {}, local: [] });
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test("two tabs: the check kept is the one last changed, whole; the other tab says so and can keep its own instead", T, async () => {
    const profileDir = tempDir("vtr-profile-");
    const context = await profile(profileDir);
    const a = fixture("shipstation-export.csv");
    const b = fixture("amazon-vtr-report.txt");
    const c = fixture("amazon-ship-confirmation.txt");
    // The kept record's file keys, and the keys in the files store.
    const stored = async (page) => {
      const { databases } = await listStorage(page);
      const record = await page.evaluate(async () => {
        const db = await new Promise((ok, fail) => {
          const r = indexedDB.open("vtr-check");
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const text = await new Promise((ok) => {
          const r = db.transaction("check").objectStore("check").get("last/v1");
          r.onsuccess = () => ok(r.result);
        });
        db.close();
        return JSON.parse(text);
      });
      return { named: record.files.map((f) => f.name).sort(), keys: record.files.map((f) => f.key).sort(), files: [...databases["vtr-check"].files].sort() };
    };
    const names = (paths) => paths.map((p) => p.split("/").pop()).sort();

    const { page: one, log } = await open(context);
    await addFiles(one, [a]);
    await waitSaved(one);

    // A second tab brings the same check back and keeps it as it is.
    const two = await context.newPage();
    two.on("pageerror", (e) => log.errors.push(e.message));
    await two.goto(server.base);
    await allSettled(two, 1);
    await waitSaved(two);
    await assertFigures(two, vtrJson([a], ["--as-of", AS_OF]));

    // The seller adds a file in the first tab: its check is kept, and the
    // second tab says its own is not.
    await addFiles(one, [b], 2);
    await waitSaved(one);
    await waitSaved(two, "elsewhere");
    assert.equal(await two.locator(tid("setup-kept")).getAttribute("data-state"), "elsewhere");
    let kept = await stored(one);
    assert.deepEqual(kept.named, names([a, b]));
    assert.deepEqual(kept.files, kept.keys, "the files store holds exactly the files the record names");

    // Nothing the second tab does on its own writes over it.
    await two.waitForTimeout(500);
    assert.deepEqual((await stored(two)).named, names([a, b]));

    // The seller adds a file in the second tab: now that check is kept,
    // whole, and none of the first tab's files is left behind.
    await addFiles(two, [c], 2);
    await waitSaved(two);
    await waitSaved(one, "elsewhere");
    kept = await stored(two);
    assert.deepEqual(kept.named, names([a, c]));
    assert.deepEqual(kept.files, kept.keys);

    // "Keep this tab's check instead" in the first tab.
    await openSetup(one);
    await one.click(tid("saved-keep-this"));
    await waitSaved(one);
    await waitSaved(two, "elsewhere");
    kept = await stored(one);
    assert.deepEqual(kept.named, names([a, b]));
    assert.deepEqual(kept.files, kept.keys);

    // A new tab finds that check, every file of it, with its numbers.
    const three = await context.newPage();
    three.on("pageerror", (e) => log.errors.push(e.message));
    await three.goto(server.base);
    await allSettled(three, 2);
    await assertFigures(three, vtrJson([a, b], ["--as-of", AS_OF]));
    assert.deepEqual(
      (await three.locator(tid("file-name")).allTextContents()).sort(),
      names([a, b]),
    );
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test("blocked storage: the check works, is not kept, and the page says so in both languages", T, async () => {
    const s = await openPage(browser);
    await s.page.addInitScript(() => {
      const denied = () => {
        throw new DOMException("The user denied permission to access the database.", "SecurityError");
      };
      Object.defineProperty(IDBFactory.prototype, "open", { value: denied });
      Object.defineProperty(window, "localStorage", { get: denied });
    });
    await s.page.goto(server.base);
    await s.page.waitForSelector(tid("drop-zone"));
    const file = "amazon-ship-confirmation.txt";
    await addFiles(s.page, [fixture(file)]);
    await assertFigures(s.page, vtrJson([fixture(file)], ["--as-of", AS_OF]));
    await waitSaved(s.page, "unavailable");
    assert.equal(
      (await s.page.locator(tid("saved-status")).textContent()).trim(),
      "This browser does not let the page keep files (a private window, or site data blocked in its settings), so this check will be gone after a reload. Checking works as usual.",
    );
    // Settings cannot be kept either, and the page says that too.
    assert.equal(
      (await s.page.locator(tid("storage-notice")).first().textContent()).trim(),
      "ⓘThis browser does not let the page save anything; settings won't be remembered.Dismiss",
    );
    await s.page.click(tid("lang-zh"));
    assert.equal(
      (await s.page.locator(tid("saved-status")).textContent()).trim(),
      "本浏览器不允许页面保存文件（可能是无痕窗口，或在设置中禁止了网站数据），刷新页面后本次检查将不再保留。检查功能照常可用。",
    );
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("full storage: the check works, is not kept, and the page says so", T, async () => {
    const s = await openPage(browser);
    await s.page.addInitScript(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await s.page.goto(server.base);
    await s.page.waitForSelector(tid("drop-zone"));
    const file = "excel-unicode-text.txt";
    await addFiles(s.page, [fixture(file)]);
    await assertFigures(s.page, vtrJson([fixture(file)], ["--as-of", AS_OF]));
    await waitSaved(s.page, "full");
    assert.equal(
      (await s.page.locator(tid("saved-status")).textContent()).trim(),
      "There is not enough free space in this browser's storage to keep these files, so this check will be gone after a reload. Checking works as usual.",
    );
    await s.page.click(tid("lang-zh"));
    assert.equal(
      (await s.page.locator(tid("saved-status")).textContent()).trim(),
      "本浏览器的存储空间不足，无法保存这些文件，刷新页面后本次检查将不再保留。检查功能照常可用。",
    );
    // Nothing half-kept: after a reload the page is empty.
    const stored = await listStorage(s.page);
    assert.deepEqual(stored.databases["vtr-check"] ?? { files: [], check: [] }, { files: [], check: [] });
    await s.page.reload();
    await s.page.waitForSelector(tid("drop-zone"));
    await s.page.waitForTimeout(500);
    assert.equal(await s.page.locator(tid("file-row")).count(), 0);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("a quota the browser really enforces: the files do not fit, the page says so and keeps nothing", T, async () => {
    const s = await openPage(browser);
    const cdp = await s.context.newCDPSession(s.page);
    await s.page.goto(server.base);
    await s.page.waitForSelector(tid("drop-zone"));
    // Room for what the page has stored (its own files, for offline use)
    // and half a megabyte more: not for a 2 MB shipment file.
    const usage = await s.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return (await navigator.storage.estimate()).usage;
    });
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url, quotaSize: usage + 512 * 1024 });
    const dir = tempDir("vtr-quota-");
    const big = join(dir, "two-megabytes.csv");
    const rows = ["order-id,tracking-number,carrier-code"];
    for (let i = 0; rows.join("\n").length < 2 * 1024 * 1024; i++) {
      for (let j = 0; j < 1000; j++, i++) rows.push(`111-${String(1000000 + i).padStart(7, "0")}-${String(i).padStart(7, "0")},TNT${String(i).padStart(9, "0")},TNT`);
    }
    writeFileSync(big, rows.join("\n") + "\n");
    await addFiles(s.page, [big]);
    await assertFigures(s.page, vtrJson([big], ["--as-of", AS_OF]));
    await waitSaved(s.page, "full");
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("the carrier editor changes the numbers exactly, and its edits are kept", T, async () => {
    const dir = tempDir("vtr-carriers-");
    const csv = (rows) => ["order-id,tracking-number,carrier-code,carrier-name,ship-method", ...rows].join("\n") + "\n";
    let n = 0;
    const row = (tracking, carrier, name = "", method = "Standard") => `111-1000000-${String(++n).padStart(7, "0")},${tracking},${carrier},${name},${method}`;
    // No date column, so every package counts (the window is off).
    // 3 of an unknown carrier, 2 of a misspelt one, 2 freight with a
    // non-integrated carrier (excluded), 2 "Other" naming a listed
    // carrier, 3 of TNT (no formats: any 8-40 letters and digits).
    const rows = [
      row("PONY00000001", "Pony Express"),
      row("PONY00000002", "Pony Express"),
      row("PONY00000003", "Pony Express"),
      row("NGX123456781", "Newgistix"),
      row("NGX123456782", "Newgistix"),
      row("ESTES0000001", "Estes", "", "Freight LTL"),
      row("ESTES0000002", "Estes", "", "Freight LTL"),
      row("TNT111111111", "Other", "TNT"),
      row("TNT111111112", "Other", "TNT"),
      row("TNT987654321", "TNT"),
      row("TNT987654322", "TNT"),
      row("TNT987654323", "TNT"),
    ];
    const file = join(dir, "carriers.csv");
    writeFileSync(file, csv(rows));
    /** `vtr check` of the file with `edit` made to its text instead. */
    const equivalent = (name, edit) => {
      const p = join(dir, name);
      writeFileSync(p, csv(rows.map(edit)));
      return vtrJson([p], ["--as-of", AS_OF]);
    };
    const steps = [
      // [what the page does, what it equals as text, considered, valid]
      [null, (r) => r, 10, 3],
      [
        async (page) => {
          await page.fill(tid("carrier-new-name"), "Pony Express");
          await page.click(tid("carrier-add"));
        },
        (r) => r.replace("Pony Express", "First Mile"),
        10,
        6,
      ],
      [
        async (page) => {
          await page.fill(tid("carrier-alias-text"), "Newgistix");
          await page.selectOption(tid("carrier-alias-target"), "Newgistics");
          await page.click(tid("carrier-alias-add"));
        },
        (r) => r.replace("Pony Express", "First Mile").replace("Newgistix", "Newgistics"),
        10,
        8,
      ],
      [
        async (page) => {
          await page.selectOption(tid("carrier-flag-target"), "Estes");
          await page.check(tid("carrier-flag-integrated"));
        },
        (r) => r.replace("Pony Express", "First Mile").replace("Newgistix", "Newgistics").replace("Estes", "Newgistics"),
        12,
        10,
      ],
      [
        async (page) => {
          await page.selectOption(tid("carrier-flag-target"), "TNT");
          await page.uncheck(tid("carrier-flag-listed"));
        },
        (r) => r.replace("Pony Express", "First Mile").replace("Newgistix", "Newgistics").replace("Estes", "Newgistics").replace("Other,TNT", "TNT,"),
        12,
        12,
      ],
    ];
    const profileDir = tempDir("vtr-profile-");
    let context = await profile(profileDir);
    let { page, log } = await open(context);
    await addFiles(page, [file]);
    await openSetup(page);
    await page.click(`${tid("carrier-editor")} summary`);
    const unknown = await page.locator(tid("carrier-unknown")).textContent();
    assert.ok(unknown.includes("Pony Express") && unknown.includes("Newgistix"), unknown);
    let want;
    for (const [i, [act, edit, considered, valid]] of steps.entries()) {
      if (act) await act(page);
      want = equivalent(`step-${i}.csv`, edit);
      assert.equal(want.considered, considered, `step ${i}: considered`);
      assert.equal(want.valid, valid, `step ${i}: valid`);
      await assertFigures(page, want);
      assert.equal((await page.locator(tid("vtr")).first().textContent()).trim(), percent(valid, considered));
    }
    assert.equal(await page.locator(tid("carrier-edit")).count(), 4);
    // Kept: after the browser is closed, the edits and the numbers are back.
    await waitSaved(page);
    await context.close();
    context = await profile(profileDir);
    ({ page, log } = await open(context));
    await allSettled(page, 1);
    await assertFigures(page, want);
    await openSetup(page);
    await page.click(`${tid("carrier-editor")} summary`);
    assert.equal(await page.locator(tid("carrier-edit")).count(), 4);
    // Undo every change: the first numbers again.
    await page.click(tid("carrier-edits-reset"));
    await assertFigures(page, equivalent("undone.csv", (r) => r));
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test("each check is remembered with its settings and figures; a past one opens beside the current one", T, async () => {
    const s = await openPage(browser);
    const { page } = s;
    await page.goto(server.base);
    await page.waitForSelector(tid("drop-zone"));
    const file = "shipstation-export.csv";
    const first = vtrJson([fixture(file)], ["--as-of", AS_OF]);
    await addFiles(page, [fixture(file)]);
    await assertFigures(page, first);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 1, null, { timeout: 10_000 });
    const later = "2026-12-05";
    const second = vtrJson([fixture(file)], ["--as-of", later]);
    await page.locator(tid("set-as-of")).fill(later);
    await page.locator(tid("set-as-of")).press("Tab");
    await assertFigures(page, second);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-row"]').length === 2, null, { timeout: 10_000 });

    // The chart: the overall VTR of each check, oldest first.
    const points = await page.locator(`${tid("history-chart")} ${tid("history-point")}`).evaluateAll((els) => els.map((e) => e.dataset.vtr));
    assert.deepEqual(points, [percent(first.valid, first.considered), percent(second.valid, second.considered)]);

    // Open the older check: its figures, read only, beside the current ones.
    await page.locator(tid("history-open")).nth(1).click();
    const cmp = page.locator(tid("history-compare"));
    const cell = (row, side) => cmp.locator(`${tid(`compare-${row}`)} ${tid(`compare-${side}`)}`).textContent();
    assert.equal(await cell("vtr", "then"), percent(first.valid, first.considered));
    assert.equal(await cell("vtr", "now"), percent(second.valid, second.considered));
    assert.equal(await cell("valid", "then"), `${first.valid} / ${first.considered}`);
    assert.equal(await cell("valid", "now"), `${second.valid} / ${second.considered}`);
    assert.equal(await cell("fixes", "then"), String(first.fixes_needed));
    assert.equal(await cell("as-of", "then"), "Nov 25, 2026");
    assert.equal(await cell("as-of", "now"), "Dec 5, 2026");
    assert.equal(await cell("window", "then"), "30 days, 14 days lag");
    assert.equal(await cell("threshold", "then"), "95.00%");
    for (const c of first.categories) {
      const then = cmp.locator(`${tid(`compare-category-${c.category}`)} ${tid("compare-then")}`);
      assert.equal(await then.textContent(), `${percent(c.valid, c.considered)} (${c.valid} / ${c.considered})`);
    }
    for (const c of second.categories) {
      const now = cmp.locator(`${tid(`compare-category-${c.category}`)} ${tid("compare-now")}`);
      assert.equal(await now.textContent(), `${percent(c.valid, c.considered)} (${c.valid} / ${c.considered})`);
    }
    // Read only: no input in it; closing it leaves the current result as it was.
    assert.equal(await cmp.locator("input, select").count(), 0);
    await page.click(tid("history-compare-close"));
    assert.equal(await page.locator(tid("history-compare")).count(), 0);
    await assertFigures(page, second);
    assert.deepEqual(s.errors, []);
    await s.close();
  });
});
