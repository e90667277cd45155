//! The package list's filters: reason, status, category, carrier, search
//! and order. Every control reads from and writes to `state.filter`, which
//! the result's links set too.

use std::time::Duration;

use leptos::prelude::*;
use vtr_core::query::{PackageFilter, ReasonFilter, StatusFilter};
use vtr_core::rules::exclusion::Exclusion;
use vtr_core::rules::reason::Reason;
use vtr_core::rules::validity::InvalidReason;
use vtr_worker::protocol::RowOrder;

use crate::i18n::{t, tr, Lang};
use crate::results::shared::shown_name;
use crate::state::{use_state, AppState};

/// How long the search waits after the last keystroke before filtering,
/// so typing an order id does not filter 200,000 packages per letter.
const SEARCH_DELAY: Duration = Duration::from_millis(150);

fn order_key(order: RowOrder) -> &'static str {
    match order {
        RowOrder::InvalidFirst => "invalid_first",
        RowOrder::FileOrder => "file_order",
    }
}

fn order_from_key(key: &str) -> RowOrder {
    match key {
        "file_order" => RowOrder::FileOrder,
        _ => RowOrder::InvalidFirst,
    }
}

/// One `<option>` per category or carrier name, selected when it is the
/// filter's; the value is the name as the engine knows it, the label as
/// the seller reads it.
fn name_options(
    names: Vec<String>,
    selected: Memo<Option<String>>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    names
        .into_iter()
        .map(|name| {
            let shown = name.clone();
            view! {
                <option
                    value=name.clone()
                    prop:selected=move || selected.with(|s| s.as_deref() == Some(name.as_str()))
                >
                    {move || shown_name(lang.get(), &shown)}
                </option>
            }
        })
        .collect_view()
}

