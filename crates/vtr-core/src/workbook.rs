//! Workbooks read directly: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods`,
//! recognised by their bytes, never by their name.
//!
//! A workbook cannot be streamed (a zip's directory is at its end), so a
//! [`crate::FileReader`] that sees one at the file's start collects the
//! bytes, up to [`MAX_WORKBOOK_BYTES`], and at the end turns one sheet into
//! the same records a text file gives: mapping, aliases, rules, duplicates
//! and problems are those of the text path, with a row's sheet row number
//! where a text file has its line.
//!
//! The sheet read is the one named in [`crate::LoadOptions::sheet`] (an
//! exact name, else the one name equal but for case and surrounding
//! spaces), or else the first whose header row (one of its first
//! [`HEADER_ROWS`] rows) maps an order id and a tracking number, visible
//! sheets before hidden ones. Cells become text as a seller reads them:
//!
//! - text cells as they are;
//! - numbers without float noise (15 significant digits, as Excel keeps
//!   them), integers as integers; a number of 16 digits or more, which
//!   Excel cannot hold whole, in Excel's scientific form
//!   (`9.40011189922335E+21`), so a tracking number stored as a number
//!   reads as damaged by a spreadsheet and shows what Excel kept;
//! - date cells as ISO dates (`2026-11-03`, a time after a space when
//!   there is one), in the workbook's 1900 or 1904 date system;
//! - true/false as `TRUE`/`FALSE`, errors as Excel shows them (`#N/A`).
//!
//! ```
//! use vtr_core::workbook::{cell_text, number_text};
//!
//! assert_eq!(number_text(9_400_111_899_223_345_678_901.0), "9.40011189922335E+21");
//! assert_eq!(number_text(123_456_789_012.0), "123456789012");
//! assert_eq!(number_text(0.1 + 0.2), "0.3");
//! assert!(vtr_core::value::tracking::is_spreadsheet_mangled(&number_text(9.4e21)));
//! # let _ = cell_text;
//! ```

use crate::mapping::{headers_key, normalize_header, Field, Mapping};
use crate::records::Record;
use calamine::{
    Data, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, XlsError, Xlsb, Xlsx, XlsxError,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::io::Cursor;

/// The largest workbook read (200 MiB): a workbook is held whole while it
/// is read, and its sheet's cells beside it.
pub const MAX_WORKBOOK_BYTES: u64 = 200 << 20;

/// How many rows at a sheet's top may hold its header (rows above it are
/// a title or notes).
pub const HEADER_ROWS: usize = 50;

/// Bytes enough to recognise a workbook.
const MAGIC_BYTES: usize = 8;

/// Which kind of workbook a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookKind {
    /// Excel 2007 and later (`.xlsx`).
    Xlsx,
    /// Excel with macros (`.xlsm`).
    Xlsm,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// Excel 97-2003 (`.xls`; Excel 5 and 95 too).
    Xls,
    /// OpenDocument spreadsheet (`.ods`: LibreOffice, OpenOffice).
    Ods,
}

impl WorkbookKind {
    /// The kind as a seller names it.
    pub fn label(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "Excel workbook (.xlsx)",
            WorkbookKind::Xlsm => "Excel macro-enabled workbook (.xlsm)",
            WorkbookKind::Xlsb => "Excel binary workbook (.xlsb)",
            WorkbookKind::Xls => "Excel 97-2003 workbook (.xls)",
            WorkbookKind::Ods => "OpenDocument spreadsheet (.ods)",
        }
    }
}

