//! Bytes to packages: one file at a time through decode, sniff, the csv
//! reader and the column mapping, every row folded into the shared
//! [`PackageSet`] (section 2). A broken row is reported with its line and
//! reason; the rest still counts.

use crate::carrier::normalize_tracking;
use crate::decode::{decode, DecodeError, Encoding};
use crate::mapping::{Field, FlagKind, Mapping, MappingError};
use crate::package::{DateKind, PackageSet, RowFacts, Source, Sym, Text};
use crate::rules::outcome::FieldSet;
use crate::rules::validity::{is_placeholder, ScanEvidence};
use crate::sniff::{sniff, SniffError};
use crate::value::date::{parse_date, RawDate};
use crate::value::money::{parse_money, RawMoney};
use rustc_hash::{FxHashSet, FxHasher};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::hash::Hasher;

/// One file to read.
#[derive(Clone, Debug)]
pub struct FileInput<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    /// A mapping the seller chose for this file; detected when `None`.
    pub mapping: Option<Mapping>,
}

impl<'a> FileInput<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        FileInput {
            name,
            bytes,
            mapping: None,
        }
    }
}

/// How to read `dd/dd/yyyy` dates (section 9): decided per column from the
/// data, or forced by the seller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    #[default]
    Auto,
    MonthFirst,
    DayFirst,
}

/// Options that change how files are read (unlike [`crate::settings::Settings`],
/// changing these means reading the files again).
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Field -> header, applied to every file that has that header; an
    /// empty header unmaps the field.
    pub overrides: Vec<(Field, String)>,
    pub date_order: DateOrder,
}

/// What kind of export a file looks like, from its headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    AmazonVtrReport,
    AmazonShipConfirmation,
    AmazonOrderReport,
    ShipStation,
    ChineseErp,
    Generic,
}

impl SourceFormat {
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::AmazonVtrReport => "Amazon VTR report",
            SourceFormat::AmazonShipConfirmation => "Amazon shipping confirmation",
            SourceFormat::AmazonOrderReport => "Amazon order report",
            SourceFormat::ShipStation => "ShipStation export",
            SourceFormat::ChineseErp => "Chinese ERP export",
            SourceFormat::Generic => "Shipment file",
        }
    }
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Decode(DecodeError),
    NoHeader(SniffError),
    /// Order id or tracking number could not be mapped: the seller has to
    /// pick the columns.
    MissingColumns {
        missing: Vec<Field>,
        headers: Vec<String>,
    },
    Mapping(MappingError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Decode(e) => write!(f, "{e}"),
            FileError::NoHeader(e) => write!(f, "{e}"),
            FileError::MissingColumns { missing, headers } => {
                let names: Vec<&str> = missing.iter().map(|f| f.key()).collect();
                write!(
                    f,
                    "no column for {} was found; the headers are: {}",
                    names.join(" and "),
                    headers.join(", ")
                )
            }
            FileError::Mapping(e) => write!(f, "{e}"),
        }
    }
}

/// What was wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Problem {
    /// The row has another number of fields than the header. Skipped.
    FieldCount { expected: usize, found: usize },
    /// A date that is no date. Skipped.
    BadDate { field: Field, value: String },
    /// An amount that is no amount. Skipped.
    BadMoney { field: Field, value: String },
    /// No order id. Skipped.
    NoOrderId,
    /// The csv reader could not read the row. Skipped.
    Unreadable { detail: String },
    /// A date that only fits the other day/month order than the rest of its
    /// column. The row counts; this date is ignored.
    DateOrderConflict { field: Field, value: String },
}

impl Problem {
    /// Whether the row was left out of the result.
    pub fn skips_row(&self) -> bool {
        !matches!(self, Problem::DateOrderConflict { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::FieldCount { expected, found } => {
                write!(f, "has {found} fields where the header has {expected}")
            }
            Problem::BadDate { field, value } => {
                write!(f, "{} {value:?} is not a date", field.key())
            }
            Problem::BadMoney { field, value } => {
                write!(f, "{} {value:?} is not an amount", field.key())
            }
            Problem::NoOrderId => write!(f, "has no order id"),
            Problem::Unreadable { detail } => write!(f, "could not be read: {detail}"),
            Problem::DateOrderConflict { field, value } => write!(
                f,
                "{} {value:?} does not fit the day/month order of its column; the date was ignored",
                field.key()
            ),
        }
    }
}

/// A problem and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u64,
    pub problem: Problem,
}

