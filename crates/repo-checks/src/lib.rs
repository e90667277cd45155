//! Checks of the repository's shape that no compiler makes: the tests in
//! `tests/` read the other crates' sources as text.
//!
//! - [`modules`] lists a crate's modules and which ones each refers to, so
//!   `tests/no_import_cycles.rs` can prove no module reaches back to one
//!   that depends on it.
//! - [`texts`] finds the English texts the page shows and its Chinese
//!   tables, so `tests/every_text_translated.rs` can prove none is missing.

pub mod modules;
pub mod texts;

use std::path::{Path, PathBuf};

/// The repository's root (this crate is `crates/repo-checks`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/repo-checks sits two levels below the root")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, sorted, so reports are stable.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `text` without `//` comments (line and doc), so a path named in prose
/// is not taken for a dependency. String literals are kept whole.
pub fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = '\0';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = if prev == '\\' && c == '\\' { '\0' } else { c };
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}
