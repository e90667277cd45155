//! The VTR of the window ending on each day, as an SVG line chart.
//!
//! The series comes from the engine (`vtr_core::trend::trend`); this file
//! only places it. Positions need a ratio, so they are the one place the
//! page divides in floats; every figure printed comes from
//! `vtr_core::numbers`. Days with nothing considered break the line instead
//! of dropping to zero, so a quiet week never looks like a collapse.

use chrono::NaiveDate;
use leptos::prelude::*;
use vtr_core::numbers::{percent, thousands};
use vtr_core::trend::TrendPoint;
use vtr_view::trend_axis::{rate_bp, runs, x_label_indices, y_floor, y_ticks};
use vtr_view::trend_cover::{latest_and_lowest_full, mark, Cover, Window, FEW_PACKAGES};
use vtr_worker::protocol::Request;

use crate::i18n::{fmt_date, t, tr, trf, Lang};
use crate::remember::last_check::kept_result_shown;
use crate::results::shared::{shown_name, summary_memo, threshold_text};
use crate::state::use_state;

/// The drawing's user units; the SVG scales to the width of its card. A
/// narrow screen gets a narrower drawing (see [`drawing_width`]) so that
/// its text does not shrink to nothing, and a wide card a wider one, so
/// that its text does not grow to a poster's.
const WIDE: f64 = 640.0;
const NARROW: f64 = 400.0;
const WIDEST: f64 = 1200.0;
const H: f64 = 260.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;

/// The drawing's width for the browser window's width and the trend
/// card's: about one unit per CSS pixel on a wide card.
fn drawing_width() -> f64 {
    let css_px = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(1024.0);
    if css_px < 600.0 {
        return NARROW;
    }
    card_width().clamp(WIDE, WIDEST)
}

thread_local! {
    /// The trend card's width, read once and again after a resize.
    static CARD_PX: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

/// The trend card's width in CSS pixels. Reading it makes the browser lay
/// the page out there and then; the chart is drawn again with every
/// result (four a second while many files load), so it is read only when
/// the window changed size since.
fn card_width() -> f64 {
    if let Some(px) = CARD_PX.with(std::cell::Cell::get) {
        return px;
    }
    let px = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=trend]").ok().flatten())
        .map_or(0.0, |card| f64::from(card.client_width()));
    if px > 0.0 {
        CARD_PX.with(|c| c.set(Some(px)));
        forget_width_on_resize();
    }
    px
}

