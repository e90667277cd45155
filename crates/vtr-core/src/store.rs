//! The compact package store of one read: a [`Segment`] holds the packages
//! of a file, or of one part of a file read on its own.
//!
//! A package is 20 bytes plus its key in an arena plus one slot per mapped
//! date or amount column; its text fields are one interned tuple. Identity
//! is exact: keys are compared byte for byte, the hash only finds
//! candidates. Rows are never kept; what remains of a row is its 128-bit
//! fingerprint, so later rows and files can be checked for exact repeats.

use crate::fingerprint::Fingerprint;
use crate::intern::{Interner, Sym, Tuples};
use crate::package::{DateKind, PackageView, Source, Text};
use crate::value::date::RawDate;
use crate::value::tracking::ScanEvidence;
use crate::wire::{Reader, WireError, Writer};
use chrono::NaiveDate;
use hashbrown::HashTable;
use rustc_hash::FxHashMap;

/// Memory could not be had for more packages; the read stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

/// "No date" in day numbers.
pub const NO_DAY: i32 = i32::MIN;
const NO_MONEY: i64 = i64::MIN;
/// End of a package's chain of further lines.
const NO_MORE: u32 = u32::MAX;

/// What identifies a package (section 2), as the tag of its stored key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// (order id, normalised tracking number): a row with tracking.
    Tracking = 0,
    /// (order id, shipment id): a row without tracking, shipment id mapped.
    Shipment = 1,
    /// The order id alone: a row with neither.
    Order = 2,
}

/// A package's key written into a reusable buffer: tag, order id and
/// tracking number or shipment id, each length-prefixed, so that two keys
/// are equal exactly when their bytes are and one is never a prefix of
/// another.
#[derive(Default)]
pub struct KeyBuf {
    bytes: Vec<u8>,
}

impl KeyBuf {
    /// Writes the key of a row.
    pub fn set(&mut self, kind: KeyKind, order: &str, second: &str) -> &[u8] {
        self.bytes.clear();
        self.bytes.push(kind as u8);
        push_varint(&mut self.bytes, order.len());
        self.bytes.extend_from_slice(order.as_bytes());
        push_varint(&mut self.bytes, second.len());
        self.bytes.extend_from_slice(second.as_bytes());
        &self.bytes
    }

    /// The key last written.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], pos: &mut usize) -> usize {
    let mut n = 0usize;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*pos) {
        *pos += 1;
        if shift < usize::BITS {
            n |= usize::from(b & 0x7f) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    n
}

/// A length-prefixed string at `pos`, and where it ends.
fn read_str(bytes: &[u8], pos: usize) -> (&str, usize) {
    let mut p = pos;
    let len = read_varint(bytes, &mut p);
    let end = p.saturating_add(len).min(bytes.len());
    let s = std::str::from_utf8(&bytes[p.min(end)..end]).unwrap_or("");
    (s, end)
}

/// The parts of a stored key.
struct StoredKey<'a> {
    kind: u8,
    order: &'a str,
    second: &'a str,
}

fn stored_key(arena: &[u8], off: u32) -> StoredKey<'_> {
    let off = off as usize;
    let kind = arena.get(off).copied().unwrap_or(0);
    let (order, p) = read_str(arena, off + 1);
    let (second, _) = read_str(arena, p);
    StoredKey {
        kind,
        order,
        second,
    }
}

/// The length of the stored key at `off`, without looking inside its strings.
fn key_len(arena: &[u8], off: u32) -> usize {
    let off = off as usize;
    let mut pos = off + 1;
    let a = read_varint(arena, &mut pos);
    pos += a;
    let b = read_varint(arena, &mut pos);
    (pos + b).min(arena.len()).saturating_sub(off)
}

/// The fixed part of a package.
#[derive(Clone, Copy, Debug)]
struct Core {
    /// Offset of the key in the arena.
    key: u32,
    /// The interned tuple of text fields.
    texts: u32,
    /// The first row's line, relative to the segment's start.
    line: u32,
    /// Head of the chain of further lines (latest first).
    more: u32,
    /// The first row's fingerprint.
    fp: Fingerprint,
}

