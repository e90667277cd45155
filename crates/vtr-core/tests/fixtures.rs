//! The six real-world-like files in `fixtures/`, each designed so that its
//! figures are known by construction (see `fixtures/gen.rs`), asserted
//! exactly; and one table of shipments written six ways giving one result.

mod common;
#[path = "fixtures/gen.rs"]
mod gen;

use common::{assert_consistent, date};
use gen::Fixture;
use std::path::PathBuf;
use vtr_core::mapping::Field;
use vtr_core::result::Summary;
use vtr_core::rules::outcome::Verdict;
use vtr_core::{analyze, load, Analysis, Dataset, FileInput, LoadOptions, Registry, Settings};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn settings() -> Settings {
    Settings::new(date("2026-11-25"))
}

/// The European file's tracking column needs a mapping.
fn options(f: &Fixture) -> LoadOptions {
    let mut o = LoadOptions::default();
    if f.file == "european-semicolon.csv" {
        o.overrides = vec![(Field::TrackingNumber, "Sendungsnummer".to_string())];
    }
    o
}

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "valid",
        Verdict::Excluded(e) => e.key(),
        Verdict::Invalid(r) => r.key(),
    }
}

/// Reads the committed file and checks every package got the verdict it
/// was built for.
fn run(f: &Fixture) -> (Dataset, Analysis) {
    let bytes = std::fs::read(dir().join(f.file)).expect("fixture file");
    let data = load(&[FileInput::new(f.file, &bytes)], &options(f));
    let report = &data.files()[0];
    assert!(report.error.is_none(), "{}: {:?}", f.file, report.error);
    let a = analyze(&data, &settings(), &Registry::default());
    let mut seen = Vec::new();
    for (i, v) in a.verdicts.iter().enumerate() {
        let p = data.package(i).expect("package");
        let want = f
            .expect
            .iter()
            .find(|(o, _)| *o == p.order_id)
            .map(|(_, k)| *k);
        assert_eq!(
            Some(verdict_key(*v)),
            want,
            "{}: order {} tracking {:?}",
            f.file,
            p.order_id,
            p.tracking_as_written()
        );
        seen.push(p.order_id.to_string());
    }
    for (o, _) in &f.expect {
        assert!(seen.contains(o), "{}: order {o} has no package", f.file);
    }
    let lines: Vec<(u64, bool)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.problem.skips_row()))
        .collect();
    let want: Vec<(u64, bool)> = f.broken.iter().map(|(l, _)| (*l, true)).collect();
    // CRLF files included: a problem's line is the one an editor shows.
    assert_eq!(lines, want, "{}: problem lines", f.file);
    assert_consistent(&a.summary);
    (data, a)
}

#[test]
fn committed_bytes_match_the_generator() {
    for f in gen::all() {
        let path = dir().join(f.file);
        if std::env::var_os("VTR_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, f.bytes()).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == f.bytes(),
            "{} differs from tests/fixtures/gen.rs; rebuild with VTR_WRITE_FIXTURES=1",
            f.file
        );
    }
}

fn counts(s: &Summary) -> (u64, u64, u64, u64, u64) {
    (s.rows, s.packages, s.considered, s.valid, s.fixes_needed)
}

fn file_of(data: &Dataset) -> &vtr_core::read::FileReport {
    &data.files()[0]
}

/// Each fixture's verdict tallies equal its design's, reason by reason.
fn assert_design(f: &Fixture, s: &Summary) {
    use vtr_core::rules::exclusion::Exclusion;
    use vtr_core::rules::validity::InvalidReason;
    for e in Exclusion::ALL {
        assert_eq!(
            s.excluded.get(e),
            f.count(e.key()),
            "{} {}",
            f.file,
            e.key()
        );
    }
    for r in InvalidReason::ALL {
        assert_eq!(s.invalid.get(r), f.count(r.key()), "{} {}", f.file, r.key());
    }
    assert_eq!(s.valid, f.count("valid"), "{} valid", f.file);
}

