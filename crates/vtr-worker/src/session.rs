//! The engine's side of the page: the loaded files, their packages and the
//! current result, answering the page's [`Request`]s.
//!
//! Pure Rust: the Web Worker glue (`main.rs`) only carries messages and
//! reads `File` pieces, so everything here is tested natively.
//!
//! Files are read one after the other, in the order the seller added them,
//! so the pooled result never depends on which file happened to finish
//! first. Each file's packages stay apart in the [`Dataset`]: adding a file
//! reads only that file, removing one reads none again (unless a later file
//! repeated its rows, whose repeats now count), a settings change only
//! re-counts, and a carrier edit re-checks without reading.

use crate::protocol::{
    Event, ExportKind, FailReason, FileBrief, FileState, NewFile, PackageRow, PageQuery, PageView,
    Progress, Request, ResultView, RowOrder,
};
use std::sync::Arc;
use vtr_core::carrier::RegistryEdits;
use vtr_core::decode::Encoding;
use vtr_core::export::{rows_of, Which};
use vtr_core::mapping::Mapping;
use vtr_core::query::{filter, PackageFilter};
use vtr_core::read::{
    DateOrder, FileReader, Fit, Head, LoadOptions, LoadedFile, Part, SheetProgress,
};
use vtr_core::rules::outcome::Verdict;
use vtr_core::texts::Lang;
use vtr_core::{analyze_prepared, Analysis, Dataset, Prepared, Registry, Settings};

/// An answer, with the bytes that travel beside it (downloads).
#[derive(Debug, PartialEq)]
pub struct Out {
    pub event: Event,
    pub bytes: Option<Vec<u8>>,
}

impl Out {
    fn event(event: Event) -> Out {
        Out { event, bytes: None }
    }
}

/// One file the page added.
#[derive(Clone, Debug)]
struct Entry {
    file: NewFile,
    /// In the dataset (read at least once).
    read: bool,
    /// Waiting to be read (again).
    queued: bool,
    /// The browser could not read it, or reading was cancelled: not in
    /// the result and not read again.
    failed: bool,
    /// The workbook sheet the seller chose ([`Request::SetSheet`]).
    sheet: Option<String>,
    /// The encoding the seller chose ([`Request::SetEncoding`]).
    encoding: Option<Encoding>,
}

/// A file being read: what [`Session::begin`] hands out and
/// [`Session::complete`] takes back.
pub struct Job {
    pub id: u64,
    /// The file, and how it is read.
    file: WholeFile,
    /// The session's epoch when reading began: a change to the files
    /// before this one since then means reading it again.
    epoch: u64,
    /// Reads the part of the file being read here.
    reader: FileReader,
    /// Parts already read, in file order, before `reader`'s (a large file
    /// is read in parts, by this worker and its helpers).
    parts: Vec<Part>,
    rows: u64,
}

impl Job {
    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Whether reading stopped for good (the file is refused).
    pub fn stopped(&self) -> bool {
        self.reader.stopped()
    }

    /// The layout parts of the file can be read with, once its header is read.
    pub fn head(&self) -> Option<Head> {
        self.reader.head()
    }

    /// Bytes the current part's reader was given.
    pub fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }

    /// Whether the file is a workbook (read whole, at its end).
    pub fn is_workbook(&self) -> bool {
        self.reader.is_workbook()
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.file.size
    }

    /// What a helper needs to read the whole file as this job would.
    pub fn whole_file(&self) -> &WholeFile {
        &self.file
    }
}

/// A whole file to be read elsewhere (by a helper), as a [`Job`] reads it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WholeFile {
    pub name: String,
    pub size: u64,
    pub mapping: Option<Mapping>,
    pub options: LoadOptions,
}

impl WholeFile {
    /// A reader for it.
    pub fn reader(&self) -> FileReader {
        FileReader::new(&self.name, self.size, self.mapping.clone(), &self.options)
    }
}

/// Where to go on reading after a part read elsewhere did not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadAgain {
    /// From the start of the part that did not fit.
    FromThisPart,
    /// From the start of the part before it (its end was not a clean
    /// break, so the part taken before is dropped too).
    FromPartBefore,
}

