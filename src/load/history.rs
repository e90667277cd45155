//! Past checks remembered in the browser (`data-testid="history"`).
//!
//! An entry is a handful of figures, never file contents: when the check
//! was made, the file names, the overall VTR as `vtr check` prints it, the
//! status, the fixes needed and the packages considered. At most
//! [`MAX_ENTRIES`], newest first.

use chrono::{NaiveDateTime, Timelike};
use leptos::prelude::*;
use vtr_core::numbers::thousands;
use vtr_core::result::Status;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::load::storage_notice::StorageNotice;
use crate::remember::history::{
    clear_history, entry_of, load_history, now_local, save_history, HistoryList, MAX_ENTRIES,
    SETTLE_MS,
};
use crate::remember::notice::raise_on_error;
use crate::state::use_state;

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
                    raise_on_error(save_history(&current));
                }
                list.set(current);
            },
            std::time::Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    });

    let clear = move |_| {
        clear_history();
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
