//! What both kinds of worker (the engine and its helpers) share: the
//! sizes they read in, their address's parameters and how they post
//! messages. It sits below `web.rs` and `helper.rs` so neither needs the
//! other for these.

use js_sys::{Array, Object, Reflect, Uint8Array};
use vtr_worker::protocol::Event;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// How much of a file is read at a time: a few tens of milliseconds of
/// work, so progress moves several times a second and requests wait at
/// most that long.
pub const PIECE: u64 = 4 << 20;

/// How often progress is posted while a file is read.
pub const PROGRESS_MS: f64 = 150.0;

/// Keeps progress to one post every [`PROGRESS_MS`]; the first is due at once.
#[derive(Default)]
pub struct Pace {
    last: Option<f64>,
}

impl Pace {
    /// Whether a post is due at `t` (`Date.now()`); if so, it counts as made.
    pub fn due(&mut self, t: f64) -> bool {
        if self.last.is_some_and(|last| t - last < PROGRESS_MS) {
            return false;
        }
        self.mark(t);
        true
    }

    /// A post made at `t` whether due or not.
    pub fn mark(&mut self, t: f64) {
        self.last = Some(t);
    }
}

/// The messages that came before the engine was up (`worker.js` kept them).
pub fn early_messages(scope: &DedicatedWorkerGlobalScope) -> Vec<MessageEvent> {
    Reflect::get(scope, &"__vtrEarly".into())
        .ok()
        .map(|v| Array::from(&v))
        .map(|a| a.iter().filter_map(|e| e.dyn_into().ok()).collect())
        .unwrap_or_default()
}

/// A value of the worker's address query (`?key=value&...`), or of its
/// fragment (`#key=value&...`) when it was started from a blob: URL, which
/// cannot carry a query.
pub fn query(scope: &DedicatedWorkerGlobalScope, key: &str) -> Option<String> {
    let location = scope.location();
    [location.search(), location.hash()]
        .iter()
        .find_map(|part| {
            part.trim_start_matches(['?', '#'])
                .split('&')
                .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                .map(str::to_string)
        })
}

/// A JavaScript error or value as words for the seller.
pub fn js_message(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value
        .as_string()
        .unwrap_or_else(|| "the browser could not read this file".to_owned())
}

/// Posts one event of the session, with its bytes.
pub fn post_event(scope: &DedicatedWorkerGlobalScope, event: &Event, bytes: Option<Vec<u8>>) {
    let json = serde_json::to_string(event).unwrap_or_else(|e| {
        format!("{{\"problem\":{{\"message\":\"cannot say what happened: {e}\",\"fatal\":false}}}}")
    });
    post_json(scope, json, bytes);
}

/// Posts `{json, bytes}`, the bytes transferred, not copied.
pub fn post_json(scope: &DedicatedWorkerGlobalScope, json: String, bytes: Option<Vec<u8>>) {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"json".into(), &json.into());
    let transfer = Array::new();
    if let Some(bytes) = bytes {
        let array = Uint8Array::from(bytes.as_slice());
        drop(bytes);
        let buffer = array.buffer();
        let _ = Reflect::set(&msg, &"bytes".into(), &buffer);
        transfer.push(&buffer);
    }
    let _ = scope.post_message_with_transfer(&msg, &transfer);
}
