//! Every package, filterable and searchable, one page of rows at a time.
//!
//! At 200,000 packages the page must stay quick: the engine's
//! [`vtr_core::query::filter`] is one pass over indices, the result is kept
//! in a memo, and the page holds only [`PAGE_SIZE`] rows in the DOM. Rows
//! are built as plain strings for the visible page only, so changing page
//! or language touches a hundred rows, never the whole list.
//!
//! The filters live in [`AppState::filter`] because the reasons table sets
//! its `reason` too; every control here reads it back from there.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use leptos::{html, prelude::*};
use vtr_core::package::Source;
use vtr_core::query::{self, category_of, PackageFilter, ReasonFilter, StatusFilter};
use vtr_core::rules::exclusion::Exclusion;
use vtr_core::rules::outcome::Verdict;
use vtr_core::rules::validity::InvalidReason;
use vtr_core::{Analysis, Dataset};

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::reason_text;
use crate::state::{use_state, AppState, Shared};
use crate::summary_banner::shown_name;

/// Rows per page: enough to scan, few enough to render at once.
pub const PAGE_SIZE: usize = 100;

/// How long the search waits after the last keystroke before filtering,
/// so typing an order id does not filter 200,000 packages per letter.
const SEARCH_DELAY: Duration = Duration::from_millis(150);

/// The order of the rows. Problems first by default: the list is where a
/// seller looks for what to fix, and file order is one click away.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowOrder {
    /// Invalid, then valid, then excluded; file order within each.
    #[default]
    InvalidFirst,
    /// As the packages were read.
    FileOrder,
}

impl RowOrder {
    fn key(self) -> &'static str {
        match self {
            RowOrder::InvalidFirst => "invalid_first",
            RowOrder::FileOrder => "file_order",
        }
    }

    fn from_key(key: &str) -> RowOrder {
        match key {
            "file_order" => RowOrder::FileOrder,
            _ => RowOrder::InvalidFirst,
        }
    }
}

/// Sorts matching indices for `order`; a stable sort keeps file order
/// within each status.
pub fn order_rows(matches: &mut [u32], verdicts: &[Verdict], order: RowOrder) {
    if order == RowOrder::InvalidFirst {
        matches.sort_by_key(|&i| match verdicts.get(i as usize) {
            Some(Verdict::Invalid(_)) => 0u8,
            Some(Verdict::Valid) => 1,
            _ => 2,
        });
    }
}

/// Number of pages for `count` rows; an empty list still has one page.
pub fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
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
pub fn source_text(data: &Dataset, sources: impl Iterator<Item = Source>) -> String {
    let mut out = String::new();
    let mut last_file = None;
    for s in sources {
        if last_file == Some(s.file) {
            out.push_str(&format!(", {}", s.line));
        } else {
            if !out.is_empty() {
                out.push_str("; ");
            }
            let name = data
                .files
                .get(usize::from(s.file))
                .map_or("?", |f| f.name.as_str());
            out.push_str(&format!("{name}:{}", s.line));
            last_file = Some(s.file);
        }
    }
    out
}

/// The row of package `i`, or `None` if `i` is not a package (the memos
/// were caught between two results).
pub fn row(data: &Dataset, analysis: &Analysis, i: u32, lang: Lang) -> Option<Row> {
    let ix = i as usize;
    let p = data.packages.packages.get(ix)?;
    let v = *analysis.verdicts.get(ix)?;
    let facts = analysis.facts.get(ix)?;
    let reason = match v {
        Verdict::Valid => NONE,
        Verdict::Invalid(r) => tr(lang, reason_text::label(r.key())),
        Verdict::Excluded(e) => tr(lang, reason_text::label(e.key())),
    };
    Some(Row {
        index: i,
        order_id: or_none(&p.order_id),
        tracking: or_none(p.tracking_as_written()),
        carrier: or_none(&shown_name(lang, analysis.carrier(ix))),
        category: shown_name(lang, category_of(data, ix)),
        date: facts
            .window_date
            .map_or_else(|| NONE.to_string(), |d| fmt_date(lang, d)),
        status: RowStatus::of(v),
        reason: reason.to_string(),
        source: source_text(data, p.sources()),
    })
}

