//! Date cells: the calendar date as written (section 5), in every form of
//! section 9.
//!
//! A time or offset after the date is ignored, never used to shift the day:
//! `2026-11-03T23:30:00-08:00` is 3 November.
//!
//! Accepted forms (the date part; a time may follow after `T` or a space):
//!
//! | form | example | result |
//! |---|---|---|
//! | ISO, year first | `2026-11-03`, `2026/11/03`, `2026.11.03` | `Date` |
//! | compact | `20261103` | `Date` |
//! | dots, year last | `03.11.2026` | `Date`, always day-first |
//! | slashes or dashes, year last | `11/03/2026`, `11-03-2026` | `Slash` (the column decides) |
//! | month name | `Nov 3, 2026`, `November 3 2026`, `Tue, Nov 3, 2026`, eBay's `Nov-03-26` | `Date` |
//! | day, month name | `3 Nov 2026`, `03-Nov-2026`, `3 November, 2026` | `Date` |
//! | Chinese | `2026年11月3日`, `2026年11月3日 10:00` | `Date` |
//! | spreadsheet serial | `46329`, `46329.5` (20000..=80000) | `Date` |
//!
//! Two-digit years (`11/03/26`, `03.11.26`, `03-Nov-26`) are 2000 to 2099:
//! shipment data from the 1900s cannot fall into any VTR window, so reading
//! them as this century is never wrong in practice. Four-digit years must lie
//! in 1900..=2199, which keeps placeholder dates like `0001-01-01` out.
//!
//! Parsing never allocates unless it fails.

use std::fmt;

use chrono::{Days, NaiveDate};

/// A date cell as written, before the column's day/month order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawDate {
    /// The cell was empty or whitespace.
    Empty,
    /// The form leaves no doubt about the date.
    Date(NaiveDate),
    /// `first/second/year`: US month-first or day-first; the column decides
    /// (section 9: day-first when any first part in the column exceeds 12).
    Slash {
        /// The number before the first separator.
        first: u8,
        /// The number between the separators.
        second: u8,
        /// The full year (two-digit years already made 20xx).
        year: i32,
    },
}

impl RawDate {
    /// The date when read month-first (US); `None` when that reading is not
    /// a real date, or for `Empty`. A `Date` returns itself.
    pub fn month_first(self) -> Option<NaiveDate> {
        match self {
            RawDate::Empty => None,
            RawDate::Date(d) => Some(d),
            RawDate::Slash {
                first,
                second,
                year,
            } => NaiveDate::from_ymd_opt(year, u32::from(first), u32::from(second)),
        }
    }

    /// The date when read day-first; `None` when that reading is not a real
    /// date, or for `Empty`. A `Date` returns itself.
    pub fn day_first(self) -> Option<NaiveDate> {
        match self {
            RawDate::Empty => None,
            RawDate::Date(d) => Some(d),
            RawDate::Slash {
                first,
                second,
                year,
            } => NaiveDate::from_ymd_opt(year, u32::from(second), u32::from(first)),
        }
    }

    /// True for a `Slash` whose first part exceeds 12: it cannot be a month,
    /// so the whole column is day-first.
    pub fn forces_day_first(self) -> bool {
        matches!(self, RawDate::Slash { first, .. } if first > 12)
    }
}

/// A cell that is not a date in any accepted form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// The trimmed cell text, shortened to 40 characters.
    pub seen: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a date this tool can read (expected e.g. 2026-11-03, 11/03/2026, \
             03.11.2026, Nov 3, 2026 or 2026年11月3日)",
            self.seen
        )
    }
}

impl std::error::Error for DateError {}

impl DateError {
    fn new(s: &str) -> DateError {
        let seen: String = s.chars().take(40).collect();
        DateError { seen }
    }
}

/// Day 0 of the 1900 date system as Excel, Sheets and LibreOffice count it
/// (1899-12-30, which absorbs Excel's fictitious 1900-02-29).
const SERIAL_EPOCH: (i32, u32, u32) = (1899, 12, 30);
/// Serials outside this range (1954..2119) are more likely other numbers.
const SERIAL_RANGE: std::ops::RangeInclusive<u32> = 20_000..=80_000;