/// The worker's state.
pub struct Session {
    entries: Vec<Entry>,
    data: Dataset,
    registry: Registry,
    edits: RegistryEdits,
    settings: Settings,
    date_order: DateOrder,
    remembered: Vec<(String, Mapping)>,
    prepared: Arc<Prepared>,
    analysis: Analysis,
    generation: u64,
    /// Grows whenever what a file in flight was read against changes.
    epoch: u64,
    /// The last page query's matches, for paging without filtering again.
    matches: Option<(u64, PackageFilter, RowOrder, Vec<u32>)>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

impl Session {
    /// No files, Amazon's default settings as of 1970 (the page configures
    /// the real ones first).
    pub fn new() -> Session {
        let data = Dataset::new();
        let registry = Registry::default();
        let settings = Settings::new(chrono::NaiveDate::MIN);
        let prepared = Arc::new(Prepared::new(&data, &registry));
        let analysis = analyze_prepared(&data, &prepared, &settings);
        Session {
            entries: Vec::new(),
            data,
            registry,
            edits: RegistryEdits::default(),
            settings,
            date_order: DateOrder::Auto,
            remembered: Vec::new(),
            prepared,
            analysis,
            generation: 0,
            epoch: 0,
            matches: None,
        }
    }

    /// The current analysis.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The loaded packages.
    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    /// Answers one request. Reading is not done here: [`Session::next`]
    /// says which file to read, and the caller feeds it.
    pub fn handle(&mut self, req: Request) -> Vec<Out> {
        match req {
            Request::Configure {
                settings,
                date_order,
                edits,
                remembered,
            } => self.configure(settings, date_order, edits, remembered),
            Request::Add { files } => {
                let mut out = Vec::new();
                for f in files {
                    if self.entries.iter().any(|e| e.file.id == f.id) {
                        continue;
                    }
                    out.push(Out::event(Event::File {
                        id: f.id,
                        state: FileState::Queued,
                    }));
                    self.entries.push(Entry {
                        sheet: f.sheet.clone(),
                        encoding: f.encoding,
                        file: f,
                        read: false,
                        queued: true,
                        failed: false,
                    });
                }
                out
            }
            Request::Cancel { id } => self.cancel(id),
            Request::Remove { id } => self.remove(id),
            Request::Clear => {
                self.entries.clear();
                self.data.clear();
                self.epoch += 1;
                self.reprepare();
                vec![self.result()]
            }
            Request::SetMapping { id, mapping } => {
                self.read_again(id, |e| e.file.mapping = mapping)
            }
            Request::SetSheet { id, sheet } => self.read_again(id, |e| {
                e.sheet = sheet;
                // A mapping chose columns of the other sheet's header.
                e.file.mapping = None;
            }),
            Request::SetEncoding { id, encoding } => self.read_again(id, |e| e.encoding = encoding),
            Request::Page { seq, query } => vec![Out::event(Event::Page {
                seq,
                view: self.page(&query),
            })],
            Request::Trend { seq, category } => vec![Out::event(Event::Trend {
                seq,
                generation: self.generation,
                points: vtr_core::trend::trend(
                    &self.analysis,
                    self.settings.window_days,
                    category.as_deref(),
                ),
            })],
            Request::Export {
                seq,
                kind,
                filter,
                lang,
            } => vec![self.export(seq, kind, &filter, lang)],
        }
    }

    fn configure(
        &mut self,
        settings: Settings,
        date_order: DateOrder,
        edits: RegistryEdits,
        remembered: Vec<(String, Mapping)>,
    ) -> Vec<Out> {
        self.remembered = remembered;
        let mut out = Vec::new();
        if date_order != self.date_order {
            // Reading options changed: every file is read again.
            self.date_order = date_order;
            self.epoch += 1;
            for e in &mut self.entries {
                if !e.failed {
                    e.queued = true;
                    out.push(Out::event(Event::File {
                        id: e.file.id,
                        state: FileState::Queued,
                    }));
                }
            }
        }
        let edits_changed = edits != self.edits;
        let settings_changed = settings != self.settings;
        if edits_changed {
            self.edits = edits;
            let mut r = Registry::default();
            r.apply(&self.edits);
            self.registry = r;
            self.settings = settings;
            self.reprepare();
            out.push(self.result());
        } else if settings_changed {
            self.settings = settings;
            self.reanalyze();
            out.push(self.result());
        }
        out
    }

