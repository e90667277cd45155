//! What the engine said of one file, worded for the seller: its report as
//! a row shows it, its row problems, why it could not be read, and how far
//! reading has got. Engine messages are English `Display` texts, so each
//! error and row problem is rendered here from its variant.

use leptos::prelude::*;
use vtr_core::decode::{DecodeError, Encoding};
use vtr_core::infer::{Evidence, Inferred};
use vtr_core::mapping::{Field, Mapping};
use vtr_core::read::{FileError, FileKind, FileReport, Problem, RowProblem, SheetProgress};
use vtr_core::sniff::SniffError;
use vtr_core::workbook::WorkbookError;
use vtr_worker::protocol::{FailReason, Progress};

use crate::i18n::{fmt_count, tr, trf, Lang};
use crate::load::field_names::field_label;
use crate::state::{use_state, AppState};

/// What a row shows of one file's engine report, compared by value so a
/// row re-renders only when its own file's figures change.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    pub kind: FileKind,
    pub encoding: Option<&'static str>,
    /// The encoding used, and whether the seller chose it.
    pub encoding_used: Option<Encoding>,
    pub encoding_forced: bool,
    /// For a workbook: its kind and the sheet read.
    pub sheet: Option<(&'static str, String)>,
    /// A workbook's worksheets, to choose another from.
    pub sheets: Vec<String>,
    /// Fields whose column was found by its contents.
    pub inferred: Vec<Inferred>,
    pub delimiter: &'static str,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub rows: u64,
    pub skipped: u64,
    pub duplicates: u64,
    pub problems: Vec<RowProblem>,
    pub error: Option<FileError>,
}

impl ReportView {
    pub fn of(r: &FileReport) -> ReportView {
        ReportView {
            kind: r.kind,
            encoding: r.encoding.map(|e| e.label()),
            encoding_used: r.encoding,
            encoding_forced: r.encoding_forced,
            sheets: r.sheets.clone(),
            inferred: r.inferred.clone(),
            sheet: r
                .workbook
                .map(|w| (w.label(), r.sheet.clone().unwrap_or_default())),
            delimiter: r.delimiter_label(),
            headers: r.headers.clone(),
            mapping: r.mapping.clone(),
            rows: r.rows,
            skipped: r.skipped,
            duplicates: r.duplicates,
            problems: r.problems.clone(),
            error: r.error.clone(),
        }
    }
}

/// The engine's report of file `id`, once it has been read.
pub fn report_memo(state: AppState, id: u64) -> Memo<Option<ReportView>> {
    Memo::new(move |_| state.report(id).map(|r| ReportView::of(&r)))
}

/// The source format as a seller would name it.
pub fn kind_text(lang: Lang, f: FileKind) -> &'static str {
    tr(lang, f.label())
}

/// A row problem in the seller's language: "Line 12: …".
pub fn problem_text(lang: Lang, p: &RowProblem) -> String {
    let line = ("line", fmt_count(p.line));
    match &p.problem {
        Problem::FieldCount { expected, found } => trf(
            lang,
            "Line {line}: {found} fields where the header has {expected}; the row was skipped.",
            &[
                line,
                ("found", fmt_count(*found as u64)),
                ("expected", fmt_count(*expected as u64)),
            ],
        ),
        Problem::BadDate { field, value } => trf(
            lang,
            "Line {line}: {field} “{value}” is not a date; the row was skipped.",
            &[
                line,
                ("field", tr(lang, field_label(*field)).to_string()),
                ("value", value.clone()),
            ],
        ),
        Problem::BadMoney { field, value } => trf(
            lang,
            "Line {line}: {field} “{value}” is not an amount; the row was skipped.",
            &[
                line,
                ("field", tr(lang, field_label(*field)).to_string()),
                ("value", value.clone()),
            ],
        ),
        Problem::NoOrderId => trf(
            lang,
            "Line {line}: no order ID; the row was skipped.",
            &[line],
        ),
        Problem::Unreadable { .. } => trf(
            lang,
            "Line {line}: the row could not be read (broken quotes?); it was skipped.",
            &[line],
        ),
        Problem::InvalidCharacters { count } => trf(
            lang,
            "Line {line}: {count} character(s) could not be read in this file's encoding and were left out; the row counts.",
            &[line, ("count", fmt_count(*count))],
        ),
        Problem::NulBytes { count } => trf(
            lang,
            "Line {line}: {count} empty (NUL) byte(s) were dropped; the row counts.",
            &[line, ("count", fmt_count(*count))],
        ),
        Problem::DateOrderConflict { field, value } => trf(
            lang,
            "Line {line}: {field} “{value}” does not fit the day/month order of its column; this date was ignored, the row counts.",
            &[
                line,
                ("field", tr(lang, field_label(*field)).to_string()),
                ("value", value.clone()),
            ],
        ),
    }
}

