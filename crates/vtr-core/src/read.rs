//! Bytes to packages, streaming: a [`FileReader`] takes a file in pieces of
//! any size (decode, sniff, csv records, mapping, rows) and folds every row
//! into a compact [`Segment`] as it goes. Neither the file's text nor its
//! records are ever held whole, so memory follows the packages, not the
//! file. A broken row is reported with its line and reason; the rest still
//! counts. The same pieces always give the same result, however the file
//! was cut.
//!
//! A large file can also be read as several parts at once: each part
//! starts at a line start ([`FileReader::part`]) and [`assemble`] puts the
//! parts back in file order, checking that every cut really fell between
//! two records.

use crate::decode::{DecodeError, Decoder, Encoding, Start, Stray, StrayKind};
use crate::fingerprint::Fingerprinter;
use crate::infer::{Inferred, SAMPLE_ROWS};
use crate::mapping::{fold_header, normalize_header, Field, Mapping, MappingError};
use crate::orders_only::OrdersOnly;
use crate::package::DateKind;
use crate::records::{OwnedRecord, Record, Records};
use crate::row::{decide_dates, Columns, DateVotes, EarlierRows, Outcome, RowReader};
use crate::sniff::{head_is_enough, sniff_head, SniffError};
use crate::store::{OutOfMemory, Segment};
use crate::workbook::{Ending, Intake, Refusal, WorkbookError, WorkbookKind};
use serde::{Deserialize, Serialize};
use std::fmt;
use xxhash_rust::xxh3::xxh3_64;

pub use crate::row::{DateOrder, Problem, MAX_LISTED_PROBLEMS};
pub use crate::wire::WireError;
pub use crate::workbook::SheetProgress;

/// One file held in memory, to read in one go (see [`crate::load`]).
#[derive(Clone, Debug)]
pub struct FileInput<'a> {
    /// The file name, as reports and exported `source` cells show it.
    pub name: &'a str,
    /// The whole file, in any encoding [`crate::decode`] recognises.
    pub bytes: &'a [u8],
    /// A mapping the seller chose for this file; detected when `None`.
    pub mapping: Option<Mapping>,
    /// The encoding the seller chose for this file; when `None`,
    /// [`LoadOptions::encoding`], else detected.
    pub encoding: Option<Encoding>,
}

impl<'a> FileInput<'a> {
    /// A file with its mapping to be detected.
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        FileInput {
            name,
            bytes,
            mapping: None,
            encoding: None,
        }
    }
}

/// Options that change how files are read (unlike [`crate::settings::Settings`],
/// changing these means reading the files again).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadOptions {
    /// Field -> header, applied to every file that has that header; an
    /// empty header unmaps the field.
    pub overrides: Vec<(Field, String)>,
    /// How `dd/dd/yyyy` dates are read: decided per column, or forced.
    pub date_order: DateOrder,
    /// Mappings the seller chose before, by [`crate::mapping::headers_key`]:
    /// a file with the same headers and no mapping of its own gets it.
    pub remembered: Vec<(String, Mapping)>,
    /// The encoding to read files in, as the seller chose it; `None`
    /// detects it per file (see [`crate::decode`]).
    pub encoding: Option<Encoding>,
    /// The sheet to read in a workbook, by name (case and surrounding
    /// spaces aside when no sheet has the exact name); `None` reads the
    /// first whose header maps an order id and a tracking number. Text
    /// files ignore it.
    pub sheet: Option<String>,
}

/// What kind of export a file looks like, from its headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Amazon's own VTR report, with its valid-tracking flag column.
    AmazonVtrReport,
    /// A shipping-confirmation upload file (order id, carrier code, ship date).
    AmazonShipConfirmation,
    /// An Amazon order report (`amazon-order-id`, `order-item-id`).
    AmazonOrderReport,
    /// Amazon's Fulfilled Shipments report (FBA): `amazon-order-id`,
    /// `shipment-id` and `fulfillment-center-id`.
    AmazonFbaShipments,
    /// A ShipStation export (`Order - Number` and `Shipment - Tracking
    /// Number`: its "Group - Field" headers).
    ShipStation,
    /// An eBay Seller Hub orders report (`Sales Record Number`, `Order
    /// Number`).
    Ebay,
    /// A Chinese ERP export, with headers in Chinese (and no Japanese).
    ChineseErp,
    /// Any other table with the columns the engine needs: no header says
    /// which product wrote it.
    Generic,
}

impl FileKind {
    /// The kind as a seller names it.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::AmazonVtrReport => "Amazon VTR report",
            FileKind::AmazonShipConfirmation => "Amazon shipping confirmation",
            FileKind::AmazonOrderReport => "Amazon order report",
            FileKind::AmazonFbaShipments => "Amazon fulfilled shipments (FBA)",
            FileKind::ShipStation => "ShipStation export",
            FileKind::Ebay => "eBay orders report",
            FileKind::ChineseErp => "Chinese ERP export",
            FileKind::Generic => "Shipment export",
        }
    }
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileError {
    /// The bytes are no text: empty, or a workbook, PDF or archive.
    Decode(DecodeError),
    /// No line looks like a header of column names.
    NoHeader(SniffError),
    /// Order id or tracking number could not be mapped: the seller has to
    /// pick the columns.
    MissingColumns {
        /// The required fields no column maps to.
        missing: Vec<Field>,
        /// The file's headers, for the seller to pick from.
        headers: Vec<String>,
        /// The tracking number is missing because the file is an order
        /// export that has none: which one.
        #[serde(default)]
        orders_only: Option<OrdersOnly>,
    },
    /// A seller's override names a header the file does not have.
    Mapping(MappingError),
    /// The packages did not fit in memory; nothing of the file was kept.
    OutOfMemory,
    /// A workbook that could not be read, or whose sheet could not be
    /// chosen ([`crate::workbook`]).
    Workbook(WorkbookError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Decode(e) => write!(f, "{e}"),
            FileError::NoHeader(e) => write!(f, "{e}"),
            FileError::MissingColumns {
                orders_only: Some(kind),
                ..
            } => write!(
                f,
                "this is {} {}: it lists orders but no tracking numbers, so it cannot give a \
                 Valid Tracking Rate on its own. Check the file that confirms your shipments \
                 instead: the shipping confirmation file you upload to Amazon, your shipping \
                 software's export, or Amazon's Valid Tracking Rate report",
                kind.article(),
                kind.name()
            ),
            FileError::MissingColumns {
                missing, headers, ..
            } => {
                let names: Vec<&str> = missing.iter().map(|f| f.key()).collect();
                write!(
                    f,
                    "no column for {} was found; the headers are: {}",
                    names.join(" and "),
                    headers.join(", ")
                )
            }
            FileError::Mapping(e) => write!(f, "{e}"),
            FileError::OutOfMemory => f.write_str(
                "There was not enough memory to read this file. Close other tabs or \
                 programs, or split the file, and try again.",
            ),
            FileError::Workbook(e) => write!(f, "{e}"),
        }
    }
}

