//! The vtr-check engine as the page's Web Worker.
//!
//! [`protocol`] is what the page and the worker say to each other;
//! [`session`] is the worker's state and its answers, plain Rust tested
//! natively. `main.rs` is the thin Web Worker around them: it carries
//! messages and reads the seller's `File`s piece by piece, so the page's
//! main thread never parses a byte.

pub mod protocol;
pub mod session;

pub use protocol::{Event, Request};
pub use session::{Out, Session};
