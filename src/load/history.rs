//! Past checks remembered in the browser (`data-testid="history"`).
//!
//! An entry is a handful of figures, never file contents: when the check
//! was made, the file names, the overall VTR as `vtr check` prints it, the
//! status, the fixes needed, the packages considered and valid, the
//! settings it was made with and each category's figures. At most
//! [`MAX_ENTRIES`], newest first. A row opens that check's figures, read
//! only, beside the current ones ([`Compare`]); a small chart shows the
//! overall VTR across the checks ([`HistoryChart`]).

use chrono::{NaiveDateTime, Timelike};
use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::result::{Status, Summary};
use vtr_core::Settings;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::load::storage_notice::StorageNotice;
use crate::remember::history::{
    clear_history, entry_of, epoch as history_epoch, history_list, load_history, now_local,
    save_history, CategoryFigures, HistoryEntry, MAX_ENTRIES, SETTLE_MS,
};
use crate::remember::notice::raise_on_error;
use crate::results::shared::{shown_name, status_text, threshold_text};
use crate::state::use_state;

/// A shape for the status, so it never rests on colour alone.
fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Ok => "✓",
        Status::AtRisk => "⚠",
        Status::NoData => "–",
    }
}

fn when_text(lang: Lang, at: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        fmt_date(lang, at.date()),
        at.hour(),
        at.minute()
    )
}

/// The history table with its "Clear history" button, the chart and the
/// comparison. Also the one place that records checks, once their
/// figures settle.
#[component]
pub fn History() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let list = history_list();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // The check opened beside the current one.
    let open = RwSignal::new(None::<HistoryEntry>);

    let l = list.clone();
    Effect::new(move |_| {
        // Runs on every new result; the entry is computed now, saved later.
        let Some(entry) = entry_of(state, now_local()) else {
            return;
        };
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let l = l.clone();
        let epoch = history_epoch();
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                if history_epoch() != epoch {
                    // Forgotten meanwhile.
                    return;
                }
                // Another tab may have written meanwhile: start from storage.
                let mut current = load_history();
                if current.push(entry) {
                    raise_on_error(save_history(&current));
                }
                l.set(current);
            },
            std::time::Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    });

    let clear = move |_| {
        clear_history();
        open.set(None);
    };
    let has_files = move || state.files.with(|f| !f.is_empty());
    let (l1, l2, l3, l4) = (list.clone(), list.clone(), list.clone(), list.clone());

    view! {
        <section class="history" data-testid="history" aria-labelledby="history-title">
            <div class="history-head">
                <h2 id="history-title">{t("Past checks")}</h2>
                <Show when=move || l1.with(|l| !l.entries.is_empty())>
                    <button type="button" class="button small" data-testid="history-clear" on:click=clear>
                        {t("Clear history")}
                    </button>
                </Show>
            </div>
            // The settings panel shows storage notices while it is on screen.
            <Show when=move || !has_files()>
                <StorageNotice />
            </Show>
            <Show
                when=move || l2.with(|l| !l.entries.is_empty())
                fallback=move || view! {
                    <p class="history-empty">
                        {t("Checks you make are listed here, in this browser only, so you can compare them over time.")}
                    </p>
                }
            >
                <HistoryChart entries=Signal::derive({ let l = l3.clone(); move || l.with(|l| l.entries.clone()) }) />
                <div class="table-scroll">
                    <table class="history-table">
                        <caption class="visually-hidden">
                            {move || trf(lang.get(), "The last {n} checks, newest first", &[("n", MAX_ENTRIES.to_string())])}
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("Checked")}</th>
                                <th scope="col">{t("Files")}</th>
                                <th scope="col" class="num">{t("VTR")}</th>
                                <th scope="col">{t("Result")}</th>
                                <th scope="col" class="num">{t("Fixes needed")}</th>
                                <th scope="col" class="num">{t("Considered")}</th>
                                <th scope="col"><span class="visually-hidden">{t("Open")}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {
                                let l = l4.clone();
                                move || {
                                    let lang_now = lang.get();
                                    l.with(|l| {
                                        l.entries
                                            .iter()
                                            .map(|e| history_row(lang_now, e, open))
                                            .collect_view()
                                    })
                                }
                            }
                        </tbody>
                    </table>
                </div>
            </Show>
            {move || open.get().map(|e| view! { <Compare then=e close=move || open.set(None) /> })}
        </section>
    }
}

