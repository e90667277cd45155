//! Money cells, read as integer minor units (cents) under both decimal
//! conventions, so a caller can tell which one a cell allows. (Section 9
//! has the column decide; the row reader decides per cell for now: the
//! dot reading when there is one, else the comma one.)
//!
//! `12.99` can only be dot-decimal, `12,99` only comma-decimal, `12` either.
//! The rules that make a reading impossible:
//!
//! - At most one decimal separator, and it comes after every thousands
//!   separator.
//! - Thousands groups are exactly three digits after a first group of one to
//!   three, all separated by the same character. Thousands separators are
//!   `,` (dot-decimal) or `.` (comma-decimal), and under both a space, a
//!   no-break space, a narrow no-break space or `'` (Swiss).
//! - **A decimal part of exactly three digits is impossible**: `1,234` and
//!   `1.234` are thousands groups, so `1,234` is 1234.00 under dot-decimal
//!   and no amount under comma-decimal.
//! - One or two decimals are exact (`12.5` = 1250). Four or more decimals
//!   (ERP exports such as `12.9900`) are rounded half away from zero to
//!   cents, digit by digit, never through floats: `0.00500` = 1,
//!   `-0.00500` = -1, `0.00499` = 0.
//!
//! Around the number: currency symbols (`$ € £ ¥ ￥ ₹ 元`...), a code of up
//! to three letters (`USD`, `US$`, `RMB`), before or after; a sign `-`, `−`
//! or `+` before the number or currency; parentheses for a negative
//! amount, `(3.00)`.
//!
//! Parsing never allocates unless it fails.

use std::fmt;

/// A money cell read under both conventions, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawMoney {
    /// Dot-decimal reading (`1,234.56` = 123456); `None` when impossible.
    pub dot: Option<i64>,
    /// Comma-decimal reading (`1.234,56` = 123456); `None` when impossible.
    pub comma: Option<i64>,
}

impl RawMoney {
    /// Only the comma-decimal reading is possible (e.g. `12,99`).
    pub fn forces_comma(self) -> bool {
        self.comma.is_some() && self.dot.is_none()
    }

    /// Only the dot-decimal reading is possible (e.g. `12.99`, `1,234`).
    pub fn forces_dot(self) -> bool {
        self.dot.is_some() && self.comma.is_none()
    }
}

/// A cell that is no amount of money under either convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyError {
    /// The trimmed cell text, shortened to 40 characters.
    pub seen: String,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not an amount of money (expected e.g. 12.99, $1,234.56 or 12,99)",
            self.seen
        )
    }
}

impl std::error::Error for MoneyError {}

impl MoneyError {
    fn new(s: &str) -> MoneyError {
        MoneyError {
            seen: s.chars().take(40).collect(),
        }
    }
}

/// Parses one money cell; `Ok(None)` when it is empty or whitespace.
///
/// ```
/// use vtr_core::value::money::{parse_money, RawMoney};
///
/// let read = |s| parse_money(s).unwrap().unwrap();
/// assert_eq!(read("$1,234.56"), RawMoney { dot: Some(123456), comma: None });
/// assert_eq!(read("1.234,56 €"), RawMoney { dot: None, comma: Some(123456) });
/// // Either convention reads it the same.
/// assert_eq!(read("USD 12"), RawMoney { dot: Some(1200), comma: Some(1200) });
/// // Three decimals are always thousands.
/// assert_eq!(read("1,234"), RawMoney { dot: Some(123400), comma: None });
/// // ERP-style extra decimals round half away from zero, without floats.
/// assert_eq!(read("(0.00500)"), RawMoney { dot: Some(-1), comma: None });
///
/// assert_eq!(parse_money(" "), Ok(None));
/// assert!(parse_money("twelve dollars").is_err());
/// ```
pub fn parse_money(s: &str) -> Result<Option<RawMoney>, MoneyError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse_trimmed(t).map(Some).ok_or_else(|| MoneyError::new(t))
}

