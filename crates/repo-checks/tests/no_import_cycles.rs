//! No module of any crate reaches back to a module that depends on it:
//! shared types live below both sides.

use repo_checks::{modules, repo_root};

#[test]
fn no_crate_has_an_import_circle() {
    let root = repo_root();
    let mut found = Vec::new();
    for src in [
        "src",
        "crates/vtr-core/src",
        "crates/vtr-worker/src",
        "crates/vtr-cli/src",
        "crates/repo-checks/src",
    ] {
        let g = modules::graph(&root.join(src));
        assert!(g.len() > 1, "{src}: no modules found");
        for c in modules::cycles(&g) {
            found.push(format!("{src}: {}", c.join(" <-> ")));
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_the_apps_modules() {
    // Guards the reader itself: a known edge must be there.
    let g = modules::graph(&repo_root().join("src"));
    assert!(g["results::reasons"].contains("results::links"), "{g:?}");
    assert!(g["app"].contains("load::drop_zone"), "{g:?}");
}
