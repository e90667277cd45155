//! Past checks remembered in the browser (`data-testid="history"`).
//!
//! An entry is a handful of figures, never file contents: when the check
//! was made, the file names, the overall VTR as `vtr check` prints it, the
//! status, the fixes needed and the packages considered. At most
//! [`MAX_ENTRIES`], newest first.

use chrono::Timelike;
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vtr_core::format::{percent, thousands};
use vtr_core::result::Status;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::state::{use_state, AppState};
use crate::storage::{self, StorageNotice, HISTORY_KEY};

/// Most checks remembered.
pub const MAX_ENTRIES: usize = 20;

/// How long the figures must stay the same before a check is remembered,
/// so dropping five files, or stepping through settings, leaves one entry.
const SETTLE_MS: u64 = 1500;

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
    storage::load(HISTORY_KEY).or_default_noticed()
}

/// Saves the history.
pub fn save_history(list: &HistoryList) -> Result<(), storage::StorageError> {
    storage::save(HISTORY_KEY, list)
}

/// Now in the browser's local time, to the minute.
fn now_local() -> NaiveDateTime {
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

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Ok => "OK",
        Status::AtRisk => "At risk",
        Status::NoData => "No data",
    }
}

/// A shape for the status, so it never rests on colour alone.
fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Ok => "✓",
        Status::AtRisk => "⚠",
        Status::NoData => "–",
    }
}

fn when_text(lang: Lang, at: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        fmt_date(lang, at.date()),
        at.hour(),
        at.minute()
    )
}

/// The history table with its "Clear history" button. Also the one place
/// that records checks, once their figures settle.
#[component]
pub fn History() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let list = RwSignal::new(load_history());
    let pending = StoredValue::new(None::<TimeoutHandle>);

    Effect::new(move |_| {
        // Runs on every new result; the entry is computed now, saved later.
        let Some(entry) = entry_of(state, now_local()) else {
            return;
        };
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                // Another tab may have written meanwhile: start from storage.
                let mut current = load_history();
                if current.push(entry) {
                    if let Err(e) = save_history(&current) {
                        storage::raise(e.notice());
                    }
                }
                list.set(current);
            },
            std::time::Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    });

    let clear = move |_| {
        storage::remove(HISTORY_KEY);
        list.set(HistoryList::default());
    };
    let has_files = move || state.files.with(|f| !f.is_empty());

    view! {
        <section class="history" data-testid="history" aria-labelledby="history-title">
            <div class="history-head">
                <h2 id="history-title">{t("Past checks")}</h2>
                <Show when=move || list.with(|l| !l.entries.is_empty())>
                    <button type="button" class="button small" data-testid="history-clear" on:click=clear>
                        {t("Clear history")}
                    </button>
                </Show>
            </div>
            // The settings panel shows storage notices while it is on screen.
            <Show when=move || !has_files()>
                <StorageNotice />
            </Show>
            <Show
                when=move || list.with(|l| !l.entries.is_empty())
                fallback=move || view! {
                    <p class="history-empty">
                        {t("Checks you make are listed here, in this browser only, so you can compare them over time.")}
                    </p>
                }
            >
                <div class="table-scroll">
                    <table class="history-table">
                        <caption class="visually-hidden">
                            {move || trf(lang.get(), "The last {n} checks, newest first", &[("n", MAX_ENTRIES.to_string())])}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Checked")}</th>
                                <th scope="col">{t("Files")}</th>
                                <th scope="col" class="num">{t("VTR")}</th>
                                <th scope="col">{t("Result")}</th>
                                <th scope="col" class="num">{t("Fixes needed")}</th>
                                <th scope="col" class="num">{t("Considered")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let lang_now = lang.get();
                                list.with(|l| {
                                    l.entries
                                        .iter()
                                        .map(|e| {
                                            let status = e.status;
                                            view! {
                                                <tr data-testid="history-row" data-status=status.key()>
                                                    <td class="history-when" data-label=tr(lang_now, "Checked")>
                                                        {when_text(lang_now, e.checked_at)}
                                                        <span class="history-asof">
                                                            {trf(lang_now, "as of {date}", &[("date", fmt_date(lang_now, e.as_of))])}
                                                        </span>
                                                    </td>
                                                    <td class="history-files" data-label=tr(lang_now, "Files")>{e.files.join(", ")}</td>
                                                    <td class="num" data-label=tr(lang_now, "VTR")>{e.vtr.clone()}</td>
                                                    <td class=format!("history-status status-{}", status.key()) data-label=tr(lang_now, "Result")>
                                                        <span aria-hidden="true">{status_mark(status)}" "</span>
                                                        {tr(lang_now, status_label(status))}
                                                    </td>
                                                    <td class="num" data-label=tr(lang_now, "Fixes needed")>{thousands(e.fixes_needed)}</td>
                                                    <td class="num" data-label=tr(lang_now, "Considered")>{thousands(e.considered)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
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
