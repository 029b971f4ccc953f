using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Applications;
using Hotline95.Core.Licensing.Eligibility;
using Hotline95.Core.Licensing.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Licensing;

/// <summary>
/// The next deadline of a dossier: <paramref name="What"/> in words, and what it is for a reader in either language: a duty
/// (<paramref name="TaskKind"/>, with <paramref name="ForYear"/> for an annual report) or an application step (<paramref name="StepKey"/>).
/// </summary>
public sealed record NextDeadline(DateOnly DueOn, Phrase What, string Flag, bool Estimated = false, string? TaskKind = null, string? StepKey = null, int? ForYear = null);

public sealed record PortfolioEntry(Guid DossierId, string Title, string? Number, string? CertificateNumber, bool Eligible, int ConditionsPassed,
    int Errors, int Warnings, string Stage, NextDeadline? Next, DateTimeOffset UpdatedAt);

/// <summary>
/// Every dossier of the tenant (an agency keeps one per client) with its readiness, checked afresh against the
/// policy in force, and its next deadline, whether an application step or a duty after the certificate.
/// </summary>
public sealed class PortfolioHandler(Hotline95DbContext db, CheckStoredDossierHandler check, ApplicationsHandler applications, LicenceTasks tasks, TimeProvider clock)
{
    public async Task<IReadOnlyList<PortfolioEntry>> HandleAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var dossiers = await db.Dossiers.AsNoTracking().Where(d => d.EnterpriseId == enterpriseId).OrderBy(d => d.Title).ToListAsync(ct);
        var openTasks = (await tasks.ListAsync(enterpriseId, includeDone: false, ct)).ToLookup(t => t.DossierId);
        var apps = (await applications.ViewsAsync(enterpriseId, ct)).ToLookup(a => a.DossierId);
        var entries = new List<PortfolioEntry>();
        foreach (var dossier in dossiers)
        {
            var report = await check.HandleAsync(enterpriseId, dossier.Id, today, ct);
            var candidates = openTasks[dossier.Id].Select(t => new NextDeadline(t.DueOn, t.Title, t.Status == "late" ? "late" : "open", t.DueEstimated, TaskKind: t.Kind, ForYear: t.ForYear)).ToList();
            var stage = dossier.CertificateIssuedOn is not null ? "certified" : "preparing";
            foreach (var view in apps[dossier.Id])
            {
                var current = view.Steps.FirstOrDefault(s => s.DoneOn is null);
                stage = current is null ? "certified" : current.Key;
                candidates.AddRange(view.Steps.Where(s => s.DoneOn is null && s.DueOn is not null)
                    .Select(s => new NextDeadline(s.DueOn!.Value, Phrase.Of("licence.step", ("step", new Bilingual(s.TitleZh, s.TitleEn))), s.Flag, s.DueEstimated, StepKey: s.Key)));
            }

            var findings = report.IsSuccess ? report.Value.Findings : [];
            entries.Add(new PortfolioEntry(dossier.Id, dossier.Title, dossier.Number, dossier.CertificateNumber,
                report.IsSuccess && report.Value.Eligible,
                report.IsSuccess ? report.Value.Conditions.Count(c => c.Status == ConditionStatus.Pass) : 0,
                findings.Count(f => f.Severity == FindingSeverity.Error), findings.Count(f => f.Severity == FindingSeverity.Warning),
                stage, candidates.OrderBy(c => c.DueOn).FirstOrDefault(), dossier.UpdatedAt));
        }

        return entries;
    }
}
