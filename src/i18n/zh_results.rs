//! Chinese for the results texts of the page: (English, Chinese).

pub const ZH: &[(&str, &str)] = &[];
