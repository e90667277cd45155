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

/// A column of the package exports, in the order written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The order id, as written.
    OrderId,
    /// The tracking number, as written.
    Tracking,
    /// The carrier, as written.
    Carrier,
    /// The carrier as Amazon's list knows it, or what was written.
    CarrierRecognised,
    /// The product category.
    Category,
    /// The date that places the package in the window.
    WindowDate,
    /// Valid, invalid or not counted, in the seller's language.
    Status,
    /// Why it is invalid or not counted, in the seller's language.
    Reason,
    /// What the reason means.
    Explanation,
    /// How to fix it.
    Fix,
    /// Where its rows are (`file:line`).
    Source,
    /// The status or reason as a stable key, for programs reading the file.
    Code,
}

impl Column {
    /// Every column, in the order the exports write them.
    pub const ALL: [Column; 12] = [
        Column::OrderId,
        Column::Tracking,
        Column::Carrier,
        Column::CarrierRecognised,
        Column::Category,
        Column::WindowDate,
        Column::Status,
        Column::Reason,
        Column::Explanation,
        Column::Fix,
        Column::Source,
        Column::Code,
    ];

    /// The column's header in `lang`. The code column is `code` in every
    /// language, so a program finds it whatever the seller reads.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => match self {
                Column::OrderId => "Order ID",
                Column::Tracking => "Tracking number",
                Column::Carrier => "Carrier",
                Column::CarrierRecognised => "Carrier in Amazon's list",
                Column::Category => "Category",
                Column::WindowDate => "Window date",
                Column::Status => "Status",
                Column::Reason => "Reason",
                Column::Explanation => "What it means",
                Column::Fix => "How to fix",
                Column::Source => "Source (file:line)",
                Column::Code => "code",
            },
            Lang::Zh => match self {
                Column::OrderId => "订单编号",
                Column::Tracking => "追踪编码",
                Column::Carrier => "承运人",
                Column::CarrierRecognised => "亚马逊列表中的承运人",
                Column::Category => "商品分类",
                Column::WindowDate => "统计日期",
                Column::Status => "状态",
                Column::Reason => "原因",
                Column::Explanation => "说明",
                Column::Fix => "修复方法",
                Column::Source => "来源（文件:行）",
                Column::Code => "code",
            },
        }
    }
}

/// The export's header row in `lang`.
pub fn header(lang: Lang) -> [&'static str; 12] {
    Column::ALL.map(|c| c.label(lang))
}

/// A package's status as the seller reads it.
fn status_word(v: Verdict, lang: Lang) -> &'static str {
    match (v, lang) {
        (Verdict::Valid, Lang::En) => "Valid",
        (Verdict::Invalid(_), Lang::En) => "Invalid",
        (Verdict::Excluded(_), Lang::En) => "Not counted",
        (Verdict::Valid, Lang::Zh) => "有效",
        (Verdict::Invalid(_), Lang::Zh) => "无效",
        (Verdict::Excluded(_), Lang::Zh) => "不计入",
    }
}

/// The cells of package `i` in [`Column::ALL`] order, undefused; `None`
/// past the last package.
fn package_cells(
    data: &Dataset,
    analysis: &Analysis,
    i: usize,
    lang: Lang,
) -> Option<[String; 12]> {
    let v = *analysis.verdicts.get(i)?;
    let p = data.package(i)?;
    let f = analysis.facts(i)?;
    let reason = match v {
        Verdict::Valid => None,
        Verdict::Invalid(r) => Some(Reason::Invalid(r)),
        Verdict::Excluded(e) => Some(Reason::Excluded(e)),
    };
    let text = reason.map(|r| r.text(lang));
    let source = sources_text(&data.sources(i), |file| {
        data.files().get(usize::from(file)).map(|f| f.name.as_str())
    });
    let window_date = f.window_date().map(|d| d.to_string()).unwrap_or_default();
    Some([
        p.order_id.to_string(),
        p.tracking_as_written().to_string(),
        p.text(Text::Carrier).to_string(),
        analysis.carrier(i).to_string(),
        analysis.category(i).to_string(),
        window_date,
        status_word(v, lang).to_string(),
        text.map_or("", |t| t.label).to_string(),
        text.map_or("", |t| t.explanation).to_string(),
        text.map_or("", |t| t.fix).to_string(),
        source,
        reason.map_or("valid", Reason::key).to_string(),
    ])
}

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
/// columns of [`Column::ALL`], headers, statuses, reasons, explanations
/// and fixes in `lang` and a `code` column for programs, every cell
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
/// assert_eq!(lines[0], vtr_core::export::header(Lang::En).join(","));
/// assert_eq!(
///     lines[1],
///     "'=1+2,1Z999AA10123456785,UPS,UPS,(uncategorised),,Invalid,Malformed number,\
///      \"The number does not have the carrier's format or check digit, or has characters a tracking number cannot have.\",\
///      \"Compare the number with the label and re-enter it in Edit Shipment: look for typos, missing digits or extra characters.\",\
///      a.csv:2,malformed_tracking"
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
    write_csv_rows(out, data, analysis, rows_of(analysis, which), lang)
}

