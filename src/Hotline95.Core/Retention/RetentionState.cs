using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Retention;

/// <summary>
/// What an enterprise's database holds against the retention limits today: the oldest call held, and what the retention
/// purge would delete if it ran now (calls not on legal hold, closed complaints and tickets past theirs), counted by the
/// purge itself in a dry run so that the two can never disagree. Filings state it as of the day they are rendered; a
/// record past retention, on any line, blocks them.
/// </summary>
public sealed record RetentionStateView(
    DateOnly AsOf,
    int CallRecordMonths,
    int ComplaintRecordMonths,
    DateTimeOffset CallCutoff,
    DateTimeOffset? OldestCallHeld,
    long CallsPastRetention,
    long CallsPastRetentionOnHold,
    DateTimeOffset? OldestCallPastRetention,
    long ComplaintsPastRetention)
{
    /// <summary>A record is held that should have been destroyed: no filing may say the records are kept as the rules require.</summary>
    public bool Breached => CallsPastRetention > 0 || ComplaintsPastRetention > 0;
}

public sealed class RetentionStateHandler(Hotline95DbContext db, PurgeRetentionHandler purge, IOptions<RetentionOptions> options, TimeProvider clock)
{
    public async Task<RetentionStateView> HandleAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var asOf = ChinaTime.DateOf(clock.GetUtcNow());
        var dry = await purge.HandleAsync(new PurgeRequest(asOf, DryRun: true, "system:retention-state", enterpriseId), ct);
        var would = dry.Value.Enterprises.Single();
        var calls = db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);
        var cutoff = dry.Value.Cutoff.ToUniversalTime();
        var oldestExpired = would.CallsDeleted == 0
            ? null
            : await calls.Where(c => c.StartedAt < cutoff && !db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null))
                .OrderBy(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(ct);
        return new RetentionStateView(asOf, options.Value.CallRecordMonths, options.Value.ComplaintRecordMonths, cutoff,
            await calls.OrderBy(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(ct),
            would.CallsDeleted, would.CallsKeptOnHold, oldestExpired, would.ComplaintsDeleted + would.TicketsDeleted);
    }
}
