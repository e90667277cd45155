//! The VTR of the window ending on each day: the trend chart's series.
//!
//! Exclusions other than the window and the validity of a package do not
//! depend on the window, so each day's figures are two prefix sums over
//! window dates instead of a re-run of the rules.

use crate::analysis::{AfterWindow, Analysis};
use crate::prepare::PackageFacts;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The figures of the window ending on `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The window's last day.
    pub end: NaiveDate,
    /// Packages of that window that count.
    pub considered: u64,
    /// Those with valid tracking.
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
    // One pass finds the days' range, one counts per day; both in batches
    // (see crate::dataset::BATCH) and on day numbers, not dates.
    let facts = prep.facts();
    let mut range: Option<(i32, i32)> = None;
    for batch in facts.chunks(crate::dataset::BATCH) {
        day_range(batch, &after, category, &mut range);
    }
    let Some((first, last)) = range else {
        return Vec::new();
    };
    let first = first.max(last - (MAX_DAYS as i32 - 1));
    let span = usize::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(0);
    let mut considered = vec![0u64; span];
    let mut valid = vec![0u64; span];
    for batch in facts.chunks(crate::dataset::BATCH) {
        count_days(batch, &after, category, first, &mut considered, &mut valid);
    }
    let Some(first) = NaiveDate::from_num_days_from_ce_opt(first) else {
        return Vec::new();
    };
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

/// Whether a package counts for the trend, and its window day.
fn counted(f: &PackageFacts, after: &AfterWindow<'_>, category: Option<u32>) -> Option<i32> {
    if f.before_window.is_some() || after.check(f).0.is_some() {
        return None;
    }
    if category.is_some_and(|c| c != f.category) {
        return None;
    }
    f.window_day()
}

#[inline(never)]
fn day_range(
    batch: &[PackageFacts],
    after: &AfterWindow<'_>,
    category: Option<u32>,
    range: &mut Option<(i32, i32)>,
) {
    for f in batch {
        if let Some(d) = counted(f, after, category) {
            *range = Some(match *range {
                None => (d, d),
                Some((a, b)) => (a.min(d), b.max(d)),
            });
        }
    }
}

#[inline(never)]
fn count_days(
    batch: &[PackageFacts],
    after: &AfterWindow<'_>,
    category: Option<u32>,
    first: i32,
    considered: &mut [u64],
    valid: &mut [u64],
) {
    for f in batch {
        let Some(d) = counted(f, after, category) else {
            continue;
        };
        let Ok(i) = usize::try_from(i64::from(d) - i64::from(first)) else {
            continue;
        };
        if let (Some(c), Some(v)) = (considered.get_mut(i), valid.get_mut(i)) {
            *c += 1;
            *v += u64::from(f.invalid.is_none());
        }
    }
}
