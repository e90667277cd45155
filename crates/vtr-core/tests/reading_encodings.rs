//! Files in every encoding sellers meet, loaded whole: the rows count, the
//! report names the encoding, and stray bytes are reported by line without
//! losing a row, however the file is cut.

mod common;

use vtr_core::decode::Encoding;
use vtr_core::mapping::Field;
use vtr_core::read::{Earlier, FileReader, FileReport, Problem, RowProblem};
use vtr_core::{load, FileInput, LoadOptions};

/// The file's report, read in pieces of `size` bytes.
fn report_in_pieces(bytes: &[u8], size: usize, options: &LoadOptions) -> FileReport {
    let mut r = FileReader::new("f.csv", bytes.len() as u64, None, options);
    for piece in bytes.chunks(size.max(1)) {
        r.push(piece, &Earlier::none());
    }
    r.finish(&Earlier::none()).into_file().report
}

fn report(bytes: &[u8]) -> FileReport {
    let data = load(&[FileInput::new("f.csv", bytes)], &LoadOptions::default());
    data.files()[0].clone()
}

fn orders(n: usize) -> String {
    let mut s = String::from("order-id,tracking-number,carrier-code,product-category\n");
    for i in 0..n {
        s.push_str(&format!(
            "114-{i:07}-1234567,{},UPS,玩具 – Küche\n",
            common::ups_n(i)
        ));
    }
    s
}

#[test]
fn utf8_with_a_few_invalid_bytes_stays_utf8_and_names_the_lines() {
    let mut bytes = orders(40).into_bytes();
    // Line 6 (order 4) and line 31 (order 29) get a stray byte each in
    // their category, line 31 a second one.
    let at = |bytes: &[u8], line: usize| {
        let mut n = 1;
        bytes
            .iter()
            .position(|&b| {
                if b == b'\n' {
                    n += 1;
                }
                n == line
            })
            .unwrap()
    };
    let i = at(&bytes, 6) + 30;
    bytes.insert(i, 0xFF);
    let i = at(&bytes, 31) + 30;
    bytes.splice(i..i, [0xC3, 0x28, 0x80]);
    let want = report(&bytes);
    assert_eq!(want.encoding, Some(Encoding::Utf8));
    assert_eq!((want.rows, want.skipped), (40, 0), "every row counts");
    assert_eq!(
        want.problems,
        vec![
            RowProblem {
                line: 6,
                problem: Problem::InvalidCharacters { count: 1 }
            },
            RowProblem {
                line: 31,
                problem: Problem::InvalidCharacters { count: 2 }
            },
        ]
    );
    assert_eq!(
        want.problems[1].problem.to_string(),
        "has 2 characters that could not be read in the file's encoding (shown as \"\u{FFFD}\"); \
         the row counts, but check it, and choose the file's encoding if many lines say this"
    );
    for size in [1, 2, 3, 7, 64, 1000, 4096] {
        assert_eq!(
            report_in_pieces(&bytes, size, &LoadOptions::default()),
            want,
            "pieces of {size}"
        );
    }
}

#[test]
fn nul_bytes_are_dropped_and_reported_not_a_refused_file() {
    let mut bytes = orders(10).into_bytes();
    // Some exports pad a cell with NULs; the tracking number of line 4
    // reads the same without them.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let line4 = text.lines().nth(3).unwrap().to_string();
    let at = text.find(&line4).unwrap() + line4.find(",1Z").unwrap() + 1;
    bytes.splice(at..at, [0, 0]);
    bytes.push(0);
    let want = report(&bytes);
    assert!(want.error.is_none(), "{:?}", want.error);
    assert_eq!((want.rows, want.skipped), (10, 0));
    assert_eq!(
        want.problems,
        vec![
            RowProblem {
                line: 4,
                problem: Problem::NulBytes { count: 2 }
            },
            RowProblem {
                line: 12,
                problem: Problem::NulBytes { count: 1 }
            },
        ]
    );
    assert_eq!(
        want.problems[0].problem.to_string(),
        "had 2 NUL bytes (invisible zero characters), which were dropped; the row counts"
    );
    for size in [1, 5, 333] {
        assert_eq!(
            report_in_pieces(&bytes, size, &LoadOptions::default()),
            want
        );
    }
}

