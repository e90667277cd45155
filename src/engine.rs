//! The page's side of the engine worker: starts it, sends it requests,
//! and puts its answers into the [`AppState`].
//!
//! The worker (`crates/vtr-worker`, started by `worker.js`) holds the files'
//! packages and answers every question about them; the page keeps the
//! seller's `File` handles so that, should the worker stop (out of memory,
//! say), a fresh one can read again what the page still shows.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use vtr_worker::protocol::{Event, FailReason, FileState, NewFile, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

use crate::state::{AppState, Shared, Stage};

/// A handler of the worker's messages or errors.
type Handler = Closure<dyn FnMut(JsValue)>;

/// The worker and what the page must remember to talk to it.
#[derive(Default)]
pub struct Engine {
    worker: RefCell<Option<Worker>>,
    /// The worker said it is ready; until then messages wait in `queue`.
    ready: Cell<bool>,
    queue: RefCell<Vec<JsValue>>,
    /// The seller's files, for reading them again in a fresh worker.
    handles: RefCell<Vec<(NewFile, File)>>,
    /// Request numbers, so only the latest page and trend are shown.
    seq: Cell<u64>,
    latest_page: Cell<u64>,
    latest_trend: Cell<u64>,
    /// The message handlers, kept alive as long as the worker is.
    handlers: RefCell<Vec<Handler>>,
    /// Workers that stopped before saying they were ready: past a few, the
    /// page gives up rather than start one after another.
    false_starts: Cell<u32>,
}

impl Engine {
    /// Sends a request (queued until the worker is ready).
    pub fn send(&self, request: &Request) {
        self.post(message(request, None));
    }

    /// Hands files to the engine, read in this order after the others.
    pub fn add(&self, files: Vec<(NewFile, File)>) {
        let list = Array::new();
        for (_, f) in &files {
            list.push(f);
        }
        let request = Request::Add {
            files: files.iter().map(|(n, _)| n.clone()).collect(),
        };
        self.post(message(&request, Some(&list)));
        self.handles.borrow_mut().extend(files);
    }

    /// Forgets the handle of file `id`.
    pub fn forget(&self, id: u64) {
        self.handles.borrow_mut().retain(|(n, _)| n.id != id);
    }

    /// Forgets every handle.
    pub fn forget_all(&self) {
        self.handles.borrow_mut().clear();
    }

    /// A new request number.
    pub fn next_seq(&self) -> u64 {
        let s = self.seq.get() + 1;
        self.seq.set(s);
        s
    }

    /// Asks for a page of the package list; older answers are ignored.
    pub fn request_page(&self, request: Request) {
        if let Request::Page { seq, .. } = &request {
            self.latest_page.set(*seq);
        }
        self.send(&request);
    }

    /// Asks for the trend; older answers are ignored.
    pub fn request_trend(&self, request: Request) {
        if let Request::Trend { seq, .. } = &request {
            self.latest_trend.set(*seq);
        }
        self.send(&request);
    }

    fn post(&self, msg: JsValue) {
        if !self.ready.get() {
            self.queue.borrow_mut().push(msg);
            return;
        }
        if let Some(w) = self.worker.borrow().as_ref() {
            let _ = w.post_message(&msg);
        }
    }

    fn flush(&self) {
        self.ready.set(true);
        self.false_starts.set(0);
        let queued = std::mem::take(&mut *self.queue.borrow_mut());
        if let Some(w) = self.worker.borrow().as_ref() {
            for msg in queued {
                let _ = w.post_message(&msg);
            }
        }
    }
}

fn message(request: &Request, files: Option<&Array>) -> JsValue {
    let msg = Object::new();
    let json = serde_json::to_string(request).unwrap_or_default();
    let _ = Reflect::set(&msg, &"json".into(), &json.into());
    if let Some(files) = files {
        let _ = Reflect::set(&msg, &"files".into(), files);
    }
    msg.into()
}

