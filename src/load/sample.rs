//! The sample shipment file behind "Try sample data": a file of the page's
//! own (`sample-shipments.csv` beside `index.html`), fetched only when
//! the button is pressed, so the first screen does not carry it.
//!
//! It is a synthetic order report (`vtr sample --rows 600 --seed 26 --end
//! 2026-11-11`): eight categories, three of them at risk, six invalid
//! reasons and five exclusions, so a newcomer sees every part of the page.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::state::{AppState, SourceFile};

/// File name shown for the sample, as if the user had picked it.
pub const SAMPLE_NAME: &str = "sample-shipments.csv";

/// The size of `sample/sample-shipments.csv`, to tell the sample from a
/// seller's file of the same name.
pub const SAMPLE_SIZE: u64 = 232_194;

/// The day the sample is checked as of: its purchases end on 2026-11-11, so
/// with Amazon's 14-day lag its last dates fall at the end of the window.
/// On any other day most of the sample would be outside the window.
pub fn sample_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// Whether `file` is the built-in sample (by name and size: a seller's own
/// file of the same name is not).
pub fn is_sample(file: &SourceFile) -> bool {
    file.size == SAMPLE_SIZE && file.name.with_value(|n| n == SAMPLE_NAME)
}

/// Fetches the sample from the page's own files, as a `File`, the way the
/// engine reads every file.
pub async fn sample_file() -> Result<web_sys::File, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("text/csv");
    // The single-file build carries the sample inside the page, as the
    // Blob `globalThis.vtrSample`; served, the page fetches its own file.
    if let Some(blob) = js_sys::Reflect::get(&js_sys::global(), &"vtrSample".into())
        .ok()
        .and_then(|v| v.dyn_into::<web_sys::Blob>().ok())
    {
        let parts = js_sys::Array::of1(&blob);
        return web_sys::File::new_with_blob_sequence_and_options(&parts, SAMPLE_NAME, &opts)
            .map_err(|e| format!("{e:?}"));
    }
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(SAMPLE_NAME))
        .await
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let blob = JsFuture::from(response.blob().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let parts = js_sys::Array::of1(&blob);
    web_sys::File::new_with_blob_sequence_and_options(&parts, SAMPLE_NAME, &opts)
        .map_err(|e| format!("{e:?}"))
}

/// Whether the sample is among the files.
pub fn sample_loaded(state: AppState) -> bool {
    state.files.with(|files| files.iter().any(is_sample))
}
