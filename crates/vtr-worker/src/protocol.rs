//! What the page and its engine worker say to each other.
//!
//! Messages cross `postMessage` as JSON text (field `json`; enums are
//! externally tagged, which the page decodes with the least code), with the
//! seller's `File` objects (field `files`) and result bytes (field `bytes`)
//! beside them, never inside: a `File` is handed over without a copy, and
//! the worker reads it piece by piece.
//!
//! The page holds only what it shows: the [`ResultView`], the visible
//! [`PageView`] and the trend. Everything else stays in the worker, which
//! answers every filter, page and export.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vtr_core::carrier::RegistryEdits;
use vtr_core::decode::Encoding;
use vtr_core::mapping::FieldSet;
use vtr_core::mapping::Mapping;
use vtr_core::package::Source;
use vtr_core::query::PackageFilter;
use vtr_core::read::{DateOrder, FileReport, SheetProgress};
use vtr_core::result::Summary;
use vtr_core::rules::outcome::{SkippedRule, Verdict};
use vtr_core::texts::Lang;
use vtr_core::trend::TrendPoint;
use vtr_core::Settings;

/// One file the page hands over (its `File` object travels beside, in the
/// same order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewFile {
    /// The page's id for the file; answers name it.
    pub id: u64,
    pub name: String,
    pub size: u64,
    /// A mapping the seller chose for this file; detected (or remembered)
    /// when `None`.
    pub mapping: Option<Mapping>,
    /// The encoding the seller chose for it (a kept check coming back);
    /// detected when `None`.
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// The workbook sheet the seller chose for it; when `None`, the first
    /// whose header has the columns.
    #[serde(default)]
    pub sheet: Option<String>,
}

/// The order of the package list's rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// Invalid, then valid, then excluded; file order within each. The
    /// list is where a seller looks for what to fix.
    #[default]
    InvalidFirst,
    /// As the packages were read.
    FileOrder,
}

/// What a download holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Invalid packages as CSV.
    InvalidCsv,
    /// Every package as CSV.
    AllCsv,
    /// The packages the list's filters show, as CSV.
    FilteredCsv,
    /// Invalid packages as an Excel workbook (text cells: nothing mangled).
    InvalidXlsx,
    /// Every package as an Excel workbook.
    AllXlsx,
    /// The packages the list's filters show, as an Excel workbook.
    FilteredXlsx,
    /// The section-8 result, as `vtr check --json` prints it.
    ResultJson,
}

/// The page to the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Everything the result depends on besides the files. Sent first,
    /// and again on every change; only what changed is recomputed.
    Configure {
        settings: Settings,
        date_order: DateOrder,
        edits: RegistryEdits,
        /// Mappings the seller chose before, by `headers_key`.
        remembered: Vec<(String, Mapping)>,
    },
    /// Reads these files after the ones already there, one after the other.
    Add { files: Vec<NewFile> },
    /// Stops reading file `id` (queued or being read); what was there stays.
    Cancel { id: u64 },
    /// Drops file `id`.
    Remove { id: u64 },
    /// Drops every file.
    Clear,
    /// Reads file `id` again with this mapping (`None`: detect).
    SetMapping { id: u64, mapping: Option<Mapping> },
    /// Reads workbook `id` again from this sheet (`None`: the first whose
    /// header has an order id and a tracking number), its columns detected
    /// (send `SetMapping` after it to choose them).
    SetSheet { id: u64, sheet: Option<String> },
    /// Reads text file `id` again in this encoding (`None`: detect it),
    /// keeping its mapping; the other files are not read again.
    SetEncoding { id: u64, encoding: Option<Encoding> },
    /// One page of the package list.
    Page { seq: u64, query: PageQuery },
    /// The trend series, for all packages or one category.
    Trend { seq: u64, category: Option<String> },
    /// A download.
    Export {
        seq: u64,
        kind: ExportKind,
        filter: PackageFilter,
        /// The language of the explanations and fixes.
        #[serde(default)]
        lang: Lang,
    },
}

/// Which rows of the package list to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageQuery {
    pub filter: PackageFilter,
    pub order: RowOrder,
    /// From 0; a page past the end shows the last one.
    pub page: usize,
    pub page_size: usize,
}

/// Where one file is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    /// Waiting for the files before it.
    Queued,
    /// Being read.
    Reading(Progress),
    /// Read: what the engine found (its error, if it could not be read).
    Read { report: Box<FileReport> },
    /// The browser could not give the bytes, or reading was cut short.
    Failed { reason: FailReason },
}

