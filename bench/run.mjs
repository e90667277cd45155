// The benchmark behind `make bench`. It prints figures; it never fails on a
// slow number. Exit status: 0 when every measurement was taken (met or not),
// 1 when a measurement could not be taken (a timeout, a page error), 2 when a
// prerequisite is missing (release CLI, dist/, bench/node_modules).
//
//   node bench/run.mjs        (after `npm ci` in bench/, a release build of
//                              the CLI and of dist/; see bench/README.md)
//
// 1. Generates shipment files with `vtr sample` in a temporary directory.
// 2. Native: `vtr check FILE --as-of 2026-11-25 --json`, best of 3, with
//    --threads 1 and --threads N: wall time, peak RSS, MB/s, rows/s.
// 3. Browser: dist/ in Debian's Chromium (the e2e tests' server and launch
//    flags): time to result, longest main-thread task, memory growth of the
//    browser's process tree, the page's numbers against `vtr check --json`.
// 4. PapaParse 5 in the same browser on the same files, as a baseline.
// 5. Responsiveness: settings edits at ~600,000 packages, a small file after
//    a big one, 1,000 small files at once.
// 6. A markdown table on stdout, bench/results.md and bench/results.json.
import { register } from "node:module";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = resolve(fileURLToPath(new URL(".", import.meta.url)));
const ROOT = resolve(BENCH, "..");
const DIST = join(ROOT, "dist");