/// Why a file could not be read, in the seller's language; `None` for
/// missing columns, which the mapping editor asks for instead.
pub fn error_text(lang: Lang, e: &FileError) -> Option<String> {
    Some(match e {
        FileError::Decode(DecodeError::Empty) => {
            tr(lang, "This file is empty: it contains no shipment rows.").to_string()
        }
        FileError::Decode(DecodeError::Binary(kind)) => trf(
            lang,
            "This is {what}, not a shipment export: {advice}",
            &[
                ("what", tr(lang, kind.what()).to_string()),
                ("advice", tr(lang, kind.advice()).to_string()),
            ],
        ),
        FileError::NoHeader(SniffError::LineTooLong) => tr(
            lang,
            "The file's first line is longer than 1 MB with no line break, so it has no header line to read. Save the export again as a CSV or text file.",
        )
        .to_string(),
        FileError::NoHeader(_) => tr(
            lang,
            "No header line was found: the file has no line with column names such as “order-id” or “tracking-number”.",
        )
        .to_string(),
        FileError::MissingColumns { .. } => return None,
        FileError::Mapping(m) => trf(
            lang,
            "This file has no column named “{header}”. Pick the column in the list of columns below.",
            &[("header", m.header.clone())],
        ),
        FileError::OutOfMemory => out_of_memory_text(lang),
        FileError::Workbook(w) => workbook_text(lang, w),
    })
}

/// Why a workbook could not be read, in the seller's language.
fn workbook_text(lang: Lang, e: &WorkbookError) -> String {
    let sheets = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("“{n}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match e {
        WorkbookError::TooLarge { limit } => trf(
            lang,
            "This workbook is larger than {mb} MB, too large to open here. Open it in Excel and save the sheet with the shipments as “CSV UTF-8 (Comma delimited)”, then add that file: text files of any size are read.",
            &[("mb", fmt_count(limit >> 20))],
        ),
        WorkbookError::Encrypted => tr(
            lang,
            "This workbook is protected with a password, so its cells cannot be read. Open it in Excel, remove the password and save it, or save the sheet as CSV, then add that file.",
        )
        .to_string(),
        WorkbookError::Corrupt { .. } => tr(
            lang,
            "This workbook is damaged or incomplete and could not be opened. If it opens in Excel, save it again or save the sheet as CSV, then add that file.",
        )
        .to_string(),
        WorkbookError::TooOld => tr(
            lang,
            "This is an Excel 4.0 or older workbook, a format too old to read. Open it in Excel and save it as an Excel workbook (.xlsx) or as CSV, then add that file.",
        )
        .to_string(),
        WorkbookError::NoSpreadsheet { .. } => tr(
            lang,
            "This file holds no spreadsheet. Add the shipment report itself: a CSV or text export, or an Excel workbook.",
        )
        .to_string(),
        WorkbookError::NoSheetWithColumns { sheets: names } => trf(
            lang,
            "No sheet of this workbook has a row of column names with an order ID and a tracking number. Its sheets are: {sheets}.",
            &[("sheets", sheets(names))],
        ),
        WorkbookError::NoSuchSheet { sheet, sheets: names } => trf(
            lang,
            "This workbook has no sheet named “{sheet}”. Its sheets are: {sheets}.",
            &[("sheet", sheet.clone()), ("sheets", sheets(names))],
        ),
        WorkbookError::SheetEmpty { sheet } => trf(
            lang,
            "The sheet “{sheet}” of this workbook is empty: it contains no shipment rows.",
            &[("sheet", sheet.clone())],
        ),
        WorkbookError::Empty => tr(
            lang,
            "Every sheet of this workbook is empty: it contains no shipment rows.",
        )
        .to_string(),
    }
}

