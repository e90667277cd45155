//! The page's state, provided once by the app through context.
//!
//! Data flows one way: the seller's files go to the engine worker (see
//! `engine/`); its answers land in signals here ([`AppState::result`],
//! [`AppState::page`], [`AppState::trend`]); views render those. The page
//! never holds the files' contents or the packages: only what it shows.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use vtr_core::carrier::RegistryEdits;
use vtr_core::decode::Encoding;
use vtr_core::mapping::Mapping;
use vtr_core::query::PackageFilter;
use vtr_core::read::{DateOrder, FileReport};
use vtr_core::trend::TrendPoint;
use vtr_core::Settings;
use vtr_worker::protocol::{FailReason, NewFile, PageView, Progress, Request, ResultView};

use crate::engine::worker::Engine;
use crate::i18n::Lang;

/// An `Arc` compared by pointer: memos of large results must not compare
/// them field by field, and a new result is always a change.
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

/// The day a check is made for, as the seller chose it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOf {
    /// Today, whatever day that is when the page opens.
    #[default]
    Today,
    /// A day the seller fixed; it stays until they change it.
    Fixed(NaiveDate),
}

impl AsOf {
    /// The day this choice means when today is `today`.
    pub fn day(self, today: NaiveDate) -> NaiveDate {
        match self {
            AsOf::Today => today,
            AsOf::Fixed(d) => d,
        }
    }
}

/// Where one file is on its way from "added" to "in the result".
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Waiting for the files before it.
    Queued,
    /// Being read by the engine.
    Reading(Progress),
    /// Read: what the engine found.
    Read(Arc<FileReport>),
    /// Not in the result, and why.
    Failed(FailReason),
}

/// How many files are where: kept up to date file by file as the engine
/// reports, so neither the totals line of a thousand files nor "is any
/// file still being read?" walks (and subscribes to) every file's stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Read, with no error.
    pub read: usize,
    /// Queued or being read.
    pub waiting: usize,
    /// Failed, or read with an error (missing columns, say).
    pub problems: usize,
}

impl Tally {
    /// The count a file at `stage` is in.
    fn slot(&mut self, stage: &Stage) -> &mut usize {
        match stage {
            Stage::Queued | Stage::Reading(_) => &mut self.waiting,
            Stage::Failed(_) => &mut self.problems,
            Stage::Read(r) if r.error.is_some() => &mut self.problems,
            Stage::Read(_) => &mut self.read,
        }
    }

    /// A file left `stage`.
    fn leave(&mut self, stage: &Stage) {
        let n = self.slot(stage);
        *n = n.saturating_sub(1);
    }

    /// A file came to `stage`.
    fn enter(&mut self, stage: &Stage) {
        *self.slot(stage) += 1;
    }

    /// Whether a file moving from `a` to `b` changes the counts.
    fn moves(a: &Stage, b: &Stage) -> bool {
        let (mut x, mut y) = (Tally::default(), Tally::default());
        x.enter(a);
        y.enter(b);
        x != y
    }
}

/// One file the seller added. What changes as it is read lives in signals
/// of its own, so news of one file re-renders that file's row only: with a
/// thousand files, a list-wide change per file would be a million.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceFile {
    /// Stable key for the list, unique within the visit.
    pub id: u64,
    pub name: StoredValue<String>,
    pub size: u64,
    /// A mapping the seller chose; detected when `None`.
    pub mapping: RwSignal<Option<Mapping>>,
    /// The encoding the seller chose; detected when `None`.
    pub encoding: RwSignal<Option<Encoding>>,
    /// The workbook sheet the seller chose; found by its header when `None`.
    pub sheet: RwSignal<Option<String>>,
    pub stage: RwSignal<Stage>,
    /// How many times the engine has read it (once, unless its mapping or
    /// the date order changed, or a file it repeated rows of was removed).
    pub reads: RwSignal<u32>,
}

impl SourceFile {
    /// The file's name.
    pub fn name(&self) -> String {
        self.name.get_value()
    }
}

/// How the seller chose to read one file: what a kept check brings back
/// with the file, so that it is read once, as before.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub mapping: Option<Mapping>,
    pub encoding: Option<Encoding>,
    pub sheet: Option<String>,
}