/// A problem and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The 1-based line of the file where the row starts.
    pub line: u64,
    /// What was wrong with it.
    pub problem: Problem,
}

/// What reading one file found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// The file name as given.
    pub name: String,
    /// The file's size in bytes as the caller gave it, for display; 0 when
    /// the caller did not know it.
    pub size: u64,
    /// The encoding the text was decoded from; `None` when it could not be.
    pub encoding: Option<Encoding>,
    /// Whether that encoding was the seller's choice
    /// ([`LoadOptions::encoding`]) rather than detected.
    pub encoding_forced: bool,
    /// The field delimiter found; `None` before the header is read.
    pub delimiter: Option<u8>,
    /// The 1-based line of the header (lines above it are a preamble);
    /// 0 when none was found.
    pub header_line: u64,
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    /// Which column feeds which field, as used for this file.
    pub mapping: Mapping,
    /// Fields whose column was found by its contents, not its header
    /// ([`crate::infer`]): the seller is told, and may change it.
    #[serde(default)]
    pub inferred: Vec<Inferred>,
    /// What produced the file, guessed from its headers.
    pub kind: FileKind,
    /// Data rows read, duplicates and skipped rows included.
    pub rows: u64,
    /// Rows dropped as exact repeats of earlier rows (section 2).
    pub duplicates: u64,
    /// Rows left out for a problem.
    pub skipped: u64,
    /// Lines that are no shipment rows and were left out without a
    /// problem: footers such as eBay's "3,record(s) downloaded,..." and
    /// "Seller ID : ...", and totals lines (合计, Total). Not in `rows`.
    pub ignored_lines: u64,
    /// Problems by line, at most [`MAX_LISTED_PROBLEMS`].
    pub problems: Vec<RowProblem>,
    /// Whether each date field was read day-first (ambiguous dates only).
    pub day_first: Vec<(Field, bool)>,
    /// Why the file could not be read; none of its rows count then.
    pub error: Option<FileError>,
    /// The kind of workbook, for a workbook; `None` for a text file.
    #[serde(default)]
    pub workbook: Option<WorkbookKind>,
    /// A workbook's worksheets, in order (empty for a text file): the
    /// seller may choose another with [`LoadOptions::sheet`].
    #[serde(default)]
    pub sheets: Vec<String>,
    /// The sheet read. When set, `header_line` and every line in
    /// `problems` and in package sources are that sheet's row numbers.
    #[serde(default)]
    pub sheet: Option<String>,
}

impl FileReport {
    fn new(name: &str, size: u64) -> Self {
        FileReport {
            name: name.to_string(),
            size,
            encoding: None,
            encoding_forced: false,
            delimiter: None,
            header_line: 0,
            headers: Vec::new(),
            mapping: Mapping::default(),
            inferred: Vec::new(),
            kind: FileKind::Generic,
            rows: 0,
            duplicates: 0,
            skipped: 0,
            ignored_lines: 0,
            problems: Vec::new(),
            day_first: Vec::new(),
            error: None,
            workbook: None,
            sheets: Vec::new(),
            sheet: None,
        }
    }

    fn problem(&mut self, line: u64, problem: Problem) {
        if problem.skips_row() {
            self.skipped += 1;
        }
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(RowProblem { line, problem });
        }
    }

    /// The delimiter as a seller would name it.
    pub fn delimiter_label(&self) -> &'static str {
        match self.delimiter {
            Some(b',') => "comma",
            Some(b';') => "semicolon",
            Some(b'\t') => "tab",
            Some(b'|') => "pipe",
            Some(_) => "other",
            None => "-",
        }
    }
}

/// Adds the lines with stray bytes to the row problems, both in line order
/// (a stray first on a line that has both), keeping the first
/// [`MAX_LISTED_PROBLEMS`]: the same list however the file was cut.
fn merge_strays(problems: &mut Vec<RowProblem>, strays: &[Stray]) {
    if strays.is_empty() {
        return;
    }
    let rows = std::mem::take(problems);
    let mut rows = rows.into_iter().peekable();
    let mut strays = strays.iter().peekable();
    while problems.len() < MAX_LISTED_PROBLEMS {
        let take_stray = match (strays.peek(), rows.peek()) {
            (Some(s), Some(r)) => s.line <= r.line,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_stray {
            if let Some(s) = strays.next() {
                let problem = match s.kind {
                    StrayKind::Invalid => Problem::InvalidCharacters { count: s.count },
                    StrayKind::Nul => Problem::NulBytes { count: s.count },
                };
                problems.push(RowProblem {
                    line: s.line,
                    problem,
                });
            }
        } else if let Some(r) = rows.next() {
            problems.push(r);
        }
    }
}

/// The file id [`Earlier::add_part`] gives the parts of the file itself: a
/// repeat of one of their rows is no repeat of another file.
const SAME_FILE: u64 = u64::MAX;

/// The rows of files read earlier, so a row repeating one of theirs under
/// the same header is a duplicate (section 2). Cheap to make: a list of
/// references.
#[derive(Clone, Default)]
pub struct Earlier<'a> {
    segments: Vec<(u64, u64, &'a Segment)>,
}

impl<'a> Earlier<'a> {
    /// No earlier file.
    pub fn none() -> Self {
        Earlier::default()
    }

    /// Adds the rows of file `file` (an id of the caller's), read under the
    /// header signature `sig`.
    pub(crate) fn add(&mut self, sig: u64, file: u64, segment: &'a Segment) {
        self.segments.push((sig, file, segment));
    }

    /// Adds the rows of a part of the same file, read before.
    pub fn add_part(&mut self, part: &'a Part) {
        self.segments.push((part.sig, SAME_FILE, &part.segment));
    }

    fn rows_for(&self, sig: u64, mapping_sig: u64) -> Vec<EarlierRows<'a>> {
        self.segments
            .iter()
            .filter(|(s, _, _)| *s == sig)
            .map(|&(_, file, segment)| EarlierRows {
                file,
                segment,
                all: (segment.mapping_sig != mapping_sig).then(|| segment.all_rows()),
            })
            .collect()
    }
}

