//! The last check, kept on this device: it is still there after a reload
//! and after the browser is closed.
//!
//! What is kept, in IndexedDB ([`crate::browser::idb`]): the seller's files
//! themselves (each `File` as it was added, which the browser copies into
//! its storage), and one [`SavedCheck`] record with their names, sizes and
//! chosen mappings, the inputs of the last result and that result's
//! [`ResultView`]. Settings, remembered mappings and carrier edits are in
//! `localStorage` already ([`super::settings`]).
//!
//! Why the files and not the engine's packages: a file's bytes mean the
//! same to every later build of the page, while the packages are the
//! engine's working format of the day. Reading a 100 MB file again takes
//! the engine about two seconds, so the last result is kept too and shown
//! at once, before the engine has the files back; the engine's results are
//! held back meanwhile ([`shown_result`]), so the seller never sees the
//! figures of half the files. A result is shown at once only when it was
//! made from these files with exactly the settings, date order and carrier
//! edits the page has now (an as-of date of "today" on a later day is a
//! different input); otherwise the files are only read again.
//!
//! What is on screen is what is kept: every change to the files, their
//! mappings or the result is written (in one transaction, so the record
//! and the files always agree), removing a file forgets it, and
//! [`forget_everything`] deletes the database and the page's
//! `localStorage`. Where storage is blocked or full, the page works as
//! ever and says the check will not be kept ([`Keep::NotKept`]).
//!
//! One check is kept per browser, and several tabs may show one each. The
//! check kept is that of the tab the seller last changed, whole: tabs
//! change storage one at a time ([`tabs::exclusive`]), each write marks
//! the record with a new [`SavedCheck::stamp`], and a tab whose stamp is
//! no longer the record's neither reuses nor deletes files by its old
//! keys. It tells the others it wrote; they say their check is not the
//! one kept ([`Keep::Elsewhere`]) and write only when their seller changes
//! something there, or asks ([`keep_this_tab`]). What a tab does on its
//! own (reading its files again after a reload) never replaces a check
//! another tab kept since.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vtr_core::carrier::RegistryEdits;
use vtr_core::decode::Encoding;
use vtr_core::mapping::Mapping;
use vtr_core::read::DateOrder;
use vtr_core::Settings;
use vtr_worker::protocol::ResultView;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::idb::{self, Change, Db};
use crate::browser::storage::{self, StorageError};
use crate::browser::tabs::{self, Channel};
use crate::state::{AppState, Choices, Shared, Stage};

/// The key of the [`SavedCheck`] record in [`idb::CHECK`].
pub const CHECK_KEY: &str = "last/v1";

/// The Web Lock a tab holds while it changes what is kept.
const LOCK: &str = "vtr-check/kept";

/// The channel on which a tab tells the others it changed what is kept:
/// `kept <stamp>` after a write (an empty stamp: it emptied storage),
/// `forgotten` after "Forget everything".
const CHANNEL: &str = "vtr-check/kept";

/// Everything besides the files a result depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInputs {
    pub settings: Settings,
    pub date_order: DateOrder,
    pub edits: RegistryEdits,
}

impl CheckInputs {
    /// The state's inputs (tracked: an effect re-runs when one changes).
    pub fn of(state: &AppState) -> CheckInputs {
        CheckInputs {
            settings: state.settings.get(),
            date_order: state.date_order.get(),
            edits: state.registry_edits.get(),
        }
    }

    /// The state's inputs, outside any effect.
    pub fn of_untracked(state: &AppState) -> CheckInputs {
        CheckInputs {
            settings: state.settings.get_untracked(),
            date_order: state.date_order.get_untracked(),
            edits: state.registry_edits.get_untracked(),
        }
    }
}

/// One kept file: its key in [`idb::FILES`] and what the page shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    pub key: String,
    pub name: String,
    pub size: u64,
    /// The mapping the seller chose for it; `None`: detected.
    #[serde(default)]
    pub mapping: Option<Mapping>,
    /// The encoding the seller chose for it; `None`: detected.
    #[serde(default)]
    pub encoding: Option<Encoding>,
    /// The workbook sheet the seller chose; `None`: found by its header.
    #[serde(default)]
    pub sheet: Option<String>,
}

