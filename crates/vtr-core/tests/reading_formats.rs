//! Real products' export headers (fixtures/formats, sources in
//! docs/export-formats.md) map to the right fields, tolerant of case,
//! punctuation, full-width forms and bracketed units; and a file's kind is
//! named only when its headers identify the product.

use std::path::PathBuf;
use vtr_core::mapping::{fold_header, Field, Mapping};
use vtr_core::read::{guess_kind, FileError, FileKind, FileReport};
use vtr_core::{load, FileInput, LoadOptions};

fn read(name: &str) -> FileReport {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/formats")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let data = load(&[FileInput::new(name, &bytes)], &LoadOptions::default());
    data.files()[0].clone()
}

/// The header each field is read from, `-` for none.
fn mapped(r: &FileReport, fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|&f| {
            r.mapping
                .column(f)
                .and_then(|c| r.headers.get(c))
                .map_or("-".to_string(), |h| h.clone())
        })
        .collect()
}

const KEY_FIELDS: [Field; 6] = [
    Field::OrderId,
    Field::TrackingNumber,
    Field::Carrier,
    Field::ShipMethod,
    Field::ShipDate,
    Field::PurchaseDate,
];

#[test]
fn real_exports_map_their_key_columns() {
    #[rustfmt::skip]
    let cases: [(&str, FileKind, u64, [&str; 6]); 16] = [
        // The four that stopped with "no column for order_id".
        ("easypost-shipment-report.csv", FileKind::Generic, 3, ["reference", "tracking_code", "carrier", "service", "-", "-"]),
        ("lingxing-orders.csv", FileKind::ChineseErp, 3, ["平台单号", "跟踪号", "物流商", "物流方式", "发货时间", "订购时间"]),
        ("4px-orders.csv", FileKind::ChineseErp, 3, ["客户单号", "服务商单号", "-", "-", "-", "-"]),
        ("yunexpress-waybills.csv", FileKind::Generic, 3, ["customer_order_number", "tracking_number", "-", "-", "-", "-"]),
        // And the one that stopped for its tracking column.
        ("tongtool-orders.csv", FileKind::ChineseErp, 3, ["平台订单号", "物流跟踪号", "承运人简称", "邮寄方式名称", "订单发货完成时间", "订单生成时间"]),
        // ECCANG's 订单号 is its own number: the platform id wins.
        ("eccang-orders.csv", FileKind::ChineseErp, 3, ["订单参考号", "跟踪号", "-", "配送方式", "-", "-"]),
        ("mabang-orders.csv", FileKind::ChineseErp, 3, ["订单号", "物流单号", "物流公司名称", "物流渠道名称", "发货时间", "-"]),
        ("dianxiaomi-sales-export.csv", FileKind::ChineseErp, 3, ["订单号", "运单号", "-", "-", "发货日期", "-"]),
        ("aftership-tracking-import.csv", FileKind::Generic, 3, ["order_id", "tracking_number", "courier", "-", "tracking_ship_date", "-"]),
        ("woocommerce-ast-tracking-import.csv", FileKind::Generic, 3, ["order_id", "tracking_number", "tracking_provider", "-", "date_shipped", "-"]),
        ("shipstation-shipments.csv", FileKind::ShipStation, 3, ["Order - Number", "Shipment - Tracking Number", "Shipment - Carrier", "Shipment - Service", "Date - Shipped Date", "Date - Order Date"]),
        ("ebay-orders-report.csv", FileKind::Ebay, 5, ["Order Number", "Tracking Number", "-", "Shipping Service", "Shipped On Date", "Sale Date"]),
        ("amazon-ship-confirmation-us.txt", FileKind::AmazonShipConfirmation, 4, ["order-id", "tracking-number", "carrier-code", "ship-method", "ship-date", "-"]),
        ("amazon-ship-confirmation-jp.txt", FileKind::AmazonShipConfirmation, 3, ["order-id", "tracking-number", "carrier-code", "ship-method", "ship-date", "-"]),
        ("amazon-fba-shipments.txt", FileKind::AmazonFbaShipments, 3, ["amazon-order-id", "tracking-number", "carrier", "-", "shipment-date", "purchase-date"]),
        ("amazon-vtr-report-partial.csv", FileKind::AmazonVtrReport, 3, ["Order ID", "Tracking ID", "Carrier Name", "Ship Method", "-", "-"]),
    ];
    for (name, kind, rows, want) in cases {
        let r = read(name);
        assert!(r.error.is_none(), "{name}: {:?}", r.error);
        assert_eq!(mapped(&r, &KEY_FIELDS), want, "{name}");
        assert_eq!(r.kind, kind, "{name}");
        assert_eq!(r.rows, rows, "{name}");
    }
    // The JP template's label row is preamble, not a package.
    assert_eq!(read("amazon-ship-confirmation-jp.txt").header_line, 3);
}

