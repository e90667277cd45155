//! The worker's session: files added, removed, re-mapped and cancelled in
//! any order give exactly the result of reading the files left in one go,
//! and nothing is read again that need not be.

use vtr_core::mapping::{Field, Mapping};
use vtr_core::read::DateOrder;
use vtr_core::result::Summary;
use vtr_core::{analyze, load, FileInput, LoadOptions, Registry, Settings};
use vtr_worker::protocol::{Event, FailReason, FileState, NewFile, Request};
use vtr_worker::session::Session;

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn configure(date_order: DateOrder) -> Request {
    Request::Configure {
        settings: Settings::new(as_of()),
        date_order,
        edits: Default::default(),
        remembered: Vec::new(),
    }
}

/// A session that reads every queued file, counting how often each is
/// read.
struct Harness {
    session: Session,
    files: Vec<(u64, String, Vec<u8>)>,
    reads: Vec<u64>,
}

impl Harness {
    fn new() -> Harness {
        let mut session = Session::new();
        session.handle(configure(DateOrder::Auto));
        Harness {
            session,
            files: Vec::new(),
            reads: Vec::new(),
        }
    }

    fn add(&mut self, id: u64, name: &str, bytes: &[u8]) {
        self.files.push((id, name.to_string(), bytes.to_vec()));
        self.session.handle(Request::Add {
            files: vec![NewFile {
                id,
                name: name.to_string(),
                size: bytes.len() as u64,
                mapping: None,
                encoding: None,
                sheet: None,
            }],
        });
    }

    /// Reads what is queued, in pieces of 7 bytes.
    fn run(&mut self) {
        while let Some((id, _)) = self.session.next() {
            let bytes = self.files.iter().find(|f| f.0 == id).unwrap().2.clone();
            let mut job = self.session.begin(id).unwrap();
            for p in bytes.chunks(7) {
                self.session.feed(&mut job, p);
            }
            self.reads.push(id);
            self.session.complete(job);
        }
    }

    fn summary(&self) -> String {
        serde_json::to_string(&self.session.analysis().summary).unwrap()
    }
}

/// The result of reading these files in one go, as `vtr check` does.
fn one_go(files: &[(&str, &[u8])]) -> String {
    let inputs: Vec<FileInput> = files.iter().map(|(n, b)| FileInput::new(n, b)).collect();
    let data = load(&inputs, &LoadOptions::default());
    let a = analyze(&data, &Settings::new(as_of()), &Registry::default());
    serde_json::to_string(&a.summary).unwrap()
}

fn big() -> Vec<u8> {
    let mut bytes = Vec::new();
    vtr_core::synth::write_confirmation(
        20_000,
        3,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        &mut bytes,
    )
    .unwrap();
    bytes
}

/// A few rows in the big file's layout: one repeats a row of it exactly,
/// one adds an item row to one of its packages, one is new.
fn small(big: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(big).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let first = lines.next().unwrap();
    let cells: Vec<&str> = first.split('\t').collect();
    let mut other_item = cells.clone();
    other_item[1] = "99999999999999";
    let mut new = cells.clone();
    new[0] = "999-9999999-9999999";
    format!(
        "{header}\n{first}\n{}\n{}\n",
        other_item.join("\t"),
        new.join("\t")
    )
    .into_bytes()
}

#[test]
fn adding_and_removing_a_small_file_after_a_big_one() {
    let big = big();
    let small = small(&big);
    let mut h = Harness::new();
    h.add(1, "big.tsv", &big);
    h.run();
    assert_eq!(h.summary(), one_go(&[("big.tsv", &big)]));
    h.add(2, "small.tsv", &small);
    h.run();
    assert_eq!(
        h.summary(),
        one_go(&[("big.tsv", &big), ("small.tsv", &small)])
    );
    let s: Summary = serde_json::from_str(&h.summary()).unwrap();
    let alone: Summary = serde_json::from_str(&one_go(&[("big.tsv", &big)])).unwrap();
    assert_eq!(
        s.warnings.duplicate_rows,
        alone.warnings.duplicate_rows + 1,
        "the small file's first row repeats the big file's"
    );
    // Removing the small one reads nothing again.
    h.session.handle(Request::Remove { id: 2 });
    h.run();
    assert_eq!(h.summary(), one_go(&[("big.tsv", &big)]));
    assert_eq!(h.reads, vec![1, 2], "the big file was read once");
}