// e2e/browser.mjs imports "playwright-core"; resolve that name from bench/'s
// own node_modules, so the benchmark needs only `npm ci` in bench/ and still
// launches Chromium exactly the way the end-to-end tests do.
register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "playwright-core" || specifier.startsWith("playwright-core/")) {
          return next(specifier, { ...context, parentURL: ${JSON.stringify(import.meta.url)} });
        }
        return next(specifier, context);
      }`),
);

// ---------------------------------------------------------------- settings

const env = process.env;
const num = (name, dflt) => {
  const v = env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`bench: ${name}=${v} is not a number`);
    process.exit(2);
  }
  return n;
};
const CFG = {
  narrowRows: num("BENCH_NARROW_ROWS", 1_000_000),
  wideRows: num("BENCH_WIDE_ROWS", 250_000),
  big: env.BENCH_BIG === "1",
  bigRows: num("BENCH_BIG_ROWS", 6_000_000),
  runs: Math.max(1, num("BENCH_RUNS", 3)),
  pageRuns: Math.max(1, num("BENCH_PAGE_RUNS", 3)),
  smallFiles: num("BENCH_SMALL_FILES", 1000),
  bookRows: num("BENCH_BOOK_ROWS", 100_000),
  threads: num("BENCH_THREADS", os.availableParallelism()),
  timeoutMs: num("BENCH_TIMEOUT_MS", 180_000),
  manyTimeoutMs: num("BENCH_MANY_TIMEOUT_MS", 60_000),
  sampleMs: 100,
  pssEvery: Math.max(1, num("BENCH_PSS_EVERY", 5)),
  asOf: "2026-11-25",
  end: "2026-11-20",
  vtr: env.VTR ?? join(ROOT, "target/release/vtr"),
  keep: env.BENCH_KEEP === "1",
  dir: env.BENCH_DIR,
};
// Targets, as printed in the table.
const TARGET = {
  pageVsPapa: 3, // page end to end at least 3x faster than PapaParse's faster mode
  longTaskMs: 50, // no main-thread task over 50 ms while a file loads
  browserMemOverFile: 1, // browser memory growth <= file size
  nativeMBs: 300, // single-threaded, narrow file
  nativeRowsPerS: 3_000_000,
  threadSpeedup: 1.8, // with two threads
  nativeMemOverFile: 1, // peak RSS < file size
  settingsMs: 50,
  firstScreenGzKB: 400, // what the first screen loads, gzipped
  smallAfterBigMs: 200,
  manyFilesMs: 3000,
};

const MB = 1e6;
const results = {
  started: new Date().toISOString(),
  machine: machineInfo(),
  config: { ...CFG },
  files: {},
  native: {},
  browser: {},
  papaparse: {},
  notes: [],
  errors: [],
  rows: [],
};
const note = (text) => {
  results.notes.push(text);
  console.log(`  note: ${text}`);
};
const fail = (what, err) => {
  const text = `${what}: ${err?.message ?? err}`.split("\n")[0];
  results.errors.push(text);
  console.log(`  ERROR ${text}`);
};
const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// ------------------------------------------------------------ prerequisites

function prerequisites() {
  const missing = [];
  if (!existsSync(CFG.vtr)) missing.push(`${CFG.vtr} (cargo build --release -p vtr-cli)`);
  if (!existsSync(join(DIST, "index.html"))) missing.push(`${DIST}/index.html (scripts/trunk.sh build, or make build)`);
  for (const p of ["playwright-core", "papaparse"]) {
    if (!existsSync(join(BENCH, "node_modules", p, "package.json"))) missing.push(`bench/node_modules/${p} (cd bench && npm ci)`);
  }
  if (missing.length) {
    console.error("bench: missing prerequisites:\n  " + missing.join("\n  "));
    process.exit(2);
  }
  // Builds older than their sources measure old code: say so.
  const newest = (paths) =>
    Math.max(0, ...paths.filter(existsSync).map((p) => newestMtime(p)));
  const srcApp = newest(["src", "crates", "style", "index.html", "Cargo.toml", "Cargo.lock", "Trunk.toml"].map((p) => join(ROOT, p)));
  const distTime = Math.min(...readdirSync(DIST).map((f) => statSync(join(DIST, f)).mtimeMs));
  if (srcApp > distTime) note(`dist/ is older than the sources it is built from (newest source ${new Date(srcApp).toISOString()}, dist ${new Date(distTime).toISOString()}): the page figures may be of an older build; rebuild with make build`);
  const srcCli = newest(["crates", "Cargo.toml", "Cargo.lock"].map((p) => join(ROOT, p)));
  if (srcCli > statSync(CFG.vtr).mtimeMs) note(`${CFG.vtr} is older than crates/: rebuild with cargo build --release -p vtr-cli`);
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === "target" || e.name === "node_modules" || e.name.startsWith(".")) continue;
    m = Math.max(m, newestMtime(join(path, e.name)));
  }
  return m;
}

function machineInfo() {
  const cpu = os.cpus()[0]?.model ?? "?";
  let chromium = null;
  try {
    chromium = execFileSync(env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {}
  let commit = null;
  try {
    commit = execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", ROOT, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    if (dirty) commit += " (with uncommitted changes)";
  } catch {}
  const pkg = (n) => {
    try {
      return JSON.parse(readFileSync(join(BENCH, "node_modules", n, "package.json"), "utf8")).version;
    } catch {
      return null;
    }
  };
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    chromium,
    playwrightCore: pkg("playwright-core"),
    papaparse: pkg("papaparse"),
    commit,
  };
}

// ---------------------------------------------------------------- the files

function generate(work) {
  const made = {};
  const gen = (key, name, args) => {
    const path = join(work, name);
    const t = now();
    execFileSync(CFG.vtr, ["sample", ...args, "--end", CFG.end, "-o", path], { stdio: ["ignore", "ignore", "inherit"] });
    const bytes = statSync(path).size;
    made[key] = { path, name, bytes, args: ["sample", ...args, "--end", CFG.end] };
    log(`  ${name}: ${(bytes / MB).toFixed(1)} MB in ${((now() - t) / 1000).toFixed(1)} s`);
  };
  gen("narrow", "narrow.tsv", ["--kind", "confirmation", "--rows", String(CFG.narrowRows), "--seed", "7"]);
  gen("wide", "wide.csv", ["--rows", String(CFG.wideRows), "--seed", "42"]);
  if (CFG.big) gen("big", "big.tsv", ["--kind", "confirmation", "--rows", String(CFG.bigRows), "--seed", "11"]);
  // The same wide rows as an Excel workbook and as CSV: the CSV is the
  // workbook's peer in the same run.
  if (CFG.bookRows > 0) {
    gen("book", "book.xlsx", ["--rows", String(CFG.bookRows), "--seed", "13"]);
    gen("bookCsv", "book.csv", ["--rows", String(CFG.bookRows), "--seed", "13"]);
  }

  // The narrow file's header and a few of its lines, for the small files.
  const head = readHead(made.narrow.path, 4000 * 120).split("\n");
  const header = head[0];
  const body = head.slice(1).filter((l) => l.includes("\t"));
  // Orders that are in no generated file: 9xx-... ids.
  const orderId = (i) => `9${String(i).padStart(2, "0").slice(-2)}-${String(1_000_000 + i).slice(-7)}-${String(4_000_000 + i * 7).slice(-7)}`;
  const withOrder = (line, id) => [id, ...line.split("\t").slice(1)].join("\t");

  // Five rows, the narrow header, new order ids: the "small file after a big one".
  const small = [header, ...body.slice(0, 5).map((l, i) => withOrder(l, orderId(90_000 + i)))].join("\n") + "\n";
  const smallPath = join(work, "small.tsv");
  writeFileSync(smallPath, small);
  made.small = { path: smallPath, name: "small.tsv", bytes: Buffer.byteLength(small) };

  // Many tiny files: a header and two rows each, every file its own orders.
  const many = [];
  const manyDir = join(work, "many");
  mkdirSync(manyDir, { recursive: true });
  for (let i = 0; i < CFG.smallFiles; i++) {
    const a = body[(2 * i) % body.length];
    const b = body[(2 * i + 1) % body.length];
    const text = `${header}\n${withOrder(a, orderId(i * 2))}\n${withOrder(b, orderId(i * 2 + 1))}\n`;
    const name = `tiny-${String(i).padStart(4, "0")}.tsv`;
    writeFileSync(join(manyDir, name), text);
    many.push({ name, mimeType: "text/tab-separated-values", buffer: Buffer.from(text) });
  }
  made.many = {
    dir: manyDir,
    count: many.length,
    bytes: many.reduce((s, f) => s + f.buffer.length, 0),
    paths: many.map((f) => join(manyDir, f.name)),
  };
  return { made, many };
}

function readHead(path, bytes) {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString("utf8");
}

// ------------------------------------------------------------------ native

/** `vtr check FILES --json ARGS`, its parsed result (no timing). */
const nativeCache = new Map();
function nativeJson(files, args = []) {
  const key = JSON.stringify([files, args]);
  if (!nativeCache.has(key)) {
    const out = execFileSync(CFG.vtr, ["check", ...files, ...args, "--json"], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    nativeCache.set(key, JSON.parse(out));
  }
  return nativeCache.get(key);
}

/** One timed run: wall ms, peak RSS bytes, stdout text. */
function timedCheck(file, threadArgs, outPath) {
  const args = ["check", file, "--as-of", CFG.asOf, "--json", ...threadArgs];
  const out = openSync(outPath, "w");
  const hasTime = existsSync("/usr/bin/time") && env.BENCH_NO_TIME !== "1";
  try {
    if (hasTime) {
      const memFile = outPath + ".rss";
      const t = now();
      const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", memFile, CFG.vtr, ...args], {
        stdio: ["ignore", out, "pipe"],
        maxBuffer: 16 * 1024 * 1024,
      });
      const ms = now() - t;
      const rssKiB = Number(readFileSync(memFile, "utf8").trim().split("\n").pop());
      return { ms, rss: rssKiB * 1024, status: r.status, stderr: String(r.stderr ?? "") };
    }
  } finally {
    closeSync(out);
  }
  return timedCheckPolling(args, outPath);
}

/** Without /usr/bin/time: VmHWM from /proc, polled every 5 ms. */
function timedCheckPolling(args, outPath) {
  // spawnSync cannot poll; run a small synchronous child that polls for us.
  const script = `
    const { spawn } = require("node:child_process");
    const fs = require("node:fs");
    const out = fs.openSync(${JSON.stringify(outPath)}, "w");
    const t = performance.now();
    const c = spawn(${JSON.stringify(CFG.vtr)}, ${JSON.stringify(args)}, { stdio: ["ignore", out, "pipe"] });
    let hwm = 0, err = "";
    c.stderr.on("data", (d) => (err += d));
    const poll = setInterval(() => {
      try {
        const m = fs.readFileSync("/proc/" + c.pid + "/status", "utf8").match(/VmHWM:\\s+(\\d+)/);
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch {}
    }, 5);
    c.on("exit", (code) => {
      clearInterval(poll);
      process.stdout.write(JSON.stringify({ ms: performance.now() - t, rss: hwm * 1024, status: code, stderr: err }));
    });`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  return JSON.parse(r.stdout);
}

function benchNative(files, work) {
  const outDir = join(work, "native");
  mkdirSync(outDir, { recursive: true });
  // Does this build know --threads?
  const probe = spawnSync(CFG.vtr, ["check", files.small.path, "--as-of", CFG.asOf, "--json", "--threads", "1"], { encoding: "utf8" });
  const threadsFlag = probe.status === 0;
  results.native.threadsFlag = threadsFlag;
  if (!threadsFlag) {
    note(`threads flag missing: \`vtr check --threads 1\` exited ${probe.status} (${(probe.stderr || "").split("\n")[0].trim()}); native runs use no --threads flag, so the 1-thread and N-thread rows are the same default run`);
  }
  const configs = threadsFlag
    ? [
        { key: "t1", threads: 1, args: ["--threads", "1"] },
        { key: `tN`, threads: CFG.threads, args: ["--threads", String(CFG.threads)] },
      ]
    : [{ key: "t1", threads: null, args: [] }];
  for (const key of ["narrow", "wide", ...(CFG.big ? ["big"] : [])]) {
    const f = files[key];
    const per = {};
    const outputs = [];
    for (const c of configs) {
      const runs = [];
      for (let i = 1; i <= CFG.runs; i++) {
        const outPath = join(outDir, `${key}-${c.key}-run${i}.json`);
        const r = timedCheck(f.path, c.args, outPath);
        if (r.status !== 0) {
          fail(`native ${key} ${c.args.join(" ") || "(default)"}`, `exit ${r.status}: ${r.stderr.trim()}`);
          break;
        }
        const text = readFileSync(outPath, "utf8");
        outputs.push({ config: c.key, run: i, text });
        runs.push({ ms: r.ms, rss: r.rss, output: outPath, sha256: sha(text) });
      }
      if (!runs.length) continue;
      const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const json = JSON.parse(readFileSync(best.output, "utf8"));
      const peakRss = Math.max(...runs.map((r) => r.rss));
      per[c.key] = {
        threads: c.threads,
        args: c.args,
        runs,
        bestMs: best.ms,
        MBs: f.bytes / MB / (best.ms / 1000),
        rows: json.rows,
        rowsPerS: json.rows / (best.ms / 1000),
        peakRss,
        memOverFile: peakRss / f.bytes,
        packages: json.packages,
        considered: json.considered,
        valid: json.valid,
      };
      log(
        `  ${key} ${c.args.join(" ") || "(no --threads)"}: best ${fmtMs(best.ms)} of ${runs.length}, ${per[c.key].MBs.toFixed(0)} MB/s, ${(per[c.key].rowsPerS / 1e6).toFixed(2)} M rows/s, peak ${(peakRss / MB).toFixed(0)} MB = ${per[c.key].memOverFile.toFixed(2)}x file`,
      );
    }
    // Every run, every thread count: the same bytes.
    const identical = outputs.length > 1 ? outputs.every((o) => o.text === outputs[0].text) : null;
    const differing = outputs.filter((o) => o.text !== outputs[0]?.text).map((o) => `${o.config} run ${o.run}`);
    const threadsIdentical =
      threadsFlag && per.t1 && per.tN
        ? outputs.filter((o) => o.config === "t1").every((o) => o.text === outputs.find((x) => x.config === "tN")?.text)
        : null;
    results.native[key] = { file: f.name, bytes: f.bytes, ...per, identical: threadsIdentical, allRunsIdentical: identical, differing };
    if (identical === false) note(`native ${key}: outputs differ between runs (${differing.join(", ")}); kept in ${outDir}`);
  }
}

const sha = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

// ------------------------------------------------------- browser: processes

/** pid -> { ppid, comm } for every process. */
function processTable() {
  const table = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, "utf8");
      const close = st.lastIndexOf(")");
      const comm = st.slice(st.indexOf("(") + 1, close);
      const ppid = Number(st.slice(close + 2).split(" ")[1]);
      table.set(Number(d), { ppid, comm });
    } catch {}
  }
  return table;
}

