//! Browser tests: run in headless Chromium by wasm-bindgen-test-runner
//! (`make test`, or see the Makefile's test-wasm target).
#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::GetUntracked;
use vtr_check::browser::idb::{self, Change};
use vtr_check::browser::storage::{self, Loaded, StorageError};
use vtr_check::i18n::{tr, zh_entries, Lang};
use vtr_check::load::carrier_editor::{alias_problem, carrier_problem, with_flag, CarrierProblem};
use vtr_check::panic::{show_error_panel, PANEL_ID};
use vtr_check::remember::history::{
    load_history, save_history, HistoryEntry, HistoryList, HISTORY_KEY, MAX_ENTRIES,
};
use vtr_check::remember::last_check::{by_position, CheckInputs, SavedCheck, SavedFile};
use vtr_check::remember::mappings::{
    recall_mapping, remember_mapping, remembered_mappings, MAPPINGS_KEY,
};
use vtr_check::remember::notice::{self, Notice};
use vtr_check::remember::prefs::{load_prefs, update_prefs, Prefs, PREFS_KEY};
use vtr_check::remember::settings::{load_settings, save_settings, SavedSettings, SETTINGS_KEY};
use vtr_check::state::{AppState, AsOf};
use vtr_core::mapping::{headers_key, Field, Mapping};
use vtr_core::read::DateOrder;
use vtr_core::result::{Status, Summary};
use vtr_core::Registry;
use vtr_worker::protocol::{Event, NewFile, Request};
use vtr_worker::session::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The settings `vtr check --as-of 2026-11-25` uses, with these
/// remembered mappings.
fn configure(remembered: Vec<(String, Mapping)>) -> Request {
    Request::Configure {
        settings: vtr_core::Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        date_order: DateOrder::Auto,
        edits: Default::default(),
        remembered,
    }
}

/// Reads `bytes` through the engine session as the worker does, in pieces
/// of `piece` bytes, and returns the result.
fn read_in_session(session: &mut Session, name: &str, bytes: &[u8], piece: usize) -> Summary {
    let id = 1 + session.dataset().ids().len() as u64;
    session.handle(Request::Add {
        files: vec![NewFile {
            id,
            name: name.into(),
            size: bytes.len() as u64,
            mapping: None,
            encoding: None,
            sheet: None,
        }],
    });
    let (next, _) = session.next().expect("a queued file");
    let mut job = session.begin(next).expect("a job");
    for p in bytes.chunks(piece.max(1)) {
        session.feed(&mut job, p);
    }
    for out in session.complete(job) {
        if let Event::Result { view } = out.event {
            return view.summary;
        }
    }
    panic!("no result");
}

