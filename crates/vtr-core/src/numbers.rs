//! Numbers as a seller reads them, shared by the command line and the page
//! so both always print the same figures.

use crate::settings::format_bp;

/// A rate as a percentage with two decimals, rounded half up in integers:
/// 190 of 200 is "95.00%". A rate below 100% never shows as "100.00%",
/// and nothing considered shows as "-".
pub fn percent(valid: u64, considered: u64) -> String {
    if considered == 0 {
        return "-".to_string();
    }
    let mut bp =
        (u128::from(valid) * 20_000 + u128::from(considered)) / (2 * u128::from(considered));
    if bp == 10_000 && valid < considered {
        bp = 9_999;
    }
    format!("{}%", format_bp(u32::try_from(bp).unwrap_or(10_000)))
}

/// A count with thousands separators: 1234567 is "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share of a total in whole percent for bars and labels, rounded half up.
pub fn share_percent(part: u64, total: u64) -> u64 {
    if total == 0 {
        return 0;
    }
    let p = (u128::from(part) * 200 + u128::from(total)) / (2 * u128::from(total));
    u64::try_from(p).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_up_in_integers() {
        assert_eq!(percent(14, 15), "93.33%");
        assert_eq!(percent(2, 3), "66.67%");
        assert_eq!(percent(190, 200), "95.00%");
        assert_eq!(percent(1, 1), "100.00%");
        assert_eq!(percent(0, 7), "0.00%");
        assert_eq!(percent(0, 0), "-");
        assert_eq!(percent(19_999, 20_000), "99.99%");
        assert_eq!(percent(199_999, 200_000), "99.99%");
        assert_eq!(percent(19_989, 20_000), "99.95%"); // 99.945 rounds up
    }

    #[test]
    fn thousands_and_shares() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(share_percent(1, 3), 33);
        assert_eq!(share_percent(1, 2), 50);
        assert_eq!(share_percent(0, 0), 0);
        assert_eq!(share_percent(5, 5), 100);
    }
}
