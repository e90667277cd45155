//! Date and money cells in every form of section 9.

use chrono::NaiveDate;
use vtr_core::value::date::{parse_date, RawDate};
use vtr_core::value::money::{parse_money, RawMoney};

fn date(y: i32, m: u32, d: u32) -> RawDate {
    RawDate::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn nd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_unambiguous_date_form() {
    let nov3 = date(2026, 11, 3);
    for s in [
        "2026-11-03",
        " 2026-11-03 ",
        "2026-11-3",
        "2026-11-03T10:00:00-08:00",
        "2026-11-03T23:59:59+14:00",
        "2026-11-03T10:00:00Z",
        "2026-11-03T10:00:00.123Z",
        "2026-11-03 10:00:00",
        "2026-11-03 10:00",
        "2026/11/03",
        "2026/11/03 08:15:00",
        "2026.11.03",
        "20261103",
        "03.11.2026",
        "3.11.2026",
        "03.11.26",
        "03.11.2026 14:30",
        "Nov 3, 2026",
        "Nov 3 2026",
        "Nov. 3, 2026",
        "nov 03, 2026",
        "November 3 2026",
        "November 3, 2026",
        "November 3rd, 2026",
        "Tue, Nov 3, 2026",
        "Tuesday, November 3, 2026",
        "Nov 3, 2026 10:00:00 AM PST",
        "3 Nov 2026",
        "3 November 2026",
        "03 Nov 2026",
        "3 Nov, 2026",
        "03-Nov-2026",
        "3-Nov-26",
        "2026年11月3日",
        "2026年11月03日",
        "2026年11月3日 10:00",
        "2026年11月3日 10:00:00",
        "2026年11月3日10时30分",
        "46329",
        "46329.5",
        "46329.999988426",
    ] {
        assert_eq!(parse_date(s), Ok(nov3), "{s:?}");
    }
}

#[test]
fn the_time_and_offset_never_shift_the_day() {
    // 23:30 at -08:00 is already 4 November in UTC; the date as written wins.
    assert_eq!(
        parse_date("2026-11-03T23:30:00-08:00"),
        Ok(date(2026, 11, 3))
    );
    assert_eq!(
        parse_date("2026-11-04T00:30:00+09:00"),
        Ok(date(2026, 11, 4))
    );
}

#[test]
fn empty_cells() {
    assert_eq!(parse_date(""), Ok(RawDate::Empty));
    assert_eq!(parse_date("   "), Ok(RawDate::Empty));
    assert_eq!(RawDate::Empty.month_first(), None);
    assert_eq!(RawDate::Empty.day_first(), None);
    assert!(!RawDate::Empty.forces_day_first());
}

#[test]
fn slashes_are_ambiguous() {
    let us = parse_date("11/03/2026").unwrap();
    assert_eq!(
        us,
        RawDate::Slash {
            first: 11,
            second: 3,
            year: 2026
        }
    );
    assert_eq!(us.month_first(), Some(nd(2026, 11, 3)));
    assert_eq!(us.day_first(), Some(nd(2026, 3, 11)));
    assert!(!us.forces_day_first());

    let eu = parse_date("13/11/2026").unwrap();
    assert_eq!(
        eu,
        RawDate::Slash {
            first: 13,
            second: 11,
            year: 2026
        }
    );
    assert_eq!(eu.month_first(), None);
    assert_eq!(eu.day_first(), Some(nd(2026, 11, 13)));
    assert!(eu.forces_day_first());

    // Month-first only: the second part cannot be a month.
    let x = parse_date("11/13/2026").unwrap();
    assert_eq!(x.month_first(), Some(nd(2026, 11, 13)));
    assert_eq!(x.day_first(), None);
    assert!(!x.forces_day_first());
}

#[test]
fn slash_variants() {
    let s = |first, second, year| {
        Ok(RawDate::Slash {
            first,
            second,
            year,
        })
    };
    assert_eq!(parse_date("1/5/2026"), s(1, 5, 2026));
    assert_eq!(parse_date("11/3/26"), s(11, 3, 2026));
    assert_eq!(parse_date("11/03/2026 10:00:00"), s(11, 3, 2026));
    assert_eq!(parse_date("11/03/2026 10:00 PM"), s(11, 3, 2026));
    assert_eq!(parse_date("11-03-2026"), s(11, 3, 2026));
}

#[test]
fn a_date_kind_is_the_same_both_ways() {
    let d = parse_date("2026-11-03").unwrap();
    assert_eq!(d.month_first(), Some(nd(2026, 11, 3)));
    assert_eq!(d.day_first(), Some(nd(2026, 11, 3)));
    assert!(!d.forces_day_first());
}

#[test]
fn not_dates() {
    for s in [
        "tomorrow",
        "2026-13-01",
        "2026-02-30",
        "2026-11",
        "2026-11-03-",
        "2026-11-03 foo",
        "2026-11/03",
        "13/13/2026",
        "31/31/2026",
        "11/03/1",
        "11/03/202",
        "32.01.2026",
        "Smarch 3, 2026",
        "Nov 32, 2026",
        "12",
        "19999",
        "80001",
        "123456789012",
        "46329.5.5",
        "0001-01-01",
        "2026年13月3日",
        "2026年11月3",
        "N/A",
        "-",
    ] {
        assert!(parse_date(s).is_err(), "{s:?} should not parse");
    }
    let e = parse_date("tomorrow").unwrap_err();
    assert_eq!(e.seen, "tomorrow");
    assert!(e.to_string().contains("\"tomorrow\""));
}

#[test]
fn two_digit_years_are_this_century() {
    assert_eq!(parse_date("03.11.99"), Ok(date(2099, 11, 3)));
    assert_eq!(parse_date("03.11.00"), Ok(date(2000, 11, 3)));
}

fn money(
    dot: Option<i64>,
    comma: Option<i64>,
) -> Result<Option<RawMoney>, vtr_core::value::money::MoneyError> {
    Ok(Some(RawMoney { dot, comma }))
}

#[test]
fn every_money_form() {
    let dot_only = |c| money(Some(c), None);
    let comma_only = |c| money(None, Some(c));
    let both = |c| money(Some(c), Some(c));

    assert_eq!(parse_money("12.99"), dot_only(1299));
    assert_eq!(parse_money("$12.99"), dot_only(1299));
    assert_eq!(parse_money("USD 12.99"), dot_only(1299));
    assert_eq!(parse_money("USD12.99"), dot_only(1299));
    assert_eq!(parse_money("12.99 USD"), dot_only(1299));
    assert_eq!(parse_money("US$12.99"), dot_only(1299));
    assert_eq!(parse_money("€12,99"), comma_only(1299));
    assert_eq!(parse_money("12,99 €"), comma_only(1299));
    assert_eq!(parse_money("¥1,234"), dot_only(123_400));
    assert_eq!(parse_money("￥99.50"), dot_only(9950));
    assert_eq!(parse_money("£7.5"), dot_only(750));
    assert_eq!(parse_money("12.99元"), dot_only(1299));
    assert_eq!(parse_money("RMB 12.99"), dot_only(1299));
    assert_eq!(parse_money("1,234.56"), dot_only(123_456));
    assert_eq!(parse_money("1.234,56"), comma_only(123_456));
    assert_eq!(parse_money("12,99"), comma_only(1299));
    assert_eq!(parse_money("1 234,56"), comma_only(123_456));
    assert_eq!(parse_money("1\u{a0}234,56"), comma_only(123_456));
    assert_eq!(parse_money("1,234,567.89"), dot_only(123_456_789));
    assert_eq!(parse_money("1.234.567,89"), comma_only(123_456_789));
    assert_eq!(parse_money("12"), both(1200));
    assert_eq!(parse_money("0"), both(0));
    assert_eq!(parse_money("12.5"), dot_only(1250));
    assert_eq!(parse_money("12,5"), comma_only(1250));
    assert_eq!(parse_money(".99"), dot_only(99));
    assert_eq!(parse_money("12.9900"), dot_only(1299));
}

#[test]
fn three_digits_after_one_separator_are_a_thousands_group() {
    assert_eq!(parse_money("1,234"), money(Some(123_400), None));
    assert!(parse_money("1,234").unwrap().unwrap().forces_dot());
    assert_eq!(parse_money("1.234"), money(None, Some(123_400)));
    assert!(parse_money("1.234").unwrap().unwrap().forces_comma());
}

#[test]
fn negatives() {
    assert_eq!(parse_money("-3.00"), money(Some(-300), None));
    assert_eq!(parse_money("(3.00)"), money(Some(-300), None));
    assert_eq!(parse_money("($3.00)"), money(Some(-300), None));
    assert_eq!(parse_money("-$3.00"), money(Some(-300), None));
    assert_eq!(parse_money("$-3.00"), money(Some(-300), None));
    assert_eq!(parse_money("USD -3.00"), money(Some(-300), None));
    assert_eq!(parse_money("\u{2212}3,00"), money(None, Some(-300)));
    assert_eq!(parse_money("-12"), money(Some(-1200), Some(-1200)));
    assert_eq!(parse_money("+12.99"), money(Some(1299), None));
}

#[test]
fn more_than_two_decimals_round_half_away_from_zero() {
    assert_eq!(parse_money("12.9950"), money(Some(1300), None));
    assert_eq!(parse_money("12.9949"), money(Some(1299), None));
    assert_eq!(parse_money("-12.9950"), money(Some(-1300), None));
    assert_eq!(parse_money("12,9950"), money(None, Some(1300)));
}

#[test]
fn forces() {
    let dot = parse_money("12.99").unwrap().unwrap();
    assert!(dot.forces_dot() && !dot.forces_comma());
    let comma = parse_money("12,99").unwrap().unwrap();
    assert!(comma.forces_comma() && !comma.forces_dot());
    let plain = parse_money("12").unwrap().unwrap();
    assert!(!plain.forces_comma() && !plain.forces_dot());
}

#[test]
fn empty_and_bad_money() {
    assert_eq!(parse_money(""), Ok(None));
    assert_eq!(parse_money("  "), Ok(None));
    for s in [
        "abc",
        "12.99.99",
        "1,2,3",
        "12,34.56",
        "--3",
        "(-3)",
        "$",
        "12 apples",
        "N/A",
        "1.2.3,4",
        "12.99 USDX",
        "1e5",
    ] {
        assert!(parse_money(s).is_err(), "{s:?}");
    }
    let e = parse_money("N/A").unwrap_err();
    assert_eq!(e.seen, "N/A");
    assert!(e
        .to_string()
        .starts_with("\"N/A\" is not an amount of money"));
}
