//! The sample shipment file behind "Try sample data", built into the wasm so
//! the button works offline and without a request.

/// File name shown for the sample, as if the user had picked it.
pub const SAMPLE_NAME: &str = "sample-shipments.csv";

/// The bytes of `sample/sample-shipments.csv`.
pub const SAMPLE_CSV: &[u8] = include_bytes!("../sample/sample-shipments.csv");