/** The browser's process tree: our chromium children and all below them. */
function browserPids() {
  const table = processTable();
  const kids = new Map();
  for (const [pid, p] of table) {
    if (!kids.has(p.ppid)) kids.set(p.ppid, []);
    kids.get(p.ppid).push(pid);
  }
  const roots = (kids.get(process.pid) ?? []).filter((pid) => /chrom/i.test(table.get(pid)?.comm ?? ""));
  const out = [];
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return out;
}

let pssReadable = null;
let pidCache = { at: -Infinity, pids: [] };

/**
 * Memory of the browser's process tree, in bytes: RSS (VmRSS, cheap) every
 * sample and PSS (smaps_rollup, which walks page tables: ~20 ms for the whole
 * tree with a big renderer) when `withPss`. The tree is re-read once a second.
 */
function browserMemory(withPss) {
  if (now() - pidCache.at > 1000) pidCache = { at: now(), pids: browserPids() };
  const pids = pidCache.pids;
  let rss = 0;
  let pss = withPss && pssReadable !== false ? 0 : null;
  for (const pid of pids) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (m) rss += Number(m[1]) * 1024;
    } catch {}
    if (pss !== null) {
      try {
        const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
        if (m) {
          pss += Number(m[1]) * 1024;
          pssReadable = true;
        }
      } catch (e) {
        // A process that just ended is no reason to give up on PSS.
        if (pssReadable === null && e.code !== "ENOENT" && e.code !== "ESRCH") {
          pssReadable = false;
          pss = null;
        }
      }
    }
  }
  return { t: now(), processes: pids.length, rss, pss };
}

/** RSS every sampleMs, PSS every pssEvery-th sample and at both ends. */
function startSampler() {
  pidCache.at = -Infinity;
  let i = 0;
  const samples = [browserMemory(true)];
  const timer = setInterval(() => samples.push(browserMemory(++i % CFG.pssEvery === 0)), CFG.sampleMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      samples.push(browserMemory(true));
      return samples;
    },
  };
}

async function baselineMemory() {
  pidCache.at = -Infinity;
  const s = [];
  for (let i = 0; i < 3; i++) {
    s.push(browserMemory(true));
    await sleep(CFG.sampleMs);
  }
  const median = (xs) => (xs.length ? xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
  return { rss: median(s.map((x) => x.rss)), pss: median(s.map((x) => x.pss).filter((v) => v !== null)) };
}

/** Peak minus baseline, for RSS and for PSS; `growth` is PSS when readable. */
function memoryGrowth(base, samples, doneAt) {
  const peak = (xs, key) => {
    const v = xs.map((x) => x[key]).filter((v) => v !== null && v !== undefined);
    return v.length ? Math.max(...v) : null;
  };
  const inLoad = samples.filter((x) => x.t <= doneAt);
  const out = {
    kind: pssReadable ? "PSS" : "RSS",
    samples: samples.length,
    pssSamples: samples.filter((x) => x.pss !== null).length,
    processes: Math.max(...samples.map((x) => x.processes)),
    rss: { baseline: base.rss, peakDuringLoad: peak(inLoad, "rss"), peak: peak(samples, "rss") },
    pss: pssReadable ? { baseline: base.pss, peakDuringLoad: peak(inLoad, "pss"), peak: peak(samples, "pss") } : null,
  };
  out.rssGrowth = out.rss.peak - base.rss;
  out.pssGrowth = out.pss ? out.pss.peak - base.pss : null;
  out.growth = out.pssGrowth ?? out.rssGrowth;
  return out;
}

// ------------------------------------------------------- browser: the page

// Installed before the page's own scripts: long tasks, and when the file
// input fires `change` (the moment the page gets the files).
function initScript() {
  window.__bench = { longtasks: [], changes: [], progress: [], flush: () => {} };
  try {
    const take = (entries) => {
      for (const e of entries) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
    };
    const obs = new PerformanceObserver((list) => take(list.getEntries()));
    obs.observe({ type: "longtask", buffered: true });
    // Entries of a task that just ended may not have been delivered yet.
    window.__bench.flush = () => take(obs.takeRecords());
    window.__bench.observer = true;
  } catch (e) {
    window.__bench.observer = String(e);
  }
  document.addEventListener(
    "change",
    (e) => {
      if (e.target && e.target.matches && e.target.matches("input[type=file]")) {
        const t = performance.now();
        window.__bench.changes.push(t);
        console.debug(`__bench:change ${t}`);
      }
    },
    true,
  );
}

const norm = (t) => String(t ?? "").replace(/[^0-9A-Za-z.%-]/g, "").toLowerCase();
const statusWord = (s) => norm(String(s).replace(/_/g, ""));

/** The page's figures. */
async function pageFigures(page) {
  // The settings are put on the page a few frames after the result.
  await page.waitForSelector('[data-testid="set-as-of"]', { state: "attached", timeout: 10_000 }).catch(() => {});
  return page.evaluate(() => {
    const t = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null;
    const n = (id) => {
      const v = t(id);
      return v === null ? null : Number(v.replace(/[^0-9]/g, ""));
    };
    return {
      vtr: t("vtr"),
      status: t("status"),
      packages: n("packages-total"),
      valid: n("valid"),
      considered: n("considered"),
      rows: n("rows-total"),
      asOf: document.querySelector('[data-testid="set-as-of"]')?.value ?? null,
      fileRows: document.querySelectorAll("[data-testid=file-row]").length,
      read: Number(document.querySelector("[data-testid=files-many]")?.dataset.read ?? document.querySelectorAll("[data-testid=file-row][data-state=read]").length),
    };
  });
}

function compare(fig, json) {
  const want = { packages: json.packages, valid: json.valid, considered: json.considered };
  const got = { packages: fig.packages, valid: fig.valid, considered: fig.considered };
  const match = want.packages === got.packages && want.valid === got.valid && want.considered === got.considered;
  return { match, page: got, native: want };
}

/** Opens the app on a fresh context (fresh storage), mounted. */
async function openApp(ctx) {
  ctx.sync();
  const s = await ctx.openPage(ctx.browser);
  try {
    await s.page.addInitScript(initScript);
    await s.page.goto(ctx.server.url + "/");
    await s.page.waitForSelector("[data-testid=drop-zone]", { timeout: 30_000 });
  } catch (e) {
    ctx.requests.push(...s.requests);
    await s.close().catch(() => {});
    throw new Error(`the app did not start (${s.errors.slice(0, 2).join("; ") || e.message.split("\n")[0]})`);
  }
  return s;
}

/** Makes `files` ({ name, mimeType, buffer }) as `File`s in the page, in
 * `window.__benchFiles`, in batches small enough for one evaluate each. */
async function makeFilesInPage(page, files) {
  await page.evaluate(() => { window.__benchFiles = []; });
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200).map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString("base64") }));
    await page.evaluate((batch) => {
      for (const f of batch) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        window.__benchFiles.push(new File([bytes], f.name, { type: f.type }));
      }
    }, batch);
  }
}

/**
 * Chooses `files` in the page and waits until `wantRead` file rows are read,
 * the VTR is shown and, when given, `until(figures)` holds in the page.
 * Returns node-side ms (from just before setInputFiles), in-page ms (from the
 * input's change event), long tasks in between, and memory growth.
 */
