//! The page: a skip link to the result, the header with the language
//! switch, then the privacy note and loading until there is a result; once
//! there is, the verdict comes first and the rest folds into a bar.

use leptos::prelude::*;

use crate::browser::frames::each_frame;
use crate::browser::today::browser_today;
use crate::i18n::{browser_lang, t, tr, Lang};
use crate::load::{
    drop_zone::DropZone, file_list::FileList, history::History, settings_panel::SettingsPanel,
    storage_notice::StorageNotice,
};
use crate::packages::PackageList;
use crate::remember::prefs::{load_prefs, update_prefs};
use crate::remember::settings::connect_settings;
use crate::results::links::{focus_result, RESULT_ID};
use crate::results::{
    carriers::Carriers, categories::Categories, exports::Exports, reasons::Reasons,
    summary_banner::SummaryBanner, trend_chart::TrendChart, warnings::Warnings,
};
use crate::setup_bar::{needs_columns, setup_label, show_mapping_prompt, SetupBar, SETUP_ID};
use crate::state::{use_state, AppState};
use crate::{engine, panic};

/// The whole app. Provides [`AppState`] to everything below it.
#[component]
pub fn App() -> impl IntoView {
    panic::self_test_from_url();
    let prefs = load_prefs();
    let lang = prefs.lang.unwrap_or_else(browser_lang);
    let state = AppState::new(browser_today(), lang);
    state.provide();
    // What the seller set last time comes back before the engine starts,
    // so its first check already uses it; every change is saved.
    connect_settings(state);
    crate::remember::last_check::connect(state);
    engine::start(state);
    // The document's language follows the switch, for screen readers and fonts.
    Effect::new(move |_| {
        let code = state.lang.get().code();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", code);
        }
    });
    // A result is shown only when it is true of every file: not while a
    // file waits for a column to be picked (the prompt shows instead), and
    // not before any file could be read.
    let needs = Memo::new(move |_| needs_columns(state));
    let has_result =
        Memo::new(move |_| !needs.get() && state.result.with(|r| r.files.iter().any(|f| f.ok)));
    // The prompt for a missing column is what the seller must act on next:
    // it comes into view, with focus on the first column to pick.
    Effect::new(move |_| {
        if needs.get() {
            request_animation_frame(show_mapping_prompt);
        }
    });
    // The result's sections are put on the page one frame after another,
    // so showing a first result is several short tasks, not one long one
    // that would stop the page answering.
    let stage = RwSignal::new(0u8);
    Effect::new(move |_| {
        if !has_result.get() {
            stage.set(0);
        } else if stage.get_untracked() == 0 {
            reveal(stage);
        }
    });
    let at = move |n: u8| move || stage.get() >= n;
    let open = fold_setup(state, has_result, stage);
    let expanded = move || !has_result.get() || open.get();

    view! {
        <Show when=move || has_result.get()>
            <a class="skip-link" href=format!("#{RESULT_ID}") data-testid="skip-link" on:click=skip_to_result>
                {t("Skip to the result")}
            </a>
        </Show>
        <header class="site-header">
            <div class="brand">
                <h1>"vtr-check"</h1>
                <p class="tagline">{t("Check your Amazon Valid Tracking Rate privately, in your browser.")}</p>
            </div>
            <LangSwitch />
        </header>
        <main class="content" class:with-result=move || has_result.get()>
            <Show when=move || has_result.get()>
                <SetupBar open=open />
            </Show>
            // The settings show storage notices; folded, they show here.
            <Show when=move || has_result.get() && !open.get()>
                <StorageNotice />
            </Show>
            // The privacy note, the files, their columns and the settings:
            // the whole page until there is a result, then folded under
            // the bar. Side by side on a wide screen.
            <div
                id=SETUP_ID
                class="setup"
                data-testid="setup"
                role="region"
                aria-label=setup_label()
                prop:hidden=move || !expanded()
            >
                <div class="setup-part">
                    <PrivacyNote />
                    <DropZone />
                    <FileList />
                    <crate::load::saved_check::SavedCheck />
                </div>
                // Folded away under the bar once there is a result: put
                // on the page after the result's own sections.
                <Show when=at(8)>
                    <div class="setup-part">
                        <SettingsPanel />
                        <Show when=at(9)>
                            <crate::load::carrier_editor::CarrierEditor />
                        </Show>
                    </div>
                </Show>
            </div>
            <Show when=at(1)>
                <SummaryBanner />
            </Show>
            <Show when=at(2)>
                // Two columns on a wide screen, read left then right.
                <div class="results-grid">
                    <div class="results-col">
                        <Reasons />
                    </div>
                    <div class="results-col">
                        <Show when=at(3)>
                            <Categories />
                        </Show>
                        <Show when=at(4)>
                            <Carriers />
                            <Warnings />
                        </Show>
                        <Show when=at(5)>
                            <TrendChart />
                        </Show>
                    </div>
                </div>
            </Show>
            <Show when=at(6)>
                <PackageList />
            </Show>
            <Show when=at(7)>
                <Exports />
            </Show>
            <History />
        </main>
    }
}