/// The worker's address, with the page's `memory-cap-mb` passed on (a
/// diagnostic: it makes the worker refuse memory past that many MB).
/// It is `./worker.js`, unless the boot script set `globalThis.vtrWorkerUrl`:
/// the single-file build starts the worker from a blob: URL, which cannot
/// carry a query, so there the parameter goes after `#`.
fn worker_url() -> String {
    let base = Reflect::get(&js_sys::global(), &"vtrWorkerUrl".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./worker.js".to_string());
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let cap = search
        .trim_start_matches('?')
        .split('&')
        .find(|kv| kv.starts_with("memory-cap-mb="));
    let sep = if base.starts_with("blob:") { '#' } else { '?' };
    match cap {
        Some(kv) => format!("{base}{sep}{kv}"),
        None => base,
    }
}

/// Starts the worker and connects it to the state: every settings change
/// is sent to it, and its answers update the page. The worker (and its
/// wasm) is started after the first frame is drawn, so the first screen
/// never waits for it; requests made before wait in the queue.
pub fn start(state: AppState) {
    request_animation_frame(move || {
        set_timeout(move || spawn(state), std::time::Duration::ZERO);
    });
    Effect::new(move |_| {
        let request = configure(state);
        state.send(&request);
    });
}

fn configure(state: AppState) -> Request {
    Request::Configure {
        settings: state.settings.get(),
        date_order: state.date_order.get(),
        edits: state.registry_edits.get(),
        remembered: crate::storage::remembered_mappings(),
    }
}

fn spawn(state: AppState) {
    let Ok(worker) = Worker::new(&worker_url()) else {
        state.engine_problem.set(Some(
            "This browser could not start the part of the page that reads files.".to_string(),
        ));
        return;
    };
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        if let Ok(ev) = ev.dyn_into::<MessageEvent>() {
            receive(state, &ev.data());
        }
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        let message = Reflect::get(&ev, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the engine stopped".to_string());
        restart(state, &message);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    state.engine.with_value(|e| {
        e.ready.set(false);
        *e.worker.borrow_mut() = Some(worker);
        *e.handlers.borrow_mut() = vec![on_message, on_error];
    });
}

/// Starts a fresh worker after the last one stopped, and has it read again
/// every file the page shows, except the one it stopped on.
fn restart(state: AppState, why: &str) {
    let gave_up = state.engine.with_value(|e| {
        if !e.ready.get() {
            e.false_starts.set(e.false_starts.get() + 1);
        }
        e.false_starts.get() > 2
    });
    if gave_up {
        state.engine.with_value(|e| {
            if let Some(w) = e.worker.borrow_mut().take() {
                w.terminate();
            }
        });
        state.engine_problem.set(Some(format!(
            "The part of the page that reads files could not start ({why}). Reload the page; if this goes on, use a current Chrome, Edge, Firefox or Safari."
        )));
        return;
    }
    let out_of_memory = why.contains("unreachable") || why.to_lowercase().contains("memory");
    state.engine.with_value(|e| {
        if let Some(w) = e.worker.borrow_mut().take() {
            w.terminate();
        }
    });
    let reading: Vec<u64> = state.files.with_untracked(|files| {
        files
            .iter()
            .filter(|f| f.stage.with_untracked(|s| matches!(s, Stage::Reading(_))))
            .map(|f| f.id)
            .collect()
    });
    let reason = if out_of_memory {
        FailReason::OutOfMemory
    } else {
        FailReason::Crashed {
            message: why.to_string(),
        }
    };
    for id in &reading {
        state.set_stage(*id, Stage::Failed(reason.clone()));
    }
    spawn(state);
    let request = configure_untracked(state);
    state.engine.with_value(|e| {
        let again: Vec<(NewFile, File)> = {
            let mut handles = e.handles.borrow_mut();
            handles.retain(|(n, _)| !reading.contains(&n.id));
            handles.clone()
        };
        e.handles.borrow_mut().clear();
        e.send(&request);
        if !again.is_empty() {
            e.add(again);
        }
    });
    state.engine_problem.set(Some(why.to_string()));
}

fn configure_untracked(state: AppState) -> Request {
    Request::Configure {
        settings: state.settings.get_untracked(),
        date_order: state.date_order.get_untracked(),
        edits: state.registry_edits.get_untracked(),
        remembered: crate::storage::remembered_mappings(),
    }
}

fn receive(state: AppState, data: &JsValue) {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(event) = serde_json::from_str::<Event>(&json) else {
        return;
    };
    match event {
        Event::Ready => state.engine.with_value(Engine::flush),
        Event::File {
            id,
            state: FileState::Failed {
                reason: FailReason::Cancelled,
            },
        } => {
            state.files.update(|files| files.retain(|f| f.id != id));
            state.engine.with_value(|e| e.forget(id));
        }
        Event::File { id, state: s } => state.set_stage(id, stage_of(s)),
        Event::Result { view } => state.result.set(Shared(Arc::new(*view))),
        Event::Page { seq, view } => {
            if state.engine.with_value(|e| e.latest_page.get()) == seq {
                state.page.set(Some(view));
            }
        }
        Event::Trend {
            seq,
            generation,
            points,
        } => {
            if state.engine.with_value(|e| e.latest_trend.get()) == seq {
                state.trend.set(Some((generation, points)));
            }
        }
        Event::Export { name, mime, .. } => {
            let bytes = Reflect::get(data, &"bytes".into())
                .ok()
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            if let Err(e) = crate::download::download(&name, &mime, &bytes) {
                state.engine_problem.set(Some(e));
            }
        }
        Event::Problem { message, fatal } => {
            if fatal {
                restart(state, &message);
            } else {
                state.engine_problem.set(Some(message));
            }
        }
    }
}

fn stage_of(s: FileState) -> Stage {
    match s {
        FileState::Queued => Stage::Queued,
        FileState::Reading(p) => Stage::Reading(p),
        FileState::Read { report } => Stage::Read(Arc::new(*report)),
        FileState::Failed { reason } => Stage::Failed(reason),
    }
}
