//! Runs a parsed command: reads the files, applies the rules, prints.

use crate::args::{CheckArgs, Command, SampleArgs, SampleKind};
use crate::{help, report};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use vtr_core::export::{rows_of, write_csv, write_xlsx_rows, Which};
use vtr_core::mapping::fold_header;
use vtr_core::read::FileError;
use vtr_core::texts::Lang;
use vtr_core::{analyze, Dataset, LoadOptions, Registry, Settings};

/// A failure with its exit code; the message is one line on stderr.
struct Failure {
    code: u8,
    message: String,
}

fn input_error(message: String) -> Failure {
    Failure { code: 2, message }
}

fn output_error(path: &Path, e: &std::io::Error) -> Failure {
    Failure {
        code: 1,
        message: format!("cannot write {}: {e}", path.display()),
    }
}

pub fn run(cmd: Command) -> ExitCode {
    let result = match cmd {
        Command::Help => print(help::MAIN),
        Command::CheckHelp => print(&help::check()),
        Command::SampleHelp => print(help::SAMPLE),
        Command::Version => print(concat!("vtr ", env!("CARGO_PKG_VERSION"), "\n")),
        Command::Check(a) => check(&a),
        Command::Sample(a) => sample(&a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            crate::to_stderr(&format!("vtr: {}\n", f.message));
            ExitCode::from(f.code)
        }
    }
}

/// What became of writing to standard output. A reader that has gone
/// (`vtr check f.csv | head -1`) wants no more, so that is not a failure
/// and nothing is said; any other error, a full disk say, is one: the
/// output is incomplete.
fn stdout_result(r: std::io::Result<()>) -> Result<(), Failure> {
    match r {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure {
            code: 1,
            message: format!("cannot write standard output: {e}"),
        }),
        _ => Ok(()),
    }
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    stdout_result(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn cannot_read(path: &Path, e: &std::io::Error) -> Failure {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        _ => e.to_string(),
    };
    if path.as_os_str() == "-" {
        input_error(format!("cannot read standard input: {why}"))
    } else {
        input_error(format!("cannot read {}: {why}", path.display()))
    }
}

fn settings(a: &CheckArgs) -> Settings {
    let mut s = Settings::new(a.as_of.unwrap_or_else(today));
    if let Some(n) = a.window_days {
        s.window_days = n;
    }
    if let Some(n) = a.lag_days {
        s.lag_days = n;
    }
    if let Some(t) = a.threshold_bp {
        s.threshold_bp = t;
    }
    if let Some(m) = &a.marketplace {
        s.marketplace.clone_from(m);
    }
    s.all_dates = a.all_dates;
    s.international = a.international;
    s
}

/// Refuses an export that would overwrite an input (the seller's only copy
/// of an export is easily named twice by a slip on the command line), and
/// what cannot be done with standard input or output.
fn exports_spare_inputs(a: &CheckArgs) -> Result<(), Failure> {
    let same = |x: &Path, y: &Path| match (x.canonicalize(), y.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    let exports = [
        ("--export-invalid", &a.export_invalid),
        ("--export-all", &a.export_all),
    ];
    // Standard input can be read once: a second "-" would be an empty file.
    if a.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(input_error(
            "standard input (-) is named more than once; it can be read only once. Name it once, or save it to a file."
                .to_string(),
        ));
    }
    for (flag, out) in exports {
        let Some(out) = out else { continue };
        // Standard output carries the result (or its JSON): an export
        // there would be mixed into it.
        if out.as_os_str() == "-" {
            return Err(input_error(format!(
                "{flag} -: an export is written to a file, and standard output carries the result. Give a file name, such as invalid.csv."
            )));
        }
        if a.files.iter().any(|f| f.as_os_str() != "-" && same(f, out)) {
            return Err(input_error(format!(
                "{flag} {}: that is one of the files being checked; writing it would replace it. Choose another name.",
                out.display()
            )));
        }
    }
    if let (Some(x), Some(y)) = (&a.export_invalid, &a.export_all) {
        if x == y {
            return Err(input_error(format!(
                "--export-invalid and --export-all both name {}; give each its own file.",
                x.display()
            )));
        }
    }
    Ok(())
}