#[test]
fn a_amazon_vtr_report() {
    let f = gen::amazon_vtr_report();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.kind, vtr_core::read::FileKind::AmazonVtrReport);
    assert_eq!(r.delimiter, Some(b'\t'));
    assert_eq!((r.rows, r.duplicates, r.skipped), (29, 1, 2));
    assert_eq!(f.broken, vec![(13, "field_count"), (19, "bad_date")]);
    assert_eq!(counts(s), (29, 26, 22, 17, 5));
    assert_eq!(s.vtr, Some(17.0 / 22.0));
    assert_eq!(s.excluded.outside_window, 3);
    assert_eq!(s.excluded.undated, 1);
    assert_eq!(s.invalid.no_carrier_scan, 2);
    assert_eq!(s.invalid.missing_tracking, 1);
    assert_eq!(s.invalid.carrier_mismatch, 1);
    assert_eq!(s.invalid.malformed_tracking, 1);
    let cats: Vec<_> = s
        .categories
        .iter()
        .map(|c| (c.category.as_str(), c.considered, c.valid, c.fixes_needed))
        .collect();
    assert_eq!(
        cats,
        vec![("Home & Kitchen", 10, 8, 2), ("Toys & Games", 12, 9, 3)]
    );
    assert_eq!(s.warnings.reused_tracking, 2);
    assert_eq!(s.warnings.duplicate_rows, 1);
    assert_eq!(s.warnings.window_by_fallback_date, 0);
    assert!(a.scan_evidence);
}

#[test]
fn b_amazon_ship_confirmation() {
    let f = gen::amazon_ship_confirmation();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.kind, vtr_core::read::FileKind::AmazonShipConfirmation);
    assert_eq!(r.header_line, 2);
    assert_eq!((r.rows, r.duplicates, r.skipped), (29, 0, 2));
    assert_eq!(f.broken, vec![(10, "bad_date"), (25, "field_count")]);
    assert_eq!(counts(s), (29, 26, 22, 15, 6));
    for r in vtr_core::rules::validity::InvalidReason::ALL {
        let want = u64::from(r.key() != "chinese_carrier_name" && r.key() != "no_carrier_scan");
        assert_eq!(s.invalid.get(r), want, "{}", r.key());
    }
    assert_eq!(s.excluded.outside_window, 2);
    assert_eq!(s.excluded.freight_non_integrated, 1);
    assert_eq!(s.excluded.undated, 1);
    assert_eq!(s.categories.len(), 1);
    assert_eq!(s.categories[0].category, "(uncategorised)");
    assert_eq!(s.warnings.window_by_fallback_date, 25);
    assert!(!a.scan_evidence);
}

#[test]
fn c_shipstation_export() {
    let f = gen::shipstation();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.kind, vtr_core::read::FileKind::ShipStation);
    assert_eq!(r.delimiter, Some(b','));
    assert_eq!((r.rows, r.duplicates, r.skipped), (24, 1, 2));
    assert_eq!(f.broken, vec![(15, "bad_money"), (22, "field_count")]);
    assert_eq!(counts(s), (24, 19, 14, 10, 4));
    assert_eq!(s.excluded.small_envelope, 2);
    assert_eq!(s.excluded.not_shipped, 1);
    assert_eq!(s.excluded.digital, 1);
    assert_eq!(s.excluded.outside_window, 1);
    assert_eq!(s.invalid.spreadsheet_mangled, 1);
    assert_eq!(s.invalid.unsupported_carrier, 1);
    assert_eq!(s.invalid.carrier_mismatch, 1);
    assert_eq!(s.invalid.malformed_tracking, 1);
    assert_eq!(
        (s.segments.premium.considered, s.segments.premium.valid),
        (2, 1)
    );
    assert_eq!(s.warnings.value_unknown, 1);
    assert_eq!(s.warnings.duplicate_rows, 1);
    assert_eq!(s.warnings.window_by_fallback_date, 19);
}

