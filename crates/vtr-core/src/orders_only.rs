//! Exports that list orders but no tracking numbers: Amazon's order
//! reports, and the order exports of Etsy, Shopify and WooCommerce. None
//! can give a Valid Tracking Rate on its own, so asking the seller to pick
//! the tracking column of one only sends them looking for what is not
//! there. Naming the export lets the page and `vtr` say which file to add
//! instead ([`crate::read::FileError::MissingColumns`]).

use serde::{Deserialize, Serialize};

use crate::mapping::fold_header;

/// An order export known to have no tracking column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrdersOnly {
    /// All Orders, Unshipped Orders or the order report of Seller Central.
    AmazonOrders,
    /// Etsy's EtsySoldOrders or EtsySoldOrderItems CSV.
    Etsy,
    /// Shopify's orders export.
    Shopify,
    /// WooCommerce's Analytics > Orders CSV.
    WooCommerce,
}

impl OrdersOnly {
    /// The export's name, as a seller knows it.
    pub fn name(self) -> &'static str {
        match self {
            OrdersOnly::AmazonOrders => "Amazon order report",
            OrdersOnly::Etsy => "Etsy orders export",
            OrdersOnly::Shopify => "Shopify orders export",
            OrdersOnly::WooCommerce => "WooCommerce orders export",
        }
    }

    /// "a" or "an", for the name in a sentence.
    pub fn article(self) -> &'static str {
        match self {
            OrdersOnly::AmazonOrders | OrdersOnly::Etsy => "an",
            OrdersOnly::Shopify | OrdersOnly::WooCommerce => "a",
        }
    }

    /// Which of these exports `headers` are the header of, if any, by the
    /// columns each always has (folded, as [`fold_header`] does).
    ///
    /// ```
    /// use vtr_core::orders_only::OrdersOnly;
    /// let amazon = ["order-id", "order-item-id", "purchase-date", "sku"];
    /// assert_eq!(OrdersOnly::of(&amazon), Some(OrdersOnly::AmazonOrders));
    /// let shopify = ["Name", "Financial Status", "Fulfillment Status"];
    /// assert_eq!(OrdersOnly::of(&shopify), Some(OrdersOnly::Shopify));
    /// assert_eq!(OrdersOnly::of(&["order-id", "tracking-number"]), None);
    /// ```
    pub fn of<S: AsRef<str>>(headers: &[S]) -> Option<OrdersOnly> {
        let folded: Vec<String> = headers.iter().map(|h| fold_header(h.as_ref())).collect();
        let has = |h: &str| folded.iter().any(|f| f == h);
        if (has("amazonorderid") || has("orderid"))
            && has("purchasedate")
            && (has("orderitemid") || has("shipservicelevel"))
        {
            Some(OrdersOnly::AmazonOrders)
        } else if has("saledate") && has("orderid") {
            Some(OrdersOnly::Etsy)
        } else if has("financialstatus") && has("fulfillmentstatus") {
            Some(OrdersOnly::Shopify)
        } else if has("order") && has("netsales") {
            Some(OrdersOnly::WooCommerce)
        } else {
            None
        }
    }
}
