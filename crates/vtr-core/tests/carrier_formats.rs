//! Every format of shared/spec/tracking-formats.md with a number that
//! passes it and a one-character change that does not.
//!
//! The valid numbers were computed with this crate and, independently,
//! with a separate re-implementation of the spec's algorithms; a few are
//! worked by hand below.

use vtr_core::carrier::{
    format_carriers, has_formats, normalize_tracking, passes_any_format, Format, Registry,
};

/// (format, valid number, the same number with one character changed).
/// For formats with a check, the change is in the serial (the check digit
/// left as it was), so it is the check that catches it.
const CASES: &[(Format, &str, &str)] = &[
    // Serial 1234567890123456789, mod10(3,1): even positions
    // 1+3+5+7+9+1+3+5+7+9 = 50, x3 = 150; odd 2+4+6+8+0+2+4+6+8 = 40;
    // 190 -> check 0.
    (
        Format::Usps20,
        "12345678901234567890",
        "12345678901234567990",
    ),
    // Serial 940010000000000000000, weights 3,1,3,... from its right end
    // (distance 0 = weight 3): the 9 is at distance 20 (x3 = 27), the 4 at
    // 19 (x1 = 4), the 1 at 16 (x3 = 3), the rest zeros; 34 -> check 6.
    (
        Format::UspsImpb,
        "9400100000000000000006",
        "9400100000000000100006",
    ),
    (
        Format::UspsImpb,
        "9205590164917312751089",
        "9205590164917312752089",
    ),
    (
        Format::UspsImpb,
        "93001201114052345678901237",
        "93001201114052345678911237",
    ),
    (
        Format::UspsImpb,
        "950012345678901234567890123455",
        "950012345678901234567890123465",
    ),
    (
        Format::UspsImpb,
        "420902109400100000000000000006",
        "420902109400100000000000100006",
    ),
    (
        Format::UspsImpb,
        "4209021012349400100000000000000006",
        "4209021012349400100000000100000006",
    ),
    (
        Format::UspsLegacy91,
        "9100123456789012345677",
        "9100123456789012346677",
    ),
    // Without its 91: checked as 91 + serial, so 00123456789012345677 is
    // valid while the same digits fail USPS 20 (see below).
    (
        Format::UspsLegacy91,
        "00123456789012345677",
        "00123456789012345777",
    ),
    (
        Format::UspsLegacy91,
        "420100019100123456789012345677",
        "420100019100123456789012345577",
    ),
    // UPS's published sample. Serial 999AA1012345678 (A = 2), weights
    // 1,2: 9+18+9+4+2+2+0+2+2+6+4+10+6+14+8 = 96 -> check 4.
    (Format::Ups1Z, "1Z999AA10123456784", "1Z999AA10123466784"),
    (Format::Ups1Z, "1Z12345E0205271686", "1Z12345E0205271786"),
    (Format::UpsWaybill, "H1234567895", "H1234567795"),
    // Serial 12345678901, weights 3,1,7: 3+2+21+12+5+42+21+8+63+0+1 = 178,
    // 178 mod 11 = 2 -> check 2.
    (Format::FedexExpress12, "123456789012", "123456780012"),
    (Format::FedexGround15, "123456789012343", "123456789012443"),
    (
        Format::FedexGround96,
        "9612345123456789012343",
        "9612345123456789012443",
    ),
    (
        Format::FedexSscc18,
        "001234567890123452",
        "001234567890124452",
    ),
    (
        Format::FedexExpress34,
        "1234567890123459021012345678901230",
        "1234567890123459021012345678911230",
    ),
    (
        Format::FedexAstra32,
        "30000000000000001234567890120000",
        "30000000000000001234567891120000",
    ),
    (
        Format::FedexGroundGsn34,
        "9612345678901234567112345678901230",
        "9612345678901234567112345678911230",
    ),
    // 123456789 = 7 * 17636684 + 1 -> check 1.
    (Format::DhlExpress, "1234567891", "1234567881"),
    (Format::DhlExpress, "12345678903", "12345678913"),
    // Formats without a check: any digit passes, so the change breaks the
    // shape instead.
    (Format::DhlPieceId, "JJD012345678", "JJD01234567"),
    (Format::DhlPieceId, "JVGL0123456789", "JVGL012345678A"),
    (Format::DhlEcomPrefixed, "GM1234567890", "GM123456789"),
    (Format::DhlEcomPrefixed, "CNABC1234567", "CNABCDEFGHIJ"),
    (Format::DhlEcom14, "12345678901234", "1234567890123A"),
    // C + 13 digits not starting with 4: serial 4123...123 (14 digits).
    (Format::OnTrac, "C12345678901236", "C12345678911236"),
    (Format::OnTrac, "C42345678901234", "C42345678901334"),
    (Format::OnTrac, "D12345678901235", "D12345678901335"),
    (Format::LaserShipL, "LX11234567", "LX41234567"),
    (
        Format::LaserShip1Ls7_15,
        "1LS711234567890",
        "1LS731234567890",
    ),
    (
        Format::LaserShip1Ls7Piece,
        "1LS71120131234561",
        "1LS71120531234561",
    ),
    (Format::LaserShip1Lscx, "1LSCXAB12345678", "1LSCYAB12345678"),
    (
        Format::AmazonLogistics,
        "TBA123456789012",
        "TBB123456789012",
    ),
    (Format::AmazonInternational, "A1234567890", "B1234567890"),
    (Format::CanadaPost16, "1234567890123452", "1234567890123552"),
    (Format::Purolator12, "123456789015", "123456789115"),
    (Format::PurolatorAlpha, "ABC123456789", "AB1123456789"),
    (
        Format::Canpar22,
        "D123456789012345678901",
        "E123456789012345678901",
    ),
    (Format::Dpd15, "12345678901234E", "12345678901334E"),
    (Format::Dpd15, "10000000000005Y", "10000000000006Y"),
    (
        Format::Dpd28,
        "123456789012345678901234567N",
        "123456789012345678901234568N",
    ),
    // Serial 7781234567, from the right 7,6,5,4,3,2,1,8,7,7; doubled
    // 7->5, 5->1, 3->6, 1->2, 7->5 = 19; kept 6+4+2+8+7 = 27; 46 -> 4.
    (Format::OldDominionPro, "77812345674", "77812345774"),
    (Format::OldDominionPro, "07212345677", "07212345777"),
    (Format::OldDominionGuaranteed, "80123456784", "80123456884"),
    (
        Format::SpeeDee20,
        "SP123456789012345678",
        "SQ123456789012345678",
    ),
    (Format::GofoUs, "GFUS12345678901234", "GFUK12345678901234"),
    (Format::LandmarkLtn, "LTN12345678N1", "LTN12345678N2"),
    (Format::YodelJd, "JD1234567890123456", "JD123456789012345"),
    (
        Format::YodelJd,
        "JJD1234567890123456",
        "JJE1234567890123456",
    ),
    (
        Format::YunExpressYt,
        "YT1234567890123456",
        "YT123456789012345A",
    ),
    // Serial 12345678, weights 8,6,4,2,3,5,9,7:
    // 8+12+12+8+15+30+63+56 = 204, 204 mod 11 = 6 -> 11 - 6 = 5.
    (Format::S10, "RA123456785US", "RA123456775US"),
    // 00000008: 8*7 = 56, 56 mod 11 = 1 -> check 0.
    (Format::S10, "EE000000080CN", "EE000000180CN"),
];

