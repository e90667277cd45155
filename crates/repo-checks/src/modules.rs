//! A crate's module graph, read from its sources: one node per file, an
//! edge wherever one file names `crate::a::b` or `super::c`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`"results::links"`, `""` for the crate root) to the
/// modules it refers to.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module graph of the crate whose sources are in `src`.
pub fn graph(src: &Path) -> Graph {
    let files = crate::rust_files(src);
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(src).expect("under src");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(f).unwrap_or_default();
        modules.insert(parts.join("::"), crate::strip_comments(&text));
    }
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut g = Graph::new();
    for (name, text) in &modules {
        let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
        let mut deps = BTreeSet::new();
        for (prefix, base) in [("crate::", ""), ("super::", parent)] {
            for path in paths_after(text, prefix) {
                for target in expand(base, &path) {
                    if let Some(m) = deepest_module(&known, &target) {
                        if m != *name && !is_ancestor(&m, name) {
                            deps.insert(m);
                        }
                    }
                }
            }
        }
        g.insert(name.clone(), deps);
    }
    g
}

/// The paths written after each `prefix`, as `a::b::{c, d::e}`.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(prefix) {
        let start = from + i;
        from = start + prefix.len();
        // `vtr_core::crate::` does not exist, but `my_crate::` does.
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let mut depth = 0usize;
        let mut end = from;
        for (j, c) in text[from..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                c if depth > 0 || c.is_alphanumeric() || c == '_' || c == ':' => {}
                _ => {
                    end = from + j;
                    break;
                }
            }
            end = from + j + c.len_utf8();
        }
        out.push(text[from..end].to_string());
    }
    out
}

/// `a::{b, c::d}` under `base` as full paths: `base::a::b`, `base::a::c::d`.
fn expand(base: &str, path: &str) -> Vec<String> {
    let join = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    };
    let path = path.trim().trim_end_matches("::");
    match path.find('{') {
        None => vec![join(base, path)],
        Some(i) => {
            let head = join(base, path[..i].trim_end_matches("::"));
            let inner = path[i + 1..].trim_end_matches('}');
            split_top(inner)
                .into_iter()
                .flat_map(|part| expand(&head, part.trim()))
                .collect()
        }
    }
}

/// `inner` split at commas outside braces.
fn split_top(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// The longest prefix of `path` that is a module of the crate.
fn deepest_module(known: &BTreeSet<String>, path: &str) -> Option<String> {
    let mut p = path.trim().to_string();
    loop {
        if known.contains(&p) && !p.is_empty() {
            return Some(p);
        }
        match p.rsplit_once("::") {
            Some((head, _)) => p = head.to_string(),
            None => return None,
        }
    }
}

fn is_ancestor(a: &str, b: &str) -> bool {
    b.starts_with(&format!("{a}::"))
}

/// Every set of modules that reach one another (strongly connected
/// components with more than one module), each sorted.
pub fn cycles(g: &Graph) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iteratively small enough to stay recursive here:
    // a crate has tens of modules.
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                scc.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                t.out.push(scc);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out.sort();
    t.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_expanded_through_braces() {
        assert_eq!(
            expand("", "a::{b, c::{d, e}}"),
            vec!["a::b", "a::c::d", "a::c::e"]
        );
        assert_eq!(
            paths_after("use crate::x::{y, z};\nfoo(crate::w::f());", "crate::"),
            vec!["x::{y, z}", "w::f"]
        );
    }

    #[test]
    fn a_two_module_circle_is_found() {
        let mut g = Graph::new();
        g.insert("a".into(), ["b".to_string()].into());
        g.insert("b".into(), ["a".to_string()].into());
        g.insert("c".into(), ["a".to_string()].into());
        assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
    }
}
