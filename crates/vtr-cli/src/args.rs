//! The command line, read with lexopt: arguments stay `OsString` until a
//! flag needs text, so any file name works, and every error names the flag
//! at fault.

use chrono::NaiveDate;
use lexopt::{Arg, Parser};
use std::ffi::OsString;
use std::path::PathBuf;
use vtr_core::decode::Encoding;
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
    /// `--encoding NAME`: read every file in this encoding; `None`: detect.
    pub encoding: Option<Encoding>,
    /// `--sheet NAME`: the sheet to read in every workbook given.
    pub sheet: Option<String>,
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

/// An argument, options spelled as typed (`-o`, `--output`) so that one
/// string serves for matching and for messages.
enum Word {
    Flag(String),
    Value(OsString),
}

fn next(p: &mut Parser, topic: Topic) -> Result<Option<Word>, UsageError> {
    Ok(p.next()
        .map_err(|e| lex_error(topic, e))?
        .map(|arg| match arg {
            Arg::Short(c) => Word::Flag(format!("-{c}")),
            Arg::Long(l) => Word::Flag(format!("--{l}")),
            Arg::Value(v) => Word::Value(v),
        }))
}

/// lexopt's own errors, worded like ours.
fn lex_error(topic: Topic, e: lexopt::Error) -> UsageError {
    match e {
        lexopt::Error::MissingValue { option: Some(flag) } => {
            err(topic, format!("{flag} needs a value"))
        }
        lexopt::Error::UnexpectedValue { option, .. } => {
            err(topic, format!("{option} takes no value"))
        }
        other => err(topic, other.to_string()),
    }
}

/// The value of `flag` (`--flag value`, `--flag=value`, `-f value`, `-fvalue`).
fn value(p: &mut Parser, flag: &str, topic: Topic) -> Result<OsString, UsageError> {
    p.value()
        .map_err(|_| err(topic, format!("{flag} needs a value")))
}

/// A value that must be text: dates, numbers, field names and headers are
/// compared as text, so bytes that are not UTF-8 can never be right.
fn text(p: &mut Parser, flag: &str, topic: Topic) -> Result<String, UsageError> {
    value(p, flag, topic)?
        .into_string()
        .map_err(|v| err(topic, format!("{flag}: {v:?} is not valid UTF-8")))
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
pub fn parse<I>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut p = Parser::from_args(args);
    let t = Topic::Main;
    let command = match next(&mut p, t)? {
        None => return Ok(Command::Help),
        Some(Word::Value(v)) => v,
        Some(Word::Flag(flag)) => match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            _ => {
                return Err(err(
                    t,
                    format!("unknown option {flag:?}; use `vtr check FILE...` or `vtr sample`"),
                ))
            }
        },
    };
    match command.to_str() {
        Some("help") => Ok(Command::Help),
        Some("check") => parse_check(&mut p),
        Some("sample") => parse_sample(&mut p),
        _ => Err(err(
            t,
            format!("unknown command {command:?}; use `vtr check FILE...` or `vtr sample`"),
        )),
    }
}

fn parse_check(p: &mut Parser) -> Result<Command, UsageError> {
    let t = Topic::Check;
    let mut a = CheckArgs::default();
    while let Some(word) = next(p, t)? {
        // lexopt hands out everything after `--`, and a lone `-`, as values.
        let flag = match word {
            Word::Value(file) => {
                a.files.push(PathBuf::from(file));
                continue;
            }
            Word::Flag(flag) => flag,
        };
        let flag = flag.as_str();
        match flag {
            "-h" | "--help" => return Ok(Command::CheckHelp),
            "--as-of" => a.as_of = Some(date(flag, &text(p, flag, t)?, t)?),
            "--window-days" => {
                let n: u32 = number(flag, &text(p, flag, t)?, t)?;
                if n == 0 {
                    return Err(err(t, "--window-days must be at least 1"));
                }
                a.window_days = Some(n);
            }
            "--lag-days" => a.lag_days = Some(number(flag, &text(p, flag, t)?, t)?),
            "--all-dates" => a.all_dates = true,
            "--threshold" => {
                let value = text(p, flag, t)?;
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
                let value = text(p, flag, t)?;
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
                let value = text(p, flag, t)?;
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
                let value = text(p, flag, t)?;
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
            "--encoding" => {
                let value = text(p, flag, t)?;
                let e = Encoding::from_name(&value).ok_or_else(|| {
                    let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.label()).collect();
                    err(
                        t,
                        format!(
                            "--encoding: unknown encoding {value:?}; use one of: {}",
                            names.join(", ")
                        ),
                    )
                })?;
                a.encoding = Some(e);
            }
            "--sheet" => {
                let name = text(p, flag, t)?;
                if name.trim().is_empty() {
                    return Err(err(t, "--sheet needs a sheet name"));
                }
                a.sheet = Some(name);
            }
            "--json" => a.json = true,
            "--threads" => {
                let n: usize = number(flag, &text(p, flag, t)?, t)?;
                if n == 0 {
                    return Err(err(t, "--threads must be at least 1"));
                }
                a.threads = Some(n);
            }
            "--export-invalid" => a.export_invalid = Some(value(p, flag, t)?.into()),
            "--export-all" => a.export_all = Some(value(p, flag, t)?.into()),
            _ => return Err(err(t, format!("unknown option {flag:?}"))),
        }
    }
    if a.files.is_empty() {
        return Err(err(t, "no file given"));
    }
    Ok(Command::Check(a))
}

