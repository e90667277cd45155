import { launch, openPage } from "./browser.mjs";
import { startServer } from "./server.mjs";
const server = await startServer();
const browser = await launch();
const s = await openPage(browser);
const { page } = s;
await page.addInitScript(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask", buffered: true }); });
await page.goto(server.url + "/");
await page.waitForSelector("[data-testid=drop-zone]");
const n = Number(process.argv[2] ?? 1000);
const files = [];
for (let i = 0; i < n; i++) {
  const body = `order-id\ttracking-number\tcarrier-code\tship-date\n111-${String(i).padStart(7, "0")}-0000001\t1Z999AA1${String(i).padStart(8, "0")}\tUPS\t2026-11-05\n111-${String(i).padStart(7, "0")}-0000002\t1Z999AB1${String(i).padStart(8, "0")}\tUPS\t2026-11-06\n`;
  files.push({ name: `f${i}.tsv`, mimeType: "text/tab-separated-values", buffer: Buffer.from(body) });
}
// Made in the page first: setInputFiles decodes the bytes in the page's own
// task (about 340 ms for 1,000 files), which a seller's drop does not have.
await page.evaluate((fs) => { window.__files = fs.map((f) => new File([f.text], f.name, { type: f.type })); }, files.map((f) => ({ name: f.name, type: f.mimeType, text: f.buffer.toString() })));
await page.evaluate(() => { window.__long = []; });
const t0 = Date.now();
await page.evaluate(() => {
  const input = document.querySelector("[data-testid=file-input]");
  const dt = new DataTransfer();
  for (const f of window.__files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
});
await page.waitForFunction((n) => { const m = document.querySelector("[data-testid=files-many]"); const r = m ? Number(m.dataset.read) : document.querySelectorAll(`[data-testid="file-row"][data-state="read"]`).length; return r === n; }, n, { timeout: 120000, polling: 200 });
await page.waitForFunction((n) => document.querySelector('[data-testid=packages-total]')?.textContent.replace(/\D/g, "") === String(2 * n), n, { timeout: 60000 });
console.log("files", n, "time", Date.now() - t0, "ms; longest task", Math.max(0, ...(await page.evaluate(() => window.__long))));
await browser.close(); await server.close();
