using System.Globalization;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Service;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>A purpose the pre-review calls marketing, with the word that makes it so.</summary>
internal sealed record MarketingPurpose(string Purpose, string Term);

/// <summary>
/// What a dossier states, each fact read once for the three documents: a member given, else read from the policy's
/// text as the check reads it; null (printed as a blank) when neither says. Purposes are split into the service ones
/// and those the one marketing list catches, so no document calls a marketing purpose non-marketing.
/// </summary>
internal sealed record Stated(
    string Company,
    string? Encryption,
    int? DataRetentionMonths,
    int? CallRetentionMonths,
    int? ResponseHours,
    int? ResolutionWorkingDays,
    int? ComplaintRetentionMonths,
    IReadOnlyList<string> ServicePurposes,
    IReadOnlyList<MarketingPurpose> MarketingPurposes,
    IReadOnlyList<string> TrainingTopics,
    bool OnPlatform,
    IReadOnlyList<MarketingMention> MarketingAround)
{
    public static Stated Of(Dossier d, EligibilityPolicy policy)
    {
        var data = d.SecurityPolicies?.CustomerData;
        var calls = d.SecurityPolicies?.CallRecords;
        var complaints = d.SecurityPolicies?.Complaints;
        var purposes = (d.UsagePlan?.Purposes ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        var marketing = purposes.Select(p => MarketingTerms.Find(PolicyText.Fold(p)) is { } term ? new MarketingPurpose(p, term) : null).OfType<MarketingPurpose>().ToList();
        return new Stated(
            Blank(d.Company?.Name, "公司名称"),
            CustomerDataCipher.Read(data?.Encryption, data?.Text).Method,
            data?.RetentionMonths ?? PolicyText.RetentionMonths(data?.Text),
            calls?.RetentionMonths ?? PolicyText.RetentionMonths(calls?.Text),
            complaints?.ResponseHours ?? PolicyText.ResponseHours(complaints?.Text),
            complaints?.ResolutionWorkingDays ?? PolicyText.ResolutionWorkingDays(complaints?.Text),
            complaints?.RecordRetentionMonths ?? PolicyText.RetentionMonths(complaints?.Text),
            purposes.Where(p => marketing.All(m => m.Purpose != p)).ToList(),
            marketing,
            (d.Agents ?? []).SelectMany(a => a.Training ?? []).Select(t => t.Topic.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            d.UsesHotline95Platform == true,
            UsagePlanMarketing.Find(d.UsagePlan));
    }

    /// <summary>The service purposes joined for a sentence, or the blank that asks for them.</summary>
    public string Purposes => ServicePurposes.Count > 0 ? string.Join("、", ServicePurposes) : Blank(null, "非营销类具体用途");

    /// <summary>One line per marketing purpose, standing where the purpose would have been listed.</summary>
    /// <summary>What must go before filing: each marketing purpose, and each marketing word in the description, the callers or the flow (the check's own reader).</summary>
    public IEnumerable<string> MarketingNotes =>
        MarketingPurposes.Select(m => $"【须删除：用途“{m.Purpose}”含营销用语“{m.Term}”，95号码不得用于营销，不能列为用途】")
            .Concat(MarketingAround.Select(m => $"【须删除：{m.WhatZh}“{m.Text}”含营销用语“{m.Term}”，95号码不得用于营销】"));

    public static string Blank(string? value, string what) => string.IsNullOrWhiteSpace(value) ? $"【待填写：{what}】" : value.Trim();

    public static string List(IReadOnlyList<string>? values, string what, string separator = "、") =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).ToList() is { Count: > 0 } given ? string.Join(separator, given) : Blank(null, what);

    public static string Months(int? months, string what) =>
        months is { } m ? m % 12 == 0 && m >= 12 ? $"{m / 12} 年（{m} 个月）" : $"{m} 个月" : Blank(null, what);

    public static string Number(int? n, string what) => n?.ToString(CultureInfo.InvariantCulture) ?? Blank(null, what);

    public static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}
