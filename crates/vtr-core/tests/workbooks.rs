//! Workbooks read directly (crate::workbook): the sheet chosen, cells as
//! text, date cells as dates, a tracking number stored as a number shown
//! as damaged by a spreadsheet, and every figure equal to the same data
//! read as CSV. The workbooks are built here, with rust_xlsxwriter for
//! .xlsx and by hand (a zip of XML) for .ods.

mod common;

use common::{date, settings};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::io::{Cursor, Read, Write};
use vtr_core::package::DateKind;
use vtr_core::read::{Earlier, FileError, FileReader, LoadOptions, Problem};
use vtr_core::workbook::{Container, WorkbookError, WorkbookKind, MAX_WORKBOOK_BYTES};
use vtr_core::{analyze, load, Dataset, FileInput, Registry};

const HEADERS: [&str; 6] = [
    "order-id",
    "tracking-number",
    "carrier-code",
    "promised-delivery-date",
    "product-category",
    "item-price",
];

/// A USPS number of 22 digits typed into Excel as a number: Excel keeps
/// 9.40011189922335E+21 of it.
const LONG_USPS: f64 = 9_400_111_899_223_345_678_901.0;

enum Cell {
    Text(&'static str),
    Number(f64),
    /// Year, month, day, hour, minute, with a date format.
    Date(u16, u8, u8, u16, u8),
    Empty,
}
use Cell::{Date, Empty, Number, Text};

/// The "Orders" sheet: a title row, the header on row 2, then rows 3 to 10.
fn order_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Text("111-1"),
            Text("1Z999AA10123456784"),
            Text("UPS"),
            Date(2026, 11, 1, 0, 0),
            Text("Kitchen"),
            Number(12.99),
        ],
        vec![
            Text("111-2"),
            Number(LONG_USPS),
            Text("USPS"),
            Date(2026, 11, 2, 0, 0),
            Text("Kitchen"),
            Number(5.0),
        ],
        vec![
            Text("111-3"),
            Text("92055901649173127513"),
            Text("USPS"),
            Date(2026, 11, 3, 14, 30),
            Text("Kitchen"),
            Number(0.1 + 0.2),
        ],
        // Row 6 repeats row 3: one package, one duplicate row.
        vec![
            Text("111-1"),
            Text("1Z999AA10123456784"),
            Text("UPS"),
            Date(2026, 11, 1, 0, 0),
            Text("Kitchen"),
            Number(12.99),
        ],
        // Row 7 is blank: no row.
        vec![],
        vec![
            Text("111-4"),
            Text("1Z999AA10123456792"),
            Text("UPS"),
            Date(2026, 9, 1, 0, 0),
            Text("Kitchen"),
            Number(3.0),
        ],
        vec![
            Text("111-5"),
            Empty,
            Text("UPS"),
            Date(2026, 11, 4, 0, 0),
            Text("Kitchen"),
            Number(8.0),
        ],
        // Row 10: a date column holding text that is no date: skipped.
        vec![
            Text("111-6"),
            Text("1Z999AA10123456792"),
            Text("UPS"),
            Text("soon"),
            Text("Kitchen"),
            Number(8.0),
        ],
    ]
}

/// The rows as the engine reads them from the workbook, as CSV text.
const ORDERS_CSV: &str =
    "order-id,tracking-number,carrier-code,promised-delivery-date,product-category,item-price
111-1,1Z999AA10123456784,UPS,2026-11-01,Kitchen,12.99
111-2,9.40011189922335E+21,USPS,2026-11-02,Kitchen,5
111-3,92055901649173127513,USPS,2026-11-03 14:30:00,Kitchen,0.3
111-1,1Z999AA10123456784,UPS,2026-11-01,Kitchen,12.99

111-4,1Z999AA10123456792,UPS,2026-09-01,Kitchen,3
111-5,,UPS,2026-11-04,Kitchen,8
111-6,1Z999AA10123456792,UPS,soon,Kitchen,8
";