/// Whether the files and settings are open under the bar. They fold away
/// when a load ends in a result (files added, or a file's missing column
/// picked), and focus moves to the verdict, so the seller reads it first;
/// reading a file again for a setting changed under the bar leaves them open.
fn fold_setup(state: AppState, has_result: Memo<bool>, stage: RwSignal<u8>) -> RwSignal<bool> {
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    // Files are numbered as they are added: a higher number is a new file,
    // even where another was removed in the same breath (the sample making way).
    let newest = Memo::new(move |_| state.files.with(|f| f.iter().map(|f| f.id).max()));
    Effect::new(move |before: Option<Option<u64>>| {
        let now = newest.get();
        if now > before.flatten() {
            pending.set(true);
        }
        now
    });
    let busy = Memo::new(move |_| state.busy());
    Effect::new(move |_| {
        if pending.get() && !busy.get() && has_result.get() && stage.get() >= 1 {
            pending.set(false);
            open.set(false);
            // After this frame's render, when the verdict is on the page.
            request_animation_frame(|| {
                focus_result();
            });
        }
    });
    open
}

/// The skip link moves focus itself, so the address keeps no `#result`.
fn skip_to_result(ev: web_sys::MouseEvent) {
    if focus_result() {
        ev.prevent_default();
    }
}

/// How many parts the result is shown in, one a frame: each is a task well
/// under 50 ms, so a click or a key press is answered between them.
const STAGES: u8 = 9;

/// Shows the result one stage a frame, from the next stage on.
fn reveal(stage: RwSignal<u8>) {
    let mut first = true;
    each_frame(move || {
        // Past a clear (the sections are gone again, and stay gone) or once
        // all are shown, there is nothing more to do.
        let s = stage.get_untracked();
        if s >= STAGES || (s == 0 && !first) {
            return false;
        }
        first = false;
        stage.update(|s| *s += 1);
        true
    });
}

/// English / 中文, remembered for the next visit.
#[component]
fn LangSwitch() -> impl IntoView {
    let state = use_state();
    let choose = move |lang: Lang| {
        state.lang.set(lang);
        // Failing to remember only means the browser's language next visit.
        update_prefs(|p| p.lang = Some(lang));
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || tr(state.lang.get(), "Language")>
            <button
                type="button"
                class="button small"
                data-testid="lang-en"
                lang="en"
                aria-pressed=move || (state.lang.get() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)
            >
                "English"
            </button>
            <button
                type="button"
                class="button small"
                data-testid="lang-zh"
                lang="zh-CN"
                aria-pressed=move || (state.lang.get() == Lang::Zh).to_string()
                on:click=move |_| choose(Lang::Zh)
            >
                "中文"
            </button>
        </div>
    }
}

/// "Your files stay here", until the user closes it; remembered in storage.
#[component]
fn PrivacyNote() -> impl IntoView {
    let dismissed = RwSignal::new(load_prefs().privacy_note_dismissed);
    let dismiss = move |_| {
        dismissed.set(true);
        update_prefs(|p| p.privacy_note_dismissed = true);
    };
    view! {
        <Show when=move || !dismissed.get()>
            <aside class="privacy-note" data-testid="privacy-note">
                <p>
                    {t("Your files never leave this device: everything is computed in this page, with no upload and no tracking.")}
                </p>
                <button type="button" class="button small" on:click=dismiss>
                    {t("Got it")}
                </button>
            </aside>
        </Show>
    }
}
