//! One test per exclusion, invalid reason and warning of
//! shared/spec/vtr-rules.md, each through the whole pipeline.

mod common;
use common::*;
use vtr_core::result::Status;

const H: &str = "order-id,tracking-number,carrier-code,carrier-name,ship-method,promised-delivery-date,product-category,item-price,shipping-price,fulfillment-channel,order-status,package-type,ship-from-country";

/// A valid, counted row with one column overridden.
fn row(order: &str, tracking: &str) -> Vec<String> {
    [
        order,
        tracking,
        "UPS",
        "",
        "Ground",
        "2026-11-01",
        "Toys",
        "25.00",
        "4.99",
        "MFN",
        "Shipped",
        "",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn with(mut r: Vec<String>, col: usize, v: &str) -> Vec<String> {
    r[col] = v.to_string();
    r
}

const CARRIER: usize = 2;
const NAME: usize = 3;
const METHOD: usize = 4;
const PROMISED: usize = 5;
const CATEGORY: usize = 6;
const ITEM: usize = 7;
const SHIP: usize = 8;
const CHANNEL: usize = 9;
const STATUS: usize = 10;
const PTYPE: usize = 11;
const ORIGIN: usize = 12;

fn csv(rows: &[Vec<String>]) -> String {
    let mut s = String::from(H);
    for r in rows {
        s.push('\n');
        s.push_str(&r.join(","));
    }
    s.push('\n');
    s
}

fn valid_rows(n: usize, start: usize) -> Vec<Vec<String>> {
    (0..n)
        .map(|i| row(&format!("O-{}", start + i), &ups_n(start + i)))
        .collect()
}

#[test]
fn all_valid_baseline() {
    let s = run(&csv(&valid_rows(3, 0)));
    assert_eq!((s.rows, s.packages, s.considered, s.valid), (3, 3, 3, 3));
    assert_eq!(s.status, Status::Ok);
    assert_eq!(s.vtr, Some(1.0));
    assert_consistent(&s);
}

#[test]
fn excludes_amazon_fulfilled() {
    let mut rows = valid_rows(1, 0);
    rows.push(with(row("A1", &ups_n(10)), CHANNEL, "AFN"));
    rows.push(with(row("A2", &ups_n(11)), CHANNEL, "Fulfilled by Amazon"));
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.amazon_fulfilled, 2);
    assert_eq!((s.considered, s.valid), (1, 1));
    assert_consistent(&s);
}

#[test]
fn excludes_not_shipped() {
    let mut rows = valid_rows(1, 0);
    for (i, st) in [
        "Cancelled",
        "Canceled",
        "Pending",
        "Unshipped",
        "PendingAvailability",
    ]
    .iter()
    .enumerate()
    {
        rows.push(with(row(&format!("N{i}"), &ups_n(20 + i)), STATUS, st));
    }
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.not_shipped, 5);
    assert_eq!(s.considered, 1);
    assert_consistent(&s);
}

#[test]
fn excludes_digital() {
    let mut rows = valid_rows(1, 0);
    rows.push(with(row("D1", &ups_n(30)), METHOD, "Digital Download"));
    rows.push(with(row("D2", &ups_n(31)), CATEGORY, "Kindle Store"));
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.digital, 2);
    assert_eq!(s.considered, 1);
}

#[test]
fn excludes_undated_and_outside_window_with_inclusive_edges() {
    let mut rows = valid_rows(1, 0);
    rows.push(with(row("U1", &ups_n(40)), PROMISED, ""));
    rows.push(with(row("W1", &ups_n(41)), PROMISED, "2026-10-12"));
    rows.push(with(row("W2", &ups_n(42)), PROMISED, "2026-11-12"));
    rows.push(with(row("E1", &ups_n(43)), PROMISED, "2026-10-13"));
    rows.push(with(row("E2", &ups_n(44)), PROMISED, "2026-11-11"));
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.undated, 1);
    assert_eq!(s.excluded.outside_window, 2);
    assert_eq!((s.considered, s.valid), (3, 3));
    assert_eq!(s.window.start, Some(date("2026-10-13")));
    assert_eq!(s.window.end, Some(date("2026-11-11")));
    assert_consistent(&s);
}

