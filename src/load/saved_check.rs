//! "Saved on this device" (`data-testid="saved-check"`): whether the check
//! on screen is kept in this browser, the space it takes, and the buttons
//! to forget one file or everything. Where the browser will not keep it
//! (blocked or full storage), the same place says so; the check itself
//! works as ever. What is kept, and how, is in `remember::last_check`.

use leptos::prelude::*;
use vtr_view::size::human_size;

use crate::browser::storage::StorageError;
use crate::i18n::{t, tr, trf};
use crate::remember::last_check::{estimate, forget_everything, keep_this_tab, status, Keep};
use crate::state::use_state;

/// The panel; shown while there is something to say.
#[component]
pub fn SavedCheck() -> impl IntoView {
    let state = use_state();
    let lang = state.lang;
    let confirming = RwSignal::new(false);
    let shown = move || {
        let s = status();
        !matches!(s, Keep::Nothing) || state.files.with(|f| !f.is_empty())
    };
    let message = move || {
        let l = lang.get();
        match status() {
            Keep::Nothing => tr(l, "Files you add are kept in this browser, so the check is still here after a reload.").to_string(),
            Keep::Restoring => tr(l, "Bringing back your last check: the figures are from when you left, and the files are being read again.").to_string(),
            Keep::Saving => tr(l, "Saving this check on this device…").to_string(),
            Keep::Saved { files } => {
                let bytes: u64 = files.iter().map(|(_, _, b)| *b).sum();
                let n = files.len();
                if n == 1 {
                    trf(l, "This check (1 file, {size}) is kept in this browser: it is still here after a reload or when you come back.", &[("size", human_size(bytes))])
                } else {
                    trf(l, "This check ({n} files, {size}) is kept in this browser: it is still here after a reload or when you come back.", &[("n", n.to_string()), ("size", human_size(bytes))])
                }
            }
            Keep::NotKept(StorageError::Full) => tr(l, "There is not enough free space in this browser's storage to keep these files, so this check will be gone after a reload. Checking works as usual.").to_string(),
            Keep::NotKept(_) => tr(l, "This browser does not let the page keep files (a private window, or site data blocked in its settings), so this check will be gone after a reload. Checking works as usual.").to_string(),
            Keep::Forgotten => tr(l, "Everything this page kept on this device is forgotten.").to_string(),
            Keep::Elsewhere => tr(l, "Another tab or window of this page has kept its check on this device since, so this tab's check will be gone after a reload. Changing this check, or the button below, keeps it instead.").to_string(),
        }
    };
    let usage = move || {
        let (used, quota) = estimate()?;
        matches!(status(), Keep::Saved { .. }).then(|| {
            trf(
                lang.get(),
                "This site uses {used} of the {quota} this browser allows it.",
                &[
                    ("used", human_size(used as u64)),
                    ("quota", human_size(quota as u64)),
                ],
            )
        })
    };
    let files = move || match status() {
        Keep::Saved { files } => files,
        _ => Vec::new(),
    };
    let is_problem = move || matches!(status(), Keep::NotKept(_) | Keep::Elsewhere);

    view! {
        <Show when=shown>
            <section
                class="saved-check"
                class:saved-problem=is_problem
                data-testid="saved-check"
                data-state=move || status().key()
                aria-labelledby="saved-check-title"
            >
                <h2 id="saved-check-title" class="saved-check-title">
                    <span aria-hidden="true" class="saved-check-icon">{move || if is_problem() { "ⓘ" } else { "✓" }}</span>
                    {move || tr(lang.get(), if is_problem() { "Not saved on this device" } else { "Saved on this device" })}
                </h2>
                <p role="status" data-testid="saved-status">{message}</p>
                {move || usage().map(|u| view! { <p class="saved-usage" data-testid="saved-usage">{u}</p> })}
                <Show when=move || !files().is_empty()>
                    <ul class="saved-files">
                        {move || {
                            let l = lang.get();
                            files()
                                .into_iter()
                                .map(|(id, name, size)| {
                                    let label = trf(l, "Forget {name}: remove it from this check and from this device", &[("name", name.clone())]);
                                    view! {
                                        <li data-testid="saved-file">
                                            <span class="saved-file-name">{name}</span>
                                            <span class="saved-file-size">{human_size(size)}</span>
                                            <button type="button" class="button small" data-testid="saved-forget-file"
                                                aria-label=label on:click=move |_| state.remove(id)>
                                                {tr(l, "Forget this file")}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
                <div class="saved-actions">
                    <Show when=move || matches!(status(), Keep::Elsewhere)>
                        <button type="button" class="button small" data-testid="saved-keep-this"
                            on:click=move |_| keep_this_tab()>
                            {t("Keep this tab's check instead")}
                        </button>
                    </Show>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button small" data-testid="saved-forget-all"
                                on:click=move |_| confirming.set(true)>
                                {t("Forget everything")}
                            </button>
                        }
                    >
                        <p class="saved-confirm">
                            {t("Remove the files, settings, chosen mappings, carrier changes and past checks this page keeps in this browser?")}
                        </p>
                        <button type="button" class="button small danger" data-testid="saved-forget-all-confirm"
                            on:click=move |_| {
                                confirming.set(false);
                                forget_everything(state);
                            }>
                            {t("Yes, forget everything")}
                        </button>
                        <button type="button" class="button small" data-testid="saved-forget-all-cancel"
                            on:click=move |_| confirming.set(false)>
                            {t("Keep")}
                        </button>
                    </Show>
                </div>
            </section>
        </Show>
    }
}
