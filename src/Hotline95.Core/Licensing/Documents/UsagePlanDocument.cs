using System.Globalization;
using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using static Hotline95.Core.Licensing.Documents.Stated;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>使用规划: the applicant, the number's purposes, hours, flow, premises and staff, as the dossier states them.</summary>
internal static class UsagePlanDocument
{
    public static DocumentModel Build(Dossier d, Stated facts, EligibilityPolicy policy, string? number, DateOnly on)
    {
        var plan = d.UsagePlan;
        var agents = d.Agents ?? [];
        return new DocumentModel($"{facts.Company}95码号使用规划", $"申请号码：{Blank(number, "95号码")}　　编制日期：{Date(on)}",
        [
            new Heading("一、申请单位基本情况"),
            new Table(["项目", "内容"],
            [
                ["单位名称", facts.Company],
                ["统一社会信用代码", Blank(d.Company?.Uscc, "统一社会信用代码")],
                ["注册地", Blank(d.Company?.RegisteredIn, "注册地")],
                ["经营地址", Blank(d.Premises?.Address, "经营地址")],
                ["注册资本", d.Company?.RegisteredCapitalRmb is { } capital ? $"人民币 {capital.ToString("N0", CultureInfo.InvariantCulture)} 元" : Blank(null, "注册资本")],
                ["所属行业", Blank(d.Company?.Industry, "所属行业")],
                ["经营范围", Blank(d.Company?.BusinessScope, "经营范围")],
            ]),
            new Heading("二、号码用途"),
            new Paragraph($"本热线为{Blank(plan?.Description, "热线说明")}，服务对象为{Blank(plan?.Callers, "服务对象")}。本单位申请的95客户服务号码仅用于以下非营销类客户服务："),
            new BulletList(facts.ServicePurposes.Count > 0 ? facts.ServicePurposes : [facts.Purposes], Numbered: true),
            .. facts.MarketingNotes.Select(note => new Paragraph(note, Bold: true)),
            new Paragraph("上述用途不包括任何营销、促销、推广或广告宣传；号码不转让、不出租、不出借给其他单位使用。"),
            new Heading("三、服务时间"),
            new Paragraph($"服务时间：{Blank(plan?.ServiceHours, "服务时间")}。"),
            new Heading("四、服务流程"),
            new Paragraph(List(plan?.Flow, "服务流程", " → ")),
            new Paragraph($"投诉在 {Requirement.Response(facts.ResponseHours, policy, sayRequirement: false)}、{Requirement.Resolution(facts.ResolutionWorkingDays, policy, sayRequirement: false)}，详见《安全管理制度汇编》投诉处理制度。"),
            new Heading("五、场地、坐席与人员"),
            new Paragraph($"呼叫中心位于{Blank(d.Premises?.Address, "呼叫中心地址")}，设坐席 {Number(d.Premises?.Seats, "坐席数")} 个；坐席设备：{List(d.Premises?.Equipment, "坐席设备")}。"),
            new Paragraph(agents.Count > 0
                ? $"坐席人员 {agents.Count} 名，其中全职 {agents.Count(a => a.FullTime == true)} 名。"
                : $"坐席人员：{Blank(null, "坐席人员名单")}。"),
            new Paragraph($"坐席人员培训内容：{List(facts.TrainingTopics, "培训内容")}。"),
            new Heading("六、不用于营销的承诺"),
            new Paragraph(plan?.NoMarketingCommitment == true
                ? "本单位承诺该号码不用于任何营销用途，详见《不用于营销用途承诺书》。"
                : Blank(null, "不用于营销的承诺（请签署承诺书）")),
            new SignatureBlock([$"{facts.Company}（盖章）", Date(on)]),
        ]);
    }
}
