using Hotline95.Core.Documents;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using static Hotline95.Core.Licensing.Documents.Stated;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// 安全管理制度汇编 as a policy a reviewer accepts: 总则, 适用范围, 职责分工, 具体措施 (the three policies of condition 6),
/// 应急处置, 责任追究 and 附则 with the effective date, in numbered articles, on its legal basis. Every fact (method,
/// server location, periods, limits, roles, responsible officer, training) is the dossier's; the measures Hotline95
/// itself applies are added only for a dossier whose hotline runs on it. A period or limit is followed by what the
/// authority requires only when it complies; otherwise it is marked 【须修改：…】 (<see cref="Requirement"/>).
/// </summary>
internal static class SecurityPoliciesDocument
{
    public const string CybersecurityLaw = "《网络安全法》";
    public const string PersonalInformationLaw = "《个人信息保护法》";
    public const string NumberResourceMeasures = "《电信网码号资源管理办法》";

    /// <summary>The measures the platform applies to every enterprise on it (Security/FieldCipher, the audit chain, the retention purge, alerts).</summary>
    private static readonly string[] PlatformData =
    [
        "本单位热线运行于 Hotline95 平台：客户个人信息字段加密存储，数据密钥按月生成并由主密钥封装，密钥与数据分开保管；",
        "按电话号码查询通过加密索引进行，页面只显示脱敏号码；",
        "每次查看明文须填写事由，记入防篡改审计链（逐条签名链接并在数据库外锚定），可随时校验。",
    ];

    private static readonly string[] PlatformCalls =
    [
        "录音加密存储，播放与下载逐次记入审计日志；",
        "平台每日自动删除到期的通话记录并销毁对应月份的数据密钥，删除的日期与数量留档备查；处于法律保全的记录在保全解除前暂停删除。",
    ];

    private static readonly string[] PlatformComplaints =
    [
        "投诉时限由平台按国务院节假日安排（含调休上班日）计算，临近时限的投诉自动升级提醒主管。",
    ];

    private const string PlatformAlerts = "平台对话务量突增和同一号码频繁呼入发出告警，可一键将来电号码加入黑名单。";