/// What a part of a file needs to be read on its own: the layout and
/// mapping its file's start decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// The field delimiter.
    pub delimiter: u8,
    /// The header cells, trimmed.
    pub headers: Vec<String>,
    /// The mapping the file is read with.
    pub mapping: Mapping,
    /// How a part's decoder starts.
    pub start: Start,
    /// How `dd/dd/yyyy` dates are read, as for the whole file.
    pub date_order: DateOrder,
    pub(crate) sig: u64,
}

/// Reads one file, or one part of a file, pushed in pieces: a file too big
/// to hold is read as it arrives, and where the pieces are cut does not
/// matter, even through a quoted cell or a multi-byte character.
///
/// ```
/// use vtr_core::read::{Earlier, FileReader, LoadOptions};
/// use vtr_core::settings::parse_iso_date;
/// use vtr_core::{analyze, load, Dataset, FileInput, Registry, Settings};
///
/// // A BOM, CRLF line ends, a quoted cell with a comma and a line break,
/// // non-ASCII text, and a row exported twice.
/// let csv = "\u{feff}order-id,tracking-number,carrier-code,product-category\r\n\
///            111-1,1Z999AA10123456784,UPS,\"Küche,\r\nHaus\"\r\n\
///            111-2,N/A,UPS,Küche\r\n\
///            111-2,N/A,UPS,Küche\r\n"
///     .as_bytes();
/// let settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
/// let registry = Registry::default();
/// let whole = load(&[FileInput::new("a.csv", csv)], &LoadOptions::default());
/// let expected = analyze(&whole, &settings, &registry).summary;
/// assert_eq!((expected.rows, expected.packages), (3, 2));
/// assert_eq!((expected.valid, expected.invalid.missing_tracking), (1, 1));
///
/// for size in 1..=csv.len() {
///     let mut reader = FileReader::new("a.csv", csv.len() as u64, None, &LoadOptions::default());
///     for piece in csv.chunks(size) {
///         reader.push(piece, &Earlier::none());
///     }
///     let file = reader.finish(&Earlier::none()).into_file();
///     assert_eq!((file.report.rows, file.report.duplicates), (3, 1));
///     assert_eq!(file.packages(), 2);
///
///     let mut data = Dataset::new();
///     data.push(0, file);
///     assert_eq!(analyze(&data, &settings, &registry).summary, expected, "pieces of {size}");
/// }
/// ```
pub struct FileReader {
    /// Whether the file is a workbook, collected whole (crate::workbook).
    book: Intake,
    /// The workbook sheet asked for.
    sheet: Option<String>,
    decoder: Decoder,
    text: TextStage,
    /// Reads a part of a file after its start ([`FileReader::part`]).
    is_part: bool,
    /// Bytes pushed so far.
    pushed: u64,
}

struct TextStage {
    head: Vec<u8>,
    /// How much of `head` was searched for the line end that completes it.
    head_scanned: usize,
    head_done: bool,
    records: Option<Records>,
    rows: RowSide,
}

struct RowSide {
    chosen: Option<Mapping>,
    overrides: Vec<(Field, String)>,
    remembered: Vec<(String, Mapping)>,
    date_order: DateOrder,
    report: FileReport,
    header_done: bool,
    reader: Option<RowReader>,
    seg: Segment,
    fingerprints: Fingerprinter,
    sig: u64,
    /// Earlier files some rows repeated.
    repeats_of: Vec<u64>,
    stopped: bool,
    /// The first rows, held while the columns are found by their contents
    /// ([`crate::infer`]); `None` when the header decided them.
    sample: Option<Vec<OwnedRecord>>,
    /// The mapping the header gave, while the sample is taken.
    pending: Option<Mapping>,
    /// Fields the seller's overrides set or unset: never inferred.
    fixed: Vec<Field>,
    /// An eBay orders report's multi-item orders ([`EbayOrders`]).
    ebay: Option<EbayOrders>,
}

/// eBay's orders report writes a multi-item order as a summary row (the
/// order's totals and dates, no item) followed by one row per item. The
/// order is one package, so an item row without a tracking number takes
/// the summary's, and a summary without one, whose items carry theirs, is
/// a row of the order but no package of its own.
struct EbayOrders {
    item: usize,
    order: usize,
    tracking: usize,
    /// The order id and tracking number of the last summary row.
    summary: Option<(Vec<u8>, Vec<u8>)>,
    /// A summary row without a tracking number, until its first item says
    /// whether the items carry theirs.
    held: Option<OwnedRecord>,
}

impl FileReader {
    /// A reader for a whole file. `chosen` is the seller's mapping for it;
    /// without one the headers are mapped by their names, then `options`'
    /// overrides apply.
    pub fn new(name: &str, size: u64, chosen: Option<Mapping>, options: &LoadOptions) -> Self {
        FileReader {
            book: Intake::new(size),
            sheet: options.sheet.clone(),
            is_part: false,
            pushed: 0,
            decoder: match options.encoding {
                Some(e) => Decoder::forced(e),
                None => Decoder::new(Start::File),
            },
            text: TextStage {
                head: Vec::new(),
                head_scanned: 0,
                head_done: false,
                records: None,
                rows: RowSide {
                    chosen,
                    overrides: options.overrides.clone(),
                    remembered: options.remembered.clone(),
                    date_order: options.date_order,
                    report: FileReport {
                        encoding_forced: options.encoding.is_some(),
                        ..FileReport::new(name, size)
                    },
                    header_done: false,
                    reader: None,
                    seg: Segment::default(),
                    fingerprints: Fingerprinter::default(),
                    sig: 0,
                    repeats_of: Vec::new(),
                    stopped: false,
                    sample: None,
                    pending: None,
                    fixed: Vec::new(),
                    ebay: None,
                },
            },
        }
    }

