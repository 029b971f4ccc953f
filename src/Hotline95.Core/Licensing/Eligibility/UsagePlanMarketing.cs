using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Service;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>A text of the usage plan the one marketing list catches: where it is (JSON path), what it is called in each language, and the word.</summary>
public sealed record MarketingMention(string Field, string WhatZh, string WhatEn, string Text, string Term);

/// <summary>
/// The marketing words in what the usage plan says around its purposes: the hotline's description, its callers and each
/// step of the flow. The usage plan prints them beside "仅用于以下非营销类客户服务", so the check and the document read
/// them alike.
/// </summary>
public static class UsagePlanMarketing
{
    public static IReadOnlyList<MarketingMention> Find(UsagePlan? plan)
    {
        if (plan is null)
        {
            return [];
        }

        IEnumerable<(string Field, string Zh, string En, string? Text)> texts =
        [
            ("$.usagePlan.description", "热线说明", "the hotline's description", plan.Description),
            ("$.usagePlan.callers", "服务对象", "the callers", plan.Callers),
            .. (plan.Flow ?? []).Select((step, i) => ($"$.usagePlan.flow[{i}]", $"服务流程第 {i + 1} 步", $"flow step {i + 1}", (string?)step)),
        ];
        return [.. texts
            .Where(t => !string.IsNullOrWhiteSpace(t.Text))
            .Select(t => MarketingTerms.Find(PolicyText.Fold(t.Text!)) is { } term ? new MarketingMention(t.Field, t.Zh, t.En, t.Text!.Trim(), term) : null)
            .OfType<MarketingMention>()];
    }
}
