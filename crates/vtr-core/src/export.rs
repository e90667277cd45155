//! Package lists as CSV for a spreadsheet, defused against formula
//! injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR is
//! prefixed with `'` so a spreadsheet shows it instead of running it.

use crate::analysis::Analysis;
use crate::carrier::Registry;
use crate::dataset::Dataset;
use crate::package::{sources_text, Text};
use crate::rules::outcome::Verdict;
use crate::rules::reason::Reason;
use crate::texts::Lang;

/// Which packages to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Only packages with invalid tracking: the seller's to-do list.
    Invalid,
    /// Every package, with its verdict.
    All,
}

/// The columns of the exported CSV, in order.
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
///
/// ```
/// use vtr_core::export::defuse;
///
/// assert_eq!(defuse("=HYPERLINK(\"http://evil.example\")"), "'=HYPERLINK(\"http://evil.example\")");
/// assert_eq!(defuse("+1 555 0100"), "'+1 555 0100");
/// assert_eq!(defuse("@SUM(A1:A9)"), "'@SUM(A1:A9)");
/// // Ordinary cells are borrowed back unchanged.
/// assert_eq!(defuse("1Z999AA10123456784"), "1Z999AA10123456784");
/// ```
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes the chosen packages as CSV, one row per package with the
/// columns of [`HEADER`], explanations and fixes in `lang`, every cell
/// [`defuse`]d.
///
/// ```
/// use vtr_core::export::{write_csv, Which};
/// use vtr_core::texts::Lang;
/// use vtr_core::settings::parse_iso_date;
/// use vtr_core::{analyze, load, FileInput, LoadOptions, Registry, Settings};
///
/// // An order id a spreadsheet would run as a formula, and a bad check digit.
/// let csv = b"order-id,tracking-number,carrier-code\n=1+2,1Z999AA10123456785,UPS\n";
/// let data = load(&[FileInput::new("a.csv", csv)], &LoadOptions::default());
/// let registry = Registry::default();
/// let settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
/// let analysis = analyze(&data, &settings, &registry);
///
/// let mut out = Vec::new();
/// write_csv(&mut out, &data, &analysis, &registry, Which::Invalid, Lang::En).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines[0], vtr_core::export::HEADER.join(","));
/// assert_eq!(
///     lines[1],
///     "'=1+2,1Z999AA10123456785,UPS,UPS,(uncategorised),,invalid,malformed_tracking,\
///      \"The number does not have the carrier's format or check digit, or has characters a tracking number cannot have.\",\
///      \"Compare the number with the label and re-enter it in Edit Shipment: look for typos, missing digits or extra characters.\",\
///      a.csv:2"
/// );
/// assert_eq!(lines.len(), 2);
/// ```
pub fn write_csv<W: std::io::Write>(
    out: W,
    data: &Dataset,
    analysis: &Analysis,
    _registry: &Registry,
    which: Which,
    lang: Lang,
) -> std::io::Result<()> {
    let rows = analysis
        .verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| which == Which::All || matches!(v, Verdict::Invalid(_)))
        .map(|(i, _)| i);
    write_csv_rows(out, data, analysis, rows, lang)
}

/// Writes the packages at these positions as CSV, in the order given, with
/// explanations and fixes in `lang`.
pub fn write_csv_rows<W: std::io::Write>(
    out: W,
    data: &Dataset,
    analysis: &Analysis,
    rows: impl Iterator<Item = usize>,
    lang: Lang,
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
            Verdict::Valid => ("valid", None),
            Verdict::Invalid(r) => ("invalid", Some(Reason::Invalid(r))),
            Verdict::Excluded(e) => ("excluded", Some(Reason::Excluded(e))),
        };
        let text = reason.map(|r| r.text(lang));
        let source = sources_text(&data.sources(i), |file| {
            data.files().get(usize::from(file)).map(|f| f.name.as_str())
        });
        let window_date = f.window_date().map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            p.order_id.to_string(),
            p.tracking_as_written().to_string(),
            p.text(Text::Carrier).to_string(),
            analysis.carrier(i).to_string(),
            analysis.category(i).to_string(),
            window_date,
            status.to_string(),
            reason.map_or("", Reason::key).to_string(),
            text.map_or("", |t| t.explanation).to_string(),
            text.map_or("", |t| t.fix).to_string(),
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