async function timedLoad(s, files, { wantRead, expectPackages = null, rowsTotal = null, memory = true, timeoutMs = CFG.timeoutMs, logProgress = false }) {
  const { page } = s;
  await sleep(300);
  const base = memory ? await baselineMemory() : null;
  const changesBefore = await page.evaluate(() => window.__bench.changes.length);
  // Files given as bytes are made in the page first: Playwright's
  // setInputFiles decodes them from base64 in the page's own task (about
  // 340 ms for 1,000 small files), which a seller's drop does not have and
  // which would count as the page's longest task.
  const madeInPage = files.length > 0 && files[0].buffer !== undefined;
  if (madeInPage) await makeFilesInPage(page, files);
  const sampler = memory ? startSampler() : null;
  const t0 = now();
  let doneAt;
  try {
    if (madeInPage) {
      await page.evaluate(() => {
        const input = document.querySelector("[data-testid=file-input]");
        const dt = new DataTransfer();
        for (const f of window.__benchFiles) dt.items.add(f);
        window.__benchFiles = null;
        input.files = dt.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    } else {
      await page.setInputFiles("[data-testid=file-input]", files);
    }
    const tSet = now() - t0;
    const handle = await page.waitForFunction(
      ({ wantRead, expectPackages, rowsTotal, logProgress }) => {
        if (document.querySelector("[data-testid=error-panel]")) return { error: "error panel" };
        const bad = document.querySelector("[data-testid=file-row][data-state=error], [data-testid=file-row][data-state=needs-mapping]");
        if (bad) return { error: `file row ${bad.getAttribute("data-state")}: ${bad.textContent.trim().slice(0, 200)}` };
        // Past 25 files the page shows totals (files-many) instead of a row each.
        const many = document.querySelector("[data-testid=files-many]");
        if (many && Number(many.dataset.problems) > 0) return { error: `${many.dataset.problems} file(s) with a problem` };
        const read = many ? Number(many.dataset.read) : document.querySelectorAll("[data-testid=file-row][data-state=read]").length;
        const p = window.__bench.progress;
        if (!p.length || p[p.length - 1].read !== read) {
          p.push({ t: performance.now(), read });
          if (logProgress) console.debug(`__bench:read ${read} ${performance.now()}`);
        }
        if (read < wantRead) return false;
        const vtr = document.querySelector("[data-testid=vtr]")?.textContent?.trim();
        if (!vtr) return false;
        const n = (id) => Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? "").replace(/[^0-9]/g, ""));
        if (expectPackages !== null && n("packages-total") !== expectPackages) return false;
        if (rowsTotal !== null && n("rows-total") !== rowsTotal) return false;
        return { at: performance.now() };
      },
      { wantRead, expectPackages, rowsTotal, logProgress },
      { timeout: timeoutMs, polling: "raf" },
    );
    doneAt = now();
    const v = await handle.jsonValue();
    if (v.error) throw new Error(v.error);
    // Memory the load leaves behind can peak just after the result shows;
    // long-task entries are delivered a little after their task.
    await sleep(sampler ? 1000 : 200);
    const inPage = await page.evaluate(
      ({ from, at }) => {
        window.__bench.flush();
        const change = window.__bench.changes[from] ?? null;
        const tasks = window.__bench.longtasks.filter((t) => change !== null && t.start + t.duration >= change && t.start <= at);
        return {
          changeAt: change,
          ms: change === null ? null : at - change,
          tasks: tasks.length,
          longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
          taskList: tasks.map((t) => ({ atMs: Math.round(t.start - change), ms: Math.round(t.duration) })),
          observer: window.__bench.observer,
          progress: window.__bench.progress.filter((p) => change !== null && p.t >= change).map((p) => ({ ms: Math.round(p.t - change), read: p.read })),
        };
      },
      { from: changesBefore, at: v.at },
    );
    const samples = sampler ? sampler.stop() : [];
    // How far the engine worker's wasm memory grew (it never shrinks), and
    // the most its heap held at once.
    const wasmBytes = await Promise.all(page.workers().map((w) => w.evaluate(() => (self.__vtrWasm?.memory ? [self.__vtrWasm.memory.buffer.byteLength, self.__vtrWasm.heap_peak_bytes?.() ?? null] : null)).catch(() => null)));
    return {
      ms: doneAt - t0,
      workerWasmBytes: wasmBytes.filter((b) => b !== null),
      setInputFilesMs: tSet,
      inPageMs: inPage.ms,
      longestTaskMs: inPage.longestTask,
      tasksOver50: inPage.tasks,
      longTasks: inPage.taskList,
      longtaskObserver: inPage.observer,
      progress: inPage.progress,
      memory: memory ? memoryGrowth(base, samples, doneAt) : null,
    };
  } catch (e) {
    sampler?.stop();
    throw e;
  }
}

/**
 * Edits a setting in the page (sets the value, dispatches input and change,
 * as the browser does on Tab) and times, in the page, until every
 * `expect[testid]` text shows. domMs: the DOM has the new figures; paintMs:
 * the frame after that has been produced.
 */
async function timedEdit(page, testid, value, expect) {
  return page.evaluate(
    ({ testid, value, expect, timeoutMs }) => {
      const norm = (t) => String(t ?? "").replace(/[^0-9A-Za-z.%-]/g, "").toLowerCase();
      const texts = () => Object.fromEntries(Object.keys(expect).map((id) => [id, norm(document.querySelector(`[data-testid="${id}"]`)?.textContent)]));
      const ok = () => Object.entries(texts()).every(([id, t]) => t === expect[id]);
      if (ok()) return { unchanged: true, texts: texts() };
      const el = document.querySelector(`[data-testid="${testid}"]`);
      if (!el) return { error: `no [data-testid=${testid}]` };
      return new Promise((resolve) => {
        let t0 = 0;
        let done = false;
        const finish = (domAt) => {
          if (done) return;
          done = true;
          mo.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() =>
            setTimeout(() => {
              window.__bench.flush();
              const tasks = window.__bench.longtasks.filter((t) => t.start + t.duration >= t0);
              resolve({
                domMs: domAt - t0,
                paintMs: performance.now() - t0,
                longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
                tasksOver50: tasks.length,
              });
            }, 0),
          );
        };
        const mo = new MutationObserver(() => {
          if (!done && ok()) finish(performance.now());
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => {
          done = true;
          mo.disconnect();
          resolve({ timeout: true, texts: texts(), expect });
        }, timeoutMs);
        t0 = performance.now();
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
        // A synchronous update would not be seen by the observer's first run.
        if (ok()) finish(performance.now());
      });
    },
    { testid, value, expect, timeoutMs: 30_000 },
  );
}

/** Sets a setting without timing it and waits until `expect` shows. */
async function setAndWait(page, testid, value, expect) {
  const r = await timedEdit(page, testid, value, expect);
  if (r.timeout || r.error) throw new Error(`setting ${testid}=${value}: ${JSON.stringify(r)}`);
  return r;
}

const expectOf = (json) => ({
  considered: String(json.considered),
  valid: String(json.valid),
  status: statusWord(json.status),
});

/** The app on one big file: best of `times` loads (CFG.pageRuns unless told), each on a fresh page. */
async function benchPageLoad(ctx, key, file, { keepLast = false, times = CFG.pageRuns } = {}) {
  const runs = [];
  let kept = null;
  for (let i = 0; i < times; i++) {
    let s;
    try {
      s = await openApp(ctx);
    } catch (e) {
      fail(`page ${key} run ${i + 1}: opening the app`, e);
      continue;
    }
    let ok = false;
    try {
      const r = await within(timedLoad(s, file.path, { wantRead: 1 }), CFG.timeoutMs + 5_000, `page ${key}`);
      r.figures = await within(pageFigures(s.page), 30_000, `page ${key}`);
      r.errors = [...s.errors];
      runs.push(r);
      ok = true;
      log(
        `  page ${key} run ${i + 1}: ${fmtMs(r.ms)} to result (in page ${fmtMs(r.inPageMs)}), longest task ${fmtMs(r.longestTaskMs)}, ${r.tasksOver50} over 50 ms${r.longTasks.length ? ` (${r.longTasks.map((t) => `${t.ms} ms at +${t.atMs}`).join(", ")})` : ""}, ${r.memory.kind} +${(r.memory.growth / MB).toFixed(0)} MB (RSS +${(r.memory.rssGrowth / MB).toFixed(0)} MB)${r.workerWasmBytes.length ? `; engine worker's wasm memory ${r.workerWasmBytes.map(([m, peak]) => `${fmtMB(m)} (heap peak ${peak === null ? "-" : fmtMB(peak)})`).join(", ")}` : ""}`,
      );
    } catch (e) {
      fail(`page ${key} run ${i + 1}`, e);
    }
    if (keepLast && i === times - 1 && ok) kept = s;
    else {
      ctx.requests.push(...s.requests);
      await within(s.close(), 15_000, "closing the page").catch(() => {});
    }
  }
  if (!runs.length) return { result: null, session: kept };
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const result = {
    file: file.name,
    bytes: file.bytes,
    runs,
    bestMs: best.ms,
    bestInPageMs: Math.min(...runs.map((r) => r.inPageMs ?? Infinity)),
    longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)),
    tasksOver50: Math.max(...runs.map((r) => r.tasksOver50)),
    memoryGrowth: Math.max(...runs.map((r) => r.memory.growth)),
    rssGrowth: Math.max(...runs.map((r) => r.memory.rssGrowth)),
    memoryKind: best.memory.kind,
    memOverFile: Math.max(...runs.map((r) => r.memory.growth)) / file.bytes,
    figures: runs[runs.length - 1].figures,
  };
  return { result, session: kept };
}

