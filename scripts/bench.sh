#!/usr/bin/env bash
# Runs bench/run.mjs, installing its pinned npm packages (playwright-core,
# and PapaParse, which only the benchmark uses) when the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=bench/node_modules/.installed-from-lock
sum="$(sha256sum bench/package-lock.json | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$sum" ]]; then
  (cd bench && npm ci --no-audit --no-fund)
  echo "$sum" >"$stamp"
fi
exec node bench/run.mjs "$@"