fn parse_sample(p: &mut Parser) -> Result<Command, UsageError> {
    let t = Topic::Sample;
    let mut a = SampleArgs {
        kind: SampleKind::OrderReport,
        rows: 1000,
        seed: 1,
        out: None,
        end: None,
    };
    while let Some(word) = next(p, t)? {
        let flag = match word {
            Word::Value(v) => return Err(err(t, format!("unexpected argument {v:?}"))),
            Word::Flag(flag) => flag,
        };
        let flag = flag.as_str();
        match flag {
            "-h" | "--help" => return Ok(Command::SampleHelp),
            "--rows" => a.rows = number(flag, &text(p, flag, t)?, t)?,
            "--seed" => a.seed = number(flag, &text(p, flag, t)?, t)?,
            "-o" | "--output" => a.out = Some(value(p, flag, t)?.into()),
            "--end" => a.end = Some(date(flag, &text(p, flag, t)?, t)?),
            "--kind" => {
                a.kind = match text(p, flag, t)?.as_str() {
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
            _ => return Err(err(t, format!("unknown option {flag:?}"))),
        }
    }
    Ok(Command::Sample(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().copied())
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

    #[test]
    fn usage_errors_name_the_flag() {
        for (args, topic, message) in [
            (&["check"][..], Topic::Check, "no file given"),
            (
                &["check", "a.csv", "--lag-days"],
                Topic::Check,
                "--lag-days needs a value",
            ),
            (
                &["check", "a.csv", "--lag-days", "-3"],
                Topic::Check,
                "--lag-days: \"-3\" is not a whole number",
            ),
            (
                &["check", "a.csv", "--json=yes"],
                Topic::Check,
                "--json takes no value",
            ),
            (
                &["check", "a.csv", "--nope=3"],
                Topic::Check,
                "unknown option \"--nope\"",
            ),
            // Short options may be grouped, so the first unknown letter is
            // the one at fault.
            (
                &["check", "a.csv", "-xyz"],
                Topic::Check,
                "unknown option \"-x\"",
            ),
            (
                &["check", "a.csv", "--as-of="],
                Topic::Check,
                "--as-of: \"\" is not a date like 2026-11-25",
            ),
            (
                &["frob"],
                Topic::Main,
                "unknown command \"frob\"; use `vtr check FILE...` or `vtr sample`",
            ),
            (
                &["--frob"],
                Topic::Main,
                "unknown option \"--frob\"; use `vtr check FILE...` or `vtr sample`",
            ),
            (
                &["sample", "extra"],
                Topic::Sample,
                "unexpected argument \"extra\"",
            ),
            (
                &["sample", "--frob"],
                Topic::Sample,
                "unknown option \"--frob\"",
            ),
            (&["sample", "-o"], Topic::Sample, "-o needs a value"),
        ] {
            assert_eq!(
                p(args),
                Err(UsageError {
                    message: message.to_string(),
                    topic
                }),
                "{args:?}"
            );
        }
    }

    #[test]
    fn values_may_look_like_options_and_short_values_may_be_attached() {
        let a = check(&["check", "--export-invalid", "-", "--", "--json", "-"]);
        assert_eq!(a.export_invalid, Some(PathBuf::from("-")));
        assert_eq!(a.files, vec![PathBuf::from("--json"), PathBuf::from("-")]);
        assert!(!a.json);
        for spelling in [&["-ox.csv"][..], &["-o=x.csv"], &["--output=x.csv"]] {
            let mut args = vec!["sample"];
            args.extend_from_slice(spelling);
            match p(&args) {
                Ok(Command::Sample(s)) => assert_eq!(s.out, Some(PathBuf::from("x.csv"))),
                other => panic!("{spelling:?}: {other:?}"),
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn paths_need_not_be_utf8() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let odd = OsStr::from_bytes(b"caf\xe9.csv");
        let args = [
            OsStr::new("check"),
            odd,
            OsStr::new("--export-invalid"),
            odd,
            OsStr::new("--export-all"),
            odd,
        ];
        match parse(args) {
            Ok(Command::Check(a)) => {
                assert_eq!(a.files, vec![PathBuf::from(odd)]);
                assert_eq!(a.export_invalid.as_deref(), Some(odd.as_ref()));
                assert_eq!(a.export_all.as_deref(), Some(odd.as_ref()));
            }
            other => panic!("{other:?}"),
        }
        match parse([OsStr::new("sample"), OsStr::new("-o"), odd]) {
            Ok(Command::Sample(s)) => assert_eq!(s.out.as_deref(), Some(odd.as_ref())),
            other => panic!("{other:?}"),
        }
        // Text values cannot match anything when they are not text.
        assert_eq!(
            parse([OsStr::new("check"), odd, OsStr::new("--as-of"), odd]),
            Err(UsageError {
                message: "--as-of: \"caf\\xE9.csv\" is not valid UTF-8".to_string(),
                topic: Topic::Check
            })
        );
        assert_eq!(
            parse([odd]),
            Err(UsageError {
                message:
                    "unknown command \"caf\\xE9.csv\"; use `vtr check FILE...` or `vtr sample`"
                        .to_string(),
                topic: Topic::Main
            })
        );
    }
}
