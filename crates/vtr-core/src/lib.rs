//! The vtr-check engine: shipment files in, an exact Valid Tracking Rate out.
//!
//! Data flows one way, one module per arrow:
//!
//! ```text
//! bytes --decode--> text --sniff--> layout (delimiter, header line)
//!       --read (csv)--> records --mapping--> rows --package--> packages
//!       --rules (window, exclusions, validity)--> result
//! ```
//!
//! The rules are those of `shared/spec/vtr-rules.md` and
//! `shared/spec/tracking-formats.md`; section numbers in comments refer to
//! the former.

pub mod analysis;
pub mod carrier;
pub mod decode;
pub mod export;
pub mod format;
pub mod mapping;
pub mod package;
pub mod query;
pub mod read;
pub mod result;
pub mod rules;
pub mod settings;
pub mod sniff;
pub mod synth;
pub mod trend;
pub mod value;
pub mod window;

pub use analysis::{analyze, Analysis};
pub use carrier::Registry;
pub use read::{load, Dataset, FileInput, LoadOptions};
pub use settings::Settings;
