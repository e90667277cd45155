//! The status banner: overall VTR, valid / considered, status, fixes needed, the window.
//!
//! It is the first thing a seller reads, so it answers two questions before
//! anything else: am I at risk, and how many packages must I fix. It also
//! holds the small helpers the other result sections share (the status
//! badge, names of the engine's placeholder labels), since they must look
//! and read the same everywhere.

use leptos::prelude::*;
use vtr_core::format::{percent, thousands};
use vtr_core::result::{Status, Summary, UNCATEGORISED};
use vtr_core::settings::format_bp;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::state::{use_state, AppState};

/// The section-8 summary as a memo of its own, so a section re-renders only
/// when the figures change, not on every new `Analysis` with equal figures.
pub fn summary_memo(state: AppState) -> Memo<Summary> {
    Memo::new(move |_| state.result.with(|r| r.summary.clone()))
}

/// The status as a seller reads it.
pub fn status_text(status: Status) -> &'static str {
    match status {
        Status::Ok => "OK",
        Status::AtRisk => "At risk",
        Status::NoData => "No data",
    }
}

/// A category or carrier name as shown: the engine's placeholder labels are
/// English words, so they are translated; real names are data and are not.
pub fn shown_name(lang: Lang, name: &str) -> String {
    match name {
        UNCATEGORISED => tr(lang, "(uncategorised)").to_string(),
        "(none)" => tr(lang, "(no carrier)").to_string(),
        other => other.to_string(),
    }
}

/// A threshold in basis points as a percentage: 9500 is "95.00%".
pub fn threshold_text(bp: u32) -> String {
    format!("{}%", format_bp(bp))
}

/// The shape that goes with each status, so status never rests on colour:
/// a check in a circle, a warning triangle, a dashed circle with a dash.
#[component]
pub fn StatusIcon(status: Status) -> impl IntoView {
    let body = match status {
        Status::Ok => view! {
            <circle cx="12" cy="12" r="10" class="icon-fill" />
            <path d="M7 12.5l3.2 3.2L17 9" class="icon-mark" />
        }
        .into_any(),
        Status::AtRisk => view! {
            <path d="M12 2.5L22.5 21h-21z" class="icon-fill" />
            <path d="M12 9v5.5M12 17.2v.6" class="icon-mark" />
        }
        .into_any(),
        Status::NoData => view! {
            <circle cx="12" cy="12" r="9.5" class="icon-ring" />
            <path d="M8 12h8" class="icon-mark icon-mark-dark" />
        }
        .into_any(),
    };
    view! {
        <svg
            class="vtr-status-icon"
            viewBox="0 0 24 24"
            width="20"
            height="20"
            aria-hidden="true"
            focusable="false"
        >
            {body}
        </svg>
    }
}

/// Status as icon plus text; `data-status` carries the engine's key.
#[component]
pub fn StatusBadge(
    status: Status,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let lang = use_state().lang;
    view! {
        <span
            class=format!("vtr-status status-{}", status.key())
            data-status=status.key()
            data-testid=testid
        >
            <StatusIcon status=status />
            <span class="status-text">{move || tr(lang.get(), status_text(status))}</span>
        </span>
    }
}

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
