//! The Web Worker around the [`Session`]: messages in and out, and the
//! seller's files read piece by piece with `File.slice()`.
//!
//! Reading is an async loop that awaits each piece, so requests that come
//! in meanwhile (a settings change, a page of the list, a cancel) are
//! answered between two pieces: the worker never stops listening.
//!
//! A large file is read in parts: this worker reads the first, helpers
//! (the same worker started with `?role=helper`, see `helper.rs`) read the
//! others at once, each from its own `File.slice()`, and hand back their
//! packages as bytes. The parts are then taken in file order; where one
//! does not read as it would have in one go, this worker reads on from
//! there itself, so the result is always the one-reader result.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Reflect, Uint8Array};
use vtr_core::decode::Start;
use vtr_core::read::{Part, SheetProgress};
use vtr_worker::protocol::{Event, FailReason, FileState, Progress, Request};
use vtr_worker::session::{Job, Out, ReadAgain, Session};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

use crate::helper::{self, Helpers};
use crate::scope::{early_messages, js_message, post_event, query, Pace, PIECE};

/// Files at least this large are read in parts, if the machine has more
/// than one core.
const SPLIT_AT: u64 = 24 << 20;

/// The smallest part worth a helper.
const MIN_PART: u64 = 12 << 20;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    session: RefCell<Session>,
    files: RefCell<HashMap<u64, File>>,
    reading: Cell<bool>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<Worker>>> = const { RefCell::new(None) };
}

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // Said before the trap ends the instance: the page restarts the
        // worker and tells the seller.
        let message = format!("The engine stopped: {info}");
        if let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
            post_event(
                &scope,
                &Event::Problem {
                    message,
                    fatal: true,
                },
                None,
            );
        }
    }));
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    if let Some(cap) = query(&scope, "memory-cap-mb").and_then(|v| v.parse::<usize>().ok()) {
        crate::alloc::set_cap(cap.saturating_mul(1 << 20));
    }
    if query(&scope, "role").as_deref() == Some("helper") {
        return helper::serve(scope);
    }
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        session: RefCell::new(Session::new()),
        files: RefCell::new(HashMap::new()),
        reading: Cell::new(false),
    });
    WORKER.with(|w| *w.borrow_mut() = Some(Rc::clone(&worker)));
    let w = Rc::clone(&worker);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        handle(&w, &ev.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    for ev in early_messages(&scope) {
        handle(&worker, &ev.data());
    }
    post_event(&scope, &Event::Ready, None);
}

fn handle(worker: &Rc<Worker>, data: &JsValue) {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let request: Request = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            let message = format!("The page sent something the engine does not understand: {e}");
            return post_event(
                &worker.scope,
                &Event::Problem {
                    message,
                    fatal: false,
                },
                None,
            );
        }
    };
    if let Request::Add { files } = &request {
        let handles = Reflect::get(data, &"files".into())
            .ok()
            .map(|v| Array::from(&v))
            .unwrap_or_default();
        let mut map = worker.files.borrow_mut();
        for (i, f) in files.iter().enumerate() {
            if let Ok(file) = handles.get(i as u32).dyn_into::<File>() {
                map.insert(f.id, file);
            }
        }
    }
    if let Request::Remove { id } = &request {
        worker.files.borrow_mut().remove(id);
    }
    if let Request::Clear = &request {
        worker.files.borrow_mut().clear();
    }
    let outs = worker.session.borrow_mut().handle(request);
    post_all(&worker.scope, outs);
    if !worker.reading.get() {
        worker.reading.set(true);
        let w = Rc::clone(worker);
        spawn_local(async move {
            read_queue(&w).await;
            w.reading.set(false);
        });
    }
}

/// How reading a range of a file ended.
enum Step {
    Done,
    /// A helper read the whole file (a workbook), and it reads as it
    /// would have here.
    Whole(Box<Part>),
    /// A helper ran out of memory reading the whole file.
    OutOfMemory,
    /// The file is no longer wanted as it was begun (cancelled, or the
    /// files before it changed): it is read again if still queued.
    Abandoned,
    Failed(String),
}

