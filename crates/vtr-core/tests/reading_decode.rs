//! Bytes to text: every supported encoding gives the same text, and files
//! that are not text are refused with a useful sentence.

use vtr_core::decode::{decode, BinaryKind, DecodeError, Encoding, ZIP_WHAT};

const TEXT: &str = "订单号,追踪编号,承运人\n114-1234567-1234567,1Z999AA10123456784,UPS\n";

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf8_without_bom() {
    let d = decode(TEXT.as_bytes()).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.text, TEXT);
}

#[test]
fn utf8_with_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(TEXT.as_bytes());
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8Bom);
    assert_eq!(d.text, TEXT);
}

#[test]
fn utf16_le_with_bom() {
    let bytes = utf16(TEXT, true);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Utf16Le);
    assert_eq!(d.text, TEXT);
}

#[test]
fn utf16_be_with_bom() {
    let bytes = utf16(TEXT, false);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Utf16Be);
    assert_eq!(d.text, TEXT);
}

#[test]
fn gb18030_and_gbk() {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(TEXT);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "test data must not be UTF-8"
    );
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Gb18030);
    assert_eq!(d.text, TEXT);

    let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
    let d = decode(&gbk).unwrap();
    assert_eq!(d.encoding, Encoding::Gb18030);
    assert_eq!(d.text, TEXT);
}

#[test]
fn labels() {
    assert_eq!(Encoding::Utf8.label(), "UTF-8");
    assert_eq!(Encoding::Utf8Bom.label(), "UTF-8 (BOM)");
    assert_eq!(Encoding::Utf16Le.label(), "UTF-16 LE");
    assert_eq!(Encoding::Utf16Be.label(), "UTF-16 BE");
    assert_eq!(Encoding::Gb18030.label(), "GB18030 (GBK)");
}

#[test]
fn xlsx_is_refused_with_advice() {
    let bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
    let err = decode(bytes).unwrap_err();
    assert_eq!(err, DecodeError::Binary(BinaryKind::Zip));
    assert_eq!(BinaryKind::Zip.what(), ZIP_WHAT);
    let msg = err.to_string();
    assert!(msg.contains(".xlsx"), "{msg}");
    assert!(msg.contains("CSV"), "{msg}");
}

#[test]
fn xls_and_pdf_are_refused() {
    let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00";
    assert_eq!(
        decode(xls).unwrap_err(),
        DecodeError::Binary(BinaryKind::Xls)
    );
    assert_eq!(
        decode(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap_err(),
        DecodeError::Binary(BinaryKind::Pdf)
    );
}

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
    assert_eq!(decode(b"   \r\n\n\t").unwrap_err(), DecodeError::Empty);
    assert_eq!(
        decode(&utf16("  \n", true)).unwrap_err(),
        DecodeError::Empty
    );
    assert_eq!(
        DecodeError::Empty.to_string(),
        "The file is empty: it contains no shipment rows."
    );
}

#[test]
fn line_ends() {
    // Lone CR (old Mac / Excel) becomes LF; CRLF and LF are kept; a last
    // line without a line end stays as it is.
    let d = decode(b"a,b\rc,d\r\ne,f\ng,h").unwrap();
    assert_eq!(d.text, "a,b\nc,d\r\ne,f\ng,h");
    let d = decode(b"a,b\r\nc,d").unwrap();
    assert_eq!(d.text, "a,b\r\nc,d");
}
