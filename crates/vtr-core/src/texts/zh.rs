//! The texts in Simplified Chinese, in the terms of Amazon's Chinese Seller
//! Central help (see `docs/glossary.md`).

use crate::rules::exclusion::Exclusion;
use crate::rules::reason::Reason::{self, Excluded, Invalid, Warning as Warned};
use crate::rules::validity::InvalidReason;
use crate::rules::warning::Warning;

use super::ReasonText;

pub(super) fn reason(r: Reason) -> ReasonText {
    let (label, explanation, fix) = match r {
        Excluded(Exclusion::AmazonFulfilled) => (
            "亚马逊物流",
            "由亚马逊物流（FBA）配送，不计入您的有效追踪率。",
            "无需处理。",
        ),
        Excluded(Exclusion::NotShipped) => (
            "未发货",
            "已取消或尚未发货：只有已发货并确认的包裹才计入。",
            "无需处理。如果实际已发货，请填写追踪编码确认发货。",
        ),
        Excluded(Exclusion::Digital) => (
            "数字商品",
            "数字商品无需追踪，因此不计入。",
            "无需处理。",
        ),
        Excluded(Exclusion::Undated) => (
            "无日期",
            "没有承诺送达日期、发货日期或下单日期，无法归入统计期。",
            "导出订单时请包含承诺送达日期（或发货日期）。",
        ),
        Excluded(Exclusion::OutsideWindow) => (
            "不在统计期内",
            "其承诺送达日期不在当前检查的统计期内，因此目前不计入。",
            "目前无需处理。如需将其计入，请更改检查日期，或勾选“计入所有日期”。",
        ),
        Excluded(Exclusion::FreightNonIntegrated) => (
            "货运（承运人未与亚马逊合作）",
            "由未与亚马逊合作的承运人通过货运配送：亚马逊不计入。",
            "无需处理。",
        ),
        Excluded(Exclusion::SmallEnvelope) => (
            "USPS 信封小件",
            "含运费低于 10 美元、装在 USPS 标准邮件（Standard Mail）或平邮（First Class Mail）信封中寄送的小件商品：亚马逊不计入。",
            "无需处理。",
        ),
        Excluded(Exclusion::InternationalLowValue) => (
            "国际订单，5 美元及以下",
            "含运费 5.00 美元及以下的国际订单：无需提供有效追踪编码。",
            "无需处理。",
        ),
        Invalid(InvalidReason::MissingTracking) => (
            "缺少追踪编码",
            "确认发货时未提供追踪编码，或填写的是 N/A、0 之类的占位内容。",
            "在卖家平台中转至“订单 > 管理订单”，找到该订单，在送达日期之前点击“编辑货件”，按面单原样输入追踪编码。更改将在 72 小时后显示在亚马逊的报告中。",
        ),
        Invalid(InvalidReason::SpreadsheetMangled) => (
            "被电子表格损坏",
            "电子表格改动了追踪编码：显示为科学计数法（9.4001E+21）或以 .0 结尾，部分数字已丢失。",
            "在“编辑货件”（“订单 > 管理订单”）中按面单重新输入追踪编码。在电子表格中粘贴追踪编码前，先将追踪编码列设置为“文本”格式。",
        ),
        Invalid(InvalidReason::MissingCarrier) => (
            "缺少承运人",
            "未选择承运人，亚马逊无法查询该追踪编码。",
            "在“编辑货件”（“订单 > 管理订单”）中，从承运人下拉框中选择承运人。",
        ),
        Invalid(InvalidReason::ChineseCarrierName) => (
            "承运人名称为中文",
            "承运人名称以中文输入，亚马逊无法将其匹配到承运人。",
            "在“编辑货件”中从承运人下拉框选择承运人（例如列表中的 China Post 即中国邮政、Yanwen 即燕文）。切勿用中文输入承运人名称。",
        ),
        Invalid(InvalidReason::UnsupportedCarrier) => (
            "不支持的承运人",
            "该承运人不在亚马逊可追踪的范围内，或选择了“其他”并填写了亚马逊无法识别的名称。",
            "请使用亚马逊支持追踪的承运人发货，并在“编辑货件”的承运人下拉框中选择该承运人。",
        ),
        Invalid(InvalidReason::OtherWithListedCarrier) => (
            "选择了“其他”，但承运人在列表中",
            "选择了“其他”并手动输入承运人名称，但该承运人就在亚马逊的列表中：亚马逊视为无效。",
            "在“编辑货件”中直接从承运人下拉框选择该承运人，而不是选择“其他”。",
        ),
        Invalid(InvalidReason::CarrierMismatch) => (
            "承运人不匹配",
            "该追踪编码属于另一家承运人，所选承运人无法查到。",
            "在“编辑货件”中选择面单上印有该追踪编码的承运人。",
        ),
        Invalid(InvalidReason::MalformedTracking) => (
            "追踪编码格式错误",
            "追踪编码不符合该承运人的格式或校验位，或包含追踪编码中不应出现的字符。",
            "对照面单核对追踪编码，并在“编辑货件”中重新输入：检查是否有输错、漏掉的数字或多余的字符。",
        ),
        Invalid(InvalidReason::NoCarrierScan) => (
            "无承运人扫描记录",
            "承运人从未扫描该包裹，因此即使追踪编码正确，也不会被视为有效。",
            "确保承运人在揽收或交寄时扫描每个包裹，并在包裹交给承运人后再确认发货。",
        ),
        Warned(Warning::ReusedTracking) => (
            "追踪编码重复使用",
            "同一追踪编码出现在不同订单的包裹上。亚马逊可能不接受重复使用的追踪编码。",
            "检查每个包裹是否有各自的追踪编码，并更正误复制的追踪编码。",
        ),
        Warned(Warning::WindowByFallbackDate) => (
            "按发货或下单日期归入统计期",
            "未提供承诺送达日期，因此按发货或下单日期将包裹归入统计期。亚马逊使用承诺送达日期，个别包裹可能归入其他统计期。",
            "导出订单时包含承诺送达日期，统计期才会准确。",
        ),
        Warned(Warning::DuplicateRows) => (
            "重复行",
            "与前面某行完全相同的行只读取一次。",
            "无需处理，除非误将同一文件添加了两次。",
        ),
        Warned(Warning::ValueUnknown) => (
            "包裹价值未知",
            "该包裹可能属于不计入的低价信封件或国际订单，但金额未知，因此仍然计入。",
            "导出订单时请包含商品价格和运费，或订单总额。",
        ),
    };
    ReasonText {
        label,
        explanation,
        fix,
    }
}
