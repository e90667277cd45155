//! Downloads: the invalid packages and all packages as CSV, the result as
//! JSON, and a printed report.
//!
//! The engine worker makes the files, with exactly the functions `vtr check
//! --export-invalid/--export-all/--json` uses, and the page saves what it
//! sends back: the page never holds the packages.

use leptos::prelude::*;
use vtr_worker::protocol::{ExportKind, Request};

use crate::i18n::{t, tr};
use crate::state::use_state;

/// What a download holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    InvalidCsv,
    AllCsv,
    ResultJson,
}

impl Export {
    fn kind(self) -> ExportKind {
        match self {
            Export::InvalidCsv => ExportKind::InvalidCsv,
            Export::AllCsv => ExportKind::AllCsv,
            Export::ResultJson => ExportKind::ResultJson,
        }
    }
}

/// The download and print buttons.
#[component]
pub fn Exports() -> impl IntoView {
    let state = use_state();
    let error = RwSignal::new(None::<String>);
    // The engine makes the file and the page saves it when it arrives.
    let save = move |export: Export| {
        error.set(None);
        let seq = state.engine.with_value(|e| e.next_seq());
        state.send(&Request::Export {
            seq,
            kind: export.kind(),
            filter: state.filter.get_untracked(),
            lang: state.lang.get_untracked(),
        });
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
                {t("Files are made in this browser. The CSV files open in Excel with Chinese text intact.")}
            </p>
            <div class="export-actions">
                <button type="button" class="button primary" data-testid="export-invalid"
                    on:click=move |_| save(Export::InvalidCsv)>
                    {t("Invalid packages (CSV)")}
                </button>
                <button type="button" class="button" data-testid="export-all"
                    on:click=move |_| save(Export::AllCsv)>
                    {t("All packages (CSV)")}
                </button>
                <button type="button" class="button" data-testid="export-json"
                    on:click=move |_| save(Export::ResultJson)>
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