impl SavedFile {
    /// How the file is read again when the check comes back.
    fn choices(&self) -> Choices {
        Choices {
            mapping: self.mapping.clone(),
            encoding: self.encoding,
            sheet: self.sheet.clone(),
        }
    }
}

/// The kept check, as one JSON record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedCheck {
    /// In the order they were added (and are read).
    pub files: Vec<SavedFile>,
    /// The last result of all these files, every one read, with the inputs
    /// it was made with. Its files are named by their position in `files`.
    pub result: Option<(CheckInputs, ResultView)>,
    /// New on every write: a tab whose last write or restore saw another
    /// stamp knows another tab has written since.
    pub stamp: String,
}

impl SavedCheck {
    /// The kept result, to show at once, when it is of every kept file and
    /// of exactly `inputs`; its files renamed to the page's `ids` (in the
    /// order of [`SavedCheck::files`]).
    pub fn result_for(&self, inputs: &CheckInputs, ids: &[u64]) -> Option<ResultView> {
        let (made_with, view) = self.result.as_ref()?;
        if made_with != inputs || ids.len() != self.files.len() {
            return None;
        }
        let mut view = view.clone();
        for f in &mut view.files {
            f.id = *ids.get(usize::try_from(f.id).ok()?)?;
        }
        Some(view)
    }

    /// The total size of the kept files.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// `view` with its files named by their position in `ids` (the page's ids
/// of the kept files, in order); `None` when it names a file not kept.
pub fn by_position(view: &ResultView, ids: &[u64]) -> Option<ResultView> {
    let mut view = view.clone();
    for f in &mut view.files {
        f.id = ids.iter().position(|id| *id == f.id)? as u64;
    }
    Some(view)
}

/// What the page tells the seller about keeping the check.
#[derive(Debug, Clone, PartialEq)]
pub enum Keep {
    /// Nothing to keep, and nothing kept.
    Nothing,
    /// Looking for a kept check, or reading its files again.
    Restoring,
    /// Writing the check.
    Saving,
    /// The check on screen is kept: these files and bytes.
    Saved { files: Vec<(u64, String, u64)> },
    /// Not kept, and why: full ([`StorageError::Full`]) or not available.
    NotKept(StorageError),
    /// "Forget everything" was done: the page keeps nothing.
    Forgotten,
    /// Another tab kept its check since: this tab's goes with a reload,
    /// unless the seller changes it or asks to keep it ([`keep_this_tab`]).
    Elsewhere,
}

impl Keep {
    /// A stable name for tests and styles (`data-state`).
    pub fn key(&self) -> &'static str {
        match self {
            Keep::Nothing => "nothing",
            Keep::Restoring => "restoring",
            Keep::Saving => "saving",
            Keep::Saved { .. } => "saved",
            Keep::NotKept(StorageError::Full) => "full",
            Keep::NotKept(_) => "unavailable",
            Keep::Forgotten => "forgotten",
            Keep::Elsewhere => "elsewhere",
        }
    }
}

/// One change to make in storage: the latest wins over those not yet made.
#[derive(Clone)]
struct Snapshot {
    /// (page id, kept description without its key, the `File`).
    files: Vec<(u64, SavedFile, web_sys::File)>,
    result: Option<(CheckInputs, ResultView)>,
    /// The seller changed this tab's check (or asked to keep it): written
    /// even over a check another tab kept since. Otherwise (a result the
    /// engine made again, the first write after a reload) not.
    take_over: bool,
}