/// What holds a file that looked like a workbook but holds none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    /// A zip archive (a `.zip`, a Word `.docx`, a Numbers file...).
    Zip,
    /// An Office 97-2003 file that is no workbook (a Word `.doc`, an
    /// Outlook message...).
    Ole,
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkbookError {
    /// Larger than [`MAX_WORKBOOK_BYTES`].
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Protected with a password (encrypted): its cells cannot be read.
    Encrypted,
    /// Damaged or cut short: it could not be opened.
    Corrupt {
        /// What the reader said, for a bug report.
        detail: String,
    },
    /// An Excel 2.x-4.x workbook (1987-1992), a format too old to read.
    TooOld,
    /// A zip or Office file that holds no spreadsheet.
    NoSpreadsheet {
        /// What the file is.
        container: Container,
    },
    /// No sheet has a header row with an order id and a tracking number.
    NoSheetWithColumns {
        /// The workbook's sheets, to choose from.
        sheets: Vec<String>,
    },
    /// The sheet asked for is not in the workbook.
    NoSuchSheet {
        /// The name asked for.
        sheet: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// Every sheet is empty.
    Empty,
    /// The sheet asked for is empty.
    SheetEmpty {
        /// Its name.
        sheet: String,
    },
}

fn quoted(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    q.join(", ")
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkbookError::TooLarge { limit } => write!(
                f,
                "This workbook is larger than {} MB, too large to open here. Open it in Excel \
                 and save the sheet with the shipments as \"CSV UTF-8 (Comma delimited)\", then \
                 load that file: text files of any size are read.",
                limit >> 20
            ),
            WorkbookError::Encrypted => f.write_str(
                "This workbook is protected with a password, so its cells cannot be read. Open \
                 it in Excel, remove the password (File > Info > Protect Workbook) and save it, \
                 or save the sheet as CSV, then load that file.",
            ),
            WorkbookError::Corrupt { detail } => write!(
                f,
                "This workbook is damaged or incomplete and could not be opened ({detail}). If \
                 it opens in Excel, save it again or save the sheet as CSV, then load that file."
            ),
            WorkbookError::TooOld => f.write_str(
                "This is an Excel 4.0 or older workbook, a format too old to read. Open it in \
                 Excel and save it as an Excel workbook (.xlsx) or as CSV, then load that file.",
            ),
            WorkbookError::NoSpreadsheet { container } => write!(
                f,
                "This file is {}, with no spreadsheet in it. Load the shipment report itself: \
                 a CSV or text export, or an Excel workbook.",
                match container {
                    Container::Zip => "a zip archive",
                    Container::Ole => "an Office document",
                }
            ),
            WorkbookError::NoSheetWithColumns { sheets } => write!(
                f,
                "No sheet of this workbook has a row of column names with an order id and a \
                 tracking number. Its sheets are: {}. Choose the sheet with the shipments.",
                quoted(sheets)
            ),
            WorkbookError::NoSuchSheet { sheet, sheets } => write!(
                f,
                "This workbook has no sheet named \"{sheet}\". Its sheets are: {}.",
                quoted(sheets)
            ),
            WorkbookError::SheetEmpty { sheet } => write!(
                f,
                "The sheet \"{sheet}\" of this workbook is empty: it contains no shipment rows."
            ),
            WorkbookError::Empty => {
                f.write_str("Every sheet of this workbook is empty: it contains no shipment rows.")
            }
        }
    }
}

impl std::error::Error for WorkbookError {}

/// How far a workbook's sheet is read, told while it is read
/// ([`crate::read::FileReader::finish_with`]): its bytes are all in by
/// then, and a large sheet takes seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SheetProgress {
    /// The sheet row (1-based, as the spreadsheet numbers it) read up to;
    /// 0 while the workbook is being opened.
    pub rows: u64,
    /// The sheet's rows in all, where the workbook says (else 0).
    pub of: u64,
}

/// Rows between two [`SheetProgress`] reports.
pub const PROGRESS_ROWS: u64 = 2048;

// ---------------------------------------------------------------------
// Collecting the bytes (crate::read's hook).

/// What a file's start says it is, and a workbook's bytes so far.
pub(crate) struct Intake {
    state: State,
    /// The file's size as the caller gave it (0: unknown).
    size: u64,
}

enum State {
    /// Fewer than [`MAGIC_BYTES`] seen: held until there are enough.
    Looking(Vec<u8>),
    /// Not a workbook: pieces go on to the decoder as they come.
    Text,
    /// A workbook (or a zip or Office file): collected whole.
    Book(Vec<u8>),
    /// Refused; nothing more is kept.
    Done,
}

