//! What the page remembers between visits, in `localStorage`.
//!
//! Only small things are kept here, never file contents: the product
//! promises that shipment data stays in memory for the visit. Every key
//! carries a version so a later format can ignore an old one instead of
//! misreading it.
//!
//! Storage is a convenience, never a requirement: it may be blocked (private
//! windows, strict cookie settings), full, or hold something an older or
//! newer page wrote. Each of these ends in the defaults and, where the
//! seller would otherwise wonder why nothing is remembered, a one-line
//! [`Notice`] — never in a panic.

use std::cell::RefCell;

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use vtr_core::carrier::RegistryEdits;
use vtr_core::mapping::Mapping;
use vtr_core::read::DateOrder;
use vtr_core::Settings;
use wasm_bindgen::JsValue;

use crate::state::AppState;

/// The `localStorage` key of [`Prefs`].
pub const PREFS_KEY: &str = "vtr-check/prefs/v1";
/// The `localStorage` key of [`SavedSettings`].
pub const SETTINGS_KEY: &str = "vtr-check/settings/v1";
/// The `localStorage` key of the remembered mappings ([`MappingMemory`]).
pub const MAPPINGS_KEY: &str = "vtr-check/mappings/v1";
/// The `localStorage` key of the check history ([`crate::history::HistoryEntry`]).
pub const HISTORY_KEY: &str = "vtr-check/history/v1";

/// User preferences that survive a reload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The user closed the "files stay in your browser" note.
    pub privacy_note_dismissed: bool,
    /// The language the user chose; the browser's when never chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
}

/// Why a value could not be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser's quota for this site is used up.
    Full,
    /// No storage at all (blocked, or not a browser).
    Unavailable,
    /// Anything else the browser reported, with its message.
    Other(String),
}

impl StorageError {
    /// Classifies a DOM exception by its `name` (and legacy Firefox name):
    /// only the name is stable across browsers, the message is not.
    pub fn from_js_name(name: &str, message: &str) -> StorageError {
        match name {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Other(format!("{name}: {message}")),
        }
    }

    fn from_js(value: &JsValue) -> StorageError {
        let field = |k: &str| {
            js_sys::Reflect::get(value, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        StorageError::from_js_name(&field("name"), &field("message"))
    }

    /// The notice a seller reads for this error.
    pub fn notice(&self) -> Notice {
        match self {
            StorageError::Full => Notice::Full,
            StorageError::Unavailable | StorageError::Other(_) => Notice::Unavailable,
        }
    }
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Full => f.write_str("storage is full"),
            StorageError::Unavailable => f.write_str("storage is not available"),
            StorageError::Other(m) => f.write_str(m),
        }
    }
}

/// Something about storage the seller should know, shown once in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A save failed for lack of space.
    Full,
    /// A save failed because storage is blocked or broken.
    Unavailable,
    /// Saved data could not be read and was replaced by the defaults.
    Reset,
}

impl Notice {
    /// The English text, to translate with [`crate::i18n::tr`].
    pub fn text(self) -> &'static str {
        match self {
            Notice::Full => "Your browser's storage is full; settings won't be remembered.",
            Notice::Unavailable => {
                "This browser does not let the page save anything; settings won't be remembered."
            }
            Notice::Reset => {
                "Saved settings from an earlier visit could not be read, so the defaults are used."
            }
        }
    }
}

thread_local! {
    // The page runs on one thread; a global signal lets any save report a
    // problem without every caller passing a handle around.
    static NOTICE: ArcRwSignal<Option<Notice>> = ArcRwSignal::new(None);
    static SHOWN: RefCell<Vec<Notice>> = const { RefCell::new(Vec::new()) };
}

/// The notice to show, if any (reactive).
pub fn notice() -> Option<Notice> {
    NOTICE.with(|n| n.get())
}

/// Raises `notice`, at most once per visit per kind so a storage that stays
/// full does not keep nagging after the seller closed the message.
pub fn raise(notice: Notice) {
    let first = SHOWN.with(|s| {
        let mut s = s.borrow_mut();
        let first = !s.contains(&notice);
        if first {
            s.push(notice);
        }
        first
    });
    if first {
        NOTICE.with(|n| n.set(Some(notice)));
    }
}

