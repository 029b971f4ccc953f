using Hotline95.Core.Service;

namespace Hotline95.Core.Licensing.Eligibility.Rules;

/// <summary>Condition 5: the usage plan (使用规划): concrete non-marketing purposes, hours, flow and the written commitment.</summary>
internal static class UsagePlanRules
{
    /// <summary>Each purpose concrete (not only generic words) and free of the red-line lexicon's marketing words.</summary>
    public static void Purposes(CheckContext c)
    {
        var all = c.Dossier.UsagePlan?.Purposes ?? [];
        var purposes = all.Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
        if (purposes.Count == 0)
        {
            c.Add("COND5_PURPOSE_VAGUE", 5, "$.usagePlan.purposes", "未填写号码用途。", "No purpose is given.",
                "写明具体用途，如“信用卡账单查询”“设备故障报修”。", "Name concrete uses, e.g. credit-card bill enquiry, device fault reports.", missing: true);
        }

        var objected = false;
        for (var i = 0; i < all.Count; i++)
        {
            var purpose = all[i];
            if (string.IsNullOrWhiteSpace(purpose))
            {
                continue;
            }

            if (MarketingTerms.Find(PolicyText.Fold(purpose)) is { } term)
            {
                c.Add("COND5_PURPOSE_MARKETING", 5, $"$.usagePlan.purposes[{i}]", $"用途“{purpose}”含营销用语“{term}”；95号码只能用于非营销类服务。",
                    $"Purpose '{purpose}' contains the marketing term '{term}'; a 95 number serves non-marketing purposes only.",
                    "删除营销、促销、推广类用途，只保留咨询、售后、查询、提醒、投诉处理等服务。", "Remove marketing uses; keep consultation, after-sales, enquiry, reminders and complaint handling.");
                objected = true;
            }
            else if (IsGeneric(c.Policy, purpose))
            {
                c.Add("COND5_PURPOSE_VAGUE", 5, $"$.usagePlan.purposes[{i}]", $"用途“{purpose}”过于笼统（仅为泛称）。",
                    $"Purpose '{purpose}' is only a generic word, not a concrete use.",
                    "写明具体业务，如“信用卡额度与账单咨询”，并配合服务时间与流程。", "Name the concrete use, e.g. credit-card limit and bill consultation, with its hours and flow.");
                objected = true;
            }
        }

        if (purposes.Count > 0 && !objected)
        {
            c.Note(5, $"用途：{string.Join("、", purposes)}", $"purposes: {string.Join(", ", purposes)}");
        }
    }

    /// <summary>
    /// No marketing words in the hotline's description, its callers or its flow either: the usage plan prints them next to
    /// "仅用于以下非营销类客户服务".
    /// </summary>
    public static void PlanText(CheckContext c)
    {
        foreach (var m in UsagePlanMarketing.Find(c.Dossier.UsagePlan))
        {
            c.Add("COND5_PURPOSE_MARKETING", 5, m.Field, $"{m.WhatZh}“{m.Text}”含营销用语“{m.Term}”；95号码只能用于非营销类服务，使用规划中不得出现营销内容。",
                $"{char.ToUpperInvariant(m.WhatEn[0])}{m.WhatEn[1..]} '{m.Text}' contains the marketing term '{m.Term}'; a 95 number serves non-marketing purposes only, and the usage plan must not describe marketing.",
                $"删除{m.WhatZh}中的营销、促销、推广类表述。", $"Remove the marketing wording from {m.WhatEn}.");
        }
    }

    private static bool IsGeneric(EligibilityPolicy p, string purpose)
    {
        var rest = PolicyText.Fold(purpose).ToLowerInvariant();
        foreach (var word in p.GenericPurposeWords.OrderByDescending(w => w.Length))
        {
            rest = rest.Replace(word.ToLowerInvariant(), "", StringComparison.Ordinal);
        }

        return rest.All(ch => char.IsWhiteSpace(ch) || char.IsPunctuation(ch) || char.IsSymbol(ch) || "和及与类的and&".Contains(ch));
    }

    public static void Hours(CheckContext c)
    {
        var hours = c.Dossier.UsagePlan?.ServiceHours;
        if (string.IsNullOrWhiteSpace(hours))
        {
            c.Add("COND5_HOURS", 5, "$.usagePlan.serviceHours", "未填写服务时间。", "Service hours are missing.",
                "写明服务时间，如 7×24 或 工作日 8:30–17:30。", "State the hours, e.g. 7×24 or weekdays 8:30–17:30.", missing: true);
        }
        else if (!ServiceHours.IsConcrete(hours))
        {
            c.Add("COND5_HOURS", 5, "$.usagePlan.serviceHours", $"服务时间“{hours}”不明确。", $"Service hours '{hours}' are not specific.",
                "写明具体时段，如 7×24 或 工作日 8:30–17:30。", "Give specific times, e.g. 7×24 or weekdays 8:30–17:30.");
        }
        else
        {
            c.Note(5, $"服务时间：{hours}", $"service hours: {hours}");
        }
    }

    /// <summary>Every stage of the policy's flow (answer, record, handle, feedback) named by some step.</summary>
    public static void Flow(CheckContext c)
    {
        var flow = c.Dossier.UsagePlan?.Flow ?? [];
        var missingStages = c.Policy.FlowStages.Where(s => !flow.Any(step => CheckContext.ContainsAny(step, s.Words))).Select(s => s.Name).ToList();
        if (flow.Count == 0)
        {
            c.Add("COND5_FLOW", 5, "$.usagePlan.flow", "未填写服务流程。", "The service flow is missing.",
                "写明流程：用户拨打→客服接听→问题记录→转办处理→反馈结果。", "Describe the flow: call → agent answers → issue recorded → handled or escalated → result fed back.", missing: true);
        }
        else if (missingStages.Count > 0)
        {
            c.Add("COND5_FLOW", 5, "$.usagePlan.flow", $"服务流程缺少环节：{string.Join("、", missingStages)}。", $"The flow lacks: {string.Join(", ", missingStages)}.",
                "补全流程：用户拨打→客服接听→问题记录→转办处理→反馈结果。", "Complete the flow: call → agent answers → issue recorded → handled or escalated → result fed back.");
        }
        else
        {
            c.Note(5, $"服务流程 {flow.Count} 个环节", $"service flow of {flow.Count} steps");
        }
    }

    public static void Commitment(CheckContext c)
    {
        var commitment = c.Dossier.UsagePlan?.NoMarketingCommitment;
        if (commitment != true)
        {
            c.Add("COND5_COMMITMENT", 5, "$.usagePlan.noMarketingCommitment", "缺少不用于营销的书面承诺。", "The written commitment not to use the number for marketing is missing.",
                "签署并盖章《不用于营销用途承诺书》（可由本平台生成）。", "Sign and stamp the no-marketing commitment letter (Hotline95 generates it).", missing: commitment is null);
        }
        else
        {
            c.Note(5, "已承诺不用于营销", "no-marketing commitment given");
        }
    }
}
