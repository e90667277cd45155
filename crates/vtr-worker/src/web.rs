//! The Web Worker around the [`Session`]: messages in and out, and the
//! seller's files read piece by piece with `File.slice()`.
//!
//! Reading is an async loop that awaits each piece, so requests that come
//! in meanwhile (a settings change, a page of the list, a cancel) are
//! answered between two pieces: the worker never stops listening.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use vtr_worker::protocol::{Event, FailReason, Request};
use vtr_worker::session::{Out, Session};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

/// How much of a file is read at a time: a few tens of milliseconds of
/// work, so progress moves several times a second and requests wait at
/// most that long.
const PIECE: u64 = 4 << 20;

/// How often progress is posted while a file is read.
const PROGRESS_MS: f64 = 150.0;

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
    if let Some(cap) = memory_cap(&scope) {
        crate::alloc::set_cap(cap);
    }
    let worker = Rc::new(Worker {
        scope: scope.clone(),
        session: RefCell::new(Session::new()),
        files: RefCell::new(HashMap::new()),
        reading: Cell::new(false),
    });
    WORKER.with(|w| *w.borrow_mut() = Some(Rc::clone(&worker)));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        handle(&worker, &ev.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post_event(&scope, &Event::Ready, None);
}

/// `?memory-cap-mb=N` on the worker's address (the page passes its own on).
fn memory_cap(scope: &DedicatedWorkerGlobalScope) -> Option<usize> {
    let search = scope.location().search();
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("memory-cap-mb="))?;
    let mb: usize = value.parse().ok()?;
    Some(mb.saturating_mul(1 << 20))
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

/// Reads queued files, one after the other, until none is left.
async fn read_queue(worker: &Rc<Worker>) {
    loop {
        let Some((id, size)) = worker.session.borrow().next() else {
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
        let mut last_post = 0.0;
        let mut offset = 0u64;
        let mut buf: Vec<u8> = Vec::new();
        let mut failed = None;
        post_all(&worker.scope, vec![Session::progress(&job, 0, 0)]);
        while offset < size {
            if !worker.session.borrow().still_wanted(&job) || job.stopped() {
                break;
            }
            let end = (offset + PIECE).min(size);
            let piece = match file.slice_with_f64_and_f64(offset as f64, end as f64) {
                Ok(b) => JsFuture::from(b.array_buffer()).await,
                Err(e) => Err(e),
            };
            let piece = match piece {
                Ok(p) => Uint8Array::new(&p),
                Err(e) => {
                    failed = Some(js_message(&e));
                    break;
                }
            };
            if !worker.session.borrow().still_wanted(&job) {
                break;
            }
            buf.resize(piece.length() as usize, 0);
            piece.copy_to(&mut buf);
            worker.session.borrow().feed(&mut job, &buf);
            offset = end;
            let now = js_sys::Date::now();
            if now - last_post >= PROGRESS_MS {
                last_post = now;
                let elapsed = (now - started).max(0.0) as u64;
                post_all(
                    &worker.scope,
                    vec![Session::progress(&job, offset, elapsed)],
                );
            }
        }
        drop(buf);
        let outs = match failed {
            Some(message) => worker
                .session
                .borrow_mut()
                .fail(id, FailReason::Unreadable { message }),
            None => worker.session.borrow_mut().complete(job),
        };
        post_all(&worker.scope, outs);
    }
}

fn js_message(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "the browser could not read this file".to_owned())
}

fn post_all(scope: &DedicatedWorkerGlobalScope, outs: Vec<Out>) {
    for out in outs {
        post_event(scope, &out.event, out.bytes);
    }
}

fn post_event(scope: &DedicatedWorkerGlobalScope, event: &Event, bytes: Option<Vec<u8>>) {
    let json = serde_json::to_string(event).unwrap_or_else(|e| {
        format!("{{\"type\":\"problem\",\"message\":\"cannot say what happened: {e}\",\"fatal\":false}}")
    });
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"json".into(), &json.into());
    let transfer = Array::new();
    if let Some(bytes) = bytes {
        let array = Uint8Array::from(bytes.as_slice());
        let buffer = array.buffer();
        let _ = Reflect::set(&msg, &"bytes".into(), &buffer);
        transfer.push(&buffer);
    }
    let _ = scope.post_message_with_transfer(&msg, &transfer);
}
