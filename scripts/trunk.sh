#!/usr/bin/env bash
# Runs Trunk the way this repository needs, always as a release build:
#
#   scripts/trunk.sh build [trunk options]
#   scripts/trunk.sh serve [trunk options]
#
# - scripts/trunk-cargo/ goes first on PATH so Trunk can build the app,
#   which the workspace's default-members leave out (see the comment there).
# - wasm-opt shrinks the .wasm by about 40 %. Trunk runs offline and cannot
#   download one, so index.html's data-wasm-opt is switched off unless a
#   wasm-opt of version 116 or newer is found: the npm one that
#   scripts/setup.sh installs into scripts/wasm-opt/, else the system's.
#   Debian 12's binaryen 108 is not enough: it rewrites wasm-bindgen's
#   externref table into a form Chromium rejects ("WebAssembly.Table.set():
#   Argument 1 is invalid for table") and the page never starts. 132 works;
#   116 is the oldest we accept, as the oldest release in common use with
#   reference types on, not a measured bound.
set -euo pipefail
cd "$(dirname "$0")/.."

command="${1:?usage: scripts/trunk.sh build|serve [trunk options]}"
shift

PATH="$PWD/scripts/trunk-cargo:$PATH"
if [[ -x scripts/wasm-opt/node_modules/.bin/wasm-opt ]]; then
  PATH="$PWD/scripts/wasm-opt/node_modules/.bin:$PATH"
fi
export PATH

index=index.html
version="$( (wasm-opt --version 2>/dev/null || true) | grep -oE '[0-9]+' | head -n 1 || true)"
if [[ -z "$version" ]] || ((version < 116)); then
  echo "trunk.sh: no wasm-opt >= 116 (found: ${version:-none}); building without it, so the .wasm is larger" >&2
  # A copy beside index.html, so that the relative paths in it still resolve.
  sed 's/data-wasm-opt="[^"]*"/data-wasm-opt="0"/' index.html >.index-no-wasm-opt.html
  index=.index-no-wasm-opt.html
fi

exec trunk "$command" "$index" --release "$@"
