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
    /// The rate is above the threshold (strictly, as Amazon states it).
    Ok,
    /// The rate is at or below the threshold: the seller can lose the right
    /// to sell seller-fulfilled items in the category.
    AtRisk,
    /// Nothing is considered, so there is no rate to judge.
    NoData,
}

impl Status {
    /// The status as section 8 writes it: `"ok"`, `"at_risk"`, `"no_data"`.
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
    /// The day the check was made for.
    pub as_of: NaiveDate,
    /// Window length in days.
    pub window_days: u32,
    /// Days between the window's end and `as_of`.
    pub lag_days: u32,
    /// The threshold as a fraction (0.95), for reading only: the statuses
    /// were decided on [`crate::Settings::threshold_bp`].
    pub threshold: f64,
    /// Whether the seller said they ship from abroad (a package can still
    /// fall under the international rule by its origin country).
    pub international: bool,
}

macro_rules! counts {
    ($(#[$m:meta])* $name:ident, $key:ty, {
        $($(#[$fm:meta])* $field:ident => $variant:path),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name { $($(#[$fm])* pub $field: u64),* }

        impl $name {
            /// Counts one more package (or row) under `key`.
            pub fn add(&mut self, key: $key) {
                match key { $($variant => self.$field += 1),* }
            }
            /// The count under `key`, for code that walks every key.
            pub fn get(&self, key: $key) -> u64 {
                match key { $($variant => self.$field),* }
            }
            /// All counts added up.
            pub fn total(&self) -> u64 {
                0 $(+ self.$field)*
            }
        }
    };
}

counts!(
    /// Packages not counted, by the exclusion that matched first.
    ExcludedCounts, Exclusion, {
    /// Fulfilled by Amazon (FBA): VTR covers seller-fulfilled orders only.
    amazon_fulfilled => Exclusion::AmazonFulfilled,
    /// Orders cancelled, pending or not yet shipped.
    not_shipped => Exclusion::NotShipped,
    /// Digital products.
    digital => Exclusion::Digital,
    /// No window date while the window is on.
    undated => Exclusion::Undated,
    /// Window date before or after the window.
    outside_window => Exclusion::OutsideWindow,
    /// Freight with a carrier Amazon is not integrated with.
    freight_non_integrated => Exclusion::FreightNonIntegrated,
    /// USPS letters and flats under the small-envelope limit.
    small_envelope => Exclusion::SmallEnvelope,
    /// International packages at or below the international limit.
    international_low_value => Exclusion::InternationalLowValue,
});

counts!(
    /// Considered packages whose tracking is invalid, by the first failing check.
    InvalidCounts, InvalidReason, {
    /// No tracking number, or a placeholder such as `N/A`.
    missing_tracking => InvalidReason::MissingTracking,
    /// Numbers a spreadsheet turned into `9.4E+21` or `...123.0`.
    spreadsheet_mangled => InvalidReason::SpreadsheetMangled,
    /// No carrier given.
    missing_carrier => InvalidReason::MissingCarrier,
    /// Carrier typed in Chinese characters.
    chinese_carrier_name => InvalidReason::ChineseCarrierName,
    /// A carrier Amazon cannot track.
    unsupported_carrier => InvalidReason::UnsupportedCarrier,
    /// "Other" chosen for a carrier Amazon's list offers.
    other_with_listed_carrier => InvalidReason::OtherWithListedCarrier,
    /// A number of another carrier than the one declared.
    carrier_mismatch => InvalidReason::CarrierMismatch,
    /// A number that fits no format of its carrier.
    malformed_tracking => InvalidReason::MalformedTracking,
    /// Scan evidence says the carrier never scanned it.
    no_carrier_scan => InvalidReason::NoCarrierScan,
});

counts!(
    /// Warning counts.
    Warnings, Warning, {
    /// Packages whose number is also on another order's package.
    reused_tracking => Warning::ReusedTracking,
    /// Packages placed by a ship or purchase date.
    window_by_fallback_date => Warning::WindowByFallbackDate,
    /// Rows dropped as exact repeats (rows, not packages).
    duplicate_rows => Warning::DuplicateRows,
    /// Considered packages whose unknown value could have excluded them.
    value_unknown => Warning::ValueUnknown,
});

/// One product category's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryResult {
    /// The category as written (trimmed), or [`UNCATEGORISED`].
    pub category: String,
    /// Packages of the category that count (not excluded).
    pub considered: u64,
    /// Considered packages with valid tracking.
    pub valid: u64,
    /// `valid / considered` for display; `None` when nothing is considered.
    pub vtr: Option<f64>,
    /// Standing against the threshold, decided in integers.
    pub status: Status,
    /// Invalid packages to correct before the category is `ok`.
    pub fixes_needed: u64,
}

/// One carrier's figures: recognised name, else the name as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierResult {
    /// The registry's name, else the carrier as written ("Other (name)"
    /// for a typed name, "(none)" for no carrier).
    pub carrier: String,
    /// Packages under this carrier that count.
    pub considered: u64,
    /// Of those, the packages with valid tracking.
    pub valid: u64,
}

/// Considered and valid packages of a segment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentResult {
    /// Packages of the segment that count.
    pub considered: u64,
    /// Of those, the packages with valid tracking.
    pub valid: u64,
}

/// Groups of packages reported apart (section 7); their packages stay in
/// every other figure too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segments {
    /// Premium Shipping packages, which Amazon holds to other targets.
    pub premium: SegmentResult,
}

/// The machine-readable result of section 8, key for key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The settings the result was computed with.
    pub settings: SettingsEcho,
    /// The days whose packages count.
    pub window: Window,
    /// Data rows read, duplicates included (section 2).
    pub rows: u64,
    /// Packages after grouping rows, before any exclusion.
    pub packages: u64,
    /// Packages not counted, by reason.
    pub excluded: ExcludedCounts,
    /// Packages that count: `valid` plus every invalid reason.
    pub considered: u64,
    /// Considered packages with valid tracking.
    pub valid: u64,
    /// Considered packages with invalid tracking, by reason.
    pub invalid: InvalidCounts,
    /// The exact `valid / considered` for display; `None` when nothing is
    /// considered.
    pub vtr: Option<f64>,
    /// `ok` only when every category with data is.
    pub status: Status,
    /// The categories' fixes added up.
    pub fixes_needed: u64,
    /// Every category with a considered package, by name.
    pub categories: Vec<CategoryResult>,
    /// Every carrier with a considered package, most packages first.
    pub carriers: Vec<CarrierResult>,
    /// Groups reported apart.
    pub segments: Segments,
    /// Things counted but never invalid.
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
