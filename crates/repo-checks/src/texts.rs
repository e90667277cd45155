//! The page's English texts and its Chinese tables, read from the sources.
//!
//! A text is what the page hands to `t("..")`, `tr(lang, "..")` or
//! `trf(lang, "..", ..)` as a literal; the tables are the `("en", "zh")`
//! pairs of `src/i18n/zh_*.rs`. Both are compared as written in the
//! source (escapes and all), which is exact since both sides are literals.

use std::collections::BTreeMap;
use std::path::Path;

/// Every literal text the sources under `src` pass to `t`, `tr` or `trf`,
/// with the first file and line that uses it.
pub fn used_texts(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for f in crate::rust_files(src) {
        if f.components().any(|c| c.as_os_str() == "i18n") {
            continue;
        }
        let text = crate::strip_comments(&std::fs::read_to_string(&f).unwrap_or_default());
        for (line, lit) in calls(&text) {
            let at = format!("{}:{line}", f.strip_prefix(src).unwrap_or(&f).display());
            out.entry(lit).or_insert(at);
        }
    }
    out
}

/// The English keys of the Chinese tables in `i18n_dir` (`zh_*.rs`).
pub fn table_keys(i18n_dir: &Path) -> Vec<String> {
    let mut keys = Vec::new();
    for f in crate::rust_files(i18n_dir) {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        if !name.is_some_and(|n| n.starts_with("zh_")) {
            continue;
        }
        let text = crate::strip_comments(&std::fs::read_to_string(&f).unwrap_or_default());
        let mut rest = text.as_str();
        while let Some(i) = rest.find('(') {
            rest = rest[i + 1..].trim_start();
            if let Some((lit, after)) = literal(rest) {
                if after.trim_start().starts_with(',') {
                    keys.push(lit);
                }
                rest = after;
            }
        }
    }
    keys
}

/// `(line, literal)` of each call of `t`, `tr` or `trf` whose text is a
/// literal.
fn calls(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for name in ["t(", "tr(", "trf("] {
        let mut from = 0;
        while let Some(i) = text[from..].find(name) {
            let start = from + i;
            from = start + name.len();
            if start > 0
                && (bytes[start - 1].is_ascii_alphanumeric() || b"_.:".contains(&bytes[start - 1]))
            {
                continue;
            }
            let mut args = &text[from..];
            if name != "t(" {
                // Skip the language argument, up to its top-level comma.
                let mut depth = 0usize;
                let Some(comma) = args.char_indices().find_map(|(j, c)| {
                    match c {
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth == 0 => return Some(None),
                        ')' | ']' | '}' => depth -= 1,
                        ',' if depth == 0 => return Some(Some(j)),
                        _ => {}
                    }
                    None
                }) else {
                    continue;
                };
                let Some(comma) = comma else { continue };
                args = &args[comma + 1..];
            }
            let args = args.trim_start();
            if args.starts_with('"') {
                if let Some((lit, _)) = literal(args) {
                    let line = text[..start].matches('\n').count() + 1;
                    out.push((line, lit));
                }
            }
        }
    }
    out
}

/// The string literal at the start of `s` (which begins with `"`), as
/// written, and what follows it.
fn literal(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some((body[..i].to_string(), &body[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_with_literal_texts_are_found() {
        let src = "view! { {t(\"Files\")} }\nlet a = tr(lang.get(), \"Say \\\"hi\\\"\");\nformat(x, trf(lang, \"{n} rows\", &[]));\nlet b = tr(lang, status_text(s));\nstart(x);";
        let found = calls(src);
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, vec!["Files", "Say \\\"hi\\\"", "{n} rows"]);
        assert_eq!(found[1].0, 2);
    }
}