// A package's fixed part is what a large file's memory grows by: keep it
// at 32 bytes (a package of the 93 MB benchmark file in 617,634).
const _: () = assert!(std::mem::size_of::<Core>() == 32);

/// A further row of a package.
#[derive(Clone, Copy, Debug)]
struct Extra {
    line: u32,
    next: u32,
    fp: Fingerprint,
}

/// What the rules read of one package (see [`Segment::rule_input`]).
#[derive(Clone, Copy, Debug)]
pub struct RuleInput<'a> {
    /// The text fields as symbols of the store's [`Interner`], indexed by
    /// [`Text`]: the rules judge each distinct text once, not per package.
    pub syms: [Sym; Text::COUNT],
    /// Days from the common era (`NaiveDate::num_days_from_ce`), or
    /// [`NO_DAY`].
    pub days: [i32; DateKind::COUNT],
    /// Price including shipping in minor units, when known (section 2).
    pub value: Option<i64>,
    /// What the rows say about a carrier scan.
    pub scan: ScanEvidence,
    /// Normalised; empty when keyed otherwise.
    pub tracking: &'a [u8],
    /// As written.
    pub written: &'a [u8],
}

/// One row, mapped and parsed, ready to be folded into its package.
#[derive(Debug)]
pub struct RowFacts<'a> {
    /// The package key (see [`KeyBuf`]).
    pub key: &'a [u8],
    /// Trimmed, as written; may be a placeholder.
    pub tracking_written: &'a str,
    /// Normalised, empty for placeholders.
    pub tracking: &'a str,
    /// The text cells, interned in the segment's strings, indexed by [`Text`].
    pub texts: [Sym; Text::COUNT],
    /// The date cells, indexed by [`DateKind`]; ambiguous ones keep both
    /// readings until the file's day/month order is known.
    pub dates: [RawDate; DateKind::COUNT],
    /// The package-value cell in minor units: the package keeps the largest.
    pub value: Option<i64>,
    /// The item-price cell in minor units: the package sums them.
    pub item_price: Option<i64>,
    /// The shipping-price cell in minor units: summed with the item prices.
    pub shipping_price: Option<i64>,
    /// What the row says about a carrier scan.
    pub scan: ScanEvidence,
    /// Line relative to the segment's start.
    pub line: u32,
    /// The row's fingerprint.
    pub fp: Fingerprint,
}

/// Which optional columns a segment stores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// Which date fields are mapped, indexed by [`DateKind`].
    pub dates: [bool; DateKind::COUNT],
    /// Whether a package-value column is mapped.
    pub value: bool,
    /// Whether an item-price or shipping-price column is mapped.
    pub items: bool,
}

