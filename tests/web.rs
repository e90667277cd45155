//! Browser tests: run in headless Chromium by wasm-bindgen-test-runner
//! (`make test`, or see the Makefile's test-wasm target).
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use js_sys::{Array, Uint8Array};
use leptos::prelude::GetUntracked;
use vtr_check::{
    file_read::read_bytes,
    panic::{show_error_panel, PANEL_ID},
    state::{AppState, FileStatus},
    storage::{load_prefs, save_prefs, Prefs, PREFS_KEY},
    summary::CsvSummary,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::File;

wasm_bindgen_test_configure!(run_in_browser);

/// A `File` as the browser would hand it over from a picker or a drop.
fn file_from_bytes(name: &str, bytes: &[u8]) -> File {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
fn local_storage_round_trip() {
    LocalStorage::delete(PREFS_KEY);
    assert_eq!(load_prefs(), Prefs::default());

    let prefs = Prefs {
        privacy_note_dismissed: true,
    };
    save_prefs(&prefs).unwrap();
    assert_eq!(load_prefs(), prefs);
    let raw: serde_json::Value = LocalStorage::get(PREFS_KEY).unwrap();
    assert_eq!(raw, serde_json::json!({ "privacy_note_dismissed": true }));

    // A value written by some other version must not break the page.
    LocalStorage::raw().set_item(PREFS_KEY, "not json").unwrap();
    assert_eq!(load_prefs(), Prefs::default());
    LocalStorage::delete(PREFS_KEY);
}

#[wasm_bindgen_test]
async fn reads_a_file_as_exact_bytes() {
    // Bytes that are not UTF-8 (GBK, a lone 0xFF) must come back untouched.
    let bytes: &[u8] = b"\xEF\xBB\xBForder-id,\xB6\xA9\xB5\xA5\r\n1,\xFF\r\n";
    let file = file_from_bytes("gbk.csv", bytes);
    assert_eq!(file.size(), bytes.len() as f64);
    assert_eq!(read_bytes(&file).await.unwrap(), bytes);
}

#[wasm_bindgen_test]
async fn reads_an_empty_file() {
    let file = file_from_bytes("empty.csv", b"");
    assert_eq!(read_bytes(&file).await.unwrap(), Vec::<u8>::new());
}

#[wasm_bindgen_test]
async fn a_read_file_is_counted_into_the_state() {
    let state = AppState::new();
    let file = file_from_bytes("march.csv", b"order-id;tracking\n1;A\n2;B\n3;C\n");
    let id = state.start(file.name(), file.size() as u64);
    assert_eq!(state.files.get_untracked()[0].status, FileStatus::Reading);

    state.finish(id, read_bytes(&file).await);
    let files = state.files.get_untracked();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "march.csv");
    assert_eq!(files[0].size, 30);
    assert_eq!(
        files[0].status,
        FileStatus::Ready(CsvSummary {
            rows: 3,
            columns: 2,
            delimiter: b';'
        })
    );
}

#[wasm_bindgen_test]
fn a_broken_file_gets_a_message_not_a_count() {
    let state = AppState::new();
    let id = state.start("cut.csv".into(), 10);
    state.finish(id, Ok(b"a,b,c\n1,2\n".to_vec()));
    match &state.files.get_untracked()[0].status {
        FileStatus::Failed(message) => assert!(
            message.starts_with("Line 2 has 2 fields but the header has 3."),
            "{message}"
        ),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn the_error_panel_replaces_itself() {
    show_error_panel("first");
    show_error_panel("second detail");
    let document = web_sys::window().unwrap().document().unwrap();
    let panels = document
        .query_selector_all("[data-testid=error-panel]")
        .unwrap();
    assert_eq!(panels.length(), 1);
    let panel = document.get_element_by_id(PANEL_ID).unwrap();
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap();
    assert!(text.starts_with("Something went wrong"), "{text}");
    assert!(text.ends_with("second detail"), "{text}");
    panel.remove();
}
