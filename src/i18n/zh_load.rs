//! Chinese for the load texts of the page: (English, Chinese).

pub const ZH: &[(&str, &str)] = &[];
