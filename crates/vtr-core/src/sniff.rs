//! Layout sniffing: which delimiter a file uses and where its header line is.
//!
//! Only the start of the file is read (the first [`SAMPLE_BYTES`] bytes, on
//! to the end of the line they cut, and [`SAMPLE_RECORDS`] records), so
//! sniffing a 250 MB file costs microseconds. A line that runs past
//! [`MAX_LINE_BYTES`] without a line break is no header: the file gets
//! [`SniffError::LineTooLong`].
//!
//! For each candidate delimiter (comma, tab, semicolon, pipe) the sample is
//! split into records the way a CSV reader would (quotes may hold delimiters
//! and line ends). Then:
//!
//! 1. The header is the first record among the first [`HEADER_SEARCH`] whose
//!    cells name `order_id` or `tracking_number` (section 9 aliases); when
//!    the records right after it name them too (a template's labels, then
//!    its keys), the last of them. The
//!    delimiter under which the header maps the most columns wins; ties go to
//!    the delimiter whose following records have the header's field count.
//! 2. When no record names a required field under any delimiter (unknown
//!    headers the user will map by hand), the delimiter with the most records
//!    sharing one field count (more than one field) wins, and the header is
//!    the first record with that count. Everything before it is preamble.
//!
//! Preamble lines such as blank lines, lines of only delimiters, Amazon's
//! `TemplateType=fptcustom...` line and title lines are skipped this way.

use std::fmt;

use crate::mapping::{field_for_header, Field};

/// How many bytes of the text sniffing looks at.
pub const SAMPLE_BYTES: usize = 64 * 1024;
/// How far the sample may run on to finish the line [`SAMPLE_BYTES`] cut:
/// a header line of thousands of columns is still read whole.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// How many records sniffing looks at.
pub const SAMPLE_RECORDS: usize = 50;
/// How many leading records may hold the header.
pub const HEADER_SEARCH: usize = 20;

/// The delimiters tried, in the order ties are broken.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Where the table starts and how it is split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The field delimiter: `b','`, `b'\t'`, `b';'` or `b'|'`.
    pub delimiter: u8,
    /// Byte offset in the text where the header line starts.
    pub header_offset: usize,
    /// 1-based line number of the header line.
    pub header_line: u64,
}

/// Why no layout could be found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SniffError {
    /// The text has no non-blank line to use as a header.
    NoHeader,
    /// The file's start runs past [`MAX_LINE_BYTES`] without a line break.
    LineTooLong,
}

impl fmt::Display for SniffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SniffError::NoHeader => f.write_str(
                "Could not find a header line: the file has no line with column names such as \
                 \"order-id\" or \"tracking-number\".",
            ),
            SniffError::LineTooLong => f.write_str(
                "The first line of this file runs on for more than 1 MB without a line break, \
                 so it is no table of shipments (or its line breaks were lost). Export the \
                 report again as a CSV or tab-delimited text file.",
            ),
        }
    }
}

impl std::error::Error for SniffError {}

/// One record of the sample.
struct Record {
    offset: usize,
    cells: Vec<String>,
}

impl Record {
    /// Blank, or only delimiters of any kind (`,,,,` rows Excel leaves).
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| {
            c.chars()
                .all(|ch| ch.is_whitespace() || matches!(ch, ',' | ';' | '\t' | '|'))
        })
    }

    fn is_template_line(&self) -> bool {
        self.cells
            .first()
            .is_some_and(|c| c.trim_start().starts_with("TemplateType="))
    }
}

/// Finds the delimiter and the header line of `text`.
pub fn sniff(text: &str) -> Result<Layout, SniffError> {
    let sample = sample_of(text);
    sniff_head(sample, sample.len() == text.len())
}

