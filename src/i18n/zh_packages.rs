//! Chinese for the packages texts of the page: (English, Chinese).

pub const ZH: &[(&str, &str)] = &[];
