// Starts the wasm app. It is a file rather than Trunk's inline loader so that
// the Content-Security-Policy can forbid inline scripts. Trunk writes the
// hashed file names into the data- attributes of the <script> tag that loads
// this file (see pattern_script in Trunk.toml); they are relative, so the
// page works from any path. Once the app runs, this registers the service
// worker (sw.js) that keeps the page working offline, and shows a notice
// when a new version of the page is ready.
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

// What the notice's Reload button does; the latest call decides.
let reloadAction = () => location.reload();

// "New version: reload", in the page's language (the app sets <html lang>).
function showUpdateNotice(onReload) {
  reloadAction = onReload;
  if (document.querySelector("[data-testid=update-notice]")) return;
  const zh = document.documentElement.lang.startsWith("zh");
  const box = document.createElement("div");
  box.className = "update-notice";
  box.setAttribute("role", "status");
  box.setAttribute("data-testid", "update-notice");
  const text = document.createElement("span");
  text.textContent = zh ? "vtr-check 有新版本。" : "A new version of vtr-check is ready.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small primary";
  button.textContent = zh ? "重新加载" : "Reload";
  button.setAttribute("data-testid", "update-reload");
  button.addEventListener("click", () => {
    button.disabled = true;
    reloadAction();
  });
  box.append(text, button);
  document.body.append(box);
}

// The page keeps being served by the service worker it was opened with. A new
// build installs a new one beside it (sw.js fetches its files into a cache of
// its own); the seller is then offered a reload, and only when they take it
// does the new worker take over and the page load again, all of it new.
async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const sw = navigator.serviceWorker;
  let asked = false;
  sw.addEventListener("controllerchange", () => {
    if (asked) {
      location.reload();
    } else if (sw.controller) {
      // Another tab took the new version, and what this one loads from now
      // on would be new: reload at once if it holds no files (nothing is
      // lost), else say so and let the seller choose when.
      if (document.querySelector("[data-testid=file-row], [data-testid=files-many]")) {
        showUpdateNotice(() => location.reload());
      } else {
        location.reload();
      }
    }
  });
  const registration = await sw.register("./sw.js", { scope: "./" });
  const offer = (waiting) =>
    showUpdateNotice(() => {
      asked = true;
      waiting.postMessage("skip-waiting");
    });
  // Without a controller this page came from the network, new already;
  // the waiting worker takes over when the old pages are closed.
  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === "installed" && sw.controller) offer(worker);
    };
    worker.addEventListener("statechange", check);
    check();
  };
  watch(registration.waiting ?? registration.installing);
  registration.addEventListener("updatefound", () => watch(registration.installing));
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

// Offline use is a convenience: where the browser refuses (a private
// window, say), the page works as before, online.
registerServiceWorker().catch(() => {});