/// The filter controls, all reading from and writing to `state.filter`.
#[component]
pub fn Filters(order: RwSignal<RowOrder>) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let category_list = Memo::new(move |_| state.result.with(|r| r.categories.clone()));
    let carrier_list = Memo::new(move |_| state.result.with(|r| r.carriers.clone()));
    let reason_key = Memo::new(move |_| {
        state
            .filter
            .with(|f| f.reason.map_or(String::new(), |r| r.key().to_string()))
    });
    let status_key = Memo::new(move |_| {
        state.filter.with(|f| match f.status {
            StatusFilter::All => "all",
            StatusFilter::Valid => "valid",
            StatusFilter::Invalid => "invalid",
            StatusFilter::Excluded => "excluded",
        })
    });
    let category = Memo::new(move |_| state.filter.with(|f| f.category.clone()));
    let carrier = Memo::new(move |_| state.filter.with(|f| f.carrier.clone()));
    let search = Memo::new(move |_| state.filter.with(|f| f.search.clone()));
    let any_filter = Memo::new(move |_| state.filter.with(|f| *f != PackageFilter::default()));

    let set_reason = move |ev| {
        let key = event_target_value(&ev);
        state
            .filter
            .update(|f| f.reason = ReasonFilter::from_key(&key));
    };
    let set_status = move |ev| {
        let status = match event_target_value(&ev).as_str() {
            "valid" => StatusFilter::Valid,
            "invalid" => StatusFilter::Invalid,
            "excluded" => StatusFilter::Excluded,
            _ => StatusFilter::All,
        };
        state.filter.update(|f| f.status = status);
    };
    let set_category = move |ev| {
        let v = event_target_value(&ev);
        state
            .filter
            .update(|f| f.category = (!v.is_empty()).then_some(v));
    };
    let set_carrier = move |ev| {
        let v = event_target_value(&ev);
        state
            .filter
            .update(|f| f.carrier = (!v.is_empty()).then_some(v));
    };
    let typed = StoredValue::new(0u64);
    let set_search = move |ev| {
        let text = event_target_value(&ev);
        let n = typed.get_value().wrapping_add(1);
        typed.set_value(n);
        set_timeout(
            move || {
                // Only the last keystroke of a burst filters.
                if typed.get_value() == n {
                    apply_search(state, text);
                }
            },
            SEARCH_DELAY,
        );
    };
    let search_now = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" {
            typed.update_value(|n| *n = n.wrapping_add(1));
            apply_search(state, event_target_value(&ev));
        }
    };
    let clear = move |_| {
        typed.update_value(|n| *n = n.wrapping_add(1));
        state.filter.set(PackageFilter::default());
    };

    let reason_option = move |reason: Reason, n: u64| {
        let key = reason.key();
        view! {
            <option value=key prop:selected=move || reason_key.with(|k| k == key)>
                {move || format!("{} ({n})", reason.text(lang.get()).label)}
            </option>
        }
    };

    view! {
        <div class="package-filters" role="search" aria-label=move || tr(lang.get(), "Filter packages")>
            <div class="field field-search">
                <label for="filter-search">{t("Search order ID or tracking")}</label>
                <input
                    id="filter-search"
                    type="search"
                    data-testid="filter-search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || tr(lang.get(), "e.g. 111-5285708 or 1Z…")
                    prop:value=move || search.get()
                    on:input=set_search
                    on:keydown=search_now
                />
            </div>
            <div class="field">
                <label for="filter-status">{t("Status")}</label>
                <select id="filter-status" data-testid="filter-status" on:change=set_status>
                    {[("all", "All"), ("invalid", "Invalid"), ("valid", "Valid"), ("excluded", "Not counted")]
                        .into_iter()
                        .map(|(key, label)| view! {
                            <option value=key prop:selected=move || status_key.get() == key>{t(label)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field field-reason">
                <label for="filter-reason">{t("Reason")}</label>
                <select id="filter-reason" data-testid="filter-reason" on:change=set_reason>
                    <option value="" prop:selected=move || reason_key.with(|k| k.is_empty())>{t("All reasons")}</option>
                    {move || {
                        let (invalid, excluded) = state.result.with(|r| {
                            let s = &r.summary;
                            (
                                InvalidReason::ALL.map(|r| (Reason::Invalid(r), s.invalid.get(r))),
                                Exclusion::ALL.map(|e| (Reason::Excluded(e), s.excluded.get(e))),
                            )
                        });
                        view! {
                            <optgroup label=move || tr(lang.get(), "Invalid")>
                                {invalid.into_iter().map(|(k, n)| reason_option(k, n)).collect_view()}
                            </optgroup>
                            <optgroup label=move || tr(lang.get(), "Not counted")>
                                {excluded.into_iter().map(|(k, n)| reason_option(k, n)).collect_view()}
                            </optgroup>
                        }
                    }}
                </select>
            </div>
            <div class="field">
                <label for="filter-category">{t("Category")}</label>
                <select id="filter-category" data-testid="filter-category" on:change=set_category>
                    <option value="" prop:selected=move || category.with(Option::is_none)>{t("All categories")}</option>
                    {move || name_options(category_list.get(), category, lang)}
                </select>
            </div>
            <div class="field">
                <label for="filter-carrier">{t("Carrier")}</label>
                <select id="filter-carrier" data-testid="filter-carrier" on:change=set_carrier>
                    <option value="" prop:selected=move || carrier.with(Option::is_none)>{t("All carriers")}</option>
                    {move || name_options(carrier_list.get(), carrier, lang)}
                </select>
            </div>
            <div class="field">
                <label for="package-sort">{t("Order")}</label>
                <select
                    id="package-sort"
                    data-testid="package-sort"
                    on:change=move |ev| order.set(order_from_key(&event_target_value(&ev)))
                >
                    <option value=order_key(RowOrder::InvalidFirst) prop:selected=move || order.get() == RowOrder::InvalidFirst>
                        {t("Invalid first")}
                    </option>
                    <option value=order_key(RowOrder::FileOrder) prop:selected=move || order.get() == RowOrder::FileOrder>
                        {t("File order")}
                    </option>
                </select>
            </div>
            <div class="field field-clear">
                <button
                    type="button"
                    class="button small"
                    data-testid="filter-clear"
                    prop:disabled=move || !any_filter.get()
                    on:click=clear
                >
                    {t("Clear filters")}
                </button>
            </div>
        </div>
    }
}

fn apply_search(state: AppState, text: String) {
    if state.filter.with_untracked(|f| f.search != text) {
        state.filter.update(|f| f.search = text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn row_orders_round_trip_through_their_keys() {
        for o in [RowOrder::InvalidFirst, RowOrder::FileOrder] {
            assert_eq!(order_from_key(order_key(o)), o);
        }
        assert_eq!(order_from_key("nonsense"), RowOrder::InvalidFirst);
    }
}
