//! Browser tests: run in headless Chromium by wasm-bindgen-test-runner
//! (`make test`, or see the Makefile's test-wasm target).
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use js_sys::{Array, Uint8Array};
use leptos::prelude::GetUntracked;
use vtr_check::{
    file_read::read_bytes,
    i18n::{zh_entries, Lang},
    panic::{show_error_panel, PANEL_ID},
    state::{AppState, Content},
    storage::{load_prefs, save_prefs, Prefs, PREFS_KEY},
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
        lang: Some(Lang::Zh),
    };
    save_prefs(&prefs).unwrap();
    assert_eq!(load_prefs(), prefs);
    let raw: serde_json::Value = LocalStorage::get(PREFS_KEY).unwrap();
    assert_eq!(
        raw,
        serde_json::json!({ "privacy_note_dismissed": true, "lang": "Zh" })
    );

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

fn new_state() -> AppState {
    AppState::new(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        Lang::En,
    )
}

#[wasm_bindgen_test]
async fn a_read_file_is_read_by_the_engine_into_the_state() {
    let state = new_state();
    let file = file_from_bytes("march.csv", b"order-id;tracking\n1;A\n2;B\n3;C\n");
    let id = state.start(file.name(), file.size() as u64);
    assert_eq!(state.files.get_untracked()[0].content, Content::Reading);

    state.finish(id, read_bytes(&file).await);
    let files = state.files.get_untracked();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "march.csv");
    assert_eq!(files[0].size, 30);
    let data = state.dataset.get_untracked();
    let report = &data.files[0];
    assert_eq!(report.rows, 3);
    assert_eq!(report.headers.len(), 2);
    assert_eq!(report.delimiter, Some(b';'));
    assert_eq!(state.analysis.get_untracked().summary.packages, 3);
}

#[wasm_bindgen_test]
fn a_broken_row_is_reported_by_line_and_the_rest_counts() {
    let state = new_state();
    let id = state.start("cut.csv".into(), 10);
    state.finish(
        id,
        Ok(b"order-id,tracking-number,carrier\n1,1Z999AA10123456784,UPS\n2,x\n".to_vec()),
    );
    let data = state.dataset.get_untracked();
    let report = &data.files[0];
    assert_eq!(report.rows, 2);
    assert_eq!(report.skipped, 1);
    assert_eq!(report.problems[0].line, 3);
    assert_eq!(state.analysis.get_untracked().summary.valid, 1);
}

#[wasm_bindgen_test]
fn every_chinese_text_is_unique_and_filled() {
    let mut seen = std::collections::HashSet::new();
    let mut n = 0;
    for (en, zh) in zh_entries() {
        assert!(seen.insert(en), "translated twice: {en}");
        assert!(!zh.trim().is_empty(), "empty translation: {en}");
        n += 1;
    }
    assert!(n >= 5, "{n}");
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