/// Parses one date cell. See the module documentation for the forms.
///
/// ```
/// use chrono::NaiveDate;
/// use vtr_core::value::date::{parse_date, RawDate};
///
/// let nov_3 = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
/// // The date as written: the time and offset never move it.
/// assert_eq!(parse_date("2026-11-03T23:30:00-08:00"), Ok(RawDate::Date(nov_3)));
/// assert_eq!(parse_date("Nov 3, 2026"), Ok(RawDate::Date(nov_3)));
/// assert_eq!(parse_date("2026年11月3日"), Ok(RawDate::Date(nov_3)));
/// // A cell a spreadsheet turned into its serial number.
/// assert_eq!(parse_date("46329"), Ok(RawDate::Date(nov_3)));
///
/// // Slashes with the year last wait for the column to decide.
/// let ambiguous = parse_date("03/11/2026").unwrap();
/// assert_eq!(ambiguous.month_first(), NaiveDate::from_ymd_opt(2026, 3, 11));
/// assert_eq!(ambiguous.day_first(), Some(nov_3));
/// assert!(parse_date("13/11/2026").unwrap().forces_day_first());
///
/// assert_eq!(parse_date("  "), Ok(RawDate::Empty));
/// assert_eq!(parse_date("soon").unwrap_err().seen, "soon");
/// ```
pub fn parse_date(s: &str) -> Result<RawDate, DateError> {
    let t = crate::value::trim(s);
    if t.is_empty() {
        return Ok(RawDate::Empty);
    }
    parse_trimmed(t).ok_or_else(|| DateError::new(t))
}

fn parse_trimmed(t: &str) -> Option<RawDate> {
    let mut c = Cursor {
        b: t.as_bytes(),
        i: 0,
    };
    if c.peek()?.is_ascii_digit() {
        parse_from_number(&mut c)
    } else {
        parse_from_name(&mut c)
    }
}

/// Forms that start with a number.
fn parse_from_number(c: &mut Cursor) -> Option<RawDate> {
    let (n1, len1) = c.number()?;
    match c.peek() {
        None if len1 == 8 => {
            let date = ymd(n1 / 10_000, (n1 / 100) % 100, n1 % 100)?;
            Some(RawDate::Date(date))
        }
        None => serial(n1),
        Some(b'.') if len1 == 5 && c.rest_is_fraction() => serial(n1),
        Some(sep @ (b'-' | b'/' | b'.')) => {
            c.bump();
            if len1 == 4 {
                let (month, _) = c.number_max(2)?;
                c.eat(sep)?;
                let (day, _) = c.number_max(2)?;
                c.time_tail()?;
                return ymd(n1, month, day).map(RawDate::Date);
            }
            if len1 > 2 {
                return None;
            }
            if c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
                // 03-Nov-2026
                let month = c.month_name()?;
                c.eat(sep)?;
                let year = c.year()?;
                c.time_tail()?;
                return ymd(year, month, n1).map(RawDate::Date);
            }
            let (n2, _) = c.number_max(2)?;
            c.eat(sep)?;
            let year = c.year()?;
            c.time_tail()?;
            if sep == b'.' {
                return ymd(year, n2, n1).map(RawDate::Date);
            }
            slash(n1, n2, year)
        }
        Some(b' ') if len1 <= 2 => {
            // 3 Nov 2026, 3 November, 2026
            c.skip_spaces();
            let month = c.month_name()?;
            c.skip_list_separators();
            let year = c.year()?;
            c.time_tail()?;
            ymd(year, month, n1).map(RawDate::Date)
        }
        Some(_) if len1 == 4 && c.eat_str("年") => {
            c.skip_spaces();
            let (month, _) = c.number_max(2)?;
            c.skip_spaces();
            c.eat_str("月").then_some(())?;
            c.skip_spaces();
            let (day, _) = c.number_max(2)?;
            c.skip_spaces();
            // 日 and 号 both close the day in everyday writing.
            (c.eat_str("日") || c.eat_str("号")).then_some(())?;
            c.cjk_time_tail()?;
            ymd(n1, month, day).map(RawDate::Date)
        }
        _ => None,
    }
}

