//! The outcome of the rules for one package ([`Verdict`]), which fields a
//! load maps ([`FieldSet`]), and the rules skipped for lack of a field.

use crate::mapping::Field;
use crate::rules::exclusion::Exclusion;
use crate::rules::validity::InvalidReason;
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
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Excluded(Exclusion),
    Invalid(InvalidReason),
    Valid,
}

/// A rule that could not run because no file maps a field it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRule {
    /// The exclusion or invalid-reason key.
    pub rule: String,
    /// The fields of which none is mapped.
    pub needs: Vec<Field>,
}

/// Lists the rules skipped for lack of a field.
pub fn skipped_rules(fields: FieldSet) -> Vec<SkippedRule> {
    use Field::*;
    let needs_any = |rule: &'static str, any: &[Field]| -> Option<SkippedRule> {
        (!any.iter().any(|&f| fields.has(f))).then(|| SkippedRule {
            rule: rule.to_string(),
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
                    rule: rule.to_string(),
                    needs: vec![Carrier],
                });
            }
        }
    }
    out
}
