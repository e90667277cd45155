//! The help texts. They are the command line's manual, so they explain
//! what the numbers mean and what a file must hold, not just the flags.

use vtr_core::mapping::Field;

pub const MAIN: &str = "\
vtr - check an Amazon seller's Valid Tracking Rate (VTR) from shipment files

Usage:
  vtr check FILE... [options]   compute the VTR of the packages in FILE(s)
  vtr sample [options]          write a realistic synthetic order report
  vtr --help | vtr check --help | vtr sample --help
  vtr --version

Everything runs locally; no file leaves the machine.
Exit codes: 0 success (also when the status is at_risk), 1 an output file
could not be written, 2 bad arguments or an input that cannot be read.
";

/// Where `vtr check --help` lists the fields `--map` takes.
const FIELDS: &str = "{fields}";

/// Help lines fit an 80-column terminal.
const WIDTH: usize = 78;

/// `vtr check --help`. The `--map` fields come from the engine, so a field
/// added there is documented without anyone remembering to.
pub fn check() -> String {
    let Some(at) = CHECK.find(FIELDS) else {
        return CHECK.to_string();
    };
    let line_start = CHECK[..at].rfind('\n').map_or(0, |i| i + 1);
    let first = &CHECK[line_start..at];
    let indent = first.len() - first.trim_start().len();
    let mut out = CHECK[..line_start].to_string();
    let mut line = first.trim_end().to_string();
    let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
    for (i, key) in keys.iter().enumerate() {
        let comma = if i + 1 < keys.len() { "," } else { "" };
        if line.len() + 1 + key.len() + comma.len() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(indent);
        } else {
            line.push(' ');
        }
        line.push_str(key);
        line.push_str(comma);
    }
    out.push_str(&line);
    out.push_str(&CHECK[at + FIELDS.len()..]);
    out
}

const CHECK: &str = "\
vtr check - compute the Valid Tracking Rate of seller-fulfilled packages

Usage:
  vtr check FILE... [options]

FILE is a shipment export in CSV, text or workbook form; several files
are pooled (an exact repeat of a row in a file with the same header is
counted once). `-` reads standard input. A text file's encoding is detected
from its start: UTF-8 (with or without BOM), UTF-16 and UTF-32 (Excel
\"Unicode text\"), GB18030/GBK, Big5, Shift_JIS (Amazon.co.jp), EUC-KR or
Windows-1252 (European Excel); the report says which was used, and
--encoding overrides it. Cells are separated by comma, tab, semicolon or
pipe; preamble lines such as Amazon's TemplateType= line are skipped. Stray
invalid or NUL bytes are reported by line and the rows still count.
Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods, up to 200 MB) are read
directly: the first sheet whose header row has an order id and a tracking
number column (or the one --sheet names). Date cells are read as their
dates; a tracking number stored as a number too long for Excel counts as
damaged by a spreadsheet. Problems in a workbook are given by sheet and
row. PDFs, images, archives, JSON and web pages are refused with what to do.