#[test]
fn removing_a_file_whose_rows_another_repeated_reads_that_one_again() {
    let big = big();
    let small = small(&big);
    let mut h = Harness::new();
    h.add(1, "big.tsv", &big);
    h.add(2, "small.tsv", &small);
    h.run();
    h.session.handle(Request::Remove { id: 1 });
    h.run();
    // The repeated row now counts: it repeats nothing left.
    assert_eq!(h.summary(), one_go(&[("small.tsv", &small)]));
    assert_eq!(h.reads, vec![1, 2, 2]);
}

#[test]
fn a_new_mapping_reads_that_file_again_and_only_it() {
    let a = b"Ref;Parcel;Courier\n1;1Z999AA10123456784;UPS\n2;1Z999AA10123456785;UPS\n";
    let b = b"order-id,tracking-number,carrier-code\n3,1Z999AA10123456784,UPS\n";
    let mut h = Harness::new();
    h.add(1, "a.csv", a);
    h.add(2, "b.csv", b);
    h.run();
    assert_eq!(
        h.session.analysis().summary.packages,
        1,
        "a.csv needs columns"
    );
    let mut m = Mapping::default();
    m.set(Field::OrderId, Some(0));
    m.set(Field::TrackingNumber, Some(1));
    m.set(Field::Carrier, Some(2));
    h.session.handle(Request::SetMapping {
        id: 1,
        mapping: Some(m.clone()),
    });
    h.run();
    assert_eq!(h.reads, vec![1, 2, 1]);
    let s = &h.session.analysis().summary;
    assert_eq!((s.packages, s.warnings.reused_tracking), (3, 2));
    // The file keeps its place: its packages come first.
    assert_eq!(h.session.dataset().files()[0].name, "a.csv");
}

#[test]
fn a_cancelled_file_leaves_the_result_as_it_was() {
    let big = big();
    let mut h = Harness::new();
    h.add(1, "big.tsv", &big);
    h.run();
    let before = h.summary();
    h.add(2, "second.tsv", &big[..big.len() / 2]);
    let (id, _) = h.session.next().unwrap();
    let mut job = h.session.begin(id).unwrap();
    h.session.feed(&mut job, &big[..1000]);
    let outs = h.session.handle(Request::Cancel { id: 2 });
    assert!(outs.iter().any(|o| matches!(
        &o.event,
        Event::File {
            id: 2,
            state: FileState::Failed {
                reason: FailReason::Cancelled
            }
        }
    )));
    assert!(!h.session.still_wanted(&job));
    assert!(h.session.complete(job).is_empty());
    assert_eq!(h.summary(), before);
    assert_eq!(h.session.next(), None);
}

#[test]
fn settings_re_count_and_the_date_order_reads_again() {
    let csv = b"order-id,tracking-number,carrier-code,ship-date\n\
        1,1Z999AA10123456784,UPS,03/11/2026\n\
        2,1Z999AA10123456785,UPS,11/03/2026\n";
    let mut h = Harness::new();
    h.add(1, "d.csv", csv);
    h.run();
    let s = &h.session.analysis().summary;
    // Month-first: March 11 is outside the window, November 3 inside.
    assert_eq!(s.excluded.outside_window, 1);
    let mut all = Settings::new(as_of());
    all.all_dates = true;
    h.session.handle(Request::Configure {
        settings: all,
        date_order: DateOrder::Auto,
        edits: Default::default(),
        remembered: Vec::new(),
    });
    h.run();
    assert_eq!(h.session.analysis().summary.excluded.outside_window, 0);
    assert_eq!(h.reads, vec![1], "a setting reads nothing");
    h.session.handle(Request::Configure {
        settings: Settings::new(as_of()),
        date_order: DateOrder::DayFirst,
        edits: Default::default(),
        remembered: Vec::new(),
    });
    h.run();
    assert_eq!(h.reads, vec![1, 1], "the date order reads again");
    // Day-first: 3 November inside, 11 March outside.
    assert_eq!(h.session.analysis().summary.excluded.outside_window, 1);
}

