//! VTR per product category, sortable, at-risk first.
//!
//! Amazon judges each category on its own, so this table is where a seller
//! sees which category is in danger. Its default order puts the categories
//! that need work on top: at risk first, then most fixes, then by name.

use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_view::category_order::{sort_categories, SortBy};

use crate::i18n::{t, tr, trf};
use crate::results::links::{category_filter, name_cell};
use crate::results::shared::{summary_memo, threshold_text, StatusBadge};
use crate::state::use_state;

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
                let filter = category_filter(c.category.clone());
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
                    <table class="results-table stack-table category-table">
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