#[test]
fn excludes_freight_only_with_non_integrated_carriers() {
    let mut rows = valid_rows(1, 0);
    rows.push(with(
        with(row("F1", "12345678901"), CARRIER, "Estes"),
        METHOD,
        "LTL Freight",
    ));
    rows.push(with(
        with(row("F2", "ODFL7780000001"), CARRIER, "Old Dominion"),
        METHOD,
        "Truckload",
    ));
    // Freight with an integrated carrier still counts.
    rows.push(with(row("F3", &ups_n(50)), METHOD, "UPS Freight LTL"));
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.freight_non_integrated, 2);
    assert_eq!((s.considered, s.valid), (2, 2));
}

#[test]
fn excludes_small_usps_envelopes_under_ten_dollars() {
    let mut rows = valid_rows(1, 0);
    let env = |o: &str, t: &str, item: &str, ship: &str| {
        with(
            with(
                with(
                    with(row(o, t), CARRIER, "USPS"),
                    METHOD,
                    "First Class Mail Letter",
                ),
                ITEM,
                item,
            ),
            SHIP,
            ship,
        )
    };
    rows.push(env("S1", &usps("9400111899223344556"), "8.00", "1.99")); // 9.99 < 10.00
    rows.push(env("S2", &usps("9400111899223344557"), "8.00", "2.00")); // 10.00 is not below
    rows.push(with(
        with(row("S3", &usps("9400111899223344558")), CARRIER, "USPS"),
        PTYPE,
        "Large Envelope",
    ));
    let s = run(&csv(&with_item(rows, "S3", "3.00", "0.00")));
    assert_eq!(s.excluded.small_envelope, 2);
    assert_eq!(s.considered, 2);
    assert_consistent(&s);
}

fn with_item(rows: Vec<Vec<String>>, order: &str, item: &str, ship: &str) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|r| {
            if r[0] == order {
                with(with(r, ITEM, item), SHIP, ship)
            } else {
                r
            }
        })
        .collect()
}

#[test]
fn excludes_international_low_value_at_five_dollars_or_less() {
    let mut rows = valid_rows(1, 0);
    rows.push(
        with_item(
            vec![with(row("I1", &ups_n(60)), ORIGIN, "CN")],
            "I1",
            "4.00",
            "1.00",
        )
        .remove(0),
    ); // 5.00
    rows.push(
        with_item(
            vec![with(row("I2", &ups_n(61)), ORIGIN, "CN")],
            "I2",
            "4.01",
            "1.00",
        )
        .remove(0),
    ); // 5.01
    rows.push(
        with_item(
            vec![with(row("I3", &ups_n(62)), ORIGIN, "US")],
            "I3",
            "1.00",
            "1.00",
        )
        .remove(0),
    ); // domestic
    let s = run(&csv(&rows));
    assert_eq!(s.excluded.international_low_value, 1);
    assert_eq!(s.considered, 3);

    // The international-seller setting applies the rule to every package.
    let intl = vtr_core::Settings {
        international: true,
        ..settings()
    };
    let (_, a) = run_with(&csv(&rows), &intl);
    assert_eq!(a.summary.excluded.international_low_value, 2);
}

#[test]
fn first_matching_exclusion_wins() {
    // Amazon-fulfilled AND cancelled AND outside the window: amazon_fulfilled.
    let r = with(
        with(
            with(row("X", &ups_n(70)), CHANNEL, "AFN"),
            STATUS,
            "Cancelled",
        ),
        PROMISED,
        "2020-01-01",
    );
    let s = run(&csv(&[r]));
    assert_eq!(s.excluded.amazon_fulfilled, 1);
    assert_eq!(s.excluded.total(), 1);
}

