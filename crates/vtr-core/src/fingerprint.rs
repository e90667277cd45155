//! Row fingerprints for the duplicate-row rule (section 2): a row whose
//! every cell, trimmed, equals an earlier row's is dropped.
//!
//! Rows are not kept, so a repeat is recognised by a 128-bit XXH3 hash of
//! the row's trimmed cells and where each ends. XXH3 computes in 64-bit
//! arithmetic on every target, so the page (wasm32) and the command line
//! (x86_64) get the same fingerprint for the same row; the test
//! `fingerprints_are_the_same_on_every_target` pins exact values and runs
//! natively and in the browser. Two different rows share a fingerprint
//! with a chance of about n^2 / 2^129: for a billion rows, 1 in 10^20.

use crate::records::Record;
use xxhash_rust::xxh3::xxh3_128;

/// A row's fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64, pub u64);

impl Fingerprint {
    /// A hash for tables: 64 of the fingerprint's bits.
    pub fn hash(&self) -> u64 {
        self.0
    }

    /// The fingerprint as one number.
    pub fn as_u128(&self) -> u128 {
        (u128::from(self.0) << 64) | u128::from(self.1)
    }

    /// A fingerprint from [`Fingerprint::as_u128`].
    pub fn from_u128(v: u128) -> Self {
        Fingerprint((v >> 64) as u64, v as u64)
    }
}

/// Computes fingerprints, reusing its buffer from row to row.
#[derive(Default)]
pub struct Fingerprinter {
    buf: Vec<u8>,
    ends: Vec<u8>,
}

impl Fingerprinter {
    /// The fingerprint of a record's cells, each trimmed of ASCII
    /// whitespace.
    pub fn of(&mut self, record: &Record<'_>) -> Fingerprint {
        self.buf.clear();
        self.ends.clear();
        self.buf.reserve(record.bytes().len() + 4 * record.len());
        self.ends.reserve(4 * record.len());
        let mut end = 0u32;
        for c in record.iter() {
            let c = c.trim_ascii();
            self.buf.extend_from_slice(c);
            // Where each cell ends, so "ab","c" and "a","bc" differ.
            end = end.wrapping_add(c.len() as u32);
            self.ends.extend_from_slice(&end.to_le_bytes());
        }
        self.buf.extend_from_slice(&self.ends);
        let h = xxh3_128(&self.buf);
        Fingerprint((h >> 64) as u64, h as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Records;

    /// The fingerprints of `text`'s records.
    fn of_text(text: &str) -> Vec<Fingerprint> {
        let mut f = Fingerprinter::default();
        let mut out = Vec::new();
        let mut r = Records::new(b',', 1);
        r.push(text.as_bytes(), &mut |rec| out.push(f.of(rec)));
        r.finish(&mut |rec| out.push(f.of(rec)));
        out
    }

    #[test]
    fn fingerprints_are_the_same_on_every_target() {
        // The browser test `fingerprints_match_the_native_ones` pins the
        // same values on wasm32.
        let fp = of_text("111-1234567-1234567, 1Z999AA10123456784 ,UPS,玩具\n");
        assert_eq!(fp[0].as_u128(), 0xbafa8c2c9c63a8801acda8ab68ac2efb);
    }

    #[test]
    fn padding_is_ignored_but_cell_boundaries_are_not() {
        let fps = of_text("a,b\n a , b \nab,\n,ab\n\"a\",b\n");
        assert_eq!(fps[0], fps[1]);
        assert_ne!(fps[0], fps[2]);
        assert_ne!(fps[2], fps[3]);
        assert_eq!(fps[0], fps[4], "quotes are not part of the cell");
    }
}
