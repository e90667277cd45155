//! `make fuzz` where no nightly toolchain or cargo-fuzz can be had: a long
//! randomized run on stable of the same checks (`fuzz_checks`), on the
//! committed fixtures mutated (bytes flipped, inserted, removed, lines
//! repeated, files spliced), for `VTR_FUZZ_SECONDS` (default 60).
//! Ignored by `make test`; every input that fails is written to
//! `fuzz/regressions/<check>/`, which `fuzz_regressions.rs` replays.

#[path = "fuzz_checks/mod.rs"]
mod fuzz_checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A check by name.
type Check = (&'static str, fn(&[u8]));

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const BYTES: &[u8] = b",;\t\n\r\"'-/.:0123456789 xX$\xef\xbb\xbf\xff\xfe\x00\x81\xe4\xb8\xad";

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], mut v: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, BYTES[rng.below(BYTES.len())]),
            2 if at < v.len() => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                // A line repeated.
                let start = v[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = v[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(v.len(), |i| at + i + 1);
                let line = v[start..end].to_vec();
                let pos = rng.below(v.len() + 1);
                v.splice(pos..pos, line);
            }
            4 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let take = rng.below(other.len() - from + 1).min(256);
                v.splice(at..at, other[from..from + take].iter().copied());
            }
            _ => v.truncate(at),
        }
    }
    v.truncate(1 << 16);
    v
}

#[test]
#[ignore = "make fuzz runs it, for a set time"]
fn randomized_run_on_stable() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut corpus = Vec::new();
    for sub in [
        "fixtures",
        "fixtures/formats",
        "fixtures/inferred",
        "fixtures/encodings",
        "fixtures/workbooks",
    ] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                let b = std::fs::read(&p).unwrap();
                corpus.push(b[..b.len().min(1 << 16)].to_vec());
            }
        }
    }
    let seconds = std::env::var("VTR_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed = std::env::var("VTR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_u64);
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut rng = Rng(seed | 1);
    let checks: [Check; 3] = [
        ("read", fuzz_checks::read),
        ("mapping", fuzz_checks::mapping),
        ("validators", fuzz_checks::validators),
    ];
    let (mut runs, mut failed) = (0u64, 0u64);
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < until {
        let base = corpus[rng.below(corpus.len())].clone();
        let input = mutate(&mut rng, &corpus, base);
        for (name, check) in checks {
            let input = if name == "validators" {
                input[..input.len().min(80)].to_vec()
            } else {
                input.clone()
            };
            if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
                failed += 1;
                let dir = root.join("fuzz/regressions").join(name);
                std::fs::create_dir_all(&dir).unwrap();
                let hash = input.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                });
                std::fs::write(dir.join(format!("stable-{hash:016x}")), &input).unwrap();
            }
        }
        runs += 1;
    }
    let _ = std::panic::take_hook();
    println!("{runs} inputs in {seconds} s, {failed} failures (kept in fuzz/regressions/)");
    assert_eq!(failed, 0, "inputs that fail are in fuzz/regressions/");
}
