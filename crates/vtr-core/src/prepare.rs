//! What the rules find about each pooled package that no setting changes:
//! the exclusions decided before the window, the carrier, the category and
//! whether the tracking is valid. Worked out once per load (and per carrier
//! edit), so a settings change only re-counts ([`crate::analysis`]).
//!
//! Text predicates and carrier checks are computed once per interned text
//! or carrier pair of each store, never per package.

use crate::carrier::{CarrierId, Registry};
use crate::dataset::{Change, Dataset, PkgRef};
use crate::intern::{Interner, Sym};
use crate::mapping::Field;
use crate::mapping::FieldSet;
use crate::package::{DateKind, Text};
use crate::result::UNCATEGORISED;
use crate::rules::exclusion::{self, Exclusion};
use crate::rules::validity::{self, carrier_verdict, check_with, CarrierVerdict, InvalidReason};
use crate::store::NO_DAY;
use crate::value::tracking::ScanEvidence;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// Flags of [`PackageFacts::flags`].
const FREIGHT: u8 = 1;
const ENVELOPE: u8 = 2;
const PREMIUM: u8 = 4;
const BY_FALLBACK: u8 = 8;

/// "No value" in [`PackageFacts::value`].
const NO_VALUE: i64 = i64::MIN;

/// Everything about one package that no setting changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackageFacts {
    value: i64,
    /// Promised delivery date, else ship date, else purchase date, as a
    /// day number (see [`PackageFacts::window_date`]).
    window_day: i32,
    /// Index into [`Prepared::category_label`].
    pub category: u32,
    /// Index into [`Prepared::carrier_label`].
    pub carrier_label: u32,
    /// Index into the origin countries.
    pub origin: u32,
    /// The carrier the package is recognised as.
    pub carrier: Option<CarrierId>,
    /// Amazon-fulfilled, not shipped or digital: decided before the window.
    pub before_window: Option<Exclusion>,
    /// Why its tracking is invalid, if it is; it matters only when the
    /// package is not excluded.
    pub invalid: Option<InvalidReason>,
    flags: u8,
}

impl PackageFacts {
    /// Promised delivery date, else ship date, else purchase date.
    pub fn window_date(&self) -> Option<NaiveDate> {
        (self.window_day != NO_DAY)
            .then(|| NaiveDate::from_num_days_from_ce_opt(self.window_day))
            .flatten()
    }

    /// The window date as days from the common era, for comparing many.
    pub fn window_day(&self) -> Option<i32> {
        (self.window_day != NO_DAY).then_some(self.window_day)
    }

    /// Price including shipping in minor units, when known.
    pub fn value(&self) -> Option<i64> {
        (self.value != NO_VALUE).then_some(self.value)
    }
    /// Shipped by freight with a carrier not integrated with Amazon.
    pub fn freight(&self) -> bool {
        self.flags & FREIGHT != 0
    }
    /// USPS in an envelope class (section 3).
    pub fn envelope(&self) -> bool {
        self.flags & ENVELOPE != 0
    }
    /// A Premium Shipping option (section 7).
    pub fn premium(&self) -> bool {
        self.flags & PREMIUM != 0
    }
    /// The window date is a ship or purchase date.
    pub fn by_fallback(&self) -> bool {
        self.flags & BY_FALLBACK != 0
    }
}

/// What the exclusions ask of one interned text.
#[derive(Clone, Copy, Debug, Default)]
struct TextFacts {
    amazon_channel: bool,
    not_shipped: bool,
    digital: bool,
    freight: bool,
    envelope_service: bool,
    envelope_type: bool,
    premium: bool,
}

/// Carrier facts depend only on the (carrier, carrier name) pair, of which
/// a file has a handful.
#[derive(Clone, Copy, Debug)]
struct CarrierFacts {
    verdict: CarrierVerdict,
    integrated: bool,
    usps: bool,
    label: u32,
}

/// Per-store tables: one entry per interned text.
#[derive(Clone, Debug, Default)]
struct StoreFacts {
    texts: Vec<TextFacts>,
    category: Vec<u32>,
    origin: Vec<u32>,
    carriers: FxHashMap<(Sym, Sym), CarrierFacts>,
}

/// The settings-free facts of every pooled package, parallel to
/// [`Dataset::order`], and the labels they point to.
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    facts: Vec<PackageFacts>,
    labels: Labels,
    fields: FieldSet,
    /// The dataset generation the facts are for.
    generation: u64,
    /// Tables of each store, kept so an added file works out only its own
    /// (the overlay's are made again: it changes as files are added).
    stores: Vec<Option<StoreFacts>>,
}

/// The names packages are counted under, each stored once.
#[derive(Debug, Default, Clone)]
struct Labels {
    categories: Interner,
    carriers: Interner,
    origins: Interner,
}

