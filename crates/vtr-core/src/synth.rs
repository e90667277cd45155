//! Realistic synthetic shipment files, for the benchmark, the property
//! tests and `vtr sample`.
//!
//! The rows look like an Amazon order report joined with the shipping
//! confirmation a seller uploaded: ~30 columns, buyer and address fields
//! (so a row is 350-450 bytes, as in real exports), multi-item orders that
//! share one tracking number, mostly valid numbers of the common carriers
//! and a realistic few percent of every kind of mistake the rules catch.
//!
//! Everything comes from a small seeded PRNG (no `rand` crate): the same
//! seed writes the same bytes on every machine, which is what lets tests
//! and benchmarks compare runs.
//!
//! Only built with the `synth` feature: checking a real file never needs
//! it, so the web app leaves it out.

use crate::carrier::check_digit::{mod10, mod10_from_right, mod7, s10, weighted11};
use chrono::{Days, NaiveDate};
use std::io::{self, Write};

/// The last purchase date [`write_csv`] writes: a fixed day, so its output
/// never depends on the clock. Check it `as_of` 2026-11-25 to see the
/// default window (2026-10-13 to 2026-11-11) cut through the data.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 20) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// How many days of purchases a file spans.
pub const SPAN_DAYS: u64 = 90;

/// The header [`write_csv`] writes, an Amazon order-report layout.
pub const HEADER: [&str; 30] = [
    "order-id",
    "order-item-id",
    "purchase-date",
    "payments-date",
    "ship-date",
    "promised-delivery-date",
    "buyer-email",
    "buyer-name",
    "sku",
    "product-name",
    "quantity-shipped",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "carrier-code",
    "carrier-name",
    "tracking-number",
    "ship-method",
    "ship-service-level",
    "product-category",
    "fulfillment-channel",
    "order-status",
    "recipient-name",
    "ship-address-1",
    "ship-address-2",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
];

/// A tiny, fast, seedable generator (SplitMix64). Good enough for test
/// data; not for anything secret.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole output follows from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift: unbiased enough for test data, no division.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// One of `items`, uniformly; panics when `items` is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u64) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// `n` random decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// Valid tracking numbers, built from a serial with the carriers' own
/// check digits, so tests can make as many distinct valid numbers as they
/// need.
pub mod numbers {
    use super::*;

    fn digit(d: Option<u8>) -> char {
        char::from(b'0' + d.unwrap_or(0))
    }

    /// USPS IMpb, 22 digits: `9400` + 17 digits of `serial` + check.
    pub fn usps(serial: u64) -> String {
        let s = format!("9400{:017}", serial % 100_000_000_000_000_000);
        let c = mod10_from_right(s.as_bytes(), 3, 1);
        format!("{s}{}", digit(c))
    }

    /// UPS `1Z`: a 6-character shipper account, service `03`, 7 digits.
    pub fn ups(serial: u64) -> String {
        let s = format!("V8W{:03}03{:07}", serial % 1000, serial % 10_000_000);
        let c = mod10(s.as_bytes(), 1, 2);
        format!("1Z{s}{}", digit(c))
    }

    /// FedEx Express, 12 digits.
    pub fn fedex(serial: u64) -> String {
        let s = format!("7{:010}", serial % 10_000_000_000);
        let c = weighted11(s.as_bytes(), &[3, 1, 7]);
        format!("{s}{}", digit(c))
    }

    /// DHL Express, 10 digits.
    pub fn dhl(serial: u64) -> String {
        let s = format!("1{:08}", serial % 100_000_000);
        let c = mod7(s.as_bytes());
        format!("{s}{}", digit(c))
    }

    /// OnTrac `C` + 14 digits (the serial's leading 4 is implied).
    pub fn ontrac(serial: u64) -> String {
        let s = format!("1{:012}", serial % 1_000_000_000_000);
        let c = mod10(format!("4{s}").as_bytes(), 1, 2);
        format!("C{s}{}", digit(c))
    }

