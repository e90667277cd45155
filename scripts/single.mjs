// Makes the single-file build: one HTML file that holds the whole page (its
// wasm and glue, the engine worker's wasm and glue, the styles, the sample
// and the icons) and works opened from disk, with no server and no network.
//
//   node scripts/single.mjs [DIST] [OUT]     (scripts/single.sh runs it)
//
// It starts from DIST/index.html as Trunk built it, so the page is the same
// page: the stylesheets become <style> elements, boot.js's tag becomes one
// inline module (the page's glue, then src/single.js), the icons become
// data: URLs, and the files become base64 blocks that are never run. The
// Content-Security-Policy is as strict as the served page's: nothing may be
// loaded from anywhere ('none'), the inline script and styles are allowed by
// their SHA-256 alone, the workers only from blob: URLs, no connections.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = resolve(process.argv[2] ?? join(ROOT, "dist"));
const out = resolve(process.argv[3] ?? join(ROOT, "dist-single", "vtr-check.html"));

const fail = (message) => {
  console.error(`single.mjs: ${message}`);
  process.exit(1);
};
const file = (name) => readFileSync(join(dist, name));
const text = (name) => file(name).toString("utf8");
const sha256 = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/** Replaces exactly `count` matches of `pattern` (a global RegExp), or fails. */
function replace(html, pattern, by, what, count = 1) {
  const found = html.match(pattern)?.length ?? 0;
  if (found !== count) fail(`expected ${count} ${what} in ${dist}/index.html, found ${found}`);
  return html.replace(pattern, by);
}

/** Text that may go between <script> and </script>, or <style> and </style>, as it is. */
function raw(s, tag, what) {
  if (s.toLowerCase().includes(`</${tag}`) || s.includes("<!--")) fail(`${what} cannot be put inline as it is`);
  return s;
}

let html = text("index.html");

// The page's loader tag names its glue and wasm.
const boot = html.match(/<script type="module" src="\.\/boot\.js" data-js="\.\/([^"]+\.js)" data-wasm="\.\/([^"]+\.wasm)"><\/script>/);
if (!boot) fail(`no boot.js <script> in ${dist}/index.html (see pattern_script in Trunk.toml)`);
const [bootTag, pageJs, pageWasm] = boot;

// Styles, in the page's order, each its own element with its own hash.
const styles = [];
html = replace(
  html,
  /<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*\/?>/g,
  (_, name) => {
    const css = raw(text(name), "style", name);
    styles.push(sha256(css));
    return `<style>${css}</style>`;
  },
  "stylesheets",
  // As many as the source page links for Trunk to build: none left out.
  readFileSync(join(ROOT, "index.html"), "utf8").match(/<link data-trunk rel="css"/g).length,
);

// The page's glue, then the single-file loader, which the glue's default
// export (its init function) starts.
const glue = text(pageJs);
const init = glue.match(/export \{[^}]*\b(\w+) as default\b[^}]*\};?/);
if (!init) fail(`${pageJs} has no default export`);
const loader = readFileSync(join(ROOT, "src", "single.js"), "utf8");
const script = raw(`${glue}\n${loader}\nawait vtrSingle(${init[1]});\n`, "script", "the page's script");

// The engine worker, as the page will start it from a blob: URL.
const workerJs = Buffer.concat([file("vtr-worker.js"), Buffer.from("\n"), file("worker.js")]);
const blocks = {
  "vtr-page-wasm": file(pageWasm),
  "vtr-worker-js": workerJs,
  "vtr-worker-wasm": file("vtr-worker_bg.wasm"),
  "vtr-sample": file("sample-shipments.csv"),
};
const data = Object.entries(blocks)
  .map(([id, bytes]) => `<script type="application/octet-stream" id="${id}">${bytes.toString("base64")}</script>`)
  .join("\n");

html = replace(html, /<link rel="(?:modulepreload|preload)"[^>]*>/g, "", "preload links", 2);
html = html.replace(bootTag, () => `<script type="module">${script}</script>`);
html = replace(html, /<\/body>/g, () => `${data}\n</body>`, "</body>");

// Icons as data: URLs; no manifest (a file on disk is not installed).
const dataUrl = (name, type) => `data:${type};base64,${file(name).toString("base64")}`;
html = replace(html, /<link rel="icon" href="icon\.svg"/g, () => `<link rel="icon" href="${dataUrl("icon.svg", "image/svg+xml")}"`, "icon link");
html = replace(html, /<link rel="apple-touch-icon" href="icon-192\.png"/g, () => `<link rel="apple-touch-icon" href="${dataUrl("icon-192.png", "image/png")}"`, "touch icon link");
html = replace(html, /\s*<link rel="manifest" href="[^"]*" \/>/g, "", "manifest link");

const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  "worker-src blob:",
  `style-src ${styles.join(" ")}`,
  "img-src data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
html = replace(html, /(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/g, (_, head) => `${head}${csp}"`, "Content-Security-Policy");
html = replace(
  html,
  /<!-- Shipment files must never leave the browser:[\s\S]*?-->/g,
  () =>
    "<!-- vtr-check in one file: everything it needs is inside it. It may load\n" +
    "         nothing from anywhere, run only its own script (by its hash), start\n" +
    "         workers only from what it holds, and connect nowhere. -->",
  "CSP comment",
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`single.mjs: ${out} (${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB)`);