/// One file being read: the job, and what progress to tell.
struct Reading<'w> {
    worker: &'w Rc<Worker>,
    file: File,
    started: f64,
    pace: Pace,
    /// Bytes this worker read, and the helpers' bytes.
    own: u64,
    helpers: Option<Helpers>,
    buf: Vec<u8>,
}

impl Reading<'_> {
    fn wanted(&self, job: &Job) -> bool {
        self.worker.session.borrow().still_wanted(job)
    }

    /// Reads `[from, to)` into `job`, stopping early once `until_head`
    /// and the header is read. Returns how it ended and where it stopped.
    async fn range(&mut self, job: &mut Job, from: u64, to: u64, until_head: bool) -> (Step, u64) {
        let mut offset = from;
        // The next piece is asked for before this one is parsed, so the
        // browser reads while the engine works.
        let mut next = self.ask(from, to);
        while offset < to {
            if !self.wanted(job) {
                return (Step::Abandoned, offset);
            }
            if job.stopped() || (until_head && (job.head().is_some() || job.is_workbook())) {
                break;
            }
            let end = (offset + PIECE).min(to);
            let piece = match next.take() {
                Some(p) => p.await,
                None => Err(JsValue::from_str("the file could not be sliced")),
            };
            let piece = match piece {
                Ok(p) => Uint8Array::new(&p),
                Err(e) => return (Step::Failed(js_message(&e)), offset),
            };
            if !until_head {
                next = self.ask(end, to);
            }
            if !self.wanted(job) {
                return (Step::Abandoned, offset);
            }
            self.buf.resize(piece.length() as usize, 0);
            piece.copy_to(&mut self.buf);
            self.worker.session.borrow().feed(job, &self.buf);
            self.own += end - offset;
            offset = end;
            if until_head && next.is_none() && offset < to {
                next = self.ask(offset, to);
            }
            self.tell(job, false);
        }
        (Step::Done, offset)
    }

    /// Starts reading the piece at `offset` (up to `to`), if any is left.
    fn ask(&self, offset: u64, to: u64) -> Option<JsFuture> {
        if offset >= to {
            return None;
        }
        let end = (offset + PIECE).min(to);
        let blob = self
            .file
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .ok()?;
        Some(JsFuture::from(blob.array_buffer()))
    }

    /// Posts progress, at most every [`crate::scope::PROGRESS_MS`] unless `now`.
    fn tell(&mut self, job: &Job, now: bool) {
        let t = js_sys::Date::now();
        if now {
            self.pace.mark(t);
        } else if !self.pace.due(t) {
            return;
        }
        let others = self.helpers.as_ref().map_or(0, Helpers::bytes_done);
        let done = (self.own + others).min(job.size());
        let elapsed = (t - self.started).max(0.0) as u64;
        let sheet = self.helpers.as_ref().and_then(Helpers::sheet);
        post_all(
            &self.worker.scope,
            vec![Session::progress(job, done, elapsed, sheet)],
        );
    }
}

/// How often a new result is sent while more files wait: a thousand small
/// files would otherwise send a thousand results.
const RESULT_MS: f64 = 250.0;

