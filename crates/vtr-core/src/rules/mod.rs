pub mod exclusion;
pub mod outcome;
pub mod validity;
