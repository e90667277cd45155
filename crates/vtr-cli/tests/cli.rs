//! The built `vtr` binary on the fixtures: exact numbers, exit codes,
//! messages, mappings, exports and help.

use serde_json::Value;
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
        .display()
        .to_string()
}

fn vtr<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vtr"))
        .args(args)
        .output()
        .expect("run vtr")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("vtr-cli-test-{}-{name}", std::process::id()))
}

/// `vtr check FILE --as-of 2026-11-25 --json ...` parsed.
fn json(file: &str, extra: &[&str]) -> Value {
    json_of(&fixture(file), extra)
}

/// `vtr check PATH --as-of 2026-11-25 --json EXTRA...`, parsed.
fn json_of(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["check", path, "--as-of", "2026-11-25", "--json"];
    args.extend_from_slice(extra);
    let o = vtr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    // stdout is the object and nothing else.
    serde_json::from_slice(&o.stdout).expect("stdout is one JSON object")
}

fn headline(v: &Value) -> [u64; 5] {
    ["rows", "packages", "considered", "valid", "fixes_needed"].map(|k| v[k].as_u64().unwrap())
}

#[test]
fn json_is_the_section_8_object_with_exact_numbers() {
    let v = json("amazon-vtr-report.txt", &[]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "settings",
        "window",
        "rows",
        "packages",
        "excluded",
        "considered",
        "valid",
        "invalid",
        "vtr",
        "status",
        "fixes_needed",
        "categories",
        "carriers",
        "segments",
        "warnings",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(headline(&v), [29, 26, 22, 17, 5]);
    assert_eq!(v["vtr"].as_f64(), Some(17.0 / 22.0));
    assert_eq!(v["status"], "at_risk");
    assert_eq!(
        v["settings"],
        serde_json::json!({"as_of": "2026-11-25", "window_days": 30, "lag_days": 14,
                           "threshold": 0.95, "international": false})
    );
    assert_eq!(
        v["window"],
        serde_json::json!({"applied": true, "start": "2026-10-13", "end": "2026-11-11"})
    );
    assert_eq!(
        v["excluded"],
        serde_json::json!({"amazon_fulfilled": 0, "not_shipped": 0, "digital": 0, "undated": 1,
                           "outside_window": 3, "freight_non_integrated": 0, "small_envelope": 0,
                           "international_low_value": 0})
    );
    assert_eq!(
        v["invalid"],
        serde_json::json!({"missing_tracking": 1, "spreadsheet_mangled": 0, "missing_carrier": 0,
                           "chinese_carrier_name": 0, "unsupported_carrier": 0,
                           "other_with_listed_carrier": 0, "carrier_mismatch": 1,
                           "malformed_tracking": 1, "no_carrier_scan": 2})
    );
    assert_eq!(
        v["categories"],
        serde_json::json!([
            {"category": "Home & Kitchen", "considered": 10, "valid": 8, "vtr": 0.8,
             "status": "at_risk", "fixes_needed": 2},
            {"category": "Toys & Games", "considered": 12, "valid": 9, "vtr": 0.75,
             "status": "at_risk", "fixes_needed": 3}
        ])
    );
    assert_eq!(
        v["warnings"],
        serde_json::json!({"reused_tracking": 2, "window_by_fallback_date": 0,
                           "duplicate_rows": 1, "value_unknown": 0})
    );
}

#[test]
fn every_fixture_gives_its_designed_numbers() {
    let map = ["--map", "tracking_number=Sendungsnummer"];
    for (file, extra, want) in [
        ("amazon-vtr-report.txt", &[][..], [29, 26, 22, 17, 5]),
        ("amazon-ship-confirmation.txt", &[], [29, 26, 22, 15, 6]),
        ("shipstation-export.csv", &[], [24, 19, 14, 10, 4]),
        ("chinese-erp-gb18030.csv", &[], [23, 20, 16, 11, 5]),
        ("european-semicolon.csv", &map[..], [17, 15, 13, 10, 3]),
        ("excel-unicode-text.txt", &[], [22, 19, 14, 11, 3]),
    ] {
        let v = json(file, extra);
        assert_eq!(headline(&v), want, "{file}");
        assert_eq!(v["status"], "at_risk", "{file}");
    }
    let v = json("shipstation-export.csv", &[]);
    assert_eq!(v["excluded"]["small_envelope"], 2);
    assert_eq!(
        v["segments"]["premium"],
        serde_json::json!({"considered": 2, "valid": 1})
    );
    assert_eq!(v["warnings"]["value_unknown"], 1);
    let v = json("chinese-erp-gb18030.csv", &[]);
    assert_eq!(v["invalid"]["chinese_carrier_name"], 2);
    assert_eq!(v["excluded"]["international_low_value"], 2);
}

#[test]
fn all_files_at_once_pool_their_packages() {
    let files: Vec<String> = [
        "amazon-vtr-report.txt",
        "amazon-ship-confirmation.txt",
        "shipstation-export.csv",
        "chinese-erp-gb18030.csv",
        "excel-unicode-text.txt",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--as-of", "2026-11-25", "--json"]);
    let o = vtr(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    // The sums of the single files: no order id is shared between them.
    assert_eq!(
        headline(&v)[..4],
        [
            29 + 29 + 24 + 23 + 22,
            26 + 26 + 19 + 20 + 19,
            22 + 22 + 14 + 16 + 14,
            17 + 15 + 10 + 11 + 11
        ]
    );
}

#[test]
fn settings_flags_change_the_result() {
    // Every category is above 70%.
    let v = json("amazon-vtr-report.txt", &["--threshold", "70"]);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["fixes_needed"], 0);
    assert_eq!(v["settings"]["threshold"], 0.7);
    // All dates: the three outside the window and the undated one count.
    let v = json("amazon-vtr-report.txt", &["--all-dates"]);
    assert_eq!(headline(&v), [29, 26, 26, 21, 5]);
    assert_eq!(v["window"]["applied"], false);
    // A window ending a week later (2026-10-20..=2026-11-18) takes in the
    // package promised 2026-11-12 and leaves out the three valid ones
    // promised 2026-10-13, 10-15 and 10-18.
    let v = json("amazon-vtr-report.txt", &["--lag-days", "7"]);
    assert_eq!(v["window"]["start"], "2026-10-20");
    assert_eq!(v["window"]["end"], "2026-11-18");
    assert_eq!(v["excluded"]["outside_window"], 5);
    assert_eq!(headline(&v)[2..4], [20, 15]);
    // A 60-day window reaches back to 2026-09-13: only the package
    // promised after the end stays out.
    let v = json("amazon-vtr-report.txt", &["--window-days", "60"]);
    assert_eq!(v["window"]["start"], "2026-09-13");
    assert_eq!(v["excluded"]["outside_window"], 2);
    // International: the ShipStation envelopes are still small envelopes,
    // nothing else is at or under $5.00 except the digital item (excluded
    // earlier anyway).
    let v = json("shipstation-export.csv", &["--international"]);
    assert_eq!(v["settings"]["international"], true);
    assert_eq!(v["excluded"]["international_low_value"], 0);
    // Marketplace CN makes the Chinese ERP's packages domestic.
    let v = json("chinese-erp-gb18030.csv", &["--marketplace", "CN"]);
    assert_eq!(v["excluded"]["international_low_value"], 0);
    assert_eq!(headline(&v)[2..4], [18, 13]);
}

#[test]
fn readable_report_says_what_was_found() {
    let path = fixture("amazon-vtr-report.txt");
    let o = vtr(&["check", &path, "--as-of", "2026-11-25"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for want in [
        "Window: promised delivery 2026-10-13 to 2026-11-11",
        "Valid Tracking Rate: 77.27%  (17 valid of 22 considered; 26 packages from 29 rows)",
        "Status: AT RISK - 5 fixes to correct so that every category is above 95.00%",
        "Toys & Games",
        "no_carrier_scan",
        "outside_window",
        "Amazon VTR report, UTF-8, tab-separated, header on line 1",
        "29 rows read, 1 duplicate, 2 skipped",
        "line 13: skipped: row has 4 fields where the header has 9",
        "line 19: skipped: row promised_delivery_date \"2026-13-45\" is not a date",
        "tracking_number <- \"tracking-id\"",
        "not mapped:",
        "2 packages share their tracking number with another order",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Scan evidence is there: no prediction note.
    assert!(!out.contains("no scan evidence"));
    // Toys (at risk, 3 fixes) comes before Home (at risk, 2 fixes).
    assert!(out.find("Toys & Games").unwrap() < out.find("Home & Kitchen").unwrap());

    let path = fixture("amazon-ship-confirmation.txt");
    let out = stdout(&vtr(&["check", &path, "--as-of", "2026-11-25"]));
    assert!(out.contains("no scan evidence"), "{out}");
    assert!(out.contains("header on line 2"), "{out}");
    assert!(
        out.contains("no_carrier_scan            needs one of: first_scan_date, tracking_flag"),
        "{out}"
    );
    let path = fixture("chinese-erp-gb18030.csv");
    let out = stdout(&vtr(&["check", &path, "--as-of", "2026-11-25"]));
    assert!(
        out.contains("Chinese ERP export, GB18030 (GBK), comma-separated"),
        "{out}"
    );
    assert!(out.contains("中国邮政"), "{out}");
}

/// The lines of the report's section that starts with `title`, up to the
/// blank line after it.
fn section(report: &str, title: &str) -> Vec<String> {
    report
        .lines()
        .skip_while(|l| *l != title)
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `vtr check` on a file of this text, readable report.
fn report_of(name: &str, text: &str) -> String {
    let path = temp(name);
    std::fs::write(&path, text).unwrap();
    let o = vtr(&["check", path.to_str().unwrap(), "--as-of", "2026-11-25"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    stdout(&o)
}

/// A Chinese character takes two terminal columns: padding by characters
/// pushed the figures of Chinese categories left of the ASCII ones.
#[test]
fn category_table_lines_up_by_display_width() {
    let mut text = String::from("order-id,carrier,tracking-number,product-category\n");
    for (i, cat) in [
        "Toys & Games",
        "Toys & Games",
        "家居用品",
        "玩具",
        "玩具",
        "玩具",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!("1{i},UPS,1Z999AA10123456784,{cat}\n"));
    }
    text.push_str("19,UPS,NOT-A-NUMBER,玩具\n");
    let out = report_of("cjk.csv", &text);
    assert_eq!(
        section(&out, "Categories (at risk first)"),
        [
            "Categories (at risk first)",
            "  Category      Considered   Valid       VTR  Status   Fixes",
            "  玩具                   4       3    75.00%  AT RISK      1",
            "  Toys & Games           2       2   100.00%  OK           0",
            "  家居用品               1       1   100.00%  OK           0",
        ]
    );
    // Carrier names go through the same padding.
    assert_eq!(
        section(&out, "Carriers (considered packages)")[1],
        "  UPS                             7 considered       6 valid    85.71%"
    );
}

/// A format width over 65,535 panics ("Formatting argument out of range");
/// a category is any cell of the file, so the table cuts long names and
/// the JSON keeps them whole.
#[test]
fn a_huge_category_is_cut_in_the_table_and_whole_in_json() {
    let huge = "x".repeat(70_000);
    let text = format!(
        "order-id,carrier,tracking-number,product-category\n\
         1,UPS,1Z999AA10123456784,{huge}\n\
         2,UPS,1Z999AA10123456784,Toys & Games\n\
         3,UPS,NOT-A-NUMBER,Toys & Games\n"
    );
    let out = report_of("huge.csv", &text);
    let cut = format!("{}...", "x".repeat(37));
    assert_eq!(
        section(&out, "Categories (at risk first)"),
        [
            "Categories (at risk first)".to_string(),
            format!(
                "  Category{}  Considered   Valid       VTR  Status   Fixes",
                " ".repeat(32)
            ),
            format!(
                "  Toys & Games{}           2       1    50.00%  AT RISK      1",
                " ".repeat(28)
            ),
            format!("  {cut}           1       1   100.00%  OK           0"),
        ]
    );
    let path = temp("huge-json.csv");
    std::fs::write(&path, &text).unwrap();
    let o = vtr(&["check", path.to_str().unwrap(), "--json"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["category"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Toys & Games", huge.as_str()]);
}

#[test]
fn long_problem_lists_are_cut() {
    let path = temp("many-bad.csv");
    let mut text = String::from("order-id,tracking-number,ship-date\n");
    for i in 0..25 {
        text.push_str(&format!("1{i},1Z999AA10123456784,not a date\n"));
    }
    std::fs::write(&path, text).unwrap();
    let o = vtr(&["check", path.to_str().unwrap(), "--as-of", "2026-11-25"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("line 21: skipped"), "{out}");
    assert!(!out.contains("line 22: skipped"), "{out}");
    assert!(out.contains("and 5 more"), "{out}");
    assert!(out.contains("Status: NO DATA"), "{out}");
}

#[test]
fn map_flag_names_a_column() {
    let path = fixture("european-semicolon.csv");
    // Without the mapping the tracking column is found by its contents,
    // and the report says so.
    let o = vtr(&["check", &path, "--as-of", "2026-11-25"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("  found by its contents: tracking_number <- \"Sendungsnummer\" (13 of 15 values are carrier tracking numbers); change it with --map tracking_number=HEADER\n"),
        "{out}"
    );
    assert_eq!(
        headline(&json("european-semicolon.csv", &[])),
        [17, 15, 13, 10, 3]
    );
    // A tracking column nothing finds: exit 2, one line naming the headers.
    let none = temp("no-tracking.csv");
    std::fs::write(&none, "order-id;Sendungsnummer\n111-1234567-1234567;WB-1\n").unwrap();
    let o = vtr(&["check", none.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tracking_number"), "{err}");
    assert!(err.contains("Sendungsnummer"), "{err}");
    assert!(o.stdout.is_empty());
    // With it, the file reads; any spelling of the field key works.
    let v = json(
        "european-semicolon.csv",
        &["--map", "Tracking-Number=sendungsnummer"],
    );
    assert_eq!(headline(&v), [17, 15, 13, 10, 3]);
    // Forcing month-first reads 05/11 as May 11 and 11/10 as November 10,
    // and the dates that only work day-first become bad dates.
    let v = json(
        "european-semicolon.csv",
        &[
            "--map",
            "tracking_number=Sendungsnummer",
            "--date-order",
            "month-first",
        ],
    );
    assert_ne!(headline(&v), [17, 15, 13, 10, 3]);
    // A header no file has is an error, not silently ignored.
    let o = vtr(&["check", &path, "--map", "tracking_number=Waybill"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"Waybill\""), "{}", stderr(&o));
    assert!(stderr(&o).contains("\"Sendungsnummer\""), "{}", stderr(&o));
}

#[test]
fn unreadable_input_exits_2_with_one_line() {
    let missing = temp("does-not-exist.csv");
    let o = vtr(&["check", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("vtr: cannot read {}: no such file\n", missing.display())
    );

    let empty = temp("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let o = vtr(&["check", empty.to_str().unwrap()]);
    let _ = std::fs::remove_file(&empty);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);

    let zip = temp("book.xlsx");
    std::fs::write(
        &zip,
        b"PK\x03\x04\x14\x00\x06\x00xl/workbook.xml rest of a workbook",
    )
    .unwrap();
    let o = vtr(&["check", zip.to_str().unwrap()]);
    let _ = std::fs::remove_file(&zip);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("workbook is damaged"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);

    let pdf = temp("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap();
    let o = vtr(&["check", pdf.to_str().unwrap()]);
    let _ = std::fs::remove_file(&pdf);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "vtr: {}: This is a PDF file, not a shipment export: download the report as a text \
             or CSV file.\n",
            pdf.display()
        )
    );

    let no_cols = temp("no-cols.csv");
    std::fs::write(&no_cols, "name,city\nAnn,Austin\nBob,Boston\n").unwrap();
    let o = vtr(&["check", no_cols.to_str().unwrap()]);
    let _ = std::fs::remove_file(&no_cols);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("order_id and tracking_number"), "{err}");
    assert!(err.contains("name, city"), "{err}");
}

#[test]
fn bad_flags_exit_2_with_usage() {
    let path = fixture("amazon-vtr-report.txt");
    for args in [
        vec!["check"],
        vec!["check", &path, "--threshold", "95.123"],
        vec!["check", &path, "--as-of", "11/25/2026"],
        vec!["check", &path, "--map", "colour=Farbe"],
        vec!["check", &path, "--window-days", "thirty"],
        vec!["check", &path, "--nope"],
        vec!["frobnicate"],
    ] {
        let o = vtr(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("vtr: "), "{err}");
        assert!(err.contains("Usage:"), "{err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn export_invalid_lists_invalid_packages_defused() {
    let input = temp("formula.csv");
    std::fs::write(
        &input,
        "order-id,carrier,tracking-number,ship-date\n\
         =1+1,UPS,1Z999AA10123456784,2026-10-20\n\
         +2,@SUM(A1),ABCDEFGH12,2026-10-20\n\
         -3,UPS,=HYPERLINK(\"http://x\"),2026-10-21\n",
    )
    .unwrap();
    let out = temp("invalid.csv");
    let all = temp("all.csv");
    let o = vtr(&[
        "check",
        input.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
        "--export-invalid",
        out.to_str().unwrap(),
        "--export-all",
        all.to_str().unwrap(),
    ]);
    let invalid = std::fs::read_to_string(&out).unwrap_or_default();
    let every = std::fs::read_to_string(&all).unwrap_or_default();
    for p in [&input, &out, &all] {
        let _ = std::fs::remove_file(p);
    }
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<&str> = invalid.lines().collect();
    assert_eq!(
        lines[0],
        "Order ID,Tracking number,Carrier,Carrier in Amazon's list,Category,Window date,Status,Reason,What it means,How to fix,Source (file:line),code"
    );
    assert_eq!(lines.len(), 3, "{invalid}");
    assert!(
        lines[1]
            .starts_with("'+2,ABCDEFGH12,'@SUM(A1),'@SUM(A1),(uncategorised),2026-10-20,Invalid,"),
        "{invalid}"
    );
    assert!(lines[1].ends_with(":3,unsupported_carrier"), "{invalid}");
    assert!(
        lines[2].starts_with(
            "'-3,\"'=HYPERLINK(\"\"http://x\"\")\",UPS,UPS,(uncategorised),2026-10-21,Invalid,"
        ),
        "{invalid}"
    );
    assert!(lines[2].ends_with(":4,malformed_tracking"), "{invalid}");
    let lines: Vec<&str> = every.lines().collect();
    assert_eq!(lines.len(), 4, "{every}");
    assert!(
        lines[1]
            .starts_with("'=1+1,1Z999AA10123456784,UPS,UPS,(uncategorised),2026-10-20,Valid,,,,"),
        "{every}"
    );
}

#[test]
fn export_of_a_fixture_has_one_line_per_invalid_package() {
    let out = temp("vtr-invalid.csv");
    let path = fixture("amazon-ship-confirmation.txt");
    let o = vtr(&[
        "check",
        &path,
        "--as-of",
        "2026-11-25",
        "--json",
        "--export-invalid",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(text.lines().count() as u64, 1 + 22 - 15);
    assert_eq!(
        v["considered"].as_u64().unwrap() - v["valid"].as_u64().unwrap(),
        7
    );
    for reason in [
        "missing_tracking",
        "spreadsheet_mangled",
        "missing_carrier",
        "unsupported_carrier",
        "other_with_listed_carrier",
        "carrier_mismatch",
        "malformed_tracking",
    ] {
        assert_eq!(
            text.matches(&format!(",{reason}\n")).count(),
            1,
            "{reason}\n{text}"
        );
    }
    // The export cannot be written: exit 1.
    let o = vtr(&["check", &path, "--export-invalid", "/nonexistent-dir/x.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("vtr: cannot write /nonexistent-dir/x.csv"));
}

#[test]
fn help_documents_everything() {
    let o = vtr(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let main = stdout(&o);
    assert!(main.contains("vtr check FILE..."), "{main}");
    assert!(main.contains("vtr sample"), "{main}");
    assert!(main.contains("Exit codes"), "{main}");
    assert_eq!(stdout(&vtr::<&str>(&[])), main);
    let o = vtr(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let check = stdout(&o);
    for flag in [
        "--as-of",
        "--window-days",
        "--lag-days",
        "--all-dates",
        "--threshold",
        "--international",
        "--marketplace",
        "--map FIELD=HEADER",
        "--sheet NAME",
        "--date-order",
        "--encoding NAME",
        "Shift_JIS",
        "Windows-1252",
        "--json",
        "--export-invalid",
        "--export-all",
        "required",
        "GB18030",
        "UTF-16",
        "fixes needed",
        "considered",
        "prediction",
        "Exit codes",
    ] {
        assert!(check.contains(flag), "check --help lacks {flag}");
    }
    let sample = stdout(&vtr(&["sample", "--help"]));
    assert!(
        sample.contains("--rows") && sample.contains("--seed"),
        "{sample}"
    );
    assert!(stdout(&vtr(&["--version"])).starts_with("vtr "));
}

/// `--map FIELD=HEADER` is only usable when the help names the fields: the
/// list must be the engine's, no field missing and none made up.
#[test]
fn check_help_lists_exactly_the_engines_fields() {
    let help = stdout(&vtr(&["check", "--help"]));
    let start = help.find("Fields: ").expect("a field list") + "Fields: ".len();
    let end = start + help[start..].find("\n  --").expect("an option after it");
    let listed: Vec<&str> = help[start..end]
        .split([',', ' ', '\n'])
        .filter(|w| !w.is_empty())
        .collect();
    let fields: Vec<&str> = vtr_core::mapping::Field::ALL
        .iter()
        .map(|f| f.key())
        .collect();
    assert_eq!(listed, fields);
    // Every listed key is one --map accepts.
    for key in listed {
        let o = vtr(&["check", "--map", &format!("{key}="), "--help"]);
        assert_eq!(o.status.code(), Some(0), "{key}: {}", stderr(&o));
    }
}

#[test]
fn sample_writes_the_synthetic_report() {
    let o = vtr(&[
        "sample",
        "--rows",
        "40",
        "--seed",
        "3",
        "--end",
        "2026-11-20",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, vtr_core::synth::csv_bytes(40, 3));
    let path = temp("sample.csv");
    let o = vtr(&[
        "sample",
        "--rows",
        "300",
        "-o",
        path.to_str().unwrap(),
        "--end",
        "2026-11-20",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = {
        let o = vtr(&[
            "check",
            path.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
            "--json",
        ]);
        let _ = std::fs::remove_file(&path);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_slice::<Value>(&o.stdout).unwrap()
    };
    assert_eq!(v["rows"], 300);
    assert!(v["considered"].as_u64().unwrap() > 0);
}

#[test]
fn a_sample_named_xlsx_is_a_workbook_of_the_same_rows() {
    let check = |path: &std::path::Path| json_of(path.to_str().unwrap(), &[]);
    for kind in ["confirmation", "order-report"] {
        let (book, text) = (temp(&format!("{kind}.xlsx")), temp(&format!("{kind}.txt")));
        for path in [&book, &text] {
            let o = vtr(&[
                "sample",
                "--kind",
                kind,
                "--rows",
                "500",
                "--seed",
                "8",
                "--end",
                "2026-11-20",
                "-o",
                path.to_str().unwrap(),
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        }
        let bytes = std::fs::read(&book).unwrap();
        assert!(
            vtr_core::workbook::is_workbook(&bytes),
            "{kind}: a workbook"
        );
        let (from_book, from_text) = (check(&book), check(&text));
        let _ = (std::fs::remove_file(&book), std::fs::remove_file(&text));
        assert_eq!(from_book["rows"], 500, "{kind}");
        assert_eq!(from_book, from_text, "{kind}");
    }
}

/// `std::env::args` panics on an argument that is not UTF-8; file names on
/// Unix are bytes, and every path flag must take them.
#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_work_everywhere() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let odd = |name: &str| {
        let mut bytes = temp(name).into_os_string().into_vec();
        bytes.extend_from_slice(b"-\xff\xfe.csv");
        PathBuf::from(OsString::from_vec(bytes))
    };
    let (input, invalid, all, sample) = (odd("in"), odd("invalid"), odd("all"), odd("sample"));
    std::fs::copy(fixture("amazon-vtr-report.txt"), &input).unwrap();
    let o = vtr(&[
        OsStr::new("check"),
        input.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new("2026-11-25"),
        OsStr::new("--json"),
        OsStr::new("--export-invalid"),
        invalid.as_os_str(),
        OsStr::new("--export-all"),
        all.as_os_str(),
    ]);
    let invalid_lines = std::fs::read_to_string(&invalid).map(|t| t.lines().count());
    let all_lines = std::fs::read_to_string(&all).map(|t| t.lines().count());
    let s = vtr(&[
        OsStr::new("sample"),
        OsStr::new("--rows"),
        OsStr::new("5"),
        OsStr::new("-o"),
        sample.as_os_str(),
    ]);
    let sample_written = sample.exists();
    for p in [&input, &invalid, &all, &sample] {
        let _ = std::fs::remove_file(p);
    }
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(headline(&v), [29, 26, 22, 17, 5]);
    assert_eq!(invalid_lines.ok(), Some(1 + 22 - 17));
    assert_eq!(all_lines.ok(), Some(1 + 26));
    assert_eq!(s.status.code(), Some(0), "{}", stderr(&s));
    assert!(sample_written);
    // A name that cannot be read is shown with replacement characters.
    let o = vtr(&[OsStr::new("check"), input.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("vtr: cannot read {}: no such file\n", input.display())
    );
    assert!(
        stderr(&o).contains("-\u{fffd}\u{fffd}.csv"),
        "{}",
        stderr(&o)
    );
}

/// `vtr` with its standard output read by nobody, as in `vtr check f.csv |
/// head -1` once head has its line.
fn vtr_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vtr"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vtr");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for vtr")
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // Megabytes of output, more than a pipe holds, so that vtr is still
    // writing when the reader is gone, however late it is closed.
    let path = temp("many-categories.csv");
    let mut text = String::from("order-id,carrier,tracking-number,product-category\n");
    for i in 0..40_000 {
        text.push_str(&format!("{i},UPS,1Z999AA10123456784,Category {i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    for args in [
        &["check", file][..],
        &["check", file, "--json"],
        &["sample", "--rows", "20000"],
    ] {
        let o = vtr_into_closed_pipe(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    let _ = std::fs::remove_file(&path);
}

/// /dev/full fails every write with "no space": standard output that
/// cannot be written is an incomplete result (exit 1), and standard error
/// that cannot be written must not turn an exit code into a panic (101).
#[cfg(target_os = "linux")]
#[test]
fn unwritable_standard_streams_give_exit_codes_not_panics() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full");
    if full().is_err() {
        return;
    }
    let run = |args: &[&str], out: Stdio, err: Stdio| {
        Command::new(env!("CARGO_BIN_EXE_vtr"))
            .args(args)
            .stdout(out)
            .stderr(err)
            .output()
            .expect("run vtr")
    };
    let path = fixture("amazon-vtr-report.txt");
    for args in [
        &["check", path.as_str()][..],
        &["check", path.as_str(), "--json"],
        &["sample", "--rows", "5"],
        &["--help"],
    ] {
        let o = run(args, full().unwrap().into(), Stdio::piped());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            "vtr: cannot write standard output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
    let missing = temp("missing.csv");
    for (args, code) in [
        (&["frobnicate"][..], 2),
        (&["check", missing.to_str().unwrap()], 2),
        (
            &[
                "check",
                path.as_str(),
                "--export-all",
                "/nonexistent-dir/x.csv",
            ],
            1,
        ),
    ] {
        let o = run(args, Stdio::null(), full().unwrap().into());
        assert_eq!(o.status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn an_export_never_overwrites_an_input() {
    let input = temp("precious.csv");
    let body = std::fs::read(fixture("amazon-vtr-report.txt")).unwrap();
    std::fs::write(&input, &body).unwrap();
    let path = input.display().to_string();
    for flag in ["--export-all", "--export-invalid"] {
        let o = vtr(&["check", &path, "--as-of", "2026-11-25", flag, &path]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(
            stderr(&o).lines().next().unwrap(),
            format!("vtr: {flag} {path}: that is one of the files being checked; writing it would replace it. Choose another name.")
        );
    }
    let both = temp("both.csv").display().to_string();
    let o = vtr(&[
        "check",
        &path,
        "--export-all",
        &both,
        "--export-invalid",
        &both,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("both name"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        body,
        "the input is untouched"
    );
    let _ = std::fs::remove_file(&input);
}

/// Standard input is read once, and standard output carries the result:
/// `-` twice as an input, or as an export, is refused in words.
#[test]
fn standard_input_and_output_are_not_named_twice() {
    let o = vtr(&["check", "-", "-"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).lines().next().unwrap(),
        "vtr: standard input (-) is named more than once; it can be read only once. Name it once, or save it to a file."
    );
    let file = fixture("amazon-vtr-report.txt");
    for flag in ["--export-invalid", "--export-all"] {
        let o = vtr(&["check", &file, flag, "-"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_eq!(
            stderr(&o).lines().next().unwrap(),
            format!("vtr: {flag} -: an export is written to a file, and standard output carries the result. Give a file name, such as invalid.csv.")
        );
        assert!(!std::path::Path::new("-").exists(), "no file named -");
    }
}

/// `--export-invalid x.xlsx` writes a workbook, not CSV under that name.
#[test]
fn an_xlsx_export_is_a_workbook() {
    let dir = std::env::temp_dir().join(format!("vtr-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("in.csv");
    std::fs::write(
        &input,
        "order-id,tracking-number,carrier-code\n111-1,9400111899223197428490,UPS\n",
    )
    .unwrap();
    let out = dir.join("fix.XLSX");
    let o = vtr(&[
        OsStr::new("check"),
        input.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new("2026-11-25"),
        OsStr::new("--export-invalid"),
        out.as_os_str(),
    ]);
    let bytes = std::fs::read(&out).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(&bytes[..4], b"PK\x03\x04");
}

#[test]
fn the_encoding_is_reported_and_can_be_chosen() {
    // A German file saved by Excel in Windows-1252: detected, and named.
    let latin = b"order-id;tracking-number;carrier-code;product-category\n\
                  302-1234567-1234567;1Z999AA10123456784;UPS;K\xFCche\n";
    let path = temp("eu.csv");
    std::fs::write(&path, latin).unwrap();
    let p = path.to_str().unwrap();
    let out = stdout(&vtr(&["check", p, "--as-of", "2026-11-25"]));
    assert!(
        out.contains("Shipment export, Windows-1252, semicolon-separated, header on line 1"),
        "{out}"
    );
    assert!(out.contains("Küche"), "{out}");

    // Read as UTF-8 on the seller's word: the stray byte is noted by line.
    let o = vtr(&["check", p, "--as-of", "2026-11-25", "--encoding", "utf-8"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("UTF-8 (chosen with --encoding), semicolon-separated"),
        "{out}"
    );
    assert!(
        out.contains("line 2: note: row has 1 character that could not be read"),
        "{out}"
    );

    let o = vtr(&["check", p, "--encoding", "ebcdic"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--encoding: unknown encoding \"ebcdic\"; use one of: UTF-8, UTF-8 (BOM)"),
        "{err}"
    );
}

#[test]
fn footers_are_left_out_and_said_so() {
    let path = fixture("formats/ebay-orders-report.csv");
    let out = stdout(&vtr(&["check", &path, "--as-of", "2026-11-25"]));
    assert!(
        out.contains("eBay orders report, UTF-8, comma-separated, header on line 2"),
        "{out}"
    );
    assert!(
        out.contains("5 rows read, 0 duplicate, 0 skipped, 2 lines left out (footer or totals)"),
        "{out}"
    );
}

/// Orders in a workbook: a "Notes" sheet first, then "Orders" (a title on
/// row 1, the header on row 2, dates in date cells, one tracking number
/// stored as a number, one date that is no date on row 6), then "Returns".
/// Also the same rows as the CSV the engine reads them as.
fn orders_workbook() -> (Vec<u8>, String) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Exported from the ERP").unwrap();
    let s = book.add_worksheet();
    s.set_name("Orders").unwrap();
    s.write_string(0, 0, "Shipments").unwrap();
    let headers = [
        "order-id",
        "tracking-number",
        "carrier-code",
        "promised-delivery-date",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("mm/dd/yyyy");
    let rows: [(&str, Option<&str>, &str, Option<u8>); 4] = [
        ("111-1", Some("1Z999AA10123456784"), "UPS", Some(1)),
        ("111-2", None, "USPS", Some(2)),
        ("111-3", Some("92055901649173127513"), "USPS", Some(3)),
        ("111-4", Some("1Z999AA10123456792"), "UPS", None),
    ];
    for (i, (order, tracking, carrier, day)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        s.write_string(r, 0, *order).unwrap();
        match tracking {
            Some(t) => s.write_string(r, 1, *t).unwrap(),
            None => s
                .write_number(r, 1, 9_400_111_899_223_345_678_901.0)
                .unwrap(),
        };
        s.write_string(r, 2, *carrier).unwrap();
        match day {
            Some(d) => {
                let dt = ExcelDateTime::from_ymd(2026, 11, *d).unwrap();
                s.write_datetime_with_format(r, 3, &dt, &date).unwrap()
            }
            None => s.write_string(r, 3, "soon").unwrap(),
        };
    }
    let returns = book.add_worksheet();
    returns.set_name("Returns").unwrap();
    for (c, h) in ["order-id", "tracking-number"].iter().enumerate() {
        returns.write_string(0, c as u16, *h).unwrap();
    }
    returns.write_string(1, 0, "222-1").unwrap();
    returns.write_string(1, 1, "1Z999AA10123456784").unwrap();
    let csv = "order-id,tracking-number,carrier-code,promised-delivery-date
111-1,1Z999AA10123456784,UPS,2026-11-01
111-2,9.40011189922335E+21,USPS,2026-11-02
111-3,92055901649173127513,USPS,2026-11-03
111-4,1Z999AA10123456792,UPS,soon
";
    (book.save_to_buffer().unwrap(), csv.to_string())
}

#[test]
fn a_workbook_gives_the_json_of_the_same_rows_as_csv() {
    let (book, csv) = orders_workbook();
    let (xlsx_path, csv_path) = (temp("orders.xlsx"), temp("orders.csv"));
    std::fs::write(&xlsx_path, book).unwrap();
    std::fs::write(&csv_path, csv).unwrap();
    let run = |p: &PathBuf| {
        vtr(&[
            "check",
            p.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
            "--json",
        ])
    };
    let (x, c) = (run(&xlsx_path), run(&csv_path));
    let report = vtr(&[
        "check",
        xlsx_path.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]);
    let _ = std::fs::remove_file(&xlsx_path);
    let _ = std::fs::remove_file(&csv_path);
    assert_eq!(x.status.code(), Some(0), "{}", stderr(&x));
    assert_eq!(stdout(&x), stdout(&c));
    let v: Value = serde_json::from_slice(&x.stdout).unwrap();
    assert_eq!(headline(&v), [4, 3, 3, 2, 1]);
    assert_eq!(v["invalid"]["spreadsheet_mangled"], 1);

    // The readable report names the sheet and gives problems by sheet row.
    let text = stdout(&report);
    assert!(
        text.contains("Excel workbook (.xlsx), sheet \"Orders\" (sheets: Notes, Orders, Returns), header on row 2"),
        "{text}"
    );
    assert!(
        text.contains(
            "sheet Orders, row 6: skipped: promised_delivery_date \"soon\" is not a date"
        ),
        "{text}"
    );
}

#[test]
fn sheet_flag_chooses_a_sheet_and_an_unknown_one_exits_2() {
    let (book, csv) = orders_workbook();
    let (xlsx_path, csv_path) = (temp("sheets.xlsx"), temp("sheets.csv"));
    std::fs::write(&xlsx_path, book).unwrap();
    std::fs::write(&csv_path, csv).unwrap();
    let x = xlsx_path.to_str().unwrap();
    let returns = vtr(&[
        "check",
        x,
        "--as-of",
        "2026-11-25",
        "--json",
        "--sheet",
        "Returns",
    ]);
    let unknown = vtr(&["check", x, "--sheet", "Orderz"]);
    let no_book = vtr(&["check", csv_path.to_str().unwrap(), "--sheet", "Orders"]);
    let bare = vtr(&["check", x, "--sheet"]);
    let _ = std::fs::remove_file(&xlsx_path);
    let _ = std::fs::remove_file(&csv_path);

    assert_eq!(returns.status.code(), Some(0), "{}", stderr(&returns));
    let v: Value = serde_json::from_slice(&returns.stdout).unwrap();
    assert_eq!(
        (v["rows"].as_u64(), v["packages"].as_u64()),
        (Some(1), Some(1))
    );

    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        format!(
            "vtr: {x}: This workbook has no sheet named \"Orderz\". Its sheets are: \"Notes\", \"Orders\", \"Returns\".\n"
        )
    );
    assert!(unknown.stdout.is_empty());

    assert_eq!(no_book.status.code(), Some(2));
    assert!(
        stderr(&no_book).contains("none of the files is a workbook"),
        "{}",
        stderr(&no_book)
    );
    assert_eq!(stderr(&no_book).lines().count(), 1);

    assert_eq!(bare.status.code(), Some(2));
    assert!(stderr(&bare).contains("Usage:"), "{}", stderr(&bare));
}