#[test]
fn invalid_reasons_each_counted() {
    let mut rows = valid_rows(2, 0);
    rows.push(row("M1", "N/A"));
    rows.push(row("M2", "9.4001E+21"));
    rows.push(with(row("M3", &ups_n(80)), CARRIER, ""));
    rows.push(with(row("M4", &ups_n(81)), CARRIER, "顺丰速运"));
    rows.push(with(row("M5", &ups_n(82)), CARRIER, "Bob's Courier"));
    rows.push(with(
        with(row("M6", &ups_n(83)), CARRIER, "Other"),
        NAME,
        "UPS",
    ));
    rows.push(with(row("M7", &ups_n(84)), CARRIER, "USPS")); // a UPS number under USPS
    rows.push(row("M8", "1Z12345"));
    let s = run(&csv(&rows));
    let i = s.invalid;
    assert_eq!(
        (
            i.missing_tracking,
            i.spreadsheet_mangled,
            i.missing_carrier,
            i.chinese_carrier_name,
            i.unsupported_carrier,
            i.other_with_listed_carrier,
            i.carrier_mismatch,
            i.malformed_tracking,
            i.no_carrier_scan
        ),
        (1, 1, 1, 1, 1, 1, 1, 1, 0)
    );
    assert_eq!((s.considered, s.valid), (10, 2));
    assert_eq!(s.status, Status::AtRisk);
    // 2 of 10: 8 fixes make 10/10, 9 of 10 is 90%: all 8 are needed.
    assert_eq!(s.fixes_needed, 8);
    assert_consistent(&s);
}

#[test]
fn no_carrier_scan_from_first_scan_date() {
    let csv = format!(
        "order-id,tracking-number,carrier-code,promised-delivery-date,first-scan-date\n\
         A,{},UPS,2026-11-01,2026-10-30\nB,{},UPS,2026-11-01,\n",
        ups_n(1),
        ups_n(2)
    );
    let s = run(&csv);
    assert_eq!(s.invalid.no_carrier_scan, 1);
    assert_eq!(s.valid, 1);
}

#[test]
fn no_carrier_scan_from_amazon_flags() {
    let csv = format!(
        "amazon-order-id,tracking-number,carrier,no valid tracking\nA,{},UPS,X\nB,{},UPS,\n",
        ups_n(1),
        ups_n(2)
    );
    let s = run(&csv);
    assert_eq!(s.invalid.no_carrier_scan, 1);
    assert_eq!(s.valid, 1);
    assert!(!s.window.applied, "no date column: the window is off");
}

#[test]
fn warning_reused_tracking() {
    let t = ups_n(1);
    let rows = vec![row("A", &t), row("B", &t), row("C", &ups_n(2))];
    let s = run(&csv(&rows));
    assert_eq!(s.warnings.reused_tracking, 2);
    assert_eq!(s.packages, 3);
}

#[test]
fn warning_window_by_fallback_date() {
    let csv = format!(
        "order-id,tracking-number,carrier,ship-date,purchase-date\nA,{},UPS,2026-11-01,2026-10-30\nB,{},UPS,,2026-10-30\n",
        ups_n(1),
        ups_n(2)
    );
    let s = run(&csv);
    assert_eq!(s.warnings.window_by_fallback_date, 2);
    assert_eq!(s.considered, 2);
}

#[test]
fn warning_duplicate_rows_and_rows_count() {
    let mut rows = valid_rows(2, 0);
    rows.push(rows[0].clone());
    rows.push(rows[0].clone());
    let s = run(&csv(&rows));
    assert_eq!(s.warnings.duplicate_rows, 2);
    assert_eq!(s.rows, 4);
    assert_eq!(s.packages, 2);
}

#[test]
fn warning_value_unknown() {
    let csv = format!(
        "order-id,tracking-number,carrier,ship-method,promised-delivery-date\nA,{},USPS,First Class Mail Letter,2026-11-01\nB,{},UPS,Ground,2026-11-01\n",
        usps("9400111899223344556"),
        ups_n(1)
    );
    let s = run(&csv);
    assert_eq!(s.warnings.value_unknown, 1);
    assert_eq!(s.excluded.small_envelope, 0);
}