/// Forms that start with a word: `Nov 3, 2026`, `Tue, Nov 3, 2026`,
/// eBay's `Nov-03-26`.
fn parse_from_name(c: &mut Cursor) -> Option<RawDate> {
    let mark = c.i;
    if c.weekday_name() {
        c.eat(b'.');
        c.skip_list_separators();
    } else {
        c.i = mark;
    }
    let month = c.month_name()?;
    // eBay writes `Oct-15-26` and `Jun-24-2026`.
    let dashed = c.peek() == Some(b'-');
    if dashed {
        c.bump();
    } else {
        c.skip_spaces();
    }
    let (day, _) = c.number_max(2)?;
    if dashed {
        c.eat(b'-')?;
    } else {
        c.ordinal_suffix();
        c.skip_list_separators();
    }
    let year = c.year()?;
    c.time_tail()?;
    ymd(year, month, day).map(RawDate::Date)
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year).ok()?;
    if !(1900..=2199).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn serial(n: u32) -> Option<RawDate> {
    if !SERIAL_RANGE.contains(&n) {
        return None;
    }
    let (y, m, d) = SERIAL_EPOCH;
    let epoch = NaiveDate::from_ymd_opt(y, m, d)?;
    epoch
        .checked_add_days(Days::new(u64::from(n)))
        .map(RawDate::Date)
}

fn slash(first: u32, second: u32, year: u32) -> Option<RawDate> {
    let raw = RawDate::Slash {
        first: u8::try_from(first).ok()?,
        second: u8::try_from(second).ok()?,
        year: i32::try_from(year).ok()?,
    };
    if !(1900..=2199).contains(&i32::try_from(year).ok()?) {
        return None;
    }
    // Keep it only if at least one reading is a real date.
    (raw.month_first().is_some() || raw.day_first().is_some()).then_some(raw)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True when `word` is at least three letters and starts `full`
/// (`Nov`, `Sept`, `November`), ignoring ASCII case.
fn abbreviates(word: &[u8], full: &str) -> bool {
    word.len() >= 3
        && full
            .as_bytes()
            .get(..word.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(word))
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn bump(&mut self) {
        self.i += 1;
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.peek() == Some(want)).then(|| self.bump())
    }

    fn eat_str(&mut self, want: &str) -> bool {
        let found = self
            .b
            .get(self.i..)
            .is_some_and(|r| r.starts_with(want.as_bytes()));
        if found {
            self.i += want.len();
        }
        found
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.bump();
        }
    }

    /// Spaces and at most one comma between the parts of a written date.
    fn skip_list_separators(&mut self) {
        self.skip_spaces();
        if self.eat(b',').is_some() {
            self.skip_spaces();
        }
    }

    /// A run of digits: (value, length). Fails on more than 9 digits, which
    /// no date part has, so the value cannot overflow.
    fn number(&mut self) -> Option<(u32, usize)> {
        let start = self.i;
        let mut v: u32 = 0;
        while let Some(d) = self.peek().filter(u8::is_ascii_digit) {
            if self.i - start >= 9 {
                return None;
            }
            v = v * 10 + u32::from(d - b'0');
            self.bump();
        }
        let len = self.i - start;
        (len > 0).then_some((v, len))
    }

    fn number_max(&mut self, max_len: usize) -> Option<(u32, usize)> {
        self.number().filter(|&(_, len)| len <= max_len)
    }

    /// A four-digit year, or a two-digit one meaning 20xx.
    fn year(&mut self) -> Option<u32> {
        match self.number()? {
            (y, 4) => Some(y),
            (y, 2) => Some(2000 + y),
            _ => None,
        }
    }

    fn word(&mut self) -> &[u8] {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.bump();
        }
        self.b.get(start..self.i).unwrap_or_default()
    }

    /// A month name or abbreviation, with an optional trailing dot.
    fn month_name(&mut self) -> Option<u32> {
        let word = self.word();
        let idx = MONTHS.iter().position(|m| abbreviates(word, m))?;
        self.eat(b'.');
        u32::try_from(idx + 1).ok()
    }

    fn weekday_name(&mut self) -> bool {
        let word = self.word();
        WEEKDAYS.iter().any(|d| abbreviates(word, d))
    }

    /// `st`, `nd`, `rd`, `th` after a day number.
    fn ordinal_suffix(&mut self) {
        let rest = self.b.get(self.i..).unwrap_or_default();
        let suffix = rest.get(..2).unwrap_or_default();
        if ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.as_bytes().eq_ignore_ascii_case(suffix))
            && !rest.get(2).is_some_and(|b| b.is_ascii_alphabetic())
        {
            self.i += 2;
        }
    }

    /// True when the rest is `.digits` and nothing else (a serial's time).
    fn rest_is_fraction(&self) -> bool {
        match self.b.get(self.i..) {
            Some([b'.', digits @ ..]) => {
                !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
            }
            _ => false,
        }
    }

    /// Accepts the end of the text, or a time after `T` or spaces (and an
    /// optional comma): it must start with a digit and hold only characters
    /// a time, an AM/PM marker, an offset or a zone name use.
    fn time_tail(&mut self) -> Option<()> {
        let rest = self.b.get(self.i..).unwrap_or_default();
        let body = match rest {
            [] => return Some(()),
            [b'T' | b't', body @ ..] => body,
            [b' ' | b',', ..] => trim_leading(rest, b" ,"),
            _ => return None,
        };
        time_body_ok(body).then_some(())
    }

    /// Like [`Cursor::time_tail`], but also allows the time to follow the
    /// `日` directly and to use `时`, `分`, `秒` (`2026年11月3日10时30分`).
    fn cjk_time_tail(&mut self) -> Option<()> {
        let rest = self.b.get(self.i..).unwrap_or_default();
        let body = trim_leading(rest, b" T");
        if body.is_empty() {
            return (rest.is_empty() || rest.iter().all(|b| *b == b' ')).then_some(());
        }
        let cleaned_ok = std::str::from_utf8(body).is_ok_and(|s| {
            s.starts_with(|ch: char| ch.is_ascii_digit())
                && s.chars().all(|ch| {
                    matches!(ch, '时' | '分' | '秒' | '点')
                        || (ch.is_ascii() && time_char_ok(ch as u8))
                })
        });
        cleaned_ok.then_some(())
    }
}

