//! The files of the analysis: what was read from each, its problems, its
//! columns, and a way to remove it. Every figure is the engine's report,
//! worded by [`super::file_report`].

use leptos::prelude::*;
use vtr_core::read::{FileError, MAX_LISTED_PROBLEMS};

use crate::i18n::{fmt_count, fmt_date, t, tr, trf, Lang};
use crate::load::file_report::{
    encoding_fact, error_text, failed_text, inferred_notes, kind_text, problem_text, progress_bar,
    progress_text, report_memo, sheet_fact, sheet_retry, ReportView,
};
use crate::load::mapping_editor::{MappingEditor, SkippedRules};
use crate::load::sample;
use crate::state::{use_state, AppState, AsOf, Stage};
use vtr_view::size::human_size;

/// Removes file `id`; when that was the sample, the as-of date it set goes
/// back to today so the seller's own files are not checked for its day.
pub fn remove_file(state: AppState, id: u64) {
    let was_sample = state.file(id).is_some_and(|f| sample::is_sample(&f));
    state.remove(id);
    if was_sample {
        reset_sample_date(state);
    }
}

fn reset_sample_date(state: AppState) {
    if state
        .settings
        .with_untracked(|s| s.as_of == sample::sample_as_of())
    {
        state.set_as_of(AsOf::Today);
    }
}

/// The list of files, the sample's date note and the skipped checks.
#[component]
pub fn FileList() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let count = Memo::new(move |_| state.files.with(|f| f.len()));
    let ids = Memo::new(move |_| {
        state
            .files
            .with(|f| f.iter().map(|f| f.id).collect::<Vec<_>>())
    });
    let show_sample_note = move || {
        sample::sample_loaded(state) && state.settings.with(|s| s.as_of == sample::sample_as_of())
    };
    let remove_all = move |_| {
        let had_sample = sample::sample_loaded(state);
        state.clear();
        if had_sample {
            reset_sample_date(state);
        }
    };
    view! {
        <Show when=move || { count.get() > 0 }>
            <section class="files" data-testid="files" aria-labelledby="files-title">
                <div class="files-head">
                    <h2 id="files-title">
                        {move || trf(lang.get(), "Files ({n})", &[("n", fmt_count(count.get() as u64))])}
                    </h2>
                    <button
                        type="button"
                        class="button small"
                        data-testid="files-clear"
                        on:click=remove_all
                    >
                        {t("Remove all")}
                    </button>
                </div>
                <Show
                    when=move || { count.get() <= MANY_FILES }
                    fallback=move || view! { <ManyFiles ids=ids /> }
                >
                    <ul class="file-list">
                        <For each=move || ids.get() key=|id| *id let:id>
                            <FileRow id=id />
                        </For>
                    </ul>
                </Show>
                <Show when=show_sample_note>
                    <p class="sample-note" data-testid="sample-note">
                        <span aria-hidden="true">"ⓘ "</span>
                        {move || trf(
                            lang.get(),
                            "The sample is checked as of {date}, so its dates fall in the window. You can change the date in the settings.",
                            &[("date", fmt_date(lang.get(), sample::sample_as_of()))],
                        )}
                    </p>
                </Show>
                <SkippedRules />
            </section>
        </Show>
    }
}

/// Past this many files the list shows their totals, and each file only
/// when the seller opens the list: a card per file for a thousand files
/// would be a page nobody reads, and slow to keep up to date.
pub const MANY_FILES: usize = 25;

