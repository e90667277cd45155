# Two commands matter:
#   make run    build and serve the app at http://127.0.0.1:8080
#   make test   every check and test layer; fails if any fails or runs no test
# Both install what is missing first (scripts/setup.sh) and skip what is there.
# And one to take the app away:
#   make single dist-single/vtr-check.html, the whole app in one file that
#               works opened from disk, with no server and no network

.PHONY: run test single setup setup-single setup-test build fmt clippy test-native test-wasm test-e2e bench fuzz clean

run: setup
	scripts/trunk.sh serve

test: setup-test
	scripts/test.sh

single: setup-single
	scripts/trunk.sh build
	scripts/single.sh

setup:
	scripts/setup.sh

setup-single:
	scripts/setup.sh --single

setup-test:
	scripts/setup.sh --test

# Single layers, for working on one thing. They assume setup has run.
build:
	scripts/trunk.sh build

fmt:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p vtr-check -p vtr-worker --all-targets --no-deps -- -D warnings

test-native:
	cargo test --workspace --exclude vtr-check

test-wasm:
	CHROMEDRIVER=$${CHROMEDRIVER:-/usr/bin/chromedriver} \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p vtr-check --target wasm32-unknown-unknown

test-e2e: build
	scripts/single.sh
	cargo build --quiet -p vtr-cli
	cd e2e && node --test --test-reporter=spec

# A benchmark, never a test: vtr check natively (one thread and all), the
# built page in headless Chromium (time to result, longest main-thread
# task, memory growth), PapaParse in the same browser as the peer, a
# settings change, a small file after a big one, 1,000 small files. Prints a
# table and writes bench/results.md and bench/results.json (see bench/README.md).
bench: setup-test
	cargo build --release -p vtr-cli
	scripts/trunk.sh build
	scripts/bench.sh

# Coverage-guided fuzzing of the reader, the mapper and the validators
# (cargo-fuzz on nightly, installed if missing; else a randomized run on
# stable), FUZZ_SECONDS per target (default 300). Never part of make test;
# what it finds is kept in fuzz/regressions/, which make test replays.
fuzz:
	scripts/fuzz.sh

clean:
	rm -rf dist dist-single .index-no-wasm-opt.html e2e/node_modules scripts/wasm-opt/node_modules
