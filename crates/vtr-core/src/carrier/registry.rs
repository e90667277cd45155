//! The carrier registry: every carrier the engine knows, the names it goes
//! by, and the two flags the validity rule needs (see
//! `shared/spec/tracking-formats.md`, "The registry").
//!
//! Lookups go through a precomputed map from [`carrier_key`] to
//! [`CarrierId`], so resolving a carrier per package is one hash probe with
//! no allocation for ordinary (ASCII, short) names.
//!
//! Choices the spec leaves open, decided here:
//! - Two spellings with the same key ("Spee-Dee" / "Speedee") are the same
//!   name; a key that is empty (all punctuation) or `other` never enters
//!   the map, so neither can be made to name a carrier.
//! - A user alias may take a spelling away from another carrier's alias
//!   (the user knows their data), but never another carrier's own name.
//! - Adding a carrier whose name already resolves merges its aliases and
//!   formats into the existing carrier and leaves the flags alone; flags
//!   change only through [`FlagEdit`].
//! - Edits naming an unknown carrier are ignored.

use rustc_hash::FxHashMap;

use super::formats::Format;
use super::{carrier_key, with_carrier_key};

/// Index of a carrier in its [`Registry`]. Stable across edits: carriers
/// are only ever appended.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct CarrierId(pub u16);

/// One carrier: how Amazon's list spells it, what else people write for
/// it, and the tracking formats it issues.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Carrier {
    /// The name as Amazon's carrier list spells it.
    pub name: String,
    /// Other spellings that mean this carrier.
    pub aliases: Vec<String>,
    /// Whether Amazon is integrated with its tracking, so that its numbers
    /// can count as valid. Freight with a non-integrated carrier is excluded.
    pub integrated: bool,
    /// Whether Amazon's carrier drop-down offers it; typing a listed
    /// carrier under "Other" makes the tracking invalid.
    pub listed: bool,
    /// The formats its numbers take. Empty means "any 8 to 40 letters/digits".
    #[serde(default)]
    pub formats: Vec<Format>,
}

/// What [`Registry::get`] returns for an id that belongs to another
/// registry, so a stray id cannot panic.
static UNKNOWN_CARRIER: Carrier = Carrier {
    name: String::new(),
    aliases: Vec::new(),
    integrated: false,
    listed: false,
    formats: Vec::new(),
};

/// The set of known carriers with its lookup indexes.
#[derive(Clone, Debug)]
pub struct Registry {
    carriers: Vec<Carrier>,
    /// carrier_key(name or alias) -> carrier.
    index: FxHashMap<String, CarrierId>,
    /// Keys that are some carrier's own name; aliases may not take these.
    names: FxHashMap<String, CarrierId>,
    /// Each format once, with the carriers that accept it.
    format_index: Vec<(Format, Vec<CarrierId>)>,
    usps: Option<CarrierId>,
}

/// A carrier the user adds (or, when the name already resolves, extra
/// aliases and formats for an existing one).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewCarrier {
    /// The name as Amazon's carrier list (or the seller) spells it.
    pub name: String,
    /// Other spellings that mean it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether its tracking can count as valid; yes unless said.
    #[serde(default = "yes")]
    pub integrated: bool,
    /// Whether Amazon's drop-down offers it; yes unless said.
    #[serde(default = "yes")]
    pub listed: bool,
    /// Formats from the table its numbers take; none means any 8 to 40
    /// letters/digits.
    #[serde(default)]
    pub formats: Vec<Format>,
}

fn yes() -> bool {
    true
}

/// "Text `alias` means carrier `carrier`" (the carrier by name or alias).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AliasEdit {
    /// The carrier, by its name or any alias it already has.
    pub carrier: String,
    /// The new spelling, as the seller's files write it.
    pub alias: String,
}

/// Set a carrier's flags; `None` leaves a flag as it is.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FlagEdit {
    /// The carrier, by name or alias.
    pub carrier: String,
    /// The new [`Carrier::integrated`], if it changes.
    #[serde(default)]
    pub integrated: Option<bool>,
    /// The new [`Carrier::listed`], if it changes.
    #[serde(default)]
    pub listed: Option<bool>,
}