fn parse_trimmed(t: &str) -> Option<RawMoney> {
    let (negative_paren, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let (negative_sign, core) = strip_decorations(t)?;
    if negative_paren && negative_sign {
        return None;
    }
    let negative = negative_paren || negative_sign;
    let dot = read(core, b'.', negative);
    let comma = read(core, b',', negative);
    (dot.is_some() || comma.is_some()).then_some(RawMoney { dot, comma })
}

/// Removes currency marks and the sign; returns (negative, number text).
fn strip_decorations(t: &str) -> Option<(bool, &str)> {
    let mut rest = t;
    let mut sign: Option<bool> = None;
    let mut letters_seen = false;
    // Leading: sign, currency symbol, letter code, spaces in any order,
    // each at most once (spaces excepted).
    loop {
        let c = rest.chars().next()?;
        if c.is_whitespace() {
            rest = rest.get(c.len_utf8()..)?;
        } else if let Some(neg) = sign_of(c) {
            if sign.is_some() {
                return None;
            }
            sign = Some(neg);
            rest = rest.get(c.len_utf8()..)?;
        } else if is_currency_symbol(c) {
            rest = rest.get(c.len_utf8()..)?;
        } else if c.is_ascii_alphabetic() {
            let n = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            if letters_seen || n > 3 {
                return None;
            }
            letters_seen = true;
            rest = rest.get(n..)?;
        } else {
            break;
        }
    }
    // Trailing: spaces, currency symbols, one letter code.
    let mut trailing_letters = false;
    loop {
        let c = rest.chars().next_back()?;
        let cut = rest.len() - c.len_utf8();
        if c.is_whitespace() || is_currency_symbol(c) {
            rest = rest.get(..cut)?;
        } else if c.is_ascii_alphabetic() {
            let n = rest
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if trailing_letters || n > 3 {
                return None;
            }
            trailing_letters = true;
            rest = rest.get(..rest.len() - n)?;
        } else {
            break;
        }
    }
    Some((sign == Some(true), rest))
}

fn sign_of(c: char) -> Option<bool> {
    match c {
        '-' | '\u{2212}' => Some(true),
        '+' => Some(false),
        _ => None,
    }
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '￥'
            | '₹'
            | '元'
            | '₩'
            | '₺'
            | '₱'
            | '₽'
            | '¢'
            | '₫'
            | '₪'
            | '฿'
    )
}

/// A thousands separator that is the same under both conventions.
fn is_neutral_thousands(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// Reads `core` with `decimal` as the decimal mark (`b'.'` or `b','`).
fn read(core: &str, decimal: u8, negative: bool) -> Option<i64> {
    let other = if decimal == b'.' { ',' } else { '.' };
    let (int_part, frac) = match core.rfind(char::from(decimal)) {
        Some(at) => (core.get(..at)?, Some(core.get(at + 1..)?)),
        None => (core, None),
    };
    let whole = read_grouped(int_part, other)?;
    let cents = match frac {
        None => 0,
        Some(f) => {
            let f = f.as_bytes();
            if f.is_empty() || f.len() == 3 || !f.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let digit = |i: usize| f.get(i).map_or(0, |d| i64::from(d - b'0'));
            let round_up = i64::from(f.len() > 2 && digit(2) >= 5);
            digit(0) * 10 + digit(1) + round_up
        }
    };
    if int_part.is_empty() && frac.is_none() {
        return None;
    }
    let magnitude = whole.checked_mul(100)?.checked_add(cents)?;
    Some(if negative { -magnitude } else { magnitude })
}

/// An integer part: plain digits (possibly empty before a decimal mark), or
/// groups of three after a first group of one to three, one separator char.
fn read_grouped(s: &str, thousands: char) -> Option<i64> {
    let mut value: i64 = 0;
    let mut sep: Option<char> = None;
    let mut group_len = 0usize;
    let mut groups = 0usize;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            value = value.checked_mul(10)?.checked_add(i64::from(d))?;
            group_len += 1;
            continue;
        }
        if c != thousands && !is_neutral_thousands(c) {
            return None;
        }
        if sep.is_some_and(|s| s != c) || group_len == 0 {
            return None;
        }
        if (groups == 0 && group_len > 3) || (groups > 0 && group_len != 3) {
            return None;
        }
        sep = Some(c);
        groups += 1;
        group_len = 0;
    }
    if groups > 0 && group_len != 3 {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(dot: Option<i64>, comma: Option<i64>) -> Result<Option<RawMoney>, MoneyError> {
        Ok(Some(RawMoney { dot, comma }))
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(parse_money("0.00500"), m(Some(1), None));
        assert_eq!(parse_money("-0.00500"), m(Some(-1), None));
        assert_eq!(parse_money("0.00499"), m(Some(0), None));
        assert_eq!(parse_money("12.9950"), m(Some(1300), None));
    }

    #[test]
    fn grouping_rules() {
        assert_eq!(parse_money("1,234"), m(Some(123_400), None));
        assert_eq!(parse_money("1.234"), m(None, Some(123_400)));
        assert_eq!(parse_money("1,23"), m(None, Some(123)));
        assert_eq!(
            parse_money("1234,567.89"),
            Err(MoneyError::new("1234,567.89"))
        );
        assert_eq!(
            parse_money("1 234 567"),
            m(Some(123_456_700), Some(123_456_700))
        );
        assert_eq!(parse_money("1'234.50"), m(Some(123_450), None));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(parse_money("99999999999999999999").is_err());
        assert_eq!(parse_money("92233720368547758.07"), m(Some(i64::MAX), None));
    }

    #[test]
    fn rejects_non_amounts() {
        for s in [
            "abc",
            "12.99.99",
            "1,2,3",
            "--3",
            "(-3)",
            "$",
            "12 apples",
            ".",
            "12.",
        ] {
            assert!(parse_money(s).is_err(), "{s}");
        }
    }
}
