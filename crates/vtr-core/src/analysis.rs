//! The rules applied to a loaded [`Dataset`]: the one call the command line
//! and the web app make after loading, and again after every settings change.

use crate::carrier::Registry;
use crate::package::{Package, Text};
use crate::read::Dataset;
use crate::result::{summarise, Summary, SummaryInput};
use crate::rules::outcome::{skipped_rules, Facts, Rules, SkippedRule, Verdict};
use crate::settings::Settings;
use crate::window::Window;

/// Everything the rules found, per package and in total.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The section-8 object.
    pub summary: Summary,
    /// Window-independent facts, parallel to `Dataset::packages`.
    pub facts: Vec<Facts>,
    /// The verdict of each package, parallel to `Dataset::packages`.
    pub verdicts: Vec<Verdict>,
    /// Rules that could not run for lack of a field.
    pub skipped_rules: Vec<SkippedRule>,
    /// Whether any file carries scan evidence; without it the result is a
    /// prediction from what can be checked offline.
    pub scan_evidence: bool,
    /// Distinct carrier labels (see [`carrier_label`]).
    pub carrier_labels: Vec<String>,
    /// Each package's index into `carrier_labels`, parallel to the packages.
    pub carrier_of: Vec<u32>,
}

impl Analysis {
    /// The carrier label of package `i`.
    pub fn carrier(&self, i: usize) -> &str {
        self.carrier_of
            .get(i)
            .and_then(|&l| self.carrier_labels.get(l as usize))
            .map_or("", String::as_str)
    }
}

/// Applies the rules to every package.
pub fn analyze(data: &Dataset, settings: &Settings, registry: &Registry) -> Analysis {
    let rules = Rules {
        settings,
        registry,
        interner: &data.packages.interner,
        fields: data.fields,
    };
    let facts = rules.facts(&data.packages.packages);
    let window = Window::from_settings(settings, data.fields.any_date());
    let dates_mapped = data.fields.any_date();
    let verdicts: Vec<Verdict> = facts
        .iter()
        .map(|f| f.verdict(&window, dates_mapped))
        .collect();
    let (carrier_labels, carrier_of) = label_carriers(data, registry, &facts);
    let carrier_name = |i: usize| {
        let l = carrier_of.get(i).copied().unwrap_or(0) as usize;
        carrier_labels.get(l).cloned().unwrap_or_default()
    };
    let summary = summarise(&SummaryInput {
        settings,
        window,
        packages: &data.packages,
        facts: &facts,
        verdicts: &verdicts,
        rows: data.rows,
        duplicate_rows: data.duplicate_rows,
        carrier_name: &carrier_name,
    });
    Analysis {
        summary,
        facts,
        verdicts,
        skipped_rules: skipped_rules(data.fields),
        scan_evidence: data.fields.has_scan_evidence(),
        carrier_labels,
        carrier_of,
    }
}

/// Labels depend on (carrier, carrier name, recognised carrier) only, so
/// each distinct triple is labelled once.
fn label_carriers(data: &Dataset, registry: &Registry, facts: &[Facts]) -> (Vec<String>, Vec<u32>) {
    use rustc_hash::FxHashMap;
    let mut by_key: FxHashMap<
        (
            crate::package::Sym,
            crate::package::Sym,
            Option<crate::carrier::CarrierId>,
        ),
        u32,
    > = FxHashMap::default();
    let mut by_label: FxHashMap<String, u32> = FxHashMap::default();
    let mut labels: Vec<String> = Vec::new();
    let of = data
        .packages
        .packages
        .iter()
        .zip(facts)
        .map(|(p, f)| {
            let key = (p.text(Text::Carrier), p.text(Text::CarrierName), f.carrier);
            *by_key.entry(key).or_insert_with(|| {
                let label = carrier_label(data, registry, p, f);
                *by_label.entry(label.clone()).or_insert_with(|| {
                    labels.push(label);
                    u32::try_from(labels.len() - 1).unwrap_or(u32::MAX)
                })
            })
        })
        .collect();
    (labels, of)
}

/// The carrier as a seller reads it: the recognised name, else what was
/// written ("Other (name)" for a typed name), else "(none)".
pub fn carrier_label(data: &Dataset, registry: &Registry, p: &Package, f: &Facts) -> String {
    if let Some(id) = f.carrier {
        return registry.get(id).name.clone();
    }
    let interner = &data.packages.interner;
    let carrier = interner.get(p.text(Text::Carrier)).trim();
    let name = interner.get(p.text(Text::CarrierName)).trim();
    match (carrier, name) {
        ("", "") => "(none)".to_string(),
        ("", n) => n.to_string(),
        (c, "") => c.to_string(),
        (c, n) if Registry::is_other(c) => format!("{c} ({n})"),
        (c, _) => c.to_string(),
    }
}
