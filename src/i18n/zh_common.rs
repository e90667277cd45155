//! Chinese for the texts every part of the page shares: (English, Chinese).

pub const ZH: &[(&str, &str)] = &[
    ("Check your Amazon Valid Tracking Rate privately, in your browser.", "在浏览器中私密检查您的亚马逊有效追踪率（VTR）。"),
    ("Your files never leave this device: everything is computed in this page, with no upload and no tracking.", "您的文件不会离开本设备：所有计算都在本页面内完成，不上传任何文件，也不收集您的使用数据。"),
    ("Got it", "知道了"),
    ("Language", "语言"),
    ("Something went wrong", "出错了"),
];
