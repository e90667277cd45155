//! Header to field mapping (section 9 of the rules).
//!
//! Each column header is folded ([`fold_header`]: full-width forms to
//! ASCII, bracketed notes such as units dropped, case, spaces and
//! punctuation ignored) and looked up in a table of aliases, so
//! `amazon-order-id`, `Order ID`, `ＯＲＤＥＲ　ＩＤ`, `Order#` and `订单号`
//! all mean [`Field::OrderId`], and `Ship Date (UTC)` is a ship date. Some
//! aliases are fallbacks, taken only when no other header names the field
//! (`订单号` is an ERP's own number where `平台订单号` also exists). The user
//! may then correct any mapping; the result is a [`Mapping`] from field to
//! column index, which serialises so the app can remember it for the next
//! file with the same headers.

use std::fmt;

/// A piece of information the engine reads from a shipment file.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The marketplace order id; part of every package's key. Required.
    OrderId,
    /// The tracking number confirmed to Amazon; keys the package. Required.
    TrackingNumber,
    /// The carrier chosen from Amazon's list (or "Other").
    Carrier,
    /// The carrier typed under "Other" when a carrier column also exists.
    CarrierName,
    /// The carrier's service (Ground, First-Class Mail, LTL freight...).
    ShipMethod,
    /// The shipping speed the buyer chose (Standard, Premium...).
    ShipOption,
    /// When the package shipped: the window's second-choice date.
    ShipDate,
    /// The delivery date promised to the buyer, which places a package in
    /// the window.
    PromisedDeliveryDate,
    /// When the order was placed: the window's last-resort date.
    PurchaseDate,
    /// A package value or order total. It repeats on an order's rows, so a
    /// package keeps the largest, never the sum.
    PackageValue,
    /// An item's price, summed over a package's rows with shipping when no
    /// package value is mapped.
    ItemPrice,
    /// An item's shipping price, summed like [`Field::ItemPrice`].
    ShippingPrice,
    /// The currency of the amounts. Never converted: the limits apply in
    /// the file's currency.
    Currency,
    /// The product category VTR is measured per.
    Category,
    /// Who fulfils the order: the seller (MFN) or Amazon (AFN, FBA).
    FulfillmentChannel,
    /// Shipped, pending, cancelled...
    OrderStatus,
    /// The country the package ships from, for the international rule.
    OriginCountry,
    /// Envelope, letter, flat or parcel, for the small-envelope rule.
    PackageType,
    /// Keys packages of an order that have no tracking number.
    ShipmentId,
    /// The carrier's first scan; empty means no scan (section 6).
    FirstScanDate,
    /// A column that already says whether tracking is valid; see [`FlagKind`].
    TrackingFlag,
}

impl Field {
    /// Every field, in the order of the table in section 9.
    pub const ALL: [Field; 21] = [
        Field::OrderId,
        Field::TrackingNumber,
        Field::Carrier,
        Field::CarrierName,
        Field::ShipMethod,
        Field::ShipOption,
        Field::ShipDate,
        Field::PromisedDeliveryDate,
        Field::PurchaseDate,
        Field::PackageValue,
        Field::ItemPrice,
        Field::ShippingPrice,
        Field::Currency,
        Field::Category,
        Field::FulfillmentChannel,
        Field::OrderStatus,
        Field::OriginCountry,
        Field::PackageType,
        Field::ShipmentId,
        Field::FirstScanDate,
        Field::TrackingFlag,
    ];

