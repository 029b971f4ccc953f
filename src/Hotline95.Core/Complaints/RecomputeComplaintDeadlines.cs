using Hotline95.Core.Calendar;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

/// <summary>
/// After a holiday notice is loaded: the open complaints whose resolution deadline was estimated get it recomputed.
/// Each row is updated only if it still holds the estimate this node read, so several nodes never move it twice.
/// </summary>
public sealed class RecomputeComplaintDeadlines(Hotline95DbContext db, ComplaintDeadlines deadlines) : IDeadlineRecomputer
{
    public async Task<IReadOnlyList<MovedDeadline>> RecomputeAsync(CancellationToken ct)
    {
        var open = await db.Complaints.AsNoTracking()
            .Where(c => c.ResolveByEstimated && c.Status != ComplaintStatus.Resolved)
            .Select(c => new { c.Id, c.EnterpriseId, c.ReceivedAt, c.ResolveBy })
            .ToListAsync(ct);
        var moved = new List<MovedDeadline>();
        foreach (var c in open)
        {
            var next = deadlines.ResolveBy(c.ReceivedAt);
            if (next.Estimated && next.At == c.ResolveBy)
            {
                continue; // still estimated, and the estimate did not change
            }

            var updated = await db.Complaints
                .Where(x => x.Id == c.Id && x.ResolveByEstimated && x.ResolveBy == c.ResolveBy)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResolveBy, next.At).SetProperty(x => x.ResolveByEstimated, next.Estimated), ct);
            if (updated == 1)
            {
                moved.Add(new MovedDeadline(c.EnterpriseId, $"complaint:{c.Id}", c.ResolveBy, next.At, next.Estimated));
            }
        }

        return moved;
    }
}
