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

try {
  importScripts("./vtr-worker.js");
  wasm_bindgen("./vtr-worker_bg.wasm").catch(say);
} catch (err) {
  say(err);
}
