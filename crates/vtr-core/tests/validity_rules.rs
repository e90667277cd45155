//! The valid-tracking rule of vtr-rules.md section 6: each invalid reason
//! is produced, and the first failing check wins.

use proptest::prelude::*;
use vtr_core::carrier::{Registry, RegistryEdits};
use vtr_core::rules::validity::{
    assess, check, recognise, InvalidReason, InvalidReason::*, TrackingFacts,
};
use vtr_core::value::tracking::ScanEvidence;

const IMPB: &str = "9400 1000 0000 0000 0000 06"; // valid USPS IMpb, as written
const UPS: &str = "1Z999AA10123456784"; // valid UPS 1Z
const YT: &str = "YT1234567890123456"; // valid Yun Express

fn facts<'a>(tracking: &'a str, carrier: &'a str, carrier_name: &'a str) -> TrackingFacts<'a> {
    TrackingFacts {
        tracking,
        carrier,
        carrier_name,
        scan: ScanEvidence::Unknown,
    }
}

fn run(tracking: &str, carrier: &str, name: &str) -> Option<InvalidReason> {
    check(&facts(tracking, carrier, name), &Registry::default())
}

#[test]
fn reasons_are_in_spec_order_with_spec_keys() {
    let keys: Vec<&str> = InvalidReason::ALL.iter().map(|r| r.key()).collect();
    assert_eq!(
        keys,
        [
            "missing_tracking",
            "spreadsheet_mangled",
            "missing_carrier",
            "chinese_carrier_name",
            "unsupported_carrier",
            "other_with_listed_carrier",
            "carrier_mismatch",
            "malformed_tracking",
            "no_carrier_scan"
        ]
    );
    assert!(InvalidReason::ALL.windows(2).all(|w| w[0] < w[1]));
    for r in InvalidReason::ALL {
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            format!("\"{}\"", r.key())
        );
    }
}

#[test]
fn valid_numbers_pass() {
    assert_eq!(run(IMPB, "USPS", ""), None);
    assert_eq!(run(UPS, "ups ground", ""), None);
    assert_eq!(run("1z 999 aa1 0123456784", "UPS", ""), None);
    assert_eq!(run("RA123456785CN", "China Post", ""), None);
    assert_eq!(run(YT, "YunExpress", ""), None);
    // A carrier without formats takes any 8-40 letters/digits.
    assert_eq!(run("ABCD-1234", "TNT", ""), None);
    assert_eq!(run(&"9".repeat(40), "TNT", ""), None);
    let scanned = TrackingFacts {
        scan: ScanEvidence::Scanned,
        ..facts(IMPB, "USPS", "")
    };
    assert_eq!(check(&scanned, &Registry::default()), None);
}

#[test]
fn missing_tracking() {
    for t in ["", "  ", "N/A", "na", "None", "NULL", "-", "0"] {
        assert_eq!(run(t, "USPS", ""), Some(MissingTracking), "{t:?}");
    }
}

#[test]
fn spreadsheet_mangled() {
    for t in ["9.4001E+21", "1.23e15", "940010000000000.0"] {
        assert_eq!(run(t, "USPS", ""), Some(SpreadsheetMangled), "{t:?}");
    }
}

#[test]
fn missing_carrier() {
    assert_eq!(run(IMPB, "", ""), Some(MissingCarrier));
    assert_eq!(run(IMPB, "  ", ""), Some(MissingCarrier));
    assert_eq!(run(IMPB, "N/A", ""), Some(MissingCarrier));
}

#[test]
fn an_empty_carrier_with_a_name_uses_the_name() {
    assert_eq!(run(IMPB, "", "USPS"), None);
    assert_eq!(run(IMPB, "", "Acme"), Some(UnsupportedCarrier));
}

#[test]
fn chinese_carrier_name() {
    assert_eq!(run(IMPB, "中国邮政", ""), Some(ChineseCarrierName));
    assert_eq!(run(YT, "Other", "云途物流"), Some(ChineseCarrierName));
    assert_eq!(run(YT, "Yun Express（云途）", ""), Some(ChineseCarrierName));
}

