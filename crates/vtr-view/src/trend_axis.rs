//! Where the trend chart puts its axes and lines. Rates are placed with
//! floats (pixels need them) but compared exactly, in integers.

use vtr_core::trend::TrendPoint;

/// Basis points of a point's rate, for placing it only.
pub fn rate_bp(p: &TrendPoint) -> Option<f64> {
    (p.considered > 0).then(|| p.valid as f64 * 10_000.0 / p.considered as f64)
}

/// The bottom of the y axis in basis points: a whole 5% step below both the
/// lowest rate and the threshold, so the threshold line is always inside.
pub fn y_floor(points: &[TrendPoint], threshold_bp: u32) -> u32 {
    let lowest = points
        .iter()
        .filter_map(rate_bp)
        .fold(f64::from(threshold_bp.min(10_000)), f64::min);
    floor_below(lowest)
}

/// A whole 5% step at least 1% below `lowest` (basis points): the bottom
/// of a rate axis whose lowest value is `lowest`.
pub fn floor_below(lowest: f64) -> u32 {
    let below = (lowest - 100.0).max(0.0) as u32;
    (below / 500 * 500).min(9_500)
}

/// Grid lines from `floor` to 100%, at most six, on whole percents.
pub fn y_ticks(floor: u32) -> Vec<u32> {
    let range = 10_000u32.saturating_sub(floor).max(100);
    let step = [100, 200, 500, 1_000, 2_000, 2_500, 5_000]
        .into_iter()
        .find(|s| range / s <= 5)
        .unwrap_or(5_000);
    (0..=range / step).map(|k| floor + k * step).collect()
}

/// Indices of the days labelled on the x axis: both ends and up to three
/// evenly spaced between, without repeats.
pub fn x_label_indices(n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = match n {
        0 => Vec::new(),
        1..=4 => (0..n).collect(),
        _ => (0..4).map(|k| k * (n - 1) / 3).collect(),
    };
    out.dedup();
    out
}

/// Runs of consecutive days with something considered, as (day, rate bp).
pub fn runs(points: &[TrendPoint]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match rate_bp(p) {
            Some(r) => current.push((i, r)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Latest and lowest points that have data, lowest compared exactly.
pub fn latest_and_lowest(points: &[TrendPoint]) -> Option<(TrendPoint, TrendPoint)> {
    let with_data = || points.iter().filter(|p| p.considered > 0);
    let latest = *with_data().next_back()?;
    let lowest = *with_data().min_by(|a, b| {
        (u128::from(a.valid) * u128::from(b.considered))
            .cmp(&(u128::from(b.valid) * u128::from(a.considered)))
    })?;
    Some((latest, lowest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate};

    fn p(day: u32, considered: u64, valid: u64) -> TrendPoint {
        TrendPoint {
            end: NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default(),
            considered,
            valid,
        }
    }

    #[test]
    fn the_axis_holds_the_lowest_rate_and_the_threshold() {
        // 80% lowest: floor 75% (a 5% step below 79%).
        assert_eq!(y_floor(&[p(1, 10, 8), p(2, 10, 10)], 9500), 7500);
        // All at 100%: the threshold decides, 90% (below 94%).
        assert_eq!(y_floor(&[p(1, 10, 10)], 9500), 9000);
        assert_eq!(y_floor(&[p(1, 10, 0)], 9500), 0);
        assert_eq!(y_floor(&[], 10_000), 9500);
        assert_eq!(y_ticks(9000), [9000, 9200, 9400, 9600, 9800, 10_000]);
        assert_eq!(y_ticks(7500), [7500, 8000, 8500, 9000, 9500, 10_000]);
        assert_eq!(y_ticks(0), [0, 2000, 4000, 6000, 8000, 10_000]);
    }

    #[test]
    fn empty_days_break_the_line() {
        let r = runs(&[p(1, 1, 1), p(2, 0, 0), p(3, 2, 1), p(4, 4, 2), p(5, 0, 0)]);
        let days: Vec<Vec<usize>> = r
            .iter()
            .map(|run| run.iter().map(|(i, _)| *i).collect())
            .collect();
        assert_eq!(days, vec![vec![0], vec![2, 3]]);
        let (latest, lowest) = latest_and_lowest(&[p(1, 3, 2), p(2, 10, 6), p(3, 0, 0)])
            .unwrap_or((p(9, 0, 0), p(9, 0, 0)));
        assert_eq!((latest.end.day(), lowest.end.day()), (2, 2));
        assert!(latest_and_lowest(&[p(1, 0, 0)]).is_none());
    }

    #[test]
    fn x_labels_at_both_ends_and_between() {
        assert_eq!(x_label_indices(0), Vec::<usize>::new());
        assert_eq!(x_label_indices(3), [0, 1, 2]);
        assert_eq!(x_label_indices(31), [0, 10, 20, 30]);
    }
}
