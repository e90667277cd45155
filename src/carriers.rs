//! The carriers table.

use leptos::prelude::*;

#[component]
pub fn Carriers() -> impl IntoView {
    view! { <section data-testid="carriers"></section> }
}
