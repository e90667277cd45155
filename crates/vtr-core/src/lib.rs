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
//!
//! # Example
//!
//! One file read whole and judged under Amazon's defaults. The two rows of
//! order 111-1 share a tracking number, so they are one package; the
//! window (30 days ending two weeks before `as_of`) leaves out order 111-4.
//!
//! ```
//! use vtr_core::result::Status;
//! use vtr_core::settings::parse_iso_date;
//! use vtr_core::{analyze, load, FileInput, LoadOptions, Registry, Settings};
//!
//! let csv = b"order-id,sku,tracking-number,carrier-code,promised-delivery-date,product-category
//! 111-1,MUG,1Z999AA10123456784,UPS,2026-11-01,Kitchen
//! 111-1,LID,1Z999AA10123456784,UPS,2026-11-01,Kitchen
//! 111-2,MUG,N/A,UPS,2026-11-02,Kitchen
//! 111-3,MUG,92055901649173127513,UPS,2026-11-03,Kitchen
//! 111-4,MUG,1Z999AA10123456792,UPS,2026-09-01,Kitchen
//! ";
//! let data = load(&[FileInput::new("orders.csv", csv)], &LoadOptions::default());
//! assert!(data.files()[0].error.is_none());
//!
//! let settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
//! let s = analyze(&data, &settings, &Registry::default()).summary;
//! assert_eq!((s.rows, s.packages), (5, 4));
//! assert_eq!(s.excluded.outside_window, 1);
//! assert_eq!((s.considered, s.valid), (3, 1));
//! assert_eq!(s.invalid.missing_tracking, 1);
//! // A USPS number confirmed as UPS.
//! assert_eq!(s.invalid.carrier_mismatch, 1);
//! assert_eq!(s.vtr, Some(1.0 / 3.0));
//! assert_eq!(s.status, Status::AtRisk);
//! // Above 95% of 3 means 3 valid: both invalid packages need fixing.
//! assert_eq!(s.fixes_needed, 2);
//! ```
//!
//! [`load`] and [`analyze`] are the short way. Files too big to hold go
//! through a [`FileReader`] in pieces (as `vtr` reads them) into a
//! [`Dataset`]; the app also works out the settings-free facts once
//! ([`Prepared`]) and re-runs only [`analyze_prepared`] when a setting
//! changes.
#![warn(missing_docs)]
// A public type that front ends cannot name is a surface no one chose.
#![warn(unnameable_types)]

mod analysis;
pub mod carrier;
mod dataset;
pub mod decode;
pub mod export;
pub mod fingerprint;
pub mod infer;
mod intern;
pub mod mapping;
pub mod numbers;
pub mod orders_only;
pub mod package;
mod prepare;
pub mod query;
pub mod read;
pub mod records;
pub mod result;
mod row;
pub mod rules;
pub mod settings;
pub mod sniff;
pub mod split;
mod store;
#[cfg(feature = "synth")]
pub mod synth;
pub mod texts;
pub mod trend;
pub mod value;
mod window;
mod wire;
pub mod workbook;

pub use analysis::{analyze, analyze_prepared, Analysis};
pub use carrier::Registry;
pub use dataset::{load, Dataset};
pub use prepare::{PackageFacts, Prepared};

pub use read::{FileInput, FileReader, LoadOptions};
pub use settings::Settings;
pub use window::Window;
