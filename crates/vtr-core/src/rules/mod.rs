//! The rules of `shared/spec/vtr-rules.md` that judge one package: which
//! exclusion takes it out of the count ([`exclusion`]), whether its
//! tracking is valid ([`validity`]), and the verdict they add up to
//! ([`outcome`]).

pub mod exclusion;
pub mod outcome;
pub mod reason;
pub mod validity;
pub mod warning;
