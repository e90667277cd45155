//! Past checks remembered in the browser.

use leptos::prelude::*;

#[component]
pub fn History() -> impl IntoView {
    view! { <section data-testid="history"></section> }
}