/// The list of many files: a totals line that opens into the rows.
#[component]
fn ManyFiles(ids: Memo<Vec<u64>>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let tally = state.tally;
    view! {
        <details
            class="file-many"
            data-testid="files-many"
            data-read=move || tally.get().read.to_string()
            data-waiting=move || tally.get().waiting.to_string()
            data-problems=move || tally.get().problems.to_string()
            on:toggle=move |ev| {
                let el: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(el.open());
            }
        >
            <summary>
                {move || {
                    let t = tally.get();
                    trf(
                        lang.get(),
                        "{read} read, {waiting} waiting, {problems} with a problem — show each file",
                        &[
                            ("read", fmt_count(t.read as u64)),
                            ("waiting", fmt_count(t.waiting as u64)),
                            ("problems", fmt_count(t.problems as u64)),
                        ],
                    )
                }}
            </summary>
            <Show when=move || open.get()>
                <ul class="file-list">
                    <For each=move || ids.get() key=|id| *id let:id>
                        <FileRow id=id />
                    </For>
                </ul>
            </Show>
        </details>
    }
}

/// One file: name, size, what the engine found, problems, columns.
#[component]
fn FileRow(id: u64) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let file = state.file(id);
    let meta = Memo::new(move |_| file.map(|f| (f.name(), f.size, f.stage.get(), f.reads.get())));
    let report = report_memo(state, id);
    let name = move || meta.with(|m| m.as_ref().map(|m| m.0.clone()).unwrap_or_default());
    let size = move || meta.with(|m| m.as_ref().map(|m| m.1).unwrap_or(0));
    let stage = move || meta.with(|m| m.as_ref().map(|m| m.2.clone()));
    let missing_columns = move || {
        report.with(|r| {
            matches!(
                r.as_ref().and_then(|r| r.error.as_ref()),
                Some(FileError::MissingColumns { .. })
            )
        })
    };
    let row_state = move || match stage() {
        Some(Stage::Queued) => "queued",
        Some(Stage::Reading(_)) => "reading",
        Some(Stage::Failed(_)) => "error",
        _ => report.with(|r| match r.as_ref().and_then(|r| r.error.as_ref()) {
            None => "read",
            Some(FileError::MissingColumns { .. }) => "needs-mapping",
            Some(_) => "error",
        }),
    };
    let reading = move || matches!(stage(), Some(Stage::Queued | Stage::Reading(_)));

    // Everything below the name depends on the stage and the report.
    let body = move || {
        let lang_now = lang.get();
        match stage() {
            None => ().into_any(),
            Some(Stage::Queued) => view! {
                <p class="file-status" role="status" data-testid="file-status">
                    <span class="spinner" aria-hidden="true"></span>
                    {t("Waiting for the files before it…")}
                </p>
            }
            .into_any(),
            Some(Stage::Reading(p)) => {
                let (max, value) = progress_bar(&p);
                let max = max.to_string();
                let value = value.map(|v| v.to_string());
                view! {
                    <div class="file-progress" data-testid="file-progress">
                        <progress
                            max=max
                            value=value
                            aria-label=tr(lang_now, "Reading")
                        ></progress>
                        <p class="file-status" role="status" data-testid="file-progress-text">
                            {progress_text(lang_now, &p)}
                        </p>
                    </div>
                }
                .into_any()
            }
            Some(Stage::Failed(why)) => {
                let text = failed_text(lang_now, &why);
                view! {
                    <p class="file-error" role="alert" data-testid="file-error">
                        <span aria-hidden="true" class="file-error-icon">"⚠ "</span>
                        {text}
                    </p>
                }
                .into_any()
            }
            Some(Stage::Read(_)) => report.with(|r| match r {
                None => ().into_any(),
                Some(r) => file_details(lang_now, id, r).into_any(),
            }),
        }
    };

    view! {
        <li
            class="file-row"
            data-testid="file-row"
            data-state=row_state
            data-reads=move || meta.with(|m| m.as_ref().map_or(0, |m| m.3)).to_string()
        >
            <div class="file-head">
                <div class="file-meta">
                    <span class="file-name" data-testid="file-name">{name}</span>
                    <span class="file-size">{move || human_size(size())}</span>
                </div>
                <Show
                    when=reading
                    fallback=move || view! {
                        <button
                            type="button"
                            class="button small file-remove"
                            data-testid="file-remove"
                            aria-label=move || trf(lang.get(), "Remove {name}", &[("name", name())])
                            on:click=move |_| remove_file(state, id)
                        >
                            <span aria-hidden="true">"✕"</span>
                            {t("Remove")}
                        </button>
                    }
                >
                    <button
                        type="button"
                        class="button small file-cancel"
                        data-testid="file-cancel"
                        aria-label=move || trf(lang.get(), "Stop reading {name}", &[("name", name())])
                        on:click=move |_| cancel_file(state, id)
                    >
                        <span aria-hidden="true">"■"</span>
                        {t("Cancel")}
                    </button>
                </Show>
            </div>
            {body}
            <Show when=move || matches!(stage(), Some(Stage::Read(_))) && report.with(|r| r.as_ref().is_some_and(|r| !r.headers.is_empty()))>
                <MappingEditor id=id report=report open_now=Signal::derive(missing_columns) />
            </Show>
        </li>
    }
}

