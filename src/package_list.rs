//! Every package, filterable and searchable, one page of rows at a time.
//!
//! The packages stay in the engine worker: the page sends the filters, the
//! order and the page number, and gets back the [`PAGE_SIZE`] rows it shows
//! ([`PageView`]). Filtering 600,000 packages happens off the main thread;
//! the page only ever renders a hundred rows.
//!
//! The filters live in [`AppState::filter`] because the reasons table sets
//! its `reason` too; every control here reads it back from there.

use std::time::Duration;

use leptos::{html, prelude::*};
use vtr_core::package::Source;
use vtr_core::query::{PackageFilter, ReasonFilter, StatusFilter};
use vtr_core::rules::exclusion::Exclusion;
use vtr_core::rules::outcome::Verdict;
use vtr_core::rules::reason::Reason;
use vtr_core::rules::validity::InvalidReason;
use vtr_worker::protocol::{FileBrief, PackageRow, PageQuery, Request, RowOrder};

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::state::{use_state, AppState};
use crate::summary_banner::shown_name;

/// Rows per page: enough to scan, few enough to render at once.
pub const PAGE_SIZE: usize = 100;

/// How long the search waits after the last keystroke before filtering,
/// so typing an order id does not filter 200,000 packages per letter.
const SEARCH_DELAY: Duration = Duration::from_millis(150);

fn order_key(order: RowOrder) -> &'static str {
    match order {
        RowOrder::InvalidFirst => "invalid_first",
        RowOrder::FileOrder => "file_order",
    }
}

fn order_from_key(key: &str) -> RowOrder {
    match key {
        "file_order" => RowOrder::FileOrder,
        _ => RowOrder::InvalidFirst,
    }
}

/// The page shown (from 0) and how many there are (at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagePos {
    pub current: usize,
    pub pages: usize,
}

/// Where a package stands, as the status cell shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    Valid,
    Invalid,
    Excluded,
}

impl RowStatus {
    fn of(v: Verdict) -> RowStatus {
        match v {
            Verdict::Valid => RowStatus::Valid,
            Verdict::Invalid(_) => RowStatus::Invalid,
            Verdict::Excluded(_) => RowStatus::Excluded,
        }
    }

    /// A class and data attribute value.
    pub fn key(self) -> &'static str {
        match self {
            RowStatus::Valid => "valid",
            RowStatus::Invalid => "invalid",
            RowStatus::Excluded => "excluded",
        }
    }

    fn text(self) -> &'static str {
        match self {
            RowStatus::Valid => "Valid",
            RowStatus::Invalid => "Invalid",
            RowStatus::Excluded => "Not counted",
        }
    }

    /// A shape beside the word, so status never rests on colour.
    fn icon(self) -> &'static str {
        match self {
            RowStatus::Valid => "✓",
            RowStatus::Invalid => "✗",
            RowStatus::Excluded => "○",
        }
    }
}

/// One visible row, as text in the page's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub index: u32,
    pub order_id: String,
    pub tracking: String,
    pub carrier: String,
    pub category: String,
    pub date: String,
    pub status: RowStatus,
    pub reason: String,
    pub source: String,
}

/// Shown in an empty cell, so a blank is visibly "nothing", not a glitch.
const NONE: &str = "—";

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        NONE.to_string()
    } else {
        text.to_string()
    }
}

/// `file:line` for each row the package came from; lines of the same file
/// share its name ("a.csv:3, 7") so duplicates stay short.
pub fn source_text(files: &[FileBrief], sources: &[Source]) -> String {
    let mut out = String::new();
    let mut last_file = None;
    for s in sources {
        if last_file == Some(s.file) {
            out.push_str(&format!(", {}", s.line));
        } else {
            if !out.is_empty() {
                out.push_str("; ");
            }
            let name = files
                .get(usize::from(s.file))
                .map_or("?", |f| f.name.as_str());
            out.push_str(&format!("{name}:{}", s.line));
            last_file = Some(s.file);
        }
    }
    out
}

