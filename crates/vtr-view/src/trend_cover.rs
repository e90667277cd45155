//! Which trend windows tell the truth. A window that starts before the
//! first day of the seller's data, or ends after the window the headline
//! checks, holds fewer packages than a full window: drawn like the others
//! it would show a rate Amazon never measures (0% or 100% from a handful
//! of packages at the edges).

use chrono::NaiveDate;
use vtr_core::trend::TrendPoint;

/// Fewer packages than this in a window and its rate is marked as resting
/// on few packages: one package more or less moves it by 5% or more.
pub const FEW_PACKAGES: u64 = 20;

/// How much of a window the data covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cover {
    /// Every day of the window is inside the data and not after the
    /// headline's window.
    Full,
    /// The window starts before the first day of the data.
    StartsBeforeData,
    /// The window ends after the headline's window: its last days are in
    /// the lag, where shipments are still on their way.
    AfterChecked,
}

/// One window of the series with what is known about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// The window's figures.
    pub point: TrendPoint,
    /// Whether the data covers it.
    pub cover: Cover,
    /// It has packages, but fewer than [`FEW_PACKAGES`].
    pub few: bool,
    /// It is the window the headline figure uses.
    pub checked: bool,
}

/// The series' windows, each marked. `points` are one per day from the
/// first day of data (as `vtr_core::trend::trend` returns them),
/// `window_days` long; `checked_end` is the last day of the headline's
/// window (the as-of date less the lag).
///
/// ```
/// use chrono::NaiveDate;
/// use vtr_core::trend::TrendPoint;
/// use vtr_view::trend_cover::{mark, Cover};
///
/// let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
/// let points: Vec<TrendPoint> = (1..=6)
///     .map(|d| TrendPoint { end: day(d), considered: 30, valid: 29 })
///     .collect();
/// let w = mark(&points, 3, day(5));
/// let covers: Vec<Cover> = w.iter().map(|w| w.cover).collect();
/// assert_eq!(covers, [
///     Cover::StartsBeforeData, Cover::StartsBeforeData,
///     Cover::Full, Cover::Full, Cover::Full,
///     Cover::AfterChecked,
/// ]);
/// assert!(w[4].checked);
/// ```
pub fn mark(points: &[TrendPoint], window_days: u32, checked_end: NaiveDate) -> Vec<Window> {
    let len = window_days.max(1) as usize;
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let cover = if p.end > checked_end {
                Cover::AfterChecked
            } else if i + 1 < len {
                Cover::StartsBeforeData
            } else {
                Cover::Full
            };
            Window {
                point: *p,
                cover,
                few: p.considered > 0 && p.considered < FEW_PACKAGES,
                checked: p.end == checked_end,
            }
        })
        .collect()
}

/// The latest and the lowest fully covered windows with packages, the
/// lowest compared exactly; `None` when no window is fully covered.
pub fn latest_and_lowest_full(windows: &[Window]) -> Option<(TrendPoint, TrendPoint)> {
    let full: Vec<TrendPoint> = windows
        .iter()
        .filter(|w| w.cover == Cover::Full)
        .map(|w| w.point)
        .collect();
    crate::trend_axis::latest_and_lowest(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    fn p(d: u32, considered: u64, valid: u64) -> TrendPoint {
        TrendPoint {
            end: day(d),
            considered,
            valid,
        }
    }

    #[test]
    fn the_edges_are_not_full_windows() {
        // A 5-day window over 10 days of data, checked up to day 8.
        let points: Vec<TrendPoint> = (1..=10).map(|d| p(d, 40, 39)).collect();
        let w = mark(&points, 5, day(8));
        let full: Vec<u32> = w
            .iter()
            .filter(|w| w.cover == Cover::Full)
            .map(|w| chrono::Datelike::day(&w.point.end))
            .collect();
        assert_eq!(full, [5, 6, 7, 8]);
        assert_eq!(w[3].cover, Cover::StartsBeforeData);
        assert_eq!(w[8].cover, Cover::AfterChecked);
        assert_eq!(w.iter().filter(|w| w.checked).count(), 1);
        assert!(w[7].checked);
    }

    #[test]
    fn few_packages_are_marked_and_empty_ones_are_not() {
        let w = mark(&[p(1, 0, 0), p(2, 19, 19), p(3, 20, 1)], 1, day(3));
        let few: Vec<bool> = w.iter().map(|w| w.few).collect();
        assert_eq!(few, [false, true, false]);
    }

    #[test]
    fn the_lowest_is_taken_from_full_windows_only() {
        // Day 1's window holds one invalid package: 0%, but it starts
        // before the data, so it is not the lowest.
        let points = [p(1, 1, 0), p(2, 50, 45), p(3, 60, 57), p(4, 60, 40)];
        let w = mark(&points, 2, day(3));
        let (latest, lowest) = latest_and_lowest_full(&w).unwrap();
        assert_eq!(latest.end, day(3));
        assert_eq!(lowest.end, day(2));
        assert_eq!(latest_and_lowest_full(&mark(&points, 9, day(3))), None);
    }
}