#[test]
fn facts_updated_after_each_file_equal_facts_worked_out_afresh() {
    let big = big();
    let small = small(&big);
    let mut h = Harness::new();
    h.add(1, "big.tsv", &big);
    h.add(2, "small.tsv", &small);
    h.add(3, "again.tsv", &small);
    h.run();
    let fresh = vtr_core::Prepared::new(h.session.dataset(), &Registry::default());
    assert_eq!(h.session.analysis().prepared.facts(), fresh.facts());
    assert_eq!(
        h.summary(),
        one_go(&[
            ("big.tsv", &big),
            ("small.tsv", &small),
            ("again.tsv", &small)
        ])
    );
}

/// The export a seller makes from the filtered list holds exactly the
/// packages the list shows, in the page's language, as CSV and workbook.
#[test]
fn the_filtered_export_holds_exactly_the_filtered_packages() {
    use vtr_core::query::{PackageFilter, ReasonFilter};
    use vtr_core::rules::validity::InvalidReason;
    use vtr_core::texts::Lang;
    use vtr_worker::protocol::ExportKind;

    let mut h = Harness::new();
    h.add(
        1,
        "a.csv",
        b"order-id,tracking-number,carrier-code\n\
          111-1,1Z999AA10123456784,UPS\n\
          111-2,,UPS\n\
          111-3,1Z999AA10123456785,UPS\n\
          111-4,,UPS\n",
    );
    h.run();
    let export = |h: &mut Harness, kind, reason| {
        let outs = h.session.handle(Request::Export {
            seq: 9,
            kind,
            filter: PackageFilter {
                reason,
                ..PackageFilter::default()
            },
            lang: Lang::Zh,
        });
        let out = outs.into_iter().next().expect("an answer");
        match out.event {
            Event::Export { name, .. } => (name, out.bytes.expect("bytes")),
            other => panic!("{other:?}"),
        }
    };
    let missing = Some(ReasonFilter::Invalid(InvalidReason::MissingTracking));
    let (name, bytes) = export(&mut h, ExportKind::FilteredCsv, missing);
    assert_eq!(name, "vtr-selected-2026-11-25.csv");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("订单编号,追踪编码,承运人"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(",code"), "{}", lines[0]);
    assert!(lines[1].starts_with("111-2,,UPS"), "{}", lines[1]);
    assert!(lines[1].ends_with(",missing_tracking"), "{}", lines[1]);
    assert!(lines[2].starts_with("111-4,,UPS"), "{}", lines[2]);
    assert!(lines[1].contains(",无效,"), "{}", lines[1]);

    let (name, bytes) = export(&mut h, ExportKind::FilteredXlsx, missing);
    assert_eq!(name, "vtr-selected-2026-11-25.xlsx");
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let (name, _) = export(&mut h, ExportKind::InvalidXlsx, None);
    assert_eq!(name, "vtr-invalid-2026-11-25.xlsx");
}