    /// A reader for a part of a file that starts at a line start after the
    /// header, read with the layout its file's start decided.
    pub fn part(head: &Head) -> Self {
        let mut r = FileReader::new("", 0, Some(head.mapping.clone()), &LoadOptions::default());
        r.is_part = true;
        r.book = Intake::text();
        r.decoder = Decoder::new(head.start);
        let t = &mut r.text;
        t.head_done = true;
        t.records = Some(Records::new(head.delimiter, 1));
        t.rows.date_order = head.date_order;
        t.rows.header_done = true;
        t.rows.sig = head.sig;
        t.rows.report.delimiter = Some(head.delimiter);
        t.rows.report.headers = head.headers.clone();
        t.rows.report.mapping = head.mapping.clone();
        match Columns::new(&head.mapping, head.headers.len()) {
            Some(cols) => {
                t.rows.seg = Segment::new(cols.stored());
                t.rows.seg.mapping_sig = mapping_signature(&head.mapping);
                t.rows.reader = Some(RowReader::new(cols, head.date_order));
            }
            None => t.rows.stopped = true,
        }
        r
    }

    /// The layout parts of this file can be read with, once the header has
    /// been read; `None` before, or when the file cannot be read.
    pub fn head(&self) -> Option<Head> {
        let rows = &self.text.rows;
        // An eBay report's orders span rows: it is read in one piece.
        if !rows.header_done || rows.reader.is_none() || rows.stopped || rows.ebay.is_some() {
            return None;
        }
        Some(Head {
            delimiter: rows.report.delimiter?,
            headers: rows.report.headers.clone(),
            mapping: rows.report.mapping.clone(),
            start: self.decoder.resume_point(),
            date_order: rows.date_order,
            sig: rows.sig,
        })
    }

    /// Whether reading stopped for good (the file is refused, or memory ran
    /// out); further pieces are ignored.
    pub fn stopped(&self) -> bool {
        self.text.rows.stopped
    }

    /// Whether what was read so far ends cleanly between two records, with
    /// nothing held back: a part of the file may start right after it.
    pub fn at_clean_break(&self) -> bool {
        self.decoder.drained() && self.text.head_done && self.between_records()
    }

    /// Whether the text read so far ends between two records.
    pub fn between_records(&self) -> bool {
        self.text
            .records
            .as_ref()
            .is_none_or(Records::between_records)
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.text.rows.report.rows
    }

    /// Bytes pushed so far.
    pub fn bytes_read(&self) -> u64 {
        self.pushed
    }

    /// Reads the next piece of the file.
    pub fn push(&mut self, piece: &[u8], earlier: &Earlier<'_>) {
        self.pushed += piece.len() as u64;
        if self.text.rows.stopped {
            return;
        }
        let piece = match self.book.push(piece) {
            Ok(Some(text)) => text,
            Ok(None) => return,
            Err(Refusal::Book(e)) => return self.text.rows.fail(FileError::Workbook(e)),
            Err(Refusal::OutOfMemory) => return self.text.rows.fail(FileError::OutOfMemory),
        };
        let text = &mut self.text;
        let result = self.decoder.push(&piece, &mut |t| text.take(t, earlier));
        if let Err(e) = result {
            self.text.rows.fail(FileError::Decode(e));
        }
    }

    /// Whether the file is a workbook: its bytes are collected as they
    /// come and its sheet read by [`FileReader::finish`], which for a large
    /// one takes seconds ([`FileReader::finish_with`] tells how far it is).
    pub fn is_workbook(&self) -> bool {
        self.book.is_book()
    }

    /// Reads what is held back and ends the file (or part).
    pub fn finish(self, earlier: &Earlier<'_>) -> Part {
        self.finish_with(earlier, &mut |_| {})
    }

    /// [`FileReader::finish`], telling `progress` how far a workbook's
    /// sheet is read: once as it opens, then every
    /// [`crate::workbook::PROGRESS_ROWS`] rows. A text file tells nothing.
    ///
    /// ```
    /// use vtr_core::read::{Earlier, FileReader, LoadOptions};
    ///
    /// let mut reader = FileReader::new("a.csv", 0, None, &LoadOptions::default());
    /// reader.push(b"order-id,tracking-number\n111-1234567-1234567,1Z999AA10123456784\n", &Earlier::none());
    /// assert!(!reader.is_workbook());
    /// let mut told = 0;
    /// let file = reader.finish_with(&Earlier::none(), &mut |_| told += 1).into_file();
    /// assert_eq!((told, file.report.rows), (0, 1));
    /// ```
    pub fn finish_with(
        mut self,
        earlier: &Earlier<'_>,
        progress: &mut dyn FnMut(SheetProgress),
    ) -> Part {
        let clean_end = self.at_clean_break();
        match self.book.finish() {
            Ending::Book(bytes) => self.read_workbook(&bytes, earlier, progress),
            Ending::Text(held) if !held.is_empty() && !self.text.rows.stopped => {
                let text = &mut self.text;
                if let Err(e) = self.decoder.push(&held, &mut |t| text.take(t, earlier)) {
                    self.text.rows.fail(FileError::Decode(e));
                }
            }
            Ending::Text(_) => {}
        }
        if !self.text.rows.stopped && self.text.rows.report.workbook.is_none() {
            let text = &mut self.text;
            let result = self.decoder.finish(&mut |t| text.take(t, earlier));
            match result {
                // A part of only blank lines is no error: the file has text.
                Err(DecodeError::Empty) if self.is_part => self.text.end(earlier),
                Err(e) => self.text.rows.fail(FileError::Decode(e)),
                Ok(()) => self.text.end(earlier),
            }
        }
        let encoding = self.decoder.encoding();
        let t = self.text;
        let mut rows = t.rows;
        merge_strays(&mut rows.report.problems, self.decoder.strays());
        if rows.report.encoding.is_none() && rows.report.workbook.is_none() {
            // A file that decoded but lacks a column was still read in an
            // encoding: the seller may want to change it.
            let decoded = !matches!(rows.report.error, Some(FileError::Decode(_)));
            rows.report.encoding = encoding.or(decoded.then_some(Encoding::Utf8));
        }
        let end_line = t.records.as_ref().map_or(1, Records::line);
        let votes = rows
            .reader
            .as_ref()
            .map(|r| r.votes.clone())
            .unwrap_or_default();
        Part {
            clean_end,
            columns: rows.reader.map(|r| r.columns().clone()),
            report: rows.report,
            segment: rows.seg,
            votes,
            date_order: rows.date_order,
            sig: rows.sig,
            repeats_of: rows.repeats_of,
            decided: encoding,
            end_line,
        }
    }
}

