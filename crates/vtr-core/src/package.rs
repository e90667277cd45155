//! Rows to packages (section 2): what VTR counts.
//!
//! Rows are folded into packages as they are read, never kept: a million-row
//! file must fit in less than twice its size. Repeated text (carrier,
//! category, status...) is interned, so a package is a few symbols, a few
//! dates and its two identifying strings.

use crate::rules::validity::ScanEvidence;
use crate::value::date::RawDate;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// An interned string. `Sym::EMPTY` is the empty string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sym(pub u32);

impl Sym {
    pub const EMPTY: Sym = Sym(0);
    pub fn is_empty(self) -> bool {
        self == Sym::EMPTY
    }
}

/// Stores each distinct low-cardinality text once.
#[derive(Clone, Debug)]
pub struct Interner {
    map: FxHashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut map = FxHashMap::default();
        map.insert(Box::from(""), Sym::EMPTY);
        Interner {
            map,
            strings: vec![Box::from("")],
        }
    }
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.map.get(text) {
            return sym;
        }
        let sym = Sym(u32::try_from(self.strings.len()).unwrap_or(u32::MAX));
        self.strings.push(Box::from(text));
        self.map.insert(Box::from(text), sym);
        sym
    }

    pub fn get(&self, sym: Sym) -> &str {
        self.strings.get(sym.0 as usize).map_or("", |s| s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.len() <= 1
    }
}

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
    pub const COUNT: usize = 10;
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
    pub const COUNT: usize = 4;
    pub const ALL: [DateKind; DateKind::COUNT] = [
        DateKind::Ship,
        DateKind::Promised,
        DateKind::Purchase,
        DateKind::FirstScan,
    ];
}

/// The latest date of one field. While a file is being read, ambiguous
/// `dd/dd/yyyy` dates are kept under both readings, because the column's
/// order is only known once the whole column has been seen (section 9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct DateSlot {
    latest: Option<NaiveDate>,
    month_first: Option<NaiveDate>,
    day_first: Option<NaiveDate>,
}

impl DateSlot {
    fn add(&mut self, raw: RawDate) {
        match raw {
            RawDate::Empty => {}
            RawDate::Date(d) => self.latest = self.latest.max(Some(d)),
            RawDate::Slash { .. } => {
                self.month_first = self.month_first.max(raw.month_first());
                self.day_first = self.day_first.max(raw.day_first());
            }
        }
    }

    fn settle(&mut self, day_first: bool) {
        let pending = if day_first {
            self.day_first
        } else {
            self.month_first
        };
        self.latest = self.latest.max(pending);
        self.month_first = None;
        self.day_first = None;
    }
}

/// Where a row came from: the file's index in the load and its 1-based line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub file: u16,
    pub line: u32,
}

/// One package: what VTR counts.
#[derive(Clone, Debug)]
pub struct Package {
    pub order_id: Box<str>,
    /// Normalised tracking number; empty when the rows had none.
    pub tracking: Box<str>,
    /// The tracking as first written, when it differs from `tracking`
    /// (placeholders, `9.4E+21`, spaces): shown so the seller recognises it.
    pub tracking_written: Option<Box<str>>,
    /// The shipment id that keyed a package without tracking.
    pub shipment_id: Option<Box<str>>,
    texts: [Sym; Text::COUNT],
    dates: [DateSlot; DateKind::COUNT],
    /// Largest package-value / order-total seen (never summed: it repeats per row).
    value_max: Option<i64>,
    /// Sum of item price + shipping price over the rows.
    item_sum: Option<i64>,
    pub scan: ScanEvidence,
    pub source: Source,
    /// Further rows of the package, beyond `source`.
    pub more_sources: Vec<Source>,
}

impl Package {
    pub fn text(&self, field: Text) -> Sym {
        self.texts[field as usize]
    }

    pub fn date(&self, kind: DateKind) -> Option<NaiveDate> {
        self.dates[kind as usize].latest
    }

    /// Price including shipping in minor units, when known (section 2).
    pub fn value(&self) -> Option<i64> {
        self.value_max.or(self.item_sum)
    }

    /// The tracking as the seller wrote it.
    pub fn tracking_as_written(&self) -> &str {
        self.tracking_written.as_deref().unwrap_or(&self.tracking)
    }

    /// Every row of the package, first one first.
    pub fn sources(&self) -> impl Iterator<Item = Source> + '_ {
        std::iter::once(self.source).chain(self.more_sources.iter().copied())
    }
}

/// What identifies a package (section 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key<'a> {
    Tracking { order: &'a str, tracking: &'a str },
    Shipment { order: &'a str, shipment: &'a str },
    Order { order: &'a str },
}

/// One mapped row, borrowed from the reader, ready to be folded in.
#[derive(Debug)]
pub struct RowFacts<'a> {
    pub order_id: &'a str,
    /// Trimmed, as written; may be a placeholder.
    pub tracking_written: &'a str,
    /// Normalised, empty for placeholders.
    pub tracking: &'a str,
    pub shipment_id: &'a str,
    pub texts: [Sym; Text::COUNT],
    pub dates: [RawDate; DateKind::COUNT],
    pub value: Option<i64>,
    pub item_price: Option<i64>,
    pub shipping_price: Option<i64>,
    pub scan: ScanEvidence,
    pub source: Option<Source>,
}

