//! Times each phase of `vtr check` on one file: `cargo run --release
//! --example phases -- FILE`. For finding where time goes, not a benchmark.
use std::io::Read;
use std::time::Instant;
use vtr_core::{analyze_prepared, Dataset, FileReader, LoadOptions, Prepared, Registry, Settings};

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("read");
    let t = Instant::now();
    let mut n = 0u64;
    let mut rec = csv_count(&bytes);
    rec += 0;
    println!(
        "csv-core records only {:.3} s ({rec} records)",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut data = Dataset::new();
    let earlier = data.earlier();
    let mut r = FileReader::new(&path, bytes.len() as u64, None, &LoadOptions::default());
    for piece in bytes.chunks(1 << 20) {
        r.push(piece, &earlier);
        n += 1;
    }
    let part = r.finish(&earlier);
    println!("read {:.3} s ({n} pieces)", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let file = part.into_file();
    println!("assemble {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    drop(earlier);
    data.push(0, file);
    println!("pool {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let reg = Registry::default();
    let prep = std::sync::Arc::new(Prepared::new(&data, &reg));
    println!("prepare {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let s = Settings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    let a = analyze_prepared(&data, &prep, &s);
    println!(
        "analyze {:.3} s: {} packages, {} valid",
        t.elapsed().as_secs_f64(),
        a.summary.packages,
        a.summary.valid
    );
    let _ = std::io::stdin().read(&mut []);
}

fn csv_count(bytes: &[u8]) -> u64 {
    let mut r = csv_core::Reader::new();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1024];
    let mut input = bytes;
    let mut n = 0;
    loop {
        let (res, nin, _, _) = r.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        match res {
            csv_core::ReadRecordResult::Record => n += 1,
            csv_core::ReadRecordResult::End => break,
            _ => {}
        }
    }
    n
}
