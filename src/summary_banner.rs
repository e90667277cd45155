//! The status banner: overall VTR, valid / considered, status, fixes needed, the window.

use leptos::prelude::*;

#[component]
pub fn SummaryBanner() -> impl IntoView {
    view! { <section data-testid="summary"></section> }
}