/** Compares the page, at its own as-of date and at CFG.asOf, with `vtr check`. */
async function compareAtDates(s, files, label) {
  const fig0 = await pageFigures(s.page);
  const out = { pageDefaultAsOf: fig0.asOf };
  out.atDefault = compare(fig0, nativeJson(files, ["--as-of", fig0.asOf]));
  if (fig0.asOf !== CFG.asOf) {
    const want = nativeJson(files, ["--as-of", CFG.asOf]);
    out.editToAsOf = await timedEdit(s.page, "set-as-of", CFG.asOf, expectOf(want));
    if (out.editToAsOf.timeout) fail(`${label}: as-of ${CFG.asOf}`, `page did not show ${JSON.stringify(expectOf(want))}; shows ${JSON.stringify(out.editToAsOf.texts)}`);
  }
  const fig1 = await pageFigures(s.page);
  out.atAsOf = compare(fig1, nativeJson(files, ["--as-of", CFG.asOf]));
  out.match = out.atDefault.match && out.atAsOf.match;
  log(`  ${label}: page = vtr check at ${fig0.asOf}: ${out.atDefault.match}; at ${CFG.asOf}: ${out.atAsOf.match}`);
  return out;
}

async function benchBrowser(ctx, files) {
  const B = results.browser;

  // --- narrow: load, figures, settings edits, a small file after it
  log("\nbrowser: narrow file");
  const narrow = await benchPageLoad(ctx, "narrow", files.narrow, { keepLast: true });
  B.narrow = narrow.result;
  if (narrow.session) {
    const s = narrow.session;
    const { page } = s;
    try {
      B.narrow.compare = await compareAtDates(s, [files.narrow.path], "narrow");
      const fig = await pageFigures(page);
      B.settings = { packages: fig.packages };
      if (B.narrow.compare.editToAsOf && !B.narrow.compare.editToAsOf.unchanged) B.settings.asOfToday = { to: CFG.asOf, from: B.narrow.compare.pageDefaultAsOf, ...B.narrow.compare.editToAsOf };

      // Threshold 95 -> 97: the figure stays, the status may change.
      const t97 = nativeJson([files.narrow.path], ["--as-of", CFG.asOf, "--threshold", "97"]);
      const base = nativeJson([files.narrow.path], ["--as-of", CFG.asOf]);
      if (statusWord(t97.status) !== statusWord(base.status)) {
        B.settings.threshold = { from: "95", to: "97", ...(await timedEdit(page, "set-threshold", "97", { status: statusWord(t97.status) })) };
        await setAndWait(page, "set-threshold", "95", { status: statusWord(base.status) });
      } else {
        B.settings.threshold = { to: "97", skipped: `status stays ${base.status} at 97%: nothing visible changes` };
        note("threshold 95 -> 97 changes nothing visible on this file; only the as-of edit is timed");
      }
      // As-of 2026-11-25 -> 2026-11-10: the window moves, considered changes.
      const d10 = nativeJson([files.narrow.path], ["--as-of", "2026-11-10"]);
      B.settings.asOf = { from: CFG.asOf, to: "2026-11-10", ...(await timedEdit(page, "set-as-of", "2026-11-10", { considered: String(d10.considered), valid: String(d10.valid) })) };
      await setAndWait(page, "set-as-of", CFG.asOf, expectOf(base));
      for (const [k, v] of Object.entries(B.settings)) {
        if (v && typeof v === "object" && "domMs" in v) log(`  settings ${k} -> ${v.to}: ${fmtMs(v.domMs)} to the new figures (${fmtMs(v.paintMs)} to the next frame), longest task ${fmtMs(v.longestTaskMs)}`);
        else if (v && v.timeout) fail(`settings ${k}`, `no update within 30 s: ${JSON.stringify(v.texts)}`);
      }

      // A small file after the big one.
      const both = nativeJson([files.narrow.path, files.small.path], ["--as-of", CFG.asOf]);
      const r = await timedLoad(s, files.small.path, { wantRead: 2, expectPackages: both.packages, memory: false });
      r.compare = compare(await pageFigures(page), both);
      B.smallAfterNarrow = r;
      log(`  small file after narrow: ${fmtMs(r.ms)} (in page ${fmtMs(r.inPageMs)}), longest task ${fmtMs(r.longestTaskMs)}; matches vtr check: ${r.compare.match}`);
    } catch (e) {
      fail("narrow follow-ups", e);
    }
    ctx.requests.push(...s.requests);
    await s.close();
  }

  // --- wide
  log("\nbrowser: wide file");
  const wide = await benchPageLoad(ctx, "wide", files.wide, { keepLast: true });
  B.wide = wide.result;
  if (wide.session) {
    try {
      B.wide.compare = await compareAtDates(wide.session, [files.wide.path], "wide");
    } catch (e) {
      fail("wide compare", e);
    }
    ctx.requests.push(...wide.session.requests);
    await wide.session.close();
  }

  // --- the big file (BENCH_BIG=1)
  if (CFG.big) {
    log("\nbrowser: big file");
    const big = await benchPageLoad(ctx, "big", files.big, { keepLast: true, times: 1 });
    B.big = big.result;
    if (big.session) {
      const s = big.session;
      try {
        const fig = await pageFigures(s.page);
        B.big.compare = compare(fig, nativeJson([files.big.path], ["--as-of", fig.asOf]));
        const both = nativeJson([files.big.path, files.small.path], ["--as-of", fig.asOf]);
        const r = await timedLoad(s, files.small.path, { wantRead: 2, expectPackages: both.packages, memory: false });
        r.compare = compare(await pageFigures(s.page), both);
        B.smallAfterBig = r;
        log(`  small file after big: ${fmtMs(r.ms)} (in page ${fmtMs(r.inPageMs)}); matches vtr check: ${r.compare.match}`);
      } catch (e) {
        fail("big follow-ups", e);
      }
      ctx.requests.push(...s.requests);
      await s.close();
    }
  }
}

/** A workbook and the same rows as CSV: natively and in the page, one run each (best of CFG.runs natively). */
async function benchBook(ctx, files, work) {
  if (!files.book) return;
  log("\nworkbook: the same rows as .xlsx and as CSV");
  const W = (results.workbook = {});
  const outDir = join(work, "native");
  mkdirSync(outDir, { recursive: true });
  for (const key of ["book", "bookCsv"]) {
    const f = files[key];
    let best = null;
    for (let i = 0; i < CFG.runs; i++) {
      const r = timedCheck(f.path, [], join(outDir, `${key}.json`));
      if (r.status !== 0) throw new Error(`vtr check ${f.name} exited ${r.status}: ${r.stderr.split("\n")[0]}`);
      if (!best || r.ms < best.ms) best = r;
    }
    const page = await benchPageLoad(ctx, key, f, { times: 1 });
    const fig = page.result?.figures;
    W[key] = {
      file: f.name,
      bytes: f.bytes,
      nativeMs: best.ms,
      nativeRss: best.rss,
      page: page.result,
      compare: fig ? compare(fig, nativeJson([f.path], ["--as-of", fig.asOf])) : null,
    };
    log(`  ${f.name}: vtr check ${fmtMs(best.ms)}, page ${page.result ? fmtMs(page.result.bestMs) : "-"}`);
  }
}

