//! `vtr`: the vtr-check engine on the command line. See `vtr --help`.

mod args;
mod check;
mod help;
mod read;
mod report;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Ok(cmd) => check::run(cmd),
        Err(e) => {
            to_stderr(&format!("vtr: {}\n\n{}", e.message, usage(e.topic)));
            ExitCode::from(2)
        }
    }
}

/// Writes a message to standard error. `eprintln!` panics when that fails
/// (stderr on a full disk or a closed pipe); the exit code still says
/// what went wrong.
fn to_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The usage lines of a help text: everything up to the first blank line
/// after "Usage:".
fn usage(topic: args::Topic) -> String {
    let text = match topic {
        args::Topic::Main => help::MAIN.to_string(),
        args::Topic::Check => help::check(),
        args::Topic::Sample => help::SAMPLE.to_string(),
    };
    let start = text.find("Usage:").unwrap_or(0);
    let body = &text[start..];
    let end = body.find("\n\n").map_or(body.len(), |i| i + 1);
    format!(
        "{}Run `vtr {}--help` for more.\n",
        &body[..end],
        match topic {
            args::Topic::Main => "",
            args::Topic::Check => "check ",
            args::Topic::Sample => "sample ",
        }
    )
}
