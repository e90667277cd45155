//! Files read into one pool of packages (section 2): "when several files
//! are loaded, their rows are pooled before grouping".
//!
//! Each file's packages stay in their own [`Segment`]s, so a file can be
//! added, removed or read again without touching the others. Pooling is a
//! thin layer over them: a package whose key also appears in an earlier
//! segment is folded into that earlier package (the merged copy lives in a
//! small overlay), and [`Dataset::order`] lists every pooled package once,
//! in order of first appearance.

use crate::intern::{Interner, Sym};
use crate::mapping::FieldSet;
use crate::package::{DateKind, PackageView, Source, Text};
use crate::read::{Earlier, FileInput, FileReader, FileReport, LoadOptions, LoadedFile};
use crate::store::{merge_scan, RuleInput, Segment, NO_DAY};
use crate::value::tracking::{is_placeholder, is_spreadsheet_mangled, ScanEvidence};
use chrono::Datelike;
use chrono::NaiveDate;
use hashbrown::HashTable;
use rustc_hash::FxHashSet;
use xxhash_rust::xxh3::xxh3_64;

/// Where a pooled package is: segment `seg` (or the overlay, when `seg` is
/// [`PkgRef::OVERLAY`]), package `idx`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PkgRef {
    /// The segment's position among all files' segments, or
    /// [`PkgRef::OVERLAY`].
    pub seg: u32,
    /// The package's index in that store.
    pub idx: u32,
}

impl PkgRef {
    /// The store of packages pooled from several segments.
    pub const OVERLAY: u32 = u32::MAX;
}

/// A package pooled from several segments.
#[derive(Clone, Debug)]
struct Merged {
    order_id: Box<str>,
    tracking: Box<str>,
    written: Box<str>,
    shipment: Option<Box<str>>,
    texts: [Sym; Text::COUNT],
    dates: [Option<NaiveDate>; DateKind::COUNT],
    value_max: Option<i64>,
    item_sum: Option<i64>,
    scan: ScanEvidence,
    sources: Vec<Source>,
}

#[derive(Clone, Debug, Default)]
struct Overlay {
    strings: Interner,
    pkgs: Vec<Merged>,
}

impl Overlay {
    fn start(&mut self, seg: &Segment, i: usize) -> u32 {
        let v = seg.view(i).unwrap_or_else(empty_view);
        let (value_max, item_sum) = seg.amounts(i);
        let texts = v.texts.map(|t| self.strings.intern(t));
        self.pkgs.push(Merged {
            order_id: v.order_id.into(),
            tracking: v.tracking.into(),
            written: v.tracking_written.into(),
            shipment: v.shipment_id.map(Box::from),
            texts,
            dates: v.dates,
            value_max,
            item_sum,
            scan: v.scan,
            sources: seg.sources(i),
        });
        u32::try_from(self.pkgs.len() - 1).unwrap_or(u32::MAX)
    }

    /// Folds package `i` of a later segment into merged package `o`, as
    /// its rows would have been folded had they followed in one file.
    fn fold(&mut self, o: u32, seg: &Segment, i: usize) {
        let Some(v) = seg.view(i) else { return };
        let (value_max, item_sum) = seg.amounts(i);
        let syms: [Sym; Text::COUNT] = v.texts.map(|t| self.strings.intern(t));
        let Some(m) = self.pkgs.get_mut(o as usize) else {
            return;
        };
        for (slot, s) in m.texts.iter_mut().zip(syms) {
            if slot.is_empty() {
                *slot = s;
            }
        }
        for (slot, d) in m.dates.iter_mut().zip(v.dates) {
            *slot = (*slot).max(d);
        }
        m.value_max = m.value_max.max(value_max);
        m.item_sum = match (m.item_sum, item_sum) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            (a, b) => a.or(b),
        };
        m.scan = merge_scan(m.scan, v.scan);
        if m.tracking.is_empty() && m.written.is_empty() && !v.tracking_written.is_empty() {
            m.written = v.tracking_written.into();
        }
        m.sources.extend(seg.sources(i));
    }
}

fn empty_view<'a>() -> PackageView<'a> {
    PackageView {
        order_id: "",
        tracking: "",
        tracking_written: "",
        shipment_id: None,
        texts: [""; Text::COUNT],
        dates: [None; DateKind::COUNT],
        value: None,
        scan: ScanEvidence::Unknown,
    }
}