fn forget_width_on_resize() {
    thread_local! {
        static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let _ = window_event_listener(leptos::ev::resize, |_| CARD_PX.with(|c| c.set(None)));
}

/// Where day `i` of `n` and a rate sit in the drawing.
struct Scale {
    n: usize,
    floor: f64,
    w: f64,
}

impl Scale {
    fn x(&self, i: usize) -> f64 {
        if self.n <= 1 {
            return LEFT + (self.w - LEFT - RIGHT) / 2.0;
        }
        LEFT + i as f64 * (self.w - LEFT - RIGHT) / (self.n - 1) as f64
    }
    fn y(&self, bp: f64) -> f64 {
        let span = (10_000.0 - self.floor).max(1.0);
        TOP + (10_000.0 - bp.clamp(self.floor, 10_000.0)) / span * (H - TOP - BOTTOM)
    }
}

/// A whole-percent tick: 9000 is "90%", 9250 would be "92.50%".
fn tick_text(bp: u32) -> String {
    if bp.is_multiple_of(100) {
        format!("{}%", bp / 100)
    } else {
        threshold_text(bp)
    }
}

/// A short date for the axis: "Oct 13" or "10月13日".
fn short_date(lang: Lang, d: NaiveDate) -> String {
    crate::i18n::fmt_day(lang, d)
}

#[component]
pub fn TrendChart() -> impl IntoView {
    let state = use_state();
    let summary = summary_memo(state);
    let lang = state.lang;
    // "" is every package; otherwise a category name as the summary shows it.
    let category = RwSignal::new(String::new());
    let window_days = Memo::new(move |_| state.settings.with(|s| s.window_days));
    let threshold = Memo::new(move |_| state.settings.with(|s| s.threshold_bp));
    let window_end =
        Memo::new(move |_| summary.with(|s| s.window.end.filter(|_| s.window.applied)));

    // The engine works the series out; a new result or another category
    // asks again, and the chart shows the latest answer.
    Effect::new(move |_| {
        let generation = state.result.with(|r| r.generation);
        let name = category.get();
        let _ = window_days.get();
        let seq = state.engine.with_value(|e| e.next_seq());
        let _ = generation;
        state.engine.with_value(|e| {
            e.request_trend(Request::Trend {
                seq,
                category: (!name.is_empty()).then_some(name),
            })
        });
    });
    // While a kept check's files are read again, the engine's series is of
    // only some of them: none is drawn.
    let points = Memo::new(move |_| {
        if kept_result_shown() {
            return Vec::new();
        }
        state
            .trend
            .with(|t| t.as_ref().map(|(_, p)| p.clone()).unwrap_or_default())
    });

    // Each window marked: does the data cover it, does it rest on few
    // packages, is it the one the headline uses.
    let windows = Memo::new(move |_| {
        let checked_end = window_end.get().unwrap_or(NaiveDate::MAX);
        points.with(|pts| mark(pts, window_days.get(), checked_end))
    });

    // A category that vanished after a change of files or settings falls
    // back to all packages rather than an empty, unexplained chart.
    Effect::new(move |_| {
        let name = category.get();
        if !name.is_empty() && !summary.with(|s| s.categories.iter().any(|c| c.category == name)) {
            category.set(String::new());
        }
    });

    let options = move || {
        let lang = lang.get();
        let selected = category.get();
        summary.with(|s| {
            s.categories
                .iter()
                .map(|c| {
                    let value = c.category.clone();
                    let is_selected = value == selected;
                    view! {
                        <option value=value selected=is_selected>
                            {shown_name(lang, &c.category)}
                        </option>
                    }
                })
                .collect_view()
        })
    };

    let caption = move || {
        trf(
            lang.get(),
            "The VTR of the {days}-day window ending on each day, against the {target} target.",
            &[
                ("days", thousands(u64::from(window_days.get()))),
                ("target", threshold_text(threshold.get())),
            ],
        )
    };

    let overview = move || {
        let lang = lang.get();
        windows.with(|ws| {
            latest_and_lowest_full(ws).map(|(latest, lowest)| {
                trf(
                    lang,
                    "Latest: {latest} for the window ending {latest_date}. Lowest: {lowest} for the window ending {lowest_date}.",
                    &[
                        ("latest", percent(latest.valid, latest.considered)),
                        ("latest_date", fmt_date(lang, latest.end)),
                        ("lowest", percent(lowest.valid, lowest.considered)),
                        ("lowest_date", fmt_date(lang, lowest.end)),
                    ],
                )
            })
        })
    };

    view! {
        <section class="results-card trend" data-testid="trend" aria-labelledby="trend-title">
            <div class="trend-head">
                <h2 id="trend-title">{t("VTR over time")}</h2>
                <div class="trend-pick">
                    <label for="trend-category">{t("Trend for")}</label>
                    <select
                        id="trend-category"
                        data-testid="trend-category"
                        prop:value=move || category.get()
                        on:change=move |ev| category.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || category.with(String::is_empty)>
                            {t("All categories")}
                        </option>
                        {options}
                    </select>
                </div>
            </div>
            <p class="card-hint" id="trend-caption">{caption}</p>
            {move || {
                if kept_result_shown() {
                    view! {
                        <p class="empty-note" data-testid="trend-wait" role="status">
                            {t("The trend is drawn once your files are read again.")}
                        </p>
                    }
                    .into_any()
                } else if points.with(|p| p.iter().all(|p| p.considered == 0)) {
                    view! {
                        <p class="empty-note" data-testid="trend-empty">
                            {t("No dated packages to draw a trend from.")}
                        </p>
                    }
                    .into_any()
                } else {
                    let lang = lang.get();
                    let title = tr(lang, "VTR over time");
                    let desc = overview().unwrap_or_default();
                    let (partial, few) = windows.with(|ws| {
                        (
                            ws.iter().any(|w| w.cover != Cover::Full && w.point.considered > 0),
                            ws.iter().any(|w| w.cover == Cover::Full && w.few),
                        )
                    });
                    view! {
                        {windows.with(|ws| chart(lang, ws, threshold.get(), title, desc))}
                        <Legend
                            threshold=threshold.get()
                            marked=windows.with(|ws| ws.iter().any(|w| w.checked))
                            partial=partial
                            few=few
                        />
                    }
                    .into_any()
                }
            }}
            {move || overview().map(|o| view! { <p class="trend-overview" data-testid="trend-overview">{o}</p> })}
            {move || {
                let lang = lang.get();
                window_end.get().filter(|e| points.with(|p| p.iter().any(|p| p.end == *e))).map(|e| view! {
                    <p class="trend-overview" data-testid="trend-checked">
                        {trf(lang, "The figures above use the window ending {date}.", &[("date", fmt_date(lang, e))])}
                    </p>
                })
            }}
            {move || {
                let lang = lang.get();
                let none_full = windows.with(|ws| {
                    ws.iter().any(|w| w.point.considered > 0) && latest_and_lowest_full(ws).is_none()
                });
                none_full.then(|| view! {
                    <p class="trend-overview" data-testid="trend-no-full">
                        {trf(lang, "Your data covers no full {days}-day window yet, so every window drawn holds fewer packages than Amazon's.", &[("days", thousands(u64::from(window_days.get())))])}
                    </p>
                })
            }}
            <TrendTable points=points />
        </section>
    }
}

/// The series with only the windows `keep` accepts, the others emptied, so
/// the line breaks where they are and every window keeps its x position.
fn only(ws: &[Window], keep: impl Fn(&Window) -> bool) -> Vec<TrendPoint> {
    ws.iter()
        .map(|w| {
            if keep(w) {
                w.point
            } else {
                TrendPoint {
                    considered: 0,
                    valid: 0,
                    ..w.point
                }
            }
        })
        .collect()
}

/// The drawing itself: fully covered windows as the line, the others
/// grey and dashed, windows with few packages as hollow dots, and a mark
/// at the window the figures above use.
fn chart(
    lang: Lang,
    ws: &[Window],
    threshold_bp: u32,
    title: &'static str,
    desc: String,
) -> impl IntoView {
    let full = only(ws, |w| w.cover == Cover::Full);
    let edges = only(ws, |w| w.cover != Cover::Full);
    let pts: Vec<TrendPoint> = ws.iter().map(|w| w.point).collect();
    let pts = pts.as_slice();
    // The axis fits the full windows: a 0% edge window must not stretch it.
    let floor = if full.iter().any(|p| p.considered > 0) {
        y_floor(&full, threshold_bp)
    } else {
        y_floor(pts, threshold_bp)
    };
    let w = drawing_width();
    let scale = Scale {
        n: pts.len(),
        floor: f64::from(floor),
        w,
    };
    let marker = ws
        .iter()
        .position(|w| w.checked)
        .map(|i| {
            let x = format!("{:.1}", scale.x(i));
            view! { <line class="window-mark" x1=x.clone() x2=x y1=TOP.to_string() y2=(H - BOTTOM).to_string() /> }
        });
    let grid = y_ticks(floor)
        .into_iter()
        .map(|bp| {
            let y = format!("{:.1}", scale.y(f64::from(bp)));
            view! {
                <line class="grid" x1=LEFT.to_string() x2=(w - RIGHT).to_string() y1=y.clone() y2=y.clone() />
                <text class="tick tick-y" x=(LEFT - 8.0).to_string() y=y text-anchor="end" dominant-baseline="middle">
                    {tick_text(bp)}
                </text>
            }
        })
        .collect_view();
    let x_labels = x_label_indices(pts.len())
        .into_iter()
        .filter_map(|i| pts.get(i).map(|p| (i, p.end)))
        .map(|(i, d)| {
            let anchor = if pts.len() <= 1 {
                "middle"
            } else if i == 0 {
                "start"
            } else if i + 1 == pts.len() {
                "end"
            } else {
                "middle"
            };
            view! {
                <text class="tick tick-x" x=format!("{:.1}", scale.x(i)) y=(H - 10.0).to_string() text-anchor=anchor>
                    {short_date(lang, d)}
                </text>
            }
        })
        .collect_view();
    let ty = scale.y(f64::from(threshold_bp.min(10_000)));
    // Each run says which windows it draws (data-from, data-to: the first
    // and last window's end), so a test can hold the line to the cover.
    let line_of = |series: &[TrendPoint], class: &'static str| {
        runs(series)
        .into_iter()
        .map(|run| {
            let end_of = |k: Option<&(usize, f64)>| k.and_then(|(i, _)| pts.get(*i)).map(|p| p.end.to_string());
            let (from, to) = (end_of(run.first()), end_of(run.last()));
            if let [(i, r)] = run.as_slice() {
                return view! {
                    <circle class=format!("trend-dot {class}") data-from=from data-to=to cx=format!("{:.1}", scale.x(*i)) cy=format!("{:.1}", scale.y(*r)) r="3" />
                }
                .into_any();
            }
            let d = run
                .iter()
                .enumerate()
                .map(|(k, (i, r))| {
                    format!("{}{:.1} {:.1}", if k == 0 { "M" } else { "L" }, scale.x(*i), scale.y(*r))
                })
                .collect::<Vec<_>>()
                .join(" ");
            view! { <path class=class data-from=from data-to=to d=d /> }.into_any()
        })
        .collect_view()
    };
    let lines = line_of(&full, "trend-line");
    let edge_lines = line_of(&edges, "trend-line trend-partial");
    let few_dots = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| w.cover == Cover::Full && w.few)
        .filter_map(|(i, w)| rate_bp(&w.point).map(|r| (i, r)))
        .map(|(i, r)| {
            let end = pts.get(i).map(|p| p.end.to_string());
            view! {
                <circle class="trend-few" data-testid="trend-few" data-from=end.clone() data-to=end cx=format!("{:.1}", scale.x(i)) cy=format!("{:.1}", scale.y(r)) r="3.5" />
            }
        })
        .collect_view();
    let last = full
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| rate_bp(p).map(|r| (scale.x(i), scale.y(r))));
    view! {
        <svg
            class="trend-svg"
            data-first=pts.first().map(|p| p.end.to_string())
            viewBox=format!("0 0 {w} {H}")
            role="img"
            aria-labelledby="trend-svg-title trend-svg-desc"
            preserveAspectRatio="xMidYMid meet"
        >
            <title id="trend-svg-title">{title}</title>
            <desc id="trend-svg-desc">{desc}</desc>
            {grid}
            <line
                class="axis"
                x1=LEFT.to_string()
                x2=(w - RIGHT).to_string()
                y1=(H - BOTTOM).to_string()
                y2=(H - BOTTOM).to_string()
            />
            <line
                class="threshold"
                x1=LEFT.to_string()
                x2=(w - RIGHT).to_string()
                y1=format!("{ty:.1}")
                y2=format!("{ty:.1}")
            />
            {marker}
            {edge_lines}
            {lines}
            {few_dots}
            {last.map(|(x, y)| view! { <circle class="trend-last" cx=format!("{x:.1}") cy=format!("{y:.1}") r="4.5" /> })}
            {x_labels}
        </svg>
    }
}