/** Rejects when `promise` has not settled within `ms` (a page whose main thread is stuck never answers). */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what}: no answer within ${fmtMs(ms)}`), { name: "TimeoutError" })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Many small files chosen at once, on a fresh page. Runs last: if the page's
 * main thread gets stuck, the page is abandoned and the browser killed.
 * Progress comes from the page's console (the wait's predicate logs each new
 * read count), so it is known even when the page stops answering.
 */
async function benchManyFiles(ctx, files, many) {
  const B = results.browser;
  log(`\nbrowser: ${many.length} small files at once`);
  let s;
  try {
    s = await openApp(ctx);
  } catch (e) {
    fail("many small files: opening the app", e);
    return;
  }
  const progress = [];
  let change = null;
  s.page.on("console", (msg) => {
    const m = /^__bench:read (\d+) (\d+(?:\.\d+)?)$/.exec(msg.text());
    if (m) progress.push({ read: Number(m[1]), at: Number(m[2]) });
    const c = /^__bench:change (\d+(?:\.\d+)?)$/.exec(msg.text());
    if (c && change === null) change = Number(c[1]);
  });
  const rows = many.length * 2;
  const t = now();
  let stuck = false;
  try {
    const r = await within(
      // No memory sampling here: reading every Chromium process's PSS each
      // 100 ms keeps a core of this 2-core machine busy, and took as much
      // from the page's main thread as a CPU hog does (1,000 files: 2.0 s
      // and 100 ms tasks alone, 3.2-3.8 s and 230-280 ms beside one).
      timedLoad(s, many, { wantRead: many.length, rowsTotal: rows, memory: false, timeoutMs: CFG.manyTimeoutMs, logProgress: true }),
      CFG.manyTimeoutMs + 2_000,
      "the page",
    );
    const fig = await within(pageFigures(s.page), 15_000, "the page");
    r.compare = compare(fig, nativeJson(files.many.paths, ["--as-of", fig.asOf]));
    r.files = many.length;
    r.bytes = files.many.bytes;
    B.manyFiles = r;
    log(`  ${many.length} files: ${fmtMs(r.ms)} (handing over ${fmtMs(r.setInputFilesMs)}, in page ${fmtMs(r.inPageMs)}), longest task ${fmtMs(r.longestTaskMs)}, ${r.tasksOver50} over 50 ms; matches vtr check: ${r.compare.match}`);
  } catch (e) {
    if (e?.name !== "TimeoutError") {
      fail("many small files", e);
    } else {
      // Slow is a figure, not an error: say how far it got.
      stuck = true;
      const ms = now() - t;
      const origin = change ?? progress[0]?.at ?? null;
      const last = progress[progress.length - 1] ?? { read: 0 };
      B.manyFiles = {
        timedOut: true,
        ms,
        files: many.length,
        bytes: files.many.bytes,
        readAtTimeout: last.read,
        lastProgressMs: origin !== null && last.at ? Math.round(last.at - origin) : null,
        progress: progress.map((p) => ({ ms: Math.round(p.at - origin), read: p.read })),
      };
      B.manyFiles.changeEventSeen = change !== null;
      B.manyFiles.mainThreadBlocked = change !== null && progress.length === 0;
      log(
        `  ${many.length} files: not done after ${fmtMs(ms)}; ` +
          (B.manyFiles.mainThreadBlocked
            ? `the page got the files (change event) but its main thread never ran the wait again: 0 read that it could report`
            : `the page last reported ${last.read} of ${many.length} read, at +${fmtMs(B.manyFiles.lastProgressMs)}`) +
          ` (BENCH_MANY_TIMEOUT_MS=${CFG.manyTimeoutMs})`,
      );
    }
  }
  ctx.requests.push(...s.requests);
  if (stuck) {
    // Its main thread may never come back: do not wait for it.
    await within(s.close(), 10_000, "closing the stuck page").catch(() => {});
  } else {
    await s.close();
  }
}

// ------------------------------------------------------ browser: PapaParse

// V8's longest string is about 2^29 characters: file.text() fails above it.
const MAX_STRING = 2 ** 29 - 24;

/** What a first visit loads before a file is dropped, gzipped (-9) as a
 * server would send it: the page's own files (those before its drop zone
 * shows also apart), and the engine worker's, which the page starts just
 * after and whose files the first paint does not wait for. The service
 * worker's precache (a background copy for offline use) is not counted. */
async function benchFirstScreen(ctx) {
  ctx.sync();
  const s = await ctx.openPage(ctx.browser);
  const got = [];
  let shown = false;
  s.page.on("response", async (res) => {
    const url = res.url();
    if (!url.startsWith(ctx.server.url + "/") || res.request().serviceWorker()) return;
    const early = !shown;
    try {
      const body = await res.body();
      got.push({ url, early, bytes: body.length, gz: gzipSync(body, { level: 9 }).length });
    } catch {}
  });
  try {
    await s.page.goto(ctx.server.url + "/");
    await s.page.waitForSelector("[data-testid=drop-zone]", { timeout: 30_000 });
    shown = true;
    await s.page.waitForLoadState("networkidle");
    await sleep(500);
  } finally {
    ctx.requests.push(...s.requests);
    await s.close().catch(() => {});
  }
  const isWorker = (u) => /vtr-worker|worker\.js/.test(u);
  const sum = (list) => list.reduce((a, r) => a + r.gz, 0);
  const page = got.filter((r) => !isWorker(r.url));
  const worker = got.filter((r) => isWorker(r.url));
  const name = (u) => u.slice(ctx.server.url.length + 1).replace(/-[0-9a-f]{16}/, "");
  results.browser.firstScreen = {
    pageGz: sum(page),
    pageWasmGz: sum(page.filter((r) => r.url.endsWith(".wasm"))),
    pageBeforeShownGz: sum(page.filter((r) => r.early)),
    workerGz: sum(worker),
    files: got.map((r) => ({ ...r, url: name(r.url) })),
  };
  log(`  first screen: page ${fmtKB(sum(page))} gz (${page.length} files), worker ${fmtKB(sum(worker))} gz`);
  for (const r of [...got].sort((a, b) => b.gz - a.gz).slice(0, 6)) log(`    ${fmtKB(r.gz).padStart(7)}  ${name(r.url)}`);
}

async function benchPapa(ctx, files) {
  for (const [key, delimiter] of [["narrow", "\t"], ["wide", ","], ...(CFG.big ? [["big", "\t"]] : [])]) {
    const f = files[key];
    log(`\npapaparse: ${key}`);
    const s = await ctx.openPage(ctx.browser);
    const out = { file: f.name, bytes: f.bytes, delimiter: delimiter === "\t" ? "tab" : delimiter };
    try {
      await s.page.addInitScript(initScript);
      await s.page.goto(ctx.server.url + "/bench/papaparse.html");
      if (!(await s.page.evaluate(() => window.papaBench?.ready))) throw new Error("papaparse did not load");
      await s.page.setInputFiles("#file", f.path);
      for (const mode of ["stream", "string"]) {
        if (mode === "string" && f.bytes > MAX_STRING) {
          out[mode] = { skipped: `the file is over V8's maximum string length (${MAX_STRING} characters)` };
          continue;
        }
        const runs = [];
        for (let i = 0; i < CFG.runs; i++) {
          const before = await s.page.evaluate(() => performance.now());
          const r = await s.page.evaluate(({ mode, delimiter }) => window.papaBench.run(mode, delimiter), { mode, delimiter });
          r.longestTaskMs = await s.page.evaluate(
            (from) => (window.__bench.flush(), window.__bench.longtasks).filter((t) => t.start >= from).reduce((m, t) => Math.max(m, t.duration), 0),
            before,
          );
          runs.push(r);
          await sleep(500); // let the garbage of the last run go
        }
        const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
        out[mode] = { runs, bestMs: best.ms, rows: best.rows, errors: best.errors, longestTaskMs: Math.max(...runs.map((r) => r.longestTaskMs)) };
        log(`  ${mode}: best ${fmtMs(best.ms)} of ${runs.length} (${best.rows} rows, ${best.errors} parse errors), longest task ${fmtMs(out[mode].longestTaskMs)}`);
      }
      const modes = ["stream", "string"].filter((m) => out[m]?.bestMs);
      if (modes.length) {
        const fastest = modes.reduce((a, b) => (out[b].bestMs < out[a].bestMs ? b : a));
        out.fasterMode = fastest;
        out.fasterMs = out[fastest].bestMs;
      }
      if (s.errors.length) out.pageErrors = [...s.errors];
    } catch (e) {
      fail(`papaparse ${key}`, e);
    }
    results.papaparse[key] = out;
    ctx.requests.push(...s.requests);
    await s.close();
  }
}

// ---------------------------------------------------------------- the server

/**
 * dist/ at /, bench/'s PapaParse page and papaparse.min.js at /bench/: one
 * origin, served by e2e/server.mjs from a directory of symlinks. `sync()`
 * follows dist/ when a build replaces its hashed files during the run, and
 * notes that the build changed.
 */