/// Why collecting a workbook stopped (crate::read makes it a file error).
pub(crate) enum Refusal {
    /// The workbook is refused.
    Book(WorkbookError),
    /// Its bytes did not fit in memory.
    OutOfMemory,
}

/// What is left when a file ends.
pub(crate) enum Ending {
    /// Text, with the bytes held back while looking.
    Text(Vec<u8>),
    /// A workbook's bytes.
    Book(Vec<u8>),
}

impl Intake {
    /// For a file of `size` bytes (0: unknown), looking at its start.
    pub(crate) fn new(size: u64) -> Intake {
        Intake {
            state: State::Looking(Vec::new()),
            size,
        }
    }

    /// For a part of a text file: no start to look at.
    pub(crate) fn text() -> Intake {
        Intake {
            state: State::Text,
            size: 0,
        }
    }

    /// Takes the next piece: text to decode now, if any, or an error that
    /// ends the file.
    pub(crate) fn push<'p>(&mut self, piece: &'p [u8]) -> Result<Option<Cow<'p, [u8]>>, Refusal> {
        match &mut self.state {
            State::Text => Ok(Some(Cow::Borrowed(piece))),
            State::Done => Ok(None),
            State::Book(bytes) => {
                if (bytes.len() + piece.len()) as u64 > MAX_WORKBOOK_BYTES {
                    return self.refuse(too_large());
                }
                if bytes.try_reserve(piece.len()).is_err() {
                    return self.refuse(Refusal::OutOfMemory);
                }
                bytes.extend_from_slice(piece);
                Ok(None)
            }
            State::Looking(held) if held.is_empty() && piece.len() >= MAGIC_BYTES => {
                if !is_workbook(piece) {
                    self.state = State::Text;
                    return Ok(Some(Cow::Borrowed(piece)));
                }
                self.begin_book(piece.to_vec())
            }
            State::Looking(held) => {
                held.extend_from_slice(piece);
                if held.len() < MAGIC_BYTES {
                    return Ok(None);
                }
                let held = std::mem::take(held);
                if !is_workbook(&held) {
                    self.state = State::Text;
                    return Ok(Some(Cow::Owned(held)));
                }
                self.begin_book(held)
            }
        }
    }

    fn begin_book<'p>(&mut self, mut start: Vec<u8>) -> Result<Option<Cow<'p, [u8]>>, Refusal> {
        if self.size > MAX_WORKBOOK_BYTES || start.len() as u64 > MAX_WORKBOOK_BYTES {
            return self.refuse(too_large());
        }
        let more = usize::try_from(self.size)
            .unwrap_or(0)
            .saturating_sub(start.len());
        if start.try_reserve_exact(more).is_err() {
            return self.refuse(Refusal::OutOfMemory);
        }
        self.state = State::Book(start);
        Ok(None)
    }

    fn refuse<'p>(&mut self, e: Refusal) -> Result<Option<Cow<'p, [u8]>>, Refusal> {
        self.state = State::Done;
        Err(e)
    }

    /// Whether the bytes are a workbook's, collected to be read at the end.
    pub(crate) fn is_book(&self) -> bool {
        matches!(self.state, State::Book(_))
    }

    /// Ends the file.
    pub(crate) fn finish(&mut self) -> Ending {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Book(bytes) => Ending::Book(bytes),
            State::Looking(held) => Ending::Text(held),
            State::Text | State::Done => Ending::Text(Vec::new()),
        }
    }
}

