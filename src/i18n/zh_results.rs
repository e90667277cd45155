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
        "存在风险：即使修复全部无效包裹，仍有商品分类无法高于 {target}。",
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
    ("Duplicate rows", "重复行"),
    ("Window:", "统计期："),
    (
        "({days} days by promised delivery date, ending {lag} days before {as_of})",
        "（按承诺送达日期统计，共 {days} 天，截止于 {as_of}前 {lag} 天）",
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
    ("Invalid tracking", "追踪编码无效"),
    ("Not counted toward VTR", "不计入有效追踪率"),
    ("{n} of {m} packages that count have invalid tracking.", "{m} 个计入的包裹中有 {n} 个追踪编码无效。"),
    ("{n} of {m} packages do not count toward VTR.", "{m} 个包裹中有 {n} 个不计入有效追踪率。"),
    ("{n} more with no packages", "另有 {n} 项没有包裹"),
    ("None.", "无。"),
    ("What to do:", "处理方法："),
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
        "这些包裹照常计入，不会因此被判为无效；它们提示亚马逊的数值可能与此处不同。",
    ),
    ("Premium Shipping", "优先配送"),
    (
        "Premium Shipping packages also count in every figure above; Amazon holds them to their own targets.",
        "优先配送包裹也计入上面的各项数据；亚马逊对优先配送订单另有绩效目标。",
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
        "最新：截至 {latest_date}的统计期为 {latest}。最低：截至 {lowest_date}的统计期为 {lowest}。",
    ),
    ("No dated packages to draw a trend from.", "没有带日期的包裹，无法绘制趋势。"),
    ("The trend is drawn once your files are read again.", "文件重新读取完成后将绘制趋势图。"),
    (
        "Your data covers no full {days}-day window yet, so every window drawn holds fewer packages than Amazon's.",
        "您的数据尚未覆盖完整的 {days} 天统计期，图中每个统计期的包裹都少于亚马逊统计的数量。",
    ),
    (
        "Windows your data does not fully cover (before your first date, or after the window checked above): fewer packages, not counted as latest or lowest",
        "数据未完整覆盖的统计期（早于您的首个日期，或晚于上方检查的统计期）：包裹较少，不计入最新或最低",
    ),
    ("Fewer than {n} packages: one package moves the rate a lot", "少于 {n} 个包裹：一个包裹就会使比率明显变化"),
    ("The figures above use the window ending {date}.", "上方数据使用截至 {date} 的统计期。"),
    ("Target {target}", "目标 {target}"),
    ("VTR of the window ending each week", "每周截止的统计期有效追踪率"),
    ("Window ending", "统计期截止日"),
    ("End of the window checked above", "上方数据所用统计期的截止日"),
    // The verdict.
    ("Download the invalid package (Excel)", "下载追踪编码无效的包裹（Excel）"),
    ("Download the {n} invalid packages (Excel)", "下载 {n} 个追踪编码无效的包裹（Excel）"),
    ("These files have no carrier-scan data, so this is a prediction from everything that can be checked offline.", "这些文件不含承运人扫描数据，因此这是根据所有可离线检查的内容得出的预测。"),
    ("Categories at risk", "存在风险的商品分类"),
    ("No category is at risk.", "没有存在风险的商品分类。"),
    ("fix {n}", "需修复 {n} 个"),
    ("Top reasons for invalid tracking", "追踪编码无效的主要原因"),
    ("No package has invalid tracking.", "没有追踪编码无效的包裹。"),
    ("and {n} more below", "下方还有 {n} 项"),
    ("({days} days by ship date, ending {lag} days before {as_of})", "（按发货日期统计，共 {days} 天，截止于 {as_of}前 {lag} 天）"),
    ("({days} days by order date, ending {lag} days before {as_of})", "（按下单日期统计，共 {days} 天，截止于 {as_of}前 {lag} 天）"),
    ("({days} days by ship date, or order date where there is none, ending {lag} days before {as_of})", "（按发货日期统计，没有发货日期的按下单日期，共 {days} 天，截止于 {as_of}前 {lag} 天）"),
    ("({days} days by promised delivery date, or by ship or order date for the {n} packages without one, ending {lag} days before {as_of})", "（按承诺送达日期统计，其中 {n} 个没有承诺送达日期的包裹按发货日期或下单日期，共 {days} 天，截止于 {as_of}前 {lag} 天）"),
];
