//! Settings: as-of date, window, lag, all dates, threshold, international,
//! marketplace and date order.
//!
//! Each control commits on `change` (leaving the field, pressing Enter,
//! picking a date), so a half-typed "95." never becomes the threshold.
//! Input that does not parse keeps the last good value in force and says
//! why next to the field; the memos recompute the moment a value changes.
//! Saving to storage is done by [`crate::remember::settings::connect_settings`].

use leptos::prelude::*;
use vtr_core::read::DateOrder;
use vtr_core::settings::{format_bp, parse_iso_date, parse_percent_bp};
use vtr_core::Settings;
use vtr_view::settings_text::{order_of, order_value, parse_days, MAX_DAYS};

use crate::i18n::{t, tr};
use crate::load::storage_notice::StorageNotice;
use crate::state::{use_state, AsOf};

/// Marketplaces offered, as ISO country codes with their English name.
pub const MARKETPLACES: [(&str, &str); 19] = [
    ("US", "United States"),
    ("CA", "Canada"),
    ("MX", "Mexico"),
    ("BR", "Brazil"),
    ("GB", "United Kingdom"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("IT", "Italy"),
    ("ES", "Spain"),
    ("NL", "Netherlands"),
    ("SE", "Sweden"),
    ("PL", "Poland"),
    ("TR", "Türkiye"),
    ("AE", "United Arab Emirates"),
    ("SA", "Saudi Arabia"),
    ("IN", "India"),
    ("JP", "Japan"),
    ("AU", "Australia"),
    ("SG", "Singapore"),
];

/// A text field's typed value while it does not parse, and why.
#[derive(Clone, Copy)]
struct Draft {
    text: RwSignal<Option<String>>,
    error: RwSignal<Option<&'static str>>,
}

impl Draft {
    fn new() -> Self {
        Draft {
            text: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Accepts `typed` when `parse` succeeds, else keeps it on screen with
    /// `why` and leaves the setting alone.
    fn commit<T>(
        self,
        typed: String,
        parse: impl Fn(&str) -> Option<T>,
        apply: impl FnOnce(T),
        why: &'static str,
    ) {
        match parse(&typed) {
            Some(v) => {
                self.text.set(None);
                self.error.set(None);
                apply(v);
            }
            None => {
                self.text.set(Some(typed));
                self.error.set(Some(why));
            }
        }
    }

    /// What the field shows: the draft, or the setting's current value.
    fn shown(self, current: impl Fn() -> String) -> impl Fn() -> String {
        move || self.text.get().unwrap_or_else(&current)
    }
}

/// A number-of-days setting: the window or the lag.
#[derive(Clone, Copy)]
struct DaysField {
    id: &'static str,
    error_id: &'static str,
    label: &'static str,
    min: u32,
    draft: Draft,
    get: fn(&Settings) -> u32,
    set: fn(&mut Settings, u32),
    why: &'static str,
}

/// The settings form (`data-testid="settings"`).
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let settings = state.settings;
    let as_of = Draft::new();
    let window = Draft::new();
    let lag = Draft::new();
    let threshold = Draft::new();

    let error_line = move |d: Draft, id: &'static str| {
        view! {
            <Show when=move || d.error.get().is_some()>
                <p class="field-error" id=id role="alert">
                    <span aria-hidden="true">"⚠ "</span>
                    {move || d.error.get().map(|e| tr(lang.get(), e))}
                </p>
            </Show>
        }
    };
    let described = move |d: Draft, id: &'static str| move || d.error.get().map(|_| id);
    let invalid = move |d: Draft| move || d.error.get().map(|_| "true");
    // The window and the lag are both a number of days, off under "all dates".
    let days_field = move |f: DaysField| {
        let DaysField {
            id,
            error_id,
            label,
            min,
            draft,
            get,
            set,
            why,
        } = f;
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input
                    id=id
                    type="number"
                    inputmode="numeric"
                    min=min.to_string()
                    max=MAX_DAYS.to_string()
                    step="1"
                    data-testid=id
                    prop:value=draft.shown(move || settings.with(|s| get(s).to_string()))
                    prop:disabled=move || settings.with(|s| s.all_dates)
                    aria-invalid=invalid(draft)
                    aria-describedby=described(draft, error_id)
                    on:change=move |ev| draft.commit(
                        event_target_value(&ev),
                        |t| parse_days(t, min),
                        |n| settings.update(|s| set(s, n)),
                        why,
                    )
                />
                {error_line(draft, error_id)}
            </div>
        }
    };

    view! {
        <section class="settings" data-testid="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{t("Settings")}</h2>
            <StorageNotice />
            <form class="settings-form" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="set-as-of">{t("Check as of")}</label>
                    <input
                        id="set-as-of"
                        type="date"
                        data-testid="set-as-of"
                        required
                        prop:value=as_of.shown(move || settings.with(|s| s.as_of.to_string()))
                        aria-invalid=invalid(as_of)
                        aria-describedby=described(as_of, "set-as-of-error")
                        on:change=move |ev| as_of.commit(
                            event_target_value(&ev),
                            parse_iso_date,
                            move |d| state.set_as_of(AsOf::Fixed(d)),
                            "Enter a date, for example today.",
                        )
                    />
                    <label class="check-inline">
                        <input
                            type="checkbox"
                            data-testid="as-of-today"
                            prop:checked=move || state.as_of.get() == AsOf::Today
                            on:change=move |ev| {
                                as_of.text.set(None);
                                as_of.error.set(None);
                                let day = settings.with_untracked(|s| s.as_of);
                                state.set_as_of(if event_target_checked(&ev) {
                                    AsOf::Today
                                } else {
                                    AsOf::Fixed(day)
                                });
                            }
                        />
                        {t("Always today")}
                    </label>
                    <p class="field-hint" data-testid="as-of-hint">
                        {move || match state.as_of.get() {
                            AsOf::Today => tr(lang.get(), "Moves with the calendar. The window ends this many lag days before this date."),
                            AsOf::Fixed(_) => tr(lang.get(), "Stays on this date until you change it. The window ends this many lag days before it."),
                        }}
                    </p>
                    {error_line(as_of, "set-as-of-error")}
                </div>
                {days_field(DaysField {
                    id: "set-window-days",
                    error_id: "set-window-days-error",
                    label: "Window (days)",
                    min: 1,
                    draft: window,
                    get: |s| s.window_days,
                    set: |s, n| s.window_days = n,
                    why: "Enter a whole number of days from 1 to 3650.",
                })}
                {days_field(DaysField {
                    id: "set-lag-days",
                    error_id: "set-lag-days-error",
                    label: "Lag (days)",
                    min: 0,
                    draft: lag,
                    get: |s| s.lag_days,
                    set: |s, n| s.lag_days = n,
                    why: "Enter a whole number of days from 0 to 3650.",
                })}
                <div class="field">
                    <label for="set-threshold">{t("Threshold (%)")}</label>
                    <input
                        id="set-threshold"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid="set-threshold"
                        prop:value=threshold.shown(move || settings.with(|s| format_bp(s.threshold_bp)))
                        aria-invalid=invalid(threshold)
                        aria-describedby=described(threshold, "set-threshold-error")
                        on:change=move |ev| threshold.commit(
                            event_target_value(&ev),
                            parse_percent_bp,
                            |bp| settings.update(|s| s.threshold_bp = bp),
                            "Enter a percentage from 0 to 100 with at most two decimals, for example 95.",
                        )
                    />
                    <p class="field-hint">{t("A category is at risk unless its rate is above this.")}</p>
                    {error_line(threshold, "set-threshold-error")}
                </div>
                <div class="field">
                    <label for="set-marketplace">{t("Marketplace")}</label>
                    <select
                        id="set-marketplace"
                        data-testid="set-marketplace"
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            settings.update(|s| s.marketplace = code);
                        }
                    >
                        {move || {
                            let lang_now = lang.get();
                            MARKETPLACES
                                .iter()
                                .map(|&(code, name)| {
                                    view! {
                                        <option
                                            value=code
                                            prop:selected=move || settings.with(|s| s.marketplace == code)
                                        >
                                            {format!("{} ({code})", tr(lang_now, name))}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="set-date-order">{t("Dates like 03/04/2026")}</label>
                    <select
                        id="set-date-order"
                        data-testid="set-date-order"
                        on:change=move |ev| state.date_order.set(order_of(&event_target_value(&ev)))
                    >
                        {move || {
                            let lang_now = lang.get();
                            [
                                (DateOrder::Auto, "Decide from the file"),
                                (DateOrder::MonthFirst, "Month first (US)"),
                                (DateOrder::DayFirst, "Day first (Europe, Asia)"),
                            ]
                                .into_iter()
                                .map(|(o, label)| {
                                    view! {
                                        <option
                                            value=order_value(o)
                                            prop:selected=move || state.date_order.get() == o
                                        >
                                            {tr(lang_now, label)}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field check">
                    <input
                        id="set-all-dates"
                        type="checkbox"
                        data-testid="set-all-dates"
                        prop:checked=move || settings.with(|s| s.all_dates)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            settings.update(|s| s.all_dates = on);
                        }
                    />
                    <label for="set-all-dates">{t("Count every date (ignore the window)")}</label>
                </div>
                <div class="field check">
                    <input
                        id="set-international"
                        type="checkbox"
                        data-testid="set-international"
                        prop:checked=move || settings.with(|s| s.international)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            settings.update(|s| s.international = on);
                        }
                    />
                    <label for="set-international">
                        {t("I ship from abroad (packages of $5 or less are not counted)")}
                    </label>
                </div>
                <div class="settings-actions">
                    <button
                        type="button"
                        class="button small"
                        data-testid="settings-reset"
                        on:click=move |_| {
                            settings.set(vtr_core::Settings::new(state.today));
                            state.as_of.set(AsOf::Today);
                            state.date_order.set(DateOrder::Auto);
                            for d in [as_of, window, lag, threshold] {
                                d.text.set(None);
                                d.error.set(None);
                            }
                        }
                    >
                        {t("Amazon's defaults")}
                    </button>
                </div>
            </form>
        </section>
    }
}
