using Hotline95.Core.Calls;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Monitoring;

public sealed record RebuildRollupsRequest(Guid EnterpriseId, string? Line, DateOnly? From, DateOnly? To);

public sealed record RebuildRollupsResult(DateOnly? From, DateOnly? To, int DaysRebuilt, int DaysChanged, DateOnly? KeptBefore);

/// <summary>
/// Recomputes the roll-ups of the days whose records are all still present, from the raw records, one day at a
/// time (memory stays flat). Days before the last retention purge are left alone: their records are gone,
/// and their figures are the only account of them left. Reports how many days differed.
/// </summary>
public sealed class RebuildRollupsHandler(Hotline95DbContext db, TimeProvider clock)
{
    public async Task<Result<RebuildRollupsResult>> HandleAsync(RebuildRollupsRequest request, CancellationToken ct = default)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var cutoff = await db.PurgeRuns.Where(p => p.EnterpriseId == request.EnterpriseId).OrderByDescending(p => p.Cutoff).Select(p => (DateTimeOffset?)p.Cutoff).FirstOrDefaultAsync(ct);
        DateOnly? complete = cutoff is { } c ? (ChinaTime.StartOfDay(ChinaTime.DateOf(c)) == c ? ChinaTime.DateOf(c) : ChinaTime.DateOf(c).AddDays(1)) : null;
        var first = await db.Calls.Where(x => x.EnterpriseId == request.EnterpriseId).MinAsync(x => (DateTimeOffset?)x.StartedAt, ct);
        var from = request.From ?? (first is { } f ? ChinaTime.DateOf(f) : today);
        if (complete is { } k && from < k)
        {
            from = k;
        }

        var to = request.To ?? today;
        if (to < from)
        {
            return new RebuildRollupsResult(null, null, 0, 0, complete);
        }

        int rebuilt = 0, changed = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            changed += await RebuildDayAsync(request.EnterpriseId, request.Line, day, ct) ? 1 : 0;
            rebuilt++;
        }

        return new RebuildRollupsResult(from, to, rebuilt, changed, complete);
    }

    private async Task<bool> RebuildDayAsync(Guid enterpriseId, string? line, DateOnly day, CancellationToken ct)
    {
        var start = ChinaTime.StartOfDay(day);
        var end = ChinaTime.StartOfDay(day.AddDays(1));
        var fresh = new Dictionary<string, DailyLineFigures>(StringComparer.Ordinal);
        var hours = new Dictionary<(string, int), int>();
        var calls = db.Calls.AsNoTracking()
            .Where(c => c.EnterpriseId == enterpriseId && c.StartedAt >= start && c.StartedAt < end && c.Line != "" && (line == null || c.Line == line))
            .Select(c => new { c.Line, c.Direction, c.StartedAt, c.AnsweredAt, c.Missed, c.TalkSeconds, c.RingSeconds, c.CustomerNumberIndex })
            .AsAsyncEnumerable();
        await foreach (var c in calls.WithCancellation(ct))
        {
            var figures = Row(fresh, enterpriseId, c.Line, day);
            if (c.Direction == CallDirection.In)
            {
                figures.CallsIn++;
            }
            else
            {
                figures.CallsOut++;
            }

            figures.Answered += c.AnsweredAt is null ? 0 : 1;
            figures.Missed += c.Missed ? 1 : 0;
            figures.TalkSeconds += c.TalkSeconds;
            figures.RingSeconds += c.RingSeconds;
            if (c.CustomerNumberIndex is { Length: >= 8 } caller)
            {
                CallerSketch.Add(figures.Callers, caller);
            }

            var hour = (c.Line, ChinaTime.ToChina(c.StartedAt).Hour);
            hours[hour] = hours.GetValueOrDefault(hour) + 1;
        }

        var complaints = await db.Complaints.AsNoTracking()
            .Where(x => x.EnterpriseId == enterpriseId && x.ReceivedAt >= start && x.ReceivedAt < end && (line == null || x.Line == line))
            .GroupBy(x => x.Line).Select(g => new { Line = g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var complaint in complaints)
        {
            Row(fresh, enterpriseId, complaint.Line, day).Complaints = complaint.Count;
        }

        var stored = await db.DailyFigures.Where(d => d.EnterpriseId == enterpriseId && d.Day == day && (line == null || d.Line == line)).ToListAsync(ct);
        var storedHours = await db.HourlyVolumes.Where(h => h.EnterpriseId == enterpriseId && h.Day == day && (line == null || h.Line == line)).ToListAsync(ct);
        // Every writer's shard added up, compared with the recount; a rebuilt day is one row per line in the shared shard.
        var storedDays = DailyLineFigures.Combine(stored);
        var storedHourCalls = storedHours.GroupBy(h => (h.Line, h.Hour)).Select(g => (g.Key, Calls: g.Sum(h => h.Calls))).Where(h => h.Calls != 0).ToList();
        var same = storedDays.Count == fresh.Count && storedDays.All(s => fresh.TryGetValue(s.Line, out var f) && Same(s, f))
            && storedHourCalls.Count == hours.Count && storedHourCalls.All(h => hours.GetValueOrDefault(h.Key) == h.Calls);
        if (same)
        {
            return false;
        }

        db.DailyFigures.RemoveRange(stored);
        db.HourlyVolumes.RemoveRange(storedHours);
        db.DailyFigures.AddRange(fresh.Values);
        db.HourlyVolumes.AddRange(hours.Select(h => new HourlyLineVolume { EnterpriseId = enterpriseId, Line = h.Key.Item1, Day = day, Hour = h.Key.Item2, Calls = h.Value }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    private static DailyLineFigures Row(Dictionary<string, DailyLineFigures> rows, Guid enterpriseId, string line, DateOnly day)
    {
        if (!rows.TryGetValue(line, out var row))
        {
            row = new DailyLineFigures { EnterpriseId = enterpriseId, Line = line, Day = day, Callers = CallerSketch.Empty() };
            rows[line] = row;
        }

        return row;
    }

    public static bool Same(DailyLineFigures a, DailyLineFigures b) =>
        a.CallsIn == b.CallsIn && a.CallsOut == b.CallsOut && a.Answered == b.Answered && a.Missed == b.Missed && a.TalkSeconds == b.TalkSeconds
        && a.RingSeconds == b.RingSeconds && a.Complaints == b.Complaints && a.Callers.AsSpan().SequenceEqual(b.Callers);
}