/// Shared state of the page. Cheap to copy: it holds signal handles only.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The files, in the order they were added.
    pub files: RwSignal<Vec<SourceFile>>,
    /// How many of them are read, waiting or with a problem.
    pub tally: RwSignal<Tally>,
    /// Whether any is waiting: changes only when that does, not per file.
    waiting: RwSignal<bool>,
    /// Today in the browser's time zone, read once when the page opened,
    /// so every part of the page means the same day.
    pub today: NaiveDate,
    /// Settings the rules depend on; changing them re-runs only the rules.
    /// Their `as_of` is always `as_of.day(today)`.
    pub settings: RwSignal<Settings>,
    /// The as-of day as the seller chose it.
    pub as_of: RwSignal<AsOf>,
    /// How `dd/dd/yyyy` dates are read; changing it reads the files again.
    pub date_order: RwSignal<DateOrder>,
    /// The user's carrier edits (aliases, carriers, flags).
    pub registry_edits: RwSignal<RegistryEdits>,
    pub lang: RwSignal<Lang>,
    /// The package list's filters; clicking a reason sets `reason`.
    pub filter: RwSignal<PackageFilter>,
    /// The engine's latest result.
    pub result: RwSignal<Shared<ResultView>>,
    /// The visible page of the package list.
    pub page: RwSignal<Option<PageView>>,
    /// The trend series, with the result generation it belongs to.
    pub trend: RwSignal<Option<(u64, Vec<TrendPoint>)>>,
    /// Something the engine said went wrong (it is restarted).
    pub engine_problem: RwSignal<Option<String>>,
    pub(crate) engine: StoredValue<Engine, LocalStorage>,
    next_id: StoredValue<u64>,
}

impl AppState {
    /// Empty state, checked as of `today`. No engine is behind it until
    /// the page connects one (`engine::start`); tests of the page's pure
    /// parts (storage, settings) use it as it is.
    pub fn new(today: NaiveDate, lang: Lang) -> Self {
        let settings = Settings::new(today);
        let result = RwSignal::new(Shared(Arc::new(ResultView::empty(&settings))));
        Self {
            files: RwSignal::new(Vec::new()),
            tally: RwSignal::new(Tally::default()),
            waiting: RwSignal::new(false),
            today,
            settings: RwSignal::new(settings),
            as_of: RwSignal::new(AsOf::Today),
            date_order: RwSignal::new(DateOrder::Auto),
            registry_edits: RwSignal::new(RegistryEdits::default()),
            lang: RwSignal::new(lang),
            filter: RwSignal::new(PackageFilter::default()),
            result,
            page: RwSignal::new(None),
            trend: RwSignal::new(None),
            engine_problem: RwSignal::new(None),
            engine: StoredValue::new_local(Engine::default()),
            next_id: StoredValue::new(1),
        }
    }

    /// Puts the state, and its language on its own, in context for every
    /// component below: the words of a component need only the language.
    pub fn provide(self) {
        provide_context(self);
        provide_context(self.lang);
    }

    /// Sends a request to the engine.
    pub fn send(&self, request: &Request) {
        self.engine.with_value(|e| e.send(request));
    }

    /// Adds a file: the engine reads it after the files already there.
    pub fn add(&self, file: web_sys::File) -> u64 {
        self.add_all(vec![file]).first().copied().unwrap_or(0)
    }

    /// Adds files, read in this order after the files already there: one
    /// change to the list, one message to the engine.
    pub fn add_all(&self, files: Vec<web_sys::File>) -> Vec<u64> {
        self.add_with_choices(files.into_iter().map(|f| (f, Choices::default())).collect())
    }

    /// Adds files as [`AppState::add_all`] does, each with the mapping,
    /// encoding and sheet the seller chose for it before (a kept check
    /// coming back), so that it is read once, as it was.
    pub fn add_with_choices(&self, files: Vec<(web_sys::File, Choices)>) -> Vec<u64> {
        let mut rows = Vec::with_capacity(files.len());
        let mut handed = Vec::with_capacity(files.len());
        for (file, choices) in files {
            let Choices {
                mapping,
                encoding,
                sheet,
            } = choices;
            let id = self.next_id.get_value();
            self.next_id.set_value(id.wrapping_add(1));
            let name = file.name();
            // Sizes are whole numbers far below 2^53; `as` saturates anything stranger.
            let size = file.size() as u64;
            rows.push(SourceFile {
                id,
                name: StoredValue::new(name.clone()),
                size,
                mapping: RwSignal::new(mapping.clone()),
                encoding: RwSignal::new(encoding),
                sheet: RwSignal::new(sheet.clone()),
                stage: RwSignal::new(Stage::Queued),
                reads: RwSignal::new(0),
            });
            handed.push((
                NewFile {
                    id,
                    name,
                    size,
                    mapping,
                    encoding,
                    sheet,
                },
                file,
            ));
        }
        let ids = rows.iter().map(|r| r.id).collect();
        let added = rows.len();
        self.files.update(|list| list.extend(rows));
        if added > 0 {
            self.retally(|t| t.waiting += added);
        }
        self.engine.with_value(|e| e.add(handed));
        ids
    }