    fn cancel(&mut self, id: u64) -> Vec<Out> {
        let Some(e) = self.entries.iter_mut().find(|e| e.file.id == id) else {
            return Vec::new();
        };
        if !e.queued {
            return Vec::new();
        }
        e.queued = false;
        if e.read {
            // A file read before and queued again (a new mapping): it
            // keeps what it had.
            let report = self.report_of(id);
            return vec![Out::event(Event::File {
                id,
                state: match report {
                    Some(report) => FileState::Read {
                        report: Box::new(report),
                    },
                    None => FileState::Queued,
                },
            })];
        }
        // Never read: it goes, and the result stays as it was.
        self.entries.retain(|e| e.file.id != id);
        vec![Out::event(Event::File {
            id,
            state: FileState::Failed {
                reason: FailReason::Cancelled,
            },
        })]
    }

    fn remove(&mut self, id: u64) -> Vec<Out> {
        let Some(pos) = self.entries.iter().position(|e| e.file.id == id) else {
            return Vec::new();
        };
        let was_read = self.entries[pos].read;
        self.entries.remove(pos);
        let mut out = Vec::new();
        if was_read {
            self.epoch += 1;
            for again in self.data.remove(id) {
                if let Some(e) = self.entries.iter_mut().find(|e| e.file.id == again) {
                    e.queued = true;
                    out.push(Out::event(Event::File {
                        id: again,
                        state: FileState::Queued,
                    }));
                }
            }
            self.reprepare();
            out.push(self.result());
        }
        out
    }

    /// The next file to read, if any: the first queued one.
    pub fn next(&self) -> Option<(u64, u64)> {
        self.entries
            .iter()
            .find(|e| e.queued)
            .map(|e| (e.file.id, e.file.size))
    }

    /// Starts reading file `id`.
    pub fn begin(&self, id: u64) -> Option<Job> {
        let e = self.entries.iter().find(|e| e.file.id == id && e.queued)?;
        let options = LoadOptions {
            overrides: Vec::new(),
            date_order: self.date_order,
            remembered: self.remembered.clone(),
            // The seller's choice for this file, else detected.
            encoding: e.encoding,
            sheet: e.sheet.clone(),
        };
        let file = WholeFile {
            name: e.file.name.clone(),
            size: e.file.size,
            mapping: e.file.mapping.clone(),
            options,
        };
        Some(Job {
            id,
            epoch: self.epoch,
            reader: file.reader(),
            file,
            parts: Vec::new(),
            rows: 0,
        })
    }

    /// Whether `job` is still wanted as it was begun: not cancelled, and
    /// nothing it was read against changed.
    pub fn still_wanted(&self, job: &Job) -> bool {
        job.epoch == self.epoch && self.entries.iter().any(|e| e.file.id == job.id && e.queued)
    }

    /// Reads the next piece of `job`'s file.
    pub fn feed(&self, job: &mut Job, piece: &[u8]) {
        let mut earlier = self.earlier_for(job.id);
        for p in &job.parts {
            earlier.add_part(p);
        }
        job.reader.push(piece, &earlier);
        job.rows = job.parts.iter().map(|p| p.report.rows).sum::<u64>() + job.reader.rows();
    }

    /// Ends the part `job`'s reader reads, and reads on with a reader for
    /// the part that starts where it ended.
    pub fn end_part(&self, job: &mut Job, head: &Head) {
        let next = FileReader::part(head);
        let done = std::mem::replace(&mut job.reader, next);
        let mut earlier = self.earlier_for(job.id);
        for p in &job.parts {
            earlier.add_part(p);
        }
        let part = done.finish(&earlier);
        drop(earlier);
        job.parts.push(part);
    }

