//! Links from the result into the package list: a category, carrier or
//! reason lists exactly its packages, and focus follows to the list. Also
//! the one place that moves focus to the verdict.

use leptos::prelude::*;
use vtr_core::query::{PackageFilter, ReasonFilter, StatusFilter};
use wasm_bindgen::JsCast;

use crate::results::shared::shown_name;
use crate::state::AppState;

/// The verdict's element id: the skip link and a finished load go there.
pub const RESULT_ID: &str = "result";

/// The package list's element id.
pub const PACKAGES_ID: &str = "packages";

/// Lists the packages that `filter` matches: sets it as the package list's
/// filter, brings the list into view and moves focus to it, so the next
/// Tab reaches its export.
pub fn list_packages(state: AppState, filter: PackageFilter) {
    state.filter.set(filter);
    if let Some(el) = element(PACKAGES_ID) {
        el.scroll_into_view();
        focus_quietly(&el);
    }
}

/// The filter that lists exactly the packages of one reason.
pub fn reason_filter(reason: ReasonFilter) -> PackageFilter {
    let status = match reason {
        ReasonFilter::Excluded(_) => StatusFilter::Excluded,
        ReasonFilter::Invalid(_) => StatusFilter::Invalid,
    };
    PackageFilter {
        status,
        reason: Some(reason),
        ..PackageFilter::default()
    }
}

/// The filter that lists exactly the packages of one category.
pub fn category_filter(category: String) -> PackageFilter {
    PackageFilter {
        category: Some(category),
        ..PackageFilter::default()
    }
}

/// Moves focus to the verdict, which a screen reader then reads out (its
/// heading and headline), and shows it: from the top of the page when it
/// fits the first screen there, so the bar above it stays in sight.
/// Returns false when the verdict is not on the page.
pub fn focus_result() -> bool {
    let Some(el) = element(RESULT_ID) else {
        return false;
    };
    focus_quietly(&el);
    if let Some(w) = web_sys::window() {
        let top = el.get_bounding_client_rect().top() + w.scroll_y().unwrap_or(0.0);
        let height = w
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        if top < height / 2.0 {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        } else {
            el.scroll_into_view();
        }
    }
    true
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

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Focuses `el` without the browser's own jump: the caller decides what
/// the view shows.
pub fn focus_quietly(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}
