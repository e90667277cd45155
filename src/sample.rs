//! The sample shipment file behind "Try sample data", built into the wasm so
//! the button works offline and without a request.
//!
//! It is a synthetic order report (`vtr sample --rows 600 --seed 26 --end
//! 2026-11-11`): eight categories, three of them at risk, six invalid
//! reasons and five exclusions, so a newcomer sees every part of the page.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::state::{AppState, SourceFile};

/// File name shown for the sample, as if the user had picked it.
pub const SAMPLE_NAME: &str = "sample-shipments.csv";

/// The bytes of `sample/sample-shipments.csv`.
pub const SAMPLE_CSV: &[u8] = include_bytes!("../sample/sample-shipments.csv");

/// The day the sample is checked as of: its purchases end on 2026-11-11, so
/// with Amazon's 14-day lag its last dates fall at the end of the window.
/// On any other day most of the sample would be outside the window.
pub fn sample_as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// Whether `file` is the built-in sample (by name and size: a seller's own
/// file of the same name is not).
pub fn is_sample(file: &SourceFile) -> bool {
    file.name == SAMPLE_NAME && file.size == SAMPLE_CSV.len() as u64
}

/// The sample as a `File`, the way the engine reads every file.
pub fn sample_file() -> Option<web_sys::File> {
    let bytes = js_sys::Uint8Array::from(SAMPLE_CSV);
    let parts = js_sys::Array::of1(&bytes);
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("text/csv");
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, SAMPLE_NAME, &opts).ok()
}

/// Whether the sample is among the files.
pub fn sample_loaded(state: AppState) -> bool {
    state.files.with(|files| files.iter().any(is_sample))
}
