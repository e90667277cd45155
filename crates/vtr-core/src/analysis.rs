//! The rules applied to a loaded [`Dataset`] under the seller's settings:
//! one pass over the prepared facts of every package, counting into
//! tables indexed by category and carrier, so a settings change at 600,000
//! packages takes milliseconds.

use crate::carrier::Registry;
use crate::dataset::Dataset;
use crate::prepare::{PackageFacts, Prepared};
use crate::result::{
    fixes_needed, ratio, status_of, CarrierResult, CategoryResult, ExcludedCounts, InvalidCounts,
    SegmentResult, Segments, SettingsEcho, Status, Summary, Warnings,
};
use crate::rules::exclusion::Exclusion;
use crate::rules::outcome::{skipped_rules, SkippedRule, Verdict};
use crate::settings::Settings;
use crate::value::country;
use crate::window::Window;
use chrono::Datelike;
use std::sync::Arc;

/// Everything the rules found, per package and in total.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The section-8 object.
    pub summary: Summary,
    /// The verdict of each package, parallel to [`Dataset::order`].
    pub verdicts: Vec<Verdict>,
    /// The settings-free facts the verdicts came from.
    pub prepared: Arc<Prepared>,
    /// Rules that could not run for lack of a field.
    pub skipped_rules: Vec<SkippedRule>,
    /// Whether any file carries scan evidence; without it the result is a
    /// prediction from what can be checked offline.
    pub scan_evidence: bool,
    /// The settings the analysis was made with.
    pub settings: Settings,
}

impl Analysis {
    /// The carrier label of package `i`.
    pub fn carrier(&self, i: usize) -> &str {
        self.prepared
            .get(i)
            .map_or("", |f| self.prepared.carrier_label(f.carrier_label))
    }

    /// The category of package `i`, as the result names it.
    pub fn category(&self, i: usize) -> &str {
        self.prepared
            .get(i)
            .map_or("", |f| self.prepared.category_label(f.category))
    }

    /// The settings-free facts of package `i`.
    pub fn facts(&self, i: usize) -> Option<&PackageFacts> {
        self.prepared.get(i)
    }
}

/// Applies the rules to every package (preparing the facts first).
pub fn analyze(data: &Dataset, settings: &Settings, registry: &Registry) -> Analysis {
    let prepared = Arc::new(Prepared::new(data, registry));
    analyze_prepared(data, &prepared, settings)
}

/// The settings-dependent part of an exclusion decision, shared by the
/// result and the trend: freight, small envelope and international low
/// value (section 3), with whether the value was missing for the last two.
pub(crate) struct AfterWindow<'a> {
    settings: &'a Settings,
    foreign: Vec<bool>,
}

impl<'a> AfterWindow<'a> {
    pub(crate) fn new(prepared: &Prepared, settings: &'a Settings) -> Self {
        let (_, _, origins) = prepared.label_counts();
        let foreign = (0..origins as u32)
            .map(|o| country::is_foreign(prepared.origin_label(o), &settings.marketplace))
            .collect();
        AfterWindow { settings, foreign }
    }

    /// The exclusion after the window, and `value_unknown` (section 6).
    pub(crate) fn check(&self, f: &PackageFacts) -> (Option<Exclusion>, bool) {
        if f.freight() {
            return (Some(Exclusion::FreightNonIntegrated), false);
        }
        let s = self.settings;
        let value = f.value();
        let international = s.international
            || self
                .foreign
                .get(f.origin as usize)
                .copied()
                .unwrap_or(false);
        let mut unknown = f.envelope() && value.is_none();
        if f.envelope() && value.is_some_and(|v| v < s.small_envelope_limit) {
            return (Some(Exclusion::SmallEnvelope), unknown);
        }
        if international && value.is_some_and(|v| v <= s.international_limit) {
            return (Some(Exclusion::InternationalLowValue), unknown);
        }
        unknown |= international && value.is_none();
        (None, unknown)
    }
}

