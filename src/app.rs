//! The page: header with the language switch, privacy note, loading, then
//! the result once there is one.

use leptos::prelude::*;

use crate::browser::today::browser_today;
use crate::i18n::{browser_lang, t, tr, Lang};
use crate::load::{
    drop_zone::DropZone, file_list::FileList, history::History, settings_panel::SettingsPanel,
};
use crate::packages::PackageList;
use crate::remember::prefs::{load_prefs, update_prefs};
use crate::remember::settings::connect_settings;
use crate::results::{
    carriers::Carriers, categories::Categories, exports::Exports, reasons::Reasons,
    summary_banner::SummaryBanner, trend_chart::TrendChart, warnings::Warnings,
};
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
    let has_data = Memo::new(move |_| state.result.with(|r| !r.files.is_empty()));
    // The result's sections are put on the page one frame after another,
    // so showing a first result is several short tasks, not one long one
    // that would stop the page answering.
    let stage = RwSignal::new(0u8);
    Effect::new(move |_| {
        if !has_data.get() {
            stage.set(0);
        } else if stage.get_untracked() == 0 {
            reveal(stage);
        }
    });
    let at = move |n: u8| move || stage.get() >= n;

    view! {
        <header class="site-header">
            <div class="brand">
                <h1>"vtr-check"</h1>
                <p class="tagline">{t("Check your Amazon Valid Tracking Rate privately, in your browser.")}</p>
            </div>
            <LangSwitch />
        </header>
        <main class="content">
            <PrivacyNote />
            <DropZone />
            <FileList />
            <crate::load::saved_check::SavedCheck />
            <Show when=at(1)>
                <SettingsPanel />
                <crate::load::carrier_editor::CarrierEditor />
                <SummaryBanner />
            </Show>
            <Show when=at(2)>
                <Categories />
            </Show>
            <Show when=at(3)>
                <Reasons />
            </Show>
            <Show when=at(4)>
                <div class="two-col">
                    <Carriers />
                    <Warnings />
                </div>
            </Show>
            <Show when=at(5)>
                <TrendChart />
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

/// How many parts the result is shown in, one a frame: each is a task well
/// under 50 ms, so a click or a key press is answered between them.
const STAGES: u8 = 7;

/// Shows the next stage of the result, and the one after in the next frame.
fn reveal(stage: RwSignal<u8>) {
    if stage.get_untracked() >= STAGES {
        return;
    }
    stage.update(|s| *s += 1);
    request_animation_frame(move || {
        // Past a clear: the sections are gone again, and stay gone.
        if stage.get_untracked() > 0 {
            reveal(stage);
        }
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
