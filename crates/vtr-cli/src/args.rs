//! The command line, parsed by hand: two subcommands and a dozen flags do
//! not need a parser crate, and every error names the flag at fault.

use chrono::NaiveDate;
use std::path::PathBuf;
use vtr_core::mapping::Field;
use vtr_core::read::DateOrder;
use vtr_core::settings::{parse_iso_date, parse_percent_bp};

/// What the user asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `vtr --help` or `vtr help`.
    Help,
    /// `vtr --version`.
    Version,
    /// `vtr check --help`.
    CheckHelp,
    /// `vtr sample --help`.
    SampleHelp,
    Check(CheckArgs),
    Sample(SampleArgs),
}

/// `vtr check`'s inputs and options.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CheckArgs {
    /// Files to read; `-` is standard input.
    pub files: Vec<PathBuf>,
    /// `None`: today.
    pub as_of: Option<NaiveDate>,
    pub window_days: Option<u32>,
    pub lag_days: Option<u32>,
    pub all_dates: bool,
    /// Basis points.
    pub threshold_bp: Option<u32>,
    pub international: bool,
    pub marketplace: Option<String>,
    /// `--map FIELD=HEADER`, in the order given.
    pub maps: Vec<(Field, String)>,
    pub date_order: DateOrder,
    pub json: bool,
    /// Threads to read a large file with; `None`: one per core.
    pub threads: Option<usize>,
    pub export_invalid: Option<PathBuf>,
    pub export_all: Option<PathBuf>,
}

/// `vtr sample`'s options.
#[derive(Debug, PartialEq, Eq)]
pub struct SampleArgs {
    /// Which export to imitate.
    pub kind: SampleKind,
    pub rows: usize,
    pub seed: u64,
    /// `None`: standard output.
    pub out: Option<PathBuf>,
    /// Last purchase date; `None`: today.
    pub end: Option<NaiveDate>,
}

/// The exports `vtr sample` can imitate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleKind {
    /// A wide (30-column) comma-separated order report.
    OrderReport,
    /// A narrow tab-separated shipping confirmation.
    Confirmation,
}

/// A command line that makes no sense; shown with the usage, exit code 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    /// Which usage to print under the message.
    pub topic: Topic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Main,
    Check,
    Sample,
}

fn err(topic: Topic, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        topic,
    }
}

/// Splits `--flag=value` so both spellings work.
fn split_flag(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((f, v)) if f.starts_with("--") => (f, Some(v)),
        _ => (arg, None),
    }
}

/// Hands out flag values from `--flag value` or `--flag=value`.
struct Values<'a, I: Iterator<Item = String>> {
    rest: &'a mut I,
    topic: Topic,
}

impl<I: Iterator<Item = String>> Values<'_, I> {
    fn take(&mut self, flag: &str, inline: Option<&str>) -> Result<String, UsageError> {
        if let Some(v) = inline {
            return Ok(v.to_string());
        }
        self.rest
            .next()
            .ok_or_else(|| err(self.topic, format!("{flag} needs a value")))
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: &str, topic: Topic) -> Result<T, UsageError> {
    value
        .trim()
        .parse()
        .map_err(|_| err(topic, format!("{flag}: {value:?} is not a whole number")))
}

fn date(flag: &str, value: &str, topic: Topic) -> Result<NaiveDate, UsageError> {
    parse_iso_date(value).ok_or_else(|| {
        err(
            topic,
            format!("{flag}: {value:?} is not a date like 2026-11-25"),
        )
    })
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        None | Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("check") => parse_check(&mut args),
        Some("sample") => parse_sample(&mut args),
        Some(other) => Err(err(
            Topic::Main,
            format!("unknown command {other:?}; use `vtr check FILE...` or `vtr sample`"),
        )),
    }
}

fn parse_check(rest: &mut impl Iterator<Item = String>) -> Result<Command, UsageError> {
    let t = Topic::Check;
    let mut a = CheckArgs::default();
    let mut only_files = false;
    while let Some(arg) = rest.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            a.files.push(PathBuf::from(arg));
            continue;
        }
        let (flag, inline) = split_flag(&arg);
        let mut v = Values { rest, topic: t };
        match flag {
            "--" => only_files = true,
            "-h" | "--help" => return Ok(Command::CheckHelp),
            "--as-of" => a.as_of = Some(date(flag, &v.take(flag, inline)?, t)?),
            "--window-days" => {
                let n: u32 = number(flag, &v.take(flag, inline)?, t)?;
                if n == 0 {
                    return Err(err(t, "--window-days must be at least 1"));
                }
                a.window_days = Some(n);
            }
            "--lag-days" => a.lag_days = Some(number(flag, &v.take(flag, inline)?, t)?),
            "--all-dates" => a.all_dates = true,
            "--threshold" => {
                let value = v.take(flag, inline)?;
                a.threshold_bp = Some(parse_percent_bp(&value).ok_or_else(|| {
                    err(
                        t,
                        format!(
                            "--threshold: {value:?} is not a percentage from 0 to 100 \
                             with at most two decimals (e.g. 95 or 97.5)"
                        ),
                    )
                })?);
            }
            "--international" => a.international = true,
            "--marketplace" => {
                let value = v.take(flag, inline)?;
                let cc = value.trim().to_ascii_uppercase();
                if cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(err(
                        t,
                        format!("--marketplace: {value:?} is not a two-letter country code"),
                    ));
                }
                a.marketplace = Some(cc);
            }
            "--map" => {
                let value = v.take(flag, inline)?;
                let Some((key, header)) = value.split_once('=') else {
                    return Err(err(t, format!("--map: {value:?} is not FIELD=HEADER")));
                };
                let field = Field::from_key(key).ok_or_else(|| {
                    let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                    err(
                        t,
                        format!(
                            "--map: unknown field {key:?}; fields are: {}",
                            keys.join(", ")
                        ),
                    )
                })?;
                a.maps.push((field, header.to_string()));
            }
            "--date-order" => {
                let value = v.take(flag, inline)?;
                a.date_order = match value.trim() {
                    "auto" => DateOrder::Auto,
                    "month-first" | "us" => DateOrder::MonthFirst,
                    "day-first" => DateOrder::DayFirst,
                    _ => {
                        return Err(err(
                            t,
                            format!(
                                "--date-order: {value:?} is not one of auto, month-first, day-first"
                            ),
                        ))
                    }
                };
            }
            "--json" => a.json = true,
            "--threads" => {
                let n: usize = number(flag, &v.take(flag, inline)?, t)?;
                if n == 0 {
                    return Err(err(t, "--threads must be at least 1"));
                }
                a.threads = Some(n);
            }
            "--export-invalid" => a.export_invalid = Some(PathBuf::from(v.take(flag, inline)?)),
            "--export-all" => a.export_all = Some(PathBuf::from(v.take(flag, inline)?)),
            _ => return Err(err(t, format!("unknown option {flag:?}"))),
        }
        if inline.is_some() && takes_no_value(flag) {
            return Err(err(t, format!("{flag} takes no value")));
        }
    }
    if a.files.is_empty() {
        return Err(err(t, "no file given"));
    }
    Ok(Command::Check(a))
}

