//! Turning a panic into a visible message instead of a frozen page.
//!
//! After a panic the wasm instance is dead (release builds abort), so the
//! panel is built with plain DOM calls rather than through Leptos, and it is
//! added to `<body>` outside the app's tree.

use std::panic::PanicHookInfo;

/// `id` of the error panel element.
pub const PANEL_ID: &str = "vtr-error-panel";

/// The URL fragment that makes the page panic on start, so that the end-to-end
/// tests can prove the error panel works in the shipped build.
pub const SELF_TEST_FRAGMENT: &str = "#vtr-panic-selftest";

/// Installs the hook: the browser console keeps the full report and the page
/// shows the panel.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show_error_panel(&info.to_string());
    }));
}

/// Panics when the page was opened with [`SELF_TEST_FRAGMENT`].
pub fn self_test_from_url() {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    if hash.as_deref() == Some(SELF_TEST_FRAGMENT) {
        panic!("panic self-test requested by the URL");
    }
}

/// Shows (or replaces) the error panel with `detail` as technical detail.
///
/// Does nothing when there is no document, since there is nowhere to show it.
pub fn show_error_panel(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Some(old) = document.get_element_by_id(PANEL_ID) {
        old.remove();
    }
    let Ok(panel) = document.create_element("section") else {
        return;
    };
    panel.set_id(PANEL_ID);
    panel.set_class_name("error-panel");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "error-panel");

    let parts = [
        ("h2", "Something went wrong"),
        (
            "p",
            "vtr-check hit an internal error and stopped. Your files were not sent anywhere. \
             Reload the page to start again; if it happens again, the detail below helps us fix it.",
        ),
        ("pre", detail),
    ];
    for (tag, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    let _ = body.prepend_with_node_1(&panel);
}