#[test]
fn unsupported_carrier() {
    assert_eq!(
        run("ABCD12345", "Acme Couriers", ""),
        Some(UnsupportedCarrier)
    );
    // Freight carriers Amazon is not integrated with.
    assert_eq!(
        run("77812345674", "Old Dominion", ""),
        Some(UnsupportedCarrier)
    );
    assert_eq!(run("ABCD12345", "Estes", ""), Some(UnsupportedCarrier));
    // "Other" with an empty, unknown or not-integrated name.
    assert_eq!(run(YT, "Other", ""), Some(UnsupportedCarrier));
    assert_eq!(run(YT, "Other", "N/A"), Some(UnsupportedCarrier));
    assert_eq!(run(YT, "Other", "Acme"), Some(UnsupportedCarrier));
    assert_eq!(run("ABCD12345", "Other", "Saia"), Some(UnsupportedCarrier));
    assert_eq!(run(YT, "Other", "Other"), Some(UnsupportedCarrier));
}

#[test]
fn other_with_listed_carrier() {
    assert_eq!(run(IMPB, "Other", "USPS"), Some(OtherWithListedCarrier));
    assert_eq!(
        run(YT, "other", "Yun Express"),
        Some(OtherWithListedCarrier)
    );
}

#[test]
fn other_with_an_integrated_unlisted_carrier_goes_on_to_the_formats() {
    let mut reg = Registry::default();
    let mut edits = RegistryEdits::default();
    edits
        .set_listed("Yun Express", false)
        .add_carrier("Acme", &[], false);
    reg.apply(&edits);
    let f = facts(YT, "Other", "YunExpress");
    assert_eq!(check(&f, &reg), None);
    assert_eq!(recognise(&f, &reg), reg.resolve("Yun Express"));
    // Against Yun Express's formats: a UPS number is a mismatch, junk is malformed.
    assert_eq!(
        check(&facts(UPS, "Other", "Yun Express"), &reg),
        Some(CarrierMismatch)
    );
    assert_eq!(
        check(&facts("ABCDEFGH12", "Other", "Yun Express"), &reg),
        Some(MalformedTracking)
    );
    // A user-added carrier without formats: any well-formed number.
    assert_eq!(check(&facts("ACME000123", "Other", "acme"), &reg), None);
    assert_eq!(
        check(&facts("ACME01", "Other", "acme"), &reg),
        Some(MalformedTracking)
    );
}

#[test]
fn carrier_mismatch() {
    // A USPS IMpb number declared as UPS.
    assert_eq!(run(IMPB, "UPS", ""), Some(CarrierMismatch));
    // A UPS number declared as FedEx.
    assert_eq!(run(UPS, "FedEx", ""), Some(CarrierMismatch));
    // A legacy 91 number without its 91, declared as FedEx.
    assert_eq!(
        run("00123456789012345677", "FedEx", ""),
        Some(CarrierMismatch)
    );
    // An Old Dominion PRO (non-integrated carrier) under Purolator still says mismatch.
    assert_eq!(run("77812345674", "Purolator", ""), Some(CarrierMismatch));
}

#[test]
fn malformed_tracking() {
    // Declared carrier has formats, the number passes none, nor anyone else's.
    assert_eq!(
        run("1Z999AA10123456785", "UPS", ""),
        Some(MalformedTracking)
    );
    assert_eq!(
        run("9400100000000000000007", "USPS", ""),
        Some(MalformedTracking)
    );
    // Any carrier: characters outside A-Z 0-9, too short, too long.
    assert_eq!(run("ABCD#1234", "TNT", ""), Some(MalformedTracking));
    assert_eq!(run("ABC1234", "TNT", ""), Some(MalformedTracking));
    assert_eq!(run(&"9".repeat(41), "TNT", ""), Some(MalformedTracking));
    assert_eq!(run("ÄBCD12345", "TNT", ""), Some(MalformedTracking));
    // 41 characters in DHL eCommerce's prefixed shape: too long for anyone,
    // so malformed rather than a mismatch.
    let long = format!("GM{}", "1".repeat(39));
    assert_eq!(run(&long, "USPS", ""), Some(MalformedTracking));
}