/// Hides the notice.
pub fn dismiss_notice() {
    NOTICE.with(|n| n.set(None));
}

/// The page's `localStorage`, or `None` where the browser refuses it
/// (reading `window.localStorage` itself throws when storage is blocked).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What reading a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing saved (or no storage).
    Missing,
    /// A value that is not valid for this version; it has been removed so
    /// the seller hears about it only once.
    Corrupt,
    Found(T),
}

impl<T: Default> Loaded<T> {
    /// The value, or the default; raises [`Notice::Reset`] for corrupt data.
    pub fn or_default_noticed(self) -> T {
        match self {
            Loaded::Found(v) => v,
            Loaded::Missing => T::default(),
            Loaded::Corrupt => {
                raise(Notice::Reset);
                T::default()
            }
        }
    }
}

/// Reads and parses `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Loaded<T> {
    let Some(s) = storage() else {
        return Loaded::Missing;
    };
    match s.get_item(key) {
        Ok(Some(text)) => match serde_json::from_str(&text) {
            Ok(v) => Loaded::Found(v),
            Err(_) => {
                let _ = s.remove_item(key);
                Loaded::Corrupt
            }
        },
        _ => Loaded::Missing,
    }
}

/// Writes `value` as JSON under `key`.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    let s = storage().ok_or(StorageError::Unavailable)?;
    let text = serde_json::to_string(value).map_err(|e| StorageError::Other(e.to_string()))?;
    s.set_item(key, &text)
        .map_err(|e| StorageError::from_js(&e))
}

/// Like [`save`], but a failure becomes the page's notice instead of an error.
pub fn save_noticed<T: Serialize>(key: &str, value: &T) {
    if let Err(e) = save(key, value) {
        raise(e.notice());
    }
}

/// Removes `key`; nothing happens without storage.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Loads the saved preferences; missing, unreadable or blocked storage (for
/// example in a private window) gives the defaults.
pub fn load_prefs() -> Prefs {
    match load(PREFS_KEY) {
        Loaded::Found(p) => p,
        _ => Prefs::default(),
    }
}

/// Saves the preferences. Storage can be full or disabled; the page works
/// without it, so the error is returned for the caller to ignore or show.
pub fn save_prefs(prefs: &Prefs) -> Result<(), String> {
    save(PREFS_KEY, prefs).map_err(|e| {
        raise(e.notice());
        e.to_string()
    })
}

/// The settings remembered between visits. The as-of date is left out on
/// purpose: a check is almost always for today, and yesterday's date would
/// silently shift the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedSettings {
    pub window_days: u32,
    pub lag_days: u32,
    pub all_dates: bool,
    pub threshold_bp: u32,
    pub international: bool,
    pub marketplace: String,
    pub date_order: DateOrder,
    pub registry_edits: RegistryEdits,
}

impl Default for SavedSettings {
    fn default() -> Self {
        // Amazon's defaults; the date does not matter as it is not saved.
        let s = Settings::new(chrono::NaiveDate::default());
        SavedSettings {
            window_days: s.window_days,
            lag_days: s.lag_days,
            all_dates: s.all_dates,
            threshold_bp: s.threshold_bp,
            international: s.international,
            marketplace: s.marketplace,
            date_order: DateOrder::Auto,
            registry_edits: RegistryEdits::default(),
        }
    }
}

impl SavedSettings {
    /// What of the state is remembered.
    pub fn of_state(state: &AppState) -> SavedSettings {
        let mut out = state.settings.with_untracked(|s| SavedSettings {
            window_days: s.window_days,
            lag_days: s.lag_days,
            all_dates: s.all_dates,
            threshold_bp: s.threshold_bp,
            international: s.international,
            marketplace: s.marketplace.clone(),
            ..SavedSettings::default()
        });
        out.date_order = state.date_order.get_untracked();
        out.registry_edits = state.registry_edits.get_untracked();
        out
    }

