using Hotline95.Core.Audit;
using Hotline95.Core.Compliance;
using Hotline95.Core.Data;
using Hotline95.Core.Licensing.Maintenance;
using Hotline95.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Dashboard;

/// <summary>Red-line alerts not resolved: raised and not yet looked at (<paramref name="Open"/>), acknowledged and being dealt with, per red line.</summary>
public sealed record RedLinesCard(int Open, int Acknowledged, IReadOnlyDictionary<string, int> ByRedLine, DateTimeOffset? OldestRaisedAt);

public sealed record LicenceDuty(Guid Id, string Kind, string Dossier, DateOnly DueOn, int DaysLeft, bool DueEstimated, int? ForYear);

/// <summary>Licence duties not done: how many, how many late, how many due within <paramref name="WithinDays"/>, the next listed.</summary>
public sealed record LicenceDutiesCard(int Open, int Late, int DueSoon, int WithinDays, IReadOnlyList<LicenceDuty> Next);

/// <summary>The compliance officer's cards: open red lines, licence duties due, records held against retention, the audit chain.</summary>
public sealed class ComplianceFigures(Hotline95DbContext db, LicenceTasks tasks, RetentionStateHandler retention, VerifyAuditLogHandler verify, AuditChainStatus chain)
{
    public const int DutiesWithinDays = 30;

    public async Task<RedLinesCard> RedLinesAsync(Guid enterpriseId, CancellationToken ct)
    {
        var unresolved = await db.RedLineAlerts.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId && a.Status != RedLineStatus.Resolved)
            .GroupBy(a => new { a.RedLine, a.Status }).Select(g => new { g.Key.RedLine, g.Key.Status, Count = g.Count(), Oldest = g.Min(a => a.RaisedAt) }).ToListAsync(ct);
        return new RedLinesCard(
            unresolved.Where(g => g.Status == RedLineStatus.Open).Sum(g => g.Count),
            unresolved.Where(g => g.Status == RedLineStatus.Acknowledged).Sum(g => g.Count),
            unresolved.GroupBy(g => g.RedLine).ToDictionary(g => g.Key.ToString(), g => g.Sum(x => x.Count)),
            unresolved.Count == 0 ? null : Common.ChinaTime.ToChina(unresolved.Min(g => g.Oldest)));
    }

    public async Task<LicenceDutiesCard> LicenceDutiesAsync(Guid enterpriseId, CancellationToken ct)
    {
        var open = (await tasks.ListAsync(enterpriseId, includeDone: false, ct)).Where(t => t.DoneOn is null).ToList();
        return new LicenceDutiesCard(open.Count, open.Count(t => t.DaysLeft < 0), open.Count(t => t.DaysLeft >= 0 && t.DaysLeft <= DutiesWithinDays), DutiesWithinDays,
            open.OrderBy(t => t.DueOn).Take(DashboardCards.Listed)
                .Select(t => new LicenceDuty(t.Id, t.Kind, t.Dossier, t.DueOn, t.DaysLeft, t.DueEstimated, t.ForYear)).ToList());
    }

    public Task<RetentionStateView> RetentionAsync(Guid enterpriseId, CancellationToken ct) => retention.HandleAsync(enterpriseId, ct);

    public Task<AuditChainCard> AuditChainAsync(CancellationToken ct) => chain.CurrentAsync(verify, ct);
}