fn write_rows(sheet: &mut Worksheet, first_row: u32, headers: &[&str], rows: &[Vec<Cell>]) {
    // A day-first display: the date cell's value is read, not its look.
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let time_format = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(first_row, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = first_row + 1 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Text(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                Number(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                Date(y, mo, d, h, mi) => {
                    let dt = ExcelDateTime::from_ymd(*y, *mo, *d)
                        .unwrap()
                        .and_hms(*h, *mi, 0)
                        .unwrap();
                    let f = if *h == 0 { &date_format } else { &time_format };
                    sheet.write_datetime_with_format(r, c, &dt, f).unwrap();
                }
                Empty => {}
            }
        }
    }
}

/// A workbook with a "Notes" sheet first (no shipment columns), then
/// "Orders" (title on row 1, header on row 2), then "Returns".
fn orders_book() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Exported from the ERP").unwrap();
    notes.write_string(1, 0, "Order").unwrap();
    notes.write_string(1, 1, "Remark").unwrap();
    let orders = book.add_worksheet();
    orders.set_name("Orders").unwrap();
    orders
        .write_string(0, 0, "Shipments, November 2026")
        .unwrap();
    write_rows(orders, 1, &HEADERS, &order_rows());
    let returns = book.add_worksheet();
    returns.set_name("Returns").unwrap();
    write_rows(
        returns,
        0,
        &["order-id", "tracking-number", "carrier-code"],
        &[vec![Text("222-1"), Text("1Z999AA10123456784"), Text("UPS")]],
    );
    book.save_to_buffer().unwrap()
}

fn read_one(name: &str, bytes: &[u8], options: &LoadOptions) -> Dataset {
    load(&[FileInput::new(name, bytes)], options)
}

fn summary_json(data: &Dataset) -> serde_json::Value {
    let s = analyze(data, &settings(), &Registry::default()).summary;
    serde_json::to_value(&s).unwrap()
}

#[test]
fn the_sheet_with_the_columns_is_read_like_a_text_file() {
    let data = read_one("orders.xlsx", &orders_book(), &LoadOptions::default());
    let f = &data.files()[0];
    assert_eq!(f.error, None);
    assert_eq!(f.workbook, Some(WorkbookKind::Xlsx));
    assert_eq!(f.sheets, ["Notes", "Orders", "Returns"]);
    assert_eq!(f.sheet.as_deref(), Some("Orders"));
    assert_eq!(f.header_line, 2);
    assert_eq!(f.headers, HEADERS);
    assert_eq!(f.encoding, None);
    // Rows 3-6 and 8-10; row 6 repeats row 3, row 10's date is no date.
    assert_eq!((f.rows, f.duplicates, f.skipped), (7, 1, 1));
    assert_eq!(f.problems.len(), 1);
    assert_eq!(f.problems[0].line, 10);
    assert!(matches!(
        &f.problems[0].problem,
        Problem::BadDate { value, .. } if value == "soon"
    ));

    let s = analyze(&data, &settings(), &Registry::default()).summary;
    assert_eq!((s.rows, s.packages), (7, 5));
    assert_eq!(s.excluded.outside_window, 1);
    assert_eq!((s.considered, s.valid), (4, 2));
    assert_eq!(s.invalid.spreadsheet_mangled, 1);
    assert_eq!(s.invalid.missing_tracking, 1);
}

#[test]
fn a_tracking_number_stored_as_a_number_shows_what_excel_kept() {
    let data = read_one("orders.xlsx", &orders_book(), &LoadOptions::default());
    let written: Vec<&str> = (0..data.len())
        .filter_map(|i| data.package(i))
        .filter(|p| p.order_id == "111-2")
        .map(|p| p.tracking_as_written())
        .collect();
    assert_eq!(written, ["9.40011189922335E+21"]);
    let source = data.first_source(
        (0..data.len())
            .find(|&i| data.package(i).unwrap().order_id == "111-2")
            .unwrap(),
    );
    // Sources are sheet rows.
    assert_eq!(source.map(|s| s.line), Some(4));
}