    /// Takes a part read elsewhere (by a helper, without the files before
    /// it) as the next one, if it reads as it would have here. Otherwise
    /// says what to do: read on from that part's start, or from the start
    /// of the part before it.
    pub fn take_part(&self, job: &mut Job, part: Part) -> Result<(), ReadAgain> {
        let earlier = self.earlier_for(job.id);
        match vtr_core::read::fits(&job.parts, &part) {
            Fit::Yes if !part.repeats_any_of(&earlier) => {
                job.parts.push(part);
                Ok(())
            }
            Fit::NotAtBreak => {
                job.parts.pop();
                Err(ReadAgain::FromPartBefore)
            }
            _ => Err(ReadAgain::FromThisPart),
        }
    }

    /// Starts reading `job`'s file again from its beginning.
    pub fn restart(&self, job: &mut Job) {
        job.parts.clear();
        job.reader = job.file.reader();
        job.rows = 0;
    }

    /// Goes on reading `job`'s file, in one go to its end, from a part
    /// start after the parts taken: with their encoding, after their rows.
    pub fn read_on(&self, job: &mut Job, head: &Head) {
        let mut head = head.clone();
        if let Some(enc) = job.parts.iter().find_map(Part::decided) {
            head.start = vtr_core::decode::Start::Decided(enc);
        }
        job.reader = FileReader::part(&head);
    }

    /// How many parts `job` has taken.
    pub fn parts_taken(job: &Job) -> usize {
        job.parts.len()
    }

    fn earlier_for(&self, id: u64) -> vtr_core::read::Earlier<'_> {
        match self.data.position(id) {
            Some(pos) => self.data.earlier_than(pos),
            None => self.data.earlier(),
        }
    }

    /// The progress event of `job`: `done` bytes read, and how far its
    /// sheet is when it is a workbook read at its end.
    pub fn progress(job: &Job, done: u64, elapsed_ms: u64, sheet: Option<SheetProgress>) -> Out {
        Out::event(Event::File {
            id: job.id,
            state: FileState::Reading(Progress {
                done,
                total: job.file.size,
                rows: job.rows,
                elapsed_ms,
                sheet,
            }),
        })
    }

    /// Ends `job` and puts its file into the result. A job no longer
    /// wanted ([`Session::still_wanted`]) is dropped; a file still queued
    /// is read again from the start.
    pub fn complete(&mut self, job: Job) -> Vec<Out> {
        self.complete_with(job, &mut |_| {})
    }

    /// [`Session::complete`], telling `sheet` how far a workbook's sheet
    /// is read.
    pub fn complete_with(&mut self, job: Job, sheet: &mut dyn FnMut(SheetProgress)) -> Vec<Out> {
        if !self.still_wanted(&job) {
            return Vec::new();
        }
        let mut parts = job.parts;
        let file = {
            let mut earlier = self.earlier_for(job.id);
            for p in &parts {
                earlier.add_part(p);
            }
            let last = job.reader.finish_with(&earlier, sheet);
            drop(earlier);
            parts.push(last);
            vtr_core::read::assemble(parts)
        };
        self.put(job.id, file)
    }

    /// Whether `whole`, `job`'s whole file read elsewhere (a workbook, by
    /// a helper, without the files before it), reads as it would have
    /// here: none of its rows repeats theirs.
    pub fn fits_whole(&self, job: &Job, whole: &Part) -> bool {
        !whole.repeats_any_of(&self.earlier_for(job.id))
    }

    /// Ends `job` with its whole file read elsewhere, which
    /// [`Session::fits_whole`].
    pub fn complete_whole(&mut self, job: Job, whole: Part) -> Vec<Out> {
        if !self.still_wanted(&job) {
            return Vec::new();
        }
        self.put(job.id, vtr_core::read::assemble(vec![whole]))
    }