/// Distinct categories as shown, sorted, for the category filter.
pub fn categories(data: &Dataset) -> Vec<String> {
    let set: BTreeSet<&str> = (0..data.packages.packages.len())
        .map(|i| category_of(data, i))
        .collect();
    set.into_iter().map(str::to_string).collect()
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

    let matches = Memo::new(move |_| {
        let data = state.dataset.get();
        let analysis = state.analysis.get();
        let mut m = state.filter.with(|f| query::filter(&data, &analysis, f));
        order_rows(&mut m, &analysis.verdicts, order.get());
        Shared(Arc::new(m))
    });
    let count = Memo::new(move |_| matches.with(|m| m.len()));
    // The page shown and the number of pages, in one memo: views that read
    // two memos where one feeds the other were seen to miss an update (the
    // page count stayed stale while the page number did not change).
    let pager = Memo::new(move |_| {
        let pages = page_count(count.get());
        // A stale page number (after a narrower filter) shows the last page.
        PagePos {
            current: page.get().min(pages - 1),
            pages,
        }
    });
    // New filters start from the first page, whoever set them.
    Effect::new(move |_| {
        state.filter.track();
        order.track();
        page.set(0);
    });

    let rows = Memo::new(move |_| {
        // The matches first, for the same reason as above.
        let m = matches.get();
        let start = pager.get().current * PAGE_SIZE;
        let lang = state.lang.get();
        let data = state.dataset.get();
        let analysis = state.analysis.get();
        m.iter()
            .skip(start)
            .take(PAGE_SIZE)
            .filter_map(|&i| row(&data, &analysis, i, lang))
            .collect::<Vec<_>>()
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
    let category_list = Memo::new(move |_| state.dataset.with(|d| categories(d)));
    let carrier_list = Memo::new(move |_| {
        state.analysis.with(|a| {
            let mut labels = a.carrier_labels.clone();
            labels.sort();
            labels.dedup();
            labels
        })
    });
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

    let reason_option = move |key: &'static str, n: u64| {
        view! {
            <option value=key prop:selected=move || reason_key.with(|k| k == key)>
                {move || format!("{} ({})", tr(lang.get(), reason_text::label(key)), n)}
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
                        let (invalid, excluded) = state.analysis.with(|a| {
                            let s = &a.summary;
                            (
                                InvalidReason::ALL.map(|r| (r.key(), s.invalid.get(r))),
                                Exclusion::ALL.map(|e| (e.key(), s.excluded.get(e))),
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
                    on:change=move |ev| order.set(RowOrder::from_key(&event_target_value(&ev)))
                >
                    <option value=RowOrder::InvalidFirst.key() prop:selected=move || order.get() == RowOrder::InvalidFirst>
                        {t("Invalid first")}
                    </option>
                    <option value=RowOrder::FileOrder.key() prop:selected=move || order.get() == RowOrder::FileOrder>
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

    #[wasm_bindgen_test]
    fn pages_round_up_and_never_zero() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(1), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        assert_eq!(page_count(200_000), 2000);
    }

    #[wasm_bindgen_test]
    fn invalid_first_keeps_file_order_within_a_status() {
        let verdicts = [
            Verdict::Valid,
            Verdict::Excluded(Exclusion::Digital),
            Verdict::Invalid(InvalidReason::MissingTracking),
            Verdict::Valid,
            Verdict::Invalid(InvalidReason::MissingCarrier),
        ];
        let mut m = vec![0, 1, 2, 3, 4];
        order_rows(&mut m, &verdicts, RowOrder::InvalidFirst);
        assert_eq!(m, vec![2, 4, 0, 3, 1]);
        let mut m = vec![0, 1, 2, 3, 4];
        order_rows(&mut m, &verdicts, RowOrder::FileOrder);
        assert_eq!(m, vec![0, 1, 2, 3, 4]);
    }

    #[wasm_bindgen_test]
    fn rows_show_what_the_engine_found_in_the_page_language() {
        // Two item rows of one package, and a package without tracking.
        let csv = "order-id,order-item-id,tracking-number,carrier-code,promised-delivery-date,product-category\n\
                   111-1,A,1Z999AA10123456784,UPS,2026-11-05,Toys\n\
                   111-1,B,1Z999AA10123456784,UPS,2026-11-05,Toys\n\
                   111-2,C,,UPS,2026-11-06,\n";
        let data = vtr_core::load(
            &[vtr_core::FileInput::new("a.csv", csv.as_bytes())],
            &vtr_core::LoadOptions::default(),
        );
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let registry = vtr_core::Registry::default();
        let analysis = vtr_core::analyze(&data, &vtr_core::Settings::new(as_of), &registry);
        assert_eq!(data.packages.packages.len(), 2);

        let first = row(&data, &analysis, 0, Lang::En);
        assert_eq!(
            first,
            Some(Row {
                index: 0,
                order_id: "111-1".into(),
                tracking: "1Z999AA10123456784".into(),
                carrier: "UPS".into(),
                category: "Toys".into(),
                date: "Nov 5, 2026".into(),
                status: RowStatus::Valid,
                reason: NONE.into(),
                source: "a.csv:2, 3".into(),
            })
        );
        let second = row(&data, &analysis, 1, Lang::Zh);
        assert_eq!(
            second,
            Some(Row {
                index: 1,
                order_id: "111-2".into(),
                tracking: NONE.into(),
                carrier: "UPS".into(),
                category: "（未分类）".into(),
                date: "2026年11月6日".into(),
                status: RowStatus::Invalid,
                reason: tr(Lang::Zh, "Missing tracking").into(),
                source: "a.csv:4".into(),
            })
        );
        assert_eq!(row(&data, &analysis, 2, Lang::En), None);

        let mut all = query::filter(&data, &analysis, &PackageFilter::default());
        order_rows(&mut all, &analysis.verdicts, RowOrder::InvalidFirst);
        assert_eq!(all, vec![1, 0]);
        assert_eq!(categories(&data), vec!["(uncategorised)", "Toys"]);
    }
}
