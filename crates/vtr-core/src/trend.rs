//! The VTR of the window ending on each day: the trend chart's series.
//!
//! Exclusions other than the window and the validity of a package do not
//! depend on the window, so each day's figures are two prefix sums over
//! window dates instead of a re-run of the rules.

use crate::analysis::{AfterWindow, Analysis};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The figures of the window ending on `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub end: NaiveDate,
    pub considered: u64,
    pub valid: u64,
}

/// Most days a series spans; older days are dropped, so a file with one
/// stray date in 1999 cannot make the chart (or memory) explode.
pub const MAX_DAYS: i64 = 3 * 366;

/// One point per day from the earliest to the latest window date, for all
/// packages or those of one category, named as the result shows it
/// ([`crate::result::UNCATEGORISED`] for none).
pub fn trend(analysis: &Analysis, window_days: u32, category: Option<&str>) -> Vec<TrendPoint> {
    let prep = &analysis.prepared;
    let category = match category {
        None => None,
        Some(name) => match prep.category_id(name) {
            Some(id) => Some(id),
            None => return Vec::new(),
        },
    };
    let after = AfterWindow::new(prep, &analysis.settings);
    let counted = || {
        prep.facts().iter().filter_map(|f| {
            if f.before_window.is_some() || after.check(f).0.is_some() {
                return None;
            }
            if category.is_some_and(|c| c != f.category) {
                return None;
            }
            f.window_date().map(|d| (d, f.invalid.is_none()))
        })
    };
    let Some(last) = counted().map(|(d, _)| d).max() else {
        return Vec::new();
    };
    let Some(first) = counted().map(|(d, _)| d).min() else {
        return Vec::new();
    };
    let first = first.max(last - chrono::Duration::days(MAX_DAYS - 1));
    let span = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
    let mut considered = vec![0u64; span];
    let mut valid = vec![0u64; span];
    for (d, ok) in counted() {
        if d < first {
            continue;
        }
        let i = usize::try_from((d - first).num_days()).unwrap_or(0);
        considered[i] += 1;
        valid[i] += u64::from(ok);
    }
    let len = window_days.max(1) as usize;
    let (mut c_sum, mut v_sum) = (0u64, 0u64);
    let mut out = Vec::with_capacity(span);
    for i in 0..span {
        c_sum += considered[i];
        v_sum += valid[i];
        if i >= len {
            c_sum -= considered[i - len];
            v_sum -= valid[i - len];
        }
        out.push(TrendPoint {
            end: first.checked_add_days(Days::new(i as u64)).unwrap_or(first),
            considered: c_sum,
            valid: v_sum,
        });
    }
    out
}
