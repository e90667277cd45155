//! Columns found by their contents: when no header names the order id or
//! the tracking number, the column whose values look like one is taken,
//! and the file's report says so ([`Inferred`]), never silently.
//!
//! - **Tracking number**: most values pass a tracking format of the carrier
//!   registry's table ([`Format::ALL`], check digit included), or are
//!   numbers a spreadsheet damaged (`9.40011E+21`).
//! - **Order id**: most values are Amazon's `3-7-7` ids; failing that, a
//!   column of identifiers whose header names an order (`Order Ref`,
//!   `Bestellnummer`, `订单`...).
//!
//! "Most" is at least 60% of the values sampled that are not empty (every
//! one of them when fewer than five are), out of the first
//! [`SAMPLE_ROWS`] rows.
//!
//! A forwarder returns two numbers: its own waybill (YunExpress `YT...`,
//! `4PX...`) and the last-mile carrier's number, which is the one Amazon
//! can track. When both are in the file, the last-mile column is taken,
//! even over a header that names the waybill as the tracking number, and
//! the report names the column passed over ([`Inferred::passed_over`]).

use crate::carrier::{normalize_tracking, Format};
use crate::mapping::{fold_header, Field, Mapping};
use crate::value::tracking::{is_placeholder, is_spreadsheet_mangled};

/// How many data rows are looked at before the columns are decided.
pub const SAMPLE_ROWS: usize = 200;

/// A field whose column was found by its contents, not by its header.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Inferred {
    /// The field: [`Field::OrderId`] or [`Field::TrackingNumber`].
    pub field: Field,
    /// The column taken, an index into the file's headers.
    pub column: usize,
    /// What its values showed.
    pub evidence: Evidence,
    /// A column of a forwarder's own waybill numbers that was passed over
    /// for this one, the last-mile number Amazon can track (it may be the
    /// column a header named as the tracking number).
    #[serde(default)]
    pub passed_over: Option<usize>,
}

/// What a column's values showed, counted over the sampled rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// `matched` of `sampled` values pass a carrier's tracking format.
    CarrierFormats {
        /// Values that pass.
        matched: u32,
        /// Values looked at (not empty, not a placeholder such as N/A).
        sampled: u32,
    },
    /// `matched` of `sampled` values are Amazon order ids (`3-7-7`).
    AmazonOrderIds {
        /// Values that are.
        matched: u32,
        /// Values looked at (not empty).
        sampled: u32,
    },
    /// The header names an order and `matched` of `sampled` values are
    /// identifiers (letters and digits, no spaces).
    OrderHeader {
        /// Values that are.
        matched: u32,
        /// Values looked at (not empty).
        sampled: u32,
    },
}

impl Evidence {
    /// The evidence in English, as `vtr` prints it.
    pub fn describe(self) -> String {
        match self {
            Evidence::CarrierFormats { matched, sampled } => {
                format!("{matched} of {sampled} values are carrier tracking numbers")
            }
            Evidence::AmazonOrderIds { matched, sampled } => {
                format!("{matched} of {sampled} values are Amazon order ids")
            }
            Evidence::OrderHeader { matched, sampled } => format!(
                "its header names an order and {matched} of {sampled} values are identifiers"
            ),
        }
    }
}

/// Whether `k` of `n` values are "most" of them (see the module's notes).
fn most(k: u32, n: u32) -> bool {
    n > 0 && if n < 5 { k == n } else { k * 5 >= n * 3 }
}

/// Words a header that names an order holds (folded, see [`fold_header`]).
const ORDER_WORDS: &[&str] = &[
    "order",
    "订单",
    "注文",
    "bestell",
    "auftrag",
    "commande",
    "pedido",
    "ordine",
    "zamowien",
    "bestelling",
    "siparis",
];

/// Words that say a header holds a number or id.
const ID_WORDS: &[&str] = &[
    "id", "no", "nr", "num", "number", "ref", "code", "key", "号", "番号", "nummer", "numero",
];

/// Words in a header that says its column holds some tracking or waybill
/// number: a file with one beside the column it maps is sampled, in case
/// that is the last-mile number.
const NUMBER_WORDS: &[&str] = &[
    "track", "waybill", "awb", "单号", "伝票", "lastmile", "转单", "換單", "换单",
];

/// Whether the columns of a file with these headers, mapped like this,
/// need a look at its rows: a required field is missing, or some column
/// the mapping leaves out names a tracking or waybill number.
pub fn wants_sample(headers: &[&str], mapping: &Mapping) -> bool {
    if !mapping.missing_required().is_empty() {
        return true;
    }
    let used: Vec<usize> = mapping.mapped().iter().map(|&(_, c)| c).collect();
    headers.iter().enumerate().any(|(i, h)| {
        !used.contains(&i) && {
            let f = fold_header(h);
            NUMBER_WORDS.iter().any(|w| f.contains(w))
        }
    })
}

