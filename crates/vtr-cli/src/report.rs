//! The readable report: the result first, then why, then what was read.

use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use vtr_core::mapping::Field;
use vtr_core::numbers::percent;
use vtr_core::read::{FileReport, MAX_LISTED_PROBLEMS};
use vtr_core::result::{Status, Summary};
use vtr_core::rules::exclusion::Exclusion;
use vtr_core::rules::reason::Reason;
use vtr_core::rules::validity::InvalidReason;
use vtr_core::settings::format_bp;
use vtr_core::texts::Lang;
use vtr_core::{Analysis, Dataset};

/// Row problems listed per file before "and N more".
pub const LISTED_PROBLEMS: usize = 20;

/// The widest a name column gets, in terminal columns. A category or
/// carrier is whatever a cell of the file holds; one very long one would
/// push every figure off the screen. The JSON has the names in full.
const MAX_NAME: usize = 40;

/// Marks a name that was cut. ASCII, because terminals set to a CJK
/// locale draw "…" two columns wide and the table would no longer line up.
const CUT: &str = "...";

/// `name` as a table cell: control characters (a tab or newline inside a
/// quoted field, an escape sequence) would move the cursor and break the
/// table, so they show as spaces; wider than `max` columns, it is cut and
/// ends in "...". Returns the cell and its width in columns.
fn cell(name: &str, max: usize) -> (String, usize) {
    let shown: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let width = shown.width();
    if width <= max {
        return (shown, width);
    }
    let room = max.saturating_sub(CUT.len());
    let mut cut = String::new();
    let mut used = 0;
    for c in shown.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        cut.push(c);
    }
    cut.push_str(CUT);
    let width = cut.width();
    (cut, width)
}

/// A name column: every name cut to `MAX_NAME` and padded to the widest,
/// at least `min` columns. Padding is added here, by display width,
/// rather than with a format width, which counts characters (a Chinese
/// name would come out too wide) and panics past 65,535.
fn name_column<'a>(names: impl Iterator<Item = &'a str>, min: usize) -> (Vec<String>, usize) {
    let cells: Vec<(String, usize)> = names.map(|n| cell(n, MAX_NAME)).collect();
    let width = cells.iter().map(|(_, w)| *w).max().unwrap_or(0).max(min);
    let padded = cells
        .into_iter()
        .map(|(mut c, w)| {
            c.push_str(&" ".repeat(width.saturating_sub(w)));
            c
        })
        .collect();
    (padded, width)
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Ok => "OK",
        Status::AtRisk => "AT RISK",
        Status::NoData => "NO DATA",
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The whole report.
pub fn render(data: &Dataset, analysis: &Analysis, threshold_bp: u32) -> String {
    let s = &analysis.summary;
    let mut o = String::new();
    headline(&mut o, s, threshold_bp);
    if !analysis.scan_evidence {
        o.push_str(
            "\nNote: no scan evidence (first-scan date or valid-tracking flag) was found, so this \
             is a prediction from\nwhat can be checked offline: carrier, number format and check \
             digit. Amazon also requires a carrier scan.\n",
        );
    }
    categories(&mut o, s);
    invalid(&mut o, s);
    excluded(&mut o, s);
    carriers(&mut o, s);
    premium(&mut o, s);
    warnings(&mut o, s);
    for f in data.files() {
        file(&mut o, f);
    }
    skipped_rules(&mut o, analysis);
    o
}

fn headline(o: &mut String, s: &Summary, threshold_bp: u32) {
    let _ = writeln!(o, "VTR check as of {}", s.settings.as_of);
    match (s.window.applied, s.window.start, s.window.end) {
        (true, Some(a), Some(b)) => {
            let _ = writeln!(
                o,
                "Window: promised delivery {a} to {b} ({} days, ending {} days before the as-of date)",
                s.settings.window_days, s.settings.lag_days
            );
        }
        _ => o.push_str("Window: off (all dates counted)\n"),
    }
    let _ = writeln!(
        o,
        "\nValid Tracking Rate: {}  ({} valid of {} considered; {} packages from {} rows)",
        percent(s.valid, s.considered),
        s.valid,
        s.considered,
        s.packages,
        s.rows
    );
    let t = format_bp(threshold_bp);
    let _ = match s.status {
        Status::Ok => writeln!(o, "Status: OK - every category is above {t}%"),
        Status::AtRisk => writeln!(
            o,
            "Status: AT RISK - {} to correct so that every category is above {t}%",
            plural(s.fixes_needed, "fix", "fixes")
        ),
        Status::NoData => writeln!(o, "Status: NO DATA - no package is considered"),
    };
}

fn categories(o: &mut String, s: &Summary) {
    if s.categories.is_empty() {
        return;
    }
    let mut cats: Vec<_> = s.categories.iter().collect();
    let rank = |st: Status| match st {
        Status::AtRisk => 0,
        Status::Ok => 1,
        Status::NoData => 2,
    };
    cats.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then(b.fixes_needed.cmp(&a.fixes_needed))
            .then(a.category.cmp(&b.category))
    });
    let (names, width) = name_column(cats.iter().map(|c| c.category.as_str()), 8);
    let _ = writeln!(
        o,
        "\nCategories (at risk first)\n  Category{}  {:>10}  {:>6}  {:>8}  {:<7}  {:>5}",
        " ".repeat(width.saturating_sub("Category".len())),
        "Considered",
        "Valid",
        "VTR",
        "Status",
        "Fixes"
    );
    for (c, name) in cats.iter().zip(names) {
        let _ = writeln!(
            o,
            "  {name}  {:>10}  {:>6}  {:>8}  {:<7}  {:>5}",
            c.considered,
            c.valid,
            percent(c.valid, c.considered),
            status_label(c.status),
            c.fixes_needed
        );
    }
}