fn history_row(
    lang: Lang,
    e: &HistoryEntry,
    open: RwSignal<Option<HistoryEntry>>,
) -> impl IntoView {
    let status = e.status;
    let entry = e.clone();
    let opened = {
        let entry = entry.clone();
        Memo::new(move |_| open.with(|o| o.as_ref() == Some(&entry)))
    };
    let label = trf(
        lang,
        "Open the check of {when} beside the current one",
        &[("when", when_text(lang, e.checked_at))],
    );
    view! {
        <tr data-testid="history-row" data-status=status.key() class:history-open=move || opened.get()>
            <td class="history-when" data-label=tr(lang, "Checked")>
                {when_text(lang, e.checked_at)}
                <span class="history-asof">
                    {trf(lang, "as of {date}", &[("date", fmt_date(lang, e.as_of))])}
                </span>
            </td>
            <td class="history-files" data-label=tr(lang, "Files")>{e.files.join(", ")}</td>
            <td class="num" data-label=tr(lang, "VTR")>{e.vtr.clone()}</td>
            <td class=format!("history-status status-{}", status.key()) data-label=tr(lang, "Result")>
                <span aria-hidden="true">{status_mark(status)}" "</span>
                {tr(lang, status_text(status))}
            </td>
            <td class="num" data-label=tr(lang, "Fixes needed")>{thousands(e.fixes_needed)}</td>
            <td class="num" data-label=tr(lang, "Considered")>{thousands(e.considered)}</td>
            <td class="history-open-cell">
                <button
                    type="button"
                    class="button small"
                    data-testid="history-open"
                    aria-label=label
                    aria-pressed=move || opened.get().to_string()
                    on:click=move |_| open.set(Some(entry.clone()))
                >
                    {tr(lang, "Open")}
                </button>
            </td>
        </tr>
    }
}

/// The overall VTR of each past check, oldest on the left, with the
/// threshold of the newest check as a dashed line. Checks that considered
/// nothing have no point. Shown from two checks on.
#[component]
fn HistoryChart(entries: Signal<Vec<HistoryEntry>>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    const W: f64 = 320.0;
    const H: f64 = 96.0;
    const PAD: f64 = 8.0;
    let points = move || {
        let mut v: Vec<(HistoryEntry, u32)> = entries
            .get()
            .into_iter()
            .filter_map(|e| e.vtr_bp().map(|bp| (e, bp)))
            .collect();
        v.reverse();
        v
    };
    view! {
        {move || {
            let pts = points();
            if pts.len() < 2 {
                return None;
            }
            let threshold = pts
                .last()
                .and_then(|(e, _)| e.settings.as_ref().map(|s| s.threshold_bp))
                .unwrap_or(Settings::default().threshold_bp);
            let low = pts.iter().map(|(_, bp)| *bp).min().unwrap_or(0).min(threshold);
            // From a round floor below the lowest value to 100%.
            let floor = vtr_view::trend_axis::floor_below(f64::from(low));
            let y = move |bp: u32| {
                let span = f64::from(10_000 - floor).max(1.0);
                PAD + (H - 2.0 * PAD) * (1.0 - f64::from(bp.saturating_sub(floor)) / span)
            };
            let n = pts.len();
            let x = move |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64;
            let path = pts
                .iter()
                .enumerate()
                .map(|(i, (_, bp))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(i), y(*bp)))
                .collect::<String>();
            let l = lang.get();
            let dots = pts
                .iter()
                .enumerate()
                .map(|(i, (e, bp))| {
                    let title = format!("{}: {}", when_text(l, e.checked_at), e.vtr);
                    view! {
                        <circle
                            cx=format!("{:.1}", x(i))
                            cy=format!("{:.1}", y(*bp))
                            r="3.5"
                            class=format!("history-dot status-{}", e.status.key())
                            data-testid="history-point"
                            data-vtr=e.vtr.clone()
                        >
                            <title>{title}</title>
                        </circle>
                    }
                })
                .collect_view();
            let summary = trf(
                l,
                "Overall VTR of the last {n} checks, oldest first: {list}",
                &[
                    ("n", n.to_string()),
                    ("list", pts.iter().map(|(e, _)| e.vtr.clone()).collect::<Vec<_>>().join(", ")),
                ],
            );
            let ty = y(threshold);
            Some(view! {
                <figure class="history-chart" data-testid="history-chart">
                    <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                        <line x1=PAD y1=ty x2=W - PAD y2=ty class="history-threshold" />
                        <path d=path class="history-line" />
                        {dots}
                    </svg>
                    <figcaption>
                        {trf(l, "Overall VTR across checks; dashed: the {target} threshold", &[("target", threshold_text(threshold))])}
                    </figcaption>
                </figure>
            })
        }}
    }
}

/// A past check's figures, read only, beside the current result's.
#[component]
fn Compare(then: HistoryEntry, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let now = Memo::new(move |_| {
        let settings = state.settings.get();
        state
            .result
            .with(|r| (!r.files.is_empty()).then(|| (r.summary.clone(), settings)))
    });
    let then_c = then.clone();
    view! {
        <section class="history-compare card" data-testid="history-compare" aria-labelledby="history-compare-title">
            <div class="history-head">
                <h3 id="history-compare-title">
                    {move || trf(lang.get(), "The check of {when} beside the current one", &[("when", when_text(lang.get(), then_c.checked_at))])}
                </h3>
                <button type="button" class="button small" data-testid="history-compare-close" on:click=move |_| close()>
                    {t("Close")}
                </button>
            </div>
            {move || compare_table(lang.get(), &then, now.get().as_ref().map(|(s, c)| (s, c)))}
        </section>
    }
}

