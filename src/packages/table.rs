//! The rows of the current page: a table on wide screens, stacked cards
//! on narrow ones (each cell then carries its column's name).

use leptos::prelude::*;

use super::rows::Row;
use crate::browser::frames::each_frame;
use crate::i18n::{tr, Lang};
use crate::state::use_state;

/// Rows built in one go. A page of a hundred rows is about 1,200
/// elements: built at once it held the main thread for 100-150 ms, each
/// time a new result came in while a thousand small files loaded. A slice
/// a frame keeps every task short, and the first rows still show at once.
const SLICE: usize = 20;

/// Slices of a page; the last one takes any rows past them.
const SLICES: usize = super::PAGE_SIZE.div_ceil(SLICE);

/// The rows of the current page: a table on wide screens, cards on narrow.
#[component]
pub fn PackageTable(rows: Memo<Vec<Row>>) -> impl IntoView {
    let lang = use_state().lang;
    // (which rows, how many slices of them are shown): new rows, or a new
    // language, start again from the first slice.
    let shown = RwSignal::new((0u64, 0usize));
    Effect::new(move |_| {
        rows.track();
        lang.track();
        let epoch = shown.get_untracked().0.wrapping_add(1);
        shown.set((epoch, 1));
        grow(shown, epoch);
    });
    let slice = move |k: usize| {
        // Changes only when slice `k` appears, goes, or gets new rows.
        let on = Memo::new(move |_| {
            let (epoch, n) = shown.get();
            (n > k).then_some(epoch)
        });
        move || {
            on.get().map(|_| {
                let l = lang.get_untracked();
                rows.with_untracked(|r| {
                    let from = (k * SLICE).min(r.len());
                    let to = if k + 1 == SLICES {
                        r.len()
                    } else {
                        ((k + 1) * SLICE).min(r.len())
                    };
                    r[from..to]
                        .iter()
                        .cloned()
                        .map(|row| row_view(row, l))
                        .collect_view()
                })
            })
        }
    };
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
                <tbody>{(0..SLICES).map(slice).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// Shows one more slice of rows `epoch` each frame, until all are shown
/// or newer rows came.
fn grow(shown: RwSignal<(u64, usize)>, epoch: u64) {
    let mut first = true;
    each_frame(move || {
        // The first slice is already shown; the table may be gone by the
        // next frame.
        if std::mem::take(&mut first) {
            return true;
        }
        let more = shown.try_update(|(e, n)| {
            let more = *e == epoch && *n < SLICES;
            if more {
                *n += 1;
            }
            more
        });
        more == Some(true)
    });
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