/// Workbooks (crate::workbook): the chosen sheet's rows go into the same
/// row pipeline as a text file's records.
impl FileReader {
    fn read_workbook(
        &mut self,
        bytes: &[u8],
        earlier: &Earlier<'_>,
        progress: &mut dyn FnMut(SheetProgress),
    ) {
        let rows = &mut self.text.rows;
        if rows.stopped {
            return;
        }
        progress(SheetProgress::default());
        let wanted = crate::workbook::Wanted {
            chosen: rows.chosen.as_ref(),
            remembered: &rows.remembered,
            overrides: &rows.overrides,
            sheet: self.sheet.as_deref(),
        };
        match crate::workbook::open(bytes, &wanted) {
            Err(refused) => {
                rows.report.workbook = refused.kind;
                rows.report.sheets = refused.sheets;
                rows.fail(FileError::Workbook(refused.error));
            }
            Ok(mut book) => {
                rows.report.workbook = Some(book.kind);
                rows.report.header_line = book.header_line();
                rows.report.sheet = Some(book.sheet.clone());
                rows.report.sheets = book.sheets.clone();
                let mut filtered = None;
                let read = book.records(
                    &mut |rec| rows.record(rec, earlier, &mut filtered),
                    progress,
                );
                rows.end(earlier, &mut filtered);
                if let Err(e) = read {
                    rows.fail(FileError::Workbook(e));
                } else if !rows.header_done && rows.report.error.is_none() {
                    rows.fail(FileError::NoHeader(SniffError::NoHeader));
                }
            }
        }
    }
}

impl TextStage {
    fn take(&mut self, text: &[u8], earlier: &Earlier<'_>) {
        if self.rows.stopped {
            return;
        }
        if !self.head_done {
            self.head.extend_from_slice(text);
            match head_is_enough(&self.head, self.head_scanned) {
                Ok(()) => self.start(false, earlier),
                Err(scanned) => self.head_scanned = scanned,
            }
            return;
        }
        self.parse(text, earlier);
    }

    fn end(&mut self, earlier: &Earlier<'_>) {
        if !self.head_done {
            self.start(true, earlier);
        }
        if self.rows.stopped {
            return;
        }
        if let Some(records) = &mut self.records {
            let rows = &mut self.rows;
            let mut filtered = None;
            records.finish(&mut |rec| rows.record(rec, earlier, &mut filtered));
            rows.end(earlier, &mut filtered);
        }
        if !self.rows.header_done && self.rows.report.error.is_none() {
            self.rows.fail(FileError::NoHeader(SniffError::NoHeader));
        }
    }

    /// The start of the file is here: find the layout, then read on.
    fn start(&mut self, complete: bool, earlier: &Earlier<'_>) {
        self.head_done = true;
        let head = std::mem::take(&mut self.head);
        let text = String::from_utf8_lossy(&head);
        let layout = match sniff_head(&text, complete) {
            Ok(l) => l,
            Err(e) => return self.rows.fail(FileError::NoHeader(e)),
        };
        self.rows.report.delimiter = Some(layout.delimiter);
        self.rows.report.header_line = layout.header_line;
        self.records = Some(Records::new(layout.delimiter, layout.header_line));
        let body = text.as_bytes().get(layout.header_offset..).unwrap_or(&[]);
        self.parse(body, earlier);
    }

    fn parse(&mut self, text: &[u8], earlier: &Earlier<'_>) {
        let Some(records) = &mut self.records else {
            return;
        };
        let rows = &mut self.rows;
        let mut filtered = None;
        records.push(text, &mut |rec| rows.record(rec, earlier, &mut filtered));
    }
}

impl RowSide {
    fn fail(&mut self, e: FileError) {
        if self.report.error.is_none() {
            self.report.error = Some(e);
        }
        self.stopped = true;
    }

