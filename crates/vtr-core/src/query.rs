//! Finding packages in a result: the package list's filters and search.
//! Kept in the engine so it is tested natively and stays fast at 200,000
//! packages: a filter is a pass over indices, never a copy of packages.

use crate::analysis::Analysis;
use crate::dataset::Dataset;
use crate::rules::exclusion::Exclusion;
use crate::rules::outcome::Verdict;
use crate::rules::reason::Reason;
use crate::rules::validity::InvalidReason;
use serde::{Deserialize, Serialize};

/// Which verdicts to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    /// Every package.
    #[default]
    All,
    /// Packages that count and have valid tracking.
    Valid,
    /// Packages that count and have invalid tracking.
    Invalid,
    /// Packages not counted.
    Excluded,
}

/// A reason to filter by: an exclusion or an invalid reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonFilter {
    /// Packages excluded for this reason.
    Excluded(Exclusion),
    /// Packages invalid for this reason.
    Invalid(InvalidReason),
}

impl ReasonFilter {
    /// Parses an exclusion or invalid-reason key; a warning's key is not a
    /// filter, since warned packages are counted as usual.
    pub fn from_key(key: &str) -> Option<ReasonFilter> {
        match Reason::from_key(key)? {
            Reason::Excluded(e) => Some(ReasonFilter::Excluded(e)),
            Reason::Invalid(r) => Some(ReasonFilter::Invalid(r)),
            Reason::Warning(_) => None,
        }
    }

    /// The reason this filter selects, for its texts.
    pub fn reason(self) -> Reason {
        match self {
            ReasonFilter::Excluded(e) => Reason::Excluded(e),
            ReasonFilter::Invalid(r) => Reason::Invalid(r),
        }
    }

    /// The spec's key of the reason, as [`ReasonFilter::from_key`] reads it
    /// back.
    pub fn key(self) -> &'static str {
        self.reason().key()
    }
}

/// Every filter of the package list; all of them must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageFilter {
    /// Which verdicts to show.
    pub status: StatusFilter,
    /// One exclusion or invalid reason only; `None` for any.
    pub reason: Option<ReasonFilter>,
    /// A category as shown (`(uncategorised)` for none).
    pub category: Option<String>,
    /// A carrier label as shown.
    pub carrier: Option<String>,
    /// Part of an order id or tracking number, any case, spaces and hyphens ignored.
    pub search: String,
}

/// The category of package `i` as shown.
pub fn category_of(analysis: &Analysis, i: usize) -> &str {
    analysis.category(i)
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Indices of the packages that match, in file order.
pub fn filter(data: &Dataset, analysis: &Analysis, f: &PackageFilter) -> Vec<u32> {
    let needle = squash(&f.search);
    let prep = &analysis.prepared;
    // A name no package has matches nothing.
    let category = f.category.as_ref().map(|c| prep.category_id(c));
    let carrier = f.carrier.as_ref().map(|c| prep.carrier_id(c));
    if matches!(category, Some(None)) || matches!(carrier, Some(None)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, (&v, facts)) in analysis.verdicts.iter().zip(prep.facts()).enumerate() {
        let status_ok = match f.status {
            StatusFilter::All => true,
            StatusFilter::Valid => v == Verdict::Valid,
            StatusFilter::Invalid => matches!(v, Verdict::Invalid(_)),
            StatusFilter::Excluded => matches!(v, Verdict::Excluded(_)),
        };
        if !status_ok {
            continue;
        }
        match f.reason {
            Some(ReasonFilter::Excluded(e)) if v != Verdict::Excluded(e) => continue,
            Some(ReasonFilter::Invalid(r)) if v != Verdict::Invalid(r) => continue,
            _ => {}
        }
        if category.is_some_and(|c| c != Some(facts.category)) {
            continue;
        }
        if carrier.is_some_and(|c| c != Some(facts.carrier_label)) {
            continue;
        }
        if !needle.is_empty() {
            let Some(p) = data.package(i) else { continue };
            if !squash(p.order_id).contains(&needle)
                && !p.tracking.contains(&needle)
                && !squash(p.tracking_as_written()).contains(&needle)
            {
                continue;
            }
        }
        out.push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    out
}
