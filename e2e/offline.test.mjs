// End-to-end: the release build served from a path below the host's root;
// after one visit, the same page with the network off (its service worker,
// sw.js, serves every file from its cache); and a new build offered as
// "new version: reload", taken only when the seller presses Reload.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage, workerLoaded } from "./browser.mjs";
import { DIST, startServer } from "./server.mjs";
import { ROOT, vtr, vtrJson } from "./engine.mjs";
import { AS_OF, addFiles, assertFigures, download, fixture, openSetup, startEmpty, tid } from "./figures.mjs";

const T = { timeout: 120_000 };
const expected = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));
let browser;
let big;
const servers = [];
const dirs = [];

/** Every request went to `server` (or to the page's own blob: URLs). */
function assertOwnOrigin(s, server) {
  const elsewhere = s.requests.filter((u) => !u.startsWith(server.url + "/") && !u.startsWith("blob:"));
  assert.deepEqual(elsewhere, [], "no request to any other origin");
}

async function serve(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

/** Opens `url` and waits for the app; then until its service worker is active. */
async function openApp(url) {
  const s = await openPage(browser);
  await s.page.goto(url);
  await s.page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
  return s;
}

/** Resolves once the page's service worker is active (its cache full). */
function swActivated(page) {
  // waitForFunction takes a returned Promise for a truthy value: wait in the page.
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        setTimeout(() => fail(new Error("no active service worker after 30 s")), 30_000);
        navigator.serviceWorker.ready.then(({ active }) => {
          if (active.state === "activated") ok();
          active.addEventListener("statechange", () => active.state === "activated" && ok());
        });
      }),
  );
}

