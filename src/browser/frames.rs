//! Work spread over animation frames, so that no task holds the main thread
//! long enough for a click or a key press to wait.

use leptos::prelude::request_animation_frame;

/// Calls `step` now and then once each animation frame, for as long as it
/// returns `true`.
///
/// A step that finds its work gone (a table removed, a result cleared)
/// returns `false`, and nothing runs after it.
pub fn each_frame(mut step: impl FnMut() -> bool + 'static) {
    if step() {
        request_animation_frame(move || each_frame(step));
    }
}
