//! The texts in English.

use crate::rules::exclusion::Exclusion;
use crate::rules::reason::Reason::{self, Excluded, Invalid, Warning as Warned};
use crate::rules::validity::InvalidReason;
use crate::rules::warning::Warning;

use super::ReasonText;

pub(super) fn reason(r: Reason) -> ReasonText {
    let (label, explanation, fix) = match r {
        Excluded(Exclusion::AmazonFulfilled) => (
            "Fulfilled by Amazon",
            "Amazon shipped it (FBA), so it does not count toward your VTR.",
            "Nothing to do.",
        ),
        Excluded(Exclusion::NotShipped) => (
            "Not shipped",
            "Cancelled or not shipped yet: only shipped and confirmed packages count.",
            "Nothing to do. If it did ship, confirm the shipment with its tracking number.",
        ),
        Excluded(Exclusion::Digital) => (
            "Digital",
            "A digital product has nothing to track, so it does not count.",
            "Nothing to do.",
        ),
        Excluded(Exclusion::Undated) => (
            "No date",
            "It has no promised delivery, ship or order date, so it cannot be placed in the window.",
            "Export the promised delivery date (or the ship date) with your orders.",
        ),
        Excluded(Exclusion::OutsideWindow) => (
            "Outside the window",
            "Its promised delivery date falls outside the window being checked, so it does not count now.",
            "Nothing to do now. Change the as-of date, or check all dates, to include it.",
        ),
        Excluded(Exclusion::FreightNonIntegrated) => (
            "Freight, carrier not integrated",
            "Shipped by freight with a carrier that is not integrated with Amazon: Amazon does not count it.",
            "Nothing to do.",
        ),
        Excluded(Exclusion::SmallEnvelope) => (
            "Small USPS envelope",
            "A small item under $10 including shipping, sent in a USPS Standard Mail or First Class envelope: Amazon does not count it.",
            "Nothing to do.",
        ),
        Excluded(Exclusion::InternationalLowValue) => (
            "International, $5 or less",
            "An international order of $5.00 or less including shipping: tracking is not required.",
            "Nothing to do.",
        ),
        Invalid(InvalidReason::MissingTracking) => (
            "Missing tracking",
            "No tracking number was confirmed, or it is a placeholder such as N/A or 0.",
            "In Seller Central go to Orders > Manage Orders, find the order and choose Edit Shipment before the delivery date, then enter the number exactly as on the label. Changes show in Amazon's reports after 72 hours.",
        ),
        Invalid(InvalidReason::SpreadsheetMangled) => (
            "Damaged by a spreadsheet",
            "A spreadsheet changed the number: it shows as scientific notation (9.4001E+21) or ends in .0, so digits are lost.",
            "Re-enter the number from the label in Edit Shipment (Orders > Manage Orders). In your spreadsheet, format the tracking column as Text before pasting numbers.",
        ),
        Invalid(InvalidReason::MissingCarrier) => (
            "Missing carrier",
            "No carrier was chosen, so Amazon cannot look the number up.",
            "In Edit Shipment (Orders > Manage Orders), pick the carrier from Amazon's list.",
        ),
        Invalid(InvalidReason::ChineseCarrierName) => (
            "Carrier in Chinese",
            "The carrier name is typed in Chinese characters, which Amazon cannot match to a carrier.",
            "In Edit Shipment, pick the carrier from Amazon's list (for example China Post or Yanwen). Never type the carrier's name in Chinese.",
        ),
        Invalid(InvalidReason::UnsupportedCarrier) => (
            "Unsupported carrier",
            "The carrier is not one Amazon can track, or \"Other\" was chosen with a name Amazon does not know.",
            "Ship with a carrier Amazon tracks, and pick it from the list in Edit Shipment.",
        ),
        Invalid(InvalidReason::OtherWithListedCarrier) => (
            "\"Other\" with a listed carrier",
            "\"Other\" was chosen and a carrier's name typed in, but that carrier is in Amazon's list: Amazon counts this as invalid.",
            "In Edit Shipment, choose the carrier itself from the list instead of \"Other\".",
        ),
        Invalid(InvalidReason::CarrierMismatch) => (
            "Wrong carrier",
            "The number belongs to a different carrier than the one chosen, so the chosen carrier cannot find it.",
            "In Edit Shipment, pick the carrier whose label carries this number.",
        ),
        Invalid(InvalidReason::MalformedTracking) => (
            "Malformed number",
            "The number does not have the carrier's format or check digit, or has characters a tracking number cannot have.",
            "Compare the number with the label and re-enter it in Edit Shipment: look for typos, missing digits or extra characters.",
        ),
        Invalid(InvalidReason::NoCarrierScan) => (
            "No carrier scan",
            "The carrier never scanned the package, so the tracking is not valid even if the number is right.",
            "Make sure the carrier scans every package at pickup or drop-off, and confirm shipments only once they are handed over.",
        ),
        Warned(Warning::ReusedTracking) => (
            "Reused tracking",
            "The same tracking number is on packages of different orders. Amazon may not accept a reused number.",
            "Check that each package has its own number and correct any copied by mistake.",
        ),
        Warned(Warning::WindowByFallbackDate) => (
            "Placed by ship or order date",
            "No promised delivery date was given, so the package was placed in the window by its ship or order date. Amazon uses the promised delivery date, so a few packages may fall in another window.",
            "Export the promised delivery date with your orders for an exact window.",
        ),
        Warned(Warning::DuplicateRows) => (
            "Duplicate rows",
            "Rows that repeat an earlier row exactly were read once, not twice.",
            "Nothing to do, unless the same file was added twice by mistake.",
        ),
        Warned(Warning::ValueUnknown) => (
            "Value unknown",
            "The package could be a low-value envelope or international order that does not count, but its value is unknown, so it was counted.",
            "Export the item and shipping prices, or the order total, with your orders.",
        ),
    };
    ReasonText {
        label,
        explanation,
        fix,
    }
}
