//! The status banner: overall VTR, valid / considered, status, fixes needed, the window.
//!
//! It is the first thing a seller reads, so it answers two questions before
//! anything else: am I at risk, and how many packages must I fix.

use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::result::{Status, Summary};

use crate::i18n::{fmt_date, t, tr, trf};
use crate::results::shared::{summary_memo, threshold_text, StatusBadge};
use crate::state::use_state;

#[component]
pub fn SummaryBanner() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);
    let lang = state.lang;
    let threshold = Memo::new(move |_| state.settings.with(|s| s.threshold_bp));
    let status = Memo::new(move |_| summary.with(|s| s.status));

    let headline = move || {
        let lang = lang.get();
        let target = threshold_text(threshold.get());
        summary.with(|s| match s.status {
            Status::Ok => trf(
                lang,
                "Every category is above the {target} target.",
                &[("target", target)],
            ),
            Status::NoData => tr(
                lang,
                "No package counts toward VTR with these files and settings.",
            )
            .to_string(),
            Status::AtRisk if s.fixes_needed == 0 => trf(
                lang,
                "At risk: even fixing every invalid package cannot lift a category above {target}.",
                &[("target", target)],
            ),
            Status::AtRisk if s.fixes_needed == 1 => trf(
                lang,
                "Fix 1 package to get every category above {target}.",
                &[("target", target)],
            ),
            Status::AtRisk => trf(
                lang,
                "Fix {n} packages to get every category above {target}.",
                &[("n", thousands(s.fixes_needed)), ("target", target)],
            ),
        })
    };
    let at_risk_line = move || {
        let lang = lang.get();
        summary.with(|s| {
            let with_data = s
                .categories
                .iter()
                .filter(|c| c.status != Status::NoData)
                .count();
            let risky = s
                .categories
                .iter()
                .filter(|c| c.status == Status::AtRisk)
                .count();
            // With one category the headline already says it all.
            (s.status == Status::AtRisk && with_data > 1).then(|| {
                trf(
                    lang,
                    "{k} of {m} categories at risk.",
                    &[
                        ("k", thousands(risky as u64)),
                        ("m", thousands(with_data as u64)),
                    ],
                )
            })
        })
    };

    view! {
        <section
            class=move || format!("summary-banner results-card status-{}", status.get().key())
            data-testid="summary"
            aria-labelledby="summary-title"
        >
            <div class="summary-head">
                <h2 id="summary-title">{t("Your Valid Tracking Rate")}</h2>
                {move || {
                    let s = status.get();
                    view! {
                        <p class="summary-status">
                            <StatusBadge status=s testid="status" />
                        </p>
                    }
                }}
            </div>
            <p class="summary-headline" aria-live="polite">{headline}</p>
            {move || at_risk_line().map(|l| view! { <p class="summary-subline">{l}</p> })}
            <div class="summary-figures">
                <div class="vtr-figure">
                    <span class="figure-label">{t("Overall VTR")}</span>
                    <span class="vtr-value" data-testid="vtr">
                        {move || summary.with(|s| percent(s.valid, s.considered))}
                    </span>
                    <span class="figure-note">
                        {move || {
                            trf(lang.get(), "Target: above {target}", &[("target", threshold_text(threshold.get()))])
                        }}
                    </span>
                </div>
                <dl class="summary-counts">
                    <div class="count fixes" class:has-fixes=move || summary.with(|s| s.fixes_needed > 0)>
                        <dt>{t("Fixes needed")}</dt>
                        <dd data-testid="fixes-needed">{move || summary.with(|s| thousands(s.fixes_needed))}</dd>
                    </div>
                    <div class="count">
                        <dt>{t("Valid")}</dt>
                        <dd data-testid="valid">{move || summary.with(|s| thousands(s.valid))}</dd>
                    </div>
                    <div class="count">
                        <dt>{t("Considered")}</dt>
                        <dd data-testid="considered">{move || summary.with(|s| thousands(s.considered))}</dd>
                    </div>
                    <div class="count">
                        <dt>{t("Total packages")}</dt>
                        <dd data-testid="packages-total">{move || summary.with(|s| thousands(s.packages))}</dd>
                    </div>
                    <div class="count">
                        <dt>{t("Rows read")}</dt>
                        <dd data-testid="rows-total">{move || summary.with(|s| thousands(s.rows))}</dd>
                    </div>
                </dl>
            </div>
            <WindowLine summary=summary />
            <Show when=move || !state.result.with(|r| r.scan_evidence)>
                <p class="prediction-note" data-testid="prediction-note">
                    <svg class="note-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                        <circle cx="12" cy="12" r="10" class="icon-ring" />
                        <path d="M12 10.5v6M12 7v.6" class="icon-mark icon-mark-dark" />
                    </svg>
                    <span>
                        {t("This file has no carrier-scan data, so this is a prediction from everything that can be checked offline.")}
                    </span>
                </p>
            </Show>
        </section>
    }
}

/// The dates the figures cover, or why there are none.
#[component]
fn WindowLine(summary: Memo<Summary>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    move || {
        let lang = lang.get();
        let w = summary.with(|s| s.window);
        let (days, lag, as_of, all_dates) = state
            .settings
            .with(|s| (s.window_days, s.lag_days, s.as_of, s.all_dates));
        match (w.applied, w.start, w.end) {
            (true, Some(start), Some(end)) => view! {
                <p class="summary-window" data-testid="window">
                    <span class="window-label">{tr(lang, "Window:")}" "</span>
                    <time data-testid="window-start" datetime=start.to_string()>{fmt_date(lang, start)}</time>
                    " – "
                    <time data-testid="window-end" datetime=end.to_string()>{fmt_date(lang, end)}</time>
                    <span class="window-detail">
                        {trf(
                            lang,
                            "({days} days by promised delivery date, ending {lag} days before {as_of})",
                            &[
                                ("days", thousands(u64::from(days))),
                                ("lag", thousands(u64::from(lag))),
                                ("as_of", fmt_date(lang, as_of)),
                            ],
                        )}
                    </span>
                </p>
            }
            .into_any(),
            _ => {
                let why = if all_dates {
                    "All dates: the window is off, so every package counts whatever its date."
                } else {
                    "No date column: every package counts whatever its date."
                };
                view! {
                    <p class="summary-window" data-testid="window">
                        <span class="window-label">{tr(lang, "Window:")}" "</span>
                        <span data-testid="window-off">{tr(lang, why)}</span>
                    </p>
                }
                .into_any()
            }
        }
    }
}
