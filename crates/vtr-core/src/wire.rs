//! A plain little-endian byte format for handing a part of a file read
//! in one Web Worker to another: fixed-width numbers and length-prefixed
//! byte strings, read back with every length checked.

use std::fmt;

/// The bytes are not a part this engine wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireError;

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a part read elsewhere came back damaged")
    }
}

impl std::error::Error for WireError {}

/// Writes values one after the other.
#[derive(Default)]
pub struct Writer {
    pub(crate) out: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i32(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i64(&mut self, v: i64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.out.extend_from_slice(b);
    }
    /// A count of items that follow.
    pub(crate) fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
}

/// Reads values back in the order they were written.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self.pos.checked_add(n).ok_or(WireError)?;
        let b = self.bytes.get(self.pos..end).ok_or(WireError)?;
        self.pos = end;
        Ok(b)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], WireError> {
        self.take(N)?.try_into().map_err(|_| WireError)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, WireError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn i32(&mut self) -> Result<i32, WireError> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    pub(crate) fn i64(&mut self) -> Result<i64, WireError> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], WireError> {
        let n = usize::try_from(self.u64()?).map_err(|_| WireError)?;
        self.take(n)
    }
    /// A count of items that follow, each at least `min_size` bytes: a
    /// damaged count cannot make the reader allocate more than the bytes
    /// left could hold.
    pub(crate) fn len(&mut self, min_size: usize) -> Result<usize, WireError> {
        let n = usize::try_from(self.u64()?).map_err(|_| WireError)?;
        let left = self.bytes.len() - self.pos;
        if n.saturating_mul(min_size.max(1)) > left {
            return Err(WireError);
        }
        Ok(n)
    }
    pub(crate) fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}
