//! Chinese for the results texts of the page: (English, Chinese).
//!
//! "Valid", "Status", "Category", "Carrier", "All categories" and
//! "(uncategorised)" are shared with the package list and translated in its
//! table (each English text may appear once across all tables).

pub const ZH: &[(&str, &str)] = &[
    // Summary banner.
    ("Your Valid Tracking Rate", "您的有效追踪率"),
    ("OK", "达标"),
    ("At risk", "存在风险"),
    ("No data", "无数据"),
    ("Every category is above the {target} target.", "所有商品分类均高于 {target} 的目标。"),
    ("No package counts toward VTR with these files and settings.", "按当前文件和设置，没有计入有效追踪率的包裹。"),
    (
        "At risk: even fixing every invalid package cannot lift a category above {target}.",
        "存在风险：即使修复全部无效包裹，也无法使商品分类高于 {target}。",
    ),
    ("Fix 1 package to get every category above {target}.", "需修复 1 个包裹，才能使所有商品分类高于 {target}。"),
    ("Fix {n} packages to get every category above {target}.", "需修复 {n} 个包裹，才能使所有商品分类高于 {target}。"),
    ("{k} of {m} categories at risk.", "{m} 个商品分类中有 {k} 个存在风险。"),
    ("Overall VTR", "总体有效追踪率"),
    ("Target: above {target}", "目标：高于 {target}"),
    ("Fixes needed", "需修复"),
    ("Considered", "计入包裹"),
    ("Total packages", "包裹总数"),
    ("Rows read", "读取行数"),
    ("Window:", "统计期："),
    (
        "({days} days by promised delivery date, ending {lag} days before {as_of})",
        "（按承诺送达日期统计 {days} 天，截止于 {as_of} 之前 {lag} 天）",
    ),
    (
        "All dates: the window is off, so every package counts whatever its date.",
        "全部日期：未限定统计期，所有包裹无论日期均计入。",
    ),
    ("No date column: every package counts whatever its date.", "文件中没有日期列：所有包裹无论日期均计入。"),
    (
        "This file has no carrier-scan data, so this is a prediction from everything that can be checked offline.",
        "此文件不含承运人扫描数据，因此这是根据所有可离线检查的内容得出的预测。",
    ),
    ("(no carrier)", "（无承运人）"),
    // Categories.
    ("VTR by category", "各商品分类的有效追踪率"),
    (
        "Amazon measures VTR per product category: each must be above {target}. Select a category to list its packages.",
        "亚马逊按商品分类衡量有效追踪率：每个分类都必须高于 {target}。点击分类可列出其包裹。",
    ),
    ("No category has packages that count.", "没有商品分类包含计入的包裹。"),
    ("VTR", "有效追踪率"),
    // Why.
    ("Why", "原因"),
    ("Select a reason to list its packages.", "点击原因可列出相应的包裹。"),
    ("Invalid tracking", "追踪无效"),
    ("Not counted toward VTR", "不计入有效追踪率"),
    ("{n} of {m} packages that count have invalid tracking.", "{m} 个计入的包裹中有 {n} 个追踪无效。"),
    ("{n} of {m} packages do not count toward VTR.", "{m} 个包裹中有 {n} 个不计入有效追踪率。"),
    ("{n} more with no packages", "另有 {n} 项没有包裹"),
    ("None.", "无。"),
    ("What to do:", "处理方法："),
    // Reason and warning labels (crate::reason_text::label).
    ("Fulfilled by Amazon", "亚马逊配送"),
    ("Not shipped", "未发货"),
    ("Digital", "数字商品"),
    ("No date", "无日期"),
    ("Outside the window", "不在统计期内"),
    ("Freight, carrier not integrated", "货运，承运人未与亚马逊对接"),
    ("Small USPS envelope", "USPS 小型信封"),
    ("International, $5 or less", "国际订单，5 美元及以下"),
    ("Missing tracking", "缺少追踪编码"),
    ("Damaged by a spreadsheet", "被电子表格损坏"),
    ("Missing carrier", "缺少承运人"),
    ("Carrier in Chinese", "承运人名称为中文"),
    ("Unsupported carrier", "不支持的承运人"),
    ("\"Other\" with a listed carrier", "选择了“其他”，但承运人在列表中"),
    ("Wrong carrier", "承运人不匹配"),
    ("Malformed number", "追踪编码格式错误"),
    ("No carrier scan", "无承运人扫描"),
    ("Reused tracking", "追踪编码重复使用"),
    ("Placed by ship or order date", "按发货或下单日期归入统计期"),
    ("Duplicate rows", "重复行"),
    ("Value unknown", "金额未知"),
    // Explanations (crate::reason_text::explanation).
    ("Amazon shipped it (FBA), so it does not count toward your VTR.", "由亚马逊配送（FBA），不计入您的有效追踪率。"),
    (
        "Cancelled or not shipped yet: only shipped and confirmed packages count.",
        "已取消或尚未发货：只有已发货并确认的包裹才计入。",
    ),
    ("A digital product has nothing to track, so it does not count.", "数字商品无需追踪，因此不计入。"),
    (
        "It has no promised delivery, ship or order date, so it cannot be placed in the window.",
        "没有承诺送达日期、发货日期或下单日期，无法归入统计期。",
    ),
    (
        "Its promised delivery date falls outside the window being checked, so it does not count now.",
        "其承诺送达日期不在当前检查的统计期内，因此目前不计入。",
    ),
    (
        "Shipped by freight with a carrier that is not integrated with Amazon: Amazon does not count it.",
        "通过未与亚马逊对接的承运人以货运方式发货：亚马逊不计入。",
    ),
    (
        "A small item under $10 including shipping, sent in a USPS Standard Mail or First Class envelope: Amazon does not count it.",
        "含运费低于 10 美元的小件商品，使用 USPS Standard Mail 或 First Class 信封寄送：亚马逊不计入。",
    ),
    (
        "An international order of $5.00 or less including shipping: tracking is not required.",
        "含运费 5.00 美元及以下的国际订单：无需提供追踪信息。",
    ),
    (
        "No tracking number was confirmed, or it is a placeholder such as N/A or 0.",
        "未确认追踪编码，或填写的是 N/A、0 之类的占位内容。",
    ),
    (
        "A spreadsheet changed the number: it shows as scientific notation (9.4001E+21) or ends in .0, so digits are lost.",
        "电子表格改动了编码：显示为科学计数法（9.4001E+21）或以 .0 结尾，部分数字已丢失。",
    ),
    ("No carrier was chosen, so Amazon cannot look the number up.", "未选择承运人，亚马逊无法查询该编码。"),
    (
        "The carrier name is typed in Chinese characters, which Amazon cannot match to a carrier.",
        "承运人名称以中文输入，亚马逊无法将其匹配到承运人。",
    ),
    (
        "The carrier is not one Amazon can track, or \"Other\" was chosen with a name Amazon does not know.",
        "该承运人不在亚马逊可追踪的范围内，或选择了“其他”并填写了亚马逊无法识别的名称。",
    ),
    (
        "\"Other\" was chosen and a carrier's name typed in, but that carrier is in Amazon's list: Amazon counts this as invalid.",
        "选择了“其他”并手动输入承运人名称，但该承运人就在亚马逊的列表中：亚马逊视为无效。",
    ),
    (
        "The number belongs to a different carrier than the one chosen, so the chosen carrier cannot find it.",
        "该编码属于另一家承运人，所选承运人无法查到。",
    ),
    (
        "The number does not have the carrier's format or check digit, or has characters a tracking number cannot have.",
        "编码不符合该承运人的格式或校验位，或包含追踪编码中不应出现的字符。",
    ),
    (
        "The carrier never scanned the package, so the tracking is not valid even if the number is right.",
        "承运人从未扫描该包裹，即使编码正确，追踪也无效。",
    ),
    (
        "The same tracking number is on packages of different orders. Amazon may not accept a reused number.",
        "同一追踪编码出现在不同订单的包裹上。亚马逊可能不接受重复使用的编码。",
    ),
    (
        "No promised delivery date was given, so the package was placed in the window by its ship or order date. Amazon uses the promised delivery date, so a few packages may fall in another window.",
        "未提供承诺送达日期，因此按发货或下单日期将包裹归入统计期。亚马逊使用承诺送达日期，个别包裹可能归入其他统计期。",
    ),
    ("Rows that repeat an earlier row exactly were read once, not twice.", "与前面某行完全相同的行只读取一次。"),
    (
        "The package could be a low-value envelope or international order that does not count, but its value is unknown, so it was counted.",
        "该包裹可能属于不计入的低价信封件或国际订单，但金额未知，因此仍然计入。",
    ),
    // Fixes (crate::reason_text::fix).
    ("Nothing to do.", "无需处理。"),
    (
        "Nothing to do. If it did ship, confirm the shipment with its tracking number.",
        "无需处理。如果实际已发货，请填写追踪编码确认发货。",
    ),
    (
        "Export the promised delivery date (or the ship date) with your orders.",
        "导出订单时请包含承诺送达日期（或发货日期）。",
    ),
    (
        "Nothing to do now. Change the as-of date, or check all dates, to include it.",
        "目前无需处理。如需包含它，请更改检查日期或选择全部日期。",
    ),
    (
        "In Seller Central go to Orders > Manage Orders, find the order and choose Edit Shipment before the delivery date, then enter the number exactly as on the label. Changes show in Amazon's reports after 72 hours.",
        "在卖家平台进入 订单 > 管理订单，找到该订单，在送达日期之前点击“编辑配送”，按面单原样填写追踪编码。更改将在 72 小时后显示在亚马逊的报告中。",
    ),
    (
        "Re-enter the number from the label in Edit Shipment (Orders > Manage Orders). In your spreadsheet, format the tracking column as Text before pasting numbers.",
        "在“编辑配送”（订单 > 管理订单）中按面单重新填写编码。在电子表格中粘贴编码前，先将追踪编码列设置为“文本”格式。",
    ),
    (
        "In Edit Shipment (Orders > Manage Orders), pick the carrier from Amazon's list.",
        "在“编辑配送”（订单 > 管理订单）中，从亚马逊的列表里选择承运人。",
    ),
    (
        "In Edit Shipment, pick the carrier from Amazon's list (for example China Post or Yanwen). Never type the carrier's name in Chinese.",
        "在“编辑配送”中从亚马逊的列表里选择承运人（例如中国邮政、燕文在列表中对应的选项）。切勿用中文输入承运人名称。",
    ),
    (
        "Ship with a carrier Amazon tracks, and pick it from the list in Edit Shipment.",
        "请使用亚马逊可追踪的承运人发货，并在“编辑配送”的列表中选择它。",
    ),
    (
        "In Edit Shipment, choose the carrier itself from the list instead of \"Other\".",
        "在“编辑配送”中直接从列表选择该承运人，而不是选择“其他”。",
    ),
    (
        "In Edit Shipment, pick the carrier whose label carries this number.",
        "在“编辑配送”中选择面单上印有该编码的承运人。",
    ),
    (
        "Compare the number with the label and re-enter it in Edit Shipment: look for typos, missing digits or extra characters.",
        "对照面单核对编码，并在“编辑配送”中重新填写：检查是否有输错、漏掉的数字或多余的字符。",
    ),
    (
        "Make sure the carrier scans every package at pickup or drop-off, and confirm shipments only once they are handed over.",
        "确保承运人在揽收或交寄时扫描每个包裹，并在包裹交给承运人后再确认发货。",
    ),
    (
        "Check that each package has its own number and correct any copied by mistake.",
        "检查每个包裹是否有各自的编码，并更正误复制的编码。",
    ),
    (
        "Export the promised delivery date with your orders for an exact window.",
        "导出订单时包含承诺送达日期，统计期才会准确。",
    ),
    ("Nothing to do, unless the same file was added twice by mistake.", "无需处理，除非误将同一文件添加了两次。"),
    (
        "Export the item and shipping prices, or the order total, with your orders.",
        "导出订单时请包含商品价格和运费，或订单总额。",
    ),
    // Carriers.
    ("Carriers", "承运人"),
    (
        "Packages that count, by carrier. Select a carrier to list its packages.",
        "按承运人统计的计入包裹。点击承运人可列出其包裹。",
    ),
    ("No carrier has packages that count.", "没有承运人包含计入的包裹。"),
    // Warnings and premium.
    ("Warnings", "提醒"),
    (
        "Counted as usual, never invalid: they show where Amazon's figure may differ.",
        "照常计入，不会判为无效：提示亚马逊的数据可能与此不同之处。",
    ),
    ("Premium Shipping", "高级配送"),
    (
        "Premium Shipping packages also count in every figure above; Amazon holds them to their own targets.",
        "高级配送包裹也计入上面的各项数据；亚马逊对其另有单独的目标。",
    ),
    // Trend.
    ("VTR over time", "有效追踪率趋势"),
    ("Trend for", "趋势范围"),
    (
        "The VTR of the {days}-day window ending on each day, against the {target} target.",
        "截至每一天的 {days} 天统计期的有效追踪率，与 {target} 的目标对比。",
    ),
    (
        "Latest: {latest} for the window ending {latest_date}. Lowest: {lowest} for the window ending {lowest_date}.",
        "最近：截至 {latest_date} 的统计期为 {latest}。最低：截至 {lowest_date} 的统计期为 {lowest}。",
    ),
    ("No dated packages to draw a trend from.", "没有带日期的包裹，无法绘制趋势。"),
    ("Target {target}", "目标 {target}"),
    ("VTR of the window ending each week", "每周截止的统计期有效追踪率"),
    ("Window ending", "统计期截止"),
    ("End of the window checked above", "上方数据所用统计期的截止日"),
];
