using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

/// <summary>A complaint still open at a period's end: its number, dates and category only.</summary>
public sealed record OpenComplaint(long Id, DateOnly ReceivedOn, string? Category, DateTimeOffset RespondBy, DateTimeOffset ResolveBy, bool Responded, bool Overdue);

/// <summary>A period's complaints as of its end; rates are null where nothing was received.</summary>
public sealed record PeriodComplaintFigures(int Received, int RespondedWithinDeadline, int ResolvedWithinDeadline, int Resolved, IReadOnlyList<OpenComplaint> OpenAtEnd)
{
    public double? RespondedWithinDeadlineRate => Rate(RespondedWithinDeadline);

    public double? ResolvedWithinDeadlineRate => Rate(ResolvedWithinDeadline);

    public double? ResolutionRate => Rate(Resolved);

    private double? Rate(int part) => Received == 0 ? null : Math.Round((double)part / Received, 4);
}

/// <summary>
/// The one rule for a period's complaint figures, as of the period's end (an answer or resolution after it does not count),
/// over the complaints held and the facts of those already purged (<see cref="ComplaintFact"/>), so the figures of a past
/// period do not change when its complaints are deleted. The annual report and the inspection pack both ask it.
/// </summary>
public sealed class PeriodComplaintsHandler(Hotline95DbContext db)
{
    private sealed record Row(long Id, string? Category, DateTimeOffset ReceivedAt, DateTimeOffset RespondBy, DateTimeOffset ResolveBy, DateTimeOffset? RespondedAt, DateTimeOffset? ResolvedAt);

    public async Task<PeriodComplaintFigures> HandleAsync(Guid enterpriseId, string line, DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        var held = await db.Complaints.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line && c.ReceivedAt < end && (c.ReceivedAt >= start || c.ResolvedAt == null || c.ResolvedAt >= end))
            .Select(c => new Row(c.Id, c.Category, c.ReceivedAt, c.RespondBy, c.ResolveBy, c.RespondedAt, c.ResolvedAt)).ToListAsync(ct);
        var purged = await db.ComplaintFacts.AsNoTracking().Where(c => c.EnterpriseId == enterpriseId && c.Line == line && c.ReceivedAt < end && (c.ReceivedAt >= start || c.ResolvedAt == null || c.ResolvedAt >= end))
            .Select(c => new Row(c.Id, c.Category, c.ReceivedAt, c.RespondBy, c.ResolveBy, c.RespondedAt, c.ResolvedAt)).ToListAsync(ct);
        var rows = held.Concat(purged).DistinctBy(r => r.Id).ToList();
        var received = rows.Where(c => c.ReceivedAt >= start).ToList();
        var open = rows.Where(c => c.ResolvedAt is null || c.ResolvedAt >= end).OrderBy(c => c.ReceivedAt).Select(c =>
        {
            var answered = c.RespondedAt is { } r && r < end;
            return new OpenComplaint(c.Id, ChinaTime.DateOf(c.ReceivedAt), c.Category, c.RespondBy, c.ResolveBy, answered, c.ResolveBy < end || (!answered && c.RespondBy < end));
        }).ToList();
        return new PeriodComplaintFigures(received.Count,
            received.Count(c => c.RespondedAt is { } r && r <= c.RespondBy && r < end),
            received.Count(c => c.ResolvedAt is { } r && r <= c.ResolveBy && r < end),
            received.Count(c => c.ResolvedAt is { } r && r < end),
            open);
    }
}
