//! The rows of the current page: a table on wide screens, stacked cards
//! on narrow ones (each cell then carries its column's name).

use leptos::prelude::*;

use super::rows::Row;
use crate::i18n::{tr, Lang};
use crate::state::use_state;

/// The rows of the current page: a table on wide screens, cards on narrow.
#[component]
pub fn PackageTable(rows: Memo<Vec<Row>>) -> impl IntoView {
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
