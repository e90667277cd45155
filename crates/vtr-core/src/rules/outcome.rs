//! The outcome of the rules for one package ([`Verdict`]) and the rules
//! skipped for lack of a field.

use crate::mapping::{Field, FieldSet};
use crate::rules::exclusion::Exclusion;
use crate::rules::reason::Reason;
use crate::rules::validity::InvalidReason;
use serde::{Deserialize, Serialize};

/// The final word on one package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not counted, by the first exclusion that matched.
    Excluded(Exclusion),
    /// Counted, with invalid tracking, by the first failing check.
    Invalid(InvalidReason),
    /// Counted, with valid tracking.
    Valid,
}

/// A rule that could not run because no file maps a field it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRule {
    /// The exclusion or invalid reason whose check cannot run.
    pub rule: Reason,
    /// The fields of which none is mapped.
    pub needs: Vec<Field>,
}

/// Lists the rules skipped for lack of a field.
pub fn skipped_rules(fields: FieldSet) -> Vec<SkippedRule> {
    use Field::*;
    use InvalidReason as I;
    let x = Reason::Excluded;
    let i = Reason::Invalid;
    let needs_any = |rule: Reason, any: &[Field]| -> Option<SkippedRule> {
        (!any.iter().any(|&f| fields.has(f))).then(|| SkippedRule {
            rule,
            needs: any.to_vec(),
        })
    };
    let rules = [
        needs_any(x(Exclusion::AmazonFulfilled), &[FulfillmentChannel]),
        needs_any(x(Exclusion::NotShipped), &[OrderStatus]),
        needs_any(x(Exclusion::Digital), &[ShipMethod, Category]),
        needs_any(
            x(Exclusion::OutsideWindow),
            &[PromisedDeliveryDate, ShipDate, PurchaseDate],
        ),
        needs_any(
            x(Exclusion::FreightNonIntegrated),
            &[ShipMethod, ShipOption],
        ),
        needs_any(x(Exclusion::SmallEnvelope), &[ShipMethod, PackageType]),
        needs_any(
            x(Exclusion::SmallEnvelope),
            &[PackageValue, ItemPrice, ShippingPrice],
        ),
        needs_any(
            x(Exclusion::InternationalLowValue),
            &[PackageValue, ItemPrice, ShippingPrice],
        ),
        needs_any(i(I::MissingCarrier), &[Carrier]),
        needs_any(i(I::NoCarrierScan), &[FirstScanDate, TrackingFlag]),
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
            i(I::ChineseCarrierName),
            i(I::UnsupportedCarrier),
            i(I::OtherWithListedCarrier),
            i(I::CarrierMismatch),
            x(Exclusion::SmallEnvelope),
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