/// A row of the engine's page, in the page's language.
pub fn row(p: &PackageRow, files: &[FileBrief], lang: Lang) -> Row {
    let reason = match p.verdict {
        Verdict::Valid => NONE,
        Verdict::Invalid(r) => Reason::Invalid(r).text(lang).label,
        Verdict::Excluded(e) => Reason::Excluded(e).text(lang).label,
    };
    Row {
        index: p.index,
        order_id: or_none(&p.order_id),
        tracking: or_none(&p.tracking),
        carrier: or_none(&shown_name(lang, &p.carrier)),
        category: shown_name(lang, &p.category),
        date: p
            .window_date
            .map_or_else(|| NONE.to_string(), |d| fmt_date(lang, d)),
        status: RowStatus::of(p.verdict),
        reason: reason.to_string(),
        source: source_text(files, &p.sources),
    }
}

/// The package list with its filters and pages.
/// One `<option>` per category or carrier name, selected when it is the
/// filter's; the value is the name as the engine knows it, the label as
/// the seller reads it.
fn name_options(
    names: Vec<String>,
    selected: Memo<Option<String>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    names
        .into_iter()
        .map(|name| {
            let shown = name.clone();
            view! {
                <option
                    value=name.clone()
                    prop:selected=move || selected.with(|s| s.as_deref() == Some(name.as_str()))
                >
                    {move || shown_name(lang.get(), &shown)}
                </option>
            }
        })
        .collect_view()
}