#[test]
fn d_chinese_erp_gb18030() {
    let f = gen::chinese_erp();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.kind, vtr_core::read::FileKind::ChineseErp);
    assert_eq!(r.encoding, Some(vtr_core::decode::Encoding::Gb18030));
    assert_eq!((r.rows, r.duplicates, r.skipped), (23, 0, 2));
    assert_eq!(f.broken, vec![(8, "bad_date"), (16, "field_count")]);
    assert_eq!(counts(s), (23, 20, 16, 11, 5));
    assert_eq!(s.invalid.chinese_carrier_name, 2);
    assert_eq!(s.invalid.malformed_tracking, 2);
    assert_eq!(s.invalid.missing_tracking, 1);
    assert_eq!(s.excluded.international_low_value, 2);
    assert_eq!(s.excluded.not_shipped, 1);
    assert_eq!(s.excluded.outside_window, 1);
    let cats: Vec<_> = s
        .categories
        .iter()
        .map(|c| (c.category.as_str(), c.considered, c.valid, c.fixes_needed))
        .collect();
    assert_eq!(cats, vec![("家居用品", 9, 6, 3), ("玩具", 7, 5, 2)]);
    assert!(s.carriers.iter().any(|c| c.carrier == "中国邮政"));
}

#[test]
fn e_european_semicolon_day_first_decimal_comma() {
    let f = gen::european_semicolon();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.delimiter, Some(b';'));
    assert_eq!((r.rows, r.duplicates, r.skipped), (17, 0, 2));
    assert_eq!(f.broken, vec![(9, "bad_date"), (16, "field_count")]);
    assert!(r.day_first.contains(&(Field::ShipDate, true)));
    assert_eq!(counts(s), (17, 15, 13, 10, 3));
    assert_eq!(s.excluded.outside_window, 2);
    assert_eq!(
        (
            s.invalid.unsupported_carrier,
            s.invalid.malformed_tracking,
            s.invalid.missing_tracking
        ),
        (1, 1, 1)
    );
    // Without the mapping no header names the tracking number: the column
    // is found by its contents, says so, and gives the same figures.
    let bytes = std::fs::read(dir().join(f.file)).unwrap();
    let data = load(&[FileInput::new(f.file, &bytes)], &LoadOptions::default());
    let r = &data.files()[0];
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(
        r.inferred,
        vec![vtr_core::infer::Inferred {
            field: Field::TrackingNumber,
            column: 5,
            evidence: vtr_core::infer::Evidence::CarrierFormats {
                matched: 13,
                sampled: 15
            },
            passed_over: None,
        }]
    );
    assert_eq!(r.headers[5], "Sendungsnummer");
    let b = analyze(&data, &settings(), &Registry::default()).summary;
    assert_eq!(b, *s);
}

#[test]
fn f_excel_unicode_text_utf16() {
    let f = gen::excel_unicode_text();
    let (data, a) = run(&f);
    let s = &a.summary;
    assert_design(&f, s);
    let r = file_of(&data);
    assert_eq!(r.encoding, Some(vtr_core::decode::Encoding::Utf16Le));
    assert_eq!(r.delimiter, Some(b'\t'));
    assert_eq!((r.rows, r.duplicates, r.skipped), (22, 0, 2));
    assert_eq!(f.broken, vec![(12, "bad_date"), (20, "field_count")]);
    assert_eq!(counts(s), (22, 19, 14, 11, 3));
    assert_eq!(s.excluded.amazon_fulfilled, 2);
    assert_eq!(s.excluded.not_shipped, 2);
    assert_eq!(s.excluded.outside_window, 1);
    assert_eq!(s.invalid.spreadsheet_mangled, 2);
    assert_eq!(s.invalid.missing_carrier, 1);
    assert_eq!(
        (s.segments.premium.considered, s.segments.premium.valid),
        (3, 2)
    );
    assert_eq!(s.warnings.window_by_fallback_date, 1);
}