/// The positions of the packages `which` names, in package order: what
/// every export of "invalid" or "all" packages writes, CSV or workbook.
pub fn rows_of(analysis: &Analysis, which: Which) -> impl Iterator<Item = usize> + '_ {
    analysis
        .verdicts
        .iter()
        .enumerate()
        .filter(move |(_, v)| which == Which::All || matches!(v, Verdict::Invalid(_)))
        .map(|(i, _)| i)
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
    w.write_record(header(lang))?;
    for i in rows {
        let Some(cells) = package_cells(data, analysis, i, lang) else {
            continue;
        };
        w.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
    }
    w.flush()
}

/// A workbook could not be made (the writer's own words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XlsxError(pub String);

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workbook could not be made: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError(e.to_string())
    }
}

/// Writes the packages at these positions as an Excel workbook (`.xlsx`),
/// one sheet with the columns of [`Column::ALL`] in `lang`. Every cell is
/// a text cell, so Excel shows order ids and tracking numbers exactly as
/// written (never `9.40011E+21`) and never runs a cell as a formula.
///
/// ```
/// use vtr_core::export::write_xlsx_rows;
/// use vtr_core::texts::Lang;
/// use vtr_core::settings::parse_iso_date;
/// use vtr_core::{analyze, load, FileInput, LoadOptions, Registry, Settings};
///
/// let csv = b"order-id,tracking-number,carrier-code\n111-1,9400111899223197428490,USPS\n";
/// let data = load(&[FileInput::new("a.csv", csv)], &LoadOptions::default());
/// let settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
/// let analysis = analyze(&data, &settings, &Registry::default());
/// let bytes = write_xlsx_rows(&data, &analysis, 0..1, Lang::Zh).unwrap();
/// // A workbook is a zip archive.
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_xlsx_rows(
    data: &Dataset,
    analysis: &Analysis,
    rows: impl Iterator<Item = usize>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(match lang {
        Lang::En => "Packages",
        Lang::Zh => "包裹",
    })?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (c, label) in header(lang).iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *label, &bold)?;
    }
    // Wide enough to read the ids and reasons without resizing.
    let widths = [
        22.0, 26.0, 14.0, 16.0, 18.0, 12.0, 12.0, 28.0, 50.0, 50.0, 22.0, 22.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
        sheet.set_column_format(c as u16, &text)?;
    }
    let mut r: u32 = 0;
    for i in rows {
        let Some(cells) = package_cells(data, analysis, i, lang) else {
            continue;
        };
        r += 1;
        for (c, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string_with_format(r, c as u16, cell, &text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, r, (Column::ALL.len() - 1) as u16)?;
    Ok(book.save_to_buffer()?)
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

    #[test]
    fn the_code_column_is_the_reason_key_in_every_language() {
        assert_eq!(header(Lang::En)[11], "code");
        assert_eq!(header(Lang::Zh)[11], "code");
        assert_eq!(header(Lang::Zh)[1], "追踪编码");
        assert_eq!(status_word(Verdict::Valid, Lang::Zh), "有效");
    }
}