/// Finds the delimiter and the header line from the start of a file:
/// `head` is its first [`SAMPLE_BYTES`] (or more) of text, `complete` says
/// whether that is the whole file. This is what a streaming reader calls
/// before the rest of the file has arrived.
pub fn sniff_head(head: &str, complete: bool) -> Result<Layout, SniffError> {
    let text = head;
    let sample = sample_of(head);
    let truncated = !complete || sample.len() < head.len();

    let parsed: Vec<(u8, Vec<Record>)> = DELIMITERS
        .iter()
        .map(|&d| (d, split_records(sample, d, truncated)))
        .collect();

    if let Some((delimiter, offset)) = by_known_header(&parsed) {
        return Ok(layout(text, delimiter, offset));
    }
    if let Some((delimiter, offset)) = by_consistency(&parsed) {
        return Ok(layout(text, delimiter, offset));
    }
    if truncated && sample.len() >= MAX_LINE_BYTES.min(head.len()) && !sample.contains('\n') {
        return Err(SniffError::LineTooLong);
    }
    Err(SniffError::NoHeader)
}

fn layout(text: &str, delimiter: u8, header_offset: usize) -> Layout {
    Layout {
        delimiter,
        header_offset,
        header_line: line_number_at(text, header_offset),
    }
}

/// The sample: the first [`SAMPLE_BYTES`], on to the end of the line they
/// cut (at most [`MAX_LINE_BYTES`]), cut at a char boundary.
fn sample_of(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let limit = text.len().min(MAX_LINE_BYTES);
    let mut end = match text.as_bytes().get(SAMPLE_BYTES..limit) {
        Some(rest) => memchr::memchr(b'\n', rest).map_or(limit, |i| SAMPLE_BYTES + i + 1),
        None => limit,
    };
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

/// Whether a streaming reader holding `head` (the text so far, `scanned`
/// bytes of it already looked at) has enough to sniff: past
/// [`SAMPLE_BYTES`] and the end of the line they cut, or past
/// [`MAX_LINE_BYTES`]. Returns how far it looked.
pub(crate) fn head_is_enough(head: &[u8], scanned: usize) -> Result<(), usize> {
    if head.len() <= SAMPLE_BYTES {
        return Err(scanned);
    }
    if head.len() > MAX_LINE_BYTES {
        return Ok(());
    }
    let from = scanned.max(SAMPLE_BYTES);
    match head
        .get(from..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
    {
        Some(_) => Ok(()),
        None => Err(head.len()),
    }
}

/// 1-based number of the line containing `offset`; LF, CRLF and lone CR each
/// end one line.
fn line_number_at(text: &str, offset: usize) -> u64 {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let mut line = 1u64;
    for (i, &b) in before.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
    }
    line
}

/// Splits the sample into records like a CSV reader: a quote opens a quoted
/// field only at the start of a field; `""` inside is one quote. When the
/// sample was cut short, a record running into the cut is dropped.
fn split_records(sample: &str, delimiter: u8, truncated: bool) -> Vec<Record> {
    let bytes = sample.as_bytes();
    let mut records = Vec::new();
    let mut i = 0;
    while i < bytes.len() && records.len() < SAMPLE_RECORDS {
        let offset = i;
        let mut cells = Vec::new();
        let mut cell: Vec<u8> = Vec::new();
        let mut at_field_start = true;
        let mut in_quotes = false;
        let mut ended = false;
        while i < bytes.len() {
            let b = bytes[i];
            if in_quotes {
                if b == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        cell.push(b'"');
                        i += 1;
                    } else {
                        in_quotes = false;
                    }
                } else {
                    cell.push(b);
                }
                i += 1;
                continue;
            }
            if b == b'"' && at_field_start {
                in_quotes = true;
                at_field_start = false;
                i += 1;
                continue;
            }
            if b == delimiter {
                cells.push(String::from_utf8_lossy(&cell).into_owned());
                cell.clear();
                at_field_start = true;
                i += 1;
                continue;
            }
            if b == b'\n' || b == b'\r' {
                i += 1;
                if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                ended = true;
                break;
            }
            cell.push(b);
            at_field_start = false;
            i += 1;
        }
        if !ended && truncated {
            // Cut off by the sample limit: its field count would mislead.
            break;
        }
        cells.push(String::from_utf8_lossy(&cell).into_owned());
        records.push(Record { offset, cells });
    }
    records
}

