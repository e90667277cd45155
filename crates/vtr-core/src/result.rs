//! From verdicts to the numbers a seller reads: counts, rates, status and
//! fixes needed (sections 6 to 8). The [`Summary`] is exactly the
//! machine-readable object of section 8.

use crate::rules::exclusion::Exclusion;
use crate::rules::validity::InvalidReason;
use crate::rules::warning::Warning;
use crate::window::Window;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The category of a package whose category is empty or unmapped.
pub const UNCATEGORISED: &str = "(uncategorised)";

/// A category's (or the whole result's) standing against the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    AtRisk,
    NoData,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::AtRisk => "at_risk",
            Status::NoData => "no_data",
        }
    }
}

/// `ok` when `valid / considered > threshold`, compared in integers as
/// `valid * 10000 > threshold_bp * considered` (section 7).
pub fn status_of(valid: u64, considered: u64, threshold_bp: u32) -> Status {
    if considered == 0 {
        Status::NoData
    } else if u128::from(valid) * 10_000 > u128::from(threshold_bp) * u128::from(considered) {
        Status::Ok
    } else {
        Status::AtRisk
    }
}

/// The fewest invalid packages that, corrected, make the rate exceed the
/// threshold. When even fixing all of them would not (a 100% threshold),
/// it is all of them: there is nothing more the seller can fix.
pub fn fixes_needed(valid: u64, considered: u64, threshold_bp: u32) -> u64 {
    if considered == 0 {
        return 0;
    }
    // The smallest v with v * 10000 > t * c is floor(t * c / 10000) + 1.
    let needed = u128::from(threshold_bp) * u128::from(considered) / 10_000 + 1;
    let short = needed.saturating_sub(u128::from(valid));
    let invalid = considered.saturating_sub(valid);
    u64::try_from(short).unwrap_or(u64::MAX).min(invalid)
}

pub(crate) fn ratio(valid: u64, considered: u64) -> Option<f64> {
    // Display only: every decision above is made in integers.
    (considered > 0).then(|| valid as f64 / considered as f64)
}

/// The settings as section 8 echoes them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsEcho {
    pub as_of: NaiveDate,
    pub window_days: u32,
    pub lag_days: u32,
    pub threshold: f64,
    pub international: bool,
}

macro_rules! counts {
    ($(#[$m:meta])* $name:ident, $key:ty, { $($field:ident => $variant:path),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name { $(pub $field: u64),* }

        impl $name {
            pub fn add(&mut self, key: $key) {
                match key { $($variant => self.$field += 1),* }
            }
            pub fn get(&self, key: $key) -> u64 {
                match key { $($variant => self.$field),* }
            }
            pub fn total(&self) -> u64 {
                0 $(+ self.$field)*
            }
        }
    };
}

counts!(
    /// Packages not counted, by the exclusion that matched first.
    ExcludedCounts, Exclusion, {
    amazon_fulfilled => Exclusion::AmazonFulfilled,
    not_shipped => Exclusion::NotShipped,
    digital => Exclusion::Digital,
    undated => Exclusion::Undated,
    outside_window => Exclusion::OutsideWindow,
    freight_non_integrated => Exclusion::FreightNonIntegrated,
    small_envelope => Exclusion::SmallEnvelope,
    international_low_value => Exclusion::InternationalLowValue,
});

counts!(
    /// Considered packages whose tracking is invalid, by the first failing check.
    InvalidCounts, InvalidReason, {
    missing_tracking => InvalidReason::MissingTracking,
    spreadsheet_mangled => InvalidReason::SpreadsheetMangled,
    missing_carrier => InvalidReason::MissingCarrier,
    chinese_carrier_name => InvalidReason::ChineseCarrierName,
    unsupported_carrier => InvalidReason::UnsupportedCarrier,
    other_with_listed_carrier => InvalidReason::OtherWithListedCarrier,
    carrier_mismatch => InvalidReason::CarrierMismatch,
    malformed_tracking => InvalidReason::MalformedTracking,
    no_carrier_scan => InvalidReason::NoCarrierScan,
});

counts!(
    /// Warning counts.
    Warnings, Warning, {
    reused_tracking => Warning::ReusedTracking,
    window_by_fallback_date => Warning::WindowByFallbackDate,
    duplicate_rows => Warning::DuplicateRows,
    value_unknown => Warning::ValueUnknown,
});

/// One product category's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryResult {
    pub category: String,
    pub considered: u64,
    pub valid: u64,
    pub vtr: Option<f64>,
    pub status: Status,
    pub fixes_needed: u64,
}

/// One carrier's figures: recognised name, else the name as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierResult {
    pub carrier: String,
    pub considered: u64,
    pub valid: u64,
}

/// Considered and valid packages of a segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentResult {
    pub considered: u64,
    pub valid: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segments {
    pub premium: SegmentResult,
}

/// The machine-readable result of section 8, key for key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub settings: SettingsEcho,
    pub window: Window,
    pub rows: u64,
    pub packages: u64,
    pub excluded: ExcludedCounts,
    pub considered: u64,
    pub valid: u64,
    pub invalid: InvalidCounts,
    pub vtr: Option<f64>,
    pub status: Status,
    pub fixes_needed: u64,
    pub categories: Vec<CategoryResult>,
    pub carriers: Vec<CarrierResult>,
    pub segments: Segments,
    pub warnings: Warnings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amazon_worked_example_200_confirmed_190_valid() {
        // 190 / 200 = 95%, which is not above 95%: at risk, one fix needed.
        assert_eq!(status_of(190, 200, 9500), Status::AtRisk);
        assert_eq!(fixes_needed(190, 200, 9500), 1);
        assert_eq!(status_of(191, 200, 9500), Status::Ok);
        assert_eq!(fixes_needed(191, 200, 9500), 0);
    }

    #[test]
    fn fixes_needed_edges() {
        assert_eq!(fixes_needed(0, 0, 9500), 0);
        assert_eq!(status_of(0, 0, 9500), Status::NoData);
        assert_eq!(fixes_needed(0, 1, 9500), 1);
        assert_eq!(fixes_needed(0, 20, 9500), 20);
        assert_eq!(fixes_needed(19, 20, 9500), 1);
        assert_eq!(status_of(20, 20, 9500), Status::Ok);
        // 100% can never be exceeded: every invalid package is still a fix.
        assert_eq!(fixes_needed(7, 10, 10_000), 3);
        assert_eq!(status_of(10, 10, 10_000), Status::AtRisk);
        // 1000 considered at 95%: need 951 valid.
        assert_eq!(fixes_needed(900, 1000, 9500), 51);
    }
}