fn invalid(o: &mut String, s: &Summary) {
    let total = s.invalid.total();
    let _ = writeln!(o, "\nInvalid tracking: {total}");
    for r in InvalidReason::ALL {
        let n = s.invalid.get(r);
        if n > 0 {
            let _ = writeln!(
                o,
                "  {:<26} {:>6}  {}",
                r.key(),
                n,
                Reason::Invalid(r).text(Lang::En).explanation
            );
        }
    }
}

fn excluded(o: &mut String, s: &Summary) {
    let total = s.excluded.total();
    let _ = writeln!(o, "\nNot counted (excluded): {total}");
    for e in Exclusion::ALL {
        let n = s.excluded.get(e);
        if n > 0 {
            let _ = writeln!(
                o,
                "  {:<26} {:>6}  {}",
                e.key(),
                n,
                Reason::Excluded(e).text(Lang::En).explanation
            );
        }
    }
}

fn carriers(o: &mut String, s: &Summary) {
    if s.carriers.is_empty() {
        return;
    }
    o.push_str("\nCarriers (considered packages)\n");
    let (names, _) = name_column(s.carriers.iter().map(|c| c.carrier.as_str()), 26);
    for (c, name) in s.carriers.iter().zip(names) {
        let _ = writeln!(
            o,
            "  {name} {:>6} considered  {:>6} valid  {:>8}",
            c.considered,
            c.valid,
            percent(c.valid, c.considered)
        );
    }
}

fn premium(o: &mut String, s: &Summary) {
    let p = s.segments.premium;
    if p.considered > 0 {
        let _ = writeln!(
            o,
            "\nPremium shipping: {} valid of {} considered ({}); Premium Shipping has its own targets",
            p.valid,
            p.considered,
            percent(p.valid, p.considered)
        );
    }
}

fn warnings(o: &mut String, s: &Summary) {
    let w = &s.warnings;
    let lines = [
        (
            w.reused_tracking,
            "packages share their tracking number with another order",
        ),
        (
            w.window_by_fallback_date,
            "packages were placed in the window by ship or purchase date (no promised delivery date)",
        ),
        (w.duplicate_rows, "rows were exact repeats and counted once"),
        (
            w.value_unknown,
            "packages might be excluded as low-value but their value is unknown",
        ),
    ];
    if lines.iter().all(|(n, _)| *n == 0) {
        return;
    }
    o.push_str("\nWarnings\n");
    for (n, text) in lines {
        if n > 0 {
            let _ = writeln!(o, "  {n} {text}");
        }
    }
}