struct Entry {
    id: u64,
    file: LoadedFile,
}

/// Everything read from a set of files, ready for the rules.
#[derive(Default)]
pub struct Dataset {
    entries: Vec<Entry>,
    /// The reports of the files, in order (kept apart so they can be
    /// borrowed as a slice).
    files: Vec<FileReport>,
    /// Every segment of every file, in order: (entry, segment in entry).
    segs: Vec<(u32, u32)>,
    /// Every pooled package once, in order of first appearance.
    order: Vec<PkgRef>,
    /// Where each `order` entry came from (sorted, for binary search).
    order_src: Vec<PkgRef>,
    overlay: Overlay,
    /// Tracking number -> (first package with it, packages with it). No
    /// hash is kept: 12 bytes an entry, not 24, at 600,000 numbers 12 MB
    /// less; the table is sized before each count, so a hash is worked
    /// out again only when a later file makes it grow.
    trackings: HashTable<(PkgRef, u32)>,
    reused: u64,
    fields: FieldSet,
    rows: u64,
    duplicate_rows: u64,
    /// Grows with every change.
    generation: u64,
    /// What the last change did (see [`Dataset::change`]).
    change: Change,
}

/// What the last change to a dataset did to its pooled packages, so what
/// depends on them can follow without starting over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Change {
    /// Anything may have changed.
    #[default]
    All,
    /// Packages were added after `from` (positions in [`Dataset::order`]),
    /// and the packages at `touched` (all before `from`) took rows from
    /// the new ones.
    Appended {
        /// The position of the first new package.
        from: usize,
        /// Positions of earlier packages that took rows of the new file,
        /// sorted.
        touched: Vec<usize>,
    },
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dataset")
            .field("files", &self.files.len())
            .field("packages", &self.order.len())
            .finish()
    }
}

