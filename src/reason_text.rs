//! What each exclusion, invalid reason and warning means and how to fix
//! it, in English (translated through [`crate::i18n::tr`]).

/// A short label for a reason or warning key, e.g. "Missing tracking".
pub fn label(key: &str) -> &'static str {
    match key {
        "amazon_fulfilled" => "Fulfilled by Amazon",
        "not_shipped" => "Not shipped",
        "digital" => "Digital",
        "undated" => "No date",
        "outside_window" => "Outside the window",
        "freight_non_integrated" => "Freight, carrier not integrated",
        "small_envelope" => "Small USPS envelope",
        "international_low_value" => "International, $5 or less",
        "missing_tracking" => "Missing tracking",
        "spreadsheet_mangled" => "Damaged by a spreadsheet",
        "missing_carrier" => "Missing carrier",
        "chinese_carrier_name" => "Carrier in Chinese",
        "unsupported_carrier" => "Unsupported carrier",
        "other_with_listed_carrier" => "\"Other\" with a listed carrier",
        "carrier_mismatch" => "Wrong carrier",
        "malformed_tracking" => "Malformed number",
        "no_carrier_scan" => "No carrier scan",
        "reused_tracking" => "Reused tracking",
        "window_by_fallback_date" => "Placed by ship or order date",
        "duplicate_rows" => "Duplicate rows",
        "value_unknown" => "Value unknown",
        _ => "Other",
    }
}

/// What a reason or warning means, in a sentence or two a seller can act
/// on. Unknown keys get an empty text, so a new engine key never panics.
pub fn explanation(key: &str) -> &'static str {
    match key {
        "amazon_fulfilled" => "Amazon shipped it (FBA), so it does not count toward your VTR.",
        "not_shipped" => "Cancelled or not shipped yet: only shipped and confirmed packages count.",
        "digital" => "A digital product has nothing to track, so it does not count.",
        "undated" => "It has no promised delivery, ship or order date, so it cannot be placed in the window.",
        "outside_window" => "Its promised delivery date falls outside the window being checked, so it does not count now.",
        "freight_non_integrated" => "Shipped by freight with a carrier that is not integrated with Amazon: Amazon does not count it.",
        "small_envelope" => "A small item under $10 including shipping, sent in a USPS Standard Mail or First Class envelope: Amazon does not count it.",
        "international_low_value" => "An international order of $5.00 or less including shipping: tracking is not required.",
        "missing_tracking" => "No tracking number was confirmed, or it is a placeholder such as N/A or 0.",
        "spreadsheet_mangled" => "A spreadsheet changed the number: it shows as scientific notation (9.4001E+21) or ends in .0, so digits are lost.",
        "missing_carrier" => "No carrier was chosen, so Amazon cannot look the number up.",
        "chinese_carrier_name" => "The carrier name is typed in Chinese characters, which Amazon cannot match to a carrier.",
        "unsupported_carrier" => "The carrier is not one Amazon can track, or \"Other\" was chosen with a name Amazon does not know.",
        "other_with_listed_carrier" => "\"Other\" was chosen and a carrier's name typed in, but that carrier is in Amazon's list: Amazon counts this as invalid.",
        "carrier_mismatch" => "The number belongs to a different carrier than the one chosen, so the chosen carrier cannot find it.",
        "malformed_tracking" => "The number does not have the carrier's format or check digit, or has characters a tracking number cannot have.",
        "no_carrier_scan" => "The carrier never scanned the package, so the tracking is not valid even if the number is right.",
        "reused_tracking" => "The same tracking number is on packages of different orders. Amazon may not accept a reused number.",
        "window_by_fallback_date" => "No promised delivery date was given, so the package was placed in the window by its ship or order date. Amazon uses the promised delivery date, so a few packages may fall in another window.",
        "duplicate_rows" => "Rows that repeat an earlier row exactly were read once, not twice.",
        "value_unknown" => "The package could be a low-value envelope or international order that does not count, but its value is unknown, so it was counted.",
        _ => "",
    }
}

/// What to do about a reason or warning. Amazon's Edit Shipment steps are
/// spelled out where they apply, since that is where every fix is made.
pub fn fix(key: &str) -> &'static str {
    match key {
        "amazon_fulfilled" | "digital" | "freight_non_integrated" | "small_envelope"
        | "international_low_value" => "Nothing to do.",
        "not_shipped" => "Nothing to do. If it did ship, confirm the shipment with its tracking number.",
        "undated" => "Export the promised delivery date (or the ship date) with your orders.",
        "outside_window" => "Nothing to do now. Change the as-of date, or check all dates, to include it.",
        "missing_tracking" => "In Seller Central go to Orders > Manage Orders, find the order and choose Edit Shipment before the delivery date, then enter the number exactly as on the label. Changes show in Amazon's reports after 72 hours.",
        "spreadsheet_mangled" => "Re-enter the number from the label in Edit Shipment (Orders > Manage Orders). In your spreadsheet, format the tracking column as Text before pasting numbers.",
        "missing_carrier" => "In Edit Shipment (Orders > Manage Orders), pick the carrier from Amazon's list.",
        "chinese_carrier_name" => "In Edit Shipment, pick the carrier from Amazon's list (for example China Post or Yanwen). Never type the carrier's name in Chinese.",
        "unsupported_carrier" => "Ship with a carrier Amazon tracks, and pick it from the list in Edit Shipment.",
        "other_with_listed_carrier" => "In Edit Shipment, choose the carrier itself from the list instead of \"Other\".",
        "carrier_mismatch" => "In Edit Shipment, pick the carrier whose label carries this number.",
        "malformed_tracking" => "Compare the number with the label and re-enter it in Edit Shipment: look for typos, missing digits or extra characters.",
        "no_carrier_scan" => "Make sure the carrier scans every package at pickup or drop-off, and confirm shipments only once they are handed over.",
        "reused_tracking" => "Check that each package has its own number and correct any copied by mistake.",
        "window_by_fallback_date" => "Export the promised delivery date with your orders for an exact window.",
        "duplicate_rows" => "Nothing to do, unless the same file was added twice by mistake.",
        "value_unknown" => "Export the item and shipping prices, or the order total, with your orders.",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vtr_core::query::ReasonFilter;
    use vtr_core::result::Warning;
    use vtr_core::rules::{exclusion::Exclusion, validity::InvalidReason};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn every_key() -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Exclusion::ALL.iter().map(|e| e.key()).collect();
        keys.extend(InvalidReason::ALL.iter().map(|r| r.key()));
        keys.extend(Warning::ALL.iter().map(|w| w.key()));
        keys
    }

    #[wasm_bindgen_test]
    fn every_engine_key_has_a_label_an_explanation_and_a_fix() {
        let keys = every_key();
        assert_eq!(keys.len(), 21);
        for key in keys {
            assert_ne!(label(key), "Other", "{key}");
            assert!(!explanation(key).is_empty(), "{key}");
            assert!(!fix(key).is_empty(), "{key}");
            if let Some(r) = ReasonFilter::from_key(key) {
                assert_eq!(r.key(), key);
            }
        }
        assert_eq!(explanation("nope"), "");
        assert_eq!(fix("nope"), "");
    }
}
