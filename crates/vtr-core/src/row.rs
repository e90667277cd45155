//! Records to rows: the mapped cells of one record checked and parsed
//! (dates, money, scan evidence), ready to be folded into a package.
//! A row that cannot be read is a [`Problem`], reported by line.

use crate::carrier::normalize_tracking;
use crate::fingerprint::Fingerprint;
use crate::mapping::{Field, FlagKind, Mapping};
use crate::package::{DateKind, Sym, Text};
use crate::records::Record;
use crate::store::{KeyBuf, KeyKind, OutOfMemory, RowFacts, Segment};
use crate::value::date::{parse_date, RawDate};
use crate::value::money::{parse_money, RawMoney};
use crate::value::tracking::{is_placeholder, ScanEvidence};
use hashbrown::HashTable;
use serde::{Deserialize, Serialize};
use std::fmt;
use xxhash_rust::xxh3::xxh3_64;

/// How to read `dd/dd/yyyy` dates (section 9): decided per column from the
/// data, or forced by the seller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Each column decides: day-first when some first part exceeds 12,
    /// else US month-first.
    #[default]
    Auto,
    /// Always month-first (`11/03/2026` is 3 November), as in the US.
    MonthFirst,
    /// Always day-first (`03/11/2026` is 3 November), as in Europe.
    DayFirst,
}

/// What was wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The row has another number of fields than the header. Skipped.
    FieldCount {
        /// The header's number of fields.
        expected: usize,
        /// The row's number of fields; a stray delimiter or a cut line, often.
        found: usize,
    },
    /// A date that is no date. Skipped.
    BadDate {
        /// The date field the cell is mapped to.
        field: Field,
        /// The cell as written (trimmed), for the seller to find and correct.
        value: String,
    },
    /// An amount that is no amount. Skipped.
    BadMoney {
        /// The money field the cell is mapped to.
        field: Field,
        /// The cell as written (trimmed), for the seller to find and correct.
        value: String,
    },
    /// No order id. Skipped.
    NoOrderId,
    /// The csv reader could not read the row. Skipped.
    Unreadable {
        /// The csv reader's message, for the seller to find the fault.
        detail: String,
    },
    /// Bytes on this line that are no character in the file's encoding
    /// (a file saved partly in another encoding, or damaged). They show as
    /// U+FFFD; the row counts.
    InvalidCharacters {
        /// How many invalid sequences the line holds.
        count: u64,
    },
    /// NUL bytes (invisible zero characters some programs leave) on this
    /// line were dropped; the row counts.
    NulBytes {
        /// How many were dropped.
        count: u64,
    },
    /// A date that only fits the other day/month order than the rest of its
    /// column. The row counts; this date is ignored.
    DateOrderConflict {
        /// The date field the cell is mapped to.
        field: Field,
        /// The cell as written (trimmed), for the seller to find and correct.
        value: String,
    },
}

impl Problem {
    /// Whether the row was left out of the result.
    pub fn skips_row(&self) -> bool {
        !matches!(
            self,
            Problem::DateOrderConflict { .. }
                | Problem::InvalidCharacters { .. }
                | Problem::NulBytes { .. }
        )
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
            Problem::InvalidCharacters { count } => write!(
                f,
                "has {count} character{s} that could not be read in the file's encoding (shown \
                 as \"\u{FFFD}\"); the row counts, but check it, and choose the file's encoding if \
                 many lines say this",
                s = if *count == 1 { "" } else { "s" }
            ),
            Problem::NulBytes { count } => write!(
                f,
                "had {count} NUL byte{s} (invisible zero characters), which were dropped; the \
                 row counts",
                s = if *count == 1 { "" } else { "s" }
            ),
            Problem::DateOrderConflict { field, value } => write!(
                f,
                "{} {value:?} does not fit the day/month order of its column; the date was ignored",
                field.key()
            ),
        }
    }
}

