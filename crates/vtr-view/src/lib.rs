//! The page's view logic that needs no browser: how tables are ordered,
//! where the trend's axes and lines go, how sizes and settings read.
//!
//! The web app renders what these functions decide; keeping them here,
//! with no web or Leptos dependency, means `cargo test` checks them
//! natively in a second instead of in headless Chromium.
#![warn(missing_docs)]

pub mod category_order;
pub mod reason_order;
pub mod settings_text;
pub mod size;
pub mod trend_axis;
pub mod trend_cover;
