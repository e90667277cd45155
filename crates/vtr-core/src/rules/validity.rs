//! The valid-tracking rule (`vtr-rules.md` section 6): for a package that
//! is not excluded, the first failing check names why its tracking is
//! invalid; a package passing them all is valid.
//!
//! The checks run once per package, so they work on borrowed text and a
//! stack buffer: no allocation unless a carrier name is long or non-ASCII.
//!
//! Choices the spec leaves open, decided here:
//! - A carrier field that is a placeholder (N/A, none, "-", ...) counts as
//!   no carrier given.
//! - When the carrier field is empty but a carrier name was typed, the
//!   name stands in for the carrier (resolved directly, not under the
//!   "Other" rules): some reports fill only the name column, and the
//!   seller did tell which carrier it was.
//! - The CJK check looks at both fields whenever they are non-empty, as the
//!   spec words it.
//! - `carrier_mismatch` needs a well-formed number (A-Z/0-9, 8 to 40): a
//!   number too long for any carrier is malformed even if another
//!   carrier's pattern would have taken it.
//! - Scientific notation counts as spreadsheet damage only with a decimal
//!   point (or comma) in the mantissa or a sign in the exponent, as
//!   spreadsheets write it (`9.4001E+21`, `1.23e15`, `9E+21`), so a real
//!   number such as `123E4567890` is not mistaken for it.

use crate::carrier::registry::passes_other_carrier;
use crate::carrier::{is_tracking_separator, CarrierId, Registry};
use crate::value::tracking::{is_placeholder, is_spreadsheet_mangled, ScanEvidence};

/// Why a package's tracking is invalid, in the spec's check order (the
/// derived `Ord` follows it too). Serialises as the spec's snake_case key.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    /// No tracking number, or a placeholder: N/A, NA, none, null, "-", 0.
    MissingTracking,
    /// A spreadsheet damaged the number: `9.4001E+21`, or digits and `.0`.
    SpreadsheetMangled,
    /// No carrier given.
    MissingCarrier,
    /// The carrier or carrier name is typed in Chinese (CJK) characters,
    /// which Amazon cannot match.
    ChineseCarrierName,
    /// The carrier is unknown or not integrated with Amazon, or "Other"
    /// without a usable carrier name.
    UnsupportedCarrier,
    /// "Other" was chosen with the name of a carrier Amazon's list offers.
    OtherWithListedCarrier,
    /// The number fails every format of the declared carrier but passes
    /// another carrier's: the wrong carrier was picked.
    CarrierMismatch,
    /// The number fits no format of its carrier, or is not 8 to 40
    /// letters and digits.
    MalformedTracking,
    /// Scan evidence is mapped and says the carrier never scanned it.
    NoCarrierScan,
}

impl InvalidReason {
    /// Every reason, in the order the checks run.
    pub const ALL: [InvalidReason; 9] = [
        InvalidReason::MissingTracking,
        InvalidReason::SpreadsheetMangled,
        InvalidReason::MissingCarrier,
        InvalidReason::ChineseCarrierName,
        InvalidReason::UnsupportedCarrier,
        InvalidReason::OtherWithListedCarrier,
        InvalidReason::CarrierMismatch,
        InvalidReason::MalformedTracking,
        InvalidReason::NoCarrierScan,
    ];

    /// The reason's key in the JSON result, e.g. `"missing_tracking"`.
    pub fn key(self) -> &'static str {
        match self {
            InvalidReason::MissingTracking => "missing_tracking",
            InvalidReason::SpreadsheetMangled => "spreadsheet_mangled",
            InvalidReason::MissingCarrier => "missing_carrier",
            InvalidReason::ChineseCarrierName => "chinese_carrier_name",
            InvalidReason::UnsupportedCarrier => "unsupported_carrier",
            InvalidReason::OtherWithListedCarrier => "other_with_listed_carrier",
            InvalidReason::CarrierMismatch => "carrier_mismatch",
            InvalidReason::MalformedTracking => "malformed_tracking",
            InvalidReason::NoCarrierScan => "no_carrier_scan",
        }
    }
}