#[test]
fn date_cells_are_read_as_their_dates_whatever_their_format() {
    let data = read_one("orders.xlsx", &orders_book(), &LoadOptions::default());
    let promised = |order: &str| {
        (0..data.len())
            .filter_map(|i| data.package(i))
            .find(|p| p.order_id == order)
            .and_then(|p| p.date(DateKind::Promised))
    };
    // Shown day-first (dd/mm/yyyy) in the sheet; read as the date it is.
    assert_eq!(promised("111-1"), Some(date("2026-11-01")));
    assert_eq!(promised("111-2"), Some(date("2026-11-02")));
    // A date with a time keeps its day.
    assert_eq!(promised("111-3"), Some(date("2026-11-03")));
    assert_eq!(promised("111-4"), Some(date("2026-09-01")));
    // No day/month decision was needed: the cells are ISO dates.
    assert!(data.files()[0].day_first.iter().all(|&(_, d)| !d));
}

#[test]
fn a_workbook_gives_the_figures_of_the_same_rows_as_csv() {
    let book = read_one("orders.xlsx", &orders_book(), &LoadOptions::default());
    let csv = read_one("orders.csv", ORDERS_CSV.as_bytes(), &LoadOptions::default());
    assert_eq!(csv.files()[0].error, None);
    assert_eq!(summary_json(&book), summary_json(&csv));
    let (b, c) = (&book.files()[0], &csv.files()[0]);
    assert_eq!(
        (b.rows, b.duplicates, b.skipped),
        (c.rows, c.duplicates, c.skipped)
    );
    assert_eq!(b.mapping, c.mapping);
    assert_eq!(b.kind, c.kind);
}

#[test]
fn the_workbook_read_in_pieces_of_any_size_reads_the_same() {
    let bytes = orders_book();
    let whole = read_one("orders.xlsx", &bytes, &LoadOptions::default());
    let expected = summary_json(&whole);
    for size in [1, 3, 7, 8, 9, 4096, bytes.len()] {
        let options = LoadOptions::default();
        let mut reader = FileReader::new("orders.xlsx", bytes.len() as u64, None, &options);
        for piece in bytes.chunks(size) {
            reader.push(piece, &Earlier::none());
            assert!(reader.head().is_none(), "a workbook is never split");
        }
        let file = reader.finish(&Earlier::none()).into_file();
        assert_eq!(&file.report, &whole.files()[0], "pieces of {size}");
        let mut data = Dataset::new();
        data.push(0, file);
        assert_eq!(summary_json(&data), expected, "pieces of {size}");
    }
}

#[test]
fn another_sheet_is_read_when_named() {
    let options = LoadOptions {
        sheet: Some("Returns".into()),
        ..LoadOptions::default()
    };
    let data = read_one("orders.xlsx", &orders_book(), &options);
    let f = &data.files()[0];
    assert_eq!(f.error, None);
    assert_eq!(f.sheet.as_deref(), Some("Returns"));
    assert_eq!((f.header_line, f.rows), (1, 1));
    assert_eq!(data.package(0).unwrap().order_id, "222-1");

    // A sheet without the columns: the seller picks them, as for a CSV.
    let options = LoadOptions {
        sheet: Some("Notes".into()),
        ..LoadOptions::default()
    };
    let data = read_one("orders.xlsx", &orders_book(), &options);
    let f = &data.files()[0];
    assert_eq!(f.sheet.as_deref(), Some("Notes"));
    assert!(
        matches!(&f.error, Some(FileError::MissingColumns { headers, .. })
        if headers == &["Exported from the ERP"])
    );
}

