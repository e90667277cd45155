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