    /// Puts the remembered values into the state, keeping its as-of date.
    /// Values a hand-edited store could make nonsensical are clamped to
    /// what the settings form accepts.
    pub fn apply(&self, state: &AppState) {
        state.settings.update(|s| {
            s.window_days = self.window_days.clamp(1, MAX_DAYS);
            s.lag_days = self.lag_days.min(MAX_DAYS);
            s.all_dates = self.all_dates;
            s.threshold_bp = self.threshold_bp.min(10_000);
            s.international = self.international;
            if is_country_code(&self.marketplace) {
                s.marketplace = self.marketplace.clone();
            }
        });
        state.date_order.set(self.date_order);
        state.registry_edits.set(self.registry_edits.clone());
    }
}

/// The largest window or lag the settings accept, in days.
pub const MAX_DAYS: u32 = 3650;

fn is_country_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Loads the saved settings (defaults, with a notice, when corrupt).
pub fn load_settings() -> SavedSettings {
    load(SETTINGS_KEY).or_default_noticed()
}

/// Saves the settings.
pub fn save_settings(settings: &SavedSettings) -> Result<(), StorageError> {
    save(SETTINGS_KEY, settings)
}

/// Restores the saved settings into `state`, then saves every later change.
/// Call once per page, from a component that is always mounted.
pub fn connect_settings(state: AppState) {
    load_settings().apply(&state);
    // The first run only records what was restored.
    let last = StoredValue::new(SavedSettings::of_state(&state));
    Effect::new(move |_| {
        // Subscribe to everything that is saved.
        state.settings.track();
        state.date_order.track();
        state.registry_edits.track();
        let now = SavedSettings::of_state(&state);
        if last.with_value(|l| *l != now) {
            last.set_value(now.clone());
            if let Err(e) = save_settings(&now) {
                raise(e.notice());
            }
        }
    });
}

/// Most header sets whose mapping is remembered; the oldest is forgotten.
pub const MAX_REMEMBERED_MAPPINGS: usize = 50;

/// Mappings the seller chose, by the hash of a file's normalised headers,
/// newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingMemory {
    pub entries: Vec<(String, Mapping)>,
}

pub use vtr_core::mapping::headers_key;

/// Every remembered mapping, newest first, for the engine to apply to files
/// with the same headers.
pub fn remembered_mappings() -> Vec<(String, Mapping)> {
    let memory: MappingMemory = load(MAPPINGS_KEY).or_default_noticed();
    memory.entries
}

/// The mapping remembered for files with these headers.
pub fn recall_mapping<S: AsRef<str>>(headers: &[S]) -> Option<Mapping> {
    let key = headers_key(headers);
    let memory: MappingMemory = load(MAPPINGS_KEY).or_default_noticed();
    memory
        .entries
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, m)| m)
}

/// Remembers `mapping` for files with these headers (`None` forgets it).
pub fn remember_mapping<S: AsRef<str>>(
    headers: &[S],
    mapping: Option<&Mapping>,
) -> Result<(), StorageError> {
    let key = headers_key(headers);
    let mut memory: MappingMemory = load(MAPPINGS_KEY).or_default_noticed();
    memory.entries.retain(|(k, _)| *k != key);
    if let Some(m) = mapping {
        memory.entries.insert(0, (key, m.clone()));
        memory.entries.truncate(MAX_REMEMBERED_MAPPINGS);
    }
    save(MAPPINGS_KEY, &memory)
}

/// The notice, if any, as a dismissable line (`data-testid="storage-notice"`).
#[component]
pub fn StorageNotice() -> impl IntoView {
    let lang = crate::state::use_state().lang;
    view! {
        {move || {
            notice()
                .map(|n| {
                    view! {
                        <p class="storage-notice" role="status" data-testid="storage-notice">
                            <span aria-hidden="true" class="storage-notice-icon">"ⓘ"</span>
                            <span>{move || crate::i18n::tr(lang.get(), n.text())}</span>
                            <button
                                type="button"
                                class="button small"
                                on:click=move |_| dismiss_notice()
                            >
                                {move || crate::i18n::tr(lang.get(), "Dismiss")}
                            </button>
                        </p>
                    }
                })
        }}
    }
}
