//! Text to CSV records, as the text arrives, each record handed on with
//! the line it starts on.
//!
//! Most lines of a seller's export hold no quote at all; such a line is
//! split at its delimiters directly (memchr finds them a vector at a time).
//! A line with a quote goes through csv-core's parser, from the line's
//! start to the end of its record (a quoted field may run over line ends),
//! and comes out exactly as csv-core reads it. Only the record being parsed
//! is kept. Blank lines between records are stepped over (they are not
//! rows), and lines are counted by their line feeds (the decoder has turned
//! lone CRs into LFs), so a record's line is the same however the text was
//! cut.

/// One record: its fields, and the 1-based line it starts on (counted from
/// where the reader started).
#[derive(Debug)]
pub struct Record<'a> {
    bytes: &'a [u8],
    ends: &'a [usize],
    /// Bytes between one field's end and the next one's start: 1 for a
    /// line split at its delimiters, 0 for csv-core's unquoted output.
    gap: usize,
    line: u64,
}

impl<'a> Record<'a> {
    /// The number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no field (never true for a parsed record).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`, as bytes; empty when there is no such field.
    pub fn get(&self, i: usize) -> &'a [u8] {
        let Some(&end) = self.ends.get(i) else {
            return &[];
        };
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        self.bytes.get(start..end).unwrap_or(&[])
    }

    /// Every field in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.ends.len()).map(move |i| self.get(i))
    }

    /// The line the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The bytes all fields lie in, and where field `i` starts and ends
    /// within them.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        let &end = self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        Some((start, end))
    }

    /// The bytes the fields lie in (see [`Record::span`]).
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// A workbook row: cells laid end to end in `bytes`, cell `i` ending
    /// at `ends[i]`, on sheet row `line` (see [`crate::workbook`]).
    pub(crate) fn from_cells(bytes: &'a [u8], ends: &'a [usize], line: u64) -> Self {
        Record {
            bytes,
            ends,
            gap: 0,
            line,
        }
    }
}

/// A record copied out of the parser's buffers, to be handed on later
/// (the rows held while a file's columns are found by their contents).
#[derive(Clone, Debug)]
pub(crate) struct OwnedRecord {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    gap: usize,
    line: u64,
}

impl OwnedRecord {
    /// A copy of `rec`.
    pub(crate) fn of(rec: &Record<'_>) -> Self {
        OwnedRecord {
            bytes: rec.bytes.to_vec(),
            ends: rec.ends.to_vec(),
            gap: rec.gap,
            line: rec.line,
        }
    }

    /// A record of these cells, on line `line`.
    pub(crate) fn from_cells<'c>(cells: impl Iterator<Item = &'c [u8]>, line: u64) -> Self {
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for c in cells {
            bytes.extend_from_slice(c);
            ends.push(bytes.len());
        }
        OwnedRecord {
            bytes,
            ends,
            gap: 0,
            line,
        }
    }

    /// The record again.
    pub(crate) fn record(&self) -> Record<'_> {
        Record {
            bytes: &self.bytes,
            ends: &self.ends,
            gap: self.gap,
            line: self.line,
        }
    }
}

/// Parses records out of text pushed in pieces.
///
/// ```
/// use vtr_core::records::Records;
/// let mut lines = Vec::new();
/// let mut r = Records::new(b',', 1);
/// for piece in ["a,\"b\n", "c\"\n\n", "d,e"] {
///     r.push(piece.as_bytes(), &mut |rec| lines.push((rec.line(), rec.len())));
/// }
/// r.finish(&mut |rec| lines.push((rec.line(), rec.len())));
/// assert_eq!(lines, vec![(1, 2), (4, 2)]);
/// ```
pub struct Records {
    delimiter: u8,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    out_len: usize,
    ends_len: usize,
    /// Field ends of a line split at its delimiters.
    line_ends: Vec<usize>,
    /// A line begun in one piece and not ended yet.
    carry: Vec<u8>,
    /// Inside a record csv-core is parsing.
    in_core: bool,
    /// The line at the parse position.
    line: u64,
    /// The line the record being parsed started on.
    record_line: u64,
}

impl Records {
    /// A parser for `delimiter`, whose first byte is on line `first_line`.
    pub fn new(delimiter: u8, first_line: u64) -> Self {
        let core = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(true)
            .double_quote(true)
            .build();
        Records {
            delimiter,
            core,
            out: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            ends_len: 0,
            line_ends: Vec::with_capacity(64),
            carry: Vec::new(),
            in_core: false,
            line: first_line,
            record_line: first_line,
        }
    }

