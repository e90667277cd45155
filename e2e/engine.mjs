// The engine's own answer for a file: `vtr check --json`, so the page can be
// held to exactly the numbers the command line prints.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

// The e2e layer (scripts/test.sh, make test-e2e) builds the CLI before the
// tests start, so every call runs the binary directly: a `cargo run` per
// call would wait on the target folder's lock while another test file's
// cargo holds it, long enough to time a page test out.
const VTR = join(ROOT, "target", "debug", "vtr");

/** Runs `vtr ARGS` (the built binary, else `cargo run`) and returns stdout. */
export function vtr(args, options = {}) {
  const opts = { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options };
  if (existsSync(VTR)) return execFileSync(VTR, args, opts);
  return execFileSync("cargo", ["run", "--quiet", "-p", "vtr-cli", "--", ...args], opts);
}

/** Runs `vtr check FILES... ARGS --json` and parses the section-8 object. */
export function vtrJson(files, args = []) {
  return JSON.parse(vtr(["check", ...files, ...args, "--json"]));
}

/** valid / considered as the page and `vtr` print it: two decimals, rounded
 * half up in integers, never 100.00% below 100%, "-" for nothing. */
export function percent(valid, considered) {
  if (considered === 0) return "-";
  const v = BigInt(valid);
  const c = BigInt(considered);
  let bp = (v * 20000n + c) / (2n * c);
  if (bp === 10000n && v < c) bp = 9999n;
  const n = Number(bp);
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}%`;
}

/** "1,234" -> 1234. */
export function int(text) {
  const t = (text ?? "").replace(/[,\s]/g, "");
  if (!/^\d+$/.test(t)) throw new Error(`not an integer: ${JSON.stringify(text)}`);
  return Number(t);
}

const MONTHS = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

/** "Oct 13, 2026" or "2026年10月13日" -> "2026-10-13". */
export function isoDate(text) {
  const t = (text ?? "").trim();
  let m = t.match(/([A-Z][a-z]{2}) (\d{1,2}), (\d{4})/);
  if (m) return `${m[3]}-${String(MONTHS[m[1]]).padStart(2, "0")}-${m[2].padStart(2, "0")}`;
  m = t.match(/(\d{4})年(\d{1,2})月(\d{1,2})日/);
  if (m) return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  throw new Error(`not a date: ${JSON.stringify(text)}`);
}