/// Most problems kept per file; more are counted, not listed, so a wholly
/// broken 1M-row file cannot exhaust memory.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// What reading one file found.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub name: String,
    pub size: u64,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<u8>,
    pub header_line: u64,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub format: SourceFormat,
    /// Data rows read, duplicates and skipped rows included.
    pub rows: u64,
    pub duplicates: u64,
    /// Rows left out for a problem.
    pub skipped: u64,
    /// Problems by line, at most [`MAX_LISTED_PROBLEMS`].
    pub problems: Vec<RowProblem>,
    /// Whether each date field was read day-first (ambiguous dates only).
    pub day_first: Vec<(Field, bool)>,
    pub error: Option<FileError>,
}

impl FileReport {
    fn new(name: &str, size: usize) -> Self {
        FileReport {
            name: name.to_string(),
            size: size as u64,
            encoding: None,
            delimiter: None,
            header_line: 0,
            headers: Vec::new(),
            mapping: Mapping::default(),
            format: SourceFormat::Generic,
            rows: 0,
            duplicates: 0,
            skipped: 0,
            problems: Vec::new(),
            day_first: Vec::new(),
            error: None,
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

/// Everything read from a set of files, ready for the rules.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub files: Vec<FileReport>,
    pub packages: PackageSet,
    /// Fields mapped in at least one file that was read.
    pub fields: FieldSet,
    pub rows: u64,
    pub duplicate_rows: u64,
}

/// Reads files into one pool of packages. A file that cannot be read is
/// reported in its [`FileReport::error`] and the others still count.
pub fn load(files: &[FileInput<'_>], options: &LoadOptions) -> Dataset {
    let mut data = Dataset::default();
    let mut seen = FxHashSet::default();
    for (i, file) in files.iter().enumerate() {
        let file_index = u16::try_from(i).unwrap_or(u16::MAX);
        let report = read_file(file, file_index, options, &mut data.packages, &mut seen);
        if report.error.is_none() {
            for (f, _) in report.mapping.mapped() {
                data.fields.insert(f);
            }
        }
        data.rows += report.rows;
        data.duplicate_rows += report.duplicates;
        data.files.push(report);
    }
    data
}

/// The fields whose cells are text kept on the package.
const TEXT_FIELDS: [(Text, Field); Text::COUNT] = [
    (Text::Carrier, Field::Carrier),
    (Text::CarrierName, Field::CarrierName),
    (Text::ShipMethod, Field::ShipMethod),
    (Text::ShipOption, Field::ShipOption),
    (Text::Category, Field::Category),
    (Text::Channel, Field::FulfillmentChannel),
    (Text::Status, Field::OrderStatus),
    (Text::Origin, Field::OriginCountry),
    (Text::PackageType, Field::PackageType),
    (Text::Currency, Field::Currency),
];

const DATE_FIELDS: [(DateKind, Field); DateKind::COUNT] = [
    (DateKind::Ship, Field::ShipDate),
    (DateKind::Promised, Field::PromisedDeliveryDate),
    (DateKind::Purchase, Field::PurchaseDate),
    (DateKind::FirstScan, Field::FirstScanDate),
];

/// Columns resolved once per file, so the row loop only indexes.
struct Columns {
    order: usize,
    tracking: usize,
    shipment: Option<usize>,
    texts: [Option<usize>; Text::COUNT],
    dates: [Option<usize>; DateKind::COUNT],
    value: Option<usize>,
    item: Option<usize>,
    shipping: Option<usize>,
    flag: Option<(usize, FlagKind)>,
    width: usize,
}

impl Columns {
    fn new(m: &Mapping, width: usize) -> Option<Columns> {
        Some(Columns {
            order: m.column(Field::OrderId)?,
            tracking: m.column(Field::TrackingNumber)?,
            shipment: m.column(Field::ShipmentId),
            texts: TEXT_FIELDS.map(|(_, f)| m.column(f)),
            dates: DATE_FIELDS.map(|(_, f)| m.column(f)),
            value: m.column(Field::PackageValue),
            item: m.column(Field::ItemPrice),
            shipping: m.column(Field::ShippingPrice),
            flag: m.column(Field::TrackingFlag).zip(m.flag_kind()),
            width,
        })
    }
}

fn read_file(
    file: &FileInput<'_>,
    file_index: u16,
    options: &LoadOptions,
    packages: &mut PackageSet,
    seen: &mut FxHashSet<u128>,
) -> FileReport {
    let mut report = FileReport::new(file.name, file.bytes.len());
    let decoded = match decode(file.bytes) {
        Ok(d) => d,
        Err(e) => {
            report.error = Some(FileError::Decode(e));
            return report;
        }
    };
    report.encoding = Some(decoded.encoding);
    let text: &str = &decoded.text;
    let layout = match sniff(text) {
        Ok(l) => l,
        Err(e) => {
            report.error = Some(FileError::NoHeader(e));
            return report;
        }
    };
    report.delimiter = Some(layout.delimiter);
    report.header_line = layout.header_line;
    let body = text.get(layout.header_offset..).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        _ => {
            report.error = Some(FileError::NoHeader(SniffError::NoHeader));
            return report;
        }
    }
    report.headers = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let header_refs: Vec<&str> = report.headers.iter().map(String::as_str).collect();
    report.format = guess_format(&header_refs);
    let mut mapping = match &file.mapping {
        Some(m) => m.clone(),
        None => Mapping::detect(&header_refs),
    };
    if file.mapping.is_none() {
        let applicable: Vec<(Field, String)> = options
            .overrides
            .iter()
            .filter(|(_, h)| {
                h.is_empty()
                    || header_refs.iter().any(|x| {
                        crate::mapping::normalize_header(x) == crate::mapping::normalize_header(h)
                    })
            })
            .cloned()
            .collect();
        if let Err(e) = mapping.apply_overrides(&header_refs, &applicable) {
            report.mapping = mapping;
            report.error = Some(FileError::Mapping(e));
            return report;
        }
    }
    report.mapping = mapping.clone();
    let Some(cols) = Columns::new(&mapping, report.headers.len()) else {
        report.error = Some(FileError::MissingColumns {
            missing: mapping.missing_required(),
            headers: report.headers.clone(),
        });
        return report;
    };
    let header_sig = {
        let mut h = FxHasher::default();
        for name in &report.headers {
            h.write(crate::mapping::normalize_header(name).as_bytes());
            h.write_u8(0xff);
        }
        h.finish()
    };

    let mut reader_state = RowReader::new(&cols, options.date_order);
    let mut lines = LineCounter::new(body.as_bytes(), layout.header_line);
    let mut fingerprint = RowFingerprint::default();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // The csv reader only fails on I/O or invalid UTF-8, neither
                // possible on decoded text; report and stop rather than loop.
                report.rows += 1;
                let line = lines.line_at(e.position());
                report.problem(
                    line,
                    Problem::Unreadable {
                        detail: e.to_string(),
                    },
                );
                break;
            }
        }
        let line = lines.line_at(record.position());
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            continue; // a blank line, or one of only delimiters: not a row
        }
        report.rows += 1;
        if record.len() != cols.width {
            let extra_empty = record.len() > cols.width
                && record
                    .iter()
                    .skip(cols.width)
                    .all(|c| c.trim_ascii().is_empty());
            if !extra_empty {
                report.problem(
                    line,
                    Problem::FieldCount {
                        expected: cols.width,
                        found: record.len(),
                    },
                );
                continue;
            }
        }
        if !seen.insert(fingerprint.of(header_sig, &record)) {
            report.duplicates += 1;
            continue;
        }
        let source = Source {
            file: file_index,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        };
        match reader_state.row(&record, source, packages) {
            Ok(()) => {}
            Err(p) => report.problem(line, p),
        }
    }

    let mut day_first = [false; DateKind::COUNT];
    for (k, (kind, field)) in DATE_FIELDS.iter().enumerate() {
        if cols.dates[k].is_none() {
            continue;
        }
        let df = match options.date_order {
            DateOrder::Auto => reader_state.forced_day_first[k],
            DateOrder::DayFirst => true,
            DateOrder::MonthFirst => false,
        };
        day_first[*kind as usize] = df;
        report.day_first.push((*field, df));
        let conflicts = if df {
            &reader_state.month_first_only[k]
        } else {
            &reader_state.day_first_only[k]
        };
        for (line, value) in conflicts {
            report.problem(
                *line,
                Problem::DateOrderConflict {
                    field: *field,
                    value: value.clone(),
                },
            );
        }
    }
    packages.settle_dates(day_first);
    report.problems.sort_by_key(|p| p.line);
    report
}

