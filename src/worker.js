// Starts the engine worker (or, with ?role=helper, one of the helpers it
// starts to read parts of a large file): loads the wasm-bindgen glue Trunk
// built (no-modules, so it works in every browser's workers), keeps the
// messages that arrive before the engine is up, and reports anything that
// stops it, so the page can say so and start a fresh one.
const early = [];
self.onmessage = (e) => early.push(e);
self.__vtrEarly = early;

const say = (message) =>
  self.postMessage({ json: JSON.stringify({ problem: { message: String(message), fatal: true } }) });

self.addEventListener("error", (e) => say(e.message || e));
self.addEventListener("unhandledrejection", (e) => say(e.reason && e.reason.message ? e.reason.message : e.reason));

// Served, the glue and the wasm are files beside this one. In the single-file
// build (src/single.js) this script runs from a blob: URL, inside one
// function with the glue in front of it, the wasm as base64 in
// self.vtrWorkerWasm and that function's own text in self.vtrWorkerSource.
// The page's blob: URL is of another origin to this worker (a page opened
// from disk has an opaque origin, and so has each of its workers), so the
// helpers start from a blob: URL this worker makes of its own text:
// self.vtrWorkerUrl (read by crates/vtr-worker/src/helper.rs), made when
// first asked for.
if (self.vtrWorkerSource) {
  let url;
  Object.defineProperty(self, "vtrWorkerUrl", {
    get: () => (url ??= URL.createObjectURL(new Blob([self.vtrWorkerSource], { type: "text/javascript" }))),
  });
}
function embeddedWasm() {
  const b64 = self.vtrWorkerWasm;
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// The engine's exports, its memory among them: `make bench` reads how far
// that memory grew (a wasm memory never shrinks).
function keep(exports) {
  self.__vtrWasm = exports;
}

try {
  if (self.vtrWorkerWasm) {
    wasm_bindgen({ module_or_path: embeddedWasm() }).then(keep, say);
  } else {
    importScripts("./vtr-worker.js");
    wasm_bindgen("./vtr-worker_bg.wasm").then(keep, say);
  }
} catch (err) {
  say(err);
}