fn out_of_memory_text(lang: Lang) -> String {
    tr(
        lang,
        "There was not enough memory to read this file; the check shows the other files. Close other tabs or programs and add it again, or split it into smaller files.",
    )
    .to_string()
}

/// Why a file is not in the result, in the seller's language.
pub fn failed_text(lang: Lang, why: &FailReason) -> String {
    match why {
        FailReason::OutOfMemory => out_of_memory_text(lang),
        FailReason::Unreadable { .. } => tr(
            lang,
            "This browser could not read the file; it may have been moved or changed since it was chosen. Choose it again.",
        )
        .to_string(),
        FailReason::Crashed { .. } => tr(
            lang,
            "Reading this file stopped the page's engine; it was restarted without this file.",
        )
        .to_string(),
        FailReason::Cancelled => tr(lang, "Reading was cancelled.").to_string(),
    }
}

/// How far reading has got: percent, speed and time left.
pub fn progress_text(lang: Lang, p: &Progress) -> String {
    if let Some(sheet) = p.sheet {
        return sheet_text(lang, sheet);
    }
    let percent = (p.done.saturating_mul(100))
        .checked_div(p.total)
        .unwrap_or(0)
        .min(100);
    if p.elapsed_ms == 0 || p.done == 0 {
        return trf(lang, "{percent}% read", &[("percent", percent.to_string())]);
    }
    // Bytes per millisecond is kB/s: whole MB/s with one decimal.
    let tenths_mb_s = p.done.saturating_mul(10_000) / p.elapsed_ms.max(1) / 1_000_000;
    let left_ms = p
        .total
        .saturating_sub(p.done)
        .saturating_mul(p.elapsed_ms)
        .checked_div(p.done)
        .unwrap_or(0);
    trf(
        lang,
        "{percent}% read · {speed} MB/s · about {left} s left",
        &[
            ("percent", percent.to_string()),
            (
                "speed",
                format!("{}.{}", tenths_mb_s / 10, tenths_mb_s % 10),
            ),
            ("left", left_ms.div_ceil(1000).to_string()),
        ],
    )
}

/// How far a workbook's sheet is read: its bytes are all in by then.
fn sheet_text(lang: Lang, sheet: SheetProgress) -> String {
    if sheet.rows == 0 {
        return tr(lang, "Opening the workbook…").to_string();
    }
    let row = ("row", fmt_count(sheet.rows));
    match (sheet.rows.saturating_mul(100)).checked_div(sheet.of) {
        Some(percent) => trf(
            lang,
            "{percent}% of the sheet read · row {row} of {of}",
            &[
                ("percent", percent.min(100).to_string()),
                row,
                ("of", fmt_count(sheet.of)),
            ],
        ),
        None => trf(lang, "Reading the sheet · row {row}", &[row]),
    }
}

/// The progress bar's `(max, value)`: the sheet's rows while a workbook's
/// sheet is read (no value when the workbook does not say how many, so
/// the bar moves without a measure), else bytes.
pub fn progress_bar(p: &Progress) -> (u64, Option<u64>) {
    match p.sheet {
        Some(sheet) if sheet.of > 0 => (sheet.of, Some(sheet.rows.min(sheet.of))),
        Some(_) => (1, None),
        None => (p.total.max(1), Some(p.done.min(p.total.max(1)))),
    }
}

