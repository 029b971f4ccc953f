using System.Globalization;
using Hotline95.Core.Common;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline95.Core.Queues;

public enum QueueGrouping
{
    Day,
    Hour,
    Queue,
    Agent,
    /// <summary>Per queue per day (key "yyyy-MM-dd queue"): the monitoring page's table.</summary>
    QueueDay,
}

/// <summary>
/// The call-centre figures of a group of queue stays (DOMAIN.md): service level = answered within the threshold ÷ (offered −
/// short abandons); average speed of answer = mean hold of answered calls; abandonment rate = (abandoned − short abandons) ÷
/// (offered − short abandons); average handle time = mean talk time of answered calls whose end was logged. A figure whose
/// denominator is 0 is null (not applicable), never 0. Unresolved: neither answered nor abandoned (still waiting, or lost
/// with a PBX restart).
/// </summary>
public sealed record QueueFigures(
    string Key, int Offered, int Answered, int Abandoned, int ShortAbandoned, int Unresolved, int AnsweredInTime, int Completed,
    long HoldSeconds, long TalkSeconds, double? ServiceLevel, double? AverageSpeedOfAnswer, double? AbandonmentRate, double? AverageHandleTime)
{
    public static QueueFigures Sum(string key, IEnumerable<QueueHourFigures> hours)
    {
        int offered = 0, answered = 0, abandoned = 0, shortAbandoned = 0, inTime = 0, completed = 0;
        long hold = 0, talk = 0;
        foreach (var h in hours)
        {
            offered += h.Offered;
            answered += h.Answered;
            abandoned += h.Abandoned;
            shortAbandoned += h.ShortAbandoned;
            inTime += h.AnsweredInTime;
            completed += h.Completed;
            hold += h.HoldSeconds;
            talk += h.TalkSeconds;
        }

        var counted = offered - shortAbandoned;
        return new QueueFigures(key, offered, answered, abandoned, shortAbandoned, offered - answered - abandoned, inTime, completed, hold, talk,
            Ratio(inTime, counted), Mean(hold, answered), Ratio(abandoned - shortAbandoned, counted), Mean(talk, completed));
    }

    internal static double? Ratio(long numerator, long denominator) => denominator <= 0 ? null : Math.Round(numerator / (double)denominator, 4);

    internal static double? Mean(long sum, long count) => count <= 0 ? null : Math.Round(sum / (double)count, 1);
}

/// <summary>
/// An agent's figures: calls answered and their talk time, rings not answered, logged-in and paused time (union of the
/// agent's intervals, clipped to the period), occupancy = talk ÷ (logged-in − paused). Null (not applicable) for a static
/// member, whose sessions the PBX never logs, and wherever the denominator is 0.
/// </summary>
public sealed record AgentFigures(string Agent, int Answered, long TalkSeconds, int RingsNotAnswered, long? LoggedInSeconds, long? PausedSeconds, double? Occupancy);

public sealed record QueueReport(
    string? Line, string? Queue, DateOnly From, DateOnly To, QueueGrouping GroupBy, int ServiceLevelSeconds, int ShortAbandonSeconds, double ServiceLevelTarget,
    QueueFigures Total, IReadOnlyList<QueueFigures> Rows, IReadOnlyList<AgentFigures> Agents);

public sealed record QueueReportRequest(Guid EnterpriseId, string? Line, string? Queue, DateOnly From, DateOnly To, QueueGrouping GroupBy);

/// <summary>Queue figures from the roll-ups (they outlive the purged stays) and the agents' intervals.</summary>
public sealed class QueueFiguresHandler(Hotline95DbContext db, IOptions<QueueOptions> options, TimeProvider clock)
{
    public const int MaxDays = 400;

    public async Task<Result<QueueReport>> HandleAsync(QueueReportRequest r, CancellationToken ct = default)
    {
        if (r.To < r.From)
        {
            return Error.Validation("to", "RANGE_INVALID", ("from", r.From), ("to", r.To));
        }

        if (r.To.DayNumber - r.From.DayNumber >= MaxDays)
        {
            return Error.Validation("to", "RANGE_TOO_LONG", ("max", MaxDays));
        }

        var hours = await db.QueueHours.AsNoTracking()
            .Where(h => h.EnterpriseId == r.EnterpriseId && h.Day >= r.From && h.Day <= r.To && (r.Line == null || h.Line == r.Line) && (r.Queue == null || h.Queue == r.Queue))
            .ToListAsync(ct);
        var rows = r.GroupBy switch
        {
            QueueGrouping.Day => hours.GroupBy(h => h.Day).OrderBy(g => g.Key).Select(g => QueueFigures.Sum(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g)).ToList(),
            QueueGrouping.Hour => hours.GroupBy(h => (h.Day, h.Hour)).OrderBy(g => g.Key).Select(g => QueueFigures.Sum($"{g.Key.Day:yyyy-MM-dd} {g.Key.Hour:00}", g)).ToList(),
            QueueGrouping.Queue => hours.GroupBy(h => h.Queue).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => QueueFigures.Sum(g.Key, g)).ToList(),
            QueueGrouping.QueueDay => hours.GroupBy(h => (h.Day, h.Queue)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Queue, StringComparer.Ordinal)
                .Select(g => QueueFigures.Sum($"{g.Key.Day:yyyy-MM-dd} {g.Key.Queue}", g)).ToList(),
            _ => [],
        };

