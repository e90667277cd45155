//! The vtr-check web app: a static page that reads shipment files in the
//! browser and never sends them anywhere.
//!
//! The app is a library so that the browser tests in `tests/` can drive the
//! same file-reading and storage code the page uses; `main.rs` only mounts it.

pub mod app;
pub mod drop_zone;
pub mod file_list;
pub mod file_read;
pub mod panic;
pub mod sample;
pub mod size;
pub mod state;
pub mod storage;
pub mod summary;

/// Installs the panic hooks and mounts the page on `<body>`.
pub fn mount() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