fn too_large() -> Refusal {
    Refusal::Book(WorkbookError::TooLarge {
        limit: MAX_WORKBOOK_BYTES,
    })
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The BOF records Excel 2.x, 3.0 and 4.0 files start with (they are no
/// OLE file; Excel 5 and later are).
const OLD_BIFF: [&[u8]; 3] = [
    b"\x09\x00\x04\x00",
    b"\x09\x02\x06\x00",
    b"\x09\x04\x06\x00",
];

/// Whether a file starting with `start` is collected as a workbook: a zip,
/// an OLE file, or an Excel 2-4 file (to be refused as too old).
pub fn is_workbook(start: &[u8]) -> bool {
    start.starts_with(ZIP)
        || start.starts_with(OLE)
        || OLD_BIFF.iter().any(|m| start.starts_with(m))
}

// ---------------------------------------------------------------------
// Opening a workbook and choosing its sheet.

/// What decides whether a row is a header: the file's chosen mapping, the
/// mappings remembered, the seller's overrides (as [`crate::FileReader`]
/// maps a text file's header).
pub(crate) struct Wanted<'a> {
    pub(crate) chosen: Option<&'a Mapping>,
    pub(crate) remembered: &'a [(String, Mapping)],
    pub(crate) overrides: &'a [(Field, String)],
    pub(crate) sheet: Option<&'a str>,
}

impl Wanted<'_> {
    /// Whether `headers` map an order id and a tracking number without the
    /// seller's help (the chosen mapping applies to whichever header the
    /// sheet has).
    fn maps(&self, headers: &[&str]) -> bool {
        let key = headers_key(headers);
        if let Some((_, m)) = self
            .remembered
            .iter()
            .find(|(k, m)| *k == key && m.mapped().iter().all(|&(_, c)| c < headers.len()))
        {
            return m.missing_required().is_empty();
        }
        let mut m = Mapping::detect(headers);
        let applicable: Vec<(Field, String)> = self
            .overrides
            .iter()
            .filter(|(_, h)| {
                h.is_empty()
                    || headers
                        .iter()
                        .any(|x| normalize_header(x) == normalize_header(h))
            })
            .cloned()
            .collect();
        m.apply_overrides(headers, &applicable).is_ok() && m.missing_required().is_empty()
    }
}

/// A workbook opened, its sheet chosen.
pub(crate) struct Opened<'b> {
    /// What kind of workbook.
    pub(crate) kind: WorkbookKind,
    /// Its worksheets, in workbook order.
    pub(crate) sheets: Vec<String>,
    /// The sheet read.
    pub(crate) sheet: String,
    book: Book<'b>,
    /// The chosen sheet's cells, when they were loaded to choose it.
    range: Option<calamine::Range<Data>>,
    /// The header's sheet row, 0-based.
    header: u32,
}

/// A workbook that could not be read, with what was learnt of it.
pub(crate) struct Refused {
    pub(crate) kind: Option<WorkbookKind>,
    pub(crate) sheets: Vec<String>,
    pub(crate) error: WorkbookError,
}

fn refused(kind: Option<WorkbookKind>, sheets: &[String], e: WorkbookError) -> Refused {
    Refused {
        kind,
        sheets: sheets.to_vec(),
        error: e,
    }
}

fn corrupt(e: impl fmt::Display) -> WorkbookError {
    WorkbookError::Corrupt {
        detail: e.to_string(),
    }
}

/// Whether UTF-16LE `name` is in `bytes` (an OLE directory entry's name).
fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let pattern: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &pattern).is_some()
}

type Book<'b> = Sheets<Cursor<&'b [u8]>>;

