//! The 30-day window with its two-week lag (section 5).

use crate::settings::Settings;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The window a result was computed over. Both ends are inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// False when the seller chose "all dates" or no file maps a date column.
    pub applied: bool,
    /// The first day counted; `None` when the window is off.
    pub start: Option<NaiveDate>,
    /// The last day counted (`as_of` minus the lag); `None` when off.
    pub end: Option<NaiveDate>,
}

impl Window {
    /// `end = as_of - lag`, `start = end - (length - 1)`. A window of zero
    /// days is taken as one day, so a typo never empties the result silently.
    pub fn from_settings(settings: &Settings, any_date_mapped: bool) -> Window {
        if settings.all_dates || !any_date_mapped {
            return Window {
                applied: false,
                start: None,
                end: None,
            };
        }
        let end = settings
            .as_of
            .checked_sub_days(Days::new(u64::from(settings.lag_days)))
            .unwrap_or(NaiveDate::MIN);
        Window::ending(end, settings.window_days)
    }

    /// The applied window of `days` days that ends on `end`.
    pub fn ending(end: NaiveDate, days: u32) -> Window {
        let span = u64::from(days.max(1) - 1);
        let start = end
            .checked_sub_days(Days::new(span))
            .unwrap_or(NaiveDate::MIN);
        Window {
            applied: true,
            start: Some(start),
            end: Some(end),
        }
    }

    /// Whether a window date falls inside. Always true when the window is off.
    pub fn contains(&self, date: NaiveDate) -> bool {
        match (self.applied, self.start, self.end) {
            (true, Some(s), Some(e)) => s <= date && date <= e,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn default_window_is_thirty_days_ending_two_weeks_back() {
        let w = Window::from_settings(&Settings::new(d("2026-11-25")), true);
        assert_eq!(w.start, Some(d("2026-10-13")));
        assert_eq!(w.end, Some(d("2026-11-11")));
        assert!(w.contains(d("2026-10-13")));
        assert!(w.contains(d("2026-11-11")));
        assert!(!w.contains(d("2026-10-12")));
        assert!(!w.contains(d("2026-11-12")));
    }

    #[test]
    fn off_without_dates_or_when_all_dates() {
        let s = Settings::new(d("2026-11-25"));
        assert!(!Window::from_settings(&s, false).applied);
        let all = Settings {
            all_dates: true,
            ..s
        };
        let w = Window::from_settings(&all, true);
        assert!(!w.applied);
        assert!(w.contains(d("1999-01-01")));
    }
}
