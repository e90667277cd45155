#!/usr/bin/env bash
# Installs what building (and, with --test, testing) the app needs.
# Idempotent: every step first checks what is installed and does nothing when
# it is already right, so a second run takes about a second.
#
#   scripts/setup.sh          Rust wasm target, Trunk, wasm-bindgen CLI
#   scripts/setup.sh --single the above, plus Node (make single runs
#                             scripts/single.mjs with it)
#   scripts/setup.sh --test   the above, plus rustfmt/clippy, Chromium and
#                             chromedriver, Node, and the e2e npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
want_test=false
want_node=false
[[ "${1:-}" == "--test" ]] && want_test=true && want_node=true
[[ "${1:-}" == "--single" ]] && want_node=true

say() { printf 'setup: %s\n' "$*"; }

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock,
# or the generated bindings fail with a schema-version mismatch.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (takes about 12 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [[ ! -f Cargo.lock ]]; then
  cargo generate-lockfile
fi
WBG_VERSION="$(wasm_bindgen_version)"
if [[ -z "$WBG_VERSION" ]]; then
  say "no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG_VERSION" ]] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WBG_VERSION (takes about 4 minutes)"
  # --locked can fail when a version pinned in the CLI's own lockfile is not
  # in the registry index any more; resolving afresh then still gives the
  # same CLI version.
  cargo install --locked wasm-bindgen-cli --version "$WBG_VERSION" \
    || cargo install --force wasm-bindgen-cli --version "$WBG_VERSION"
fi

# The npm registry has a current binaryen; Debian 12's is too old for this
# app (see scripts/trunk.sh). Without npm the build just skips wasm-opt.
npm_ci_if_changed() {
  local dir="$1" stamp="$1/node_modules/.installed-from-lock" sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$sum" ]]; then
    say "npm ci in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund)
    echo "$sum" >"$stamp"
  fi
}
if command -v npm >/dev/null; then
  npm_ci_if_changed scripts/wasm-opt
elif ! $want_node; then
  say "npm not found: release builds will skip wasm-opt (larger .wasm)"
fi

$want_node || exit 0

if ! $want_test; then
  # make single: Node (any version Debian has) and npm, for wasm-opt too.
  missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    say "installing ${missing[*]} with apt-get"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
  npm_ci_if_changed scripts/wasm-opt
  exit 0
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  say "installing ${missing[*]} with apt-get"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# playwright-core needs Node 20 or newer (Debian 12's own nodejs is 18).
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  say "Node $(node --version) is too old for playwright-core: install Node 20 or newer" >&2
  exit 1
fi

# npm ci wipes and reinstalls node_modules; skip it while the lockfile is
# unchanged since the last install.
npm_ci_if_changed scripts/wasm-opt
npm_ci_if_changed e2e