/// A user's changes to the default registry, kept by the app between
/// visits. Applied in a fixed order, carriers, then aliases, then flags,
/// so aliases and flags may refer to carriers added in the same edits.
/// Every field defaults to empty, so older saved edits still load.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegistryEdits {
    /// Carriers added (applied first).
    #[serde(default)]
    pub carriers: Vec<NewCarrier>,
    /// Spellings pointed at carriers (applied second).
    #[serde(default)]
    pub aliases: Vec<AliasEdit>,
    /// Flag changes (applied last).
    #[serde(default)]
    pub flags: Vec<FlagEdit>,
}

impl RegistryEdits {
    /// Records that `alias` means `carrier`.
    pub fn add_alias(&mut self, carrier: &str, alias: &str) -> &mut Self {
        self.aliases.push(AliasEdit {
            carrier: carrier.to_owned(),
            alias: alias.to_owned(),
        });
        self
    }

    /// Records a new integrated carrier with no formats; `listed` says
    /// whether Amazon's drop-down offers it.
    pub fn add_carrier(&mut self, name: &str, aliases: &[&str], listed: bool) -> &mut Self {
        self.carriers.push(NewCarrier {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            integrated: true,
            listed,
            formats: Vec::new(),
        });
        self
    }

    /// Records a change of the `integrated` flag.
    pub fn set_integrated(&mut self, carrier: &str, integrated: bool) -> &mut Self {
        self.flags.push(FlagEdit {
            carrier: carrier.to_owned(),
            integrated: Some(integrated),
            listed: None,
        });
        self
    }

    /// Records a change of the `listed` flag.
    pub fn set_listed(&mut self, carrier: &str, listed: bool) -> &mut Self {
        self.flags.push(FlagEdit {
            carrier: carrier.to_owned(),
            integrated: None,
            listed: Some(listed),
        });
        self
    }
}

