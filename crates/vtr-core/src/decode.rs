//! Bytes to text, as the bytes arrive: find out how a shipment file was
//! encoded and turn it into UTF-8 piece by piece, holding back no more than
//! the few bytes a decision needs.
//!
//! Sellers export from Seller Central (every marketplace), Excel,
//! ShipStation and Chinese ERPs, so a file may arrive as UTF-8 (with or
//! without a byte-order mark), UTF-16 or UTF-32 (Excel's "Unicode text"),
//! GB18030/GBK, Big5, Shift_JIS (Amazon.co.jp templates), EUC-KR or
//! Windows-1252 (European Excel). The decisions, by evidence, in order:
//!
//! 1. The file's first [`HEAD_BYTES`] decide what the whole file is: a
//!    byte-order mark (UTF-8, UTF-16 or UTF-32, LE or BE; UTF-32's is
//!    checked first, as it begins with UTF-16 LE's), a file that is no
//!    shipment table at all (a workbook, zip, PDF, image, gzip, JSON,
//!    XML or HTML: refused with a sentence that names it and says what to
//!    do), UTF-32 or UTF-16 without a BOM (their patterns of NUL bytes:
//!    three in every four bytes, or one in two), binary data (many NUL or
//!    control bytes), or text with a few stray NUL bytes.
//! 2. Anything else is an ASCII-compatible encoding. Pure ASCII reads the
//!    same in all of them, so the choice waits for the first non-ASCII byte
//!    and is made from the [`WINDOW_BYTES`] that follow it: valid UTF-8 is
//!    UTF-8, and so is UTF-8 with a few invalid bytes (at least eight valid
//!    multi-byte characters for each invalid sequence); anything else goes
//!    to `chardetng` (by encoding_rs's author), whose guess is one of
//!    GB18030, Big5, Shift_JIS, EUC-KR or Windows-1252 (any other Western
//!    or single-byte guess reads as Windows-1252). The decision depends
//!    only on the file's bytes, never on how they were cut into pieces, so
//!    every way of feeding a file gives the same text.
//!
//! A seller who knows better can force the encoding ([`Decoder::forced`]);
//! a byte-order mark of that encoding is still dropped, and files that are
//! no table are still refused.
//!
//! Stray bytes do not refuse a file: an invalid sequence becomes U+FFFD
//! and a NUL byte is dropped, and each is noted with its line
//! ([`Decoder::strays`]) so the seller can find it; the rest of the file
//! stays as it is.
//!
//! Lone carriage returns (old Mac line ends, some Excel exports) become line
//! feeds, so that every later stage counts lines the same way; CRLF is kept.

use std::fmt;

/// How many bytes at the start of a file decide BOMs, binary formats and
/// UTF-16/UTF-32 without a BOM.
pub const HEAD_BYTES: usize = 64 * 1024;
/// How many bytes from the first non-ASCII byte decide between UTF-8 and
/// the legacy encodings.
pub const WINDOW_BYTES: usize = 64 * 1024;
/// Most lines with stray bytes noted one by one; more are counted.
pub const MAX_LISTED_STRAYS: usize = 1000;

/// The encoding a file was decoded from; shown to the user so a wrong guess
/// is visible, and chosen by the user to correct one.
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
    /// UTF-32 little-endian (four bytes a character).
    Utf32Le,
    /// UTF-32 big-endian.
    Utf32Be,
    /// GB18030, which also decodes GBK and GB2312 (Chinese Excel and ERPs).
    Gb18030,
    /// Big5, traditional Chinese (Taiwan, Hong Kong).
    Big5,
    /// Shift_JIS as Windows writes it (CP932): Amazon.co.jp templates and
    /// Japanese Excel.
    ShiftJis,
    /// EUC-KR as Windows writes it (CP949): Korean Excel.
    EucKr,
    /// Windows-1252, Western European Excel ("CSV (Comma delimited)" on a
    /// German, French or Spanish Windows): é, ü, ß, €.
    Windows1252,
}

