//! Why: exclusions and invalid reasons with counts, shares, bars, explanations and fixes.

use leptos::prelude::*;

#[component]
pub fn Reasons() -> impl IntoView {
    view! { <section data-testid="reasons"></section> }
}
