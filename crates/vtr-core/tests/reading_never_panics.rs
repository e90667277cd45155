//! Nothing in the reading front may panic on any input.

use chrono::Datelike;
use proptest::prelude::*;
use vtr_core::decode::decode;
use vtr_core::mapping::Mapping;
use vtr_core::sniff::sniff;
use vtr_core::value::date::parse_date;
use vtr_core::value::money::parse_money;

/// Strings built from the characters the parsers care about, so the
/// interesting branches are reached far more often than with random text.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("0".to_string()),
            Just("1".to_string()),
            Just("9".to_string()),
            Just("12".to_string()),
            Just("2026".to_string()),
            Just("46329".to_string()),
            "[-/.,: T()$€¥+'\"\t|;\r\n年月日Nov]",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        0..24,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn decode_with_boms_never_panics(
        bom in prop_oneof![Just(vec![0xEF, 0xBB, 0xBF]), Just(vec![0xFF, 0xFE]), Just(vec![0xFE, 0xFF])],
        rest in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut bytes = bom;
        bytes.extend(rest);
        let _ = decode(&bytes);
    }

    #[test]
    fn sniff_never_panics(text in tricky(), random in ".{0,300}") {
        if let Ok(l) = sniff(&text) {
            prop_assert!(text.is_char_boundary(l.header_offset));
            prop_assert!(l.header_line >= 1);
        }
        let _ = sniff(&random);
    }

    #[test]
    fn parse_date_never_panics(s in tricky(), random in ".{0,40}") {
        let _ = parse_date(&s).map(|d| (d.month_first(), d.day_first(), d.forces_day_first()));
        let _ = parse_date(&random);
    }

    #[test]
    fn parse_money_never_panics(s in tricky(), random in ".{0,40}") {
        let _ = parse_money(&s);
        let _ = parse_money(&random);
    }

    #[test]
    fn mapping_never_panics(headers in proptest::collection::vec(".{0,20}", 0..8)) {
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let m = Mapping::detect(&refs);
        for (_, col) in m.mapped() {
            prop_assert!(col < headers.len());
        }
    }

    #[test]
    fn dot_amounts_round_trip(cents in -10_000_000_000i64..10_000_000_000i64) {
        let text = format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100);
        let m = parse_money(&text).unwrap().unwrap();
        prop_assert_eq!(m.dot, Some(cents));
    }

    #[test]
    fn iso_dates_round_trip(days in 0i64..100_000) {
        let d = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
        if d.year_ce().1 <= 2199 {
            let s = d.format("%Y-%m-%d").to_string();
            prop_assert_eq!(parse_date(&s).unwrap().month_first(), Some(d));
        }
    }
}