#[test]
fn every_valid_example_passes_and_its_mutation_fails() {
    for &(format, valid, broken) in CASES {
        assert!(
            format.matches(valid.as_bytes()),
            "{format:?} should accept {valid}"
        );
        assert!(
            !format.matches(broken.as_bytes()),
            "{format:?} should reject {broken}"
        );
    }
}

#[test]
fn every_format_has_an_example() {
    for f in Format::ALL {
        assert!(
            CASES.iter().any(|(g, _, _)| *g == f),
            "{f:?} lacks an example"
        );
    }
}

#[test]
fn check_digit_formats_reject_every_wrong_check_digit() {
    let numeric_check: &[Format] = &[
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
        Format::FedexGroundGsn34,
        Format::DhlExpress,
        Format::OnTrac,
        Format::CanadaPost16,
        Format::Purolator12,
        Format::OldDominionPro,
        Format::OldDominionGuaranteed,
    ];
    for &(format, valid, _) in CASES.iter().filter(|(f, _, _)| numeric_check.contains(f)) {
        let (body, check) = valid.split_at(valid.len() - 1);
        for d in '0'..='9' {
            let candidate = format!("{body}{d}");
            let expect = d.to_string() == check;
            assert_eq!(
                format.matches(candidate.as_bytes()),
                expect,
                "{format:?} {candidate}"
            );
        }
    }
}

#[test]
fn formats_whose_check_is_not_last() {
    // ASTRA: check at index 27, four digits follow.
    assert!(Format::FedexAstra32.matches(b"30000000000000001234567890120000"));
    assert!(!Format::FedexAstra32.matches(b"30000000000000001234567890130000"));
    // S10: check before the country code; the code must exist.
    assert!(Format::S10.matches(b"RA123456785GB"));
    assert!(!Format::S10.matches(b"RA123456785UK"));
    assert!(!Format::S10.matches(b"RA123456785XX"));
    // DPD: the check is a character; every other one fails.
    for c in ('0'..='9').chain('A'..='Z') {
        let n = format!("12345678901234{c}");
        assert_eq!(Format::Dpd15.matches(n.as_bytes()), c == 'E', "{n}");
    }
}

