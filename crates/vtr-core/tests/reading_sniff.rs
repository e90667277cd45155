//! Delimiter and header-line sniffing.

use vtr_core::sniff::{sniff, Layout, SniffError};

fn header_at(text: &str, l: Layout) -> &str {
    let rest = &text[l.header_offset..];
    rest.split(['\n', '\r']).next().unwrap()
}

#[test]
fn comma() {
    let t = "order-id,tracking-number,carrier\n1,1Z1,UPS\n2,1Z2,UPS\n";
    assert_eq!(
        sniff(t),
        Ok(Layout {
            delimiter: b',',
            header_offset: 0,
            header_line: 1
        })
    );
}

#[test]
fn semicolon_with_decimal_commas() {
    let t = "order id;tracking number;order total\n1;1Z1;12,99\n2;1Z2;3,50\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b';');
    assert_eq!(l.header_line, 1);
}

#[test]
fn tab_amazon_flat_file() {
    let t = "amazon-order-id\tmerchant-order-id\ttracking-number\tcarrier-code\n\
             114-1\t\t1Z1\tUPS\n114-2\t\t1Z2\tUSPS\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b'\t');
    assert_eq!(l.header_offset, 0);
}

#[test]
fn pipe() {
    let t = "Order Number|Tracking Number|Ship Date\n1|1Z1|2026-11-03\n2|1Z2|2026-11-04\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b'|');
    assert_eq!(l.header_line, 1);
}

#[test]
fn quoted_fields_with_delimiters_and_newlines() {
    // Commas inside quotes would make the semicolon-free comma split look
    // ragged; a newline inside quotes must not start a new record.
    let t = "\"order-id\",\"tracking-number\",\"note\"\n\
             \"1\",\"1Z1\",\"fragile, \"\"glass\"\"\nhandle with care\"\n\
             \"2\",\"1Z2\",\"a;b|c\tstill one field\"\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b',');
    assert_eq!(l.header_line, 1);

    let t = "order-id;tracking-number;note\n1;1Z1;\"x;y,z\nsecond line\"\n2;1Z2;plain\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b';');

    let t = "order-id|tracking-number|note\n1|1Z1|\"a|b\"\n2|1Z2|\"c\r\nd\"\n";
    assert_eq!(sniff(t).unwrap().delimiter, b'|');
}

#[test]
fn preamble_blank_lines_and_title() {
    let t = "\n\nShipment report, November 2026\n\norder id,tracking number\n1,1Z1\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b',');
    assert_eq!(l.header_line, 5);
    assert_eq!(header_at(t, l), "order id,tracking number");
}

#[test]
fn preamble_amazon_template_type() {
    let t =
        "TemplateType=fptcustom\tVersion=2026.1103\tThe top 3 rows are for Amazon.com use only\n\
             Order ID\tTracking ID\tCarrier Code\n\
             order-id\ttracking-number\tcarrier-code\n\
             114-1\t1Z1\tUPS\n";
    // Two header rows, labels then keys: the keys are the header, so the
    // labels are preamble and neither is read as a package.
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b'\t');
    assert_eq!(l.header_line, 3);
    assert_eq!(header_at(t, l), "order-id\ttracking-number\tcarrier-code");
}

#[test]
fn crlf_and_lone_cr_line_numbers() {
    let t = "Title\r\n\r\norder-id,tracking-number\r\n1,1Z1";
    let l = sniff(t).unwrap();
    assert_eq!(l.header_line, 3);
    assert_eq!(l.header_offset, 9);

    let t = "Title\r\rorder-id,tracking-number\r1,1Z1";
    let l = sniff(t).unwrap();
    assert_eq!(l.header_line, 3);
    assert_eq!(l.header_offset, 7);
}

#[test]
fn header_without_final_line_end() {
    let t = "tracking-number";
    assert_eq!(
        sniff(t),
        Ok(Layout {
            delimiter: b',',
            header_offset: 0,
            header_line: 1
        })
    );
}

#[test]
fn chinese_headers() {
    let t = "订单号,追踪编号,承运人\n1,1Z1,UPS\n";
    let l = sniff(t).unwrap();
    assert_eq!(l.delimiter, b',');
    assert_eq!(l.header_line, 1);
}

#[test]
fn no_header_in_blank_text() {
    assert_eq!(sniff("\n\n,,,\n"), Err(SniffError::NoHeader));
    assert!(SniffError::NoHeader.to_string().contains("header"));
}

#[test]
fn huge_file_only_sample_is_read() {
    let mut t = String::from("order-id\ttracking-number\n");
    for i in 0..200_000 {
        t.push_str(&format!("{i}\t1Z{i}\n"));
    }
    let l = sniff(&t).unwrap();
    assert_eq!(l.delimiter, b'\t');
    assert_eq!(l.header_line, 1);
}