/// What a column's tracking-like values are.
#[derive(Clone, Copy, Debug, Default)]
struct TrackingStats {
    sampled: u32,
    /// Pass a last-mile carrier's format, or were damaged by a spreadsheet.
    last_mile: u32,
    /// A forwarder's own waybill (`YT...`, `4PX...`).
    waybill: u32,
}

/// Formats that are a forwarder's own number, not the last mile's.
const WAYBILL_FORMATS: [Format; 1] = [Format::YunExpressYt];

/// Formats too loose to tell a tracking number from another number: any
/// 14 digits pass DHL eCommerce's, an Amazon order-item id among them.
const LOOSE_FORMATS: [Format; 1] = [Format::DhlEcom14];

fn tracking_stats(values: &[&str]) -> TrackingStats {
    let mut s = TrackingStats::default();
    for v in values {
        if is_placeholder(v) {
            continue;
        }
        s.sampled += 1;
        if is_spreadsheet_mangled(v) {
            s.last_mile += 1;
            continue;
        }
        let n = normalize_tracking(v);
        let b = n.as_bytes();
        if b.len() < 8 || b.len() > 40 || !b.iter().all(u8::is_ascii_alphanumeric) {
            continue;
        }
        let mut any = false;
        let mut last_mile = false;
        for f in Format::ALL {
            if !LOOSE_FORMATS.contains(&f) && f.matches(b) {
                any = true;
                if !WAYBILL_FORMATS.contains(&f) {
                    last_mile = true;
                    break;
                }
            }
        }
        if last_mile {
            s.last_mile += 1;
        } else if any || b.starts_with(b"4PX") {
            s.waybill += 1;
        }
    }
    s
}

/// Amazon's order id: 3 digits, 7 digits, 7 digits, with hyphens.
fn is_amazon_order_id(v: &str) -> bool {
    let b = v.trim().as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            3 | 11 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// An identifier: 3 to 40 letters, digits and `- _ # / .`, with a digit,
/// no spaces.
fn is_identifier(v: &str) -> bool {
    let t = v.trim();
    (3..=40).contains(&t.chars().count())
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '#' | '/' | '.'))
}

fn order_like(header: &str) -> Option<bool> {
    let f = fold_header(header);
    ORDER_WORDS
        .iter()
        .any(|w| f.contains(w))
        .then(|| ID_WORDS.iter().any(|w| f.contains(w)))
}

