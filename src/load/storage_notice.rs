//! The storage notice, if any, as a dismissable line
//! (`data-testid="storage-notice"`).

use leptos::prelude::*;

use crate::i18n::{t, tr, use_lang};
use crate::remember::notice::{dismiss, notice};

/// Shows the current storage notice with a "Dismiss" button.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || {
            notice()
                .map(|n| {
                    view! {
                        <p class="storage-notice" role="status" data-testid="storage-notice">
                            <span aria-hidden="true" class="storage-notice-icon">"ⓘ"</span>
                            <span>{move || tr(lang.get(), n.text())}</span>
                            <button type="button" class="button small" on:click=move |_| dismiss()>
                                {t("Dismiss")}
                            </button>
                        </p>
                    }
                })
        }}
    }
}
