//! The seller's files as the browser hands them over. Their bytes are
//! read by the engine worker, never here: the page passes `File` handles.

use web_sys::{File, FileList};

/// The files of a `FileList`, in order, skipping holes.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
