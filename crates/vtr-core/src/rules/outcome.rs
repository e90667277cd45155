//! One verdict per package: excluded (and why), invalid (and why) or valid.
//!
//! The parts of a verdict that do not depend on the window are computed
//! once per package ([`Facts`]); the window is applied last
//! ([`Facts::verdict`]), which is what lets the trend chart slide the
//! window over every day without re-running the rules.

use crate::carrier::{CarrierId, Registry};
use crate::mapping::Field;
use crate::package::{DateKind, Interner, Package, Sym, Text};
use crate::rules::exclusion::{self, Exclusion};
use crate::rules::validity::{self, InvalidReason, ScanEvidence, TrackingFacts};
use crate::settings::Settings;
use crate::window::Window;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Which fields at least one loaded file maps. A rule whose field no file
/// has is skipped, and the result says so (section 9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSet(u32);

impl FieldSet {
    pub fn insert(&mut self, f: Field) {
        self.0 |= 1 << (f as u32);
    }
    pub fn has(self, f: Field) -> bool {
        self.0 & (1 << (f as u32)) != 0
    }
    pub fn any_date(self) -> bool {
        self.has(Field::ShipDate)
            || self.has(Field::PromisedDeliveryDate)
            || self.has(Field::PurchaseDate)
    }
    pub fn has_value(self) -> bool {
        self.has(Field::PackageValue)
            || self.has(Field::ItemPrice)
            || self.has(Field::ShippingPrice)
    }
    pub fn has_scan_evidence(self) -> bool {
        self.has(Field::FirstScanDate) || self.has(Field::TrackingFlag)
    }
}

/// The final word on one package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum Verdict {
    Excluded(Exclusion),
    Invalid(InvalidReason),
    Valid,
}

/// Everything about a package that does not depend on the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Amazon-fulfilled, not shipped or digital: decided before the window.
    pub before_window: Option<Exclusion>,
    /// Freight, small envelope or international low value: after the window.
    pub after_window: Option<Exclusion>,
    pub invalid: Option<InvalidReason>,
    /// Promised delivery date, else ship date, else purchase date.
    pub window_date: Option<NaiveDate>,
    /// The window date is a ship or purchase date.
    pub by_fallback: bool,
    pub premium: bool,
    /// Reached the small-envelope or international check, would be
    /// excluded by a low value, and has none.
    pub value_unknown: bool,
    /// The carrier the package is recognised as.
    pub carrier: Option<CarrierId>,
}

impl Facts {
    /// Applies the window: first match wins, in the order of section 3.
    pub fn verdict(&self, window: &Window, dates_mapped: bool) -> Verdict {
        if let Some(e) = self.before_window {
            return Verdict::Excluded(e);
        }
        if window.applied && dates_mapped {
            match self.window_date {
                None => return Verdict::Excluded(Exclusion::Undated),
                Some(d) if !window.contains(d) => {
                    return Verdict::Excluded(Exclusion::OutsideWindow)
                }
                Some(_) => {}
            }
        }
        if let Some(e) = self.after_window {
            return Verdict::Excluded(e);
        }
        match self.invalid {
            Some(r) => Verdict::Invalid(r),
            None => Verdict::Valid,
        }
    }
}

/// What the rules need besides the package.
pub struct Rules<'a> {
    pub settings: &'a Settings,
    pub registry: &'a Registry,
    pub interner: &'a Interner,
    pub fields: FieldSet,
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
    foreign_origin: bool,
}

/// Carrier facts depend only on the (carrier, carrier name) pair, of which
/// a file has a handful: they are looked up once per pair.
#[derive(Clone, Copy)]
struct CarrierFacts {
    recognised: Option<CarrierId>,
    integrated: bool,
    usps: bool,
}

