//! The verdict: status, overall VTR, fixes needed, the categories at risk,
//! the top reasons, the fix list's download, and the window.
//!
//! It is the first thing a seller reads once files are loaded, so it
//! answers on one screen what they came for: am I at risk, how many
//! packages must I fix, where, and why. It carries `id="result"`: the skip
//! link and a finished load move focus here (see [`super::links`]).

use chrono::NaiveDate;
use leptos::prelude::*;
use vtr_core::mapping::{Field, FieldSet};
use vtr_core::numbers::{percent, thousands};
use vtr_core::result::{Status, Summary};
use vtr_view::category_order::{sort_categories, SortBy};
use vtr_worker::protocol::ExportKind;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::remember::last_check::kept_result_shown;
use crate::results::exports::request_export;
use crate::results::links::{category_filter, list_packages, reason_filter, RESULT_ID};
use crate::results::reasons::invalid_rows;
use crate::results::shared::{shown_name, summary_memo, threshold_text, StatusBadge};
use crate::state::use_state;

/// How many categories at risk and reasons the verdict names; the tables
/// below list them all.
const SHOWN: usize = 3;

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
    let invalid = Memo::new(move |_| summary.with(|s| s.invalid.total()));
    let export_label = move || match invalid.get() {
        1 => tr(lang.get(), "Download the invalid package (Excel)").to_string(),
        n => trf(
            lang.get(),
            "Download the {n} invalid packages (Excel)",
            &[("n", thousands(n))],
        ),
    };

    view! {
        <section
            id=RESULT_ID
            class=move || format!("summary-banner results-card status-{}", status.get().key())
            data-testid="summary"
            tabindex="-1"
            aria-labelledby="summary-title"
            aria-describedby="summary-headline"
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
            <div class="summary-body">
                <div class="summary-main">
                    <p class="summary-headline" id="summary-headline" aria-live="polite">{headline}</p>
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
                        <div class="count fixes" class:has-fixes=move || summary.with(|s| s.fixes_needed > 0)>
                            <span class="figure-label">{t("Fixes needed")}</span>
                            <span class="fixes-value" data-testid="fixes-needed">{move || summary.with(|s| thousands(s.fixes_needed))}</span>
                        </div>
                    </div>
                    <dl class="summary-counts">
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
                    // The fix list: what a seller hands to whoever edits shipments.
                    <Show when=move || { invalid.get() > 0 }>
                        <p class="summary-actions">
                            <button
                                type="button"
                                class="button primary"
                                data-testid="verdict-export"
                                disabled=kept_result_shown
                                on:click=move |_| request_export(state, ExportKind::InvalidXlsx)
                            >
                                {export_label}
                            </button>
                        </p>
                    </Show>
                </div>
                <Show when=move || status.get() != Status::NoData>
                    <div class="summary-side">
                        <AtRisk summary=summary />
                        <TopReasons summary=summary />
                    </div>
                </Show>
            </div>
            <WindowLine summary=summary />
            <Show when=move || !state.result.with(|r| r.scan_evidence)>
                <p class="prediction-note" data-testid="prediction-note">
                    <svg class="note-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                        <circle cx="12" cy="12" r="10" class="icon-ring" />
                        <path d="M12 10.5v6M12 7v.6" class="icon-mark icon-mark-dark" />
                    </svg>
                    <span>
                        {move || {
                            let several = state.result.with(|r| r.files.iter().filter(|f| f.ok).count() > 1);
                            tr(lang.get(), if several {
                                "These files have no carrier-scan data, so this is a prediction from everything that can be checked offline."
                            } else {
                                "This file has no carrier-scan data, so this is a prediction from everything that can be checked offline."
                            })
                        }}
                    </span>
                </p>
            </Show>
        </section>
    }
}

