//! Bytes to text, as the bytes arrive: find out how a shipment file was
//! encoded and turn it into UTF-8 piece by piece, holding back no more than
//! the few bytes a decision needs.
//!
//! Sellers export from Seller Central, Excel, ShipStation and Chinese ERPs, so
//! a file may arrive as UTF-8 (with or without a byte-order mark), UTF-16
//! (Excel's "Unicode text") or GBK/GB18030. The decisions, in order:
//!
//! 1. The file's first [`HEAD_BYTES`] decide what the whole file is: a
//!    byte-order mark (UTF-8, UTF-16 LE or BE), a known binary format
//!    (xlsx/zip, xls, pdf, gzip: refused with a sentence that says what to
//!    do), UTF-16 without a BOM (its pattern of NUL bytes), or any other NUL
//!    byte (not text).
//! 2. Anything else is an ASCII-compatible encoding. Pure ASCII reads the
//!    same in all of them, so the choice waits for the first non-ASCII byte
//!    and is made from the [`WINDOW_BYTES`] that follow it: valid UTF-8 is
//!    UTF-8, anything else GB18030 (a superset of GBK and GB2312). The
//!    decision depends only on the file's bytes, never on how they were cut
//!    into pieces, so every way of feeding a file gives the same text.
//!
//! In a file decided as UTF-8, a stray invalid byte becomes U+FFFD and is
//! counted; the rest of the file stays as it is.
//!
//! Lone carriage returns (old Mac line ends, some Excel exports) become line
//! feeds, so that every later stage counts lines the same way; CRLF is kept.

use std::fmt;

/// How many bytes at the start of a file decide BOMs, binary formats and
/// UTF-16 without a BOM.
pub const HEAD_BYTES: usize = 64 * 1024;
/// How many bytes from the first non-ASCII byte decide between UTF-8 and
/// the legacy encodings.
pub const WINDOW_BYTES: usize = 64 * 1024;

/// The encoding a file was decoded from; shown to the user so a wrong guess
/// is visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with the byte-order mark EF BB BF (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// GB18030, which also decodes GBK and GB2312 (Chinese Excel and ERPs).
    Gb18030,
}