/// Opens the workbook in `bytes`, whatever its kind.
fn open_book(bytes: &[u8]) -> Result<(WorkbookKind, Book<'_>), WorkbookError> {
    if OLD_BIFF.iter().any(|m| bytes.starts_with(m)) {
        return Err(WorkbookError::TooOld);
    }
    if bytes.starts_with(OLE) {
        return match Xls::new(Cursor::new(bytes)) {
            Ok(x) => Ok((WorkbookKind::Xls, Sheets::Xls(x))),
            Err(XlsError::Password) => Err(WorkbookError::Encrypted),
            // An encrypted .xlsx is an OLE file holding the encrypted zip.
            Err(_) if has_utf16(bytes, "EncryptedPackage") => Err(WorkbookError::Encrypted),
            Err(e) if has_utf16(bytes, "Workbook") || has_utf16(bytes, "Book") => Err(corrupt(e)),
            Err(_) => Err(WorkbookError::NoSpreadsheet {
                container: Container::Ole,
            }),
        };
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let has = |name: &str| zip.index_for_name(name).is_some();
    let kind = if has("xl/workbook.xml") {
        if has("xl/vbaProject.bin") {
            WorkbookKind::Xlsm
        } else {
            WorkbookKind::Xlsx
        }
    } else if has("xl/workbook.bin") {
        WorkbookKind::Xlsb
    } else {
        let mut mime = String::new();
        if let Ok(f) = zip.by_name("mimetype") {
            use std::io::Read;
            let _ = f.take(100).read_to_string(&mut mime);
        }
        if mime.trim() != "application/vnd.oasis.opendocument.spreadsheet" {
            return Err(WorkbookError::NoSpreadsheet {
                container: Container::Zip,
            });
        }
        WorkbookKind::Ods
    };
    let cursor = Cursor::new(bytes);
    let book = match kind {
        WorkbookKind::Xlsx | WorkbookKind::Xlsm => match Xlsx::new(cursor) {
            Ok(x) => Sheets::Xlsx(x),
            Err(XlsxError::Password) => return Err(WorkbookError::Encrypted),
            Err(e) => return Err(corrupt(e)),
        },
        WorkbookKind::Xlsb => Sheets::Xlsb(Xlsb::new(cursor).map_err(corrupt)?),
        WorkbookKind::Ods => match Ods::new(cursor) {
            Ok(x) => Sheets::Ods(x),
            Err(calamine::OdsError::Password) => return Err(WorkbookError::Encrypted),
            Err(e) => return Err(corrupt(e)),
        },
        WorkbookKind::Xls => unreachable!("an .xls is an OLE file"),
    };
    Ok((kind, book))
}

/// One sheet row as text: its cells from column A laid end to end.
#[derive(Default)]
struct RowText {
    text: String,
    ends: Vec<usize>,
    /// Cells up to the last that holds something.
    used: usize,
}

impl RowText {
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.used = 0;
    }

    /// Appends the cell of column `col`, after empty ones up to it.
    fn put(&mut self, col: usize, write: impl FnOnce(&mut String)) {
        while self.ends.len() < col {
            self.ends.push(self.text.len());
        }
        let before = self.text.len();
        write(&mut self.text);
        self.ends.push(self.text.len());
        if self.text.len() > before {
            self.used = self.ends.len();
        }
    }

    /// The cells, trimmed, up to the last that holds something.
    fn cells(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends[..self.used]
            .iter()
            .map(|&end| {
                let cell = self.text[start..end].trim();
                start = end;
                cell
            })
            .collect()
    }
}

/// Hands on sheet `name`'s rows with a cell, in order, each with its
/// 0-based sheet row, until `each` says it has enough. An .xlsx sheet is
/// streamed from its XML, never held; other kinds are loaded as a range
/// (kept in `range`). `last` is set to the sheet's last row, 0-based,
/// where the workbook says it before its rows.
fn each_row(
    book: &mut Book<'_>,
    name: &str,
    range: &mut Option<calamine::Range<Data>>,
    last: &Cell<Option<u32>>,
    each: &mut dyn FnMut(u32, &RowText) -> bool,
) -> Result<(), WorkbookError> {
    let mut row = RowText::default();
    match book {
        Sheets::Xlsx(x) => {
            let mut cells = x.worksheet_cells_reader(name).map_err(corrupt)?;
            // A sheet without its <dimension> says A1:A1.
            last.set(Some(cells.dimensions().end.0).filter(|&r| r > 0));
            let mut at = None;
            loop {
                let cell = match cells.next_cell() {
                    Ok(Some(c)) => c,
                    Ok(None) => break,
                    Err(e) => return Err(corrupt(e)),
                };
                let (r, c) = cell.get_position();
                if at != Some(r) {
                    if let Some(prev) = at {
                        if row.used > 0 && !each(prev, &row) {
                            return Ok(());
                        }
                    }
                    row.clear();
                    at = Some(r);
                }
                let c = c as usize;
                if c < row.ends.len() {
                    continue; // a cell given twice: the first stands
                }
                row.put(c, |out| write_cell_ref(cell.get_value(), out));
            }
            match at {
                Some(r) if row.used > 0 => {
                    each(r, &row);
                }
                _ => {}
            }
            Ok(())
        }
        _ => {
            if range.is_none() {
                *range = Some(book.worksheet_range(name).map_err(corrupt)?);
            }
            let Some(range) = range.as_ref() else {
                return Ok(());
            };
            last.set(range.end().map(|(r, _)| r));
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (i, cells) in range.rows().enumerate() {
                row.clear();
                for (j, cell) in cells.iter().enumerate() {
                    row.put(c0 as usize + j, |out| write_cell(cell, out));
                }
                if row.used > 0 && !each(r0 + i as u32, &row) {
                    break;
                }
            }
            Ok(())
        }
    }
}