describe("any path and offline", () => {
  before(async () => {
    // About 37 MB: read in parts by helper workers (24 MiB past the first piece).
    const dir = mkdtempSync(join(tmpdir(), "vtr-offline-"));
    dirs.push(dir);
    big = join(dir, "big.tsv");
    vtr(["sample", "--kind", "confirmation", "--rows", "400000", "--seed", "8", "--end", "2026-11-20", "-o", big], { stdio: "inherit" });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("served under /some/sub/path/: the page, its worker and the sample come from there, and the numbers are vtr check's", T, async () => {
    const server = await serve({ prefix: "/some/sub/path/" });
    // Without the slash, as a seller may type it: the host adds it.
    const s = await openApp(server.base.replace(/\/$/, ""));
    const { page } = s;
    assert.equal(page.url(), server.base);
    const file = "amazon-vtr-report.txt";
    await addFiles(page, [fixture(file)]);
    await assertFigures(page, vtrJson([fixture(file)], ["--as-of", AS_OF]));
    // The sample replaces the seller's file, once asked.
    await openSetup(page);
    await page.click(tid("sample-button"));
    await page.click(tid("sample-replace"));
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('[data-testid="file-row"][data-state="read"] [data-testid="file-name"]')].map((e) => e.textContent).join() === name,
      expected.sample.name,
    );
    const sample = page.locator(tid("file-row"));
    assert.equal(await sample.locator(tid("file-name")).textContent(), expected.sample.name);
    assert.equal(await sample.locator(tid("file-rows")).textContent(), String(expected.sample.rows));
    await swActivated(page);
    // Installable: the manifest is read without errors, and Chromium's only
    // objection is the test's private (incognito) window.
    const cdp = await s.context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.equal(manifest.url, `${server.base}manifest.webmanifest`);
    assert.deepEqual(manifest.errors, []);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors.map((e) => e.errorId), ["in-incognito"]);
    const paths = server.served.map((u) => new URL(u, server.url).pathname);
    for (const want of ["index.html", "boot.js", "worker.js", "vtr-worker_bg.wasm", "sample-shipments.csv", "sw.js"]) {
      assert.ok(paths.some((p) => p === `/some/sub/path/${want}`), `${want} fetched under the prefix: ${paths.join(" ")}`);
    }
    assert.deepEqual(paths.filter((p) => p !== "/some/sub/path" && !p.startsWith("/some/sub/path/")), [], "nothing asked for outside the prefix");
    assertOwnOrigin(s, server);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("after one visit it opens and checks a file with the network off; nothing reaches the server", T, async () => {
    const server = await serve({ prefix: "/vtr-check/" });
    const s = await openApp(server.base);
    const { context, page } = s;
    await swActivated(page);
    await context.setOffline(true);
    const servedBefore = server.served.length;
    const seen = [];
    context.on("request", (req) => seen.push(req));
    const loaded = workerLoaded(context);
    await page.reload();
    await page.waitForSelector(tid("drop-zone"), { timeout: 15_000 });
    await loaded;
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the page is served by its service worker");
    // Every file of the page came from the service worker, none from the network.
    const opened = seen.splice(0);
    assert.ok(opened.some((r) => r.url() === server.base), "the page itself was asked for");
    for (const req of opened) {
      if (req.serviceWorker()) continue; // the browser's own update check of sw.js, offline
      const response = await req.response();
      assert.ok(response?.fromServiceWorker(), `${req.url()} answered by the service worker`);
    }

    // Analysing and exporting ask for nothing at all, not even the cache.
    const file = "shipstation-export.csv";
    await addFiles(page, [fixture(file)]);
    const want = vtrJson([fixture(file)], ["--as-of", AS_OF]);
    await assertFigures(page, want);
    const json = await download(page, "export-json");
    assert.deepEqual(JSON.parse(json.body), want);
    const invalid = await download(page, "export-invalid");
    assert.match(invalid.body, /^\uFEFF?Order ID,Tracking number,Carrier,/);
    const during = seen.splice(0).map((r) => r.url());
    assert.deepEqual(during.filter((u) => !u.startsWith("blob:")), [], "no request while analysing and exporting");
    assert.deepEqual(server.served.slice(servedBefore), [], "nothing reached the server while offline");

    // A large file, offline: the helper workers that read its parts are
    // started from the service worker's files, and know they are helpers.
    const workers = [];
    page.on("worker", (w) => workers.push(w.url()));
    await openSetup(page);
    await page.locator(tid("files-clear")).click();
    await addFiles(page, [big]);
    await assertFigures(page, vtrJson([big], ["--as-of", AS_OF]));
    assert.ok(workers.some((u) => u === `${server.base}worker.js?role=helper`), `helpers ran: ${workers}`);
    for (const req of seen.splice(0)) {
      if (req.url().startsWith("blob:")) continue;
      assert.ok((await req.response())?.fromServiceWorker(), `${req.url()} answered by the service worker`);
    }
    // Starting the helpers makes the browser look for a new sw.js, from its
    // own process, which Playwright's offline switch does not cover (with
    // the network really off, that check just fails). Nothing else may.
    const reached = server.served.slice(servedBefore).filter((u) => u !== "/vtr-check/sw.js");
    assert.deepEqual(reached, [], "nothing but the browser's own sw.js check reached the server while offline");
    assertOwnOrigin(s, server);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test("a new build: the old page stays whole, a notice offers Reload, then every file is new and the old cache gone", T, async () => {
    // A copy of dist/ to make a second build of: index.html marked, and
    // sw.js made again from it, as a new build would.
    const dir = mkdtempSync(join(tmpdir(), "vtr-update-"));
    dirs.push(dir);
    cpSync(DIST, dir, { recursive: true });
    const server = await serve({ root: dir, prefix: "/app/" });
    const s = await openApp(server.base);
    const { context, page } = s;
    await swActivated(page);
    const version = (p = page) => p.evaluate(() => document.querySelector('meta[name="vtr-test-build"]')?.content ?? "first");
    const cacheNames = () => page.evaluate(() => caches.keys());
    assert.equal((await cacheNames()).length, 1);
    // Two more tabs of the first build: one empty, one holding a file.
    const openTab = async () => {
      const tab = await context.newPage();
      await tab.goto(server.base);
      await tab.waitForSelector(tid("drop-zone"), { state: "attached" });
      return tab;
    };
    const empty = await openTab();
    const busy = await openTab();
    await busy.click(tid("sample-button"));
    await busy.waitForSelector('[data-testid="file-row"][data-state="read"]', { state: "attached" });

    const index = join(dir, "index.html");
    writeFileSync(index, readFileSync(index, "utf8").replace("<head>", '<head><meta name="vtr-test-build" content="second">'));
    execFileSync("bash", [join(ROOT, "scripts", "precache.sh"), dir], { stdio: "ignore" });
    const [, second] = readFileSync(join(dir, "sw.js"), "utf8").match(/^const VERSION = "([0-9a-f]+)";/m);

    // Opened again, the page is still all the first build, and says a new one is ready.
    await page.reload();
    await page.waitForSelector(tid("drop-zone"), { state: "attached" });
    await page.waitForSelector(tid("update-notice"), { timeout: 30_000 });
    assert.equal(await version(), "first");
    assert.equal((await page.locator(tid("update-notice")).textContent()).trim(), "A new version of vtr-check is ready.Reload");
    assert.equal((await cacheNames()).length, 2, "the new build has its own cache beside the old one");
    await busy.waitForSelector(tid("update-notice"), { timeout: 30_000 });
    // It still works as the first build, with vtr check's numbers. (Opened
    // again, it brought back the check kept in this browser, the busy
    // tab's sample: start from no file.)
    const file = "excel-unicode-text.txt";
    await startEmpty(page);
    await addFiles(page, [fixture(file)]);
    await assertFigures(page, vtrJson([fixture(file)], ["--as-of", AS_OF]));

    // Reload: the new build, whole, and only its cache.
    const emptyReloaded = empty.waitForEvent("load");
    await Promise.all([page.waitForEvent("load"), page.click(tid("update-reload"))]);
    // Attached: the kept check comes back with the files folded away.
    await page.waitForSelector(tid("drop-zone"), { state: "attached" });
    assert.equal(await version(), "second");
    assert.equal(await page.locator(tid("update-notice")).count(), 0);
    for (let i = 0; (await cacheNames()).length !== 1; i++) {
      assert.ok(i < 100, `the old cache is deleted: ${await cacheNames()}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.ok((await cacheNames())[0].endsWith(` ${second}`), "the cache left is the new build's");
    await startEmpty(page);
    await addFiles(page, [fixture(file)]);
    await assertFigures(page, vtrJson([fixture(file)], ["--as-of", AS_OF]));

    // The empty tab had nothing to lose: it reloaded into the new build by
    // itself. The busy one keeps its file and says a new version is ready
    // until its own Reload is pressed.
    await emptyReloaded;
    await empty.waitForSelector(tid("drop-zone"), { state: "attached" });
    assert.equal(await version(empty), "second");
    assert.equal(await version(busy), "first");
    assert.equal(await busy.locator(tid("file-row")).count(), 1);
    await Promise.all([busy.waitForEvent("load"), busy.click(tid("update-reload"))]);
    await busy.waitForSelector(tid("drop-zone"), { state: "attached" });
    assert.equal(await version(busy), "second");

    assertOwnOrigin(s, server);
    assert.deepEqual(await s.cspViolations(), []);
    assert.deepEqual(s.errors, []);
    await s.close();
  });
});
