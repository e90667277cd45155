//! Header aliases of section 9 (every field, English and Chinese) and user
//! overrides.

use vtr_core::mapping::{normalize_header, Field, FlagKind, Mapping, MappingError};

/// Every alias in the section 9 table, as written there.
const TABLE: &[(Field, &[&str])] = &[
    (
        Field::OrderId,
        &[
            "order-id",
            "amazon-order-id",
            "order id",
            "order number",
            "order #",
            "Order - Number",
            "订单号",
            "订单编号",
        ],
    ),
    (
        Field::TrackingNumber,
        &[
            "tracking-number",
            "tracking id",
            "tracking number",
            "tracking #",
            "Shipment - Tracking Number",
            "shipper tracking number",
            "追踪编码",
            "追踪编号",
            "跟踪号",
            "运单号",
            "物流单号",
        ],
    ),
    (
        Field::Carrier,
        &[
            "carrier-code",
            "carrier code",
            "carrier",
            "Shipment - Carrier",
            "承运人",
            "物流商",
            "物流公司",
        ],
    ),
    (
        Field::ShipMethod,
        &[
            "ship-method",
            "ship method",
            "shipping method",
            "shipping service",
            "service",
            "Shipment - Service",
            "Carrier - Service Selected",
            "配送方式",
            "运输方式",
            "物流渠道",
        ],
    ),
    (
        Field::ShipOption,
        &[
            "ship option",
            "ship-service-level",
            "ship speed",
            "shipping speed",
            "配送选项",
        ],
    ),
    (
        Field::ShipDate,
        &[
            "ship-date",
            "ship date",
            "shipped date",
            "shipment date",
            "Date - Shipped Date",
            "发货日期",
            "发货时间",
        ],
    ),
    (
        Field::PromisedDeliveryDate,
        &[
            "promised delivery date",
            "promise-date",
            "promised date",
            "latest-delivery-date",
            "承诺送达日期",
            "预计送达日期",
        ],
    ),
    (
        Field::PurchaseDate,
        &[
            "purchase-date",
            "order date",
            "Date - Order Date",
            "下单日期",
            "订购日期",
        ],
    ),
    (
        Field::PackageValue,
        &[
            "package value",
            "order total",
            "Order - Total",
            "order amount",
            "包裹价值",
            "订单金额",
        ],
    ),
    (Field::ItemPrice, &["item-price", "item price", "商品价格"]),
    (
        Field::ShippingPrice,
        &["shipping-price", "shipping price", "运费"],
    ),
    (Field::Currency, &["currency", "币种"]),
    (
        Field::Category,
        &[
            "product category",
            "product-category",
            "category",
            "商品分类",
            "类目",
        ],
    ),
    (
        Field::FulfillmentChannel,
        &[
            "fulfillment-channel",
            "fulfillment channel",
            "fulfilment channel",
            "配送渠道",
        ],
    ),
    (
        Field::OrderStatus,
        &["order-status", "order status", "Order - Status", "订单状态"],
    ),
    (
        Field::OriginCountry,
        &[
            "origin country",
            "ship from country",
            "ship-from-country",
            "发货国家",
        ],
    ),
    (Field::PackageType, &["package type", "包裹类型"]),
    (
        Field::ShipmentId,
        &["shipment id", "shipment-id", "package id", "包裹编号"],
    ),
    (
        Field::FirstScanDate,
        &[
            "first scan date",
            "first carrier scan",
            "first physical scan",
            "首次扫描时间",
        ],
    ),
    (
        Field::TrackingFlag,
        &[
            "no valid tracking",
            "valid tracking",
            "Valid Tracking (Y/N)",
        ],
    ),
];

#[test]
fn every_alias_of_the_table_maps() {
    for (field, aliases) in TABLE {
        for alias in *aliases {
            let m = Mapping::detect(&["something else", alias]);
            assert_eq!(
                m.column(*field),
                Some(1),
                "{alias:?} should map to {field:?}"
            );
            assert_eq!(m.mapped(), vec![(*field, 1)], "{alias:?}");
        }
    }
}

#[test]
fn carrier_name_alone_is_the_carrier() {
    let m = Mapping::detect(&["order-id", "tracking-number", "carrier-name"]);
    assert_eq!(m.column(Field::Carrier), Some(2));
    assert_eq!(m.column(Field::CarrierName), None);
}

#[test]
fn carrier_name_beside_carrier_code_is_the_other_name() {
    let m = Mapping::detect(&[
        "carrier-name",
        "order-id",
        "carrier-code",
        "tracking-number",
    ]);
    assert_eq!(m.column(Field::Carrier), Some(2));
    assert_eq!(m.column(Field::CarrierName), Some(0));
}

#[test]
fn seller_central_header_row() {
    let headers = [
        "amazon-order-id",
        "merchant-order-id",
        "shipment-id",
        "purchase-date",
        "ship-date",
        "carrier-code",
        "tracking-number",
        "ship-service-level",
        "item-price",
        "shipping-price",
        "currency",
        "fulfillment-channel",
    ];
    let m = Mapping::detect(&headers);
    assert_eq!(
        m.mapped(),
        vec![
            (Field::OrderId, 0),
            (Field::TrackingNumber, 6),
            (Field::Carrier, 5),
            (Field::ShipOption, 7),
            (Field::ShipDate, 4),
            (Field::PurchaseDate, 3),
            (Field::ItemPrice, 8),
            (Field::ShippingPrice, 9),
            (Field::Currency, 10),
            (Field::FulfillmentChannel, 11),
            (Field::ShipmentId, 2),
        ]
    );
    assert!(m.missing_required().is_empty());
}

