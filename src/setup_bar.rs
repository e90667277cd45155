//! The compact bar that stands for the files, their columns and the
//! settings once there is a result: "2 files · 30 days ending Nov 11,
//! 2026 · Change". The loading components themselves are unchanged; the
//! app folds them away under this bar (`id="setup"`) and this bar's
//! button opens them. Files dropped on the bar are added as on the drop
//! zone.

use leptos::prelude::*;
use vtr_core::numbers::thousands;
use vtr_core::read::FileError;
use wasm_bindgen::JsCast;
use web_sys::DragEvent;

use crate::browser::storage::StorageError;
use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::load::drop_zone::add_dropped;
use crate::remember::last_check::{self, Keep};
use crate::results::links::focus_quietly;
use crate::state::{use_state, Stage};

/// The id of the folded area the bar opens.
pub const SETUP_ID: &str = "setup";

#[component]
pub fn SetupBar(open: RwSignal<bool>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let dragging = RwSignal::new(false);
    // The running tally, not a walk over every file's stage: with a
    // thousand files that walk would run a thousand times.
    let tally = state.tally;
    let only = Memo::new(move |_| {
        state
            .files
            .with(|files| (files.len() == 1).then(|| files[0].name()))
    });
    let total = Memo::new(move |_| state.files.with(Vec::len));
    let files_text = move || {
        let lang = lang.get();
        match only.get() {
            Some(name) => name,
            None => trf(lang, "{n} files", &[("n", thousands(total.get() as u64))]),
        }
    };
    let window_text = move || {
        let lang = lang.get();
        let w = state.result.with(|r| r.summary.window);
        let (days, all_dates) = state.settings.with(|s| (s.window_days, s.all_dates));
        match w.end.filter(|_| w.applied) {
            Some(end) => trf(
                lang,
                "{days} days ending {date}",
                &[
                    ("days", thousands(u64::from(days))),
                    ("date", fmt_date(lang, end)),
                ],
            ),
            None if all_dates => tr(lang, "All dates").to_string(),
            None => tr(lang, "No date column").to_string(),
        }
    };
    let on_drag_over = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(dt) = ev.data_transfer() {
            add_dropped(state, &dt);
        }
    };

    view! {
        <div
            class="setup-bar"
            class:dragging=move || dragging.get()
            class:open=move || open.get()
            data-testid="setup-bar"
            on:dragover=on_drag_over
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="setup-facts">
                <span class="setup-fact setup-files" data-testid="setup-files">{files_text}</span>
                <span class="setup-fact" data-testid="setup-window">{window_text}</span>
                {move || {
                    let t = tally.get();
                    let lang = lang.get();
                    let waiting = (t.waiting > 0).then(|| view! {
                        <span class="setup-fact setup-busy" data-testid="setup-reading">
                            <span class="spinner" aria-hidden="true"></span>
                            {trf(lang, "reading {n}…", &[("n", thousands(t.waiting as u64))])}
                        </span>
                    });
                    let problems = (t.problems > 0).then(|| view! {
                        <span class="setup-fact setup-problem" data-testid="setup-problems">
                            <span aria-hidden="true">"⚠ "</span>
                            {trf(lang, "{n} could not be read", &[("n", thousands(t.problems as u64))])}
                        </span>
                    });
                    (waiting, problems)
                }}
                {move || kept_fact(lang.get())}
            </p>
            <button
                type="button"
                class="button small setup-toggle"
                data-testid="setup-toggle"
                aria-controls=SETUP_ID
                aria-expanded=move || open.get().to_string()
                aria-label=move || if open.get() { tr(lang.get(), "Done with files and settings") } else { tr(lang.get(), "Change files or settings") }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { tr(lang.get(), "Done") } else { tr(lang.get(), "Change") }}
            </button>
        </div>
    }
}

/// Whether the check on screen is kept on this device, in a word: the
/// "Saved on this device" panel itself is folded with the files.
fn kept_fact(lang: Lang) -> Option<impl IntoView> {
    let (key, text) = match last_check::status() {
        Keep::Saved { .. } => ("saved", tr(lang, "kept on this device")),
        Keep::NotKept(StorageError::Full) => ("full", tr(lang, "not kept: storage is full")),
        Keep::NotKept(_) => ("unavailable", tr(lang, "not kept on this device")),
        Keep::Elsewhere => ("elsewhere", tr(lang, "another tab's check is kept")),
        _ => return None,
    };
    Some(view! {
        <span class="setup-fact setup-kept" data-testid="setup-kept" data-state=key>{text}</span>
    })
}

/// Whether some file waits for the seller to pick a required column: the
/// page then shows that prompt, never a result without the file.
pub fn needs_columns(state: crate::state::AppState) -> bool {
    // Such a file counts as a problem; with none, no file's stage is read.
    if state.tally.with(|t| t.problems == 0) {
        return false;
    }
    state.files.with(|files| {
        files.iter().any(|f| {
            f.stage.with(|s| {
                // An order export without tracking has no column to pick:
                // it is named, and the other files' result is shown.
                matches!(s, Stage::Read(r) if matches!(r.error, Some(FileError::MissingColumns { orders_only: None, .. })))
            })
        })
    })
}

/// Brings the first file that asks for a missing column to the top of the
/// view, its prompt below its name, and moves focus to the first column it
/// asks for.
pub fn show_mapping_prompt() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(prompt)) = doc.query_selector("[data-testid=mapping-prompt]") else {
        return;
    };
    let row = prompt.closest("[data-testid=file-row]").ok().flatten();
    row.as_ref().unwrap_or(&prompt).scroll_into_view();
    let select = prompt
        .closest("[data-testid=mapping]")
        .ok()
        .flatten()
        .and_then(|m| m.query_selector("select[aria-invalid=true]").ok().flatten())
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(select) = select {
        focus_quietly(&select);
    }
}

/// The label of the area the bar folds, for screen readers.
pub fn setup_label() -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    t("Files and settings")
}