impl Encoding {
    /// Every encoding, in the order a list to choose from shows them.
    pub const ALL: [Encoding; 11] = [
        Encoding::Utf8,
        Encoding::Utf8Bom,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Utf32Le,
        Encoding::Utf32Be,
        Encoding::Gb18030,
        Encoding::Big5,
        Encoding::ShiftJis,
        Encoding::EucKr,
        Encoding::Windows1252,
    ];

    /// A short human label, e.g. `"UTF-8 (BOM)"` or `"GB18030 (GBK)"`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Utf32Le => "UTF-32 LE",
            Encoding::Utf32Be => "UTF-32 BE",
            Encoding::Gb18030 => "GB18030 (GBK)",
            Encoding::Big5 => "Big5",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::EucKr => "EUC-KR",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// The encoding a name means, as a seller or a program writes it: the
    /// labels of [`Encoding::label`] and the usual aliases (`utf8`,
    /// `utf-16le`, `gbk`, `gb2312`, `cp936`, `big5`, `sjis`, `cp932`,
    /// `shift-jis`, `euc-kr`, `cp949`, `latin1`, `cp1252`, `windows-1252`,
    /// `utf-32le`...), in any case, with `-`, `_` or spaces or none.
    ///
    /// ```
    /// use vtr_core::decode::Encoding;
    /// assert_eq!(Encoding::from_name("Shift_JIS"), Some(Encoding::ShiftJis));
    /// assert_eq!(Encoding::from_name("cp1252"), Some(Encoding::Windows1252));
    /// assert_eq!(Encoding::from_name("UTF-8 (BOM)"), Some(Encoding::Utf8Bom));
    /// assert_eq!(Encoding::from_name("ebcdic"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Encoding> {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let e = match key.as_str() {
            "utf8" => Encoding::Utf8,
            "utf8bom" | "utf8sig" => Encoding::Utf8Bom,
            "utf16" | "utf16le" | "ucs2" | "unicode" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "utf32" | "utf32le" | "ucs4" => Encoding::Utf32Le,
            "utf32be" => Encoding::Utf32Be,
            "gb18030" | "gb18030gbk" | "gbk" | "gb2312" | "cp936" | "windows936" => {
                Encoding::Gb18030
            }
            "big5" | "big5hkscs" | "cp950" => Encoding::Big5,
            "shiftjis" | "sjis" | "cp932" | "windows31j" | "mskanji" | "windows932" => {
                Encoding::ShiftJis
            }
            "euckr" | "cp949" | "uhc" | "windows949" | "ksc5601" => Encoding::EucKr,
            "windows1252" | "cp1252" | "latin1" | "iso88591" | "ansi" | "western" => {
                Encoding::Windows1252
            }
            _ => return None,
        };
        Some(e)
    }

    /// Whether a file in this encoding may be cut at any line feed byte and
    /// each part decoded on its own: true for UTF-8 and the legacy
    /// encodings, whose multi-byte sequences never contain the byte 0x0A;
    /// false for UTF-16 and UTF-32, whose line feeds are several bytes.
    pub fn splits_at_line_feeds(self) -> bool {
        !matches!(
            self,
            Encoding::Utf16Le | Encoding::Utf16Be | Encoding::Utf32Le | Encoding::Utf32Be
        )
    }

    /// The encoding without its byte-order mark flavour: UTF-8 (BOM) is
    /// UTF-8 once the mark is read.
    pub fn without_bom(self) -> Encoding {
        match self {
            Encoding::Utf8Bom => Encoding::Utf8,
            other => other,
        }
    }

    fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            Encoding::Utf32Le => b"\xFF\xFE\x00\x00",
            Encoding::Utf32Be => b"\x00\x00\xFE\xFF",
            _ => b"",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A kind of file that is not a shipment table, recognised by its first
/// bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinaryKind {
    /// An Excel workbook (.xlsx): a zip holding `xl/workbook.xml`.
    Xlsx,
    /// Any other ZIP container (.zip, .ods, .numbers, .docx...).
    Zip,
    /// An Excel 97-2003 workbook.
    Xls,
    /// A PDF, such as a printed report.
    Pdf,
    /// A PNG image (a screenshot).
    Png,
    /// A JPEG image (a photo or screenshot).
    Jpeg,
    /// A GIF image.
    Gif,
    /// A WebP image.
    Webp,
    /// A gzip-compressed file (`.gz`).
    Gzip,
    /// A RAR archive.
    Rar,
    /// JSON data, as an API returns it.
    Json,
    /// An XML document (including Excel's 2003 "XML Spreadsheet").
    Xml,
    /// A web page (HTML), such as a report page saved from the browser.
    Html,
    /// Something else that is not text (many NUL or control bytes).
    Unknown,
}

impl BinaryKind {
    /// The kind as a seller names it, phrased to follow "This is ".
    pub fn what(self) -> &'static str {
        match self {
            BinaryKind::Xlsx => "an Excel workbook (.xlsx)",
            BinaryKind::Zip => "a zip archive",
            BinaryKind::Xls => "an old Excel workbook (.xls)",
            BinaryKind::Pdf => "a PDF file",
            BinaryKind::Png => "a PNG image",
            BinaryKind::Jpeg => "a JPEG image",
            BinaryKind::Gif => "a GIF image",
            BinaryKind::Webp => "a WebP image",
            BinaryKind::Gzip => "a gzip-compressed file",
            BinaryKind::Rar => "a RAR archive",
            BinaryKind::Json => "a JSON file",
            BinaryKind::Xml => "an XML file",
            BinaryKind::Html => "a web page (HTML)",
            BinaryKind::Unknown => "binary data, not text",
        }
    }

    /// What the seller should do instead, as a sentence.
    pub fn advice(self) -> &'static str {
        match self {
            BinaryKind::Xlsx | BinaryKind::Xls => {
                "open it in Excel and use File > Save As > \"CSV UTF-8 (Comma delimited)\", \
                 then load that file."
            }
            BinaryKind::Zip | BinaryKind::Gzip | BinaryKind::Rar => {
                "unpack it first, then load the text or CSV file inside."
            }
            BinaryKind::Pdf => "download the report as a text or CSV file.",
            BinaryKind::Png | BinaryKind::Jpeg | BinaryKind::Gif | BinaryKind::Webp => {
                "a picture of a report cannot be checked: download the report itself as a \
                 text or CSV file."
            }
            BinaryKind::Json | BinaryKind::Xml | BinaryKind::Html => {
                "download the report as a text (tab-delimited) or CSV file instead."
            }
            BinaryKind::Unknown => {
                "load the report as a text or CSV file (in Excel: File > Save As > \
                 \"CSV UTF-8 (Comma delimited)\")."
            }
        }
    }
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecodeError {
    /// No bytes at all, or only whitespace.
    Empty,
    /// Not a shipment table, but this.
    Binary(BinaryKind),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("The file is empty: it contains no shipment rows."),
            DecodeError::Binary(kind) => write!(
                f,
                "This is {what}, not a shipment export: {advice}",
                what = kind.what(),
                advice = kind.advice()
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// What `decode` names an Excel workbook.
pub const ZIP_WHAT: &str = "an Excel workbook (.xlsx)";

/// What a stray byte was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrayKind {
    /// A byte sequence invalid in the file's encoding, shown as U+FFFD.
    Invalid,
    /// A NUL byte (an invisible zero character), dropped.
    Nul,
}

/// Stray bytes on one line of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stray {
    /// The 1-based line (counted from where the decoder started).
    pub line: u64,
    /// What they were.
    pub kind: StrayKind,
    /// How many on that line.
    pub count: u64,
}

