//! Mappings the seller chose, remembered for files with the same headers.

use serde::{Deserialize, Serialize};
use vtr_core::mapping::{headers_key, Mapping};

use crate::browser::storage::{self, StorageError};

/// The `localStorage` key of the remembered mappings ([`MappingMemory`]).
pub const MAPPINGS_KEY: &str = "vtr-check/mappings/v1";

/// Most header sets whose mapping is remembered; the oldest is forgotten.
pub const MAX_REMEMBERED_MAPPINGS: usize = 50;

/// Mappings the seller chose, by the hash of a file's normalised headers,
/// newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingMemory {
    /// (headers key, mapping), newest first.
    pub entries: Vec<(String, Mapping)>,
}

/// Every remembered mapping, newest first, for the engine to apply to files
/// with the same headers.
pub fn remembered_mappings() -> Vec<(String, Mapping)> {
    super::load_or_default::<MappingMemory>(MAPPINGS_KEY).entries
}

/// The mapping remembered for files with these headers.
pub fn recall_mapping<S: AsRef<str>>(headers: &[S]) -> Option<Mapping> {
    let key = headers_key(headers);
    remembered_mappings()
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
    let mut memory: MappingMemory = super::load_or_default(MAPPINGS_KEY);
    memory.entries.retain(|(k, _)| *k != key);
    if let Some(m) = mapping {
        memory.entries.insert(0, (key, m.clone()));
        memory.entries.truncate(MAX_REMEMBERED_MAPPINGS);
    }
    storage::save(MAPPINGS_KEY, &memory)
}