    /// The snake_case key used in the spec, in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Field::OrderId => "order_id",
            Field::TrackingNumber => "tracking_number",
            Field::Carrier => "carrier",
            Field::CarrierName => "carrier_name",
            Field::ShipMethod => "ship_method",
            Field::ShipOption => "ship_option",
            Field::ShipDate => "ship_date",
            Field::PromisedDeliveryDate => "promised_delivery_date",
            Field::PurchaseDate => "purchase_date",
            Field::PackageValue => "package_value",
            Field::ItemPrice => "item_price",
            Field::ShippingPrice => "shipping_price",
            Field::Currency => "currency",
            Field::Category => "category",
            Field::FulfillmentChannel => "fulfillment_channel",
            Field::OrderStatus => "order_status",
            Field::OriginCountry => "origin_country",
            Field::PackageType => "package_type",
            Field::ShipmentId => "shipment_id",
            Field::FirstScanDate => "first_scan_date",
            Field::TrackingFlag => "tracking_flag",
        }
    }

    /// The field for a key as returned by [`Field::key`]; also accepts
    /// dashes or spaces instead of underscores and any letter case.
    pub fn from_key(s: &str) -> Option<Field> {
        let s = s.trim();
        Field::ALL.into_iter().find(|f| {
            let k = f.key();
            k.len() == s.len()
                && k.bytes().zip(s.bytes()).all(|(a, b)| {
                    a == b.to_ascii_lowercase() || (a == b'_' && (b == b'-' || b == b' '))
                })
        })
    }

    /// Only `order_id` and `tracking_number` are required (section 9).
    pub fn is_required(self) -> bool {
        matches!(self, Field::OrderId | Field::TrackingNumber)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Normalises a header for comparison: trim, drop a BOM, lower-case, and fold
/// runs of whitespace, `_`, `-` and `.` into one space (none at the ends).
///
/// `"  Order - Number "` and `"order_number"` both become `"order number"`.
pub fn normalize_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    let mut pending_space = false;
    for c in h.chars() {
        if c == '\u{feff}' {
            continue;
        }
        if c.is_whitespace() || matches!(c, '_' | '-' | '.') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Folds a header for matching: full-width ASCII forms (U+FF01..U+FF5E)
/// and the ideographic space become ASCII, bracketed notes (`(UTC)`,
/// `（必填）`, `[USD]`, `【...】`) are dropped (unless nothing else is left),
/// letters are lower-cased, and every character that is neither a letter
/// nor a digit (spaces, `# - _ . : / ' *`...) is left out.
///
/// ```
/// use vtr_core::mapping::fold_header;
/// assert_eq!(fold_header("Order - Number"), "ordernumber");
/// assert_eq!(fold_header("ORDER_NUMBER"), "ordernumber");
/// assert_eq!(fold_header("Order#"), "order");
/// assert_eq!(fold_header("Ship Date (UTC)"), "shipdate");
/// assert_eq!(fold_header("运单号（必填）"), "运单号");
/// assert_eq!(fold_header("ＴＲＡＣＫＩＮＧ　ＮＯ．"), "trackingno");
/// assert_eq!(fold_header("(blank)"), "blank");
/// ```
pub fn fold_header(h: &str) -> String {
    let folded = fold(h, true);
    if folded.is_empty() {
        fold(h, false)
    } else {
        folded
    }
}

fn fold(h: &str, drop_brackets: bool) -> String {
    let mut out = String::with_capacity(h.len());
    let mut depth = 0u32;
    for c in h.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        };
        if drop_brackets {
            match c {
                '(' | '[' | '{' | '【' | '〔' | '〈' | '《' => {
                    depth += 1;
                    continue;
                }
                ')' | ']' | '}' | '】' | '〕' | '〉' | '》' => {
                    depth = depth.saturating_sub(1);
                    continue;
                }
                _ if depth > 0 => continue,
                _ => {}
            }
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether an alias (written lower-case, with spaces) folds to `key`.
fn folds_to(alias: &str, key: &str) -> bool {
    alias
        .chars()
        .filter(|c| c.is_alphanumeric())
        .eq(key.chars())
}

/// A stable key for a list of headers: FNV-1a (64 bit) over the normalised
/// headers, so `Order ID` and `order_id` files share a remembered mapping
/// while a file with other columns, or the same columns in another order,
/// does not.
///
/// ```
/// use vtr_core::mapping::headers_key;
/// assert_eq!(headers_key(&["Order ID", "Tracking"]), headers_key(&["order_id", "tracking"]));
/// assert_ne!(headers_key(&["a", "b"]), headers_key(&["b", "a"]));
/// ```
pub fn headers_key<S: AsRef<str>>(headers: &[S]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    for h in headers {
        for b in normalize_header(h.as_ref()).bytes() {
            eat(b);
        }
        // A separator no header byte can be, so ["ab"] and ["a","b"] differ.
        eat(0xff);
    }
    format!("h{hash:016x}-{}", headers.len())
}

/// How the values of a tracking-flag column are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FlagKind {
    /// A "No valid tracking" column: `X` marks a package without a scan.
    NoValidTracking,
    /// A "Valid tracking" column: `Y` = scanned, `N` = no scan.
    ValidTracking,
}

/// Which flag column a header names: "no valid tracking" (or anything
/// containing "no valid"/"invalid") is [`FlagKind::NoValidTracking`],
/// anything else [`FlagKind::ValidTracking`].
pub fn flag_kind_for_header(h: &str) -> FlagKind {
    let n = normalize_header(h);
    if n.contains("no valid") || n.contains("invalid") || n.contains("无有效") {
        FlagKind::NoValidTracking
    } else {
        FlagKind::ValidTracking
    }
}

/// What a folded header means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Alias {
    Field(Field),
    /// The field, but only when no other header names it.
    Fallback(Field),
    /// "carrier name": the carrier when no other carrier column exists,
    /// otherwise the carrier typed under "Other".
    CarrierName,
    Flag(FlagKind),
}

/// Aliases, compared folded ([`fold_header`]). Section 9's list plus the
/// headers of real exports (docs/export-formats.md, with sources per
/// product; docs/aliases-proposed.tsv).
///
/// Left out on purpose, as they would map the wrong column:
/// - forwarder and internal numbers Amazon cannot track: 4PX `4PX单号` /
///   `4px_tracking_no`, YunExpress `waybill_number`, Mabang `内部单号` and
///   `虚拟单号`, LingXing `物流商返回的物流单号`;
/// - ERP order numbers that are not the marketplace's: `系统单号`, `通途订单号`,
///   Dianxiaomi's `交易号` (unconfirmed which id it holds);
/// - bare words that name other things in other files: Shopify `Name`,
///   WooCommerce `Date`, Shopify `Total`, Etsy `Status` and `Shipping`;
/// - Walmart `PO#` / `poNum` / `trackingNum` / `orderPlacedDt`: Walmart's
///   own purchase orders, never Amazon packages (and weakly sourced);
/// - eBay `Maximum Estimated Delivery Date`: eBay's promise, not Amazon's;
/// - `Created at`: the order in Shopify, the label in EasyPost.
const ALIASES: &[(&str, Alias)] = {
    use Alias::Fallback as W;
    use Alias::Field as F;
    use Field::*;
    &[
        // order_id
        ("order id", F(OrderId)),
        ("amazon order id", F(OrderId)),
        ("amazon order number", F(OrderId)),
        ("order number", F(OrderId)),
        // "Order #", "Order#" (WooCommerce, Walmart)
        ("order #", F(OrderId)),
        ("order no", F(OrderId)),
        ("order nr", F(OrderId)),
        ("亚马逊订单号", F(OrderId)),
        ("平台订单号", F(OrderId)),
        // LingXing: 平台单号 is the marketplace id, 系统单号 its own.
        ("平台单号", F(OrderId)),
        // ECCANG: 订单参考号 "建议使用平台单号"; its 订单号 is ECCANG's number.
        ("订单参考号", F(OrderId)),
        // Amazon.co.jp shipping-confirmation template, Japanese row.
        ("注文番号", F(OrderId)),
        // YunExpress: the seller's reference, the marketplace order id.
        ("customer order number", F(OrderId)),
        // Other ERPs' 订单号 is the marketplace id (Mabang), but ECCANG's
        // and Dianxiaomi's are their own: a fallback.
        ("订单号", W(OrderId)),
        ("订单编号", W(OrderId)),
        ("参考号", W(OrderId)),
        // 4PX: 客户单号 / ref_no, the seller's reference.
        ("客户单号", W(OrderId)),
        ("ref no", W(OrderId)),
        // EasyPost: free text, usually the order number.
        ("reference", W(OrderId)),
        // tracking_number
        ("tracking number", F(TrackingNumber)),
        ("tracking id", F(TrackingNumber)),
        ("tracking no", F(TrackingNumber)),
        ("tracking", F(TrackingNumber)),
        ("tracking code", F(TrackingNumber)),
        ("shipment tracking number", F(TrackingNumber)),
        ("shipper tracking number", F(TrackingNumber)),
        ("carrier tracking number", F(TrackingNumber)),
        ("追踪编码", F(TrackingNumber)),
        ("追踪编号", F(TrackingNumber)),
        ("追踪号", F(TrackingNumber)),
        ("跟踪号", F(TrackingNumber)),
        ("跟踪单号", F(TrackingNumber)),
        ("运单号", F(TrackingNumber)),
        ("物流单号", F(TrackingNumber)),
        ("快递单号", F(TrackingNumber)),
        // Tongtool.
        ("物流跟踪号", F(TrackingNumber)),
        // 4PX: the last-mile number (服务商单号 / logistics_channel_no).
        ("服务商单号", F(TrackingNumber)),
        ("logistics channel no", F(TrackingNumber)),
        // Amazon.co.jp: the template's spelling and the help pages'.
        ("お問合わせ伝票番号", F(TrackingNumber)),
        ("お問い合わせ伝票番号", F(TrackingNumber)),
        // carrier
        ("carrier code", F(Carrier)),
        ("carrier", F(Carrier)),
        ("shipment carrier", F(Carrier)),
        ("承运人", F(Carrier)),
        ("承运商", F(Carrier)),
        ("物流商", F(Carrier)),
        ("物流公司", F(Carrier)),
        ("快递公司", F(Carrier)),
        // AfterShip (a slug such as "fedex"), WooCommerce AST.
        ("courier", F(Carrier)),
        ("tracking provider", F(Carrier)),
        // Tongtool, Mabang, LingXing.
        ("承运人简称", F(Carrier)),
        ("物流公司名称", F(Carrier)),
        ("物流商名称", F(Carrier)),
        // Amazon.co.jp.
        ("配送業者コード", F(Carrier)),
        ("carrier name", Alias::CarrierName),
        ("配送業者名", Alias::CarrierName),
        // ship_method
        ("ship method", F(ShipMethod)),
        ("shipping method", F(ShipMethod)),
        ("shipping service", F(ShipMethod)),
        ("service", F(ShipMethod)),
        ("shipment service", F(ShipMethod)),
        ("carrier service selected", F(ShipMethod)),
        ("carrier service", F(ShipMethod)),
        ("配送方式", F(ShipMethod)),
        ("运输方式", F(ShipMethod)),
        ("物流渠道", F(ShipMethod)),
        // LingXing, Mabang, Tongtool, Amazon.co.jp.
        ("物流方式", F(ShipMethod)),
        ("物流方式名称", F(ShipMethod)),
        ("物流渠道名称", F(ShipMethod)),
        ("邮寄方式名称", F(ShipMethod)),
        ("配送方法", F(ShipMethod)),
        // ship_option
        ("ship option", F(ShipOption)),
        ("shipping option", F(ShipOption)),
        ("ship service level", F(ShipOption)),
        ("ship speed", F(ShipOption)),
        ("shipping speed", F(ShipOption)),
        ("配送选项", F(ShipOption)),
        // ship_date
        ("ship date", F(ShipDate)),
        ("shipped date", F(ShipDate)),
        ("shipment date", F(ShipDate)),
        ("shipping date", F(ShipDate)),
        ("date shipped", F(ShipDate)),
        ("date shipped date", F(ShipDate)),
        ("发货日期", F(ShipDate)),
        ("发货时间", F(ShipDate)),
        // ShipStation, Etsy (en-GB), Shopify, eBay, AfterShip, Tongtool,
        // Amazon.co.jp.
        ("date ship date", F(ShipDate)),
        ("date posted", F(ShipDate)),
        ("fulfilled at", F(ShipDate)),
        ("shipped on date", F(ShipDate)),
        ("tracking ship date", F(ShipDate)),
        ("订单发货完成时间", F(ShipDate)),
        ("出荷日", F(ShipDate)),
        // promised_delivery_date
        ("promised delivery date", F(PromisedDeliveryDate)),
        ("promise date", F(PromisedDeliveryDate)),
        ("promised date", F(PromisedDeliveryDate)),
        ("latest delivery date", F(PromisedDeliveryDate)),
        ("promised delivery", F(PromisedDeliveryDate)),
        ("承诺送达日期", F(PromisedDeliveryDate)),
        ("预计送达日期", F(PromisedDeliveryDate)),
        // Tongtool: Amazon's latest promised delivery.
        ("亚马逊订单预计最晚送达时间", F(PromisedDeliveryDate)),
        // purchase_date
        ("purchase date", F(PurchaseDate)),
        ("order date", F(PurchaseDate)),
        ("date order date", F(PurchaseDate)),
        ("下单日期", F(PurchaseDate)),
        ("下单时间", F(PurchaseDate)),
        ("订购日期", F(PurchaseDate)),
        // LingXing, Tongtool, eBay and Etsy, Shopify.
        ("订购时间", F(PurchaseDate)),
        ("订单生成时间", F(PurchaseDate)),
        ("sale date", F(PurchaseDate)),
        // Not Shopify's "Created at": EasyPost's created_at is when the
        // label was made, not the order.
        // package_value
        ("package value", F(PackageValue)),
        ("order total", F(PackageValue)),
        ("order amount", F(PackageValue)),
        ("order value", F(PackageValue)),
        ("包裹价值", F(PackageValue)),
        ("订单金额", F(PackageValue)),
        // item_price / shipping_price
        ("item price", F(ItemPrice)),
        ("商品价格", F(ItemPrice)),
        ("shipping price", F(ShippingPrice)),
        ("运费", F(ShippingPrice)),
        // eBay's Orders report: an item row's price and shipping. Not its
        // "Total Price", which adds the sales tax the value leaves out.
        ("sold for", F(ItemPrice)),
        ("shipping and handling", F(ShippingPrice)),
        // currency
        ("currency", F(Currency)),
        ("currency code", F(Currency)),
        ("币种", F(Currency)),
        ("货币", F(Currency)),
        // category
        ("product category", F(Category)),
        ("category", F(Category)),
        ("商品分类", F(Category)),
        ("类目", F(Category)),
        // fulfillment_channel
        ("fulfillment channel", F(FulfillmentChannel)),
        ("fulfilment channel", F(FulfillmentChannel)),
        ("配送渠道", F(FulfillmentChannel)),
        // order_status
        ("order status", F(OrderStatus)),
        ("订单状态", F(OrderStatus)),
        // origin_country
        ("origin country", F(OriginCountry)),
        ("ship from country", F(OriginCountry)),
        ("发货国家", F(OriginCountry)),
        // Amazon's shipping confirmation template (US, EU and its JP row).
        ("ship from address country code", F(OriginCountry)),
        ("出荷元住所 国コード", F(OriginCountry)),
        // eBay: where the item is, as a name ("United States").
        ("item country", F(OriginCountry)),
        // package_type
        ("package type", F(PackageType)),
        ("包裹类型", F(PackageType)),
        // shipment_id
        ("shipment id", F(ShipmentId)),
        ("package id", F(ShipmentId)),
        ("包裹编号", F(ShipmentId)),
        // first_scan_date
        ("first scan date", F(FirstScanDate)),
        ("first carrier scan", F(FirstScanDate)),
        ("first physical scan", F(FirstScanDate)),
        ("first scan", F(FirstScanDate)),
        ("首次扫描时间", F(FirstScanDate)),
        // tracking_flag
        ("no valid tracking", Alias::Flag(FlagKind::NoValidTracking)),
        ("valid tracking", Alias::Flag(FlagKind::ValidTracking)),
        // Amazon's EU VTR report: "No" in "Has Valid Tracking Number".
        (
            "has valid tracking number",
            Alias::Flag(FlagKind::ValidTracking),
        ),
        ("has valid tracking", Alias::Flag(FlagKind::ValidTracking)),
    ]
};

/// Looks up a header by its folded form ([`fold_header`]): a bracketed note
/// anywhere is ignored ("Order Total (USD)", "valid tracking (y/n)",
/// "运费（元）").
fn lookup(header: &str) -> Option<Alias> {
    let key = fold_header(header);
    ALIASES
        .iter()
        .find(|(a, _)| folds_to(a, &key))
        .map(|&(_, alias)| alias)
}

/// The field a header names on its own, if any. "carrier name" answers
/// [`Field::Carrier`]; [`Mapping::detect`] decides with the other headers.
pub fn field_for_header(h: &str) -> Option<Field> {
    match lookup(h)? {
        Alias::Field(f) | Alias::Fallback(f) => Some(f),
        Alias::CarrierName => Some(Field::Carrier),
        Alias::Flag(_) => Some(Field::TrackingFlag),
    }
}

/// Which column feeds which field.
///
/// Serialises as a plain structure so the app can store it per header set.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    /// Indexed by `Field as usize`.
    columns: [Option<usize>; 21],
    flag_kind: Option<FlagKind>,
}