/// Where a decoder starts: at the beginning of a file, or inside one whose
/// start was already looked at (a part of a file split at a line start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Start {
    /// The start of a file: BOM, binary and UTF-16/UTF-32 checks apply.
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
    Utf32 {
        le: bool,
    },
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
/// // 中国邮政 (China Post) in GBK, cut inside its first character.
/// for piece in [&b"order-id,carrier\n1,\xD6"[..], b"\xD0\xB9\xFA\xD3\xCA\xD5\xFE\n"] {
///     d.push(piece, &mut |t| text.extend_from_slice(t)).unwrap();
/// }
/// d.finish(&mut |t| text.extend_from_slice(t)).unwrap();
/// assert_eq!(d.encoding(), Some(Encoding::Gb18030));
/// assert_eq!(String::from_utf8(text).unwrap(), "order-id,carrier\n1,中国邮政\n");
/// ```
pub struct Decoder {
    mode: Mode,
    encoding: Option<Encoding>,
    /// The encoding the seller chose, if any.
    forced: Option<Encoding>,
    /// Head or window bytes not yet decoded.
    held: Vec<u8>,
    /// An incomplete UTF-8 or UTF-32 sequence at the end of the last piece.
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
    /// The line the next byte of text is on.
    line: u64,
    /// Invalid sequences replaced by U+FFFD.
    replaced: u64,
    /// NUL bytes dropped.
    nuls: u64,
    strays: Vec<Stray>,
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
            forced: None,
            held: Vec::new(),
            carry: [0; 4],
            carry_len: 0,
            decoded: Vec::new(),
            fixed: Vec::new(),
            cr_pending: false,
            any_text: false,
            line: 1,
            replaced: 0,
            nuls: 0,
            strays: Vec::new(),
            error: None,
        }
    }

    /// A decoder for a whole file in the encoding the seller chose: files
    /// that are no table are still refused and a byte-order mark of that
    /// encoding is dropped, but nothing else is guessed.
    pub fn forced(encoding: Encoding) -> Self {
        let mut d = Decoder::new(Start::File);
        d.forced = Some(encoding);
        d
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

    /// NUL bytes dropped so far.
    pub fn nuls_dropped(&self) -> u64 {
        self.nuls
    }

    /// The lines with stray bytes so far, in line order; at most
    /// [`MAX_LISTED_STRAYS`] (more are counted in [`Decoder::replaced`]
    /// and [`Decoder::nuls_dropped`]).
    pub fn strays(&self) -> &[Stray] {
        &self.strays
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
            Some(e) => Start::Decided(e.without_bom()),
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
            self.replace(sink);
        }
        if self.cr_pending {
            self.cr_pending = false;
            self.line += 1;
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
                None => self.emit_text(input, false, sink),
                Some(k) => {
                    self.emit_text(&input[..k], false, sink);
                    self.mode = Mode::Window;
                    self.feed(&input[k..], last, sink);
                }
            },
            Mode::Utf8 => self.feed_utf8(input, sink),
            &mut Mode::Utf32 { le } => self.feed_utf32(input, le, sink),
            Mode::Legacy(_) => self.feed_legacy(input, last, sink),
        }
    }

    fn decide_head(&mut self, head: &[u8], last: bool, sink: &mut Sink<'_>) {
        let (encoding, skip) = match self.forced {
            Some(e) => {
                if let Some(kind) = binary_signature(head).or_else(|| text_kind(head, e)) {
                    return self.fail(DecodeError::Binary(kind));
                }
                let bom = e.bom();
                let skip = if !bom.is_empty() && head.starts_with(bom) {
                    bom.len()
                } else {
                    0
                };
                (Some(e), skip)
            }
            None => match detect_head(head) {
                Err(kind) => return self.fail(DecodeError::Binary(kind)),
                Ok(found) => found,
            },
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
                    self.emit_text(s.as_bytes(), false, sink);
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
                    self.replace(sink);
                    input = &input[used_from_input.min(input.len())..];
                }
            }
        }
        loop {
            match std::str::from_utf8(input) {
                Ok(_) => return self.emit_text(input, false, sink),
                Err(e) => {
                    let good = e.valid_up_to();
                    self.emit_text(&input[..good], false, sink);
                    match e.error_len() {
                        None => {
                            let rest = &input[good..];
                            self.carry[..rest.len()].copy_from_slice(rest);
                            self.carry_len = rest.len();
                            return;
                        }
                        Some(bad) => {
                            self.replace(sink);
                            input = &input[good + bad..];
                        }
                    }
                }
            }
        }
    }

    /// UTF-32, four bytes a character; a unit that is no character (a
    /// surrogate or beyond U+10FFFF) becomes U+FFFD.
    fn feed_utf32(&mut self, mut input: &[u8], le: bool, sink: &mut Sink<'_>) {
        let mut out = std::mem::take(&mut self.decoded);
        out.clear();
        let mut bad = 0u64;
        let mut unit = |b: [u8; 4], out: &mut Vec<u8>| {
            let v = if le {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            };
            match char::from_u32(v) {
                Some(c) => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                None => {
                    bad += 1;
                    out.extend_from_slice("\u{FFFD}".as_bytes());
                }
            }
        };
        if self.carry_len > 0 {
            let take = (4 - self.carry_len).min(input.len());
            self.carry[self.carry_len..self.carry_len + take].copy_from_slice(&input[..take]);
            self.carry_len += take;
            input = &input[take..];
            if self.carry_len < 4 {
                self.decoded = out;
                return;
            }
            self.carry_len = 0;
            unit(self.carry, &mut out);
        }
        let mut chunks = input.chunks_exact(4);
        for c in &mut chunks {
            unit([c[0], c[1], c[2], c[3]], &mut out);
        }
        let rest = chunks.remainder();
        self.carry[..rest.len()].copy_from_slice(rest);
        self.carry_len = rest.len();
        self.emit_text(&out, bad > 0, sink);
        self.decoded = out;
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
            src = &src[read..];
            self.emit_text(&out[..written], replaced, sink);
            if result == encoding_rs::CoderResult::InputEmpty {
                break;
            }
        }
        self.decoded = out;
        self.mode = Mode::Legacy(decoder);
    }

    /// Emits U+FFFD for an invalid sequence and notes it on its line.
    fn replace(&mut self, sink: &mut Sink<'_>) {
        self.emit_text("\u{FFFD}".as_bytes(), true, sink);
    }

    fn note(&mut self, kind: StrayKind) {
        match kind {
            StrayKind::Invalid => self.replaced += 1,
            StrayKind::Nul => self.nuls += 1,
        }
        let line = self.line;
        if let Some(last) = self
            .strays
            .last_mut()
            .filter(|s| s.line == line && s.kind == kind)
        {
            last.count += 1;
        } else if self.strays.len() < MAX_LISTED_STRAYS {
            self.strays.push(Stray {
                line,
                kind,
                count: 1,
            });
        }
    }

    /// Hands text on, turning lone CRs into LFs and dropping NULs, and
    /// counts its lines. With `replacements`, every U+FFFD in `text` stands
    /// for an invalid sequence and is noted on its line.
    fn emit_text(&mut self, text: &[u8], replacements: bool, sink: &mut Sink<'_>) {
        if text.is_empty() {
            return;
        }
        if !self.cr_pending && !replacements && memchr::memchr2(b'\r', 0, text).is_none() {
            if !self.any_text {
                self.any_text = text.iter().any(|b| !b.is_ascii_whitespace());
            }
            self.line += memchr::memchr_iter(b'\n', text).count() as u64;
            return sink(text);
        }
        let mut fixed = std::mem::take(&mut self.fixed);
        fixed.clear();
        if self.cr_pending {
            self.cr_pending = false;
            if text[0] == b'\n' {
                fixed.push(b'\r');
            } else {
                fixed.push(b'\n');
                self.line += 1;
            }
        }
        let (body, ends_in_cr) = match text.split_last() {
            Some((b'\r', body)) => (body, true),
            _ => (text, false),
        };
        for (i, &b) in body.iter().enumerate() {
            match b {
                // A CR is lone unless LF follows; the piece's last CR is
                // held back until the next piece shows what follows it.
                b'\r' if body.get(i + 1) != Some(&b'\n') => {
                    fixed.push(b'\n');
                    self.line += 1;
                }
                b'\n' => {
                    fixed.push(b'\n');
                    self.line += 1;
                }
                0 => self.note(StrayKind::Nul),
                0xEF if replacements && body.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]) => {
                    self.note(StrayKind::Invalid);
                    fixed.push(b);
                }
                _ => fixed.push(b),
            }
        }
        self.cr_pending = ends_in_cr;
        if !self.any_text {
            self.any_text = fixed.iter().any(|b| !b.is_ascii_whitespace());
        }
        if !fixed.is_empty() {
            sink(&fixed);
        }
        self.fixed = fixed;
    }
}

