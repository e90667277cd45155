//! The result: the status banner, categories, reasons, carriers, warnings,
//! the trend and the downloads. Styles in `style/results.css`, Chinese in
//! `i18n/zh_results.rs`.

pub mod carriers;
pub mod categories;
pub mod exports;
pub mod links;
pub mod reasons;
pub mod shared;
pub mod summary_banner;
pub mod trend_chart;
pub mod warnings;