/// The encoding a text file was read in, with a list to read it in
/// another (`data-testid="file-encoding-select"`): the first choice
/// detects it again. Only that file is read again.
pub fn encoding_fact(lang: Lang, id: u64, r: &ReportView) -> impl IntoView {
    let state = use_state();
    let select_id = format!("encoding-{id}");
    let current = r.encoding_used;
    let forced = r.encoding_forced;
    let how = if forced {
        tr(lang, "chosen")
    } else {
        tr(lang, "detected")
    };
    let options = Encoding::ALL
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let selected = forced && current == Some(*e);
            view! { <option value=i.to_string() selected=selected lang="en">{e.label()}</option> }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let chosen = value
            .parse::<usize>()
            .ok()
            .and_then(|i| Encoding::ALL.get(i).copied());
        state.set_encoding(id, chosen);
    };
    view! {
        <div class="file-fact file-fact-choice">
            <dt><label for=select_id.clone()>{tr(lang, "Encoding")}</label></dt>
            <dd>
                // An encoding's name is a technical identifier, the same
                // in every language.
                <span data-testid="file-encoding" lang="en">{r.encoding.unwrap_or("-")}</span>
                " "
                <span class="file-fact-how" data-testid="file-encoding-how">{format!("({how})")}</span>
                <select
                    id=select_id
                    class="file-choice"
                    data-testid="file-encoding-select"
                    title=tr(lang, "If the text looks garbled, read the file in another encoding")
                    on:change=on_change
                >
                    <option value="" selected=!forced>{tr(lang, "Detect automatically")}</option>
                    {options}
                </select>
            </dd>
        </div>
    }
}

