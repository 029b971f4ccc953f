using Hotline95.Core.Common;

namespace Hotline95.Core.Monitoring;

/// <summary>
/// A line's figures for one day (Asia/Shanghai), kept up to date as calls and complaints arrive so that
/// reports never scan raw calls. No personal data: counts, seconds, and a sketch from which no caller can be
/// recovered. Roll-ups outlive the records: a retention purge leaves them as they are.
/// </summary>
public sealed class DailyLineFigures : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public DateOnly Day { get; init; }
    /// <summary>Which writer's row this is (<see cref="RollupShards"/>): a day's figures are the sum of its shards' rows.</summary>
    public int Shard { get; init; }
    public int CallsIn { get; set; }
    public int CallsOut { get; set; }
    public int Answered { get; set; }
    public int Missed { get; set; }
    public long TalkSeconds { get; set; }
    public long RingSeconds { get; set; }
    public int Complaints { get; set; }
    /// <summary>A <see cref="CallerSketch"/> of the day's distinct callers.</summary>
    public required byte[] Callers { get; set; }

    /// <summary>One row per line and day: the shards' counts added up and their caller sketches merged.</summary>
    public static List<DailyLineFigures> Combine(IEnumerable<DailyLineFigures> rows) =>
        [.. rows.GroupBy(r => (r.EnterpriseId, r.Line, r.Day)).Select(g =>
        {
            var sum = new DailyLineFigures { EnterpriseId = g.Key.EnterpriseId, Line = g.Key.Line, Day = g.Key.Day, Callers = CallerSketch.Empty() };
            foreach (var row in g)
            {
                sum.CallsIn += row.CallsIn;
                sum.CallsOut += row.CallsOut;
                sum.Answered += row.Answered;
                sum.Missed += row.Missed;
                sum.TalkSeconds += row.TalkSeconds;
                sum.RingSeconds += row.RingSeconds;
                sum.Complaints += row.Complaints;
                CallerSketch.MergeInto(sum.Callers, row.Callers);
            }

            return sum;
        })];
}

/// <summary>Calls started in one hour of one day on one line: the series the surge detector watches.</summary>
public sealed class HourlyLineVolume : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public DateOnly Day { get; init; }
    public int Hour { get; init; }
    /// <summary>As <see cref="DailyLineFigures.Shard"/>: an hour's calls are the sum of its shards' rows.</summary>
    public int Shard { get; init; }
    public int Calls { get; set; }
}
