//! What VTR counts (section 2): the fields a package keeps, where its rows
//! came from, and a borrowed view of one package wherever it is stored.

use crate::value::tracking::ScanEvidence;
use chrono::NaiveDate;

pub use crate::intern::{Interner, Sym};

/// The text fields a package keeps, first non-empty value wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Carrier,
    CarrierName,
    ShipMethod,
    ShipOption,
    Category,
    Channel,
    Status,
    Origin,
    PackageType,
    Currency,
}

impl Text {
    /// How many text fields there are.
    pub const COUNT: usize = 10;
    /// Every text field, in storage order.
    pub const ALL: [Text; Text::COUNT] = [
        Text::Carrier,
        Text::CarrierName,
        Text::ShipMethod,
        Text::ShipOption,
        Text::Category,
        Text::Channel,
        Text::Status,
        Text::Origin,
        Text::PackageType,
        Text::Currency,
    ];
}

/// The date fields a package keeps, latest value wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    Ship,
    Promised,
    Purchase,
    FirstScan,
}

impl DateKind {
    /// How many date fields there are.
    pub const COUNT: usize = 4;
    /// Every date field, in storage order.
    pub const ALL: [DateKind; DateKind::COUNT] = [
        DateKind::Ship,
        DateKind::Promised,
        DateKind::Purchase,
        DateKind::FirstScan,
    ];
}

/// Where a row came from: the file's index in the load and its 1-based line.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Source {
    pub file: u16,
    pub line: u32,
}

/// Where a package's rows are, as a seller reads it: `file:line` for each
/// row, lines of the same file sharing its name so duplicates stay short.
/// The page's package list and the exports both say it this way.
///
/// ```
/// use vtr_core::package::{sources_text, Source};
///
/// let sources = [
///     Source { file: 0, line: 3 },
///     Source { file: 0, line: 7 },
///     Source { file: 1, line: 2 },
/// ];
/// let names = ["a.csv", "b.csv"];
/// let text = sources_text(&sources, |f| names.get(usize::from(f)).copied());
/// assert_eq!(text, "a.csv:3, 7; b.csv:2");
/// ```
pub fn sources_text<'a>(sources: &[Source], file_name: impl Fn(u16) -> Option<&'a str>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut last_file = None;
    for s in sources {
        if last_file == Some(s.file) {
            let _ = write!(out, ", {}", s.line);
        } else {
            if !out.is_empty() {
                out.push_str("; ");
            }
            let _ = write!(out, "{}:{}", file_name(s.file).unwrap_or("?"), s.line);
            last_file = Some(s.file);
        }
    }
    out
}

/// One package as the rules, the package list and the exports read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageView<'a> {
    pub order_id: &'a str,
    /// Normalised tracking number; empty when the rows had none.
    pub tracking: &'a str,
    /// The tracking as first written (placeholders, `9.4E+21`, spaces):
    /// what the seller recognises. Equal to `tracking` when nothing differs.
    pub tracking_written: &'a str,
    /// The shipment id that keyed a package without tracking.
    pub shipment_id: Option<&'a str>,
    pub texts: [&'a str; Text::COUNT],
    pub dates: [Option<NaiveDate>; DateKind::COUNT],
    /// Price including shipping in minor units, when known (section 2).
    pub value: Option<i64>,
    pub scan: ScanEvidence,
}

impl<'a> PackageView<'a> {
    /// A text field as written (untrimmed).
    pub fn text(&self, field: Text) -> &'a str {
        self.texts[field as usize]
    }

    /// The latest date of a date field.
    pub fn date(&self, kind: DateKind) -> Option<NaiveDate> {
        self.dates[kind as usize]
    }

    /// The tracking as the seller wrote it.
    pub fn tracking_as_written(&self) -> &'a str {
        self.tracking_written
    }
}
