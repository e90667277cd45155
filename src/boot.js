// Starts the wasm app. It is a file rather than Trunk's inline loader so that
// the Content-Security-Policy can forbid inline scripts. Trunk writes the
// hashed file names into the data- attributes of the <script> tag that loads
// this file (see pattern_script in Trunk.toml).
const tag = document.querySelector("script[data-wasm]");

function showBootError(detail) {
  const box = document.createElement("section");
  box.className = "error-panel";
  box.setAttribute("role", "alert");
  box.setAttribute("data-testid", "error-panel");
  const title = document.createElement("h2");
  title.textContent = "vtr-check could not start";
  const text = document.createElement("p");
  text.textContent =
    "This browser could not load the app. Use a current Chrome, Edge, Firefox or Safari and reload.";
  const pre = document.createElement("pre");
  pre.textContent = String(detail);
  box.append(title, text, pre);
  document.body.prepend(box);
}

try {
  const app = await import(tag.dataset.js);
  await app.default({ module_or_path: tag.dataset.wasm });
} catch (err) {
  // A panic already showed its own panel; only report failures to start.
  if (!document.getElementById("vtr-error-panel")) {
    showBootError(err);
  }
}