/// The sheet a workbook was read from; with several sheets, a list to
/// read another (`data-testid="file-sheet-select"`), its columns detected
/// anew.
pub fn sheet_fact(lang: Lang, id: u64, r: &ReportView) -> impl IntoView {
    let current = r.sheet.as_ref().map(|(_, s)| s.clone());
    let text = current.clone().unwrap_or_else(|| "-".to_string());
    if r.sheets.len() < 2 {
        return view! {
            <div class="file-fact">
                <dt>{tr(lang, "Sheet")}</dt>
                <dd data-testid="file-sheet">{text}</dd>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="file-fact file-fact-choice">
            <dt><label for=format!("sheet-{id}")>{tr(lang, "Sheet")}</label></dt>
            <dd>
                <span data-testid="file-sheet">{text}</span>
                {sheet_select(lang, id, &r.sheets, current.as_deref())}
            </dd>
        </div>
    }
    .into_any()
}

/// The list of a workbook's sheets; choosing one reads the workbook again
/// from it.
pub fn sheet_select(
    lang: Lang,
    id: u64,
    sheets: &[String],
    current: Option<&str>,
) -> impl IntoView {
    let state = use_state();
    let options = sheets
        .iter()
        .map(|name| {
            let selected = current == Some(name.as_str());
            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.set_sheet(id, (!value.is_empty()).then_some(value));
    };
    view! {
        <select
            id=format!("sheet-{id}")
            class="file-choice"
            data-testid="file-sheet-select"
            title=tr(lang, "Read another sheet of this workbook")
            on:change=on_change
        >
            {current.is_none().then(|| view! {
                <option value="" selected=true disabled=true>{tr(lang, "Choose a sheet")}</option>
            })}
            {options}
        </select>
    }
}

/// For a workbook that could not be read from the sheet it was given or
/// chose, a list of its sheets to read another; nothing otherwise.
pub fn sheet_retry(lang: Lang, id: u64, r: &ReportView) -> Option<impl IntoView> {
    let workbook_error = matches!(
        r.error,
        Some(FileError::Workbook(
            WorkbookError::NoSheetWithColumns { .. }
                | WorkbookError::NoSuchSheet { .. }
                | WorkbookError::SheetEmpty { .. }
        ))
    );
    (workbook_error && r.sheets.len() > 1).then(|| {
        view! {
            <p class="file-sheet-retry">
                <label for=format!("sheet-{id}")>{tr(lang, "Read this sheet:")}</label>
                " "
                {sheet_select(lang, id, &r.sheets, None)}
            </p>
        }
    })
}

/// What a column's values showed, in the seller's language.
pub fn evidence_text(lang: Lang, e: Evidence) -> String {
    match e {
        Evidence::CarrierFormats { matched, sampled } => trf(
            lang,
            "{matched} of {sampled} values are carrier tracking numbers",
            &[
                ("matched", fmt_count(matched.into())),
                ("sampled", fmt_count(sampled.into())),
            ],
        ),
        Evidence::AmazonOrderIds { matched, sampled } => trf(
            lang,
            "{matched} of {sampled} values are Amazon order IDs",
            &[
                ("matched", fmt_count(matched.into())),
                ("sampled", fmt_count(sampled.into())),
            ],
        ),
        Evidence::OrderHeader { matched, sampled } => trf(
            lang,
            "its header names an order and {matched} of {sampled} values are identifiers",
            &[
                ("matched", fmt_count(matched.into())),
                ("sampled", fmt_count(sampled.into())),
            ],
        ),
    }
}

/// A column's name as a note shows it: its header, or its position.
fn column_name(lang: Lang, headers: &[String], c: usize) -> String {
    match headers.get(c).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => format!("“{h}”"),
        _ => trf(lang, "column {n}", &[("n", (c + 1).to_string())]),
    }
}

/// Opens the mapping editor of file `id` at `field`'s list.
fn change_column(id: u64, field: Field) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(select) = doc.get_element_by_id(&format!("map-{id}-{}", field.key())) else {
        return;
    };
    if let Ok(Some(details)) = select.closest("details") {
        use wasm_bindgen::JsCast;
        if let Ok(d) = details.dyn_into::<web_sys::HtmlDetailsElement>() {
            d.set_open(true);
        }
    }
    use wasm_bindgen::JsCast;
    if let Ok(el) = select.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// The columns found by their contents rather than their headers, each
/// with what showed it and a button to change it
/// (`data-testid="file-inferred"`), and the forwarder waybill column
/// passed over, with why.
pub fn inferred_notes(lang: Lang, id: u64, r: &ReportView) -> Option<impl IntoView> {
    if r.inferred.is_empty() || r.error.is_some() {
        return None;
    }
    let items = r
        .inferred
        .iter()
        .map(|i| {
            let field = i.field;
            let column = column_name(lang, &r.headers, i.column);
            let text = trf(
                lang,
                "{field} found by its contents: column {column} ({evidence}).",
                &[
                    ("field", tr(lang, field_label(field)).to_string()),
                    ("column", column.clone()),
                    ("evidence", evidence_text(lang, i.evidence)),
                ],
            );
            let why = i.passed_over.map(|w| {
                trf(
                    lang,
                    "Not column {waybill}: it holds the forwarder's own waybill numbers. Column {column} holds the last-mile carrier's number, which is the one Amazon can track.",
                    &[("waybill", column_name(lang, &r.headers, w)), ("column", column.clone())],
                )
            });
            view! {
                <li data-testid="file-inferred" data-field=field.key() data-column=i.column.to_string()>
                    <span aria-hidden="true">"ⓘ "</span>
                    {text}
                    {why.map(|w| view! { " " <span data-testid="file-inferred-why">{w}</span> })}
                    " "
                    <button
                        type="button"
                        class="link-button"
                        data-testid="file-inferred-change"
                        on:click=move |_| change_column(id, field)
                    >
                        {tr(lang, "Change it")}
                    </button>
                </li>
            }
        })
        .collect_view();
    Some(view! { <ul class="file-inferred">{items}</ul> })
}