    fn record<'e>(
        &mut self,
        rec: &Record<'_>,
        earlier: &Earlier<'e>,
        filtered: &mut Option<Vec<EarlierRows<'e>>>,
    ) {
        if self.stopped {
            return;
        }
        if !self.header_done {
            return self.header(rec);
        }
        if let Some(sample) = &mut self.sample {
            sample.push(OwnedRecord::of(rec));
            if sample.len() >= SAMPLE_ROWS {
                self.decide(earlier, filtered);
            }
            return;
        }
        if self.ebay.is_some() {
            return self.ebay_record(rec, earlier, filtered);
        }
        self.row(rec, earlier, filtered);
    }

    /// The rows are all there: decide the columns if not yet done, and
    /// read what is held back.
    fn end<'e>(&mut self, earlier: &Earlier<'e>, filtered: &mut Option<Vec<EarlierRows<'e>>>) {
        self.decide(earlier, filtered);
        if let Some(held) = self.ebay.as_mut().and_then(|e| e.held.take()) {
            self.row(&held.record(), earlier, filtered);
        }
    }

    /// A row of an eBay orders report (see [`EbayOrders`]).
    fn ebay_record<'e>(
        &mut self,
        rec: &Record<'_>,
        earlier: &Earlier<'e>,
        filtered: &mut Option<Vec<EarlierRows<'e>>>,
    ) {
        let Some(eb) = self.ebay.as_mut() else {
            return self.row(rec, earlier, filtered);
        };
        if rec.iter().all(|c| c.trim_ascii().is_empty()) {
            return;
        }
        let (order_col, tracking_col) = (eb.order, eb.tracking);
        let order = rec.get(order_col).trim_ascii();
        let tracking = rec.get(tracking_col).trim_ascii();
        let is_item = !rec.get(eb.item).trim_ascii().is_empty();
        if let Some(held) = eb.held.take() {
            let h = held.record();
            if is_item && h.get(order_col).trim_ascii() == order && !tracking.is_empty() {
                // The summary of an order whose items carry the tracking.
                self.report.rows += 1;
            } else {
                self.row(&h, earlier, filtered);
            }
        }
        let Some(eb) = self.ebay.as_mut() else {
            return;
        };
        if !is_item {
            eb.summary = Some((order.to_vec(), tracking.to_vec()));
            if tracking.is_empty() && !order.is_empty() {
                eb.held = Some(OwnedRecord::of(rec));
                return;
            }
            return self.row(rec, earlier, filtered);
        }
        match &eb.summary {
            Some((o, t)) if o.as_slice() == order && tracking.is_empty() && !t.is_empty() => {
                let t = t.clone();
                let cells = (0..rec.len()).map(|i| {
                    if i == tracking_col {
                        t.as_slice()
                    } else {
                        rec.get(i)
                    }
                });
                let joined = OwnedRecord::from_cells(cells, rec.line());
                self.row(&joined.record(), earlier, filtered);
            }
            Some((o, _)) if o.as_slice() == order => self.row(rec, earlier, filtered),
            _ => {
                eb.summary = None;
                self.row(rec, earlier, filtered);
            }
        }
    }

    /// A data row, read into the file's packages.
    fn row<'e>(
        &mut self,
        rec: &Record<'_>,
        earlier: &Earlier<'e>,
        filtered: &mut Option<Vec<EarlierRows<'e>>>,
    ) {
        if self.stopped {
            return;
        }
        let Some(reader) = &mut self.reader else {
            return;
        };
        if rec.iter().all(|c| c.trim_ascii().is_empty()) {
            return; // a blank line, or one of only delimiters: not a row
        }
        if is_footer_or_total(rec, reader.columns().keys(), reader.columns().width) {
            self.report.ignored_lines += 1;
            return;
        }
        let report = &mut self.report;
        report.rows += 1;
        let line = rec.line();
        let width = reader.columns().width;
        if rec.len() != width {
            let extra_empty =
                rec.len() > width && rec.iter().skip(width).all(|c| c.trim_ascii().is_empty());
            if !extra_empty {
                report.problem(
                    line,
                    Problem::FieldCount {
                        expected: width,
                        found: rec.len(),
                    },
                );
                return;
            }
        }
        let fp = self.fingerprints.of(rec);
        let earlier_rows =
            filtered.get_or_insert_with(|| earlier.rows_for(self.sig, self.seg.mapping_sig));
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        match reader.row(rec, line32, fp, &mut self.seg, earlier_rows) {
            Ok(Outcome::Counted) => {}
            Ok(Outcome::Repeat(of)) => {
                report.duplicates += 1;
                if let Some(file) = of.filter(|&f| f != SAME_FILE) {
                    if !self.repeats_of.contains(&file) {
                        self.repeats_of.push(file);
                    }
                }
            }
            Ok(Outcome::Skipped(p)) => report.problem(line, p),
            Err(OutOfMemory) => self.fail(FileError::OutOfMemory),
        }
    }

    fn header(&mut self, rec: &Record<'_>) {
        self.header_done = true;
        let report = &mut self.report;
        report.headers = rec
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        let refs: Vec<&str> = report.headers.iter().map(String::as_str).collect();
        report.kind = guess_kind(&refs);
        self.sig = header_signature(&report.headers);
        if self.chosen.is_none() {
            // A remembered mapping can only name columns the file has.
            let key = crate::mapping::headers_key(&refs);
            self.chosen = self
                .remembered
                .iter()
                .find(|(k, m)| *k == key && m.mapped().iter().all(|&(_, c)| c < refs.len()))
                .map(|(_, m)| m.clone());
        }
        let mut mapping = match &self.chosen {
            Some(m) => m.clone(),
            None => Mapping::detect(&refs),
        };
        if self.chosen.is_none() {
            let applicable: Vec<(Field, String)> = self
                .overrides
                .iter()
                .filter(|(_, h)| {
                    h.trim().is_empty() || refs.iter().any(|x| fold_header(x) == fold_header(h))
                })
                .cloned()
                .collect();
            if let Err(e) = mapping.apply_overrides(&refs, &applicable) {
                report.mapping = mapping;
                return self.fail(FileError::Mapping(e));
            }
            self.fixed = applicable.iter().map(|&(f, _)| f).collect();
            if crate::infer::wants_sample(&refs, &mapping) {
                report.mapping = mapping.clone();
                self.pending = Some(mapping);
                self.sample = Some(Vec::new());
                return;
            }
        }
        self.settle(mapping);
    }

    /// Finds the columns the header left open from the rows held
    /// ([`crate::infer`]), then reads those rows.
    fn decide<'e>(&mut self, earlier: &Earlier<'e>, filtered: &mut Option<Vec<EarlierRows<'e>>>) {
        let Some(sample) = self.sample.take() else {
            return;
        };
        let mapping = self.pending.take().unwrap_or_default();
        let cells: Vec<Vec<String>> = sample
            .iter()
            .map(|o| {
                o.record()
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect()
            })
            .collect();
        let rows: Vec<Vec<&str>> = cells
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let headers: Vec<&str> = self.report.headers.iter().map(String::as_str).collect();
        let (mapping, inferred) = crate::infer::infer(&headers, &mapping, &self.fixed, &rows);
        self.report.inferred = inferred;
        self.settle(mapping);
        for o in &sample {
            self.record(&o.record(), earlier, filtered);
        }
    }

    /// Reads the rows with `mapping` from here on.
    fn settle(&mut self, mapping: Mapping) {
        let report = &mut self.report;
        report.mapping = mapping.clone();
        match Columns::new(&mapping, report.headers.len()) {
            Some(cols) => {
                self.seg = Segment::new(cols.stored());
                self.seg.mapping_sig = mapping_signature(&mapping);
                self.reader = Some(RowReader::new(cols, self.date_order));
                self.ebay = ebay_orders(report, &mapping);
            }
            None => {
                let missing = mapping.missing_required();
                let orders_only = missing
                    .contains(&Field::TrackingNumber)
                    .then(|| OrdersOnly::of(&report.headers))
                    .flatten();
                let e = FileError::MissingColumns {
                    missing,
                    headers: report.headers.clone(),
                    orders_only,
                };
                self.fail(e);
            }
        }
    }
}

/// The columns of an eBay orders report's multi-item orders, for a file
/// that is one.
fn ebay_orders(report: &FileReport, mapping: &Mapping) -> Option<EbayOrders> {
    if report.kind != FileKind::Ebay {
        return None;
    }
    Some(EbayOrders {
        item: report
            .headers
            .iter()
            .position(|h| fold_header(h) == "itemnumber")?,
        order: mapping.column(Field::OrderId)?,
        tracking: mapping.column(Field::TrackingNumber)?,
        summary: None,
        held: None,
    })
}