/// The packages of one read, in order of first appearance.
#[derive(Clone, Debug, Default)]
pub struct Segment {
    arena: Vec<u8>,
    pkgs: Vec<Core>,
    /// Each package's scan evidence (a [`scan_code`]): kept apart, a
    /// package is 32 bytes, not 40 with the padding a byte brought.
    scans: Vec<u8>,
    /// Each package's key hash, so the table grows without re-hashing keys.
    hashes: Vec<u64>,
    table: HashTable<u32>,
    /// Texts of the packages.
    pub strings: Interner,
    tuples: Tuples<{ Text::COUNT }>,
    columns: Columns,
    dates: [Vec<i32>; DateKind::COUNT],
    /// Both readings of ambiguous `dd/dd/yyyy` dates, kept until the
    /// file's day/month order is known; empty until the first such date.
    pending: Vec<[[i32; 2]; DateKind::COUNT]>,
    value_max: Vec<i64>,
    item_sum: Vec<i64>,
    /// Further rows, chained from their package.
    extra: Vec<Extra>,
    /// Package -> arena offset of its tracking as written, when that
    /// differs from the stored key's.
    written: FxHashMap<u32, u32>,
    /// Fingerprints of rows left out for a problem. Rows that count are
    /// remembered on their package: a repeat has the same cells, so the
    /// same key, so it can only repeat a row of the same package.
    problem_fps: HashTable<Fingerprint>,
    /// The package the last row went to: item rows of one package mostly
    /// follow each other.
    last: Option<u32>,
    /// The last tuple of texts interned, and its id.
    last_tuple: Option<([Sym; Text::COUNT], u32)>,
    /// A hash of the mapping the rows were read with: a repeat is only
    /// found through its package under the same mapping.
    pub(crate) mapping_sig: u64,
    /// Every row fingerprint in one table, built when a file under another
    /// mapping first asks (see [`Segment::all_rows`]).
    all_rows: std::sync::OnceLock<HashTable<Fingerprint>>,
    /// Line number of the segment's first line, minus one.
    pub(crate) line_base: u64,
    /// The file's index in its dataset.
    pub(crate) file: u16,
}

impl Segment {
    /// An empty segment storing the given optional columns.
    pub fn new(columns: Columns) -> Self {
        Segment {
            columns,
            ..Segment::default()
        }
    }

    /// The number of packages.
    pub fn len(&self) -> usize {
        self.pkgs.len()
    }

    /// Where a row with this key goes: its package, if there is one.
    pub fn locate(&self, key: &[u8], hash: u64) -> Option<usize> {
        if let Some(last) = self.last {
            if self.key(last as usize) == key {
                return Some(last as usize);
            }
        }
        self.find_hashed(key, hash)
    }

    /// Whether package `idx` already has a row with this fingerprint.
    pub fn package_has_row(&self, idx: usize, fp: Fingerprint) -> bool {
        let Some(p) = self.pkgs.get(idx) else {
            return false;
        };
        if p.fp == fp {
            return true;
        }
        let mut at = p.more;
        while let Some(e) = self.extra.get(at as usize) {
            if e.fp == fp {
                return true;
            }
            at = e.next;
        }
        false
    }

    /// Whether a row left out for a problem had this fingerprint.
    pub fn problem_seen(&self, fp: Fingerprint) -> bool {
        !self.problem_fps.is_empty() && self.problem_fps.find(fp.hash(), |x| *x == fp).is_some()
    }

    /// Remembers a row left out for a problem; false when it was seen before.
    pub fn note_problem(&mut self, fp: Fingerprint) -> Result<bool, OutOfMemory> {
        if self.problem_seen(fp) {
            return Ok(false);
        }
        self.problem_fps
            .try_reserve(1, |x| x.hash())
            .map_err(|_| OutOfMemory)?;
        self.problem_fps.insert_unique(fp.hash(), fp, |x| x.hash());
        Ok(true)
    }

