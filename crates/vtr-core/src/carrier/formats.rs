//! The tracking-number format table of `shared/spec/tracking-formats.md`.
//!
//! A [`Format`] knows its shape and its check; [`Format::matches`] takes a
//! **normalised** number (see [`super::normalize_tracking`]) as ASCII bytes
//! and must match it whole. Matching is hand-written (length first, then
//! character classes, then the check digit) so it costs a few dozen byte
//! comparisons and never allocates.
//!
//! Choices the spec leaves open:
//! - Where a format names no serial (Old Dominion), the serial is
//!   everything before the check digit, the spec's default reading.
//! - The legacy-91 routing prefix accepts a ZIP of 5 or 5+4 digits, like
//!   the IMpb prefix, since both come from the same barcode family.
//! - A number that could be split several ways (a `420` prefix with a
//!   5- or 9-digit ZIP) matches when any split passes.

use super::check_digit::{iso7064_mod37_36, luhn, mod10, mod10_from_right, mod7, s10, weighted11};

/// One row of the format table. The variant names the carrier and format
/// as the spec does; serialised in snake_case so saved user edits can
/// attach formats to carriers they add.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// USPS 20: 20 digits, mod10(3,1) over the first 19.
    Usps20,
    /// USPS IMpb: optional `420`+ZIP(+4) routing, then 22/26/30 digits
    /// starting 92-95, weights 3,1 from the right.
    UspsImpb,
    /// USPS legacy 91: optional `420`+ZIP, optional `91`, 19 digits, check.
    UspsLegacy91,
    /// UPS `1Z` + 15 letters/digits + check digit, mod10(1,2).
    Ups1Z,
    /// UPS waybill: A/H/J/K/T/V + 9 digits + check digit, mod10(1,2).
    UpsWaybill,
    /// FedEx Express 12 digits, weighted11(3,1,7...).
    FedexExpress12,
    /// FedEx Ground 15 digits, mod10(1,3).
    FedexGround15,
    /// FedEx Ground 96: 22 digits starting 96, mod10(1,3) over a 14-digit serial.
    FedexGround96,
    /// FedEx SSCC-18, mod10(3,1) over a 15-digit serial.
    FedexSscc18,
    /// FedEx Express 34, weighted11(1,7,3...) over a 13-digit serial.
    FedexExpress34,
    /// FedEx ASTRA 32, weighted11(3,1,7...) over an 11-digit serial.
    FedexAstra32,
    /// FedEx Ground GSN 34, weighted11(1,7,3...) over a 13-digit serial.
    FedexGroundGsn34,
    /// DHL Express: 10 or 11 digits, mod7.
    DhlExpress,
    /// DHL piece id: `J` + 2-3 letters + 9-10 digits.
    DhlPieceId,
    /// DHL eCommerce: a known prefix + 10-39 letters/digits with a digit.
    DhlEcomPrefixed,
    /// DHL eCommerce: 14 digits.
    DhlEcom14,
    /// OnTrac: `C`/`D` + 14 digits, mod10(1,2).
    OnTrac,
    /// LaserShip `L` + A/I/E/H/N/X + 1-3 + 7 digits.
    LaserShipL,
    /// LaserShip `1LS7` + 1/2 + 10 digits.
    LaserShip1Ls7_15,
    /// LaserShip `1LS7` piece number (17 characters once the hyphen goes).
    LaserShip1Ls7Piece,
    /// LaserShip `1LSCX` + 10 letters/digits.
    LaserShip1Lscx,
    /// Amazon Shipping logistics: `TB` + A/C/M + 12 digits.
    AmazonLogistics,
    /// Amazon Shipping international: A/F/C + 10 digits.
    AmazonInternational,
    /// Canada Post 16 digits, mod10(3,1).
    CanadaPost16,
    /// Purolator 12 digits starting 0-5, Luhn.
    Purolator12,
    /// Purolator 3 letters + 9 digits.
    PurolatorAlpha,
    /// Canpar: C/D/K/L/S/U/X/Z + 21 digits.
    Canpar22,
    /// DPD 14 digits + ISO 7064 check character.
    Dpd15,
    /// DPD 27 digits + ISO 7064 check character.
    Dpd28,
    /// Old Dominion PRO: 778/777/072/780 + 7 digits + Luhn digit.
    OldDominionPro,
    /// Old Dominion guaranteed: `80` + 8 digits + Luhn digit.
    OldDominionGuaranteed,
    /// Spee-Dee: `SP` + 18 digits.
    SpeeDee20,
    /// GOFO: `GFUS` + 14 digits.
    GofoUs,
    /// Landmark Global: `LTN` + 8 digits + `N1`.
    LandmarkLtn,
    /// Yodel: `JD`/`JJD` + 16 digits.
    YodelJd,
    /// Yun Express: `YT` + 16 digits.
    YunExpressYt,
    /// UPU S10: 2 letters + 8 digits + check + existing ISO country code.
    S10,
}

