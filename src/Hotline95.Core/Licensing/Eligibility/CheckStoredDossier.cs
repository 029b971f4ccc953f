using Hotline95.Core.Common;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Dossiers;

namespace Hotline95.Core.Licensing.Eligibility;

/// <summary>
/// Checks a dossier kept on the platform: its own hotline's facts come from the roster and configuration when it
/// uses the platform, the lease is held against the inspection date its application's timeline expects, and the
/// items of open correction notices stay raised until the correction is recorded.
/// </summary>
public sealed class CheckStoredDossierHandler(DossiersHandler dossiers, CheckDossierHandler check, PlatformFactsSource platform, ApplicationsHandler applications)
{
    public async Task<Result<EligibilityReport>> HandleAsync(Guid enterpriseId, Guid dossierId, DateOnly? on, CancellationToken ct = default)
    {
        var stored = await dossiers.FindAsync(enterpriseId, dossierId, ct);
        if (!stored.IsSuccess)
        {
            return stored.Error;
        }

        var facts = stored.Value.UsesPlatform ? await platform.ForAsync(enterpriseId, ct) : null;
        var inspection = await applications.ExpectedInspectionAsync(enterpriseId, dossierId, on, ct);
        var report = await check.HandleAsync(stored.Value.Json, on, facts, inspection, ct);
        if (!report.IsSuccess)
        {
            return report;
        }

        var notices = await applications.OpenNoticesAsync(enterpriseId, dossierId, ct);
        return Reopen(report.Value, notices);
    }

    /// <summary>A reviewer's objection outranks the check: each open notice item is an error until corrected.</summary>
    public static EligibilityReport Reopen(EligibilityReport report, IReadOnlyList<CorrectionNotice> notices)
    {
        if (notices.Count == 0)
        {
            return report;
        }

        var findings = report.Findings.ToList();
        foreach (var notice in notices)
        {
            foreach (var code in notice.Codes.Where(c => !findings.Any(f => f.Code == c && f.Severity == FindingSeverity.Error)))
            {
                findings.Add(new Finding(code, FindingCodes.Conditions[code], FindingSeverity.Error, null,
                    $"补正通知书（{notice.ReceivedOn:yyyy-MM-dd}）要求补正此项{(notice.Text.Length > 0 ? "：" + notice.Text : "")}。",
                    $"Re-opened by the correction notice of {notice.ReceivedOn:yyyy-MM-dd}{(notice.Text.Length > 0 ? ": " + notice.Text : "")}.",
                    "按通知补正材料，然后在申请时间线中登记已补正。", "Correct the item as the notice asks, then record the correction on the application timeline."));
            }
        }

        var conditions = report.Conditions.Select(c =>
            findings.Any(f => f.Condition == c.Number && f.Severity == FindingSeverity.Error) && c.Status == ConditionStatus.Pass
                ? c with { Status = ConditionStatus.Fail }
                : c).ToList();
        return report with { Eligible = false, Conditions = conditions, Findings = findings };
    }
}
