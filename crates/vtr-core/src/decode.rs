//! Bytes to text: find out how a shipment file was encoded and decode it.
//!
//! Sellers export from Seller Central, Excel, ShipStation and Chinese ERPs, so
//! a file may arrive as UTF-8 (with or without a byte-order mark), UTF-16
//! (Excel's "Unicode text") or GBK/GB18030. The order of the checks is:
//!
//! 1. A byte-order mark decides: UTF-8, UTF-16 LE or UTF-16 BE.
//! 2. Known binary formats (xlsx/zip, xls, pdf, gzip) are refused with a
//!    sentence that tells the seller what to do instead.
//! 3. UTF-16 without a BOM is recognised by its pattern of NUL bytes.
//! 4. Any other NUL byte means the file is not text.
//! 5. Valid UTF-8 is taken as UTF-8, without copying.
//! 6. Anything else is GB18030, a superset of GBK and GB2312.
//!
//! Lone carriage returns (old Mac line ends, some Excel exports) become line
//! feeds, so that every later stage counts lines the same way; CRLF is kept.

use std::borrow::Cow;
use std::fmt;

/// The encoding a file was decoded from; shown to the user so a wrong guess
/// is visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with the byte-order mark EF BB BF (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// GB18030, which also decodes GBK and GB2312 (Chinese Excel and ERPs).
    Gb18030,
}

impl Encoding {
    /// A short human label, e.g. `"UTF-8 (BOM)"` or `"GB18030 (GBK)"`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Gb18030 => "GB18030 (GBK)",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A decoded file: its text (BOM removed, lone CRs turned into LFs) and the
/// encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// Borrowed from the input when the input was valid UTF-8 needing no
    /// line-end repair, so a 250 MB file is not copied.
    pub text: Cow<'a, str>,
    /// How the bytes were read.
    pub encoding: Encoding,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes at all, or only whitespace.
    Empty,
    /// Not a text file; `what` names the format that was recognised
    /// (`"an Excel workbook (.xlsx)"`, `"a PDF"`, ...).
    Binary {
        /// The recognised format, phrased to follow "This file is ".
        what: &'static str,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("The file is empty: it contains no shipment rows."),
            DecodeError::Binary { what } => write!(
                f,
                "This file is {what}, not a text file. Open it in Excel (or your spreadsheet \
                 program) and use File > Save As > \"CSV UTF-8 (Comma delimited)\" or a \
                 tab-delimited text file, then load that file instead."
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// What `decode` names a ZIP container: xlsx, ods and numbers files are all ZIPs.
pub const ZIP_WHAT: &str = "an Excel workbook (.xlsx) or another zip archive";

/// Decodes a whole file. See the module documentation for the order of checks.
///
/// Valid UTF-8 without a BOM and without lone CRs comes back as
/// `Cow::Borrowed`; a UTF-8 BOM is skipped without copying too.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, encoding) = match std::str::from_utf8(rest) {
            Ok(s) => (Cow::Borrowed(s), Encoding::Utf8Bom),
            // A BOM followed by broken UTF-8: still UTF-8, with the bad bytes
            // replaced, because the BOM is a deliberate statement.
            Err(_) => (String::from_utf8_lossy(rest), Encoding::Utf8Bom),
        };
        return finish(text, encoding);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return finish(decode_utf16(rest, true), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return finish(decode_utf16(rest, false), Encoding::Utf16Be);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(DecodeError::Binary { what });
    }
    if let Some(little_endian) = bomless_utf16(bytes) {
        let enc = if little_endian {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return finish(decode_utf16(bytes, little_endian), enc);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary {
            what: "binary data (it contains NUL bytes)",
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => {
            let (text, _had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            finish(text, Encoding::Gb18030)
        }
    }
}

fn finish(text: Cow<'_, str>, encoding: Encoding) -> Result<Decoded<'_>, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: fix_lone_cr(text),
        encoding,
    })
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Cow<'_, str> {
    let enc = if little_endian {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    // UTF-16 text never borrows from the input bytes.
    Cow::Owned(text.into_owned())
}

/// Magic numbers of formats sellers mistakenly upload.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"PK\x03\x04", ZIP_WHAT),
        (b"PK\x05\x06", ZIP_WHAT),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Excel workbook (.xls)",
        ),
        (b"%PDF", "a PDF document"),
        (b"\x1F\x8B", "a gzip-compressed file"),
        (b"Rar!", "a RAR archive"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Recognises UTF-16 saved without a BOM: in mostly-ASCII text every other
/// byte is NUL, on the odd positions for LE and the even ones for BE.
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if even_nul == 0 && odd_nul * 10 >= pairs * 6 {
        Some(true)
    } else if odd_nul == 0 && even_nul * 10 >= pairs * 6 {
        Some(false)
    } else {
        None
    }
}

/// Turns every CR not followed by LF into LF; borrows when there is none.
fn fix_lone_cr(text: Cow<'_, str>) -> Cow<'_, str> {
    let has_lone_cr = {
        let b = text.as_bytes();
        // Most files have no CR at all: one fast scan settles them.
        b.contains(&b'\r')
            && b.iter()
                .enumerate()
                .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
    };
    if !has_lone_cr {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed() {
        let bytes = b"order-id,tracking-number\n1,2\n";
        let d = decode(bytes).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn bom_utf8_is_borrowed_and_stripped() {
        let d = decode(b"\xEF\xBB\xBFa,b\r\n").unwrap();
        assert!(matches!(d.text, Cow::Borrowed("a,b\r\n")));
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn lone_cr_becomes_lf_but_crlf_stays() {
        let d = decode(b"a\rb\r\nc\r").unwrap();
        assert_eq!(d.text, "a\nb\r\nc\n");
    }

    #[test]
    fn bomless_utf16_le_is_recognised() {
        let bytes: Vec<u8> = "order id\ttracking\n1\t2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert_eq!(d.text, "order id\ttracking\n1\t2\n");
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \r\n\t\n").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"\xFF\xFE").unwrap_err(), DecodeError::Empty);
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"abc\0def,ghi,jkl,mno").unwrap_err(),
            DecodeError::Binary {
                what: "binary data (it contains NUL bytes)"
            }
        );
    }
}
