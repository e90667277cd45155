//! Columns found by their contents (`vtr_core::infer`): files whose
//! headers name neither the order id nor the tracking number, or name a
//! forwarder's waybill as the tracking number, read with exact results and
//! a report that says which column was found how.

use std::path::PathBuf;
use vtr_core::infer::{Evidence, Inferred};
use vtr_core::mapping::Field;
use vtr_core::read::{Earlier, FileError, FileReport};
use vtr_core::settings::parse_iso_date;
use vtr_core::{analyze, load, Dataset, FileInput, FileReader, LoadOptions, Registry, Settings};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/inferred")
        .join(name);
    std::fs::read(path).unwrap()
}

fn read(name: &str, bytes: &[u8]) -> Dataset {
    load(&[FileInput::new(name, bytes)], &LoadOptions::default())
}

fn settings() -> Settings {
    let mut s = Settings::new(parse_iso_date("2026-11-25").unwrap());
    s.all_dates = true;
    s
}

/// rows, packages, considered, valid, fixes.
fn figures(data: &Dataset) -> [u64; 5] {
    let s = analyze(data, &settings(), &Registry::default()).summary;
    [s.rows, s.packages, s.considered, s.valid, s.fixes_needed]
}

fn column_of(r: &FileReport, f: Field) -> Option<&str> {
    r.mapping.column(f).map(|c| r.headers[c].as_str())
}

#[test]
fn nonsense_headers_find_both_columns() {
    let data = read("nonsense-headers.csv", &fixture("nonsense-headers.csv"));
    let r = &data.files()[0];
    assert_eq!(r.error, None);
    assert_eq!(column_of(r, Field::OrderId), Some("Spalte2"));
    assert_eq!(column_of(r, Field::TrackingNumber), Some("Spalte4"));
    assert_eq!(
        r.inferred,
        vec![
            Inferred {
                field: Field::OrderId,
                column: 1,
                evidence: Evidence::AmazonOrderIds {
                    matched: 6,
                    sampled: 6
                },
                passed_over: None,
            },
            Inferred {
                field: Field::TrackingNumber,
                column: 3,
                // N/A is no value; the UPS number with a wrong check digit
                // passes no format.
                evidence: Evidence::CarrierFormats {
                    matched: 4,
                    sampled: 5
                },
                passed_over: None,
            },
        ]
    );
    // Nothing else is guessed: the carrier column stays unmapped.
    assert_eq!(r.mapping.mapped().len(), 2);
    assert_eq!(figures(&data), [6, 6, 6, 5, 1]);
    let s = analyze(&data, &settings(), &Registry::default()).summary;
    assert_eq!(s.invalid.missing_tracking, 1);
}

#[test]
fn the_last_mile_number_wins_over_a_forwarders_waybill() {
    let data = read(
        "forwarder-waybill-and-last-mile.csv",
        &fixture("forwarder-waybill-and-last-mile.csv"),
    );
    let r = &data.files()[0];
    assert_eq!(r.error, None);
    // 运单号 names a tracking number, but holds YunExpress's own YT
    // waybills; 转单号 holds the USPS and China Post numbers.
    assert_eq!(column_of(r, Field::TrackingNumber), Some("转单号"));
    assert_eq!(
        r.inferred,
        vec![Inferred {
            field: Field::TrackingNumber,
            column: 2,
            evidence: Evidence::CarrierFormats {
                matched: 3,
                sampled: 3
            },
            passed_over: Some(1),
        }]
    );
    assert_eq!(r.headers[1], "运单号");
    // The fourth order has no last-mile number yet: missing tracking.
    assert_eq!(figures(&data), [4, 4, 4, 3, 1]);

    // With no header naming either, the last-mile column is still the one.
    let text = "a,b,c\n\
                112-7730921-4401190,YT2629100123456701,9400012062136421700037\n\
                112-7730921-4401191,YT2629100123456702,LX123456017CN\n";
    let data = read("t.csv", text.as_bytes());
    let r = &data.files()[0];
    let t = r.inferred.iter().find(|i| i.field == Field::TrackingNumber);
    assert_eq!(t.map(|i| (i.column, i.passed_over)), Some((2, Some(1))));
}