/// An override named a header the file does not have.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MappingError {
    /// The field the override was for.
    pub field: Field,
    /// The header text the user gave.
    pub header: String,
    /// The headers the file actually has, in order.
    pub found: Vec<String>,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "No column named \"{}\" (asked for {}). The file's columns are: ",
            self.header, self.field
        )?;
        for (i, h) in self.found.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{h}\"")?;
        }
        Ok(())
    }
}

impl std::error::Error for MappingError {}

impl Mapping {
    /// Maps headers by the aliases of section 9. The first matching column
    /// wins per field, and a fallback alias only counts when no other
    /// header names its field; "carrier name" feeds [`Field::Carrier`]
    /// unless another column already names the carrier, then
    /// [`Field::CarrierName`].
    pub fn detect(headers: &[&str]) -> Mapping {
        let aliases: Vec<Option<Alias>> = headers.iter().map(|h| lookup(h)).collect();
        let has_carrier = aliases.contains(&Some(Alias::Field(Field::Carrier)));
        let named = |f: Field| aliases.contains(&Some(Alias::Field(f)));
        let mut m = Mapping::default();
        for (col, alias) in aliases.iter().copied().enumerate() {
            let field = match alias {
                None => continue,
                Some(Alias::Field(f)) => f,
                Some(Alias::Fallback(f)) if named(f) => continue,
                Some(Alias::Fallback(f)) => f,
                Some(Alias::CarrierName) if has_carrier => Field::CarrierName,
                Some(Alias::CarrierName) => Field::Carrier,
                Some(Alias::Flag(kind)) => {
                    if m.column(Field::TrackingFlag).is_some() {
                        continue;
                    }
                    m.flag_kind = Some(kind);
                    Field::TrackingFlag
                }
            };
            let slot = &mut m.columns[field.index()];
            if slot.is_none() {
                *slot = Some(col);
            }
        }
        m
    }

