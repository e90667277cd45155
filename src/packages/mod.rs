//! Every package, filterable and searchable, one page of rows at a time.
//!
//! The packages stay in the engine worker: the page sends the filters, the
//! order and the page number, and gets back the [`PAGE_SIZE`] rows it shows
//! ([`PageView`]). Filtering 600,000 packages happens off the main thread;
//! the page only ever renders a hundred rows.
//!
//! The parts: [`filters`] (the controls), [`table`] (the rows),
//! [`pager`], and [`rows`] (an engine row as the seller reads it).
//!
//! The filters live in [`AppState::filter`] because the reasons table sets
//! its `reason` too; every control here reads it back from there.

mod filters;
mod pager;
mod rows;
mod table;

use leptos::{html, prelude::*};
use vtr_core::numbers::thousands;
use vtr_worker::protocol::{ExportKind, PageQuery, Request, RowOrder};

use crate::i18n::{t, trf};
use crate::remember::last_check::kept_result_shown;
use crate::results::exports::request_export;
use crate::results::links::PACKAGES_ID;
use crate::state::use_state;
use filters::Filters;
use pager::{PagePos, Pager};
use rows::row;
use table::PackageTable;

/// Rows per page: enough to scan, few enough to render at once.
pub const PAGE_SIZE: usize = 100;

/// The package list with its filters and pages.
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
    // While a kept check's files are read again, the engine's page is of
    // only some of them: none is shown.
    let count = Memo::new(move |_| {
        if kept_result_shown() {
            return 0;
        }
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
            id=PACKAGES_ID
            class="packages card"
            data-testid="packages"
            tabindex="-1"
            aria-labelledby="packages-title"
            node_ref=top
        >
            // The count and its export come first: choosing a reason above
            // moves focus here, and the next Tab is the export.
            <div class="packages-head">
                <h2 id="packages-title">{t("Packages")}</h2>
                <div class="package-count-line">
                    <Show when=move || !kept_result_shown()>
                        <p aria-live="polite">
                            {t("Matching packages:")} " "
                            <strong data-testid="package-count">{move || count.get().to_string()}</strong>
                        </p>
                    </Show>
                    // Exactly what the filters show: the list a seller
                    // hands to whoever edits shipments.
                    <Show when=move || count.get() != 0>
                        <div class="export-these">
                            <button type="button" class="button primary small" data-testid="export-filtered-xlsx"
                                on:click=move |_| request_export(state, ExportKind::FilteredXlsx)>
                                {move || trf(state.lang.get(), "Export these {n} (Excel)", &[("n", thousands(count.get() as u64))])}
                            </button>
                            <button type="button" class="button small" data-testid="export-filtered"
                                on:click=move |_| request_export(state, ExportKind::FilteredCsv)>
                                {t("CSV")}
                            </button>
                        </div>
                    </Show>
                </div>
            </div>
            <Filters order=order />
            <Show
                when=move || count.get() != 0
                fallback=move || if kept_result_shown() {
                    view! {
                        <p class="package-empty" data-testid="package-wait" role="status">
                            {t("The packages are listed once your files are read again.")}
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="package-empty" data-testid="package-empty">
                            {t("No packages match these filters.")}
                        </p>
                    }
                    .into_any()
                }
            >
                <PackageTable rows=rows />
                <Pager pos=pager go=go />
            </Show>
        </section>
    }
}