/// The categories at risk, worst first, each a link to its packages.
#[component]
fn AtRisk(summary: Memo<Summary>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let risky = Memo::new(move |_| {
        let mut rows = summary.with(|s| s.categories.clone());
        rows.retain(|c| c.status == Status::AtRisk);
        sort_categories(&mut rows, SortBy::Default, false);
        rows
    });
    let with_data = Memo::new(move |_| {
        summary.with(|s| {
            s.categories
                .iter()
                .filter(|c| c.status != Status::NoData)
                .count()
        })
    });
    let lead = move || {
        let n = risky.with(Vec::len);
        if n == 0 {
            tr(lang.get(), "No category is at risk.").to_string()
        } else {
            trf(
                lang.get(),
                "{k} of {m} categories at risk.",
                &[
                    ("k", thousands(n as u64)),
                    ("m", thousands(with_data.get() as u64)),
                ],
            )
        }
    };
    let items = move || {
        let lang_now = lang.get();
        risky.with(|rows| {
            rows.iter()
                .take(SHOWN)
                .map(|c| {
                    let name = c.category.clone();
                    let filter = category_filter(name.clone());
                    view! {
                        <li class="verdict-item">
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| list_packages(state, filter.clone())
                            >
                                {shown_name(lang_now, &name)}
                            </button>
                            <span class="verdict-figure">{percent(c.valid, c.considered)}</span>
                            <span class="verdict-note">
                                {trf(lang_now, "fix {n}", &[("n", thousands(c.fixes_needed))])}
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="verdict-part" data-testid="at-risk" aria-labelledby="at-risk-title">
            <div class="verdict-head">
                <h3 id="at-risk-title">{t("Categories at risk")}</h3>
                <p class="verdict-lead" data-testid="at-risk-lead">{lead}</p>
            </div>
            <Show when=move || risky.with(|r| !r.is_empty())>
                <ul class="verdict-list">{items}</ul>
            </Show>
            <MoreLine total=Signal::derive(move || risky.with(Vec::len)) />
        </section>
    }
}

/// The invalid reasons with the most packages, each a link to its packages.
#[component]
fn TopReasons(summary: Memo<Summary>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let rows = Memo::new(move |_| {
        let mut rows = summary.with(invalid_rows);
        rows.retain(|r| r.count > 0);
        rows
    });
    let items = move || {
        let lang_now = lang.get();
        rows.get()
            .into_iter()
            .take(SHOWN)
            .map(|row| {
                let label = row.reason.reason().text(lang_now).label;
                view! {
                    <li class="verdict-item">
                        <button
                            type="button"
                            class="link-button"
                            data-testid=format!("top-reason-{}", row.reason.key())
                            on:click=move |_| list_packages(state, reason_filter(row.reason))
                        >
                            {label}
                        </button>
                        <span class="verdict-figure">{thousands(row.count)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="verdict-part" data-testid="top-reasons" aria-labelledby="top-reasons-title">
            <h3 id="top-reasons-title">{t("Top reasons for invalid tracking")}</h3>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="verdict-lead">{t("No package has invalid tracking.")}</p> }
            >
                <ol class="verdict-list">{items}</ol>
            </Show>
            <MoreLine total=Signal::derive(move || rows.with(Vec::len)) />
        </section>
    }
}

/// "And 2 more below", when a list names fewer than it has.
#[component]
fn MoreLine(total: Signal<usize>) -> impl IntoView {
    let lang = use_state().lang;
    move || {
        let more = total.get().saturating_sub(SHOWN);
        (more > 0).then(|| {
            view! {
                <p class="verdict-more">
                    {trf(lang.get(), "and {n} more below", &[("n", thousands(more as u64))])}
                </p>
            }
        })
    }
}

/// Which dates placed the packages in the window: the promised delivery
/// date Amazon uses, or the ship or order date the files give instead
/// (`window_by_fallback_date` counts the packages placed so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DatesUsed {
    Promised,
    /// Promised where given, ship or order date for this many packages.
    PromisedElse(u64),
    Ship,
    Order,
    ShipElseOrder,
}

fn dates_used(fields: FieldSet, fallback: u64) -> DatesUsed {
    if fields.has(Field::PromisedDeliveryDate) {
        return match fallback {
            0 => DatesUsed::Promised,
            n => DatesUsed::PromisedElse(n),
        };
    }
    match (fields.has(Field::ShipDate), fields.has(Field::PurchaseDate)) {
        (true, true) => DatesUsed::ShipElseOrder,
        (false, true) => DatesUsed::Order,
        _ => DatesUsed::Ship,
    }
}

/// "(30 days by ship date, ending 14 days before Nov 25, 2026)".
fn window_detail(lang: Lang, used: DatesUsed, days: u32, lag: u32, as_of: NaiveDate) -> String {
    let mut args = vec![
        ("days", thousands(u64::from(days))),
        ("lag", thousands(u64::from(lag))),
        ("as_of", fmt_date(lang, as_of)),
    ];
    match used {
        DatesUsed::Promised => trf(
            lang,
            "({days} days by promised delivery date, ending {lag} days before {as_of})",
            &args,
        ),
        DatesUsed::PromisedElse(n) => {
            args.push(("n", thousands(n)));
            trf(
                lang,
                "({days} days by promised delivery date, or by ship or order date for the {n} packages without one, ending {lag} days before {as_of})",
                &args,
            )
        }
        DatesUsed::Ship => trf(
            lang,
            "({days} days by ship date, ending {lag} days before {as_of})",
            &args,
        ),
        DatesUsed::Order => trf(
            lang,
            "({days} days by order date, ending {lag} days before {as_of})",
            &args,
        ),
        DatesUsed::ShipElseOrder => trf(
            lang,
            "({days} days by ship date, or order date where there is none, ending {lag} days before {as_of})",
            &args,
        ),
    }
}

/// The dates the figures cover, which dates placed the packages in them,
/// or why there are none.
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
            (true, Some(start), Some(end)) => {
                let fields = state.result.with(|r| r.fields);
                let used = summary.with(|s| dates_used(fields, s.warnings.window_by_fallback_date));
                view! {
                    <p class="summary-window" data-testid="window">
                        <span class="window-label">{tr(lang, "Window:")}" "</span>
                        <time data-testid="window-start" datetime=start.to_string()>{fmt_date(lang, start)}</time>
                        " – "
                        <time data-testid="window-end" datetime=end.to_string()>{fmt_date(lang, end)}</time>
                        <span class="window-detail" data-testid="window-detail">
                            {window_detail(lang, used, days, lag, as_of)}
                        </span>
                    </p>
                }
                .into_any()
            }
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