#[test]
fn first_matching_column_wins() {
    let m = Mapping::detect(&["Tracking ID", "tracking-number", "order id", "order-id"]);
    assert_eq!(m.column(Field::TrackingNumber), Some(0));
    assert_eq!(m.column(Field::OrderId), Some(2));
}

#[test]
fn headers_are_normalised() {
    assert_eq!(normalize_header("\u{feff} Order__ID "), "order id");
    assert_eq!(
        normalize_header("Shipment - Tracking Number"),
        "shipment tracking number"
    );
    assert_eq!(normalize_header("SHIP.DATE"), "ship date");
    let m = Mapping::detect(&["\u{feff}ORDER_ID", " Tracking--Number "]);
    assert_eq!(m.column(Field::OrderId), Some(0));
    assert_eq!(m.column(Field::TrackingNumber), Some(1));
}

#[test]
fn missing_required_fields() {
    let m = Mapping::detect(&["carrier", "ship date"]);
    assert_eq!(
        m.missing_required(),
        vec![Field::OrderId, Field::TrackingNumber]
    );
    let m = Mapping::detect(&["order-id", "ship date"]);
    assert_eq!(m.missing_required(), vec![Field::TrackingNumber]);
}

#[test]
fn flag_kind_follows_the_header() {
    let m = Mapping::detect(&["order-id", "tracking-number", "No Valid Tracking"]);
    assert_eq!(m.column(Field::TrackingFlag), Some(2));
    assert_eq!(m.flag_kind(), Some(FlagKind::NoValidTracking));
    let m = Mapping::detect(&["order-id", "Valid tracking"]);
    assert_eq!(m.flag_kind(), Some(FlagKind::ValidTracking));
    let m = Mapping::detect(&["order-id"]);
    assert_eq!(m.flag_kind(), None);
}

#[test]
fn overrides_by_header_text() {
    let headers = ["Bestellnummer", "Sendungsnummer", "Versanddatum", "Gültig"];
    let mut m = Mapping::detect(&headers);
    assert!(m.mapped().is_empty());
    m.apply_overrides(
        &headers,
        &[
            (Field::OrderId, "bestellnummer".to_string()),
            (Field::TrackingNumber, " SENDUNGSNUMMER".to_string()),
            (Field::ShipDate, "Versanddatum".to_string()),
            (Field::TrackingFlag, "Gültig".to_string()),
        ],
    )
    .unwrap();
    assert_eq!(m.column(Field::OrderId), Some(0));
    assert_eq!(m.column(Field::TrackingNumber), Some(1));
    assert_eq!(m.column(Field::ShipDate), Some(2));
    assert_eq!(m.flag_kind(), Some(FlagKind::ValidTracking));
    assert!(m.missing_required().is_empty());

    // An empty header text unmaps.
    m.apply_overrides(&headers, &[(Field::ShipDate, String::new())])
        .unwrap();
    assert_eq!(m.column(Field::ShipDate), None);
}

#[test]
fn override_with_unknown_header_names_it_and_changes_nothing() {
    let headers = ["order-id", "tracking-number"];
    let mut m = Mapping::detect(&headers);
    let before = m.clone();
    let err = m
        .apply_overrides(
            &headers,
            &[
                (Field::OrderId, "tracking-number".to_string()),
                (Field::ShipDate, "Versanddatum".to_string()),
            ],
        )
        .unwrap_err();
    assert_eq!(
        err,
        MappingError {
            field: Field::ShipDate,
            header: "Versanddatum".to_string(),
            found: vec!["order-id".to_string(), "tracking-number".to_string()],
        }
    );
    assert_eq!(
        err.to_string(),
        "No column named \"Versanddatum\" (asked for ship_date). The file's columns are: \
         \"order-id\", \"tracking-number\""
    );
    assert_eq!(m, before);
}

#[test]
fn set_and_unset() {
    let mut m = Mapping::default();
    m.set(Field::Carrier, Some(4));
    assert_eq!(m.column(Field::Carrier), Some(4));
    m.set(Field::Carrier, None);
    assert_eq!(m.column(Field::Carrier), None);
}

#[test]
fn mapping_round_trips_through_json() {
    let m = Mapping::detect(&["order-id", "tracking-number", "no valid tracking"]);
    let json = serde_json::to_string(&m).unwrap();
    let back: Mapping = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
    assert_eq!(
        serde_json::to_string(&Field::PromisedDeliveryDate).unwrap(),
        "\"promised_delivery_date\""
    );
}

/// What the alias table makes of one researched header, in the words of
/// docs/aliases-proposed.tsv's `recognised` column.
fn recognised(field: Field, header: &str) -> String {
    match vtr_core::mapping::field_for_header(header) {
        Some(f) if f == field => "yes".into(),
        // "carrier name" is the carrier unless another column names it.
        Some(Field::Carrier) if field == Field::CarrierName => "yes".into(),
        Some(other) => format!("as {}", other.key()),
        None => "no".into(),
    }
}

/// The table of researched export headers says of each whether the page
/// and `vtr` read it as its field today: this keeps it true as the alias
/// table grows.
#[test]
fn the_researched_headers_table_says_truly_which_are_recognised() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/aliases-proposed.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("field\theader\tproduct\tsource\trecognised\tnote")
    );
    let mut wrong = Vec::new();
    for (i, line) in lines.enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "line {}: {line}", i + 2);
        let field =
            Field::from_key(cols[0]).unwrap_or_else(|| panic!("line {}: {}", i + 2, cols[0]));
        let now = recognised(field, cols[1]);
        if now != cols[4] {
            wrong.push(format!("line {}\t{}\t{}\t{now}", i + 2, cols[0], cols[1]));
        }
    }
    assert!(
        wrong.is_empty(),
        "the table is not true of:\n{}",
        wrong.join("\n")
    );
}
