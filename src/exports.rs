//! Downloads: invalid packages CSV, all packages CSV, result JSON.

use leptos::prelude::*;

#[component]
pub fn Exports() -> impl IntoView {
    view! { <section data-testid="exports"></section> }
}
