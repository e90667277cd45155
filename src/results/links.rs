//! Links from the result into the package list: a category, carrier or
//! reason lists exactly its packages.

use leptos::prelude::*;
use vtr_core::query::PackageFilter;

use crate::results::shared::shown_name;
use crate::state::AppState;

/// Lists the packages that `filter` matches: sets it as the package list's
/// filter and brings the list into view.
pub fn list_packages(state: AppState, filter: PackageFilter) {
    state.filter.set(filter);
    show_packages();
}

/// A table row's first cell: its category or carrier name as a button that
/// lists the row's packages.
pub fn name_cell(state: AppState, name: String, filter: PackageFilter) -> impl IntoView {
    let lang = state.lang;
    view! {
        <th scope="row" class="name-cell">
            <button
                type="button"
                class="link-button"
                on:click=move |_| list_packages(state, filter.clone())
            >
                {move || shown_name(lang.get(), &name)}
            </button>
        </th>
    }
}

/// Brings the package list into view (it carries `id="packages"`).
fn show_packages() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = doc
        .get_element_by_id("packages")
        .or_else(|| doc.query_selector("[data-testid=packages]").ok().flatten());
    if let Some(el) = target {
        el.scroll_into_view();
    }
}