impl Clone for Dataset {
    fn clone(&self) -> Self {
        let mut d = Dataset::default();
        for e in &self.entries {
            d.entries.push(Entry {
                id: e.id,
                file: e.file.clone(),
            });
        }
        d.relink();
        d
    }
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Dataset::default()
    }

    /// The files, in order, with what reading each found.
    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The caller's id of each file, in order.
    pub fn ids(&self) -> Vec<u64> {
        self.entries.iter().map(|e| e.id).collect()
    }

    /// The position of file `id`.
    pub fn position(&self, id: u64) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Fields mapped in at least one file that was read.
    pub fn fields(&self) -> FieldSet {
        self.fields
    }

    /// Data rows read, duplicates included.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows dropped as exact repeats.
    pub fn duplicate_rows(&self) -> u64 {
        self.duplicate_rows
    }

    /// Packages whose tracking number is also on a package of another
    /// order (the `reused_tracking` warning).
    pub fn reused_tracking(&self) -> u64 {
        self.reused
    }

    /// The number of pooled packages.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether there is no package.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Every pooled package, in order of first appearance.
    pub(crate) fn order(&self) -> &[PkgRef] {
        &self.order
    }

    /// How many stores packages live in: the segments, then the overlay.
    pub fn stores(&self) -> usize {
        self.segs.len() + 1
    }

    /// The index of a package's store, for per-store tables.
    pub(crate) fn store_of(&self, r: PkgRef) -> usize {
        if r.seg == PkgRef::OVERLAY {
            self.segs.len()
        } else {
            r.seg as usize
        }
    }

    /// The interned strings of store `s`.
    pub fn strings(&self, s: usize) -> &Interner {
        match self.segment(s) {
            Some(seg) => &seg.strings,
            None => &self.overlay.strings,
        }
    }

    fn segment(&self, s: usize) -> Option<&Segment> {
        let &(e, k) = self.segs.get(s)?;
        self.entries.get(e as usize)?.file.segments.get(k as usize)
    }

    /// Pooled package `i`.
    pub fn package(&self, i: usize) -> Option<PackageView<'_>> {
        self.view(*self.order.get(i)?)
    }

    /// The package `r` points at.
    pub(crate) fn view(&self, r: PkgRef) -> Option<PackageView<'_>> {
        if r.seg == PkgRef::OVERLAY {
            let m = self.overlay.pkgs.get(r.idx as usize)?;
            return Some(PackageView {
                order_id: &m.order_id,
                tracking: &m.tracking,
                tracking_written: &m.written,
                shipment_id: m.shipment.as_deref(),
                texts: m.texts.map(|s| self.overlay.strings.get(s)),
                dates: m.dates,
                value: m.value_max.or(m.item_sum),
                scan: m.scan,
            });
        }
        self.segment(r.seg as usize)?.view(r.idx as usize)
    }

    /// What the rules read of the package `r` points at.
    pub(crate) fn rule_input(&self, r: PkgRef) -> Option<RuleInput<'_>> {
        if r.seg == PkgRef::OVERLAY {
            let m = self.overlay.pkgs.get(r.idx as usize)?;
            return Some(RuleInput {
                syms: m.texts,
                days: m.dates.map(|d| d.map_or(NO_DAY, |d| d.num_days_from_ce())),
                value: m.value_max.or(m.item_sum),
                scan: m.scan,
                tracking: m.tracking.as_bytes(),
                written: m.written.as_bytes(),
            });
        }
        self.segment(r.seg as usize)?.rule_input(r.idx as usize)
    }

    /// Every row of pooled package `i`, first one first.
    pub fn sources(&self, i: usize) -> Vec<Source> {
        let Some(&r) = self.order.get(i) else {
            return Vec::new();
        };
        if r.seg == PkgRef::OVERLAY {
            return self
                .overlay
                .pkgs
                .get(r.idx as usize)
                .map(|m| m.sources.clone())
                .unwrap_or_default();
        }
        self.segment(r.seg as usize)
            .map(|s| s.sources(r.idx as usize))
            .unwrap_or_default()
    }

    /// The first row of pooled package `i`.
    pub fn first_source(&self, i: usize) -> Option<Source> {
        let r = *self.order.get(i)?;
        if r.seg == PkgRef::OVERLAY {
            return self
                .overlay
                .pkgs
                .get(r.idx as usize)?
                .sources
                .first()
                .copied();
        }
        Some(self.segment(r.seg as usize)?.first_source(r.idx as usize))
    }

    /// The rows of every file so far, for reading a file after them.
    pub fn earlier(&self) -> Earlier<'_> {
        self.earlier_than(self.entries.len())
    }

    /// The rows of the files before position `pos`.
    pub fn earlier_than(&self, pos: usize) -> Earlier<'_> {
        let mut e = Earlier::none();
        for entry in self.entries.iter().take(pos) {
            for s in &entry.file.segments {
                e.add(entry.file.sig, entry.id, s);
            }
        }
        e
    }

    /// Grows with every change; see [`Dataset::change`].
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What the last change did to the pooled packages.
    pub(crate) fn change(&self) -> &Change {
        &self.change
    }

    /// Adds a file read after every file already here.
    pub fn push(&mut self, id: u64, file: LoadedFile) {
        let first_new = self.segs.len();
        let from = self.order.len();
        let report = file.report.clone();
        self.entries.push(Entry { id, file });
        // Only the new file's figures are added (a thousand files are
        // added one by one).
        self.rows += report.rows;
        self.duplicate_rows += report.duplicates;
        if report.error.is_none() {
            for (field, _) in report.mapping.mapped() {
                self.fields.insert(field);
            }
        }
        self.files.push(report);
        let touched = self.link_from(first_new);
        self.generation += 1;
        self.change = Change::Appended { from, touched };
    }

    /// Puts a file read again (with another mapping, say) back at position
    /// `pos`, read with [`Dataset::earlier_than`]`(pos)`.
    pub fn replace(&mut self, pos: usize, file: LoadedFile) {
        if let Some(e) = self.entries.get_mut(pos) {
            e.file = file;
        }
        self.relink();
    }

    /// Removes file `id`. Returns the ids of later files that repeated rows
    /// of it: their repeats now count, so they must be read again.
    pub fn remove(&mut self, id: u64) -> Vec<u64> {
        self.entries.retain(|e| e.id != id);
        self.relink();
        self.entries
            .iter()
            .filter(|e| e.file.repeats_of.contains(&id))
            .map(|e| e.id)
            .collect()
    }

    /// Removes every file.
    pub fn clear(&mut self) {
        let generation = self.generation + 1;
        *self = Dataset::default();
        self.generation = generation;
    }

    fn refresh_files(&mut self) {
        self.files = self.entries.iter().map(|e| e.file.report.clone()).collect();
        self.rows = self.files.iter().map(|f| f.rows).sum();
        self.duplicate_rows = self.files.iter().map(|f| f.duplicates).sum();
        let mut fields = FieldSet::default();
        for f in &self.files {
            if f.error.is_none() {
                for (field, _) in f.mapping.mapped() {
                    fields.insert(field);
                }
            }
        }
        self.fields = fields;
    }

    /// Pools everything again from the segments.
    fn relink(&mut self) {
        self.generation += 1;
        self.change = Change::All;
        self.refresh_files();
        self.segs.clear();
        self.order.clear();
        self.order_src.clear();
        self.overlay = Overlay::default();
        self.trackings = HashTable::new();
        self.reused = 0;
        self.link_from(0);
    }

    /// Pools the segments from `first` on into what is pooled already;
    /// returns the positions of packages before them that took rows.
    fn link_from(&mut self, first: usize) -> Vec<usize> {
        // Number the segments, and tell each its file's position.
        self.segs.truncate(first);
        let mut list = Vec::new();
        for (e, entry) in self.entries.iter_mut().enumerate() {
            for (k, s) in entry.file.segments.iter_mut().enumerate() {
                s.file = u16::try_from(e).unwrap_or(u16::MAX);
                list.push((e as u32, k as u32));
            }
        }
        self.segs = list;
        let mut merged: Vec<(PkgRef, PkgRef)> = Vec::new();
        for s in first.max(1)..self.segs.len() {
            let Some(seg) = self.segment(s) else { continue };
            let earlier: Vec<&Segment> = (0..s).filter_map(|t| self.segment(t)).collect();
            for start in (0..seg.len()).step_by(BATCH) {
                let end = (start + BATCH).min(seg.len());
                probe(seg, s as u32, &earlier, start..end, &mut merged);
            }
        }
        let secondary: FxHashSet<PkgRef> = merged.iter().map(|&(_, later)| later).collect();
        let start = self.order.len();
        for s in first..self.segs.len() {
            let len = self.segment(s).map_or(0, Segment::len);
            if secondary.is_empty() {
                // The usual case: every package of the segment is new.
                let refs = (0..len).map(|i| PkgRef {
                    seg: s as u32,
                    idx: i as u32,
                });
                self.order.extend(refs.clone());
                self.order_src.extend(refs);
                continue;
            }
            for i in 0..len {
                let r = PkgRef {
                    seg: s as u32,
                    idx: i as u32,
                };
                if !secondary.contains(&r) {
                    self.order.push(r);
                    self.order_src.push(r);
                }
            }
        }
        // Fold each later package into its primary, in segment order.
        let mut touched = Vec::new();
        for (primary, later) in merged {
            let Ok(pos) = self.order_src.binary_search(&primary) else {
                continue;
            };
            if pos < start {
                touched.push(pos);
            }
            let o = match self.order[pos] {
                r if r.seg == PkgRef::OVERLAY => r.idx,
                _ => {
                    let mut overlay = std::mem::take(&mut self.overlay);
                    let o = match self.segment(primary.seg as usize) {
                        Some(seg) => overlay.start(seg, primary.idx as usize),
                        None => {
                            self.overlay = overlay;
                            continue;
                        }
                    };
                    self.overlay = overlay;
                    self.order[pos] = PkgRef {
                        seg: PkgRef::OVERLAY,
                        idx: o,
                    };
                    o
                }
            };
            let mut overlay = std::mem::take(&mut self.overlay);
            if let Some(seg) = self.segment(later.seg as usize) {
                overlay.fold(o, seg, later.idx as usize);
            }
            self.overlay = overlay;
        }
        self.count_reused(start);
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// Adds the packages from `order[start..]` to the reused-tracking count
    /// (section 6: packages whose number also stands on a package of
    /// another order; one order with one number is one package, so any
    /// number on two packages is on two orders).
    fn count_reused(&mut self, start: usize) {
        let mut table = std::mem::take(&mut self.trackings);
        let mut reused = 0;
        table.reserve(self.order_src.len().saturating_sub(start), |e| {
            self.tracking_of(e.0).map_or(0, |(t, _)| xxh3_64(t))
        });
        for from in (start..self.order_src.len()).step_by(BATCH) {
            let to = (from + BATCH).min(self.order_src.len());
            reused += self.count_reused_in(&mut table, from..to);
        }
        self.trackings = table;
        self.reused += reused;
    }

    #[inline(never)]
    fn count_reused_in(
        &self,
        table: &mut HashTable<(PkgRef, u32)>,
        range: std::ops::Range<usize>,
    ) -> u64 {
        let mut reused = 0;
        for &r in &self.order_src[range] {
            let Some((tracking, written)) = self.tracking_of(r) else {
                continue;
            };
            if tracking.is_empty() {
                continue;
            }
            // Missing and spreadsheet-damaged numbers are no reuse (section 6).
            let w = std::str::from_utf8(written.unwrap_or(tracking)).unwrap_or("");
            if is_placeholder(w) || is_spreadsheet_mangled(w) {
                continue;
            }
            let h = xxh3_64(tracking);
            let same = |&(first, _): &(PkgRef, u32)| {
                self.tracking_of(first).is_some_and(|(t, _)| t == tracking)
            };
            match table.find_mut(h, same) {
                Some(entry) => {
                    entry.1 += 1;
                    // The first package with the number counts once a second shows up.
                    reused += if entry.1 == 2 { 2 } else { 1 };
                }
                None => {
                    // Room was made before the count: nothing is re-hashed.
                    table.insert_unique(h, (r, 1), |e| {
                        self.tracking_of(e.0).map_or(0, |(t, _)| xxh3_64(t))
                    });
                }
            }
        }
        reused
    }

    /// The normalised tracking of `r` and, when it differs, as written.
    fn tracking_of(&self, r: PkgRef) -> Option<(&[u8], Option<&[u8]>)> {
        if r.seg == PkgRef::OVERLAY {
            let m = self.overlay.pkgs.get(r.idx as usize)?;
            return Some((m.tracking.as_bytes(), Some(m.written.as_bytes())));
        }
        let seg = self.segment(r.seg as usize)?;
        let i = r.idx as usize;
        Some((seg.tracking_bytes(i), seg.written_bytes(i)))
    }

    /// Bytes of memory the packages take.
    pub fn heap_bytes(&self) -> usize {
        self.entries
            .iter()
            .map(|e| e.file.heap_bytes())
            .sum::<usize>()
            + self.order.capacity() * 16
            + self.trackings.capacity() * 13
    }
}