/// The rows of a comparison: (label, then, now, test id).
fn compare_rows(
    lang: Lang,
    then: &HistoryEntry,
    now: Option<(&Summary, &Settings)>,
) -> Vec<(&'static str, String, String, &'static str)> {
    let dash = || "–".to_string();
    let now_or = |f: &dyn Fn(&Summary) -> String| now.map_or_else(dash, |(s, _)| f(s));
    let settings_or = |f: &dyn Fn(&Settings) -> String| then.settings.as_ref().map_or_else(dash, f);
    let cur = |f: &dyn Fn(&Settings) -> String| now.map_or_else(dash, |(_, c)| f(c));
    let yes_no = |b: bool| tr(lang, if b { "Yes" } else { "No" }).to_string();
    let window = |s: &Settings| {
        if s.all_dates {
            tr(lang, "All dates").to_string()
        } else {
            trf(
                lang,
                "{days} days, {lag} days lag",
                &[
                    ("days", s.window_days.to_string()),
                    ("lag", s.lag_days.to_string()),
                ],
            )
        }
    };
    vec![
        (
            "VTR",
            then.vtr.clone(),
            now_or(&|s| percent(s.valid, s.considered)),
            "vtr",
        ),
        (
            "Valid / considered",
            if then.valid == 0 && then.considered > 0 && then.settings.is_none() {
                format!("– / {}", thousands(then.considered))
            } else {
                format!("{} / {}", thousands(then.valid), thousands(then.considered))
            },
            now_or(&|s| format!("{} / {}", thousands(s.valid), thousands(s.considered))),
            "valid",
        ),
        (
            "Fixes needed",
            thousands(then.fixes_needed),
            now_or(&|s| thousands(s.fixes_needed)),
            "fixes",
        ),
        (
            "Result",
            tr(lang, status_text(then.status)).to_string(),
            now_or(&|s| tr(lang, status_text(s.status)).to_string()),
            "status",
        ),
        (
            "As of",
            fmt_date(lang, then.as_of),
            now_or(&|s| fmt_date(lang, s.settings.as_of)),
            "as-of",
        ),
        ("Window", settings_or(&window), cur(&window), "window"),
        (
            "Threshold",
            settings_or(&|s| threshold_text(s.threshold_bp)),
            cur(&|s| threshold_text(s.threshold_bp)),
            "threshold",
        ),
        (
            "I ship from abroad",
            settings_or(&|s| yes_no(s.international)),
            cur(&|s| yes_no(s.international)),
            "international",
        ),
        (
            "Marketplace",
            settings_or(&|s| s.marketplace.clone()),
            cur(&|s| s.marketplace.clone()),
            "marketplace",
        ),
    ]
}

fn compare_table(
    lang: Lang,
    then: &HistoryEntry,
    now: Option<(&Summary, &Settings)>,
) -> impl IntoView {
    let rows = compare_rows(lang, then, now)
        .into_iter()
        .map(|(label, a, b, id)| {
            view! {
                <tr data-testid=format!("compare-{id}")>
                    <th scope="row">{tr(lang, label)}</th>
                    <td class="num" data-testid="compare-then">{a}</td>
                    <td class="num" data-testid="compare-now">{b}</td>
                </tr>
            }
        })
        .collect_view();
    // Every category either check has, in the past check's order first.
    let mut names: Vec<String> = then.categories.iter().map(|c| c.category.clone()).collect();
    if let Some((s, _)) = now {
        for c in &s.categories {
            if !names.contains(&c.category) {
                names.push(c.category.clone());
            }
        }
    }
    let figures = |c: Option<CategoryFigures>| {
        c.map_or_else(
            || "–".to_string(),
            |c| {
                format!(
                    "{} ({} / {})",
                    c.vtr(),
                    thousands(c.valid),
                    thousands(c.considered)
                )
            },
        )
    };
    let cats = names
        .into_iter()
        .map(|name| {
            let a = then.categories.iter().find(|c| c.category == name).cloned();
            let b = now.and_then(|(s, _)| {
                s.categories
                    .iter()
                    .find(|c| c.category == name)
                    .map(CategoryFigures::of)
            });
            view! {
                <tr data-testid=format!("compare-category-{name}")>
                    <th scope="row">{shown_name(lang, &name)}</th>
                    <td class="num" data-testid="compare-then">{figures(a)}</td>
                    <td class="num" data-testid="compare-now">{figures(b)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="history-compare-table">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{tr(lang, "Figure")}</span></th>
                        <th scope="col" class="num">{tr(lang, "That check")}</th>
                        <th scope="col" class="num">{tr(lang, "Now")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <table class="history-compare-table">
                <caption>{tr(lang, "VTR by category (valid / considered)")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "Category")}</th>
                        <th scope="col" class="num">{tr(lang, "That check")}</th>
                        <th scope="col" class="num">{tr(lang, "Now")}</th>
                    </tr>
                </thead>
                <tbody>{cats}</tbody>
            </table>
        </div>
    }
}