#[test]
fn an_unknown_sheet_is_refused_naming_the_sheets() {
    let options = LoadOptions {
        sheet: Some("Orderz".into()),
        ..LoadOptions::default()
    };
    let data = read_one("orders.xlsx", &orders_book(), &options);
    let f = &data.files()[0];
    let sheets = vec!["Notes".to_string(), "Orders".into(), "Returns".into()];
    assert_eq!(
        f.error,
        Some(FileError::Workbook(WorkbookError::NoSuchSheet {
            sheet: "Orderz".into(),
            sheets: sheets.clone(),
        }))
    );
    assert_eq!(f.sheets, sheets);
    assert_eq!(data.len(), 0);
    let text = f.error.as_ref().unwrap().to_string();
    assert!(text.contains("no sheet named \"Orderz\""), "{text}");
    assert!(
        text.contains("\"Notes\", \"Orders\", \"Returns\""),
        "{text}"
    );
}

#[test]
fn a_workbook_without_the_columns_names_its_sheets() {
    let mut book = Workbook::new();
    for name in ["Summary", "Stock"] {
        let s = book.add_worksheet();
        s.set_name(name).unwrap();
        s.write_string(0, 0, "sku").unwrap();
        s.write_string(0, 1, "quantity").unwrap();
    }
    let data = read_one(
        "stock.xlsx",
        &book.save_to_buffer().unwrap(),
        &LoadOptions::default(),
    );
    let e = data.files()[0].error.clone();
    assert_eq!(
        e,
        Some(FileError::Workbook(WorkbookError::NoSheetWithColumns {
            sheets: vec!["Summary".into(), "Stock".into()],
        }))
    );
    assert!(e.unwrap().to_string().contains("\"Summary\", \"Stock\""));

    // One sheet: its headers are offered, as a CSV's would be.
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "Order No").unwrap();
    s.write_string(0, 1, "Waybill").unwrap();
    s.write_string(1, 0, "111-1").unwrap();
    s.write_string(1, 1, "WB-1").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let data = read_one("odd.xlsx", &bytes, &LoadOptions::default());
    assert!(
        matches!(&data.files()[0].error, Some(FileError::MissingColumns { headers, .. })
        if headers == &["Order No", "Waybill"])
    );
    // (A column of tracking numbers would have been found by its contents.)
    let mut tracked = Workbook::new();
    let s = tracked.add_worksheet();
    s.write_string(0, 0, "Order No").unwrap();
    s.write_string(0, 1, "Waybill").unwrap();
    s.write_string(1, 0, "111-1").unwrap();
    s.write_string(1, 1, "1Z999AA10123456784").unwrap();
    let data = read_one(
        "odd.xlsx",
        &tracked.save_to_buffer().unwrap(),
        &LoadOptions::default(),
    );
    let r = &data.files()[0];
    assert_eq!(r.error, None);
    assert_eq!(
        r.mapping.column(vtr_core::mapping::Field::TrackingNumber),
        Some(1)
    );
    assert_eq!(r.inferred.len(), 1);
    // ... and the seller's mapping by header reads it.
    let options = LoadOptions {
        overrides: vec![
            (vtr_core::mapping::Field::OrderId, "Order No".into()),
            (vtr_core::mapping::Field::TrackingNumber, "Waybill".into()),
        ],
        ..LoadOptions::default()
    };
    let data = read_one("odd.xlsx", &bytes, &options);
    assert_eq!(data.files()[0].error, None);
    assert_eq!(data.len(), 1);
}

/// A zip of these (name, content) entries, stored.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in entries {
        w.start_file(*name, stored).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An .ods as LibreOffice writes one, cut to what a reader needs.
