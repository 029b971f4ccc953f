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
    public int CallsIn { get; set; }
    public int CallsOut { get; set; }
    public int Answered { get; set; }
    public int Missed { get; set; }
    public long TalkSeconds { get; set; }
    public long RingSeconds { get; set; }
    public int Complaints { get; set; }
    /// <summary>A <see cref="CallerSketch"/> of the day's distinct callers.</summary>
    public required byte[] Callers { get; set; }
}

/// <summary>Calls started in one hour of one day on one line: the series the surge detector watches.</summary>
public sealed class HourlyLineVolume : ITenantScoped
{
    public Guid EnterpriseId { get; init; }
    public required string Line { get; init; }
    public DateOnly Day { get; init; }
    public int Hour { get; init; }
    public int Calls { get; set; }
}
