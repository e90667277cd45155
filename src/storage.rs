//! What the page remembers between visits, in `localStorage`.
//!
//! Only small preferences are kept here, never file contents: the product
//! promises that shipment data stays in memory for the visit. Keys carry a
//! version so a later format can ignore an old one instead of misreading it.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// The `localStorage` key of [`Prefs`].
pub const PREFS_KEY: &str = "vtr-check/prefs/v1";

/// User preferences that survive a reload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The user closed the "files stay in your browser" note.
    pub privacy_note_dismissed: bool,
    /// The language the user chose; the browser's when never chosen.
    pub lang: Option<crate::i18n::Lang>,
}

/// Loads the saved preferences; missing, unreadable or blocked storage (for
/// example in a private window) gives the defaults.
pub fn load_prefs() -> Prefs {
    LocalStorage::get(PREFS_KEY).unwrap_or_default()
}

/// Saves the preferences. Storage can be full or disabled; the page works
/// without it, so the error is returned for the caller to ignore or show.
pub fn save_prefs(prefs: &Prefs) -> Result<(), String> {
    LocalStorage::set(PREFS_KEY, prefs).map_err(|e| e.to_string())
}