/// Every exclusion and every invalid reason appears somewhere in the set.
#[test]
fn the_set_covers_every_reason() {
    use vtr_core::rules::exclusion::Exclusion;
    use vtr_core::rules::validity::InvalidReason;
    let all = gen::all();
    let seen = |key: &str| all.iter().map(|f| f.count(key)).sum::<u64>();
    for r in InvalidReason::ALL {
        assert!(seen(r.key()) > 0, "{}", r.key());
    }
    for e in Exclusion::ALL {
        assert!(seen(e.key()) > 0, "{}", e.key());
    }
}

/// A problem's line is the line an editor shows, CRLF line ends included.
#[test]
fn crlf_problem_lines() {
    for f in [
        gen::shipstation(),
        gen::chinese_erp(),
        gen::excel_unicode_text(),
    ] {
        let (data, _) = run(&f);
        let lines: Vec<u64> = data.files()[0].problems.iter().map(|p| p.line).collect();
        let want: Vec<u64> = f.broken.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, want, "{}", f.file);
    }
}

/// One table of shipments.
struct Ship {
    order: &'static str,
    carrier: &'static str,
    tracking: String,
    service: &'static str,
    /// (year, month, day)
    shipped: (u32, u32, u32),
    /// cents
    total: i64,
    category: &'static str,
    status: &'static str,
}

fn table() -> Vec<Ship> {
    use vtr_core::synth::numbers::*;
    let s = |order, carrier, tracking: String, service, shipped, total, category, status| Ship {
        order,
        carrier,
        tracking,
        service,
        shipped,
        total,
        category,
        status,
    };
    vec![
        s(
            "113-0000001-0000001",
            "USPS",
            usps(1),
            "Priority Mail",
            (2026, 10, 13),
            2599,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000002",
            "UPS",
            ups(2),
            "Ground",
            (2026, 10, 20),
            123456,
            "玩具",
            "Shipped",
        ),
        s(
            "113-0000001-0000003",
            "FedEx",
            fedex(3),
            "Home Delivery",
            (2026, 11, 11),
            4500,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000004",
            "USPS",
            usps(4),
            "First Class Mail Letter",
            (2026, 10, 25),
            999,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000005",
            "USPS",
            usps(5),
            "First Class Mail Letter",
            (2026, 10, 26),
            1000,
            "玩具",
            "Shipped",
        ),
        s(
            "113-0000001-0000006",
            "中国邮政",
            china_post(6),
            "E邮宝",
            (2026, 10, 27),
            1500,
            "玩具",
            "Shipped",
        ),
        s(
            "113-0000001-0000007",
            "UPS",
            break_check(&ups(7)),
            "Ground",
            (2026, 10, 28),
            3300,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000008",
            "FedEx",
            ups(8),
            "Ground",
            (2026, 10, 29),
            7000,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000009",
            "USPS",
            "N/A".into(),
            "Priority Mail",
            (2026, 10, 30),
            1800,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000010",
            "UPS",
            ups(10),
            "Ground",
            (2026, 9, 30),
            2000,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000011",
            "UPS",
            ups(11),
            "Ground",
            (2026, 11, 12),
            2000,
            "Toys",
            "Shipped",
        ),
        s(
            "113-0000001-0000012",
            "USPS",
            String::new(),
            "Priority Mail",
            (2026, 11, 1),
            2000,
            "Toys",
            "Cancelled",
        ),
        s(
            "113-0000001-0000013",
            "Amazon Shipping",
            amazon(13),
            "Ground",
            (2026, 11, 2),
            2000,
            "玩具",
            "Shipped",
        ),
        s(
            "113-0000001-0000014",
            "Other",
            ups(14),
            "Ground",
            (2026, 11, 3),
            2000,
            "Toys",
            "Shipped",
        ),
    ]
}

