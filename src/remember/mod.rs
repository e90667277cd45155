//! What the page keeps between visits, and when: preferences, settings,
//! the mappings a seller chose and past checks (in `localStorage`), and
//! the last check with its files (in IndexedDB, [`last_check`]). Every key carries a
//! version so a later format can ignore an old one instead of misreading
//! it. Storage is a convenience, never a requirement: a failure ends in
//! the defaults and, where the seller would wonder, a [`notice::Notice`].

pub mod history;
pub mod last_check;
pub mod mappings;
pub mod notice;
pub mod prefs;
pub mod settings;

use serde::de::DeserializeOwned;

use crate::browser::storage::{self, Loaded};

/// Reads `key`: the value, or the default, raising [`notice::Notice::Reset`]
/// when what was saved could not be read.
pub fn load_or_default<T: DeserializeOwned + Default>(key: &str) -> T {
    match storage::load(key) {
        Loaded::Found(v) => v,
        Loaded::Missing => T::default(),
        Loaded::Corrupt => {
            notice::raise(notice::Notice::Reset);
            T::default()
        }
    }
}