    /// Puts a file read elsewhere (in parts, by helpers) into the result.
    pub fn put(&mut self, id: u64, file: LoadedFile) -> Vec<Out> {
        let Some(e) = self.entries.iter_mut().find(|e| e.file.id == id) else {
            return Vec::new();
        };
        e.queued = false;
        let oom = matches!(
            file.report.error,
            Some(vtr_core::read::FileError::OutOfMemory)
        );
        let mut out = Vec::new();
        if oom {
            // Nothing of it is kept; the result stays as it was.
            e.failed = true;
            let was_read = e.read;
            e.read = false;
            out.push(Out::event(Event::File {
                id,
                state: FileState::Failed {
                    reason: FailReason::OutOfMemory,
                },
            }));
            if was_read {
                self.data.remove(id);
                self.reprepare();
                out.push(self.result());
            }
            return out;
        }
        e.read = true;
        let report = file.report.clone();
        match self.data.position(id) {
            Some(pos) => self.data.replace(pos, file),
            None => self.data.push(id, file),
        }
        self.refresh();
        out.push(Out::event(Event::File {
            id,
            state: FileState::Read {
                report: Box::new(report),
            },
        }));
        out.push(self.result());
        out
    }

    /// Marks file `id` as one the browser could not read.
    pub fn fail(&mut self, id: u64, reason: FailReason) -> Vec<Out> {
        let Some(e) = self.entries.iter_mut().find(|e| e.file.id == id) else {
            return Vec::new();
        };
        e.queued = false;
        e.failed = true;
        vec![Out::event(Event::File {
            id,
            state: FileState::Failed { reason },
        })]
    }

    fn report_of(&self, id: u64) -> Option<vtr_core::read::FileReport> {
        let pos = self.data.position(id)?;
        self.data.files().get(pos).cloned()
    }

    /// Brings the facts up to date after the files changed: only a new
    /// file's packages are worked out when it was added after the others.
    fn refresh(&mut self) {
        // The analysis lets go of the facts, so they update in place.
        self.analysis.prepared = Arc::new(Prepared::default());
        match Arc::get_mut(&mut self.prepared) {
            Some(p) => p.update(&self.data, &self.registry),
            None => self.prepared = Arc::new(Prepared::new(&self.data, &self.registry)),
        }
        self.reanalyze();
    }

    /// Changes how file `id` is read and queues it to be read again, alone:
    /// the other files' contributions stay as they are.
    fn read_again(&mut self, id: u64, change: impl FnOnce(&mut Entry)) -> Vec<Out> {
        let Some(e) = self.entries.iter_mut().find(|e| e.file.id == id) else {
            return Vec::new();
        };
        change(e);
        e.failed = false;
        e.queued = true;
        self.epoch += 1;
        vec![Out::event(Event::File {
            id,
            state: FileState::Queued,
        })]
    }

    fn reprepare(&mut self) {
        self.prepared = Arc::new(Prepared::new(&self.data, &self.registry));
        self.reanalyze();
    }

    fn reanalyze(&mut self) {
        self.analysis = analyze_prepared(&self.data, &self.prepared, &self.settings);
        self.generation += 1;
        self.matches = None;
    }

    /// The result event for the current analysis.
    pub fn result(&self) -> Out {
        let a = &self.analysis;
        let (categories, carriers) = self.prepared.used_labels();
        let files = self
            .data
            .ids()
            .into_iter()
            .zip(self.data.files())
            .map(|(id, f)| FileBrief {
                id,
                name: f.name.clone(),
                ok: f.error.is_none(),
            })
            .collect();
        Out::event(Event::Result {
            view: Box::new(ResultView {
                generation: self.generation,
                summary: a.summary.clone(),
                skipped_rules: a.skipped_rules.clone(),
                scan_evidence: a.scan_evidence,
                fields: self.data.fields(),
                files,
                categories,
                carriers,
                memory_bytes: self.data.heap_bytes() as u64,
            }),
        })
    }

    fn matching(&mut self, f: &PackageFilter, order: RowOrder) -> &[u32] {
        let fresh = matches!(&self.matches, Some((g, mf, mo, _)) if *g == self.generation && mf == f && *mo == order);
        if !fresh {
            let mut m = filter(&self.data, &self.analysis, f);
            if order == RowOrder::InvalidFirst {
                let v = &self.analysis.verdicts;
                // A stable sort keeps file order within each status.
                m.sort_by_key(|&i| match v.get(i as usize) {
                    Some(Verdict::Invalid(_)) => 0u8,
                    Some(Verdict::Valid) => 1,
                    _ => 2,
                });
            }
            self.matches = Some((self.generation, f.clone(), order, m));
        }
        self.matches.as_ref().map_or(&[], |(_, _, _, m)| m)
    }