    /// The row of file `id`.
    pub fn file(&self, id: u64) -> Option<SourceFile> {
        self.files
            .with_untracked(|files| files.iter().find(|f| f.id == id).copied())
    }

    /// Stops reading file `id`; the result stays as it was.
    pub fn cancel(&self, id: u64) {
        self.send(&Request::Cancel { id });
    }

    /// Removes file `id` from the analysis.
    pub fn remove(&self, id: u64) {
        self.drop_row(id);
        self.engine.with_value(|e| e.forget(id));
        self.send(&Request::Remove { id });
    }

    /// Takes file `id` off the list (and out of the tally).
    pub(crate) fn drop_row(&self, id: u64) {
        let Some(file) = self.file(id) else {
            return;
        };
        self.files.update(|files| files.retain(|f| f.id != id));
        file.stage.with_untracked(|s| self.retally(|t| t.leave(s)));
    }

    /// Sets (or with `None`, forgets) the user's mapping of file `id`: the
    /// engine reads that file again, and only that one.
    pub fn set_mapping(&self, id: u64, mapping: Option<Mapping>) {
        if let Some(file) = self.file(id) {
            file.mapping.set(mapping.clone());
        }
        self.send(&Request::SetMapping { id, mapping });
    }

    /// Reads text file `id` again in `encoding` (`None`: detect it); its
    /// mapping stays. Only that file is read again.
    pub fn set_encoding(&self, id: u64, encoding: Option<Encoding>) {
        if let Some(file) = self.file(id) {
            file.encoding.set(encoding);
        }
        self.send(&Request::SetEncoding { id, encoding });
    }

    /// Reads workbook `id` again from `sheet` (`None`: the first whose
    /// header has the columns), its columns detected anew: a mapping
    /// chosen for another sheet's header does not apply.
    pub fn set_sheet(&self, id: u64, sheet: Option<String>) {
        if let Some(file) = self.file(id) {
            file.mapping.set(None);
            file.sheet.set(sheet.clone());
        }
        self.send(&Request::SetSheet { id, sheet });
    }

    /// Forgets every file.
    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.retally(|t| *t = Tally::default());
        self.filter.set(PackageFilter::default());
        self.engine.with_value(|e| e.forget_all());
        self.send(&Request::Clear);
    }

    /// Sets the as-of day as the seller chose it.
    pub fn set_as_of(&self, choice: AsOf) {
        self.as_of.set(choice);
        let day = choice.day(self.today);
        self.settings.update(|s| s.as_of = day);
    }

    /// Updates what the engine said of file `id`.
    pub(crate) fn set_stage(&self, id: u64, stage: Stage) {
        if let Some(file) = self.file(id) {
            if matches!(stage, Stage::Read(_)) {
                file.reads.update(|n| *n += 1);
            }
            file.stage.with_untracked(|before| {
                if Tally::moves(before, &stage) {
                    self.retally(|t| {
                        t.leave(before);
                        t.enter(&stage);
                    });
                }
            });
            file.stage.set(stage);
        }
    }

    /// The engine's report of file `id`, once it has been read.
    pub fn report(&self, id: u64) -> Option<Arc<FileReport>> {
        self.file(id)?.stage.with(|s| match s {
            Stage::Read(r) => Some(Arc::clone(r)),
            _ => None,
        })
    }

    /// Changes the tally, and `waiting` when that changes.
    fn retally(&self, f: impl FnOnce(&mut Tally)) {
        self.tally.update(f);
        let now = self.tally.with_untracked(|t| t.waiting > 0);
        if self.waiting.get_untracked() != now {
            self.waiting.set(now);
        }
    }

    /// Whether any file is waiting or being read.
    pub fn busy(&self) -> bool {
        self.waiting.get()
    }
}

/// The state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
