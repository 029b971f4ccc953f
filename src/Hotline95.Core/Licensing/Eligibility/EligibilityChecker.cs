using Hotline95.Core.Calendar;
using Hotline95.Core.Licensing.Dossiers;
using Hotline95.Core.Licensing.Eligibility.Rules;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// Answers the six conditions for a dossier against one policy version, as a reviewer would: every common
/// rejection of DOMAIN.md is a finding with a stable code, the field it concerns, and the fix. The rules are a
/// table (<see cref="EligibilityRules.All"/>) of small checks, each run in turn on the same context.
/// </summary>
public sealed class EligibilityChecker(WorkdayCalendar calendar)
{
    private static readonly (int Number, string Zh, string En)[] Titles =
    [
        (1, "主体资格", "Legal entity"),
        (2, "注册资本", "Registered capital"),
        (3, "场地", "Premises"),
        (4, "人员", "Staff"),
        (5, "使用规划", "Usage plan"),
        (6, "安全制度", "Security policies"),
    ];

    /// <param name="inspection">When the on-site inspection is expected (from an application's timeline); null: reckoned from <paramref name="on"/>.</param>
    public EligibilityReport Check(Dossier dossier, EligibilityPolicy policy, DateOnly on, PlatformFacts? platform = null, InspectionDate? inspection = null)
    {
        var context = new CheckContext(dossier, policy, on, platform, calendar, inspection);
        foreach (var rule in EligibilityRules.All)
        {
            rule.Apply(context);
        }

        var conditions = Titles.Select(t =>
        {
            var errors = context.Findings.Where(f => f.Condition == t.Number && f.Severity == FindingSeverity.Error).ToList();
            var status = errors.Count == 0 ? ConditionStatus.Pass
                : errors.All(f => f.Missing) ? ConditionStatus.Unknown
                : ConditionStatus.Fail;
            return new ConditionResult(t.Number, t.Zh, t.En, status, context.Evidence[t.Number]);
        }).ToList();

        var eligible = conditions.All(c => c.Status == ConditionStatus.Pass) && context.Findings.All(f => f.Severity != FindingSeverity.Error);
        return new EligibilityReport(eligible, policy.Id, on, conditions, context.Findings);
    }
}
