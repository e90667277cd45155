//! The seller's carrier edits (`data-testid="carrier-editor"`): add a
//! carrier, teach a spelling (an alias) of a known one, mark a carrier as
//! integrated (its tracking can count) or listed (Amazon's drop-down offers
//! it). The edits are [`RegistryEdits`] in [`AppState::registry_edits`]:
//! kept with the settings (`remember::settings`) and sent to the engine
//! worker, which checks the packages again without reading the files.
//!
//! What the engine would ignore is refused here with a sentence instead
//! (a carrier that is already known, a spelling that is another carrier's
//! own name), and a flag set back to the registry's own value removes the
//! edit, so the list shows only real changes.
//!
//! [`AppState::registry_edits`]: crate::state::AppState::registry_edits

use leptos::prelude::*;
use vtr_core::carrier::{carrier_key, Carrier, FlagEdit, NewCarrier, RegistryEdits};
use vtr_core::Registry;

use crate::i18n::{t, tr, trf, Lang};
use crate::state::use_state;

/// The registry with `edits` applied.
fn registry_with(edits: &RegistryEdits) -> Registry {
    let mut r = Registry::default();
    r.apply(edits);
    r
}

/// Which flag a [`FlagEdit`] sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flag {
    Integrated,
    Listed,
}

fn flag_of(c: &Carrier, flag: Flag) -> bool {
    match flag {
        Flag::Integrated => c.integrated,
        Flag::Listed => c.listed,
    }
}

/// `edits` with carrier `name`'s `flag` set to `value`: earlier edits of
/// that flag of that carrier are dropped, and none is added when the value
/// is what the registry has without them.
pub fn with_flag(
    edits: &RegistryEdits,
    name: &str,
    integrated: Option<bool>,
    listed: Option<bool>,
) -> RegistryEdits {
    let mut out = edits.clone();
    for (flag, value) in [(Flag::Integrated, integrated), (Flag::Listed, listed)] {
        let Some(value) = value else { continue };
        let reg = registry_with(&out);
        let Some(id) = reg.resolve(name) else {
            continue;
        };
        // Drop the earlier edits of this flag of this carrier.
        for f in &mut out.flags {
            if reg.resolve(&f.carrier) == Some(id) {
                match flag {
                    Flag::Integrated => f.integrated = None,
                    Flag::Listed => f.listed = None,
                }
            }
        }
        out.flags
            .retain(|f| f.integrated.is_some() || f.listed.is_some());
        let without = registry_with(&out);
        let current = without.resolve(name).map(|c| flag_of(without.get(c), flag));
        if current != Some(value) {
            out.flags.push(FlagEdit {
                carrier: reg.get(id).name.clone(),
                integrated: (flag == Flag::Integrated).then_some(value),
                listed: (flag == Flag::Listed).then_some(value),
            });
        }
    }
    out
}

/// Why a new carrier cannot be added.
#[derive(Debug, PartialEq, Eq)]
pub enum CarrierProblem {
    /// No usable name (empty, punctuation only, or "Other").
    NoName,
    /// The name already means this known carrier.
    Known(String),
}

/// Why carrier `name` cannot be added, if it cannot.
pub fn carrier_problem(reg: &Registry, name: &str) -> Option<CarrierProblem> {
    let key = carrier_key(name);
    if key.is_empty() || key == "other" {
        return Some(CarrierProblem::NoName);
    }
    reg.resolve(name)
        .map(|id| CarrierProblem::Known(reg.get(id).name.clone()))
}

/// Why `alias` cannot mean carrier `target`, if it cannot: (English text,
/// the carrier it already names).
pub fn alias_problem(reg: &Registry, alias: &str, target: &str) -> Option<(&'static str, String)> {
    let key = carrier_key(alias);
    if key.is_empty() || key == "other" {
        return Some(("Type the spelling your files use.", String::new()));
    }
    let target_id = reg.resolve(target)?;
    match reg.resolve(alias) {
        Some(id) if id == target_id => Some((
            "{name} already means this carrier.",
            reg.get(id).name.clone(),
        )),
        Some(id) if carrier_key(&reg.get(id).name) == key => Some((
            "{name} is the name of another carrier, so it cannot be a spelling of this one.",
            reg.get(id).name.clone(),
        )),
        _ => None,
    }
}

/// One edit as a seller reads it.
fn edit_text(lang: Lang, e: &EditRef, edits: &RegistryEdits) -> String {
    let yes_no = |b: bool| tr(lang, if b { "yes" } else { "no" }).to_string();
    match *e {
        EditRef::Carrier(i) => {
            let c = &edits.carriers[i];
            trf(
                lang,
                "Added carrier {name} (tracking can count: {integrated}; on Amazon's list: {listed})",
                &[("name", c.name.clone()), ("integrated", yes_no(c.integrated)), ("listed", yes_no(c.listed))],
            )
        }
        EditRef::Alias(i) => {
            let a = &edits.aliases[i];
            trf(
                lang,
                "“{alias}” means {carrier}",
                &[("alias", a.alias.clone()), ("carrier", a.carrier.clone())],
            )
        }
        EditRef::Flag(i) => {
            let f = &edits.flags[i];
            let mut parts = Vec::new();
            if let Some(v) = f.integrated {
                parts.push(trf(lang, "tracking can count: {v}", &[("v", yes_no(v))]));
            }
            if let Some(v) = f.listed {
                parts.push(trf(lang, "on Amazon's list: {v}", &[("v", yes_no(v))]));
            }
            format!("{}: {}", f.carrier, parts.join(", "))
        }
    }
}