#[test]
fn no_carrier_scan() {
    let f = TrackingFacts {
        scan: ScanEvidence::NotScanned,
        ..facts(IMPB, "USPS", "")
    };
    assert_eq!(check(&f, &Registry::default()), Some(NoCarrierScan));
}

#[test]
fn the_first_failing_check_wins() {
    let reg = Registry::default();
    let not_scanned = |t: &'static str, c: &'static str, n: &'static str| TrackingFacts {
        scan: ScanEvidence::NotScanned,
        ..facts(t, c, n)
    };
    let cases = [
        // missing tracking beats everything after it
        (not_scanned("", "", "中文"), MissingTracking),
        // mangled beats a missing/Chinese carrier
        (not_scanned("9.4001E+21", "", ""), SpreadsheetMangled),
        (
            not_scanned("9.4001E+21", "中国邮政", ""),
            SpreadsheetMangled,
        ),
        // missing carrier beats a malformed number
        (not_scanned("#", "", ""), MissingCarrier),
        // Chinese beats unsupported and malformed
        (not_scanned("#", "顺丰", ""), ChineseCarrierName),
        (not_scanned("#", "Other", "顺丰"), ChineseCarrierName),
        // unsupported beats malformed
        (not_scanned("#", "Acme", ""), UnsupportedCarrier),
        (not_scanned("#", "Other", ""), UnsupportedCarrier),
        // other-with-listed beats a malformed number
        (not_scanned("#", "Other", "FedEx"), OtherWithListedCarrier),
        // mismatch and malformed beat the missing scan
        (not_scanned(UPS, "USPS", ""), CarrierMismatch),
        (
            not_scanned("1Z999AA10123456785", "UPS", ""),
            MalformedTracking,
        ),
        (not_scanned(UPS, "UPS", ""), NoCarrierScan),
    ];
    for (f, expected) in cases {
        assert_eq!(check(&f, &reg), Some(expected), "{f:?}");
    }
}

#[test]
fn recognise_names_the_carrier() {
    let reg = Registry::default();
    let name = |f: TrackingFacts| recognise(&f, &reg).map(|id| reg.get(id).name.clone());
    assert_eq!(
        name(facts(UPS, "fedex ground", "")).as_deref(),
        Some("FedEx")
    );
    assert_eq!(name(facts(UPS, "Other", "CK1")).as_deref(), Some("Chukou1"));
    // Recognised even when not integrated: the freight exclusion needs it.
    assert_eq!(name(facts("", "ODFL", "")).as_deref(), Some("Old Dominion"));
    assert_eq!(name(facts(UPS, "Other", "")), None);
    assert_eq!(name(facts(UPS, "", "")), None);
    assert_eq!(name(facts(UPS, "Acme", "")), None);
    // The carrier field wins over the name unless it is "Other".
    assert_eq!(name(facts(UPS, "UPS", "USPS")).as_deref(), Some("UPS"));
}

fn scan_strategy() -> impl Strategy<Value = ScanEvidence> {
    prop_oneof![
        Just(ScanEvidence::Unknown),
        Just(ScanEvidence::Scanned),
        Just(ScanEvidence::NotScanned)
    ]
}

proptest! {
    #[test]
    fn check_and_recognise_never_panic(
        tracking in any::<String>(),
        carrier in prop_oneof![any::<String>(), Just("Other".to_string()), Just("USPS".to_string())],
        name in any::<String>(),
        scan in scan_strategy(),
    ) {
        let reg = Registry::default();
        let f = TrackingFacts { tracking: &tracking, carrier: &carrier, carrier_name: &name, scan };
        let a = assess(&f, &reg);
        prop_assert_eq!(a.invalid, check(&f, &reg));
        prop_assert_eq!(a.carrier, recognise(&f, &reg));
    }

    #[test]
    fn digit_strings_never_panic_any_carrier(
        tracking in "[0-9A-Z -]{0,50}",
        idx in 0usize..47,
    ) {
        let reg = Registry::default();
        let carrier = reg.carriers()[idx].name.clone();
        let f = facts(&tracking, &carrier, "");
        let _ = check(&f, &reg);
    }
}
