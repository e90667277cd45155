//! Past checks remembered in the browser: a handful of figures per check,
//! never file contents: the overall figures, the settings they were made
//! with and each category's. At most [`MAX_ENTRIES`], newest first.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vtr_core::numbers::percent;
use vtr_core::result::{CategoryResult, Status};
use vtr_core::Settings;

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
    /// Packages with valid tracking (entries from before it was recorded: 0).
    #[serde(default)]
    pub valid: u64,
    /// The settings of the check (`None` in entries from before they were
    /// recorded).
    #[serde(default)]
    pub settings: Option<Settings>,
    /// Each category's figures, as the result lists them.
    #[serde(default)]
    pub categories: Vec<CategoryFigures>,
}

/// One category's figures in a remembered check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFigures {
    pub category: String,
    pub valid: u64,
    pub considered: u64,
    pub fixes_needed: u64,
    pub status: Status,
}

impl CategoryFigures {
    /// The figures of one category of a result.
    pub fn of(c: &CategoryResult) -> CategoryFigures {
        CategoryFigures {
            category: c.category.clone(),
            valid: c.valid,
            considered: c.considered,
            fixes_needed: c.fixes_needed,
            status: c.status,
        }
    }

    /// Its VTR as printed.
    pub fn vtr(&self) -> String {
        percent(self.valid, self.considered)
    }
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
            && self.valid == other.valid
            && self.settings == other.settings
            && self.categories == other.categories
    }

    /// The overall VTR in basis points (9477 for 94.77%), for the chart;
    /// `None` when nothing was considered.
    pub fn vtr_bp(&self) -> Option<u32> {
        let t = self.vtr.trim_end_matches('%');
        let (whole, frac) = t.split_once('.')?;
        Some(whole.parse::<u32>().ok()? * 100 + frac.parse::<u32>().ok()?)
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
    forget_all();
}

thread_local! {
    // One list for the page, so that "Forget everything" (in
    // `last_check`) empties what the history shows too.
    static LIST: ArcRwSignal<HistoryList> = ArcRwSignal::new(load_history());
    // Grows with every forgetting, so a check about to be recorded
    // before it is not recorded after it.
    static EPOCH: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Changes whenever the history is forgotten: a save scheduled under an
/// older value must not happen.
pub fn epoch() -> u64 {
    EPOCH.with(|e| e.get())
}

/// The remembered checks the page shows (reactive).
pub fn history_list() -> ArcRwSignal<HistoryList> {
    LIST.with(|l| l.clone())
}

/// Empties the list on screen (storage is emptied by the caller).
pub fn forget_all() {
    EPOCH.with(|e| e.set(e.get() + 1));
    LIST.with(|l| l.set(HistoryList::default()));
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
            valid: s.valid,
            settings: Some(state.settings.get_untracked()),
            categories: s.categories.iter().map(CategoryFigures::of).collect(),
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
            valid: n,
            settings: None,
            categories: Vec::new(),
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

    #[wasm_bindgen_test]
    fn the_printed_vtr_reads_back_in_basis_points() {
        let mut e = entry(1);
        assert_eq!(e.vtr_bp(), Some(9500));
        e.vtr = "100.00%".into();
        assert_eq!(e.vtr_bp(), Some(10_000));
        e.vtr = "-".into();
        assert_eq!(e.vtr_bp(), None);
    }

    #[wasm_bindgen_test]
    fn an_entry_saved_before_settings_were_recorded_still_reads() {
        let old = r#"{"checked_at":"2026-11-25T09:00:00","as_of":"2026-11-25","files":["a.csv"],"vtr":"95.00%","status":"ok","fixes_needed":0,"considered":20}"#;
        let e: HistoryEntry = serde_json::from_str(old).unwrap();
        assert_eq!(e.settings, None);
        assert!(e.categories.is_empty());
        assert_eq!(e.valid, 0);
    }
}