fn mode_for(e: Encoding) -> Mode {
    let legacy = match e {
        Encoding::Utf8 | Encoding::Utf8Bom => return Mode::Utf8,
        Encoding::Utf32Le => return Mode::Utf32 { le: true },
        Encoding::Utf32Be => return Mode::Utf32 { le: false },
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Gb18030 => encoding_rs::GB18030,
        Encoding::Big5 => encoding_rs::BIG5,
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
        Encoding::EucKr => encoding_rs::EUC_KR,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    Mode::Legacy(Box::new(legacy.new_decoder_without_bom_handling()))
}

/// What the first bytes of a file say: its encoding and the length of its
/// BOM (`None`: ASCII-compatible, decided later), or that it is no table.
fn detect_head(head: &[u8]) -> Result<(Option<Encoding>, usize), BinaryKind> {
    // UTF-32 LE's mark begins with UTF-16 LE's: it wins when what follows
    // is UTF-32 too (or nothing).
    if head.starts_with(Encoding::Utf32Le.bom())
        && (head.len() == 4 || bomless_utf32(&head[4..]) == Some(true))
    {
        return Ok((Some(Encoding::Utf32Le), 4));
    }
    if head.starts_with(Encoding::Utf32Be.bom()) {
        return Ok((Some(Encoding::Utf32Be), 4));
    }
    for e in [Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be] {
        if head.starts_with(e.bom()) {
            if let Some(kind) = text_kind(head, e) {
                return Err(kind);
            }
            return Ok((Some(e), e.bom().len()));
        }
    }
    if let Some(kind) = binary_signature(head) {
        return Err(kind);
    }
    if let Some(le) = bomless_utf32(head) {
        let e = if le {
            Encoding::Utf32Le
        } else {
            Encoding::Utf32Be
        };
        return Ok((Some(e), 0));
    }
    if let Some(le) = bomless_utf16(head) {
        let e = if le {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return Ok((Some(e), 0));
    }
    if looks_binary(head) {
        return Err(BinaryKind::Unknown);
    }
    if let Some(kind) = text_kind(head, Encoding::Utf8) {
        return Err(kind);
    }
    Ok((None, 0))
}

/// Binary data rather than text with a few stray bytes: more than five NUL
/// or control bytes (other than tab, line ends, form feed and escape) in a
/// hundred.
fn looks_binary(head: &[u8]) -> bool {
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    odd > 0 && odd * 100 > head.len() * 5
}

/// The encoding of an ASCII-compatible file, from the bytes starting at its
/// first non-ASCII byte.
fn decide_window(window: &[u8]) -> Encoding {
    // Judge whole lines where the window holds any, so no character is cut.
    let judged = match memchr::memrchr(b'\n', window) {
        Some(i) if window.len() == WINDOW_BYTES => &window[..=i],
        _ => window,
    };
    let (valid, invalid) = utf8_evidence(judged);
    if invalid == 0 || valid >= 8 * invalid {
        return Encoding::Utf8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(judged, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        Encoding::Gb18030
    } else if guess == encoding_rs::BIG5 {
        Encoding::Big5
    } else if guess == encoding_rs::SHIFT_JIS || guess == encoding_rs::EUC_JP {
        // EUC-JP is no export format sellers meet; Japanese is Shift_JIS.
        Encoding::ShiftJis
    } else if guess == encoding_rs::EUC_KR {
        Encoding::EucKr
    } else {
        Encoding::Windows1252
    }
}

/// Valid multi-byte UTF-8 characters and invalid sequences in `bytes`; a
/// character cut at the end counts as neither.
fn utf8_evidence(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        let (good, rest) = match std::str::from_utf8(bytes) {
            Ok(s) => (s, None),
            Err(e) => (
                // valid_up_to is a char boundary by definition.
                std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
                Some(e),
            ),
        };
        valid += good.chars().filter(|c| !c.is_ascii()).count();
        match rest.and_then(|e| e.error_len().map(|n| (e.valid_up_to(), n))) {
            Some((at, n)) => {
                invalid += 1;
                bytes = &bytes[at + n..];
            }
            None => return (valid, invalid),
        }
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
    const SIGNATURES: [(&[u8], BinaryKind); 10] = [
        (b"PK\x03\x04", BinaryKind::Zip),
        (b"PK\x05\x06", BinaryKind::Zip),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", BinaryKind::Xls),
        (b"%PDF", BinaryKind::Pdf),
        (b"\x89PNG\r\n\x1A\n", BinaryKind::Png),
        (b"\xFF\xD8\xFF", BinaryKind::Jpeg),
        (b"GIF87a", BinaryKind::Gif),
        (b"GIF89a", BinaryKind::Gif),
        (b"\x1F\x8B", BinaryKind::Gzip),
        (b"Rar!\x1A\x07", BinaryKind::Rar),
    ];
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some(BinaryKind::Webp);
    }
    let kind = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)?;
    if kind == BinaryKind::Zip && memchr::memmem::find(bytes, b"xl/workbook.xml").is_some() {
        return Some(BinaryKind::Xlsx);
    }
    Some(kind)
}

/// Text that is no table: JSON, XML or a web page, by how it starts (after
/// a BOM and white space). Only for ASCII-compatible encodings and UTF-16
/// (whose first characters are read as such).
fn text_kind(head: &[u8], e: Encoding) -> Option<BinaryKind> {
    let mut start = [0u8; 16];
    let mut n = 0;
    let body = head.strip_prefix(e.bom()).unwrap_or(head);
    let step = match e {
        Encoding::Utf16Le | Encoding::Utf16Be => 2,
        Encoding::Utf32Le | Encoding::Utf32Be => 4,
        _ => 1,
    };
    let at = match e {
        Encoding::Utf16Be => 1,
        Encoding::Utf32Be => 3,
        _ => 0,
    };
    for unit in body.chunks(step).take(4096) {
        let b = unit.get(at).copied().unwrap_or(0);
        if unit.len() < step
            || (step > 1 && unit.iter().enumerate().any(|(i, &x)| i != at && x != 0))
        {
            break;
        }
        if n == 0 && b.is_ascii_whitespace() {
            continue;
        }
        start[n] = b.to_ascii_lowercase();
        n += 1;
        if n == start.len() {
            break;
        }
    }
    let s = &start[..n];
    let after_bracket = s.get(1..).map(|r| {
        r.iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace())
            .unwrap_or(b']')
    });
    if s.first() == Some(&b'{')
        || (s.first() == Some(&b'[') && matches!(after_bracket, Some(b'{' | b'[' | b'"' | b']')))
    {
        return Some(BinaryKind::Json);
    }
    if s.starts_with(b"<?xml") {
        return Some(BinaryKind::Xml);
    }
    const HTML: [&[u8]; 7] = [
        b"<!doctype",
        b"<html",
        b"<head",
        b"<body",
        b"<table",
        b"<meta",
        b"<!--",
    ];
    if HTML.iter().any(|p| s.starts_with(p)) {
        return Some(BinaryKind::Html);
    }
    None
}

