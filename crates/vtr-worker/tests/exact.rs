//! The engine session gives exactly `vtr check`'s result, whatever pieces a
//! file arrives in; the browser test `tests/web.rs` holds the page's
//! engine (wasm32) to the same committed result.
//!
//! `UPDATE_EXPECTED=1 cargo test -p vtr-worker --test exact` rewrites the
//! committed file after a deliberate change to the rules.

use std::path::PathBuf;
use vtr_core::mapping::Mapping;
use vtr_core::read::DateOrder;
use vtr_core::result::Summary;
use vtr_worker::protocol::{Event, NewFile, Request};
use vtr_worker::session::Session;

fn configure(remembered: Vec<(String, Mapping)>) -> Request {
    Request::Configure {
        settings: vtr_core::Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        date_order: DateOrder::Auto,
        edits: Default::default(),
        remembered,
    }
}

fn read(session: &mut Session, id: u64, name: &str, bytes: &[u8], piece: usize) -> Summary {
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

fn confirmation_300k() -> Vec<u8> {
    let mut bytes = Vec::new();
    vtr_core::synth::write_confirmation(
        300_000,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        &mut bytes,
    )
    .unwrap();
    bytes
}

#[test]
fn three_hundred_thousand_rows_give_the_committed_result_in_any_pieces() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/expected/confirmation-300k.json");
    let bytes = confirmation_300k();
    let mut first = None;
    for piece in [bytes.len(), 1 << 20, 999_983, 65_537] {
        let mut session = Session::new();
        session.handle(configure(Vec::new()));
        let s = read(&mut session, 1, "confirmation.tsv", &bytes, piece);
        let json = serde_json::to_string_pretty(&s).unwrap() + "\n";
        match &first {
            None => first = Some(json),
            Some(f) => assert_eq!(&json, f, "pieces of {piece} bytes"),
        }
    }
    let got = first.unwrap();
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("fixtures/expected/confirmation-300k.json");
    assert_eq!(got, want);
    // And it is what the command line computes: the engine's own load and
    // analysis of the whole file at once.
    let data = vtr_core::load(
        &[vtr_core::FileInput::new("confirmation.tsv", &bytes)],
        &vtr_core::LoadOptions::default(),
    );
    let settings = vtr_core::Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    let direct = vtr_core::analyze(&data, &settings, &vtr_core::Registry::default());
    assert_eq!(
        serde_json::to_string_pretty(&direct.summary).unwrap() + "\n",
        want
    );
}

/// Reads `bytes` as the worker does with helpers: this side reads up to the
/// first cut, "helpers" read the other parts without the files before and
/// hand them over as bytes, and the session takes them in order.
fn read_with_helpers(session: &mut Session, id: u64, bytes: &[u8], parts: usize) -> Summary {
    use vtr_core::read::{cut_after_line_feed, Earlier, FileReader, Part};
    use vtr_worker::session::ReadAgain;
    session.handle(Request::Add {
        files: vec![NewFile {
            id,
            name: "f.tsv".into(),
            size: bytes.len() as u64,
            mapping: None,
            encoding: None,
            sheet: None,
        }],
    });
    let (next, _) = session.next().unwrap();
    let mut job = session.begin(next).unwrap();
    let mut pos = 0;
    while job.head().is_none() {
        let end = (pos + 65_536).min(bytes.len());
        session.feed(&mut job, &bytes[pos..end]);
        pos = end;
    }
    let head = job.head().unwrap();
    let mut starts = Vec::new();
    for k in 1..parts {
        let nominal = pos + (bytes.len() - pos) * k / parts;
        let cut = nominal + cut_after_line_feed(&bytes[nominal..]).unwrap();
        starts.push(cut);
    }
    let ends: Vec<usize> = starts
        .iter()
        .copied()
        .skip(1)
        .chain([bytes.len()])
        .collect();
    let helper_parts: Vec<Vec<u8>> = starts
        .iter()
        .zip(&ends)
        .map(|(&s, &e)| {
            let mut r = FileReader::part(&head);
            for p in bytes[s..e].chunks(1 << 20) {
                r.push(p, &Earlier::none());
            }
            r.finish(&Earlier::none()).to_bytes()
        })
        .collect();
    session.feed(&mut job, &bytes[pos..starts[0]]);
    session.end_part(&mut job, &head);
    for (k, wire) in helper_parts.iter().enumerate() {
        let part = Part::from_bytes(wire).unwrap();
        match session.take_part(&mut job, part) {
            Ok(()) => {}
            Err(again) => {
                let from = match again {
                    ReadAgain::FromThisPart => starts[k],
                    ReadAgain::FromPartBefore => starts[k - 1],
                };
                session.read_on(&mut job, &head);
                session.feed(&mut job, &bytes[from..]);
                break;
            }
        }
    }
    for out in session.complete(job) {
        if let Event::Result { view } = out.event {
            return view.summary;
        }
    }
    panic!("no result");
}

#[test]
fn parts_read_by_helpers_give_the_one_reader_result() {
    let bytes = confirmation_300k();
    let want = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/expected/confirmation-300k.json"),
    )
    .unwrap();
    let big = std::env::var("BIG").ok().map(|p| std::fs::read(p).unwrap());
    if let Some(bytes) = &big {
        let mut one = Session::new();
        one.handle(configure(Vec::new()));
        let a = read(&mut one, 1, "f.tsv", bytes, 4 << 20);
        let mut two = Session::new();
        two.handle(configure(Vec::new()));
        let b = read_with_helpers(&mut two, 1, bytes, 2);
        assert_eq!(
            serde_json::to_string_pretty(&b).unwrap(),
            serde_json::to_string_pretty(&a).unwrap()
        );
    }
    for parts in [2, 3, 5] {
        let mut session = Session::new();
        session.handle(configure(Vec::new()));
        let s = read_with_helpers(&mut session, 1, &bytes, parts);
        assert_eq!(
            serde_json::to_string_pretty(&s).unwrap() + "\n",
            want,
            "{parts} parts"
        );
    }
}
