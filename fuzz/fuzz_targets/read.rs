//! `make fuzz`: the read checks of `crates/vtr-core/tests/fuzz_checks` on
//! what libFuzzer makes.
#![no_main]

#[path = "../../crates/vtr-core/tests/fuzz_checks/mod.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::read(data));
