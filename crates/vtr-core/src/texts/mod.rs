//! What every reason means and how to fix it, in English and Simplified
//! Chinese: the one source the page, the CLI report and the exports read.
//!
//! Each language is an exhaustive `match` over [`Reason`], so a reason
//! added to the rules does not compile until both languages explain it.
//! Fixes name Amazon's own screens as its help page does (Edit Shipment /
//! 编辑货件), since that is where every fix is made.
//!
//! ```
//! use vtr_core::rules::reason::Reason;
//! use vtr_core::texts::Lang;
//!
//! let r = Reason::from_key("missing_tracking").unwrap();
//! assert_eq!(r.text(Lang::En).label, "Missing tracking");
//! assert_eq!(r.text(Lang::Zh).label, "缺少追踪编码");
//! ```

mod en;
mod zh;

use serde::{Deserialize, Serialize};

use crate::rules::reason::Reason;

/// A language the texts are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// English, the language the code is written in.
    #[default]
    En,
    /// Simplified Chinese, in the words of Amazon's Chinese Seller Central.
    Zh,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag, for a document's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language a tag such as `zh-CN`, `zh`, `en-US` or `EN` asks for:
    /// any Chinese is [`Lang::Zh`], anything else English.
    pub fn from_tag(tag: &str) -> Lang {
        let tag = tag.trim().as_bytes();
        if tag.len() >= 2 && tag[..2].eq_ignore_ascii_case(b"zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A reason as a seller reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasonText {
    /// A few words for lists and filters: "Missing tracking".
    pub label: &'static str,
    /// What it means, in a sentence or two.
    pub explanation: &'static str,
    /// What to do about it; "Nothing to do." where nothing is needed.
    pub fix: &'static str,
}

impl Reason {
    /// This reason's label, explanation and fix in `lang`.
    ///
    /// ```
    /// use vtr_core::rules::reason::Reason;
    /// use vtr_core::rules::validity::InvalidReason;
    /// use vtr_core::rules::warning::Warning;
    /// use vtr_core::texts::Lang;
    ///
    /// // A number a spreadsheet turned into scientific notation.
    /// let mangled = Reason::Invalid(InvalidReason::SpreadsheetMangled);
    /// let en = mangled.text(Lang::En);
    /// assert_eq!(en.label, "Damaged by a spreadsheet");
    /// assert!(en.fix.starts_with("Re-enter the number from the label in Edit Shipment"));
    /// let zh = mangled.text(Lang::Zh);
    /// assert_eq!(zh.label, "被电子表格损坏");
    /// assert!(zh.fix.starts_with("在“编辑货件”"));
    ///
    /// // A warning reads the same way, though it never makes tracking invalid.
    /// let reused = Reason::Warning(Warning::ReusedTracking);
    /// assert_eq!(reused.text(Lang::En).label, "Reused tracking");
    /// assert_eq!(reused.text(Lang::Zh).label, "追踪编码重复使用");
    /// ```
    pub fn text(self, lang: Lang) -> ReasonText {
        match lang {
            Lang::En => en::reason(self),
            Lang::Zh => zh::reason(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_distinct_texts_in_both_languages() {
        for lang in Lang::ALL {
            let mut labels = std::collections::HashSet::new();
            for r in Reason::all() {
                let t = r.text(lang);
                assert!(!t.label.is_empty() && !t.explanation.is_empty() && !t.fix.is_empty());
                assert!(labels.insert(t.label), "{lang:?} label {} twice", t.label);
            }
        }
    }

    #[test]
    fn chinese_texts_are_chinese() {
        for r in Reason::all() {
            let t = r.text(Lang::Zh);
            for s in [t.label, t.explanation, t.fix] {
                assert!(crate::rules::validity::has_cjk(s), "{r}: {s}");
            }
        }
    }

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH-tw"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::from_tag("z"), Lang::En);
    }
}