    /// Every row's fingerprint, in no particular order.
    pub fn fingerprints(&self) -> impl Iterator<Item = Fingerprint> + '_ {
        self.pkgs
            .iter()
            .map(|p| p.fp)
            .chain(self.extra.iter().map(|e| e.fp))
            .chain(self.problem_fps.iter().copied())
    }

    /// Every row's fingerprint in one table: how a file read under another
    /// mapping finds its repeats here (its keys may differ from ours).
    pub fn all_rows(&self) -> &HashTable<Fingerprint> {
        self.all_rows.get_or_init(|| {
            let mut set = HashTable::new();
            for fp in self.fingerprints() {
                if set.find(fp.hash(), |x| *x == fp).is_none() {
                    set.insert_unique(fp.hash(), fp, |x: &Fingerprint| x.hash());
                }
            }
            set
        })
    }

    /// Whether any row of this segment repeats one of `earlier`'s (both
    /// read under the same header and mapping).
    pub fn repeats_any_of(&self, earlier: &Segment) -> bool {
        for i in 0..self.pkgs.len() {
            let key = self.key(i);
            let h = self.key_hash(i);
            if let Some(j) = earlier.find_hashed(key, h) {
                let mut mine = vec![self.pkgs[i].fp];
                let mut at = self.pkgs[i].more;
                while let Some(e) = self.extra.get(at as usize) {
                    mine.push(e.fp);
                    at = e.next;
                }
                if mine.iter().any(|&fp| earlier.package_has_row(j, fp)) {
                    return true;
                }
            }
        }
        self.problem_fps.iter().any(|&fp| earlier.problem_seen(fp))
    }

    /// Folds one row into its package (`found`, from [`Segment::locate`]),
    /// creating the package when there is none.
    pub fn fold(
        &mut self,
        row: &RowFacts<'_>,
        found: Option<usize>,
        hash: u64,
    ) -> Result<(), OutOfMemory> {
        let idx = match found {
            Some(i) => {
                self.extra.try_reserve(1).map_err(|_| OutOfMemory)?;
                let next_index = u32::try_from(self.extra.len()).map_err(|_| OutOfMemory)?;
                let p = &mut self.pkgs[i];
                let next = p.more;
                p.more = next_index;
                self.extra.push(Extra {
                    line: row.line,
                    next,
                    fp: row.fp,
                });
                i
            }
            None => self.insert(row, hash)?,
        };
        self.last = u32::try_from(idx).ok();
        self.merge_row(idx, row);
        Ok(())
    }

    fn insert(&mut self, row: &RowFacts<'_>, hash: u64) -> Result<usize, OutOfMemory> {
        let idx = self.pkgs.len();
        let idx32 = u32::try_from(idx).map_err(|_| OutOfMemory)?;
        let key = u32::try_from(self.arena.len()).map_err(|_| OutOfMemory)?;
        self.arena
            .try_reserve(row.key.len() + 1)
            .map_err(|_| OutOfMemory)?;
        self.pkgs.try_reserve(1).map_err(|_| OutOfMemory)?;
        self.scans.try_reserve(1).map_err(|_| OutOfMemory)?;
        self.hashes.try_reserve(1).map_err(|_| OutOfMemory)?;
        {
            let hashes = &self.hashes;
            self.table
                .try_reserve(1, |&i| hashes[i as usize])
                .map_err(|_| OutOfMemory)?;
        }
        self.arena.extend_from_slice(row.key);
        self.pkgs.push(Core {
            key,
            texts: 0,
            line: row.line,
            more: NO_MORE,
            fp: row.fp,
        });
        self.scans.push(scan_code(ScanEvidence::Unknown));
        for (k, mapped) in self.columns.dates.iter().enumerate() {
            if *mapped {
                self.dates[k].push(NO_DAY);
            }
        }
        if !self.pending.is_empty() {
            self.pending.push([[NO_DAY; 2]; DateKind::COUNT]);
        }
        if self.columns.value {
            self.value_max.push(NO_MONEY);
        }
        if self.columns.items {
            self.item_sum.push(NO_MONEY);
        }
        if !row.tracking.is_empty() && row.tracking_written != row.tracking {
            self.set_written(idx32, row.tracking_written);
        }
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table
            .insert_unique(hash, idx32, |&i| hashes[i as usize]);
        Ok(idx)
    }

    fn set_written(&mut self, idx: u32, written: &str) {
        let Ok(off) = u32::try_from(self.arena.len()) else {
            return;
        };
        push_varint(&mut self.arena, written.len());
        self.arena.extend_from_slice(written.as_bytes());
        self.written.insert(idx, off);
    }

    fn merge_row(&mut self, idx: usize, row: &RowFacts<'_>) {
        let p = &mut self.pkgs[idx];
        if p.texts == 0 {
            // Rows mostly repeat the last row's texts: skip the table then.
            p.texts = match self.last_tuple {
                Some((t, id)) if t == row.texts => id,
                _ => {
                    let id = self.tuples.intern(&row.texts);
                    self.last_tuple = Some((row.texts, id));
                    id
                }
            };
        } else {
            let mut t = self.tuples.get(p.texts);
            let mut changed = false;
            for (slot, &sym) in t.iter_mut().zip(row.texts.iter()) {
                if slot.is_empty() && !sym.is_empty() {
                    *slot = sym;
                    changed = true;
                }
            }
            if changed {
                p.texts = self.tuples.intern(&t);
            }
        }
        if let Some(scan) = self.scans.get_mut(idx) {
            *scan = scan_code(merge_scan(scan_of(*scan), row.scan));
        }
        for (k, raw) in row.dates.iter().enumerate() {
            match *raw {
                RawDate::Empty => {}
                RawDate::Date(d) => {
                    if let Some(slot) = self.dates[k].get_mut(idx) {
                        *slot = (*slot).max(day(d));
                    }
                }
                RawDate::Slash { .. } => {
                    if self.pending.is_empty() {
                        self.pending = vec![[[NO_DAY; 2]; DateKind::COUNT]; self.pkgs.len()];
                    }
                    let slot = &mut self.pending[idx][k];
                    slot[0] = slot[0].max(raw.month_first().map_or(NO_DAY, day));
                    slot[1] = slot[1].max(raw.day_first().map_or(NO_DAY, day));
                }
            }
        }
        if let Some(v) = row.value {
            if let Some(slot) = self.value_max.get_mut(idx) {
                *slot = (*slot).max(v);
            }
        }
        if row.item_price.is_some() || row.shipping_price.is_some() {
            let add = row
                .item_price
                .unwrap_or(0)
                .saturating_add(row.shipping_price.unwrap_or(0));
            if let Some(slot) = self.item_sum.get_mut(idx) {
                *slot = if *slot == NO_MONEY {
                    add
                } else {
                    slot.saturating_add(add)
                };
            }
        }
        let key = self.pkgs[idx].key;
        if row.tracking.is_empty()
            && !row.tracking_written.is_empty()
            && !self.written.contains_key(&(idx as u32))
            && self.arena.get(key as usize) != Some(&(KeyKind::Tracking as u8))
        {
            // A package without a real number keeps the placeholder it was given.
            self.set_written(idx as u32, row.tracking_written);
        }
    }

    /// Settles the ambiguous dates now that each date column's order is
    /// known: `day_first[k]` for date field `k`.
    pub fn settle_dates(&mut self, day_first: [bool; DateKind::COUNT]) {
        let pending = std::mem::take(&mut self.pending);
        for (idx, slots) in pending.iter().enumerate() {
            for (k, slot) in slots.iter().enumerate() {
                let chosen = slot[usize::from(day_first[k])];
                if chosen == NO_DAY {
                    continue;
                }
                if let Some(d) = self.dates[k].get_mut(idx) {
                    *d = (*d).max(chosen);
                }
            }
        }
    }

    /// Package `i`, or `None` past the end.
    pub fn view(&self, i: usize) -> Option<PackageView<'_>> {
        let p = self.pkgs.get(i)?;
        let k = stored_key(&self.arena, p.key);
        let tuple = self.tuples.get(p.texts);
        let texts = tuple.map(|s| self.strings.get(s));
        let written = self
            .written
            .get(&(i as u32))
            .map(|&off| read_str(&self.arena, off as usize).0);
        let (tracking, shipment_id) = match k.kind {
            0 => (k.second, None),
            1 => ("", Some(k.second)),
            _ => ("", None),
        };
        let dates = std::array::from_fn(|d| {
            self.dates[d]
                .get(i)
                .copied()
                .filter(|&x| x != NO_DAY)
                .and_then(NaiveDate::from_num_days_from_ce_opt)
        });
        let value = self
            .value_max
            .get(i)
            .copied()
            .filter(|&v| v != NO_MONEY)
            .or_else(|| self.item_sum.get(i).copied().filter(|&v| v != NO_MONEY));
        Some(PackageView {
            order_id: k.order,
            tracking,
            tracking_written: written.unwrap_or(tracking),
            shipment_id,
            texts,
            dates,
            value,
            scan: scan_of(self.scans.get(i).copied().unwrap_or(0)),
        })
    }

    /// What the rules read of package `i`, without building a whole view:
    /// its text symbols, its dates as day numbers, its value and scan, and
    /// its tracking normalised and as written.
    pub fn rule_input(&self, i: usize) -> Option<RuleInput<'_>> {
        let p = self.pkgs.get(i)?;
        let tracking = self.tracking_bytes(i);
        let written = self.written_bytes(i).unwrap_or(tracking);
        let (value_max, item_sum) = self.amounts(i);
        Some(RuleInput {
            syms: self.tuples.get(p.texts),
            days: std::array::from_fn(|d| self.dates[d].get(i).copied().unwrap_or(NO_DAY)),
            value: value_max.or(item_sum),
            scan: scan_of(self.scans.get(i).copied().unwrap_or(0)),
            tracking,
            written,
        })
    }

    /// The largest package value and the sum of item + shipping prices of
    /// package `i`, each when known.
    pub fn amounts(&self, i: usize) -> (Option<i64>, Option<i64>) {
        let get = |v: &Vec<i64>| v.get(i).copied().filter(|&x| x != NO_MONEY);
        (get(&self.value_max), get(&self.item_sum))
    }

    /// The normalised tracking number of package `i` (empty when keyed
    /// otherwise), without building a whole view.
    pub fn tracking_bytes(&self, i: usize) -> &[u8] {
        let Some(p) = self.pkgs.get(i) else {
            return &[];
        };
        let off = p.key as usize;
        if self.arena.get(off) != Some(&(KeyKind::Tracking as u8)) {
            return &[];
        }
        let mut pos = off + 1;
        let order_len = read_varint(&self.arena, &mut pos);
        pos += order_len;
        let len = read_varint(&self.arena, &mut pos);
        self.arena.get(pos..pos + len).unwrap_or(&[])
    }

    /// The tracking number as written of package `i`, when it differs from
    /// the normalised one.
    pub fn written_bytes(&self, i: usize) -> Option<&[u8]> {
        let &off = self.written.get(&(i as u32))?;
        let mut pos = off as usize;
        let len = read_varint(&self.arena, &mut pos);
        self.arena.get(pos..pos + len)
    }

    /// The stored key of package `i`, as [`KeyBuf`] writes it.
    pub fn key(&self, i: usize) -> &[u8] {
        let Some(p) = self.pkgs.get(i) else {
            return &[];
        };
        let len = key_len(&self.arena, p.key);
        &self.arena[p.key as usize..p.key as usize + len]
    }

    /// The key hash of package `i`.
    pub fn key_hash(&self, i: usize) -> u64 {
        self.hashes.get(i).copied().unwrap_or(0)
    }

    /// [`Segment::find`] with the key's hash already known.
    pub fn find_hashed(&self, key: &[u8], hash: u64) -> Option<usize> {
        let (arena, pkgs) = (&self.arena, &self.pkgs);
        self.table
            .find(hash, |&i| {
                arena
                    .get(pkgs[i as usize].key as usize..)
                    .is_some_and(|k| k.starts_with(key))
            })
            .map(|&i| i as usize)
    }

    /// Every row of package `i`, first one first.
    pub fn sources(&self, i: usize) -> Vec<Source> {
        let Some(p) = self.pkgs.get(i) else {
            return Vec::new();
        };
        let mut lines = vec![p.line];
        let mut at = p.more;
        while let Some(e) = self.extra.get(at as usize) {
            lines.push(e.line);
            at = e.next;
        }
        lines[1..].reverse();
        lines
            .into_iter()
            .map(|l| Source {
                file: self.file,
                line: u32::try_from(self.line_base + u64::from(l)).unwrap_or(u32::MAX),
            })
            .collect()
    }

    /// The first row of package `i`.
    pub fn first_source(&self, i: usize) -> Source {
        let line = self.pkgs.get(i).map_or(0, |p| p.line);
        Source {
            file: self.file,
            line: u32::try_from(self.line_base + u64::from(line)).unwrap_or(u32::MAX),
        }
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.pkgs.capacity() * std::mem::size_of::<Core>()
            + self.scans.capacity()
            + self.hashes.capacity() * 8
            + self.table.capacity() * 5
            + self.strings.heap_bytes()
            + self.tuples.len() * (4 * Text::COUNT + 5)
            + self.dates.iter().map(|d| d.capacity() * 4).sum::<usize>()
            + self.pending.capacity() * std::mem::size_of::<[[i32; 2]; DateKind::COUNT]>()
            + (self.value_max.capacity() + self.item_sum.capacity()) * 8
            + self.extra.capacity() * std::mem::size_of::<Extra>()
            + self.written.capacity() * 9
            + self.problem_fps.capacity() * 17
    }
}

