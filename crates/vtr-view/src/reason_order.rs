//! The order of the reasons list: the reasons with packages first, largest
//! first, so a seller reads the biggest problem first.

use vtr_core::query::ReasonFilter;

/// One reason of a group as the list shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasonCount {
    /// The exclusion or invalid reason.
    pub reason: ReasonFilter,
    /// Packages it applies to.
    pub count: u64,
}

/// The group's reasons, those with packages first (largest first, ties in
/// the rules' order), then those without, in the rules' order.
pub fn ordered(mut rows: Vec<ReasonCount>) -> Vec<ReasonCount> {
    // Stable: equal counts keep the order the rules apply them in.
    rows.sort_by_key(|r| std::cmp::Reverse(r.count));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use vtr_core::rules::validity::InvalidReason;

    #[test]
    fn biggest_first_ties_in_rule_order_zeros_last() {
        let row = |r: InvalidReason, count| ReasonCount {
            reason: ReasonFilter::Invalid(r),
            count,
        };
        let rows = ordered(vec![
            row(InvalidReason::MissingTracking, 2),
            row(InvalidReason::SpreadsheetMangled, 0),
            row(InvalidReason::MissingCarrier, 5),
            row(InvalidReason::ChineseCarrierName, 2),
        ]);
        let keys: Vec<&str> = rows.iter().map(|r| r.reason.key()).collect();
        assert_eq!(
            keys,
            [
                "missing_carrier",
                "missing_tracking",
                "chinese_carrier_name",
                "spreadsheet_mangled"
            ]
        );
    }
}
