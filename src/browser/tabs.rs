//! What the page's tabs (and windows) of one browser tell each other: a
//! lock that lets one tab at a time change the kept check, and a channel
//! on which a tab says it changed it.
//!
//! Both are plain browser APIs (`navigator.locks`, `BroadcastChannel`)
//! reached through `Reflect` and web-sys: where one is missing (an old
//! browser, a page opened from disk in some browsers) the page works as a
//! single tab would, and says nothing it cannot know.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent};

/// Runs `work` holding the origin-wide Web Lock `name`: no other tab of the
/// page runs work under the same name meanwhile. Without the Locks API, or
/// where the browser refuses it (an opaque origin), `work` runs at once.
pub async fn exclusive<F: std::future::Future>(name: &str, work: F) -> F::Output {
    let Some((locks, request)) = lock_request() else {
        return work.await;
    };
    // `granted` settles when the lock is ours (true) or was refused (false);
    // the lock is held until `held` settles, after `work`.
    let mut grant = None;
    let granted = Promise::new(&mut |resolve, _| grant = Some(resolve));
    let mut release = None;
    let held = Promise::new(&mut |resolve, _| release = Some(resolve));
    let (Some(grant), Some(release)) = (grant, release) else {
        return work.await;
    };
    let on_grant = grant.clone();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = on_grant.call1(&JsValue::NULL, &JsValue::TRUE);
        held.into()
    });
    let asked = match request.call2(&locks, &JsValue::from_str(name), &callback) {
        Ok(p) => Promise::from(p),
        Err(_) => return work.await,
    };
    let refused = Closure::once_into_js(move |_e: JsValue| {
        let _ = grant.call1(&JsValue::NULL, &JsValue::FALSE);
    });
    // `Promise::catch` wants a `Closure`; the function itself goes through
    // `Reflect` so that it frees itself once called.
    if let Ok(catch) = Reflect::get(&asked, &"catch".into()).and_then(|c| c.dyn_into::<Function>())
    {
        let _ = catch.call1(&asked, &refused);
    }
    // Either way the work runs: a refused lock only means no other tab is
    // kept out, as without the API.
    let _ = JsFuture::from(granted).await;
    let out = work.await;
    let _ = release.call0(&JsValue::NULL);
    out
}

fn lock_request() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into()).ok()?;
    Some((locks, request.dyn_into().ok()?))
}

/// A named channel to the page's other tabs. Messages are strings; a tab
/// does not hear its own.
pub struct Channel(BroadcastChannel);

impl Channel {
    /// Opens channel `name`, calling `on_message` with what other tabs post;
    /// `None` where the browser has no `BroadcastChannel` or refuses one.
    pub fn open(name: &str, on_message: impl Fn(String) + 'static) -> Option<Channel> {
        let channel = BroadcastChannel::new(name).ok()?;
        let listener = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                on_message(text);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        // The channel lives as long as the page: so does its listener.
        listener.forget();
        Some(Channel(channel))
    }

    /// Tells the other tabs `text`; a failure (the channel closed) only
    /// means they are not told.
    pub fn post(&self, text: &str) {
        let _ = self.0.post_message(&JsValue::from_str(text));
    }
}