impl Format {
    /// Every format, in the spec's table order.
    pub const ALL: [Format; 37] = [
        Format::Usps20,
        Format::UspsImpb,
        Format::UspsLegacy91,
        Format::Ups1Z,
        Format::UpsWaybill,
        Format::FedexExpress12,
        Format::FedexGround15,
        Format::FedexGround96,
        Format::FedexSscc18,
        Format::FedexExpress34,
        Format::FedexAstra32,
        Format::FedexGroundGsn34,
        Format::DhlExpress,
        Format::DhlPieceId,
        Format::DhlEcomPrefixed,
        Format::DhlEcom14,
        Format::OnTrac,
        Format::LaserShipL,
        Format::LaserShip1Ls7_15,
        Format::LaserShip1Ls7Piece,
        Format::LaserShip1Lscx,
        Format::AmazonLogistics,
        Format::AmazonInternational,
        Format::CanadaPost16,
        Format::Purolator12,
        Format::PurolatorAlpha,
        Format::Canpar22,
        Format::Dpd15,
        Format::Dpd28,
        Format::OldDominionPro,
        Format::OldDominionGuaranteed,
        Format::SpeeDee20,
        Format::GofoUs,
        Format::LandmarkLtn,
        Format::YodelJd,
        Format::YunExpressYt,
        Format::S10,
    ];

