//! Every text the page shows has its Chinese, and every Chinese entry is
//! still used: a new English text cannot ship untranslated.

use repo_checks::{repo_root, texts};

#[test]
fn every_page_text_has_chinese() {
    let root = repo_root();
    let used = texts::used_texts(&root.join("src"));
    let keys: std::collections::BTreeSet<String> = texts::table_keys(&root.join("src/i18n"))
        .into_iter()
        .collect();
    assert!(used.len() > 100, "found only {} texts", used.len());
    let missing: Vec<String> = used
        .iter()
        .filter(|(t, _)| !keys.contains(*t))
        .map(|(t, at)| format!("{at}: {t}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no Chinese for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_text_is_in_two_tables() {
    let keys = texts::table_keys(&repo_root().join("src/i18n"));
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<&String> = keys.iter().filter(|k| !seen.insert(*k)).collect();
    assert!(twice.is_empty(), "{twice:?}");
}