    /// Amazon Logistics `TBA` + 12 digits.
    pub fn amazon(serial: u64) -> String {
        format!("TBA{:012}", serial % 1_000_000_000_000)
    }

    /// DHL eCommerce `GM` + 16 digits.
    pub fn dhl_ecommerce(serial: u64) -> String {
        format!("GM{:016}", serial % 10_000_000_000_000_000)
    }

    /// Yun Express `YT` + 16 digits.
    pub fn yun_express(serial: u64) -> String {
        format!("YT{:016}", serial % 10_000_000_000_000_000)
    }

    /// A UPU S10 number such as China Post's `LX123456785CN`.
    pub fn s10_number(prefix: &str, serial: u64, country: &str) -> String {
        let s = format!("{:08}", serial % 100_000_000);
        let c = s10(s.as_bytes());
        format!("{prefix}{s}{}{country}", digit(c))
    }

    /// China Post ePacket (S10, `LX..CN`).
    pub fn china_post(serial: u64) -> String {
        s10_number("LX", serial, "CN")
    }

    /// `valid` with its check digit changed: the same shape, wrong check.
    pub fn break_check(valid: &str) -> String {
        let mut b = valid.as_bytes().to_vec();
        if let Some(last) = b.iter_mut().rev().find(|c| c.is_ascii_digit()) {
            *last = b'0' + (*last - b'0' + 1) % 10;
        }
        String::from_utf8(b).unwrap_or_default()
    }
}

const FIRST: [&str; 24] = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Maria",
    "Wei",
    "Mei",
    "Ahmed",
    "Priya",
];
const LAST: [&str; 20] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Nguyen",
    "O'Brien",
    "Chen",
];
const STREETS: [&str; 16] = [
    "Main St",
    "Oak Ave",
    "Maple Dr",
    "Cedar Ln",
    "Park Blvd",
    "Washington St",
    "Lake View Rd",
    "Hillcrest Ct",
    "Sunset Blvd",
    "Elm St",
    "Pine Ridge Way",
    "Meadow Ln",
    "Riverside Dr",
    "Highland Ave",
    "Forest Hills Pkwy",
    "Church St",
];
const CITIES: [(&str, &str, u32); 16] = [
    ("New York", "NY", 10001),
    ("Los Angeles", "CA", 90012),
    ("Chicago", "IL", 60601),
    ("Houston", "TX", 77002),
    ("Phoenix", "AZ", 85004),
    ("Philadelphia", "PA", 19103),
    ("San Antonio", "TX", 78205),
    ("San Diego", "CA", 92101),
    ("Dallas", "TX", 75201),
    ("Austin", "TX", 78701),
    ("Jacksonville", "FL", 32202),
    ("Columbus", "OH", 43215),
    ("Charlotte", "NC", 28202),
    ("Seattle", "WA", 98101),
    ("Denver", "CO", 80202),
    ("Boston", "MA", 2108),
];
const ADJ: [&str; 12] = [
    "Premium",
    "Stainless Steel",
    "Heavy Duty",
    "Portable",
    "Rechargeable",
    "Waterproof",
    "Organic",
    "Ergonomic",
    "Adjustable",
    "Foldable",
    "Wireless",
    "Non-Slip",
];
/// (product, category, price range in cents)
const PRODUCTS: [(&str, &str, u64, u64); 14] = [
    ("Kitchen Knife Set with Block", "Home & Kitchen", 2499, 8999),
    ("Garlic Press", "Home & Kitchen", 699, 1999),
    ("Yoga Mat, 6mm Thick", "Sports & Outdoors", 1599, 4999),
    ("Camping Lantern", "Sports & Outdoors", 1299, 3999),
    ("Building Blocks Set (500 pcs)", "Toys & Games", 1999, 5999),
    ("Plush Teddy Bear, 12 inch", "Toys & Games", 899, 2499),
    (
        "Phone Case for iPhone 15",
        "Cell Phones & Accessories",
        599,
        1999,
    ),
    (
        "USB-C Charging Cable, 6ft, 2-Pack",
        "Electronics",
        699,
        1899,
    ),
    ("Bluetooth Headphones", "Electronics", 2999, 12999),
    ("Dog Chew Toy", "Pet Supplies", 499, 1599),
    ("Cat Litter Mat", "Pet Supplies", 1299, 2999),
    (
        "Facial Cleansing Brush",
        "Beauty & Personal Care",
        1499,
        3999,
    ),
    (
        "Enamel Pin, Cute Cat Design",
        "Arts, Crafts & Sewing",
        299,
        899,
    ),
    ("Sticker Pack (50 pcs)", "Arts, Crafts & Sewing", 199, 699),
];

