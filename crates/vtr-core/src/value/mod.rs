//! Cell values that need parsing before a rule can use them: dates
//! ([`date`]) and money ([`money`]), in the many ways exports write them
//! (section 9).

pub mod date;
pub mod money;
pub mod tracking;