/// The header row of sheet `name` (0-based): the first of its top rows
/// that `wanted` maps (`Ok(Some)`), else its first row with a cell
/// (`Ok(None)`, with `first` set), else nothing.
fn header_row(
    book: &mut Book<'_>,
    name: &str,
    range: &mut Option<calamine::Range<Data>>,
    wanted: &Wanted<'_>,
    first: &mut Option<u32>,
) -> Result<Option<u32>, WorkbookError> {
    let mut found = None;
    let mut seen = 0;
    each_row(book, name, range, &Cell::new(None), &mut |r, row| {
        first.get_or_insert(r);
        if wanted.maps(&row.cells()) {
            found = Some(r);
            return false;
        }
        seen += 1;
        seen < HEADER_ROWS
    })?;
    Ok(found)
}

/// Opens the workbook in `bytes` and chooses its sheet and header row.
pub(crate) fn open<'b>(bytes: &'b [u8], wanted: &Wanted<'_>) -> Result<Opened<'b>, Refused> {
    let (kind, mut book) = open_book(bytes).map_err(|e| refused(None, &[], e))?;
    let worksheets: Vec<&calamine::Sheet> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    let sheets: Vec<String> = worksheets.iter().map(|s| s.name.clone()).collect();
    // Visible sheets are tried first: a hidden one is a lookup table more
    // often than the shipments.
    let by_visibility: Vec<String> = worksheets
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .chain(
            worksheets
                .iter()
                .filter(|s| s.visible != SheetVisible::Visible),
        )
        .map(|s| s.name.clone())
        .collect();
    let fail = |e| Err(refused(Some(kind), &sheets, e));
    let mut chosen = None;
    if let Some(want) = wanted.sheet {
        // The name as given, else one differing only in case and spaces.
        let loose = |s: &String| s.trim().to_lowercase() == want.trim().to_lowercase();
        let found = sheets.iter().find(|s| *s == want).or_else(|| {
            let mut close = sheets.iter().filter(|s| loose(s));
            close.next().filter(|_| close.next().is_none())
        });
        let Some(name) = found.cloned() else {
            return fail(WorkbookError::NoSuchSheet {
                sheet: want.to_string(),
                sheets: sheets.clone(),
            });
        };
        let mut range = None;
        let mut first = None;
        match header_row(&mut book, &name, &mut range, wanted, &mut first) {
            Err(e) => return fail(e),
            Ok(found) => match found.or(first) {
                Some(header) => chosen = Some((name, range, header)),
                None => return fail(WorkbookError::SheetEmpty { sheet: name }),
            },
        }
    } else {
        // The first sheet whose header maps; else the one sheet with cells
        // (the seller then picks its columns, as for a text file), or the
        // first with cells when the seller chose a mapping.
        let mut with_cells = Vec::new();
        for name in &by_visibility {
            let mut range = None;
            let mut first = None;
            match header_row(&mut book, name, &mut range, wanted, &mut first) {
                Err(e) => return fail(e),
                Ok(Some(header)) => {
                    chosen = Some((name.clone(), range, header));
                    break;
                }
                Ok(None) => {
                    if let Some(f) = first {
                        with_cells.push((name.clone(), f));
                    }
                }
            }
        }
        if chosen.is_none() {
            match with_cells.first() {
                None => return fail(WorkbookError::Empty),
                Some((name, first)) if with_cells.len() == 1 || wanted.chosen.is_some() => {
                    chosen = Some((name.clone(), None, *first));
                }
                Some(_) => {
                    return fail(WorkbookError::NoSheetWithColumns {
                        sheets: sheets.clone(),
                    })
                }
            }
        }
    }
    let Some((sheet, range, header)) = chosen else {
        return fail(WorkbookError::Empty);
    };
    Ok(Opened {
        kind,
        sheets,
        sheet,
        book,
        range,
        header,
    })
}

