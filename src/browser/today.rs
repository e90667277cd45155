//! Today as the seller's clock says, read once when the page opens (kept
//! in [`crate::state::AppState::today`]).

use chrono::NaiveDate;

/// Today in the browser's time zone.
pub fn browser_today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    // Years and months from the JS clock are small; anything else is a
    // broken clock, which gets chrono's default day rather than a panic.
    let year = i32::try_from(d.get_full_year()).unwrap_or_default();
    NaiveDate::from_ymd_opt(year, d.get_month() + 1, d.get_date()).unwrap_or_default()
}
