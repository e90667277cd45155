//! The warnings of `vtr-rules.md` section 6: facts about the data that
//! may make the prediction differ from Amazon's figure. A warning never
//! changes a verdict.

use serde::{Deserialize, Serialize};

/// The warnings of section 6: counted, never invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    ReusedTracking,
    WindowByFallbackDate,
    DuplicateRows,
    ValueUnknown,
}

impl Warning {
    pub const ALL: [Warning; 4] = [
        Warning::ReusedTracking,
        Warning::WindowByFallbackDate,
        Warning::DuplicateRows,
        Warning::ValueUnknown,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Warning::ReusedTracking => "reused_tracking",
            Warning::WindowByFallbackDate => "window_by_fallback_date",
            Warning::DuplicateRows => "duplicate_rows",
            Warning::ValueUnknown => "value_unknown",
        }
    }
}
