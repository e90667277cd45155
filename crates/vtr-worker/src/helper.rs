//! Helpers: more Web Workers that read parts of a large file at once.
//!
//! A helper is this same worker started with `?role=helper` (`#role=helper`
//! when the worker is a blob: URL, in the single-file build). It gets the
//! seller's `File` (handed over without a copy), the layout the file's
//! start decided and a byte range; reads that range with its own
//! `File.slice()`s; and sends its packages back as bytes
//! ([`Part::to_bytes`]), transferred, not copied. It knows nothing of the
//! files before: the engine checks the part against them when it takes it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use vtr_core::read::{cut_after_line_feed, Earlier, FileReader, Head, SheetProgress};
use vtr_worker::session::WholeFile;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent, Worker};

use crate::scope::{early_messages, js_message, post_json, query, Pace, PIECE};

/// The most helpers started, whatever the machine says it has.
const MAX_HELPERS: usize = 7;

/// What the engine asks a helper: a part of a file, after its header.
#[derive(Serialize, Deserialize)]
struct PartRequest {
    token: usize,
    start: u64,
    end: u64,
    #[serde(default)]
    head: Option<Head>,
    /// Or the whole file, a workbook: its sheet is read in one go at the
    /// end, seconds for a large one, during which the engine goes on
    /// answering the page (and can stop this helper).
    #[serde(default)]
    whole: Option<WholeFile>,
}

/// What a helper answers.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum PartAnswer {
    /// Bytes read so far, and how far a workbook's sheet is.
    Progress {
        token: usize,
        done: u64,
        #[serde(default)]
        sheet: Option<SheetProgress>,
    },
    /// The part, in the bytes beside.
    Done {
        token: usize,
    },
    Failed {
        token: usize,
        message: String,
    },
}

/// The cores the browser says it has (at least 1).
pub fn cores() -> usize {
    js_sys::global()
        .dyn_into::<DedicatedWorkerGlobalScope>()
        .map(|s| s.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .clamp(1, MAX_HELPERS + 1)
}

/// Where parts after the first start: just after a line feed near each
/// of `parts - 1` nominal cuts between `from` and `size`.
pub async fn cuts(file: &File, from: u64, size: u64, parts: usize) -> Result<Vec<u64>, JsValue> {
    let mut out: Vec<u64> = Vec::new();
    for k in 1..parts as u64 {
        let nominal = from + (size - from) * k / parts as u64;
        let end = (nominal + 64 * 1024).min(size);
        let blob = file.slice_with_f64_and_f64(nominal as f64, end as f64)?;
        let bytes = Uint8Array::new(&JsFuture::from(blob.array_buffer()).await?).to_vec();
        if let Some(at) = cut_after_line_feed(&bytes) {
            let cut = nominal + at as u64;
            if cut < size && out.last().is_none_or(|&last| cut > last) {
                out.push(cut);
            }
        }
    }
    Ok(out)
}

/// What the helpers sent back so far.
#[derive(Default)]
struct Inbox {
    done: HashMap<usize, Result<Vec<u8>, String>>,
    progress: HashMap<usize, u64>,
    sheet: Option<SheetProgress>,
}

/// Running helpers, one per part after the first.
pub struct Helpers {
    workers: Vec<Worker>,
    inbox: Rc<RefCell<Inbox>>,
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Helpers {
    /// Starts `n` helpers.
    pub fn start(n: usize) -> Helpers {
        let inbox = Rc::new(RefCell::new(Inbox::default()));
        let mut workers = Vec::new();
        let mut handlers = Vec::new();
        // This worker's own address without its parameters: worker.js
        // beside the page. In the single-file build, `vtrWorkerUrl`: this
        // worker's own script as a blob: URL it made itself (a blob: URL of
        // the page's is of another origin to it, see src/worker.js), which
        // cannot carry a query, so its parameters go after `#`.
        let scope = js_sys::global()
            .dyn_into::<DedicatedWorkerGlobalScope>()
            .ok();
        let href = Reflect::get(&js_sys::global(), &"vtrWorkerUrl".into())
            .ok()
            .and_then(|v| v.as_string())
            .or_else(|| scope.as_ref().map(|s| s.location().href()));
        let base = href
            .as_deref()
            .map_or("./worker.js", |h| h.split(['?', '#']).next().unwrap_or(h));
        let sep = if base.starts_with("blob:") { '#' } else { '?' };
        let url = match scope.as_ref().and_then(|s| query(s, "memory-cap-mb")) {
            Some(cap) => format!("{base}{sep}role=helper&memory-cap-mb={cap}"),
            None => format!("{base}{sep}role=helper"),
        };
        for token in 0..n {
            let Ok(w) = Worker::new(&url) else { continue };
            let ib = Rc::clone(&inbox);
            let on_message = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                let Ok(ev) = ev.dyn_into::<MessageEvent>() else {
                    return;
                };
                receive(&ib, &ev.data());
            });
            let ib = Rc::clone(&inbox);
            let on_error = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                let message = Reflect::get(&ev, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "a helper stopped".to_string());
                ib.borrow_mut().done.entry(token).or_insert(Err(message));
            });
            w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            handlers.push(on_message);
            handlers.push(on_error);
            workers.push(w);
        }
        Helpers {
            workers,
            inbox,
            _handlers: handlers,
        }
    }

    /// Has helper `token` read `[start, end)` of `file`.
    pub fn read(&self, token: usize, file: &File, head: &Head, start: u64, end: u64) {
        self.send(
            token,
            file,
            &PartRequest {
                token,
                start,
                end,
                head: Some(head.clone()),
                whole: None,
            },
        );
    }

    /// Has helper `token` read the whole of `file` (a workbook) as `whole`
    /// says.
    pub fn read_whole(&self, token: usize, file: &File, whole: &WholeFile) {
        self.send(
            token,
            file,
            &PartRequest {
                token,
                start: 0,
                end: whole.size,
                head: None,
                whole: Some(whole.clone()),
            },
        );
    }

    fn send(&self, token: usize, file: &File, req: &PartRequest) {
        let Some(w) = self.workers.get(token) else {
            self.inbox
                .borrow_mut()
                .done
                .insert(token, Err("no helper could be started".to_string()));
            return;
        };
        let msg = Object::new();
        let json = serde_json::to_string(req).unwrap_or_default();
        let _ = Reflect::set(&msg, &"json".into(), &json.into());
        let _ = Reflect::set(&msg, &"file".into(), file);
        let _ = w.post_message(&msg);
    }

    /// Part `token`'s bytes, once its helper is done (or why not).
    ///
    /// The helper is stopped then: a wasm memory never shrinks, and its
    /// high-water mark (its packages and their bytes) would otherwise stay
    /// beside this worker's while it takes the part and works out the
    /// result.
    pub fn take(&self, token: usize) -> Option<Result<Vec<u8>, String>> {
        let taken = self.inbox.borrow_mut().done.remove(&token);
        if taken.is_some() {
            if let Some(w) = self.workers.get(token) {
                w.terminate();
            }
        }
        taken
    }

    /// Bytes the helpers have read so far.
    pub fn bytes_done(&self) -> u64 {
        self.inbox.borrow().progress.values().sum()
    }

    /// How far the workbook's sheet a helper reads is, once it is.
    pub fn sheet(&self) -> Option<SheetProgress> {
        self.inbox.borrow().sheet
    }

    /// Stops every helper; their memory goes with them.
    pub fn stop(self) {
        for w in &self.workers {
            w.terminate();
        }
    }
}

