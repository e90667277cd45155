//! Shared helpers for the engine's integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use vtr_core::carrier::check_digit::mod10;
use vtr_core::result::Summary;
use vtr_core::{analyze, load, Analysis, Dataset, FileInput, LoadOptions, Registry, Settings};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Amazon's defaults as of 2026-11-25: the window is 2026-10-13..=2026-11-11.
pub fn settings() -> Settings {
    Settings::new(date("2026-11-25"))
}

/// A valid UPS 1Z number from a 15-character serial.
pub fn ups(serial: &str) -> String {
    let c = mod10(serial.as_bytes(), 1, 2).unwrap();
    format!("1Z{serial}{c}")
}

/// A valid 20-digit USPS number from a 19-digit serial.
pub fn usps(serial: &str) -> String {
    let c = mod10(serial.as_bytes(), 3, 1).unwrap();
    format!("{serial}{c}")
}

/// The n-th distinct valid UPS number.
pub fn ups_n(n: usize) -> String {
    ups(&format!("999AA1{n:09}"))
}

pub fn load_str(files: &[(&str, &str)]) -> Dataset {
    let inputs: Vec<FileInput> = files
        .iter()
        .map(|(n, t)| FileInput::new(n, t.as_bytes()))
        .collect();
    load(&inputs, &LoadOptions::default())
}

pub fn run_with(csv: &str, s: &Settings) -> (Dataset, Analysis) {
    let data = load_str(&[("test.csv", csv)]);
    for f in data.files() {
        assert!(f.error.is_none(), "{:?}", f.error);
    }
    let a = analyze(&data, s, &Registry::default());
    (data, a)
}

pub fn run(csv: &str) -> Summary {
    run_with(csv, &settings()).1.summary
}

/// Checks the two identities every result must satisfy.
pub fn assert_consistent(s: &Summary) {
    assert_eq!(
        s.valid + s.invalid.total(),
        s.considered,
        "valid + invalid = considered"
    );
    assert_eq!(
        s.considered + s.excluded.total(),
        s.packages,
        "considered + excluded = packages"
    );
}
