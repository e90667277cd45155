//! Reading a file as parts on several threads, with exactly the result of
//! reading it in one go.
//!
//! The file is cut at line starts into one part per thread; each thread
//! reads its part with the layout the file's start decided, and the parts
//! are put back in file order ([`assemble`]). Where a cut did not fall
//! cleanly between two records (a quoted field running over it), a part
//! decided on another encoding, or a row repeats a row of an earlier part,
//! the file is read on from there in one go: the result never depends on
//! where the cuts fell or how many threads read.
//!
//! ```
//! use vtr_core::split::read_split;
//! use vtr_core::read::{Earlier, LoadOptions};
//! let mut csv = b"order-id,tracking-number\n".to_vec();
//! for i in 0..1000 {
//!     csv.extend_from_slice(format!("{i},1Z999AA1{i:08}\n").as_bytes());
//! }
//! let one = read_split(&&csv[..], "a.csv", &LoadOptions::default(), &Earlier::none(), 1, 1).unwrap();
//! let four = read_split(&&csv[..], "a.csv", &LoadOptions::default(), &Earlier::none(), 4, 1).unwrap();
//! assert_eq!(one.report, four.report);
//! assert_eq!(four.packages(), 1000);
//! ```

use crate::decode::Start;
use crate::read::{
    assemble, cut_after_line_feed, fits, Earlier, FileReader, Fit, Head, LoadOptions, LoadedFile,
    Part,
};
use std::io;

/// How much of a file is read at a time: large enough that the per-piece
/// cost vanishes, small enough that memory follows the packages, not the
/// file.
pub const PIECE: usize = 1 << 20;

/// How much more is read at a time while the file's start is looked at.
const HEAD_STEP: u64 = 16 * 1024;

/// Where a file's bytes come from: anything that reads at an offset.
pub trait Source: Sync {
    /// The size in bytes.
    fn size(&self) -> u64;
    /// Reads at `offset` into `buf`; 0 at the end.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize>;
}

impl Source for &[u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let n = buf.len().min(self.len() - start);
        buf[..n].copy_from_slice(&self[start..start + n]);
        Ok(n)
    }
}

#[cfg(unix)]
impl Source for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }
}

#[cfg(windows)]
impl Source for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        std::os::windows::fs::FileExt::seek_read(self, buf, offset)
    }
}

/// Reads `src` as file `name` after the files of `earlier`, in up to
/// `threads` parts of at least `min_part` bytes each.
pub fn read_split(
    src: &dyn Source,
    name: &str,
    options: &LoadOptions,
    earlier: &Earlier<'_>,
    threads: usize,
    min_part: u64,
) -> io::Result<LoadedFile> {
    let size = src.size();
    let mut first = FileReader::new(name, size, None, options);
    // Threads are not there in the browser; the page splits files itself.
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads
    };
    if threads <= 1 || size < min_part.saturating_mul(2) {
        feed(&mut first, src, 0, u64::MAX, earlier)?;
        return Ok(first.finish(earlier).into_file());
    }
    // Read until the header (and with it the layout) is known: the first
    // 64 KB of text, or a little more.
    let mut pos = 0u64;
    while first.head().is_none() && !first.stopped() && pos < size {
        pos += feed(&mut first, src, pos, HEAD_STEP, earlier)?;
    }
    let head = match first.head() {
        Some(h) if splits(&h) => h,
        _ => {
            feed(&mut first, src, pos, u64::MAX, earlier)?;
            return Ok(first.finish(earlier).into_file());
        }
    };
    let parts_wanted = threads.min(
        usize::try_from((size - pos) / min_part.max(1))
            .unwrap_or(1)
            .max(1),
    );
    let starts = cuts(src, pos, size, parts_wanted)?;
    let parts = read_parts(src, first, pos, &head, &starts, size, earlier)?;
    finish_parts(src, name, size, options, &head, &starts, parts, earlier)
}