/// The fields of one package the validity rule reads.
#[derive(Clone, Copy, Debug)]
pub struct TrackingFacts<'a> {
    /// As written (trimmed); may be empty or a placeholder.
    pub tracking: &'a str,
    /// Carrier as written (may be empty, "Other", Chinese, an alias...).
    pub carrier: &'a str,
    /// The text typed under "Other" (empty if none / column not mapped).
    pub carrier_name: &'a str,
    /// What the file says about a carrier scan.
    pub scan: ScanEvidence,
}

/// Both answers about a package at once: the carrier it is recognised as
/// and why its tracking is invalid, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The carrier recognised from the carrier fields (see [`recognise`]).
    pub carrier: Option<CarrierId>,
    /// The first failing check; `None` when the tracking is valid.
    pub invalid: Option<InvalidReason>,
}

/// The carrier field to read: the carrier, or the carrier name standing in
/// for an empty one (see the module doc). Placeholders count as empty.
fn declared_carrier<'a>(facts: &TrackingFacts<'a>) -> &'a str {
    let carrier = facts.carrier.trim();
    if !is_placeholder(carrier) {
        return carrier;
    }
    let name = facts.carrier_name.trim();
    if is_placeholder(name) {
        ""
    } else {
        name
    }
}

/// The carrier the package is recognised as: the carrier field resolved,
/// or for "Other" the carrier name resolved. Flags are not consulted, so a
/// non-integrated freight carrier is still recognised (the freight
/// exclusion needs to know it).
pub fn recognise(facts: &TrackingFacts, reg: &Registry) -> Option<CarrierId> {
    let carrier = declared_carrier(facts);
    if carrier.is_empty() {
        None
    } else if Registry::is_other(carrier) {
        reg.resolve(facts.carrier_name.trim())
    } else {
        reg.resolve(carrier)
    }
}

/// First failing check in the spec's order, or `None` when the tracking
/// is valid.
///
/// ```
/// use vtr_core::rules::validity::{check, InvalidReason, TrackingFacts};
/// use vtr_core::value::tracking::ScanEvidence;
/// use vtr_core::Registry;
///
/// let reg = Registry::default();
/// let under = |tracking, carrier| TrackingFacts {
///     tracking,
///     carrier,
///     carrier_name: "",
///     scan: ScanEvidence::Unknown,
/// };
/// // UPS's published example number, check digit included.
/// assert_eq!(check(&under("1Z999AA10123456784", "UPS"), &reg), None);
/// // Spaces, hyphens and case do not matter, and aliases resolve.
/// let retyped = under("1z 999-aa1 0123456784", "United Parcel Service");
/// assert_eq!(check(&retyped, &reg), None);
/// // One digit off: no format of UPS, nor of anyone else, takes it.
/// let typo = under("1Z999AA10123456785", "UPS");
/// assert_eq!(check(&typo, &reg), Some(InvalidReason::MalformedTracking));
/// // A good UPS number confirmed under USPS.
/// let wrong = under("1Z999AA10123456784", "USPS");
/// assert_eq!(check(&wrong, &reg), Some(InvalidReason::CarrierMismatch));
/// // What a spreadsheet leaves of a 22-digit USPS number.
/// let mangled = under("9.4001E+21", "USPS");
/// assert_eq!(check(&mangled, &reg), Some(InvalidReason::SpreadsheetMangled));
/// assert_eq!(check(&under("N/A", "USPS"), &reg), Some(InvalidReason::MissingTracking));
/// ```
pub fn check(facts: &TrackingFacts, reg: &Registry) -> Option<InvalidReason> {
    assess(facts, reg).invalid
}

