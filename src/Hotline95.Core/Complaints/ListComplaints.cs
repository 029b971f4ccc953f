using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

public enum ComplaintQueue
{
    Open,
    Overdue,
    AtRisk,
    Resolved,
    Escalated,
    All,
}

/// <summary>The complaint queues, most urgent first, each with its time remaining.</summary>
public sealed class ListComplaintsHandler(Hotline95DbContext db, ComplaintReader reader, ComplaintDeadlines deadlines, TimeProvider clock)
{
    public static Result<ComplaintQueue> ParseQueue(string? status) =>
        Enum.TryParse<ComplaintQueue>(string.IsNullOrWhiteSpace(status) ? "open" : status, ignoreCase: true, out var queue) && Enum.IsDefined(queue)
            ? queue
            : Error.Validation("status", "STATUS_UNKNOWN", ("value", status), ("allowed", "open, overdue, atRisk, resolved, escalated, all"));

    public async Task<IReadOnlyList<ComplaintView>> HandleAsync(Guid enterpriseId, ComplaintQueue queue, int limit = 200, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var query = db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);
        query = queue switch
        {
            ComplaintQueue.Resolved => query.Where(c => c.Status == ComplaintStatus.Resolved),
            ComplaintQueue.Escalated => query.Where(c => c.Status == ComplaintStatus.Escalated),
            ComplaintQueue.All => query,
            _ => query.Where(c => c.Status != ComplaintStatus.Resolved),
        };
        var complaints = await query.OrderBy(c => c.ResolveBy).Take(Math.Clamp(limit, 1, 1000) * (queue is ComplaintQueue.Overdue or ComplaintQueue.AtRisk ? 5 : 1)).ToListAsync(ct);
        var selected = queue switch
        {
            ComplaintQueue.Overdue => complaints.Where(c => deadlines.StateOf(c, now) == DeadlineState.Overdue),
            ComplaintQueue.AtRisk => complaints.Where(c => deadlines.StateOf(c, now) == DeadlineState.AtRisk),
            _ => complaints,
        };
        var views = new List<ComplaintView>();
        foreach (var c in selected.OrderBy(c => ComplaintDeadlines.NextDeadline(c) ?? c.ResolvedAt).Take(limit))
        {
            views.Add(await reader.ViewAsync(c, now, ct));
        }

        return views;
    }

    public async Task<Result<ComplaintView>> GetAsync(Guid enterpriseId, long id, CancellationToken ct = default)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == id, ct);
        return complaint is null
            ? Error.NotFound("COMPLAINT_NOT_FOUND", ("id", id))
            : await reader.ViewAsync(complaint, clock.GetUtcNow(), ct);
    }
}
