//! Properties over generated, realistic shipment files: the counts always
//! add up, and neither the order of rows nor how they are split into files
//! changes the result; and no bytes whatsoever make loading panic.

mod common;

use common::{date, settings};
use proptest::prelude::*;
use vtr_core::result::Summary;
use vtr_core::synth::numbers;
use vtr_core::{analyze, load, FileInput, LoadOptions, Registry};

const HEADER: &str =
    "order-id,order-item-id,purchase-date,promised-delivery-date,carrier-code,carrier-name,\
tracking-number,ship-method,ship-service-level,item-price,shipping-price,product-category,\
fulfillment-channel,order-status,ship-from-country";

/// One package as a seller's rows describe it; its rows share everything
/// but the item id and price, as real item rows do.
#[derive(Clone, Debug)]
struct Pkg {
    order: u16,
    carrier: u8,
    tracking: u8,
    serial: u32,
    method: u8,
    level: u8,
    category: u8,
    channel: u8,
    status: u8,
    origin: u8,
    /// Days after 2026-09-01; the default window is days 42..=71.
    day: u8,
    date_form: u8,
    prices: Vec<u32>,
    shipping: Option<u32>,
    /// Rows repeated exactly.
    repeats: u8,
}

fn pkg() -> impl Strategy<Value = Pkg> {
    (
        (0u16..60, 0u8..14, 0u8..12, any::<u32>(), 0u8..8, 0u8..4),
        (0u8..5, 0u8..10, 0u8..10, 0u8..6, 0u8..100, 0u8..4),
        (
            prop::collection::vec(0u32..8000, 1..4),
            prop::option::of(0u32..1500),
            0u8..4,
        ),
    )
        .prop_map(
            |(
                (order, carrier, tracking, serial, method, level),
                (category, channel, status, origin, day, date_form),
                (prices, shipping, repeats),
            )| Pkg {
                order,
                carrier,
                tracking,
                serial,
                method,
                level,
                category,
                channel,
                status,
                origin,
                day,
                date_form,
                prices,
                shipping,
                repeats: u8::from(repeats == 0),
            },
        )
}

const CARRIERS: [(&str, &str); 14] = [
    ("USPS", ""),
    ("UPS", ""),
    ("FedEx", ""),
    ("USPS", ""),
    ("Amazon Shipping", ""),
    ("China Post", ""),
    ("Yun Express", ""),
    ("DHL", ""),
    ("", ""),
    ("中国邮政", ""),
    ("Other", "UPS"),
    ("Other", "Speedy Local"),
    ("Old Dominion", ""),
    ("United States Postal Service", ""),
];

fn tracking(p: &Pkg) -> String {
    let n = u64::from(p.serial);
    let good = match p.carrier {
        0 | 3 | 13 => numbers::usps(n),
        1 | 10 => numbers::ups(n),
        2 => numbers::fedex(n),
        4 => numbers::amazon(n),
        5 | 9 => numbers::china_post(n),
        6 => numbers::yun_express(n),
        7 => numbers::dhl(n),
        12 => format!("778{:08}", n % 100_000_000),
        _ => numbers::ups(n),
    };
    match p.tracking {
        0 => String::new(),
        1 => ["N/A", "none", "0", "-", "null"][(n % 5) as usize].to_string(),
        2 => format!("9.4001{}E+21", n % 1000),
        3 => numbers::break_check(&good),
        4 => numbers::ups(n), // under another carrier, a mismatch
        5 => {
            // Spaces and lower case, as typed: normalises to `good`.
            let mut s = good.to_lowercase();
            s.insert(4.min(s.len()), ' ');
            s
        }
        // A number shared by every package with this serial mod 4:
        // reused across orders.
        6 => numbers::usps(n % 4),
        _ => good,
    }
}

