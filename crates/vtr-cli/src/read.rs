//! Reading the files named on the command line: from disk in parts on
//! several threads (vtr_core::split), or from standard input as a stream.

use std::io::Read;
use std::path::Path;

use vtr_core::read::{FileReader, LoadOptions, LoadedFile};
use vtr_core::split::{read_split, PIECE};
use vtr_core::Dataset;

/// Files smaller than twice this are read on one thread: splitting costs
/// more than it saves.
const MIN_PART: u64 = 8 << 20;

/// Why a file could not be read.
pub struct Unreadable(pub std::io::Error);

/// Reads `path` (or standard input for `-`) into a file of the dataset,
/// after the files already in it, with up to `threads` threads.
pub fn read_file(
    path: &Path,
    name: &str,
    data: &Dataset,
    options: &LoadOptions,
    threads: usize,
) -> Result<LoadedFile, Unreadable> {
    let earlier = data.earlier();
    if path.as_os_str() == "-" {
        let mut r = FileReader::new(name, 0, None, options);
        let mut input = std::io::stdin().lock();
        let mut buf = vec![0u8; PIECE];
        loop {
            match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => r.push(&buf[..n], &earlier),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Unreadable(e)),
            }
        }
        return Ok(r.finish(&earlier).into_file());
    }
    let file = std::fs::File::open(path).map_err(Unreadable)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Unreadable(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    read_split(&file, name, options, &earlier, threads, MIN_PART).map_err(Unreadable)
}