#[test]
fn shapes_are_matched_whole() {
    assert!(!Format::Usps20.matches(b"123456789012345678901"));
    assert!(!Format::Ups1Z.matches(b"1Z999AA101234567840"));
    assert!(!Format::Ups1Z.matches(b"X1Z999AA10123456784"));
    // IMpb must start 92-95 after the optional routing prefix.
    assert!(!Format::UspsImpb.matches(b"9100100000000000000006"));
    // Express 34 may not start with 9 (that is Ground GSN's space).
    assert!(!Format::FedexExpress34.matches(b"9234567890123459021012345678901230"));
    // DHL Express checks are 0-6 only.
    assert!(!Format::DhlExpress.matches(b"1234567898"));
    // The 20-digit legacy 91 number is not a USPS 20 number, and vice versa.
    assert!(!Format::Usps20.matches(b"00123456789012345677"));
    assert!(!Format::UspsLegacy91.matches(b"12345678901234567890"));
    // Lower case never matches: formats work on normalised numbers.
    assert!(!Format::Ups1Z.matches(b"1z999aa10123456784"));
    assert!(!Format::S10.matches(b""));
}

#[test]
fn written_forms_match_once_normalised() {
    let reg = Registry::default();
    let ups = reg.resolve("UPS").unwrap();
    let lasership = reg.resolve("LaserShip").unwrap();
    assert!(passes_any_format(
        &reg,
        ups,
        &normalize_tracking(" 1z 999 aa1 01234 5678 4 ")
    ));
    // The 1LS7 piece number is written with a hyphen before the last 1.
    assert!(passes_any_format(
        &reg,
        lasership,
        &normalize_tracking("1LS7112013123456-1")
    ));
}

#[test]
fn format_carriers_names_the_owners() {
    let reg = Registry::default();
    let id = |n: &str| reg.resolve(n).unwrap();
    assert_eq!(format_carriers(&reg, "1Z999AA10123456784"), vec![id("UPS")]);
    assert_eq!(format_carriers(&reg, "123456789012"), vec![id("FedEx")]);
    // IMpb belongs to USPS, FedEx SmartPost and DHL eCommerce.
    assert_eq!(
        format_carriers(&reg, "9400100000000000000006"),
        vec![id("USPS"), id("FedEx SmartPost"), id("DHL eCommerce")]
    );
    // S10 belongs to every postal operator and consolidator (21 of them).
    let s10 = format_carriers(&reg, "RA123456785US");
    assert_eq!(s10.len(), 21);
    for name in [
        "USPS",
        "Royal Mail",
        "China Post",
        "Yun Express",
        "Chukou1",
        "YDH",
        "DHL eCommerce",
    ] {
        assert!(s10.contains(&id(name)), "{name}");
    }
    assert!(!s10.contains(&id("UPS")));
    assert_eq!(
        format_carriers(&reg, "77812345674"),
        vec![id("Old Dominion")]
    );
    assert_eq!(format_carriers(&reg, "NOT A NUMBER"), vec![]);
}

#[test]
fn carriers_without_formats() {
    let reg = Registry::default();
    for name in [
        "UPS Mail Innovations",
        "TNT",
        "Newgistics",
        "First Mile",
        "SF Express",
        "Estes",
        "YRC Freight",
    ] {
        let id = reg.resolve(name).unwrap();
        assert!(!has_formats(&reg, id), "{name}");
        assert!(!passes_any_format(&reg, id, "ABCDEFGH"), "{name}");
    }
    for name in ["USPS", "FedEx SmartPost", "Yodel", "GOFO", "Old Dominion"] {
        assert!(has_formats(&reg, reg.resolve(name).unwrap()), "{name}");
    }
}

#[test]
fn iso_country_list_is_complete_and_sorted() {
    use vtr_core::carrier::formats::{is_iso_country, ISO_3166_ALPHA2};
    assert_eq!(ISO_3166_ALPHA2.len(), 249);
    assert!(ISO_3166_ALPHA2.windows(2).all(|w| w[0] < w[1]));
    for code in ["US", "CN", "GB", "DE", "HK", "SS", "BQ", "CW", "SX", "XK"] {
        // XK (Kosovo) is a user-assigned code, not an ISO one.
        assert_eq!(is_iso_country(code.as_bytes()), code != "XK", "{code}");
    }
    assert!(!is_iso_country(b"UK"));
    assert!(!is_iso_country(b"us"));
}
