using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Hotline95.Core.Service;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Complaints;

public sealed record ComplaintMonthFigures(
    string Line,
    string Month,
    int Received,
    int RespondedWithinDeadline,
    double RespondedWithinDeadlinePercent,
    int ResolvedWithinDeadline,
    double ResolvedWithinDeadlinePercent,
    int Resolved,
    double ResolutionRatePercent,
    double AverageWorkdaysToResolve,
    IReadOnlyDictionary<string, int> TicketsByCategory,
    IReadOnlyDictionary<string, int> TicketsByStep);

/// <summary>The figures the annual report and the inspection ask for, per line and month (Asia/Shanghai).</summary>
public sealed class ComplaintFiguresHandler(Hotline95DbContext db, ComplaintDeadlines deadlines)
{
    public async Task<IReadOnlyList<ComplaintMonthFigures>> HandleAsync(Guid enterpriseId, DateOnly month, string? line = null, CancellationToken ct = default)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var from = ChinaTime.StartOfDay(first).ToUniversalTime();
        var to = ChinaTime.StartOfDay(first.AddMonths(1)).ToUniversalTime();
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.EnterpriseId == enterpriseId && c.ReceivedAt >= from && c.ReceivedAt < to && (line == null || c.Line == line))
            .ToListAsync(ct);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.EnterpriseId == enterpriseId && t.OpenedAt >= from && t.OpenedAt < to && (line == null || t.Line == line))
            .Select(t => new { t.Line, t.Category, t.Step })
            .ToListAsync(ct);
        var lines = complaints.Select(c => c.Line).Concat(tickets.Select(t => t.Line)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (line is not null && !lines.Contains(line))
        {
            lines.Add(line);
        }

        return lines.Select(l =>
        {
            var mine = complaints.Where(c => c.Line == l).ToList();
            var responded = mine.Count(c => c.RespondedAt is { } r && r <= c.RespondBy);
            var resolvedInTime = mine.Count(c => c.ResolvedAt is { } r && r <= c.ResolveBy);
            var resolved = mine.Where(c => c.ResolvedAt is not null).ToList();
            var lineTickets = tickets.Where(t => t.Line == l).ToList();
            return new ComplaintMonthFigures(l, $"{first:yyyy-MM}", mine.Count,
                responded, Percent(responded, mine.Count), resolvedInTime, Percent(resolvedInTime, mine.Count),
                resolved.Count, Percent(resolved.Count, mine.Count),
                resolved.Count == 0 ? 0 : Math.Round(resolved.Average(deadlines.WorkdaysToResolve), 2),
                lineTickets.GroupBy(t => t.Category ?? "(未分类)").ToDictionary(g => g.Key, g => g.Count()),
                lineTickets.GroupBy(t => t.Step.ToString()).ToDictionary(g => g.Key, g => g.Count()));
        }).ToList();
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}
