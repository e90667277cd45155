//! The page's handle on the engine worker: the `Worker`, the queue of
//! messages sent before it said it was ready, the seller's `File` handles
//! (to read again in a fresh worker), and request numbers. It knows nothing
//! of the page's state; [`super`] connects the two.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Object, Reflect};
use vtr_worker::protocol::{NewFile, Request};
use wasm_bindgen::prelude::*;
use web_sys::{File, Worker};

/// A handler of the worker's messages or errors.
pub type Handler = Closure<dyn FnMut(JsValue)>;

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

    /// The seller's `File` of file `id`, while the engine has it.
    pub fn file(&self, id: u64) -> Option<File> {
        self.handles
            .borrow()
            .iter()
            .find(|(n, _)| n.id == id)
            .map(|(_, f)| f.clone())
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

    /// Takes a fresh worker, with the handlers that must live as long as
    /// it does; messages wait until it says it is ready.
    pub fn attach(&self, worker: Worker, handlers: Vec<Handler>) {
        self.ready.set(false);
        *self.worker.borrow_mut() = Some(worker);
        *self.handlers.borrow_mut() = handlers;
    }

    /// Stops the worker, if one runs.
    pub fn terminate(&self) {
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
    }

    /// Counts a worker that stopped before it was ready; returns how many
    /// did in a row.
    pub fn note_stop(&self) -> u32 {
        if !self.ready.get() {
            self.false_starts.set(self.false_starts.get() + 1);
        }
        self.false_starts.get()
    }

    /// Whether `seq` is the latest page asked for.
    pub fn is_latest_page(&self, seq: u64) -> bool {
        self.latest_page.get() == seq
    }

    /// Whether `seq` is the latest trend asked for.
    pub fn is_latest_trend(&self, seq: u64) -> bool {
        self.latest_trend.get() == seq
    }

    /// Takes every file handle but those of `skip`, for a fresh worker to
    /// read again.
    pub fn take_handles_except(&self, skip: &[u64]) -> Vec<(NewFile, File)> {
        let mut handles = std::mem::take(&mut *self.handles.borrow_mut());
        handles.retain(|(n, _)| !skip.contains(&n.id));
        handles
    }

    /// The worker said it is ready: sends what waited.
    pub fn flush(&self) {
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
pub fn worker_url() -> String {
    let base = js_sys::Reflect::get(&js_sys::global(), &"vtrWorkerUrl".into())
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