impl Rules<'_> {
    /// The window-independent facts of every package, in order.
    pub fn facts(&self, packages: &[Package]) -> Vec<Facts> {
        let mut cache: FxHashMap<(Sym, Sym), CarrierFacts> = FxHashMap::default();
        let texts = self.text_facts();
        packages
            .iter()
            .map(|p| {
                let key = (p.text(Text::Carrier), p.text(Text::CarrierName));
                let cf = *cache
                    .entry(key)
                    .or_insert_with(|| self.carrier_facts(key.0, key.1));
                self.package_facts(p, cf, &texts)
            })
            .collect()
    }

    /// The text predicates of every interned string, computed once: a
    /// file has a handful of distinct channels, statuses and services, and
    /// lower-casing them per package was half the time of the rules.
    fn text_facts(&self) -> Vec<TextFacts> {
        (0..self.interner.len())
            .map(|i| {
                let t = self.interner.get(Sym(u32::try_from(i).unwrap_or(u32::MAX)));
                TextFacts {
                    amazon_channel: exclusion::is_amazon_channel(t),
                    not_shipped: exclusion::is_not_shipped(t),
                    digital: exclusion::is_digital(t),
                    freight: exclusion::mentions_freight(t),
                    envelope_service: exclusion::is_envelope_service(t),
                    envelope_type: exclusion::is_envelope_package_type(t),
                    premium: exclusion::is_premium(t),
                    foreign_origin: self.foreign_origin(t),
                }
            })
            .collect()
    }

    fn carrier_facts(&self, carrier: Sym, name: Sym) -> CarrierFacts {
        let facts = TrackingFacts {
            tracking: "",
            carrier: self.interner.get(carrier),
            carrier_name: self.interner.get(name),
            scan: ScanEvidence::Unknown,
        };
        let recognised = validity::recognise(&facts, self.registry);
        CarrierFacts {
            recognised,
            integrated: recognised.is_some_and(|id| self.registry.get(id).integrated),
            usps: recognised.is_some_and(|id| self.registry.is_usps(id)),
        }
    }

    fn package_facts(&self, p: &Package, cf: CarrierFacts, texts: &[TextFacts]) -> Facts {
        let text = |t: Text| texts.get(p.text(t).0 as usize).copied().unwrap_or_default();
        let s = self.settings;

        let before_window = if text(Text::Channel).amazon_channel {
            Some(Exclusion::AmazonFulfilled)
        } else if text(Text::Status).not_shipped {
            Some(Exclusion::NotShipped)
        } else if text(Text::ShipMethod).digital || text(Text::Category).digital {
            Some(Exclusion::Digital)
        } else {
            None
        };

        let (window_date, by_fallback) = match p.date(DateKind::Promised) {
            Some(d) => (Some(d), false),
            None => {
                let d = p.date(DateKind::Ship).or(p.date(DateKind::Purchase));
                (d, d.is_some())
            }
        };

        let service = text(Text::ShipMethod);
        let option = text(Text::ShipOption);
        let value = p.value();
        let mut value_unknown = false;
        let after_window = if (service.freight || option.freight) && !cf.integrated {
            Some(Exclusion::FreightNonIntegrated)
        } else {
            let envelope =
                cf.usps && (service.envelope_service || text(Text::PackageType).envelope_type);
            let international = s.international || text(Text::Origin).foreign_origin;
            if envelope && value.is_none() {
                value_unknown = true;
            }
            if envelope && value.is_some_and(|v| v < s.small_envelope_limit) {
                Some(Exclusion::SmallEnvelope)
            } else if international && value.is_some_and(|v| v <= s.international_limit) {
                Some(Exclusion::InternationalLowValue)
            } else {
                if international && value.is_none() {
                    value_unknown = true;
                }
                None
            }
        };

        Facts {
            before_window,
            after_window,
            invalid: self.invalid_reason(p),
            window_date,
            by_fallback,
            premium: option.premium || service.premium,
            value_unknown: value_unknown && before_window.is_none(),
            carrier: cf.recognised,
        }
    }

    fn foreign_origin(&self, origin: &str) -> bool {
        let origin = origin.trim();
        !origin.is_empty() && !origin.eq_ignore_ascii_case(self.settings.marketplace.trim())
    }

    fn invalid_reason(&self, p: &Package) -> Option<InvalidReason> {
        let scan = if self.fields.has_scan_evidence() {
            p.scan
        } else {
            ScanEvidence::Unknown
        };
        if self.fields.has(Field::Carrier) {
            return validity::check(
                &TrackingFacts {
                    tracking: p.tracking_as_written(),
                    carrier: self.interner.get(p.text(Text::Carrier)),
                    carrier_name: self.interner.get(p.text(Text::CarrierName)),
                    scan,
                },
                self.registry,
            );
        }
        // No carrier column: the carrier checks are skipped (and reported as
        // such); what the number alone can show still counts.
        let written = p.tracking_as_written();
        if p.tracking.is_empty() || validity::is_placeholder(written) {
            return Some(InvalidReason::MissingTracking);
        }
        if validity::is_spreadsheet_mangled(written) {
            return Some(InvalidReason::SpreadsheetMangled);
        }
        let t = &p.tracking;
        if !(8..=40).contains(&t.len())
            || !t
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Some(InvalidReason::MalformedTracking);
        }
        (scan == ScanEvidence::NotScanned).then_some(InvalidReason::NoCarrierScan)
    }
}

/// A rule that could not run because no file maps a field it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRule {
    /// The exclusion or invalid-reason key.
    pub rule: &'static str,
    /// The fields of which none is mapped.
    pub needs: Vec<Field>,
}

/// Lists the rules skipped for lack of a field.
pub fn skipped_rules(fields: FieldSet) -> Vec<SkippedRule> {
    use Field::*;
    let needs_any = |rule: &'static str, any: &[Field]| -> Option<SkippedRule> {
        (!any.iter().any(|&f| fields.has(f))).then(|| SkippedRule {
            rule,
            needs: any.to_vec(),
        })
    };
    let rules = [
        needs_any("amazon_fulfilled", &[FulfillmentChannel]),
        needs_any("not_shipped", &[OrderStatus]),
        needs_any("digital", &[ShipMethod, Category]),
        needs_any(
            "outside_window",
            &[PromisedDeliveryDate, ShipDate, PurchaseDate],
        ),
        needs_any("freight_non_integrated", &[ShipMethod, ShipOption]),
        needs_any("small_envelope", &[ShipMethod, PackageType]),
        needs_any("small_envelope", &[PackageValue, ItemPrice, ShippingPrice]),
        needs_any(
            "international_low_value",
            &[PackageValue, ItemPrice, ShippingPrice],
        ),
        needs_any("missing_carrier", &[Carrier]),
        needs_any("no_carrier_scan", &[FirstScanDate, TrackingFlag]),
    ];
    let mut out: Vec<SkippedRule> = Vec::new();
    for r in rules.into_iter().flatten() {
        match out.iter_mut().find(|o| o.rule == r.rule) {
            Some(o) => o.needs.extend(r.needs),
            None => out.push(r),
        }
    }
    if !fields.has(Carrier) {
        for rule in [
            "chinese_carrier_name",
            "unsupported_carrier",
            "other_with_listed_carrier",
            "carrier_mismatch",
            "small_envelope",
        ] {
            if !out.iter().any(|o| o.rule == rule) {
                out.push(SkippedRule {
                    rule,
                    needs: vec![Carrier],
                });
            }
        }
    }
    out
}
