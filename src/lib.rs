//! The vtr-check web app: a static page that reads shipment files in the
//! browser and never sends them anywhere.
//!
//! The app is a library so that the browser tests in `tests/` can drive the
//! same file-reading and storage code the page uses; `main.rs` only mounts it.
//! Every figure comes from `vtr-core`; components only render its result.

pub mod app;
pub mod carriers;
pub mod categories;
pub mod download;
pub mod drop_zone;
pub mod engine;
pub mod exports;
pub mod file_list;
pub mod file_read;
pub mod history;
pub mod i18n;
pub mod mapping_editor;
pub mod package_list;
pub mod panic;
pub mod reasons;
pub mod sample;
pub mod settings_panel;
pub mod size;
pub mod state;
pub mod storage;
pub mod summary_banner;
pub mod trend_chart;
pub mod warnings;

/// Installs the panic hooks and mounts the page on `<body>`.
pub fn mount() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