What a file needs:
  required   an order id column (order-id, amazon-order-id, Order - Number,
             订单号, ...) and a tracking number column (tracking-number,
             Shipment - Tracking Number, 跟踪号, 运单号, ...)
  carrier    carrier-code / carrier / Shipment - Carrier / 物流公司, and
             carrier-name (the text typed under \"Other\"); without a carrier
             column the carrier checks are skipped
  dates      promised-delivery-date places a package in the window; ship
             date or purchase date stand in when it is missing; no date
             column at all turns the window off
  value      order total / package value, or item-price + shipping-price:
             needed for the small-envelope (< $10.00) and international
             (<= $5.00) exclusions
  other      fulfillment-channel, order-status, ship-method, ship option /
             ship-service-level, product-category, origin country, package
             type, shipment id, first scan date or the Amazon report's
             \"no valid tracking\" / \"valid tracking\" flag (scan evidence)
Known exports: Amazon VTR report, Amazon shipping confirmation (flat file),
Amazon order report, ShipStation, Chinese ERP exports; any other file works
when its headers are recognised or mapped with --map.

Options:
  --as-of YYYY-MM-DD      the day the check is made for (default: today)
  --window-days N         window length in days (default 30)
  --lag-days N            the window ends N days before --as-of (default 14)
  --all-dates             ignore dates: every package is in the window
  --threshold PERCENT     a category is ok when its VTR is strictly above
                          this (default 95; e.g. 97.5)
  --international         you ship from abroad: orders of $5.00 or less are
                          not counted (also applied per package when its
                          origin country differs from the marketplace)
  --marketplace CC        marketplace country code (default US)
  --map FIELD=HEADER      use column HEADER for FIELD (repeatable); an empty
                          HEADER unmaps the field. Fields: {fields}
  --date-order ORDER      how to read dd/dd/yyyy dates: auto (default: US
                          month-first unless a first part exceeds 12),
                          month-first, or day-first
  --encoding NAME         read every FILE in this encoding instead of the
                          detected one: utf-8, utf-8-bom, utf-16le,
                          utf-16be, utf-32le, utf-32be, gb18030 (gbk),
                          big5, shift_jis (cp932), euc-kr, windows-1252
                          (latin1); an unknown name is an error (exit 2)
  --sheet NAME            in a workbook, read the sheet named NAME (in every
                          workbook given); the sheets are listed in the
                          report
  --json                  print only the machine-readable result (one JSON
                          object) on standard output
  --export-invalid OUT    write the invalid packages (with reason and fix) to
                          OUT: an Excel workbook if OUT ends in .xlsx (text
                          cells, so Excel keeps tracking numbers whole),
                          else CSV
  --export-all OUT        write every package with its verdict to OUT (.xlsx
                          or CSV, as above)
  --threads N             read a large file with N threads (default: one per
                          core); the result is the same for any N
  -h, --help              this text

What the numbers mean:
  packages     rows grouped into packages: one per (order, tracking number);
               rows without tracking group per order (or shipment id)
  excluded     packages VTR does not count: Amazon-fulfilled, not shipped,
               digital, undated or outside the window, freight with a
               non-integrated carrier, small USPS envelopes under $10.00,
               international orders of $5.00 or less
  considered   packages that count; valid + invalid = considered
  VTR          valid / considered, shown as a percentage with two decimals
  status       ok when every category's VTR is above the threshold, at_risk
               otherwise, no_data when nothing is considered
  fixes needed the fewest invalid packages to correct (Orders > Manage Orders
               > Edit Shipment, before the delivery date) so that every
               category is above the threshold
  window       Amazon's 30 days by promised delivery date, ending two weeks
               before --as-of
Without scan evidence (a first-scan date or Amazon's valid-tracking flag)
the result is a prediction from what can be checked offline: carrier,
number format and check digit.

Exit codes:
  0  the check ran (whatever the status)
  1  an export file could not be written
  2  bad options (with usage), a file that cannot be read (missing, not
     text, no header line, a damaged or password-protected workbook, no
     such --sheet) or without an order id / tracking column (the message
     lists the headers found, or a workbook's sheets)
";

pub const SAMPLE: &str = "\
vtr sample - write a realistic synthetic Amazon order report

Usage:
  vtr sample [--kind KIND] [--rows N] [--seed S] [-o FILE] [--end YYYY-MM-DD]

Options:
  --kind KIND       order-report (default): ~30 comma-separated columns;
                    confirmation: Amazon's tab-separated shipping
                    confirmation, 8 columns, ~100 bytes a row
  --rows N          data rows to write (default 1000)
  --seed S          the same seed writes the same file (default 1)
  -o, --output FILE write to FILE instead of standard output; a FILE
                    ending in .xlsx gets the rows as an Excel workbook
  --end YYYY-MM-DD  the last purchase date; purchases span the 90 days up
                    to it (default: today)

The file has ~30 columns like a real order report (buyer, address, SKU,
prices), multi-item orders sharing a tracking number, mostly valid numbers
of USPS, UPS, FedEx, Amazon Shipping and others, and a few percent of every
mistake `vtr check` reports. Try: vtr sample -o s.csv && vtr check s.csv
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_help_lists_every_field_within_the_width() {
        let text = check();
        assert!(!text.contains(FIELDS));
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        let start = text.find("Fields: ").unwrap() + "Fields: ".len();
        let end = text.find("\n  --date-order").unwrap();
        let listed: Vec<&str> = text[start..end]
            .split([',', ' ', '\n'])
            .filter(|w| !w.is_empty())
            .collect();
        let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(listed, keys);
        // The continuation lines line up under the option's text.
        for line in text[start..end].lines().skip(1) {
            assert!(line.starts_with(&" ".repeat(26)), "{line:?}");
            assert!(!line.starts_with(&" ".repeat(27)), "{line:?}");
        }
    }
}