/// Rule 1: the header names a required field. Returns (delimiter, offset).
fn by_known_header(parsed: &[(u8, Vec<Record>)]) -> Option<(u8, usize)> {
    // (mapped cells, consistent following records, field count)
    let mut best: Option<((usize, usize, usize), u8, usize)> = None;
    let names_required = |r: &Record| {
        !r.is_template_line()
            && r.cells.iter().any(|c| {
                matches!(
                    field_for_header(c),
                    Some(Field::OrderId | Field::TrackingNumber)
                )
            })
    };
    for (delimiter, records) in parsed {
        let found = records.iter().take(HEADER_SEARCH).position(&names_required);
        let Some(mut idx) = found else { continue };
        // Header rows in two languages (Amazon.co.jp's template: Japanese
        // labels, then the English keys): the last one is the header, so
        // the others are not read as rows.
        while records.get(idx + 1).is_some_and(|r| {
            names_required(r)
                && records
                    .get(idx)
                    .is_some_and(|h| h.cells.len() == r.cells.len())
        }) {
            idx += 1;
        }
        let Some(header) = records.get(idx) else {
            continue;
        };
        let width = header.cells.len();
        let mapped = header
            .cells
            .iter()
            .filter(|c| field_for_header(c).is_some())
            .count();
        let consistent = records
            .iter()
            .skip(idx + 1)
            .filter(|r| r.cells.len() == width)
            .count();
        let score = (mapped, consistent, width);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, *delimiter, header.offset));
        }
    }
    best.map(|(_, d, o)| (d, o))
}

/// Rule 2: the most records sharing one field count. Returns (delimiter, offset).
fn by_consistency(parsed: &[(u8, Vec<Record>)]) -> Option<(u8, usize)> {
    let mut best: Option<((usize, usize), u8, usize)> = None;
    for (delimiter, records) in parsed {
        let content: Vec<&Record> = records
            .iter()
            .filter(|r| !r.is_blank() && !r.is_template_line())
            .collect();
        let Some((width, count)) = modal_width(&content) else {
            continue;
        };
        let Some(header) = content.iter().find(|r| r.cells.len() == width) else {
            continue;
        };
        // A single column fits every delimiter equally; it only counts when
        // nothing better exists, and then as comma (first in DELIMITERS).
        let score = if width > 1 { (count, width) } else { (0, 1) };
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, *delimiter, header.offset));
        }
    }
    best.map(|(_, d, o)| (d, o))
}

/// The most frequent field count and how often it occurs; ties favour the
/// wider count.
fn modal_width(records: &[&Record]) -> Option<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in records {
        let w = r.cells.len();
        match counts.iter_mut().find(|(cw, _)| *cw == w) {
            Some((_, n)) => *n += 1,
            None => counts.push((w, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(w, n)| (n, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_every_line_end_style() {
        let t = "a\r\nb\rc\nd";
        assert_eq!(line_number_at(t, 0), 1);
        assert_eq!(line_number_at(t, 3), 2);
        assert_eq!(line_number_at(t, 5), 3);
        assert_eq!(line_number_at(t, 7), 4);
    }

    #[test]
    fn truncated_sample_drops_the_cut_record() {
        let r = split_records("a,b\nc,", b',', true);
        assert_eq!(r.len(), 1);
        let r = split_records("a,b\nc,", b',', false);
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn unknown_headers_fall_back_to_consistency() {
        let t = "Report for November\n\nBestellung;Sendung;Preis\n1;Z1;12,99\n2;Z2;3,50\n";
        let l = sniff(t).unwrap();
        assert_eq!(l.delimiter, b';');
        assert_eq!(l.header_line, 3);
        assert_eq!(&t[l.header_offset..l.header_offset + 10], "Bestellung");
    }

    #[test]
    fn blank_text_has_no_header() {
        assert_eq!(sniff("\n\n ,,\n"), Err(SniffError::NoHeader));
        assert_eq!(sniff(""), Err(SniffError::NoHeader));
    }
}