/// Most problems (and date conflicts) kept per file; more are counted, not
/// listed, so a wholly broken 1M-row file cannot exhaust memory.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// The fields whose cells are text kept on the package.
pub(crate) const TEXT_FIELDS: [(Text, Field); Text::COUNT] = [
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

pub(crate) const DATE_FIELDS: [(DateKind, Field); DateKind::COUNT] = [
    (DateKind::Ship, Field::ShipDate),
    (DateKind::Promised, Field::PromisedDeliveryDate),
    (DateKind::Purchase, Field::PurchaseDate),
    (DateKind::FirstScan, Field::FirstScanDate),
];

/// Columns resolved once per file, so the row loop only indexes.
#[derive(Clone, Debug)]
pub(crate) struct Columns {
    order: usize,
    tracking: usize,
    shipment: Option<usize>,
    texts: [Option<usize>; Text::COUNT],
    pub(crate) dates: [Option<usize>; DateKind::COUNT],
    value: Option<usize>,
    item: Option<usize>,
    shipping: Option<usize>,
    flag: Option<(usize, FlagKind)>,
    pub(crate) width: usize,
}

impl Columns {
    /// `None` when the order id or the tracking number is unmapped.
    pub(crate) fn new(m: &Mapping, width: usize) -> Option<Columns> {
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

    /// The order id's and the tracking number's columns.
    pub(crate) fn keys(&self) -> (usize, usize) {
        (self.order, self.tracking)
    }

    /// Which optional columns the package store keeps.
    pub(crate) fn stored(&self) -> crate::store::Columns {
        crate::store::Columns {
            dates: self.dates.map(|c| c.is_some()),
            value: self.value.is_some(),
            items: self.item.is_some() || self.shipping.is_some(),
        }
    }
}

/// What the dates of one file say about its day/month order, collected as
/// it is read (and added up over the parts of a file read apart).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateVotes {
    /// A date column turns day-first once a value's first part exceeds 12.
    pub forced_day_first: [bool; DateKind::COUNT],
    /// Values only valid month-first (or day-first), with their lines:
    /// reported if the column ends the other way.
    pub month_first_only: [Vec<(u64, String)>; DateKind::COUNT],
    pub day_first_only: [Vec<(u64, String)>; DateKind::COUNT],
}

impl DateVotes {
    /// Adds the votes of a later part, whose lines are `shift` further on.
    pub fn absorb(&mut self, later: DateVotes, shift: u64) {
        for k in 0..DateKind::COUNT {
            self.forced_day_first[k] |= later.forced_day_first[k];
            for (mine, theirs) in [
                (&mut self.month_first_only[k], &later.month_first_only[k]),
                (&mut self.day_first_only[k], &later.day_first_only[k]),
            ] {
                for (line, v) in theirs {
                    if mine.len() >= MAX_LISTED_PROBLEMS {
                        break;
                    }
                    mine.push((line + shift, v.clone()));
                }
            }
        }
    }
}

/// A vote of one date cell, applied once the row is known to count
/// (a repeated row does not vote twice).
#[derive(Clone, Debug)]
enum Vote {
    ForcesDayFirst(usize),
    MonthFirstOnly(usize, u64, String),
    DayFirstOnly(usize, u64, String),
}

fn apply_votes(votes: &mut DateVotes, pending: &mut Vec<Vote>) {
    for v in pending.drain(..) {
        let (list, line, value) = match v {
            Vote::ForcesDayFirst(k) => {
                votes.forced_day_first[k] = true;
                continue;
            }
            Vote::MonthFirstOnly(k, line, value) => (&mut votes.month_first_only[k], line, value),
            Vote::DayFirstOnly(k, line, value) => (&mut votes.day_first_only[k], line, value),
        };
        if list.len() < MAX_LISTED_PROBLEMS {
            list.push((line, value));
        }
    }
}

/// What became of one row.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Folded into its package.
    Counted,
    /// An exact repeat: of a row of the earlier file with this id, or of
    /// this file (`None`).
    Repeat(Option<u64>),
    /// Left out, for this reason.
    Skipped(Problem),
}