fn trim_leading<'a>(b: &'a [u8], set: &[u8]) -> &'a [u8] {
    let n = b.iter().take_while(|x| set.contains(x)).count();
    b.get(n..).unwrap_or_default()
}

fn time_body_ok(body: &[u8]) -> bool {
    body.first().is_some_and(u8::is_ascii_digit) && body.iter().copied().all(time_char_ok)
}

fn time_char_ok(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'.' | b'+' | b'-' | b' ' | b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> RawDate {
        RawDate::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn iso_and_time_forms() {
        assert_eq!(parse_date("2026-11-03"), Ok(d(2026, 11, 3)));
        assert_eq!(parse_date("2026-11-03T23:30:00-08:00"), Ok(d(2026, 11, 3)));
        assert_eq!(parse_date("2026-11-03 10:00:00 PST"), Ok(d(2026, 11, 3)));
        assert!(parse_date("2026-11-03 garbage").is_err());
        assert!(parse_date("2026-11-03x").is_err());
    }

    #[test]
    fn ebay_month_day_year_with_dashes() {
        assert_eq!(parse_date("Oct-15-26"), Ok(d(2026, 10, 15)));
        assert_eq!(parse_date("Jun-24-2026"), Ok(d(2026, 6, 24)));
        assert_eq!(parse_date("Sep-30-26 23:45:00"), Ok(d(2026, 9, 30)));
        assert!(parse_date("Oct-15").is_err());
        assert!(parse_date("Oct-15 26").is_err());
        assert!(parse_date("Feb-30-26").is_err());
    }

    #[test]
    fn serial_bounds() {
        assert_eq!(parse_date("46329"), Ok(d(2026, 11, 3)));
        assert!(parse_date("19999").is_err());
        assert!(parse_date("80001").is_err());
        assert_eq!(parse_date("80000"), Ok(d(2119, 1, 11)));
    }

    #[test]
    fn impossible_slash_dates_are_errors() {
        assert!(parse_date("13/13/2026").is_err());
        assert!(parse_date("0/5/2026").is_err());
        assert!(parse_date("02/30/2026").is_err());
    }

    #[test]
    fn error_says_what_was_seen() {
        let e = parse_date("  next tuesday ").unwrap_err();
        assert_eq!(e.seen, "next tuesday");
        assert!(e.to_string().starts_with("\"next tuesday\" is not a date"));
    }
}