/// A workbook with a sheet without shipment columns, then "Orders" (its
/// tracking number 111-2 stored as a number), then "Returns".
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Exported from the ERP").unwrap();
    for (name, rows) in [
        (
            "Orders",
            &[("111-1", "1Z999AA10123456784"), ("111-2", "")][..],
        ),
        ("Returns", &[("222-1", "1Z999AA10123456792")][..]),
    ] {
        let s = book.add_worksheet();
        s.set_name(name).unwrap();
        s.write_string(0, 0, "order-id").unwrap();
        s.write_string(0, 1, "tracking-number").unwrap();
        s.write_string(0, 2, "carrier-code").unwrap();
        for (i, (order, tracking)) in rows.iter().enumerate() {
            let r = 1 + i as u32;
            s.write_string(r, 0, *order).unwrap();
            if tracking.is_empty() {
                s.write_number(r, 1, 9.4e21).unwrap();
            } else {
                s.write_string(r, 1, *tracking).unwrap();
            }
            s.write_string(r, 2, "UPS").unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_fed_in_pieces_reads_as_in_one_go_and_another_sheet_on_request() {
    let book = workbook();
    let mut h = Harness::new();
    h.add(1, "orders.xlsx", &book);
    h.run();
    assert_eq!(h.summary(), one_go(&[("orders.xlsx", &book)]));
    let s = &h.session.analysis().summary;
    assert_eq!(
        (s.packages, s.valid, s.invalid.spreadsheet_mangled),
        (2, 1, 1)
    );
    let f = &h.session.dataset().files()[0];
    assert_eq!(f.sheet.as_deref(), Some("Orders"));
    assert_eq!(f.sheets, ["Notes", "Orders", "Returns"]);

    h.session.handle(Request::SetSheet {
        id: 1,
        sheet: Some("Returns".into()),
    });
    h.run();
    assert_eq!(h.reads, vec![1, 1]);
    let f = &h.session.dataset().files()[0];
    assert_eq!(f.sheet.as_deref(), Some("Returns"));
    assert_eq!(h.session.analysis().summary.packages, 1);

    // A sheet that is not there: the file is in the list with its error.
    h.session.handle(Request::SetSheet {
        id: 1,
        sheet: Some("Nope".into()),
    });
    h.run();
    let f = &h.session.dataset().files()[0];
    assert!(
        matches!(
            &f.error,
            Some(vtr_core::read::FileError::Workbook(
                vtr_core::workbook::WorkbookError::NoSuchSheet { .. }
            ))
        ),
        "{:?}",
        f.error
    );
    assert_eq!(h.session.analysis().summary.packages, 0);
}

#[test]
fn an_encoding_chosen_for_one_file_reads_only_that_file_again() {
    let sjis = std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/encodings/jp-confirmation-shift-jis.txt"),
    )
    .unwrap();
    let other =
        b"order-id,tracking-number,carrier-code\n111-1234567-1234567,1Z999AA10123456784,UPS\n";
    let mut h = Harness::new();
    h.add(1, "other.csv", other);
    h.add(2, "jp.txt", &sjis);
    h.run();
    let files = h.session.dataset().files();
    assert_eq!(
        files[1].encoding,
        Some(vtr_core::decode::Encoding::ShiftJis)
    );
    assert!(!files[1].encoding_forced);
    assert_eq!(h.session.analysis().summary.invalid.chinese_carrier_name, 3);

    h.session.handle(Request::SetEncoding {
        id: 2,
        encoding: Some(vtr_core::decode::Encoding::Windows1252),
    });
    h.run();
    assert_eq!(h.reads, vec![1, 2, 2]);
    let f = &h.session.dataset().files()[1];
    assert_eq!(f.encoding, Some(vtr_core::decode::Encoding::Windows1252));
    assert!(f.encoding_forced);
    // As `vtr check --encoding windows-1252` reads them.
    let data = load(
        &[
            FileInput::new("other.csv", other),
            FileInput::new("jp.txt", &sjis),
        ]
        .map(|mut f| {
            if f.name == "jp.txt" {
                f.encoding = Some(vtr_core::decode::Encoding::Windows1252);
            }
            f
        }),
        &LoadOptions::default(),
    );
    let want = analyze(&data, &Settings::new(as_of()), &Registry::default()).summary;
    assert_eq!(h.summary(), serde_json::to_string(&want).unwrap());
    assert_eq!(want.invalid.unsupported_carrier, 3);

    // Back to detecting.
    h.session.handle(Request::SetEncoding {
        id: 2,
        encoding: None,
    });
    h.run();
    assert_eq!(
        h.session.dataset().files()[1].encoding,
        Some(vtr_core::decode::Encoding::ShiftJis)
    );
    assert_eq!(h.session.analysis().summary.invalid.chinese_carrier_name, 3);
}

#[test]
fn a_file_added_with_a_chosen_encoding_is_read_once_in_it() {
    // A kept check coming back hands the file over with the seller's choice.
    let sjis = std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/encodings/jp-confirmation-shift-jis.txt"),
    )
    .unwrap();
    let mut h = Harness::new();
    h.files.push((7, "jp.txt".into(), sjis.clone()));
    h.session.handle(Request::Add {
        files: vec![NewFile {
            id: 7,
            name: "jp.txt".into(),
            size: sjis.len() as u64,
            mapping: None,
            encoding: Some(vtr_core::decode::Encoding::Windows1252),
            sheet: None,
        }],
    });
    h.run();
    assert_eq!(h.reads, vec![7]);
    let f = &h.session.dataset().files()[0];
    assert_eq!(f.encoding, Some(vtr_core::decode::Encoding::Windows1252));
    assert!(f.encoding_forced);
    assert_eq!(h.session.analysis().summary.invalid.unsupported_carrier, 3);
    assert_eq!(h.session.analysis().summary.invalid.chinese_carrier_name, 0);
}
