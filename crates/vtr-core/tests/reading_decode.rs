//! Bytes to text: every supported encoding gives the same text, and files
//! that are not text are refused with a useful sentence.

use vtr_core::decode::{
    decode, decode_as, BinaryKind, DecodeError, Encoding, Stray, StrayKind, ZIP_WHAT,
};

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
    let mut bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml".to_vec();
    bytes.extend_from_slice(b"\x00\x00PK\x03\x04\x14\x00\x06\x00xl/workbook.xml\x00\x01");
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err, DecodeError::Binary(BinaryKind::Xlsx));
    assert_eq!(BinaryKind::Xlsx.what(), ZIP_WHAT);
    assert_eq!(
        err.to_string(),
        "This is an Excel workbook (.xlsx), not a shipment export: open it in Excel and use \
         File > Save As > \"CSV UTF-8 (Comma delimited)\", then load that file."
    );
    // A zip without a workbook inside is named as a zip.
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00orders.csv\x00\x00";
    assert_eq!(
        decode(zip).unwrap_err(),
        DecodeError::Binary(BinaryKind::Zip)
    );
    assert_eq!(
        DecodeError::Binary(BinaryKind::Zip).to_string(),
        "This is a zip archive, not a shipment export: unpack it first, then load the text or \
         CSV file inside."
    );
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

fn utf32(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some('\u{feff}').into_iter().chain(text.chars());
    for c in units {
        let v = c as u32;
        out.extend(if le { v.to_le_bytes() } else { v.to_be_bytes() });
    }
    out
}

#[test]
fn utf32_with_and_without_bom_is_not_read_as_utf16() {
    for (le, want) in [(true, Encoding::Utf32Le), (false, Encoding::Utf32Be)] {
        for bom in [true, false] {
            let d = decode(&utf32(TEXT, le, bom)).unwrap();
            assert_eq!((d.encoding, bom), (want, bom));
            assert_eq!(d.text, TEXT);
            assert!(d.strays.is_empty());
        }
    }
    // ASCII-only UTF-32 too: its NUL pattern is three in four.
    let ascii = "order-id\ttracking-number\n1\t2\n";
    let d = decode(&utf32(ascii, true, false)).unwrap();
    assert_eq!(d.encoding, Encoding::Utf32Le);
    assert_eq!(d.text, ascii);
    // UTF-16 LE stays UTF-16 LE: its BOM is the start of UTF-32 LE's.
    let d = decode(&utf16(ascii, true)).unwrap();
    assert_eq!(d.encoding, Encoding::Utf16Le);
}

/// Amazon.co.jp's shipping-confirmation template as Japanese Excel saves it
/// (Shift_JIS/CP932, tab, CRLF), with Japanese carrier names.
pub fn jp_confirmation() -> String {
    let mut s = String::from(
        "TemplateType=OrderFulfillment\tVersion=2011.1102\tこの行はAmazonが使用しますので変更・削除しないでください。\r\n\
         注文番号\t注文商品番号\t出荷数\t出荷日\t配送業者コード\t配送業者名\tお問合わせ伝票番号\t配送方法\r\n\
         order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method\r\n",
    );
    let carriers = [
        ("Yamato Transport", "ヤマト運輸", "宅急便"),
        ("Sagawa Express", "佐川急便", "飛脚宅配便"),
        ("Japan Post", "日本郵便", "クリックポスト"),
    ];
    for i in 0..6 {
        let (code, name, method) = carriers[i % 3];
        s.push_str(&format!(
            "503-{:07}-{:07}\t{:014}\t1\t2026-10-{:02}\t{code}\t{name}\t{:012}\t{method}\r\n",
            1_234_560 + i,
            7_654_321,
            10_000 + i,
            10 + i,
            4_000_000_000_u64 + i as u64,
        ));
    }
    s
}

#[test]
fn shift_jis_amazon_jp_confirmation_reads_its_japanese_carrier_names() {
    let text = jp_confirmation();
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::ShiftJis, "not GBK");
    assert_eq!(d.text, text);
    assert!(d
        .text
        .contains("\tYamato Transport\tヤマト運輸\t004000000000\t宅急便\r\n"));
    assert!(d
        .text
        .contains("\tSagawa Express\t佐川急便\t004000000001\t飛脚宅配便\r\n"));
}

#[test]
fn windows_1252_european_file_reads_its_accents_and_euro() {
    let text = "Bestellnummer;Sendungsnummer;Versanddienstleister;Lieferdatum;Zustellung;Betrag\r\n\
                302-1234567-1234567;00340434161234567890;DHL;03.11.2026;Packstation Müller;12,99 €\r\n\
                302-1234567-1234568;JJD000390007551234567;Hermes;04.11.2026;Café Zoë, Düsseldorf;1.234,50 €\r\n\
                302-1234567-1234569;1Z999AA10123456784;UPS;05.11.2026;Straße 5, Genève;7,00 €\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        bytes.contains(&0x80),
        "the euro sign is 0x80 in Windows-1252"
    );
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Windows1252);
    assert_eq!(d.text, text);
}

#[test]
fn big5_and_euc_kr_by_evidence() {
    let big5 = "訂單編號,追蹤號碼,物流公司,出貨日期\n114-1234567-1234567,LX123456785CN,中華郵政,2026-11-03\n\
                114-1234567-1234568,LX123456799CN,黑貓宅急便,2026-11-04\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(big5);
    assert!(!unmappable);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Big5);
    assert_eq!(d.text, big5);

    let korean = "주문번호,운송장번호,택배사,배송일\n114-1234567-1234567,123456789012,우체국택배,2026-11-03\n\
                  114-1234567-1234568,234567890123,대한통운,2026-11-04\n";
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(korean);
    assert!(!unmappable);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::EucKr);
    assert_eq!(d.text, korean);
}