/// What the line, the dashes and the marker mean.
#[component]
fn Legend(threshold: u32, marked: bool, partial: bool, few: bool) -> impl IntoView {
    let lang = use_state().lang;
    let swatch = |class: &'static str| {
        view! {
            <svg class="legend-swatch" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true" focusable="false">
                <line class=class x1="1" x2="23" y1="5" y2="5" />
            </svg>
        }
    };
    view! {
        <ul class="trend-legend">
            <li>{swatch("trend-line")}{move || tr(lang.get(), "VTR")}</li>
            <li>
                {swatch("threshold")}
                {move || trf(lang.get(), "Target {target}", &[("target", threshold_text(threshold))])}
            </li>
            {marked
                .then(|| {
                    view! {
                        <li>
                            {swatch("window-mark")}
                            {move || tr(lang.get(), "End of the window checked above")}
                        </li>
                    }
                })}
            {partial
                .then(|| {
                    view! {
                        <li data-testid="legend-partial">
                            {swatch("trend-line trend-partial")}
                            {move || tr(lang.get(), "Windows your data does not fully cover (before your first date, or after the window checked above): fewer packages, not counted as latest or lowest")}
                        </li>
                    }
                })}
            {few
                .then(|| {
                    view! {
                        <li data-testid="legend-few">
                            <svg class="legend-swatch" viewBox="0 0 24 10" width="24" height="10" aria-hidden="true" focusable="false">
                                <circle class="trend-few" cx="12" cy="5" r="3.5" />
                            </svg>
                            {move || trf(lang.get(), "Fewer than {n} packages: one package moves the rate a lot", &[("n", FEW_PACKAGES.to_string())])}
                        </li>
                    }
                })}
        </ul>
    }
}