fn field(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The rows of one package (repeats included), in order.
fn rows(p: &Pkg) -> Vec<String> {
    let (carrier, name) = CARRIERS[usize::from(p.carrier) % CARRIERS.len()];
    let method = [
        "USPS Ground Advantage",
        "UPS Ground",
        "First Class Mail Letter",
        "Standard Mail",
        "LTL Freight",
        "Digital Delivery",
        "FedEx Home Delivery",
        "Priority Mail, Flat Rate",
    ][usize::from(p.method)];
    let level = ["Standard", "Expedited", "Premium", ""][usize::from(p.level)];
    let category =
        ["Toys & Games", "Home & Kitchen", "玩具", "", "Kindle Store"][usize::from(p.category)];
    let channel = if p.channel == 0 { "AFN" } else { "MFN" };
    let status = match p.status {
        0 => "Cancelled",
        1 => "Pending",
        2 => "Unshipped",
        _ => "Shipped",
    };
    let origin = ["", "US", "US", "CN", "US", ""][usize::from(p.origin)];
    let day = date("2026-09-01") + chrono::Days::new(u64::from(p.day));
    let purchase = day - chrono::Days::new(3);
    let promised = match p.date_form {
        0 => String::new(), // falls back to the purchase date
        1 => day.format("%Y/%m/%d").to_string(),
        2 => format!("{day}T18:00:00-07:00"),
        _ => day.to_string(),
    };
    let t = tracking(p);
    let order = format!("114-{:07}-{:07}", 1_000_000 + u32::from(p.order), 7);
    let mut out = Vec::new();
    for (i, price) in p.prices.iter().enumerate() {
        let shipping = match (i, p.shipping) {
            (0, Some(s)) => format!("{}.{:02}", s / 100, s % 100),
            (0, None) => String::new(),
            _ => "0.00".to_string(),
        };
        let cells = [
            order.clone(),
            format!("{}{:03}", p.serial % 100_000, i),
            purchase.to_string(),
            promised.clone(),
            carrier.to_string(),
            name.to_string(),
            t.clone(),
            method.to_string(),
            level.to_string(),
            format!("{}.{:02}", price / 100, price % 100),
            shipping,
            category.to_string(),
            channel.to_string(),
            status.to_string(),
            origin.to_string(),
        ];
        let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
        let row = row.join(",");
        for _ in 0..=p.repeats {
            out.push(row.clone());
        }
    }
    out
}

/// Packages whose rows would give a different package depending on which
/// row comes first (same key, other attributes) make order matter by
/// design (section 2: first non-empty value wins). Keep one per key.
fn distinct_keys(pkgs: Vec<Pkg>) -> Vec<Pkg> {
    let mut seen = std::collections::HashSet::new();
    pkgs.into_iter()
        .filter(|p| {
            let t = vtr_core::carrier::normalize_tracking(&tracking(p));
            let placeholder = vtr_core::value::tracking::is_placeholder(&tracking(p));
            let key = if placeholder { String::new() } else { t };
            seen.insert((p.order, key))
        })
        .collect()
}

fn summary_of(files: &[(&str, String)]) -> Summary {
    let inputs: Vec<FileInput<'_>> = files
        .iter()
        .map(|(n, t)| FileInput::new(n, t.as_bytes()))
        .collect();
    let data = load(&inputs, &LoadOptions::default());
    for f in data.files() {
        assert!(f.error.is_none(), "{:?}", f.error);
        assert_eq!(f.skipped, 0, "{:?}", f.problems);
    }
    analyze(&data, &settings(), &Registry::default()).summary
}

fn file(rows: &[String]) -> String {
    let mut s = String::from(HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn assert_adds_up(s: &Summary) {
    assert_eq!(s.valid + s.invalid.total(), s.considered);
    assert_eq!(s.considered + s.excluded.total(), s.packages);
    let cat_considered: u64 = s.categories.iter().map(|c| c.considered).sum();
    let cat_valid: u64 = s.categories.iter().map(|c| c.valid).sum();
    assert_eq!((cat_considered, cat_valid), (s.considered, s.valid));
    let car_considered: u64 = s.carriers.iter().map(|c| c.considered).sum();
    assert_eq!(car_considered, s.considered);
    assert!(s.fixes_needed <= s.considered - s.valid);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn counts_add_up(pkgs in prop::collection::vec(pkg(), 0..60)) {
        let rows: Vec<String> = pkgs.iter().flat_map(rows).collect();
        let s = summary_of(&[("a.csv", file(&rows))]);
        assert_adds_up(&s);
        prop_assert_eq!(s.rows, rows.len() as u64);
    }

    #[test]
    fn shuffling_rows_changes_nothing(
        pkgs in prop::collection::vec(pkg(), 1..50),
        seed in any::<u64>(),
    ) {
        let pkgs = distinct_keys(pkgs);
        let rows: Vec<String> = pkgs.iter().flat_map(rows).collect();
        let mut shuffled = rows.clone();
        let mut rng = vtr_core::synth::Rng::new(seed);
        for i in (1..shuffled.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            shuffled.swap(i, j);
        }
        let a = summary_of(&[("a.csv", file(&rows))]);
        let b = summary_of(&[("a.csv", file(&shuffled))]);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn splitting_a_file_changes_nothing(
        pkgs in prop::collection::vec(pkg(), 1..50),
        cut in any::<prop::sample::Index>(),
    ) {
        let rows: Vec<String> = pkgs.iter().flat_map(rows).collect();
        let at = cut.index(rows.len() + 1);
        let whole = summary_of(&[("a.csv", file(&rows))]);
        let split = summary_of(&[
            ("a1.csv", file(&rows[..at])),
            ("a2.csv", file(&rows[at..])),
        ]);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn synthetic_reports_add_up_and_split(seed in any::<u64>(), n in 1usize..400, cut in 0usize..400) {
        let bytes = vtr_core::synth::csv_bytes(n, seed);
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap().to_string();
        let rows: Vec<String> = lines.map(str::to_string).collect();
        let whole = summary_of(&[("s.csv", text.clone())]);
        assert_adds_up(&whole);
        prop_assert_eq!(whole.rows, n as u64);
        let at = cut.min(rows.len());
        let part = |r: &[String]| {
            let mut s = header.clone();
            s.push('\n');
            for l in r {
                s.push_str(l);
                s.push('\n');
            }
            s
        };
        let split = summary_of(&[("s1.csv", part(&rows[..at])), ("s2.csv", part(&rows[at..]))]);
        prop_assert_eq!(whole, split);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn load_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let data = load(&[FileInput::new("x", &bytes)], &LoadOptions::default());
        let s = analyze(&data, &settings(), &Registry::default()).summary;
        assert_adds_up(&s);
    }

    #[test]
    fn load_never_panics_on_damaged_files(
        pkgs in prop::collection::vec(pkg(), 1..12),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20),
    ) {
        let rows: Vec<String> = pkgs.iter().flat_map(rows).collect();
        let mut bytes = file(&rows).into_bytes();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            // Overwrite, insert or delete, chosen by the byte itself.
            match b % 3 {
                0 => bytes[i] = b,
                1 => bytes.insert(i, b),
                _ => {
                    bytes.remove(i);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        let data = load(&[FileInput::new("x", &bytes)], &LoadOptions::default());
        let s = analyze(&data, &settings(), &Registry::default()).summary;
        assert_adds_up(&s);
    }
}
