//! What the seller can change without reloading files (section 5 and 7 of
//! the rules), and the small parsers the command line and the app share for
//! them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The settings a result depends on. Changing any of them re-runs the rules
/// over the packages already read; no file is read again. A field missing
/// from serialised settings takes Amazon's default, so settings saved by an
/// older front end still read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The day the check is made for; the window ends `lag_days` before it.
    pub as_of: NaiveDate,
    /// Length of the window in days (Amazon: 30).
    pub window_days: u32,
    /// How far the window's end lies behind `as_of` (Amazon: two weeks).
    pub lag_days: u32,
    /// Ignore dates altogether: every package is in the window.
    pub all_dates: bool,
    /// The VTR a category must exceed, in basis points (9500 = 95.00%).
    /// Basis points keep every comparison in integers.
    pub threshold_bp: u32,
    /// The seller ships from abroad: the $5.00 rule applies to every package.
    pub international: bool,
    /// Marketplace country (ISO 3166-1 alpha-2); a package whose origin
    /// country differs from it falls under the international rule.
    pub marketplace: String,
    /// Small-envelope limit in minor units: excluded when the value is below it.
    pub small_envelope_limit: i64,
    /// International limit in minor units: excluded when the value is at or below it.
    pub international_limit: i64,
}

impl Default for Settings {
    /// Amazon's defaults, as of 1970-01-01: a front end sets the day.
    fn default() -> Self {
        Settings::new(NaiveDate::default())
    }
}

impl Settings {
    /// Amazon's defaults, checked as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        Settings {
            as_of,
            window_days: 30,
            lag_days: 14,
            all_dates: false,
            threshold_bp: 9500,
            international: false,
            marketplace: "US".to_string(),
            small_envelope_limit: 1000,
            international_limit: 500,
        }
    }

    /// The threshold as a fraction, for display and JSON only; comparisons
    /// use [`Settings::threshold_bp`].
    pub fn threshold_fraction(&self) -> f64 {
        f64::from(self.threshold_bp) / 10_000.0
    }
}

/// Parses a percentage such as `95`, `95.5` or `97.25%` into basis points
/// without going through floats, so `95` is exactly 9500.
pub fn parse_percent_bp(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('%').trim();
    let (int, frac) = match t.split_once(['.', ',']) {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return None;
    }
    let int: u32 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac_bp: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u32>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    let bp = int.checked_mul(100)?.checked_add(frac_bp)?;
    (bp <= 10_000).then_some(bp)
}

/// Formats basis points as a percentage with two decimals: 9500 -> "95.00".
pub fn format_bp(bp: u32) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// Parses `YYYY-MM-DD`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_to_basis_points_exactly() {
        assert_eq!(parse_percent_bp("95"), Some(9500));
        assert_eq!(parse_percent_bp("95.5"), Some(9550));
        assert_eq!(parse_percent_bp("97.25%"), Some(9725));
        assert_eq!(parse_percent_bp("0.5"), Some(50));
        assert_eq!(parse_percent_bp("100"), Some(10_000));
        assert_eq!(parse_percent_bp("100.01"), None);
        assert_eq!(parse_percent_bp("95.123"), None);
        assert_eq!(parse_percent_bp("abc"), None);
        assert_eq!(parse_percent_bp(""), None);
        assert_eq!(format_bp(9500), "95.00");
        assert_eq!(format_bp(9725), "97.25");
    }
}
