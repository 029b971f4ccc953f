using System.Globalization;

namespace Hotline95.Core.Reports;

/// <summary>
/// What a reviewer would send a report back for. The rules are a table: each looks at the report's facts and yields its
/// warnings; the texts for people are in <see cref="Text"/>, in both languages, from the code and its arguments.
/// </summary>
public static class ReportWarnings
{
    public const string ProfileMissing = "PROFILE_ITEM_MISSING";
    public const string CertificateMissing = "CERTIFICATE_MISSING";
    public const string FilingDateMissing = "FILING_DATE_MISSING";
    public const string LineUsageDiffers = "LINE_USAGE_DIFFERS";
    public const string PartialPeriod = "PERIOD_PARTIAL";
    public const string RetentionBreached = "RETENTION_BREACHED";
    public const string AuditChainBroken = "AUDIT_CHAIN_BROKEN";
    public const string EncryptionIncomplete = "ENCRYPTION_INCOMPLETE";

    private sealed record Facts(CompanyBlock Company, LicenceBlock Licence, bool LineDiffers, bool Partial, DateOnly To, AsOfRendering AsOf);

    private static readonly IReadOnlyList<Func<Facts, IEnumerable<ReportWarning>>> Rules =
    [
        f => new (string Item, string? Value)[]
            {
                ("uscc", f.Company.Uscc), ("registeredAddress", f.Company.RegisteredAddress), ("legalRepresentative", f.Company.LegalRepresentative),
                ("contactPerson", f.Company.ContactPerson), ("contactPhone", f.Company.ContactPhone),
            }
            .Where(i => string.IsNullOrWhiteSpace(i.Value)).Select(i => Warn(ProfileMissing, false, ("item", i.Item))),
        f => f.Licence.CertificateNumber is null ? [Warn(CertificateMissing, false)] : [],
        f => f.Licence.CertificateNumber is not null && f.Licence.FiledOn is null ? [Warn(FilingDateMissing, false)] : [],
        f => f.LineDiffers ? [Warn(LineUsageDiffers, false)] : [],
        f => f.Partial ? [Warn(PartialPeriod, true, ("asOf", Day(f.To)))] : [],
        f => f.AsOf.Retention.Breached
            ? [Warn(RetentionBreached, true, ("asOf", Day(f.AsOf.On)), ("calls", f.AsOf.Retention.CallsPastRetention.ToString(CultureInfo.InvariantCulture)),
                ("oldest", f.AsOf.Retention.OldestCallPastRetention is { } o ? Day(Common.ChinaTime.DateOf(o)) : "-"),
                ("complaints", f.AsOf.Retention.ComplaintsPastRetention.ToString(CultureInfo.InvariantCulture)), ("months", f.AsOf.Retention.CallRecordMonths.ToString(CultureInfo.InvariantCulture)))]
            : [],
        f => f.AsOf.AuditLogIntact ? [] : [Warn(AuditChainBroken, true, ("sequence", f.AsOf.AuditFirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "-"))],
        f => f.AsOf.EncryptedFieldsPercent is { } p && p < 100
            ? [Warn(EncryptionIncomplete, true, ("percent", p.ToString("0.##", CultureInfo.InvariantCulture)))]
            : [],
    ];

    public static IReadOnlyList<ReportWarning> For(CompanyBlock company, LicenceBlock licence, bool lineDiffers, bool partial, DateOnly to, AsOfRendering asOf)
    {
        var facts = new Facts(company, licence, lineDiffers, partial, to, asOf);
        return Rules.SelectMany(rule => rule(facts)).ToList();
    }

    private static ReportWarning Warn(string code, bool blocking, params (string Key, string Value)[] args) =>
        new(code, blocking, args.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    private static string Day(DateOnly d) => AnnualReportRenderer.Format.Day(d);

    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> ProfileItems = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["uscc"] = ("统一社会信用代码", "unified social credit code"),
        ["registeredAddress"] = ("住所", "registered address"),
        ["legalRepresentative"] = ("法定代表人", "legal representative"),
        ["contactPerson"] = ("联系人", "contact person"),
        ["contactPhone"] = ("联系电话", "contact telephone"),
    };

    /// <summary>The warning for people, in Chinese or English.</summary>
    public static string Text(ReportWarning w, bool english)
    {
        string A(string key) => w.Args.TryGetValue(key, out var v) ? v : "";
        var (zh, en) = w.Code switch
        {
            ProfileMissing => ($"企业信息缺少“{ProfileItems.GetValueOrDefault(A("item")).Zh}”：报告中留空待填写（在企业信息中补充）。",
                $"The enterprise profile lacks the {ProfileItems.GetValueOrDefault(A("item")).En}: the report leaves a blank to fill (complete the profile)."),
            CertificateMissing => ("未找到本号码的码号证书记录：证书编号与日期留空待填写。", "No licence record of this number holds a certificate: its number and date are left blank."),
            FilingDateMissing => ("本号码的证书尚未记录备案日期：备案日期留空待填写。", "The certificate's filing date is not recorded: it is left blank."),
            LineUsageDiffers => ("线路配置的用途或服务时间与证书申请材料所载不一致：报告按申请材料填写，请核对是否需办理变更备案。",
                "The line is configured with other purposes or hours than the certified dossier states: the report prints the dossier's; check whether a change filing is due."),
            PartialPeriod => ($"报告期尚未结束，本报告截至 {A("asOf")}，不能作为年度报告报送。", $"The period has not ended: this report runs to {A("asOf")} and cannot be filed as the annual report."),
            RetentionBreached => ($"截至 {A("asOf")}，仍保存超过保存期限（{A("months")}个月）的通话记录 {A("calls")} 条（最早 {A("oldest")}）、投诉记录 {A("complaints")} 条：须先执行到期清理，报告尚不能报送。",
                $"As of {A("asOf")}, {A("calls")} call records older than the {A("months")}-month retention (oldest {A("oldest")}) and {A("complaints")} complaint records past theirs are still held: run the retention purge first; the report is not ready to file."),
            AuditChainBroken => ($"审计日志在第 {A("sequence")} 条处校验失败：报告尚不能报送。", $"The audit log fails verification at entry {A("sequence")}: the report is not ready to file."),
            EncryptionIncomplete => ($"抽查的个人信息字段仅 {A("percent")}% 加密：报告尚不能报送。", $"Only {A("percent")}% of the sampled personal-data fields are encrypted: the report is not ready to file."),
            _ => (w.Code, w.Code),
        };
        return english ? en : zh;
    }
}