fn receive(inbox: &Rc<RefCell<Inbox>>, data: &JsValue) {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(answer) = serde_json::from_str::<PartAnswer>(&json) else {
        return;
    };
    let mut inbox = inbox.borrow_mut();
    match answer {
        PartAnswer::Progress { token, done, sheet } => {
            inbox.progress.insert(token, done);
            if sheet.is_some() {
                inbox.sheet = sheet;
            }
        }
        PartAnswer::Done { token } => {
            let bytes = Reflect::get(data, &"bytes".into())
                .ok()
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            inbox.done.insert(token, Ok(bytes));
        }
        PartAnswer::Failed { token, message } => {
            inbox.done.insert(token, Err(message));
        }
    }
}

/// The helper's side: answers part requests until it is stopped.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let s = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        handle(&s, &ev.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    for ev in early_messages(&scope) {
        handle(&scope, &ev.data());
    }
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let Ok(req) = serde_json::from_str::<PartRequest>(&json) else {
        return;
    };
    let Ok(file) = Reflect::get(data, &"file".into()).and_then(|f| f.dyn_into::<File>()) else {
        return answer(
            scope,
            &PartAnswer::Failed {
                token: req.token,
                message: "no file came with the request".to_string(),
            },
            None,
        );
    };
    let scope = scope.clone();
    spawn_local(async move {
        let token = req.token;
        match read_part(&scope, &file, &req).await {
            Ok(bytes) => answer(&scope, &PartAnswer::Done { token }, Some(bytes)),
            Err(message) => answer(&scope, &PartAnswer::Failed { token, message }, None),
        }
    });
}

async fn read_part(
    scope: &DedicatedWorkerGlobalScope,
    file: &File,
    req: &PartRequest,
) -> Result<Vec<u8>, String> {
    let mut reader = match (&req.whole, &req.head) {
        (Some(whole), _) => whole.reader(),
        (None, Some(head)) => FileReader::part(head),
        (None, None) => return Err("nothing to read was asked for".to_string()),
    };
    let earlier = Earlier::none();
    let mut buf = Vec::new();
    let mut offset = req.start;
    let mut pace = Pace::default();
    while offset < req.end && !reader.stopped() {
        let end = (offset + PIECE).min(req.end);
        let blob = file
            .slice_with_f64_and_f64(offset as f64, end as f64)
            .map_err(|e| js_message(&e))?;
        let piece = JsFuture::from(blob.array_buffer())
            .await
            .map_err(|e| js_message(&e))?;
        let piece = Uint8Array::new(&piece);
        buf.resize(piece.length() as usize, 0);
        piece.copy_to(&mut buf);
        reader.push(&buf, &earlier);
        offset = end;
        if pace.due(js_sys::Date::now()) {
            let done = offset - req.start;
            answer(
                scope,
                &PartAnswer::Progress {
                    token: req.token,
                    done,
                    sheet: None,
                },
                None,
            );
        }
    }
    drop(buf);
    // The sheet's progress is told as it opens, then at most every
    // PROGRESS_MS: posting works mid-task, in a worker.
    let done = offset - req.start;
    let mut pace = Pace::default();
    let part = reader.finish_with(&earlier, &mut |sheet| {
        if pace.due(js_sys::Date::now()) {
            let token = req.token;
            answer(
                scope,
                &PartAnswer::Progress {
                    token,
                    done,
                    sheet: Some(sheet),
                },
                None,
            );
        }
    });
    Ok(part.to_bytes())
}

fn answer(scope: &DedicatedWorkerGlobalScope, a: &PartAnswer, bytes: Option<Vec<u8>>) {
    post_json(scope, serde_json::to_string(a).unwrap_or_default(), bytes);
}