/// The rows of an earlier file a row may repeat.
pub(crate) struct EarlierRows<'a> {
    pub(crate) file: u64,
    pub(crate) segment: &'a Segment,
    /// Read under another mapping: its rows are found by fingerprint alone.
    pub(crate) all: Option<&'a HashTable<Fingerprint>>,
}

impl EarlierRows<'_> {
    fn has(&self, key: &[u8], hash: u64, fp: Fingerprint, counted: bool) -> bool {
        match self.all {
            Some(set) => set.find(fp.hash(), |x| *x == fp).is_some(),
            None if counted => self
                .segment
                .find_hashed(key, hash)
                .is_some_and(|i| self.segment.package_has_row(i, fp)),
            None => self.segment.problem_seen(fp),
        }
    }
}

/// A row's parsed fields.
struct Parsed {
    /// The tracking had to be normalised (it is in `RowReader::tracking`).
    normalised: bool,
    placeholder: bool,
    texts: [Sym; Text::COUNT],
    dates: [RawDate; DateKind::COUNT],
    value: Option<i64>,
    item_price: Option<i64>,
    shipping_price: Option<i64>,
    scan: ScanEvidence,
}

/// Per-file state of the row loop.
pub(crate) struct RowReader {
    cols: Columns,
    order: DateOrder,
    pub(crate) votes: DateVotes,
    pending: Vec<Vote>,
    /// The last text seen per field and its symbol: consecutive rows mostly
    /// repeat carrier, status and category, so most rows skip the interner.
    last_text: [(Vec<u8>, Sym); Text::COUNT],
    key: KeyBuf,
    tracking: String,
    /// The last date cell parsed per date column: rows of one order, and
    /// files sorted by date, repeat it.
    last_date: [(String, Option<RawDate>); DateKind::COUNT],
}

impl RowReader {
    pub(crate) fn new(cols: Columns, order: DateOrder) -> Self {
        RowReader {
            cols,
            order,
            votes: DateVotes::default(),
            pending: Vec::new(),
            last_text: Default::default(),
            key: KeyBuf::default(),
            tracking: String::new(),
            last_date: Default::default(),
        }
    }

    pub(crate) fn columns(&self) -> &Columns {
        &self.cols
    }