/// Line numbers of records. The csv reader's own line count is one short
/// after CRLF line ends, so in a file with CRs lines are counted here from
/// byte offsets, each byte looked at once; a file without any CR (decode
/// turns lone CRs into LFs) keeps the reader's count, which is right there
/// and costs nothing.
struct LineCounter<'a> {
    body: &'a [u8],
    has_cr: bool,
    first_line: u64,
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// `first_line` is the line number of `body`'s first byte.
    fn new(body: &'a [u8], first_line: u64) -> Self {
        LineCounter {
            body,
            has_cr: body.contains(&b'\r'),
            first_line,
            offset: 0,
            line: first_line,
        }
    }

    /// The 1-based line of the record reported at `pos`; positions must not
    /// go back.
    ///
    /// After a CRLF the reader reports a record as starting on the LF
    /// before it; a record never starts with a line end, so line-end bytes
    /// at the offset are stepped over.
    fn line_at(&mut self, pos: Option<&csv::Position>) -> u64 {
        let Some(pos) = pos else { return self.line };
        if !self.has_cr {
            return self.first_line + pos.line().saturating_sub(1);
        }
        let mut to = usize::try_from(pos.byte())
            .unwrap_or(usize::MAX)
            .min(self.body.len());
        while matches!(self.body.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to > self.offset {
            let newlines = self.body[self.offset..to]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines as u64;
            self.offset = to;
        }
        self.line
    }
}