/// Words a totals line starts with (folded, see [`fold_header`]).
const TOTAL_WORDS: [&str; 13] = [
    "合计",
    "总计",
    "小计",
    "合計",
    "total",
    "totals",
    "grandtotal",
    "subtotal",
    "sum",
    "summe",
    "gesamt",
    "totaal",
    "totale",
];

/// A line that is no shipment row: a report's footer (eBay's
/// "3,record(s) downloaded,from ..." and "Seller ID : ..." lines, shorter
/// than the header) or a totals line ("合计", "Total" where the order id
/// belongs, or first with the order id empty) without a tracking number.
fn is_footer_or_total(rec: &Record<'_>, (order, tracking): (usize, usize), width: usize) -> bool {
    let cell = |i: usize| rec.get(i).trim_ascii();
    let Some(first) = rec.iter().map(<[u8]>::trim_ascii).find(|c| !c.is_empty()) else {
        return false;
    };
    if rec.len() < width {
        let lower = |c: &[u8]| c.to_ascii_lowercase();
        let footer = rec.iter().any(|c| {
            let c = lower(c);
            memchr::memmem::find(&c, b"record(s) downloaded").is_some()
                || memchr::memmem::find(&c, b"records downloaded").is_some()
        }) || lower(first).starts_with(b"seller id");
        if footer {
            return true;
        }
    }
    if !cell(tracking).is_empty() {
        return false;
    }
    let named = if cell(order).is_empty() {
        first
    } else {
        cell(order)
    };
    named.len() <= 24
        && std::str::from_utf8(named).is_ok_and(|t| TOTAL_WORDS.contains(&fold_header(t).as_str()))
}

/// A hash of a file's headers, normalised: rows repeat each other only
/// under the same header.
fn header_signature(headers: &[String]) -> u64 {
    let mut bytes = Vec::new();
    for h in headers {
        bytes.extend_from_slice(normalize_header(h).as_bytes());
        bytes.push(0xff);
    }
    xxh3_64(&bytes)
}

/// A hash of which column feeds which field.
fn mapping_signature(m: &Mapping) -> u64 {
    let mut bytes = Vec::new();
    for (f, c) in m.mapped() {
        bytes.push(f as u8);
        bytes.extend_from_slice(&(c as u64).to_le_bytes());
    }
    bytes.push(match m.flag_kind() {
        None => 0,
        Some(crate::mapping::FlagKind::NoValidTracking) => 1,
        Some(crate::mapping::FlagKind::ValidTracking) => 2,
    });
    xxh3_64(&bytes)
}

/// A file or a part of one, read: not yet settled (its ambiguous dates wait
/// for the whole file's day/month order).
pub struct Part {
    /// What reading the part found, with lines counted from the part's start.
    pub report: FileReport,
    /// The part ended cleanly between two records, nothing held back.
    clean_end: bool,
    segment: Segment,
    votes: DateVotes,
    columns: Option<Columns>,
    date_order: DateOrder,
    sig: u64,
    repeats_of: Vec<u64>,
    /// The encoding the part's decoder decided, if it saw non-ASCII text.
    decided: Option<Encoding>,
    /// The line after the part's last line.
    end_line: u64,
}

/// What travels with a part's segment (see [`Part::to_bytes`]).
#[derive(Serialize, Deserialize)]
struct PartMeta {
    report: FileReport,
    clean_end: bool,
    votes: DateVotes,
    date_order: DateOrder,
    sig: u64,
    repeats_of: Vec<u64>,
    decided: Option<Encoding>,
    end_line: u64,
}

impl Part {
    /// The part as bytes, to hand from the Web Worker that read it to the
    /// one that pools it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let meta = PartMeta {
            report: self.report.clone(),
            clean_end: self.clean_end,
            votes: self.votes.clone(),
            date_order: self.date_order,
            sig: self.sig,
            repeats_of: self.repeats_of.clone(),
            decided: self.decided,
            end_line: self.end_line,
        };
        let mut w = crate::wire::Writer::default();
        w.bytes(serde_json::to_string(&meta).unwrap_or_default().as_bytes());
        self.segment.encode(&mut w);
        w.out
    }

    /// A part [`Part::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Part, WireError> {
        let mut r = crate::wire::Reader::new(bytes);
        let meta: PartMeta =
            serde_json::from_slice(r.bytes()?).map_err(|_| crate::wire::WireError)?;
        let segment = Segment::decode(&mut r)?;
        if !r.done() {
            return Err(crate::wire::WireError);
        }
        let columns = Columns::new(&meta.report.mapping, meta.report.headers.len());
        Ok(Part {
            report: meta.report,
            clean_end: meta.clean_end,
            segment,
            votes: meta.votes,
            columns,
            date_order: meta.date_order,
            sig: meta.sig,
            repeats_of: meta.repeats_of,
            decided: meta.decided,
            end_line: meta.end_line,
        })
    }

    /// Whether a row of this part repeats one of `earlier`'s, a file's
    /// segment read before (a part read in another Web Worker could not
    /// look at the files before it).
    pub fn repeats_any_of(&self, earlier: &Earlier<'_>) -> bool {
        earlier
            .segments
            .iter()
            .filter(|(s, _, _)| *s == self.sig)
            .any(|&(_, _, seg)| {
                if seg.mapping_sig == self.segment.mapping_sig {
                    self.segment.repeats_any_of(seg)
                } else {
                    let all = seg.all_rows();
                    self.segment
                        .fingerprints()
                        .any(|fp| all.find(fp.hash(), |x| *x == fp).is_some())
                }
            })
    }

    /// Whether the part ended cleanly between two records with nothing
    /// held back, so a part cut to start right after it read as it would
    /// have in one go.
    pub fn ended_cleanly(&self) -> bool {
        self.clean_end
    }

    /// The encoding this part decided on, if it saw non-ASCII text.
    pub fn decided(&self) -> Option<Encoding> {
        self.decided
    }

    /// Whether a row of this part repeats one of an earlier part's.
    pub fn repeats_any(&self, earlier: &Part) -> bool {
        self.segment.repeats_any_of(&earlier.segment)
    }

    /// The file this single part is, settled.
    pub fn into_file(self) -> LoadedFile {
        assemble(vec![self])
    }
}