    /// Reads one row into `seg`, unless it repeats an earlier row (of this
    /// file, or of `earlier`) or cannot be read. The error is running out
    /// of memory.
    pub(crate) fn row(
        &mut self,
        record: &Record<'_>,
        line: u32,
        fp: Fingerprint,
        seg: &mut Segment,
        earlier: &[EarlierRows<'_>],
    ) -> Result<Outcome, OutOfMemory> {
        self.pending.clear();
        let text = record_text(record.bytes());
        let parsed = self.parse(record, text, line, seg);
        // On success `parse` left the package key in `self.key`.
        let counted = parsed.is_ok();
        let key = if counted { self.key.bytes() } else { &[][..] };
        let hash = if counted { xxh3_64(key) } else { 0 };
        if let Some(e) = earlier.iter().find(|e| e.has(key, hash, fp, counted)) {
            return Ok(Outcome::Repeat(Some(e.file)));
        }
        let facts = match parsed {
            Err(problem) => {
                if !seg.note_problem(fp)? {
                    return Ok(Outcome::Repeat(None));
                }
                apply_votes(&mut self.votes, &mut self.pending);
                return Ok(Outcome::Skipped(problem));
            }
            Ok(facts) => facts,
        };
        let found = seg.locate(key, hash);
        if found.is_some_and(|i| seg.package_has_row(i, fp)) {
            return Ok(Outcome::Repeat(None));
        }
        apply_votes(&mut self.votes, &mut self.pending);
        let tracking_written = cell_of(record, text, self.cols.tracking);
        let tracking = if facts.placeholder {
            ""
        } else if facts.normalised {
            self.tracking.as_str()
        } else {
            tracking_written
        };
        seg.fold(
            &RowFacts {
                key,
                tracking_written,
                tracking,
                texts: facts.texts,
                dates: facts.dates,
                value: facts.value,
                item_price: facts.item_price,
                shipping_price: facts.shipping_price,
                scan: facts.scan,
                line,
                fp,
            },
            found,
            hash,
        )?;
        Ok(Outcome::Counted)
    }

    /// The row's fields, parsed, with its package key written into
    /// `self.key`.
    fn parse(
        &mut self,
        record: &Record<'_>,
        text: &str,
        line: u32,
        seg: &mut Segment,
    ) -> Result<Parsed, Problem> {
        let cols = &self.cols;
        let order_id = cell_of(record, text, cols.order);
        if order_id.is_empty() {
            return Err(Problem::NoOrderId);
        }
        let tracking_written = cell_of(record, text, cols.tracking);
        let placeholder = is_placeholder(tracking_written);
        let normalised = !placeholder
            && !tracking_written
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if normalised {
            self.tracking = normalize_tracking(tracking_written);
        }

        let mut dates = [RawDate::Empty; DateKind::COUNT];
        for (k, (kind, field)) in DATE_FIELDS.iter().enumerate() {
            let Some(c) = cols.dates[k] else { continue };
            let t = cell_of(record, text, c);
            let (last, parsed) = &mut self.last_date[k];
            // Only plain dates are cached: a dd/dd/yyyy date also votes.
            dates[*kind as usize] = match parsed {
                Some(raw @ (RawDate::Date(_) | RawDate::Empty)) if last.as_str() == t => *raw,
                _ => {
                    let raw = date_cell(&mut self.pending, self.order, k, *field, t, line)?;
                    last.clear();
                    last.push_str(t);
                    *parsed = Some(raw);
                    raw
                }
            };
        }

        let money = |c: Option<usize>, field: Field| -> Result<Option<i64>, Problem> {
            let Some(c) = c else { return Ok(None) };
            let t = cell_of(record, text, c);
            match parse_money(t) {
                Ok(m) => Ok(m.and_then(pick_money)),
                Err(_) => Err(Problem::BadMoney {
                    field,
                    value: t.to_string(),
                }),
            }
        };
        let value = money(cols.value, Field::PackageValue)?;
        let item_price = money(cols.item, Field::ItemPrice)?;
        let shipping_price = money(cols.shipping, Field::ShippingPrice)?;

        let mut texts = [Sym::EMPTY; Text::COUNT];
        for (k, slot) in texts.iter_mut().enumerate() {
            let Some(c) = cols.texts[k] else { continue };
            let t = cell_of(record, text, c);
            if t.is_empty() {
                continue;
            }
            let (last, sym) = &mut self.last_text[k];
            if last.as_slice() != t.as_bytes() || sym.is_empty() {
                *sym = seg.strings.intern(t);
                last.clear();
                last.extend_from_slice(t.as_bytes());
            }
            *slot = *sym;
        }

        let mut scan = ScanEvidence::Unknown;
        if let Some(c) = cols.dates[DateKind::FirstScan as usize] {
            scan = if cell_of(record, text, c).is_empty() {
                ScanEvidence::NotScanned
            } else {
                ScanEvidence::Scanned
            };
        }
        if let Some((c, kind)) = cols.flag {
            match flag_scan(cell_of(record, text, c), kind) {
                ScanEvidence::NotScanned => scan = ScanEvidence::NotScanned,
                ScanEvidence::Scanned if scan == ScanEvidence::Unknown => {
                    scan = ScanEvidence::Scanned
                }
                _ => {}
            }
        }

        let tracking: &str = if placeholder {
            ""
        } else if normalised {
            &self.tracking
        } else {
            tracking_written
        };
        let shipment = cols.shipment.map_or("", |c| cell_of(record, text, c));
        let (kind, second) = if !tracking.is_empty() {
            (KeyKind::Tracking, tracking)
        } else if !shipment.is_empty() {
            (KeyKind::Shipment, shipment)
        } else {
            (KeyKind::Order, "")
        };
        self.key.set(kind, order_id, second);
        Ok(Parsed {
            normalised,
            placeholder,
            texts,
            dates,
            value,
            item_price,
            shipping_price,
            scan,
        })
    }
}

/// A record's bytes as text ("" if they are not UTF-8, which the decoder
/// never hands on). Most records are ASCII, which a word-at-a-time test
/// confirms faster than a full UTF-8 validation.
#[inline]
fn record_text(bytes: &[u8]) -> &str {
    if bytes.is_ascii() {
        // SAFETY: every byte is ASCII, and ASCII is valid UTF-8.
        return unsafe { std::str::from_utf8_unchecked(bytes) };
    }
    std::str::from_utf8(bytes).unwrap_or("")
}

/// Cell `c` of a record, trimmed, as text. A record is split at ASCII
/// delimiters of valid UTF-8 text, so every cell is a char-boundary slice
/// of `text` (the record's bytes as text).
fn cell_of<'t>(record: &Record<'_>, text: &'t str, c: usize) -> &'t str {
    let cell = record
        .span(c)
        .and_then(|(a, b)| text.get(a..b))
        .unwrap_or("");
    crate::value::trim(cell)
}

/// One date cell: parsed, and for `dd/dd/yyyy` voted on (the votes wait
/// in `pending` until the row is known to count).
fn date_cell(
    pending: &mut Vec<Vote>,
    order: DateOrder,
    k: usize,
    field: Field,
    text: &str,
    line: u32,
) -> Result<RawDate, Problem> {
    let bad = || Problem::BadDate {
        field,
        value: text.to_string(),
    };
    let raw = parse_date(text).map_err(|_| bad())?;
    let RawDate::Slash { .. } = raw else {
        return Ok(raw);
    };
    let (mf, df) = (raw.month_first(), raw.day_first());
    if mf.is_none() && df.is_none() {
        return Err(bad());
    }
    if raw.forces_day_first() {
        pending.push(Vote::ForcesDayFirst(k));
    }
    match order {
        DateOrder::Auto => {
            match (mf, df) {
                (Some(_), None) => {
                    pending.push(Vote::MonthFirstOnly(k, u64::from(line), text.to_string()))
                }
                (None, Some(_)) => {
                    pending.push(Vote::DayFirstOnly(k, u64::from(line), text.to_string()))
                }
                _ => {}
            }
            Ok(raw)
        }
        DateOrder::DayFirst => df.map(RawDate::Date).ok_or_else(bad),
        DateOrder::MonthFirst => mf.map(RawDate::Date).ok_or_else(bad),
    }
}

/// The day/month order of each date field of a file (indexed by
/// [`DateKind`]), the same per mapped field, and the dates that contradict
/// it with their lines (reported, not counted).
pub(crate) type DateDecision = (
    [bool; DateKind::COUNT],
    Vec<(Field, bool)>,
    Vec<(u64, Problem)>,
);

/// The day/month order chosen for each date field of a file, and the
/// dates that contradict it (reported, not counted).
pub(crate) fn decide_dates(cols: &Columns, order: DateOrder, votes: &DateVotes) -> DateDecision {
    let mut day_first = [false; DateKind::COUNT];
    let mut chosen = Vec::new();
    let mut conflicts = Vec::new();
    for (k, (kind, field)) in DATE_FIELDS.iter().enumerate() {
        if cols.dates[k].is_none() {
            continue;
        }
        let df = match order {
            DateOrder::Auto => votes.forced_day_first[k],
            DateOrder::DayFirst => true,
            DateOrder::MonthFirst => false,
        };
        day_first[*kind as usize] = df;
        chosen.push((*field, df));
        let list = if df {
            &votes.month_first_only[k]
        } else {
            &votes.day_first_only[k]
        };
        for (line, value) in list {
            conflicts.push((
                *line,
                Problem::DateOrderConflict {
                    field: *field,
                    value: value.clone(),
                },
            ));
        }
    }
    (day_first, chosen, conflicts)
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
