//! Settings: as-of date, window, lag, all dates, threshold, international, marketplace.

use leptos::prelude::*;

#[component]
pub fn SettingsPanel() -> impl IntoView {
    view! { <section data-testid="settings"></section> }
}