#[test]
fn helps_worked_example_190_of_200_is_at_risk_with_one_fix() {
    let mut rows = valid_rows(190, 0);
    for i in 0..10 {
        rows.push(row(&format!("BAD{i}"), "N/A"));
    }
    let s = run(&csv(&rows));
    assert_eq!((s.considered, s.valid), (200, 190));
    assert_eq!(s.vtr, Some(0.95));
    assert_eq!(s.status, Status::AtRisk);
    assert_eq!(s.fixes_needed, 1);
    assert_eq!(s.categories.len(), 1);
    assert_eq!(s.categories[0].category, "Toys");
    assert_eq!(s.categories[0].fixes_needed, 1);
}

#[test]
fn categories_are_separate_and_fixes_add_up() {
    let mut rows = valid_rows(19, 0);
    rows.push(row("T-bad", "N/A")); // Toys 19/20 = 95%: at risk, 1 fix
    for i in 0..10 {
        rows.push(with(
            row(&format!("B{i}"), &ups_n(100 + i)),
            CATEGORY,
            "Books",
        ));
    }
    rows.push(with(row("U", &ups_n(200)), CATEGORY, "")); // uncategorised
    let s = run(&csv(&rows));
    let cat = |n: &str| {
        s.categories
            .iter()
            .find(|c| c.category == n)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            cat("Toys").considered,
            cat("Toys").valid,
            cat("Toys").status
        ),
        (20, 19, Status::AtRisk)
    );
    assert_eq!(cat("Books").status, Status::Ok);
    assert_eq!(cat("(uncategorised)").considered, 1);
    assert_eq!(s.status, Status::AtRisk);
    assert_eq!(s.fixes_needed, 1);
}

#[test]
fn premium_segment_counts_and_stays_in_totals() {
    let mut rows = valid_rows(2, 0);
    rows.push(with(row("P1", &ups_n(300)), METHOD, "Premium Shipping"));
    rows.push(with(row("P2", "N/A"), METHOD, "Premium Two-Day"));
    let s = run(&csv(&rows));
    assert_eq!(
        (s.segments.premium.considered, s.segments.premium.valid),
        (2, 1)
    );
    assert_eq!(s.considered, 4);
}

#[test]
fn item_rows_of_one_package_sum_and_group() {
    // Two items of one package under one tracking number: one package.
    let t = ups_n(1);
    let rows = vec![row("A", &t), with(row("A", &t), ITEM, "3.00")];
    let (data, a) = run_with(&csv(&rows), &settings());
    assert_eq!(a.summary.packages, 1);
    assert_eq!(data.package(0).unwrap().value, Some(2500 + 499 + 300 + 499));
    let srcs: Vec<u32> = data.sources(0).iter().map(|s| s.line).collect();
    assert_eq!(srcs, vec![2, 3]);
}

#[test]
fn json_has_exactly_the_section_8_keys() {
    let s = run(&csv(&valid_rows(2, 0)));
    let v = serde_json::to_value(&s).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    let mut want = vec![
        "settings",
        "window",
        "rows",
        "packages",
        "excluded",
        "considered",
        "valid",
        "invalid",
        "vtr",
        "status",
        "fixes_needed",
        "categories",
        "carriers",
        "segments",
        "warnings",
    ];
    let mut got = keys.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(v["excluded"].as_object().unwrap().len(), 8);
    assert_eq!(v["invalid"].as_object().unwrap().len(), 9);
    assert_eq!(v["warnings"].as_object().unwrap().len(), 4);
    assert_eq!(v["settings"]["threshold"], serde_json::json!(0.95));
    assert_eq!(v["status"], "ok");
    assert_eq!(v["window"]["start"], "2026-10-13");
    assert_eq!(v["carriers"][0]["carrier"], "UPS");
}

