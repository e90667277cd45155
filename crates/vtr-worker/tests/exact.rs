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
use vtr_worker::session::{Job, Session};

fn configure(remembered: Vec<(String, Mapping)>) -> Request {
    Request::Configure {
        settings: vtr_core::Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        date_order: DateOrder::Auto,
        edits: Default::default(),
        remembered,
    }
}

/// Adds file `id` of `size` bytes and begins reading it.
fn begin(session: &mut Session, id: u64, name: &str, size: usize) -> Job {
    session.handle(Request::Add {
        files: vec![NewFile {
            id,
            name: name.into(),
            size: size as u64,
            mapping: None,
            encoding: None,
            sheet: None,
        }],
    });
    let (next, _) = session.next().expect("a queued file");
    session.begin(next).expect("a job")
}

fn read(session: &mut Session, id: u64, name: &str, bytes: &[u8], piece: usize) -> Summary {
    let mut job = begin(session, id, name, bytes.len());
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
    confirmation(300_000, 7)
}

/// The generator's shipping confirmation of `rows` rows, ending 2026-11-20.
fn confirmation(rows: usize, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    vtr_core::synth::write_confirmation(
        rows,
        seed,
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
    let mut job = begin(session, id, "f.tsv", bytes.len());
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

fn summary_of(outs: Vec<vtr_worker::Out>) -> Summary {
    for out in outs {
        if let Event::Result { view } = out.event {
            return view.summary;
        }
    }
    panic!("no result");
}

/// Reads workbook `bytes` as file `id` the way the worker does with a
/// helper: the helper reads it whole without the files before, and the
/// session takes it if it fits, else reads it itself.
fn read_whole_with_helper(session: &mut Session, id: u64, bytes: &[u8]) -> (bool, Summary) {
    use vtr_core::read::{Earlier, Part};
    let mut job = begin(session, id, &format!("{id}.xlsx"), bytes.len());
    session.feed(&mut job, &bytes[..4096]);
    assert!(job.is_workbook(), "known from its first piece");
    let mut helper = job.whole_file().reader();
    for p in bytes.chunks(1 << 20) {
        helper.push(p, &Earlier::none());
    }
    let mut told = 0;
    let wire = helper
        .finish_with(&Earlier::none(), &mut |_| told += 1)
        .to_bytes();
    assert!(told > 1, "the helper told how far the sheet was");
    let whole = Part::from_bytes(&wire).unwrap();
    if session.fits_whole(&job, &whole) {
        return (true, summary_of(session.complete_whole(job, whole)));
    }
    session.restart(&mut job);
    session.feed(&mut job, bytes);
    (false, summary_of(session.complete(job)))
}

#[test]
fn a_workbook_read_whole_by_a_helper_gives_the_one_reader_result() {
    let book = vtr_core::synth::workbook_of(&confirmation(20_000, 3), b'\t').unwrap();
    let mut one = Session::new();
    one.handle(configure(Vec::new()));
    let want_one = read(&mut one, 1, "1.xlsx", &book, 1 << 20);
    let want_two = read(&mut one, 2, "2.xlsx", &book, 1 << 20);
    assert!(want_two.rows > want_one.rows);

    let mut two = Session::new();
    two.handle(configure(Vec::new()));
    let (taken, got) = read_whole_with_helper(&mut two, 1, &book);
    assert!(taken, "nothing before it: the helper's reading stands");
    assert_eq!(got, want_one);
    // The same workbook again repeats every row of the first: the helper
    // could not know, so it is read here, and its rows count as repeats.
    let (taken, got) = read_whole_with_helper(&mut two, 2, &book);
    assert!(!taken, "it repeats the file before it: read again here");
    assert_eq!(got, want_two);
}
