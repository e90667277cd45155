#!/usr/bin/env bash
# Writes sw.js, the service worker, into a built page: src/sw.js with the
# list of every file beside it (hashed names included) and each file's
# SHA-256, and a version that is the hash of that list and of src/sw.js. A
# build that changes any file is a new version; one that changes none is the
# same version.
#
#   scripts/precache.sh [DIR]
#
# DIR defaults to $TRUNK_STAGING_DIR: Trunk runs this as a post_build hook
# (Trunk.toml), on the finished files just before they become dist/. Plain
# bash and coreutils, so that a build needs nothing more.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:-${TRUNK_STAGING_DIR:?usage: scripts/precache.sh DIR}}"
[[ -f "$dir/index.html" ]] || { echo "precache.sh: no index.html in $dir" >&2; exit 1; }

list=""
while IFS= read -r -d '' path; do
  name="${path#"$dir"/}"
  [[ "$name" == sw.js ]] && continue
  # Names go into JavaScript strings and URLs as they are.
  if [[ ! "$name" =~ ^[A-Za-z0-9._/-]+$ ]]; then
    echo "precache.sh: a file name the service worker cannot list: $name" >&2
    exit 1
  fi
  sha="$(sha256sum "$path" | cut -d' ' -f1)"
  list+="$sha $name"$'\n'
done < <(find "$dir" -type f -print0 | LC_ALL=C sort -z)

# The service worker's own code counts too: a change to it alone is a new version.
version="$( (printf '%s' "$list"; sha256sum src/sw.js) | sha256sum | cut -c1-16)"
files="$(printf '%s' "$list" | awk '{ printf "%s\n  [\"%s\", \"%s\"]", (NR > 1 ? "," : ""), $2, $1 } END { print "" }')"

awk -v version="$version" -v files="$files" '
  /^const VERSION = / { print "const VERSION = \"" version "\";"; next }
  /^const FILES = / { print "const FILES = [" files "\n];"; next }
  { print }
' src/sw.js >"$dir/sw.js"

grep -q "^const VERSION = \"$version\";" "$dir/sw.js" || { echo "precache.sh: src/sw.js has no VERSION line" >&2; exit 1; }
echo "precache.sh: sw.js version $version, $(printf '%s' "$list" | wc -l) files"
