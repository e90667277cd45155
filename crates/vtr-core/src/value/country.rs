//! Countries as exports write them: an ISO code (`US`), or a name (eBay's
//! `Item Country` says "United States", Chinese ERPs say 中国).
//!
//! The international rule (section 4) asks whether a package's origin
//! differs from the marketplace, which the settings hold as an ISO code. A
//! name compared with a code as text would make every package of such a
//! file foreign, and wrongly exclude its low-value packages.

use crate::carrier::formats::is_iso_country;

/// Names sellers' exports use, folded as [`fold`] folds them, with their
/// ISO 3166 alpha-2 codes: the marketplaces the page offers, the countries
/// their sellers ship from most, and Amazon's own `UK`.
const NAMES: &[(&str, &str)] = &[
    ("united states", "US"),
    ("united states of america", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("美国", "US"),
    ("canada", "CA"),
    ("加拿大", "CA"),
    ("mexico", "MX"),
    ("méxico", "MX"),
    ("墨西哥", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("巴西", "BR"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("uk", "GB"),
    ("英国", "GB"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("德国", "DE"),
    ("france", "FR"),
    ("法国", "FR"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("意大利", "IT"),
    ("spain", "ES"),
    ("españa", "ES"),
    ("西班牙", "ES"),
    ("netherlands", "NL"),
    ("the netherlands", "NL"),
    ("荷兰", "NL"),
    ("sweden", "SE"),
    ("瑞典", "SE"),
    ("poland", "PL"),
    ("波兰", "PL"),
    ("türkiye", "TR"),
    ("turkey", "TR"),
    ("土耳其", "TR"),
    ("united arab emirates", "AE"),
    ("uae", "AE"),
    ("阿联酋", "AE"),
    ("saudi arabia", "SA"),
    ("沙特阿拉伯", "SA"),
    ("india", "IN"),
    ("印度", "IN"),
    ("japan", "JP"),
    ("日本", "JP"),
    ("australia", "AU"),
    ("澳大利亚", "AU"),
    ("singapore", "SG"),
    ("新加坡", "SG"),
    ("china", "CN"),
    ("mainland china", "CN"),
    ("people's republic of china", "CN"),
    ("中国", "CN"),
    ("中国大陆", "CN"),
    ("hong kong", "HK"),
    ("香港", "HK"),
    ("中国香港", "HK"),
    ("taiwan", "TW"),
    ("台湾", "TW"),
    ("中国台湾", "TW"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("越南", "VN"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("韩国", "KR"),
    ("thailand", "TH"),
    ("泰国", "TH"),
    ("malaysia", "MY"),
    ("马来西亚", "MY"),
    ("indonesia", "ID"),
    ("印度尼西亚", "ID"),
];

/// Lower case, dots dropped (`U.S.A.`), runs of white space as one space.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|&c| c != '.')
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// The ISO code of a country as an export writes it: a known name, or an
/// assigned ISO 3166 alpha-2 code in any case; `None` for anything else.
///
/// ```
/// use vtr_core::value::country::code;
/// assert_eq!(code("United States").as_deref(), Some("US"));
/// assert_eq!(code(" u.s.a. ").as_deref(), Some("US"));
/// assert_eq!(code("中国").as_deref(), Some("CN"));
/// assert_eq!(code("UK").as_deref(), Some("GB"));
/// assert_eq!(code("de").as_deref(), Some("DE"));
/// assert_eq!(code("Atlantis"), None);
/// assert_eq!(code("ZZ"), None);
/// ```
pub fn code(text: &str) -> Option<String> {
    let folded = fold(text);
    if let Some(&(_, iso)) = NAMES.iter().find(|(name, _)| *name == folded) {
        return Some(iso.to_string());
    }
    let upper = folded.to_ascii_uppercase();
    is_iso_country(upper.as_bytes()).then_some(upper)
}

/// Whether an origin country as written is another country than the
/// marketplace's (an ISO code, or a name). Empty text is no country: not
/// foreign. Text that names no known country is compared as written,
/// ignoring case, so an unknown spelling of the marketplace's own country
/// still counts as the same only when it is written the same.
///
/// ```
/// use vtr_core::value::country::is_foreign;
/// assert!(!is_foreign("United States", "US"));
/// assert!(is_foreign("China", "US"));
/// assert!(!is_foreign("UK", "GB"));
/// assert!(!is_foreign("", "US"));
/// assert!(is_foreign("Atlantis", "US"));
/// ```
pub fn is_foreign(origin: &str, marketplace: &str) -> bool {
    let origin = origin.trim();
    let marketplace = marketplace.trim();
    if origin.is_empty() {
        return false;
    }
    match (code(origin), code(marketplace)) {
        (Some(a), Some(b)) => a != b,
        _ => !origin.eq_ignore_ascii_case(marketplace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_folded_and_every_code_is_assigned() {
        for &(name, iso) in NAMES {
            assert_eq!(fold(name), name, "{name}");
            assert!(is_iso_country(iso.as_bytes()), "{iso}");
        }
    }

    #[test]
    fn names_and_codes_of_one_country_are_the_same_country() {
        for (origin, market) in [
            ("United  States", "US"),
            ("UNITED STATES OF AMERICA", "us"),
            ("U.S.", "US"),
            ("美国", "US"),
            ("Great Britain", "UK"),
            ("Deutschland", "DE"),
            ("US", "US"),
        ] {
            assert!(!is_foreign(origin, market), "{origin} / {market}");
        }
        for (origin, market) in [
            ("China", "US"),
            ("CN", "US"),
            ("香港", "CN"),
            ("Hong Kong", "US"),
        ] {
            assert!(is_foreign(origin, market), "{origin} / {market}");
        }
    }
}
