namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// The five typical holders of DOMAIN.md by district: the documents are worded for the enterprise's scenario
/// (its industry, its callers, its kind of hotline). Chosen by the premises' district.
/// </summary>
public sealed record DistrictScenario(string Key, string District, string Industry, string Hotline, string Callers, IReadOnlyList<string> ExamplePurposes, string Escalation)
{
    public static readonly IReadOnlyList<DistrictScenario> All =
    [
        // Zhangjiang lies inside Pudong: it is matched first.
        new("zhangjiang", "张江科学城", "科技与人工智能", "售后服务热线与技术支持热线", "设备与软件用户",
            ["设备故障排查", "软件升级指导", "模型训练与算法咨询"], "技术专家"),
        new("pudong", "浦东新区", "金融与跨境电商", "银行客服热线与海外订单热线", "持卡客户与跨境购物用户",
            ["信用卡额度与账单咨询", "账单查询", "投诉处理", "报关与物流进度查询"], "信贷专员或跨境物流专员"),
        new("xuhui", "徐汇区", "教育与金融科技", "课程咨询热线与风控热线", "学员、家长与金融科技用户",
            ["课程与报名咨询", "师资咨询", "信用风险与反欺诈咨询"], "教务或风控专员"),
        new("changning", "长宁区", "医疗与高端服务", "预约热线与宾客服务热线", "患者与宾客",
            ["专科预约", "体检套餐咨询", "报告解读", "预订、退房与投诉受理"], "医务或宾客关系专员"),
        new("hongkou", "虹口区", "贸易与物流", "查询热线与订单热线", "收寄件人与采购客户",
            ["包裹追踪", "派送提醒", "投诉处理", "订单、退货与发票查询"], "物流或订单专员"),
    ];

    public static readonly DistrictScenario General = new("general", "上海市", "客户服务", "客户服务热线", "客户",
        ["客户咨询", "售后支持", "订单查询", "预约提醒", "投诉处理"], "业务专员");

    public static DistrictScenario For(string? district)
    {
        var text = district ?? "";
        return All.FirstOrDefault(s => text.Contains(s.District[..2], StringComparison.Ordinal)
            || text.Contains(s.Key, StringComparison.OrdinalIgnoreCase)) ?? General;
    }
}