#[test]
fn exports_without_tracking_still_say_so() {
    use vtr_core::orders_only::OrdersOnly::{self, *};
    let cases: [(&str, &[Field], OrdersOnly); 7] = [
        (
            "amazon-all-orders.txt",
            &[Field::TrackingNumber],
            AmazonOrders,
        ),
        (
            "amazon-order-report.txt",
            &[Field::TrackingNumber],
            AmazonOrders,
        ),
        (
            "amazon-unshipped-orders.txt",
            &[Field::TrackingNumber],
            AmazonOrders,
        ),
        ("etsy-sold-orders.csv", &[Field::TrackingNumber], Etsy),
        ("etsy-sold-order-items.csv", &[Field::TrackingNumber], Etsy),
        (
            "woocommerce-analytics-orders.csv",
            &[Field::TrackingNumber],
            WooCommerce,
        ),
        (
            "shopify-orders-export.csv",
            &[Field::OrderId, Field::TrackingNumber],
            Shopify,
        ),
    ];
    for (name, want, kind) in cases {
        let r = read(name);
        // It was read as text: the encoding is shown, and can be changed.
        assert_eq!(r.encoding, Some(vtr_core::decode::Encoding::Utf8), "{name}");
        let Some(e @ FileError::MissingColumns { .. }) = r.error else {
            panic!("{name}: {:?}", r.error);
        };
        let FileError::MissingColumns {
            missing,
            orders_only,
            ..
        } = &e
        else {
            unreachable!()
        };
        assert_eq!(missing, want, "{name}");
        // Named, so the seller hears which file to add instead.
        assert_eq!(*orders_only, Some(kind), "{name}");
        let text = e.to_string();
        assert!(
            text.starts_with(&format!(
                "this is {} {}: it lists orders but no tracking numbers",
                kind.article(),
                kind.name()
            )),
            "{text}"
        );
        assert!(text.contains("Valid Tracking Rate report"), "{text}");
    }
    // Shippo's report has tracking but no order id: not an order export.
    let r = read("shippo-tracking-report.csv");
    assert!(matches!(
        r.error,
        Some(FileError::MissingColumns { ref missing, orders_only: None, .. }) if missing == &[Field::OrderId]
    ));
}

#[test]
fn the_japanese_label_row_alone_maps_too() {
    let text = "注文番号\t注文商品番号\t出荷数\t出荷日\t配送業者コード\t配送業者名\tお問合わせ伝票番号\t配送方法\n\
                503-1234567-7654321\t00000000010000\t1\t2026-10-10\tYamato Transport\tヤマト運輸\t400000000000\t宅急便\n";
    let headers: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    let m = Mapping::detect(&headers);
    let col = |f| m.column(f).map(|c| headers[c]);
    assert_eq!(col(Field::OrderId), Some("注文番号"));
    assert_eq!(col(Field::TrackingNumber), Some("お問合わせ伝票番号"));
    assert_eq!(col(Field::Carrier), Some("配送業者コード"));
    assert_eq!(col(Field::CarrierName), Some("配送業者名"));
    assert_eq!(col(Field::ShipMethod), Some("配送方法"));
    assert_eq!(col(Field::ShipDate), Some("出荷日"));
    assert_eq!(guess_kind(&headers), FileKind::AmazonShipConfirmation);
}

#[test]
fn headers_match_whatever_their_case_punctuation_width_or_units() {
    for (header, field) in [
        ("ORDER ID", Field::OrderId),
        ("Order#", Field::OrderId),
        ("Order No.", Field::OrderId),
        ("order:id", Field::OrderId),
        ("Order/ID", Field::OrderId),
        ("ＯＲＤＥＲ　ＩＤ", Field::OrderId),
        ("ｏｒｄｅｒ－ｉｄ", Field::OrderId),
        ("Tracking #", Field::TrackingNumber),
        ("TrackingNumber", Field::TrackingNumber),
        ("tracking_number (required)", Field::TrackingNumber),
        ("运单号（必填）", Field::TrackingNumber),
        ("【运单号】跟踪号", Field::TrackingNumber),
        ("Ship Date (UTC)", Field::ShipDate),
        ("Ship-Date [yyyy-mm-dd]", Field::ShipDate),
        ("Carrier Code:", Field::Carrier),
        ("平台订单号 ", Field::OrderId),
    ] {
        let m = Mapping::detect(&[header]);
        assert_eq!(
            m.column(field),
            Some(0),
            "{header:?} ({})",
            fold_header(header)
        );
    }
    // Forwarder waybills are not tracking numbers Amazon can follow.
    for header in [
        "4PX单号",
        "4px_tracking_no",
        "waybill_number",
        "内部单号",
        "虚拟单号",
    ] {
        assert_eq!(
            Mapping::detect(&[header]).column(Field::TrackingNumber),
            None,
            "{header}"
        );
    }
}

