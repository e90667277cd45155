//! The readable report: the result first, then why, then what was read.

use std::fmt::Write as _;
use vtr_core::format::percent;
use vtr_core::mapping::Field;
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
    let width = cats
        .iter()
        .map(|c| c.category.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let _ = writeln!(
        o,
        "\nCategories (at risk first)\n  {:<width$}  {:>10}  {:>6}  {:>8}  {:<7}  {:>5}",
        "Category", "Considered", "Valid", "VTR", "Status", "Fixes"
    );
    for c in cats {
        let pad = width.saturating_sub(c.category.chars().count());
        let _ = writeln!(
            o,
            "  {}{}  {:>10}  {:>6}  {:>8}  {:<7}  {:>5}",
            c.category,
            " ".repeat(pad),
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
    for c in &s.carriers {
        let _ = writeln!(
            o,
            "  {:<26} {:>6} considered  {:>6} valid  {:>8}",
            c.carrier,
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
    let _ = writeln!(
        o,
        "  {}, {}, {}-separated, header on line {}",
        f.format.label(),
        f.encoding.map_or("-", |e| e.label()),
        f.delimiter_label(),
        f.header_line
    );
    let _ = writeln!(
        o,
        "  {} read, {} duplicate, {} skipped",
        plural(f.rows, "row", "rows"),
        f.duplicates,
        f.skipped
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
        let _ = writeln!(o, "    line {}: {what}: row {}", p.line, p.problem);
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
