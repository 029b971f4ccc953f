using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Retention;

/// <summary>
/// What the database holds against the retention limits on a given day: the oldest call held, the calls past
/// retention (not on legal hold: these should have been destroyed) and those kept on legal hold, and the closed
/// complaints past theirs. Filings state it as of the day they are rendered; a record past retention blocks them.
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
    /// <summary>The state today (Asia/Shanghai), for one line's calls or for all of the enterprise's.</summary>
    public async Task<RetentionStateView> HandleAsync(Guid enterpriseId, string? line = null, CancellationToken ct = default)
    {
        var asOf = ChinaTime.DateOf(clock.GetUtcNow());
        var callCutoff = purge.CutoffFor(asOf);
        var complaintCutoff = ChinaTime.StartOfDay(asOf.AddMonths(-options.Value.ComplaintRecordMonths)).ToUniversalTime();
        var calls = db.Calls.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);
        if (line is not null)
        {
            calls = calls.Where(c => c.Line == line);
        }

        var expired = calls.Where(c => c.StartedAt < callCutoff);
        var held = expired.Where(c => db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null));
        var notHeld = expired.Where(c => !db.LegalHolds.Any(h => h.EnterpriseId == enterpriseId && h.CallId == c.Id && h.ReleasedAt == null));
        var complaints = db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.ResolvedAt != null && c.ResolvedAt < complaintCutoff);
        if (line is not null)
        {
            complaints = complaints.Where(c => c.Line == line);
        }

        return new RetentionStateView(asOf, options.Value.CallRecordMonths, options.Value.ComplaintRecordMonths, callCutoff,
            await calls.OrderBy(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(ct),
            await notHeld.LongCountAsync(ct), await held.LongCountAsync(ct),
            await notHeld.OrderBy(c => c.StartedAt).Select(c => (DateTimeOffset?)c.StartedAt).FirstOrDefaultAsync(ct),
            await complaints.LongCountAsync(ct));
    }
}