#[test]
fn a_fallback_alias_never_beats_a_real_one() {
    let m = Mapping::detect(&["reference", "订单号", "Order ID"]);
    assert_eq!(m.column(Field::OrderId), Some(2));
    let m = Mapping::detect(&["reference", "tracking"]);
    assert_eq!(m.column(Field::OrderId), Some(0));
}

#[test]
fn kinds_are_named_only_from_headers_that_identify_them() {
    // A " - " in a header is no ShipStation export.
    assert_eq!(
        guess_kind(&["Order ID", "Tracking - Number", "Ship - Date"]),
        FileKind::Generic
    );
    assert_eq!(
        guess_kind(&["Order - Number", "Shipment - Tracking Number"]),
        FileKind::ShipStation
    );
    assert_eq!(
        guess_kind(&["order_id", "tracking_number"]),
        FileKind::Generic
    );
    assert_eq!(FileKind::Generic.label(), "Shipment export");
    assert_eq!(
        guess_kind(&["Order ID", "Tracking ID", "Has Valid Tracking Number"]),
        FileKind::AmazonVtrReport
    );
}

#[test]
fn overrides_match_headers_tolerantly() {
    let bytes =
        "Sendung Nr.,Bestellung (Amazon)\n1Z999AA10123456784,114-1234567-1234567\n".as_bytes();
    let options = LoadOptions {
        overrides: vec![
            (Field::TrackingNumber, "sendung nr".to_string()),
            (Field::OrderId, "BESTELLUNG".to_string()),
        ],
        ..LoadOptions::default()
    };
    let data = load(&[FileInput::new("de.csv", bytes)], &options);
    let f = &data.files()[0];
    assert!(f.error.is_none(), "{:?}", f.error);
    assert_eq!(f.mapping.column(Field::TrackingNumber), Some(0));
    assert_eq!(f.mapping.column(Field::OrderId), Some(1));
    assert_eq!(f.rows, 1);
}

#[test]
fn footers_and_totals_are_no_rows_and_no_problems() {
    // eBay: a padding row under the header, then after the data a blank
    // line, "3,record(s) downloaded,..." and "Seller ID : ...".
    let r = read("ebay-orders-report.csv");
    assert_eq!((r.rows, r.skipped, r.ignored_lines), (5, 0, 2));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // Dianxiaomi: a last line of totals, 合计.
    let r = read("dianxiaomi-sales-export.csv");
    assert_eq!((r.rows, r.skipped, r.ignored_lines), (3, 0, 1));

    let text = "order-id,tracking-number,carrier-code,order-total\n\
                114-1234567-1234567,1Z999AA10123456784,UPS,10.00\n\
                Total,,,10.00\n\
                ,,,10.00\n\
                Total,1Z999AA10123456792,UPS,3.00\n";
    let data = load(
        &[FileInput::new("t.csv", text.as_bytes())],
        &LoadOptions::default(),
    );
    let f = &data.files()[0];
    // "Total" with a tracking number is a row (an order id is what it is);
    // ",,,10.00" has no order id: reported.
    assert_eq!((f.rows, f.ignored_lines), (3, 1));
    assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
    assert_eq!(f.problems[0].line, 4);
}

#[test]
fn ebay_multi_item_orders_are_one_package() {
    use vtr_core::settings::parse_iso_date;
    use vtr_core::{analyze, Registry, Settings};
    let mut settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
    settings.all_dates = true;
    // Order 23-12347-44556: a summary row with the tracking number, then
    // its two items without one. Five rows, three packages, none missing.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/formats/ebay-orders-report.csv");
    let bytes = std::fs::read(path).unwrap();
    let data = load(&[FileInput::new("e.csv", &bytes)], &LoadOptions::default());
    let s = analyze(&data, &settings, &Registry::default()).summary;
    assert_eq!((s.rows, s.packages, s.invalid.missing_tracking), (5, 3, 0));
    // The order's package lists all three of its rows.
    let rows: Vec<usize> = (0..data.len()).map(|i| data.sources(i).len()).collect();
    assert_eq!(rows, vec![1, 1, 3]);

    // The other way round: a summary without tracking whose items carry
    // theirs (two shipments) is a row, not a third package; a summary
    // whose items carry none is the order's one untracked package.
    let header = "Sales Record Number,Order Number,Item Number,Tracking Number,Sale Date\n";
    let text = format!(
        "{header}\
         1,14-11111-11111,,,Oct-14-26\n\
         2,14-11111-11111,2561,1ZV8W0010300050018,\n\
         3,14-11111-11111,2562,1ZV8W0020300050025,\n\
         4,14-22222-22222,,,Oct-15-26\n\
         5,14-22222-22222,2563,,\n\
         6,14-33333-33333,2564,1ZV8W0030300050032,Oct-16-26\n"
    );
    let data = load(
        &[FileInput::new("e.csv", text.as_bytes())],
        &LoadOptions::default(),
    );
    assert_eq!(data.files()[0].kind, FileKind::Ebay);
    let s = analyze(&data, &settings, &Registry::default()).summary;
    assert_eq!((s.rows, s.packages, s.invalid.missing_tracking), (6, 4, 1));
    // Read in pieces, the same.
    for size in [1, 5, 40] {
        let mut r = vtr_core::FileReader::new("e.csv", 0, None, &LoadOptions::default());
        for piece in text.as_bytes().chunks(size) {
            r.push(piece, &vtr_core::read::Earlier::none());
        }
        let mut d = vtr_core::Dataset::new();
        d.push(0, r.finish(&vtr_core::read::Earlier::none()).into_file());
        assert_eq!(
            analyze(&d, &settings, &Registry::default()).summary,
            s,
            "{size}"
        );
    }
}

