//! The files of the analysis: what was read from each, and its problems.

use leptos::prelude::*;

#[component]
pub fn FileList() -> impl IntoView {
    view! { <section data-testid="files"></section> }
}