/// What kind of package a row belongs to. Proportions are per mille of
/// orders, roughly what a mid-size seller's report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Valid,
    AmazonFulfilled,
    Cancelled,
    Pending,
    Digital,
    Freight,
    Envelope,
    MissingTracking,
    Mangled,
    MissingCarrier,
    Chinese,
    Unsupported,
    OtherListed,
    Mismatch,
    Malformed,
}

const KINDS: [(Kind, u64); 14] = [
    (Kind::AmazonFulfilled, 30),
    (Kind::Cancelled, 15),
    (Kind::Pending, 8),
    (Kind::Digital, 3),
    (Kind::Freight, 2),
    (Kind::Envelope, 10),
    (Kind::MissingTracking, 12),
    (Kind::Mangled, 4),
    (Kind::MissingCarrier, 4),
    (Kind::Chinese, 3),
    (Kind::Unsupported, 3),
    (Kind::OtherListed, 3),
    (Kind::Mismatch, 5),
    (Kind::Malformed, 10),
];

fn kind(rng: &mut Rng) -> Kind {
    let mut r = rng.below(1000);
    for (k, w) in KINDS {
        if r < w {
            return k;
        }
        r -= w;
    }
    Kind::Valid
}

/// Carrier code, carrier name, ship method and tracking of one package.
struct Shipment {
    code: &'static str,
    name: &'static str,
    method: &'static str,
    tracking: String,
}

fn valid_shipment(rng: &mut Rng, serial: u64) -> Shipment {
    let (code, name, method, tracking) = match rng.below(100) {
        0..=39 => (
            "USPS",
            "",
            *rng.pick(&["USPS Ground Advantage", "USPS Priority Mail"]),
            numbers::usps(serial),
        ),
        40..=59 => (
            "UPS",
            "",
            *rng.pick(&["UPS Ground", "UPS 2nd Day Air"]),
            numbers::ups(serial),
        ),
        60..=74 => (
            "FedEx",
            "",
            *rng.pick(&["FedEx Home Delivery", "FedEx 2Day"]),
            numbers::fedex(serial),
        ),
        75..=84 => (
            "Amazon Shipping",
            "",
            "Amazon Shipping Ground",
            numbers::amazon(serial),
        ),
        85..=88 => (
            "DHL eCommerce",
            "",
            "DHL SmartMail Parcel",
            numbers::dhl_ecommerce(serial),
        ),
        89..=91 => ("OnTrac", "", "OnTrac Ground", numbers::ontrac(serial)),
        92..=95 => ("China Post", "", "ePacket", numbers::china_post(serial)),
        96..=97 => (
            "Yun Express",
            "",
            "YunExpress Standard",
            numbers::yun_express(serial),
        ),
        _ => ("DHL", "", "DHL Express Worldwide", numbers::dhl(serial)),
    };
    Shipment {
        code,
        name,
        method,
        tracking,
    }
}