    /// One page of the package list.
    pub fn page(&mut self, q: &PageQuery) -> PageView {
        let size = q.page_size.clamp(1, 1000);
        let generation = self.generation;
        let rows_of = self.matching(&q.filter, q.order).to_vec();
        let total = rows_of.len();
        let pages = total.div_ceil(size).max(1);
        let page = q.page.min(pages - 1);
        let (mut invalid, mut excluded) = (0u64, 0u64);
        for &i in &rows_of {
            match self.analysis.verdicts.get(i as usize) {
                Some(Verdict::Invalid(_)) => invalid += 1,
                Some(Verdict::Excluded(_)) => excluded += 1,
                _ => {}
            }
        }
        let rows = rows_of
            .iter()
            .skip(page * size)
            .take(size)
            .filter_map(|&i| self.row(i))
            .collect();
        PageView {
            generation,
            total: total as u64,
            invalid,
            excluded,
            page,
            pages,
            rows,
        }
    }

    fn row(&self, i: u32) -> Option<PackageRow> {
        let ix = i as usize;
        let p = self.data.package(ix)?;
        let v = *self.analysis.verdicts.get(ix)?;
        let f = self.analysis.facts(ix)?;
        Some(PackageRow {
            index: i,
            order_id: p.order_id.to_string(),
            tracking: p.tracking_as_written().to_string(),
            carrier: self.analysis.carrier(ix).to_string(),
            category: self.analysis.category(ix).to_string(),
            window_date: f.window_date(),
            verdict: v,
            sources: self.data.sources(ix),
        })
    }

    fn export(&mut self, seq: u64, kind: ExportKind, f: &PackageFilter, lang: Lang) -> Out {
        let as_of = self.settings.as_of;
        let (name, mime, bytes) = match kind {
            ExportKind::ResultJson => {
                let mut text =
                    serde_json::to_string_pretty(&self.analysis.summary).unwrap_or_default();
                text.push('\n');
                (
                    format!("vtr-result-{as_of}.json"),
                    "application/json",
                    text.into_bytes(),
                )
            }
            _ => {
                let rows: Vec<usize> = match kind {
                    ExportKind::FilteredCsv | ExportKind::FilteredXlsx => {
                        filter(&self.data, &self.analysis, f)
                            .into_iter()
                            .map(|i| i as usize)
                            .collect()
                    }
                    ExportKind::InvalidCsv | ExportKind::InvalidXlsx => {
                        rows_of(&self.analysis, Which::Invalid).collect()
                    }
                    _ => rows_of(&self.analysis, Which::All).collect(),
                };
                let stem = match kind {
                    ExportKind::InvalidCsv | ExportKind::InvalidXlsx => "vtr-invalid",
                    ExportKind::FilteredCsv | ExportKind::FilteredXlsx => "vtr-selected",
                    _ => "vtr-packages",
                };
                let xlsx = matches!(
                    kind,
                    ExportKind::InvalidXlsx | ExportKind::AllXlsx | ExportKind::FilteredXlsx
                );
                if xlsx {
                    match vtr_core::export::write_xlsx_rows(
                        &self.data,
                        &self.analysis,
                        rows.into_iter(),
                        lang,
                    ) {
                        Ok(bytes) => (
                            format!("{stem}-{as_of}.xlsx"),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            bytes,
                        ),
                        Err(e) => {
                            return Out {
                                event: Event::Problem {
                                    message: e.to_string(),
                                    fatal: false,
                                },
                                bytes: None,
                            }
                        }
                    }
                } else {
                    // A BOM, so Excel opens the UTF-8 as UTF-8.
                    let mut out = b"\xEF\xBB\xBF".to_vec();
                    let _ = vtr_core::export::write_csv_rows(
                        &mut out,
                        &self.data,
                        &self.analysis,
                        rows.into_iter(),
                        lang,
                    );
                    (format!("{stem}-{as_of}.csv"), "text/csv;charset=utf-8", out)
                }
            }
        };
        Out {
            event: Event::Export {
                seq,
                name,
                mime: mime.to_string(),
            },
            bytes: Some(bytes),
        }
    }
}
