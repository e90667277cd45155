//! Downloads made in the browser: the invalid packages and all packages as
//! CSV, the result as JSON, and a printed report.
//!
//! The files are exactly what `vtr check --invalid-csv/--all-csv/--json`
//! writes for the same files and settings: the same engine functions make
//! them, here into memory instead of a file.

use chrono::NaiveDate;
use leptos::prelude::*;
use vtr_core::export::{write_csv, Which};
use vtr_core::result::Summary;
use vtr_core::{Analysis, Dataset, Registry};

use crate::download::download;
use crate::i18n::{t, tr};
use crate::state::use_state;

/// Excel reads a CSV without a byte-order mark in the PC's legacy code page,
/// which garbles Chinese; with it, Excel knows the file is UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a download holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    InvalidCsv,
    AllCsv,
    ResultJson,
}

impl Export {
    /// The file name, dated by the day the result is computed as of, so
    /// downloads of different checks sort and never overwrite each other.
    pub fn file_name(self, as_of: NaiveDate) -> String {
        match self {
            Export::InvalidCsv => format!("vtr-invalid-{as_of}.csv"),
            Export::AllCsv => format!("vtr-packages-{as_of}.csv"),
            Export::ResultJson => format!("vtr-result-{as_of}.json"),
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Export::InvalidCsv | Export::AllCsv => "text/csv;charset=utf-8",
            Export::ResultJson => "application/json",
        }
    }
}

/// The packages as CSV: the BOM, then the engine's defused rows.
pub fn csv_bytes(
    data: &Dataset,
    analysis: &Analysis,
    registry: &Registry,
    which: Which,
) -> std::io::Result<Vec<u8>> {
    let mut out = UTF8_BOM.to_vec();
    write_csv(&mut out, data, analysis, registry, which)?;
    Ok(out)
}

/// The section-8 object as `vtr check --json` prints it, final newline
/// included, so the two files compare equal byte for byte.
pub fn json_text(summary: &Summary) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(summary)?;
    text.push('\n');
    Ok(text)
}

/// The bytes of `export` for the current result.
fn make(export: Export) -> Result<(String, Vec<u8>), String> {
    let state = use_state();
    let data = state.dataset.get_untracked();
    let analysis = state.analysis.get_untracked();
    let registry = state.registry.get_untracked();
    let name = export.file_name(analysis.summary.settings.as_of);
    let bytes = match export {
        Export::InvalidCsv => csv_bytes(&data, &analysis, &registry, Which::Invalid),
        Export::AllCsv => csv_bytes(&data, &analysis, &registry, Which::All),
        Export::ResultJson => json_text(&analysis.summary)
            .map(String::into_bytes)
            .map_err(std::io::Error::other),
    }
    .map_err(|e| e.to_string())?;
    Ok((name, bytes))
}

/// The download and print buttons.
#[component]
pub fn Exports() -> impl IntoView {
    let state = use_state();
    let error = RwSignal::new(None::<String>);
    let save = move |export: Export| {
        let outcome = make(export).and_then(|(name, bytes)| download(&name, export.mime(), &bytes));
        error.set(outcome.err());
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn file_names_carry_the_as_of_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        assert_eq!(
            Export::InvalidCsv.file_name(d),
            "vtr-invalid-2026-11-25.csv"
        );
        assert_eq!(Export::AllCsv.file_name(d), "vtr-packages-2026-11-25.csv");
        assert_eq!(
            Export::ResultJson.file_name(d),
            "vtr-result-2026-11-25.json"
        );
    }

    #[wasm_bindgen_test]
    fn csv_starts_with_a_bom_and_the_header_and_defuses_formulas() {
        let csv = "order-id,tracking-number,carrier-code,ship-date,promised-delivery-date,product-category\n\
                   =cmd|' /C calc'!A0,1Z999AA10123456784,UPS,2026-11-01,2026-11-05,玩具\n";
        let data = vtr_core::load(
            &[vtr_core::FileInput::new("a.csv", csv.as_bytes())],
            &vtr_core::LoadOptions::default(),
        );
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let registry = Registry::default();
        let analysis = vtr_core::analyze(&data, &vtr_core::Settings::new(as_of), &registry);
        let bytes = csv_bytes(&data, &analysis, &registry, Which::All).unwrap_or_default();
        assert!(bytes.starts_with(UTF8_BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap_or_default();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("order_id,tracking,carrier,carrier_recognised,category,window_date,status,reason,explanation,fix,source")
        );
        let row = lines.next().unwrap_or_default();
        assert!(
            row.starts_with("'=cmd|' /C calc'!A0,1Z999AA10123456784,UPS,"),
            "{row}"
        );
        assert!(row.contains(",玩具,2026-11-05,"), "{row}");
        assert!(row.ends_with(",a.csv:2"), "{row}");
        assert_eq!(lines.next(), None);
    }

    #[wasm_bindgen_test]
    fn json_is_the_pretty_summary_with_a_final_newline() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let data = Dataset::default();
        let registry = Registry::default();
        let analysis = vtr_core::analyze(&data, &vtr_core::Settings::new(as_of), &registry);
        let text = json_text(&analysis.summary).unwrap_or_default();
        assert!(
            text.starts_with("{\n  \"settings\": {\n    \"as_of\": \"2026-11-25\""),
            "{text}"
        );
        assert!(text.ends_with("}\n"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back["packages"], 0);
    }
}