#[test]
fn the_eu_vtr_reports_yes_no_flag_is_read() {
    use vtr_core::settings::parse_iso_date;
    use vtr_core::{analyze, Registry, Settings};
    let r = read("amazon-vtr-report-eu-partial.csv");
    assert_eq!(
        mapped(&r, &[Field::TrackingFlag]),
        vec!["Has Valid Tracking Number".to_string()]
    );
    assert_eq!(
        r.mapping.flag_kind(),
        Some(vtr_core::mapping::FlagKind::ValidTracking)
    );
    let text = "Order ID,Carrier Name,Tracking ID,Has Valid Tracking Number\n\
                028-5561043-7720501,UPS,1ZV8W0010300050018,Yes\n\
                028-5561043-7720502,UPS,1ZV8W0020300050025,No\n";
    let data = load(
        &[FileInput::new("v.csv", text.as_bytes())],
        &LoadOptions::default(),
    );
    let mut settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
    settings.all_dates = true;
    let s = analyze(&data, &settings, &Registry::default()).summary;
    assert_eq!(
        (s.considered, s.valid, s.invalid.no_carrier_scan),
        (2, 1, 1)
    );
}

#[test]
fn ebay_prices_and_item_country_feed_the_international_rule() {
    use vtr_core::settings::parse_iso_date;
    use vtr_core::{analyze, Registry, Settings};
    let r = read("ebay-orders-report.csv");
    assert_eq!(
        mapped(
            &r,
            &[
                Field::ItemPrice,
                Field::ShippingPrice,
                Field::OriginCountry,
                Field::PackageValue
            ]
        ),
        ["Sold For", "Shipping And Handling", "Item Country", "-"]
    );

    // Item Country names the country; "United States" is the US
    // marketplace's own, "China" is not. Values are Sold For plus
    // Shipping And Handling, summed over a package's rows: 2.00 + 1.50
    // (<= 5.00, excluded when foreign), 4.00 + 1.50 (not), and an order of
    // two items, 2.00 and 2.50 with no shipping (<= 5.00).
    let header = "Sales Record Number,Order Number,Item Number,Sold For,Shipping And Handling,Item Country,Tracking Number,Sale Date\n";
    let text = format!(
        "{header}\
         1,14-11111-11111,2561,$2.00,$1.50,United States,1ZV8W0010300050018,Oct-14-26\n\
         2,14-22222-22222,2562,$2.00,$1.50,China,1ZV8W0020300050025,Oct-14-26\n\
         3,14-33333-33333,2563,$4.00,$1.50,China,1ZV8W0030300050032,Oct-14-26\n\
         4,14-44444-44444,,,,China,1ZV8W0040300050049,Oct-14-26\n\
         5,14-44444-44444,2564,$2.00,,China,,\n\
         6,14-44444-44444,2565,$2.50,,China,,\n"
    );
    let data = load(
        &[FileInput::new("e.csv", text.as_bytes())],
        &LoadOptions::default(),
    );
    assert!(
        data.files()[0].problems.is_empty(),
        "{:?}",
        data.files()[0].problems
    );
    let mut settings = Settings::new(parse_iso_date("2026-11-25").unwrap());
    settings.all_dates = true;
    let s = analyze(&data, &settings, &Registry::default()).summary;
    assert_eq!(s.packages, 4);
    assert_eq!(s.excluded.international_low_value, 2);
    assert_eq!(s.considered, 2);

    // Marketplace China: now the Chinese packages are at home and the US
    // one, worth 3.50, is the one foreign package.
    settings.marketplace = "CN".to_string();
    let s = analyze(&data, &settings, &Registry::default()).summary;
    assert_eq!(s.excluded.international_low_value, 1);
    assert_eq!(s.considered, 3);
}
