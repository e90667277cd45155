//! Every input `make fuzz` found a failure with, kept in
//! `fuzz/regressions/<target>/`, replayed through the same checks
//! (`fuzz_checks`), so a failure once found stays fixed.

#[path = "fuzz_checks/mod.rs"]
mod fuzz_checks;

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut n = 0;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let hidden = |p: &PathBuf| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        };
        for p in paths.iter().filter(|p| p.is_file() && !hidden(p)) {
            let bytes = std::fs::read(p).unwrap();
            check(&bytes);
            n += 1;
        }
    }
    n
}

#[test]
fn every_input_fuzzing_found_passes_its_checks() {
    replay("read", fuzz_checks::read);
    replay("mapping", fuzz_checks::mapping);
    replay("validators", fuzz_checks::validators);
}

#[test]
fn the_checks_pass_on_the_committed_fixtures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for sub in ["", "formats", "inferred", "encodings", "workbooks"] {
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                fuzz_checks::read(&bytes);
                fuzz_checks::mapping(&bytes);
                fuzz_checks::validators(&bytes[..bytes.len().min(64)]);
            }
        }
    }
}