function serveRoot(work) {
  const root = join(work, "www");
  mkdirSync(join(root, "bench"), { recursive: true });
  symlinkSync(join(BENCH, "papaparse.html"), join(root, "bench", "papaparse.html"));
  symlinkSync(join(BENCH, "papaparse-bench.js"), join(root, "bench", "papaparse-bench.js"));
  symlinkSync(join(BENCH, "node_modules", "papaparse", "papaparse.min.js"), join(root, "bench", "papaparse.min.js"));
  const listing = () =>
    readdirSync(DIST)
      .map((f) => {
        try {
          const st = statSync(join(DIST, f));
          return `${f}:${st.size}:${st.mtimeMs}`;
        } catch {
          return f;
        }
      })
      .sort()
      .join("\n");
  const first = listing();
  let changed = false;
  const sync = () => {
    const want = new Set(readdirSync(DIST));
    for (const f of readdirSync(root)) {
      if (f !== "bench" && !want.has(f)) rmSync(join(root, f), { force: true });
    }
    for (const f of want) {
      if (f !== "bench" && !existsSync(join(root, f))) {
        try {
          symlinkSync(join(DIST, f), join(root, f));
        } catch {}
      }
    }
    if (!changed && listing() !== first) {
      changed = true;
      note(`dist/ changed during the run (a build wrote it; first seen ${new Date().toISOString()}): page figures after that are of the new build, and a page opened while it was being written may fail`);
    }
  };
  sync();
  return { root, sync };
}

// -------------------------------------------------------------- the report

const fmtMs = (ms) => (ms === null || ms === undefined || !Number.isFinite(ms) ? "-" : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMB = (b) => `${(b / MB).toFixed(0)} MB`;
const fmtKB = (b) => `${(b / 1000).toFixed(0)} KB`;
const x = (v, d = 2) => `${v.toFixed(d)}x`;
/** "page 2.5x faster" or "page 1.3x slower", from PapaParse ms / page ms. */
const faster = (ratio) => (ratio >= 1 ? `page ${ratio.toFixed(1)}x faster` : `page ${(1 / ratio).toFixed(1)}x slower`);

function buildRows(files) {
  const rows = [];
  const row = (measurement, target, measured, ratio, met) => rows.push({ measurement, target, measured, ratio: ratio ?? "", met: met === null || met === undefined ? "-" : met ? "met" : "not met" });
  const N = results.native;
  const P = results.papaparse;
  const B = results.browser;

  const F = B.firstScreen;
  if (F) {
    row("first screen: the page's own files before a file is dropped, gzipped", `<= ${TARGET.firstScreenGzKB} KB`, `${fmtKB(F.pageGz)} (its wasm ${fmtKB(F.pageWasmGz)}; then the engine worker ${fmtKB(F.workerGz)}, not waited for)`, null, F.pageGz <= TARGET.firstScreenGzKB * 1000);
  }

  // Native
  for (const key of ["narrow", "wide", "big"]) {
    const n = N[key];
    if (!n?.t1) continue;
    const f = files[key];
    const label = `${key} (${fmtMB(f.bytes)}, ${n.t1.rows.toLocaleString("en-US")} rows)`;
    const oneLabel = N.threadsFlag ? "1 thread" : "default threads (flag missing)";
    const tgt = key === "narrow";
    row(`native ${label}, ${oneLabel}: throughput`, tgt ? `>= ${TARGET.nativeMBs} MB/s` : "-", `${n.t1.MBs.toFixed(0)} MB/s (${fmtMs(n.t1.bestMs)})`, null, tgt ? n.t1.MBs >= TARGET.nativeMBs : null);
    row(`native ${label}, ${oneLabel}: rows`, tgt ? `>= ${TARGET.nativeRowsPerS / 1e6} M rows/s` : "-", `${(n.t1.rowsPerS / 1e6).toFixed(2)} M rows/s`, null, tgt ? n.t1.rowsPerS >= TARGET.nativeRowsPerS : null);
    if (n.tN) {
      const sp = n.t1.bestMs / n.tN.bestMs;
      const tgtN = tgt && n.tN.threads === 2;
      row(
        `native ${label}, ${n.tN.threads} threads: throughput`,
        tgt ? `${TARGET.threadSpeedup}x the 1-thread targets: >= ${(TARGET.threadSpeedup * TARGET.nativeMBs).toFixed(0)} MB/s and ${(TARGET.threadSpeedup * TARGET.nativeRowsPerS / 1e6).toFixed(1)} M rows/s` : "-",
        `${n.tN.MBs.toFixed(0)} MB/s, ${(n.tN.rowsPerS / 1e6).toFixed(2)} M rows/s (${fmtMs(n.tN.bestMs)})`,
        `${x(sp)} vs 1 thread`,
        tgtN ? n.tN.MBs >= TARGET.threadSpeedup * TARGET.nativeMBs && n.tN.rowsPerS >= TARGET.threadSpeedup * TARGET.nativeRowsPerS : null,
      );
    } else if (tgt) {
      row(`native ${label}, 2 threads: throughput`, `>= ${TARGET.threadSpeedup}x 1 thread`, "not measured: threads flag missing", null, null);
    }
    for (const c of ["t1", "tN"]) {
      if (!n[c]) continue;
      row(`native ${label}, ${c === "t1" ? oneLabel : `${n[c].threads} threads`}: peak memory`, "< file size", `${fmtMB(n[c].peakRss)} RSS`, `${x(n[c].memOverFile)} file`, n[c].memOverFile < TARGET.nativeMemOverFile);
    }
    if (n.tN) row(`native ${key}: --threads 1 and --threads ${n.tN.threads} JSON identical`, "identical", String(n.identical), null, n.identical === true);
    else if (n.allRunsIdentical !== null) row(`native ${key}: ${CFG.runs} runs' JSON identical`, "identical", String(n.allRunsIdentical), null, n.allRunsIdentical === true);
  }

  // Page against PapaParse
  for (const key of ["narrow", "wide", "big"]) {
    const b = B[key];
    const p = P[key];
    if (!b && !p) continue;
    const f = files[key];
    const label = `${key} (${fmtMB(f.bytes)})`;
    const tgt = key === "narrow";
    if (p?.stream?.bestMs) row(`PapaParse ${label}: streaming (chunk), best of ${CFG.runs}`, "-", fmtMs(p.stream.bestMs), b ? faster(p.stream.bestMs / b.bestMs) : null, null);
    if (p?.string?.bestMs) row(`PapaParse ${label}: file.text() + parse, best of ${CFG.runs}`, "-", fmtMs(p.string.bestMs), b ? faster(p.string.bestMs / b.bestMs) : null, null);
    if (b) {
      const ratio = p?.fasterMs ? p.fasterMs / b.bestMs : null;
      row(
        `page ${label}: end to end (setInputFiles to result), best of ${b.runs.length}`,
        tgt ? `>= ${TARGET.pageVsPapa}x faster than PapaParse's faster mode` : "-",
        `${fmtMs(b.bestMs)} (${(f.bytes / MB / (b.bestMs / 1000)).toFixed(0)} MB/s)`,
        ratio ? `${faster(ratio)} than PapaParse ${p.fasterMode} (${fmtMs(p.fasterMs)}; PapaParse/page = ${ratio.toFixed(2)})` : "PapaParse not measured",
        tgt && ratio ? ratio >= TARGET.pageVsPapa : null,
      );
      row(`page ${label}: longest main-thread task while loading`, `no task > ${TARGET.longTaskMs} ms`, `${fmtMs(b.longestTaskMs)}; ${b.tasksOver50} task(s) > 50 ms`, null, b.tasksOver50 === 0);
      row(`page ${label}: browser memory growth (${b.memoryKind} of all Chromium processes)`, "<= file size", `${fmtMB(b.memoryGrowth)}${b.memoryKind === "PSS" ? ` (RSS ${fmtMB(b.rssGrowth)})` : ""}`, `${x(b.memOverFile)} file`, b.memOverFile <= TARGET.browserMemOverFile);
      if (b.compare) row(`page ${label}: packages, valid, considered = vtr check --json`, "match", `${b.compare.match} (${(b.compare.atAsOf ?? b.compare).page.packages?.toLocaleString("en-US")} packages)`, null, b.compare.match);
    }
  }

  // Responsiveness
  const S = B.settings;
  if (S) {
    const pk = S.packages?.toLocaleString("en-US");
    for (const [k, label] of [["asOfToday", "as-of"], ["threshold", "threshold"], ["asOf", "as-of"]]) {
      const v = S[k];
      if (!v) continue;
      const what = `settings change at ${pk} packages: ${label} ${v.from ? v.from + " -> " : ""}${v.to}`;
      if (v.skipped) row(what, `< ${TARGET.settingsMs} ms`, `skipped: ${v.skipped}`, null, null);
      else if (v.timeout) row(what, `< ${TARGET.settingsMs} ms`, "no update within 30 s", null, false);
      else row(what, `< ${TARGET.settingsMs} ms`, `${fmtMs(v.domMs)} (next frame ${fmtMs(v.paintMs)}; longest task ${fmtMs(v.longestTaskMs)})`, null, v.domMs < TARGET.settingsMs);
    }
  }
  for (const [k, label] of [["smallAfterNarrow", "narrow"], ["smallAfterBig", "big"]]) {
    const r = B[k];
    if (!r) continue;
    row(`small file (5 rows) after the ${label} file: to result`, `< ${TARGET.smallAfterBigMs} ms`, `${fmtMs(r.ms)} (in page ${fmtMs(r.inPageMs)}; longest task ${fmtMs(r.longestTaskMs)})`, null, r.ms < TARGET.smallAfterBigMs);
    row(`small file after the ${label} file: figures = vtr check --json`, "match", String(r.compare.match), null, r.compare.match);
  }
  if (B.manyFiles?.timedOut) {
    const r = B.manyFiles;
    const how = r.mainThreadBlocked ? "page main thread blocked from the change event on; none reported read" : `${r.readAtTimeout} of ${r.files} reported read (last at +${fmtMs(r.lastProgressMs)})`;
    row(`${r.files} small files (${(r.bytes / r.files).toFixed(0)} bytes each) at once: all read`, `< ${TARGET.manyFilesMs / 1000} s`, `not done after ${fmtMs(r.ms)}: ${how}`, null, false);
  } else if (B.manyFiles) {
    const r = B.manyFiles;
    row(`${r.files} small files (${(r.bytes / r.files).toFixed(0)} bytes each) at once: all read`, `< ${TARGET.manyFilesMs / 1000} s`, `${fmtMs(r.ms)} (longest task ${fmtMs(r.longestTaskMs)}, ${r.tasksOver50} > 50 ms)`, null, r.ms < TARGET.manyFilesMs);
    row(`${r.files} small files: figures = vtr check --json`, "match", String(r.compare.match), null, r.compare.match);
  }
  const W = results.workbook;
  if (W?.book && W?.bookCsv) {
    const [b, c] = [W.book, W.bookCsv];
    const label = `workbook (${fmtMB(b.bytes)} .xlsx, ${CFG.bookRows.toLocaleString("en-US")} rows; the same rows as CSV: ${fmtMB(c.bytes)})`;
    row(`${label}: vtr check`, "-", `${fmtMs(b.nativeMs)} (CSV ${fmtMs(c.nativeMs)})`, `${x(b.nativeMs / c.nativeMs)} the CSV's time`, null);
    if (b.page && c.page) {
      row(`${label}: page end to end`, "-", `${fmtMs(b.page.bestMs)} (CSV ${fmtMs(c.page.bestMs)})`, `${x(b.page.bestMs / c.page.bestMs)} the CSV's time`, null);
      row(`${label}: page longest main-thread task`, `no task > ${TARGET.longTaskMs} ms`, `${fmtMs(b.page.longestTaskMs)}; ${b.page.tasksOver50} task(s) > 50 ms`, null, b.page.tasksOver50 === 0);
    }
    if (b.compare && c.compare) row(`${label}: page = vtr check --json, and = the CSV's figures`, "match", `${b.compare.match && c.compare.match} (${b.compare.page.packages?.toLocaleString("en-US")} packages)`, null, b.compare.match && c.compare.match && b.compare.page.packages === c.compare.page.packages);
  }
  return rows;
}

function markdown(rows) {
  const esc = (s) => String(s).replace(/\|/g, "\\|");
  const lines = ["| measurement | target | measured | ratio | |", "|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${esc(r.measurement)} | ${esc(r.target)} | ${esc(r.measured)} | ${esc(r.ratio)} | ${r.met} |`);
  return lines.join("\n");
}

function writeReport(rows) {
  const m = results.machine;
  const table = markdown(rows);
  const md = [
    "# vtr-check benchmark",
    "",
    `Run ${results.started} on ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB; ${m.chromium ?? "chromium ?"}; Node ${m.node}; playwright-core ${m.playwrightCore}; PapaParse ${m.papaparse}; commit ${m.commit ?? "?"}.`,
    `Native: best of ${CFG.runs}. Page loads: best of ${CFG.pageRuns}, each on a fresh page; longest task, task count and memory are the worst of those runs. PapaParse: best of ${CFG.runs}, main thread.`,
    "",
    table,
    "",
    ...(results.notes.length ? ["Notes:", "", ...results.notes.map((n) => `- ${n}`), ""] : []),
    ...(results.errors.length ? ["Errors (measurements not taken):", "", ...results.errors.map((n) => `- ${n}`), ""] : []),
  ].join("\n");
  writeFileSync(join(BENCH, "results.md"), md);
  results.rows = rows;
  results.finished = new Date().toISOString();
  writeFileSync(join(BENCH, "results.json"), JSON.stringify(results, null, 2) + "\n");
  return { md, table };
}

/** Share of all CPUs busy over `ms`, from /proc/stat (null when unreadable). */
async function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] || 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await sleep(ms);
    const b = read();
    return 1 - (b.idle - a.idle) / (b.total - a.total);
  } catch {
    return null;
  }
}

