//! Warnings and the premium segment.

use leptos::prelude::*;

#[component]
pub fn Warnings() -> impl IntoView {
    view! { <section data-testid="warnings"></section> }
}
