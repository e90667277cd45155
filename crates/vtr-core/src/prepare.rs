//! What the rules find about each pooled package that no setting changes:
//! the exclusions decided before the window, the carrier, the category and
//! whether the tracking is valid. Worked out once per load (and per carrier
//! edit), so a settings change only re-counts ([`crate::analysis`]).
//!
//! Text predicates and carrier checks are computed once per interned text
//! or carrier pair of each store, never per package.

use crate::carrier::{CarrierId, Registry};
use crate::dataset::{Dataset, PkgRef};
use crate::intern::{Interner, Sym};
use crate::mapping::Field;
use crate::package::{DateKind, Text};
use crate::result::UNCATEGORISED;
use crate::rules::exclusion::{self, Exclusion};
use crate::rules::outcome::FieldSet;
use crate::rules::validity::{
    self, carrier_verdict, check_with, CarrierVerdict, InvalidReason, ScanEvidence,
};
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
    /// Promised delivery date, else ship date, else purchase date.
    pub window_date: Option<NaiveDate>,
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
    pub invalid: Option<InvalidReason>,
    flags: u8,
}

impl PackageFacts {
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
#[derive(Clone, Copy)]
struct CarrierFacts {
    verdict: CarrierVerdict,
    integrated: bool,
    usps: bool,
    label: u32,
}

/// Per-store tables: one entry per interned text.
#[derive(Default)]
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
        };
        p.facts.reserve_exact(data.len());
        let mut stores: Vec<Option<StoreFacts>> = (0..data.stores()).map(|_| None).collect();
        for &r in data.order() {
            let f = p.package(data, registry, r, &mut stores);
            p.facts.push(f);
        }
        p
    }

    /// The facts of pooled package `i`.
    pub fn get(&self, i: usize) -> Option<&PackageFacts> {
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
        let syms = data.syms(r);
        let Some(view) = data.view(r) else {
            return PackageFacts {
                value: NO_VALUE,
                window_date: None,
                category: 0,
                carrier_label: 0,
                origin: 0,
                carrier: None,
                before_window: None,
                invalid: None,
                flags: 0,
            };
        };
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
        let (window_date, by_fallback) = match view.date(DateKind::Promised) {
            Some(d) => (Some(d), false),
            None => {
                let d = view.date(DateKind::Ship).or(view.date(DateKind::Purchase));
                (d, d.is_some())
            }
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
            view.scan
        } else {
            ScanEvidence::Unknown
        };
        let invalid = if fields.has(Field::Carrier) {
            check_with(view.tracking_written, &cf.verdict, scan, registry)
        } else {
            // No carrier column: the carrier checks are skipped (and
            // reported as such); what the number alone shows still counts.
            validity::check_number_only(view.tracking, view.tracking_written, scan)
        };
        PackageFacts {
            value: view.value.unwrap_or(NO_VALUE),
            window_date,
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
