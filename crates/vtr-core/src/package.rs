//! What VTR counts (section 2): the fields a package keeps, where its rows
//! came from, and a borrowed view of one package wherever it is stored.

use crate::value::tracking::ScanEvidence;
use chrono::NaiveDate;

pub use crate::intern::{Interner, Sym};

/// The text fields a package keeps, first non-empty value wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// From [`Field::Carrier`](crate::mapping::Field::Carrier).
    Carrier,
    /// From [`Field::CarrierName`](crate::mapping::Field::CarrierName).
    CarrierName,
    /// From [`Field::ShipMethod`](crate::mapping::Field::ShipMethod).
    ShipMethod,
    /// From [`Field::ShipOption`](crate::mapping::Field::ShipOption).
    ShipOption,
    /// From [`Field::Category`](crate::mapping::Field::Category).
    Category,
    /// From [`Field::FulfillmentChannel`](crate::mapping::Field::FulfillmentChannel).
    Channel,
    /// From [`Field::OrderStatus`](crate::mapping::Field::OrderStatus).
    Status,
    /// From [`Field::OriginCountry`](crate::mapping::Field::OriginCountry).
    Origin,
    /// From [`Field::PackageType`](crate::mapping::Field::PackageType).
    PackageType,
    /// From [`Field::Currency`](crate::mapping::Field::Currency).
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
    /// From [`Field::ShipDate`](crate::mapping::Field::ShipDate).
    Ship,
    /// From [`Field::PromisedDeliveryDate`](crate::mapping::Field::PromisedDeliveryDate).
    Promised,
    /// From [`Field::PurchaseDate`](crate::mapping::Field::PurchaseDate).
    Purchase,
    /// From [`Field::FirstScanDate`](crate::mapping::Field::FirstScanDate).
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
    /// The file's position in the dataset ([`crate::Dataset::files`]).
    pub file: u16,
    /// The 1-based line in that file where the row starts.
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
    /// The order id, trimmed.
    pub order_id: &'a str,
    /// Normalised tracking number; empty when the rows had none.
    pub tracking: &'a str,
    /// The tracking as first written (placeholders, `9.4E+21`, spaces):
    /// what the seller recognises. Equal to `tracking` when nothing differs.
    pub tracking_written: &'a str,
    /// The shipment id that keyed a package without tracking.
    pub shipment_id: Option<&'a str>,
    /// The text fields, indexed by [`Text`]; see [`PackageView::text`].
    pub texts: [&'a str; Text::COUNT],
    /// The latest date of each date field, indexed by [`DateKind`].
    pub dates: [Option<NaiveDate>; DateKind::COUNT],
    /// Price including shipping in minor units, when known (section 2).
    pub value: Option<i64>,
    /// What the rows say about a carrier scan, merged over the rows.
    pub scan: ScanEvidence,
}

impl<'a> PackageView<'a> {
    /// A text field as written, trimmed (empty when no row had it).
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
