//! One name for everything the result explains to a seller: why a package
//! does not count, why its tracking is invalid, and what to be warned of.
//! The texts ([`crate::texts`]) are written per [`Reason`], so the page,
//! the CLI and the exports say the same thing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::exclusion::Exclusion;
use super::validity::InvalidReason;
use super::warning::Warning;

/// An exclusion, an invalid reason or a warning. Serialises as the spec's
/// snake_case key (`missing_tracking`), the same key the CLI's JSON uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The package does not count toward VTR.
    Excluded(Exclusion),
    /// The package counts and its tracking is invalid.
    Invalid(InvalidReason),
    /// The package counts as usual; its data may make Amazon's figure differ.
    Warning(Warning),
}

impl Reason {
    /// Every reason, exclusions first, each group in the spec's order.
    pub fn all() -> impl Iterator<Item = Reason> {
        let excluded = Exclusion::ALL.into_iter().map(Reason::Excluded);
        let invalid = InvalidReason::ALL.into_iter().map(Reason::Invalid);
        let warned = Warning::ALL.into_iter().map(Reason::Warning);
        excluded.chain(invalid).chain(warned)
    }

    /// The spec's key, e.g. `"small_envelope"`.
    pub fn key(self) -> &'static str {
        match self {
            Reason::Excluded(e) => e.key(),
            Reason::Invalid(r) => r.key(),
            Reason::Warning(w) => w.key(),
        }
    }

    /// The reason with this key; keys are unique across the three groups.
    ///
    /// ```
    /// use vtr_core::rules::reason::Reason;
    /// use vtr_core::rules::validity::InvalidReason;
    ///
    /// let r = Reason::from_key("missing_tracking");
    /// assert_eq!(r, Some(Reason::Invalid(InvalidReason::MissingTracking)));
    /// assert_eq!(Reason::from_key("nope"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Reason> {
        Reason::all().find(|r| r.key() == key)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Reason, D::Error> {
        let key = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Reason::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown reason `{key}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let all: Vec<Reason> = Reason::all().collect();
        assert_eq!(all.len(), 21);
        for r in &all {
            assert_eq!(Reason::from_key(r.key()), Some(*r));
            let json = serde_json::to_string(r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.key()));
            assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), *r);
        }
        assert!(serde_json::from_str::<Reason>("\"nope\"").is_err());
    }
}