impl Prepared {
    /// Works out the facts of every package of `data`.
    pub fn new(data: &Dataset, registry: &Registry) -> Prepared {
        let mut p = Prepared {
            labels: Labels::default(),
            fields: data.fields(),
            facts: Vec::new(),
            generation: data.generation(),
            stores: Vec::new(),
        };
        p.facts.reserve_exact(data.len());
        let mut stores: Vec<Option<StoreFacts>> = (0..data.stores()).map(|_| None).collect();
        for &r in data.order() {
            let f = p.package(data, registry, r, &mut stores);
            p.facts.push(f);
        }
        p.keep(stores);
        p
    }

    /// Brings the facts up to date with `data` (read with the same
    /// registry): after a file was added, only its packages (and those it
    /// added rows to) are worked out; after anything else, all of them.
    pub fn update(&mut self, data: &Dataset, registry: &Registry) {
        let appended = match data.change() {
            Change::Appended { from, touched }
                if data.generation() == self.generation + 1
                    && data.fields() == self.fields
                    && self.facts.len() == *from =>
            {
                Some((*from, touched.clone()))
            }
            _ => None,
        };
        let Some((from, touched)) = appended else {
            *self = Prepared::new(data, registry);
            return;
        };
        let mut stores = std::mem::take(&mut self.stores);
        stores.resize_with(data.stores(), || None);
        let order = data.order();
        for pos in touched {
            if let Some(&r) = order.get(pos) {
                self.facts[pos] = self.package(data, registry, r, &mut stores);
            }
        }
        self.facts.reserve(order.len().saturating_sub(from));
        for &r in &order[from..] {
            let f = self.package(data, registry, r, &mut stores);
            self.facts.push(f);
        }
        self.generation = data.generation();
        self.keep(stores);
    }

    /// Keeps the segments' tables; the overlay's (the last store) changes
    /// with every file, so it is made again next time.
    fn keep(&mut self, mut stores: Vec<Option<StoreFacts>>) {
        stores.pop();
        self.stores = stores;
    }

    /// The facts of pooled package `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&PackageFacts> {
        self.facts.get(i)
    }

    /// Every package's facts, in pooled order.
    pub fn facts(&self) -> &[PackageFacts] {
        &self.facts
    }

    /// The fields the load maps.
    pub fn fields(&self) -> FieldSet {
        self.fields
    }

    /// The category a package is counted under, as the result names it.
    pub fn category_label(&self, id: u32) -> &str {
        self.labels.categories.get(Sym(id))
    }

    /// The carrier as a seller reads it (see [`carrier_label`]).
    pub fn carrier_label(&self, id: u32) -> &str {
        self.labels.carriers.get(Sym(id))
    }

    /// An origin country as written (trimmed).
    pub fn origin_label(&self, id: u32) -> &str {
        self.labels.origins.get(Sym(id))
    }

    /// How many category, carrier and origin labels there are.
    pub fn label_counts(&self) -> (usize, usize, usize) {
        (
            self.labels.categories.len(),
            self.labels.carriers.len(),
            self.labels.origins.len(),
        )
    }

    /// The category and carrier labels some package has, each sorted.
    pub fn used_labels(&self) -> (Vec<String>, Vec<String>) {
        let (n_cat, n_car, _) = self.label_counts();
        let mut cat = vec![false; n_cat];
        let mut car = vec![false; n_car];
        for batch in self.facts.chunks(crate::dataset::BATCH) {
            mark_used(batch, &mut cat, &mut car);
        }
        let names = |used: Vec<bool>, labels: &Interner| {
            let mut v: Vec<String> = used
                .iter()
                .enumerate()
                .filter(|(_, u)| **u)
                .map(|(i, _)| labels.get(Sym(i as u32)).to_string())
                .collect();
            v.sort();
            v
        };
        (
            names(cat, &self.labels.categories),
            names(car, &self.labels.carriers),
        )
    }

    /// The id of a category label, if any package has it.
    pub fn category_id(&self, label: &str) -> Option<u32> {
        (0..self.labels.categories.len() as u32)
            .find(|&i| self.labels.categories.get(Sym(i)) == label)
    }

    /// The id of a carrier label, if any package has it.
    pub fn carrier_id(&self, label: &str) -> Option<u32> {
        (0..self.labels.carriers.len() as u32).find(|&i| self.labels.carriers.get(Sym(i)) == label)
    }

    fn package(
        &mut self,
        data: &Dataset,
        registry: &Registry,
        r: PkgRef,
        stores: &mut [Option<StoreFacts>],
    ) -> PackageFacts {
        let s = data.store_of(r);
        let Some(input) = data.rule_input(r) else {
            return PackageFacts {
                value: NO_VALUE,
                window_day: NO_DAY,
                category: 0,
                carrier_label: 0,
                origin: 0,
                carrier: None,
                before_window: None,
                invalid: None,
                flags: 0,
            };
        };
        let syms = input.syms;
        let fields = self.fields;
        let labels = &mut self.labels;
        let sf = store_facts(labels, data, s, stores);
        let text = |t: Text| {
            sf.texts
                .get(syms[t as usize].index())
                .copied()
                .unwrap_or_default()
        };
        let pair = (
            syms[Text::Carrier as usize],
            syms[Text::CarrierName as usize],
        );
        let cf = *sf.carriers.entry(pair).or_insert_with(|| {
            let strings = data.strings(s);
            let carrier = strings.get(pair.0);
            let name = strings.get(pair.1);
            let verdict = carrier_verdict(carrier, name, registry);
            let label = carrier_label(carrier, name, verdict.recognised, registry);
            CarrierFacts {
                verdict,
                integrated: verdict
                    .recognised
                    .is_some_and(|id| registry.get(id).integrated),
                usps: verdict.recognised.is_some_and(|id| registry.is_usps(id)),
                label: labels.carriers.intern(&label).0,
            }
        });

        let before_window = if text(Text::Channel).amazon_channel {
            Some(Exclusion::AmazonFulfilled)
        } else if text(Text::Status).not_shipped {
            Some(Exclusion::NotShipped)
        } else if text(Text::ShipMethod).digital || text(Text::Category).digital {
            Some(Exclusion::Digital)
        } else {
            None
        };
        let day = |k: DateKind| input.days[k as usize];
        let (window_day, by_fallback) = match day(DateKind::Promised) {
            NO_DAY => {
                let d = match day(DateKind::Ship) {
                    NO_DAY => day(DateKind::Purchase),
                    d => d,
                };
                (d, d != NO_DAY)
            }
            d => (d, false),
        };
        let service = text(Text::ShipMethod);
        let option = text(Text::ShipOption);
        let mut flags = 0;
        if (service.freight || option.freight) && !cf.integrated {
            flags |= FREIGHT;
        }
        if cf.usps && (service.envelope_service || text(Text::PackageType).envelope_type) {
            flags |= ENVELOPE;
        }
        if option.premium || service.premium {
            flags |= PREMIUM;
        }
        if by_fallback {
            flags |= BY_FALLBACK;
        }
        let scan = if fields.has_scan_evidence() {
            input.scan
        } else {
            ScanEvidence::Unknown
        };
        // Keys and trackings were stored from text, so they are text.
        let written = std::str::from_utf8(input.written).unwrap_or("");
        let tracking = std::str::from_utf8(input.tracking).unwrap_or("");
        let invalid = if fields.has(Field::Carrier) {
            check_with(written, &cf.verdict, scan, registry)
        } else {
            // No carrier column: the carrier checks are skipped (and
            // reported as such); what the number alone shows still counts.
            validity::check_number_only(tracking, written, scan)
        };
        PackageFacts {
            value: input.value.unwrap_or(NO_VALUE),
            window_day,
            category: sf
                .category
                .get(syms[Text::Category as usize].index())
                .copied()
                .unwrap_or(0),
            carrier_label: cf.label,
            origin: sf
                .origin
                .get(syms[Text::Origin as usize].index())
                .copied()
                .unwrap_or(0),
            carrier: cf.verdict.recognised,
            before_window,
            invalid,
            flags,
        }
    }
}

