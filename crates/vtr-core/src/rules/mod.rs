pub mod exclusion;
pub mod validity;