/// Per-file state of the row loop.
struct RowReader<'c> {
    cols: &'c Columns,
    order: DateOrder,
    /// A date column turns day-first once a value's first part exceeds 12.
    forced_day_first: [bool; DateKind::COUNT],
    /// Ambiguity survivors, reported if the column ends the other way:
    /// values only valid month-first (or day-first), with their lines.
    month_first_only: [Vec<(u64, String)>; DateKind::COUNT],
    day_first_only: [Vec<(u64, String)>; DateKind::COUNT],
    /// The last text seen per field and its symbol: consecutive rows mostly
    /// repeat carrier, status and category, so most rows skip the interner.
    last_text: [(Vec<u8>, Sym); Text::COUNT],
}

impl<'c> RowReader<'c> {
    fn new(cols: &'c Columns, order: DateOrder) -> Self {
        RowReader {
            cols,
            order,
            forced_day_first: [false; DateKind::COUNT],
            month_first_only: Default::default(),
            day_first_only: Default::default(),
            last_text: Default::default(),
        }
    }

    fn row(
        &mut self,
        record: &csv::ByteRecord,
        source: Source,
        packages: &mut PackageSet,
    ) -> Result<(), Problem> {
        let cols = self.cols;
        let cell = |c: usize| -> &str {
            record
                .get(c)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("")
                .trim()
        };
        let order_id = cell(cols.order);
        if order_id.is_empty() {
            return Err(Problem::NoOrderId);
        }
        let tracking_written = cell(cols.tracking);
        let tracking: Cow<'_, str> = if is_placeholder(tracking_written) {
            Cow::Borrowed("")
        } else if tracking_written
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            Cow::Borrowed(tracking_written)
        } else {
            Cow::Owned(normalize_tracking(tracking_written))
        };

        let mut dates = [RawDate::Empty; DateKind::COUNT];
        for (k, (kind, field)) in DATE_FIELDS.iter().enumerate() {
            let Some(c) = cols.dates[k] else { continue };
            let text = cell(c);
            let raw = parse_date(text).map_err(|_| Problem::BadDate {
                field: *field,
                value: text.to_string(),
            })?;
            if let RawDate::Slash { .. } = raw {
                let (mf, df) = (raw.month_first(), raw.day_first());
                if mf.is_none() && df.is_none() {
                    return Err(Problem::BadDate {
                        field: *field,
                        value: text.to_string(),
                    });
                }
                if raw.forces_day_first() {
                    self.forced_day_first[k] = true;
                }
                if self.order == DateOrder::Auto {
                    let one_sided = match (mf, df) {
                        (Some(_), None) => Some(&mut self.month_first_only[k]),
                        (None, Some(_)) => Some(&mut self.day_first_only[k]),
                        _ => None,
                    };
                    if let Some(list) = one_sided.filter(|l| l.len() < MAX_LISTED_PROBLEMS) {
                        list.push((u64::from(source.line), text.to_string()));
                    }
                }
                let chosen = match self.order {
                    DateOrder::DayFirst => df,
                    DateOrder::MonthFirst => mf,
                    DateOrder::Auto => None,
                };
                if self.order != DateOrder::Auto {
                    match chosen {
                        Some(d) => {
                            dates[*kind as usize] = RawDate::Date(d);
                            continue;
                        }
                        None => {
                            return Err(Problem::BadDate {
                                field: *field,
                                value: text.to_string(),
                            })
                        }
                    }
                }
            }
            dates[*kind as usize] = raw;
        }

        let money = |c: Option<usize>, field: Field| -> Result<Option<i64>, Problem> {
            let Some(c) = c else { return Ok(None) };
            let text = cell(c);
            match parse_money(text) {
                Ok(m) => Ok(m.and_then(pick_money)),
                Err(_) => Err(Problem::BadMoney {
                    field,
                    value: text.to_string(),
                }),
            }
        };
        let value = money(cols.value, Field::PackageValue)?;
        let item_price = money(cols.item, Field::ItemPrice)?;
        let shipping_price = money(cols.shipping, Field::ShippingPrice)?;

        let mut texts = [Sym::EMPTY; Text::COUNT];
        for (k, slot) in texts.iter_mut().enumerate() {
            let Some(c) = cols.texts[k] else { continue };
            let t = cell(c);
            if t.is_empty() {
                continue;
            }
            let (last, sym) = &mut self.last_text[k];
            if last.as_slice() != t.as_bytes() {
                *sym = packages.interner.intern(t);
                last.clear();
                last.extend_from_slice(t.as_bytes());
            }
            *slot = *sym;
        }

        let mut scan = ScanEvidence::Unknown;
        if let Some(c) = cols.dates[DateKind::FirstScan as usize] {
            scan = if cell(c).is_empty() {
                ScanEvidence::NotScanned
            } else {
                ScanEvidence::Scanned
            };
        }
        if let Some((c, kind)) = cols.flag {
            match flag_scan(cell(c), kind) {
                ScanEvidence::NotScanned => scan = ScanEvidence::NotScanned,
                ScanEvidence::Scanned if scan == ScanEvidence::Unknown => {
                    scan = ScanEvidence::Scanned
                }
                _ => {}
            }
        }

        packages.add(&RowFacts {
            order_id,
            tracking_written,
            tracking: &tracking,
            shipment_id: cols.shipment.map_or("", cell),
            texts,
            dates,
            value,
            item_price,
            shipping_price,
            scan,
            source: Some(source),
        });
        Ok(())
    }
}