/// Stops reading file `id`: a file never read leaves the list (the engine
/// says so), and the result stays as it was; a file being read again
/// keeps what it had.
pub fn cancel_file(state: AppState, id: u64) {
    state.cancel(id);
}

/// The facts of a read file, or why it could not be read.
fn file_details(lang: Lang, id: u64, r: &ReportView) -> impl IntoView {
    if let Some(text) = r.error.as_ref().and_then(|e| error_text(lang, e)) {
        return view! {
            <p class="file-error" role="alert" data-testid="file-error">
                <span aria-hidden="true" class="file-error-icon">"⚠ "</span>
                {text}
            </p>
            {sheet_retry(lang, id, r)}
        }
        .into_any();
    }
    let read = r.error.is_none();
    let fact = |label: &'static str, testid: &'static str, value: String| {
        view! {
            <div class="file-fact">
                <dt>{tr(lang, label)}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    let describe = view! {
        {fact("Format", "file-format", kind_text(lang, r.kind).to_string())}
        {match r.sheet.clone() {
            Some((book, _)) => view! {
                {fact("Workbook", "file-workbook", tr(lang, book).to_string())}
                {sheet_fact(lang, id, r)}
            }
            .into_any(),
            None => view! {
                {encoding_fact(lang, id, r)}
                {fact("Delimiter", "file-delimiter", tr(lang, r.delimiter).to_string())}
            }
            .into_any(),
        }}
        {fact("Columns", "file-columns", fmt_count(r.headers.len() as u64))}
    };
    let counts = read.then(|| {
        view! {
            {fact("Rows read", "file-rows", fmt_count(r.rows))}
            {fact("Rows skipped", "file-skipped", fmt_count(r.skipped))}
            {fact("Duplicate rows", "file-duplicates", fmt_count(r.duplicates))}
        }
    });
    let problems = (read && !r.problems.is_empty()).then(|| problems_view(lang, r));
    view! {
        <dl class="file-facts">{describe}{counts}</dl>
        {inferred_notes(lang, id, r)}
        {problems}
    }
    .into_any()
}

/// The rows with problems, by line, behind a disclosure.
fn problems_view(lang: Lang, r: &ReportView) -> impl IntoView {
    let listed = r.problems.len() as u64;
    let summary = trf(
        lang,
        "Show the {n} rows with a problem",
        &[("n", fmt_count(listed))],
    );
    let capped = (listed >= MAX_LISTED_PROBLEMS as u64).then(|| {
        view! {
            <p class="problems-capped">
                {trf(lang, "Only the first {n} are listed.", &[("n", fmt_count(listed))])}
            </p>
        }
    });
    let items = r
        .problems
        .iter()
        .map(|p| {
            let kind = if p.problem.skips_row() {
                "skipped"
            } else {
                "note"
            };
            view! { <li data-kind=kind>{problem_text(lang, p)}</li> }
        })
        .collect_view();
    view! {
        <details class="file-problems" data-testid="file-problems">
            <summary>{summary}</summary>
            <ul>{items}</ul>
            {capped}
        </details>
    }
}
