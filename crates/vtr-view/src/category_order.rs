//! The categories table's orders. The default is triage: categories at
//! risk first, then those with most fixes, then by name.

use std::cmp::Ordering;

use vtr_core::result::{CategoryResult, Status};

/// A column the table can be sorted by; `Default` is the triage order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Triage: at risk first, then most fixes, then by name.
    Default,
    /// By category name.
    Category,
    /// By packages that count.
    Considered,
    /// By packages with valid tracking.
    Valid,
    /// By the exact rate, valid / considered.
    Vtr,
    /// Worst status first.
    Status,
    /// By fixes needed.
    Fixes,
}

/// At risk sorts before ok: "ascending" status is "worst first".
fn status_rank(s: Status) -> u8 {
    match s {
        Status::AtRisk => 0,
        Status::Ok => 1,
        Status::NoData => 2,
    }
}

/// valid/considered against another rate, in integers by cross-multiplying
/// (as the engine compares against the threshold); no data sorts last.
fn cmp_rate(a: &CategoryResult, b: &CategoryResult) -> Ordering {
    match (a.considered, b.considered) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        _ => (u128::from(a.valid) * u128::from(b.considered))
            .cmp(&(u128::from(b.valid) * u128::from(a.considered))),
    }
}

/// At risk first, then most fixes, then by name.
fn cmp_default(a: &CategoryResult, b: &CategoryResult) -> Ordering {
    status_rank(a.status)
        .cmp(&status_rank(b.status))
        .then_with(|| b.fixes_needed.cmp(&a.fixes_needed))
        .then_with(|| a.category.cmp(&b.category))
}

/// Sorts `rows` by `by`, reversed when `descending`; ties keep the triage order.
pub fn sort_categories(rows: &mut [CategoryResult], by: SortBy, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match by {
            SortBy::Default => Ordering::Equal,
            SortBy::Category => a.category.cmp(&b.category),
            SortBy::Considered => a.considered.cmp(&b.considered),
            SortBy::Valid => a.valid.cmp(&b.valid),
            SortBy::Vtr => cmp_rate(a, b),
            SortBy::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            SortBy::Fixes => a.fixes_needed.cmp(&b.fixes_needed),
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| cmp_default(a, b))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(name: &str, considered: u64, valid: u64, status: Status, fixes: u64) -> CategoryResult {
        CategoryResult {
            category: name.to_string(),
            considered,
            valid,
            vtr: None,
            status,
            fixes_needed: fixes,
        }
    }

    fn names(rows: &[CategoryResult]) -> Vec<&str> {
        rows.iter().map(|c| c.category.as_str()).collect()
    }

    #[test]
    fn default_order_is_at_risk_then_most_fixes_then_name() {
        let mut rows = vec![
            cat("Books", 100, 100, Status::Ok, 0),
            cat("Toys", 20, 17, Status::AtRisk, 3),
            cat("Garden", 10, 9, Status::AtRisk, 1),
            cat("Art", 10, 9, Status::AtRisk, 1),
        ];
        sort_categories(&mut rows, SortBy::Default, false);
        assert_eq!(names(&rows), ["Toys", "Art", "Garden", "Books"]);
    }

    #[test]
    fn vtr_sorts_by_exact_rate_in_integers() {
        // 2/3 (66.67%) < 7/10 (70%) < 19/20 (95%).
        let mut rows = vec![
            cat("A", 20, 19, Status::AtRisk, 1),
            cat("B", 3, 2, Status::AtRisk, 1),
            cat("C", 10, 7, Status::AtRisk, 3),
        ];
        sort_categories(&mut rows, SortBy::Vtr, false);
        assert_eq!(names(&rows), ["B", "C", "A"]);
        sort_categories(&mut rows, SortBy::Vtr, true);
        assert_eq!(names(&rows), ["A", "C", "B"]);
        sort_categories(&mut rows, SortBy::Considered, true);
        assert_eq!(names(&rows), ["A", "C", "B"]);
        sort_categories(&mut rows, SortBy::Category, true);
        assert_eq!(names(&rows), ["C", "B", "A"]);
    }
}