impl Opened<'_> {
    /// The sheet row number (1-based, as the spreadsheet shows it) of the
    /// header.
    pub(crate) fn header_line(&self) -> u64 {
        u64::from(self.header) + 1
    }

    /// Hands on the header and every row after it as records, each with its
    /// sheet row number, telling `progress` how far it is every
    /// [`PROGRESS_ROWS`] rows. A row has the header's width, or more where
    /// a cell right of the header holds something.
    pub(crate) fn records(
        &mut self,
        each: &mut dyn FnMut(&Record<'_>),
        progress: &mut dyn FnMut(SheetProgress),
    ) -> Result<(), WorkbookError> {
        let header = self.header;
        let mut width = 0;
        let mut ends = Vec::new();
        let last = Cell::new(None);
        let mut rows = 0u64;
        each_row(
            &mut self.book,
            &self.sheet,
            &mut self.range,
            &last,
            &mut |r, row| {
                if r < header {
                    return true;
                }
                rows += 1;
                if rows.is_multiple_of(PROGRESS_ROWS) {
                    progress(SheetProgress {
                        rows: u64::from(r) + 1,
                        of: last.get().map_or(0, |l| u64::from(l) + 1),
                    });
                }
                if r == header {
                    width = row.used;
                }
                ends.clear();
                ends.extend_from_slice(&row.ends[..row.used.max(width).min(row.ends.len())]);
                while ends.len() < width {
                    ends.push(row.text.len());
                }
                each(&Record::from_cells(
                    row.text.as_bytes(),
                    &ends,
                    u64::from(r) + 1,
                ));
                true
            },
        )
    }
}

// ---------------------------------------------------------------------
// Cells as text.

/// A cell as the text a seller reads in it (see the module's notes).
pub fn cell_text(cell: &Data) -> String {
    let mut s = String::new();
    write_cell(cell, &mut s);
    s
}

fn write_cell(cell: &Data, out: &mut String) {
    use std::fmt::Write;
    match cell {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => write_number(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if d.as_f64() >= 1.0 {
                let _ = write!(out, "{y:04}-{mo:02}-{day:02}");
                if (h, mi, s) != (0, 0, 0) {
                    out.push(' ');
                }
            }
            if (h, mi, s) != (0, 0, 0) || d.as_f64() < 1.0 {
                let _ = write!(out, "{h:02}:{mi:02}:{s:02}");
            }
        }
        Data::DateTime(d) => write_number(d.as_f64(), out),
    }
}

fn write_cell_ref(cell: &calamine::DataRef<'_>, out: &mut String) {
    use calamine::DataRef;
    match cell {
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::String(s) => out.push_str(s),
        DataRef::Empty => {}
        DataRef::Int(i) => write_cell(&Data::Int(*i), out),
        DataRef::Float(f) => write_number(*f, out),
        DataRef::Bool(b) => write_cell(&Data::Bool(*b), out),
        DataRef::DateTime(d) => write_cell(&Data::DateTime(*d), out),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => write_cell(&Data::Error(e.clone()), out),
    }
}

/// A number cell as text: see the module's notes.
pub fn number_text(f: f64) -> String {
    let mut s = String::new();
    write_number(f, &mut s);
    s
}

fn write_number(f: f64, out: &mut String) {
    use std::fmt::Write;
    if !f.is_finite() {
        return;
    }
    if f.abs() >= 1e15 {
        // Excel keeps 15 significant digits: say what it kept, in its form.
        let s = format!("{f:.14E}");
        let (mantissa, exp) = s.split_once('E').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        let _ = write!(out, "{mantissa}E{sign}{:02}", exp.abs());
    } else if f.fract() == 0.0 {
        let _ = write!(out, "{}", f as i64);
    } else {
        // 15 significant digits, then the shortest text that reads back.
        let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
        let _ = write!(out, "{rounded}");
    }
}
