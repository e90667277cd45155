//! User preferences that survive a reload: the language and the closed
//! privacy note.

use serde::{Deserialize, Serialize};

use crate::browser::storage::{self, Loaded};
use crate::i18n::Lang;

/// The `localStorage` key of [`Prefs`].
pub const PREFS_KEY: &str = "vtr-check/prefs/v1";

/// User preferences that survive a reload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The user closed the "files stay in your browser" note.
    pub privacy_note_dismissed: bool,
    /// The language the user chose; the browser's when never chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// Loads the saved preferences; missing, unreadable or blocked storage (for
/// example in a private window) gives the defaults, silently: nothing the
/// seller chose is lost that a notice could bring back.
pub fn load_prefs() -> Prefs {
    match storage::load(PREFS_KEY) {
        Loaded::Found(p) => p,
        _ => Prefs::default(),
    }
}

/// Changes the saved preferences with `f`. Failing to remember only means
/// the browser's defaults next visit, so a failure raises the notice and
/// nothing else.
pub fn update_prefs(f: impl FnOnce(&mut Prefs)) {
    let mut prefs = load_prefs();
    f(&mut prefs);
    super::notice::raise_on_error(storage::save(PREFS_KEY, &prefs));
}
