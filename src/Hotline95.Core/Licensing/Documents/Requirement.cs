using Hotline95.Core.Licensing.Eligibility;
using static Hotline95.Core.Licensing.Documents.Stated;

namespace Hotline95.Core.Licensing.Documents;

/// <summary>
/// A stated period or limit beside what the authority requires, judged by the check's own rule (<see cref="PolicyLimits"/>):
/// a value that complies (or the blank asking for one) is followed by the requirement; one that does not is marked
/// 【须修改：…】 with what is required, so no document says "保存 3 个月，不少于主管部门要求的 6 个月".
/// </summary>
internal static class Requirement
{
    /// <summary>A retention period: at least <paramref name="min"/> months, and a fixed period, never for ever.</summary>
    public static string Retention(int? months, int min, EligibilityPolicy policy, string what)
    {
        var stated = Months(months, what);
        return months switch
        {
            { } held when policy.KeepsForever(held) => stated + ToChange($"期满须删除，不得永久保存；主管部门要求保存不少于 {min} 个月的确定期限"),
            { } held when !policy.KeepsLongEnough(held, min) => stated + ToChange($"主管部门要求不少于 {min} 个月"),
            _ => $"{stated}，不少于主管部门要求的 {min} 个月",
        };
    }

    /// <summary>投诉 N 小时内响应; <paramref name="sayRequirement"/>: follow a compliant value with the limit.</summary>
    public static string Response(int? hours, EligibilityPolicy policy, bool sayRequirement = true) =>
        AtMost($"{Number(hours, "投诉响应小时数")} 小时内响应", hours is { } h ? policy.RespondsInTime(h) : null, $"{policy.MaxComplaintResponseHours} 小时", sayRequirement);

    /// <summary>投诉 N 个工作日内办结; <paramref name="sayRequirement"/>: follow a compliant value with the limit.</summary>
    public static string Resolution(int? workingDays, EligibilityPolicy policy, bool sayRequirement = true) =>
        AtMost($"{Number(workingDays, "投诉办结工作日数")} 个工作日内办结", workingDays is { } d ? policy.ResolvesInTime(d) : null,
            $"{policy.MaxComplaintResolutionWorkingDays} 个工作日", sayRequirement);

    private static string AtMost(string stated, bool? complies, string limit, bool sayRequirement) => complies switch
    {
        false => stated + ToChange($"主管部门要求不超过 {limit}"),
        _ when sayRequirement => $"{stated}，不超过主管部门要求的 {limit}",
        _ => stated,
    };

    private static string ToChange(string what) => $"【须修改：{what}】";
}
