//! The warnings of `vtr-rules.md` section 6: facts about the data that
//! may make the prediction differ from Amazon's figure. A warning never
//! changes a verdict.

use serde::{Deserialize, Serialize};

/// The warnings of section 6: counted, never invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// A tracking number that also stands on a package of another order.
    ReusedTracking,
    /// A package placed in the window by its ship or purchase date, for
    /// want of a promised delivery date.
    WindowByFallbackDate,
    /// A row dropped as an exact repeat of an earlier one.
    DuplicateRows,
    /// A package that a low value would have excluded, with no value to
    /// tell.
    ValueUnknown,
}

impl Warning {
    /// Every warning, in the order section 8 lists them.
    pub const ALL: [Warning; 4] = [
        Warning::ReusedTracking,
        Warning::WindowByFallbackDate,
        Warning::DuplicateRows,
        Warning::ValueUnknown,
    ];

    /// The warning's key in the JSON result, e.g. `"reused_tracking"`.
    pub fn key(self) -> &'static str {
        match self {
            Warning::ReusedTracking => "reused_tracking",
            Warning::WindowByFallbackDate => "window_by_fallback_date",
            Warning::DuplicateRows => "duplicate_rows",
            Warning::ValueUnknown => "value_unknown",
        }
    }
}