/// Applies the settings to prepared facts: the verdicts and the result.
pub fn analyze_prepared(data: &Dataset, prepared: &Arc<Prepared>, settings: &Settings) -> Analysis {
    let fields = prepared.fields();
    let window = Window::from_settings(settings, fields.any_date());
    let dates_mapped = fields.any_date();
    let after = AfterWindow::new(prepared, settings);
    // The window's ends as day numbers, compared with every package's.
    let days = (
        window.start.map_or(i32::MIN, |d| d.num_days_from_ce()),
        window.end.map_or(i32::MAX, |d| d.num_days_from_ce()),
    );
    let (n_categories, n_carriers, _) = prepared.label_counts();
    let mut c = Counters {
        by_category: vec![(0u64, 0u64); n_categories],
        by_carrier: vec![(0u64, 0u64); n_carriers],
        excluded: ExcludedCounts::default(),
        invalid: InvalidCounts::default(),
        valid: 0,
        premium: SegmentResult::default(),
        warnings: Warnings {
            duplicate_rows: data.duplicate_rows(),
            reused_tracking: data.reused_tracking(),
            ..Warnings::default()
        },
    };
    let mut verdicts = Vec::with_capacity(prepared.facts().len());
    let rules = Pass {
        window: &window,
        days,
        dates_mapped,
        after: &after,
    };
    for batch in prepared.facts().chunks(crate::dataset::BATCH) {
        rules.count(batch, &mut c, &mut verdicts);
    }
    let Counters {
        by_category,
        by_carrier,
        excluded,
        invalid,
        valid,
        premium,
        warnings,
    } = c;
    let t = settings.threshold_bp;
    let mut categories: Vec<CategoryResult> = by_category
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .map(|(id, &(considered, valid))| CategoryResult {
            category: prepared.category_label(id as u32).to_string(),
            considered,
            valid,
            vtr: ratio(valid, considered),
            status: status_of(valid, considered, t),
            fixes_needed: fixes_needed(valid, considered, t),
        })
        .collect();
    categories.sort_by(|a, b| a.category.cmp(&b.category));
    let mut carriers: Vec<CarrierResult> = by_carrier
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .map(|(id, &(considered, valid))| CarrierResult {
            carrier: prepared.carrier_label(id as u32).to_string(),
            considered,
            valid,
        })
        .collect();
    carriers.sort_by(|a, b| {
        b.considered
            .cmp(&a.considered)
            .then_with(|| a.carrier.cmp(&b.carrier))
    });
    let considered = valid + invalid.total();
    let status = if categories.iter().all(|c| c.status == Status::NoData) {
        Status::NoData
    } else if categories.iter().any(|c| c.status == Status::AtRisk) {
        Status::AtRisk
    } else {
        Status::Ok
    };
    let summary = Summary {
        settings: SettingsEcho {
            as_of: settings.as_of,
            window_days: settings.window_days,
            lag_days: settings.lag_days,
            threshold: settings.threshold_fraction(),
            international: settings.international,
        },
        window,
        rows: data.rows(),
        packages: data.len() as u64,
        excluded,
        considered,
        valid,
        invalid,
        vtr: ratio(valid, considered),
        status,
        fixes_needed: categories.iter().map(|c| c.fixes_needed).sum(),
        categories,
        carriers,
        segments: Segments { premium },
        warnings,
    };
    Analysis {
        summary,
        verdicts,
        prepared: Arc::clone(prepared),
        skipped_rules: skipped_rules(fields),
        scan_evidence: fields.has_scan_evidence(),
        settings: settings.clone(),
    }
}

/// The counts the pass adds up.
struct Counters {
    by_category: Vec<(u64, u64)>,
    by_carrier: Vec<(u64, u64)>,
    excluded: ExcludedCounts,
    invalid: InvalidCounts,
    valid: u64,
    premium: SegmentResult,
    warnings: Warnings,
}

/// What the pass over the packages needs.
struct Pass<'a> {
    window: &'a Window,
    days: (i32, i32),
    dates_mapped: bool,
    after: &'a AfterWindow<'a>,
}

impl Pass<'_> {
    /// Judges and counts one batch of packages (a function per batch, so
    /// the browser optimises it: see [`crate::dataset::BATCH`]).
    #[inline(never)]
    fn count(&self, batch: &[PackageFacts], c: &mut Counters, verdicts: &mut Vec<Verdict>) {
        for f in batch {
            if self.window.applied && f.by_fallback() {
                c.warnings.window_by_fallback_date += 1;
            }
            let v = verdict(
                f,
                self.window,
                self.days,
                self.dates_mapped,
                self.after,
                &mut c.warnings,
            );
            verdicts.push(v);
            let is_valid = match v {
                Verdict::Excluded(e) => {
                    c.excluded.add(e);
                    continue;
                }
                Verdict::Invalid(r) => {
                    c.invalid.add(r);
                    false
                }
                Verdict::Valid => {
                    c.valid += 1;
                    true
                }
            };
            if let Some(x) = c.by_category.get_mut(f.category as usize) {
                x.0 += 1;
                x.1 += u64::from(is_valid);
            }
            if let Some(x) = c.by_carrier.get_mut(f.carrier_label as usize) {
                x.0 += 1;
                x.1 += u64::from(is_valid);
            }
            if f.premium() {
                c.premium.considered += 1;
                c.premium.valid += u64::from(is_valid);
            }
        }
    }
}

/// First match wins, in the order of section 3.
fn verdict(
    f: &PackageFacts,
    window: &Window,
    days: (i32, i32),
    dates_mapped: bool,
    after: &AfterWindow<'_>,
    warnings: &mut Warnings,
) -> Verdict {
    if let Some(e) = f.before_window {
        return Verdict::Excluded(e);
    }
    // `value_unknown` counts considered packages only, so it is decided
    // with the after-window checks but kept only if the package counts.
    let (after_window, unknown) = after.check(f);
    if window.applied && dates_mapped {
        match f.window_day() {
            None => return Verdict::Excluded(Exclusion::Undated),
            Some(d) if d < days.0 || d > days.1 => {
                return Verdict::Excluded(Exclusion::OutsideWindow)
            }
            Some(_) => {}
        }
    }
    if let Some(e) = after_window {
        return Verdict::Excluded(e);
    }
    if unknown {
        warnings.value_unknown += 1;
    }
    match f.invalid {
        Some(r) => Verdict::Invalid(r),
        None => Verdict::Valid,
    }
}