    /// Whether the normalised number `s` (upper-case ASCII, no separators)
    /// has this format, check digit included. Anything else (lower case,
    /// spaces, non-ASCII) simply does not match.
    pub fn matches(self, s: &[u8]) -> bool {
        match self {
            Format::Usps20 => {
                s.len() == 20 && all_digits(s) && check_digit(s, mod10(serial(s), 3, 1))
            }
            Format::UspsImpb => impb(s),
            Format::UspsLegacy91 => legacy91(s),
            Format::Ups1Z => {
                s.len() == 18
                    && s.starts_with(b"1Z")
                    && all_alnum(&s[2..17])
                    && check_digit(s, mod10(&s[2..17], 1, 2))
            }
            Format::UpsWaybill => {
                s.len() == 11
                    && matches!(s[0], b'A' | b'H' | b'J' | b'K' | b'T' | b'V')
                    && all_digits(&s[1..])
                    && check_digit(s, mod10(&s[1..10], 1, 2))
            }
            Format::FedexExpress12 => {
                s.len() == 12 && all_digits(s) && check_digit(s, weighted11(serial(s), &[3, 1, 7]))
            }
            Format::FedexGround15 => {
                s.len() == 15 && all_digits(s) && check_digit(s, mod10(serial(s), 1, 3))
            }
            Format::FedexGround96 => {
                s.len() == 22
                    && s.starts_with(b"96")
                    && all_digits(s)
                    && check_digit(s, mod10(&s[7..21], 1, 3))
            }
            Format::FedexSscc18 => {
                s.len() == 18 && all_digits(s) && check_digit(s, mod10(&s[2..17], 3, 1))
            }
            Format::FedexExpress34 => {
                s.len() == 34
                    && all_digits(s)
                    && s[0] != b'9'
                    && check_digit(s, weighted11(&s[20..33], &[1, 7, 3]))
            }
            Format::FedexAstra32 => {
                s.len() == 32
                    && s[0] == b'3'
                    && all_digits(s)
                    && weighted11(&s[16..27], &[3, 1, 7]) == Some(s[27] - b'0')
            }
            Format::FedexGroundGsn34 => {
                s.len() == 34
                    && s.starts_with(b"96")
                    && all_digits(s)
                    && check_digit(s, weighted11(&s[20..33], &[1, 7, 3]))
            }
            Format::DhlExpress => {
                (s.len() == 10 || s.len() == 11) && all_digits(s) && check_digit(s, mod7(serial(s)))
            }
            Format::DhlPieceId => {
                let letters = s
                    .iter()
                    .skip(1)
                    .take_while(|c| c.is_ascii_uppercase())
                    .count();
                s.first() == Some(&b'J')
                    && (letters == 2 || letters == 3)
                    && matches!(s.len() - 1 - letters, 9 | 10)
                    && all_digits(&s[1 + letters..])
            }
            Format::DhlEcomPrefixed => {
                const PREFIXES: [&[u8]; 10] = [
                    b"GM", b"LX", b"RX", b"UV", b"CN", b"SG", b"TH", b"IN", b"HK", b"MY",
                ];
                (12..=41).contains(&s.len())
                    && PREFIXES.iter().any(|p| s.starts_with(p))
                    && all_alnum(&s[2..])
                    && s[2..].iter().any(u8::is_ascii_digit)
            }
            Format::DhlEcom14 => s.len() == 14 && all_digits(s),
            Format::OnTrac => ontrac(s),
            Format::LaserShipL => {
                s.len() == 10
                    && s[0] == b'L'
                    && matches!(s[1], b'A' | b'I' | b'E' | b'H' | b'N' | b'X')
                    && matches!(s[2], b'1'..=b'3')
                    && all_digits(&s[3..])
            }
            Format::LaserShip1Ls7_15 => {
                s.len() == 15
                    && s.starts_with(b"1LS7")
                    && matches!(s[4], b'1' | b'2')
                    && all_digits(&s[5..])
            }
            Format::LaserShip1Ls7Piece => {
                // 1LS7 [12] dd 01 [1-4] dddddd 1
                s.len() == 17
                    && s.starts_with(b"1LS7")
                    && matches!(s[4], b'1' | b'2')
                    && all_digits(&s[5..7])
                    && &s[7..9] == b"01"
                    && matches!(s[9], b'1'..=b'4')
                    && all_digits(&s[10..16])
                    && s[16] == b'1'
            }
            Format::LaserShip1Lscx => {
                s.len() == 15 && s.starts_with(b"1LSCX") && all_alnum(&s[5..])
            }
            Format::AmazonLogistics => {
                s.len() == 15
                    && s.starts_with(b"TB")
                    && matches!(s[2], b'A' | b'C' | b'M')
                    && all_digits(&s[3..])
            }
            Format::AmazonInternational => {
                s.len() == 11 && matches!(s[0], b'A' | b'F' | b'C') && all_digits(&s[1..])
            }
            Format::CanadaPost16 => {
                s.len() == 16 && all_digits(s) && check_digit(s, mod10(serial(s), 3, 1))
            }
            Format::Purolator12 => {
                s.len() == 12
                    && matches!(s[0], b'0'..=b'5')
                    && all_digits(s)
                    && check_digit(s, luhn(serial(s)))
            }
            Format::PurolatorAlpha => s.len() == 12 && all_upper(&s[..3]) && all_digits(&s[3..]),
            Format::Canpar22 => {
                s.len() == 22
                    && matches!(s[0], b'C' | b'D' | b'K' | b'L' | b'S' | b'U' | b'X' | b'Z')
                    && all_digits(&s[1..])
            }
            Format::Dpd15 => s.len() == 15 && dpd(s),
            Format::Dpd28 => s.len() == 28 && dpd(s),
            Format::OldDominionPro => {
                s.len() == 11
                    && (s.starts_with(b"778")
                        || s.starts_with(b"777")
                        || s.starts_with(b"072")
                        || s.starts_with(b"780"))
                    && all_digits(s)
                    && check_digit(s, luhn(serial(s)))
            }
            Format::OldDominionGuaranteed => {
                s.len() == 11
                    && s.starts_with(b"80")
                    && all_digits(s)
                    && check_digit(s, luhn(serial(s)))
            }
            Format::SpeeDee20 => s.len() == 20 && s.starts_with(b"SP") && all_digits(&s[2..]),
            Format::GofoUs => s.len() == 18 && s.starts_with(b"GFUS") && all_digits(&s[4..]),
            Format::LandmarkLtn => {
                s.len() == 13 && s.starts_with(b"LTN") && all_digits(&s[3..11]) && &s[11..] == b"N1"
            }
            Format::YodelJd => {
                (s.len() == 18 && s.starts_with(b"JD") && all_digits(&s[2..]))
                    || (s.len() == 19 && s.starts_with(b"JJD") && all_digits(&s[3..]))
            }
            Format::YunExpressYt => s.len() == 18 && s.starts_with(b"YT") && all_digits(&s[2..]),
            Format::S10 => {
                s.len() == 13
                    && all_upper(&s[..2])
                    && all_digits(&s[2..11])
                    && s10(&s[2..10]) == Some(s[10] - b'0')
                    && is_iso_country(&s[11..])
            }
        }
    }
}

