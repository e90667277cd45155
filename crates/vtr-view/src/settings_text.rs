//! The settings form's text: days typed by the seller, the date order's
//! `<select>` values.

use vtr_core::read::DateOrder;

/// The largest window or lag the settings accept, in days.
pub const MAX_DAYS: u32 = 3650;

/// Parses a whole number of days in `min..=MAX_DAYS`.
pub fn parse_days(text: &str, min: u32) -> Option<u32> {
    let n: u32 = text.trim().parse().ok()?;
    (min..=MAX_DAYS).contains(&n).then_some(n)
}

/// The date order as the value of its `<select>`.
pub fn order_value(o: DateOrder) -> &'static str {
    match o {
        DateOrder::Auto => "auto",
        DateOrder::MonthFirst => "month_first",
        DateOrder::DayFirst => "day_first",
    }
}

/// The date order a `<select>` value names; anything else is automatic.
pub fn order_of(value: &str) -> DateOrder {
    match value {
        "month_first" => DateOrder::MonthFirst,
        "day_first" => DateOrder::DayFirst,
        _ => DateOrder::Auto,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_whole_numbers_in_range() {
        assert_eq!(parse_days("30", 1), Some(30));
        assert_eq!(parse_days(" 0 ", 0), Some(0));
        assert_eq!(parse_days("0", 1), None);
        assert_eq!(parse_days("3650", 1), Some(3650));
        assert_eq!(parse_days("3651", 1), None);
        assert_eq!(parse_days("7.5", 1), None);
        assert_eq!(parse_days("-1", 0), None);
        assert_eq!(parse_days("", 0), None);
    }

    #[test]
    fn date_order_values_round_trip() {
        for o in [DateOrder::Auto, DateOrder::MonthFirst, DateOrder::DayFirst] {
            assert_eq!(order_of(order_value(o)), o);
        }
    }
}
