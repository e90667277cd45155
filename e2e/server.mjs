// A small static file server for dist/, on 127.0.0.1 and a free port.
// It serves GET and HEAD only, refuses paths outside dist/, and shuts itself
// down after `lifetimeMs` so a crashed test run cannot leave it behind.
// With `prefix` ("/some/sub/path/") it serves dist/ there and nothing at
// the root, the way a project page is served from a path of its host.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const DIST = resolve(fileURLToPath(new URL("../dist", import.meta.url)));

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  // Must be exact, or WebAssembly.instantiateStreaming refuses the module.
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * Starts the server; resolves to { url, base, close, served } once it
 * listens. `url` is the origin, `base` the page's address (`url` + prefix).
 * `served` lists every path asked for, for assertions.
 */
export async function startServer({ root = DIST, prefix = "/", lifetimeMs = 10 * 60 * 1000 } = {}) {
  if (!prefix.startsWith("/") || !prefix.endsWith("/")) throw new Error(`prefix must start and end with "/": ${prefix}`);
  const served = [];
  const server = createServer(async (req, res) => {
    served.push(req.url);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // As static hosts do: the prefix without its slash is sent to it.
    if (path + "/" === prefix) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    path = path.slice(prefix.length - 1);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  server.requestTimeout = 30_000;
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const stopper = setTimeout(() => server.close(), lifetimeMs);
  stopper.unref();
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    base: `http://127.0.0.1:${port}${prefix}`,
    served,
    close: () =>
      new Promise((ok) => {
        clearTimeout(stopper);
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
