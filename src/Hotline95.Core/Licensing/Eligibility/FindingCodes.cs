using System.Collections.Frozen;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>The stable finding codes and the condition each belongs to (null: the materials of step 1).</summary>
public static class FindingCodes
{
    public static readonly FrozenDictionary<string, int?> Conditions = new Dictionary<string, int?>
    {
        ["USCC_INVALID"] = 1,
        ["COND1_NOT_LLC"] = 1,
        ["COND1_NOT_SHANGHAI"] = 1,
        ["COND1_SCOPE"] = 1,
        ["COND2_CAPITAL"] = 2,
        ["COND3_SEATS"] = 3,
        ["COND3_LEASE"] = 3,
        ["COND3_PHOTOS"] = 3,
        ["COND4_AGENTS"] = 4,
        ["COND4_SOCIAL_INSURANCE_CITY"] = 4,
        ["COND4_SOCIAL_INSURANCE_MONTHS"] = 4,
        ["COND4_TRAINING"] = 4,
        ["COND5_PURPOSE_VAGUE"] = 5,
        ["COND5_PURPOSE_MARKETING"] = 5,
        ["COND5_HOURS"] = 5,
        ["COND5_FLOW"] = 5,
        ["COND5_COMMITMENT"] = 5,
        ["COND6_DATA_ENCRYPTION"] = 6,
        ["COND6_RETENTION"] = 6,
        ["COND6_COMPLAINT_LIMITS"] = 6,
        ["MATERIAL_MISSING"] = null,
        ["MATERIAL_UNSTAMPED"] = null,
    }.ToFrozenDictionary();

    public static readonly FrozenSet<string> All = Conditions.Keys.ToFrozenSet();
}
