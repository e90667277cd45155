//! VTR per product category, sortable, at-risk first.
//!
//! Amazon judges each category on its own, so this table is where a seller
//! sees which category is in danger. Its default order puts the categories
//! that need work on top: at risk first, then most fixes, then by name.

use std::cmp::Ordering;

use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::query::PackageFilter;
use vtr_core::result::{CategoryResult, Status};

use crate::i18n::{t, tr, trf};
use crate::results::links::name_cell;
use crate::results::shared::{summary_memo, threshold_text, StatusBadge};
use crate::state::use_state;

/// A column the table can be sorted by; `Default` is the triage order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Default,
    Category,
    Considered,
    Valid,
    Vtr,
    Status,
    Fixes,
}

/// At risk sorts before ok: "ascending" status is "worst first".
fn status_rank(s: Status) -> u8 {
    match s {
        Status::AtRisk => 0,
        Status::Ok => 1,
        Status::NoData => 2,
    }
}

/// valid/considered against another rate, in integers by cross-multiplying
/// (as the engine compares against the threshold); no data sorts last.
fn cmp_rate(a: &CategoryResult, b: &CategoryResult) -> Ordering {
    match (a.considered, b.considered) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        _ => (u128::from(a.valid) * u128::from(b.considered))
            .cmp(&(u128::from(b.valid) * u128::from(a.considered))),
    }
}

/// At risk first, then most fixes, then by name.
fn cmp_default(a: &CategoryResult, b: &CategoryResult) -> Ordering {
    status_rank(a.status)
        .cmp(&status_rank(b.status))
        .then_with(|| b.fixes_needed.cmp(&a.fixes_needed))
        .then_with(|| a.category.cmp(&b.category))
}

/// Sorts `rows` by `by`, reversed when `descending`; ties keep the triage order.
pub fn sort_categories(rows: &mut [CategoryResult], by: SortBy, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match by {
            SortBy::Default => Ordering::Equal,
            SortBy::Category => a.category.cmp(&b.category),
            SortBy::Considered => a.considered.cmp(&b.considered),
            SortBy::Valid => a.valid.cmp(&b.valid),
            SortBy::Vtr => cmp_rate(a, b),
            SortBy::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            SortBy::Fixes => a.fixes_needed.cmp(&b.fixes_needed),
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| cmp_default(a, b))
    });
}

#[component]
pub fn Categories() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);
    let lang = state.lang;
    let sort = RwSignal::new((SortBy::Default, false));

    let header = move |by: SortBy, label: &'static str, numeric: bool| {
        let aria_sort = move || match sort.get() {
            (b, false) if b == by => "ascending",
            (b, true) if b == by => "descending",
            _ => "none",
        };
        let arrow = move || match sort.get() {
            (b, false) if b == by => "▲",
            (b, true) if b == by => "▼",
            _ => "↕",
        };
        let click = move |_| {
            sort.update(|(b, desc)| {
                if *b == by {
                    *desc = !*desc;
                } else {
                    *b = by;
                    *desc = false;
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria_sort class:num=numeric>
                <button type="button" class="sort-button" on:click=click>
                    <span>{move || tr(lang.get(), label)}</span>
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };

    let rows = move || {
        let (by, desc) = sort.get();
        let mut rows = summary.with(|s| s.categories.clone());
        sort_categories(&mut rows, by, desc);
        rows.into_iter()
            .map(|c| {
                let testid = format!("category-{}", c.category);
                let filter = PackageFilter {
                    category: Some(c.category.clone()),
                    ..PackageFilter::default()
                };
                view! {
                    <tr data-testid=testid class=format!("row-{}", c.status.key())>
                        {name_cell(state, c.category.clone(), filter)}
                        <td class="num" data-testid="cat-considered" data-label=move || tr(lang.get(), "Considered")>{thousands(c.considered)}</td>
                        <td class="num" data-testid="cat-valid" data-label=move || tr(lang.get(), "Valid")>{thousands(c.valid)}</td>
                        <td class="num vtr-cell" data-testid="cat-vtr" data-label=move || tr(lang.get(), "VTR")>{percent(c.valid, c.considered)}</td>
                        <td class="status-cell" data-testid="cat-status" data-status=c.status.key() data-label=move || tr(lang.get(), "Status")>
                            <StatusBadge status=c.status />
                        </td>
                        <td class="num" data-testid="cat-fixes" data-label=move || tr(lang.get(), "Fixes needed")>{thousands(c.fixes_needed)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="results-card" data-testid="categories" aria-labelledby="categories-title">
            <h2 id="categories-title">{t("VTR by category")}</h2>
            <p class="card-hint">
                {move || {
                    trf(
                        lang.get(),
                        "Amazon measures VTR per product category: each must be above {target}. Select a category to list its packages.",
                        &[("target", threshold_text(state.settings.with(|s| s.threshold_bp)))],
                    )
                }}
            </p>
            <Show
                when=move || summary.with(|s| !s.categories.is_empty())
                fallback=move || view! { <p class="empty-note">{t("No category has packages that count.")}</p> }
            >
                <div class="table-scroll" role="region" aria-labelledby="categories-title" tabindex="0">
                    <table class="results-table category-table">
                        <thead>
                            <tr>
                                {header(SortBy::Category, "Category", false)}
                                {header(SortBy::Considered, "Considered", true)}
                                {header(SortBy::Valid, "Valid", true)}
                                {header(SortBy::Vtr, "VTR", true)}
                                {header(SortBy::Status, "Status", false)}
                                {header(SortBy::Fixes, "Fixes needed", true)}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
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

    fn cat(name: &str, considered: u64, valid: u64, status: Status, fixes: u64) -> CategoryResult {
        CategoryResult {
            category: name.to_string(),
            considered,
            valid,
            vtr: None,
            status,
            fixes_needed: fixes,
        }
    }

    fn names(rows: &[CategoryResult]) -> Vec<&str> {
        rows.iter().map(|c| c.category.as_str()).collect()
    }

    #[wasm_bindgen_test]
    fn default_order_is_at_risk_then_most_fixes_then_name() {
        let mut rows = vec![
            cat("Books", 100, 100, Status::Ok, 0),
            cat("Toys", 20, 17, Status::AtRisk, 3),
            cat("Garden", 10, 9, Status::AtRisk, 1),
            cat("Art", 10, 9, Status::AtRisk, 1),
        ];
        sort_categories(&mut rows, SortBy::Default, false);
        assert_eq!(names(&rows), ["Toys", "Art", "Garden", "Books"]);
    }

    #[wasm_bindgen_test]
    fn vtr_sorts_by_exact_rate_in_integers() {
        // 2/3 (66.67%) < 7/10 (70%) < 19/20 (95%).
        let mut rows = vec![
            cat("A", 20, 19, Status::AtRisk, 1),
            cat("B", 3, 2, Status::AtRisk, 1),
            cat("C", 10, 7, Status::AtRisk, 3),
        ];
        sort_categories(&mut rows, SortBy::Vtr, false);
        assert_eq!(names(&rows), ["B", "C", "A"]);
        sort_categories(&mut rows, SortBy::Vtr, true);
        assert_eq!(names(&rows), ["A", "C", "B"]);
        sort_categories(&mut rows, SortBy::Considered, true);
        assert_eq!(names(&rows), ["A", "C", "B"]);
        sort_categories(&mut rows, SortBy::Category, true);
        assert_eq!(names(&rows), ["C", "B", "A"]);
    }
}