/// Reads queued files, one after the other, until none is left.
async fn read_queue(worker: &Rc<Worker>) {
    let mut last_result = 0.0;
    let mut held_back = false;
    // What files said while more waited, sent with the next result.
    let mut news: Vec<Out> = Vec::new();
    loop {
        let Some((id, size)) = worker.session.borrow().next() else {
            if held_back {
                news.push(worker.session.borrow().result());
            }
            post_batch(&worker.scope, std::mem::take(&mut news));
            return;
        };
        let Some(file) = worker.files.borrow().get(&id).cloned() else {
            let outs = worker.session.borrow_mut().fail(
                id,
                FailReason::Unreadable {
                    message: "the file is no longer available".to_string(),
                },
            );
            post_all(&worker.scope, outs);
            continue;
        };
        let Some(mut job) = worker.session.borrow().begin(id) else {
            continue;
        };
        let started = js_sys::Date::now();
        let mut reading = Reading {
            worker,
            file,
            started,
            pace: Pace::default(),
            own: 0,
            helpers: None,
            buf: Vec::new(),
        };
        if size > PIECE {
            // A small file is read in one piece: it goes from waiting to
            // read, with no progress worth a message between.
            reading.tell(&job, true);
        }
        let step = read_file(&mut reading, &mut job, size).await;
        if let Some(h) = reading.helpers.take() {
            // Their memory goes with them; a later large file starts new ones.
            h.stop();
        }
        drop(reading);
        let outs = match step {
            Step::Done => {
                let mut tell = sheet_teller(&worker.scope, id, size, started);
                worker.session.borrow_mut().complete_with(job, &mut tell)
            }
            Step::Whole(part) => worker.session.borrow_mut().complete_whole(job, *part),
            Step::OutOfMemory => worker
                .session
                .borrow_mut()
                .fail(id, FailReason::OutOfMemory),
            Step::Failed(message) => worker
                .session
                .borrow_mut()
                .fail(id, FailReason::Unreadable { message }),
            Step::Abandoned => Vec::new(),
        };
        let now = js_sys::Date::now();
        let more = worker.session.borrow().next().is_some();
        let mut outs = outs;
        if more && now - last_result < RESULT_MS {
            let before = outs.len();
            outs.retain(|o| !matches!(o.event, Event::Result { .. }));
            held_back |= outs.len() < before;
            news.append(&mut outs);
            continue;
        }
        if outs.iter().any(|o| matches!(o.event, Event::Result { .. })) {
            last_result = now;
            held_back = false;
        } else if held_back && !more {
            outs.push(worker.session.borrow().result());
            held_back = false;
        }
        news.append(&mut outs);
        post_batch(&worker.scope, std::mem::take(&mut news));
    }
}

/// Posts `outs`, the events without bytes in one message.
fn post_batch(scope: &DedicatedWorkerGlobalScope, outs: Vec<Out>) {
    let mut events = Vec::new();
    for out in outs {
        match out.bytes {
            Some(_) => post_event(scope, &out.event, out.bytes),
            None => events.push(out.event),
        }
    }
    match events.len() {
        0 => {}
        1 => post_event(scope, &events[0], None),
        _ => post_event(scope, &Event::Batch { events }, None),
    }
}

/// Tells the page how far file `id`'s sheet is while this worker reads
/// it (a workbook's bytes are all in by then), at most every
/// [`crate::scope::PROGRESS_MS`].
fn sheet_teller(
    scope: &DedicatedWorkerGlobalScope,
    id: u64,
    size: u64,
    started: f64,
) -> impl FnMut(SheetProgress) + '_ {
    let mut pace = Pace::default();
    move |sheet| {
        let now = js_sys::Date::now();
        if !pace.due(now) {
            return;
        }
        let progress = Progress {
            done: size,
            total: size,
            rows: 0,
            elapsed_ms: (now - started).max(0.0) as u64,
            sheet: Some(sheet),
        };
        let event = Event::File {
            id,
            state: FileState::Reading(progress),
        };
        post_event(scope, &event, None);
    }
}

/// Workbooks at least this large are read by a helper: their sheet is
/// read in one go at the end, and this worker goes on answering the page
/// meanwhile (a cancel stops the helper at once).
const WHOLE_IN_HELPER_AT: u64 = 512 << 10;

