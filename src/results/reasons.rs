//! Why: exclusions and invalid reasons with counts, shares, bars, explanations and fixes.
//!
//! Every reason the engine knows is listed with its count, so the figures
//! always add up to what the banner shows; reasons with packages come
//! first, biggest first, each with what it means and how to fix it.
//! Clicking one lists exactly its packages below.

use leptos::prelude::*;
use vtr_core::numbers::{share_percent, thousands};
use vtr_core::query::ReasonFilter;
use vtr_core::result::Summary;
use vtr_core::rules::{exclusion::Exclusion, validity::InvalidReason};
use vtr_view::reason_order::{ordered, ReasonCount as Row};

use crate::i18n::{t, tr, trf};
use crate::results::links::{list_packages, reason_filter};
use crate::results::shared::summary_memo;
use crate::state::use_state;

/// Every invalid reason with its count, biggest first (the verdict names
/// the first of them).
pub fn invalid_rows(s: &Summary) -> Vec<Row> {
    ordered(
        InvalidReason::ALL
            .into_iter()
            .map(|r| Row {
                reason: ReasonFilter::Invalid(r),
                count: s.invalid.get(r),
            })
            .collect(),
    )
}

#[component]
pub fn Reasons() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);

    let excluded = Memo::new(move |_| {
        summary.with(|s| {
            ordered(
                Exclusion::ALL
                    .into_iter()
                    .map(|e| Row {
                        reason: ReasonFilter::Excluded(e),
                        count: s.excluded.get(e),
                    })
                    .collect(),
            )
        })
    });
    let invalid = Memo::new(move |_| summary.with(invalid_rows));
    let lang = state.lang;
    let invalid_total = move || {
        summary.with(|s| {
            trf(
                lang.get(),
                "{n} of {m} packages that count have invalid tracking.",
                &[
                    ("n", thousands(s.invalid.total())),
                    ("m", thousands(s.considered)),
                ],
            )
        })
    };
    let excluded_total = move || {
        summary.with(|s| {
            trf(
                lang.get(),
                "{n} of {m} packages do not count toward VTR.",
                &[
                    ("n", thousands(s.excluded.total())),
                    ("m", thousands(s.packages)),
                ],
            )
        })
    };

    view! {
        <section class="results-card reasons" data-testid="reasons" aria-labelledby="reasons-title">
            <h2 id="reasons-title">{t("Why")}</h2>
            <p class="card-hint">{t("Select a reason to list its packages.")}</p>
            <div class="reason-groups">
                <ReasonGroup
                    id="reasons-invalid"
                    title="Invalid tracking"
                    total=Signal::derive(invalid_total)
                    rows=invalid
                    kind="invalid"
                />
                <ReasonGroup
                    id="reasons-excluded"
                    title="Not counted toward VTR"
                    total=Signal::derive(excluded_total)
                    rows=excluded
                    kind="excluded"
                />
            </div>
        </section>
    }
}

/// One group: its reasons with packages in full, the others folded away.
#[component]
fn ReasonGroup(
    id: &'static str,
    title: &'static str,
    total: Signal<String>,
    rows: Memo<Vec<Row>>,
    kind: &'static str,
) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let group_total = move || rows.with(|r| r.iter().map(|r| r.count).sum::<u64>());
    let item = move |row: Row| {
        let key = row.reason.key();
        let reason = row.reason.reason();
        let share = share_percent(row.count, group_total());
        let zero = row.count == 0;
        let pick = move |_| list_packages(state, reason_filter(row.reason));
        let text_id = format!("reason-{key}-text");
        view! {
            <li class="reason" class:zero=zero>
                <button
                    type="button"
                    class="reason-button"
                    on:click=pick
                    aria-describedby=(!zero).then(|| text_id.clone())
                >
                    <span class="reason-label">{move || reason.text(lang.get()).label}</span>
                    <span class="reason-count" data-testid=format!("{kind}-{key}")>
                        {thousands(row.count)}
                    </span>
                    <span class="reason-share">{format!("{share}%")}</span>
                    <svg
                        class="reason-bar"
                        viewBox="0 0 100 8"
                        preserveAspectRatio="none"
                        width="100%"
                        height="8"
                        aria-hidden="true"
                        focusable="false"
                    >
                        <rect class="bar-track" x="0" y="0" width="100" height="8" rx="2" />
                        <rect class="bar-fill" x="0" y="0" width=share.to_string() height="8" rx="2" />
                    </svg>
                </button>
                {(!zero)
                    .then(|| {
                        view! {
                            <div class="reason-text" id=text_id>
                                <p class="reason-explain">{move || reason.text(lang.get()).explanation}</p>
                                <p class="reason-fix">
                                    <strong>{move || tr(lang.get(), "What to do:")}</strong>
                                    " "
                                    {move || reason.text(lang.get()).fix}
                                </p>
                            </div>
                        }
                    })}
            </li>
        }
    };
    let with_packages = move || {
        rows.get()
            .into_iter()
            .filter(|r| r.count > 0)
            .map(item)
            .collect_view()
    };
    let without = move || rows.with(|r| r.iter().filter(|r| r.count == 0).count());
    let zero_rows = move || {
        rows.get()
            .into_iter()
            .filter(|r| r.count == 0)
            .map(item)
            .collect_view()
    };
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class=format!("reason-group reason-group-{kind}") aria-labelledby=labelled_by>
            <h3 id=title_id>{move || tr(lang.get(), title)}</h3>
            <p class="group-total">{move || total.get()}</p>
            <Show
                when=move || { without() < rows.with(|r| r.len()) }
                fallback=move || view! { <p class="empty-note">{t("None.")}</p> }
            >
                <ul class="reason-list">{with_packages}</ul>
            </Show>
            <Show when=move || { without() > 0 }>
                <details class="reason-zero">
                    <summary>
                        {move || {
                            trf(
                                lang.get(),
                                "{n} more with no packages",
                                &[("n", thousands(without() as u64))],
                            )
                        }}
                    </summary>
                    <ul class="reason-list">{zero_rows}</ul>
                </details>
            </Show>
        </section>
    }
}
