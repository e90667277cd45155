pub mod exclusion;
pub mod outcome;
pub mod reason;
pub mod validity;
pub mod warning;