    /// Maps `field` to `column`, or unmaps it with `None`. Mapping the
    /// tracking flag this way keeps the flag kind already known; use
    /// [`Mapping::apply_overrides`] or [`Mapping::set_flag_kind`] to decide it.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        self.columns[field.index()] = column;
        if field == Field::TrackingFlag && column.is_none() {
            self.flag_kind = None;
        }
    }

    /// Sets how the tracking-flag column's values are read.
    pub fn set_flag_kind(&mut self, kind: Option<FlagKind>) {
        self.flag_kind = kind;
    }

    /// Applies user corrections given as header text (compared folded, see
    /// [`fold_header`]; a header written exactly wins over one that only
    /// folds the same).
    /// An empty header text unmaps the field. All overrides are checked
    /// before any is applied, so an error leaves the mapping unchanged.
    pub fn apply_overrides(
        &mut self,
        headers: &[&str],
        overrides: &[(Field, String)],
    ) -> Result<(), MappingError> {
        let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
        let mut resolved = Vec::with_capacity(overrides.len());
        for (field, text) in overrides {
            if text.trim().is_empty() {
                resolved.push((*field, None, text));
                continue;
            }
            let want = fold_header(text);
            let exact = headers.iter().position(|h| h.trim() == text.trim());
            match exact.or_else(|| folded.iter().position(|n| *n == want)) {
                Some(col) => resolved.push((*field, Some(col), text)),
                None => {
                    return Err(MappingError {
                        field: *field,
                        header: text.clone(),
                        found: headers.iter().map(|h| h.to_string()).collect(),
                    })
                }
            }
        }
        for (field, col, text) in resolved {
            self.set(field, col);
            if field == Field::TrackingFlag && col.is_some() {
                self.flag_kind = Some(flag_kind_for_header(text));
            }
        }
        Ok(())
    }

    /// The column feeding `field`, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.get(field.index()).copied().flatten()
    }

    /// How to read the tracking-flag column; `None` when none is mapped.
    pub fn flag_kind(&self) -> Option<FlagKind> {
        self.column(Field::TrackingFlag).and(self.flag_kind)
    }

    /// Required fields without a column, in [`Field::ALL`] order.
    pub fn missing_required(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_required() && self.column(*f).is_none())
            .collect()
    }

    /// Every mapped field with its column, in [`Field::ALL`] order.
    pub fn mapped(&self) -> Vec<(Field, usize)> {
        Field::ALL
            .into_iter()
            .filter_map(|f| self.column(f).map(|c| (f, c)))
            .collect()
    }
}

