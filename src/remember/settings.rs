//! The settings remembered between visits: one serde type holding the
//! engine's [`Settings`] as they are, plus what only the page has.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vtr_core::carrier::RegistryEdits;
use vtr_core::read::DateOrder;
use vtr_core::Settings;

use crate::browser::storage;
use crate::state::{AppState, AsOf};

/// The `localStorage` key of [`SavedSettings`].
pub const SETTINGS_KEY: &str = "vtr-check/settings/v1";

pub use vtr_view::settings_text::MAX_DAYS;

/// Everything the settings panel sets. The rules' settings are flattened
/// so that what earlier versions saved (the same fields, no `as_of_choice`)
/// still reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedSettings {
    /// The rules' settings; their `as_of` is overridden by `as_of_choice`.
    #[serde(flatten)]
    pub settings: Settings,
    /// "Today" (moves with the calendar) or a day the seller fixed.
    pub as_of_choice: AsOf,
    /// How `dd/dd/yyyy` dates are read.
    pub date_order: DateOrder,
    /// The seller's carrier edits.
    pub registry_edits: RegistryEdits,
}

impl SavedSettings {
    /// What of the state is remembered.
    pub fn of_state(state: &AppState) -> SavedSettings {
        SavedSettings {
            settings: state.settings.get_untracked(),
            as_of_choice: state.as_of.get_untracked(),
            date_order: state.date_order.get_untracked(),
            registry_edits: state.registry_edits.get_untracked(),
        }
    }

    /// Puts the remembered values into the state. Values a hand-edited
    /// store could make nonsensical are clamped to what the settings form
    /// accepts; the as-of day follows the remembered choice.
    pub fn apply(&self, state: &AppState) {
        let today = state.today;
        let saved = &self.settings;
        state.settings.update(|s| {
            s.window_days = saved.window_days.clamp(1, MAX_DAYS);
            s.lag_days = saved.lag_days.min(MAX_DAYS);
            s.all_dates = saved.all_dates;
            s.threshold_bp = saved.threshold_bp.min(10_000);
            s.international = saved.international;
            if is_country_code(&saved.marketplace) {
                s.marketplace.clone_from(&saved.marketplace);
            }
            s.as_of = self.as_of_choice.day(today);
        });
        state.as_of.set(self.as_of_choice);
        state.date_order.set(self.date_order);
        state.registry_edits.set(self.registry_edits.clone());
    }
}

fn is_country_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Loads the saved settings (defaults, with a notice, when corrupt).
pub fn load_settings() -> SavedSettings {
    super::load_or_default(SETTINGS_KEY)
}

/// Saves the settings.
pub fn save_settings(settings: &SavedSettings) -> Result<(), storage::StorageError> {
    storage::save(SETTINGS_KEY, settings)
}

/// Restores the saved settings into `state`, then saves every later change.
/// Call once per page.
pub fn connect_settings(state: AppState) {
    load_settings().apply(&state);
    // The first run only records what was restored.
    let last = StoredValue::new(SavedSettings::of_state(&state));
    Effect::new(move |_| {
        // Subscribe to everything that is saved.
        state.settings.track();
        state.as_of.track();
        state.date_order.track();
        state.registry_edits.track();
        let now = SavedSettings::of_state(&state);
        if last.with_value(|l| *l != now) {
            last.set_value(now.clone());
            super::notice::raise_on_error(save_settings(&now));
        }
    });
}