/// Where an edit is in [`RegistryEdits`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum EditRef {
    Carrier(usize),
    Alias(usize),
    Flag(usize),
}

fn all_edits(e: &RegistryEdits) -> Vec<EditRef> {
    (0..e.carriers.len())
        .map(EditRef::Carrier)
        .chain((0..e.aliases.len()).map(EditRef::Alias))
        .chain((0..e.flags.len()).map(EditRef::Flag))
        .collect()
}

fn without(e: &RegistryEdits, r: EditRef) -> RegistryEdits {
    let mut out = e.clone();
    match r {
        EditRef::Carrier(i) => drop(out.carriers.remove(i)),
        EditRef::Alias(i) => drop(out.aliases.remove(i)),
        EditRef::Flag(i) => drop(out.flags.remove(i)),
    }
    out
}

fn input_value(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// The carrier editor.
#[component]
pub fn CarrierEditor() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let edits = state.registry_edits;
    let carriers = Memo::new(move |_| edits.with(|e| registry_with(e).carriers().to_vec()));
    let count = Memo::new(move |_| edits.with(|e| all_edits(e).len()));
    // Carrier names in the files that the registry does not know.
    let unknown = Memo::new(move |_| {
        let reg = edits.with(registry_with);
        state.result.with(|r| {
            r.summary
                .carriers
                .iter()
                .map(|c| c.carrier.clone())
                .filter(|n| {
                    !n.starts_with('(') && !Registry::is_other(n) && reg.resolve(n).is_none()
                })
                .collect::<Vec<_>>()
        })
    });

    let new_name = RwSignal::new(String::new());
    let new_integrated = RwSignal::new(true);
    let new_listed = RwSignal::new(true);
    let new_problem = RwSignal::new(None::<String>);
    let add_carrier = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_string();
        let reg = edits.with_untracked(registry_with);
        let l = lang.get_untracked();
        match carrier_problem(&reg, &name) {
            Some(CarrierProblem::NoName) => {
                new_problem.set(Some(
                    tr(
                        l,
                        "Type the carrier's name as Amazon's list or your files write it.",
                    )
                    .to_string(),
                ));
                return;
            }
            Some(CarrierProblem::Known(known)) => {
                new_problem.set(Some(trf(
                    l,
                    "{name} is already known: add a spelling of it, or change it below.",
                    &[("name", known)],
                )));
                return;
            }
            None => new_problem.set(None),
        }
        edits.update(|e| {
            e.carriers.push(NewCarrier {
                name,
                aliases: Vec::new(),
                integrated: new_integrated.get_untracked(),
                listed: new_listed.get_untracked(),
                formats: Vec::new(),
            });
        });
        new_name.set(String::new());
    };

    let alias_text = RwSignal::new(String::new());
    let alias_target = RwSignal::new(String::from("USPS"));
    let alias_problem_text = RwSignal::new(None::<String>);
    let add_alias = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let alias = alias_text.get_untracked().trim().to_string();
        let target = alias_target.get_untracked();
        let reg = edits.with_untracked(registry_with);
        if let Some((why, name)) = alias_problem(&reg, &alias, &target) {
            alias_problem_text.set(Some(trf(lang.get_untracked(), why, &[("name", name)])));
            return;
        }
        alias_problem_text.set(None);
        edits.update(|e| {
            e.add_alias(&target, &alias);
        });
        alias_text.set(String::new());
    };

    let flag_target = RwSignal::new(String::from("USPS"));
    let flag_now = move |flag: Flag| {
        let name = flag_target.get();
        carriers.with(|cs| {
            cs.iter()
                .find(|c| carrier_key(&c.name) == carrier_key(&name))
                .is_some_and(|c| flag_of(c, flag))
        })
    };
    let set_flag = move |flag: Flag, value: bool| {
        let name = flag_target.get_untracked();
        edits.update(|e| {
            *e = match flag {
                Flag::Integrated => with_flag(e, &name, Some(value), None),
                Flag::Listed => with_flag(e, &name, None, Some(value)),
            }
        });
    };

    let options = move || {
        carriers.with(|cs| {
            cs.iter()
                .map(|c| {
                    let n = c.name.clone();
                    view! { <option value=n.clone()>{n.clone()}</option> }
                })
                .collect_view()
        })
    };

    view! {
        <details class="carrier-editor card" data-testid="carrier-editor">
            <summary>
                <h2 class="carrier-editor-title">{t("Your carriers")}</h2>
                <span class="carrier-editor-count" data-testid="carrier-edit-count">
                    {move || match count.get() {
                        0 => tr(lang.get(), "Add a carrier vtr-check does not know, or a spelling your files use").to_string(),
                        1 => tr(lang.get(), "1 change").to_string(),
                        n => trf(lang.get(), "{n} changes", &[("n", n.to_string())]),
                    }}
                </span>
            </summary>
            <p class="carrier-editor-intro">
                {t("Changes apply at once, to every file, and are remembered in this browser.")}
            </p>
            <Show when=move || unknown.with(|u| !u.is_empty())>
                <p class="carrier-unknown" data-testid="carrier-unknown">
                    {t("Carriers in your files that vtr-check does not know:")} " "
                    <strong>{move || unknown.get().join(", ")}</strong>
                </p>
            </Show>
            <datalist id="carrier-unknown-list">
                {move || unknown.get().into_iter().map(|n| view! { <option value=n /> }).collect_view()}
            </datalist>
            <div class="carrier-forms">
                <form class="carrier-form" on:submit=add_carrier data-testid="carrier-add-form">
                    <h3>{t("Add a carrier")}</h3>
                    <label>
                        <span>{t("Name")}</span>
                        <input type="text" list="carrier-unknown-list" data-testid="carrier-new-name" autocomplete="off"
                            prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(input_value(&ev)) />
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="carrier-new-integrated"
                            prop:checked=move || new_integrated.get()
                            on:change=move |ev| new_integrated.set(event_target_checked(&ev)) />
                        <span>{t("Its tracking can count (Amazon is integrated with it)")}</span>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="carrier-new-listed"
                            prop:checked=move || new_listed.get()
                            on:change=move |ev| new_listed.set(event_target_checked(&ev)) />
                        <span>{t("Amazon's carrier list offers it")}</span>
                    </label>
                    <button type="submit" class="button small primary" data-testid="carrier-add">{t("Add carrier")}</button>
                    {move || new_problem.get().map(|p| view! { <p class="field-problem" role="alert" data-testid="carrier-add-problem">{p}</p> })}
                </form>
                <form class="carrier-form" on:submit=add_alias data-testid="carrier-alias-form">
                    <h3>{t("Add a spelling")}</h3>
                    <label>
                        <span>{t("As your files write it")}</span>
                        <input type="text" list="carrier-unknown-list" data-testid="carrier-alias-text" autocomplete="off"
                            prop:value=move || alias_text.get()
                            on:input=move |ev| alias_text.set(input_value(&ev)) />
                    </label>
                    <label>
                        <span>{t("Means")}</span>
                        <select data-testid="carrier-alias-target"
                            prop:value=move || alias_target.get()
                            on:change=move |ev| alias_target.set(input_value(&ev))>
                            {options}
                        </select>
                    </label>
                    <button type="submit" class="button small primary" data-testid="carrier-alias-add">{t("Add spelling")}</button>
                    {move || alias_problem_text.get().map(|p| view! { <p class="field-problem" role="alert" data-testid="carrier-alias-problem">{p}</p> })}
                </form>
                <fieldset class="carrier-form" data-testid="carrier-flags">
                    <legend><h3>{t("Change a carrier")}</h3></legend>
                    <label>
                        <span>{t("Carrier")}</span>
                        <select data-testid="carrier-flag-target"
                            prop:value=move || flag_target.get()
                            on:change=move |ev| flag_target.set(input_value(&ev))>
                            {options}
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="carrier-flag-integrated"
                            prop:checked=move || flag_now(Flag::Integrated)
                            on:change=move |ev| set_flag(Flag::Integrated, event_target_checked(&ev)) />
                        <span>{t("Its tracking can count (Amazon is integrated with it)")}</span>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="carrier-flag-listed"
                            prop:checked=move || flag_now(Flag::Listed)
                            on:change=move |ev| set_flag(Flag::Listed, event_target_checked(&ev)) />
                        <span>{t("Amazon's carrier list offers it")}</span>
                    </label>
                </fieldset>
            </div>
            <Show when=move || count.get() != 0>
                <h3>{t("Your changes")}</h3>
                <ul class="carrier-edits" data-testid="carrier-edits">
                    {move || {
                        let l = lang.get();
                        edits.with(|e| {
                            all_edits(e)
                                .into_iter()
                                .map(|r| {
                                    let text = edit_text(l, &r, e);
                                    view! {
                                        <li data-testid="carrier-edit">
                                            <span>{text.clone()}</span>
                                            <button type="button" class="button small" data-testid="carrier-edit-remove"
                                                aria-label=trf(l, "Undo: {edit}", &[("edit", text)])
                                                on:click=move |_| edits.update(|e| *e = without(e, r))>
                                                {tr(l, "Undo")}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </ul>
                <button type="button" class="button small" data-testid="carrier-edits-reset"
                    on:click=move |_| edits.set(RegistryEdits::default())>
                    {t("Undo every change")}
                </button>
            </Show>
        </details>
    }
}