fn file(o: &mut String, f: &FileReport) {
    let _ = writeln!(o, "\nFile {}", f.name);
    if let Some(e) = &f.error {
        let _ = writeln!(o, "  not read: {e}");
        return;
    }
    match (&f.workbook, &f.sheet) {
        (Some(book), Some(sheet)) => {
            let _ = writeln!(
                o,
                "  {}, {}, sheet \"{sheet}\" (sheets: {}), header on row {}",
                f.kind.label(),
                book.label(),
                f.sheets.join(", "),
                f.header_line
            );
        }
        _ => {
            let _ = writeln!(
                o,
                "  {}, {}{}, {}-separated, header on line {}",
                f.kind.label(),
                f.encoding.map_or("-", |e| e.label()),
                if f.encoding_forced {
                    " (chosen with --encoding)"
                } else {
                    ""
                },
                f.delimiter_label(),
                f.header_line
            );
        }
    }
    let _ = writeln!(
        o,
        "  {} read, {} duplicate, {} skipped{}",
        plural(f.rows, "row", "rows"),
        f.duplicates,
        f.skipped,
        match f.ignored_lines {
            0 => String::new(),
            n => format!(
                ", {} left out (footer or totals)",
                plural(n, "line", "lines")
            ),
        }
    );
    let total = if f.problems.len() >= MAX_LISTED_PROBLEMS {
        f.problems
            .len()
            .max(usize::try_from(f.skipped).unwrap_or(usize::MAX))
    } else {
        f.problems.len()
    };
    for p in f.problems.iter().take(LISTED_PROBLEMS) {
        let what = if p.problem.skips_row() {
            "skipped"
        } else {
            "note"
        };
        match &f.sheet {
            Some(sheet) => {
                let _ = writeln!(
                    o,
                    "    sheet {sheet}, row {}: {what}: {}",
                    p.line, p.problem
                );
            }
            None => {
                let _ = writeln!(o, "    line {}: {what}: row {}", p.line, p.problem);
            }
        }
    }
    if total > LISTED_PROBLEMS {
        let _ = writeln!(o, "    and {} more", total - LISTED_PROBLEMS);
    }
    let mapped = f.mapping.mapped();
    let names: Vec<String> = mapped
        .iter()
        .map(|(field, col)| {
            let h = f.headers.get(*col).map_or("?", String::as_str);
            format!("{} <- \"{h}\"", field.key())
        })
        .collect();
    let _ = writeln!(o, "  mapped: {}", names.join(", "));
    let header = |col: usize| f.headers.get(col).map_or("?", String::as_str);
    for i in &f.inferred {
        let _ = writeln!(
            o,
            "  found by its contents: {} <- \"{}\" ({}); change it with --map {}=HEADER",
            i.field.key(),
            header(i.column),
            i.evidence.describe(),
            i.field.key()
        );
        if let Some(w) = i.passed_over {
            let _ = writeln!(
                o,
                "    not \"{}\": it holds a forwarder's own waybill numbers; \"{}\" holds the last-mile number, which Amazon can track",
                header(w),
                header(i.column)
            );
        }
    }
    let missing: Vec<&str> = Field::ALL
        .iter()
        .filter(|fl| f.mapping.column(**fl).is_none())
        .map(|fl| fl.key())
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(o, "  not mapped: {}", missing.join(", "));
    }
    let unused: Vec<String> = f
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !mapped.iter().any(|(_, c)| c == i))
        .map(|(_, h)| format!("\"{h}\""))
        .collect();
    if !unused.is_empty() {
        let _ = writeln!(o, "  columns not used: {}", unused.join(", "));
    }
    let day_first: Vec<&str> = f
        .day_first
        .iter()
        .filter(|(_, df)| *df)
        .map(|(fl, _)| fl.key())
        .collect();
    if !day_first.is_empty() {
        let _ = writeln!(o, "  dates read day-first: {}", day_first.join(", "));
    }
}

fn skipped_rules(o: &mut String, a: &Analysis) {
    if a.skipped_rules.is_empty() {
        return;
    }
    o.push_str("\nRules skipped for lack of a column\n");
    for r in &a.skipped_rules {
        let needs: Vec<&str> = r.needs.iter().map(|f| f.key()).collect();
        let _ = writeln!(o, "  {:<26} needs one of: {}", r.rule, needs.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_measured_in_terminal_columns() {
        assert_eq!(cell("Toys & Games", MAX_NAME), ("Toys & Games".into(), 12));
        assert_eq!(cell("家居用品", MAX_NAME), ("家居用品".into(), 8));
        // A combining accent takes no column of its own.
        assert_eq!(cell("Cafe\u{301}", MAX_NAME).1, 4);
        assert_eq!(
            cell("a\tb\nc\u{1b}[31m", MAX_NAME),
            ("a b c [31m".into(), 10)
        );
    }

    #[test]
    fn long_cells_are_cut_without_splitting_a_wide_character() {
        let x = "x".repeat(41);
        assert_eq!(cell(&x, 40), (format!("{}...", "x".repeat(37)), 40));
        assert_eq!(cell(&x[..40], 40), (x[..40].to_string(), 40));
        // 37 columns of room hold 18 two-column characters, not 18.5.
        let wide = "玩".repeat(25);
        assert_eq!(cell(&wide, 40), (format!("{}...", "玩".repeat(18)), 39));
        assert_eq!(cell("abcdef", 2), ("...".into(), 3));
    }

    #[test]
    fn name_columns_pad_to_the_widest_cut_name() {
        let (cells, width) =
            name_column(["玩具", "Toys & Games", &"y".repeat(70_000)].into_iter(), 8);
        assert_eq!(width, 40);
        assert_eq!(cells[0], format!("玩具{}", " ".repeat(36)));
        assert_eq!(cells[1], format!("Toys & Games{}", " ".repeat(28)));
        assert_eq!(cells[2], format!("{}...", "y".repeat(37)));
        assert_eq!(name_column([].into_iter(), 8), (vec![], 8));
    }
}