fn ods_book(rows_xml: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Shipments">{rows_xml}</table:table>
</office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

fn ods_row(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

#[test]
fn an_ods_spreadsheet_is_read_with_its_dates_and_numbers() {
    let float = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let day = |d: &str| {
        format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
        )
    };
    let rows = [
        ods_row(&[
            ods_text("order-id"),
            ods_text("tracking-number"),
            ods_text("carrier-code"),
            ods_text("promised-delivery-date"),
        ]),
        ods_row(&[
            ods_text("111-1"),
            ods_text("1Z999AA10123456784"),
            ods_text("UPS"),
            day("2026-11-01"),
        ]),
        ods_row(&[
            ods_text("111-2"),
            float("9.40011189922335E+21"),
            ods_text("USPS"),
            day("2026-11-02T10:15:00"),
        ]),
        ods_row(&[
            float("12345"),
            ods_text("92055901649173127513"),
            ods_text("USPS"),
            day("2026-11-03"),
        ]),
    ]
    .concat();
    let data = read_one("orders.ods", &ods_book(&rows), &LoadOptions::default());
    let f = &data.files()[0];
    assert_eq!(f.error, None);
    assert_eq!(f.workbook, Some(WorkbookKind::Ods));
    assert_eq!(f.sheet.as_deref(), Some("Shipments"));
    assert_eq!((f.rows, f.header_line), (3, 1));
    let s = analyze(&data, &settings(), &Registry::default()).summary;
    assert_eq!((s.packages, s.considered, s.valid), (3, 3, 2));
    assert_eq!(s.invalid.spreadsheet_mangled, 1);
    let orders: Vec<(&str, Option<chrono::NaiveDate>)> = (0..data.len())
        .filter_map(|i| data.package(i))
        .map(|p| (p.order_id, p.date(DateKind::Promised)))
        .collect();
    assert!(orders.contains(&("111-2", Some(date("2026-11-02")))));
    // A number order id reads as its digits.
    assert!(orders.contains(&("12345", Some(date("2026-11-03")))));
}

/// `book` with its workbook switched to the 1904 date system (Excel for
/// Mac's old default) and every date cell's serial shifted to match, as
/// Excel stores them there.
fn in_1904(book: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        let name = f.name().unwrap().to_string();
        if name == "xl/workbook.xml" {
            text = text.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1);
        }
        if name == "xl/worksheets/sheet1.xml" {
            // 46327 is 2026-11-01 from 1900; from 1904 it is 1462 less.
            assert!(text.contains("<v>46327</v>"), "{text}");
            text = text.replace("<v>46327</v>", "<v>44865</v>");
        }
        entries.push((name, text.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

#[test]
fn dates_of_a_1904_workbook_are_the_same_days() {
    let mut book = Workbook::new();
    write_rows(
        book.add_worksheet(),
        0,
        &["order-id", "tracking-number", "ship-date"],
        &[vec![
            Text("111-1"),
            Text("1Z999AA10123456784"),
            Date(2026, 11, 1, 0, 0),
        ]],
    );
    let bytes = in_1904(&book.save_to_buffer().unwrap());
    let data = read_one("mac.xlsx", &bytes, &LoadOptions::default());
    assert_eq!(data.files()[0].error, None);
    assert_eq!(
        data.package(0).unwrap().date(DateKind::Ship),
        Some(date("2026-11-01"))
    );
}

fn error_of(name: &str, bytes: &[u8]) -> Option<FileError> {
    read_one(name, bytes, &LoadOptions::default()).files()[0]
        .error
        .clone()
}

#[test]
fn broken_and_foreign_workbooks_get_a_sentence() {
    // Cut short: the zip's directory is missing.
    let book = orders_book();
    let e = error_of("cut.xlsx", &book[..book.len() / 2]);
    assert!(
        matches!(&e, Some(FileError::Workbook(WorkbookError::Corrupt { .. }))),
        "{e:?}"
    );
    assert!(e
        .unwrap()
        .to_string()
        .starts_with("This workbook is damaged or incomplete"));

    // A zip of CSV files is no workbook.
    let e = error_of("export.zip", &zip_of(&[("orders.csv", b"order-id\n")]));
    assert_eq!(
        e,
        Some(FileError::Workbook(WorkbookError::NoSpreadsheet {
            container: Container::Zip
        }))
    );

    // Excel 4.0 and older (BIFF4): no OLE container.
    let mut old = b"\x09\x04\x06\x00\x00\x00\x10\x00".to_vec();
    old.resize(600, 0);
    assert_eq!(
        error_of("old.xls", &old),
        Some(FileError::Workbook(WorkbookError::TooOld))
    );

    // An encrypted .xlsx is an OLE file with an "EncryptedPackage" stream.
    let mut sealed = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    sealed.resize(512, 0);
    sealed.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    sealed.resize(4096, 0);
    let e = error_of("sealed.xlsx", &sealed);
    assert_eq!(e, Some(FileError::Workbook(WorkbookError::Encrypted)));
    assert!(e.unwrap().to_string().contains("password"));

    // An OLE file with no workbook stream: a Word document, say.
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(4096, 0);
    assert_eq!(
        error_of("letter.doc", &doc),
        Some(FileError::Workbook(WorkbookError::NoSpreadsheet {
            container: Container::Ole
        }))
    );
}

#[test]
fn a_workbook_past_the_limit_is_refused_at_its_first_piece() {
    let options = LoadOptions::default();
    let mut reader = FileReader::new("huge.xlsx", MAX_WORKBOOK_BYTES + 1, None, &options);
    reader.push(b"PK\x03\x04\x14\x00\x00\x00", &Earlier::none());
    assert!(reader.stopped());
    let file = reader.finish(&Earlier::none()).into_file();
    let e = file.report.error.unwrap();
    assert_eq!(
        e,
        FileError::Workbook(WorkbookError::TooLarge {
            limit: MAX_WORKBOOK_BYTES
        })
    );
    assert!(e.to_string().contains("larger than 200 MB"), "{e}");

    // Size unknown (a stream): refused once past the limit.
    let mut reader = FileReader::new("huge.xlsx", 0, None, &options);
    reader.push(b"PK\x03\x04", &Earlier::none());
    let piece = vec![0u8; 1 << 20];
    let mut pushed = 4u64;
    while !reader.stopped() {
        reader.push(&piece, &Earlier::none());
        pushed += piece.len() as u64;
        assert!(pushed <= MAX_WORKBOOK_BYTES + (1 << 20));
    }
    assert!(pushed > MAX_WORKBOOK_BYTES);
}

#[test]
fn a_short_text_file_is_still_text() {
    // Fewer bytes than a workbook's signature: held, then decoded.
    let data = load(
        &[FileInput::new("tiny.csv", b"a,b\n")],
        &LoadOptions::default(),
    );
    assert!(matches!(
        data.files()[0].error,
        Some(FileError::MissingColumns { .. })
    ));
    assert_eq!(data.files()[0].workbook, None);
}

#[test]
fn a_damaged_workbook_never_panics() {
    let book = orders_book();
    let ods = ods_book(&ods_row(&[
        ods_text("order-id"),
        ods_text("tracking-number"),
    ]));
    for bytes in [book, ods] {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for n in 0..300 {
            let mut damaged = bytes.clone();
            // A cut, or a few bytes changed anywhere but the signature.
            if n % 3 == 0 {
                damaged.truncate(8 + n * 997 % (bytes.len() - 8));
            } else {
                for _ in 0..1 + n % 5 {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let at = 8 + (state as usize) % (damaged.len() - 8);
                    damaged[at] = (state >> 32) as u8;
                }
            }
            let data = read_one("damaged.xlsx", &damaged, &LoadOptions::default());
            let f = &data.files()[0];
            // Read (a damaged cell's text is still text) or refused.
            assert!(f.error.is_some() || f.sheet.is_some(), "{n}: {f:?}");
        }
    }
}

#[test]
fn a_visible_sheet_comes_before_a_hidden_one_and_names_match_loosely() {
    let mut book = Workbook::new();
    let lookup = book.add_worksheet();
    lookup.set_name("Lookup").unwrap();
    lookup.set_hidden(true);
    write_rows(
        lookup,
        0,
        &["order-id", "tracking-number"],
        &[vec![Text("000-0"), Text("1Z999AA10123456784")]],
    );
    let orders = book.add_worksheet();
    orders.set_name("Orders").unwrap();
    // The first sheet can be hidden only when another is active.
    orders.set_active(true);
    write_rows(orders, 0, &HEADERS, &order_rows());
    let bytes = book.save_to_buffer().unwrap();
    let data = read_one("hidden.xlsx", &bytes, &LoadOptions::default());
    let f = &data.files()[0];
    assert_eq!(f.sheets, ["Lookup", "Orders"]);
    assert_eq!(f.sheet.as_deref(), Some("Orders"));
    assert_eq!(f.header_line, 1);

    // " lookup " is the sheet "Lookup": case and spaces are a slip.
    let options = LoadOptions {
        sheet: Some(" lookup ".into()),
        ..LoadOptions::default()
    };
    let data = read_one("hidden.xlsx", &bytes, &options);
    assert_eq!(data.files()[0].sheet.as_deref(), Some("Lookup"));
    assert_eq!(data.package(0).unwrap().order_id, "000-0");
}

/// An .xls written by `tests/workbooks/make_xls.py` (xlwt: no Rust crate
/// writes .xls), with the rows of [`orders_book`].
fn xls_fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/workbooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn an_xls_gives_what_the_same_xlsx_gives_in_either_date_system() {
    let xlsx = read_one("orders.xlsx", &orders_book(), &LoadOptions::default());
    let expected = summary_json(&xlsx);
    for name in ["orders.xls", "orders-1904.xls"] {
        let data = read_one(name, &xls_fixture(name), &LoadOptions::default());
        let f = &data.files()[0];
        assert_eq!(f.error, None, "{name}");
        assert_eq!(f.workbook, Some(WorkbookKind::Xls));
        assert_eq!(f.sheets, ["Notes", "Orders"]);
        assert_eq!((f.sheet.as_deref(), f.header_line), (Some("Orders"), 2));
        let x = &xlsx.files()[0];
        assert_eq!(
            (f.rows, f.duplicates, f.skipped),
            (x.rows, x.duplicates, x.skipped)
        );
        assert_eq!(f.problems, x.problems, "{name}");
        assert_eq!(summary_json(&data), expected, "{name}");
        let promised: Vec<_> = (0..data.len())
            .filter_map(|i| data.package(i))
            .map(|p| {
                (
                    p.order_id,
                    p.tracking_as_written(),
                    p.date(DateKind::Promised),
                )
            })
            .collect();
        assert!(promised.contains(&("111-2", "9.40011189922335E+21", Some(date("2026-11-02")))));
        assert!(promised.contains(&("111-3", "92055901649173127513", Some(date("2026-11-03")))));
    }
}

/// `fixtures/shipstation-export.csv` as an Excel user would have it: a
/// "Notes" sheet first, then "Shipments" with real date-time cells, amounts
/// as currency numbers and tracking numbers as text. Rebuild with
/// `VTR_WRITE_FIXTURES=1 cargo test -p vtr-core --test workbooks`.
fn shipstation_book() -> Vec<u8> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let csv = std::fs::read(dir.join("shipstation-export.csv")).unwrap();
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "ShipStation export, October 2026")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Shipments").unwrap();
    let time_format = Format::new().set_num_format("m/d/yyyy h:mm AM/PM");
    let money = Format::new().set_num_format("$#,##0.00");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv[..]);
    for (r, rec) in reader.records().enumerate() {
        let rec = rec.unwrap();
        if rec.len() < 14 {
            // The CSV's row cut short has no like in a sheet, whose rows
            // are as wide as its header: a note typed right of the header
            // makes the row as broken, so that it is skipped there too.
            sheet.write_string(r as u32, 15, "see e-mail").unwrap();
        }
        for (c, cell) in rec.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Some(dt) = us_date_time(cell) {
                sheet
                    .write_datetime_with_format(r, c, &dt, &time_format)
                    .unwrap();
            } else if let Some(n) = cell
                .strip_prefix('$')
                .and_then(|m| m.replace(',', "").parse::<f64>().ok())
            {
                sheet.write_number_with_format(r, c, n, &money).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// `10/14/2026 9:41 AM` as a date-time cell.
fn us_date_time(s: &str) -> Option<ExcelDateTime> {
    let (date, rest) = s.split_once(' ')?;
    let (time, half) = rest.split_once(' ')?;
    let d: Vec<u16> = date
        .split('/')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let t: Vec<u16> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if d.len() != 3 || t.len() != 2 || (half != "AM" && half != "PM") {
        return None;
    }
    let hour = t[0] % 12 + if half == "PM" { 12 } else { 0 };
    ExcelDateTime::from_ymd(d[2], d[0] as u8, d[1] as u8)
        .ok()?
        .and_hms(hour, t[1] as u8, 0)
        .ok()
}

#[test]
fn the_committed_workbook_reads_as_its_csv() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let path = dir.join("workbooks/shipstation-export.xlsx");
    if std::env::var_os("VTR_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, shipstation_book()).unwrap();
    }
    let book = std::fs::read(&path).expect("fixtures/workbooks/shipstation-export.xlsx");
    let csv = std::fs::read(dir.join("shipstation-export.csv")).unwrap();
    let from_book = read_one("shipstation-export.xlsx", &book, &LoadOptions::default());
    let from_csv = read_one("shipstation-export.csv", &csv, &LoadOptions::default());
    let f = &from_book.files()[0];
    assert_eq!(f.error, None);
    assert_eq!(f.sheets, ["Notes", "Shipments"]);
    assert_eq!(f.sheet.as_deref(), Some("Shipments"));
    let c = &from_csv.files()[0];
    assert_eq!(
        (f.rows, f.duplicates, f.skipped),
        (c.rows, c.duplicates, c.skipped)
    );
    assert_eq!(summary_json(&from_book), summary_json(&from_csv));
    // The file as generated now reads the same (the generator is the spec).
    let fresh = read_one("s.xlsx", &shipstation_book(), &LoadOptions::default());
    assert_eq!(summary_json(&fresh), summary_json(&from_csv));
}

/// A sheet of `n` shipments under the header on row 1.
fn long_book(n: u32) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Shipments").unwrap();
    for (c, h) in ["order-id", "tracking-number", "carrier-code"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=n {
        sheet
            .write_string(r, 0, format!("111-{:07}-{:07}", r, r))
            .unwrap();
        sheet
            .write_string(r, 1, format!("1Z999AA1{:010}", r))
            .unwrap();
        sheet.write_string(r, 2, "UPS").unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_long_sheet_tells_how_far_it_is_read() {
    use vtr_core::read::SheetProgress;
    use vtr_core::workbook::PROGRESS_ROWS;
    let bytes = long_book(10_000);
    let mut reader = FileReader::new(
        "long.xlsx",
        bytes.len() as u64,
        None,
        &LoadOptions::default(),
    );
    reader.push(&bytes[..10], &Earlier::none());
    assert!(
        reader.is_workbook(),
        "known as a workbook from its first bytes"
    );
    reader.push(&bytes[10..], &Earlier::none());
    let mut told = Vec::new();
    let file = reader
        .finish_with(&Earlier::none(), &mut |p| told.push(p))
        .into_file();
    assert_eq!(file.report.rows, 10_000);
    // Opening, then every 2,048 records (the header is the first), out of
    // the header and 10,000 rows.
    let mut want = vec![SheetProgress { rows: 0, of: 0 }];
    want.extend((1..=4).map(|k| SheetProgress {
        rows: k * PROGRESS_ROWS,
        of: 10_001,
    }));
    assert_eq!(told, want);
}

#[test]
fn a_text_file_is_no_workbook_and_tells_no_sheet_progress() {
    let text = b"order-id\ttracking-number\n111-1\t1Z999AA10123456784\n";
    let mut reader = FileReader::new("a.txt", text.len() as u64, None, &LoadOptions::default());
    reader.push(text, &Earlier::none());
    assert!(!reader.is_workbook());
    let mut told = 0;
    let file = reader
        .finish_with(&Earlier::none(), &mut |_| told += 1)
        .into_file();
    assert_eq!((told, file.report.rows), (0, 1));
}
