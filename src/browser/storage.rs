//! The raw layer over the browser's `localStorage`, through gloo-storage:
//! JSON values under versioned keys, and errors sorted into what a seller
//! can be told. What is kept, and when, is decided in [`crate::remember`].
//!
//! Storage may be blocked (private windows, strict cookie settings), full,
//! or hold something an older or newer page wrote; none of these panics.

use gloo_storage::errors::StorageError as GlooError;
use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

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

    fn from_gloo(e: GlooError) -> StorageError {
        match e {
            GlooError::JsError(js) => StorageError::from_js_name(&js.name, &js.message),
            other => StorageError::Other(other.to_string()),
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

/// Whether the page may use `localStorage` at all. gloo-storage throws
/// where the browser refuses it (reading `window.localStorage` itself
/// throws when storage is blocked), so every call asks this first.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok())
        .flatten()
        .is_some()
}

/// What reading a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing saved (or no storage).
    Missing,
    /// A value that is not valid for this version; it has been removed so
    /// the seller hears about it only once.
    Corrupt,
    /// The saved value.
    Found(T),
}

/// Reads and parses `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Loaded<T> {
    if !available() {
        return Loaded::Missing;
    }
    match LocalStorage::get(key) {
        Ok(v) => Loaded::Found(v),
        Err(GlooError::KeyNotFound(_)) | Err(GlooError::JsError(_)) => Loaded::Missing,
        Err(GlooError::SerdeError(_)) => {
            LocalStorage::delete(key);
            Loaded::Corrupt
        }
    }
}

/// Writes `value` as JSON under `key`.
pub fn save<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::set(key, value).map_err(StorageError::from_gloo)
}

/// Removes `key`; nothing happens without storage.
pub fn remove(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// Removes every key this page wrote (those starting `vtr-check/`), and
/// nothing another page on the same origin keeps.
pub fn remove_all_ours() {
    if !available() {
        return;
    }
    let Some(raw) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let n = raw.length().unwrap_or(0);
    let ours: Vec<String> = (0..n)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for k in ours {
        let _ = raw.remove_item(&k);
    }
}

/// What every key of this page starts with.
pub const KEY_PREFIX: &str = "vtr-check/";
