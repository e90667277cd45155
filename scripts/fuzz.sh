#!/usr/bin/env bash
# make fuzz: coverage-guided fuzzing of the reader, the mapper and the
# validators (fuzz/fuzz_targets/, checks in crates/vtr-core/tests/fuzz_checks/)
# with cargo-fuzz and libFuzzer on a nightly toolchain, FUZZ_SECONDS per
# target (default 300). Installs what is missing first: the nightly
# toolchain (rustup) and cargo-fuzz (crates.io). Where either cannot be
# had, a randomized run of the same checks on stable, as long in all.
#
# Every input a target fails on is copied to fuzz/regressions/<target>/,
# which `make test` replays (crates/vtr-core/tests/fuzz_regressions.rs):
# fix the failure and commit the input with the fix. Not part of make test.
set -uo pipefail
cd "$(dirname "$0")/.."
per="${FUZZ_SECONDS:-300}"
targets=(read mapping validators)

nightly() { rustup run nightly rustc --version >/dev/null 2>&1; }
if ! nightly; then
  rustup toolchain install nightly --profile minimal || true
fi
if nightly && ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz || true
fi

if ! nightly || ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain or cargo-fuzz here; a randomized run on stable instead"
  VTR_FUZZ_SECONDS=$((per * ${#targets[@]})) \
    cargo test --release -p vtr-core --test fuzz_stable -- --ignored --nocapture
  exit $?
fi

status=0
for t in "${targets[@]}"; do
  # Seeds: the committed fixtures (the validators take their first lines).
  seeds="fuzz/seeds/$t"
  rm -rf "$seeds" && mkdir -p "$seeds" "fuzz/corpus/$t" "fuzz/regressions/$t"
  for f in fixtures/*.* fixtures/*/*.*; do
    [[ "$f" == *.md ]] && continue
    name="$(echo "$f" | tr '/' '_')"
    if [[ "$t" == validators ]]; then head -c 200 "$f" >"$seeds/$name"; else cp "$f" "$seeds/$name"; fi
  done
  echo "===== fuzz $t for ${per}s"
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "$seeds" -- \
    -max_total_time="$per" -max_len=65536 -timeout=20 -rss_limit_mb=4096 || status=1
  for a in fuzz/artifacts/"$t"/*; do
    [[ -f "$a" ]] && cp "$a" "fuzz/regressions/$t/" && echo "kept $a in fuzz/regressions/$t/"
  done
done
if ((status != 0)); then
  echo "fuzz: a target failed; its input is in fuzz/regressions/ (cargo test -p vtr-core --test fuzz_regressions)"
fi
exit $status
