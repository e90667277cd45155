//! The engine's fields as a seller names them, in English (translated
//! with `tr`), alone and in lists.

use vtr_core::mapping::Field;

use crate::i18n::{tr, Lang};

/// A field as a seller names it, in English (translate with `tr`).
pub fn field_label(f: Field) -> &'static str {
    match f {
        Field::OrderId => "Order number",
        Field::TrackingNumber => "Tracking number",
        Field::Carrier => "Carrier code",
        Field::CarrierName => "Carrier name (when “Other”)",
        Field::ShipMethod => "Ship method",
        Field::ShipOption => "Shipping service level",
        Field::ShipDate => "Ship date",
        Field::PromisedDeliveryDate => "Promised delivery date",
        Field::PurchaseDate => "Purchase date",
        Field::PackageValue => "Package value",
        Field::ItemPrice => "Item price",
        Field::ShippingPrice => "Shipping price",
        Field::Currency => "Currency",
        Field::Category => "Product category",
        Field::FulfillmentChannel => "Fulfillment channel",
        Field::OrderStatus => "Order status",
        Field::OriginCountry => "Ship-from country",
        Field::PackageType => "Package type",
        Field::ShipmentId => "Shipment ID",
        Field::FirstScanDate => "First carrier scan date",
        Field::TrackingFlag => "Valid tracking flag",
    }
}

/// Field labels joined as a list in `lang`.
pub fn field_list(lang: Lang, fields: &[Field]) -> String {
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    fields
        .iter()
        .map(|f| tr(lang, field_label(*f)))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Field labels in quotes, joined: “Order number” and “Tracking number”.
pub fn quoted_list(lang: Lang, fields: &[Field]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| format!("“{}”", tr(lang, field_label(*f))))
        .collect();
    match lang {
        Lang::En => quoted.join(" and "),
        Lang::Zh => quoted.join("和"),
    }
}
