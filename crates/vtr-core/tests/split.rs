//! A file read in pieces of any size, or in parts on several threads, gives
//! exactly the result of reading it in one go: quoted fields with line
//! ends across a cut, characters cut in two, repeats across parts, dates
//! whose day/month order only the end of the file settles, and UTF-16 and
//! GB18030 files.

mod common;

use common::settings;
use proptest::prelude::*;
use vtr_core::read::{Earlier, FileReader, LoadOptions, LoadedFile};
use vtr_core::split::read_split;
use vtr_core::{analyze, Dataset, Registry};

/// What a read gives, as text: the file's report, the result, and every
/// package with its rows.
fn outcome(file: LoadedFile) -> String {
    let mut data = Dataset::new();
    data.push(0, file);
    let a = analyze(&data, &settings(), &Registry::default());
    let mut out = format!("{:?}\n", data.files()[0]);
    out.push_str(&serde_json::to_string(&a.summary).unwrap());
    for i in 0..data.len() {
        let p = data.package(i).unwrap();
        out.push_str(&format!(
            "\n{} {} {:?} {:?} {:?} {:?} {:?}",
            p.order_id,
            p.tracking_written,
            p.texts,
            p.dates,
            p.value,
            a.verdicts[i],
            data.sources(i)
        ));
    }
    out
}

fn whole(bytes: &[u8]) -> String {
    let mut r = FileReader::new("f.csv", bytes.len() as u64, None, &LoadOptions::default());
    r.push(bytes, &Earlier::none());
    outcome(r.finish(&Earlier::none()).into_file())
}

fn in_pieces(bytes: &[u8], cuts: &[usize]) -> String {
    let mut r = FileReader::new("f.csv", bytes.len() as u64, None, &LoadOptions::default());
    let mut at = 0;
    for &c in cuts {
        let c = c.clamp(at, bytes.len());
        r.push(&bytes[at..c], &Earlier::none());
        at = c;
    }
    r.push(&bytes[at..], &Earlier::none());
    outcome(r.finish(&Earlier::none()).into_file())
}

fn in_parts(bytes: &[u8], threads: usize, min_part: u64) -> String {
    let file = read_split(
        &bytes,
        "f.csv",
        &LoadOptions::default(),
        &Earlier::none(),
        threads,
        min_part,
    )
    .unwrap();
    outcome(file)
}

/// One row of a file meant to be hard to cut: quotes, line ends and
/// delimiters inside fields, Chinese text, CRLF or LF, ambiguous dates.
#[derive(Clone, Debug)]
struct Row {
    order: u16,
    tracking: u8,
    note: u8,
    category: u8,
    day: u8,
    month: u8,
    crlf: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0u16..80,
        0u8..20,
        0u8..6,
        0u8..5,
        1u8..29,
        1u8..13,
        any::<bool>(),
    )
        .prop_map(|(order, tracking, note, category, day, month, crlf)| Row {
            order,
            tracking,
            note,
            category,
            day,
            month,
            crlf,
        })
}

const NOTES: [&str; 6] = [
    "plain",
    "\"with, a comma\"",
    "\"two\nlines\"",
    "\"three\r\nlines, \"\"quoted\"\"\nhere\"",
    "",
    "\"漢字\n多行\"",
];
const CATEGORIES: [&str; 5] = ["Toys", "玩具", "Home & Kitchen", "Électronique", ""];