/// Puts parts read apart back together, reading on in one go from the
/// first that does not fit.
#[allow(clippy::too_many_arguments)]
fn finish_parts(
    src: &dyn Source,
    name: &str,
    size: u64,
    options: &LoadOptions,
    head: &Head,
    starts: &[u64],
    parts: Vec<Part>,
    earlier: &Earlier<'_>,
) -> io::Result<LoadedFile> {
    let mut accepted: Vec<Part> = Vec::new();
    let mut again_from = None;
    for (k, part) in parts.into_iter().enumerate() {
        match fits(&accepted, &part) {
            Fit::Yes => accepted.push(part),
            // The part before did not end at a record's end: read on from
            // its own start, which was a clean one.
            Fit::NotAtBreak => {
                accepted.pop();
                again_from = Some(k - 1);
                break;
            }
            Fit::Encoding | Fit::Repeats => {
                again_from = Some(k);
                break;
            }
        }
    }
    let Some(k) = again_from else {
        return Ok(assemble(accepted));
    };
    if k == 0 {
        // Not even the first cut was clean: one reader, from the start.
        let mut r = FileReader::new(name, size, None, options);
        feed(&mut r, src, 0, u64::MAX, earlier)?;
        return Ok(r.finish(earlier).into_file());
    }
    let start = starts[k - 1];
    let mut head = head.clone();
    if let Some(enc) = accepted.iter().find_map(Part::decided) {
        head.start = Start::Decided(enc);
    }
    let last = {
        let mut e = earlier.clone();
        for p in &accepted {
            e.add_part(p);
        }
        let mut r = FileReader::part(&head);
        feed(&mut r, src, start, u64::MAX, &e)?;
        r.finish(&e)
    };
    accepted.push(last);
    Ok(assemble(accepted))
}

/// Whether parts of a file in this layout can be read apart: not for
/// UTF-16, whose line feeds are two bytes.
fn splits(head: &Head) -> bool {
    match head.start {
        Start::Decided(e) => e.splits_at_line_feeds(),
        Start::Ascii => true,
        Start::File => false,
    }
}

/// Where parts after the first start: just after a line feed near each
/// nominal cut.
fn cuts(src: &dyn Source, from: u64, size: u64, parts: usize) -> io::Result<Vec<u64>> {
    let mut out: Vec<u64> = Vec::new();
    let mut window = vec![0u8; 64 * 1024];
    for k in 1..parts as u64 {
        let nominal = from + (size - from) * k / parts as u64;
        if out.last().is_some_and(|&last| nominal <= last) {
            continue;
        }
        let n = read_full(src, nominal, &mut window)?;
        if let Some(at) = cut_after_line_feed(&window[..n]) {
            let cut = nominal + at as u64;
            if cut < size && out.last().is_none_or(|&last| cut > last) {
                out.push(cut);
            }
        }
    }
    Ok(out)
}

/// Reads the parts on one thread each: the first one on from where its
/// header was read, the others from their cuts.
fn read_parts(
    src: &dyn Source,
    mut first: FileReader,
    first_pos: u64,
    head: &Head,
    starts: &[u64],
    size: u64,
    earlier: &Earlier<'_>,
) -> io::Result<Vec<Part>> {
    let ends: Vec<u64> = starts.iter().copied().chain([size]).collect();
    std::thread::scope(|scope| {
        let first_end = ends[0];
        let lead = scope.spawn(move || -> io::Result<Part> {
            feed(
                &mut first,
                src,
                first_pos,
                first_end.saturating_sub(first_pos),
                earlier,
            )?;
            Ok(first.finish(earlier))
        });
        let others: Vec<_> = starts
            .iter()
            .zip(&ends[1..])
            .map(|(&start, &end)| {
                scope.spawn(move || -> io::Result<Part> {
                    let mut r = FileReader::part(head);
                    feed(&mut r, src, start, end - start, earlier)?;
                    Ok(r.finish(earlier))
                })
            })
            .collect();
        let mut parts = vec![join(lead)?];
        for h in others {
            parts.push(join(h)?);
        }
        Ok(parts)
    })
}

fn join(h: std::thread::ScopedJoinHandle<'_, io::Result<Part>>) -> io::Result<Part> {
    h.join()
        .map_err(|_| io::Error::other("a reading thread stopped"))?
}

/// Pushes up to `limit` bytes of `src` from `offset` into `r`; returns how
/// many.
fn feed(
    r: &mut FileReader,
    src: &dyn Source,
    offset: u64,
    limit: u64,
    earlier: &Earlier<'_>,
) -> io::Result<u64> {
    let mut buf = vec![0u8; PIECE];
    let mut done = 0u64;
    while done < limit && !r.stopped() {
        let want = (limit - done).min(PIECE as u64) as usize;
        let n = match src.read_at(offset + done, &mut buf[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        r.push(&buf[..n], earlier);
        done += n as u64;
    }
    Ok(done)
}

/// Reads into `buf` from `offset` until it is full or the source ends.
fn read_full(src: &dyn Source, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read_at(offset + n as u64, &mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
