pub mod date;
pub mod money;
