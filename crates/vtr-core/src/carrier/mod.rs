//! Carriers and their tracking numbers (`shared/spec/tracking-formats.md`):
//! the registry of known carriers ([`registry`]), the format table
//! ([`formats`]) and the check-digit algorithms behind it ([`check_digit`]),
//! plus the two text normalisations everything else keys on.

pub mod check_digit;
pub mod formats;
pub mod registry;

pub use formats::Format;
pub use registry::{
    format_carriers, has_formats, passes_any_format, AliasEdit, Carrier, CarrierId, FlagEdit,
    NewCarrier, Registry, RegistryEdits,
};

/// Characters a tracking number loses when normalised: whitespace of any
/// kind (trimming is then implied), hyphens, and, because numbers are
/// copied from web pages and PDFs, the Unicode hyphens/dashes and the
/// invisible zero-width characters that ride along with them.
pub(crate) fn is_tracking_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The normalised form of a tracking number: trimmed, without spaces and
/// hyphens, upper-cased. Formats are matched on this form and packages are
/// grouped by it, so `"1z 999-aa1 0123456784"` and `"1Z999AA10123456784"`
/// are the same number.
pub fn normalize_tracking(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !is_tracking_separator(c) {
            out.extend(c.to_uppercase());
        }
    }
    out
}

/// The key carrier names are matched on: lower-cased, with spaces and
/// punctuation (anything not a letter or digit) dropped, so `"U.S.P.S."`,
/// `"usps"` and `"U S P S"` all give `"usps"`.
pub fn carrier_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Calls `f` with [`carrier_key`]`(text)`, building the key on the stack
/// when `text` is ASCII and the key short, which is the per-package case.
pub(crate) fn with_carrier_key<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for &b in text.as_bytes() {
        if !b.is_ascii() || (b.is_ascii_alphanumeric() && n == buf.len()) {
            return f(&carrier_key(text));
        }
        if b.is_ascii_alphanumeric() {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(k) => f(k),
        Err(_) => f(&carrier_key(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_tracking() {
        assert_eq!(
            normalize_tracking("  1z 999-aa1 0123456784 "),
            "1Z999AA10123456784"
        );
        assert_eq!(
            normalize_tracking("9400\u{00A0}1000\u{2013}0000"),
            "940010000000"
        );
        assert_eq!(normalize_tracking("\u{FEFF}ab\u{200B}c"), "ABC");
        assert_eq!(normalize_tracking(""), "");
    }

    #[test]
    fn carrier_keys() {
        assert_eq!(carrier_key("U.S.P.S."), "usps");
        assert_eq!(carrier_key(" FedEx  Ground "), "fedexground");
        assert_eq!(carrier_key("AMZL_US"), "amzlus");
        assert_eq!(carrier_key("R+L Carriers"), "rlcarriers");
        assert_eq!(carrier_key("Ünïcode Pöst"), "ünïcodepöst");
    }

    #[test]
    fn stack_key_equals_heap_key() {
        for t in [
            "U.S.P.S.",
            "",
            "---",
            "Ünï",
            &"a".repeat(70),
            "中国邮政",
            "Yun-Express ",
        ] {
            assert_eq!(with_carrier_key(t, str::to_owned), carrier_key(t), "{t}");
        }
    }
}