impl Segment {
    /// Writes the segment for [`Segment::decode`] (another Web Worker
    /// read it; its tables are rebuilt there from the stored hashes).
    pub fn encode(&self, w: &mut Writer) {
        w.bytes(&self.arena);
        w.len(self.pkgs.len());
        for ((p, &h), &scan) in self.pkgs.iter().zip(&self.hashes).zip(&self.scans) {
            w.u32(p.key);
            w.u32(p.texts);
            w.u32(p.line);
            w.u32(p.more);
            w.u8(scan);
            w.u64(p.fp.0);
            w.u64(p.fp.1);
            w.u64(h);
        }
        w.len(self.strings.len());
        for t in self.strings.iter() {
            w.bytes(t.as_bytes());
        }
        w.len(self.tuples.len());
        for i in 0..self.tuples.len() {
            for sym in self.tuples.get(i as u32) {
                w.u32(sym.0);
            }
        }
        let c = self.columns;
        for d in c.dates {
            w.u8(u8::from(d));
        }
        w.u8(u8::from(c.value));
        w.u8(u8::from(c.items));
        for d in &self.dates {
            w.len(d.len());
            for &x in d {
                w.i32(x);
            }
        }
        w.len(self.pending.len());
        for slots in &self.pending {
            for slot in slots {
                w.i32(slot[0]);
                w.i32(slot[1]);
            }
        }
        for v in [&self.value_max, &self.item_sum] {
            w.len(v.len());
            for &x in v {
                w.i64(x);
            }
        }
        w.len(self.extra.len());
        for e in &self.extra {
            w.u32(e.line);
            w.u32(e.next);
            w.u64(e.fp.0);
            w.u64(e.fp.1);
        }
        let mut written: Vec<(u32, u32)> = self.written.iter().map(|(&k, &v)| (k, v)).collect();
        written.sort_unstable();
        w.len(written.len());
        for (k, v) in written {
            w.u32(k);
            w.u32(v);
        }
        w.len(self.problem_fps.len());
        for fp in self.problem_fps.iter() {
            w.u64(fp.0);
            w.u64(fp.1);
        }
        w.u64(self.mapping_sig);
        w.u64(self.line_base);
    }