/// Whether an export path asks for a workbook.
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn check(a: &CheckArgs) -> Result<(), Failure> {
    exports_spare_inputs(a)?;
    let options = LoadOptions {
        overrides: a.maps.clone(),
        date_order: a.date_order,
        remembered: Vec::new(),
        encoding: a.encoding,
        sheet: a.sheet.clone(),
    };
    let mut data = Dataset::new();
    for (i, path) in a.files.iter().enumerate() {
        let name = path.display().to_string();
        let threads = a.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        let file = crate::read::read_file(path, &name, &data, &options, threads)
            .map_err(|e| cannot_read(path, &e.0))?;
        data.push(i as u64, file);
    }
    // Files that are no table at all first; then a --map naming a header
    // no file has (a typo explains a missing column better than the
    // missing column does); then any other file error.
    for f in data.files() {
        if let Some(e @ (FileError::Decode(_) | FileError::NoHeader(_) | FileError::Workbook(_))) =
            &f.error
        {
            return Err(input_error(format!("{}: {e}", f.name)));
        }
    }
    // A --sheet for no workbook at all is a slip the user must hear about.
    if let Some(sheet) = &a.sheet {
        if data.files().iter().all(|f| f.workbook.is_none()) {
            return Err(input_error(format!(
                "--sheet {sheet}: none of the files is a workbook; --sheet chooses a sheet in a workbook (.xlsx, .xls, .ods)"
            )));
        }
    }
    // The engine applies an override only to files that have its header;
    // one that no file has is a typo the user must hear about.
    for (field, header) in &a.maps {
        let want = fold_header(header);
        let found = header.trim().is_empty()
            || data
                .files()
                .iter()
                .any(|f| f.headers.iter().any(|h| fold_header(h) == want));
        if !found {
            let headers: Vec<String> = data
                .files()
                .iter()
                .flat_map(|f| f.headers.iter().map(|h| format!("\"{h}\"")))
                .collect();
            return Err(input_error(format!(
                "--map {}={header}: no file has a column named \"{header}\"; the headers are: {}",
                field.key(),
                headers.join(", ")
            )));
        }
    }
    for f in data.files() {
        if let Some(e) = &f.error {
            return Err(input_error(format!("{}: {e}", f.name)));
        }
    }
    let registry = Registry::default();
    let settings = settings(a);
    let analysis = analyze(&data, &settings, &registry);
    for (path, which) in [
        (&a.export_invalid, Which::Invalid),
        (&a.export_all, Which::All),
    ] {
        let Some(path) = path else { continue };
        // A name ending in .xlsx gets a workbook: its text cells keep
        // long tracking numbers whole where a CSV opened in Excel does not.
        if is_xlsx(path) {
            let rows = rows_of(&analysis, which);
            let bytes = write_xlsx_rows(&data, &analysis, rows, Lang::En).map_err(|e| Failure {
                code: 1,
                message: format!("{}: {e}", path.display()),
            })?;
            std::fs::write(path, bytes).map_err(|e| output_error(path, &e))?;
            continue;
        }
        let file = std::fs::File::create(path).map_err(|e| output_error(path, &e))?;
        write_csv(
            std::io::BufWriter::new(file),
            &data,
            &analysis,
            &registry,
            which,
            Lang::En,
        )
        .map_err(|e| output_error(path, &e))?;
    }
    let text = if a.json {
        let mut j = serde_json::to_string_pretty(&analysis.summary).map_err(|e| Failure {
            code: 1,
            message: format!("cannot write the result: {e}"),
        })?;
        j.push('\n');
        j
    } else {
        report::render(&data, &analysis, settings.threshold_bp)
    };
    print(&text)
}

fn sample(a: &SampleArgs) -> Result<(), Failure> {
    let end = a.end.unwrap_or_else(today);
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(w);
        match a.kind {
            SampleKind::OrderReport => {
                vtr_core::synth::write_csv_ending(a.rows, a.seed, end, &mut w)
            }
            SampleKind::Confirmation => {
                vtr_core::synth::write_confirmation(a.rows, a.seed, end, &mut w)
            }
        }?;
        w.flush()
    };
    match &a.out {
        // A name ending in .xlsx gets the same rows as a workbook.
        Some(path) if is_xlsx(path) => {
            let mut text = Vec::new();
            write(&mut text).map_err(|e| output_error(path, &e))?;
            let delimiter = match a.kind {
                SampleKind::OrderReport => b',',
                SampleKind::Confirmation => b'\t',
            };
            let book = vtr_core::synth::workbook_of(&text, delimiter).map_err(|e| Failure {
                message: format!("could not write the workbook {}: {e}", path.display()),
                code: 1,
            })?;
            std::fs::write(path, book).map_err(|e| output_error(path, &e))
        }
        Some(path) => {
            let mut file = std::fs::File::create(path).map_err(|e| output_error(path, &e))?;
            write(&mut file).map_err(|e| output_error(path, &e))
        }
        None => stdout_result(write(&mut std::io::stdout().lock())),
    }
}