/// All but the last character: the default serial.
fn serial(s: &[u8]) -> &[u8] {
    s.split_last().map_or(&[][..], |(_, rest)| rest)
}

/// Whether the last character is the digit `expected`.
fn check_digit(s: &[u8], expected: Option<u8>) -> bool {
    match (s.last(), expected) {
        (Some(&c), Some(e)) => c.is_ascii_digit() && c - b'0' == e,
        _ => false,
    }
}

fn all_digits(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_digit)
}

fn all_upper(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_uppercase)
}

fn all_alnum(s: &[u8]) -> bool {
    s.iter()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// The `420` + ZIP (5) or ZIP+4 (9) routing prefixes a USPS number may
/// carry, as the lengths to skip; `0` stands for "no prefix".
fn routing_splits(s: &[u8]) -> impl Iterator<Item = usize> + '_ {
    [0usize, 8, 12]
        .into_iter()
        .filter(move |&skip| skip == 0 || (s.len() > skip && s.starts_with(b"420")))
}

fn impb(s: &[u8]) -> bool {
    if !all_digits(s) {
        return false;
    }
    routing_splits(s).any(|skip| {
        let rest = &s[skip..];
        matches!(rest.len(), 22 | 26 | 30)
            && matches!(&rest[..2], b"92" | b"93" | b"94" | b"95")
            && check_digit(rest, mod10_from_right(serial(rest), 3, 1))
    })
}

fn legacy91(s: &[u8]) -> bool {
    if !all_digits(s) {
        return false;
    }
    routing_splits(s).any(|skip| {
        let rest = &s[skip..];
        match rest.len() {
            22 => rest.starts_with(b"91") && check_digit(rest, mod10(serial(rest), 3, 1)),
            20 => {
                // Without its `91` the serial is checked as if it were there.
                let mut buf = [0u8; 21];
                buf[..2].copy_from_slice(b"91");
                buf[2..].copy_from_slice(serial(rest));
                check_digit(rest, mod10(&buf, 3, 1))
            }
            _ => false,
        }
    })
}

fn ontrac(s: &[u8]) -> bool {
    let lead = match s.first() {
        Some(b'C') => b'4',
        Some(b'D') => b'5',
        _ => return false,
    };
    if s.len() != 15 || !all_digits(&s[1..]) {
        return false;
    }
    let serial13 = &s[1..14];
    let expected = if serial13.first() == Some(&lead) {
        mod10(serial13, 1, 2)
    } else {
        let mut buf = [0u8; 14];
        buf[0] = lead;
        buf[1..].copy_from_slice(serial13);
        mod10(&buf, 1, 2)
    };
    check_digit(s, expected)
}

fn dpd(s: &[u8]) -> bool {
    match s.split_last() {
        Some((&check, body)) => all_digits(body) && iso7064_mod37_36(body) == Some(check),
        None => false,
    }
}

/// Every ISO 3166-1 alpha-2 code officially assigned (249), sorted so it
/// can be binary-searched. S10 numbers end in one of these.
pub const ISO_3166_ALPHA2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
    "AZ", //
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", //
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW",
    "CX", "CY", "CZ", //
    "DE", "DJ", "DK", "DM", "DO", "DZ", //
    "EC", "EE", "EG", "EH", "ER", "ES", "ET", //
    "FI", "FJ", "FK", "FM", "FO", "FR", //
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT",
    "GU", "GW", "GY", //
    "HK", "HM", "HN", "HR", "HT", "HU", //
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", //
    "JE", "JM", "JO", "JP", //
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", //
    "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", //
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
    "MT", "MU", "MV", "MW", "MX", "MY", "MZ", //
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", //
    "OM", //
    "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", //
    "QA", //
    "RE", "RO", "RS", "RU", "RW", //
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", //
    "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
    "TZ", //
    "UA", "UG", "UM", "US", "UY", "UZ", //
    "VA", "VC", "VE", "VG", "VI", "VN", "VU", //
    "WF", "WS", //
    "YE", "YT", //
    "ZA", "ZM", "ZW",
];

/// Whether `code` is an assigned ISO 3166-1 alpha-2 country code (upper case).
pub fn is_iso_country(code: &[u8]) -> bool {
    ISO_3166_ALPHA2
        .binary_search_by(|probe| probe.as_bytes().cmp(code))
        .is_ok()
}