impl Encoding {
    /// A short human label, e.g. `"UTF-8 (BOM)"` or `"GB18030 (GBK)"`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Gb18030 => "GB18030 (GBK)",
        }
    }

    /// Whether a file in this encoding may be cut at any line feed byte and
    /// each part decoded on its own: true for UTF-8 and GB18030, whose
    /// multi-byte sequences never contain the byte 0x0A.
    pub fn splits_at_line_feeds(self) -> bool {
        !matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A kind of file that is not a text table, recognised by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinaryKind {
    /// A ZIP container: xlsx, ods and numbers files are all ZIPs.
    Zip,
    /// An Excel 97-2003 workbook.
    Xls,
    /// A PDF, such as a printed report.
    Pdf,
    /// A gzip-compressed file (`.gz`).
    Gzip,
    /// A RAR archive.
    Rar,
    /// Something else with NUL bytes in it.
    Unknown,
}

impl BinaryKind {
    /// The kind phrased to follow "This file is ".
    pub fn what(self) -> &'static str {
        match self {
            BinaryKind::Zip => ZIP_WHAT,
            BinaryKind::Xls => "an old Excel workbook (.xls)",
            BinaryKind::Pdf => "a PDF document",
            BinaryKind::Gzip => "a gzip-compressed file",
            BinaryKind::Rar => "a RAR archive",
            BinaryKind::Unknown => "binary data (it contains NUL bytes)",
        }
    }
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecodeError {
    /// No bytes at all, or only whitespace.
    Empty,
    /// Not a text file, but this.
    Binary(BinaryKind),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("The file is empty: it contains no shipment rows."),
            DecodeError::Binary(kind) => write!(
                f,
                "This file is {what}, not a text file. Open it in Excel (or your spreadsheet \
                 program) and use File > Save As > \"CSV UTF-8 (Comma delimited)\" or a \
                 tab-delimited text file, then load that file instead.",
                what = kind.what()
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// What `decode` names a ZIP container: xlsx, ods and numbers files are all ZIPs.
pub const ZIP_WHAT: &str = "an Excel workbook (.xlsx) or another zip archive";

/// Where a decoder starts: at the beginning of a file, or inside one whose
/// start was already looked at (a part of a file split at a line start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Start {
    /// The start of a file: BOM, binary and UTF-16 checks apply.
    File,
    /// Inside a file known to be in this encoding.
    Decided(Encoding),
    /// Inside an ASCII-compatible file whose start held only ASCII: decide
    /// at the first non-ASCII byte, as from the file's start.
    Ascii,
}

enum Mode {
    /// Collecting the first bytes of the file.
    Head,
    /// Only ASCII so far.
    Ascii,
    /// Non-ASCII seen: collecting the window that decides.
    Window,
    Utf8,
    Legacy(Box<encoding_rs::Decoder>),
    /// Refused: every later byte is ignored.
    Failed,
}

/// A streaming decoder: [`Decoder::push`] bytes in pieces of any size, then
/// [`Decoder::finish`]; UTF-8 text comes out through the sink in pieces.
///
/// ```
/// use vtr_core::decode::{Decoder, Encoding, Start};
/// let mut text = Vec::new();
/// let mut d = Decoder::new(Start::File);
/// for piece in [&b"order-id,tracking\n1,\xC4"[..], b"\xE3\n"] {
///     d.push(piece, &mut |t| text.extend_from_slice(t)).unwrap();
/// }
/// d.finish(&mut |t| text.extend_from_slice(t)).unwrap();
/// assert_eq!(d.encoding(), Some(Encoding::Gb18030));
/// assert_eq!(String::from_utf8(text).unwrap(), "order-id,tracking\n1,你\n");
/// ```
pub struct Decoder {
    mode: Mode,
    encoding: Option<Encoding>,
    /// Head or window bytes not yet decoded.
    held: Vec<u8>,
    /// An incomplete UTF-8 sequence at the end of the last piece.
    carry: [u8; 4],
    carry_len: usize,
    /// Legacy decoder output and CR repair scratch.
    decoded: Vec<u8>,
    fixed: Vec<u8>,
    /// The last text piece ended in CR: whether it was a lone CR depends
    /// on the next byte.
    cr_pending: bool,
    /// Some non-whitespace text came out.
    any_text: bool,
    /// Invalid sequences replaced by U+FFFD.
    replaced: u64,
    error: Option<DecodeError>,
}

/// Where decoded text goes.
pub type Sink<'a> = dyn FnMut(&[u8]) + 'a;

impl Decoder {
    /// A decoder that starts as `start` says.
    pub fn new(start: Start) -> Self {
        let (mode, encoding) = match start {
            Start::File => (Mode::Head, None),
            Start::Ascii => (Mode::Ascii, None),
            Start::Decided(e) => (mode_for(e), Some(e)),
        };
        Decoder {
            mode,
            encoding,
            held: Vec::new(),
            carry: [0; 4],
            carry_len: 0,
            decoded: Vec::new(),
            fixed: Vec::new(),
            cr_pending: false,
            any_text: false,
            replaced: 0,
            error: None,
        }
    }

    /// The encoding decided so far; `None` while the text has been pure
    /// ASCII (every candidate reads it the same).
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Invalid byte sequences replaced by U+FFFD so far.
    pub fn replaced(&self) -> u64 {
        self.replaced
    }

    /// Whether nothing is held back: every byte pushed so far came out as
    /// text. False while the first bytes or the window that decides the
    /// encoding are being collected, or a character or CR is cut.
    pub fn drained(&self) -> bool {
        self.held.is_empty()
            && self.carry_len == 0
            && !self.cr_pending
            && !matches!(self.mode, Mode::Head | Mode::Window)
    }

    /// How a later part of this file should start decoding: what this
    /// decoder decided, or "ASCII so far".
    pub fn resume_point(&self) -> Start {
        match self.encoding {
            Some(Encoding::Utf8Bom) => Start::Decided(Encoding::Utf8),
            Some(e) => Start::Decided(e),
            None => Start::Ascii,
        }
    }

    /// Decodes the next piece of the file.
    pub fn push(&mut self, input: &[u8], sink: &mut Sink<'_>) -> Result<(), DecodeError> {
        self.feed(input, false, sink);
        self.error.clone().map_or(Ok(()), Err)
    }

    /// Decodes whatever is held back and ends the text. Fails when the file
    /// was refused, or held no text at all.
    pub fn finish(&mut self, sink: &mut Sink<'_>) -> Result<(), DecodeError> {
        self.feed(&[], true, sink);
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.carry_len > 0 {
            self.carry_len = 0;
            self.replaced += 1;
            self.emit_text("\u{FFFD}".as_bytes(), sink);
        }
        if self.cr_pending {
            self.cr_pending = false;
            sink(b"\n");
        }
        if !self.any_text {
            return Err(DecodeError::Empty);
        }
        Ok(())
    }

    fn fail(&mut self, e: DecodeError) {
        self.error = Some(e);
        self.mode = Mode::Failed;
        self.held = Vec::new();
    }

    fn feed(&mut self, input: &[u8], last: bool, sink: &mut Sink<'_>) {
        match &mut self.mode {
            Mode::Failed => {}
            Mode::Head => {
                self.held.extend_from_slice(input);
                if self.held.len() >= HEAD_BYTES || last {
                    let head = std::mem::take(&mut self.held);
                    self.decide_head(&head, last, sink);
                }
            }
            Mode::Window => {
                self.held.extend_from_slice(input);
                if self.held.len() >= WINDOW_BYTES || last {
                    let window = std::mem::take(&mut self.held);
                    let e = decide_window(&window[..window.len().min(WINDOW_BYTES)]);
                    self.encoding = Some(e);
                    self.mode = mode_for(e);
                    self.feed(&window, last, sink);
                }
            }
            Mode::Ascii => match input.iter().position(|b| !b.is_ascii()) {
                None => self.emit_text(input, sink),
                Some(k) => {
                    self.emit_text(&input[..k], sink);
                    self.mode = Mode::Window;
                    self.feed(&input[k..], last, sink);
                }
            },
            Mode::Utf8 => self.feed_utf8(input, sink),
            Mode::Legacy(_) => self.feed_legacy(input, last, sink),
        }
    }

    fn decide_head(&mut self, head: &[u8], last: bool, sink: &mut Sink<'_>) {
        let (encoding, skip) = if head.starts_with(b"\xEF\xBB\xBF") {
            (Some(Encoding::Utf8Bom), 3)
        } else if head.starts_with(b"\xFF\xFE") {
            (Some(Encoding::Utf16Le), 2)
        } else if head.starts_with(b"\xFE\xFF") {
            (Some(Encoding::Utf16Be), 2)
        } else if let Some(kind) = binary_signature(head) {
            return self.fail(DecodeError::Binary(kind));
        } else if let Some(le) = bomless_utf16(head) {
            let e = if le {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            };
            (Some(e), 0)
        } else if head.contains(&0) {
            return self.fail(DecodeError::Binary(BinaryKind::Unknown));
        } else {
            (None, 0)
        };
        match encoding {
            Some(e) => {
                self.encoding = Some(e);
                self.mode = mode_for(e);
            }
            None => self.mode = Mode::Ascii,
        }
        self.feed(&head[skip..], last, sink);
    }

    fn feed_utf8(&mut self, mut input: &[u8], sink: &mut Sink<'_>) {
        if self.carry_len > 0 {
            // Complete the sequence cut at the end of the last piece.
            let need = utf8_len(self.carry[0]).saturating_sub(self.carry_len);
            let take = need.min(input.len());
            let mut seq = [0u8; 4];
            seq[..self.carry_len].copy_from_slice(&self.carry[..self.carry_len]);
            seq[self.carry_len..self.carry_len + take].copy_from_slice(&input[..take]);
            let have = self.carry_len + take;
            match std::str::from_utf8(&seq[..have]) {
                Ok(s) => {
                    self.carry_len = 0;
                    input = &input[take..];
                    let s = s.to_owned();
                    self.emit_text(s.as_bytes(), sink);
                }
                Err(e) if e.error_len().is_none() => {
                    // Still incomplete: the piece was shorter than the sequence.
                    self.carry[..have].copy_from_slice(&seq[..have]);
                    self.carry_len = have;
                    return;
                }
                Err(e) => {
                    // Invalid: replace what was carried, and go on from the
                    // first byte that did not fit it.
                    let bad = e.error_len().unwrap_or(1).max(1);
                    let used_from_input = bad.saturating_sub(self.carry_len);
                    self.carry_len = 0;
                    self.replaced += 1;
                    self.emit_text("\u{FFFD}".as_bytes(), sink);
                    input = &input[used_from_input.min(input.len())..];
                }
            }
        }
        loop {
            match std::str::from_utf8(input) {
                Ok(_) => return self.emit_text(input, sink),
                Err(e) => {
                    let good = e.valid_up_to();
                    self.emit_text(&input[..good], sink);
                    match e.error_len() {
                        None => {
                            let rest = &input[good..];
                            self.carry[..rest.len()].copy_from_slice(rest);
                            self.carry_len = rest.len();
                            return;
                        }
                        Some(bad) => {
                            self.replaced += 1;
                            self.emit_text("\u{FFFD}".as_bytes(), sink);
                            input = &input[good + bad..];
                        }
                    }
                }
            }
        }
    }

    fn feed_legacy(&mut self, input: &[u8], last: bool, sink: &mut Sink<'_>) {
        let Mode::Legacy(mut decoder) = std::mem::replace(&mut self.mode, Mode::Failed) else {
            return;
        };
        let mut out = std::mem::take(&mut self.decoded);
        let mut src = input;
        loop {
            // Legacy decoders write whole characters only, so every piece
            // of output is text on its own.
            let room = decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(usize::MAX)
                .clamp(64, 4 << 20);
            out.clear();
            out.resize(room, 0);
            let (result, read, written, replaced) = decoder.decode_to_utf8(src, &mut out, last);
            if replaced {
                self.replaced += 1;
            }
            src = &src[read..];
            self.emit_text(&out[..written], sink);
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        self.decoded = out;
        self.mode = Mode::Legacy(decoder);
    }

    /// Hands text on, turning lone CRs into LFs.
    fn emit_text(&mut self, text: &[u8], sink: &mut Sink<'_>) {
        if text.is_empty() {
            return;
        }
        if !self.any_text {
            self.any_text = text.iter().any(|b| !b.is_ascii_whitespace());
        }
        if !self.cr_pending && memchr::memchr(b'\r', text).is_none() {
            return sink(text);
        }
        let mut fixed = std::mem::take(&mut self.fixed);
        fixed.clear();
        if self.cr_pending {
            fixed.push(if text[0] == b'\n' { b'\r' } else { b'\n' });
            self.cr_pending = false;
        }
        let (body, ends_in_cr) = match text.split_last() {
            Some((b'\r', body)) => (body, true),
            _ => (text, false),
        };
        for (i, &b) in body.iter().enumerate() {
            // A CR is lone unless LF follows; the piece's last CR is held
            // back until the next piece shows what follows it.
            if b == b'\r' && body.get(i + 1) != Some(&b'\n') {
                fixed.push(b'\n');
            } else {
                fixed.push(b);
            }
        }
        self.cr_pending = ends_in_cr;
        if !fixed.is_empty() {
            sink(&fixed);
        }
        self.fixed = fixed;
    }
}

fn mode_for(e: Encoding) -> Mode {
    let legacy = match e {
        Encoding::Utf8 | Encoding::Utf8Bom => return Mode::Utf8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Gb18030 => encoding_rs::GB18030,
    };
    Mode::Legacy(Box::new(legacy.new_decoder_without_bom_handling()))
}

/// The encoding of an ASCII-compatible file, from the bytes starting at its
/// first non-ASCII byte.
fn decide_window(window: &[u8]) -> Encoding {
    match std::str::from_utf8(window) {
        Ok(_) => Encoding::Utf8,
        // Cut inside a character at the window's end: still UTF-8.
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
    }
}

/// The length of the UTF-8 sequence a lead byte starts (1 for a stray
/// continuation byte, so it is replaced on its own).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Magic numbers of formats sellers mistakenly upload.
fn binary_signature(bytes: &[u8]) -> Option<BinaryKind> {
    const SIGNATURES: [(&[u8], BinaryKind); 6] = [
        (b"PK\x03\x04", BinaryKind::Zip),
        (b"PK\x05\x06", BinaryKind::Zip),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::Xls),
        (b"%PDF", BinaryKind::Pdf),
        (b"\x1F\x8B", BinaryKind::Gzip),
        (b"Rar!", BinaryKind::Rar),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Recognises UTF-16 saved without a BOM: in mostly-ASCII text every other
/// byte is NUL, on the odd positions for LE and the even ones for BE.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if even_nul == 0 && odd_nul * 10 >= pairs * 6 {
        Some(true)
    } else if odd_nul == 0 && even_nul * 10 >= pairs * 6 {
        Some(false)
    } else {
        None
    }
}

/// A whole file decoded: its text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed and lone CRs turned into LFs.
    pub text: String,
    /// How the bytes were read; pure ASCII reads as UTF-8.
    pub encoding: Encoding,
}

/// Decodes a whole file held in memory, as [`Decoder`] would piece by piece.
///
/// ```
/// use vtr_core::decode::{decode, Encoding};
/// let d = decode(b"\xEF\xBB\xBForder-id\r\n1\r").unwrap();
/// assert_eq!(d.encoding, Encoding::Utf8Bom);
/// assert_eq!(d.text, "order-id\r\n1\n");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let mut text = Vec::with_capacity(bytes.len());
    let mut d = Decoder::new(Start::File);
    let mut sink = |t: &[u8]| text.extend_from_slice(t);
    d.push(bytes, &mut sink)?;
    d.finish(&mut sink)?;
    let encoding = d.encoding().unwrap_or(Encoding::Utf8);
    // The decoder only ever emits UTF-8.
    let text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(bytes: &[u8], cut: usize) -> Result<(String, Option<Encoding>), DecodeError> {
        let mut text = Vec::new();
        let mut d = Decoder::new(Start::File);
        let mut sink = |t: &[u8]| text.extend_from_slice(t);
        for piece in bytes.chunks(cut.max(1)) {
            d.push(piece, &mut sink)?;
        }
        d.finish(&mut sink)?;
        let e = d.encoding();
        drop(d);
        Ok((String::from_utf8(text).unwrap(), e))
    }

    #[test]
    fn valid_utf8_is_handed_on_without_a_copy() {
        let mut d = Decoder::new(Start::Decided(Encoding::Utf8));
        let piece = "order-id,category\n1,玩具\n".as_bytes();
        let mut same = false;
        d.push(piece, &mut |t| same = std::ptr::eq(t, piece))
            .unwrap();
        assert!(same, "valid UTF-8 must not be copied");
    }

    #[test]
    fn bom_utf8_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFa,b\r\n").unwrap();
        assert_eq!(d.text, "a,b\r\n");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn lone_cr_becomes_lf_but_crlf_stays_at_any_cut() {
        for cut in 1..12 {
            let (t, _) = pieces(b"a\rb\r\nc\r\r\nd\r", cut).unwrap();
            assert_eq!(t, "a\nb\r\nc\n\r\nd\n", "cut {cut}");
        }
    }

    #[test]
    fn bomless_utf16_le_is_recognised() {
        let bytes: Vec<u8> = "order id\ttracking\n1\t2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "order id\ttracking\n1\t2\n");
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \r\n\t\n").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\xFF\xFE").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"abc\0def,ghi,jkl,mno").unwrap_err(),
            DecodeError::Binary(BinaryKind::Unknown)
        );
    }

    #[test]
    fn the_decision_waits_for_the_first_non_ascii_byte() {
        // 100 KB of ASCII, then GBK: decided as GB18030 although the head
        // was pure ASCII.
        let mut bytes = b"order-id,category\n".to_vec();
        while bytes.len() < 100_000 {
            bytes.extend_from_slice(b"1,Toys\n");
        }
        bytes.extend_from_slice(b"2,\xCD\xE6\xBE\xDF\n"); // 玩具 in GBK
        for cut in [1, 7, 4096, 65_536, 1 << 20] {
            let (t, e) = pieces(&bytes, cut).unwrap();
            assert_eq!(e, Some(Encoding::Gb18030), "cut {cut}");
            assert!(t.ends_with("2,玩具\n"));
        }
    }

    #[test]
    fn a_stray_bad_byte_in_utf8_is_replaced_not_a_new_encoding() {
        let mut bytes = "order-id,category\n1,玩具\n".as_bytes().to_vec();
        bytes.extend_from_slice(&vec![b'x'; WINDOW_BYTES]);
        bytes.extend_from_slice(b"\n2,\xFF\n3,");
        bytes.extend_from_slice("玩具\n".as_bytes());
        for cut in [1, 3, 5, 1000, 1 << 20] {
            let mut text = Vec::new();
            let mut d = Decoder::new(Start::File);
            let mut sink = |t: &[u8]| text.extend_from_slice(t);
            for piece in bytes.chunks(cut) {
                d.push(piece, &mut sink).unwrap();
            }
            d.finish(&mut sink).unwrap();
            assert_eq!(d.encoding(), Some(Encoding::Utf8));
            assert_eq!(d.replaced(), 1);
            let t = String::from_utf8(text).unwrap();
            assert!(t.ends_with("\n2,\u{FFFD}\n3,玩具\n"), "cut {cut}");
        }
    }

    #[test]
    fn utf8_cut_inside_a_character_at_every_point() {
        let s = "a,玩具🚚é\n";
        for cut in 1..s.len() {
            let (t, e) = pieces(s.as_bytes(), cut).unwrap();
            assert_eq!(t, s, "cut {cut}");
            assert_eq!(e, Some(Encoding::Utf8));
        }
    }
}
