//! Which column of a file feeds which field, and the checks that could not
//! run for lack of a column.
//!
//! The engine detects the mapping from the headers (section 9 of the
//! rules); here the seller sees it and may point any field at another
//! column. A choice is remembered for the next file with the same headers.

use leptos::{html, prelude::*};
use vtr_core::mapping::{flag_kind_for_header, Field, Mapping};
use vtr_core::read::FileError;

use crate::i18n::{t, tr, trf, Lang};
use crate::load::field_names::{field_label, field_list, quoted_list};
use crate::load::file_report::ReportView;
use crate::remember::mappings::remember_mapping;
use crate::remember::notice::raise_on_error;
use crate::state::use_state;

/// The option label of column `i`: its header, or its position when blank.
fn column_label(lang: Lang, i: usize, header: &str) -> String {
    if header.trim().is_empty() {
        trf(lang, "(column {n}, no name)", &[("n", (i + 1).to_string())])
    } else {
        header.to_string()
    }
}

/// The mapping of file `id` with `field` pointed at `column`.
fn remapped(current: &Mapping, headers: &[String], field: Field, column: Option<usize>) -> Mapping {
    let mut m = current.clone();
    m.set(field, column);
    if field == Field::TrackingFlag {
        // "No valid tracking" columns mean the opposite of "valid tracking"
        // ones; the header says which.
        let kind = column
            .and_then(|c| headers.get(c))
            .map(|h| flag_kind_for_header(h));
        m.set_flag_kind(kind);
    }
    m
}

