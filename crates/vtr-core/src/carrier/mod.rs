pub mod check_digit;
pub mod formats;
pub mod registry;