#[component]
pub fn PackageList() -> impl IntoView {
    let state = use_state();
    let order = RwSignal::new(RowOrder::default());
    let page = RwSignal::new(0usize);

    // New filters start from the first page, whoever set them.
    Effect::new(move |_| {
        state.filter.track();
        order.track();
        page.set(0);
    });
    // Ask the engine for the page shown, again whenever the result, the
    // filters, the order or the page change; only the latest answer counts.
    Effect::new(move |_| {
        state.result.with(|r| r.generation);
        let query = PageQuery {
            filter: state.filter.get(),
            order: order.get(),
            page: page.get(),
            page_size: PAGE_SIZE,
        };
        state.engine.with_value(|e| {
            let seq = e.next_seq();
            e.request_page(Request::Page { seq, query });
        });
    });
    let count = Memo::new(move |_| {
        state
            .page
            .with(|p| p.as_ref().map_or(0, |p| p.total as usize))
    });
    let pager = Memo::new(move |_| {
        state.page.with(|p| match p {
            Some(p) => PagePos {
                current: p.page,
                pages: p.pages,
            },
            None => PagePos {
                current: 0,
                pages: 1,
            },
        })
    });
    let rows = Memo::new(move |_| {
        let lang = state.lang.get();
        state.result.with(|r| {
            state.page.with(|p| {
                p.as_ref()
                    .map(|p| {
                        p.rows
                            .iter()
                            .map(|x| row(x, &r.files, lang))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });

    let top = NodeRef::<html::Section>::new();
    let go = move |to: usize| {
        page.set(to.min(pager.get_untracked().pages - 1));
        // Paging from the controls under the table shows the new page's top.
        if let Some(el) = top.get_untracked() {
            el.scroll_into_view();
        }
    };

    view! {
        <section
            id="packages"
            class="packages card"
            data-testid="packages"
            aria-labelledby="packages-title"
            node_ref=top
        >
            <h2 id="packages-title">{t("Packages")}</h2>
            <Filters order=order />
            <p class="package-count-line" aria-live="polite">
                {t("Matching packages:")} " "
                <strong data-testid="package-count">{move || count.get().to_string()}</strong>
            </p>
            <Show
                when=move || count.get() != 0
                fallback=move || view! {
                    <p class="package-empty" data-testid="package-empty">
                        {t("No packages match these filters.")}
                    </p>
                }
            >
                <PackageTable rows=rows />
                <Pager pos=pager go=go />
            </Show>
        </section>
    }
}

/// The filter controls, all reading from and writing to `state.filter`.
#[component]
fn Filters(order: RwSignal<RowOrder>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let category_list = Memo::new(move |_| state.result.with(|r| r.categories.clone()));
    let carrier_list = Memo::new(move |_| state.result.with(|r| r.carriers.clone()));
    let reason_key = Memo::new(move |_| {
        state
            .filter
            .with(|f| f.reason.map_or(String::new(), |r| r.key().to_string()))
    });
    let status_key = Memo::new(move |_| {
        state.filter.with(|f| match f.status {
            StatusFilter::All => "all",
            StatusFilter::Valid => "valid",
            StatusFilter::Invalid => "invalid",
            StatusFilter::Excluded => "excluded",
        })
    });
    let category = Memo::new(move |_| state.filter.with(|f| f.category.clone()));
    let carrier = Memo::new(move |_| state.filter.with(|f| f.carrier.clone()));
    let search = Memo::new(move |_| state.filter.with(|f| f.search.clone()));
    let any_filter = Memo::new(move |_| state.filter.with(|f| *f != PackageFilter::default()));

    let set_reason = move |ev| {
        let key = event_target_value(&ev);
        state
            .filter
            .update(|f| f.reason = ReasonFilter::from_key(&key));
    };
    let set_status = move |ev| {
        let status = match event_target_value(&ev).as_str() {
            "valid" => StatusFilter::Valid,
            "invalid" => StatusFilter::Invalid,
            "excluded" => StatusFilter::Excluded,
            _ => StatusFilter::All,
        };
        state.filter.update(|f| f.status = status);
    };
    let set_category = move |ev| {
        let v = event_target_value(&ev);
        state
            .filter
            .update(|f| f.category = (!v.is_empty()).then_some(v));
    };
    let set_carrier = move |ev| {
        let v = event_target_value(&ev);
        state
            .filter
            .update(|f| f.carrier = (!v.is_empty()).then_some(v));
    };
    let typed = StoredValue::new(0u64);
    let set_search = move |ev| {
        let text = event_target_value(&ev);
        let n = typed.get_value().wrapping_add(1);
        typed.set_value(n);
        set_timeout(
            move || {
                // Only the last keystroke of a burst filters.
                if typed.get_value() == n {
                    apply_search(state, text);
                }
            },
            SEARCH_DELAY,
        );
    };
    let search_now = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            typed.update_value(|n| *n = n.wrapping_add(1));
            apply_search(state, event_target_value(&ev));
        }
    };
    let clear = move |_| {
        typed.update_value(|n| *n = n.wrapping_add(1));
        state.filter.set(PackageFilter::default());
    };

    let reason_option = move |reason: Reason, n: u64| {
        let key = reason.key();
        view! {
            <option value=key prop:selected=move || reason_key.with(|k| k == key)>
                {move || format!("{} ({n})", reason.text(lang.get()).label)}
            </option>
        }
    };

    view! {
        <div class="package-filters" role="search" aria-label=move || tr(lang.get(), "Filter packages")>
            <div class="field field-search">
                <label for="filter-search">{t("Search order ID or tracking")}</label>
                <input
                    id="filter-search"
                    type="search"
                    data-testid="filter-search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || tr(lang.get(), "e.g. 111-5285708 or 1Z…")
                    prop:value=move || search.get()
                    on:input=set_search
                    on:keydown=search_now
                />
            </div>
            <div class="field">
                <label for="filter-status">{t("Status")}</label>
                <select id="filter-status" data-testid="filter-status" on:change=set_status>
                    {[("all", "All"), ("invalid", "Invalid"), ("valid", "Valid"), ("excluded", "Not counted")]
                        .into_iter()
                        .map(|(key, label)| view! {
                            <option value=key prop:selected=move || status_key.get() == key>{t(label)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-reason">{t("Reason")}</label>
                <select id="filter-reason" data-testid="filter-reason" on:change=set_reason>
                    <option value="" prop:selected=move || reason_key.with(|k| k.is_empty())>{t("All reasons")}</option>
                    {move || {
                        let (invalid, excluded) = state.result.with(|r| {
                            let s = &r.summary;
                            (
                                InvalidReason::ALL.map(|r| (Reason::Invalid(r), s.invalid.get(r))),
                                Exclusion::ALL.map(|e| (Reason::Excluded(e), s.excluded.get(e))),
                            )
                        });
                        view! {
                            <optgroup label=move || tr(lang.get(), "Invalid")>
                                {invalid.into_iter().map(|(k, n)| reason_option(k, n)).collect_view()}
                            </optgroup>
                            <optgroup label=move || tr(lang.get(), "Not counted")>
                                {excluded.into_iter().map(|(k, n)| reason_option(k, n)).collect_view()}
                            </optgroup>
                        }
                    }}
                </select>
            </div>
            <div class="field">
                <label for="filter-category">{t("Category")}</label>
                <select id="filter-category" data-testid="filter-category" on:change=set_category>
                    <option value="" prop:selected=move || category.with(Option::is_none)>{t("All categories")}</option>
                    {move || name_options(category_list.get(), category, lang)}
                </select>
            </div>
            <div class="field">
                <label for="filter-carrier">{t("Carrier")}</label>
                <select id="filter-carrier" data-testid="filter-carrier" on:change=set_carrier>
                    <option value="" prop:selected=move || carrier.with(Option::is_none)>{t("All carriers")}</option>
                    {move || name_options(carrier_list.get(), carrier, lang)}
                </select>
            </div>
            <div class="field">
                <label for="package-sort">{t("Order")}</label>
                <select
                    id="package-sort"
                    data-testid="package-sort"
                    on:change=move |ev| order.set(order_from_key(&event_target_value(&ev)))
                >
                    <option value=order_key(RowOrder::InvalidFirst) prop:selected=move || order.get() == RowOrder::InvalidFirst>
                        {t("Invalid first")}
                    </option>
                    <option value=order_key(RowOrder::FileOrder) prop:selected=move || order.get() == RowOrder::FileOrder>
                        {t("File order")}
                    </option>
                </select>
            </div>
            <div class="field field-clear">
                <button
                    type="button"
                    class="button small"
                    data-testid="filter-clear"
                    prop:disabled=move || !any_filter.get()
                    on:click=clear
                >
                    {t("Clear filters")}
                </button>
            </div>
        </div>
    }
}

fn apply_search(state: AppState, text: String) {
    if state.filter.with_untracked(|f| f.search != text) {
        state.filter.update(|f| f.search = text);
    }
}

/// The rows of the current page: a table on wide screens, cards on narrow.
#[component]
fn PackageTable(rows: Memo<Vec<Row>>) -> impl IntoView {
    let lang = use_state().lang;
    let head =
        move |label: &'static str| view! { <th scope="col">{move || tr(lang.get(), label)}</th> };
    view! {
        <div
            class="package-table-wrap"
            tabindex="0"
            role="region"
            aria-labelledby="packages-title"
        >
            <table class="package-table">
                <thead>
                    <tr>
                        {head("Order ID")}
                        {head("Tracking")}
                        {head("Status")}
                        {head("Reason")}
                        {head("Carrier")}
                        {head("Category")}
                        {head("Date")}
                        {head("Source")}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let l = lang.get();
                        rows.get().into_iter().map(|r| row_view(r, l)).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

fn row_view(r: Row, lang: Lang) -> impl IntoView {
    // Labels for the stacked card layout, where the header row is hidden.
    let label = |en: &'static str| tr(lang, en);
    let status = r.status;
    view! {
        <tr data-testid="package-row" data-status=status.key() class=format!("package-row {}", status.key())>
            <td data-testid="package-order" data-label=label("Order ID") class="mono">{r.order_id}</td>
            <td data-testid="package-tracking" data-label=label("Tracking") class="mono">{r.tracking}</td>
            <td data-testid="package-status" data-label=label("Status")>
                <span class=format!("status-badge {}", status.key())>
                    <span class="status-icon" aria-hidden="true">{status.icon()}</span>
                    " "
                    {tr(lang, status.text())}
                </span>
            </td>
            <td data-testid="package-reason" data-label=label("Reason")>{r.reason}</td>
            <td data-testid="package-carrier" data-label=label("Carrier")>{r.carrier}</td>
            <td data-testid="package-category" data-label=label("Category")>{r.category}</td>
            <td data-testid="package-date" data-label=label("Date") class="nowrap">{r.date}</td>
            <td data-testid="package-source" data-label=label("Source") class="source">{r.source}</td>
        </tr>
    }
}

/// First / previous / "page X of Y" / next / last.
#[component]
fn Pager(pos: Memo<PagePos>, go: impl Fn(usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_state().lang;
    let at_start = move || pos.get().current == 0;
    let at_end = move || pos.with(|p| p.current + 1 >= p.pages);
    view! {
        <nav class="pager" aria-label=move || tr(lang.get(), "Pages of the package list")>
            <button type="button" class="button small" data-testid="page-first"
                prop:disabled=at_start on:click=move |_| go(0)>
                <span aria-hidden="true">"«"</span>" "{t("First")}
            </button>
            <button type="button" class="button small" data-testid="page-prev"
                prop:disabled=at_start on:click=move |_| go(pos.get_untracked().current.saturating_sub(1))>
                <span aria-hidden="true">"‹"</span>" "{t("Previous")}
            </button>
            <span class="page-info" data-testid="page-info" aria-live="polite">
                {move || {
                    let p = pos.get();
                    trf(lang.get(), "Page {x} of {y}", &[
                        ("x", (p.current + 1).to_string()),
                        ("y", p.pages.to_string()),
                    ])
                }}
            </span>
            <button type="button" class="button small" data-testid="page-next"
                prop:disabled=at_end on:click=move |_| go(pos.get_untracked().current + 1)>
                {t("Next")}" "<span aria-hidden="true">"›"</span>
            </button>
            <button type="button" class="button small" data-testid="page-last"
                prop:disabled=at_end on:click=move |_| go(pos.get_untracked().pages.saturating_sub(1))>
                {t("Last")}" "<span aria-hidden="true">"»"</span>
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn brief(id: u64, name: &str) -> FileBrief {
        FileBrief {
            id,
            name: name.into(),
            ok: true,
        }
    }

    #[wasm_bindgen_test]
    fn rows_show_what_the_engine_found_in_the_page_language() {
        let files = vec![brief(1, "a.csv"), brief(2, "b.csv")];
        let valid = PackageRow {
            index: 0,
            order_id: "111-1".into(),
            tracking: "1Z999AA10123456784".into(),
            carrier: "UPS".into(),
            category: "Toys".into(),
            window_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 5),
            verdict: Verdict::Valid,
            sources: vec![
                Source { file: 0, line: 2 },
                Source { file: 0, line: 3 },
                Source { file: 1, line: 9 },
            ],
        };
        assert_eq!(
            row(&valid, &files, Lang::En),
            Row {
                index: 0,
                order_id: "111-1".into(),
                tracking: "1Z999AA10123456784".into(),
                carrier: "UPS".into(),
                category: "Toys".into(),
                date: "Nov 5, 2026".into(),
                status: RowStatus::Valid,
                reason: NONE.into(),
                source: "a.csv:2, 3; b.csv:9".into(),
            }
        );
        let missing = PackageRow {
            index: 1,
            order_id: "111-2".into(),
            tracking: String::new(),
            carrier: "(none)".into(),
            category: "(uncategorised)".into(),
            window_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 6),
            verdict: Verdict::Invalid(InvalidReason::MissingTracking),
            sources: vec![Source { file: 0, line: 4 }],
        };
        assert_eq!(
            row(&missing, &files, Lang::Zh),
            Row {
                index: 1,
                order_id: "111-2".into(),
                tracking: NONE.into(),
                carrier: tr(Lang::Zh, "(no carrier)").into(),
                category: "（未分类）".into(),
                date: "2026年11月6日".into(),
                status: RowStatus::Invalid,
                reason: "缺少追踪编码".into(),
                source: "a.csv:4".into(),
            }
        );
    }

    #[wasm_bindgen_test]
    fn row_orders_round_trip_through_their_keys() {
        for o in [RowOrder::InvalidFirst, RowOrder::FileOrder] {
            assert_eq!(order_from_key(order_key(o)), o);
        }
        assert_eq!(order_from_key("nonsense"), RowOrder::InvalidFirst);
        let _ = Exclusion::Digital;
    }
}
