//! The vtr-check web app: a static page that reads shipment files in the
//! browser and never sends them anywhere.
//!
//! The app is a library so that the browser tests in `tests/` can drive the
//! same file-reading and storage code the page uses; `main.rs` only mounts it.
//! Every figure comes from `vtr-core` through the engine worker; components
//! only render its answers.
//!
//! The folders follow the page's areas, as `style/` and the Chinese tables
//! in `i18n/` do: `load/` (files, mapping, settings, history), `results/`,
//! `packages/` (the package list); beside them `engine/` (the worker),
//! `remember/` (what persists), `browser/` (the browser's services), and
//! `setup_bar` (the bar the loading folds into once there is a result).

pub mod app;
pub mod browser;
pub mod engine;
pub mod i18n;
pub mod load;
pub mod packages;
pub mod panic;
pub mod remember;
pub mod results;
pub mod setup_bar;
pub mod state;

/// Installs the panic hooks and mounts the page on `<body>`.
pub fn mount() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