/// All packages of a load, in order of first appearance.
#[derive(Clone, Debug, Default)]
pub struct PackageSet {
    pub packages: Vec<Package>,
    pub interner: Interner,
    /// Hash of the key to the package index. Keys that collide on the hash
    /// go to `overflow`, so grouping never trusts a hash alone.
    index: FxHashMap<u64, u32>,
    overflow: FxHashMap<(u8, Box<str>, Box<str>), u32>,
}

impl PackageSet {
    pub fn len(&self) -> usize {
        self.packages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }

    /// Folds one row into its package, creating the package on first sight.
    pub fn add(&mut self, row: &RowFacts<'_>) {
        let key = if !row.tracking.is_empty() {
            Key::Tracking {
                order: row.order_id,
                tracking: row.tracking,
            }
        } else if !row.shipment_id.is_empty() {
            Key::Shipment {
                order: row.order_id,
                shipment: row.shipment_id,
            }
        } else {
            Key::Order {
                order: row.order_id,
            }
        };
        let source = row.source.unwrap_or(Source { file: 0, line: 0 });
        let idx = match self.find(key) {
            Some(i) => {
                let p = &mut self.packages[i];
                p.more_sources.push(source);
                i
            }
            None => self.insert(key, row, source),
        };
        let p = &mut self.packages[idx];
        for (slot, &sym) in p.texts.iter_mut().zip(row.texts.iter()) {
            if slot.is_empty() {
                *slot = sym;
            }
        }
        for (slot, &raw) in p.dates.iter_mut().zip(row.dates.iter()) {
            slot.add(raw);
        }
        if let Some(v) = row.value {
            p.value_max = p.value_max.max(Some(v));
        }
        if row.item_price.is_some() || row.shipping_price.is_some() {
            let add = row
                .item_price
                .unwrap_or(0)
                .saturating_add(row.shipping_price.unwrap_or(0));
            p.item_sum = Some(p.item_sum.unwrap_or(0).saturating_add(add));
        }
        p.scan = merge_scan(p.scan, row.scan);
        if p.tracking_written.is_none() && p.tracking.is_empty() && !row.tracking_written.is_empty()
        {
            // A package without a real number keeps the placeholder it was given.
            p.tracking_written = Some(Box::from(row.tracking_written));
        }
    }

    /// Settles the ambiguous dates of the file just read, now that each
    /// date column's order is known. `day_first[k]` is the order of date
    /// field `k` in that file.
    pub fn settle_dates(&mut self, day_first: [bool; DateKind::COUNT]) {
        for p in &mut self.packages {
            for (slot, &df) in p.dates.iter_mut().zip(day_first.iter()) {
                if slot.month_first.is_some() || slot.day_first.is_some() {
                    slot.settle(df);
                }
            }
        }
    }

    fn find(&self, key: Key<'_>) -> Option<usize> {
        let h = hash_key(key);
        let &i = self.index.get(&h)?;
        let i = i as usize;
        if key_matches(&self.packages[i], key) {
            return Some(i);
        }
        let (tag, a, b) = key_parts(key);
        self.overflow
            .get(&(tag, Box::from(a), Box::from(b)))
            .map(|&i| i as usize)
    }

    fn insert(&mut self, key: Key<'_>, row: &RowFacts<'_>, source: Source) -> usize {
        let idx = self.packages.len();
        let tracking_written = (!row.tracking.is_empty() && row.tracking_written != row.tracking)
            .then(|| Box::from(row.tracking_written));
        let shipment_id = match key {
            Key::Shipment { shipment, .. } => Some(Box::from(shipment)),
            _ => None,
        };
        self.packages.push(Package {
            order_id: Box::from(row.order_id),
            tracking: Box::from(row.tracking),
            tracking_written,
            shipment_id,
            texts: [Sym::EMPTY; Text::COUNT],
            dates: [DateSlot::default(); DateKind::COUNT],
            value_max: None,
            item_sum: None,
            scan: ScanEvidence::Unknown,
            source,
            more_sources: Vec::new(),
        });
        let h = hash_key(key);
        let slot = u32::try_from(idx).unwrap_or(u32::MAX);
        if let std::collections::hash_map::Entry::Vacant(e) = self.index.entry(h) {
            e.insert(slot);
        } else {
            let (tag, a, b) = key_parts(key);
            self.overflow
                .insert((tag, Box::from(a), Box::from(b)), slot);
        }
        idx
    }
}

/// Scan evidence of several rows: a scan anywhere wins, then a recorded
/// absence of scans, then nothing known.
fn merge_scan(a: ScanEvidence, b: ScanEvidence) -> ScanEvidence {
    use ScanEvidence::*;
    match (a, b) {
        (Scanned, _) | (_, Scanned) => Scanned,
        (NotScanned, _) | (_, NotScanned) => NotScanned,
        _ => Unknown,
    }
}

fn key_parts(key: Key<'_>) -> (u8, &str, &str) {
    match key {
        Key::Tracking { order, tracking } => (0, order, tracking),
        Key::Shipment { order, shipment } => (1, order, shipment),
        Key::Order { order } => (2, order, ""),
    }
}

fn hash_key(key: Key<'_>) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    key.hash(&mut h);
    h.finish()
}

fn key_matches(p: &Package, key: Key<'_>) -> bool {
    match key {
        Key::Tracking { order, tracking } => &*p.order_id == order && &*p.tracking == tracking,
        Key::Shipment { order, shipment } => {
            &*p.order_id == order
                && p.tracking.is_empty()
                && p.shipment_id.as_deref() == Some(shipment)
        }
        Key::Order { order } => {
            &*p.order_id == order && p.tracking.is_empty() && p.shipment_id.is_none()
        }
    }
}