#[test]
fn a_forced_encoding_wins_and_drops_its_own_bom() {
    let text = "order-id,note\n1,Müller\n";
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert_eq!(decode_as(&latin, Encoding::Windows1252).unwrap().text, text);
    // Read as UTF-8 on purpose: the ü byte is invalid and noted on line 2.
    let d = decode_as(&latin, Encoding::Utf8).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert_eq!(d.text, "order-id,note\n1,M\u{FFFD}ller\n");
    assert_eq!(
        d.strays,
        vec![Stray {
            line: 2,
            kind: StrayKind::Invalid,
            count: 1
        }]
    );
    let d = decode_as(&utf16(text, true), Encoding::Utf16Le).unwrap();
    assert_eq!(d.text, text);
    // A forced encoding never makes a PDF readable.
    assert_eq!(
        decode_as(b"%PDF-1.4\n", Encoding::Windows1252).unwrap_err(),
        DecodeError::Binary(BinaryKind::Pdf)
    );
}

#[test]
fn names_of_encodings() {
    for e in Encoding::ALL {
        assert_eq!(Encoding::from_name(e.label()), Some(e), "{e}");
    }
    for (name, e) in [
        ("utf8", Encoding::Utf8),
        ("UTF-16LE", Encoding::Utf16Le),
        ("utf_32be", Encoding::Utf32Be),
        ("gbk", Encoding::Gb18030),
        ("SJIS", Encoding::ShiftJis),
        ("cp932", Encoding::ShiftJis),
        ("euc-kr", Encoding::EucKr),
        ("latin1", Encoding::Windows1252),
        ("Big5", Encoding::Big5),
    ] {
        assert_eq!(Encoding::from_name(name), Some(e), "{name}");
    }
    assert_eq!(Encoding::from_name("klingon"), None);
    assert_eq!(Encoding::from_name(""), None);
}

#[test]
fn files_that_are_no_table_are_named() {
    let cases: [(&[u8], BinaryKind, &str); 10] = [
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", BinaryKind::Pdf, "This is a PDF file, not a shipment export: download the report as a text or CSV file."),
        (b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", BinaryKind::Png, "This is a PNG image, not a shipment export: a picture of a report cannot be checked: download the report itself as a text or CSV file."),
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", BinaryKind::Jpeg, "This is a JPEG image, not a shipment export: a picture of a report cannot be checked: download the report itself as a text or CSV file."),
        (b"GIF89a\x01\x00\x01\x00", BinaryKind::Gif, "This is a GIF image, not a shipment export: a picture of a report cannot be checked: download the report itself as a text or CSV file."),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", BinaryKind::Webp, "This is a WebP image, not a shipment export: a picture of a report cannot be checked: download the report itself as a text or CSV file."),
        (b"\x1F\x8B\x08\x00\x00\x00\x00\x00", BinaryKind::Gzip, "This is a gzip-compressed file, not a shipment export: unpack it first, then load the text or CSV file inside."),
        (b"  \n{\"orders\": [{\"order-id\": \"1\"}]}", BinaryKind::Json, "This is a JSON file, not a shipment export: download the report as a text (tab-delimited) or CSV file instead."),
        (b"\xEF\xBB\xBF[\n  {\"order-id\": 1}\n]", BinaryKind::Json, "This is a JSON file, not a shipment export: download the report as a text (tab-delimited) or CSV file instead."),
        (b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>", BinaryKind::Xml, "This is an XML file, not a shipment export: download the report as a text (tab-delimited) or CSV file instead."),
        (b"<!DOCTYPE html>\n<html><body><table>", BinaryKind::Html, "This is a web page (HTML), not a shipment export: download the report as a text (tab-delimited) or CSV file instead."),
    ];
    for (bytes, kind, message) in cases {
        let e = decode(bytes).unwrap_err();
        assert_eq!(e, DecodeError::Binary(kind), "{bytes:?}");
        assert_eq!(e.to_string(), message);
    }
    // An HTML table saved as ".xls", in UTF-16: still a web page.
    assert_eq!(
        decode(&utf16("<html><table><tr><td>1</td></tr>", true)).unwrap_err(),
        DecodeError::Binary(BinaryKind::Html)
    );
    // A header in brackets is no JSON.
    assert!(decode(b"[order id],[tracking]\n1,2\n").is_ok());
    // Truly binary data: many NUL and control bytes.
    let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8).collect();
    assert_eq!(
        decode(&noise).unwrap_err(),
        DecodeError::Binary(BinaryKind::Unknown)
    );
}

#[test]
fn a_few_nul_bytes_are_dropped_and_noted_by_line() {
    let mut bytes = b"order-id,tracking-number\n1,1Z999AA10123456784\n".to_vec();
    for i in 0..40 {
        bytes.extend_from_slice(format!("{i},TRACK{i}\n").as_bytes());
    }
    bytes.extend_from_slice(b"77,\x00\x00TRACK77\x00\n78,TRACK78\n");
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
    assert!(d.text.ends_with("\n77,TRACK77\n78,TRACK78\n"));
    assert_eq!(
        d.strays,
        vec![Stray {
            line: 43,
            kind: StrayKind::Nul,
            count: 3
        }]
    );
}
