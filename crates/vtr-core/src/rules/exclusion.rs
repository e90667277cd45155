//! The exclusions of section 3, as predicates over a package's text.
//! Their order, first match wins, lives in [`crate::rules::outcome`].

use serde::{Deserialize, Serialize};

/// Why a package is not counted at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Fulfilled by Amazon (AFN, FBA): VTR covers seller-fulfilled orders only.
    AmazonFulfilled,
    /// The order is cancelled, pending or not yet shipped.
    NotShipped,
    /// A digital product: nothing to track.
    Digital,
    /// The window is on but the package has no promised delivery, ship or
    /// purchase date to place it by.
    Undated,
    /// Its window date lies outside the window.
    OutsideWindow,
    /// Shipped by freight with a carrier Amazon is not integrated with.
    FreightNonIntegrated,
    /// A USPS letter or flat whose value is below the small-envelope limit
    /// ($10.00 by default).
    SmallEnvelope,
    /// The international rule applies and the value is at or below its
    /// limit ($5.00 by default).
    InternationalLowValue,
}

impl Exclusion {
    /// In the order the rules apply them.
    pub const ALL: [Exclusion; 8] = [
        Exclusion::AmazonFulfilled,
        Exclusion::NotShipped,
        Exclusion::Digital,
        Exclusion::Undated,
        Exclusion::OutsideWindow,
        Exclusion::FreightNonIntegrated,
        Exclusion::SmallEnvelope,
        Exclusion::InternationalLowValue,
    ];

    /// The exclusion's key in the JSON result, e.g. `"amazon_fulfilled"`.
    pub fn key(self) -> &'static str {
        match self {
            Exclusion::AmazonFulfilled => "amazon_fulfilled",
            Exclusion::NotShipped => "not_shipped",
            Exclusion::Digital => "digital",
            Exclusion::Undated => "undated",
            Exclusion::OutsideWindow => "outside_window",
            Exclusion::FreightNonIntegrated => "freight_non_integrated",
            Exclusion::SmallEnvelope => "small_envelope",
            Exclusion::InternationalLowValue => "international_low_value",
        }
    }

    /// The exclusion with this [`Exclusion::key`] (exactly, as JSON and
    /// saved filters write it).
    pub fn from_key(key: &str) -> Option<Exclusion> {
        Exclusion::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Lower-case letters and digits only: "Fulfilled by Amazon" -> "fulfilledbyamazon".
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower-case words split on anything that is not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Fulfilment channel says Amazon: AFN, Amazon, FBA, "Fulfilled by Amazon".
/// Amazon's reports also write `Amazon_NA`, `Amazon_EU`: the channel is
/// Amazon's when the text starts with it.
pub fn is_amazon_channel(channel: &str) -> bool {
    let s = squash(channel);
    matches!(s.as_str(), "afn" | "fba" | "fulfilledbyamazon") || s.starts_with("amazon")
}

/// Cancelled/Canceled, Pending, Unshipped, PendingAvailability, any case.
pub fn is_not_shipped(status: &str) -> bool {
    matches!(
        squash(status).as_str(),
        "cancelled" | "canceled" | "pending" | "unshipped" | "pendingavailability"
    )
}

/// Ship method or category says digital.
pub fn is_digital(text: &str) -> bool {
    let s = text.to_lowercase();
    ["digital", "download", "kindle"]
        .iter()
        .any(|w| s.contains(w))
}

/// Ship method, service or option mentions freight, LTL, FTL or truckload.
/// LTL and FTL are matched as whole words so that "FTL" never fires inside
/// another word.
pub fn mentions_freight(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("freight") || lower.contains("truckload") {
        return true;
    }
    words(text).any(|w| w == "ltl" || w == "ftl")
}

/// Envelope class (section 3): service text with "standard mail", or
/// "first class"/"first-class" with letter, envelope, flat or large envelope.
/// A service saying package, parcel or ground advantage never is.
pub fn is_envelope_service(service: &str) -> bool {
    let s = service.to_lowercase().replace(['-', '_'], " ");
    if s.contains("package") || s.contains("parcel") || s.contains("ground advantage") {
        return false;
    }
    if s.contains("standard mail") {
        return true;
    }
    let first_class = s.contains("first class");
    first_class && ["letter", "envelope", "flat"].iter().any(|w| s.contains(w))
}

/// A package-type column saying envelope, letter, flat or large envelope.
pub fn is_envelope_package_type(package_type: &str) -> bool {
    let s = package_type.to_lowercase();
    if s.contains("package") || s.contains("parcel") {
        return false;
    }
    words(package_type).any(|w| {
        matches!(
            w.as_str(),
            "envelope" | "letter" | "flat" | "flats" | "letters" | "envelopes"
        )
    })
}

/// Ship option, service level or method says Premium (section 7).
pub fn is_premium(text: &str) -> bool {
    text.to_lowercase().contains("premium")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels() {
        for yes in [
            "AFN",
            "Amazon",
            "FBA",
            "Fulfilled by Amazon",
            "amazon_na",
            "fba",
        ] {
            assert!(is_amazon_channel(yes), "{yes}");
        }
        for no in ["MFN", "Merchant", "", "Seller Fulfilled Prime"] {
            assert!(!is_amazon_channel(no), "{no}");
        }
    }

    #[test]
    fn statuses() {
        for yes in [
            "Cancelled",
            "canceled",
            "PENDING",
            "Unshipped",
            "PendingAvailability",
            "Pending Availability",
        ] {
            assert!(is_not_shipped(yes), "{yes}");
        }
        for no in ["Shipped", "", "Delivered", "Partially Shipped"] {
            assert!(!is_not_shipped(no), "{no}");
        }
    }

    #[test]
    fn freight_words() {
        assert!(mentions_freight("LTL Freight"));
        assert!(mentions_freight("ltl"));
        assert!(mentions_freight("Full Truckload"));
        assert!(mentions_freight("FTL service"));
        assert!(!mentions_freight("Ground"));
        assert!(!mentions_freight("SOFTLINE"));
    }

    #[test]
    fn envelope_class() {
        assert!(is_envelope_service("USPS Standard Mail"));
        assert!(is_envelope_service("First Class Mail Letter"));
        assert!(is_envelope_service("First-Class Large Envelope"));
        assert!(is_envelope_service("first class flat"));
        assert!(!is_envelope_service("First Class Package"));
        assert!(!is_envelope_service("First-Class Mail Parcel"));
        assert!(!is_envelope_service("Ground Advantage"));
        assert!(!is_envelope_service("First Class"));
        assert!(is_envelope_package_type("Large Envelope"));
        assert!(is_envelope_package_type("Letter"));
        assert!(is_envelope_package_type("flat"));
        assert!(!is_envelope_package_type("Package"));
        assert!(!is_envelope_package_type("Box"));
    }

    #[test]
    fn digital_and_premium() {
        assert!(is_digital("Digital Music"));
        assert!(is_digital("Kindle Store"));
        assert!(is_digital("download"));
        assert!(!is_digital("Toys"));
        assert!(is_premium("Premium Shipping"));
        assert!(!is_premium("Standard"));
    }
}