/// What the page remembers between its writes. One per page.
#[derive(Default)]
struct Keeper {
    db: RefCell<Option<Rc<Db>>>,
    /// The page's files whose bytes are in storage: (page id, key).
    kept: RefCell<Vec<(u64, String)>>,
    /// The next write, and whether "Forget everything" comes first.
    pending: RefCell<Option<Snapshot>>,
    forget: Cell<bool>,
    running: Cell<bool>,
    /// After a failed write, the files it was for: the same files are not
    /// tried again, other files are.
    failed_for: RefCell<Option<Vec<u64>>>,
    /// The engine's latest result, held back while a kept check comes back.
    held: RefCell<Option<ResultView>>,
    /// A kept check is coming back: results wait until its files are read.
    restoring: Cell<bool>,
    /// The kept files are on the page (or there were none).
    back: Cell<bool>,
    /// Distinguishes keys made in the same millisecond.
    counter: Cell<u32>,
    /// The stamp of the record `kept` describes, as this tab last wrote or
    /// read it; `None`: no record.
    stamp: RefCell<Option<String>>,
    /// Another tab said it wrote since.
    superseded: Cell<bool>,
    channel: RefCell<Option<Channel>>,
}

thread_local! {
    static KEEPER: Keeper = Keeper::default();
    static STATUS: ArcRwSignal<Keep> = ArcRwSignal::new(Keep::Nothing);
    static ESTIMATE: ArcRwSignal<Option<(f64, f64)>> = ArcRwSignal::new(None);
    static KEPT_SHOWN: ArcRwSignal<bool> = ArcRwSignal::new(false);
    /// Counts the seller's "Keep this tab's check" clicks.
    static FORCE: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

/// Keeps this tab's check, replacing the one another tab kept since.
pub fn keep_this_tab() {
    FORCE.with(|f| f.update(|n| *n = n.wrapping_add(1)));
}

/// What another tab said on [`CHANNEL`].
fn heard(message: &str) {
    let forgotten = message == "forgotten";
    let Some(stamp) = message.strip_prefix("kept ").or(forgotten.then_some("")) else {
        return;
    };
    let ours = KEEPER.with(|k| {
        let same = !forgotten && k.stamp.borrow().as_deref().unwrap_or("") == stamp;
        if !same {
            // Those keys are another tab's to keep or delete now.
            k.kept.borrow_mut().clear();
            k.superseded.set(true);
        }
        if forgotten {
            // The database is gone (its connection closed itself).
            if let Some(db) = k.db.borrow_mut().take() {
                db.close();
            }
        }
        same
    });
    if ours {
        return;
    }
    if forgotten {
        set_status(Keep::Forgotten);
    } else if matches!(status(), Keep::Saved { .. } | Keep::Saving) {
        set_status(Keep::Elsewhere);
    }
    wasm_bindgen_futures::spawn_local(refresh_estimate());
}

fn tell_other_tabs(message: &str) {
    KEEPER.with(|k| {
        if let Some(c) = k.channel.borrow().as_ref() {
            c.post(message);
        }
    });
}

/// Whether the figures on screen are the kept result, shown while its files
/// are read again (reactive). Meanwhile the engine holds only some of the
/// files, so the package list, the trend and the downloads wait: from it
/// they would be partial.
pub fn kept_result_shown() -> bool {
    KEPT_SHOWN.with(|s| s.get())
}

fn set_kept_shown(shown: bool) {
    KEPT_SHOWN.with(|s| {
        if s.get_untracked() != shown {
            s.set(shown);
        }
    });
}

/// What the page says about keeping the check (reactive).
pub fn status() -> Keep {
    STATUS.with(|s| s.get())
}

fn set_status(k: Keep) {
    STATUS.with(|s| s.set(k));
}

/// Bytes this site uses of the browser's storage, and may use
/// (`navigator.storage.estimate()`), once known (reactive).
pub fn estimate() -> Option<(f64, f64)> {
    ESTIMATE.with(|s| s.get())
}

async fn refresh_estimate() {
    let e = idb::estimate().await;
    ESTIMATE.with(|s| s.set(e));
}

/// Brings the kept check back, if there is one, then keeps every change.
/// Call once per page, after the settings are restored.
pub fn connect(state: AppState) {
    KEEPER.with(|k| {
        k.restoring.set(true);
        *k.channel.borrow_mut() = Channel::open(CHANNEL, |m| heard(&m));
    });
    set_status(Keep::Restoring);
    let ready = RwSignal::new(false);
    wasm_bindgen_futures::spawn_local(async move {
        let found = tabs::exclusive(LOCK, restore(state)).await;
        KEEPER.with(|k| k.back.set(true));
        match found {
            Ok(0) => set_status(Keep::Nothing),
            Ok(_) => {}
            Err(e) => set_status(Keep::NotKept(e)),
        }
        ready.set(true);
    });
    // What the seller decides (files, choices, inputs, "keep this tab"),
    // then the result's generation.
    type Key = ((Vec<(u64, Choices)>, CheckInputs, u32), Option<u64>);
    let last = StoredValue::new(None::<Key>);
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let force = FORCE.with(|f| f.get());
        let busy = state.busy();
        let rows = state.files.get();
        let inputs = CheckInputs::of(&state);
        if KEEPER.with(|k| k.restoring.get()) {
            state.result.track();
            // Nothing is written until the kept check is back whole.
            if let Some(view) = finish_restoring(state) {
                state.result.set(Shared(Arc::new(view)));
            }
            return;
        }
        // While files are read, neither their stages nor the results that
        // come file by file are tracked: with a thousand files, walking
        // every file per change made the load quadratic. A file fails only
        // while it is read, and `busy` ends after it; the result is kept
        // once no file waits.
        let result = (!busy).then(|| state.result.get());
        // Only files with a place in the result are kept: one the browser
        // could not read, or that ran out of memory, is not.
        let rows: Vec<_> = rows
            .into_iter()
            .filter(|f| !f.stage.with_untracked(|s| matches!(s, Stage::Failed(_))))
            .collect();
        let ids: Vec<u64> = rows.iter().map(|f| f.id).collect();
        let result = result
            .and_then(|r| by_position(&r, &ids))
            .filter(|v| v.files.len() == ids.len());
        let chosen = (
            rows.iter()
                .map(|f| {
                    let choices = Choices {
                        mapping: f.mapping.get(),
                        encoding: f.encoding.get(),
                        sheet: f.sheet.get(),
                    };
                    (f.id, choices)
                })
                .collect::<Vec<_>>(),
            inputs.clone(),
            force,
        );
        let key = (chosen, result.as_ref().map(|v| v.generation));
        if last.with_value(|l| l.as_ref() == Some(&key)) {
            return;
        }
        // The first write after the page opens is of what it found kept.
        let take_over = last.with_value(|l| l.as_ref().is_some_and(|l| l.0 != key.0));
        last.set_value(Some(key));
        let mut files = Vec::with_capacity(rows.len());
        for f in &rows {
            let Some(handle) = state.engine.with_value(|e| e.file(f.id)) else {
                continue;
            };
            files.push((
                f.id,
                SavedFile {
                    key: String::new(),
                    name: f.name(),
                    size: f.size,
                    mapping: f.mapping.get_untracked(),
                    encoding: f.encoding.get_untracked(),
                    sheet: f.sheet.get_untracked(),
                },
                handle,
            ));
        }
        let result = result.map(|v| (inputs, v));
        enqueue(
            Some(Snapshot {
                files,
                result,
                take_over,
            }),
            false,
        );
    });
}

