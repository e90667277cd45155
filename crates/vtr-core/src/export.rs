//! Package lists as CSV for a spreadsheet, defused against formula
//! injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR is
//! prefixed with `'` so a spreadsheet shows it instead of running it.

use crate::analysis::Analysis;
use crate::carrier::Registry;
use crate::dataset::Dataset;
use crate::package::Text;
use crate::rules::exclusion::Exclusion;
use crate::rules::outcome::Verdict;
use crate::rules::validity::InvalidReason;

/// Which packages to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Invalid,
    All,
}

pub const HEADER: [&str; 11] = [
    "order_id",
    "tracking",
    "carrier",
    "carrier_recognised",
    "category",
    "window_date",
    "status",
    "reason",
    "explanation",
    "fix",
    "source",
];

/// Makes a cell safe to open in a spreadsheet.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// What a verdict means, in a sentence a seller understands.
pub fn explanation(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "Valid tracking.",
        Verdict::Excluded(e) => match e {
            Exclusion::AmazonFulfilled => "Fulfilled by Amazon: VTR does not count it.",
            Exclusion::NotShipped => "Not shipped (cancelled or pending): not counted.",
            Exclusion::Digital => "Digital product: not counted.",
            Exclusion::Undated => {
                "No promised delivery, ship or purchase date: cannot be placed in the window."
            }
            Exclusion::OutsideWindow => "Its date is outside the 30-day window: not counted now.",
            Exclusion::FreightNonIntegrated => {
                "Freight with a carrier not integrated with Amazon: not counted."
            }
            Exclusion::SmallEnvelope => "USPS letter or flat under $10.00: not counted.",
            Exclusion::InternationalLowValue => {
                "International order of $5.00 or less: not counted."
            }
        },
        Verdict::Invalid(r) => match r {
            InvalidReason::MissingTracking => "No tracking number was confirmed.",
            InvalidReason::SpreadsheetMangled => {
                "The number was damaged by a spreadsheet (scientific notation or a trailing .0)."
            }
            InvalidReason::MissingCarrier => "No carrier was given.",
            InvalidReason::ChineseCarrierName => {
                "The carrier name is typed in Chinese characters, which Amazon cannot match."
            }
            InvalidReason::UnsupportedCarrier => "The carrier is not one Amazon can track.",
            InvalidReason::OtherWithListedCarrier => {
                "\"Other\" was chosen with a carrier that is in Amazon's list."
            }
            InvalidReason::CarrierMismatch => {
                "The number belongs to a different carrier than the one chosen."
            }
            InvalidReason::MalformedTracking => {
                "The number does not have the carrier's format or check digit."
            }
            InvalidReason::NoCarrierScan => "The carrier never scanned the package.",
        },
    }
}

/// How to fix it.
pub fn fix_hint(v: Verdict) -> &'static str {
    match v {
        Verdict::Invalid(r) => match r {
            InvalidReason::MissingTracking => "Add the tracking number: Orders > Manage Orders > Edit Shipment before the delivery date.",
            InvalidReason::SpreadsheetMangled => "Re-enter the number from the label; format the column as Text before pasting.",
            InvalidReason::MissingCarrier => "Pick the carrier from Amazon's list in Edit Shipment.",
            InvalidReason::ChineseCarrierName => "Pick the carrier from Amazon's list; never type its name in Chinese.",
            InvalidReason::UnsupportedCarrier => "Ship with, or pick, a carrier Amazon supports.",
            InvalidReason::OtherWithListedCarrier => "Choose the carrier from the list instead of \"Other\".",
            InvalidReason::CarrierMismatch => "Pick the carrier that issued the number.",
            InvalidReason::MalformedTracking => "Check the number against the label and correct typos.",
            InvalidReason::NoCarrierScan => "Make sure the carrier scans the package at pickup or drop-off.",
        },
        _ => "",
    }
}

/// Writes the chosen packages as CSV.
pub fn write_csv<W: std::io::Write>(
    out: W,
    data: &Dataset,
    analysis: &Analysis,
    _registry: &Registry,
    which: Which,
) -> std::io::Result<()> {
    let rows = analysis
        .verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| which == Which::All || matches!(v, Verdict::Invalid(_)))
        .map(|(i, _)| i);
    write_csv_rows(out, data, analysis, rows)
}

/// Writes the packages at these positions as CSV, in the order given.
pub fn write_csv_rows<W: std::io::Write>(
    out: W,
    data: &Dataset,
    analysis: &Analysis,
    rows: impl Iterator<Item = usize>,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for i in rows {
        let Some(&v) = analysis.verdicts.get(i) else {
            continue;
        };
        let (Some(p), Some(f)) = (data.package(i), analysis.facts(i)) else {
            continue;
        };
        let (status, reason) = match v {
            Verdict::Valid => ("valid", ""),
            Verdict::Invalid(r) => ("invalid", r.key()),
            Verdict::Excluded(e) => ("excluded", e.key()),
        };
        let source = data
            .sources(i)
            .iter()
            .map(|s| {
                let name = data
                    .files()
                    .get(usize::from(s.file))
                    .map_or("", |f| f.name.as_str());
                format!("{name}:{}", s.line)
            })
            .collect::<Vec<_>>()
            .join(" ");
        let window_date = f.window_date().map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            p.order_id.to_string(),
            p.tracking_as_written().to_string(),
            p.text(Text::Carrier).to_string(),
            analysis.carrier(i).to_string(),
            analysis.category(i).to_string(),
            window_date,
            status.to_string(),
            reason.to_string(),
            explanation(v).to_string(),
            fix_hint(v).to_string(),
            source,
        ];
        w.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_formula_starts() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("\rx"), "'\rx");
        assert_eq!(defuse("1Z999"), "1Z999");
        assert_eq!(defuse(""), "");
    }
}
