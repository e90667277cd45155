#!/usr/bin/env bash
# Runs every test layer in order and prints one summary line per layer.
#
# A layer fails when its command fails or when it ran zero tests (counted
# from the runner's own closing lines), so a filter or a cfg that silently
# drops every test cannot pass. Layers after a failed one still run, except
# that the end-to-end tests need the release build.
#
# Expects scripts/setup.sh --test to have run (make test does that).
set -uo pipefail
cd "$(dirname "$0")/.."

LOG_DIR="${VTR_TEST_LOG_DIR:-$(mktemp -d -t vtr-test-XXXXXX)}"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# The runner waits this long for the browser before giving up (default 20 s).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# A fresh clone builds everything once: incremental caches only cost disk.
if [[ -n "${CI:-}" ]]; then
  export CARGO_INCREMENTAL=0
fi

# A full disk shows up as a compiler error deep in a layer's log; say it first.
free_kb=$(df -Pk . | awk 'NR == 2 { print $4 }')
if ((free_kb < 6 * 1024 * 1024)); then
  echo "warning: only $((free_kb / 1024)) MB free here; a clean test run writes about 4 GB to target/" >&2
fi

summary=()
total_passed=0
total_failed=0
any_failed=false

# Sums "N passed; M failed" over all `test result:` lines of cargo test and
# wasm-bindgen-test-runner output.
count_cargo() {
  awk '/^test result: (ok|FAILED)\./ {
         for (i = 1; i <= NF; i++) {
           if ($(i + 1) ~ /^passed;?$/) p += $i
           if ($(i + 1) ~ /^failed;?$/) f += $i
         }
       } END { printf "%d %d\n", p, f }' "$1"
}

# Reads the "pass N" / "fail N" closing lines of node's test runner.
count_node() {
  awk '/^(ℹ|#) pass [0-9]+$/ { p = $3 } /^(ℹ|#) fail [0-9]+$/ { f = $3 }
       END { printf "%d %d\n", p, f }' "$1"
}

# run_layer NAME COUNTER TIMEOUT_SECONDS COMMAND...
# COUNTER is count_cargo, count_node or none (a check with no test count).
run_layer() {
  local name="$1" counter="$2" limit="$3"
  shift 3
  local log="$LOG_DIR/$name.log" start=$SECONDS status passed=0 failed=0 verdict
  printf '\n===== %s: %s\n' "$name" "$*"
  timeout --kill-after=30 "$limit" "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if [[ "$counter" != none ]]; then
    read -r passed failed < <("$counter" "$log")
  fi
  if ((status == 124)); then
    verdict="FAILED (timed out after ${limit}s)"
  elif ((status != 0)); then
    verdict="FAILED (exit $status)"
  elif [[ "$counter" != none ]] && ((passed == 0)); then
    verdict="FAILED (ran no tests)"
  else
    verdict="ok"
  fi
  [[ "$verdict" == ok ]] || any_failed=true
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  local counts="-"
  [[ "$counter" != none ]] && counts="$passed passed, $failed failed"
  summary+=("$(printf '%-8s %-32s %-26s %4ss' "$name" "$verdict" "$counts" $((SECONDS - start)))")
  [[ "$verdict" == ok ]]
}

build_ok=false
run_layer fmt none 300 cargo fmt --all --check
run_layer clippy none 1800 bash -c 'set -e
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --target wasm32-unknown-unknown -p vtr-check -p vtr-worker --all-targets --no-deps -- -D warnings'
# The app itself only runs in a browser; its tests are the wasm layer.
run_layer native count_cargo 2400 cargo test --workspace --exclude vtr-check
run_layer wasm count_cargo 1800 cargo test -p vtr-check --target wasm32-unknown-unknown
run_layer build none 1800 scripts/trunk.sh build && build_ok=true
if $build_ok; then
  # dist-single/vtr-check.html, from dist/: e2e/single.test.mjs opens it.
  run_layer single none 300 scripts/single.sh
  # The CLI first: the tests hold the page to `vtr check`, and building it
  # here keeps that build out of every test's timeout (e2e/engine.mjs).
  run_layer e2e count_node 900 bash -c 'cargo build --quiet -p vtr-cli && cd e2e && node --test --test-reporter=spec'
else
  summary+=("$(printf '%-8s %-32s' e2e 'FAILED (not run: no build)')")
  any_failed=true
fi

if [[ -d dist ]]; then
  wasm="$(ls dist/*.wasm 2>/dev/null | head -n 1)"
  if [[ -n "$wasm" ]]; then
    printf '\nrelease wasm: %s bytes raw, %s bytes gzipped (%s)\n' \
      "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)" "$wasm"
  fi
fi
printf '\n===== summary (logs in %s)\n' "$LOG_DIR"
printf '%s\n' "${summary[@]}"
echo "total: $total_passed passed, $total_failed failed"
! $any_failed