/// The result to show of one the engine sent: while a kept check comes
/// back, none until all its files are read (the kept result shows
/// meanwhile); then the latest.
pub fn shown_result(state: AppState, view: ResultView) -> Option<ResultView> {
    if !KEEPER.with(|k| k.restoring.get()) {
        return Some(view);
    }
    KEEPER.with(|k| *k.held.borrow_mut() = Some(view));
    finish_restoring(state)
}

/// Once the kept files are on the page and read, and the engine's latest
/// result holds every one read: ends the wait of [`shown_result`] and
/// returns that result. (A file that fails brings no new result, so this
/// is asked again whenever a file changes.)
fn finish_restoring(state: AppState) -> Option<ResultView> {
    KEEPER.with(|k| {
        if !k.back.get() || state.busy() {
            return None;
        }
        let read: Vec<u64> = state.files.with_untracked(|files| {
            files
                .iter()
                .filter(|f| f.stage.with_untracked(|s| matches!(s, Stage::Read(_))))
                .map(|f| f.id)
                .collect()
        });
        let held = k.held.borrow();
        let whole = match held.as_ref() {
            Some(v) => read.iter().all(|id| v.files.iter().any(|f| f.id == *id)),
            None => read.is_empty(),
        };
        if !whole {
            return None;
        }
        drop(held);
        k.restoring.set(false);
        set_kept_shown(false);
        k.held.borrow_mut().take()
    })
}

