using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Security;
using Hotline95.Core.Service;
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

/// <summary>
/// The complaint queues and the search over every complaint held: by caller (blind index), id, queue, category, line and
/// day of receipt. Open complaints come first, most urgent first; resolved ones after them, the latest resolved first.
/// A page with the count of all that match (the queues' deadline states are filtered in the database, by the same
/// rules as <see cref="ComplaintDeadlines.StateOf"/>).
/// </summary>
public sealed class ListComplaintsHandler(Hotline95DbContext db, ComplaintReader reader, ComplaintDeadlines deadlines, BlindIndex blindIndex, TimeProvider clock)
{
    private static readonly CaseColumns<Complaint> Columns = new(c => c.EnterpriseId, c => c.Id, c => c.Line, c => c.Category, c => c.CallerPhoneIndex, c => c.ReceivedAt);

    /// <summary>The queue named by <paramref name="status"/>; closed is another name for resolved, open the default.</summary>
    public static Result<ComplaintQueue> ParseQueue(string? status)
    {
        var name = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim();
        if (name.Equals("closed", StringComparison.OrdinalIgnoreCase))
        {
            return ComplaintQueue.Resolved;
        }

        return EnumNames.TryParse<ComplaintQueue>(name, out var queue)
            ? queue
            : Error.Validation("status", "STATUS_UNKNOWN", ("value", status), ("allowed", "open, overdue, atRisk, escalated, resolved (closed), all"));
    }

    public async Task<Result<Paged<ComplaintView>>> HandleAsync(Guid enterpriseId, CaseSearch search, PageRequest page, bool withText, CancellationToken ct = default)
    {
        var queue = ParseQueue(search.Status);
        if (!queue.IsSuccess)
        {
            return queue.Error;
        }

        var criteria = await CaseCriteria.FromAsync(search, page, enterpriseId, blindIndex, ct);
        if (!criteria.IsSuccess)
        {
            return criteria.Error;
        }

        var now = clock.GetUtcNow();
        var query = criteria.Value.Apply(db.Complaints.AsNoTracking(), Columns);
        query = queue.Value switch
        {
            ComplaintQueue.Open => query.Where(x => x.Status != ComplaintStatus.Resolved),
            ComplaintQueue.Overdue => query.Where(ComplaintDeadlines.OverdueAt(now)),
            ComplaintQueue.AtRisk => query.Where(deadlines.AtRiskAt(now)),
            ComplaintQueue.Resolved => query.Where(x => x.Status == ComplaintStatus.Resolved),
            ComplaintQueue.Escalated => query.Where(x => x.Status == ComplaintStatus.Escalated),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        // Within the open ones every ResolvedAt is null, within the resolved none is: the order is the same on both databases.
        var complaints = await query
            .OrderBy(x => x.Status == ComplaintStatus.Resolved).ThenByDescending(x => x.ResolvedAt)
            .ThenBy(ComplaintDeadlines.NextOpenDeadline).ThenBy(x => x.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var views = new List<ComplaintView>(complaints.Count);
        foreach (var complaint in complaints)
        {
            views.Add(await reader.ViewAsync(complaint, now, withText, ct));
        }

        return Paged<ComplaintView>.Of(views, total, page);
    }

    public async Task<Result<ComplaintView>> GetAsync(Guid enterpriseId, long id, bool withText, CancellationToken ct = default)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.EnterpriseId == enterpriseId && c.Id == id, ct);
        return complaint is null
            ? NotFound(id)
            : await reader.ViewAsync(complaint, clock.GetUtcNow(), withText, ct);
    }

    public static Error NotFound(long id) => Error.NotFound("COMPLAINT_NOT_FOUND", ("id", id));
}