/// The table as a file: `iso` dates and dot decimals, or the European
/// `dd.mm.yyyy` and decimal commas; English or Chinese headers.
fn write_table(sep: &str, european: bool, chinese: bool, eol: &str) -> String {
    let header: [&str; 8] = if chinese {
        [
            "订单号",
            "物流公司",
            "跟踪号",
            "运输方式",
            "发货日期",
            "订单金额",
            "商品分类",
            "订单状态",
        ]
    } else {
        [
            "order-id",
            "carrier",
            "tracking-number",
            "ship-method",
            "ship-date",
            "order total",
            "category",
            "order-status",
        ]
    };
    let mut out = header.join(sep);
    out.push_str(eol);
    for r in table() {
        let (y, m, d) = r.shipped;
        let (date, total) = if european {
            let units = r.total / 100;
            let units = if units >= 1000 {
                format!("{}.{:03}", units / 1000, units % 1000)
            } else {
                units.to_string()
            };
            (
                format!("{d:02}.{m:02}.{y}"),
                format!("{units},{:02}", r.total % 100),
            )
        } else {
            let units = r.total / 100;
            let units = if units >= 1000 {
                format!("\"{},{:03}", units / 1000, units % 1000)
            } else {
                units.to_string()
            };
            let close = if units.starts_with('"') { "\"" } else { "" };
            (
                format!("{y}-{m:02}-{d:02}"),
                format!("{units}.{:02}{close}", r.total % 100),
            )
        };
        let cells = [
            r.order.to_string(),
            r.carrier.to_string(),
            r.tracking.clone(),
            r.service.to_string(),
            date,
            total,
            r.category.to_string(),
            r.status.to_string(),
        ];
        out.push_str(&cells.join(sep));
        out.push_str(eol);
    }
    out
}

#[test]
fn same_shipments_six_ways_same_summary() {
    let utf8 = write_table(",", false, false, "\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(utf8.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in write_table("\t", false, false, "\r\n").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let chinese = write_table(",", false, true, "\r\n");
    let (gb, _, bad) = encoding_rs::GB18030.encode(&chinese);
    assert!(!bad);
    let semicolon = write_table(";", true, false, "\n");
    let tab = write_table("\t", false, false, "\n");
    let variants: Vec<(&str, Vec<u8>, vtr_core::decode::Encoding, u8)> = vec![
        (
            "utf8",
            utf8.clone().into_bytes(),
            vtr_core::decode::Encoding::Utf8,
            b',',
        ),
        ("bom", bom, vtr_core::decode::Encoding::Utf8Bom, b','),
        ("utf16", utf16, vtr_core::decode::Encoding::Utf16Le, b'\t'),
        (
            "gb18030",
            gb.into_owned(),
            vtr_core::decode::Encoding::Gb18030,
            b',',
        ),
        (
            "semicolon",
            semicolon.into_bytes(),
            vtr_core::decode::Encoding::Utf8,
            b';',
        ),
        (
            "tab",
            tab.into_bytes(),
            vtr_core::decode::Encoding::Utf8,
            b'\t',
        ),
    ];
    let mut first: Option<Summary> = None;
    for (name, bytes, enc, delim) in &variants {
        let data = load(&[FileInput::new(name, bytes)], &LoadOptions::default());
        let r = &data.files()[0];
        assert!(r.error.is_none(), "{name}: {:?}", r.error);
        assert_eq!(
            (r.encoding, r.delimiter),
            (Some(*enc), Some(*delim)),
            "{name}"
        );
        assert_eq!(r.skipped, 0, "{name}: {:?}", r.problems);
        let s = analyze(&data, &settings(), &Registry::default()).summary;
        match &first {
            None => first = Some(s),
            Some(f) => assert_eq!(&s, f, "{name}"),
        }
    }
    // And the figures are the table's, by construction.
    let s = first.unwrap();
    assert_eq!(counts(&s), (14, 14, 10, 5, 5));
    assert_eq!(s.excluded.small_envelope, 1);
    assert_eq!(s.excluded.outside_window, 2);
    assert_eq!(s.excluded.not_shipped, 1);
    assert_eq!(s.invalid.chinese_carrier_name, 1);
    assert_eq!(s.invalid.malformed_tracking, 1);
    assert_eq!(s.invalid.carrier_mismatch, 1);
    assert_eq!(s.invalid.missing_tracking, 1);
    assert_eq!(s.invalid.unsupported_carrier, 1);
}
