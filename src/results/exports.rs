//! Downloads: the invalid packages and all packages as Excel workbooks
//! (first: text cells keep tracking numbers whole) and CSV, the result as
//! JSON, and a printed report.
//!
//! The engine worker makes the files, with exactly the functions `vtr check
//! --export-invalid/--export-all/--json` uses, and the page saves what it
//! sends back: the page never holds the packages.

use leptos::prelude::*;
use vtr_worker::protocol::{ExportKind, Request};

use crate::i18n::{t, tr};
use crate::remember::last_check::kept_result_shown;
use crate::state::{use_state, AppState};

/// Asks the engine for a download: it makes the file, with the package
/// list's filters and the page's language, and the page saves it when it
/// arrives.
pub fn request_export(state: AppState, kind: ExportKind) {
    let seq = state.engine.with_value(|e| e.next_seq());
    state.send(&Request::Export {
        seq,
        kind,
        filter: state.filter.get_untracked(),
        lang: state.lang.get_untracked(),
    });
}

/// The download and print buttons.
#[component]
pub fn Exports() -> impl IntoView {
    let state = use_state();
    let error = RwSignal::new(None::<String>);
    let save = move |kind: ExportKind| {
        error.set(None);
        request_export(state, kind);
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            if let Err(e) = w.print() {
                error.set(Some(format!("{e:?}")));
            }
        }
    };

    view! {
        <section class="exports card" data-testid="exports" aria-labelledby="exports-title">
            <h2 id="exports-title">{t("Download and print")}</h2>
            <p class="exports-hint">
                {t("Files are made in this browser. The Excel files keep every tracking number and order ID exactly as written; in a CSV file opened in Excel, long numbers can turn into 9.40011E+21.")}
            </p>
            <Show when=kept_result_shown>
                <p class="exports-wait" data-testid="exports-wait" role="status">
                    {t("The downloads are ready once your files are read again.")}
                </p>
            </Show>
            <div class="export-actions">
                <button type="button" class="button primary" data-testid="export-invalid-xlsx" disabled=kept_result_shown
                    on:click=move |_| save(ExportKind::InvalidXlsx)>
                    {t("Invalid packages (Excel)")}
                </button>
                <button type="button" class="button" data-testid="export-all-xlsx" disabled=kept_result_shown
                    on:click=move |_| save(ExportKind::AllXlsx)>
                    {t("All packages (Excel)")}
                </button>
                <button type="button" class="button" data-testid="export-invalid" disabled=kept_result_shown
                    on:click=move |_| save(ExportKind::InvalidCsv)>
                    {t("Invalid packages (CSV)")}
                </button>
                <button type="button" class="button" data-testid="export-all" disabled=kept_result_shown
                    on:click=move |_| save(ExportKind::AllCsv)>
                    {t("All packages (CSV)")}
                </button>
                <button type="button" class="button" data-testid="export-json" disabled=kept_result_shown
                    on:click=move |_| save(ExportKind::ResultJson)>
                    {t("Result (JSON)")}
                </button>
                <button type="button" class="button" data-testid="print-report" on:click=print>
                    {t("Print report")}
                </button>
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="export-error" role="alert" data-testid="export-error">
                    {move || tr(state.lang.get(), "The download could not be made:")} " "
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
        </section>
    }
}
