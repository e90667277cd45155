//! The page's state: the files the user has given it, each with what was
//! learned from it. Provided once by [`crate::app::App`] through context.

use leptos::prelude::*;

use crate::summary::{summarize, CsvSummary};

/// Where one file is on its way from "picked" to "counted".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileStatus {
    /// Bytes are still being read.
    Reading,
    /// Read and counted.
    Ready(CsvSummary),
    /// Unreadable or not CSV; the message is for the user.
    Failed(String),
}

/// One file the user added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    /// Stable key for the list, unique within the visit.
    pub id: u64,
    /// The file name as the browser reports it.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// What we know about the content so far.
    pub status: FileStatus,
}

/// Shared state of the page. Cheap to copy: it holds signal handles only.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The files, in the order they were added.
    pub files: RwSignal<Vec<LoadedFile>>,
    next_id: StoredValue<u64>,
}

impl AppState {
    /// Empty state, before any file.
    pub fn new() -> Self {
        Self {
            files: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(1),
        }
    }

    /// Adds a file that is still being read; returns its id for [`Self::finish`].
    pub fn start(&self, name: String, size: u64) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.files.update(|files| {
            files.push(LoadedFile {
                id,
                name,
                size,
                status: FileStatus::Reading,
            })
        });
        id
    }

    /// Records the outcome of reading file `id`: its bytes or the read error.
    pub fn finish(&self, id: u64, bytes: Result<Vec<u8>, String>) {
        let status = match bytes {
            Ok(bytes) => match summarize(&bytes) {
                Ok(summary) => FileStatus::Ready(summary),
                Err(err) => FileStatus::Failed(err.to_string()),
            },
            Err(why) => FileStatus::Failed(format!("The browser could not read this file: {why}")),
        };
        self.files.update(|files| {
            if let Some(file) = files.iter_mut().find(|f| f.id == id) {
                file.status = status;
            }
        });
    }

    /// Forgets every file.
    pub fn clear(&self) {
        self.files.set(Vec::new());
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
