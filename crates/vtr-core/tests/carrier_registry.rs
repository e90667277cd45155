//! The default carrier registry of shared/spec/tracking-formats.md and the
//! user edits the app applies to it.

use vtr_core::carrier::{CarrierId, NewCarrier, Registry, RegistryEdits};

fn name_of(reg: &Registry, text: &str) -> Option<String> {
    reg.resolve(text).map(|id| reg.get(id).name.clone())
}

#[test]
fn names_and_aliases_resolve_ignoring_case_spaces_and_punctuation() {
    let reg = Registry::default();
    let cases = [
        ("U.S.P.S.", "USPS"),
        ("usps", "USPS"),
        ("United States Postal Service", "USPS"),
        ("fedex ground", "FedEx"),
        ("FDXE", "FedEx"),
        ("FedEx Home-Delivery", "FedEx"),
        ("FedEx Ground Economy", "FedEx SmartPost"),
        ("CK1", "Chukou1"),
        ("amzl_us", "Amazon Shipping"),
        ("Amazon", "Amazon Shipping"),
        ("UPS MI", "UPS Mail Innovations"),
        ("upsmi", "UPS Mail Innovations"),
        ("Hong Kong Post", "Hongkong Post"),
        ("EMS", "China Post"),
        ("China Post ePacket", "China Post"),
        ("speedee", "Spee-Dee"),
        ("SPEE-DEE", "Spee-Dee"),
        ("Landmark", "Landmark Global"),
        ("YunExpress", "Yun Express"),
        ("Wanb Express", "WanbExpress"),
        ("UBI", "UBI Equick"),
        ("r+l carriers", "R+L Carriers"),
        ("ODFL", "Old Dominion"),
        ("DHL Global Mail", "DHL eCommerce"),
        ("DHL Express", "DHL"),
        ("  dhl  ", "DHL"),
    ];
    for (text, expected) in cases {
        assert_eq!(name_of(&reg, text).as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn unknown_text_and_other_do_not_resolve() {
    let reg = Registry::default();
    for text in [
        "",
        "   ",
        "...",
        "Acme Couriers",
        "Other",
        "OTHER",
        " other. ",
        "中国邮政",
    ] {
        assert_eq!(reg.resolve(text), None, "{text:?}");
    }
    assert!(Registry::is_other("Other"));
    assert!(Registry::is_other(" o-t-h-e-r "));
    assert!(!Registry::is_other("Others"));
    assert!(!Registry::is_other(""));
}

#[test]
fn default_registry_has_every_spec_carrier_with_its_flags() {
    let reg = Registry::default();
    assert_eq!(reg.carriers().len(), 47);
    let freight = [
        "Old Dominion",
        "Estes",
        "XPO Logistics",
        "R+L Carriers",
        "Saia",
        "ABF Freight",
        "YRC Freight",
    ];
    for c in reg.carriers() {
        let is_freight = freight.contains(&c.name.as_str());
        assert_eq!(c.integrated, !is_freight, "{}", c.name);
        assert!(c.listed, "{}", c.name);
    }
    for name in freight {
        assert!(reg.resolve(name).is_some(), "{name}");
    }
    let usps = reg.resolve("USPS").unwrap();
    assert!(reg.is_usps(usps));
    assert!(!reg.is_usps(reg.resolve("UPS").unwrap()));
    assert_eq!(usps, CarrierId(0));
}

#[test]
fn edits_add_aliases_carriers_and_flip_flags() {
    let mut reg = Registry::default();
    let mut edits = RegistryEdits::default();
    edits
        .add_carrier("Acme Couriers", &["ACME"], false)
        .add_alias("Yun Express", "YunTu")
        .add_alias("acme couriers", "Acme Co.")
        .set_integrated("Estes", true)
        .set_listed("Yun Express", false)
        .set_integrated("ups", false);
    reg.apply(&edits);

    assert_eq!(reg.carriers().len(), 48);
    let acme = reg.resolve("acme").unwrap();
    assert_eq!(acme, CarrierId(47));
    assert_eq!(reg.resolve("ACME CO"), Some(acme));
    let a = reg.get(acme);
    assert_eq!(a.name, "Acme Couriers");
    assert!(a.integrated);
    assert!(!a.listed);
    assert!(a.formats.is_empty());

    assert_eq!(name_of(&reg, "yuntu").as_deref(), Some("Yun Express"));
    assert!(reg.get(reg.resolve("Estes").unwrap()).integrated);
    assert!(!reg.get(reg.resolve("Yun Express").unwrap()).listed);
    assert!(!reg.get(reg.resolve("UPS").unwrap()).integrated);
}

#[test]
fn edits_are_idempotent() {
    let mut edits = RegistryEdits::default();
    edits
        .add_carrier("Acme", &["ACM"], true)
        .add_alias("USPS", "Post Office");
    let mut once = Registry::default();
    once.apply(&edits);
    let mut twice = once.clone();
    twice.apply(&edits);
    assert_eq!(once.carriers(), twice.carriers());
}

#[test]
fn odd_edits_are_ignored_without_panicking() {
    let mut reg = Registry::default();
    let mut edits = RegistryEdits::default();
    edits
        .add_alias("No Such Carrier", "whatever")
        .set_integrated("No Such Carrier", false)
        .add_alias("USPS", "Other")
        .add_alias("USPS", "--")
        .add_alias("FedEx", "UPS") // another carrier's own name
        .add_carrier("Other", &[], true)
        .add_carrier("", &[], true)
        .add_carrier("   ", &["x"], true);
    reg.apply(&edits);
    assert_eq!(reg.carriers().len(), 47);
    assert_eq!(reg.resolve("whatever"), None);
    assert_eq!(reg.resolve("Other"), None);
    assert_eq!(name_of(&reg, "UPS").as_deref(), Some("UPS"));
    assert!(!reg
        .get(reg.resolve("FedEx").unwrap())
        .aliases
        .iter()
        .any(|a| a == "UPS"));
}

#[test]
fn a_user_alias_moves_an_alias_off_another_carrier() {
    let mut reg = Registry::default();
    let mut edits = RegistryEdits::default();
    edits.add_alias("FedEx SmartPost", "FedEx Ground");
    reg.apply(&edits);
    assert_eq!(
        name_of(&reg, "fedex ground").as_deref(),
        Some("FedEx SmartPost")
    );
    let fedex = reg.get(reg.resolve("FedEx").unwrap());
    assert!(!fedex.aliases.iter().any(|a| a == "FedEx Ground"));
}

#[test]
fn adding_an_existing_carrier_merges_its_aliases() {
    let mut reg = Registry::default();
    let mut edits = RegistryEdits::default();
    edits.carriers.push(NewCarrier {
        name: "u.s.p.s".into(),
        aliases: vec!["Postal".into()],
        integrated: false,
        listed: false,
        formats: vec![],
    });
    reg.apply(&edits);
    assert_eq!(reg.carriers().len(), 47);
    let usps = reg.get(reg.resolve("postal").unwrap());
    assert_eq!(usps.name, "USPS");
    // Flags change only through flag edits.
    assert!(usps.integrated);
    assert!(usps.listed);
}

#[test]
fn edits_round_trip_through_json() {
    let mut edits = RegistryEdits::default();
    edits
        .add_carrier("Acme", &["ACM"], false)
        .add_alias("UPS", "Brown")
        .set_listed("TNT", false);
    let json = serde_json::to_string(&edits).unwrap();
    let back: RegistryEdits = serde_json::from_str(&json).unwrap();
    assert_eq!(back, edits);

    // Older or partial saves still load; missing flags default to true.
    let partial: RegistryEdits =
        serde_json::from_str(r#"{"carriers":[{"name":"Zed","formats":["s10"]}],"extra":1}"#)
            .unwrap();
    assert_eq!(partial.carriers.len(), 1);
    assert!(partial.carriers[0].integrated && partial.carriers[0].listed);
    assert!(partial.aliases.is_empty());
    let empty: RegistryEdits = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, RegistryEdits::default());

    let mut reg = Registry::default();
    reg.apply(&partial);
    let zed = reg.resolve("zed").unwrap();
    assert!(vtr_core::carrier::passes_any_format(
        &reg,
        zed,
        "RA123456785US"
    ));
}
