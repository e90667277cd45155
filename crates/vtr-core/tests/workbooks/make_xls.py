"""Writes orders.xls and orders-1904.xls, the .xls workbooks tests/workbooks.rs
reads (no Rust crate writes .xls). Run with xlwt 1.3.0 from PyPI:

    python3 -m venv /tmp/xlwt && /tmp/xlwt/bin/pip install xlwt==1.3.0
    /tmp/xlwt/bin/python make_xls.py

The rows are those of the .xlsx built in tests/workbooks.rs: a "Notes" sheet
first, then "Orders" with a title on row 1 and the header on row 2.
"""

import datetime
import xlwt

HEADERS = ["order-id", "tracking-number", "carrier-code",
           "promised-delivery-date", "product-category", "item-price"]
D = datetime.datetime
ROWS = [
    ["111-1", "1Z999AA10123456784", "UPS", D(2026, 11, 1), "Kitchen", 12.99],
    ["111-2", 9400111899223345678901.0, "USPS", D(2026, 11, 2), "Kitchen", 5.0],
    ["111-3", "92055901649173127513", "USPS", D(2026, 11, 3, 14, 30), "Kitchen", 0.1 + 0.2],
    ["111-1", "1Z999AA10123456784", "UPS", D(2026, 11, 1), "Kitchen", 12.99],
    [],
    ["111-4", "1Z999AA10123456792", "UPS", D(2026, 9, 1), "Kitchen", 3.0],
    ["111-5", None, "UPS", D(2026, 11, 4), "Kitchen", 8.0],
    ["111-6", "1Z999AA10123456792", "UPS", "soon", "Kitchen", 8.0],
]


def write(path, dates_1904):
    book = xlwt.Workbook()
    book.dates_1904 = dates_1904
    notes = book.add_sheet("Notes")
    notes.write(0, 0, "Exported from the ERP")
    sheet = book.add_sheet("Orders")
    sheet.write(0, 0, "Shipments, November 2026")
    day = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    time = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for c, h in enumerate(HEADERS):
        sheet.write(1, c, h)
    for r, row in enumerate(ROWS, start=2):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, D):
                sheet.write(r, c, v, time if v.hour else day)
            else:
                sheet.write(r, c, v)
    book.save(path)


write("orders.xls", False)
write("orders-1904.xls", True)
