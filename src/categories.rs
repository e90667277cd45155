//! VTR per product category, sortable, at-risk first.

use leptos::prelude::*;

#[component]
pub fn Categories() -> impl IntoView {
    view! { <section data-testid="categories"></section> }
}