/// The reading of an amount. Readings under the two decimal conventions
/// only both exist when they agree ("12", "1 234"), so whichever exists is
/// the amount; a disagreement prefers the dot, the commoner convention.
fn pick_money(m: RawMoney) -> Option<i64> {
    m.dot.or(m.comma)
}

/// Amazon's flags: "No Valid Tracking" = X means no scan; "Valid Tracking"
/// = N means no scan, Y means scanned.
fn flag_scan(cell: &str, kind: FlagKind) -> ScanEvidence {
    let v = cell.trim().to_ascii_lowercase();
    match kind {
        FlagKind::NoValidTracking => match v.as_str() {
            "x" | "y" | "yes" | "true" | "1" => ScanEvidence::NotScanned,
            _ => ScanEvidence::Scanned,
        },
        FlagKind::ValidTracking => match v.as_str() {
            "n" | "no" | "false" | "0" => ScanEvidence::NotScanned,
            "y" | "yes" | "true" | "1" | "x" => ScanEvidence::Scanned,
            _ => ScanEvidence::Unknown,
        },
    }
}

/// 128-bit fingerprints of rows' trimmed cells under their file's header,
/// from two differently seeded hashes: equal rows are duplicates, and a
/// false match between different rows is astronomically unlikely.
///
/// A row is hashed as one byte string (its trimmed cells back to back) plus
/// where each cell ends: a few hasher calls per row instead of several per
/// cell, which was a tenth of the load time. Only a row with a padded cell
/// is copied to trim it.
#[derive(Default)]
struct RowFingerprint {
    trimmed: Vec<u8>,
    ends: Vec<u8>,
}

