//! End-to-end throughput: bytes -> load -> analyze on a million realistic
//! rows (`vtr_core::synth`), best of three, with peak memory.
//!
//! Run: `cargo bench -p vtr-core --bench throughput` (bench profile:
//! release, opt-level 3). `VTR_BENCH_ROWS` changes the row count.
//!
//! Generating the file takes memory of its own, so the parent process only
//! writes it to a temporary path and runs this same binary again with
//! `VTR_BENCH_FILE` set; that child reads the file, runs the engine and
//! reports its peak resident memory (VmHWM) against the file size. The
//! file's own bytes count towards the peak, as they do in the app.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};
use vtr_core::{analyze, load, FileInput, LoadOptions, Registry, Settings};

const RUNS: usize = 3;

fn main() {
    match std::env::var_os("VTR_BENCH_FILE") {
        Some(path) => child(std::path::Path::new(&path)),
        None => parent(),
    }
}

fn parent() {
    let rows: usize = std::env::var("VTR_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let path = std::env::temp_dir().join(format!("vtr-bench-{}.csv", std::process::id()));
    let t = Instant::now();
    {
        let file = std::fs::File::create(&path).expect("create temp file");
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        vtr_core::synth::write_csv(rows, 42, &mut w).expect("write sample");
        w.flush().expect("flush");
    }
    eprintln!(
        "generated {rows} rows in {:.2} s -> {}",
        t.elapsed().as_secs_f64(),
        path.display()
    );
    let status = Command::new(std::env::current_exe().expect("own path"))
        .env("VTR_BENCH_FILE", &path)
        .status();
    let _ = std::fs::remove_file(&path);
    match status {
        Ok(s) if s.success() => {}
        other => {
            eprintln!("benchmark child failed: {other:?}");
            std::process::exit(1);
        }
    }
}

/// A `/proc/self/status` field in bytes (Linux only; 0 elsewhere).
fn proc_status_bytes(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed());
        last = Some(out);
    }
    (best, last.expect("RUNS > 0"))
}

fn mb_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn child(path: &std::path::Path) {
    let bytes = std::fs::read(path).expect("read bench file");
    let size = bytes.len();
    let base_rss = proc_status_bytes("VmRSS:");
    let settings = Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"));
    let registry = Registry::default();
    let options = LoadOptions::default();

    // End to end first, so VmHWM reflects the real pipeline alone.
    let (e2e, (rows, packages, vtr)) = best(|| {
        let data = load(&[FileInput::new("bench.csv", &bytes)], &options);
        let a = analyze(&data, &settings, &registry);
        (data.rows(), a.summary.packages, a.summary.vtr)
    });
    let peak = proc_status_bytes("VmHWM:");

    println!("vtr-core throughput, best of {RUNS}");
    println!(
        "  input          {rows} rows, {:.1} MB, {packages} packages, vtr {:.4}",
        size as f64 / 1e6,
        vtr.unwrap_or(0.0)
    );
    println!(
        "  end to end     {:.3} s  {:.0} MB/s  {:.0} rows/s",
        e2e.as_secs_f64(),
        mb_s(size, e2e),
        rows as f64 / e2e.as_secs_f64()
    );
    println!(
        "  peak memory    {:.1} MB VmHWM = {:.2}x file size ({:.2}x beyond the file's own bytes; {:.1} MB resident before loading)",
        peak as f64 / 1e6,
        peak as f64 / size as f64,
        peak.saturating_sub(base_rss) as f64 / size as f64,
        base_rss as f64 / 1e6
    );
    let pass = mb_s(size, e2e) >= 150.0 && (peak as f64) < 2.0 * size as f64;
    println!(
        "  targets        >= 150 MB/s end to end, peak < 2x file size: {}",
        if pass { "met" } else { "MISSED" }
    );
    // `VTR_BENCH_PHASES=0` skips the phases, for a clean profile of the
    // end-to-end run (`perf record` on the child).
    if std::env::var("VTR_BENCH_PHASES").as_deref() == Ok("0") {
        return;
    }

    // Phases, to see where the time goes.
    let (t_decode, _) = best(|| vtr_core::decode::decode(&bytes).map(|d| d.text.len()));
    let (t_csv, records) = best(|| {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[..]);
        let mut rec = csv::ByteRecord::new();
        let mut n = 0u64;
        while r.read_byte_record(&mut rec).unwrap_or(false) {
            n += 1;
        }
        n
    });
    let (t_load, data) = best(|| load(&[FileInput::new("bench.csv", &bytes)], &options));
    let (t_analyze, _) = best(|| analyze(&data, &settings, &registry));

    println!("  phases:");
    println!(
        "    decode (UTF-8 check)  {:.3} s  {:.0} MB/s",
        t_decode.as_secs_f64(),
        mb_s(size, t_decode)
    );
    println!(
        "    csv records only      {:.3} s  {:.0} MB/s  ({records} records)",
        t_csv.as_secs_f64(),
        mb_s(size, t_csv)
    );
    println!(
        "    load                  {:.3} s  {:.0} MB/s",
        t_load.as_secs_f64(),
        mb_s(size, t_load)
    );
    println!(
        "    analyze               {:.3} s  {:.0} packages/s",
        t_analyze.as_secs_f64(),
        packages as f64 / t_analyze.as_secs_f64()
    );
}
