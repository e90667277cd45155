//! The page's state, provided once by [`crate::app::App`] through context.
//!
//! Data flows one way: files (bytes) -> [`AppState::dataset`] (the engine's
//! `load`) -> [`AppState::analysis`] (the engine's `analyze`) -> views.
//! Both are memos: changing a setting re-runs only the rules over the
//! packages already read; adding, removing or re-mapping a file reads again.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use vtr_core::carrier::RegistryEdits;
use vtr_core::mapping::Mapping;
use vtr_core::query::PackageFilter;
use vtr_core::read::{DateOrder, FileInput, LoadOptions};
use vtr_core::{analyze, load, Analysis, Dataset, Registry, Settings};

use crate::i18n::Lang;

/// An `Arc` compared by pointer: memos of large engine results must not
/// compare them field by field, and a new result is always a change.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where one file is on its way from "picked" to "read".
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Bytes are still being read by the browser.
    Reading,
    /// The bytes, kept for the visit so a mapping change can read them again.
    Bytes(Arc<[u8]>),
    /// The browser could not give us the bytes (too large, deleted...).
    Failed(String),
}

/// One file the user added.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// Stable key for the list, unique within the visit.
    pub id: u64,
    pub name: String,
    pub size: u64,
    pub content: Content,
    /// A mapping the user chose; detected when `None`.
    pub mapping: Option<Mapping>,
}

/// Files larger than this are refused before reading: the page keeps the
/// bytes in memory, and a browser tab cannot hold much more.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Shared state of the page. Cheap to copy: it holds signal handles only.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The files, in the order they were added.
    pub files: RwSignal<Vec<SourceFile>>,
    /// Settings the rules depend on; changing them re-runs only the rules.
    pub settings: RwSignal<Settings>,
    /// How `dd/dd/yyyy` dates are read; changing it reads the files again.
    pub date_order: RwSignal<DateOrder>,
    /// The user's carrier edits (aliases, carriers, flags).
    pub registry_edits: RwSignal<RegistryEdits>,
    pub lang: RwSignal<Lang>,
    /// The package list's filters; clicking a reason sets `reason`.
    pub filter: RwSignal<PackageFilter>,
    /// The files read into packages.
    pub dataset: Memo<Shared<Dataset>>,
    /// The registry with the user's edits applied.
    pub registry: Memo<Shared<Registry>>,
    /// The rules applied to the dataset.
    pub analysis: Memo<Shared<Analysis>>,
    next_id: StoredValue<u64>,
}

impl AppState {
    /// Empty state, checked as of `today`.
    pub fn new(today: NaiveDate, lang: Lang) -> Self {
        let files: RwSignal<Vec<SourceFile>> = RwSignal::new(Vec::new());
        let settings = RwSignal::new(Settings::new(today));
        let date_order = RwSignal::new(DateOrder::Auto);
        let registry_edits = RwSignal::new(RegistryEdits::default());
        let dataset = Memo::new(move |_| {
            files.with(|files| {
                let inputs: Vec<FileInput<'_>> = files
                    .iter()
                    .filter_map(|f| match &f.content {
                        Content::Bytes(b) => Some(FileInput {
                            name: &f.name,
                            bytes: b,
                            mapping: f.mapping.clone(),
                        }),
                        _ => None,
                    })
                    .collect();
                let options = LoadOptions {
                    overrides: Vec::new(),
                    date_order: date_order.get(),
                };
                Shared(Arc::new(load(&inputs, &options)))
            })
        });
        let registry = Memo::new(move |_| {
            let mut r = Registry::default();
            registry_edits.with(|e| r.apply(e));
            Shared(Arc::new(r))
        });
        let analysis = Memo::new(move |_| {
            let data = dataset.get();
            let reg = registry.get();
            settings.with(|s| Shared(Arc::new(analyze(&data, s, &reg))))
        });
        Self {
            files,
            settings,
            date_order,
            registry_edits,
            lang: RwSignal::new(lang),
            filter: RwSignal::new(PackageFilter::default()),
            dataset,
            registry,
            analysis,
            next_id: StoredValue::new(1),
        }
    }

    /// Adds a file that is still being read; returns its id for [`Self::finish`].
    pub fn start(&self, name: String, size: u64) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.files.update(|files| {
            files.push(SourceFile {
                id,
                name,
                size,
                content: Content::Reading,
                mapping: None,
            })
        });
        id
    }

    /// Records the outcome of reading file `id`: its bytes or why not.
    pub fn finish(&self, id: u64, bytes: Result<Vec<u8>, String>) {
        let content = match bytes {
            Ok(b) => Content::Bytes(Arc::from(b)),
            Err(why) => Content::Failed(why),
        };
        self.files.update(|files| {
            if let Some(file) = files.iter_mut().find(|f| f.id == id) {
                file.content = content;
            }
        });
    }

    /// Removes file `id` from the analysis.
    pub fn remove(&self, id: u64) {
        self.files.update(|files| files.retain(|f| f.id != id));
    }

    /// Sets (or with `None`, forgets) the user's mapping of file `id`.
    pub fn set_mapping(&self, id: u64, mapping: Option<Mapping>) {
        self.files.update(|files| {
            if let Some(file) = files.iter_mut().find(|f| f.id == id) {
                file.mapping = mapping;
            }
        });
    }

    /// Forgets every file.
    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.filter.set(PackageFilter::default());
    }

    /// The position in the dataset of file `id`, among the files read so
    /// far (a file still reading or unreadable has none).
    pub fn dataset_index(&self, id: u64) -> Option<usize> {
        self.files.with(|files| {
            files
                .iter()
                .filter(|f| matches!(f.content, Content::Bytes(_)))
                .position(|f| f.id == id)
        })
    }
}

/// The state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
