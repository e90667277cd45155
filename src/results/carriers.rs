//! The carriers table.
//!
//! Carriers come in the engine's order (most packages first), labelled as
//! the engine labels them: the recognised carrier, else the name as
//! written, so a seller spots a misspelt or Chinese-typed carrier at once.

use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::query::PackageFilter;

use crate::i18n::{t, tr};
use crate::results::links::name_cell;
use crate::results::shared::summary_memo;
use crate::state::use_state;

#[component]
pub fn Carriers() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);
    let lang = state.lang;

    let rows = move || {
        summary
            .with(|s| s.carriers.clone())
            .into_iter()
            .map(|c| {
                let testid = format!("carrier-{}", c.carrier);
                let filter = PackageFilter {
                    carrier: Some(c.carrier.clone()),
                    ..PackageFilter::default()
                };
                view! {
                    <tr data-testid=testid>
                        {name_cell(state, c.carrier.clone(), filter)}
                        <td class="num" data-testid="car-considered" data-label=move || tr(lang.get(), "Considered")>{thousands(c.considered)}</td>
                        <td class="num" data-testid="car-valid" data-label=move || tr(lang.get(), "Valid")>{thousands(c.valid)}</td>
                        <td class="num vtr-cell" data-testid="car-vtr" data-label=move || tr(lang.get(), "VTR")>{percent(c.valid, c.considered)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="results-card" data-testid="carriers" aria-labelledby="carriers-title">
            <h2 id="carriers-title">{t("Carriers")}</h2>
            <p class="card-hint">{t("Packages that count, by carrier. Select a carrier to list its packages.")}</p>
            <Show
                when=move || summary.with(|s| !s.carriers.is_empty())
                fallback=move || view! { <p class="empty-note">{t("No carrier has packages that count.")}</p> }
            >
                <div class="table-scroll" role="region" aria-labelledby="carriers-title" tabindex="0">
                    <table class="results-table stack-table">
                        <thead>
                            <tr>
                                <th scope="col">{t("Carrier")}</th>
                                <th scope="col" class="num">{t("Considered")}</th>
                                <th scope="col" class="num">{t("Valid")}</th>
                                <th scope="col" class="num">{t("VTR")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
