//! The VTR of the window ending on each day, as an SVG line chart.

use leptos::prelude::*;

#[component]
pub fn TrendChart() -> impl IntoView {
    view! { <section data-testid="trend"></section> }
}
