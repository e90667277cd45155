//! The browser's services the page uses, each behind a small Rust face:
//! downloads, the files a seller picks, `localStorage`, IndexedDB, today's
//! date, work spread over animation frames.

pub mod download;
pub mod files;
pub mod frames;
pub mod idb;
pub mod storage;
pub mod tabs;
pub mod today;
