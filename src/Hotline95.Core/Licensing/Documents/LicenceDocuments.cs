using System.Globalization;
using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;

namespace Hotline95.Core.Licensing.Documents;

public enum LicenceDocumentKind
{
    /// <summary>使用规划</summary>
    UsagePlan,
    /// <summary>安全管理制度汇编</summary>
    SecurityPolicies,
    /// <summary>不用于营销用途承诺书</summary>
    CommitmentLetter,
}

public enum FileFormat
{
    Docx,
    Pdf,
}

/// <summary>
/// Writes the three documents of the application from a dossier, worded for its district scenario, with the
/// concrete method, periods and roles filled in. What the dossier does not say is left as a visible
/// 【待填写】 blank, never invented.
/// </summary>
public static class LicenceDocuments
{
    public static (byte[] Content, string FileName, string ContentType) Render(LicenceDocumentKind kind, FileFormat format, Dossier dossier, EligibilityPolicy policy, string? number, DateOnly on)
    {
        var model = Build(kind, dossier, policy, number, on);
        var baseName = kind switch
        {
            LicenceDocumentKind.UsagePlan => "使用规划",
            LicenceDocumentKind.SecurityPolicies => "安全管理制度汇编",
            _ => "承诺书",
        };
        return format == FileFormat.Pdf
            ? (PdfRenderer.Render(model, Blank(dossier.Company?.Name, "公司名称")), $"{baseName}.pdf", "application/pdf")
            : (DocxRenderer.Render(model), $"{baseName}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    public static DocumentModel Build(LicenceDocumentKind kind, Dossier dossier, EligibilityPolicy policy, string? number, DateOnly on)
    {
        var model = kind switch
        {
            LicenceDocumentKind.UsagePlan => UsagePlan(dossier, policy, number, on),
            LicenceDocumentKind.SecurityPolicies => SecurityPolicies(dossier, policy, on),
            _ => Commitment(dossier, number, on),
        };
        return model with { Blocks = model.Blocks.Where(b => b is not Paragraph { Text: "" }).ToList() };
    }

    private static DocumentModel UsagePlan(Dossier d, EligibilityPolicy policy, string? number, DateOnly on)
    {
        var scenario = DistrictScenario.For(d.Premises?.District);
        var company = Blank(d.Company?.Name, "公司名称");
        var purposes = d.UsagePlan?.Purposes is { Count: > 0 } p ? p : null;
        var flow = d.UsagePlan?.Flow is { Count: > 0 } f ? f : null;
        var complaints = d.SecurityPolicies?.Complaints;
        var hours = complaints?.ResponseHours ?? PolicyText.ResponseHours(complaints?.Text) ?? policy.MaxComplaintResponseHours;
        var days = complaints?.ResolutionWorkingDays ?? PolicyText.ResolutionWorkingDays(complaints?.Text) ?? policy.MaxComplaintResolutionWorkingDays;
        var agents = d.Agents ?? [];
        var fullTime = agents.Count(a => a.FullTime == true);
        return new DocumentModel($"{company}95码号使用规划", $"申请号码：{Blank(number, "95号码")}　　编制日期：{Date(on)}",
        [
            new Heading("一、申请单位基本情况"),
            new Table(["项目", "内容"],
            [
                ["单位名称", company],
                ["统一社会信用代码", Blank(d.Company?.Uscc, "信用代码")],
                ["注册地", Blank(d.Company?.RegisteredIn, "注册地")],
                ["经营地址", Blank(d.Premises?.Address, "地址")],
                ["注册资本", d.Company?.RegisteredCapitalRmb is { } capital ? $"人民币 {capital.ToString("N0", CultureInfo.InvariantCulture)} 元" : Blank(null, "注册资本")],
                ["所属行业与场景", $"{scenario.District} · {scenario.Industry} · {scenario.Hotline}"],
            ]),
            new Heading("二、号码用途"),
            new Paragraph($"本单位申请的95客户服务号码面向{scenario.Callers}，作为{scenario.Hotline}，仅用于以下非营销类客户服务："),
            new BulletList(purposes ?? [Blank(null, $"具体用途，如{string.Join("、", scenario.ExamplePurposes)}")], Numbered: true),
            new Paragraph("上述用途不包括任何营销、促销、推广或广告宣传；号码不转让、不出借给其他单位使用。"),
            new Heading("三、服务时间"),
            new Paragraph($"服务时间：{Blank(d.UsagePlan?.ServiceHours, "服务时间，如 7×24 或 工作日 8:30-17:30")}。服务时间以外的来电播放提示音，并提供留言与回拨。"),
            new Heading("四、服务流程"),
            new Paragraph(flow is null ? Blank(null, "服务流程，如 用户拨打→客服接听→问题记录→转办处理→反馈结果") : string.Join(" → ", flow)),
            new Paragraph($"坐席无法当场解决的问题，记录后转交{scenario.Escalation}处理，并在 {hours} 小时内向用户反馈进展；投诉在 {hours} 小时内响应、{days} 个工作日内办结。"),
            new Heading("五、坐席与人员"),
            new Paragraph($"呼叫中心位于{Blank(d.Premises?.Address, "地址")}，设坐席 {Count(d.Premises?.Seats)} 个，每席配备话机、电脑与录音设备；全职客服 {fullTime} 名，均经服务礼仪与业务知识培训后上岗。"),
            new Heading("六、不用于营销的承诺"),
            new Paragraph(d.UsagePlan?.NoMarketingCommitment == true
                ? "本单位承诺该号码不用于任何营销用途，详见《不用于营销用途承诺书》。"
                : Blank(null, "不用于营销的承诺（请签署承诺书）")),
            new SignatureBlock([$"{company}（盖章）", Date(on)]),
        ]);
    }

    private static DocumentModel SecurityPolicies(Dossier d, EligibilityPolicy policy, DateOnly on)
    {
        var company = Blank(d.Company?.Name, "公司名称");
        var data = d.SecurityPolicies?.CustomerData;
        var calls = d.SecurityPolicies?.CallRecords;
        var complaints = d.SecurityPolicies?.Complaints;
        var method = data?.Encryption ?? PolicyText.EncryptionMethod(data?.Text, policy.EncryptionMethods);
        var dataMonths = data?.RetentionMonths ?? PolicyText.RetentionMonths(data?.Text);
        var callMonths = calls?.RetentionMonths ?? PolicyText.RetentionMonths(calls?.Text);
        var hours = complaints?.ResponseHours ?? PolicyText.ResponseHours(complaints?.Text);
        var days = complaints?.ResolutionWorkingDays ?? PolicyText.ResolutionWorkingDays(complaints?.Text);
        var complaintMonths = complaints?.RecordRetentionMonths ?? PolicyText.RetentionMonths(complaints?.Text);
        var roles = data?.AccessRoles is { Count: > 0 } r ? string.Join("、", r) : Blank(null, "授权访问角色，如 主管、合规专员");
        return new DocumentModel($"{company}安全管理制度汇编", $"包括：客户数据安全制度、通话记录管理制度、投诉处理制度　　{Date(on)}",
        [
            new Heading("第一章　客户数据安全制度"),
            new BulletList(
            [
                $"客户姓名、电话号码等个人信息一律以 {Blank(method, "加密方式，如 AES-256")} 加密存储，密钥按月生成并由主密钥封装，密钥与数据分开保管。",
                $"数据存储于本单位位于{Blank(d.Premises?.Address, "地址")}的服务器，不向任何第三方提供。",
                $"仅以下经授权的岗位可查看明文：{roles}；每次查看须填写事由并记入防篡改审计日志。",
                $"客户数据保存 {Months(dataMonths)}，到期后永久删除并销毁相应密钥。",
            ], Numbered: true),
            new Paragraph(data?.Text is { Length: > 0 } dataText ? $"补充规定：{dataText}" : ""),
            new Heading("第二章　通话记录管理制度"),
            new BulletList(
            [
                $"通话记录（含录音）保存 {Months(callMonths)}（不少于 {policy.MinCallRecordRetentionMonths} 个月），期满后永久删除。",
                "通话记录的查询须经授权，按号码查询通过加密索引进行，屏幕仅显示脱敏号码。",
                "录音加密存储，播放与下载逐次记录审计日志；涉诉记录在投诉办结前暂停删除。",
                "每日自动执行到期删除，删除的日期与数量留档备查。",
            ], Numbered: true),
            new Paragraph(calls?.Text is { Length: > 0 } callText ? $"补充规定：{callText}" : ""),
            new Heading("第三章　投诉处理制度"),
            new BulletList(
            [
                $"投诉受理后 {Blank(hours?.ToString(CultureInfo.InvariantCulture), "小时数")} 小时内响应（不超过 {policy.MaxComplaintResponseHours} 小时）。",
                $"投诉在 {Blank(days?.ToString(CultureInfo.InvariantCulture), "工作日数")} 个工作日内办结（不超过 {policy.MaxComplaintResolutionWorkingDays} 个工作日，按国务院节假日安排计算）。",
                "临近时限的投诉自动升级至主管处理。",
                $"投诉记录保存 {Months(complaintMonths)}（不少于 {policy.MinComplaintRecordRetentionMonths} 个月）。",
            ], Numbered: true),
            new Paragraph(complaints?.Text is { Length: > 0 } complaintText ? $"补充规定：{complaintText}" : ""),
            new SignatureBlock([$"{company}（盖章）", Date(on)]),
        ]);
    }

    private static DocumentModel Commitment(Dossier d, string? number, DateOnly on)
    {
        var company = Blank(d.Company?.Name, "公司名称");
        var purposes = d.UsagePlan?.Purposes is { Count: > 0 } p ? string.Join("、", p) : Blank(null, "用途");
        return new DocumentModel("不用于营销用途承诺书", null,
        [
            new Paragraph("上海市通信管理局："),
            new Paragraph($"本单位{company}（统一社会信用代码：{Blank(d.Company?.Uscc, "信用代码")}）申请使用95客户服务号码{Blank(number, "95号码")}，现郑重承诺："),
            new BulletList(
            [
                $"该号码仅用于{purposes}等非营销类客户服务，不用于营销、促销、推广或广告宣传；",
                "不以任何形式转让、出租或出借该号码；",
                "依法保护客户个人信息，不向第三方泄露通话记录与个人数据；",
                "宣传该号码时不使用“最”“第一”“唯一”等绝对化用语；",
                "如有违反，愿承担相应法律责任，并接受主管部门依法收回号码等处理。",
            ], Numbered: true),
            new SignatureBlock(["法定代表人（签字）：＿＿＿＿＿＿", $"{company}（盖章）", Date(on)]),
        ]);
    }

    private static string Blank(string? value, string what) => string.IsNullOrWhiteSpace(value) ? $"【待填写：{what}】" : value.Trim();

    private static string Months(int? months) => months is { } m ? m % 12 == 0 && m >= 12 ? $"{m / 12} 年（{m} 个月）" : $"{m} 个月" : Blank(null, "保存期限");

    private static string Count(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? Blank(null, "数量");

    private static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