/// Reads the kept check and puts its files on the page; returns how many.
async fn restore(state: AppState) -> Result<usize, StorageError> {
    if !idb::exists().await? {
        return Ok(0);
    }
    let db = Rc::new(idb::open().await?);
    KEEPER.with(|k| *k.db.borrow_mut() = Some(Rc::clone(&db)));
    let record = db.get(idb::CHECK, CHECK_KEY).await?;
    let check: SavedCheck = match record.as_string().map(|t| serde_json::from_str(&t)) {
        Some(Ok(c)) => c,
        // Nothing, or a record this build cannot read: start clean.
        _ => SavedCheck::default(),
    };
    own_record(Some(check.stamp.clone()).filter(|s| !s.is_empty()));
    let keys: Vec<&str> = check.files.iter().map(|f| f.key.as_str()).collect();
    let values = db.get_all(idb::FILES, &keys).await?;
    let mut files = Vec::new();
    let mut back = SavedCheck::default();
    for (saved, value) in check.files.iter().zip(values) {
        if let Some(file) = as_file(value, &saved.name) {
            files.push((file, saved.choices()));
            back.files.push(saved.clone());
        }
    }
    // Anything kept that the record does not name (a write cut short) goes.
    let stray = unnamed_files(&db, back.files.iter().map(|f| f.key.as_str())).await?;
    if !stray.is_empty() {
        let changes: Vec<Change> = stray
            .iter()
            .map(|key| Change::Delete {
                store: idb::FILES,
                key,
            })
            .collect();
        db.write(&changes).await?;
    }
    if files.is_empty() {
        return Ok(0);
    }
    if back.files.len() == check.files.len() {
        back.result = check.result.clone();
    }
    let inputs = CheckInputs::of_untracked(&state);
    let n = files.len();
    let ids = state.add_with_choices(files);
    KEEPER.with(|k| {
        *k.kept.borrow_mut() = ids
            .iter()
            .zip(&back.files)
            .map(|(id, f)| (*id, f.key.clone()))
            .collect();
    });
    if let Some(view) = back.result_for(&inputs, &ids) {
        state.result.set(Shared(Arc::new(view)));
        set_kept_shown(true);
    }
    wasm_bindgen_futures::spawn_local(refresh_estimate());
    Ok(n)
}

/// A kept value as a `File` named `name` (a browser may give a `Blob`).
fn as_file(value: JsValue, name: &str) -> Option<web_sys::File> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    match value.dyn_into::<web_sys::File>() {
        Ok(f) => Some(f),
        Err(v) => {
            let blob: web_sys::Blob = v.dyn_into().ok()?;
            let parts = js_sys::Array::of1(&blob);
            web_sys::File::new_with_blob_sequence(&parts, name).ok()
        }
    }
}

/// Forgets the files on the page and everything the page keeps on this
/// device: its IndexedDB database and every `localStorage` key it wrote.
/// What is on screen besides the files (settings, language) stays for
/// this visit, kept again only when changed.
pub fn forget_everything(state: AppState) {
    state.clear();
    storage::remove_all_ours();
    super::history::forget_all();
    enqueue(None, true);
}

/// Queues `snapshot` (replacing one not yet written) and, with `forget`,
/// the deletion of everything kept before it; starts the writer if idle.
fn enqueue(snapshot: Option<Snapshot>, forget: bool) {
    let start = KEEPER.with(|k| {
        if forget {
            k.forget.set(true);
            k.pending.borrow_mut().take();
        }
        if let Some(mut s) = snapshot {
            let mut pending = k.pending.borrow_mut();
            // A seller's change not yet written still counts.
            s.take_over |= pending.as_ref().is_some_and(|p| p.take_over);
            *pending = Some(s);
        }
        !k.running.replace(true)
    });
    if start {
        wasm_bindgen_futures::spawn_local(run());
    }
}

