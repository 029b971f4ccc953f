using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

/// <summary>
/// After a holiday notice is loaded: the open complaints whose resolution deadline was estimated (or all open ones,
/// when a notice was replaced) get it counted again. Each row is updated only if it still holds what this node read.
/// </summary>
public sealed class RecomputeComplaintDeadlines(Hotline95DbContext db, ComplaintDeadlines deadlines) : IDeadlineRecomputer
{
    public async Task<IReadOnlyList<DeadlineChange>> ChangesAsync(bool allOpen, CancellationToken ct)
    {
        var open = await db.Complaints.AsNoTracking()
            .Where(c => (allOpen || c.ResolveByEstimated) && c.Status != ComplaintStatus.Resolved)
            .Select(c => new { c.Id, c.EnterpriseId, c.ReceivedAt, c.ResolveBy, c.ResolveByEstimated })
            .ToListAsync(ct);
        var changes = new List<DeadlineChange>();
        foreach (var c in open)
        {
            var next = deadlines.ResolveBy(c.ReceivedAt);
            if (next.At == c.ResolveBy && next.Estimated == c.ResolveByEstimated)
            {
                continue;
            }

            changes.Add(new DeadlineChange(c.EnterpriseId, $"complaint:{c.Id}", c.ResolveBy, next.At, next.Estimated, async token =>
                await db.Complaints
                    .Where(x => x.Id == c.Id && x.ResolveBy == c.ResolveBy && x.ResolveByEstimated == c.ResolveByEstimated)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResolveBy, next.At).SetProperty(x => x.ResolveByEstimated, next.Estimated), token) == 1));
        }

        return changes;
    }
}
