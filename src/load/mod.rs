//! Loading: the drop zone and sample, the file list with each file's
//! report and column mapping, the settings, storage notices and past
//! checks. Styles in `style/load.css`, Chinese in `i18n/zh_load.rs`;
//! for "Saved on this device", the carrier editor and the history's chart
//! and comparison, `style/remember.css` and `i18n/zh_remember.rs`.

pub mod carrier_editor;
pub mod drop_zone;
pub mod field_names;
pub mod file_list;
pub mod file_report;
pub mod folders;
pub mod history;
pub mod mapping_editor;
pub mod sample;
pub mod saved_check;
pub mod settings_panel;
pub mod storage_notice;