/// [`recognise`] and [`check`] in one pass, resolving the carrier once.
pub fn assess(facts: &TrackingFacts, reg: &Registry) -> Assessment {
    let cv = carrier_verdict(facts.carrier, facts.carrier_name, reg);
    Assessment {
        carrier: cv.recognised,
        invalid: check_with(facts.tracking, &cv, facts.scan, reg),
    }
}

/// What the carrier fields alone say about a package, the same for every
/// package with the same (carrier, carrier name): worked out once per pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CarrierVerdict {
    /// The carrier the package is recognised as (flags not consulted).
    pub recognised: Option<CarrierId>,
    /// The first carrier check that fails: missing carrier, carrier in
    /// Chinese, unsupported carrier, "Other" with a listed carrier.
    pub failure: Option<InvalidReason>,
}

/// The carrier checks of section 6 for one (carrier, carrier name) pair.
pub fn carrier_verdict(carrier: &str, carrier_name: &str, reg: &Registry) -> CarrierVerdict {
    let facts = TrackingFacts {
        tracking: "",
        carrier,
        carrier_name,
        scan: ScanEvidence::Unknown,
    };
    let declared = declared_carrier(&facts);
    let is_other = !declared.is_empty() && Registry::is_other(declared);
    let recognised = if declared.is_empty() {
        None
    } else if is_other {
        reg.resolve(carrier_name.trim())
    } else {
        reg.resolve(declared)
    };
    let failure = if declared.is_empty() {
        Some(InvalidReason::MissingCarrier)
    } else if has_cjk(carrier) || has_cjk(carrier_name) {
        Some(InvalidReason::ChineseCarrierName)
    } else {
        match recognised.map(|id| reg.get(id)) {
            None => Some(InvalidReason::UnsupportedCarrier),
            Some(entry) if !entry.integrated => Some(InvalidReason::UnsupportedCarrier),
            Some(entry) if is_other && entry.listed => Some(InvalidReason::OtherWithListedCarrier),
            Some(_) => None,
        }
    };
    CarrierVerdict {
        recognised,
        failure,
    }
}

/// The first failing check of section 6 for a tracking number under a
/// carrier already judged by [`carrier_verdict`]; `None` when valid.
pub fn check_with(
    tracking: &str,
    cv: &CarrierVerdict,
    scan: ScanEvidence,
    reg: &Registry,
) -> Option<InvalidReason> {
    let tracking = crate::value::trim(tracking);
    if is_placeholder(tracking) {
        return Some(InvalidReason::MissingTracking);
    }
    if is_spreadsheet_mangled(tracking) {
        return Some(InvalidReason::SpreadsheetMangled);
    }
    if let Some(f) = cv.failure {
        return Some(f);
    }
    let id = cv.recognised?;
    let entry = reg.get(id);
    let number = Normalized::new(tracking);
    let Some(s) = number.well_formed() else {
        return Some(InvalidReason::MalformedTracking);
    };
    if !entry.formats.is_empty() && !entry.formats.iter().any(|f| f.matches(s)) {
        return Some(if passes_other_carrier(reg, id, s) {
            InvalidReason::CarrierMismatch
        } else {
            InvalidReason::MalformedTracking
        });
    }
    if scan == ScanEvidence::NotScanned {
        return Some(InvalidReason::NoCarrierScan);
    }
    None
}

/// The checks that need no carrier column (used when no file maps one):
/// missing, damaged or malformed numbers, and the scan. `tracking` is the
/// normalised number, `written` the number as written.
pub fn check_number_only(
    tracking: &str,
    written: &str,
    scan: ScanEvidence,
) -> Option<InvalidReason> {
    if tracking.is_empty() || is_placeholder(written) {
        return Some(InvalidReason::MissingTracking);
    }
    if is_spreadsheet_mangled(written) {
        return Some(InvalidReason::SpreadsheetMangled);
    }
    if !(MIN_TRACKING..=MAX_TRACKING).contains(&tracking.len())
        || !tracking
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some(InvalidReason::MalformedTracking);
    }
    (scan == ScanEvidence::NotScanned).then_some(InvalidReason::NoCarrierScan)
}

