#!/usr/bin/env bash
# Writes dist-single/vtr-check.html, the whole page in one file that works
# opened from disk (file://), with no server and no network, from the
# release build in dist/ (scripts/trunk.sh build, or make single).
#
#   scripts/single.sh [DIST] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${1:-dist}"
out="${2:-dist-single/vtr-check.html}"
if [[ ! -f "$dist/index.html" ]]; then
  echo "single.sh: no build in $dist/: run scripts/trunk.sh build first" >&2
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "single.sh: needs Node (scripts/setup.sh --test installs it)" >&2
  exit 1
fi
exec node scripts/single.mjs "$dist" "$out"
