pub mod date;
pub mod money;
pub mod tracking;