/// The rows, written again and again under other order ids until the
/// file is well past the 64 KB its start is read in, so that it is cut;
/// with `repeat`, the first rows once more at the end, exactly.
fn render(rows: &[Row], repeat: bool) -> String {
    let mut s =
        String::from("order-id,tracking-number,carrier-code,ship-date,product-category,note\r\n");
    let line = |r: &Row, block: usize| {
        let tracking = common::ups_n(usize::from(r.tracking) + 20 * (block % 3));
        format!(
            "111-{:07}-{block:07},{tracking},UPS,{:02}/{:02}/2026,{},{}{}",
            r.order,
            r.month,
            r.day,
            CATEGORIES[usize::from(r.category)],
            NOTES[usize::from(r.note)],
            if r.crlf { "\r\n" } else { "\n" }
        )
    };
    let mut block = 0;
    while s.len() < 160 * 1024 {
        for r in rows {
            s.push_str(&line(r, block));
        }
        block += 1;
    }
    if repeat {
        for r in rows.iter().take(5) {
            s.push_str(&line(r, 0));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_pieces_and_any_parts_give_the_one_go_result(
        rows in prop::collection::vec(row(), 1..120),
        repeat in any::<bool>(),
        cuts in prop::collection::vec(0usize..200_000, 0..12),
        threads in 2usize..7,
        min_part in 1024u64..40_000,
    ) {
        // With `repeat`, rows repeated far apart: a repeat across two parts.
        let text = render(&rows, repeat);
        let bytes = text.as_bytes();
        let mut cuts = cuts;
        cuts.sort_unstable();
        let want = whole(bytes);
        prop_assert_eq!(&in_pieces(bytes, &cuts), &want);
        prop_assert_eq!(&in_parts(bytes, threads, min_part), &want);
    }

    #[test]
    fn gb18030_and_utf16_files_give_the_one_go_result(
        rows in prop::collection::vec(row(), 1..60),
        cuts in prop::collection::vec(0usize..200_000, 0..8),
        threads in 2usize..5,
    ) {
        let text = render(&rows, false);
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        let utf16: Vec<u8> = [0xFFu8, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        for bytes in [&gbk[..], &utf16[..]] {
            let mut cuts = cuts.clone();
            cuts.sort_unstable();
            let want = whole(bytes);
            prop_assert_eq!(&in_pieces(bytes, &cuts), &want);
            prop_assert_eq!(&in_parts(bytes, threads, 4096), &want);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn legacy_utf32_and_stray_byte_files_give_the_one_go_result(
        rows in prop::collection::vec(row(), 1..40),
        cuts in prop::collection::vec(0usize..200_000, 0..8),
        strays in prop::collection::vec((any::<prop::sample::Index>(), prop_oneof![Just(0u8), Just(0xFFu8), Just(0xC3u8)]), 0..6),
        threads in 2usize..5,
    ) {
        // With a totals line and a footer, which are no rows.
        let text = render(&rows, false)
            + "合计,,,,,\r\n3,record(s) downloaded,from Oct-14-26 to Oct-16-26\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let utf32: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        // UTF-8 with stray NUL and invalid bytes at any places.
        let mut damaged = text.clone().into_bytes();
        for (at, b) in &strays {
            let i = at.index(damaged.len());
            damaged.insert(i, *b);
        }
        let mut cuts = cuts;
        cuts.sort_unstable();
        for bytes in [&sjis[..], &latin[..], &utf32[..], &damaged[..]] {
            let want = whole(bytes);
            prop_assert_eq!(&in_pieces(bytes, &cuts), &want);
            prop_assert_eq!(&in_parts(bytes, threads, 4096), &want);
        }
    }
}

#[test]
fn a_cut_inside_a_quoted_field_is_read_on_in_one_go() {
    // One long quoted note full of line ends, so most cuts fall inside it.
    let mut s = String::from("order-id,tracking-number,carrier-code,note\n");
    for i in 0..50 {
        s.push_str(&format!("{i},{},UPS,plain\n", common::ups_n(i)));
    }
    s.push_str(&format!("50,{},UPS,\"", common::ups_n(50)));
    for i in 0..8000 {
        s.push_str(&format!("line {i}, with a comma\n"));
    }
    s.push_str("end\"\n");
    for i in 51..100 {
        s.push_str(&format!("{i},{},UPS,plain\n", common::ups_n(i)));
    }
    let bytes = s.as_bytes();
    let want = whole(bytes);
    for threads in 2..9 {
        assert_eq!(in_parts(bytes, threads, 1024), want, "{threads} threads");
    }
    assert!(want.contains("\n50 "));
}

#[test]
fn the_day_month_order_settled_late_applies_to_every_part() {
    // Only the last row says the column is day-first (13/...).
    let mut s = String::from("order-id,tracking-number,carrier-code,ship-date\n");
    for i in 0..4000 {
        s.push_str(&format!("{i},{},UPS,03/11/2026\n", common::ups_n(i)));
    }
    s.push_str(&format!("4000,{},UPS,13/11/2026\n", common::ups_n(4000)));
    let bytes = s.as_bytes();
    let want = whole(bytes);
    assert!(want.contains("2026-11-03"), "day-first: 3 November");
    for threads in 2..6 {
        assert_eq!(in_parts(bytes, threads, 4096), want);
    }
}

#[test]
fn a_part_handed_over_as_bytes_reads_the_same() {
    let rows: Vec<Row> = (0..60)
        .map(|i| Row {
            order: i,
            tracking: (i % 20) as u8,
            note: (i % 6) as u8,
            category: (i % 5) as u8,
            day: 1 + (i % 28) as u8,
            month: 1 + (i % 12) as u8,
            crlf: i % 2 == 0,
        })
        .collect();
    let text = render(&rows, true);
    let bytes = text.as_bytes();
    let mut r = FileReader::new("f.csv", bytes.len() as u64, None, &LoadOptions::default());
    r.push(bytes, &Earlier::none());
    let part = r.finish(&Earlier::none());
    let wire = part.to_bytes();
    let back = vtr_core::read::Part::from_bytes(&wire).expect("decodes");
    assert_eq!(back.to_bytes(), wire, "encoding is stable");
    assert_eq!(outcome(back.into_file()), whole(bytes));
    // Damaged bytes are an error, never a panic.
    for cut in [0, 1, 7, wire.len() / 2, wire.len() - 1] {
        assert!(vtr_core::read::Part::from_bytes(&wire[..cut]).is_err());
    }
    let mut flipped = wire.clone();
    for i in (0..flipped.len()).step_by(97) {
        flipped[i] ^= 0xA5;
        let _ = vtr_core::read::Part::from_bytes(&flipped);
    }
}