/// Whether a part read apart may follow the parts before it (see
/// [`fits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// It reads as it would have in one go.
    Yes,
    /// The part before it did not end cleanly between two records (a
    /// quoted field ran over the cut): read on from the part before.
    NotAtBreak,
    /// It decided on another encoding than the file, or stopped on a
    /// window too short to decide: read it again with the file's encoding.
    Encoding,
    /// A row repeats a row of an earlier part: read it again after them.
    Repeats,
}

/// Whether `next`, read apart from `before` (the parts of its file before
/// it, in order, all fitting), reads as it would have following them.
pub fn fits(before: &[Part], next: &Part) -> Fit {
    let Some(prev) = before.last() else {
        return Fit::Yes;
    };
    if !prev.clean_end {
        return Fit::NotAtBreak;
    }
    let file_encoding = before.iter().find_map(|p| p.decided);
    if let (Some(a), Some(b)) = (file_encoding, next.decided) {
        if normal(a) != normal(b) {
            return Fit::Encoding;
        }
    }
    if before.iter().any(|p| next.repeats_any(p)) {
        return Fit::Repeats;
    }
    Fit::Yes
}

fn normal(e: Encoding) -> Encoding {
    match e {
        Encoding::Utf8Bom => Encoding::Utf8,
        other => other,
    }
}

/// Where to cut, in bytes after `from`, so that a part starts at a line
/// start: just after the first line feed in `window` (the bytes at the
/// nominal cut). `None` when the window holds no line feed.
pub fn cut_after_line_feed(window: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', window).map(|i| i + 1)
}

/// One file read, ready to join a [`crate::Dataset`].
#[derive(Clone, Debug)]
pub struct LoadedFile {
    /// What reading the file found.
    pub report: FileReport,
    pub(crate) segments: Vec<Segment>,
    pub(crate) sig: u64,
    /// Earlier files (by the ids given to [`Earlier::add`]) that some rows
    /// repeated: removing one of them means reading this file again.
    pub repeats_of: Vec<u64>,
}

impl LoadedFile {
    /// The packages the file holds on its own (before pooling with others).
    pub fn packages(&self) -> usize {
        self.segments.iter().map(Segment::len).sum()
    }

    /// Bytes of memory the file's packages take.
    pub fn heap_bytes(&self) -> usize {
        self.segments.iter().map(Segment::heap_bytes).sum()
    }
}

/// Puts the parts of one file back together, in file order: the first part
/// read from the file's start, every later one from where the one before
/// ended. Lines are renumbered, counts added up and the day/month order of
/// each date column decided over the whole file.
///
/// The caller checks that each part [`fits`] the ones before it and reads
/// again from where one does not.
pub fn assemble(parts: Vec<Part>) -> LoadedFile {
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return LoadedFile {
            report: FileReport::new("", 0),
            segments: Vec::new(),
            sig: 0,
            repeats_of: Vec::new(),
        };
    };
    let mut report = first.report;
    let mut votes = first.votes;
    let mut segments = vec![first.segment];
    let mut repeats_of = first.repeats_of;
    let mut encoding = first.decided;
    let mut next_line = first.end_line;
    let columns = first.columns;
    let date_order = first.date_order;
    let sig = first.sig;
    for mut part in parts {
        // The part's line 1 is the file's line `next_line`.
        let shift = next_line - 1;
        report.rows += part.report.rows;
        report.duplicates += part.report.duplicates;
        report.skipped += part.report.skipped;
        report.ignored_lines += part.report.ignored_lines;
        for p in part.report.problems {
            if report.problems.len() >= MAX_LISTED_PROBLEMS {
                break;
            }
            report.problems.push(RowProblem {
                line: p.line + shift,
                problem: p.problem,
            });
        }
        if report.error.is_none() {
            report.error = part.report.error;
        }
        votes.absorb(part.votes, shift);
        for f in part.repeats_of {
            if !repeats_of.contains(&f) {
                repeats_of.push(f);
            }
        }
        encoding = encoding.or(part.decided);
        part.segment.line_base = shift;
        segments.push(part.segment);
        next_line = shift + part.end_line;
    }
    if let Some(e) = encoding {
        if !matches!(report.error, Some(FileError::Decode(_))) {
            report.encoding = Some(e);
        }
    }
    if report.error.is_some() {
        segments.clear();
    }
    if let Some(cols) = &columns {
        let (day_first, chosen, conflicts) = decide_dates(cols, date_order, &votes);
        report.day_first = chosen;
        for (line, p) in conflicts {
            report.problem(line, p);
        }
        for s in &mut segments {
            s.settle_dates(day_first);
        }
        let _: [bool; DateKind::COUNT] = day_first;
    }
    report.problems.sort_by_key(|p| p.line);
    LoadedFile {
        report,
        segments,
        sig,
        repeats_of,
    }
}

/// Guesses what produced a file from its headers: a product's kind only
/// when headers only it writes are there, else [`FileKind::Generic`].
pub fn guess_kind(headers: &[&str]) -> FileKind {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    let has = |h: &str| folded.iter().any(|x| x == h);
    // ShipStation names columns "Group - Field": its order number and
    // tracking number both written that way.
    let group = |group: &str, field: &str| {
        headers.iter().any(|h| {
            h.split_once(" - ")
                .is_some_and(|(g, f)| fold_header(g) == group && fold_header(f) == field)
        })
    };
    let japanese = headers
        .iter()
        .any(|h| h.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)));
    if has("novalidtracking") || has("validtracking") || has("hasvalidtrackingnumber") {
        FileKind::AmazonVtrReport
    } else if group("order", "number") && group("shipment", "trackingnumber") {
        FileKind::ShipStation
    } else if has("salesrecordnumber") && has("ordernumber") {
        FileKind::Ebay
    } else if (has("orderid") && has("carriercode") && has("shipdate"))
        || (has("注文番号") && has("配送業者コード"))
    {
        FileKind::AmazonShipConfirmation
    } else if has("amazonorderid") && has("shipmentid") && has("fulfillmentcenterid") {
        FileKind::AmazonFbaShipments
    } else if has("amazonorderid") || (has("orderid") && has("orderitemid")) {
        FileKind::AmazonOrderReport
    } else if !japanese
        && headers
            .iter()
            .any(|h| h.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    {
        FileKind::ChineseErp
    } else {
        FileKind::Generic
    }
}
