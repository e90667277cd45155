//! What `make fuzz` checks on every input, shared by the fuzz targets
//! (`fuzz/fuzz_targets/`) and by the regression test that replays every
//! input they ever found (`fuzz_regressions.rs`, `fuzz/regressions/`).
//! Each check panics on a failure; nothing in them may panic otherwise.
#![allow(dead_code)]

use vtr_core::carrier::{normalize_tracking, Format};
use vtr_core::infer::infer;
use vtr_core::mapping::{fold_header, Mapping};
use vtr_core::read::{Earlier, FileReport};
use vtr_core::settings::parse_iso_date;
use vtr_core::value::date::parse_date;
use vtr_core::value::money::parse_money;
use vtr_core::value::tracking::{is_placeholder, is_spreadsheet_mangled};
use vtr_core::{analyze, load, Dataset, FileInput, FileReader, LoadOptions, Registry, Settings};

fn settings() -> Settings {
    Settings::new(parse_iso_date("2026-11-25").expect("a date"))
}

/// What must not depend on how a file was cut into pieces.
fn facts(r: &FileReport) -> String {
    format!(
        "{:?} {:?} {} {} {} {} {:?} {:?} {:?}",
        r.error,
        r.mapping,
        r.rows,
        r.duplicates,
        r.skipped,
        r.ignored_lines,
        r.inferred,
        r.headers,
        r.problems
    )
}

/// The reader: any bytes are read or refused without a panic, and read in
/// pieces (of a size the input's first byte picks) they give the report
/// and result of reading them whole.
pub fn read(data: &[u8]) {
    let options = LoadOptions::default();
    let whole = load(&[FileInput::new("f.csv", data)], &options);
    let want = serde_json::to_string(&analyze(&whole, &settings(), &Registry::default()).summary)
        .expect("json");
    let size = 1 + usize::from(data.first().copied().unwrap_or(0)) % 97;
    let mut reader = FileReader::new("f.csv", data.len() as u64, None, &options);
    for piece in data.chunks(size) {
        reader.push(piece, &Earlier::none());
    }
    let file = reader.finish(&Earlier::none()).into_file();
    assert_eq!(
        facts(&file.report),
        facts(&whole.files()[0]),
        "pieces of {size}"
    );
    let mut data_set = Dataset::new();
    data_set.push(0, file);
    let got = serde_json::to_string(&analyze(&data_set, &settings(), &Registry::default()).summary)
        .expect("json");
    assert_eq!(got, want, "pieces of {size}");
}

/// The mapper: headers and rows from the input's lines (cells split at
/// commas) map, and the columns found by their contents are columns the
/// file has, mapped to what the report says.
pub fn mapping(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let headers: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    for h in &headers {
        let f = fold_header(h);
        assert_eq!(fold_header(&f), f, "folding is idempotent: {h:?}");
    }
    let detected = Mapping::detect(&headers);
    for (_, c) in detected.mapped() {
        assert!(c < headers.len());
    }
    let (m, found) = infer(&headers, &detected, &[], &rows);
    for i in &found {
        assert!(i.column < headers.len(), "{i:?}");
        assert_eq!(m.column(i.field), Some(i.column), "{i:?}");
        assert!(
            detected.column(i.field).is_none() || i.passed_over.is_some(),
            "{i:?}"
        );
        if let Some(w) = i.passed_over {
            assert!(w < headers.len() && w != i.column, "{i:?}");
        }
    }
    // What the headers named stays, but for a waybill passed over.
    for (f, c) in detected.mapped() {
        if !found.iter().any(|i| i.field == f) {
            assert_eq!(m.column(f), Some(c));
        }
    }
}

/// The validators: tracking formats, placeholders, dates and amounts take
/// any text; normalising a tracking number twice changes nothing.
pub fn validators(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let n = normalize_tracking(&text);
    assert_eq!(
        normalize_tracking(&n),
        n,
        "normalising is idempotent: {text:?}"
    );
    for f in Format::ALL {
        let _ = f.matches(n.as_bytes());
        let _ = f.matches(data);
    }
    let _ = is_placeholder(&text);
    let _ = is_spreadsheet_mangled(&text);
    if let Ok(d) = parse_date(&text) {
        let _ = (d.month_first(), d.day_first(), d.forces_day_first());
    }
    let _ = parse_money(&text);
}
