// The loader of the single-file build (dist-single/vtr-check.html, made by
// scripts/single.mjs), in place of boot.js. It runs in the page's one inline
// module, after the page's wasm-bindgen glue, and everything it needs is in
// the file itself, as base64 in <script type="application/octet-stream">
// blocks (never run, so the Content-Security-Policy needs no hash for them):
//
// - the page's wasm, handed to the glue as bytes;
// - the engine worker: worker.js with the worker's glue in front of it and
//   its wasm as base64, all in one function, started from a blob: URL (a
//   page opened from disk cannot start a worker from a file). The page
//   finds that URL in globalThis.vtrWorkerUrl (src/engine.rs). The worker
//   gets the function's own text too, to start its helpers from a blob: URL
//   of its own with #role=helper (a blob: URL takes no query; see
//   src/worker.js);
// - the sample, as the Blob globalThis.vtrSample (src/sample.rs).
//
// No service worker: a file on disk is already there with the network off.
async function vtrSingle(init) {
  const base64 = (id) => document.getElementById(id).textContent.replace(/\s+/g, "");
  const bytes = (b64) => {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    const text = atob(b64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  };
  try {
    const worker = new Blob(
      [
        "(function vtrWorkerMain() {\n",
        `self.vtrWorkerWasm = "${base64("vtr-worker-wasm")}";\n`,
        'self.vtrWorkerSource = "(" + vtrWorkerMain + ")();\\n";\n',
        bytes(base64("vtr-worker-js")),
        "\n})();\n",
      ],
      { type: "text/javascript" },
    );
    globalThis.vtrWorkerUrl = URL.createObjectURL(worker);
    Object.defineProperty(globalThis, "vtrSample", {
      get: () => new Blob([bytes(base64("vtr-sample"))], { type: "text/csv" }),
    });
    await init({ module_or_path: bytes(base64("vtr-page-wasm")) });
  } catch (err) {
    // A panic already showed its own panel; only report failures to start.
    if (document.getElementById("vtr-error-panel")) return;
    const box = document.createElement("section");
    box.className = "error-panel";
    box.setAttribute("role", "alert");
    box.setAttribute("data-testid", "error-panel");
    const title = document.createElement("h2");
    title.textContent = "vtr-check could not start";
    const text = document.createElement("p");
    text.textContent =
      "This browser could not load the app. Use a current Chrome, Edge, Firefox or Safari and open the file again.";
    const pre = document.createElement("pre");
    pre.textContent = String(err);
    box.append(title, text, pre);
    document.body.prepend(box);
  }
}
