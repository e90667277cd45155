//! What a tracking cell says before any carrier is consulted: nothing
//! (a placeholder), a number a spreadsheet damaged, and whether the
//! carrier scanned the package. The reading layer needs these to fold rows
//! into packages, so they live here rather than with the rules.

/// What the input says about a carrier scan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ScanEvidence {
    /// No scan column mapped: the result is a prediction.
    #[default]
    Unknown,
    /// The carrier scanned the package.
    Scanned,
    /// Scan evidence is mapped and says there was no scan.
    NotScanned,
}

/// Whether a tracking field says "no tracking": empty, or one of N/A, NA,
/// none, null, "-", 0 (trimmed, any case).
pub fn is_placeholder(raw: &str) -> bool {
    let t = crate::value::trim(raw);
    t.is_empty()
        || ["n/a", "na", "none", "null", "-", "0"]
            .iter()
            .any(|p| t.eq_ignore_ascii_case(p))
}

/// Whether a tracking field was damaged by a spreadsheet: scientific
/// notation (`9.4001E+21`, `1.23e15`, see [`crate::rules::validity`] for
/// the exact shape), or 8 or more digits followed by `.0`.
pub fn is_spreadsheet_mangled(raw: &str) -> bool {
    let s = crate::value::trim(raw).as_bytes();
    if let Some(body) = s.strip_suffix(b".0") {
        if body.len() >= 8 && body.iter().all(u8::is_ascii_digit) {
            return true;
        }
    }
    is_scientific(s)
}

/// `d+ ([.,] d*)? [eE] [+-]? d{1,3}`, with a decimal mark or a sign.
fn is_scientific(s: &[u8]) -> bool {
    let int_len = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 {
        return false;
    }
    let mut rest = &s[int_len..];
    let mut marked = false;
    if let Some((&(b'.' | b','), tail)) = rest.split_first() {
        marked = true;
        let frac = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        rest = &tail[frac..];
    }
    let Some((&(b'e' | b'E'), tail)) = rest.split_first() else {
        return false;
    };
    rest = tail;
    if let Some((&(b'+' | b'-'), tail)) = rest.split_first() {
        marked = true;
        rest = tail;
    }
    marked && (1..=3).contains(&rest.len()) && rest.iter().all(u8::is_ascii_digit)
}