    /// Whether the parser stands between two records: true right after a
    /// record's line end, false inside a record (for example inside a
    /// quoted field that runs over a line end).
    pub fn between_records(&self) -> bool {
        !self.in_core && self.carry.is_empty()
    }

    /// The line the next byte is on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Parses `input`, calling `each` for every record it completes.
    pub fn push(&mut self, mut input: &[u8], each: &mut dyn FnMut(&Record<'_>)) {
        while !input.is_empty() {
            if self.in_core {
                input = self.core_step(input, each);
                continue;
            }
            if self.carry.is_empty() {
                let skip = input
                    .iter()
                    .position(|&b| b != b'\n' && b != b'\r')
                    .unwrap_or(input.len());
                self.line += count_lf(&input[..skip]);
                input = &input[skip..];
                if input.is_empty() {
                    return;
                }
                self.record_line = self.line;
            }
            // The record's first line: up to the first LF, unless a quote
            // comes first.
            match memchr::memchr2(b'\n', b'"', input) {
                Some(k) if input[k] == b'\n' => {
                    let (line, rest) = input.split_at(k);
                    if self.carry.is_empty() {
                        self.split_line(line, each);
                    } else {
                        let mut carry = std::mem::take(&mut self.carry);
                        carry.extend_from_slice(line);
                        self.split_line(&carry, each);
                        carry.clear();
                        self.carry = carry;
                    }
                    self.line += 1;
                    input = &rest[1..];
                }
                Some(_) => {
                    // A quote: csv-core reads this record from its start.
                    self.in_core = true;
                    // The carry holds no LF, so csv-core cannot end the
                    // record inside it.
                    let carry = std::mem::take(&mut self.carry);
                    let mut rest = &carry[..];
                    while !rest.is_empty() {
                        rest = self.core_step(rest, each);
                    }
                }
                None => {
                    self.carry.extend_from_slice(input);
                    return;
                }
            }
        }
    }

    /// Ends the text: the last record, if it had no line end, comes out.
    pub fn finish(&mut self, each: &mut dyn FnMut(&Record<'_>)) {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.split_line(&carry, each);
        }
        while self.in_core {
            let (res, _, nout, nend) = self.core.read_record(
                &[],
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.out_len += nout;
            self.ends_len += nend;
            match res {
                csv_core::ReadRecordResult::End | csv_core::ReadRecordResult::InputEmpty => {
                    self.in_core = false;
                    self.out_len = 0;
                    self.ends_len = 0;
                }
                other => self.settle(other, each),
            }
        }
    }

    /// Splits a line without quotes at its delimiters.
    fn split_line(&mut self, line: &[u8], each: &mut dyn FnMut(&Record<'_>)) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let ends = &mut self.line_ends;
        ends.clear();
        if line.len() < 512 {
            // A typical line: eight bytes at a time beats setting up a
            // vector search for each of a handful of delimiters.
            delimiters_swar(line, self.delimiter, ends);
        } else {
            ends.extend(memchr::memchr_iter(self.delimiter, line));
        }
        ends.push(line.len());
        each(&Record {
            bytes: line,
            ends,
            gap: 1,
            line: self.record_line,
        });
    }

    /// Feeds csv-core until the record ends or the input does.
    fn core_step<'i>(&mut self, input: &'i [u8], each: &mut dyn FnMut(&Record<'_>)) -> &'i [u8] {
        let (res, nin, nout, nend) = self.core.read_record(
            input,
            &mut self.out[self.out_len..],
            &mut self.ends[self.ends_len..],
        );
        self.line += count_lf(&input[..nin]);
        self.out_len += nout;
        self.ends_len += nend;
        self.settle(res, each);
        &input[nin..]
    }

    fn settle(&mut self, res: csv_core::ReadRecordResult, each: &mut dyn FnMut(&Record<'_>)) {
        use csv_core::ReadRecordResult::*;
        match res {
            InputEmpty | End => {}
            OutputFull => {
                let n = self.out.len().max(64) * 2;
                self.out.resize(n, 0);
            }
            OutputEndsFull => {
                let n = self.ends.len().max(8) * 2;
                self.ends.resize(n, 0);
            }
            Record => {
                each(&self::Record {
                    bytes: &self.out[..self.out_len],
                    ends: &self.ends[..self.ends_len],
                    gap: 0,
                    line: self.record_line,
                });
                self.out_len = 0;
                self.ends_len = 0;
                self.in_core = false;
            }
        }
    }
}

/// Appends to `ends` the position of every `d` in `line`, in order, eight
/// bytes at a time: each byte equal to `d` becomes 0, and an exact zero-byte
/// test (no borrow runs from one byte into the next) marks it.
#[inline]
fn delimiters_swar(line: &[u8], d: u8, ends: &mut Vec<usize>) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from_ne_bytes([d; 8]);
    let mut chunks = line.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        // 0x80 in every byte of x that is zero, nothing elsewhere.
        let mut zeros = !(((x & LOW7) + LOW7) | x | LOW7);
        while zeros != 0 {
            ends.push(base + (zeros.trailing_zeros() / 8) as usize);
            zeros &= zeros - 1;
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == d {
            ends.push(base + i);
        }
    }
}

fn count_lf(bytes: &[u8]) -> u64 {
    // Most calls see one line; memchr's counter has a fixed cost a short
    // loop does not.
    if bytes.len() < 64 {
        bytes.iter().filter(|&&b| b == b'\n').count() as u64
    } else {
        memchr::memchr_iter(b'\n', bytes).count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, cut: usize) -> Vec<(u64, Vec<String>)> {
        let mut got = Vec::new();
        let mut r = Records::new(b',', 1);
        let mut each = |rec: &Record<'_>| {
            got.push((
                rec.line(),
                rec.iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect(),
            ))
        };
        for piece in text.as_bytes().chunks(cut.max(1)) {
            r.push(piece, &mut each);
        }
        r.finish(&mut each);
        got
    }

    /// csv-core's own reading, the reference.
    fn core_all(text: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        r.byte_records()
            .map(|rec| {
                rec.unwrap()
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn records_and_lines_are_the_same_at_every_cut() {
        let text = "h1,h2\r\n\r\na,\"quoted,\r\nfield\"\r\n,,\nlast,\"x\"\"y\"";
        let want = vec![
            (1, vec!["h1".to_string(), "h2".to_string()]),
            (3, vec!["a".to_string(), "quoted,\r\nfield".to_string()]),
            (5, vec![String::new(), String::new(), String::new()]),
            (6, vec!["last".to_string(), "x\"y".to_string()]),
        ];
        for cut in 1..=text.len() {
            assert_eq!(all(text, cut), want, "cut {cut}");
        }
    }

    #[test]
    fn the_fast_path_reads_as_csv_core_does() {
        for text in [
            "a,b,c\nd,,f\n,\n",
            "a,b\"c\",d\ne,f\n",
            "\"a\"b,c\n\"\"\"\",\"\"\n",
            "x\r\ny, z \r\n\r\n\"q\r\nr\",s\r\nt",
            "a,\"unterminated\nb,c\n",
            "é,漢字,\"ü\"\n",
        ] {
            let want = core_all(text);
            for cut in 1..=text.len() {
                let got: Vec<Vec<String>> = all(text, cut).into_iter().map(|(_, c)| c).collect();
                assert_eq!(got, want, "{text:?} cut {cut}");
            }
        }
    }

    #[test]
    fn delimiters_are_found_at_every_position_and_byte_value() {
        for d in [b',', b'\t', b';', b'|', 0x7f, 0x80, 0xff, 0x00, 0x01] {
            for len in 0..40 {
                for seed in 0..8u32 {
                    // Bytes around d (d-1, d, d+1, and far ones), so a
                    // borrow or carry between bytes would show.
                    let line: Vec<u8> = (0..len)
                        .map(|i| {
                            let r = (i as u32)
                                .wrapping_mul(2654435761)
                                .wrapping_add(seed * 40503)
                                >> 13;
                            match r % 5 {
                                0 => d,
                                1 => d.wrapping_sub(1),
                                2 => d.wrapping_add(1),
                                3 => (r >> 3) as u8,
                                _ => b'a',
                            }
                        })
                        .collect();
                    let want: Vec<usize> = (0..line.len()).filter(|&i| line[i] == d).collect();
                    let mut got = Vec::new();
                    delimiters_swar(&line, d, &mut got);
                    assert_eq!(got, want, "{d} {line:?}");
                }
            }
        }
    }

    #[test]
    fn between_records_only_after_a_line_end() {
        let mut r = Records::new(b',', 1);
        r.push(b"a,\"b\n", &mut |_| {});
        assert!(!r.between_records());
        r.push(b"c\"\n", &mut |_| {});
        assert!(r.between_records());
        assert_eq!(r.line(), 3);
        r.push(b"x,y", &mut |_| {});
        assert!(!r.between_records());
    }

    #[test]
    fn long_fields_grow_the_buffers() {
        let cell = "x".repeat(100_000);
        let text = format!("\"{cell}\",{}\n", "y,".repeat(500));
        let got = all(&text, 4096);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1[0].len(), 100_000);
        // The cell, 500 "y" and the empty field after the last comma.
        assert_eq!(got[0].1.len(), 502);
    }
}