/// Which fields at least one loaded file maps. A rule whose field no file
/// has is skipped, and the result says so (section 9).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldSet(u32);

impl FieldSet {
    /// Notes that some file maps `f`.
    pub fn insert(&mut self, f: Field) {
        self.0 |= 1 << (f as u32);
    }
    /// Whether some file maps `f`.
    pub fn has(self, f: Field) -> bool {
        self.0 & (1 << (f as u32)) != 0
    }
    /// Whether a window date can be had: without one the window is off.
    pub fn any_date(self) -> bool {
        self.has(Field::ShipDate)
            || self.has(Field::PromisedDeliveryDate)
            || self.has(Field::PurchaseDate)
    }
    /// Whether a package value can be known (a value column or prices).
    pub fn has_value(self) -> bool {
        self.has(Field::PackageValue)
            || self.has(Field::ItemPrice)
            || self.has(Field::ShippingPrice)
    }
    /// Whether carrier scans are known; without them the result is a
    /// prediction from what can be checked offline.
    pub fn has_scan_evidence(self) -> bool {
        self.has(Field::FirstScanDate) || self.has(Field::TrackingFlag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_separators() {
        assert_eq!(
            normalize_header("\u{feff}  Order - Number "),
            "order number"
        );
        assert_eq!(normalize_header("ship-service-level"), "ship service level");
        assert_eq!(normalize_header("__a..b__"), "a b");
        assert_eq!(normalize_header("Order #"), "order #");
    }

    #[test]
    fn keys_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
        assert_eq!(
            Field::from_key("Tracking-Number"),
            Some(Field::TrackingNumber)
        );
        assert_eq!(Field::from_key("nope"), None);
    }

    #[test]
    fn every_field_has_an_alias() {
        for f in Field::ALL {
            let covered = ALIASES.iter().any(|(_, a)| match a {
                Alias::Field(x) | Alias::Fallback(x) => *x == f,
                Alias::CarrierName => f == Field::CarrierName,
                Alias::Flag(_) => f == Field::TrackingFlag,
            });
            assert!(covered, "{f:?}");
        }
    }

    #[test]
    fn aliases_are_normalised_and_unique_when_folded() {
        for (i, (a, _)) in ALIASES.iter().enumerate() {
            assert_eq!(normalize_header(a), *a);
            let key = fold_header(a);
            assert!(!key.is_empty(), "{a}");
            assert!(
                !ALIASES[..i].iter().any(|(b, _)| fold_header(b) == key),
                "{a}"
            );
        }
    }
}