/// Reads one file into `job`: in parts with helpers when it is large,
/// else in one go.
async fn read_file(r: &mut Reading<'_>, job: &mut Job, size: u64) -> Step {
    let (step, pos) = r.range(job, 0, size, true).await;
    if !matches!(step, Step::Done) {
        return step;
    }
    if job.is_workbook() && size >= WHOLE_IN_HELPER_AT {
        if let Some(step) = read_whole(r, job).await {
            return step;
        }
        // The helper could not, or the rows repeat an earlier file's:
        // read here, from the start.
        r.worker.session.borrow().restart(job);
        r.own = 0;
        return r.range(job, 0, size, false).await.0;
    }
    let cores = helper::cores();
    let head = job.head();
    let splittable = head.as_ref().is_some_and(|h| match h.start {
        Start::Decided(e) => e.splits_at_line_feeds(),
        Start::Ascii => true,
        Start::File => false,
    });
    if cores < 2 || !splittable || size.saturating_sub(pos) < SPLIT_AT || job.stopped() {
        return r.range(job, pos, size, false).await.0;
    }
    let Some(head) = head else {
        return r.range(job, pos, size, false).await.0;
    };
    let parts = (cores as u64).min((size - pos) / MIN_PART).max(1) as usize;
    let starts = match helper::cuts(&r.file, pos, size, parts).await {
        Ok(s) if !s.is_empty() => s,
        _ => return r.range(job, pos, size, false).await.0,
    };
    let ends: Vec<u64> = starts.iter().copied().skip(1).chain([size]).collect();
    let helpers = Helpers::start(starts.len());
    for (k, (&start, &end)) in starts.iter().zip(&ends).enumerate() {
        helpers.read(k, &r.file, &head, start, end);
    }
    r.helpers = Some(helpers);
    let (step, _) = r.range(job, pos, starts[0], false).await;
    if !matches!(step, Step::Done) {
        return step;
    }
    r.worker.session.borrow().end_part(job, &head);
    // Take the helpers' parts in file order as they come.
    for (k, &start) in starts.iter().enumerate() {
        let result = loop {
            if !r.wanted(job) {
                return Step::Abandoned;
            }
            if let Some(res) = r.helpers.as_ref().and_then(|h| h.take(k)) {
                break res;
            }
            r.tell(job, false);
            sleep(&r.worker.scope, 15).await;
        };
        let part = result.ok().and_then(|bytes| Part::from_bytes(&bytes).ok());
        let again = match part {
            Some(part) => match r.worker.session.borrow().take_part(job, part) {
                Ok(()) => continue,
                Err(a) => a,
            },
            // A helper that failed (out of memory, say): read its part here.
            None => ReadAgain::FromThisPart,
        };
        if let Some(h) = r.helpers.take() {
            h.stop();
        }
        let from = match again {
            ReadAgain::FromThisPart => start,
            ReadAgain::FromPartBefore if k == 0 => {
                // Even the first cut was not clean: one reader, from the start.
                r.worker.session.borrow().restart(job);
                r.own = 0;
                return r.range(job, 0, size, false).await.0;
            }
            ReadAgain::FromPartBefore => starts[k - 1],
        };
        r.worker.session.borrow().read_on(job, &head);
        r.own = from;
        return r.range(job, from, size, false).await.0;
    }
    Step::Done
}

/// Has a helper read the whole of `job`'s file (a workbook). `None` when
/// it should be read here instead.
async fn read_whole(r: &mut Reading<'_>, job: &mut Job) -> Option<Step> {
    let helpers = Helpers::start(1);
    helpers.read_whole(0, &r.file, job.whole_file());
    r.helpers = Some(helpers);
    r.own = 0;
    let result = loop {
        if !r.wanted(job) {
            return Some(Step::Abandoned);
        }
        if let Some(res) = r.helpers.as_ref().and_then(|h| h.take(0)) {
            break res;
        }
        r.tell(job, false);
        sleep(&r.worker.scope, 15).await;
    };
    if let Some(h) = r.helpers.take() {
        h.stop();
    }
    match result {
        Ok(bytes) => match Part::from_bytes(&bytes) {
            Ok(part) if r.worker.session.borrow().fits_whole(job, &part) => {
                Some(Step::Whole(Box::new(part)))
            }
            _ => None,
        },
        // Here it would run out too, and take every other file with it.
        Err(message) if out_of_memory(&message) => Some(Step::OutOfMemory),
        Err(_) => None,
    }
}

/// Whether a worker's error says it ran out of memory (a wasm trap on a
/// failed allocation says "unreachable").
fn out_of_memory(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("unreachable") || m.contains("memory")
}

/// Waits `ms` milliseconds without blocking the worker.
pub async fn sleep(scope: &DedicatedWorkerGlobalScope, ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

fn post_all(scope: &DedicatedWorkerGlobalScope, outs: Vec<Out>) {
    for out in outs {
        post_event(scope, &out.event, out.bytes);
    }
}