/// Makes the queued changes one after the other until none is left.
async fn run() {
    loop {
        let (forget, next) =
            KEEPER.with(|k| (k.forget.replace(false), k.pending.borrow_mut().take()));
        if forget {
            tabs::exclusive(LOCK, forget_stored()).await;
        }
        let Some(snapshot) = next else {
            if !forget {
                KEEPER.with(|k| k.running.set(false));
                return;
            }
            continue;
        };
        tabs::exclusive(LOCK, write(snapshot)).await;
    }
}

async fn forget_stored() {
    let db = KEEPER.with(|k| {
        k.kept.borrow_mut().clear();
        k.stamp.borrow_mut().take();
        k.superseded.set(false);
        k.failed_for.borrow_mut().take();
        k.db.borrow_mut().take()
    });
    if let Some(db) = db {
        db.close();
    }
    let gone = idb::delete_database().await;
    // Anything written meanwhile (another tab) is gone too.
    storage::remove_all_ours();
    tell_other_tabs("forgotten");
    set_status(match gone {
        Ok(()) | Err(StorageError::Unavailable) => Keep::Forgotten,
        Err(e) => Keep::NotKept(e),
    });
    refresh_estimate().await;
}

async fn write(snapshot: Snapshot) {
    let ids: Vec<u64> = snapshot.files.iter().map(|(id, ..)| *id).collect();
    if KEEPER.with(|k| k.failed_for.borrow().as_ref() == Some(&ids)) {
        return;
    }
    let had = KEEPER.with(|k| k.db.borrow().is_some());
    if ids.is_empty() && !had {
        if !matches!(status(), Keep::Forgotten | Keep::NotKept(_)) {
            set_status(Keep::Nothing);
        }
        return;
    }
    let ours = match record_is_ours().await {
        Ok(ours) => ours,
        Err(e) => {
            set_status(Keep::NotKept(e));
            return;
        }
    };
    if !ours && !snapshot.take_over {
        // Another tab kept its check since: only this tab's seller replaces it.
        if ids.is_empty() {
            set_status(Keep::Nothing);
        } else {
            set_status(Keep::Elsewhere);
        }
        return;
    }
    if ids.is_empty() {
        if let Err(e) = clear_stored().await {
            set_status(Keep::NotKept(e));
            return;
        }
        if !matches!(status(), Keep::Forgotten | Keep::NotKept(_)) {
            set_status(Keep::Nothing);
        }
        return;
    }
    set_status(Keep::Saving);
    match write_check(&snapshot, ours).await {
        Ok(()) => {
            KEEPER.with(|k| k.failed_for.borrow_mut().take());
            set_status(Keep::Saved {
                files: snapshot
                    .files
                    .iter()
                    .map(|(id, f, _)| (*id, f.name.clone(), f.size))
                    .collect(),
            });
        }
        Err(e) => {
            // Keep nothing rather than an older check than the one on screen.
            let _ = clear_stored().await;
            KEEPER.with(|k| *k.failed_for.borrow_mut() = Some(ids));
            set_status(Keep::NotKept(e));
        }
    }
    refresh_estimate().await;
}

/// Whether the kept record is the one this tab last wrote or read (none
/// counts, when this tab knows of none): else another tab wrote since.
async fn record_is_ours() -> Result<bool, StorageError> {
    if KEEPER.with(|k| k.superseded.get()) {
        return Ok(false);
    }
    let db = db().await?;
    let record = db.get(idb::CHECK, CHECK_KEY).await?;
    let stored = record.as_string().and_then(|t| stamp_of(&t));
    Ok(KEEPER.with(|k| *k.stamp.borrow() == stored))
}

/// The stamp of a kept record's JSON; `None` for a record without one (or
/// one this build cannot read).
fn stamp_of(json: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Stamp {
        #[serde(default)]
        stamp: String,
    }
    serde_json::from_str::<Stamp>(json)
        .ok()
        .map(|s| s.stamp)
        .filter(|s| !s.is_empty())
}

