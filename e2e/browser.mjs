// Launches Debian's Chromium through playwright-core (which never downloads a
// browser) with the flags these machines need, and records every request so
// the tests can prove the page talks to no other host.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const FLAGS = [
  "--no-sandbox", // we run as root in CI
  "--headless=new",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Playwright gives every launch a fresh temporary --user-data-dir. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  });
}

/**
 * A browser on a profile of its own in `dir` (`--user-data-dir`), kept when
 * it closes: what the page stored is there when it is launched again on
 * the same `dir`, as for a seller who closes the browser and comes back.
 */
export function launchProfile(dir, { width = 1280, height = 900 } = {}) {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
    viewport: { width, height },
  });
}

/**
 * A fresh context (empty storage) and page, with everything it logs collected:
 * `requests` (URLs), `errors` (console errors and uncaught exceptions), and
 * `cspViolations`, read back with `cspViolations()`.
 */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on("request", (req) => requests.push(req.url()));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  // Runs before the page's own scripts; the CSP does not apply to it.
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return {
    context,
    page,
    requests,
    errors,
    cspViolations: () => page.evaluate(() => window.__csp),
    close: () => context.close(),
  };
}

/** Resolves once the engine worker has its wasm (no request is due after it). */
export function workerLoaded(context) {
  return new Promise((ok) => {
    const on = (req) => {
      if (req.url().endsWith("/vtr-worker_bg.wasm")) {
        context.off("requestfinished", on);
        ok();
      }
    };
    context.on("requestfinished", on);
  });
}
