//! English and Simplified Chinese.
//!
//! Every visible text is written in English in the code and passed through
//! [`tr`]; the Chinese tables map English to Chinese. Each part of the page
//! keeps its own table file so they can grow independently. A text missing
//! from the tables shows in English, which the end-to-end test that reads
//! the Chinese page catches.

mod zh_common;
mod zh_load;
mod zh_packages;
mod zh_remember;
mod zh_results;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

pub use vtr_core::texts::Lang;

/// Chinese when the browser prefers any Chinese, else English.
pub fn browser_lang() -> Lang {
    let tag = web_sys::window()
        .map(|w| w.navigator().language().unwrap_or_default())
        .unwrap_or_default();
    Lang::from_tag(&tag)
}

fn zh_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| zh_entries().collect())
}

/// `en` in `lang`.
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh_table().get(en).copied().unwrap_or(en),
    }
}

/// A template in `lang` with `{name}` placeholders filled:
/// `trf(lang, "{n} rows", &[("n", "12".into())])`.
pub fn trf(lang: Lang, en: &'static str, args: &[(&str, String)]) -> String {
    let mut out = tr(lang, en).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The page's language signal, which the app provides by context on its
/// own (not only inside the app's state) so texts need nothing else.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translation for views: `{t("Choose files")}`.
pub fn t(en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || tr(lang.get(), en)
}

/// English month abbreviations, as dates are written on the page. Written
/// out here rather than with chrono's `format`, whose pattern machinery
/// would add to what the first screen loads.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date as a person reads it: "Oct 13, 2026" or "2026年10月13日".
pub fn fmt_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{}, {}", fmt_day(lang, d), d.year()),
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// A day without its year: "Oct 13" or "10月13日".
pub fn fmt_day(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{} {}", MONTHS[d.month0() as usize % 12], d.day()),
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
    }
}

/// A count with thousands separators (the same in both languages).
pub fn fmt_count(n: u64) -> String {
    vtr_core::numbers::thousands(n)
}

/// Every (English, Chinese) pair, for the tests that check the tables.
pub fn zh_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    zh_common::ZH
        .iter()
        .chain(zh_load::ZH)
        .chain(zh_results::ZH)
        .chain(zh_packages::ZH)
        .chain(zh_remember::ZH)
        .copied()
}