fn store_facts<'s>(
    labels: &mut Labels,
    data: &Dataset,
    s: usize,
    stores: &'s mut [Option<StoreFacts>],
) -> &'s mut StoreFacts {
    let slot = &mut stores[s];
    if slot.is_none() {
        let strings = data.strings(s);
        let mut sf = StoreFacts::default();
        for t in strings.iter() {
            sf.texts.push(TextFacts {
                amazon_channel: exclusion::is_amazon_channel(t),
                not_shipped: exclusion::is_not_shipped(t),
                digital: exclusion::is_digital(t),
                freight: exclusion::mentions_freight(t),
                envelope_service: exclusion::is_envelope_service(t),
                envelope_type: exclusion::is_envelope_package_type(t),
                premium: exclusion::is_premium(t),
            });
            let cat = match t.trim() {
                "" => UNCATEGORISED,
                c => c,
            };
            sf.category.push(labels.categories.intern(cat).0);
            sf.origin.push(labels.origins.intern(t.trim()).0);
        }
        *slot = Some(sf);
    }
    slot.as_mut().expect("filled above")
}

#[inline(never)]
fn mark_used(batch: &[PackageFacts], cat: &mut [bool], car: &mut [bool]) {
    for f in batch {
        if let Some(u) = cat.get_mut(f.category as usize) {
            *u = true;
        }
        if let Some(u) = car.get_mut(f.carrier_label as usize) {
            *u = true;
        }
    }
}

/// The carrier as a seller reads it: the recognised name, else what was
/// written ("Other (name)" for a typed name), else "(none)".
pub fn carrier_label(
    carrier: &str,
    name: &str,
    recognised: Option<CarrierId>,
    registry: &Registry,
) -> String {
    if let Some(id) = recognised {
        return registry.get(id).name.clone();
    }
    match (carrier.trim(), name.trim()) {
        ("", "") => "(none)".to_string(),
        ("", n) => n.to_string(),
        (c, "") => c.to_string(),
        (c, n) if Registry::is_other(c) => format!("{c} ({n})"),
        (c, _) => c.to_string(),
    }
}
