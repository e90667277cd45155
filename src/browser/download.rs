//! Saving bytes made in the page as a file, without a server: a `Blob`,
//! an object URL pointing at it, and a click on an `<a download>`.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the object URL outlives the click. Revoking it at once can
/// cancel a download some browsers start asynchronously; a few seconds
/// later the file is on its way and the memory can go.
const REVOKE_AFTER: Duration = Duration::from_secs(5);

/// Offers `bytes` as a download named `name`, of type `mime` (for
/// example `"text/csv;charset=utf-8"`). Returns the browser's refusal,
/// if any, as text for the page to show.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(why)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(why)?;
    let clicked = click_link(&url, name);
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    clicked
}

fn click_link(url: &str, name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "not a link".to_string())?;
    link.set_href(url);
    link.set_download(name);
    // Firefox only follows a click on a link that is in the document.
    let body = document.body().ok_or("no body")?;
    body.append_child(&link).map_err(why)?;
    link.click();
    link.remove();
    Ok(())
}

fn why(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}