#[wasm_bindgen_test]
fn local_storage_round_trip() {
    LocalStorage::delete(PREFS_KEY);
    assert_eq!(load_prefs(), Prefs::default());

    let prefs = Prefs {
        privacy_note_dismissed: true,
        lang: Some(Lang::Zh),
    };
    update_prefs(|p| p.privacy_note_dismissed = true);
    update_prefs(|p| p.lang = Some(Lang::Zh));
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
fn every_chinese_text_is_unique_and_filled() {
    let mut seen = std::collections::HashSet::new();
    for (en, zh) in zh_entries() {
        assert!(seen.insert(en), "translated twice: {en}");
        assert!(!zh.trim().is_empty(), "empty translation: {en}");
    }
    // One text of each area's table, as the page looks it up.
    // (`crates/repo-checks` proves every text the page uses has one.)
    assert_eq!(tr(Lang::Zh, "Language"), "语言");
    assert_eq!(tr(Lang::Zh, "Remove all"), "全部移除");
    assert_eq!(tr(Lang::Zh, "Your Valid Tracking Rate"), "您的有效追踪率");
    assert_eq!(
        tr(Lang::Zh, "Search order ID or tracking"),
        "搜索订单编号或追踪编码"
    );
    assert_eq!(tr(Lang::En, "Remove all"), "Remove all");
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

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[wasm_bindgen_test]
fn settings_round_trip_through_storage_with_the_as_of_choice() {
    storage::remove(SETTINGS_KEY);
    assert_eq!(load_settings(), SavedSettings::default());

    let mut edits = vtr_core::carrier::RegistryEdits::default();
    edits.add_alias("UPS", "Ups Ground Saver");
    let mut settings = vtr_core::Settings::new(day(2026, 11, 25));
    settings.window_days = 60;
    settings.lag_days = 0;
    settings.all_dates = true;
    settings.threshold_bp = 9725;
    settings.international = true;
    settings.marketplace = "DE".into();
    let saved = SavedSettings {
        settings,
        as_of_choice: AsOf::Today,
        date_order: DateOrder::DayFirst,
        registry_edits: edits.clone(),
    };
    save_settings(&saved).unwrap();
    assert_eq!(load_settings(), saved);
    let raw: serde_json::Value = gloo_storage::LocalStorage::get(SETTINGS_KEY).unwrap();
    assert_eq!(raw["threshold_bp"], 9725);
    assert_eq!(raw["date_order"], "day_first");
    assert_eq!(raw["as_of_choice"], "today");

    // "Today" restored on a later day is that later day.
    let state = AppState::new(day(2026, 12, 3), Lang::En);
    load_settings().apply(&state);
    let s = state.settings.get_untracked();
    assert_eq!(s.as_of, day(2026, 12, 3));
    assert_eq!(
        (
            s.window_days,
            s.lag_days,
            s.all_dates,
            s.threshold_bp,
            s.international
        ),
        (60, 0, true, 9725, true)
    );
    assert_eq!(s.marketplace, "DE");
    assert_eq!(state.date_order.get_untracked(), DateOrder::DayFirst);
    assert_eq!(state.registry_edits.get_untracked(), edits);
    assert_eq!(state.as_of.get_untracked(), AsOf::Today);

    // A fixed day stays that day, whatever today is.
    let fixed = SavedSettings {
        as_of_choice: AsOf::Fixed(day(2026, 10, 31)),
        ..saved
    };
    save_settings(&fixed).unwrap();
    let raw: serde_json::Value = gloo_storage::LocalStorage::get(SETTINGS_KEY).unwrap();
    assert_eq!(
        raw["as_of_choice"],
        serde_json::json!({ "fixed": "2026-10-31" })
    );
    let state = AppState::new(day(2026, 12, 3), Lang::En);
    load_settings().apply(&state);
    assert_eq!(state.settings.get_untracked().as_of, day(2026, 10, 31));
    assert_eq!(state.as_of.get_untracked(), AsOf::Fixed(day(2026, 10, 31)));
    // What is saved again is the same choice (the rules' own `as_of` is
    // only ever the choice's day).
    let again = SavedSettings::of_state(&state);
    assert_eq!(again.as_of_choice, fixed.as_of_choice);
    assert_eq!(again.settings.as_of, day(2026, 10, 31));
    assert_eq!(
        (again.settings.threshold_bp, again.date_order),
        (9725, DateOrder::DayFirst)
    );
    storage::remove(SETTINGS_KEY);
}

#[wasm_bindgen_test]
fn corrupt_saved_settings_give_the_defaults_and_one_notice() {
    notice::dismiss();
    LocalStorage::raw()
        .set_item(SETTINGS_KEY, r#"{"window_days": "sixty""#)
        .unwrap();
    assert_eq!(load_settings(), SavedSettings::default());
    assert_eq!(notice::notice(), Some(Notice::Reset));
    // The bad value is gone, so the next visit hears nothing.
    assert_eq!(LocalStorage::raw().get_item(SETTINGS_KEY).unwrap(), None);
    notice::dismiss();
    assert_eq!(load_settings(), SavedSettings::default());
    assert_eq!(notice::notice(), None);

    // A well-formed value of the wrong shape is corrupt too.
    LocalStorage::raw()
        .set_item(SETTINGS_KEY, "[1,2,3]")
        .unwrap();
    assert_eq!(
        storage::load::<SavedSettings>(SETTINGS_KEY),
        Loaded::Corrupt
    );
    // Fields missing from an older version take their defaults.
    LocalStorage::raw()
        .set_item(SETTINGS_KEY, r#"{"window_days": 45}"#)
        .unwrap();
    let old = load_settings();
    assert_eq!(old.settings.window_days, 45);
    assert_eq!(old.settings.threshold_bp, 9500);
    assert_eq!(old.as_of_choice, AsOf::Today);
    storage::remove(SETTINGS_KEY);
}

const MAPPED_CSV: &[u8] = b"Ref;Parcel;Courier;Sent\n\
111-0000001-0000001;1Z999AA10123456784;UPS;2026-11-01\n\
111-0000002-0000002;1Z999AA10123456785;UPS;2026-11-02\n\
111-0000003-0000003;;UPS;2026-11-03\n\
111-0000004-0000004;1Z999AA10123456784;UPS;2026-09-01\n\
111-0000005-0000005;9400111899223197428490;USPS;2026-11-05\n\
111-0000006-0000006;1ZV8W5020300005020;UPS;2026-11-06\n";

/// The mapping a seller picks for [`MAPPED_CSV`].
fn chosen_mapping() -> Mapping {
    let mut m = Mapping::default();
    m.set(Field::OrderId, Some(0));
    m.set(Field::TrackingNumber, Some(1));
    m.set(Field::Carrier, Some(2));
    m.set(Field::ShipDate, Some(3));
    m
}

#[wasm_bindgen_test]
fn a_mapping_is_remembered_by_the_hash_of_the_normalised_headers() {
    storage::remove(MAPPINGS_KEY);
    let headers = ["Ref", "Parcel", "Courier", "Sent"];
    let same = [" REF ", "parcel", "Courier", "sent"];
    let reordered = ["Parcel", "Ref", "Courier", "Sent"];
    assert_eq!(headers_key(&headers), "h117f63539d959822-4");
    assert_eq!(headers_key(&same), headers_key(&headers));
    assert_ne!(headers_key(&reordered), headers_key(&headers));
    assert_ne!(headers_key(&["ab"]), headers_key(&["a", "b"]));

    assert_eq!(recall_mapping(&headers), None);
    remember_mapping(&headers, Some(&chosen_mapping())).unwrap();
    assert_eq!(recall_mapping(&same), Some(chosen_mapping()));
    assert_eq!(recall_mapping(&reordered), None);

    // The engine gets every remembered mapping, and reads the next file
    // with these headers with it straight away.
    assert_eq!(
        remembered_mappings(),
        vec![(headers_key(&headers), chosen_mapping())]
    );
    let mut session = Session::new();
    session.handle(configure(remembered_mappings()));
    let s = read_in_session(&mut session, "next.csv", MAPPED_CSV, 7);
    assert_eq!(s.considered, 5);

    remember_mapping(&headers, None).unwrap();
    assert_eq!(recall_mapping(&headers), None);
    storage::remove(MAPPINGS_KEY);
}

fn history_entry(n: u64) -> HistoryEntry {
    HistoryEntry {
        checked_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, n as u32 % 60, 0)
            .unwrap(),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        files: vec![format!("week-{n}.csv")],
        vtr: vtr_core::numbers::percent(n, 30),
        status: Status::AtRisk,
        fixes_needed: 30 - n,
        considered: 30,
        valid: n,
        settings: None,
        categories: Vec::new(),
    }
}

#[wasm_bindgen_test]
fn history_keeps_the_newest_twenty_first() {
    storage::remove(HISTORY_KEY);
    assert_eq!(load_history(), HistoryList::default());
    let mut list = HistoryList::default();
    for n in 1..=25 {
        assert!(list.push(history_entry(n)));
    }
    assert_eq!(MAX_ENTRIES, 20);
    assert_eq!(list.entries.len(), 20);
    let names: Vec<&str> = list.entries.iter().map(|e| e.files[0].as_str()).collect();
    assert_eq!(names[0], "week-25.csv");
    assert_eq!(names[19], "week-6.csv");
    assert_eq!(list.entries[0].vtr, "83.33%");
    // The same result again is not a new check.
    assert!(!list.push(history_entry(25)));
    assert_eq!(list.entries.len(), 20);

    save_history(&list).unwrap();
    assert_eq!(load_history(), list);
    storage::remove(HISTORY_KEY);
    assert_eq!(load_history().entries.len(), 0);
}

#[wasm_bindgen_test]
fn a_full_storage_is_told_in_words_a_seller_understands() {
    let e = StorageError::from_js_name(
        "QuotaExceededError",
        "Setting the value exceeded the quota.",
    );
    assert_eq!(e, StorageError::Full);
    assert_eq!(
        StorageError::from_js_name("NS_ERROR_DOM_QUOTA_REACHED", ""),
        StorageError::Full
    );
    assert_eq!(
        Notice::of(&e).text(),
        "Your browser's storage is full; settings won't be remembered."
    );
    assert_eq!(
        tr(Lang::Zh, Notice::of(&e).text()),
        "浏览器存储空间已满，设置将无法保存。"
    );

    // And for real: fill this origin's storage, then save.
    let raw = LocalStorage::raw();
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(1 << 20);
    while chunk.len() >= 1024 && keys.len() < 200 {
        let key = format!("vtr-check-test/fill/{}", keys.len());
        if raw.set_item(&key, &chunk).is_ok() {
            keys.push(key);
        } else {
            chunk.truncate(chunk.len() / 4);
        }
    }
    let big = SavedSettings {
        registry_edits: {
            let mut e = vtr_core::carrier::RegistryEdits::default();
            for i in 0..200 {
                e.add_alias("UPS", &format!("a long alias that will not fit {i}"));
            }
            e
        },
        ..SavedSettings::default()
    };
    let result = save_settings(&big);
    for k in &keys {
        raw.remove_item(k).unwrap();
    }
    assert_eq!(result, Err(StorageError::Full));
    // Room again: saving works.
    save_settings(&big).unwrap();
    storage::remove(SETTINGS_KEY);
}

#[wasm_bindgen_test]
fn a_file_read_with_a_chosen_mapping_gives_the_engines_numbers() {
    let mut session = Session::new();
    session.handle(configure(Vec::new()));
    // No header names the order id or the tracking number: both columns
    // are found by their contents, and the report says so.
    let s = read_in_session(&mut session, "courier.csv", MAPPED_CSV, 5);
    assert_eq!(s.packages, 6);
    let report = &session.dataset().files()[0];
    assert_eq!(report.error, None);
    let found: Vec<(Field, usize)> = report
        .inferred
        .iter()
        .map(|i| (i.field, i.column))
        .collect();
    assert_eq!(found, vec![(Field::OrderId, 0), (Field::TrackingNumber, 1)]);
    let outs = session.handle(Request::SetMapping {
        id: 1,
        mapping: Some(chosen_mapping()),
    });
    assert_eq!(outs.len(), 1, "the file is queued again");
    let (id, _) = session.next().expect("queued again");
    let mut job = session.begin(id).expect("a job");
    for p in MAPPED_CSV.chunks(3) {
        session.feed(&mut job, p);
    }
    session.complete(job);
    // The figures of `vtr check --as-of 2026-11-25 --map order_id=Ref
    // --map tracking_number=Parcel --map carrier=Courier --map ship_date=Sent`.
    let s = &session.analysis().summary;
    assert_eq!((s.rows, s.packages, s.considered, s.valid), (6, 6, 5, 2));
    assert_eq!(s.status, Status::AtRisk);
    assert_eq!(s.fixes_needed, 3);
    assert_eq!(vtr_core::numbers::percent(s.valid, s.considered), "40.00%");
    assert_eq!(
        (s.invalid.missing_tracking, s.invalid.malformed_tracking),
        (1, 2)
    );
    assert_eq!(s.excluded.outside_window, 1);
}

#[wasm_bindgen_test]
fn a_broken_row_is_reported_by_line_and_the_rest_counts() {
    let mut session = Session::new();
    session.handle(configure(Vec::new()));
    let s = read_in_session(
        &mut session,
        "cut.csv",
        b"order-id,tracking-number,carrier\n1,1Z999AA10123456784,UPS\n2,x\n",
        4,
    );
    let report = &session.dataset().files()[0];
    assert_eq!((report.rows, report.skipped), (2, 1));
    assert_eq!(report.problems[0].line, 3);
    assert_eq!(s.valid, 1);
}

/// The result natively computed for [`vtr_core::synth::write_confirmation`]
/// with 300,000 rows, seed 7, ending 2026-11-20, checked as of 2026-11-25
/// (`cargo test -p vtr-worker` asserts the same file).
const SYNTH_300K: &str = include_str!("../fixtures/expected/confirmation-300k.json");

#[wasm_bindgen_test]
fn three_hundred_thousand_rows_give_the_native_result_in_the_browser() {
    let mut bytes = Vec::new();
    vtr_core::synth::write_confirmation(
        300_000,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        &mut bytes,
    )
    .unwrap();
    let mut session = Session::new();
    session.handle(configure(Vec::new()));
    // Pieces of an odd size, so records, characters and CRLFs are cut.
    let s = read_in_session(&mut session, "confirmation.tsv", &bytes, 999_983);
    // Compared as text, as the page's download and `vtr check --json` are:
    // parsing floats back would round.
    let got = serde_json::to_string_pretty(&s).unwrap() + "\n";
    assert_eq!(got, SYNTH_300K);
}

#[wasm_bindgen_test]
fn fingerprints_match_the_native_ones() {
    // 64-bit arithmetic on a 32-bit target: the value `cargo test -p
    // vtr-core fingerprints_are_the_same_on_every_target` pins natively.
    let mut f = vtr_core::fingerprint::Fingerprinter::default();
    let mut fps = Vec::new();
    let mut r = vtr_core::records::Records::new(b',', 1);
    let text = "111-1234567-1234567, 1Z999AA10123456784 ,UPS,玩具\n";
    r.push(text.as_bytes(), &mut |rec| fps.push(f.of(rec)));
    assert_eq!(fps[0].as_u128(), 0xbafa8c2c9c63a8801acda8ab68ac2efb);
}

#[wasm_bindgen_test]
fn the_sample_size_is_the_sample_files_size() {
    // The page tells the sample from a seller's file by name and size.
    let bytes = include_bytes!("../sample/sample-shipments.csv");
    assert_eq!(bytes.len() as u64, vtr_check::load::sample::SAMPLE_SIZE);
}

// ---- The last check, kept in IndexedDB ----

#[wasm_bindgen_test]
async fn a_file_and_its_record_go_into_indexeddb_together_and_come_back() {
    let _ = idb::delete_database().await;
    assert!(
        !idb::exists().await.unwrap(),
        "nothing until something is kept"
    );
    let db = idb::open().await.unwrap();
    assert!(idb::exists().await.unwrap());

    let text = "order-id,tracking-number\n111-1234567-1234567,1Z999AA10123456784\n";
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, "week 1.csv").unwrap();
    let record = JsValue::from_str("{\"files\":[]}");
    db.write(&[
        Change::Put {
            store: idb::FILES,
            key: "a",
            value: &file.clone().into(),
        },
        Change::Put {
            store: idb::CHECK,
            key: "last",
            value: &record,
        },
    ])
    .await
    .unwrap();
    // A File comes back as a File, with its name and bytes.
    let back: web_sys::File = db.get(idb::FILES, "a").await.unwrap().dyn_into().unwrap();
    assert_eq!(back.name(), "week 1.csv");
    let bytes = wasm_bindgen_futures::JsFuture::from(back.text())
        .await
        .unwrap();
    assert_eq!(bytes.as_string().as_deref(), Some(text));
    assert_eq!(
        db.get(idb::CHECK, "last")
            .await
            .unwrap()
            .as_string()
            .as_deref(),
        Some("{\"files\":[]}")
    );
    assert!(db.get(idb::FILES, "missing").await.unwrap().is_undefined());
    assert_eq!(db.keys(idb::FILES).await.unwrap(), vec!["a".to_string()]);

    // All or nothing: a change that fails takes the others with it.
    let bad = db
        .write(&[
            Change::Delete {
                store: idb::FILES,
                key: "a",
            },
            Change::Put {
                store: "no such store",
                key: "x",
                value: &record,
            },
        ])
        .await;
    assert!(bad.is_err());
    assert_eq!(db.keys(idb::FILES).await.unwrap(), vec!["a".to_string()]);

    db.write(&[Change::Clear { store: idb::FILES }])
        .await
        .unwrap();
    assert!(db.keys(idb::FILES).await.unwrap().is_empty());
    db.close();
    idb::delete_database().await.unwrap();
    assert!(!idb::exists().await.unwrap());
}

#[wasm_bindgen_test]
fn a_full_quota_from_indexeddb_is_told_as_full() {
    let quota = web_sys::DomException::new_with_message_and_name(
        "The quota has been exceeded.",
        "QuotaExceededError",
    )
    .unwrap();
    assert_eq!(idb::error_of(&quota.into()), StorageError::Full);
    let denied =
        web_sys::DomException::new_with_message_and_name("denied", "SecurityError").unwrap();
    assert_eq!(idb::error_of(&denied.into()), StorageError::Unavailable);
    // Plain objects with a name, as a polyfill or a test may throw.
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"name".into(), &"QuotaExceededError".into()).unwrap();
    assert_eq!(idb::error_of(&obj.into()), StorageError::Full);
}

fn kept_result(ids: &[u64]) -> vtr_worker::protocol::ResultView {
    let settings = vtr_core::Settings::new(day(2026, 11, 25));
    let mut view = vtr_worker::protocol::ResultView::empty(&settings);
    view.generation = 7;
    view.files = ids
        .iter()
        .map(|id| vtr_worker::protocol::FileBrief {
            id: *id,
            name: format!("f{id}.csv"),
            ok: true,
        })
        .collect();
    view
}

#[wasm_bindgen_test]
fn the_kept_result_shows_at_once_only_for_the_same_files_and_inputs() {
    let inputs = CheckInputs {
        settings: vtr_core::Settings::new(day(2026, 11, 25)),
        date_order: DateOrder::Auto,
        edits: Default::default(),
    };
    // Kept with the page's ids 4 and 9 named by position.
    let view = by_position(&kept_result(&[4, 9]), &[4, 9]).unwrap();
    assert_eq!(
        view.files.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![0, 1]
    );
    assert_eq!(
        by_position(&kept_result(&[4, 5]), &[4, 9]),
        None,
        "a file not kept"
    );
    let file = |k: &str| SavedFile {
        key: k.into(),
        name: format!("{k}.csv"),
        size: 10,
        mapping: None,
        encoding: None,
        sheet: None,
    };
    // The seller's encoding and sheet are kept with the file.
    let chosen = SavedFile {
        encoding: Some(vtr_core::decode::Encoding::ShiftJis),
        sheet: Some("Orders".into()),
        ..file("b")
    };
    let check = SavedCheck {
        files: vec![file("a"), chosen],
        result: Some((inputs.clone(), view)),
        stamp: "1764000000000-0000abcd".into(),
    };
    // A record from before stamps reads with none.
    let unstamped: SavedCheck = serde_json::from_str(r#"{"files":[],"result":null}"#).unwrap();
    assert_eq!(unstamped.stamp, "");
    // A record written before they were kept still reads, as detected.
    let older: SavedFile =
        serde_json::from_str(r#"{"key":"a","name":"a.csv","size":10,"mapping":null}"#).unwrap();
    assert_eq!(older, file("a"));
    // Back on a new page as ids 1 and 2.
    let shown = check.result_for(&inputs, &[1, 2]).unwrap();
    assert_eq!(
        shown.files.iter().map(|f| f.id).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(shown.generation, 7);
    // One file missing, or other settings ("today" a day later): not shown.
    assert_eq!(check.result_for(&inputs, &[1]), None);
    let later = CheckInputs {
        settings: vtr_core::Settings::new(day(2026, 11, 26)),
        ..inputs.clone()
    };
    assert_eq!(check.result_for(&later, &[1, 2]), None);
    let mut edits = vtr_core::carrier::RegistryEdits::default();
    edits.add_alias("UPS", "Brown");
    assert_eq!(
        check.result_for(
            &CheckInputs {
                edits,
                ..inputs.clone()
            },
            &[1, 2]
        ),
        None
    );
    // The record survives JSON as the page stores it.
    let json = serde_json::to_string(&check).unwrap();
    assert_eq!(serde_json::from_str::<SavedCheck>(&json).unwrap(), check);
    assert_eq!(check.bytes(), 20);
}

// ---- The carrier editor's edits ----

#[wasm_bindgen_test]
fn carrier_edits_the_engine_would_ignore_are_refused_and_flags_stay_tidy() {
    let reg = Registry::default();
    assert_eq!(carrier_problem(&reg, "Pony Express"), None);
    assert_eq!(carrier_problem(&reg, "  "), Some(CarrierProblem::NoName));
    assert_eq!(carrier_problem(&reg, "other"), Some(CarrierProblem::NoName));
    assert_eq!(
        carrier_problem(&reg, "odfl"),
        Some(CarrierProblem::Known("Old Dominion".into()))
    );
    assert_eq!(alias_problem(&reg, "Newgistix", "Newgistics"), None);
    assert!(
        alias_problem(&reg, "U.S.P.S.", "USPS").is_some(),
        "already its spelling"
    );
    assert!(
        alias_problem(&reg, "FedEx", "UPS").is_some(),
        "another carrier's own name"
    );

    // Setting a flag replaces an earlier edit of it; back to the
    // registry's own value, no edit is left.
    let none = vtr_core::carrier::RegistryEdits::default();
    let one = with_flag(&none, "estes", Some(true), None);
    assert_eq!(one.flags.len(), 1);
    assert_eq!(one.flags[0].carrier, "Estes");
    let mut applied = Registry::default();
    applied.apply(&one);
    assert!(applied.get(applied.resolve("Estes").unwrap()).integrated);
    let listed = with_flag(&one, "Estes", None, Some(false));
    assert_eq!(listed.flags.len(), 2);
    let back = with_flag(
        &with_flag(&listed, "Estes", Some(false), None),
        "Estes",
        None,
        Some(true),
    );
    assert_eq!(back, none);
}
