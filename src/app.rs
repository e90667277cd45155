//! The page: header, privacy note, drop zone and file list.

use leptos::prelude::*;

use crate::{
    drop_zone::DropZone,
    file_list::FileList,
    panic,
    state::AppState,
    storage::{load_prefs, save_prefs, Prefs},
};

/// The whole app. Provides [`AppState`] to everything below it.
#[component]
pub fn App() -> impl IntoView {
    panic::self_test_from_url();
    provide_context(AppState::new());

    view! {
        <header class="site-header">
            <h1>"vtr-check"</h1>
            <p class="tagline">
                "Check your Amazon Valid Tracking Rate privately, in your browser."
            </p>
        </header>
        <main class="content">
            <PrivacyNote />
            <DropZone />
            <FileList />
        </main>
    }
}

/// "Your files stay here", until the user closes it; remembered in storage.
#[component]
fn PrivacyNote() -> impl IntoView {
    let dismissed = RwSignal::new(load_prefs().privacy_note_dismissed);
    let dismiss = move |_| {
        dismissed.set(true);
        // Failing to remember only means the note shows again next visit.
        let _ = save_prefs(&Prefs {
            privacy_note_dismissed: true,
        });
    };
    view! {
        <Show when=move || !dismissed.get()>
            <aside class="privacy-note" data-testid="privacy-note">
                <p>
                    "Your files never leave this device: everything is computed in this page, with no upload and no tracking."
                </p>
                <button type="button" class="button small" on:click=dismiss>
                    "Got it"
                </button>
            </aside>
        </Show>
    }
}
