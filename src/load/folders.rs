//! Folders dropped on the page: the files inside them are added, those of
//! its subfolders too, through the browser's entries API
//! (`DataTransferItem.webkitGetAsEntry`). A folder dropped without it
//! would reach the engine as a file of no bytes the browser cannot read.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, ErrorCallback, File, FileSystemDirectoryEntry, FileSystemDirectoryReader,
    FileSystemEntry, FileSystemFileEntry,
};

/// One thing dropped: a file, or a folder to look into.
pub enum Dropped {
    File(File),
    Folder(FileSystemEntry),
}

/// What was dropped, in order. The items of a drop can only be read while
/// its event lasts, so this is called from the handler; the folders are
/// walked afterwards ([`files_of`]).
pub fn take(dt: &DataTransfer) -> Vec<Dropped> {
    let items = dt.items();
    let mut out = Vec::new();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else {
            continue;
        };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(entry)) if entry.is_directory() => out.push(Dropped::Folder(entry)),
            _ => {
                if let Ok(Some(f)) = item.get_as_file() {
                    out.push(Dropped::File(f));
                }
            }
        }
    }
    if out.is_empty() {
        // A browser without items: the plain file list.
        if let Some(list) = dt.files() {
            out.extend(
                crate::browser::files::files_of(&list)
                    .into_iter()
                    .map(Dropped::File),
            );
        }
    }
    out
}

/// The files of what was dropped, in order: each folder's files sorted by
/// their path inside it, hidden ones (`.DS_Store`, `._name`) left out.
pub async fn files_of(dropped: Vec<Dropped>) -> Vec<File> {
    let mut out = Vec::new();
    for d in dropped {
        match d {
            Dropped::File(f) => out.push(f),
            Dropped::Folder(entry) => {
                let mut found = walk(entry).await;
                found.sort_by(|a, b| a.0.cmp(&b.0));
                out.extend(found.into_iter().map(|(_, f)| f));
            }
        }
    }
    out
}

/// Every file under a folder, with its path.
async fn walk(root: FileSystemEntry) -> Vec<(String, File)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(entry) = stack.pop() {
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            let reader = dir.create_reader();
            // readEntries hands a folder's entries over in batches (100 at
            // a time in Chromium) until one comes back empty.
            while let Ok(batch) = read_batch(&reader).await {
                if batch.length() == 0 {
                    break;
                }
                for e in batch.iter() {
                    let e: FileSystemEntry = e.unchecked_into();
                    if !e.name().starts_with('.') {
                        stack.push(e);
                    }
                }
            }
        } else if entry.is_file() {
            let path = entry.full_path();
            let file_entry: FileSystemFileEntry = entry.unchecked_into();
            if let Ok(f) = file_of(&file_entry).await {
                out.push((path, f));
            }
        }
    }
    out
}

fn promise(start: impl FnOnce(&Function, &ErrorCallback) -> Result<(), JsValue>) -> Promise {
    let mut start = Some(start);
    Promise::new(&mut |resolve: Function, reject: Function| {
        if let Some(start) = start.take() {
            if let Err(e) = start(&resolve, reject.unchecked_ref::<ErrorCallback>()) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }
    })
}

async fn read_batch(reader: &FileSystemDirectoryReader) -> Result<Array, JsValue> {
    let p = promise(|ok, err| reader.read_entries_with_callback_and_error_callback(ok, err));
    Ok(JsFuture::from(p).await?.unchecked_into())
}

async fn file_of(entry: &FileSystemFileEntry) -> Result<File, JsValue> {
    let p = promise(|ok, err| {
        entry.file_with_callback_and_error_callback(ok, err);
        Ok(())
    });
    Ok(JsFuture::from(p).await?.unchecked_into())
}
