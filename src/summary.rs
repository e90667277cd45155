//! A first look at a file: does it read as CSV, and how many rows and
//! columns does it have?
//!
//! This is a stand-in until the engine's `decode`/`sniff`/`read` modules take
//! over; it works on raw bytes so that no text decoding is guessed here.

use std::fmt;

/// Rows and columns of a file that read cleanly as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CsvSummary {
    /// Data rows, the header line not included.
    pub rows: u64,
    /// Fields in the header line.
    pub columns: u64,
    /// The field separator that was picked from the header line.
    pub delimiter: u8,
}

/// Why a file is not shown as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryError {
    /// Zero bytes, or only whitespace.
    Empty,
    /// NUL bytes near the start: a spreadsheet, an archive or an image.
    Binary,
    /// The header line has no comma, tab or semicolon.
    SingleColumn,
    /// A data row has a different number of fields than the header.
    UnequalFields {
        /// 1-based line number as an editor shows it.
        line: u64,
        /// Fields the header has.
        expected: u64,
        /// Fields found on that line.
        found: u64,
    },
    /// Anything else the CSV reader rejects.
    Unreadable(String),
}

impl fmt::Display for SummaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "This file is empty."),
            Self::Binary => write!(
                f,
                "This does not look like a CSV or text file (it contains binary data). \
                 Export the report as CSV or tab-separated text and try again."
            ),
            Self::SingleColumn => write!(
                f,
                "No comma, tab or semicolon in the first line, so this is not a table of \
                 shipments. Check that you picked the right file."
            ),
            Self::UnequalFields {
                line,
                expected,
                found,
            } => write!(
                f,
                "Line {line} has {found} fields but the header has {expected}. \
                 The file may be cut off or have an unquoted separator in a value."
            ),
            Self::Unreadable(why) => write!(f, "This file could not be read as CSV: {why}"),
        }
    }
}

/// How many leading bytes are inspected for NULs and for the delimiter.
const SNIFF_LEN: usize = 8192;

/// Counts rows and columns of `bytes`, read as CSV with a header line.
///
/// The delimiter is whichever of comma, tab and semicolon occurs most often
/// in the first line (ties go to that order).
pub fn summarize(bytes: &[u8]) -> Result<CsvSummary, SummaryError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(SummaryError::Empty);
    }
    let head = body.get(..SNIFF_LEN).unwrap_or(body);
    if head.contains(&0) {
        return Err(SummaryError::Binary);
    }
    let delimiter = sniff_delimiter(head).ok_or(SummaryError::SingleColumn)?;

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(body);
    let columns = reader
        .byte_headers()
        .map_err(|e| SummaryError::Unreadable(e.to_string()))?
        .len() as u64;
    let mut rows = 0u64;
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => rows += 1,
            Ok(false) => break,
            Err(e) => return Err(describe(e)),
        }
    }
    Ok(CsvSummary {
        rows,
        columns,
        delimiter,
    })
}

fn sniff_delimiter(head: &[u8]) -> Option<u8> {
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut best: Option<(u8, usize)> = None;
    for candidate in [b',', b'\t', b';'] {
        let count = first_line.iter().filter(|&&b| b == candidate).count();
        if count > 0 && best.is_none_or(|(_, n)| count > n) {
            best = Some((candidate, count));
        }
    }
    best.map(|(d, _)| d)
}

fn describe(err: csv::Error) -> SummaryError {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => SummaryError::UnequalFields {
            line: pos.as_ref().map_or(0, |p| p.line()),
            expected: *expected_len,
            found: *len,
        },
        _ => SummaryError::Unreadable(err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn counts_rows_without_the_header() {
        let got = summarize(b"a,b,c\n1,2,3\n4,5,6\n").unwrap();
        assert_eq!(
            got,
            CsvSummary {
                rows: 2,
                columns: 3,
                delimiter: b','
            }
        );
    }

    #[wasm_bindgen_test]
    fn picks_tab_and_semicolon_and_skips_a_bom() {
        let tab = summarize(b"\xEF\xBB\xBForder-id\ttracking\n1\tX,Y\n").unwrap();
        assert_eq!((tab.rows, tab.columns, tab.delimiter), (1, 2, b'\t'));
        let semi = summarize(b"a;b;c;d\r\n1;2,5;3;4\r\n").unwrap();
        assert_eq!((semi.rows, semi.columns, semi.delimiter), (1, 4, b';'));
    }

    #[wasm_bindgen_test]
    fn quoted_newlines_stay_in_one_row() {
        let got = summarize(b"a,b\n\"line\none\",2\n3,4\n").unwrap();
        assert_eq!((got.rows, got.columns), (2, 2));
    }

    #[wasm_bindgen_test]
    fn broken_files_say_why() {
        assert_eq!(summarize(b""), Err(SummaryError::Empty));
        assert_eq!(summarize(b" \r\n"), Err(SummaryError::Empty));
        assert_eq!(summarize(b"PK\x03\x04\0\0a,b"), Err(SummaryError::Binary));
        assert_eq!(
            summarize(b"hello\nworld\n"),
            Err(SummaryError::SingleColumn)
        );
        assert_eq!(
            summarize(b"a,b,c\n1,2,3\n4,5\n"),
            Err(SummaryError::UnequalFields {
                line: 3,
                expected: 3,
                found: 2
            })
        );
    }

    #[wasm_bindgen_test]
    fn the_embedded_sample_reads_cleanly() {
        // The expected counts live in one file shared with the end-to-end tests.
        let expected: serde_json::Value =
            serde_json::from_str(include_str!("../e2e/expected.json")).unwrap();
        let got = summarize(crate::sample::SAMPLE_CSV).unwrap();
        assert_eq!(Some(got.rows), expected["sample"]["rows"].as_u64());
        assert_eq!(Some(got.columns), expected["sample"]["columns"].as_u64());
    }
}