/// The columns of one file, as a disclosure holding one `<select>` per
/// field (`data-testid="map-<field key>"`). It opens by itself when the
/// order ID or tracking number column is missing, with a prompt saying
/// what they are.
#[component]
pub fn MappingEditor(
    id: u64,
    report: Memo<Option<ReportView>>,
    /// True while the file cannot be read without a choice.
    open_now: Signal<bool>,
) -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let headers = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.headers.clone()).unwrap_or_default())
    });
    let mapping = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.mapping.clone()).unwrap_or_default())
    });
    let orders_only = Memo::new(move |_| {
        report.with(|r| match r.as_ref().and_then(|r| r.error.as_ref()) {
            Some(FileError::MissingColumns { orders_only, .. }) => *orders_only,
            _ => None,
        })
    });
    let chosen = Memo::new(move |_| {
        state.files.with(|f| {
            f.iter()
                .any(|f| f.id == id && f.mapping.with(Option::is_some))
        })
    });
    let details = NodeRef::<html::Details>::new();
    // Open when a choice is needed; never close under the seller's hands.
    Effect::new(move |_| {
        if open_now.get() {
            if let Some(d) = details.get() {
                d.set_open(true);
            }
        }
    });

    let choose = move |field: Field, value: String| {
        let column = value.parse::<usize>().ok();
        let hs = headers.get_untracked();
        let m = remapped(&mapping.get_untracked(), &hs, field, column);
        raise_on_error(remember_mapping(&hs, Some(&m)));
        state.set_mapping(id, Some(m));
    };
    let reset = move |_| {
        let hs = headers.get_untracked();
        raise_on_error(remember_mapping(&hs, None));
        state.set_mapping(id, None);
    };
    let mapped_count = move || mapping.with(|m| m.mapped().len());

    let rows = move || {
        let lang_now = lang.get();
        let hs = headers.get();
        Field::ALL
            .into_iter()
            .map(|field| {
                let key = field.key();
                let select_id = format!("map-{id}-{key}");
                let missing =
                    move || field.is_required() && mapping.with(|m| m.column(field).is_none());
                let is_col = move |c: Option<usize>| mapping.with(|m| m.column(field) == c);
                let options = hs
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        view! {
                            <option value=i.to_string() prop:selected=move || is_col(Some(i))>
                                {column_label(lang_now, i, h)}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    <tr class:required=field.is_required() class:missing=missing>
                        <th scope="row">
                            <label for=select_id.clone()>
                                {tr(lang_now, field_label(field))}
                                {field.is_required().then(|| view! {
                                    <span class="required-mark">{tr(lang_now, " (required)")}</span>
                                })}
                            </label>
                        </th>
                        <td>
                            <select
                                id=select_id
                                data-testid=format!("map-{key}")
                                aria-invalid=move || missing().then_some("true")
                                on:change=move |ev| choose(field, event_target_value(&ev))
                            >
                                <option value="" prop:selected=move || is_col(None)>
                                    {tr(lang_now, "(not mapped)")}
                                </option>
                                {options}
                            </select>
                            <Show when=missing>
                                <span class="mapping-missing">
                                    <span aria-hidden="true">"⚠ "</span>
                                    {t("Pick a column")}
                                </span>
                            </Show>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <details class="mapping" data-testid="mapping" node_ref=details open=open_now.get_untracked()>
            <summary>
                {move || trf(
                    lang.get(),
                    "Columns: {n} of {total} fields mapped",
                    &[("n", mapped_count().to_string()), ("total", Field::ALL.len().to_string())],
                )}
                <Show when=move || chosen.get()>
                    <span class="mapping-chosen">{t(" · chosen by you")}</span>
                </Show>
            </summary>
            <Show when=move || open_now.get()>
                <div class="mapping-prompt" role="alert" data-testid="mapping-prompt"
                    data-orders-only=move || orders_only.get().map(|k| k.name())>
                    {move || match orders_only.get() {
                        // No column to pick: say which file to add instead.
                        Some(kind) => view! {
                            <p class="mapping-prompt-title">
                                <span aria-hidden="true">"⚠ "</span>
                                {trf(lang.get(), "This is an order export ({kind}): it lists orders but no tracking numbers, so it cannot give a Valid Tracking Rate on its own.", &[("kind", tr(lang.get(), kind.name()).to_string())])}
                            </p>
                            <p>
                                {t("Add the file that confirms your shipments instead: the shipping confirmation file you upload to Amazon, your shipping software's export, or the Valid Tracking Rate report from Seller Central. If this file does hold tracking numbers under another name, pick that column below.")}
                            </p>
                        }
                        .into_any(),
                        None => view! {
                            <p class="mapping-prompt-title">
                                <span aria-hidden="true">"⚠ "</span>
                                {move || {
                                    let missing: Vec<Field> = mapping.with(|m| m.missing_required());
                                    let template = if missing.len() == 1 {
                                        "Pick the column for {fields} below: this file cannot be checked without it."
                                    } else {
                                        "Pick the columns for {fields} below: this file cannot be checked without them."
                                    };
                                    trf(lang.get(), template, &[("fields", quoted_list(lang.get(), &missing))])
                                }}
                            </p>
                            <p>
                                {t("The order number is Amazon's order ID, like 111-1234567-1234567. The tracking number is the number the carrier gave the package. Every package needs both.")}
                            </p>
                        }
                        .into_any(),
                    }}
                </div>
            </Show>
            <p class="mapping-hint">
                {t("Each field is read from the column shown. Point a field at another column if it was guessed wrong; your choice is remembered for files with the same columns.")}
            </p>
            <table class="mapping-table">
                <thead>
                    <tr>
                        <th scope="col">{t("Field")}</th>
                        <th scope="col">{t("Column in this file")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || chosen.get()>
                <button type="button" class="button small" data-testid="mapping-reset" on:click=reset>
                    {t("Use the detected columns")}
                </button>
            </Show>
        </details>
    }
}

/// The checks the rules could not run because no file has a column they
/// need (`data-testid="skipped-rules"`).
#[component]
pub fn SkippedRules() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let any_read = Memo::new(move |_| state.result.with(|r| r.files.iter().any(|f| f.ok)));
    let skipped = Memo::new(move |_| {
        state.result.with(|r| {
            r.skipped_rules
                .iter()
                .map(|r| (r.rule, r.needs.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || any_read.get() && skipped.with(|s| !s.is_empty())>
            <section class="skipped-rules" data-testid="skipped-rules" aria-labelledby="skipped-title">
                <h3 id="skipped-title">{t("Checks skipped for lack of a column")}</h3>
                <p class="skipped-hint">
                    {t("Map one of the named columns above to include these checks; until then they cannot find their problem.")}
                </p>
                <ul>
                    {move || {
                        let lang_now = lang.get();
                        skipped
                            .get()
                            .into_iter()
                            .map(|(rule, needs)| {
                                let template = if needs.len() == 1 {
                                    "needs a column for {fields}"
                                } else {
                                    "needs a column for one of: {fields}"
                                };
                                view! {
                                    <li data-testid=format!("skipped-rule-{rule}")>
                                        <strong>{rule.text(lang_now).label}</strong>
                                        " — "
                                        {trf(lang_now, template, &[("fields", field_list(lang_now, &needs))])}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_flag_column_is_read_as_its_header_says() {
        use vtr_core::mapping::FlagKind;
        let headers = vec!["order-id".to_string(), "No valid tracking".to_string()];
        let m = remapped(&Mapping::default(), &headers, Field::TrackingFlag, Some(1));
        assert_eq!(m.column(Field::TrackingFlag), Some(1));
        assert_eq!(m.flag_kind(), Some(FlagKind::NoValidTracking));
        let m = remapped(&m, &headers, Field::TrackingFlag, None);
        assert_eq!(m.flag_kind(), None);
    }

    #[wasm_bindgen_test]
    fn every_field_has_a_label_in_both_languages() {
        for f in Field::ALL {
            let en = field_label(f);
            assert_ne!(tr(Lang::Zh, en), en, "{f:?}");
        }
    }
}
