//! Past checks remembered in the browser: a handful of figures per check,
//! never file contents. At most [`MAX_ENTRIES`], newest first.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vtr_core::numbers::percent;
use vtr_core::result::Status;

use crate::browser::storage;
use crate::state::AppState;

/// The `localStorage` key of the check history.
pub const HISTORY_KEY: &str = "vtr-check/history/v1";

/// Most checks remembered.
pub const MAX_ENTRIES: usize = 20;

/// How long the figures must stay the same before a check is remembered,
/// so dropping five files, or stepping through settings, leaves one entry.
pub const SETTLE_MS: u64 = 1500;

/// One remembered check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When the check was made, in the browser's local time.
    pub checked_at: NaiveDateTime,
    /// The as-of date the check was made for.
    pub as_of: NaiveDate,
    pub files: Vec<String>,
    /// The overall VTR as printed ("94.77%", or "-").
    pub vtr: String,
    pub status: Status,
    pub fixes_needed: u64,
    pub considered: u64,
}

impl HistoryEntry {
    /// Whether two entries describe the same result (the time aside).
    pub fn same_result(&self, other: &HistoryEntry) -> bool {
        self.as_of == other.as_of
            && self.files == other.files
            && self.vtr == other.vtr
            && self.status == other.status
            && self.fixes_needed == other.fixes_needed
            && self.considered == other.considered
    }
}

/// The remembered checks, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryList {
    pub entries: Vec<HistoryEntry>,
}

impl HistoryList {
    /// Adds `entry` as the newest, unless it repeats the newest result;
    /// keeps at most [`MAX_ENTRIES`]. Returns whether the list changed.
    pub fn push(&mut self, entry: HistoryEntry) -> bool {
        if self.entries.first().is_some_and(|e| e.same_result(&entry)) {
            return false;
        }
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
        true
    }
}

/// Loads the history (empty, with a notice, when unreadable).
pub fn load_history() -> HistoryList {
    super::load_or_default(HISTORY_KEY)
}

/// Saves the history.
pub fn save_history(list: &HistoryList) -> Result<(), storage::StorageError> {
    storage::save(HISTORY_KEY, list)
}

/// Forgets every past check.
pub fn clear_history() {
    storage::remove(HISTORY_KEY);
}

/// Now in the browser's local time, to the minute.
pub fn now_local() -> NaiveDateTime {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), 0))
        .unwrap_or_default()
}

/// The entry for the state's current result, when there is one worth
/// remembering: every file read, and at least one package.
pub fn entry_of(state: AppState, checked_at: NaiveDateTime) -> Option<HistoryEntry> {
    if state.busy() {
        return None;
    }
    // Only the files that counted: one the engine could not read is not
    // part of the check.
    let files: Vec<String> = state.result.with(|r| {
        r.files
            .iter()
            .filter(|f| f.ok)
            .map(|f| f.name.clone())
            .collect()
    });
    if files.is_empty() {
        return None;
    }
    state.result.with(|r| {
        let s = &r.summary;
        (s.packages > 0).then(|| HistoryEntry {
            checked_at,
            as_of: s.settings.as_of,
            files,
            vtr: percent(s.valid, s.considered),
            status: s.status,
            fixes_needed: s.fixes_needed,
            considered: s.considered,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn entry(n: u64) -> HistoryEntry {
        HistoryEntry {
            checked_at: NaiveDate::from_ymd_opt(2026, 11, 25)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            files: vec![format!("f{n}.csv")],
            vtr: "95.00%".into(),
            status: Status::Ok,
            fixes_needed: 0,
            considered: n,
        }
    }

    #[wasm_bindgen_test]
    fn a_repeated_result_is_not_added_twice() {
        let mut l = HistoryList::default();
        assert!(l.push(entry(1)));
        let mut again = entry(1);
        again.checked_at += chrono::Duration::minutes(5);
        assert!(!l.push(again));
        assert!(l.push(entry(2)));
        assert_eq!(l.entries.len(), 2);
        assert_eq!(l.entries[0].considered, 2);
    }
}