/// The same series for screen readers: one row a week, ending on the last day.
#[component]
fn TrendTable(points: Memo<Vec<TrendPoint>>) -> impl IntoView {
    let lang = use_state().lang;
    move || {
        let lang = lang.get();
        points.with(|pts| {
            let n = pts.len();
            let rows = pts
                .iter()
                .enumerate()
                .filter(|(i, _)| (n - 1 - i) % 7 == 0)
                .map(|(_, p)| {
                    view! {
                        <tr>
                            <th scope="row">{fmt_date(lang, p.end)}</th>
                            <td>{thousands(p.considered)}</td>
                            <td>{thousands(p.valid)}</td>
                            <td>{percent(p.valid, p.considered)}</td>
                        </tr>
                    }
                })
                .collect_view();
            (n > 0).then(|| {
                view! {
                    // A table ignores width: 1px, so the hiding box is a div
                    // around it; otherwise it widens a phone-sized page.
                    <div class="visually-hidden">
                    <table data-testid="trend-table">
                        <caption>{tr(lang, "VTR of the window ending each week")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr(lang, "Window ending")}</th>
                                <th scope="col">{tr(lang, "Considered")}</th>
                                <th scope="col">{tr(lang, "Valid")}</th>
                                <th scope="col">{tr(lang, "VTR")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }
            })
        })
    }
}