#[test]
fn a_seller_can_force_the_encoding() {
    let text = "order-id;tracking-number;carrier-code;product-category\n\
                302-1234567-1234567;1Z999AA10123456784;UPS;Küche\n";
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let detected = report(&latin);
    assert_eq!(detected.encoding, Some(Encoding::Windows1252));
    assert!(!detected.encoding_forced);

    // Forced for all files, or for one.
    let forced = LoadOptions {
        encoding: Some(Encoding::Utf8),
        ..LoadOptions::default()
    };
    let r = report_in_pieces(&latin, 3, &forced);
    assert_eq!(
        (r.encoding, r.encoding_forced),
        (Some(Encoding::Utf8), true)
    );
    assert_eq!(r.rows, 1);
    assert_eq!(
        r.problems,
        vec![RowProblem {
            line: 2,
            problem: Problem::InvalidCharacters { count: 1 }
        }]
    );
    let mut input = FileInput::new("f.csv", &latin);
    input.encoding = Some(Encoding::ShiftJis);
    let data = load(&[input], &LoadOptions::default());
    assert_eq!(data.files()[0].encoding, Some(Encoding::ShiftJis));
    assert!(data.files()[0].encoding_forced);
}

#[test]
fn a_utf32_file_loads() {
    let text = orders(5);
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    for c in text.chars() {
        bytes.extend((c as u32).to_le_bytes());
    }
    for size in [1, 3, 4, 5, 4096] {
        let r = report_in_pieces(&bytes, size, &LoadOptions::default());
        assert_eq!(r.encoding, Some(Encoding::Utf32Le));
        assert_eq!((r.rows, r.skipped), (5, 0), "pieces of {size}");
        assert!(r.problems.is_empty());
    }
}

#[test]
fn a_windows_1252_european_file_loads_with_its_accents() {
    let text = "order-id;tracking-number;carrier-code;ship-date;product-category\n\
                302-1234567-1234567;1Z999AA10123456784;UPS;03.11.2026;Küche & Haushalt\n\
                302-1234567-1234568;1Z999AA10123456792;UPS;04.11.2026;Café € Zubehör\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let data = load(&[FileInput::new("eu.csv", &bytes)], &LoadOptions::default());
    let f = &data.files()[0];
    assert_eq!(f.encoding, Some(Encoding::Windows1252));
    assert_eq!((f.rows, f.skipped), (2, 0));
    let a = vtr_core::analyze(&data, &common::settings(), &vtr_core::Registry::default());
    let names: Vec<&str> = a
        .summary
        .categories
        .iter()
        .map(|c| c.category.as_str())
        .collect();
    assert!(names.contains(&"Café € Zubehör"), "{names:?}");
    assert!(names.contains(&"Küche & Haushalt"), "{names:?}");
    assert!(f.mapping.column(Field::ShipDate).is_some());
}

#[test]
fn a_header_line_over_64_kb_is_read() {
    // 6,000 columns: the header alone is about 100 KB.
    let mut header = String::from("order-id,tracking-number");
    let mut row = format!("114-1234567-1234567,{}", common::ups_n(1));
    for i in 0..6000 {
        header.push_str(&format!(",custom column {i}"));
        row.push_str(",x");
    }
    header.push_str(",carrier-code\n");
    row.push_str(",UPS\n");
    let text = format!("{header}{row}{}", row.replace("114-1234567", "114-7654321"));
    assert!(header.len() > 100_000);
    let want = report(text.as_bytes());
    assert!(want.error.is_none(), "{:?}", want.error);
    assert_eq!((want.header_line, want.rows, want.skipped), (1, 2, 0));
    assert_eq!(want.mapping.column(Field::Carrier), Some(6002));
    for size in [1000, 65_536, 65_537, 99_999] {
        assert_eq!(
            report_in_pieces(text.as_bytes(), size, &LoadOptions::default()),
            want
        );
    }
}

#[test]
fn a_line_too_long_to_be_a_header_says_so() {
    let text = "order-id,".repeat(150_000);
    let r = report(text.as_bytes());
    let e = r.error.clone().expect("refused");
    assert_eq!(
        e,
        vtr_core::read::FileError::NoHeader(vtr_core::sniff::SniffError::LineTooLong)
    );
    assert!(
        e.to_string()
            .contains("more than 1 MB without a line break"),
        "{e}"
    );
    assert_eq!(
        report_in_pieces(text.as_bytes(), 70_000, &LoadOptions::default()),
        r
    );
}