/// Shorthand for the default table: (name, aliases, formats).
type Entry = (&'static str, &'static [&'static str], &'static [Format]);

const S10: &[Format] = &[Format::S10];
const NONE: &[Format] = &[];

/// Integrated, listed carriers, in the spec's order.
const LISTED: &[Entry] = &[
    (
        "USPS",
        &[
            "United States Postal Service",
            "US Postal Service",
            "U.S.P.S.",
        ],
        &[
            Format::Usps20,
            Format::UspsImpb,
            Format::UspsLegacy91,
            Format::S10,
        ],
    ),
    (
        "UPS",
        &["United Parcel Service", "UPS Ground"],
        &[Format::Ups1Z, Format::UpsWaybill],
    ),
    ("UPS Mail Innovations", &["UPSMI", "UPS MI"], NONE),
    (
        "FedEx",
        &[
            "Federal Express",
            "FedEx Ground",
            "FedEx Express",
            "FedEx Home Delivery",
            "FDXG",
            "FDXE",
        ],
        &[
            Format::FedexExpress12,
            Format::FedexGround15,
            Format::FedexGround96,
            Format::FedexSscc18,
            Format::FedexExpress34,
            Format::FedexAstra32,
            Format::FedexGroundGsn34,
        ],
    ),
    (
        "FedEx SmartPost",
        &["SmartPost", "FedEx Ground Economy"],
        &[Format::UspsImpb],
    ),
    (
        "DHL",
        &["DHL Express"],
        &[Format::DhlExpress, Format::DhlPieceId],
    ),
    (
        "DHL eCommerce",
        &["DHL Global Mail", "DHL eCommerce Solutions"],
        &[
            Format::DhlEcomPrefixed,
            Format::DhlEcom14,
            Format::S10,
            Format::UspsImpb,
        ],
    ),
    ("OnTrac", &[], &[Format::OnTrac]),
    (
        "LaserShip",
        &[],
        &[
            Format::LaserShipL,
            Format::LaserShip1Ls7_15,
            Format::LaserShip1Ls7Piece,
            Format::LaserShip1Lscx,
        ],
    ),
    (
        "Amazon Shipping",
        &["Amazon", "AMZL", "AMZL_US", "Amazon Logistics"],
        &[Format::AmazonLogistics, Format::AmazonInternational],
    ),
    ("Canada Post", &[], &[Format::CanadaPost16, Format::S10]),
    (
        "Purolator",
        &[],
        &[Format::Purolator12, Format::PurolatorAlpha],
    ),
    ("Canpar", &[], &[Format::Canpar22]),
    ("DPD", &[], &[Format::Dpd15, Format::Dpd28]),
    ("Yodel", &[], &[Format::YodelJd]),
    ("Royal Mail", &[], S10),
    ("Deutsche Post", &[], S10),
    ("Hongkong Post", &["Hong Kong Post"], S10),
    ("Japan Post", &[], S10),
    ("Australia Post", &[], S10),
    ("Asendia", &[], S10),
    ("TNT", &[], NONE),
    ("Newgistics", &[], NONE),
    ("First Mile", &["Firstmile"], NONE),
    ("GOFO", &["GOFO Express"], &[Format::GofoUs]),
    ("Spee-Dee", &["Speedee"], &[Format::SpeeDee20]),
    ("Landmark Global", &["Landmark"], &[Format::LandmarkLtn]),
    (
        "China Post",
        &["China EMS", "EMS", "ePacket", "EUB", "China Post ePacket"],
        S10,
    ),
    ("4PX", &[], S10),
    ("JCEX", &[], S10),
    ("SFC", &[], S10),
    ("SF Express", &[], NONE),
    ("Yanwen", &[], S10),
    (
        "Yun Express",
        &["YunExpress"],
        &[Format::YunExpressYt, Format::S10],
    ),
    ("WanbExpress", &["Wanb Express"], S10),
    ("Chukou1", &["CK1"], S10),
    ("CNE", &[], S10),
    ("UBI Equick", &["UBI"], S10),
    ("Sunyou", &[], S10),
    ("YDH", &[], S10),
];

/// Freight carriers Amazon is not integrated with (still on its list).
const FREIGHT: &[Entry] = &[
    (
        "Old Dominion",
        &["ODFL", "Old Dominion Freight Line"],
        &[Format::OldDominionPro, Format::OldDominionGuaranteed],
    ),
    ("Estes", &[], NONE),
    ("XPO Logistics", &[], NONE),
    ("R+L Carriers", &[], NONE),
    ("Saia", &[], NONE),
    ("ABF Freight", &[], NONE),
    ("YRC Freight", &[], NONE),
];

impl Default for Registry {
    /// Exactly the registry of `shared/spec/tracking-formats.md`.
    fn default() -> Self {
        let entry = |(name, aliases, formats): &Entry, integrated: bool| Carrier {
            name: (*name).to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            integrated,
            listed: true,
            formats: formats.to_vec(),
        };
        let carriers = LISTED
            .iter()
            .map(|e| entry(e, true))
            .chain(FREIGHT.iter().map(|e| entry(e, false)))
            .collect();
        Registry::from_carriers(carriers)
    }
}

impl Registry {
    /// A registry of exactly these carriers (ids in this order; carriers
    /// past `u16::MAX` are dropped). Names and aliases are indexed with
    /// the rules in the module doc: earlier entries win a clash.
    pub fn from_carriers(carriers: Vec<Carrier>) -> Self {
        let mut reg = Registry {
            carriers: Vec::new(),
            index: FxHashMap::default(),
            names: FxHashMap::default(),
            format_index: Vec::new(),
            usps: None,
        };
        for c in carriers {
            reg.push(c);
        }
        reg.rebuild_derived();
        reg
    }

    /// Appends a carrier and indexes its names, unless the id space is full
    /// or its name is unusable (empty key, "Other", or taken by another
    /// carrier's name).
    fn push(&mut self, carrier: Carrier) -> Option<CarrierId> {
        let key = carrier_key(&carrier.name);
        if key.is_empty() || key == "other" || self.names.contains_key(&key) {
            return None;
        }
        let id = CarrierId(u16::try_from(self.carriers.len()).ok()?);
        self.names.insert(key.clone(), id);
        self.index.insert(key, id);
        for alias in &carrier.aliases {
            let k = carrier_key(alias);
            if !k.is_empty() && k != "other" {
                self.index.entry(k).or_insert(id);
            }
        }
        self.carriers.push(carrier);
        Some(id)
    }

    fn rebuild_derived(&mut self) {
        self.usps = self.names.get("usps").copied();
        let mut format_index: Vec<(Format, Vec<CarrierId>)> = Vec::new();
        for (i, c) in self.carriers.iter().enumerate() {
            let Ok(raw) = u16::try_from(i) else { break };
            for &f in &c.formats {
                match format_index.iter_mut().find(|(g, _)| *g == f) {
                    Some((_, owners)) => owners.push(CarrierId(raw)),
                    None => format_index.push((f, vec![CarrierId(raw)])),
                }
            }
        }
        self.format_index = format_index;
    }

    /// The carrier `text` names, by name or alias, ignoring case, spaces and
    /// punctuation. `None` for unknown text and for the "Other" placeholder.
    ///
    /// ```
    /// use vtr_core::Registry;
    ///
    /// let reg = Registry::default();
    /// let usps = reg.resolve("USPS").unwrap();
    /// assert_eq!(reg.resolve("U.S.P.S."), Some(usps));
    /// assert_eq!(reg.resolve(" united states postal service "), Some(usps));
    /// assert_eq!(reg.get(usps).name, "USPS");
    /// // A freight carrier is known, though its tracking cannot count.
    /// let odfl = reg.resolve("ODFL").unwrap();
    /// assert_eq!(reg.get(odfl).name, "Old Dominion");
    /// assert!(!reg.get(odfl).integrated);
    /// assert_eq!(reg.resolve("Other"), None);
    /// assert_eq!(reg.resolve("Pony Express"), None);
    /// ```
    pub fn resolve(&self, text: &str) -> Option<CarrierId> {
        with_carrier_key(text, |k| self.index.get(k).copied())
    }

    /// Whether `text` is Amazon's "Other" placeholder (any case/punctuation).
    pub fn is_other(text: &str) -> bool {
        with_carrier_key(text, |k| k == "other")
    }

    /// The carrier with this id. An id from another registry yields an
    /// empty, non-integrated placeholder rather than a panic.
    pub fn get(&self, id: CarrierId) -> &Carrier {
        self.carriers
            .get(usize::from(id.0))
            .unwrap_or(&UNKNOWN_CARRIER)
    }

    /// All carriers; a carrier's index here is its id.
    pub fn carriers(&self) -> &[Carrier] {
        &self.carriers
    }

    /// Whether `id` is USPS (the `small_envelope` exclusion needs it).
    pub fn is_usps(&self, id: CarrierId) -> bool {
        self.usps == Some(id)
    }

    /// Each format once, with the carriers accepting it.
    pub(crate) fn format_index(&self) -> &[(Format, Vec<CarrierId>)] {
        &self.format_index
    }

    /// Applies a user's edits (see [`RegistryEdits`] for the order and the
    /// module doc for clashes). Edits naming unknown carriers are skipped.
    pub fn apply(&mut self, edits: &RegistryEdits) {
        for nc in &edits.carriers {
            match self.resolve(&nc.name) {
                Some(id) => {
                    for alias in &nc.aliases {
                        self.add_alias(id, alias);
                    }
                    if let Some(c) = self.carriers.get_mut(usize::from(id.0)) {
                        for &f in &nc.formats {
                            if !c.formats.contains(&f) {
                                c.formats.push(f);
                            }
                        }
                    }
                }
                None => {
                    let added = self.push(Carrier {
                        name: nc.name.trim().to_owned(),
                        aliases: Vec::new(),
                        integrated: nc.integrated,
                        listed: nc.listed,
                        formats: nc.formats.clone(),
                    });
                    if let Some(id) = added {
                        for alias in &nc.aliases {
                            self.add_alias(id, alias);
                        }
                    }
                }
            }
        }
        for e in &edits.aliases {
            if let Some(id) = self.resolve(&e.carrier) {
                self.add_alias(id, &e.alias);
            }
        }
        for f in &edits.flags {
            let Some(id) = self.resolve(&f.carrier) else {
                continue;
            };
            if let Some(c) = self.carriers.get_mut(usize::from(id.0)) {
                if let Some(v) = f.integrated {
                    c.integrated = v;
                }
                if let Some(v) = f.listed {
                    c.listed = v;
                }
            }
        }
        self.rebuild_derived();
    }

    /// Points `alias` at `id`, moving it off another carrier's alias list
    /// if needed; refuses keys that are a carrier's own name or unusable.
    fn add_alias(&mut self, id: CarrierId, alias: &str) {
        let key = carrier_key(alias);
        if key.is_empty() || key == "other" {
            return;
        }
        if let Some(&owner) = self.names.get(&key) {
            // Someone's own name: fine only as a no-op for that carrier.
            if owner != id {
                return;
            }
        }
        if let Some(&previous) = self.index.get(&key) {
            if previous == id {
                return;
            }
            if let Some(prev) = self.carriers.get_mut(usize::from(previous.0)) {
                prev.aliases.retain(|a| carrier_key(a) != key);
            }
        }
        self.index.insert(key, id);
        if let Some(c) = self.carriers.get_mut(usize::from(id.0)) {
            c.aliases.push(alias.trim().to_owned());
        }
    }
}

/// Whether `normalized` passes one of the formats of carrier `id`. A carrier
/// without formats passes nothing here; see [`has_formats`].
pub fn passes_any_format(reg: &Registry, id: CarrierId, normalized: &str) -> bool {
    let s = normalized.as_bytes();
    reg.get(id).formats.iter().any(|f| f.matches(s))
}

/// Whether carrier `id` has any format in the table. Carriers without one
/// accept any 8 to 40 letters/digits.
pub fn has_formats(reg: &Registry, id: CarrierId) -> bool {
    !reg.get(id).formats.is_empty()
}

/// Every carrier with a format `normalized` passes (check digit included),
/// in registry order. Used to name the carrier a mis-labelled number
/// probably belongs to.
pub fn format_carriers(reg: &Registry, normalized: &str) -> Vec<CarrierId> {
    let s = normalized.as_bytes();
    let mut out = Vec::new();
    for (i, c) in reg.carriers().iter().enumerate() {
        if c.formats.iter().any(|f| f.matches(s)) {
            if let Ok(id) = u16::try_from(i) {
                out.push(CarrierId(id));
            }
        }
    }
    out
}

/// Whether `s` passes a format held by some carrier other than `id`: the
/// `carrier_mismatch` test. Walks the registry's de-duplicated format
/// index so a format shared by 21 postal carriers is tried once.
pub(crate) fn passes_other_carrier(reg: &Registry, id: CarrierId, s: &[u8]) -> bool {
    reg.format_index()
        .iter()
        .any(|(f, owners)| owners.iter().any(|&o| o != id) && f.matches(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_default_alias_clashes_across_carriers() {
        // Every name and alias of the default table must resolve to its own
        // carrier; a clash would silently send packages elsewhere.
        let reg = Registry::default();
        for (i, c) in reg.carriers().iter().enumerate() {
            let id = Some(CarrierId(i as u16));
            assert_eq!(reg.resolve(&c.name), id, "{}", c.name);
            for a in &c.aliases {
                assert_eq!(reg.resolve(a), id, "{a}");
            }
        }
    }

    #[test]
    fn stray_id_gets_placeholder() {
        let reg = Registry::default();
        let c = reg.get(CarrierId(u16::MAX));
        assert_eq!(c.name, "");
        assert!(!c.integrated);
    }
}
