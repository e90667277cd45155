//! Getting the bytes of a user's file.
//!
//! Files are read as bytes, never as text: `FileReader.readAsText` and
//! `Blob.text()` assume UTF-8, while seller exports also come as GBK or
//! UTF-16, which the engine decodes itself.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FileList};

/// Reads the whole of `blob` (a `File` is a `Blob`) into memory.
///
/// Fails with the browser's message when the file cannot be read, for
/// example when it was deleted or changed after it was picked.
pub async fn read_bytes(blob: &Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|e| js_message(&e))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The files of a `FileList`, in order, skipping holes.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// A short description of a JavaScript error value.
fn js_message(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "the browser could not read this file".to_owned())
}
