//! Parsing kernels on one file, to compare against: `cargo run --release
//! --example kernels -- FILE`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let bytes = std::fs::read(&path).expect("read");
    let delim = if path.ends_with(".tsv") { b'\t' } else { b',' };
    for _ in 0..2 {
        let t = Instant::now();
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[..]);
        let mut rec = csv::ByteRecord::new();
        let mut n = 0u64;
        while r.read_byte_record(&mut rec).unwrap_or(false) {
            n += rec.len() as u64;
        }
        println!(
            "csv ByteRecord      {:.3} s ({n} fields)",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let mut r = csv_core::ReaderBuilder::new().delimiter(delim).build();
        let mut out = vec![0u8; 1 << 16];
        let mut ends = vec![0usize; 1024];
        let mut input = &bytes[..];
        let mut n = 0u64;
        loop {
            let (res, nin, _, nend) = r.read_record(input, &mut out, &mut ends);
            input = &input[nin..];
            n += nend as u64;
            if let csv_core::ReadRecordResult::End = res {
                break;
            }
        }
        println!(
            "csv_core            {:.3} s ({n} fields)",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let mut r = vtr_core::records::Records::new(delim, 1);
        let mut n = 0u64;
        for piece in bytes.chunks(1 << 20) {
            r.push(piece, &mut |rec| n += rec.len() as u64);
        }
        r.finish(&mut |rec| n += rec.len() as u64);
        println!(
            "Records             {:.3} s ({n} fields)",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let n = memchr::memchr_iter(b'\n', &bytes).count();
        println!(
            "memchr lines        {:.3} s ({n})",
            t.elapsed().as_secs_f64()
        );
    }
}