fn takes_no_value(flag: &str) -> bool {
    matches!(
        flag,
        "--all-dates" | "--international" | "--json" | "--help" | "--"
    )
}

fn parse_sample(rest: &mut impl Iterator<Item = String>) -> Result<Command, UsageError> {
    let t = Topic::Sample;
    let mut a = SampleArgs {
        kind: SampleKind::OrderReport,
        rows: 1000,
        seed: 1,
        out: None,
        end: None,
    };
    while let Some(arg) = rest.next() {
        let (flag, inline) = split_flag(&arg);
        let mut v = Values { rest, topic: t };
        match flag {
            "-h" | "--help" => return Ok(Command::SampleHelp),
            "--rows" => a.rows = number(flag, &v.take(flag, inline)?, t)?,
            "--seed" => a.seed = number(flag, &v.take(flag, inline)?, t)?,
            "-o" | "--output" => a.out = Some(PathBuf::from(v.take(flag, inline)?)),
            "--end" => a.end = Some(date(flag, &v.take(flag, inline)?, t)?),
            "--kind" => {
                a.kind = match v.take(flag, inline)?.as_str() {
                    "order-report" => SampleKind::OrderReport,
                    "confirmation" => SampleKind::Confirmation,
                    other => {
                        return Err(err(
                            t,
                            format!("--kind {other:?}: use order-report or confirmation"),
                        ))
                    }
                }
            }
            _ => return Err(err(t, format!("unexpected argument {arg:?}"))),
        }
    }
    Ok(Command::Sample(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(|s| s.to_string()))
    }

    fn check(args: &[&str]) -> CheckArgs {
        match p(args) {
            Ok(Command::Check(a)) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn check_flags_both_spellings() {
        let a = check(&[
            "check",
            "a.csv",
            "--as-of",
            "2026-11-25",
            "--threshold=97.5",
            "--map",
            "tracking_number=Waybill",
            "--map=carrier=Courier",
            "b.csv",
            "--json",
            "--date-order",
            "day-first",
            "--marketplace",
            "de",
        ]);
        assert_eq!(
            a.files,
            vec![PathBuf::from("a.csv"), PathBuf::from("b.csv")]
        );
        assert_eq!(a.as_of, NaiveDate::from_ymd_opt(2026, 11, 25));
        assert_eq!(a.threshold_bp, Some(9750));
        assert_eq!(
            a.maps,
            vec![
                (Field::TrackingNumber, "Waybill".to_string()),
                (Field::Carrier, "Courier".to_string())
            ]
        );
        assert!(a.json);
        assert_eq!(a.date_order, DateOrder::DayFirst);
        assert_eq!(a.marketplace.as_deref(), Some("DE"));
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for bad in [
            &["check"][..],
            &["check", "a.csv", "--threshold", "101"],
            &["check", "a.csv", "--as-of", "25/11/2026"],
            &["check", "a.csv", "--map", "nope=x"],
            &["check", "a.csv", "--map", "no-equals"],
            &["check", "a.csv", "--window-days", "0"],
            &["check", "a.csv", "--lag-days"],
            &["check", "a.csv", "--frobnicate"],
            &["check", "a.csv", "--json=yes"],
            &["check", "a.csv", "--date-order", "sideways"],
            &["frob"],
            &["sample", "--rows", "many"],
        ] {
            assert!(p(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn help_and_sample() {
        assert_eq!(p(&[]), Ok(Command::Help));
        assert_eq!(p(&["check", "--help"]), Ok(Command::CheckHelp));
        assert_eq!(
            p(&["sample", "--rows", "20", "--seed=9", "-o", "x.csv"]),
            Ok(Command::Sample(SampleArgs {
                kind: SampleKind::OrderReport,
                rows: 20,
                seed: 9,
                out: Some(PathBuf::from("x.csv")),
                end: None
            }))
        );
    }
}
