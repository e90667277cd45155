// The service worker: after one visit the page opens and works with the
// network off. It keeps every file of one build in a cache of its own and
// answers the page's requests for them from there, never from the network.
//
// scripts/precache.sh writes dist/sw.js from this file at build time and
// fills in VERSION and FILES (each file of dist/ with its SHA-256), so a new
// build is a new service worker. That one fetches and checks its own files
// into its own cache while the old one goes on serving the old files; the
// page then shows "new version: reload" (src/boot.js), and only when the
// seller presses Reload does the new one take over: a page is always all
// old or all new. The old caches are deleted when the new one takes over.

const VERSION = "unbuilt"; // filled in by scripts/precache.sh
const FILES = []; // filled in by scripts/precache.sh: [name, sha256 hex], ...

// Caches are shared by the whole origin; several copies of the page may live
// under different paths of one host, so each cache is named by its scope.
const PREFIX = `vtr-check ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const NAMES = new Map(FILES);

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** One file, checked against the SHA-256 this build wrote for it. */
async function fetchChecked(name, sha) {
  const url = new URL(name, self.registration.scope);
  // The browser's HTTP cache may hold a file of an earlier build under the
  // same name (worker.js, say): then ask the server again, past that cache.
  for (const cache of ["no-cache", "reload"]) {
    const response = await fetch(url, { cache, credentials: "same-origin" });
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const body = await response.clone().arrayBuffer();
    if (hex(await crypto.subtle.digest("SHA-256", body)) === sha) return [url, response];
  }
  throw new Error(`${name} is not the file of build ${VERSION}`);
}

self.addEventListener("install", (event) => {
  // Not skipWaiting: the new files wait until the page asks for them.
  event.waitUntil(
    (async () => {
      const fetched = await Promise.all(FILES.map(([name, sha]) => fetchChecked(name, sha)));
      const cache = await caches.open(CACHE);
      await Promise.all(fetched.map(([url, response]) => cache.put(url, response)));
    })().catch(async (err) => {
      // A half-filled cache is never used; the next visit tries again.
      await caches.delete(CACHE);
      throw err;
    }),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

// The page's Reload button (src/boot.js) sends this to the waiting worker.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // The query is the page's own (?memory-cap-mb=, ?role=helper): the file is the same.
  let name = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (name === "") name = "index.html";
  if (!NAMES.has(name)) return;
  const key = new URL(name, scope);
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => {
        // Only if the browser dropped the cache (storage pressure) is the network asked.
        if (!hit) return fetch(request);
        // A worker takes its address from the response it was started with:
        // the cached one is worker.js without the query (?role=helper), and a
        // helper so started would take itself for the engine. A response
        // made here has no address of its own, so the request's is kept.
        if (request.url === key.href) return hit;
        return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
      }),
  );
});