/// Finds the order id and tracking number columns a mapping lacks from
/// the sampled rows (`rows[r][c]` is cell `c` of row `r`), and checks a
/// tracking column that holds a forwarder's waybill. `fixed` are fields
/// the seller set or unset, which are never changed. Returns the mapping
/// with what was found, and what was found.
pub fn infer(
    headers: &[&str],
    mapping: &Mapping,
    fixed: &[Field],
    rows: &[Vec<&str>],
) -> (Mapping, Vec<Inferred>) {
    let mut m = mapping.clone();
    let mut found = Vec::new();
    let width = headers.len();
    let column = |c: usize| -> Vec<&str> {
        rows.iter()
            .map(|r| r.get(c).copied().unwrap_or("").trim())
            .collect()
    };
    // Columns the headers gave to other fields are not candidates.
    let taken = |m: &Mapping, except: Field| -> Vec<usize> {
        m.mapped()
            .into_iter()
            .filter(|&(f, _)| f != except)
            .map(|(_, c)| c)
            .collect()
    };

    if m.column(Field::OrderId).is_none() && !fixed.contains(&Field::OrderId) {
        let busy = taken(&m, Field::OrderId);
        let mut best: Option<(usize, Evidence, (u32, u32))> = None;
        for c in (0..width).filter(|c| !busy.contains(c)) {
            let values: Vec<&str> = column(c).into_iter().filter(|v| !v.is_empty()).collect();
            let n = values.len() as u32;
            let k = values.iter().filter(|v| is_amazon_order_id(v)).count() as u32;
            if most(k, n) && best.is_none_or(|(_, _, (bk, bn))| k * bn > bk * n) {
                let e = Evidence::AmazonOrderIds {
                    matched: k,
                    sampled: n,
                };
                best = Some((c, e, (k, n)));
            }
        }
        if best.is_none() {
            // Identifiers under a header that names an order; one that
            // also says "number" or "id" first.
            let mut named: Option<(usize, Evidence, bool)> = None;
            for c in (0..width).filter(|c| !busy.contains(c)) {
                let Some(id_word) = order_like(headers[c]) else {
                    continue;
                };
                let all = column(c);
                let values: Vec<&str> = all.iter().copied().filter(|v| !v.is_empty()).collect();
                let n = values.len() as u32;
                let k = values.iter().filter(|v| is_identifier(v)).count() as u32;
                let filled = n * 5 >= all.len() as u32 * 3;
                // A column of tracking numbers is no order id, whatever
                // its header says ("Order Tracking No").
                let tracking = tracking_stats(&all);
                let is_tracking = most(tracking.last_mile + tracking.waybill, tracking.sampled);
                if filled
                    && !is_tracking
                    && most(k, n)
                    && named.is_none_or(|(_, _, w)| id_word && !w)
                {
                    let e = Evidence::OrderHeader {
                        matched: k,
                        sampled: n,
                    };
                    named = Some((c, e, id_word));
                }
            }
            best = named.map(|(c, e, _)| (c, e, (0, 0)));
        }
        if let Some((c, evidence, _)) = best {
            m.set(Field::OrderId, Some(c));
            found.push(Inferred {
                field: Field::OrderId,
                column: c,
                evidence,
                passed_over: None,
            });
        }
    }

    if !fixed.contains(&Field::TrackingNumber) {
        let named = m.column(Field::TrackingNumber);
        let busy = taken(&m, Field::TrackingNumber);
        // A header that names an order (`order-item-id`) holds no
        // tracking number unless it says so (`Order Tracking No`).
        let orderish = |c: usize| {
            order_like(headers[c]).is_some() && {
                let f = fold_header(headers[c]);
                !NUMBER_WORDS.iter().any(|w| f.contains(w))
            }
        };
        let stats: Vec<(usize, TrackingStats)> = (0..width)
            .filter(|&c| !busy.contains(&c) && !orderish(c))
            .map(|c| (c, tracking_stats(&column(c))))
            .collect();
        let share = |k: u32, n: u32| (k, n);
        let better = |a: (u32, u32), b: (u32, u32)| a.0 * b.1 > b.0 * a.1;
        // The last-mile column with the largest share passing.
        let last_mile = stats
            .iter()
            .filter(|(c, s)| Some(*c) != named && most(s.last_mile, s.sampled))
            .fold(None::<(usize, TrackingStats)>, |acc, &(c, s)| match acc {
                Some((_, a))
                    if !better(share(s.last_mile, s.sampled), share(a.last_mile, a.sampled)) =>
                {
                    acc
                }
                _ => Some((c, s)),
            });
        let waybill = |skip: Option<usize>| {
            stats
                .iter()
                .find(|(c, s)| Some(*c) != skip && most(s.waybill, s.sampled))
                .map(|&(c, _)| c)
        };
        match named {
            None => {
                // Last-mile numbers first; else any tracking numbers.
                let any = stats
                    .iter()
                    .filter(|(_, s)| most(s.last_mile + s.waybill, s.sampled))
                    .fold(None::<(usize, TrackingStats)>, |acc, &(c, s)| match acc {
                        Some((_, a))
                            if !better(
                                share(s.last_mile + s.waybill, s.sampled),
                                share(a.last_mile + a.waybill, a.sampled),
                            ) =>
                        {
                            acc
                        }
                        _ => Some((c, s)),
                    });
                let pick = last_mile
                    .map(|(c, s)| (c, s, waybill(Some(c))))
                    .or(any.map(|(c, s)| (c, s, None)));
                if let Some((c, s, passed_over)) = pick {
                    m.set(Field::TrackingNumber, Some(c));
                    found.push(Inferred {
                        field: Field::TrackingNumber,
                        column: c,
                        evidence: Evidence::CarrierFormats {
                            matched: s.last_mile + s.waybill,
                            sampled: s.sampled,
                        },
                        passed_over,
                    });
                }
            }
            Some(t) => {
                // A header named a forwarder's waybill as the tracking
                // number while another column holds the last mile's.
                let ts = tracking_stats(&column(t));
                let is_waybill = most(ts.waybill, ts.sampled) && !most(ts.last_mile, ts.sampled);
                if let (true, Some((c, s))) = (is_waybill, last_mile) {
                    m.set(Field::TrackingNumber, Some(c));
                    found.push(Inferred {
                        field: Field::TrackingNumber,
                        column: c,
                        evidence: Evidence::CarrierFormats {
                            matched: s.last_mile,
                            sampled: s.sampled,
                        },
                        passed_over: Some(t),
                    });
                }
            }
        }
    }
    (m, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(is_amazon_order_id(" 111-4471920-3301404 "));
        assert!(!is_amazon_order_id("111-4471920-330140"));
        assert!(!is_amazon_order_id("14-12345-67890"));
        assert!(is_identifier("XMHDUNR08723"));
        assert!(is_identifier("#1001"));
        assert!(!is_identifier("12 34"));
        assert!(!is_identifier("abc"));
        assert!(most(2, 2) && !most(1, 2) && most(3, 5) && !most(2, 5) && !most(0, 0));
    }

    #[test]
    fn waybills_are_told_from_last_mile_numbers() {
        let s = tracking_stats(&["YT2629100123456793", "4PX3001234567891CN", "", "N/A"]);
        assert_eq!((s.sampled, s.waybill, s.last_mile), (2, 2, 0));
        let s = tracking_stats(&["1Z999AA10123456784", "9.40011E+21", "hello"]);
        assert_eq!((s.sampled, s.waybill, s.last_mile), (3, 0, 2));
    }
}