/// Longest tracking number any carrier may have.
const MAX_TRACKING: usize = 40;
/// Shortest tracking number any carrier may have.
const MIN_TRACKING: usize = 8;

/// A tracking number normalised into a stack buffer, remembering whether
/// it is well formed (only A-Z/0-9, 8 to 40 long).
struct Normalized {
    buf: [u8; MAX_TRACKING],
    len: usize,
    ok: bool,
}

impl Normalized {
    fn new(raw: &str) -> Self {
        let mut n = Normalized {
            buf: [0; MAX_TRACKING],
            len: 0,
            ok: true,
        };
        for c in raw.chars() {
            if is_tracking_separator(c) {
                continue;
            }
            if !c.is_ascii_alphanumeric() || n.len == MAX_TRACKING {
                // Outside A-Z0-9 (after upper-casing only ASCII can be), or
                // longer than 40: malformed whatever follows.
                n.ok = false;
                break;
            }
            n.buf[n.len] = c.to_ascii_uppercase() as u8;
            n.len += 1;
        }
        n
    }

    fn well_formed(&self) -> Option<&[u8]> {
        (self.ok && self.len >= MIN_TRACKING).then(|| &self.buf[..self.len])
    }
}

/// Whether `text` holds a CJK ideograph (unified, extensions, compatibility,
/// radicals) or CJK punctuation (including the full-width punctuation
/// Chinese text uses, but not full-width Latin letters or digits).
pub fn has_cjk(text: &str) -> bool {
    // ASCII never is; skip the char walk for the common case.
    !text.is_ascii() && text.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FDF      // CJK radicals, Kangxi radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF01..=0xFF0F    // full-width punctuation ...
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65    // ... and half-width CJK punctuation
        | 0x20000..=0x323AF  // extensions B to H, with the compatibility supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "", "  ", "N/A", "n/a", "NA", "None", "NULL", "-", "0", " 0 ",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for p in ["00", "--", "NAN", "1Z"] {
            assert!(!is_placeholder(p), "{p:?}");
        }
    }

    #[test]
    fn spreadsheet_damage() {
        for s in [
            "9.4001E+21",
            "1.23e15",
            "9E+21",
            "9,4001E+21",
            "12345678.0",
            " 94001111111111111.0 ",
        ] {
            assert!(is_spreadsheet_mangled(s), "{s:?}");
        }
        for s in [
            "123E4567890",
            "1234567.0",
            "12345678.00",
            "1Z999AA10123456784",
            "E+21",
            "9.4E+2100",
            "9.4E",
        ] {
            assert!(!is_spreadsheet_mangled(s), "{s:?}");
        }
    }

    #[test]
    fn cjk_detection() {
        assert!(has_cjk("中国邮政"));
        assert!(has_cjk("Yun，Express")); // full-width comma
        assert!(has_cjk("\u{3400}"));
        assert!(has_cjk("\u{F900}"));
        assert!(has_cjk("\u{20000}"));
        assert!(!has_cjk("ＵＳＰＳ")); // full-width Latin is not Chinese
        assert!(!has_cjk("Deutsche Pöst"));
    }

    #[test]
    fn normalized_buffer() {
        assert_eq!(Normalized::new(" 1z-999 ").well_formed(), None); // 6 chars
        assert_eq!(
            Normalized::new("ab-cd ef-gh").well_formed(),
            Some(&b"ABCDEFGH"[..])
        );
        assert_eq!(
            Normalized::new(&"1".repeat(40))
                .well_formed()
                .map(<[u8]>::len),
            Some(40)
        );
        assert_eq!(Normalized::new(&"1".repeat(41)).well_formed(), None);
        assert_eq!(Normalized::new("ABCDEFG#").well_formed(), None);
    }
}