/// Recognises UTF-32 saved without a BOM: in mostly-ASCII text three of
/// every four bytes are NUL, the last three for LE and the first three for
/// BE.
fn bomless_utf32(bytes: &[u8]) -> Option<bool> {
    let sample = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let units = sample.len() / 4;
    if units < 2 {
        return None;
    }
    let (mut le, mut be) = (0usize, 0usize);
    for u in sample.chunks_exact(4) {
        // A character of UTF-32 has a NUL top byte; mostly-ASCII text has
        // three NULs.
        le += usize::from(u[3] == 0 && u[2] == 0 && u[1] == 0 && u[0] != 0);
        be += usize::from(u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] != 0);
        if u[3] != 0 && u[0] != 0 {
            return None;
        }
    }
    if le * 10 >= units * 6 {
        Some(true)
    } else if be * 10 >= units * 6 {
        Some(false)
    } else {
        None
    }
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
    /// The text, BOM removed, lone CRs turned into LFs, NULs dropped.
    pub text: String,
    /// How the bytes were read; pure ASCII reads as UTF-8.
    pub encoding: Encoding,
    /// Lines with stray bytes.
    pub strays: Vec<Stray>,
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
    decode_with(bytes, Decoder::new(Start::File))
}

/// Decodes a whole file held in memory in the encoding the seller chose.
///
/// ```
/// use vtr_core::decode::{decode_as, Encoding};
/// let d = decode_as(b"Lieferdatum;Stra\xDFe\n", Encoding::Windows1252).unwrap();
/// assert_eq!(d.text, "Lieferdatum;Straße\n");
/// ```
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<Decoded, DecodeError> {
    decode_with(bytes, Decoder::forced(encoding))
}