fn shipment(rng: &mut Rng, kind: Kind, serial: u64) -> Shipment {
    let mut s = valid_shipment(rng, serial);
    match kind {
        Kind::Freight => {
            s.code = "Old Dominion";
            s.method = "LTL Freight";
            s.tracking = format!("778{:08}", serial % 100_000_000);
        }
        Kind::Envelope => {
            s.code = "USPS";
            s.method = "USPS First Class Mail Letter";
            s.tracking = numbers::usps(serial);
        }
        Kind::MissingTracking => {
            s.tracking = rng.pick(&["", "N/A", "none", "0", "-"]).to_string();
        }
        Kind::Mangled => {
            s.code = "USPS";
            s.tracking = format!("9.4001{}E+21", rng.digits(9));
        }
        Kind::MissingCarrier => s.code = "",
        Kind::Chinese => {
            s.code = *rng.pick(&["中国邮政", "云途物流", "燕文"]);
            s.name = "";
        }
        Kind::Unsupported => {
            s.code = *rng.pick(&["Bob's Courier", "QuickShip Local", "Other"]);
            s.name = if s.code == "Other" {
                "Lone Star Couriers"
            } else {
                ""
            };
        }
        Kind::OtherListed => {
            s.code = "Other";
            s.name = *rng.pick(&["UPS", "FedEx", "USPS"]);
            s.tracking = numbers::ups(serial);
        }
        Kind::Mismatch => {
            s.code = "FedEx";
            s.name = "";
            s.tracking = numbers::ups(serial);
        }
        Kind::Malformed => {
            s.code = "UPS";
            s.name = "";
            s.tracking = numbers::break_check(&numbers::ups(serial));
        }
        _ => {}
    }
    s
}