/// After this tab wrote or read the record stamped `stamp` (`None`: there
/// is none now): what it keeps is what is stored.
fn own_record(stamp: Option<String>) {
    KEEPER.with(|k| {
        *k.stamp.borrow_mut() = stamp;
        k.superseded.set(false);
    });
}

async fn db() -> Result<Rc<Db>, StorageError> {
    if let Some(db) = KEEPER.with(|k| k.db.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(idb::open().await?);
    KEEPER.with(|k| *k.db.borrow_mut() = Some(Rc::clone(&db)));
    Ok(db)
}

/// Empties both stores (the database stays, empty), and tells the others.
async fn clear_stored() -> Result<(), StorageError> {
    KEEPER.with(|k| k.kept.borrow_mut().clear());
    let db = db().await?;
    db.write(&[
        Change::Clear { store: idb::FILES },
        Change::Clear { store: idb::CHECK },
    ])
    .await?;
    own_record(None);
    tell_other_tabs("kept ");
    Ok(())
}

/// Writes the files not kept yet, deletes every kept file the new record
/// does not name (this tab's removed ones, another tab's, any left by a
/// write cut short) and rewrites the record: one transaction. Files are
/// reused by key only when the record is this tab's (`ours`).
async fn write_check(snapshot: &Snapshot, ours: bool) -> Result<(), StorageError> {
    let db = db().await?;
    let kept = if ours {
        KEEPER.with(|k| k.kept.borrow().clone())
    } else {
        Vec::new()
    };
    let stamp = new_stamp();
    let mut record = SavedCheck {
        files: Vec::with_capacity(snapshot.files.len()),
        result: snapshot.result.clone(),
        stamp: stamp.clone(),
    };
    let mut new_files: Vec<(String, JsValue)> = Vec::new();
    let mut now_kept = Vec::with_capacity(snapshot.files.len());
    for (id, file, handle) in &snapshot.files {
        let key = match kept.iter().find(|(k, _)| k == id) {
            Some((_, key)) => key.clone(),
            None => {
                let key = new_key(*id);
                new_files.push((key.clone(), handle.clone().into()));
                key
            }
        };
        now_kept.push((*id, key.clone()));
        record.files.push(SavedFile {
            key,
            ..file.clone()
        });
    }
    let json: JsValue = serde_json::to_string(&record)
        .map_err(|e| StorageError::Other(e.to_string()))?
        .into();
    // Every tab writes under the lock, so what is stored now is all there is.
    let unnamed = unnamed_files(&db, now_kept.iter().map(|(_, k)| k.as_str())).await?;
    let mut changes: Vec<Change> = new_files
        .iter()
        .map(|(key, value)| Change::Put {
            store: idb::FILES,
            key,
            value,
        })
        .collect();
    changes.extend(unnamed.iter().map(|key| Change::Delete {
        store: idb::FILES,
        key,
    }));
    changes.push(Change::Put {
        store: idb::CHECK,
        key: CHECK_KEY,
        value: &json,
    });
    db.write(&changes).await?;
    KEEPER.with(|k| *k.kept.borrow_mut() = now_kept);
    own_record(Some(stamp.clone()));
    tell_other_tabs(&format!("kept {stamp}"));
    Ok(())
}

/// The keys of the stored files that `named` leaves out: files to delete.
/// A set, not a scan per key: a check may hold a thousand files.
async fn unnamed_files<'a>(
    db: &Db,
    named: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>, StorageError> {
    let named: HashSet<&str> = named.collect();
    Ok(db
        .keys(idb::FILES)
        .await?
        .into_iter()
        .filter(|key| !named.contains(key.as_str()))
        .collect())
}

/// A stamp no other write has: the time and a random number.
fn new_stamp() -> String {
    let random = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{}-{random:08x}", js_sys::Date::now() as u64)
}

/// A key no other kept file has: the time, a counter and the page's id.
fn new_key(id: u64) -> String {
    let n = KEEPER.with(|k| {
        let n = k.counter.get().wrapping_add(1);
        k.counter.set(n);
        n
    });
    format!("{}-{n}-{id}", js_sys::Date::now() as u64)
}
