//! The page's side of the engine worker: starts it, restarts it when it
//! stops, and puts its answers into the [`AppState`].
//!
//! The worker (`crates/vtr-worker`, started by `worker.js`) holds the files'
//! packages and answers every question about them; the page keeps the
//! seller's `File` handles so that, should the worker stop (out of memory,
//! say), a fresh one can read again what the page still shows.

pub mod worker;

use std::sync::Arc;

use js_sys::{Reflect, Uint8Array};
use leptos::prelude::*;
use vtr_worker::protocol::{Event, FailReason, FileState, Request};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::remember::mappings::remembered_mappings;
use crate::state::{AppState, Shared, Stage};
use worker::{worker_url, Engine};

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
        remembered: remembered_mappings(),
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
    state
        .engine
        .with_value(|e| e.attach(worker, vec![on_message, on_error]));
}

/// Starts a fresh worker after the last one stopped, and has it read again
/// every file the page shows, except the one it stopped on.
fn restart(state: AppState, why: &str) {
    let gave_up = state.engine.with_value(|e| e.note_stop() > 2);
    if gave_up {
        state.engine.with_value(Engine::terminate);
        state.engine_problem.set(Some(format!(
            "The part of the page that reads files could not start ({why}). Reload the page; if this goes on, use a current Chrome, Edge, Firefox or Safari."
        )));
        return;
    }
    let out_of_memory = why.contains("unreachable") || why.to_lowercase().contains("memory");
    state.engine.with_value(Engine::terminate);
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
        let again = e.take_handles_except(&reading);
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
        remembered: remembered_mappings(),
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
    dispatch(state, event, data);
}

fn dispatch(state: AppState, event: Event, data: &JsValue) {
    match event {
        Event::Batch { events } => {
            for e in events {
                dispatch(state, e, data);
            }
        }
        Event::Ready => state.engine.with_value(Engine::flush),
        Event::File {
            id,
            state: FileState::Failed {
                reason: FailReason::Cancelled,
            },
        } => {
            state.drop_row(id);
            state.engine.with_value(|e| e.forget(id));
        }
        Event::File { id, state: s } => state.set_stage(id, stage_of(s)),
        Event::Result { view } => {
            // While the last check comes back, its kept result stands.
            if let Some(view) = crate::remember::last_check::shown_result(state, *view) {
                state.result.set(Shared(Arc::new(view)));
            }
        }
        Event::Page { seq, view } => {
            if state.engine.with_value(|e| e.is_latest_page(seq)) {
                state.page.set(Some(view));
            }
        }
        Event::Trend {
            seq,
            generation,
            points,
        } => {
            if state.engine.with_value(|e| e.is_latest_trend(seq)) {
                state.trend.set(Some((generation, points)));
            }
        }
        Event::Export { name, mime, .. } => {
            let bytes = Reflect::get(data, &"bytes".into())
                .ok()
                .map(|b| Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            if let Err(e) = crate::browser::download::download(&name, &mime, &bytes) {
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