    /// Reads a segment [`Segment::encode`] wrote.
    pub fn decode(r: &mut Reader<'_>) -> Result<Segment, WireError> {
        let mut s = Segment {
            arena: r.bytes()?.to_vec(),
            ..Segment::default()
        };
        let n = r.len(45)?;
        s.pkgs.reserve_exact(n);
        s.hashes.reserve_exact(n);
        s.scans.reserve_exact(n);
        for _ in 0..n {
            let (key, texts, line, more) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
            s.scans.push(r.u8()?);
            let core = Core {
                key,
                texts,
                line,
                more,
                fp: Fingerprint(r.u64()?, r.u64()?),
            };
            if core.key as usize >= s.arena.len() {
                return Err(WireError);
            }
            s.pkgs.push(core);
            s.hashes.push(r.u64()?);
        }
        let n = r.len(8)?;
        for i in 0..n {
            let t = std::str::from_utf8(r.bytes()?).map_err(|_| WireError)?;
            // The empty string is always symbol 0.
            if s.strings.intern(t).index() != i {
                return Err(WireError);
            }
        }
        let n = r.len(4 * Text::COUNT)?;
        for i in 0..n {
            let mut t = [Sym::EMPTY; Text::COUNT];
            for slot in &mut t {
                *slot = Sym(r.u32()?);
            }
            if s.tuples.intern(&t) as usize != i {
                return Err(WireError);
            }
        }
        let mut c = Columns::default();
        for d in &mut c.dates {
            *d = r.u8()? != 0;
        }
        c.value = r.u8()? != 0;
        c.items = r.u8()? != 0;
        s.columns = c;
        for d in &mut s.dates {
            let n = r.len(4)?;
            d.reserve_exact(n);
            for _ in 0..n {
                d.push(r.i32()?);
            }
        }
        let n = r.len(8 * DateKind::COUNT)?;
        for _ in 0..n {
            let mut slots = [[NO_DAY; 2]; DateKind::COUNT];
            for slot in &mut slots {
                slot[0] = r.i32()?;
                slot[1] = r.i32()?;
            }
            s.pending.push(slots);
        }
        for v in [&mut s.value_max, &mut s.item_sum] {
            let n = r.len(8)?;
            v.reserve_exact(n);
            for _ in 0..n {
                v.push(r.i64()?);
            }
        }
        let n = r.len(24)?;
        for i in 0..n {
            let e = Extra {
                line: r.u32()?,
                next: r.u32()?,
                fp: Fingerprint(r.u64()?, r.u64()?),
            };
            // A chain only ever points back, so it always ends.
            if e.next != NO_MORE && e.next as usize >= i {
                return Err(WireError);
            }
            s.extra.push(e);
        }
        if s.pkgs
            .iter()
            .any(|p| p.more != NO_MORE && p.more as usize >= s.extra.len())
        {
            return Err(WireError);
        }
        let n = r.len(8)?;
        for _ in 0..n {
            let k = r.u32()?;
            let v = r.u32()?;
            s.written.insert(k, v);
        }
        let n = r.len(16)?;
        for _ in 0..n {
            let fp = Fingerprint(r.u64()?, r.u64()?);
            s.problem_fps.insert_unique(fp.hash(), fp, |x| x.hash());
        }
        s.mapping_sig = r.u64()?;
        s.line_base = r.u64()?;
        let hashes = &s.hashes;
        s.table.reserve(s.pkgs.len(), |&i| hashes[i as usize]);
        for (i, &h) in hashes.iter().enumerate() {
            s.table.insert_unique(h, i as u32, |&j| hashes[j as usize]);
        }
        Ok(s)
    }
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn scan_code(s: ScanEvidence) -> u8 {
    match s {
        ScanEvidence::Unknown => 0,
        ScanEvidence::Scanned => 1,
        ScanEvidence::NotScanned => 2,
    }
}

fn scan_of(c: u8) -> ScanEvidence {
    match c {
        1 => ScanEvidence::Scanned,
        2 => ScanEvidence::NotScanned,
        _ => ScanEvidence::Unknown,
    }
}

/// Scan evidence of several rows: a scan anywhere wins, then a recorded
/// absence of scans, then nothing known.
pub fn merge_scan(a: ScanEvidence, b: ScanEvidence) -> ScanEvidence {
    use ScanEvidence::*;
    match (a, b) {
        (Scanned, _) | (_, Scanned) => Scanned,
        (NotScanned, _) | (_, NotScanned) => NotScanned,
        _ => Unknown,
    }
}

use chrono::Datelike;