#[test]
fn package_list_filters_by_reason_category_carrier_and_search() {
    use vtr_core::query::{filter, PackageFilter, ReasonFilter, StatusFilter};
    use vtr_core::rules::validity::InvalidReason;
    let mut rows = valid_rows(3, 0);
    rows.push(row("113-0000001-0000001", "N/A"));
    rows.push(with(row("113-0000002-0000002", "n/a"), CATEGORY, "Books"));
    rows.push(with(row("X9", &ups_n(99)), CARRIER, "Bob's Courier"));
    let (data, a) = run_with(&csv(&rows), &settings());
    let count = |f: PackageFilter| filter(&data, &a, &f).len();
    assert_eq!(count(PackageFilter::default()), 6);
    assert_eq!(
        count(PackageFilter {
            status: StatusFilter::Invalid,
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(PackageFilter {
            status: StatusFilter::Valid,
            ..Default::default()
        }),
        3
    );
    let missing = Some(ReasonFilter::Invalid(InvalidReason::MissingTracking));
    assert_eq!(
        count(PackageFilter {
            reason: missing,
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(PackageFilter {
            reason: missing,
            category: Some("Books".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(PackageFilter {
            carrier: Some("Bob's Courier".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(PackageFilter {
            carrier: Some("UPS".into()),
            ..Default::default()
        }),
        5
    );
    assert_eq!(
        count(PackageFilter {
            carrier: Some("Nobody".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(PackageFilter {
            search: "1130000001".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(PackageFilter {
            search: "113-0000002".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(PackageFilter {
            search: ups_n(1)[8..].to_lowercase(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        ReasonFilter::from_key("small_envelope").map(|r| r.key()),
        Some("small_envelope")
    );
    assert_eq!(a.carrier(5), "Bob's Courier");
}

#[test]
fn trend_slides_the_window_day_by_day_and_matches_categories_by_name() {
    use vtr_core::trend::{trend, TrendPoint};
    let rows = vec![
        with(row("A", &ups_n(1)), PROMISED, "2026-11-01"),
        with(
            with(row("B", "N/A"), PROMISED, "2026-11-01"),
            CATEGORY,
            " Toys ",
        ),
        with(
            with(row("C", &ups_n(3)), PROMISED, "2026-11-03"),
            CATEGORY,
            "Books",
        ),
        with(
            with(row("D", &ups_n(4)), PROMISED, "2026-11-03"),
            CHANNEL,
            "AFN",
        ),
    ];
    let (_, a) = run_with(&csv(&rows), &settings());
    let p = |d: &str, considered, valid| TrendPoint {
        end: date(d),
        considered,
        valid,
    };
    assert_eq!(
        trend(&a, 2, None),
        vec![
            p("2026-11-01", 2, 1),
            p("2026-11-02", 2, 1),
            p("2026-11-03", 1, 1)
        ]
    );
    // " Toys " is shown as "Toys", and the chart follows what is shown.
    assert_eq!(trend(&a, 2, Some("Toys")), vec![p("2026-11-01", 2, 1)]);
    assert_eq!(trend(&a, 2, Some("Nothing")), vec![]);
}

#[test]
fn duplicate_rows_ignore_padding_but_not_cell_boundaries() {
    let t = ups_n(1);
    let csv = format!(
        "order-id,tracking-number,carrier,note\n\
         A,{t},UPS,ab\n\
         A , {t} ,UPS,ab \n\
         A,{t},UPS,a\n\
         A,{t},UPSa,b\n"
    );
    let data = load_str(&[("d.csv", &csv)]);
    // Line 3 repeats line 2 but for spaces; lines 4 and 5 differ in a cell.
    assert_eq!(data.duplicate_rows(), 1);
    assert_eq!(data.rows(), 4);
}

#[test]
fn a_spreadsheet_damaged_number_on_two_orders_is_no_reuse() {
    // Written exactly as Excel leaves it, the same on two orders: damaged,
    // not reused (section 6: missing and mangled numbers aside).
    let csv = "order-id,tracking-number,carrier-code\nA,9.4001E+21,USPS\nB,9.4001E+21,USPS\nC,1Z999AA10123456784,UPS\nD,1Z999AA10123456784,UPS\n";
    let s = common::run(csv);
    assert_eq!(s.warnings.reused_tracking, 2);
    assert_eq!(s.invalid.spreadsheet_mangled, 2);
}