/** Notes when something else keeps the machine busy before a phase. */
async function checkQuiet(phase) {
  const busy = await cpuBusy();
  results.machine[`cpuBusyBefore_${phase}`] = busy;
  if (busy !== null && busy > 0.2) {
    const top = spawnSync("ps", ["-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers"], { encoding: "utf8" }).stdout?.split("\n").slice(0, 3).map((l) => l.trim()).join(", ");
    note(`before the ${phase} phase other processes kept ${(busy * 100).toFixed(0)}% of the CPUs busy (top: ${top}): figures may be low`);
  }
}

// -------------------------------------------------------------------- main

async function main() {
  const t0 = now();
  prerequisites();
  const work = CFG.dir ? (mkdirSync(CFG.dir, { recursive: true }), mkdtempSync(join(CFG.dir, "vtr-bench-"))) : mkdtempSync(join(os.tmpdir(), "vtr-bench-"));
  results.config.dir = work;
  log(`bench: work directory ${work}`);
  let exitCode = 0;
  try {
    log("\ngenerating files");
    const { made: files, many } = generate(work);
    results.files = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, { ...v, paths: undefined, path: v.path ?? v.dir }]));

    log("\nnative: vtr check --json");
    await checkQuiet("native");
    try {
      benchNative(files, work);
    } catch (e) {
      fail("native", e);
    }
    await checkQuiet("browser");

    const { launch, openPage } = await import("../e2e/browser.mjs");
    const { startServer } = await import("../e2e/server.mjs");
    const www = serveRoot(work);
    const server = await startServer({ root: www.root, lifetimeMs: 2 * 60 * 60 * 1000 });
    const browser = await launch();
    const ctx = { browser, server, openPage, requests: [], sync: www.sync };
    try {
      for (const [name, phase] of [
        ["first screen", () => benchFirstScreen(ctx)],
        ["browser", () => benchBrowser(ctx, files)],
        ["papaparse", () => benchPapa(ctx, files)],
        ["many small files", () => (many.length ? benchManyFiles(ctx, files, many) : null)],
        ["workbook", () => benchBook(ctx, files, work)],
      ]) {
        try {
          await phase();
        } catch (e) {
          fail(name, e);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const origin = server.url;
    const foreign = [...new Set(ctx.requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:")))];
    results.browser.requests = { total: ctx.requests.length, foreign };
    if (foreign.length) note(`requests to other origins: ${foreign.join(", ")}`);
    results.browser.memoryKind = pssReadable ? "PSS (smaps_rollup)" : "RSS (status)";

    const rows = buildRows(files);
    const { table } = writeReport(rows);
    log("\n" + table + "\n");
    if (results.notes.length) log("Notes:\n" + results.notes.map((n) => `- ${n}`).join("\n") + "\n");
    if (results.errors.length) {
      log("Errors (measurements not taken):\n" + results.errors.map((n) => `- ${n}`).join("\n") + "\n");
      exitCode = 1;
    }
    log(`bench: ${((now() - t0) / 1000).toFixed(0)} s; wrote bench/results.md and bench/results.json`);
  } finally {
    if (CFG.keep) log(`bench: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