    public static DocumentModel Build(Dossier d, Stated facts, EligibilityPolicy policy, string? number, DateOnly on)
    {
        var sp = d.SecurityPolicies;
        var officer = Blank(sp?.Officer, "安全管理负责人");
        var effective = sp?.EffectiveDate is { } day ? Date(day) : Blank(null, "施行日期");
        var roles = List(sp?.CustomerData?.AccessRoles, "可查看明文的岗位");
        var articles = new Articles();
        var blocks = new List<Block>
        {
            new Heading("第一章　总则"),
            articles.Next($"为保护客户个人信息、通话记录和投诉记录的安全，规范95客户服务号码{Blank(number, "95号码")}的使用，依据《中华人民共和国网络安全法》（以下简称{CybersecurityLaw}）、"
                + $"《中华人民共和国个人信息保护法》（以下简称{PersonalInformationLaw}）和{NumberResourceMeasures}，结合本单位实际，制定本制度。"),
            articles.Next($"本单位依照{NumberResourceMeasures}按照批准的用途使用95码号，仅用于{facts.Purposes}等非营销类客户服务，不转让、出租或出借号码。"),
            articles.Next($"本单位处理客户个人信息遵循合法、正当、必要和诚信原则，依照{PersonalInformationLaw}第五十一条制定内部管理制度和操作规程，采取加密等安全技术措施，"
                + "合理确定操作权限，定期开展安全教育和培训，并制定个人信息安全事件应急预案。"),

            new Heading("第二章　适用范围"),
            articles.Next($"本制度适用于本单位95客户服务热线在{Blank(d.Premises?.Address, "呼叫中心地址")}呼叫中心运营中处理的下列信息：（一）客户个人信息，包括姓名、电话号码等；"
                + "（二）通话记录；（三）投诉记录。"),
            articles.Next("本制度适用于本单位全体坐席人员，以及经授权访问上述信息的其他人员。"),

            new Heading("第三章　职责分工"),
            articles.Next($"{officer}为本单位安全管理负责人，依照{CybersecurityLaw}第二十一条落实安全保护责任，负责本制度的组织实施、监督检查和安全事件处置。"),
            articles.Next($"仅下列岗位经授权可查看客户个人信息明文：{roles}。其他人员不得查看、复制客户个人信息明文。"),
            articles.Next("坐席人员按照本制度受理来电、记录问题，不得私自记录、留存或者向他人提供客户信息和通话内容。"),
            articles.Next($"本单位对坐席人员进行安全教育和业务培训，培训内容包括：{List(facts.TrainingTopics, "培训内容")}。"),

            new Heading("第四章　具体措施"),
            new Heading("一、客户数据安全制度", 2),
            articles.Next($"客户姓名、电话号码等个人信息以 {Blank(facts.Encryption, "加密算法")} 加密存储。"),
            articles.Next($"客户数据存储于{Blank(sp?.ServerLocation, "服务器所在地")}，不向任何第三方提供。"),
            articles.Next("客户个人信息仅用于受理和处理来电所涉事项，不得用于营销或者其他目的。"),
            articles.Next($"导出、复制客户数据须经{officer}批准并登记导出人、时间、范围和用途。"),
            articles.Next($"客户数据保存 {Requirement.Retention(facts.DataRetentionMonths, policy.MinCustomerDataRetentionMonths, policy, "客户数据保存期限")}；期满后删除，不得永久保存。"),
        };
        Platform(blocks, articles, PlatformData, facts);
        Supplement(blocks, sp?.CustomerData?.Text);

        blocks.Add(new Heading("二、通话记录管理制度", 2));
        blocks.Add(articles.Next($"通话记录保存 {Requirement.Retention(facts.CallRetentionMonths, policy.MinCallRecordRetentionMonths, policy, "通话记录保存期限")}；期满后永久删除。"));
        blocks.Add(articles.Next("查询、调取通话记录须经授权，并记录查询人、时间和事由。"));
        Platform(blocks, articles, PlatformCalls, facts);
        Supplement(blocks, sp?.CallRecords?.Text);

        blocks.Add(new Heading("三、投诉处理制度", 2));
        blocks.Add(articles.Next("受理投诉时登记投诉人、联系电话、投诉事项和受理时间，办结时登记处理结果。"));
        blocks.Add(articles.Next($"投诉受理后 {Requirement.Response(facts.ResponseHours, policy)}。"));
        blocks.Add(articles.Next($"投诉在 {Requirement.Resolution(facts.ResolutionWorkingDays, policy)}（工作日按国务院节假日安排计算），处理结果告知投诉人。"));
        blocks.Add(articles.Next($"投诉记录保存 {Requirement.Retention(facts.ComplaintRetentionMonths, policy.MinComplaintRecordRetentionMonths, policy, "投诉记录保存期限")}。"));
        Platform(blocks, articles, PlatformComplaints, facts);
        Supplement(blocks, sp?.Complaints?.Text);

        blocks.AddRange(
        [
            new Heading("第五章　应急处置"),
            articles.Next($"发生或者可能发生客户个人信息泄露、篡改、丢失的，{officer}应当立即组织采取补救措施，依照{PersonalInformationLaw}第五十七条通知履行个人信息保护职责的部门和相关个人，"
                + $"并依照{CybersecurityLaw}第四十二条向有关主管部门报告。"),
            articles.Next("发现号码被用于营销、推销，或者被转让、出租、出借的，立即停止相关使用并整改。"),
            articles.Next("发现恶意呼叫或者话务量异常突增的，及时核查原因并采取处置措施。" + (facts.OnPlatform ? PlatformAlerts : "")),
            articles.Next("安全事件处置结束后，形成书面记录，写明事件经过、影响范围和整改措施，留存备查。"),

            new Heading("第六章　责任追究"),
            articles.Next("违反本制度查看、复制、泄露或者向他人提供客户个人信息、通话记录的，本单位依照内部规章追究直接责任人员和负责人员的责任。"),
            articles.Next($"违反本制度构成违法的，依照{PersonalInformationLaw}{CybersecurityLaw}等法律法规承担法律责任；构成犯罪的，依法追究刑事责任。"),

            new Heading("第七章　附则"),
            articles.Next("本制度规定的保存期限和处理时限与主管部门的规定不一致的，以主管部门的规定为准。"),
            articles.Next($"本制度由{officer}负责解释。"),
            articles.Next($"本制度自{effective}起施行。"),
            new SignatureBlock([$"{facts.Company}（盖章）", Date(on)]),
        ]);

        return new DocumentModel($"{facts.Company}安全管理制度汇编", $"包括：客户数据安全制度、通话记录管理制度、投诉处理制度　　施行日期：{effective}", blocks);
    }

    private static void Platform(List<Block> blocks, Articles articles, IEnumerable<string> measures, Stated facts)
    {
        if (facts.OnPlatform)
        {
            blocks.Add(articles.Next(string.Concat(measures)));
        }
    }

    private static void Supplement(List<Block> blocks, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            blocks.Add(new Paragraph($"本单位补充规定：{text.Trim()}"));
        }
    }

    /// <summary>第一条, 第二条 … numbered through the whole compilation.</summary>
    private sealed class Articles
    {
        private const string Digits = "零一二三四五六七八九";
        private int _count;

        public Paragraph Next(string text) => new($"第{Chinese(++_count)}条　{text}");

        public static string Chinese(int n) => n switch
        {
            < 10 => Digits[n].ToString(),
            < 20 => "十" + (n % 10 == 0 ? "" : Digits[n % 10].ToString()),
            _ => $"{Digits[n / 10]}十{(n % 10 == 0 ? "" : Digits[n % 10].ToString())}",
        };
    }
}