impl RowFingerprint {
    fn of(&mut self, header_sig: u64, record: &csv::ByteRecord) -> u128 {
        let padded = record.iter().any(|c| {
            c.first().is_some_and(u8::is_ascii_whitespace)
                || c.last().is_some_and(u8::is_ascii_whitespace)
        });
        self.ends.clear();
        let mut end = 0u32;
        let bytes: &[u8] = if padded {
            self.trimmed.clear();
            for cell in record.iter() {
                let c = cell.trim_ascii();
                self.trimmed.extend_from_slice(c);
                end = end.wrapping_add(c.len() as u32);
                self.ends.extend_from_slice(&end.to_le_bytes());
            }
            &self.trimmed
        } else {
            for cell in record.iter() {
                end = end.wrapping_add(cell.len() as u32);
                self.ends.extend_from_slice(&end.to_le_bytes());
            }
            record.as_slice()
        };
        let mut a = FxHasher::default();
        let mut b = FxHasher::default();
        a.write_u64(header_sig);
        a.write(bytes);
        a.write(&self.ends);
        b.write_u64(header_sig ^ 0x9e37_79b9_7f4a_7c15);
        b.write(&self.ends);
        b.write(bytes);
        (u128::from(a.finish()) << 64) | u128::from(b.finish())
    }
}

/// Guesses what produced a file from its headers.
pub fn guess_format(headers: &[&str]) -> SourceFormat {
    let norm: Vec<String> = headers
        .iter()
        .map(|h| crate::mapping::normalize_header(h))
        .collect();
    let has = |h: &str| norm.iter().any(|x| x == h);
    if has("no valid tracking") || has("valid tracking") {
        SourceFormat::AmazonVtrReport
    } else if norm
        .iter()
        .any(|h| h.starts_with("order number") || h.starts_with("shipment tracking number"))
        || headers.iter().any(|h| h.contains(" - "))
    {
        SourceFormat::ShipStation
    } else if headers
        .iter()
        .any(|h| h.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    {
        SourceFormat::ChineseErp
    } else if has("order id") && has("carrier code") && has("ship date") {
        SourceFormat::AmazonShipConfirmation
    } else if has("amazon order id") || (has("order id") && has("order item id")) {
        SourceFormat::AmazonOrderReport
    } else {
        SourceFormat::Generic
    }
}
