//! Chinese for the texts every part of the page shares: (English, Chinese).

pub const ZH: &[(&str, &str)] = &[
    ("Check your Amazon Valid Tracking Rate privately, in your browser.", "在浏览器中私密检查您的亚马逊有效追踪率（VTR）。"),
    ("Your files never leave this device: everything is computed in this page, with no upload and no tracking.", "您的文件不会离开本设备：所有计算都在本页面内完成，不上传任何文件，也不收集您的使用数据。"),
    ("Got it", "知道了"),
    ("Language", "语言"),
    ("Something went wrong", "出错了"),
    // The skip link and the bar the loading folds into.
    ("Skip to the result", "跳到检查结果"),
    ("Files and settings", "文件与设置"),
    ("{n} files", "{n} 个文件"),
    ("{days} days ending {date}", "截至 {date}的 {days} 天"),
    ("No date column", "没有日期列"),
    ("reading {n}…", "正在读取 {n} 个…"),
    ("{n} could not be read", "{n} 个无法读取"),
    ("kept on this device", "已保存在本设备上"),
    ("not kept: storage is full", "未保存：存储空间已满"),
    ("not kept on this device", "未保存在本设备上"),
    ("another tab's check is kept", "已保存的是另一个标签页的检查"),
    ("Change", "更改"),
    ("Change files or settings", "更改文件或设置"),
    ("Done", "收起"),
    ("Done with files and settings", "收起文件与设置"),
];