#[test]
fn identifiers_under_an_order_header() {
    let data = read(
        "order-header-identifiers.csv",
        &fixture("order-header-identifiers.csv"),
    );
    let r = &data.files()[0];
    assert_eq!(r.error, None);
    assert_eq!(column_of(r, Field::OrderId), Some("Bestellung"));
    assert_eq!(column_of(r, Field::TrackingNumber), Some("Paket"));
    assert_eq!(
        r.inferred[0].evidence,
        Evidence::OrderHeader {
            matched: 3,
            sampled: 3
        }
    );
    assert_eq!(figures(&data), [3, 3, 3, 3, 0]);
}

#[test]
fn nothing_is_guessed_without_evidence() {
    // Names and towns: no column looks like either field.
    let text = "Name,Stadt,Telefon\nAnna,Berlin,030 1234567\nBen,Köln,0221 765432\n";
    let data = read("t.csv", text.as_bytes());
    let r = &data.files()[0];
    assert!(r.inferred.is_empty());
    assert!(matches!(
        &r.error,
        Some(FileError::MissingColumns { missing, .. })
            if missing == &[Field::OrderId, Field::TrackingNumber]
    ));
    // A column of Amazon order-item ids (14 digits) is no tracking column.
    let text = "order-id,order-item-id\n\
                113-4471920-3301401,52731634569451\n\
                113-4471920-3301402,52731634569452\n";
    let data = read("t.csv", text.as_bytes());
    assert!(matches!(
        &data.files()[0].error,
        Some(FileError::MissingColumns { missing, .. }) if missing == &[Field::TrackingNumber]
    ));
    // Most is not some: one number among three other values is not enough.
    let text = "order-id,x\n\
                113-4471920-3301401,1ZV8W0010300050018\n\
                113-4471920-3301402,abc\n\
                113-4471920-3301403,def\n";
    let data = read("t.csv", text.as_bytes());
    assert!(data.files()[0].error.is_some());
}

#[test]
fn the_sellers_choice_is_never_second_guessed() {
    let bytes = fixture("forwarder-waybill-and-last-mile.csv");
    let options = LoadOptions {
        overrides: vec![(Field::TrackingNumber, "运单号".to_string())],
        ..LoadOptions::default()
    };
    let data = load(&[FileInput::new("f.csv", &bytes)], &options);
    let r = &data.files()[0];
    assert_eq!(column_of(r, Field::TrackingNumber), Some("运单号"));
    assert!(r.inferred.is_empty());
    // A mapping chosen for the file, likewise.
    let mut mapping = data.files()[0].mapping.clone();
    mapping.set(Field::TrackingNumber, Some(1));
    let mut input = FileInput::new("f.csv", &bytes);
    input.mapping = Some(mapping);
    let data = load(&[input], &LoadOptions::default());
    assert_eq!(
        column_of(&data.files()[0], Field::TrackingNumber),
        Some("运单号")
    );
    assert!(data.files()[0].inferred.is_empty());
}

/// More rows than are sampled, pushed in pieces of every size: the same
/// report and figures as read whole.
#[test]
fn many_rows_in_pieces_read_as_one() {
    let mut text = String::from("x;y;z\n");
    for i in 0..450u64 {
        let tracking = vtr_core::synth::numbers::ups(i);
        text.push_str(&format!("113-0000000-{:07};{tracking};{i}\n", i));
    }
    let bytes = text.as_bytes();
    let whole = read("t.csv", bytes);
    let r = &whole.files()[0];
    assert_eq!(r.error, None);
    assert_eq!(r.rows, 450);
    assert_eq!(
        r.inferred
            .iter()
            .map(|i| (i.field, i.column))
            .collect::<Vec<_>>(),
        vec![(Field::OrderId, 0), (Field::TrackingNumber, 1)]
    );
    let want = figures(&whole);
    assert_eq!(want, [450, 450, 450, 450, 0]);
    for size in [1, 7, 64, 1000, 4096] {
        let mut reader =
            FileReader::new("t.csv", bytes.len() as u64, None, &LoadOptions::default());
        for piece in bytes.chunks(size) {
            reader.push(piece, &Earlier::none());
        }
        let file = reader.finish(&Earlier::none()).into_file();
        assert_eq!(file.report.inferred, r.inferred, "pieces of {size}");
        let mut data = Dataset::new();
        data.push(0, file);
        assert_eq!(figures(&data), want, "pieces of {size}");
    }
}