fn decode_with(bytes: &[u8], mut d: Decoder) -> Result<Decoded, DecodeError> {
    let mut text = Vec::with_capacity(bytes.len());
    let mut sink = |t: &[u8]| text.extend_from_slice(t);
    d.push(bytes, &mut sink)?;
    d.finish(&mut sink)?;
    let encoding = d.encoding().unwrap_or(Encoding::Utf8);
    // The decoder only ever emits UTF-8.
    let text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Decoded {
        text,
        encoding,
        strays: d.strays,
    })
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
    fn many_nul_bytes_are_binary_a_few_are_strays() {
        assert_eq!(
            decode(b"abc\0def,ghi,jkl,mno").unwrap_err(),
            DecodeError::Binary(BinaryKind::Unknown)
        );
        let mut text = b"a,b\n".repeat(30);
        text.extend_from_slice(b"c\0,d\n");
        let d = decode(&text).unwrap();
        assert!(d.text.ends_with("\nc,d\n"));
        assert_eq!(d.strays.len(), 1);
        assert_eq!((d.strays[0].line, d.strays[0].count), (31, 1));
    }

    #[test]
    fn stray_lines_are_the_same_at_every_cut() {
        let bytes = b"a,b\r\nc\rd\xFF,e\r\n\xC3\xA9\x00\n\xE4\xBD\n\xF0\n".to_vec();
        let mut want = None;
        for cut in 1..=bytes.len() {
            let mut d = Decoder::new(Start::Decided(Encoding::Utf8));
            let mut text = Vec::new();
            let mut sink = |t: &[u8]| text.extend_from_slice(t);
            for piece in bytes.chunks(cut) {
                d.push(piece, &mut sink).unwrap();
            }
            d.finish(&mut sink).unwrap();
            let got = (String::from_utf8(text).unwrap(), d.strays().to_vec());
            let want = want.get_or_insert_with(|| got.clone());
            assert_eq!(&got, want, "cut {cut}");
        }
        let (text, strays) = want.unwrap();
        assert_eq!(text, "a,b\r\nc\nd\u{FFFD},e\r\né\n\u{FFFD}\n\u{FFFD}\n");
        let lines: Vec<(u64, StrayKind, u64)> =
            strays.iter().map(|s| (s.line, s.kind, s.count)).collect();
        assert_eq!(
            lines,
            [
                (3, StrayKind::Invalid, 1),
                (4, StrayKind::Nul, 1),
                (5, StrayKind::Invalid, 1),
                (6, StrayKind::Invalid, 1)
            ]
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
