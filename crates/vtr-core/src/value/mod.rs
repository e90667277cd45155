//! Cell values that need parsing before a rule can use them: dates
//! ([`date`]), money ([`money`]) and countries ([`country`]), in the many
//! ways exports write them (section 9).

pub mod country;
pub mod date;
pub mod money;
pub mod tracking;

/// `str::trim`, with the common case first: text that starts and ends with
/// a visible ASCII character has nothing to trim (an ASCII last byte is a
/// whole character), so it is returned without decoding any character.
/// The result is always the same as `str::trim`'s.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        (None, _) | (_, None) => text,
        _ => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        for t in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}a\u{3000}",
            "\u{a0}x",
            "x\u{85}",
            "é",
            " é ",
            "a b",
            "\t1Z999\r",
            "玩具",
            "a\u{2028}",
        ] {
            assert_eq!(super::trim(t), t.trim(), "{t:?}");
        }
    }
}