/// How many packages a batch function handles per call. The browser's
/// wasm engine only optimises a function on a later call, never during a
/// long loop already running, so loops over every package call a function
/// per batch: after a few batches the optimised code runs.
pub(crate) const BATCH: usize = 4096;

/// Finds, for the packages `range` of segment `s`, the earliest package of
/// an earlier segment with the same key.
#[inline(never)]
fn probe(
    seg: &Segment,
    s: u32,
    earlier: &[&Segment],
    range: std::ops::Range<usize>,
    merged: &mut Vec<(PkgRef, PkgRef)>,
) {
    for i in range {
        let key = seg.key(i);
        let h = seg.key_hash(i);
        let hit = earlier.iter().enumerate().find_map(|(t, e)| {
            e.find_hashed(key, h).map(|j| PkgRef {
                seg: t as u32,
                idx: j as u32,
            })
        });
        if let Some(primary) = hit {
            merged.push((
                primary,
                PkgRef {
                    seg: s,
                    idx: i as u32,
                },
            ));
        }
    }
}

/// Reads files into one pool of packages, in order. A file that cannot be
/// read is reported in its [`FileReport::error`] and the others still
/// count.
pub fn load(files: &[FileInput<'_>], options: &LoadOptions) -> Dataset {
    let mut data = Dataset::new();
    for (i, f) in files.iter().enumerate() {
        let own;
        let options = match f.encoding {
            Some(e) => {
                own = LoadOptions {
                    encoding: Some(e),
                    ..options.clone()
                };
                &own
            }
            None => options,
        };
        let mut r = FileReader::new(f.name, f.bytes.len() as u64, f.mapping.clone(), options);
        let earlier = data.earlier();
        r.push(f.bytes, &earlier);
        let file = r.finish(&earlier).into_file();
        data.push(i as u64, file);
    }
    data
}
