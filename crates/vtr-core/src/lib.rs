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
pub mod dataset;
pub mod decode;
pub mod export;
pub mod fingerprint;
pub mod format;
mod intern;
pub mod mapping;
pub mod package;
pub mod prepare;
pub mod query;
pub mod read;
pub mod records;
pub mod result;
mod row;
pub mod rules;
pub mod settings;
pub mod sniff;
pub mod split;
pub mod store;
pub mod synth;
pub mod texts;
pub mod trend;
pub mod value;
pub mod window;
pub mod wire;

pub use analysis::{analyze, analyze_prepared, Analysis};
pub use carrier::Registry;
pub use dataset::{load, Dataset};
pub use prepare::Prepared;
pub use read::{FileInput, FileReader, LoadOptions};
pub use settings::Settings;