        var agents = r.GroupBy == QueueGrouping.Agent ? await AgentsAsync(r, ct) : [];
        var o = options.Value;
        return new QueueReport(r.Line, r.Queue, r.From, r.To, r.GroupBy, o.ServiceLevelSeconds, o.ShortAbandonSeconds, o.ServiceLevelTarget,
            QueueFigures.Sum("total", hours), rows, agents);
    }

    /// <summary>One row per calendar month overlapping [from, to] (key yyyy-MM; months without queue records included, as zeros and n/a), and the total.</summary>
    public async Task<(IReadOnlyList<QueueFigures> Months, QueueFigures Total)> MonthlyAsync(Guid enterpriseId, string line, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var hours = await db.QueueHours.AsNoTracking().Where(h => h.EnterpriseId == enterpriseId && h.Line == line && h.Day >= from && h.Day <= to).ToListAsync(ct);
        var byMonth = hours.ToLookup(h => h.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var months = new List<QueueFigures>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months.Add(QueueFigures.Sum(key, byMonth[key]));
        }

        return (months, QueueFigures.Sum("total", hours));
    }

    private async Task<List<AgentFigures>> AgentsAsync(QueueReportRequest r, CancellationToken ct)
    {
        var days = await db.QueueAgentDays.AsNoTracking()
            .Where(a => a.EnterpriseId == r.EnterpriseId && a.Day >= r.From && a.Day <= r.To && (r.Line == null || a.Line == r.Line) && (r.Queue == null || a.Queue == r.Queue))
            .ToListAsync(ct);

        // The queues in scope: their agents' intervals count, and so do intervals in every queue (AGENTLOGIN, PAUSEALL).
        var queues = r.Queue is not null ? [r.Queue]
            : (await db.Lines.AsNoTracking().Where(l => l.EnterpriseId == r.EnterpriseId && (r.Line == null || l.Number == r.Line)).ToListAsync(ct)).SelectMany(l => l.Queues).ToList();
        var start = ChinaTime.StartOfDay(r.From);
        var end = ChinaTime.StartOfDay(r.To.AddDays(1));
        var now = clock.GetUtcNow();
        if (now < end)
        {
            end = now < start ? start : now;
        }

        var inScope = db.AgentIntervals.AsNoTracking().Where(i => i.EnterpriseId == r.EnterpriseId && (i.Queue == "" || queues.Contains(i.Queue)));
        var inPeriod = (await inScope.Where(i => i.StartedAt < end && (i.EndedAt == null || i.EndedAt > start)).ToListAsync(ct))
            .Where(i => (i.EndedAt ?? now) > start).ToList();
        var dynamicAgents = (await inScope.Where(i => i.Kind == AgentIntervalKind.Session).Select(i => i.Agent).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var agentNames = days.Select(d => d.Agent)
            .Concat(inPeriod.Where(i => i.Queue.Length > 0 && i.Kind == AgentIntervalKind.Session).Select(i => i.Agent))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var result = new List<AgentFigures>();
        foreach (var agent in agentNames)
        {
            var mine = days.Where(d => d.Agent == agent).ToList();
            var answered = mine.Sum(d => d.Answered);
            var talk = mine.Sum(d => d.TalkSeconds);
            var rings = mine.Sum(d => d.RingsNotAnswered);
            if (!dynamicAgents.Contains(agent))
            {
                result.Add(new AgentFigures(agent, answered, talk, rings, null, null, null));
                continue;
            }

            var sessions = Intervals.Union(inPeriod.Where(i => i.Agent == agent && i.Kind == AgentIntervalKind.Session).Select(i => Clip(i, start, end, now)));
            var pauses = Intervals.Union(inPeriod.Where(i => i.Agent == agent && i.Kind == AgentIntervalKind.Pause).Select(i => Clip(i, start, end, now)));
            var loggedIn = Intervals.Seconds(sessions);
            var paused = Intervals.Seconds(Intervals.Intersect(sessions, pauses));
            result.Add(new AgentFigures(agent, answered, talk, rings, loggedIn, paused, QueueFigures.Ratio(talk, loggedIn - paused)));
        }

        return result;
    }

    private static (DateTimeOffset From, DateTimeOffset To) Clip(AgentInterval i, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var from = i.StartedAt < start ? start : i.StartedAt;
        var to = i.EndedAt ?? now;
        return (from, to > end ? end : to);
    }
}

/// <summary>Sets of time intervals: union, intersection and length, for logged-in and paused time.</summary>
public static class Intervals
{
    public static List<(DateTimeOffset From, DateTimeOffset To)> Union(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> intervals)
    {
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var (from, to) in intervals.Where(i => i.To > i.From).OrderBy(i => i.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }

    /// <summary>The intersection of two unions (each sorted and disjoint).</summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Intersect(List<(DateTimeOffset From, DateTimeOffset To)> a, List<(DateTimeOffset From, DateTimeOffset To)> b)
    {
        var result = new List<(DateTimeOffset From, DateTimeOffset To)>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var from = a[i].From > b[j].From ? a[i].From : b[j].From;
            var to = a[i].To < b[j].To ? a[i].To : b[j].To;
            if (to > from)
            {
                result.Add((from, to));
            }

            if (a[i].To < b[j].To)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    public static long Seconds(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> intervals) => (long)intervals.Sum(i => (i.To - i.From).TotalSeconds);
}
