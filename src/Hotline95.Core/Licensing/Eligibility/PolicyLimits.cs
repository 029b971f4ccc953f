namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// What a policy version's limits accept: one rule, asked by the check (Rules/SecurityRules) and by the documents that
/// state the periods and limits (a value that does not comply gets 【须修改：…】 there, never "不少于…").
/// </summary>
public static class PolicyLimits
{
    /// <summary>A retention of 0, or of the policy's indefinite length or more, is keeping for ever.</summary>
    public static bool KeepsForever(this EligibilityPolicy policy, int months) => months == 0 || months >= policy.IndefiniteRetentionMonths;

    /// <summary>A fixed period of at least <paramref name="min"/> months.</summary>
    public static bool KeepsLongEnough(this EligibilityPolicy policy, int months, int min) => !policy.KeepsForever(months) && months >= min;

    public static bool RespondsInTime(this EligibilityPolicy policy, int hours) => hours <= policy.MaxComplaintResponseHours;

    public static bool ResolvesInTime(this EligibilityPolicy policy, int workingDays) => workingDays <= policy.MaxComplaintResolutionWorkingDays;
}
