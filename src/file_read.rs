//! Getting the bytes of a user's file.
//!
//! Files are read as bytes, never as text: `FileReader.readAsText` and
//! `Blob.text()` assume UTF-8, while seller exports also come as GBK or
//! UTF-16, which the engine decodes itself.

use js_sys::Uint8Array;
use vtr_core::read::{load, FileInput, LoadOptions};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FileList};

use crate::state::MAX_FILE_BYTES;

/// What [`crate::state::Content::Failed`] holds for a file refused for its
/// size before reading; the file list shows it as a sentence with the limit.
pub const REFUSED_TOO_LARGE: &str = "vtr-check:too-large";

/// Whether a file of `size` bytes is refused before reading: the page keeps
/// the bytes in memory, and a browser tab cannot hold much more.
pub fn too_large(size: u64) -> bool {
    size > MAX_FILE_BYTES
}

/// The size of a `File` in bytes. The browser gives a double; file sizes
/// are whole numbers far below 2^53, and `as` saturates anything stranger.
pub fn size_of(file: &File) -> u64 {
    file.size() as u64
}

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

/// How much of a file [`headers_of`] reads: the engine looks for the header
/// among the first 64 KB too, so the answer is the same as for the file.
const HEADER_PREFIX: usize = 64 * 1024;

/// The column headers the engine finds in `bytes`, read from the start of
/// the file only, so a remembered mapping can be looked up before the
/// whole (possibly large) file is read. Empty when there is no header.
pub fn headers_of(bytes: &[u8]) -> Vec<String> {
    // An even length keeps UTF-16 text whole.
    let cut = bytes.len().min(HEADER_PREFIX) & !1;
    let prefix = if bytes.len() <= HEADER_PREFIX {
        bytes
    } else {
        bytes.get(..cut).unwrap_or(bytes)
    };
    let data = load(&[FileInput::new("", prefix)], &LoadOptions::default());
    data.files
        .into_iter()
        .next()
        .map(|f| f.headers)
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        assert!(!too_large(MAX_FILE_BYTES));
        assert!(too_large(MAX_FILE_BYTES + 1));
        assert!(too_large(2 * 1024 * 1024 * 1024));
        assert!(!too_large(0));
    }

    #[wasm_bindgen_test]
    fn headers_come_from_the_start_of_the_file() {
        let mut csv = b"Ref;Parcel\n".to_vec();
        for i in 0..20_000 {
            csv.extend_from_slice(format!("{i};1Z999AA10123456784\n").as_bytes());
        }
        assert!(csv.len() > HEADER_PREFIX);
        assert_eq!(headers_of(&csv), vec!["Ref", "Parcel"]);
        assert_eq!(headers_of(b""), Vec::<String>::new());
    }
}