/// Writes `cell` as a CSV field, quoted when it holds a comma or quote.
fn cell(out: &mut Vec<u8>, text: &str) {
    if text.bytes().any(|b| matches!(b, b',' | b'"' | b'\n')) {
        out.push(b'"');
        for b in text.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Writes `rows` data rows (plus the header) of a comma-separated order
/// report whose purchases span the [`SPAN_DAYS`] days up to [`LAST_DAY`].
/// The same `rows` and `seed` always give the same bytes.
pub fn write_csv(rows: usize, seed: u64, out: &mut impl Write) -> io::Result<()> {
    write_csv_ending(rows, seed, LAST_DAY, out)
}

/// [`write_csv`] with purchases up to `last_day` (the command line's
/// `vtr sample` ends them near today, so the default window has data).
pub fn write_csv_ending(
    rows: usize,
    seed: u64,
    last_day: NaiveDate,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(HEADER.join(",").as_bytes());
    buf.push(b'\n');
    let first_day = last_day
        .checked_sub_days(Days::new(SPAN_DAYS - 1))
        .unwrap_or(last_day);
    let mut written = 0usize;
    let mut last_row: Vec<u8> = Vec::new();
    while written < rows {
        let k = kind(&mut rng);
        let serial = rng.next_u64() >> 8;
        let ship = shipment(&mut rng, k, serial);
        let order_id = format!(
            "{}-{:07}-{:07}",
            rng.pick(&["111", "112", "113", "114"]),
            rng.below(10_000_000),
            rng.below(10_000_000)
        );
        let purchase = first_day
            .checked_add_days(Days::new(rng.below(SPAN_DAYS)))
            .unwrap_or(first_day);
        let ship_day = purchase
            .checked_add_days(Days::new(rng.below(3)))
            .unwrap_or(purchase);
        let promised = ship_day
            .checked_add_days(Days::new(2 + rng.below(6)))
            .unwrap_or(ship_day);
        let (hh, mm) = (rng.below(24), rng.below(60));
        let first = *rng.pick(&FIRST);
        let last = *rng.pick(&LAST);
        let email = format!(
            "{}{}@marketplace.amazon.com",
            rng.digits(6),
            first.to_ascii_lowercase()
        );
        let (city, state, zip) = *rng.pick(&CITIES);
        let address = format!("{} {}", 1 + rng.below(9899), rng.pick(&STREETS));
        let address2 = if rng.chance(250) {
            format!("Apt {}", 1 + rng.below(420))
        } else {
            String::new()
        };
        let zip = if rng.chance(300) {
            format!("{zip:05}-{:04}", rng.below(10_000))
        } else {
            format!("{zip:05}")
        };
        let channel = if k == Kind::AmazonFulfilled {
            "Amazon"
        } else {
            "Merchant"
        };
        let status = match k {
            Kind::Cancelled => "Cancelled",
            Kind::Pending => "Pending",
            _ => "Shipped",
        };
        let level = if rng.chance(30) {
            "Premium"
        } else {
            *rng.pick(&["Standard", "Standard", "Expedited", "SecondDay"])
        };
        let items = match rng.below(100) {
            0..=79 => 1,
            80..=94 => 2,
            _ => 3,
        };
        for item in 0..items {
            if written >= rows {
                break;
            }
            let (product, mut category, lo, hi) = *rng.pick(&PRODUCTS);
            let (mut method, mut tracking) = (ship.method, ship.tracking.as_str());
            if k == Kind::Digital {
                category = "Digital Music";
                method = "Digital Delivery";
                tracking = "";
            }
            let price = if k == Kind::Envelope {
                199 + rng.below(600)
            } else {
                lo + rng.below(hi - lo)
            };
            let shipping = if item == 0 && rng.chance(350) {
                499 + rng.below(800)
            } else {
                0
            };
            let tax = price * 7 / 100;
            let product_name = format!("{} {}", rng.pick(&ADJ), product);
            let sku = format!(
                "{}-{:04}-{}",
                &category[..3].to_ascii_uppercase(),
                rng.below(10_000),
                rng.pick(&["BLK", "WHT", "RED", "BLU", "GRN"])
            );
            let row_start = buf.len();
            let fields: [&str; 30] = [
                &order_id,
                &format!("{:014}", rng.below(100_000_000_000_000)),
                &format!("{purchase}T{hh:02}:{mm:02}:00+00:00"),
                &format!("{purchase}T{hh:02}:{:02}:00+00:00", (mm + 7) % 60),
                &format!("{ship_day}T{:02}:15:00+00:00", (hh + 5) % 24),
                &promised.to_string(),
                &email,
                &format!("{first} {last}"),
                &sku,
                &product_name,
                "1",
                "USD",
                &money(price),
                &money(tax),
                &money(shipping),
                ship.code,
                ship.name,
                tracking,
                method,
                level,
                category,
                channel,
                status,
                &format!("{first} {last}"),
                &address,
                &address2,
                city,
                state,
                &zip,
                "US",
            ];
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                cell(&mut buf, f);
            }
            buf.push(b'\n');
            written += 1;
            // About one row in 500 is exported twice, as a re-run export
            // pasted under the first does.
            if written < rows && rng.chance(2) {
                last_row.clear();
                last_row.extend_from_slice(&buf[row_start..]);
                buf.extend_from_slice(&last_row);
                written += 1;
            }
        }
        if buf.len() > (1 << 16) - 2048 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    out.flush()
}

/// [`write_csv`] into memory.
/// The header [`write_confirmation`] writes: Amazon's shipping
/// confirmation template, as sellers upload it.
pub const CONFIRMATION_HEADER: [&str; 8] = [
    "order-id",
    "order-item-id",
    "quantity",
    "ship-date",
    "carrier-code",
    "carrier-name",
    "tracking-number",
    "ship-method",
];

/// Writes a narrow, tab-separated shipping-confirmation export of at
/// least `rows` data rows: packages of one, two or four item rows (about
/// 1.6 on average, about 100 bytes a row), ship dates over the
/// [`SPAN_DAYS`] days up to `last_day`, and about one row in eighty
/// repeated exactly, as a second export of the same orders repeats them.
/// The same arguments give the same bytes.
pub fn write_confirmation(
    rows: usize,
    seed: u64,
    last_day: NaiveDate,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(CONFIRMATION_HEADER.join("\t").as_bytes());
    buf.push(b'\n');
    let first_day = last_day
        .checked_sub_days(Days::new(SPAN_DAYS - 1))
        .unwrap_or(last_day);
    let mut row: Vec<u8> = Vec::with_capacity(256);
    let mut written = 0usize;
    while written < rows {
        let k = kind(&mut rng);
        let serial = rng.next_u64() >> 8;
        let ship = shipment(&mut rng, k, serial);
        let order_id = format!(
            "{}-{:07}-{:07}",
            rng.pick(&["111", "112", "113", "114"]),
            rng.below(10_000_000),
            rng.below(10_000_000)
        );
        let day = first_day
            .checked_add_days(Days::new(rng.below(SPAN_DAYS)))
            .unwrap_or(first_day);
        let items = match rng.below(10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 4,
        };
        for _ in 0..items {
            if written >= rows {
                break;
            }
            row.clear();
            writeln!(
                row,
                "{order_id}\t{}\t{}\t{day}\t{}\t{}\t{}\t{}",
                rng.digits(14),
                1 + rng.below(3),
                ship.code,
                ship.name,
                ship.tracking,
                ship.method
            )?;
            buf.extend_from_slice(&row);
            written += 1;
            if rng.chance(12) && written < rows {
                buf.extend_from_slice(&row);
                written += 1;
            }
        }
        if buf.len() > 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)
}

/// [`write_csv`] into memory.
pub fn csv_bytes(rows: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.saturating_mul(420) + 512);
    // Writing to a Vec cannot fail.
    let _ = write_csv(rows, seed, &mut out);
    out
}

/// The rows of a text export (`delimiter`-separated, quoted as CSV is) as
/// an .xlsx workbook of one sheet, every cell text: what a seller gets who
/// opens the export in Excel and saves it as a workbook with the columns
/// set to Text. `vtr sample -o FILE.xlsx` writes one.
///
/// ```
/// let book = vtr_core::synth::workbook_of(b"order-id,tracking-number\n111-1,1Z999AA10123456784\n", b',').unwrap();
/// assert!(vtr_core::workbook::is_workbook(&book));
/// ```
pub fn workbook_of(text: &[u8], delimiter: u8) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Shipments")?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    let mut r = 0u32;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        for (c, field) in record.iter().enumerate() {
            if !field.is_empty() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string(r, c, String::from_utf8_lossy(field))?;
            }
        }
        r += 1;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::Format;

    #[test]
    fn numbers_pass_their_formats() {
        for n in [0u64, 1, 42, 987_654_321, u64::MAX >> 8] {
            assert!(Format::UspsImpb.matches(numbers::usps(n).as_bytes()));
            assert!(Format::Ups1Z.matches(numbers::ups(n).as_bytes()));
            assert!(Format::FedexExpress12.matches(numbers::fedex(n).as_bytes()));
            assert!(Format::DhlExpress.matches(numbers::dhl(n).as_bytes()));
            assert!(Format::OnTrac.matches(numbers::ontrac(n).as_bytes()));
            assert!(Format::AmazonLogistics.matches(numbers::amazon(n).as_bytes()));
            assert!(Format::DhlEcomPrefixed.matches(numbers::dhl_ecommerce(n).as_bytes()));
            assert!(Format::YunExpressYt.matches(numbers::yun_express(n).as_bytes()));
            assert!(Format::S10.matches(numbers::china_post(n).as_bytes()));
            let broken = numbers::break_check(&numbers::ups(n));
            assert!(!Format::Ups1Z.matches(broken.as_bytes()));
        }
    }

    #[test]
    fn deterministic_and_sized_like_real_reports() {
        let a = csv_bytes(2000, 7);
        assert_eq!(a, csv_bytes(2000, 7));
        assert_ne!(a, csv_bytes(2000, 8));
        let text = std::str::from_utf8(&a).unwrap();
        let lines = text.lines().count();
        assert_eq!(lines, 2001);
        let avg = a.len() / 2000;
        assert!((330..=470).contains(&avg), "{avg} bytes per row");
    }
}
