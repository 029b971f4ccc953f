using System.Globalization;
using Hotline95.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// A month (or any period) of one line or all lines, from the daily roll-ups. Answer rate: inbound calls
/// that were not missed. Average talk time: per answered call. Distinct callers: the merged sketches (±2%).
/// </summary>
public sealed record PeriodFigures(string Period, int Calls, int CallsIn, int CallsOut, int Answered, int Missed, double AnswerRate,
    double AverageTalkSeconds, double AverageRingSeconds, long DistinctCallers, int Complaints, double ComplaintsPer1000Calls)
{
    public static PeriodFigures Sum(string period, IReadOnlyCollection<DailyLineFigures> days)
    {
        var sketch = CallerSketch.Empty();
        foreach (var day in days)
        {
            CallerSketch.MergeInto(sketch, day.Callers);
        }

        var callsIn = days.Sum(d => d.CallsIn);
        var calls = callsIn + days.Sum(d => d.CallsOut);
        var answered = days.Sum(d => d.Answered);
        var missed = days.Sum(d => d.Missed);
        var complaints = days.Sum(d => d.Complaints);
        return new PeriodFigures(period, calls, callsIn, calls - callsIn, answered, missed,
            callsIn == 0 ? 0 : Math.Round((callsIn - missed) / (double)callsIn, 4),
            answered == 0 ? 0 : Math.Round(days.Sum(d => d.TalkSeconds) / (double)answered, 1),
            calls == 0 ? 0 : Math.Round(days.Sum(d => d.RingSeconds) / (double)calls, 1),
            Math.Min(CallerSketch.Estimate(sketch), calls), complaints,
            calls == 0 ? 0 : Math.Round(complaints * 1000.0 / calls, 3));
    }
}

public sealed class LineFiguresHandler(Hotline95DbContext db)
{
    /// <summary>One row per line and day, in day order, its shards added up.</summary>
    public async Task<List<DailyLineFigures>> DaysAsync(Guid enterpriseId, string? line, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        DailyLineFigures.Combine(await db.DailyFigures.AsNoTracking()
            .Where(d => d.EnterpriseId == enterpriseId && d.Day >= from && d.Day <= to && (line == null || d.Line == line))
            .OrderBy(d => d.Day).ToListAsync(ct));

    /// <summary>One row per calendar month overlapping [from, to], months without calls included (as zeros).</summary>
    public async Task<IReadOnlyList<PeriodFigures>> MonthlyAsync(Guid enterpriseId, string? line, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var days = await DaysAsync(enterpriseId, line, from, to, ct);
        var byMonth = days.ToLookup(d => d.Day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var months = new List<PeriodFigures>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months.Add(PeriodFigures.Sum(key, byMonth[key].ToList()));
        }

        return months;
    }
}