/// Why a file is not in the result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// The browser refused to read it; its message.
    Unreadable { message: String },
    /// The worker ran out of memory while reading it.
    OutOfMemory,
    /// The engine stopped; its message.
    Crashed { message: String },
    /// The seller stopped it before it was ever read: it leaves the list.
    Cancelled,
}

/// How far reading a file has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Bytes read so far.
    pub done: u64,
    pub total: u64,
    /// Rows read so far.
    pub rows: u64,
    /// Milliseconds since reading began.
    pub elapsed_ms: u64,
    /// A workbook's sheet being read, once its bytes are all in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<SheetProgress>,
}

/// The whole result as the page shows it (never the packages themselves).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultView {
    /// Grows with every change; answers to older requests are stale.
    pub generation: u64,
    pub summary: Summary,
    pub skipped_rules: Vec<SkippedRule>,
    /// Whether any file carries scan evidence.
    pub scan_evidence: bool,
    pub fields: FieldSet,
    /// The files read, in order (each one's report came with its
    /// [`FileState::Read`]; a result is sent after every file, so it holds
    /// only what the page needs of all of them).
    pub files: Vec<FileBrief>,
    /// Every category as the result names it, sorted, for the filter.
    pub categories: Vec<String>,
    /// Every carrier label, sorted.
    pub carriers: Vec<String>,
    /// Bytes the worker holds for the packages.
    pub memory_bytes: u64,
}

/// A file in the result: its id, its name, and whether it could be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileBrief {
    pub id: u64,
    pub name: String,
    /// Read without an error (its rows count).
    pub ok: bool,
}

/// One row of the package list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageRow {
    /// The package's position among all packages.
    pub index: u32,
    pub order_id: String,
    /// As written.
    pub tracking: String,
    /// The carrier as the result names it.
    pub carrier: String,
    pub category: String,
    pub window_date: Option<NaiveDate>,
    pub verdict: Verdict,
    /// Every row the package came from; `file` indexes [`ResultView::files`].
    pub sources: Vec<Source>,
}

/// One page of the package list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageView {
    /// The result the page belongs to.
    pub generation: u64,
    /// Packages matching the filters.
    pub total: u64,
    /// Matching packages by status: invalid, valid, excluded.
    pub invalid: u64,
    pub excluded: u64,
    /// The page shown (from 0) and how many there are (at least 1).
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<PackageRow>,
}

/// The worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The worker is up and waits for `Configure`.
    Ready,
    /// A file moved on.
    File {
        id: u64,
        state: FileState,
    },
    /// A new result (after any change).
    Result {
        view: Box<ResultView>,
    },
    Page {
        seq: u64,
        view: PageView,
    },
    Trend {
        seq: u64,
        generation: u64,
        points: Vec<TrendPoint>,
    },
    /// A download; its bytes travel beside.
    Export {
        seq: u64,
        name: String,
        mime: String,
    },
    /// Several events in one message, taken in order: while many small
    /// files are read, their news goes out a few times a second rather
    /// than in a message (and a task of the page's) per file.
    Batch {
        events: Vec<Event>,
    },
    /// Something went wrong outside any one file; `fatal` when the worker
    /// stopped and must be started again.
    Problem {
        message: String,
        #[serde(default)]
        fatal: bool,
    },
}

impl ResultView {
    /// The result of no files at all, checked as of `as_of`.
    pub fn empty(settings: &Settings) -> ResultView {
        use vtr_core::result::{
            ExcludedCounts, InvalidCounts, Segments, SettingsEcho, Status, Warnings,
        };
        ResultView {
            generation: 0,
            summary: Summary {
                settings: SettingsEcho {
                    as_of: settings.as_of,
                    window_days: settings.window_days,
                    lag_days: settings.lag_days,
                    threshold: settings.threshold_fraction(),
                    international: settings.international,
                },
                window: vtr_core::Window::from_settings(settings, false),
                rows: 0,
                packages: 0,
                excluded: ExcludedCounts::default(),
                considered: 0,
                valid: 0,
                invalid: InvalidCounts::default(),
                vtr: None,
                status: Status::NoData,
                fixes_needed: 0,
                categories: Vec::new(),
                carriers: Vec::new(),
                segments: Segments::default(),
                warnings: Warnings::default(),
            },
            skipped_rules: Vec::new(),
            scan_evidence: false,
            fields: FieldSet::default(),
            files: Vec::new(),
            categories: Vec::new(),
            carriers: Vec::new(),
            memory_bytes: 0,
        }
    }
}
