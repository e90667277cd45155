//! One package of the engine's page as the seller reads it: words in the
//! page's language, a dash for nothing, where its rows came from.

use vtr_core::package::sources_text;
use vtr_core::rules::outcome::Verdict;
use vtr_core::rules::reason::Reason;
use vtr_worker::protocol::{FileBrief, PackageRow};

use crate::i18n::{fmt_date, Lang};
use crate::results::shared::shown_name;

/// Where a package stands, as the status cell shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    Valid,
    Invalid,
    Excluded,
}

impl RowStatus {
    fn of(v: Verdict) -> RowStatus {
        match v {
            Verdict::Valid => RowStatus::Valid,
            Verdict::Invalid(_) => RowStatus::Invalid,
            Verdict::Excluded(_) => RowStatus::Excluded,
        }
    }

    /// A class and data attribute value.
    pub fn key(self) -> &'static str {
        match self {
            RowStatus::Valid => "valid",
            RowStatus::Invalid => "invalid",
            RowStatus::Excluded => "excluded",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            RowStatus::Valid => "Valid",
            RowStatus::Invalid => "Invalid",
            RowStatus::Excluded => "Not counted",
        }
    }

    /// A shape beside the word, so status never rests on colour.
    pub fn icon(self) -> &'static str {
        match self {
            RowStatus::Valid => "✓",
            RowStatus::Invalid => "✗",
            RowStatus::Excluded => "○",
        }
    }
}

/// One visible row, as text in the page's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub index: u32,
    pub order_id: String,
    pub tracking: String,
    pub carrier: String,
    pub category: String,
    pub date: String,
    pub status: RowStatus,
    pub reason: String,
    pub source: String,
}

/// Shown in an empty cell, so a blank is visibly "nothing", not a glitch.
pub const NONE: &str = "—";

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        NONE.to_string()
    } else {
        text.to_string()
    }
}

/// A row of the engine's page, in the page's language.
pub fn row(p: &PackageRow, files: &[FileBrief], lang: Lang) -> Row {
    let reason = match p.verdict {
        Verdict::Valid => NONE,
        Verdict::Invalid(r) => Reason::Invalid(r).text(lang).label,
        Verdict::Excluded(e) => Reason::Excluded(e).text(lang).label,
    };
    Row {
        index: p.index,
        order_id: or_none(&p.order_id),
        tracking: or_none(&p.tracking),
        carrier: or_none(&shown_name(lang, &p.carrier)),
        category: shown_name(lang, &p.category),
        date: p
            .window_date
            .map_or_else(|| NONE.to_string(), |d| fmt_date(lang, d)),
        status: RowStatus::of(p.verdict),
        reason: reason.to_string(),
        source: sources_text(&p.sources, |file| {
            files.get(usize::from(file)).map(|f| f.name.as_str())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vtr_core::package::Source;
    use vtr_core::rules::validity::InvalidReason;
    use vtr_worker::protocol::FileBrief;

    use crate::i18n::tr;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn brief(id: u64, name: &str) -> FileBrief {
        FileBrief {
            id,
            name: name.into(),
            ok: true,
        }
    }

    #[wasm_bindgen_test]
    fn rows_show_what_the_engine_found_in_the_page_language() {
        let files = vec![brief(1, "a.csv"), brief(2, "b.csv")];
        let valid = PackageRow {
            index: 0,
            order_id: "111-1".into(),
            tracking: "1Z999AA10123456784".into(),
            carrier: "UPS".into(),
            category: "Toys".into(),
            window_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 5),
            verdict: Verdict::Valid,
            sources: vec![
                Source { file: 0, line: 2 },
                Source { file: 0, line: 3 },
                Source { file: 1, line: 9 },
            ],
        };
        assert_eq!(
            row(&valid, &files, Lang::En),
            Row {
                index: 0,
                order_id: "111-1".into(),
                tracking: "1Z999AA10123456784".into(),
                carrier: "UPS".into(),
                category: "Toys".into(),
                date: "Nov 5, 2026".into(),
                status: RowStatus::Valid,
                reason: NONE.into(),
                source: "a.csv:2, 3; b.csv:9".into(),
            }
        );
        let missing = PackageRow {
            index: 1,
            order_id: "111-2".into(),
            tracking: String::new(),
            carrier: "(none)".into(),
            category: "(uncategorised)".into(),
            window_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 6),
            verdict: Verdict::Invalid(InvalidReason::MissingTracking),
            sources: vec![Source { file: 0, line: 4 }],
        };
        assert_eq!(
            row(&missing, &files, Lang::Zh),
            Row {
                index: 1,
                order_id: "111-2".into(),
                tracking: NONE.into(),
                carrier: tr(Lang::Zh, "(no carrier)").into(),
                category: "（未分类）".into(),
                date: "2026年11月6日".into(),
                status: RowStatus::Invalid,
                reason: "缺少追踪编码".into(),
                source: "a.csv:4".into(),
            }
        );
    }
}
